package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class R1csTest {

    /** Wires: 1, out = x³ + x + 5 (public output), x (private), t1 = x², t2 = x³ — Vitalik's QAP example. */
    private static R1cs cubic() {
        LinearCombination x = LinearCombination.term(2, Fr.ONE);
        LinearCombination t1 = LinearCombination.term(3, Fr.ONE);
        LinearCombination t2 = LinearCombination.term(4, Fr.ONE);
        LinearCombination out = LinearCombination.term(1, Fr.ONE);
        LinearCombination t2PlusXPlus5 = LinearCombination.of(new int[] {0, 2, 4}, new Fr[] {Fr.of(5), Fr.ONE, Fr.ONE});
        List<Constraint> cs = List.of(
                new Constraint(x, x, t1),
                new Constraint(t1, x, t2),
                new Constraint(t2PlusXPlus5, LinearCombination.constant(Fr.ONE), out));
        return R1cs.of(5, 1, 0, 1, 6, cs, new long[] {0, 1, 2, 4, 5});
    }

    private static Fr[] cubicWitness(long x) {
        return new Fr[] {Fr.ONE, Fr.of(x * x * x + x + 5), Fr.of(x), Fr.of(x * x), Fr.of(x * x * x)};
    }

    @Test
    void headerAndPublicSignals() {
        R1cs r = cubic();
        assertEquals(5, r.numWires());
        assertEquals(1, r.numPublic());
        assertEquals(3, r.numConstraints());
        assertEquals(6, r.numLabels());
        assertEquals(4, r.labelOf(3).getAsLong());
        Witness w = Witness.of(cubicWitness(3));
        assertEquals(List.of(Fr.of(35)), w.publicSignals(r.numPublic()));
    }

    @Test
    void satisfiedWitnessPasses() {
        CheckResult result = cubic().check(Witness.of(cubicWitness(3)));
        assertTrue(result.isSatisfied(), result.message());
        assertEquals(-1, result.failingConstraint());
        result.requireSatisfied();
    }

    @Test
    void namesFirstFailingConstraintWithLabels() {
        Fr[] w = cubicWitness(3);
        w[3] = Fr.of(10); // t1 = x² is wrong: constraints 0 and 1 now fail; 0 is reported
        SignalNames names = SignalNames.of(Map.of(2L, "main.x", 4L, "main.t1"));
        CheckResult result = cubic().check(w, names);
        System.out.println(result.message());
        assertFalse(result.isSatisfied());
        assertEquals(CheckResult.Problem.CONSTRAINT_UNSATISFIED, result.problem());
        assertEquals(0, result.failingConstraint());
        assertTrue(result.message().startsWith("constraint 0 of 3 is not satisfied"), result.message());
        assertEquals(List.of("w2 'main.x' (label 2) = 3", "w3 'main.t1' (label 4) = 10"), result.involvedWires());
        UnsatisfiedWitnessException e = assertThrows(UnsatisfiedWitnessException.class, result::requireSatisfied);
        assertEquals(result, e.result());

        Fr[] late = cubicWitness(3);
        late[1] = Fr.of(36); // only the last constraint fails
        CheckResult r2 = cubic().check(late);
        assertEquals(2, r2.failingConstraint());
        assertTrue(r2.message().contains("w1 (label 1) = 36"), r2.message());
    }

    @Test
    void rejectsWrongLengthAndConstantWire() {
        CheckResult shortW = cubic().check(new Fr[] {Fr.ONE, Fr.of(35)});
        assertEquals(CheckResult.Problem.WRONG_LENGTH, shortW.problem());
        assertTrue(shortW.message().contains("2 values but the R1CS has 5 wires"), shortW.message());

        Fr[] w = cubicWitness(3);
        w[0] = Fr.of(2);
        CheckResult notOne = cubic().check(w);
        assertEquals(CheckResult.Problem.CONSTANT_WIRE_NOT_ONE, notOne.problem());
        assertTrue(notOne.message().contains("witness[0] must be 1"), notOne.message());
        assertThrows(IllegalArgumentException.class, () -> Witness.of(w));
    }

    @Test
    void rejectsInconsistentHeaders() {
        List<Constraint> cs = cubic().constraints();
        IllegalArgumentException wire = assertThrows(IllegalArgumentException.class, () -> R1cs.of(4, 1, 0, 1, cs));
        assertTrue(wire.getMessage().contains("constraint 1 uses wire 4"), wire.getMessage());
        assertThrows(IllegalArgumentException.class, () -> R1cs.of(5, 2, 2, 1, cs));
        assertThrows(IllegalArgumentException.class, () -> R1cs.of(5, 1, 0, 1, 6, cs, new long[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> R1cs.of(5, 1, 0, 1, 6, cs, new long[] {0, 1, 2, 3, 6}));
        assertThrows(IllegalArgumentException.class, () -> R1cs.of(0, 0, 0, 0, List.of()));
    }

    @Test
    void equalityIsStructural() {
        assertEquals(cubic(), cubic());
        assertEquals(cubic().hashCode(), cubic().hashCode());
        assertFalse(cubic().equals(R1cs.of(5, 1, 0, 1, cubic().constraints())));
    }
}
