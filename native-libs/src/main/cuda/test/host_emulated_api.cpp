// The C API of zkinfer_cuda.h on the CPU (host_reference.h), so that the benchmark executable's
// reference values and parity checks can run, small, on a machine without a GPU.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../include/zkinfer_cuda.h"
#include "host_reference.h"

using namespace zk;

extern "C" const char* zkc_last_error(void) { return ""; }

extern "C" int zkc_device_count(int* count) {
    *count = 1;
    return 0;
}

extern "C" int zkc_device_name(char* name, size_t capacity) {
    std::snprintf(name, capacity, "host emulation of the kernels (no GPU)");
    return 0;
}

extern "C" int zkc_msm_g1(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out,
                          zkc_timing* timing) {
    std::vector<u64> b(bases, bases + 8 * n), s(scalars, scalars + 4 * n);
    g1_store_jac(msm_emulated<G1Jac>(b, s, n), out);
    if (timing) *timing = zkc_timing{};
    return 0;
}

extern "C" int zkc_msm_g2(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out,
                          zkc_timing* timing) {
    std::vector<u64> b(bases, bases + 16 * n), s(scalars, scalars + 4 * n);
    store_jac(msm_emulated<G2Jac>(b, s, n), out);
    if (timing) *timing = zkc_timing{};
    return 0;
}

extern "C" int zkc_ntt(uint64_t* values, int log2n, int inverse, const uint64_t* coset_shift, zkc_timing* timing) {
    std::vector<u64> a(values, values + (4ULL << log2n));
    Fr shift = coset_shift ? Fr::load(coset_shift) : Fr::one();
    ntt_emulated(a, log2n, inverse != 0, coset_shift ? &shift : nullptr);
    std::memcpy(values, a.data(), a.size() * sizeof(u64));
    if (timing) *timing = zkc_timing{};
    return 0;
}
