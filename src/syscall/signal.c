/*
 * Signal handlers of the syscall layer: rt_sigaction, rt_sigprocmask and
 * sigaltstack record what the guest asks for, in guest terms, so that
 * guest signal delivery can act on it; kill and friends send host signals.
 *
 * The host's own dispositions and mask are never changed here: ferry
 * needs its own handlers for faults and for interrupting blocked calls,
 * and the guest's wishes take effect when ferry delivers a signal.  The
 * checks follow the kernel's order so that error returns match Linux.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"

/* sigaltstack flags, the same on every ABI. */
#define GUEST_SS_ONSTACK    1u
#define GUEST_SS_DISABLE    2u
#define GUEST_SS_AUTODISARM 0x80000000u

#define SYS_MAX_SIG 128

static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static SysSigaction sig_actions[SYS_MAX_SIG + 1];
/* Per thread once guest threads exist; one thread for now. */
static uint64_t sig_blocked[2];
static SysStack sig_altstack = { .flags = GUEST_SS_DISABLE };

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

bool sys_signal_action(int sig, SysSigaction *out)
{
    if (sig < 1 || sig > SYS_MAX_SIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    *out = sig_actions[sig];
    pthread_mutex_unlock(&sig_lock);
    return true;
}

void sys_signal_blocked(uint64_t mask[2])
{
    pthread_mutex_lock(&sig_lock);
    mask[0] = sig_blocked[0];
    mask[1] = sig_blocked[1];
    pthread_mutex_unlock(&sig_lock);
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
    pthread_mutex_lock(&sig_lock);
    *old = sig_actions[sig];
    if (act) {
        act->flags &= abi->sa_flags_known;
        mask_drop_unblockable(abi, act->mask);
        sig_actions[sig] = *act;
    }
    pthread_mutex_unlock(&sig_lock);
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

static int apply_how(const GuestAbi *abi, int how, const uint64_t set[2])
{
    if (how != abi->sig_how[0] && how != abi->sig_how[1] && how != abi->sig_how[2])
        return -EINVAL;
    for (int i = 0; i < 2; i++) {
        if (how == abi->sig_how[0])
            sig_blocked[i] |= set[i];
        else if (how == abi->sig_how[1])
            sig_blocked[i] &= ~set[i];
        else
            sig_blocked[i] = set[i];
    }
    return 0;
}

/* rt_sigprocmask(how, set, oset, sigsetsize): oset gets the mask from
 * before the change. */
int64_t sys_rt_sigprocmask(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t set_addr = sys_u32(c, 1), old_addr = sys_u32(c, 2);
    uint64_t set[2], old[2];
    if (sys_u32(c, 3) != abi->sigset_size)
        return -EINVAL;
    if (set_addr && get_sigset(abi, set_addr, set))
        return -EFAULT;
    int r = 0;
    pthread_mutex_lock(&sig_lock);
    old[0] = sig_blocked[0];
    old[1] = sig_blocked[1];
    if (set_addr) {
        mask_drop_unblockable(abi, set);
        r = apply_how(abi, sys_int(c, 0), set);
    }
    pthread_mutex_unlock(&sig_lock);
    if (r)
        return r;
    return old_addr ? put_sigset(abi, old_addr, old) : 0;
}

/* ---- sigaltstack ---- */

static bool on_altstack(const GuestAbi *abi, const void *env, const SysStack *ss)
{
    if (!ss->size || !abi->guest_sp)
        return false;
    return abi->guest_sp(env) - ss->sp < ss->size;
}

/* The old value as Linux reports it: the state (disabled, on the stack
 * or not) or'ed with the flags last given. */
static SysStack current_altstack(const SysCall *c)
{
    SysStack cur = sig_altstack;
    if (!cur.size)
        cur.flags |= GUEST_SS_DISABLE;
    else if (on_altstack(c->abi, c->env, &cur))
        cur.flags |= GUEST_SS_ONSTACK;
    return cur;
}

static int set_altstack(const SysCall *c, SysStack ss)
{
    uint32_t mode = ss.flags & ~GUEST_SS_AUTODISARM;
    if (on_altstack(c->abi, c->env, &sig_altstack))
        return -EPERM;
    if (mode != GUEST_SS_DISABLE && mode != GUEST_SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode == GUEST_SS_DISABLE) {
        ss.sp = 0;
        ss.size = 0;
    } else if (ss.size < c->abi->minsigstksz) {
        return -ENOMEM;
    }
    sig_altstack = ss;
    return 0;
}

/* sigaltstack(ss, old_ss) */
int64_t sys_sigaltstack(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t ss_addr = sys_u32(c, 0), old_addr = sys_u32(c, 1);
    SysStack ss, old = current_altstack(c);
    if (ss_addr) {
        if (abi->get_stack(abi, ss_addr, &ss))
            return -EFAULT;
        int r = set_altstack(c, ss);
        if (r)
            return r;
    }
    return old_addr ? abi->put_stack(abi, old_addr, &old) : 0;
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
