package io.zkinfer.prover;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Many scalar multiples k₁·P, k₂·P, … of one fixed point P (the generators, at setup): a table of
 * d·2^{8w}·P for every byte position w and byte value d, so each product is at most 32 mixed additions.
 * Runs in parallel over the scalars and normalises all results with one batch inversion. The optional
 * {@code chunkDone} hears, from the worker threads, how many scalars each finished chunk held.
 */
final class FixedBaseMul {

    private static final int WINDOW = 8;
    private static final int WINDOWS = 32; // 256 bits / 8
    private static final int CHUNK = 1024;

    private FixedBaseMul() {
    }

    static G1Affine[] g1(G1Affine base, Fr[] scalars) {
        return g1(base, scalars, n -> {
        });
    }

    static G1Affine[] g1(G1Affine base, Fr[] scalars, IntConsumer chunkDone) {
        G1Affine[][] table = tableG1(base);
        long[] k = canonical(scalars);
        G1Point[] out = new G1Point[scalars.length];
        IntStream.range(0, (scalars.length + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            int end = Math.min(scalars.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                G1Point acc = G1Point.INFINITY;
                for (int w = 0; w < WINDOWS; w++) {
                    int d = digit(k, i, w);
                    if (d != 0) {
                        acc = acc.addAffine(table[w][d]);
                    }
                }
                out[i] = acc;
            }
            chunkDone.accept(end - chunk * CHUNK);
        });
        return G1Point.batchToAffine(out);
    }

    static G2Affine[] g2(G2Affine base, Fr[] scalars) {
        return g2(base, scalars, n -> {
        });
    }

    static G2Affine[] g2(G2Affine base, Fr[] scalars, IntConsumer chunkDone) {
        G2Affine[][] table = tableG2(base);
        long[] k = canonical(scalars);
        G2Point[] out = new G2Point[scalars.length];
        IntStream.range(0, (scalars.length + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            int end = Math.min(scalars.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                G2Point acc = G2Point.INFINITY;
                for (int w = 0; w < WINDOWS; w++) {
                    int d = digit(k, i, w);
                    if (d != 0) {
                        acc = acc.addAffine(table[w][d]);
                    }
                }
                out[i] = acc;
            }
            chunkDone.accept(end - chunk * CHUNK);
        });
        return G2Point.batchToAffine(out);
    }

    private static G1Affine[][] tableG1(G1Affine base) {
        G1Point[] flat = new G1Point[WINDOWS << WINDOW];
        G1Point windowBase = base.toJacobian();
        for (int w = 0; w < WINDOWS; w++) {
            G1Point acc = G1Point.INFINITY;
            for (int d = 0; d < (1 << WINDOW); d++) {
                flat[(w << WINDOW) + d] = acc;
                acc = acc.add(windowBase);
            }
            windowBase = acc; // 256·(2^{8w}·P)
        }
        G1Affine[] affine = G1Point.batchToAffine(flat);
        G1Affine[][] table = new G1Affine[WINDOWS][];
        for (int w = 0; w < WINDOWS; w++) {
            table[w] = java.util.Arrays.copyOfRange(affine, w << WINDOW, (w + 1) << WINDOW);
        }
        return table;
    }

    private static G2Affine[][] tableG2(G2Affine base) {
        G2Point[] flat = new G2Point[WINDOWS << WINDOW];
        G2Point windowBase = base.toJacobian();
        for (int w = 0; w < WINDOWS; w++) {
            G2Point acc = G2Point.INFINITY;
            for (int d = 0; d < (1 << WINDOW); d++) {
                flat[(w << WINDOW) + d] = acc;
                acc = acc.add(windowBase);
            }
            windowBase = acc;
        }
        G2Affine[] affine = G2Point.batchToAffine(flat);
        G2Affine[][] table = new G2Affine[WINDOWS][];
        for (int w = 0; w < WINDOWS; w++) {
            table[w] = java.util.Arrays.copyOfRange(affine, w << WINDOW, (w + 1) << WINDOW);
        }
        return table;
    }

    /** Scalars as canonical little-endian limbs, 4 per scalar. */
    static long[] canonical(Fr[] scalars) {
        long[] k = new long[4 * scalars.length];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i].toMontgomeryLimbs(k, 4 * i);
            FrArithmetic.fromMontgomery(k, 4 * i, k, 4 * i);
        }
        return k;
    }

    private static int digit(long[] k, int i, int w) {
        return (int) (k[4 * i + (w >>> 3)] >>> ((w & 7) << 3)) & 0xFF;
    }
}
