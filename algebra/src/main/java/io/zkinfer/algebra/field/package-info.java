/**
 * The BN254 (alt_bn128) fields: the base field {@link io.zkinfer.algebra.field.Fq}, the scalar field
 * {@link io.zkinfer.algebra.field.Fr}, their allocation-free limb kernels
 * ({@link io.zkinfer.algebra.field.FqArithmetic}, {@link io.zkinfer.algebra.field.FrArithmetic}) and the
 * pairing tower {@code Fq2 = Fq[u]/(u²+1)}, {@code Fq6 = Fq2[v]/(v³-ξ)} with {@code ξ = 9+u},
 * {@code Fq12 = Fq6[w]/(w²-v)}.
 *
 * <p>Specifications and methods implemented:
 * <ul>
 *   <li>Curve parameters p and r: EIP-196 / EIP-197 (alt_bn128, Ethereum precompiles 0x06–0x08);
 *       Barreto and Naehrig, "Pairing-Friendly Elliptic Curves of Prime Order", SAC 2005.</li>
 *   <li>Montgomery representation: P. L. Montgomery, "Modular Multiplication Without Trial Division",
 *       Mathematics of Computation 44(170), 1985.</li>
 *   <li>Multiplication: the Coarsely Integrated Operand Scanning (CIOS) method of Ç. K. Koç, T. Acar and
 *       B. S. Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", IEEE Micro 16(3), 1996,
 *       with the "no final carry" shortcut for moduli whose top limb is below 2^62 (as in gnark-crypto).</li>
 *   <li>Tower and its formulas: J.-L. Beuchat, J. E. González-Díaz, S. Mitsunari, E. Okamoto,
 *       F. Rodríguez-Henríquez and T. Teruya, "High-Speed Software Implementation of the Optimal Ate Pairing
 *       over Barreto–Naehrig Curves", Pairing 2010 (ePrint 2010/354); squaring in Fq6 after Chung and Hasan,
 *       "Asymmetric Squaring Formulae", ARITH 2007.</li>
 *   <li>Cyclotomic squaring: R. Granger and M. Scott, "Faster Squaring in the Cyclotomic Subgroup of Sixth
 *       Degree Extensions", PKC 2010.</li>
 *   <li>Square roots in Fq2: G. Adj and F. Rodríguez-Henríquez, "Square Root Computation over Even Extension
 *       Fields", IEEE Trans. Computers 63(11), 2014, Algorithm 9.</li>
 *   <li>Roots of unity for the NTT: identical to ffjavascript (snarkjs), {@code w[28] = 5^((r-1)/2^28)}.</li>
 * </ul>
 */
package io.zkinfer.algebra.field;
