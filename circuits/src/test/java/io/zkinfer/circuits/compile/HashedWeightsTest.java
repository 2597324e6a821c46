package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.zkinfer.circuits.compile.CompilerAssertions.assertAgrees;
import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static io.zkinfer.circuits.compile.CompilerAssertions.quantize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With hashed weights the weights are private inputs and their Poseidon tree commitment is a public signal: the
 * outputs still equal the executor's, the commitment equals {@link PoseidonTree#commitIntegers} of the weights in
 * the contract's order (every INT64 initializer operand of the weighted operators, node order, operand order, each
 * once), and every multiply-accumulate with a weight now costs a constraint.
 */
class HashedWeightsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Gemm", "Conv", "ConvTranspose", "MatMul", "Constant", "Sub", "Div", "BatchNormalization"})
    void weightsArePrivateInputsBehindTheirCommitment(String operator) {
        OperatorFixtures.Fixture f = OperatorFixtures.load(operator);
        QuantizedModel q = quantize(f.graph(), List.of(f.input()), 8);
        ModelCompiler fixed = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        ModelCompiler hashed = new ModelCompiler(q, new VisibilityOptions(Visibility.PRIVATE, Visibility.HASHED,
                Visibility.HASHED));
        Map<String, Tensor> input = integers(q, f.input());
        Circuit reference = hashed.compile();
        Circuit circuit = assertAgrees(operator + " with hashed weights", hashed, input, reference);
        MnistCompilationTest.assertPublicSignals(hashed, input, hashed.run(input));

        List<String> weights = expectedWeights(q);
        assertEquals(weights, hashed.weightNames(), "weights in commitment order");
        long[] values = weights.stream().flatMapToLong(w -> java.util.Arrays.stream(
                q.graph().initializers().get(w).longs())).toArray();
        assertEquals(PoseidonTree.commitIntegers(values), hashed.weightsCommitment());
        assertEquals(hashed.weightsCommitment(), fixed.weightsCommitment(), "the commitment ignores the visibility");
        long inputs = input.values().stream().mapToLong(t -> t.longs().length).sum();
        assertEquals(inputs + values.length, circuit.r1cs().numPrivateInputs(), "inputs and weights are private");
        assertEquals(List.of(new PublicLayout.Entry("outputs", PublicLayout.Kind.OUTPUT_COMMITMENT, 1),
                new PublicLayout.Entry("weights", PublicLayout.Kind.WEIGHTS_COMMITMENT, 1)),
                hashed.publicLayout().entries());
        int fixedCost = fixed.compile().numConstraints();
        assertTrue(circuit.numConstraints() > fixedCost, "products with weight wires cost constraints");
        System.out.printf("%-18s hashed weights: %d constraints (%d fixed), %d weights%n", operator,
                circuit.numConstraints(), fixedCost, values.length);
    }

    /** The contract's weight order, computed independently of the compiler. */
    private static List<String> expectedWeights(QuantizedModel q) {
        Set<String> weighted = Set.of("IntMatMul", "IntConv", "IntConvTranspose", "IntAdd", "IntSub", "IntMul");
        Set<String> out = new LinkedHashSet<>();
        for (Node n : q.graph().nodes()) {
            if (weighted.contains(n.opType())) {
                for (String in : n.inputs()) {
                    if (q.graph().initializers().containsKey(in)) {
                        out.add(in);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
