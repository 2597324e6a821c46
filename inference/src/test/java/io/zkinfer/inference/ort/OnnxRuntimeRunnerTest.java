package io.zkinfer.inference.ort;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxRuntimeRunnerTest {

    @Test
    void runsAModelOnNamedTensors() {
        byte[] model = new OnnxFixture().input("x", 2, 2).node("Relu", "r", "x", "y").output("y", 2).bytes();
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(model)) {
            Tensor y = runner.run(Map.of("x", Tensor.ofFloats(new long[] {2, 2}, new float[] {-1, 2, -3, 4})))
                    .get("y");
            assertArrayEquals(new long[] {2, 2}, y.shape());
            assertArrayEquals(new float[] {0, 2, 0, 4}, y.floats());
        }
    }

    @Test
    void unusableModelsAndInputsAreRefusedWithAMessage() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new OnnxRuntimeRunner(new byte[] {1, 2, 3})).getMessage();
        assertTrue(message.startsWith("ONNX Runtime cannot load the model"), message);
        byte[] model = new OnnxFixture().input("x", 2).node("Relu", "r", "x", "y").output("y", 1).bytes();
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(model)) {
            message = assertThrows(IllegalArgumentException.class, () -> runner.run(Map.of("x",
                    Tensor.ofLongs(DataType.INT8, new long[] {2}, new long[] {1, 2})))).getMessage();
            assertTrue(message.contains("input 'x' is INT8"), message);
        }
    }
}
