-- wrk script for bench/holds: every wrk thread is one checkout client with one connection, on its own shopper's
-- account, sending hold, capture, hold, capture... (each capture takes the hold just answered).
-- Arguments: the folder with client-<n>.txt files (bearer token, then the shopper's subject).
local threads = 0

function setup(thread)
  thread:set("client", threads)
  threads = threads + 1
end

function init(args)
  local file = assert(io.open(args[1] .. "/client-" .. client .. ".txt"))
  token = file:read("*l")
  subject = file:read("*l")
  file:close()
  sent = 0
  hold = nil
  failed = 0
  math.randomseed(os.time() * 1000 + client)
end

local function key()
  sent = sent + 1
  return string.format("wrk-%d-%d-%d-%d", client, os.time(), sent, math.random(1, 1000000000))
end

function request()
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key()
  }
  if hold then
    local path = "/api/v1/holds/" .. hold .. "/capture"
    hold = nil
    return wrk.format("POST", path, headers, "{}")
  end
  return wrk.format("POST", "/api/v1/holds", headers, '{"account":"' .. subject
    .. '","currency":"USD","orderReference":"W-' .. sent .. '","amount":100}')
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"status":"active"') and body:match('"id":(%d+)')
    if id then
      hold = id
    end
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrk-result requests=%d seconds=%.3f errors=%d p50=%.3f p99=%.3f\n", summary.requests,
    summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
