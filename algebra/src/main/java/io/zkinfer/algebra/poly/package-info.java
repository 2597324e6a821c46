/**
 * Polynomials over BN254 Fr on radix-2 evaluation domains: {@link io.zkinfer.algebra.poly.EvaluationDomain}
 * (the subgroup of 2^k-th roots of unity, with ω chosen as snarkjs/ffjavascript choose it) and the
 * in-place number-theoretic transform {@link io.zkinfer.algebra.poly.Ntt}, plain and on a coset.
 *
 * <p>The transform is the iterative radix-2 Cooley–Tukey FFT (J. W. Cooley and J. W. Tukey, "An
 * algorithm for the machine calculation of complex Fourier series", Math. Comp. 19 (1965) 297–301)
 * over a prime field (J. M. Pollard, "The fast Fourier transform in a finite field", Math. Comp. 25
 * (1971) 365–374): bit-reversal permutation followed by decimation-in-time butterflies. The coset
 * transform with shift g evaluates A(g·X) on the domain, which the Groth16 prover uses with
 * g = ω_{2n} to compute H = (A·B − C)/Z_H on the "odd" coset, as snarkjs does
 * (snarkjs {@code src/groth16_prove.js}).
 */
package io.zkinfer.algebra.poly;
