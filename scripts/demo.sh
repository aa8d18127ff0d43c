#!/usr/bin/env bash
# npm start: installs what is missing, builds, and runs examples/demo.ts, which starts
# its own local Spark Connect server through SparkSession.connect("local").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ ! -x node_modules/.bin/tspc ]; then npm install --no-audit --no-fund; hash -r; fi
bash scripts/spark-install.sh
npm run -s build
exec node dist/examples/demo.js
