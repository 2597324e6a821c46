package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;

import java.util.Arrays;

/**
 * Byte encodings of BN254 points.
 *
 * <ul>
 *   <li>Uncompressed, big-endian, the EIP-196/197 layout: G1 is x‖y (64 bytes), G2 is x.c1‖x.c0‖y.c1‖y.c0
 *       (128 bytes, imaginary part first); the point at infinity is all zero bytes.</li>
 *   <li>Compressed (the gnark-crypto layout): G1 is x (32 bytes), G2 is x.c1‖x.c0 (64 bytes), big-endian, with the
 *       two top bits of the first byte as flags, free because p &lt; 2²⁵⁴: {@code 10} = y is the lexicographically
 *       smaller root, {@code 11} = y is the larger root, {@code 01} with all other bits zero = infinity. For Fq2,
 *       "larger" compares c1 first and c0 when c1 = 0.</li>
 *   <li>Little-endian Montgomery (snarkjs {@code .zkey}/{@code .ptau} sections): G1 is x‖y, G2 is
 *       x.c0‖x.c1‖y.c0‖y.c1, each coordinate 32 bytes LE in Montgomery form; all zero bytes = infinity.</li>
 * </ul>
 *
 * <p>Every decoder rejects, with distinct messages, coordinates that are not canonical (≥ p), points not on the
 * curve, and G2 points outside the order-r subgroup; the {@code Unchecked} G2 reader skips only the subgroup check,
 * for trusted bulk data.
 */
public final class PointCodec {

    /** Size of an uncompressed G1 point. */
    public static final int G1_UNCOMPRESSED_BYTES = 64;
    /** Size of a compressed G1 point. */
    public static final int G1_COMPRESSED_BYTES = 32;
    /** Size of an uncompressed G2 point. */
    public static final int G2_UNCOMPRESSED_BYTES = 128;
    /** Size of a compressed G2 point. */
    public static final int G2_COMPRESSED_BYTES = 64;

    private static final int FLAG_MASK = 0xC0;
    private static final int FLAG_SMALLEST = 0x80;
    private static final int FLAG_LARGEST = 0xC0;
    private static final int FLAG_INFINITY = 0x40;

    private PointCodec() {
    }

    // ---- G1 ---------------------------------------------------------------------------------------------------

    /** x‖y big-endian (64 bytes); infinity is all zero. */
    public static byte[] g1ToUncompressed(G1Affine p) {
        byte[] out = new byte[G1_UNCOMPRESSED_BYTES];
        if (!p.isInfinity()) {
            System.arraycopy(p.x().toBytesBE(), 0, out, 0, 32);
            System.arraycopy(p.y().toBytesBE(), 0, out, 32, 32);
        }
        return out;
    }

    /** Decodes 64 bytes x‖y big-endian at {@code off}; all zero is infinity. */
    public static G1Affine g1FromUncompressed(byte[] b, int off) {
        requireLength(b, off, G1_UNCOMPRESSED_BYTES, "uncompressed G1 point");
        if (allZero(b, off, G1_UNCOMPRESSED_BYTES)) {
            return G1Affine.INFINITY;
        }
        Fq x = fqBE(b, off, "G1 x");
        Fq y = fqBE(b, off + 32, "G1 y");
        return G1Affine.of(x, y);
    }

    /** x big-endian with the sign/infinity flags in the top two bits (32 bytes). */
    public static byte[] g1ToCompressed(G1Affine p) {
        byte[] out = new byte[G1_COMPRESSED_BYTES];
        if (p.isInfinity()) {
            out[0] = (byte) FLAG_INFINITY;
            return out;
        }
        System.arraycopy(p.x().toBytesBE(), 0, out, 0, 32);
        out[0] |= (byte) (p.y().isLexicographicallyLargest() ? FLAG_LARGEST : FLAG_SMALLEST);
        return out;
    }

    /** Decodes a 32-byte compressed G1 point at {@code off}, recovering y by a square root. */
    public static G1Affine g1FromCompressed(byte[] b, int off) {
        requireLength(b, off, G1_COMPRESSED_BYTES, "compressed G1 point");
        int flag = b[off] & FLAG_MASK;
        byte[] x = Arrays.copyOfRange(b, off, off + 32);
        x[0] &= (byte) ~FLAG_MASK;
        if (flag == FLAG_INFINITY) {
            return requireInfinityBody(x, "compressed G1", G1Affine.INFINITY);
        }
        requireCompressedFlag(flag, "compressed G1");
        Fq xf = fqBE(x, 0, "compressed G1 x");
        Fq y = xf.square().mul(xf).add(G1Affine.B).sqrt();
        if (y == null) {
            throw new IllegalArgumentException("compressed G1 x = " + xf
                    + " is not the x of a point on the BN254 G1 curve (x^3 + 3 is not a square in Fq)");
        }
        if (y.isLexicographicallyLargest() != (flag == FLAG_LARGEST)) {
            y = y.neg();
        }
        return G1Affine.unchecked(xf, y);
    }

    // ---- G2 ---------------------------------------------------------------------------------------------------

    /** x.c1‖x.c0‖y.c1‖y.c0 big-endian (128 bytes, the EIP-197 order); infinity is all zero. */
    public static byte[] g2ToUncompressed(G2Affine p) {
        byte[] out = new byte[G2_UNCOMPRESSED_BYTES];
        if (!p.isInfinity()) {
            putFq2BE(p.x(), out, 0);
            putFq2BE(p.y(), out, 64);
        }
        return out;
    }

    /** Decodes 128 bytes in the EIP-197 order at {@code off}, checking the twist equation and the subgroup. */
    public static G2Affine g2FromUncompressed(byte[] b, int off) {
        requireLength(b, off, G2_UNCOMPRESSED_BYTES, "uncompressed G2 point");
        if (allZero(b, off, G2_UNCOMPRESSED_BYTES)) {
            return G2Affine.INFINITY;
        }
        Fq2 x = Fq2.of(fqBE(b, off + 32, "G2 x.c0"), fqBE(b, off, "G2 x.c1"));
        Fq2 y = Fq2.of(fqBE(b, off + 96, "G2 y.c0"), fqBE(b, off + 64, "G2 y.c1"));
        return G2Affine.of(x, y);
    }

    /** x.c1‖x.c0 big-endian with the sign/infinity flags in the top two bits (64 bytes). */
    public static byte[] g2ToCompressed(G2Affine p) {
        byte[] out = new byte[G2_COMPRESSED_BYTES];
        if (p.isInfinity()) {
            out[0] = (byte) FLAG_INFINITY;
            return out;
        }
        putFq2BE(p.x(), out, 0);
        out[0] |= (byte) (p.y().isLexicographicallyLargest() ? FLAG_LARGEST : FLAG_SMALLEST);
        return out;
    }

    /** Decodes a 64-byte compressed G2 point at {@code off}, recovering y by a square root, checking the subgroup. */
    public static G2Affine g2FromCompressed(byte[] b, int off) {
        requireLength(b, off, G2_COMPRESSED_BYTES, "compressed G2 point");
        int flag = b[off] & FLAG_MASK;
        byte[] x = Arrays.copyOfRange(b, off, off + 64);
        x[0] &= (byte) ~FLAG_MASK;
        if (flag == FLAG_INFINITY) {
            return requireInfinityBody(x, "compressed G2", G2Affine.INFINITY);
        }
        requireCompressedFlag(flag, "compressed G2");
        Fq2 xf = Fq2.of(fqBE(x, 32, "compressed G2 x.c0"), fqBE(x, 0, "compressed G2 x.c1"));
        Fq2 y = xf.square().mul(xf).add(G2Affine.B).sqrt();
        if (y == null) {
            throw new IllegalArgumentException("compressed G2 x = " + xf
                    + " is not the x of a point on the BN254 G2 twist curve (x^3 + b' is not a square in Fq2)");
        }
        if (y.isLexicographicallyLargest() != (flag == FLAG_LARGEST)) {
            y = y.neg();
        }
        return G2Affine.of(xf, y);
    }

    // ---- snarkjs little-endian Montgomery ------------------------------------------------------------------------

    /** Reads x‖y (each 32-byte LE Montgomery) at {@code off}; all zero is infinity; checks the curve equation. */
    public static G1Affine readG1Montgomery(byte[] b, int off) {
        requireLength(b, off, G1_UNCOMPRESSED_BYTES, "LE-Montgomery G1 point");
        if (allZero(b, off, G1_UNCOMPRESSED_BYTES)) {
            return G1Affine.INFINITY;
        }
        return G1Affine.of(fqMontgomery(b, off, "G1 x"), fqMontgomery(b, off + 32, "G1 y"));
    }

    /** Writes p as x‖y, each 32-byte LE Montgomery (64 bytes; infinity is all zero). */
    public static void writeG1Montgomery(G1Affine p, byte[] out, int off) {
        requireLength(out, off, G1_UNCOMPRESSED_BYTES, "LE-Montgomery G1 output");
        if (p.isInfinity()) {
            Arrays.fill(out, off, off + G1_UNCOMPRESSED_BYTES, (byte) 0);
            return;
        }
        p.x().toMontgomeryLE(out, off);
        p.y().toMontgomeryLE(out, off + 32);
    }

    /** Reads x.c0‖x.c1‖y.c0‖y.c1 (LE Montgomery) at {@code off}; checks the twist equation and the subgroup. */
    public static G2Affine readG2Montgomery(byte[] b, int off) {
        G2Affine p = readG2MontgomeryUnchecked(b, off);
        if (!p.isInSubgroup()) {
            throw new IllegalArgumentException("point " + p + " is on the twist but not in the order-r subgroup of G2");
        }
        return p;
    }

    /**
     * Reads a LE-Montgomery G2 point checking canonical coordinates and the twist equation but not the subgroup;
     * only for trusted bulk data whose origin is authenticated otherwise.
     */
    public static G2Affine readG2MontgomeryUnchecked(byte[] b, int off) {
        requireLength(b, off, G2_UNCOMPRESSED_BYTES, "LE-Montgomery G2 point");
        if (allZero(b, off, G2_UNCOMPRESSED_BYTES)) {
            return G2Affine.INFINITY;
        }
        Fq2 x = Fq2.of(fqMontgomery(b, off, "G2 x.c0"), fqMontgomery(b, off + 32, "G2 x.c1"));
        Fq2 y = Fq2.of(fqMontgomery(b, off + 64, "G2 y.c0"), fqMontgomery(b, off + 96, "G2 y.c1"));
        G2Affine p = G2Affine.unchecked(x, y);
        if (!p.isOnCurve()) {
            throw new IllegalArgumentException("point (" + x + ", " + y
                    + ") is not on the BN254 G2 twist curve y^2 = x^3 + 3/(9+u)");
        }
        return p;
    }

    /** Writes p as x.c0‖x.c1‖y.c0‖y.c1, each 32-byte LE Montgomery (128 bytes; infinity is all zero). */
    public static void writeG2Montgomery(G2Affine p, byte[] out, int off) {
        requireLength(out, off, G2_UNCOMPRESSED_BYTES, "LE-Montgomery G2 output");
        if (p.isInfinity()) {
            Arrays.fill(out, off, off + G2_UNCOMPRESSED_BYTES, (byte) 0);
            return;
        }
        p.x().c0().toMontgomeryLE(out, off);
        p.x().c1().toMontgomeryLE(out, off + 32);
        p.y().c0().toMontgomeryLE(out, off + 64);
        p.y().c1().toMontgomeryLE(out, off + 96);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void putFq2BE(Fq2 a, byte[] out, int off) {
        System.arraycopy(a.c1().toBytesBE(), 0, out, off, 32);
        System.arraycopy(a.c0().toBytesBE(), 0, out, off + 32, 32);
    }

    private static Fq fqBE(byte[] b, int off, String what) {
        try {
            return Fq.fromBytesBE(b, off);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " coordinate is not a canonical field element (must be < p): "
                    + e.getMessage(), e);
        }
    }

    private static Fq fqMontgomery(byte[] b, int off, String what) {
        try {
            return Fq.fromMontgomeryLE(b, off);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " coordinate (LE Montgomery) is not a canonical field element "
                    + "(must be < p): " + e.getMessage(), e);
        }
    }

    private static <T> T requireInfinityBody(byte[] body, String what, T infinity) {
        if (!allZero(body, 0, body.length)) {
            throw new IllegalArgumentException(what + " point has the infinity flag but non-zero coordinate bytes");
        }
        return infinity;
    }

    private static void requireCompressedFlag(int flag, String what) {
        if (flag != FLAG_SMALLEST && flag != FLAG_LARGEST) {
            throw new IllegalArgumentException(what + " point has no compression flag (top bits 00); "
                    + "expected 10 (smaller y), 11 (larger y) or 01 (infinity)");
        }
    }

    private static void requireLength(byte[] b, int off, int n, String what) {
        if (off < 0 || b.length - off < n) {
            throw new IllegalArgumentException(what + " needs " + n + " bytes at offset " + off + ", but only "
                    + Math.max(0, b.length - off) + " are there");
        }
    }

    private static boolean allZero(byte[] b, int off, int n) {
        int acc = 0;
        for (int i = off; i < off + n; i++) {
            acc |= b[i];
        }
        return acc == 0;
    }
}
