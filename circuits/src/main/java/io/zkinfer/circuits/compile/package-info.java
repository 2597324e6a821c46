/**
 * The compiler from a quantized model (docs/quantization.md) to a rank-1 constraint system and its witness, with
 * the visibility of input, output and weights that ARCHITECTURE.md describes.
 */
package io.zkinfer.circuits.compile;
