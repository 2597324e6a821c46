package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.ScopeStatistics;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.zkinfer.circuits.compile.CompilerAssertions.assertAgrees;
import static io.zkinfer.circuits.compile.CompilerAssertions.assertRuns;
import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed MNIST MLP and CNN, quantized at 8 bits as the inference tests quantize them (calibrated on held-out
 * digits 1000–1099), compiled for every visibility of input and output with fixed weights: on 20 digits the
 * witness satisfies the compiled constraint system, the outputs equal the integer executor's, and the public signals
 * are the output values or their commitment, the input commitment ({@link PoseidonTree#commitIntegers} of the
 * quantized input) and the input values, in {@link PublicLayout} order.
 */
class MnistCompilationTest {

    private static final int DIGITS = 20;
    private static final Map<MnistFixtures.Model, QuantizedModel> MODELS = new EnumMap<>(MnistFixtures.Model.class);

    static synchronized QuantizedModel quantized(MnistFixtures.Model m) {
        return MODELS.computeIfAbsent(m, k -> {
            Graph g;
            try {
                g = new OnnxImporter().importModel(k.path());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            List<Map<String, Tensor>> calibration = k.feeds(1100).subList(1000, 1100);
            return Quantizer.quantize(g, new Calibration(calibration, "held-out digits 1000-1099"),
                    QuantOptions.DEFAULT);
        });
    }

    static Stream<Arguments> visibilities() {
        List<Arguments> out = new ArrayList<>();
        for (MnistFixtures.Model m : MnistFixtures.Model.values()) {
            for (Visibility in : List.of(Visibility.PUBLIC, Visibility.PRIVATE, Visibility.HASHED)) {
                for (Visibility o : List.of(Visibility.PUBLIC, Visibility.HASHED)) {
                    out.add(Arguments.of(m, in, o));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, input {1}, output {2}")
    @MethodSource("visibilities")
    void everyDigitAgreesWithTheExecutorAndPublishesItsLayout(MnistFixtures.Model m, Visibility input,
                                                              Visibility output) {
        QuantizedModel q = quantized(m);
        long start = System.nanoTime();
        ModelCompiler c = new ModelCompiler(q, new VisibilityOptions(input, output, Visibility.FIXED));
        Circuit circuit = c.compile();
        long built = System.nanoTime();
        for (int d = 0; d < DIGITS; d++) {
            Map<String, Tensor> ints = integers(q, m.feed(d));
            CompiledRun run = assertRuns(m + " digit " + d, c, ints, circuit);
            assertPublicSignals(c, ints, run);
        }
        System.out.printf("%s input %-7s output %-6s: %7d constraints, %5d public, compiled in %4.0f ms, %d runs in"
                + " %4.0f ms; %s%n", m, input.label(), output.label(), circuit.numConstraints(),
                circuit.r1cs().numPublic(), (built - start) / 1e6, DIGITS, (System.nanoTime() - built) / 1e6,
                scopes(circuit));
    }

    @ParameterizedTest
    @EnumSource(MnistFixtures.Model.class)
    void aRealDigitCompilesToTheConstraintSystemOfZeros(MnistFixtures.Model m) {
        QuantizedModel q = quantized(m);
        ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        assertAgrees(m + " digit 0", c, integers(q, m.feed(0)), c.compile());
    }

    /** The public signals hold what {@link PublicLayout} says, in its order. */
    static void assertPublicSignals(ModelCompiler c, Map<String, Tensor> inputs, CompiledRun run) {
        List<Fr> expected = new ArrayList<>();
        for (PublicLayout.Entry e : c.publicLayout().entries()) {
            switch (e.kind()) {
                case OUTPUT_VALUES -> encode(run.outputs().get(e.name()).longs(), expected);
                case OUTPUT_COMMITMENT -> expected.add(PoseidonTree.commitIntegers(concat(run.outputs().values())));
                case INPUT_COMMITMENT -> expected.add(PoseidonTree.commitIntegers(concat(inputs.values())));
                case WEIGHTS_COMMITMENT -> expected.add(c.weightsCommitment());
                case INPUT_VALUES -> encode(inputs.get(e.name()).longs(), expected);
                default -> throw new AssertionError(e);
            }
        }
        assertEquals(expected, run.publicSignals(), "public signals in layout order " + c.publicLayout());
    }

    private static void encode(long[] values, List<Fr> into) {
        for (long v : values) {
            into.add(SignedEncoding.encode(v));
        }
    }

    private static long[] concat(java.util.Collection<Tensor> tensors) {
        return tensors.stream().flatMapToLong(t -> java.util.Arrays.stream(t.longs())).toArray();
    }

    /** "scope constraints" for every scope that has any. */
    static String scopes(Circuit c) {
        return c.statistics().stream().filter(s -> s.depth() == 1 && s.totalConstraints() > 0)
                .map(s -> s.path() + " " + s.totalConstraints()).collect(Collectors.joining(", "));
    }
}
