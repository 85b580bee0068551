-- wrk, loaded by the request scripts (from the repository's root): with PAUSE_MS (env), each connection waits that
-- long after an answer before it asks again, for a rate far below saturation
local pause = tonumber(os.getenv("PAUSE_MS") or "")
if pause then
  function delay()
    return pause
  end
end
