package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads circom2's .r1cs fixtures and the writer's output; runs without Node.js. */
class R1csFileTest {

    private static final String SRC = "multiplier.r1cs";

    @Test
    void readsCircomMultiplier() throws Exception {
        R1cs r = R1csFile.read(FixtureFiles.bytes(SRC), SRC);
        assertEquals(4, r.numWires());
        assertEquals(1, r.numPublicOutputs());
        assertEquals(1, r.numPublicInputs());
        assertEquals(1, r.numPrivateInputs());
        assertEquals(2, r.numPublic());
        assertEquals(4, r.numLabels());
        assertEquals(1, r.numConstraints());
        assertArrayEquals(new long[] {0, 1, 2, 3}, r.wireToLabel().orElseThrow());
        // circom writes c = a·b as (−a)·(b) = (−c)
        Constraint k = r.constraint(0);
        assertEquals(LinearCombination.term(2, Fr.of(-1)), k.a());
        assertEquals(LinearCombination.term(3, Fr.ONE), k.b());
        assertEquals(LinearCombination.term(1, Fr.of(-1)), k.c());
    }

    @Test
    void roundTripIsByteIdentical() throws Exception {
        for (String name : List.of(SRC, "affine_pair.r1cs")) {
            byte[] original = FixtureFiles.bytes(name);
            R1cs r = R1csFile.read(original, name);
            assertArrayEquals(original, R1csFile.toBytes(r), name);
            assertEquals(r, R1csFile.read(R1csFile.toBytes(r), name));
        }
    }

    @Test
    void writesAndReadsFilesWithoutLabels(@TempDir Path dir) throws Exception {
        R1cs r = R1cs.of(3, 1, 1, 0, List.of(new Constraint(
                LinearCombination.term(2, Fr.of(2)), LinearCombination.term(2, Fr.ONE), LinearCombination.term(1, Fr.ONE))));
        Path file = dir.resolve("square.r1cs");
        R1csFile.write(r, file);
        R1cs back = R1csFile.read(file);
        assertEquals(r, back);
        assertFalse(back.hasWireLabels());
    }

    @Test
    void sortsAndMergesTermsFromOtherWriters() throws Exception {
        byte[] b = FixtureFiles.bytes("affine_pair.r1cs");
        R1cs r = R1csFile.read(b, "affine_pair.r1cs");
        // constraint 3's C has 7 terms in increasing wire order; swap the first two terms in place.
        int pos = FixtureFiles.sectionPayload(b, 2);
        for (int k = 0; k < 3 * 3; k++) { // skip constraints 0..2 (A, B, C each)
            pos += 4 + (int) BinFile.u32(b, pos) * 36;
        }
        pos += 4 + 4; // constraint 3: empty A, empty B; now at C's term count
        assertEquals(7, BinFile.u32(b, pos));
        byte[] swapped = b.clone();
        System.arraycopy(b, pos + 4, swapped, pos + 4 + 36, 36);
        System.arraycopy(b, pos + 4 + 36, swapped, pos + 4, 36);
        assertEquals(r, R1csFile.read(swapped, "swapped.r1cs"));
    }

    @Test
    void rejectsWrongMagic() {
        byte[] b = FixtureFiles.bytes(SRC);
        b[0] = 'w';
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "x.r1cs"));
        assertEquals("x.r1cs: not a .r1cs file: magic is 'w1cs', expected 'r1cs'", e.getMessage());
        InvalidFileException wtns = assertThrows(InvalidFileException.class,
                () -> R1csFile.read(FixtureFiles.bytes("multiplier.wtns"), "multiplier.wtns"));
        assertTrue(wtns.getMessage().contains("magic is 'wtns'"), wtns.getMessage());
    }

    @Test
    void rejectsUnsupportedVersion() {
        byte[] b = FixtureFiles.bytes(SRC);
        FixtureFiles.putU32(b, 4, 2);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "x.r1cs"));
        assertEquals("x.r1cs: unsupported .r1cs version 2; zkinfer reads version 1", e.getMessage());
    }

    @Test
    void rejectsForeignPrimeNamingIt() {
        byte[] b = FixtureFiles.bytes(SRC);
        BigInteger bls = new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
        System.arraycopy(BinFile.littleEndian(bls), 0, b, FixtureFiles.sectionPayload(b, 1) + 4, 32);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "bls.r1cs"));
        assertTrue(e.getMessage().startsWith("bls.r1cs: section 1 (header): field prime is " + bls + " (BLS12-381's r)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("supports only BN254"), e.getMessage());
    }

    @Test
    void rejectsTruncatedFile() {
        byte[] full = FixtureFiles.bytes(SRC);
        for (int cut : new int[] {5, 20, 100, full.length - 1}) {
            byte[] b = Arrays.copyOf(full, cut);
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "cut.r1cs"));
            assertTrue(e.getMessage().startsWith("cut.r1cs: "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("shorter"), e.getMessage());
        }
    }

    @Test
    void rejectsTruncatedConstraintsSection() {
        byte[] b = FixtureFiles.bytes(SRC);
        int header = FixtureFiles.sectionPayload(b, 1);
        FixtureFiles.putU32(b, header + 4 + 32 + 5 * 4 + 4, 2); // mConstraints 1 → 2
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "x.r1cs"));
        assertTrue(e.getMessage().startsWith("x.r1cs: section 2 (constraints): truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("constraint 1 A"), e.getMessage());
    }

    @Test
    void rejectsUnreducedCoefficient() {
        byte[] b = FixtureFiles.bytes(SRC);
        int coeff = FixtureFiles.sectionPayload(b, 2) + 4 + 4; // constraint 0, A, term 0
        System.arraycopy(BinFile.littleEndian(Fr.MODULUS), 0, b, coeff, 32);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "x.r1cs"));
        assertEquals("x.r1cs: section 2 (constraints): constraint 0 A term 0 coefficient is unreduced: "
                + Fr.MODULUS + " ≥ r; the writer must store field elements reduced mod r", e.getMessage());
    }

    @Test
    void rejectsWireBeyondHeader() {
        byte[] b = FixtureFiles.bytes(SRC);
        FixtureFiles.putU32(b, FixtureFiles.sectionPayload(b, 2) + 4, 4);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(b, "x.r1cs"));
        assertTrue(e.getMessage().contains("constraint 0 A term 0 uses wire 4 but the header declares nWires = 4"),
                e.getMessage());
    }

    @Test
    void rejectsCustomGateSections() {
        byte[] b = FixtureFiles.bytes(SRC);
        byte[] withGates = Arrays.copyOf(b, b.length + 12);
        FixtureFiles.putU32(withGates, 8, 4);
        FixtureFiles.putU32(withGates, b.length, 4); // section type 4, length 0
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(withGates, "plonk.r1cs"));
        assertTrue(e.getMessage().contains("custom-gate"), e.getMessage());
    }

    @Test
    void readsFromPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SRC);
        Files.write(file, FixtureFiles.bytes(SRC));
        assertEquals(1, R1csFile.read(file).numConstraints());
        byte[] bad = FixtureFiles.bytes(SRC);
        bad[1] = 'X';
        Files.write(file, bad);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> R1csFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    }
}
