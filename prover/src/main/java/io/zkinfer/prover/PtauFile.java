package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.circuits.format.BinFile;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A prepared snarkjs powers-of-tau file ({@code .ptau}, binfile type "ptau", version 1) for BN254.
 *
 * <p>Sections: 1 header (u32 n8 = 32, the base-field prime, u32 power, u32 ceremonyPower); 2 τⁱ·G1
 * (2·2^power − 1 points); 3 τⁱ·G2; 4 α·τⁱ·G1; 5 β·τⁱ·G1 (2^power points each); 6 β·G2; 7 contributions; and,
 * once {@code snarkjs powersoftau prepare phase2} has run, the Lagrange forms 12 (τ, G1), 13 (τ, G2),
 * 14 (ατ, G1), 15 (βτ, G1): for every level k = 0..power (section 12 also k = power+1) the 2^k values
 * Lⱼ^{(2^k)}(τ)·G, stored level after level, so level k starts at point 2^k − 1. Points are in the
 * {@link PointIo} LE-Montgomery layout.
 *
 * <p>{@link #read(Path)} checks the header and the section table and loads the three single points; the
 * Lagrange levels are read on demand, so a large ceremony file is never loaded whole.
 */
public final class PtauFile {

    private static final BigInteger BN254_Q = Fq.MODULUS;
    private static final BinFile.Format FORMAT = new BinFile.Format("ptau", "snarkjs .ptau", 1);

    private final Path path;
    private final int power;
    private final int ceremonyPower;
    private final G1Affine alpha1;
    private final G1Affine beta1;
    private final G2Affine beta2;

    private PtauFile(Path path, int power, int ceremonyPower, G1Affine alpha1, G1Affine beta1, G2Affine beta2) {
        this.path = path;
        this.power = power;
        this.ceremonyPower = ceremonyPower;
        this.alpha1 = alpha1;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    /**
     * Opens and checks a prepared {@code .ptau}.
     *
     * @throws IOException on I/O errors, a non-BN254 or malformed file, or a file not prepared for phase 2
     */
    public static PtauFile read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (BinFile f = BinFile.open(path, FORMAT)) {
            ByteBuffer h = f.section(1, "header").read();
            int n8 = h.getInt();
            if (n8 != 32) {
                throw new IOException(path + ": field size " + n8 + " bytes; only BN254 (32-byte) ceremonies are supported");
            }
            byte[] qBytes = new byte[32];
            h.get(qBytes);
            if (!BinFile.fromLittleEndian(qBytes).equals(BN254_Q)) {
                throw new IOException(path + ": the ceremony is not over BN254 (alt_bn128); zkinfer needs a BN254 .ptau");
            }
            int power = h.getInt();
            int ceremonyPower = h.getInt();
            if (power < 1 || power > ProvingKey.MAX_POWER) {
                throw new IOException(path + ": power " + power + " is out of range 1.." + ProvingKey.MAX_POWER);
            }
            for (int s = 12; s <= 15; s++) {
                if (!f.has(s)) {
                    throw new IOException(path + ": this powers-of-tau file is not prepared for phase 2 (no Lagrange"
                            + " section " + s + "); run snarkjs powersoftau prepare phase2 <in.ptau> <out.ptau> first");
                }
            }
            long g1Levels = ((1L << (power + 1)) - 1) * PointIo.G1_BYTES;
            requireSize(f.section(12, lagrangeName(12)), ((1L << (power + 2)) - 1) * PointIo.G1_BYTES);
            requireSize(f.section(13, lagrangeName(13)), ((1L << (power + 1)) - 1) * PointIo.G2_BYTES);
            requireSize(f.section(14, lagrangeName(14)), g1Levels);
            requireSize(f.section(15, lagrangeName(15)), g1Levels);
            G1Affine alpha1 = PointIo.readG1(f.section(4, "alpha tau G1").read(0, PointIo.G1_BYTES), "ptau alpha");
            G1Affine beta1 = PointIo.readG1(f.section(5, "beta tau G1").read(0, PointIo.G1_BYTES), "ptau beta (G1)");
            G2Affine beta2 = PointIo.readG2(f.section(6, "beta G2").read(0, PointIo.G2_BYTES), "ptau beta (G2)");
            return new PtauFile(path, power, ceremonyPower, alpha1, beta1, beta2);
        }
    }

    private static void requireSize(BinFile.Section s, long expected) throws IOException {
        if (s.size() != expected) {
            throw new IOException(s.where() + " has " + s.size() + " bytes; expected " + expected
                    + " for this power; the file is truncated or not a snarkjs prepared ptau");
        }
    }

    /** Names of the Lagrange sections 12–15 in messages. */
    private static String lagrangeName(int section) {
        return switch (section) {
            case 12 -> "Lagrange tau G1";
            case 13 -> "Lagrange tau G2";
            case 14 -> "Lagrange alpha tau G1";
            default -> "Lagrange beta tau G1";
        };
    }

    /** The ceremony's maximum domain power: circuits up to 2^power rows. */
    public int power() {
        return power;
    }

    public int ceremonyPower() {
        return ceremonyPower;
    }

    public Path path() {
        return path;
    }

    public G1Affine alpha1() {
        return alpha1;
    }

    public G1Affine beta1() {
        return beta1;
    }

    public G2Affine beta2() {
        return beta2;
    }

    /** Throws a message saying what power is needed when this ceremony is too small for the circuit. */
    public void requirePower(int needed, int nConstraints, int nPublic) {
        if (needed > power) {
            throw new IllegalArgumentException("the circuit has " + nConstraints + " constraints and " + nPublic
                    + " public signals, so it needs a domain of 2^" + needed + " and a powers-of-tau file of power >= "
                    + needed + "; " + path.getFileName() + " has power " + power
                    + "; use a larger prepared ptau (e.g. powersOfTau28_hez_final_" + Math.max(needed, 8) + ".ptau)");
        }
    }

    /** Lⱼ(τ)·G1 over the 2^k-th roots of unity. */
    G1Affine[] tauG1(int k) throws IOException {
        return g1Level(12, k);
    }

    /** Lⱼ(τ)·G2 over the 2^k-th roots of unity. */
    G2Affine[] tauG2(int k) throws IOException {
        checkLevel(k, power);
        int count = 1 << k;
        try (BinFile f = BinFile.open(path, FORMAT)) {
            ByteBuffer b = f.section(13, lagrangeName(13)).read((long) (count - 1) * PointIo.G2_BYTES, byteLength(count, PointIo.G2_BYTES));
            return PointIo.readG2(b, count, true, path.getFileName() + " tauG2 Lagrange level " + k);
        }
    }

    G1Affine[] alphaTauG1(int k) throws IOException {
        return g1Level(14, k);
    }

    G1Affine[] betaTauG1(int k) throws IOException {
        return g1Level(15, k);
    }

    /** L^{(2n)}_{2j+1}(τ)·G1 for j = 0..n−1, n = 2^k: the odd points of level k+1 (the H query before 1/δ). */
    G1Affine[] oddTauG1(int k) throws IOException {
        checkLevel(k, power);
        G1Affine[] all = g1Level(12, k + 1);
        G1Affine[] odd = new G1Affine[1 << k];
        for (int j = 0; j < odd.length; j++) {
            odd[j] = all[2 * j + 1];
        }
        return odd;
    }

    private G1Affine[] g1Level(int section, int k) throws IOException {
        checkLevel(k, section == 12 ? power + 1 : power);
        int count = 1 << k;
        try (BinFile f = BinFile.open(path, FORMAT)) {
            ByteBuffer b = f.section(section, lagrangeName(section)).read((long) (count - 1) * PointIo.G1_BYTES, byteLength(count, PointIo.G1_BYTES));
            return PointIo.readG1(b, count, true, path.getFileName() + " section " + section + " level " + k);
        }
    }

    private int byteLength(int count, int pointBytes) {
        long len = (long) count * pointBytes;
        if (len > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a level of " + count + " points is too large to load at once from "
                    + path.getFileName());
        }
        return (int) len;
    }

    private void checkLevel(int k, int max) {
        if (k < 0 || k > max) {
            throw new IllegalArgumentException("level 2^" + k + " is not in " + path.getFileName() + " (power " + power + ")");
        }
    }
}
