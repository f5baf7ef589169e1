/*
 * Signal system calls: rt_sigaction, rt_sigprocmask, sigaltstack,
 * rt_sigpending, rt_sigsuspend, rt_sigtimedwait and the calls that send
 * signals.  They record what the guest asks for, in guest terms, and keep
 * the host mirror of it up to date; delivery is in sigdeliver.c.
 *
 * Masks and alternate stacks are per thread, actions per process, as in
 * Linux.  The checks follow the kernel's order so that error returns match.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"

/* siginfo through the guest's converters; for a guest without them (its
 * signal frames do not exist yet) the copy fails as if the address were bad. */
static int sys_put_siginfo(const GuestAbi *abi, uint32_t addr, int sig, const siginfo_t *si)
{
    return abi->put_siginfo ? abi->put_siginfo(abi, addr, sig, si) : -1;
}

static int sys_get_siginfo(const GuestAbi *abi, uint32_t addr, siginfo_t *si)
{
    return abi->get_siginfo ? abi->get_siginfo(abi, addr, si) : -1;
}

/* sigaltstack flags, the same on every ABI. */
#define GUEST_SS_ONSTACK    1u
#define GUEST_SS_DISABLE    2u
#define GUEST_SS_AUTODISARM 0x80000000u

#define SYS_MAX_SIG 128

static bool mask_has(const uint64_t m[2], int sig)
{
    return (m[(sig - 1) / 64] >> ((sig - 1) % 64)) & 1;
}

static void mask_add(uint64_t m[2], int sig)
{
    m[(sig - 1) / 64] |= 1ull << ((sig - 1) % 64);
}

static void mask_clear(uint64_t mask[2], int sig)
{
    mask[(sig - 1) / 64] &= ~(1ull << ((sig - 1) % 64));
}

/* SIGKILL and SIGSTOP can be neither caught nor blocked. */
static void mask_drop_unblockable(const GuestAbi *abi, uint64_t mask[2])
{
    mask_clear(mask, abi->sig_kill);
    mask_clear(mask, abi->sig_stop);
}

/* A kernel sigset_t of sigset_size bytes: 32-bit words, low word first,
 * each in guest byte order. */
static int get_sigset(const GuestAbi *abi, uint32_t addr, uint64_t mask[2])
{
    uint32_t w[4] = { 0 };
    if (copy_from_guest(w, addr, abi->sigset_size))
        return -EFAULT;
    for (unsigned i = 0; i < 4; i++)
        w[i] = tsw32(abi, w[i]);
    mask[0] = w[0] | (uint64_t)w[1] << 32;
    mask[1] = w[2] | (uint64_t)w[3] << 32;
    return 0;
}

static int put_sigset(const GuestAbi *abi, uint32_t addr, const uint64_t mask[2])
{
    uint32_t w[4] = { (uint32_t)mask[0], (uint32_t)(mask[0] >> 32),
                      (uint32_t)mask[1], (uint32_t)(mask[1] >> 32) };
    for (unsigned i = 0; i < 4; i++)
        w[i] = tsw32(abi, w[i]);
    return copy_to_guest(addr, w, abi->sigset_size) ? -EFAULT : 0;
}

/* ---- rt_sigaction ---- */

/* Swap in the new action (if any) and return the old one.  Unknown flag
 * bits are dropped, so a guest can probe for flag support as on Linux. */
static int exchange_action(const GuestAbi *abi, int sig, SysSigaction *act,
                           SysSigaction *old)
{
    if (sig < 1 || (unsigned)sig > abi->nsig || sig > SYS_MAX_SIG)
        return -EINVAL;
    if (act && (sig == abi->sig_kill || sig == abi->sig_stop))
        return -EINVAL;
    sys_signal_action(sig, old);
    if (act) {
        act->flags &= abi->sa_flags_known;
        mask_drop_unblockable(abi, act->mask);
        sys_signal_set_action(abi, sig, act);
    }
    return 0;
}

/* rt_sigaction(sig, act, oact, sigsetsize) */
int64_t sys_rt_sigaction(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t act_addr = sys_u32(c, 1), old_addr = sys_u32(c, 2);
    SysSigaction act, old;
    if (sys_u32(c, 3) != abi->sigset_size)
        return -EINVAL;
    if (act_addr && abi->get_sigaction(abi, act_addr, &act))
        return -EFAULT;
    int r = exchange_action(abi, sys_int(c, 0), act_addr ? &act : NULL, &old);
    if (r)
        return r;
    return old_addr ? abi->put_sigaction(abi, old_addr, &old) : 0;
}

/* ---- rt_sigprocmask ---- */

static int apply_how(const GuestAbi *abi, int how, const uint64_t set[2], uint64_t mask[2])
{
    if (how != abi->sig_how[0] && how != abi->sig_how[1] && how != abi->sig_how[2])
        return -EINVAL;
    for (int i = 0; i < 2; i++) {
        if (how == abi->sig_how[0])
            mask[i] |= set[i];
        else if (how == abi->sig_how[1])
            mask[i] &= ~set[i];
        else
            mask[i] = set[i];
    }
    return 0;
}

/* rt_sigprocmask(how, set, oset, sigsetsize): oset gets the mask from
 * before the change. */
int64_t sys_rt_sigprocmask(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t set_addr = sys_u32(c, 1), old_addr = sys_u32(c, 2);
    uint64_t set[2];
    if (sys_u32(c, 3) != abi->sigset_size)
        return -EINVAL;
    if (set_addr && get_sigset(abi, set_addr, set))
        return -EFAULT;
    SysThread *th = sys_thread_self(abi, c->env);
    uint64_t old[2] = { th->blocked[0], th->blocked[1] };
    if (set_addr) {
        uint64_t mask[2] = { old[0], old[1] };
        mask_drop_unblockable(abi, set);
        int r = apply_how(abi, sys_int(c, 0), set, mask);
        if (r)
            return r;
        sys_signal_set_blocked(abi, th, mask);
    }
    return old_addr ? put_sigset(abi, old_addr, old) : 0;
}

/* ---- sigaltstack ---- */

static bool on_altstack(const GuestAbi *abi, const void *env, const SysStack *ss)
{
    if (!ss->size || (ss->flags & GUEST_SS_AUTODISARM))
        return false;
    uint32_t sp = abi->guest_sp(env);
    return sp > ss->sp && sp - ss->sp <= ss->size;
}

/* The old value as Linux reports it: the state (disabled, on the stack
 * or not) or'ed with the flags last given. */
static SysStack current_altstack(const SysCall *c, const SysThread *th)
{
    SysStack cur = th->altstack;
    cur.flags &= GUEST_SS_AUTODISARM;
    if (!cur.size)
        cur.flags |= GUEST_SS_DISABLE;
    else if (on_altstack(c->abi, c->env, &th->altstack))
        cur.flags |= GUEST_SS_ONSTACK;
    return cur;
}

/* sigaltstack(ss, old_ss) */
int64_t sys_sigaltstack(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t ss_addr = sys_u32(c, 0), old_addr = sys_u32(c, 1);
    SysThread *th = sys_thread_self(abi, c->env);
    SysStack ss, old = current_altstack(c, th);
    if (ss_addr) {
        if (abi->get_stack(abi, ss_addr, &ss))
            return -EFAULT;
        int r = sys_signal_set_altstack(abi, c->env, th, ss);
        if (r)
            return r;
    }
    return old_addr ? abi->put_stack(abi, old_addr, &old) : 0;
}

/* ---- waiting for signals ---- */

/* rt_sigpending(set, sigsetsize): the blocked signals waiting, the
 * thread's own queue and what the host holds for it and the process. */
int64_t sys_rt_sigpending(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    if (sys_u32(c, 1) > abi->sigset_size)
        return -EINVAL;
    SysThread *th = sys_thread_self(abi, c->env);
    uint64_t p[2] = { 0, 0 };
    sigset_t old, host;
    sys_signal_block_all(&old);
    for (int i = 0; i < th->nqueued; i++)
        mask_add(p, th->queue[i].sig);
    sys_signal_restore(&old);
    if (syscall(SYS_rt_sigpending, &host, _NSIG / 8) == 0) {
        for (int h = 1; h < _NSIG; h++) {
            int g = xlat_signal_to_guest(abi, h);
            if (g > 0 && sigismember(&host, h))
                mask_add(p, g);
        }
    }
    p[0] &= th->blocked[0];
    p[1] &= th->blocked[1];
    uint32_t w[4] = { (uint32_t)p[0], (uint32_t)(p[0] >> 32), (uint32_t)p[1],
                      (uint32_t)(p[1] >> 32) };
    for (unsigned i = 0; i < 4; i++)
        w[i] = tsw32(abi, w[i]);
    return copy_to_guest(sys_u32(c, 0), w, sys_u32(c, 1)) ? -EFAULT : 0;
}

/*
 * rt_sigsuspend(mask, sigsetsize): wait with the given mask until a handler
 * runs.  The host sleeps in its own rt_sigsuspend on the mirrored mask; the
 * frame of the handler that ends the wait records the mask from before, so
 * sigreturn restores it (ERESTARTNOHAND: without a handler, it waits again).
 */
int64_t sys_rt_sigsuspend(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint64_t set[2];
    if (sys_u32(c, 1) != abi->sigset_size)
        return -EINVAL;
    if (get_sigset(abi, sys_u32(c, 0), set))
        return -EFAULT;
    SysThread *th = sys_thread_self(abi, c->env);
    th->saved_blocked[0] = th->blocked[0];
    th->saved_blocked[1] = th->blocked[1];
    th->restore_saved = true;
    sys_signal_set_blocked(abi, th, set);
    sigset_t host;
    sys_signal_host_mask(abi, th->blocked, &host);
    safe_syscall2(SYS_rt_sigsuspend, &host, _NSIG / 8);
    return -SYS_ERESTARTNOHAND;
}

/* The host signals of a guest set (faults included: waiting for a SIGFPE
 * someone sends is fine). */
static void host_set_of(const GuestAbi *abi, const uint64_t set[2], sigset_t *out)
{
    sigemptyset(out);
    for (unsigned g = 1; g <= abi->nsig && g <= SYS_MAX_SIG; g++) {
        int h = xlat_signal_to_host(abi, (int)g);
        if (mask_has(set, (int)g) && h > 0 && h < _NSIG)
            sigaddset(out, h);
    }
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): first what this thread
 * has queued, then the host, where blocked signals stay pending. */
static int64_t do_sigtimedwait(SysCall *c, XlatGetTs get_ts)
{
    const GuestAbi *abi = c->abi;
    uint32_t info_addr = sys_u32(c, 1), ts_addr = sys_u32(c, 2);
    uint64_t set[2];
    struct timespec ts;
    if (sys_u32(c, 3) != abi->sigset_size)
        return -EINVAL;
    if (get_sigset(abi, sys_u32(c, 0), set))
        return -EFAULT;
    if (ts_addr && get_ts(abi, ts_addr, &ts))
        return -EFAULT;
    mask_drop_unblockable(abi, set);
    SysThread *th = sys_thread_self(abi, c->env);
    sigset_t host;
    host_set_of(abi, set, &host);
    for (;;) {
        SysSigQueued q;
        int sig = sys_signal_dequeue(th, set, &q);
        if (sig) {
            if (info_addr && sys_put_siginfo(abi, info_addr, sig, &q.info))
                return -EFAULT;
            return sig;
        }
        siginfo_t si;
        long r = safe_syscall4(SYS_rt_sigtimedwait, &host, &si, ts_addr ? &ts : NULL,
                               _NSIG / 8);
        if (r == -SYS_ERESTARTSYS) {
            /* A waited-for signal the guest does not block may have been
             * queued by ferry's handler instead: look again. */
            if (sys_signal_dequeue(th, set, &q)) {
                if (info_addr && sys_put_siginfo(abi, info_addr, q.sig, &q.info))
                    return -EFAULT;
                return q.sig;
            }
            return -EINTR;
        }
        if (r < 0)
            return r;
        sig = xlat_signal_to_guest(abi, (int)r);
        if (sig <= 0)
            continue;
        if (info_addr && sys_put_siginfo(abi, info_addr, sig, &si))
            return -EFAULT;
        return sig;
    }
}

int64_t sys_rt_sigtimedwait(SysCall *c)
{
    return do_sigtimedwait(c, xlat_get_timespec32);
}

int64_t sys_rt_sigtimedwait_time64(SysCall *c)
{
    return do_sigtimedwait(c, xlat_get_timespec64);
}

/* ---- sending signals ---- */

int64_t sys_kill(SysCall *c)
{
    int sig = xlat_signal_to_host(c->abi, sys_int(c, 1));
    if (sig < 0)
        return -EINVAL;
    return sys_host(kill(sys_int(c, 0), sig));
}

int64_t sys_tkill(SysCall *c)
{
    int sig = xlat_signal_to_host(c->abi, sys_int(c, 1));
    if (sig < 0)
        return -EINVAL;
    return sys_host(syscall(SYS_tkill, sys_int(c, 0), sig));
}

int64_t sys_tgkill(SysCall *c)
{
    int sig = xlat_signal_to_host(c->abi, sys_int(c, 2));
    if (sig < 0)
        return -EINVAL;
    return sys_host(tgkill(sys_int(c, 0), sys_int(c, 1), sig));
}

/* The siginfo a sender passes, in host form with the host signal number. */
static int get_queued_info(const SysCall *c, int sig, uint32_t addr, siginfo_t *si)
{
    if (sys_get_siginfo(c->abi, addr, si))
        return -EFAULT;
    si->si_signo = sig;
    return 0;
}

/* rt_sigqueueinfo(tgid, sig, info) */
int64_t sys_rt_sigqueueinfo(SysCall *c)
{
    int sig = xlat_signal_to_host(c->abi, sys_int(c, 1));
    siginfo_t si;
    if (sig < 0)
        return -EINVAL;
    if (get_queued_info(c, sig, sys_u32(c, 2), &si))
        return -EFAULT;
    return sys_host(syscall(SYS_rt_sigqueueinfo, sys_int(c, 0), sig, &si));
}

/* rt_tgsigqueueinfo(tgid, tid, sig, info) */
int64_t sys_rt_tgsigqueueinfo(SysCall *c)
{
    int sig = xlat_signal_to_host(c->abi, sys_int(c, 2));
    siginfo_t si;
    if (sig < 0)
        return -EINVAL;
    if (get_queued_info(c, sig, sys_u32(c, 3), &si))
        return -EFAULT;
    return sys_host(syscall(SYS_rt_tgsigqueueinfo, sys_int(c, 0), sys_int(c, 1), sig, &si));
}
