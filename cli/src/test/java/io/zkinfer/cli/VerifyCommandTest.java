package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer groth16 verify} on a proof made by snarkjs 0.7.6 (test resource
 * {@code snarkjs/multiplier}: c = a·b, public signals [33, 3]) and its negative twins: exit 0 valid,
 * 1 invalid, 2 unusable input with one line on stderr.
 */
class VerifyCommandTest {
  @TempDir Path dir;
  Path vk;
  Path proof;
  Path pub;

  @BeforeEach
  void copyFixture() throws IOException {
    vk = copy("verification_key.json");
    proof = copy("proof.json");
    pub = copy("public.json");
  }

  private Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/snarkjs/multiplier/" + name)) {
      Path p = dir.resolve(name);
      Files.write(p, in.readAllBytes());
      return p;
    }
  }

  private CliRun verify(Path publicJson) {
    return CliRun.of("groth16", "verify", "--vk", vk.toString(), "--proof", proof.toString(),
        "--public", publicJson.toString());
  }

  private Path publicJson(String content) throws IOException {
    Path p = dir.resolve("public-variant.json");
    Files.writeString(p, content);
    return p;
  }

  @Test
  void snarkjsProofIsValid() {
    CliRun run = verify(pub);
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertEquals("OK: proof is valid", run.out().strip());
    assertEquals("", run.err());
  }

  @Test
  void wrongPublicInputIsInvalid() throws IOException {
    CliRun run = verify(publicJson("[\"33\", \"4\"]"));
    assertEquals(ExitCodes.INVALID, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("INVALID"), run::toString);
  }

  @Test
  void tamperedProofIsInvalidOrUnusable() throws IOException {
    // pi_a replaced by the generator: on the curve, so the pairing check decides (invalid).
    String json = Files.readString(proof).replaceFirst(
        "\"pi_a\":\\s*\\[[^\\]]*\\]", "\"pi_a\": [\"1\", \"2\", \"1\"]");
    Files.writeString(proof, json);
    CliRun run = verify(pub);
    assertEquals(ExitCodes.INVALID, run.exitCode(), run::toString);
  }

  @Test
  void offCurveProofPointIsUnusable() throws IOException {
    String json = Files.readString(proof).replaceFirst(
        "\"pi_a\":\\s*\\[[^\\]]*\\]", "\"pi_a\": [\"1\", \"3\", \"1\"]");
    Files.writeString(proof, json);
    CliRun run = verify(pub);
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
  }

  @Test
  void publicInputPlusRIsUnusable() throws IOException {
    Path plusR = publicJson("[\"" + BigInteger.valueOf(33).add(Fr.MODULUS) + "\", \"3\"]");
    CliRun run = verify(plusR);
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
    assertTrue(run.err().contains(plusR.toString()) && run.err().contains("[0]"), run::toString);
    System.out.println(run.err());
  }

  @Test
  void wrongNumberOfPublicInputsIsUnusable() throws IOException {
    Path tooFew = publicJson("[\"33\"]");
    CliRun run = verify(tooFew);
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
    assertTrue(run.err().contains(tooFew.toString()), run::toString);
    System.out.println(run.err());
  }

  @Test
  void malformedJsonIsUnusable() throws IOException {
    CliRun run = verify(publicJson("[\"33\", "));
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertOneLineError(run);
    System.out.println(run.err());
  }

  @Test
  void missingFileIsUnusable() {
    CliRun run = verify(dir.resolve("no-such-public.json"));
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("no-such-public.json"), run::toString);
    assertOneLineError(run);
  }

  @Test
  void missingOptionIsUnusable() {
    CliRun run = CliRun.of("groth16", "verify", "--vk", vk.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--proof"), run::toString);
  }

  static void assertOneLineError(CliRun run) {
    assertTrue(run.err().startsWith("zkinfer: error: "), run::toString);
    assertEquals(1, run.err().strip().lines().count(), () -> "one line, no stack trace:\n" + run);
  }
}
