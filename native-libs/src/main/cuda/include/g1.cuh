// BN254 G1 (y² = x³ + 3 over Fq): affine points and Jacobian points (X : Y : Z) ↦ (X/Z², Y/Z³),
// Z = 0 the point at infinity, with the same formulas as the Java G1Point (add-2007-bl,
// madd-2007-bl, dbl-2009-l from the Explicit-Formulas Database).
#pragma once
#include "field.cuh"

namespace zk {

struct G1Affine {
    Fq x, y;
};

struct G1Jac {
    Fq x, y, z;

    ZK_HD static G1Jac infinity() { return G1Jac{Fq::one(), Fq::one(), Fq::zero()}; }
    ZK_HD static G1Jac from_affine(const G1Affine& p) { return G1Jac{p.x, p.y, Fq::one()}; }
    ZK_HD bool is_infinity() const { return z.is_zero(); }
};

/** The affine point whose 8 limbs (x, then y, Montgomery) start at p. */
ZK_HD G1Affine g1_load_affine(const u64* p) { return G1Affine{Fq::load(p), Fq::load(p + 4)}; }

ZK_HD G1Jac g1_load_jac(const u64* p) { return G1Jac{Fq::load(p), Fq::load(p + 4), Fq::load(p + 8)}; }

ZK_HD void g1_store_jac(const G1Jac& a, u64* p) {
    a.x.store(p);
    a.y.store(p + 4);
    a.z.store(p + 8);
}

ZK_HD G1Jac g1_neg(const G1Jac& a) { return G1Jac{a.x, neg(a.y), a.z}; }

/** 2·a (dbl-2009-l). */
ZK_HD G1Jac g1_dbl(const G1Jac& a) {
    if (a.is_infinity() || a.y.is_zero()) return G1Jac::infinity();
    Fq A = sqr(a.x);
    Fq B = sqr(a.y);
    Fq C = sqr(B);
    Fq D = dbl(sub(sub(sqr(add(a.x, B)), A), C));
    Fq E = add(dbl(A), A);
    Fq F = sqr(E);
    Fq x3 = sub(F, dbl(D));
    Fq C8 = dbl(dbl(dbl(C)));
    Fq y3 = sub(mul(E, sub(D, x3)), C8);
    Fq z3 = dbl(mul(a.y, a.z));
    return G1Jac{x3, y3, z3};
}

/** a + b (add-2007-bl; doubles when the points are equal). */
ZK_HD G1Jac g1_add(const G1Jac& a, const G1Jac& b) {
    if (a.is_infinity()) return b;
    if (b.is_infinity()) return a;
    Fq z1z1 = sqr(a.z);
    Fq z2z2 = sqr(b.z);
    Fq u1 = mul(a.x, z2z2);
    Fq u2 = mul(b.x, z1z1);
    Fq s1 = mul(mul(a.y, b.z), z2z2);
    Fq s2 = mul(mul(b.y, a.z), z1z1);
    Fq h = sub(u2, u1);
    Fq r = dbl(sub(s2, s1));
    if (h.is_zero()) return r.is_zero() ? g1_dbl(a) : G1Jac::infinity();
    Fq i = sqr(dbl(h));
    Fq j = mul(h, i);
    Fq v = mul(u1, i);
    Fq x3 = sub(sub(sqr(r), j), dbl(v));
    Fq y3 = sub(mul(r, sub(v, x3)), dbl(mul(s1, j)));
    Fq z3 = mul(sub(sub(sqr(add(a.z, b.z)), z1z1), z2z2), h);
    return G1Jac{x3, y3, z3};
}

/** a + q with q affine and finite (madd-2007-bl; doubles when the points are equal). */
ZK_HD G1Jac g1_add_affine(const G1Jac& a, const G1Affine& q) {
    if (a.is_infinity()) return G1Jac::from_affine(q);
    Fq z1z1 = sqr(a.z);
    Fq u2 = mul(q.x, z1z1);
    Fq s2 = mul(mul(q.y, a.z), z1z1);
    Fq h = sub(u2, a.x);
    Fq r = dbl(sub(s2, a.y));
    if (h.is_zero()) return r.is_zero() ? g1_dbl(a) : G1Jac::infinity();
    Fq hh = sqr(h);
    Fq i = dbl(dbl(hh));
    Fq j = mul(h, i);
    Fq v = mul(a.x, i);
    Fq x3 = sub(sub(sqr(r), j), dbl(v));
    Fq y3 = sub(mul(r, sub(v, x3)), dbl(mul(a.y, j)));
    Fq z3 = sub(sub(sqr(add(a.z, h)), z1z1), hh);
    return G1Jac{x3, y3, z3};
}

/** k·a for a small non-negative integer k (double and add). */
ZK_HD G1Jac g1_mul_u32(const G1Jac& a, u32 k) {
    G1Jac r = G1Jac::infinity();
    for (int i = 31; i >= 0; i--) {
        r = g1_dbl(r);
        if ((k >> i) & 1u) r = g1_add(r, a);
    }
    return r;
}

/** s·a for a canonical 4-limb scalar s. */
ZK_HD G1Jac g1_mul(const G1Jac& a, const u64 s[4]) {
    G1Jac r = G1Jac::infinity();
    for (int i = 255; i >= 0; i--) {
        r = g1_dbl(r);
        if ((s[i >> 6] >> (i & 63)) & 1) r = g1_add(r, a);
    }
    return r;
}

/** Whether a and b are the same point (cross-multiplied, no inversion). */
ZK_HD bool g1_equal(const G1Jac& a, const G1Jac& b) {
    if (a.is_infinity() || b.is_infinity()) return a.is_infinity() && b.is_infinity();
    Fq z1z1 = sqr(a.z), z2z2 = sqr(b.z);
    if (mul(a.x, z2z2) != mul(b.x, z1z1)) return false;
    return mul(mul(a.y, b.z), z2z2) == mul(mul(b.y, a.z), z1z1);
}

/** Whether Y² = X³ + 3·Z⁶. */
ZK_HD bool g1_on_curve(const G1Jac& a) {
    if (a.is_infinity()) return true;
    Fq z2 = sqr(a.z);
    Fq z6 = mul(sqr(z2), z2);
    Fq three = add(add(Fq::one(), Fq::one()), Fq::one());
    return sqr(a.y) == add(mul(sqr(a.x), a.x), mul(three, z6));
}

/** The affine form of a finite point. */
ZK_HD G1Affine g1_to_affine(const G1Jac& a) {
    Fq zi = inverse(a.z);
    Fq zi2 = sqr(zi);
    return G1Affine{mul(a.x, zi2), mul(a.y, mul(zi2, zi))};
}

}  // namespace zk
