#!/usr/bin/env bash
# End-to-end proving benchmark of the MNIST MLP, the MNIST CNN and the ~1M-parameter dense model.
#
#   benchmarks/model/prove-models.sh [MODEL...]      (default: mnist-mlp mnist-cnn dense-1m)
#
# For each model: `zkinfer compile` (8-bit, Halton-grid calibration over the input range, default visibility),
# `zkinfer setup`, `zkinfer prove` and `zkinfer verify`, each a fresh JVM timed by /usr/bin/time (GNU -v or BSD -l;
# without either, wall time only). Prints constraints, the wall time of each command and its peak resident memory.
# Then runs ModelProveBenchmark and ModelVerifyBenchmark (JMH) for the warm-process times: witness generation and
# proof with the keys in memory, JVM start excluded; and verification. Finally the published figures of EZKL and
# DeepProve, for context only: they were measured by their authors on other hardware.
#
# Environment: JMH=0 skips the JMH part; ZKINFER_JAVA_OPTS passes JVM options to the zkinfer commands;
# KEEP=DIR keeps the model directories and proofs in DIR. Builds the jars (mvn -q -DskipTests package) only if
# they are missing. Needs python3 (standard library) to read JSON.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
die() { echo "prove-models.sh: $*" >&2; exit 2; }
models=("$@")
[[ ${#models[@]} -gt 0 ]] || models=(mnist-mlp mnist-cnn dense-1m)
for m in "${models[@]}"; do
  [[ "$m" == mnist-mlp || "$m" == mnist-cnn || "$m" == dense-1m ]] || die "unknown model '$m' (mnist-mlp, mnist-cnn, dense-1m)"
done
command -v python3 >/dev/null || die "python3 not found (it reads the JSON results)"
cd "$root"
if [[ ! -f cli/target/zkinfer.jar || ! -f benchmarks/target/benchmarks.jar ]]; then
  echo "building the jars (mvn -q -DskipTests package) ..." >&2
  mvn -q -DskipTests package
fi
bench_jar="$root/benchmarks/target/benchmarks.jar"

if [[ -n "${KEEP:-}" ]]; then
  work="$KEEP"; mkdir -p "$work"
else
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fi

# timer: gnu (/usr/bin/time -v), bsd (/usr/bin/time -l) or none
if /usr/bin/time -v true >/dev/null 2>&1; then timer=gnu
elif /usr/bin/time -l true >/dev/null 2>&1; then timer=bsd
else timer=none; echo "no /usr/bin/time with -v or -l: peak memory will read n/a (install GNU time)" >&2
fi

# timed LOG CMD...: runs CMD with stdout+stderr to LOG.out and its time report to LOG.time; sets secs (wall
# seconds, from the time report when there is one) and rss_mib (peak resident set size, MiB, or n/a)
timed() {
  local log="$1"; shift
  local start status=0
  start="$(python3 -c 'import time; print(time.time())')"
  case "$timer" in
    gnu) /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>&1 || status=$? ;;
    bsd) { /usr/bin/time -l "$@" >"$log.out" 2>"$log.time"; } || status=$? ;;
    none) "$@" >"$log.out" 2>&1 || status=$?; : >"$log.time" ;;
  esac
  if [[ $status -ne 0 ]]; then
    tail -20 "$log.out" >&2
    [[ "$timer" == bsd ]] && tail -20 "$log.time" >&2
    die "'$*' failed with exit status $status"
  fi
  read -r secs rss_mib < <(python3 - "$log.time" "$timer" "$start" <<'PY'
import re, sys, time
text, timer, start = open(sys.argv[1]).read(), sys.argv[2], float(sys.argv[3])
secs, rss = time.time() - start, "n/a"
if timer == "gnu":
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        secs = sum(float(p) * 60 ** i for i, p in enumerate(reversed(m.group(1).split(":"))))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    rss = f"{int(m.group(1)) / 1024:.0f}" if m else rss
elif timer == "bsd":
    m = re.search(r"([\d.]+) real", text)
    secs = float(m.group(1)) if m else secs
    m = re.search(r"(\d+)\s+maximum resident set size", text)
    rss = f"{int(m.group(1)) / 1048576:.0f}" if m else rss
print(f"{secs:.2f} {rss}")
PY
)
}

java -cp "$bench_jar" io.zkinfer.benchmarks.ModelFiles "$work/models" "${models[@]}" >"$work/models.txt"

rows=()
while read -r id onnx input params range_opt range_arg; do
  dir="$work/$id"; proof="$work/$id-proof"
  rm -rf "$dir" "$proof"
  echo "== $id: compile, setup, prove, verify" >&2
  timed "$work/$id.compile" ./zkinfer compile "$onnx" "$range_opt" "$range_arg" --out "$dir"
  c_s="$secs"; c_rss="$rss_mib"
  timed "$work/$id.setup" ./zkinfer setup "$dir"
  s_s="$secs"; s_rss="$rss_mib"
  timed "$work/$id.prove" ./zkinfer prove "$dir" --input "$input" --out "$proof"
  p_s="$secs"; p_rss="$rss_mib"
  timed "$work/$id.verify" ./zkinfer verify "$dir" "$proof"
  v_s="$secs"; v_rss="$rss_mib"
  constraints="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["counts"]["constraints"])' \
    "$dir/circuit.json")"
  rows+=("$id $params $constraints $c_s $s_s $p_s $v_s $c_rss $s_rss $p_rss $v_rss")
done <"$work/models.txt"

echo
echo "zkinfer command line, one fresh JVM per command (wall seconds; peak RSS in MiB), $(nproc 2>/dev/null || sysctl -n hw.ncpu) cores"
printf '%-10s %10s %12s %9s %9s %9s %9s   %8s %8s %8s %8s\n' model params constraints compile setup prove verify \
  "RSS c" "RSS s" "RSS p" "RSS v"
for r in "${rows[@]}"; do
  # shellcheck disable=SC2086
  printf '%-10s %10s %12s %9s %9s %9s %9s   %8s %8s %8s %8s\n' $r
done

if [[ "${JMH:-1}" != 0 ]]; then
  echo >&2
  echo "== JMH: warm proving (witness + proof, keys loaded) and verification; several minutes" >&2
  list="$(IFS=,; echo "${models[*]}")"
  java -jar "$bench_jar" 'Model(Prove|Verify)Benchmark' -p model="$list" -rf json -rff "$work/jmh.json" \
    >"$work/jmh.log" 2>&1 || { tail -40 "$work/jmh.log" >&2; die "JMH failed"; }
  echo
  echo "warm process (JMH, median; prove = witness generation + Groth16 proof, JVM start and key loading excluded)"
  python3 - "$work/jmh.json" <<'PY'
import json, sys
median = {}
for r in json.load(open(sys.argv[1])):
    kind = "prove" if "Prove" in r["benchmark"] else "verify"
    median.setdefault(r["params"]["model"], {})[kind] = r["primaryMetric"]["scorePercentiles"]["50.0"]
print(f"{'model':<10} {'prove ms':>10} {'verify ms':>10}")
for model, m in median.items():
    fmt = lambda k: f"{m[k]:.1f}" if k in m else "-"
    print(f"{model:<10} {fmt('prove'):>10} {fmt('verify'):>10}")
PY
fi

cat <<'PEERS'

Published figures, for context only (measured by their authors on other hardware, not here):
  EZKL (laptop):          prove ~1.5 s for a 10k-parameter model, 12.8 s for 119k, 147 s for 1.04M parameters
  DeepProve (server CPU): prove 1.2 s for a 264k-parameter CNN, 2.3 s for a 4M-parameter dense model
PEERS
