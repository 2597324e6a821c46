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

/**
 * Device memory freed on scope exit. With a stream, it comes from the stream-ordered pool
 * (cudaMallocAsync), which makes the per-call buffers of a kernel cheap to take again; without, it is a
 * plain cudaMalloc for long-lived tables.
 */
template <class T>
struct DeviceBuffer {
    T* ptr = nullptr;
    cudaStream_t stream = nullptr;
    bool pooled = false;
    explicit DeviceBuffer(size_t count) {
        if (count > 0) ZKC_CHECK(cudaMalloc((void**)&ptr, count * sizeof(T)));
    }
    DeviceBuffer(size_t count, cudaStream_t s) : stream(s), pooled(true) {
        if (count > 0) ZKC_CHECK(cudaMallocAsync((void**)&ptr, count * sizeof(T), s));
    }
    ~DeviceBuffer() {
        if (ptr && pooled) {
            cudaFreeAsync(ptr, stream);
        } else if (ptr) {
            cudaFree(ptr);
        }
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

/** CUDA events at the phase boundaries of one call (marks 0 .. MARKS − 1), when timing is asked for. */
struct KernelTimer {
    static constexpr int MARKS = 4;
    cudaEvent_t ev[MARKS] = {};
    bool on;
    explicit KernelTimer(bool enabled) : on(enabled) {
        if (on)
            for (auto& e : ev) ZKC_CHECK(cudaEventCreate(&e));
    }
    ~KernelTimer() {
        for (auto& e : ev)
            if (e) cudaEventDestroy(e);
    }
    void mark(int i, cudaStream_t s) {
        if (on) ZKC_CHECK(cudaEventRecord(ev[i], s));
    }
    /** Milliseconds between marks a and b (after the stream reached b). */
    float ms(int a, int b) {
        float t = 0;
        if (on) {
            ZKC_CHECK(cudaEventSynchronize(ev[b]));
            ZKC_CHECK(cudaEventElapsedTime(&t, ev[a], ev[b]));
        }
        return t;
    }
};

/** This thread's last error message. */
void set_last_error(const std::string& message);

/**
 * Lets the stream-ordered pool of device 0 keep up to 2 GiB between calls (instead of returning it to
 * the driver at every synchronisation), so that repeated kernels do not pay for fresh allocations.
 */
void configure_memory_pool();

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
