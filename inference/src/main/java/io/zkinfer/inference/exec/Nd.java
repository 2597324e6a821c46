package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Tensor;

/**
 * The executors' working value: a row-major array with its shape, held without defensive copies: operators never
 * write into an input's values or shape array (outputs may share an input's values or shape array), and a value
 * handed to an operator must not be written afterwards. Floating values in {@code f}, integer values in {@code l};
 * exactly one is non-null. {@link #of(Tensor)} and {@link #toTensor()} copy, so values crossing the API boundary
 * stay private.
 */
public record Nd(DataType type, long[] shape, float[] f, long[] l) {

    static Nd of(long[] shape, float[] values) {
        return new Nd(DataType.FLOAT, shape, values, null);
    }

    /** An integer value of {@code type} over {@code values} and {@code shape}, both taken without copying. */
    public static Nd ofLongs(DataType type, long[] shape, long[] values) {
        if (type.isFloating()) {
            throw new IllegalArgumentException(type + " is a floating type");
        }
        return new Nd(type, shape, null, values);
    }

    /** A copy of {@code t}'s shape and values. */
    public static Nd of(Tensor t) {
        return t.type().isFloating() ? new Nd(t.type(), t.shape(), t.floats(), null)
                : new Nd(t.type(), t.shape(), null, t.longs());
    }

    /** A tensor holding a copy of the shape and values. */
    public Tensor toTensor() {
        return f != null ? Tensor.ofFloats(type, shape, f) : Tensor.ofLongs(type, shape, l);
    }

    int rank() {
        return shape.length;
    }

    int size() {
        return f != null ? f.length : l.length;
    }

    int dim(int axis) {
        return (int) shape[axis];
    }

    /** The values as floats (integer types converted; this is the float path). */
    float[] floats() {
        if (f != null) {
            return f;
        }
        float[] out = new float[l.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    /** The integer values (for shape operands such as Reshape's shape). */
    public long[] longs(String what) {
        if (l == null) {
            throw new IllegalArgumentException(what + " must be an integer tensor, found " + type);
        }
        return l;
    }

    /** Row-major strides of {@code shape}. */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalises a possibly negative {@code axis} against {@code rank}. */
    static int axis(long axis, int rank, String what) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IllegalArgumentException(what + ": axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }
}
