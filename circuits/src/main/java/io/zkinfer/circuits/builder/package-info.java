/**
 * The circuit-builder API: allocate public and private wires, combine them linearly for free, multiply and assert
 * at one rank-1 constraint each, group the work in named scopes, and
 * {@link io.zkinfer.circuits.builder.CircuitBuilder#build build} an {@link io.zkinfer.circuits.r1cs.R1cs} with its
 * witness.
 *
 * <p>The design follows gnark's frontend (a small builder API over a constraint system that any backend proves,
 * https://github.com/Consensys/gnark/tree/master/frontend) with one difference: the builder carries values, so
 * building a circuit from concrete inputs also computes its witness, and there is no separate witness program to
 * keep in step with the constraints. Signed integers are field elements {@code v mod r}
 * ({@link io.zkinfer.circuits.builder.SignedEncoding}).
 */
package io.zkinfer.circuits.builder;
