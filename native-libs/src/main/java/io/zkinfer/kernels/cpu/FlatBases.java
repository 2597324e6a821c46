package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * MSM bases flattened once into off-heap memory in the kernels' layout (Montgomery limbs, native order,
 * all zero for infinity) and cached per array: the prover passes the same proving-key arrays to every
 * proof, and flattening 2^20 points costs more than copying scalars. An entry lives as long as its array
 * (weak keys, identity equality) and is reused only while the array still holds the very same point
 * objects (checked by identity, one comparison per element), so a refilled array is flattened again.
 */
final class FlatBases {
    private static final int MAX_ENTRIES = 16;

    private static final class Entry {
        final Object[] snapshot;
        final ByteBuffer buffer;

        Entry(Object[] snapshot, ByteBuffer buffer) {
            this.snapshot = snapshot;
            this.buffer = buffer;
        }
    }

    private final Map<Object[], Entry> cache = new WeakHashMap<>();

    /** The direct buffer holding {@code bases} as 8 limbs per point. */
    ByteBuffer g1(G1Affine[] bases) {
        Entry e = lookup(bases);
        if (e != null) {
            return e.buffer;
        }
        ByteBuffer buffer = allocate(bases.length, 8);
        LongBuffer out = buffer.asLongBuffer();
        long[] limbs = new long[8];
        for (G1Affine p : bases) {
            if (p.isInfinity()) {
                java.util.Arrays.fill(limbs, 0);
            } else {
                p.x().toMontgomeryLimbs(limbs, 0);
                p.y().toMontgomeryLimbs(limbs, 4);
            }
            out.put(limbs);
        }
        return store(bases, buffer);
    }

    /** The direct buffer holding {@code bases} as 16 limbs per point (x.c0, x.c1, y.c0, y.c1). */
    ByteBuffer g2(G2Affine[] bases) {
        Entry e = lookup(bases);
        if (e != null) {
            return e.buffer;
        }
        ByteBuffer buffer = allocate(bases.length, 16);
        LongBuffer out = buffer.asLongBuffer();
        long[] limbs = new long[16];
        for (G2Affine p : bases) {
            if (p.isInfinity()) {
                java.util.Arrays.fill(limbs, 0);
            } else {
                p.x().c0().toMontgomeryLimbs(limbs, 0);
                p.x().c1().toMontgomeryLimbs(limbs, 4);
                p.y().c0().toMontgomeryLimbs(limbs, 8);
                p.y().c1().toMontgomeryLimbs(limbs, 12);
            }
            out.put(limbs);
        }
        return store(bases, buffer);
    }

    private static ByteBuffer allocate(int points, int limbsPerPoint) {
        return ByteBuffer.allocateDirect(Math.max(1, Math.multiplyExact(points, limbsPerPoint * 8)))
                .order(ByteOrder.nativeOrder());
    }

    private synchronized Entry lookup(Object[] bases) {
        Entry e = cache.get(bases);
        if (e == null || e.snapshot.length != bases.length) {
            return null;
        }
        for (int i = 0; i < bases.length; i++) {
            if (e.snapshot[i] != bases[i]) {
                return null;
            }
        }
        return e;
    }

    private synchronized ByteBuffer store(Object[] bases, ByteBuffer buffer) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(bases, new Entry(bases.clone(), buffer));
        return buffer;
    }
}
