package io.zkinfer.circuits.compile;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the compiler refuses, each with an error that names the operator, the node, the missing gadget and what it
 * would take — the list of integer-executor forms that do not compile:
 * <ul>
 * <li>{@code Gather} with computed indices (a selection by a computed index needs a multiplexer);</li>
 * <li>{@code Lookup} or {@code IntSoftmax} whose table is computed (a lookup into a table of signals);</li>
 * <li>{@code IntSoftmax} with an exp table holding a negative entry or a first entry below 1 (the quantizer never
 * makes one; the softmax gadget needs a positive row sum);</li>
 * <li>{@code Cast} of computed values to BOOL (a non-zero test);</li>
 * <li>a shape, axis, pad or fill operand computed from the input (wiring cannot depend on values);</li>
 * <li>an operator outside docs/quantization.md (the executor does not run it either).</li>
 * </ul>
 * Also refused, with a plain error: hashed weights for a model without weights, inputs outside the activation range
 * and inputs of another shape than the compiled one.
 */
class RefusalTest {

    @Test
    void gatherByComputedIndices() {
        assertRefused("Gather", "pick", node("Gather", "pick", List.of("x", "i"), "y", Map.of()));
    }

    @Test
    void lookupIntoAComputedTable() {
        assertRefused("Lookup", "table", node("Lookup", "table", List.of("x", "i"), "y",
                Map.of("offset", new Attribute.Int(128))));
        assertRefused("IntSoftmax", "soft", node("IntSoftmax", "soft", List.of("x", "i"), "y", Map.of()));
    }

    @Test
    void softmaxWithATableTheGadgetCannotUse() {
        Map<String, Tensor> table = Map.of("e", Tensor.ofLongs(DataType.INT64, new long[] {3}, new long[] {4, -1, 0}));
        assertRefused("IntSoftmax", "soft", table, node("IntSoftmax", "soft", List.of("x", "e"), "y",
                Map.of("out_shift", new Attribute.Int(6))));
    }

    @Test
    void castToBool() {
        assertRefused("Cast", "flag", node("Cast", "flag", List.of("x"), "y",
                Map.of("to", new Attribute.Int(9)))); // ONNX BOOL
    }

    @Test
    void computedShapes() {
        assertRefused("Reshape", "view", node("Reshape", "view", List.of("x", "i"), "y", Map.of()));
    }

    @Test
    void operatorsOutsideTheQuantizedSet() {
        assertRefused("Sigmoid", "act", node("Sigmoid", "act", List.of("x"), "y", Map.of()));
    }

    @Test
    void plainErrors() {
        QuantizedModel relu = model(Map.of(), node("Relu", "r", List.of("x"), "y", Map.of()));
        IllegalArgumentException noWeights = assertThrows(IllegalArgumentException.class, () -> new ModelCompiler(
                relu, new VisibilityOptions(Visibility.PUBLIC, Visibility.PUBLIC, Visibility.HASHED)));
        assertTrue(noWeights.getMessage().contains("has none"), noWeights.getMessage());
        ModelCompiler c = new ModelCompiler(relu, VisibilityOptions.DEFAULT);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> c.run(Map.of("x",
                Tensor.ofLongs(DataType.INT64, new long[] {2, 3}, new long[] {0, 1, 2, 200, 4, 5}),
                "i", Tensor.ofLongs(DataType.INT64, new long[] {2}, new long[2]))));
        assertTrue(range.getMessage().contains("'x' element 3 is 200"), range.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> c.run(Map.of("x",
                Tensor.ofLongs(DataType.INT64, new long[] {3, 2}, new long[6]),
                "i", Tensor.ofLongs(DataType.INT64, new long[] {2}, new long[2]))));
        assertTrue(shape.getMessage().contains("compiled for [2, 3]"), shape.getMessage());
    }

    private static void assertRefused(String operator, String name, Node n) {
        assertRefused(operator, name, Map.of(), n);
    }

    private static void assertRefused(String operator, String name, Map<String, Tensor> initializers, Node n) {
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> new ModelCompiler(model(initializers, n), VisibilityOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("cannot compile " + operator + " node '" + name + "': "), e.getMessage());
        assertTrue(e.getMessage().contains("; missing gadget: ") && e.getMessage().contains("; it would take "),
                e.getMessage());
        assertTrue(operator.equals(e.operator()) && name.equals(e.node()), e.getMessage());
    }

    /** A one-node integer graph over activations x [2, 3] and i [2] (both inputs, so both computed). */
    private static QuantizedModel model(Map<String, Tensor> initializers, Node n) {
        Graph g = new Graph("refused", 13, List.of(new TensorInfo("x", DataType.INT64, Shape.of(2, 3)),
                new TensorInfo("i", DataType.INT64, Shape.of(2))),
                List.of(new TensorInfo("y", DataType.INT64, Shape.of())), List.of(n),
                new LinkedHashMap<>(initializers));
        return new QuantizedModel(g, new QuantSettings(QuantSettings.FORMAT, 1, QuantOptions.DEFAULT,
                new QuantSettings.CalibrationSummary("written by hand", 0), null, List.of(), List.of()));
    }

    private static Node node(String op, String name, List<String> inputs, String output, Map<String, Attribute> a) {
        return new Node(op, name, inputs, List.of(output), a);
    }
}
