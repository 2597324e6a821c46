#include "msm_plan.h"

#include "parallel.h"

#include <stdlib.h>
#include <string.h>

static const uint64_t R[4] = {0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};

/* a >= b as 256-bit integers (little-endian limbs). */
static int geq(const uint64_t *a, const uint64_t *b) {
    for (int i = 3; i >= 0; i--) {
        if (a[i] != b[i]) {
            return a[i] > b[i];
        }
    }
    return 1;
}

static void sub_from_r(const uint64_t *s, uint64_t *out) {
    unsigned __int128 bw = 0;
    for (int i = 0; i < 4; i++) {
        unsigned __int128 d = (unsigned __int128) R[i] - s[i] - bw;
        out[i] = (uint64_t) d;
        bw = (d >> 64) & 1;
    }
}

static int bit_length(const uint64_t *s) {
    for (int i = 3; i >= 0; i--) {
        if (s[i] != 0) {
            return 64 * i + 64 - __builtin_clzll(s[i]);
        }
    }
    return 0;
}

#ifndef MSM_BUCKET_COST
/* A bucket's share of its window's sum, in batch-affine additions: a mixed and a full XYZZ addition, about 3,
   below 1024 buckets; the segmented sums of msm_reduce.inc cost about 2 from there, which picks the same widths
   for 2^16, 2^18 and 2^20 terms (13, 15 and 16 bits). */
#define MSM_BUCKET_COST 3.0
#endif

/* Window width minimising windows x (terms + MSM_BUCKET_COST x buckets), 1..16. */
static int choose_width(int64_t m, int bits) {
    int best = 1;
    double best_cost = 0;
    for (int c = 1; c <= 16; c++) {
        int windows = (bits + 1 + c - 1) / c;
        double cost = (double) windows * ((double) m + MSM_BUCKET_COST * (double) (1LL << (c - 1)));
        if (c == 1 || cost < best_cost) {
            best = c;
            best_cost = cost;
        }
    }
    return best;
}

typedef struct {
    const uint64_t *folded; /* 4 limbs per active term */
    const uint8_t *negate;
    msm_plan *plan;
    int64_t chunk;
} recode_ctx;

static void recode_chunk(void *arg, int64_t task) {
    recode_ctx *ctx = (recode_ctx *) arg;
    msm_plan *plan = ctx->plan;
    int c = plan->c;
    int64_t from = task * ctx->chunk;
    int64_t to = from + ctx->chunk < plan->m ? from + ctx->chunk : plan->m;
    int32_t half = 1 << (c - 1);
    uint64_t mask = (1ULL << c) - 1;
    for (int64_t i = from; i < to; i++) {
        const uint64_t *s = ctx->folded + 4 * i;
        int32_t carry = 0;
        for (int w = 0; w < plan->windows; w++) {
            int bit = w * c;
            int limb = bit >> 6, shift = bit & 63;
            uint64_t v = limb < 4 ? s[limb] >> shift : 0;
            if (shift + c > 64 && limb + 1 < 4) {
                v |= s[limb + 1] << (64 - shift);
            }
            int32_t d = (int32_t) (v & mask) + carry;
            carry = 0;
            if (d > half) {
                d -= 1 << c;
                carry = 1;
            }
            plan->digits[(int64_t) w * plan->m + i] = ctx->negate[i] ? -d : d;
        }
    }
}

int zk_msm_plan(const uint64_t *bases, int base_limbs, const uint64_t *scalars, int64_t n, int threads,
                msm_plan *plan, zk_status *status) {
    memset(plan, 0, sizeof *plan);
    for (int64_t i = 0; i < n; i++) {
        if (geq(scalars + 4 * i, R)) {
            status->index = i;
            return zk_fail(status, ZK_ERR_SCALAR, "scalar %lld is >= r (the BN254 scalar field modulus); "
                           "MSM scalars must be canonical integers in [0, r)", (long long) i);
        }
    }
    uint64_t half[4]; /* (r - 1) / 2 */
    for (int i = 0; i < 4; i++) {
        half[i] = (R[i] >> 1) | (i < 3 ? R[i + 1] << 63 : 0);
    }
    plan->index = malloc(sizeof(int64_t) * (size_t) (n > 0 ? n : 1));
    uint64_t *folded = malloc(32 * (size_t) (n > 0 ? n : 1));
    uint8_t *negate = malloc((size_t) (n > 0 ? n : 1));
    if (!plan->index || !folded || !negate) {
        free(folded);
        free(negate);
        zk_msm_plan_free(plan);
        return zk_fail(status, ZK_ERR_NOMEM, "out of memory preparing %lld MSM scalars", (long long) n);
    }
    int bits = 0;
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++) {
        const uint64_t *s = scalars + 4 * i;
        if ((s[0] | s[1] | s[2] | s[3]) == 0) {
            continue;
        }
        const uint64_t *b = bases + (int64_t) base_limbs * i;
        uint64_t any = 0;
        for (int l = 0; l < base_limbs; l++) {
            any |= b[l];
        }
        if (any == 0) {
            continue; /* the point at infinity */
        }
        uint64_t *f = folded + 4 * m;
        int neg = !geq(half, s); /* s > (r - 1) / 2 */
        if (neg) {
            sub_from_r(s, f);
        } else {
            memcpy(f, s, 32);
        }
        negate[m] = (uint8_t) neg;
        plan->index[m] = i;
        int len = bit_length(f);
        bits = len > bits ? len : bits;
        m++;
    }
    plan->m = m;
    int rc = ZK_OK;
    if (m > 0) {
        plan->c = choose_width(m, bits);
        plan->windows = (bits + 1 + plan->c - 1) / plan->c; /* the top window keeps < c bits: no carry out */
        plan->digits = malloc(sizeof(int32_t) * (size_t) plan->windows * (size_t) m);
        if (!plan->digits) {
            rc = zk_fail(status, ZK_ERR_NOMEM, "out of memory for %d x %lld MSM digits", plan->windows, (long long) m);
        } else {
            recode_ctx ctx = {folded, negate, plan, 4096};
            rc = zk_parallel_for(threads, (m + ctx.chunk - 1) / ctx.chunk, recode_chunk, &ctx, status);
        }
    }
    free(folded);
    free(negate);
    if (rc != ZK_OK) {
        zk_msm_plan_free(plan);
    }
    return rc;
}

void zk_msm_plan_free(msm_plan *plan) {
    free(plan->index);
    free(plan->digits);
    plan->index = NULL;
    plan->digits = NULL;
}
