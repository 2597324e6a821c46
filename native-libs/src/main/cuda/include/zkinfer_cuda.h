/*
 * The C face of libzkinfer_cuda: BN254 MSM (G1, G2) and the Fr NTT on the first CUDA device. Every
 * function returns 0 on success or a non-zero code (a cudaError_t, or ZKC_ERR_* below) and leaves a
 * message for zkc_last_error() on the calling thread; nothing here aborts the process.
 * Layouts are the Java KernelBackend's: Montgomery 4-limb little-endian field elements, canonical
 * 4-limb scalars (the caller checks they are below r).
 */
#ifndef ZKINFER_CUDA_H
#define ZKINFER_CUDA_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ZKC_ERR_ARGUMENT 10001 /* a bad argument (size, null pointer) */
#define ZKC_ERR_INTERNAL 10002 /* an unexpected host-side failure (e.g. out of host memory) */

/**
 * Device time of one call, transfers excluded (CUDA events): kernel_ms in all, and for an MSM its phases:
 * [0] digits and the counting sort, [1] bucket sums, [2] segment reduction (the window combination runs
 * on the host and counts in neither).
 */
typedef struct {
    float kernel_ms;
    float phase_ms[3];
} zkc_timing;

/** The message of this thread's last failure ("" if none). */
const char* zkc_last_error(void);

/** Number of CUDA devices; a driver or device error is returned as a code with its message. */
int zkc_device_count(int* count);

/** The name and compute capability of device 0, written to name (NUL-terminated). */
int zkc_device_name(char* name, size_t capacity);

/**
 * Σ sᵢ·Pᵢ on G1. bases: 8 limbs per point (x, y Montgomery, finite points only: the caller drops
 * infinity by zeroing its scalar); scalars: 4 canonical limbs each; out: 12 limbs, Jacobian X, Y, Z
 * in Montgomery form (Z = 0 for infinity). timing may be NULL.
 */
int zkc_msm_g1(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out, zkc_timing* timing);

/**
 * Σ sᵢ·Pᵢ on G2. bases: 16 limbs per point (x.c0, x.c1, y.c0, y.c1, Montgomery, finite points only);
 * scalars as for G1; out: 24 limbs, Jacobian X, Y, Z in Fq2 (c0, c1 each).
 */
int zkc_msm_g2(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out, zkc_timing* timing);

/**
 * In-place NTT of 2^log2n Fr elements (4 Montgomery limbs each) on ⟨ω⟩, ω = Fr's 2^log2n-th root of
 * unity as in the Java EvaluationDomain; inverse includes the n⁻¹ scaling. coset_shift (4 Montgomery
 * limbs, non-zero) or NULL: evaluate on / interpolate from shift·⟨ω⟩. On failure values is unchanged,
 * unless the final device-to-host copy itself failed (the JNI layer works on its own copy, so a Java
 * array is never changed by a failed call).
 */
int zkc_ntt(uint64_t* values, int log2n, int inverse, const uint64_t* coset_shift, zkc_timing* timing);

#ifdef __cplusplus
}
#endif
#endif
