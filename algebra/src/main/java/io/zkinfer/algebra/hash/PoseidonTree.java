package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The commitment zkinfer uses for every {@code hashed} tensor: a tree of circomlib's {@link Poseidon} hashes of up to
 * {@value #ARITY} inputs, so anyone with circomlibjs (or circom's {@code Poseidon(n)}) can recompute it.
 *
 * <p>{@code commit(x₁ … x_n)}: split the list, in order, into chunks of {@value #ARITY} (the last chunk may be
 * shorter, never empty) and replace it by the list of {@code poseidon(chunk)}; repeat while more than one value
 * remains; the one value left is the commitment. For {@code n ≤ 16} that is {@code poseidon([x₁ … x_n])}; for {@code n = 17}
 * it is {@code poseidon([poseidon([x₁ … x₁₆]), poseidon([x₁₇])])}. Integers enter as field elements {@code q mod r}
 * (a negative {@code q} as {@code r − |q|}). The tree's shape depends only on {@code n}, which a model fixes.
 *
 * <p>A commitment binds: finding other values with the same commitment means breaking Poseidon. It hides only what
 * cannot be guessed: anyone can hash a candidate and compare.
 */
public final class PoseidonTree {

    /** Leaves (and child hashes) per Poseidon call: circomlib's widest hash. */
    public static final int ARITY = Poseidon.MAX_INPUTS;

    private PoseidonTree() {
    }

    /**
     * The commitment of {@code leaves}, as defined on this class.
     *
     * @throws IllegalArgumentException for no leaves
     */
    public static Fr commit(List<Fr> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Poseidon tree commitment needs at least one leaf");
        }
        List<Fr> level = List.copyOf(leaves);
        do {
            List<Fr> next = new ArrayList<>((level.size() + ARITY - 1) / ARITY);
            for (int from = 0; from < level.size(); from += ARITY) {
                next.add(Poseidon.hash(level.subList(from, Math.min(from + ARITY, level.size()))));
            }
            level = next;
        } while (level.size() > 1);
        return level.get(0);
    }

    /** {@link #commit(List)} of signed integers, each as {@code q mod r}. */
    public static Fr commitIntegers(long[] values) {
        Objects.requireNonNull(values, "values");
        List<Fr> leaves = new ArrayList<>(values.length);
        for (long v : values) {
            leaves.add(v == Long.MIN_VALUE ? Fr.reduce(BigInteger.valueOf(v)) : Fr.of(v));
        }
        return commit(leaves);
    }
}
