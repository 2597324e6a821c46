package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.Poseidon;
import io.zkinfer.algebra.hash.PoseidonParameters;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

/**
 * Poseidon over BN254 with circomlib's parameters, in circuit: the same permutation as {@link Poseidon#hash}, so
 * its output equals the native hash (and circomlibjs's) for the same inputs.
 */
public final class PoseidonHash {

    private PoseidonHash() {
    }

    /**
     * Poseidon of 1 to {@value Poseidon#MAX_INPUTS} inputs: the state {@code [0, inputs...]} of width
     * {@code t = n + 1} goes through {@code R_F} full and {@code R_P} partial rounds, each adding the round constants
     * (free), raising every element (full round) or element 0 (partial round) to the fifth power, and multiplying by
     * the MDS matrix (free); the output is element 0.
     *
     * <p>Cost: 3 constraints per S-box ({@code x² = x·x, x⁴ = x²·x², y = x⁴·x}), that is
     * {@code 3·(t·R_F + R_P) − 3}: the first S-box on element 0 acts on the constant {@code 0 + c₀} and folds to a
     * constant. Fewer when inputs are constants (their first-round S-boxes fold likewise).
     *
     * <p>Soundness: every S-box output is a product wire fixed by its constraints, and everything else is a fixed
     * linear function of those wires and the inputs, so the output is a function of the inputs; no hint is used.
     *
     * @throws IllegalArgumentException for no inputs or more than {@value Poseidon#MAX_INPUTS}
     */
    public static Signal hash(CircuitBuilder b, Signal... inputs) {
        int n = inputs.length;
        if (n < 1 || n > Poseidon.MAX_INPUTS) {
            throw new IllegalArgumentException("Poseidon takes 1 to " + Poseidon.MAX_INPUTS
                    + " inputs (circomlib's widths), got " + n);
        }
        int t = n + 1;
        PoseidonParameters p = PoseidonParameters.forWidth(t);
        if (b.isWitnessOnly()) {
            return witnessOnly(b, p, inputs);
        }
        Signal[] state = new Signal[t];
        state[0] = b.constant(Fr.ZERO);
        System.arraycopy(inputs, 0, state, 1, n);
        Fr[] row = new Fr[t];
        for (int r = 0; r < p.rounds(); r++) {
            for (int i = 0; i < t; i++) {
                state[i] = b.add(state[i], b.constant(p.roundConstant(r, i)));
            }
            int sboxes = p.isFullRound(r) ? t : 1;
            for (int i = 0; i < sboxes; i++) {
                state[i] = pow5(b, state[i]);
            }
            Signal[] mixed = new Signal[t];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    row[j] = p.mds(i, j);
                }
                mixed[i] = b.linear(state, row);
            }
            state = mixed;
        }
        return state[0];
    }

    /**
     * The same wires and constraint count as the full build, with the round arithmetic on plain field elements:
     * the partial rounds' state elements are combinations of ever more S-box wires, whose terms only the
     * constraint system needs.
     */
    private static Signal witnessOnly(CircuitBuilder b, PoseidonParameters p, Signal[] inputs) {
        int t = p.width();
        Fr[] v = new Fr[t];
        boolean[] constant = new boolean[t];
        v[0] = Fr.ZERO;
        constant[0] = true;
        for (int i = 1; i < t; i++) {
            v[i] = inputs[i - 1].value();
            constant[i] = inputs[i - 1].isConstant();
        }
        Fr[] mixed = new Fr[t];
        for (int r = 0; r < p.rounds(); r++) {
            for (int i = 0; i < t; i++) {
                v[i] = v[i].add(p.roundConstant(r, i));
            }
            int sboxes = p.isFullRound(r) ? t : 1;
            for (int i = 0; i < sboxes; i++) {
                v[i] = constant[i] ? v[i].square().square().mul(v[i]) : pow5(b, b.opaque(v[i])).value();
            }
            boolean allConstant = true;
            for (int i = 0; i < t; i++) {
                allConstant &= constant[i];
                Fr sum = Fr.ZERO;
                for (int j = 0; j < t; j++) {
                    sum = sum.add(p.mds(i, j).mul(v[j]));
                }
                mixed[i] = sum;
            }
            System.arraycopy(mixed, 0, v, 0, t);
            java.util.Arrays.fill(constant, allConstant);
        }
        return constant[0] ? b.constant(v[0]) : b.opaque(v[0]);
    }

    /** {@code x⁵} in 3 constraints (none when x is a constant). */
    private static Signal pow5(CircuitBuilder b, Signal x) {
        Signal x2 = b.mul(x, x);
        Signal x4 = b.mul(x2, x2);
        return b.mul(x4, x);
    }
}
