package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import io.zkinfer.circuits.format.BinFile;
import io.zkinfer.circuits.format.BinFileWriter;
import io.zkinfer.verifier.VerifyingKey;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reader for snarkjs groth16 proving keys ({@code .zkey}, binfile type "zkey", versions 1–2) over BN254.
 *
 * <p>Sections (snarkjs {@code zkey_utils.js}): 1 protocol id (u32: 1 Groth16, 2 PLONK, 10 FFLONK);
 * 2 Groth16 header: u32 n8q, q, u32 n8r, r, u32 nVars, u32 nPublic, u32 domainSize, then α·G1, β·G1, β·G2,
 * γ·G2, δ·G1, δ·G2; 3 IC (nPublic+1 G1); 4 coefficients: u32 count, then (u32 matrix, u32 constraint,
 * u32 signal, 32-byte value) where the value bytes are v·R² mod r in standard little-endian form (R = 2^256;
 * so that, read as a Montgomery element, it multiplies a standard-form witness value into Montgomery form);
 * 5 A, 6 B1 (G1, nVars each), 7 B2 (G2, nVars), 8 C (G1, nVars − nPublic − 1), 9 H (G1, domainSize);
 * 10 contributions (ignored here). Points use the {@link PointIo} LE-Montgomery layout.
 *
 * <p>{@link #write} exports any {@link ProvingKey} in this format (A and B coefficients only, an empty
 * contribution list), so {@code snarkjs groth16 prove} can use keys made by {@link Groth16Setup}.
 */
public final class ZkeyFile {

    private static final int GROTH16 = 1, PLONK = 2, FFLONK = 10;
    private static final BinFile.Format FORMAT = new BinFile.Format("zkey", "snarkjs .zkey", 1, 2);

    private ZkeyFile() {
    }

    /**
     * Reads a Groth16 {@code .zkey}.
     *
     * @throws IOException on I/O errors, malformed files, another curve, or a PLONK/FFLONK key
     */
    public static ProvingKey read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (BinFile f = BinFile.open(path, FORMAT)) {
            int protocol = f.section(1, "protocol").read().getInt();
            if (protocol == PLONK || protocol == FFLONK) {
                throw new IOException(path + ": this is a " + (protocol == PLONK ? "PLONK" : "FFLONK")
                        + " proving key; zkinfer proves Groth16 only: make a Groth16 key with snarkjs groth16 setup");
            }
            if (protocol != GROTH16) {
                throw new IOException(path + ": unknown zkey protocol id " + protocol + "; expected 1 (Groth16)");
            }
            ByteBuffer h = f.section(2, "header").read();
            requirePrime(path, h, Fq.MODULUS, "base field q");
            requirePrime(path, h, Fr.MODULUS, "scalar field r");
            int nVars = h.getInt();
            int nPublic = h.getInt();
            int domainSize = h.getInt();
            if (nVars < 1 || nPublic < 0 || nPublic >= nVars || domainSize < 2 || Integer.bitCount(domainSize) != 1) {
                throw new IOException(path + ": inconsistent header (nVars " + nVars + ", nPublic " + nPublic
                        + ", domainSize " + domainSize + ")");
            }
            G1Affine alpha1 = PointIo.readG1(h, "zkey alpha1");
            G1Affine beta1 = PointIo.readG1(h, "zkey beta1");
            G2Affine beta2 = PointIo.readG2(h, "zkey beta2");
            G2Affine gamma2 = PointIo.readG2(h, "zkey gamma2");
            G1Affine delta1 = PointIo.readG1(h, "zkey delta1");
            G2Affine delta2 = PointIo.readG2(h, "zkey delta2");

            G1Affine[] ic = g1Section(f, 3, nPublic + 1, "IC", path);
            QapCoefficients coefs = coefficients(f, path);
            G1Affine[] a = g1Section(f, 5, nVars, "A", path);
            G1Affine[] b1 = g1Section(f, 6, nVars, "B1", path);
            BinFile.Section b2s = sized(f, 7, "B2", (long) nVars * PointIo.G2_BYTES);
            G2Affine[] b2 = PointIo.readG2(b2s.read(), nVars, true, path.getFileName() + " B2");
            G1Affine[] c = g1Section(f, 8, nVars - nPublic - 1, "C", path);
            G1Affine[] hq = g1Section(f, 9, domainSize, "H", path);
            VerifyingKey vk = new VerifyingKey(alpha1, beta2, gamma2, delta2, List.of(ic));
            try {
                return new ProvingKey(vk, beta1, delta1, nVars, nPublic, domainSize, a, b1, b2, c, hq, coefs);
            } catch (IllegalArgumentException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code key} as a snarkjs groth16 {@code .zkey} (version 1, ten sections). */
    public static void write(ProvingKey key, Path path) throws IOException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        QapCoefficients coefs = key.coefficients();
        int nAb = coefs.count(QapCoefficients.A) + coefs.count(QapCoefficients.B);
        VerifyingKey vk = key.verifyingKey();
        long largest = Math.max(Math.max(4 + 44L * nAb, (long) key.nVars() * PointIo.G2_BYTES),
                (long) Math.max(key.nVars(), key.domainSize()) * PointIo.G1_BYTES);
        if (largest > Integer.MAX_VALUE - 16) {
            throw new IOException("a .zkey section of " + largest + " bytes is too large to write from one buffer");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            BinFileWriter w = new BinFileWriter(out, "zkey", 1, 10);
            writeSection(w, 1, 4, b -> b.putInt(GROTH16));
            writeSection(w, 2, (4 + 32) * 2 + 12 + 3 * PointIo.G1_BYTES + 3 * PointIo.G2_BYTES, b -> {
                b.putInt(32).put(BinFile.littleEndian(Fq.MODULUS)).putInt(32).put(BinFile.littleEndian(Fr.MODULUS));
                b.putInt(key.nVars()).putInt(key.nPublic()).putInt(key.domainSize());
                PointIo.writeG1(b, vk.alpha());
                PointIo.writeG1(b, key.beta1());
                PointIo.writeG2(b, vk.beta());
                PointIo.writeG2(b, vk.gamma());
                PointIo.writeG1(b, key.delta1());
                PointIo.writeG2(b, vk.delta());
            });
            writeSection(w, 3, (key.nPublic() + 1L) * PointIo.G1_BYTES, b -> vk.ic().forEach(p -> PointIo.writeG1(b, p)));
            writeSection(w, 4, 4 + 44L * nAb, b -> {
                b.putInt(nAb);
                long[] v = coefs.valueLimbs();
                long[] t = new long[4];
                for (int i = 0; i < coefs.size(); i++) {
                    if (coefs.matrix(i) > QapCoefficients.B) {
                        continue;
                    }
                    b.putInt(coefs.matrix(i)).putInt(coefs.constraint(i)).putInt(coefs.signal(i));
                    FrArithmetic.toMontgomery(v, 4 * i, t, 0); // v·R (Montgomery limbs of v) → v·R², as snarkjs stores
                    for (long l : t) {
                        b.putLong(l);
                    }
                }
            });
            writeG1Section(w, 5, key.a());
            writeG1Section(w, 6, key.b1());
            writeSection(w, 7, (long) key.nVars() * PointIo.G2_BYTES, b -> {
                for (G2Affine p : key.b2()) {
                    PointIo.writeG2(b, p);
                }
            });
            writeG1Section(w, 8, key.c());
            writeG1Section(w, 9, key.h());
            writeSection(w, 10, 64 + 4, b -> b.put(new byte[64]).putInt(0)); // circuit hash (not computed), no contributions
            w.finish();
        }
    }

    private static void writeG1Section(BinFileWriter w, int id, G1Affine[] points) throws IOException {
        writeSection(w, id, (long) points.length * PointIo.G1_BYTES, b -> {
            for (G1Affine p : points) {
                PointIo.writeG1(b, p);
            }
        });
    }

    /** Writes section {@code id} of {@code size} bytes (checked by {@link #write}), filled by {@code body}. */
    private static void writeSection(BinFileWriter w, int id, long size, Consumer<ByteBuffer> body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        body.accept(b);
        w.section(id, b.flip());
    }

    private static G1Affine[] g1Section(BinFile f, int id, int count, String name, Path path) throws IOException {
        BinFile.Section s = sized(f, id, name, (long) count * PointIo.G1_BYTES);
        return PointIo.readG1(s.read(), count, true, path.getFileName() + " " + name);
    }

    /** Section {@code id}, checked to hold {@code expected} bytes. */
    private static BinFile.Section sized(BinFile f, int id, String name, long expected) throws IOException {
        BinFile.Section s = f.section(id, name);
        if (s.size() != expected) {
            throw new IOException(s.where() + " has " + s.size() + " bytes; expected " + expected);
        }
        return s;
    }

    private static QapCoefficients coefficients(BinFile f, Path path) throws IOException {
        BinFile.Section section = f.section(4, "coefficients");
        ByteBuffer b = section.read();
        int count = b.getInt();
        if ((long) count * 44 + 4 != section.size()) {
            throw new IOException(path + ": coefficient section holds " + section.size() + " bytes, not 4 + 44·" + count);
        }
        QapCoefficients.Builder builder = new QapCoefficients.Builder();
        long[] l = new long[4];
        for (int i = 0; i < count; i++) {
            int m = b.getInt();
            int c = b.getInt();
            int s = b.getInt();
            for (int k = 0; k < 4; k++) {
                l[k] = b.getLong();
            }
            if (!MontgomeryLimbs.lessThan(l, 0, MontgomeryLimbs.R)) {
                throw new IOException(path + ": coefficient " + i + " is not reduced modulo r");
            }
            if (m != QapCoefficients.A && m != QapCoefficients.B) {
                throw new IOException(path + ": coefficient " + i + " belongs to matrix " + m + "; expected 0 (A) or 1 (B)");
            }
            // bytes hold v·R² mod r; one Montgomery reduction gives v·R, the Montgomery limbs of v
            FrArithmetic.fromMontgomery(l, 0, l, 0);
            builder.addLimbs(m, c, s, l[0], l[1], l[2], l[3]);
        }
        return builder.build();
    }

    private static void requirePrime(Path path, ByteBuffer h, BigInteger expected, String what) throws IOException {
        int n8 = h.getInt();
        if (n8 != 32) {
            throw new IOException(path + ": " + what + " is " + n8 + " bytes; only BN254 keys are supported");
        }
        byte[] bytes = new byte[32];
        h.get(bytes);
        if (!BinFile.fromLittleEndian(bytes).equals(expected)) {
            throw new IOException(path + ": the key is not over BN254 (alt_bn128): its " + what + " differs");
        }
    }
}
