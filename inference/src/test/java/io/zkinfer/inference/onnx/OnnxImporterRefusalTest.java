package io.zkinfer.inference.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.zkinfer.inference.testing.OnnxFixture;
import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Malformed, hostile and unsupported models are refused with an {@link OnnxImportException} naming the problem. */
class OnnxImporterRefusalTest {

    private static final OnnxImporter IMPORTER = new OnnxImporter();

    private static OnnxFixture small() {
        return new OnnxFixture().input("x", 1, 4).randomFloats("w", new Random(1), 4, 3)
                .node("MatMul", "mm", new String[] {"x", "w"}, new String[] {"h"})
                .node("Relu", "relu", "h", "y").output("y", 2);
    }

    private static String refusal(byte[] model) {
        return assertThrows(OnnxImportException.class, () -> IMPORTER.importModel(model)).getMessage();
    }

    @Test
    void unknownOperatorIsNamedWithItsNodeAndTheSupportedList() {
        String message = refusal(new OnnxFixture().input("x", 1, 4).node("LSTM", "rnn1", "x", "y")
                .output("y", 2).bytes());
        assertEquals("unsupported ONNX operator 'LSTM' (node 'rnn1'); supported: "
                + String.join(", ", OnnxImporter.SUPPORTED_OPERATORS), message);
        assertTrue(message.contains(", Conv, ") && message.contains(", Dropout, "), message);
    }

    @Test
    void opsetsOutsideNineToTwentyOneAreRefusedNamingTheOpset() {
        for (int opset : new int[] {8, 22}) {
            String message = refusal(small().opset(opset).bytes());
            assertTrue(message.contains("opset " + opset) && message.contains("9 to 21"), message);
        }
        small().opset(9).bytes(); // the bounds themselves are accepted
        IMPORTER.importModel(small().opset(9).bytes());
        IMPORTER.importModel(small().opset(21).bytes());
    }

    @Test
    void aCycleIsRefusedNamingItsNodes() {
        String message = refusal(new OnnxFixture().input("x", 1, 4)
                .node("Add", "a", new String[] {"x", "v2"}, new String[] {"v1"})
                .node("Relu", "b", "v1", "v2").output("v2", 2).bytes());
        assertTrue(message.contains("cycle") && message.contains("'a'") && message.contains("'b'"), message);
    }

    @Test
    void anUndefinedInputIsNamed() {
        String message = refusal(new OnnxFixture().input("x", 1, 4).node("Relu", "r", "nowhere", "y")
                .output("y", 2).bytes());
        assertTrue(message.contains("'nowhere'") && message.contains("Relu node 'r'"), message);
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeAllocation() {
        TensorProto huge = TensorProto.newBuilder().setName("w").setDataType(1).addDims(1L << 20)
                .addDims(1L << 20).setRawData(ByteString.copyFrom(new byte[16])).build();
        String message = refusal(new OnnxFixture().input("x", 1, 4).initializer(huge)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        assertTrue(message.contains("initializer 'w'") && message.contains("limit"), message);

        TensorProto overflow = TensorProto.newBuilder().setName("w").setDataType(1).addDims(Long.MAX_VALUE)
                .addDims(Long.MAX_VALUE).addDims(3).build();
        message = refusal(new OnnxFixture().input("x", 1, 4).initializer(overflow)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        assertTrue(message.contains("limit"), message);

        message = refusal(new OnnxFixture().input("x", 1L << 40, 1L << 40).node("Relu", "r", "x", "y")
                .output("y", 2).bytes());
        assertTrue(message.contains("graph input 'x'") && message.contains("limit"), message);
    }

    @Test
    void declaredSizeMustMatchTheBytesPresent() {
        TensorProto shortRaw = TensorProto.newBuilder().setName("w").setDataType(1).addDims(10)
                .setRawData(ByteString.copyFrom(new byte[4])).build();
        String message = refusal(new OnnxFixture().input("x", 1, 4).initializer(shortRaw)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        assertTrue(message.contains("40 bytes") && message.contains("holds 4 bytes"), message);

        TensorProto shortTyped = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3)
                .addFloatData(1f).build();
        message = refusal(new OnnxFixture().input("x", 1, 4).initializer(shortTyped)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        assertTrue(message.contains("declares 3 elements") && message.contains("holds 1"), message);
    }

    @Test
    void theElementLimitIsConfigurable() {
        byte[] model = small().bytes(); // w has 12 elements
        new OnnxImporter(ImportLimits.DEFAULT.withMaxTensorElements(12)).importModel(model);
        String message = assertThrows(OnnxImportException.class, () ->
                new OnnxImporter(ImportLimits.DEFAULT.withMaxTensorElements(11)).importModel(model)).getMessage();
        assertTrue(message.contains("limit of 11 elements"), message);
    }

    @Test
    void truncatedModelsAreRefusedOrImportConsistently() {
        byte[] model = small().bytes();
        String message = refusal(Arrays.copyOf(model, model.length / 2));
        assertTrue(message.startsWith("not a valid ONNX model"), message);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < model.length; length++) {
                importOrRefuse(Arrays.copyOf(model, length), "prefix of " + length + " bytes");
            }
        });
    }

    @Test
    void fuzzedModelsAreRefusedWithAMessageAndNeverHang() {
        long seed = TestRandom.seed("OnnxImporterRefusalTest.fuzz");
        Random random = new Random(seed);
        byte[] model = small().bytes();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int refused = 0;
            for (int round = 0; round < 2000; round++) {
                byte[] fuzzed = model.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    fuzzed[random.nextInt(fuzzed.length)] = (byte) random.nextInt(256);
                }
                if (!importOrRefuse(fuzzed, "round " + round + " of seed " + seed)) {
                    refused++;
                }
            }
            assertTrue(refused > 0, "no fuzzed model was refused (seed " + seed + ")");
        }, "seed " + seed);
    }

    @Test
    void emptyBytesAreRefused() {
        String message = refusal(new byte[0]);
        assertTrue(message.contains("opset"), message);
    }

    /** True if {@code bytes} imported; false if refused with a message; fails on any other exception. */
    private static boolean importOrRefuse(byte[] bytes, String what) {
        try {
            IMPORTER.importModel(bytes);
            return true;
        } catch (OnnxImportException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(what + ": refused without a message");
            }
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e + " escaped instead of an OnnxImportException", e);
        }
    }
}
