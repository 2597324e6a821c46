package io.zkinfer.prover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.verifier.InvalidPublicInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prove, verify and mock steps on a tiny two-layer model: a proof verifies; each negative twin is refused with its
 * reason (a changed output in public.json or in output.json only, a changed public input, a verifying key that is
 * not the manifest's, another model's directory); mock names the layer of a tampered witness.
 */
class ModelStepsTest {
    @TempDir static Path tmp;
    static QuantizedModel model;
    static ModelDirectory dir;
    static ModelDirectory other;
    static Path proof;

    @BeforeAll
    static void compileSetUpAndProve() throws IOException {
        model = TinyModel.quantized(1f);
        dir = CompileStep.run(model, VisibilityOptions.DEFAULT, tmp.resolve("tiny")).directory();
        SetupStep.run(dir, null, new SecureRandom());
        other = CompileStep.run(TinyModel.quantized(2f), VisibilityOptions.DEFAULT, tmp.resolve("other")).directory();
        SetupStep.run(other, null, new SecureRandom());
        proof = tmp.resolve("proof");
        ProofDirectory.write(proof, ProveStep.load(dir).prove(TinyModel.input(0.5f, -0.25f, 1f, 0.125f),
                new SecureRandom()), true);
    }

    /** A copy of the proof directory with {@code file} rewritten by {@code edit}. */
    private static Path edited(String name, String file, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        for (String f : new String[] {ProofDirectory.OUTPUT, ProofDirectory.PROOF, ProofDirectory.PUBLIC}) {
            Files.copy(proof.resolve(f), to.resolve(f));
        }
        String before = Files.readString(to.resolve(file));
        String after = edit.apply(before);
        assertFalse(before.equals(after), "the edit changed nothing in " + file);
        Files.writeString(to.resolve(file), after);
        return to;
    }

    private static String replaceSignal(String publicJson, int index, BigInteger value) {
        String[] parts = publicJson.split("\"");
        parts[2 * index + 1] = value.toString();
        return String.join("\"", parts);
    }

    private static BigInteger signal(int index) throws IOException {
        return new BigInteger(Files.readString(proof.resolve(ProofDirectory.PUBLIC)).split("\"")[2 * index + 1]);
    }

    @Test
    void theProofVerifiesAndItsOutputIsTheIntegerExecutors() throws IOException {
        VerifyStep.Result r = VerifyStep.run(dir, proof);
        assertTrue(r.valid(), r.reason());
        InferenceOutput out = InferenceOutput.read(proof.resolve(ProofDirectory.OUTPUT), dir.circuitSettings());
        Map<String, Tensor> expected = new IntegerExecutor(model).run(TinyModel.input(0.5f, -0.25f, 1f, 0.125f));
        assertEquals(java.util.Arrays.toString(expected.get("y").floats()),
                java.util.Arrays.toString(out.outputs().get("y").floats()));
        assertEquals(dir.manifest().modelId(), out.modelId());
        assertTrue(Files.isRegularFile(proof.resolve(ProofDirectory.WITNESS)));
    }

    @Test
    void aChangedOutputInPublicJsonIsInvalid() throws IOException {
        Path p = edited("public-output", ProofDirectory.PUBLIC, s -> replaceSignal(s, 0, uncheckedSignal(0).add(
                BigInteger.ONE)));
        VerifyStep.Result r = VerifyStep.run(dir, p);
        assertFalse(r.valid());
        assertTrue(r.reason().contains("output 'y' element 0"), r.reason());
    }

    @Test
    void aChangedOutputInOutputJsonOnlyIsInvalid() throws IOException {
        InferenceOutput out = InferenceOutput.read(proof.resolve(ProofDirectory.OUTPUT), dir.circuitSettings());
        long q = out.integerOutputs().get("y").longs()[1];
        Path ints = edited("output-int", ProofDirectory.OUTPUT, s -> s.replaceFirst(
                "(\"integerOutputs\": \\{\\s*\"y\": \\[\\[-?\\d+, )" + q, "$1" + (q + 1)));
        VerifyStep.Result r = VerifyStep.run(dir, ints);
        assertFalse(r.valid());
        assertTrue(r.reason().contains("output 'y' element 1 is " + (q + 1)), r.reason());
        float f = out.outputs().get("y").floats()[0];
        Path floats = edited("output-float", ProofDirectory.OUTPUT, s -> s.replaceFirst(
                "(\"outputs\": \\{\\s*\"y\": \\[\\[)" + java.util.regex.Pattern.quote(Float.toString(f)),
                "$1" + (f + 1)));
        VerifyStep.Result rf = VerifyStep.run(dir, floats);
        assertFalse(rf.valid());
        assertTrue(rf.reason().contains("but its integer"), rf.reason());
    }

    @Test
    void aChangedPublicInputIsInvalid() throws IOException {
        int last = dir.circuitSettings().layout().size() - 1;
        Path p = edited("public-input", ProofDirectory.PUBLIC, s -> replaceSignal(s, last, uncheckedSignal(last)
                .add(BigInteger.ONE)));
        VerifyStep.Result r = VerifyStep.run(dir, p);
        assertFalse(r.valid());
        assertTrue(r.reason().contains("the proof does not verify"), r.reason());
    }

    @Test
    void aVerifyingKeyThatIsNotTheManifestsIsRefused() throws IOException {
        Path copy = tmp.resolve("swapped-key");
        Files.createDirectories(copy);
        try (var files = Files.list(dir.path())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.copy(other.file(ModelDirectory.VERIFICATION_KEY), copy.resolve(ModelDirectory.VERIFICATION_KEY),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        VerifyStep.Result r = VerifyStep.run(ModelDirectory.at(copy), proof);
        assertFalse(r.valid());
        assertTrue(r.reason().contains("verification_key.json was changed after it was made"), r.reason());
    }

    @Test
    void anotherModelsDirectoryIsInvalid() throws IOException {
        VerifyStep.Result r = VerifyStep.run(other, proof);
        assertFalse(r.valid());
        assertTrue(r.reason().contains("is for model " + dir.manifest().modelId()), r.reason());
        // The same circuit with keys of another setup: output.json claiming that model id, the pairing refuses it.
        Path copy = tmp.resolve("second-setup");
        CompileStep.run(model, VisibilityOptions.DEFAULT, copy);
        ModelDirectory second = ModelDirectory.at(copy);
        SetupStep.run(second, null, new SecureRandom());
        String ours = dir.manifest().modelId();
        String theirs = second.manifest().modelId();
        Path claimed = edited("claims-other", ProofDirectory.OUTPUT, s -> s.replace(ours, theirs));
        VerifyStep.Result pairing = VerifyStep.run(second, claimed);
        assertFalse(pairing.valid());
        assertTrue(pairing.reason().contains("the proof does not verify"), pairing.reason());
    }

    @Test
    void unusableProofDirectoriesThrow() throws IOException {
        Path p = edited("no-proof", ProofDirectory.PUBLIC, s -> replaceSignal(s, 0, Fr.MODULUS.add(
                uncheckedSignal(0))));
        assertThrows(InvalidPublicInputException.class, () -> VerifyStep.run(dir, p));
        Files.delete(p.resolve(ProofDirectory.PROOF));
        ModelDirectoryException e = assertThrows(ModelDirectoryException.class, () -> VerifyStep.run(dir, p));
        assertTrue(e.getMessage().contains("has no proof.json") && e.getMessage().contains("zkinfer prove"),
                e.getMessage());
        Path malformed = edited("malformed-output", ProofDirectory.OUTPUT, s -> s.replace("\"version\": 1",
                "\"version\": 7"));
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                () -> VerifyStep.run(dir, malformed));
        assertTrue(newer.getMessage().contains("zkinfer-output version 7 is not supported"), newer.getMessage());
    }

    @Test
    void mockIsSatisfiedByAnHonestWitnessAndNamesTheLayerOfATamperedOne() throws IOException {
        CompiledModel m = CompiledModel.load(dir);
        MockStep.Result ok = MockStep.run(m, TinyModel.input(0.5f, -0.25f, 1f, 0.125f));
        assertTrue(ok.check().isSatisfied(), ok.check().message());
        Map<String, Tensor> ints = ok.integerInputs();
        Circuit circuit = new ModelCompiler(model, VisibilityOptions.DEFAULT).compile(ints);
        Fr[] values = m.run(ints).witness().values();
        int wire = -1;
        String scope = null;
        for (int w = circuit.r1cs().numPublic() + 1; w < values.length && wire < 0; w++) {
            String name = circuit.wireName(w);
            if (name.startsWith("fc2")) {
                wire = w;
                scope = name.substring(0, name.indexOf('.'));
            }
        }
        assertTrue(wire > 0, "no wire in a scope of layer fc2");
        values[wire] = values[wire].add(Fr.of(2));
        CheckResult bad = m.check(Witness.of(values), ints);
        assertFalse(bad.isSatisfied());
        assertTrue(bad.message().contains("in scope '" + scope), bad.message());
        assertTrue(bad.message().contains("constraint " + bad.failingConstraint()), bad.message());
    }

    @Test
    void hashedWeightsCarryTheManifestsCommitment() throws IOException {
        VisibilityOptions v = new VisibilityOptions(Visibility.PRIVATE, Visibility.HASHED, Visibility.HASHED);
        ModelDirectory d = CompileStep.run(model, v, tmp.resolve("hashed-weights")).directory();
        SetupStep.run(d, null, new SecureRandom());
        Path p = tmp.resolve("hashed-weights-proof");
        ProofDirectory.write(p, ProveStep.load(d).prove(TinyModel.input(0.1f, 0.2f, 0.3f, 0.4f), new SecureRandom()),
                false);
        VerifyStep.Result r = VerifyStep.run(d, p);
        assertTrue(r.valid(), r.reason());
        InferenceOutput out = InferenceOutput.read(p.resolve(ProofDirectory.OUTPUT), d.circuitSettings());
        assertEquals(d.manifest().weightsCommitment(), out.commitments().get("weights"));
        assertEquals(new ModelCompiler(model, v).weightsCommitment().toDecimal(), d.manifest().weightsCommitment());
        assertEquals(io.zkinfer.algebra.hash.PoseidonTree.commitIntegers(out.integerOutputs().get("y").longs())
                .toDecimal(), out.commitments().get("outputs"));
        // A manifest naming other weights refuses the proof.
        Manifest m = d.manifest();
        new Manifest(m.format(), m.version(), m.zkinferVersion(), m.modelId(), "12345", m.files())
                .write(d.file(ModelDirectory.MANIFEST));
        VerifyStep.Result wrong = VerifyStep.run(d, p);
        assertFalse(wrong.valid());
        assertTrue(wrong.reason().contains("the weights commitment of the manifest is 12345"), wrong.reason());
    }

    @Test
    void setupFromAPreparedPtau() throws IOException, URISyntaxException {
        Path ptau = Path.of(ModelStepsTest.class.getResource("/snarkjs/pot8_final.ptau").toURI());
        ModelDirectory d = CompileStep.run(model, VisibilityOptions.DEFAULT, tmp.resolve("ptau")).directory();
        SetupStep.Result s = SetupStep.run(d, ptau, new SecureRandom());
        System.out.println("tiny model: " + s.constraints() + " constraints, domain 2^" + s.key().power());
        Path p = tmp.resolve("ptau-proof");
        ProofDirectory.write(p, ProveStep.load(d).prove(TinyModel.input(0.5f, 0.5f, -0.5f, 0f), new SecureRandom()),
                false);
        VerifyStep.Result r = VerifyStep.run(d, p);
        assertTrue(r.valid(), r.reason());
    }

    private static BigInteger uncheckedSignal(int i) {
        try {
            return signal(i);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
