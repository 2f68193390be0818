#!/usr/bin/env bash
# Chat history at scale, through the gateway: one person with 10,000 conversations and one
# conversation of 5,000 messages; prints p50/p99 of the list and get routes.
# Needs a running system (./parley up) and curl. Usage: bench/chat-history.sh [base-url]
# Env: CONVOS (10000), MESSAGES (5000), SAMPLES (200), PARALLEL (8).
set -euo pipefail

BASE="${1:-http://localhost:3080}"
CONVOS="${CONVOS:-10000}"
MESSAGES="${MESSAGES:-5000}"
SAMPLES="${SAMPLES:-200}"
PARALLEL="${PARALLEL:-8}"
EMAIL="bench-${CONVOS}-${MESSAGES}@example.com"
PASSWORD="Bench-Password-1"
NO_PARENT="00000000-0000-0000-0000-000000000000"

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

login() {
  curl -sf -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | json '["token"]'
}

TOKEN=$(login 2>/dev/null || true)
if [[ -z "$TOKEN" ]]; then
  curl -sf -X POST "$BASE/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench Person\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"confirm_password\":\"$PASSWORD\"}" >/dev/null
  TOKEN=$(login)
fi
AUTH="Authorization: Bearer $TOKEN"
export BASE AUTH NO_PARENT

have=$(curl -sf "$BASE/api/convos?limit=100" -H "$AUTH" | json '["conversations"].__len__()')
if (( have < 100 )); then
  echo "Seeding $CONVOS conversations ($PARALLEL in parallel)…"
  started=$(date +%s)
  seq 1 "$CONVOS" | xargs -P "$PARALLEL" -I{} bash -c '
    c=$(cat /proc/sys/kernel/random/uuid); m=$(cat /proc/sys/kernel/random/uuid)
    curl -sf -o /dev/null -X POST "$BASE/api/messages/$c" -H "$AUTH" -H "Content-Type: application/json" \
      -d "{\"messageId\":\"$m\",\"parentMessageId\":\"$NO_PARENT\",\"text\":\"Conversation {} opening words\",\"isCreatedByUser\":true,\"endpoint\":\"openAI\"}"'
  echo "  took $(( $(date +%s) - started ))s"
  LONG=$(cat /proc/sys/kernel/random/uuid)
else
  # resume: the long conversation is the most recently used one
  LONG=$(curl -sf "$BASE/api/convos?limit=1" -H "$AUTH" | json '["conversations"][0]["conversationId"]')
fi

count=$(curl -s "$BASE/api/messages/$LONG" -H "$AUTH" | python3 -c 'import sys,json
try: print(len(json.load(sys.stdin)))
except Exception: print(0)')
if (( count < MESSAGES )); then
  echo "Seeding one conversation up to $MESSAGES messages (has $count)…"
  parent=$(curl -s "$BASE/api/messages/$LONG" -H "$AUTH" | python3 -c 'import sys,json
try: print(json.load(sys.stdin)[-1]["messageId"])
except Exception: print("'"$NO_PARENT"'")')
  started=$(date +%s)
  for i in $(seq $(( count + 1 )) "$MESSAGES"); do
    m=$(cat /proc/sys/kernel/random/uuid)
    curl -sf -o /dev/null --max-time 30 -X POST "$BASE/api/messages/$LONG" -H "$AUTH" -H "Content-Type: application/json" \
      -d "{\"messageId\":\"$m\",\"parentMessageId\":\"$parent\",\"text\":\"Message $i of a long conversation\",\"isCreatedByUser\":$(( i % 2 == 1 ))}" \
      || { echo "save failed at $i" >&2; exit 1; }
    parent=$m
  done
  echo "  took $(( $(date +%s) - started ))s"
fi

SOME=$(curl -sf "$BASE/api/convos?limit=25" -H "$AUTH" | json '["conversations"][12]["conversationId"]')
CURSOR=$(curl -sf "$BASE/api/convos?limit=100" -H "$AUTH" | json '["nextCursor"]')

measure() { # name url
  local name=$1 url=$2
  for _ in $(seq 1 "$SAMPLES"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$url" -H "$AUTH"
  done | sort -n | awk -v name="$name" '{t[NR]=$1} END {
      p50=t[int(NR*0.50+0.5)]; p99=t[int(NR*0.99+0.5)]; if (p99=="") p99=t[NR];
      printf "%-44s n=%d  p50=%7.1f ms  p99=%7.1f ms\n", name, NR, p50*1000, p99*1000 }'
}

total=$(curl -sf "$BASE/api/messages/$LONG" -H "$AUTH" | json '.__len__()')
echo "Long conversation holds $total messages. $SAMPLES samples each:"
measure "GET /api/convos?limit=25 (first page)" "$BASE/api/convos?limit=25"
measure "GET /api/convos?limit=25&cursor=… (after 100)" "$BASE/api/convos?limit=25&cursor=$CURSOR"
measure "GET /api/convos/:id" "$BASE/api/convos/$SOME"
measure "GET /api/messages/:id (whole long convo)" "$BASE/api/messages/$LONG"
measure "GET /api/messages?conversationId=…&pageSize=25" "$BASE/api/messages?conversationId=$LONG&pageSize=25"
measure "GET /api/messages/:id (2-message convo)" "$BASE/api/messages/$SOME"
