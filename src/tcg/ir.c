/*
 * IR blocks: op and temp storage, constants, labels, and the op table
 * generated from ops.def.
 */
#include "tcg/ir.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"

const IROpDef ir_op_defs[IR_NB_OPS] = {
#define DEF(n, o, i, nc, fl) \
    [IR_##n] = { #n, o, i, sizeof(o) - 1, sizeof(i) - 1, nc, fl },
#include "tcg/ops.def"
#undef DEF
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        ferry_fatal("out of memory (%zu bytes)", n);
    return q;
}

void ir_context_init(IRContext *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->globals[0] = (IRTempInfo){ .type = IR_PTR, .kind = TEMP_FIXED, .name = "env" };
    ctx->nglobals = 1;
}

IRTemp ir_context_global(IRContext *ctx, IRType type, int32_t offset, const char *name)
{
    FERRY_ASSERT(ctx->nglobals < IR_MAX_GLOBALS);
    IRTemp t = ctx->nglobals++;
    ctx->globals[t] = (IRTempInfo){
        .type = (uint8_t)type, .kind = TEMP_GLOBAL, .env_offset = offset, .name = name,
    };
    return t;
}

IRBlock *ir_block_new(const IRContext *ctx, uint32_t pc, uint32_t flags)
{
    IRBlock *b = calloc(1, sizeof(*b));
    if (!b)
        ferry_fatal("out of memory");
    b->ctx = ctx;
    b->cap_ops = 256;
    b->ops = xrealloc(NULL, b->cap_ops * sizeof(IROp));
    b->cap_temps = 256;
    b->temps = xrealloc(NULL, b->cap_temps * sizeof(IRTempInfo));
    b->const_hash_size = 512;
    b->const_hash = xrealloc(NULL, b->const_hash_size * sizeof(uint32_t));
    b->const_gen = calloc(b->const_hash_size, sizeof(uint32_t));
    if (!b->const_gen)
        ferry_fatal("out of memory");
    ir_block_reset(b, pc, flags);
    return b;
}

void ir_block_reset(IRBlock *b, uint32_t pc, uint32_t flags)
{
    b->nops = 0;
    b->ntemps = b->ctx->nglobals;
    memcpy(b->temps, b->ctx->globals, b->ctx->nglobals * sizeof(IRTempInfo));
    b->nlabels = 0;
    b->pc = pc;
    b->flags = flags;
    b->guest_size = 0;
    b->ninsns = 0;
    b->gen++;
}

void ir_block_free(IRBlock *b)
{
    if (!b)
        return;
    free(b->ops);
    free(b->temps);
    free(b->const_hash);
    free(b->const_gen);
    free(b);
}

static IRTemp new_temp(IRBlock *b, IRType type, int kind)
{
    if (b->ntemps == b->cap_temps) {
        b->cap_temps *= 2;
        b->temps = xrealloc(b->temps, b->cap_temps * sizeof(IRTempInfo));
    }
    IRTemp t = b->ntemps++;
    b->temps[t] = (IRTempInfo){ .type = (uint8_t)type, .kind = (uint8_t)kind };
    return t;
}

IRTemp ir_temp(IRBlock *b, IRType type)
{
    return new_temp(b, type, TEMP_NORMAL);
}

static void const_hash_grow(IRBlock *b);

static uint32_t const_slot_hash(IRType type, uint64_t v)
{
    return (uint32_t)((v * 0x9e3779b97f4a7c15ull) >> 40) ^ type;
}

static IRTemp const_temp(IRBlock *b, IRType type, uint64_t v)
{
    uint32_t mask = b->const_hash_size - 1;
    for (uint32_t i = const_slot_hash(type, v) & mask;; i = (i + 1) & mask) {
        if (b->const_gen[i] != b->gen) {
            IRTemp n = new_temp(b, type, TEMP_CONST);
            b->temps[n].val = v;
            b->const_hash[i] = n;
            b->const_gen[i] = b->gen;
            if (b->ntemps * 2 > b->const_hash_size)
                const_hash_grow(b);
            return n;
        }
        uint32_t t = b->const_hash[i];
        if (b->temps[t].type == type && b->temps[t].val == v)
            return t;
    }
}

/* Rebuild the constant table at twice the size (counts all temps, so the
 * table stays at most half full). */
static void const_hash_grow(IRBlock *b)
{
    uint32_t size = b->const_hash_size * 2;
    b->const_hash = xrealloc(b->const_hash, size * sizeof(uint32_t));
    free(b->const_gen);
    b->const_gen = calloc(size, sizeof(uint32_t));
    if (!b->const_gen)
        ferry_fatal("out of memory");
    b->const_hash_size = size;
    for (IRTemp t = 0; t < b->ntemps; t++) {
        if (b->temps[t].kind != TEMP_CONST)
            continue;
        uint32_t i = const_slot_hash((IRType)b->temps[t].type, b->temps[t].val) & (size - 1);
        while (b->const_gen[i] == b->gen)
            i = (i + 1) & (size - 1);
        b->const_hash[i] = t;
        b->const_gen[i] = b->gen;
    }
}

IRTemp ir_const_i32(IRBlock *b, uint32_t v)
{
    return const_temp(b, IR_I32, v);
}

IRTemp ir_const_i64(IRBlock *b, uint64_t v)
{
    return const_temp(b, IR_I64, v);
}

uint32_t ir_new_label(IRBlock *b)
{
    return b->nlabels++;
}

IROp *ir_emit(IRBlock *b, IROpc opc)
{
    if (b->nops == b->cap_ops) {
        b->cap_ops *= 2;
        b->ops = xrealloc(b->ops, b->cap_ops * sizeof(IROp));
    }
    IROp *op = &b->ops[b->nops++];
    const IROpDef *d = &ir_op_defs[opc];
    memset(op, 0, sizeof(*op));
    op->opc = (uint16_t)opc;
    op->nout = d->nout;
    op->nin = d->nin;
    op->nconst = d->nconst;
    return op;
}

IROp *ir_emit_args(IRBlock *b, IROpc opc, const uint64_t *args)
{
    IROp *op = ir_emit(b, opc);
    int n = op->nout + op->nin + op->nconst;
    memcpy(op->args, args, n * sizeof(uint64_t));
    return op;
}

void ir_call(IRBlock *b, const IRHelper *h, IRTemp ret, const IRTemp *args)
{
    IROp *op = ir_emit(b, IR_call);
    int n = 0;
    op->nout = h->ret != IR_VOID;
    if (op->nout)
        op->args[n++] = ret;
    op->nin = h->nargs;
    for (int i = 0; i < h->nargs; i++)
        op->args[n++] = args[i];
    op->nconst = 1;
    op->args[n] = (uint64_t)(uintptr_t)h;
}

IRCond ir_cond_invert(IRCond c)
{
    static const IRCond inv[] = {
        [IR_COND_EQ] = IR_COND_NE, [IR_COND_NE] = IR_COND_EQ,
        [IR_COND_LT] = IR_COND_GE, [IR_COND_GE] = IR_COND_LT,
        [IR_COND_LE] = IR_COND_GT, [IR_COND_GT] = IR_COND_LE,
        [IR_COND_LTU] = IR_COND_GEU, [IR_COND_GEU] = IR_COND_LTU,
        [IR_COND_LEU] = IR_COND_GTU, [IR_COND_GTU] = IR_COND_LEU,
        [IR_COND_TSTEQ] = IR_COND_TSTNE, [IR_COND_TSTNE] = IR_COND_TSTEQ,
        [IR_COND_ALWAYS] = IR_COND_NEVER, [IR_COND_NEVER] = IR_COND_ALWAYS,
    };
    return inv[c];
}

IRCond ir_cond_swap(IRCond c)
{
    static const IRCond sw[] = {
        [IR_COND_EQ] = IR_COND_EQ, [IR_COND_NE] = IR_COND_NE,
        [IR_COND_LT] = IR_COND_GT, [IR_COND_GE] = IR_COND_LE,
        [IR_COND_LE] = IR_COND_GE, [IR_COND_GT] = IR_COND_LT,
        [IR_COND_LTU] = IR_COND_GTU, [IR_COND_GEU] = IR_COND_LEU,
        [IR_COND_LEU] = IR_COND_GEU, [IR_COND_GTU] = IR_COND_LTU,
        [IR_COND_TSTEQ] = IR_COND_TSTEQ, [IR_COND_TSTNE] = IR_COND_TSTNE,
        [IR_COND_ALWAYS] = IR_COND_ALWAYS, [IR_COND_NEVER] = IR_COND_NEVER,
    };
    return sw[c];
}

const char *ir_cond_name(IRCond c)
{
    static const char *names[] = {
        "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
        "tsteq", "tstne", "always", "never",
    };
    return c <= IR_COND_NEVER ? names[c] : "?";
}

bool ir_cond_eval64(IRCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int64_t)a < (int64_t)b;
    case IR_COND_GE: return (int64_t)a >= (int64_t)b;
    case IR_COND_LE: return (int64_t)a <= (int64_t)b;
    case IR_COND_GT: return (int64_t)a > (int64_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: return false;
    }
    return false;
}

bool ir_cond_eval32(IRCond c, uint32_t a, uint32_t b)
{
    /* Sign-extend so the signed comparisons of the 64-bit form apply;
     * unsigned and equality results are unchanged by it. */
    return ir_cond_eval64(c, (uint64_t)(int64_t)(int32_t)a, (uint64_t)(int64_t)(int32_t)b);
}
