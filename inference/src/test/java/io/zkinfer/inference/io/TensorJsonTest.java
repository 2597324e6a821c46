package io.zkinfer.inference.io;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TensorJson}: round trips, declared names and shapes enforced, malformed and hostile files refused. */
class TensorJsonTest {

    private static final TensorInfo IMAGE = new TensorInfo("image", DataType.FLOAT, Shape.of(1, 2, 3));
    private static final TensorInfo BATCH = new TensorInfo("x", DataType.FLOAT,
            new Shape(List.of(Dim.named("batch"), Dim.of(2))));
    private static final TensorInfo IDS = new TensorInfo("ids", DataType.INT64, Shape.of(3));

    @TempDir Path dir;

    @Test
    void readsNestedArraysInRowMajorOrder() {
        Map<String, Tensor> t = TensorJson.parse("{\"image\": [[[1, 2.5, -3], [4e-1, 5, 6]]]}", List.of(IMAGE), "f");
        assertArrayEquals(new long[] {1, 2, 3}, t.get("image").shape());
        assertArrayEquals(new float[] {1, 2.5f, -3, 0.4f, 5, 6}, t.get("image").floats());
    }

    @Test
    void dynamicDimensionsComeFromTheData() {
        Tensor t = TensorJson.parse("{\"x\": [[1, 2], [3, 4], [5, 6]]}", List.of(BATCH), "f").get("x");
        assertArrayEquals(new long[] {3, 2}, t.shape());
    }

    @Test
    void integerInputsStayExactIntegers() {
        Tensor t = TensorJson.parse("{\"ids\": [9007199254740993, -1, 2.0]}", List.of(IDS), "f").get("ids");
        assertEquals(DataType.INT64, t.type());
        assertArrayEquals(new long[] {9007199254740993L, -1, 2}, t.longs());
        TensorJsonException e = assertThrows(TensorJsonException.class,
                () -> TensorJson.parse("{\"ids\": [1, 2.5, 3]}", List.of(IDS), "f"));
        assertMessage(e, "'ids'", "ids[1]", "non-integer 2.5");
    }

    @Test
    void roundTripsRandomTensorsThroughAFile() throws IOException {
        long seed = TestRandom.seed(getClass().getSimpleName());
        System.out.println("TensorJsonTest.roundTripsRandomTensorsThroughAFile seed " + seed);
        Random random = new Random(seed);
        float[] v = new float[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
        }
        v[5] = Float.NaN;
        v[4] = Float.NEGATIVE_INFINITY;
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("image", Tensor.ofFloats(new long[] {1, 2, 3}, v));
        out.put("ids", Tensor.ofLongs(DataType.INT64, new long[] {3}, new long[] {Long.MIN_VALUE, 0, 7}));
        Path file = dir.resolve("t.json");
        TensorJson.write(out, file);
        Map<String, Tensor> back = TensorJson.read(file, List.of(IMAGE, IDS));
        assertArrayEquals(v, back.get("image").floats());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0, 7}, back.get("ids").longs());
    }

    @Test
    void scalarsAreBareNumbers() {
        TensorInfo s = new TensorInfo("s", DataType.FLOAT, Shape.of());
        Tensor t = TensorJson.parse("{\"s\": 0.25}", List.of(s), "f").get("s");
        assertEquals(0, t.rank());
        assertEquals("{\n  \"s\": 0.25\n}\n", TensorJson.toJson(Map.of("s", t)));
    }

    @Test
    void malformedJsonNamesTheSourceAndPosition() {
        TensorJsonException e = assertThrows(TensorJsonException.class,
                () -> TensorJson.parse("{\"image\": [[[1, 2, 3], [4, 5,", List.of(IMAGE), "in.json"));
        assertMessage(e, "in.json", "malformed JSON", "line 1");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse("[1, 2]", List.of(IMAGE),
                "in.json")), "expected a JSON object", "'image' [1, 2, 3]");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[[1,2,3],[4,5,6]]]} extra", List.of(IMAGE), "in.json")), "in.json");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse("", List.of(IMAGE),
                "in.json")), "in.json");
    }

    @Test
    void wrongMissingAndDuplicateNamesAreRefused() {
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"imgae\": [[[1, 2, 3], [4, 5, 6]]]}", List.of(IMAGE), "f")), "unknown key 'imgae'", "'image'");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse("{}", List.of(IMAGE), "f")),
                "missing key 'image'");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"ids\": [1, 2, 3], \"ids\": [1, 2, 3]}", List.of(IDS), "f")), "'ids' appears twice");
    }

    @Test
    void raggedAndMisShapedArraysNameTheKeyAndIndex() {
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"x\": [[1, 2], [3]]}", List.of(BATCH), "f")), "'x'", "x[1]", "1 element", "dimension 1",
                "is 2");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[[1, 2, 3], [4, 5, 6, 7]]]}", List.of(IMAGE), "f")), "image[0][1]",
                "at least 4 elements");
        TensorInfo free = new TensorInfo("v", DataType.FLOAT, new Shape(List.of(Dim.named("a"), Dim.named("b"))));
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"v\": [[1, 2, 3], [4, 5]]}", List.of(free), "f")), "ragged", "v[1]", "2 elements", "has 3");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[1, 2, 3], [4, 5, 6]]}", List.of(IMAGE), "f")), "expected an array at image[0][0]",
                "rank 3");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[[1, 2, [3]], [4, 5, 6]]]}", List.of(IMAGE), "f")), "expected a number",
                "image[0][0][2]", "an array");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[[1, \"2\", 3], [4, 5, 6]]]}", List.of(IMAGE), "f")), "the string \"2\"");
    }

    @Test
    void outOfRangeIntegersAreRefused() {
        TensorInfo bytes = new TensorInfo("b", DataType.UINT8, Shape.of(2));
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse("{\"b\": [3, 256]}",
                List.of(bytes), "f")), "256", "UINT8");
        assertThrows(TensorJsonException.class, () -> TensorJson.parse("{\"ids\": [1, 2, 99999999999999999999]}",
                List.of(IDS), "f"));
    }

    @Test
    void numbersBeyondTheFloatRangeAreRefusedNotMadeInfinite() {
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(
                "{\"image\": [[[1, 2, 3], [4, -1e39, 6]]]}", List.of(IMAGE), "f")), "-1e39", "image[0][1][1]",
                "FLOAT");
        // the largest float and the strings for infinity still read
        Map<String, Tensor> ok = TensorJson.parse("{\"image\": [[[3.4028235e38, \"-Infinity\", 1e-50], [4, 5, 6]]]}",
                List.of(IMAGE), "f");
        assertArrayEquals(new float[] {Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 0f, 4, 5, 6},
                ok.get("image").floats());
    }

    @Test
    void sizeIsBoundedBeforeMemoryIsSpent() throws IOException {
        TensorInfo huge = new TensorInfo("x", DataType.FLOAT, new Shape(List.of(Dim.named("n"))));
        Path file = dir.resolve("big.json");
        Files.writeString(file, "{\"x\": [" + "0,".repeat(1000) + "0]}");
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.read(file, List.of(huge), 1000)),
                "more values than one file may hold", "x[1000]");
        assertEquals(1001, TensorJson.read(file, List.of(huge), 1001).get("x").size());
        // A deeply nested file is refused at the declared rank, not after recursing into it.
        String deep = "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertMessage(assertThrows(TensorJsonException.class, () -> TensorJson.parse(deep, List.of(huge), "f")),
                "expected a number at x[0]");
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' missing from: " + e.getMessage());
        }
    }
}
