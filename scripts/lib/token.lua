-- wrk: every request carries the token in TOKEN (env), for cache-hit and junk-token runs; with PAUSE_MS (env), each
-- connection waits that long after an answer before it asks again, for a rate far below saturation
local token = os.getenv("TOKEN")
wrk.headers["x-platz-token"] = token
local pause = tonumber(os.getenv("PAUSE_MS") or "")
if pause then
  function delay()
    return pause
  end
end
