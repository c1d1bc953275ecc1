-- GET /store/products as real storefronts ask it: every request a page nobody asked just
-- before, with a key drawn from KEYS (space-separated publishable keys), a limit from 10 to 30
-- and an offset from 0 to OFFSET_MAX (default 180). WRK_EXTRA is appended to every query
-- (fields, region_id ...); with QTERMS (space-separated words) set, each request searches for
-- one of them with q.
local keys, terms = {}, {}
for k in string.gmatch(os.getenv("KEYS") or "", "%S+") do
  table.insert(keys, k)
end
for w in string.gmatch(os.getenv("QTERMS") or "", "%S+") do
  table.insert(terms, w)
end
local extra = os.getenv("WRK_EXTRA") or ""
local offsetMax = tonumber(os.getenv("OFFSET_MAX") or "180")

-- each thread draws its own sequence
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

request = function()
  local path = "/store/products?limit=" .. math.random(10, 30) .. "&offset=" .. math.random(0, offsetMax) .. extra
  if #terms > 0 then
    path = path .. "&q=" .. terms[math.random(#terms)]
  end
  return wrk.format("GET", path, { ["x-publishable-api-key"] = keys[math.random(#keys)] })
end
