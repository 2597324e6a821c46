package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link PoseidonTree}'s commitment in circuit: the same tree of circomlib Poseidon hashes over the same leaves, so
 * the output equals the native commitment (and circomlibjs's) for the same values.
 */
public final class PoseidonTreeHash {

    private PoseidonTreeHash() {
    }

    /**
     * The commitment of {@code leaves}. Cost: one {@link PoseidonHash#hash} per tree node, about
     * {@code 3·(17·8 + 68) ≈ 610} constraints per 16 leaves plus the upper levels (roughly 39 per leaf for large
     * inputs).
     *
     * @throws IllegalArgumentException for no leaves
     */
    public static Signal commit(CircuitBuilder b, List<Signal> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Poseidon tree commitment needs at least one leaf");
        }
        List<Signal> level = leaves;
        do {
            List<Signal> next = new ArrayList<>((level.size() + PoseidonTree.ARITY - 1) / PoseidonTree.ARITY);
            for (int from = 0; from < level.size(); from += PoseidonTree.ARITY) {
                next.add(PoseidonHash.hash(b,
                        level.subList(from, Math.min(from + PoseidonTree.ARITY, level.size())).toArray(new Signal[0])));
            }
            level = next;
        } while (level.size() > 1);
        return level.get(0);
    }
}
