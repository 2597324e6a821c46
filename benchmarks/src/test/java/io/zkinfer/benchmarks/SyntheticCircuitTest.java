package io.zkinfer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

/** The benchmark circuit is what it claims: n constraints, 1 output + 2 public inputs, satisfied. */
class SyntheticCircuitTest {
  @Test
  void chainHasTheRequestedSizeAndItsWitnessSatisfiesIt() {
    SyntheticCircuit c = SyntheticCircuit.chain(1 << 10, Fr.of(3), Fr.of(11));
    assertEquals(1 << 10, c.r1cs().numConstraints());
    assertEquals(1, c.r1cs().numPublicOutputs());
    assertEquals(2, c.r1cs().numPublicInputs());
    assertEquals(c.r1cs().numWires(), c.witness().size());
    assertTrue(c.r1cs().check(c.witness()).isSatisfied(), () -> c.r1cs().check(c.witness()).message());
  }

  @Test
  void aTamperedWitnessFails() {
    SyntheticCircuit c = SyntheticCircuit.chain(16, Fr.of(3), Fr.of(11));
    Fr[] w = c.witness().values();
    w[1] = w[1].add(Fr.ONE);
    assertTrue(!c.r1cs().check(w).isSatisfied());
  }
}
