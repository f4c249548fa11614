-- otpbox for Neovim: starts "otpbox lsp" for Erlang buffers, keeps the
-- code lenses (Run, Debug, tests, the live process count) fresh, runs the
-- server's commands (docs/lsp-extensions.md) from user commands, shows
-- program output in a scratch buffer, and, when nvim-dap is installed,
-- registers "otpbox dap" with it for the Debug lens.
--
-- It uses only the API of Neovim 0.7 (Debian's): vim.lsp.start_client and
-- buf_attach_client rather than 0.8's vim.lsp.start, and no vim.fs.
--
--   require("otpbox").setup({
--     cmd = { "otpbox", "lsp" },
--     isolation = "wasm",            -- or "native" (faster; trusted code)
--     sandbox = { memory = "256MiB", timeout = "30s" }, -- limits; see README
--     root_markers = { "rebar.config", "erlang.mk", ".git" },
--   })

local M = {}

local defaults = {
  cmd = { "otpbox", "lsp" },
  -- The debug adapter's command for nvim-dap; nil: cmd's program with
  -- "dap --isolation <isolation>".
  dap_cmd = nil,
  isolation = "wasm",
  -- The workspace sandbox's limits (the server's otpbox.sandbox settings,
  -- and but for timeout the debug sessions' launch limits); an absent one
  -- is the server's default: memory "256MiB", timeout "30s", maxProcesses
  -- 100000, maxAtoms 1048576, maxOutput "10MiB", maxModuleSize "4MiB".
  sandbox = {},
  root_markers = { "rebar.config", "erlang.mk", ".git" },
  -- Whether output opens the output window when it is not shown.
  show_output = true,
}

-- The limits setup's sandbox table may hold: the keys of the server's
-- otpbox.sandbox settings besides isolation, which are also the names of
-- otpbox dap's launch limits.
local sandbox_keys = { "memory", "timeout", "maxProcesses", "maxAtoms", "maxOutput", "maxModuleSize" }

-- state is per setup() call; a second setup replaces it (its clients keep
-- running until their buffers close).
local state = {
  config = nil,
  dap_adapter = nil, -- the adapter table this plugin gave nvim-dap
  clients = {}, -- root directory -> client id
  output_buf = nil,
  output_partial = false, -- the output buffer's last line lacks its "\n"
  output_fresh = true, -- nothing written yet: the buffer's one empty line is not output
}

local function notify(msg, level)
  vim.notify("otpbox: " .. msg, level or vim.log.levels.INFO)
end

-- find_root walks up from the file's directory to the first directory
-- holding one of the markers; without one the file's directory is the
-- workspace, so that a lone module still gets a server.
local function find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local start = dir
  while true do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. m) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- Output buffer --------------------------------------------------------------

--- The scratch buffer program output goes to (created on first use).
function M.output_buffer()
  local b = state.output_buf
  if b and vim.api.nvim_buf_is_valid(b) then
    return b
  end
  b = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_name(b, "otpbox://output")
  vim.bo[b].filetype = "otpboxoutput"
  vim.bo[b].bufhidden = "hide"
  state.output_buf = b
  state.output_partial = false
  state.output_fresh = true
  return b
end

local function show_buffer(b)
  if vim.fn.bufwinid(b) ~= -1 then
    return
  end
  local cur = vim.api.nvim_get_current_win()
  vim.cmd("botright 12split")
  vim.api.nvim_win_set_buf(0, b)
  vim.api.nvim_set_current_win(cur)
end

-- append adds text as printed: a chunk need not end a line, and the next
-- chunk continues it.
local function append(text)
  local b = M.output_buffer()
  local lines = vim.split(text, "\n", true)
  local n = vim.api.nvim_buf_line_count(b)
  -- A new buffer's single empty line is replaced, not appended to; that is
  -- known from state, not from the content, since a blank line of output
  -- looks the same.
  if state.output_partial or state.output_fresh then
    local last = vim.api.nvim_buf_get_lines(b, n - 1, n, true)[1]
    lines[1] = last .. lines[1]
    vim.api.nvim_buf_set_lines(b, n - 1, n, true, lines)
  else
    vim.api.nvim_buf_set_lines(b, n, n, true, lines)
  end
  -- A chunk ending in "\n" leaves an empty last element: drop it so that
  -- the buffer holds whole lines, and remember when it did not.
  state.output_fresh = false
  n = vim.api.nvim_buf_line_count(b)
  if lines[#lines] == "" and n > 1 then
    vim.api.nvim_buf_set_lines(b, n - 1, n, true, {})
    state.output_partial = false
  else
    state.output_partial = true
  end
  if state.config and state.config.show_output then
    show_buffer(b)
  end
  local win = vim.fn.bufwinid(b)
  if win ~= -1 then
    vim.api.nvim_win_set_cursor(win, { vim.api.nvim_buf_line_count(b), 0 })
  end
end

-- append_line starts a line of its own, after any partial output.
local function append_line(line)
  if state.output_partial then
    append("\n")
  end
  append(line .. "\n")
end

-- Notifications ----------------------------------------------------------------

local handlers = {
  ["otpbox/output"] = function(_, params)
    if params and type(params.text) == "string" then
      append(params.text)
    end
  end,
  ["otpbox/reloaded"] = function(_, params)
    if params then
      notify(string.format("reloaded %s (version %d, %.1f ms)", params.module, params.version, params.millis or 0))
    end
  end,
  -- The snapshot also answers otpbox.processTree, which draws it.
  ["otpbox/processTree"] = function() end,
}

-- Commands ---------------------------------------------------------------------

-- client_for returns the otpbox client attached to the buffer.
local function client_for(bufnr)
  -- buf_get_clients is 0.7's way; later versions deprecate it.
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(clients) do
    if c.name == "otpbox" then
      return c
    end
  end
  return nil
end

-- module_of reads the -module attribute; the file name is the fallback
-- (Erlang requires them to agree).
local function module_of(bufnr)
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local name = line:match("^%s*%-module%s*%(%s*([^%s%)]+)%s*%)")
    if name then
      return (name:gsub("^'(.*)'$", "%1"))
    end
  end
  return vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":t:r")
end

-- execute sends workspace/executeCommand through the buffer's client and
-- calls on_result with the answer; errors are reported, not raised.
local function execute(bufnr, command, arguments, on_result)
  local client = client_for(bufnr)
  if not client then
    notify("no otpbox server attached to this buffer", vim.log.levels.ERROR)
    return
  end
  client.request("workspace/executeCommand", { command = command, arguments = arguments }, function(err, result)
    if err then
      notify(command .. ": " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    on_result(result)
  end, bufnr)
end

-- report_run writes a run's or test's answer after its output.
local function report_run(what, result)
  result = result or {}
  for _, e in ipairs(result.compileErrors or {}) do
    append_line("compile error: " .. (type(e) == "string" and e or vim.inspect(e)))
  end
  if result.exception and result.exception ~= "" then
    append_line(what .. " raised: " .. result.exception)
  else
    append_line(what .. " = " .. tostring(result.value))
  end
  vim.lsp.codelens.refresh()
end

--- Runs module:fn() (fn defaults to main) of the current buffer's module.
function M.run(fn, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local mod = module_of(bufnr)
  fn = (fn and fn ~= "") and fn or "main"
  local what = mod .. ":" .. fn .. "()"
  append_line("-- " .. what)
  execute(bufnr, "otpbox.run", { vim.uri_from_bufnr(bufnr), mod, fn }, function(r)
    report_run(what, r)
  end)
end

--- Runs the module's EUnit tests, or one test when test is given.
function M.test(test, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local mod = module_of(bufnr)
  local args = { vim.uri_from_bufnr(bufnr), mod }
  local what = "eunit:test(" .. mod .. ")"
  if test and test ~= "" then
    table.insert(args, test)
    what = "eunit:test({" .. mod .. ", " .. test .. "})"
  end
  append_line("-- " .. what)
  execute(bufnr, "otpbox.test", args, function(r)
    report_run(what, r)
  end)
end

--- Compiles the buffer's text and hot-loads it into the workspace sandbox.
function M.reload(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  execute(bufnr, "otpbox.reload", { vim.uri_from_bufnr(bufnr) }, function(r)
    notify(string.format("loaded %s (version %d, %.1f ms)", r.module, r.version, r.millis or 0))
  end)
end

--- Draws a process snapshot as a tree, one process a line, children
--- indented under the process (pid or registered name) named as parent.
function M.format_tree(processes)
  local known, children, roots = {}, {}, {}
  for _, p in ipairs(processes) do
    known[p.pid] = p
    if p.name ~= "" then
      known[p.name] = p
    end
  end
  for _, p in ipairs(processes) do
    local parent = known[p.parent]
    if p.parent ~= "" and parent and parent ~= p then
      children[parent.pid] = children[parent.pid] or {}
      table.insert(children[parent.pid], p)
    else
      table.insert(roots, p)
    end
  end
  local lines = {}
  local function walk(p, depth)
    local label = p.pid
    if p.name ~= "" then
      label = label .. " " .. p.name
    end
    if p.initialCall ~= "" then
      label = label .. "  " .. p.initialCall
    end
    table.insert(lines, string.rep("  ", depth) .. label)
    for _, c in ipairs(children[p.pid] or {}) do
      walk(c, depth + 1)
    end
  end
  for _, p in ipairs(roots) do
    walk(p, 0)
  end
  return lines
end

--- Shows the workspace sandbox's processes in a scratch buffer.
function M.process_tree(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  execute(bufnr, "otpbox.processTree", {}, function(r)
    local b = vim.fn.bufnr("otpbox://processes")
    if b == -1 then
      b = vim.api.nvim_create_buf(false, true)
      vim.api.nvim_buf_set_name(b, "otpbox://processes")
      vim.bo[b].bufhidden = "hide"
    end
    local lines = M.format_tree((r or {}).processes or {})
    if #lines == 0 then
      lines = { "(no processes: the sandbox is idle)" }
    end
    vim.api.nvim_buf_set_lines(b, 0, -1, false, lines)
    show_buffer(b)
  end)
end

-- Debugging -------------------------------------------------------------------

-- launch_name is the launch configuration this plugin adds to nvim-dap's
-- for Erlang (dap.configurations.erlang).
local launch_name = "otpbox: debug this module's main/0"

-- launch_limits is the launch request's limits: setup's sandbox table,
-- so that a debug session runs under the limits the workspace sandbox
-- has, but for timeout: the sandbox counts it over the whole call, time
-- stopped at a breakpoint included, and a debug session waits there as
-- long as the user looks.
local function launch_limits(cfg)
  local limits = vim.deepcopy(cfg.sandbox)
  limits.timeout = nil
  if next(limits) == nil then
    return nil
  end
  return limits
end

-- dap_module returns nvim-dap with the otpbox adapter and an Erlang
-- launch configuration registered, or nil when nvim-dap is not installed.
-- It looks each time, so that nvim-dap loaded after setup (a lazy plugin
-- manager) is found when Debug is used. An adapter the user defined
-- under the name otpbox is left alone.
local function dap_module()
  local ok, dap = pcall(require, "dap")
  if not ok or type(dap) ~= "table" or type(dap.run) ~= "function" then
    return nil
  end
  local cfg = state.config
  dap.adapters = dap.adapters or {}
  if dap.adapters.otpbox == nil or dap.adapters.otpbox == state.dap_adapter then
    local cmd = cfg.dap_cmd or { cfg.cmd[1], "dap", "--isolation", cfg.isolation }
    state.dap_adapter = { type = "executable", command = cmd[1], args = vim.list_slice(cmd, 2) }
    dap.adapters.otpbox = state.dap_adapter
  end
  dap.configurations = dap.configurations or {}
  local configs = dap.configurations.erlang or {}
  dap.configurations.erlang = configs
  for i, c in ipairs(configs) do
    if c.name == launch_name then
      table.remove(configs, i)
      break
    end
  end
  table.insert(configs, {
    type = "otpbox",
    request = "launch",
    name = launch_name,
    program = "${file}",
    limits = launch_limits(cfg),
  })
  return dap
end

--- Debugs module:fn() (fn defaults to main) of the buffer's module with
--- nvim-dap and `otpbox dap`; without nvim-dap it says so.
function M.debug(fn, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local dap = dap_module()
  if not dap then
    notify("Debug needs nvim-dap (github.com/mfussenegger/nvim-dap), which is not installed; "
      .. "with it, the Debug lens and :OtpboxDebug run `otpbox dap` on this module", vim.log.levels.WARN)
    return
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    notify("Debug: the buffer has no file; save it first", vim.log.levels.ERROR)
    return
  end
  if vim.bo[bufnr].modified then
    notify("Debug: the buffer has unsaved changes; the debugger runs the file as saved", vim.log.levels.WARN)
  end
  local mod = module_of(bufnr)
  fn = (fn and fn ~= "") and fn or "main"
  dap.run({
    type = "otpbox",
    request = "launch",
    name = "otpbox: " .. mod .. ":" .. fn .. "()",
    program = path,
    entry = mod .. ":" .. fn,
    limits = launch_limits(state.config),
  })
end

-- Client-side commands the lenses carry. Run and test go through the
-- same path as the user commands, so that their answers reach the output
-- buffer; Debug starts nvim-dap when it is installed.
local client_commands = {
  ["otpbox.run"] = function(command, ctx)
    local a = command.arguments or {}
    M.run(a[3], ctx.bufnr)
  end,
  ["otpbox.test"] = function(command, ctx)
    local a = command.arguments or {}
    M.test(a[3], ctx.bufnr)
  end,
  ["otpbox.debug"] = function(command, ctx)
    local a = command.arguments or {}
    M.debug(a[3], ctx.bufnr)
  end,
}

-- Attaching ----------------------------------------------------------------------

-- sandbox_settings is the otpbox.sandbox settings tree the server reads
-- (docs/lsp-extensions.md, "Settings"): the isolation and the limits set.
local function sandbox_settings(cfg)
  local s = vim.deepcopy(cfg.sandbox)
  s.isolation = cfg.isolation
  return s
end

local function on_attach(_, bufnr)
  local group = vim.api.nvim_create_augroup("otpbox_lens_" .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost", "CursorHold" }, {
    group = group,
    buffer = bufnr,
    callback = function()
      vim.lsp.codelens.refresh()
    end,
  })
  if bufnr == vim.api.nvim_get_current_buf() then
    vim.lsp.codelens.refresh()
  end
end

--- Starts (or reuses) the server for the buffer's workspace and attaches
--- it; returns the client id.
function M.attach(bufnr)
  local cfg = state.config
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    return nil
  end
  local root = find_root(path, cfg.root_markers)
  local id = state.clients[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client({
      name = "otpbox",
      cmd = cfg.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      init_options = { otpbox = { sandbox = sandbox_settings(cfg) } },
      settings = { otpbox = { sandbox = sandbox_settings(cfg) } },
      handlers = handlers,
      commands = client_commands,
      on_attach = on_attach,
    })
    if not id then
      notify("could not start " .. table.concat(cfg.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    state.clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Configures the plugin: Erlang buffers opened from now on (and the one
--- being edited) get the server, and the :Otpbox* commands are defined.
function M.setup(opts)
  local cfg = vim.tbl_deep_extend("force", {}, defaults, opts or {})
  if cfg.isolation ~= "wasm" and cfg.isolation ~= "native" then
    error(string.format('otpbox.setup: isolation must be "wasm" or "native", not %s', vim.inspect(cfg.isolation)))
  end
  if type(cfg.cmd) ~= "table" or #cfg.cmd == 0 then
    error("otpbox.setup: cmd must be a non-empty list, such as { \"otpbox\", \"lsp\" }")
  end
  if cfg.dap_cmd ~= nil and (type(cfg.dap_cmd) ~= "table" or #cfg.dap_cmd == 0) then
    error("otpbox.setup: dap_cmd must be a non-empty list, such as { \"otpbox\", \"dap\" }")
  end
  if type(cfg.sandbox) ~= "table" then
    error(string.format("otpbox.setup: sandbox must be a table of limits, not %s", vim.inspect(cfg.sandbox)))
  end
  for k in pairs(cfg.sandbox) do
    if not vim.tbl_contains(sandbox_keys, k) then
      error(string.format("otpbox.setup: sandbox.%s is not a limit; they are %s (isolation is setup's own key)",
        tostring(k), table.concat(sandbox_keys, ", ")))
    end
  end
  state.config = cfg
  -- nvim-dap, when it is loaded already, learns the adapter now, so that
  -- its own :DapContinue offers the launch configuration.
  dap_module()

  local group = vim.api.nvim_create_augroup("otpbox", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "erlang",
    callback = function(ev)
      M.attach(ev.buf)
    end,
  })

  local cmd = vim.api.nvim_create_user_command
  cmd("OtpboxRun", function(a) M.run(a.args) end,
    { nargs = "?", desc = "otpbox: run module:main() (or the function given)" })
  cmd("OtpboxTest", function(a) M.test(a.args) end,
    { nargs = "?", desc = "otpbox: run the module's EUnit tests (or the test given)" })
  cmd("OtpboxDebug", function(a) M.debug(a.args) end,
    { nargs = "?", desc = "otpbox: debug module:main() (or the function given) with nvim-dap" })
  cmd("OtpboxReload", function() M.reload() end, { desc = "otpbox: hot-load this module" })
  cmd("OtpboxProcessTree", function() M.process_tree() end, { desc = "otpbox: show the sandbox's processes" })
  cmd("OtpboxOutput", function() show_buffer(M.output_buffer()) end, { desc = "otpbox: show program output" })

  -- setup() called from an ftplugin or after the buffer was opened.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].filetype == "erlang" then
      M.attach(b)
    end
  end
end

return M
