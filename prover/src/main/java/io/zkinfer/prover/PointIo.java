package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The snarkjs "LEM" point layout shared by {@code .zkey}, {@code .ptau} and our {@link ProvingKeyFile}:
 * affine coordinates as 32-byte little-endian Montgomery field elements, G1 as x‖y (64 bytes), G2 as
 * x.c0‖x.c1‖y.c0‖y.c1 (128 bytes); the point at infinity is all zero bytes (never a curve point).
 *
 * <p>Checked reads reject non-canonical coordinates and points off the curve; single header points in G2
 * are also checked for the order-r subgroup. Bulk G2 query points are not subgroup-checked (a proving key
 * with a bad point yields proofs that fail verification, which the verifier detects). Unchecked reads trust
 * the bytes and are used only behind a verified digest.
 */
final class PointIo {

    static final int G1_BYTES = 64;
    static final int G2_BYTES = 128;

    private PointIo() {
    }

    static G1Affine[] readG1(ByteBuffer buf, int count, boolean checked, String what) {
        G1Affine[] out = new G1Affine[count];
        ByteBuffer src = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        forChunks(count, (from, to) -> {
            long[] l = new long[8];
            for (int i = from; i < to; i++) {
                if (readLimbs(src, i * G1_BYTES, l, 8)) {
                    out[i] = G1Affine.INFINITY;
                    continue;
                }
                Fq x = fq(l, 0, checked, what, i);
                Fq y = fq(l, 4, checked, what, i);
                G1Affine p = G1Affine.unchecked(x, y);
                if (checked && !p.isOnCurve()) {
                    throw new IllegalArgumentException(what + " point " + i + " is not on the BN254 G1 curve; the file is corrupt");
                }
                out[i] = p;
            }
        });
        buf.position(buf.position() + count * G1_BYTES);
        return out;
    }

    static G2Affine[] readG2(ByteBuffer buf, int count, boolean checked, String what) {
        G2Affine[] out = new G2Affine[count];
        ByteBuffer src = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        forChunks(count, (from, to) -> {
            long[] l = new long[16];
            for (int i = from; i < to; i++) {
                if (readLimbs(src, i * G2_BYTES, l, 16)) {
                    out[i] = G2Affine.INFINITY;
                    continue;
                }
                Fq2 x = Fq2.of(fq(l, 0, checked, what, i), fq(l, 4, checked, what, i));
                Fq2 y = Fq2.of(fq(l, 8, checked, what, i), fq(l, 12, checked, what, i));
                G2Affine p = G2Affine.unchecked(x, y);
                if (checked && !p.isOnCurve()) {
                    throw new IllegalArgumentException(what + " point " + i + " is not on the BN254 G2 twist curve; the file is corrupt");
                }
                out[i] = p;
            }
        });
        buf.position(buf.position() + count * G2_BYTES);
        return out;
    }

    /** Runs {@code body} over [0, count) in chunks, in parallel when large. */
    private static void forChunks(int count, java.util.function.BiConsumer<Integer, Integer> body) {
        int chunk = 4096;
        int chunks = (count + chunk - 1) / chunk;
        if (chunks <= 1) {
            body.accept(0, count);
            return;
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(c -> body.accept(c * chunk, Math.min(count, (c + 1) * chunk)));
    }

    /** One fully validated G1 point (canonical, on the curve). */
    static G1Affine readG1(ByteBuffer buf, String what) {
        return readG1(buf, 1, true, what)[0];
    }

    /** One fully validated G2 point (canonical, on the twist, in the order-r subgroup): for key headers. */
    static G2Affine readG2(ByteBuffer buf, String what) {
        G2Affine p = readG2(buf, 1, true, what)[0];
        if (p.isInfinity()) {
            return p;
        }
        try {
            return G2Affine.of(p.x(), p.y());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + "; the file is corrupt", e);
        }
    }

    static void writeG1(ByteBuffer out, G1Affine p) {
        if (p.isInfinity()) {
            for (int i = 0; i < 8; i++) {
                out.putLong(0L);
            }
            return;
        }
        writeFq(out, p.x());
        writeFq(out, p.y());
    }

    static void writeG2(ByteBuffer out, G2Affine p) {
        if (p.isInfinity()) {
            for (int i = 0; i < 16; i++) {
                out.putLong(0L);
            }
            return;
        }
        writeFq(out, p.x().c0());
        writeFq(out, p.x().c1());
        writeFq(out, p.y().c0());
        writeFq(out, p.y().c1());
    }

    private static void writeFq(ByteBuffer out, Fq v) {
        for (int i = 0; i < 4; i++) {
            out.putLong(v.limb(i));
        }
    }

    /** Reads n little-endian longs at byte {@code at}; returns true when all are zero. */
    private static boolean readLimbs(ByteBuffer buf, int at, long[] l, int n) {
        long or = 0;
        for (int i = 0; i < n; i++) {
            l[i] = buf.getLong(at + 8 * i);
            or |= l[i];
        }
        return or == 0;
    }

    private static Fq fq(long[] l, int off, boolean checked, String what, int index) {
        if (checked && !MontgomeryLimbs.lessThan(l, off, MontgomeryLimbs.Q)) {
            throw new IllegalArgumentException(what + " point " + index
                    + " has a coordinate that is not reduced modulo the BN254 base field; the file is corrupt");
        }
        return Fq.fromMontgomeryLimbs(l[off], l[off + 1], l[off + 2], l[off + 3]);
    }
}
