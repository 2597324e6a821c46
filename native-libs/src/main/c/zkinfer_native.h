/*
 * zkinfer native CPU kernels: the C face the JNI bridge calls.
 *
 * Layouts (all little-endian 64-bit limbs):
 *   Fq, Fr elements  4 limbs, Montgomery form (x * 2^256 mod m), fully reduced.
 *   G1 affine base   8 limbs: x, y.               All-zero encodes the point at infinity.
 *   G2 affine base  16 limbs: x.c0, x.c1, y.c0, y.c1 (Fq2 = Fq[u]/(u^2 + 1)).
 *   MSM scalars      4 limbs each, canonical integers (not Montgomery), checked < r.
 *   MSM result       Jacobian X, Y, Z (12 limbs G1, 24 limbs G2); Z = 0 is infinity.
 *
 * Every entry point returns ZK_OK or an error code and fills a zk_status; none aborts or exits.
 */
#ifndef ZKINFER_NATIVE_H
#define ZKINFER_NATIVE_H

#include <stddef.h>
#include <stdint.h>

enum {
    ZK_OK = 0,
    ZK_ERR_ARGUMENT = 1, /* the caller's input is invalid (message says which) */
    ZK_ERR_SCALAR = 2,   /* a scalar is >= r; status.index names it */
    ZK_ERR_NOMEM = 3,    /* malloc failed */
    ZK_ERR_THREAD = 4,   /* pthread_create failed */
    ZK_ERR_UNSATISFIED = 5 /* the witness does not satisfy a QAP row; status.index names it */
};

typedef struct {
    int code;
    int64_t index;
    char message[256];
} zk_status;

/* Which arithmetic the kernels use: "bmi2-adx" or "portable". */
const char *zk_isa(void);

/* Forces the portable path (non-zero) or restores run-time detection (zero); for tests. */
void zk_force_portable(int force);

int zk_msm_g1(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads,
              uint64_t out[12], zk_status *status);

int zk_msm_g2(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads,
              uint64_t out[24], zk_status *status);

/*
 * In-place radix-2 NTT of 2^log2n Fr elements. omega: the primitive 2^log2n-th root of unity;
 * n_inv: 1/n; coset: NULL, or the coset shift (forward) / its inverse (inverse transform).
 */
int zk_ntt(uint64_t *values, int log2n, const uint64_t omega[4], const uint64_t n_inv[4],
           const uint64_t *coset, int inverse, int threads, zk_status *status);

/*
 * The Groth16 quotient step on the domain of n = 2^log2n rows (log2n <= 27), in two calls over three buffers of
 * n Fr elements a, b, c that the caller zeroes first.
 *
 * zk_qap_sums adds a batch of entries (matrix 0 = A, 1 = B, 2 = C; row < n; column < wires; value an Fr
 * element) times the witness (wires Fr elements) into a (A z), b (B z) and c (C z); call it once per batch.
 *
 * zk_qap_finish then leaves in a the n canonical scalars (a*b - c)(g w^j), c taken as a*b, g = shift = w_2n;
 * omega, n_inv: the domain's generator and 1/n. With check set (C entries were summed), a row where a*b != C z
 * fails with ZK_ERR_UNSATISFIED and status.index = the smallest such row.
 */
int zk_qap_sums(const int32_t *matrix, const int32_t *row, const int32_t *column, const uint64_t *values,
                int64_t entries, const uint64_t *witness, int64_t wires, int log2n, uint64_t *a, uint64_t *b,
                uint64_t *c, int threads, zk_status *status);

int zk_qap_finish(uint64_t *a, uint64_t *b, uint64_t *c, int check, int log2n, const uint64_t omega[4],
                  const uint64_t n_inv[4], const uint64_t shift[4], int threads, zk_status *status);

#endif
