// Radix-2 NTT over Fr on the GPU (see ntt_body.cuh): one kernel per butterfly stage, twiddles
// ω^t (t < n/2) built on the device from two small host tables and cached per size.
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "../include/ntt_body.cuh"
#include "../include/zkinfer_cuda.h"
#include "cuda_check.cuh"

namespace zk {
namespace {

constexpr unsigned int BLOCK = 256;

__global__ void k_bit_reverse(u64 n, u64* a, int log2n) {
    u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) ntt_bit_reverse_body((u32)i, a, log2n);
}

__global__ void k_butterfly(u64 half, u64* a, const u64* tw, int log2n, int logH) {
    u64 k = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (k < half) ntt_butterfly_body((u32)k, a, tw, log2n, logH);
}

__global__ void k_reverse_tail(u64 n, u64* a) {
    u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x + 1;
    if (i < n / 2) ntt_reverse_tail_body((u32)i, a, n);
}

__global__ void k_scale(u64 n, u64* a, const u64* lo, const u64* hi) {
    u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) ntt_scale_body((u32)i, a, lo, hi);
}

__global__ void k_powers(u64 n, u64* out, const u64* lo, const u64* hi) {
    u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) ntt_powers_body((u32)i, out, lo, hi);
}

/** Device tables lo, hi for first·ratioⁱ, i < count. */
struct PowerTables {
    DeviceBuffer<u64> lo, hi;
    PowerTables(Fr first, Fr ratio, u64 count, cudaStream_t s)
        : lo(4ULL << NTT_LO_BITS, s), hi(4 * ntt_hi_len(count), s) {
        std::vector<u64> hlo(4ULL << NTT_LO_BITS), hhi(4 * ntt_hi_len(count));
        ntt_power_tables(first, ratio, count, hlo.data(), hhi.data());
        ZKC_CHECK(cudaMemcpyAsync(lo.ptr, hlo.data(), hlo.size() * sizeof(u64), cudaMemcpyHostToDevice, s));
        ZKC_CHECK(cudaMemcpyAsync(hi.ptr, hhi.data(), hhi.size() * sizeof(u64), cudaMemcpyHostToDevice, s));
        ZKC_CHECK(cudaStreamSynchronize(s));  // the host vectors go out of scope
    }
};

std::mutex twiddle_mutex;
std::map<int, std::shared_ptr<DeviceBuffer<u64>>> twiddle_cache;

/** ω^t for t < n/2 on the device, built once per size. */
std::shared_ptr<DeviceBuffer<u64>> twiddles(int log2n, cudaStream_t s) {
    std::lock_guard<std::mutex> lock(twiddle_mutex);
    auto it = twiddle_cache.find(log2n);
    if (it != twiddle_cache.end()) return it->second;
    u64 half = 1ULL << (log2n - 1);
    auto tw = std::make_shared<DeviceBuffer<u64>>(4 * half);
    PowerTables t(Fr::one(), fr_root_of_unity(log2n), half, s);
    k_powers<<<blocks_for(half, BLOCK), BLOCK, 0, s>>>(half, tw->ptr, t.lo.ptr, t.hi.ptr);
    ZKC_CHECK_LAUNCH("k_powers");
    ZKC_CHECK(cudaStreamSynchronize(s));
    twiddle_cache[log2n] = tw;
    return tw;
}

void ntt(u64* values, int log2n, bool inverse, const u64* coset_shift, zkc_timing* timing) {
    if (log2n < 0 || log2n > 28) throw CudaFailure{ZKC_ERR_ARGUMENT, "NTT size must be 2^0 .. 2^28"};
    if (timing) *timing = zkc_timing{};
    if (log2n == 0) return;  // a single element is its own transform, plain or coset
    const u64 n = 1ULL << log2n, half = n / 2;
    cudaStream_t s = cudaStreamPerThread;
    Fr shift = coset_shift ? Fr::load(coset_shift) : Fr::one();
    if (coset_shift && shift.is_zero()) throw CudaFailure{ZKC_ERR_ARGUMENT, "coset shift must be non-zero"};
    configure_memory_pool();
    auto tw = twiddles(log2n, s);
    std::unique_ptr<PowerTables> before, after;
    if (coset_shift && !inverse) before.reset(new PowerTables(Fr::one(), shift, n, s));
    if (inverse) after.reset(new PowerTables(fr_inverse_of_power_of_two(log2n), coset_shift ? zk::inverse(shift) : Fr::one(), n, s));

    DeviceBuffer<u64> d_a(4 * n, s);
    ZKC_CHECK(cudaMemcpyAsync(d_a.ptr, values, 4 * n * sizeof(u64), cudaMemcpyHostToDevice, s));
    KernelTimer timer(timing != nullptr);
    timer.mark(0, s);
    if (before) {
        k_scale<<<blocks_for(n, BLOCK), BLOCK, 0, s>>>(n, d_a.ptr, before->lo.ptr, before->hi.ptr);
        ZKC_CHECK_LAUNCH("k_scale");
    }
    k_bit_reverse<<<blocks_for(n, BLOCK), BLOCK, 0, s>>>(n, d_a.ptr, log2n);
    ZKC_CHECK_LAUNCH("k_bit_reverse");
    for (int logH = 0; logH < log2n; logH++) {
        k_butterfly<<<blocks_for(half, BLOCK), BLOCK, 0, s>>>(half, d_a.ptr, tw->ptr, log2n, logH);
        ZKC_CHECK_LAUNCH("k_butterfly");
    }
    if (inverse) {
        if (half > 1) {
            k_reverse_tail<<<blocks_for(half - 1, BLOCK), BLOCK, 0, s>>>(n, d_a.ptr);
            ZKC_CHECK_LAUNCH("k_reverse_tail");
        }
        k_scale<<<blocks_for(n, BLOCK), BLOCK, 0, s>>>(n, d_a.ptr, after->lo.ptr, after->hi.ptr);
        ZKC_CHECK_LAUNCH("k_scale");
    }
    timer.mark(1, s);
    ZKC_CHECK(cudaStreamSynchronize(s));  // kernel errors surface here, before values is touched
    if (timing) timing->kernel_ms = timer.ms(0, 1);
    ZKC_CHECK(cudaMemcpy(values, d_a.ptr, 4 * n * sizeof(u64), cudaMemcpyDeviceToHost));
}

}  // namespace
}  // namespace zk

extern "C" int zkc_ntt(uint64_t* values, int log2n, int inverse, const uint64_t* coset_shift, zkc_timing* timing) {
    if (values == nullptr) {
        zk::set_last_error("zkc_ntt: null array");
        return ZKC_ERR_ARGUMENT;
    }
    return zk::guarded([&] { zk::ntt(values, log2n, inverse != 0, coset_shift, timing); });
}
