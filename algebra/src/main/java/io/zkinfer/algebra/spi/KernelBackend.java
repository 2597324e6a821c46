package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import java.util.Set;

/**
 * A provider of the prover's heavy kernels: multi-scalar multiplication on BN254 G1/G2, the
 * radix-2 NTT over Fr and the QAP quotient step built on it. Every backend computes exactly the same
 * values as the pure-Java one ({@link JavaKernelBackend}); only speed differs, so keys and proofs never
 * depend on the backend.
 *
 * <p>Data layout (shared with native kernels so arrays can be handed over whole):
 * <ul>
 *   <li>MSM scalars: canonical integers in [0, r), 4 little-endian 64-bit limbs per scalar, one
 *       scalar per base; a scalar ≥ r or a length mismatch is an {@link IllegalArgumentException}.
 *   <li>NTT values: Fr elements in Montgomery form, 4 little-endian limbs each, in natural order;
 *       the element count must be a power of two ≤ 2^28. Transforms work in place.
 *   <li>QAP matrices: {@link QapMatrices}, the snarkjs coefficient list in flat arrays.
 * </ul>
 * Backends are discovered through {@link KernelBackendProvider} and chosen by {@link KernelBackends},
 * which falls back to the Java backend, with a log line, when another backend throws anything but
 * an {@link IllegalArgumentException} (the caller's error). Implementations must be thread-safe.
 */
public interface KernelBackend {
    /** Short, stable name used in logs and by {@code -Dzkinfer.backend=<name>}, e.g. "java", "native", "cuda". */
    String name();

    /** Preference among available backends; higher wins. The pure-Java backend has rank 0. */
    int rank();

    /** The operations this backend implements. */
    Set<Capability> capabilities();

    /** Whether the backend can run here (library loaded, device present). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, naming what is missing; empty when available. */
    String unavailableReason();

    /**
     * One line on what runs when this backend is available, for {@code zkinfer backends} and logs: the
     * library version, the CPU path or the device, e.g. "C, BMI2/ADX, 16 threads". Empty by default.
     */
    default String description() {
        return "";
    }

    /** Σ sᵢ·bases[i] on G1 (scalars canonical, 4 LE limbs each). */
    G1Point msmG1(G1Affine[] bases, long[] scalars);

    /** Σ sᵢ·bases[i] on G2 (scalars canonical, 4 LE limbs each). */
    G2Point msmG2(G2Affine[] bases, long[] scalars);

    /**
     * In-place NTT on the domain of size values.length/4: coefficients → evaluations at ωⁱ, or
     * (inverse) evaluations → coefficients including the n⁻¹ scaling. A backend that throws must
     * leave {@code values} unchanged (so that the caller can rerun the transform elsewhere).
     */
    void ntt(long[] values, boolean inverse);

    /**
     * In-place NTT on the coset shift·H: coefficients → evaluations at shift·ωⁱ, or (inverse) back
     * to coefficients. The Groth16 prover uses shift = ω_{2n}. A backend that throws must leave
     * {@code values} unchanged.
     */
    void cosetNtt(long[] values, Fr shift, boolean inverse);

    /**
     * The quotient step of the Groth16 prover in the snarkjs formulation, on the domain of n = 2^log2n rows:
     * a = A·z and b = B·z on ωʲ, c = a·b pointwise; each of a, b, c interpolated and evaluated on the odd coset
     * g·ωʲ (g = ω₂ₙ, a primitive 2n-th root of unity); returns the 4·n limbs of (a·b − c)(g·ωʲ), j &lt; n, as
     * canonical scalars, ready for the H-query MSM. When the matrices hold C, every row's a·b must equal C·z
     * first. The default runs the arithmetic in Java on this backend's {@link #ntt} and {@link #cosetNtt};
     * a backend with a kernel for the whole step overrides it.
     *
     * @param witness the witness z, 4 Montgomery limbs per wire, fully reduced
     * @throws UnsatisfiedRowException when C is present and the witness does not satisfy a row
     * @throws IllegalArgumentException when an entry lies outside the domain or the witness
     */
    default long[] qapQuotient(QapMatrices matrices, long[] witness, int log2n) {
        return QapQuotient.compute(matrices, witness, log2n, this);
    }
}
