/*
 * The JNI face of the kernels: the native methods of io.zkinfer.kernels.cpu.NativeKernels. Arrays
 * are copied in and out (Get/SetLongArrayRegion; the QAP step's entries in batches), so no JVM lock is
 * held while kernels run and an array is written back only on success: a failing NTT leaves the
 * caller's values unchanged. Every
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

static uint64_t *copy_in(JNIEnv *env, jlongArray array, jsize offset, jsize length) {
    uint64_t *copy = malloc(sizeof(uint64_t) * (size_t) (length > 0 ? length : 1));
    if (copy == NULL) {
        char message[128];
        snprintf(message, sizeof message, "out of memory copying %d limbs into native memory", (int) length);
        throw_new(env, "io/zkinfer/kernels/cpu/NativeKernelException", message);
        return NULL;
    }
    (*env)->GetLongArrayRegion(env, array, offset, length, (jlong *) copy);
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

/* Copies entries [from, from + count) in and adds them into the sums; ZK_OK, or the status is filled / thrown. */
static int qap_add_batch(JNIEnv *env, jintArray matrix, jintArray row, jintArray column, jlongArray values,
                         jsize from, jsize count, const uint64_t *z, int64_t wires, int log2n, uint64_t *sums[3],
                         int threads, zk_status *status) {
    int32_t *m = malloc(sizeof(int32_t) * (size_t) count);
    int32_t *r = malloc(sizeof(int32_t) * (size_t) count);
    int32_t *c = malloc(sizeof(int32_t) * (size_t) count);
    uint64_t *v = malloc(sizeof(uint64_t) * 4 * (size_t) count);
    int rc = ZK_ERR_NOMEM;
    if (m && r && c && v) {
        (*env)->GetIntArrayRegion(env, matrix, from, count, (jint *) m);
        (*env)->GetIntArrayRegion(env, row, from, count, (jint *) r);
        (*env)->GetIntArrayRegion(env, column, from, count, (jint *) c);
        (*env)->GetLongArrayRegion(env, values, 4 * from, 4 * count, (jlong *) v);
        rc = zk_qap_sums(m, r, c, v, count, z, wires, log2n, sums[0], sums[1], sums[2], threads, status);
        if (rc != ZK_OK) {
            status->index += from;
            throw_status(env, status);
        }
    } else {
        throw_new(env, "io/zkinfer/kernels/cpu/NativeKernelException", "out of memory copying a batch of QAP entries");
    }
    free(v);
    free(c);
    free(r);
    free(m);
    return rc;
}

JNIEXPORT jint JNICALL Java_io_zkinfer_kernels_cpu_NativeKernels_qapQuotient(
        JNIEnv *env, jclass cls, jintArray matrix, jintArray row, jintArray column, jlongArray values,
        jboolean has_c, jlongArray witness, jint log2n, jlongArray omega, jlongArray n_inv, jlongArray shift,
        jlongArray out, jint batch, jint threads) {
    (void) cls;
    jsize entries = (*env)->GetArrayLength(env, matrix);
    jsize limbs = (*env)->GetArrayLength(env, witness);
    if (log2n < 0 || log2n > 27 || batch < 1 || (*env)->GetArrayLength(env, row) != entries ||
        (*env)->GetArrayLength(env, column) != entries ||
        (int64_t) (*env)->GetArrayLength(env, values) != (int64_t) 4 * entries || limbs % 4 != 0 ||
        (*env)->GetArrayLength(env, out) != ((jsize) 4 << log2n)) {
        throw_new(env, "java/lang/IllegalArgumentException",
                  "QAP arrays disagree (one row, column and 4 value limbs per entry, 4 limbs per wire, 4 per row out)"
                  " or the batch is empty");
        return -1;
    }
    uint64_t w[4], ninv[4], g[4];
    (*env)->GetLongArrayRegion(env, omega, 0, 4, (jlong *) w);
    (*env)->GetLongArrayRegion(env, n_inv, 0, 4, (jlong *) ninv);
    (*env)->GetLongArrayRegion(env, shift, 0, 4, (jlong *) g);
    if ((*env)->ExceptionCheck(env)) {
        return -1;
    }
    size_t n = (size_t) 1 << log2n;
    uint64_t *sums[3] = {calloc(n, 32), calloc(n, 32), calloc(n, 32)};
    uint64_t *z = copy_in(env, witness, 0, limbs);
    jint failing = -1;
    if (!sums[0] || !sums[1] || !sums[2]) {
        if (z != NULL) {
            throw_new(env, "io/zkinfer/kernels/cpu/NativeKernelException", "out of memory for the QAP step's buffers");
        }
    } else if (z != NULL) {
        zk_status status;
        int rc = ZK_OK;
        for (jsize from = 0; rc == ZK_OK && from < entries; from += batch) {
            jsize count = entries - from < batch ? entries - from : batch;
            rc = qap_add_batch(env, matrix, row, column, values, from, count, z, limbs / 4, log2n, sums, threads,
                               &status);
        }
        free(z);
        z = NULL;
        if (rc == ZK_OK) {
            rc = zk_qap_finish(sums[0], sums[1], sums[2], has_c == JNI_TRUE, log2n, w, ninv, g, threads, &status);
            if (rc == ZK_OK) {
                (*env)->SetLongArrayRegion(env, out, 0, (jsize) 4 << log2n, (const jlong *) sums[0]);
            } else if (rc == ZK_ERR_UNSATISFIED) {
                failing = (jint) status.index;
            } else {
                throw_status(env, &status);
            }
        }
    }
    free(z);
    free(sums[0]);
    free(sums[1]);
    free(sums[2]);
    return failing;
}
