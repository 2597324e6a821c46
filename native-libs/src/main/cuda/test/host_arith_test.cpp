// Host build of the CUDA kernels' arithmetic and kernel bodies (compiled as plain C++, no GPU):
// Montgomery constants, field identities, known BN254 points, and the MSM and NTT pipelines run
// step by step on the CPU against naive references. Exit status 0 when every check passes.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "host_reference.h"

using namespace zk;

static int failures = 0;
static int checks = 0;

#define CHECK(cond, what)                                                  \
    do {                                                                   \
        checks++;                                                          \
        if (!(cond)) {                                                     \
            failures++;                                                    \
            std::printf("FAIL %s (%s:%d)\n", what, __FILE__, __LINE__);    \
        }                                                                  \
    } while (0)

static u64 rng_state = 0x5eed1234abcdULL;
static u64 next_u64() {  // splitmix64
    u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

template <class P>
static Fp<P> random_canonical() {
    for (;;) {
        u64 s[4] = {next_u64(), next_u64(), next_u64(), next_u64() & ((1ULL << 62) - 1)};
        if (is_reduced<P>(s)) return Fp<P>::raw(s[0], s[1], s[2], s[3]);
    }
}

template <class P>
static Fp<P> random_element() { return to_montgomery(random_canonical<P>()); }

template <class P>
static void field_checks(const char* name) {
    char what[128];
    typedef Fp<P> F;
    F one = F::one();
    std::snprintf(what, sizeof what, "%s: to_montgomery(1) = R mod p", name);
    CHECK(to_montgomery(F::raw(1, 0, 0, 0)) == one, what);
    std::snprintf(what, sizeof what, "%s: from_montgomery(one) = 1", name);
    CHECK(from_montgomery(one) == F::raw(1, 0, 0, 0), what);
    std::snprintf(what, sizeof what, "%s: R·R⁻¹ keeps R² = to_montgomery(R mod p)", name);
    CHECK(to_montgomery(F::raw(P::ONE0, P::ONE1, P::ONE2, P::ONE3)) == F::raw(P::RR0, P::RR1, P::RR2, P::RR3), what);
    std::snprintf(what, sizeof what, "%s: 3·5 = 15", name);
    CHECK(from_montgomery(mul(from_u64<P>(3), from_u64<P>(5))) == F::raw(15, 0, 0, 0), what);
    std::snprintf(what, sizeof what, "%s: 0 − 1 = p − 1", name);
    CHECK(from_montgomery(sub(F::zero(), one)) == F::raw(P::P0 - 1, P::P1, P::P2, P::P3), what);
    std::snprintf(what, sizeof what, "%s: (p − 1) + 2 = 1", name);
    CHECK(add(neg(one), from_u64<P>(2)) == one, what);
    std::snprintf(what, sizeof what, "%s: 2^64 · 2^64 = 2^128", name);
    F t64 = to_montgomery(F::raw(0, 1, 0, 0));
    CHECK(from_montgomery(mul(t64, t64)) == F::raw(0, 0, 1, 0), what);
    for (int k = 0; k < 200; k++) {
        F a = random_element<P>(), b = random_element<P>(), c = random_element<P>();
        std::snprintf(what, sizeof what, "%s: a·a⁻¹ = 1 (sample %d)", name, k);
        CHECK(a.is_zero() || mul(a, inverse(a)) == one, what);
        std::snprintf(what, sizeof what, "%s: (a + b)·c = a·c + b·c (sample %d)", name, k);
        CHECK(mul(add(a, b), c) == add(mul(a, c), mul(b, c)), what);
        std::snprintf(what, sizeof what, "%s: (a − b) + b = a (sample %d)", name, k);
        CHECK(add(sub(a, b), b) == a, what);
        std::snprintf(what, sizeof what, "%s: round trip through Montgomery form (sample %d)", name, k);
        CHECK(to_montgomery(from_montgomery(a)) == a, what);
        std::snprintf(what, sizeof what, "%s: a + (−a) = 0 (sample %d)", name, k);
        CHECK(add(a, neg(a)).is_zero(), what);
    }
}

static Fq fq_hex(const char* hex) {  // canonical big-endian hex → Montgomery
    u64 l[4] = {0, 0, 0, 0};
    int len = 0;
    while (hex[len]) len++;
    for (int i = 0; i < len; i++) {
        char ch = hex[len - 1 - i];
        u64 v = ch <= '9' ? ch - '0' : ch - 'a' + 10;
        l[i / 16] |= v << (4 * (i % 16));
    }
    return to_montgomery(Fq::raw(l[0], l[1], l[2], l[3]));
}

static void curve_checks() {
    G1Jac g = G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()};
    CHECK(g1_on_curve(g), "G1 generator (1, 2) is on the curve");
    G1Jac g2 = g1_dbl(g);
    G1Affine a2 = g1_to_affine(g2);
    CHECK(a2.x == fq_hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"), "2G x (Java G1Point)");
    CHECK(a2.y == fq_hex("15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4"), "2G y (Java G1Point)");
    G1Jac g5 = g1_mul_u32(g, 5);
    G1Affine a5 = g1_to_affine(g5);
    CHECK(a5.x == fq_hex("17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa9"), "5G x (Java G1Point)");
    CHECK(a5.y == fq_hex("1e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c"), "5G y (Java G1Point)");
    CHECK(g1_on_curve(g5), "5G on the curve");
    CHECK(g1_equal(g1_add(g1_dbl(g2), g), g5), "2·2G + G = 5G (add)");
    CHECK(g1_equal(g1_add_affine(g1_dbl(g2), G1Affine{from_u64<FqParams>(1), from_u64<FqParams>(2)}), g5),
          "2·2G + G = 5G (mixed add)");
    CHECK(g1_equal(g1_add(g, g), g2), "G + G = 2G through add's doubling branch");
    CHECK(g1_add(g, g1_neg(g)).is_infinity(), "G + (−G) = O");
    const u64 r[4] = {FrParams::P0, FrParams::P1, FrParams::P2, FrParams::P3};
    CHECK(g1_mul(g, r).is_infinity(), "r·G = O");
    const u64 rm1[4] = {FrParams::P0 - 1, FrParams::P1, FrParams::P2, FrParams::P3};
    CHECK(g1_equal(g1_mul(g, rm1), g1_neg(g)), "(r − 1)·G = −G");
    Fr w = fr_root_of_unity(20);
    Fr expect = to_montgomery(Fr::raw(0x53422da953337857ULL, 0xac616632dbed349fULL, 0x27508aba06d1e303ULL,
                                      0x26125da10a0ed063ULL));
    CHECK(w == expect, "ω_20 equals Java's Fr.rootOfUnity(20)");
    CHECK(pow_u64(fr_root_of_unity(28), 1ULL << 28) == Fr::one(), "ω_28^(2^28) = 1");
    CHECK(pow_u64(fr_root_of_unity(28), 1ULL << 27) == neg(Fr::one()), "ω_28^(2^27) = −1");
    CHECK(mul(fr_inverse_of_power_of_two(13), from_u64<FrParams>(1u << 13)) == Fr::one(), "2^−13 · 2^13 = 1");
}

static void msm_checks() {
    G1Jac g = G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()};
    const u64 sizes[] = {1, 2, 3, 17, 100, 700, 3000};
    for (u64 n : sizes) {
        std::vector<u64> bases(8 * n), scalars(4 * n);
        G1Jac expected = G1Jac::infinity();
        for (u64 i = 0; i < n; i++) {
            G1Jac p;
            int kind = (int)(next_u64() % 8);
            if (i > 0 && kind == 0) {  // repeat or negate an earlier base
                u64 j = next_u64() % i;
                G1Affine q = g1_load_affine(&bases[8 * j]);
                if (next_u64() & 1) q.y = neg(q.y);
                p = G1Jac::from_affine(q);
            } else {
                p = g1_mul_u32(g, (u32)(next_u64() % 100000) + 1);
            }
            G1Affine a = g1_to_affine(p);
            a.x.store(&bases[8 * i]);
            a.y.store(&bases[8 * i + 4]);
            Fr s;
            switch ((int)(next_u64() % 6)) {
                case 0: s = Fr::zero(); break;
                case 1: s = Fr::raw(1, 0, 0, 0); break;
                case 2: s = Fr::raw(FrParams::P0 - 1, FrParams::P1, FrParams::P2, FrParams::P3); break;
                case 3: s = Fr::raw(next_u64() % 1000, 0, 0, 0); break;
                default: s = random_canonical<FrParams>();
            }
            s.store(&scalars[4 * i]);
            expected = g1_add(expected, g1_mul(G1Jac::from_affine(a), s.l));
        }
        G1Jac got = msm_emulated(bases, scalars, n);
        char what[96];
        std::snprintf(what, sizeof what, "MSM pipeline (host) = naive sum, n=%llu (c=%d)", (unsigned long long)n,
                      msm_plan(n).c);
        CHECK(g1_equal(got, expected), what);
    }
    // 7G − 7G and scalar r − 1 on one base
    std::vector<u64> bases(16), scalars(8, 0);
    G1Affine ga{from_u64<FqParams>(1), from_u64<FqParams>(2)};
    ga.x.store(&bases[0]);
    ga.y.store(&bases[4]);
    ga.x.store(&bases[8]);
    neg(ga.y).store(&bases[12]);
    scalars[0] = 7;
    scalars[4] = 7;
    CHECK(msm_emulated(bases, scalars, 2).is_infinity(), "MSM 7G − 7G = O");
}

static std::vector<Fr> naive_dft(const std::vector<Fr>& a, Fr x0, Fr w) {
    std::vector<Fr> out(a.size());
    Fr x = x0;
    for (size_t i = 0; i < a.size(); i++) {
        Fr acc = Fr::zero();
        for (size_t j = a.size(); j-- > 0;) acc = add(mul(acc, x), a[j]);
        out[i] = acc;
        x = mul(x, w);
    }
    return out;
}

static void ntt_checks() {
    for (int log2n : {0, 1, 2, 5, 9, 12}) {
        u64 n = 1ULL << log2n;
        std::vector<Fr> coeffs(n);
        std::vector<u64> a(4 * n);
        for (u64 i = 0; i < n; i++) {
            coeffs[i] = random_element<FrParams>();
            coeffs[i].store(&a[4 * i]);
        }
        std::vector<u64> orig(a);
        Fr w = fr_root_of_unity(log2n);
        char what[96];
        ntt_emulated(a, log2n, false, nullptr);
        if (log2n <= 9) {
            std::vector<Fr> ref = naive_dft(coeffs, Fr::one(), w);
            bool ok = true;
            for (u64 i = 0; i < n; i++) ok = ok && Fr::load(&a[4 * i]) == ref[i];
            std::snprintf(what, sizeof what, "NTT (host) = naive evaluation at ω^i, n=2^%d", log2n);
            CHECK(ok, what);
        }
        ntt_emulated(a, log2n, true, nullptr);
        std::snprintf(what, sizeof what, "inverse NTT undoes the forward one, n=2^%d", log2n);
        CHECK(a == orig, what);
        Fr shift = fr_root_of_unity(log2n + 1);
        ntt_emulated(a, log2n, false, &shift);
        if (log2n <= 9) {
            std::vector<Fr> ref = naive_dft(coeffs, shift, w);
            bool ok = true;
            for (u64 i = 0; i < n; i++) ok = ok && Fr::load(&a[4 * i]) == ref[i];
            std::snprintf(what, sizeof what, "coset NTT = evaluation at g·ω^i, n=2^%d", log2n);
            CHECK(ok, what);
        }
        ntt_emulated(a, log2n, true, &shift);
        std::snprintf(what, sizeof what, "inverse coset NTT undoes the forward one, n=2^%d", log2n);
        CHECK(a == orig, what);
    }
}

int main() {
    field_checks<FqParams>("Fq");
    field_checks<FrParams>("Fr");
    curve_checks();
    msm_checks();
    ntt_checks();
    std::printf("host arithmetic tests: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
