package io.zkinfer.inference.quant;

/**
 * The choices of a quantization run. Activations are held in {@code activationBits} (8 or 16) signed bits and
 * weights in {@code weightBits}; {@code inputScaleBits} fixes the graph inputs' scale (null: from calibration);
 * {@code paramScaleBits} fixes every weight's scale (null: from each weight's largest magnitude); with
 * {@code perChannel} each output channel of a Conv, Gemm or MatMul weight gets its own scale; no scale exceeds
 * {@code maxScaleBits}. A value {@code q} at scale {@code s} stands for {@code q * 2^-s}.
 */
public record QuantOptions(int activationBits, int weightBits, Integer inputScaleBits, Integer paramScaleBits,
                           boolean perChannel, int maxScaleBits) {

    /** 8-bit activations and weights, calibrated scales, per-tensor, at most 16 scale bits. */
    public static final QuantOptions DEFAULT = new QuantOptions(8, 8, null, null, false, 16);

    public QuantOptions {
        if (activationBits != 8 && activationBits != 16) {
            throw new IllegalArgumentException("activation bits must be 8 or 16, got " + activationBits);
        }
        if (weightBits != 8 && weightBits != 16) {
            throw new IllegalArgumentException("weight bits must be 8 or 16, got " + weightBits);
        }
        if (maxScaleBits < 0 || maxScaleBits > 30) {
            throw new IllegalArgumentException("max scale bits must be in [0, 30], got " + maxScaleBits);
        }
        for (Integer s : new Integer[] {inputScaleBits, paramScaleBits}) {
            if (s != null && (s < -30 || s > maxScaleBits)) {
                throw new IllegalArgumentException("a scale of " + s + " bits is outside [-30, " + maxScaleBits
                        + "] (raise maxScaleBits to allow it)");
            }
        }
    }

    /** These options with {@code bits} for both activations and weights. */
    public QuantOptions withBits(int bits) {
        return new QuantOptions(bits, bits, inputScaleBits, paramScaleBits, perChannel, maxScaleBits);
    }

    public QuantOptions withPerChannel(boolean on) {
        return new QuantOptions(activationBits, weightBits, inputScaleBits, paramScaleBits, on, maxScaleBits);
    }

    public QuantOptions withInputScaleBits(Integer bits) {
        return new QuantOptions(activationBits, weightBits, bits, paramScaleBits, perChannel, maxScaleBits);
    }

    public QuantOptions withParamScaleBits(Integer bits) {
        return new QuantOptions(activationBits, weightBits, inputScaleBits, bits, perChannel, maxScaleBits);
    }

    public QuantOptions withMaxScaleBits(int bits) {
        return new QuantOptions(activationBits, weightBits, inputScaleBits, paramScaleBits, perChannel, bits);
    }

    /** The smallest activation value, {@code -2^(activationBits-1)}. */
    public long activationMin() {
        return -(1L << (activationBits - 1));
    }

    /** The largest activation value, {@code 2^(activationBits-1) - 1}. */
    public long activationMax() {
        return (1L << (activationBits - 1)) - 1;
    }
}
