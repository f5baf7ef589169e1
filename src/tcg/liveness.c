/*
 * Liveness: one backward pass that deletes ops whose results nobody reads
 * (dead code, and dead guest flags: a flag computation overwritten before
 * any read within the block disappears here) and records, per op, which
 * inputs are read for the last time (IROp.dead) so the register allocator
 * can free their registers.
 *
 * What is live where:
 *   - at an exit, every global (env must be complete) and no normal temp;
 *   - at a branch, what the fall-through path needs plus what is live
 *     after the target label (recorded when the backward pass meets it);
 *   - at a label, no normal temp (they do not survive labels);
 *   - at an op that may fault (OPF_MEM), every global: a guest signal
 *     handler must see every register as of that instruction, so earlier
 *     writes cannot be dropped even when a later write overwrites them
 *     (except the globals the guest marks fault_lazy, whose liveness
 *     there is what later ops need);
 *   - at a helper call that reads guest state, every global.
 *
 * For globals the dead bits mean something weaker: "no later op of this
 * straight-line run reads this guest register", which tells the register
 * allocator not to keep (or load) it in a host register for later.
 */
#include "tcg/ir.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"

static void all_globals_live(const IRBlock *b, uint8_t *live)
{
    for (IRTemp t = 0; t < b->ctx->nglobals; t++)
        live[t] = 1;
}

/* Normal temps do not live across labels or exits.  In valid IR (see
 * the verifier) every temp read after a label is written after it, so the
 * backward pass has already cleared it by the time it meets the label or
 * an exit; nothing needs clearing there. */

static bool op_removable(const IROp *op)
{
    const IROpDef *d = &ir_op_defs[op->opc];
    if (op->opc == IR_discard_i32)
        return false;
    if (op->opc == IR_call) {
        const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
        return (h->flags & IRH_PURE) && op->nout > 0;
    }
    return !(d->flags & (OPF_SIDE | OPF_MEM)) && op->nout > 0;
}

static bool forces_globals_live(const IROp *op)
{
    const IROpDef *d = &ir_op_defs[op->opc];
    if (d->flags & OPF_EXIT)
        return true;
    if (op->opc == IR_call) {
        const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
        return (h->flags & (IRH_READS_GLOBALS | IRH_WRITES_GLOBALS | IRH_NORETURN)) != 0;
    }
    return false;
}

typedef struct LiveState {
    uint8_t *live;          /* per temp */
    uint8_t *read_later;    /* per global: read again in this run */
    uint8_t *at_label;      /* per label x global: live just after the label */
} LiveState;

/* Globals live at a branch to label: those live after the label. */
static void merge_label(const IRBlock *b, LiveState *st, uint64_t label, bool replace)
{
    const uint8_t *l = st->at_label + label * b->ctx->nglobals;
    for (IRTemp t = 0; t < b->ctx->nglobals; t++)
        st->live[t] = replace ? l[t] : (st->live[t] | l[t]);
}

static void live_op(IRBlock *b, IROp *op, LiveState *st)
{
    uint8_t *live = st->live, *read_later = st->read_later;
    const IROpDef *d = &ir_op_defs[op->opc];

    if (op->opc == IR_label) {
        memcpy(st->at_label + ir_op_const(op, 0) * b->ctx->nglobals, live, b->ctx->nglobals);
        memset(read_later, 0, b->ctx->nglobals);
        return;
    }
    if (d->flags & OPF_EXIT)
        memset(read_later, 0, b->ctx->nglobals);
    if (op->opc == IR_br) {
        merge_label(b, st, ir_op_const(op, 0), true);
        return;
    }
    if (op->opc == IR_brcond_i32)
        merge_label(b, st, ir_op_const(op, 1), false);

    if (op_removable(op)) {
        bool any = false;
        for (int i = 0; i < op->nout; i++)
            any |= live[ir_op_out(op, i)] != 0;
        if (!any) {
            op->opc = IR_nop;
            op->nout = op->nin = op->nconst = 0;
            return;
        }
    }

    op->dead = 0;
    for (int i = 0; i < op->nout; i++) {
        IRTemp t = ir_op_out(op, i);
        if (!live[t])
            op->dead |= 1u << (IR_DEAD_OUT_SHIFT + i);
        live[t] = 0;
    }
    if (forces_globals_live(op)) {
        all_globals_live(b, live);
    } else if (ir_op_defs[op->opc].flags & OPF_MEM) {
        for (IRTemp t = 0; t < b->ctx->nglobals; t++)
            live[t] |= !b->ctx->fault_lazy[t];
    }
    if (op->opc == IR_goto_tb && b->ctx->pc_global)
        live[b->ctx->pc_global] = 0;   /* goto_tb writes the pc itself */
    for (int i = 0; i < op->nin; i++) {
        IRTemp t = ir_op_in(op, i);
        if (b->temps[t].kind != TEMP_NORMAL)
            continue;
        if (!live[t])
            op->dead |= 1u << i;
        live[t] = 1;
    }
    /* Globals read by the op are live before it. */
    for (int i = 0; i < op->nout; i++) {
        IRTemp t = ir_op_out(op, i);
        if (b->temps[t].kind == TEMP_GLOBAL)
            read_later[t] = 0;
    }
    for (int i = 0; i < op->nin; i++) {
        IRTemp t = ir_op_in(op, i);
        if (b->temps[t].kind != TEMP_GLOBAL)
            continue;
        live[t] = 1;
        if (!read_later[t])
            op->dead |= 1u << i;
    }
    for (int i = 0; i < op->nin; i++) {
        IRTemp t = ir_op_in(op, i);
        if (b->temps[t].kind == TEMP_GLOBAL)
            read_later[t] = 1;
    }
}

/* Ops after an unconditional branch or exit and before the next label
 * can never run. */
static void remove_unreachable(IRBlock *b)
{
    bool reachable = true;
    for (uint32_t i = 0; i < b->nops; i++) {
        IROp *op = &b->ops[i];
        if (op->opc == IR_label) {
            reachable = true;
        } else if (!reachable) {
            op->opc = IR_nop;
            op->nout = op->nin = op->nconst = 0;
        } else if (op->opc == IR_br || (ir_op_defs[op->opc].flags & OPF_EXIT)) {
            reachable = false;
        }
    }
}

void ir_liveness(IRBlock *b)
{
    remove_unreachable(b);
    LiveState st = {
        .live = calloc(b->ntemps + 1, 1),
        .read_later = calloc(b->ctx->nglobals + 1, 1),
        .at_label = calloc((size_t)(b->nlabels + 1) * b->ctx->nglobals, 1),
    };
    if (!st.live || !st.read_later || !st.at_label)
        ferry_fatal("out of memory");
    all_globals_live(b, st.live);
    for (uint32_t i = b->nops; i-- > 0;) {
        IROp *op = &b->ops[i];
        if (op->opc != IR_nop)
            live_op(b, op, &st);
    }
    free(st.live);
    free(st.read_later);
    free(st.at_label);
}

void ir_optimize(IRBlock *b)
{
    ir_fold(b);
    ir_liveness(b);
}
