package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;

/**
 * The optimal ate pairing e: G1 × G2 → GT ⊂ Fq12* on BN254: e(P, Q) = (f_{6x+2,Q}(P) · l_{[6x+2]Q,ψ(Q)}(P) ·
 * l_{[6x+2]Q+ψ(Q),−ψ²(Q)}(P))^(m·(p¹² − 1)/r) with m = 2x(6x² + 3x + 1) coprime to r. It is bilinear and
 * non-degenerate, and its values equal those of snarkjs/ffjavascript (e.g. a verification key's
 * {@code vk_alphabeta_12}).
 *
 * <p>{@link #pairingCheck} has the EIP-197 semantics: it decides ∏ e(Pᵢ, Qᵢ) = 1 with one shared Miller loop and a
 * single final exponentiation. Callers must pass validated points (G1 on the curve, G2 on the twist and in G2, as
 * {@link G1Affine#of} and {@link G2Affine#of} guarantee); pairs containing a point at infinity contribute 1.
 * G2 arguments that are used many times can be {@linkplain #prepare prepared} once.
 */
public final class Pairing {

    private Pairing() {
    }

    /** The reduced pairing e(p, q), an element of the order-r subgroup GT of Fq12*. */
    public static Fq12 pair(G1Affine p, G2Affine q) {
        return finalExponentiation(millerLoop(new G1Affine[] {p}, new G2Affine[] {q}));
    }

    /** Precomputes the line functions of q for {@link #millerLoop(G1Affine[], PreparedG2[])}. */
    public static PreparedG2 prepare(G2Affine q) {
        return PreparedG2.of(q);
    }

    /**
     * The product of the unreduced Miller-loop values of all pairs (pᵢ, qᵢ).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Fq12 millerLoop(G1Affine[] ps, G2Affine[] qs) {
        return MillerLoop.run(ps, prepareAll(ps.length, qs));
    }

    /**
     * The product of the unreduced Miller-loop values of all pairs (pᵢ, qᵢ) with prepared G2 points.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Fq12 millerLoop(G1Affine[] ps, PreparedG2[] qs) {
        return MillerLoop.run(ps, qs);
    }

    /** f^(m·(p¹² − 1)/r), mapping a Miller-loop value into GT. */
    public static Fq12 finalExponentiation(Fq12 f) {
        return FinalExponentiation.apply(f);
    }

    /**
     * Whether ∏ e(psᵢ, qsᵢ) = 1 (true for empty input, as the EIP-197 precompile).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static boolean pairingCheck(G1Affine[] ps, G2Affine[] qs) {
        return finalExponentiation(millerLoop(ps, qs)).isOne();
    }

    /**
     * Whether ∏ e(psᵢ, qsᵢ) = 1 with prepared G2 points.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static boolean pairingCheck(G1Affine[] ps, PreparedG2[] qs) {
        return finalExponentiation(millerLoop(ps, qs)).isOne();
    }

    private static PreparedG2[] prepareAll(int expected, G2Affine[] qs) {
        if (expected != qs.length) {
            throw new IllegalArgumentException("pairing needs as many G1 points as G2 points, got "
                    + expected + " G1 and " + qs.length + " G2 points");
        }
        PreparedG2[] prepared = new PreparedG2[qs.length];
        for (int i = 0; i < qs.length; i++) {
            prepared[i] = PreparedG2.of(qs[i]);
        }
        return prepared;
    }
}
