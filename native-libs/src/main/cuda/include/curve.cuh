// BN254 G1 (y² = x³ + 3 over Fq) and G2 (y² = x³ + 3/(9 + u) over Fq2) in affine and Jacobian
// coordinates (X : Y : Z) ↦ (X/Z², Y/Z³), Z = 0 the point at infinity, generic over the coordinate
// field, with the same formulas as the Java G1Point/G2Point (add-2007-bl, madd-2007-bl, dbl-2009-l
// from the Explicit-Formulas Database). A field type F provides zero(), one(), load/store, LIMBS,
// is_zero, == and the free functions add, sub, dbl, neg, mul, sqr, inverse.
#pragma once
#include "fq2.cuh"

namespace zk {

template <class F>
struct Affine {
    F x, y;
    typedef F Field;
    static constexpr int LIMBS = 2 * F::LIMBS;
};

template <class F>
struct Jacobian {
    F x, y, z;
    typedef F Field;
    typedef Affine<F> AffinePoint;
    static constexpr int LIMBS = 3 * F::LIMBS;

    ZK_HD static Jacobian infinity() { return Jacobian{F::one(), F::one(), F::zero()}; }
    ZK_HD static Jacobian from_affine(const Affine<F>& p) { return Jacobian{p.x, p.y, F::one()}; }
    ZK_HD bool is_infinity() const { return z.is_zero(); }
};

typedef Affine<Fq> G1Affine;
typedef Jacobian<Fq> G1Jac;
typedef Affine<Fq2> G2Affine;
typedef Jacobian<Fq2> G2Jac;

/** The affine point whose limbs (x, then y, Montgomery) start at p. */
template <class J>
ZK_HD typename J::AffinePoint load_affine(const u64* p) {
    typedef typename J::Field F;
    return typename J::AffinePoint{F::load(p), F::load(p + F::LIMBS)};
}

template <class J>
ZK_HD J load_jac(const u64* p) {
    typedef typename J::Field F;
    return J{F::load(p), F::load(p + F::LIMBS), F::load(p + 2 * F::LIMBS)};
}

template <class F>
ZK_HD void store_jac(const Jacobian<F>& a, u64* p) {
    a.x.store(p);
    a.y.store(p + F::LIMBS);
    a.z.store(p + 2 * F::LIMBS);
}

ZK_HD G1Affine g1_load_affine(const u64* p) { return load_affine<G1Jac>(p); }
ZK_HD G1Jac g1_load_jac(const u64* p) { return load_jac<G1Jac>(p); }
ZK_HD void g1_store_jac(const G1Jac& a, u64* p) { store_jac(a, p); }

template <class F>
ZK_HD Jacobian<F> point_neg(const Jacobian<F>& a) { return Jacobian<F>{a.x, neg(a.y), a.z}; }

/** 2·a (dbl-2009-l). */
template <class F>
ZK_HD Jacobian<F> point_dbl(const Jacobian<F>& a) {
    if (a.is_infinity() || a.y.is_zero()) return Jacobian<F>::infinity();
    F A = sqr(a.x);
    F B = sqr(a.y);
    F C = sqr(B);
    F D = dbl(sub(sub(sqr(add(a.x, B)), A), C));
    F E = add(dbl(A), A);
    F EE = sqr(E);
    F x3 = sub(EE, dbl(D));
    F C8 = dbl(dbl(dbl(C)));
    F y3 = sub(mul(E, sub(D, x3)), C8);
    F z3 = dbl(mul(a.y, a.z));
    return Jacobian<F>{x3, y3, z3};
}

/** a + b (add-2007-bl; doubles when the points are equal). */
template <class F>
ZK_HD Jacobian<F> point_add(const Jacobian<F>& a, const Jacobian<F>& b) {
    if (a.is_infinity()) return b;
    if (b.is_infinity()) return a;
    F z1z1 = sqr(a.z);
    F z2z2 = sqr(b.z);
    F u1 = mul(a.x, z2z2);
    F u2 = mul(b.x, z1z1);
    F s1 = mul(mul(a.y, b.z), z2z2);
    F s2 = mul(mul(b.y, a.z), z1z1);
    F h = sub(u2, u1);
    F r = dbl(sub(s2, s1));
    if (h.is_zero()) return r.is_zero() ? point_dbl(a) : Jacobian<F>::infinity();
    F i = sqr(dbl(h));
    F j = mul(h, i);
    F v = mul(u1, i);
    F x3 = sub(sub(sqr(r), j), dbl(v));
    F y3 = sub(mul(r, sub(v, x3)), dbl(mul(s1, j)));
    F z3 = mul(sub(sub(sqr(add(a.z, b.z)), z1z1), z2z2), h);
    return Jacobian<F>{x3, y3, z3};
}

/** a + q with q affine and finite (madd-2007-bl; doubles when the points are equal). */
template <class F>
ZK_HD Jacobian<F> point_add_affine(const Jacobian<F>& a, const Affine<F>& q) {
    if (a.is_infinity()) return Jacobian<F>::from_affine(q);
    F z1z1 = sqr(a.z);
    F u2 = mul(q.x, z1z1);
    F s2 = mul(mul(q.y, a.z), z1z1);
    F h = sub(u2, a.x);
    F r = dbl(sub(s2, a.y));
    if (h.is_zero()) return r.is_zero() ? point_dbl(a) : Jacobian<F>::infinity();
    F hh = sqr(h);
    F i = dbl(dbl(hh));
    F j = mul(h, i);
    F v = mul(a.x, i);
    F x3 = sub(sub(sqr(r), j), dbl(v));
    F y3 = sub(mul(r, sub(v, x3)), dbl(mul(a.y, j)));
    F z3 = sub(sub(sqr(add(a.z, h)), z1z1), hh);
    return Jacobian<F>{x3, y3, z3};
}

/** k·a for a small non-negative integer k (double and add). */
template <class F>
ZK_HD Jacobian<F> point_mul_u32(const Jacobian<F>& a, u32 k) {
    Jacobian<F> r = Jacobian<F>::infinity();
    for (int i = 31; i >= 0; i--) {
        r = point_dbl(r);
        if ((k >> i) & 1u) r = point_add(r, a);
    }
    return r;
}

/** s·a for a canonical 4-limb scalar s. */
template <class F>
ZK_HD Jacobian<F> point_mul(const Jacobian<F>& a, const u64 s[4]) {
    Jacobian<F> r = Jacobian<F>::infinity();
    for (int i = 255; i >= 0; i--) {
        r = point_dbl(r);
        if ((s[i >> 6] >> (i & 63)) & 1) r = point_add(r, a);
    }
    return r;
}

/** Whether a and b are the same point (cross-multiplied, no inversion). */
template <class F>
ZK_HD bool point_equal(const Jacobian<F>& a, const Jacobian<F>& b) {
    if (a.is_infinity() || b.is_infinity()) return a.is_infinity() && b.is_infinity();
    F z1z1 = sqr(a.z), z2z2 = sqr(b.z);
    if (mul(a.x, z2z2) != mul(b.x, z1z1)) return false;
    return mul(mul(a.y, b.z), z2z2) == mul(mul(b.y, a.z), z1z1);
}

/** Whether Y² = X³ + 3·Z⁶ (G1). */
ZK_HD bool g1_on_curve(const G1Jac& a) {
    if (a.is_infinity()) return true;
    Fq z2 = sqr(a.z);
    Fq z6 = mul(sqr(z2), z2);
    Fq three = add(add(Fq::one(), Fq::one()), Fq::one());
    return sqr(a.y) == add(mul(sqr(a.x), a.x), mul(three, z6));
}

/** The affine form of a finite point. */
template <class F>
ZK_HD Affine<F> to_affine(const Jacobian<F>& a) {
    F zi = inverse(a.z);
    F zi2 = sqr(zi);
    return Affine<F>{mul(a.x, zi2), mul(a.y, mul(zi2, zi))};
}

}  // namespace zk
