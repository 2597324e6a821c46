package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;

import java.util.List;

/**
 * Poseidon over the BN254 scalar field with circomlib's parameters (Grassi et al., "Poseidon", USENIX Security
 * 2021): outputs equal circom's {@code Poseidon(n)} template and circomlibjs's {@code poseidon} for the same
 * inputs.
 *
 * <p>{@link #hash} of {@code n} inputs ({@code 1 <= n <= 16}) runs the permutation of width {@code t = n + 1} on
 * the state {@code [0, x1, ..., xn]} and returns {@code state[0]}. The permutation has
 * {@value PoseidonParameters#FULL_ROUNDS} full rounds (4 before, 4 after) around circomlib's partial rounds for
 * {@code t}; each round adds the round constants, applies the S-box {@code x ↦ x^5} to every state element (full
 * round) or to element 0 only (partial round), then multiplies the state by the MDS matrix
 * ({@link PoseidonParameters}). This is a plain hash of a fixed number of elements, not a sponge: inputs of
 * different lengths use different widths, and longer data must be hashed as a sponge or a tree of these.
 *
 * <p>Thread-safe; every call works on its own scratch state.
 */
public final class Poseidon {

    /** The most inputs one hash takes (circomlib's widest state, {@code t = 17}). */
    public static final int MAX_INPUTS = PoseidonParameters.MAX_WIDTH - 1;

    private static final int L = FrArithmetic.LIMBS;

    private Poseidon() {
    }

    /**
     * circomlib's {@code poseidon([x1, ..., xn])}.
     *
     * @throws IllegalArgumentException for no inputs or more than {@value #MAX_INPUTS}
     * @throws NullPointerException if {@code inputs} or one of its elements is null
     */
    public static Fr hash(Fr... inputs) {
        int n = inputs.length;
        if (n < 1 || n > MAX_INPUTS) {
            throw new IllegalArgumentException("Poseidon takes 1 to " + MAX_INPUTS + " inputs (circomlib's widths), got "
                    + n + (n == 0 ? "" : "; hash longer inputs as a sponge or a tree of " + MAX_INPUTS + "-input hashes"));
        }
        long[] state = new long[L * (n + 1)]; // element 0, the capacity, starts at zero
        for (int i = 0; i < n; i++) {
            requireElement(inputs[i], "input", i).toMontgomeryLimbs(state, L * (i + 1));
        }
        permute(PoseidonParameters.forWidth(n + 1), state);
        return Fr.fromMontgomeryLimbs(state[0], state[1], state[2], state[3]);
    }

    /** {@link #hash(Fr...)} of a list. */
    public static Fr hash(List<Fr> inputs) {
        return hash(inputs.toArray(new Fr[0]));
    }

    /**
     * The Poseidon permutation of width {@code t = state.length} ({@code 2 <= t <= 17}): the whole state after all
     * rounds. {@code hash(x1..xn)} is {@code permute([0, x1..xn])[0]}; a circuit gadget or a sponge that sets the
     * capacity element or reads more than element 0 uses this. The argument is not modified.
     *
     * @throws IllegalArgumentException for a width outside circomlib's {@code 2..17}
     * @throws NullPointerException if {@code state} or one of its elements is null
     */
    public static Fr[] permute(Fr[] state) {
        int t = state.length;
        if (t < PoseidonParameters.MIN_WIDTH || t > PoseidonParameters.MAX_WIDTH) {
            throw new IllegalArgumentException("Poseidon permutes states of " + PoseidonParameters.MIN_WIDTH + " to "
                    + PoseidonParameters.MAX_WIDTH + " elements (circomlib's widths), got " + t);
        }
        long[] limbs = new long[L * t];
        for (int i = 0; i < t; i++) {
            requireElement(state[i], "state element", i).toMontgomeryLimbs(limbs, L * i);
        }
        permute(PoseidonParameters.forWidth(t), limbs);
        Fr[] out = new Fr[t];
        for (int i = 0; i < t; i++) {
            int o = L * i;
            out[i] = Fr.fromMontgomeryLimbs(limbs[o], limbs[o + 1], limbs[o + 2], limbs[o + 3]);
        }
        return out;
    }

    /** The permutation in place on {@code t} Montgomery-form elements, 4 limbs each. */
    static void permute(PoseidonParameters p, long[] state) {
        int t = p.width();
        long[] rc = p.roundConstantLimbs();
        long[] mds = p.mdsLimbs();
        long[] mixed = new long[L * t];
        long[] scratch = new long[2 * L];
        int rounds = p.rounds();
        for (int r = 0; r < rounds; r++) {
            int c = L * r * t;
            for (int i = 0; i < t; i++) {
                FrArithmetic.add(state, L * i, rc, c + L * i, state, L * i);
            }
            if (p.isFullRound(r)) {
                for (int i = 0; i < t; i++) {
                    pow5(state, L * i, scratch);
                }
            } else {
                pow5(state, 0, scratch);
            }
            for (int i = 0; i < t; i++) {
                int row = L * i * t;
                FrArithmetic.mul(mds, row, state, 0, mixed, L * i);
                for (int j = 1; j < t; j++) {
                    FrArithmetic.mul(mds, row + L * j, state, L * j, scratch, 0);
                    FrArithmetic.add(mixed, L * i, scratch, 0, mixed, L * i);
                }
            }
            System.arraycopy(mixed, 0, state, 0, mixed.length);
        }
    }

    /** {@code x ← x^5} for the element at {@code off}. */
    private static void pow5(long[] x, int off, long[] scratch) {
        FrArithmetic.square(x, off, scratch, 0);
        FrArithmetic.square(scratch, 0, scratch, 0);
        FrArithmetic.mul(scratch, 0, x, off, x, off);
    }

    private static Fr requireElement(Fr e, String what, int i) {
        if (e == null) {
            throw new NullPointerException("Poseidon " + what + " " + i + " is null");
        }
        return e;
    }
}
