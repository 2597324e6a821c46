package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.verifier.VerifyingKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The circuit-specific Groth16 phase over a prepared ptau, as snarkjs {@code zkey_new.js} then one
 * {@code zkey contribute}: every query point is a sparse combination of the ceremony's Lagrange points
 * (A[i] = Σ Aⱼᵢ·Lⱼ(τ)G1, B2[i] = Σ Bⱼᵢ·Lⱼ(τ)G2, K[i] = Σ Aⱼᵢ·βLⱼ(τ)G1 + Σ Bⱼᵢ·αLⱼ(τ)G1 + Σ Cⱼᵢ·Lⱼ(τ)G1),
 * IC = K on the public wires (γ = 1), C = K/δ on the private wires, H = odd level-2n Lagrange points / δ.
 * Coefficients ±1 and other small ones (circom's usual) cost an addition or a short double-and-add.
 */
final class PtauCircuitPhase {

    private static final Logger LOG = LoggerFactory.getLogger(PtauCircuitPhase.class);
    private static final BigInteger R = Fr.MODULUS;
    private static final int CHUNK = 256; // signals or points per parallel task and progress report
    /** Progress units of one full-width G1 multiplication, against one for a query point's sparse combination. */
    private static final int SCALE_UNITS = 4;

    private PtauCircuitPhase() {
    }

    static ProvingKey generate(CircuitQap qap, PtauFile ptau, Fr delta, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        int k = qap.power();
        int n = qap.domainSize();
        int nVars = qap.nVars();
        int nPublic = qap.nPublic();
        int nScaled = nVars - nPublic - 1 + n;
        // Units: one query point (its sparse combination), or one point scaled by 1/δ (a full-width multiplication)
        ProgressTally tally = new ProgressTally(progress, nVars + (long) SCALE_UNITS * nScaled);
        tally.start("setup: reading powers of tau");
        G1Affine[] tau1 = ptau.tauG1(k);
        G2Affine[] tau2 = ptau.tauG2(k);
        G1Affine[] alphaTau = ptau.alphaTauG1(k);
        G1Affine[] betaTau = ptau.betaTauG1(k);
        G1Affine[] hRaw = ptau.oddTauG1(k);

        QapCoefficients coefs = qap.coefficients();
        int[] start = new int[nVars + 1];
        int[] order = bySignal(coefs, nVars, start);
        BigInteger[] value = new BigInteger[coefs.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = coefs.value(i).toBigInteger();
        }

        G1Point[] a = new G1Point[nVars];
        G1Point[] b1 = new G1Point[nVars];
        G2Point[] b2 = new G2Point[nVars];
        G1Point[] kq = new G1Point[nVars];
        IntStream.range(0, chunks(nVars)).parallel().forEach(chunk -> {
            int end = Math.min(nVars, (chunk + 1) * CHUNK);
            for (int s = chunk * CHUNK; s < end; s++) {
                querySignal(s, start, order, coefs, value, tau1, tau2, alphaTau, betaTau, a, b1, b2, kq);
            }
            tally.advance("setup: query points", end - chunk * CHUNK);
        });

        Fr deltaInv = delta.inverse();
        G1Point[] scaled = new G1Point[nScaled];
        IntStream.range(0, chunks(nScaled)).parallel().forEach(chunk -> {
            int end = Math.min(nScaled, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                G1Point p = i < nVars - nPublic - 1 ? kq[nPublic + 1 + i]
                        : hRaw[i - (nVars - nPublic - 1)].toJacobian();
                scaled[i] = p.mul(deltaInv);
            }
            tally.advance("setup: C and H points", (long) SCALE_UNITS * (end - chunk * CHUNK));
        });
        G1Affine[] scaledAffine = G1Point.batchToAffine(scaled);
        G1Affine[] c = Arrays.copyOf(scaledAffine, nVars - nPublic - 1);
        G1Affine[] h = Arrays.copyOfRange(scaledAffine, nVars - nPublic - 1, scaledAffine.length);
        G1Affine[] ic = G1Point.batchToAffine(Arrays.copyOf(kq, nPublic + 1));

        G1Affine delta1 = G1Affine.GENERATOR.toJacobian().mul(delta).toAffine();
        G2Affine delta2 = G2Affine.GENERATOR.toJacobian().mul(delta).toAffine();
        VerifyingKey vk = new VerifyingKey(ptau.alpha1(), ptau.beta2(), G2Affine.GENERATOR, delta2, List.of(ic));
        LOG.debug("groth16 setup from {}: n = {}, nVars = {}, {} ms", ptau.path().getFileName(), n, nVars,
                (System.nanoTime() - t0) / 1_000_000);
        tally.finish("setup: done");
        return new ProvingKey(vk, ptau.beta1(), delta1, nVars, nPublic, n, G1Point.batchToAffine(a),
                G1Point.batchToAffine(b1), G2Point.batchToAffine(b2), c, h, coefs);
    }

    private static int chunks(int count) {
        return (count + CHUNK - 1) / CHUNK;
    }

    /** A[s], B1[s], B2[s] and K[s]: signal s's entries of A, B, C applied to the ceremony's Lagrange points. */
    private static void querySignal(int s, int[] start, int[] order, QapCoefficients coefs, BigInteger[] value,
                                    G1Affine[] tau1, G2Affine[] tau2, G1Affine[] alphaTau, G1Affine[] betaTau,
                                    G1Point[] a, G1Point[] b1, G2Point[] b2, G1Point[] kq) {
        G1Point pa = G1Point.INFINITY, pb1 = G1Point.INFINITY, pk = G1Point.INFINITY;
        G2Point pb2 = G2Point.INFINITY;
        for (int e = start[s]; e < start[s + 1]; e++) {
            int i = order[e];
            int c = coefs.constraint(i);
            BigInteger v = value[i];
            switch (coefs.matrix(i)) {
                case QapCoefficients.A -> {
                    pa = pa.add(times(tau1[c], v));
                    pk = pk.add(times(betaTau[c], v));
                }
                case QapCoefficients.B -> {
                    pb1 = pb1.add(times(tau1[c], v));
                    pb2 = pb2.add(times(tau2[c], v));
                    pk = pk.add(times(alphaTau[c], v));
                }
                default -> pk = pk.add(times(tau1[c], v));
            }
        }
        a[s] = pa;
        b1[s] = pb1;
        b2[s] = pb2;
        kq[s] = pk;
    }

    /** Entry indices grouped by signal (counting sort); {@code start[s]..start[s+1]} are signal s's entries. */
    private static int[] bySignal(QapCoefficients coefs, int nVars, int[] start) {
        for (int i = 0; i < coefs.size(); i++) {
            start[coefs.signal(i) + 1]++;
        }
        for (int s = 0; s < nVars; s++) {
            start[s + 1] += start[s];
        }
        int[] next = Arrays.copyOf(start, nVars);
        int[] order = new int[coefs.size()];
        for (int i = 0; i < coefs.size(); i++) {
            order[next[coefs.signal(i)]++] = i;
        }
        return order;
    }

    /** v·P, using the shorter of v and r − v (circom coefficients are mostly small or small negatives). */
    static G1Point times(G1Affine p, BigInteger v) {
        BigInteger neg = R.subtract(v);
        if (v.equals(BigInteger.ONE)) {
            return p.toJacobian();
        }
        if (neg.equals(BigInteger.ONE)) {
            return p.toJacobian().neg();
        }
        return neg.bitLength() < v.bitLength() ? p.toJacobian().mul(neg).neg() : p.toJacobian().mul(v);
    }

    static G2Point times(G2Affine p, BigInteger v) {
        BigInteger neg = R.subtract(v);
        if (v.equals(BigInteger.ONE)) {
            return p.toJacobian();
        }
        if (neg.equals(BigInteger.ONE)) {
            return p.toJacobian().neg();
        }
        return neg.bitLength() < v.bitLength() ? p.toJacobian().mul(neg).neg() : p.toJacobian().mul(v);
    }
}
