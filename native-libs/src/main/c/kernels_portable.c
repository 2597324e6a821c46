/* The kernels on unsigned __int128 arithmetic: any x86-64 (or other 64-bit) CPU. */
#define ZK_KERNEL_PASTE(name) zk_portable_##name
#define ZK_KERNEL(name) ZK_KERNEL_PASTE(name)
#include "kernels.h"
#include "kernels.inc"
