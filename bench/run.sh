#!/usr/bin/env bash
# npm run bench: installs what is missing (npm packages, Java, pyspark[connect]==4.1.1 in
# .spark/venv, which is both the Spark server and the PySpark client compared against),
# compiles the project with its tsconfig into bench/.build (a private copy of dist/, so a
# concurrent `npm run build` cannot swap modules under a running benchmark), then runs
# bench/.build/bench/run.js. Arguments pass through (e.g. --profile). With Go on PATH (and
# not BENCH_GO=0) it also builds the Go peer, bench/go, into bench/.build/go: its modules
# come from the Go module proxy once, at the versions bench/go/go.sum pins.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
if [ ! -x node_modules/.bin/tspc ]; then npm install --no-audit --no-fund; hash -r; fi
export PATH="$ROOT/node_modules/.bin:$PATH"   # the project's Node 24 (ts-patch needs >= 22.15)
bash scripts/spark-install.sh
"$VENV/bin/python" -c "import pyspark.sql.connect.session, pyarrow, grpc" 2>/dev/null \
  || die "the PySpark Connect client is not importable from $VENV; remove $VENV and re-run"
log "compiling into bench/.build"
rm -rf bench/.build
tspc -p tsconfig.json --outDir bench/.build --declaration false
if [ "${BENCH_GO:-1}" != 0 ] && [[ " ${*} " != *" --profile "* ]]; then
  if command -v go >/dev/null; then
    log "building the Go peer (bench/go) into bench/.build/go"
    (cd bench/go && go build -mod=readonly -o ../.build/go/spark-connect-go-bench .) \
      || log "the Go peer did not build; the run goes on without it"
  else
    log "no go on PATH: the run goes on without the Go peer"
  fi
fi
exec node --expose-gc bench/.build/bench/run.js "$@"
