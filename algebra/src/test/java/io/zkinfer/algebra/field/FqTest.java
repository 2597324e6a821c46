package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FqTest extends PrimeFieldContract<Fq> {
    @Override protected Fq zero() { return Fq.ZERO; }
    @Override protected Fq one() { return Fq.ONE; }
    @Override protected Fq random(Random r) { return Fq.random(r); }
    @Override protected Fq add(Fq a, Fq b) { return a.add(b); }
    @Override protected Fq sub(Fq a, Fq b) { return a.sub(b); }
    @Override protected Fq neg(Fq a) { return a.neg(); }
    @Override protected Fq mul(Fq a, Fq b) { return a.mul(b); }
    @Override protected Fq square(Fq a) { return a.square(); }
    @Override protected Fq inverse(Fq a) { return a.inverse(); }
    @Override protected Fq pow(Fq a, BigInteger e) { return a.pow(e); }
    @Override protected Fq of(BigInteger v) { return Fq.of(v); }
    @Override protected Fq of(long v) { return Fq.of(v); }
    @Override protected Fq reduce(BigInteger v) { return Fq.reduce(v); }
    @Override protected BigInteger toBigInteger(Fq a) { return a.toBigInteger(); }
    @Override protected Fq fromDecimal(String s) { return Fq.fromDecimal(s); }
    @Override protected Fq fromBytesBE(byte[] b, int off) { return Fq.fromBytesBE(b, off); }
    @Override protected byte[] toBytesBE(Fq a) { return a.toBytesBE(); }
    @Override protected Fq fromBytesLE(byte[] b, int off) { return Fq.fromBytesLE(b, off); }
    @Override protected void toBytesLE(Fq a, byte[] out, int off) { a.toBytesLE(out, off); }
    @Override protected Fq fromMontgomeryLE(byte[] b, int off) { return Fq.fromMontgomeryLE(b, off); }
    @Override protected void toMontgomeryLE(Fq a, byte[] out, int off) { a.toMontgomeryLE(out, off); }
    @Override protected Fq fromMontgomeryLimbs(long[] l) { return Fq.fromMontgomeryLimbs(l[0], l[1], l[2], l[3]); }
    @Override protected void toMontgomeryLimbs(Fq a, long[] out, int off) { a.toMontgomeryLimbs(out, off); }
    @Override protected BinaryKernel kernelMul() { return FqArithmetic::mul; }
    @Override protected BinaryKernel kernelAdd() { return FqArithmetic::add; }
    @Override protected BinaryKernel kernelSub() { return FqArithmetic::sub; }
    @Override protected UnaryKernel kernelSquare() { return FqArithmetic::square; }
    @Override protected UnaryKernel kernelNeg() { return FqArithmetic::neg; }
    @Override protected UnaryKernel kernelToMontgomery() { return FqArithmetic::toMontgomery; }
    @Override protected UnaryKernel kernelFromMontgomery() { return FqArithmetic::fromMontgomery; }
    @Override protected void kernelBatchInverse(long[] xs, int off, int n) { FqArithmetic.batchInverse(xs, off, n); }
    @Override protected void kernelBatchInverse(long[] xs, int off, int n, long[] s) { FqArithmetic.batchInverse(xs, off, n, s); }
    @Override protected int kernelBatchInverseScratchLength(int n) { return FqArithmetic.batchInverseScratchLength(n); }

    @Test
    void modulusIsTheBn254Value() {
        assertEquals(new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583"), Fq.MODULUS);
        assertEquals(Fq.MODULUS, modulus());
        assertEquals(32, Fq.BYTES);
        assertEquals(0, Fq.ONE.limb(0) - FqArithmetic.ONE0);
        assertThrows(IndexOutOfBoundsException.class, () -> Fq.ONE.limb(4));
        assertThrows(ArithmeticException.class, () -> Fq.ONE.div(Fq.ZERO));
        assertTrue(Fq.ONE.isOne());
        assertFalse(Fq.ZERO.isOne());
        assertTrue(Fq.ZERO.isZero());
    }

    @Test
    void sqrtOfSquaresAndNonSquares() {
        BigInteger halfP = Fq.MODULUS.shiftRight(1);
        for (int i = 0; i < 50; i++) {
            Fq a = Fq.random(rnd);
            Fq root = a.square().sqrt();
            assertTrue(root.equals(a) || root.equals(a.neg()));
            Fq b = a.sqrt();
            boolean isSquare = a.isZero() || a.pow(halfP).isOne();
            assertEquals(isSquare, b != null);
            if (b != null) {
                assertEquals(a, b.square());
            }
            assertEquals(a.toBigInteger().compareTo(halfP) > 0, a.isLexicographicallyLargest());
        }
        assertNull(Fq.of(-1).sqrt()); // p = 3 mod 4
        assertEquals(Fq.ZERO, Fq.ZERO.sqrt());
        assertFalse(Fq.fromDecimal(halfP.toString()).isLexicographicallyLargest());
        assertTrue(Fq.fromDecimal(halfP.add(BigInteger.ONE).toString()).isLexicographicallyLargest());
    }
}
