package io.zkinfer.inference.ir;

import java.util.Arrays;
import java.util.List;

/** The dimensions of a tensor, outermost first; a rank-0 shape is a scalar. Immutable. */
public record Shape(List<Dim> dims) {

    public Shape {
        dims = List.copyOf(dims);
    }

    /** A shape of static sizes. */
    public static Shape of(long... sizes) {
        return new Shape(Arrays.stream(sizes).mapToObj(Dim::of).toList());
    }

    public int rank() {
        return dims.size();
    }

    /** Whether every dimension has a known size. */
    public boolean isStatic() {
        return dims.stream().allMatch(Dim::isStatic);
    }

    /** The sizes; throws {@link IllegalStateException} if a dimension is dynamic. */
    public long[] sizes() {
        if (!isStatic()) {
            throw new IllegalStateException("shape " + this + " has dynamic dimensions");
        }
        return dims.stream().mapToLong(Dim::value).toArray();
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
