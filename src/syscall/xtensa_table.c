/*
 * The Xtensa system call ABI (both byte orders): the number -> handler
 * table from the kernel's syscall.tbl, the Xtensa-only calls (the window
 * spill call, the old xtensa atomics call) and the GuestAbi facts the
 * generic handlers consult; the encodings are in xlat_xtensa.c.
 *
 * Calling convention: SYSCALL with the number in a2 and the arguments in
 * a6, a3, a4, a5, a8, a9; the result (value or -errno) goes to a2.  A
 * 64-bit argument takes an aligned pair of those slots, low word first on
 * little-endian guests.  Number 0 spills the register windows to the
 * stack (the libgcc and glibc window-flush helpers use it).
 */
#include <fcntl.h>
#include <unistd.h>

#include "syscall/sys_internal.h"
#include "syscall/handlers.h"
#include "syscall/xtensa_nr.h"
#include "frontend/xtensa/translate.h"

/* A table row: number, handler, result kind, argument kinds. */
#define XROW(n, handler, ret, ...) \
    [XTENSA_NR_##n] = { #n, handler, ret, { __VA_ARGS__ } }

static int64_t xtensa_spill(SysCall *c);
static int64_t xtensa_xtensa(SysCall *c);

static const SyscallDef xtensa_defs[XTENSA_NR_COUNT] = {
    XROW(spill, xtensa_spill, R_INT),
    XROW(xtensa, xtensa_xtensa, R_INT, A_INT, A_PTR, A_HEX, A_HEX),
    /* fd.c */
    XROW(read, sys_read, R_INT, A_FD, A_PTR, A_UINT),
    XROW(write, sys_write, R_INT, A_FD, A_BUF, A_UINT),
    XROW(readv, sys_readv, R_INT, A_FD, A_PTR, A_INT),
    XROW(writev, sys_writev, R_INT, A_FD, A_PTR, A_INT),
    XROW(pread64, sys_pread64, R_INT, A_FD, A_PTR, A_UINT, A_I64),
    XROW(pwrite64, sys_pwrite64, R_INT, A_FD, A_BUF, A_UINT, A_I64),
    XROW(close, sys_close, R_INT, A_FD),
    XROW(lseek, sys_lseek, R_INT, A_FD, A_INT, A_WHENCE),
    XROW(_llseek, sys_llseek, R_INT, A_FD, A_UINT, A_UINT, A_PTR, A_WHENCE),
    XROW(ftruncate64, sys_ftruncate64, R_INT, A_FD, A_I64),
    XROW(fsync, sys_fsync, R_INT, A_FD),
    XROW(fdatasync, sys_fdatasync, R_INT, A_FD),
    XROW(dup, sys_dup, R_INT, A_FD),
    XROW(dup2, sys_dup2, R_INT, A_FD, A_FD),
    XROW(dup3, sys_dup3, R_INT, A_FD, A_FD, A_OFLAGS),
    XROW(pipe, sys_pipe, R_INT, A_PTR),
    XROW(pipe2, sys_pipe2, R_INT, A_PTR, A_OFLAGS),
    XROW(fcntl, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    XROW(fcntl64, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    /* ioctl.c */
    XROW(ioctl, sys_ioctl, R_INT, A_FD, A_HEX, A_HEX),
    /* fs.c */
    XROW(open, sys_open, R_INT, A_STR, A_OFLAGS, A_OMODE),
    XROW(openat, sys_openat, R_INT, A_DIRFD, A_STR, A_OFLAGS, A_OMODE),
    XROW(creat, sys_creat, R_INT, A_STR, A_OCT),
    XROW(stat64, sys_stat64, R_INT, A_STR, A_PTR),
    XROW(lstat64, sys_lstat64, R_INT, A_STR, A_PTR),
    XROW(fstat64, sys_fstat64, R_INT, A_FD, A_PTR),
    XROW(fstatat64, sys_fstatat64, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    XROW(statx, sys_statx, R_INT, A_DIRFD, A_STR, A_ATFLAGS, A_HEX, A_PTR),
    XROW(readlink, sys_readlink, R_INT, A_STR, A_PTR, A_INT),
    XROW(readlinkat, sys_readlinkat, R_INT, A_DIRFD, A_STR, A_PTR, A_INT),
    XROW(access, sys_access, R_INT, A_STR, A_OCT),
    XROW(faccessat, sys_faccessat, R_INT, A_DIRFD, A_STR, A_OCT),
    XROW(faccessat2, sys_faccessat2, R_INT, A_DIRFD, A_STR, A_OCT, A_ATFLAGS),
    XROW(getcwd, sys_getcwd, R_INT, A_PTR, A_UINT),
    XROW(chdir, sys_chdir, R_INT, A_STR),
    XROW(fchdir, sys_fchdir, R_INT, A_FD),
    XROW(getdents64, sys_getdents64, R_INT, A_FD, A_PTR, A_UINT),
    XROW(truncate64, sys_truncate64, R_INT, A_STR, A_I64),
    XROW(unlink, sys_unlink, R_INT, A_STR),
    XROW(unlinkat, sys_unlinkat, R_INT, A_DIRFD, A_STR, A_ATFLAGS),
    XROW(rmdir, sys_rmdir, R_INT, A_STR),
    XROW(mkdir, sys_mkdir, R_INT, A_STR, A_OCT),
    XROW(mkdirat, sys_mkdirat, R_INT, A_DIRFD, A_STR, A_OCT),
    XROW(rename, sys_rename, R_INT, A_STR, A_STR),
    XROW(renameat, sys_renameat, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR),
    XROW(renameat2, sys_renameat2, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR, A_HEX),
    XROW(link, sys_link, R_INT, A_STR, A_STR),
    XROW(linkat, sys_linkat, R_INT, A_DIRFD, A_STR, A_DIRFD, A_STR, A_ATFLAGS),
    XROW(symlink, sys_symlink, R_INT, A_STR, A_STR),
    XROW(symlinkat, sys_symlinkat, R_INT, A_STR, A_DIRFD, A_STR),
    XROW(chmod, sys_chmod, R_INT, A_STR, A_OCT),
    XROW(fchmod, sys_fchmod, R_INT, A_FD, A_OCT),
    XROW(fchmodat, sys_fchmodat, R_INT, A_DIRFD, A_STR, A_OCT),
    /* Xtensa's chown family takes 32-bit ids (there are no *32 variants) */
    XROW(chown, sys_chown32, R_INT, A_STR, A_INT, A_INT),
    XROW(lchown, sys_lchown32, R_INT, A_STR, A_INT, A_INT),
    XROW(fchown, sys_fchown32, R_INT, A_FD, A_INT, A_INT),
    XROW(fchownat, sys_fchownat, R_INT, A_DIRFD, A_STR, A_INT, A_INT, A_ATFLAGS),
    XROW(umask, sys_umask, R_INT, A_OCT),
    XROW(utimensat, sys_utimensat, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    XROW(utimensat_time64, sys_utimensat_time64, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    XROW(sync, sys_sync, R_INT),
    /* mem.c */
    XROW(brk, sys_brk, R_HEX, A_PTR),
    XROW(mmap2, sys_mmap2, R_HEX, A_PTR, A_UINT, A_PROT, A_MMAP, A_FD, A_HEX),
    XROW(munmap, sys_munmap, R_INT, A_PTR, A_UINT),
    XROW(mprotect, sys_mprotect, R_INT, A_PTR, A_UINT, A_PROT),
    XROW(mremap, sys_mremap, R_HEX, A_PTR, A_UINT, A_UINT, A_HEX, A_PTR),
    XROW(madvise, sys_madvise, R_INT, A_PTR, A_UINT, A_INT),
    /* proc.c */
    XROW(exit, sys_exit, R_NONE, A_INT),
    XROW(exit_group, sys_exit_group, R_NONE, A_INT),
    XROW(getpid, sys_getpid, R_INT),
    XROW(gettid, sys_gettid, R_INT),
    XROW(getppid, sys_getppid, R_INT),
    XROW(getpgid, sys_getpgid, R_INT, A_INT),
    XROW(setpgid, sys_setpgid, R_INT, A_INT, A_INT),
    XROW(getpgrp, sys_getpgrp, R_INT),
    XROW(getsid, sys_getsid, R_INT, A_INT),
    XROW(setsid, sys_setsid, R_INT),
    XROW(getuid, sys_getuid, R_INT),
    XROW(geteuid, sys_geteuid, R_INT),
    XROW(getgid, sys_getgid, R_INT),
    XROW(getegid, sys_getegid, R_INT),
    XROW(set_tid_address, sys_set_tid_address, R_INT, A_PTR),
    XROW(set_robust_list, sys_set_robust_list, R_INT, A_PTR, A_UINT),
    XROW(get_robust_list, sys_get_robust_list, R_INT, A_INT, A_PTR, A_PTR),
    XROW(prlimit64, sys_prlimit64, R_INT, A_INT, A_INT, A_PTR, A_PTR),
    /* getrlimit is the new one, with ugetrlimit's unsigned limits */
    XROW(getrlimit, sys_ugetrlimit, R_INT, A_INT, A_PTR),
    XROW(setrlimit, sys_setrlimit, R_INT, A_INT, A_PTR),
    XROW(uname, sys_uname, R_INT, A_PTR),
    XROW(sched_yield, sys_sched_yield, R_INT),
    XROW(rseq, sys_rseq, R_INT, A_PTR, A_UINT, A_HEX, A_HEX),
    XROW(sysinfo, sys_sysinfo, R_INT, A_PTR),
    XROW(prctl, sys_prctl, R_INT, A_INT, A_HEX, A_HEX, A_HEX, A_HEX),
    XROW(getrandom, sys_getrandom, R_INT, A_PTR, A_UINT, A_HEX),
    /* signal.c */
    XROW(rt_sigaction, sys_rt_sigaction, R_INT, A_SIG, A_PTR, A_PTR, A_UINT),
    XROW(rt_sigprocmask, sys_rt_sigprocmask, R_INT, A_INT, A_PTR, A_PTR, A_UINT),
    XROW(sigaltstack, sys_sigaltstack, R_INT, A_PTR, A_PTR),
    XROW(kill, sys_kill, R_INT, A_INT, A_SIG),
    XROW(tkill, sys_tkill, R_INT, A_INT, A_SIG),
    XROW(tgkill, sys_tgkill, R_INT, A_INT, A_INT, A_SIG),
    /* time.c */
    XROW(clock_gettime, sys_clock_gettime, R_INT, A_CLOCK, A_PTR),
    XROW(clock_gettime64, sys_clock_gettime64, R_INT, A_CLOCK, A_PTR),
    XROW(clock_getres, sys_clock_getres, R_INT, A_CLOCK, A_PTR),
    XROW(clock_getres_time64, sys_clock_getres_time64, R_INT, A_CLOCK, A_PTR),
    XROW(gettimeofday, sys_gettimeofday, R_INT, A_PTR, A_PTR),
    XROW(nanosleep, sys_nanosleep, R_INT, A_PTR, A_PTR),
    XROW(clock_nanosleep, sys_clock_nanosleep, R_INT, A_CLOCK, A_HEX, A_PTR, A_PTR),
    XROW(clock_nanosleep_time64, sys_clock_nanosleep_time64, R_INT,
        A_CLOCK, A_HEX, A_PTR, A_PTR),
    /* thread.c */
    XROW(futex, sys_futex, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR, A_HEX),
    XROW(futex_time64, sys_futex_time64, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR,
        A_HEX),
};

static const char *const xtensa_names[XTENSA_NR_COUNT] = {
#define XTENSA_NAME(nr, n) [nr] = #n,
    XTENSA_SYSCALL_LIST(XTENSA_NAME)
#undef XTENSA_NAME
};

static const SyscallTable xtensa_table = {
    .base = 0, .count = XTENSA_NR_COUNT, .defs = xtensa_defs, .names = xtensa_names,
};

/* ---- Xtensa-only calls ---- */

/* Number 0: spill every live register window but the current one to its
 * stack save area (what a context switch would do), result 0. */
static int64_t xtensa_spill(SysCall *c)
{
    xt_window_spill_all(c->env);
    return 0;
}

/*
 * The old "xtensa" call: SYS_XTENSA_ATOMIC_SET (1), _EXG_ADD (2), _ADD (3)
 * and _CMP_SWP (4) on a word, for cores without S32C1I; each runs
 * atomically with respect to other guest threads because it is one host
 * atomic operation.  (op, addr, value, compare/unused)
 */
static int64_t xtensa_xtensa(SysCall *c)
{
    uint32_t addr = sys_u32(c, 1), v = sys_u32(c, 2), cmp = sys_u32(c, 3);
    if ((addr & 3) || !(gmem_page_flags(addr) & PAGE_WRITE))
        return -EFAULT;
    uint32_t *p = g2h(addr);
    const GuestAbi *abi = c->abi;
    uint32_t old;
    switch (sys_int(c, 0)) {
    case 1:   /* ATOMIC_SET: *addr = v, returns the old value */
        return tsw32(abi, __atomic_exchange_n(p, tsw32(abi, v), __ATOMIC_SEQ_CST));
    case 2:   /* ATOMIC_EXG_ADD: returns the old value */
    case 3: { /* ATOMIC_ADD: returns the new value */
        uint32_t raw = __atomic_load_n(p, __ATOMIC_RELAXED);
        do {
            old = tsw32(abi, raw);
        } while (!__atomic_compare_exchange_n(p, &raw, tsw32(abi, old + v), false,
                                              __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
        return sys_int(c, 0) == 2 ? old : old + v;
    }
    case 4: { /* ATOMIC_CMP_SWP: 1 when swapped, else 0 */
        uint32_t expected = tsw32(abi, cmp);
        return __atomic_compare_exchange_n(p, &expected, tsw32(abi, v), false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_RELAXED) ? 1 : 0;
    }
    default:
        return -EINVAL;
    }
}

/* ---- the ABI ---- */

static uint32_t xtensa_guest_sp(const void *env)
{
    return ((const XtensaCPU *)env)->a[1];
}

/* sa_flags the Xtensa kernel keeps: the generic ones and SA_RESTORER. */
#define XTENSA_SA_FLAGS_KNOWN (0x00000001u /* SA_NOCLDSTOP */ | \
                               0x00000002u /* SA_NOCLDWAIT */ | \
                               0x00000004u /* SA_SIGINFO */ | \
                               0x00000800u /* SA_EXPOSE_TAGBITS */ | \
                               0x04000000u /* SA_RESTORER */ | \
                               0x08000000u /* SA_ONSTACK */ | \
                               0x10000000u /* SA_RESTART */ | \
                               0x40000000u /* SA_NODEFER */ | \
                               0x80000000u /* SA_RESETHAND */)

#define XTENSA_ABI_COMMON                                   \
    .uname_machine = "xtensa",                              \
    .pair_align = true,                                     \
    .nregs = 6,                                             \
    .nsig = 64,                                             \
    .sigset_size = 8,                                       \
    .sa_flags_known = XTENSA_SA_FLAGS_KNOWN,                \
    .minsigstksz = 2048,                                    \
    .robust_list_size = 12,                                 \
    .sig_kill = 9,                                          \
    .sig_stop = 19,                                         \
    .sig_how = { 0, 1, 2 },                                 \
    .sig_to_host = NULL,                                    \
    .guest_sp = xtensa_guest_sp,                            \
    .open_flags = xlat_xtensa_open_flags,                   \
    .mmap_flags = xlat_mips_mmap_flags,                     \
    .ioctls = xlat_xtensa_ioctls,                           \
    .fcntls = xlat_xtensa_fcntls,                           \
    .errno_to_guest = NULL,                                 \
    .put_stat64 = xlat_xtensa_put_stat64,                   \
    .get_sigaction = xlat_arm_get_sigaction,                \
    .put_sigaction = xlat_arm_put_sigaction,                \
    .get_stack = xlat_generic_get_stack,                    \
    .put_stack = xlat_generic_put_stack

static const GuestAbi xtensa_abi_le = { XTENSA_ABI_COMMON, .big_endian = false };
static const GuestAbi xtensa_abi_be = { XTENSA_ABI_COMMON, .big_endian = true };

void xtensa_syscall(XtensaCPU *env)
{
    const GuestAbi *abi = xt_big_endian() ? &xtensa_abi_be : &xtensa_abi_le;
    uint32_t regs[6] = { env->a[6], env->a[3], env->a[4], env->a[5], env->a[8], env->a[9] };
    env->a[2] = (uint32_t)sys_dispatch(abi, &xtensa_table, env, env->a[2], regs);
}
