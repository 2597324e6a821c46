package io.zkinfer.inference.ir;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariants the IR types enforce on construction. */
class GraphTest {

    private static final TensorInfo X = new TensorInfo("x", DataType.FLOAT, Shape.of(2));
    private static final TensorInfo Y = new TensorInfo("y", DataType.FLOAT, Shape.of(2));

    private static Node relu(String name, String in, String out) {
        return new Node("Relu", name, List.of(in), List.of(out), Map.of());
    }

    @Test
    void aNodeMayOnlyUseValuesDefinedBeforeIt() {
        String message = assertThrows(IllegalArgumentException.class, () -> new Graph("g", 13, List.of(X),
                List.of(Y), List.of(relu("b", "h", "y"), relu("a", "x", "h")), Map.of())).getMessage();
        assertTrue(message.contains("'h'") && message.contains("Relu node 'b'"), message);
    }

    @Test
    void valuesAreDefinedOnceAndOutputsMustBeProduced() {
        assertThrows(IllegalArgumentException.class, () -> new Graph("g", 13, List.of(X), List.of(Y),
                List.of(relu("a", "x", "x")), Map.of()));
        String message = assertThrows(IllegalArgumentException.class, () -> new Graph("g", 13, List.of(X),
                List.of(Y), List.of(relu("a", "x", "h")), Map.of())).getMessage();
        assertTrue(message.contains("graph output 'y'"), message);
    }

    @Test
    void graphsAreImmutable() {
        Graph g = new Graph("g", 13, List.of(X), List.of(Y), List.of(relu("a", "x", "y")), Map.of());
        assertThrows(UnsupportedOperationException.class, () -> g.nodes().add(relu("b", "y", "z")));
        assertThrows(UnsupportedOperationException.class, () -> g.initializers().put("w", null));
    }

    @Test
    void tensorsCheckTheirSizeAndHandOutCopies() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofFloats(new long[] {2, 2}, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Tensor.elementCount(new long[] {1L << 31, 2}));
        Tensor t = Tensor.ofFloats(new long[] {2}, new float[] {1, 2});
        t.floats()[0] = 9;
        t.shape()[0] = 9;
        assertArrayEquals(new float[] {1, 2}, t.floats());
        assertArrayEquals(new long[] {2}, t.shape());
        assertThrows(IllegalStateException.class, t::longs);
    }

    @Test
    void nodeAttributesAreTyped() {
        Node n = new Node("Conv", "c", List.of("x"), List.of("y"), Map.of("group", new Attribute.Int(2),
                "pads", Attribute.Ints.of(1, 1, 1, 1)));
        assertEquals(2, n.intAttr("group", 1));
        assertEquals(7, n.intAttr("missing", 7));
        assertArrayEquals(new long[] {1, 1, 1, 1}, n.intsAttr("pads", null));
        String message = assertThrows(IllegalArgumentException.class, () -> n.intAttr("pads", 0)).getMessage();
        assertTrue(message.contains("'pads'") && message.contains("Conv node 'c'"), message);
    }
}
