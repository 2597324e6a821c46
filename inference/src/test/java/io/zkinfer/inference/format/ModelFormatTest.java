package io.zkinfer.inference.format;

import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Formats are told apart by content whatever the file is called, and each is validated by its own check. */
class ModelFormatTest {

    @TempDir
    Path dir;

    static byte[] onnx() {
        return new OnnxFixture().input("x", 1, 4).randomFloats("w", new Random(1), 4, 3)
                .node("MatMul", "mm", new String[] {"x", "w"}, new String[] {"y"}).output("y", 2).bytes();
    }

    @Test
    void detectionLooksAtContentNotNames() throws IOException {
        Path onnxNamedPt = Files.write(dir.resolve("model.pt"), onnx());
        Path torchNamedOnnx = TorchScriptFixture.tinyLinear(new float[][] {{1}}, new float[] {0})
                .write(dir.resolve("model.onnx"));
        assertEquals(ModelFormat.ONNX, ModelFormat.detect(onnxNamedPt));
        assertEquals(ModelFormat.TORCHSCRIPT, ModelFormat.detect(torchNamedOnnx));
        assertEquals(ModelFormat.SAVED_MODEL, ModelFormat.detect(SavedModelFixture.write(dir.resolve("sm"),
                SavedModelFixture.savedModelPb(-1, 4), 1)));
        assertEquals(ModelFormat.UNKNOWN, ModelFormat.detect(Files.createDirectories(dir.resolve("plain"))));
        assertEquals(ModelFormat.UNKNOWN, ModelFormat.detect(new byte[0]));
        assertEquals(ModelFormat.UNKNOWN, ModelFormat.detect("hello world".getBytes()));
    }

    @Test
    void validateDispatchesToEachFormatsCheck() throws IOException {
        OnnxModel onnx = assertInstanceOf(OnnxModel.class, ValidatedModel.validate(
                Files.write(dir.resolve("m.bin"), onnx())));
        assertTrue(onnx.describe().contains("1 nodes") && onnx.runnable(), onnx.describe());
        TorchScriptArchive ts = assertInstanceOf(TorchScriptArchive.class, ValidatedModel.validate(
                TorchScriptFixture.tinyLinear(new float[][] {{1}}, new float[] {0}).write(dir.resolve("t"))));
        assertEquals(2, ts.parameters());
        assertInstanceOf(SavedModelDirectory.class, ValidatedModel.validate(SavedModelFixture.write(
                dir.resolve("sm"), SavedModelFixture.savedModelPb(-1, 4), 1)));
    }

    @Test
    void unknownInputsAreRefusedSayingWhatTheyLookLike() throws IOException {
        String pickle = assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(
                Files.write(dir.resolve("old.pth"), new PickleWriter().proto(2).op('N').stop().bytes())))
                .getMessage();
        assertTrue(pickle.contains("raw Python pickle") && pickle.contains("torch.jit.save"), pickle);
        String empty = assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(
                Files.write(dir.resolve("empty"), new byte[0]))).getMessage();
        assertTrue(empty.contains("empty file") && empty.contains("ONNX"), empty);
        String missing = assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(
                dir.resolve("nothing-here"))).getMessage();
        assertTrue(missing.contains("no such file"), missing);
        String brokenOnnx = assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(
                Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(onnx(), 40)))).getMessage();
        assertTrue(brokenOnnx.contains("ONNX model cut.onnx is refused"), brokenOnnx);
    }
}
