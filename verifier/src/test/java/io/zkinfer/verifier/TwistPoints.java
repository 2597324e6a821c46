package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;

/** Test points on the BN254 G2 twist that are NOT in the order-r subgroup (the twist's cofactor is large). */
final class TwistPoints {

    private TwistPoints() {
    }

    /** A point (x, y) with y² = x³ + b' and [r](x, y) ≠ O, found from random x; deterministic in {@code rnd}. */
    static G2Affine outsideSubgroup(Random rnd) {
        while (true) {
            Fq2 x = Fq2.of(Fq.random(rnd), Fq.random(rnd));
            Fq2 y = x.square().mul(x).add(G2Affine.B).sqrt();
            if (y == null) {
                continue;
            }
            G2Affine p = G2Affine.unchecked(x, y);
            if (!p.isOnCurve()) {
                throw new AssertionError("sqrt gave a y off the twist for x = " + x);
            }
            // Criterion independent of the algebra's (endomorphism-based) subgroup test: [r]P ≠ O.
            boolean outside = !p.toJacobian().mul(Fr.MODULUS).isInfinity();
            if (outside == p.isInSubgroup()) {
                throw new AssertionError("G2Affine.isInSubgroup() disagrees with [r]P = O for " + p);
            }
            if (outside) {
                return p;
            }
        }
    }
}
