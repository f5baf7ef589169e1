/*
 * signals.c: signal delivery as Linux does it for ARM programs.
 * - SA_SIGINFO handlers reading si_signo, si_code, si_pid, si_value (raise, kill, sigqueue);
 * - SA_RESTART: a read from an empty pipe interrupted by a setitimer SIGALRM restarts (and gets
 *   the byte the handler wrote) with it, fails with EINTR without it;
 * - SA_NODEFER (the handler nests) and the default deferral; SA_RESETHAND;
 * - masks: sigprocmask, a blocked signal pending (sigpending) and delivered on unblock,
 *   pthread_sigmask steering a process-directed signal to the one thread that accepts it,
 *   tgkill to a chosen thread, sigsuspend, sigwait, sigtimedwait (timeout and a queued value);
 * - waits: pause, poll and select interrupted (EINTR despite SA_RESTART), select and poll on a
 *   ready pipe, ppoll and pselect with a temporary mask that lets a pending signal in;
 * - synchronous faults: SIGSEGV from a NULL write (si_addr, SEGV_MAPERR) and from a read-only
 *   page (SEGV_ACCERR), left with siglongjmp; SIGILL from udf (ILL_ILLOPC, si_addr = pc),
 *   resumed by moving the pc in the ucontext, and SIGTRAP from bkpt likewise; SIGBUS past
 *   the end of a mapped file; SIGFPE and SIGTRAP by raise;
 * - SA_ONSTACK: a thread overflows its stack and its SIGSEGV handler runs on the sigaltstack;
 * - every core and VFP register, the flags and FPSCR come back intact from a handler that uses
 *   floating point and changes the rounding mode (the sigreturn path).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fenv.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static pid_t gettid_(void)
{
    return (pid_t)syscall(SYS_gettid);
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void unblock(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void block(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_BLOCK, &s, NULL);
}

/* ---- siginfo ---- */

static volatile int got_sig, got_code, got_pid, got_value, got_count;
static volatile pid_t got_tid;

static void info_handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = si->si_signo;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_value = si->si_value.sival_int;
    got_tid = gettid_();
    got_count++;
    (void)sig;
    (void)uc;
}

static void test_siginfo(void)
{
    set_handler(SIGUSR1, info_handler, 0);
    got_count = 0;
    raise(SIGUSR1);
    CHECK(got_count == 1 && got_sig == SIGUSR1, "raise delivered: %d %d", got_count, got_sig);
    CHECK(got_code == SI_TKILL, "raise: si_code %d", got_code);
    CHECK(got_pid == getpid(), "raise: si_pid");
    kill(getpid(), SIGUSR1);
    CHECK(got_count == 2 && got_code == SI_USER, "kill: si_code %d", got_code);
    union sigval v = { .sival_int = 0x1234 };
    sigqueue(getpid(), SIGUSR1, v);
    CHECK(got_count == 3 && got_code == SI_QUEUE && got_value == 0x1234,
          "sigqueue: code %d value 0x%x", got_code, got_value);
    /* Real-time signals queue every instance; standard ones collapse. */
    set_handler(SIGRTMIN + 1, info_handler, 0);
    block(SIGRTMIN + 1);
    block(SIGUSR1);
    got_count = 0;
    for (int i = 0; i < 3; i++) {
        v.sival_int = i;
        sigqueue(getpid(), SIGRTMIN + 1, v);
        raise(SIGUSR1);
    }
    CHECK(got_count == 0, "blocked signals wait");
    unblock(SIGRTMIN + 1);
    CHECK(got_count == 3 && got_value == 2, "three real-time instances: %d", got_count);
    unblock(SIGUSR1);
    CHECK(got_count == 4, "one SIGUSR1 instance: %d", got_count);
}

/* ---- SA_RESTART ---- */

static int pipefd[2];

static void alarm_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    got_count++;
    if (got_value)
        write(pipefd[1], "x", 1);
}

static void arm_timer(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void test_restart(void)
{
    char c = 0;
    pipe(pipefd);
    set_handler(SIGALRM, alarm_handler, SA_RESTART);
    got_count = 0;
    got_value = 1;   /* the handler feeds the pipe */
    arm_timer();
    ssize_t n = read(pipefd[0], &c, 1);
    CHECK(n == 1 && c == 'x' && got_count == 1, "restarted read: %d '%c' %d", (int)n, c,
          got_count);
    set_handler(SIGALRM, alarm_handler, 0);
    got_value = 0;
    arm_timer();
    errno = 0;
    n = read(pipefd[0], &c, 1);
    CHECK(n == -1 && errno == EINTR && got_count == 2, "interrupted read: %d errno %d",
          (int)n, errno);
    /* A sleep is never restarted: EINTR with the time left. */
    arm_timer();
    struct timespec req = { 5, 0 }, rem = { 0, 0 };
    int r = nanosleep(&req, &rem);
    CHECK(r == -1 && errno == EINTR && rem.tv_sec >= 3 && rem.tv_sec <= 5,
          "interrupted nanosleep: %d errno %d rem %ld", r, errno, (long)rem.tv_sec);
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- waits ---- */

static void test_waits(void)
{
    pipe(pipefd);
    set_handler(SIGALRM, alarm_handler, SA_RESTART);
    got_value = 0;
    got_count = 0;
    arm_timer();
    int r = pause();
    CHECK(r == -1 && errno == EINTR && got_count == 1, "pause: %d", r);
    struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
    arm_timer();
    r = poll(&pfd, 1, 5000);
    CHECK(r == -1 && errno == EINTR && got_count == 2, "poll interrupted: %d", r);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(pipefd[0], &rd);
    struct timeval tv = { 5, 0 };
    arm_timer();
    r = select(pipefd[0] + 1, &rd, NULL, NULL, &tv);
    CHECK(r == -1 && errno == EINTR && got_count == 3, "select interrupted: %d", r);

    write(pipefd[1], "y", 1);
    FD_ZERO(&rd);
    FD_SET(pipefd[0], &rd);
    FD_SET(pipefd[1], &rd);
    tv.tv_sec = 1;
    r = select(pipefd[1] + 1, &rd, NULL, NULL, &tv);
    CHECK(r == 1 && FD_ISSET(pipefd[0], &rd) && !FD_ISSET(pipefd[1], &rd), "select ready: %d", r);
    r = poll(&pfd, 1, 1000);
    CHECK(r == 1 && (pfd.revents & POLLIN), "poll ready: %d", r);

    /* A blocked signal pending; ppoll/pselect's mask lets it in. */
    char c;
    read(pipefd[0], &c, 1);
    set_handler(SIGUSR1, info_handler, 0);
    block(SIGUSR1);
    got_count = 0;
    raise(SIGUSR1);
    sigset_t none, cur;
    sigemptyset(&none);
    struct timespec ts = { 5, 0 };
    r = ppoll(&pfd, 1, &ts, &none);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(r == -1 && errno == EINTR && got_count == 1 && sigismember(&cur, SIGUSR1),
          "ppoll with a mask: %d %d", r, got_count);
    raise(SIGUSR1);
    FD_ZERO(&rd);
    FD_SET(pipefd[0], &rd);
    r = pselect(pipefd[0] + 1, &rd, NULL, NULL, &ts, &none);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(r == -1 && errno == EINTR && got_count == 2 && sigismember(&cur, SIGUSR1),
          "pselect with a mask: %d %d", r, got_count);
    /* Nothing pending: the mask comes back after a timeout too. */
    ts.tv_sec = 0;
    ts.tv_nsec = 1000000;
    r = ppoll(&pfd, 1, &ts, &none);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(r == 0 && sigismember(&cur, SIGUSR1), "ppoll timeout: %d", r);
    unblock(SIGUSR1);
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- SA_NODEFER, deferral, SA_RESETHAND ---- */

static volatile int depth, max_depth, order[4], norder;

static void nest_handler(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    order[norder++] = depth;
    if (norder == 1)
        raise(sig);   /* nests with SA_NODEFER, waits for the return otherwise */
    depth--;
}

static void test_nodefer(void)
{
    set_handler(SIGUSR2, nest_handler, SA_NODEFER);
    depth = max_depth = norder = 0;
    raise(SIGUSR2);
    CHECK(max_depth == 2 && norder == 2, "SA_NODEFER nests: depth %d", max_depth);
    set_handler(SIGUSR2, nest_handler, 0);
    depth = max_depth = norder = 0;
    raise(SIGUSR2);
    CHECK(max_depth == 1 && norder == 2 && order[1] == 1, "deferred: depth %d runs %d",
          max_depth, norder);

    set_handler(SIGUSR2, info_handler, SA_RESETHAND);
    got_count = 0;
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    CHECK(got_count == 1 && now.sa_handler == SIG_DFL, "SA_RESETHAND: %d", got_count);
}

/* ---- masks ---- */

static void test_masks(void)
{
    set_handler(SIGUSR1, info_handler, 0);
    block(SIGUSR1);
    got_count = 0;
    raise(SIGUSR1);
    sigset_t pend;
    sigemptyset(&pend);
    sigpending(&pend);
    CHECK(got_count == 0 && sigismember(&pend, SIGUSR1), "blocked and pending");
    unblock(SIGUSR1);
    CHECK(got_count == 1, "delivered when unblocked");
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1), "no longer pending");

    /* sigsuspend: wait with the signal unblocked, then the old mask is back. */
    block(SIGUSR1);
    raise(SIGUSR1);
    sigset_t wait_mask, cur;
    sigemptyset(&wait_mask);
    errno = 0;
    int r = sigsuspend(&wait_mask);
    CHECK(r == -1 && errno == EINTR && got_count == 2, "sigsuspend: %d errno %d", r, errno);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(sigismember(&cur, SIGUSR1), "mask restored after sigsuspend");

    /* sigwait takes a blocked signal without running the handler. */
    raise(SIGUSR1);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    int sig = 0;
    CHECK(sigwait(&set, &sig) == 0 && sig == SIGUSR1 && got_count == 2, "sigwait: %d", sig);
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    siginfo_t si;
    errno = 0;
    CHECK(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN, "sigtimedwait timeout");
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGUSR1, v);
    memset(&si, 0, sizeof(si));
    r = sigtimedwait(&set, &si, &ts);
    CHECK(r == SIGUSR1 && si.si_code == SI_QUEUE && si.si_value.sival_int == 77,
          "sigtimedwait: %d code %d value %d", r, si.si_code, si.si_value.sival_int);
    unblock(SIGUSR1);
}

static atomic_int thread_ready, thread_stop;
static volatile pid_t worker_tid;

static void *mask_worker(void *arg)
{
    /* This thread accepts SIGUSR1; the main thread blocks it. */
    worker_tid = gettid_();
    if (arg)
        unblock(SIGUSR1);
    atomic_store(&thread_ready, 1);
    while (!atomic_load(&thread_stop))
        sched_yield();
    return NULL;
}

static void test_thread_masks(void)
{
    set_handler(SIGUSR1, info_handler, 0);
    block(SIGUSR1);   /* inherited by the thread, which unblocks it */
    pthread_t t;
    atomic_store(&thread_ready, 0);
    atomic_store(&thread_stop, 0);
    got_count = 0;
    pthread_create(&t, NULL, mask_worker, (void *)1);
    while (!atomic_load(&thread_ready))
        sched_yield();
    kill(getpid(), SIGUSR1);
    for (int i = 0; i < 100000 && got_count == 0; i++)
        sched_yield();
    CHECK(got_count == 1 && got_tid == worker_tid, "process signal went to the thread");
    /* tgkill aims at one thread. */
    got_count = 0;
    syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1);
    for (int i = 0; i < 100000 && got_count == 0; i++)
        sched_yield();
    CHECK(got_count == 1 && got_tid == worker_tid, "tgkill to the thread");
    atomic_store(&thread_stop, 1);
    pthread_join(t, NULL);

    /* pthread_sigmask is the thread's own mask. */
    unblock(SIGUSR1);
    got_count = 0;
    sigset_t s, old;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, &old);
    pthread_kill(pthread_self(), SIGUSR1);
    CHECK(got_count == 0, "pthread_sigmask blocks");
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    CHECK(got_count == 1 && got_tid == gettid_(), "pthread_kill to self");
}

/* ---- synchronous faults ---- */

static sigjmp_buf jump;
static volatile uintptr_t fault_addr, fault_pc;
static volatile int fault_sig, fault_code;

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (uintptr_t)si->si_addr;
    fault_pc = uc->uc_mcontext.arm_pc;
    siglongjmp(jump, 1);
}

static void skip_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (uintptr_t)si->si_addr;
    fault_pc = uc->uc_mcontext.arm_pc;
    /* Step over the udf or bkpt (Thumb: 2 bytes). */
    uc->uc_mcontext.arm_pc += (uc->uc_mcontext.arm_cpsr & 0x20) ? 2 : 4;
}

__attribute__((noinline)) static void write_to(volatile int *p)
{
    *p = 1;
}

static void test_faults(void)
{
    set_handler(SIGSEGV, fault_handler, 0);
    fault_sig = 0;
    if (sigsetjmp(jump, 1) == 0) {
        write_to((volatile int *)0);
        CHECK(0, "NULL write did not fault");
    }
    CHECK(fault_sig == SIGSEGV && fault_code == SEGV_MAPERR && fault_addr == 0,
          "NULL write: sig %d code %d", fault_sig, fault_code);
    uintptr_t fn = (uintptr_t)write_to & ~1u;
    CHECK(fault_pc >= fn && fault_pc < fn + 16, "fault pc in write_to");

    volatile int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fault_sig = 0;
    if (sigsetjmp(jump, 1) == 0)
        write_to(ro + 3);
    CHECK(fault_sig == SIGSEGV && fault_code == SEGV_ACCERR && fault_addr == (uintptr_t)(ro + 3),
          "read-only write: sig %d code %d", fault_sig, fault_code);
    /* The mask saved by sigsetjmp came back: SIGSEGV is deliverable again. */
    fault_sig = 0;
    if (sigsetjmp(jump, 1) == 0)
        write_to((volatile int *)8);
    CHECK(fault_sig == SIGSEGV && fault_addr == 8, "second fault");
    munmap((void *)ro, 4096);

    set_handler(SIGILL, skip_handler, 0);
    fault_sig = 0;
    uintptr_t here;
    __asm__ volatile("1: udf #0\n\tadr %0, 1b" : "=r"(here));
    /* Linux says ILL_ILLOPC; qemu-arm, the differential tests' reference, says ILL_ILLOPN
     * for the ARM encoding. */
    CHECK(fault_sig == SIGILL && (fault_code == ILL_ILLOPC || fault_code == ILL_ILLOPN),
          "udf: sig %d code %d", fault_sig, fault_code);
    CHECK(fault_addr == (here & ~1u) && fault_pc == (here & ~1u), "udf address");

    /* BKPT: SIGTRAP with TRAP_BRKPT at the instruction. */
    set_handler(SIGTRAP, skip_handler, 0);
    fault_sig = 0;
    __asm__ volatile("1: bkpt #3\n\tadr %0, 1b" : "=r"(here));
    CHECK(fault_sig == SIGTRAP && fault_code == TRAP_BRKPT && fault_pc == (here & ~1u) &&
          fault_addr == fault_pc, "bkpt: sig %d code %d", fault_sig, fault_code);

    /* SIGBUS: a mapping past the end of its file. */
    set_handler(SIGBUS, fault_handler, 0);
    char path[] = "/tmp/ferry-signals-XXXXXX";
    int fd = mkstemp(path);
    ftruncate(fd, 4096);
    volatile char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    unlink(path);
    ftruncate(fd, 0);
    fault_sig = 0;
    if (sigsetjmp(jump, 1) == 0)
        (void)m[100];
    /* Linux reports m + 100 exactly; qemu-arm a page further. */
    CHECK(fault_sig == SIGBUS && fault_code == BUS_ADRERR && fault_addr >= (uintptr_t)m &&
          fault_addr < (uintptr_t)m + 8192, "SIGBUS: sig %d code %d", fault_sig, fault_code);
    munmap((void *)m, 8192);
    close(fd);

    set_handler(SIGFPE, info_handler, 0);
    set_handler(SIGTRAP, info_handler, 0);
    got_count = 0;
    raise(SIGFPE);
    raise(SIGTRAP);
    CHECK(got_count == 2 && got_sig == SIGTRAP && got_code == SI_TKILL, "SIGFPE, SIGTRAP");
}

/* ---- sigaltstack ---- */

static volatile uintptr_t handler_sp;
static char *alt_base;

static void overflow_handler(int sig, siginfo_t *si, void *uc)
{
    int local;
    (void)uc;
    handler_sp = (uintptr_t)&local;
    fault_sig = sig;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(jump, 1);
}

__attribute__((noinline)) static int recurse(volatile char *p, int n)
{
    volatile char buf[256];
    buf[0] = (char)n;
    buf[255] = p ? p[0] : 0;
    if (n > 1000000)   /* never: the stack ends long before */
        return 0;
    return recurse(buf, n + 1) + buf[3];
}

static void *overflow_thread(void *arg)
{
    (void)arg;
    stack_t ss = { .ss_sp = alt_base, .ss_size = 65536, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    set_handler(SIGSEGV, overflow_handler, SA_ONSTACK);
    fault_sig = 0;
    if (sigsetjmp(jump, 1) == 0)
        recurse(NULL, 0);
    stack_t now;
    sigaltstack(NULL, &now);
    /* Left the handler by siglongjmp: no longer on the stack. */
    return (void *)(uintptr_t)(now.ss_flags == 0);
}

static void test_altstack(void)
{
    alt_base = malloc(65536);
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 128 * 1024);
    pthread_t t;
    pthread_create(&t, &a, overflow_thread, NULL);
    void *ok = NULL;
    pthread_join(t, &ok);
    CHECK(fault_sig == SIGSEGV, "stack overflow caught: %d", fault_sig);
    CHECK(handler_sp >= (uintptr_t)alt_base && handler_sp < (uintptr_t)alt_base + 65536,
          "handler ran on the alternate stack");
    CHECK(ok != NULL, "sigaltstack state after");
    free(alt_base);
}

/* ---- registers across a handler ---- */

uint32_t regs_in[16], regs_out[16];
uint64_t vfp_in[32], vfp_out[32];
uint32_t fpscr_in, fpscr_out, apsr_out, regs_pid, regs_sig;

static void fp_handler(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    /* Clobbers the VFP registers and the rounding mode. */
    volatile double a = 1.0, b = 3.0;
    fesetround(FE_UPWARD);
    double x = 0;
    for (int i = 1; i < 50; i++)
        x += a / (b + i);
    got_value = (int)(x * 1000);
    got_sig = sig;
    got_count++;
}

/* Loads r1-r6, r8-r12, lr, d0-d31, the flags and FPSCR with known values, sends itself a signal
 * with kill (r7 = 37, r0 = pid, r1 = signal: r1's input is the signal number), then stores
 * them all back. */
__attribute__((naked, noinline)) static void regs_round_trip(void)
{
    __asm__ volatile(
        "push {r4-r11, lr}\n\t"
        "vpush {d8-d15}\n\t"
        "ldr r0, =vfp_in\n\t"
        "vldmia r0!, {d0-d15}\n\t"
        "vldmia r0, {d16-d31}\n\t"
        "ldr r0, =fpscr_in\n\t"
        "ldr r0, [r0]\n\t"
        "vmsr fpscr, r0\n\t"
        "mov r0, #0xa0000000\n\t"          /* N and C set */
        "msr APSR_nzcvq, r0\n\t"
        "ldr r0, =regs_in\n\t"
        "ldr r2, [r0, #8]\n\t"
        "ldr r3, [r0, #12]\n\t"
        "ldr r4, [r0, #16]\n\t"
        "ldr r5, [r0, #20]\n\t"
        "ldr r6, [r0, #24]\n\t"
        "ldr r8, [r0, #32]\n\t"
        "ldr r9, [r0, #36]\n\t"
        "ldr r10, [r0, #40]\n\t"
        "ldr r11, [r0, #44]\n\t"
        "ldr r12, [r0, #48]\n\t"
        "ldr lr, [r0, #56]\n\t"
        "ldr r1, =regs_sig\n\t"
        "ldr r1, [r1]\n\t"
        "ldr r7, =regs_pid\n\t"
        "ldr r0, [r7]\n\t"
        "mov r7, #37\n\t"                  /* kill */
        "svc #0\n\t"
        "push {r0-r12, lr}\n\t"
        "mrs r0, APSR\n\t"
        "ldr r1, =apsr_out\n\t"
        "str r0, [r1]\n\t"
        "vmrs r0, fpscr\n\t"
        "ldr r1, =fpscr_out\n\t"
        "str r0, [r1]\n\t"
        "ldr r0, =vfp_out\n\t"
        "vstmia r0!, {d0-d15}\n\t"
        "vstmia r0, {d16-d31}\n\t"
        "ldr r0, =regs_out\n\t"
        "pop {r1-r4}\n\t"                  /* r0-r3 */
        "stmia r0!, {r1-r4}\n\t"
        "pop {r1-r4}\n\t"                  /* r4-r7 */
        "stmia r0!, {r1-r4}\n\t"
        "pop {r1-r4}\n\t"                  /* r8-r11 */
        "stmia r0!, {r1-r4}\n\t"
        "pop {r1, r2}\n\t"                 /* r12, lr */
        "str r1, [r0]\n\t"
        "str r2, [r0, #8]\n\t"
        "vpop {d8-d15}\n\t"
        "pop {r4-r11, pc}\n\t"
        ".ltorg\n\t");
}

static void test_registers(void)
{
    set_handler(SIGUSR2, fp_handler, 0);
    for (int i = 0; i < 16; i++)
        regs_in[i] = 0x11111111u * (uint32_t)(i + 1) ^ 0x5a5a0000u;
    for (int i = 0; i < 32; i++)
        vfp_in[i] = 0x0123456789abcdefull * (uint64_t)(i + 3) ^ ((uint64_t)i << 52);
    fpscr_in = 3u << 22;   /* round toward zero */
    regs_pid = (uint32_t)getpid();
    regs_sig = SIGUSR2;
    got_count = 0;
    fenv_t env;
    fegetenv(&env);
    regs_round_trip();
    fesetenv(&env);
    CHECK(got_count == 1 && got_sig == SIGUSR2, "the handler ran");
    CHECK(got_value == 2704, "the handler's arithmetic: %d", got_value);
    CHECK_U32(regs_out[0], 0, "r0 (kill's result)");
    CHECK_U32(regs_out[1], SIGUSR2, "r1");
    for (int i = 2; i < 13; i++) {
        if (i == 7)
            continue;
        CHECK(regs_out[i] == regs_in[i], "r%d: got 0x%08x want 0x%08x", i, regs_out[i],
              regs_in[i]);
    }
    CHECK_U32(regs_out[7], 37, "r7");
    CHECK_U32(regs_out[14], regs_in[14], "lr");
    for (int i = 0; i < 32; i++)
        CHECK(vfp_out[i] == vfp_in[i], "d%d: got 0x%016llx", i, (unsigned long long)vfp_out[i]);
    CHECK_U32(apsr_out & 0xf0000000u, 0xa0000000u, "flags");
    CHECK_U32(fpscr_out & 0x00c00000u, 3u << 22, "FPSCR rounding mode");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_siginfo();
    test_restart();
    test_waits();
    test_nodefer();
    test_masks();
    test_thread_masks();
    test_faults();
    test_altstack();
    test_registers();
    return check_summary("signals");
}
