/*
 * Time handlers: clocks, gettimeofday, time and sleeping, each in the
 * 32-bit guest layout and, where the guest ABI has one, the *_time64 form
 * with 64-bit seconds (what 32-bit libcs use since the 2038 work).
 *
 * CLOCK_* ids and TIMER_ABSTIME are the same on every Linux ABI, so clock
 * ids go to the host unchanged (including the negative CPU-time ids).
 */
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

static int64_t do_clock_gettime(SysCall *c, XlatPutTs put)
{
    struct timespec ts;
    if (syscall(SYS_clock_gettime, sys_int(c, 0), &ts) == -1)
        return -errno;
    return put(c->abi, sys_u32(c, 1), &ts);
}

int64_t sys_clock_gettime(SysCall *c)
{
    return do_clock_gettime(c, xlat_put_timespec32);
}

int64_t sys_clock_gettime64(SysCall *c)
{
    return do_clock_gettime(c, xlat_put_timespec64);
}

/* The resolution pointer may be NULL (just validates the clock). */
static int64_t do_clock_getres(SysCall *c, XlatPutTs put)
{
    struct timespec ts;
    if (syscall(SYS_clock_getres, sys_int(c, 0), &ts) == -1)
        return -errno;
    return sys_u32(c, 1) ? put(c->abi, sys_u32(c, 1), &ts) : 0;
}

int64_t sys_clock_getres(SysCall *c)
{
    return do_clock_getres(c, xlat_put_timespec32);
}

int64_t sys_clock_getres_time64(SysCall *c)
{
    return do_clock_getres(c, xlat_put_timespec64);
}

/* gettimeofday(tv, tz): either pointer may be NULL. */
int64_t sys_gettimeofday(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    struct timeval tv;
    struct timezone tz;
    if (syscall(SYS_gettimeofday, &tv, &tz) == -1)
        return -errno;
    if (sys_u32(c, 0)) {
        GuestTimeval32 g = { (int32_t)tsw32(abi, (uint32_t)tv.tv_sec),
                             (int32_t)tsw32(abi, (uint32_t)tv.tv_usec) };
        if (copy_to_guest(sys_u32(c, 0), &g, sizeof(g)))
            return -EFAULT;
    }
    if (sys_u32(c, 1)) {
        GuestTimezone g = { (int32_t)tsw32(abi, (uint32_t)tz.tz_minuteswest),
                            (int32_t)tsw32(abi, (uint32_t)tz.tz_dsttime) };
        if (copy_to_guest(sys_u32(c, 1), &g, sizeof(g)))
            return -EFAULT;
    }
    return 0;
}

/* time(tloc): not in the ARM EABI, used by other 32-bit ABIs. */
int64_t sys_time(SysCall *c)
{
    int32_t now = (int32_t)time(NULL);
    if (sys_u32(c, 0) && sys_put_u32(c->abi, sys_u32(c, 0), (uint32_t)now))
        return -EFAULT;
    return (uint32_t)now;
}

/* ---- sleeping ---- */

/* The remaining time is written back only when a signal cut the sleep
 * short, as the kernel does.  Interrupted, the sleep fails with EINTR if a
 * handler runs and starts again otherwise (ERESTARTNOHAND; the kernel
 * would go on with the remaining time, the restart takes the request
 * again). */
static int64_t do_nanosleep(SysCall *c, int clock, int flags, uint32_t req_addr,
                            uint32_t rem_addr, XlatGetTs get, XlatPutTs put)
{
    struct timespec req, rem;
    if (get(c->abi, req_addr, &req))
        return -EFAULT;
    long r = safe_syscall4(SYS_clock_nanosleep, clock, flags, &req, &rem);
    if (r != -EINTR && r != -SYS_ERESTARTSYS)
        return r;
    if (r == -SYS_ERESTARTSYS)
        rem = req;   /* it never started */
    if (rem_addr && !(flags & TIMER_ABSTIME) && put(c->abi, rem_addr, &rem))
        return -EFAULT;
    return -SYS_ERESTARTNOHAND;
}

int64_t sys_nanosleep(SysCall *c)
{
    return do_nanosleep(c, CLOCK_MONOTONIC, 0, sys_u32(c, 0), sys_u32(c, 1),
                        xlat_get_timespec32, xlat_put_timespec32);
}

/* clock_nanosleep(clock, flags, req, rem) */
int64_t sys_clock_nanosleep(SysCall *c)
{
    return do_nanosleep(c, sys_int(c, 0), sys_int(c, 1), sys_u32(c, 2), sys_u32(c, 3),
                        xlat_get_timespec32, xlat_put_timespec32);
}

int64_t sys_clock_nanosleep_time64(SysCall *c)
{
    return do_nanosleep(c, sys_int(c, 0), sys_int(c, 1), sys_u32(c, 2), sys_u32(c, 3),
                        xlat_get_timespec64, xlat_put_timespec64);
}

/* ---- interval timers ---- */

static int get_itimerval(const GuestAbi *abi, uint32_t addr, struct itimerval *it)
{
    GuestItimerval32 g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    it->it_interval.tv_sec = (int32_t)tsw32(abi, (uint32_t)g.it_interval.tv_sec);
    it->it_interval.tv_usec = (int32_t)tsw32(abi, (uint32_t)g.it_interval.tv_usec);
    it->it_value.tv_sec = (int32_t)tsw32(abi, (uint32_t)g.it_value.tv_sec);
    it->it_value.tv_usec = (int32_t)tsw32(abi, (uint32_t)g.it_value.tv_usec);
    return 0;
}

static int put_itimerval(const GuestAbi *abi, uint32_t addr, const struct itimerval *it)
{
    GuestItimerval32 g = {
        { (int32_t)tsw32(abi, (uint32_t)it->it_interval.tv_sec),
          (int32_t)tsw32(abi, (uint32_t)it->it_interval.tv_usec) },
        { (int32_t)tsw32(abi, (uint32_t)it->it_value.tv_sec),
          (int32_t)tsw32(abi, (uint32_t)it->it_value.tv_usec) },
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* setitimer(which, new, old): the host's timers, whose signals (SIGALRM,
 * SIGVTALRM, SIGPROF) reach the guest like any other.  ITIMER_* are the
 * same on every ABI. */
int64_t sys_setitimer(SysCall *c)
{
    struct itimerval nv, ov;
    uint32_t new_addr = sys_u32(c, 1), old_addr = sys_u32(c, 2);
    if (new_addr && get_itimerval(c->abi, new_addr, &nv))
        return -EFAULT;
    if (syscall(SYS_setitimer, sys_int(c, 0), new_addr ? &nv : NULL, &ov) != 0)
        return -errno;
    return old_addr ? put_itimerval(c->abi, old_addr, &ov) : 0;
}

int64_t sys_getitimer(SysCall *c)
{
    struct itimerval v;
    if (syscall(SYS_getitimer, sys_int(c, 0), &v) != 0)
        return -errno;
    return put_itimerval(c->abi, sys_u32(c, 1), &v);
}
