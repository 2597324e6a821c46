package io.zkinfer.server.observe;

import io.zkinfer.api.v1.ExecutionPath;

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

    /** The path of {@code path} as the API names it; IllegalArgumentException for UNSPECIFIED. */
    public static InferencePath of(ExecutionPath path) {
        return switch (path) {
            case EXECUTION_PATH_INTEGER -> INTEGER;
            case EXECUTION_PATH_ONNX_RUNTIME_FLOAT -> ONNX_RUNTIME_FLOAT;
            default -> throw new IllegalArgumentException("execution path " + path + " names no engine");
        };
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
