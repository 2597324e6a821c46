package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.HintRewriter;
import io.zkinfer.circuits.builder.Scope;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a {@link QuantizedModel} to a rank-1 constraint system and computes its witness, agreeing with the
 * {@link IntegerExecutor} (docs/quantization.md) bit for bit. Each integer node becomes the gadgets of its operator
 * (linear operators with constant weights are free linear combinations; requantization, ReLU, pooling, division,
 * lookups and softmax are the gadgets of {@link io.zkinfer.circuits.gadgets}), in a scope named after the node
 * ({@code /} replaced by {@code _}); the inputs, outputs and commitments are in scopes {@code input}, {@code output}
 * and {@code commit}, and the public signals follow {@link #publicLayout()}.
 *
 * <p>The constraint system depends on the model, the visibility and the input shapes only, never on input values,
 * so {@link #compile()} (all-zero inputs) serves for setup and {@link #run} for each proof. Thread-safe: builds
 * share only immutable, prepared model data.
 *
 * <p>Inputs are range-checked to the activation width whatever their visibility. Hashed weights are private inputs
 * without range checks: the weights commitment binds them, so a verifier must compare it with the registered model's
 * {@link #weightsCommitment()} (the gadgets size their checks from the quantizer's bounds of those weights).
 */
public final class ModelCompiler {

    /**
     * The most constraints a model may need unless the caller allows more: 2^24, the largest circuit whose Groth16
     * keys (about {@value CircuitSizeEstimate#KEY_BYTES_PER_CONSTRAINT} bytes per constraint, some 16 GiB) and
     * prover memory fit a machine of tens of GiB.
     */
    public static final long DEFAULT_MAX_CONSTRAINTS = 1L << 24;

    private final QuantizedModel model;
    private final VisibilityOptions visibility;
    private final ModelPlan plan;
    private final CircuitSizeEstimate sizeEstimate;
    private final PublicLayout layout;
    /** All-zero inputs, unless they have no result (a divisor of either sign is 0 there): see {@link #compile()}. */
    private final Map<String, Tensor> setupInput;
    private volatile Fr weightsCommitment;

    private static final int SETUP_ATTEMPTS = 16;

    /**
     * {@link #ModelCompiler(QuantizedModel, VisibilityOptions, long)} with the limit
     * {@link #DEFAULT_MAX_CONSTRAINTS}.
     */
    public ModelCompiler(QuantizedModel model, VisibilityOptions visibility) {
        this(model, visibility, DEFAULT_MAX_CONSTRAINTS);
    }

    /**
     * Prepares {@code model} for compilation with {@code visibility}: estimates its size
     * ({@link CircuitSizeEstimate}), refuses it if that exceeds {@code maxConstraints}, and builds it once (witness
     * only, on zero inputs) to learn the output shapes.
     *
     * @throws UnsupportedOperatorException for a node that cannot be compiled, naming it and the missing gadget
     * @throws CircuitTooLargeException     if the estimate exceeds {@code maxConstraints}, before building anything
     * @throws IllegalArgumentException     for hashed weights on a model that has none, or a limit below 1
     */
    public ModelCompiler(QuantizedModel model, VisibilityOptions visibility, long maxConstraints) {
        this.model = Objects.requireNonNull(model, "model");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        if (maxConstraints < 1) {
            throw new IllegalArgumentException("the constraint limit must be at least 1, got " + maxConstraints);
        }
        this.plan = new ModelPlan(model, visibility);
        if (visibility.weights() == Visibility.HASHED && plan.weights.isEmpty()) {
            throw new IllegalArgumentException("weights 'hashed' needs a model with weights (constant operands of "
                    + ModelPlan.WEIGHTED_OPERATORS + "); this model has none, use weights 'fixed'");
        }
        this.sizeEstimate = SizeEstimator.estimate(plan);
        if (sizeEstimate.constraints() > maxConstraints) {
            throw new CircuitTooLargeException(sizeEstimate, maxConstraints);
        }
        List<SignalTensor> outputs = null;
        Map<String, Tensor> input = zeros();
        for (int attempt = 0; outputs == null; attempt++) {
            try {
                outputs = build(CircuitBuilder.witnessOnly(), input);
            } catch (ArithmeticException e) {
                if (attempt == SETUP_ATTEMPTS) {
                    throw new ArithmeticException(e.getMessage() + " (for zero inputs and " + SETUP_ATTEMPTS
                            + " spread-out ones; compile with an input that has a result instead)");
                }
                input = probeInputs(attempt);
            }
        }
        this.setupInput = input;
        this.layout = ModelBoundary.layout(plan, outputs.stream().map(SignalTensor::shape).toList());
    }

    /** The full constraint system and witness of {@code integerInputs} (INT64, keyed by graph input name). */
    public Circuit compile(Map<String, Tensor> integerInputs) {
        return compile(integerInputs, HintRewriter.HONEST);
    }

    /** {@link #compile(Map)} with every hint passed through {@code rewriter} (tests that play a cheating prover). */
    Circuit compile(Map<String, Tensor> integerInputs, HintRewriter rewriter) {
        CircuitBuilder b = new CircuitBuilder(rewriter);
        build(b, integerInputs);
        return b.build();
    }

    /**
     * {@link #compile(Map)} of all-zero inputs: the constraint system for setup and statistics. The constraint
     * system does not depend on the values, and only its witness would; for the rare model that has no result at
     * zero (it divides by a value of either sign that is 0 there), the first of a fixed sequence of spread-out probe
     * inputs that has one is used instead.
     */
    public Circuit compile() {
        return compile(Progress.NONE);
    }

    /** {@link #compile()}, reporting to {@code progress} after each node ({@code done} counts nodes, then the boundary). */
    public Circuit compile(Progress progress) {
        CircuitBuilder b = new CircuitBuilder();
        build(b, setupInput, Objects.requireNonNull(progress, "progress"));
        return b.build();
    }

    /**
     * The witness of {@code integerInputs} (the R1CS of {@link #compile()}'s wire order), computed without keeping
     * constraints, with the integer outputs and the public signals.
     */
    public CompiledRun run(Map<String, Tensor> integerInputs) {
        CircuitBuilder b = CircuitBuilder.witnessOnly();
        List<SignalTensor> outputs = build(b, integerInputs);
        Witness w = b.witness();
        Map<String, Tensor> values = new LinkedHashMap<>();
        List<TensorInfo> names = model.graph().outputs();
        for (int k = 0; k < outputs.size(); k++) {
            SignalTensor t = outputs.get(k);
            long[] v = new long[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.get(i).longValue();
            }
            values.put(names.get(k).name(), Tensor.ofLongs(DataType.INT64, t.shape(), v));
        }
        return new CompiledRun(w, values, w.publicSignals(layout.size()));
    }

    /** The order and meaning of the public signals. */
    public PublicLayout publicLayout() {
        return layout;
    }

    /**
     * {@link PoseidonTree#commitIntegers} of the weights — every INT64 initializer operand of
     * {@code IntMatMul}, {@code IntConv}, {@code IntConvTranspose}, {@code IntAdd}, {@code IntSub} and
     * {@code IntMul}, in node order and operand order, each row-major, each once — whatever the visibility; with
     * hashed weights it is the circuit's public weights commitment. A model without weights has the commitment of
     * the single leaf 0.
     */
    public Fr weightsCommitment() {
        Fr c = weightsCommitment;
        if (c == null) {
            long[] values = plan.weightValues();
            c = PoseidonTree.commitIntegers(values.length == 0 ? new long[1] : values);
            weightsCommitment = c;
        }
        return c;
    }

    /** The names of the weight tensors, in commitment order. */
    public List<String> weightNames() {
        return plan.weights;
    }

    /** The size estimate this compiler checked against its limit. */
    public CircuitSizeEstimate sizeEstimate() {
        return sizeEstimate;
    }

    public QuantizedModel model() {
        return model;
    }

    public VisibilityOptions visibility() {
        return visibility;
    }

    /** Builds the whole circuit into {@code b}; returns the graph outputs. */
    private List<SignalTensor> build(CircuitBuilder b, Map<String, Tensor> inputs) {
        return build(b, inputs, Progress.NONE);
    }

    private List<SignalTensor> build(CircuitBuilder b, Map<String, Tensor> inputs, Progress progress) {
        BuildState s = new BuildState(b, plan);
        List<SignalTensor> in = ModelBoundary.inputs(s, inputs);
        List<SignalTensor> weights = ModelBoundary.weights(s);
        List<Node> nodes = model.graph().nodes();
        int total = nodes.size() + 1;
        for (int k = 0; k < nodes.size(); k++) {
            compileNode(s, nodes.get(k), k);
            progress.update("compile: " + nodes.get(k).name(), k + 1, total);
        }
        List<SignalTensor> outputs = new ArrayList<>();
        for (TensorInfo out : model.graph().outputs()) {
            outputs.add(s.signal(out.name()));
        }
        ModelBoundary.publish(s, in, weights, outputs);
        progress.update("compile: outputs and commitments", total, total);
        return outputs;
    }

    private void compileNode(BuildState s, Node n, int k) {
        try (Scope scope = s.b.scope(scopeName(n, k))) {
            if (plan.folded[k] && !s.isConstant(n.inputs().get(0))) {
                return; // a Relu folded into its Rescale: computed there
            }
            if (n.inputs().stream().allMatch(i -> i.isEmpty() || s.isConstant(i))) {
                s.defineConstant(n.outputs().get(0), fold(s, n));
                return;
            }
            int opset = model.graph().opset();
            switch (n.opType()) {
                case "IntMatMul" -> LinearOperators.matMul(s, n, k);
                case "IntConv" -> LinearOperators.conv(s, n, k);
                case "IntConvTranspose" -> LinearOperators.convTranspose(s, n, k);
                case "IntAdd" -> PointwiseOperators.addOrSubtract(s, n, false);
                case "IntSub" -> PointwiseOperators.addOrSubtract(s, n, true);
                case "IntMul" -> PointwiseOperators.multiply(s, n);
                case "IntDiv" -> PointwiseOperators.divide(s, n);
                case "Rescale" -> {
                    int relu = plan.reluFoldedInto[k];
                    Node target = relu < 0 ? n : model.graph().nodes().get(relu);
                    s.output(target, PointwiseOperators.rescale(s, n, relu >= 0));
                }
                case "Lookup" -> PointwiseOperators.lookup(s, n);
                case "Relu" -> PointwiseOperators.relu(s, n);
                case "MaxPool" -> WindowOperators.maxPool(s, n);
                case "IntAvgPool" -> WindowOperators.averagePool(s, n);
                case "IntSum" -> WindowOperators.reduce(s, n, false);
                case "IntMean" -> WindowOperators.reduce(s, n, true);
                case "IntSoftmax" -> WindowOperators.softmax(s, n);
                default -> DataMovement.move(s, n, opset);
            }
        } catch (UnsupportedOperatorException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            if (m.contains("'" + n.name() + "'") || m.contains(scopeName(n, k))) {
                throw e;
            }
            throw e instanceof ArithmeticException ? new ArithmeticException(n.describe() + ": " + m)
                    : new IllegalArgumentException(n.describe() + ": " + m, e);
        }
    }

    /** A node all of whose inputs are constants, run by the integer executor itself. */
    private Nd fold(BuildState s, Node n) {
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (String in : n.inputs()) {
            if (!in.isEmpty()) {
                constants.put(in, s.constant(in).toTensor());
            }
        }
        String out = n.outputs().get(0);
        Graph g = new Graph("fold", model.graph().opset(), List.of(),
                List.of(new TensorInfo(out, DataType.INT64, Shape.of())), List.of(n), constants);
        return Nd.of(new IntegerExecutor(new QuantizedModel(g, model.settings()), null).runIntegers(Map.of()).get(out));
    }

    /** The node's scope: its name with {@code /} replaced by {@code _} (its operator and position if unnamed). */
    static String scopeName(Node n, int k) {
        return n.name().isEmpty() ? n.opType() + "_" + k : n.name().replace('/', '_');
    }

    /** Inputs of the compiled shapes, uniform over the activation range. */
    /**
     * Probe inputs of the compiled shapes for when all-zero inputs have no result (a division by zero): attempt k
     * fills element i with the top {@code activationBits} bits of the Weyl sequence (i + 1 + k·n)·φ·2^64, as a signed
     * value. Spread over the whole input range and the same on every machine, so the layout never depends on chance.
     */
    private Map<String, Tensor> probeInputs(int attempt) {
        int bits = plan.activationBits;
        Map<String, Tensor> r = new LinkedHashMap<>();
        plan.inputShapes.forEach((name, shape) -> {
            long[] v = new long[(int) Tensor.elementCount(shape)];
            for (int i = 0; i < v.length; i++) {
                long step = i + 1 + (long) attempt * v.length;
                v[i] = ((step * 0x9E3779B97F4A7C15L) >>> (64 - bits)) - (1L << (bits - 1));
            }
            r.put(name, Tensor.ofLongs(DataType.INT64, shape, v));
        });
        return r;
    }

    /** All-zero inputs of the compiled shapes. */
    private Map<String, Tensor> zeros() {
        Map<String, Tensor> z = new LinkedHashMap<>();
        plan.inputShapes.forEach((name, shape) -> z.put(name, Tensor.ofLongs(DataType.INT64, shape,
                new long[(int) Tensor.elementCount(shape)])));
        return z;
    }
}
