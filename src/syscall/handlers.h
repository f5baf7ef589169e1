/*
 * The generic system call handlers, grouped by the file that holds them.
 * Every guest ABI's table points its rows at these; each takes the decoded
 * call and returns a value or -errno (host errno values).
 */
#ifndef FERRY_SYSCALL_HANDLERS_H
#define FERRY_SYSCALL_HANDLERS_H

#include <stdint.h>
#include "syscall/syscall.h"

/* fd.c */
int64_t sys_read(SysCall *c);
int64_t sys_write(SysCall *c);
int64_t sys_readv(SysCall *c);
int64_t sys_writev(SysCall *c);
int64_t sys_pread64(SysCall *c);
int64_t sys_pwrite64(SysCall *c);
int64_t sys_close(SysCall *c);
int64_t sys_close_range(SysCall *c);
int64_t sys_lseek(SysCall *c);
int64_t sys_llseek(SysCall *c);
int64_t sys_ftruncate(SysCall *c);
int64_t sys_ftruncate64(SysCall *c);
int64_t sys_fsync(SysCall *c);
int64_t sys_fdatasync(SysCall *c);
int64_t sys_dup(SysCall *c);
int64_t sys_dup2(SysCall *c);
int64_t sys_dup3(SysCall *c);
int64_t sys_pipe(SysCall *c);
int64_t sys_pipe2(SysCall *c);
int64_t sys_fcntl64(SysCall *c);
int64_t sys_sendfile(SysCall *c);
int64_t sys_sendfile64(SysCall *c);
int64_t sys_flock(SysCall *c);
int64_t sys_fallocate(SysCall *c);
int64_t sys_arm_fadvise64_64(SysCall *c);
int64_t sys_readahead(SysCall *c);
int64_t sys_arm_sync_file_range(SysCall *c);
int64_t sys_syncfs(SysCall *c);
int64_t sys_memfd_create(SysCall *c);
int64_t sys_copy_file_range(SysCall *c);
int64_t sys_splice(SysCall *c);

/* fs.c */
int64_t sys_open(SysCall *c);
int64_t sys_openat(SysCall *c);
int64_t sys_creat(SysCall *c);
int64_t sys_stat64(SysCall *c);
int64_t sys_lstat64(SysCall *c);
int64_t sys_fstatat64(SysCall *c);
int64_t sys_fstat64(SysCall *c);
int64_t sys_statx(SysCall *c);
int64_t sys_readlink(SysCall *c);
int64_t sys_readlinkat(SysCall *c);
int64_t sys_access(SysCall *c);
int64_t sys_faccessat(SysCall *c);
int64_t sys_faccessat2(SysCall *c);
int64_t sys_getcwd(SysCall *c);
int64_t sys_chdir(SysCall *c);
int64_t sys_fchdir(SysCall *c);
int64_t sys_truncate64(SysCall *c);
int64_t sys_unlink(SysCall *c);
int64_t sys_unlinkat(SysCall *c);
int64_t sys_rmdir(SysCall *c);
int64_t sys_mount(SysCall *c);
int64_t sys_umount2(SysCall *c);
int64_t sys_mkdir(SysCall *c);
int64_t sys_mkdirat(SysCall *c);
int64_t sys_rename(SysCall *c);
int64_t sys_renameat(SysCall *c);
int64_t sys_renameat2(SysCall *c);
int64_t sys_link(SysCall *c);
int64_t sys_linkat(SysCall *c);
int64_t sys_symlink(SysCall *c);
int64_t sys_symlinkat(SysCall *c);
int64_t sys_chmod(SysCall *c);
int64_t sys_fchmodat(SysCall *c);
int64_t sys_fchmod(SysCall *c);
int64_t sys_chown32(SysCall *c);
int64_t sys_lchown32(SysCall *c);
int64_t sys_fchownat(SysCall *c);
int64_t sys_fchown32(SysCall *c);
int64_t sys_umask(SysCall *c);
int64_t sys_utimensat(SysCall *c);
int64_t sys_utimensat_time64(SysCall *c);
int64_t sys_sync(SysCall *c);

/* dirent.c */
int64_t sys_getdents64(SysCall *c);
int64_t sys_getdents(SysCall *c);

/* fsmeta.c */
int64_t sys_statfs(SysCall *c);
int64_t sys_fstatfs(SysCall *c);
int64_t sys_statfs64(SysCall *c);
int64_t sys_fstatfs64(SysCall *c);
int64_t sys_setxattr(SysCall *c);
int64_t sys_lsetxattr(SysCall *c);
int64_t sys_fsetxattr(SysCall *c);
int64_t sys_getxattr(SysCall *c);
int64_t sys_lgetxattr(SysCall *c);
int64_t sys_fgetxattr(SysCall *c);
int64_t sys_listxattr(SysCall *c);
int64_t sys_llistxattr(SysCall *c);
int64_t sys_flistxattr(SysCall *c);
int64_t sys_removexattr(SysCall *c);
int64_t sys_lremovexattr(SysCall *c);
int64_t sys_fremovexattr(SysCall *c);
int64_t sys_mknod(SysCall *c);
int64_t sys_mknodat(SysCall *c);
int64_t sys_truncate(SysCall *c);
int64_t sys_ftruncate(SysCall *c);
int64_t sys_chroot(SysCall *c);
int64_t sys_utimes(SysCall *c);
int64_t sys_futimesat(SysCall *c);
int64_t sys_inotify_init(SysCall *c);
int64_t sys_inotify_init1(SysCall *c);
int64_t sys_inotify_add_watch(SysCall *c);
int64_t sys_inotify_rm_watch(SysCall *c);
int64_t sys_chown16(SysCall *c);
int64_t sys_lchown16(SysCall *c);
int64_t sys_fchown16(SysCall *c);

/* ioctl.c */
int64_t sys_ioctl(SysCall *c);

/* mem.c */
int64_t sys_brk(SysCall *c);
int64_t sys_mmap2(SysCall *c);
int64_t sys_mmap(SysCall *c);
int64_t sys_munmap(SysCall *c);
int64_t sys_mprotect(SysCall *c);
int64_t sys_mremap(SysCall *c);
int64_t sys_madvise(SysCall *c);
int64_t sys_msync(SysCall *c);
int64_t sys_mlock(SysCall *c);
int64_t sys_mlock2(SysCall *c);
int64_t sys_munlock(SysCall *c);
int64_t sys_mlockall(SysCall *c);
int64_t sys_munlockall(SysCall *c);
int64_t sys_mincore(SysCall *c);

/* poll.c */
int64_t sys_poll(SysCall *c);
int64_t sys_ppoll(SysCall *c);
int64_t sys_ppoll_time64(SysCall *c);
int64_t sys_pselect6(SysCall *c);
int64_t sys_pselect6_time64(SysCall *c);
int64_t sys_epoll_create(SysCall *c);
int64_t sys_epoll_create1(SysCall *c);
int64_t sys_epoll_ctl(SysCall *c);
int64_t sys_epoll_wait(SysCall *c);
int64_t sys_epoll_pwait(SysCall *c);
int64_t sys_epoll_pwait2(SysCall *c);

/* poll.c */
int64_t sys_poll(SysCall *c);
int64_t sys_ppoll(SysCall *c);
int64_t sys_ppoll_time64(SysCall *c);
int64_t sys_select(SysCall *c);
int64_t sys_pselect6(SysCall *c);
int64_t sys_pselect6_time64(SysCall *c);
int64_t sys_pause(SysCall *c);

/* proc.c */
int64_t sys_getpid(SysCall *c);
int64_t sys_gettid(SysCall *c);
int64_t sys_getppid(SysCall *c);
int64_t sys_getpgid(SysCall *c);
int64_t sys_setpgid(SysCall *c);
int64_t sys_getpgrp(SysCall *c);
int64_t sys_getsid(SysCall *c);
int64_t sys_setsid(SysCall *c);
int64_t sys_getuid16(SysCall *c);
int64_t sys_geteuid16(SysCall *c);
int64_t sys_getgid16(SysCall *c);
int64_t sys_getegid16(SysCall *c);
int64_t sys_getuid(SysCall *c);
int64_t sys_geteuid(SysCall *c);
int64_t sys_getgid(SysCall *c);
int64_t sys_getegid(SysCall *c);
int64_t sys_setuid(SysCall *c);
int64_t sys_setgid(SysCall *c);
int64_t sys_setuid16(SysCall *c);
int64_t sys_setgid16(SysCall *c);
int64_t sys_setreuid(SysCall *c);
int64_t sys_setregid(SysCall *c);
int64_t sys_setresuid(SysCall *c);
int64_t sys_setresgid(SysCall *c);
int64_t sys_getresuid(SysCall *c);
int64_t sys_getresgid(SysCall *c);
int64_t sys_setfsuid(SysCall *c);
int64_t sys_setfsgid(SysCall *c);
int64_t sys_getgroups(SysCall *c);
int64_t sys_setgroups(SysCall *c);
int64_t sys_set_tid_address(SysCall *c);
int64_t sys_set_robust_list(SysCall *c);
int64_t sys_get_robust_list(SysCall *c);
int64_t sys_prlimit64(SysCall *c);
int64_t sys_ugetrlimit(SysCall *c);
int64_t sys_setrlimit(SysCall *c);
int64_t sys_uname(SysCall *c);
int64_t sys_sched_yield(SysCall *c);
int64_t sys_sched_getaffinity(SysCall *c);
int64_t sys_sched_setaffinity(SysCall *c);
int64_t sys_getcpu(SysCall *c);
int64_t sys_sched_getscheduler(SysCall *c);
int64_t sys_sched_getparam(SysCall *c);
int64_t sys_sched_setscheduler(SysCall *c);
int64_t sys_sched_setparam(SysCall *c);
int64_t sys_sched_get_priority_max(SysCall *c);
int64_t sys_sched_get_priority_min(SysCall *c);
int64_t sys_getpriority(SysCall *c);
int64_t sys_setpriority(SysCall *c);
int64_t sys_rseq(SysCall *c);
int64_t sys_prctl(SysCall *c);
int64_t sys_sysinfo(SysCall *c);
int64_t sys_getrandom(SysCall *c);

/* process.c */
int64_t sys_fork(SysCall *c);
int64_t sys_vfork(SysCall *c);
int64_t sys_clone(SysCall *c);
int64_t sys_clone3(SysCall *c);
int64_t sys_execve(SysCall *c);
int64_t sys_execveat(SysCall *c);
int64_t sys_wait4(SysCall *c);
int64_t sys_waitid(SysCall *c);
int64_t sys_getrusage(SysCall *c);

/* signal.c */
int64_t sys_rt_sigaction(SysCall *c);
int64_t sys_rt_sigprocmask(SysCall *c);
int64_t sys_sigaltstack(SysCall *c);
int64_t sys_kill(SysCall *c);
int64_t sys_tkill(SysCall *c);
int64_t sys_tgkill(SysCall *c);
int64_t sys_rt_sigpending(SysCall *c);
int64_t sys_rt_sigsuspend(SysCall *c);
int64_t sys_rt_sigtimedwait(SysCall *c);
int64_t sys_rt_sigtimedwait_time64(SysCall *c);
int64_t sys_rt_sigqueueinfo(SysCall *c);
int64_t sys_rt_tgsigqueueinfo(SysCall *c);

/* socket.c */
int64_t sys_socket(SysCall *c);
int64_t sys_socketpair(SysCall *c);
int64_t sys_bind(SysCall *c);
int64_t sys_connect(SysCall *c);
int64_t sys_listen(SysCall *c);
int64_t sys_accept(SysCall *c);
int64_t sys_accept4(SysCall *c);
int64_t sys_getsockname(SysCall *c);
int64_t sys_getpeername(SysCall *c);
int64_t sys_send(SysCall *c);
int64_t sys_sendto(SysCall *c);
int64_t sys_recv(SysCall *c);
int64_t sys_recvfrom(SysCall *c);
int64_t sys_shutdown(SysCall *c);
int64_t sys_setsockopt(SysCall *c);
int64_t sys_getsockopt(SysCall *c);
int64_t sys_sendmsg(SysCall *c);
int64_t sys_recvmsg(SysCall *c);
int64_t sys_sendmmsg(SysCall *c);

/* thread.c */
int64_t sys_clone(SysCall *c);
int64_t sys_clone3(SysCall *c);
int64_t sys_exit(SysCall *c);
int64_t sys_exit_group(SysCall *c);
int64_t sys_set_tid_address(SysCall *c);
int64_t sys_set_robust_list(SysCall *c);
int64_t sys_get_robust_list(SysCall *c);
int64_t sys_futex(SysCall *c);
int64_t sys_futex_time64(SysCall *c);
int64_t sys_sched_getaffinity(SysCall *c);
int64_t sys_sched_setaffinity(SysCall *c);
/* clone and clone3 without CLONE_THREAD (a new process), with the decoded
 * arguments (thread.c; refuses for now). */
int64_t sys_clone_process(SysCall *c, uint64_t flags, uint32_t newsp, uint32_t ptid,
                          uint32_t tls, uint32_t ctid);

/* time.c */
int64_t sys_clock_gettime(SysCall *c);
int64_t sys_clock_gettime64(SysCall *c);
int64_t sys_clock_getres(SysCall *c);
int64_t sys_clock_getres_time64(SysCall *c);
int64_t sys_gettimeofday(SysCall *c);
int64_t sys_time(SysCall *c);
int64_t sys_nanosleep(SysCall *c);
int64_t sys_clock_nanosleep(SysCall *c);
int64_t sys_clock_nanosleep_time64(SysCall *c);
int64_t sys_setitimer(SysCall *c);
int64_t sys_getitimer(SysCall *c);

#endif
