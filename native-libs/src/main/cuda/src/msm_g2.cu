// G2 MSM: the C entry point zkc_msm_g2 (see msm_driver.cuh).
#include "msm_driver.cuh"

extern "C" int zkc_msm_g2(const uint64_t* bases, const uint64_t* scalars, uint64_t n, uint64_t* out,
                          zkc_timing* timing) {
    if ((n > 0 && (bases == nullptr || scalars == nullptr)) || out == nullptr) {
        zk::set_last_error("zkc_msm_g2: null array");
        return ZKC_ERR_ARGUMENT;
    }
    return zk::guarded([&] { zk::msm<zk::G2Jac>(bases, scalars, n, out, timing); });
}
