-- wrk script used by bench/run.sh: drives one gateway operation (or, for `run.sh resolve`, a direct read from
-- the Vault emulator) and counts the responses by status code.
--
-- Environment:
--   BENCH_MODE    create (default): POST /api/v1/vault-integrations with a distinct name on every request
--                 get: GET /api/v1/vault-integrations/<id>, cycling through the ids in BENCH_IDS
--                 list: GET /api/v1/vault-integrations?limit=20, the newest page
--                 resolve: POST /api/v1/credentials/<BENCH_CREDENTIAL>/resolve, no body
--                 vault-read: GET <BENCH_VAULT_PATH> with the header X-Vault-Token (a Vault's own API)
--   BENCH_TOKEN   create, get, list: bearer token with the vault-integrations:write scope (write implies read);
--                 resolve: bearer token with the credentials:resolve scope; vault-read: a Vault token (required)
--   BENCH_PREFIX  create: name prefix, unique per run and phase (warm-up / measured); names are
--                 <prefix>-t<thread>-<counter>, so they never repeat within or across runs
--   BENCH_IDS     get: a file with one integration id per line
--   BENCH_CREDENTIAL  resolve: the credential's id
--   BENCH_VAULT_PATH  vault-read: the API path, e.g. /v1/secret/data/bench/login
--
-- done() prints one machine-readable line starting with BENCH_RESULT (latencies in milliseconds), and,
-- when there were any, one BENCH_FIRST_ERROR line with the status and start of the first unexpected body.

local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  error("BENCH_TOKEN is not set")
end

local prefix = os.getenv("BENCH_PREFIX")
if prefix == nil or prefix == "" then
  math.randomseed(os.time())
  prefix = string.format("wrk%d-%d", os.time(), math.random(1, 1000000000))
end

local mode = os.getenv("BENCH_MODE") or "create"
local expected = ({ create = 201, get = 200, list = 200, resolve = 200, ["vault-read"] = 200 })[mode]
if expected == nil then
  error("BENCH_MODE must be create, get, list, resolve or vault-read")
end

local path = "/api/v1/vault-integrations"
local ids = {}
if mode == "get" then
  local file = io.open(os.getenv("BENCH_IDS") or "", "r")
  if file == nil then
    error("BENCH_IDS must name a readable file of ids")
  end
  for line in file:lines() do
    if line ~= "" then
      table.insert(ids, line)
    end
  end
  file:close()
  if #ids == 0 then
    error("BENCH_IDS holds no ids")
  end
end
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}

-- resolve and vault-read send the same request every time: built once
local fixed_request = nil
local function required(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set (BENCH_MODE " .. mode .. ")")
  end
  return value
end
local resolve_path = mode == "resolve" and "/api/v1/credentials/" .. required("BENCH_CREDENTIAL") .. "/resolve"
local vault_path = mode == "vault-read" and required("BENCH_VAULT_PATH")

-- Per thread, once wrk has set the Host header that wrk.format copies into every request.
function init(args)
  if mode == "resolve" then
    -- an empty body, so that the request carries Content-Length: 0
    fixed_request = wrk.format("POST", resolve_path,
      { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }, "")
  elseif mode == "vault-read" then
    fixed_request = wrk.format("GET", vault_path, { ["X-Vault-Token"] = token })
  end
end
local body_head = '{"name":"'
local body_tail = '","type":"hashicorp","config":{'
  .. '"address":"https://vault.prod.example.com:8200",'
  .. '"namespace":"admin/scrapengine",'
  .. '"authMethod":"approle",'
  .. '"roleId":"8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11",'
  .. '"secretId":"s.xxxxxxxxxxxxxxxxxxxxxxxx"}}'

-- Main Lua state only: the threads, numbered from 1 in setup().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

-- Per-thread state. Globals, so that done() can read them with thread:get().
thread_id = 0
sent = 0
ok = 0
other = 0
seen = ""         -- unexpected statuses seen, each followed by a comma; the counts are in status_<code>
first_error = ""  -- status and start of the body of the first unexpected response

function request()
  sent = sent + 1
  if fixed_request ~= nil then
    return fixed_request
  end
  if mode == "get" then
    -- threads start at different offsets so that they do not walk the ids in step
    local index = (sent * 7 + thread_id * 131) % #ids + 1
    return wrk.format("GET", path .. "/" .. ids[index], headers)
  elseif mode == "list" then
    return wrk.format("GET", path .. "?limit=20", headers)
  end
  local name = prefix .. "-t" .. thread_id .. "-" .. sent
  return wrk.format("POST", path, headers, body_head .. name .. body_tail)
end

function response(status, hdrs, body)
  if status == expected then
    ok = ok + 1
    return
  end
  other = other + 1
  local key = "status_" .. status
  local count = _G[key]
  if count == nil then
    seen = seen .. status .. ","
    count = 0
  end
  _G[key] = count + 1
  if first_error == "" then
    local text = string.gsub(string.sub(body or "", 1, 300), "[\r\n]+", " ")
    first_error = status .. " " .. text
  end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  local by_status = {}
  local sample = ""
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
    for code in string.gmatch(thread:get("seen"), "(%d+),") do
      by_status[code] = (by_status[code] or 0) + thread:get("status_" .. code)
    end
    if sample == "" then
      sample = thread:get("first_error")
    end
  end

  local codes = {}
  local non2xx = 0
  for code, count in pairs(by_status) do
    table.insert(codes, code)
    if tonumber(code) < 200 or tonumber(code) > 299 then
      non2xx = non2xx + count
    end
  end
  table.sort(codes)
  local statuses = { expected .. "=" .. total_ok }
  for _, code in ipairs(codes) do
    table.insert(statuses, code .. "=" .. by_status[code])
  end

  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT responses=%d duration_s=%.3f rps=%.2f ok=%d unexpected=%d non2xx=%d"
      .. " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
      .. " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, total_ok, total_other, non2xx,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.timeout, table.concat(statuses, ",")))
  if sample ~= "" then
    io.write("BENCH_FIRST_ERROR " .. sample .. "\n")
  end
end
