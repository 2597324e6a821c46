package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.format.R1csFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer compile, setup, prove, verify, mock} on a one-layer model: the session works and prints what it
 * did; bad arguments, missing files and a changed verifying key give exit 2 or 1 with one line naming the problem.
 */
class ModelCommandsTest {
  @TempDir static Path tmp;
  static Path model;
  static Path dir;
  static Path input;
  static Path proof;
  static CliRun compile;

  @BeforeAll
  static void session() throws IOException {
    model = TinyModels.affine(tmp);
    dir = tmp.resolve("affine");
    input = tmp.resolve("x.json");
    Files.writeString(input, "{\"x\": [[1.0, 2.0]]}");
    compile = CliRun.of("compile", model.toString(), "--out", dir.toString(), "--range", "x=-4,4", "--stats");
    assertEquals(ExitCodes.OK, compile.exitCode(), compile::toString);
    CliRun setup = CliRun.of("setup", dir.toString());
    assertEquals(ExitCodes.OK, setup.exitCode(), setup::toString);
    proof = tmp.resolve("proof");
    CliRun prove = CliRun.of("prove", dir.toString(), "--input", input.toString(), "--out", proof.toString(),
        "--witness");
    assertEquals(ExitCodes.OK, prove.exitCode(), prove::toString);
    System.out.println(compile.out() + setup.out() + prove.out());
  }

  private static void assertOneLineError(CliRun run, String... fragments) {
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("zkinfer"), run::toString);
    for (String f : fragments) {
      assertTrue(run.err().contains(f), () -> "expected '" + f + "' in\n" + run);
    }
  }

  @Test
  void compileReportsTheCircuitAndItsCostPerLayer() throws IOException {
    String out = compile.out();
    R1cs r1cs = R1csFile.read(dir.resolve("circuit.r1cs"));
    assertTrue(out.contains(String.format(java.util.Locale.ROOT, "%,d constraints", r1cs.numConstraints())),
        out);
    assertTrue(out.contains("public signals: 5 (3 output values of 'y', 2 input values of 'x')"), out);
    assertTrue(out.contains("constraints per layer:") && out.contains("constraints per operator:"), out);
    assertTrue(out.contains("  input "), out);
    assertTrue(out.contains("next: zkinfer setup " + dir), out);
  }

  @Test
  void proveWritesTheProofFilesAndVerifyAcceptsThem() throws IOException {
    for (String f : new String[] {"output.json", "proof.json", "public.json", "witness.wtns"}) {
      assertTrue(Files.isRegularFile(proof.resolve(f)), f);
    }
    assertEquals(R1csFile.read(dir.resolve("circuit.r1cs")).numWires(),
        WtnsFile.read(proof.resolve("witness.wtns")).size());
    CliRun verify = CliRun.of("verify", dir.toString(), proof.toString());
    assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);
    assertTrue(verify.out().startsWith("VALID: proof of model "), verify::toString);
  }

  @Test
  void quietPrintsNothing() {
    CliRun run = CliRun.of("prove", dir.toString(), "--input", input.toString(), "--out",
        tmp.resolve("quiet").toString(), "--quiet");
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void aChangedVerifyingKeyExitsOne() throws IOException {
    Path copy = tmp.resolve("changed-key");
    Files.createDirectories(copy);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    CliRun again = CliRun.of("compile", model.toString(), "--out", tmp.resolve("again").toString(), "--range",
        "x=-4,4", "--quiet");
    assertEquals(ExitCodes.OK, again.exitCode(), again::toString);
    assertEquals("", again.out());
    assertEquals(ExitCodes.OK, CliRun.of("setup", tmp.resolve("again").toString(), "--quiet").exitCode());
    Files.copy(tmp.resolve("again/verification_key.json"), copy.resolve("verification_key.json"),
        StandardCopyOption.REPLACE_EXISTING);
    CliRun verify = CliRun.of("verify", copy.toString(), proof.toString());
    assertEquals(ExitCodes.INVALID, verify.exitCode(), verify::toString);
    assertTrue(verify.out().startsWith("INVALID: ") && verify.out().contains("verification_key.json was changed"),
        verify::toString);
  }

  @Test
  void aQuantizedDirectoryCompilesAsItIs() {
    Path q = tmp.resolve("q");
    assertEquals(ExitCodes.OK, CliRun.of("quantize", model.toString(), "--out", q.toString()).exitCode());
    CliRun c = CliRun.of("compile", q.toString(), "--out", tmp.resolve("from-q").toString());
    assertEquals(ExitCodes.OK, c.exitCode(), c::toString);
    assertTrue(c.out().startsWith("model: " + q + " (quantized to int8"), c::toString);
    CliRun bits = CliRun.of("compile", q.toString(), "--bits", "16", "--out", tmp.resolve("x").toString());
    assertOneLineError(bits, "is already quantized: --bits applies only to a float ONNX model");
  }

  @Test
  void badArgumentsAndMissingFilesExitTwo() {
    assertOneLineError(CliRun.of("compile", model.toString(), "--out", tmp.resolve("v").toString(),
        "--output-visibility", "private"), "the output cannot be 'private'; choose one of public, hashed");
    assertOneLineError(CliRun.of("compile", model.toString(), "--out", tmp.resolve("v").toString(),
        "--weights", "secret"), "unknown visibility 'secret'");
    assertOneLineError(CliRun.of("compile", model.toString(), "--out", tmp.resolve("v").toString(),
        "--bits", "4"), "--bits must be 8 or 16");
    Path empty = tmp.resolve("empty");
    assertOneLineError(CliRun.of("setup", empty.toString()), "is not a directory",
        "zkinfer compile MODEL --out DIR");
    assertOneLineError(CliRun.of("verify", dir.toString(), tmp.resolve("no-proof").toString()),
        "no-proof is not a directory", "zkinfer prove");
    assertOneLineError(CliRun.of("prove", dir.toString(), "--input", tmp.resolve("none.json").toString(), "--out",
        tmp.resolve("p").toString()), "none.json");
    Path noKeys = tmp.resolve("no-keys");
    assertEquals(ExitCodes.OK, CliRun.of("compile", model.toString(), "--out", noKeys.toString(), "--quiet")
        .exitCode());
    assertOneLineError(CliRun.of("prove", noKeys.toString(), "--input", input.toString(), "--out",
        tmp.resolve("p").toString()), "has no proving.key; make it with 'zkinfer setup " + noKeys + "'");
    assertOneLineError(CliRun.of("verify", noKeys.toString(), proof.toString()),
        "has no verification_key.json; make it with 'zkinfer setup " + noKeys + "'");
  }

  @Test
  void mockChecksInputsAndWitnessesAndNamesTheLayerOfATamperedOne() throws IOException {
    CliRun ok = CliRun.of("mock", dir.toString(), "--input", input.toString());
    assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    assertTrue(ok.out().startsWith("satisfied"), ok::toString);
    Path fine = tmp.resolve("fine.json");
    Files.writeString(fine, "{\"x\": [[100, 2]]}");
    CliRun integers = CliRun.of("mock", dir.toString(), "--input", fine.toString(), "--integer");
    assertEquals(ExitCodes.OK, integers.exitCode(), integers::toString);
    Path big = tmp.resolve("big.json");
    Files.writeString(big, "{\"x\": [[1000, 2]]}");
    assertOneLineError(CliRun.of("mock", dir.toString(), "--input", big.toString(), "--integer"), "'x'", "1000");

    CliRun honest = CliRun.of("mock", dir.toString(), "--wtns", proof.resolve("witness.wtns").toString());
    assertEquals(ExitCodes.OK, honest.exitCode(), honest::toString);
    Path bad = tmp.resolve("tampered.wtns");
    String scope = TamperedWitness.write(dir, proof.resolve("witness.wtns"), "fc", bad);
    CliRun tampered = CliRun.of("mock", dir.toString(), "--wtns", bad.toString());
    assertEquals(ExitCodes.INVALID, tampered.exitCode(), tampered::toString);
    assertTrue(tampered.out().startsWith("NOT SATISFIED: in scope '" + scope), tampered::toString);
    assertOneLineError(CliRun.of("mock", dir.toString()), "give either --input FILE or --wtns W.wtns");
  }
}
