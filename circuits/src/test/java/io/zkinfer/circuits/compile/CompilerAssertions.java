package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantizing test models and comparing compiled circuits with the integer executor. */
final class CompilerAssertions {

    private CompilerAssertions() {
    }

    /** {@code graph} quantized at {@code bits}, calibrated on {@code samples}. */
    static QuantizedModel quantize(Graph graph, List<Map<String, Tensor>> samples, int bits) {
        return Quantizer.quantize(graph, new Calibration(samples, "test samples"),
                QuantOptions.DEFAULT.withBits(bits));
    }

    /** Float inputs quantized at the model's input scales, as {@link IntegerExecutor#run} does. */
    static Map<String, Tensor> integers(QuantizedModel q, Map<String, Tensor> floats) {
        QuantOptions o = q.settings().options();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo in : q.graph().inputs()) {
            int scale = q.settings().tensor(in.name()).orElseThrow().scaleBits();
            out.put(in.name(), IntegerExecutor.quantize(floats.get(in.name()), scale, o.activationMin(),
                    o.activationMax()));
        }
        return out;
    }

    /** Uniformly random integers over the whole activation range, in the compiled input shapes. */
    static Map<String, Tensor> randomIntegers(QuantizedModel q, Map<String, Tensor> like, Random r) {
        QuantOptions o = q.settings().options();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo in : q.graph().inputs()) {
            long[] shape = like.get(in.name()).shape();
            long[] v = new long[(int) Tensor.elementCount(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = o.activationMin() + (long) r.nextInt((int) (o.activationMax() - o.activationMin() + 1));
            }
            out.put(in.name(), Tensor.ofLongs(DataType.INT64, shape, v));
        }
        return out;
    }

    /**
     * Compiles {@code inputs} twice (full circuit and witness-only run) and checks: the circuit is satisfied; its R1CS
     * equals {@code reference} (the constraint system does not depend on the values); the run's witness equals the
     * circuit's; and {@link #assertRuns}. Returns the circuit.
     */
    static Circuit assertAgrees(String what, ModelCompiler c, Map<String, Tensor> inputs, Circuit reference) {
        Circuit circuit = c.compile(inputs);
        CheckResult check = circuit.check();
        assertTrue(check.isSatisfied(), what + ": " + check.message());
        assertEquals(reference.r1cs(), circuit.r1cs(), what + ": the constraint system depends on the input values");
        CompiledRun run = assertRuns(what, c, inputs, reference);
        assertEquals(circuit.witness(), run.witness(), what + ": the witness-only run differs from the circuit");
        return circuit;
    }

    /**
     * Runs {@code inputs} (witness only) and checks: the witness satisfies {@code reference}'s constraint system; the
     * outputs equal the executor's bit for bit; the public signals are the witness's, as many as the layout says.
     */
    static CompiledRun assertRuns(String what, ModelCompiler c, Map<String, Tensor> inputs, Circuit reference) {
        Map<String, Tensor> expected = new IntegerExecutor(c.model(), null).runIntegers(inputs);
        CompiledRun run = c.run(inputs);
        CheckResult check = reference.check(run.witness());
        assertTrue(check.isSatisfied(), what + ": " + check.message());
        assertEquals(expected.keySet(), run.outputs().keySet(), what);
        for (var e : expected.entrySet()) {
            Tensor mine = run.outputs().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), mine.shape(), what + " output '" + e.getKey() + "' shape");
            assertArrayEquals(e.getValue().longs(), mine.longs(), what + " output '" + e.getKey() + "'");
        }
        R1cs r1cs = reference.r1cs();
        assertEquals(c.publicLayout().size(), r1cs.numPublic(), what + ": public signals");
        assertEquals(run.witness().publicSignals(c.publicLayout().size()), run.publicSignals(), what);
        return run;
    }
}
