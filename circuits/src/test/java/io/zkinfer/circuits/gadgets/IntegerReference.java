package io.zkinfer.circuits.gadgets;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one integer operator through {@link IntegerExecutor}, the normative semantics the gadgets must match. */
final class IntegerReference {

    private IntegerReference() {
    }

    /** {@code op} on INT64 tensors named a, b, … (given in order), returning output y. */
    static long[] run(String op, Map<String, Attribute> attributes, Tensor... inputs) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            String name = String.valueOf((char) ('a' + i));
            named.put(name, inputs[i]);
            names.add(name);
        }
        Node n = new Node(op, "ref", names, List.of("y"), attributes);
        Graph g = new Graph("ref", 13, List.of(), List.of(new TensorInfo("y", DataType.INT64, new Shape(List.of()))),
                List.of(n), named);
        QuantSettings s = new QuantSettings(QuantSettings.FORMAT, QuantSettings.VERSION, QuantOptions.DEFAULT,
                new QuantSettings.CalibrationSummary("none", 1), null, new ArrayList<>(), new ArrayList<>());
        return new IntegerExecutor(new QuantizedModel(g, s)).runIntegers(Map.of()).get("y").longs();
    }

    static Tensor vector(long... values) {
        return Tensor.ofLongs(DataType.INT64, new long[] {values.length}, values);
    }

    static Tensor tensor(long[] shape, long... values) {
        return Tensor.ofLongs(DataType.INT64, shape, values);
    }

    static Attribute ints(long... v) {
        return Attribute.Ints.of(v);
    }

    static Attribute integer(long v) {
        return new Attribute.Int(v);
    }
}
