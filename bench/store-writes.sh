#!/usr/bin/env bash
# The write path's cost of durability in the embedded store: inserts per second and latency, 1 and 16
# writers, the library's H2 backend (acknowledged before the background commit) against Parley's durable
# one (committed and synced before the answer). Needs the network once for Maven's dependency plugin.
#   bench/store-writes.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/find-jdk.sh
./mvnw -q -pl common -am -DskipTests install
./mvnw -q -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=common/target/bench.classpath
"$JAVA_HOME/bin/java" -cp "common/target/test-classes:common/target/classes:$(cat common/target/bench.classpath)" \
  io.parley.common.mongo.embedded.StoreWritesBench "${1:-10}"
