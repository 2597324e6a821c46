package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Node;

import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;

/**
 * The tables of {@code Lookup} and {@code IntSoftmax}, computed once at quantization time and stored in the model
 * (so the file, not this code, is the semantics). A table covers the whole activation domain
 * {@code [-2^(b-1), 2^(b-1) - 1]} and is indexed by {@code q + 2^(b-1)}.
 */
final class LookupTables {

    private LookupTables() {
    }

    /** The real function of a float unary node, evaluated with {@link StrictMath} (reproducible everywhere). */
    static DoubleUnaryOperator function(Node n) {
        return switch (n.opType()) {
            case "Sigmoid" -> v -> 1 / (1 + StrictMath.exp(-v));
            case "Tanh" -> StrictMath::tanh;
            case "Sqrt" -> v -> v < 0 ? Double.NaN : StrictMath.sqrt(v);
            case "HardSigmoid" -> {
                double alpha = n.floatAttr("alpha", 0.2f);
                double beta = n.floatAttr("beta", 0.5f);
                yield v -> StrictMath.max(0, StrictMath.min(1, alpha * v + beta));
            }
            case "HardSwish" -> v -> v * StrictMath.max(0, StrictMath.min(1, v / 6 + 0.5));
            case "LeakyRelu" -> {
                double alpha = n.floatAttr("alpha", 0.01f);
                yield v -> v >= 0 ? v : alpha * v;
            }
            default -> throw new IllegalArgumentException("no table function for " + n.describe());
        };
    }

    /**
     * {@code table[q + 2^(b-1)] = clamp(floor(f(q * 2^-sIn) * 2^sOut + 0.5))} for every activation {@code q};
     * NaN (Sqrt of a negative) maps to 0.
     */
    static long[] unary(DoubleUnaryOperator f, int sIn, int sOut, QuantOptions opt) {
        long offset = -opt.activationMin();
        long[] t = new long[(int) (2 * offset)];
        for (int i = 0; i < t.length; i++) {
            double y = f.applyAsDouble(Math.scalb((double) (i - offset), -sIn));
            t[i] = ScaleRules.quantize(y, sOut, opt.activationMin(), opt.activationMax());
        }
        return t;
    }

    /**
     * Pow with integer exponent {@code e}, exactly: {@code table[q + 2^(b-1)] = clamp(round((q 2^-sIn)^e 2^sOut))}
     * with rounding half up, in {@link BigInteger} arithmetic; {@code 0^e} for {@code e < 0} maps to the largest
     * activation.
     */
    static long[] pow(long e, int sIn, int sOut, QuantOptions opt) {
        long offset = -opt.activationMin();
        long[] t = new long[(int) (2 * offset)];
        BigInteger lo = BigInteger.valueOf(opt.activationMin());
        BigInteger hi = BigInteger.valueOf(opt.activationMax());
        int p = Math.toIntExact(sOut - e * sIn); // value * 2^sOut = q^e * 2^p
        for (int i = 0; i < t.length; i++) {
            BigInteger q = BigInteger.valueOf(i - offset);
            BigInteger num;
            BigInteger den;
            if (e >= 0) {
                num = q.pow((int) e);
                den = BigInteger.ONE;
            } else if (q.signum() == 0) {
                t[i] = opt.activationMax();
                continue;
            } else {
                num = BigInteger.ONE;
                den = q.pow((int) -e);
            }
            if (p >= 0) {
                num = num.shiftLeft(p);
            } else {
                den = den.shiftLeft(-p);
            }
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger r = floorDiv(num.shiftLeft(1).add(den), den.shiftLeft(1)); // round half up
            t[i] = r.max(lo).min(hi).longValueExact();
        }
        return t;
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** The precision of softmax's exp table: entries are {@code exp(-d) * 2^EXP_BITS} rounded. */
    static int expBits(QuantOptions opt) {
        return opt.activationBits() + 8;
    }

    /**
     * Softmax's exp table: {@code table[k] = floor(exp(-k 2^-sIn) 2^E + 0.5)} for the differences {@code k = m - x}
     * in {@code [0, 2^b - 1]}, cut after the first entry that is 0 ({@code IntSoftmax} clamps the index to the
     * last entry).
     */
    static long[] exp(int sIn, QuantOptions opt) {
        int e = expBits(opt);
        int size = 1 << opt.activationBits();
        long[] t = new long[size];
        for (int k = 0; k < size; k++) {
            t[k] = ScaleRules.quantize(StrictMath.exp(-Math.scalb((double) k, -sIn)), e, 0, 1L << e);
            if (t[k] == 0) {
                return java.util.Arrays.copyOf(t, k + 1);
            }
        }
        return t;
    }
}
