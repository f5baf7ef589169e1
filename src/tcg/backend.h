/*
 * Interface between the engine and the code generators.
 *
 * The x86-64 backend turns an optimised IRBlock into host code in the code
 * buffer; the IR interpreter runs the IRBlock directly.  Both return the
 * same exit words to the cpu loop (see exec/cpu_common.h).
 *
 * Fault side table (x86 backend): for every guest memory access the
 * backend records the host code offset of the access, the guest pc of the
 * instruction, and where each guest register whose env copy is stale
 * lives (a host register).  Encoding, per entry:
 *     u32 host_offset, u32 guest_pc, u8 count, count x (u8 global, u8 hostreg)
 */
#ifndef FERRY_TCG_BACKEND_H
#define FERRY_TCG_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "exec/tb.h"
#include "tcg/ir.h"

/* ---- x86-64 ---- */
/* Generate the prologue/epilogue at the start of the code buffer. */
void x86_backend_init(uint8_t *buf, size_t size, uint8_t **code_start);
/* Generate code for b at buf (at most size bytes).  Fills tb->code_size,
 * tb->jmp_field/jmp_stub and tb->fault_tab.  Returns false when the block
 * does not fit (the caller flushes the buffer and retries). */
bool x86_gen_block(IRBlock *b, TranslationBlock *tb, uint8_t *buf, size_t size);
/* Enter generated code: returns the exit word. */
uintptr_t x86_exec(void *env, const uint8_t *code);
/* Restore guest globals from a host signal context at a faulting access.
 * Returns the guest pc, or false when host_pc is not a recorded access. */
bool x86_restore_state(const TranslationBlock *tb, const IRContext *ctx, void *env,
                       uintptr_t host_pc, const ucontext_t *uc, uint32_t *guest_pc);
/* Patch a goto_tb jump. */
void x86_patch_jump(uint8_t *field, const uint8_t *target);
/* Disassemble host code for -d out_asm. */
void x86_disas(FILE *f, const uint8_t *code, size_t size);

/* ---- IR interpreter ---- */
uintptr_t interp_exec(void *env, TranslationBlock *tb);
/* Prepare a freshly translated block for running (at translation time). */
void interp_prepare(TranslationBlock *tb);
/* Guest pc of the instruction the interpreter is running (fault reports). */
uint32_t interp_current_pc(void);
/* The block the interpreter is running (fault handling). */
TranslationBlock *interp_current_tb(void);

#endif
