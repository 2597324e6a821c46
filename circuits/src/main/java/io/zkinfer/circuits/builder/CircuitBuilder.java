package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Witness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a rank-1 constraint system and its witness in one pass (a witness-carrying builder, after gnark's
 * frontend): every {@link Signal} carries its value, so a circuit built from concrete inputs comes out with a
 * witness that satisfies it. Linear operations ({@link #add}, {@link #sub}, {@link #scale}, {@link #linear}) are
 * free; {@link #mul} of two non-constant signals and each {@code assert…} cost one constraint.
 *
 * <p>The constraint system's shape must not depend on the values: gadgets branch only on constants and widths, so
 * building with any valid inputs gives the same {@link io.zkinfer.circuits.r1cs.R1cs}, and setup can use one input
 * while proving uses another. {@link #build} lays the wires out as snarkjs does: wire 0 = 1, the public outputs,
 * the public inputs, the private inputs, then every internal wire in the order it was made.
 *
 * <p>Not thread-safe; one builder makes one circuit.
 */
public final class CircuitBuilder {

    enum Kind { CONSTANT, PUBLIC_OUTPUT, PUBLIC_INPUT, PRIVATE_INPUT, INTERNAL }

    private static final Signal ONE = new Signal(new int[] {0}, new Fr[] {Fr.ONE}, Fr.ONE);
    private static final Signal ZERO = new Signal(new int[0], new Fr[0], Fr.ZERO);
    /**
     * The placeholder terms of an opaque signal: a wire id no builder reaches (below Terms' end marker), with a
     * coefficient other than 1 so that it never passes for a single wire.
     */
    private static final int[] OPAQUE_WIRES = {Integer.MAX_VALUE - 1};
    private static final Fr[] OPAQUE_COEFFICIENTS = {Fr.of(2)};

    private final HintRewriter rewriter;
    private final boolean recordConstraints;
    private int numConstraints;

    // wires, by builder id (0 = the constant 1)
    private Fr[] values = new Fr[1024];
    private byte[] kinds = new byte[1024];
    private int[] wireScope = new int[1024];
    private int[] wireRole = new int[1024];
    private int numWires;
    private final Map<Integer, String> ioNames = new HashMap<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private final Map<String, Integer> roleIds = new HashMap<>();

    // constraints
    private final List<Signal> as = new ArrayList<>();
    private final List<Signal> bs = new ArrayList<>();
    private final List<Signal> cs = new ArrayList<>();
    private int[] constraintScope = new int[1024];

    // scopes: id 0 is the circuit itself
    private final List<String> scopePaths = new ArrayList<>(List.of(""));
    private final List<Integer> scopeParents = new ArrayList<>(List.of(-1));
    private final Map<String, Integer> scopeIds = new HashMap<>(Map.of("", 0));
    private int currentScope;

    /** A builder whose hints take their honest values. */
    public CircuitBuilder() {
        this(HintRewriter.HONEST);
    }

    /** A builder that passes every hint through {@code rewriter} (for tests that play a cheating prover). */
    public CircuitBuilder(HintRewriter rewriter) {
        this(rewriter, true);
    }

    private CircuitBuilder(HintRewriter rewriter, boolean recordConstraints) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.recordConstraints = recordConstraints;
        newWire(Fr.ONE, Kind.CONSTANT, -1);
    }

    /**
     * A builder that computes only the witness: it counts constraints but keeps none, so the same circuit code
     * yields the witness of a constraint system built once before (at compile time) with less work and memory.
     * Call {@link #witness()}, not {@link #build()}.
     */
    public static CircuitBuilder witnessOnly() {
        return new CircuitBuilder(HintRewriter.HONEST, false);
    }

    /** Whether this builder computes only the witness ({@link #witnessOnly()}). */
    public boolean isWitnessOnly() {
        return !recordConstraints;
    }

    /**
     * In a witness-only builder, a non-constant linear combination known only by its value: a gadget whose
     * combinations are long but whose witness is cheap to compute natively (Poseidon's partial rounds) passes these
     * to {@link #mul} and {@link #publicOutput} so the wires and constraint count come out as in the full build,
     * without spelling out the terms. It counts as a combination of several wires (never a single wire or a
     * constant); its terms are a placeholder: never use it where the terms matter.
     *
     * @throws IllegalStateException in a builder that keeps constraints
     */
    public Signal opaque(Fr value) {
        if (recordConstraints) {
            throw new IllegalStateException("opaque signals exist only in witness-only builders; this builder keeps"
                    + " constraints and needs every combination's terms");
        }
        return new Signal(OPAQUE_WIRES, OPAQUE_COEFFICIENTS, Objects.requireNonNull(value, "value"));
    }

    // ---- wires -------------------------------------------------------------------------------------------------

    /** A public input named {@code name} with value {@code value}. */
    public Signal publicInput(String name, Fr value) {
        return named(name, newWire(value, Kind.PUBLIC_INPUT, -1));
    }

    /** A public input holding the signed integer {@code value}. */
    public Signal publicInput(String name, long value) {
        return publicInput(name, SignedEncoding.encode(value));
    }

    /** A private input named {@code name} with value {@code value}. */
    public Signal privateInput(String name, Fr value) {
        return named(name, newWire(value, Kind.PRIVATE_INPUT, -1));
    }

    /** A private input holding the signed integer {@code value}. */
    public Signal privateInput(String name, long value) {
        return privateInput(name, SignedEncoding.encode(value));
    }

    /**
     * Declares {@code value} a public output named {@code name}, in declaration order. A signal that is one
     * internal wire with coefficient 1 becomes the output itself (no constraint); anything else gets a new output
     * wire and one constraint {@code value · 1 = out}.
     */
    public Signal publicOutput(String name, Signal value) {
        if (value.isSingleWire() && kinds[value.wires[0]] == Kind.INTERNAL.ordinal()) {
            int w = value.wires[0];
            kinds[w] = (byte) Kind.PUBLIC_OUTPUT.ordinal();
            outputs.add(w);
            named(name, value);
            return value;
        }
        Signal out = named(name, newWire(value.value(), Kind.PUBLIC_OUTPUT, -1));
        outputs.add(out.wires[0]);
        assertEqual(value, out);
        return out;
    }

    /**
     * A new internal wire holding {@code value}, with no constraint on it yet: the calling gadget must constrain
     * it fully. {@code role} names it in check results and for {@link HintRewriter}s (e.g. {@code q}, {@code r}).
     */
    public Signal hint(String role, Fr value) {
        Fr v = rewriter.rewrite(scopePaths.get(currentScope), role, value);
        return newWire(v, Kind.INTERNAL, roleId(role));
    }

    /** {@link #hint(String, Fr)} of the signed integer {@code value}. */
    public Signal hint(String role, BigInteger value) {
        return hint(role, SignedEncoding.encode(value));
    }

    /** {@link #hint(String, Fr)} of the signed integer {@code value}. */
    public Signal hint(String role, long value) {
        return hint(role, SignedEncoding.encode(value));
    }

    // ---- free linear operations --------------------------------------------------------------------------------

    /** The constant 1. */
    public Signal one() {
        return ONE;
    }

    /** The constant {@code value}. */
    public Signal constant(Fr value) {
        return value.isZero() ? ZERO : new Signal(new int[] {0}, new Fr[] {value}, value);
    }

    /** The constant signed integer {@code value}. */
    public Signal constant(long value) {
        return constant(SignedEncoding.encode(value));
    }

    /** The constant signed integer {@code value}. */
    public Signal constant(BigInteger value) {
        return constant(SignedEncoding.encode(value));
    }

    /** {@code a + b}. */
    public Signal add(Signal a, Signal b) {
        return Terms.combine(a, Fr.ONE, b, Fr.ONE);
    }

    /** {@code a + k}. */
    public Signal add(Signal a, long k) {
        return add(a, constant(k));
    }

    /** {@code a − b}. */
    public Signal sub(Signal a, Signal b) {
        return Terms.combine(a, Fr.ONE, b, Fr.ONE.neg());
    }

    /** {@code −a}. */
    public Signal neg(Signal a) {
        return Terms.scale(a, Fr.ONE.neg());
    }

    /** {@code k·a}. */
    public Signal scale(Signal a, Fr k) {
        return Terms.scale(a, k);
    }

    /** {@code k·a} for a signed integer k. */
    public Signal scale(Signal a, long k) {
        return Terms.scale(a, SignedEncoding.encode(k));
    }

    /** {@code k·a} for a signed integer k. */
    public Signal scale(Signal a, BigInteger k) {
        return Terms.scale(a, SignedEncoding.encode(k));
    }

    /** Σ xᵢ. */
    public Signal sum(List<Signal> xs) {
        Fr[] ones = new Fr[xs.size()];
        Arrays.fill(ones, Fr.ONE);
        return Terms.linear(xs.toArray(new Signal[0]), ones);
    }

    /** Σ kᵢ·xᵢ for signed integer constants kᵢ (a dot product with constant weights: no constraint). */
    public Signal linear(Signal[] xs, long[] ks) {
        if (xs.length != ks.length) {
            throw new IllegalArgumentException(xs.length + " signals but " + ks.length + " coefficients");
        }
        Fr[] k = new Fr[ks.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = SignedEncoding.encode(ks[i]);
        }
        return Terms.linear(xs, k);
    }

    /** Σ kᵢ·xᵢ for field constants kᵢ: free. */
    public Signal linear(Signal[] xs, Fr[] ks) {
        if (xs.length != ks.length) {
            throw new IllegalArgumentException(xs.length + " signals but " + ks.length + " coefficients");
        }
        return Terms.linear(xs, ks);
    }

    // ---- constraints -------------------------------------------------------------------------------------------

    /** {@code a · b}: free when either is a constant, otherwise one constraint {@code a · b = p} on a new wire p. */
    public Signal mul(Signal a, Signal b) {
        if (a.isConstant()) {
            return scale(b, a.value());
        }
        if (b.isConstant()) {
            return scale(a, b.value());
        }
        Signal p = newWire(a.value().mul(b.value()), Kind.INTERNAL, roleId("product"));
        assertProduct(a, b, p);
        return p;
    }

    /** Adds the constraint {@code a · b = c}. One constraint. */
    public void assertProduct(Signal a, Signal b, Signal c) {
        int i = numConstraints++;
        if (!recordConstraints) {
            return;
        }
        as.add(a);
        bs.add(b);
        cs.add(c);
        if (i == constraintScope.length) {
            constraintScope = Arrays.copyOf(constraintScope, i * 2);
        }
        constraintScope[i] = currentScope;
    }

    /**
     * Adds the constraint {@code (a − b) · 1 = 0}: one constraint, none when a − b is the constant 0.
     *
     * @throws IllegalArgumentException if a − b is a non-zero constant (no witness could satisfy it)
     */
    public void assertEqual(Signal a, Signal b) {
        Signal d = sub(a, b);
        if (d.isConstant()) {
            if (!d.value().isZero()) {
                throw new IllegalArgumentException("assertEqual of two constants that differ by " + d.signedValue()
                        + " in scope '" + scopePaths.get(currentScope) + "'");
            }
            return;
        }
        assertProduct(d, ONE, ZERO);
    }

    /** Adds {@code a · (a − 1) = 0}, so that a is 0 or 1. One constraint. */
    public void assertBoolean(Signal a) {
        assertProduct(a, sub(a, ONE), ZERO);
    }

    /** Constraints made so far. */
    public int numConstraints() {
        return numConstraints;
    }

    /** Wires made so far, wire 0 included. */
    public int numWires() {
        return numWires;
    }

    // ---- scopes ------------------------------------------------------------------------------------------------

    /** Opens the scope {@code name} inside the current one; close it (try-with-resources) to return. */
    public Scope scope(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("scope names are non-empty and hold no '/': '" + name + "'");
        }
        String parent = scopePaths.get(currentScope);
        String path = parent.isEmpty() ? name : parent + "/" + name;
        Integer id = scopeIds.get(path);
        if (id == null) {
            id = scopePaths.size();
            scopePaths.add(path);
            scopeParents.add(currentScope);
            scopeIds.put(path, id);
        }
        Scope s = new Scope(this, id, currentScope);
        currentScope = id;
        return s;
    }

    /** The current scope's path ({@code ""} outside every scope). */
    public String currentScope() {
        return scopePaths.get(currentScope);
    }

    String scopePath(int id) {
        return scopePaths.get(id);
    }

    void closeScope(int id, int previous) {
        if (currentScope != id) {
            throw new IllegalStateException("scope '" + scopePaths.get(id) + "' closed while '"
                    + scopePaths.get(currentScope) + "' inside it is still open; close scopes innermost first");
        }
        currentScope = previous;
    }

    // ---- build -------------------------------------------------------------------------------------------------

    /** The constraint system, its witness and the scope statistics. The builder can go on afterwards. */
    public Circuit build() {
        if (!recordConstraints) {
            throw new IllegalStateException("a witness-only builder keeps no constraints; call witness()");
        }
        return CircuitLayout.build(this);
    }

    /** The witness alone, laid out as {@link #build()} lays out the wires. */
    public Witness witness() {
        return CircuitLayout.witness(this);
    }

    // package-private views for CircuitLayout
    Fr[] values() { return values; }
    byte[] kinds() { return kinds; }
    int[] wireScope() { return wireScope; }
    int[] wireRole() { return wireRole; }
    List<Integer> outputs() { return outputs; }
    Map<Integer, String> ioNames() { return ioNames; }
    List<String> roles() { return roles; }
    List<Signal> as() { return as; }
    List<Signal> bs() { return bs; }
    List<Signal> cs() { return cs; }
    int[] constraintScope() { return constraintScope; }
    List<String> scopePaths() { return scopePaths; }
    List<Integer> scopeParents() { return scopeParents; }

    private Signal newWire(Fr value, Kind kind, int role) {
        Objects.requireNonNull(value, "value");
        if (numWires == values.length) {
            int n = numWires * 2;
            values = Arrays.copyOf(values, n);
            kinds = Arrays.copyOf(kinds, n);
            wireScope = Arrays.copyOf(wireScope, n);
            wireRole = Arrays.copyOf(wireRole, n);
        }
        int w = numWires++;
        values[w] = value;
        kinds[w] = (byte) kind.ordinal();
        wireScope[w] = currentScope;
        wireRole[w] = role;
        return w == 0 ? ONE : new Signal(new int[] {w}, new Fr[] {Fr.ONE}, value);
    }

    private Signal named(String name, Signal wire) {
        Objects.requireNonNull(name, "name");
        ioNames.put(wire.wires[0], name);
        return wire;
    }

    private int roleId(String role) {
        return roleIds.computeIfAbsent(role, r -> {
            roles.add(r);
            return roles.size() - 1;
        });
    }
}
