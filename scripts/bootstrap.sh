#!/usr/bin/env bash
# Sets up the pinned toolchain (Node 22 and pnpm from the npm registry, into .tools/),
# installs the workspace and runs one job: `main` (the pipeline) or `test` (every test).
# Needs only the machine's node and npm. Idempotent: a second run reuses .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

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

case "${1:-}" in
  main) pnpm run main ;;
  test) pnpm run verify ;;
  *) echo "usage: scripts/bootstrap.sh main|test" >&2; exit 2 ;;
esac
