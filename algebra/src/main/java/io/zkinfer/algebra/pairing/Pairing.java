package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;

/**
 * The optimal ate pairing e: G1 × G2 → GT ⊂ Fq12* on BN254: e(P, Q) = f_{6x+2,Q}(P) · l_{[6x+2]Q,ψ(Q)}(P) ·
 * l_{[6x+2]Q+ψ(Q),−ψ²(Q)}(P), raised to (p¹² − 1)/r. It is bilinear and non-degenerate, and its values equal
 * those of snarkjs/ffjavascript (e.g. a verification key's {@code vk_alphabeta_12}) and of the EIP-197 precompile.
 *
 * <p>{@link #pairingCheck} has the EIP-197 semantics: it decides ∏ e(Pᵢ, Qᵢ) = 1 with one shared Miller loop and a
 * single final exponentiation. Callers must pass validated points (G1 on curve, G2 on the twist and in G2, as
 * {@link G1Affine#of} and {@link G2Affine#of} guarantee); pairs containing a point at infinity contribute 1.
 */
public final class Pairing {

    private Pairing() {
    }

    /** The reduced pairing e(p, q), an element of the order-r subgroup GT of Fq12*. */
    public static Fq12 pair(G1Affine p, G2Affine q) {
        return finalExponentiation(millerLoop(new G1Affine[] {p}, new G2Affine[] {q}));
    }

    /**
     * The product of the unreduced Miller-loop values of all pairs (pᵢ, qᵢ); arrays must have equal length.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Fq12 millerLoop(G1Affine[] ps, G2Affine[] qs) {
        return MillerLoop.run(ps, qs);
    }

    /** f^((p¹² − 1)/r), mapping a Miller-loop value into GT. */
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
}
