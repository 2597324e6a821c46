/**
 * Arithmetic gadgets over {@link io.zkinfer.circuits.builder.CircuitBuilder}: bit decomposition and range checks,
 * comparison, selection, maximum and argmax, ReLU, clamping, the {@code Rescale}, {@code IntDiv}, {@code IntMean},
 * {@code Lookup} and {@code IntSoftmax} of docs/quantization.md reproduced bit for bit, integer square root, and
 * circomlib's Poseidon hash (of field elements, no interval assumed).
 *
 * <p>Conventions. A signed integer v is the field element {@code v mod r}
 * ({@link io.zkinfer.circuits.builder.SignedEncoding}). A gadget states the
 * {@link io.zkinfer.circuits.gadgets.Interval} (or signed bit width) it assumes for each input; inputs are assumed already constrained to it (a model input by a
 * range check, an activation by the Rescale or Lookup that made it). An input outside its interval leaves the
 * honest prover without a satisfying witness; it never lets a wrong output through. Every output is fully
 * constrained: each gadget's Javadoc says why no other value satisfies its constraints, and its exact constraint
 * count, which its test asserts. Widths stay at most {@link io.zkinfer.circuits.gadgets.Interval#MAX_BITS} bits
 * and products with constants below 2^250, so no field operation wraps around r ≈ 2^254.
 *
 * <p>The constructions are the standard ones of the R1CS literature: bit decomposition and comparison as in
 * circomlib's {@code Num2Bits}/{@code LessThan} (https://github.com/iden3/circomlib/blob/master/circuits/comparators.circom),
 * division with a range-checked remainder, and a two-level one-hot multiplexer for table lookups.
 */
package io.zkinfer.circuits.gadgets;
