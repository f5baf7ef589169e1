/*
 * The MIPS o32 system call ABI: the number -> handler table (numbers from
 * 4000), the MIPS-only calls (set_thread_area, cacheflush, sysmips, pipe)
 * and the GuestAbi facts the generic handlers consult; the encodings are
 * in xlat_mips.c.
 *
 * Calling convention: the number is in $v0, the first four arguments in
 * $a0-$a3 and the fifth to eighth on the stack at $sp + 16 ... $sp + 28
 * (the caller's argument save area comes first).  A 64-bit argument takes
 * an aligned pair of those slots, the high word first on big-endian guests
 * (so pread64's offset is in the stack words at 16 and 20, after an unused
 * $a3).  The result goes to $v0 with $a3 = 0, or a positive errno in $v0
 * with $a3 = 1.  Calls that fail leave $v1 alone; pipe returns its second
 * descriptor in $v1.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "syscall/sys_internal.h"
#include "syscall/handlers.h"
#include "syscall/mips_nr.h"
#include "exec/tb_invalidate.h"
#include "frontend/mips/translate.h"

/* A table row: number, handler, result kind, argument kinds. */
#define ROW(n, handler, ret, ...) \
    [MIPS_NR_##n - MIPS_NR_BASE] = { #n, handler, ret, { __VA_ARGS__ } }

static int64_t mips_pipe(SysCall *c);
static int64_t mips_set_thread_area(SysCall *c);
static int64_t mips_cacheflush(SysCall *c);
static int64_t mips_sysmips(SysCall *c);

static const SyscallDef mips_defs[MIPS_NR_COUNT] = {
    /* fd.c */
    ROW(read, sys_read, R_INT, A_FD, A_PTR, A_UINT),
    ROW(write, sys_write, R_INT, A_FD, A_BUF, A_UINT),
    ROW(readv, sys_readv, R_INT, A_FD, A_PTR, A_INT),
    ROW(writev, sys_writev, R_INT, A_FD, A_PTR, A_INT),
    ROW(pread64, sys_pread64, R_INT, A_FD, A_PTR, A_UINT, A_I64),
    ROW(pwrite64, sys_pwrite64, R_INT, A_FD, A_BUF, A_UINT, A_I64),
    ROW(close, sys_close, R_INT, A_FD),
    ROW(lseek, sys_lseek, R_INT, A_FD, A_INT, A_WHENCE),
    ROW(_llseek, sys_llseek, R_INT, A_FD, A_UINT, A_UINT, A_PTR, A_WHENCE),
    ROW(ftruncate64, sys_ftruncate64, R_INT, A_FD, A_I64),
    ROW(fsync, sys_fsync, R_INT, A_FD),
    ROW(fdatasync, sys_fdatasync, R_INT, A_FD),
    ROW(dup, sys_dup, R_INT, A_FD),
    ROW(dup2, sys_dup2, R_INT, A_FD, A_FD),
    ROW(dup3, sys_dup3, R_INT, A_FD, A_FD, A_OFLAGS),
    ROW(pipe, mips_pipe, R_INT),
    ROW(pipe2, sys_pipe2, R_INT, A_PTR, A_OFLAGS),
    ROW(fcntl, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    ROW(fcntl64, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    /* ioctl.c */
    ROW(ioctl, sys_ioctl, R_INT, A_FD, A_HEX, A_HEX),
    /* fs.c */
    ROW(open, sys_open, R_INT, A_STR, A_OFLAGS, A_OMODE),
    ROW(openat, sys_openat, R_INT, A_DIRFD, A_STR, A_OFLAGS, A_OMODE),
    ROW(creat, sys_creat, R_INT, A_STR, A_OCT),
    ROW(stat64, sys_stat64, R_INT, A_STR, A_PTR),
    ROW(lstat64, sys_lstat64, R_INT, A_STR, A_PTR),
    ROW(fstat64, sys_fstat64, R_INT, A_FD, A_PTR),
    ROW(fstatat64, sys_fstatat64, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    ROW(statx, sys_statx, R_INT, A_DIRFD, A_STR, A_ATFLAGS, A_HEX, A_PTR),
    ROW(readlink, sys_readlink, R_INT, A_STR, A_PTR, A_INT),
    ROW(readlinkat, sys_readlinkat, R_INT, A_DIRFD, A_STR, A_PTR, A_INT),
    ROW(access, sys_access, R_INT, A_STR, A_OCT),
    ROW(faccessat, sys_faccessat, R_INT, A_DIRFD, A_STR, A_OCT),
    ROW(faccessat2, sys_faccessat2, R_INT, A_DIRFD, A_STR, A_OCT, A_ATFLAGS),
    ROW(getcwd, sys_getcwd, R_INT, A_PTR, A_UINT),
    ROW(chdir, sys_chdir, R_INT, A_STR),
    ROW(fchdir, sys_fchdir, R_INT, A_FD),
    ROW(getdents64, sys_getdents64, R_INT, A_FD, A_PTR, A_UINT),
    ROW(truncate64, sys_truncate64, R_INT, A_STR, A_I64),
    ROW(unlink, sys_unlink, R_INT, A_STR),
    ROW(unlinkat, sys_unlinkat, R_INT, A_DIRFD, A_STR, A_ATFLAGS),
    ROW(rmdir, sys_rmdir, R_INT, A_STR),
    ROW(mount, sys_mount, R_INT, A_STR, A_STR, A_STR, A_HEX, A_PTR),
    ROW(umount2, sys_umount2, R_INT, A_STR, A_HEX),
    ROW(mkdir, sys_mkdir, R_INT, A_STR, A_OCT),
    ROW(mkdirat, sys_mkdirat, R_INT, A_DIRFD, A_STR, A_OCT),
    ROW(rename, sys_rename, R_INT, A_STR, A_STR),
    ROW(renameat, sys_renameat, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR),
    ROW(renameat2, sys_renameat2, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR, A_HEX),
    ROW(link, sys_link, R_INT, A_STR, A_STR),
    ROW(linkat, sys_linkat, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR, A_ATFLAGS),
    ROW(symlink, sys_symlink, R_INT, A_STR, A_STR),
    ROW(symlinkat, sys_symlinkat, R_INT, A_STR, A_DIRFD, A_STR),
    ROW(chmod, sys_chmod, R_INT, A_STR, A_OCT),
    ROW(fchmod, sys_fchmod, R_INT, A_FD, A_OCT),
    ROW(fchmodat, sys_fchmodat, R_INT, A_DIRFD, A_STR, A_OCT),
    /* o32's chown family takes 32-bit ids (there are no *32 variants) */
    ROW(chown, sys_chown32, R_INT, A_STR, A_INT, A_INT),
    ROW(lchown, sys_lchown32, R_INT, A_STR, A_INT, A_INT),
    ROW(fchown, sys_fchown32, R_INT, A_FD, A_INT, A_INT),
    ROW(fchownat, sys_fchownat, R_INT, A_DIRFD, A_STR, A_INT, A_INT, A_ATFLAGS),
    ROW(umask, sys_umask, R_INT, A_OCT),
    ROW(utimensat, sys_utimensat, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    ROW(utimensat_time64, sys_utimensat_time64, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    ROW(sync, sys_sync, R_INT),
    /* mem.c */
    ROW(brk, sys_brk, R_HEX, A_PTR),
    ROW(mmap, sys_mmap, R_HEX, A_PTR, A_UINT, A_PROT, A_MMAP, A_FD, A_HEX),
    ROW(mmap2, sys_mmap2, R_HEX, A_PTR, A_UINT, A_PROT, A_MMAP, A_FD, A_HEX),
    ROW(munmap, sys_munmap, R_INT, A_PTR, A_UINT),
    ROW(mprotect, sys_mprotect, R_INT, A_PTR, A_UINT, A_PROT),
    ROW(mremap, sys_mremap, R_HEX, A_PTR, A_UINT, A_UINT, A_HEX, A_PTR),
    ROW(madvise, sys_madvise, R_INT, A_PTR, A_UINT, A_INT),
    ROW(cacheflush, mips_cacheflush, R_INT, A_PTR, A_UINT, A_HEX),
    /* proc.c */
    ROW(exit, sys_exit, R_NONE, A_INT),
    ROW(exit_group, sys_exit_group, R_NONE, A_INT),
    ROW(getpid, sys_getpid, R_INT),
    ROW(gettid, sys_gettid, R_INT),
    ROW(getppid, sys_getppid, R_INT),
    ROW(getpgid, sys_getpgid, R_INT, A_INT),
    ROW(setpgid, sys_setpgid, R_INT, A_INT, A_INT),
    ROW(getpgrp, sys_getpgrp, R_INT),
    ROW(getsid, sys_getsid, R_INT, A_INT),
    ROW(setsid, sys_setsid, R_INT),
    ROW(getuid, sys_getuid, R_INT),
    ROW(geteuid, sys_geteuid, R_INT),
    ROW(getgid, sys_getgid, R_INT),
    ROW(getegid, sys_getegid, R_INT),
    ROW(set_tid_address, sys_set_tid_address, R_INT, A_PTR),
    ROW(set_robust_list, sys_set_robust_list, R_INT, A_PTR, A_UINT),
    ROW(get_robust_list, sys_get_robust_list, R_INT, A_INT, A_PTR, A_PTR),
    ROW(prlimit64, sys_prlimit64, R_INT, A_INT, A_INT, A_PTR, A_PTR),
    /* o32's getrlimit already has ugetrlimit's unsigned limits */
    ROW(getrlimit, sys_ugetrlimit, R_INT, A_INT, A_PTR),
    ROW(setrlimit, sys_setrlimit, R_INT, A_INT, A_PTR),
    ROW(uname, sys_uname, R_INT, A_PTR),
    ROW(sched_yield, sys_sched_yield, R_INT),
    ROW(rseq, sys_rseq, R_INT, A_PTR, A_UINT, A_HEX, A_HEX),
    ROW(sysinfo, sys_sysinfo, R_INT, A_PTR),
    ROW(prctl, sys_prctl, R_INT, A_INT, A_HEX, A_HEX, A_HEX, A_HEX),
    ROW(getrandom, sys_getrandom, R_INT, A_PTR, A_UINT, A_HEX),
    ROW(set_thread_area, mips_set_thread_area, R_INT, A_PTR),
    ROW(sysmips, mips_sysmips, R_INT, A_INT, A_HEX, A_HEX),
    /* signal.c */
    ROW(rt_sigaction, sys_rt_sigaction, R_INT, A_SIG, A_PTR, A_PTR, A_UINT),
    ROW(rt_sigprocmask, sys_rt_sigprocmask, R_INT, A_INT, A_PTR, A_PTR, A_UINT),
    ROW(sigaltstack, sys_sigaltstack, R_INT, A_PTR, A_PTR),
    ROW(kill, sys_kill, R_INT, A_INT, A_SIG),
    ROW(tkill, sys_tkill, R_INT, A_INT, A_SIG),
    ROW(tgkill, sys_tgkill, R_INT, A_INT, A_INT, A_SIG),
    /* time.c */
    ROW(time, sys_time, R_INT, A_PTR),
    ROW(clock_gettime, sys_clock_gettime, R_INT, A_CLOCK, A_PTR),
    ROW(clock_gettime64, sys_clock_gettime64, R_INT, A_CLOCK, A_PTR),
    ROW(clock_getres, sys_clock_getres, R_INT, A_CLOCK, A_PTR),
    ROW(clock_getres_time64, sys_clock_getres_time64, R_INT, A_CLOCK, A_PTR),
    ROW(gettimeofday, sys_gettimeofday, R_INT, A_PTR, A_PTR),
    ROW(nanosleep, sys_nanosleep, R_INT, A_PTR, A_PTR),
    ROW(clock_nanosleep, sys_clock_nanosleep, R_INT, A_CLOCK, A_HEX, A_PTR, A_PTR),
    ROW(clock_nanosleep_time64, sys_clock_nanosleep_time64, R_INT,
        A_CLOCK, A_HEX, A_PTR, A_PTR),
    /* thread.c */
    ROW(futex, sys_futex, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR, A_HEX),
    ROW(futex_time64, sys_futex_time64, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR,
        A_HEX),
};

static const char *const mips_names[MIPS_NR_COUNT] = {
#define MIPS_NAME(nr, n) [nr - MIPS_NR_BASE] = #n,
    MIPS_SYSCALL_LIST(MIPS_NAME)
#undef MIPS_NAME
};

static const SyscallTable mips_table = {
    .base = MIPS_NR_BASE, .count = MIPS_NR_COUNT, .defs = mips_defs, .names = mips_names,
};

/* ---- MIPS-only calls ---- */

/* pipe(): the descriptors come back in $v0 and $v1, not through memory. */
static int64_t mips_pipe(SysCall *c)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -errno;
    ((MipsCPU *)c->env)->r[3] = (uint32_t)fds[1];
    return fds[0];
}

/* set_thread_area(tp): the value RDHWR $29 (UserLocal) reads. */
static int64_t mips_set_thread_area(SysCall *c)
{
    ((MipsCPU *)c->env)->tls = sys_u32(c, 0);
    return 0;
}

/* cacheflush(addr, nbytes, cache): the guest wrote code it is about to run,
 * so translations of the range are stale. */
static int64_t mips_cacheflush(SysCall *c)
{
    uint32_t start = sys_u32(c, 0), len = sys_u32(c, 1);
    uint64_t end = (uint64_t)start + len;
    tb_invalidate_range(start, end > UINT32_MAX ? UINT32_MAX : (uint32_t)end);
    return 0;
}

/* sysmips(cmd, ...): FLUSH_CACHE (3) and MIPS_FIXADE (7) are accepted and
 * do nothing (ferry keeps translations coherent; unaligned accesses work);
 * the rest of the interface (ATOMIC_SET, RDNVRAM) is gone from Linux's
 * o32 users or privileged. */
static int64_t mips_sysmips(SysCall *c)
{
    switch (sys_int(c, 0)) {
    case 3:
    case 7:
        return 0;
    default:
        return -EINVAL;
    }
}

/* ---- the ABI ---- */

static uint32_t mips_guest_sp(const void *env)
{
    return ((const MipsCPU *)env)->r[29];
}

/* sa_flags the MIPS kernel keeps. */
#define MIPS_SA_FLAGS_KNOWN (0x00000001u /* SA_NOCLDSTOP */ | \
                             0x00000008u /* SA_SIGINFO */ | \
                             0x00000800u /* SA_EXPOSE_TAGBITS */ | \
                             0x00010000u /* SA_NOCLDWAIT */ | \
                             0x08000000u /* SA_ONSTACK */ | \
                             0x10000000u /* SA_RESTART */ | \
                             0x40000000u /* SA_NODEFER */ | \
                             0x80000000u /* SA_RESETHAND */)

/* /proc/cpuinfo: a 24Kf core (MIPS32r2 with FPU) per host CPU, as the
 * kernel prints it. */
static void mips_write_cpuinfo(FILE *f)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    fprintf(f, "system type\t\t: ferry\nmachine\t\t\t: Unknown\n");
    for (long cpu = 0; cpu < (ncpu > 0 ? ncpu : 1); cpu++)
        fprintf(f, "processor\t\t: %ld\ncpu model\t\t: MIPS 24Kf V7.12  FPU V0.0\n"
                   "BogoMIPS\t\t: 1000.00\nwait instruction\t: yes\n"
                   "microsecond timers\t: yes\ntlb_entries\t\t: 64\n"
                   "isa\t\t\t: mips1 mips2 mips32r1 mips32r2\nASEs implemented\t:\n"
                   "Options implemented\t: tlb 4kex 4k_cache prefetch mcheck ejtag llsc "
                   "vint perf_cntr_intr_bit nan_legacy nan_2008 perf\n\n", cpu);
}

static void mips_set_sp(void *env, uint32_t sp)
{
    ((MipsCPU *)env)->r[29] = sp;
}

static void mips_set_tls(void *env, uint32_t tls)
{
    ((MipsCPU *)env)->tls = tls;
}

#define MIPS_ABI_COMMON                                     \
    .uname_machine = "mips",                                \
    .pair_align = true,                                     \
    .nregs = 8,                                             \
    .nsig = 128,                                            \
    .sigset_size = 16,                                      \
    .sa_flags_known = MIPS_SA_FLAGS_KNOWN,                  \
    .minsigstksz = 2048,                                    \
    .robust_list_size = 12,                                 \
    .sig_kill = 9,                                          \
    .sig_stop = 23,                                         \
    .sig_how = { 1, 2, 3 },                                 \
    .sig_to_host = xlat_mips_sig_to_host,                   \
    .guest_sp = mips_guest_sp,                              \
    .open_flags = xlat_mips_open_flags,                     \
    .mmap_flags = xlat_mips_mmap_flags,                     \
    .ioctls = xlat_mips_ioctls,                             \
    .fcntls = xlat_mips_fcntls,                             \
    .errno_to_guest = xlat_mips_errno,                      \
    .errno_count = XLAT_MIPS_ERRNO_COUNT,                   \
    .put_stat64 = xlat_mips_put_stat64,                     \
    .get_sigaction = xlat_mips_get_sigaction,               \
    .put_sigaction = xlat_mips_put_sigaction,               \
    .get_stack = xlat_mips_get_stack,                       \
    .put_stack = xlat_mips_put_stack,                       \
    .get_termios = xlat_mips_get_termios,                   \
    .put_termios = xlat_mips_put_termios,                   \
    .sig_names = xlat_mips_sig_names,                       \
    .write_cpuinfo = mips_write_cpuinfo,                    \
    .set_sp = mips_set_sp,                                  \
    .set_tls = mips_set_tls

static const GuestAbi mips_abi_be = { MIPS_ABI_COMMON, .big_endian = true };
static const GuestAbi mips_abi_le = { MIPS_ABI_COMMON, .big_endian = false };

void mips_syscall(MipsCPU *env)
{
    const GuestAbi *abi = mips_big_endian() ? &mips_abi_be : &mips_abi_le;
    uint32_t regs[8] = { env->r[4], env->r[5], env->r[6], env->r[7] };
    /* Arguments 5-8 from the stack save area; words that cannot be read
     * stay 0 (a call with fewer arguments never looks at them). */
    for (int i = 0; i < 4; i++) {
        uint32_t v;
        if (sys_get_u32(abi, env->r[29] + 16 + 4 * i, &v) == 0)
            regs[4 + i] = v;
    }
    uint32_t nr = env->r[2];
    int64_t r = sys_dispatch(abi, &mips_table, env, nr, regs);
    if (r < 0 && r >= -4095) {
        env->r[2] = (uint32_t)-r;
        env->r[7] = 1;
    } else {
        env->r[2] = (uint32_t)r;
        env->r[7] = 0;
    }
}
