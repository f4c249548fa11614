-- Drives the otpbox plugin's Debug lens in a real Neovim against a
-- stand-in for nvim-dap (a `dap` Lua module the Go test writes, since
-- nvim-dap itself cannot be installed here: it is a plugin on GitHub, in
-- no package registry this project reaches). The stand-in records what
-- the plugin registers and the configurations it runs; nvim_test.go's
-- TestNeovimDebugLens then starts the recorded adapter command with the
-- recorded configuration against the real `otpbox dap`.
-- The test runs
--   nvim --headless --clean --cmd "set rtp+=<extensions/nvim>" -c "luafile dap_check.lua"
-- with these environment variables:
--   OTPBOX_BIN        the otpbox binary
--   OTPBOX_FILE       the module to open (absolute path)
--   OTPBOX_ISOLATION  the isolation to pass to setup()
--   OTPBOX_DAP_RTP    the directory holding the stand-in's lua/dap.lua
--   OTPBOX_RESULT     where to write the JSON result
-- Like the other checks it always quits, writing {"error": ...} on failure.

local C = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "check_common.lua")
local result = C.result()
local wait_for = C.wait_for

-- debug_lens runs the Debug lens above main/0 as a user would: the
-- cursor on its line, vim.lsp.codelens.run(), and "Debug" picked from
-- the lenses on that line.
local function debug_lens(bufnr)
  local line
  for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
    if l.command and l.command.title == "Debug" then
      line = l.range.start.line
    end
  end
  if not line then
    error("no Debug lens")
  end
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      if opts.format_item(item) == "Debug" then
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
  vim.lsp.codelens.run()
end

C.run(result, function()
  local otpbox = require("otpbox")
  otpbox.setup({
    cmd = { os.getenv("OTPBOX_BIN"), "lsp" },
    isolation = os.getenv("OTPBOX_ISOLATION"),
    sandbox = { maxProcesses = 5000, timeout = "60s" },
  })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("OTPBOX_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for("code lenses", 20000, function() return #vim.lsp.codelens.get(bufnr) > 0 end)

  -- Without nvim-dap the lens says what it needs.
  debug_lens(bufnr)
  result.without_dap = vim.deepcopy(result.notices)

  -- nvim-dap loaded after setup, as a lazy plugin manager does: the lens
  -- finds it when used.
  vim.opt.runtimepath:append(os.getenv("OTPBOX_DAP_RTP"))
  debug_lens(bufnr)
  local dap = require("dap")
  vim.cmd("OtpboxDebug")
  result.adapter = dap.adapters.otpbox
  result.configurations = dap.configurations.erlang
  result.runs = dap.runs

  -- An adapter the user defined is kept.
  local mine = { type = "executable", command = "my-otpbox", args = { "dap" } }
  dap.adapters.otpbox = mine
  vim.cmd("OtpboxDebug")
  result.user_adapter_kept = dap.adapters.otpbox == mine
  result.notices_after = vim.deepcopy(result.notices)

  local clients = vim.lsp.get_active_clients()
  vim.lsp.stop_client(clients)
  vim.wait(5000, function()
    for _, c in ipairs(clients) do
      if not vim.lsp.client_is_stopped(c.id) then return false end
    end
    return true
  end, 20)
end)
