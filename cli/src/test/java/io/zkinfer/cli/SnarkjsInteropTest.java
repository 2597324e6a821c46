package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.interop.CircomFixtures;
import io.zkinfer.circuits.interop.NodeTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the outside referee, on a circuit compiled by the pinned circom2 (three public
 * inputs, two private inputs, three outputs): counts agree with {@code snarkjs r1cs info}; snarkjs
 * verifies zkinfer's proofs (keys from SecureRandom, from a .ptau, and from a snarkjs .zkey); zkinfer
 * verifies snarkjs's proof; snarkjs proves with the .zkey that {@code setup --zkey} writes; each with a
 * wrong-public-input twin that must fail. Skipped, with the
 * reason printed, when node, circom2 or snarkjs are missing (run interop/install.sh).
 */
class SnarkjsInteropTest {
  private static final String INPUT = "{\"x\": \"3\", \"y\": \"5\", \"k\": \"7\", \"s\": \"11\", \"t\": \"13\"}";

  @TempDir static Path dir;
  static CircomFixtures.Compiled circuit;
  static Path wtns;
  static Path ptau;
  static Path zkey;
  static Path snarkjsVk;

  @BeforeAll
  static void compileAndSetUpWithSnarkjs() throws IOException {
    NodeTools.assumeAvailable();
    circuit = CircomFixtures.compileResource("circom/affine_pair.circom", dir.resolve("build"));
    wtns = CircomFixtures.witness(circuit, INPUT, "affine_pair.wtns");
    Path pot0 = dir.resolve("pot0.ptau");
    Path pot1 = dir.resolve("pot1.ptau");
    ptau = dir.resolve("pot_final.ptau");
    NodeTools.snarkjs(dir, "powersoftau", "new", "bn128", "4", pot0.toString()).requireSuccess();
    NodeTools.snarkjs(dir, "powersoftau", "contribute", pot0.toString(), pot1.toString(),
        "--name=test", "-e=zkinfer cli interop test").requireSuccess();
    NodeTools.snarkjs(dir, "powersoftau", "prepare", "phase2", pot1.toString(), ptau.toString()).requireSuccess();
    zkey = dir.resolve("affine_pair.zkey");
    NodeTools.snarkjs(dir, "groth16", "setup", circuit.r1cs().toString(), ptau.toString(), zkey.toString())
        .requireSuccess();
    snarkjsVk = dir.resolve("snarkjs_vk.json");
    NodeTools.snarkjs(dir, "zkey", "export", "verificationkey", zkey.toString(), snarkjsVk.toString())
        .requireSuccess();
  }

  @Test
  void infoCountsMatchSnarkjs() {
    CliRun ours = CliRun.of("groth16", "info", "--r1cs", circuit.r1cs().toString());
    assertEquals(0, ours.exitCode(), ours::toString);
    String theirs = NodeTools.snarkjs(dir, "r1cs", "info", circuit.r1cs().toString()).requireSuccess().plainOutput();
    System.out.println(ours.out() + theirs);
    assertEquals(count(theirs, "# of Constraints"), count(ours.out(), "constraints"));
    assertEquals(count(theirs, "# of Wires"), count(ours.out(), "wires"));
    assertEquals(count(theirs, "# of Outputs") + count(theirs, "# of Public Inputs"), count(ours.out(), "public"));
    assertTrue(ours.out().contains("outputs: " + count(theirs, "# of Outputs")), ours::toString);
    assertTrue(ours.out().contains("public inputs: " + count(theirs, "# of Public Inputs")), ours::toString);
    assertTrue(ours.out().contains("private inputs: " + count(theirs, "# of Private Inputs")), ours::toString);
  }

  @Test
  void snarkjsVerifiesAProofFromOurSecureRandomSetup() throws IOException {
    Path keys = dir.resolve("keys-random");
    assertEquals(0, CliRun.of("groth16", "setup", "--r1cs", circuit.r1cs().toString(), "--out", keys.toString()).exitCode());
    proveAndLetSnarkjsVerify(keys.resolve("proving.key"), keys.resolve("verification_key.json"), "random");
  }

  @Test
  void snarkjsVerifiesAProofFromOurPtauSetup() throws IOException {
    Path keys = dir.resolve("keys-ptau");
    CliRun setup = CliRun.of("groth16", "setup", "--r1cs", circuit.r1cs().toString(), "--ptau", ptau.toString(),
        "--out", keys.toString());
    assertEquals(0, setup.exitCode(), setup::toString);
    proveAndLetSnarkjsVerify(keys.resolve("proving.key"), keys.resolve("verification_key.json"), "ptau");
  }

  @Test
  void snarkjsVerifiesOurProofMadeWithItsZkey() throws IOException {
    proveAndLetSnarkjsVerify(zkey, snarkjsVk, "zkey");
  }

  @Test
  void snarkjsProvesWithTheZkeyOurSetupWrites() throws IOException {
    Path keys = dir.resolve("keys-zkey");
    Path ours = dir.resolve("ours.zkey");
    CliRun setup = CliRun.of("groth16", "setup", "--r1cs", circuit.r1cs().toString(), "--out", keys.toString(),
        "--zkey", ours.toString());
    assertEquals(0, setup.exitCode(), setup::toString);
    assertTrue(setup.out().contains("wrote " + ours), setup::toString);
    Path vk = keys.resolve("verification_key.json");

    Path proof = dir.resolve("snarkjs_proof_ours.json");
    Path pub = dir.resolve("snarkjs_public_ours.json");
    NodeTools.snarkjs(dir, "groth16", "prove", ours.toString(), wtns.toString(), proof.toString(), pub.toString())
        .requireSuccess();
    NodeTools.Result verdict = NodeTools.snarkjs(dir, "groth16", "verify", vk.toString(), pub.toString(), proof.toString());
    assertEquals(0, verdict.exitCode(), verdict::plainOutput);
    assertTrue(verdict.plainOutput().contains("OK!"), verdict::plainOutput);
    Path wrong = tamperFirstSignal(pub, "snarkjs-ours");
    NodeTools.Result twin = NodeTools.snarkjs(dir, "groth16", "verify", vk.toString(), wrong.toString(), proof.toString());
    assertTrue(!twin.plainOutput().contains("OK!"), () -> "snarkjs accepted a wrong public input:\n" + twin.plainOutput());
    CliRun ourVerify = CliRun.of("groth16", "verify", "--vk", vk.toString(), "--proof", proof.toString(),
        "--public", pub.toString());
    assertEquals(ExitCodes.OK, ourVerify.exitCode(), ourVerify::toString);

    // snarkjs reads the same verification key out of the .zkey
    Path exported = dir.resolve("ours_exported_vk.json");
    NodeTools.snarkjs(dir, "zkey", "export", "verificationkey", ours.toString(), exported.toString()).requireSuccess();
    NodeTools.Result viaExported =
        NodeTools.snarkjs(dir, "groth16", "verify", exported.toString(), pub.toString(), proof.toString());
    assertTrue(viaExported.plainOutput().contains("OK!"), viaExported::plainOutput);

    // and zkinfer proves with the .zkey as well
    proveAndLetSnarkjsVerify(ours, vk, "ours-zkey");
  }

  @Test
  void weVerifyASnarkjsProof() throws IOException {
    Path proof = dir.resolve("snarkjs_proof.json");
    Path pub = dir.resolve("snarkjs_public.json");
    NodeTools.snarkjs(dir, "groth16", "prove", zkey.toString(), wtns.toString(), proof.toString(), pub.toString())
        .requireSuccess();
    CliRun ok = CliRun.of("groth16", "verify", "--vk", snarkjsVk.toString(), "--proof", proof.toString(),
        "--public", pub.toString());
    assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    assertTrue(ok.out().contains("OK: proof is valid"), ok::toString);
    Path wrong = tamperFirstSignal(pub, "snarkjs");
    CliRun twin = CliRun.of("groth16", "verify", "--vk", snarkjsVk.toString(), "--proof", proof.toString(),
        "--public", wrong.toString());
    assertEquals(ExitCodes.INVALID, twin.exitCode(), twin::toString);
  }

  private static void proveAndLetSnarkjsVerify(Path key, Path vk, String tag) throws IOException {
    Path proof = dir.resolve("proof-" + tag + ".json");
    Path pub = dir.resolve("public-" + tag + ".json");
    CliRun prove = CliRun.of("groth16", "prove", "--key", key.toString(), "--wtns", wtns.toString(),
        "--proof", proof.toString(), "--public", pub.toString());
    assertEquals(0, prove.exitCode(), prove::toString);
    NodeTools.Result verdict = NodeTools.snarkjs(dir, "groth16", "verify", vk.toString(), pub.toString(), proof.toString());
    assertEquals(0, verdict.exitCode(), verdict::plainOutput);
    assertTrue(verdict.plainOutput().contains("OK!"), verdict::plainOutput);
    Path wrong = tamperFirstSignal(pub, tag);
    NodeTools.Result twin = NodeTools.snarkjs(dir, "groth16", "verify", vk.toString(), wrong.toString(), proof.toString());
    assertTrue(!twin.plainOutput().contains("OK!"), () -> "snarkjs accepted a wrong public input:\n" + twin.plainOutput());
  }

  /** A copy of public.json with its first signal plus one. */
  private static Path tamperFirstSignal(Path pub, String tag) throws IOException {
    String json = Files.readString(pub);
    Matcher m = Pattern.compile("\"(\\d+)\"").matcher(json);
    assertTrue(m.find(), "public.json has a signal: " + json);
    String bumped = new java.math.BigInteger(m.group(1)).add(java.math.BigInteger.ONE).toString();
    Path wrong = dir.resolve("public-" + tag + "-wrong.json");
    Files.writeString(wrong, json.substring(0, m.start(1)) + bumped + json.substring(m.end(1)));
    return wrong;
  }

  /** The number after {@code label} (and a colon) in {@code text}. */
  private static int count(String text, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s*(\\d+)").matcher(text);
    assertTrue(m.find(), () -> "no '" + label + "' in:\n" + text);
    return Integer.parseInt(m.group(1));
  }
}
