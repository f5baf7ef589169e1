/*
 * Process handlers: identity (pids, uids), resource limits, uname,
 * scheduling hints and getrandom.  (exit and the thread registrations are
 * in thread.c.)
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <grp.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "common/log.h"
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* The 16-bit uid calls report ids that do not fit as the overflow id. */
#define SYS_OVERFLOW_ID 65534
/* RLIM_INFINITY of a 32-bit unsigned long. */
#define GUEST_RLIM32_INFINITY 0xffffffffu

/* ---- identity ---- */

int64_t sys_getpid(SysCall *c)
{
    return getpid();
}

int64_t sys_gettid(SysCall *c)
{
    return gettid();
}

int64_t sys_getppid(SysCall *c)
{
    return getppid();
}

int64_t sys_getpgid(SysCall *c)
{
    return sys_host(getpgid(sys_int(c, 0)));
}

int64_t sys_setpgid(SysCall *c)
{
    return sys_host(setpgid(sys_int(c, 0), sys_int(c, 1)));
}

int64_t sys_getpgrp(SysCall *c)
{
    return getpgrp();
}

int64_t sys_getsid(SysCall *c)
{
    return sys_host(getsid(sys_int(c, 0)));
}

int64_t sys_setsid(SysCall *c)
{
    return sys_host(setsid());
}

static int64_t low_id(uint32_t id)
{
    return id > 0xffff ? SYS_OVERFLOW_ID : id;
}

int64_t sys_getuid16(SysCall *c) { return low_id(getuid()); }
int64_t sys_geteuid16(SysCall *c) { return low_id(geteuid()); }
int64_t sys_getgid16(SysCall *c) { return low_id(getgid()); }
int64_t sys_getegid16(SysCall *c) { return low_id(getegid()); }
int64_t sys_getuid(SysCall *c) { return getuid(); }
int64_t sys_geteuid(SysCall *c) { return geteuid(); }
int64_t sys_getgid(SysCall *c) { return getgid(); }
int64_t sys_getegid(SysCall *c) { return getegid(); }

/*
 * Changing ids.  glibc's wrappers are used, not the raw calls: they change
 * the ids of every host thread of ferry at once, as the guest's glibc does
 * for its threads (the kernel's calls act on one thread only).  The 16-bit
 * forms widen 0xffff to -1 ("unchanged").
 */
static uint32_t id_arg(const SysCall *c, unsigned i, bool wide)
{
    uint32_t v = sys_u32(c, i);
    if (!wide)
        v = (v & 0xffff) == 0xffff ? (uint32_t)-1 : (v & 0xffff);
    return v;
}

int64_t sys_setuid(SysCall *c) { return sys_host(setuid(id_arg(c, 0, true))); }
int64_t sys_setgid(SysCall *c) { return sys_host(setgid(id_arg(c, 0, true))); }
int64_t sys_setuid16(SysCall *c) { return sys_host(setuid(id_arg(c, 0, false))); }
int64_t sys_setgid16(SysCall *c) { return sys_host(setgid(id_arg(c, 0, false))); }

int64_t sys_setreuid(SysCall *c)
{
    return sys_host(setreuid(id_arg(c, 0, true), id_arg(c, 1, true)));
}

int64_t sys_setregid(SysCall *c)
{
    return sys_host(setregid(id_arg(c, 0, true), id_arg(c, 1, true)));
}

int64_t sys_setresuid(SysCall *c)
{
    return sys_host(setresuid(id_arg(c, 0, true), id_arg(c, 1, true), id_arg(c, 2, true)));
}

int64_t sys_setresgid(SysCall *c)
{
    return sys_host(setresgid(id_arg(c, 0, true), id_arg(c, 1, true), id_arg(c, 2, true)));
}

/* getresuid/getresgid(r, e, s): three 32-bit words. */
static int64_t put_res(const SysCall *c, uint32_t r, uint32_t e, uint32_t s)
{
    if (sys_put_u32(c->abi, sys_u32(c, 0), r) || sys_put_u32(c->abi, sys_u32(c, 1), e) ||
        sys_put_u32(c->abi, sys_u32(c, 2), s))
        return -EFAULT;
    return 0;
}

int64_t sys_getresuid(SysCall *c)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    return put_res(c, r, e, s);
}

int64_t sys_getresgid(SysCall *c)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    return put_res(c, r, e, s);
}

/* setfsuid/setfsgid return the previous id and never fail. */
int64_t sys_setfsuid(SysCall *c) { return setfsuid(id_arg(c, 0, true)); }
int64_t sys_setfsgid(SysCall *c) { return setfsgid(id_arg(c, 0, true)); }

/* NGROUPS_MAX of Linux. */
#define SYS_NGROUPS_MAX 65536

/* getgroups32(size, list): 32-bit gids; size 0 asks for the count. */
int64_t sys_getgroups(SysCall *c)
{
    int size = sys_int(c, 0);
    if (size < 0)
        return -EINVAL;
    gid_t *g = malloc(SYS_NGROUPS_MAX * sizeof *g);
    if (!g)
        return -ENOMEM;
    int n = getgroups(SYS_NGROUPS_MAX, g);
    int64_t r = n < 0 ? -errno : n;
    if (n >= 0 && size) {
        if (n > size) {
            r = -EINVAL;
        } else {
            for (int i = 0; i < n && r >= 0; i++)
                if (sys_put_u32(c->abi, sys_u32(c, 1) + 4 * (uint32_t)i, g[i]))
                    r = -EFAULT;
        }
    }
    free(g);
    return r;
}

int64_t sys_setgroups(SysCall *c)
{
    int size = sys_int(c, 0);
    if (size < 0 || size > SYS_NGROUPS_MAX)
        return -EINVAL;
    gid_t *g = malloc(((size_t)size + 1) * sizeof *g);
    if (!g)
        return -ENOMEM;
    int64_t r = 0;
    for (int i = 0; i < size && r == 0; i++) {
        uint32_t v;
        if (sys_get_u32(c->abi, sys_u32(c, 1) + 4 * (uint32_t)i, &v))
            r = -EFAULT;
        g[i] = v;
    }
    if (r == 0)
        r = sys_host(setgroups((size_t)size, g));
    free(g);
    return r;
}

/* ---- resource limits ---- */

/*
 * The guest may not shrink ferry's own address space or stack: limits on
 * them would apply to ferry's 4 GiB reservation, not to the guest.  Such
 * requests succeed without effect, as the guest space has its own bound.
 */
static bool limit_is_ferrys(int pid, int resource)
{
    return (pid == 0 || pid == getpid()) &&
           (resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK);
}

static int get_rlimit64(const GuestAbi *abi, uint32_t addr, struct rlimit *rl)
{
    GuestRlimit64 g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    rl->rlim_cur = tsw64(abi, g.rlim_cur);
    rl->rlim_max = tsw64(abi, g.rlim_max);
    return 0;
}

static int put_rlimit64(const GuestAbi *abi, uint32_t addr, const struct rlimit *rl)
{
    GuestRlimit64 g = { tsw64(abi, rl->rlim_cur), tsw64(abi, rl->rlim_max) };
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* prlimit64(pid, resource, new, old); RLIMIT_* are the same on ARM and
 * the host (MIPS will need a map). */
int64_t sys_prlimit64(SysCall *c)
{
    int pid = sys_int(c, 0), resource = sys_int(c, 1);
    uint32_t new_addr = sys_u32(c, 2), old_addr = sys_u32(c, 3);
    struct rlimit nl, ol;
    if (new_addr) {
        if (get_rlimit64(c->abi, new_addr, &nl))
            return -EFAULT;
        if (nl.rlim_cur > nl.rlim_max)
            return -EINVAL;
    }
    bool set = new_addr && !limit_is_ferrys(pid, resource);
    if (prlimit(pid, resource, set ? &nl : NULL, &ol) == -1)
        return -errno;
    return old_addr ? put_rlimit64(c->abi, old_addr, &ol) : 0;
}

static uint32_t rlim_to_guest32(rlim_t v)
{
    return v >= GUEST_RLIM32_INFINITY ? GUEST_RLIM32_INFINITY : (uint32_t)v;
}

static rlim_t rlim_from_guest32(uint32_t v)
{
    return v == GUEST_RLIM32_INFINITY ? RLIM_INFINITY : v;
}

/* ugetrlimit: limits beyond 32 bits read as infinity. */
int64_t sys_ugetrlimit(SysCall *c)
{
    struct rlimit rl;
    if (getrlimit(sys_int(c, 0), &rl) == -1)
        return -errno;
    GuestRlimit32 g = { tsw32(c->abi, rlim_to_guest32(rl.rlim_cur)),
                        tsw32(c->abi, rlim_to_guest32(rl.rlim_max)) };
    return copy_to_guest(sys_u32(c, 1), &g, sizeof(g)) ? -EFAULT : 0;
}

int64_t sys_setrlimit(SysCall *c)
{
    GuestRlimit32 g;
    if (copy_from_guest(&g, sys_u32(c, 1), sizeof(g)))
        return -EFAULT;
    struct rlimit rl = { rlim_from_guest32(tsw32(c->abi, g.rlim_cur)),
                         rlim_from_guest32(tsw32(c->abi, g.rlim_max)) };
    if (rl.rlim_cur > rl.rlim_max)
        return -EINVAL;
    if (limit_is_ferrys(0, sys_int(c, 0)))
        return 0;
    return sys_host(setrlimit(sys_int(c, 0), &rl));
}

/* ---- system information ---- */

static void uts_copy(char *dst, const char *src)
{
    size_t n = strnlen(src, GUEST_UTS_LEN - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The host's names and release, with the guest's machine. */
int64_t sys_uname(SysCall *c)
{
    struct utsname u;
    if (uname(&u) == -1)
        return -errno;
    GuestUtsname g;
    memset(&g, 0, sizeof(g));
    uts_copy(g.sysname, u.sysname);
    uts_copy(g.nodename, u.nodename);
    uts_copy(g.release, u.release);
    uts_copy(g.version, u.version);
    uts_copy(g.machine, c->abi->uname_machine);
    uts_copy(g.domainname, u.domainname);
    return copy_to_guest(sys_u32(c, 0), &g, sizeof(g)) ? -EFAULT : 0;
}

int64_t sys_sched_yield(SysCall *c)
{
    return sys_host(sched_yield());
}

/* The CPU mask is an array of longs, 32-bit for the guest; in little-endian
 * memory that is the same bytes as the host's 64-bit longs.  The host
 * wants a multiple of 8 bytes, so the call goes through a local mask. */
#define SYS_CPUMASK_MAX 1024

int64_t sys_sched_getaffinity(SysCall *c)
{
    uint32_t len = sys_u32(c, 1), addr = sys_u32(c, 2);
    uint8_t mask[SYS_CPUMASK_MAX];
    if (len % 4)
        return -EINVAL;
    memset(mask, 0, sizeof(mask));
    long r = syscall(SYS_sched_getaffinity, sys_int(c, 0), sizeof(mask), mask);
    if (r < 0)
        return -errno;
    if (c->abi->big_endian)
        return -ENOSYS;  /* would need the words swapped */
    /* The kernel fails when the mask cannot hold every possible CPU. */
    uint32_t n = (uint32_t)r;
    while (n > 4 && !mask[n - 1] && !mask[n - 2] && !mask[n - 3] && !mask[n - 4])
        n -= 4;
    if (len < n)
        return -EINVAL;
    return copy_to_guest(addr, mask, n) ? -EFAULT : n;
}

int64_t sys_sched_setaffinity(SysCall *c)
{
    uint32_t len = sys_u32(c, 1);
    uint8_t mask[SYS_CPUMASK_MAX];
    memset(mask, 0, sizeof(mask));
    if (c->abi->big_endian)
        return -ENOSYS;
    if (copy_from_guest(mask, sys_u32(c, 2), len < sizeof(mask) ? len : sizeof(mask)))
        return -EFAULT;
    return sys_host(syscall(SYS_sched_setaffinity, sys_int(c, 0), sizeof(mask), mask));
}

/* getcpu(cpu, node, cache): the cache argument is unused since Linux 2.6.24. */
int64_t sys_getcpu(SysCall *c)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
        return -errno;
    if ((sys_u32(c, 0) && sys_put_u32(c->abi, sys_u32(c, 0), cpu)) ||
        (sys_u32(c, 1) && sys_put_u32(c->abi, sys_u32(c, 1), node)))
        return -EFAULT;
    return 0;
}

/* Scheduling policy and priority: SCHED_* values and struct sched_param
 * (one int) are the same on every ABI. */
int64_t sys_sched_getscheduler(SysCall *c)
{
    return sys_host(sched_getscheduler(sys_int(c, 0)));
}

int64_t sys_sched_getparam(SysCall *c)
{
    struct sched_param sp;
    if (sched_getparam(sys_int(c, 0), &sp) != 0)
        return -errno;
    return sys_put_u32(c->abi, sys_u32(c, 1), (uint32_t)sp.sched_priority);
}

int64_t sys_sched_setscheduler(SysCall *c)
{
    uint32_t prio;
    if (sys_get_u32(c->abi, sys_u32(c, 2), &prio))
        return -EFAULT;
    struct sched_param sp = { .sched_priority = (int)prio };
    return sys_host(sched_setscheduler(sys_int(c, 0), sys_int(c, 1), &sp));
}

int64_t sys_sched_setparam(SysCall *c)
{
    uint32_t prio;
    if (sys_get_u32(c->abi, sys_u32(c, 1), &prio))
        return -EFAULT;
    struct sched_param sp = { .sched_priority = (int)prio };
    return sys_host(sched_setparam(sys_int(c, 0), &sp));
}

int64_t sys_sched_get_priority_max(SysCall *c)
{
    return sys_host(sched_get_priority_max(sys_int(c, 0)));
}

int64_t sys_sched_get_priority_min(SysCall *c)
{
    return sys_host(sched_get_priority_min(sys_int(c, 0)));
}

/* The kernel's getpriority returns 20 - nice (always positive); glibc
 * converts back.  The raw host call returns the same encoding. */
int64_t sys_getpriority(SysCall *c)
{
    return sys_host(syscall(SYS_getpriority, sys_int(c, 0), sys_int(c, 1)));
}

int64_t sys_setpriority(SysCall *c)
{
    return sys_host(setpriority(sys_int(c, 0), (id_t)sys_int(c, 1), sys_int(c, 2)));
}

/* The 32-bit struct sysinfo: memory sizes in units of mem_unit, scaled
 * up (as the kernel's compat code does) until every size fits 32 bits. */
typedef struct GuestSysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[8];
} GuestSysinfo;
_Static_assert(sizeof(GuestSysinfo) == 64, "32-bit struct sysinfo is 64 bytes");

int64_t sys_sysinfo(SysCall *c)
{
    struct sysinfo h;
    if (sysinfo(&h) < 0)
        return -errno;
    uint64_t sizes[] = { h.totalram, h.freeram, h.sharedram, h.bufferram,
                         h.totalswap, h.freeswap, h.totalhigh, h.freehigh };
    uint64_t unit = h.mem_unit ? h.mem_unit : 1, biggest = 0;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        biggest = sizes[i] > biggest ? sizes[i] : biggest;
    unsigned shift = 0;
    while ((biggest >> shift) > UINT32_MAX)
        shift++;
    GuestSysinfo g = {
        .uptime = (int32_t)h.uptime,
        .loads = { (uint32_t)h.loads[0], (uint32_t)h.loads[1], (uint32_t)h.loads[2] },
        .totalram = (uint32_t)(sizes[0] >> shift), .freeram = (uint32_t)(sizes[1] >> shift),
        .sharedram = (uint32_t)(sizes[2] >> shift), .bufferram = (uint32_t)(sizes[3] >> shift),
        .totalswap = (uint32_t)(sizes[4] >> shift), .freeswap = (uint32_t)(sizes[5] >> shift),
        .procs = h.procs,
        .totalhigh = (uint32_t)(sizes[6] >> shift), .freehigh = (uint32_t)(sizes[7] >> shift),
        .mem_unit = (uint32_t)(unit << shift),
    };
    return copy_to_guest(sys_u32(c, 0), &g, sizeof(g)) ? -EFAULT : 0;
}

/*
 * prctl: the options that concern only the calling process's name, its
 * dumpable flag and the parent-death signal are passed to the host (they
 * mean the same there); the others are refused as an old kernel would,
 * with one log line per option so nothing is silently ignored.
 */
int64_t sys_prctl(SysCall *c)
{
    uint32_t option = sys_u32(c, 0), arg2 = sys_u32(c, 1);
    char name[16];
    switch (option) {
    case PR_SET_NAME:
        if (copy_from_guest(name, arg2, sizeof(name)))
            return -EFAULT;
        name[15] = 0;
        return sys_host(prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0));
    case PR_GET_NAME:
        if (prctl(PR_GET_NAME, (unsigned long)name, 0, 0, 0) < 0)
            return -errno;
        return copy_to_guest(arg2, name, sizeof(name)) ? -EFAULT : 0;
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_CAPBSET_READ:      /* capability numbers are the same everywhere */
    case PR_CAPBSET_DROP:
        return sys_host(prctl((int)option, (unsigned long)arg2, 0, 0, 0));
    case PR_SET_PDEATHSIG:
        return sys_host(prctl(PR_SET_PDEATHSIG, (unsigned long)arg2, 0, 0, 0));
    default: {
        static char site;
        if (ferry_first_time(&site, option))
            ferry_log("unsupported prctl option %u", option);
        return -EINVAL;
    }
    }
}

/*
 * Restartable sequences are not emulated: the kernel side (rewriting the
 * guest's critical sections on preemption and keeping cpu_id current)
 * has no user-mode equivalent.  ENOSYS is the documented answer of a
 * kernel without rseq, and glibc and other users fall back cleanly, so
 * this is a deliberate answer rather than a missing syscall: no log line.
 */
int64_t sys_rseq(SysCall *c)
{
    (void)c;
    return -ENOSYS;
}

/* getrandom(buf, len, flags): GRND_* are the same on every ABI. */
int64_t sys_getrandom(SysCall *c)
{
    uint32_t buf = sys_u32(c, 0), len = sys_u32(c, 1);
    sys_will_write(buf, len);
    return sys_host(getrandom(g2h(buf), len, sys_u32(c, 2)));
}
