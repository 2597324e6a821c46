/*
 * The curve-independent half of Pippenger's method: check the scalars, drop zero scalars and
 * infinite bases, fold s > (r-1)/2 to -(r - s) (so small negative integers cost what small positive
 * ones do), choose the window width c from the count and the largest scalar, and recode every
 * scalar into signed base-2^c digits in [-2^(c-1), 2^(c-1)].
 */
#ifndef ZK_MSM_PLAN_H
#define ZK_MSM_PLAN_H

#include "zkinfer_native.h"

typedef struct {
    int64_t m;        /* active terms (non-zero scalar, finite base) */
    int64_t *index;   /* m indices into the caller's arrays */
    int c;            /* window width in bits */
    int windows;      /* number of windows; 0 when m == 0 */
    int32_t *digits;  /* windows x m signed digits, window-major */
} msm_plan;

int zk_msm_plan(const uint64_t *bases, int base_limbs, const uint64_t *scalars, int64_t n, int threads,
                msm_plan *plan, zk_status *status);

void zk_msm_plan_free(msm_plan *plan);

#endif
