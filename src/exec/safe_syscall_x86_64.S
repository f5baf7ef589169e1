/*
 * safe_syscall_base(pending, nr, a1, a2, a3, a4, a5, a6): a host system call
 * that a guest signal can interrupt without a race (see safe_syscall.h).
 *
 * The word at pending is checked right before the syscall instruction.  A
 * host signal handler that finds the thread anywhere in
 * [safe_syscall_start, safe_syscall_end) -- between the check and the end
 * of the syscall instruction, or at the instruction itself when the kernel
 * restarts the call after the handler -- moves it to
 * safe_syscall_interrupted instead, so the call either never starts or is
 * abandoned, and returns -ERESTARTSYS (512).  Other results are the raw
 * kernel result (-errno on failure).
 */
    .text
    .globl safe_syscall_base
    .type safe_syscall_base, @function
    .globl safe_syscall_start
    .globl safe_syscall_end
    .globl safe_syscall_interrupted
safe_syscall_base:
    .cfi_startproc
    push %rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbx, 0
    mov %rdi, %rbx              /* the pending word */
    mov %rsi, %rax              /* syscall number */
    mov %rdx, %rdi              /* a1 .. a6 into the kernel's registers */
    mov %rcx, %rsi
    mov %r8, %rdx
    mov %r9, %r10
    mov 16(%rsp), %r8
    mov 24(%rsp), %r9
safe_syscall_start:
    cmpl $0, (%rbx)
    jnz safe_syscall_interrupted
    syscall
safe_syscall_end:
    pop %rbx
    .cfi_remember_state
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbx
    ret
    .cfi_restore_state
safe_syscall_interrupted:
    mov $-512, %rax
    pop %rbx
    .cfi_adjust_cfa_offset -8
    .cfi_restore %rbx
    ret
    .cfi_endproc
    .size safe_syscall_base, . - safe_syscall_base

/* The restorer of ferry's own host signal handlers (installed with the raw
 * rt_sigaction system call, which on x86-64 needs one). */
    .globl exec_host_sigreturn
    .type exec_host_sigreturn, @function
exec_host_sigreturn:
    mov $15, %rax               /* rt_sigreturn */
    syscall
    .size exec_host_sigreturn, . - exec_host_sigreturn

    .section .note.GNU-stack, "", @progbits
