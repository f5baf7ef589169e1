/*
 * The execution engine: block cache, cpu loop and guest signal entry points.
 *
 * Usage (user mode):
 *     exec_init(&arm_guest, EXEC_BACKEND_X86);
 *     ArmCPU *env = exec_new_cpu();
 *     ... set up registers from the ELF loader ...
 *     cpu_loop(env);            // never returns
 *
 * Threads: each guest thread has its own CPU (exec_copy_cpu of its
 * creator's) and runs cpu_loop on its own host thread; the thread's exit
 * path calls exec_free_cpu and exec_thread_cleanup.
 */
#ifndef FERRY_EXEC_EXEC_H
#define FERRY_EXEC_EXEC_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "exec/guest.h"

typedef enum ExecBackend {
    EXEC_BACKEND_X86,     /* generate x86-64 code (default) */
    EXEC_BACKEND_INTERP,  /* interpret the IR */
} ExecBackend;

typedef struct ExecOptions {
    ExecBackend backend;
    uint32_t max_insns;   /* per block; 1 with -one-insn-per-tb */
    uint32_t code_buffer_kb; /* code buffer size in KiB (0: default) */
    bool verify;          /* run the IR verifier on every block (debug builds,
                             FERRY_VERIFY=1; the test suite turns it on) */
} ExecOptions;

extern ExecOptions exec_opts;
extern const GuestArch *exec_guest;

void exec_init(const GuestArch *guest, const ExecOptions *opts);
/* A zeroed CPU state of the guest's size with the engine fields set. */
void *exec_new_cpu(void);
/* A new CPU with the guest state of parent (for a new guest thread). */
void *exec_copy_cpu(const void *parent);
/* Forget a CPU whose thread ends (it must not be running). */
void exec_free_cpu(void *env);
/* The CPU of the calling thread (NULL outside guest threads). */
void *exec_current_cpu(void);
/* Run guest code on the calling thread; never returns (the guest's exit
 * system calls end the thread or the process). */
__attribute__((noreturn)) void cpu_loop(void *env);
/* Release the calling thread's engine resources (its fault stack). */
void exec_thread_cleanup(void);

/*
 * A synchronous guest signal raised by guest code (SIGILL for an undefined
 * instruction, SIGSEGV/SIGBUS for a bad access, SIGTRAP, SIGFPE).  env holds
 * the precise state at the faulting instruction.  The guest's raise_signal
 * hook queues it for delivery at the next block boundary (without one, the
 * default action applies at once).  Callable from the fault handler.
 */
void cpu_guest_signal(void *env, int sig, int si_code, uint32_t addr);

/* The message ferry prints when a synchronous signal kills the guest. */
void exec_report_fatal_signal(void *env, int sig, uint32_t addr);
/* Die by host signal sig as the guest would with the default action (no
 * core file is written); never returns. */
__attribute__((noreturn)) void exec_die_by_signal(int sig);

/* The process layer's host signal handler for signals ferry catches on the
 * guest's behalf; the engine's SIGSEGV/SIGBUS handler passes on those sent
 * with kill or tgkill. */
extern void (*exec_async_signal_handler)(int sig, siginfo_t *si, void *uc);

#endif
