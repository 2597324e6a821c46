// Device discovery and this library's per-thread error message.
#include <cstring>
#include <mutex>
#include <string>

#include "../include/zkinfer_cuda.h"
#include "cuda_check.cuh"

namespace zk {
static thread_local std::string last_error;
void set_last_error(const std::string& message) { last_error = message; }

void configure_memory_pool() {
    static std::once_flag once;
    std::call_once(once, [] {
        int device = 0;
        ZKC_CHECK(cudaGetDevice(&device));
        cudaMemPool_t pool;
        ZKC_CHECK(cudaDeviceGetDefaultMemPool(&pool, device));
        uint64_t keep = 2ULL << 30;
        ZKC_CHECK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &keep));
    });
}
}  // namespace zk

extern "C" const char* zkc_last_error(void) { return zk::last_error.c_str(); }

extern "C" int zkc_device_count(int* count) {
    return zk::guarded([&] {
        *count = 0;
        ZKC_CHECK(cudaGetDeviceCount(count));
    });
}

extern "C" int zkc_device_name(char* name, size_t capacity) {
    return zk::guarded([&] {
        cudaDeviceProp prop;
        ZKC_CHECK(cudaGetDeviceProperties(&prop, 0));
        std::snprintf(name, capacity, "%s (sm_%d%d, %zu MiB)", prop.name, prop.major, prop.minor,
                      (size_t)(prop.totalGlobalMem >> 20));
    });
}
