// The steps of the bucket-method MSM (Pippenger) with signed c-bit digits, one function per GPU
// thread's work. The CUDA kernels (msm.cu) call them with their thread index; the host tests call
// them in a loop, so every step is checked on a machine without a GPU.
//
// Plan: a scalar above (r−1)/2 is folded to r − s with the base negated (s·P = (r−s)·(−P)), so
// scalars have at most 253 bits. Window w's digit d ∈ [−2^(c−1), 2^(c−1)] goes to bucket |d| − 1
// of that window (sign kept beside the base index); buckets are summed, each window's buckets are
// reduced in segments (Σ j·B_j by running sums), and the windows are combined by Horner's rule.
//
// Buckets are summed in chunks of at most `chunk` entries, one thread per chunk, and the chunk sums of
// a bucket again in chunks, level after level, until each bucket has one sum: witness-like scalars
// (mostly 0, 1, −1) put most bases in one bucket, and one thread per bucket would serialise them.
#pragma once
#include "curve.cuh"

namespace zk {

/** Marks an empty digit slot. */
static constexpr u32 MSM_EMPTY = 0xFFFFFFFFu;
/** Set in a bucket entry when the base enters negated. */
static constexpr u32 MSM_NEGATE = 0x80000000u;

struct MsmPlan {
    int c;            // window bits
    int windows;      // ⌈254 / c⌉: enough for 253-bit folded scalars plus the last carry
    u32 buckets;      // buckets per window, 2^(c−1)
    u32 segments;     // reduction segments per window
    u32 segment_len;  // buckets per segment
    u32 chunk;        // bucket entries (or partial sums) one thread adds
};

inline MsmPlan msm_plan(uint64_t n) {
    int lg = 0;
    while (lg < 63 && (1ULL << (lg + 1)) <= n) lg++;
    int c = lg - 4;
    if (c < 4) c = 4;
    if (c > 16) c = 16;
    MsmPlan p;
    p.c = c;
    p.windows = (254 + c - 1) / c;
    p.buckets = 1u << (c - 1);
    p.segments = p.buckets < 256 ? p.buckets : 256;
    p.segment_len = p.buckets / p.segments;
    p.chunk = 32;
    return p;
}

/** Whether the canonical scalar s exceeds (r − 1)/2. */
ZK_HD bool msm_above_half(const u64 s[4]) {
    const u64 h[4] = {(FrParams::P0 >> 1) | (FrParams::P1 << 63), (FrParams::P1 >> 1) | (FrParams::P2 << 63),
                      (FrParams::P2 >> 1) | (FrParams::P3 << 63), FrParams::P3 >> 1};
    for (int j = 3; j >= 0; j--) {
        if (s[j] != h[j]) return s[j] > h[j];
    }
    return false;
}

/** `width` (≤ 32) bits of s starting at bit `offset` (bits past 255 read as 0). */
ZK_HD u32 msm_bits(const u64 s[4], int offset, int width) {
    int limb = offset >> 6, shift = offset & 63;
    if (limb >= 4) return 0;
    u64 v = s[limb] >> shift;
    if (shift + width > 64 && limb + 1 < 4) v |= s[limb + 1] << (64 - shift);
    return (u32)(v & ((1ULL << width) - 1));
}

/**
 * Scalar i's signed digits: writes keys[w·n + i] (bucket w·buckets + |d| − 1, or MSM_EMPTY) and
 * vals[w·n + i] (i, with MSM_NEGATE when the base enters negated).
 */
ZK_HD void msm_digits_body(u32 i, u64 n, const u64* scalars, MsmPlan plan, u32* keys, u32* vals) {
    u64 s[4] = {scalars[4 * (u64)i], scalars[4 * (u64)i + 1], scalars[4 * (u64)i + 2], scalars[4 * (u64)i + 3]};
    bool zero = (s[0] | s[1] | s[2] | s[3]) == 0;
    u32 fold = 0;
    if (!zero && msm_above_half(s)) {
        const u64 r[4] = {FrParams::P0, FrParams::P1, FrParams::P2, FrParams::P3};
        u64 borrow = 0;
        for (int j = 0; j < 4; j++) s[j] = subb(r[j], s[j], borrow);
        fold = MSM_NEGATE;
    }
    u32 carry = 0;
    for (int w = 0; w < plan.windows; w++) {
        u64 slot = (u64)w * n + i;
        u32 d = zero ? 0 : msm_bits(s, w * plan.c, plan.c) + carry;
        u32 sign = 0;
        if (d > plan.buckets) {  // d − 2^c < 0: a negative digit, carry one into the next window
            d = (1u << plan.c) - d;
            sign = MSM_NEGATE;
            carry = 1;
        } else {
            carry = 0;
        }
        if (d == 0) {
            keys[slot] = MSM_EMPTY;
            vals[slot] = 0;
        } else {
            keys[slot] = (u32)w * plan.buckets + d - 1;
            vals[slot] = i | (sign ^ fold);
        }
    }
}

/** ⌈count[b] / chunk⌉ for b < nb, and 0 at index nb (so that an exclusive scan ends with the total). */
ZK_HD void msm_chunk_count_body(u32 b, u32 nb, const u32* count, u32 chunk, u32* chunks) {
    chunks[b] = b < nb ? (count[b] + chunk - 1) / chunk : 0;
}

/** The bucket whose chunks [first[b], first[b + 1]) contain chunk c (first: exclusive scan, nb + 1 entries). */
ZK_HD u32 msm_bucket_of_chunk(u32 c, const u32* first, u32 nb) {
    u32 lo = 0, hi = nb;  // the last b with first[b] ≤ c: empty buckets share their successor's first chunk
    while (hi - lo > 1) {
        u32 mid = lo + (hi - lo) / 2;
        if (first[mid] <= c) lo = mid;
        else hi = mid;
    }
    return lo;
}

/**
 * Level 0, chunk c: the sum of up to `chunk` bases of one bucket, from sorted[offset[b] + k·chunk ...),
 * each negated as flagged; J is the Jacobian point type (G1Jac, G2Jac).
 */
template <class J>
ZK_HD void msm_chunk_bases_body(u32 c, u32 nb, const u32* first, const u32* offset, const u32* count,
                                const u32* sorted, const u64* bases, u32 chunk, u64* out) {
    u32 b = msm_bucket_of_chunk(c, first, nb);
    u32 start = offset[b] + (c - first[b]) * chunk;
    u32 end = offset[b] + count[b];
    if (end > start + chunk) end = start + chunk;
    J acc = J::infinity();
    for (u32 e = start; e < end; e++) {
        u32 v = sorted[e];
        typename J::AffinePoint p = load_affine<J>(bases + J::AffinePoint::LIMBS * (u64)(v & ~MSM_NEGATE));
        if (v & MSM_NEGATE) p.y = neg(p.y);
        acc = point_add_affine(acc, p);
    }
    store_jac(acc, out + J::LIMBS * (u64)c);
}

/** Level ≥ 1, chunk c: the sum of up to `chunk` partial sums of one bucket from the previous level. */
template <class J>
ZK_HD void msm_chunk_sums_body(u32 c, u32 nb, const u32* first, const u32* prev_first, const u32* prev_chunks,
                               const u64* prev, u32 chunk, u64* out) {
    u32 b = msm_bucket_of_chunk(c, first, nb);
    u32 start = prev_first[b] + (c - first[b]) * chunk;
    u32 end = prev_first[b] + prev_chunks[b];
    if (end > start + chunk) end = start + chunk;
    J acc = J::infinity();
    for (u32 e = start; e < end; e++) acc = point_add(acc, load_jac<J>(prev + J::LIMBS * (u64)e));
    store_jac(acc, out + J::LIMBS * (u64)c);
}

/** Bucket b's sum once every bucket has at most one chunk left. */
template <class J>
ZK_HD void msm_bucket_final_body(u32 b, const u32* first, const u32* chunks, const u64* sums, u64* buckets) {
    J v = chunks[b] == 0 ? J::infinity() : load_jac<J>(sums + J::LIMBS * (u64)first[b]);
    store_jac(v, buckets + J::LIMBS * (u64)b);
}

/**
 * Segment t = w·segments + s of window w: Σ j·B_j over the segment's bucket values j ∈ [lo, lo + len),
 * by running sums from the top: R = Σ B_j, T = Σ (j − lo + 1)·B_j, result T + (lo − 1)·R.
 */
template <class J>
ZK_HD void msm_segment_body(u32 t, MsmPlan plan, const u64* buckets, u64* out) {
    u32 w = t / plan.segments, s = t % plan.segments;
    u32 lo = 1 + s * plan.segment_len;  // bucket value j is stored at index j − 1
    J running = J::infinity(), total = J::infinity();
    for (u32 j = lo + plan.segment_len - 1; j >= lo; j--) {
        running = point_add(running, load_jac<J>(buckets + J::LIMBS * ((u64)w * plan.buckets + j - 1)));
        total = point_add(total, running);
    }
    total = point_add(total, point_mul_u32(running, lo - 1));
    store_jac(total, out + J::LIMBS * (u64)t);
}

/** The MSM from the segment sums (windows × segments Jacobian points): per-window sums, then Horner. */
template <class J>
inline J msm_combine(MsmPlan plan, const u64* segment_sums) {
    J acc = J::infinity();
    for (int w = plan.windows - 1; w >= 0; w--) {
        for (int k = 0; k < plan.c; k++) acc = point_dbl(acc);
        for (u32 s = 0; s < plan.segments; s++) {
            acc = point_add(acc, load_jac<J>(segment_sums + J::LIMBS * ((u64)w * plan.segments + s)));
        }
    }
    return acc;
}

}  // namespace zk
