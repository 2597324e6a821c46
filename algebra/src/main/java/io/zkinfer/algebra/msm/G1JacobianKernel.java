package io.zkinfer.algebra.msm;

import io.zkinfer.algebra.field.FqArithmetic;

/**
 * BN254 G1 (y² = x³ + 3 over Fq) Jacobian formulas from the Explicit-Formulas Database for a = 0:
 * madd-2007-bl (7M + 4S), add-2007-bl (11M + 5S), dbl-2009-l (2M + 5S). Edge cases (P = ±Q,
 * infinity) are handled; no allocation per call. {@link G2JacobianKernel} is the same code over Fq2,
 * generated from this file (replace the FqArithmetic calls by Fq2Kernel ones, element size 4 → 8), so
 * that both stay free of virtual field-operation calls in the hot loop: change both together.
 */
final class G1JacobianKernel implements JacobianKernel {
    private static final int E = 4;
    private static final long[] ZERO = new long[E];
    private final long[] t = new long[8 * E];
    private final long[] one = new long[E];

    G1JacobianKernel() {
        FqArithmetic.setOne(one, 0);
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
            FqArithmetic.sub(ZERO, 0, src, so + E, dst, dOff + E);
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
                FqArithmetic.sub(ZERO, 0, q, qo + E, p, y1);
            } else {
                System.arraycopy(q, qo + E, p, y1, E);
            }
            System.arraycopy(one, 0, p, z1, E);
            return;
        }
        FqArithmetic.square(p, z1, t, t0);                 // Z1Z1
        FqArithmetic.mul(q, qo, t, t0, t, t1);             // U2 = x2·Z1Z1
        FqArithmetic.mul(p, z1, t, t0, t, t2);             // Z1·Z1Z1
        FqArithmetic.mul(q, qo + E, t, t2, t, t2);         // S2 = y2·Z1·Z1Z1
        if (negate) {
            FqArithmetic.sub(ZERO, 0, t, t2, t, t2);
        }
        FqArithmetic.sub(t, t1, p, x1, t, t1);             // H = U2 − X1
        FqArithmetic.sub(t, t2, p, y1, t, t2);             // r = S2 − Y1
        if (isZero(t, t1)) {
            if (isZero(t, t2)) {
                dbl(p, po);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        FqArithmetic.add(t, t2, t, t2, t, t2);             // r = 2(S2 − Y1)
        FqArithmetic.square(t, t1, t, t3);                 // HH
        FqArithmetic.add(t, t3, t, t3, t, t4);
        FqArithmetic.add(t, t4, t, t4, t, t4);             // I = 4·HH
        FqArithmetic.mul(t, t1, t, t4, t, t5);             // J = H·I
        FqArithmetic.mul(p, x1, t, t4, t, t6);             // V = X1·I
        FqArithmetic.mul(p, y1, t, t5, t, t7);             // Y1·J
        FqArithmetic.square(t, t2, p, x1);                 // X3 = r² − J − 2V
        FqArithmetic.sub(p, x1, t, t5, p, x1);
        FqArithmetic.sub(p, x1, t, t6, p, x1);
        FqArithmetic.sub(p, x1, t, t6, p, x1);
        FqArithmetic.sub(t, t6, p, x1, t, t6);             // Y3 = r(V − X3) − 2·Y1·J
        FqArithmetic.mul(t, t2, t, t6, t, t6);
        FqArithmetic.add(t, t7, t, t7, t, t7);
        FqArithmetic.sub(t, t6, t, t7, p, y1);
        FqArithmetic.add(p, z1, t, t1, p, z1);             // Z3 = (Z1 + H)² − Z1Z1 − HH
        FqArithmetic.square(p, z1, p, z1);
        FqArithmetic.sub(p, z1, t, t0, p, z1);
        FqArithmetic.sub(p, z1, t, t3, p, z1);
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
        FqArithmetic.square(p, z1, t, t0);                 // Z1Z1
        FqArithmetic.square(q, z2, t, t1);                 // Z2Z2
        FqArithmetic.mul(p, x1, t, t1, t, t2);             // U1 = X1·Z2Z2
        FqArithmetic.mul(q, x2, t, t0, t, t3);             // U2 = X2·Z1Z1
        FqArithmetic.mul(q, z2, t, t1, t, t4);
        FqArithmetic.mul(p, y1, t, t4, t, t4);             // S1 = Y1·Z2·Z2Z2
        FqArithmetic.mul(p, z1, t, t0, t, t5);
        FqArithmetic.mul(q, y2, t, t5, t, t5);             // S2 = Y2·Z1·Z1Z1
        FqArithmetic.sub(t, t3, t, t2, t, t3);             // H = U2 − U1
        FqArithmetic.sub(t, t5, t, t4, t, t5);             // r = S2 − S1
        if (isZero(t, t3)) {
            if (isZero(t, t5)) {
                dbl(p, po);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        FqArithmetic.add(t, t5, t, t5, t, t5);             // r = 2(S2 − S1)
        FqArithmetic.add(t, t3, t, t3, t, t6);
        FqArithmetic.square(t, t6, t, t6);                 // I = (2H)²
        FqArithmetic.mul(t, t3, t, t6, t, t7);             // J = H·I
        FqArithmetic.mul(t, t2, t, t6, t, t2);             // V = U1·I
        FqArithmetic.square(t, t5, p, x1);                 // X3 = r² − J − 2V
        FqArithmetic.sub(p, x1, t, t7, p, x1);
        FqArithmetic.sub(p, x1, t, t2, p, x1);
        FqArithmetic.sub(p, x1, t, t2, p, x1);
        FqArithmetic.sub(t, t2, p, x1, t, t6);             // Y3 = r(V − X3) − 2·S1·J
        FqArithmetic.mul(t, t5, t, t6, t, t6);
        FqArithmetic.mul(t, t4, t, t7, t, t4);
        FqArithmetic.add(t, t4, t, t4, t, t4);
        FqArithmetic.sub(t, t6, t, t4, p, y1);
        FqArithmetic.add(p, z1, q, z2, p, z1);             // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        FqArithmetic.square(p, z1, p, z1);
        FqArithmetic.sub(p, z1, t, t0, p, z1);
        FqArithmetic.sub(p, z1, t, t1, p, z1);
        FqArithmetic.mul(p, z1, t, t3, p, z1);
    }

    @Override
    public void dbl(long[] p, int po) {
        final long[] t = this.t;
        final int x = po, y = po + E, z = po + 2 * E;
        final int t0 = 0, t1 = E, t2 = 2 * E, t3 = 3 * E, t4 = 4 * E, t5 = 5 * E;
        if (isZero(p, z)) {
            return;
        }
        FqArithmetic.square(p, x, t, t0);                  // A = X²
        FqArithmetic.square(p, y, t, t1);                  // B = Y²
        FqArithmetic.square(t, t1, t, t2);                 // C = B²
        FqArithmetic.add(p, x, t, t1, t, t3);              // D = 2((X + B)² − A − C)
        FqArithmetic.square(t, t3, t, t3);
        FqArithmetic.sub(t, t3, t, t0, t, t3);
        FqArithmetic.sub(t, t3, t, t2, t, t3);
        FqArithmetic.add(t, t3, t, t3, t, t3);
        FqArithmetic.add(t, t0, t, t0, t, t4);             // E = 3A
        FqArithmetic.add(t, t4, t, t0, t, t4);
        FqArithmetic.square(t, t4, t, t5);                 // F = E²
        FqArithmetic.mul(p, y, p, z, p, z);                // Z3 = 2·Y·Z
        FqArithmetic.add(p, z, p, z, p, z);
        FqArithmetic.sub(t, t5, t, t3, p, x);              // X3 = F − 2D
        FqArithmetic.sub(p, x, t, t3, p, x);
        FqArithmetic.sub(t, t3, p, x, t, t3);              // Y3 = E(D − X3) − 8C
        FqArithmetic.mul(t, t4, t, t3, t, t3);
        FqArithmetic.add(t, t2, t, t2, t, t2);
        FqArithmetic.add(t, t2, t, t2, t, t2);
        FqArithmetic.add(t, t2, t, t2, t, t2);
        FqArithmetic.sub(t, t3, t, t2, p, y);
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
            FqArithmetic.sub(points, po[k], buckets, bo[k], den, k * E);     // x_q − x_b
            System.arraycopy(acc, inv, pre, k * E, E);
            FqArithmetic.mul(acc, inv, den, k * E, acc, inv);
        }
        FqArithmetic.inverse(acc, inv, acc, inv);
        for (int k = count - 1; k >= 0; k--) {
            int xb = bo[k], yb = bo[k] + E, xq = po[k], yq = po[k] + E;
            FqArithmetic.mul(acc, inv, pre, k * E, acc, dinv);               // 1/(x_q − x_b)
            FqArithmetic.mul(acc, inv, den, k * E, acc, inv);
            boolean minus = neg[k];
            if (minus) {                                                    // adding −q: λ = −(y_q + y_b)/(x_q − x_b)
                FqArithmetic.add(points, yq, buckets, yb, t, 0);            // use λ' = −λ: λ² = λ'², λ(x_b − x3) = λ'(x3 − x_b)
            } else {
                FqArithmetic.sub(points, yq, buckets, yb, t, 0);            // λ = (y_q − y_b)/(x_q − x_b)
            }
            FqArithmetic.mul(t, 0, acc, dinv, acc, lambda);
            FqArithmetic.square(acc, lambda, t, E);                         // x3 = λ² − x_b − x_q
            FqArithmetic.sub(t, E, buckets, xb, t, E);
            FqArithmetic.sub(t, E, points, xq, t, E);
            if (minus) {
                FqArithmetic.sub(t, E, buckets, xb, t, 0);
            } else {
                FqArithmetic.sub(buckets, xb, t, E, t, 0);
            }
            FqArithmetic.mul(acc, lambda, t, 0, t, 0);                      // y3 = λ(x_b − x3) − y_b
            FqArithmetic.sub(t, 0, buckets, yb, buckets, yb);
            System.arraycopy(t, E, buckets, xb, E);
        }
    }
}
