#!/usr/bin/env bash
# Chat turns under load, against local fake OpenAI-compatible models (one answering at once, one
# with 20 ms between tokens), through the gateway. Starts its own Parley on the embedded defaults
# (stopped at the end) and prints: (a) time to first delta and to final, direct vs through Parley;
# (b) turns per second; (c) live streams held at once, p99 added inter-token delay, chat-service RSS.
# Accounting runs as configured (CHECK_BALANCE off: transactions are still recorded).
# Usage: bench/chat-turns.sh   Env: LEVELS ("500 1000 2000"), SAMPLES (200), RUN_SECONDS (20), WORKERS (32).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=../deploy/local/find-jdk.sh
source deploy/local/find-jdk.sh
require_jdk
LEVELS="${LEVELS:-500 1000 2000}"
SAMPLES="${SAMPLES:-200}"
SECONDS_RUN="${RUN_SECONDS:-20}"
WORKERS="${WORKERS:-32}"
FAST_PORT=18790
SLOW_PORT=18791
BASE=http://127.0.0.1:3080
WORK="$(mktemp -d)"

if curl -s -o /dev/null "$BASE/health"; then
  echo "Something already serves $BASE; stop it first (./parley down)." >&2
  exit 1
fi
echo "Building…"
./mvnw -q -T1C -DskipTests package
FAKE=(-cp chat-service/target/test-classes io.parley.chat.provider.fake.FakeOpenAi --tokens 50)
"$JAVA" "${FAKE[@]}" --port $FAST_PORT --delay-ms 0 >"$WORK/fake-fast.log" 2>&1 &
FAST_PID=$!
# The slow model holds every answer before its first token until the benchmark releases them all at once.
"$JAVA" "${FAKE[@]}" --port $SLOW_PORT --delay-ms 20 --hold-first-token true >"$WORK/fake-slow.log" 2>&1 &
SLOW_PID=$!
cleanup() {
  PARLEY_DATA_DIR="$WORK/data" ./parley down >/dev/null 2>&1 || true
  kill "$FAST_PID" "$SLOW_PID" 2>/dev/null || true
  [[ -n "${SAMPLER:-}" ]] && kill "$SAMPLER" 2>/dev/null || true
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
export PARLEY_JAVA_OPTS="${PARLEY_JAVA_OPTS:--Xss512k -XX:+UseG1GC}"
export CONFIG_PATH="$WORK/librechat.yaml" LIMIT_MESSAGE_IP=false CONCURRENT_MESSAGE_MAX=1000000 PARLEY_DATA_DIR="$WORK/data"
./parley up

EMAIL="bench-turns@example.com"
PASSWORD="Bench-Password-1"
curl -sf -X POST "$BASE/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench Person\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"confirm_password\":\"$PASSWORD\"}" >/dev/null
TOKEN=$(curl -sf -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')

BENCH=("$JAVA" bench/ChatTurnBench.java)
CHAT_PID=$(cat run/chat-service.pid)
rss() { echo $(( $(ps -o rss= -p "$CHAT_PID") / 1024 )); }

echo "== (a) latency, 50 tokens at once, $SAMPLES turns one after another"
"${BENCH[@]}" direct "http://127.0.0.1:$FAST_PORT/v1" "$SAMPLES"
"${BENCH[@]}" latency "$BASE" "$TOKEN" FakeFast "$SAMPLES"
echo "== (b) throughput, 50-token answers at 0 ms per token, $WORKERS clients for ${SECONDS_RUN}s"
"${BENCH[@]}" throughput "$BASE" "$TOKEN" FakeFast "$SECONDS_RUN" "$WORKERS"
echo "== (c) live streams: N turns started and followed, the model holding them; then all released at once"
echo "   (50 tokens 20 ms apart, so all N stream together for about 1 s)"
echo "chat-service RSS before: $(rss) MiB"
for level in $LEVELS; do
  : >"$WORK/rss"
  ( while true; do rss >>"$WORK/rss"; sleep 0.5; done ) &
  SAMPLER=$!
  "${BENCH[@]}" streams "$BASE" "$TOKEN" FakeSlow "$level" 20 "http://127.0.0.1:$SLOW_PORT/v1"
  kill "$SAMPLER"; SAMPLER=
  echo "   chat-service RSS peak during $level streams: $(sort -n "$WORK/rss" | tail -1) MiB"
done
