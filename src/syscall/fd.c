/*
 * File descriptor handlers: read/write and their vector and positional
 * forms, close, the lseek family, dup, pipe, fcntl, and the transfer,
 * advice and space calls (sendfile, splice, fadvise, fallocate, ...).
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
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"
#include "common/log.h"


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
int sys_get_iovecs(const SysCall *c, uint32_t addr, int32_t cnt, struct iovec *iov,
                   bool will_write)
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
    int r = sys_get_iovecs(c, sys_u32(c, 1), sys_int(c, 2), iov, true);
    if (r)
        return r;
    return safe_syscall3(SYS_readv, sys_int(c, 0), iov, sys_int(c, 2));
}

int64_t sys_writev(SysCall *c)
{
    struct iovec iov[SYS_MAX_IOV];
    int r = sys_get_iovecs(c, sys_u32(c, 1), sys_int(c, 2), iov, false);
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

/* ferry's own descriptor (the -D log) looks closed to the guest. */
int64_t sys_close(SysCall *c)
{
    if (sys_int(c, 0) == ferry_log_fd())
        return -EBADF;
    int r = close(sys_int(c, 0));
    if (r == 0)
        sys_dir_forget(sys_int(c, 0));
    return sys_host(r);
}

/* close_range(first, last, flags): CLOSE_RANGE_* are the same everywhere.
 * The range is cut around ferry's own descriptor. */
int64_t sys_close_range(SysCall *c)
{
    uint32_t first = sys_u32(c, 0), last = sys_u32(c, 1), flags = sys_u32(c, 2);
    if (first > last)
        return -EINVAL;
    int own = ferry_log_fd();
    long r;
    if (own >= 0 && (uint32_t)own >= first && (uint32_t)own <= last) {
        r = own > 0 && (uint32_t)own > first
                ? syscall(SYS_close_range, first, (uint32_t)own - 1, flags) : 0;
        if (r == 0 && (uint32_t)own < last)
            r = syscall(SYS_close_range, (uint32_t)own + 1, last, flags);
    } else {
        r = syscall(SYS_close_range, first, last, flags);
    }
    if (r < 0)
        return -errno;
    if (!(flags & 4 /* CLOSE_RANGE_CLOEXEC */))
        sys_dir_forget_range(first, last);
    return 0;
}

/* A directory's position is a cookie of dirent.c's. */
static int64_t do_lseek(int fd, int64_t offset, int whence)
{
    if (sys_dir_has_table(fd))
        return sys_dir_seek(fd, offset, whence);
    off_t r = lseek(fd, (off_t)offset, whence);
    return r == -1 ? -errno : r;
}

/* lseek with a 32-bit off_t: a position that does not fit is EOVERFLOW
 * (the file position has moved anyway, as on a 32-bit kernel). */
int64_t sys_lseek(SysCall *c)
{
    int64_t r = do_lseek(sys_int(c, 0), sys_int(c, 1), sys_int(c, 2));
    return r > INT32_MAX ? -EOVERFLOW : r;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence): the
 * 64-bit position is stored at result and the call returns 0. */
int64_t sys_llseek(SysCall *c)
{
    int64_t off = (int64_t)((uint64_t)sys_u32(c, 1) << 32 | sys_u32(c, 2));
    int64_t r = do_lseek(sys_int(c, 0), off, sys_int(c, 4));
    if (r < 0)
        return r;
    return sys_put_u64(c->abi, sys_u32(c, 3), (uint64_t)r);
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
    int fd = dup(sys_int(c, 0));
    if (fd >= 0)
        sys_dir_dup(sys_int(c, 0), fd);
    return sys_host(fd);
}

int64_t sys_dup2(SysCall *c)
{
    int fd = dup2(sys_int(c, 0), sys_int(c, 1));
    if (fd >= 0 && fd != sys_int(c, 0))
        sys_dir_dup(sys_int(c, 0), fd);
    return sys_host(fd);
}

/* dup3 takes only O_CLOEXEC, in guest encoding. */
int64_t sys_dup3(SysCall *c)
{
    uint32_t flags = xlat_open_flags_to_host(c->abi, sys_u32(c, 2));
    if (sys_u32(c, 2) != xlat_open_flags_to_guest(c->abi, flags))
        return -EINVAL;  /* a flag the host does not know */
    int fd = dup3(sys_int(c, 0), sys_int(c, 1), (int)flags);
    if (fd >= 0)
        sys_dir_dup(sys_int(c, 0), fd);
    return sys_host(fd);
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

/* ---- transfers, advice and space ---- */

/* sendfile(out, in, off_t *offset, count) with a 32-bit offset word:
 * EOVERFLOW when the new offset does not fit, as on a 32-bit kernel. */
int64_t sys_sendfile(SysCall *c)
{
    uint32_t off_addr = sys_u32(c, 2);
    off_t off = 0;
    if (off_addr) {
        uint32_t v;
        if (sys_get_u32(c->abi, off_addr, &v))
            return -EFAULT;
        off = (int32_t)v;
    }
    ssize_t r = sendfile(sys_int(c, 0), sys_int(c, 1), off_addr ? &off : NULL, sys_u32(c, 3));
    if (r < 0)
        return -errno;
    if (off_addr && (off > INT32_MAX || sys_put_u32(c->abi, off_addr, (uint32_t)off)))
        return off > INT32_MAX ? -EOVERFLOW : -EFAULT;
    return r;
}

/* sendfile64(out, in, loff_t *offset, count) */
int64_t sys_sendfile64(SysCall *c)
{
    uint32_t off_addr = sys_u32(c, 2);
    uint64_t off = 0;
    if (off_addr && copy_from_guest(&off, off_addr, 8))
        return -EFAULT;
    off = tsw64(c->abi, off);
    off_t hoff = (off_t)off;
    ssize_t r = sendfile(sys_int(c, 0), sys_int(c, 1), off_addr ? &hoff : NULL,
                         sys_u32(c, 3));
    if (r < 0)
        return -errno;
    if (off_addr && sys_put_u64(c->abi, off_addr, (uint64_t)hoff))
        return -EFAULT;
    return r;
}

int64_t sys_flock(SysCall *c)
{
    return sys_host(flock(sys_int(c, 0), sys_int(c, 1)));
}

/* fallocate(fd, mode, offset, len): FALLOC_FL_* are the same everywhere. */
int64_t sys_fallocate(SysCall *c)
{
    return sys_host(fallocate(sys_int(c, 0), sys_int(c, 1), (off_t)c->a[2], (off_t)c->a[3]));
}

/* arm_fadvise64_64(fd, advice, offset, len): ARM moves advice forward so
 * the 64-bit values land in register pairs; POSIX_FADV_* are the same as
 * the host's.  Like the kernel call, it returns the error itself. */
int64_t sys_arm_fadvise64_64(SysCall *c)
{
    return -posix_fadvise(sys_int(c, 0), (off_t)c->a[2], (off_t)c->a[3], sys_int(c, 1));
}

/* readahead(fd, offset, count) */
int64_t sys_readahead(SysCall *c)
{
    return sys_host(readahead(sys_int(c, 0), (off64_t)c->a[1], sys_u32(c, 2)));
}

/* arm_sync_file_range(fd, flags, offset, nbytes): ARM's argument order. */
int64_t sys_arm_sync_file_range(SysCall *c)
{
    return sys_host(sync_file_range(sys_int(c, 0), (off64_t)c->a[2], (off64_t)c->a[3],
                                    sys_u32(c, 1)));
}

int64_t sys_syncfs(SysCall *c)
{
    return sys_host(syncfs(sys_int(c, 0)));
}

/* memfd_create(name, flags): MFD_* are the same on every ABI. */
int64_t sys_memfd_create(SysCall *c)
{
    char name[256];
    long n = guest_strnlen(sys_u32(c, 0), sizeof name);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n >= sizeof name)
        return -EINVAL;
    memcpy(name, g2h(sys_u32(c, 0)), (size_t)n + 1);
    return sys_host(memfd_create(name, sys_u32(c, 1)));
}

/* A guest loff_t in/out argument (copy_file_range, splice); NULL stays
 * NULL.  0 or -EFAULT. */
static int get_loff(const GuestAbi *abi, uint32_t addr, loff_t *v)
{
    uint64_t raw;
    if (!addr)
        return 0;
    if (copy_from_guest(&raw, addr, 8))
        return -EFAULT;
    *v = (loff_t)tsw64(abi, raw);
    return 0;
}

/* copy_file_range(fd_in, off_in, fd_out, off_out, len, flags) */
int64_t sys_copy_file_range(SysCall *c)
{
    uint32_t in_addr = sys_u32(c, 1), out_addr = sys_u32(c, 3);
    loff_t in_off = 0, out_off = 0;
    if (get_loff(c->abi, in_addr, &in_off) || get_loff(c->abi, out_addr, &out_off))
        return -EFAULT;
    ssize_t r = copy_file_range(sys_int(c, 0), in_addr ? &in_off : NULL, sys_int(c, 2),
                                out_addr ? &out_off : NULL, sys_u32(c, 4), sys_u32(c, 5));
    if (r < 0)
        return -errno;
    if ((in_addr && sys_put_u64(c->abi, in_addr, (uint64_t)in_off)) ||
        (out_addr && sys_put_u64(c->abi, out_addr, (uint64_t)out_off)))
        return -EFAULT;
    return r;
}

/* splice(fd_in, off_in, fd_out, off_out, len, flags): SPLICE_F_* are the
 * same everywhere. */
int64_t sys_splice(SysCall *c)
{
    uint32_t in_addr = sys_u32(c, 1), out_addr = sys_u32(c, 3);
    loff_t in_off = 0, out_off = 0;
    if (get_loff(c->abi, in_addr, &in_off) || get_loff(c->abi, out_addr, &out_off))
        return -EFAULT;
    ssize_t r = splice(sys_int(c, 0), in_addr ? &in_off : NULL, sys_int(c, 2),
                       out_addr ? &out_off : NULL, sys_u32(c, 4), sys_u32(c, 5));
    if (r < 0)
        return -errno;
    if ((in_addr && sys_put_u64(c->abi, in_addr, (uint64_t)in_off)) ||
        (out_addr && sys_put_u64(c->abi, out_addr, (uint64_t)out_off)))
        return -EFAULT;
    return r;
}
