/**
 * The compiler from a quantized model (docs/quantization.md) to a rank-1 constraint system and its witness, with
 * the visibility of input, output and weights that ARCHITECTURE.md describes: {@link
 * io.zkinfer.circuits.compile.ModelCompiler} builds the circuit, {@link io.zkinfer.circuits.compile.PublicLayout}
 * says what its public signals are.
 *
 * <p>Operators are lowered by how they are constrained (after EZKL's {@code circuit/ops}): linear operators, free
 * with fixed weights ({@code LinearOperators}); element-wise arithmetic, requantization and lookups
 * ({@code PointwiseOperators}); windows, reductions and softmax ({@code WindowOperators}); and data movement, which
 * only rewires ({@code DataMovement}). Every index map is the integer executor's own, so the circuit agrees with it
 * bit for bit; every range a gadget relies on is one the circuit has constrained.
 */
package io.zkinfer.circuits.compile;
