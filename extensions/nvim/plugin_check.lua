-- Drives the otpbox plugin (lua/otpbox) in a real Neovim and writes what
-- the editor showed to a JSON file, for nvim_test.go's TestNeovimPlugin.
-- The test runs
--   nvim --headless --clean --cmd "set rtp+=<extensions/nvim>" -c "luafile plugin_check.lua"
-- with these environment variables:
--   OTPBOX_BIN        the otpbox binary
--   OTPBOX_FILE       the module to open (absolute path)
--   OTPBOX_ISOLATION  the isolation to pass to setup()
--   OTPBOX_RESULT     where to write the JSON result
-- Like lsp_check.lua it always quits, writing {"error": ...} on failure.

local C = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "check_common.lua")
local result = C.result()
local wait_for = C.wait_for

local function buffer_lines(name)
  local b = vim.fn.bufnr(name)
  if b == -1 then return {} end
  return vim.api.nvim_buf_get_lines(b, 0, -1, false)
end

C.run(result, function()
  local otpbox = require("otpbox")
  -- A bad isolation is refused by setup, before anything starts.
  local bad_ok, bad_err = pcall(otpbox.setup, { isolation = "vm" })
  result.bad_isolation = bad_ok and "" or tostring(bad_err)
  -- So is a misspelt limit.
  bad_ok, bad_err = pcall(otpbox.setup, { sandbox = { maxProcess = 10 } })
  result.bad_sandbox = bad_ok and "" or tostring(bad_err)
  otpbox.setup({
    cmd = { os.getenv("OTPBOX_BIN"), "lsp" },
    isolation = os.getenv("OTPBOX_ISOLATION"),
    sandbox = { maxProcesses = 5000, memory = "512MiB" },
  })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("OTPBOX_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local client
  wait_for("the client to attach and initialize", 20000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == "otpbox" and c.initialized then
        client = c
        return true
      end
    end
    return false
  end)
  result.init_options = client.config.init_options
  result.root_dir = client.config.root_dir

  -- The lenses the plugin's refresh fetched and Neovim shows.
  wait_for("code lenses", 20000, function() return #vim.lsp.codelens.get(bufnr) > 0 end)
  result.lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
    table.insert(result.lenses, { line = l.range.start.line, title = l.command and l.command.title or "" })
  end

  -- :OtpboxRun: the program's output, then the value, in the output buffer.
  vim.cmd("OtpboxRun")
  wait_for(":OtpboxRun's value in the output buffer", 40000, function()
    for _, line in ipairs(buffer_lines("otpbox://output")) do
      if line:find("main() = ", 1, true) or line:find("raised", 1, true) then return true end
    end
    return false
  end)

  -- :OtpboxTest on the module's EUnit test.
  vim.cmd("OtpboxTest")
  wait_for(":OtpboxTest's value in the output buffer", 40000, function()
    for _, line in ipairs(buffer_lines("otpbox://output")) do
      if line:find("^eunit:test%(") then return true end
    end
    return false
  end)
  result.output = buffer_lines("otpbox://output")

  -- :OtpboxProcessTree after the runs: the sandbox's processes.
  vim.cmd("OtpboxProcessTree")
  wait_for("the process tree buffer", 20000, function() return (buffer_lines("otpbox://processes")[1] or "") ~= "" end)
  result.processes = buffer_lines("otpbox://processes")

  -- :OtpboxReload after an edit: a new version of the module.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, true, { "", "extra() -> ok." })
  vim.cmd("OtpboxReload")
  wait_for(":OtpboxReload's notice", 20000, function()
    for _, n in ipairs(result.notices) do
      if n.msg:find("otpbox: loaded", 1, true) then return true end
    end
    return false
  end)

  vim.lsp.stop_client(client.id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client.id) end, 20)
end)
