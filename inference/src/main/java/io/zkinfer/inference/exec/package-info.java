/**
 * Execution of an imported {@link io.zkinfer.inference.ir.Graph}. {@link io.zkinfer.inference.exec.FloatExecutor}
 * is the float reference, following the ONNX operator specification (https://onnx.ai/onnx/operators/) at the
 * graph's opset; the quantized integer executor, the normative semantics of a proven model, will sit beside it.
 */
package io.zkinfer.inference.exec;
