/**
 * Tensor files: {@link io.zkinfer.inference.io.TensorJson} reads model inputs and writes model outputs as JSON
 * objects keyed by graph input and output name, each value a nested array (RFC 8259 JSON) in row-major order.
 */
package io.zkinfer.inference.io;
