package io.zkinfer.cli;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import java.util.List;

/**
 * The demo's circuit, built in code: "I know x such that x³ + x + 5 = y", with y public and x
 * private. Wires: 0 = 1, 1 = y (public output), 2 = x (private input), 3 = x², 4 = x³; constraints
 * x·x = x², x²·x = x³, (x³ + x + 5)·1 = y.
 */
final class DemoCircuit {
  static final int Y = 1;
  static final int X = 2;
  static final int X_SQUARED = 3;
  static final int X_CUBED = 4;
  static final int NUM_WIRES = 5;

  private DemoCircuit() {}

  /** The constraint system: one public output (y), one private input (x), two internal wires. */
  static R1cs r1cs() {
    Fr one = Fr.ONE;
    List<Constraint> constraints =
        List.of(
            new Constraint(
                LinearCombination.term(X, one),
                LinearCombination.term(X, one),
                LinearCombination.term(X_SQUARED, one)),
            new Constraint(
                LinearCombination.term(X_SQUARED, one),
                LinearCombination.term(X, one),
                LinearCombination.term(X_CUBED, one)),
            new Constraint(
                LinearCombination.of(new int[] {0, X, X_CUBED}, new Fr[] {Fr.of(5), one, one}),
                LinearCombination.constant(one),
                LinearCombination.term(Y, one)));
    return R1cs.of(NUM_WIRES, 1, 0, 1, constraints);
  }

  /** y = x³ + x + 5. */
  static Fr output(Fr x) {
    return x.square().mul(x).add(x).add(Fr.of(5));
  }

  /** The full assignment for private input {@code x}. */
  static Witness witness(Fr x) {
    Fr x2 = x.square();
    Fr x3 = x2.mul(x);
    return Witness.of(Fr.ONE, output(x), x, x2, x3);
  }
}
