/*
 * Unit tests for exclusive sections (src/exec/cpus.c): host threads play guest
 * CPUs, alternately "running" (counted in a shared gauge) and stopped the way
 * the cpu loop stops (at an exit request, or around a blocking call), while
 * other threads take exclusive sections.  Inside a section the gauge must read
 * zero: no thread runs.  Threads that stop only when exit_request asks them to
 * check it, as generated code does at block entries.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "exec/cpus.h"
#include "unit_check.h"

#define NCPUS 6
#define ROUNDS 5000
#define SECTIONS 2000

static atomic_int gauge;          /* threads inside their running region */
static atomic_int violations;
static atomic_int done_cpus;
static atomic_int sections;

typedef struct Cpu {
    CPUCommon cc;
    CPUThreadState ts;
    int id;
} Cpu;

static void *cpu_thread(void *arg)
{
    Cpu *c = arg;
    exec_cpu_add(&c->cc);
    for (int r = 0; r < ROUNDS; r++) {
        exec_cpu_start(&c->cc);
        atomic_fetch_add(&gauge, 1);
        /* "Generated code": blocks of work, an exit request check at each block entry. */
        for (int b = 0; b < 4 && !__atomic_load_n(&c->cc.exit_request, __ATOMIC_RELAXED); b++) {
            for (int i = 0; i < 2000; i++)
                __asm__ volatile("" ::: "memory");
        }
        atomic_fetch_sub(&gauge, 1);
        if (__atomic_exchange_n(&c->cc.exit_request, 0, __ATOMIC_SEQ_CST) &&
            exec_exclusive_pending()) {
            exec_cpu_end(&c->cc);
            exec_cpu_start(&c->cc);
        }
        /* Every few rounds a "system call": not running meanwhile. */
        exec_cpu_end(&c->cc);
        if (r % 7 == c->id)
            sched_yield();
    }
    exec_cpu_remove(&c->cc);
    atomic_fetch_add(&done_cpus, 1);
    return NULL;
}

static void *exclusive_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < SECTIONS && atomic_load(&done_cpus) < NCPUS; i++) {
        exec_start_exclusive();
        for (int k = 0; k < 50; k++) {
            if (atomic_load(&gauge) != 0)
                atomic_fetch_add(&violations, 1);
        }
        atomic_fetch_add(&sections, 1);
        exec_end_exclusive();
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    static Cpu cpus[NCPUS];
    pthread_t t[NCPUS], x[2];
    for (int i = 0; i < NCPUS; i++) {
        cpus[i].cc.ts = &cpus[i].ts;
        cpus[i].id = i;
        pthread_create(&t[i], NULL, cpu_thread, &cpus[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_create(&x[i], NULL, exclusive_thread, NULL);
    for (int i = 0; i < NCPUS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(x[i], NULL);
    CHECK(atomic_load(&sections) >= 10);
    CHECK_EQ(atomic_load(&violations), 0);
    CHECK_EQ(atomic_load(&gauge), 0);
    CHECK_EQ(exec_cpu_count(), 0);
    /* jc_stale marks reach registered CPUs only. */
    Cpu one = { .id = 0 };
    one.cc.ts = &one.ts;
    exec_cpu_add(&one.cc);
    exec_cpus_mark_jc_stale();
    CHECK(one.ts.jc_stale && one.cc.exit_request);
    exec_cpu_remove(&one.cc);
    return unit_summary();
}
