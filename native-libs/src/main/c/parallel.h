/* A fork-join loop over tasks on pthreads: the calling thread and up to threads-1 helpers pull task indices. */
#ifndef ZK_PARALLEL_H
#define ZK_PARALLEL_H

#include "zkinfer_native.h"

typedef void (*zk_task_fn)(void *ctx, int64_t task);

/*
 * Runs fn(ctx, t) for every t in [0, tasks) on at most `threads` threads and returns ZK_OK, or
 * ZK_ERR_THREAD (status filled) when a helper thread cannot be started; then no further task starts
 * and the tasks already running finish before it returns.
 */
int zk_parallel_for(int threads, int64_t tasks, zk_task_fn fn, void *ctx, zk_status *status);

/* Fills status with code and a printf-style message; returns code. */
int zk_fail(zk_status *status, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
