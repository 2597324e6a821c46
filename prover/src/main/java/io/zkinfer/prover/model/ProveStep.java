package io.zkinfer.prover.model;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.compile.CompiledRun;
import io.zkinfer.circuits.compile.PublicLayout;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Proof;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zkinfer prove}: one proven inference. The float inputs are quantized at the model's input scales, the
 * compiler computes the witness and the integer outputs, the witness is checked against {@code circuit.r1cs} (a
 * failure names the constraint and the layer, and nothing is proven), and {@link Groth16Prover} proves with
 * {@code proving.key}. The result carries what {@link ProofDirectory} writes.
 */
public final class ProveStep {

    /** Timings in milliseconds: witness generation, the satisfaction check, and the Groth16 proof. */
    public record Timings(long witnessMillis, long checkMillis, long proveMillis) {
    }

    /** The proof, its public signals, the witness, the output file's content and the timings. */
    public record Result(Proof proof, List<Fr> publicSignals, Witness witness, InferenceOutput output,
                         Timings timings) {
    }

    private final CompiledModel model;
    private final ProvingKey key;

    private ProveStep(CompiledModel model, ProvingKey key) {
        this.model = model;
        this.key = key;
    }

    /** Loads the model directory and its proving key, checking both against the manifest. */
    public static ProveStep load(ModelDirectory dir) throws IOException {
        dir.require(ModelDirectory.PROVING_KEY);
        CompiledModel model = CompiledModel.load(dir);
        dir.requireDigests(model.manifest(), List.of(ModelDirectory.PROVING_KEY, ModelDirectory.VERIFICATION_KEY));
        ProvingKey key = dir.provingKey();
        if (key.nPublic() != model.settings().layout().size()) {
            throw new ModelDirectoryException(dir.file(ModelDirectory.PROVING_KEY) + " has " + key.nPublic()
                    + " public signals but the circuit has " + model.settings().layout().size()
                    + "; run 'zkinfer setup " + dir + "' again");
        }
        return new ProveStep(model, key);
    }

    public CompiledModel model() {
        return model;
    }

    /**
     * Proves the inference on {@code floatInputs} (keyed by graph input name).
     *
     * @throws UnsatisfiedWitnessException naming the failing constraint and its layer when the witness does not
     *         satisfy the circuit (an error of the compiler, or a changed model directory)
     */
    public Result prove(Map<String, Tensor> floatInputs, SecureRandom random) {
        return prove(floatInputs, random, Progress.NONE);
    }

    /** {@link #prove(Map, SecureRandom)}, reporting the Groth16 proof's steps to {@code progress}. */
    public Result prove(Map<String, Tensor> floatInputs, SecureRandom random, Progress progress) {
        Map<String, Tensor> ints = model.quantizeInputs(floatInputs);
        long t0 = System.nanoTime();
        CompiledRun run = model.run(ints);
        long t1 = System.nanoTime();
        CheckResult check = model.check(run.witness(), ints);
        long t2 = System.nanoTime();
        check.requireSatisfied();
        Proof proof = Groth16Prover.prove(key, run.witness(), random, progress);
        long t3 = System.nanoTime();
        List<Fr> signals = run.witness().publicSignals(key.nPublic());
        InferenceOutput output = output(run, signals);
        return new Result(proof, signals, run.witness(), output,
                new Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000));
    }

    private InferenceOutput output(CompiledRun run, List<Fr> signals) {
        Map<String, Tensor> floats = new LinkedHashMap<>();
        Map<String, Integer> scales = new LinkedHashMap<>();
        for (CircuitSettings.TensorSpec o : model.settings().outputs()) {
            Tensor q = run.outputs().get(o.name());
            floats.put(o.name(), IntegerExecutor.dequantize(q, o.scaleBits()));
            scales.put(o.name(), o.scaleBits());
        }
        Map<String, String> commitments = new LinkedHashMap<>();
        int at = 0;
        for (PublicLayout.Entry e : model.settings().layout().entries()) {
            String label = switch (e.kind()) {
                case OUTPUT_COMMITMENT -> "outputs";
                case INPUT_COMMITMENT -> "inputs";
                case WEIGHTS_COMMITMENT -> "weights";
                default -> null;
            };
            if (label != null) {
                commitments.put(label, signals.get(at).toDecimal());
            }
            at += e.count();
        }
        return new InferenceOutput(model.manifest().modelId(), floats, run.outputs(), scales, commitments);
    }
}
