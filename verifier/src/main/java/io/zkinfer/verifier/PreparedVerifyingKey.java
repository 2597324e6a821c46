package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.pairing.Pairing;
import java.util.Objects;

/**
 * A {@link VerifyingKey} with the proof-independent parts of the verification equation precomputed:
 * {@code e(α, β) ∈ GT}, {@code −γ} and {@code −δ}. With them the Groth16 check
 * {@code e(A, B) = e(α, β) · e(vk_x, γ) · e(C, δ)} becomes three Miller loops and one final
 * exponentiation: {@code FE(ML(A, B) · ML(vk_x, −γ) · ML(C, −δ)) == e(α, β)}.
 *
 * <p>Immutable and thread-safe; prepare once per key and reuse for every proof.
 */
public final class PreparedVerifyingKey {

    private final VerifyingKey vk;
    private final Fq12 alphaBeta;
    private final G2Affine negGamma;
    private final G2Affine negDelta;

    private PreparedVerifyingKey(VerifyingKey vk) {
        this.vk = vk;
        this.alphaBeta = Pairing.pair(vk.alpha(), vk.beta());
        this.negGamma = vk.gamma().neg();
        this.negDelta = vk.delta().neg();
    }

    /** Precomputes {@code e(α, β)}, {@code −γ} and {@code −δ} for {@code vk}. */
    public static PreparedVerifyingKey of(VerifyingKey vk) {
        return new PreparedVerifyingKey(Objects.requireNonNull(vk, "vk"));
    }

    /** The key this was prepared from. */
    public VerifyingKey vk() {
        return vk;
    }

    /** The number of public signals the key verifies. */
    public int nPublic() {
        return vk.nPublic();
    }

    /** {@code e(α, β)}, reduced (in GT), as computed by {@link Pairing#pair}. */
    public Fq12 alphaBeta() {
        return alphaBeta;
    }

    /** {@code −γ ∈ G2}. */
    public G2Affine negGamma() {
        return negGamma;
    }

    /** {@code −δ ∈ G2}. */
    public G2Affine negDelta() {
        return negDelta;
    }
}
