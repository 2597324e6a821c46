/**
 * Execution of an imported {@link io.zkinfer.inference.ir.Graph} and the passes that need operator semantics.
 * {@link io.zkinfer.inference.exec.FloatExecutor} is the float reference, following the ONNX operator
 * specification (https://onnx.ai/onnx/operators/) at the graph's opset, and keeping integer tensors (shape
 * arithmetic, 8-bit pre-quantized operators) integer; {@link io.zkinfer.inference.exec.ShapeInference} applies each
 * operator's shape rule; {@link io.zkinfer.inference.exec.ConstantFolding} and
 * {@link io.zkinfer.inference.exec.BatchNormFolding} simplify a graph without changing what it computes (beyond
 * float rounding for the latter); {@link io.zkinfer.inference.exec.PrequantizedLowering} rewrites a pre-quantized
 * model (QDQ or QOperator form) into the float graph it approximates, for re-quantization. The quantized integer
 * executor, the normative semantics of a proven model, will sit beside them.
 */
package io.zkinfer.inference.exec;
