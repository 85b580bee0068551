-- wrk: each request uses a token never used before, read from TOKENS_FILE; each thread takes its own
-- share and stops when it has used all of it, so every request is a cache miss.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local all = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    all[#all + 1] = line
  end
  local count = tonumber(os.getenv("THREADS"))
  tokens = {}
  for i = id, #all, count do
    tokens[#tokens + 1] = all[i]
  end
  next_token = 1
end

function request()
  if next_token > #tokens then
    wrk.thread:stop()
    return wrk.format("GET", "/api/v2/auth/me")
  end
  local token = tokens[next_token]
  next_token = next_token + 1
  return wrk.format("GET", "/api/v2/auth/me", { ["x-platz-token"] = token })
end
