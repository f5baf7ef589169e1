/*
 * Waiting for descriptors: poll and ppoll, select (_newselect) and
 * pselect6, with their 32-bit and 64-bit time variants, and epoll.
 *
 * struct pollfd and the POLL* bits are the same on every ABI, so poll
 * passes the guest's array to the host in place.  An fd_set is an array
 * of longs, 32-bit for the guest; in little-endian memory its bits are
 * where the host's 64-bit longs have them, but the sizes round
 * differently, so the sets are copied through host buffers of the size
 * each side expects.
 *
 * The signal masks of ppoll, pselect6 and epoll_pwait are read (a bad pointer is
 * EFAULT) but not installed for the wait: ferry does not deliver guest
 * signals yet, so there is nothing for the temporary mask to act on.
 * Guest signal delivery must install it (as rt_sigsuspend would).
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
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* The kernel's limit on poll's nfds is RLIMIT_NOFILE; the host applies it. */

int64_t sys_poll(SysCall *c)
{
    uint32_t fds = sys_u32(c, 0), nfds = sys_u32(c, 1);
    sys_will_write(fds, (uint64_t)nfds * 8);
    return sys_host(poll(nfds ? g2h(fds) : NULL, nfds, sys_int(c, 2)));
}

/* Read (and check) a guest sigset argument of sigsetsize bytes. */
static int check_sigmask(const GuestAbi *abi, uint32_t addr, uint32_t size)
{
    uint8_t buf[16];
    if (!addr)
        return 0;
    if (size != abi->sigset_size)
        return -EINVAL;
    return copy_from_guest(buf, addr, size) ? -EFAULT : 0;
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize): the remaining time is
 * written back, as Linux does. */
static int64_t do_ppoll(SysCall *c, XlatGetTs get, XlatPutTs put)
{
    const GuestAbi *abi = c->abi;
    uint32_t fds = sys_u32(c, 0), nfds = sys_u32(c, 1), ts_addr = sys_u32(c, 2);
    struct timespec ts;
    if (ts_addr && get(abi, ts_addr, &ts))
        return -EFAULT;
    int r = check_sigmask(abi, sys_u32(c, 3), sys_u32(c, 4));
    if (r)
        return r;
    sys_will_write(fds, (uint64_t)nfds * 8);
    long n = syscall(SYS_ppoll, nfds ? g2h(fds) : NULL, nfds, ts_addr ? &ts : NULL, NULL, 8);
    if (n < 0)
        return -errno;
    if (ts_addr && put(abi, ts_addr, &ts))
        return -EFAULT;
    return n;
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

/* The three sets of a select call, as host buffers. */
typedef struct Sets {
    uint32_t addr[3];
    uint64_t *host[3];
    size_t guest_bytes, host_bytes;
} Sets;

static void sets_free(Sets *s)
{
    for (int i = 0; i < 3; i++)
        free(s->host[i]);
}

static int sets_get(Sets *s, int nfds, uint32_t r, uint32_t w, uint32_t e)
{
    memset(s, 0, sizeof *s);
    if (nfds < 0)
        return -EINVAL;
    s->addr[0] = r, s->addr[1] = w, s->addr[2] = e;
    s->guest_bytes = ((size_t)nfds + 31) / 32 * 4;
    s->host_bytes = ((size_t)nfds + 63) / 64 * 8;
    for (int i = 0; i < 3; i++) {
        if (!s->addr[i])
            continue;
        s->host[i] = calloc(1, s->host_bytes ? s->host_bytes : 8);
        if (!s->host[i])
            return -ENOMEM;
        if (copy_from_guest(s->host[i], s->addr[i], s->guest_bytes))
            return -EFAULT;
    }
    return 0;
}

static int sets_put(const Sets *s)
{
    for (int i = 0; i < 3; i++)
        if (s->addr[i] && copy_to_guest(s->addr[i], s->host[i], s->guest_bytes))
            return -EFAULT;
    return 0;
}

/* _newselect(nfds, readfds, writefds, exceptfds, struct timeval32 *timeout):
 * the remaining time is written back, as Linux does. */
int64_t sys_newselect(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    int nfds = sys_int(c, 0);
    uint32_t tv_addr = sys_u32(c, 4);
    struct timeval tv;
    if (tv_addr) {
        GuestTimeval32 g;
        if (copy_from_guest(&g, tv_addr, sizeof g))
            return -EFAULT;
        tv.tv_sec = (int32_t)tsw32(abi, (uint32_t)g.tv_sec);
        tv.tv_usec = (int32_t)tsw32(abi, (uint32_t)g.tv_usec);
    }
    Sets s;
    int r = sets_get(&s, nfds, sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3));
    if (r) {
        sets_free(&s);
        return r;
    }
    long n = syscall(SYS_select, nfds, s.host[0], s.host[1], s.host[2], tv_addr ? &tv : NULL);
    int64_t res = n < 0 ? -errno : n;
    if (n >= 0 && sets_put(&s))
        res = -EFAULT;
    if (n >= 0 && tv_addr) {
        GuestTimeval32 g = { (int32_t)tsw32(abi, (uint32_t)tv.tv_sec),
                             (int32_t)tsw32(abi, (uint32_t)tv.tv_usec) };
        if (copy_to_guest(tv_addr, &g, sizeof g))
            res = -EFAULT;
    }
    sets_free(&s);
    return res;
}

/* pselect6(nfds, readfds, writefds, exceptfds, timeout, data): data points
 * to { sigset pointer, sigset size } in 32-bit words. */
static int64_t do_pselect6(SysCall *c, XlatGetTs get, XlatPutTs put)
{
    const GuestAbi *abi = c->abi;
    int nfds = sys_int(c, 0);
    uint32_t ts_addr = sys_u32(c, 4), data = sys_u32(c, 5);
    struct timespec ts;
    if (ts_addr && get(abi, ts_addr, &ts))
        return -EFAULT;
    if (data) {
        uint32_t mask, size;
        if (sys_get_u32(abi, data, &mask) || sys_get_u32(abi, data + 4, &size))
            return -EFAULT;
        int r = check_sigmask(abi, mask, size);
        if (r)
            return r;
    }
    Sets s;
    int r = sets_get(&s, nfds, sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3));
    if (r) {
        sets_free(&s);
        return r;
    }
    long n = syscall(SYS_pselect6, nfds, s.host[0], s.host[1], s.host[2],
                     ts_addr ? &ts : NULL, NULL);
    int64_t res = n < 0 ? -errno : n;
    if (n >= 0 && sets_put(&s))
        res = -EFAULT;
    if (n >= 0 && ts_addr && put(abi, ts_addr, &ts))
        res = -EFAULT;
    sets_free(&s);
    return res;
}

int64_t sys_pselect6(SysCall *c)
{
    return do_pselect6(c, xlat_get_timespec32, xlat_put_timespec32);
}

int64_t sys_pselect6_time64(SysCall *c)
{
    return do_pselect6(c, xlat_get_timespec64, xlat_put_timespec64);
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
static int64_t do_epoll_wait(SysCall *c, int timeout_ms, const struct timespec *ts, bool pwait2)
{
    const GuestAbi *abi = c->abi;
    uint32_t addr = sys_u32(c, 1);
    int maxevents = sys_int(c, 2);
    if (maxevents <= 0 || maxevents > (int)(INT32_MAX / sizeof(GuestEpollEvent)))
        return -EINVAL;
    struct epoll_event *ev = malloc((size_t)maxevents * sizeof *ev);
    if (!ev)
        return -ENOMEM;
    long n = pwait2 ? syscall(SYS_epoll_pwait2, sys_int(c, 0), ev, maxevents, ts, NULL, 8)
                    : epoll_wait(sys_int(c, 0), ev, maxevents, timeout_ms);
    int64_t r = n < 0 ? -errno : n;
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
    return do_epoll_wait(c, sys_int(c, 3), NULL, false);
}

/* epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize) */
int64_t sys_epoll_pwait(SysCall *c)
{
    int r = check_sigmask(c->abi, sys_u32(c, 4), sys_u32(c, 5));
    return r ? r : do_epoll_wait(c, sys_int(c, 3), NULL, false);
}

/* epoll_pwait2(epfd, events, maxevents, struct __kernel_timespec *, sigmask, size) */
int64_t sys_epoll_pwait2(SysCall *c)
{
    struct timespec ts;
    uint32_t ts_addr = sys_u32(c, 3);
    if (ts_addr && xlat_get_timespec64(c->abi, ts_addr, &ts))
        return -EFAULT;
    int r = check_sigmask(c->abi, sys_u32(c, 4), sys_u32(c, 5));
    return r ? r : do_epoll_wait(c, 0, ts_addr ? &ts : NULL, true);
}
