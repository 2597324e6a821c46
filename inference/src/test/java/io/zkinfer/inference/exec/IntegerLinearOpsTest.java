package io.zkinfer.inference.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@code IntMatMul} and {@code IntConv} kernels against straightforward per-output references on
 * random integer inputs (sparse and dense, signed, 8-bit or up to 2^20): shapes, broadcasting, groups, pads,
 * strides, dilations and bias, serial and in a pool, must agree bit for bit; so must the {@link PackedWeights}
 * int kernels, which must apply to 8-bit values and may decline larger ones.
 */
class IntegerLinearOpsTest {

    private static ForkJoinPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ForkJoinPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdown();
    }

    @Test
    void convMatchesTheReference() {
        long seed = TestRandom.seed("IntegerLinearOpsTest.conv");
        System.out.println("IntegerLinearOpsTest.conv seed " + seed);
        Random random = new Random(seed);
        int checked = 0;
        int packedCases = 0;
        while (checked < 300) {
            boolean large = checked % 100 == 0; // some cases above the parallel threshold
            boolean packable = checked % 10 == 1; // some with enough weights per channel for the int kernel
            int group = 1 + random.nextInt(3);
            int cg = large ? 8 : packable ? 8 + random.nextInt(9) : 1 + random.nextInt(3);
            int mg = large ? 8 : 1 + random.nextInt(3);
            int batch = 1 + random.nextInt(2);
            int h = large ? 24 : 1 + random.nextInt(9);
            int w = large ? 20 : 1 + random.nextInt(9);
            int kh = (packable ? 3 : 1) + random.nextInt(4);
            int kw = (packable ? 4 : 1) + random.nextInt(4);
            long[] strides = {1 + random.nextInt(3), 1 + random.nextInt(3)};
            long[] dilations = {1 + random.nextInt(2), 1 + random.nextInt(2)};
            long[] pads = {random.nextInt(4), random.nextInt(4), random.nextInt(4), random.nextInt(4)};
            if (h + pads[0] + pads[2] < (kh - 1) * dilations[0] + 1
                    || w + pads[1] + pads[3] < (kw - 1) * dilations[1] + 1) {
                continue; // the window does not fit
            }
            Map<String, Attribute> attrs = new HashMap<>();
            attrs.put("kernel_shape", Attribute.Ints.of(kh, kw));
            attrs.put("strides", Attribute.Ints.of(strides));
            attrs.put("dilations", Attribute.Ints.of(dilations));
            attrs.put("pads", Attribute.Ints.of(pads));
            attrs.put("group", new Attribute.Int(group));
            Node n = new Node("IntConv", "conv" + checked, List.of("x", "w", "b"), List.of("y"), attrs);
            int c = cg * group;
            int m = mg * group;
            int bits = random.nextBoolean() ? 7 : 20;
            Nd x = random(random, bits, batch, c, h, w);
            Nd wt = random(random, bits, m, cg, kh, kw);
            Nd bias = random.nextBoolean() ? random(random, 28, m) : null;
            long[] expected = referenceConv(x, wt, bias, group, strides, dilations, pads);
            Nd serial = IntegerLinearOps.conv(n, x, wt, bias, null);
            Nd parallel = IntegerLinearOps.conv(n, x, wt, bias, pool);
            String what = "case " + checked + ": x " + Arrays.toString(x.shape()) + " w " + Arrays.toString(wt.shape())
                    + " " + attrs + " bias " + (bias != null);
            assertArrayEquals(expected, serial.l(), what);
            assertArrayEquals(expected, parallel.l(), what);
            PackedWeights packed = PackedWeights.forConv(wt);
            if (packed != null) {
                Nd viaInts = packed.conv(n, x, bias, checked % 2 == 0 ? pool : null);
                if (bits == 7) {
                    assertNotNull(viaInts, "the int kernel applies to 8-bit values, " + what);
                    packedCases++;
                }
                if (viaInts != null) {
                    assertArrayEquals(expected, viaInts.l(), what + " (int kernel)");
                }
            }
            checked++;
        }
        assertTrue(packedCases > 0, "no case took the int kernel");
    }

    @Test
    void matMulMatchesTheReference() {
        long seed = TestRandom.seed("IntegerLinearOpsTest.matMul");
        System.out.println("IntegerLinearOpsTest.matMul seed " + seed);
        Random random = new Random(seed);
        for (int t = 0; t < 300; t++) {
            boolean large = t % 100 == 0;
            int m = large ? 64 : 1 + random.nextInt(5);
            int k = large ? 96 : 1 + random.nextInt(7);
            int cols = large ? 80 : 1 + random.nextInt(6);
            long[] batchA = randomBatch(random);
            long[] batchB = random.nextBoolean() ? new long[0] : randomBatch(random);
            if (!broadcastable(batchA, batchB)) {
                batchB = new long[0];
            }
            int bits = random.nextBoolean() ? 7 : 20;
            Nd a = random(random, bits, concat(batchA, m, k));
            Nd b = random(random, bits, concat(batchB, k, cols));
            Nd bias = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> random(random, 28, 1);
                default -> random(random, 28, cols);
            };
            Node n = new Node("IntMatMul", "mm" + t, List.of("a", "b", "bias"), List.of("y"), Map.of());
            long[] expected = referenceMatMul(a, b, bias);
            String what = "case " + t + ": " + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape())
                    + " bias " + (bias == null ? "none" : bias.l().length);
            assertArrayEquals(expected, IntegerLinearOps.matMul(n, a, b, bias, null).l(), what);
            assertArrayEquals(expected, IntegerLinearOps.matMul(n, a, b, bias, pool).l(), what);
            PackedWeights packed = PackedWeights.forMatMul(b);
            if (packed != null) {
                Nd viaInts = packed.matMul(a, bias, t % 2 == 0 ? pool : null);
                if (bits == 7) {
                    assertNotNull(viaInts, "the int kernel applies to 8-bit values, " + what);
                }
                if (viaInts != null) {
                    assertArrayEquals(expected, viaInts.l(), what + " (int kernel)");
                }
            }
        }
    }

    /** Every output by its definition: a sum over the input channels of its group and the kernel taps inside. */
    private static long[] referenceConv(Nd x, Nd w, Nd bias, int group, long[] s, long[] d, long[] p) {
        int batch = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int m = w.dim(0);
        int cg = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (int) ((h + p[0] + p[2] - ((kh - 1) * d[0] + 1)) / s[0] + 1);
        int ow = (int) ((wd + p[1] + p[3] - ((kw - 1) * d[1] + 1)) / s[1] + 1);
        long[] out = new long[batch * m * oh * ow];
        for (int bn = 0; bn < batch; bn++) {
            for (int oc = 0; oc < m; oc++) {
                int g = oc / (m / group);
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        long acc = bias == null ? 0 : bias.l()[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    long iy = oy * s[0] - p[0] + ky * d[0];
                                    long ix = ox * s[1] - p[1] + kx * d[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        acc += x.l()[(int) (((bn * c + g * cg + ic) * h + iy) * wd + ix)]
                                                * w.l()[((oc * cg + ic) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        out[((bn * m + oc) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** Batched products with numpy broadcasting of the batch dimensions, each entry a plain dot product. */
    private static long[] referenceMatMul(Nd a, Nd b, Nd bias) {
        int ra = a.rank();
        int rb = b.rank();
        int m = a.dim(ra - 2);
        int k = a.dim(ra - 1);
        int cols = b.dim(rb - 1);
        int rank = Math.max(ra, rb) - 2;
        long[] batch = new long[rank];
        long[] ba = new long[rank];
        long[] bb = new long[rank];
        for (int i = 0; i < rank; i++) {
            ba[i] = i - (rank - (ra - 2)) >= 0 ? a.shape()[i - (rank - (ra - 2))] : 1;
            bb[i] = i - (rank - (rb - 2)) >= 0 ? b.shape()[i - (rank - (rb - 2))] : 1;
            batch[i] = Math.max(ba[i], bb[i]);
        }
        int count = (int) Arrays.stream(batch).reduce(1, (u, v) -> u * v);
        long[] out = new long[count * m * cols];
        int[] idx = new int[rank];
        for (int q = 0; q < count; q++) {
            int offA = 0;
            int offB = 0;
            for (int i = 0; i < rank; i++) {
                offA = (int) (offA * ba[i] + (ba[i] == 1 ? 0 : idx[i]));
                offB = (int) (offB * bb[i] + (bb[i] == 1 ? 0 : idx[i]));
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    long acc = bias == null ? 0 : bias.l()[bias.l().length == 1 ? 0 : j];
                    for (int p = 0; p < k; p++) {
                        acc += a.l()[(offA * m + i) * k + p] * b.l()[(offB * k + p) * cols + j];
                    }
                    out[(q * m + i) * cols + j] = acc;
                }
            }
            for (int i = rank - 1; i >= 0 && ++idx[i] == batch[i]; i--) {
                idx[i] = 0;
            }
        }
        return out;
    }

    private static long[] randomBatch(Random random) {
        long[] batch = new long[random.nextInt(3)];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = 1 + random.nextInt(3);
        }
        return batch;
    }

    private static boolean broadcastable(long[] a, long[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            long u = a[a.length - i];
            long v = b[b.length - i];
            if (u != v && u != 1 && v != 1) {
                return false;
            }
        }
        return true;
    }

    private static long[] concat(long[] batch, long rows, long cols) {
        long[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }

    /** Signed values up to 2^bits in magnitude, about a third of them 0 in half the tensors. */
    private static Nd random(Random random, int bits, long... shape) {
        long[] v = new long[(int) Arrays.stream(shape).reduce(1, (u, w) -> u * w)];
        boolean sparse = random.nextBoolean();
        for (int i = 0; i < v.length; i++) {
            v[i] = sparse && random.nextInt(3) == 0 ? 0 : random.nextInt(2 << bits) - (1 << bits);
        }
        return Nd.ofLongs(DataType.INT64, shape, v);
    }
}
