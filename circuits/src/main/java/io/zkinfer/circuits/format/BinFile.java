package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The iden3 "binfile" container shared by .r1cs, .wtns, .zkey and .ptau: a 4-byte ASCII magic, a u32
 * version, a u32 section count, then sections, each a u32 type, a u64 byte length and the payload.
 * All integers little-endian. This class parses the container from memory and checks its bounds.
 */
final class BinFile {

    /** BN254's scalar field modulus r, little-endian in 32 bytes, as the header sections store it. */
    static final byte[] BN254_R_LE = littleEndian(Fr.MODULUS);

    /** A section's type, payload start and payload length. */
    record Section(int type, int offset, int length) {
    }

    private final byte[] data;
    private final String source;
    private final String magic;
    private final int version;
    private final Map<Integer, List<Section>> sections;

    private BinFile(byte[] data, String source, String magic, int version, Map<Integer, List<Section>> sections) {
        this.data = data;
        this.source = source;
        this.magic = magic;
        this.version = version;
        this.sections = sections;
    }

    /**
     * Parses the container.
     *
     * @param source   the file name used in messages
     * @param magic    the expected 4-character type, e.g. "r1cs"
     * @param versions the accepted versions
     */
    static BinFile parse(byte[] data, String source, String magic, int... versions) throws InvalidFileException {
        if (data.length < 12) {
            throw new InvalidFileException(source + ": not a ." + magic + " file: only " + data.length
                    + " bytes, shorter than the 12-byte binfile header");
        }
        String found = new String(data, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!found.equals(magic)) {
            throw new InvalidFileException(source + ": not a ." + magic + " file: magic is '" + printable(found)
                    + "', expected '" + magic + "'");
        }
        int version = (int) u32(data, 4);
        boolean supported = false;
        for (int v : versions) {
            supported |= v == version;
        }
        if (!supported) {
            throw new InvalidFileException(source + ": unsupported ." + magic + " version " + Integer.toUnsignedString(version)
                    + "; zkinfer reads version " + versionList(versions));
        }
        long nSections = u32(data, 8);
        Map<Integer, List<Section>> sections = new LinkedHashMap<>();
        long pos = 12;
        for (long i = 0; i < nSections; i++) {
            if (pos + 12 > data.length) {
                throw new InvalidFileException(source + ": truncated: the file declares " + nSections
                        + " sections but ends inside the header of section #" + (i + 1));
            }
            int type = (int) u32(data, (int) pos);
            long length = u64(data, (int) pos + 4);
            pos += 12;
            if (length < 0 || length > data.length - pos) {
                throw new InvalidFileException(source + ": truncated: section " + Integer.toUnsignedString(type)
                        + " declares " + Long.toUnsignedString(length) + " bytes but only " + (data.length - pos) + " remain");
            }
            sections.computeIfAbsent(type, t -> new ArrayList<>()).add(new Section(type, (int) pos, (int) length));
            pos += length;
        }
        return new BinFile(data, source, magic, version, sections);
    }

    String source() {
        return source;
    }

    int version() {
        return version;
    }

    boolean has(int type) {
        return sections.containsKey(type);
    }

    /** Types of all sections present, in file order of first appearance. */
    List<Integer> types() {
        return List.copyOf(sections.keySet());
    }

    /** A cursor over the only section of {@code type}; {@code name} is used in messages. */
    Cursor section(int type, String name) throws InvalidFileException {
        List<Section> list = sections.get(type);
        if (list == null) {
            throw new InvalidFileException(source + ": missing section " + type + " (" + name + ")");
        }
        if (list.size() > 1) {
            throw new InvalidFileException(source + ": section " + type + " (" + name + ") appears " + list.size()
                    + " times; a ." + magic + " file has it once");
        }
        Section s = list.get(0);
        return new Cursor(data, s.offset(), s.offset() + s.length(), source + ": section " + type + " (" + name + ")");
    }

    /** Bounds-checked little-endian reads within one section. */
    static final class Cursor {
        private final byte[] data;
        private final int end;
        private final String where;
        private int pos;

        Cursor(byte[] data, int start, int end, String where) {
            this.data = data;
            this.pos = start;
            this.end = end;
            this.where = where;
        }

        String where() {
            return where;
        }

        int remaining() {
            return end - pos;
        }

        private void need(long n, Supplier<String> what) throws InvalidFileException {
            if (end - pos < n) {
                throw new InvalidFileException(where + ": truncated: needs " + n + " more bytes for " + what.get()
                        + " but only " + (end - pos) + " remain in the section");
            }
        }

        long u32(String what) throws InvalidFileException {
            return u32(() -> what);
        }

        /** As {@link #u32(String)}, building the description only on failure (for hot loops). */
        long u32(Supplier<String> what) throws InvalidFileException {
            need(4, what);
            long v = BinFile.u32(data, pos);
            pos += 4;
            return v;
        }

        long u64(String what) throws InvalidFileException {
            need(8, () -> what);
            long v = BinFile.u64(data, pos);
            pos += 8;
            return v;
        }

        byte[] bytes(int n, String what) throws InvalidFileException {
            need(n, () -> what);
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }

        /** A 32-byte little-endian canonical Fr element; rejects values ≥ r. */
        Fr fr(String what) throws InvalidFileException {
            return fr(() -> what);
        }

        /** As {@link #fr(String)}, building the description only on failure (for hot loops). */
        Fr fr(Supplier<String> what) throws InvalidFileException {
            need(Fr.BYTES, what);
            if (!isReduced(data, pos)) {
                byte[] le = java.util.Arrays.copyOfRange(data, pos, pos + Fr.BYTES);
                throw new InvalidFileException(where + ": " + what.get() + " is unreduced: " + fromLittleEndian(le)
                        + " ≥ r; the writer must store field elements reduced mod r");
            }
            Fr v = Fr.fromBytesLE(data, pos);
            pos += Fr.BYTES;
            return v;
        }

        /** Fails unless the whole section was consumed. */
        void expectEnd() throws InvalidFileException {
            if (pos != end) {
                throw new InvalidFileException(where + ": " + (end - pos)
                        + " unexpected trailing bytes after the content its header announces");
            }
        }
    }

    /**
     * Reads n8 and the prime of a header section and insists on BN254's r.
     *
     * @throws InvalidFileException naming the prime found when it is another field
     */
    static void readBn254Prime(Cursor c) throws InvalidFileException {
        long n8 = c.u32("field size n8");
        if (n8 <= 0 || n8 > 1024 || n8 % 8 != 0) {
            throw new InvalidFileException(c.where() + ": invalid field size n8 = " + n8 + " bytes; expected 32 (BN254)");
        }
        BigInteger prime = fromLittleEndian(c.bytes((int) n8, "the field prime"));
        if (n8 != Fr.BYTES || !prime.equals(Fr.MODULUS)) {
            throw new InvalidFileException(c.where() + ": field prime is " + prime + knownCurve(prime)
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

    static boolean isReduced(byte[] b, int off) {
        for (int i = Fr.BYTES - 1; i >= 0; i--) {
            int x = b[off + i] & 0xff;
            int m = BN254_R_LE[i] & 0xff;
            if (x != m) {
                return x < m;
            }
        }
        return false;
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) {
            be[le.length - i] = le[i];
        }
        return new BigInteger(be);
    }

    static byte[] littleEndian(BigInteger v) {
        byte[] out = new byte[Fr.BYTES];
        byte[] be = v.toByteArray();
        for (int i = 0; i < be.length && i < Fr.BYTES; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
        }
        return sb.toString();
    }

    private static String versionList(int[] versions) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < versions.length; i++) {
            sb.append(i == 0 ? "" : " or ").append(versions[i]);
        }
        return sb.toString();
    }
}
