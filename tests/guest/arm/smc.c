/*
 * smc.c: code that changes while the program runs, as JIT compilers and trampolines make it.
 * - ARM and Thumb functions written into an mmap'ed RWX page, run, overwritten, the cache
 *   flushed (__builtin___clear_cache, and the cacheflush system call), run again;
 * - a thousand patch-and-run rounds of a small loop function;
 * - W^X: mprotect RW -> RX -> RW -> RX with new code each time;
 * - code that keeps a counter in the page it runs from (every call writes its own code page);
 * - another thread running the code while the main thread rewrites it;
 * - with the argument "self": code that stores into its own instruction stream a few
 *   instructions ahead and then runs the new instruction.  The architecture leaves that
 *   unpredictable without cache maintenance (qemu-arm runs the old one), so it is not part of
 *   the default run the differential tests compare; ferry runs the new one.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define ARM_MOV_R0(imm) (0xe3a00000u | (imm))   /* mov r0, #imm (imm < 256) */
#define ARM_BX_LR 0xe12fff1eu
#define ARM_NOP 0xe1a00000u

typedef int (*fn0)(void);
typedef int (*fn1)(int);

static uint32_t *page;

static void flush(void *start, size_t len)
{
    __builtin___clear_cache((char *)start, (char *)start + len);
}

static int call_arm(uint32_t *code)
{
    return ((fn0)(uintptr_t)code)();
}

static void test_patch(void)
{
    page[0] = ARM_MOV_R0(11);
    page[1] = ARM_BX_LR;
    flush(page, 8);
    CHECK(call_arm(page) == 11, "first version");
    page[0] = ARM_MOV_R0(22);
    flush(page, 8);
    CHECK(call_arm(page) == 22, "patched version");
    /* The ARM private cacheflush system call does the same. */
    page[0] = ARM_MOV_R0(33);
    syscall(0xf0002, page, page + 2, 0);
    CHECK(call_arm(page) == 33, "after cacheflush");

    /* Thumb: movs r0, #imm; bx lr. */
    uint16_t *t = (uint16_t *)(page + 16);
    t[0] = 0x2000 | 44;
    t[1] = 0x4770;
    flush(t, 4);
    CHECK(((fn0)((uintptr_t)t | 1))() == 44, "Thumb code");
    t[0] = 0x2000 | 55;
    flush(t, 4);
    CHECK(((fn0)((uintptr_t)t | 1))() == 55, "Thumb code patched");
}

/* sum = 0; for (i = n; i; i--) sum += K; return sum;  with K patched each round:
 *   mov r1, #0; 1: add r1, r1, #K; subs r0, r0, #1; bne 1b; mov r0, r1; bx lr */
static void test_rounds(void)
{
    uint32_t *f = page + 64;
    unsigned bad = 0;
    for (unsigned k = 0; k < 1000; k++) {
        unsigned imm = k & 0xff;
        f[0] = 0xe3a01000u;                 /* mov r1, #0 */
        f[1] = 0xe2811000u | imm;           /* add r1, r1, #imm */
        f[2] = 0xe2500001u;                 /* subs r0, r0, #1 */
        f[3] = 0x1afffffcu;                 /* bne f+4 */
        f[4] = 0xe1a00001u;                 /* mov r0, r1 */
        f[5] = ARM_BX_LR;
        flush(f, 24);
        int n = 1 + (int)(k % 7);
        if (((fn1)(uintptr_t)f)(n) != (int)(imm * (unsigned)n))
            bad++;
    }
    CHECK(bad == 0, "patched loop rounds: %u wrong", bad);
}

static void test_wx(void)
{
    uint32_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (unsigned v = 1; v <= 4; v++) {
        mprotect(p, 4096, PROT_READ | PROT_WRITE);
        p[0] = ARM_MOV_R0(v * 10);
        p[1] = ARM_BX_LR;
        mprotect(p, 4096, PROT_READ | PROT_EXEC);
        flush(p, 8);
        CHECK(call_arm(p) == (int)v * 10, "W^X round %u", v);
    }
    munmap(p, 4096);
}

/* Stores "mov r0, #2" over the instruction two ahead of the store, in the same block. */
static void test_self_store(void)
{
    uint32_t *f = page + 128;
    for (int round = 0; round < 3; round++) {
        f[0] = 0xe59f1010u;                 /* ldr r1, [pc, #16]  (f[6]) */
        f[1] = 0xe58f1004u;                 /* str r1, [pc, #4]   (f[4]) */
        f[2] = ARM_NOP;
        f[3] = ARM_NOP;
        f[4] = ARM_MOV_R0(1);               /* replaced before it runs */
        f[5] = ARM_BX_LR;
        f[6] = ARM_MOV_R0(2);               /* data */
        flush(f, 28);
        CHECK(call_arm(f) == 2, "self-modifying block, round %d", round);
    }
}

/* A counter kept in the code page: ldr r0, [pc, #8]; add r0, #1; str r0, [pc, #0]; bx lr;
 * .word count.  Every call writes the page its code comes from. */
static void test_counter_in_code(void)
{
    uint32_t *f = page + 192;
    f[0] = 0xe59f0008u;                     /* ldr r0, [pc, #8]   (f[4]) */
    f[1] = 0xe2800001u;                     /* add r0, r0, #1 */
    f[2] = 0xe58f0000u;                     /* str r0, [pc, #0]   (f[4]) */
    f[3] = ARM_BX_LR;
    f[4] = 100;
    flush(f, 20);
    int last = 0;
    for (int i = 0; i < 500; i++)
        last = call_arm(f);
    CHECK(last == 600 && f[4] == 600, "counter in the code page: %d", last);
}

/* One thread keeps calling a function while the main thread rewrites it: every result is one
 * of the versions written, and the last version is seen eventually. */
static atomic_int stop, seen_last, bad_value;

static void *runner(void *arg)
{
    uint32_t *f = arg;
    while (!atomic_load(&stop)) {
        int v = call_arm(f);
        if (v < 1 || v > 200)
            atomic_store(&bad_value, v);
        if (v == 200)
            atomic_store(&seen_last, 1);
    }
    return NULL;
}

static void test_threads(void)
{
    uint32_t *f = page + 256;
    f[0] = ARM_MOV_R0(1);
    f[1] = ARM_BX_LR;
    flush(f, 8);
    pthread_t t;
    pthread_create(&t, NULL, runner, f);
    for (unsigned v = 2; v <= 200; v++) {
        f[0] = ARM_MOV_R0(v);
        flush(f, 4);
        sched_yield();
    }
    for (int i = 0; i < 1000000 && !atomic_load(&seen_last); i++)
        sched_yield();
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    CHECK(atomic_load(&seen_last), "the other thread ran the new code");
    CHECK(atomic_load(&bad_value) == 0, "only versions that were written: %d",
          atomic_load(&bad_value));
}

int main(int argc, char **argv)
{
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    CHECK(page != MAP_FAILED, "RWX mapping");
    if (page == MAP_FAILED)
        return check_summary("smc");
    if (argc > 1 && !strcmp(argv[1], "self")) {
        test_self_store();
        return check_summary("smc self");
    }
    test_patch();
    test_rounds();
    test_wx();
    test_counter_in_code();
    test_threads();
    return check_summary("smc");
}
