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

static void curve_checks() {
    G1Jac g = G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()};
    CHECK(g1_on_curve(g), "G1 generator (1, 2) is on the curve");
    G1Jac g2 = point_dbl(g);
    G1Affine a2 = to_affine(g2);
    CHECK(a2.x == fq_hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"), "2G x (Java G1Point)");
    CHECK(a2.y == fq_hex("15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4"), "2G y (Java G1Point)");
    G1Jac g5 = point_mul_u32(g, 5);
    G1Affine a5 = to_affine(g5);
    CHECK(a5.x == fq_hex("17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa9"), "5G x (Java G1Point)");
    CHECK(a5.y == fq_hex("1e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c"), "5G y (Java G1Point)");
    CHECK(g1_on_curve(g5), "5G on the curve");
    CHECK(point_equal(point_add(point_dbl(g2), g), g5), "2·2G + G = 5G (add)");
    CHECK(point_equal(point_add_affine(point_dbl(g2), G1Affine{from_u64<FqParams>(1), from_u64<FqParams>(2)}), g5),
          "2·2G + G = 5G (mixed add)");
    CHECK(point_equal(point_add(g, g), g2), "G + G = 2G through add's doubling branch");
    CHECK(point_add(g, point_neg(g)).is_infinity(), "G + (−G) = O");
    const u64 r[4] = {FrParams::P0, FrParams::P1, FrParams::P2, FrParams::P3};
    CHECK(point_mul(g, r).is_infinity(), "r·G = O");
    const u64 rm1[4] = {FrParams::P0 - 1, FrParams::P1, FrParams::P2, FrParams::P3};
    CHECK(point_equal(point_mul(g, rm1), point_neg(g)), "(r − 1)·G = −G");
    Fr w = fr_root_of_unity(20);
    Fr expect = to_montgomery(Fr::raw(0x53422da953337857ULL, 0xac616632dbed349fULL, 0x27508aba06d1e303ULL,
                                      0x26125da10a0ed063ULL));
    CHECK(w == expect, "ω_20 equals Java's Fr.rootOfUnity(20)");
    CHECK(pow_u64(fr_root_of_unity(28), 1ULL << 28) == Fr::one(), "ω_28^(2^28) = 1");
    CHECK(pow_u64(fr_root_of_unity(28), 1ULL << 27) == neg(Fr::one()), "ω_28^(2^27) = −1");
    CHECK(mul(fr_inverse_of_power_of_two(13), from_u64<FrParams>(1u << 13)) == Fr::one(), "2^−13 · 2^13 = 1");
}

static void g2_checks() {
    G2Jac g = g2_generator();
    G2Affine two = g2_hex("27dc7234fd11d3e8c36c59277c3e6f149d5cd3cfa9a62aee49f8130962b4b3b9",
                          "203e205db4f19b37b60121b83a7333706db86431c6d835849957ed8c3928ad79",
                          "4bb53b8977e5f92a0bc372742c4830944a59b4fe6b1c0466e2a6dad122b5d2e",
                          "195e8aa5b7827463722b8c153931579d3505566b4edf48d498e185f0509de152");
    G2Affine five = g2_hex("2e539c423b302d13f4e5773c603948eaf5db5df8ae8a9a9113708390a06410d8",
                           "a09ccf561b55fd99d1c1208dee1162457b57ac5af3759d50671e510e428b2a1",
                           "2f8d9f9ab83727c77a2fec063cb7b6e5eb23044ccf535ad49d46d394fb6f6bf6",
                           "19b763513924a736e4eebd0d78c91c1bc1d657fee4214057d21414011cfcc763");
    G2Affine a2 = to_affine(point_dbl(g));
    CHECK(a2.x == two.x && a2.y == two.y, "2·G2 (Java G2Point)");
    G2Affine a5 = to_affine(point_mul_u32(g, 5));
    CHECK(a5.x == five.x && a5.y == five.y, "5·G2 (Java G2Point)");
    CHECK(point_equal(point_add_affine(point_dbl(point_dbl(g)), to_affine(g)), point_mul_u32(g, 5)),
          "2·2G + G = 5G on G2 (mixed add)");
    const u64 r[4] = {FrParams::P0, FrParams::P1, FrParams::P2, FrParams::P3};
    CHECK(point_mul(g, r).is_infinity(), "r·G2 = O");
    Fq2 a = Fq2{random_element<FqParams>(), random_element<FqParams>()};
    Fq2 b = Fq2{random_element<FqParams>(), random_element<FqParams>()};
    CHECK(mul(a, inverse(a)) == Fq2::one(), "Fq2: a·a⁻¹ = 1");
    CHECK(sqr(a) == mul(a, a), "Fq2: a² = a·a");
    CHECK(mul(a, b) == mul(b, a), "Fq2: ab = ba");
    Fq2 u = Fq2{Fq::zero(), Fq::one()};
    CHECK(sqr(u) == neg(Fq2::one()), "Fq2: u² = −1");
}

/**
 * The MSM pipeline against the naive sum on points k·g, with repeated and opposite bases; ones_percent of
 * the scalars are ±1 (one crowded bucket), and chunk (0: the plan's) sets the bucket chunk size.
 */
template <class J>
static void msm_checks(const char* group, J g, std::vector<u64> sizes, int ones_percent = 0, u32 chunk = 0) {
    const int L = J::AffinePoint::LIMBS, F = J::Field::LIMBS;
    for (u64 n : sizes) {
        std::vector<u64> bases(L * n), scalars(4 * n);
        J expected = J::infinity();
        for (u64 i = 0; i < n; i++) {
            J p;
            int kind = (int)(next_u64() % 8);
            if (i > 0 && kind == 0) {  // repeat or negate an earlier base
                u64 j = next_u64() % i;
                typename J::AffinePoint q = load_affine<J>(&bases[L * j]);
                if (next_u64() & 1) q.y = neg(q.y);
                p = J::from_affine(q);
            } else {
                p = point_mul_u32(g, (u32)(next_u64() % 100000) + 1);
            }
            typename J::AffinePoint a = to_affine(p);
            a.x.store(&bases[L * i]);
            a.y.store(&bases[L * i + F]);
            Fr s;
            bool one = (int)(next_u64() % 100) < ones_percent;
            switch (one ? (int)(1 + next_u64() % 2) : (int)(next_u64() % 6)) {
                case 0: s = Fr::zero(); break;
                case 1: s = Fr::raw(1, 0, 0, 0); break;
                case 2: s = Fr::raw(FrParams::P0 - 1, FrParams::P1, FrParams::P2, FrParams::P3); break;
                case 3: s = Fr::raw(next_u64() % 1000, 0, 0, 0); break;
                default: s = random_canonical<FrParams>();
            }
            s.store(&scalars[4 * i]);
            expected = point_add(expected, point_mul(J::from_affine(a), s.l));
        }
        J got = msm_emulated<J>(bases, scalars, n, chunk);
        char what[128];
        std::snprintf(what, sizeof what, "%s MSM pipeline (host) = naive sum, n=%llu (c=%d, %d%% ±1, chunk %u)", group,
                      (unsigned long long)n, msm_plan(n).c, ones_percent, chunk ? chunk : msm_plan(n).chunk);
        CHECK(point_equal(got, expected), what);
    }
    // 7P − 7P = O
    std::vector<u64> bases(2 * L), scalars(8, 0);
    typename J::AffinePoint ga = to_affine(g);
    ga.x.store(&bases[0]);
    ga.y.store(&bases[F]);
    ga.x.store(&bases[L]);
    neg(ga.y).store(&bases[L + F]);
    scalars[0] = 7;
    scalars[4] = 7;
    char what[64];
    std::snprintf(what, sizeof what, "%s MSM 7G − 7G = O", group);
    CHECK(msm_emulated<J>(bases, scalars, 2).is_infinity(), what);
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
    g2_checks();
    msm_checks<G1Jac>("G1", G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()}, {1, 2, 3, 17, 100, 700, 3000});
    msm_checks<G1Jac>("G1", G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()}, {2000}, 90);
    msm_checks<G1Jac>("G1", G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()}, {5, 64, 1500}, 80, 2);
    msm_checks<G1Jac>("G1", G1Jac{from_u64<FqParams>(1), from_u64<FqParams>(2), Fq::one()}, {700}, 0, 3);
    msm_checks<G2Jac>("G2", g2_generator(), {1, 3, 40, 300});
    msm_checks<G2Jac>("G2", g2_generator(), {200}, 70, 2);
    ntt_checks();
    std::printf("host arithmetic tests: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
