/*
 * BN254 Fq, Fr and Fq2 Montgomery arithmetic on 4 x 64-bit limbs (static inline, included by each
 * kernel translation unit). Multiplication is CIOS without the final carry word (valid because the
 * top limb of both moduli is below 2^62, gnark-crypto's "no-carry" variant). With ZK_ADX defined the
 * translation unit is compiled for BMI2/ADX and multiplies with mulx and add-with-carry chains;
 * otherwise it uses unsigned __int128. Results are fully reduced (< modulus), except fq_mul_lazy's,
 * which stay below twice the modulus; multiplication and squaring take such inputs.
 */
#ifndef ZK_FIELD_H
#define ZK_FIELD_H

#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef struct { uint64_t v[4]; } fe_t;      /* an Fq or Fr element */
typedef struct { fe_t c0, c1; } fq2_t;       /* c0 + c1*u, u^2 = -1 */

static const uint64_t FQ_P[4] = {0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const uint64_t FQ_INV = 0x87d20782e4866389ULL;
static const fe_t FQ_ONE = {{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};
static const uint64_t FR_P[4] = {0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const uint64_t FR_INV = 0xc2e1f593efffffffULL;
static const fe_t FR_ONE = {{0xac96341c4ffffffbULL, 0x36fc76959f60cd29ULL, 0x666ea36f7879462eULL, 0x0e0a77c19a07df2fULL}};

/* r = t - p if t >= p, else t (t < 2p), without branches (the outcome is data-dependent). */
static inline void fe_reduce_once(fe_t *r, const uint64_t t[4], const uint64_t *p) {
    uint64_t s[4];
    uint64_t b = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128) t[i] - p[i] - b;
        s[i] = (uint64_t) d;
        b = (uint64_t) (d >> 64) & 1;
    }
    uint64_t keep = 0 - b; /* all ones: t < p, keep t */
    for (int i = 0; i < 4; i++) {
        r->v[i] = (t[i] & keep) | (s[i] & ~keep);
    }
}

/*
 * r = a b / 2^256 mod p. Reduced (r < p) for a, b < p; with lazy set, for a, b < 2p, r < 2p without the final
 * subtraction: (ab + Mp) / 2^256 < 4p^2 / 2^256 + p < 2p because 4p < 2^256 (both moduli are below 2^254), and
 * every intermediate stays below 2^320, so the no-carry rounds hold as they do for reduced inputs.
 */
static inline __attribute__((always_inline)) void fe_mul_any(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p,
                                                             uint64_t inv, const int lazy) {
#ifdef ZK_ADX
    /* One round per limb of b: t += a*b[i] (adcx carries the low halves, adox the high halves),
       then t += m*p with m = t0*inv, which zeroes t0; the registers rotate instead of shifting. */
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, lo, hi, z;
#define ZK_ROUND(i, T0, T1, T2, T3, T4)                                                                        \
    "movq " #i "*8(%[b]), %%rdx\n\t"                                                                          \
    "xorl %k[z], %k[z]\n\t"                                                                                    \
    "mulxq 0(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T0 "]\n\t" "adoxq %[hi], %[" T1 "]\n\t"             \
    "mulxq 8(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T1 "]\n\t" "adoxq %[hi], %[" T2 "]\n\t"             \
    "mulxq 16(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T2 "]\n\t" "adoxq %[hi], %[" T3 "]\n\t"            \
    "mulxq 24(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T3 "]\n\t" "adoxq %[hi], %[" T4 "]\n\t"            \
    "adcxq %[z], %[" T4 "]\n\t"                                                                                \
    "movq %[" T0 "], %%rdx\n\t"                                                                                \
    "imulq %[inv], %%rdx\n\t"                                                                                  \
    "xorl %k[z], %k[z]\n\t"                                                                                    \
    "mulxq 0(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T0 "]\n\t" "adoxq %[hi], %[" T1 "]\n\t"             \
    "mulxq 8(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T1 "]\n\t" "adoxq %[hi], %[" T2 "]\n\t"             \
    "mulxq 16(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T2 "]\n\t" "adoxq %[hi], %[" T3 "]\n\t"            \
    "mulxq 24(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T3 "]\n\t" "adoxq %[hi], %[" T4 "]\n\t"            \
    "adcxq %[z], %[" T4 "]\n\t"                                                                                \
    "adoxq %[z], %[" T4 "]\n\t"
    /* The result is (t4, t0, t1, t2) < 2p; t3 is zero after the last round. */
    __asm__(ZK_ROUND(0, "t0", "t1", "t2", "t3", "t4")
            ZK_ROUND(1, "t1", "t2", "t3", "t4", "t0")
            ZK_ROUND(2, "t2", "t3", "t4", "t0", "t1")
            ZK_ROUND(3, "t3", "t4", "t0", "t1", "t2")
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
              [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
            : [a] "r"(a->v), [b] "r"(b->v), [p] "r"(p), [inv] "rm"(inv), "m"(*a), "m"(*b),
              "m"(*(const uint64_t(*)[4]) p)
            : "rdx", "cc");
#undef ZK_ROUND
    if (!lazy) {
        /* Subtract p into (lo, hi, z, t3) and keep the difference unless it borrowed (cmov, no branch). */
        __asm__("movq %[t4], %[lo]\n\t" "movq %[t0], %[hi]\n\t" "movq %[t1], %[z]\n\t" "movq %[t2], %[t3]\n\t"
                "subq 0(%[p]), %[lo]\n\t" "sbbq 8(%[p]), %[hi]\n\t" "sbbq 16(%[p]), %[z]\n\t" "sbbq 24(%[p]), %[t3]\n\t"
                "cmovncq %[lo], %[t4]\n\t" "cmovncq %[hi], %[t0]\n\t" "cmovncq %[z], %[t1]\n\t" "cmovncq %[t3], %[t2]\n\t"
                : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "=&r"(t3), [t4] "+&r"(t4),
                  [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
                : [p] "r"(p), "m"(*(const uint64_t(*)[4]) p)
                : "cc");
    }
    r->v[0] = t4;
    r->v[1] = t0;
    r->v[2] = t1;
    r->v[3] = t2;
#else
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        uint64_t bi = b->v[i];
        u128 x = (u128) a->v[0] * bi + t[0];
        uint64_t A = (uint64_t) (x >> 64);
        uint64_t t0 = (uint64_t) x;
        uint64_t m = t0 * inv;
        u128 y = (u128) m * p[0] + t0;
        uint64_t C = (uint64_t) (y >> 64);
        for (int j = 1; j < 4; j++) {
            x = (u128) a->v[j] * bi + t[j] + A;
            A = (uint64_t) (x >> 64);
            y = (u128) m * p[j] + (uint64_t) x + C;
            C = (uint64_t) (y >> 64);
            t[j - 1] = (uint64_t) y;
        }
        t[3] = C + A;
    }
    if (lazy) {
        memcpy(r->v, t, sizeof t);
    } else {
        fe_reduce_once(r, t, p);
    }
#endif
}

static inline __attribute__((always_inline)) void fe_mul_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p, uint64_t inv) {
    fe_mul_any(r, a, b, p, inv, 0);
}

/*
 * r = a^2 / 2^256 mod p, reduced, for a < 2p. With BMI2/ADX: the 512-bit square from the six cross products
 * (doubled) and the four squares (10 mulx instead of 16), then Montgomery reduction of the low half;
 * about 11% faster than multiplying a by itself. Otherwise a multiplication.
 */
static inline __attribute__((always_inline)) void fe_sqr_p(fe_t *r, const fe_t *a, const uint64_t *p, uint64_t inv) {
#ifdef ZK_ADX
    /* The cross products a_i a_j (i < j) into t1..t6, doubled into t1..t7, plus the squares a_i^2. */
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, lo, hi, z;
    __asm__("movq 0(%[a]), %%rdx\n\t"
            "mulxq 8(%[a]), %[t1], %[t2]\n\t"
            "mulxq 16(%[a]), %[lo], %[t3]\n\t" "addq %[lo], %[t2]\n\t"
            "mulxq 24(%[a]), %[lo], %[t4]\n\t" "adcq %[lo], %[t3]\n\t" "adcq $0, %[t4]\n\t"
            "movq 8(%[a]), %%rdx\n\t"
            "xorl %k[z], %k[z]\n\t"
            "mulxq 16(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[t3]\n\t" "adoxq %[hi], %[t4]\n\t"
            "mulxq 24(%[a]), %[lo], %[t5]\n\t" "adcxq %[lo], %[t4]\n\t" "adoxq %[z], %[t5]\n\t"
            "adcxq %[z], %[t5]\n\t"
            "movq 16(%[a]), %%rdx\n\t"
            "mulxq 24(%[a]), %[lo], %[t6]\n\t" "addq %[lo], %[t5]\n\t" "adcq $0, %[t6]\n\t"
            "xorl %k[t7], %k[t7]\n\t"
            "addq %[t1], %[t1]\n\t" "adcq %[t2], %[t2]\n\t" "adcq %[t3], %[t3]\n\t" "adcq %[t4], %[t4]\n\t"
            "adcq %[t5], %[t5]\n\t" "adcq %[t6], %[t6]\n\t" "adcq %[t7], %[t7]\n\t"
            "movq 0(%[a]), %%rdx\n\t" "mulxq %%rdx, %[t0], %[lo]\n\t" "addq %[lo], %[t1]\n\t"
            "movq 8(%[a]), %%rdx\n\t" "mulxq %%rdx, %[lo], %[hi]\n\t" "adcq %[lo], %[t2]\n\t" "adcq %[hi], %[t3]\n\t"
            "movq 16(%[a]), %%rdx\n\t" "mulxq %%rdx, %[lo], %[hi]\n\t" "adcq %[lo], %[t4]\n\t" "adcq %[hi], %[t5]\n\t"
            "movq 24(%[a]), %%rdx\n\t" "mulxq %%rdx, %[lo], %[hi]\n\t" "adcq %[lo], %[t6]\n\t" "adcq %[hi], %[t7]\n\t"
            : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4), [t5] "=&r"(t5),
              [t6] "=&r"(t6), [t7] "=&r"(t7), [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
            : [a] "r"(a->v), "m"(*a)
            : "rdx", "cc");
    /* Montgomery-reduce the low half alone, (t0..t3 + M p) / 2^256 <= p, as in fe_mul_p; then add the
       high half, which is below (2p)^2 / 2^256 < 4p / 5 (a < 2p), so the sum is below 2p. */
#define ZK_SQR_ROUND(T0, T1, T2, T3)                                                                           \
    "movq %[" T0 "], %%rdx\n\t"                                                                                \
    "imulq %[inv], %%rdx\n\t"                                                                                  \
    "xorl %k[z], %k[z]\n\t"                                                                                    \
    "mulxq 0(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T0 "]\n\t" "adoxq %[hi], %[" T1 "]\n\t"             \
    "mulxq 8(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T1 "]\n\t" "adoxq %[hi], %[" T2 "]\n\t"             \
    "mulxq 16(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T2 "]\n\t" "adoxq %[hi], %[" T3 "]\n\t"            \
    "mulxq 24(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" T3 "]\n\t" "adoxq %[hi], %[" T0 "]\n\t"            \
    "adcxq %[z], %[" T0 "]\n\t"
    __asm__(ZK_SQR_ROUND("t0", "t1", "t2", "t3")
            ZK_SQR_ROUND("t1", "t2", "t3", "t0")
            ZK_SQR_ROUND("t2", "t3", "t0", "t1")
            ZK_SQR_ROUND("t3", "t0", "t1", "t2")
            "addq %[t4], %[t0]\n\t" "adcq %[t5], %[t1]\n\t" "adcq %[t6], %[t2]\n\t" "adcq %[t7], %[t3]\n\t"
            "movq %[t0], %[lo]\n\t" "movq %[t1], %[hi]\n\t" "movq %[t2], %[z]\n\t" "movq %[t3], %[t4]\n\t"
            "subq 0(%[p]), %[lo]\n\t" "sbbq 8(%[p]), %[hi]\n\t" "sbbq 16(%[p]), %[z]\n\t" "sbbq 24(%[p]), %[t4]\n\t"
            "cmovncq %[lo], %[t0]\n\t" "cmovncq %[hi], %[t1]\n\t" "cmovncq %[z], %[t2]\n\t" "cmovncq %[t4], %[t3]\n\t"
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
              [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
            : [t5] "r"(t5), [t6] "r"(t6), [t7] "r"(t7), [p] "r"(p), [inv] "rm"(inv),
              "m"(*(const uint64_t(*)[4]) p)
            : "rdx", "cc");
#undef ZK_SQR_ROUND
    r->v[0] = t0;
    r->v[1] = t1;
    r->v[2] = t2;
    r->v[3] = t3;
#else
    fe_mul_p(r, a, a, p, inv); /* a dedicated squaring on __int128 measured slower (20.5 vs 18.8 ns) */
#endif
}

static inline void fe_add_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p) {
#ifdef ZK_ADX
    /* a + b < 2p < 2^256, then subtract p unless that borrows (cmov). */
    uint64_t t0 = a->v[0], t1 = a->v[1], t2 = a->v[2], t3 = a->v[3], s0, s1, s2, s3;
    __asm__("addq 0(%[b]), %[t0]\n\t" "adcq 8(%[b]), %[t1]\n\t" "adcq 16(%[b]), %[t2]\n\t" "adcq 24(%[b]), %[t3]\n\t"
            "movq %[t0], %[s0]\n\t" "movq %[t1], %[s1]\n\t" "movq %[t2], %[s2]\n\t" "movq %[t3], %[s3]\n\t"
            "subq 0(%[p]), %[s0]\n\t" "sbbq 8(%[p]), %[s1]\n\t" "sbbq 16(%[p]), %[s2]\n\t" "sbbq 24(%[p]), %[s3]\n\t"
            "cmovncq %[s0], %[t0]\n\t" "cmovncq %[s1], %[t1]\n\t" "cmovncq %[s2], %[t2]\n\t" "cmovncq %[s3], %[t3]\n\t"
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3),
              [s0] "=&r"(s0), [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3)
            : [b] "r"(b->v), [p] "r"(p), "m"(*b), "m"(*(const uint64_t(*)[4]) p)
            : "cc");
    r->v[0] = t0;
    r->v[1] = t1;
    r->v[2] = t2;
    r->v[3] = t3;
#else
    uint64_t t[4];
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        u128 s = (u128) a->v[i] + b->v[i] + c;
        t[i] = (uint64_t) s;
        c = (uint64_t) (s >> 64);
    }
    fe_reduce_once(r, t, p); /* a + b < 2p < 2^256: no carry out */
#endif
}

static inline void fe_sub_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p) {
#ifdef ZK_ADX
    /* a - b, then add p masked by the borrow (all ones or zero), without a branch. */
    uint64_t t0 = a->v[0], t1 = a->v[1], t2 = a->v[2], t3 = a->v[3], m0, m1, m2, m3;
    __asm__("subq 0(%[b]), %[t0]\n\t" "sbbq 8(%[b]), %[t1]\n\t" "sbbq 16(%[b]), %[t2]\n\t" "sbbq 24(%[b]), %[t3]\n\t"
            "sbbq %[m0], %[m0]\n\t"
            "movq %[m0], %[m1]\n\t" "movq %[m0], %[m2]\n\t" "movq %[m0], %[m3]\n\t"
            "andq 0(%[p]), %[m0]\n\t" "andq 8(%[p]), %[m1]\n\t" "andq 16(%[p]), %[m2]\n\t" "andq 24(%[p]), %[m3]\n\t"
            "addq %[m0], %[t0]\n\t" "adcq %[m1], %[t1]\n\t" "adcq %[m2], %[t2]\n\t" "adcq %[m3], %[t3]\n\t"
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3),
              [m0] "=&r"(m0), [m1] "=&r"(m1), [m2] "=&r"(m2), [m3] "=&r"(m3)
            : [b] "r"(b->v), [p] "r"(p), "m"(*b), "m"(*(const uint64_t(*)[4]) p)
            : "cc");
    r->v[0] = t0;
    r->v[1] = t1;
    r->v[2] = t2;
    r->v[3] = t3;
#else
    uint64_t t[4];
    uint64_t bw = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128) a->v[i] - b->v[i] - bw;
        t[i] = (uint64_t) d;
        bw = (uint64_t) (d >> 64) & 1;
    }
    uint64_t mask = 0 - bw; /* add p back after a borrow, without a branch */
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        u128 s = (u128) t[i] + (p[i] & mask) + c;
        r->v[i] = (uint64_t) s;
        c = (uint64_t) (s >> 64);
    }
#endif
}

static inline int fe_is_zero(const fe_t *a) {
    return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0;
}

static inline int fe_eq(const fe_t *a, const fe_t *b) {
    return ((a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3])) == 0;
}

/* Fq */
static inline __attribute__((always_inline)) void fq_mul(fe_t *r, const fe_t *a, const fe_t *b) { fe_mul_p(r, a, b, FQ_P, FQ_INV); }
static inline __attribute__((always_inline)) void fq_sqr(fe_t *r, const fe_t *a) { fe_sqr_p(r, a, FQ_P, FQ_INV); }
/* a b for a, b < 2p, left in [0, 2p): for products that only go on into other multiplications (fe_mul_any). */
static inline __attribute__((always_inline)) void fq_mul_lazy(fe_t *r, const fe_t *a, const fe_t *b) {
    fe_mul_any(r, a, b, FQ_P, FQ_INV, 1);
}
static inline void fq_add(fe_t *r, const fe_t *a, const fe_t *b) { fe_add_p(r, a, b, FQ_P); }
static inline void fq_sub(fe_t *r, const fe_t *a, const fe_t *b) { fe_sub_p(r, a, b, FQ_P); }
static inline void fq_neg(fe_t *r, const fe_t *a) {
    static const fe_t zero = {{0, 0, 0, 0}};
    fe_sub_p(r, &zero, a, FQ_P);
}

#include "fq_inverse.h" /* fq_inv */

/* Fr */
static inline void fr_mul(fe_t *r, const fe_t *a, const fe_t *b) { fe_mul_p(r, a, b, FR_P, FR_INV); }
static inline void fr_add(fe_t *r, const fe_t *a, const fe_t *b) { fe_add_p(r, a, b, FR_P); }
static inline void fr_sub(fe_t *r, const fe_t *a, const fe_t *b) { fe_sub_p(r, a, b, FR_P); }

/* Fq2 = Fq[u]/(u^2 + 1) */
static inline void fq2_add(fq2_t *r, const fq2_t *a, const fq2_t *b) {
    fq_add(&r->c0, &a->c0, &b->c0);
    fq_add(&r->c1, &a->c1, &b->c1);
}

static inline void fq2_sub(fq2_t *r, const fq2_t *a, const fq2_t *b) {
    fq_sub(&r->c0, &a->c0, &b->c0);
    fq_sub(&r->c1, &a->c1, &b->c1);
}

static inline void fq2_neg(fq2_t *r, const fq2_t *a) {
    fq_neg(&r->c0, &a->c0);
    fq_neg(&r->c1, &a->c1);
}

/* Karatsuba: (a0 + a1 u)(b0 + b1 u) = (a0 b0 - a1 b1) + ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1) u */
static inline void fq2_mul(fq2_t *r, const fq2_t *a, const fq2_t *b) {
    fe_t v0, v1, s, t;
    fq_mul(&v0, &a->c0, &b->c0);
    fq_mul(&v1, &a->c1, &b->c1);
    fq_add(&s, &a->c0, &a->c1);
    fq_add(&t, &b->c0, &b->c1);
    fq_mul(&s, &s, &t);
    fq_sub(&r->c0, &v0, &v1);
    fq_sub(&s, &s, &v0);
    fq_sub(&r->c1, &s, &v1);
}

/* (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u */
static inline void fq2_sqr(fq2_t *r, const fq2_t *a) {
    fe_t s, d, m;
    fq_add(&s, &a->c0, &a->c1);
    fq_sub(&d, &a->c0, &a->c1);
    fq_mul(&m, &a->c0, &a->c1);
    fq_mul(&r->c0, &s, &d);
    fq_add(&r->c1, &m, &m);
}

/* 1/(c0 + c1 u) = (c0 - c1 u)/(c0^2 + c1^2) */
static inline void fq2_inv(fq2_t *r, const fq2_t *a) {
    fe_t t0, t1;
    fq_sqr(&t0, &a->c0);
    fq_sqr(&t1, &a->c1);
    fq_add(&t0, &t0, &t1);
    fq_inv(&t0, &t0);
    fq_mul(&r->c0, &a->c0, &t0);
    fq_mul(&t1, &a->c1, &t0);
    fq_neg(&r->c1, &t1);
}

static inline int fq2_is_zero(const fq2_t *a) { return fe_is_zero(&a->c0) && fe_is_zero(&a->c1); }
static inline int fq2_eq(const fq2_t *a, const fq2_t *b) { return fe_eq(&a->c0, &b->c0) && fe_eq(&a->c1, &b->c1); }

#endif
