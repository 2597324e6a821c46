package io.zkinfer.inference.onnx;

/** An ONNX model that cannot be imported: malformed, beyond the configured limits, or using what is unsupported. */
public final class OnnxImportException extends RuntimeException {

    public OnnxImportException(String message) {
        super(message);
    }

    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
