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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A BatchNormalization after a Conv or Gemm folds into it, changing results only by float rounding. */
class BatchNormFoldingTest {

    private static final Random RANDOM = new Random(TestRandom.seed(BatchNormFoldingTest.class.getSimpleName()));

    private static OnnxFixture withBn(OnnxFixture f, String in, String out, int channels) {
        float[] var = OnnxFixture.random(RANDOM, channels);
        for (int i = 0; i < var.length; i++) {
            var[i] = Math.abs(var[i]) + 0.1f;
        }
        return f.randomFloats("s", RANDOM, channels).randomFloats("sh", RANDOM, channels)
                .randomFloats("m", RANDOM, channels).floats("v", new long[] {channels}, var)
                .node("BatchNormalization", "bn", new String[] {in, "s", "sh", "m", "v"}, new String[] {out},
                        "epsilon", 1e-3f);
    }

    private static void assertClose(Graph a, Graph b, long... shape) {
        Map<String, Tensor> in = Map.of("x", Tensor.ofFloats(shape, OnnxFixture.random(RANDOM, shape)));
        float[] ya = new FloatExecutor(a).run(in).get("y").floats();
        float[] yb = new FloatExecutor(b).run(in).get("y").floats();
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < ya.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ya[i] - yb[i]));
            maxRef = Math.max(maxRef, Math.abs(ya[i]));
        }
        assertTrue(maxDiff <= 1e-5 * maxRef, "relative difference " + maxDiff / maxRef);
    }

    @Test
    void intoAGroupedConvWithBias() {
        Graph g = new OnnxImporter().importModel(withBn(new OnnxFixture().input("x", 2, 4, 6, 6)
                .randomFloats("w", RANDOM, 6, 2, 3, 3).randomFloats("b", RANDOM, 6)
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"c"}, "group", 2L,
                        "pads", new long[] {1, 1, 1, 1}), "c", "y", 6).output("y", 4).bytes());
        Graph folded = BatchNormFolding.fold(g);
        assertEquals(List.of("Conv"), folded.nodes().stream().map(Node::opType).toList());
        assertEquals(2, folded.initializers().size());
        assertClose(g, folded, 2, 4, 6, 6);
    }

    @Test
    void intoATransposedGemmWithBetaAndIntoABiasFreeConv() {
        Graph g = new OnnxImporter().importModel(withBn(new OnnxFixture().input("x", 3, 5)
                .randomFloats("w", RANDOM, 4, 5).randomFloats("b", RANDOM, 4)
                .node("Gemm", "fc", new String[] {"x", "w", "b"}, new String[] {"h"}, "transB", 1L, "beta", 0.5f,
                        "alpha", 2f), "h", "y", 4).output("y", 2).bytes());
        Graph folded = BatchNormFolding.fold(g);
        assertEquals(List.of("Gemm"), folded.nodes().stream().map(Node::opType).toList());
        assertClose(g, folded, 3, 5);

        Graph conv = new OnnxImporter().importModel(withBn(new OnnxFixture().input("x", 1, 2, 5, 5)
                .randomFloats("w", RANDOM, 3, 2, 2, 2)
                .node("Conv", "conv", new String[] {"x", "w"}, new String[] {"c"}), "c", "y", 3)
                .output("y", 4).bytes());
        assertEquals(1, BatchNormFolding.fold(conv).nodes().size());
        assertClose(conv, BatchNormFolding.fold(conv), 1, 2, 5, 5);
    }

    @Test
    void aLayerWhoseOutputIsAlsoReadElsewhereIsLeftAlone() {
        Graph g = new OnnxImporter().importModel(withBn(new OnnxFixture().input("x", 3, 5)
                .randomFloats("w", RANDOM, 5, 4)
                .node("Gemm", "fc", new String[] {"x", "w"}, new String[] {"h"}), "h", "n", 4)
                .node("Add", "skip", new String[] {"h", "n"}, new String[] {"y"}).output("y", 2).bytes());
        Graph folded = BatchNormFolding.fold(g);
        assertEquals(List.of("Gemm", "BatchNormalization", "Add"),
                folded.nodes().stream().map(Node::opType).toList());
    }
}
