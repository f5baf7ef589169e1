/*
 * Xtensa frontend (both byte orders, every core configuration): the
 * translation layer shared by the decoder and its handlers.
 *
 * Instruction words are 24 bits (op0 0-7) or 16 bits (op0 8-13, the code
 * density option).  decode.c works on the little-endian layout only: a
 * big-endian word is first rearranged into it (xt_be_to_le), since the
 * big-endian encodings hold the same fields in mirrored positions.
 *
 * A handler returns false for an encoding that is reserved, or that the
 * configured core does not have; the caller then emits xt_gen_undef()
 * (SIGILL, logged once).
 *
 * Zero-overhead loops: when the block key says where LEND is (see cpu.h),
 * every instruction whose sequential successor is LEND is followed by the
 * loop-back check (xt_gen_seq_exit and the block loop do it), so a block
 * that ends at LEND and a block entered in the middle of a loop body both
 * loop back correctly; a taken branch to LEND does not loop back, as on
 * hardware.
 *
 * Files:
 *   translate.c    IR globals, core configurations, register access,
 *                  memory, exits, loop-end checks, the block loop
 *   decode.c       the instruction table and the integer handlers
 *   translate_fp.c the floating-point coprocessor and the boolean option
 *   translate_mac16.c  the MAC16 option
 *   xtensa_win.c   ENTRY/RETW/MOVSP and window overflow/underflow
 *   xtensa_fp.c    FP slow path, FCR/FSR
 *   xtensa_guest.c the two GuestArch descriptors and process set-up
 */
#ifndef FERRY_FRONTEND_XTENSA_TRANSLATE_H
#define FERRY_FRONTEND_XTENSA_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/xtensa/cpu.h"
#include "tcg/ir.h"

/* Options a core configuration may have. */
enum {
    XT_OPT_DENSITY    = 1u << 0,   /* 16-bit instructions */
    XT_OPT_LOOP       = 1u << 1,   /* zero-overhead loops */
    XT_OPT_EXTL32R    = 1u << 2,   /* LITBASE */
    XT_OPT_MUL16      = 1u << 3,
    XT_OPT_MUL32      = 1u << 4,   /* MULL */
    XT_OPT_MUL32_HIGH = 1u << 5,   /* MULUH, MULSH */
    XT_OPT_DIV32      = 1u << 6,   /* QUOS, QUOU, REMS, REMU */
    XT_OPT_MAC16      = 1u << 7,
    XT_OPT_NSA        = 1u << 8,
    XT_OPT_MINMAX     = 1u << 9,
    XT_OPT_SEXT       = 1u << 10,
    XT_OPT_CLAMPS     = 1u << 11,
    XT_OPT_BOOLEAN    = 1u << 12,
    XT_OPT_FP         = 1u << 13,  /* single-precision FP coprocessor */
    XT_OPT_S32C1I     = 1u << 14,  /* conditional store */
    XT_OPT_WINDOWED   = 1u << 15,
    XT_OPT_THREADPTR  = 1u << 16,
    XT_OPT_SALT       = 1u << 17,  /* SALT, SALTU */
    XT_OPT_EXCLUSIVE  = 1u << 18,  /* L32EX, S32EX, GETEX */
    XT_OPT_ATOMCTL    = 1u << 19,
    XT_OPT_MPSYNC     = 1u << 20,  /* L32AI, S32RI */
    XT_OPT_DFPU       = 1u << 21,  /* LX7 FPU: LSIP/SSIP/LSXP/SSXP post-increment */
};

typedef struct XtensaConfig {
    const char *name;
    const char *what;      /* for -cpu help */
    uint32_t options;
} XtensaConfig;

/* The core this process runs (set before the first translation). */
extern const XtensaConfig *xt_config;
/* Look a core up by name (case-insensitive); NULL if unknown. */
const XtensaConfig *xt_find_config(const char *name);
/* "lx106, dc233c, ..." for messages. */
const char *xt_config_names(void);
/* The default core: dc233c (little-endian) or test_kc705_be (big-endian). */
const XtensaConfig *xt_default_config(bool big_endian);

static inline bool xt_has(uint32_t opt)
{
    return (xt_config->options & opt) != 0;
}

typedef enum XtDisasState {
    XDISAS_NEXT,      /* fall through to the next instruction */
    XDISAS_NORETURN,  /* emitted an unconditional exit */
} XtDisasState;

typedef struct DisasContext {
    IRBlock *b;
    uint32_t pc;          /* address of the current instruction */
    uint32_t next_pc;     /* address after it */
    uint32_t insn;        /* the instruction in little-endian layout */
    bool be;              /* big-endian guest */
    /* From the block key: LEND and LBEG when known (lend_known). */
    bool lend_known, lbeg_known, litbase;
    uint32_t lend, lbeg;
    XtDisasState state;
    unsigned slots_used;  /* goto_tb exit slots used so far */
    uint32_t insn_count;
} DisasContext;

/* The IR globals (valid after init). */
extern IRTemp xt_a[16];
extern IRTemp xt_pc, xt_sar, xt_lcount, xt_br, xt_acclo, xt_acchi, xt_m[4];

void xt_translate_init_le(void);
void xt_translate_init_be(void);
const IRContext *xt_ir_context(void);
void xt_translate(IRBlock *b, uint32_t max_insns);
bool xt_big_endian(void);

/* ---- small helpers ---- */
IRTemp xt_tmp(DisasContext *dc);
IRTemp xt_cst(DisasContext *dc, uint32_t v);

/* ---- memory ---- */
MemOp xt_memop(const DisasContext *dc, MemOp mo);
IRTemp xt_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo);
void xt_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo);

/* Raise the alignment fault Linux reports (SIGBUS/BUS_ADRALN) when
 * base + off (off_reg, or the constant off when off_reg is 0) is not a
 * multiple of size.  Temps do not live across the check's label: compute
 * the address (and a value to store) after it. */
void xt_gen_align_check(DisasContext *dc, IRTemp base, uint32_t off, IRTemp off_reg,
                        unsigned size);

/* ---- control flow and exits ---- */
/* Jump to dest as a taken branch or jump (no loop-end check). */
void xt_gen_jump(DisasContext *dc, uint32_t dest);
/* Continue sequentially at dest (dc->next_pc): the loop-end check when dest
 * is LEND, then the jump. */
void xt_gen_seq_exit(DisasContext *dc, uint32_t dest);
/* Jump to dest whose block key (flags) this block determines. */
void xt_gen_goto_key(DisasContext *dc, uint32_t dest, uint32_t target_flags);
/* Indirect jump to the address in the temp dest (flags computed at run time). */
void xt_gen_jump_reg(DisasContext *dc, IRTemp dest);
/* Leave with an EXIT_* code, env pc = pc. */
void xt_gen_exit(DisasContext *dc, int code, uint32_t pc);
void xt_gen_exit_info(DisasContext *dc, int code, uint32_t pc, uint32_t info);
void xt_gen_undef(DisasContext *dc);
/* After an instruction that changed LBEG, LEND or LITBASE: end the block
 * and look the next one up with flags from the new values. */
void xt_gen_end_block_lookup(DisasContext *dc);
/* Conditional branch: if (a cond b) jump to dest, else fall through. */
void xt_gen_brcond(DisasContext *dc, IRCond cond, IRTemp a, IRTemp b, uint32_t dest);

/* ---- decoder hooks ---- */
void xt_decode_init(void);
/* Translate the instruction at dc->pc (dc->insn, little-endian layout). */
void xt_translate_insn(DisasContext *dc);
/* Length of the instruction whose first byte is b0 (big-endian: the byte's
 * high nibble is op0). */
unsigned xt_insn_len(uint8_t b0, bool be);
/* Rearrange a big-endian instruction word into the little-endian layout. */
uint32_t xt_be_to_le(uint32_t w, unsigned len);
bool xt_code_fetchable(uint32_t addr);
/* Fetch the instruction at addr in little-endian layout; *len gets 2 or 3. */
uint32_t xt_fetch(uint32_t addr, unsigned *len);

/* ---- options (translate_fp.c, translate_mac16.c) ---- */
bool xt_trans_fp0(DisasContext *dc);     /* op0 0, op1 10 */
bool xt_trans_fp1(DisasContext *dc);     /* op0 0, op1 11 */
bool xt_trans_lsci(DisasContext *dc);    /* op0 3 */
bool xt_trans_lscx(DisasContext *dc);    /* op0 0, op1 8 */
bool xt_trans_bool(DisasContext *dc);    /* ANDB ... XORB, ANY4 ... ALL8 */
bool xt_trans_mac16(DisasContext *dc);   /* op0 4 */
/* FCR/FSR for RUR/WUR. */
IRTemp xt_gen_read_fcr_fsr(DisasContext *dc, bool fsr);
void xt_gen_write_fcr_fsr(DisasContext *dc, bool fsr, IRTemp v);

/* ---- window helpers (xtensa_win.c), called from generated code ---- */
/* Each returns 0, or an XT_EXIT_* / EXIT_* code for a fault it could not
 * handle (the instruction then raises the signal). */
uint32_t xt_helper_entry(void *env, uint32_t s, uint32_t framesize);
uint32_t xt_helper_retw(void *env, uint32_t pc);   /* returns the target pc or 1 */
uint32_t xt_helper_movsp(void *env, uint32_t t, uint32_t s);
void xt_window_spill_all(XtensaCPU *env);
extern const IRHelper xt_h_entry, xt_h_retw, xt_h_movsp;

#endif
