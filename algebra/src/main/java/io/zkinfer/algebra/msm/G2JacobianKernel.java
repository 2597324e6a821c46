package io.zkinfer.algebra.msm;

/**
 * BN254 G2 (the sextic twist y² = x³ + 3/(9 + u) over Fq2) Jacobian formulas from the Explicit-Formulas Database for a = 0:
 * madd-2007-bl (7M + 4S), add-2007-bl (11M + 5S), dbl-2009-l (2M + 5S). Edge cases (P = ±Q,
 * infinity) are handled; no allocation per call. Generated from {@link G1JacobianKernel} (same formulas,
 * Fq2Kernel instead of FqArithmetic): change both together.
 */
final class G2JacobianKernel implements JacobianKernel {
    private static final int E = 8;
    private final Fq2Kernel f2 = new Fq2Kernel();
    private static final long[] ZERO = new long[E];
    private final long[] t = new long[8 * E];
    private final long[] one = new long[E];

    G2JacobianKernel() {
        Fq2Kernel.setOne(one, 0);
    }

    @Override
    public int elementLimbs() {
        return E;
    }

    @Override
    public void setInfinity(long[] p, int po) {
        java.util.Arrays.fill(p, po, po + 3 * E, 0L);
        System.arraycopy(one, 0, p, po, E);
        System.arraycopy(one, 0, p, po + E, E);
    }

    @Override
    public boolean isInfinity(long[] p, int po) {
        return isZero(p, po + 2 * E);
    }

    private static boolean isZero(long[] a, int o) {
        for (int i = 0; i < E; i++) {
            if (a[o + i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void copyAffine(long[] src, int so, long[] dst, int dOff, boolean negate) {
        System.arraycopy(src, so, dst, dOff, E);
        if (negate) {
            f2.sub(ZERO, 0, src, so + E, dst, dOff + E);
        } else {
            System.arraycopy(src, so + E, dst, dOff + E, E);
        }
    }

    @Override
    public void addAffine(long[] p, int po, long[] q, int qo, boolean negate) {
        final long[] t = this.t;
        final int x1 = po, y1 = po + E, z1 = po + 2 * E;
        final int t0 = 0, t1 = E, t2 = 2 * E, t3 = 3 * E, t4 = 4 * E, t5 = 5 * E, t6 = 6 * E, t7 = 7 * E;
        if (isZero(p, z1)) {
            System.arraycopy(q, qo, p, x1, E);
            if (negate) {
                f2.sub(ZERO, 0, q, qo + E, p, y1);
            } else {
                System.arraycopy(q, qo + E, p, y1, E);
            }
            System.arraycopy(one, 0, p, z1, E);
            return;
        }
        f2.square(p, z1, t, t0);                 // Z1Z1
        f2.mul(q, qo, t, t0, t, t1);             // U2 = x2·Z1Z1
        f2.mul(p, z1, t, t0, t, t2);             // Z1·Z1Z1
        f2.mul(q, qo + E, t, t2, t, t2);         // S2 = y2·Z1·Z1Z1
        if (negate) {
            f2.sub(ZERO, 0, t, t2, t, t2);
        }
        f2.sub(t, t1, p, x1, t, t1);             // H = U2 − X1
        f2.sub(t, t2, p, y1, t, t2);             // r = S2 − Y1
        if (isZero(t, t1)) {
            if (isZero(t, t2)) {
                dbl(p, po);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        f2.add(t, t2, t, t2, t, t2);             // r = 2(S2 − Y1)
        f2.square(t, t1, t, t3);                 // HH
        f2.add(t, t3, t, t3, t, t4);
        f2.add(t, t4, t, t4, t, t4);             // I = 4·HH
        f2.mul(t, t1, t, t4, t, t5);             // J = H·I
        f2.mul(p, x1, t, t4, t, t6);             // V = X1·I
        f2.mul(p, y1, t, t5, t, t7);             // Y1·J
        f2.square(t, t2, p, x1);                 // X3 = r² − J − 2V
        f2.sub(p, x1, t, t5, p, x1);
        f2.sub(p, x1, t, t6, p, x1);
        f2.sub(p, x1, t, t6, p, x1);
        f2.sub(t, t6, p, x1, t, t6);             // Y3 = r(V − X3) − 2·Y1·J
        f2.mul(t, t2, t, t6, t, t6);
        f2.add(t, t7, t, t7, t, t7);
        f2.sub(t, t6, t, t7, p, y1);
        f2.add(p, z1, t, t1, p, z1);             // Z3 = (Z1 + H)² − Z1Z1 − HH
        f2.square(p, z1, p, z1);
        f2.sub(p, z1, t, t0, p, z1);
        f2.sub(p, z1, t, t3, p, z1);
    }

    @Override
    public void add(long[] p, int po, long[] q, int qo) {
        final long[] t = this.t;
        final int x1 = po, y1 = po + E, z1 = po + 2 * E;
        final int x2 = qo, y2 = qo + E, z2 = qo + 2 * E;
        final int t0 = 0, t1 = E, t2 = 2 * E, t3 = 3 * E, t4 = 4 * E, t5 = 5 * E, t6 = 6 * E, t7 = 7 * E;
        if (isZero(q, z2)) {
            return;
        }
        if (isZero(p, z1)) {
            System.arraycopy(q, qo, p, po, 3 * E);
            return;
        }
        f2.square(p, z1, t, t0);                 // Z1Z1
        f2.square(q, z2, t, t1);                 // Z2Z2
        f2.mul(p, x1, t, t1, t, t2);             // U1 = X1·Z2Z2
        f2.mul(q, x2, t, t0, t, t3);             // U2 = X2·Z1Z1
        f2.mul(q, z2, t, t1, t, t4);
        f2.mul(p, y1, t, t4, t, t4);             // S1 = Y1·Z2·Z2Z2
        f2.mul(p, z1, t, t0, t, t5);
        f2.mul(q, y2, t, t5, t, t5);             // S2 = Y2·Z1·Z1Z1
        f2.sub(t, t3, t, t2, t, t3);             // H = U2 − U1
        f2.sub(t, t5, t, t4, t, t5);             // r = S2 − S1
        if (isZero(t, t3)) {
            if (isZero(t, t5)) {
                dbl(p, po);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        f2.add(t, t5, t, t5, t, t5);             // r = 2(S2 − S1)
        f2.add(t, t3, t, t3, t, t6);
        f2.square(t, t6, t, t6);                 // I = (2H)²
        f2.mul(t, t3, t, t6, t, t7);             // J = H·I
        f2.mul(t, t2, t, t6, t, t2);             // V = U1·I
        f2.square(t, t5, p, x1);                 // X3 = r² − J − 2V
        f2.sub(p, x1, t, t7, p, x1);
        f2.sub(p, x1, t, t2, p, x1);
        f2.sub(p, x1, t, t2, p, x1);
        f2.sub(t, t2, p, x1, t, t6);             // Y3 = r(V − X3) − 2·S1·J
        f2.mul(t, t5, t, t6, t, t6);
        f2.mul(t, t4, t, t7, t, t4);
        f2.add(t, t4, t, t4, t, t4);
        f2.sub(t, t6, t, t4, p, y1);
        f2.add(p, z1, q, z2, p, z1);             // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        f2.square(p, z1, p, z1);
        f2.sub(p, z1, t, t0, p, z1);
        f2.sub(p, z1, t, t1, p, z1);
        f2.mul(p, z1, t, t3, p, z1);
    }

    @Override
    public void dbl(long[] p, int po) {
        final long[] t = this.t;
        final int x = po, y = po + E, z = po + 2 * E;
        final int t0 = 0, t1 = E, t2 = 2 * E, t3 = 3 * E, t4 = 4 * E, t5 = 5 * E;
        if (isZero(p, z)) {
            return;
        }
        f2.square(p, x, t, t0);                  // A = X²
        f2.square(p, y, t, t1);                  // B = Y²
        f2.square(t, t1, t, t2);                 // C = B²
        f2.add(p, x, t, t1, t, t3);              // D = 2((X + B)² − A − C)
        f2.square(t, t3, t, t3);
        f2.sub(t, t3, t, t0, t, t3);
        f2.sub(t, t3, t, t2, t, t3);
        f2.add(t, t3, t, t3, t, t3);
        f2.add(t, t0, t, t0, t, t4);             // E = 3A
        f2.add(t, t4, t, t0, t, t4);
        f2.square(t, t4, t, t5);                 // F = E²
        f2.mul(p, y, p, z, p, z);                // Z3 = 2·Y·Z
        f2.add(p, z, p, z, p, z);
        f2.sub(t, t5, t, t3, p, x);              // X3 = F − 2D
        f2.sub(p, x, t, t3, p, x);
        f2.sub(t, t3, p, x, t, t3);              // Y3 = E(D − X3) − 8C
        f2.mul(t, t4, t, t3, t, t3);
        f2.add(t, t2, t, t2, t, t2);
        f2.add(t, t2, t, t2, t, t2);
        f2.add(t, t2, t, t2, t, t2);
        f2.sub(t, t3, t, t2, p, y);
    }

    private long[] den = new long[0];
    private long[] pre = new long[0];
    private final long[] acc = new long[3 * E];

    @Override
    public void batchAddAffine(long[] buckets, int[] bo, long[] points, int[] po, boolean[] neg, int count) {
        if (count == 0) {
            return;
        }
        if (den.length < count * E) {
            den = new long[count * E];
            pre = new long[count * E];
        }
        final long[] den = this.den, pre = this.pre, acc = this.acc, t = this.t;
        final int inv = 0, dinv = E, lambda = 2 * E;
        System.arraycopy(one, 0, acc, inv, E);
        for (int k = 0; k < count; k++) {
            f2.sub(points, po[k], buckets, bo[k], den, k * E);     // x_q − x_b
            System.arraycopy(acc, inv, pre, k * E, E);
            f2.mul(acc, inv, den, k * E, acc, inv);
        }
        f2.inverse(acc, inv, acc, inv);
        for (int k = count - 1; k >= 0; k--) {
            int xb = bo[k], yb = bo[k] + E, xq = po[k], yq = po[k] + E;
            f2.mul(acc, inv, pre, k * E, acc, dinv);               // 1/(x_q − x_b)
            f2.mul(acc, inv, den, k * E, acc, inv);
            boolean minus = neg[k];
            if (minus) {                                                    // adding −q: λ = −(y_q + y_b)/(x_q − x_b)
                f2.add(points, yq, buckets, yb, t, 0);            // use λ' = −λ: λ² = λ'², λ(x_b − x3) = λ'(x3 − x_b)
            } else {
                f2.sub(points, yq, buckets, yb, t, 0);            // λ = (y_q − y_b)/(x_q − x_b)
            }
            f2.mul(t, 0, acc, dinv, acc, lambda);
            f2.square(acc, lambda, t, E);                         // x3 = λ² − x_b − x_q
            f2.sub(t, E, buckets, xb, t, E);
            f2.sub(t, E, points, xq, t, E);
            if (minus) {
                f2.sub(t, E, buckets, xb, t, 0);
            } else {
                f2.sub(buckets, xb, t, E, t, 0);
            }
            f2.mul(acc, lambda, t, 0, t, 0);                      // y3 = λ(x_b − x3) − y_b
            f2.sub(t, 0, buckets, yb, buckets, yb);
            System.arraycopy(t, E, buckets, xb, E);
        }
    }
}
