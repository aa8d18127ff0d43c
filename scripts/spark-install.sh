#!/usr/bin/env bash
# Installs Spark 4.1.1 (the PyPI pyspark package, which ships the full jar set including
# the Spark Connect server) into a virtualenv under .spark/ for this repository's own
# tests, demo and benchmarks (with the [connect] extra: the benchmarks run the PySpark
# client too). Idempotent: a second run only checks the marker file and Java.
# Applications do not use this script: the library installs Spark on first use into the
# per-user cache (runtime/LocalServer.ts, `npx spark-connect-ts server install`), and
# finds the .spark/venv made here, by the same marker file, when run from this checkout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_java() {
  if command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -qE 'version "(17|21)'; then
    return 0
  fi
  log "Java 17 not found; installing openjdk-17-jre-headless with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "Java 17 or 21 is required to run Spark; install it and re-run"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
}

ensure_java
marker="$VENV/.pyspark-$SPARK_VERSION"
if [ -f "$marker" ] && pyspark_home >/dev/null; then
  exit 0
fi
command -v python3 >/dev/null 2>&1 || die "python3 is required to install pyspark; install it and re-run"
mkdir -p "$SPARK_DIR"
log "installing pyspark[connect]==$SPARK_VERSION into $VENV (one time)"
[ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark[connect]==$SPARK_VERSION"
pyspark_home >/dev/null || die "pyspark installed but its jars were not found under $VENV"
touch "$marker"
log "Spark $SPARK_VERSION installed at $(pyspark_home)"
