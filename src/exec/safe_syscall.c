/*
 * The C side of safe_syscall (see safe_syscall.h and the assembly stub).
 */
#include "exec/safe_syscall.h"

#include "exec/cpu_common.h"
#include "exec/exec.h"

extern const char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

/* Threads without a guest CPU (unit tests) have nothing to deliver. */
static volatile int32_t no_signal;

long safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    CPUCommon *cc = exec_current_cpu();
    return safe_syscall_base(cc ? &cc->ts->signal_pending : &no_signal, nr, a1, a2, a3, a4, a5, a6);
}

void exec_safe_syscall_rewind(ucontext_t *uc)
{
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)safe_syscall_start && pc < (uintptr_t)safe_syscall_end)
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_interrupted;
}
