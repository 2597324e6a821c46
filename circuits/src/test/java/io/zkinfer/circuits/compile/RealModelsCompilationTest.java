package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.QuantizedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three PaddleOCR models ({@link RealModels}; the recogniser's attention blocks hold LayerNorms decomposed into
 * ReduceMean, Sub, Pow, Sqrt and Div), quantized at 8 bits: every operator has its gadget
 * (the estimate, which refuses what the compiler refuses, goes through), and the size guard refuses each with a
 * message naming the model, its estimate, the limit, its three most expensive nodes and what it would take. The
 * recogniser's first LayerNorm block, cut out of its integer graph, compiles, and its witness agrees with the integer
 * executor on the value the whole model computes there. Skipped, saying why, when the package is not installed.
 */
class RealModelsCompilationTest {

    static List<RealModels.RealModel> models() {
        return RealModels.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyOperatorHasItsGadgetAndTheSizeGuardRefusesTheModel(RealModels.RealModel m) throws IOException {
        QuantizedModel q = RealModels.quantized(m);
        long t0 = System.nanoTime();
        CircuitSizeEstimate e = CircuitSizeEstimate.of(q, VisibilityOptions.DEFAULT); // refuses a missing gadget
        double ms = (System.nanoTime() - t0) / 1e6;
        Map<String, Long> byOperator = new TreeMap<>();
        e.parts().forEach(p -> byOperator.merge(p.operator(), p.constraints(), Long::sum));
        System.out.printf(Locale.ROOT, "%s %s (int8, %d integer nodes): about %,d constraints (%.1f GiB of proving"
                        + " key), estimated in %.0f ms; most expensive: %s; by operator: %s%n", m.label(),
                Arrays.toString(m.inputShape()), q.graph().nodes().size(), e.constraints(), e.provingKeyGib(), ms,
                e.describeMostExpensive(5), byOperator);

        CircuitTooLargeException refused = assertThrows(CircuitTooLargeException.class,
                () -> new ModelCompiler(q, VisibilityOptions.DEFAULT));
        String message = refused.getMessage();
        assertEquals(e, refused.estimate());
        assertEquals(ModelCompiler.DEFAULT_MAX_CONSTRAINTS, refused.limit());
        assertTrue(message.contains("model '" + m.label() + "'"), message);
        assertTrue(message.contains(String.format(Locale.ROOT, "about %,d constraints", e.constraints())), message);
        assertTrue(message.contains(String.format(Locale.ROOT, "limit of %,d", ModelCompiler.DEFAULT_MAX_CONSTRAINTS)),
                message);
        for (CircuitSizeEstimate.Part p : e.mostExpensive(3)) {
            assertTrue(message.contains(String.format(Locale.ROOT, "'%s' (%s) %,d", p.scope(), p.operator(),
                    p.constraints())), message);
        }
        for (String fix : new String[] {"smaller input shape", "fewer activation bits", "--max-constraints",
            "proof system for large models"}) {
            assertTrue(message.contains(fix), message);
        }
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    @Test
    void theRecognisersFirstLayerNormCompilesAndAgreesWithTheWholeModel() throws IOException {
        RealModels.Block block = RealModels.recogniserLayerNorm();
        ModelCompiler c = new ModelCompiler(block.model(), VisibilityOptions.DEFAULT);
        Map<String, Tensor> input = Map.of(block.input(), block.x());
        Circuit circuit = c.compile(input);
        CheckResult check = circuit.check();
        assertTrue(check.isSatisfied(), check.message());
        assertEquals(c.sizeEstimate().constraints(), circuit.numConstraints(), "the estimate of the block");
        assertArrayEquals(block.y().longs(), c.run(input).outputs().get(block.output()).longs(),
                "the block's circuit computes what the whole model computes there");
        Map<String, Integer> ops = new TreeMap<>();
        block.model().graph().nodes().forEach(n -> ops.merge(n.opType(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "%s (input %s): %,d constraints; %s%n", block.model().graph().name(),
                Arrays.toString(block.x().shape()), circuit.numConstraints(), ops);
    }
}
