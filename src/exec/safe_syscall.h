/*
 * Host system calls that guest signals may interrupt, without the classic
 * race: a signal arriving after the last check and before the call blocks
 * would otherwise be noticed only when the call returns, maybe never.
 *
 * safe_syscall() checks the calling thread's signal_pending word right
 * before the syscall instruction; the process layer's host signal handler,
 * after queueing a deliverable guest signal, calls exec_safe_syscall_rewind
 * on the interrupted context, which turns a call that has not started, or
 * that the kernel is about to restart, into a -SYS_ERESTARTSYS result.  A
 * call the kernel itself cut short returns -EINTR as usual.  Results are the
 * kernel's: a value or -errno (errno is not set).
 *
 * Usage:
 *     long r = safe_syscall3(SYS_read, fd, buf, len);
 *     if (r == -SYS_ERESTARTSYS) ... a guest signal is waiting: restart or EINTR
 */
#ifndef FERRY_EXEC_SAFE_SYSCALL_H
#define FERRY_EXEC_SAFE_SYSCALL_H

#include <stdint.h>
#include <ucontext.h>

/* The kernel's internal restart codes, as handlers of interrupted system
 * calls return them (negated) to the syscall layer. */
#define SYS_ERESTARTSYS    512   /* restart if the handler has SA_RESTART */
#define SYS_ERESTARTNOINTR 513   /* always restart */
#define SYS_ERESTARTNOHAND 514   /* restart only if no handler runs */

long safe_syscall_base(volatile int32_t *pending, long nr, long a1, long a2, long a3, long a4,
                       long a5, long a6);
long safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#define SAFE_SC_ARG(x) ((long)(x))
#define safe_syscall0(nr) safe_syscall(nr, 0, 0, 0, 0, 0, 0)
#define safe_syscall1(nr, a) safe_syscall(nr, SAFE_SC_ARG(a), 0, 0, 0, 0, 0)
#define safe_syscall2(nr, a, b) safe_syscall(nr, SAFE_SC_ARG(a), SAFE_SC_ARG(b), 0, 0, 0, 0)
#define safe_syscall3(nr, a, b, c) \
    safe_syscall(nr, SAFE_SC_ARG(a), SAFE_SC_ARG(b), SAFE_SC_ARG(c), 0, 0, 0)
#define safe_syscall4(nr, a, b, c, d) \
    safe_syscall(nr, SAFE_SC_ARG(a), SAFE_SC_ARG(b), SAFE_SC_ARG(c), SAFE_SC_ARG(d), 0, 0)
#define safe_syscall5(nr, a, b, c, d, e)                                             \
    safe_syscall(nr, SAFE_SC_ARG(a), SAFE_SC_ARG(b), SAFE_SC_ARG(c), SAFE_SC_ARG(d), \
                 SAFE_SC_ARG(e), 0)
#define safe_syscall6(nr, a, b, c, d, e, f)                                          \
    safe_syscall(nr, SAFE_SC_ARG(a), SAFE_SC_ARG(b), SAFE_SC_ARG(c), SAFE_SC_ARG(d), \
                 SAFE_SC_ARG(e), SAFE_SC_ARG(f))

/* From a host signal handler: if uc was interrupted inside safe_syscall's
 * window, make it return -SYS_ERESTARTSYS. */
void exec_safe_syscall_rewind(ucontext_t *uc);

/* The restorer for host handlers installed with the raw rt_sigaction. */
void exec_host_sigreturn(void);

#endif
