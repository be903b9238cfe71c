-- wrk script for bench/run: every wrk thread is one signed-in shopper with one connection.
-- Arguments: the folder with shopper-<n>.txt files (session cookie, CSRF token, then one claim code per line)
-- and the load: "bare" (the URL as given, no cookie), "page" (GET /redeem) or "redeem" (POST /redeem, each code
-- once).
local threads = 0

function setup(thread)
  thread:set("shopper", threads)
  threads = threads + 1
end

function init(args)
  load = args[2]
  if load == "bare" then
    return
  end
  local file = assert(io.open(args[1] .. "/shopper-" .. shopper .. ".txt"))
  cookie = file:read("*l")
  token = file:read("*l")
  codes = {}
  for line in file:lines() do
    codes[#codes + 1] = line
  end
  file:close()
  used = 0
end

function request()
  if load == "bare" then
    return wrk.request()
  end
  if load == "page" then
    return wrk.format("GET", "/redeem", { ["Cookie"] = cookie })
  end
  used = used + 1
  -- Past the last code the form is sent empty: the portal answers 200 with a message, counted as a failure.
  local code = codes[used] or ""
  return wrk.format("POST", "/redeem", {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, "csrf-token=" .. token .. "&claimCode=" .. code)
end

function done(summary, latency, requests)
  io.write(string.format("wrk-result requests=%d seconds=%.3f errors=%d p50=%.3f p99=%.3f\n", summary.requests,
    summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
