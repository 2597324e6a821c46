/* Chooses the BMI2/ADX or the portable kernels at kernel entry, from the CPU's feature flags. */
#include "kernels.h"
#include "parallel.h"

#include <string.h>

static int force_portable;

static int use_adx(void) {
#if defined(__x86_64__) && defined(ZK_HAVE_ADX_KERNELS)
    if (__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) {
        return 0;
    }
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
#else
    return 0;
#endif
}

const char *zk_isa(void) {
    return use_adx() ? "bmi2-adx" : "portable";
}

void zk_force_portable(int force) {
    __atomic_store_n(&force_portable, force != 0, __ATOMIC_RELAXED);
}

static void reset(zk_status *status) {
    memset(status, 0, sizeof *status);
}

static int clamp_threads(int threads) {
    return threads < 1 ? 1 : threads;
}

int zk_msm_g1(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads, uint64_t out[12],
              zk_status *status) {
    reset(status);
    if (n < 0) {
        return zk_fail(status, ZK_ERR_ARGUMENT, "negative MSM size %lld", (long long) n);
    }
#ifdef ZK_HAVE_ADX_KERNELS
    if (use_adx()) {
        return zk_adx_g1_msm(bases, scalars, n, clamp_threads(threads), out, status);
    }
#endif
    return zk_portable_g1_msm(bases, scalars, n, clamp_threads(threads), out, status);
}

int zk_msm_g2(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads, uint64_t out[24],
              zk_status *status) {
    reset(status);
    if (n < 0) {
        return zk_fail(status, ZK_ERR_ARGUMENT, "negative MSM size %lld", (long long) n);
    }
#ifdef ZK_HAVE_ADX_KERNELS
    if (use_adx()) {
        return zk_adx_g2_msm(bases, scalars, n, clamp_threads(threads), out, status);
    }
#endif
    return zk_portable_g2_msm(bases, scalars, n, clamp_threads(threads), out, status);
}

int zk_ntt(uint64_t *values, int log2n, const uint64_t omega[4], const uint64_t n_inv[4], const uint64_t *coset,
           int inverse, int threads, zk_status *status) {
    reset(status);
    if (log2n < 0 || log2n > 28) {
        return zk_fail(status, ZK_ERR_ARGUMENT, "NTT size 2^%d is out of range: BN254 Fr has radix-2 domains up to 2^28",
                       log2n);
    }
#ifdef ZK_HAVE_ADX_KERNELS
    if (use_adx()) {
        return zk_adx_ntt(values, log2n, omega, n_inv, coset, inverse, clamp_threads(threads), status);
    }
#endif
    return zk_portable_ntt(values, log2n, omega, n_inv, coset, inverse, clamp_threads(threads), status);
}

static int qap_size_ok(int log2n, zk_status *status) {
    if (log2n < 0 || log2n > 27) {
        return zk_fail(status, ZK_ERR_ARGUMENT, "QAP domain 2^%d is out of range (up to 2^27 rows)", log2n);
    }
    return ZK_OK;
}

int zk_qap_sums(const int32_t *matrix, const int32_t *row, const int32_t *column, const uint64_t *values,
                int64_t entries, const uint64_t *witness, int64_t wires, int log2n, uint64_t *a, uint64_t *b,
                uint64_t *c, int threads, zk_status *status) {
    reset(status);
    if (qap_size_ok(log2n, status) != ZK_OK) {
        return status->code;
    }
    if (entries < 0 || wires < 0) {
        return zk_fail(status, ZK_ERR_ARGUMENT, "negative QAP batch: %lld entries, %lld wires", (long long) entries,
                       (long long) wires);
    }
#ifdef ZK_HAVE_ADX_KERNELS
    if (use_adx()) {
        return zk_adx_qap_sums(matrix, row, column, values, entries, witness, wires, log2n, a, b, c,
                               clamp_threads(threads), status);
    }
#endif
    return zk_portable_qap_sums(matrix, row, column, values, entries, witness, wires, log2n, a, b, c,
                                clamp_threads(threads), status);
}

int zk_qap_finish(uint64_t *a, uint64_t *b, uint64_t *c, int check, int log2n, const uint64_t omega[4],
                  const uint64_t n_inv[4], const uint64_t shift[4], int threads, zk_status *status) {
    reset(status);
    if (qap_size_ok(log2n, status) != ZK_OK) {
        return status->code;
    }
#ifdef ZK_HAVE_ADX_KERNELS
    if (use_adx()) {
        return zk_adx_qap_finish(a, b, c, check, log2n, omega, n_inv, shift, clamp_threads(threads), status);
    }
#endif
    return zk_portable_qap_finish(a, b, c, check, log2n, omega, n_inv, shift, clamp_threads(threads), status);
}
