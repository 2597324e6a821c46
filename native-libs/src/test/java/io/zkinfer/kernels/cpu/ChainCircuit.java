package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain circuit with m ≥ 2 multiplications (as in the prover's tests): wire 1 = out (public output),
 * 2 = k (public input), 3 = x (private), 4.. = tᵢ: t₀ = x·x, tᵢ = (tᵢ₋₁ + 3k − 1)·x, out = t_{m−1}·1.
 */
final class ChainCircuit {
    private ChainCircuit() {
    }

    static R1cs r1cs(int m) {
        int t0 = 4;
        List<Constraint> cs = new ArrayList<>();
        cs.add(new Constraint(LinearCombination.term(3, Fr.ONE), LinearCombination.term(3, Fr.ONE),
                LinearCombination.term(t0, Fr.ONE)));
        for (int i = 1; i < m; i++) {
            LinearCombination a = LinearCombination.of(new int[] {0, 2, t0 + i - 1},
                    new Fr[] {Fr.ONE.neg(), Fr.of(3), Fr.ONE});
            cs.add(new Constraint(a, LinearCombination.term(3, Fr.ONE), LinearCombination.term(t0 + i, Fr.ONE)));
        }
        cs.add(new Constraint(LinearCombination.term(t0 + m - 1, Fr.ONE), LinearCombination.term(0, Fr.ONE),
                LinearCombination.term(1, Fr.ONE)));
        return R1cs.of(t0 + m, 1, 1, 1, cs);
    }

    static Witness witness(int m, long x, long k) {
        Fr fx = Fr.of(x), fk = Fr.of(k);
        Fr[] w = new Fr[4 + m];
        w[0] = Fr.ONE;
        w[2] = fk;
        w[3] = fx;
        w[4] = fx.mul(fx);
        for (int i = 1; i < m; i++) {
            w[4 + i] = w[4 + i - 1].add(fk.mul(Fr.of(3))).sub(Fr.ONE).mul(fx);
        }
        w[1] = w[4 + m - 1];
        return Witness.of(w);
    }
}
