-- Drives Neovim's built-in LSP client against "otpbox lsp" and writes what
-- the editor saw to a JSON file, for extensions/nvim/nvim_test.go to check.
-- Neovim 0.7 (Debian's) has no "nvim -l", so the test runs
--   nvim --headless --clean -c "luafile lsp_check.lua"
-- with these environment variables:
--   OTPBOX_BIN     the otpbox binary to start
--   OTPBOX_ROOT    the workspace root
--   OTPBOX_FILE    the module to open (absolute path)
--   OTPBOX_RESULT  where to write the JSON result
-- The script always quits, writing {"error": ...} when something failed, so
-- that the test never waits on a stuck editor.

local result = { steps = {} }

local function finish()
  local f = io.open(os.getenv("OTPBOX_RESULT"), "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

local function diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- lnum and col are 0-based; col is a byte index, which the client
    -- converted from the server's UTF-16 positions.
    table.insert(out, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  return out
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "otpbox",
    cmd = { os.getenv("OTPBOX_BIN"), "lsp" },
    root_dir = os.getenv("OTPBOX_ROOT"),
  })
  if not client_id then error("start_client failed") end

  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("OTPBOX_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "erlang"
  vim.lsp.buf_attach_client(bufnr, client_id)

  if not vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end, 20) then
    error("the server did not initialize")
  end
  local client = vim.lsp.get_client_by_id(client_id)
  result.capabilities = client.server_capabilities
  result.offset_encoding = client.offset_encoding

  -- Step 1: the diagnostics of the file as opened.
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    error("no diagnostics after opening the file")
  end
  table.insert(result.steps, diagnostics(bufnr))

  -- The outline, through the editor's request API.
  local function request(method, params)
    local resp, rerr = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
    if not resp then error(method .. ": " .. tostring(rerr)) end
    local r = resp[client_id]
    if not r then error(method .. ": no answer from the server") end
    if r.err then error(method .. ": " .. vim.inspect(r.err)) end
    return r.result
  end
  local doc = vim.lsp.util.make_text_document_params(bufnr)
  result.symbols = request("textDocument/documentSymbol", { textDocument = doc })

  -- Definition and hover at the call (an ASCII line, so the UTF-16
  -- character is the byte column).
  local at = {
    textDocument = doc,
    position = { line = tonumber(os.getenv("OTPBOX_CALL_LINE")), character = tonumber(os.getenv("OTPBOX_CALL_CHAR")) },
  }
  local def = request("textDocument/definition", at)
  if def and def.uri then def = { def } end -- a single Location
  result.definition = def
  result.hover = request("textDocument/hover", at)

  -- Completion in the middle of the call's name.
  local items = request("textDocument/completion", {
    textDocument = doc,
    position = { line = at.position.line, character = tonumber(os.getenv("OTPBOX_COMPLETE_CHAR")) },
  }) or {}
  if items.items then items = items.items end -- a CompletionList
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end

  -- Code lenses over the file, references to greet/1 from the call
  -- (declaration included) and the rename edits for it (not applied).
  result.lenses = {}
  for _, l in ipairs(request("textDocument/codeLens", { textDocument = doc }) or {}) do
    table.insert(result.lenses, { line = l.range.start.line, title = l.command.title, command = l.command.command })
  end
  result.references = request("textDocument/references", {
    textDocument = doc, position = at.position, context = { includeDeclaration = true },
  })
  result.rename = request("textDocument/rename", { textDocument = doc, position = at.position, newName = "salute" })

  -- Step 2: an edit in the middle of a line (sent as an incremental
  -- change) that binds the unbound variable: its error must go away.
  local before = #vim.diagnostic.get(bufnr)
  local lnum = tonumber(os.getenv("OTPBOX_EDIT_LINE"))
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, true)[1]
  local col = line:find(os.getenv("OTPBOX_EDIT_AT"), 1, true)
  if not col then error("edit anchor not found on line " .. lnum) end
  vim.api.nvim_buf_set_text(bufnr, lnum, col - 1, lnum, col - 1, { os.getenv("OTPBOX_EDIT_TEXT") })
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) ~= before end, 20) then
    error("diagnostics did not change after the edit")
  end
  table.insert(result.steps, diagnostics(bufnr))
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), "\n")

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
end)
if not ok then result.error = tostring(err) end
finish()
