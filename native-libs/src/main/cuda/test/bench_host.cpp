// The benchmark (bench/bench.cu has no device code) compiled as plain C++ against host_emulated_api.cpp,
// so that its CPU reference and parity checks are exercised on machines without a GPU.
#include "../bench/bench.cu"
