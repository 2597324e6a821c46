/**
 * Model formats other than the ONNX import path, and the safety checks every model file passes before anything loads
 * it. {@link io.zkinfer.inference.format.ModelFormat} tells ONNX files, TorchScript archives and TensorFlow SavedModel
 * directories apart by content; {@link io.zkinfer.inference.format.ValidatedModel#validate} runs the matching bounded
 * structural check. TorchScript archives (the zip layout of {@code torch.jit.save}, see PyTorch's
 * {@code caffe2/serialize/inline_container.h}) have every pickle scanned opcode by opcode against the pickle protocol
 * (Python's {@code pickletools} documents protocols 0 to 5) without executing it, and refused when a global is outside
 * the allow-list of {@link io.zkinfer.inference.format.PickleSafetyScan}; an archive that passes can be served in float
 * through DJL's PyTorch engine ({@link io.zkinfer.inference.format.TorchScriptRunner}), offline. SavedModel
 * directories (TensorFlow's {@code saved_model.proto}) are checked structurally only; serving needs conversion to ONNX.
 */
package io.zkinfer.inference.format;
