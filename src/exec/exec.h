/*
 * The execution engine: block cache, cpu loop and guest signal entry points.
 *
 * Usage (user mode):
 *     exec_init(&arm_guest, EXEC_BACKEND_X86);
 *     ArmCPU *env = exec_new_cpu();
 *     ... set up registers from the ELF loader ...
 *     cpu_loop(env);            // returns only when the guest has exited
 */
#ifndef FERRY_EXEC_EXEC_H
#define FERRY_EXEC_EXEC_H

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
/* Run guest code until the guest exits the process. */
__attribute__((noreturn)) void cpu_loop(void *env);

/*
 * A synchronous guest signal raised by guest code (SIGILL for an undefined
 * instruction, SIGSEGV/SIGBUS for a bad access, SIGTRAP, SIGFPE).  env holds
 * the precise state at the faulting instruction.  Until guest signal
 * delivery exists this applies the default action: a message and death by
 * the same signal.  When it returns, the cpu loop continues at env's pc
 * (which a signal frame may have changed).
 */
void cpu_guest_signal(void *env, int sig, int si_code, uint32_t addr);

#endif
