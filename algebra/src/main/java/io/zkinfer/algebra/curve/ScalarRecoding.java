package io.zkinfer.algebra.curve;

import java.math.BigInteger;

/**
 * Width-w non-adjacent form of a non-negative scalar, for left-to-right scalar multiplication with a table of the
 * odd multiples P, 3P, …, (2^(w−1) − 1)P: every non-zero digit is odd, |digit| &lt; 2^(w−1), and any w consecutive
 * digits hold at most one non-zero digit.
 */
final class ScalarRecoding {

    private ScalarRecoding() {
    }

    /** The width-w NAF digits of k ≥ 0, least significant first (length bitLength + 1, possibly trailing zeros). */
    static int[] wnaf(BigInteger k, int w) {
        int[] digits = new int[k.bitLength() + 1];
        int mask = (1 << w) - 1;
        int half = 1 << (w - 1);
        int i = 0;
        while (k.signum() > 0) {
            int d = 0;
            if (k.testBit(0)) {
                d = k.intValue() & mask;
                if (d >= half) {
                    d -= 1 << w;
                }
                k = k.subtract(BigInteger.valueOf(d));
            }
            digits[i++] = d;
            k = k.shiftRight(1);
        }
        return digits;
    }

    /** The window width for a scalar of the given bit length (table of 2^(w−2) points). */
    static int width(int bitLength) {
        return bitLength > 128 ? 5 : bitLength > 32 ? 4 : 2;
    }
}
