/*
 * futex: guest futex words live in guest memory, which is host memory at
 * g2h(addr), so every operation maps onto the host futex on the same
 * word.  That keeps waiters in different guest threads (host threads)
 * and even in other processes sharing the memory working together.
 *
 * Values compared against the word (WAIT's val, CMP_REQUEUE's val3) are
 * swapped into guest byte order, since the host kernel compares them with
 * the word as stored.  WAKE_OP's arithmetic on the word assumes the host
 * byte order and so works only for little-endian guests.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"

static long host_futex(uint32_t uaddr, int op, uint32_t val, const void *timeout_or_val2,
                       uint32_t uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, g2h(uaddr), op, val, timeout_or_val2,
                   uaddr2 ? g2h(uaddr2) : NULL, val3);
}

/* Operations whose fourth argument is a timeout pointer (relative for
 * WAIT, absolute for the others). */
static bool has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
           cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
static int64_t do_futex(SysCall *c, XlatGetTs get_ts)
{
    const GuestAbi *abi = c->abi;
    uint32_t uaddr = sys_u32(c, 0), val = sys_u32(c, 2), arg4 = sys_u32(c, 3);
    uint32_t uaddr2 = sys_u32(c, 4), val3 = sys_u32(c, 5);
    int op = sys_int(c, 1);
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;

    if (has_timeout(cmd)) {
        if (arg4 && get_ts(abi, arg4, &ts))
            return -EFAULT;
        if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)
            val = tsw32(abi, val);
        return sys_host(host_futex(uaddr, op, val, arg4 ? &ts : NULL, 0, val3));
    }
    switch (cmd) {
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        return sys_host(host_futex(uaddr, op, val, NULL, 0, val3));
    case FUTEX_REQUEUE:
    case FUTEX_WAKE_OP:
        return sys_host(host_futex(uaddr, op, val, (void *)(uintptr_t)arg4, uaddr2, val3));
    case FUTEX_CMP_REQUEUE:
        return sys_host(host_futex(uaddr, op, val, (void *)(uintptr_t)arg4, uaddr2,
                                   tsw32(abi, val3)));
    default:
        return -ENOSYS;  /* the PI requeue pair; as a kernel without them */
    }
}

int64_t sys_futex(SysCall *c)
{
    return do_futex(c, xlat_get_timespec32);
}

int64_t sys_futex_time64(SysCall *c)
{
    return do_futex(c, xlat_get_timespec64);
}
