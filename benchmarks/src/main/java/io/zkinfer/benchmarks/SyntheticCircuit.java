package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of {@code n} multiplication constraints with one public output and two public inputs:
 * s₁ = x₀·x₁, then s_{i+1} = s_i² + i, and y = s_{n−1}² + (n−1). Wires: 0 = 1, 1 = y,
 * 2 = x₀, 3 = x₁, 4.. = s₁..s_{n−1}. The values are full-size field elements, as in real circuits.
 */
public record SyntheticCircuit(R1cs r1cs, Witness witness) {

  /** The chain with {@code n ≥ 2} constraints and public inputs x₀, x₁. */
  public static SyntheticCircuit chain(int n, Fr x0, Fr x1) {
    if (n < 2) {
      throw new IllegalArgumentException("a synthetic chain needs at least 2 constraints, got " + n);
    }
    int numWires = n + 3;
    Fr[] w = new Fr[numWires];
    w[0] = Fr.ONE;
    w[2] = x0;
    w[3] = x1;
    List<Constraint> constraints = new ArrayList<>(n);
    Fr one = Fr.ONE;
    constraints.add(new Constraint(
        LinearCombination.term(2, one), LinearCombination.term(3, one), LinearCombination.term(4, one)));
    w[4] = x0.mul(x1);
    for (int i = 1; i < n; i++) {
      int s = 3 + i; // wire of s_i
      int next = i == n - 1 ? 1 : s + 1; // s_{i+1}, or y for the last constraint
      LinearCombination si = LinearCombination.term(s, one);
      Fr k = Fr.of(i);
      // s_i · s_i = next − i
      LinearCombination c = LinearCombination.of(new int[] {0, next}, new Fr[] {k.neg(), one});
      constraints.add(new Constraint(si, si, c));
      w[next] = w[s].square().add(k);
    }
    return new SyntheticCircuit(R1cs.of(numWires, 1, 2, 0, constraints), Witness.of(w));
  }
}
