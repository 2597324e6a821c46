/**
 * Float inference through ONNX Runtime Java (https://onnxruntime.ai/docs/api/java/), the reference that the
 * Java float executor is checked against and the fast path for requests that need no proof.
 */
package io.zkinfer.inference.ort;
