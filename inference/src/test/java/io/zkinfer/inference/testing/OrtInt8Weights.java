package io.zkinfer.inference.testing;

/**
 * The range of the int8 weights in fixtures that ONNX Runtime referees. ONNX Runtime's u8 x s8 matrix kernels on
 * x86-64 CPUs without VNNI (AVX2 only) add pairs of u8 x s8 products in saturating 16-bit lanes (vpmaddubsw), so two
 * products such as 255 x -128 overflow and its results leave the ONNX specification (seen on an AVX2-only CPU:
 * relative errors of 0.2 to 0.4 in QLinearConv, QLinearMatMul and MatMulInteger). Weights in 7 bits, which is what
 * ONNX Runtime's own quantizer writes with {@code reduce_range}, keep every pair within 16 bits
 * (2 x 255 x 64 = 32640), and its results are then exact on every CPU.
 */
public final class OrtInt8Weights {

    /** The least weight drawn. */
    public static final int MIN = -64;

    /** The largest weight drawn. */
    public static final int MAX = 63;

    private OrtInt8Weights() {
    }
}
