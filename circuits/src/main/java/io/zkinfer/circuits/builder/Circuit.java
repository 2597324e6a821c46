package io.zkinfer.circuits.builder;

import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.SignalNames;
import io.zkinfer.circuits.r1cs.Witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A built circuit: the {@link R1cs} (wire 0 = 1, public outputs, public inputs, private inputs, internal wires),
 * the witness the builder computed, and where each constraint and wire came from (its scope), for statistics and
 * for naming a failed check. Immutable.
 */
public final class Circuit {

    private final R1cs r1cs;
    private final Witness witness;
    private final List<String> scopePaths;
    private final List<Integer> scopeParents;
    private final int[] constraintScope;
    private final int[] wireScope;
    private final int[] wireRole;
    private final List<String> roles;
    private final String[] ioNames;
    private final int[] position;

    Circuit(R1cs r1cs, Witness witness, List<String> scopePaths, List<Integer> scopeParents, int[] constraintScope,
            int[] wireScope, int[] wireRole, List<String> roles, String[] ioNames, int[] position) {
        this.r1cs = r1cs;
        this.witness = witness;
        this.scopePaths = scopePaths;
        this.scopeParents = scopeParents;
        this.constraintScope = constraintScope;
        this.wireScope = wireScope;
        this.wireRole = wireRole;
        this.roles = roles;
        this.ioNames = ioNames;
        this.position = position;
    }

    /** The constraint system. */
    public R1cs r1cs() {
        return r1cs;
    }

    /** The witness computed while building. */
    public Witness witness() {
        return witness;
    }

    /** Number of constraints. */
    public int numConstraints() {
        return r1cs.numConstraints();
    }

    /** The path of the scope constraint {@code i} was made in ({@code ""} outside every scope). */
    public String scopeOfConstraint(int i) {
        return scopePaths.get(constraintScope[i]);
    }

    /**
     * The wire of the R1CS that holds {@code s}, which must be a single wire (an input, an output, a hint or a
     * product), e.g. to tamper with it in a negative test.
     */
    public int wireOf(Signal s) {
        if (s.wires.length != 1 || s.wires[0] == 0) {
            throw new IllegalArgumentException("signal is not a single wire but a combination of " + s.wires.length
                    + " terms");
        }
        return position[s.wires[0]];
    }

    /** An input's or output's name (e.g. {@code x}), else the wire's scope and role (e.g. {@code conv1/rescale.q}). */
    public String wireName(int wire) {
        if (wire == 0) {
            return "one";
        }
        if (ioNames[wire] != null) {
            return ioNames[wire];
        }
        String path = scopePaths.get(wireScope[wire]);
        String role = wireRole[wire] < 0 ? "w" : roles.get(wireRole[wire]);
        return path.isEmpty() ? role : path + "." + role;
    }

    /** Cost per scope, the circuit itself (path {@code ""}) first, then each scope in the order it was opened. */
    public List<ScopeStatistics> statistics() {
        int s = scopePaths.size();
        long[] ownC = new long[s];
        long[] ownW = new long[s];
        for (int c : constraintScope) {
            ownC[c]++;
        }
        for (int w = 1; w < wireScope.length; w++) {
            ownW[wireScope[w]]++;
        }
        long[] totC = ownC.clone();
        long[] totW = ownW.clone();
        int[] depth = new int[s];
        for (int id = s - 1; id > 0; id--) { // children are made after their parents
            int p = scopeParents.get(id);
            totC[p] += totC[id];
            totW[p] += totW[id];
        }
        List<ScopeStatistics> out = new ArrayList<>(s);
        for (int id = 0; id < s; id++) {
            depth[id] = id == 0 ? 0 : depth[scopeParents.get(id)] + 1;
            out.add(new ScopeStatistics(scopePaths.get(id), depth[id], ownC[id], totC[id], ownW[id], totW[id]));
        }
        return out;
    }

    /** The statistics of scope {@code path}. */
    public ScopeStatistics statistics(String path) {
        return statistics().stream().filter(st -> st.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scope '" + path + "'; scopes: " + scopePaths));
    }

    /** {@link #check(Witness)} of the builder's own witness. */
    public CheckResult check() {
        return check(witness);
    }

    /**
     * Checks {@code w} against the constraint system; a failure names the first failing constraint, the scope it
     * was made in, and its wires by name (e.g. {@code w12 'conv1/rescale.q' (label 12) = 7}).
     */
    public CheckResult check(Witness w) {
        CheckResult plain = r1cs.check(w);
        int i = plain.failingConstraint();
        if (i < 0) {
            return plain;
        }
        Map<Long, String> names = new HashMap<>();
        Constraint k = r1cs.constraint(i);
        for (LinearCombination lc : List.of(k.a(), k.b(), k.c())) {
            for (int t = 0; t < lc.size(); t++) {
                names.put((long) lc.wire(t), wireName(lc.wire(t)));
            }
        }
        CheckResult named = r1cs.check(w, SignalNames.of(names));
        return new CheckResult(named.problem(), i, named.involvedWires(),
                "in scope '" + scopeOfConstraint(i) + "': " + named.message());
    }
}
