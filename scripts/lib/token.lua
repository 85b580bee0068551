-- wrk: every request carries the token in TOKEN (env), if set and not empty, for cache-hit and junk-token runs; paced
-- by PAUSE_MS (pause.lua)
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["x-platz-token"] = token
end
dofile("scripts/lib/pause.lua")
