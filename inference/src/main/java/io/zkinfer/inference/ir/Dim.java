package io.zkinfer.inference.ir;

/**
 * One dimension of a {@link Shape}: a static size {@code value >= 0}, or a dynamic dimension known only by its
 * {@code name} (ONNX {@code dim_param}; the empty name for an unnamed unknown dimension), with {@code value = -1}.
 */
public record Dim(long value, String name) {

    public Dim {
        if (value < -1 || (value == -1) == (name == null)) {
            throw new IllegalArgumentException("a dimension is a size >= 0 or a name, got " + value + "/" + name);
        }
    }

    /** A static dimension of size {@code size}. */
    public static Dim of(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative dimension " + size);
        }
        return new Dim(size, null);
    }

    /** A dynamic dimension called {@code name} ({@code ""} when unnamed). */
    public static Dim named(String name) {
        return new Dim(-1, name);
    }

    /** Whether the size is known. */
    public boolean isStatic() {
        return value >= 0;
    }

    @Override
    public String toString() {
        return isStatic() ? Long.toString(value) : (name.isEmpty() ? "?" : name);
    }
}
