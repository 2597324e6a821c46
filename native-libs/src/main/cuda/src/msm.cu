// G1 and G2 MSM on the GPU by the bucket method (see msm_body.cuh for the plan): digits → counting sort
// of (bucket, base) pairs (atomic histogram, CUB exclusive scan, atomic scatter) → one thread per
// bucket → one thread per reduction segment → windows combined on the host.
#include <cub/device/device_scan.cuh>

#include <vector>

#include "../include/msm_body.cuh"
#include "../include/zkinfer_cuda.h"
#include "cuda_check.cuh"

namespace zk {
namespace {

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

template <class J>
__global__ void k_buckets(u64 nb, const u64* bases, const u32* sorted, const u32* offset, const u32* count,
                          u64* buckets) {
    u64 b = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (b < nb) msm_bucket_body<J>((u32)b, bases, sorted, offset, count, buckets);
}

template <class J>
__global__ void k_segments(u64 total, MsmPlan plan, const u64* buckets, u64* out) {
    u64 t = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t < total) msm_segment_body<J>((u32)t, plan, buckets, out);
}

/** Σ sᵢ·Pᵢ for the Jacobian point type J (G1Jac, G2Jac); bases are J::AffinePoint::LIMBS limbs each. */
template <class J>
void msm(const u64* bases, const u64* scalars, u64 n, u64* out, zkc_timing* timing) {
    constexpr int AL = J::AffinePoint::LIMBS, JL = J::LIMBS;
    if (n == 0) {
        store_jac(J::infinity(), out);
        return;
    }
    if (n > (1ULL << 31) - 1) throw CudaFailure{ZKC_ERR_ARGUMENT, "MSM of more than 2^31 − 1 points"};
    MsmPlan plan = msm_plan(n);
    const u64 slots = (u64)plan.windows * n;
    const u64 nb = (u64)plan.windows * plan.buckets;
    const u64 nseg = (u64)plan.windows * plan.segments;
    if (slots > 0xFFFFFFF0ULL) throw CudaFailure{ZKC_ERR_ARGUMENT, "MSM too large for 32-bit bucket offsets"};
    cudaStream_t s = cudaStreamPerThread;

    DeviceBuffer<u64> d_bases(AL * n), d_scalars(4 * n), d_buckets(JL * nb), d_segs(JL * nseg);
    DeviceBuffer<u32> d_keys(slots), d_vals(slots), d_sorted(slots), d_count(nb), d_offset(nb), d_cursor(nb);
    size_t scan_bytes = 0;
    ZKC_CHECK(cub::DeviceScan::ExclusiveSum(nullptr, scan_bytes, d_count.ptr, d_offset.ptr, (int)nb, s));
    DeviceBuffer<unsigned char> d_scan(scan_bytes);

    ZKC_CHECK(cudaMemcpyAsync(d_bases.ptr, bases, AL * n * sizeof(u64), cudaMemcpyHostToDevice, s));
    ZKC_CHECK(cudaMemcpyAsync(d_scalars.ptr, scalars, 4 * n * sizeof(u64), cudaMemcpyHostToDevice, s));
    KernelTimer timer(timing != nullptr);
    timer.begin(s);
    ZKC_CHECK(cudaMemsetAsync(d_count.ptr, 0, nb * sizeof(u32), s));
    k_digits<<<blocks_for(n, BLOCK), BLOCK, 0, s>>>(n, d_scalars.ptr, plan, d_keys.ptr, d_vals.ptr);
    ZKC_CHECK_LAUNCH("k_digits");
    k_histogram<<<blocks_for(slots, BLOCK), BLOCK, 0, s>>>(slots, d_keys.ptr, d_count.ptr);
    ZKC_CHECK_LAUNCH("k_histogram");
    ZKC_CHECK(cub::DeviceScan::ExclusiveSum(d_scan.ptr, scan_bytes, d_count.ptr, d_offset.ptr, (int)nb, s));
    ZKC_CHECK(cudaMemcpyAsync(d_cursor.ptr, d_offset.ptr, nb * sizeof(u32), cudaMemcpyDeviceToDevice, s));
    k_scatter<<<blocks_for(slots, BLOCK), BLOCK, 0, s>>>(slots, d_keys.ptr, d_vals.ptr, d_cursor.ptr, d_sorted.ptr);
    ZKC_CHECK_LAUNCH("k_scatter");
    k_buckets<J><<<blocks_for(nb, 128), 128, 0, s>>>(nb, d_bases.ptr, d_sorted.ptr, d_offset.ptr, d_count.ptr,
                                                  d_buckets.ptr);
    ZKC_CHECK_LAUNCH("k_buckets");
    k_segments<J><<<blocks_for(nseg, 64), 64, 0, s>>>(nseg, plan, d_buckets.ptr, d_segs.ptr);
    ZKC_CHECK_LAUNCH("k_segments");
    timer.end(s);
    std::vector<u64> segs(JL * nseg);
    ZKC_CHECK(cudaMemcpyAsync(segs.data(), d_segs.ptr, segs.size() * sizeof(u64), cudaMemcpyDeviceToHost, s));
    ZKC_CHECK(cudaStreamSynchronize(s));
    if (timing) timing->kernel_ms = timer.ms();
    store_jac(msm_combine<J>(plan, segs.data()), out);
}

}  // namespace
}  // namespace zk

extern "C" int zkc_msm_g1(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out,
                          zkc_timing* timing) {
    if ((n > 0 && (bases == nullptr || scalars == nullptr)) || out == nullptr) {
        zk::set_last_error("zkc_msm_g1: null array");
        return ZKC_ERR_ARGUMENT;
    }
    return zk::guarded([&] { zk::msm<zk::G1Jac>(bases, scalars, n, out, timing); });
}

extern "C" int zkc_msm_g2(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out,
                          zkc_timing* timing) {
    if ((n > 0 && (bases == nullptr || scalars == nullptr)) || out == nullptr) {
        zk::set_last_error("zkc_msm_g2: null array");
        return ZKC_ERR_ARGUMENT;
    }
    return zk::guarded([&] { zk::msm<zk::G2Jac>(bases, scalars, n, out, timing); });
}
