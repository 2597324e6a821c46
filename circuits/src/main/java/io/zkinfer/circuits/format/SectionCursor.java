package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bounds-checked little-endian reads within one section of a {@link BinFile}; every error names the file and
 * the section ({@link #where()}).
 */
public final class SectionCursor {
    private final byte[] data;
    private final int end;
    private final String where;
    private int pos;

    SectionCursor(byte[] data, int start, int end, String where) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.where = where;
    }

    /** "file: section id (name)", the prefix of messages about this section. */
    public String where() {
        return where;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(long n, Supplier<String> what) throws InvalidFileException {
        if (end - pos < n) {
            throw new InvalidFileException(where + ": truncated: needs " + n + " more bytes for " + what.get()
                    + " but only " + (end - pos) + " remain in the section");
        }
    }

    public long u32(String what) throws InvalidFileException {
        return u32(() -> what);
    }

    /** As {@link #u32(String)}, building the description only on failure (for hot loops). */
    public long u32(Supplier<String> what) throws InvalidFileException {
        need(4, what);
        long v = BinFile.u32(data, pos);
        pos += 4;
        return v;
    }

    public long u64(String what) throws InvalidFileException {
        need(8, () -> what);
        long v = BinFile.u64(data, pos);
        pos += 8;
        return v;
    }

    public byte[] bytes(int n, String what) throws InvalidFileException {
        need(n, () -> what);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A 32-byte little-endian canonical Fr element; rejects values ≥ r. */
    public Fr fr(String what) throws InvalidFileException {
        return fr(() -> what);
    }

    /** As {@link #fr(String)}, building the description only on failure (for hot loops). */
    public Fr fr(Supplier<String> what) throws InvalidFileException {
        need(Fr.BYTES, what);
        if (!isReduced(data, pos)) {
            byte[] le = Arrays.copyOfRange(data, pos, pos + Fr.BYTES);
            throw new InvalidFileException(where + ": " + what.get() + " is unreduced: " + BinFile.fromLittleEndian(le)
                    + " ≥ r; the writer must store field elements reduced mod r");
        }
        Fr v = Fr.fromBytesLE(data, pos);
        pos += Fr.BYTES;
        return v;
    }

    /** Fails unless the whole section was consumed. */
    public void expectEnd() throws InvalidFileException {
        if (pos != end) {
            throw new InvalidFileException(where + ": " + (end - pos)
                    + " unexpected trailing bytes after the content its header announces");
        }
    }

    /**
     * Reads n8 and the prime that open a header section and insists on BN254's r.
     *
     * @throws InvalidFileException naming the prime found when it is another field
     */
    void requireBn254Prime() throws InvalidFileException {
        long n8 = u32("field size n8");
        if (n8 <= 0 || n8 > 1024 || n8 % 8 != 0) {
            throw new InvalidFileException(where + ": invalid field size n8 = " + n8 + " bytes; expected 32 (BN254)");
        }
        BigInteger prime = BinFile.fromLittleEndian(bytes((int) n8, "the field prime"));
        if (n8 != Fr.BYTES || !prime.equals(Fr.MODULUS)) {
            throw new InvalidFileException(where + ": field prime is " + prime + knownCurve(prime)
                    + ", but zkinfer supports only BN254's scalar field r = " + Fr.MODULUS
                    + "; recompile the circuit with circom --prime bn128");
        }
    }

    private static String knownCurve(BigInteger p) {
        if (p.equals(new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16))) {
            return " (BLS12-381's r)";
        }
        if (p.equals(new BigInteger("18446744069414584321"))) {
            return " (Goldilocks)";
        }
        return "";
    }

    private static boolean isReduced(byte[] b, int off) {
        for (int i = Fr.BYTES - 1; i >= 0; i--) {
            int x = b[off + i] & 0xff;
            int m = BinFile.BN254_R_LE[i] & 0xff;
            if (x != m) {
                return x < m;
            }
        }
        return false;
    }
}
