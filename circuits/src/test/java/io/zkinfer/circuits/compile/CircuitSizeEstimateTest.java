package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.ScopeStatistics;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.zkinfer.circuits.compile.CompilerAssertions.quantize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CircuitSizeEstimate} against the compiled count: every operator fixture quantized at 8 and 16 bits (as
 * {@link OperatorCompilationTest} quantizes them) with the default visibility, the weighted fixtures with hashed
 * weights, and the MNIST MLP and CNN under every visibility of input and output, equal {@link ModelCompiler}'s count
 * scope by scope; the worst ratio of estimate to count is printed, and so is every scope that differs.
 */
class CircuitSizeEstimateTest {

    private static double worstRatio = 1;
    private static String worst = "none";
    private static int compared;
    private static int exact;

    @Test
    void everyOperatorFixtureAt8And16Bits() {
        long seed = TestRandom.seed(CircuitSizeEstimateTest.class.getSimpleName());
        System.out.println("CircuitSizeEstimateTest seed " + seed);
        Random random = new Random(seed);
        for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
            List<Map<String, Tensor>> samples = new ArrayList<>(List.of(f.input()));
            for (int i = 1; i < 6; i++) {
                samples.add(OperatorFixtures.sample(f.operator(), random));
            }
            for (int bits : new int[] {8, 16}) {
                QuantizedModel q = quantize(f.graph(), samples, bits);
                assertClose(f.operator() + " at " + bits + " bits", new ModelCompiler(q, VisibilityOptions.DEFAULT));
            }
        }
    }

    static Stream<Arguments> mnistVisibilities() {
        List<Arguments> out = new ArrayList<>();
        for (MnistFixtures.Model m : MnistFixtures.Model.values()) {
            for (Visibility in : List.of(Visibility.PUBLIC, Visibility.PRIVATE, Visibility.HASHED)) {
                for (Visibility o : List.of(Visibility.PUBLIC, Visibility.HASHED)) {
                    out.add(Arguments.of(m, new VisibilityOptions(in, o, Visibility.FIXED)));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("mnistVisibilities")
    void mnistModelsUnderEveryVisibility(MnistFixtures.Model m, VisibilityOptions visibility) {
        assertClose(m + ", " + visibility, new ModelCompiler(MnistCompilationTest.quantized(m), visibility));
    }

    /**
     * Hashed weights (products with weight wires, the weights commitment) on the fixtures whose weights
     * {@link HashedWeightsTest} hashes: the MNIST models' hashed weights would cost millions of constraints (a
     * Poseidon per 16 weights), too many to compile in a unit test.
     */
    @Test
    void hashedWeightsOnTheWeightedFixtures() {
        for (String operator : List.of("Gemm", "Conv", "ConvTranspose", "MatMul", "Constant", "Sub", "Div",
                "BatchNormalization")) {
            OperatorFixtures.Fixture f = OperatorFixtures.load(operator);
            QuantizedModel q = quantize(f.graph(), List.of(f.input()), 8);
            for (Visibility in : List.of(Visibility.PRIVATE, Visibility.HASHED)) {
                VisibilityOptions v = new VisibilityOptions(in, Visibility.HASHED, Visibility.HASHED);
                assertClose(operator + ", " + v, new ModelCompiler(q, v));
            }
        }
    }

    @Test
    void theEstimateIsTheOneTheCompilerChecksAndItsPartsAddUp() {
        QuantizedModel q = MnistCompilationTest.quantized(MnistFixtures.Model.CNN);
        CircuitSizeEstimate e = CircuitSizeEstimate.of(q, VisibilityOptions.DEFAULT);
        assertEquals(e, new ModelCompiler(q, VisibilityOptions.DEFAULT).sizeEstimate());
        assertEquals(e.constraints(), e.parts().stream().mapToLong(CircuitSizeEstimate.Part::constraints).sum());
        assertEquals("input", e.parts().get(0).scope());
        List<CircuitSizeEstimate.Part> top = e.mostExpensive(3);
        assertEquals(3, top.size());
        assertTrue(top.get(0).constraints() >= top.get(1).constraints()
                && top.get(1).constraints() >= top.get(2).constraints(), top::toString);
        assertTrue(e.toString().contains("'" + top.get(0).scope() + "'"), e::toString);
    }

    /** Compiles {@code c} and asserts its estimate equals the count; prints the scopes that differ. */
    private static void assertClose(String what, ModelCompiler c) {
        Circuit circuit = c.compile();
        CircuitSizeEstimate e = c.sizeEstimate();
        long actual = circuit.numConstraints();
        Map<String, Long> counted = new LinkedHashMap<>();
        for (ScopeStatistics s : circuit.statistics()) {
            if (s.depth() == 1) {
                counted.put(s.path(), s.totalConstraints());
            }
        }
        List<String> differ = new ArrayList<>();
        Map<String, Long> estimated = new LinkedHashMap<>();
        e.parts().forEach(p -> estimated.merge(p.scope(), p.constraints(), Long::sum));
        estimated.forEach((scope, n) -> {
            long got = counted.getOrDefault(scope, 0L);
            if (got != n) {
                differ.add(scope + " " + n + " vs " + got);
            }
        });
        double ratio = e.constraints() / (double) Math.max(1, actual);
        compared++;
        exact += e.constraints() == actual ? 1 : 0;
        if (Math.abs(Math.log(ratio)) > Math.abs(Math.log(worstRatio))) {
            worstRatio = ratio;
            worst = what;
        }
        if (!differ.isEmpty()) {
            System.out.printf(Locale.ROOT, "%s: estimate %d, compiled %d (ratio %.4f); scopes that differ"
                    + " (estimate vs compiled): %s%n", what, e.constraints(), actual, ratio, differ);
        }
        assertEquals(actual, e.constraints(), () -> what + ": estimate vs compiled; scopes that differ: " + differ);
        assertTrue(differ.isEmpty(), () -> what + ": the totals agree but scopes differ: " + differ);
    }

    @AfterAll
    static void printWorstRatio() {
        System.out.printf(Locale.ROOT, "CircuitSizeEstimate: %d of %d circuits estimated exactly; worst ratio"
                + " estimate/compiled %.4f (%s)%n", exact, compared, worstRatio, worst);
    }
}
