/*
 * The JNI face of the kernels: the native methods of io.zkinfer.kernels.cpu.NativeKernels. Arrays
 * are copied in and out whole (Get/SetLongArrayRegion), so no JVM lock is held while kernels run and
 * an array is written back only on success: a failing NTT leaves the caller's values unchanged. Every
 * error becomes a Java exception: IllegalArgumentException for the caller's input, and
 * io.zkinfer.kernels.cpu.NativeKernelException for out-of-memory and thread failures.
 */
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zkinfer_native.h"

static void throw_new(JNIEnv *env, const char *cls, const char *message) {
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) {
        (*env)->ThrowNew(env, c, message);
    }
}

static void throw_status(JNIEnv *env, const zk_status *status) {
    const char *cls = status->code == ZK_ERR_ARGUMENT || status->code == ZK_ERR_SCALAR
            ? "java/lang/IllegalArgumentException"
            : "io/zkinfer/kernels/cpu/NativeKernelException";
    throw_new(env, cls, status->message[0] ? status->message : "native kernel failed");
}

static void *allocate(JNIEnv *env, size_t count, size_t size, const char *what) {
    void *p = malloc(size * (count > 0 ? count : 1));
    if (p == NULL) {
        char message[128];
        snprintf(message, sizeof message, "out of memory copying %zu %s into native memory", count, what);
        throw_new(env, "io/zkinfer/kernels/cpu/NativeKernelException", message);
    }
    return p;
}

static uint64_t *copy_in(JNIEnv *env, jlongArray array, jsize offset, jsize length) {
    uint64_t *copy = allocate(env, (size_t) length, sizeof(uint64_t), "limbs");
    if (copy != NULL) {
        (*env)->GetLongArrayRegion(env, array, offset, length, (jlong *) copy);
    }
    return copy;
}

static int32_t *copy_in_ints(JNIEnv *env, jintArray array, jsize length) {
    int32_t *copy = allocate(env, (size_t) length, sizeof(int32_t), "indices");
    if (copy != NULL) {
        (*env)->GetIntArrayRegion(env, array, 0, length, (jint *) copy);
    }
    return copy;
}

JNIEXPORT jstring JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_isa(JNIEnv *env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, zk_isa());
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_forcePortable(JNIEnv *env, jclass cls, jboolean force) {
    (void) env;
    (void) cls;
    zk_force_portable(force == JNI_TRUE);
}

static void msm(JNIEnv *env, jobject bases, jlongArray scalars, jint n, jint threads, jlongArray out, int g2) {
    int base_limbs = g2 ? 16 : 8;
    int out_limbs = g2 ? 24 : 12;
    const uint64_t *b = (*env)->GetDirectBufferAddress(env, bases);
    jlong capacity = (*env)->GetDirectBufferCapacity(env, bases);
    if (b == NULL || capacity < (jlong) n * base_limbs * 8) {
        throw_new(env, "java/lang/IllegalArgumentException", "MSM bases must be a direct buffer of 8 bytes per limb");
        return;
    }
    if ((*env)->GetArrayLength(env, scalars) < 4 * n || (*env)->GetArrayLength(env, out) < out_limbs) {
        throw_new(env, "java/lang/IllegalArgumentException", "MSM scalar or result array too short");
        return;
    }
    uint64_t *s = copy_in(env, scalars, 0, 4 * n);
    if (s == NULL) {
        return;
    }
    uint64_t result[24];
    zk_status status;
    int rc = g2 ? zk_msm_g2(b, s, n, threads, result, &status) : zk_msm_g1(b, s, n, threads, result, &status);
    free(s);
    if (rc != ZK_OK) {
        throw_status(env, &status);
        return;
    }
    (*env)->SetLongArrayRegion(env, out, 0, out_limbs, (const jlong *) result);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_msmG1(JNIEnv *env, jclass cls, jobject bases,
                                                                      jlongArray scalars, jint n, jint threads,
                                                                      jlongArray out) {
    (void) cls;
    msm(env, bases, scalars, n, threads, out, 0);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_msmG2(JNIEnv *env, jclass cls, jobject bases,
                                                                      jlongArray scalars, jint n, jint threads,
                                                                      jlongArray out) {
    (void) cls;
    msm(env, bases, scalars, n, threads, out, 1);
}

JNIEXPORT void JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_ntt(JNIEnv *env, jclass cls, jlongArray values,
                                                                    jint log2n, jlongArray omega, jlongArray n_inv,
                                                                    jlongArray coset, jboolean inverse, jint threads) {
    (void) cls;
    if (log2n < 0 || log2n > 28 || (*env)->GetArrayLength(env, values) != ((jsize) 4 << log2n)) {
        throw_new(env, "java/lang/IllegalArgumentException", "NTT values must hold 4 limbs for each of 2^log2n elements");
        return;
    }
    uint64_t w[4], ninv[4], shift[4];
    (*env)->GetLongArrayRegion(env, omega, 0, 4, (jlong *) w);
    (*env)->GetLongArrayRegion(env, n_inv, 0, 4, (jlong *) ninv);
    if (coset != NULL) {
        (*env)->GetLongArrayRegion(env, coset, 0, 4, (jlong *) shift);
    }
    if ((*env)->ExceptionCheck(env)) {
        return;
    }
    jsize length = (jsize) 4 << log2n;
    uint64_t *a = copy_in(env, values, 0, length);
    if (a == NULL) {
        return;
    }
    zk_status status;
    int rc = zk_ntt(a, log2n, w, ninv, coset != NULL ? shift : NULL, inverse == JNI_TRUE, threads, &status);
    if (rc == ZK_OK) {
        (*env)->SetLongArrayRegion(env, values, 0, length, (const jlong *) a);
    } else {
        throw_status(env, &status);
    }
    free(a);
}

JNIEXPORT jint JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_qapQuotient(
        JNIEnv *env, jclass cls, jintArray matrix, jintArray row, jintArray column, jlongArray values,
        jlongArray witness, jint log2n, jlongArray omega, jlongArray n_inv, jlongArray shift, jlongArray out,
        jint threads) {
    (void) cls;
    jsize entries = (*env)->GetArrayLength(env, matrix);
    jsize limbs = (*env)->GetArrayLength(env, witness);
    if (log2n < 0 || log2n > 27 || (*env)->GetArrayLength(env, row) != entries ||
        (*env)->GetArrayLength(env, column) != entries || (int64_t) (*env)->GetArrayLength(env, values) != (int64_t) 4 * entries ||
        limbs % 4 != 0 || (*env)->GetArrayLength(env, out) != ((jsize) 4 << log2n)) {
        throw_new(env, "java/lang/IllegalArgumentException",
                  "QAP arrays disagree: one row, column and 4 value limbs per entry, 4 limbs per wire, 4 per row out");
        return -1;
    }
    uint64_t w[4], ninv[4], g[4];
    (*env)->GetLongArrayRegion(env, omega, 0, 4, (jlong *) w);
    (*env)->GetLongArrayRegion(env, n_inv, 0, 4, (jlong *) ninv);
    (*env)->GetLongArrayRegion(env, shift, 0, 4, (jlong *) g);
    if ((*env)->ExceptionCheck(env)) {
        return -1;
    }
    jint failing = -1;
    int32_t *m = copy_in_ints(env, matrix, entries);
    int32_t *r = m ? copy_in_ints(env, row, entries) : NULL;
    int32_t *c = r ? copy_in_ints(env, column, entries) : NULL;
    uint64_t *v = c ? copy_in(env, values, 0, 4 * entries) : NULL;
    uint64_t *z = v ? copy_in(env, witness, 0, limbs) : NULL;
    uint64_t *h = z ? allocate(env, (size_t) 4 << log2n, sizeof(uint64_t), "limbs") : NULL;
    if (h != NULL) {
        zk_status status;
        int rc = zk_qap_quotient(m, r, c, v, entries, z, limbs / 4, log2n, w, ninv, g, h, threads, &status);
        if (rc == ZK_OK) {
            (*env)->SetLongArrayRegion(env, out, 0, (jsize) 4 << log2n, (const jlong *) h);
        } else if (rc == ZK_ERR_UNSATISFIED) {
            failing = (jint) status.index;
        } else {
            throw_status(env, &status);
        }
    }
    free(h);
    free(z);
    free(v);
    free(c);
    free(r);
    free(m);
    return failing;
}
