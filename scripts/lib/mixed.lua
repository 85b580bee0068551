-- wrk: one scenario of the soak test's mix, named by SCENARIO; soak.sh runs one wrk per scenario side by side,
-- so that every answer is counted against the request that got it (one wrk mixing scenarios cannot tell which
-- of its connections an answer came back on). Reads BOT_TOKEN, ADMIN_TOKEN, DEPLOYMENT, DEPLOYMENTS_TOKEN.
local bot = os.getenv("BOT_TOKEN")
local admin = os.getenv("ADMIN_TOKEN")
local lister = os.getenv("DEPLOYMENTS_TOKEN")
local deployment = os.getenv("DEPLOYMENT")
local invoke = '{"deployment_id": "' .. deployment .. '", "operation": {"InvokeAction": {"action_id": "restart", "body": {}}}}'

local scenarios = {
  me      = { method = "GET",  path = "/api/v2/auth/me",                token = bot },
  list    = { method = "GET",  path = "/api/v2/deployments?per_page=50", token = lister },
  task    = { method = "POST", path = "/api/v2/deployment-tasks",       token = bot, body = invoke },
  history = { method = "GET",  path = "/api/v2/deployment-tasks?deployment_id=" .. deployment .. "&per_page=20", token = admin },
  audit   = { method = "GET",  path = "/api/v2/audit-events?order=desc&per_page=20", token = admin },
  junk    = { method = "GET",  path = "/api/v2/auth/me",                token = "pzb_junk" },
}
local name = os.getenv("SCENARIO")
local scenario = scenarios[name]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function request()
  local headers = { ["x-platz-token"] = scenario.token, ["content-type"] = "application/json" }
  return wrk.format(scenario.method, scenario.path, headers, scenario.body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

-- one line per status ("answers <scenario> <status> <count>"), then the latency line
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do merged[status] = (merged[status] or 0) + n end
  end
  for status, n in pairs(merged) do io.write(string.format("answers %s %d %d\n", name, status, n)) end
  io.write(string.format("latency %s p50 %.2f p99 %.2f max %.2f errors %d\n", name, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
