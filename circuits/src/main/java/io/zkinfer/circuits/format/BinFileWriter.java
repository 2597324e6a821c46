package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Streams an iden3 binfile container (see {@link BinFile}): the header, then sections whose byte
 * lengths the caller computes up front, so nothing is buffered beyond the stream's own buffer.
 * The writer checks that each section receives exactly the bytes it announced. Used for .r1cs and
 * .wtns here and for snarkjs .zkey by the prover.
 */
public final class BinFileWriter {

    private final OutputStream out;
    private final byte[] scratch = new byte[Fr.BYTES];
    private int sectionsLeft;
    private long sectionLeft;

    /** Writes the container header: the 4-character {@code magic}, {@code version} and the section count. */
    public BinFileWriter(OutputStream out, String magic, int version, int nSections) throws IOException {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (m.length != 4) {
            throw new IllegalArgumentException("binfile magic must be 4 ASCII characters: '" + magic + "'");
        }
        this.out = out;
        out.write(m);
        raw(version, 4);
        raw(nSections, 4);
        this.sectionsLeft = nSections;
    }

    /** Starts a section of {@code length} payload bytes. */
    public void section(int id, long length) throws IOException {
        if (sectionLeft != 0) {
            throw new IllegalStateException("previous section is " + sectionLeft + " bytes short of its announced length");
        }
        if (sectionsLeft-- == 0) {
            throw new IllegalStateException("more sections than announced in the file header");
        }
        raw(id, 4);
        raw(length, 8);
        sectionLeft = length;
    }

    /** Writes a whole section whose payload is the remaining bytes of {@code body}. */
    public void section(int id, ByteBuffer body) throws IOException {
        section(id, body.remaining());
        take(body.remaining());
        if (body.hasArray()) {
            out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            body.position(body.limit());
        } else {
            byte[] copy = new byte[body.remaining()];
            body.get(copy);
            out.write(copy);
        }
    }

    /** Checks that every announced section was written in full; does not close the stream. */
    public void finish() throws IOException {
        if (sectionLeft != 0 || sectionsLeft != 0) {
            throw new IllegalStateException("binfile incomplete: " + sectionsLeft + " sections and "
                    + sectionLeft + " bytes of the current one still to write");
        }
        out.flush();
    }

    public void u32(long v) throws IOException {
        take(4);
        raw(v, 4);
    }

    public void u64(long v) throws IOException {
        take(8);
        raw(v, 8);
    }

    public void bytes(byte[] b) throws IOException {
        take(b.length);
        out.write(b);
    }

    /** A field element as 32 bytes little-endian, standard (non-Montgomery) form. */
    public void fr(Fr v) throws IOException {
        take(Fr.BYTES);
        v.toBytesLE(scratch, 0);
        out.write(scratch, 0, Fr.BYTES);
    }

    /** Bytes taken by {@link #bn254Prime()}. */
    static final int PRIME_BYTES = 4 + Fr.BYTES;

    /** n8 = 32 followed by BN254's r, the start of every header section. */
    void bn254Prime() throws IOException {
        u32(Fr.BYTES);
        bytes(BinFile.BN254_R_LE);
    }

    private void take(int n) {
        if (sectionLeft < n) {
            throw new IllegalStateException("writing " + n + " bytes past the announced section length");
        }
        sectionLeft -= n;
    }

    private void raw(long v, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            scratch[i] = (byte) (v >>> (8 * i));
        }
        out.write(scratch, 0, n);
    }
}
