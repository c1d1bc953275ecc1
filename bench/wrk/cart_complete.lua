-- POST /store/carts/{id}/complete, each cart exactly once. The carts come from the file in env
-- CARTS_FILE (lines "<cart id> <publishable key>", written by bench/carts, each cart holding a
-- line item); thread i of WRK_THREADS takes lines i, i+T, i+2T, ... When a thread has sent all
-- its carts it sends GET /health on its connections (not counted) until every completion has
-- answered, then stops. done() prints the completions, the non-200 count and orders/s measured
-- from the first completion sent to the last one answered (wrk's own duration is the full -d
-- even when the threads stop early, and its req/s includes the few /health fillers).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")
local function now()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

local threads = {}
local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")

setup = function(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

init = function(args)
  carts, keys = {}, {}
  local i = 0
  for line in io.lines(os.getenv("CARTS_FILE")) do
    local id, key = string.match(line, "^(%S+)%s+(%S+)")
    if id then
      if i % nthreads == tid then
        table.insert(carts, id)
        table.insert(keys, key)
      end
      i = i + 1
    end
  end
  sent, orders, non200, fillers = 0, 0, 0, 0
  t_first, t_last = 0, 0
  filler = wrk.format("GET", "/health")
end

request = function()
  -- wrk calls request() once on thread 0 before any connection opens, to check the script, and
  -- never sends what it gets: every thread's first request is a filler, so no cart is lost.
  if not started then
    started = true
    return filler
  end
  if sent >= #carts then
    fillers = fillers + 1
    return filler
  end
  sent = sent + 1
  if sent == 1 then t_first = now() end
  return wrk.format("POST", "/store/carts/" .. carts[sent] .. "/complete",
    { ["x-publishable-api-key"] = keys[sent] })
end

response = function(status, headers, body)
  if status == 200 and string.find(body, '"type":"order"', 1, true) then
    orders = orders + 1
  elseif status ~= 200 then
    non200 = non200 + 1
    if non200 <= 3 then io.stderr:write("non-200: ", status, " ", body, "\n") end
  end
  -- A 200 without an order is a /health filler.
  if orders + non200 >= #carts then
    t_last = now()
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local o, bad, fill = 0, 0, 0
  local first, last = math.huge, 0
  for _, t in ipairs(threads) do
    o = o + (t:get("orders") or 0)
    bad = bad + (t:get("non200") or 0)
    fill = fill + (t:get("fillers") or 0)
    local f, l = t:get("t_first") or 0, t:get("t_last") or 0
    if f > 0 and f < first then first = f end
    if l == 0 then l = first + summary.duration / 1e6 end -- thread ran out of time, not carts
    if l > last then last = l end
  end
  local wall = last - first
  io.write(string.format("completions: %d orders, non-200: %d, /health fillers: %d\n", o, bad, fill))
  io.write(string.format("orders/s: %.1f (%d orders in %.2f s)\n", o / wall, o, wall))
end
