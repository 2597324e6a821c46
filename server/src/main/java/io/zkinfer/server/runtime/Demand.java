package io.zkinfer.server.runtime;

import java.util.function.IntSupplier;

/**
 * The node's demand factor for dynamic pricing, in basis points: 1x (10000) while the proof queue is empty, rising in
 * step with the queue's fill to 3x when it is full. A model's pricing applies it only when it turned demand pricing
 * on, and then clamps it to its own bounds; otherwise its calls stay at 1x.
 */
public final class Demand implements IntSupplier {

    /** No extra demand: 1x. */
    public static final int NEUTRAL_BPS = 10_000;
    /** A full proof queue: 3x. */
    public static final int FULL_BPS = 30_000;

    private final IntSupplier queueDepth;
    private final int queueCapacity;

    public Demand(IntSupplier queueDepth, int queueCapacity) {
        this.queueDepth = queueDepth;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public int getAsInt() {
        int depth = Math.min(Math.max(queueDepth.getAsInt(), 0), queueCapacity);
        return NEUTRAL_BPS + (int) ((long) (FULL_BPS - NEUTRAL_BPS) * depth / queueCapacity);
    }
}
