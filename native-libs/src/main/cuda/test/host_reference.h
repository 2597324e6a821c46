// The MSM and NTT pipelines of msm.cu and ntt.cu run on the CPU: every kernel body called in a loop
// over its thread indices, with a counting sort in place of the device one. Used by the host tests
// and, as the CPU reference, by the GPU benchmark.
#pragma once
#include <vector>

#include "msm_body.cuh"
#include "ntt_body.cuh"

namespace zk {

/** The Montgomery form of a canonical big-endian hex string. */
inline Fq fq_hex(const char* hex) {
    u64 l[4] = {0, 0, 0, 0};
    int len = 0;
    while (hex[len]) len++;
    for (int i = 0; i < len; i++) {
        char ch = hex[len - 1 - i];
        u64 v = ch <= '9' ? ch - '0' : ch - 'a' + 10;
        l[i / 16] |= v << (4 * (i % 16));
    }
    return to_montgomery(Fq::raw(l[0], l[1], l[2], l[3]));
}

inline G2Affine g2_hex(const char* x0, const char* x1, const char* y0, const char* y1) {
    return G2Affine{Fq2{fq_hex(x0), fq_hex(x1)}, Fq2{fq_hex(y0), fq_hex(y1)}};
}

/** G1's generator (1, 2). */
inline G1Jac g1_generator() { return G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()}; }

/** G2's generator, as in EIP-197 and the Java G2Affine.GENERATOR. */
inline G2Jac g2_generator() {
    return G2Jac::from_affine(g2_hex("1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed",
                                     "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2",
                                     "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
                                     "90689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"));
}

template <class J>
J generator();
template <>
inline G1Jac generator<G1Jac>() { return g1_generator(); }
template <>
inline G2Jac generator<G2Jac>() { return g2_generator(); }

/** The MSM pipeline of msm.cu with each kernel run as a loop, and a counting sort in place of the device one. */
/** The exclusive prefix sums of v (same length). */
inline std::vector<u32> exclusive_scan(const std::vector<u32>& v) {
    std::vector<u32> out(v.size());
    u32 acc = 0;
    for (size_t i = 0; i < v.size(); i++) {
        out[i] = acc;
        acc += v[i];
    }
    return out;
}

/** chunk = 0 keeps the plan's chunk size; a small one forces several levels of chunk sums. */
template <class J>
inline J msm_emulated(const std::vector<u64>& bases, const std::vector<u64>& scalars, u64 n, u32 chunk = 0) {
    if (n == 0) return J::infinity();
    MsmPlan plan = msm_plan(n);
    if (chunk != 0) plan.chunk = chunk;
    const u64 slots = (u64)plan.windows * n;
    const u32 nb = plan.windows * plan.buckets;
    std::vector<u32> keys(slots), vals(slots), count(nb + 1, 0), sorted(slots);
    for (u32 i = 0; i < n; i++) msm_digits_body(i, n, scalars.data(), plan, keys.data(), vals.data());
    for (u64 e = 0; e < slots; e++)
        if (keys[e] != MSM_EMPTY) count[keys[e]]++;
    std::vector<u32> offset = exclusive_scan(count);
    std::vector<u32> cursor(offset);
    for (u64 e = 0; e < slots; e++)
        if (keys[e] != MSM_EMPTY) sorted[cursor[keys[e]]++] = vals[e];
    // level 0: chunks of bases
    std::vector<u32> chunks(nb + 1);
    for (u32 b = 0; b <= nb; b++) msm_chunk_count_body(b, nb, count.data(), plan.chunk, chunks.data());
    std::vector<u32> first = exclusive_scan(chunks);
    u32 max_chunks = 0;
    for (u32 b = 0; b < nb; b++) max_chunks = chunks[b] > max_chunks ? chunks[b] : max_chunks;
    std::vector<u64> sums((u64)J::LIMBS * first[nb]);
    for (u32 c = 0; c < first[nb]; c++)
        msm_chunk_bases_body<J>(c, nb, first.data(), offset.data(), count.data(), sorted.data(), bases.data(),
                                plan.chunk, sums.data());
    // levels ≥ 1: chunks of chunk sums
    while (max_chunks > 1) {
        std::vector<u32> next(nb + 1);
        for (u32 b = 0; b <= nb; b++) msm_chunk_count_body(b, nb, chunks.data(), plan.chunk, next.data());
        std::vector<u32> next_first = exclusive_scan(next);
        std::vector<u64> next_sums((u64)J::LIMBS * next_first[nb]);
        for (u32 c = 0; c < next_first[nb]; c++)
            msm_chunk_sums_body<J>(c, nb, next_first.data(), first.data(), chunks.data(), sums.data(), plan.chunk,
                                   next_sums.data());
        chunks.swap(next);
        first.swap(next_first);
        sums.swap(next_sums);
        max_chunks = (max_chunks + plan.chunk - 1) / plan.chunk;
    }
    std::vector<u64> buckets((u64)J::LIMBS * nb), segs((u64)J::LIMBS * plan.windows * plan.segments);
    for (u32 b = 0; b < nb; b++) msm_bucket_final_body<J>(b, first.data(), chunks.data(), sums.data(), buckets.data());
    for (u64 t = 0; t < (u64)plan.windows * plan.segments; t++)
        msm_segment_body<J>((u32)t, plan, buckets.data(), segs.data());
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
