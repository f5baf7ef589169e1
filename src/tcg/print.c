/*
 * IR printer (-d op, -d op_opt and test failures).
 *
 *   add_i32 r0, r1, $0x4
 *   brcond_i32 ZF, $0x0, eq, L1
 */
#include "tcg/ir.h"
#include "tcg/vecop.h"

#include <inttypes.h>

static void print_temp(const IRBlock *b, IRTemp t, FILE *f)
{
    const IRTempInfo *ti = &b->temps[t];
    switch (ti->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        fputs(ti->name ? ti->name : "?", f);
        break;
    case TEMP_CONST:
        fprintf(f, "$0x%" PRIx64, ti->val);
        break;
    default:
        fprintf(f, "t%u%s", t, ti->type == IR_I64 ? "l" : "");
        break;
    }
}

static void print_const(const IROp *op, int i, FILE *f)
{
    uint64_t c = ir_op_const(op, i);
    switch ((IROpc)op->opc) {
    case IR_setcond_i32:
    case IR_setcond_i64:
    case IR_movcond_i32:
        fputs(ir_cond_name((IRCond)c), f);
        return;
    case IR_brcond_i32:
        if (i == 0)
            fputs(ir_cond_name((IRCond)c), f);
        else
            fprintf(f, "L%" PRIu64, c);
        return;
    case IR_label:
    case IR_br:
        fprintf(f, "L%" PRIu64, c);
        return;
    case IR_call:
        fputs(((const IRHelper *)(uintptr_t)c)->name, f);
        return;
    case IR_vop:
        if (i == 0) {
            fprintf(f, "%s.%u%s", vop_name(VOP_KIND((uint32_t)c)), 8u << VOP_ESZ((uint32_t)c),
                    VOP_Q((uint32_t)c) ? "q" : "");
            if (VOP_IMM((uint32_t)c))
                fprintf(f, "#%u", VOP_IMM((uint32_t)c));
            return;
        }
        if (i == 4)
            return;
        fprintf(f, "env+%" PRIu64, c);
        return;
    case IR_ld_i32:
    case IR_st_i32:
    case IR_ld_i64:
    case IR_st_i64:
    case IR_cmpxchg_i32:
    case IR_cmpxchg_i64:
    case IR_xchg_i32:
        fprintf(f, "%s%u%s", (c & MO_SIGN) ? "s" : "u", 8 * memop_size((MemOp)c),
                (c & MO_BSWAP) ? "_bswap" : "");
        return;
    default:
        fprintf(f, "0x%" PRIx64, c);
        return;
    }
}

void ir_print_op(const IRBlock *b, const IROp *op, FILE *f)
{
    if (op->opc == IR_insn_start) {
        fprintf(f, " ---- 0x%08" PRIx64 "\n", op->args[0]);
        return;
    }
    fprintf(f, " %s", ir_op_defs[op->opc].name);
    int n = 0;
    for (int i = 0; i < op->nout + op->nin; i++, n++) {
        fputs(n ? ", " : " ", f);
        print_temp(b, (IRTemp)op->args[i], f);
    }
    for (int i = 0; i < op->nconst; i++, n++) {
        fputs(n ? ", " : " ", f);
        print_const(op, i, f);
    }
    if (op->dead) {
        fputs("  dead:", f);
        for (int i = 0; i < op->nin; i++) {
            if (op->dead & (1u << i))
                fprintf(f, " %d", i);
        }
    }
    fputc('\n', f);
}

void ir_print(const IRBlock *b, FILE *f)
{
    fprintf(f, "IR block pc=0x%08x flags=0x%x (%u insns, %u ops)\n", b->pc, b->flags,
            b->ninsns, b->nops);
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc != IR_nop)
            ir_print_op(b, &b->ops[i], f);
    }
}
