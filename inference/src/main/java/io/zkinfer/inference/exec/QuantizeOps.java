package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * The linear quantization operators of pre-quantized ONNX models: QuantizeLinear
 * ({@code y = saturate(round_half_even(x / scale) + zero_point)}, UINT8 unless the zero point says otherwise) and
 * DequantizeLinear ({@code y = (x - zero_point) * scale}), per tensor or, from opset 13, per slice along
 * {@code axis} (default 1).
 */
final class QuantizeOps {

    private QuantizeOps() {
    }

    static Nd quantize(Node n, Nd x, Nd scale, Nd zeroPoint) {
        DataType type = zeroPoint == null ? DataType.UINT8 : zeroPoint.type();
        long[] range = switch (type) {
            case UINT8 -> new long[] {0, 255};
            case INT8 -> new long[] {-128, 127};
            case UINT16 -> new long[] {0, 65535};
            case INT16 -> new long[] {-32768, 32767};
            default -> throw new IllegalArgumentException(n.describe() + ": quantizing to " + type
                    + " is not supported (UINT8, INT8, UINT16, INT16 are)");
        };
        int[] channel = channels(n, x, scale, zeroPoint);
        float[] in = x.floats();
        float[] s = scale.floats();
        long[] zp = zeroPoint == null ? new long[] {0} : zeroPoint.longs("zero point of " + n.describe());
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            int c = channel[i];
            double q = Math.rint(in[i] / s[c]) + zp[zp.length == 1 ? 0 : c]; // float division, as ONNX Runtime
            out[i] = (long) Math.max(range[0], Math.min(range[1], q));
        }
        return new Nd(type, x.shape(), null, out);
    }

    static Nd dequantize(Node n, Nd x, Nd scale, Nd zeroPoint) {
        int[] channel = channels(n, x, scale, zeroPoint);
        long[] in = x.longs("input of " + n.describe());
        float[] s = scale.floats();
        long[] zp = zeroPoint == null ? new long[] {0} : zeroPoint.longs("zero point of " + n.describe());
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int c = channel[i];
            out[i] = (float) ((in[i] - zp[zp.length == 1 ? 0 : c]) * (double) s[c]);
        }
        return Nd.of(x.shape(), out);
    }

    /** For each element of {@code x}, the index of its scale: 0 per tensor, its coordinate on {@code axis} per axis. */
    private static int[] channels(Node n, Nd x, Nd scale, Nd zeroPoint) {
        int[] channel = new int[x.size()];
        if (scale.size() == 1) {
            if (zeroPoint != null && zeroPoint.size() != 1) {
                throw new IllegalArgumentException(n.describe() + ": a per-tensor scale needs a scalar zero point");
            }
            return channel;
        }
        int axis = Nd.axis(n.intAttr("axis", 1), x.rank(), n.describe());
        if (scale.rank() != 1 || scale.size() != x.shape()[axis]
                || (zeroPoint != null && zeroPoint.size() != scale.size())) {
            throw new IllegalArgumentException(n.describe() + ": scale " + Arrays.toString(scale.shape())
                    + " and zero point must have one value per slice of axis " + axis + " of "
                    + Arrays.toString(x.shape()));
        }
        long inner = 1;
        for (int d = axis + 1; d < x.rank(); d++) {
            inner *= x.shape()[d];
        }
        long extent = x.shape()[axis];
        for (int i = 0; i < channel.length; i++) {
            channel[i] = (int) ((i / inner) % extent);
        }
        return channel;
    }
}
