// BN254 prime fields Fq (base) and Fr (scalar) in Montgomery form, R = 2^256: 4 little-endian
// 64-bit limbs, always fully reduced, bit-for-bit the layout and constants of the Java
// FqArithmetic / FrArithmetic, so arrays cross JNI unchanged. Multiplication is CIOS
// (Koç, Acar, Kaliski 1996).
#pragma once
#include "zk_hd.cuh"

namespace zk {

/** Fq: p = 21888242871839275222246405745257275088696311157297823662689037894645226208583. */
struct FqParams {
    static constexpr u64 P0 = 0x3c208c16d87cfd47ULL, P1 = 0x97816a916871ca8dULL, P2 = 0xb85045b68181585dULL,
                         P3 = 0x30644e72e131a029ULL;
    static constexpr u64 INV = 0x87d20782e4866389ULL;  // −p⁻¹ mod 2^64
    static constexpr u64 ONE0 = 0xd35d438dc58f0d9dULL, ONE1 = 0x0a78eb28f5c70b3dULL, ONE2 = 0x666ea36f7879462cULL,
                         ONE3 = 0x0e0a77c19a07df2fULL;  // R mod p
    static constexpr u64 RR0 = 0xf32cfc5b538afa89ULL, RR1 = 0xb5e71911d44501fbULL, RR2 = 0x47ab1eff0a417ff6ULL,
                         RR3 = 0x06d89f71cab8351fULL;  // R² mod p
};

/** Fr: r = 21888242871839275222246405745257275088548364400416034343698204186575808495617. */
struct FrParams {
    static constexpr u64 P0 = 0x43e1f593f0000001ULL, P1 = 0x2833e84879b97091ULL, P2 = 0xb85045b68181585dULL,
                         P3 = 0x30644e72e131a029ULL;
    static constexpr u64 INV = 0xc2e1f593efffffffULL;
    static constexpr u64 ONE0 = 0xac96341c4ffffffbULL, ONE1 = 0x36fc76959f60cd29ULL, ONE2 = 0x666ea36f7879462eULL,
                         ONE3 = 0x0e0a77c19a07df2fULL;
    static constexpr u64 RR0 = 0x1bb8e645ae216da7ULL, RR1 = 0x53fe3ab1e35c59e3ULL, RR2 = 0x8c49833d53bb8085ULL,
                         RR3 = 0x0216d0b17f4e44a5ULL;
};

/** An element of the field with parameters P, Montgomery form. */
template <class P>
struct Fp {
    static constexpr int LIMBS = 4;
    u64 l[4];

    ZK_HD static Fp zero() { return Fp{{0, 0, 0, 0}}; }
    ZK_HD static Fp one() { return Fp{{P::ONE0, P::ONE1, P::ONE2, P::ONE3}}; }
    ZK_HD static Fp raw(u64 a, u64 b, u64 c, u64 d) { return Fp{{a, b, c, d}}; }
    ZK_HD static Fp load(const u64* p) { return Fp{{p[0], p[1], p[2], p[3]}}; }
    ZK_HD void store(u64* p) const { p[0] = l[0]; p[1] = l[1]; p[2] = l[2]; p[3] = l[3]; }
    ZK_HD bool is_zero() const { return (l[0] | l[1] | l[2] | l[3]) == 0; }
    ZK_HD bool operator==(const Fp& o) const {
        return l[0] == o.l[0] && l[1] == o.l[1] && l[2] == o.l[2] && l[3] == o.l[3];
    }
    ZK_HD bool operator!=(const Fp& o) const { return !(*this == o); }
};

typedef Fp<FqParams> Fq;
typedef Fp<FrParams> Fr;

/** t (5 limbs, t < 2p) reduced below p. */
template <class P>
ZK_HD Fp<P> reduce_once(const u64 t[5]) {
    const u64 p[4] = {P::P0, P::P1, P::P2, P::P3};
    Fp<P> s;
    u64 borrow = 0;
    ZK_UNROLL
    for (int j = 0; j < 4; j++) s.l[j] = subb(t[j], p[j], borrow);
    if (t[4] == 0 && borrow) {  // t < p
        return Fp<P>{{t[0], t[1], t[2], t[3]}};
    }
    return s;
}

template <class P>
ZK_HD Fp<P> add(const Fp<P>& a, const Fp<P>& b) {
    u64 t[5];
    u64 c = 0;
    ZK_UNROLL
    for (int j = 0; j < 4; j++) t[j] = addc(a.l[j], b.l[j], c);
    t[4] = c;
    return reduce_once<P>(t);
}

template <class P>
ZK_HD Fp<P> sub(const Fp<P>& a, const Fp<P>& b) {
    const u64 p[4] = {P::P0, P::P1, P::P2, P::P3};
    Fp<P> r;
    u64 borrow = 0;
    ZK_UNROLL
    for (int j = 0; j < 4; j++) r.l[j] = subb(a.l[j], b.l[j], borrow);
    if (borrow) {
        u64 c = 0;
        ZK_UNROLL
        for (int j = 0; j < 4; j++) r.l[j] = addc(r.l[j], p[j], c);
    }
    return r;
}

template <class P>
ZK_HD Fp<P> dbl(const Fp<P>& a) { return add(a, a); }

template <class P>
ZK_HD Fp<P> neg(const Fp<P>& a) { return sub(Fp<P>::zero(), a); }

/** Montgomery product a·b·R⁻¹ (CIOS). */
template <class P>
ZK_HD Fp<P> mul(const Fp<P>& a, const Fp<P>& b) {
    const u64 p[4] = {P::P0, P::P1, P::P2, P::P3};
    u64 t[6] = {0, 0, 0, 0, 0, 0};
    ZK_UNROLL
    for (int i = 0; i < 4; i++) {
        u64 c = 0;
        ZK_UNROLL
        for (int j = 0; j < 4; j++) t[j] = mac(t[j], a.l[j], b.l[i], c);
        u64 cc = 0;
        t[4] = addc(t[4], c, cc);
        t[5] = cc;
        u64 m = t[0] * P::INV;
        c = 0;
        (void)mac(t[0], m, p[0], c);
        ZK_UNROLL
        for (int j = 1; j < 4; j++) t[j - 1] = mac(t[j], m, p[j], c);
        cc = 0;
        t[3] = addc(t[4], c, cc);
        t[4] = t[5] + cc;
    }
    return reduce_once<P>(t);
}

template <class P>
ZK_HD Fp<P> sqr(const Fp<P>& a) { return mul(a, a); }

/** The Montgomery form of the canonical integer a (< p). */
template <class P>
ZK_HD Fp<P> to_montgomery(const Fp<P>& canonical) {
    return mul(canonical, Fp<P>::raw(P::RR0, P::RR1, P::RR2, P::RR3));
}

/** The canonical integer of the Montgomery-form a. */
template <class P>
ZK_HD Fp<P> from_montgomery(const Fp<P>& a) {
    return mul(a, Fp<P>::raw(1, 0, 0, 0));
}

/** a^e, e a canonical 4-limb integer (square and multiply from the top bit). */
template <class P>
ZK_HD Fp<P> pow(const Fp<P>& a, const u64 e[4]) {
    Fp<P> r = Fp<P>::one();
    for (int i = 255; i >= 0; i--) {
        r = sqr(r);
        if ((e[i >> 6] >> (i & 63)) & 1) r = mul(r, a);
    }
    return r;
}

template <class P>
ZK_HD Fp<P> pow_u64(const Fp<P>& a, u64 e) {
    const u64 ee[4] = {e, 0, 0, 0};
    return pow(a, ee);
}

/** a⁻¹ = a^(p−2) (Fermat); zero maps to zero. */
template <class P>
ZK_HD Fp<P> inverse(const Fp<P>& a) {
    const u64 e[4] = {P::P0 - 2, P::P1, P::P2, P::P3};
    return pow(a, e);
}

/** The Montgomery form of a small integer. */
template <class P>
ZK_HD Fp<P> from_u64(u64 v) { return to_montgomery(Fp<P>::raw(v, 0, 0, 0)); }

/** Whether the 4-limb canonical integer s is below the modulus. */
template <class P>
ZK_HD bool is_reduced(const u64 s[4]) {
    const u64 p[4] = {P::P0, P::P1, P::P2, P::P3};
    u64 borrow = 0;
    ZK_UNROLL
    for (int j = 0; j < 4; j++) (void)subb(s[j], p[j], borrow);
    return borrow != 0;
}

/**
 * The primitive 2^k-th root of unity the Java EvaluationDomain uses: ω_28 = 5^((r−1)/2^28),
 * ω_k = ω_{k+1}² (k ≤ 28).
 */
ZK_HD Fr fr_root_of_unity(int k) {
    // (r − 1) >> 28
    const u64 r1[4] = {FrParams::P0 - 1, FrParams::P1, FrParams::P2, FrParams::P3};
    u64 e[4];
    for (int j = 0; j < 4; j++) e[j] = (r1[j] >> 28) | (j < 3 ? r1[j + 1] << 36 : 0);
    Fr w = pow(from_u64<FrParams>(5), e);
    for (int i = 28; i > k; i--) w = sqr(w);
    return w;
}

}  // namespace zk
