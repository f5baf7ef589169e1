/*
 * The cpu loop: find or translate the block for the guest's pc, run it,
 * link direct exits, and handle what made generated code return
 * (system calls, exceptions, requests from signal handlers).
 *
 * Host SIGSEGV/SIGBUS inside generated code are guest faults: the handler
 * finds the block from the host pc, rebuilds the guest registers from the
 * fault side table and the signal context, and raises the guest signal.
 * A fault anywhere else is a ferry bug and is reported as one.
 */
#include "exec/exec.h"

#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/guestmem.h"
#include "exec/tb.h"
#include "tcg/backend.h"

ExecOptions exec_opts = { .backend = EXEC_BACKEND_X86, .max_insns = 512 };
const GuestArch *exec_guest;

static __thread void *current_env;

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
    if (!cc || !jc)
        ferry_fatal("out of memory");
    memset(cc, 0, exec_guest->env_size);
    cc->jc = jc;
    cc->arch = exec_guest;
    tb_register_cpu(cc);
    return cc;
}

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

/* Die by sig, as the guest would with the default action. */
static __attribute__((noreturn)) void die_by_signal(int sig)
{
    fflush(stdout);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    /* No core file from ferry's own image: it would not describe the guest. */
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

void cpu_guest_signal(void *env, int sig, int si_code, uint32_t addr)
{
    (void)si_code;
    uint32_t pc = exec_guest->get_pc(env);
    ferry_log("guest %s at pc 0x%08x, address 0x%08x", signal_name(sig), pc, addr);
    if (ferry_log_mask & LOG_EXEC)
        exec_guest->dump_state(stderr, env);
    die_by_signal(sig);
}

/* ---- host faults ---- */

static void fault_handler(int sig, siginfo_t *si, void *uc_void)
{
    ucontext_t *uc = uc_void;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t host_addr = (uintptr_t)si->si_addr;
    void *env = current_env;
    uint32_t guest_addr = (uint32_t)(host_addr - guest_base);
    bool in_guest_space = host_addr - guest_base < (1ull << 32);

    if (env && exec_opts.backend == EXEC_BACKEND_X86) {
        TranslationBlock *tb = tb_find_by_host_pc(host_pc);
        uint32_t gpc;
        if (tb && x86_restore_state(tb, exec_guest->ir_context(), env, host_pc, uc, &gpc)) {
            exec_guest->set_pc(env, gpc);
            cpu_guest_signal(env, sig, si->si_code, guest_addr);
            return;
        }
    }
    if (env && exec_opts.backend == EXEC_BACKEND_INTERP && in_guest_space) {
        exec_guest->set_pc(env, interp_current_pc());
        cpu_guest_signal(env, sig, si->si_code, guest_addr);
        return;
    }
    char msg[160];
    int n = snprintf(msg, sizeof(msg),
                     "ferry: internal error: %s at host pc %p, address %p\n",
                     sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", (void *)host_pc, si->si_addr);
    if (write(2, msg, n) < 0)
        _exit(70);
    die_by_signal(sig);
}

static void install_fault_handlers(void)
{
    /* The handler runs on its own stack so guest-caused faults near a full
     * host stack are still reported. */
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
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
    if (exec_opts.backend == EXEC_BACKEND_X86)
        return x86_exec(env, tb->code);
    return interp_exec(env, tb);
}

void cpu_loop(void *env)
{
    CPUCommon *cc = env;
    TranslationBlock *last = NULL;
    int last_slot = 0;
    current_env = env;
    for (;;) {
        uint32_t pc = exec_guest->get_pc(env);
        uint32_t flags = exec_guest->get_flags(env);
        TranslationBlock *tb = tb_lookup(pc, flags);
        if (!tb) {
            uint32_t flushes = tb_flush_count;
            tb = tb_translate(env, pc, flags);
            if (flushes != tb_flush_count)
                last = NULL;    /* freed by the flush */
        }
        if (last && exec_opts.max_insns > 1)
            tb_link(last, last_slot, tb);
        last = NULL;
        jc_fill(cc, tb);
        if (ferry_log_mask & LOG_EXEC)
            ferry_dbg("exec pc=0x%08x flags=0x%x\n", pc, flags);

        uintptr_t exit = run(env, tb);
        if (exit > EXIT_MAX_CODE) {
            last = (TranslationBlock *)(exit & ~(uintptr_t)(TB_MAX_SLOTS - 1));
            last_slot = (int)(exit & (TB_MAX_SLOTS - 1));
            continue;
        }
        switch (exit) {
        case EXIT_LOOKUP:
            break;
        case EXIT_REQUESTED:
            __atomic_store_n(&cc->exit_request, 0, __ATOMIC_RELAXED);
            break;
        case EXIT_UNALIGNED:
            /* An access the instruction requires to be aligned was not:
             * Linux reports the alignment fault as SIGBUS/BUS_ADRALN. */
            cpu_guest_signal(env, SIGBUS, BUS_ADRALN, cc->exit_info);
            break;
        default:
            exec_guest->handle_exit(env, (int)exit);
            break;
        }
    }
}
