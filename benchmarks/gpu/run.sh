#!/usr/bin/env bash
# One run of the CUDA kernels on a GPU machine, without Maven or a JVM: builds the host arithmetic
# test and the standalone benchmark (native-libs/src/main/cuda) with CMake and nvcc, runs the test,
# then times G1 MSM (2^16, 2^18, 2^20 points) and the Fr NTT (2^20, 2^22) against a CPU reference
# computed in the same executable, printing medians (kernels only, and with transfers) and parity
# OK/FAIL beside the targets (2^20 MSM < 20 ms, 2^22 NTT < 10 ms). With a JDK (javac) present, it also
# builds libzkinfer_cuda.so and runs benchmarks/gpu/jni/JniParityCheck: the Java CUDA backend through
# JNI against the Java backend (compiled from source by benchmarks/gpu/jni/compile.sh).
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
if [[ -z "$nvcc_path" ]]; then
  say "FAIL: nvcc not found (PATH or /usr/local/cuda/bin)"
  exit 2
fi
"$nvcc_path" --version | tail -n 2

arch="${ZK_CUDA_ARCH:-}"
if [[ -z "$arch" ]] && command -v nvidia-smi >/dev/null 2>&1; then
  cc="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n 1 | tr -d ' .')"
  [[ "$cc" =~ ^[0-9]+$ ]] && arch="$cc"
fi
arch="${arch:-80;90}"
jdk=""
if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  [[ -f "$jdk/include/jni.h" ]] || jdk=""
fi
say "JDK for the JNI check: ${jdk:-none (the JNI check is skipped)}"
mkdir -p "$build"
jobs="$(nproc 2>/dev/null || echo 4)"
targets=(zk_cuda_host_test zk_cuda_bench)
[[ -n "$jdk" ]] && targets+=(zkinfer_cuda)
if command -v cmake >/dev/null 2>&1; then
  say "configuring for CUDA architectures $arch ($(elapsed))"
  if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CUDA_COMPILER="$nvcc_path" \
      -DCMAKE_CUDA_ARCHITECTURES="$arch" -DZK_CUDA_BENCH=ON -DZK_JAVA_HOME="$jdk" >"$build/configure.log" 2>&1; then
    cat "$build/configure.log"
    say "FAIL: cmake configure"
    exit 2
  fi
  build_cmd=(cmake --build "$build" --target "${targets[@]}" --parallel "$jobs")
else
  # No cmake: the same two executables with nvcc directly (the CUDA runtime is linked statically by default).
  say "cmake not found; building with nvcc directly for CUDA architectures $arch ($(elapsed))"
  gencode=()
  for a in ${arch//;/ }; do gencode+=("-gencode=arch=compute_$a,code=sm_$a"); done
  nv=("$nvcc_path" -O3 -std=c++17 "${gencode[@]}" --default-stream per-thread -Xcompiler -fPIC -I"$src/include")
  build_one() {  # compile the kernels in parallel, then link the benchmark (and the JNI library with a JDK)
    local pids=() f
    for f in device msm_g1 msm_g2 ntt; do "${nv[@]}" -c "$src/src/$f.cu" -o "$build/$f.o" & pids+=($!); done
    "$nvcc_path" -O2 -std=c++17 -x c++ -I"$src/include" -I"$src/test" "$src/test/host_arith_test.cpp" \
      -o "$build/zk_cuda_host_test" || return 1
    for f in "${pids[@]}"; do wait "$f" || return 1; done
    "${nv[@]}" "$build/device.o" "$build/msm_g1.o" "$build/msm_g2.o" "$build/ntt.o" "$src/bench/bench.cu" -o "$build/zk_cuda_bench" || return 1
    if [[ -n "$jdk" ]]; then
      "${nv[@]}" -shared -I"$jdk/include" -I"$jdk/include/linux" "$src/src/jni_glue.cpp" \
        "$build/device.o" "$build/msm_g1.o" "$build/msm_g2.o" "$build/ntt.o" -o "$build/libzkinfer_cuda.so" || return 1
    fi
  }
  build_cmd=(build_one)
fi
if ! "${build_cmd[@]}" >"$build/build.log" 2>&1; then
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
if [[ -n "$jdk" ]]; then
  say "JNI parity through the Java backend ($(elapsed))"
  classes="$build/java-classes"
  rm -rf "$classes"
  if "$root/benchmarks/gpu/jni/compile.sh" "$classes" >"$build/javac.log" 2>&1; then
    jni_out=/dev/null
    [[ -n "$out" ]] && jni_out="$out/jni-parity.txt"
    timeout "${ZK_GPU_JNI_TIMEOUT:-240}" java -Dzkinfer.cuda.library="$build/libzkinfer_cuda.so" -cp "$classes" \
      JniParityCheck "$(date +%s)" | tee "$jni_out"
    jrc=${PIPESTATUS[0]}
    if [[ $jrc -eq 0 ]]; then say "JNI parity OK"; else say "JNI parity FAILED (exit $jrc)"; status=1; fi
  else
    cat "$build/javac.log"
    say "JNI check: javac failed (above)"
    status=1
  fi
fi
say "done in $(elapsed), status $status"
exit $status
