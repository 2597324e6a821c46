package io.zkinfer.algebra.msm;

/**
 * The buckets of one Pippenger window kept in affine form and filled by batch-affine additions.
 *
 * <p>Additions into distinct buckets are collected into a batch and done together by
 * {@link JacobianKernel#batchAddAffine} (one inversion per batch). A term whose bucket already waits
 * in the batch is queued and retried after the next flush; when the queue is full, and when the
 * term's x equals its bucket's (P + P or P − P, which the affine formula cannot do), it goes to a
 * Jacobian overflow bucket instead. The window's value Σ b·B_b is then formed by running sums.
 * One instance per worker and window; not thread-safe.
 */
final class AffineBuckets {
    private final JacobianKernel k;
    private final int e;
    private final int affineLimbs;
    private final int pointLimbs;
    private final int bucketCount;
    private final long[] bases;
    private final long[] buckets;
    private final boolean[] filled;
    private final int[] epoch;
    private int current = 1;
    private int top = -1;
    private long[] overflow;

    private final int[] bo;
    private final int[] po;
    private final boolean[] neg;
    private int count;

    private final int[] queueBase;
    private final int[] queueDigit;
    private int queued;
    private final int[] retryBase;
    private final int[] retryDigit;

    AffineBuckets(JacobianKernel k, long[] bases, int bucketCount, int batchSize) {
        this.k = k;
        this.e = k.elementLimbs();
        this.affineLimbs = 2 * e;
        this.pointLimbs = 3 * e;
        this.bucketCount = bucketCount;
        this.bases = bases;
        this.buckets = new long[bucketCount * affineLimbs];
        this.filled = new boolean[bucketCount];
        this.epoch = new int[bucketCount];
        this.bo = new int[batchSize];
        this.po = new int[batchSize];
        this.neg = new boolean[batchSize];
        this.queueBase = new int[batchSize];
        this.queueDigit = new int[batchSize];
        this.retryBase = new int[batchSize];
        this.retryDigit = new int[batchSize];
    }

    /** Bucket |d| += sign(d)·P, P the affine base at long offset q of the bases array; d ≠ 0. */
    void add(int q, int d) {
        place(q, d);
        if (count == bo.length) {
            flush();
            retryQueued();
        }
    }

    private void place(int q, int d) {
        int b = d > 0 ? d - 1 : -d - 1;
        int bOff = b * affineLimbs;
        if (!filled[b]) {
            k.copyAffine(bases, q, buckets, bOff, d < 0);
            filled[b] = true;
            top = Math.max(top, b);
        } else if (epoch[b] == current) {
            if (queued < queueBase.length) {
                queueBase[queued] = q;
                queueDigit[queued++] = d;
            } else {
                addToOverflow(b, q, d);
            }
        } else if (sameX(bOff, q)) {
            addToOverflow(b, q, d);
        } else {
            epoch[b] = current;
            bo[count] = bOff;
            po[count] = q;
            neg[count++] = d < 0;
        }
    }

    private void addToOverflow(int b, int q, int d) {
        if (overflow == null) {
            overflow = new long[bucketCount * pointLimbs]; // zero: every bucket at infinity
        }
        k.addAffine(overflow, b * pointLimbs, bases, q, d < 0);
    }

    private boolean sameX(int bOff, int q) {
        for (int i = 0; i < e; i++) {
            if (buckets[bOff + i] != bases[q + i]) {
                return false;
            }
        }
        return true;
    }

    private void flush() {
        k.batchAddAffine(buckets, bo, bases, po, neg, count);
        count = 0;
        current++;
    }

    /** Places the queued terms once more; those that collide again stay queued for the next flush. */
    private void retryQueued() {
        int n = queued;
        System.arraycopy(queueBase, 0, retryBase, 0, n);
        System.arraycopy(queueDigit, 0, retryDigit, 0, n);
        queued = 0;
        for (int i = 0; i < n; i++) {
            place(retryBase[i], retryDigit[i]);
            if (count == bo.length) {
                flush();
            }
        }
    }

    private void completePending() {
        while (count > 0 || queued > 0) {
            flush();
            retryQueued();
        }
    }

    /** Completes all pending additions and returns Σ_b B_b (every bucket with weight one). */
    long[] plainSum() {
        completePending();
        long[] acc = new long[pointLimbs];
        for (int b = top; b >= 0; b--) {
            if (filled[b]) {
                k.addAffine(acc, 0, buckets, b * affineLimbs, false);
            }
            if (overflow != null) {
                k.add(acc, 0, overflow, b * pointLimbs);
            }
        }
        return acc;
    }

    /** Completes all pending additions and returns Σ_b (b + 1)·B_b as a Jacobian point. */
    long[] sum() {
        completePending();
        long[] running = new long[pointLimbs];
        long[] acc = new long[pointLimbs];
        for (int b = top; b >= 0; b--) {
            if (filled[b]) {
                k.addAffine(running, 0, buckets, b * affineLimbs, false);
            }
            if (overflow != null) {
                k.add(running, 0, overflow, b * pointLimbs);
            }
            k.add(acc, 0, running, 0);
        }
        return acc;
    }
}
