package io.zkinfer.inference.io;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TensorSamples}: one sample, a labelled set, and the errors that name the sample and key. */
class TensorSamplesTest {

    private static final List<TensorInfo> X = List.of(new TensorInfo("x", DataType.FLOAT, Shape.of(1, 2)));

    @TempDir Path dir;

    private TensorSamples read(String json) throws IOException {
        Path p = dir.resolve("s.json");
        Files.writeString(p, json);
        return TensorSamples.read(p, X);
    }

    @Test
    void oneObjectIsOneSample() throws IOException {
        TensorSamples s = read("{\"x\": [[1, 2]]}");
        assertEquals(1, s.samples().size());
        assertArrayEquals(new float[] {1, 2}, s.samples().get(0).get("x").floats());
        assertNull(s.labels());
    }

    @Test
    void aLabelledSetInEitherKeyOrder() throws IOException {
        for (String json : new String[] {"{\"samples\": [{\"x\": [[1, 2]]}, {\"x\": [[3, 4]]}], \"labels\": [1, 0]}",
            "{\"labels\": [1, 0], \"samples\": [{\"x\": [[1, 2]]}, {\"x\": [[3, 4]]}]}"}) {
            TensorSamples s = read(json);
            assertEquals(2, s.samples().size());
            assertArrayEquals(new float[] {3, 4}, s.samples().get(1).get("x").floats());
            assertArrayEquals(new int[] {1, 0}, s.labels());
        }
        assertNull(read("{\"samples\": [{\"x\": [[1, 2]]}]}").labels());
    }

    @Test
    void anInputNamedLabelsOrSamplesIsReadAsOneSample() throws IOException {
        for (String name : new String[] {"labels", "samples"}) {
            List<TensorInfo> declared = List.of(new TensorInfo(name, DataType.FLOAT, Shape.of(1, 2)),
                    new TensorInfo("x", DataType.FLOAT, Shape.of(1, 2)));
            Path p = Files.writeString(dir.resolve(name + ".json"), "{\"" + name + "\": [[1, 2]], \"x\": [[3, 4]]}");
            TensorSamples s = TensorSamples.read(p, declared);
            assertEquals(1, s.samples().size(), name);
            assertArrayEquals(new float[] {1, 2}, s.samples().get(0).get(name).floats(), name);
            assertArrayEquals(new float[] {3, 4}, s.samples().get(0).get("x").floats(), name);
        }
    }

    @Test
    void errorsNameTheSampleAndTheKey() {
        assertMessage(assertThrows(TensorJsonException.class, () -> read(
                "{\"samples\": [{\"x\": [[1, 2]]}, {\"x\": [[3]]}]}")), "samples[1]", "x[0]");
        assertMessage(assertThrows(TensorJsonException.class, () -> read(
                "{\"samples\": [{\"x\": [[1, 2]]}], \"labels\": [1, 2]}")), "2 labels for 1 samples");
        assertMessage(assertThrows(TensorJsonException.class, () -> read(
                "{\"samples\": [{\"x\": [[1, 2]]}], \"labels\": [-1]}")), "labels[0]");
        assertMessage(assertThrows(TensorJsonException.class, () -> read(
                "{\"samples\": [], \"weights\": 3}")), "unexpected key 'weights'");
        assertMessage(assertThrows(TensorJsonException.class, () -> read("{\"samples\": []}")), "no samples");
        assertMessage(assertThrows(TensorJsonException.class, () -> read("{\"y\": [[1, 2]]}")), "unknown key 'y'");
        assertMessage(assertThrows(TensorJsonException.class, () -> read("{\"samples\": [{\"x\": [[1, 2]]}")),
                "malformed JSON");
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' missing from: " + e.getMessage());
        }
    }
}
