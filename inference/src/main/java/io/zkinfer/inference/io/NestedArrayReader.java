package io.zkinfer.inference.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.util.Arrays;

/**
 * Streams one nested array into a {@link Tensor} of a declared {@link TensorInfo}: the nesting depth must be the
 * rank, static dimensions must match, dynamic ones are fixed by their first occurrence, and every later sibling
 * must agree (no ragged arrays). Values are counted against a shared budget so a file cannot exhaust memory.
 */
final class NestedArrayReader {

    private final JsonParser p;
    private final TensorInfo info;
    private final String what;
    private final long[] budget;
    private final long[] sizes;
    private final boolean[] declared;
    private final int[] index;
    private final boolean floating;
    private float[] f;
    private long[] l;
    private int count;

    private NestedArrayReader(JsonParser p, TensorInfo info, String what, long[] budget) {
        this.p = p;
        this.info = info;
        this.what = what;
        this.budget = budget;
        int rank = info.shape().rank();
        sizes = new long[rank];
        declared = new boolean[rank];
        index = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++) {
            Dim dim = info.shape().dims().get(d);
            sizes[d] = dim.isStatic() ? dim.value() : -1;
            declared[d] = dim.isStatic();
            expected = dim.isStatic() ? Math.min(expected * Math.max(1, dim.value()), budget[0] + 1) : expected;
        }
        floating = info.type().isFloating();
        int initial = (int) Math.max(16, Math.min(expected, 1 << 20));
        if (floating) {
            f = new float[initial];
        } else {
            l = new long[initial];
        }
    }

    /** The tensor whose first token {@code p} is positioned on; {@code what} names it in errors. */
    static Tensor read(JsonParser p, TensorInfo info, String what, long[] budget) throws IOException {
        NestedArrayReader r = new NestedArrayReader(p, info, what, budget);
        r.value(0);
        long[] shape = r.sizes.clone();
        for (int d = 0; d < shape.length; d++) {
            shape[d] = Math.max(0, shape[d]); // a dynamic dimension under an empty array
        }
        if (Tensor.elementCount(shape) != r.count) {
            throw new TensorJsonException(what + ": holds " + r.count + " values, not the " + Tensor.elementCount(
                    shape) + " of shape " + Arrays.toString(shape));
        }
        return r.floating ? Tensor.ofFloats(info.type(), shape, Arrays.copyOf(r.f, r.count))
                : Tensor.ofLongs(info.type(), shape, Arrays.copyOf(r.l, r.count));
    }

    private void value(int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (depth == sizes.length) {
            number(t);
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new TensorJsonException(what + ": expected an array at " + path(depth) + " (" + info.type() + " "
                    + info.shape() + " has rank " + sizes.length + "), found " + TensorJson.describe(t));
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new TensorJsonException(what + ": the input ends inside the array at " + path(depth));
            }
            if (sizes[depth] >= 0 && n >= sizes[depth]) {
                throw mismatch(depth, n + 1, true);
            }
            index[depth] = n;
            value(depth + 1);
            n++;
        }
        if (sizes[depth] < 0) {
            sizes[depth] = n;
        } else if (n != sizes[depth]) {
            throw mismatch(depth, n, false);
        }
    }

    private TensorJsonException mismatch(int depth, int found, boolean atLeast) {
        String has = (atLeast ? "at least " : "") + found + " element" + (found == 1 ? "" : "s");
        if (declared[depth]) {
            return new TensorJsonException(what + ": the array at " + path(depth) + " has " + has + " but dimension "
                    + depth + " of the declared shape " + info.shape() + " is " + sizes[depth]);
        }
        return new TensorJsonException(what + ": ragged array: the array at " + path(depth) + " has " + has
                + " but an earlier array at the same depth has " + sizes[depth]);
    }

    private void number(JsonToken t) throws IOException {
        if (--budget[0] < 0) {
            throw new TensorJsonException(what + ": more values than one file may hold (the bound was reached at "
                    + path(sizes.length) + ")");
        }
        if (floating) {
            float v;
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                v = (float) p.getDoubleValue();
                if (Float.isInfinite(v)) {
                    throw new TensorJsonException(what + ": value " + abbreviate(p.getText()) + " at "
                            + path(sizes.length) + " is beyond the range of " + info.type() + " values held as float"
                            + " (magnitude at most " + Float.MAX_VALUE + "); write \"Infinity\" or \"-Infinity\" for"
                            + " an infinite value");
                }
            } else if (t == JsonToken.VALUE_STRING && p.getText().matches("NaN|-?Infinity")) {
                v = Float.parseFloat(p.getText());
            } else {
                throw expectedNumber(t);
            }
            if (count == f.length) {
                f = Arrays.copyOf(f, grow(f.length));
            }
            f[count++] = v;
            return;
        }
        long v;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            v = p.getLongValue();
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT && isIntegral(p.getDoubleValue())) {
            v = (long) p.getDoubleValue();
        } else if (info.type() == DataType.BOOL && (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE)) {
            v = t == JsonToken.VALUE_TRUE ? 1 : 0;
        } else {
            throw expectedNumber(t);
        }
        checkRange(v);
        if (count == l.length) {
            l = Arrays.copyOf(l, grow(l.length));
        }
        l[count++] = v;
    }

    private static boolean isIntegral(double d) {
        return d == Math.rint(d) && Math.abs(d) < 0x1p53;
    }

    private void checkRange(long v) {
        long lo;
        long hi;
        switch (info.type()) {
            case BOOL -> { lo = 0; hi = 1; }
            case INT8 -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
            case UINT8 -> { lo = 0; hi = 255; }
            case INT16 -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
            case UINT16 -> { lo = 0; hi = 65535; }
            case INT32 -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
            case UINT32 -> { lo = 0; hi = 0xFFFF_FFFFL; }
            default -> { lo = Long.MIN_VALUE; hi = Long.MAX_VALUE; }
        }
        if (v < lo || v > hi) {
            throw new TensorJsonException(what + ": value " + v + " at " + path(sizes.length) + " is outside the "
                    + info.type() + " range [" + lo + ", " + hi + "]");
        }
    }

    private TensorJsonException expectedNumber(JsonToken t) throws IOException {
        String found = TensorJson.describe(t);
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            found = "the non-integer " + p.getText();
        } else if (t == JsonToken.VALUE_STRING) {
            found = "the string \"" + abbreviate(p.getText()) + "\"";
        }
        String expected = floating ? "a number" : "an integer (" + info.type() + ")";
        return new TensorJsonException(what + ": expected " + expected + " at " + path(sizes.length) + " (rank "
                + sizes.length + "), found " + found);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }

    private static int grow(int length) {
        if (length >= Integer.MAX_VALUE - 8) {
            throw new TensorJsonException("a tensor of more than " + length + " values");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, length * 2L);
    }

    private String path(int depth) {
        StringBuilder sb = new StringBuilder(info.name());
        for (int d = 0; d < depth; d++) {
            sb.append('[').append(index[d]).append(']');
        }
        return sb.toString();
    }
}
