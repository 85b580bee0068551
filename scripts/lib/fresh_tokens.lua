-- wrk: each request uses a token never used before, read from TOKENS_FILE; each thread takes its own
-- share and stops when it has used all of it, so every request is a cache miss. With CYCLE=1 a thread starts its
-- share again instead of stopping: every request is still a miss as long as the server's credential cache is
-- much smaller than the file (first-sight.sh's STEADY mode).
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
  cycle = os.getenv("CYCLE") == "1"
end

function request()
  if next_token > #tokens and cycle then
    next_token = 1
  elseif next_token > #tokens then
    wrk.thread:stop()
    return wrk.format("GET", "/api/v2/auth/me")
  end
  local token = tokens[next_token]
  next_token = next_token + 1
  return wrk.format("GET", "/api/v2/auth/me", { ["x-platz-token"] = token })
end
