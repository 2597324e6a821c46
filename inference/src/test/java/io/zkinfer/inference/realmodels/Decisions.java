package io.zkinfer.inference.realmodels;

import io.zkinfer.inference.ir.Tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions a model's output stands for ({@link RealModel.Task}), to judge quantization error by what the
 * model is for: the class of an image, the character of a CTC time step (arg-max of the last axis), or whether a
 * detector pixel is text (probability above {@link #TEXT_THRESHOLD}, the default of PaddleOCR's DB
 * post-processing).
 */
final class Decisions {

    /** The probability above which PaddleOCR's DB post-processing counts a pixel as text. */
    static final float TEXT_THRESHOLD = 0.3f;

    private Decisions() {
    }

    /**
     * The agreement a constant output would reach with {@code references}: the share of their most frequent
     * decision. A quantized model at or below it has lost what the model computes.
     */
    static double constantBaseline(RealModel.Task task, List<Map<String, Tensor>> references) {
        Map<Integer, Long> counts = new HashMap<>();
        long total = 0;
        for (Map<String, Tensor> outputs : references) {
            for (int d : decisions(task, onlyOutput(outputs))) {
                counts.merge(d, 1L, Long::sum);
                total++;
            }
        }
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return total == 0 ? 0 : (double) most / total;
    }

    /** The share of decisions of {@code quantized} equal to those of {@code references}, sample by sample. */
    static double agreement(RealModel.Task task, List<Map<String, Tensor>> references,
                            List<Map<String, Tensor>> quantized) {
        long agreeing = 0;
        long total = 0;
        for (int s = 0; s < references.size(); s++) {
            int[] want = decisions(task, onlyOutput(references.get(s)));
            int[] got = decisions(task, onlyOutput(quantized.get(s)));
            if (want.length != got.length) {
                throw new AssertionError("sample " + s + ": " + got.length + " decisions, expected " + want.length);
            }
            for (int i = 0; i < want.length; i++) {
                agreeing += want[i] == got[i] ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? 0 : (double) agreeing / total;
    }

    /** One decision per image, time step or pixel. */
    static int[] decisions(RealModel.Task task, Tensor output) {
        float[] v = output.floats();
        if (task == RealModel.Task.DETECT) {
            int[] text = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                text[i] = v[i] > TEXT_THRESHOLD ? 1 : 0;
            }
            return text;
        }
        long[] shape = output.shape();
        int classes = (int) shape[shape.length - 1];
        int[] best = new int[v.length / classes];
        for (int row = 0; row < best.length; row++) {
            int from = row * classes;
            for (int c = 1; c < classes; c++) {
                if (v[from + c] > v[from + best[row]]) {
                    best[row] = c;
                }
            }
        }
        return best;
    }

    private static Tensor onlyOutput(Map<String, Tensor> outputs) {
        if (outputs.size() != 1) {
            throw new AssertionError("expected one output, got " + outputs.keySet());
        }
        return outputs.values().iterator().next();
    }
}
