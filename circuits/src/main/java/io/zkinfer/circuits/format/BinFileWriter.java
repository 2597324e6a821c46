package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an iden3 binfile container (see {@link BinFile}) into memory: header, then sections written one
 * at a time, each section's u64 length patched when it ends.
 */
final class BinFileWriter {

    private byte[] buf = new byte[1 << 12];
    private int size;
    private int sectionLengthAt = -1;

    BinFileWriter(String magic, int version, int nSections) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (m.length != 4) {
            throw new IllegalArgumentException("binfile magic must be 4 ASCII characters: '" + magic + "'");
        }
        bytes(m);
        u32(version);
        u32(nSections);
    }

    void beginSection(int type) {
        if (sectionLengthAt >= 0) {
            throw new IllegalStateException("section still open");
        }
        u32(type);
        sectionLengthAt = size;
        u64(0);
    }

    void endSection() {
        if (sectionLengthAt < 0) {
            throw new IllegalStateException("no section open");
        }
        long length = size - sectionLengthAt - 8L;
        for (int i = 0; i < 8; i++) {
            buf[sectionLengthAt + i] = (byte) (length >>> (8 * i));
        }
        sectionLengthAt = -1;
    }

    void u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    void u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** A field element as 32 bytes little-endian, standard (non-Montgomery) form. */
    void fr(Fr v) {
        ensure(Fr.BYTES);
        v.toBytesLE(buf, size);
        size += Fr.BYTES;
    }

    /** n8 = 32 followed by BN254's r, the start of every header section. */
    void bn254Prime() {
        u32(Fr.BYTES);
        bytes(BinFile.BN254_R_LE);
    }

    byte[] toByteArray() {
        if (sectionLengthAt >= 0) {
            throw new IllegalStateException("section still open");
        }
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (buf.length - size < n) {
            long want = Math.max((long) buf.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("binfile larger than 2 GiB is not supported yet");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
