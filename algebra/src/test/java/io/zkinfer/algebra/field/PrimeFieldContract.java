package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks of a 256-bit prime field (Fq, Fr) against {@link BigInteger}, its encodings, and its limb kernels.
 *
 * @param <F> the element type
 */
public abstract class PrimeFieldContract<F> extends FieldContract<F> {
    /** A binary limb kernel such as {@code FqArithmetic::mul}. */
    public interface BinaryKernel {
        void apply(long[] a, int ao, long[] b, int bo, long[] r, int ro);
    }

    /** A unary limb kernel such as {@code FqArithmetic::square}. */
    public interface UnaryKernel {
        void apply(long[] a, int ao, long[] r, int ro);
    }

    protected abstract F of(BigInteger v);

    protected abstract F of(long v);

    protected abstract F reduce(BigInteger v);

    protected abstract BigInteger toBigInteger(F a);

    protected abstract F fromDecimal(String s);

    protected abstract F fromBytesBE(byte[] b, int off);

    protected abstract byte[] toBytesBE(F a);

    protected abstract F fromBytesLE(byte[] b, int off);

    protected abstract void toBytesLE(F a, byte[] out, int off);

    protected abstract F fromMontgomeryLE(byte[] b, int off);

    protected abstract void toMontgomeryLE(F a, byte[] out, int off);

    protected abstract F fromMontgomeryLimbs(long[] l);

    protected abstract void toMontgomeryLimbs(F a, long[] out, int off);

    protected abstract BinaryKernel kernelMul();

    protected abstract BinaryKernel kernelAdd();

    protected abstract BinaryKernel kernelSub();

    protected abstract UnaryKernel kernelSquare();

    protected abstract UnaryKernel kernelNeg();

    protected abstract UnaryKernel kernelToMontgomery();

    protected abstract UnaryKernel kernelFromMontgomery();

    protected abstract void kernelBatchInverse(long[] xs, int off, int n);

    protected abstract void kernelBatchInverse(long[] xs, int off, int n, long[] scratch);

    protected abstract int kernelBatchInverseScratchLength(int n);

    @Override
    protected BigInteger order() {
        return modulus();
    }

    protected BigInteger modulus() {
        return toBigInteger(neg(one())).add(BigInteger.ONE);
    }

    private List<BigInteger> samples() {
        BigInteger m = modulus();
        List<BigInteger> v = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                m.subtract(BigInteger.ONE), m.subtract(BigInteger.TWO), m.shiftRight(1), m.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64),
                BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(256).mod(m)));
        for (int i = 0; i < 300; i++) {
            v.add(new BigInteger(254, rnd).mod(m));
        }
        return v;
    }

    @Test
    public void arithmeticAgreesWithBigInteger() {
        BigInteger m = modulus();
        List<BigInteger> xs = samples();
        for (int i = 0; i < xs.size(); i++) {
            BigInteger x = xs.get(i), y = xs.get((i * 7 + 3) % xs.size());
            F a = of(x), b = of(y);
            assertEquals(x, toBigInteger(a));
            assertEquals(x.add(y).mod(m), toBigInteger(add(a, b)), () -> x + " + " + y);
            assertEquals(x.subtract(y).mod(m), toBigInteger(sub(a, b)), () -> x + " - " + y);
            assertEquals(x.multiply(y).mod(m), toBigInteger(mul(a, b)), () -> x + " * " + y);
            assertEquals(x.multiply(x).mod(m), toBigInteger(square(a)), () -> x + "^2");
            assertEquals(x.negate().mod(m), toBigInteger(neg(a)), () -> "-" + x);
            if (x.signum() != 0) {
                assertEquals(x.modInverse(m), toBigInteger(inverse(a)), () -> x + "^-1");
            }
            for (BigInteger e : new BigInteger[] {BigInteger.valueOf(3), y, m.subtract(BigInteger.ONE)}) {
                assertEquals(x.modPow(e, m), toBigInteger(pow(a, e)), () -> x + "^" + e);
            }
        }
    }

    @Test
    public void smallAndNegativeIntegers() {
        BigInteger m = modulus();
        for (long v : new long[] {0, 1, -1, 5, -5, Long.MAX_VALUE, Long.MIN_VALUE, rnd.nextLong(), rnd.nextLong()}) {
            assertEquals(BigInteger.valueOf(v).mod(m), toBigInteger(of(v)), () -> "of(" + v + ")");
        }
        BigInteger big = new BigInteger(600, rnd);
        assertEquals(big.mod(m), toBigInteger(reduce(big)));
        assertEquals(big.negate().mod(m), toBigInteger(reduce(big.negate())));
        assertEquals(zero(), reduce(m));
    }

    @Test
    public void encodingsRoundTrip() {
        for (BigInteger x : samples()) {
            F a = of(x);
            assertEquals(a, fromDecimal(x.toString()));
            assertEquals(x.toString(), a.toString());
            byte[] be = toBytesBE(a);
            assertEquals(32, be.length);
            assertEquals(x, new BigInteger(1, be));
            assertEquals(a, fromBytesBE(be, 0));
            byte[] buf = new byte[40];
            toBytesLE(a, buf, 5);
            byte[] le = Arrays.copyOfRange(buf, 5, 37);
            assertArrayEquals(reverse(be), le);
            assertEquals(a, fromBytesLE(buf, 5));
            toMontgomeryLE(a, buf, 3);
            BigInteger mont = new BigInteger(1, reverse(Arrays.copyOfRange(buf, 3, 35)));
            assertEquals(x.shiftLeft(256).mod(modulus()), mont, "Montgomery form is x·2^256 mod m");
            assertEquals(a, fromMontgomeryLE(buf, 3));
            long[] limbs = new long[6];
            toMontgomeryLimbs(a, limbs, 1);
            assertEquals(a, fromMontgomeryLimbs(Arrays.copyOfRange(limbs, 1, 5)));
        }
    }

    @Test
    public void rejectsUnreducedValues() {
        BigInteger m = modulus();
        for (BigInteger bad : List.of(m, m.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
            byte[] be = toFixed32(bad);
            assertUnreduced(() -> of(bad), bad);
            assertUnreduced(() -> fromDecimal(bad.toString()), bad);
            assertUnreduced(() -> fromBytesBE(be, 0), bad);
            assertUnreduced(() -> fromBytesLE(reverse(be), 0), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromMontgomeryLE(reverse(be), 0));
            assertTrue(e.getMessage().contains("unreduced"), e.getMessage());
            long[] l = new long[4];
            for (int i = 0; i < 4; i++) {
                l[i] = bad.shiftRight(64 * i).longValue();
            }
            assertThrows(IllegalArgumentException.class, () -> fromMontgomeryLimbs(l));
        }
        assertUnreduced(() -> of(BigInteger.ONE.negate()), BigInteger.ONE.negate());
        for (String s : new String[] {"", "-1", "+1", " 1", "1 ", "007", "1e3", "0x10", "12a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromDecimal(s), () -> "'" + s + "'");
            assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> fromBytesBE(new byte[31], 0));
        assertThrows(IllegalArgumentException.class, () -> fromBytesLE(new byte[40], 9));
    }

    private static void assertUnreduced(org.junit.jupiter.api.function.Executable call, BigInteger value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains("unreduced") && e.getMessage().contains(value.toString()), e.getMessage());
    }

    @Test
    public void limbKernelsAgreeWithElements() {
        int n = 64;
        List<F> xs = new ArrayList<>(), ys = new ArrayList<>();
        long[] a = new long[4 * n + 2], b = new long[4 * n + 1], r = new long[4 * n + 3];
        for (int i = 0; i < n; i++) {
            F x = i == 0 ? zero() : i == 1 ? neg(one()) : random(rnd);
            F y = i == 2 ? zero() : random(rnd);
            xs.add(x);
            ys.add(y);
            toMontgomeryLimbs(x, a, 2 + 4 * i);
            toMontgomeryLimbs(y, b, 1 + 4 * i);
        }
        for (int i = 0; i < n; i++) {
            F x = xs.get(i), y = ys.get(i);
            int ao = 2 + 4 * i, bo = 1 + 4 * i, ro = 3 + 4 * i;
            kernelMul().apply(a, ao, b, bo, r, ro);
            assertEquals(mul(x, y), at(r, ro));
            kernelAdd().apply(a, ao, b, bo, r, ro);
            assertEquals(add(x, y), at(r, ro));
            kernelSub().apply(a, ao, b, bo, r, ro);
            assertEquals(sub(x, y), at(r, ro));
            kernelSquare().apply(a, ao, r, ro);
            assertEquals(square(x), at(r, ro));
            kernelNeg().apply(a, ao, r, ro);
            assertEquals(neg(x), at(r, ro));
            kernelFromMontgomery().apply(a, ao, r, ro);
            long[] c = Arrays.copyOfRange(r, ro, ro + 4);
            assertEquals(toBigInteger(x), limbsToBigInteger(c));
            kernelToMontgomery().apply(r, ro, r, ro);
            assertEquals(x, at(r, ro));
            long[] alias = Arrays.copyOfRange(a, ao, ao + 4);
            kernelMul().apply(alias, 0, alias, 0, alias, 0);
            assertEquals(square(x), at(alias, 0));
        }
    }

    @Test
    public void batchInverseMatchesInverseAndKeepsZeros() {
        for (int n : new int[] {0, 1, 2, 17}) {
            long[] xs = new long[4 * n + 4];
            List<F> orig = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                F x = (i % 5 == 3) ? zero() : random(rnd);
                orig.add(x);
                toMontgomeryLimbs(x, xs, 4 + 4 * i);
            }
            long[] ys = xs.clone();
            kernelBatchInverse(xs, 4, n);
            long[] scratch = new long[kernelBatchInverseScratchLength(n) + 3];
            kernelBatchInverse(ys, 4, n, scratch);
            kernelBatchInverse(ys, 4, n, scratch); // scratch reuse: inverting twice is the identity
            kernelBatchInverse(ys, 4, n, scratch);
            for (int i = 0; i < n; i++) {
                F x = orig.get(i);
                assertEquals(x.equals(zero()) ? zero() : inverse(x), at(xs, 4 + 4 * i), "element " + i + " of " + n);
                assertEquals(at(xs, 4 + 4 * i), at(ys, 4 + 4 * i), "element " + i + " of " + n + " (scratch)");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> kernelBatchInverse(new long[8], 0, 2, new long[4]));
    }

    private F at(long[] l, int off) {
        return fromMontgomeryLimbs(Arrays.copyOfRange(l, off, off + 4));
    }

    private static BigInteger limbsToBigInteger(long[] l) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(l[i])));
        }
        return v;
    }

    static byte[] toFixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
