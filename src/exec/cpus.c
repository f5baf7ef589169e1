/*
 * The guest CPUs (one per guest thread) and exclusive sections.
 *
 * A thread is "running" (CPUCommon.running) while it may execute generated
 * code or hold pointers to translated blocks: from the top of its cpu loop
 * until it leaves for a system call or another guest exit.  Dropping the
 * whole code buffer (tb_flush) frees every block, so it runs in an
 * exclusive section: the requester sets exit_request in every running
 * thread and waits until each has left; threads that try to start running
 * meanwhile wait until the section ends.  Threads blocked in system calls
 * are not running and do not delay it.
 *
 * The fast paths (exec_cpu_start/exec_cpu_end on every guest exit) are one
 * sequentially consistent store and one load: a thread publishes running,
 * then looks at excl_active; the requester publishes excl_active, then
 * looks at running.  At least one of the two sees the other, and the slow
 * paths sort it out under cpus_lock.
 *
 * Usage:
 *     exec_cpu_add(cc); exec_cpu_start(cc);
 *     ... run blocks ...
 *     exec_cpu_end(cc); blocking_syscall(); exec_cpu_start(cc);
 *
 *     exec_cpu_end(self); exec_start_exclusive(); tb_flush(); exec_end_exclusive();
 *     exec_cpu_start(self);
 */
#include "exec/cpus.h"

#include <pthread.h>
#include <stdlib.h>

#include "common/log.h"

static pthread_mutex_t cpus_lock = PTHREAD_MUTEX_INITIALIZER;
/* Signalled when the last running thread an exclusive section waits for
 * has stopped. */
static pthread_cond_t excl_stopped = PTHREAD_COND_INITIALIZER;
/* Broadcast when an exclusive section ends. */
static pthread_cond_t excl_resume = PTHREAD_COND_INITIALIZER;

static CPUCommon **cpus;
static int ncpus, cap_cpus;
static volatile int32_t excl_active;
static int excl_pending;

void exec_cpu_add(CPUCommon *cc)
{
    pthread_mutex_lock(&cpus_lock);
    if (ncpus == cap_cpus) {
        cap_cpus = cap_cpus ? cap_cpus * 2 : 16;
        cpus = realloc(cpus, (size_t)cap_cpus * sizeof(*cpus));
        if (!cpus)
            ferry_fatal("out of memory");
    }
    cpus[ncpus++] = cc;
    pthread_mutex_unlock(&cpus_lock);
}

/* One fewer thread for the current exclusive section to wait for. */
static void excl_release_locked(CPUCommon *cc)
{
    if (!cc->ts->excl_waited)
        return;
    cc->ts->excl_waited = 0;
    if (--excl_pending == 0)
        pthread_cond_signal(&excl_stopped);
}

void exec_cpu_remove(CPUCommon *cc)
{
    pthread_mutex_lock(&cpus_lock);
    excl_release_locked(cc);
    for (int i = 0; i < ncpus; i++) {
        if (cpus[i] == cc) {
            cpus[i] = cpus[--ncpus];
            break;
        }
    }
    pthread_mutex_unlock(&cpus_lock);
}

void exec_cpu_start(CPUCommon *cc)
{
    __atomic_store_n(&cc->ts->running, 1, __ATOMIC_SEQ_CST);
    if (__builtin_expect(!__atomic_load_n(&excl_active, __ATOMIC_SEQ_CST), 1))
        return;
    pthread_mutex_lock(&cpus_lock);
    while (excl_active) {
        /* The section may have counted this thread as running. */
        excl_release_locked(cc);
        __atomic_store_n(&cc->ts->running, 0, __ATOMIC_SEQ_CST);
        pthread_cond_wait(&excl_resume, &cpus_lock);
        __atomic_store_n(&cc->ts->running, 1, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&cpus_lock);
}

void exec_cpu_end(CPUCommon *cc)
{
    __atomic_store_n(&cc->ts->running, 0, __ATOMIC_SEQ_CST);
    if (__builtin_expect(!__atomic_load_n(&excl_active, __ATOMIC_SEQ_CST), 1))
        return;
    pthread_mutex_lock(&cpus_lock);
    excl_release_locked(cc);
    pthread_mutex_unlock(&cpus_lock);
}

bool exec_exclusive_pending(void)
{
    return __atomic_load_n(&excl_active, __ATOMIC_RELAXED) != 0;
}

void exec_start_exclusive(void)
{
    pthread_mutex_lock(&cpus_lock);
    while (excl_active)
        pthread_cond_wait(&excl_resume, &cpus_lock);
    __atomic_store_n(&excl_active, 1, __ATOMIC_SEQ_CST);
    excl_pending = 0;
    for (int i = 0; i < ncpus; i++) {
        CPUCommon *cc = cpus[i];
        if (!__atomic_load_n(&cc->ts->running, __ATOMIC_SEQ_CST))
            continue;
        cc->ts->excl_waited = 1;
        excl_pending++;
        __atomic_store_n(&cc->exit_request, 1, __ATOMIC_SEQ_CST);
    }
    while (excl_pending)
        pthread_cond_wait(&excl_stopped, &cpus_lock);
    pthread_mutex_unlock(&cpus_lock);
}

void exec_end_exclusive(void)
{
    pthread_mutex_lock(&cpus_lock);
    __atomic_store_n(&excl_active, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&excl_resume);
    pthread_mutex_unlock(&cpus_lock);
}

void exec_cpus_mark_jc_stale(void)
{
    pthread_mutex_lock(&cpus_lock);
    for (int i = 0; i < ncpus; i++) {
        __atomic_store_n(&cpus[i]->ts->jc_stale, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&cpus[i]->exit_request, 1, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&cpus_lock);
}

int exec_cpu_count(void)
{
    pthread_mutex_lock(&cpus_lock);
    int n = ncpus;
    pthread_mutex_unlock(&cpus_lock);
    return n;
}
