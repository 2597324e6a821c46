/**
 * Import of ONNX models ({@code ModelProto} written against default-domain opsets 9 to 21) into the
 * {@link io.zkinfer.inference.ir} graph. The protobuf classes are those generated from {@code onnx-ml.proto}
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx-ml.proto), shipped in {@code org.tribuo:tribuo-util-onnx};
 * tensor {@code raw_data} is little-endian as the IR specification (https://onnx.ai/onnx/repo-docs/IR.html)
 * requires. Parsing is bounded by {@link io.zkinfer.inference.onnx.ImportLimits}.
 */
package io.zkinfer.inference.onnx;
