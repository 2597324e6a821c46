package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

/** Element-wise and normalising operators: Add, Sub, Mul, Div (broadcasting), unary activations, Softmax. */
final class ElementwiseOps {

    private ElementwiseOps() {
    }

    /** A broadcasting binary operator: Add, Sub, Mul, Div (float division), Pow. */
    static Nd binary(Node n, Nd a, Nd b) {
        java.util.function.DoubleBinaryOperator op = switch (n.opType()) {
            case "Add" -> (x, y) -> x + y;
            case "Sub" -> (x, y) -> x - y;
            case "Mul" -> (x, y) -> x * y;
            case "Div" -> (x, y) -> x / y;
            case "Pow" -> Math::pow;
            default -> throw new IllegalArgumentException("not a binary operator: " + n.describe());
        };
        long[] shape = Broadcast.shape(a.shape(), b.shape(), n.describe());
        int[] ia = Broadcast.indexMap(a.shape(), shape);
        int[] ib = Broadcast.indexMap(b.shape(), shape);
        float[] fa = a.floats();
        float[] fb = b.floats();
        float[] out = new float[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) op.applyAsDouble(fa[ia[i]], fb[ib[i]]);
        }
        return Nd.of(shape, out);
    }

    /**
     * A unary function: Sigmoid, Tanh, Sqrt, HardSigmoid, HardSwish, LeakyRelu ({@code alpha}, default 0.01), Clip
     * (bounds by opset).
     */
    static Nd unary(Node n, Nd x, Nd min, Nd max, int opset) {
        java.util.function.DoubleUnaryOperator op = switch (n.opType()) {
            case "Sigmoid" -> v -> 1 / (1 + Math.exp(-v));
            case "Tanh" -> Math::tanh;
            case "Sqrt" -> Math::sqrt;
            case "HardSigmoid" -> {
                float alpha = n.floatAttr("alpha", 0.2f);
                float beta = n.floatAttr("beta", 0.5f);
                yield v -> Math.max(0, Math.min(1, alpha * v + beta));
            }
            case "HardSwish" -> v -> v * Math.max(0, Math.min(1, v / 6 + 0.5));
            case "LeakyRelu" -> {
                float alpha = n.floatAttr("alpha", 0.01f);
                yield v -> v >= 0 ? v : alpha * v;
            }
            case "Clip" -> {
                float lo = opset < 11 ? n.floatAttr("min", -Float.MAX_VALUE) : scalar(n, min, -Float.MAX_VALUE);
                float hi = opset < 11 ? n.floatAttr("max", Float.MAX_VALUE) : scalar(n, max, Float.MAX_VALUE);
                yield v -> Math.min(Math.max(v, lo), hi);
            }
            default -> throw new IllegalArgumentException("not a unary operator: " + n.describe());
        };
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) op.applyAsDouble(in[i]);
        }
        return Nd.of(x.shape(), out);
    }

    private static float scalar(Node n, Nd v, float fallback) {
        if (v == null) {
            return fallback;
        }
        if (v.size() != 1) {
            throw new IllegalArgumentException(n.describe() + ": a bound must be a scalar, has shape "
                    + java.util.Arrays.toString(v.shape()));
        }
        return v.floats()[0];
    }

    static Nd relu(Nd x) {
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.max(in[i], 0f);
        }
        return Nd.of(x.shape(), out);
    }

    /**
     * Softmax. From opset 13 along one {@code axis} (default -1); before 13 the input is coerced to 2D at
     * {@code axis} (default 1) and normalised over the whole trailing block.
     */
    static Nd softmax(Node n, Nd x, int opset) {
        int rank = x.rank();
        long[] shape = x.shape();
        int axis = Nd.axis(n.intAttr("axis", opset >= 13 ? -1 : 1), rank, n.describe());
        int outer = 1;
        int len = 1;
        int inner = 1;
        for (int d = 0; d < rank; d++) {
            if (d < axis) {
                outer *= shape[d];
            } else if (d == axis || opset < 13) {
                len *= shape[d];
            } else {
                inner *= shape[d];
            }
        }
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, in[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(in[base + k * inner] - max);
                }
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = (float) (Math.exp(in[base + k * inner] - max) / sum);
                }
            }
        }
        return Nd.of(shape, out);
    }
}
