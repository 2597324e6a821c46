package io.zkinfer.inference.realmodels;

import io.zkinfer.inference.ir.Tensor;

import java.util.ArrayList;
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

    /** The CTC blank, class 0 of PaddleOCR's recogniser. */
    static final int CTC_BLANK = 0;

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

    /**
     * The share of samples whose CTC-decoded text ({@link #ctcText}) is the same in {@code quantized} as in
     * {@code references}: what a recogniser's output is read as, whichever time step a character lands on.
     */
    static double textAgreement(List<Map<String, Tensor>> references, List<Map<String, Tensor>> quantized) {
        int same = 0;
        for (int s = 0; s < references.size(); s++) {
            int[] want = decisions(RealModel.Task.RECOGNIZE, onlyOutput(references.get(s)));
            int[] got = decisions(RealModel.Task.RECOGNIZE, onlyOutput(quantized.get(s)));
            same += ctcText(want).equals(ctcText(got)) ? 1 : 0;
        }
        return references.isEmpty() ? 0 : (double) same / references.size();
    }

    /**
     * The character error rate of {@code quantized}'s decoded texts against {@code references}': the edit distance
     * (insertions, deletions, substitutions) summed over the pages, over the number of characters the references
     * read (at least 1).
     */
    static double characterErrorRate(List<Map<String, Tensor>> references, List<Map<String, Tensor>> quantized) {
        long edits = 0;
        long characters = 0;
        for (int s = 0; s < references.size(); s++) {
            List<Integer> want = ctcText(decisions(RealModel.Task.RECOGNIZE, onlyOutput(references.get(s))));
            List<Integer> got = ctcText(decisions(RealModel.Task.RECOGNIZE, onlyOutput(quantized.get(s))));
            edits += editDistance(want, got);
            characters += want.size();
        }
        return (double) edits / Math.max(1, characters);
    }

    private static int editDistance(List<Integer> a, List<Integer> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int substitute = previous[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    /** Greedy CTC decoding of per-step characters: repeats collapsed, then blanks (class 0) dropped. */
    static List<Integer> ctcText(int[] steps) {
        List<Integer> text = new ArrayList<>();
        int previous = CTC_BLANK;
        for (int c : steps) {
            if (c != previous && c != CTC_BLANK) {
                text.add(c);
            }
            previous = c;
        }
        return text;
    }

    /**
     * A recogniser's probability errors over its time steps inside a character or inside a gap: those whose
     * float decision equals both neighbours' and whose quantized decision agrees. Where a character begins or
     * ends, which of two neighbouring steps carries it is not what the recogniser decides (the decoded text is,
     * {@link #textAgreement}); a quantized model moves some of a character's probability across that border.
     *
     * @return the largest and the mean absolute error, the number of steps judged and the number of steps
     */
    static StepErrors stepErrorsAwayFromBorders(List<Map<String, Tensor>> references,
                                                List<Map<String, Tensor>> quantized) {
        double max = 0;
        double sum = 0;
        long values = 0;
        int judged = 0;
        int steps = 0;
        for (int s = 0; s < references.size(); s++) {
            Tensor want = onlyOutput(references.get(s));
            Tensor got = onlyOutput(quantized.get(s));
            int[] wantSteps = decisions(RealModel.Task.RECOGNIZE, want);
            int[] gotSteps = decisions(RealModel.Task.RECOGNIZE, got);
            float[] a = want.floats();
            float[] b = got.floats();
            int classes = a.length / wantSteps.length;
            steps += wantSteps.length;
            for (int step = 0; step < wantSteps.length; step++) {
                if (atBorder(wantSteps, step) || wantSteps[step] != gotSteps[step]) {
                    continue;
                }
                judged++;
                for (int i = step * classes; i < (step + 1) * classes; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    max = Math.max(max, d);
                    sum += d;
                    values++;
                }
            }
        }
        return new StepErrors(max, values == 0 ? 0 : sum / values, judged, steps);
    }

    /** Errors over the time steps judged ({@link #stepErrorsAwayFromBorders}), out of all steps. */
    record StepErrors(double maxAbsError, double meanAbsError, int judgedSteps, int steps) {
    }

    /** Whether a neighbouring step decides otherwise: a character begins or ends here. */
    private static boolean atBorder(int[] steps, int step) {
        return (step > 0 && steps[step - 1] != steps[step])
                || (step + 1 < steps.length && steps[step + 1] != steps[step]);
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
