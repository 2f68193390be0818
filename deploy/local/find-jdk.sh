# Sourced by ./parley and .ci/run: sets JAVA (and JAVA_HOME, PATH) to a JDK of release 21 or newer.
# Order: $JAVA_HOME, java on PATH, then the newest JDK in the system JVM folder.

java_release() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

require_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${d%/}/bin/java"); done
  local c
  for c in "${candidates[@]}"; do
    [[ -x "$c" ]] || continue
    local r; r="$(java_release "$c")"
    if [[ -n "$r" && "${r%%.*}" -ge 21 ]]; then
      JAVA="$c"
      JAVA_HOME="$(cd "$(dirname "$c")/.." && pwd)"
      export JAVA JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Parley needs a JDK of release 21 or newer (none found in JAVA_HOME, on PATH or in /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build, or set JAVA_HOME." >&2
  exit 1
}
