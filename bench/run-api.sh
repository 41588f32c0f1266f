#!/usr/bin/env bash
# API load benchmark (issue 4): a release `braid serve` on SQLite with a caseload of 50 clients, each with a
# year of check-ins (simulated, imported with `braid import checkins`), loaded with wrk on loopback.
#   POST /api/v1/me/checkins  (50 client tokens in turn)   target ≥ 2,000/s, p99 < 50 ms
#   GET  /api/v1/clients      (the clinician's caseload)   target p50 < 50 ms
# and, as the peer for check-ins, SQLite's own single-row transaction rate (bench/sqlite_peer.py).
# Usage: bench/run-api.sh [seconds per run] [connections] [wrk threads]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-32}
threads=${3:-2}
command -v wrk >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
echo "== building braid (release)" >&2
swift build -c release --product braid >&2
braid=$PWD/.build/release/braid
work=$(mktemp -d /tmp/braid-api-bench.XXXXXX)
db=$work/bench.sqlite
port=${PORT:-8181}
unset DATABASE_URL
export BRAID_BCRYPT_COST=10
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== seeding 1 clinician, 50 clients × 365 days" >&2
"$braid" migrate --db "$db" >/dev/null 2>&1
echo "bench clinician password" | "$braid" user create --role clinician --email clinician@bench.test \
    --name "Bench Clinician" --password-stdin --db "$db" >/dev/null
start=$(date -u -d "365 days ago" +%F)
profiles=(crash-driven persistent mixed not-low)
for i in $(seq 1 50); do
    echo "bench client password" | "$braid" user create --role client --email "client$i@bench.test" \
        --name "Client $i" --clinician clinician@bench.test --password-stdin --db "$db" >/dev/null
    "$braid" simulate --profile "${profiles[$((i % 4))]}" --days 365 --seed "$i" --start "$start" \
        | "$braid" import checkins --client "client$i@bench.test" - --db "$db" >/dev/null 2>&1
done

"$braid" serve --db "$db" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done
token() {
    curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -d "{\"email\": \"$1\", \"password\": \"$2\"}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
clinician=$(token clinician@bench.test "bench clinician password")
{
    echo "local tokens = {"
    for i in $(seq 1 50); do echo "  \"$(token "client$i@bench.test" "bench client password")\","; done
    echo "}"
    cat <<'LUA'
local counter = 0
local body = '{"mood": 5, "craving": 4, "sleepHours": 7, "used": false}'
request = function()
  counter = counter + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1], ["Content-Type"] = "application/json"}
  return wrk.format("POST", "/api/v1/me/checkins", headers, body)
end
LUA
} >"$work/checkins.lua"

# Warm-up: the first caseload request computes every client's analysis (then cached per data version).
curl -sf -H "Authorization: Bearer $clinician" "http://127.0.0.1:$port/api/v1/clients" -o "$work/caseload.json"
python3 -c "import json; d = json.load(open('$work/caseload.json')); assert len(d['clients']) == 50, len(d['clients'])"

echo "== GET /api/v1/clients (${seconds}s, $connections connections)" >&2
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $clinician" \
    "http://127.0.0.1:$port/api/v1/clients" | tee "$work/caseload.txt" >&2
echo "== POST /api/v1/me/checkins (${seconds}s, $connections connections)" >&2
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$work/checkins.lua" "http://127.0.0.1:$port" \
    | tee "$work/checkins.txt" >&2

# The peer: SQLite's own single-row transaction rate on the same schema (server stopped first, so it has the
# machine to itself as the server had it during its run).
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""
echo "== SQLite peer: single-row transactions (${seconds}s)" >&2
"$braid" migrate --db "$work/peer.sqlite" >/dev/null 2>&1
python3 bench/sqlite_peer.py "$work/peer.sqlite" "$seconds" >"$work/peer.json"
cat "$work/peer.json" >&2

mkdir -p bench/results
python3 - "$work" "$seconds" "$connections" <<'PY' | tee bench/results/api.json
import json, re, sys
work, seconds, connections = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def parse(name):
    text = open(f"{work}/{name}.txt").read()
    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "requestsPerSecond": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50ms": ms("50"), "p99ms": ms("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }
peer = json.load(open(f"{work}/peer.json"))
checkins = parse("checkins")
print(json.dumps({"seconds": seconds, "connections": connections, "caseload": parse("caseload"),
                  "checkins": checkins, "sqliteSingleRowTransactionsPerSecond": peer["transactionsPerSecond"],
                  "checkinsAsFractionOfSQLite": round(checkins["requestsPerSecond"] / peer["transactionsPerSecond"], 3)},
                 indent=2))
PY
