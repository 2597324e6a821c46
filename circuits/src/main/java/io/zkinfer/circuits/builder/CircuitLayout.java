package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns a builder's state into a {@link Circuit}: the snarkjs wire order, then the constraints renumbered. */
final class CircuitLayout {

    private CircuitLayout() {
    }

    /** Where each builder wire goes, and how many outputs, public and private inputs there are. */
    private record Layout(int[] position, int outputs, int publicInputs, int privateInputs) {
    }

    private static Layout layout(CircuitBuilder b) {
        int n = b.numWires();
        byte[] kinds = b.kinds();
        int[] position = new int[n];
        int next = 1;
        for (int w : b.outputs()) {
            position[w] = next++;
        }
        int outputs = next - 1;
        next = place(kinds, CircuitBuilder.Kind.PUBLIC_INPUT, position, next);
        int publicInputs = next - 1 - outputs;
        next = place(kinds, CircuitBuilder.Kind.PRIVATE_INPUT, position, next);
        int privateInputs = next - 1 - outputs - publicInputs;
        next = place(kinds, CircuitBuilder.Kind.INTERNAL, position, next);
        if (next != n) {
            throw new IllegalStateException("laid out " + next + " of " + n + " wires");
        }
        return new Layout(position, outputs, publicInputs, privateInputs);
    }

    static Witness witness(CircuitBuilder b) {
        int[] position = layout(b).position();
        Fr[] values = new Fr[position.length];
        Fr[] built = b.values();
        for (int w = 0; w < position.length; w++) {
            values[position[w]] = built[w];
        }
        return Witness.of(values);
    }

    static Circuit build(CircuitBuilder b) {
        int n = b.numWires();
        Layout layout = layout(b);
        int[] position = layout.position();
        int outputs = layout.outputs();
        int publicInputs = layout.publicInputs();
        int privateInputs = layout.privateInputs();

        Fr[] values = new Fr[n];
        int[] scopeOfWire = new int[n];
        int[] roleOfWire = new int[n];
        int[] wireScope = b.wireScope();
        int[] wireRole = b.wireRole();
        Fr[] built = b.values();
        for (int w = 0; w < n; w++) {
            values[position[w]] = built[w];
            scopeOfWire[position[w]] = wireScope[w];
            roleOfWire[position[w]] = wireRole[w];
        }
        String[] ioNames = new String[n];
        b.ioNames().forEach((w, name) -> ioNames[position[w]] = name);

        int m = b.numConstraints();
        List<Constraint> constraints = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            constraints.add(new Constraint(renumber(b.as().get(i), position), renumber(b.bs().get(i), position),
                    renumber(b.cs().get(i), position)));
        }
        long[] labels = new long[n];
        for (int w = 0; w < n; w++) {
            labels[w] = w;
        }
        R1cs r1cs = R1cs.of(n, outputs, publicInputs, privateInputs, n, constraints, labels);
        Witness witness = Witness.of(values);
        return new Circuit(r1cs, witness, List.copyOf(b.scopePaths()), List.copyOf(b.scopeParents()),
                Arrays.copyOf(b.constraintScope(), m), scopeOfWire, roleOfWire, List.copyOf(b.roles()), ioNames,
                position);
    }

    private static int place(byte[] kinds, CircuitBuilder.Kind kind, int[] position, int next) {
        for (int w = 1; w < position.length; w++) {
            if (kinds[w] == kind.ordinal()) {
                position[w] = next++;
            }
        }
        return next;
    }

    private static LinearCombination renumber(Signal s, int[] position) {
        int k = s.wires.length;
        if (k == 0) {
            return LinearCombination.ZERO;
        }
        int[] w = new int[k];
        Fr[] c = s.coefficients;
        boolean sorted = true;
        for (int i = 0; i < k; i++) {
            w[i] = position[s.wires[i]];
            sorted &= i == 0 || w[i] > w[i - 1];
        }
        if (!sorted) {
            long[] keys = new long[k];
            for (int i = 0; i < k; i++) {
                keys[i] = ((long) w[i] << 32) | i;
            }
            Arrays.sort(keys);
            int[] sw = new int[k];
            Fr[] sc = new Fr[k];
            for (int i = 0; i < k; i++) {
                sw[i] = (int) (keys[i] >>> 32);
                sc[i] = c[(int) keys[i]];
            }
            w = sw;
            c = sc;
        }
        return LinearCombination.of(w, c);
    }
}
