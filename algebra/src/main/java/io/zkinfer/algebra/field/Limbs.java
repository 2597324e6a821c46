package io.zkinfer.algebra.field;

/** 64-bit limb primitives shared by the Montgomery kernels of both BN254 fields: no modulus, no state. */
final class Limbs {

    private Limbs() {
    }

    /** High 64 bits of the unsigned 128-bit product (Java 17 lacks Math.unsignedMultiplyHigh). */
    static long mulHi(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Carry out of {@code s = x + y (+ carry in)}, as 0 or 1. */
    static long carry(long x, long y, long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** Borrow out of {@code d = x - y (- borrow in)}, as 0 or 1. */
    static long borrow(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >>> 63;
    }
}
