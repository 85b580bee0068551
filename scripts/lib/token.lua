-- wrk: every request carries the token in TOKEN (env), for cache-hit and junk-token runs
local token = os.getenv("TOKEN")
wrk.headers["x-platz-token"] = token
