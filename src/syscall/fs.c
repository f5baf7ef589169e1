/*
 * File system handlers: opening, stat in its guest layouts, readlink,
 * access checks, the working directory and directory entries.
 *
 * Paths go through sys_get_path (path.c) so the -L prefix and the
 * /proc/self/exe redirection apply to every call that names a file;
 * opening goes through procfs.c first for the /proc files that must show
 * the guest rather than ferry.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

static int64_t do_openat(SysCall *c, int dirfd, uint32_t path_addr,
                         uint32_t guest_flags, uint32_t mode)
{
    char path[PATH_MAX];
    int flags = (int)xlat_open_flags_to_host(c->abi, guest_flags);
    int r = sys_get_raw_path(path_addr, path, sizeof(path));
    int64_t fake;
    if (r == 0 && sys_proc_open(c->abi, path, flags, &fake))
        return fake;
    r = sys_get_path(path_addr, path, sizeof(path));
    if (r)
        return r;
    return sys_host(openat(dirfd, path, flags, (mode_t)mode));
}

int64_t sys_open(SysCall *c)
{
    return do_openat(c, AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2));
}

int64_t sys_openat(SysCall *c)
{
    return do_openat(c, sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3));
}

int64_t sys_creat(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof(path));
    if (r)
        return r;
    return sys_host(creat(path, (mode_t)sys_u32(c, 1)));
}

/* ---- stat ---- */

static int64_t put_stat(SysCall *c, uint32_t addr, const struct stat *st)
{
    return c->abi->put_stat64(c->abi, addr, st);
}

static int64_t do_fstatat(SysCall *c, int dirfd, uint32_t path_addr,
                          uint32_t buf, int flags)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    if (r)
        return r;
    struct stat st;
    if (fstatat(dirfd, path, &st, flags) == -1)
        return -errno;
    return put_stat(c, buf, &st);
}

int64_t sys_stat64(SysCall *c)
{
    return do_fstatat(c, AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), 0);
}

int64_t sys_lstat64(SysCall *c)
{
    return do_fstatat(c, AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), AT_SYMLINK_NOFOLLOW);
}

int64_t sys_fstatat64(SysCall *c)
{
    return do_fstatat(c, sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_int(c, 3));
}

int64_t sys_fstat64(SysCall *c)
{
    struct stat st;
    if (fstat(sys_int(c, 0), &st) == -1)
        return -errno;
    return put_stat(c, sys_u32(c, 1), &st);
}

/* struct statx has one layout on every ABI (fixed-size fields only). */
int64_t sys_statx(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 1), path, sizeof(path));
    if (r)
        return r;
    struct statx stx;
    if (statx(sys_int(c, 0), path, sys_int(c, 2), sys_u32(c, 3), &stx) == -1)
        return -errno;
    return copy_to_guest(sys_u32(c, 4), &stx, sizeof(stx)) ? -EFAULT : 0;
}

/* ---- readlink ---- */

/* readlink never NUL-terminates and truncates silently. */
static int64_t put_link(uint32_t buf, int32_t size, const char *target)
{
    size_t n = strlen(target);
    if (n > (size_t)size)
        n = (size_t)size;
    return copy_to_guest(buf, target, n) ? -EFAULT : (int64_t)n;
}

static int64_t do_readlinkat(int dirfd, uint32_t path_addr,
                             uint32_t buf, int32_t size)
{
    if (size <= 0)
        return -EINVAL;
    char path[PATH_MAX];
    int r = sys_get_raw_path(path_addr, path, sizeof(path));
    if (r)
        return r;
    if (sys_exe_path()[0] && sys_is_proc_exe(path))
        return put_link(buf, size, sys_guest_view(sys_exe_path()));
    r = sys_get_path(path_addr, path, sizeof(path));
    if (r)
        return r;
    sys_will_write(buf, (uint32_t)size);
    return sys_host(readlinkat(dirfd, path, g2h(buf), (size_t)size));
}

int64_t sys_readlink(SysCall *c)
{
    return do_readlinkat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), sys_int(c, 2));
}

int64_t sys_readlinkat(SysCall *c)
{
    return do_readlinkat(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_int(c, 3));
}

/* ---- access ---- */

static int64_t do_faccessat(int dirfd, uint32_t path_addr, int mode, int flags)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    if (r)
        return r;
    if (!flags)  /* plain faccessat works on hosts older than faccessat2 */
        return sys_host(syscall(SYS_faccessat, dirfd, path, mode));
    return sys_host(syscall(SYS_faccessat2, dirfd, path, mode, flags));
}

int64_t sys_access(SysCall *c)
{
    return do_faccessat(AT_FDCWD, sys_u32(c, 0), sys_int(c, 1), 0);
}

/* faccessat has no flags argument in the kernel (glibc emulates some). */
int64_t sys_faccessat(SysCall *c)
{
    return do_faccessat(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2), 0);
}

int64_t sys_faccessat2(SysCall *c)
{
    return do_faccessat(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2), sys_int(c, 3));
}

/* ---- working directory ---- */

/* The kernel's getcwd returns the length including the NUL. */
int64_t sys_getcwd(SysCall *c)
{
    char cwd[PATH_MAX];
    long n = syscall(SYS_getcwd, cwd, sizeof(cwd));
    if (n < 0)
        return -errno;
    if ((uint64_t)n > sys_u32(c, 1))
        return -ERANGE;
    return copy_to_guest(sys_u32(c, 0), cwd, (size_t)n) ? -EFAULT : n;
}

int64_t sys_chdir(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof(path));
    if (r)
        return r;
    return sys_host(chdir(path));
}

int64_t sys_fchdir(SysCall *c)
{
    return sys_host(fchdir(sys_int(c, 0)));
}

/* truncate64(path, length): the length is a 64-bit register pair. */
int64_t sys_truncate64(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof(path));
    if (r)
        return r;
    return sys_host(truncate(path, (off_t)c->a[1]));
}

/* ---- creating, removing and renaming names ---- */

/* Two guest paths, as the link and rename calls take them. */
typedef struct PathPair {
    char a[PATH_MAX];
    char b[PATH_MAX];
} PathPair;

static int get_paths(uint32_t a, uint32_t b, PathPair *p)
{
    int r = sys_get_path(a, p->a, sizeof(p->a));
    return r ? r : sys_get_path(b, p->b, sizeof(p->b));
}

static int64_t do_unlinkat(int dirfd, uint32_t path_addr, int flags)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    return r ? r : sys_host(unlinkat(dirfd, path, flags));
}

int64_t sys_unlink(SysCall *c)
{
    return do_unlinkat(AT_FDCWD, sys_u32(c, 0), 0);
}

int64_t sys_unlinkat(SysCall *c)
{
    return do_unlinkat(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2));
}

int64_t sys_rmdir(SysCall *c)
{
    return do_unlinkat(AT_FDCWD, sys_u32(c, 0), AT_REMOVEDIR);
}

static int64_t do_mkdirat(int dirfd, uint32_t path_addr, uint32_t mode)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    return r ? r : sys_host(mkdirat(dirfd, path, (mode_t)mode));
}

int64_t sys_mkdir(SysCall *c)
{
    return do_mkdirat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1));
}

int64_t sys_mkdirat(SysCall *c)
{
    return do_mkdirat(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2));
}

/* RENAME_* flags are the same on every ABI. */
static int64_t do_renameat2(int olddir, uint32_t old_addr, int newdir, uint32_t new_addr,
                            unsigned flags)
{
    PathPair p;
    int r = get_paths(old_addr, new_addr, &p);
    return r ? r : sys_host(renameat2(olddir, p.a, newdir, p.b, flags));
}

int64_t sys_rename(SysCall *c)
{
    return do_renameat2(AT_FDCWD, sys_u32(c, 0), AT_FDCWD, sys_u32(c, 1), 0);
}

int64_t sys_renameat(SysCall *c)
{
    return do_renameat2(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2), sys_u32(c, 3), 0);
}

int64_t sys_renameat2(SysCall *c)
{
    return do_renameat2(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2), sys_u32(c, 3),
                        sys_u32(c, 4));
}

static int64_t do_linkat(int olddir, uint32_t old_addr, int newdir, uint32_t new_addr,
                         int flags)
{
    PathPair p;
    int r = get_paths(old_addr, new_addr, &p);
    return r ? r : sys_host(linkat(olddir, p.a, newdir, p.b, flags));
}

int64_t sys_link(SysCall *c)
{
    return do_linkat(AT_FDCWD, sys_u32(c, 0), AT_FDCWD, sys_u32(c, 1), 0);
}

int64_t sys_linkat(SysCall *c)
{
    return do_linkat(sys_int(c, 0), sys_u32(c, 1), sys_int(c, 2), sys_u32(c, 3),
                     sys_int(c, 4));
}

/* The target of a symlink is stored as written: it is not a path ferry
 * resolves now, so it gets no prefix. */
static int64_t do_symlinkat(uint32_t target_addr, int newdir, uint32_t link_addr)
{
    PathPair p;
    int r = sys_get_raw_path(target_addr, p.a, sizeof(p.a));
    if (!r)
        r = sys_get_path(link_addr, p.b, sizeof(p.b));
    return r ? r : sys_host(symlinkat(p.a, newdir, p.b));
}

int64_t sys_symlink(SysCall *c)
{
    return do_symlinkat(sys_u32(c, 0), AT_FDCWD, sys_u32(c, 1));
}

int64_t sys_symlinkat(SysCall *c)
{
    return do_symlinkat(sys_u32(c, 0), sys_int(c, 1), sys_u32(c, 2));
}

/* ---- permissions, owners and times ---- */

static int64_t do_fchmodat(int dirfd, uint32_t path_addr, uint32_t mode)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    return r ? r : sys_host(fchmodat(dirfd, path, (mode_t)mode, 0));
}

int64_t sys_chmod(SysCall *c)
{
    return do_fchmodat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1));
}

int64_t sys_fchmodat(SysCall *c)
{
    return do_fchmodat(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2));
}

int64_t sys_fchmod(SysCall *c)
{
    return sys_host(fchmod(sys_int(c, 0), (mode_t)sys_u32(c, 1)));
}

static int64_t do_fchownat(int dirfd, uint32_t path_addr, uint32_t uid, uint32_t gid,
                           int flags)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof(path));
    return r ? r : sys_host(fchownat(dirfd, path, uid, gid, flags));
}

int64_t sys_chown32(SysCall *c)
{
    return do_fchownat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2), 0);
}

int64_t sys_lchown32(SysCall *c)
{
    return do_fchownat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2),
                       AT_SYMLINK_NOFOLLOW);
}

int64_t sys_fchownat(SysCall *c)
{
    return do_fchownat(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3),
                       sys_int(c, 4));
}

int64_t sys_fchown32(SysCall *c)
{
    return sys_host(fchown(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2)));
}

int64_t sys_umask(SysCall *c)
{
    return umask((mode_t)(sys_u32(c, 0) & 0777));
}

/* utimensat(dirfd, path, times[2], flags): a NULL path changes dirfd
 * itself (futimens), NULL times means now. */
static int64_t do_utimensat(SysCall *c, XlatGetTs get, uint32_t ts_size)
{
    const GuestAbi *abi = c->abi;
    uint32_t path_addr = sys_u32(c, 1), times = sys_u32(c, 2);
    char path[PATH_MAX];
    struct timespec ts[2];
    if (path_addr) {
        int r = sys_get_path(path_addr, path, sizeof(path));
        if (r)
            return r;
    }
    if (times && (get(abi, times, &ts[0]) || get(abi, times + ts_size, &ts[1])))
        return -EFAULT;
    return sys_host(syscall(SYS_utimensat, sys_int(c, 0), path_addr ? path : NULL,
                            times ? ts : NULL, sys_int(c, 3)));
}

int64_t sys_utimensat(SysCall *c)
{
    return do_utimensat(c, xlat_get_timespec32, sizeof(GuestTimespec32));
}

int64_t sys_utimensat_time64(SysCall *c)
{
    return do_utimensat(c, xlat_get_timespec64, sizeof(GuestTimespec64));
}

int64_t sys_sync(SysCall *c)
{
    sync();
    return 0;
}
