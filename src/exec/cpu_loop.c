/*
 * The cpu loop: find or translate the block for the guest's pc, run it,
 * link direct exits, and handle what made generated code return
 * (system calls, exceptions, requests from signal handlers).  Every guest
 * thread runs its own cpu loop on its own host thread.
 *
 * Host SIGSEGV/SIGBUS inside generated code are guest faults: the handler
 * finds the block from the host pc, rebuilds the guest registers from the
 * fault side table and the signal context, queues the guest signal and
 * jumps back to the cpu loop (siglongjmp), which delivers it.  A write
 * fault on a page holding translated code is self-modifying code: the
 * page's blocks are dropped and the store is retried, or, when the running
 * block itself came from that page, restarted as a one-instruction block so
 * that the instructions after the store are translated afresh.  A fault
 * anywhere else is a ferry bug and is reported as one.
 */
#include "exec/exec.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <xmmintrin.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/cpus.h"
#include "exec/guestmem.h"
#include "exec/tb.h"
#include "tcg/backend.h"

ExecOptions exec_opts = { .backend = EXEC_BACKEND_X86, .max_insns = 512 };
const GuestArch *exec_guest;
void (*exec_async_signal_handler)(int sig, siginfo_t *si, void *uc);

/* Per thread: the CPU this thread runs, where faults jump back to, and
 * what the fault handler leaves for the loop. */
static __thread void *current_env;
static __thread sigjmp_buf *loop_jmp;
static __thread sigset_t fault_mask;         /* host mask before the fault */
static __thread uint32_t fault_mxcsr;        /* and the SSE control/status */
static __thread volatile int in_generated;    /* inside x86_exec/interp_exec */
static __thread bool restart_once;            /* run one fresh instruction at restart_pc */
static __thread uint32_t restart_pc;
static __thread void *host_altstack;

#define HOST_ALTSTACK_SIZE (64 * 1024)

static void install_fault_handlers(void);

void exec_init(const GuestArch *guest, const ExecOptions *opts)
{
    exec_guest = guest;
    if (opts)
        exec_opts = *opts;
    if (exec_opts.max_insns == 0)
        exec_opts.max_insns = 512;
    guest->init();
    tb_init();
    install_fault_handlers();
}

void *exec_new_cpu(void)
{
    CPUCommon *cc = aligned_alloc(64, (exec_guest->env_size + 63) & ~(size_t)63);
    JCEntry *jc = calloc(JC_SIZE, sizeof(JCEntry));
    CPUThreadState *ts = calloc(1, sizeof(*ts));
    if (!cc || !jc || !ts)
        ferry_fatal("out of memory");
    memset(cc, 0, exec_guest->env_size);
    cc->jc = jc;
    cc->ts = ts;
    cc->arch = exec_guest;
    exec_cpu_add(cc);
    return cc;
}

void *exec_copy_cpu(const void *parent)
{
    CPUCommon *cc = exec_new_cpu();
    memcpy((char *)cc + sizeof(CPUCommon), (const char *)parent + sizeof(CPUCommon),
           exec_guest->env_size - sizeof(CPUCommon));
    return cc;
}

void exec_free_cpu(void *env)
{
    CPUCommon *cc = env;
    exec_cpu_remove(cc);
    if (current_env == env)
        current_env = NULL;
    free(cc->jc);
    free(cc->ts);
    free(cc);
}

void *exec_current_cpu(void)
{
    return current_env;
}

/* ---- fatal signals ---- */

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGTRAP: return "SIGTRAP (trace/breakpoint trap)";
    case SIGFPE: return "SIGFPE (arithmetic exception)";
    default: return strsignal(sig);
    }
}

void exec_die_by_signal(int sig)
{
    fflush(NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    /* No core file from ferry's own image: it would not describe the guest
     * (the exit status still says "killed by sig"). */
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

void exec_report_fatal_signal(void *env, int sig, uint32_t addr)
{
    uint32_t pc = exec_guest->get_pc(env);
    ferry_log("guest %s at pc 0x%08x, address 0x%08x", signal_name(sig), pc, addr);
    if (ferry_log_mask & LOG_EXEC)
        exec_guest->dump_state(stderr, env);
}

void cpu_guest_signal(void *env, int sig, int si_code, uint32_t addr)
{
    if (exec_guest->raise_signal) {
        exec_guest->raise_signal(env, sig, si_code, addr);
        return;
    }
    exec_report_fatal_signal(env, sig, addr);
    exec_die_by_signal(sig);
}

/* ---- host faults ---- */

/* Back to the cpu loop from a fault handler (the fault handler's host
 * signal mask is undone there). */
static __attribute__((noreturn)) void jump_to_loop(const ucontext_t *uc)
{
    fault_mask = uc->uc_sigmask;
    /* The handler runs with a fresh MXCSR; the guest's (rounding, flags)
     * is in the frame the skipped sigreturn would have restored. */
    fault_mxcsr = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcsr : _mm_getcsr();
    siglongjmp(*loop_jmp, 1);
}

/* A guest store hit a page holding translated code. */
static void code_write_fault(void *env, uintptr_t host_pc, uint32_t guest_addr,
                             const ucontext_t *uc)
{
    uint32_t page = guest_addr & GUEST_PAGE_MASK;
    bool x86 = exec_opts.backend == EXEC_BACKEND_X86;
    TranslationBlock *tb = x86 ? tb_find_by_host_pc(host_pc) : interp_current_tb();
    uint32_t gpc;
    /* The running block did not come from the page (or is already the
     * single store): its remaining instructions are still right. */
    if (!tb || tb->once || tb->pc >= page + GUEST_PAGE_SIZE || tb->pc + tb->guest_size <= page)
        return;
    if (x86 && !x86_restore_state(tb, exec_guest->ir_context(), env, host_pc, uc, &gpc))
        return;
    exec_guest->set_pc(env, x86 ? gpc : interp_current_pc());
    restart_once = true;
    restart_pc = exec_guest->get_pc(env);
    jump_to_loop(uc);
}

/* The guest's si_code: unmapped guest pages are PROT_NONE host pages, so
 * the host says SEGV_ACCERR where the guest's kernel says SEGV_MAPERR. */
static int guest_si_code(int sig, int host_code, uint32_t guest_addr)
{
    if (sig != SIGSEGV)
        return host_code;
    return (gmem_page_flags(guest_addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
}

static void fault_handler(int sig, siginfo_t *si, void *uc_void)
{
    ucontext_t *uc = uc_void;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t host_addr = (uintptr_t)si->si_addr;
    void *env = current_env;
    uint32_t guest_addr = (uint32_t)(host_addr - guest_base);
    bool in_guest_space = host_addr - guest_base < (1ull << 32);

    /* Sent with kill or tgkill rather than caused by an access. */
    if (si->si_code <= 0) {
        if (exec_async_signal_handler) {
            exec_async_signal_handler(sig, si, uc);
            return;
        }
        exec_die_by_signal(sig);
    }
    bool x86 = exec_opts.backend == EXEC_BACKEND_X86;
    if (env && in_generated && (!x86 || tb_in_code_buffer(host_pc))) {
        bool write = uc->uc_mcontext.gregs[REG_ERR] & 2;
        if (sig == SIGSEGV && in_guest_space && write && gmem_code_write_fault(guest_addr)) {
            code_write_fault(env, host_pc, guest_addr, uc);
            return;   /* retry the store */
        }
        if (x86) {
            TranslationBlock *tb = tb_find_by_host_pc(host_pc);
            uint32_t gpc;
            if (tb && x86_restore_state(tb, exec_guest->ir_context(), env, host_pc, uc, &gpc)) {
                exec_guest->set_pc(env, gpc);
                cpu_guest_signal(env, sig, guest_si_code(sig, si->si_code, guest_addr),
                                 guest_addr);
                jump_to_loop(uc);
            }
        } else if (in_guest_space) {
            exec_guest->set_pc(env, interp_current_pc());
            cpu_guest_signal(env, sig, guest_si_code(sig, si->si_code, guest_addr), guest_addr);
            jump_to_loop(uc);
        }
    }
    char msg[160];
    int n = snprintf(msg, sizeof(msg),
                     "ferry: internal error: %s at host pc %p, address %p\n",
                     sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", (void *)host_pc, si->si_addr);
    if (write(2, msg, n) < 0)
        _exit(70);
    exec_die_by_signal(sig);
}

/* The fault handler runs on its own stack, one per thread, so guest-caused
 * faults near a full host stack are still reported. */
static void thread_altstack_init(void)
{
    if (host_altstack)
        return;
    void *p = mmap(NULL, HOST_ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        ferry_fatal("cannot allocate a signal stack");
    stack_t ss = { .ss_sp = p, .ss_size = HOST_ALTSTACK_SIZE };
    sigaltstack(&ss, NULL);
    host_altstack = p;
}

void exec_thread_cleanup(void)
{
    if (!host_altstack)
        return;
    stack_t ss = { .ss_flags = SS_DISABLE };
    sigaltstack(&ss, NULL);
    munmap(host_altstack, HOST_ALTSTACK_SIZE);
    host_altstack = NULL;
}

static void install_fault_handlers(void)
{
    thread_altstack_init();
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    /* Nothing else may interrupt the handler: it may touch the thread's
     * signal queue, which asynchronous handlers also fill. */
    sigfillset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

/* ---- the loop ---- */

static void jc_fill(CPUCommon *cc, TranslationBlock *tb)
{
    JCEntry *e = &cc->jc[jc_hash(tb->pc)];
    e->key = tb->pc | (uint64_t)tb->flags << 32;
    e->code = exec_opts.backend == EXEC_BACKEND_X86 ? (const void *)tb->code : (const void *)tb;
}

static uintptr_t run(void *env, TranslationBlock *tb)
{
    uintptr_t exit;
    in_generated = 1;
    if (exec_opts.backend == EXEC_BACKEND_X86)
        exit = x86_exec(env, tb->code);
    else
        exit = interp_exec(env, tb);
    in_generated = 0;
    return exit;
}

/* Translate, flushing the code buffer when it is full. */
static TranslationBlock *translate(CPUCommon *cc, uint32_t pc, uint32_t flags, bool once)
{
    for (;;) {
        uint32_t seen = __atomic_load_n(&tb_flush_count, __ATOMIC_ACQUIRE);
        TranslationBlock *tb = once ? tb_translate_once(cc, pc, flags)
                                    : tb_translate(cc, pc, flags);
        if (tb)
            return tb;
        tb_flush(cc, seen);
    }
}

static __attribute__((noreturn)) void run_loop(CPUCommon *cc)
{
    void *env = cc;
    TranslationBlock *last = NULL;
    int last_slot = 0;
    for (;;) {
        if (__builtin_expect(cc->ts->jc_stale, 0)) {
            __atomic_store_n(&cc->ts->jc_stale, 0, __ATOMIC_SEQ_CST);
            memset(cc->jc, 0, JC_SIZE * sizeof(JCEntry));
        }
        if (__builtin_expect(cc->ts->signal_pending, 0) && exec_guest->deliver_signals) {
            exec_guest->deliver_signals(env);
            last = NULL;    /* the pc may be a handler's now */
        }
        uint32_t pc = exec_guest->get_pc(env);
        uint32_t flags = exec_guest->get_flags(env);
        TranslationBlock *tb;
        bool once = false;
        if (__builtin_expect(restart_once, 0)) {
            /* Still at the store (a signal frame may have intervened). */
            restart_once = false;
            once = pc == restart_pc;
        }
        if (once) {
            last = NULL;
            tb = translate(cc, pc, flags, true);
        } else {
            uint32_t flushes = tb_flush_count;
            tb = tb_lookup(pc, flags);
            if (!tb)
                tb = translate(cc, pc, flags, false);
            if (flushes != tb_flush_count)
                last = NULL;    /* freed by the flush */
            if (last && exec_opts.max_insns > 1)
                tb_link(last, last_slot, tb);
            jc_fill(cc, tb);
        }
        last = NULL;
        if (ferry_log_mask & LOG_EXEC)
            ferry_dbg("exec pc=0x%08x flags=0x%x\n", pc, flags);

        uintptr_t exit = run(env, tb);
        /* Stopped at its entry by an exit request: the store is still due. */
        if (once && exit == EXIT_REQUESTED)
            restart_once = true;
        if (exit > EXIT_MAX_CODE) {
            last = (TranslationBlock *)(exit & ~(uintptr_t)(TB_MAX_SLOTS - 1));
            last_slot = (int)(exit & (TB_MAX_SLOTS - 1));
            continue;
        }
        switch (exit) {
        case EXIT_LOOKUP:
            break;
        case EXIT_REQUESTED:
            __atomic_exchange_n(&cc->exit_request, 0, __ATOMIC_SEQ_CST);
            if (exec_exclusive_pending()) {
                exec_cpu_end(cc);
                exec_cpu_start(cc);
            }
            break;
        case EXIT_UNALIGNED:
            /* An access the instruction requires to be aligned was not:
             * Linux reports the alignment fault as SIGBUS/BUS_ADRALN. */
            cpu_guest_signal(env, SIGBUS, BUS_ADRALN, cc->exit_info);
            break;
        default:
            /* System calls may block: let exclusive sections proceed. */
            exec_cpu_end(cc);
            exec_guest->handle_exit(env, (int)exit);
            exec_cpu_start(cc);
            break;
        }
    }
}

void cpu_loop(void *env)
{
    CPUCommon *cc = env;
    current_env = env;
    thread_altstack_init();
    sigjmp_buf jb;
    loop_jmp = &jb;
    exec_cpu_start(cc);
    /* Faults in guest code come back here; the thread is still running. */
    if (sigsetjmp(jb, 0)) {
        in_generated = 0;
        _mm_setcsr(fault_mxcsr);
        /* Raw: glibc's wrapper would drop signals 32 and 33 from it. */
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &fault_mask, NULL, _NSIG / 8);
    }
    run_loop(cc);
}
