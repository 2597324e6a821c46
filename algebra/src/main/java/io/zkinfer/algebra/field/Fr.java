package io.zkinfer.algebra.field;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * An element of the BN254 scalar field F_r (the group order; witnesses, scalars, NTT), immutable.
 *
 * <p>Held as 4 little-endian 64-bit limbs of its Montgomery form {@code x·2^256 mod r}, always
 * fully reduced; arithmetic is done by {@link FrArithmetic} on limbs (no {@link BigInteger} outside parsing and
 * printing). Parsers accept only canonical encodings ({@code 0 <= x < r}) and reject anything else
 * with an {@link IllegalArgumentException} naming the value.
 */
public final class Fr {
    /** The modulus {@code r = 21888242871839275222246405745257275088548364400416034343698204186575808495617}. */
    public static final BigInteger MODULUS = new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");
    /** Encoded size in bytes. */
    public static final int BYTES = 32;
    public static final Fr ZERO = new Fr(0, 0, 0, 0);
    public static final Fr ONE = new Fr(FrArithmetic.ONE0, FrArithmetic.ONE1, FrArithmetic.ONE2, FrArithmetic.ONE3);
    /** {@code r - 1 = 2^TWO_ADICITY · t} with {@code t} odd. */
    public static final int TWO_ADICITY = 28;
    /** The generator 5 of the multiplicative group (ffjavascript's quadratic non-residue {@code nqr}). */
    public static final Fr MULTIPLICATIVE_GENERATOR = of(5);
    private static final Fr[] ROOTS_OF_UNITY = rootsOfUnity();

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,99}");
    private static final long TOP_LIMB_MASK = (1L << 62) - 1; // the modulus has 254 bits

    private final long l0, l1, l2, l3;

    private Fr(long l0, long l1, long l2, long l3) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
    }

    /** {@code v mod r}; negative values are reduced. */
    public static Fr of(long v) {
        return v >= 0 ? fromCanonical(v, 0, 0, 0) : fromCanonical(-v, 0, 0, 0).neg();
    }

    /** The element with canonical value {@code v}, which must satisfy {@code 0 <= v < r}. */
    public static Fr of(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
            throw unreduced(v.toString());
        }
        long[] l = new long[4];
        for (int i = 0; i < 4; i++) {
            l[i] = v.shiftRight(64 * i).longValue();
        }
        return fromCanonical(l[0], l[1], l[2], l[3]);
    }

    /** {@code v mod r} for any integer {@code v}. */
    public static Fr reduce(BigInteger v) {
        return of(v.mod(MODULUS));
    }

    /** Parses a canonical decimal string: digits only, no sign, spaces or leading zeros, value {@code < r}. */
    public static Fr fromDecimal(String s) {
        if (s == null || !CANONICAL_DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("not a canonical decimal Fr element: '" + s
                    + "' (expected digits 0-9 without sign, spaces or leading zeros, value < " + MODULUS + ")");
        }
        return of(new BigInteger(s));
    }

    /** Reads 32 bytes big-endian at {@code off}; rejects values {@code >= r}. */
    public static Fr fromBytesBE(byte[] b, int off) {
        checkLength(b, off);
        return fromCanonical((long) LONG_BE.get(b, off + 24), (long) LONG_BE.get(b, off + 16),
                (long) LONG_BE.get(b, off + 8), (long) LONG_BE.get(b, off));
    }

    /** Reads 32 bytes little-endian at {@code off} (the circom/snarkjs .r1cs/.wtns layout); rejects values {@code >= r}. */
    public static Fr fromBytesLE(byte[] b, int off) {
        checkLength(b, off);
        return fromCanonical((long) LONG_LE.get(b, off), (long) LONG_LE.get(b, off + 8),
                (long) LONG_LE.get(b, off + 16), (long) LONG_LE.get(b, off + 24));
    }

    /** Reads 32 bytes little-endian already in Montgomery form (the snarkjs .zkey/.ptau layout); rejects values {@code >= r}. */
    public static Fr fromMontgomeryLE(byte[] b, int off) {
        checkLength(b, off);
        return fromMontgomeryLimbs((long) LONG_LE.get(b, off), (long) LONG_LE.get(b, off + 8),
                (long) LONG_LE.get(b, off + 16), (long) LONG_LE.get(b, off + 24));
    }

    /** The element whose Montgomery-form limbs are given (little-endian); rejects limbs encoding a value {@code >= r}. */
    public static Fr fromMontgomeryLimbs(long l0, long l1, long l2, long l3) {
        if (!FrArithmetic.isReduced(l0, l1, l2, l3)) {
            throw new IllegalArgumentException("unreduced Montgomery-form Fr limbs " + hex(l0, l1, l2, l3)
                    + ": Montgomery limbs must encode a value < " + MODULUS + "; check the byte order and the file format");
        }
        return new Fr(l0, l1, l2, l3);
    }

    /** A uniformly random element by rejection sampling; pass a {@link java.security.SecureRandom} for cryptographic use. */
    public static Fr random(Random rnd) {
        while (true) {
            long l0 = rnd.nextLong(), l1 = rnd.nextLong(), l2 = rnd.nextLong(), l3 = rnd.nextLong() & TOP_LIMB_MASK;
            if (FrArithmetic.isReduced(l0, l1, l2, l3)) {
                return new Fr(l0, l1, l2, l3); // a uniform Montgomery form is a uniform element
            }
        }
    }

    /** Montgomery limb {@code i} (0 = least significant). */
    public long limb(int i) {
        switch (i) {
            case 0: return l0;
            case 1: return l1;
            case 2: return l2;
            case 3: return l3;
            default: throw new IndexOutOfBoundsException("limb index " + i + " (valid: 0..3)");
        }
    }

    /** Writes the 4 Montgomery limbs to {@code out[off..off+3]}. */
    public void toMontgomeryLimbs(long[] out, int off) {
        out[off] = l0;
        out[off + 1] = l1;
        out[off + 2] = l2;
        out[off + 3] = l3;
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytesBE());
    }

    public String toDecimal() {
        return toBigInteger().toString();
    }

    /** 32 bytes, canonical value, big-endian. */
    public byte[] toBytesBE() {
        long[] c = canonical();
        byte[] out = new byte[BYTES];
        for (int i = 0; i < 4; i++) {
            LONG_BE.set(out, 24 - 8 * i, c[i]);
        }
        return out;
    }

    /** Writes 32 bytes, canonical value, little-endian at {@code off}. */
    public void toBytesLE(byte[] out, int off) {
        checkLength(out, off);
        long[] c = canonical();
        for (int i = 0; i < 4; i++) {
            LONG_LE.set(out, off + 8 * i, c[i]);
        }
    }

    /** Writes 32 bytes, Montgomery form, little-endian at {@code off}. */
    public void toMontgomeryLE(byte[] out, int off) {
        checkLength(out, off);
        LONG_LE.set(out, off, l0);
        LONG_LE.set(out, off + 8, l1);
        LONG_LE.set(out, off + 16, l2);
        LONG_LE.set(out, off + 24, l3);
    }

    public Fr add(Fr o) {
        long[] r = new long[4];
        FrArithmetic.add(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fr sub(Fr o) {
        long[] r = new long[4];
        FrArithmetic.sub(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fr neg() {
        long[] r = new long[4];
        FrArithmetic.sub(0, 0, 0, 0, l0, l1, l2, l3, r, 0);
        return wrap(r);
    }

    public Fr dbl() {
        return add(this);
    }

    public Fr mul(Fr o) {
        long[] r = new long[4];
        FrArithmetic.mul(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fr square() {
        long[] r = new long[4];
        FrArithmetic.square(l0, l1, l2, l3, r, 0);
        return wrap(r);
    }

    /** The multiplicative inverse (binary extended GCD, variable time); throws {@link ArithmeticException} on zero. */
    public Fr inverse() {
        long[] r = {l0, l1, l2, l3};
        FrArithmetic.inverse(r, 0, r, 0);
        return wrap(r);
    }

    /** {@code this / o}; throws {@link ArithmeticException} if {@code o} is zero. */
    public Fr div(Fr o) {
        return mul(o.inverse());
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fr pow(BigInteger e) {
        Fr base = e.signum() < 0 ? inverse() : this;
        BigInteger k = e.abs();
        Fr acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fr pow(long e) {
        return pow(BigInteger.valueOf(e));
    }

    public boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
    }

    public boolean isOne() {
        return l0 == FrArithmetic.ONE0 && l1 == FrArithmetic.ONE1 && l2 == FrArithmetic.ONE2 && l3 == FrArithmetic.ONE3;
    }

    /**
     * The primitive {@code 2^log2n}-th root of unity used by snarkjs: ffjavascript's {@code Fr.w[log2n]}, where
     * {@code w[28] = 5^((r-1)/2^28)} and {@code w[k-1] = w[k]^2}.
     */
    public static Fr rootOfUnity(int log2n) {
        if (log2n < 0 || log2n > TWO_ADICITY) {
            throw new IllegalArgumentException("no 2^" + log2n + "-th root of unity in Fr: log2n must be in 0.."
                    + TWO_ADICITY + " (Fr's two-adicity)");
        }
        return ROOTS_OF_UNITY[log2n];
    }

    private static Fr[] rootsOfUnity() {
        Fr[] w = new Fr[TWO_ADICITY + 1];
        w[TWO_ADICITY] = MULTIPLICATIVE_GENERATOR.pow(MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY));
        for (int k = TWO_ADICITY; k > 0; k--) {
            w[k - 1] = w[k].square();
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fr && (((Fr) o).l0 == l0 && ((Fr) o).l1 == l1 && ((Fr) o).l2 == l2 && ((Fr) o).l3 == l3);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(l0 * 31 + l1 * 17 + l2 * 7 + l3);
    }

    /** The canonical decimal value. */
    @Override
    public String toString() {
        return toDecimal();
    }

    private static Fr wrap(long[] r) {
        return new Fr(r[0], r[1], r[2], r[3]);
    }

    private static Fr fromCanonical(long c0, long c1, long c2, long c3) {
        if (!FrArithmetic.isReduced(c0, c1, c2, c3)) {
            throw unreduced(new BigInteger(1, hexBytes(c0, c1, c2, c3)).toString());
        }
        long[] r = new long[4];
        FrArithmetic.mul(c0, c1, c2, c3, FrArithmetic.RR0, FrArithmetic.RR1, FrArithmetic.RR2, FrArithmetic.RR3, r, 0);
        return wrap(r);
    }

    private long[] canonical() {
        long[] c = new long[4];
        FrArithmetic.mul(l0, l1, l2, l3, 1, 0, 0, 0, c, 0);
        return c;
    }

    private static IllegalArgumentException unreduced(String value) {
        return new IllegalArgumentException("unreduced Fr value " + value + ": a canonical Fr element must be >= 0 and < "
                + MODULUS + "; reduce it first (Fr.reduce) or check the byte order");
    }

    private static void checkLength(byte[] b, int off) {
        if (off < 0 || b.length - off < BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes for a Fr element at offset " + off
                    + ", but the array has " + b.length + " bytes");
        }
    }

    private static byte[] hexBytes(long c0, long c1, long c2, long c3) {
        byte[] be = new byte[BYTES];
        LONG_BE.set(be, 0, c3);
        LONG_BE.set(be, 8, c2);
        LONG_BE.set(be, 16, c1);
        LONG_BE.set(be, 24, c0);
        return be;
    }

    private static String hex(long c0, long c1, long c2, long c3) {
        return String.format("0x%016x%016x%016x%016x", c3, c2, c1, c0);
    }
}
