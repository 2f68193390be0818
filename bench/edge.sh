#!/usr/bin/env bash
# What the edge costs: the same requests through the gateway (:3080) and straight to the service that
# answers them (auth-service :3081, chat-service :3082) with the same Bearer token (the services verify
# it themselves). Starts its own Parley on the embedded defaults with fake OpenAI-compatible models
# (stopped at the end) and prints, per test and path: rate, p50/p99, errors, and the CPU time per
# request of the gateway, auth-service and chat-service (utime+stime from /proc/<pid>/stat before and
# after the run, divided by the requests completed; a process the path skips shows its idle floor):
#   1. GET /api/user                 wrk, CONNECTIONS connections for DURATION
#   2. GET /api/convos?limit=25      wrk, after seeding 10,000 conversations of 100 other people and
#                                    100 of the measured person (POST /api/convos/import, one file each)
#   3. chat turns, 50 tokens answered at once, 16 clients: turns/s (ChatTurnBench throughput)
#   4. 300 live streams, 50 tokens 20 ms apart, released together by the fake model: p50/p99 of the
#      whole turn from the release to the final event (ideal: about 1 s) (EdgeBench streams)
# Both paths of a test are warmed up (WARMUP each) before either is measured: the first JIT work
# would otherwise fall on the path measured first. The load generator (wrk, the JDK clients, the
# fake models) runs on the same machine and shares its cores with the processes measured (on a 2-core
# machine it takes a good part of them): the figures compare the two paths; they are not capacity.
# Limits that would stop a benchmark are off or raised (message limits, concurrent turns, register,
# login, import); the JVMs run with the benchmark options of chat-turns.sh (full JIT, G1).
# Needs wrk (Debian/Ubuntu: apt-get install -y wrk; macOS: brew install wrk), curl, python3, openssl, xxd, a JDK 21+.
# Usage: bench/edge.sh   Env: DURATION (10, seconds per measured run), WARMUP (30), THREADS (2),
#   CONNECTIONS (32), TURN_CLIENTS (16), STREAMS (300), STREAM_WARMUPS (3), OTHER_USERS (100), CONVOS_PER_USER (100),
#   OWN_CONVOS (100), SEED_PARALLEL (8), SKIP_BUILD (0; 1 runs the jars already built), KEEP (0; 1 keeps
#   the data), LAUNCHER_DEFAULTS (0; 1 runs the JVMs with ./parley's own flags), PARLEY_AOT (false: no start-up caches trained), PARLEY_REDIS_PORT (6395: a private redis-server when one is installed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=../deploy/local/find-jdk.sh
source deploy/local/find-jdk.sh
require_jdk
DURATION="${DURATION:-10}"; DURATION="${DURATION%s}"
WARMUP="${WARMUP:-30}"; WARMUP="${WARMUP%s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TURN_CLIENTS="${TURN_CLIENTS:-16}"
STREAMS="${STREAMS:-300}"
STREAM_WARMUPS="${STREAM_WARMUPS:-3}"
OTHER_USERS="${OTHER_USERS:-100}"
CONVOS_PER_USER="${CONVOS_PER_USER:-100}"
OWN_CONVOS="${OWN_CONVOS:-100}"
SEED_PARALLEL="${SEED_PARALLEL:-8}"
FAST_PORT=18790
SLOW_PORT=18791
BASE=http://127.0.0.1:3080
AUTH_DIRECT=http://127.0.0.1:3081
CHAT_DIRECT=http://127.0.0.1:3082
SERVICES=(auth-service chat-service agent-service file-service mcp-service gateway)
HZ=$(getconf CLK_TCK)
STARTED=$(date +%s)

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench/edge.sh needs wrk: 'apt-get install -y wrk' (Debian/Ubuntu), 'brew install wrk' (macOS)," >&2
  echo "or build it from https://github.com/wg/wrk" >&2
  exit 1
fi
for port in 3080 3081 3082 3083 3084 3085; do
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    echo "Something already serves 127.0.0.1:$port; stop it first (./parley down)." >&2
    exit 1
  fi
done
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building…"
  ./mvnw -q -T1C -DskipTests package
fi
for s in "${SERVICES[@]}"; do
  [[ -f "$s/target/$s-0.1.0-SNAPSHOT.jar" ]] || { echo "$s/target/$s-0.1.0-SNAPSHOT.jar is missing: build first (unset SKIP_BUILD)." >&2; exit 1; }
done
FAKE_CLASSES=chat-service/target/test-classes/io/parley/chat/provider/fake
[[ -f "$FAKE_CLASSES/FakeOpenAi.class" ]] || { echo "$FAKE_CLASSES is missing: build first (unset SKIP_BUILD)." >&2; exit 1; }

WORK="$(mktemp -d)"
# A private copy of the launcher over the built jars: its pid files, logs and Redis stay under $WORK, and
# it never starts a build of its own (./parley up rebuilds when a source is newer than a jar).
SYS="$WORK/sys"
mkdir -p "$SYS/deploy/local" "$WORK/classes/io/parley/chat/provider"
cp parley "$SYS/parley"
cp deploy/local/find-jdk.sh deploy/local/admin.sh "$SYS/deploy/local/"
for s in "${SERVICES[@]}"; do
  mkdir -p "$SYS/$s/target"
  ln -s "$ROOT/$s/target/$s-0.1.0-SNAPSHOT.jar" "$SYS/$s/target/"
done
# The fake models and the load generators, compiled once (a rebuild meanwhile does not touch them).
cp -r "$FAKE_CLASSES" "$WORK/classes/io/parley/chat/provider/"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" bench/ChatTurnBench.java bench/EdgeBench.java
LOADGEN=("$JAVA" -cp "$WORK/classes")

FAKE=("${LOADGEN[@]}" io.parley.chat.provider.fake.FakeOpenAi --tokens 50)
"${FAKE[@]}" --port $FAST_PORT --delay-ms 0 >"$WORK/fake-fast.log" 2>&1 &
FAST_PID=$!
# The slow model holds every answer before its first token until the benchmark releases them all at once.
"${FAKE[@]}" --port $SLOW_PORT --delay-ms 20 --hold-first-token true >"$WORK/fake-slow.log" 2>&1 &
SLOW_PID=$!
cleanup() {
  "$SYS/parley" down >/dev/null 2>&1 || true
  kill "$FAST_PID" "$SLOW_PID" 2>/dev/null || true
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK/data"; fi
  echo "Logs: $SYS/logs"
}
trap cleanup EXIT

cat >"$WORK/librechat.yaml" <<YAML
endpoints:
  custom:
    - name: FakeFast
      apiKey: fake-key
      baseURL: http://127.0.0.1:$FAST_PORT/v1
      models: { default: [fake-model] }
      titleConvo: false
    - name: FakeSlow
      apiKey: fake-key
      baseURL: http://127.0.0.1:$SLOW_PORT/v1
      models: { default: [fake-model] }
      titleConvo: false
YAML
# The start-up caches (AOT) change how quickly the processes start, not how they serve: not trained here.
export PARLEY_AOT="${PARLEY_AOT:-false}"
# The launcher's defaults favour little memory (serial GC, capped heaps); a benchmark runs the production GC (G1).
if [[ "${LAUNCHER_DEFAULTS:-0}" == 1 ]]; then
  unset PARLEY_JAVA_OPTS # the launcher's own flags: serial GC, capped heaps, compact headers (full JIT)
else
  export PARLEY_JAVA_OPTS="${PARLEY_JAVA_OPTS:--Xss512k -XX:+UseG1GC}"
fi
export PARLEY_REDIS_PORT="${PARLEY_REDIS_PORT:-6395}"
export CONFIG_PATH="$WORK/librechat.yaml" PARLEY_DATA_DIR="$WORK/data"
# The key the gateway vouches with; the benchmark signs its requests straight to a service with it.
export PARLEY_EDGE_KEY="${PARLEY_EDGE_KEY:-$(openssl rand -hex 32)}"
export LIMIT_MESSAGE_IP=false LIMIT_MESSAGE_USER=false CONCURRENT_MESSAGE_MAX=1000000
export REGISTER_MAX=1000000 LOGIN_MAX=1000000 IMPORT_IP_MAX=1000000 IMPORT_USER_MAX=1000000
"$SYS/parley" up
for port in $FAST_PORT $SLOW_PORT; do
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" && break; sleep 0.2; done
  curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" || { echo "The fake model on :$port did not start; see $WORK/fake-*.log" >&2; exit 1; }
done

GW_PID=$(cat "$SYS/run/gateway.pid")
AUTH_PID=$(cat "$SYS/run/auth-service.pid")
CHAT_PID=$(cat "$SYS/run/chat-service.pid")

EMAIL="bench-edge@example.com"
PASSWORD="Bench-Password-1"
curl -sf -X POST "$BASE/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench Person\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"confirm_password\":\"$PASSWORD\"}" >/dev/null
# A fresh token before each test: a run longer than SESSION_EXPIRY must not measure 401s.
login() {
  TOKEN=$(curl -sf -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
}

# CPU clock ticks (utime + stime) of a process; the fields after "pid (comm) " start at field 3.
ticks() {
  local stat; stat=$(<"/proc/$1/stat"); stat=${stat##*) }
  local -a f; read -r -a f <<<"$stat"
  echo $(( f[11] + f[12] ))
}
snap() { echo "$(ticks "$GW_PID") $(ticks "$AUTH_PID") $(ticks "$CHAT_PID")"; }
# "before" "after" count -> CPU ms per operation of gateway, auth-service, chat-service
cpu_per() {
  awk -v b="$1" -v a="$2" -v n="$3" -v hz="$HZ" 'BEGIN { split(b, B, " "); split(a, A, " ");
    for (i = 1; i <= 3; i++) printf "%s%.3f", (i > 1 ? " " : ""), (n > 0 ? (A[i] - B[i]) * 1000 / hz / n : 0); print "" }'
}

ROWS=()
# test path rate p50 p99 errors "cpu-gw cpu-auth cpu-chat"
row() {
  local cpu; read -r -a cpu <<<"$7"
  ROWS+=("$(printf '%-28s %-8s %12s %9s %9s %7s | %8s %8s %8s' "$1" "$2" "$3" "$4" "$5" "$6" "${cpu[0]}" "${cpu[1]}" "${cpu[2]}")")
}

expect_ok() { # url
  local code; code=$(curl -s -o "$WORK/check.json" -w '%{http_code}' "$1" -H "Authorization: Bearer $TOKEN" \
    -H "X-Parley-Edge: $(edge_assertion)")
  if [[ "$code" != 200 ]]; then
    echo "GET $1 answered $code, not 200: $(head -c 300 "$WORK/check.json")" >&2
    exit 1
  fi
}

# The gateway's assertion (common's EdgeAssertion: key id, time, HMAC over time, tenant, address), good
# for a minute: made afresh for each wrk run, the gateway replaces it.
edge_assertion() {
  local now mac kid
  now=$(date +%s)
  kid=$(printf '%s' "$PARLEY_EDGE_KEY" | xxd -r -p | sha256sum | cut -c1-8)
  mac=$(printf '%s\n\n' "$now" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$PARLEY_EDGE_KEY" -binary | base64 | tr '+/' '-_' | tr -d '=')
  echo "$kid.$now.$mac"
}

# wrk's summary -> "req/s p50ms p99ms requests non2xx socketErrors"
parse_wrk() {
  awk 'function ms(v) { if (v ~ /us$/) return v * 0.001; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000;
                        if (v ~ /s$/) return v * 1000; return v + 0 }
       /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /requests in/ { n = $1 } /^Requests\/sec:/ { rps = $2 }
       /Non-2xx or 3xx responses:/ { bad += $NF }
       /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { sub(",", "", $i); sock += $i } }
       END { printf "%s %.2f %.2f %d %d %d\n", rps, p50, p99, n, bad, sock }' "$1"
}

warm_wrk() { # url
  expect_ok "$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -H "Authorization: Bearer $TOKEN" \
    -H "X-Parley-Edge: $(edge_assertion)" "$1" >/dev/null
}

run_wrk() { # test path url
  local name=$1 path=$2 url=$3 out="$WORK/wrk-$RANDOM.txt" before after
  before=$(snap)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" \
    -H "X-Parley-Edge: $(edge_assertion)" "$url" >"$out"
  after=$(snap)
  local rps p50 p99 n bad sock cpu
  read -r rps p50 p99 n bad sock <<<"$(parse_wrk "$out")"
  cpu=$(cpu_per "$before" "$after" "$n")
  local errors=$bad; (( sock > 0 )) && errors="$bad+${sock}s"
  printf '   %-8s %9s req/s  p50 %7s ms  p99 %7s ms  %d requests, %s non-2xx, %s socket errors; CPU ms/request gateway/auth/chat %s\n' \
    "$path" "$rps" "$p50" "$p99" "$n" "$bad" "$sock" "$cpu"
  row "$name" "$path" "$(printf '%.0f/s' "$rps")" "$p50" "$p99" "$errors" "$cpu"
}

warm_turns() { # base
  "${LOADGEN[@]}" ChatTurnBench throughput "$1" "$TOKEN" FakeFast "$WARMUP" "$TURN_CLIENTS" >/dev/null
}

run_turns() { # path base
  local path=$1 base=$2 before after out turns rate failed
  before=$(snap)
  out=$("${LOADGEN[@]}" ChatTurnBench throughput "$base" "$TOKEN" FakeFast "$DURATION" "$TURN_CLIENTS")
  after=$(snap)
  turns=$(sed -n 's/.*(\([0-9]*\) turns of.*/\1/p' <<<"$out")
  rate=$(sed -n 's/^throughput \([0-9.]*\) turns.*/\1/p' <<<"$out")
  failed=$(sed -n 's/.*, \([0-9]*\) failed).*/\1/p' <<<"$out")
  local cpu; cpu=$(cpu_per "$before" "$after" "${turns:-0}")
  echo "   $path  $out; CPU ms/turn gateway/auth/chat $cpu"
  row "chat turns ($TURN_CLIENTS clients)" "$path" "$rate/s" "-" "-" "${failed:-?}" "$cpu"
}

run_streams() { # path base
  local path=$1 base=$2 before after out result ok failed p50 p99
  before=$(snap)
  out=$("${LOADGEN[@]}" EdgeBench streams "$base" "$TOKEN" FakeSlow "$STREAMS" "http://127.0.0.1:$SLOW_PORT/v1")
  after=$(snap)
  grep -v '^RESULT' <<<"$out" | sed "s/^/   $path /"
  result=$(grep '^RESULT' <<<"$out")
  ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$result")
  failed=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$result")
  p50=$(sed -n 's/.* p50=\([0-9.NaN]*\).*/\1/p' <<<"$result")
  p99=$(sed -n 's/.* p99=\([0-9.NaN]*\).*/\1/p' <<<"$result")
  local cpu; cpu=$(cpu_per "$before" "$after" "${ok:-0}")
  echo "   $path  CPU ms/turn (start, hold, stream) gateway/auth/chat $cpu"
  row "$STREAMS streams, whole turn" "$path" "${ok:-0} done" "$p50" "$p99" "${failed:-?}" "$cpu"
}

echo "== 1. GET /api/user: wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s (after ${WARMUP}s of warm-up on each path)"
login
# The first load on freshly started JVMs is mostly JIT compilation: give the gateway path longer.
warm_wrk "$BASE/api/user"; warm_wrk "$AUTH_DIRECT/api/user"; warm_wrk "$BASE/api/user"
run_wrk "GET /api/user" gateway "$BASE/api/user"
run_wrk "GET /api/user" direct "$AUTH_DIRECT/api/user"

echo "== 2. GET /api/convos?limit=25 with $(( OTHER_USERS * CONVOS_PER_USER + OWN_CONVOS )) conversations stored"
login
echo "   seeding $OTHER_USERS other people × $CONVOS_PER_USER conversations and $OWN_CONVOS of the measured person" \
  "through the gateway ($SEED_PARALLEL in parallel)…"
"${LOADGEN[@]}" EdgeBench seed "$BASE" "$TOKEN" "$OWN_CONVOS" "$OTHER_USERS" "$CONVOS_PER_USER" "$SEED_PARALLEL" | grep -v '^RESULT'
listed=$(curl -sf "$BASE/api/convos?limit=25" -H "Authorization: Bearer $TOKEN" \
  | python3 -c 'import sys,json; print(len(json.load(sys.stdin)["conversations"]))')
[[ "$listed" == 25 ]] || { echo "GET /api/convos?limit=25 listed $listed conversations, not 25" >&2; exit 1; }
warm_wrk "$BASE/api/convos?limit=25"; warm_wrk "$CHAT_DIRECT/api/convos?limit=25"
run_wrk "GET /api/convos?limit=25" gateway "$BASE/api/convos?limit=25"
run_wrk "GET /api/convos?limit=25" direct "$CHAT_DIRECT/api/convos?limit=25"

echo "== 3. chat turns, 50 tokens at once, $TURN_CLIENTS clients, ${DURATION}s (after ${WARMUP}s of warm-up on each path)"
login
warm_turns "$BASE"; warm_turns "$CHAT_DIRECT"
run_turns gateway "$BASE"
run_turns direct "$CHAT_DIRECT"

echo "== 4. $STREAMS live streams, 50 tokens 20 ms apart, held by the model and released together" \
  "($STREAM_WARMUPS unmeasured rounds on each path first)"
login
for _ in $(seq 1 "$STREAM_WARMUPS"); do
  for base in "$BASE" "$CHAT_DIRECT"; do
    "${LOADGEN[@]}" EdgeBench streams "$base" "$TOKEN" FakeSlow "$STREAMS" "http://127.0.0.1:$SLOW_PORT/v1" >/dev/null
  done
done
run_streams gateway "$BASE"
run_streams direct "$CHAT_DIRECT"

echo
echo "Memory and CPU seconds of the processes after the runs (./parley status; load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
"$SYS/parley" status | sed 's/^/   /'

echo
echo "Parley edge: gateway (:3080) vs straight to the service (auth :3081, chat :3082); $(nproc) cores shared with the load generator"
printf '%-28s %-8s %12s %9s %9s %7s | %s\n' "" "" "" "p50" "p99" "" "CPU ms per request / turn"
printf '%-28s %-8s %12s %9s %9s %7s | %8s %8s %8s\n' "test" "path" "rate" "ms" "ms" "errors" "gateway" "auth" "chat"
for r in "${ROWS[@]}"; do echo "$r"; done
echo "(wrk tests: errors = non-2xx, +Ns = socket errors; turns: failed turns; streams: p50/p99 from the release to"
echo " the final event, ideal about 1 s (50 tokens × 20 ms); CPU includes each run's own overhead, e.g. starting turns)"
echo "Took $(( $(date +%s) - STARTED ))s."
