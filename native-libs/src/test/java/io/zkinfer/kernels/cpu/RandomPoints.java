package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;

/** Many distinct curve points cheaply: a random start plus multiples of a random step. */
final class RandomPoints {
    private RandomPoints() {
    }

    static G1Affine[] g1(Random rnd, int n) {
        G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
        G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
        G1Point[] points = new G1Point[n];
        for (int i = 0; i < n; i++) {
            points[i] = p;
            p = p.add(step);
        }
        return G1Point.batchToAffine(points);
    }

    static G2Affine[] g2(Random rnd, int n) {
        G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
        G2Point p = G2Point.GENERATOR.mul(Fr.random(rnd));
        G2Point[] points = new G2Point[n];
        for (int i = 0; i < n; i++) {
            points[i] = p;
            p = p.add(step);
        }
        return G2Point.batchToAffine(points);
    }

    /** Canonical scalars: random, with zeros, ones, r − 1 and small signed values mixed in. */
    static long[] scalars(Random rnd, int n) {
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr v;
            switch (rnd.nextInt(10)) {
                case 0: v = Fr.ZERO; break;
                case 1: v = Fr.ONE; break;
                case 2: v = Fr.ONE.neg(); break;
                case 3: v = Fr.of(rnd.nextInt(1 << 20)).neg(); break;
                default: v = Fr.random(rnd);
            }
            java.math.BigInteger b = v.toBigInteger();
            for (int l = 0; l < 4; l++) {
                s[4 * i + l] = b.shiftRight(64 * l).longValue();
            }
        }
        return s;
    }
}
