package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.algebra.testing.CircomlibjsPoseidon;
import io.zkinfer.circuits.compile.CircuitSizeEstimate;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.interop.NodeTools;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.mnist.MnistFixtures.Model;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.model.ModelDirectory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compile → setup → prove → verify} on the MNIST MLP at every input × output visibility (weights fixed)
 * and on the CNN with the default visibility and with a hashed input. Every proof also verifies with
 * {@code snarkjs groth16 verify} against {@code DIR/verification_key.json}; a hashed input's commitment is recomputed
 * with circomlibjs. Negative twins, each exit 1: an output value changed in public.json, and in output.json only; a
 * public input changed; another input's commitment; the proof checked against the CNN's directory. Model
 * directories are compiled and set up once per visibility and shared by the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MnistModelCommandsTest {
  @TempDir static Path tmp;
  private final Map<String, Path> directories = new HashMap<>();
  private final Map<String, CliRun> compileRuns = new HashMap<>();
  private Path calibration;

  static Stream<Arguments> mlpVisibilities() {
    List<Arguments> out = new ArrayList<>();
    for (String in : List.of("public", "private", "hashed")) {
      for (String o : List.of("public", "hashed")) {
        out.add(Arguments.of(in, o));
      }
    }
    return out.stream();
  }

  /** The compiled and set-up directory of {@code model} at this visibility (made on first use). */
  private Path directory(Model model, String in, String out) throws IOException {
    String key = model + "-" + in + "-" + out;
    Path dir = directories.get(key);
    if (dir == null) {
      dir = tmp.resolve(key.toLowerCase(java.util.Locale.ROOT));
      CliRun compile = CliRun.of("compile", model.path().toString(), "--calibration", calibration(model).toString(),
          "--input-visibility", in, "--output-visibility", out, "--out", dir.toString(), "--stats");
      System.out.println(compile.out());
      assertEquals(ExitCodes.OK, compile.exitCode(), compile::toString);
      CliRun setup = CliRun.of("setup", dir.toString());
      System.out.println(setup.out());
      assertEquals(ExitCodes.OK, setup.exitCode(), setup::toString);
      directories.put(key, dir);
      compileRuns.put(key, compile);
    }
    return dir;
  }

  /** 20 held-out digits (100..119, not proven below) in each model's input shape. */
  private Path calibration() throws IOException {
    if (calibration == null) {
      calibration = tmp.resolve("calibration");
      Files.createDirectories(calibration);
      for (Model m : Model.values()) {
        StringBuilder sb = new StringBuilder("{\"samples\": [");
        for (int i = 0; i < 20; i++) {
          sb.append(i == 0 ? "" : ",\n").append(TensorJson.toJson(m.feed(100 + i)).strip());
        }
        Files.writeString(calibration.resolve(m + ".json"), sb.append("]}").toString());
      }
    }
    return calibration;
  }

  private Path calibration(Model m) throws IOException {
    return calibration().resolve(m + ".json");
  }

  private Path digit(Model m, int i) throws IOException {
    Path p = tmp.resolve(m + "-digit" + i + ".json");
    if (!Files.exists(p)) {
      TensorJson.write(m.feed(i), p);
    }
    return p;
  }

  private Path prove(Path dir, Model m, int digit, String name) throws IOException {
    Path proof = tmp.resolve(name);
    CliRun prove = CliRun.of("prove", dir.toString(), "--input", digit(m, digit).toString(), "--out",
        proof.toString());
    System.out.println(prove.out());
    assertEquals(ExitCodes.OK, prove.exitCode(), prove::toString);
    return proof;
  }

  private static CliRun verify(Path dir, Path proof) {
    CliRun run = CliRun.of("verify", dir.toString(), proof.toString());
    System.out.println(run.out());
    return run;
  }

  private static void assertValid(Path dir, Path proof) {
    CliRun run = verify(dir, proof);
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("VALID: "), run::toString);
  }

  private static void assertInvalid(Path dir, Path proof, String reason) {
    CliRun run = verify(dir, proof);
    assertEquals(ExitCodes.INVALID, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("INVALID: ") && run.out().contains(reason), () -> "expected '" + reason
        + "' in\n" + run);
  }

  /** {@code snarkjs groth16 verify DIR/verification_key.json public.json proof.json}, or a printed skip. */
  private static void assertSnarkjsAccepts(Path dir, Path proof) {
    if (!NodeTools.isAvailable()) {
      System.out.println("SKIPPED snarkjs groth16 verify (interop): " + NodeTools.unavailableReason().orElse(""));
      return;
    }
    NodeTools.Result r = NodeTools.snarkjs(proof, "groth16", "verify", dir.resolve("verification_key.json")
        .toString(), proof.resolve("public.json").toString(), proof.resolve("proof.json").toString());
    assertEquals(0, r.exitCode(), r::plainOutput);
    assertTrue(r.plainOutput().contains("OK!"), r::plainOutput);
  }

  /** A copy of {@code proof} with {@code file} rewritten by {@code edit}. */
  private Path edited(Path proof, String name, String file, UnaryOperator<String> edit) throws IOException {
    Path to = tmp.resolve(name);
    Files.createDirectories(to);
    for (String f : List.of("output.json", "proof.json", "public.json")) {
      Files.copy(proof.resolve(f), to.resolve(f));
    }
    String before = Files.readString(to.resolve(file));
    String after = edit.apply(before);
    assertTrue(!before.equals(after), "the edit changed nothing in " + file);
    Files.writeString(to.resolve(file), after);
    return to;
  }

  private static List<BigInteger> signals(Path proof) throws IOException {
    List<BigInteger> out = new ArrayList<>();
    for (JsonNode n : new ObjectMapper().readTree(proof.resolve("public.json").toFile())) {
      out.add(new BigInteger(n.asText()));
    }
    return out;
  }

  private static UnaryOperator<String> signal(int index, BigInteger value) {
    return s -> {
      String[] parts = s.split("\"");
      parts[2 * index + 1] = value.toString();
      return String.join("\"", parts);
    };
  }

  /** The quantized input of digit {@code i} as the circuit sees it, at the input scale of {@code dir}. */
  private static long[] quantizedInput(Path dir, Model m, int i) throws IOException {
    QuantizedModel q = QuantizedModel.read(dir);
    int scale = q.settings().tensor(MnistFixtures.INPUT).orElseThrow().scaleBits();
    var opt = q.settings().options();
    return IntegerExecutor.quantize(m.input(i), scale, opt.activationMin(), opt.activationMax()).longs();
  }

  @ParameterizedTest(name = "MLP, input {0}, output {1}")
  @MethodSource("mlpVisibilities")
  void mlpProvesAndVerifiesAtEveryVisibility(String in, String out) throws IOException {
    Path dir = directory(Model.MLP, in, out);
    Path proof = prove(dir, Model.MLP, 0, "mlp-" + in + "-" + out);
    assertValid(dir, proof);
    assertSnarkjsAccepts(dir, proof);

    // The outputs are the integer executor's, and the public signals are laid out as the visibility says.
    Map<String, Tensor> expected = new IntegerExecutor(QuantizedModel.read(dir)).run(Model.MLP.feed(0));
    JsonNode output = new ObjectMapper().readTree(proof.resolve("output.json").toFile());
    float[] logits = expected.get(MnistFixtures.OUTPUT).floats();
    for (int k = 0; k < 10; k++) {
      assertEquals(logits[k], output.get("outputs").get("logits").get(0).get(k).floatValue(), "logit " + k);
    }
    List<BigInteger> signals = signals(proof);
    int outputs = out.equals("public") ? 10 : 1;
    int inputCommitment = in.equals("hashed") ? 1 : 0;
    int inputs = in.equals("public") ? 784 : 0;
    assertEquals(outputs + inputCommitment + inputs, signals.size(), "public signals");

    // Negative twins.
    assertInvalid(dir, edited(proof, in + out + "-pub-out", "public.json", signal(0, signals.get(0).add(
        BigInteger.ONE))), out.equals("public") ? "output 'logits' element 0" : "the outputs commitment");
    assertInvalid(dir, edited(proof, in + out + "-out-only", "output.json", s -> s.replaceFirst(
        "(\"integerOutputs\": \\{\\s*\"logits\": \\[\\[)(-?\\d+)", "$1" + 1234)),
        out.equals("public") ? "output 'logits' element 0 is 1234" : "the outputs commitment of");
    if (in.equals("public")) {
      int last = signals.size() - 1;
      assertInvalid(dir, edited(proof, in + out + "-pub-in", "public.json", signal(last, signals.get(last)
          .add(BigInteger.ONE))), "the proof does not verify");
    }
    if (in.equals("hashed")) {
      Fr commitment = Fr.fromDecimal(signals.get(outputs).toString());
      long[] q = quantizedInput(dir, Model.MLP, 0);
      assertEquals(PoseidonTree.commitIntegers(q), commitment, "the input commitment is PoseidonTree's");
      assertEquals(commitment.toDecimal(), output.get("commitments").get("inputs").asText());
      if (out.equals("public")) {
        CircomlibjsPoseidon.assumeAvailable();
        assertEquals(commitment, CircomlibjsPoseidon.commit(List.of(q)).get(0), "circomlibjs's commitment");
      }
      // Another digit's commitment in both files: the proof does not verify.
      String other = PoseidonTree.commitIntegers(quantizedInput(dir, Model.MLP, 1)).toDecimal();
      Path swapped = edited(proof, in + out + "-other-commitment", "public.json",
          signal(outputs, new BigInteger(other)));
      Files.writeString(swapped.resolve("output.json"), Files.readString(swapped.resolve("output.json"))
          .replace(commitment.toDecimal(), other));
      assertInvalid(dir, swapped, "the proof does not verify");
    }
  }

  @Test
  void cnnProvesAndVerifiesWithPublicAndWithHashedInput() throws IOException {
    for (String in : List.of("public", "hashed")) {
      Path dir = directory(Model.CNN, in, "public");
      Path proof = prove(dir, Model.CNN, 7, "cnn-" + in);
      assertValid(dir, proof);
      assertSnarkjsAccepts(dir, proof);
      CliRun mock = CliRun.of("mock", dir.toString(), "--input", digit(Model.CNN, 7).toString());
      assertEquals(ExitCodes.OK, mock.exitCode(), mock::toString);
      if (in.equals("hashed")) {
        List<BigInteger> signals = signals(proof);
        assertEquals(11, signals.size());
        long[] q = quantizedInput(dir, Model.CNN, 7);
        CircomlibjsPoseidon.assumeAvailable();
        assertEquals(Fr.fromDecimal(signals.get(10).toString()), CircomlibjsPoseidon.commit(List.of(q)).get(0),
            "circomlibjs's commitment of the CNN's input");
      }
    }
  }

  @Test
  void theProvingKeysAreAboutTheSizeTheEstimatesAssume() throws IOException {
    for (Model m : Model.values()) {
      Path dir = directory(m, "public", "public");
      int constraints = R1csFile.read(dir.resolve(ModelDirectory.R1CS)).numConstraints();
      long keyBytes = Files.size(dir.resolve(ModelDirectory.PROVING_KEY));
      double perConstraint = keyBytes / (double) constraints;
      System.out.printf(java.util.Locale.ROOT, "%s: proving key %,d bytes for %,d constraints, %.0f a constraint"
          + " (the estimates assume %d)%n", m, keyBytes, constraints, perConstraint,
          CircuitSizeEstimate.KEY_BYTES_PER_CONSTRAINT);
      assertTrue(Math.abs(perConstraint / CircuitSizeEstimate.KEY_BYTES_PER_CONSTRAINT - 1) < 0.3,
          m + ": " + perConstraint + " bytes a constraint, more than 30% off the estimates' "
              + CircuitSizeEstimate.KEY_BYTES_PER_CONSTRAINT);
    }
  }

  @Test
  void anMlpProofIsInvalidForTheCnnsDirectory() throws IOException {
    Path mlp = directory(Model.MLP, "public", "public");
    Path cnn = directory(Model.CNN, "public", "public");
    Path proof = prove(mlp, Model.MLP, 3, "mlp-for-cnn");
    assertValid(mlp, proof);
    assertInvalid(cnn, proof, "is for model");
  }

  @Test
  void mockPassesADigitAndNamesTheLayerOfATamperedWitness() throws IOException {
    Path dir = directory(Model.MLP, "public", "public");
    CliRun ok = CliRun.of("mock", dir.toString(), "--input", digit(Model.MLP, 2).toString());
    assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    assertTrue(ok.out().startsWith("satisfied"), ok::toString);
    long[] q = quantizedInput(dir, Model.MLP, 2);
    q[400] = 300; // beyond the int8 activation range the input is range-checked to
    Path bad = tmp.resolve("out-of-range.json");
    TensorJson.write(Map.of(MnistFixtures.INPUT, Tensor.ofLongs(io.zkinfer.inference.ir.DataType.INT64,
        Model.MLP.inputShape(), q)), bad);
    CliRun range = CliRun.of("mock", dir.toString(), "--input", bad.toString(), "--integer");
    assertEquals(ExitCodes.UNUSABLE_INPUT, range.exitCode(), range::toString);
    assertTrue(range.err().contains("'input' element 400 is 300"), range::toString);

    Path proof = tmp.resolve("mlp-witness");
    CliRun prove = CliRun.of("prove", dir.toString(), "--input", digit(Model.MLP, 2).toString(), "--out",
        proof.toString(), "--witness");
    assertEquals(ExitCodes.OK, prove.exitCode(), prove::toString);
    Path tampered = tmp.resolve("mlp-tampered.wtns");
    String scope = TamperedWitness.write(dir, proof.resolve("witness.wtns"), "fc1", tampered);
    CliRun run = CliRun.of("mock", dir.toString(), "--wtns", tampered.toString());
    System.out.println(run.out());
    assertEquals(ExitCodes.INVALID, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("NOT SATISFIED: in scope '" + scope), run::toString);
  }

  @Test
  void compileStatsListEveryLayer() throws IOException {
    directory(Model.MLP, "public", "public");
    String out = compileRuns.get(Model.MLP + "-public-public").out();
    for (String row : List.of("constraints per layer:", "constraints per operator:", "  input ", "IntMatMul",
        "total")) {
      assertTrue(out.contains(row), () -> "no '" + row + "' in\n" + out);
    }
    System.out.println(Arrays.toString(out.lines().filter(l -> l.startsWith("compiled")).toArray()));
  }
}
