/*
 * The ARM EABI system call ABI: the number -> handler table, the ARM
 * private calls (0xf0000 + n) and the GuestAbi facts (layouts, flag
 * values) the generic handlers consult.
 *
 * Calling convention: the number is in r7, arguments in r0-r6, the result
 * (value or -errno) goes to r0.  A 64-bit argument (A_I64 in a row) takes
 * an even/odd register pair, low word in the even register; an argument
 * that would start in an odd register skips it (so pread64's offset,
 * the fourth argument, is in r4:r5 and ftruncate64's length in r2:r3).
 * _llseek is the exception: it passes the halves as two ordinary
 * arguments, high first, and the handler joins them.
 *
 * ARM EABI has no old-style calls such as time, mmap (with a pointer to
 * the arguments) or getrlimit; only mmap2 and ugetrlimit exist.
 */
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"
#include "syscall/arm_nr.h"
#include "syscall/arm_internal.h"
#include "exec/tb_invalidate.h"
#include "frontend/arm/arm_guest.h"

#include <unistd.h>

/* A table row: number, handler, result kind, argument kinds. */
#define ROW(n, handler, ret, ...) \
    [ARM_NR_##n] = { #n, handler, ret, { __VA_ARGS__ } }

static const SyscallDef arm_defs[ARM_NR_COUNT] = {
    /* fd.c */
    ROW(read, sys_read, R_INT, A_FD, A_PTR, A_UINT),
    ROW(write, sys_write, R_INT, A_FD, A_BUF, A_UINT),
    ROW(readv, sys_readv, R_INT, A_FD, A_PTR, A_INT),
    ROW(writev, sys_writev, R_INT, A_FD, A_PTR, A_INT),
    ROW(pread64, sys_pread64, R_INT, A_FD, A_PTR, A_UINT, A_I64),
    ROW(pwrite64, sys_pwrite64, R_INT, A_FD, A_BUF, A_UINT, A_I64),
    ROW(close, sys_close, R_INT, A_FD),
    ROW(close_range, sys_close_range, R_INT, A_UINT, A_UINT, A_HEX),
    ROW(lseek, sys_lseek, R_INT, A_FD, A_INT, A_WHENCE),
    ROW(_llseek, sys_llseek, R_INT, A_FD, A_UINT, A_UINT, A_PTR, A_WHENCE),
    ROW(ftruncate, sys_ftruncate, R_INT, A_FD, A_INT),
    ROW(ftruncate64, sys_ftruncate64, R_INT, A_FD, A_I64),
    ROW(fsync, sys_fsync, R_INT, A_FD),
    ROW(fdatasync, sys_fdatasync, R_INT, A_FD),
    ROW(dup, sys_dup, R_INT, A_FD),
    ROW(dup2, sys_dup2, R_INT, A_FD, A_FD),
    ROW(dup3, sys_dup3, R_INT, A_FD, A_FD, A_OFLAGS),
    ROW(pipe, sys_pipe, R_INT, A_PTR),
    ROW(pipe2, sys_pipe2, R_INT, A_PTR, A_OFLAGS),
    ROW(fcntl, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    ROW(fcntl64, sys_fcntl64, R_INT, A_FD, A_INT, A_HEX),
    ROW(sendfile, sys_sendfile, R_INT, A_FD, A_FD, A_PTR, A_UINT),
    ROW(sendfile64, sys_sendfile64, R_INT, A_FD, A_FD, A_PTR, A_UINT),
    ROW(flock, sys_flock, R_INT, A_FD, A_INT),
    ROW(fallocate, sys_fallocate, R_INT, A_FD, A_HEX, A_I64, A_I64),
    ROW(arm_fadvise64_64, sys_arm_fadvise64_64, R_INT, A_FD, A_INT, A_I64, A_I64),
    ROW(readahead, sys_readahead, R_INT, A_FD, A_I64, A_UINT),
    ROW(arm_sync_file_range, sys_arm_sync_file_range, R_INT, A_FD, A_HEX, A_I64, A_I64),
    ROW(syncfs, sys_syncfs, R_INT, A_FD),
    ROW(memfd_create, sys_memfd_create, R_INT, A_STR, A_HEX),
    ROW(copy_file_range, sys_copy_file_range, R_INT, A_FD, A_PTR, A_FD, A_PTR, A_UINT, A_HEX),
    ROW(splice, sys_splice, R_INT, A_FD, A_PTR, A_FD, A_PTR, A_UINT, A_HEX),
    /* poll.c */
    ROW(poll, sys_poll, R_INT, A_PTR, A_UINT, A_INT),
    ROW(ppoll, sys_ppoll, R_INT, A_PTR, A_UINT, A_PTR, A_PTR, A_UINT),
    ROW(ppoll_time64, sys_ppoll_time64, R_INT, A_PTR, A_UINT, A_PTR, A_PTR, A_UINT),
    ROW(_newselect, sys_select, R_INT, A_INT, A_PTR, A_PTR, A_PTR, A_PTR),
    ROW(pselect6, sys_pselect6, R_INT, A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR),
    ROW(pselect6_time64, sys_pselect6_time64, R_INT, A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR),
    ROW(pause, sys_pause, R_INT),
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
    ROW(getdents, sys_getdents, R_INT, A_FD, A_PTR, A_UINT),
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
    ROW(chown32, sys_chown32, R_INT, A_STR, A_INT, A_INT),
    ROW(lchown32, sys_lchown32, R_INT, A_STR, A_INT, A_INT),
    ROW(fchown32, sys_fchown32, R_INT, A_FD, A_INT, A_INT),
    ROW(fchownat, sys_fchownat, R_INT, A_DIRFD, A_STR, A_INT, A_INT, A_ATFLAGS),
    ROW(umask, sys_umask, R_INT, A_OCT),
    ROW(utimensat, sys_utimensat, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    ROW(utimensat_time64, sys_utimensat_time64, R_INT, A_DIRFD, A_STR, A_PTR, A_ATFLAGS),
    ROW(sync, sys_sync, R_INT),
    /* fsmeta.c */
    ROW(statfs, sys_statfs, R_INT, A_STR, A_PTR),
    ROW(fstatfs, sys_fstatfs, R_INT, A_FD, A_PTR),
    ROW(statfs64, sys_statfs64, R_INT, A_STR, A_UINT, A_PTR),
    ROW(fstatfs64, sys_fstatfs64, R_INT, A_FD, A_UINT, A_PTR),
    ROW(setxattr, sys_setxattr, R_INT, A_STR, A_STR, A_PTR, A_UINT, A_HEX),
    ROW(lsetxattr, sys_lsetxattr, R_INT, A_STR, A_STR, A_PTR, A_UINT, A_HEX),
    ROW(fsetxattr, sys_fsetxattr, R_INT, A_FD, A_STR, A_PTR, A_UINT, A_HEX),
    ROW(getxattr, sys_getxattr, R_INT, A_STR, A_STR, A_PTR, A_UINT),
    ROW(lgetxattr, sys_lgetxattr, R_INT, A_STR, A_STR, A_PTR, A_UINT),
    ROW(fgetxattr, sys_fgetxattr, R_INT, A_FD, A_STR, A_PTR, A_UINT),
    ROW(listxattr, sys_listxattr, R_INT, A_STR, A_PTR, A_UINT),
    ROW(llistxattr, sys_llistxattr, R_INT, A_STR, A_PTR, A_UINT),
    ROW(flistxattr, sys_flistxattr, R_INT, A_FD, A_PTR, A_UINT),
    ROW(removexattr, sys_removexattr, R_INT, A_STR, A_STR),
    ROW(lremovexattr, sys_lremovexattr, R_INT, A_STR, A_STR),
    ROW(fremovexattr, sys_fremovexattr, R_INT, A_FD, A_STR),
    ROW(mknod, sys_mknod, R_INT, A_STR, A_OCT, A_HEX),
    ROW(mknodat, sys_mknodat, R_INT, A_DIRFD, A_STR, A_OCT, A_HEX),
    ROW(truncate, sys_truncate, R_INT, A_STR, A_INT),
    ROW(chroot, sys_chroot, R_INT, A_STR),
    ROW(utimes, sys_utimes, R_INT, A_STR, A_PTR),
    ROW(futimesat, sys_futimesat, R_INT, A_DIRFD, A_STR, A_PTR),
    ROW(inotify_init, sys_inotify_init, R_INT),
    ROW(inotify_init1, sys_inotify_init1, R_INT, A_OFLAGS),
    ROW(inotify_add_watch, sys_inotify_add_watch, R_INT, A_FD, A_STR, A_HEX),
    ROW(inotify_rm_watch, sys_inotify_rm_watch, R_INT, A_FD, A_INT),
    ROW(chown, sys_chown16, R_INT, A_STR, A_INT, A_INT),
    ROW(lchown, sys_lchown16, R_INT, A_STR, A_INT, A_INT),
    ROW(fchown, sys_fchown16, R_INT, A_FD, A_INT, A_INT),
    /* mem.c */
    ROW(brk, sys_brk, R_HEX, A_PTR),
    ROW(mmap2, sys_mmap2, R_HEX, A_PTR, A_UINT, A_PROT, A_MMAP, A_FD, A_HEX),
    ROW(munmap, sys_munmap, R_INT, A_PTR, A_UINT),
    ROW(mprotect, sys_mprotect, R_INT, A_PTR, A_UINT, A_PROT),
    ROW(mremap, sys_mremap, R_HEX, A_PTR, A_UINT, A_UINT, A_HEX, A_PTR),
    ROW(madvise, sys_madvise, R_INT, A_PTR, A_UINT, A_INT),
    ROW(msync, sys_msync, R_INT, A_PTR, A_UINT, A_HEX),
    ROW(mlock, sys_mlock, R_INT, A_PTR, A_UINT),
    ROW(mlock2, sys_mlock2, R_INT, A_PTR, A_UINT, A_HEX),
    ROW(munlock, sys_munlock, R_INT, A_PTR, A_UINT),
    ROW(mlockall, sys_mlockall, R_INT, A_HEX),
    ROW(munlockall, sys_munlockall, R_INT),
    ROW(mincore, sys_mincore, R_INT, A_PTR, A_UINT, A_PTR),
    ROW(epoll_create, sys_epoll_create, R_INT, A_INT),
    ROW(epoll_create1, sys_epoll_create1, R_INT, A_OFLAGS),
    ROW(epoll_ctl, sys_epoll_ctl, R_INT, A_FD, A_INT, A_FD, A_PTR),
    ROW(epoll_wait, sys_epoll_wait, R_INT, A_FD, A_PTR, A_INT, A_INT),
    ROW(epoll_pwait, sys_epoll_pwait, R_INT, A_FD, A_PTR, A_INT, A_INT, A_PTR, A_UINT),
    ROW(epoll_pwait2, sys_epoll_pwait2, R_INT, A_FD, A_PTR, A_INT, A_PTR, A_PTR, A_UINT),
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
    ROW(getuid, sys_getuid16, R_INT),
    ROW(geteuid, sys_geteuid16, R_INT),
    ROW(getgid, sys_getgid16, R_INT),
    ROW(getegid, sys_getegid16, R_INT),
    ROW(getuid32, sys_getuid, R_INT),
    ROW(geteuid32, sys_geteuid, R_INT),
    ROW(getgid32, sys_getgid, R_INT),
    ROW(getegid32, sys_getegid, R_INT),
    ROW(setuid32, sys_setuid, R_INT, A_INT),
    ROW(setgid32, sys_setgid, R_INT, A_INT),
    ROW(setuid, sys_setuid16, R_INT, A_INT),
    ROW(setgid, sys_setgid16, R_INT, A_INT),
    ROW(setreuid32, sys_setreuid, R_INT, A_INT, A_INT),
    ROW(setregid32, sys_setregid, R_INT, A_INT, A_INT),
    ROW(setresuid32, sys_setresuid, R_INT, A_INT, A_INT, A_INT),
    ROW(setresgid32, sys_setresgid, R_INT, A_INT, A_INT, A_INT),
    ROW(getresuid32, sys_getresuid, R_INT, A_PTR, A_PTR, A_PTR),
    ROW(getresgid32, sys_getresgid, R_INT, A_PTR, A_PTR, A_PTR),
    ROW(setfsuid32, sys_setfsuid, R_INT, A_INT),
    ROW(setfsgid32, sys_setfsgid, R_INT, A_INT),
    ROW(getgroups32, sys_getgroups, R_INT, A_INT, A_PTR),
    ROW(setgroups32, sys_setgroups, R_INT, A_INT, A_PTR),
    ROW(set_tid_address, sys_set_tid_address, R_INT, A_PTR),
    ROW(set_robust_list, sys_set_robust_list, R_INT, A_PTR, A_UINT),
    ROW(get_robust_list, sys_get_robust_list, R_INT, A_INT, A_PTR, A_PTR),
    ROW(prlimit64, sys_prlimit64, R_INT, A_INT, A_INT, A_PTR, A_PTR),
    ROW(ugetrlimit, sys_ugetrlimit, R_INT, A_INT, A_PTR),
    ROW(setrlimit, sys_setrlimit, R_INT, A_INT, A_PTR),
    ROW(uname, sys_uname, R_INT, A_PTR),
    ROW(sched_yield, sys_sched_yield, R_INT),
    ROW(sched_getaffinity, sys_sched_getaffinity, R_INT, A_INT, A_UINT, A_PTR),
    ROW(sched_setaffinity, sys_sched_setaffinity, R_INT, A_INT, A_UINT, A_PTR),
    ROW(getcpu, sys_getcpu, R_INT, A_PTR, A_PTR, A_PTR),
    ROW(sched_getscheduler, sys_sched_getscheduler, R_INT, A_INT),
    ROW(sched_getparam, sys_sched_getparam, R_INT, A_INT, A_PTR),
    ROW(sched_setscheduler, sys_sched_setscheduler, R_INT, A_INT, A_INT, A_PTR),
    ROW(sched_setparam, sys_sched_setparam, R_INT, A_INT, A_PTR),
    ROW(sched_get_priority_max, sys_sched_get_priority_max, R_INT, A_INT),
    ROW(sched_get_priority_min, sys_sched_get_priority_min, R_INT, A_INT),
    ROW(getpriority, sys_getpriority, R_INT, A_INT, A_INT),
    ROW(setpriority, sys_setpriority, R_INT, A_INT, A_INT, A_INT),
    ROW(rseq, sys_rseq, R_INT, A_PTR, A_UINT, A_HEX, A_HEX),
    ROW(sysinfo, sys_sysinfo, R_INT, A_PTR),
    ROW(prctl, sys_prctl, R_INT, A_INT, A_HEX, A_HEX, A_HEX, A_HEX),
    ROW(getrandom, sys_getrandom, R_INT, A_PTR, A_UINT, A_HEX),
    /* process.c */
    ROW(fork, sys_fork, R_INT),
    ROW(vfork, sys_vfork, R_INT),
    ROW(clone, sys_clone, R_INT, A_HEX, A_PTR, A_PTR, A_PTR, A_PTR),
    ROW(clone3, sys_clone3, R_INT, A_PTR, A_UINT),
    ROW(execve, sys_execve, R_INT, A_STR, A_PTR, A_PTR),
    ROW(execveat, sys_execveat, R_INT, A_DIRFD, A_STR, A_PTR, A_PTR, A_ATFLAGS),
    ROW(wait4, sys_wait4, R_INT, A_INT, A_PTR, A_HEX, A_PTR),
    ROW(waitid, sys_waitid, R_INT, A_INT, A_INT, A_PTR, A_HEX, A_PTR),
    ROW(getrusage, sys_getrusage, R_INT, A_INT, A_PTR),
    /* signal.c */
    ROW(rt_sigaction, sys_rt_sigaction, R_INT, A_SIG, A_PTR, A_PTR, A_UINT),
    ROW(rt_sigprocmask, sys_rt_sigprocmask, R_INT, A_INT, A_PTR, A_PTR, A_UINT),
    ROW(sigaltstack, sys_sigaltstack, R_INT, A_PTR, A_PTR),
    ROW(rt_sigpending, sys_rt_sigpending, R_INT, A_PTR, A_UINT),
    ROW(rt_sigsuspend, sys_rt_sigsuspend, R_INT, A_PTR, A_UINT),
    ROW(rt_sigtimedwait, sys_rt_sigtimedwait, R_INT, A_PTR, A_PTR, A_PTR, A_UINT),
    ROW(rt_sigtimedwait_time64, sys_rt_sigtimedwait_time64, R_INT, A_PTR, A_PTR, A_PTR,
        A_UINT),
    ROW(rt_sigqueueinfo, sys_rt_sigqueueinfo, R_INT, A_INT, A_SIG, A_PTR),
    ROW(rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo, R_INT, A_INT, A_INT, A_SIG, A_PTR),
    ROW(kill, sys_kill, R_INT, A_INT, A_SIG),
    ROW(tkill, sys_tkill, R_INT, A_INT, A_SIG),
    ROW(tgkill, sys_tgkill, R_INT, A_INT, A_INT, A_SIG),
    /* arm_signal.c */
    ROW(sigreturn, arm_sys_sigreturn, R_RAW),
    ROW(rt_sigreturn, arm_sys_rt_sigreturn, R_RAW),
    /* time.c */
    ROW(clock_gettime, sys_clock_gettime, R_INT, A_CLOCK, A_PTR),
    ROW(clock_gettime64, sys_clock_gettime64, R_INT, A_CLOCK, A_PTR),
    ROW(clock_getres, sys_clock_getres, R_INT, A_CLOCK, A_PTR),
    ROW(clock_getres_time64, sys_clock_getres_time64, R_INT, A_CLOCK, A_PTR),
    ROW(gettimeofday, sys_gettimeofday, R_INT, A_PTR, A_PTR),
    ROW(nanosleep, sys_nanosleep, R_INT, A_PTR, A_PTR),
    ROW(clock_nanosleep, sys_clock_nanosleep, R_INT, A_CLOCK, A_HEX, A_PTR, A_PTR),
    ROW(clock_nanosleep_time64, sys_clock_nanosleep_time64, R_INT,
        A_CLOCK, A_HEX, A_PTR, A_PTR),
    /* socket.c */
    ROW(socket, sys_socket, R_INT, A_INT, A_HEX, A_INT),
    ROW(socketpair, sys_socketpair, R_INT, A_INT, A_HEX, A_INT, A_PTR),
    ROW(bind, sys_bind, R_INT, A_FD, A_PTR, A_UINT),
    ROW(connect, sys_connect, R_INT, A_FD, A_PTR, A_UINT),
    ROW(listen, sys_listen, R_INT, A_FD, A_INT),
    ROW(accept, sys_accept, R_INT, A_FD, A_PTR, A_PTR),
    ROW(accept4, sys_accept4, R_INT, A_FD, A_PTR, A_PTR, A_HEX),
    ROW(getsockname, sys_getsockname, R_INT, A_FD, A_PTR, A_PTR),
    ROW(getpeername, sys_getpeername, R_INT, A_FD, A_PTR, A_PTR),
    ROW(send, sys_send, R_INT, A_FD, A_BUF, A_UINT, A_HEX),
    ROW(sendto, sys_sendto, R_INT, A_FD, A_BUF, A_UINT, A_HEX, A_PTR, A_UINT),
    ROW(recv, sys_recv, R_INT, A_FD, A_PTR, A_UINT, A_HEX),
    ROW(recvfrom, sys_recvfrom, R_INT, A_FD, A_PTR, A_UINT, A_HEX, A_PTR, A_PTR),
    ROW(shutdown, sys_shutdown, R_INT, A_FD, A_INT),
    ROW(setsockopt, sys_setsockopt, R_INT, A_FD, A_INT, A_INT, A_PTR, A_UINT),
    ROW(getsockopt, sys_getsockopt, R_INT, A_FD, A_INT, A_INT, A_PTR, A_PTR),
    ROW(sendmsg, sys_sendmsg, R_INT, A_FD, A_PTR, A_HEX),
    ROW(recvmsg, sys_recvmsg, R_INT, A_FD, A_PTR, A_HEX),
    ROW(sendmmsg, sys_sendmmsg, R_INT, A_FD, A_PTR, A_UINT, A_HEX),
    ROW(setitimer, sys_setitimer, R_INT, A_INT, A_PTR, A_PTR),
    ROW(getitimer, sys_getitimer, R_INT, A_INT, A_PTR),
    /* thread.c */
    ROW(futex, sys_futex, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR, A_HEX),
    ROW(futex_time64, sys_futex_time64, R_INT, A_PTR, A_FUTEX, A_UINT, A_PTR, A_PTR,
        A_HEX),
};

static const char *const arm_names[ARM_NR_COUNT] = {
#define ARM_NAME(nr, n) [nr] = #n,
    ARM_SYSCALL_LIST(ARM_NAME)
#undef ARM_NAME
};

static const SyscallTable arm_table = {
    .base = 0, .count = ARM_NR_COUNT, .defs = arm_defs, .names = arm_names,
};

/* ---- ARM private calls ---- */

/* cacheflush(start, end, flags): the guest wrote code it is about to run
 * (a JIT), so translations of the range are stale.  flags must be 0. */
static int64_t arm_cacheflush(SysCall *c)
{
    uint32_t start = sys_u32(c, 0), end = sys_u32(c, 1);
    if (end < start || sys_u32(c, 2))
        return -EINVAL;
    tb_invalidate_range(start, end);
    return 0;
}

/* set_tls(value): the value user code reads from TPIDRURO. */
static int64_t arm_set_tls(SysCall *c)
{
    ((ArmCPU *)c->env)->tpidruro = sys_u32(c, 0);
    return 0;
}

/* get_tls() returns TPIDRURO (for code that cannot read CP15). */
static int64_t arm_get_tls(SysCall *c)
{
    return ((ArmCPU *)c->env)->tpidruro;
}

#define PRIV(n, handler, ret, ...) \
    [ARM_NR_ARM_##n - ARM_NR_PRIVATE_BASE] = { #n, handler, ret, { __VA_ARGS__ } }

static const SyscallDef arm_private_defs[ARM_NR_PRIVATE_COUNT] = {
    PRIV(cacheflush, arm_cacheflush, R_INT, A_PTR, A_PTR, A_HEX),
    PRIV(set_tls, arm_set_tls, R_INT, A_PTR),
    PRIV(get_tls, arm_get_tls, R_HEX),
};

static const char *const arm_private_names[ARM_NR_PRIVATE_COUNT] = {
#define ARM_PRIVATE_NAME(nr, n) [nr - ARM_NR_PRIVATE_BASE] = #n,
    ARM_PRIVATE_SYSCALL_LIST(ARM_PRIVATE_NAME)
#undef ARM_PRIVATE_NAME
};

static const SyscallTable arm_private_table = {
    .base = ARM_NR_PRIVATE_BASE, .count = ARM_NR_PRIVATE_COUNT,
    .defs = arm_private_defs, .names = arm_private_names,
};

/* ---- the ABI ---- */

static uint32_t arm_guest_sp(const void *env)
{
    return ((const ArmCPU *)env)->r[13];
}

/* sa_flags the ARM kernel keeps (UAPI_SA_FLAGS): the generic ones plus
 * ARM's SA_THIRTYTWO and SA_RESTORER. */
#define ARM_SA_FLAGS_KNOWN (0x00000001u /* SA_NOCLDSTOP */ | \
                            0x00000002u /* SA_NOCLDWAIT */ | \
                            0x00000004u /* SA_SIGINFO */ | \
                            0x00000800u /* SA_EXPOSE_TAGBITS */ | \
                            0x02000000u /* SA_THIRTYTWO */ | \
                            0x04000000u /* SA_RESTORER */ | \
                            0x08000000u /* SA_ONSTACK */ | \
                            0x10000000u /* SA_RESTART */ | \
                            0x40000000u /* SA_NODEFER */ | \
                            0x80000000u /* SA_RESETHAND */)

/* Feature names of AT_HWCAP and AT_HWCAP2 bits, as ARM Linux prints them
 * in /proc/cpuinfo (bit n of HWCAP is hwcap_names[n]). */
static const char *const hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
    "vfpd32", "lpae", "evtstrm",
};
static const char *const hwcap2_names[] = { "aes", "pmull", "sha1", "sha2", "crc32" };

/*
 * A Cortex-A15 (r2p4) for each host CPU, with exactly the features ferry
 * advertises in AT_HWCAP/AT_HWCAP2, so a program that reads this file
 * (rather than getauxval) draws the same conclusions.
 */
static void arm_write_cpuinfo(FILE *f)
{
    uint32_t hwcap = arm_hwcap(), hwcap2 = arm_hwcap2();
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    for (long cpu = 0; cpu < (ncpu > 0 ? ncpu : 1); cpu++) {
        fprintf(f, "processor\t: %ld\nmodel name\t: ARMv7 Processor rev 4 (v7l)\n"
                   "BogoMIPS\t: 48.00\nFeatures\t:", cpu);
        for (unsigned b = 0; b < sizeof hwcap_names / sizeof hwcap_names[0]; b++)
            if (hwcap & (1u << b))
                fprintf(f, " %s", hwcap_names[b]);
        for (unsigned b = 0; b < sizeof hwcap2_names / sizeof hwcap2_names[0]; b++)
            if (hwcap2 & (1u << b))
                fprintf(f, " %s", hwcap2_names[b]);
        fprintf(f, "\nCPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x2\n"
                   "CPU part\t: 0xc0f\nCPU revision\t: 4\n\n");
    }
    fprintf(f, "Hardware\t: Generic DT based system\nRevision\t: 0000\n"
               "Serial\t\t: 0000000000000000\n");
}

static void arm_set_sp(void *env, uint32_t sp)
{
    ((ArmCPU *)env)->r[13] = sp;
}

static void arm_put_tls(void *env, uint32_t tls)
{
    ((ArmCPU *)env)->tpidruro = tls;
}

static const GuestAbi arm_abi = {
    .uname_machine = "armv7l",
    .big_endian = false,
    .pair_align = true,
    .nregs = 7,
    .nsig = 64,
    .sigset_size = 8,
    .sa_flags_known = ARM_SA_FLAGS_KNOWN,
    .sa_siginfo = 0x00000004u,
    .sa_onstack = 0x08000000u,
    .sa_restart = 0x10000000u,
    .sa_nodefer = 0x40000000u,
    .sa_resethand = 0x80000000u,
    .sa_restorer = 0x04000000u,
    .minsigstksz = 2048,
    .robust_list_size = 12,
    .sig_kill = 9,
    .sig_stop = 19,
    .sig_how = { 0, 1, 2 },
    .sig_to_host = NULL,
    .guest_sp = arm_guest_sp,
    .open_flags = xlat_arm_open_flags,
    .mmap_flags = xlat_generic_mmap_flags,
    .ioctls = sys_generic_ioctls,
    .fcntls = sys_generic_fcntls,
    .vectors_page = ARM_KUSER_PAGE,
    .errno_to_guest = NULL,
    .put_stat64 = xlat_arm_put_stat64,
    .get_sigaction = xlat_arm_get_sigaction,
    .put_sigaction = xlat_arm_put_sigaction,
    .get_stack = xlat_generic_get_stack,
    .put_stack = xlat_generic_put_stack,
    .write_cpuinfo = arm_write_cpuinfo,
    .set_sp = arm_set_sp,
    .set_tls = arm_put_tls,
    .put_siginfo = xlat_generic_put_siginfo,
    .get_siginfo = xlat_generic_get_siginfo,
    .setup_frame = arm_setup_frame,
    .syscall_restart = arm_syscall_restart,
    .clone_setup = arm_clone_setup,
    .thread_start = arm_thread_start,
};

void arm_syscall(ArmCPU *env)
{
    uint32_t nr = env->r[7];
    const SyscallTable *t = nr >= ARM_NR_PRIVATE_BASE ? &arm_private_table : &arm_table;
    arm_syscall_entry(env);
    int64_t r = sys_dispatch(&arm_abi, t, env, nr, env->r);
    env->r[0] = (uint32_t)r;
    /* Interrupted by a guest signal: deliver it now, which restarts the
     * call or makes it fail with EINTR. */
    if (r <= -SYS_ERESTARTSYS && r >= -SYS_ERESTARTNOHAND)
        sys_signal_deliver(&arm_abi, env, (int)-r);
}

void arm_signal_raise(void *env, int sig, int si_code, uint32_t addr)
{
    sys_signal_raise_sync(&arm_abi, env, sig, si_code, addr);
}

void arm_signal_deliver(void *env)
{
    sys_signal_deliver(&arm_abi, env, 0);
}
