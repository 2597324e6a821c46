package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Proof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The Groth16 prover (Groth, EUROCRYPT 2016) in the snarkjs formulation. For witness z and fresh r, s:
 * <pre>
 *   π_A = α + Σ zᵢ·A[i] + r·δ                                   (G1)
 *   π_B = β + Σ zᵢ·B2[i] + s·δ                                  (G2)
 *   π_C = Σ_{private} zᵢ·C[i] + Σⱼ hⱼ·H[j] + s·π_A + r·(β + Σ zᵢ·B1[i] + s·δ) − r·s·δ   (G1)
 * </pre>
 * where hⱼ = (a·b − c)(g·ωʲ) comes from the {@link QapReduction}. MSMs and NTTs run through a
 * {@link KernelBackend}; the result is the same whichever backend runs them, and the proof verifies against
 * {@link ProvingKey#verifyingKey()} with the public signals z₁..z_nPublic. Overloads taking a {@link Progress}
 * report each step as it finishes (the QAP step and the five MSMs); the proof does not depend on the listener.
 */
public final class Groth16Prover {

    private static final Logger LOG = LoggerFactory.getLogger(Groth16Prover.class);
    private static final String[] STEPS = {"MSM B2", "MSM A", "QAP (NTTs)", "MSM H", "MSM B1", "MSM C"};

    private final KernelBackend backend;
    private final QapReduction qap;

    /** A prover on {@code backend} with the NTT-based QAP step. */
    public Groth16Prover(KernelBackend backend) {
        this(backend, new NttQapReduction(backend));
    }

    public Groth16Prover(KernelBackend backend, QapReduction qap) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.qap = Objects.requireNonNull(qap, "qap");
    }

    /** Proves with the best available backend ({@link KernelBackends#best()}). */
    public static Proof prove(ProvingKey key, Witness witness, SecureRandom random) {
        return prove(key, witness, random, Progress.NONE);
    }

    /** {@link #prove(ProvingKey, Witness, SecureRandom)}, reporting its steps to {@code progress}. */
    public static Proof prove(ProvingKey key, Witness witness, SecureRandom random, Progress progress) {
        return new Groth16Prover(KernelBackends.best()).createProof(key, witness, random, progress);
    }

    /**
     * Checks {@code witness} against {@code r1cs} first (naming the first failing constraint and its label),
     * then proves with the best available backend.
     */
    public static Proof prove(ProvingKey key, R1cs r1cs, Witness witness, SecureRandom random) {
        requireSatisfied(r1cs, witness);
        return prove(key, witness, random);
    }

    /** Throws {@link io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException} naming the first failing constraint. */
    public static void requireSatisfied(R1cs r1cs, Witness witness) {
        r1cs.check(witness).requireSatisfied();
    }

    /** Runs one step, records its wall milliseconds in {@code ms[slot]} and reports its units as done. */
    private static <T> T timed(long[] ms, int slot, ProgressTally tally, long units,
                               java.util.function.Supplier<T> step) {
        long t = System.nanoTime();
        T result = step.get();
        ms[slot] = (System.nanoTime() - t) / 1_000_000;
        tally.advance("prove: " + STEPS[slot], units);
        return result;
    }

    /** Creates a proof with fresh blinding r, s drawn from {@code random}. */
    public Proof createProof(ProvingKey key, Witness witness, SecureRandom random) {
        return createProof(key, witness, random, Progress.NONE);
    }

    /**
     * {@link #createProof(ProvingKey, Witness, SecureRandom)}, reporting to {@code progress} as each step finishes,
     * in units of one G1 point of an MSM (a G2 point counts three, a domain element of the QAP step one), ending
     * with done = total.
     */
    public Proof createProof(ProvingKey key, Witness witness, SecureRandom random, Progress progress) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(witness, "witness");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(progress, "progress");
        if (witness.size() != key.nVars()) {
            throw new IllegalArgumentException("the witness has " + witness.size() + " values but the proving key"
                    + " expects " + key.nVars() + " (wire 0 plus " + (key.nVars() - 1)
                    + " signals); compute the witness for the circuit this key was made for");
        }
        if (!witness.get(0).isOne()) {
            throw new IllegalArgumentException("witness wire 0 must be the constant 1 but is " + witness.get(0));
        }
        long t0 = System.nanoTime();
        int nVars = key.nVars();
        int n = key.domainSize();
        int nPrivate = nVars - key.nPublic() - 1;
        ProgressTally tally = new ProgressTally(progress, 3L * nVars + nVars + n + n + nVars + nPrivate);
        tally.start("prove: QAP and MSMs");
        long[] zMont = new long[4 * nVars];
        for (int i = 0; i < nVars; i++) {
            witness.get(i).toMontgomeryLimbs(zMont, 4 * i);
        }
        long[] z = new long[zMont.length];
        MontgomeryLimbs.frFromMontgomery(zMont, 0, z, 0, nVars);
        long[] zPrivate = Arrays.copyOfRange(z, 4 * (key.nPublic() + 1), z.length);

        // The QAP step (which also checks the witness) runs on this thread while the pool starts on the
        // witness MSMs; then the H MSM joins them. On few cores the NTTs overlap the long G2 MSM.
        ExecutorService pool = ProverThreads.pool();
        long[] ms = new long[6]; // B2, A, QAP, H, B1, C: wall milliseconds of each step, for the debug log
        Future<G2Point> b2 = pool.submit(() -> timed(ms, 0, tally, 3L * nVars, () -> backend.msmG2(key.b2(), z)));
        Future<G1Point> a = pool.submit(() -> timed(ms, 1, tally, nVars, () -> backend.msmG1(key.a(), z)));
        long[] h;
        try {
            h = timed(ms, 2, tally, n, () -> qap.hScalars(key.coefficients(), key.power(), zMont));
        } catch (RuntimeException | Error e) {
            b2.cancel(true);
            a.cancel(true);
            throw e;
        }
        Future<G1Point> hSum = pool.submit(() -> timed(ms, 3, tally, n, () -> backend.msmG1(key.h(), h)));
        Future<G1Point> b1 = pool.submit(() -> timed(ms, 4, tally, nVars, () -> backend.msmG1(key.b1(), z)));
        Future<G1Point> c = pool.submit(() -> timed(ms, 5, tally, nPrivate, () -> backend.msmG1(key.c(), zPrivate)));
        ProverThreads.awaitAll(List.of(b2, a, hSum, b1, c));
        long t2 = System.nanoTime();

        Fr r = Fr.random(random);
        Fr s = Fr.random(random);
        G1Affine delta1 = key.delta1();
        G1Point piA = ProverThreads.get(a).addAffine(key.alpha1()).add(delta1.toJacobian().mul(r));
        G2Point piB = ProverThreads.get(b2).addAffine(key.verifyingKey().beta()).add(key.verifyingKey().delta().toJacobian().mul(s));
        G1Point pib1 = ProverThreads.get(b1).addAffine(key.beta1()).add(delta1.toJacobian().mul(s));
        G1Point piC = ProverThreads.get(c).add(ProverThreads.get(hSum))
                .add(piA.mul(s))
                .add(pib1.mul(r))
                .add(delta1.toJacobian().mul(r.mul(s).neg()));
        Proof proof = new Proof(piA.toAffine(), piB.toAffine(), piC.toAffine());
        tally.finish("prove: done");
        if (LOG.isDebugEnabled()) {
            LOG.debug("groth16 prove on backend {}: n = {}, nVars = {}: QAP + MSMs {} ms (side by side: MSM B2 {},"
                    + " A {}, H {}, B1 {}, C {}; QAP {}), total {} ms", backend.name(), key.domainSize(), nVars,
                    (t2 - t0) / 1_000_000, ms[0], ms[1], ms[3], ms[4], ms[5], ms[2], (System.nanoTime() - t0) / 1_000_000);
        }
        return proof;
    }
}
