/*
 * BN254 Fq, Fr and Fq2 Montgomery arithmetic on 4 x 64-bit limbs (static inline, included by each
 * kernel translation unit). Multiplication is CIOS without the final carry word (valid because the
 * top limb of both moduli is below 2^62, gnark-crypto's "no-carry" variant). With ZK_ADX defined the
 * translation unit is compiled for BMI2/ADX and multiplies with mulx and add-with-carry chains;
 * otherwise it uses unsigned __int128. Results are always fully reduced (< modulus).
 */
#ifndef ZK_FIELD_H
#define ZK_FIELD_H

#include <stdint.h>
#include <string.h>
#ifdef ZK_ADX
#include <immintrin.h>
#endif

typedef unsigned __int128 u128;
typedef struct { uint64_t v[4]; } fe_t;      /* an Fq or Fr element */
typedef struct { fe_t c0, c1; } fq2_t;       /* c0 + c1*u, u^2 = -1 */

static const uint64_t FQ_P[4] = {0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const uint64_t FQ_INV = 0x87d20782e4866389ULL;
static const fe_t FQ_ONE = {{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};
static const uint64_t FR_P[4] = {0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const uint64_t FR_INV = 0xc2e1f593efffffffULL;
static const fe_t FR_ONE = {{0xac96341c4ffffffbULL, 0x36fc76959f60cd29ULL, 0x666ea36f7879462eULL, 0x0e0a77c19a07df2fULL}};

/* t (5 limbs: t[4] is 0 or 1 here) reduced once by p into r. */
static inline void fe_reduce_once(fe_t *r, const uint64_t t[4], const uint64_t *p) {
    uint64_t s[4];
    unsigned char b = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128) t[i] - p[i] - b;
        s[i] = (uint64_t) d;
        b = (unsigned char) ((d >> 64) & 1);
    }
    if (b) {
        memcpy(r->v, t, 32);
    } else {
        memcpy(r->v, s, 32);
    }
}

static inline void fe_mul_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p, uint64_t inv) {
#ifdef ZK_ADX
    unsigned long long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4, l0, l1, l2, l3, h0, h1, h2, h3, m;
    for (int i = 0; i < 4; i++) {
        unsigned long long bi = b->v[i];
        unsigned char c, d;
        l0 = _mulx_u64(a->v[0], bi, &h0);
        l1 = _mulx_u64(a->v[1], bi, &h1);
        l2 = _mulx_u64(a->v[2], bi, &h2);
        l3 = _mulx_u64(a->v[3], bi, &h3);
        c = _addcarryx_u64(0, t0, l0, &t0);
        c = _addcarryx_u64(c, t1, l1, &t1);
        c = _addcarryx_u64(c, t2, l2, &t2);
        c = _addcarryx_u64(c, t3, l3, &t3);
        d = _addcarryx_u64(0, t1, h0, &t1);
        d = _addcarryx_u64(d, t2, h1, &t2);
        d = _addcarryx_u64(d, t3, h2, &t3);
        t4 = h3 + c + d;
        m = t0 * inv;
        l0 = _mulx_u64(m, p[0], &h0);
        l1 = _mulx_u64(m, p[1], &h1);
        l2 = _mulx_u64(m, p[2], &h2);
        l3 = _mulx_u64(m, p[3], &h3);
        c = _addcarryx_u64(0, t0, l0, &t0);
        c = _addcarryx_u64(c, t1, l1, &t1);
        c = _addcarryx_u64(c, t2, l2, &t2);
        c = _addcarryx_u64(c, t3, l3, &t3);
        t4 += c;
        d = _addcarryx_u64(0, t1, h0, &t1);
        d = _addcarryx_u64(d, t2, h1, &t2);
        d = _addcarryx_u64(d, t3, h2, &t3);
        t4 += h3 + d;
        t0 = t1;
        t1 = t2;
        t2 = t3;
        t3 = t4;
    }
    uint64_t t[4] = {t0, t1, t2, t3};
    fe_reduce_once(r, t, p);
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
    fe_reduce_once(r, t, p);
#endif
}

static inline void fe_add_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p) {
    uint64_t t[4];
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        u128 s = (u128) a->v[i] + b->v[i] + c;
        t[i] = (uint64_t) s;
        c = (uint64_t) (s >> 64);
    }
    fe_reduce_once(r, t, p); /* a + b < 2p < 2^256: no carry out */
}

static inline void fe_sub_p(fe_t *r, const fe_t *a, const fe_t *b, const uint64_t *p) {
    uint64_t t[4];
    uint64_t bw = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128) a->v[i] - b->v[i] - bw;
        t[i] = (uint64_t) d;
        bw = (uint64_t) ((d >> 64) & 1);
    }
    if (bw) {
        uint64_t c = 0;
        for (int i = 0; i < 4; i++) {
            u128 s = (u128) t[i] + p[i] + c;
            t[i] = (uint64_t) s;
            c = (uint64_t) (s >> 64);
        }
    }
    memcpy(r->v, t, 32);
}

static inline int fe_is_zero(const fe_t *a) {
    return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0;
}

static inline int fe_eq(const fe_t *a, const fe_t *b) {
    return ((a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3])) == 0;
}

/* Fq */
static inline void fq_mul(fe_t *r, const fe_t *a, const fe_t *b) { fe_mul_p(r, a, b, FQ_P, FQ_INV); }
static inline void fq_sqr(fe_t *r, const fe_t *a) { fe_mul_p(r, a, a, FQ_P, FQ_INV); }
static inline void fq_add(fe_t *r, const fe_t *a, const fe_t *b) { fe_add_p(r, a, b, FQ_P); }
static inline void fq_sub(fe_t *r, const fe_t *a, const fe_t *b) { fe_sub_p(r, a, b, FQ_P); }
static inline void fq_neg(fe_t *r, const fe_t *a) {
    static const fe_t zero = {{0, 0, 0, 0}};
    fe_sub_p(r, &zero, a, FQ_P);
}

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

static inline int fq2_is_zero(const fq2_t *a) { return fe_is_zero(&a->c0) && fe_is_zero(&a->c1); }
static inline int fq2_eq(const fq2_t *a, const fq2_t *b) { return fe_eq(&a->c0, &b->c0) && fe_eq(&a->c1, &b->c1); }

#endif
