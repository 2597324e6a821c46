#!/usr/bin/env bash
# Builds libzkinfer_cuda.so with CMake + nvcc into the module's classes, beside its SHA-256, for the
# CUDA backend's loader to find on the class path, and runs the host-only arithmetic test (CTest).
# Meant for Maven (exec-maven-plugin, compile phase):
#   build-cuda.sh <source dir> <build dir> <classes dir> <java home> [skip tests: true|false]
# With skip tests "true" (Maven's -DskipTests) the host tests are built but not run.
# The CUDA library is optional: without cmake, nvcc or JNI headers, or when its build fails, this
# prints one line saying so and exits 0 (the jar then carries no CUDA library and the backend
# reports itself unavailable). Only a failing host test exits non-zero: that is a bug in
# the kernels' field or curve code, not a missing tool.
set -uo pipefail

src="${1:?source dir}"
build="${2:?build dir}"
classes="${3:?classes dir}"
java_home="${4:-${JAVA_HOME:-}}"
skip_tests="${5:-false}"
resource_dir="$classes/io/zkinfer/kernels/cuda/linux-x86_64"
say() { echo "[zkinfer-cuda] $*"; }

if [[ "${ZKINFER_CUDA_SKIP:-}" == "true" ]]; then
  say "skipping the CUDA kernels: ZKINFER_CUDA_SKIP=true"
  exit 0
fi
if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  say "skipping the CUDA kernels: only linux-x86_64 is built ($(uname -s)-$(uname -m) here)"
  exit 0
fi
if ! command -v cmake >/dev/null 2>&1; then
  say "skipping the CUDA kernels: cmake not found on PATH"
  exit 0
fi
nvcc_path="$(command -v nvcc 2>/dev/null || true)"
if [[ -z "$nvcc_path" && -x /usr/local/cuda/bin/nvcc ]]; then
  nvcc_path=/usr/local/cuda/bin/nvcc
fi

mkdir -p "$build"
cuda_args=()
if [[ -n "$nvcc_path" ]]; then
  cuda_args+=("-DCMAKE_CUDA_COMPILER=$nvcc_path")
fi
if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZK_JAVA_HOME="$java_home" -DZK_CUDA_BENCH=OFF \
    "${cuda_args[@]}" >"$build/configure.log" 2>&1; then
  tail -n 20 "$build/configure.log"
  say "skipping the CUDA kernels: cmake configure failed (log: $build/configure.log)"
  exit 0
fi

# The host tests (arithmetic, and the benchmark's parity checks on the host emulation of the kernels)
# need only a C++ compiler; they run whether or not nvcc is present.
if cmake --build "$build" --target zk_cuda_host_test zk_cuda_bench_host --parallel 2 >"$build/host-test-build.log" 2>&1; then
  if [[ "$skip_tests" == "true" ]]; then
    say "host tests of the kernels' code built, not run (tests skipped)"
  elif (cd "$build" && ctest --output-on-failure >"$build/host-test.log" 2>&1); then
    say "host tests of the kernels' field, curve, MSM and NTT code passed ($(grep -o '[0-9]* tests failed out of [0-9]*' "$build/host-test.log"))"
  else
    cat "$build/host-test.log"
    say "FAILED: a host test of the CUDA kernels' field, curve, MSM or NTT code (see above)"
    exit 1
  fi
else
  tail -n 20 "$build/host-test-build.log"
  say "could not build the host arithmetic test (log: $build/host-test-build.log)"
fi

if [[ -z "$nvcc_path" ]]; then
  say "skipping the CUDA library: nvcc not found (PATH or /usr/local/cuda/bin); the CUDA backend will report it was not built"
  exit 0
fi
if [[ -z "$java_home" || ! -f "$java_home/include/jni.h" ]]; then
  say "skipping the CUDA library: no JNI headers under '$java_home/include' (a JRE, not a JDK?)"
  exit 0
fi
if ! cmake --build "$build" --target zkinfer_cuda --parallel 2 >"$build/build.log" 2>&1; then
  tail -n 30 "$build/build.log"
  say "skipping the CUDA library: its build failed (log: $build/build.log); the CUDA backend will report it was not built"
  exit 0
fi
mkdir -p "$resource_dir"
cp "$build/libzkinfer_cuda.so" "$resource_dir/libzkinfer_cuda.so"
(cd "$resource_dir" && sha256sum libzkinfer_cuda.so | cut -d' ' -f1 > libzkinfer_cuda.so.sha256)
say "built linux-x86_64/libzkinfer_cuda.so for sm_80 and sm_90 (sha256 $(cat "$resource_dir/libzkinfer_cuda.so.sha256"))"
