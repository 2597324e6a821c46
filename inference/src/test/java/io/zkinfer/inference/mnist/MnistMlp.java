package io.zkinfer.inference.mnist;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A 784-H-10 perceptron: {@code logits = W2 relu(W1 x + b1) + b2}; exported as Gemm, Relu, Gemm (opset 13) with
 * input {@code "input"} [1, 784]. Parameters, flat: W1 [H][784], b1 [H], W2 [10][H], b2 [10].
 */
final class MnistMlp extends MnistNetwork {

    private static final int IN = SIDE * SIDE;
    private final int hidden;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final int size;

    MnistMlp(int hidden) {
        this.hidden = hidden;
        w1 = 0;
        b1 = w1 + hidden * IN;
        w2 = b1 + hidden;
        b2 = w2 + CLASSES * hidden;
        size = b2 + CLASSES;
    }

    @Override
    String name() {
        return "mlp";
    }

    @Override
    int parameterCount() {
        return size;
    }

    @Override
    long[] inputShape() {
        return new long[] {1, IN};
    }

    @Override
    double[] initialParameters(Random random) {
        double[] p = new double[size];
        heNormal(p, w1, hidden * IN, IN, random);
        heNormal(p, w2, CLASSES * hidden, hidden, random);
        return p;
    }

    @Override
    Pass newPass() {
        double[] h = new double[hidden];
        return new Pass() {
            @Override
            public double[] logits(double[] p, float[] x) {
                for (int j = 0; j < hidden; j++) {
                    double s = p[b1 + j];
                    int row = w1 + j * IN;
                    for (int i = 0; i < IN; i++) {
                        s += p[row + i] * x[i];
                    }
                    h[j] = Math.max(0, s);
                }
                double[] z = new double[CLASSES];
                for (int k = 0; k < CLASSES; k++) {
                    double s = p[b2 + k];
                    int row = w2 + k * hidden;
                    for (int j = 0; j < hidden; j++) {
                        s += p[row + j] * h[j];
                    }
                    z[k] = s;
                }
                return z;
            }

            @Override
            public double accumulateGradient(double[] p, float[] x, int label, double[] g) {
                double[] dz = logits(p, x);
                double loss = softmaxCrossEntropyGradient(dz, label);
                for (int k = 0; k < CLASSES; k++) {
                    g[b2 + k] += dz[k];
                    int row = w2 + k * hidden;
                    for (int j = 0; j < hidden; j++) {
                        g[row + j] += dz[k] * h[j];
                    }
                }
                for (int j = 0; j < hidden; j++) {
                    if (h[j] <= 0) {
                        continue;
                    }
                    double dh = 0;
                    for (int k = 0; k < CLASSES; k++) {
                        dh += dz[k] * p[w2 + k * hidden + j];
                    }
                    g[b1 + j] += dh;
                    int row = w1 + j * IN;
                    for (int i = 0; i < IN; i++) {
                        g[row + i] += dh * x[i];
                    }
                }
                return loss;
            }
        };
    }

    @Override
    Graph toGraph(double[] p) {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("fc1.weight", floats(p, w1, hidden, IN));
        init.put("fc1.bias", floats(p, b1, hidden));
        init.put("fc2.weight", floats(p, w2, CLASSES, hidden));
        init.put("fc2.bias", floats(p, b2, CLASSES));
        Map<String, Attribute> transB = Map.of("transB", new Attribute.Int(1));
        List<Node> nodes = List.of(
                new Node("Gemm", "fc1", List.of("input", "fc1.weight", "fc1.bias"), List.of("fc1.out"), transB),
                new Node("Relu", "relu1", List.of("fc1.out"), List.of("relu1.out"), Map.of()),
                new Node("Gemm", "fc2", List.of("relu1.out", "fc2.weight", "fc2.bias"), List.of("logits"), transB));
        return new Graph("mnist_mlp", 13,
                List.of(new TensorInfo("input", DataType.FLOAT, Shape.of(inputShape()))),
                List.of(new TensorInfo("logits", DataType.FLOAT, Shape.of(1, CLASSES))), nodes, init);
    }
}
