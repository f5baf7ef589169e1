/*
 * ARM branches, exception-generating instructions, hints and barriers.
 *
 * Direct branches chain through goto_tb slots; register branches go
 * through the jump cache (arm_gen_bx / arm_gen_branch_reg).  SVC, BKPT and
 * undefined encodings leave the block with an exit code that the cpu loop
 * hands to arm_guest's handle_exit.
 */
#include "frontend/arm/translate.h"

/* The link value: the next instruction, with bit 0 set in Thumb state. */
static IRTemp link_value(DisasContext *dc)
{
    IRTemp t = ir_temp_i32(dc->b);
    ir_mov_i32(dc->b, t, ir_const_i32(dc->b, dc->next_pc | (dc->thumb ? 1 : 0)));
    return t;
}

bool arm_trans_b(DisasContext *dc, int32_t offset)
{
    arm_gen_jmp(dc, arm_pc_read(dc) + (uint32_t)offset, dc->thumb);
    return true;
}

bool arm_trans_bl(DisasContext *dc, int32_t offset)
{
    arm_store_reg(dc, 14, link_value(dc));
    arm_gen_jmp(dc, arm_pc_read(dc) + (uint32_t)offset, dc->thumb);
    return true;
}

/* BLX <label> always changes instruction set; from Thumb the target is
 * relative to Align(PC, 4). */
bool arm_trans_blx_imm(DisasContext *dc, int32_t offset)
{
    uint32_t base = arm_pc_read(dc);
    if (dc->thumb)
        base &= ~3u;
    arm_store_reg(dc, 14, link_value(dc));
    arm_gen_jmp(dc, base + (uint32_t)offset, !dc->thumb);
    return true;
}

bool arm_trans_bx(DisasContext *dc, int rm)
{
    arm_gen_bx(dc, arm_load_reg(dc, rm));
    return true;
}

bool arm_trans_blx_reg(DisasContext *dc, int rm)
{
    if (rm == 15)
        return false;
    IRTemp dest = arm_load_reg(dc, rm);   /* read before lr is written */
    arm_store_reg(dc, 14, link_value(dc));
    arm_gen_bx(dc, dest);
    return true;
}

/* The immediate is ignored: Linux EABI takes the call number from r7. */
bool arm_trans_svc(DisasContext *dc, uint32_t imm)
{
    arm_gen_exit(dc, EXIT_SYSCALL, dc->next_pc);
    return true;
}

bool arm_trans_bkpt(DisasContext *dc, uint32_t imm)
{
    arm_gen_exit(dc, EXIT_BKPT, dc->pc);
    return true;
}

/* Permanently undefined: a guest SIGILL, without the "unsupported" log. */
bool arm_trans_udf(DisasContext *dc)
{
    arm_gen_exit(dc, EXIT_UNDEF, dc->pc);
    return true;
}

bool arm_trans_nop(DisasContext *dc)
{
    return true;
}

/* The host is TSO: only store->load ordering costs a fence, which the
 * backend emits for IR_MB_ST_LD; the full barrier also keeps the IR
 * passes from moving accesses across it. */
bool arm_trans_dmb(DisasContext *dc, int option)
{
    ir_mb(dc->b, IR_MB_ALL);
    return true;
}

bool arm_trans_dsb(DisasContext *dc, int option)
{
    ir_mb(dc->b, IR_MB_ALL);
    return true;
}

/* Ending the block makes the next instruction go through the block lookup,
 * so code written (and invalidated) before the ISB is seen. */
bool arm_trans_isb(DisasContext *dc)
{
    ir_mb(dc->b, IR_MB_ALL);
    dc->state = DISAS_UPDATE;
    return true;
}
