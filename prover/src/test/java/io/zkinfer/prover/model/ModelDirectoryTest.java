package io.zkinfer.prover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory written by the compile and setup steps reads back as written; its manifest records the digest
 * of every file; a missing, malformed, changed or newer-versioned file is refused naming it and the command that
 * remakes it.
 */
class ModelDirectoryTest {
    @TempDir static Path tmp;
    static QuantizedModel model;
    static CompileStep.Result compiled;
    static SetupStep.Result setup;
    static ModelDirectory dir;

    @BeforeAll
    static void compileAndSetUp() throws IOException {
        model = TinyModel.quantized(1f);
        VisibilityOptions v = new VisibilityOptions(Visibility.HASHED, Visibility.PUBLIC, Visibility.FIXED);
        compiled = CompileStep.run(model, v, tmp.resolve("tiny"));
        dir = compiled.directory();
        assertNull(compiled.manifest().modelId(), "no model id before setup");
        setup = SetupStep.run(dir, null, new SecureRandom());
    }

    private static Path copy(String name) throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (var files = Files.list(dir.path())) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        assertEquals(compiled.settings(), dir.circuitSettings());
        assertEquals(compiled.circuit().r1cs(), dir.r1cs());
        assertEquals(model.settings(), dir.model().settings());
        assertEquals(model.graph().nodes().size(), dir.model().graph().nodes().size());
        assertEquals(setup.key().verifyingKey(), dir.verifyingKey());
        assertEquals(setup.key().nPublic(), dir.provingKey().nPublic());
        assertEquals(setup.manifest(), dir.manifest());
        CircuitSettings s = dir.circuitSettings();
        assertEquals(new VisibilityOptions(Visibility.HASHED, Visibility.PUBLIC, Visibility.FIXED),
                s.visibilityOptions());
        assertEquals(s.counts().publicOutputs() + s.counts().publicInputs(), s.layout().size());
        assertEquals(List.of("x"), s.inputs().stream().map(CircuitSettings.TensorSpec::name).toList());
    }

    @Test
    void manifestRecordsEveryFileAndTheModelId() throws IOException {
        Manifest m = dir.manifest();
        for (String name : List.of(ModelDirectory.MODEL, ModelDirectory.SETTINGS, ModelDirectory.CIRCUIT,
                ModelDirectory.R1CS, ModelDirectory.PROVING_KEY, ModelDirectory.VERIFICATION_KEY)) {
            assertEquals(Manifest.sha256(dir.file(name)), m.digest(name).orElseThrow(), name);
            assertTrue(dir.digestMismatch(m, name).isEmpty(), name);
        }
        assertNotNull(m.modelId());
        assertEquals(Manifest.modelIdOf(m.files()).orElseThrow(), m.modelId());
        assertEquals(compiled.manifest().weightsCommitment(), m.weightsCommitment());
    }

    @Test
    void aChangedFileNoLongerMatchesItsDigest() throws IOException {
        Path copy = copy("changed");
        ModelDirectory d = ModelDirectory.at(copy);
        byte[] r1cs = Files.readAllBytes(copy.resolve(ModelDirectory.R1CS));
        r1cs[r1cs.length - 1] ^= 1;
        Files.write(copy.resolve(ModelDirectory.R1CS), r1cs);
        String why = d.digestMismatch(d.manifest(), ModelDirectory.R1CS).orElseThrow();
        assertTrue(why.contains("circuit.r1cs was changed after it was made"), why);
        assertTrue(d.digestMismatch(d.manifest(), ModelDirectory.CIRCUIT).isEmpty(), "the others still match");
        ModelDirectoryException e = assertThrows(ModelDirectoryException.class, () -> SetupStep.run(d, null,
                new SecureRandom()));
        assertTrue(e.getMessage().contains("circuit.r1cs was changed") && e.getMessage().contains("zkinfer compile"),
                e.getMessage());
        ModelDirectoryException prove = assertThrows(ModelDirectoryException.class, () -> ProveStep.load(d));
        assertTrue(prove.getMessage().contains("circuit.r1cs was changed"), prove.getMessage());
    }

    @Test
    void missingFilesAreNamedWithTheCommandThatMakesThem() throws IOException {
        Path copy = copy("missing");
        ModelDirectory d = ModelDirectory.at(copy);
        Files.delete(copy.resolve(ModelDirectory.PROVING_KEY));
        ModelDirectoryException key = assertThrows(ModelDirectoryException.class, d::provingKey);
        assertTrue(key.getMessage().contains("has no proving.key") && key.getMessage().contains("zkinfer setup "
                + copy), key.getMessage());
        Files.delete(copy.resolve(ModelDirectory.CIRCUIT));
        ModelDirectoryException circuit = assertThrows(ModelDirectoryException.class, d::circuitSettings);
        assertTrue(circuit.getMessage().contains("has no circuit.json") && circuit.getMessage()
                .contains("zkinfer compile MODEL --out " + copy), circuit.getMessage());
        ModelDirectoryException notDir = assertThrows(ModelDirectoryException.class,
                () -> ModelDirectory.at(copy.resolve("nothing")).manifest());
        assertTrue(notDir.getMessage().contains("is not a directory"), notDir.getMessage());
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        Path copy = copy("malformed");
        ModelDirectory d = ModelDirectory.at(copy);
        Files.writeString(copy.resolve(ModelDirectory.CIRCUIT), "{\"format\": \"zkinfer-circuit-settings\",");
        ModelDirectoryException e = assertThrows(ModelDirectoryException.class, d::circuitSettings);
        assertTrue(e.getMessage().contains("circuit.json") && e.getMessage().contains("not valid JSON")
                && e.getMessage().contains("zkinfer compile"), e.getMessage());
        Files.writeString(copy.resolve(ModelDirectory.VERIFICATION_KEY), "[]");
        ModelDirectoryException vk = assertThrows(ModelDirectoryException.class, d::verifyingKey);
        assertTrue(vk.getMessage().contains("verification_key.json") && vk.getMessage().contains("zkinfer setup"),
                vk.getMessage());
    }

    @Test
    void circuitSettingsRefuseAnotherFormatOrANewerVersion() throws IOException {
        String json = dir.circuitSettings().toJson();
        assertEquals(dir.circuitSettings(), CircuitSettings.fromJson(json, "c.json"));
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> CircuitSettings.fromJson(json.replace("zkinfer-circuit-settings", "ezkl-settings"), "c.json"));
        assertTrue(format.getMessage().contains("c.json is not circuit settings")
                && format.getMessage().contains("\"ezkl-settings\""), format.getMessage());
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                () -> CircuitSettings.fromJson(json.replace("\"version\" : 1", "\"version\" : 2"), "c.json"));
        assertTrue(newer.getMessage().contains("zkinfer-circuit-settings version 2 is not supported")
                && newer.getMessage().contains("compile the model again"), newer.getMessage());
        IllegalArgumentException visibility = assertThrows(IllegalArgumentException.class,
                () -> CircuitSettings.fromJson(json.replace("\"output\" : \"public\"", "\"output\" : \"private\""),
                        "c.json"));
        assertTrue(visibility.getMessage().contains("the output cannot be 'private'"), visibility.getMessage());
    }

    @Test
    void recompilingDeletesTheKeysOfTheOldCircuit() throws IOException {
        Path copy = copy("recompiled");
        CompileStep.Result again = CompileStep.run(model, VisibilityOptions.DEFAULT, copy);
        assertFalse(Files.exists(copy.resolve(ModelDirectory.PROVING_KEY)));
        assertFalse(Files.exists(copy.resolve(ModelDirectory.VERIFICATION_KEY)));
        assertNull(again.manifest().modelId());
        assertEquals(again.manifest(), ModelDirectory.at(copy).manifest());
    }
}
