/* The per-instruction-set kernel entry points that dispatch.c chooses between. */
#ifndef ZK_KERNELS_H
#define ZK_KERNELS_H

#include "zkinfer_native.h"

#define ZK_DECLARE_KERNELS(prefix)                                                                                  \
    int prefix##g1_msm(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads, uint64_t *out,      \
                       zk_status *status);                                                                         \
    int prefix##g2_msm(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads, uint64_t *out,      \
                       zk_status *status);                                                                         \
    int prefix##ntt(uint64_t *values, int log2n, const uint64_t omega[4], const uint64_t n_inv[4],                 \
                    const uint64_t *coset, int inverse, int threads, zk_status *status);                           \
    int prefix##qap_sums(const int32_t *matrix, const int32_t *row, const int32_t *column, const uint64_t *values, \
                         int64_t entries, const uint64_t *witness, int64_t wires, int log2n, uint64_t *a,          \
                         uint64_t *b, uint64_t *c, int threads, zk_status *status);                                \
    int prefix##qap_finish(uint64_t *a, uint64_t *b, uint64_t *c, int check, int log2n, const uint64_t omega[4],  \
                           const uint64_t n_inv[4], const uint64_t shift[4], int threads, zk_status *status);

ZK_DECLARE_KERNELS(zk_portable_)
ZK_DECLARE_KERNELS(zk_adx_)

#endif
