package io.zkinfer.benchmarks.load;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one timed phase of closed-loop clients did: the calls that answered OK within the phase's window (their
 * latencies, in nanoseconds, are in {@code latencies}), the OK calls that were sent inside the window but answered
 * after it ({@code lateCalls}: counted by the node, left out of the throughput), and every failed call by status
 * code, inside the window or not. Throughput is {@code calls / seconds}.
 *
 * @param clients   concurrent clients
 * @param seconds   the window's length
 * @param calls     OK calls answered within the window
 * @param lateCalls OK calls answered after the window closed
 * @param latencies the latencies of the {@code calls}, in nanoseconds
 * @param errors    failed calls by gRPC status code name (or {@code BAD_RESPONSE} for an answer without outputs)
 * @param cpuNanos  CPU time this JVM used during the phase, all threads together (the node's too when it is
 *                  embedded), or -1 where the JVM cannot tell
 */
public record PhaseResult(int clients, double seconds, long calls, long lateCalls, Histogram latencies,
    SortedMap<String, Long> errors, long cpuNanos) {

  public PhaseResult {
    errors = new TreeMap<>(errors);
  }

  /** Calls answered OK per second of the window. */
  public double throughput() {
    return calls / seconds;
  }

  /** The {@code percentile} (0 to 100) of the latencies in milliseconds; 0 when no call answered. */
  public double percentileMillis(double percentile) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1e6;
  }

  /** The largest latency in milliseconds; 0 when no call answered. */
  public double maxMillis() {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1e6;
  }

  /**
   * This JVM's CPU time per call of the phase (answered or failed, in the window or after it), in microseconds; -1
   * where the JVM cannot tell. On a machine that is busy anyway it varies less than the throughput, so it is the
   * figure to compare two builds by.
   */
  public double cpuMicrosPerCall() {
    long all = okCalls() + errorCount();
    return cpuNanos < 0 || all == 0 ? -1 : cpuNanos / 1e3 / all;
  }

  /** Failed calls, all codes together. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every call that was answered OK, in the window or after it. */
  public long okCalls() {
    return calls + lateCalls;
  }

  /** The errors as {@code CODE=N, ...}, or {@code none}. */
  public String errorsText() {
    if (errors.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : errors.entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }
}
