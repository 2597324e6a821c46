package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.BatchNormFolding;
import io.zkinfer.inference.exec.ConstantFolding;
import io.zkinfer.inference.exec.PrequantizedLowering;
import io.zkinfer.inference.exec.ShapeInference;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerGraphBuilder.QValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quantizes a float {@link Graph} into an integer one (docs/quantization.md): rewrites pre-quantized operators into
 * the float graph they approximate ({@link PrequantizedLowering}), folds constants and BatchNormalization, infers shapes, measures every value's range over the {@link Calibration} samples with the
 * float executor, picks power-of-two scales by the scale rules and lowers every operator to the integer operators,
 * refusing (with the node named) what cannot be lowered or would overflow the 2^62 bound.
 */
public final class Quantizer {

    private static final Logger LOG = LoggerFactory.getLogger(Quantizer.class);

    private Quantizer() {
    }

    /** Quantizes {@code floatGraph} calibrated on {@code cal} with {@code opt}. */
    public static QuantizedModel quantize(Graph floatGraph, Calibration cal, QuantOptions opt) {
        return quantize(floatGraph, cal, opt, null);
    }

    /** As {@link #quantize(Graph, Calibration, QuantOptions)}, recording the source model's SHA-256 (hex). */
    public static QuantizedModel quantize(Graph floatGraph, Calibration cal, QuantOptions opt, String sourceSha256) {
        Graph g = PrequantizedLowering.lower(floatGraph);
        g = ConstantFolding.fold(g);
        g = BatchNormFolding.fold(g);
        Map<String, Shape> shapes = ShapeInference.infer(g);
        CalibrationStats stats = CalibrationStats.measure(g, cal);
        Set<String> reserved = new HashSet<>(g.initializers().keySet());
        g.inputs().forEach(i -> reserved.add(i.name()));
        g.nodes().forEach(n -> reserved.addAll(n.outputs()));
        Lowering l = new Lowering(g, stats, opt, reserved);
        List<TensorInfo> inputs = new ArrayList<>();
        for (TensorInfo in : g.inputs()) {
            if (!in.type().isFloating()) {
                throw new IllegalArgumentException("graph input '" + in.name() + "' is " + in.type() + "; only float"
                        + " inputs can be quantized (integer inputs such as token ids are not supported)");
            }
            int s = opt.inputScaleBits() != null ? opt.inputScaleBits() : l.scaleOf(in.name());
            l.values.put(in.name(), l.b.record(in.name(), s, opt.activationBits(), l.b.activationBound()));
            inputs.add(new TensorInfo(in.name(), DataType.INT64, in.shape()));
        }
        for (Node n : g.nodes()) {
            l.lower(n);
        }
        List<TensorInfo> outputs = new ArrayList<>();
        for (TensorInfo out : g.outputs()) {
            QValue v = l.act(out.name());
            if (v.isIndex()) {
                throw new IllegalArgumentException("graph output '" + out.name() + "' is an index computation, not"
                        + " a quantized value");
            }
            if (!v.name().equals(out.name())) {
                l.b.from(new Node("Identity", "output:" + out.name(), List.of(), List.of(), Map.of()));
                l.b.rescale(v, v.scale(), out.name());
            }
            Shape shape = shapes.getOrDefault(out.name(), out.shape());
            outputs.add(new TensorInfo(out.name(), DataType.INT64, shape == null ? out.shape() : shape));
        }
        Graph ig = new Graph(g.name(), g.opset(), inputs, outputs, l.b.nodes, l.b.initializers);
        pruneScales(l.b, ig);
        QuantSettings settings = new QuantSettings(QuantSettings.FORMAT, QuantSettings.VERSION, opt,
                new QuantSettings.CalibrationSummary(cal.source(), cal.samples().size()), sourceSha256,
                new ArrayList<>(l.b.scales.values()), l.b.provenance);
        LOG.debug("quantized '{}': {} float nodes -> {} integer nodes", g.name(), g.nodes().size(), ig.nodes().size());
        return new QuantizedModel(ig, settings);
    }

    /** Keeps only the scale entries of values the integer graph has. */
    private static void pruneScales(IntegerGraphBuilder b, Graph ig) {
        Set<String> present = new HashSet<>(ig.initializers().keySet());
        ig.inputs().forEach(i -> present.add(i.name()));
        ig.nodes().forEach(n -> present.addAll(n.outputs()));
        b.scales.keySet().retainAll(present);
    }
}
