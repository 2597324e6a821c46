/* The kernels with mulx/adcx (BMI2 and ADX); CMake compiles this file with -mbmi2 -madx. */
#define ZK_ADX 1
#define ZK_KERNEL_PASTE(name) zk_adx_##name
#define ZK_KERNEL(name) ZK_KERNEL_PASTE(name)
#include "kernels.h"
#include "kernels.inc"
