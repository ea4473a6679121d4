#!/bin/sh
# Regenerates the Python stubs in server/transnorm/v1 from the .proto files in proto/transnorm/v1.
# Run from anywhere; PYTHON defaults to the interpreter on PATH (it needs grpcio-tools).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/server"}
"${PYTHON:-python}" -m grpc_tools.protoc -I"$root/proto" \
    --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" \
    "$root/proto/transnorm/v1/normalizer.proto" "$root/proto/transnorm/v1/admin.proto"
