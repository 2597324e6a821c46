// CUDA error handling for the library's host code: every runtime call goes through ZKC_CHECK, which
// throws CudaFailure (code, "what failed: cudaGetErrorString"); the C entry points catch it, store
// the message for zkc_last_error() and return the code.
#pragma once
#include <cuda_runtime.h>

#include <cstdio>
#include <string>

// The source file of a failure, without its directory.
#ifdef __FILE_NAME__
#define ZKC_FILE __FILE_NAME__
#else
#define ZKC_FILE __FILE__
#endif

namespace zk {

struct CudaFailure {
    int code;
    std::string message;
};

[[noreturn]] inline void cuda_fail(cudaError_t e, const char* what, const char* file, int line) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s failed: %s (%s, CUDA error %d at %s:%d)", what, cudaGetErrorString(e),
                  cudaGetErrorName(e), (int)e, file, line);
    (void)cudaGetLastError();  // clear a non-sticky error so that later calls can succeed
    throw CudaFailure{(int)e, buf};
}

#define ZKC_CHECK(call)                                                    \
    do {                                                                   \
        cudaError_t zkc_e = (call);                                        \
        if (zkc_e != cudaSuccess) zk::cuda_fail(zkc_e, #call, ZKC_FILE, __LINE__); \
    } while (0)

/** Checks the launch just made (configuration errors) without synchronising. */
#define ZKC_CHECK_LAUNCH(name)                                                   \
    do {                                                                         \
        cudaError_t zkc_e = cudaPeekAtLastError();                               \
        if (zkc_e != cudaSuccess) zk::cuda_fail(zkc_e, "launch of " name, ZKC_FILE, __LINE__); \
    } while (0)

/** Device memory freed on scope exit. */
template <class T>
struct DeviceBuffer {
    T* ptr = nullptr;
    explicit DeviceBuffer(size_t count) {
        if (count > 0) ZKC_CHECK(cudaMalloc((void**)&ptr, count * sizeof(T)));
    }
    ~DeviceBuffer() {
        if (ptr) cudaFree(ptr);
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

/** A CUDA event pair around the kernels of one call. */
struct KernelTimer {
    cudaEvent_t start = nullptr, stop = nullptr;
    explicit KernelTimer(bool on) {
        if (on) {
            ZKC_CHECK(cudaEventCreate(&start));
            ZKC_CHECK(cudaEventCreate(&stop));
        }
    }
    ~KernelTimer() {
        if (start) cudaEventDestroy(start);
        if (stop) cudaEventDestroy(stop);
    }
    void begin(cudaStream_t s) {
        if (start) ZKC_CHECK(cudaEventRecord(start, s));
    }
    void end(cudaStream_t s) {
        if (stop) ZKC_CHECK(cudaEventRecord(stop, s));
    }
    float ms() {
        float t = 0;
        if (start) {
            ZKC_CHECK(cudaEventSynchronize(stop));
            ZKC_CHECK(cudaEventElapsedTime(&t, start, stop));
        }
        return t;
    }
};

/** This thread's last error message. */
void set_last_error(const std::string& message);

/** Runs body, mapping CudaFailure and host exceptions to a code and the last-error message. */
template <class F>
int guarded(F body) {
    try {
        set_last_error("");
        body();
        return 0;
    } catch (const CudaFailure& f) {
        set_last_error(f.message);
        return f.code == 0 ? 10002 : f.code;
    } catch (const std::bad_alloc&) {
        set_last_error("out of host memory");
        return 10002;
    } catch (...) {
        set_last_error("unexpected host-side exception in libzkinfer_cuda");
        return 10002;
    }
}

inline unsigned int blocks_for(unsigned long long threads, unsigned int per_block) {
    return (unsigned int)((threads + per_block - 1) / per_block);
}

}  // namespace zk
