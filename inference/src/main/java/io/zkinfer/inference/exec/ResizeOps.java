package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;

/**
 * Resize in {@code nearest} mode (opset 11 and later): each output coordinate is mapped back by the
 * {@code coordinate_transformation_mode} and rounded by the {@code nearest_mode}, in float arithmetic as ONNX
 * Runtime does; the target comes from {@code scales} or {@code sizes}. Linear and cubic modes are refused.
 */
final class ResizeOps {

    private ResizeOps() {
    }

    static Nd resize(Node n, Nd x, Nd scalesIn, Nd sizesIn, int opset) {
        if (opset < 11) {
            throw new IllegalArgumentException(n.describe() + ": Resize before opset 11 is not supported; convert the"
                    + " model to opset 11 or later");
        }
        String mode = n.stringAttr("mode", "nearest");
        if (!mode.equals("nearest")) {
            throw new IllegalArgumentException(n.describe() + ": only mode 'nearest' is supported, not '" + mode + "'");
        }
        if (n.attributes().containsKey("axes") || !n.stringAttr("keep_aspect_ratio_policy", "stretch")
                .equals("stretch")) {
            throw new IllegalArgumentException(n.describe() + ": axes and keep_aspect_ratio_policy are not supported");
        }
        int rank = x.rank();
        long[] in = x.shape();
        float[] scales = new float[rank];
        long[] out = new long[rank];
        if (sizesIn != null && sizesIn.size() > 0) {
            long[] sizes = sizesIn.longs("sizes of " + n.describe());
            if (sizes.length != rank) {
                throw new IllegalArgumentException(n.describe() + ": sizes " + Arrays.toString(sizes) + " for rank "
                        + rank);
            }
            for (int d = 0; d < rank; d++) {
                out[d] = sizes[d];
                scales[d] = in[d] == 0 ? 1f : (float) sizes[d] / in[d];
            }
        } else if (scalesIn != null && scalesIn.size() == rank) {
            float[] s = scalesIn.floats();
            for (int d = 0; d < rank; d++) {
                if (!(s[d] > 0)) {
                    throw new IllegalArgumentException(n.describe() + ": scales must be positive, got "
                            + Arrays.toString(s));
                }
                scales[d] = s[d];
                out[d] = (long) Math.floor(in[d] * (double) s[d]);
            }
        } else {
            throw new IllegalArgumentException(n.describe() + " needs scales or sizes with one value per dimension");
        }
        Tensor.elementCount(out);
        String transform = n.stringAttr("coordinate_transformation_mode", "half_pixel");
        String rounding = n.stringAttr("nearest_mode", "round_prefer_floor");
        int[][] source = new int[rank][];
        for (int d = 0; d < rank; d++) {
            source[d] = new int[(int) out[d]];
            for (int i = 0; i < out[d]; i++) {
                float c = original(n, transform, i, scales[d], in[d], out[d]);
                long k = nearest(n, rounding, c);
                source[d][i] = (int) Math.max(0, Math.min(in[d] - 1, k));
            }
        }
        long[] strides = Nd.strides(in);
        int[] from = new int[(int) Tensor.elementCount(out)];
        int[] idx = new int[rank];
        for (int flat = 0; flat < from.length; flat++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += source[d][idx[d]] * strides[d];
            }
            from[flat] = (int) src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < out[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return IndexOps.pick(x, out, from, 0);
    }

    private static float original(Node n, String transform, int i, float scale, long in, long out) {
        return switch (transform) {
            case "half_pixel" -> (i + 0.5f) / scale - 0.5f;
            case "pytorch_half_pixel" -> out > 1 ? (i + 0.5f) / scale - 0.5f : 0f;
            case "asymmetric" -> i / scale;
            case "align_corners" -> out == 1 ? 0f : i * (float) (in - 1) / (out - 1);
            default -> throw new IllegalArgumentException(n.describe() + ": coordinate_transformation_mode '"
                    + transform + "' is not supported");
        };
    }

    private static long nearest(Node n, String rounding, float c) {
        return switch (rounding) {
            case "round_prefer_floor" -> c == Math.floor(c) + 0.5f ? (long) Math.floor(c) : Math.round(c);
            case "round_prefer_ceil" -> Math.round(c);
            case "floor" -> (long) Math.floor(c);
            case "ceil" -> (long) Math.ceil(c);
            default -> throw new IllegalArgumentException(n.describe() + ": nearest_mode '" + rounding
                    + "' is not supported");
        };
    }
}
