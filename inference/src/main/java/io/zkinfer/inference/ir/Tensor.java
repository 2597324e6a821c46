package io.zkinfer.inference.ir;

import java.util.Arrays;

/**
 * An immutable dense tensor in row-major (C) order: an element type, static sizes, and the values as
 * {@code float[]} (floating types) or {@code long[]} (integer and boolean types). Accessors return copies.
 */
public final class Tensor {

    private final DataType type;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private Tensor(DataType type, long[] shape, float[] floats, long[] longs) {
        this.type = type;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
        long n = elementCount(shape);
        int held = floats != null ? floats.length : longs.length;
        if (n != held) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements but " + held + " values were given");
        }
    }

    /** A float tensor; {@code values} is copied. */
    public static Tensor ofFloats(long[] shape, float[] values) {
        return new Tensor(DataType.FLOAT, shape.clone(), values.clone(), null);
    }

    /** An integer tensor of type {@code type} (not floating); {@code values} is copied. */
    public static Tensor ofLongs(DataType type, long[] shape, long[] values) {
        if (type.isFloating()) {
            throw new IllegalArgumentException(type + " is a floating type");
        }
        return new Tensor(type, shape.clone(), null, values.clone());
    }

    /** A tensor of floating type {@code type} (FLOAT or DOUBLE, held as float); {@code values} is copied. */
    public static Tensor ofFloats(DataType type, long[] shape, float[] values) {
        if (!type.isFloating()) {
            throw new IllegalArgumentException(type + " is not a floating type");
        }
        return new Tensor(type, shape.clone(), values.clone(), null);
    }

    /** The product of {@code shape}; throws if a size is negative or the product exceeds {@link Integer#MAX_VALUE}. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return n;
    }

    public DataType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The values as floats (integer values converted). */
    public float[] floats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /** The values as longs; throws for a floating tensor, which would lose its fractions. */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("a " + type + " tensor has no integer values");
        }
        return longs.clone();
    }

    @Override
    public String toString() {
        return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
