package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named dynamic dimensions pass through the shape rules; static outputs must match their declarations. */
class ShapeInferenceTest {

    private static final Dim N = Dim.named("N");

    @Test
    void aBatchDimensionFlowsThroughALeNetStyleGraph() {
        Random r = new Random(3);
        Graph g = new OnnxImporter().importModel(new OnnxFixture().inputWithDims("x", "N", 784L)
                .longs("s", new long[] {4}, -1, 1, 28, 28)
                .randomFloats("w", r, 4, 1, 5, 5).randomFloats("fc", r, 4 * 12 * 12, 10).randomFloats("b", r, 10)
                .node("Reshape", "img", new String[] {"x", "s"}, new String[] {"i"})
                .node("Conv", "conv", new String[] {"i", "w"}, new String[] {"c"})
                .node("MaxPool", "pool", "c", "p", "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2})
                .node("Flatten", "flat", "p", "f")
                .node("MatMul", "mm", new String[] {"f", "fc"}, new String[] {"m"})
                .node("Add", "bias", new String[] {"m", "b"}, new String[] {"y"})
                .output("y", 2).bytes());
        Map<String, Shape> shapes = ShapeInference.infer(g);
        assertEquals(new Shape(List.of(N, Dim.of(1), Dim.of(28), Dim.of(28))), shapes.get("i"));
        assertEquals(new Shape(List.of(N, Dim.of(4), Dim.of(24), Dim.of(24))), shapes.get("c"));
        assertEquals(new Shape(List.of(N, Dim.of(4), Dim.of(12), Dim.of(12))), shapes.get("p"));
        assertEquals(new Shape(List.of(N, Dim.of(576))), shapes.get("f"));
        assertEquals(new Shape(List.of(N, Dim.of(10))), shapes.get("y"));
    }

    @Test
    void aDeclaredOutputShapeThatDisagreesIsNamed() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 2, 3)
                .node("Flatten", "f", "x", "y", "axis", 0L).output("y", 2).bytes());
        assertEquals(Shape.of(1, 6), ShapeInference.infer(g).get("y"));
        Graph wrong = new Graph(g.name(), g.opset(), g.inputs(), List.of(new io.zkinfer.inference.ir.TensorInfo(
                "y", g.outputs().get(0).type(), Shape.of(2, 3))), g.nodes(), g.initializers());
        String message = assertThrows(IllegalArgumentException.class, () -> ShapeInference.infer(wrong))
                .getMessage();
        assertTrue(message.contains("graph output 'y'") && message.contains("[1, 6]"), message);
    }

    @Test
    void incompatibleStaticShapesNameTheNode() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 2, 3)
                .randomFloats("w", new Random(1), 4, 5)
                .node("MatMul", "mm", new String[] {"x", "w"}, new String[] {"y"}).output("y", 2).bytes());
        String message = assertThrows(IllegalArgumentException.class, () -> ShapeInference.infer(g)).getMessage();
        assertTrue(message.contains("MatMul node 'mm'") && message.contains("inner dimensions"), message);
    }
}
