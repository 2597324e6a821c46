// JNI face of libzkinfer_cuda for io.zkinfer.kernels.cuda.CudaKernels: whole arrays in and out,
// every failure thrown as CudaKernelException with the library's message; never aborts the JVM.
// Inputs are copied out of the Java arrays and results copied back only on success, so a failed
// call leaves its arrays unchanged.
#include <jni.h>

#include <cstdio>
#include <new>
#include <vector>

#include "../include/zkinfer_cuda.h"

namespace {

const char* const EXCEPTION = "io/zkinfer/kernels/cuda/CudaKernelException";

void throw_java(JNIEnv* env, const char* what, int code, const char* message) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, "%s: %s (code %d)", what, message, code);
    jclass cls = env->FindClass(EXCEPTION);
    if (cls == nullptr) return;  // NoClassDefFoundError is pending instead
    env->ThrowNew(cls, buf);
}

/** Copies a Java long[] into a vector; false (with a pending exception) on failure. */
bool read_array(JNIEnv* env, jlongArray array, size_t expected, std::vector<uint64_t>& out, const char* what) {
    if (array == nullptr || (size_t)env->GetArrayLength(array) != expected) {
        throw_java(env, what, ZKC_ERR_ARGUMENT, "array is null or has the wrong length");
        return false;
    }
    try {
        out.resize(expected);
    } catch (const std::bad_alloc&) {
        throw_java(env, what, ZKC_ERR_INTERNAL, "out of native memory for the array copy");
        return false;
    }
    env->GetLongArrayRegion(array, 0, (jsize)expected, reinterpret_cast<jlong*>(out.data()));
    return !env->ExceptionCheck();
}

typedef int (*MsmFunction)(const uint64_t*, const uint64_t*, uint64_t, uint64_t*, zkc_timing*);

/** An MSM with `limbs` limbs per affine base and 3·limbs/2 in the Jacobian result. */
void msm(JNIEnv* env, jlongArray bases, jlongArray scalars, jint n, jlongArray out, size_t limbs, const char* what,
         MsmFunction run) {
    if (n < 0) {
        throw_java(env, what, ZKC_ERR_ARGUMENT, "negative point count");
        return;
    }
    const size_t result_limbs = 3 * limbs / 2;
    std::vector<uint64_t> b, s;
    if (!read_array(env, bases, limbs * (size_t)n, b, what)) return;
    if (!read_array(env, scalars, 4 * (size_t)n, s, what)) return;
    if (out == nullptr || (size_t)env->GetArrayLength(out) != result_limbs) {
        throw_java(env, what, ZKC_ERR_ARGUMENT, "the result array has the wrong length");
        return;
    }
    uint64_t r[24];
    int rc = run(b.data(), s.data(), (uint64_t)n, r, nullptr);
    if (rc != 0) {
        throw_java(env, what, rc, zkc_last_error());
        return;
    }
    env->SetLongArrayRegion(out, 0, (jsize)result_limbs, reinterpret_cast<const jlong*>(r));
}

}  // namespace

extern "C" {

JNIEXPORT jint JNICALL Java_io_zkinfer_kernels_cuda_CudaKernels_deviceCount(JNIEnv* env, jclass) {
    int count = 0;
    int rc = zkc_device_count(&count);
    if (rc != 0) {
        throw_java(env, "CUDA device probe", rc, zkc_last_error());
        return 0;
    }
    return count;
}

JNIEXPORT jstring JNICALL Java_io_zkinfer_kernels_cuda_CudaKernels_deviceName(JNIEnv* env, jclass) {
    char name[256] = {0};
    int rc = zkc_device_name(name, sizeof name);
    if (rc != 0) {
        throw_java(env, "CUDA device query", rc, zkc_last_error());
        return nullptr;
    }
    return env->NewStringUTF(name);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cuda_CudaKernels_msmG1(JNIEnv* env, jclass, jlongArray bases,
                                                                     jlongArray scalars, jint n, jlongArray out) {
    msm(env, bases, scalars, n, out, 8, "CUDA MSM G1", zkc_msm_g1);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cuda_CudaKernels_msmG2(JNIEnv* env, jclass, jlongArray bases,
                                                                     jlongArray scalars, jint n, jlongArray out) {
    msm(env, bases, scalars, n, out, 16, "CUDA MSM G2", zkc_msm_g2);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cuda_CudaKernels_ntt(JNIEnv* env, jclass, jlongArray values,
                                                                   jint log2n, jboolean inverse, jlongArray shift) {
    if (log2n < 0 || log2n > 28) {
        throw_java(env, "CUDA NTT", ZKC_ERR_ARGUMENT, "log2 size must be 0 .. 28");
        return;
    }
    std::vector<uint64_t> v, sh;
    if (!read_array(env, values, 4 * ((size_t)1 << log2n), v, "CUDA NTT values")) return;
    if (shift != nullptr && !read_array(env, shift, 4, sh, "CUDA NTT coset shift")) return;
    int rc = zkc_ntt(v.data(), log2n, inverse ? 1 : 0, shift != nullptr ? sh.data() : nullptr, nullptr);
    if (rc != 0) {
        throw_java(env, "CUDA NTT", rc, zkc_last_error());
        return;
    }
    env->SetLongArrayRegion(values, 0, (jsize)v.size(), reinterpret_cast<const jlong*>(v.data()));
}

}  // extern "C"
