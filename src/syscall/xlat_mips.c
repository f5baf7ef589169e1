/*
 * The MIPS o32 encodings of the syscall layer: errno and signal numbers,
 * open and mmap flags, fcntl and ioctl requests, and the structs whose
 * layout differs from the other 32-bit ABIs (stat64, sigaction, stack_t,
 * termios).  The values come from the MIPS UAPI headers (asm/errno.h,
 * asm/signal.h, asm/fcntl.h, asm/mman.h, asm/ioctls.h, asm/stat.h,
 * asm/termbits.h); mips_table.c points the MIPS GuestAbi at them.
 */
#include "syscall/guest_types.h"
#include "syscall/sys_internal.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <termios.h>

/* ---- errno: host (asm-generic) value -> MIPS value ---- */

const int16_t xlat_mips_errno[XLAT_MIPS_ERRNO_COUNT] = {
    [EPERM] = 1, [ENOENT] = 2, [ESRCH] = 3, [EINTR] = 4, [EIO] = 5, [ENXIO] = 6, [E2BIG] = 7,
    [ENOEXEC] = 8, [EBADF] = 9, [ECHILD] = 10, [EAGAIN] = 11, [ENOMEM] = 12, [EACCES] = 13,
    [EFAULT] = 14, [ENOTBLK] = 15, [EBUSY] = 16, [EEXIST] = 17, [EXDEV] = 18, [ENODEV] = 19,
    [ENOTDIR] = 20, [EISDIR] = 21, [EINVAL] = 22, [ENFILE] = 23, [EMFILE] = 24, [ENOTTY] = 25,
    [ETXTBSY] = 26, [EFBIG] = 27, [ENOSPC] = 28, [ESPIPE] = 29, [EROFS] = 30, [EMLINK] = 31,
    [EPIPE] = 32, [EDOM] = 33, [ERANGE] = 34, [EDEADLK] = 45, [ENAMETOOLONG] = 78, [ENOLCK] = 46,
    [ENOSYS] = 89, [ENOTEMPTY] = 93, [ELOOP] = 90, [ENOMSG] = 35, [EIDRM] = 36, [ECHRNG] = 37,
    [EL2NSYNC] = 38, [EL3HLT] = 39, [EL3RST] = 40, [ELNRNG] = 41, [EUNATCH] = 42, [ENOCSI] = 43,
    [EL2HLT] = 44, [EBADE] = 50, [EBADR] = 51, [EXFULL] = 52, [ENOANO] = 53, [EBADRQC] = 54,
    [EBADSLT] = 55, [EBFONT] = 59, [ENOSTR] = 60, [ENODATA] = 61, [ETIME] = 62, [ENOSR] = 63,
    [ENONET] = 64, [ENOPKG] = 65, [EREMOTE] = 66, [ENOLINK] = 67, [EADV] = 68, [ESRMNT] = 69,
    [ECOMM] = 70, [EPROTO] = 71, [EMULTIHOP] = 74, [EDOTDOT] = 73, [EBADMSG] = 77,
    [EOVERFLOW] = 79, [ENOTUNIQ] = 80, [EBADFD] = 81, [EREMCHG] = 82, [ELIBACC] = 83,
    [ELIBBAD] = 84, [ELIBSCN] = 85, [ELIBMAX] = 86, [ELIBEXEC] = 87, [EILSEQ] = 88,
    [ERESTART] = 91, [ESTRPIPE] = 92, [EUSERS] = 94, [ENOTSOCK] = 95, [EDESTADDRREQ] = 96,
    [EMSGSIZE] = 97, [EPROTOTYPE] = 98, [ENOPROTOOPT] = 99, [EPROTONOSUPPORT] = 120,
    [ESOCKTNOSUPPORT] = 121, [EOPNOTSUPP] = 122, [EPFNOSUPPORT] = 123, [EAFNOSUPPORT] = 124,
    [EADDRINUSE] = 125, [EADDRNOTAVAIL] = 126, [ENETDOWN] = 127, [ENETUNREACH] = 128,
    [ENETRESET] = 129, [ECONNABORTED] = 130, [ECONNRESET] = 131, [ENOBUFS] = 132, [EISCONN] = 133,
    [ENOTCONN] = 134, [ESHUTDOWN] = 143, [ETOOMANYREFS] = 144, [ETIMEDOUT] = 145,
    [ECONNREFUSED] = 146, [EHOSTDOWN] = 147, [EHOSTUNREACH] = 148, [EALREADY] = 149,
    [EINPROGRESS] = 150, [ESTALE] = 151, [EUCLEAN] = 135, [ENOTNAM] = 137, [ENAVAIL] = 138,
    [EISNAM] = 139, [EREMOTEIO] = 140, [EDQUOT] = 1133, [ENOMEDIUM] = 159, [EMEDIUMTYPE] = 160,
    [ECANCELED] = 158, [ENOKEY] = 161, [EKEYEXPIRED] = 162, [EKEYREVOKED] = 163,
    [EKEYREJECTED] = 164, [EOWNERDEAD] = 165, [ENOTRECOVERABLE] = 166, [ERFKILL] = 167,
    [EHWPOISON] = 168,
};

/* ---- signals: MIPS number -> host number ---- */

/* SIGEMT has no host equivalent (0: a kill() probe); MIPS has real-time
 * signals up to 128, the host up to 64 (0 above that). */
const uint8_t xlat_mips_sig_to_host[129] = {
    [1] = SIGHUP, [2] = SIGINT, [3] = SIGQUIT, [4] = SIGILL, [5] = SIGTRAP, [6] = SIGABRT,
    [7] = 0, [8] = SIGFPE, [9] = SIGKILL, [10] = SIGBUS, [11] = SIGSEGV, [12] = SIGSYS,
    [13] = SIGPIPE, [14] = SIGALRM, [15] = SIGTERM, [16] = SIGUSR1, [17] = SIGUSR2,
    [18] = SIGCHLD, [19] = SIGPWR, [20] = SIGWINCH, [21] = SIGURG, [22] = SIGIO,
    [23] = SIGSTOP, [24] = SIGTSTP, [25] = SIGCONT, [26] = SIGTTIN, [27] = SIGTTOU,
    [28] = SIGVTALRM, [29] = SIGPROF, [30] = SIGXCPU, [31] = SIGXFSZ,
#define RT(n) [n] = n
    RT(32), RT(33), RT(34), RT(35), RT(36), RT(37), RT(38), RT(39), RT(40), RT(41), RT(42),
    RT(43), RT(44), RT(45), RT(46), RT(47), RT(48), RT(49), RT(50), RT(51), RT(52), RT(53),
    RT(54), RT(55), RT(56), RT(57), RT(58), RT(59), RT(60), RT(61), RT(62), RT(63), RT(64),
#undef RT
};

const char *const xlat_mips_sig_names[32] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGEMT",
    "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPWR", "SIGWINCH", "SIGURG", "SIGIO", "SIGSTOP",
    "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGXFSZ",
};

/* ---- open flags ---- */

#define HOST_O_LARGEFILE   0100000
#define HOST_O_SYNC_BIT    04000000
#define HOST_O_TMPFILE_BIT 020000000

/* MIPS moves most of the low flags; O_DIRECTORY and the high ones are the
 * asm-generic values.  Multi-bit groups first, for -strace. */
const FlagMap xlat_mips_open_flags[] = {
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
    { 01000000, O_NOATIME, "O_NOATIME" },
    { 02000000, O_CLOEXEC, "O_CLOEXEC" },
    { 010000000, O_PATH, "O_PATH" },
    { 0, 0, NULL },
};

/* ---- mmap flags (MAP_TYPE, the low 4 bits, is the same) ---- */

const FlagMap xlat_mips_mmap_flags[] = {
    { 0x10, MAP_FIXED, "MAP_FIXED" },
    { 0x400, MAP_NORESERVE, "MAP_NORESERVE" },
    { 0x800, MAP_ANONYMOUS, "MAP_ANONYMOUS" },
    { 0x1000, MAP_GROWSDOWN, "MAP_GROWSDOWN" },
    { 0x2000, MAP_DENYWRITE, "MAP_DENYWRITE" },
    { 0x4000, MAP_EXECUTABLE, "MAP_EXECUTABLE" },
    { 0x8000, MAP_LOCKED, "MAP_LOCKED" },
    { 0x10000, MAP_POPULATE, "MAP_POPULATE" },
    { 0x20000, MAP_NONBLOCK, "MAP_NONBLOCK" },
    { 0x40000, MAP_STACK, "MAP_STACK" },
    { 0x80000, MAP_HUGETLB, "MAP_HUGETLB" },
    { 0x100000, 0x100000, "MAP_FIXED_NOREPLACE" },
    { 0, 0, NULL },
};

/* ---- fcntl ---- */

/* MIPS moves the lock and owner commands; struct flock (the 32-bit one,
 * with MIPS's l_sysid and padding) is not supported, the flock64 forms
 * are. */
const FcntlDef xlat_mips_fcntls[] = {
    { 0, F_DUPFD, FC_VALUE, "F_DUPFD" },
    { 1, F_GETFD, FC_VALUE, "F_GETFD" },
    { 2, F_SETFD, FC_VALUE, "F_SETFD" },
    { 3, F_GETFL, FC_GETFL, "F_GETFL" },
    { 4, F_SETFL, FC_SETFL, "F_SETFL" },
    { 24, F_SETOWN, FC_VALUE, "F_SETOWN" },
    { 23, F_GETOWN, FC_VALUE, "F_GETOWN" },
    { 10, F_SETSIG, FC_VALUE, "F_SETSIG" },
    { 11, F_GETSIG, FC_VALUE, "F_GETSIG" },
    { 33, F_GETLK, FC_LOCK64, "F_GETLK64" },
    { 34, F_SETLK, FC_LOCK64, "F_SETLK64" },
    { 35, F_SETLKW, FC_LOCK64, "F_SETLKW64" },
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

/* ---- ioctl ---- */

/* _IOR/_IOW on MIPS: direction bits 31:29 are 2 (read) / 4 (write), size
 * in bits 28:16. */
#define MIPS_IOR(t, nr, size) (0x40000000u | (size) << 16 | (t) << 8 | (nr))
#define MIPS_IOW(t, nr, size) (0x80000000u | (size) << 16 | (t) << 8 | (nr))

const IoctlDef xlat_mips_ioctls[] = {
    { 0x540d, TCGETS, IOC_TERMIOS_OUT, "TCGETS" },
    { 0x540e, TCSETS, IOC_TERMIOS_IN, "TCSETS" },
    { 0x540f, TCSETSW, IOC_TERMIOS_IN, "TCSETSW" },
    { 0x5410, TCSETSF, IOC_TERMIOS_IN, "TCSETSF" },
    { 0x5405, TCSBRK, IOC_VALUE, "TCSBRK" },
    { 0x5406, TCXONC, IOC_VALUE, "TCXONC" },
    { 0x5407, TCFLSH, IOC_VALUE, "TCFLSH" },
    { 0x5480, TIOCSCTTY, IOC_VALUE, "TIOCSCTTY" },
    { MIPS_IOR('t', 119, 4), TIOCGPGRP, IOC_INT_OUT, "TIOCGPGRP" },
    { MIPS_IOW('t', 118, 4), TIOCSPGRP, IOC_INT_IN, "TIOCSPGRP" },
    { MIPS_IOR('t', 104, 8), TIOCGWINSZ, IOC_WINSIZE_OUT, "TIOCGWINSZ" },
    { MIPS_IOW('t', 103, 8), TIOCSWINSZ, IOC_WINSIZE_IN, "TIOCSWINSZ" },
    { 0x467f, FIONREAD, IOC_INT_OUT, "FIONREAD" },
    { 0x667e, FIONBIO, IOC_INT_IN, "FIONBIO" },
    { 0x5471, TIOCNOTTY, IOC_VALUE, "TIOCNOTTY" },
    { 0x6602, FIONCLEX, IOC_VALUE, "FIONCLEX" },
    { 0x6601, FIOCLEX, IOC_VALUE, "FIOCLEX" },
    { 0, 0, IOC_VALUE, NULL },
};

/* ---- termios ---- */

/* c_lflag bits that differ (the other flag words match the host's). */
static const FlagMap mips_lflags[] = {
    { 0x00001, ISIG, "ISIG" }, { 0x00002, ICANON, "ICANON" }, { 0x00004, XCASE, "XCASE" },
    { 0x00008, ECHO, "ECHO" }, { 0x00010, ECHOE, "ECHOE" }, { 0x00020, ECHOK, "ECHOK" },
    { 0x00040, ECHONL, "ECHONL" }, { 0x00080, NOFLSH, "NOFLSH" },
    { 0x00100, IEXTEN, "IEXTEN" }, { 0x00200, ECHOCTL, "ECHOCTL" },
    { 0x00400, ECHOPRT, "ECHOPRT" }, { 0x00800, ECHOKE, "ECHOKE" },
    { 0x02000, FLUSHO, "FLUSHO" }, { 0x04000, PENDIN, "PENDIN" },
    { 0x08000, TOSTOP, "TOSTOP" }, { 0x10000, EXTPROC, "EXTPROC" },
    { 0, 0, NULL },
};

/* MIPS c_cc index of each host (asm-generic) index, -1 for none. */
static const int8_t mips_cc_of_host[SYS_NCCS] = {
    [VINTR] = 0, [VQUIT] = 1, [VERASE] = 2, [VKILL] = 3, [VEOF] = 16, [VTIME] = 5,
    [VMIN] = 4, [VSWTC] = 7, [VSTART] = 8, [VSTOP] = 9, [VSUSP] = 10, [VEOL] = 17,
    [VREPRINT] = 12, [VDISCARD] = 13, [VWERASE] = 14, [VLNEXT] = 15, [VEOL2] = 6,
};

int xlat_mips_get_termios(const GuestAbi *abi, uint32_t addr, SysTermios *t)
{
    MipsTermios g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    memset(t, 0, sizeof(*t));
    t->c_iflag = tsw32(abi, g.c_iflag);
    t->c_oflag = tsw32(abi, g.c_oflag);
    t->c_cflag = tsw32(abi, g.c_cflag);
    t->c_lflag = xlat_flags_to_host(mips_lflags, tsw32(abi, g.c_lflag));
    t->c_line = g.c_line;
    for (int i = 0; i < SYS_NCCS; i++)
        t->c_cc[i] = g.c_cc[mips_cc_of_host[i]];
    return 0;
}

int xlat_mips_put_termios(const GuestAbi *abi, uint32_t addr, const SysTermios *t)
{
    MipsTermios g;
    memset(&g, 0, sizeof(g));
    g.c_iflag = tsw32(abi, t->c_iflag);
    g.c_oflag = tsw32(abi, t->c_oflag);
    g.c_cflag = tsw32(abi, t->c_cflag);
    g.c_lflag = tsw32(abi, xlat_flags_to_guest(mips_lflags, t->c_lflag));
    g.c_line = t->c_line;
    for (int i = 0; i < SYS_NCCS; i++)
        g.c_cc[mips_cc_of_host[i]] = t->c_cc[i];
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- stat64 ---- */

/* The kernel's new_encode_dev: 12-bit major, 20-bit minor in 32 bits. */
static uint32_t encode_dev32(dev_t d)
{
    uint32_t ma = major(d), mi = minor(d);
    return (mi & 0xff) | (ma & 0xfff) << 8 | (mi & ~0xffu) << 12;
}

int xlat_mips_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st)
{
    MipsStat64 g;
    memset(&g, 0, sizeof(g));
    g.st_dev = tsw32(abi, encode_dev32(st->st_dev));
    g.st_ino = tsw64(abi, st->st_ino);
    g.st_mode = tsw32(abi, st->st_mode);
    g.st_nlink = tsw32(abi, (uint32_t)st->st_nlink);
    g.st_uid = tsw32(abi, st->st_uid);
    g.st_gid = tsw32(abi, st->st_gid);
    g.st_rdev = tsw32(abi, encode_dev32(st->st_rdev));
    g.st_size = (int64_t)tsw64(abi, (uint64_t)st->st_size);
    g.st_atime_sec = tsw32(abi, (uint32_t)st->st_atim.tv_sec);
    g.st_atime_nsec = tsw32(abi, (uint32_t)st->st_atim.tv_nsec);
    g.st_mtime_sec = tsw32(abi, (uint32_t)st->st_mtim.tv_sec);
    g.st_mtime_nsec = tsw32(abi, (uint32_t)st->st_mtim.tv_nsec);
    g.st_ctime_sec = tsw32(abi, (uint32_t)st->st_ctim.tv_sec);
    g.st_ctime_nsec = tsw32(abi, (uint32_t)st->st_ctim.tv_nsec);
    g.st_blksize = tsw32(abi, (uint32_t)st->st_blksize);
    g.st_blocks = (int64_t)tsw64(abi, (uint64_t)st->st_blocks);
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- sigaction and stack_t ---- */

int xlat_mips_get_sigaction(const GuestAbi *abi, uint32_t addr, SysSigaction *sa)
{
    MipsSigaction g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    memset(sa, 0, sizeof(*sa));
    sa->handler = tsw32(abi, g.handler);
    sa->flags = tsw32(abi, g.flags);
    sa->mask[0] = tsw32(abi, g.mask[0]) | (uint64_t)tsw32(abi, g.mask[1]) << 32;
    sa->mask[1] = tsw32(abi, g.mask[2]) | (uint64_t)tsw32(abi, g.mask[3]) << 32;
    return 0;
}

int xlat_mips_put_sigaction(const GuestAbi *abi, uint32_t addr, const SysSigaction *sa)
{
    MipsSigaction g = {
        .flags = tsw32(abi, sa->flags),
        .handler = tsw32(abi, sa->handler),
        .mask = { tsw32(abi, (uint32_t)sa->mask[0]), tsw32(abi, (uint32_t)(sa->mask[0] >> 32)),
                     tsw32(abi, (uint32_t)sa->mask[1]), tsw32(abi, (uint32_t)(sa->mask[1] >> 32)) },
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

int xlat_mips_get_stack(const GuestAbi *abi, uint32_t addr, SysStack *ss)
{
    MipsStack g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    ss->sp = tsw32(abi, g.ss_sp);
    ss->size = tsw32(abi, g.ss_size);
    ss->flags = tsw32(abi, (uint32_t)g.ss_flags);
    return 0;
}

int xlat_mips_put_stack(const GuestAbi *abi, uint32_t addr, const SysStack *ss)
{
    MipsStack g = {
        .ss_sp = tsw32(abi, ss->sp),
        .ss_size = tsw32(abi, ss->size),
        .ss_flags = (int32_t)tsw32(abi, ss->flags),
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}
