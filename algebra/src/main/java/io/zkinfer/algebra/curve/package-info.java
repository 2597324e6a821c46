/**
 * The BN254 (alt_bn128) groups: G1 = E(Fq) with E: y² = x³ + 3, and G2 = the order-r subgroup of the sextic
 * D-type twist E'(Fq2): y² = x³ + 3/(9 + u), with the generators fixed by EIP-196 and EIP-197.
 *
 * <p>Affine points ({@link io.zkinfer.algebra.curve.G1Affine}, {@link io.zkinfer.algebra.curve.G2Affine}) are
 * validated on construction; Jacobian points ({@link io.zkinfer.algebra.curve.G1Point},
 * {@link io.zkinfer.algebra.curve.G2Point}) carry the group law with the a = 0 formulas {@code add-2007-bl},
 * {@code madd-2007-bl} and {@code dbl-2009-l} of the Explicit-Formulas Database
 * (https://hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html).
 *
 * <p>References: EIP-196 (precompiled contracts for addition and scalar multiplication on alt_bn128) and EIP-197
 * (pairing check on alt_bn128), https://eips.ethereum.org/EIPS/eip-196 and eip-197; the G2 membership test
 * ψ(P) = [6x²]P is from Y. El Housni, A. Guillevic and T. Piellard, "Co-factor clearing and subgroup membership
 * testing on pairing-friendly curves", AFRICACRYPT 2022.
 */
package io.zkinfer.algebra.curve;
