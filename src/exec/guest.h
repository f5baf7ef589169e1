/*
 * What the engine needs to know about a guest architecture.
 *
 * Each frontend defines one GuestArch (arm_guest, ...).  The engine (block
 * cache, cpu loop, backends) only talks to guests through it, so adding a
 * guest adds a frontend and a syscall table and nothing else.
 */
#ifndef FERRY_EXEC_GUEST_H
#define FERRY_EXEC_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/ir.h"

/* Where a new process starts (the ELF loader's results). */
typedef struct GuestStart {
    uint32_t entry;          /* first instruction (ARM: bit 0 selects Thumb) */
    uint32_t sp;             /* initial stack pointer, pointing at argc */
    uint32_t e_flags;        /* the program's ELF header flags */
    uint32_t phdr, phnum;    /* its program headers in guest memory (AT_PHDR) */
} GuestStart;

typedef struct GuestArch {
    const char *name;           /* "arm" */
    size_t env_size;            /* sizeof the CPU state struct */
    bool big_endian;            /* data byte order */
    uint16_t elf_machine;       /* e_machine this guest runs */

    /* Build the IR globals and compile decoder tables; called once. */
    void (*init)(void);
    /* The globals every block of this guest uses. */
    const IRContext *(*ir_context)(void);

    /* Translate the block starting at (b->pc, b->flags) into b, at most
     * max_insns guest instructions.  Sets b->guest_size and b->ninsns.
     * Never fails: undecodable or unfetchable code becomes an exit. */
    void (*translate)(IRBlock *b, uint32_t max_insns);

    /* The key of the block to run next, read from env. */
    uint32_t (*get_pc)(const void *env);
    uint32_t (*get_flags)(const void *env);
    /* Set the guest pc (after a fault, to the faulting instruction). */
    void (*set_pc)(void *env, uint32_t pc);

    /* Handle an EXIT_* code other than the engine's own (syscall,
     * undefined instruction, ...). */
    void (*handle_exit)(void *env, int code);

    /* Queue a synchronous signal for the calling thread (see
     * cpu_guest_signal); called from the fault handler too. */
    void (*raise_signal)(void *env, int sig, int si_code, uint32_t addr);
    /* Deliver pending guest signals (the cpu loop calls it at a block
     * boundary when env's signal_pending is set). */
    void (*deliver_signals)(void *env);

    /* Print the guest instructions of [pc, pc+size) for -d in_asm. */
    void (*disas)(FILE *f, uint32_t pc, uint32_t flags, uint32_t size);

    /* Dump registers for fatal messages. */
    void (*dump_state)(FILE *f, const void *env);

    /* ---- user mode: what src/user/main.c needs to start a process ---- */
    /* NULL when a program with these ELF header flags (e_flags) runs on
     * this guest, else a short reason ("an n32 program", ...).  May be
     * NULL: every e_flags value is accepted. */
    const char *(*check_elf_flags)(uint32_t e_flags);
    /* AT_HWCAP / AT_HWCAP2 for the auxiliary vector; AT_PLATFORM or NULL. */
    uint32_t (*hwcap)(void);
    uint32_t (*hwcap2)(void);
    const char *elf_platform;
    /* Map guest pages the kernel provides before the program is loaded
     * (ARM's kuser helper page); NULL for none. */
    void (*map_special_pages)(void);
    /* Registers of a new process; the ELF flags and program headers select
     * ABI variants (the MIPS FP register mode and NaN encoding). */
    void (*setup_process)(void *env, const GuestStart *start);
    /* -cpu for guests with several core models (Xtensa): select the model
     * (NULL: the default) before init; returns NULL, or the list of known
     * names when name is unknown.  NULL hook: one model, GuestInfo.cpu. */
    const char *(*set_cpu)(const char *name);
} GuestArch;

#endif
