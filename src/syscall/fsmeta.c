/*
 * More file system handlers: file system statistics (statfs in its 32-bit
 * and 64-bit layouts), extended attributes, device nodes, truncate with a
 * 32-bit length, chroot, utimes, inotify and the 16-bit-id chown calls.
 *
 * Like fs.c, every path goes through sys_get_path so the -L prefix and
 * the /proc/self/exe redirection apply.
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* ---- statfs ---- */

/* struct statfs with 32-bit words (statfs, fstatfs). */
typedef struct GuestStatfs32 {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} GuestStatfs32;
GUEST_SIZE(GuestStatfs32, 64);
GUEST_CHECK(GuestStatfs32, f_fsid, 28);

/* struct statfs64 of ARM: 64-bit counts, 4-byte aligned and packed
 * (ARCH_PACK_STATFS64), so 84 bytes without tail padding. */
typedef struct GuestStatfs64 {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4))) GuestStatfs64;
GUEST_SIZE(GuestStatfs64, 84);
GUEST_CHECK(GuestStatfs64, f_blocks, 8);
GUEST_CHECK(GuestStatfs64, f_fsid, 48);
GUEST_CHECK(GuestStatfs64, f_flags, 64);

/* The 32-bit struct: counts that do not fit are EOVERFLOW, except the
 * "unknown" all-ones file counts, which stay all ones (as the kernel's
 * compat code does). */
static int put_statfs32(const GuestAbi *abi, uint32_t addr, const struct statfs *st)
{
    uint64_t files = st->f_files == (fsfilcnt_t)-1 ? UINT32_MAX : st->f_files;
    uint64_t ffree = st->f_ffree == (fsfilcnt_t)-1 ? UINT32_MAX : st->f_ffree;
    if ((st->f_blocks | st->f_bfree | st->f_bavail | files | ffree) > UINT32_MAX)
        return -EOVERFLOW;
    GuestStatfs32 g;
    memset(&g, 0, sizeof g);
    g.f_type = tsw32(abi, (uint32_t)st->f_type);
    g.f_bsize = tsw32(abi, (uint32_t)st->f_bsize);
    g.f_blocks = tsw32(abi, (uint32_t)st->f_blocks);
    g.f_bfree = tsw32(abi, (uint32_t)st->f_bfree);
    g.f_bavail = tsw32(abi, (uint32_t)st->f_bavail);
    g.f_files = tsw32(abi, (uint32_t)files);
    g.f_ffree = tsw32(abi, (uint32_t)ffree);
    memcpy(g.f_fsid, &st->f_fsid, sizeof g.f_fsid);
    g.f_namelen = tsw32(abi, (uint32_t)st->f_namelen);
    g.f_frsize = tsw32(abi, (uint32_t)st->f_frsize);
    g.f_flags = tsw32(abi, (uint32_t)st->f_flags);
    return copy_to_guest(addr, &g, sizeof g) ? -EFAULT : 0;
}

static int put_statfs64(const GuestAbi *abi, uint32_t addr, const struct statfs *st)
{
    GuestStatfs64 g;
    memset(&g, 0, sizeof g);
    g.f_type = tsw32(abi, (uint32_t)st->f_type);
    g.f_bsize = tsw32(abi, (uint32_t)st->f_bsize);
    g.f_blocks = tsw64(abi, st->f_blocks);
    g.f_bfree = tsw64(abi, st->f_bfree);
    g.f_bavail = tsw64(abi, st->f_bavail);
    g.f_files = tsw64(abi, st->f_files);
    g.f_ffree = tsw64(abi, st->f_ffree);
    memcpy(g.f_fsid, &st->f_fsid, sizeof g.f_fsid);
    g.f_namelen = tsw32(abi, (uint32_t)st->f_namelen);
    g.f_frsize = tsw32(abi, (uint32_t)st->f_frsize);
    g.f_flags = tsw32(abi, (uint32_t)st->f_flags);
    return copy_to_guest(addr, &g, sizeof g) ? -EFAULT : 0;
}

int64_t sys_statfs(SysCall *c)
{
    char path[PATH_MAX];
    struct statfs st;
    int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    if (r)
        return r;
    if (statfs(path, &st) != 0)
        return -errno;
    return put_statfs32(c->abi, sys_u32(c, 1), &st);
}

int64_t sys_fstatfs(SysCall *c)
{
    struct statfs st;
    if (fstatfs(sys_int(c, 0), &st) != 0)
        return -errno;
    return put_statfs32(c->abi, sys_u32(c, 1), &st);
}

/* The size argument must be the struct's; ARM's kernel also takes 88,
 * the size of EABI glibc's padded struct, and writes 84 bytes. */
static bool statfs64_size_ok(uint32_t size)
{
    return size == sizeof(GuestStatfs64) || size == 88;
}

/* statfs64(path, size, buf) */
int64_t sys_statfs64(SysCall *c)
{
    char path[PATH_MAX];
    struct statfs st;
    if (!statfs64_size_ok(sys_u32(c, 1)))
        return -EINVAL;
    int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    if (r)
        return r;
    if (statfs(path, &st) != 0)
        return -errno;
    return put_statfs64(c->abi, sys_u32(c, 2), &st);
}

int64_t sys_fstatfs64(SysCall *c)
{
    struct statfs st;
    if (!statfs64_size_ok(sys_u32(c, 1)))
        return -EINVAL;
    if (fstatfs(sys_int(c, 0), &st) != 0)
        return -errno;
    return put_statfs64(c->abi, sys_u32(c, 2), &st);
}

/* ---- extended attributes ---- */

/*
 * Names and values are bytes, the same for every ABI; XATTR_CREATE and
 * XATTR_REPLACE too.  Buffers go to the host kernel in place.  The path
 * forms differ only in whether a final symlink is followed (l*).
 */
typedef enum XattrOp { XA_SET, XA_GET, XA_LIST, XA_REMOVE } XattrOp;

static int64_t do_xattr(SysCall *c, XattrOp op, bool by_fd, bool nofollow)
{
    char path[PATH_MAX], name[XATTR_NAME_MAX + 1];
    int fd = sys_int(c, 0);
    if (!by_fd) {
        int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
        if (r)
            return r;
    }
    if (op != XA_LIST) {
        long n = guest_strnlen(sys_u32(c, 1), sizeof name);
        if (n < 0)
            return -EFAULT;
        if ((size_t)n >= sizeof name)
            return -ERANGE;
        memcpy(name, g2h(sys_u32(c, 1)), (size_t)n + 1);
    }
    /* The buffer argument follows the name (set/get) or the path (list). */
    uint32_t buf = sys_u32(c, op == XA_LIST ? 1 : 2);
    uint32_t size = sys_u32(c, op == XA_LIST ? 2 : 3);
    void *hbuf = size ? g2h(buf) : NULL;
    if (op == XA_GET || op == XA_LIST)
        sys_will_write(buf, size);
    switch (op) {
    case XA_SET: {
        int flags = sys_int(c, 4);
        if (by_fd)
            return sys_host(fsetxattr(fd, name, hbuf, size, flags));
        return sys_host(nofollow ? lsetxattr(path, name, hbuf, size, flags)
                                 : setxattr(path, name, hbuf, size, flags));
    }
    case XA_GET:
        if (by_fd)
            return sys_host(fgetxattr(fd, name, hbuf, size));
        return sys_host(nofollow ? lgetxattr(path, name, hbuf, size)
                                 : getxattr(path, name, hbuf, size));
    case XA_LIST:
        if (by_fd)
            return sys_host(flistxattr(fd, hbuf, size));
        return sys_host(nofollow ? llistxattr(path, hbuf, size) : listxattr(path, hbuf, size));
    case XA_REMOVE:
        if (by_fd)
            return sys_host(fremovexattr(fd, name));
        return sys_host(nofollow ? lremovexattr(path, name) : removexattr(path, name));
    }
    return -EINVAL;
}

int64_t sys_setxattr(SysCall *c) { return do_xattr(c, XA_SET, false, false); }
int64_t sys_lsetxattr(SysCall *c) { return do_xattr(c, XA_SET, false, true); }
int64_t sys_fsetxattr(SysCall *c) { return do_xattr(c, XA_SET, true, false); }
int64_t sys_getxattr(SysCall *c) { return do_xattr(c, XA_GET, false, false); }
int64_t sys_lgetxattr(SysCall *c) { return do_xattr(c, XA_GET, false, true); }
int64_t sys_fgetxattr(SysCall *c) { return do_xattr(c, XA_GET, true, false); }
int64_t sys_listxattr(SysCall *c) { return do_xattr(c, XA_LIST, false, false); }
int64_t sys_llistxattr(SysCall *c) { return do_xattr(c, XA_LIST, false, true); }
int64_t sys_flistxattr(SysCall *c) { return do_xattr(c, XA_LIST, true, false); }
int64_t sys_removexattr(SysCall *c) { return do_xattr(c, XA_REMOVE, false, false); }
int64_t sys_lremovexattr(SysCall *c) { return do_xattr(c, XA_REMOVE, false, true); }
int64_t sys_fremovexattr(SysCall *c) { return do_xattr(c, XA_REMOVE, true, false); }

/* ---- nodes, truncation, root, times ---- */

/* mknodat(dirfd, path, mode, dev): a 32-bit dev_t in the kernel's
 * encoding, which the host's 64-bit one extends. */
static int64_t do_mknodat(int dirfd, uint32_t path_addr, uint32_t mode, uint32_t dev)
{
    char path[PATH_MAX];
    int r = sys_get_path(path_addr, path, sizeof path);
    return r ? r : sys_host(mknodat(dirfd, path, (mode_t)mode, (dev_t)dev));
}

int64_t sys_mknod(SysCall *c)
{
    return do_mknodat(AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2));
}

int64_t sys_mknodat(SysCall *c)
{
    return do_mknodat(sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3));
}

/* truncate and ftruncate with a signed 32-bit length. */
int64_t sys_truncate(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    return r ? r : sys_host(truncate(path, (off_t)sys_int(c, 1)));
}

int64_t sys_ftruncate(SysCall *c)
{
    return sys_host(ftruncate(sys_int(c, 0), (off_t)sys_int(c, 1)));
}

/* chroot into a directory of the sysroot when -L has one of that name.
 * ferry's own view (the prefix, /proc/self/exe) does not follow. */
int64_t sys_chroot(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    return r ? r : sys_host(chroot(path));
}

/* utimes and futimesat: two struct timeval of 32-bit longs, or NULL (now). */
static int64_t do_futimesat(SysCall *c, int dirfd, uint32_t path_addr, uint32_t times)
{
    char path[PATH_MAX];
    struct timeval tv[2];
    int r = sys_get_path(path_addr, path, sizeof path);
    if (r)
        return r;
    if (times) {
        GuestTimeval32 g[2];
        if (copy_from_guest(g, times, sizeof g))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            tv[i].tv_sec = (int32_t)tsw32(c->abi, (uint32_t)g[i].tv_sec);
            tv[i].tv_usec = (int32_t)tsw32(c->abi, (uint32_t)g[i].tv_usec);
        }
    }
    return sys_host(futimesat(dirfd, path, times ? tv : NULL));
}

int64_t sys_utimes(SysCall *c)
{
    return do_futimesat(c, AT_FDCWD, sys_u32(c, 0), sys_u32(c, 1));
}

int64_t sys_futimesat(SysCall *c)
{
    return do_futimesat(c, sys_int(c, 0), sys_u32(c, 1), sys_u32(c, 2));
}

/* ---- inotify ---- */

/* IN_CLOEXEC and IN_NONBLOCK are O_CLOEXEC and O_NONBLOCK, in guest
 * encoding; the events read from the descriptor (struct inotify_event)
 * have the same layout everywhere. */
int64_t sys_inotify_init1(SysCall *c)
{
    uint32_t flags = xlat_open_flags_to_host(c->abi, sys_u32(c, 0));
    if (flags & ~(uint32_t)(IN_CLOEXEC | IN_NONBLOCK))
        return -EINVAL;
    return sys_host(inotify_init1((int)flags));
}

int64_t sys_inotify_init(SysCall *c)
{
    return sys_host(inotify_init());
}

int64_t sys_inotify_add_watch(SysCall *c)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 1), path, sizeof path);
    return r ? r : sys_host(inotify_add_watch(sys_int(c, 0), path, sys_u32(c, 2)));
}

int64_t sys_inotify_rm_watch(SysCall *c)
{
    return sys_host(inotify_rm_watch(sys_int(c, 0), sys_int(c, 1)));
}

/* ---- 16-bit ids ---- */

/* The old chown calls take 16-bit ids; 0xffff means "unchanged" (-1). */
static uint32_t id16(uint32_t v)
{
    v &= 0xffff;
    return v == 0xffff ? (uint32_t)-1 : v;
}

static int64_t do_chown16(SysCall *c, int flags)
{
    char path[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    return r ? r : sys_host(fchownat(AT_FDCWD, path, id16(sys_u32(c, 1)), id16(sys_u32(c, 2)),
                                     flags));
}

int64_t sys_chown16(SysCall *c) { return do_chown16(c, 0); }
int64_t sys_lchown16(SysCall *c) { return do_chown16(c, AT_SYMLINK_NOFOLLOW); }

int64_t sys_fchown16(SysCall *c)
{
    return sys_host(fchown(sys_int(c, 0), id16(sys_u32(c, 1)), id16(sys_u32(c, 2))));
}

/* ---- mount and umount2 ----
 *
 * Passed to the host: ferry runs as the caller, so the host kernel decides
 * who may mount (in a chroot being set up, root mounts /proc and /sys).
 * The target, and a source that is an absolute path (a bind mount or a
 * device), are guest paths; the file system type and the option string
 * are copied as they are (the option strings of the common file systems
 * are text, the same for every architecture, as are the MS_* flags).
 */
static int get_opt_string(uint32_t addr, char *buf, size_t size, const char **out)
{
    *out = NULL;
    if (!addr)
        return 0;
    int r = sys_get_raw_path(addr, buf, size);
    if (r == 0)
        *out = buf;
    return r;
}

int64_t sys_mount(SysCall *c)
{
    char source[PATH_MAX], target[PATH_MAX], fstype[256], data[4096];
    const char *src, *type, *opts;
    int r = get_opt_string(sys_u32(c, 0), source, sizeof source, &src);
    if (r == 0 && src && src[0] == '/')
        r = sys_get_path(sys_u32(c, 0), source, sizeof source);
    if (r == 0)
        r = sys_get_path(sys_u32(c, 1), target, sizeof target);
    if (r == 0)
        r = get_opt_string(sys_u32(c, 2), fstype, sizeof fstype, &type);
    if (r == 0)
        r = get_opt_string(sys_u32(c, 4), data, sizeof data, &opts);
    if (r)
        return r;
    return sys_host(mount(src, target, type, sys_u32(c, 3), opts));
}

int64_t sys_umount2(SysCall *c)
{
    char target[PATH_MAX];
    int r = sys_get_path(sys_u32(c, 0), target, sizeof target);
    if (r)
        return r;
    return sys_host(umount2(target, sys_int(c, 1)));
}
