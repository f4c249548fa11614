-- What plugin_check.lua and dap_check.lua share: the result they write
-- for the Go test, the notices the plugin gave through vim.notify, and
-- waiting with a limit. Each script loads it with dofile from its own
-- directory.

local C = {}

--- A result table whose notices collect what vim.notify was given.
function C.result()
  local result = { notices = {} }
  vim.notify = function(msg, level)
    table.insert(result.notices, { msg = msg, level = level or 0 })
  end
  return result
end

--- Waits up to ms for cond, failing the script with what it waited for.
function C.wait_for(what, ms, cond)
  if not vim.wait(ms, cond, 20) then
    error("timed out waiting for " .. what)
  end
end

--- Runs body, then writes result (with the error, if body failed) to
--- $OTPBOX_RESULT as JSON and quits: the script never leaves the test
--- waiting on an editor.
function C.run(result, body)
  local ok, err = pcall(body)
  if not ok then
    result.error = tostring(err)
  end
  local f = io.open(os.getenv("OTPBOX_RESULT"), "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

return C
