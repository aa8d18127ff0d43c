#!/usr/bin/env bash
# Refreshes proto/spark/connect/*.proto from the Spark Connect server jar of the pinned
# Spark release (installed from PyPI by spark-install.sh). The files are copied unchanged.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$(dirname "$0")/spark-install.sh"
home="$(pyspark_home)"
jar="$home/jars/spark-connect_2.13-$SPARK_VERSION.jar"
[ -f "$jar" ] || die "expected $jar"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && unzip -q -o "$jar" 'spark/connect/*.proto' )
rm -rf "$ROOT/proto/spark"
mkdir -p "$ROOT/proto/spark/connect"
cp "$tmp"/spark/connect/*.proto "$ROOT/proto/spark/connect/"
log "copied $(ls "$ROOT/proto/spark/connect" | wc -l) files from $(basename "$jar")"

# google.rpc.Status / ErrorInfo / RetryInfo, which Spark puts in gRPC error details, come
# from the PyPI package googleapis-common-protos (a dependency of pyspark[connect]).
rpc="$(dirname "$home")/google/rpc"
[ -f "$rpc/error_details.proto" ] || die "expected google/rpc protos at $rpc"
rm -rf "$ROOT/proto/google"
mkdir -p "$ROOT/proto/google/rpc"
cp "$rpc/status.proto" "$rpc/error_details.proto" "$ROOT/proto/google/rpc/"
log "copied google/rpc status.proto and error_details.proto ($(grep -h '^Version' "$(dirname "$home")"/googleapis_common_protos-*.dist-info/METADATA))"
