package io.zkinfer.inference.ir;

/**
 * The element types a tensor can hold, with their ONNX {@code TensorProto.DataType} codes. Floating types are
 * held as {@code float} in a {@link Tensor}, integer and boolean types as {@code long}.
 */
public enum DataType {
    FLOAT(1, true), UINT8(2, false), INT8(3, false), UINT16(4, false), INT16(5, false), INT32(6, false),
    INT64(7, false), BOOL(9, false), DOUBLE(11, true), UINT32(12, false);

    private final int onnxCode;
    private final boolean floating;

    DataType(int onnxCode, boolean floating) {
        this.onnxCode = onnxCode;
        this.floating = floating;
    }

    /** The ONNX {@code TensorProto.DataType} code. */
    public int onnxCode() {
        return onnxCode;
    }

    /** Whether values are held as {@code float} ({@code true}) or as {@code long} ({@code false}). */
    public boolean isFloating() {
        return floating;
    }

    /** The type with ONNX code {@code code}; throws {@link IllegalArgumentException} naming the code if unsupported. */
    public static DataType fromOnnx(int code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported ONNX tensor element type " + code + "; supported: "
                + java.util.Arrays.toString(values()));
    }
}
