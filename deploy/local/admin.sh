# Sourced by ./parley: the admin commands (./parley create-user …, LibreChat's npm run scripts) and the
# operator key they sign in with on this machine.
# shellcheck shell=bash

ADMIN_COMMANDS="create-user invite-user list-users reset-password ban-user delete-user add-balance set-balance list-balances user-stats update-banner delete-banner reset-terms flush-cache"

# The installation's operator key: PARLEY_OPERATOR_KEY when set, else data/operator.key, made once
# (readable by this user only). ./parley up hands it to auth-service, which then accepts it from the
# admin commands; without it operator access would be off.
operator_key() {
  if [[ -z "${PARLEY_OPERATOR_KEY:-}" ]]; then
    local file="$DATA/operator.key"
    if [[ ! -s "$file" ]]; then
      mkdir -p "$DATA"
      (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$file.tmp" && mv "$file.tmp" "$file")
    fi
    PARLEY_OPERATOR_KEY="$(cat "$file")"
  fi
  export PARLEY_OPERATOR_KEY
}

# Runs one admin command against the gateway (PARLEY_URL, default http://localhost:3080), building the
# command's jar first when it is missing or older than its sources.
admin_command() {
  local jar="$ROOT/admin-cli/target/admin-cli-0.1.0-SNAPSHOT-exec.jar"
  if [[ ! -f "$jar" || -n "$(find "$ROOT/admin-cli/src/main" "$ROOT/admin-cli/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    echo "Building the admin commands…" >&2
    (cd "$ROOT" && ./mvnw -q -pl admin-cli -DskipTests package) >&2
  fi
  # An ADMIN's own credentials (PARLEY_ADMIN_TOKEN, --admin-email) take precedence over the operator key.
  [[ -n "${PARLEY_ADMIN_TOKEN:-}" ]] || operator_key
  exec "$JAVA" -jar "$jar" "$@"
}
