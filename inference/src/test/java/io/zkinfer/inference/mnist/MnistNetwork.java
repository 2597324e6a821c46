package io.zkinfer.inference.mnist;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;

import java.util.Random;

/**
 * A small classifier of 28x28 digits that {@link MnistTrainer} trains: parameters are one flat {@code double[]},
 * and a {@link Pass} (one per thread, holding its scratch buffers) computes the logits of a digit and, for
 * training, the softmax cross-entropy loss and its gradient. {@link #toGraph} exports the trained parameters as a
 * float model graph with input {@code "input"} and output {@code "logits"} of shape [1, 10].
 */
abstract class MnistNetwork {

    static final int CLASSES = 10;
    static final int SIDE = 28;

    /** A short name, also the fixture's file stem ({@code mlp}, {@code cnn}). */
    abstract String name();

    abstract int parameterCount();

    /** Initial parameters drawn from {@code random} (He-scaled normal weights, zero biases). */
    abstract double[] initialParameters(Random random);

    /** A fresh pass with its own scratch buffers; not thread-safe, so one per thread. */
    abstract Pass newPass();

    /** The float graph computing the logits with {@code params} (converted to float). */
    abstract Graph toGraph(double[] params);

    /** The input shape of {@link #toGraph}'s graph. */
    abstract long[] inputShape();

    /** One thread's forward and backward computations. */
    interface Pass {
        /** The 10 logits of the 784 intensities {@code x}. */
        double[] logits(double[] params, float[] x);

        /** Adds the gradient of the loss of ({@code x}, {@code label}) to {@code grad}; returns that loss. */
        double accumulateGradient(double[] params, float[] x, int label, double[] grad);
    }

    /** Softmax of {@code z} minus the one-hot {@code label}, in place; returns {@code -log softmax(z)[label]}. */
    static double softmaxCrossEntropyGradient(double[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = StrictMath.exp(z[k] - max);
            sum += z[k];
        }
        double loss = -StrictMath.log(z[label] / sum);
        for (int k = 0; k < z.length; k++) {
            z[k] = z[k] / sum - (k == label ? 1 : 0);
        }
        return loss;
    }

    /** He-normal values {@code N(0, 2 / fanIn)} into {@code params[from .. from+count)}. */
    static void heNormal(double[] params, int from, int count, int fanIn, Random random) {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = from; i < from + count; i++) {
            params[i] = random.nextGaussian() * std;
        }
    }

    /** {@code params[from .. from+count)} as a float tensor of {@code shape}. */
    static Tensor floats(double[] params, int from, long... shape) {
        float[] v = new float[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) params[from + i];
        }
        return Tensor.ofFloats(shape, v);
    }
}
