/*
 * The Xtensa encodings of the syscall layer where they differ from the
 * generic ones: open flags, fcntl commands and ioctl requests (from the
 * MIPS-derived asm/fcntl.h and asm/ioctls.h of arch/xtensa) and struct
 * stat64.  Errno and signal numbers, struct sigaction (with sa_restorer)
 * and stack_t are the generic ones; the mmap flags are MIPS's.
 */
#include "syscall/sys_internal.h"

#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

/* ---- open flags ---- */

#define HOST_O_LARGEFILE   0100000
#define HOST_O_SYNC_BIT    04000000
#define HOST_O_TMPFILE_BIT 020000000

/* The low flags are MIPS's; O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_PATH and
 * O_TMPFILE the asm-generic values, O_NOATIME Xtensa's own.  Multi-bit
 * groups first, for -strace. */
const FlagMap xlat_xtensa_open_flags[] = {
    { 0x4000 | 0x0010, HOST_O_SYNC_BIT | O_DSYNC, "O_SYNC" },
    { 020000000 | 0200000, HOST_O_TMPFILE_BIT | O_DIRECTORY, "O_TMPFILE" },
    { 0x0100, O_CREAT, "O_CREAT" },
    { 0x0400, O_EXCL, "O_EXCL" },
    { 0x0800, O_NOCTTY, "O_NOCTTY" },
    { 0x0200, O_TRUNC, "O_TRUNC" },
    { 0x0008, O_APPEND, "O_APPEND" },
    { 0x0080, O_NONBLOCK, "O_NONBLOCK" },
    { 0x0010, O_DSYNC, "O_DSYNC" },
    { 0x1000, O_ASYNC, "O_ASYNC" },
    { 0200000, O_DIRECTORY, "O_DIRECTORY" },
    { 0400000, O_NOFOLLOW, "O_NOFOLLOW" },
    { 0x8000, O_DIRECT, "O_DIRECT" },
    { 0x2000, HOST_O_LARGEFILE, "O_LARGEFILE" },
    { 0x100000, O_NOATIME, "O_NOATIME" },
    { 02000000, O_CLOEXEC, "O_CLOEXEC" },
    { 010000000, O_PATH, "O_PATH" },
    { 0, 0, NULL },
};

/* ---- fcntl: the lock and owner commands moved as on MIPS ---- */

const FcntlDef xlat_xtensa_fcntls[] = {
    { 0, F_DUPFD, FC_VALUE, "F_DUPFD" },
    { 1, F_GETFD, FC_VALUE, "F_GETFD" },
    { 2, F_SETFD, FC_VALUE, "F_SETFD" },
    { 3, F_GETFL, FC_GETFL, "F_GETFL" },
    { 4, F_SETFL, FC_SETFL, "F_SETFL" },
    { 24, F_SETOWN, FC_VALUE, "F_SETOWN" },
    { 23, F_GETOWN, FC_VALUE, "F_GETOWN" },
    { 10, F_SETSIG, FC_VALUE, "F_SETSIG" },
    { 11, F_GETSIG, FC_VALUE, "F_GETSIG" },
    { 15, F_GETLK, FC_LOCK64, "F_GETLK64" },
    { 16, F_SETLK, FC_LOCK64, "F_SETLK64" },
    { 17, F_SETLKW, FC_LOCK64, "F_SETLKW64" },
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

/* ---- ioctl: termios ones generic, the 't' and 'f' ones encoded with the
 * asm-generic _IOR (read = 2 << 30) and _IOW ---- */

#define XT_IOR(t, nr, size) (0x80000000u | (size) << 16 | (t) << 8 | (nr))
#define XT_IOW(t, nr, size) (0x40000000u | (size) << 16 | (t) << 8 | (nr))

const IoctlDef xlat_xtensa_ioctls[] = {
    { 0x5401, TCGETS, IOC_TERMIOS_OUT, "TCGETS" },
    { 0x5402, TCSETS, IOC_TERMIOS_IN, "TCSETS" },
    { 0x5403, TCSETSW, IOC_TERMIOS_IN, "TCSETSW" },
    { 0x5404, TCSETSF, IOC_TERMIOS_IN, "TCSETSF" },
    { 0x741d, TCSBRK, IOC_VALUE, "TCSBRK" },
    { 0x741e, TCXONC, IOC_VALUE, "TCXONC" },
    { 0x741f, TCFLSH, IOC_VALUE, "TCFLSH" },
    { 0x540e, TIOCSCTTY, IOC_VALUE, "TIOCSCTTY" },
    { XT_IOR('t', 119, 4), TIOCGPGRP, IOC_INT_OUT, "TIOCGPGRP" },
    { XT_IOW('t', 118, 4), TIOCSPGRP, IOC_INT_IN, "TIOCSPGRP" },
    { XT_IOR('t', 104, 8), TIOCGWINSZ, IOC_WINSIZE_OUT, "TIOCGWINSZ" },
    { XT_IOW('t', 103, 8), TIOCSWINSZ, IOC_WINSIZE_IN, "TIOCSWINSZ" },
    { XT_IOR('f', 127, 4), FIONREAD, IOC_INT_OUT, "FIONREAD" },
    { XT_IOW('f', 126, 4), FIONBIO, IOC_INT_IN, "FIONBIO" },
    { 0x5422, TIOCNOTTY, IOC_VALUE, "TIOCNOTTY" },
    { 0x6602, FIONCLEX, IOC_VALUE, "FIONCLEX" },
    { 0x6601, FIOCLEX, IOC_VALUE, "FIOCLEX" },
    { 0, 0, IOC_VALUE, NULL },
};

/* ---- struct stat64 (arch/xtensa/include/uapi/asm/stat.h), 96 bytes ---- */

typedef struct XtensaStat64 {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    int64_t st_size;
    uint32_t st_blksize;
    uint32_t unused2;
    uint64_t st_blocks;
    uint32_t st_atime_sec, st_atime_nsec;
    uint32_t st_mtime_sec, st_mtime_nsec;
    uint32_t st_ctime_sec, st_ctime_nsec;
    uint32_t unused4, unused5;
} XtensaStat64;

_Static_assert(sizeof(XtensaStat64) == 96, "Xtensa struct stat64 is 96 bytes");

int xlat_xtensa_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st)
{
    XtensaStat64 g;
    memset(&g, 0, sizeof(g));
    g.st_dev = tsw64(abi, st->st_dev);
    g.st_ino = tsw64(abi, st->st_ino);
    g.st_mode = tsw32(abi, st->st_mode);
    g.st_nlink = tsw32(abi, (uint32_t)st->st_nlink);
    g.st_uid = tsw32(abi, st->st_uid);
    g.st_gid = tsw32(abi, st->st_gid);
    g.st_rdev = tsw64(abi, st->st_rdev);
    g.st_size = (int64_t)tsw64(abi, (uint64_t)st->st_size);
    g.st_blksize = tsw32(abi, (uint32_t)st->st_blksize);
    g.st_blocks = tsw64(abi, (uint64_t)st->st_blocks);
    g.st_atime_sec = tsw32(abi, (uint32_t)st->st_atim.tv_sec);
    g.st_atime_nsec = tsw32(abi, (uint32_t)st->st_atim.tv_nsec);
    g.st_mtime_sec = tsw32(abi, (uint32_t)st->st_mtim.tv_sec);
    g.st_mtime_nsec = tsw32(abi, (uint32_t)st->st_mtim.tv_nsec);
    g.st_ctime_sec = tsw32(abi, (uint32_t)st->st_ctim.tv_sec);
    g.st_ctime_nsec = tsw32(abi, (uint32_t)st->st_ctim.tv_nsec);
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}
