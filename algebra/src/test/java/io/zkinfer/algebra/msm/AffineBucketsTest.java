package io.zkinfer.algebra.msm;

import io.zkinfer.algebra.testing.TestRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batch-affine buckets under heavy collisions: queued retries, a full queue, P + P and P − P. */
class AffineBucketsTest {
    private static G1Point toPoint(long[] r) {
        if ((r[8] | r[9] | r[10] | r[11]) == 0) {
            return G1Point.INFINITY;
        }
        return G1Point.fromJacobian(fq(r, 0), fq(r, 4), fq(r, 8));
    }

    private static Fq fq(long[] a, int o) {
        return Fq.fromMontgomeryLimbs(a[o], a[o + 1], a[o + 2], a[o + 3]);
    }

    @Test
    void bucketSumsMatchNaiveUnderCollisions() {
        long seed = TestRandom.seed("AffineBucketsTest");
        Random rnd = new Random(seed);
        int distinct = 40;
        G1Point[] pts = new G1Point[distinct];
        for (int i = 0; i < distinct; i++) {
            pts[i] = G1Point.GENERATOR.mul(Fr.random(rnd));
        }
        G1Affine[] affine = G1Point.batchToAffine(pts);
        long[] bases = new long[8 * distinct];
        for (int i = 0; i < distinct; i++) {
            affine[i].x().toMontgomeryLimbs(bases, 8 * i);
            affine[i].y().toMontgomeryLimbs(bases, 8 * i + 4);
        }
        for (int buckets : new int[] {1, 3, 64}) {
            for (int batch : new int[] {2, 16}) {
                AffineBuckets ab = new AffineBuckets(new G1JacobianKernel(), bases, buckets, batch);
                G1Point expected = G1Point.INFINITY;
                for (int t = 0; t < 600; t++) {
                    int p = rnd.nextInt(distinct);
                    int d = 1 + rnd.nextInt(buckets);
                    if (rnd.nextBoolean()) {
                        d = -d;
                    }
                    ab.add(8 * p, d);
                    expected = expected.add(pts[p].mul(Fr.of(d)));
                }
                assertEquals(expected, toPoint(ab.sum()), "buckets=" + buckets + " batch=" + batch);
            }
        }
    }
}
