/*
 * File descriptor handlers: read/write and their vector and positional
 * forms, close, the lseek family, dup, pipe and fcntl.
 *
 * Guest buffers go to the host kernel as g2h() pointers without copying:
 * unmapped guest pages are PROT_NONE in the host, so the kernel itself
 * reports EFAULT (and short counts) exactly where Linux would.
 *
 * The transfers that may block (pipes, terminals, sockets) go through
 * safe_syscall, so a guest signal interrupts them as it would on Linux.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* UIO_MAXIOV: the kernel's limit on iovec counts. */
#define SYS_MAX_IOV 1024

int64_t sys_read(SysCall *c)
{
    uint32_t buf = sys_u32(c, 1), count = sys_u32(c, 2);
    sys_will_write(buf, count);
    return safe_syscall3(SYS_read, sys_int(c, 0), g2h(buf), count);
}

int64_t sys_write(SysCall *c)
{
    return safe_syscall3(SYS_write, sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2));
}

/*
 * Convert a guest array of 32-bit iovecs.  As on a 32-bit kernel, a length
 * that is negative as a 32-bit ssize_t is EINVAL; buffers are left for the
 * host kernel to check.
 */
static int get_iovecs(const SysCall *c, uint32_t addr, int32_t cnt,
                      struct iovec *iov, bool will_write)
{
    if (cnt < 0 || cnt > SYS_MAX_IOV)
        return -EINVAL;
    GuestIovec32 g[SYS_MAX_IOV];
    if (copy_from_guest(g, addr, (size_t)cnt * sizeof(g[0])))
        return -EFAULT;
    for (int32_t i = 0; i < cnt; i++) {
        uint32_t base = tsw32(c->abi, g[i].iov_base);
        uint32_t len = tsw32(c->abi, g[i].iov_len);
        if (len > INT32_MAX)
            return -EINVAL;
        if (will_write)
            sys_will_write(base, len);
        iov[i].iov_base = g2h(base);
        iov[i].iov_len = len;
    }
    return 0;
}

int64_t sys_readv(SysCall *c)
{
    struct iovec iov[SYS_MAX_IOV];
    int r = get_iovecs(c, sys_u32(c, 1), sys_int(c, 2), iov, true);
    if (r)
        return r;
    return safe_syscall3(SYS_readv, sys_int(c, 0), iov, sys_int(c, 2));
}

int64_t sys_writev(SysCall *c)
{
    struct iovec iov[SYS_MAX_IOV];
    int r = get_iovecs(c, sys_u32(c, 1), sys_int(c, 2), iov, false);
    if (r)
        return r;
    return safe_syscall3(SYS_writev, sys_int(c, 0), iov, sys_int(c, 2));
}

/* pread64(fd, buf, count, offset): the offset is a 64-bit register pair. */
int64_t sys_pread64(SysCall *c)
{
    uint32_t buf = sys_u32(c, 1), count = sys_u32(c, 2);
    sys_will_write(buf, count);
    return safe_syscall4(SYS_pread64, sys_int(c, 0), g2h(buf), count, (off_t)c->a[3]);
}

int64_t sys_pwrite64(SysCall *c)
{
    return safe_syscall4(SYS_pwrite64, sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2),
                         (off_t)c->a[3]);
}

int64_t sys_close(SysCall *c)
{
    return sys_host(close(sys_int(c, 0)));
}

/* lseek with a 32-bit off_t: a position that does not fit is EOVERFLOW
 * (the file position has moved anyway, as on a 32-bit kernel). */
int64_t sys_lseek(SysCall *c)
{
    off_t r = lseek(sys_int(c, 0), (off_t)sys_int(c, 1), sys_int(c, 2));
    if (r == -1)
        return -errno;
    return r > INT32_MAX ? -EOVERFLOW : r;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence): the
 * 64-bit position is stored at result and the call returns 0. */
int64_t sys_llseek(SysCall *c)
{
    off_t off = (off_t)((uint64_t)sys_u32(c, 1) << 32 | sys_u32(c, 2));
    off_t r = lseek(sys_int(c, 0), off, sys_int(c, 4));
    if (r == -1)
        return -errno;
    return sys_put_u64(c->abi, sys_u32(c, 3), (uint64_t)r);
}

/* ftruncate(fd, length) with a 32-bit signed length. */
int64_t sys_ftruncate(SysCall *c)
{
    return sys_host(ftruncate(sys_int(c, 0), (off_t)sys_int(c, 1)));
}

int64_t sys_ftruncate64(SysCall *c)
{
    return sys_host(ftruncate(sys_int(c, 0), (off_t)c->a[1]));
}

int64_t sys_fsync(SysCall *c)
{
    return sys_host(fsync(sys_int(c, 0)));
}

int64_t sys_fdatasync(SysCall *c)
{
    return sys_host(fdatasync(sys_int(c, 0)));
}

int64_t sys_dup(SysCall *c)
{
    return sys_host(dup(sys_int(c, 0)));
}

int64_t sys_dup2(SysCall *c)
{
    return sys_host(dup2(sys_int(c, 0), sys_int(c, 1)));
}

/* dup3 takes only O_CLOEXEC, in guest encoding. */
int64_t sys_dup3(SysCall *c)
{
    uint32_t flags = xlat_open_flags_to_host(c->abi, sys_u32(c, 2));
    if (sys_u32(c, 2) != xlat_open_flags_to_guest(c->abi, flags))
        return -EINVAL;  /* a flag the host does not know */
    return sys_host(dup3(sys_int(c, 0), sys_int(c, 1), (int)flags));
}

static int64_t do_pipe2(SysCall *c, uint32_t addr, uint32_t guest_flags)
{
    int fds[2];
    int flags = (int)xlat_open_flags_to_host(c->abi, guest_flags);
    if (pipe2(fds, flags) == -1)
        return -errno;
    if (sys_put_u32(c->abi, addr, (uint32_t)fds[0]) ||
        sys_put_u32(c->abi, addr + 4, (uint32_t)fds[1])) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

int64_t sys_pipe(SysCall *c)
{
    return do_pipe2(c, sys_u32(c, 0), 0);
}

int64_t sys_pipe2(SysCall *c)
{
    return do_pipe2(c, sys_u32(c, 0), sys_u32(c, 1));
}

/* ---- fcntl ---- */

/* The asm-generic commands (ARM).  The host has no separate *LK64
 * commands: its F_GETLK already takes 64-bit offsets. */
const FcntlDef sys_generic_fcntls[] = {
    { 0, F_DUPFD, FC_VALUE, "F_DUPFD" },
    { 1, F_GETFD, FC_VALUE, "F_GETFD" },
    { 2, F_SETFD, FC_VALUE, "F_SETFD" },
    { 3, F_GETFL, FC_GETFL, "F_GETFL" },
    { 4, F_SETFL, FC_SETFL, "F_SETFL" },
    { 5, F_GETLK, FC_LOCK32, "F_GETLK" },
    { 6, F_SETLK, FC_LOCK32, "F_SETLK" },
    { 7, F_SETLKW, FC_LOCK32, "F_SETLKW" },
    { 8, F_SETOWN, FC_VALUE, "F_SETOWN" },
    { 9, F_GETOWN, FC_VALUE, "F_GETOWN" },
    { 10, F_SETSIG, FC_VALUE, "F_SETSIG" },
    { 11, F_GETSIG, FC_VALUE, "F_GETSIG" },
    { 12, F_GETLK, FC_LOCK64, "F_GETLK64" },
    { 13, F_SETLK, FC_LOCK64, "F_SETLK64" },
    { 14, F_SETLKW, FC_LOCK64, "F_SETLKW64" },
    { 36, F_OFD_GETLK, FC_LOCK64, "F_OFD_GETLK" },
    { 37, F_OFD_SETLK, FC_LOCK64, "F_OFD_SETLK" },
    { 38, F_OFD_SETLKW, FC_LOCK64, "F_OFD_SETLKW" },
    { 1024, F_SETLEASE, FC_VALUE, "F_SETLEASE" },
    { 1025, F_GETLEASE, FC_VALUE, "F_GETLEASE" },
    { 1026, F_NOTIFY, FC_VALUE, "F_NOTIFY" },
    { 1030, F_DUPFD_CLOEXEC, FC_VALUE, "F_DUPFD_CLOEXEC" },
    { 1031, F_SETPIPE_SZ, FC_VALUE, "F_SETPIPE_SZ" },
    { 1032, F_GETPIPE_SZ, FC_VALUE, "F_GETPIPE_SZ" },
    { 1033, F_ADD_SEALS, FC_VALUE, "F_ADD_SEALS" },
    { 1034, F_GET_SEALS, FC_VALUE, "F_GET_SEALS" },
    { 0, 0, FC_VALUE, NULL },
};

static const FcntlDef *find_fcntl(const GuestAbi *abi, uint32_t cmd)
{
    for (const FcntlDef *d = abi->fcntls; d && d->name; d++)
        if (d->guest_cmd == cmd)
            return d;
    return NULL;
}

static int64_t fcntl_lock(SysCall *c, int fd, const FcntlDef *d, uint32_t arg)
{
    bool is64 = d->kind == FC_LOCK64;
    struct flock fl;
    int r = xlat_get_flock(c->abi, arg, is64, &fl);
    if (r)
        return r;
    if (fcntl(fd, (int)d->host_cmd, &fl) == -1)
        return -errno;
    bool get = d->host_cmd == F_GETLK || d->host_cmd == F_OFD_GETLK;
    return get ? xlat_put_flock(c->abi, arg, is64, &fl) : 0;
}

/* fcntl64(fd, cmd, arg); plain fcntl shares it. */
int64_t sys_fcntl64(SysCall *c)
{
    int fd = sys_int(c, 0);
    uint32_t arg = sys_u32(c, 2);
    const FcntlDef *d = find_fcntl(c->abi, sys_u32(c, 1));
    if (!d)
        return -EINVAL;  /* what the kernel says to an unknown command */
    switch (d->kind) {
    case FC_VALUE:
        return sys_host(fcntl(fd, (int)d->host_cmd, (unsigned long)arg));
    case FC_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r == -1 ? -errno : (int64_t)xlat_open_flags_to_guest(c->abi, (uint32_t)r);
    }
    case FC_SETFL:
        return sys_host(fcntl(fd, F_SETFL, xlat_open_flags_to_host(c->abi, arg)));
    case FC_LOCK32:
    case FC_LOCK64:
        return fcntl_lock(c, fd, d, arg);
    }
    return -EINVAL;
}
