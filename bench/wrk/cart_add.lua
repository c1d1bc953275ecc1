-- POST /store/carts/{id}/line-items {"variant_id": V, "quantity": 1} with the publishable key in
-- env KEY. The carts come from the file in env CARTS_FILE (lines "<cart id> <key>", written by
-- bench/carts); each thread walks the carts round-robin from its own offset, and the variants
-- (env VARIANTS, ids of products in the key's channel, separated by spaces) rotate so that a
-- cart gets different variants. Non-200 responses are counted and printed by done().
local key = os.getenv("KEY") or ""
local threads = {}

local function words(s)
  local out = {}
  for w in string.gmatch(s or "", "%S+") do table.insert(out, w) end
  return out
end

setup = function(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

init = function(args)
  non200 = 0
  carts = {}
  for line in io.lines(os.getenv("CARTS_FILE")) do
    local id = string.match(line, "^(%S+)")
    if id then table.insert(carts, id) end
  end
  variants = words(os.getenv("VARIANTS"))
  if #carts == 0 or #variants == 0 then error("CARTS_FILE and VARIANTS must not be empty") end
  headers = { ["x-publishable-api-key"] = key, ["Content-Type"] = "application/json" }
  n = tid * 7919
end

request = function()
  n = n + 1
  local cart = carts[(n % #carts) + 1]
  -- Advance the variant once per pass over the carts, so each cart sees a new variant each time.
  local v = variants[((math.floor(n / #carts) + n) % #variants) + 1]
  return wrk.format("POST", "/store/carts/" .. cart .. "/line-items", headers,
    '{"variant_id":"' .. v .. '","quantity":1}')
end

response = function(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if non200 <= 3 then io.stderr:write("non-200: ", status, " ", body, "\n") end
  end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non200") or 0) end
  io.write(string.format("line items added: %d, non-200: %d\n", summary.requests - bad, bad))
end
