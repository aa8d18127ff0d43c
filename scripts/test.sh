#!/usr/bin/env bash
# npm test: installs what is missing (npm packages, Java, Spark), builds, starts a local
# Spark Connect server, runs every test layer against it, stops it, prints one summary
# line "N passed, N failed[, N skipped]" and exits non-zero on any failure.
# npm run test:unit (first argument --unit): the fast layer without Spark — the unit
# tests (DSL fixture baselines included) and the plan contract tests; installs, starts
# and needs no Spark, Java or Python.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

fail_setup() { log "setup failed: $*"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x node_modules/.bin/tspc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund || fail_setup "npm install"
  hash -r
fi
if [ "${1:-}" != "--unit" ]; then
  bash scripts/spark-install.sh || fail_setup "Spark install (see above)"
fi
npm run -s build || fail_setup "TypeScript build (see above)"
exec node dist/scripts/testRunner.js "$@"
