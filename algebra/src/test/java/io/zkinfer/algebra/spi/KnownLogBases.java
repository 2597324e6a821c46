package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;

/**
 * Test fixture: MSM bases with known discrete logarithms, so that Σ sᵢ·(lᵢ·G) can be checked as
 * (Σ sᵢ·lᵢ)·G with one scalar multiplication. Bases are a + i·b (cheap to build by repeated
 * addition) and then edited: some set to infinity, some repeated, some negated.
 */
public final class KnownLogBases {
    /** Discrete logs of the bases w.r.t. the group generator (0 for infinity). */
    public final Fr[] logs;

    private KnownLogBases(Fr[] logs) {
        this.logs = logs;
    }

    /** n logs a + i·b with edits for edge cases when n is large enough. */
    public static KnownLogBases random(Random rnd, int n) {
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        Fr[] logs = new Fr[n];
        Fr cur = a;
        for (int i = 0; i < n; i++) {
            logs[i] = cur;
            cur = cur.add(b);
        }
        if (n >= 5) {
            logs[n / 2] = Fr.ZERO;              // a point at infinity
            logs[n - 1] = logs[0];              // a repeated base
            logs[n - 2] = logs[1].neg();        // P and −P
        }
        return new KnownLogBases(logs);
    }

    /** The G1 bases lᵢ·G. */
    public G1Affine[] g1() {
        G1Point[] pts = new G1Point[logs.length];
        G1Point g = G1Point.GENERATOR;
        for (int i = 0; i < logs.length; i++) {
            pts[i] = i > 0 && logs[i].sub(logs[i - 1]).equals(step()) ? pts[i - 1].add(stepG1()) : g.mul(logs[i]);
        }
        return G1Point.batchToAffine(pts);
    }

    /** The G2 bases lᵢ·G. */
    public G2Affine[] g2() {
        G2Point[] pts = new G2Point[logs.length];
        G2Point g = G2Point.GENERATOR;
        for (int i = 0; i < logs.length; i++) {
            pts[i] = i > 0 && logs[i].sub(logs[i - 1]).equals(step()) ? pts[i - 1].add(stepG2()) : g.mul(logs[i]);
        }
        return G2Point.batchToAffine(pts);
    }

    private Fr step;
    private G1Point stepG1;
    private G2Point stepG2;

    private Fr step() {
        if (step == null) {
            step = logs.length > 1 ? logs[1].sub(logs[0]) : Fr.ZERO;
        }
        return step;
    }

    private G1Point stepG1() {
        if (stepG1 == null) {
            stepG1 = G1Point.GENERATOR.mul(step());
        }
        return stepG1;
    }

    private G2Point stepG2() {
        if (stepG2 == null) {
            stepG2 = G2Point.GENERATOR.mul(step());
        }
        return stepG2;
    }

    /** Σ sᵢ·lᵢ: the discrete log of the expected MSM result. */
    public Fr dot(Fr[] scalars) {
        Fr acc = Fr.ZERO;
        for (int i = 0; i < logs.length; i++) {
            acc = acc.add(scalars[i].mul(logs[i]));
        }
        return acc;
    }
}
