package io.zkinfer.prover.model;

import io.zkinfer.circuits.compile.CompiledRun;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;

import java.util.Map;

/**
 * {@code zkinfer mock}: the witness of one inference checked against the model directory's constraint system,
 * without keys or a proof, so a user can see whether an input can be proven and, if not, which constraint of which
 * layer fails.
 */
public final class MockStep {

    /**
     * The check's result, the integer inputs and outputs (null when a given witness was checked), and the time the
     * witness and the check took.
     */
    public record Result(CheckResult check, Map<String, Tensor> integerInputs, Map<String, Tensor> integerOutputs,
                         long witnessMillis, long checkMillis) {
    }

    private MockStep() {
    }

    /** Runs {@code model} on float inputs, quantized at the model's input scales. */
    public static Result run(CompiledModel model, Map<String, Tensor> floatInputs) {
        return runIntegers(model, model.quantizeInputs(floatInputs));
    }

    /**
     * Runs {@code model} on INT64 inputs keyed by graph input name, taken as they are.
     *
     * @throws IllegalArgumentException (from the compiler) for an input outside the activation range, naming it
     */
    public static Result runIntegers(CompiledModel model, Map<String, Tensor> integerInputs) {
        long t0 = System.nanoTime();
        CompiledRun run = model.run(integerInputs);
        long t1 = System.nanoTime();
        CheckResult check = model.check(run.witness(), integerInputs);
        long t2 = System.nanoTime();
        return new Result(check, integerInputs, run.outputs(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /** Checks a witness made elsewhere (a {@code .wtns} file, by circom or by {@code prove --witness}). */
    public static Result checkWitness(CompiledModel model, Witness witness) {
        long t0 = System.nanoTime();
        CheckResult check = model.check(witness, null);
        return new Result(check, null, null, 0, (System.nanoTime() - t0) / 1_000_000);
    }
}
