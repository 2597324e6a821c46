#!/usr/bin/env bash
# Peak memory of `zkinfer groth16 prove` on a circuit of 2^POWER constraints, heap and native together:
#
#   benchmarks/memory/prove-memory.sh [POWER] [HEAP]      (defaults: POWER=20, HEAP=3g)
#   BACKEND=java benchmarks/memory/prove-memory.sh ...    (one kernel backend; default: the best available)
#
# Writes the synthetic chain circuit (WriteSyntheticCircuit) and its witness, sets up keys once (cached in
# benchmarks/memory/.cache/POWER), then proves with -XmxHEAP under /usr/bin/time and prints the wall time and
# the peak resident set size of the whole process (Java heap, metaspace, native kernels' buffers), and checks
# the proof with `zkinfer groth16 verify`. Needs `mvn -q -DskipTests package` first.
set -euo pipefail

power="${1:-20}"
heap="${2:-3g}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
work="$root/benchmarks/memory/.cache/$power"
die() { echo "prove-memory: $*" >&2; exit 2; }
[[ -f "$jar" && -f "$root/cli/target/zkinfer.jar" ]] || die "not built; run mvn -q -DskipTests package"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
backend=()
[[ -n "${BACKEND:-}" ]] && backend=(--backend "$BACKEND")

mkdir -p "$work"
if [[ ! -f "$work/keys/proving.key" ]]; then
  java -Xmx8g -cp "$jar" io.zkinfer.benchmarks.WriteSyntheticCircuit "$power" "$work"
  echo "== zkinfer groth16 setup (once; cached in $work)"
  ZKINFER_JAVA_OPTS="-Xmx12g" /usr/bin/time -f "   setup: %e s, peak RSS %M KiB" \
    "$root/zkinfer" groth16 setup --r1cs "$work/chain.r1cs" --out "$work/keys.tmp"
  rm -rf "$work/keys" && mv "$work/keys.tmp" "$work/keys"
fi

echo "== zkinfer groth16 prove, 2^$power constraints, -Xmx$heap, kernel backend: ${BACKEND:-the best available}"
ZKINFER_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%e %M" -o "$work/time.txt" \
  "$root/zkinfer" groth16 prove "${backend[@]}" --key "$work/keys/proving.key" --wtns "$work/chain.wtns" \
  --proof "$work/proof.json" --public "$work/public.json"
read -r wall rss_kib < "$work/time.txt"
"$root/zkinfer" groth16 verify --vk "$work/keys/verification_key.json" --proof "$work/proof.json" \
  --public "$work/public.json"
awk -v w="$wall" -v r="$rss_kib" 'BEGIN { printf "== prove: %.2f s wall, peak RSS %.0f MiB (%.2f GiB; target under 4 GiB)\n", w, r / 1024, r / 1048576 }'
