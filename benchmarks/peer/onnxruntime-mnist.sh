#!/usr/bin/env bash
# Side-by-side MNIST inference: zkinfer's integer executor vs ONNX Runtime (float), same JVM run, same
# input, batch 1, on the committed fixture models (inference/src/test/resources/mnist/{mlp,cnn}.onnx).
#
#   benchmarks/peer/onnxruntime-mnist.sh [BITS]       (default BITS=8; 8 or 16)
#
# Runs MnistInferenceBenchmark (JMH, sample time) for both models and prints, per model, the median latency
# of the integer executor, of ONNX Runtime and of the Java float reference, and the ratio
# integer/ONNX Runtime (above 1: the integer executor is slower). Needs `mvn -q -DskipTests package` first.
set -euo pipefail

bits="${1:-8}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
die() { echo "onnxruntime-mnist.sh: $*" >&2; exit 2; }
[[ "$bits" == 8 || "$bits" == 16 ]] || die "BITS must be 8 or 16, got '$bits'"
[[ -f "$jar" ]] || die "benchmarks/target/benchmarks.jar not built; run mvn -q -DskipTests package"
command -v node >/dev/null || die "node not found (it reads the JMH results)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"
java -jar "$jar" MnistInferenceBenchmark -p bits="$bits" -rf json -rff "$out/result.json" >"$out/jmh.log" 2>&1 \
  || { tail -40 "$out/jmh.log" >&2; die "JMH failed"; }

node -e '
const results = JSON.parse(require("fs").readFileSync(process.argv[1]));
const median = {};
for (const r of results) {
  const method = r.benchmark.split(".").pop();
  const model = r.params.model;
  (median[model] ??= {})[method] = r.primaryMetric.scorePercentiles["50.0"];
}
console.log(`MNIST batch-1 latency, median of JMH samples (microseconds), ${process.argv[2]}-bit integer model`);
console.log("model   integer executor   ONNX Runtime   Java float   integer/ORT");
for (const [model, m] of Object.entries(median)) {
  const ratio = m.integerExecutor / m.onnxRuntime;
  console.log(`${model.padEnd(6)}  ${m.integerExecutor.toFixed(1).padStart(16)}   ${m.onnxRuntime.toFixed(1).padStart(12)}` +
    `   ${m.javaFloatExecutor.toFixed(1).padStart(10)}   ${ratio.toFixed(2).padStart(11)}`);
}' "$out/result.json" "$bits"
