/*
 * The ARM ABI's pieces shared between arm_table.c (the table and the
 * GuestAbi) and arm_signal.c (signal frames, restart, new threads).
 */
#ifndef FERRY_SYSCALL_ARM_INTERNAL_H
#define FERRY_SYSCALL_ARM_INTERNAL_H

#include "syscall/sys_internal.h"

/* GuestAbi hooks (see sys_internal.h). */
int arm_setup_frame(const GuestAbi *abi, void *env, const SysSignalFrame *f);
void arm_syscall_restart(void *env, bool restart);
void arm_clone_setup(void *child, const void *parent, uint32_t newsp, bool tls_set,
                     uint32_t tls);
void arm_thread_start(void *env);

/* Record the registers a restart needs, on entry to every system call. */
void arm_syscall_entry(const ArmCPU *env);

/* sigreturn and rt_sigreturn. */
int64_t arm_sys_sigreturn(SysCall *c);
int64_t arm_sys_rt_sigreturn(SysCall *c);

#endif
