package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.SignalNames;
import io.zkinfer.circuits.r1cs.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads snarkjs's .wtns fixtures, checks them against circom's .r1cs; runs without Node.js. */
class WtnsFileTest {

    @Test
    void readsSnarkjsWitnessThatSatisfiesCircuit() throws Exception {
        Witness w = WtnsFile.read(FixtureFiles.bytes("multiplier.wtns"), "multiplier.wtns");
        assertArrayEquals(new Fr[] {Fr.ONE, Fr.of(33), Fr.of(3), Fr.of(11)}, w.values());
        R1cs r = R1csFile.read(FixtureFiles.bytes("multiplier.r1cs"), "multiplier.r1cs");
        assertTrue(r.check(w).isSatisfied());
        assertEquals(List.of(Fr.of(33), Fr.of(3)), w.publicSignals(r.numPublic()));
    }

    @Test
    void roundTripIsByteIdentical(@TempDir Path dir) throws Exception {
        for (String name : List.of("multiplier.wtns", "affine_pair.wtns")) {
            byte[] original = FixtureFiles.bytes(name);
            Witness w = WtnsFile.read(original, name);
            assertArrayEquals(original, WtnsFile.toBytes(w), name);
            Path file = dir.resolve(name);
            WtnsFile.write(w, file);
            assertEquals(w, WtnsFile.read(file));
        }
    }

    @Test
    void tamperedWitnessFailsNamingConstraintAndSignals() throws Exception {
        R1cs r = R1csFile.read(FixtureFiles.bytes("affine_pair.r1cs"), "affine_pair.r1cs");
        SignalNames names = SymFile.parse(
                new String(FixtureFiles.bytes("affine_pair.sym"), StandardCharsets.UTF_8).lines().toList(), "affine_pair.sym");
        Fr[] values = WtnsFile.read(FixtureFiles.bytes("affine_pair.wtns"), "affine_pair.wtns").values();
        assertTrue(r.check(Witness.of(values), names).isSatisfied());

        values[2] = values[2].add(Fr.ONE); // main.prod, used by constraints 1 and 2
        CheckResult result = r.check(Witness.of(values), names);
        System.out.println(result.message());
        assertFalse(result.isSatisfied());
        assertEquals(1, result.failingConstraint());
        assertTrue(result.involvedWires().contains("w2 'main.prod' (label 2) = 127"), result.involvedWires().toString());
        assertTrue(result.message().startsWith("constraint 1 of 4 is not satisfied"), result.message());
    }

    @Test
    void rejectsWrongMagicVersionAndPrime() {
        byte[] magic = FixtureFiles.bytes("multiplier.wtns");
        magic[3] = 'x';
        assertEquals("w.wtns: not a .wtns file: magic is 'wtnx', expected 'wtns'",
                assertThrows(InvalidFileException.class, () -> WtnsFile.read(magic, "w.wtns")).getMessage());

        byte[] version = FixtureFiles.bytes("multiplier.wtns");
        FixtureFiles.putU32(version, 4, 1);
        assertEquals("w.wtns: unsupported .wtns version 1; zkinfer reads version 2",
                assertThrows(InvalidFileException.class, () -> WtnsFile.read(version, "w.wtns")).getMessage());

        byte[] prime = FixtureFiles.bytes("multiplier.wtns");
        BigInteger p = new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
        System.arraycopy(BinFile.littleEndian(p), 0, prime, FixtureFiles.sectionPayload(prime, 1) + 4, 32);
        String msg = assertThrows(InvalidFileException.class, () -> WtnsFile.read(prime, "w.wtns")).getMessage();
        assertTrue(msg.startsWith("w.wtns: section 1 (header): field prime is " + p), msg);
    }

    @Test
    void rejectsTruncatedValues() {
        byte[] full = FixtureFiles.bytes("multiplier.wtns");
        byte[] b = Arrays.copyOf(full, full.length - 32);
        String msg = assertThrows(InvalidFileException.class, () -> WtnsFile.read(b, "w.wtns")).getMessage();
        assertTrue(msg.startsWith("w.wtns: truncated: section 2"), msg);

        byte[] shortSection = full.clone();
        FixtureFiles.putU32(shortSection, FixtureFiles.sectionPayload(full, 1) + 36, 5); // nWitness 4 → 5
        msg = assertThrows(InvalidFileException.class, () -> WtnsFile.read(shortSection, "w.wtns")).getMessage();
        assertEquals("w.wtns: section 2 (witness values): truncated: holds 128 bytes but nWitness = 5 needs 160", msg);
    }

    @Test
    void rejectsUnreducedValueAndBadConstantWire() {
        byte[] b = FixtureFiles.bytes("multiplier.wtns");
        int values = FixtureFiles.sectionPayload(b, 2);
        byte[] unreduced = b.clone();
        System.arraycopy(BinFile.littleEndian(Fr.MODULUS.add(BigInteger.TWO)), 0, unreduced, values + 64, 32);
        String msg = assertThrows(InvalidFileException.class, () -> WtnsFile.read(unreduced, "w.wtns")).getMessage();
        assertTrue(msg.startsWith("w.wtns: section 2 (witness values): witness value 2 is unreduced"), msg);

        byte[] notOne = b.clone();
        notOne[values] = 2;
        msg = assertThrows(InvalidFileException.class, () -> WtnsFile.read(notOne, "w.wtns")).getMessage();
        assertTrue(msg.contains("witness value 0 must be 1"), msg);
    }
}
