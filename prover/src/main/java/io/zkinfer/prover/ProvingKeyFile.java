package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.verifier.VerifyingKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * zkinfer's compact proving-key file, made for fast loading: a bulk read, one SHA-256, and raw limbs.
 *
 * <pre>
 *   magic        8 bytes  "ZKIPKEY\0"
 *   version      u32      1
 *   nVars        u32      wires including wire 0
 *   nPublic      u32      public signals (without wire 0)
 *   domainSize   u32      n, a power of two
 *   nCoefs       u32      QAP coefficient entries
 *   α·G1, β·G1 (G1), β·G2, γ·G2 (G2), δ·G1 (G1), δ·G2 (G2)
 *   IC           (nPublic + 1) × G1
 *   coefficients nCoefs × (u32 matrix, u32 constraint, u32 signal, 4 × u64 Montgomery limbs of the value)
 *   A, B1        nVars × G1 each
 *   B2           nVars × G2
 *   C            (nVars − nPublic − 1) × G1
 *   H            domainSize × G1
 *   digest       32 bytes SHA-256 of every byte before it
 * </pre>
 * All integers little-endian; G1 = x‖y, G2 = x.c0‖x.c1‖y.c0‖y.c1, each coordinate 4 little-endian u64
 * Montgomery limbs (the snarkjs LEM layout, see {@link PointIo}); infinity is all zero bytes. The matrix
 * ids are those of {@link QapCoefficients} (our keys keep the C matrix for witness checking).
 *
 * <p>On load the digest is verified before anything is parsed; the bulk query points are then taken as
 * written (no per-point curve check), the header points are checked. A wrong digest, a truncated file or
 * a foreign magic is refused with a message naming the file.
 */
public final class ProvingKeyFile {

    static final byte[] MAGIC = "ZKIPKEY\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int HEADER = 8 + 4 * 5;
    private static final int COEF_BYTES = 12 + 32;
    private static final int DIGEST = 32;

    private ProvingKeyFile() {
    }

    /** Writes {@code key} to {@code path} atomically (via a sibling temporary file). */
    public static void write(ProvingKey key, Path path) throws IOException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        int nVars = key.nVars(), nPublic = key.nPublic(), n = key.domainSize();
        QapCoefficients coefs = key.coefficients();
        long size = HEADER + 3L * PointIo.G1_BYTES + 3L * PointIo.G2_BYTES + (nPublic + 1L) * PointIo.G1_BYTES
                + (long) coefs.size() * COEF_BYTES + 2L * nVars * PointIo.G1_BYTES + (long) nVars * PointIo.G2_BYTES
                + (long) (nVars - nPublic - 1) * PointIo.G1_BYTES + (long) n * PointIo.G1_BYTES + DIGEST;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("proving key of " + size + " bytes is too large for the single-buffer key file format");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(nVars).putInt(nPublic).putInt(n).putInt(coefs.size());
        VerifyingKey vk = key.verifyingKey();
        PointIo.writeG1(b, vk.alpha());
        PointIo.writeG1(b, key.beta1());
        PointIo.writeG2(b, vk.beta());
        PointIo.writeG2(b, vk.gamma());
        PointIo.writeG1(b, key.delta1());
        PointIo.writeG2(b, vk.delta());
        for (G1Affine p : vk.ic()) {
            PointIo.writeG1(b, p);
        }
        long[] v = coefs.valueLimbs();
        for (int i = 0; i < coefs.size(); i++) {
            b.putInt(coefs.matrix(i)).putInt(coefs.constraint(i)).putInt(coefs.signal(i));
            for (int k = 0; k < 4; k++) {
                b.putLong(v[4 * i + k]);
            }
        }
        writeAll(b, key.a());
        writeAll(b, key.b1());
        for (G2Affine p : key.b2()) {
            PointIo.writeG2(b, p);
        }
        writeAll(b, key.c());
        writeAll(b, key.h());
        b.put(sha256(b.array(), b.position()));
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, b.array());
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeAll(ByteBuffer b, G1Affine[] points) {
        for (G1Affine p : points) {
            PointIo.writeG1(b, p);
        }
    }

    /** Reads a key written by {@link #write}, verifying its SHA-256 digest first. */
    public static ProvingKey read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        long fileSize = Files.size(path);
        if (fileSize < HEADER + DIGEST || fileSize > Integer.MAX_VALUE - 16) {
            throw new IOException(path + ": " + fileSize + " bytes is not a zkinfer proving key file");
        }
        byte[] bytes = Files.readAllBytes(path);
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(path + ": not a zkinfer proving key file (bad magic); snarkjs keys are read with ZkeyFile, either kind with ProvingKeys");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != VERSION) {
            throw new IOException(path + ": proving key file version " + version + " is not supported (expected "
                    + VERSION + "); regenerate the key with this zkinfer");
        }
        byte[] digest = sha256(bytes, bytes.length - DIGEST);
        if (!Arrays.equals(digest, 0, DIGEST, bytes, bytes.length - DIGEST, bytes.length)) {
            throw new IOException(path + ": SHA-256 digest mismatch; the proving key file is corrupt or truncated");
        }
        int nVars = b.getInt(), nPublic = b.getInt(), n = b.getInt(), nCoefs = b.getInt();
        try {
            G1Affine alpha1 = PointIo.readG1(b, "alpha1");
            G1Affine beta1 = PointIo.readG1(b, "beta1");
            G2Affine beta2 = PointIo.readG2(b, "beta2");
            G2Affine gamma2 = PointIo.readG2(b, "gamma2");
            G1Affine delta1 = PointIo.readG1(b, "delta1");
            G2Affine delta2 = PointIo.readG2(b, "delta2");
            G1Affine[] ic = PointIo.readG1(b, nPublic + 1, true, "IC");
            int[] m = new int[nCoefs], c = new int[nCoefs], s = new int[nCoefs];
            long[] v = new long[4 * nCoefs];
            for (int i = 0; i < nCoefs; i++) {
                m[i] = b.getInt();
                c[i] = b.getInt();
                s[i] = b.getInt();
                for (int k = 0; k < 4; k++) {
                    v[4 * i + k] = b.getLong();
                }
            }
            G1Affine[] a = PointIo.readG1(b, nVars, false, "A");
            G1Affine[] b1 = PointIo.readG1(b, nVars, false, "B1");
            G2Affine[] b2 = PointIo.readG2(b, nVars, false, "B2");
            G1Affine[] cq = PointIo.readG1(b, nVars - nPublic - 1, false, "C");
            G1Affine[] h = PointIo.readG1(b, n, false, "H");
            if (b.remaining() != DIGEST) {
                throw new IOException(path + ": " + (b.remaining() - DIGEST) + " unexpected bytes before the digest");
            }
            VerifyingKey vk = new VerifyingKey(alpha1, beta2, gamma2, delta2, List.of(ic));
            return new ProvingKey(vk, beta1, delta1, nVars, nPublic, n, a, b1, b2, cq, h,
                    new QapCoefficients(m, c, s, v));
        } catch (RuntimeException e) {
            throw new IOException(path + ": malformed proving key file: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
