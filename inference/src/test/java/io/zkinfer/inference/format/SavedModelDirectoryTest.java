package io.zkinfer.inference.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SavedModel directories are recognised and checked structurally (validation only): a well-formed one passes with its
 * tags, ops and signatures and the advice to convert it to ONNX; damaged ones are refused naming the part at fault.
 */
class SavedModelDirectoryTest {

    @TempDir
    Path dir;

    private String refusal(Path model) {
        return assertThrows(ModelValidationException.class,
                () -> SavedModelDirectory.validate(model, ValidationLimits.DEFAULT)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void aWellFormedSavedModelPassesAndSaysHowToServeIt() {
        Path model = SavedModelFixture.write(dir.resolve("sm"), SavedModelFixture.savedModelPb(-1, 4), 2);
        SavedModelDirectory sm = SavedModelDirectory.validate(model, ValidationLimits.DEFAULT);
        assertEquals(1, sm.schemaVersion());
        assertEquals(2, sm.variableShards());
        SavedModelDirectory.MetaGraph g = sm.metaGraphs().get(0);
        assertEquals(List.of("serve"), g.tags());
        assertEquals("2.15.0", g.tensorflowVersion());
        assertEquals(5, g.nodes());
        assertEquals(List.of("AddV2", "MatMul", "Placeholder", "RestoreV2", "VarHandleOp"), List.copyOf(g.ops()));
        assertEquals(List.of("serving_default"), g.signatures());
        assertFalse(sm.runnable());
        assertMentions(sm.describe(), "tags [serve]", "serving_default", "tf2onnx", "ONNX");
        assertEquals(ModelFormat.SAVED_MODEL, ModelFormat.detect(model));
        assertEquals(ModelFormat.SAVED_MODEL, ModelFormat.detect(model.resolve("saved_model.pb")));
        ValidatedModel fromFile = ValidatedModel.validate(model.resolve("saved_model.pb"));
        assertEquals(model.toAbsolutePath(), fromFile.path());
    }

    @Test
    void missingOrDamagedVariablesAreNamed() throws IOException {
        Path model = SavedModelFixture.write(dir.resolve("sm"), SavedModelFixture.savedModelPb(-1, 4), 3);
        Files.delete(model.resolve("variables/variables.data-00001-of-00003"));
        assertMentions(refusal(model), "variables.data-00001-of-00003");

        Path bad = SavedModelFixture.write(dir.resolve("bad"), SavedModelFixture.savedModelPb(-1, 4), 1);
        byte[] index = SavedModelFixture.index();
        index[index.length - 1] ^= 1;
        Files.write(bad.resolve("variables/variables.index"), index);
        assertMentions(refusal(bad), "variables.index", "magic");
        Files.write(bad.resolve("variables/variables.index"), new byte[10]);
        assertMentions(refusal(bad), "truncated");

        Path none = SavedModelFixture.write(dir.resolve("none"), SavedModelFixture.savedModelPb(-1, 4), 1);
        Files.delete(none.resolve("variables/variables.index"));
        Files.delete(none.resolve("variables/variables.data-00000-of-00001"));
        Files.delete(none.resolve("variables"));
        assertMentions(refusal(none), "RestoreV2", "no variables/");
    }

    @Test
    void aMissingOrTextOnlyGraphIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMentions(refusal(empty), "no saved_model.pb");
        Files.writeString(empty.resolve("saved_model.pbtxt"), "saved_model_schema_version: 1");
        assertMentions(refusal(empty), "saved_model.pbtxt", "binary");
        Path noGraphs = SavedModelFixture.write(dir.resolve("ng"), new SavedModelFixture.Message().varint(1, 1)
                .bytes(), 1);
        assertMentions(refusal(noGraphs), "no meta graph");
        for (long schema : new long[] {2, -1}) {
            Path odd = SavedModelFixture.write(dir.resolve("schema" + schema), new SavedModelFixture.Message()
                    .varint(1, schema).bytes(), 1);
            assertMentions(refusal(odd), "schema version " + schema);
        }
    }

    @Test
    void absurdDeclaredShapesAreRefused() {
        assertMentions(refusal(SavedModelFixture.write(dir.resolve("neg"), SavedModelFixture.savedModelPb(-5, 4), 1)),
                "'serving_default'", "'x'", "dimension -5");
        assertMentions(refusal(SavedModelFixture.write(dir.resolve("huge"),
                SavedModelFixture.savedModelPb(1L << 20, 1L << 20, 1L << 10), 1)), "'x'", "more than 2^31");
    }

    @Test
    void faultsInsideNestedMessagesNameTheSavedModelAndThePart() {
        // meta_info_def's tag field declares 9 bytes where its enclosing message has 2 left
        byte[] info = {0x22, 9, 's', 'e'};
        byte[] pb = new SavedModelFixture.Message().varint(1, 1).message(2, new SavedModelFixture.Message()
                .bytes(1, info)).bytes();
        assertMentions(refusal(SavedModelFixture.write(dir.resolve("nested"), pb, 1)),
                "SavedModel nested: saved_model.pb meta_info_def", "9-byte field 4");
        byte[] noOp = new SavedModelFixture.Message().varint(1, 1).message(2, new SavedModelFixture.Message()
                .message(2, new SavedModelFixture.Message().message(1, SavedModelFixture.node("x", "")))).bytes();
        assertMentions(refusal(SavedModelFixture.write(dir.resolve("noop"), noOp, 1)),
                "SavedModel noop: saved_model.pb", "node 'x' has no op");
        assertMentions(refusal(SavedModelFixture.write(dir.resolve("neg"), SavedModelFixture.savedModelPb(-5, 4), 1)),
                "SavedModel neg: saved_model.pb");
    }

    @Test
    void everyTruncationOfTheGraphIsRefused() throws IOException {
        byte[] pb = SavedModelFixture.savedModelPb(-1, 4);
        Path model = SavedModelFixture.write(dir.resolve("t"), pb, 1);
        for (int n = 0; n < pb.length; n++) {
            Files.write(model.resolve("saved_model.pb"), Arrays.copyOf(pb, n));
            refusal(model);
        }
    }

    @Test
    void symbolicLinksAreRefused() throws IOException {
        Path model = SavedModelFixture.write(dir.resolve("link"), SavedModelFixture.savedModelPb(-1, 4), 1);
        Path real = Files.move(model.resolve("saved_model.pb"), dir.resolve("elsewhere.pb"));
        try {
            Files.createSymbolicLink(model.resolve("saved_model.pb"), real);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links unsupported here: " + e);
        }
        assertMentions(refusal(model), "symbolic links are refused");
    }
}
