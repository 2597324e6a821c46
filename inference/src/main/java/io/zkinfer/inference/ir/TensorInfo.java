package io.zkinfer.inference.ir;

/** The declared name, element type and shape of a graph input or output. */
public record TensorInfo(String name, DataType type, Shape shape) {

    public TensorInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph input or output needs a name");
        }
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(shape, "shape");
    }
}
