/*
 * Internal interface of the x86-64 backend: code generation state shared
 * by the register allocator (regalloc.c), the op emitters (emit_*.c) and
 * the block driver (codegen.c).
 *
 * Host register use in generated code:
 *   r14  env (guest CPU state)          r15  guest_base
 *   rsp  host stack; [rsp, rsp+FRAME) holds spill slots
 *   the other 13 registers are allocated to IR temps.
 * Values of i32 temps are kept zero-extended to 64 bits.
 */
#ifndef FERRY_TCG_X86_64_INTERNAL_H
#define FERRY_TCG_X86_64_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/tb.h"
#include "tcg/ir.h"
#include "tcg/x86_64/encode.h"

#define X86_ENV_REG   X86_R14
#define X86_GBASE_REG X86_R15
#define X86_NSLOTS    128
#define X86_FRAME     (8 * X86_NSLOTS + 8)   /* keeps rsp 16-byte aligned */

#define REGMASK(r) ((uint16_t)(1u << (r)))
#define X86_ALLOCATABLE ((uint16_t)(0xffffu & ~REGMASK(X86_RSP) & ~REGMASK(X86_R14) & \
                                    ~REGMASK(X86_R15)))
#define X86_CALLER_SAVED ((uint16_t)(REGMASK(X86_RAX) | REGMASK(X86_RCX) | \
    REGMASK(X86_RDX) | REGMASK(X86_RSI) | REGMASK(X86_RDI) | REGMASK(X86_R8) | \
    REGMASK(X86_R9) | REGMASK(X86_R10) | REGMASK(X86_R11)))

/* Where a temp's value is. */
typedef struct TempLoc {
    int8_t reg;       /* host register, or -1 */
    bool mem_valid;   /* its home (env field / spill slot) holds the value */
    int16_t slot;     /* spill slot of a normal temp, or -1 */
} TempLoc;

typedef struct LabelFix {
    uint8_t *field;
    uint32_t label;
} LabelFix;

typedef struct CodeGen {
    X86Buf buf;
    uint8_t *start;
    IRBlock *b;
    TranslationBlock *tb;
    const IROp *op;          /* op being emitted */
    TempLoc *loc;            /* per temp */
    int32_t reg_temp[16];    /* temp held by each host register, or -1 */
    uint16_t locked;         /* registers an op is using right now */
    bool slot_used[X86_NSLOTS];
    uint32_t guest_pc;       /* of the current guest instruction */
    uint8_t **label_addr;
    /* per label: the guest register each host register caches on every
     * branch to it so far (-1 none), or label_snap_set clear when no
     * branch has been seen yet */
    int8_t (*label_snap)[16];
    bool *label_snap_set;
    bool fallthrough_dead;   /* after br or an exit, until the next label */
    LabelFix *fixes;
    uint32_t nfixes, cap_fixes;
    uint8_t *ft;             /* fault side table being built */
    uint32_t ft_len, ft_cap;
    /* Self-loops (a goto_tb back to the block's own start): see codegen.c. */
    struct {
        uint64_t self_key;       /* pc | flags << 32 of this block */
        bool measuring;          /* first pass: record registers at the back edge */
        bool carrying;           /* second pass: registers carried round the loop */
        uint16_t uses[IR_MAX_GLOBALS]; /* first pass: register loads and writes per global */
        int8_t pinned[16];       /* second pass: global expected in each register */
        uint8_t *head;           /* where the back edge jumps */
        uint8_t *head_exit;      /* rel32 of the loop head's exit-request branch */
    } loop;
} CodeGen;

/* Backend-wide addresses and CPU features (codegen.c). */
extern uint8_t *x86_epilogue;
extern uint8_t *x86_exit_requested_stub;
extern bool x86_have_lzcnt, x86_have_bmi1, x86_have_movbe;

/* ---- register allocation (regalloc.c) ---- */
void ra_init(CodeGen *cg);
int ra_alloc(CodeGen *cg, uint16_t allowed);
/* Register holding t (loading it if needed), from allowed. Locks it. */
int ra_load(CodeGen *cg, IRTemp t, uint16_t allowed);
/* Put t in exactly register r (evicting the occupant). Locks r. */
void ra_load_fixed(CodeGen *cg, IRTemp t, int r);
/* Copy t's value into r (claimed by the caller) without moving t. */
void ra_copy_to(CodeGen *cg, IRTemp t, int r);
/* Empty register r (saving its temp if needed).  Locks nothing. */
void ra_evict(CodeGen *cg, int r);
/* Make r free and locked for use as scratch. */
void ra_claim(CodeGen *cg, int r);
/* t now lives in r (an op wrote it); its home becomes stale. */
void ra_define(CodeGen *cg, IRTemp t, int r);
/* A register whose content equals input a and that may be overwritten to
 * become output d: reuses a's register when a dies here or a == d. */
int ra_dst_from(CodeGen *cg, IRTemp d, IRTemp a, int a_index, uint16_t allowed);
/* Free registers of inputs that die at this op, outputs never read. */
void ra_op_done(CodeGen *cg);
/* Store every global whose register copy is newer than env. */
void ra_sync_globals(CodeGen *cg);
/* Forget register contents (at labels): globals back to env only. */
void ra_reset(CodeGen *cg);
/* At a branch to a label (globals synced): remember which host registers
 * hold which guest registers, intersecting with earlier branches. */
void ra_snapshot_for_label(CodeGen *cg, uint32_t label);
/* Emit stores of the dirty globals without marking them clean (for the
 * taken side of a branch; the fall-through keeps its registers). */
void ra_store_dirty_globals(CodeGen *cg);
/* Like ra_snapshot_for_label, counting every global in a register as
 * current (its store was just emitted on this edge). */
void ra_snapshot_for_label_stored(CodeGen *cg, uint32_t label);
/* At the label: keep the register copies every incoming path agrees on. */
void ra_merge_at_label(CodeGen *cg, uint32_t label);
/* Spill everything in caller-saved registers (before helper calls). */
void ra_spill_caller_saved(CodeGen *cg);
/* Drop globals from registers (after helpers that write guest state). */
void ra_drop_globals(CodeGen *cg);
/* Record a side-table entry for a faulting access about to be emitted. */
void ra_record_fault_point(CodeGen *cg);
bool ra_input_dies(const CodeGen *cg, int index);
/* A global is about to be written straight to env: drop its register. */
void ra_forget(CodeGen *cg, IRTemp t);
/* Memory home of temp t (env field or spill slot). */
X86Mem ra_home(CodeGen *cg, IRTemp t);

static inline bool cg_is_const(const CodeGen *cg, IRTemp t)
{
    return cg->b->temps[t].kind == TEMP_CONST;
}
static inline uint64_t cg_const(const CodeGen *cg, IRTemp t) { return cg->b->temps[t].val; }
static inline bool cg_is64(const CodeGen *cg, IRTemp t) { return cg->b->temps[t].type != IR_I32; }
/* Constant usable as a sign-extended imm32 for an operation of width w64. */
bool cg_imm32(const CodeGen *cg, IRTemp t, bool w64, int32_t *imm);

X86Cond cg_x86_cond(IRCond c);

/* ---- emitters ---- */
void emit_alu_op(CodeGen *cg, const IROp *op);     /* emit_alu.c */
void emit_mem_op(CodeGen *cg, const IROp *op);     /* emit_mem.c */
void emit_ctrl_op(CodeGen *cg, const IROp *op);    /* codegen.c */
void emit_fp_op(CodeGen *cg, const IROp *op);      /* emit_fp.c */
void emit_vec_op(CodeGen *cg, const IROp *op);     /* emit_vec.c */
void x86_emit_env_call(CodeGen *cg, void *fn, uint32_t what, uint32_t d, uint32_t a,
                       uint32_t b);

#endif
