#!/usr/bin/env bash
# The agent marketplace at scale, through the gateway: 1,000 agents across LibreChat's seven
# categories, 5% promoted, 40% shared publicly, 30% shared with the measuring person, 30% private;
# prints p50/p99 of the marketplace listing (first page, a category, a search, the page after a
# cursor), LibreChat's own GET /api/agents and the categories with counts, as that person.
# Starts its own Parley on the embedded defaults (stopped at the end).
# Usage: bench/agents-marketplace.sh   Env: AGENTS (1000), SAMPLES (200), PARALLEL (16),
# BUILD (1; 0 runs the jars already built).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=../deploy/local/find-jdk.sh
source deploy/local/find-jdk.sh
require_jdk
BASE=http://127.0.0.1:3080
WORK="$(mktemp -d)"

if curl -s -o /dev/null "$BASE/health"; then
  echo "Something already serves $BASE; stop it first (./parley down)." >&2
  exit 1
fi
if [[ "${BUILD:-1}" != 0 ]]; then
  echo "Building…"
  ./mvnw -q -T1C -DskipTests package
fi
cleanup() { PARLEY_DATA_DIR="$WORK/data" ./parley down >/dev/null 2>&1 || true; }
trap cleanup EXIT
# The start-up caches (AOT) change how quickly the processes start, not how they serve: not trained here.
export PARLEY_AOT="${PARLEY_AOT:-false}"
# The launcher's defaults favour little memory (serial GC, capped heaps); a benchmark runs the production GC (G1).
export PARLEY_JAVA_OPTS="${PARLEY_JAVA_OPTS:--Xss512k -XX:+UseG1GC}"
export PARLEY_DATA_DIR="$WORK/data"
./parley up

"$JAVA" bench/AgentMarketplaceBench.java "$BASE" "${AGENTS:-1000}" "${SAMPLES:-200}" "${PARALLEL:-16}"
