/**
 * Rank-1 constraint systems over BN254's scalar field Fr.
 *
 * <p>An R1CS is a list of constraints ⟨aᵢ,w⟩·⟨bᵢ,w⟩ = ⟨cᵢ,w⟩ over a witness w with w[0] = 1, the
 * relation Groth16 proves: J. Groth, "On the Size of Pairing-based Non-interactive Arguments",
 * EUROCRYPT 2016 (§3, via the quadratic arithmetic programs of R. Gennaro, C. Gentry, B. Parno and
 * M. Raykova, "Quadratic Span Programs and Succinct NIZKs without PCPs", EUROCRYPT 2013), in the form
 * of E. Ben-Sasson, A. Chiesa, D. Genkin, E. Tromer and M. Virza, "SNARKs for C", CRYPTO 2013.
 *
 * <p>The wire layout and header fields follow circom's .r1cs files: wire 0 is the constant 1, then
 * public outputs, public inputs, private inputs and internal wires
 * (https://github.com/iden3/r1csfile/blob/master/doc/r1cs_bin_format.md).
 */
package io.zkinfer.circuits.r1cs;
