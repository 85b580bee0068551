-- wrk: mixed traffic for the soak test. Reads BOT_TOKEN, ADMIN_TOKEN, DEPLOYMENT, DEPLOYMENTS_TOKEN from the
-- environment; each request is one of the scenarios below, by weight. Counts answers by scenario and status.
local bot = os.getenv("BOT_TOKEN")
local admin = os.getenv("ADMIN_TOKEN")
local lister = os.getenv("DEPLOYMENTS_TOKEN")
local deployment = os.getenv("DEPLOYMENT")
local invoke = '{"deployment_id": "' .. deployment .. '", "operation": {"InvokeAction": {"action_id": "restart", "body": {}}}}'

local scenarios = {
  { weight = 40, name = "me",        method = "GET",  path = "/api/v2/auth/me",                token = bot },
  { weight = 25, name = "list",      method = "GET",  path = "/api/v2/deployments?per_page=50", token = lister },
  { weight = 15, name = "task",      method = "POST", path = "/api/v2/deployment-tasks",       token = bot, body = invoke },
  { weight = 10, name = "history",   method = "GET",  path = "/api/v2/deployment-tasks?deployment_id=" .. deployment .. "&per_page=20", token = admin },
  { weight = 5,  name = "audit",     method = "GET",  path = "/api/v2/audit-events?order=desc&per_page=20", token = admin },
  { weight = 5,  name = "junk",      method = "GET",  path = "/api/v2/auth/me",                token = "pzb_junk" },
}
local total = 0
for _, s in ipairs(scenarios) do total = total + s.weight end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local pick = math.random(total)
  for _, s in ipairs(scenarios) do
    pick = pick - s.weight
    if pick <= 0 then
      current = s.name
      local headers = { ["x-platz-token"] = s.token, ["content-type"] = "application/json" }
      return wrk.format(s.method, s.path, headers, s.body)
    end
  end
end

function response(status, headers, body)
  local key = current .. " " .. status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for key, n in pairs(c) do merged[key] = (merged[key] or 0) + n end
  end
  local keys = {}
  for key in pairs(merged) do table.insert(keys, key) end
  table.sort(keys)
  io.write("answers by scenario and status:\n")
  for _, key in ipairs(keys) do io.write(string.format("  %-16s %d\n", key, merged[key])) end
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; socket errors: connect %d, read %d, write %d, timeout %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
