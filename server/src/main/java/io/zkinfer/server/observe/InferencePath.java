package io.zkinfer.server.observe;

/** How an inference was executed, as the {@code path} label of the inference metrics shows it. */
public enum InferencePath {
    /** The exact integer executor over the quantized model, the semantics a proof attests. */
    INTEGER("integer"),
    /** ONNX Runtime in float, the fast path without a proof. */
    ONNX_RUNTIME_FLOAT("onnx_runtime_float");

    private final String label;

    InferencePath(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
