package io.zkinfer.algebra.field;

/**
 * Allocation-free Montgomery arithmetic in the BN254 scalar field F_r on raw limbs, for hot loops (MSM, NTT).
 *
 * <p>An element is 4 {@code long}s, little-endian limbs of its Montgomery form {@code x·R mod m},
 * {@code R = 2^256}, always fully reduced ({@code < m}). Array kernels take an array and an offset
 * (in longs) per operand; the result may alias any operand. Multiplication is the CIOS method of
 * Koç, Acar and Kaliski (1996) with the "no final carry" shortcut, valid because the top limb of the
 * modulus is below {@code 2^62}. This class is deliberately a copy of its sibling for the other
 * BN254 field with different constants: static final constants let the JIT fold the modulus into
 * the instruction stream.
 */
public final class FrArithmetic {
    /** Limbs per element. */
    public static final int LIMBS = 4;

    static final long P0 = 0x43e1f593f0000001L, P1 = 0x2833e84879b97091L, P2 = 0xb85045b68181585dL, P3 = 0x30644e72e131a029L;
    /** {@code -m^-1 mod 2^64}. */
    static final long INV = 0xc2e1f593efffffffL;
    /** {@code R mod m}: one in Montgomery form. */
    static final long ONE0 = 0xac96341c4ffffffbL, ONE1 = 0x36fc76959f60cd29L, ONE2 = 0x666ea36f7879462eL, ONE3 = 0x0e0a77c19a07df2fL;
    /** {@code R^2 mod m}: multiplying by it converts into Montgomery form. */
    static final long RR0 = 0x1bb8e645ae216da7L, RR1 = 0x53fe3ab1e35c59e3L, RR2 = 0x8c49833d53bb8085L, RR3 = 0x0216d0b17f4e44a5L;
    /** {@code R^3 mod m}: turns the integer inverse of Montgomery limbs back into Montgomery form. */
    static final long RRR0 = 0x5e94d8e1b4bf0040L, RRR1 = 0x2a489cbe1cfbb6b8L, RRR2 = 0x893cc664a19fcfedL, RRR3 = 0x0cf8594b7fcc657cL;

    private FrArithmetic() {
    }

    /** {@code r = a·b} (Montgomery product). */
    public static void mul(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3], r, ro);
    }

    /** {@code r = a²} (dedicated squaring: 10 limb products instead of 16 before the reduction). */
    public static void square(long[] a, int ao, long[] r, int ro) {
        square(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], r, ro);
    }

    /** {@code r = a + b}. */
    public static void add(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        add(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3], r, ro);
    }

    /** {@code r = a - b}. */
    public static void sub(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        sub(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3], r, ro);
    }

    /** {@code r = 2a}. */
    public static void dbl(long[] a, int ao, long[] r, int ro) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        add(a0, a1, a2, a3, a0, a1, a2, a3, r, ro);
    }

    /** {@code r = -a}. */
    public static void neg(long[] a, int ao, long[] r, int ro) {
        sub(0, 0, 0, 0, a[ao], a[ao + 1], a[ao + 2], a[ao + 3], r, ro);
    }

    /** Converts a canonical (standard-form) element to Montgomery form: {@code r = a·R mod m}. */
    public static void toMontgomery(long[] a, int ao, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], RR0, RR1, RR2, RR3, r, ro);
    }

    /** Converts a Montgomery-form element back to canonical form: {@code r = a·R^-1 mod m}. */
    public static void fromMontgomery(long[] a, int ao, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], 1, 0, 0, 0, r, ro);
    }

    /** Whether the element at {@code ao} is zero. */
    public static boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    /** Writes one (Montgomery form) at {@code ro}. */
    public static void setOne(long[] r, int ro) {
        r[ro] = ONE0;
        r[ro + 1] = ONE1;
        r[ro + 2] = ONE2;
        r[ro + 3] = ONE3;
    }

    /**
     * {@code r = a^-1} by the binary extended Euclidean algorithm ({@link BinaryGcdInverse}). The raw Montgomery limbs
     * {@code x = a·R} are inverted as an integer, then one Montgomery multiplication by {@code R^3} yields
     * {@code a^-1·R}. <b>Variable time:</b> its running time depends on {@code a}, like the rest of the Java
     * prover (Pippenger buckets are indexed by scalar digits); about 4x faster than Fermat's {@code a^(m-2)}.
     *
     * @throws ArithmeticException if {@code a} is zero
     */
    public static void inverse(long[] a, int ao, long[] r, int ro) {
        long u0 = a[ao], u1 = a[ao + 1], u2 = a[ao + 2], u3 = a[ao + 3];
        if ((u0 | u1 | u2 | u3) == 0) {
            throw new ArithmeticException("inverse of zero in Fr (the element has no inverse; check for 0 before dividing)");
        }
        BinaryGcdInverse.invert(u0, u1, u2, u3, P0, P1, P2, P3, r, ro); // (a·R)^-1 = a^-1·R^-1
        mul(r[ro], r[ro + 1], r[ro + 2], r[ro + 3], RRR0, RRR1, RRR2, RRR3, r, ro);
    }

    /**
     * Inverts {@code n} consecutive elements of {@code xs} (starting at long offset 0) in place with one field
     * inversion (Montgomery's trick). Zero elements are left as zero.
     */
    public static void batchInverse(long[] xs, int n) {
        batchInverse(xs, 0, n);
    }

    /** Like {@link #batchInverse(long[], int)} for the {@code n} elements starting at long offset {@code off}. */
    public static void batchInverse(long[] xs, int off, int n) {
        if (n > 0) {
            batchInverse(xs, off, n, new long[batchInverseScratchLength(n)]);
        }
    }

    /** The length of the scratch array that {@link #batchInverse(long[], int, int, long[])} needs for {@code n} elements. */
    public static int batchInverseScratchLength(int n) {
        return (n + 2) * LIMBS;
    }

    /**
     * Like {@link #batchInverse(long[], int, int)} with caller-supplied scratch of at least
     * {@link #batchInverseScratchLength(int)} longs, so that repeated calls (batch-affine MSM) allocate nothing
     * but the inversion's small table.
     */
    public static void batchInverse(long[] xs, int off, int n, long[] scratch) {
        if (n <= 0) {
            return;
        }
        if (scratch.length < batchInverseScratchLength(n)) {
            throw new IllegalArgumentException("batchInverse scratch has " + scratch.length + " longs, needs "
                    + batchInverseScratchLength(n) + " for " + n + " elements");
        }
        int acc = n * LIMBS, tmp = acc + LIMBS; // prefix products live in scratch[0 .. n*LIMBS)
        setOne(scratch, acc);
        for (int i = 0; i < n; i++) {
            int xo = off + i * LIMBS;
            System.arraycopy(scratch, acc, scratch, i * LIMBS, LIMBS);
            if (!isZero(xs, xo)) {
                mul(scratch, acc, xs, xo, scratch, acc);
            }
        }
        inverse(scratch, acc, scratch, acc);
        for (int i = n - 1; i >= 0; i--) {
            int xo = off + i * LIMBS;
            if (isZero(xs, xo)) {
                continue;
            }
            mul(scratch, acc, scratch, i * LIMBS, scratch, tmp);
            mul(scratch, acc, xs, xo, scratch, acc);
            System.arraycopy(scratch, tmp, xs, xo, LIMBS);
        }
    }

    /** Whether canonical limbs {@code l} encode a value {@code < m}. */
    static boolean isReduced(long l0, long l1, long l2, long l3) {
        long b = Limbs.borrow(l0, P0, l0 - P0);
        long d1 = l1 - P1 - b;
        b = Limbs.borrow(l1, P1, d1);
        long d2 = l2 - P2 - b;
        b = Limbs.borrow(l2, P2, d2);
        long d3 = l3 - P3 - b;
        return Limbs.borrow(l3, P3, d3) != 0;
    }

    /** Montgomery product on scalar limbs, written to {@code r[ro..ro+3]}. */
    static void mul(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] r, int ro) {
        long t0, t1, t2, t3, lo, s, c, A, C, m;
        // round 0: t = (t + a*b0 + m*p) / 2^64
        t0 = a0 * b0; A = Limbs.mulHi(a0, b0);
        m = t0 * INV; C = Limbs.mulHi(m, P0) + ((t0 | -t0) >>> 63); // t0 + m*P0 = 0 mod 2^64: carries iff t0 != 0
        lo = a1 * b0; t1 = lo + A; A = Limbs.mulHi(a1, b0) + Limbs.carry(lo, A, t1);
        lo = m * P1; s = t1 + lo; c = Limbs.carry(t1, lo, s); t0 = s + C; C = Limbs.mulHi(m, P1) + c + Limbs.carry(s, C, t0);
        lo = a2 * b0; t2 = lo + A; A = Limbs.mulHi(a2, b0) + Limbs.carry(lo, A, t2);
        lo = m * P2; s = t2 + lo; c = Limbs.carry(t2, lo, s); t1 = s + C; C = Limbs.mulHi(m, P2) + c + Limbs.carry(s, C, t1);
        lo = a3 * b0; t3 = lo + A; A = Limbs.mulHi(a3, b0) + Limbs.carry(lo, A, t3);
        lo = m * P3; s = t3 + lo; c = Limbs.carry(t3, lo, s); t2 = s + C; C = Limbs.mulHi(m, P3) + c + Limbs.carry(s, C, t2);
        t3 = C + A;
        // round 1: t = (t + a*b1 + m*p) / 2^64
        lo = a0 * b1; s = t0 + lo; A = Limbs.mulHi(a0, b1) + Limbs.carry(t0, lo, s); t0 = s;
        m = t0 * INV; C = Limbs.mulHi(m, P0) + ((t0 | -t0) >>> 63); // t0 + m*P0 = 0 mod 2^64: carries iff t0 != 0
        lo = a1 * b1; s = t1 + lo; c = Limbs.carry(t1, lo, s); t1 = s + A; A = Limbs.mulHi(a1, b1) + c + Limbs.carry(s, A, t1);
        lo = m * P1; s = t1 + lo; c = Limbs.carry(t1, lo, s); t0 = s + C; C = Limbs.mulHi(m, P1) + c + Limbs.carry(s, C, t0);
        lo = a2 * b1; s = t2 + lo; c = Limbs.carry(t2, lo, s); t2 = s + A; A = Limbs.mulHi(a2, b1) + c + Limbs.carry(s, A, t2);
        lo = m * P2; s = t2 + lo; c = Limbs.carry(t2, lo, s); t1 = s + C; C = Limbs.mulHi(m, P2) + c + Limbs.carry(s, C, t1);
        lo = a3 * b1; s = t3 + lo; c = Limbs.carry(t3, lo, s); t3 = s + A; A = Limbs.mulHi(a3, b1) + c + Limbs.carry(s, A, t3);
        lo = m * P3; s = t3 + lo; c = Limbs.carry(t3, lo, s); t2 = s + C; C = Limbs.mulHi(m, P3) + c + Limbs.carry(s, C, t2);
        t3 = C + A;
        // round 2: t = (t + a*b2 + m*p) / 2^64
        lo = a0 * b2; s = t0 + lo; A = Limbs.mulHi(a0, b2) + Limbs.carry(t0, lo, s); t0 = s;
        m = t0 * INV; C = Limbs.mulHi(m, P0) + ((t0 | -t0) >>> 63); // t0 + m*P0 = 0 mod 2^64: carries iff t0 != 0
        lo = a1 * b2; s = t1 + lo; c = Limbs.carry(t1, lo, s); t1 = s + A; A = Limbs.mulHi(a1, b2) + c + Limbs.carry(s, A, t1);
        lo = m * P1; s = t1 + lo; c = Limbs.carry(t1, lo, s); t0 = s + C; C = Limbs.mulHi(m, P1) + c + Limbs.carry(s, C, t0);
        lo = a2 * b2; s = t2 + lo; c = Limbs.carry(t2, lo, s); t2 = s + A; A = Limbs.mulHi(a2, b2) + c + Limbs.carry(s, A, t2);
        lo = m * P2; s = t2 + lo; c = Limbs.carry(t2, lo, s); t1 = s + C; C = Limbs.mulHi(m, P2) + c + Limbs.carry(s, C, t1);
        lo = a3 * b2; s = t3 + lo; c = Limbs.carry(t3, lo, s); t3 = s + A; A = Limbs.mulHi(a3, b2) + c + Limbs.carry(s, A, t3);
        lo = m * P3; s = t3 + lo; c = Limbs.carry(t3, lo, s); t2 = s + C; C = Limbs.mulHi(m, P3) + c + Limbs.carry(s, C, t2);
        t3 = C + A;
        // round 3: t = (t + a*b3 + m*p) / 2^64
        lo = a0 * b3; s = t0 + lo; A = Limbs.mulHi(a0, b3) + Limbs.carry(t0, lo, s); t0 = s;
        m = t0 * INV; C = Limbs.mulHi(m, P0) + ((t0 | -t0) >>> 63); // t0 + m*P0 = 0 mod 2^64: carries iff t0 != 0
        lo = a1 * b3; s = t1 + lo; c = Limbs.carry(t1, lo, s); t1 = s + A; A = Limbs.mulHi(a1, b3) + c + Limbs.carry(s, A, t1);
        lo = m * P1; s = t1 + lo; c = Limbs.carry(t1, lo, s); t0 = s + C; C = Limbs.mulHi(m, P1) + c + Limbs.carry(s, C, t0);
        lo = a2 * b3; s = t2 + lo; c = Limbs.carry(t2, lo, s); t2 = s + A; A = Limbs.mulHi(a2, b3) + c + Limbs.carry(s, A, t2);
        lo = m * P2; s = t2 + lo; c = Limbs.carry(t2, lo, s); t1 = s + C; C = Limbs.mulHi(m, P2) + c + Limbs.carry(s, C, t1);
        lo = a3 * b3; s = t3 + lo; c = Limbs.carry(t3, lo, s); t3 = s + A; A = Limbs.mulHi(a3, b3) + c + Limbs.carry(s, A, t3);
        lo = m * P3; s = t3 + lo; c = Limbs.carry(t3, lo, s); t2 = s + C; C = Limbs.mulHi(m, P3) + c + Limbs.carry(s, C, t2);
        t3 = C + A;
        subtractModulusIfAbove(t0, t1, t2, t3, r, ro);
    }

    /**
     * Montgomery square on scalar limbs: the double-width square (off-diagonal products once, doubled, plus the
     * diagonal), then a separated Montgomery reduction.
     */
    static void square(long a0, long a1, long a2, long a3, long[] r, int ro) {
        long T0, T1, T2, T3, T4, T5, T6, T7, lo, hi, s, c, m, C;
        // off-diagonal products a_i*a_j (i < j) into T1..T6
        T1 = a0 * a1; T2 = Limbs.mulHi(a0, a1);
        lo = a0 * a2; s = T2 + lo; c = Limbs.carry(T2, lo, s); T2 = s; T3 = Limbs.mulHi(a0, a2) + c;
        lo = a0 * a3; s = T3 + lo; c = Limbs.carry(T3, lo, s); T3 = s; T4 = Limbs.mulHi(a0, a3) + c;
        lo = a1 * a2; s = T3 + lo; c = Limbs.carry(T3, lo, s); T3 = s; hi = Limbs.mulHi(a1, a2) + c; s = T4 + hi; T5 = Limbs.carry(T4, hi, s); T4 = s;
        lo = a1 * a3; s = T4 + lo; c = Limbs.carry(T4, lo, s); T4 = s; hi = Limbs.mulHi(a1, a3) + c; s = T5 + hi; T6 = Limbs.carry(T5, hi, s); T5 = s;
        lo = a2 * a3; s = T5 + lo; c = Limbs.carry(T5, lo, s); T5 = s; T6 += Limbs.mulHi(a2, a3) + c;
        // double, then add the squares a_i^2 on the diagonal
        T7 = T6 >>> 63; T6 = (T6 << 1) | (T5 >>> 63); T5 = (T5 << 1) | (T4 >>> 63); T4 = (T4 << 1) | (T3 >>> 63);
        T3 = (T3 << 1) | (T2 >>> 63); T2 = (T2 << 1) | (T1 >>> 63); T1 <<= 1;
        T0 = a0 * a0; hi = Limbs.mulHi(a0, a0); s = T1 + hi; c = Limbs.carry(T1, hi, s); T1 = s;
        lo = a1 * a1; s = T2 + lo + c; c = Limbs.carry(T2, lo, s); T2 = s; hi = Limbs.mulHi(a1, a1); s = T3 + hi + c; c = Limbs.carry(T3, hi, s); T3 = s;
        lo = a2 * a2; s = T4 + lo + c; c = Limbs.carry(T4, lo, s); T4 = s; hi = Limbs.mulHi(a2, a2); s = T5 + hi + c; c = Limbs.carry(T5, hi, s); T5 = s;
        lo = a3 * a3; s = T6 + lo + c; c = Limbs.carry(T6, lo, s); T6 = s; hi = Limbs.mulHi(a3, a3); s = T7 + hi + c; c = Limbs.carry(T7, hi, s); T7 = s;
        // Montgomery reduction of T0..T7, one limb per round; c carries into the next round's top limb
        c = 0;
        m = T0 * INV; C = Limbs.mulHi(m, P0) + ((T0 | -T0) >>> 63);
        lo = m * P1; s = T1 + lo; hi = Limbs.carry(T1, lo, s); T1 = s + C; C = Limbs.mulHi(m, P1) + hi + Limbs.carry(s, C, T1);
        lo = m * P2; s = T2 + lo; hi = Limbs.carry(T2, lo, s); T2 = s + C; C = Limbs.mulHi(m, P2) + hi + Limbs.carry(s, C, T2);
        lo = m * P3; s = T3 + lo; hi = Limbs.carry(T3, lo, s); T3 = s + C; C = Limbs.mulHi(m, P3) + hi + Limbs.carry(s, C, T3);
        s = T4 + C + c; c = Limbs.carry(T4, C, s); T4 = s;
        m = T1 * INV; C = Limbs.mulHi(m, P0) + ((T1 | -T1) >>> 63);
        lo = m * P1; s = T2 + lo; hi = Limbs.carry(T2, lo, s); T2 = s + C; C = Limbs.mulHi(m, P1) + hi + Limbs.carry(s, C, T2);
        lo = m * P2; s = T3 + lo; hi = Limbs.carry(T3, lo, s); T3 = s + C; C = Limbs.mulHi(m, P2) + hi + Limbs.carry(s, C, T3);
        lo = m * P3; s = T4 + lo; hi = Limbs.carry(T4, lo, s); T4 = s + C; C = Limbs.mulHi(m, P3) + hi + Limbs.carry(s, C, T4);
        s = T5 + C + c; c = Limbs.carry(T5, C, s); T5 = s;
        m = T2 * INV; C = Limbs.mulHi(m, P0) + ((T2 | -T2) >>> 63);
        lo = m * P1; s = T3 + lo; hi = Limbs.carry(T3, lo, s); T3 = s + C; C = Limbs.mulHi(m, P1) + hi + Limbs.carry(s, C, T3);
        lo = m * P2; s = T4 + lo; hi = Limbs.carry(T4, lo, s); T4 = s + C; C = Limbs.mulHi(m, P2) + hi + Limbs.carry(s, C, T4);
        lo = m * P3; s = T5 + lo; hi = Limbs.carry(T5, lo, s); T5 = s + C; C = Limbs.mulHi(m, P3) + hi + Limbs.carry(s, C, T5);
        s = T6 + C + c; c = Limbs.carry(T6, C, s); T6 = s;
        m = T3 * INV; C = Limbs.mulHi(m, P0) + ((T3 | -T3) >>> 63);
        lo = m * P1; s = T4 + lo; hi = Limbs.carry(T4, lo, s); T4 = s + C; C = Limbs.mulHi(m, P1) + hi + Limbs.carry(s, C, T4);
        lo = m * P2; s = T5 + lo; hi = Limbs.carry(T5, lo, s); T5 = s + C; C = Limbs.mulHi(m, P2) + hi + Limbs.carry(s, C, T5);
        lo = m * P3; s = T6 + lo; hi = Limbs.carry(T6, lo, s); T6 = s + C; C = Limbs.mulHi(m, P3) + hi + Limbs.carry(s, C, T6);
        s = T7 + C + c; c = Limbs.carry(T7, C, s); T7 = s;
        subtractModulusIfAbove(T4, T5, T6, T7, r, ro);
    }

    /** {@code r = a + b mod m} on scalar limbs. */
    static void add(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] r, int ro) {
        long s0 = a0 + b0;
        long c = Limbs.carry(a0, b0, s0);
        long s1 = a1 + b1 + c;
        c = Limbs.carry(a1, b1, s1);
        long s2 = a2 + b2 + c;
        c = Limbs.carry(a2, b2, s2);
        long s3 = a3 + b3 + c;
        subtractModulusIfAbove(s0, s1, s2, s3, r, ro);
    }

    /** {@code r = a - b mod m} on scalar limbs. */
    static void sub(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] r, int ro) {
        long d0 = a0 - b0;
        long b = Limbs.borrow(a0, b0, d0);
        long d1 = a1 - b1 - b;
        b = Limbs.borrow(a1, b1, d1);
        long d2 = a2 - b2 - b;
        b = Limbs.borrow(a2, b2, d2);
        long d3 = a3 - b3 - b;
        b = Limbs.borrow(a3, b3, d3);
        long mask = -b;
        long q0 = P0 & mask, q1 = P1 & mask, q2 = P2 & mask, q3 = P3 & mask;
        long s0 = d0 + q0;
        long c = Limbs.carry(d0, q0, s0);
        long s1 = d1 + q1 + c;
        c = Limbs.carry(d1, q1, s1);
        long s2 = d2 + q2 + c;
        c = Limbs.carry(d2, q2, s2);
        r[ro] = s0;
        r[ro + 1] = s1;
        r[ro + 2] = s2;
        r[ro + 3] = d3 + q3 + c;
    }

    /** Writes {@code t - m} if {@code t >= m}, else {@code t}; requires {@code t < 2m}. Branch-free. */
    private static void subtractModulusIfAbove(long t0, long t1, long t2, long t3, long[] r, int ro) {
        long d0 = t0 - P0;
        long b = Limbs.borrow(t0, P0, d0);
        long d1 = t1 - P1 - b;
        b = Limbs.borrow(t1, P1, d1);
        long d2 = t2 - P2 - b;
        b = Limbs.borrow(t2, P2, d2);
        long d3 = t3 - P3 - b;
        b = Limbs.borrow(t3, P3, d3);
        long keep = -b;
        r[ro] = (t0 & keep) | (d0 & ~keep);
        r[ro + 1] = (t1 & keep) | (d1 & ~keep);
        r[ro + 2] = (t2 & keep) | (d2 & ~keep);
        r[ro + 3] = (t3 & keep) | (d3 & ~keep);
    }
}
