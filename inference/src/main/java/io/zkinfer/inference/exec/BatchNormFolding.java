package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an inference-mode BatchNormalization into the Conv or Gemm that feeds it, when the layer's weights, bias
 * and the normalisation's parameters are constants and nothing else reads the layer's output. With
 * {@code f = scale / sqrt(var + epsilon)} per output channel: {@code W' = W * f} (Gemm: {@code B' = B * f} per
 * output column, {@code alpha} kept) and {@code bias' = (bias_layer - mean) * f + B_bn} (Gemm:
 * {@code C' = beta * C * f + B_bn - mean * f}, {@code beta' = 1}). Results change only by float rounding.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /** {@code graph} with every foldable Conv/Gemm + BatchNormalization pair merged into one layer. */
    public static Graph fold(Graph graph) {
        Map<String, Integer> readers = new HashMap<>();
        graph.nodes().forEach(n -> n.inputs().forEach(i -> readers.merge(i, 1, Integer::sum)));
        graph.outputs().stream().map(TensorInfo::name).forEach(o -> readers.merge(o, 1, Integer::sum));
        Map<String, Node> producer = new HashMap<>();
        graph.nodes().forEach(n -> producer.put(n.outputs().get(0), n));
        Map<String, Tensor> constants = new LinkedHashMap<>(graph.initializers());
        Map<Node, Node> replaced = new HashMap<>();
        java.util.Set<Node> dropped = new java.util.HashSet<>();
        for (Node bn : graph.nodes()) {
            if (!bn.opType().equals("BatchNormalization") || bn.outputs().size() != 1 || bn.inputs().size() != 5
                    || bn.inputs().contains("")) {
                continue;
            }
            Node layer = producer.get(bn.inputs().get(0));
            if (layer == null || readers.getOrDefault(bn.inputs().get(0), 0) != 1 || replaced.containsKey(layer)
                    || !(layer.opType().equals("Conv") || layer.opType().equals("Gemm"))
                    || !allConstant(bn.inputs().subList(1, 5), constants)
                    || !allConstant(layer.inputs().subList(1, layer.inputs().size()), constants)) {
                continue;
            }
            if (bn.inputs().subList(1, 5).stream().anyMatch(i -> constants.get(i).size()
                    != constants.get(bn.inputs().get(1)).size())) {
                continue; // malformed parameters: the executor reports them
            }
            float[] f = factors(bn, constants);
            Node merged = layer.opType().equals("Conv") ? conv(layer, bn, f, constants) : gemm(layer, bn, f, constants);
            if (merged != null) {
                replaced.put(layer, merged);
                dropped.add(bn);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (!dropped.contains(n)) {
                nodes.add(replaced.getOrDefault(n, n));
            }
        }
        return ConstantFolding.prune(new Graph(graph.name(), graph.opset(), graph.inputs(), graph.outputs(), nodes,
                constants));
    }

    private static boolean allConstant(List<String> names, Map<String, Tensor> constants) {
        return names.stream().allMatch(i -> i.isEmpty() || constants.containsKey(i));
    }

    private static float[] factors(Node bn, Map<String, Tensor> c) {
        float[] scale = c.get(bn.inputs().get(1)).floats();
        float[] var = c.get(bn.inputs().get(4)).floats();
        double eps = bn.floatAttr("epsilon", 1e-5f);
        float[] f = new float[scale.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (scale[i] / Math.sqrt(var[i] + eps));
        }
        return f;
    }

    private static Node conv(Node conv, Node bn, float[] f, Map<String, Tensor> c) {
        Tensor w = c.get(conv.inputs().get(1));
        long[] ws = w.shape();
        if (ws.length != 4 || ws[0] != f.length) {
            return null;
        }
        float[] wv = w.floats();
        int per = wv.length / f.length;
        for (int i = 0; i < wv.length; i++) {
            wv[i] *= f[i / per];
        }
        float[] bias = conv.hasInput(2) ? c.get(conv.inputs().get(2)).floats() : new float[f.length];
        if (bias.length != f.length) {
            return null;
        }
        float[] b = shiftedBias(bias, bn, f, c, 1f);
        String wName = fresh(conv.name() + "_bn_weight", c);
        c.put(wName, Tensor.ofFloats(ws, wv));
        String bName = fresh(conv.name() + "_bn_bias", c);
        c.put(bName, Tensor.ofFloats(new long[] {f.length}, b));
        return new Node("Conv", conv.name(), List.of(conv.inputs().get(0), wName, bName), bn.outputs(),
                conv.attributes());
    }

    private static Node gemm(Node gemm, Node bn, float[] f, Map<String, Tensor> c) {
        Tensor bt = c.get(gemm.inputs().get(1));
        long[] bs = bt.shape();
        boolean transB = gemm.intAttr("transB", 0) != 0;
        if (bs.length != 2 || (transB ? bs[0] : bs[1]) != f.length) {
            return null;
        }
        int cols = f.length;
        float[] bv = bt.floats();
        for (int i = 0; i < bv.length; i++) {
            bv[i] *= f[transB ? i / (int) bs[1] : i % cols];
        }
        float[] bias = new float[cols];
        if (gemm.hasInput(2)) {
            Tensor ct = c.get(gemm.inputs().get(2));
            if (ct.size() != 1 && ct.size() != cols) {
                return null; // a full [M, N] bias is left alone
            }
            float[] cv = ct.floats();
            for (int j = 0; j < cols; j++) {
                bias[j] = cv[ct.size() == 1 ? 0 : j];
            }
        }
        float[] cNew = shiftedBias(bias, bn, f, c, gemm.floatAttr("beta", 1f));
        String bName = fresh(gemm.name() + "_bn_weight", c);
        c.put(bName, Tensor.ofFloats(bs, bv));
        String cName = fresh(gemm.name() + "_bn_bias", c);
        c.put(cName, Tensor.ofFloats(new long[] {cols}, cNew));
        Map<String, Attribute> attributes = new LinkedHashMap<>(gemm.attributes());
        attributes.put("beta", new Attribute.Float(1f));
        return new Node("Gemm", gemm.name(), List.of(gemm.inputs().get(0), bName, cName), bn.outputs(), attributes);
    }

    /** {@code (beta * bias - mean) * f + B_bn} per channel. */
    private static float[] shiftedBias(float[] bias, Node bn, float[] f, Map<String, Tensor> c, float beta) {
        float[] shift = c.get(bn.inputs().get(2)).floats();
        float[] mean = c.get(bn.inputs().get(3)).floats();
        float[] out = new float[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (((double) beta * bias[i] - mean[i]) * f[i] + shift[i]);
        }
        return out;
    }

    private static String fresh(String base, Map<String, Tensor> c) {
        String name = base;
        for (int k = 1; c.containsKey(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
