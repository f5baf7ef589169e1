/*
 * The part of every guest CPU state struct that the engine itself uses.
 *
 * Each guest's state struct (ArmCPU, ...) starts with a CPUCommon, so
 * generated code and the cpu loop find these fields at fixed offsets from
 * the env pointer whatever the guest.
 */
#ifndef FERRY_EXEC_CPU_COMMON_H
#define FERRY_EXEC_CPU_COMMON_H

#include <stdint.h>

/* One entry of the indirect-branch jump cache (looked up inline by
 * generated code): key = guest pc | (uint64_t)decode_flags << 32. */
typedef struct JCEntry {
    uint64_t key;
    const void *code;
} JCEntry;

#define JC_BITS 12
#define JC_SIZE (1u << JC_BITS)

static inline uint32_t jc_hash(uint32_t pc)
{
    return (pc >> 1) & (JC_SIZE - 1);
}

/* Why generated code returned to the cpu loop (small values of the exit
 * word; larger values are chaining requests: TranslationBlock* | slot). */
enum {
    EXIT_LOOKUP = 0,      /* continue at the pc in env: look the block up */
    EXIT_REQUESTED,       /* exit_request was seen at a block entry */
    EXIT_SYSCALL,         /* guest system call; env pc is after the insn */
    EXIT_UNDEF,           /* undefined instruction at env pc: SIGILL */
    EXIT_PREFETCH_ABORT,  /* cannot fetch code at env pc: SIGSEGV */
    EXIT_BKPT,            /* breakpoint instruction at env pc: SIGTRAP */
    EXIT_KUSER,           /* ARM kuser helper call (pc in the 0xffff0000 page) */
    EXIT_DIV0,            /* integer divide by zero trap (guests that trap) */
    EXIT_HALT,            /* stop the cpu loop (the guest exited) */
    EXIT_UNALIGNED,       /* alignment fault at env pc, address in exit_info:
                             SIGBUS */
    EXIT_GUEST_BASE = 64, /* codes from here up are the frontend's own, handled
                             by its GuestArch.handle_exit */
    EXIT_MAX_CODE = 255,
};

/* Engine state of a guest thread that generated code never reads: kept
 * out of CPUCommon so the guest registers after it stay within short
 * displacements of env. */
typedef struct CPUThreadState {
    /* Nonzero when a guest signal can be delivered to this thread: the cpu
     * loop delivers it at the next block boundary, and an interruptible
     * host system call checks it right before it starts (safe_syscall). */
    volatile int32_t signal_pending;
    /* Set (with exit_request) by a thread that invalidated blocks: this
     * thread's jump cache may name them and is cleared at the loop top. */
    volatile int32_t jc_stale;
    /* Nonzero while the thread may hold pointers to blocks or run
     * generated code (see exec_cpu_start/exec_cpu_end in cpus.c). */
    volatile int32_t running;
    /* An exclusive section is waiting for this thread to stop running. */
    volatile int32_t excl_waited;
} CPUThreadState;

typedef struct CPUCommon {
    /* Nonzero asks generated code to return at the next block entry.
     * Set from signal handlers and other threads. */
    volatile int32_t exit_request;
    /* Detail for some exits (e.g. the faulting address of an abort). */
    uint32_t exit_info;
    /* This thread's jump cache, indexed by jc_hash(pc).  Only the owning
     * thread writes it (other threads set jc_stale instead), so generated
     * code can read an entry's two words without tearing. */
    JCEntry *jc;
    /* Guest architecture descriptor (struct GuestArch *). */
    const void *arch;
    /* The rest of the engine's per-thread state. */
    CPUThreadState *ts;
} CPUCommon;

#endif
