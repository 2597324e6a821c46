package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A rank-1 constraint system over Fr: a witness w ∈ Fr^numWires satisfies it when w[0] = 1 and
 * ⟨aᵢ,w⟩·⟨bᵢ,w⟩ = ⟨cᵢ,w⟩ for every constraint i (Groth16's R1CS, with the QAP built from a, b, c).
 *
 * <p>The header follows circom's .r1cs: {@code numWires} counts wire 0 (the constant 1); wires
 * {@code 1..numPublic()} are the public signals, the public outputs first and then the public inputs;
 * the private inputs follow them, then the internal wires. {@code numLabels} is the number of circom
 * signal labels, and the optional wire→label map gives each wire's label id (see {@link SignalNames}).
 * Immutable.
 */
public final class R1cs {

    /** At most this many wires are described in a failed check's message. */
    private static final int MAX_WIRES_DESCRIBED = 16;
    private static final BigInteger HALF_R = Fr.MODULUS.shiftRight(1);

    private final int numWires;
    private final int numPublicOutputs;
    private final int numPublicInputs;
    private final int numPrivateInputs;
    private final long numLabels;
    private final List<Constraint> constraints;
    private final long[] wireToLabel;

    private R1cs(int numWires, int numPublicOutputs, int numPublicInputs, int numPrivateInputs,
                 long numLabels, List<Constraint> constraints, long[] wireToLabel) {
        this.numWires = numWires;
        this.numPublicOutputs = numPublicOutputs;
        this.numPublicInputs = numPublicInputs;
        this.numPrivateInputs = numPrivateInputs;
        this.numLabels = numLabels;
        this.constraints = constraints;
        this.wireToLabel = wireToLabel;
    }

    /**
     * A constraint system with the given header, constraints (copied) and optional wire→label ids
     * ({@code wireToLabel} may be null; if given it has one label id per wire, each below numLabels).
     *
     * @throws IllegalArgumentException if a count is negative, the inputs and outputs do not fit in
     *     numWires, a constraint uses a wire ≥ numWires, or the label map is malformed
     */
    public static R1cs of(int numWires, int numPublicOutputs, int numPublicInputs, int numPrivateInputs,
                          long numLabels, List<Constraint> constraints, long[] wireToLabel) {
        Objects.requireNonNull(constraints, "constraints");
        if (numWires < 1) {
            throw new IllegalArgumentException("an R1CS needs at least wire 0 (the constant 1), got numWires = " + numWires);
        }
        if (numPublicOutputs < 0 || numPublicInputs < 0 || numPrivateInputs < 0 || numLabels < 0) {
            throw new IllegalArgumentException("R1CS counts must be non-negative: outputs " + numPublicOutputs
                    + ", public inputs " + numPublicInputs + ", private inputs " + numPrivateInputs + ", labels " + numLabels);
        }
        long declared = 1L + numPublicOutputs + numPublicInputs + numPrivateInputs;
        if (declared > numWires) {
            throw new IllegalArgumentException("R1CS declares 1 constant + " + numPublicOutputs + " outputs + "
                    + numPublicInputs + " public inputs + " + numPrivateInputs + " private inputs = " + declared
                    + " wires, more than numWires = " + numWires);
        }
        List<Constraint> copy = List.copyOf(constraints);
        for (int i = 0; i < copy.size(); i++) {
            int max = copy.get(i).maxWire();
            if (max >= numWires) {
                throw new IllegalArgumentException("constraint " + i + " uses wire " + max
                        + " but the R1CS has only " + numWires + " wires (0.." + (numWires - 1) + ")");
            }
        }
        long[] labels = null;
        if (wireToLabel != null) {
            if (wireToLabel.length != numWires) {
                throw new IllegalArgumentException("wire→label map has " + wireToLabel.length
                        + " entries but the R1CS has " + numWires + " wires; give one label id per wire");
            }
            labels = wireToLabel.clone();
            for (int w = 0; w < labels.length; w++) {
                if (labels[w] < 0 || labels[w] >= numLabels) {
                    throw new IllegalArgumentException("wire " + w + " maps to label " + labels[w]
                            + ", outside 0.." + (numLabels - 1) + " (numLabels = " + numLabels + ")");
                }
            }
        }
        return new R1cs(numWires, numPublicOutputs, numPublicInputs, numPrivateInputs, numLabels, copy, labels);
    }

    /** A constraint system without labels: numLabels = numWires and no wire→label map. */
    public static R1cs of(int numWires, int numPublicOutputs, int numPublicInputs, int numPrivateInputs,
                          List<Constraint> constraints) {
        return of(numWires, numPublicOutputs, numPublicInputs, numPrivateInputs, numWires, constraints, null);
    }

    /** Number of wires including wire 0, the constant 1. */
    public int numWires() {
        return numWires;
    }

    /** Number of public outputs: wires 1..numPublicOutputs. */
    public int numPublicOutputs() {
        return numPublicOutputs;
    }

    /** Number of public inputs: the wires right after the outputs. */
    public int numPublicInputs() {
        return numPublicInputs;
    }

    /** Number of private inputs: the wires right after the public inputs. */
    public int numPrivateInputs() {
        return numPrivateInputs;
    }

    /** Number of public signals, outputs + public inputs: wires 1..numPublic(). */
    public int numPublic() {
        return numPublicOutputs + numPublicInputs;
    }

    /** Number of circom signal labels (≥ the wires that survive optimisation in circom's output). */
    public long numLabels() {
        return numLabels;
    }

    /** Number of constraints. */
    public int numConstraints() {
        return constraints.size();
    }

    /** Constraint {@code i}. */
    public Constraint constraint(int i) {
        return constraints.get(i);
    }

    /** All constraints, unmodifiable. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** Whether a wire→label map is present. */
    public boolean hasWireLabels() {
        return wireToLabel != null;
    }

    /** A copy of the wire→label map, if present. */
    public Optional<long[]> wireToLabel() {
        return wireToLabel == null ? Optional.empty() : Optional.of(wireToLabel.clone());
    }

    /** The label id of {@code wire}, if a map is present. */
    public OptionalLong labelOf(int wire) {
        return wireToLabel == null ? OptionalLong.empty() : OptionalLong.of(wireToLabel[wire]);
    }

    /** {@link #check(Fr[], SignalNames)} without signal names. */
    public CheckResult check(Witness witness) {
        return check(witness.valuesUnsafe(), SignalNames.NONE);
    }

    /** {@link #check(Fr[], SignalNames)} naming wires through {@code names}. */
    public CheckResult check(Witness witness, SignalNames names) {
        return check(witness.valuesUnsafe(), names);
    }

    /** {@link #check(Fr[], SignalNames)} without signal names. */
    public CheckResult check(Fr[] witness) {
        return check(witness, SignalNames.NONE);
    }

    /**
     * Checks that {@code witness} has numWires values, that witness[0] = 1, and that every constraint holds;
     * the result names the first problem found, for a failing constraint its index and the wires it uses
     * (with their label ids, and names when {@code names} knows them). Values above (r − 1)/2 are shown
     * as negatives, e.g. {@code -9} for r − 9.
     */
    public CheckResult check(Fr[] witness, SignalNames names) {
        Objects.requireNonNull(witness, "witness");
        Objects.requireNonNull(names, "names");
        if (witness.length != numWires) {
            return CheckResult.failure(CheckResult.Problem.WRONG_LENGTH, -1, List.of(),
                    "witness has " + witness.length + " values but the R1CS has " + numWires
                            + " wires; compute the witness for this circuit");
        }
        for (int i = 0; i < witness.length; i++) {
            if (witness[i] == null) {
                return CheckResult.failure(CheckResult.Problem.WRONG_LENGTH, -1, List.of(), "witness value " + i + " is null");
            }
        }
        if (!witness[0].isOne()) {
            return CheckResult.failure(CheckResult.Problem.CONSTANT_WIRE_NOT_ONE, -1, List.of(describe(0, witness, names)),
                    "witness[0] must be 1 (the constant wire) but is " + witness[0]);
        }
        for (int i = 0; i < constraints.size(); i++) {
            Constraint k = constraints.get(i);
            Fr a = k.a().evaluate(witness);
            Fr b = k.b().evaluate(witness);
            Fr c = k.c().evaluate(witness);
            if (!a.mul(b).equals(c)) {
                List<String> wires = involvedWires(k, witness, names);
                return CheckResult.failure(CheckResult.Problem.CONSTRAINT_UNSATISFIED, i, wires,
                        "constraint " + i + " of " + constraints.size() + " is not satisfied: A·B ≠ C with A = " + signed(a)
                                + ", B = " + signed(b) + ", C = " + signed(c) + "; wires: " + String.join(", ", wires));
            }
        }
        return CheckResult.satisfied(constraints.size());
    }

    private List<String> involvedWires(Constraint k, Fr[] witness, SignalNames names) {
        TreeSet<Integer> set = new TreeSet<>();
        for (LinearCombination lc : List.of(k.a(), k.b(), k.c())) {
            for (int t = 0; t < lc.size(); t++) {
                set.add(lc.wire(t));
            }
        }
        List<String> out = new ArrayList<>();
        for (int w : set) {
            if (out.size() == MAX_WIRES_DESCRIBED) {
                out.add("… " + (set.size() - MAX_WIRES_DESCRIBED) + " more");
                break;
            }
            out.add(describe(w, witness, names));
        }
        return List.copyOf(out);
    }

    /** E.g. {@code w3 'main.b' (label 3) = 11}. */
    private String describe(int wire, Fr[] witness, SignalNames names) {
        StringBuilder sb = new StringBuilder("w").append(wire);
        if (wireToLabel != null) {
            long label = wireToLabel[wire];
            names.nameOf(label).ifPresent(n -> sb.append(" '").append(n).append('\''));
            sb.append(" (label ").append(label).append(')');
        }
        return sb.append(" = ").append(signed(witness[wire])).toString();
    }

    /** Field elements above (r − 1)/2 read better as negatives: r − 9 prints as {@code -9}. */
    private static String signed(Fr v) {
        BigInteger x = v.toBigInteger();
        return x.compareTo(HALF_R) > 0 ? "-" + Fr.MODULUS.subtract(x) : x.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof R1cs r
                && numWires == r.numWires
                && numPublicOutputs == r.numPublicOutputs
                && numPublicInputs == r.numPublicInputs
                && numPrivateInputs == r.numPrivateInputs
                && numLabels == r.numLabels
                && constraints.equals(r.constraints)
                && Arrays.equals(wireToLabel, r.wireToLabel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numWires, numPublicOutputs, numPublicInputs, numPrivateInputs, numLabels, constraints)
                * 31 + Arrays.hashCode(wireToLabel);
    }

    @Override
    public String toString() {
        return "R1cs[wires=" + numWires + ", constraints=" + constraints.size() + ", publicOutputs=" + numPublicOutputs
                + ", publicInputs=" + numPublicInputs + ", privateInputs=" + numPrivateInputs + ", labels=" + numLabels
                + (wireToLabel == null ? "" : ", with wire→label map") + "]";
    }
}
