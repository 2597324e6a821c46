package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node commands: {@code demo} runs the service end to end; {@code deploy}, {@code infer}, {@code verify --model}
 * and {@code balance} talk to a node over loopback; {@code serve} starts one, writes the operator's key and stops
 * on SIGTERM; bad calls exit 2 with the node's reason.
 */
class NodeCommandsTest {

  private static final Path MLP = Path.of("..", "inference", "src", "test", "resources", "mnist", "mlp.onnx");

  @TempDir
  Path dir;

  @Test
  void theDemoRunsTheServiceEndToEnd() {
    CliRun run = CliRun.of("demo");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("verify     a verifying node: VALID; with one output changed: INVALID"), run.out());
    assertTrue(run.out().contains("settlement"), run.out());
    assertTrue(run.out().contains("done: every answer was paid for once"), run.out());
  }

  @Test
  void clientCommandsDeployInferProveVerifyAndShowTheBalance() throws Exception {
    try (ZkinferNode node = ZkinferNode.start(NodeConfig.defaults(dir.resolve("node"))
        .withPorts("127.0.0.1", 0, -1))) {
      String server = "127.0.0.1:" + node.port();
      Path devKey = key(node, "dev-ann");
      Path clientKey = key(node, "client-bob");
      node.billing().setPlan("client-bob", new Plan.PayPerCall());
      node.billing().deposit("fund", "client-bob", Money.zkc(100_000));

      CliRun deploy = CliRun.of("deploy", MLP.toString(), "--name", "mnist", "--price", "3000",
          "--server", server, "--api-key-file", devKey.toString());
      assertEquals(0, deploy.exitCode(), deploy.toString());
      Matcher id = Pattern.compile("as model (mdl_[a-z2-7]+) version 1").matcher(deploy.out());
      assertTrue(id.find(), deploy.out());
      assertTrue(deploy.out().contains("ready: 10,772 constraints"), deploy.out());

      Path input = dir.resolve("digit.json");
      StringBuilder pixels = new StringBuilder();
      for (int i = 0; i < 784; i++) {
        pixels.append(i == 0 ? "" : ",").append(Math.abs(i / 28 - i % 28) < 2 ? "0.9" : "0");
      }
      Files.writeString(input, "{\"input\": [[" + pixels + "]]}");
      Path proof = dir.resolve("proof");
      CliRun infer = CliRun.of("infer", id.group(1), "--input", input.toString(), "--prove", "--out",
          proof.toString(), "--server", server, "--api-key-file", clientKey.toString());
      assertEquals(0, infer.exitCode(), infer.toString());
      assertTrue(infer.out().contains("charge 0.003000 ZKC (settled after the proof verified)"), infer.out());
      assertTrue(Files.exists(proof.resolve("proof.json")) && Files.exists(proof.resolve("public.json")));

      CliRun verify = CliRun.of("verify", "--model", id.group(1) + "@1", proof.toString(), "--server", server,
          "--api-key-file", clientKey.toString());
      assertEquals(0, verify.exitCode(), verify.toString());
      assertTrue(verify.out().startsWith("VALID: "), verify.out());
      List<String> signals = Files.readAllLines(proof.resolve("public.json"));
      Files.writeString(proof.resolve("public.json"), String.join("\n", signals).replaceFirst("\"([0-9]+)\"",
          "\"12345\""));
      CliRun tampered = CliRun.of("verify", "--model", id.group(1), proof.toString(), "--server", server,
          "--api-key-file", clientKey.toString());
      assertEquals(1, tampered.exitCode(), tampered.toString());
      assertTrue(tampered.out().startsWith("INVALID: "), tampered.out());

      CliRun balance = CliRun.of("balance", "--server", server, "--api-key-file", clientKey.toString());
      assertEquals(0, balance.exitCode(), balance.toString());
      assertTrue(balance.out().contains("available 0.097000"), balance.out());

      CliRun unknown = CliRun.of("infer", "mdl_nosuchmodel", "--input", input.toString(), "--server", server,
          "--api-key-file", clientKey.toString());
      assertEquals(2, unknown.exitCode(), unknown.toString());
      assertTrue(unknown.err().contains("NOT_FOUND"), unknown.err());
      Files.writeString(dir.resolve("bad.key"), "zk_notakey_x");
      CliRun badKey = CliRun.of("balance", "--server", server, "--api-key-file", dir.resolve("bad.key").toString());
      assertEquals(2, badKey.exitCode(), badKey.toString());
      assertTrue(badKey.err().contains("UNAUTHENTICATED"), badKey.err());
    }
  }

  @Test
  void serveStartsANodeWritesTheOperatorKeyAndStopsOnSigterm() throws Exception {
    Path data = dir.resolve("served");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--data-dir", data.toString(),
        "--port", "0", "--metrics-port", "0").redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = r.readLine();
      assertTrue(first != null && first.startsWith("zkinfer node listening on 127.0.0.1:"), first);
      Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+);").matcher(first);
      assertTrue(port.find(), first);
      Path operatorKey = data.resolve("operator.key");
      assertTrue(Files.readString(operatorKey).startsWith("zk_"));
      CliRun balance = CliRun.of("balance", "--server", "127.0.0.1:" + port.group(1), "--api-key-file",
          operatorKey.toString());
      assertEquals(0, balance.exitCode(), balance.toString());
      assertTrue(balance.out().contains("account   operator"), balance.out());
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aConfigFileWithAnUnknownOrMalformedSettingIsRefusedBeforeTheNodeStarts() throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(config, "data-dir=" + dir.resolve("cfg") + "\nprot=50051\n");
    CliRun typo = CliRun.of("serve", "--config", config.toString());
    assertEquals(2, typo.exitCode(), typo.toString());
    assertTrue(typo.err().contains("unknown setting 'prot'"), typo.err());
    Files.writeString(config, "port=fifty\n");
    CliRun malformed = CliRun.of("serve", "--config", config.toString());
    assertEquals(2, malformed.exitCode(), malformed.toString());
    assertTrue(malformed.err().contains("port is 'fifty'; give a whole number"), malformed.err());
    assertTrue(Files.notExists(dir.resolve("cfg")), "nothing was started");
  }

  private Path key(ZkinferNode node, String account) throws Exception {
    Path file = dir.resolve(account + ".key");
    Files.writeString(file, node.apiKeys().issue(account, false, "test").plaintext());
    return file;
  }
}
