/*
 * ferry's intermediate representation.
 *
 * A translated block is a linear list of IROps over typed temps.  Temps are
 * mutable (an op may redefine a temp) and come in four kinds:
 *   - the env temp (index 0): host pointer to the guest CPU state;
 *   - globals: guest registers and flags, backed by a field of env.  They
 *     are the same indices in every block of a guest (IRContext), are cached
 *     in host registers within a block and written back at exits;
 *   - normal temps: block-local scratch values.  A normal temp does not live
 *     across a label: liveness treats it as dead there and the verifier
 *     rejects a use that could see a value from before the label;
 *   - constants: read-only temps with a known value (ir_const_i32), shared
 *     within a block.  Backends use them as immediates where they can.
 *
 * Control flow inside a block is forward only (brcond/br to a later label);
 * a block leaves through goto_tb, exit_tb or lookup_goto.
 *
 * Usage (a frontend translating "add r0, r1, #4" then branching to 0x1000):
 *     IRBlock *b = ir_block_new(ctx, pc, flags);
 *     ir_insn_start(b, pc);
 *     ir_add_i32(b, R0, R1, ir_const_i32(b, 4));
 *     ir_mov_i32(b, PC, ir_const_i32(b, 0x1000));
 *     ir_goto_tb(b, 0, 0x1000, flags);
 *     ir_optimize(b);           // fold, copy-propagate, liveness
 *
 * The op list itself lives in ops.def; docs/ir.md describes every op.
 */
#ifndef FERRY_TCG_IR_H
#define FERRY_TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum IRType {
    IR_I32,
    IR_I64,
    IR_PTR,     /* host pointer (the env temp) */
    IR_VOID,    /* helper return type only */
} IRType;

/* Op flags (ops.def). */
enum {
    OPF_SIDE   = 1u << 0, /* has effects beyond its outputs: never deleted */
    OPF_BB_END = 1u << 1, /* label, branch or exit: ends a straight-line run */
    OPF_MEM    = 1u << 2, /* guest memory access: may fault */
    OPF_CALL   = 1u << 3, /* helper call (variable operands) */
    OPF_EXIT   = 1u << 4, /* leaves the block */
};

typedef enum IROpc {
#define DEF(name, outs, ins, nconst, flags) IR_##name,
#include "tcg/ops.def"
#undef DEF
    IR_NB_OPS
} IROpc;

typedef struct IROpDef {
    const char *name;
    const char *outs;   /* operand type letters, see ops.def */
    const char *ins;
    uint8_t nout, nin, nconst;
    uint16_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_NB_OPS];

/* Comparison conditions for setcond/movcond/brcond. */
typedef enum IRCond {
    IR_COND_EQ, IR_COND_NE,
    IR_COND_LT, IR_COND_GE, IR_COND_LE, IR_COND_GT,       /* signed */
    IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU,   /* unsigned */
    IR_COND_TSTEQ, IR_COND_TSTNE,                         /* (a & b) ==/!= 0 */
    IR_COND_ALWAYS, IR_COND_NEVER,
} IRCond;

IRCond ir_cond_invert(IRCond c);
IRCond ir_cond_swap(IRCond c);      /* condition with operands exchanged */
const char *ir_cond_name(IRCond c);
bool ir_cond_eval32(IRCond c, uint32_t a, uint32_t b);
bool ir_cond_eval64(IRCond c, uint64_t a, uint64_t b);

/* Memory operation descriptor (constant argument of ld/st/cmpxchg). */
enum {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE  = 3,
    MO_SIGN  = 1u << 2, /* sign-extend loads */
    MO_BSWAP = 1u << 3, /* guest byte order differs from the host's */
};
typedef unsigned MemOp;

static inline unsigned memop_size(MemOp m) { return 1u << (m & MO_SIZE); }

/* Barrier kinds for the mb op. */
enum {
    IR_MB_LD_LD = 1u << 0,
    IR_MB_ST_LD = 1u << 1, /* the only one x86 needs a fence for */
    IR_MB_LD_ST = 1u << 2,
    IR_MB_ST_ST = 1u << 3,
    IR_MB_ALL   = 0xf,
};

/* Floating-point operations (fop_f32/fop_f64 c0).  FOP_SQRT ignores its
 * second operand; FOP_FMA computes d = d + a * b with one rounding. */
enum { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_FMA };
/* Conversions (fcvt c0), named FCVT_<to>_<from>.  _RZ rounds toward zero;
 * the others use the current rounding mode.  Float-to-integer conversions
 * are guest-defined when out of range (the slow path decides). */
enum {
    FCVT_F64_F32, FCVT_F32_F64,
    FCVT_F32_S32, FCVT_F32_U32, FCVT_F64_S32, FCVT_F64_U32,
    FCVT_S32_F32_RZ, FCVT_U32_F32_RZ, FCVT_S32_F64_RZ, FCVT_U32_F64_RZ,
    FCVT_S32_F32, FCVT_U32_F32, FCVT_S32_F64, FCVT_U32_F64,
};
/* fcmp flags and results. */
enum { FCMP_SIGNALING = 1, FCMP_WITH_ZERO = 2 };
enum { FCMP_REL_EQ, FCMP_REL_LT, FCMP_REL_GT, FCMP_REL_UN };
/* Slow path: recompute what = FP_WHAT(kind, op) on env offsets exactly by
 * the guest's rules and store the result at env + d. */
enum { FPK_F32, FPK_F64, FPK_CVT };
#define FP_WHAT(kind, op) ((uint32_t)(kind) << 8 | (uint32_t)(op))
typedef void FPSlowPath(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

typedef uint32_t IRTemp;

enum IRTempKind {
    TEMP_FIXED,   /* the env pointer */
    TEMP_GLOBAL,  /* guest state in env */
    TEMP_NORMAL,  /* block-local */
    TEMP_CONST,   /* read-only constant */
};

typedef struct IRTempInfo {
    uint8_t type;        /* IRType */
    uint8_t kind;        /* IRTempKind */
    int32_t env_offset;  /* globals: byte offset in env */
    uint64_t val;        /* constants: the value (i32 zero-extended) */
    const char *name;    /* globals: for the printer */
} IRTempInfo;

#define IR_ENV ((IRTemp)0)
#define IR_MAX_GLOBALS 96

/* The globals of one guest architecture; built once at start-up. */
typedef struct IRContext {
    uint32_t nglobals;                   /* including the env temp */
    IRTempInfo globals[IR_MAX_GLOBALS];
    /* The guest pc global (0 if none): goto_tb writes it itself, so the
     * frontend's store of the target pc before a goto_tb is dead and the
     * backend stores the pc only where the loop can see it. */
    IRTemp pc_global;
    /* Where generated code records vector saturation (the saturating vop
     * kinds): the 32-bit env field at vec_sat_offset gets vec_sat_mask
     * ORed in.  With a zero mask saturation goes through the reference. */
    int32_t vec_sat_offset;
    uint32_t vec_sat_mask;
    /* Globals a guest signal handler may see stale after a fault in guest
     * memory: liveness does not keep them live at memory ops, so a value
     * nobody reads afterwards (a flag discarded at every exit) is never
     * computed.  For guest state whose staleness only a handler inspecting
     * its saved context could notice (ARM's condition flags). */
    uint8_t fault_lazy[IR_MAX_GLOBALS];
} IRContext;

void ir_context_init(IRContext *ctx);
/* Register a guest register living at env + offset; returns its temp. */
IRTemp ir_context_global(IRContext *ctx, IRType type, int32_t offset, const char *name);

/* Helper functions callable from generated code. */
enum {
    IRH_READS_GLOBALS  = 1u << 0, /* reads guest registers through env */
    IRH_WRITES_GLOBALS = 1u << 1, /* writes guest registers through env */
    IRH_PURE           = 1u << 2, /* no side effects: deletable if result unused */
    IRH_NORETURN       = 1u << 3, /* never returns (longjmps out) */
};
#define IR_HELPER_MAX_ARGS 6

typedef struct IRHelper {
    const char *name;
    void *fn;
    IRType ret;                          /* IR_VOID for none */
    uint8_t nargs;
    IRType args[IR_HELPER_MAX_ARGS];
    unsigned flags;                      /* IRH_* */
} IRHelper;

#define IR_MAX_ARGS 10
#define IR_DEAD_OUT_SHIFT 12

typedef struct IROp {
    uint16_t opc;                  /* IROpc */
    uint8_t nout, nin, nconst;
    /* Set by liveness: bit i means input i is not used after this op;
     * bit IR_DEAD_OUT_SHIFT + i means output i is never read. */
    uint16_t dead;
    /* outputs, then inputs (temp indices), then constants */
    uint64_t args[IR_MAX_ARGS];
} IROp;

static inline IRTemp ir_op_out(const IROp *op, int i) { return (IRTemp)op->args[i]; }
static inline IRTemp ir_op_in(const IROp *op, int i) { return (IRTemp)op->args[op->nout + i]; }
static inline uint64_t ir_op_const(const IROp *op, int i)
{
    return op->args[op->nout + op->nin + i];
}

typedef struct IRBlock {
    const IRContext *ctx;
    IROp *ops;
    uint32_t nops, cap_ops;
    IRTempInfo *temps;
    uint32_t ntemps, cap_temps;
    uint32_t nlabels;
    uint32_t pc;          /* block key: guest pc */
    uint32_t flags;       /*            decode flags */
    uint32_t guest_size;  /* bytes of guest code translated, from pc */
    uint32_t ninsns;      /* guest instructions translated */
    /* constant temp lookup (open addressing on (type, value)) */
    uint32_t *const_hash;
    uint32_t *const_gen;  /* a slot is in use when its gen equals gen */
    uint32_t const_hash_size;
    uint32_t gen;         /* bumped by ir_block_reset: empties the table */
} IRBlock;

IRBlock *ir_block_new(const IRContext *ctx, uint32_t pc, uint32_t flags);
void ir_block_free(IRBlock *b);
/* Reuse a block's storage for a new translation. */
void ir_block_reset(IRBlock *b, uint32_t pc, uint32_t flags);

IRTemp ir_temp(IRBlock *b, IRType type);
static inline IRTemp ir_temp_i32(IRBlock *b) { return ir_temp(b, IR_I32); }
static inline IRTemp ir_temp_i64(IRBlock *b) { return ir_temp(b, IR_I64); }
IRTemp ir_const_i32(IRBlock *b, uint32_t v);
IRTemp ir_const_i64(IRBlock *b, uint64_t v);

static inline bool ir_is_const(const IRBlock *b, IRTemp t)
{
    return b->temps[t].kind == TEMP_CONST;
}
static inline bool ir_is_global(const IRBlock *b, IRTemp t)
{
    return b->temps[t].kind == TEMP_GLOBAL;
}
static inline uint64_t ir_const_val(const IRBlock *b, IRTemp t) { return b->temps[t].val; }

uint32_t ir_new_label(IRBlock *b);

/* Append an op; the caller fills operands.  Ops are addressed by index
 * because the array may move when it grows. */
IROp *ir_emit(IRBlock *b, IROpc opc);
IROp *ir_emit_args(IRBlock *b, IROpc opc, const uint64_t *args);

/* Passes (one file each). */
/* Returns true when the block is well formed; otherwise writes a message. */
bool ir_verify(const IRBlock *b, char *msg, size_t msglen);
void ir_print(const IRBlock *b, FILE *f);
void ir_print_op(const IRBlock *b, const IROp *op, FILE *f);
void ir_fold(IRBlock *b);        /* constant folding and copy propagation */
void ir_liveness(IRBlock *b);    /* dead code and dead flags; sets op->dead */
void ir_optimize(IRBlock *b);    /* fold + liveness (+ verify in debug builds) */

/* Evaluate a pure op on constants (used by the folder and the interpreter).
 * Returns false for ops it does not evaluate. */
bool ir_eval_op(IROpc opc, const uint64_t *in, const uint64_t *cst, uint64_t *out);

#include "tcg/vecop.h"
#include "tcg/ir_gen.h"

#endif
