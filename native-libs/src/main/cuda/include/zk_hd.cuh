// Portable 64-bit limb primitives shared by the CUDA kernels and their host builds.
// Under nvcc the functions are __host__ __device__; under a plain C++ compiler (the host
// arithmetic tests, built with -x c++) the qualifiers vanish and the same code runs on the CPU.
#pragma once
#include <stdint.h>

#if defined(__CUDACC__)
#define ZK_HD __host__ __device__ __forceinline__
#define ZK_UNROLL _Pragma("unroll")
#else
#define ZK_HD inline
#define ZK_UNROLL
#endif

namespace zk {

typedef uint64_t u64;
typedef uint32_t u32;

/** High 64 bits of a·b. */
ZK_HD u64 mul_hi(u64 a, u64 b) {
#if defined(__CUDA_ARCH__)
    return __umul64hi(a, b);
#else
    return (u64)(((unsigned __int128)a * b) >> 64);
#endif
}

/** a + b + carry; carry becomes the carry out (0 or 1). */
ZK_HD u64 addc(u64 a, u64 b, u64& carry) {
    u64 s = a + b;
    u64 c1 = s < a;
    u64 r = s + carry;
    u64 c2 = r < s;
    carry = c1 | c2;
    return r;
}

/** a − b − borrow; borrow becomes the borrow out (0 or 1). */
ZK_HD u64 subb(u64 a, u64 b, u64& borrow) {
    u64 d = a - b;
    u64 b1 = a < b;
    u64 r = d - borrow;
    u64 b2 = d < borrow;
    borrow = b1 | b2;
    return r;
}

/** Low 64 bits of t + a·b + carry; carry becomes the high 64 bits (the sum never exceeds 2^128 − 1). */
ZK_HD u64 mac(u64 t, u64 a, u64 b, u64& carry) {
    u64 lo = a * b;
    u64 hi = mul_hi(a, b);
    lo += t;
    hi += lo < t;
    lo += carry;
    hi += lo < carry;
    carry = hi;
    return lo;
}

/** The low `bits` bits of i, reversed. */
ZK_HD u32 bit_reverse(u32 i, int bits) {
#if defined(__CUDA_ARCH__)
    return bits == 0 ? 0 : __brev(i) >> (32 - bits);
#else
    u32 r = 0;
    for (int b = 0; b < bits; b++) {
        r = (r << 1) | ((i >> b) & 1u);
    }
    return r;
#endif
}

}  // namespace zk
