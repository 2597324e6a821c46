#!/usr/bin/env bash
# One run of the CUDA kernels on a GPU machine, without Maven or a JVM: builds the host arithmetic
# test and the standalone benchmark (native-libs/src/main/cuda) with CMake and nvcc, runs the test,
# then times G1 MSM (2^16, 2^18, 2^20 points) and the Fr NTT (2^20, 2^22) against a CPU reference
# computed in the same executable, printing medians (kernels only, and with transfers) and parity
# OK/FAIL beside the targets (2^20 MSM < 20 ms, 2^22 NTT < 10 ms).
#   benchmarks/gpu/run.sh [--quick]      (run from anywhere; writes to $OUT when it is set)
# Exit status: 0 when everything built and every parity check passed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src="$root/native-libs/src/main/cuda"
build="${ZK_GPU_BUILD_DIR:-$root/target/gpu-bench-build}"
out="${OUT:-}"
quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)
if [[ -n "$out" ]]; then
  mkdir -p "$out"
  exec > >(tee "$out/run.log") 2>&1
fi
say() { echo "[gpu-bench] $*"; }
elapsed() { echo "$(( $(date +%s) - start ))s"; }
start=$(date +%s)

say "commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader || true
else
  say "nvidia-smi not found"
fi
nvcc_path="$(command -v nvcc 2>/dev/null || true)"
[[ -z "$nvcc_path" && -x /usr/local/cuda/bin/nvcc ]] && nvcc_path=/usr/local/cuda/bin/nvcc
if [[ -z "$nvcc_path" ]] || ! command -v cmake >/dev/null 2>&1; then
  say "FAIL: need cmake and nvcc (PATH or /usr/local/cuda/bin); found nvcc='${nvcc_path}' cmake='$(command -v cmake || true)'"
  exit 2
fi
"$nvcc_path" --version | tail -n 2

arch="${ZK_CUDA_ARCH:-}"
if [[ -z "$arch" ]] && command -v nvidia-smi >/dev/null 2>&1; then
  cc="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n 1 | tr -d ' .')"
  [[ "$cc" =~ ^[0-9]+$ ]] && arch="$cc"
fi
arch="${arch:-80;90}"
say "configuring for CUDA architectures $arch ($(elapsed))"
mkdir -p "$build"
if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CUDA_COMPILER="$nvcc_path" \
    -DCMAKE_CUDA_ARCHITECTURES="$arch" -DZK_CUDA_BENCH=ON >"$build/configure.log" 2>&1; then
  cat "$build/configure.log"
  say "FAIL: cmake configure"
  exit 2
fi
jobs="$(nproc 2>/dev/null || echo 4)"
if ! cmake --build "$build" --target zk_cuda_host_test zk_cuda_bench --parallel "$jobs" >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log"
  [[ -n "$out" ]] && cp "$build/build.log" "$out/build.log"
  say "FAIL: build (log above)"
  exit 2
fi
say "built ($(elapsed))"

status=0
if "$build/zk_cuda_host_test"; then
  say "host arithmetic test OK"
else
  say "host arithmetic test FAILED"
  status=1
fi

bench_out=()
[[ -n "$out" ]] && bench_out=(--out "$out/gpu-bench.txt")
say "benchmark and parity ($(elapsed))"
timeout "${ZK_GPU_BENCH_TIMEOUT:-420}" "$build/zk_cuda_bench" "${quick[@]}" "${bench_out[@]}"
rc=$?
case $rc in
  0) say "benchmark: all parity checks OK" ;;
  124) say "benchmark: timed out"; status=1 ;;
  3) say "benchmark: no usable CUDA device"; status=1 ;;
  *) say "benchmark: FAILED (exit $rc)"; status=1 ;;
esac
say "done in $(elapsed), status $status"
exit $status
