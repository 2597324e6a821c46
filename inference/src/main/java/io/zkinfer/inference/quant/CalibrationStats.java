package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What calibration measured: for every value of the float graph (inputs and node outputs) the largest magnitude
 * over all samples, computed with {@link FloatExecutor}, and its shape in the first sample.
 */
final class CalibrationStats {

    private final Map<String, Double> maxAbs = new HashMap<>();
    private final Map<String, Double> min = new HashMap<>();
    private final Map<String, Double> max = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();

    static CalibrationStats measure(Graph g, Calibration cal) {
        List<TensorInfo> all = new ArrayList<>();
        for (Node n : g.nodes()) {
            all.add(new TensorInfo(n.outputs().get(0), DataType.FLOAT, new Shape(List.of())));
        }
        Graph probe = new Graph(g.name(), g.opset(), g.inputs(), all, g.nodes(), g.initializers());
        FloatExecutor exec = new FloatExecutor(probe);
        CalibrationStats stats = new CalibrationStats();
        for (Map<String, Tensor> sample : cal.samples()) {
            Map<String, Tensor> values = new HashMap<>(exec.run(sample));
            for (TensorInfo in : g.inputs()) {
                Tensor t = sample.get(in.name());
                if (t == null) {
                    throw new IllegalArgumentException("calibration sample lacks input '" + in.name() + "'");
                }
                values.put(in.name(), t);
            }
            values.forEach(stats::add);
        }
        return stats;
    }

    private void add(String name, Tensor t) {
        shapes.putIfAbsent(name, t.shape());
        if (t.type().isFloating()) {
            float[] f = t.floats();
            maxAbs.merge(name, ScaleRules.maxAbs(f), Math::max);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : f) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            min.merge(name, lo, Math::min);
            max.merge(name, hi, Math::max);
        }
    }

    /** The largest magnitude seen ({@code 0} if never seen or not a float value). */
    double maxAbs(String name) {
        return maxAbs.getOrDefault(name, 0.0);
    }

    /** The sign every sample of the value had: 1 if all were > 0, -1 if all were < 0, else 0. */
    int sign(String name) {
        if (min.getOrDefault(name, 0.0) > 0) {
            return 1;
        }
        return max.getOrDefault(name, 0.0) < 0 ? -1 : 0;
    }

    /** The value's shape in the first sample. */
    long[] shape(String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalStateException("no calibrated shape for '" + name + "'");
        }
        return s;
    }
}
