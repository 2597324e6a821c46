/**
 * Multi-scalar multiplication Σ sᵢ·Pᵢ on BN254 G1 and G2: {@link io.zkinfer.algebra.msm.Msm}.
 *
 * <p>The algorithm is the bucket method: N. Pippenger, "On the evaluation of powers and monomials",
 * SIAM J. Comput. 9 (1980) 230–250, in the form given by D. J. Bernstein, J. Doumen, T. Lange and
 * J.-J. Oosterwijk, "Faster batch forgery identification", INDOCRYPT 2012 (LNCS 7668), §4: scalars
 * in c-bit windows, points summed into 2^c buckets per window, buckets combined by running sums,
 * windows by c doublings each. Digits are signed (−2^{c−1} &lt; d ≤ 2^{c−1}), halving the buckets
 * because −P is free on a Weierstrass curve.
 *
 * <p>For large inputs the buckets are affine and are filled by batches of affine additions that
 * share one field inversion through Montgomery's simultaneous-inversion trick (P. L. Montgomery,
 * "Speeding the Pollard and elliptic curve methods of factorization", Math. Comp. 48 (1987)
 * 243–264, §10.3.1); this "batch-affine" bucket accumulation is the one used by the ZPrize 2022 MSM
 * entries and by gnark-crypto. Other additions use the Jacobian formulas madd-2007-bl, add-2007-bl
 * and dbl-2009-l of the Explicit-Formulas Database (https://hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html).
 *
 * <p>All arithmetic runs on {@code long[]} limb buffers with the static Montgomery kernels of
 * {@link io.zkinfer.algebra.field.FqArithmetic}; nothing is allocated per point.
 */
package io.zkinfer.algebra.msm;
