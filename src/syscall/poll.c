/*
 * Waiting for file descriptors and signals: poll, ppoll, select, pselect6
 * and pause, and epoll.  All go through safe_syscall so guest signals interrupt them,
 * and follow the kernel's restart rule for them (ERESTARTNOHAND: EINTR
 * when a handler runs, a transparent restart otherwise).  ppoll and
 * pselect6 wait with a temporary signal mask, as sigsuspend does: the
 * handler that interrupts them gets a frame that restores the old mask.
 *
 * struct pollfd (int fd; short events, revents) and the POLL* bits are the
 * same on every ABI, so guest arrays go to the host in place.  fd_set is an
 * array of longs, 32-bit in the guest: it is copied to and from a host
 * bitmap, which for little-endian guests has the same byte layout.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* A call interrupted before or while it slept: EINTR if a handler runs,
 * started again if none does. */
static int64_t interrupted(long r)
{
    return r == -EINTR || r == -SYS_ERESTARTSYS ? -SYS_ERESTARTNOHAND : r;
}

/* ---- temporary masks (ppoll, pselect6) ---- */

static int get_wait_mask(const GuestAbi *abi, uint32_t addr, uint32_t size, uint64_t m[2])
{
    if (size != abi->sigset_size)
        return -EINVAL;
    uint32_t w[4] = { 0 };
    if (copy_from_guest(w, addr, size))
        return -EFAULT;
    m[0] = tsw32(abi, w[0]) | (uint64_t)tsw32(abi, w[1]) << 32;
    m[1] = tsw32(abi, w[2]) | (uint64_t)tsw32(abi, w[3]) << 32;
    return 0;
}

/* Install the temporary mask; the host call gets the mirrored one. */
static void mask_begin(const GuestAbi *abi, SysThread *th, const uint64_t m[2], sigset_t *host)
{
    th->saved_blocked[0] = th->blocked[0];
    th->saved_blocked[1] = th->blocked[1];
    th->restore_saved = true;
    sys_signal_set_blocked(abi, th, m);
    sys_signal_host_mask(abi, th->blocked, host);
}

/* After the call: the old mask comes back now, unless a signal interrupted
 * the call (its frame will restore it). */
static int64_t mask_end(const GuestAbi *abi, SysThread *th, int64_t r)
{
    if (r == -SYS_ERESTARTNOHAND)
        return r;
    th->restore_saved = false;
    sys_signal_set_blocked(abi, th, th->saved_blocked);
    return r;
}

/* ---- poll ---- */

/* poll(fds, nfds, timeout_ms) */
int64_t sys_poll(SysCall *c)
{
    uint32_t fds = sys_u32(c, 0), n = sys_u32(c, 1);
    sys_will_write(fds, (uint64_t)n * 8);
    long r = safe_syscall3(SYS_poll, g2h(fds), n, sys_int(c, 2));
    return interrupted(r);
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize): the time left is written
 * back, as the kernel does. */
static int64_t do_ppoll(SysCall *c, XlatGetTs get_ts, XlatPutTs put_ts)
{
    const GuestAbi *abi = c->abi;
    uint32_t fds = sys_u32(c, 0), n = sys_u32(c, 1), ts_addr = sys_u32(c, 2);
    uint32_t mask_addr = sys_u32(c, 3);
    struct timespec ts;
    uint64_t m[2];
    if (ts_addr && get_ts(abi, ts_addr, &ts))
        return -EFAULT;
    if (mask_addr) {
        int e = get_wait_mask(abi, mask_addr, sys_u32(c, 4), m);
        if (e)
            return e;
    }
    sys_will_write(fds, (uint64_t)n * 8);
    SysThread *th = sys_thread_self(abi, c->env);
    sigset_t host;
    if (mask_addr)
        mask_begin(abi, th, m, &host);
    long r = safe_syscall5(SYS_ppoll, g2h(fds), n, ts_addr ? &ts : NULL,
                           mask_addr ? &host : NULL, _NSIG / 8);
    if (ts_addr && r != -EFAULT && r != -EINVAL)
        put_ts(abi, ts_addr, &ts);
    r = interrupted(r);
    return mask_addr ? mask_end(abi, th, r) : r;
}

int64_t sys_ppoll(SysCall *c)
{
    return do_ppoll(c, xlat_get_timespec32, xlat_put_timespec32);
}

int64_t sys_ppoll_time64(SysCall *c)
{
    return do_ppoll(c, xlat_get_timespec64, xlat_put_timespec64);
}

/* ---- select ---- */

typedef struct HostFdSets {
    fd_set *set[3];
    size_t bytes;               /* of the guest's sets: 32-bit words for n bits */
} HostFdSets;

static void free_sets(HostFdSets *s)
{
    for (int i = 0; i < 3; i++)
        free(s->set[i]);
}

static int get_fd_sets(const uint32_t addr[3], int n, HostFdSets *s)
{
    memset(s, 0, sizeof(*s));
    s->bytes = ((size_t)n + 31) / 32 * 4;
    /* The host reads whole 64-bit words: room for them, zeroed. */
    size_t host_bytes = ((size_t)n + 63) / 64 * 8;
    if (host_bytes < sizeof(fd_set))
        host_bytes = sizeof(fd_set);
    for (int i = 0; i < 3; i++) {
        if (!addr[i])
            continue;
        s->set[i] = calloc(1, host_bytes);
        if (!s->set[i]) {
            free_sets(s);
            return -ENOMEM;
        }
        if (copy_from_guest(s->set[i], addr[i], s->bytes)) {
            free_sets(s);
            return -EFAULT;
        }
    }
    return 0;
}

static int put_fd_sets(const uint32_t addr[3], const HostFdSets *s)
{
    for (int i = 0; i < 3; i++) {
        if (addr[i] && copy_to_guest(addr[i], s->set[i], s->bytes))
            return -EFAULT;
    }
    return 0;
}

/* _newselect(n, in, out, except, timeval): the time left goes back into
 * the timeval, as Linux does. */
int64_t sys_select(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    int n = sys_int(c, 0);
    uint32_t sets[3] = { sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3) }, tv_addr = sys_u32(c, 4);
    GuestTimeval32 g;
    struct timespec ts;
    if (n < 0)
        return -EINVAL;
    if (tv_addr) {
        if (copy_from_guest(&g, tv_addr, sizeof(g)))
            return -EFAULT;
        int32_t sec = (int32_t)tsw32(abi, (uint32_t)g.tv_sec);
        int32_t usec = (int32_t)tsw32(abi, (uint32_t)g.tv_usec);
        if (sec < 0 || usec < 0)
            return -EINVAL;
        ts.tv_sec = sec + usec / 1000000;
        ts.tv_nsec = (long)(usec % 1000000) * 1000;
    }
    HostFdSets s;
    int e = get_fd_sets(sets, n, &s);
    if (e)
        return e;
    long r = safe_syscall6(SYS_pselect6, n, s.set[0], s.set[1], s.set[2],
                           tv_addr ? &ts : NULL, NULL);
    if (r >= 0 && put_fd_sets(sets, &s))
        r = -EFAULT;
    free_sets(&s);
    if (tv_addr && r != -EFAULT) {
        g.tv_sec = (int32_t)tsw32(abi, (uint32_t)ts.tv_sec);
        g.tv_usec = (int32_t)tsw32(abi, (uint32_t)(ts.tv_nsec / 1000));
        copy_to_guest(tv_addr, &g, sizeof(g));
    }
    return interrupted(r);
}

/* pselect6(n, in, out, except, timespec, {sigmask, size}) */
static int64_t do_pselect6(SysCall *c, XlatGetTs get_ts, XlatPutTs put_ts)
{
    const GuestAbi *abi = c->abi;
    int n = sys_int(c, 0);
    uint32_t sets[3] = { sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3) };
    uint32_t ts_addr = sys_u32(c, 4), sig_addr = sys_u32(c, 5);
    struct timespec ts;
    uint64_t m[2];
    uint32_t mask_addr = 0;
    if (n < 0)
        return -EINVAL;
    if (ts_addr && get_ts(abi, ts_addr, &ts))
        return -EFAULT;
    if (sig_addr) {
        uint32_t size;
        if (sys_get_u32(abi, sig_addr, &mask_addr) || sys_get_u32(abi, sig_addr + 4, &size))
            return -EFAULT;
        if (mask_addr) {
            int e = get_wait_mask(abi, mask_addr, size, m);
            if (e)
                return e;
        }
    }
    HostFdSets s;
    int e = get_fd_sets(sets, n, &s);
    if (e)
        return e;
    SysThread *th = sys_thread_self(abi, c->env);
    sigset_t host;
    struct { const sigset_t *ss; size_t len; } hsig = { &host, _NSIG / 8 };
    if (mask_addr)
        mask_begin(abi, th, m, &host);
    long r = safe_syscall6(SYS_pselect6, n, s.set[0], s.set[1], s.set[2],
                           ts_addr ? &ts : NULL, mask_addr ? &hsig : NULL);
    if (r >= 0 && put_fd_sets(sets, &s))
        r = -EFAULT;
    free_sets(&s);
    if (ts_addr && r != -EFAULT)
        put_ts(abi, ts_addr, &ts);
    r = interrupted(r);
    return mask_addr ? mask_end(abi, th, r) : r;
}

int64_t sys_pselect6(SysCall *c)
{
    return do_pselect6(c, xlat_get_timespec32, xlat_put_timespec32);
}

int64_t sys_pselect6_time64(SysCall *c)
{
    return do_pselect6(c, xlat_get_timespec64, xlat_put_timespec64);
}

/* ---- pause ---- */

/* pause(): sleep until a handler runs (always EINTR then). */
int64_t sys_pause(SysCall *c)
{
    (void)c;
    safe_syscall0(SYS_pause);
    return -SYS_ERESTARTNOHAND;
}

/* ---- epoll ---- */

/* struct epoll_event of ARM EABI: the 64-bit data is 8-byte aligned, so
 * there are 4 bytes of padding (x86-64 packs the struct into 12 bytes). */
typedef struct GuestEpollEvent {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
} GuestEpollEvent;
GUEST_SIZE(GuestEpollEvent, 16);
GUEST_CHECK(GuestEpollEvent, data, 8);

/* epoll_create1(flags): EPOLL_CLOEXEC is O_CLOEXEC, in guest encoding. */
int64_t sys_epoll_create1(SysCall *c)
{
    uint32_t flags = xlat_open_flags_to_host(c->abi, sys_u32(c, 0));
    if (sys_u32(c, 0) != xlat_open_flags_to_guest(c->abi, flags) || (flags & ~O_CLOEXEC))
        return -EINVAL;
    return sys_host(epoll_create1((int)flags));
}

int64_t sys_epoll_create(SysCall *c)
{
    return sys_host(epoll_create(sys_int(c, 0)));
}

/* epoll_ctl(epfd, op, fd, event): EPOLL* bits and ops are the same everywhere. */
int64_t sys_epoll_ctl(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t addr = sys_u32(c, 3);
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    if (addr) {
        GuestEpollEvent g;
        if (copy_from_guest(&g, addr, sizeof g))
            return -EFAULT;
        ev.events = tsw32(abi, g.events);
        ev.data.u64 = tsw64(abi, g.data);
    }
    return sys_host(epoll_ctl(sys_int(c, 0), sys_int(c, 1), sys_int(c, 2), addr ? &ev : NULL));
}

/* The epoll waits: host events into a buffer, converted to the guest's. */
static int64_t do_epoll_wait(SysCall *c, int timeout_ms, const struct timespec *ts, bool pwait2,
                             bool has_mask)
{
    const GuestAbi *abi = c->abi;
    uint32_t addr = sys_u32(c, 1);
    int maxevents = sys_int(c, 2);
    if (maxevents <= 0 || maxevents > (int)(INT32_MAX / sizeof(GuestEpollEvent)))
        return -EINVAL;
    struct epoll_event *ev = malloc((size_t)maxevents * sizeof *ev);
    if (!ev)
        return -ENOMEM;
    /* the wait takes the temporary mask (if any) like ppoll */
    uint32_t mask_addr = has_mask ? sys_u32(c, 4) : 0;
    uint64_t m[2];
    if (mask_addr) {
        int e = get_wait_mask(abi, mask_addr, sys_u32(c, 5), m);
        if (e) {
            free(ev);
            return e;
        }
    }
    SysThread *th = sys_thread_self(abi, c->env);
    sigset_t host;
    if (mask_addr)
        mask_begin(abi, th, m, &host);
    long n = pwait2 ? safe_syscall6(SYS_epoll_pwait2, sys_int(c, 0), ev, maxevents, ts,
                                    mask_addr ? &host : NULL, _NSIG / 8)
                    : safe_syscall6(SYS_epoll_pwait, sys_int(c, 0), ev, maxevents, timeout_ms,
                                    mask_addr ? &host : NULL, _NSIG / 8);
    int64_t r = interrupted(n);
    if (mask_addr)
        r = mask_end(abi, th, r);
    for (long i = 0; i < n && r >= 0; i++) {
        GuestEpollEvent g = { tsw32(abi, ev[i].events), 0, tsw64(abi, ev[i].data.u64) };
        if (copy_to_guest(addr + (uint32_t)i * sizeof g, &g, sizeof g))
            r = -EFAULT;
    }
    free(ev);
    return r;
}

int64_t sys_epoll_wait(SysCall *c)
{
    return do_epoll_wait(c, sys_int(c, 3), NULL, false, false);
}

/* epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize) */
int64_t sys_epoll_pwait(SysCall *c)
{
    return do_epoll_wait(c, sys_int(c, 3), NULL, false, true);
}

/* epoll_pwait2(epfd, events, maxevents, struct __kernel_timespec *, sigmask, size) */
int64_t sys_epoll_pwait2(SysCall *c)
{
    struct timespec ts;
    uint32_t ts_addr = sys_u32(c, 3);
    if (ts_addr && xlat_get_timespec64(c->abi, ts_addr, &ts))
        return -EFAULT;
    return do_epoll_wait(c, 0, ts_addr ? &ts : NULL, true, true);
}
