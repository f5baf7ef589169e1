/*
 * threadstress.c: many threads hammering shared state, to catch lost updates and races in the
 * translator (block cache, chaining, exclusive load/store, futexes).
 *   threadstress [ROUNDS]      (default 20)
 * Each round starts 16 threads; each does 100,000 increments of a mutex-protected counter, of
 * a counter updated with atomic add (LDREX/STREX or kernel helper loops), and of a spinlock-
 * protected 64-bit counter, then the round checks that no update was lost.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "check.h"

#define NTHREADS 16
#define ITERS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long mutex_counter;
static atomic_ulong atomic_counter;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static unsigned long long spin_counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        mutex_counter++;
        pthread_mutex_unlock(&lock);
        atomic_fetch_add_explicit(&atomic_counter, 1, memory_order_relaxed);
        if ((i & 15) == 0) {
            /* Yield while waiting: with more threads than cores a spinner could
             * otherwise burn its whole time slice while the holder is preempted. */
            while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
                sched_yield();
            spin_counter += 0x100000001ull;
            atomic_flag_clear_explicit(&spin, memory_order_release);
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    for (int r = 0; r < rounds; r++) {
        mutex_counter = 0;
        atomic_store(&atomic_counter, 0);
        spin_counter = 0;
        pthread_t t[NTHREADS];
        for (int i = 0; i < NTHREADS; i++)
            CHECK(pthread_create(&t[i], NULL, worker, NULL) == 0, "create");
        for (int i = 0; i < NTHREADS; i++)
            pthread_join(t[i], NULL);
        CHECK(mutex_counter == (unsigned long)NTHREADS * ITERS, "round %d: mutex counter %lu",
              r, mutex_counter);
        CHECK(atomic_load(&atomic_counter) == (unsigned long)NTHREADS * ITERS,
              "round %d: atomic counter %lu", r, atomic_load(&atomic_counter));
        unsigned long long want = (unsigned long long)NTHREADS * (ITERS / 16) * 0x100000001ull;
        CHECK(spin_counter == want, "round %d: spinlock counter 0x%llx", r, spin_counter);
    }
    printf("threadstress: %d rounds\n", rounds);
    return check_summary("threadstress");
}
