// The MSM and NTT pipelines of msm.cu and ntt.cu run on the CPU: every kernel body called in a loop
// over its thread indices, with a counting sort in place of the device one. Used by the host tests
// and, as the CPU reference, by the GPU benchmark.
#pragma once
#include <vector>

#include "msm_body.cuh"
#include "ntt_body.cuh"

namespace zk {

/** The MSM pipeline of msm.cu with each kernel run as a loop, and a counting sort in place of the device one. */
template <class J>
inline J msm_emulated(const std::vector<u64>& bases, const std::vector<u64>& scalars, u64 n) {
    if (n == 0) return J::infinity();
    MsmPlan plan = msm_plan(n);
    u64 slots = (u64)plan.windows * n, nb = (u64)plan.windows * plan.buckets;
    std::vector<u32> keys(slots), vals(slots), count(nb, 0), offset(nb), sorted(slots);
    for (u32 i = 0; i < n; i++) msm_digits_body(i, n, scalars.data(), plan, keys.data(), vals.data());
    for (u64 e = 0; e < slots; e++)
        if (keys[e] != MSM_EMPTY) count[keys[e]]++;
    u32 acc = 0;
    for (u64 b = 0; b < nb; b++) {
        offset[b] = acc;
        acc += count[b];
    }
    std::vector<u32> cursor(offset);
    for (u64 e = 0; e < slots; e++)
        if (keys[e] != MSM_EMPTY) sorted[cursor[keys[e]]++] = vals[e];
    std::vector<u64> buckets(J::LIMBS * nb), segs(J::LIMBS * (u64)plan.windows * plan.segments);
    for (u64 b = 0; b < nb; b++)
        msm_bucket_body<J>((u32)b, bases.data(), sorted.data(), offset.data(), count.data(), buckets.data());
    for (u64 t = 0; t < (u64)plan.windows * plan.segments; t++) msm_segment_body<J>((u32)t, plan, buckets.data(), segs.data());
    return msm_combine<J>(plan, segs.data());
}

/** The NTT pipeline of ntt.cu, each kernel run as a loop. shift null: plain transform. */
inline void ntt_emulated(std::vector<u64>& a, int log2n, bool inverse, const Fr* shift) {
    u64 n = 1ULL << log2n;
    if (n == 1) return;
    Fr w = fr_root_of_unity(log2n);
    std::vector<u64> lo(4ULL << NTT_LO_BITS), hi(4 * ntt_hi_len(n)), tw(4 * (n / 2));
    ntt_power_tables(Fr::one(), w, n / 2, lo.data(), hi.data());
    for (u32 i = 0; i < n / 2; i++) ntt_powers_body(i, tw.data(), lo.data(), hi.data());
    if (shift && !inverse) {
        ntt_power_tables(Fr::one(), *shift, n, lo.data(), hi.data());
        for (u32 i = 0; i < n; i++) ntt_scale_body(i, a.data(), lo.data(), hi.data());
    }
    for (u32 i = 0; i < n; i++) ntt_bit_reverse_body(i, a.data(), log2n);
    for (int logH = 0; logH < log2n; logH++)
        for (u32 k = 0; k < n / 2; k++) ntt_butterfly_body(k, a.data(), tw.data(), log2n, logH);
    if (inverse) {
        for (u32 i = 1; i < n / 2; i++) ntt_reverse_tail_body(i, a.data(), n);
        Fr ratio = shift ? zk::inverse(*shift) : Fr::one();
        ntt_power_tables(fr_inverse_of_power_of_two(log2n), ratio, n, lo.data(), hi.data());
        for (u32 i = 0; i < n; i++) ntt_scale_body(i, a.data(), lo.data(), hi.data());
    }
}

}  // namespace zk
