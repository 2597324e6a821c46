package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.pairing.Pairing;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The Groth16 verifier (Groth, EUROCRYPT 2016, §3.2). For public signals {@code x₁..xₙ} it computes
 * {@code vk_x = IC[0] + Σ xᵢ·IC[i]} and accepts the proof {@code (A, B, C)} iff
 * <pre>  e(A, B) = e(α, β) · e(vk_x, γ) · e(C, δ)</pre>
 * evaluated as {@code FE(ML(A, B) · ML(vk_x, −γ) · ML(C, −δ)) == e(α, β)} with one shared final
 * exponentiation (the same check as snarkjs's
 * {@code e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1}).
 *
 * <p>Two outcomes are kept apart: a well-formed proof that fails the equation yields {@code false};
 * input that cannot be checked at all (wrong number of public inputs, an input outside {@code [0, r)},
 * a bad point) throws a {@link VerifierInputException}. Points are validated when a {@link Proof} or
 * {@link VerifyingKey} is built, so every group element reaching the pairing is on its curve and in
 * the order-r subgroup.
 */
public final class Groth16Verifier {

    private Groth16Verifier() {
    }

    /**
     * Verifies {@code proof} for public signals that are already field elements.
     *
     * @return {@code true} iff the Groth16 equation holds
     * @throws InvalidPublicInputException if {@code publicInputs.size() != pvk.nPublic()} or an input is null
     */
    public static boolean verify(PreparedVerifyingKey pvk, List<Fr> publicInputs, Proof proof) {
        Objects.requireNonNull(pvk, "pvk");
        Objects.requireNonNull(proof, "proof");
        PublicInputs.requireCount(publicInputs, pvk.nPublic());
        G1Affine vkX = linearCombination(pvk.vk().ic(), publicInputs);

        G1Affine[] ps = {proof.a(), vkX, proof.c()};
        G2Affine[] qs = {proof.b(), pvk.negGamma(), pvk.negDelta()};
        return productOfPairings(ps, qs).equals(pvk.alphaBeta());
    }

    /**
     * Checked entry point: verifies {@code proof} for public signals given as integers, refusing
     * (never reducing) any value outside {@code [0, r)}. Prepares {@code vk} on each call (one extra
     * pairing); to verify many proofs, {@link VerifyingKey#prepare() prepare} once and use
     * {@link PublicInputs#fromBigIntegers} with {@link #verify(PreparedVerifyingKey, List, Proof)}.
     *
     * @return {@code true} iff the Groth16 equation holds
     * @throws InvalidPublicInputException on a wrong count, a negative input or an input {@code >= r};
     *         the message names the index
     */
    public static boolean verify(VerifyingKey vk, List<BigInteger> publicInputs, Proof proof) {
        Objects.requireNonNull(vk, "vk");
        List<Fr> inputs = PublicInputs.fromBigIntegers(publicInputs, vk.nPublic());
        return verify(vk.prepare(), inputs, proof);
    }

    /**
     * Checked entry point for public signals given as canonical decimal strings (the content of a
     * snarkjs {@code public.json}).
     *
     * @throws InvalidPublicInputException on a wrong count, a malformed decimal or an input {@code >= r}
     */
    public static boolean verifyDecimal(VerifyingKey vk, List<String> publicInputs, Proof proof) {
        Objects.requireNonNull(vk, "vk");
        List<Fr> inputs = PublicInputs.fromDecimals(publicInputs, vk.nPublic());
        return verify(vk.prepare(), inputs, proof);
    }

    /**
     * {@code IC[0] + Σ xᵢ·IC[i+1]}, as one multi-scalar multiplication: a model with public inputs has hundreds of
     * them, mostly small integers, positive or negative ({@code r − |x|}), which the MSM treats as small.
     */
    static G1Affine linearCombination(List<G1Affine> ic, List<Fr> xs) {
        Fr[] scalars = new Fr[xs.size()];
        for (int i = 0; i < scalars.length; i++) {
            Fr x = xs.get(i);
            if (x == null) {
                throw new InvalidPublicInputException(i, "public input [" + i + "] is missing (null)");
            }
            scalars[i] = x;
        }
        G1Affine[] bases = ic.subList(1, ic.size()).toArray(new G1Affine[0]);
        return Msm.g1(bases, scalars).addAffine(ic.get(0)).toAffine();
    }

    /** {@code FE(Π ML(pᵢ, qᵢ))}; pairs holding the identity contribute 1. */
    private static Fq12 productOfPairings(G1Affine[] ps, G2Affine[] qs) {
        return Pairing.finalExponentiation(Pairing.millerLoop(ps, qs));
    }
}
