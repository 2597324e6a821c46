// The steps of the radix-2 NTT over Fr, one function per GPU thread's work, called by the CUDA
// kernels (ntt.cu) and, in a loop, by the host tests. The transform is the Java Ntt's: iterative
// Cooley–Tukey decimation in time (bit reversal, then log₂n butterfly stages with twiddles
// tw[t] = ω^t, t < n/2); the inverse permutes the result (a[i] ↔ a[n − i]) and scales by n⁻¹;
// the coset forms scale by gⁱ before, or by n⁻¹·g⁻ⁱ after.
#pragma once
#include "field.cuh"

namespace zk {

/** Powers are built from two small tables: x^i = lo[i mod 2^NTT_LO_BITS] · hi[i >> NTT_LO_BITS]. */
static constexpr int NTT_LO_BITS = 10;

ZK_HD void ntt_bit_reverse_body(u32 i, u64* a, int log2n) {
    u32 r = bit_reverse(i, log2n);
    if (i < r) {
        for (int l = 0; l < 4; l++) {
            u64 t = a[4 * (u64)i + l];
            a[4 * (u64)i + l] = a[4 * (u64)r + l];
            a[4 * (u64)r + l] = t;
        }
    }
}

/** Butterfly k ∈ [0, n/2) of the stage with half-size 2^logH. */
ZK_HD void ntt_butterfly_body(u32 k, u64* a, const u64* tw, int log2n, int logH) {
    u32 h = 1u << logH;
    u32 j = k & (h - 1);
    u64 i = ((u64)(k >> logH) << (logH + 1)) + j;
    u64 t = (u64)j << (log2n - 1 - logH);
    Fr x = Fr::load(a + 4 * i);
    Fr y = Fr::load(a + 4 * (i + h));
    if (t != 0) y = mul(y, Fr::load(tw + 4 * t));
    add(x, y).store(a + 4 * i);
    sub(x, y).store(a + 4 * (i + h));
}

/** a[i] ↔ a[n − i] for i ∈ [1, n/2): the forward transform becomes the unscaled inverse. */
ZK_HD void ntt_reverse_tail_body(u32 i, u64* a, u64 n) {
    u64 x = 4 * (u64)i, y = 4 * (n - i);
    for (int l = 0; l < 4; l++) {
        u64 t = a[x + l];
        a[x + l] = a[y + l];
        a[y + l] = t;
    }
}

/** a[i] ← a[i] · lo[i mod 2^NTT_LO_BITS] · hi[i >> NTT_LO_BITS]. */
ZK_HD void ntt_scale_body(u32 i, u64* a, const u64* lo, const u64* hi) {
    u32 m = i & ((1u << NTT_LO_BITS) - 1), q = i >> NTT_LO_BITS;
    Fr f = mul(Fr::load(lo + 4 * (u64)m), Fr::load(hi + 4 * (u64)q));
    mul(Fr::load(a + 4 * (u64)i), f).store(a + 4 * (u64)i);
}

/** out[i] ← lo[i mod 2^NTT_LO_BITS] · hi[i >> NTT_LO_BITS]. */
ZK_HD void ntt_powers_body(u32 i, u64* out, const u64* lo, const u64* hi) {
    u32 m = i & ((1u << NTT_LO_BITS) - 1), q = i >> NTT_LO_BITS;
    mul(Fr::load(lo + 4 * (u64)m), Fr::load(hi + 4 * (u64)q)).store(out + 4 * (u64)i);
}

/** Number of hi-table entries for `count` powers. */
inline u64 ntt_hi_len(u64 count) { return (count + (1u << NTT_LO_BITS) - 1) >> NTT_LO_BITS; }

/**
 * Host-side tables for first·ratioⁱ, i < count: lo (2^NTT_LO_BITS elements) and hi
 * (ntt_hi_len(count) elements), 4 Montgomery limbs each.
 */
inline void ntt_power_tables(Fr first, Fr ratio, u64 count, u64* lo, u64* hi) {
    const u64 L = 1u << NTT_LO_BITS;
    Fr x = Fr::one();
    for (u64 j = 0; j < L; j++) {
        x.store(lo + 4 * j);
        x = mul(x, ratio);
    }
    Fr step = x;  // ratio^L
    Fr y = first;
    for (u64 k = 0; k < ntt_hi_len(count); k++) {
        y.store(hi + 4 * k);
        y = mul(y, step);
    }
}

/** n⁻¹ in Fr for n = 2^log2n: (2⁻¹)^log2n, 2⁻¹ = (r + 1)/2. */
inline Fr fr_inverse_of_power_of_two(int log2n) {
    Fr half = to_montgomery(Fr::raw((FrParams::P0 >> 1) | (FrParams::P1 << 63), (FrParams::P1 >> 1) | (FrParams::P2 << 63),
                                    (FrParams::P2 >> 1) | (FrParams::P3 << 63), FrParams::P3 >> 1));
    // (r − 1)/2 + 1 = (r + 1)/2
    half = add(half, Fr::one());
    Fr r = Fr::one();
    for (int i = 0; i < log2n; i++) r = mul(r, half);
    return r;
}

}  // namespace zk
