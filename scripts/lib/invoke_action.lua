-- wrk: POST an InvokeAction task on DEPLOYMENT as the bot whose token is TOKEN; paced by PAUSE_MS (pause.lua)
wrk.method = "POST"
wrk.headers["x-platz-token"] = os.getenv("TOKEN")
wrk.headers["content-type"] = "application/json"
wrk.body = '{"deployment_id": "' .. os.getenv("DEPLOYMENT") .. '", "operation": {"InvokeAction": {"action_id": "restart", "body": {"graceful": true}}}}'
dofile("scripts/lib/pause.lua")
