package io.zkinfer.cli;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DepositRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.StatementLine;
import io.zkinfer.api.v1.StatementRequest;
import io.zkinfer.api.v1.StatementResponse;
import io.zkinfer.api.v1.SubscribeRequest;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.TensorSet;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.VerifyResponse;
import io.zkinfer.inference.mnist.MnistDigits;
import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zkinfer demo}: the service end to end on one machine. Starts a node on loopback with an embedded database in
 * a temporary directory; a developer deploys the bundled MNIST perceptron through the API (calibrated on 100
 * digits), a client pays for unproven calls on held-out digits and for one proven call, whose charge settles only
 * after the node verified its proof; a verifier checks the proof and its tampered twin; the client's statement and
 * the balances close the books. Exit 0 when every step behaves as it must.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Run a zkinfer node on loopback, deploy the bundled MNIST model, run unproven and proven",
        "inferences, verify the proof, settle the charges and print the client's statement."})
final class DemoCommand implements Callable<Integer> {

  private static final String DEVELOPER = "dev-ann";
  private static final String CLIENT = "client-bob";
  private static final long PRICE = 2_000;
  private static final long DEPOSIT = 1_000_000;
  private static final int CALIBRATION = 100;
  private static final int UNPROVEN = 10;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("zkinfer-demo-");
    MnistDigits digits = digits();
    try (ZkinferNode node = ZkinferNode.start(NodeConfig.defaults(dir).withPorts("127.0.0.1", 0, -1))) {
      KernelBackend kernels = KernelBackends.best();
      out.println("zkinfer demo: a node on 127.0.0.1:" + node.port() + " (SQLite in a temporary directory; kernels: "
          + kernels.name() + ")");
      String target = "127.0.0.1:" + node.port();
      boolean ok;
      try (ZkinferClient dev = ZkinferClient.forTarget(target, node.apiKeys().issue(DEVELOPER, false, "demo")
              .plaintext(), Duration.ofMinutes(5));
           ZkinferClient client = ZkinferClient.forTarget(target, node.apiKeys().issue(CLIENT, false, "demo")
              .plaintext(), Duration.ofMinutes(5));
           ZkinferClient operator = ZkinferClient.forTarget(target, OperatorKey.read(node, dir),
              Duration.ofMinutes(5))) {
        out.println(row("accounts", "developer " + DEVELOPER + ", client " + CLIENT + ", an operator; API keys"
            + " issued, the node keeps only their hashes"));
        String modelId = deploy(out, dev, digits);
        client.billing().subscribe(SubscribeRequest.newBuilder().setPlan(Plan.PLAN_PAY_PER_CALL)
            .setIdempotencyKey(UUID.randomUUID().toString()).build());
        operator.billing().deposit(DepositRequest.newBuilder().setAccountId(CLIENT).setAmount(zkc(DEPOSIT))
            .setIdempotencyKey(UUID.randomUUID().toString()).setReference("demo credit").build());
        out.println(row("deposit", "the operator credits " + CLIENT + " " + InferCommand.zkc(DEPOSIT)
            + " ZKC; " + CLIENT + " pays per call, " + InferCommand.zkc(PRICE) + " ZKC a call"));
        ok = unproven(out, client, modelId, digits);
        InferResponse proven = proven(out, client, modelId, digits);
        ok &= proven.getProofState() == ProofJobState.PROOF_JOB_STATE_SUCCEEDED;
        ok &= verify(out, operator, proven);
        ok &= books(out, client, dev);
      }
      out.println(ok ? "done: every answer was paid for once, and the proven one only after its proof verified"
          : "the demo did not behave as it must; please report this");
      out.flush();
      return ok ? ExitCodes.OK : ExitCodes.INVALID;
    } finally {
      deleteTree(dir);
    }
  }

  private String deploy(PrintWriter out, ZkinferClient dev, MnistDigits digits) throws Exception {
    DeployHeader.Builder header = DeployHeader.newBuilder().setName("mnist-mlp")
        .setDescription("784-128-10 perceptron trained on MNIST")
        .setPricing(Pricing.newBuilder().setBasePrice(zkc(PRICE)).setProvenBasePrice(zkc(PRICE)))
        .setAccess(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PUBLIC));
    for (int i = 0; i < CALIBRATION; i++) {
      header.addCalibration(TensorSet.newBuilder().addTensors(digit(digits, i)));
    }
    long t0 = System.nanoTime();
    byte[] model = resource("mlp.onnx");
    String id = ModelUploads.deploy(dev.modelsAsync(), header.build(), new ByteArrayInputStream(model),
        Duration.ofMinutes(2)).getModel().getModelId();
    out.println(row("deploy", DEVELOPER + " uploads the MNIST perceptron (" + model.length / 1024
        + " KiB, calibrated on " + CALIBRATION + " digits): model " + id));
    out.flush();
    int built = DeployCommand.awaitBuild(dev, id, 1, new PrintWriter(java.io.Writer.nullWriter()));
    if (built != ExitCodes.OK) {
      throw new IllegalStateException("the bundled model did not build; rerun with --verbose");
    }
    out.println(row("build", String.format(Locale.ROOT, "quantized, compiled and keys generated in %.1f s",
        (System.nanoTime() - t0) / 1e9)));
    return id;
  }

  private boolean unproven(PrintWriter out, ZkinferClient client, String modelId, MnistDigits digits) {
    int correct = 0;
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < UNPROVEN; i++) {
      int d = CALIBRATION + i;
      long t0 = System.nanoTime();
      InferResponse r = client.inference().infer(request(modelId, digits, d, false));
      micros.add((System.nanoTime() - t0) / 1000);
      correct += argmax(r) == digits.label(d) ? 1 : 0;
    }
    micros.sort(Comparator.naturalOrder());
    out.println(row("infer", String.format(Locale.ROOT, "%d unproven calls on held-out digits: %d correct,"
        + " median %.1f ms a call in this fresh JVM (warm: benchmarks/load), each charged at once", UNPROVEN,
        correct, micros.get(UNPROVEN / 2) / 1000.0)));
    return correct >= UNPROVEN * 8 / 10;
  }

  private InferResponse proven(PrintWriter out, ZkinferClient client, String modelId, MnistDigits digits) {
    int d = CALIBRATION;
    while (digits.label(d) != 7) {
      d++;
    }
    long t0 = System.nanoTime();
    InferResponse r = client.inference().infer(request(modelId, digits, d, true));
    out.println(row("prove", String.format(Locale.ROOT, "a digit %d: answered %d, proof job %s, %s in %.1f s;"
        + " %d public signals", digits.label(d), argmax(r), r.getProofState().name().replace("PROOF_JOB_STATE_", "")
        .toLowerCase(Locale.ROOT), r.getProofState() == ProofJobState.PROOF_JOB_STATE_SUCCEEDED
        ? "proof verified by the node, charge settled" : "nothing charged", (System.nanoTime() - t0) / 1e9,
        r.getPublicSignals().getValuesCount())));
    return r;
  }

  private boolean verify(PrintWriter out, ZkinferClient verifier, InferResponse proven) {
    VerifyRequest request = VerifyRequest.newBuilder().setModel(proven.getModel()).setProof(proven.getProof())
        .setPublicSignals(proven.getPublicSignals()).build();
    VerifyResponse valid = verifier.verification().verify(request);
    String first = request.getPublicSignals().getValues(0);
    VerifyResponse twin = verifier.verification().verify(request.toBuilder().setPublicSignals(request
        .getPublicSignals().toBuilder().setValues(0, first.equals("1") ? "2" : "1")).build());
    out.println(row("verify", "a verifying node: " + (valid.getValid() ? "VALID" : "INVALID") + "; with one output"
        + " changed: " + (twin.getValid() ? "VALID (this is a bug)" : "INVALID (" + twin.getReason().name()
        .replace("INVALID_REASON_", "").toLowerCase(Locale.ROOT).replace('_', ' ') + ")")));
    return valid.getValid() && !twin.getValid();
  }

  private boolean books(PrintWriter out, ZkinferClient client, ZkinferClient dev) {
    StatementResponse s = client.billing().statement(StatementRequest.newBuilder().build());
    out.println(row("statement", CLIENT + ", opening " + InferCommand.zkc(s.getOpeningBalance().getMinorUnits())
        + " ZKC:"));
    for (StatementLine line : s.getLinesList()) {
      out.println(String.format(Locale.ROOT, "%-10s   %-18s %12s  balance %s  %s", "",
          line.getKind().name().replace("STATEMENT_LINE_KIND_", "").toLowerCase(Locale.ROOT),
          signed(line.getAmount().getMinorUnits()), InferCommand.zkc(line.getBalanceAfter().getMinorUnits()),
          line.getReference()));
    }
    BalanceResponse c = client.billing().balance(BalanceRequest.getDefaultInstance());
    BalanceResponse d = dev.billing().balance(BalanceRequest.getDefaultInstance());
    long calls = UNPROVEN + 1;
    long developerShare = calls * PRICE * 7 / 10;
    out.println(row("balances", CLIENT + " available " + InferCommand.zkc(c.getAvailable().getMinorUnits())
        + " ZKC, held " + InferCommand.zkc(c.getHeld().getMinorUnits()) + "; " + DEVELOPER + " earned "
        + InferCommand.zkc(d.getEarnings().getMinorUnits()) + " ZKC (70% of " + calls + " calls; the platform"
        + " keeps 30%)"));
    return c.getAvailable().getMinorUnits() == DEPOSIT - calls * PRICE && c.getHeld().getMinorUnits() == 0
        && d.getEarnings().getMinorUnits() == developerShare
        && s.getClosingBalance().getMinorUnits() == c.getAvailable().getMinorUnits();
  }

  private static InferRequest request(String modelId, MnistDigits digits, int i, boolean prove) {
    return InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId))
        .addInputs(digit(digits, i)).setProve(prove).setAwaitProof(prove)
        .setIdempotencyKey(UUID.randomUUID().toString()).build();
  }

  private static Tensor digit(MnistDigits digits, int i) {
    Tensor.Builder t = Tensor.newBuilder().setName("input").addShape(1).addShape(MnistDigits.PIXELS)
        .setDtype(DType.DTYPE_FLOAT32);
    for (float v : digits.intensities(i)) {
      t.addFloatValues(v);
    }
    return t.build();
  }

  private static int argmax(InferResponse r) {
    Tensor t = r.getOutputs(0);
    int best = 0;
    for (int i = 1; i < t.getFloatValuesCount(); i++) {
      best = t.getFloatValues(i) > t.getFloatValues(best) ? i : best;
    }
    return best;
  }

  private static Money zkc(long minor) {
    return Money.newBuilder().setMinorUnits(minor).setCurrency("ZKC").build();
  }

  private static String signed(long minor) {
    return (minor < 0 ? "-" : "+") + InferCommand.zkc(Math.abs(minor));
  }

  private static String row(String step, String what) {
    return String.format(Locale.ROOT, "%-10s %s", step, what);
  }

  private static MnistDigits digits() throws IOException {
    try (InputStream in = new ByteArrayInputStream(resource("digits-test.bin.gz"))) {
      return MnistDigits.read(in, "the bundled digits");
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
      if (in == null) {
        throw new IOException("demo/" + name + " is missing from the jar; rebuild with mvn -q -DskipTests package");
      }
      return in.readAllBytes();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
