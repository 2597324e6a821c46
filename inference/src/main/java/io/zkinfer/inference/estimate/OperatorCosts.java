package io.zkinfer.inference.estimate;

import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * The multiply-accumulates and the {@link ConstraintCostModel} constraints of one node, from the static shapes of
 * its operands and the constants of the graph.
 */
final class OperatorCosts {

    /** Operators that only move, select or relabel values: no MACs, no constraints. */
    static final Set<String> DATA_MOVEMENT = Set.of("Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze",
            "Slice", "Concat", "Pad", "Gather", "Identity", "Cast", "Shape", "Resize", "Dropout", "DequantizeLinear");

    /** Operators {@link #of} has a rule for, besides {@link #DATA_MOVEMENT}. */
    static final Set<String> COSTED = Set.of("Gemm", "MatMul", "Conv", "ConvTranspose", "MatMulInteger",
            "ConvInteger", "QLinearMatMul", "QLinearConv", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Relu", "Clip",
            "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "MaxPool", "AveragePool", "GlobalAveragePool",
            "ReduceMean", "ReduceSum", "Softmax", "BatchNormalization", "QuantizeLinear");

    /** MACs, constraints and the rule's description. */
    record Cost(long macs, long constraints, String rule) {
    }

    private final Map<String, Shape> shapes;
    private final Map<String, Tensor> constants;
    private final int bits;
    private final int weightBits;
    private final int maxShift;

    OperatorCosts(Map<String, Shape> shapes, Map<String, Tensor> constants, int bits, int weightBits, int maxShift) {
        this.shapes = shapes;
        this.constants = constants;
        this.bits = bits;
        this.weightBits = weightBits;
        this.maxShift = maxShift;
    }

    Cost of(Node n, long outElements) {
        int b = bits;
        int activationShift = b - 1; // activations calibrated to about [-1, 1] carry b - 1 fraction bits
        long e = outElements;
        return switch (n.opType()) {
            case "Gemm" -> {
                long[] a = sizes(n, 0);
                long k = n.intAttr("transA", 0) != 0 ? a[0] : a[1];
                yield linear(n, 1, e, e * k);
            }
            case "MatMul", "MatMulInteger" -> {
                long[] a = sizes(n, 0);
                yield linear(n, 1, e, e * a[a.length - 1]);
            }
            case "QLinearMatMul" -> {
                long[] a = sizes(n, 0);
                yield linear(n, 3, e, e * a[a.length - 1]);
            }
            case "Conv", "ConvInteger", "QLinearConv" -> {
                int wi = n.opType().equals("QLinearConv") ? 3 : 1;
                long[] w = sizes(n, wi);
                yield linear(n, wi, e, e * w[1] * w[2] * w[3]);
            }
            case "ConvTranspose" -> {
                long[] x = sizes(n, 0);
                long[] w = sizes(n, 1);
                yield linear(n, 1, e, product(x) * w[1] * w[2] * w[3]);
            }
            case "Add", "Sub" -> rescales(e, 1, "");
            case "Mul" -> isConstant(n, 0) || isConstant(n, 1) ? rescales(e, activationShift, "by a constant: ")
                    : new Cost(0, e * (1 + ConstraintCostModel.rescale(b, activationShift)),
                    e + " x (1 product + rescale " + b + "+" + activationShift + "+2)");
            case "Div" -> isConstant(n, 1) ? rescales(e, activationShift, "by a constant: ")
                    : per(e, ConstraintCostModel.divide(b), "divisions with remainder check");
            case "Pow" -> pow(n, e);
            case "Sqrt" -> per(e, ConstraintCostModel.sqrt(b), "integer square roots");
            case "Relu" -> per(e, ConstraintCostModel.compare(b), "comparisons");
            case "Clip" -> per(e, 2 * ConstraintCostModel.compare(b), "two-sided clamps");
            case "LeakyRelu" -> per(e, ConstraintCostModel.compare(b) + 1 + ConstraintCostModel.rescale(b,
                    activationShift), "sign + select + rescale");
            case "Sigmoid", "Tanh" -> per(e, ConstraintCostModel.lookup(b), "table lookups");
            case "HardSigmoid" -> per(e, hardSigmoid(), "rescale + two-sided clamps");
            case "HardSwish" -> per(e, hardSigmoid() + 1 + ConstraintCostModel.rescale(b, activationShift),
                    "hard sigmoid + product + rescale");
            case "MaxPool" -> {
                long window = product(n.intsAttr("kernel_shape", new long[] {1}));
                yield per(e, (window - 1) * ConstraintCostModel.compare(b), "max over " + window);
            }
            case "AveragePool" -> mean(e, product(n.intsAttr("kernel_shape", new long[] {1})));
            case "GlobalAveragePool" -> {
                long[] x = sizes(n, 0);
                yield mean(e, product(x) / Math.max(1, x[0] * x[1]));
            }
            case "ReduceMean" -> mean(e, product(sizes(n, 0)) / Math.max(1, e));
            case "ReduceSum" -> rescales(e, ConstraintCostModel.ceilLog2(product(sizes(n, 0)) / Math.max(1, e)),
                    "");
            case "Softmax" -> softmax(n, e);
            case "BatchNormalization", "QuantizeLinear" -> rescales(e, activationShift, "");
            default -> {
                if (DATA_MOVEMENT.contains(n.opType())) {
                    yield new Cost(0, 0, "data movement");
                }
                throw new IllegalArgumentException("no cost rule for " + n.describe() + "; rules exist for "
                        + COSTED + " and " + DATA_MOVEMENT);
            }
        };
    }

    /** A layer y = x W (+ bias): products with constant weights are free, each output is rescaled. */
    private Cost linear(Node n, int weightInput, long e, long macs) {
        Tensor w = n.hasInput(weightInput) ? constants.get(n.inputs().get(weightInput)) : null;
        if (w != null) {
            int shift = weightShift(w);
            return new Cost(macs, e * ConstraintCostModel.rescale(bits, shift), e + " rescales x (" + bits + "+"
                    + shift + "+2); constant weights");
        }
        int shift = bits - 1;
        return new Cost(macs, macs + e * ConstraintCostModel.rescale(bits, shift), macs + " products + " + e
                + " rescales x (" + bits + "+" + shift + "+2)");
    }

    /** The fraction bits of weights quantized to {@code weightBits}: {@code floor(log2((2^(wb-1)-1) / max|w|))}. */
    int weightShift(Tensor w) {
        double max = 0;
        if (w.type().isFloating()) {
            for (float v : w.floats()) {
                max = Math.max(max, Math.abs(v));
            }
        }
        if (!(max > 0) || !Double.isFinite(max)) {
            return weightBits - 1;
        }
        double fraction = Math.floor(Math.log((double) ((1L << (weightBits - 1)) - 1) / max) / Math.log(2));
        return (int) Math.max(0, Math.min(maxShift, fraction));
    }

    private long hardSigmoid() {
        return ConstraintCostModel.rescale(bits, bits - 1) + 2 * ConstraintCostModel.compare(bits);
    }

    private Cost pow(Node n, long e) {
        Tensor exponent = n.hasInput(1) ? constants.get(n.inputs().get(1)) : null;
        if (exponent != null && exponent.size() == 1) {
            double p = exponent.floats()[0];
            if (p == Math.rint(p) && p >= 1 && p <= 64) {
                long steps = (long) p - 1;
                long each = 1 + ConstraintCostModel.rescale(bits, bits - 1);
                return new Cost(0, e * steps * each, e + " x " + steps + " x (product + rescale)");
            }
        }
        return per(e, ConstraintCostModel.lookup(bits), "table lookups (non-integer or variable exponent)");
    }

    private Cost softmax(Node n, long e) {
        long[] x = sizes(n, 0);
        long axis = n.intAttr("axis", -1);
        int a = (int) (axis < 0 ? axis + x.length : axis);
        long len = x.length == 0 ? 1 : x[Math.max(0, Math.min(x.length - 1, a))];
        long rows = e / Math.max(1, len);
        long perRow = (len - 1) * ConstraintCostModel.compare(bits);
        long perElement = ConstraintCostModel.compare(bits) + ConstraintCostModel.lookup(bits)
                + ConstraintCostModel.divide(bits + ConstraintCostModel.ceilLog2(len));
        return new Cost(0, rows * perRow + e * perElement, rows + " row maxima over " + len + " + " + e
                + " x (clamp + exp lookup + division)");
    }

    private Cost mean(long e, long count) {
        return per(e, ConstraintCostModel.mean(bits, count), "means over " + count);
    }

    private Cost rescales(long e, int shift, String what) {
        return new Cost(0, e * ConstraintCostModel.rescale(bits, shift), what + e + " rescales x (" + bits + "+"
                + shift + "+2)");
    }

    private static Cost per(long e, long each, String what) {
        return new Cost(0, e * each, e + " " + what + " x " + each);
    }

    private boolean isConstant(Node n, int i) {
        return n.hasInput(i) && constants.containsKey(n.inputs().get(i));
    }

    private long[] sizes(Node n, int i) {
        return shapes.get(n.inputs().get(i)).sizes();
    }

    static long product(long[] v) {
        long p = 1;
        for (long x : v) {
            p = Math.multiplyExact(p, x);
        }
        return p;
    }
}
