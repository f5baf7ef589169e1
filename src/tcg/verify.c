/*
 * IR verifier: operand types match ops.def, outputs are writable temps,
 * labels are defined once and only jumped to forward, and no normal temp
 * is read before it is written in the current straight-line region (temps
 * do not survive labels).  Runs on every block in debug and test builds.
 */
#include "tcg/ir.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct VerifyState {
    const IRBlock *b;
    char *msg;
    size_t msglen;
    uint8_t *defined;   /* per temp: written in the current region */
    uint8_t *label_seen;
    uint8_t *label_ref;
} VerifyState;

static bool fail(VerifyState *s, uint32_t opi, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(s->msg, s->msglen, "op %u (%s): ", opi,
                     opi < s->b->nops ? ir_op_defs[s->b->ops[opi].opc].name : "-");
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < s->msglen)
        vsnprintf(s->msg + n, s->msglen - n, fmt, ap);
    va_end(ap);
    return false;
}

static IRType letter_type(char c)
{
    return c == 'l' ? IR_I64 : c == 'p' ? IR_PTR : IR_I32;
}

static bool check_operand_types(VerifyState *s, uint32_t opi, const IROp *op)
{
    const IROpDef *d = &ir_op_defs[op->opc];
    const IRBlock *b = s->b;
    if (op->opc == IR_call) {
        const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
        if (!h || op->nin != h->nargs || op->nout != (h->ret != IR_VOID))
            return fail(s, opi, "call operands do not match helper");
        for (int i = 0; i < op->nin; i++) {
            if (b->temps[ir_op_in(op, i)].type != h->args[i])
                return fail(s, opi, "call argument %d has the wrong type", i);
        }
        if (op->nout && b->temps[ir_op_out(op, 0)].type != h->ret)
            return fail(s, opi, "call result has the wrong type");
        return true;
    }
    if (op->nout != d->nout || op->nin != d->nin || op->nconst != d->nconst)
        return fail(s, opi, "operand counts differ from ops.def");
    for (int i = 0; i < op->nout; i++) {
        if (b->temps[ir_op_out(op, i)].type != letter_type(d->outs[i]))
            return fail(s, opi, "output %d has the wrong type", i);
    }
    for (int i = 0; i < op->nin; i++) {
        if (b->temps[ir_op_in(op, i)].type != letter_type(d->ins[i]))
            return fail(s, opi, "input %d has the wrong type", i);
    }
    return true;
}

static bool check_temps(VerifyState *s, uint32_t opi, const IROp *op)
{
    const IRBlock *b = s->b;
    for (int i = 0; i < op->nout + op->nin; i++) {
        if (op->args[i] >= b->ntemps)
            return fail(s, opi, "operand %d is not a temp", i);
    }
    for (int i = 0; i < op->nin; i++) {
        IRTemp t = ir_op_in(op, i);
        if (b->temps[t].kind == TEMP_NORMAL && !s->defined[t])
            return fail(s, opi, "input %d (t%u) read before written in this region", i, t);
    }
    for (int i = 0; i < op->nout; i++) {
        IRTemp t = ir_op_out(op, i);
        int k = b->temps[t].kind;
        if (k == TEMP_CONST || k == TEMP_FIXED)
            return fail(s, opi, "output %d is read-only", i);
        s->defined[t] = 1;
    }
    return true;
}

static bool check_labels(VerifyState *s, uint32_t opi, const IROp *op)
{
    const IRBlock *b = s->b;
    uint64_t label;
    switch (op->opc) {
    case IR_label:
        label = ir_op_const(op, 0);
        if (label >= b->nlabels || s->label_seen[label])
            return fail(s, opi, "label L%llu undefined or placed twice",
                        (unsigned long long)label);
        s->label_seen[label] = 1;
        /* normal temps die at labels */
        for (IRTemp t = 0; t < b->ntemps; t++) {
            if (b->temps[t].kind == TEMP_NORMAL)
                s->defined[t] = 0;
        }
        return true;
    case IR_br:
    case IR_brcond_i32:
        label = ir_op_const(op, op->opc == IR_br ? 0 : 1);
        if (label >= b->nlabels || s->label_seen[label])
            return fail(s, opi, "branch to undefined or backward label");
        s->label_ref[label] = 1;
        return true;
    default:
        return true;
    }
}

bool ir_verify(const IRBlock *b, char *msg, size_t msglen)
{
    VerifyState s = { .b = b, .msg = msg, .msglen = msglen };
    s.defined = calloc(b->ntemps + 1, 1);
    s.label_seen = calloc(b->nlabels + 1, 1);
    s.label_ref = calloc(b->nlabels + 1, 1);
    bool ok = true;
    bool ended = false;
    for (uint32_t i = 0; ok && i < b->nops; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc >= IR_NB_OPS) {
            ok = fail(&s, i, "bad opcode %u", op->opc);
            break;
        }
        if (op->opc == IR_nop)
            continue;
        ok = check_operand_types(&s, i, op) && check_temps(&s, i, op) &&
             check_labels(&s, i, op);
        ended = (ir_op_defs[op->opc].flags & OPF_EXIT) || op->opc == IR_br;
    }
    for (uint32_t l = 0; ok && l < b->nlabels; l++) {
        if (s.label_ref[l] && !s.label_seen[l])
            ok = fail(&s, b->nops, "label L%u is jumped to but never placed", l);
    }
    if (ok && !ended)
        ok = fail(&s, b->nops, "block does not end with an exit");
    free(s.defined);
    free(s.label_seen);
    free(s.label_ref);
    if (ok && msglen)
        msg[0] = 0;
    return ok;
}
