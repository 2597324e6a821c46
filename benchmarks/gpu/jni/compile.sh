#!/usr/bin/env bash
# Compiles JniParityCheck and what it needs from source, for machines without Maven: the algebra module, the CUDA
# backend's Java classes with the packaged-library loader they use, and a two-class SLF4J stand-in.
#   benchmarks/gpu/jni/compile.sh CLASSES_DIR      (javac from PATH; used by benchmarks/gpu/run.sh and a test)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
out="${1:?usage: compile.sh CLASSES_DIR}"
mkdir -p "$out"
javac -nowarn -d "$out" "$root/native-libs/src/main/java/io/zkinfer/kernels/PackagedLibrary.java" \
  $(find "$root/algebra/src/main/java" "$root/native-libs/src/main/java/io/zkinfer/kernels/cuda" \
    "$root/benchmarks/gpu/jni" -name '*.java')
