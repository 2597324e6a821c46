package io.zkinfer.inference.estimate;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ResourceEstimate} on models small enough to count by hand: parameters, MACs, liveness peak and the
 * {@link ConstraintCostModel} figures.
 */
class ResourceEstimateTest {

    /** x[N,1,4,4] -> Conv(2x1x3x3, pad 1) -> Relu -> Flatten -> Gemm(3x32, transB) -> y[1,3]. */
    static Graph convGemm() {
        float[] w = new float[18];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.25f * ((i % 5) - 2); // max |w| = 0.5
        }
        float[] b = new float[96];
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.25f * ((i % 3) - 1); // max |b| = 0.25
        }
        return new OnnxImporter().importModel(new OnnxFixture().inputWithDims("x", "N", 1L, 4L, 4L)
                .floats("w", new long[] {2, 1, 3, 3}, w).floats("wb", new long[] {2}, new float[] {0.1f, -0.1f})
                .floats("g", new long[] {3, 32}, b).floats("gb", new long[] {3}, new float[] {1, 2, 3})
                .node("Conv", "conv", new String[] {"x", "w", "wb"}, new String[] {"c"}, "pads",
                        new long[] {1, 1, 1, 1})
                .node("Relu", "relu", "c", "r")
                .node("Flatten", "flatten", "r", "f")
                .node("Gemm", "fc", new String[] {"f", "g", "gb"}, new String[] {"y"}, "transB", 1L)
                .output("y", 2).bytes());
    }

    @Test
    void convGemmByHand() {
        ResourceEstimate e = ResourceEstimate.of(convGemm(), 8);
        List<NodeEstimate> n = e.nodes();
        assertEquals(List.of("conv", "relu", "flatten", "fc"), n.stream().map(NodeEstimate::name).toList());
        // Parameters: conv 2*1*3*3 + 2, fc 3*32 + 3.
        assertEquals(20, n.get(0).parameters());
        assertEquals(99, n.get(3).parameters());
        assertEquals(119, e.parameters());
        // MACs: conv 32 outputs x 9 taps, fc 1 x 3 x 32.
        assertEquals(288, n.get(0).macs());
        assertEquals(96, n.get(3).macs());
        assertEquals(384, e.macs());
        assertEquals(List.of(1L, 2L, 4L, 4L), n.get(0).outputShape());
        assertEquals(List.of(32L, 32L, 32L, 3L), n.stream().map(NodeEstimate::outputElements).toList());
        // Liveness: x(16) | x+c = 48 | c+r = 64 | r+f = 64 | f+y = 35.
        assertEquals(64, e.peakActivationElements());
        assertEquals("relu", e.peakAfterNode());
        assertEquals(256, e.peakActivationBytesFloat32());
        assertEquals(64, e.peakActivationBytesQuantized());
        // Constraints at 8 bits: conv weight shift floor(log2(127/0.5)) = 7, fc floor(log2(127/0.25)) = 8.
        assertEquals(32 * (8 + 7 + 2), n.get(0).constraints());
        assertEquals(32 * (8 + 2), n.get(1).constraints());
        assertEquals(0, n.get(2).constraints());
        assertEquals(3 * (8 + 8 + 2), n.get(3).constraints());
        assertEquals(544 + 320 + 54, e.constraints());
        assertEquals(Long.valueOf(320), e.constraintsByOperator().get("Relu"));
        assertEquals(Integer.valueOf(1), e.nodesByOperator().get("Gemm"));
    }

    @Test
    void sixteenBitsWidenEveryCheck() {
        ResourceEstimate e = ResourceEstimate.of(convGemm(), 16);
        // Shifts floor(log2(32767/0.5)) = 15 and floor(log2(32767/0.25)) = 16 (the cap).
        assertEquals(32 * (16 + 15 + 2) + 32 * (16 + 2) + 3 * (16 + 16 + 2), e.constraints());
        assertEquals(128, e.peakActivationBytesQuantized());
        assertEquals(384, e.macs());
    }

    @Test
    void productsOfTwoActivationsAreConstraints() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("a", 2, 3).input("b", 3, 4)
                .node("MatMul", "mm", new String[] {"a", "b"}, new String[] {"y"})
                .node("Softmax", "sm", "y", "p", "axis", 1L)
                .output("p", 2).bytes());
        ResourceEstimate e = ResourceEstimate.of(g, 8);
        assertEquals(24, e.macs());
        assertEquals(24 + 8 * (8 + 7 + 2), e.nodes().get(0).constraints());
        // Softmax over rows of 4: 2 rows x 3 comparisons, then per element clamp + exp lookup + division by a
        // (8 + 2)-bit sum.
        long lookup = 8 + 2 + 3 * 16;
        assertEquals(2 * 3 * 10 + 8 * (10 + lookup + 1 + 3 * 11), e.nodes().get(1).constraints());
        assertEquals(0, e.parameters());
        // Peak: a, b and y live at the MatMul (6 + 12 + 8).
        assertEquals(26, e.peakActivationElements());
    }

    @Test
    void batchNormalizationIsFoldedBeforeCounting() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 1, 2, 3, 3)
                .floats("w", new long[] {2, 2, 1, 1}, new float[] {1, 0, 0, 1})
                .floats("s", new long[] {2}, new float[] {1, 2}).floats("bb", new long[] {2}, new float[] {0, 1})
                .floats("m", new long[] {2}, new float[] {0, 0}).floats("v", new long[] {2}, new float[] {1, 1})
                .node("Conv", "conv", new String[] {"x", "w"}, new String[] {"c"})
                .node("BatchNormalization", "bn", new String[] {"c", "s", "bb", "m", "v"}, new String[] {"y"})
                .output("y", 4).bytes());
        ResourceEstimate e = ResourceEstimate.of(g, 8);
        assertEquals(List.of("Conv"), e.nodes().stream().map(NodeEstimate::opType).toList());
        assertEquals(6, e.parameters()); // folded weights 4 + bias 2
    }

    @Test
    void everyImportableOperatorHasACostRule() {
        Set<String> covered = new HashSet<>(OperatorCosts.COSTED);
        covered.addAll(OperatorCosts.DATA_MOVEMENT);
        for (String op : OnnxImporter.EXECUTABLE_OPERATORS) {
            assertTrue(covered.contains(op), op + " has no cost rule");
        }
    }

    @Test
    void dynamicDimensionsBeyondTheBatchNeedAGivenShape() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().inputWithDims("x", "N", 2L, "H", "W")
                .node("MaxPool", "pool", "x", "y", "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2})
                .output("y", 4).bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceEstimate.of(g, 8));
        assertTrue(e.getMessage().contains("'H' at axis 2"), e.getMessage());
        ResourceEstimate r = ResourceEstimate.of(g, 8, 8, java.util.Map.of("x", new long[] {3, 2, 6, 4}));
        assertEquals(List.of(3L, 2L, 3L, 2L), r.nodes().get(0).outputShape());
        assertEquals(36 * 3 * (8 + 2), r.constraints()); // 36 outputs, each the max of 4: 3 comparisons
        assertEquals(144 + 36, r.peakActivationElements());
        assertThrows(IllegalArgumentException.class, () -> ResourceEstimate.of(g, 8, 8,
                java.util.Map.of("x", new long[] {1, 3, 6, 4})));
        assertThrows(IllegalArgumentException.class, () -> ResourceEstimate.of(g, 8, 8,
                java.util.Map.of("image", new long[] {1, 2, 6, 4})));
    }

    @Test
    void refusesOtherWidths() {
        assertThrows(IllegalArgumentException.class, () -> ResourceEstimate.of(convGemm(), 12));
    }

    @Test
    void costModelFormulas() {
        assertEquals(17, ConstraintCostModel.rescale(8, 7));
        assertEquals(10, ConstraintCostModel.compare(8));
        assertEquals(58, ConstraintCostModel.lookup(8));
        assertEquals(18 + 768, ConstraintCostModel.lookup(16));
        assertEquals(0, ConstraintCostModel.ceilLog2(1));
        assertEquals(4, ConstraintCostModel.ceilLog2(9));
        assertEquals(4, ConstraintCostModel.ceilLog2(16));
        assertEquals(2 * 4 + 8 + 2, ConstraintCostModel.mean(8, 16));
    }
}
