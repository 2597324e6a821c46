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
 * A LeNet-style network: Conv 1->C1 5x5, Relu, MaxPool 2; Conv C1->C2 5x5, Relu, MaxPool 2; Flatten; Gemm -> 10
 * (28 -> 24 -> 12 -> 8 -> 4, so the Gemm sees C2*16 features). Exported with opset 13 and input
 * {@code "input"} [1, 1, 28, 28]. Parameters, flat: conv1 [C1][1][5][5], bias [C1]; conv2 [C2][C1][5][5], bias
 * [C2]; fc [10][C2*16], bias [10].
 */
final class MnistCnn extends MnistNetwork {

    private static final int K = 5;
    private static final int A1 = SIDE - K + 1; // 24
    private static final int P1 = A1 / 2; // 12
    private static final int A2 = P1 - K + 1; // 8
    private static final int P2 = A2 / 2; // 4

    private final int c1;
    private final int c2;
    private final int features;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final int w3;
    private final int b3;
    private final int size;

    MnistCnn(int c1, int c2) {
        this.c1 = c1;
        this.c2 = c2;
        features = c2 * P2 * P2;
        w1 = 0;
        b1 = w1 + c1 * K * K;
        w2 = b1 + c1;
        b2 = w2 + c2 * c1 * K * K;
        w3 = b2 + c2;
        b3 = w3 + CLASSES * features;
        size = b3 + CLASSES;
    }

    @Override
    String name() {
        return "cnn";
    }

    @Override
    int parameterCount() {
        return size;
    }

    @Override
    long[] inputShape() {
        return new long[] {1, 1, SIDE, SIDE};
    }

    @Override
    double[] initialParameters(Random random) {
        double[] p = new double[size];
        heNormal(p, w1, c1 * K * K, K * K, random);
        heNormal(p, w2, c2 * c1 * K * K, c1 * K * K, random);
        heNormal(p, w3, CLASSES * features, features, random);
        return p;
    }

    @Override
    Pass newPass() {
        return new CnnPass();
    }

    /** Activations a1 [c1][24][24], p1 [c1][12][12], a2 [c2][8][8], p2 [c2][4][4] and their gradients. */
    private final class CnnPass implements Pass {
        private final double[] a1 = new double[c1 * A1 * A1];
        private final double[] p1 = new double[c1 * P1 * P1];
        private final int[] arg1 = new int[p1.length];
        private final double[] a2 = new double[c2 * A2 * A2];
        private final double[] p2 = new double[features];
        private final int[] arg2 = new int[features];
        private final double[] dp1 = new double[p1.length];

        @Override
        public double[] logits(double[] p, float[] x) {
            for (int c = 0; c < c1; c++) {
                for (int i = 0; i < A1; i++) {
                    for (int j = 0; j < A1; j++) {
                        double s = p[b1 + c];
                        for (int ki = 0; ki < K; ki++) {
                            int wRow = w1 + (c * K + ki) * K;
                            int xRow = (i + ki) * SIDE + j;
                            for (int kj = 0; kj < K; kj++) {
                                s += p[wRow + kj] * x[xRow + kj];
                            }
                        }
                        a1[(c * A1 + i) * A1 + j] = Math.max(0, s);
                    }
                }
            }
            maxPool(a1, c1, A1, p1, arg1);
            for (int o = 0; o < c2; o++) {
                for (int i = 0; i < A2; i++) {
                    for (int j = 0; j < A2; j++) {
                        double s = p[b2 + o];
                        for (int c = 0; c < c1; c++) {
                            for (int ki = 0; ki < K; ki++) {
                                int wRow = w2 + ((o * c1 + c) * K + ki) * K;
                                int pRow = (c * P1 + i + ki) * P1 + j;
                                for (int kj = 0; kj < K; kj++) {
                                    s += p[wRow + kj] * p1[pRow + kj];
                                }
                            }
                        }
                        a2[(o * A2 + i) * A2 + j] = Math.max(0, s);
                    }
                }
            }
            maxPool(a2, c2, A2, p2, arg2);
            double[] z = new double[CLASSES];
            for (int k = 0; k < CLASSES; k++) {
                double s = p[b3 + k];
                int row = w3 + k * features;
                for (int f = 0; f < features; f++) {
                    s += p[row + f] * p2[f];
                }
                z[k] = s;
            }
            return z;
        }

        @Override
        public double accumulateGradient(double[] p, float[] x, int label, double[] g) {
            double[] dz = logits(p, x);
            double loss = softmaxCrossEntropyGradient(dz, label);
            java.util.Arrays.fill(dp1, 0);
            for (int k = 0; k < CLASSES; k++) {
                g[b3 + k] += dz[k];
                int row = w3 + k * features;
                for (int f = 0; f < features; f++) {
                    g[row + f] += dz[k] * p2[f];
                }
            }
            for (int f = 0; f < features; f++) {
                if (p2[f] <= 0) {
                    continue; // relu (or a pooled zero) passes no gradient
                }
                double d = 0;
                for (int k = 0; k < CLASSES; k++) {
                    d += dz[k] * p[w3 + k * features + f];
                }
                int at = arg2[f];
                int o = at / (A2 * A2);
                int i = at / A2 % A2;
                int j = at % A2;
                g[b2 + o] += d;
                for (int c = 0; c < c1; c++) {
                    for (int ki = 0; ki < K; ki++) {
                        int wRow = w2 + ((o * c1 + c) * K + ki) * K;
                        int pRow = (c * P1 + i + ki) * P1 + j;
                        for (int kj = 0; kj < K; kj++) {
                            g[wRow + kj] += d * p1[pRow + kj];
                            dp1[pRow + kj] += d * p[wRow + kj];
                        }
                    }
                }
            }
            for (int f = 0; f < p1.length; f++) {
                double d = dp1[f];
                if (d == 0 || p1[f] <= 0) {
                    continue;
                }
                int at = arg1[f];
                int c = at / (A1 * A1);
                int i = at / A1 % A1;
                int j = at % A1;
                g[b1 + c] += d;
                for (int ki = 0; ki < K; ki++) {
                    int wRow = w1 + (c * K + ki) * K;
                    int xRow = (i + ki) * SIDE + j;
                    for (int kj = 0; kj < K; kj++) {
                        g[wRow + kj] += d * x[xRow + kj];
                    }
                }
            }
            return loss;
        }
    }

    /** 2x2 max pooling with stride 2 of {@code in} [channels][n][n]; records each maximum's index in {@code arg}. */
    private static void maxPool(double[] in, int channels, int n, double[] out, int[] arg) {
        int m = n / 2;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    int best = (c * n + 2 * i) * n + 2 * j;
                    for (int di = 0; di < 2; di++) {
                        for (int dj = 0; dj < 2; dj++) {
                            int at = (c * n + 2 * i + di) * n + 2 * j + dj;
                            if (in[at] > in[best]) {
                                best = at;
                            }
                        }
                    }
                    int o = (c * m + i) * m + j;
                    out[o] = in[best];
                    arg[o] = best;
                }
            }
        }
    }

    @Override
    Graph toGraph(double[] p) {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("conv1.weight", floats(p, w1, c1, 1, K, K));
        init.put("conv1.bias", floats(p, b1, c1));
        init.put("conv2.weight", floats(p, w2, c2, c1, K, K));
        init.put("conv2.bias", floats(p, b2, c2));
        init.put("fc.weight", floats(p, w3, CLASSES, features));
        init.put("fc.bias", floats(p, b3, CLASSES));
        Map<String, Attribute> conv = Map.of("kernel_shape", Attribute.Ints.of(K, K));
        Map<String, Attribute> pool = Map.of("kernel_shape", Attribute.Ints.of(2, 2),
                "strides", Attribute.Ints.of(2, 2));
        List<Node> nodes = List.of(
                new Node("Conv", "conv1", List.of("input", "conv1.weight", "conv1.bias"), List.of("conv1.out"), conv),
                new Node("Relu", "relu1", List.of("conv1.out"), List.of("relu1.out"), Map.of()),
                new Node("MaxPool", "pool1", List.of("relu1.out"), List.of("pool1.out"), pool),
                new Node("Conv", "conv2", List.of("pool1.out", "conv2.weight", "conv2.bias"), List.of("conv2.out"),
                        conv),
                new Node("Relu", "relu2", List.of("conv2.out"), List.of("relu2.out"), Map.of()),
                new Node("MaxPool", "pool2", List.of("relu2.out"), List.of("pool2.out"), pool),
                new Node("Flatten", "flatten", List.of("pool2.out"), List.of("flatten.out"),
                        Map.of("axis", new Attribute.Int(1))),
                new Node("Gemm", "fc", List.of("flatten.out", "fc.weight", "fc.bias"), List.of("logits"),
                        Map.of("transB", new Attribute.Int(1))));
        return new Graph("mnist_cnn", 13,
                List.of(new TensorInfo("input", DataType.FLOAT, Shape.of(inputShape()))),
                List.of(new TensorInfo("logits", DataType.FLOAT, Shape.of(1, CLASSES))), nodes, init);
    }
}
