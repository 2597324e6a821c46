#!/usr/bin/env bash
# Load on the node's gRPC Infer with the MNIST MLP, over TCP on the loopback interface:
#
#   benchmarks/load/infer-load.sh [InferLoad options]
#       (defaults: --clients 1,4,6,8,64 --jit-warmup 30 --seconds 20 --warmup 5 --plans pay-per-call,free --proofs 5
#        --callbacks network)
#   benchmarks/load/infer-load.sh --server HOST:PORT --api-key-file FILE [--model ID]    (a running node)
#
# Runs io.zkinfer.benchmarks.load.InferLoad: an embedded node (in the same JVM, gRPC on a free TCP port, SQLite
# ledger in a temporary directory), the MLP deployed through the API, 30 s of load so that the JIT has compiled the
# call path (dropped: a node serves for far longer than a level lasts), then for each client plan and concurrency
# level a warm-up and a measured window of closed-loop unproven Infer calls, and proven calls end to end. Prints
# the machine, a table of calls, throughput and P50/P95/P99/max latency per level, the proven calls' wall and
# proving times, and whether the targets are met: P95 under 5 ms and at least 2000 unproven calls a second at the
# best concurrency (the level with the highest throughput among those with P95 under 5 ms), for the pay-per-call
# client (every call charged in the ledger: the product path).
#
# Environment: JAVA_OPTS replaces the JVM options (default -Xms2g -Xmx2g); NODE_LOG=FILE keeps the node's log
# (one INFO line per call; otherwise it goes to a temporary file, and its tail is shown if the run fails).
# Builds benchmarks/target/benchmarks.jar (mvn -q -DskipTests -pl benchmarks -am package) only if it is missing.
# Exits 1 when a call failed or a target was missed, 2 on a usage or build error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
die() { echo "infer-load.sh: $*" >&2; exit 2; }
command -v java >/dev/null || die "java not found (Java 17 or later)"
cd "$root"
if [[ ! -f "$jar" ]]; then
  echo "building benchmarks/target/benchmarks.jar (mvn -q -DskipTests -pl benchmarks -am package) ..." >&2
  mvn -q -DskipTests -pl benchmarks -am package || die "the build failed"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="${NODE_LOG:-$work/node.log}"
read -r -a jvm <<<"${JAVA_OPTS:--Xms2g -Xmx2g}"

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
echo "host: ${cpu:-CPU model unknown}, $(uname -sr), load average at start" \
  "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load averages*: //')"
echo "jvm: $(java -version 2>&1 | head -1), options: ${jvm[*]}"

set +e
java "${jvm[@]}" -cp "$jar" io.zkinfer.benchmarks.load.InferLoad --results "$work/results.tsv" "$@" 2>"$log"
rc=$?
set -e
if [[ $rc -eq 2 ]]; then
  cat "$log" >&2
  exit 2
fi
if [[ ! -f "$work/results.tsv" ]]; then
  tail -40 "$log" >&2
  die "InferLoad stopped before writing its results (exit $rc)"
fi
[[ $rc -eq 0 ]] || { echo "-- last lines of the node's log:"; grep -v 'RequestLogInterceptor' "$log" | tail -20; }

echo
echo "targets (unproven Infer, best concurrency): P95 under 5 ms and at least 2000 calls/s"
awk -F'\t' '
  $1 == "unproven" && ($2 == "pay-per-call" || $2 == "remote") {
    if ($7 + 0 < 5 && (best == "" || $5 + 0 > bestThroughput)) { best = $3; bestThroughput = $5 + 0; bestP95 = $7 }
    if (top == "" || $5 + 0 > topThroughput) { top = $3; topThroughput = $5 + 0; topP95 = $7 }
    plan = $2
  }
  END {
    if (plan == "") { print "  no pay-per-call rows: nothing to judge"; exit 1 }
    if (best == "") {
      printf "  NOT MET (%s): no level has P95 under 5 ms; the highest throughput, %.0f/s with %s clients, has P95 %.2f ms\n", plan, topThroughput, top, topP95
      exit 1
    }
    met = bestThroughput >= 2000
    printf "  %s (%s): %.0f calls/s at P95 %.2f ms with %s clients\n", met ? "MET" : "NOT MET", plan, bestThroughput, bestP95, best
    if (top != best) printf "  (the highest throughput, %.0f/s with %s clients, has P95 %.2f ms)\n", topThroughput, top, topP95
    exit met ? 0 : 1
  }' "$work/results.tsv" && targets=0 || targets=1
echo "node log: $(wc -l <"$log") lines${NODE_LOG:+ in $NODE_LOG}"
[[ $rc -eq 0 && $targets -eq 0 ]]
