package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.verifier.VerifyingKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Groth16 key generation for an R1CS, producing {@link ProvingKey}s in the snarkjs {@code .zkey} layout.
 *
 * <ul>
 *   <li>{@link #generate(R1cs, SecureRandom)}: a single-party setup. Toxic waste τ, α, β, γ, δ is drawn
 *       uniformly from the non-zero elements of Fr (τ also outside the 2n-th roots of unity), used, and
 *       dropped; whoever runs it could forge proofs, so use it for tests, demos and private deployments.
 *       γ is random here (snarkjs fixes γ = 1; both are sound since γ only separates the IC terms).</li>
 *   <li>{@link #generate(R1cs, PtauFile, SecureRandom)}: the circuit-specific phase on top of a prepared
 *       powers-of-tau ceremony, as {@code snarkjs groth16 setup} followed by one contribution: α, β, τ come
 *       from the ceremony's Lagrange sections, γ = 1, and a fresh δ from {@code random}.</li>
 * </ul>
 * Each has an overload that reports its phases to a {@link Progress} listener (the QAP evaluation, the G1 and G2
 * point batches); the key is the same with or without one.
 */
public final class Groth16Setup {

    private static final Logger LOG = LoggerFactory.getLogger(Groth16Setup.class);
    /** Progress units of one fixed-base G2 multiplication, against one for G1 (an Fq2 addition is ~3 Fq ones). */
    private static final int G2_UNITS = 3;

    private Groth16Setup() {
    }

    /** Single-party setup from fresh toxic waste drawn from {@code random}. */
    public static ProvingKey generate(R1cs r1cs, SecureRandom random) {
        return generate(r1cs, random, Progress.NONE);
    }

    /**
     * {@link #generate(R1cs, SecureRandom)}, reporting to {@code progress} in units of one fixed-base G1
     * multiplication (a G2 one counts three), from 0 to the total, ending with done = total.
     */
    public static ProvingKey generate(R1cs r1cs, SecureRandom random, Progress progress) {
        Objects.requireNonNull(r1cs, "r1cs");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(progress, "progress");
        CircuitQap qap = CircuitQap.of(r1cs);
        int power = qap.power();
        Fr tau;
        do {
            tau = nonZero(random);
        } while (tau.pow(2L << power).isOne());
        return fromToxicWaste(qap, tau, nonZero(random), nonZero(random), nonZero(random), nonZero(random),
                progress);
    }

    /** Circuit-specific phase over a prepared powers-of-tau file, with a fresh δ (γ = 1). */
    public static ProvingKey generate(R1cs r1cs, PtauFile ptau, SecureRandom random) throws IOException {
        return generate(r1cs, ptau, random, Progress.NONE);
    }

    /**
     * {@link #generate(R1cs, PtauFile, SecureRandom)}, reporting to {@code progress} (units: one query point
     * combined or one point scaled by 1/δ), ending with done = total.
     */
    public static ProvingKey generate(R1cs r1cs, PtauFile ptau, SecureRandom random, Progress progress)
            throws IOException {
        Objects.requireNonNull(r1cs, "r1cs");
        Objects.requireNonNull(ptau, "ptau");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(progress, "progress");
        CircuitQap qap = CircuitQap.of(r1cs);
        ptau.requirePower(qap.power(), r1cs.numConstraints(), r1cs.numPublic());
        return PtauCircuitPhase.generate(qap, ptau, nonZero(random), progress);
    }

    static Fr nonZero(SecureRandom random) {
        Fr x;
        do {
            x = Fr.random(random);
        } while (x.isZero());
        return x;
    }

    /** The key for known toxic waste (package-private: tests compare against it). */
    static ProvingKey fromToxicWaste(CircuitQap qap, Fr tau, Fr alpha, Fr beta, Fr gamma, Fr delta) {
        return fromToxicWaste(qap, tau, alpha, beta, gamma, delta, Progress.NONE);
    }

    private static ProvingKey fromToxicWaste(CircuitQap qap, Fr tau, Fr alpha, Fr beta, Fr gamma, Fr delta,
                                             Progress progress) {
        long t0 = System.nanoTime();
        int nVars = qap.nVars();
        int nPublic = qap.nPublic();
        int n = qap.domainSize();
        int nPrivate = nVars - nPublic - 1;
        int g1Count = 2 * nVars + nPrivate + nPublic + 1 + n + 3;
        int g2Count = nVars + 3;
        long qapUnits = n / 4 + 1; // Lagrange bases and the sparse sums: field arithmetic, no curve points
        ProgressTally tally = new ProgressTally(progress, qapUnits + g1Count + G2_UNITS * (long) g2Count);
        tally.start("setup: QAP at tau");
        Fr[] lagrange = LagrangeBasis.at(tau, qap.power());
        Fr[] u = new Fr[nVars];
        Fr[] v = new Fr[nVars];
        Fr[] w = new Fr[nVars];
        Arrays.fill(u, Fr.ZERO);
        Arrays.fill(v, Fr.ZERO);
        Arrays.fill(w, Fr.ZERO);
        QapCoefficients coefs = qap.coefficients();
        for (int i = 0; i < coefs.size(); i++) {
            Fr[] target = switch (coefs.matrix(i)) {
                case QapCoefficients.A -> u;
                case QapCoefficients.B -> v;
                default -> w;
            };
            int s = coefs.signal(i);
            target[s] = target[s].add(coefs.value(i).mul(lagrange[coefs.constraint(i)]));
        }
        Fr gammaInv = gamma.inverse();
        Fr deltaInv = delta.inverse();
        Fr[] hValues = LagrangeBasis.oddOfDouble(tau, qap.power());
        tally.advance("setup: QAP at tau", qapUnits);

        // One G1 batch: A (nVars) | B1 (nVars) | C (private) | IC (nPublic + 1) | H (n) | α, β, δ
        Fr[] g1Scalars = new Fr[g1Count];
        int p = 0;
        for (int i = 0; i < nVars; i++) {
            g1Scalars[p++] = u[i];
        }
        for (int i = 0; i < nVars; i++) {
            g1Scalars[p++] = v[i];
        }
        for (int i = nPublic + 1; i < nVars; i++) {
            g1Scalars[p++] = beta.mul(u[i]).add(alpha.mul(v[i])).add(w[i]).mul(deltaInv);
        }
        for (int i = 0; i <= nPublic; i++) {
            g1Scalars[p++] = beta.mul(u[i]).add(alpha.mul(v[i])).add(w[i]).mul(gammaInv);
        }
        for (int j = 0; j < n; j++) {
            g1Scalars[p++] = hValues[j].mul(deltaInv);
        }
        g1Scalars[p++] = alpha;
        g1Scalars[p++] = beta;
        g1Scalars[p] = delta;
        G1Affine[] g1 = FixedBaseMul.g1(G1Affine.GENERATOR, g1Scalars, k -> tally.advance("setup: G1 points", k));

        Fr[] g2Scalars = Arrays.copyOf(v, nVars + 3);
        g2Scalars[nVars] = beta;
        g2Scalars[nVars + 1] = gamma;
        g2Scalars[nVars + 2] = delta;
        G2Affine[] g2 = FixedBaseMul.g2(G2Affine.GENERATOR, g2Scalars,
                k -> tally.advance("setup: G2 points", G2_UNITS * k));

        p = 0;
        G1Affine[] a = Arrays.copyOfRange(g1, p, p += nVars);
        G1Affine[] b1 = Arrays.copyOfRange(g1, p, p += nVars);
        G1Affine[] c = Arrays.copyOfRange(g1, p, p += nPrivate);
        G1Affine[] ic = Arrays.copyOfRange(g1, p, p += nPublic + 1);
        G1Affine[] h = Arrays.copyOfRange(g1, p, p += n);
        G1Affine alpha1 = g1[p++];
        G1Affine beta1 = g1[p++];
        G1Affine delta1 = g1[p];
        G2Affine[] b2 = Arrays.copyOf(g2, nVars);
        VerifyingKey vk = new VerifyingKey(alpha1, g2[nVars], g2[nVars + 1], g2[nVars + 2], List.of(ic));
        LOG.debug("groth16 setup: n = {}, nVars = {}, {} ms", n, nVars, (System.nanoTime() - t0) / 1_000_000);
        tally.finish("setup: done");
        return new ProvingKey(vk, beta1, delta1, nVars, nPublic, n, a, b1, b2, c, h, qap.coefficients());
    }
}
