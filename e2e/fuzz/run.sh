#!/usr/bin/env bash
# Fuzzes the JSON API with schemathesis against the served OpenAPI document: a release `braid serve --demo` on
# loopback, once as a clinician and once as a client, with real ids for the path parameters. Exits non-zero on any
# failure of the six checks. Usage: e2e/fuzz/run.sh [max examples per operation]
# Needs: .build/release/braid (or BRAID_BIN), and schemathesis in e2e/.venv (pip install -r e2e/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
examples=${1:-40}
binary=${BRAID_BIN:-$PWD/.build/release/braid}
st=${SCHEMATHESIS:-$PWD/e2e/.venv/bin/st}
port=${BRAID_FUZZ_PORT:-18095}
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/braid-fuzz.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

unset DATABASE_URL
BRAID_BCRYPT_COST=10 "$binary" serve --demo --port "$port" --db "$work/fuzz.sqlite" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
    curl -sf "$base/api/v1/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.5
done

json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
token() {
    curl -sf -X POST "$base/api/v1/auth/token" -d "{\"email\": \"$1\", \"password\": \"$2\"}" | json '["token"]'
}

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
checks=$checks,negative_data_rejection,positive_data_acceptance
failed=0
run() {  # run NAME TOKEN SPARE_TOKEN OTHER_ACCOUNT_TOKEN
    local name=$1
    BRAID_TOKEN=$2
    BRAID_SPARE_TOKEN=$3
    BRAID_OTHER_TOKEN=$4
    export BRAID_TOKEN BRAID_SPARE_TOKEN BRAID_OTHER_TOKEN
    echo "== schemathesis as the $name ($examples examples per operation)"
    if ! "$st" --config-file e2e/fuzz/schemathesis.toml run "$base/api/v1/openapi.json" --checks "$checks" \
        --max-examples "$examples" --seed 9 --no-color; then
        failed=1
    fi
}

clinician_token=$(token rivera@demo.braid.test demo-clinician-password)
client_token=$(token client01@demo.braid.test demo-client-password)
# Client 01 is on Dr. Rivera's caseload; an open alert of her caseload is the acknowledge target.
BRAID_CLIENT_ID=$(curl -sf "$base/api/v1/me" -H "Authorization: Bearer $client_token" | json '["id"]')
BRAID_ALERT_ID=$(curl -sf "$base/api/v1/alerts" -H "Authorization: Bearer $clinician_token" | json '["alerts"][0]["id"]')
# Client 01's own records, Dr. Rivera's group and its current homework, and this week's Monday (a diary card's key).
BRAID_ACTIVITY_ID=$(curl -sf "$base/api/v1/me/activities" -H "Authorization: Bearer $client_token" | json '["activities"][0]["id"]')
BRAID_CONTACT_ID=$(curl -sf "$base/api/v1/me/support" -H "Authorization: Bearer $client_token" | json '["contacts"][0]["id"]')
BRAID_GROUP_ID=$(curl -sf "$base/api/v1/me/groups" -H "Authorization: Bearer $client_token" | json '["groups"][0]["id"]')
BRAID_HOMEWORK_ID=$(curl -sf "$base/api/v1/me/groups" -H "Authorization: Bearer $client_token" | json '["homework"][0]["id"]')
BRAID_WEEK_START=$(python3 -c "import datetime; d = datetime.date.today(); print(d - datetime.timedelta(days=d.weekday()))")
export BRAID_CLIENT_ID BRAID_ALERT_ID BRAID_ACTIVITY_ID BRAID_CONTACT_ID BRAID_GROUP_ID BRAID_HOMEWORK_ID BRAID_WEEK_START

# Every token is taken before fuzzing starts: the fuzzed sign-ins fail, and the throttle then makes this
# address wait (429) for a while.
clinician_tokens="$(token rivera@demo.braid.test demo-clinician-password) $(token rivera@demo.braid.test demo-clinician-password)"
client_tokens="$(token client01@demo.braid.test demo-client-password) $(token client01@demo.braid.test demo-client-password)"
# Signing out everywhere ends every token of the account it is sent for: it uses a bystander's token.
other_clinician=$(token chen@demo.braid.test demo-clinician-password)
other_client=$(token client12@demo.braid.test demo-client-password)
# shellcheck disable=SC2086
run clinician $clinician_tokens "$other_clinician"
# shellcheck disable=SC2086
run client $client_tokens "$other_client"

# What the server answered, per operation and status (from its request log: route patterns, never ids), so a
# reader can see that each operation was reached and how often schema-valid data succeeded.
echo "== answers per operation (method, route, status, count)"
grep -oE '(GET|POST|PUT|DELETE) /api/v1[^ ]* [0-9]{3}' "$work/serve.log" | sort | uniq -c | sort -k2,3 -k4n
exit $failed
