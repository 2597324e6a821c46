// Fq2 = Fq[u]/(u² + 1), the field of BN254 G2's coordinates: c0 + c1·u, stored as c0's then c1's
// Montgomery limbs (8 in all), as the Java MSM lays out G2 coordinates.
#pragma once
#include "field.cuh"

namespace zk {

struct Fq2 {
    static constexpr int LIMBS = 8;
    Fq c0, c1;

    ZK_HD static Fq2 zero() { return Fq2{Fq::zero(), Fq::zero()}; }
    ZK_HD static Fq2 one() { return Fq2{Fq::one(), Fq::zero()}; }
    ZK_HD static Fq2 load(const u64* p) { return Fq2{Fq::load(p), Fq::load(p + 4)}; }
    ZK_HD void store(u64* p) const {
        c0.store(p);
        c1.store(p + 4);
    }
    ZK_HD bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
    ZK_HD bool operator==(const Fq2& o) const { return c0 == o.c0 && c1 == o.c1; }
    ZK_HD bool operator!=(const Fq2& o) const { return !(*this == o); }
};

ZK_HD Fq2 add(const Fq2& a, const Fq2& b) { return Fq2{add(a.c0, b.c0), add(a.c1, b.c1)}; }
ZK_HD Fq2 sub(const Fq2& a, const Fq2& b) { return Fq2{sub(a.c0, b.c0), sub(a.c1, b.c1)}; }
ZK_HD Fq2 dbl(const Fq2& a) { return Fq2{dbl(a.c0), dbl(a.c1)}; }
ZK_HD Fq2 neg(const Fq2& a) { return Fq2{neg(a.c0), neg(a.c1)}; }

/** Karatsuba: (a0 + a1u)(b0 + b1u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)u. */
ZK_HD Fq2 mul(const Fq2& a, const Fq2& b) {
    Fq v0 = mul(a.c0, b.c0), v1 = mul(a.c1, b.c1);
    Fq m = mul(add(a.c0, a.c1), add(b.c0, b.c1));
    return Fq2{sub(v0, v1), sub(sub(m, v0), v1)};
}

/** (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u. */
ZK_HD Fq2 sqr(const Fq2& a) {
    return Fq2{mul(add(a.c0, a.c1), sub(a.c0, a.c1)), dbl(mul(a.c0, a.c1))};
}

/** (a0 − a1u)/(a0² + a1²); zero maps to zero. */
ZK_HD Fq2 inverse(const Fq2& a) {
    Fq t = inverse(add(sqr(a.c0), sqr(a.c1)));
    return Fq2{mul(a.c0, t), neg(mul(a.c1, t))};
}

}  // namespace zk
