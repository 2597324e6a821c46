package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.compile.CompiledRun;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.compile.RealModels;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LayerNorm of a real exported model, proven end to end: the PaddleOCR recogniser's first LayerNorm block
 * ({@link RealModels#recogniserLayerNorm}: IntMean, IntSub, the square and square-root tables, the divisor clamped to
 * 1, IntDiv, the affine scale and shift, their Rescales), on its first token row, compiles with public input and
 * output; a Groth16 proof of the row the whole model computes verifies, and with one output changed it does not.
 * Skipped, saying why, when the model's npm package is not installed.
 */
class RealLayerNormProofTest {

    @Test
    void aProofOfTheRecognisersFirstLayerNormVerifiesAndAChangedOutputFails() throws IOException {
        RealModels.Block block = RealModels.recogniserLayerNorm().firstRows(1);
        ModelCompiler compiler = new ModelCompiler(block.model(), VisibilityOptions.DEFAULT);
        Circuit shape = compiler.compile();
        Map<String, Tensor> input = Map.of(block.input(), block.x());
        CompiledRun run = compiler.run(input);
        CheckResult check = shape.check(run.witness());
        assertTrue(check.isSatisfied(), check.message());
        assertArrayEquals(block.y().longs(), run.outputs().get(block.output()).longs(),
                "the circuit's output is the whole model's value there");

        long t0 = System.nanoTime();
        ProvingKey key = Groth16Setup.generate(shape.r1cs(), new SecureRandom());
        long t1 = System.nanoTime();
        Proof proof = Groth16Prover.prove(key, shape.r1cs(), run.witness(), new SecureRandom());
        long t2 = System.nanoTime();
        PreparedVerifyingKey pvk = PreparedVerifyingKey.of(key.verifyingKey());
        List<Fr> pub = run.publicSignals();
        assertTrue(Groth16Verifier.verify(pvk, pub, proof), "the proof verifies");
        List<Fr> changed = new ArrayList<>(pub);
        changed.set(0, changed.get(0).add(Fr.ONE)); // the first output value
        assertFalse(Groth16Verifier.verify(pvk, changed, proof), "a changed output fails");
        System.out.printf("%s on input %s: %d constraints, setup %.1f s, proof %.1f s%n",
                block.model().graph().name(), Arrays.toString(block.x().shape()), shape.numConstraints(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
