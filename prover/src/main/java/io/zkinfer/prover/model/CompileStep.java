package io.zkinfer.prover.model;

import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.inference.quant.QuantizedModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code zkinfer compile}'s work once the model is quantized: compiles it with {@link ModelCompiler} at the given
 * visibility (on all-zero inputs: the constraint system does not depend on the values) and writes the model
 * directory ({@link ModelDirectory#writeCompiled}): the quantized model, {@code circuit.json}, {@code circuit.r1cs}
 * and the manifest (with the weights commitment when the weights are hashed), deleting keys of an earlier setup.
 */
public final class CompileStep {

    /** The compiled circuit (with its scopes, for statistics), what was written, and the time taken. */
    public record Result(Circuit circuit, CircuitSettings settings, Manifest manifest, ModelDirectory directory,
                         long compileMillis) {
    }

    private CompileStep() {
    }

    /**
     * {@link #run(QuantizedModel, VisibilityOptions, Path, Progress, long)} without progress reports and with the
     * limit {@link ModelCompiler#DEFAULT_MAX_CONSTRAINTS}.
     */
    public static Result run(QuantizedModel model, VisibilityOptions visibility, Path out) throws IOException {
        return run(model, visibility, out, Progress.NONE);
    }

    /**
     * {@link #run(QuantizedModel, VisibilityOptions, Path, Progress, long)} with the limit
     * {@link ModelCompiler#DEFAULT_MAX_CONSTRAINTS}.
     */
    public static Result run(QuantizedModel model, VisibilityOptions visibility, Path out, Progress progress)
            throws IOException {
        return run(model, visibility, out, progress, ModelCompiler.DEFAULT_MAX_CONSTRAINTS);
    }

    /**
     * Compiles {@code model} with {@code visibility} into the model directory {@code out} (created if missing),
     * reporting the compilation node by node, unless its size estimate exceeds {@code maxConstraints}.
     *
     * @throws io.zkinfer.circuits.compile.UnsupportedOperatorException naming an operator the compiler cannot
     *         constrain
     * @throws io.zkinfer.circuits.compile.CircuitTooLargeException before anything is built or written, when the
     *         estimate exceeds {@code maxConstraints}
     */
    public static Result run(QuantizedModel model, VisibilityOptions visibility, Path out, Progress progress,
                             long maxConstraints) throws IOException {
        long t0 = System.nanoTime();
        ModelCompiler compiler = new ModelCompiler(model, visibility, maxConstraints);
        Circuit circuit = compiler.compile(progress);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CircuitSettings settings = CircuitSettings.of(model, visibility, circuit.r1cs(), compiler.publicLayout());
        ModelDirectory dir = ModelDirectory.at(out);
        // The native commitment costs one Poseidon per 16 weights (seconds for 10^5 weights): only hashed weights
        // need it, fixed ones are bound by the verifying key.
        String weights = visibility.weights() == Visibility.HASHED ? compiler.weightsCommitment().toDecimal() : null;
        Manifest manifest = dir.writeCompiled(model, settings, circuit.r1cs(), weights);
        return new Result(circuit, settings, manifest, dir, ms);
    }
}
