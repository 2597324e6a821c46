package io.zkinfer.circuits.interop;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.SymFile;
import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our .r1cs/.wtns readers and writers against the pinned referees: circom2 compiles the test circuits,
 * snarkjs computes their witnesses, and snarkjs accepts what we write. Skipped, with the reason printed,
 * when Node.js or the tools are missing.
 */
class CircomInteropTest {

    /** Circuit resource → circom input. */
    private static final Map<String, String> CIRCUITS = new LinkedHashMap<>();

    static {
        CIRCUITS.put("multiplier", "{\"a\": \"3\", \"b\": \"11\"}");
        CIRCUITS.put("affine_pair", "{\"x\": \"2\", \"y\": \"3\", \"k\": \"5\", \"s\": \"7\", \"t\": \"4\"}");
        CIRCUITS.put("power_chain", "{\"x\": \"3\", \"y\": \"5\"}");
    }

    @TempDir
    static Path dir;

    private static final Map<String, CircomFixtures.Compiled> COMPILED = new LinkedHashMap<>();
    private static final Map<String, Path> WITNESSES = new LinkedHashMap<>();

    @BeforeAll
    static void compileCircuits() throws Exception {
        if (!NodeTools.isAvailable()) {
            return; // each test is then skipped by requireTools(), so the report counts them as skipped
        }
        for (Map.Entry<String, String> e : CIRCUITS.entrySet()) {
            CircomFixtures.Compiled c = CircomFixtures.compileResource("circom/" + e.getKey() + ".circom", dir.resolve(e.getKey()));
            COMPILED.put(e.getKey(), c);
            WITNESSES.put(e.getKey(), CircomFixtures.witness(c, e.getValue(), e.getKey() + ".wtns"));
        }
    }

    @BeforeEach
    void requireTools() {
        NodeTools.assumeAvailable();
    }

    @Test
    void circomOutputSatisfiesAndRoundTripsByteIdentically() throws Exception {
        for (String name : CIRCUITS.keySet()) {
            CircomFixtures.Compiled c = COMPILED.get(name);
            byte[] r1csBytes = Files.readAllBytes(c.r1cs());
            byte[] wtnsBytes = Files.readAllBytes(WITNESSES.get(name));
            R1cs r1cs = R1csFile.read(r1csBytes, c.r1cs().toString());
            Witness w = WtnsFile.read(wtnsBytes, name + ".wtns");
            CheckResult result = r1cs.check(w, SymFile.read(c.sym()));
            assertTrue(result.isSatisfied(), name + ": " + result.message());
            assertArrayEquals(r1csBytes, R1csFile.toBytes(r1cs), name + ".r1cs round trip");
            assertArrayEquals(wtnsBytes, WtnsFile.toBytes(w), name + ".wtns round trip");
        }
    }

    @Test
    void powerChainHasTheExpectedShape() throws Exception {
        R1cs r1cs = R1csFile.read(COMPILED.get("power_chain").r1cs());
        assertEquals(1001, r1cs.numConstraints());
        assertEquals(1, r1cs.numPublicOutputs());
        assertEquals(1, r1cs.numPublicInputs());
        assertTrue(r1cs.numLabels() > r1cs.numWires(), "circom optimises out a signal: labels > wires");
        Witness w = WtnsFile.read(WITNESSES.get("power_chain"));
        Fr expected = Fr.reduce(BigInteger.valueOf(3).pow(1001).multiply(BigInteger.valueOf(5)));
        assertEquals(List.of(expected, Fr.of(3)), w.publicSignals(r1cs.numPublic()));
    }

    @Test
    void snarkjsR1csInfoReadsOurFilesWithTheSameCounts() throws Exception {
        for (String name : CIRCUITS.keySet()) {
            R1cs r1cs = R1csFile.read(COMPILED.get(name).r1cs());
            assertInfoMatches(r1cs, writeOurs(r1cs, name + ".ours.r1cs"));
        }
        // a file we build ourselves, without the wire2LabelId section
        R1cs square = R1cs.of(3, 1, 1, 0, List.of(new Constraint(
                LinearCombination.term(2, Fr.ONE), LinearCombination.term(2, Fr.ONE), LinearCombination.term(1, Fr.ONE))));
        assertInfoMatches(square, writeOurs(square, "square.r1cs"));
    }

    @Test
    void snarkjsWtnsCheckAcceptsOurFiles() throws Exception {
        for (String name : CIRCUITS.keySet()) {
            Path r1cs = writeOurs(R1csFile.read(COMPILED.get(name).r1cs()), name + ".ours.r1cs");
            Path wtns = dir.resolve(name + ".ours.wtns");
            WtnsFile.write(WtnsFile.read(WITNESSES.get(name)), wtns);
            NodeTools.Result res = NodeTools.snarkjs(dir, "wtns", "check", r1cs.toString(), wtns.toString());
            assertEquals(0, res.exitCode(), res.plainOutput());
            assertTrue(res.plainStdout().contains("WITNESS IS CORRECT"), res.plainOutput());
        }
    }

    @Test
    void tamperedWitnessFailsNamingTheConstraintAndSnarkjsAgrees() throws Exception {
        CircomFixtures.Compiled c = COMPILED.get("power_chain");
        R1cs r1cs = R1csFile.read(c.r1cs());
        Fr[] values = WtnsFile.read(WITNESSES.get("power_chain")).values();
        // tamper with the last private wire; find the first constraint using it
        int wire = r1cs.numWires() - 1;
        values[wire] = values[wire].add(Fr.ONE);
        int first = firstConstraintUsing(r1cs, wire);
        CheckResult result = r1cs.check(Witness.of(values), SymFile.read(c.sym()));
        System.out.println("tampered power_chain: " + result.message());
        assertFalse(result.isSatisfied());
        assertEquals(first, result.failingConstraint());
        assertTrue(result.message().startsWith("constraint " + first + " of 1001 is not satisfied"), result.message());
        assertTrue(result.involvedWires().stream().anyMatch(s -> s.startsWith("w" + wire + " 'main.acc[")),
                result.involvedWires().toString());

        Path bad = dir.resolve("power_chain.tampered.wtns");
        WtnsFile.write(Witness.of(values), bad);
        NodeTools.Result res = NodeTools.snarkjs(dir, "wtns", "check", c.r1cs().toString(), bad.toString());
        assertNotEquals(0, res.exitCode(), res.plainOutput());
        assertTrue(res.plainOutput().contains("aborting checking process at constraint " + first), res.plainOutput());
    }

    private static int firstConstraintUsing(R1cs r1cs, int wire) {
        for (int i = 0; i < r1cs.numConstraints(); i++) {
            Constraint k = r1cs.constraint(i);
            for (LinearCombination lc : List.of(k.a(), k.b(), k.c())) {
                for (int t = 0; t < lc.size(); t++) {
                    if (lc.wire(t) == wire) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no constraint uses wire " + wire);
    }

    private static Path writeOurs(R1cs r1cs, String fileName) throws Exception {
        Path p = dir.resolve(fileName);
        R1csFile.write(r1cs, p);
        return p;
    }

    private static void assertInfoMatches(R1cs r1cs, Path file) {
        String out = NodeTools.snarkjs(dir, "r1cs", "info", file.toString()).requireSuccess().plainStdout();
        assertTrue(out.contains("Curve: bn-128"), out);
        assertEquals(r1cs.numWires(), count(out, "Wires"), out);
        assertEquals(r1cs.numConstraints(), count(out, "Constraints"), out);
        assertEquals(r1cs.numPrivateInputs(), count(out, "Private Inputs"), out);
        assertEquals(r1cs.numPublicInputs(), count(out, "Public Inputs"), out);
        assertEquals(r1cs.numLabels(), count(out, "Labels"), out);
        assertEquals(r1cs.numPublicOutputs(), count(out, "Outputs"), out);
    }

    private static long count(String infoOutput, String what) {
        Matcher m = Pattern.compile("# of " + what + ": (\\d+)").matcher(infoOutput);
        assertTrue(m.find(), "snarkjs r1cs info printed no '# of " + what + "':\n" + infoOutput);
        return Long.parseLong(m.group(1));
    }
}
