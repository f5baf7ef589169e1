/*
 * Unit tests of the IR passes: the verifier rejects malformed blocks, the
 * folder computes constants and propagates copies, and liveness removes
 * dead code and dead flag computations while keeping what may be observed.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tcg/ir.h"

static int passed, failed;
static IRContext ctx;
static IRTemp R0, R1, R2, NF, ZF;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

static bool verifies(IRBlock *b)
{
    char msg[200];
    return ir_verify(b, msg, sizeof(msg));
}

static int count_ops(const IRBlock *b, IROpc opc)
{
    int n = 0;
    for (uint32_t i = 0; i < b->nops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

static const IROp *last_op(const IRBlock *b, IROpc opc)
{
    for (uint32_t i = b->nops; i-- > 0;) {
        if (b->ops[i].opc == opc)
            return &b->ops[i];
    }
    return NULL;
}

static void test_verifier(void)
{
    IRBlock *b = ir_block_new(&ctx, 0, 0);
    ir_add_i32(b, R0, R1, ir_const_i32(b, 4));
    ir_exit_tb(b, 0);
    check(verifies(b), "a simple block verifies");

    ir_block_reset(b, 0, 0);
    IRTemp l = ir_temp_i64(b);
    ir_add_i32(b, R0, R1, l);
    ir_exit_tb(b, 0);
    check(!verifies(b), "an i64 operand of add_i32 is rejected");

    ir_block_reset(b, 0, 0);
    IRTemp t = ir_temp_i32(b);
    ir_mov_i32(b, t, R1);
    uint32_t lab = ir_new_label(b);
    ir_brcond_i32(b, IR_COND_EQ, R0, ir_const_i32(b, 0), lab);
    ir_label(b, lab);
    ir_mov_i32(b, R2, t);
    ir_exit_tb(b, 0);
    check(!verifies(b), "a normal temp read after a label is rejected");

    ir_block_reset(b, 0, 0);
    lab = ir_new_label(b);
    ir_label(b, lab);
    ir_br(b, lab);
    ir_exit_tb(b, 0);
    check(!verifies(b), "a backward branch is rejected");

    ir_block_reset(b, 0, 0);
    ir_mov_i32(b, R0, R1);
    check(!verifies(b), "a block without an exit is rejected");

    ir_block_reset(b, 0, 0);
    ir_mov_i32(b, ir_const_i32(b, 3), R1);
    ir_exit_tb(b, 0);
    check(!verifies(b), "writing a constant is rejected");

    ir_block_reset(b, 0, 0);
    t = ir_temp_i32(b);
    ir_add_i32(b, R0, t, R1);
    ir_exit_tb(b, 0);
    check(!verifies(b), "reading an unwritten temp is rejected");
    ir_block_free(b);
}

static void test_fold(void)
{
    IRBlock *b = ir_block_new(&ctx, 0, 0);
    IRTemp t = ir_temp_i32(b), u = ir_temp_i32(b);
    ir_mov_i32(b, t, ir_const_i32(b, 6));
    ir_mul_i32(b, u, t, ir_const_i32(b, 7));
    ir_add_i32(b, R0, u, ir_const_i32(b, 0));
    ir_exit_tb(b, 0);
    ir_fold(b);
    const IROp *op = last_op(b, IR_mov_i32);
    check(op && ir_op_out(op, 0) == R0 && ir_is_const(b, ir_op_in(op, 0)) &&
              ir_const_val(b, ir_op_in(op, 0)) == 42,
          "6 * 7 + 0 folds to mov r0, 42");

    ir_block_reset(b, 0, 0);
    t = ir_temp_i32(b);
    ir_mov_i32(b, t, R1);
    ir_add_i32(b, R0, t, R2);
    ir_exit_tb(b, 0);
    ir_fold(b);
    op = last_op(b, IR_add_i32);
    check(op && ir_op_in(op, 0) == R1, "copy propagation reads r1 instead of the copy");

    ir_block_reset(b, 0, 0);
    t = ir_temp_i32(b);
    ir_mov_i32(b, t, R1);
    ir_mov_i32(b, R1, ir_const_i32(b, 5));
    ir_add_i32(b, R0, t, R2);
    ir_exit_tb(b, 0);
    ir_fold(b);
    op = last_op(b, IR_add_i32);
    check(op && ir_op_in(op, 0) == t, "a copy of a redefined register is not propagated");

    ir_block_reset(b, 0, 0);
    uint32_t lab = ir_new_label(b);
    ir_brcond_i32(b, IR_COND_LTU, ir_const_i32(b, 1), ir_const_i32(b, 2), lab);
    ir_mov_i32(b, R0, R1);
    ir_label(b, lab);
    ir_exit_tb(b, 0);
    ir_fold(b);
    check(count_ops(b, IR_br) == 1 && count_ops(b, IR_brcond_i32) == 0,
          "a branch on constants becomes br");

    ir_block_reset(b, 0, 0);
    ir_sub_i32(b, R0, R1, R1);
    ir_divs_i32(b, R2, ir_const_i32(b, 0x80000000u), ir_const_i32(b, 0xffffffffu));
    ir_exit_tb(b, 0);
    ir_fold(b);
    op = &b->ops[0];
    check(op->opc == IR_mov_i32 && ir_const_val(b, ir_op_in(op, 0)) == 0, "x - x folds to 0");
    op = &b->ops[1];
    check(op->opc == IR_mov_i32 && ir_const_val(b, ir_op_in(op, 0)) == 0x80000000u,
          "INT_MIN / -1 folds to INT_MIN");
    ir_block_free(b);
}

static void test_liveness(void)
{
    IRBlock *b = ir_block_new(&ctx, 0, 0);
    /* two flag-setting compares: the first one's flags are dead */
    ir_sub_i32(b, NF, R0, R1);
    ir_mov_i32(b, ZF, NF);
    ir_sub_i32(b, NF, R0, R2);
    ir_mov_i32(b, ZF, NF);
    IRTemp t = ir_temp_i32(b);
    ir_add_i32(b, t, R0, R1);   /* never read */
    ir_exit_tb(b, 0);
    ir_liveness(b);
    check(count_ops(b, IR_sub_i32) == 1, "an overwritten flag computation is removed");
    check(count_ops(b, IR_add_i32) == 0, "an unused temp computation is removed");
    check(count_ops(b, IR_mov_i32) == 1, "the surviving flags are kept");

    ir_block_reset(b, 0, 0);
    ir_sub_i32(b, NF, R0, R1);
    ir_ld_i32(b, R2, R0, MO_32);
    ir_sub_i32(b, NF, R0, R2);
    ir_exit_tb(b, 0);
    ir_liveness(b);
    check(count_ops(b, IR_sub_i32) == 2,
          "a register write before a faulting load is kept (precise faults)");

    ir_block_reset(b, 0, 0);
    ir_exit_tb(b, 0);
    ir_mov_i32(b, R0, R1);
    uint32_t lab = ir_new_label(b);
    ir_label(b, lab);
    ir_exit_tb(b, 1);
    ir_liveness(b);
    check(count_ops(b, IR_mov_i32) == 0, "unreachable code after an exit is removed");

    ir_block_reset(b, 0, 0);
    t = ir_temp_i32(b);
    ir_add_i32(b, t, R0, R1);
    ir_add_i32(b, R2, t, R1);
    ir_exit_tb(b, 0);
    ir_liveness(b);
    check((b->ops[1].dead & 1) != 0, "the last use of a temp is marked");
    check((b->ops[0].dead & 2) == 0, "a guest register read again later is not marked");
    check((b->ops[0].dead & 1) != 0, "a guest register not read again is marked");
    ir_block_free(b);
}

int main(void)
{
    static uint32_t fake_env[16];
    ir_context_init(&ctx);
    R0 = ir_context_global(&ctx, IR_I32, 0, "r0");
    R1 = ir_context_global(&ctx, IR_I32, 4, "r1");
    R2 = ir_context_global(&ctx, IR_I32, 8, "r2");
    NF = ir_context_global(&ctx, IR_I32, 12, "NF");
    ZF = ir_context_global(&ctx, IR_I32, 16, "ZF");
    (void)fake_env;
    test_verifier();
    test_fold();
    test_liveness();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
