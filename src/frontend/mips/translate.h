/*
 * MIPS frontend (MIPS32 Release 2, both byte orders): the translation
 * layer shared by the decoder tables.
 *
 * decode.c matches bit patterns (frontend/decode.h) and its handlers emit
 * IR through the helpers declared here.  A handler returns false for an
 * encoding that is reserved or that ferry does not implement; the caller
 * then emits mips_gen_undef() (SIGILL, logged once).
 *
 * Delay slots: a branch is translated together with the instruction after
 * it.  The branch handler computes its condition and target, then asks
 * for the slot with mips_gen_delay_slot() on each path that executes it
 * (the slot is emitted twice for a conditional branch with a non-empty
 * slot: once before the taken exit, once before the fall-through exit), so
 * no value of the branch has to survive the slot's own labels and no block
 * ever ends between the two.  Branch-likely forms emit the slot on the
 * taken path only.  A fault in the slot reports the branch's address, as
 * Linux does (EPC points at the branch, Cause.BD set).
 *
 * Files:
 *   translate.c    IR globals, register access, memory, exits, branches,
 *                  the block loop (mips_translate)
 *   decode.c       the integer instruction tables and handlers
 *   translate_fpu.c  COP1 / COP1X (FPU) instructions
 *   mips_fp.c      FP slow paths, FCSR <-> MXCSR
 *   mips_guest.c   the two GuestArch descriptors and process set-up
 */
#ifndef FERRY_FRONTEND_MIPS_TRANSLATE_H
#define FERRY_FRONTEND_MIPS_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/mips/cpu.h"
#include "tcg/ir.h"

typedef enum MipsDisasState {
    MDISAS_NEXT,      /* fall through to the next instruction */
    MDISAS_NORETURN,  /* emitted an unconditional exit */
} MipsDisasState;

typedef struct DisasContext {
    IRBlock *b;
    uint32_t pc;          /* address of the current instruction */
    uint32_t next_pc;     /* address after it (after its delay slot for a branch) */
    uint32_t insn;
    bool be;              /* big-endian guest */
    bool fr64;            /* Status.FR = 1 */
    bool in_slot;         /* translating a delay slot */
    uint32_t slot_pc;     /* the branch's address while in a slot (faults report it) */
    MipsDisasState state;
    unsigned slots_used;  /* goto_tb exit slots used so far (0..2) */
    uint32_t insn_count;
} DisasContext;

/* The IR globals (valid after mips_translate_init). */
extern IRTemp mips_r[32];
extern IRTemp mips_pc, mips_hi, mips_lo, mips_ll_addr, mips_ll_val, mips_fcc;

void mips_translate_init_be(void);
void mips_translate_init_le(void);
const IRContext *mips_ir_context(void);
void mips_translate(IRBlock *b, uint32_t max_insns);
/* True when this process runs the big-endian guest. */
bool mips_big_endian(void);

/* ---- small helpers ---- */
IRTemp mips_tmp(DisasContext *dc);
IRTemp mips_cst(DisasContext *dc, uint32_t v);
/* Register r as an IR temp to read ($0 is the constant 0). */
IRTemp mips_gpr(DisasContext *dc, int r);
/* Write r (writes to $0 are dropped). */
void mips_set_reg(DisasContext *dc, int r, IRTemp v);

/* ---- memory ---- */
MemOp mips_memop(const DisasContext *dc, MemOp mo);
/* base + sign-extended 16-bit offset, in a fresh temp. */
IRTemp mips_addr(DisasContext *dc, int base, int32_t off);
IRTemp mips_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo);
void mips_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo);

/* ---- control flow and exits ---- */
/* Chain to dest (goto_tb, or the jump cache when both slots are used). */
void mips_gen_goto(DisasContext *dc, uint32_t dest);
/* Indirect jump to the address in the global/temp dest. */
void mips_gen_jump_reg(DisasContext *dc, IRTemp dest);
/* Leave with an EXIT_* code, env pc = pc. */
void mips_gen_exit(DisasContext *dc, int code, uint32_t pc);
/* As mips_gen_exit, with exit_info = info first. */
void mips_gen_exit_info(DisasContext *dc, int code, uint32_t pc, uint32_t info);
/* The pc a fault or trap of the current instruction reports. */
uint32_t mips_fault_pc(const DisasContext *dc);
void mips_gen_undef(DisasContext *dc);
/* Translate the delay slot of the branch at dc->pc.  Returns false when the
 * slot holds something that may not be there (a branch, SYSCALL...): the
 * caller raises SIGILL instead. */
bool mips_gen_delay_slot(DisasContext *dc);
/* True when the delay slot of the current branch is a NOP (no need to
 * emit it on two paths). */
bool mips_slot_is_nop(const DisasContext *dc);

/* ---- decoder hooks ---- */
void mips_decode_init(void);
/* Translate the instruction word insn at dc->pc. */
void mips_translate_insn(DisasContext *dc, uint32_t insn);
bool mips_code_fetchable(uint32_t addr);
uint32_t mips_fetch32(uint32_t addr);

/* ---- FPU (translate_fpu.c) ---- */
/* COP1 (opcode 0x11), COP1X (0x13), and the FP loads/stores (LWC1, SWC1,
 * LDC1, SDC1); MOVF/MOVT (SPECIAL 0x01). */
bool mips_trans_cop1(DisasContext *dc, uint32_t insn);
bool mips_trans_cop1x(DisasContext *dc, uint32_t insn);
bool mips_trans_fp_ldst(DisasContext *dc, uint32_t insn);
bool mips_trans_movci(DisasContext *dc, uint32_t insn);
/* BC1F/BC1T(L): returns false for reserved forms. */
bool mips_trans_bc1(DisasContext *dc, uint32_t insn);

#endif
