#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZK_MAX_THREADS 256

typedef struct {
    zk_task_fn fn;
    void *ctx;
    int64_t tasks;
    int64_t next; /* atomic */
    int stop;     /* atomic */
} loop_t;

static void *run_loop(void *arg) {
    loop_t *loop = (loop_t *) arg;
    for (;;) {
        if (__atomic_load_n(&loop->stop, __ATOMIC_ACQUIRE)) {
            break;
        }
        int64_t t = __atomic_fetch_add(&loop->next, 1, __ATOMIC_RELAXED);
        if (t >= loop->tasks) {
            break;
        }
        loop->fn(loop->ctx, t);
    }
    return NULL;
}

int zk_fail(zk_status *status, int code, const char *fmt, ...) {
    status->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(status->message, sizeof status->message, fmt, ap);
    va_end(ap);
    return code;
}

int zk_parallel_for(int threads, int64_t tasks, zk_task_fn fn, void *ctx, zk_status *status) {
    loop_t loop = {fn, ctx, tasks, 0, 0};
    if (threads > ZK_MAX_THREADS) {
        threads = ZK_MAX_THREADS;
    }
    if ((int64_t) threads > tasks) {
        threads = (int) tasks;
    }
    if (threads <= 1) {
        run_loop(&loop);
        return ZK_OK;
    }
    pthread_t ids[ZK_MAX_THREADS];
    int started = 0;
    int error = 0;
    for (int i = 0; i < threads - 1; i++) {
        error = pthread_create(&ids[i], NULL, run_loop, &loop);
        if (error != 0) {
            __atomic_store_n(&loop.stop, 1, __ATOMIC_RELEASE);
            break;
        }
        started++;
    }
    if (error == 0) {
        run_loop(&loop);
    }
    for (int i = 0; i < started; i++) {
        pthread_join(ids[i], NULL);
    }
    if (error != 0) {
        return zk_fail(status, ZK_ERR_THREAD, "could not start kernel thread %d of %d: %s", started + 1, threads - 1,
                       strerror(error));
    }
    return ZK_OK;
}
