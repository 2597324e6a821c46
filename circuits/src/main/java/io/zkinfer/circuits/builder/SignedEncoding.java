package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;

/**
 * How circuits hold signed integers: an integer v with |v| &lt; (r − 1)/2 is the field element {@code v mod r}, so
 * a negative v is {@code r − |v|}. Field addition and multiplication then agree with integer arithmetic as long as
 * every intermediate stays below (r − 1)/2 ≈ 2^253 in magnitude; the gadgets keep their bounds far below that
 * (see {@link io.zkinfer.circuits.gadgets}). Decoding reads elements above (r − 1)/2 as negatives.
 */
public final class SignedEncoding {

    private static final BigInteger HALF_R = Fr.MODULUS.shiftRight(1);

    private SignedEncoding() {
    }

    /** {@code v mod r}. */
    public static Fr encode(long v) {
        return v == Long.MIN_VALUE ? Fr.reduce(BigInteger.valueOf(v)) : Fr.of(v);
    }

    /**
     * {@code v mod r}.
     *
     * @throws IllegalArgumentException if |v| is not below (r − 1)/2, where the encoding stops being signed
     */
    public static Fr encode(BigInteger v) {
        if (v.abs().compareTo(HALF_R) >= 0) {
            throw new IllegalArgumentException("integer " + v + " is too large to encode as a signed field element"
                    + " (|v| must be below (r - 1)/2, about 2^253)");
        }
        return Fr.reduce(v);
    }

    /** The integer v with {@code v mod r = x} and |v| ≤ (r − 1)/2. */
    public static BigInteger decode(Fr x) {
        BigInteger v = x.toBigInteger();
        return v.compareTo(HALF_R) > 0 ? v.subtract(Fr.MODULUS) : v;
    }

    /**
     * {@link #decode} as a long.
     *
     * @throws ArithmeticException if the decoded integer does not fit in a long
     */
    public static long decodeLong(Fr x) {
        return decode(x).longValueExact();
    }
}
