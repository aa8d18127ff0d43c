# Shared shell helpers for the provisioning scripts. Sourced, not run.
SPARK_VERSION="4.1.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPARK_DIR="${SPARK_CONNECT_TS_DIR:-$ROOT/.spark}"
VENV="$SPARK_DIR/venv"

log() { printf '[spark-connect-ts] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints the pyspark package directory inside the venv (it is a full SPARK_HOME).
pyspark_home() {
  local d
  for d in "$VENV"/lib/python3*/site-packages/pyspark; do
    [ -d "$d/jars" ] && { printf '%s\n' "$d"; return 0; }
  done
  return 1
}
