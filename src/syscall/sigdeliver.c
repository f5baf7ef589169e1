/*
 * Guest signals: the recorded actions, the per-thread queues, the host
 * handler that fills them, and delivery at block boundaries.
 *
 * ferry mirrors the guest into the host where the host can do the work:
 *   - dispositions: a guest SIG_DFL or SIG_IGN is the host's too, so the
 *     host kernel itself terminates, stops, continues or discards, and an
 *     ignored signal never interrupts a system call;  a guest handler
 *     installs ferry's host handler (host_signal_handler);
 *   - masks: each thread's host mask is its guest mask, so the host kernel
 *     picks the thread a process-directed signal goes to, keeps blocked
 *     signals pending (rt_sigpending, rt_sigtimedwait ask the host) and
 *     interrupts exactly the system calls the guest's would be.
 * The exceptions are the synchronous fault signals (SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE, SIGTRAP): never blocked in the host, and SIGSEGV/SIGBUS
 * always caught by the engine, which passes on the ones sent with kill.
 *
 * The host handler only records: it appends the signal to the thread's
 * queue, sets signal_pending and exit_request so generated code returns at
 * the next block entry, and moves an interrupted safe_syscall to its
 * -ERESTARTSYS exit.  The cpu loop then calls sys_signal_deliver, which
 * applies the action: the default action, or a frame built by the guest's
 * GuestAbi.setup_frame, the mask and SA_* flags, and for an interrupted
 * system call the kernel's restart rules (ERESTARTSYS and SA_RESTART, ...).
 * Synchronous signals raised by guest instructions (sys_signal_raise_sync)
 * go to the front and are forced as the kernel's force_sig does: blocked
 * or ignored, they take the default action.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/exec.h"
#include "syscall/sys_internal.h"

#define SYS_MAX_SIG 128
/* The first real-time signal, the same in every Linux ABI: real-time
 * signals queue every instance, standard ones at most one. */
#define SYS_SIGRTMIN 32
#define GUEST_SIG_DFL 0u
#define GUEST_SIG_IGN 1u

#define GUEST_SS_ONSTACK    1u
#define GUEST_SS_DISABLE    2u
#define GUEST_SS_AUTODISARM 0x80000000u

static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static SysSigaction sig_actions[SYS_MAX_SIG + 1];
/* The guest ABI, for the host handler (set before it is ever installed). */
static const GuestAbi *sig_abi;
static pthread_once_t sig_once = PTHREAD_ONCE_INIT;
static volatile int32_t queue_overflows;

/* The kernel's struct sigaction for the raw rt_sigaction system call. */
typedef struct HostKSigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
} HostKSigaction;

#define HOST_SA_RESTORER 0x04000000

static bool mask_has(const uint64_t m[2], int sig)
{
    return (m[(sig - 1) / 64] >> ((sig - 1) % 64)) & 1;
}

static void mask_add(uint64_t m[2], int sig)
{
    m[(sig - 1) / 64] |= 1ull << ((sig - 1) % 64);
}

static void mask_del(uint64_t m[2], int sig)
{
    m[(sig - 1) / 64] &= ~(1ull << ((sig - 1) % 64));
}

/* Faults the thread's own instructions cause: never blocked in the host,
 * where a blocked one would kill the process. */
static bool host_sync_signal(int hsig)
{
    return hsig == SIGSEGV || hsig == SIGBUS || hsig == SIGILL || hsig == SIGFPE ||
           hsig == SIGTRAP;
}

static long raw_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    /* The raw call: glibc's wrapper refuses to block its own signals 32
     * and 33, which the guest's own library uses too. */
    return syscall(SYS_rt_sigprocmask, how, set, old, _NSIG / 8);
}

void sys_signal_block_all(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGILL);
    sigdelset(&all, SIGFPE);
    sigdelset(&all, SIGTRAP);
    raw_sigprocmask(SIG_BLOCK, &all, old);
}

void sys_signal_restore(const sigset_t *old)
{
    raw_sigprocmask(SIG_SETMASK, old, NULL);
}

void sys_signal_host_mask(const GuestAbi *abi, const uint64_t mask[2], sigset_t *out)
{
    sigemptyset(out);
    for (unsigned g = 1; g <= abi->nsig && g <= SYS_MAX_SIG; g++) {
        if (!mask_has(mask, (int)g))
            continue;
        int h = xlat_signal_to_host(abi, (int)g);
        if (h > 0 && h < _NSIG && !host_sync_signal(h) && h != SIGKILL && h != SIGSTOP)
            sigaddset(out, h);
    }
}

/* ---- actions ---- */

static void host_signal_handler(int hsig, siginfo_t *si, void *uc);

/* The host disposition that carries out guest action act for host hsig. */
static void set_host_disposition(int hsig, const SysSigaction *act)
{
    if (hsig <= 0 || hsig >= _NSIG || hsig == SIGKILL || hsig == SIGSTOP ||
        hsig == SIGSEGV || hsig == SIGBUS)
        return;
    HostKSigaction ka;
    memset(&ka, 0, sizeof(ka));
    if (act->handler == GUEST_SIG_DFL) {
        ka.handler = SIG_DFL;
    } else if (act->handler == GUEST_SIG_IGN) {
        ka.handler = SIG_IGN;
    } else {
        ka.handler = (void *)host_signal_handler;
        /* Restart interrupted host calls: safe_syscall turns those into
         * -ERESTARTSYS for the guest's own restart rules; all others are
         * ferry's and must simply go on. */
        ka.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK | HOST_SA_RESTORER;
        ka.restorer = exec_host_sigreturn;
        ka.mask = ~0ull;
    }
    if (syscall(SYS_rt_sigaction, hsig, &ka, NULL, _NSIG / 8) != 0)
        ferry_log("cannot set the host action of signal %d: %s", hsig, strerror(errno));
}

/* Once per process: inherited dispositions (SIG_IGN survives execve) and
 * the handler for signals sent with kill to SIGSEGV/SIGBUS. */
static const GuestAbi *init_abi;
static void sig_init(void)
{
    sig_abi = init_abi;
    for (int h = 1; h < _NSIG; h++) {
        struct sigaction sa;
        int g = xlat_signal_to_guest(sig_abi, h);
        if (g <= 0 || g > SYS_MAX_SIG || sigaction(h, NULL, &sa) != 0)
            continue;
        if (!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN)
            sig_actions[g].handler = GUEST_SIG_IGN;
    }
    __atomic_store_n(&exec_async_signal_handler, host_signal_handler, __ATOMIC_RELEASE);
}

static void ensure_init(const GuestAbi *abi)
{
    init_abi = abi;
    pthread_once(&sig_once, sig_init);
}

bool sys_signal_action(int sig, SysSigaction *out)
{
    if (sig < 1 || sig > SYS_MAX_SIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    *out = sig_actions[sig];
    pthread_mutex_unlock(&sig_lock);
    return true;
}

void sys_signal_set_action(const GuestAbi *abi, int sig, const SysSigaction *act)
{
    ensure_init(abi);
    pthread_mutex_lock(&sig_lock);
    sig_actions[sig] = *act;
    set_host_disposition(xlat_signal_to_host(abi, sig), act);
    pthread_mutex_unlock(&sig_lock);
}

/* ---- the queue ---- */

/* With host signals blocked, or in the host handler. */
static void queue_push(SysThread *th, int sig, bool sync, const siginfo_t *si)
{
    if (!sync && sig < SYS_SIGRTMIN) {
        for (int i = 0; i < th->nqueued; i++) {
            if (th->queue[i].sig == sig && !th->queue[i].sync)
                return;
        }
    }
    if (th->nqueued == SYS_SIGQ_MAX) {
        /* The kernel would refuse the sender (EAGAIN) for real-time
         * signals; here the signal is already gone.  Reported later. */
        __atomic_add_fetch(&queue_overflows, 1, __ATOMIC_RELAXED);
        return;
    }
    SysSigQueued *q = &th->queue[th->nqueued++];
    q->sig = sig;
    q->sync = sync;
    q->info = *si;
}

static void queue_remove(SysThread *th, int i)
{
    memmove(&th->queue[i], &th->queue[i + 1], (size_t)(th->nqueued - i - 1) * sizeof(th->queue[0]));
    th->nqueued--;
}

/* The next signal to deliver: synchronous ones first, then the lowest
 * unblocked number, the oldest instance of it.  -1 when none. */
static int pick_deliverable(const SysThread *th)
{
    int best = -1;
    for (int i = 0; i < th->nqueued; i++) {
        const SysSigQueued *q = &th->queue[i];
        if (q->sync)
            return i;
        if (mask_has(th->blocked, q->sig))
            continue;
        if (best < 0 || q->sig < th->queue[best].sig)
            best = i;
    }
    return best;
}

void sys_signal_update_pending(SysThread *th)
{
    CPUCommon *cc = th->env;
    if (!cc->ts)
        return;   /* a CPU made outside the engine (unit tests): nothing runs it */
    int pending = pick_deliverable(th) >= 0;
    __atomic_store_n(&cc->ts->signal_pending, pending, __ATOMIC_SEQ_CST);
    if (pending)
        __atomic_store_n(&cc->exit_request, 1, __ATOMIC_SEQ_CST);
}

int sys_signal_dequeue(SysThread *th, const uint64_t set[2], SysSigQueued *out)
{
    sigset_t old;
    sys_signal_block_all(&old);
    int best = -1;
    for (int i = 0; i < th->nqueued; i++) {
        const SysSigQueued *q = &th->queue[i];
        if (!q->sync && mask_has(set, q->sig) && (best < 0 || q->sig < th->queue[best].sig))
            best = i;
    }
    int sig = 0;
    if (best >= 0) {
        *out = th->queue[best];
        sig = out->sig;
        queue_remove(th, best);
        sys_signal_update_pending(th);
    }
    sys_signal_restore(&old);
    return sig;
}

/* ---- the host handler ---- */

static void host_signal_handler(int hsig, siginfo_t *si, void *uc)
{
    int saved_errno = errno;
    SysThread *th = sys_thread_current();
    const GuestAbi *abi = __atomic_load_n(&sig_abi, __ATOMIC_ACQUIRE);
    int g = abi ? xlat_signal_to_guest(abi, hsig) : 0;
    if (!th || !th->env || g <= 0 || g > SYS_MAX_SIG) {
        /* Not a guest thread yet or not a guest signal: only SIGSEGV or
         * SIGBUS sent before the guest ran can get here. */
        if (hsig == SIGSEGV || hsig == SIGBUS)
            exec_die_by_signal(hsig);
        errno = saved_errno;
        return;
    }
    queue_push(th, g, false, si);
    sys_signal_update_pending(th);
    if (((CPUCommon *)th->env)->ts->signal_pending)
        exec_safe_syscall_rewind(uc);
    errno = saved_errno;
}

/* ---- masks and the alternate stack ---- */

void sys_signal_set_blocked(const GuestAbi *abi, SysThread *th, const uint64_t mask[2])
{
    sigset_t old, host;
    uint64_t m[2] = { mask[0], mask[1] };
    mask_del(m, abi->sig_kill);
    mask_del(m, abi->sig_stop);
    sys_signal_block_all(&old);
    th->blocked[0] = m[0];
    th->blocked[1] = m[1];
    sys_signal_update_pending(th);
    /* The thread's own host mask: the signals it now unblocks may arrive
     * (and be queued) the moment this returns. */
    sys_signal_host_mask(abi, m, &host);
    for (int h = 1; h < _NSIG; h++) {
        if (host_sync_signal(h) || h == SIGKILL || h == SIGSTOP)
            continue;
        if (xlat_signal_to_guest(abi, h) > 0)
            continue;
        /* Host signals the guest has no number for keep their state. */
        if (sigismember(&old, h))
            sigaddset(&host, h);
    }
    raw_sigprocmask(SIG_SETMASK, &host, NULL);
}

static bool on_altstack(const SysThread *th, uint32_t sp)
{
    if (th->altstack.flags & GUEST_SS_AUTODISARM)
        return false;
    return sp > th->altstack.sp && sp - th->altstack.sp <= th->altstack.size;
}

/* sas_ss_flags: disabled, on the stack, or neither. */
static uint32_t altstack_state(const SysThread *th, uint32_t sp)
{
    if (!th->altstack.size)
        return GUEST_SS_DISABLE;
    return on_altstack(th, sp) ? GUEST_SS_ONSTACK : 0;
}

int sys_signal_set_altstack(const GuestAbi *abi, void *env, SysThread *th, SysStack ss)
{
    uint32_t mode = ss.flags & ~GUEST_SS_AUTODISARM;
    if (th->altstack.size && on_altstack(th, abi->guest_sp(env)))
        return -EPERM;
    if (mode != GUEST_SS_DISABLE && mode != GUEST_SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode == GUEST_SS_DISABLE) {
        ss.sp = 0;
        ss.size = 0;
    } else if (ss.size < abi->minsigstksz) {
        return -ENOMEM;
    }
    th->altstack = ss;
    return 0;
}

/* ---- delivery ---- */

typedef enum DefaultAction { DFL_TERMINATE, DFL_IGNORE, DFL_STOP } DefaultAction;

static DefaultAction default_action(int hsig)
{
    switch (hsig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return DFL_IGNORE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return DFL_STOP;
    default:
        return DFL_TERMINATE;
    }
}

static __attribute__((noreturn)) void die_of(const GuestAbi *abi, void *env,
                                             const SysSigQueued *q)
{
    int hsig = xlat_signal_to_host(abi, q->sig);
    if (__atomic_load_n(&queue_overflows, __ATOMIC_RELAXED))
        ferry_log("%d guest signals were lost (a thread's queue was full)", queue_overflows);
    if (q->sync)
        exec_report_fatal_signal(env, hsig, (uint32_t)(uintptr_t)q->info.si_addr);
    exec_die_by_signal(hsig);
}

/* Take the next deliverable signal; false when there is none. */
static bool take_next(SysThread *th, SysSigQueued *out)
{
    sigset_t old;
    sys_signal_block_all(&old);
    int i = pick_deliverable(th);
    if (i >= 0) {
        *out = th->queue[i];
        queue_remove(th, i);
    }
    sys_signal_update_pending(th);
    sys_signal_restore(&old);
    return i >= 0;
}

static void queue_sync(SysThread *th, int sig, const siginfo_t *si)
{
    sigset_t old;
    sys_signal_block_all(&old);
    queue_push(th, sig, true, si);
    sys_signal_update_pending(th);
    sys_signal_restore(&old);
}

/* Build the frame for q with action act; false when it cannot be. */
static bool run_handler(const GuestAbi *abi, void *env, SysThread *th, const SysSigQueued *q,
                        const SysSigaction *act)
{
    uint32_t sp = abi->guest_sp(env);
    SysSignalFrame f = {
        .sig = q->sig, .info = &q->info, .action = act,
        .oldmask = { th->blocked[0], th->blocked[1] },
        .sp = sp,
        .uc_stack = th->altstack,
        .trap_no = th->trap_no, .error_code = th->error_code,
        .fault_address = th->fault_address,
    };
    if (th->restore_saved) {
        f.oldmask[0] = th->saved_blocked[0];
        f.oldmask[1] = th->saved_blocked[1];
    }
    if (!th->altstack.size)
        f.uc_stack.flags = GUEST_SS_DISABLE;
    if ((act->flags & abi->sa_onstack) && altstack_state(th, sp) == 0)
        f.sp = th->altstack.sp + th->altstack.size;
    if (abi->setup_frame(abi, env, &f) != 0)
        return false;
    if (th->altstack.flags & GUEST_SS_AUTODISARM)
        th->altstack = (SysStack){ .flags = GUEST_SS_DISABLE };

    uint64_t m[2] = { th->blocked[0] | act->mask[0], th->blocked[1] | act->mask[1] };
    if (!(act->flags & abi->sa_nodefer))
        mask_add(m, q->sig);
    th->restore_saved = false;
    sys_signal_set_blocked(abi, th, m);
    if (act->flags & abi->sa_resethand) {
        SysSigaction dfl = { .handler = GUEST_SIG_DFL };
        sys_signal_set_action(abi, q->sig, &dfl);
    }
    return true;
}

void sys_signal_deliver(const GuestAbi *abi, void *env, int restart)
{
    ensure_init(abi);
    SysThread *th = sys_thread_self(abi, env);
    SysSigQueued q;
    while (take_next(th, &q)) {
        SysSigaction act;
        sys_signal_action(q.sig, &act);
        if (q.sync && (mask_has(th->blocked, q.sig) || act.handler == GUEST_SIG_IGN)) {
            /* A fault nobody can take: the default action, as the kernel
             * forces it. */
            uint64_t m[2] = { th->blocked[0], th->blocked[1] };
            mask_del(m, q.sig);
            sys_signal_set_blocked(abi, th, m);
            act = (SysSigaction){ .handler = GUEST_SIG_DFL };
            sys_signal_set_action(abi, q.sig, &act);
        }
        if (act.handler == GUEST_SIG_IGN)
            continue;
        if (act.handler == GUEST_SIG_DFL) {
            switch (default_action(xlat_signal_to_host(abi, q.sig))) {
            case DFL_IGNORE:
                continue;
            case DFL_STOP:
                kill(getpid(), SIGSTOP);
                continue;
            case DFL_TERMINATE:
                die_of(abi, env, &q);
            }
        }
        /* A handler runs: an interrupted system call restarts after it, or
         * fails with EINTR, and the frame records which. */
        if (restart) {
            bool again = restart == SYS_ERESTARTNOINTR ||
                         (restart == SYS_ERESTARTSYS && (act.flags & abi->sa_restart));
            abi->syscall_restart(env, again);
            restart = 0;
        }
        if (run_handler(abi, env, th, &q, &act))
            return;
        /* No room for the frame: SIGSEGV, fatal if that was SIGSEGV. */
        int segv = xlat_signal_to_guest(abi, SIGSEGV);
        if (q.sig == segv) {
            SysSigaction dfl = { .handler = GUEST_SIG_DFL };
            sys_signal_set_action(abi, segv, &dfl);
        }
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        si.si_signo = SIGSEGV;
        si.si_code = SI_KERNEL;
        queue_sync(th, segv, &si);
    }
    /* No handler ran: sigsuspend's mask goes back, and an interrupted
     * system call starts again. */
    if (th->restore_saved) {
        th->restore_saved = false;
        sys_signal_set_blocked(abi, th, th->saved_blocked);
    }
    if (restart)
        abi->syscall_restart(env, true);
}

void sys_signal_raise_sync(const GuestAbi *abi, void *env, int hsig, int si_code, uint32_t addr)
{
    ensure_init(abi);
    SysThread *th = sys_thread_current();
    if (!th)
        th = sys_thread_self(abi, env);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = hsig;
    si.si_code = si_code;
    si.si_addr = (void *)(uintptr_t)addr;
    /* What the ARM kernel records as the thread's last trap (sigcontext):
     * 14 for data aborts, 6 for undefined instructions. */
    th->trap_no = (hsig == SIGSEGV || hsig == SIGBUS) ? 14 : hsig == SIGILL ? 6 : 0;
    th->error_code = 0;
    th->fault_address = addr;
    queue_sync(th, xlat_signal_to_guest(abi, hsig), &si);
}

void sys_signal_force_segv(const GuestAbi *abi, void *env)
{
    sys_signal_raise_sync(abi, env, SIGSEGV, SI_KERNEL, 0);
}

void sys_signal_sigreturn_mask(const GuestAbi *abi, void *env, const uint64_t mask[2])
{
    SysThread *th = sys_thread_self(abi, env);
    sys_signal_set_blocked(abi, th, mask);
}

void sys_signal_sigreturn_altstack(const GuestAbi *abi, void *env, const SysStack *ss)
{
    SysThread *th = sys_thread_self(abi, env);
    (void)sys_signal_set_altstack(abi, env, th, *ss);
}
