package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Witness;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes snarkjs's .wtns files: iden3 binfile "wtns" version 2 with section 1 (n8 = 32,
 * prime r, u32 nWitness) and section 2 (nWitness values, each 32 bytes little-endian in standard,
 * non-Montgomery form), as written by {@code snarkjs wtns calculate} and circom's witness generators.
 */
public final class WtnsFile {

    static final String MAGIC = "wtns";
    static final int VERSION = 2;
    static final BinFile.Format FORMAT = new BinFile.Format(MAGIC, ".wtns", VERSION);
    static final int HEADER = 1;
    static final int VALUES = 2;

    private WtnsFile() {
    }

    /** Reads the .wtns file at {@code file}. */
    public static Witness read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads a .wtns stream to its end; error messages call it "<stream>". */
    public static Witness read(InputStream in) throws IOException {
        return read(in, "<stream>");
    }

    /** Reads a .wtns stream to its end; {@code source} names it in error messages. */
    public static Witness read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    /** Parses .wtns bytes; {@code source} names them in error messages. */
    public static Witness read(byte[] data, String source) throws InvalidFileException {
        BinFile file = BinFile.parse(data, source, FORMAT);
        SectionCursor h = file.section(HEADER, "header").cursor();
        h.requireBn254Prime();
        long n = h.u32("nWitness");
        h.expectEnd();

        SectionCursor v = file.section(VALUES, "witness values").cursor();
        if (v.remaining() != n * Fr.BYTES) {
            throw new InvalidFileException(v.where() + ": " + (v.remaining() < n * Fr.BYTES ? "truncated: " : "")
                    + "holds " + v.remaining() + " bytes but nWitness = " + n + " needs " + n * Fr.BYTES);
        }
        if (n == 0) {
            throw new InvalidFileException(h.where() + ": nWitness = 0, but a witness holds at least wire 0 (the constant 1)");
        }
        Fr[] values = new Fr[(int) n];
        for (int i = 0; i < n; i++) {
            int index = i;
            values[i] = v.fr(() -> "witness value " + index);
        }
        if (!values[0].isOne()) {
            throw new InvalidFileException(v.where() + ": witness value 0 must be 1 (the constant wire) but is " + values[0]);
        }
        return Witness.of(values);
    }

    /** Writes {@code witness} to {@code file}, replacing it. */
    public static void write(Witness witness, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(witness, out);
        }
    }

    /** The .wtns encoding of {@code witness}. */
    public static byte[] toBytes(Witness witness) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(witness, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code witness} to {@code out} (flushed, not closed). */
    public static void write(Witness witness, OutputStream out) throws IOException {
        BinFileWriter w = new BinFileWriter(out, MAGIC, VERSION, 2);
        w.section(HEADER, BinFileWriter.PRIME_BYTES + 4);
        w.bn254Prime();
        w.u32(witness.size());
        w.section(VALUES, (long) Fr.BYTES * witness.size());
        for (int i = 0; i < witness.size(); i++) {
            w.fr(witness.get(i));
        }
        w.finish();
    }
}
