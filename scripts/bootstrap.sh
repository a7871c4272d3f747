#!/usr/bin/env bash
# Does all the set-up for one job, `main` (npm start: the pipeline and the demo) or `test`
# (npm test: every test, what CI runs): the system packages the job needs (scripts/system-deps.sh:
# installed with apt-get where it can, else it stops naming the command), the pinned toolchain
# (Node 22 and pnpm from the npm registry, into .tools/), the workspace install; then runs the job.
# Needs only the machine's node and npm. Idempotent: a second run reuses what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

JOB=${1:-}
case "$JOB" in
  main | test) ;;
  *) echo "usage: scripts/bootstrap.sh main|test" >&2; exit 2 ;;
esac

# shellcheck source=scripts/system-deps.sh
. scripts/system-deps.sh
ensure_system_deps "$JOB" || exit 1

NODE_VERSION=22.23.3
PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
TOOLS="$PWD/.tools"

have_tools() {
  [ -x "$TOOLS/node_modules/.bin/node" ] && [ -x "$TOOLS/node_modules/.bin/pnpm" ] &&
    [ "$("$TOOLS/node_modules/.bin/node" --version)" = "v$NODE_VERSION" ] &&
    [ "$("$TOOLS/node_modules/.bin/pnpm" --version)" = "$PNPM_VERSION" ]
}

if ! have_tools; then
  echo "bootstrap: installing node@$NODE_VERSION and pnpm@$PNPM_VERSION into .tools/"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{ "private": true }' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "pnpm@$PNPM_VERSION"
  have_tools || { echo "bootstrap: the pinned toolchain did not install" >&2; exit 1; }
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"
export TURBO_TELEMETRY_DISABLED=1

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --reporter=append-only
fi

case "$JOB" in
  main) pnpm run main ;;
  test) pnpm run verify ;;
esac
