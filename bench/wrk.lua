-- wrk script for the MySpotify benchmarks, driven by environment variables:
--   WRK_QUERIES=FILE  rotate over the URL-encoded queries in FILE (one a line), requesting
--                     WRK_PREFIX .. query (default prefix "/api/search?limit=20&q=")
--   WRK_RANGE=VALUE   send "Range: VALUE" with every request (e.g. "bytes=0-")
--   WRK_RANGE_SIZE=N and WRK_RANGE_CHUNK=C
--                     rotate over C-byte ranges at pseudo-random offsets in an N-byte file
--   WRK_TOKEN=TOKEN   send "Authorization: Bearer TOKEN" with every request (bench/run sets it
--                     for MySpotify's /api and /stream, never for nginx or /healthz)
-- done() prints one line "WRKJSON {...}" with latency percentiles (microseconds),
-- request and byte counts and error counts, for bench/run to parse. "errors_status" is wrk's
-- count of answers with a status above 399 (401 included); bench/run fails the run when it is
-- not 0. There is deliberately no response() callback: with one, wrk hands every body to Lua
-- (a copy per answer), which would slow the streaming runs down.

local queries = {}
local prefix = os.getenv("WRK_PREFIX") or "/api/search?limit=20&q="
local query_file = os.getenv("WRK_QUERIES")
if query_file and query_file ~= "" then
  for line in io.lines(query_file) do
    if #line > 0 then queries[#queries + 1] = line end
  end
end
local fixed_range = os.getenv("WRK_RANGE")
local range_size = tonumber(os.getenv("WRK_RANGE_SIZE") or "")
local range_chunk = tonumber(os.getenv("WRK_RANGE_CHUNK") or "")
local token = os.getenv("WRK_TOKEN")
local authorization = (token and token ~= "") and ("Bearer " .. token) or nil

local thread_number = 0
function setup(thread)
  thread_number = thread_number + 1
  thread:set("tid", thread_number)
end

local counter = 0
local seed = 1
function init(args)
  counter = (tid or 1) * 7919
  seed = (tid or 1) * 48271
end

local function next_random()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end

function request()
  counter = counter + 1
  local path = nil
  if #queries > 0 then
    path = prefix .. queries[(counter % #queries) + 1]
  end
  local headers = nil
  if authorization then
    headers = { ["Authorization"] = authorization }
  end
  if fixed_range and fixed_range ~= "" then
    headers = headers or {}
    headers["Range"] = fixed_range
  elseif range_size and range_chunk then
    local slots = math.floor(range_size / range_chunk)
    local start = (next_random() % slots) * range_chunk
    headers = headers or {}
    headers["Range"] = "bytes=" .. start .. "-" .. (start + range_chunk - 1)
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, "errors_read": %d, ' ..
    '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "lat_mean_us": %.1f, "lat_p50_us": %d, ' ..
    '"lat_p90_us": %d, "lat_p99_us": %d, "lat_p999_us": %d, "lat_max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
