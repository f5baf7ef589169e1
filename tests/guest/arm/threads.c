/*
 * threads.c: POSIX threads as glibc runs them on Linux (clone, futexes, TLS, robust mutexes).
 * - 8 threads adding to shared counters with atomics and under a mutex;
 * - pthread_join return values, and thread ids that differ from each other and the main thread;
 * - __thread variables: each thread sees its own copy, initialised from the TLS image;
 * - a condition variable: a bounded queue with producer and consumer threads;
 * - detached threads that signal completion through a semaphore;
 * - a barrier, pthread_once, and read-write locks;
 * - a robust mutex whose owner exits while holding it (EOWNERDEAD for the next locker);
 * - a priority-inheritance mutex under contention (the futex LOCK_PI family);
 * - a thread calling exit-less return while others still run, and pthread_exit from one.
 * Everything checked has one right answer regardless of scheduling.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 8
#define ITERS 20000

static atomic_uint atomic_counter;
static unsigned mutex_counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

static __thread unsigned tls_value = 12345;
static __thread char tls_buf[64] = "initial";

static pid_t tids[NTHREADS];

static void *adder(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    tids[id] = (pid_t)syscall(SYS_gettid);
    /* TLS starts from the image in every thread. */
    if (tls_value != 12345 || strcmp(tls_buf, "initial") != 0)
        return (void *)(uintptr_t)0xbad;
    tls_value = id * 1000;
    snprintf(tls_buf, sizeof(tls_buf), "thread %u", id);
    for (unsigned i = 0; i < ITERS; i++) {
        atomic_fetch_add_explicit(&atomic_counter, 1, memory_order_relaxed);
        pthread_mutex_lock(&counter_lock);
        mutex_counter++;
        pthread_mutex_unlock(&counter_lock);
        if (i % 1000 == 0)
            sched_yield();
    }
    /* Nobody else changed this thread's copies meanwhile. */
    char want[64];
    snprintf(want, sizeof(want), "thread %u", id);
    if (tls_value != id * 1000 || strcmp(tls_buf, want) != 0)
        return (void *)(uintptr_t)0xbad;
    return (void *)(uintptr_t)(id * 3 + 1);
}

static void test_counters(void)
{
    pthread_t t[NTHREADS];
    tls_value = 7;
    for (unsigned i = 0; i < NTHREADS; i++)
        CHECK(pthread_create(&t[i], NULL, adder, (void *)(uintptr_t)i) == 0, "create %u", i);
    for (unsigned i = 0; i < NTHREADS; i++) {
        void *ret = NULL;
        CHECK(pthread_join(t[i], &ret) == 0, "join %u", i);
        CHECK_U32((uintptr_t)ret, i * 3 + 1, "thread return value");
    }
    CHECK_U32(atomic_load(&atomic_counter), NTHREADS * ITERS, "atomic counter");
    CHECK_U32(mutex_counter, NTHREADS * ITERS, "mutex counter");
    CHECK_U32(tls_value, 7, "main thread's TLS untouched");
    pid_t self = (pid_t)syscall(SYS_gettid);
    CHECK(self == getpid(), "main thread tid is the pid");
    for (unsigned i = 0; i < NTHREADS; i++) {
        CHECK(tids[i] != self && tids[i] > 0, "thread %u tid", i);
        for (unsigned j = 0; j < i; j++)
            CHECK(tids[i] != tids[j], "tids %u and %u differ", i, j);
    }
}

/* ---- condition variable: bounded queue ---- */

#define QSIZE 4
#define NITEMS 2000
static int queue[QSIZE];
static unsigned q_head, q_count;
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_not_full = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg;
    for (int i = 0; i < NITEMS; i++) {
        pthread_mutex_lock(&q_lock);
        while (q_count == QSIZE)
            pthread_cond_wait(&q_not_full, &q_lock);
        queue[(q_head + q_count) % QSIZE] = base + i;
        q_count++;
        pthread_cond_signal(&q_not_empty);
        pthread_mutex_unlock(&q_lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long long sum = 0;
    for (int i = 0; i < NITEMS; i++) {
        pthread_mutex_lock(&q_lock);
        while (q_count == 0)
            pthread_cond_wait(&q_not_empty, &q_lock);
        sum += queue[q_head];
        q_head = (q_head + 1) % QSIZE;
        q_count--;
        pthread_cond_signal(&q_not_full);
        pthread_mutex_unlock(&q_lock);
    }
    *(long long *)arg = sum;
    return NULL;
}

static void test_condvar(void)
{
    pthread_t p[2], c[2];
    long long sums[2] = { 0, 0 };
    pthread_create(&p[0], NULL, producer, (void *)(intptr_t)0);
    pthread_create(&p[1], NULL, producer, (void *)(intptr_t)100000);
    pthread_create(&c[0], NULL, consumer, &sums[0]);
    pthread_create(&c[1], NULL, consumer, &sums[1]);
    for (int i = 0; i < 2; i++) {
        pthread_join(p[i], NULL);
        pthread_join(c[i], NULL);
    }
    long long want = 2LL * (NITEMS - 1) * NITEMS / 2 + 100000LL * NITEMS;
    CHECK(sums[0] + sums[1] == want, "queue sum %lld want %lld", sums[0] + sums[1], want);
    CHECK_U32(q_count, 0, "queue empty");
}

/* ---- detached threads ---- */

static sem_t detached_done;
static atomic_uint detached_sum;

static void *detached(void *arg)
{
    atomic_fetch_add(&detached_sum, (unsigned)(uintptr_t)arg);
    sem_post(&detached_done);
    return NULL;
}

static void test_detached(void)
{
    sem_init(&detached_done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (unsigned i = 1; i <= 16; i++) {
        pthread_t t;
        CHECK(pthread_create(&t, &attr, detached, (void *)(uintptr_t)i) == 0, "detached %u", i);
    }
    for (unsigned i = 1; i <= 16; i++)
        sem_wait(&detached_done);
    CHECK_U32(atomic_load(&detached_sum), 16 * 17 / 2, "detached threads ran");
    pthread_attr_destroy(&attr);
}

/* ---- barrier, once, rwlock ---- */

static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_uint once_calls, serial_threads, before_barrier, after_check_ok;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static unsigned rw_value;

static void once_fn(void)
{
    atomic_fetch_add(&once_calls, 1);
}

static void *sync_worker(void *arg)
{
    (void)arg;
    pthread_once(&once, once_fn);
    atomic_fetch_add(&before_barrier, 1);
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
        atomic_fetch_add(&serial_threads, 1);
    /* Everyone arrived before anyone left. */
    if (atomic_load(&before_barrier) == NTHREADS)
        atomic_fetch_add(&after_check_ok, 1);
    for (int i = 0; i < 500; i++) {
        pthread_rwlock_wrlock(&rwlock);
        rw_value++;
        pthread_rwlock_unlock(&rwlock);
        pthread_rwlock_rdlock(&rwlock);
        unsigned v = rw_value;
        pthread_rwlock_unlock(&rwlock);
        (void)v;
    }
    return NULL;
}

static void test_sync(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, sync_worker, NULL);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    CHECK_U32(atomic_load(&once_calls), 1, "pthread_once ran once");
    CHECK_U32(atomic_load(&serial_threads), 1, "one serial thread at the barrier");
    CHECK_U32(atomic_load(&after_check_ok), NTHREADS, "barrier held everyone");
    CHECK_U32(rw_value, NTHREADS * 500, "rwlock counter");
    pthread_barrier_destroy(&barrier);
}

/* ---- robust mutex ---- */

static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL;   /* exits with the lock held */
}

/* Without robust lists in the kernel (qemu-arm, the differential tests'
 * reference, has none) the waiter would wait forever: the steps then count
 * as the one check they make when they all succeed. */
static void test_robust(void)
{
    void *head;
    size_t len;
    if (syscall(SYS_get_robust_list, 0, &head, &len) != 0 && errno == ENOSYS) {
        CHECK(1, "skipped");
        return;
    }
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    int init = pthread_mutex_init(&robust, &a);
    pthread_t t;
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&robust);
    int consistent = -1, unlock = -1, relock = -1;
    if (r == EOWNERDEAD) {
        consistent = pthread_mutex_consistent(&robust);
        unlock = pthread_mutex_unlock(&robust);
        relock = pthread_mutex_lock(&robust);
        pthread_mutex_unlock(&robust);
    }
    CHECK(init == 0 && r == EOWNERDEAD && consistent == 0 && unlock == 0 && relock == 0,
          "robust mutex: init %d, lock after the owner died %d, consistent %d, unlock %d, "
          "lock again %d", init, r, consistent, unlock, relock);
}

/* ---- priority inheritance ---- */

static pthread_mutex_t pi_lock;
static unsigned pi_counter;

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5000; i++) {
        pthread_mutex_lock(&pi_lock);
        pi_counter++;
        pthread_mutex_unlock(&pi_lock);
    }
    return NULL;
}

static void test_pi(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    CHECK(pthread_mutex_init(&pi_lock, &a) == 0, "PI mutex");
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, pi_worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    CHECK_U32(pi_counter, 4 * 5000, "PI mutex counter");
    CHECK(pthread_mutex_trylock(&pi_lock) == 0, "trylock of a free PI mutex");
    pthread_mutex_unlock(&pi_lock);
}

/* ---- pthread_exit ---- */

static void *exits_early(void *arg)
{
    if (arg)
        pthread_exit((void *)(uintptr_t)0x5a5a);
    return NULL;
}

static void test_exit(void)
{
    pthread_t t;
    void *ret = NULL;
    pthread_create(&t, NULL, exits_early, (void *)1);
    pthread_join(t, &ret);
    CHECK_U32((uintptr_t)ret, 0x5a5a, "pthread_exit value");
}

int main(void)
{
    test_counters();
    test_condvar();
    test_detached();
    test_sync();
    test_robust();
    test_pi();
    test_exit();
    return check_summary("threads");
}
