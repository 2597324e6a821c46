package io.zkinfer.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's command line. Without {@code --server} it starts an {@link EmbeddedNode} and deploys the
 * MLP; with it, it loads that node with the key read from {@code --api-key-file} (a file, so the key never appears in
 * a process listing) and the model {@code --model}, deploying the MLP with that key when no model is given.
 *
 * @param clients      the concurrency levels, in order
 * @param jitWarmUp    load before the first level, so that the levels measure compiled code, not the JIT at work
 *                     (dropped; 0: none)
 * @param warmUp       the warm-up of each level (its latencies are dropped)
 * @param measured     the measured window of each level
 * @param stubs        async or blocking stubs
 * @param channels     channels (each its own TCP connection) the clients share, client {@code i} on channel
 *                     {@code i mod channels}
 * @param directExecutor whether the channels run the clients' callbacks on their network threads (the default: the
 *                     callbacks only record the answer and send the next call, so they never block) rather than
 *                     handing each to gRPC's default executor, a thread wake-up per answer
 * @param plans        the embedded node's client plans to load, each a run of every level: {@code pay-per-call},
 *                     {@code free}
 * @param proofs       proven calls after the unproven levels (0: none)
 * @param server       a remote node's {@code HOST:PORT}, or null for the embedded node
 * @param apiKeyFile   the remote node's API key file
 * @param model        the remote node's model id, or null to deploy the MLP there
 * @param modelFile    the ONNX file to deploy, or null for the MNIST MLP
 * @param dataDir      the embedded node's data directory, or null for a temporary one
 * @param results      a file to write the rows to as tab-separated values, or null
 */
public record LoadOptions(List<Integer> clients, Duration jitWarmUp, Duration warmUp, Duration measured, ClosedLoop.Stubs stubs,
    int channels, boolean directExecutor, List<String> plans, int proofs, String server, Path apiKeyFile,
    String model, Path modelFile, Path dataDir, Path results) {

  /** The plan names {@code --plans} accepts. */
  public static final List<String> PLANS = List.of("pay-per-call", "free");

  static final String USAGE = String.join("\n",
      "usage: InferLoad [options]",
      "  --clients 1,4,6,8,64      concurrency levels (closed-loop clients)",
      "  --seconds 20              measured seconds per level",
      "  --jit-warmup 30           seconds of load (8 clients) before the first level, dropped: the JIT compiles",
      "  --warmup 5                warm-up seconds per level",
      "  --stubs async|blocking    generated stub the clients call through (default async)",
      "  --channels 1              channels (TCP connections) shared by the clients",
      "  --callbacks network       answers handled on the channels' network threads, or with executor on gRPC's",
      "                            default executor (a thread hand-off per answer)",
      "  --plans pay-per-call,free embedded node: the client plans to load, one run of every level each",
      "  --proofs 5                proven Infer calls with await_proof afterwards (0: none)",
      "  --server HOST:PORT        load a running node instead of an embedded one",
      "  --api-key-file FILE       with --server: a file holding the API key",
      "  --model ID                with --server: the model to call (default: deploy the MNIST MLP)",
      "  --model-file FILE         the ONNX model to deploy (default: the MNIST MLP fixture)",
      "  --data-dir DIR            embedded node's data directory (default: a temporary one, deleted after)",
      "  --results FILE            also write the rows as tab-separated values");

  /** Parses {@code args}; throws {@link IllegalArgumentException} with what is wrong. */
  public static LoadOptions parse(String... args) {
    List<Integer> clients = List.of(1, 4, 6, 8, 64);
    Duration jitWarmUp = Duration.ofSeconds(30);
    Duration warmUp = Duration.ofSeconds(5);
    Duration measured = Duration.ofSeconds(20);
    ClosedLoop.Stubs stubs = ClosedLoop.Stubs.ASYNC;
    int channels = 1;
    boolean direct = true;
    List<String> plans = PLANS;
    int proofs = 5;
    String server = null;
    Path keyFile = null;
    String model = null;
    Path modelFile = null;
    Path dataDir = null;
    Path results = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unknown argument '"
            + flag + "'");
      }
      String value = args[++i];
      switch (flag) {
        case "--clients" -> clients = positiveInts(flag, value);
        case "--seconds" -> measured = seconds(flag, value, false);
        case "--jit-warmup" -> jitWarmUp = seconds(flag, value, true);
        case "--warmup" -> warmUp = seconds(flag, value, true);
        case "--stubs" -> stubs = ClosedLoop.Stubs.named(value);
        case "--channels" -> channels = positiveInts(flag, value).get(0);
        case "--callbacks" -> direct = networkCallbacks(value);
        case "--plans" -> plans = plans(value);
        case "--proofs" -> proofs = count(flag, value);
        case "--server" -> server = value;
        case "--api-key-file" -> keyFile = Path.of(value);
        case "--model" -> model = value;
        case "--model-file" -> modelFile = Path.of(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--results" -> results = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (server != null && keyFile == null) {
      throw new IllegalArgumentException("--server needs --api-key-file FILE");
    }
    if (server == null && (keyFile != null || model != null)) {
      throw new IllegalArgumentException("--api-key-file and --model apply only with --server");
    }
    return new LoadOptions(clients, jitWarmUp, warmUp, measured, stubs, channels, direct, plans, proofs, server, keyFile, model,
        modelFile, dataDir, results);
  }

  /** Whether the load goes to an embedded node. */
  public boolean embedded() {
    return server == null;
  }

  private static List<Integer> positiveInts(String flag, String value) {
    List<Integer> out = new ArrayList<>();
    for (String part : value.split(",")) {
      int n = count(flag, part.strip());
      if (n < 1) {
        throw new IllegalArgumentException(flag + " takes positive whole numbers, got '" + value + "'");
      }
      out.add(n);
    }
    return List.copyOf(out);
  }

  private static int count(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number of 0 or more, got '" + value + "'");
    }
  }

  private static Duration seconds(String flag, String value, boolean zeroAllowed) {
    try {
      double s = Double.parseDouble(value);
      if (s < 0 || (s == 0 && !zeroAllowed) || Double.isNaN(s) || Double.isInfinite(s)) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos((long) (s * 1e9));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes seconds (" + (zeroAllowed ? "0" : "more than 0")
          + " or more), got '" + value + "'");
    }
  }

  private static boolean networkCallbacks(String value) {
    return switch (value) {
      case "network" -> true;
      case "executor" -> false;
      default -> throw new IllegalArgumentException("--callbacks takes network or executor, got '" + value + "'");
    };
  }

  private static List<String> plans(String value) {
    List<String> out = new ArrayList<>();
    for (String p : value.split(",")) {
      String plan = p.strip();
      if (!PLANS.contains(plan)) {
        throw new IllegalArgumentException("unknown plan '" + plan + "'; choose from " + PLANS);
      }
      out.add(plan);
    }
    return List.copyOf(out);
  }
}
