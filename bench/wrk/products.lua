-- GET /store/products with the publishable key of one channel (env KEY) or, when KEYS holds
-- several keys separated by spaces, a different key per request, round-robin.
local keys = {}
for k in string.gmatch(os.getenv("KEYS") or os.getenv("KEY") or "", "%S+") do
  table.insert(keys, k)
end
local path = os.getenv("WRK_PATH") or "/store/products?limit=20"
local n = 0

request = function()
  n = n + 1
  local key = keys[(n % #keys) + 1]
  return wrk.format("GET", path, { ["x-publishable-api-key"] = key })
end
