package io.zkinfer.inference.estimate;

import java.util.List;

/**
 * The estimate for one node: the floating-point initializer elements it consumes ({@code parameters}), its
 * multiply-accumulates ({@code macs}), its output shape and element count, and the R1CS constraints
 * {@link ConstraintCostModel} assigns to it, with the rule that gave them ({@code costRule}, e.g.
 * {@code "10 rescales x (8+7+2)"}).
 */
public record NodeEstimate(String name, String opType, List<Long> outputShape, long outputElements,
                           long parameters, long macs, long constraints, String costRule) {

    public NodeEstimate {
        outputShape = List.copyOf(outputShape);
    }
}
