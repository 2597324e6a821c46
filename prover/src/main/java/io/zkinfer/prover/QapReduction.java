package io.zkinfer.prover;

/**
 * The R1CS-to-QAP step of the Groth16 prover, shared by CPU and accelerator paths.
 *
 * <p>Given the key's sparse A and B matrices and the witness z, it forms a(ωʲ) = Σᵢ Aⱼᵢ·zᵢ and
 * b(ωʲ) = Σᵢ Bⱼᵢ·zᵢ on the n-th roots of unity, sets c(ωʲ) = a(ωʲ)·b(ωʲ), interpolates the three, and
 * evaluates a·b − c on the odd coset g·ωʲ (g a primitive 2n-th root of unity) — the snarkjs convention that
 * the key's H query ({@link ProvingKey}) is built for. The results are the H-query MSM scalars.
 */
public interface QapReduction {

    /**
     * @param coefficients the key's sparse matrices ({@link ProvingKey#coefficients()})
     * @param power log2 of the domain size n
     * @param witnessMontgomery the witness, 4 Montgomery limbs per wire
     * @return {@code 4·n} longs: the canonical (non-Montgomery) scalars (a·b − c)(g·ωʲ), j = 0..n−1
     * @throws io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException when the C matrix is present and a constraint fails
     */
    long[] hScalars(QapCoefficients coefficients, int power, long[] witnessMontgomery);
}
