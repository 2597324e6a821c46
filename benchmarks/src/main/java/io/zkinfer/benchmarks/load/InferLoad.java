package io.zkinfer.benchmarks.load;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.zkinfer.api.ZkinferClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Load on a node's {@code Infer} over gRPC on a real TCP connection: first a JIT warm-up (load whose results are
 * dropped, so that what follows measures compiled code), then for each client plan and each concurrency level, a
 * warm-up and a measured window of closed-loop unproven calls ({@link ClosedLoop}), printed as a row of calls,
 * throughput, P50/P95/P99/max latency and errors by code; then proven calls end to end ({@link ProvenCalls}).
 * Against the {@link EmbeddedNode} (the default) it deploys the MNIST MLP, loads it as a pay-per-call client (each
 * call charged in the ledger: the product path) and as a free-plan client, and finally checks that the ledger charged
 * exactly the calls that succeeded. Exits 1 when any call failed, 2 on a usage error.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.zkinfer.benchmarks.load.InferLoad [options]</pre>
 *
 * <p>The defaults, async stubs on one shared channel, were as fast as the alternatives tried on a 2-core machine
 * where client and node share the cores: blocking stubs on one channel were level with them within the noise, a pool
 * of four channels gained nothing (HTTP/2 multiplexes the calls on one connection anyway), and blocking stubs on four
 * channels lost 15 to 25 %.
 *
 * <p>Run from the repository root (for the MLP fixture); {@code benchmarks/load/infer-load.sh} runs it with the JVM
 * flags it was measured with and judges the targets.
 */
public final class InferLoad {

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PROOF_TIMEOUT = Duration.ofMinutes(5);
  private static final String PAY_PER_CALL = "pay-per-call";
  /** Clients of the JIT warm-up. */
  private static final int JIT_WARM_UP_CLIENTS = 8;

  private InferLoad() {
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("InferLoad: " + e.getMessage());
      System.err.println(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    boolean clean = options.embedded() ? runEmbedded(options, System.out) : runRemote(options, System.out);
    System.exit(clean ? 0 : 1);
  }

  /** Loads an embedded node as {@code options} say; whether every call succeeded and the ledger agrees. */
  static boolean runEmbedded(LoadOptions options, PrintStream out) throws IOException, InterruptedException {
    try (EmbeddedNode node = EmbeddedNode.start(options.dataDir())) {
      out.println("node: embedded in this JVM, gRPC on " + node.target() + " (TCP), SQLite ledger in "
          + (options.dataDir() == null ? "a temporary directory" : node.dataDir()) + "; per-key limit "
          + EmbeddedNode.KEY_RATE_LIMIT + ", one API key per plan shared by its clients");
      printSetup(options, out);
      String modelId;
      try (ZkinferClient developer = ZkinferClient.forTarget(node.target(), node.developerKey())) {
        long t0 = System.nanoTime();
        modelId = MlpDeployment.deploy(developer, modelFile(options), BUILD_TIMEOUT);
        out.printf(Locale.ROOT, "deployed model %s (upload, compile, setup: %.1f s)%n%n", modelId,
            (System.nanoTime() - t0) / 1e9);
      }
      LoadReport report = new LoadReport(out);
      long errors = 0;
      long chargedCalls = 0;
      String payingKey = null;
      Duration jitWarmUp = options.jitWarmUp();
      for (String plan : options.plans()) {
        String key;
        if (plan.equals(PAY_PER_CALL)) {
          payingKey = node.payingClientKey();
          key = payingKey;
        } else {
          key = node.freeClientKey();
        }
        PlanLoad load = levels(options, jitWarmUp, node.target(), key, modelId, plan, report, out);
        jitWarmUp = Duration.ZERO;
        errors += load.errorCount();
        if (plan.equals(PAY_PER_CALL)) {
          chargedCalls += load.okCalls();
        }
      }
      if (options.proofs() > 0) {
        if (payingKey == null) {
          payingKey = node.payingClientKey();
        }
        out.println();
        ProvenCalls.Result proven = proven(options, node.target(), payingKey, modelId, PAY_PER_CALL, report);
        errors += proven.errorCount();
        chargedCalls += proven.wallMillis().length;
      }
      writeResults(options, report);
      boolean ledgerAgrees = true;
      if (payingKey != null) {
        long charged = EmbeddedNode.DEPOSIT_MINOR - node.availableMinor(EmbeddedNode.PAYING_CLIENT);
        long expected = chargedCalls * MlpDeployment.PRICE_MINOR;
        ledgerAgrees = charged == expected;
        out.printf(Locale.ROOT, "%nledger: the pay-per-call client paid %d micro-ZKC for %d successful calls at %d"
            + " each: %s%n", charged, chargedCalls, MlpDeployment.PRICE_MINOR, ledgerAgrees ? "agrees"
            : "MISMATCH (expected " + expected + ")");
      }
      out.println(errors == 0 ? "no call failed" : errors + " calls failed");
      return errors == 0 && ledgerAgrees;
    }
  }

  /** Loads a remote node as {@code options} say; whether every call succeeded. */
  static boolean runRemote(LoadOptions options, PrintStream out) throws IOException, InterruptedException {
    String key = Files.readString(options.apiKeyFile(), StandardCharsets.UTF_8).strip();
    out.println("node: remote, " + options.server() + " (plan, rate limits and pricing as its operator set them)");
    printSetup(options, out);
    String modelId = options.model();
    if (modelId == null) {
      try (ZkinferClient developer = ZkinferClient.forTarget(options.server(), key)) {
        modelId = MlpDeployment.deploy(developer, modelFile(options), BUILD_TIMEOUT);
        out.println("deployed model " + modelId);
      }
    }
    out.println();
    LoadReport report = new LoadReport(out);
    long errors = 0;
    errors += levels(options, options.jitWarmUp(), options.server(), key, modelId, "remote", report, out)
        .errorCount();
    if (options.proofs() > 0) {
      out.println();
      errors += proven(options, options.server(), key, modelId, "remote", report).errorCount();
    }
    writeResults(options, report);
    out.println(errors == 0 ? "no call failed" : errors + " calls failed");
    return errors == 0;
  }

  /** One plan's load: the JIT warm-up (null when there was none) and every level. */
  private record PlanLoad(PhaseResult jitWarmUp, List<ClosedLoop.Level> levels) {

    long errorCount() {
      long n = jitWarmUp == null ? 0 : jitWarmUp.errorCount();
      for (ClosedLoop.Level level : levels) {
        n += level.warmUp().errorCount() + level.measured().errorCount();
      }
      return n;
    }

    /** Every call answered OK, the dropped ones included: each was charged. */
    long okCalls() {
      long n = jitWarmUp == null ? 0 : jitWarmUp.okCalls();
      for (ClosedLoop.Level level : levels) {
        n += level.warmUp().okCalls() + level.measured().okCalls();
      }
      return n;
    }
  }

  /**
   * The JIT warm-up when {@code jitWarmUp} is not zero, then every concurrency level of {@code options} for one plan,
   * each printed as it ends.
   */
  private static PlanLoad levels(LoadOptions options, Duration jitWarmUp, String target, String key, String modelId,
      String plan, LoadReport report, PrintStream out) throws InterruptedException {
    List<ManagedChannel> channels = new ArrayList<>();
    List<ZkinferClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < options.channels(); i++) {
        ManagedChannelBuilder<?> b = ManagedChannelBuilder.forTarget(target).usePlaintext();
        if (options.directExecutor()) {
          b.directExecutor();
        }
        ManagedChannel channel = b.build();
        channels.add(channel);
        clients.add(ZkinferClient.over(channel, key, ZkinferClient.DEFAULT_DEADLINE));
      }
      ClosedLoop loop = new ClosedLoop(clients, modelId, options.stubs());
      PhaseResult jit = null;
      if (!jitWarmUp.isZero()) {
        jit = loop.phase(JIT_WARM_UP_CLIENTS, jitWarmUp);
        out.printf(Locale.ROOT, "JIT warm-up (%s): %d clients for %s s, %d calls, errors: %s (dropped)%n%n", plan,
            JIT_WARM_UP_CLIENTS, seconds(jitWarmUp), jit.okCalls(), jit.errorsText());
      }
      List<ClosedLoop.Level> levels = new ArrayList<>();
      for (int n : options.clients()) {
        ClosedLoop.Level level = loop.level(n, options.warmUp(), options.measured());
        report.level(plan, level);
        levels.add(level);
      }
      return new PlanLoad(jit, levels);
    } finally {
      for (ManagedChannel c : channels) {
        c.shutdown();
        if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
          c.shutdownNow();
        }
      }
    }
  }

  private static ProvenCalls.Result proven(LoadOptions options, String target, String key, String modelId,
      String plan, LoadReport report) {
    try (ZkinferClient client = ZkinferClient.forTarget(target, key)) {
      ProvenCalls.Result r = ProvenCalls.run(client, modelId, options.proofs(), PROOF_TIMEOUT);
      report.proven(plan, options.proofs(), r);
      return r;
    }
  }

  private static void printSetup(LoadOptions o, PrintStream out) {
    Runtime rt = Runtime.getRuntime();
    out.printf(Locale.ROOT, "machine: %d processors, %s %s, Java %s (%s), max heap %d MiB%n",
        rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() >> 20);
    out.printf(Locale.ROOT, "clients: closed loop, %s stubs, %d channel%s, callbacks on %s; %s s of JIT warm-up"
            + " (dropped), then levels %s, each %s s warm-up (dropped) then %s s measured%n", o.stubs(), o.channels(),
        o.channels() == 1 ? "" : "s", o.directExecutor() ? "the network threads" : "gRPC's default executor",
        seconds(o.jitWarmUp()), o.clients(), seconds(o.warmUp()), seconds(o.measured()));
  }

  private static Path modelFile(LoadOptions options) {
    return options.modelFile() != null ? options.modelFile() : MlpDeployment.mlpFile();
  }

  private static void writeResults(LoadOptions options, LoadReport report) throws IOException {
    if (options.results() != null) {
      report.writeTsv(options.results());
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3g", d.toNanos() / 1e9);
  }
}
