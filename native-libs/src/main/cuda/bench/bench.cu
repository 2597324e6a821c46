// Standalone GPU benchmark and parity check of libzkinfer_cuda's kernels (no JVM, no Maven):
// G1 MSM on 2^16, 2^18, 2^20 points (and 2^16 witness-like scalars, and G2 on 2^16) and the Fr NTT on 2^20, 2^22 elements, each checked against a
// CPU reference computed here, and timed as the median of several runs, kernels only (device
// events) and whole call (host→device copy, kernels, device→host copy, host window combination).
//   zk_cuda_bench [--quick] [--out FILE]     (--quick: 2^12 MSM, 2^10 and 2^12 NTT)
// MSM reference: bases Pᵢ = (a + i·b)·G with known discrete logs, so Σ sᵢ·Pᵢ = (Σ sᵢ·(a + i·b))·G.
// NTT reference: the same transform on the CPU (host build of the kernel bodies), plus Horner
// evaluations at three points and the inverse round trip.
#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../include/zkinfer_cuda.h"
#include "../test/host_reference.h"

using namespace zk;

namespace {

std::string report;
int failures = 0;

void say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void say(const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    std::fputs(buf, stdout);
    std::fflush(stdout);
    report += buf;
}

u64 rng = 0x6a09e667f3bcc908ULL;
u64 next_u64() {
    u64 z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Fr random_canonical_fr() {
    for (;;) {
        u64 s[4] = {next_u64(), next_u64(), next_u64(), next_u64() & ((1ULL << 62) - 1)};
        if (is_reduced<FrParams>(s)) return Fr::raw(s[0], s[1], s[2], s[3]);
    }
}

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

bool ok(int rc, const char* what) {
    if (rc == 0) return true;
    say("ERROR %s: %s (code %d)\n", what, zkc_last_error(), rc);
    failures++;
    return false;
}

/** Pᵢ = (a + i·b)·G, affine, for i < n: Jacobian running sum, then one batch inversion of the Z's. */
template <class J>
void known_log_bases(u64 n, Fr a, Fr b, std::vector<u64>& bases) {
    typedef typename J::Field F;
    const int L = J::AffinePoint::LIMBS;
    J g = generator<J>();
    J p = point_mul(g, from_montgomery(a).l);
    typename J::AffinePoint step = to_affine(point_mul(g, from_montgomery(b).l));
    std::vector<J> pts(n);
    for (u64 i = 0; i < n; i++) {
        pts[i] = p;
        p = point_add_affine(p, step);
    }
    std::vector<F> prefix(n);
    F acc = F::one();
    for (u64 i = 0; i < n; i++) {
        prefix[i] = acc;
        acc = mul(acc, pts[i].z);  // the logs are non-zero mod r, so no Z is zero
    }
    F inv = inverse(acc);
    bases.resize(L * n);
    for (u64 i = n; i-- > 0;) {
        F zi = mul(inv, prefix[i]);
        inv = mul(inv, pts[i].z);
        F zi2 = sqr(zi);
        mul(pts[i].x, zi2).store(&bases[L * i]);
        mul(pts[i].y, mul(zi2, zi)).store(&bases[L * i + F::LIMBS]);
    }
}

typedef int (*MsmFunction)(const uint64_t*, const uint64_t*, uint64_t, uint64_t*, zkc_timing*);

/** scalars: random, or with ones_percent of them ±1 (a witness-like vector with one crowded bucket). */
template <class J>
void bench_msm(const char* group, MsmFunction run, int log2n, const std::vector<u64>& all_bases, Fr a, Fr b, int runs,
               double target_ms, int ones_percent = 0) {
    u64 n = 1ULL << log2n;
    std::vector<u64> scalars(4 * n);
    Fr dot = Fr::zero();
    Fr log = a;
    const Fr minus_one = neg(Fr::one());
    for (u64 i = 0; i < n; i++) {
        Fr s = random_canonical_fr();
        if ((int)(next_u64() % 100) < ones_percent) s = (next_u64() & 1) ? Fr::raw(1, 0, 0, 0) : from_montgomery(minus_one);
        s.store(&scalars[4 * i]);
        dot = add(dot, mul(to_montgomery(s), log));
        log = add(log, b);
    }
    J expected = point_mul(generator<J>(), from_montgomery(dot).l);
    u64 out[24];
    zkc_timing t;
    if (!ok(run(all_bases.data(), scalars.data(), n, out, &t), "MSM warm-up")) return;
    bool parity = point_equal(load_jac<J>(out), expected);
    std::vector<double> kernel, wall, phase[3];
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        if (!ok(run(all_bases.data(), scalars.data(), n, out, &t), "MSM")) return;
        wall.push_back(now_ms() - t0);
        kernel.push_back(t.kernel_ms);
        for (int p = 0; p < 3; p++) phase[p].push_back(t.phase_ms[p]);
        parity = parity && point_equal(load_jac<J>(out), expected);
    }
    if (!parity) failures++;
    double k = median(kernel);
    say("MSM %s 2^%d%s: kernels %.2f ms (sort %.2f, buckets %.2f, segments %.2f), with transfers %.2f ms "
        "(median of %d) parity %s", group, log2n, ones_percent ? " (witness-like)" : "", k, median(phase[0]),
        median(phase[1]), median(phase[2]), median(wall), runs, parity ? "OK" : "FAIL");
    if (target_ms > 0) say("  [target < %.0f ms: %s]", target_ms, k < target_ms ? "met" : "NOT met");
    say("\n");
}

Fr horner(const std::vector<u64>& coeffs, u64 n, Fr x) {
    Fr acc = Fr::zero();
    for (u64 j = n; j-- > 0;) acc = add(mul(acc, x), Fr::load(&coeffs[4 * j]));
    return acc;
}

void bench_ntt(int log2n, int runs, double target_ms) {
    u64 n = 1ULL << log2n;
    std::vector<u64> coeffs(4 * n);
    for (u64 i = 0; i < n; i++) to_montgomery(random_canonical_fr()).store(&coeffs[4 * i]);
    std::vector<u64> gpu(coeffs), cpu(coeffs);
    zkc_timing t;
    if (!ok(zkc_ntt(gpu.data(), log2n, 0, nullptr, &t), "NTT")) return;
    double c0 = now_ms();
    ntt_emulated(cpu, log2n, false, nullptr);
    double cpu_ms = now_ms() - c0;
    bool parity = gpu == cpu;
    Fr w = fr_root_of_unity(log2n);
    for (u64 i : {(u64)0, n / 3, n - 1}) parity = parity && Fr::load(&gpu[4 * i]) == horner(coeffs, n, pow_u64(w, i));
    std::vector<u64> back(gpu);
    if (!ok(zkc_ntt(back.data(), log2n, 1, nullptr, &t), "inverse NTT")) return;
    parity = parity && back == coeffs;
    Fr shift = fr_root_of_unity(log2n + 1);
    u64 sh[4];
    shift.store(sh);
    std::vector<u64> coset(coeffs);
    if (!ok(zkc_ntt(coset.data(), log2n, 0, sh, &t), "coset NTT")) return;
    parity = parity && Fr::load(&coset[4 * (n / 2)]) == horner(coeffs, n, mul(shift, pow_u64(w, n / 2)));
    if (!ok(zkc_ntt(coset.data(), log2n, 1, sh, &t), "inverse coset NTT")) return;
    parity = parity && coset == coeffs;
    std::vector<double> kernel, wall;
    std::vector<u64> work(coeffs);
    for (int r = 0; r < runs; r++) {
        std::copy(coeffs.begin(), coeffs.end(), work.begin());
        double t0 = now_ms();
        if (!ok(zkc_ntt(work.data(), log2n, 0, nullptr, &t), "NTT")) return;
        wall.push_back(now_ms() - t0);
        kernel.push_back(t.kernel_ms);
        parity = parity && work == cpu;
    }
    if (!parity) failures++;
    double k = median(kernel);
    say("NTT Fr 2^%d: kernels %.2f ms, with transfers %.2f ms (median of %d; one CPU thread %.0f ms) parity %s",
        log2n, k, median(wall), runs, cpu_ms, parity ? "OK" : "FAIL");
    if (target_ms > 0) say("  [target < %.0f ms: %s]", target_ms, k < target_ms ? "met" : "NOT met");
    say("\n");
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    const char* out = nullptr;
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else {
            std::fprintf(stderr, "usage: %s [--quick] [--out FILE]\n", argv[0]);
            return 2;
        }
    }
    int count = 0;
    if (zkc_device_count(&count) != 0 || count == 0) {
        say("no usable CUDA device: %s\n", count == 0 && zkc_last_error()[0] == 0 ? "cudaGetDeviceCount reports 0 devices"
                                                                                : zkc_last_error());
        if (out) {
            FILE* f = std::fopen(out, "w");
            if (f) { std::fputs(report.c_str(), f); std::fclose(f); }
        }
        return 3;
    }
    char name[256];
    if (zkc_device_name(name, sizeof name) == 0) say("device: %s\n", name);
    const int runs = quick ? 3 : 7;
    const std::vector<int> msm_logs = quick ? std::vector<int>{10, 12} : std::vector<int>{16, 18, 20};
    const std::vector<int> ntt_logs = quick ? std::vector<int>{10, 12} : std::vector<int>{20, 22};
    int max_msm = msm_logs.back();
    double t0 = now_ms();
    Fr a = to_montgomery(random_canonical_fr()), b = to_montgomery(random_canonical_fr());
    std::vector<u64> bases;
    known_log_bases<G1Jac>(1ULL << max_msm, a, b, bases);
    say("generated 2^%d G1 bases with known logs on the CPU in %.0f ms\n", max_msm, now_ms() - t0);
    for (int lg : msm_logs) bench_msm<G1Jac>("G1", zkc_msm_g1, lg, bases, a, b, runs, lg == 20 ? 20.0 : 0);
    bench_msm<G1Jac>("G1", zkc_msm_g1, msm_logs.front(), bases, a, b, runs, 0, 70);
    t0 = now_ms();
    const int g2_log = msm_logs.front();
    known_log_bases<G2Jac>(1ULL << g2_log, a, b, bases);
    say("generated 2^%d G2 bases with known logs on the CPU in %.0f ms\n", g2_log, now_ms() - t0);
    bench_msm<G2Jac>("G2", zkc_msm_g2, g2_log, bases, a, b, runs, 0);
    for (int lg : ntt_logs) bench_ntt(lg, runs, lg == 22 ? 10.0 : 0);
    say("%s\n", failures == 0 ? "ALL PARITY OK" : "PARITY OR RUN FAILURES: see above");
    if (out) {
        FILE* f = std::fopen(out, "w");
        if (f) {
            std::fputs(report.c_str(), f);
            std::fclose(f);
        }
    }
    return failures == 0 ? 0 : 1;
}
