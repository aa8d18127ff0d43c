#!/usr/bin/env bash
# Compiles proto/ into TypeScript message schemas under generated/ (buf + protoc-gen-es).
# Both tools come from npm devDependencies; the buf binary ships inside @bufbuild/buf-linux-x64.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
buf generate
log "generated $(find generated -name '*.ts' | wc -l) files"
