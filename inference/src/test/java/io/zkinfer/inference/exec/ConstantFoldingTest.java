package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.testing.OnnxFixture;
import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Folding leaves what a graph computes unchanged, bit for bit, and removes what is constant. */
class ConstantFoldingTest {

    private static final Random RANDOM = new Random(TestRandom.seed(ConstantFoldingTest.class.getSimpleName()));

    private static OnnxFixture flattenChain(Object batch) {
        return new OnnxFixture().inputWithDims("x", batch, 2L, 3L, 4L)
                .longs("zero", new long[0], 0).longs("minusOne", new long[] {1}, -1).longs("axes", new long[] {1}, 0)
                .node("Shape", "shape", "x", "s")
                .node("Gather", "first", new String[] {"s", "zero"}, new String[] {"n"})
                .node("Unsqueeze", "u", new String[] {"n", "axes"}, new String[] {"n1"})
                .node("Concat", "cat", new String[] {"n1", "minusOne"}, new String[] {"target"}, "axis", 0L)
                .node("Reshape", "flat", new String[] {"x", "target"}, new String[] {"y"})
                .output("y", 2);
    }

    private static void assertSameResults(Graph a, Graph b, long... shape) {
        Map<String, Tensor> in = Map.of("x", Tensor.ofFloats(shape, OnnxFixture.random(RANDOM, shape)));
        Map<String, Tensor> ra = new FloatExecutor(a).run(in);
        Map<String, Tensor> rb = new FloatExecutor(b).run(in);
        assertEquals(ra.keySet(), rb.keySet());
        ra.forEach((name, t) -> {
            assertArrayEquals(t.shape(), rb.get(name).shape());
            assertArrayEquals(t.floats(), rb.get(name).floats());
        });
    }

    @Test
    void aShapeChainOnStaticShapesCollapsesIntoAConstantReshapeTarget() {
        Graph g = new OnnxImporter().importModel(flattenChain(3L).bytes());
        Graph folded = ConstantFolding.fold(g);
        assertEquals(List.of("Reshape"), folded.nodes().stream().map(Node::opType).toList());
        assertArrayEquals(new long[] {3, -1}, folded.initializers().get(folded.nodes().get(0).inputs().get(1))
                .longs());
        assertEquals(1, folded.initializers().size(), "unused constants are dropped");
        assertSameResults(g, folded, 3, 2, 3, 4);
    }

    @Test
    void aShapeChainOnADynamicBatchIsLeftToRunTime() {
        Graph g = new OnnxImporter().importModel(flattenChain("batch").bytes());
        Graph folded = ConstantFolding.fold(g);
        assertEquals(5, folded.nodes().size());
        assertSameResults(g, folded, 5, 2, 3, 4);
    }

    @Test
    void arithmeticOnWeightsIsPrecomputed() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 2, 3)
                .randomFloats("w", RANDOM, 4, 3).randomFloats("scale", RANDOM, 1)
                .node("Transpose", "t", "w", "wt")
                .node("Mul", "s", new String[] {"wt", "scale"}, new String[] {"ws"})
                .node("MatMul", "mm", new String[] {"x", "ws"}, new String[] {"y"})
                .output("y", 2).bytes());
        Graph folded = ConstantFolding.fold(g);
        assertEquals(List.of("MatMul"), folded.nodes().stream().map(Node::opType).toList());
        assertFalse(folded.initializers().containsKey("w"));
        assertSameResults(g, folded, 2, 3);
    }
}
