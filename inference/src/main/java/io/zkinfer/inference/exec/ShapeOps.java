package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;

/** Operators that change only the shape, not the values: Flatten, Reshape. */
final class ShapeOps {

    private ShapeOps() {
    }

    /** Flatten: {@code [d0..d(axis-1)] x [d(axis)..]} as a 2D matrix; axis may be negative (opset 11+). */
    static Nd flatten(Node n, Nd x) {
        long axis = n.intAttr("axis", 1);
        int rank = x.rank();
        int a = (int) (axis < 0 ? axis + rank : axis);
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException(n.describe() + ": axis " + axis + " out of range for rank " + rank);
        }
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= x.shape()[d];
        }
        return reshaped(x, new long[] {outer, x.size() / Math.max(outer, 1)});
    }

    /** Reshape: 0 copies the input dimension (unless {@code allowzero=1}), one -1 is inferred. */
    static Nd reshape(Node n, Nd x, Nd shapeOperand) {
        long[] spec = shapeOperand.longs("shape input of " + n.describe());
        boolean allowZero = n.intAttr("allowzero", 0) == 1;
        long[] shape = new long[spec.length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(n.describe() + ": more than one -1 in shape "
                            + Arrays.toString(spec));
                }
                inferred = i;
                continue;
            }
            if (spec[i] == 0 && !allowZero) {
                if (i >= x.rank()) {
                    throw new IllegalArgumentException(n.describe() + ": 0 at position " + i + " of shape "
                            + Arrays.toString(spec) + " has no input dimension to copy");
                }
                shape[i] = x.shape()[i];
            } else if (spec[i] < 0) {
                throw new IllegalArgumentException(n.describe() + ": invalid dimension in shape "
                        + Arrays.toString(spec));
            } else {
                shape[i] = spec[i];
            }
            known *= shape[i];
        }
        if (inferred >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException(n.describe() + ": cannot infer -1 in shape "
                        + Arrays.toString(spec) + " for " + x.size() + " elements");
            }
            shape[inferred] = x.size() / known;
        }
        if (Tensor.elementCount(shape) != x.size()) {
            throw new IllegalArgumentException(n.describe() + ": shape " + Arrays.toString(shape) + " does not hold "
                    + x.size() + " elements of input " + Arrays.toString(x.shape()));
        }
        return reshaped(x, shape);
    }

    private static Nd reshaped(Nd x, long[] shape) {
        return new Nd(x.type(), shape, x.f(), x.l());
    }
}
