package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBuilderTest {

    /** y = x³ + x + 5 with y public and x private, the demo circuit written with the builder. */
    private static Circuit cubic(long x) {
        CircuitBuilder b = new CircuitBuilder();
        Signal in = b.privateInput("x", x);
        Signal x3 = b.mul(b.mul(in, in), in);
        b.publicOutput("y", b.add(b.add(x3, in), 5));
        return b.build();
    }

    @Test
    void buildsTheDemoCircuitWithItsWitness() {
        Circuit c = cubic(3);
        R1cs r = c.r1cs();
        assertEquals(3, r.numConstraints()); // x·x, x²·x, and the output equality
        assertEquals(1, r.numPublicOutputs());
        assertEquals(0, r.numPublicInputs());
        assertEquals(1, r.numPrivateInputs());
        assertEquals(5, r.numWires());
        assertEquals(Fr.of(35), c.witness().get(1)); // 27 + 3 + 5
        assertEquals(Fr.of(3), c.witness().get(2));
        assertTrue(c.check().isSatisfied(), c.check().message());
        assertEquals("y", c.wireName(1));
        assertEquals("x", c.wireName(2));
    }

    @Test
    void theShapeDoesNotDependOnTheValues() {
        assertEquals(cubic(3).r1cs(), cubic(-1234567).r1cs());
        assertNotEquals(cubic(3).witness(), cubic(4).witness());
    }

    @Test
    void wiresFollowTheSnarkjsOrderWhateverTheDeclarationOrder() {
        CircuitBuilder b = new CircuitBuilder();
        Signal p = b.privateInput("p", 7);
        Signal q = b.publicInput("q", -2);
        Signal prod = b.mul(p, q);
        Signal out = b.publicOutput("out", prod); // the product wire itself becomes the output: no constraint
        Circuit c = b.build();
        assertEquals(1, c.numConstraints());
        assertEquals(1, c.wireOf(out));
        assertEquals(2, c.wireOf(q));
        assertEquals(3, c.wireOf(p));
        assertEquals(4, c.r1cs().numWires());
        assertEquals(List.of(Fr.of(-14), Fr.of(-2)), c.witness().publicSignals(2));
        assertTrue(c.check().isSatisfied());
    }

    @Test
    void linearOperationsAreFreeAndCarryValues() {
        CircuitBuilder b = new CircuitBuilder();
        Signal x = b.privateInput("x", 10);
        Signal y = b.privateInput("y", -3);
        Signal z = b.sub(b.scale(x, 4), b.add(y, 2)); // 40 - (-1) = 41
        assertEquals(41, z.longValue());
        assertEquals(-123, b.scale(z, -3L).longValue());
        assertEquals(0, b.sub(x, x).terms());
        assertEquals(7 * 10 - 5 * -3 + 1, b.linear(new Signal[] {x, y, b.one()}, new long[] {7, -5, 1}).longValue());
        assertEquals(7, b.sum(List.of(x, y)).longValue());
        assertEquals(-30, b.mul(b.constant(-3), x).longValue()); // by a constant: a scale
        assertEquals(0, b.numConstraints());
        b.assertEqual(b.add(x, y), b.constant(7));
        assertEquals(1, b.numConstraints());
        assertTrue(b.build().check().isSatisfied());
    }

    @Test
    void assertingUnequalConstantsFailsAtOnce() {
        CircuitBuilder b = new CircuitBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.assertEqual(b.constant(1), b.constant(2)));
        b.assertEqual(b.constant(2), b.add(b.one(), 1)); // equal constants: nothing to constrain
        assertEquals(0, b.numConstraints());
    }

    @Test
    void scopesCountTheirConstraintsAndWires() {
        CircuitBuilder b = new CircuitBuilder();
        Signal x = b.privateInput("x", 2);
        try (Scope layer = b.scope("conv1")) {
            assertEquals("conv1", layer.path());
            for (int i = 0; i < 3; i++) {
                try (Scope s = b.scope("relu")) {
                    x = b.mul(x, x);
                }
            }
            b.assertBoolean(b.sub(x, b.constant(255))); // x = 256: 256 - 255 = 1
        }
        b.mul(x, x);
        Circuit c = b.build();
        assertEquals(5, c.numConstraints());
        ScopeStatistics root = c.statistics("");
        assertEquals(1, root.ownConstraints());
        assertEquals(5, root.totalConstraints());
        assertEquals(2, root.ownWires()); // x and the last product
        ScopeStatistics conv = c.statistics("conv1");
        assertEquals(1, conv.ownConstraints());
        assertEquals(4, conv.totalConstraints());
        ScopeStatistics relu = c.statistics("conv1/relu");
        assertEquals(2, relu.depth());
        assertEquals(3, relu.ownConstraints());
        assertEquals(3, relu.totalWires());
        assertEquals(List.of("", "conv1", "conv1/relu"), c.statistics().stream().map(ScopeStatistics::path).toList());
        assertEquals("conv1/relu", c.scopeOfConstraint(0));
        assertTrue(c.check().isSatisfied(), c.check().message());
    }

    @Test
    void scopesCloseInnermostFirst() {
        CircuitBuilder b = new CircuitBuilder();
        Scope outer = b.scope("a");
        b.scope("b");
        assertThrows(IllegalStateException.class, outer::close);
        assertThrows(IllegalArgumentException.class, () -> b.scope("x/y"));
    }

    @Test
    void aTamperedWitnessIsRejectedNamingTheScopeAndTheWires() {
        CircuitBuilder b = new CircuitBuilder();
        Signal x = b.privateInput("x", 5);
        Signal sq;
        try (Scope s = b.scope("layer")) {
            sq = b.mul(x, x);
        }
        b.publicOutput("y", b.add(sq, 1));
        Circuit c = b.build();
        Fr[] v = c.witness().values();
        v[c.wireOf(sq)] = Fr.of(24);
        CheckResult r = c.check(Witness.of(v));
        assertFalse(r.isSatisfied());
        assertEquals(0, r.failingConstraint());
        assertTrue(r.message().startsWith("in scope 'layer': constraint 0"), r.message());
        assertTrue(r.message().contains("'layer.product'"), r.message());
        assertTrue(r.message().contains("w2 'x' (label 2) = 5"), r.message());
    }

    @Test
    void aHintRewriterPlaysACheatingProver() {
        CircuitBuilder b = new CircuitBuilder((scope, role, honest) ->
                role.equals("guess") ? honest.add(Fr.ONE) : honest);
        Signal x = b.privateInput("x", 6);
        Signal half = b.hint("guess", Fr.of(3));
        b.assertEqual(b.scale(half, 2), x);
        Circuit c = b.build();
        assertEquals(4, c.witness().get(c.wireOf(half)).toBigInteger().intValueExact());
        assertFalse(c.check().isSatisfied());
    }

    @Test
    void aWitnessOnlyBuilderGivesTheSameWitnessWithoutConstraints() {
        CircuitBuilder w = CircuitBuilder.witnessOnly();
        Signal in = w.privateInput("x", 3);
        Signal x3 = w.mul(w.mul(in, in), in);
        w.publicOutput("y", w.add(w.add(x3, in), 5));
        assertEquals(3, w.numConstraints());
        assertEquals(cubic(3).witness(), w.witness());
        assertThrows(IllegalStateException.class, w::build);
    }

    @Test
    void theCircuitExportsToSnarkjsFilesUnchanged() throws Exception {
        Circuit c = cubic(-7);
        R1cs read = R1csFile.read(R1csFile.toBytes(c.r1cs()), "cubic.r1cs");
        Witness w = WtnsFile.read(WtnsFile.toBytes(c.witness()), "cubic.wtns");
        assertEquals(c.r1cs().numConstraints(), read.numConstraints());
        assertEquals(c.r1cs().constraints(), read.constraints());
        assertTrue(read.check(w).isSatisfied());
    }
}
