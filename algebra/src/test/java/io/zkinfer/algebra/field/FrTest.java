package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrTest extends PrimeFieldContract<Fr> {
    @Override protected Fr zero() { return Fr.ZERO; }
    @Override protected Fr one() { return Fr.ONE; }
    @Override protected Fr random(Random r) { return Fr.random(r); }
    @Override protected Fr add(Fr a, Fr b) { return a.add(b); }
    @Override protected Fr sub(Fr a, Fr b) { return a.sub(b); }
    @Override protected Fr neg(Fr a) { return a.neg(); }
    @Override protected Fr mul(Fr a, Fr b) { return a.mul(b); }
    @Override protected Fr square(Fr a) { return a.square(); }
    @Override protected Fr inverse(Fr a) { return a.inverse(); }
    @Override protected Fr pow(Fr a, BigInteger e) { return a.pow(e); }
    @Override protected Fr of(BigInteger v) { return Fr.of(v); }
    @Override protected Fr of(long v) { return Fr.of(v); }
    @Override protected Fr reduce(BigInteger v) { return Fr.reduce(v); }
    @Override protected BigInteger toBigInteger(Fr a) { return a.toBigInteger(); }
    @Override protected Fr fromDecimal(String s) { return Fr.fromDecimal(s); }
    @Override protected Fr fromBytesBE(byte[] b, int off) { return Fr.fromBytesBE(b, off); }
    @Override protected byte[] toBytesBE(Fr a) { return a.toBytesBE(); }
    @Override protected Fr fromBytesLE(byte[] b, int off) { return Fr.fromBytesLE(b, off); }
    @Override protected void toBytesLE(Fr a, byte[] out, int off) { a.toBytesLE(out, off); }
    @Override protected Fr fromMontgomeryLE(byte[] b, int off) { return Fr.fromMontgomeryLE(b, off); }
    @Override protected void toMontgomeryLE(Fr a, byte[] out, int off) { a.toMontgomeryLE(out, off); }
    @Override protected Fr fromMontgomeryLimbs(long[] l) { return Fr.fromMontgomeryLimbs(l[0], l[1], l[2], l[3]); }
    @Override protected void toMontgomeryLimbs(Fr a, long[] out, int off) { a.toMontgomeryLimbs(out, off); }
    @Override protected BinaryKernel kernelMul() { return FrArithmetic::mul; }
    @Override protected BinaryKernel kernelAdd() { return FrArithmetic::add; }
    @Override protected BinaryKernel kernelSub() { return FrArithmetic::sub; }
    @Override protected UnaryKernel kernelSquare() { return FrArithmetic::square; }
    @Override protected UnaryKernel kernelNeg() { return FrArithmetic::neg; }
    @Override protected UnaryKernel kernelToMontgomery() { return FrArithmetic::toMontgomery; }
    @Override protected UnaryKernel kernelFromMontgomery() { return FrArithmetic::fromMontgomery; }
    @Override protected void kernelBatchInverse(long[] xs, int off, int n) { FrArithmetic.batchInverse(xs, off, n); }
    @Override protected void kernelBatchInverse(long[] xs, int off, int n, long[] s) { FrArithmetic.batchInverse(xs, off, n, s); }
    @Override protected int kernelBatchInverseScratchLength(int n) { return FrArithmetic.batchInverseScratchLength(n); }

    @Test
    void modulusIsTheBn254Value() {
        assertEquals(new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617"), Fr.MODULUS);
        assertEquals(Fr.MODULUS, modulus());
        assertEquals(32, Fr.BYTES);
        assertEquals(0, Fr.ONE.limb(0) - FrArithmetic.ONE0);
        assertThrows(IndexOutOfBoundsException.class, () -> Fr.ONE.limb(4));
        assertThrows(ArithmeticException.class, () -> Fr.ONE.div(Fr.ZERO));
        assertTrue(Fr.ONE.isOne());
        assertFalse(Fr.ZERO.isOne());
        assertTrue(Fr.ZERO.isZero());
    }

    @Test
    void rootsOfUnityMatchFfjavascript() {
        assertEquals(28, Fr.TWO_ADICITY);
        assertEquals(Fr.of(5), Fr.MULTIPLICATIVE_GENERATOR);
        BigInteger rMinus1 = Fr.MODULUS.subtract(BigInteger.ONE);
        assertEquals(28, rMinus1.getLowestSetBit());
        // ffjavascript: Fr.w[28] = nqr^t with nqr = 5, t = (r-1) >> 28
        assertEquals("19103219067921713944291392827692070036145651957329286315305642004821462161904",
                Fr.rootOfUnity(28).toDecimal());
        assertEquals(Fr.ONE, Fr.rootOfUnity(0));
        assertEquals(Fr.ONE.neg(), Fr.rootOfUnity(1));
        for (int k = 1; k <= 28; k++) {
            Fr w = Fr.rootOfUnity(k);
            assertEquals(Fr.rootOfUnity(k - 1), w.square());
            assertEquals(Fr.ONE, w.pow(BigInteger.ONE.shiftLeft(k)));
            assertEquals(Fr.ONE.neg(), w.pow(BigInteger.ONE.shiftLeft(k - 1)), "w[" + k + "] is primitive");
        }
        assertEquals(Fr.ONE.neg(), Fr.MULTIPLICATIVE_GENERATOR.pow(rMinus1.shiftRight(1)), "5 is a non-residue");
        assertThrows(IllegalArgumentException.class, () -> Fr.rootOfUnity(29));
        assertThrows(IllegalArgumentException.class, () -> Fr.rootOfUnity(-1));
    }
}
