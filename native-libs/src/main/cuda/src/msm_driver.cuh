// The MSM driver and kernels, templated on the point type; msm_g1.cu and msm_g2.cu instantiate them
// (two translation units, so that they compile in parallel). G1 and G2 MSM on the GPU by the bucket method (see msm_body.cuh for the plan): digits → counting
// sort of (bucket, base) pairs (atomic histogram, CUB exclusive scan, atomic scatter) → bucket sums in
// chunks, level by level, one thread per chunk → one thread per reduction segment → windows combined
// on the host.
#pragma once
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_scan.cuh>

#include <memory>
#include <vector>

#include "../include/msm_body.cuh"
#include "../include/zkinfer_cuda.h"
#include "cuda_check.cuh"

namespace zk {
namespace {  // each translation unit has its own copy of the kernels it instantiates

constexpr unsigned int BLOCK = 256;

__global__ void k_digits(u64 n, const u64* scalars, MsmPlan plan, u32* keys, u32* vals) {
    u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) msm_digits_body((u32)i, n, scalars, plan, keys, vals);
}

__global__ void k_histogram(u64 slots, const u32* keys, u32* count) {
    u64 e = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (e < slots) {
        u32 k = keys[e];
        if (k != MSM_EMPTY) atomicAdd(&count[k], 1u);
    }
}

__global__ void k_scatter(u64 slots, const u32* keys, const u32* vals, u32* cursor, u32* sorted) {
    u64 e = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (e < slots) {
        u32 k = keys[e];
        if (k != MSM_EMPTY) sorted[atomicAdd(&cursor[k], 1u)] = vals[e];
    }
}

__global__ void k_chunk_count(u32 nb, const u32* count, u32 chunk, u32* chunks) {
    u64 b = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (b <= nb) msm_chunk_count_body((u32)b, nb, count, chunk, chunks);
}

template <class J>
__global__ void k_chunk_bases(u32 total, u32 nb, const u32* first, const u32* offset, const u32* count,
                              const u32* sorted, const u64* bases, u32 chunk, u64* out) {
    u64 c = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (c < total) msm_chunk_bases_body<J>((u32)c, nb, first, offset, count, sorted, bases, chunk, out);
}

template <class J>
__global__ void k_chunk_sums(u32 total, u32 nb, const u32* first, const u32* prev_first, const u32* prev_chunks,
                             const u64* prev, u32 chunk, u64* out) {
    u64 c = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (c < total) msm_chunk_sums_body<J>((u32)c, nb, first, prev_first, prev_chunks, prev, chunk, out);
}

template <class J>
__global__ void k_bucket_final(u32 nb, const u32* first, const u32* chunks, const u64* sums, u64* buckets) {
    u64 b = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (b < nb) msm_bucket_final_body<J>((u32)b, first, chunks, sums, buckets);
}

template <class J>
__global__ void k_segments(u64 total, MsmPlan plan, const u64* buckets, u64* out) {
    u64 t = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t < total) msm_segment_body<J>((u32)t, plan, buckets, out);
}

/** The exclusive scan of n counts into out, with device scratch from the pool. */
void exclusive_scan(const u32* in, u32* out, u32 n, cudaStream_t s) {
    size_t bytes = 0;
    ZKC_CHECK(cub::DeviceScan::ExclusiveSum(nullptr, bytes, in, out, (int)n, s));
    DeviceBuffer<unsigned char> scratch(bytes, s);
    ZKC_CHECK(cub::DeviceScan::ExclusiveSum(scratch.ptr, bytes, in, out, (int)n, s));
}

/** Copies one u32 from the device (synchronising the stream). */
u32 read_u32(const u32* p, cudaStream_t s) {
    u32 v = 0;
    ZKC_CHECK(cudaMemcpyAsync(&v, p, sizeof v, cudaMemcpyDeviceToHost, s));
    ZKC_CHECK(cudaStreamSynchronize(s));
    return v;
}

/** One level of chunk sums: per-bucket chunk counts, their first chunk, and the sums. */
struct ChunkLevel {
    DeviceBuffer<u32> chunks, first;
    std::unique_ptr<DeviceBuffer<u64>> sums;
    u32 total = 0;
    ChunkLevel(u32 nb, cudaStream_t s) : chunks(nb + 1, s), first(nb + 1, s) {}
};

/** Σ sᵢ·Pᵢ for the Jacobian point type J (G1Jac, G2Jac); bases are J::AffinePoint::LIMBS limbs each. */
template <class J>
void msm(const u64* bases, const u64* scalars, u64 n, u64* out, zkc_timing* timing) {
    constexpr int AL = J::AffinePoint::LIMBS, JL = J::LIMBS;
    if (timing) *timing = zkc_timing{};
    if (n == 0) {
        store_jac(J::infinity(), out);
        return;
    }
    if (n > (1ULL << 31) - 1) throw CudaFailure{ZKC_ERR_ARGUMENT, "MSM of more than 2^31 − 1 points"};
    configure_memory_pool();
    const MsmPlan plan = msm_plan(n);
    const u64 slots = (u64)plan.windows * n;
    const u32 nb = plan.windows * plan.buckets;
    const u64 nseg = (u64)plan.windows * plan.segments;
    if (slots > 0xFFFFFFF0ULL) throw CudaFailure{ZKC_ERR_ARGUMENT, "MSM too large for 32-bit bucket offsets"};
    cudaStream_t s = cudaStreamPerThread;

    DeviceBuffer<u64> d_bases(AL * n, s), d_scalars(4 * n, s);
    ZKC_CHECK(cudaMemcpyAsync(d_bases.ptr, bases, AL * n * sizeof(u64), cudaMemcpyHostToDevice, s));
    ZKC_CHECK(cudaMemcpyAsync(d_scalars.ptr, scalars, 4 * n * sizeof(u64), cudaMemcpyHostToDevice, s));
    KernelTimer timer(timing != nullptr);
    timer.mark(0, s);

    // digits and the counting sort
    DeviceBuffer<u32> d_keys(slots, s), d_vals(slots, s), d_sorted(slots, s), d_count(nb + 1, s), d_offset(nb + 1, s);
    ZKC_CHECK(cudaMemsetAsync(d_count.ptr, 0, (nb + 1) * sizeof(u32), s));
    k_digits<<<blocks_for(n, BLOCK), BLOCK, 0, s>>>(n, d_scalars.ptr, plan, d_keys.ptr, d_vals.ptr);
    ZKC_CHECK_LAUNCH("k_digits");
    k_histogram<<<blocks_for(slots, BLOCK), BLOCK, 0, s>>>(slots, d_keys.ptr, d_count.ptr);
    ZKC_CHECK_LAUNCH("k_histogram");
    exclusive_scan(d_count.ptr, d_offset.ptr, nb + 1, s);
    {
        DeviceBuffer<u32> d_cursor(nb, s);
        ZKC_CHECK(cudaMemcpyAsync(d_cursor.ptr, d_offset.ptr, nb * sizeof(u32), cudaMemcpyDeviceToDevice, s));
        k_scatter<<<blocks_for(slots, BLOCK), BLOCK, 0, s>>>(slots, d_keys.ptr, d_vals.ptr, d_cursor.ptr,
                                                             d_sorted.ptr);
        ZKC_CHECK_LAUNCH("k_scatter");
    }
    u32 max_count = 0;
    {
        DeviceBuffer<u32> d_max(1, s);
        size_t bytes = 0;
        ZKC_CHECK(cub::DeviceReduce::Max(nullptr, bytes, d_count.ptr, d_max.ptr, (int)nb, s));
        DeviceBuffer<unsigned char> scratch(bytes, s);
        ZKC_CHECK(cub::DeviceReduce::Max(scratch.ptr, bytes, d_count.ptr, d_max.ptr, (int)nb, s));
        max_count = read_u32(d_max.ptr, s);
    }
    timer.mark(1, s);

    // bucket sums: level 0 adds bases, later levels add the previous level's chunk sums
    std::unique_ptr<ChunkLevel> level(new ChunkLevel(nb, s));
    k_chunk_count<<<blocks_for((u64)nb + 1, BLOCK), BLOCK, 0, s>>>(nb, d_count.ptr, plan.chunk, level->chunks.ptr);
    ZKC_CHECK_LAUNCH("k_chunk_count");
    exclusive_scan(level->chunks.ptr, level->first.ptr, nb + 1, s);
    level->total = read_u32(level->first.ptr + nb, s);
    level->sums.reset(new DeviceBuffer<u64>((u64)JL * level->total, s));
    k_chunk_bases<J><<<blocks_for(level->total, 128), 128, 0, s>>>(level->total, nb, level->first.ptr, d_offset.ptr,
                                                                   d_count.ptr, d_sorted.ptr, d_bases.ptr,
                                                                   plan.chunk, level->sums->ptr);
    ZKC_CHECK_LAUNCH("k_chunk_bases");
    for (u32 m = (max_count + plan.chunk - 1) / plan.chunk; m > 1; m = (m + plan.chunk - 1) / plan.chunk) {
        std::unique_ptr<ChunkLevel> next(new ChunkLevel(nb, s));
        k_chunk_count<<<blocks_for((u64)nb + 1, BLOCK), BLOCK, 0, s>>>(nb, level->chunks.ptr, plan.chunk,
                                                                       next->chunks.ptr);
        ZKC_CHECK_LAUNCH("k_chunk_count");
        exclusive_scan(next->chunks.ptr, next->first.ptr, nb + 1, s);
        next->total = read_u32(next->first.ptr + nb, s);
        next->sums.reset(new DeviceBuffer<u64>((u64)JL * next->total, s));
        k_chunk_sums<J><<<blocks_for(next->total, 128), 128, 0, s>>>(next->total, nb, next->first.ptr,
                                                                     level->first.ptr, level->chunks.ptr,
                                                                     level->sums->ptr, plan.chunk, next->sums->ptr);
        ZKC_CHECK_LAUNCH("k_chunk_sums");
        level = std::move(next);
    }
    DeviceBuffer<u64> d_buckets((u64)JL * nb, s), d_segs((u64)JL * nseg, s);
    k_bucket_final<J><<<blocks_for(nb, BLOCK), BLOCK, 0, s>>>(nb, level->first.ptr, level->chunks.ptr,
                                                              level->sums->ptr, d_buckets.ptr);
    ZKC_CHECK_LAUNCH("k_bucket_final");
    timer.mark(2, s);

    k_segments<J><<<blocks_for(nseg, 64), 64, 0, s>>>(nseg, plan, d_buckets.ptr, d_segs.ptr);
    ZKC_CHECK_LAUNCH("k_segments");
    timer.mark(3, s);
    std::vector<u64> segs((u64)JL * nseg);
    ZKC_CHECK(cudaMemcpyAsync(segs.data(), d_segs.ptr, segs.size() * sizeof(u64), cudaMemcpyDeviceToHost, s));
    ZKC_CHECK(cudaStreamSynchronize(s));
    if (timing) {
        timing->kernel_ms = timer.ms(0, 3);
        for (int p = 0; p < 3; p++) timing->phase_ms[p] = timer.ms(p, p + 1);
    }
    store_jac(msm_combine<J>(plan, segs.data()), out);
}

}  // namespace
}  // namespace zk
