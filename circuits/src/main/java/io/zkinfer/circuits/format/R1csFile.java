package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and writes circom's .r1cs files: iden3 binfile "r1cs" version 1 with section 1 (header:
 * n8 = 32, prime r, nWires, nPubOut, nPubIn, nPrvIn as u32, nLabels as u64, mConstraints as u32),
 * section 2 (constraints: for each of A, B, C a u32 term count, then per term a u32 wire and a 32-byte
 * little-endian coefficient) and the optional section 3 (one u64 label id per wire).
 *
 * <p>Only BN254's scalar field is accepted. PLONK custom-gate sections (4 and 5) are refused; other
 * unknown sections are skipped. Sections may come in any order; writing emits them in circom 2's
 * order (2 constraints, 1 header, then 3 when the R1CS has labels), so a circom file read and written
 * back is byte-identical.
 */
public final class R1csFile {

    static final String MAGIC = "r1cs";
    static final int VERSION = 1;
    static final BinFile.Format FORMAT = new BinFile.Format(MAGIC, ".r1cs", VERSION);
    static final int HEADER = 1;
    static final int CONSTRAINTS = 2;
    static final int WIRE_TO_LABEL = 3;
    private static final int CUSTOM_GATES_LIST = 4;
    private static final int CUSTOM_GATES_USES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(R1csFile.class);

    private R1csFile() {
    }

    /** Reads the .r1cs file at {@code file}. */
    public static R1cs read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads a .r1cs stream to its end; error messages call it "<stream>". */
    public static R1cs read(InputStream in) throws IOException {
        return read(in, "<stream>");
    }

    /** Reads a .r1cs stream to its end; {@code source} names it in error messages. */
    public static R1cs read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    /** Parses .r1cs bytes; {@code source} names them in error messages. */
    public static R1cs read(byte[] data, String source) throws InvalidFileException {
        BinFile file = BinFile.parse(data, source, FORMAT);
        if (file.has(CUSTOM_GATES_LIST) || file.has(CUSTOM_GATES_USES)) {
            throw new InvalidFileException(source + ": has PLONK custom-gate sections (4/5), which Groth16 cannot prove; "
                    + "compile the circuit without custom templates");
        }
        for (int id : file.ids()) {
            if (id < HEADER || id > WIRE_TO_LABEL) {
                LOG.debug("{}: skipping unknown section {}", source, Integer.toUnsignedString(id));
            }
        }

        SectionCursor h = file.section(HEADER, "header").cursor();
        h.requireBn254Prime();
        int nWires = count(h, "nWires");
        int nPubOut = count(h, "nPubOut");
        int nPubIn = count(h, "nPubIn");
        int nPrvIn = count(h, "nPrvIn");
        long nLabels = h.u64("nLabels");
        int nConstraints = count(h, "mConstraints");
        h.expectEnd();
        if (nLabels < 0) {
            throw new InvalidFileException(h.where() + ": nLabels " + Long.toUnsignedString(nLabels) + " is too large");
        }

        SectionCursor c = file.section(CONSTRAINTS, "constraints").cursor();
        List<Constraint> constraints = new ArrayList<>(Math.min(nConstraints, c.remaining() / 12 + 1));
        for (int i = 0; i < nConstraints; i++) {
            LinearCombination a = readLc(c, i, "A", nWires);
            LinearCombination b = readLc(c, i, "B", nWires);
            LinearCombination cc = readLc(c, i, "C", nWires);
            constraints.add(new Constraint(a, b, cc));
        }
        c.expectEnd();

        long[] labels = null;
        if (file.has(WIRE_TO_LABEL)) {
            SectionCursor m = file.section(WIRE_TO_LABEL, "wire2LabelId").cursor();
            if (m.remaining() != 8L * nWires) {
                throw new InvalidFileException(m.where() + ": holds " + m.remaining() + " bytes but nWires = " + nWires
                        + " needs " + 8L * nWires + " (one u64 label id per wire)");
            }
            labels = new long[nWires];
            for (int w = 0; w < nWires; w++) {
                labels[w] = m.u64("label of wire " + w);
            }
        }
        try {
            return R1cs.of(nWires, nPubOut, nPubIn, nPrvIn, nLabels, constraints, labels);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(source + ": inconsistent .r1cs: " + e.getMessage(), e);
        }
    }

    private static int count(SectionCursor h, String what) throws InvalidFileException {
        long v = h.u32(what);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidFileException(h.where() + ": " + what + " = " + v + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private static LinearCombination readLc(SectionCursor c, int constraint, String which, int nWires)
            throws InvalidFileException {
        // descriptions are built only when something is wrong: this loop runs once per term of large circuits
        long n = c.u32(() -> "constraint " + constraint + " " + which + " term count");
        if (n > c.remaining() / (4 + Fr.BYTES)) {
            throw new InvalidFileException(c.where() + ": truncated: constraint " + constraint + " " + which + " declares "
                    + n + " terms but only " + c.remaining() + " bytes remain in the section");
        }
        int[] wires = new int[(int) n];
        Fr[] coeffs = new Fr[(int) n];
        boolean sorted = true;
        for (int t = 0; t < n; t++) {
            int term = t;
            long w = c.u32(() -> "constraint " + constraint + " " + which + " term " + term + " wire");
            if (w >= nWires) {
                throw new InvalidFileException(c.where() + ": constraint " + constraint + " " + which + " term " + t
                        + " uses wire " + w + " but the header declares nWires = " + nWires);
            }
            wires[t] = (int) w;
            coeffs[t] = c.fr(() -> "constraint " + constraint + " " + which + " term " + term + " coefficient");
            sorted &= t == 0 || wires[t] > wires[t - 1];
        }
        if (!sorted) {
            return sortAndMerge(wires, coeffs);
        }
        return LinearCombination.of(wires, coeffs);
    }

    /** Other writers may list terms in any order or repeat a wire; the sum is the same. */
    private static LinearCombination sortAndMerge(int[] wires, Fr[] coeffs) {
        Integer[] order = new Integer[wires.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> wires[i]));
        int[] w = new int[wires.length];
        Fr[] k = new Fr[wires.length];
        int n = 0;
        for (int i : order) {
            if (n > 0 && w[n - 1] == wires[i]) {
                k[n - 1] = k[n - 1].add(coeffs[i]);
            } else {
                w[n] = wires[i];
                k[n] = coeffs[i];
                n++;
            }
        }
        return LinearCombination.of(Arrays.copyOf(w, n), Arrays.copyOf(k, n));
    }

    /** Writes {@code r1cs} to {@code file}, replacing it. */
    public static void write(R1cs r1cs, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(r1cs, out);
        }
    }

    /** The .r1cs encoding of {@code r1cs}. */
    public static byte[] toBytes(R1cs r1cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(r1cs, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code r1cs} to {@code out} (flushed, not closed). */
    public static void write(R1cs r1cs, OutputStream out) throws IOException {
        long constraintBytes = 0;
        for (Constraint k : r1cs.constraints()) {
            constraintBytes += 12L + (4L + Fr.BYTES) * ((long) k.a().size() + k.b().size() + k.c().size());
        }
        BinFileWriter w = new BinFileWriter(out, MAGIC, VERSION, r1cs.hasWireLabels() ? 3 : 2);
        w.section(CONSTRAINTS, constraintBytes);
        for (Constraint k : r1cs.constraints()) {
            writeLc(w, k.a());
            writeLc(w, k.b());
            writeLc(w, k.c());
        }

        w.section(HEADER, BinFileWriter.PRIME_BYTES + 4 * 4 + 8 + 4);
        w.bn254Prime();
        w.u32(r1cs.numWires());
        w.u32(r1cs.numPublicOutputs());
        w.u32(r1cs.numPublicInputs());
        w.u32(r1cs.numPrivateInputs());
        w.u64(r1cs.numLabels());
        w.u32(r1cs.numConstraints());

        if (r1cs.hasWireLabels()) {
            w.section(WIRE_TO_LABEL, 8L * r1cs.numWires());
            for (long label : r1cs.wireToLabel().orElseThrow()) {
                w.u64(label);
            }
        }
        w.finish();
    }

    private static void writeLc(BinFileWriter w, LinearCombination lc) throws IOException {
        w.u32(lc.size());
        for (int t = 0; t < lc.size(); t++) {
            w.u32(lc.wire(t));
            w.fr(lc.coefficient(t));
        }
    }
}
