package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.verifier.VerifyingKey;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Groth16 proving key over BN254 laid out exactly like a snarkjs groth16 {@code .zkey}, so that one prover
 * serves keys from {@link Groth16Setup} and keys imported with {@link ZkeyFile}.
 *
 * <p>With toxic waste τ, α, β, γ, δ, QAP polynomials uᵢ, vᵢ, wᵢ interpolated over the domain of the
 * {@code n}-th roots of unity ω^j (n = {@link #domainSize()}, a power of two above nConstraints + nPublic,
 * one extra A-row per public signal including wire 0), and Lⱼ^{(2n)} the Lagrange basis of the 2n-th roots:
 * <ul>
 *   <li>{@code A[i] = uᵢ(τ)·G1}, {@code B1[i] = vᵢ(τ)·G1}, {@code B2[i] = vᵢ(τ)·G2} for every wire i;</li>
 *   <li>{@code C[i − nPublic − 1] = (β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/δ·G1} for the private wires;</li>
 *   <li>{@code IC[i] = (β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/γ·G1} for wires 0..nPublic (in the verifying key);</li>
 *   <li>{@code H[j] = L^{(2n)}_{2j+1}(τ)/δ·G1}, j = 0..n−1: evaluations at the odd 2n-th roots, with the
 *       vanishing polynomial folded in (the prover multiplies them by A·B − C on that odd coset).</li>
 * </ul>
 * plus α·G1, β·G1, β·G2, γ·G2, δ·G1, δ·G2 and the sparse A and B matrices ({@link QapCoefficients}).
 *
 * <p>Immutable. The query accessors return unmodifiable views; the arrays are not copied.
 */
public final class ProvingKey {

    /** Largest supported domain: 2^27 (snarkjs needs level log2(n)+1 ≤ 28 of the prepared ptau). */
    public static final int MAX_POWER = 27;

    private final VerifyingKey vk;
    private final G1Affine beta1;
    private final G1Affine delta1;
    private final int nVars;
    private final int nPublic;
    private final int domainSize;
    private final G1Affine[] a;
    private final G1Affine[] b1;
    private final G2Affine[] b2;
    private final G1Affine[] c;
    private final G1Affine[] h;
    private final QapCoefficients coefficients;

    /**
     * Assembles a key; arrays are taken over, not copied (callers inside the package hand over fresh arrays).
     *
     * @throws IllegalArgumentException when sizes disagree with nVars, nPublic and domainSize
     */
    ProvingKey(VerifyingKey vk, G1Affine beta1, G1Affine delta1, int nVars, int nPublic, int domainSize,
               G1Affine[] a, G1Affine[] b1, G2Affine[] b2, G1Affine[] c, G1Affine[] h,
               QapCoefficients coefficients) {
        this.vk = Objects.requireNonNull(vk, "vk");
        this.beta1 = Objects.requireNonNull(beta1, "beta1");
        this.delta1 = Objects.requireNonNull(delta1, "delta1");
        if (nVars < 1 || nPublic < 0 || nPublic >= nVars) {
            throw new IllegalArgumentException("proving key has nVars " + nVars + " and nPublic " + nPublic
                    + "; need 0 <= nPublic < nVars");
        }
        if (domainSize < 2 || Integer.bitCount(domainSize) != 1 || domainSize > (1 << MAX_POWER)) {
            throw new IllegalArgumentException("proving key domain size " + domainSize
                    + " is not a power of two in [2, 2^" + MAX_POWER + "]");
        }
        this.nVars = nVars;
        this.nPublic = nPublic;
        this.domainSize = domainSize;
        requireLength("A query", a.length, nVars);
        requireLength("B1 query", b1.length, nVars);
        requireLength("B2 query", b2.length, nVars);
        requireLength("C query", c.length, nVars - nPublic - 1);
        requireLength("H query", h.length, domainSize);
        requireLength("IC", vk.ic().size(), nPublic + 1);
        this.a = a;
        this.b1 = b1;
        this.b2 = b2;
        this.c = c;
        this.h = h;
        this.coefficients = Objects.requireNonNull(coefficients, "coefficients");
        coefficients.matrices().requireFits(power(), nVars);
    }

    private static void requireLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " points; expected " + expected);
        }
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    public G1Affine alpha1() {
        return vk.alpha();
    }

    public G1Affine beta1() {
        return beta1;
    }

    public G1Affine delta1() {
        return delta1;
    }

    /** Number of wires including wire 0 (the constant 1). */
    public int nVars() {
        return nVars;
    }

    /** Number of public signals, not counting wire 0. */
    public int nPublic() {
        return nPublic;
    }

    /** Size n of the evaluation domain (a power of two). */
    public int domainSize() {
        return domainSize;
    }

    /** log2 of {@link #domainSize()}. */
    public int power() {
        return Integer.numberOfTrailingZeros(domainSize);
    }

    public List<G1Affine> aQuery() {
        return view(a);
    }

    public List<G1Affine> b1Query() {
        return view(b1);
    }

    public List<G2Affine> b2Query() {
        return view(b2);
    }

    /** The C query, one point per private wire (wires nPublic+1 .. nVars−1). */
    public List<G1Affine> cQuery() {
        return view(c);
    }

    public List<G1Affine> hQuery() {
        return view(h);
    }

    public QapCoefficients coefficients() {
        return coefficients;
    }

    private static <T> List<T> view(T[] arr) {
        return Collections.unmodifiableList(Arrays.asList(arr));
    }

    G1Affine[] a() {
        return a;
    }

    G1Affine[] b1() {
        return b1;
    }

    G2Affine[] b2() {
        return b2;
    }

    G1Affine[] c() {
        return c;
    }

    G1Affine[] h() {
        return h;
    }

    @Override
    public String toString() {
        return "ProvingKey[nVars=" + nVars + ", nPublic=" + nPublic + ", domainSize=" + domainSize
                + ", coefficients=" + coefficients.size() + "]";
    }
}
