/*
 * Thumb 16-bit (T16) decoding table and handlers (ARMv7-A).
 *
 * Each handler extracts the fields of its encoding class and calls the
 * shared arm_trans_* semantics.  Most 16-bit data-processing instructions
 * set the flags only outside an IT block (ADDS vs ADD<c>), which is why
 * handlers look at t->it.  Field letters: d/n/m/t registers, i immediate,
 * o opcode, c condition, r register list.
 */
#include "common/bits.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"

static uint32_t fld(const ThumbInsn *t, char c)
{
    return arm_thumb_field(t, c);
}

/* Flag-setting forms set flags only outside an IT block. */
static bool sets_flags(const ThumbInsn *t)
{
    return t->it == 0;
}

static bool dp_reg(DisasContext *dc, int op, bool s, int rd, int rn, int rm)
{
    ArmArgDPShiftImm a = { .op = op, .s = s, .rd = rd, .rn = rn, .rm = rm };
    return arm_trans_dp_shift_imm(dc, &a);
}

static bool dp_imm(DisasContext *dc, int op, bool s, int rd, int rn, uint32_t imm)
{
    ArmArgDPImm a = { .op = op, .s = s, .rd = rd, .rn = rn, .imm = imm };
    return arm_trans_dp_imm(dc, &a);
}

/* ---- shift, add, subtract, move, compare ---- */

/* LSL/LSR/ASR #imm5 (LSL #0 is MOVS rd, rm). */
static bool t16_shift_imm(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgDPShiftImm a = {
        .op = ARM_DP_MOV, .s = sets_flags(t), .rd = fld(t, 'd'),
        .rm = fld(t, 'm'), .shtype = fld(t, 'o'), .shimm = fld(t, 'i'),
    };
    return arm_trans_dp_shift_imm(dc, &a);
}

static bool t16_add_reg(DisasContext *dc, const ThumbInsn *t)
{
    return dp_reg(dc, ARM_DP_ADD, sets_flags(t), fld(t, 'd'), fld(t, 'n'), fld(t, 'm'));
}

static bool t16_sub_reg(DisasContext *dc, const ThumbInsn *t)
{
    return dp_reg(dc, ARM_DP_SUB, sets_flags(t), fld(t, 'd'), fld(t, 'n'), fld(t, 'm'));
}

static bool t16_add_imm3(DisasContext *dc, const ThumbInsn *t)
{
    return dp_imm(dc, ARM_DP_ADD, sets_flags(t), fld(t, 'd'), fld(t, 'n'), fld(t, 'i'));
}

static bool t16_sub_imm3(DisasContext *dc, const ThumbInsn *t)
{
    return dp_imm(dc, ARM_DP_SUB, sets_flags(t), fld(t, 'd'), fld(t, 'n'), fld(t, 'i'));
}

/* MOV/CMP/ADD/SUB Rdn, #imm8 */
static bool t16_imm8(DisasContext *dc, const ThumbInsn *t)
{
    static const int ops[4] = { ARM_DP_MOV, ARM_DP_CMP, ARM_DP_ADD, ARM_DP_SUB };
    int op = ops[fld(t, 'o')];
    int rdn = fld(t, 'd');
    bool s = op == ARM_DP_CMP || sets_flags(t);
    return dp_imm(dc, op, s, rdn, op == ARM_DP_MOV ? 0 : rdn, fld(t, 'i'));
}

/* ---- data processing (register) ---- */

static bool t16_shift_reg(DisasContext *dc, const ThumbInsn *t, int shtype)
{
    int rdn = fld(t, 'd');
    ArmArgDPShiftReg a = {
        .op = ARM_DP_MOV, .s = sets_flags(t), .rd = rdn, .rm = rdn,
        .shtype = shtype, .rs = fld(t, 'm'),
    };
    return arm_trans_dp_shift_reg(dc, &a);
}

static bool t16_dp_misc(DisasContext *dc, const ThumbInsn *t, int op)
{
    int rdn = fld(t, 'd'), rm = fld(t, 'm');
    bool s = sets_flags(t);
    switch (op) {
    case 0x9:   /* RSB Rd, Rn, #0 */
        return dp_imm(dc, ARM_DP_RSB, s, rdn, rm, 0);
    case 0xd: { /* MUL Rdm, Rn, Rdm */
        ArmArgMul a = { .rd = rdn, .rn = rm, .rm = rdn, .s = s };
        return arm_trans_mul(dc, &a);
    }
    case 0xf:
        return dp_reg(dc, ARM_DP_MVN, s, rdn, 0, rm);
    default:
        return false;
    }
}

static bool t16_dp(DisasContext *dc, const ThumbInsn *t)
{
    /* opcode -> ARM_DP_* for the plain two-register forms, -1 otherwise */
    static const int ops[16] = {
        ARM_DP_AND, ARM_DP_EOR, -1, -1, -1, ARM_DP_ADC, ARM_DP_SBC, -1,
        ARM_DP_TST, -1, ARM_DP_CMP, ARM_DP_CMN, ARM_DP_ORR, -1, ARM_DP_BIC, -1,
    };
    static const int shifts[16] = { [2] = 0, [3] = 1, [4] = 2, [7] = 3 };
    int op = fld(t, 'o');
    int rdn = fld(t, 'd');
    if (op == 2 || op == 3 || op == 4 || op == 7)
        return t16_shift_reg(dc, t, shifts[op]);
    if (ops[op] < 0)
        return t16_dp_misc(dc, t, op);
    bool test = ops[op] == ARM_DP_TST || ops[op] == ARM_DP_CMP || ops[op] == ARM_DP_CMN;
    return dp_reg(dc, ops[op], test || sets_flags(t), test ? 0 : rdn, rdn, fld(t, 'm'));
}

/* ---- special data processing and branch exchange ---- */

static bool t16_add_hi(DisasContext *dc, const ThumbInsn *t)
{
    int rdn = fld(t, 'd'), rm = fld(t, 'm');
    if (rdn == 15 && (rm == 15 || arm_thumb_it_not_last(t)))
        return false;
    return dp_reg(dc, ARM_DP_ADD, false, rdn, rdn, rm);
}

static bool t16_cmp_hi(DisasContext *dc, const ThumbInsn *t)
{
    return dp_reg(dc, ARM_DP_CMP, true, 0, fld(t, 'n'), fld(t, 'm'));
}

/* MOV Rd, Rm (any registers; MOV PC is a branch without interworking). */
static bool t16_mov_hi(DisasContext *dc, const ThumbInsn *t)
{
    int rd = fld(t, 'd');
    if (rd == 15 && arm_thumb_it_not_last(t))
        return false;
    return dp_reg(dc, ARM_DP_MOV, false, rd, 0, fld(t, 'm'));
}

static bool t16_bx(DisasContext *dc, const ThumbInsn *t)
{
    if (arm_thumb_it_not_last(t))
        return false;
    return arm_trans_bx(dc, fld(t, 'm'));
}

static bool t16_blx_reg(DisasContext *dc, const ThumbInsn *t)
{
    int rm = fld(t, 'm');
    if (rm == 15 || arm_thumb_it_not_last(t))
        return false;
    return arm_trans_blx_reg(dc, rm);
}

/* ---- loads and stores ---- */

static bool ldst_imm(DisasContext *dc, bool load, int rt, int rn, uint32_t imm, MemOp mo)
{
    ArmArgLdstImm a = { .rt = rt, .rn = rn, .imm = imm, .p = true, .u = true };
    return load ? arm_trans_ld_imm(dc, &a, mo) : arm_trans_st_imm(dc, &a, mo);
}

/* LDR Rt, [PC, #imm8 * 4]: a base of PC means Align(PC, 4). */
static bool t16_ldr_lit(DisasContext *dc, const ThumbInsn *t)
{
    return ldst_imm(dc, true, fld(t, 't'), 15, fld(t, 'i') * 4, MO_32);
}

/* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH with [Rn, Rm] */
static bool t16_ldst_reg(DisasContext *dc, const ThumbInsn *t)
{
    static const MemOp mos[8] = {
        MO_32, MO_16, MO_8, MO_8 | MO_SIGN, MO_32, MO_16, MO_8, MO_16 | MO_SIGN,
    };
    int op = fld(t, 'o');
    ArmArgLdstReg a = {
        .rt = fld(t, 't'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
        .p = true, .u = true,
    };
    if (op < 3)
        return arm_trans_st_reg(dc, &a, mos[op]);
    return arm_trans_ld_reg(dc, &a, mos[op]);
}

/* STR/LDR/STRB/LDRB Rt, [Rn, #imm5 (scaled for words)] */
static bool t16_ldst_imm(DisasContext *dc, const ThumbInsn *t)
{
    bool byte = fld(t, 'B');
    uint32_t imm = fld(t, 'i') << (byte ? 0 : 2);
    return ldst_imm(dc, fld(t, 'L'), fld(t, 't'), fld(t, 'n'), imm, byte ? MO_8 : MO_32);
}

static bool t16_ldst_h(DisasContext *dc, const ThumbInsn *t)
{
    return ldst_imm(dc, fld(t, 'L'), fld(t, 't'), fld(t, 'n'), fld(t, 'i') * 2, MO_16);
}

static bool t16_ldst_sp(DisasContext *dc, const ThumbInsn *t)
{
    return ldst_imm(dc, fld(t, 'L'), fld(t, 't'), 13, fld(t, 'i') * 4, MO_32);
}

static bool t16_adr(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_adr(dc, fld(t, 'd'), (int32_t)(fld(t, 'i') * 4));
}

static bool t16_add_sp_imm(DisasContext *dc, const ThumbInsn *t)
{
    return dp_imm(dc, ARM_DP_ADD, false, fld(t, 'd'), 13, fld(t, 'i') * 4);
}

/* STM Rn!, {list} / LDM Rn{!}, {list}: writeback unless LDM loads Rn. */
static bool t16_ldstm(DisasContext *dc, const ThumbInsn *t)
{
    int rn = fld(t, 'n');
    uint32_t list = fld(t, 'r');
    if (list == 0)
        return false;
    ArmArgLdm a = { .rn = rn, .list = list, .w = true, .inc = true };
    if (!fld(t, 'L'))
        return arm_trans_stm(dc, &a);
    a.w = !(list & (1u << rn));
    return arm_trans_ldm(dc, &a);
}

/* ---- miscellaneous ---- */

static bool t16_sp_adjust(DisasContext *dc, const ThumbInsn *t)
{
    int op = fld(t, 'o') ? ARM_DP_SUB : ARM_DP_ADD;
    return dp_imm(dc, op, false, 13, 13, fld(t, 'i') * 4);
}

/* CBZ/CBNZ: a compare-and-branch that cannot use the condition codes, so it
 * ends the block with both successors chained. */
static bool t16_cbz(DisasContext *dc, const ThumbInsn *t)
{
    if (t->it != 0)
        return false;
    IRBlock *b = dc->b;
    uint32_t target = dc->pc + 4 + fld(t, 'i') * 2;
    uint32_t not_taken = ir_new_label(b);
    IRTemp v = arm_load_reg(dc, fld(t, 'n'));
    IRCond skip = fld(t, 'o') ? IR_COND_EQ : IR_COND_NE;
    ir_brcond_i32(b, skip, v, ir_const_i32(b, 0), not_taken);
    arm_gen_jmp(dc, target, true);
    ir_label(b, not_taken);
    arm_gen_jmp(dc, dc->next_pc, true);
    return true;
}

/* SXTH SXTB UXTH UXTB */
static bool t16_extend(DisasContext *dc, const ThumbInsn *t)
{
    int op = fld(t, 'o');
    ArmArgExtend a = { .rd = fld(t, 'd'), .rn = 15, .rm = fld(t, 'm') };
    return arm_trans_extend(dc, &a, (op & 1) ? 8 : 16, op < 2);
}

static bool t16_push(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t r = fld(t, 'r');
    ArmArgLdm a = { .rn = 13, .list = (r & 0xff) | (r >> 8) << 14, .w = true,
                    .before = true };
    if (a.list == 0)
        return false;
    return arm_trans_stm(dc, &a);
}

static bool t16_pop(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t r = fld(t, 'r');
    ArmArgLdm a = { .rn = 13, .list = (r & 0xff) | (r >> 8) << 15, .w = true,
                    .inc = true };
    if (a.list == 0 || ((a.list & 0x8000) && arm_thumb_it_not_last(t)))
        return false;
    return arm_trans_ldm(dc, &a);
}

static bool t16_setend(DisasContext *dc, const ThumbInsn *t)
{
    if (t->it != 0)
        return false;
    return arm_trans_setend(dc, fld(t, 'e'));
}

/* CPS: a NOP in User mode. */
static bool t16_cps(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_nop(dc);
}

/* REV REV16 (HLT) REVSH */
static bool t16_rev(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRR a = { .rd = fld(t, 'd'), .rm = fld(t, 'm') };
    switch (fld(t, 'o')) {
    case 0:
        return arm_trans_rev(dc, &a);
    case 1:
        return arm_trans_rev16(dc, &a);
    case 3:
        return arm_trans_revsh(dc, &a);
    default:
        return false;
    }
}

static bool t16_bkpt(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_bkpt(dc, fld(t, 'i'));
}

/* NOP YIELD WFE WFI SEV and the unallocated hints: no effect for a
 * user-mode guest. */
static bool t16_hint(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_nop(dc);
}

/* IT: the following instructions take their conditions from ITSTATE. */
static bool t16_it(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t firstcond = fld(t, 'c'), mask = fld(t, 'm');
    if (t->it != 0 || firstcond == 15)
        return false;
    if (firstcond == 14 && __builtin_popcount(mask) != 1)
        return false;
    dc->itstate = t->insn & 0xff;
    return true;
}

/* ---- branches and exceptions ---- */

static bool t16_udf(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_udf(dc);
}

static bool t16_svc(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_svc(dc, fld(t, 'i'));
}

static bool t16_bcond(DisasContext *dc, const ThumbInsn *t)
{
    if (t->it != 0)
        return false;
    arm_gen_cond_begin(dc, fld(t, 'c'));
    return arm_trans_b(dc, decode_sfield(t->e, t->insn, 'i') * 2);
}

static bool t16_b(DisasContext *dc, const ThumbInsn *t)
{
    if (arm_thumb_it_not_last(t))
        return false;
    return arm_trans_b(dc, decode_sfield(t->e, t->insn, 'i') * 2);
}

#define H(fn) ((const void *)(fn))

/* First match wins: specific encodings precede the general ones. */
static DecodeEntry t16_table[] = {
    /* shift (immediate), add, subtract, move, compare */
    { "0001 100m mmnn nddd", "add_reg",   H(t16_add_reg) },
    { "0001 101m mmnn nddd", "sub_reg",   H(t16_sub_reg) },
    { "0001 110i iinn nddd", "add_imm3",  H(t16_add_imm3) },
    { "0001 111i iinn nddd", "sub_imm3",  H(t16_sub_imm3) },
    { "000o oiii iimm mddd", "shift_imm", H(t16_shift_imm) },
    { "001o oddd iiii iiii", "imm8",      H(t16_imm8) },
    /* data processing (register) */
    { "0100 00oo oomm mddd", "dp_reg",    H(t16_dp) },
    /* special data processing, branch and exchange */
    { "0100 0100 dmmm mddd", "add_hi",    H(t16_add_hi) },
    { "0100 0101 nmmm mnnn", "cmp_hi",    H(t16_cmp_hi) },
    { "0100 0110 dmmm mddd", "mov_hi",    H(t16_mov_hi) },
    { "0100 0111 0mmm m---", "bx",        H(t16_bx) },
    { "0100 0111 1mmm m---", "blx_reg",   H(t16_blx_reg) },
    /* loads and stores */
    { "0100 1ttt iiii iiii", "ldr_lit",   H(t16_ldr_lit) },
    { "0101 ooom mmnn nttt", "ldst_reg",  H(t16_ldst_reg) },
    { "011B Liii iinn nttt", "ldst_imm",  H(t16_ldst_imm) },
    { "1000 Liii iinn nttt", "ldst_h",    H(t16_ldst_h) },
    { "1001 Lttt iiii iiii", "ldst_sp",   H(t16_ldst_sp) },
    { "1010 0ddd iiii iiii", "adr",       H(t16_adr) },
    { "1010 1ddd iiii iiii", "add_sp_imm", H(t16_add_sp_imm) },
    /* miscellaneous */
    { "1011 0000 oiii iiii", "sp_adjust", H(t16_sp_adjust) },
    { "1011 o0i1 iiii innn", "cbz",       H(t16_cbz) },
    { "1011 0010 oomm mddd", "extend",    H(t16_extend) },
    { "1011 010r rrrr rrrr", "push",      H(t16_push) },
    { "1011 0110 010- e---", "setend",    H(t16_setend) },
    { "1011 0110 011- ----", "cps",       H(t16_cps) },
    { "1011 1010 oomm mddd", "rev",       H(t16_rev) },
    { "1011 110r rrrr rrrr", "pop",       H(t16_pop) },
    { "1011 1110 iiii iiii", "bkpt",      H(t16_bkpt) },
    { "1011 1111 cccc 0000", "hint",      H(t16_hint) },
    { "1011 1111 cccc mmmm", "it",        H(t16_it) },
    /* load/store multiple */
    { "1100 Lnnn rrrr rrrr", "ldstm",     H(t16_ldstm) },
    /* conditional branch, UDF, SVC */
    { "1101 1110 iiii iiii", "udf",       H(t16_udf) },
    { "1101 1111 iiii iiii", "svc",       H(t16_svc) },
    { "1101 cccc iiii iiii", "b_cond",    H(t16_bcond) },
    { "1110 0iii iiii iiii", "b",         H(t16_b) },
    DECODE_END
};

void arm_decode_t16_init(void)
{
    decode_compile(t16_table);
}

const DecodeEntry *arm_decode_t16_lookup(uint32_t insn)
{
    return decode_lookup(t16_table, insn);
}
