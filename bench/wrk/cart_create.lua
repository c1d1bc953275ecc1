-- POST /store/carts {"region_id": REGION_ID} with the publishable key in env KEY: every request
-- creates a new, empty cart in the key's channel. Non-200 responses are counted per thread and
-- printed by done().
local key = os.getenv("KEY") or ""
local body = string.format('{"region_id":"%s"}', os.getenv("REGION_ID") or "")
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  non200 = 0
  req = wrk.format("POST", "/store/carts",
    { ["x-publishable-api-key"] = key, ["Content-Type"] = "application/json" }, body)
end

request = function()
  return req
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
  io.write(string.format("carts created: %d, non-200: %d\n", summary.requests - bad, bad))
end
