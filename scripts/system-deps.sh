# The system packages (not from npm) that the README's commands need, in one place, and the
# function that makes sure they are there. Sourced by scripts/bootstrap.sh.
#
# One entry a line: job|file that shows it is installed (a glob)|Debian package|what needs it
#   job: `test` (npm test) or `main` (npm start); npm start needs only what the demo needs.
SYSTEM_DEPS=(
  "test|/usr/bin/chromium|chromium|the browser tests (e2e/, playwright-core drives it)"
  "test|/usr/lib/postgresql/*/bin/postgres|postgresql|the integration tests (PostgreSQL server binaries)"
)

# Prints the Debian packages of SYSTEM_DEPS that job $1 needs and whose file is missing.
missing_system_deps() {
  local entry job check package why
  for entry in "${SYSTEM_DEPS[@]}"; do
    IFS='|' read -r job check package why <<<"$entry"
    [ "$job" = "$1" ] || continue
    # An unquoted glob: compgen lists what matches, nothing when the package is missing.
    compgen -G "$check" >/dev/null || echo "$package"
  done
}

# Makes sure job $1 has its system packages: installs the missing ones with apt-get when it can
# (root on Debian or Ubuntu: one line saying so, apt's output only on failure), otherwise stops
# at once with one message naming the exact command to run. Prints nothing when all are there.
ensure_system_deps() {
  local -a missing
  mapfile -t missing < <(missing_system_deps "$1")
  [ "${#missing[@]}" -eq 0 ] && return 0
  local list="${missing[*]}"
  local command="apt-get update && apt-get install -y --no-install-recommends $list"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: missing system packages: $list; install them with your package manager (on Debian or Ubuntu: sudo sh -c '$command'), then run npm ${1/main/start} again" >&2
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "bootstrap: missing system packages: $list; run: sudo sh -c '$command' and then npm ${1/main/start} again" >&2
    return 1
  fi
  echo "bootstrap: installing system packages with apt-get: $list"
  local log
  log=$(mktemp)
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "bootstrap: apt-get could not install $list (output above)" >&2
    return 1
  fi
  rm -f "$log"
  mapfile -t missing < <(missing_system_deps "$1")
  if [ "${#missing[@]}" -ne 0 ]; then
    echo "bootstrap: apt-get installed $list but ${missing[*]} is still missing" >&2
    return 1
  fi
}
