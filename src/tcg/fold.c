/*
 * Constant folding and copy propagation.
 *
 * One forward pass over the block.  For every temp it tracks a known
 * constant value or the temp it is a copy of.  Temps are mutable, so a copy
 * relation records the version of its source: redefining a temp bumps its
 * version, which silently invalidates every copy of it.  Knowledge is reset
 * at labels (values may arrive from several paths) and, for globals, at
 * helper calls that write guest state.
 *
 * Each op is first rewritten to read the oldest copy (or a constant temp),
 * then handed to its fold_<op> function if it has one; an op whose inputs
 * are all constant and which has a reference evaluation (ir_eval_op)
 * becomes a mov of the result.
 */
#include "tcg/ir.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"

typedef struct TempFacts {
    uint32_t version;
    bool is_const;
    uint64_t val;
    IRTemp copy_of;      /* valid when copy_version == version of copy_of */
    uint32_t copy_version;
    bool has_copy;
} TempFacts;

typedef struct FoldState {
    IRBlock *b;
    TempFacts *f;
    uint32_t nf;
} FoldState;

static void ensure_facts(FoldState *s)
{
    if (s->b->ntemps <= s->nf)
        return;
    uint32_t n = s->b->ntemps + 32;
    s->f = realloc(s->f, n * sizeof(TempFacts));
    if (!s->f)
        ferry_fatal("out of memory");
    memset(s->f + s->nf, 0, (n - s->nf) * sizeof(TempFacts));
    s->nf = n;
}

static bool known_const(FoldState *s, IRTemp t, uint64_t *v)
{
    if (ir_is_const(s->b, t)) {
        *v = ir_const_val(s->b, t);
        return true;
    }
    if (s->f[t].is_const) {
        *v = s->f[t].val;
        return true;
    }
    return false;
}

static IRTemp const_of_type(FoldState *s, IRType type, uint64_t v)
{
    IRTemp c = type == IR_I64 ? ir_const_i64(s->b, v) : ir_const_i32(s->b, (uint32_t)v);
    ensure_facts(s);
    return c;
}

/* The best temp to read instead of t: a constant or the copy's source. */
static IRTemp canonical(FoldState *s, IRTemp t)
{
    IRBlock *b = s->b;
    uint64_t v;
    if (b->temps[t].kind == TEMP_CONST || b->temps[t].kind == TEMP_FIXED)
        return t;
    if (known_const(s, t, &v))
        return const_of_type(s, (IRType)b->temps[t].type, v);
    const TempFacts *tf = &s->f[t];
    if (tf->has_copy && s->f[tf->copy_of].version == tf->copy_version)
        return tf->copy_of;
    return t;
}

static void forget(FoldState *s, IRTemp t)
{
    TempFacts *tf = &s->f[t];
    tf->version++;
    tf->is_const = false;
    tf->has_copy = false;
}

static void forget_all(FoldState *s, bool globals_only)
{
    for (IRTemp t = 0; t < s->b->ntemps; t++) {
        if (!globals_only || s->b->temps[t].kind == TEMP_GLOBAL)
            forget(s, t);
    }
}

static void record_mov(FoldState *s, IRTemp d, IRTemp src)
{
    uint64_t v;
    forget(s, d);
    if (known_const(s, src, &v)) {
        s->f[d].is_const = true;
        s->f[d].val = v;
    } else if (src != d) {
        s->f[d].has_copy = true;
        s->f[d].copy_of = src;
        s->f[d].copy_version = s->f[src].version;
    }
}

/* Turn op into "mov d, src". */
static void make_mov(FoldState *s, IROp *op, IRTemp src)
{
    IRTemp d = ir_op_out(op, 0);
    bool is64 = s->b->temps[d].type == IR_I64;
    memset(op, 0, sizeof(*op));
    op->opc = is64 ? IR_mov_i64 : IR_mov_i32;
    op->nout = 1;
    op->nin = 1;
    op->args[0] = d;
    op->args[1] = src;
}

static void make_movi(FoldState *s, IROp *op, uint64_t v)
{
    IRTemp d = ir_op_out(op, 0);
    make_mov(s, op, const_of_type(s, (IRType)s->b->temps[d].type, v));
}

/* Algebraic identities with one constant operand.  Returns true when op
 * was rewritten. */
static bool fold_identity(FoldState *s, IROp *op)
{
    uint64_t c;
    IRTemp x = ir_op_in(op, 0), y = ir_op_in(op, 1);
    bool yc = known_const(s, y, &c);
    switch ((IROpc)op->opc) {
    case IR_add_i32: case IR_sub_i32: case IR_or_i32: case IR_xor_i32:
    case IR_shl_i32: case IR_shr_i32: case IR_sar_i32: case IR_rotr_i32:
    case IR_rotl_i32: case IR_andc_i32:
    case IR_add_i64: case IR_sub_i64: case IR_or_i64: case IR_xor_i64:
    case IR_shl_i64: case IR_shr_i64: case IR_sar_i64:
        if (yc && c == 0) {
            make_mov(s, op, x);
            return true;
        }
        break;
    case IR_and_i32:
        if (yc && (uint32_t)c == 0xffffffffu) {
            make_mov(s, op, x);
            return true;
        }
        if (yc && c == 0) {
            make_movi(s, op, 0);
            return true;
        }
        break;
    case IR_mul_i32:
        if (yc && c == 1) {
            make_mov(s, op, x);
            return true;
        }
        break;
    default:
        break;
    }
    return false;
}

/* x op x for ops where that is a constant. */
static bool fold_same_operands(FoldState *s, IROp *op)
{
    if (ir_op_in(op, 0) != ir_op_in(op, 1))
        return false;
    switch ((IROpc)op->opc) {
    case IR_sub_i32: case IR_xor_i32: case IR_andc_i32:
    case IR_sub_i64: case IR_xor_i64:
        make_movi(s, op, 0);
        return true;
    case IR_and_i32: case IR_or_i32: case IR_and_i64: case IR_or_i64:
        make_mov(s, op, ir_op_in(op, 0));
        return true;
    default:
        return false;
    }
}

static bool fold_constant_inputs(FoldState *s, IROp *op)
{
    const IROpDef *d = &ir_op_defs[op->opc];
    if (d->flags & (OPF_SIDE | OPF_MEM | OPF_CALL) || op->nout == 0 || op->nin == 0)
        return false;
    uint64_t in[4] = { 0 }, cst[2] = { 0 }, out[2];
    for (int i = 0; i < op->nin; i++) {
        if (!known_const(s, ir_op_in(op, i), &in[i]))
            return false;
    }
    for (int i = 0; i < op->nconst; i++)
        cst[i] = ir_op_const(op, i);
    if (!ir_eval_op((IROpc)op->opc, in, cst, out))
        return false;
    if (op->nout == 1) {
        make_movi(s, op, out[0]);
        return true;
    }
    return false;
}

static void fold_brcond(FoldState *s, IROp *op)
{
    uint64_t a, c;
    IRCond cond = (IRCond)ir_op_const(op, 0);
    uint64_t label = ir_op_const(op, 1);
    bool known = cond == IR_COND_ALWAYS || cond == IR_COND_NEVER ||
                 (known_const(s, ir_op_in(op, 0), &a) && known_const(s, ir_op_in(op, 1), &c));
    if (!known)
        return;
    bool taken = cond == IR_COND_ALWAYS ||
                 (cond != IR_COND_NEVER && ir_cond_eval32(cond, (uint32_t)a, (uint32_t)c));
    memset(op, 0, sizeof(*op));
    if (taken) {
        op->opc = IR_br;
        op->nconst = 1;
        op->args[0] = label;
    } else {
        op->opc = IR_nop;
    }
}

static void fold_movcond(FoldState *s, IROp *op)
{
    uint64_t a, c;
    if (known_const(s, ir_op_in(op, 0), &a) && known_const(s, ir_op_in(op, 1), &c)) {
        bool t = ir_cond_eval32((IRCond)ir_op_const(op, 0), (uint32_t)a, (uint32_t)c);
        make_mov(s, op, ir_op_in(op, t ? 2 : 3));
    } else if (ir_op_in(op, 2) == ir_op_in(op, 3)) {
        make_mov(s, op, ir_op_in(op, 2));
    }
}

static void fold_op(FoldState *s, IROp *op)
{
    for (int i = 0; i < op->nin; i++)
        op->args[op->nout + i] = canonical(s, ir_op_in(op, i));

    switch ((IROpc)op->opc) {
    case IR_brcond_i32:
        fold_brcond(s, op);
        break;
    case IR_movcond_i32:
        fold_movcond(s, op);
        break;
    case IR_mov_i32:
    case IR_mov_i64:
        break;
    default:
        if (op->nin == 2 && !(ir_op_defs[op->opc].flags & (OPF_SIDE | OPF_MEM | OPF_CALL)) &&
            op->nout == 1 && (fold_same_operands(s, op) || fold_identity(s, op)))
            break;
        fold_constant_inputs(s, op);
        break;
    }

    if (op->opc == IR_label) {
        forget_all(s, false);
        return;
    }
    if (op->opc == IR_call) {
        const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
        if (h->flags & IRH_WRITES_GLOBALS)
            forget_all(s, true);
    }
    if (op->opc == IR_mov_i32 || op->opc == IR_mov_i64) {
        if (ir_op_out(op, 0) == ir_op_in(op, 0)) {
            op->opc = IR_nop;
            op->nout = op->nin = 0;
            return;
        }
        record_mov(s, ir_op_out(op, 0), ir_op_in(op, 0));
        return;
    }
    for (int i = 0; i < op->nout; i++)
        forget(s, ir_op_out(op, i));
}

void ir_fold(IRBlock *b)
{
    FoldState s = { .b = b };
    ensure_facts(&s);
    for (uint32_t i = 0; i < b->nops; i++)
        fold_op(&s, &b->ops[i]);
    free(s.f);
}
