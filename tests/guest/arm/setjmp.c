/*
 * setjmp.c: non-local jumps. setjmp/longjmp across several frames, values kept in volatile
 * locals and in callee-saved core and VFP registers, nested jump buffers, longjmp(env, 0)
 * turning into 1, sigsetjmp/siglongjmp restoring the signal mask, and a longjmp out of a signal
 * handler. glibc mangles the saved SP and LR with a guard taken from the auxiliary vector, so
 * this also checks AT_RANDOM-derived state survives.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

static jmp_buf env_outer, env_inner;
static int depth_reached;

NOINLINE static void descend(int depth, int target, int value)
{
    volatile char frame[64];
    frame[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth == target)
        longjmp(env_outer, value);
    if (depth < 10000)
        descend(depth + 1, target, value);
    frame[0]++; /* not reached */
}

static void check_basic(void)
{
    volatile int counter = 0;
    int r = setjmp(env_outer);
    if (r == 0) {
        counter = 10;
        descend(0, 50, 77);
        CHECK(0, "longjmp returned to its caller");
    } else {
        CHECK(r == 77, "setjmp returned %d after longjmp", r);
        CHECK(counter == 10, "volatile local after longjmp: %d", counter);
        CHECK(depth_reached == 50, "depth %d", depth_reached);
    }

    /* longjmp with 0 makes setjmp return 1. */
    r = setjmp(env_outer);
    if (r == 0)
        descend(0, 3, 0);
    else
        CHECK(r == 1, "longjmp(env, 0) gives %d", r);

    /* Jumping many times to the same buffer. */
    volatile int loops = 0;
    r = setjmp(env_outer);
    loops++;
    if (r < 1000)
        descend(0, r % 7, r + 1);
    CHECK(r == 1000 && loops == 1001, "repeated longjmp: r=%d loops=%d", r, loops);
}

/* Fills the callee-saved registers with garbage and jumps without returning, so only the
 * jump buffer can bring the caller's values back. */
NOINLINE static void clobber_and_jump(jmp_buf *target)
{
#ifdef __mips__
    __asm__ volatile("li $16, 0x44\n\tli $17, 0x55\n\tli $18, 0x66\n\tli $19, 0x88\n\t"
                     "li $20, 0x99\n\tli $21, 0xaa\n\tli $22, 0xbb\n\tli $23, 0xcc\n\t"
                     "mtc1 $16, $f20\n\tmtc1 $17, $f22\n\tmtc1 $18, $f24\n\tmtc1 $19, $f30"
                     ::: "$16", "$17", "$18", "$19", "$20", "$21", "$22", "$23", "$f20", "$f22",
                     "$f24", "$f30", "memory");
#else
    __asm__ volatile("mov r4, #0x44\n\tmov r5, #0x55\n\tmov r6, #0x66\n\tmov r8, #0x88\n\t"
                     "mov r9, #0x99\n\tmov r10, #0xaa\n\tvmov.f64 d8, #-1.0\n\t"
                     "vmov.f64 d9, #-2.0\n\tvmov.f64 d10, #-3.0\n\tvmov.f64 d15, #-4.0"
                     ::: "r4", "r5", "r6", "r8", "r9", "r10", "d8", "d9", "d10", "d15",
                     "memory");
#endif
    longjmp(*target, 1);
}

/* Values in callee-saved registers (r4-r11, d8-d15) must come back as they were at setjmp. */
NOINLINE static int registers_survive(uint32_t seed)
{
    uint32_t a = seed * 3, b = seed ^ 0x5a5a5a5a, c = seed + 12345, d = ~seed;
    uint32_t e = seed << 3, f = seed >> 2, g = seed * seed, h = seed - 77;
    double x = seed * 0.5, y = seed * 0.25 + 1.0, z = 3.5 - seed;
    volatile int jumped = 0;
    if (setjmp(env_inner) == 0)
        clobber_and_jump(&env_inner);
    else
        jumped = 1;
    uint32_t sum = a + b + c + d + e + f + g + h;
    uint32_t want = seed * 3 + (seed ^ 0x5a5a5a5a) + seed + 12345 + ~seed + (seed << 3) +
                    (seed >> 2) + seed * seed + seed - 77;
    double fsum = x + y + z, fwant = seed * 0.5 + (seed * 0.25 + 1.0) + (3.5 - seed);
    return jumped && sum == want && fsum == fwant;
}

static void check_registers(void)
{
    for (uint32_t s = 1; s < 200; s += 13)
        CHECK(registers_survive(s), "callee-saved registers across longjmp, seed %u", s);
}

/* Nested buffers: an inner handler catches, an outer one catches a rethrow. */
NOINLINE static void thrower(jmp_buf *target, int code)
{
    longjmp(*target, code);
}

static void check_nested(void)
{
    volatile int trace = 0;
    int r = setjmp(env_outer);
    if (r == 0) {
        int r2 = setjmp(env_inner);
        if (r2 == 0) {
            trace = trace * 10 + 1;
            thrower(&env_inner, 5);
        } else {
            CHECK(r2 == 5, "inner catch got %d", r2);
            trace = trace * 10 + 2;
            thrower(&env_outer, 9); /* rethrow */
        }
    } else {
        CHECK(r == 9, "outer catch got %d", r);
        trace = trace * 10 + 3;
    }
    CHECK(trace == 123, "nested trace %d", trace);

    /* An array of buffers used as a stack of handlers. */
    static jmp_buf stack[20];
    volatile int caught = 0;
    for (volatile int level = 0; level < 20; level++) {
        int code = setjmp(stack[level]);
        if (code) {
            caught += code;
            continue;
        }
        if (level % 2)
            thrower(&stack[level], level);
    }
    CHECK(caught == 1 + 3 + 5 + 7 + 9 + 11 + 13 + 15 + 17 + 19, "handler stack: %d", caught);
}

/* ---- signal masks (jumping out of running handlers: signals.c) ---- */

static sigjmp_buf sig_env;

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void check_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    /* sigsetjmp(env, 1) saves the mask; siglongjmp restores it. */
    if (sigsetjmp(sig_env, 1) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        CHECK(!blocked(SIGUSR2), "SIGUSR2 unblocked");
        siglongjmp(sig_env, 1);
    }
    CHECK(blocked(SIGUSR2), "siglongjmp restored the blocked mask");

    /* sigsetjmp(env, 0) does not. */
    if (sigsetjmp(sig_env, 0) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        siglongjmp(sig_env, 1);
    }
    CHECK(!blocked(SIGUSR2), "sigsetjmp(env, 0) leaves the mask alone");

}

int main(void)
{
    check_basic();
    check_registers();
    check_nested();
    check_signals();
    return check_summary("setjmp");
}
