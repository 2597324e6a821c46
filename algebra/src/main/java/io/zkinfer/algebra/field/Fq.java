package io.zkinfer.algebra.field;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * An element of the BN254 base field F_p (coordinates of G1 and, via the tower, G2), immutable.
 *
 * <p>Held as 4 little-endian 64-bit limbs of its Montgomery form {@code x·2^256 mod p}, always
 * fully reduced; arithmetic is done by {@link FqArithmetic} on limbs (no {@link BigInteger} outside parsing and
 * printing). Parsers accept only canonical encodings ({@code 0 <= x < p}) and reject anything else
 * with an {@link IllegalArgumentException} naming the value.
 */
public final class Fq {
    /** The modulus {@code p = 21888242871839275222246405745257275088696311157297823662689037894645226208583}. */
    public static final BigInteger MODULUS = new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    /** Encoded size in bytes. */
    public static final int BYTES = 32;
    public static final Fq ZERO = new Fq(0, 0, 0, 0);
    public static final Fq ONE = new Fq(FqArithmetic.ONE0, FqArithmetic.ONE1, FqArithmetic.ONE2, FqArithmetic.ONE3);
    private static final BigInteger SQRT_EXPONENT = MODULUS.add(BigInteger.ONE).shiftRight(2);
    private static final BigInteger HALF_MODULUS = MODULUS.shiftRight(1);

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,99}");
    private static final long TOP_LIMB_MASK = (1L << 62) - 1; // the modulus has 254 bits

    private final long l0, l1, l2, l3;

    private Fq(long l0, long l1, long l2, long l3) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
    }

    /** {@code v mod p}; negative values are reduced. */
    public static Fq of(long v) {
        return v >= 0 ? fromCanonical(v, 0, 0, 0) : fromCanonical(-v, 0, 0, 0).neg();
    }

    /** The element with canonical value {@code v}, which must satisfy {@code 0 <= v < p}. */
    public static Fq of(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
            throw unreduced(v.toString());
        }
        long[] l = new long[4];
        for (int i = 0; i < 4; i++) {
            l[i] = v.shiftRight(64 * i).longValue();
        }
        return fromCanonical(l[0], l[1], l[2], l[3]);
    }

    /** {@code v mod p} for any integer {@code v}. */
    public static Fq reduce(BigInteger v) {
        return of(v.mod(MODULUS));
    }

    /** Parses a canonical decimal string: digits only, no sign, spaces or leading zeros, value {@code < p}. */
    public static Fq fromDecimal(String s) {
        if (s == null || !CANONICAL_DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("not a canonical decimal Fq element: '" + s
                    + "' (expected digits 0-9 without sign, spaces or leading zeros, value < " + MODULUS + ")");
        }
        return of(new BigInteger(s));
    }

    /** Reads 32 bytes big-endian at {@code off}; rejects values {@code >= p}. */
    public static Fq fromBytesBE(byte[] b, int off) {
        checkLength(b, off);
        return fromCanonical((long) LONG_BE.get(b, off + 24), (long) LONG_BE.get(b, off + 16),
                (long) LONG_BE.get(b, off + 8), (long) LONG_BE.get(b, off));
    }

    /** Reads 32 bytes little-endian at {@code off} (the circom/snarkjs .r1cs/.wtns layout); rejects values {@code >= p}. */
    public static Fq fromBytesLE(byte[] b, int off) {
        checkLength(b, off);
        return fromCanonical((long) LONG_LE.get(b, off), (long) LONG_LE.get(b, off + 8),
                (long) LONG_LE.get(b, off + 16), (long) LONG_LE.get(b, off + 24));
    }

    /** Reads 32 bytes little-endian already in Montgomery form (the snarkjs .zkey/.ptau layout); rejects values {@code >= p}. */
    public static Fq fromMontgomeryLE(byte[] b, int off) {
        checkLength(b, off);
        return fromMontgomeryLimbs((long) LONG_LE.get(b, off), (long) LONG_LE.get(b, off + 8),
                (long) LONG_LE.get(b, off + 16), (long) LONG_LE.get(b, off + 24));
    }

    /** The element whose Montgomery-form limbs are given (little-endian); rejects limbs encoding a value {@code >= p}. */
    public static Fq fromMontgomeryLimbs(long l0, long l1, long l2, long l3) {
        if (!FqArithmetic.isReduced(l0, l1, l2, l3)) {
            throw new IllegalArgumentException("unreduced Montgomery-form Fq limbs " + hex(l0, l1, l2, l3)
                    + ": Montgomery limbs must encode a value < " + MODULUS + "; check the byte order and the file format");
        }
        return new Fq(l0, l1, l2, l3);
    }

    /** A uniformly random element by rejection sampling; pass a {@link java.security.SecureRandom} for cryptographic use. */
    public static Fq random(Random rnd) {
        while (true) {
            long l0 = rnd.nextLong(), l1 = rnd.nextLong(), l2 = rnd.nextLong(), l3 = rnd.nextLong() & TOP_LIMB_MASK;
            if (FqArithmetic.isReduced(l0, l1, l2, l3)) {
                return new Fq(l0, l1, l2, l3); // a uniform Montgomery form is a uniform element
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

    public Fq add(Fq o) {
        long[] r = new long[4];
        FqArithmetic.add(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fq sub(Fq o) {
        long[] r = new long[4];
        FqArithmetic.sub(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fq neg() {
        long[] r = new long[4];
        FqArithmetic.sub(0, 0, 0, 0, l0, l1, l2, l3, r, 0);
        return wrap(r);
    }

    public Fq dbl() {
        return add(this);
    }

    public Fq mul(Fq o) {
        long[] r = new long[4];
        FqArithmetic.mul(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, r, 0);
        return wrap(r);
    }

    public Fq square() {
        long[] r = new long[4];
        FqArithmetic.square(l0, l1, l2, l3, r, 0);
        return wrap(r);
    }

    /** The multiplicative inverse (binary extended GCD, variable time); throws {@link ArithmeticException} on zero. */
    public Fq inverse() {
        long[] r = {l0, l1, l2, l3};
        FqArithmetic.inverse(r, 0, r, 0);
        return wrap(r);
    }

    /** {@code this / o}; throws {@link ArithmeticException} if {@code o} is zero. */
    public Fq div(Fq o) {
        return mul(o.inverse());
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fq pow(BigInteger e) {
        Fq base = e.signum() < 0 ? inverse() : this;
        BigInteger k = e.abs();
        Fq acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fq pow(long e) {
        return pow(BigInteger.valueOf(e));
    }

    public boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
    }

    public boolean isOne() {
        return l0 == FqArithmetic.ONE0 && l1 == FqArithmetic.ONE1 && l2 == FqArithmetic.ONE2 && l3 == FqArithmetic.ONE3;
    }

    /** A square root, or {@code null} when this is not a square ({@code p ≡ 3 mod 4}: {@code x^((p+1)/4)}). */
    public Fq sqrt() {
        Fq root = pow(SQRT_EXPONENT);
        return root.square().equals(this) ? root : null;
    }

    /** Whether the canonical value is {@code > (p-1)/2} (the sign bit of compressed points). */
    public boolean isLexicographicallyLargest() {
        return toBigInteger().compareTo(HALF_MODULUS) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fq && (((Fq) o).l0 == l0 && ((Fq) o).l1 == l1 && ((Fq) o).l2 == l2 && ((Fq) o).l3 == l3);
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

    private static Fq wrap(long[] r) {
        return new Fq(r[0], r[1], r[2], r[3]);
    }

    private static Fq fromCanonical(long c0, long c1, long c2, long c3) {
        if (!FqArithmetic.isReduced(c0, c1, c2, c3)) {
            throw unreduced(new BigInteger(1, hexBytes(c0, c1, c2, c3)).toString());
        }
        long[] r = new long[4];
        FqArithmetic.mul(c0, c1, c2, c3, FqArithmetic.RR0, FqArithmetic.RR1, FqArithmetic.RR2, FqArithmetic.RR3, r, 0);
        return wrap(r);
    }

    private long[] canonical() {
        long[] c = new long[4];
        FqArithmetic.mul(l0, l1, l2, l3, 1, 0, 0, 0, c, 0);
        return c;
    }

    private static IllegalArgumentException unreduced(String value) {
        return new IllegalArgumentException("unreduced Fq value " + value + ": a canonical Fq element must be >= 0 and < "
                + MODULUS + "; reduce it first (Fq.reduce) or check the byte order");
    }

    private static void checkLength(byte[] b, int off) {
        if (off < 0 || b.length - off < BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes for a Fq element at offset " + off
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
