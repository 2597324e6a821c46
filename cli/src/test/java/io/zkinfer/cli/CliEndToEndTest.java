package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info → setup → prove → verify} in process on the demo circuit (x³ + x + 5 = y, x = 3),
 * also proving with the {@code .zkey} that {@code setup --zkey} writes, with the negative twins: a
 * tampered public.json exits 1, an unreduced public input and a missing file exit 2, each with a
 * one-line message.
 */
class CliEndToEndTest {
  @TempDir static Path dir;
  static Path r1cs;
  static Path wtns;
  static Path keys;
  static Path proof;
  static Path pub;

  @BeforeAll
  static void setupAndProve() throws IOException {
    r1cs = dir.resolve("cubic.r1cs");
    wtns = dir.resolve("cubic.wtns");
    R1csFile.write(DemoCircuit.r1cs(), r1cs);
    WtnsFile.write(DemoCircuit.witness(Fr.of(3)), wtns);
    keys = dir.resolve("keys");
    proof = dir.resolve("proof.json");
    pub = dir.resolve("public.json");
    CliRun setup = CliRun.of("groth16", "setup", "--r1cs", r1cs.toString(), "--out", keys.toString());
    assertEquals(0, setup.exitCode(), setup::toString);
    assertTrue(Files.isRegularFile(keys.resolve("proving.key")), "proving.key written");
    assertTrue(Files.isRegularFile(keys.resolve("verification_key.json")), "verification_key.json written");
    CliRun prove = CliRun.of("groth16", "prove", "--key", keys.resolve("proving.key").toString(),
        "--wtns", wtns.toString(), "--proof", proof.toString(), "--public", pub.toString());
    assertEquals(0, prove.exitCode(), prove::toString);
  }

  private static CliRun verify(Path publicJson) {
    return CliRun.of("groth16", "verify", "--vk", keys.resolve("verification_key.json").toString(),
        "--proof", proof.toString(), "--public", publicJson.toString());
  }

  @Test
  void validProofExitsZero() throws IOException {
    assertEquals("[\"35\"]", Files.readString(pub).replaceAll("\\s", ""), "public.json holds y = 35");
    CliRun run = verify(pub);
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("OK: proof is valid"), run::toString);
  }

  @Test
  void wrongPublicInputExitsOne() throws IOException {
    Path tampered = dir.resolve("public-36.json");
    Files.writeString(tampered, "[\"36\"]");
    CliRun run = verify(tampered);
    assertEquals(ExitCodes.INVALID, run.exitCode(), run::toString);
    assertFalse(run.out().contains("OK"), run::toString);
    assertTrue(run.out().contains("INVALID"), run::toString);
  }

  @Test
  void unreducedPublicInputExitsTwo() throws IOException {
    Path unreduced = dir.resolve("public-plus-r.json");
    Files.writeString(unreduced, "[\"" + BigInteger.valueOf(35).add(Fr.MODULUS) + "\"]");
    CliRun run = verify(unreduced);
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
  }

  @Test
  void missingFileExitsTwo() {
    CliRun run = verify(dir.resolve("no-such-public.json"));
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("no-such-public.json"), run::toString);
    assertOneLineError(run);
  }

  @Test
  void wrongNumberOfPublicInputsExitsTwo() throws IOException {
    Path two = dir.resolve("public-two.json");
    Files.writeString(two, "[\"35\", \"1\"]");
    CliRun run = verify(two);
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
  }

  @Test
  void missingOptionExitsTwo() {
    CliRun run = CliRun.of("groth16", "verify", "--vk", "x.json");
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--proof"), run::toString);
  }

  @Test
  void proveRejectsAFileThatIsNoKey() throws IOException {
    Path notAKey = dir.resolve("not-a-key.bin");
    Files.writeString(notAKey, "hello, I am not a key");
    CliRun run = CliRun.of("groth16", "prove", "--key", notAKey.toString(), "--wtns", wtns.toString(),
        "--proof", dir.resolve("p.json").toString(), "--public", dir.resolve("q.json").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
  }

  @Test
  void setupWithZkeyWritesTheSameKeyAsASnarkjsZkey() throws IOException {
    Path out = dir.resolve("keys-with-zkey");
    Path zkey = dir.resolve("zkey-out/cubic.zkey");
    CliRun setup = CliRun.of("groth16", "setup", "--r1cs", r1cs.toString(), "--out", out.toString(),
        "--zkey", zkey.toString());
    assertEquals(0, setup.exitCode(), setup::toString);
    assertTrue(Files.isRegularFile(out.resolve("proving.key")), "proving.key still written");
    assertEquals("zkey", new String(Files.readAllBytes(zkey), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    Path p = dir.resolve("proof-zkey.json");
    Path q = dir.resolve("public-zkey.json");
    CliRun prove = CliRun.of("groth16", "prove", "--key", zkey.toString(), "--wtns", wtns.toString(),
        "--proof", p.toString(), "--public", q.toString());
    assertEquals(0, prove.exitCode(), prove::toString);
    Path vk = out.resolve("verification_key.json");
    CliRun ok = CliRun.of("groth16", "verify", "--vk", vk.toString(), "--proof", p.toString(), "--public", q.toString());
    assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    Path wrong = dir.resolve("public-zkey-36.json");
    Files.writeString(wrong, "[\"36\"]");
    CliRun twin = CliRun.of("groth16", "verify", "--vk", vk.toString(), "--proof", p.toString(),
        "--public", wrong.toString());
    assertEquals(ExitCodes.INVALID, twin.exitCode(), twin::toString);
  }

  @Test
  void demoProvesVerifiesAndRejectsTheTwin() {
    CliRun run = CliRun.of("groth16", "demo");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("valid"), run::toString);
    assertTrue(run.out().contains("rejected"), run::toString);
  }

  private static void assertOneLineError(CliRun run) {
    assertTrue(run.err().startsWith("zkinfer: error: "), run::toString);
    assertEquals(1, run.err().strip().lines().count(), () -> "one line, no stack trace:\n" + run);
  }
}
