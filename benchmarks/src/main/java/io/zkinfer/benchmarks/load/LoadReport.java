package io.zkinfer.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load generator's tables: one row per concurrency level of unproven calls (calls in the window, throughput,
 * P50/P95/P99/max latency in milliseconds, this JVM's CPU time per call in microseconds, errors by code, warm-up
 * errors included), then the proven calls' median and P95 wall time and proving time. The same rows can go to a
 * tab-separated file for scripts.
 */
final class LoadReport {

  private static final String UNPROVEN_HEADER = String.format(Locale.ROOT,
      "%-13s %7s %9s %13s %8s %8s %8s %8s %11s  %s",
      "plan", "clients", "calls", "throughput/s", "P50 ms", "P95 ms", "P99 ms", "max ms", "cpu us/call", "errors");

  private final PrintStream out;
  private final List<String> tsv = new ArrayList<>();
  private boolean headerPrinted;

  LoadReport(PrintStream out) {
    this.out = out;
  }

  /** Prints one level's row (the header before the first). */
  void level(String plan, ClosedLoop.Level level) {
    if (!headerPrinted) {
      out.println(UNPROVEN_HEADER);
      headerPrinted = true;
    }
    PhaseResult m = level.measured();
    String errors = errorsText(level);
    out.println(String.format(Locale.ROOT, "%-13s %7d %9d %13.1f %8.2f %8.2f %8.2f %8.2f %11.0f  %s", plan,
        m.clients(), m.calls(), m.throughput(), m.percentileMillis(50), m.percentileMillis(95),
        m.percentileMillis(99), m.maxMillis(), m.cpuMicrosPerCall(), errors));
    out.flush();
    tsv.add(String.join("\t", "unproven", plan, Integer.toString(m.clients()), Long.toString(m.calls()),
        fixed(m.throughput(), 1), fixed(m.percentileMillis(50), 3), fixed(m.percentileMillis(95), 3),
        fixed(m.percentileMillis(99), 3), fixed(m.maxMillis(), 3), errors.replace(' ', '_'),
        fixed(m.cpuMicrosPerCall(), 1)));
  }

  /** Prints the proven calls' summary. */
  void proven(String plan, int asked, ProvenCalls.Result r) {
    double[] wall = r.wallMillis();
    double[] proving = r.provingMillis();
    out.println(String.format(Locale.ROOT, "%-13s %5s %8s %12s %12s %17s %17s  %s", "plan", "calls", "proven",
        "wall P50 ms", "wall P95 ms", "proving P50 ms", "proving P95 ms", "errors"));
    String errors = r.errors().isEmpty() ? "none" : r.errors().toString();
    out.println(String.format(Locale.ROOT, "%-13s %5d %8d %12.1f %12.1f %17.1f %17.1f  %s", plan, asked,
        wall.length, ProvenCalls.Result.percentile(wall, 50), ProvenCalls.Result.percentile(wall, 95),
        ProvenCalls.Result.percentile(proving, 50), ProvenCalls.Result.percentile(proving, 95), errors));
    out.flush();
    tsv.add(String.join("\t", "proven", plan, Integer.toString(asked), Integer.toString(wall.length),
        fixed(ProvenCalls.Result.percentile(wall, 50), 1), fixed(ProvenCalls.Result.percentile(wall, 95), 1),
        fixed(ProvenCalls.Result.percentile(proving, 50), 1), fixed(ProvenCalls.Result.percentile(proving, 95), 1),
        errors.replace(' ', '_')));
  }

  /** Writes the rows printed so far to {@code file}, tab-separated, a header line first. */
  void writeTsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# unproven: kind plan clients calls throughput p50_ms p95_ms p99_ms max_ms errors cpu_us_per_call");
    lines.add("# proven: kind plan asked proven wall_p50_ms wall_p95_ms proving_p50_ms proving_p95_ms errors");
    lines.addAll(tsv);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** The measured phase's errors, and the warm-up's when it had any. */
  private static String errorsText(ClosedLoop.Level level) {
    String measured = level.measured().errorsText();
    return level.warmUp().errors().isEmpty() ? measured
        : measured + " (warm-up: " + level.warmUp().errorsText() + ")";
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
