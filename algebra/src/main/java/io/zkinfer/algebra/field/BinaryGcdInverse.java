package io.zkinfer.algebra.field;

/**
 * Inversion modulo an odd 256-bit modulus by the binary algorithm on 4 little-endian limbs (Hankerson,
 * Menezes, Vanstone, Guide to Elliptic Curve Cryptography, Alg. 2.22): for {@code 0 < x < m}, starting from
 * {@code u = x, v = m}, it halves and subtracts while keeping {@code b·x = u} and {@code c·x = v (mod m)},
 * until {@code u} or {@code v} is 1. Shared by both BN254 fields; it is not a per-element hot path (one
 * call per batch inversion), so the modulus is a parameter.
 * <b>Variable time:</b> the running time depends on {@code x}.
 */
final class BinaryGcdInverse {

    private BinaryGcdInverse() {
    }

    /**
     * Writes {@code x^-1 mod m} (plain integers, no Montgomery factor) to {@code r[ro..ro+3]}. Requires
     * {@code 0 < x < m} and {@code m} odd with its top limb below {@code 2^63}; callers check for zero.
     */
    static void invert(long u0, long u1, long u2, long u3, long p0, long p1, long p2, long p3, long[] r, int ro) {
        long v0 = p0, v1 = p1, v2 = p2, v3 = p3;
        long b0 = 1, b1 = 0, b2 = 0, b3 = 0; // invariant: b·x = u (mod m)
        long c0 = 0, c1 = 0, c2 = 0, c3 = 0; // invariant: c·x = v (mod m)
        long s0, s1, s2, s3, k, mask;
        while (true) {
            while ((u0 & 1) == 0) {
                u0 = (u0 >>> 1) | (u1 << 63);
                u1 = (u1 >>> 1) | (u2 << 63);
                u2 = (u2 >>> 1) | (u3 << 63);
                u3 >>>= 1;
                mask = -(b0 & 1); // b/2 mod m = (b + m)/2 when b is odd
                s0 = b0 + (p0 & mask);
                k = Limbs.carry(b0, p0 & mask, s0);
                s1 = b1 + (p1 & mask) + k;
                k = Limbs.carry(b1, p1 & mask, s1);
                s2 = b2 + (p2 & mask) + k;
                k = Limbs.carry(b2, p2 & mask, s2);
                s3 = b3 + (p3 & mask) + k;
                b0 = (s0 >>> 1) | (s1 << 63);
                b1 = (s1 >>> 1) | (s2 << 63);
                b2 = (s2 >>> 1) | (s3 << 63);
                b3 = s3 >>> 1;
            }
            while ((v0 & 1) == 0) {
                v0 = (v0 >>> 1) | (v1 << 63);
                v1 = (v1 >>> 1) | (v2 << 63);
                v2 = (v2 >>> 1) | (v3 << 63);
                v3 >>>= 1;
                mask = -(c0 & 1);
                s0 = c0 + (p0 & mask);
                k = Limbs.carry(c0, p0 & mask, s0);
                s1 = c1 + (p1 & mask) + k;
                k = Limbs.carry(c1, p1 & mask, s1);
                s2 = c2 + (p2 & mask) + k;
                k = Limbs.carry(c2, p2 & mask, s2);
                s3 = c3 + (p3 & mask) + k;
                c0 = (s0 >>> 1) | (s1 << 63);
                c1 = (s1 >>> 1) | (s2 << 63);
                c2 = (s2 >>> 1) | (s3 << 63);
                c3 = s3 >>> 1;
            }
            if (u0 == 1 && (u1 | u2 | u3) == 0) {
                write(b0, b1, b2, b3, r, ro);
                return;
            }
            if (v0 == 1 && (v1 | v2 | v3) == 0) {
                write(c0, c1, c2, c3, r, ro);
                return;
            }
            // both odd, coprime and > 1, hence different: subtract the smaller from the larger
            if (u3 != v3 ? Long.compareUnsigned(u3, v3) > 0 : u2 != v2 ? Long.compareUnsigned(u2, v2) > 0
                    : u1 != v1 ? Long.compareUnsigned(u1, v1) > 0 : Long.compareUnsigned(u0, v0) > 0) {
                s0 = u0 - v0;
                k = Limbs.borrow(u0, v0, s0);
                s1 = u1 - v1 - k;
                k = Limbs.borrow(u1, v1, s1);
                s2 = u2 - v2 - k;
                k = Limbs.borrow(u2, v2, s2);
                u3 = u3 - v3 - k;
                u0 = s0;
                u1 = s1;
                u2 = s2;
                s0 = b0 - c0;
                k = Limbs.borrow(b0, c0, s0);
                s1 = b1 - c1 - k;
                k = Limbs.borrow(b1, c1, s1);
                s2 = b2 - c2 - k;
                k = Limbs.borrow(b2, c2, s2);
                s3 = b3 - c3 - k;
                mask = -Limbs.borrow(b3, c3, s3); // add m back on underflow
                b0 = s0 + (p0 & mask);
                k = Limbs.carry(s0, p0 & mask, b0);
                b1 = s1 + (p1 & mask) + k;
                k = Limbs.carry(s1, p1 & mask, b1);
                b2 = s2 + (p2 & mask) + k;
                k = Limbs.carry(s2, p2 & mask, b2);
                b3 = s3 + (p3 & mask) + k;
            } else {
                s0 = v0 - u0;
                k = Limbs.borrow(v0, u0, s0);
                s1 = v1 - u1 - k;
                k = Limbs.borrow(v1, u1, s1);
                s2 = v2 - u2 - k;
                k = Limbs.borrow(v2, u2, s2);
                v3 = v3 - u3 - k;
                v0 = s0;
                v1 = s1;
                v2 = s2;
                s0 = c0 - b0;
                k = Limbs.borrow(c0, b0, s0);
                s1 = c1 - b1 - k;
                k = Limbs.borrow(c1, b1, s1);
                s2 = c2 - b2 - k;
                k = Limbs.borrow(c2, b2, s2);
                s3 = c3 - b3 - k;
                mask = -Limbs.borrow(c3, b3, s3); // add m back on underflow
                c0 = s0 + (p0 & mask);
                k = Limbs.carry(s0, p0 & mask, c0);
                c1 = s1 + (p1 & mask) + k;
                k = Limbs.carry(s1, p1 & mask, c1);
                c2 = s2 + (p2 & mask) + k;
                k = Limbs.carry(s2, p2 & mask, c2);
                c3 = s3 + (p3 & mask) + k;
            }
        }
    }

    private static void write(long l0, long l1, long l2, long l3, long[] r, int ro) {
        r[ro] = l0;
        r[ro + 1] = l1;
        r[ro + 2] = l2;
        r[ro + 3] = l3;
    }
}
