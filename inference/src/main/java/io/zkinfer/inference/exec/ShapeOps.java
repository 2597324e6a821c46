package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;

/** Operators that move values without computing new ones: Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Concat. */
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

    /** Squeeze: removes the listed size-1 axes (attribute before opset 13, input from 13), or all of them. */
    static Nd squeeze(Node n, Nd x, Nd axesInput, int opset) {
        long[] axes = opset >= 13 ? (axesInput == null ? null : axesInput.longs("axes input of " + n.describe()))
                : n.intsAttr("axes", null);
        long[] in = x.shape();
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int d = 0; d < in.length; d++) {
                drop[d] = in[d] == 1;
            }
        } else {
            for (long a : axes) {
                int d = Nd.axis(a, in.length, n.describe());
                if (in[d] != 1) {
                    throw new IllegalArgumentException(n.describe() + ": axis " + a + " of "
                            + Arrays.toString(in) + " is not of size 1");
                }
                drop[d] = true;
            }
        }
        return reshaped(x, java.util.stream.IntStream.range(0, in.length).filter(d -> !drop[d])
                .mapToLong(d -> in[d]).toArray());
    }

    /** Unsqueeze: inserts size-1 axes at the listed positions of the output (attribute before 13, input from 13). */
    static Nd unsqueeze(Node n, Nd x, Nd axesInput, int opset) {
        long[] axes = opset >= 13 ? (axesInput == null ? null : axesInput.longs("axes input of " + n.describe()))
                : n.intsAttr("axes", null);
        if (axes == null) {
            throw new IllegalArgumentException(n.describe() + " needs axes");
        }
        int rank = x.rank() + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            int d = Nd.axis(a, rank, n.describe());
            if (added[d]) {
                throw new IllegalArgumentException(n.describe() + ": axis " + a + " is listed twice");
            }
            added[d] = true;
        }
        long[] shape = new long[rank];
        int from = 0;
        for (int d = 0; d < rank; d++) {
            shape[d] = added[d] ? 1 : x.shape()[from++];
        }
        return reshaped(x, shape);
    }

    private static Nd reshaped(Nd x, long[] shape) {
        return new Nd(x.type(), shape, x.f(), x.l());
    }

    /** Transpose: output dimension {@code i} is input dimension {@code perm[i]} (default: reversed). */
    static Nd transpose(Node n, Nd x) {
        int rank = x.rank();
        long[] perm = n.intsAttr("perm", null);
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        boolean[] seen = new boolean[rank];
        if (perm.length != rank) {
            throw new IllegalArgumentException(n.describe() + ": perm " + Arrays.toString(perm) + " for rank " + rank);
        }
        for (long p : perm) {
            if (p < 0 || p >= rank || seen[(int) p]) {
                throw new IllegalArgumentException(n.describe() + ": perm " + Arrays.toString(perm)
                        + " is not a permutation of 0.." + (rank - 1));
            }
            seen[(int) p] = true;
        }
        long[] in = x.shape();
        long[] inStrides = Nd.strides(in);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in[(int) perm[i]];
        }
        int[] from = new int[x.size()];
        int[] idx = new int[rank];
        for (int flat = 0; flat < from.length; flat++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += idx[d] * inStrides[(int) perm[d]];
            }
            from[flat] = (int) src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return IndexOps.pick(x, shape, from, 0); // keeps the element type: integers stay exact
    }

    /** Concat along {@code axis}: all other dimensions must agree; integer parts give an integer result. */
    static Nd concat(Node n, java.util.List<Nd> parts) {
        Nd first = parts.get(0);
        int rank = first.rank();
        int axis = Nd.axis(n.intAttr("axis", 0), rank, n.describe());
        long[] shape = first.shape().clone(); // Nd hands out its own array
        shape[axis] = 0;
        for (Nd p : parts) {
            for (int d = 0; d < rank; d++) {
                if (p.rank() != rank || (d != axis && p.shape()[d] != first.shape()[d])) {
                    throw new IllegalArgumentException(n.describe() + ": cannot concatenate "
                            + Arrays.toString(first.shape()) + " and " + Arrays.toString(p.shape()) + " on axis "
                            + axis);
                }
            }
            shape[axis] += p.shape()[axis];
        }
        long outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        boolean integer = parts.stream().allMatch(p -> p.l() != null);
        int size = (int) Tensor.elementCount(shape);
        float[] out = integer ? null : new float[size];
        long[] outLongs = integer ? new long[size] : null;
        int o = 0;
        for (long i = 0; i < outer; i++) {
            for (Nd p : parts) {
                int block = (int) (p.size() / Math.max(outer, 1));
                if (integer) {
                    System.arraycopy(p.l(), (int) (i * block), outLongs, o, block);
                } else {
                    System.arraycopy(p.floats(), (int) (i * block), out, o, block);
                }
                o += block;
            }
        }
        return integer ? new Nd(first.type(), shape, null, outLongs) : Nd.of(shape, out);
    }
}
