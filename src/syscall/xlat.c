/*
 * Every translation between guest and host encodings of the syscall layer:
 * flag bits (open, mmap, prot, AT_*), errno values and structs (time
 * structs, stat64, sigaction, stack_t).
 *
 * Keeping them in one file means a new guest ABI is a matter of adding its
 * tables and converters here and pointing its GuestAbi at them; handlers
 * never see a guest encoding of a flag or struct.  Flags are mapped bit
 * group by bit group: a guest bit without a meaning on the host is dropped
 * rather than passed on, since the host would read it as something else.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"

/* ---- generic flag maps ---- */

static uint32_t map_flags(const FlagMap *map, uint32_t v, bool to_host)
{
    uint32_t out = 0;
    for (const FlagMap *m = map; m->name; m++) {
        uint32_t from = to_host ? m->guest : m->host;
        if (from && (v & from) == from) {
            out |= to_host ? m->host : m->guest;
            v &= ~from;
        }
    }
    return out;
}

uint32_t xlat_flags_to_host(const FlagMap *map, uint32_t guest)
{
    return map_flags(map, guest, true);
}

uint32_t xlat_flags_to_guest(const FlagMap *map, uint32_t host)
{
    return map_flags(map, host, false);
}

/* ---- open flags ---- */

/*
 * x86-64 uses the asm-generic values.  glibc defines O_LARGEFILE as 0 on
 * 64-bit hosts and folds O_DIRECTORY into __O_TMPFILE, so the kernel's
 * values are spelled out and checked against the rest of <fcntl.h>.
 */
#define HOST_O_LARGEFILE   0100000
#define HOST_O_SYNC_BIT    04000000
#define HOST_O_TMPFILE_BIT 020000000
static_assert(O_DIRECT == 040000 && O_DIRECTORY == 0200000 &&
              O_NOFOLLOW == 0400000 && O_SYNC == (HOST_O_SYNC_BIT | O_DSYNC),
              "host open flags are not the asm-generic ones");

/* ARM (arch/arm/include/uapi/asm/fcntl.h) moves four flags; the rest are
 * the asm-generic values. */
#define ARM_O_DIRECTORY    040000
#define ARM_O_NOFOLLOW     0100000
#define ARM_O_DIRECT       0200000
#define ARM_O_LARGEFILE    0400000

/* Multi-bit groups come first so -strace names them as a whole. */
const FlagMap xlat_arm_open_flags[] = {
    { 04000000 | 010000, HOST_O_SYNC_BIT | O_DSYNC, "O_SYNC" },
    { 020000000 | ARM_O_DIRECTORY, HOST_O_TMPFILE_BIT | O_DIRECTORY, "O_TMPFILE" },
    { 0100, O_CREAT, "O_CREAT" },
    { 0200, O_EXCL, "O_EXCL" },
    { 0400, O_NOCTTY, "O_NOCTTY" },
    { 01000, O_TRUNC, "O_TRUNC" },
    { 02000, O_APPEND, "O_APPEND" },
    { 04000, O_NONBLOCK, "O_NONBLOCK" },
    { 010000, O_DSYNC, "O_DSYNC" },
    { 020000, O_ASYNC, "O_ASYNC" },
    { ARM_O_DIRECTORY, O_DIRECTORY, "O_DIRECTORY" },
    { ARM_O_NOFOLLOW, O_NOFOLLOW, "O_NOFOLLOW" },
    { ARM_O_DIRECT, O_DIRECT, "O_DIRECT" },
    { ARM_O_LARGEFILE, HOST_O_LARGEFILE, "O_LARGEFILE" },
    { 01000000, O_NOATIME, "O_NOATIME" },
    { 02000000, O_CLOEXEC, "O_CLOEXEC" },
    { 010000000, O_PATH, "O_PATH" },
    { 0, 0, NULL },
};

/* The access mode (O_RDONLY/O_WRONLY/O_RDWR) is a 2-bit field, the same
 * everywhere, not a set of flags. */
uint32_t xlat_open_flags_to_host(const GuestAbi *abi, uint32_t guest)
{
    return (guest & O_ACCMODE) | xlat_flags_to_host(abi->open_flags, guest & ~O_ACCMODE);
}

uint32_t xlat_open_flags_to_guest(const GuestAbi *abi, uint32_t host)
{
    return (host & O_ACCMODE) | xlat_flags_to_guest(abi->open_flags, host & ~O_ACCMODE);
}

/* ---- mmap, prot and AT_* flags ---- */

/* asm-generic MAP_* bits (ARM uses them; the host's are the same apart
 * from x86's MAP_32BIT, which a guest cannot ask for).  The mapping type
 * (MAP_SHARED/PRIVATE/SHARED_VALIDATE, low 4 bits) is a field handled by
 * the caller. */
const FlagMap xlat_generic_mmap_flags[] = {
    { 0x10, MAP_FIXED, "MAP_FIXED" },
    { 0x20, MAP_ANONYMOUS, "MAP_ANONYMOUS" },
    { 0x100, MAP_GROWSDOWN, "MAP_GROWSDOWN" },
    { 0x800, MAP_DENYWRITE, "MAP_DENYWRITE" },
    { 0x1000, MAP_EXECUTABLE, "MAP_EXECUTABLE" },
    { 0x2000, MAP_LOCKED, "MAP_LOCKED" },
    { 0x4000, MAP_NORESERVE, "MAP_NORESERVE" },
    { 0x8000, MAP_POPULATE, "MAP_POPULATE" },
    { 0x10000, MAP_NONBLOCK, "MAP_NONBLOCK" },
    { 0x20000, MAP_STACK, "MAP_STACK" },
    { 0x40000, MAP_HUGETLB, "MAP_HUGETLB" },
    { 0x80000, 0x80000, "MAP_SYNC" },
    { 0x100000, 0x100000, "MAP_FIXED_NOREPLACE" },
    { 0, 0, NULL },
};

/* MAP_TYPE (the low 4 bits) is a field with the same values everywhere. */
uint32_t xlat_mmap_flags_to_host(const GuestAbi *abi, uint32_t guest)
{
    return (guest & 0xfu) | xlat_flags_to_host(abi->mmap_flags, guest & ~0xfu);
}

/* PROT_* and AT_* values are the same on every Linux ABI; these tables
 * exist for -strace names. */
const FlagMap xlat_prot_flags[] = {
    { 1, PROT_READ, "PROT_READ" },
    { 2, PROT_WRITE, "PROT_WRITE" },
    { 4, PROT_EXEC, "PROT_EXEC" },
    { 0x01000000, PROT_GROWSDOWN, "PROT_GROWSDOWN" },
    { 0x02000000, PROT_GROWSUP, "PROT_GROWSUP" },
    { 0, 0, NULL },
};

const FlagMap xlat_at_flags[] = {
    { 0x100, AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW" },
    { 0x200, AT_EACCESS, "AT_EACCESS" },
    { 0x400, AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW" },
    { 0x800, AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT" },
    { 0x1000, AT_EMPTY_PATH, "AT_EMPTY_PATH" },
    { 0x2000, 0x2000, "AT_STATX_FORCE_SYNC" },
    { 0x4000, 0x4000, "AT_STATX_DONT_SYNC" },
    { 0, 0, NULL },
};

/* ---- errno ---- */

/* ARM and x86-64 share the asm-generic numbers; MIPS will bring a table. */
int xlat_errno_to_guest(const GuestAbi *abi, int host_errno)
{
    if (!abi->errno_to_guest || host_errno <= 0 || (unsigned)host_errno >= abi->errno_count)
        return host_errno;
    return abi->errno_to_guest[host_errno];
}

/* ---- signal numbers ---- */

/* ARM uses the x86 numbering; MIPS will bring a table. */
int xlat_signal_to_host(const GuestAbi *abi, int guest_sig)
{
    if (guest_sig < 0 || (unsigned)guest_sig > abi->nsig)
        return -1;
    return abi->sig_to_host ? abi->sig_to_host[guest_sig] : guest_sig;
}

int xlat_signal_to_guest(const GuestAbi *abi, int host_sig)
{
    if (!abi->sig_to_host)
        return host_sig >= 1 && (unsigned)host_sig <= abi->nsig ? host_sig : 0;
    for (unsigned g = 1; g <= abi->nsig; g++) {
        if (abi->sig_to_host[g] == host_sig)
            return (int)g;
    }
    return 0;
}

/* ---- siginfo ---- */

/* Which member of the siginfo union is in use (the kernel's rule). */
typedef enum SiLayout {
    SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS
} SiLayout;

static SiLayout siginfo_layout(int host_sig, int code)
{
    if (code > SI_USER && code < SI_KERNEL) {
        switch (host_sig) {
        case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS: case SIGTRAP:
            return SIL_FAULT;
        case SIGCHLD:
            return SIL_CHLD;
        case SIGPOLL:
            return SIL_POLL;
        case SIGSYS:
            return SIL_SYS;
        default:
            return SIL_KILL;
        }
    }
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

int xlat_generic_put_siginfo(const GuestAbi *abi, uint32_t addr, int sig, const siginfo_t *si)
{
    GuestSiginfo g;
    memset(&g, 0, sizeof(g));
    g.si_signo = (int32_t)tsw32(abi, (uint32_t)sig);
    g.si_errno = (int32_t)tsw32(abi, (uint32_t)si->si_errno);
    g.si_code = (int32_t)tsw32(abi, (uint32_t)si->si_code);
    uint32_t *u = g.u;
    switch (siginfo_layout(si->si_signo, si->si_code)) {
    case SIL_KILL:
        u[0] = (uint32_t)si->si_pid;
        u[1] = si->si_uid;
        break;
    case SIL_TIMER:
        u[0] = (uint32_t)si->si_timerid;
        u[1] = (uint32_t)si->si_overrun;
        u[2] = (uint32_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_RT:
        u[0] = (uint32_t)si->si_pid;
        u[1] = si->si_uid;
        u[2] = (uint32_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_CHLD:
        u[0] = (uint32_t)si->si_pid;
        u[1] = si->si_uid;
        u[2] = (uint32_t)si->si_status;
        u[3] = (uint32_t)si->si_utime;
        u[4] = (uint32_t)si->si_stime;
        break;
    case SIL_FAULT:
        u[0] = (uint32_t)(uintptr_t)si->si_addr;   /* already a guest address */
        break;
    case SIL_POLL:
        u[0] = (uint32_t)si->si_band;
        u[1] = (uint32_t)si->si_fd;
        break;
    case SIL_SYS:
        u[0] = (uint32_t)(uintptr_t)si->si_call_addr;
        u[1] = (uint32_t)si->si_syscall;
        u[2] = si->si_arch;
        break;
    }
    for (int i = 0; i < 5; i++)
        u[i] = tsw32(abi, u[i]);
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* For rt_sigqueueinfo: the fields a sender fills in (pid, uid, value). */
int xlat_generic_get_siginfo(const GuestAbi *abi, uint32_t addr, siginfo_t *si)
{
    GuestSiginfo g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    memset(si, 0, sizeof(*si));
    si->si_signo = (int32_t)tsw32(abi, (uint32_t)g.si_signo);
    si->si_errno = (int32_t)tsw32(abi, (uint32_t)g.si_errno);
    si->si_code = (int32_t)tsw32(abi, (uint32_t)g.si_code);
    si->si_pid = (pid_t)tsw32(abi, g.u[0]);
    si->si_uid = tsw32(abi, g.u[1]);
    si->si_value.sival_int = (int)tsw32(abi, g.u[2]);
    return 0;
}

/* ---- time structs ---- */

int xlat_get_timespec32(const GuestAbi *abi, uint32_t addr, struct timespec *ts)
{
    GuestTimespec32 g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    ts->tv_sec = (int32_t)tsw32(abi, (uint32_t)g.tv_sec);
    ts->tv_nsec = (int32_t)tsw32(abi, (uint32_t)g.tv_nsec);
    return 0;
}

/* Seconds beyond 2038 wrap, as they do for a 32-bit kernel's time_t. */
int xlat_put_timespec32(const GuestAbi *abi, uint32_t addr, const struct timespec *ts)
{
    GuestTimespec32 g = {
        .tv_sec = (int32_t)tsw32(abi, (uint32_t)ts->tv_sec),
        .tv_nsec = (int32_t)tsw32(abi, (uint32_t)ts->tv_nsec),
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* A 32-bit kernel reads only the low half of tv_nsec (the upper half is
 * padding a 32-bit libc may not clear). */
int xlat_get_timespec64(const GuestAbi *abi, uint32_t addr, struct timespec *ts)
{
    GuestTimespec64 g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    ts->tv_sec = (int64_t)tsw64(abi, (uint64_t)g.tv_sec);
    ts->tv_nsec = (int32_t)tsw64(abi, (uint64_t)g.tv_nsec);
    return 0;
}

int xlat_put_timespec64(const GuestAbi *abi, uint32_t addr, const struct timespec *ts)
{
    GuestTimespec64 g = {
        .tv_sec = (int64_t)tsw64(abi, (uint64_t)ts->tv_sec),
        .tv_nsec = (int64_t)tsw64(abi, (uint64_t)ts->tv_nsec),
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- struct flock ---- */

/* l_type (F_RDLCK...) and l_whence values are the same on every ABI. */
int xlat_get_flock(const GuestAbi *abi, uint32_t addr, bool is64, struct flock *fl)
{
    memset(fl, 0, sizeof(*fl));
    if (is64) {
        GuestFlock64 g;
        if (copy_from_guest(&g, addr, sizeof(g)))
            return -EFAULT;
        fl->l_type = (int16_t)tsw16(abi, (uint16_t)g.l_type);
        fl->l_whence = (int16_t)tsw16(abi, (uint16_t)g.l_whence);
        fl->l_start = (int64_t)tsw64(abi, (uint64_t)g.l_start);
        fl->l_len = (int64_t)tsw64(abi, (uint64_t)g.l_len);
        fl->l_pid = (int32_t)tsw32(abi, (uint32_t)g.l_pid);
        return 0;
    }
    GuestFlock32 g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    fl->l_type = (int16_t)tsw16(abi, (uint16_t)g.l_type);
    fl->l_whence = (int16_t)tsw16(abi, (uint16_t)g.l_whence);
    fl->l_start = (int32_t)tsw32(abi, (uint32_t)g.l_start);
    fl->l_len = (int32_t)tsw32(abi, (uint32_t)g.l_len);
    fl->l_pid = (int32_t)tsw32(abi, (uint32_t)g.l_pid);
    return 0;
}

/* A lock that a 32-bit struct flock cannot describe is EOVERFLOW. */
int xlat_put_flock(const GuestAbi *abi, uint32_t addr, bool is64, const struct flock *fl)
{
    if (is64) {
        GuestFlock64 g;
        memset(&g, 0, sizeof(g));
        g.l_type = (int16_t)tsw16(abi, (uint16_t)fl->l_type);
        g.l_whence = (int16_t)tsw16(abi, (uint16_t)fl->l_whence);
        g.l_start = (int64_t)tsw64(abi, (uint64_t)fl->l_start);
        g.l_len = (int64_t)tsw64(abi, (uint64_t)fl->l_len);
        g.l_pid = (int32_t)tsw32(abi, (uint32_t)fl->l_pid);
        return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
    }
    if (fl->l_start != (int32_t)fl->l_start || fl->l_len != (int32_t)fl->l_len)
        return -EOVERFLOW;
    GuestFlock32 g = {
        .l_type = (int16_t)tsw16(abi, (uint16_t)fl->l_type),
        .l_whence = (int16_t)tsw16(abi, (uint16_t)fl->l_whence),
        .l_start = (int32_t)tsw32(abi, (uint32_t)fl->l_start),
        .l_len = (int32_t)tsw32(abi, (uint32_t)fl->l_len),
        .l_pid = (int32_t)tsw32(abi, (uint32_t)fl->l_pid),
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- ARM stat64 ---- */

/* The padding is zeroed, as the kernel does (glibc may look at it). */
int xlat_arm_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st)
{
    ArmStat64 g;
    memset(&g, 0, sizeof(g));
    g.st_dev = tsw64(abi, st->st_dev);
    g.st_ino32 = tsw32(abi, (uint32_t)st->st_ino);
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
    g.st_ino = tsw64(abi, st->st_ino);
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- ARM sigaction ---- */

int xlat_arm_get_sigaction(const GuestAbi *abi, uint32_t addr, SysSigaction *sa)
{
    ArmSigaction g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    memset(sa, 0, sizeof(*sa));
    sa->handler = tsw32(abi, g.handler);
    sa->flags = tsw32(abi, g.flags);
    sa->restorer = tsw32(abi, g.restorer);
    sa->mask[0] = tsw32(abi, g.mask[0]) | (uint64_t)tsw32(abi, g.mask[1]) << 32;
    return 0;
}

int xlat_arm_put_sigaction(const GuestAbi *abi, uint32_t addr, const SysSigaction *sa)
{
    ArmSigaction g = {
        .handler = tsw32(abi, sa->handler),
        .flags = tsw32(abi, sa->flags),
        .restorer = tsw32(abi, sa->restorer),
        .mask = { tsw32(abi, (uint32_t)sa->mask[0]),
                     tsw32(abi, (uint32_t)(sa->mask[0] >> 32)) },
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- stack_t ---- */

int xlat_generic_get_stack(const GuestAbi *abi, uint32_t addr, SysStack *ss)
{
    GuestStack g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    ss->sp = tsw32(abi, g.ss_sp);
    ss->flags = tsw32(abi, (uint32_t)g.ss_flags);
    ss->size = tsw32(abi, g.ss_size);
    return 0;
}

int xlat_generic_put_stack(const GuestAbi *abi, uint32_t addr, const SysStack *ss)
{
    GuestStack g = {
        .ss_sp = tsw32(abi, ss->sp),
        .ss_flags = (int32_t)tsw32(abi, ss->flags),
        .ss_size = tsw32(abi, ss->size),
    };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}
