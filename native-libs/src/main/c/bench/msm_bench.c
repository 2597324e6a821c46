/*
 * A stand-alone timing harness for the native kernels, outside the JVM (not part of the shipped
 * library): times fq_mul, fq_sqr, fq_add, fq_inv, one batch-affine flush, and the G1 MSM at chosen
 * sizes and thread counts, reporting the median of several runs (wall and CPU time). First it checks
 * products left below 2p (fq_mul_lazy) against reduced ones, inverses (a * 1/a = 1), and the MSM
 * against double-and-add on a small input; after each size, the BMI2/ADX MSM against the portable one.
 *
 *   msm_bench [log2n ...]     default: 16 18
 *   ZK_BENCH_RUNS=n           runs per measurement (default 5)
 *   ZK_BENCH_THREADS=t        time the MSM on t threads only (default: 1, then 2)
 */
#define ZK_ADX 1
#define ZK_KERNEL_PASTE(name) bench_##name
#define ZK_KERNEL(name) ZK_KERNEL_PASTE(name)
#include "../kernels.h"
#include "../kernels.inc"

#include <stdio.h>
#include <time.h>

int bench_g1_msm(const uint64_t *bases, const uint64_t *scalars, int64_t n, int threads, uint64_t *out,
                 zk_status *status);

static double clock_ms(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void) {
    return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of all the process's threads: on a shared machine it varies less than the wall clock. */
static double cpu_ms(void) {
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t) n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t next_u64(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform canonical scalars below r, by rejection. */
static void random_scalars(uint64_t *s, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        uint64_t *t = s + 4 * i;
        do {
            for (int l = 0; l < 4; l++) {
                t[l] = next_u64();
            }
            t[3] &= 0x3fffffffffffffffULL;
        } while (t[3] > FR_P[3] || (t[3] == FR_P[3] && t[2] >= FR_P[2]));
    }
}

/* (i + 1) G for i < n, affine in Montgomery form, by repeated mixed addition and one batch inversion. */
static void multiples_of_generator(uint64_t *bases, int64_t n) {
    fe_t gx = FQ_ONE, gy;
    fq_add(&gy, &FQ_ONE, &FQ_ONE);
    g1_xyzz *acc = malloc(sizeof(g1_xyzz) * (size_t) n);
    fe_t *prefix = malloc(sizeof(fe_t) * (size_t) n);
    g1_xyzz p;
    g1_set_inf(&p);
    for (int64_t i = 0; i < n; i++) {
        g1_add_affine(&p, &gx, &gy);
        acc[i] = p;
        fe_t d;
        fq_mul(&d, &p.zz, &p.zzz);
        if (i == 0) {
            prefix[0] = d;
        } else {
            fq_mul(&prefix[i], &prefix[i - 1], &d);
        }
    }
    fe_t inv, ik, zzi, zzzi;
    fq_inv(&inv, &prefix[n - 1]);
    for (int64_t i = n - 1; i >= 0; i--) {
        fe_t d;
        fq_mul(&d, &acc[i].zz, &acc[i].zzz);
        if (i > 0) {
            fq_mul(&ik, &inv, &prefix[i - 1]);
        } else {
            ik = inv;
        }
        fq_mul(&inv, &inv, &d);
        fq_mul(&zzi, &ik, &acc[i].zzz); /* 1/zz */
        fq_mul(&zzzi, &ik, &acc[i].zz); /* 1/zzz */
        fq_mul((fe_t *) (bases + 8 * i), &acc[i].x, &zzi);
        fq_mul((fe_t *) (bases + 8 * i + 4), &acc[i].y, &zzzi);
    }
    free(acc);
    free(prefix);
}

/* Jacobian (12 limbs) to affine x, y (Montgomery); infinity maps to zeros. */
static void to_affine(const uint64_t jac[12], fe_t *x, fe_t *y) {
    const fe_t *X = (const fe_t *) jac, *Y = (const fe_t *) (jac + 4), *Z = (const fe_t *) (jac + 8);
    if (fe_is_zero(Z)) {
        memset(x, 0, sizeof *x);
        memset(y, 0, sizeof *y);
        return;
    }
    fe_t zi, z2, z3;
    fq_inv(&zi, Z);
    fq_sqr(&z2, &zi);
    fq_mul(&z3, &z2, &zi);
    fq_mul(x, X, &z2);
    fq_mul(y, Y, &z3);
}

static int same_point(const uint64_t a[12], const uint64_t b[12]) {
    fe_t ax, ay, bx, by;
    to_affine(a, &ax, &ay);
    to_affine(b, &bx, &by);
    return fe_eq(&ax, &bx) && fe_eq(&ay, &by);
}

/* sum s_i P_i by double-and-add over the bits of each scalar (slow, for checking). */
static void reference_msm(const uint64_t *bases, const uint64_t *scalars, int64_t n, uint64_t out[12]) {
    g1_xyzz acc;
    g1_set_inf(&acc);
    for (int bit = 255; bit >= 0; bit--) {
        g1_dbl(&acc, &acc);
        for (int64_t i = 0; i < n; i++) {
            const uint64_t *b = bases + 8 * i;
            int infinite = (b[0] | b[1] | b[2] | b[3] | b[4] | b[5] | b[6] | b[7]) == 0;
            if (!infinite && ((scalars[4 * i + bit / 64] >> (bit % 64)) & 1)) {
                g1_add_affine(&acc, (const fe_t *) (bases + 8 * i), (const fe_t *) (bases + 8 * i + 4));
            }
        }
    }
    g1_to_jacobian(&acc, (fe_t *) out);
}

static volatile uint64_t sink;

static void bench_field(int runs) {
    const int iters = 10000000;
    fe_t a = FQ_ONE, b;
    fq_add(&b, &FQ_ONE, &FQ_ONE);
    double t_mul[32], t_sqr[32], t_add[32], t_inv[32];
    for (int r = 0; r < runs; r++) {
        double t = now_ms();
        for (int i = 0; i < iters; i++) {
            fq_mul(&a, &a, &b);
        }
        t_mul[r] = (now_ms() - t) * 1e6 / iters;
        t = now_ms();
        for (int i = 0; i < iters; i++) {
            fq_sqr(&a, &a);
        }
        t_sqr[r] = (now_ms() - t) * 1e6 / iters;
        t = now_ms();
        for (int i = 0; i < iters; i++) {
            fq_add(&a, &a, &b);
        }
        t_add[r] = (now_ms() - t) * 1e6 / iters;
        t = now_ms();
        for (int i = 0; i < iters / 1000; i++) {
            fq_inv(&a, &a);
        }
        t_inv[r] = (now_ms() - t) * 1e6 / (iters / 1000);
    }
    sink = a.v[0];
    printf("fq_mul %.2f ns  fq_sqr %.2f ns  fq_add %.2f ns  fq_inv %.0f ns (latency, median of %d)\n",
           median(t_mul, runs), median(t_sqr, runs), median(t_add, runs), median(t_inv, runs), runs);
}

static void bench_flush(const uint64_t *bases, int runs) {
    int count = MSM_BATCH;
    g1_buckets bk;
    bk.acc = malloc(sizeof(g1_affine) * (size_t) count);
    bk.pending_bucket = malloc(sizeof(int32_t) * MSM_BATCH);
    bk.pending = malloc(sizeof(g1_affine) * MSM_BATCH);
    bk.den = malloc(sizeof(fe_t) * MSM_BATCH);
    bk.prefix = malloc(sizeof(fe_t) * MSM_BATCH);
    double t_flush[32];
    for (int r = 0; r < runs; r++) {
        for (int k = 0; k < count; k++) {
            memcpy(&bk.acc[k], bases + 8 * k, sizeof(g1_affine));
            memcpy(&bk.pending[k], bases + 8 * (k + count), sizeof(g1_affine));
            bk.pending_bucket[k] = k;
        }
        double t = now_ms();
        g1_flush(&bk, count);
        t_flush[r] = (now_ms() - t) * 1e6 / count;
    }
    printf("batch-affine addition %.1f ns a point (batch %d, median of %d)\n", median(t_flush, runs), count, runs);
    free(bk.acc);
    free(bk.pending_bucket);
    free(bk.pending);
    free(bk.den);
    free(bk.prefix);
}

/* a mod p for a < 2p */
static void to_canonical(fe_t *a) {
    static const fe_t zero = {{0, 0, 0, 0}};
    fe_t t;
    fe_sub_p(&t, a, (const fe_t *) FQ_P, FQ_P); /* a - p, plus p again if that borrowed */
    fe_add_p(a, &t, &zero, FQ_P);
}

static int less_than(const fe_t *a, const fe_t *b) {
    for (int i = 3; i >= 0; i--) {
        if (a->v[i] != b->v[i]) {
            return a->v[i] < b->v[i];
        }
    }
    return 0;
}

static fe_t two_p(void) {
    fe_t t;
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        u128 s = (u128) FQ_P[i] + FQ_P[i] + c;
        t.v[i] = (uint64_t) s;
        c = (uint64_t) (s >> 64);
    }
    return t;
}

/* A value below 2p: uniform, or within 1000 of 2p. */
static void below_two_p(fe_t *a, int near_top) {
    fe_t top = two_p();
    if (near_top) {
        uint64_t k = next_u64() % 1000 + 1, bw = 0;
        for (int i = 0; i < 4; i++) {
            u128 d = (u128) top.v[i] - (i == 0 ? k : 0) - bw;
            a->v[i] = (uint64_t) d;
            bw = (uint64_t) (d >> 64) & 1;
        }
        return;
    }
    do {
        for (int i = 0; i < 4; i++) {
            a->v[i] = next_u64();
        }
        a->v[3] &= 0x7fffffffffffffffULL;
    } while (!less_than(a, &top));
}

/* Lazy products of inputs below 2p stay below 2p and agree with reduced ones mod p; a reduced product or
   square of such inputs comes out reduced. */
static int check_lazy_products(void) {
    fe_t top = two_p();
    int ok = 1;
    for (int n = 0; n < 1000000 && ok; n++) {
        fe_t a, b, lazy, ac, bc, want, got;
        below_two_p(&a, n % 3 == 0);
        below_two_p(&b, n % 5 == 0);
        fq_mul_lazy(&lazy, &a, &b);
        ac = a;
        bc = b;
        to_canonical(&ac);
        to_canonical(&bc);
        fq_mul(&want, &ac, &bc);
        got = lazy;
        to_canonical(&got);
        ok = less_than(&lazy, &top) && fe_eq(&got, &want);
        fq_mul(&got, &a, &b);
        ok = ok && fe_eq(&got, &want);
        fq_sqr(&got, &a);
        fq_mul(&want, &ac, &ac);
        ok = ok && fe_eq(&got, &want);
    }
    printf("check of products left below 2p: %s\n", ok ? "ok" : "MISMATCH");
    return ok;
}

/* a * fq_inv(a) = 1 for random a below 2p, values within 1000 of 0, p and 2p, and 1; fq_inv(0) = 0 and fq_inv(p) = 0. */
static int check_inverses(void) {
    int ok = 1;
    fe_t p = {{FQ_P[0], FQ_P[1], FQ_P[2], FQ_P[3]}}, zero = {{0, 0, 0, 0}}, got;
    for (int n = 0; n < 200000 && ok; n++) {
        fe_t a;
        below_two_p(&a, n % 4 == 0);
        if (n % 4 == 1) {
            a = zero;
            a.v[0] = 1 + next_u64() % 1000; /* small */
        } else if (n % 4 == 2) {
            a = p; /* just below p */
            a.v[0] -= 1 + next_u64() % 1000;
        } else if (n == 3) {
            a = FQ_ONE;
        }
        fe_t inverse, product;
        fq_inv(&inverse, &a);
        fq_mul(&product, &a, &inverse);
        ok = fe_eq(&product, &FQ_ONE);
    }
    fq_inv(&got, &zero);
    ok = ok && fe_is_zero(&got);
    fq_inv(&got, &p);
    ok = ok && fe_is_zero(&got);
    printf("check of inverses: %s\n", ok ? "ok" : "MISMATCH");
    return ok;
}

static int check_small(void) {
    int64_t n = 1000;
    uint64_t *bases = malloc(64 * (size_t) n), *scalars = malloc(32 * (size_t) n);
    multiples_of_generator(bases, n);
    random_scalars(scalars, n);
    memset(bases + 8 * 7, 0, 64); /* an infinite base */
    memset(scalars + 4 * 11, 0, 32);
    memcpy(bases + 8 * 20, bases + 8 * 21, 64); /* repeated bases: doubling in a bucket */
    memcpy(bases + 8 * 22, bases + 8 * 21, 64);
    memcpy(bases + 8 * 23, bases + 8 * 21, 32); /* and its negation */
    fq_neg((fe_t *) (bases + 8 * 23 + 4), (const fe_t *) (bases + 8 * 21 + 4));
    uint64_t got[12], want[12];
    zk_status st;
    int ok = bench_g1_msm(bases, scalars, n, 2, got, &st) == ZK_OK;
    reference_msm(bases, scalars, n, want);
    ok = ok && same_point(got, want);
    printf("check against double-and-add (n=%lld): %s\n", (long long) n, ok ? "ok" : "MISMATCH");
    free(bases);
    free(scalars);
    return ok;
}

int main(int argc, char **argv) {
    const char *runs_env = getenv("ZK_BENCH_RUNS");
    int runs = runs_env ? atoi(runs_env) : 5;
    runs = runs < 1 ? 1 : runs > 32 ? 32 : runs;
    int sizes[8] = {16, 18}, count = 2;
    if (argc > 1) {
        count = 0;
        for (int i = 1; i < argc && count < 8; i++) {
            sizes[count++] = atoi(argv[i]);
        }
    }
    const char *threads_env = getenv("ZK_BENCH_THREADS");
    int first_threads = threads_env ? atoi(threads_env) : 1, last_threads = threads_env ? first_threads : 2;
    int ok = check_lazy_products() & check_inverses() & check_small();
    bench_field(runs);
    int max_log = 0;
    for (int i = 0; i < count; i++) {
        max_log = sizes[i] > max_log ? sizes[i] : max_log;
    }
    int64_t max_n = (int64_t) 1 << max_log;
    uint64_t *bases = malloc(64 * (size_t) max_n), *scalars = malloc(32 * (size_t) max_n);
    multiples_of_generator(bases, max_n);
    random_scalars(scalars, max_n);
    bench_flush(bases, runs);
    for (int i = 0; i < count; i++) {
        int64_t n = (int64_t) 1 << sizes[i];
        uint64_t fast[12], portable[12];
        zk_status st;
        for (int threads = first_threads; threads <= last_threads; threads++) {
            double t[32], cpu[32];
            for (int r = 0; r < runs; r++) {
                double t0 = now_ms(), c0 = cpu_ms();
                bench_g1_msm(bases, scalars, n, threads, fast, &st);
                t[r] = now_ms() - t0;
                cpu[r] = cpu_ms() - c0;
            }
            printf("G1 MSM 2^%d, %d thread%s: %.1f ms, CPU %.1f ms (medians of %d)\n", sizes[i], threads,
                   threads > 1 ? "s" : "", median(t, runs), median(cpu, runs), runs);
        }
        zk_portable_g1_msm(bases, scalars, n, 2, portable, &st);
        int same = same_point(fast, portable);
        ok = ok && same;
        printf("G1 MSM 2^%d: BMI2/ADX and portable results %s\n", sizes[i], same ? "agree" : "DIFFER");
    }
    free(bases);
    free(scalars);
    return ok ? 0 : 1;
}
