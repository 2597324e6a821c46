package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointCodecTest {

    private final Random rnd = TestRandom.forTest(PointCodecTest.class);

    private G1Affine g1() {
        return G1Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
    }

    private G2Affine g2() {
        return G2Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
    }

    private static void assertRejects(String messagePart, Executable decode) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, decode);
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }

    /** p as 32 big-endian bytes: the smallest non-canonical coordinate. */
    private static byte[] modulusBE() {
        byte[] raw = Fq.MODULUS.toByteArray();
        return Arrays.copyOfRange(raw, raw.length - 32, raw.length);
    }

    @Test
    void g1RoundTrips() {
        for (int i = 0; i < 8; i++) {
            G1Affine p = i == 0 ? G1Affine.INFINITY : i == 1 ? G1Affine.GENERATOR : g1();
            byte[] u = PointCodec.g1ToUncompressed(p);
            assertEquals(PointCodec.G1_UNCOMPRESSED_BYTES, u.length);
            assertEquals(p, PointCodec.g1FromUncompressed(u, 0));
            byte[] c = PointCodec.g1ToCompressed(p);
            assertEquals(PointCodec.G1_COMPRESSED_BYTES, c.length);
            assertEquals(p, PointCodec.g1FromCompressed(c, 0));
            assertEquals(p.neg(), PointCodec.g1FromCompressed(PointCodec.g1ToCompressed(p.neg()), 0));
            byte[] m = new byte[70];
            PointCodec.writeG1Montgomery(p, m, 3);
            assertEquals(p, PointCodec.readG1Montgomery(m, 3));
        }
        assertArrayEquals(new byte[64], PointCodec.g1ToUncompressed(G1Affine.INFINITY), "EIP-196 infinity");
    }

    @Test
    void g2RoundTrips() {
        for (int i = 0; i < 5; i++) {
            G2Affine q = i == 0 ? G2Affine.INFINITY : i == 1 ? G2Affine.GENERATOR : g2();
            byte[] u = PointCodec.g2ToUncompressed(q);
            assertEquals(PointCodec.G2_UNCOMPRESSED_BYTES, u.length);
            assertEquals(q, PointCodec.g2FromUncompressed(u, 0));
            byte[] c = PointCodec.g2ToCompressed(q);
            assertEquals(PointCodec.G2_COMPRESSED_BYTES, c.length);
            assertEquals(q, PointCodec.g2FromCompressed(c, 0));
            assertEquals(q.neg(), PointCodec.g2FromCompressed(PointCodec.g2ToCompressed(q.neg()), 0));
            byte[] m = new byte[130];
            PointCodec.writeG2Montgomery(q, m, 1);
            assertEquals(q, PointCodec.readG2Montgomery(m, 1));
            assertEquals(q, PointCodec.readG2MontgomeryUnchecked(m, 1));
        }
    }

    @Test
    void layoutsFollowTheSpecs() {
        byte[] u = PointCodec.g2ToUncompressed(G2Affine.GENERATOR);
        assertEquals(G2Affine.GENERATOR.x().c1(), Fq.fromBytesBE(u, 0), "EIP-197: x imaginary part first");
        assertEquals(G2Affine.GENERATOR.x().c0(), Fq.fromBytesBE(u, 32));
        assertEquals(G2Affine.GENERATOR.y().c1(), Fq.fromBytesBE(u, 64));
        assertEquals(G2Affine.GENERATOR.y().c0(), Fq.fromBytesBE(u, 96));
        byte[] m = new byte[128];
        PointCodec.writeG2Montgomery(G2Affine.GENERATOR, m, 0);
        assertEquals(G2Affine.GENERATOR.x().c0(), Fq.fromMontgomeryLE(m, 0), "snarkjs: x.c0 first");
        assertEquals(G2Affine.GENERATOR.y().c1(), Fq.fromMontgomeryLE(m, 96));
        byte[] c = PointCodec.g1ToCompressed(G1Affine.GENERATOR);
        assertEquals(0x80, c[0] & 0xC0, "y = 2 is the smaller root");
        assertEquals(1, c[31]);
        assertEquals(0xC0, PointCodec.g1ToCompressed(G1Affine.GENERATOR.neg())[0] & 0xC0);
        assertEquals(0x40, PointCodec.g1ToCompressed(G1Affine.INFINITY)[0] & 0xFF);
    }

    @Test
    void decodersRejectNonCanonicalCoordinates() {
        byte[] u = PointCodec.g1ToUncompressed(G1Affine.GENERATOR);
        System.arraycopy(modulusBE(), 0, u, 0, 32);
        assertRejects("G1 x coordinate is not a canonical field element", () -> PointCodec.g1FromUncompressed(u, 0));
        byte[] v = PointCodec.g2ToUncompressed(G2Affine.GENERATOR);
        System.arraycopy(modulusBE(), 0, v, 96, 32);
        assertRejects("G2 y.c0 coordinate is not a canonical field element",
                () -> PointCodec.g2FromUncompressed(v, 0));
        byte[] c = modulusBE();
        c[0] |= (byte) 0x80;
        assertRejects("compressed G1 x coordinate is not a canonical", () -> PointCodec.g1FromCompressed(c, 0));
        byte[] m = new byte[64];
        Fq.ONE.toMontgomeryLE(m, 32);
        byte[] p = modulusBE();
        for (int i = 0; i < 32; i++) {
            m[i] = p[31 - i];
        }
        assertRejects("G1 x coordinate (LE Montgomery) is not a canonical", () -> PointCodec.readG1Montgomery(m, 0));
    }

    @Test
    void decodersRejectPointsOffTheCurve() {
        byte[] u = PointCodec.g1ToUncompressed(G1Affine.GENERATOR);
        u[63] = 3;
        assertRejects("not on the BN254 G1 curve", () -> PointCodec.g1FromUncompressed(u, 0));
        byte[] v = PointCodec.g2ToUncompressed(G2Affine.GENERATOR);
        v[127] ^= 1;
        assertRejects("not on the BN254 G2 twist curve", () -> PointCodec.g2FromUncompressed(v, 0));
        byte[] m = new byte[128];
        PointCodec.writeG2Montgomery(G2Affine.GENERATOR.neg(), m, 0);
        m[64] ^= 1;
        assertRejects("not on the BN254 G2 twist curve", () -> PointCodec.readG2Montgomery(m, 0));
        // x = 0: x^3 + 3 = 3 is not a square mod p, so no point has x = 0
        byte[] c = new byte[32];
        c[0] = (byte) 0x80;
        assertRejects("is not the x of a point on the BN254 G1 curve", () -> PointCodec.g1FromCompressed(c, 0));
    }

    @Test
    void decodersRejectG2PointsOutsideTheSubgroup() {
        G2Affine outside = Eip196VectorsTest.twistPointOutsideSubgroup();
        String expected = "not in the order-r subgroup of G2";
        assertRejects(expected, () -> PointCodec.g2FromUncompressed(PointCodec.g2ToUncompressed(outside), 0));
        assertRejects(expected, () -> PointCodec.g2FromCompressed(PointCodec.g2ToCompressed(outside), 0));
        byte[] m = new byte[128];
        PointCodec.writeG2Montgomery(outside, m, 0);
        assertRejects(expected, () -> PointCodec.readG2Montgomery(m, 0));
        assertEquals(outside, PointCodec.readG2MontgomeryUnchecked(m, 0), "unchecked reader skips only the subgroup");
    }

    @Test
    void compressedFlagsAreValidated() {
        byte[] c = PointCodec.g1ToCompressed(G1Affine.GENERATOR);
        c[0] &= 0x3F;
        assertRejects("no compression flag", () -> PointCodec.g1FromCompressed(c, 0));
        byte[] inf = PointCodec.g2ToCompressed(G2Affine.INFINITY);
        inf[63] = 1;
        assertRejects("infinity flag but non-zero", () -> PointCodec.g2FromCompressed(inf, 0));
        assertRejects("needs 64 bytes at offset 10", () -> PointCodec.g1FromUncompressed(new byte[70], 10));
        assertEquals(G1Affine.INFINITY, PointCodec.readG1Montgomery(new byte[64], 0));
        assertEquals(G2Affine.INFINITY, PointCodec.readG2Montgomery(new byte[128], 0));
    }
}
