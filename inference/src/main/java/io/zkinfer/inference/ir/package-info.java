/**
 * The typed graph IR every model is imported into: {@link io.zkinfer.inference.ir.Graph} of
 * {@link io.zkinfer.inference.ir.Node}s over named values, with constant {@link io.zkinfer.inference.ir.Tensor}s.
 * Operator names, attributes and semantics are those of the ONNX operator specification
 * (https://onnx.ai/onnx/operators/, default domain, opsets 9 to 21) and the ONNX IR
 * (https://onnx.ai/onnx/repo-docs/IR.html); the IR records the opset the graph was written against.
 */
package io.zkinfer.inference.ir;
