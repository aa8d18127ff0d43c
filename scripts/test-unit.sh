#!/usr/bin/env bash
# npm run test:unit: the fast layer, without Spark. Installs missing npm packages, builds,
# then runs the unit tests (DSL fixture baselines included) and the plan contract tests;
# prints the same summary line "N passed, N failed[, N skipped]" as npm test and exits
# non-zero on any failure. Installs and starts no Spark, and needs no Java or Python.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

fail_setup() { log "setup failed: $*"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x node_modules/.bin/tspc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund || fail_setup "npm install"
  hash -r
fi
npm run -s build || fail_setup "TypeScript build (see above)"
exec node dist/scripts/testRunner.js --unit "$@"
