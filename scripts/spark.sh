#!/usr/bin/env bash
# npm run spark:start | spark:stop — installs Spark if needed, builds, runs scripts/spark.ts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -x node_modules/.bin/tspc ] || npm install --no-audit --no-fund
if [ "${1:-}" = "start" ]; then bash scripts/spark-install.sh; fi
[ -f dist/scripts/spark.js ] && [ "${1:-}" = "stop" ] || npm run -s build
exec node dist/scripts/spark.js "$@"
