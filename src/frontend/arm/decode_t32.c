/*
 * Thumb-2 32-bit (T32) decoding table and handlers (ARMv7-A, Cortex-A15
 * with integer divide, the DSP and media instructions; NEON data
 * processing and element loads/stores are not supported yet).
 *
 * Patterns are written hw1 then hw2, most significant bit first.  Handlers
 * extract fields and call the shared arm_trans_* semantics; whatever the
 * architecture calls UNDEFINED, and the UNPREDICTABLE cases with no
 * obvious hardware behaviour, return false so the caller raises SIGILL.
 * Field letters: d/n/m/t/T/a registers (T = Rt2, a = Ra), l/h RdLo/RdHi,
 * i immediates, S flag-setting or sign, P/U/W indexing, o opcode, r list.
 */
#include "common/bits.h"
#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"

static uint32_t fld(const ThumbInsn *t, char c)
{
    return arm_thumb_field(t, c);
}

/* ---- data processing ---- */

/* The T32 data-processing opcode (hw1[8:5]) as ARM_DP_*, resolving the
 * forms selected by Rd == PC with S (TST TEQ CMN CMP) and Rn == PC (MOV
 * MVN).  Writing the PC is UNPREDICTABLE here. */
static bool t32_dp_op(int op4, bool s, int rd, int rn, int *op)
{
    bool test = rd == 15 && s;
    switch (op4) {
    case 0x0: *op = test ? ARM_DP_TST : ARM_DP_AND; break;
    case 0x1: *op = ARM_DP_BIC; break;
    case 0x2: *op = rn == 15 ? ARM_DP_MOV : ARM_DP_ORR; break;
    case 0x3: *op = rn == 15 ? ARM_DP_MVN : ARM_DP_ORN; break;
    case 0x4: *op = test ? ARM_DP_TEQ : ARM_DP_EOR; break;
    case 0x8: *op = test ? ARM_DP_CMN : ARM_DP_ADD; break;
    case 0xa: *op = ARM_DP_ADC; break;
    case 0xb: *op = ARM_DP_SBC; break;
    case 0xd: *op = test ? ARM_DP_CMP : ARM_DP_SUB; break;
    case 0xe: *op = ARM_DP_RSB; break;
    default: return false;
    }
    bool is_test = *op == ARM_DP_TST || *op == ARM_DP_TEQ ||
                   *op == ARM_DP_CMN || *op == ARM_DP_CMP;
    return is_test || rd != 15;
}

static bool dp_is_mov(int op)
{
    return op == ARM_DP_MOV || op == ARM_DP_MVN;
}

/* AND BIC ORR ORN EOR ADD ADC SBC SUB RSB (+ MOV MVN TST TEQ CMN CMP),
 * Rm shifted by an immediate (ROR #0 is RRX). */
static bool t32_dp_shreg(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgDPShiftImm a = {
        .s = fld(t, 'S'), .rd = fld(t, 'd'), .rn = fld(t, 'n'),
        .rm = fld(t, 'm'), .shtype = fld(t, 'y'), .shimm = fld(t, 'i'),
    };
    if (!t32_dp_op(fld(t, 'o'), a.s, a.rd, a.rn, &a.op))
        return false;
    if (dp_is_mov(a.op))
        a.rn = 0;
    return arm_trans_dp_shift_imm(dc, &a);
}

/* The same opcodes with a ThumbExpandImm modified immediate. */
static bool t32_dp_modimm(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t imm12 = fld(t, 'i');
    ArmArgDPImm a = {
        .s = fld(t, 'S'), .rd = fld(t, 'd'), .rn = fld(t, 'n'),
        .carry_from_imm = (imm12 >> 10) != 0,
    };
    if (!arm_thumb_expand_imm(imm12, &a.imm))
        return false;
    if (!t32_dp_op(fld(t, 'o'), a.s, a.rd, a.rn, &a.op))
        return false;
    if (dp_is_mov(a.op))
        a.rn = 0;
    return arm_trans_dp_imm(dc, &a);
}

/* ADDW/SUBW Rd, Rn, #imm12; with Rn == PC they are ADR. */
static bool t32_addsubw(DisasContext *dc, const ThumbInsn *t, bool sub)
{
    int rd = fld(t, 'd'), rn = fld(t, 'n');
    uint32_t imm = fld(t, 'i');
    if (rd == 15)
        return false;
    if (rn == 15)
        return arm_trans_adr(dc, rd, sub ? -(int32_t)imm : (int32_t)imm);
    ArmArgDPImm a = { .op = sub ? ARM_DP_SUB : ARM_DP_ADD, .rd = rd, .rn = rn,
                      .imm = imm };
    return arm_trans_dp_imm(dc, &a);
}

static bool t32_addw(DisasContext *dc, const ThumbInsn *t)
{
    return t32_addsubw(dc, t, false);
}

static bool t32_subw(DisasContext *dc, const ThumbInsn *t)
{
    return t32_addsubw(dc, t, true);
}

/* MOVW/MOVT: imm16 = imm4:i:imm3:imm8. */
static bool t32_movw(DisasContext *dc, const ThumbInsn *t)
{
    int rd = fld(t, 'd');
    uint32_t imm16 = fld(t, 'h') << 12 | fld(t, 'i');
    if (rd == 15)
        return false;
    return arm_trans_movw(dc, rd, imm16);
}

static bool t32_movt(DisasContext *dc, const ThumbInsn *t)
{
    int rd = fld(t, 'd');
    uint32_t imm16 = fld(t, 'h') << 12 | fld(t, 'i');
    if (rd == 15)
        return false;
    return arm_trans_movt(dc, rd, imm16);
}

/* SBFX/UBFX Rd, Rn, #lsb, #width (lsb = imm3:imm2). */
static bool t32_bfx(DisasContext *dc, const ThumbInsn *t, bool is_signed)
{
    ArmArgBitfield a = {
        .rd = fld(t, 'd'), .rn = fld(t, 'n'), .lsb = fld(t, 'i'),
        .widthm1 = fld(t, 'w'),
    };
    if (a.rd == 15 || a.rn == 15 || a.lsb + a.widthm1 > 31)
        return false;
    a.msb = a.lsb + a.widthm1;
    return is_signed ? arm_trans_sbfx(dc, &a) : arm_trans_ubfx(dc, &a);
}

static bool t32_sbfx(DisasContext *dc, const ThumbInsn *t)
{
    return t32_bfx(dc, t, true);
}

static bool t32_ubfx(DisasContext *dc, const ThumbInsn *t)
{
    return t32_bfx(dc, t, false);
}

/* BFI Rd, Rn, #lsb, #width; BFC when Rn == PC. */
static bool t32_bfi(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgBitfield a = {
        .rd = fld(t, 'd'), .rn = fld(t, 'n'), .lsb = fld(t, 'i'),
        .msb = fld(t, 'w'),
    };
    if (a.rd == 15 || a.msb < a.lsb)
        return false;
    a.widthm1 = a.msb - a.lsb;
    return arm_trans_bfi(dc, &a);
}

/* LSL LSR ASR ROR Rd, Rn, Rm */
static bool t32_shift_reg(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgDPShiftReg a = {
        .op = ARM_DP_MOV, .s = fld(t, 'S'), .rd = fld(t, 'd'),
        .rm = fld(t, 'n'), .shtype = fld(t, 'y'), .rs = fld(t, 'm'),
    };
    if (a.rd == 15)
        return false;
    return arm_trans_dp_shift_reg(dc, &a);
}

/* SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB; Rn == PC: SXTH ... UXTB. */
static bool t32_extend16(DisasContext *dc, const ThumbInsn *t, bool is_signed);

static bool t32_extend(DisasContext *dc, const ThumbInsn *t)
{
    int op = fld(t, 'o');
    ArmArgExtend a = {
        .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'), .rot = fld(t, 'r'),
    };
    if (op == 2 || op == 3)
        return t32_extend16(dc, t, op == 2);
    if (a.rd == 15 || op > 5)
        return false;
    return arm_trans_extend(dc, &a, op < 2 ? 16 : 8, !(op & 1));
}

/* REV REV16 RBIT REVSH (Rm is encoded twice; the hw2 copy is used). */
static bool t32_rev(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRR a = { .rd = fld(t, 'd'), .rm = fld(t, 'm') };
    if (a.rd == 15)
        return false;
    switch (fld(t, 'o')) {
    case 0: return arm_trans_rev(dc, &a);
    case 1: return arm_trans_rev16(dc, &a);
    case 2: return arm_trans_rbit(dc, &a);
    default: return arm_trans_revsh(dc, &a);
    }
}

static bool t32_clz(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRR a = { .rd = fld(t, 'd'), .rm = fld(t, 'm') };
    if (a.rd == 15)
        return false;
    return arm_trans_clz(dc, &a);
}

/* ---- multiplies and divides ---- */

/* MLA, or MUL when Ra == PC. */
static bool t32_mla(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                    .ra = fld(t, 'a') };
    if (a.rd == 15)
        return false;
    if (a.ra == 15) {
        a.ra = 0;
        return arm_trans_mul(dc, &a);
    }
    return arm_trans_mla(dc, &a);
}

static bool t32_mls(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                    .ra = fld(t, 'a') };
    if (a.rd == 15 || a.ra == 15)
        return false;
    return arm_trans_mls(dc, &a);
}

/* SMULL UMULL SMLAL UMLAL UMAAL, selected by hw1[6:4]:hw2[7:4]. */
static bool t32_mull(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMulL a = { .rdlo = fld(t, 'l'), .rdhi = fld(t, 'h'),
                     .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    if (a.rdlo == a.rdhi || a.rdlo == 15 || a.rdhi == 15)
        return false;
    switch (fld(t, 'o')) {
    case 0x00: return arm_trans_smull(dc, &a);
    case 0x20: return arm_trans_umull(dc, &a);
    case 0x40: return arm_trans_smlal(dc, &a);
    case 0x60: return arm_trans_umlal(dc, &a);
    case 0x66: return arm_trans_umaal(dc, &a);
    default: return false;
    }
}

static bool t32_div(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRRR a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    if (a.rd == 15)
        return false;
    return fld(t, 'U') ? arm_trans_udiv(dc, &a) : arm_trans_sdiv(dc, &a);
}

/* ---- loads and stores ---- */

/* Size from hw1[6:5] (0 byte, 1 half, 2 word) and sign from hw1[8]. */
static bool ld_memop(const ThumbInsn *t, MemOp *mo)
{
    uint32_t size = fld(t, 's');
    bool sign = fld(t, 'S');
    if (size == 3 || (size == 2 && sign))
        return false;
    *mo = size | (sign ? MO_SIGN : 0);
    return true;
}

/* Loads into the PC of bytes and halfwords are the PLD/PLI/PLDW hints
 * (and unallocated hints) for the forms without writeback. */
static bool is_hint(const ThumbInsn *t, MemOp mo)
{
    return fld(t, 't') == 15 && (mo & MO_SIZE) != MO_32;
}

static bool ld_to_pc_ok(const ThumbInsn *t)
{
    return fld(t, 't') != 15 || !arm_thumb_it_not_last(t);
}

static bool t32_ld_lit(DisasContext *dc, const ThumbInsn *t)
{
    MemOp mo;
    if (!ld_memop(t, &mo))
        return false;
    if (is_hint(t, mo))
        return arm_trans_nop(dc);
    if (!ld_to_pc_ok(t))
        return false;
    /* a PC base is read as Align(PC, 4) */
    ArmArgLdstImm a = { .rt = fld(t, 't'), .rn = 15, .imm = fld(t, 'i'),
                        .p = true, .u = fld(t, 'U') };
    return arm_trans_ld_imm(dc, &a, mo);
}

static bool t32_ld_imm12(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstImm a = { .rt = fld(t, 't'), .rn = fld(t, 'n'), .imm = fld(t, 'i'),
                        .p = true, .u = true };
    MemOp mo;
    if (!ld_memop(t, &mo))
        return false;
    if (is_hint(t, mo))
        return arm_trans_nop(dc);
    if (!ld_to_pc_ok(t))
        return false;
    return arm_trans_ld_imm(dc, &a, mo);
}

/* imm8 forms: hw2[10:8] = P U W.  P = W = 0 is UNDEFINED; P U W = 1 1 0 is
 * the unprivileged LDRT/STRT family, which in User mode is the plain
 * offset form. */
static bool imm8_args(const ThumbInsn *t, ArmArgLdstImm *a)
{
    a->rt = fld(t, 't');
    a->rn = fld(t, 'n');
    a->imm = fld(t, 'i');
    a->p = fld(t, 'P');
    a->u = fld(t, 'U');
    a->w = fld(t, 'W');
    return a->p || a->w;
}

static bool t32_ld_imm8(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstImm a;
    MemOp mo;
    if (!ld_memop(t, &mo) || !imm8_args(t, &a))
        return false;
    if (is_hint(t, mo)) {
        /* only the negative-offset form is a hint */
        return a.p && !a.u && !a.w ? arm_trans_nop(dc) : false;
    }
    if (!ld_to_pc_ok(t) || (a.w && a.rn == a.rt))
        return false;
    return arm_trans_ld_imm(dc, &a, mo);
}

static bool t32_ld_reg(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstReg a = { .rt = fld(t, 't'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                        .shimm = fld(t, 'i'), .p = true, .u = true };
    MemOp mo;
    if (!ld_memop(t, &mo))
        return false;
    if (is_hint(t, mo))
        return arm_trans_nop(dc);
    if (!ld_to_pc_ok(t))
        return false;
    return arm_trans_ld_reg(dc, &a, mo);
}

/* Stores: size in hw1[6:5]; Rn == PC is UNDEFINED. */
static bool st_memop(const ThumbInsn *t, MemOp *mo)
{
    uint32_t size = fld(t, 's');
    *mo = size;
    return size != 3 && fld(t, 'n') != 15;
}

static bool t32_st_imm12(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstImm a = { .rt = fld(t, 't'), .rn = fld(t, 'n'), .imm = fld(t, 'i'),
                        .p = true, .u = true };
    MemOp mo;
    if (!st_memop(t, &mo))
        return false;
    return arm_trans_st_imm(dc, &a, mo);
}

static bool t32_st_imm8(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstImm a;
    MemOp mo;
    if (!st_memop(t, &mo) || !imm8_args(t, &a))
        return false;
    if (a.w && a.rn == a.rt)
        return false;
    return arm_trans_st_imm(dc, &a, mo);
}

static bool t32_st_reg(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstReg a = { .rt = fld(t, 't'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                        .shimm = fld(t, 'i'), .p = true, .u = true };
    MemOp mo;
    if (!st_memop(t, &mo))
        return false;
    return arm_trans_st_reg(dc, &a, mo);
}

/* LDRD/STRD Rt, Rt2, [Rn, #+/-imm8*4] with P/U/W (P = W = 0 is the
 * exclusive/table-branch space). */
static bool t32_ldstrd(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdstDImm a = {
        .rt = fld(t, 't'), .rt2 = fld(t, 'T'), .rn = fld(t, 'n'),
        .imm = fld(t, 'i') * 4, .p = fld(t, 'P'), .u = fld(t, 'U'), .w = fld(t, 'W'),
    };
    bool load = fld(t, 'L');
    if ((!a.p && !a.w) || a.rt == 15 || a.rt2 == 15)
        return false;
    if (a.w && (a.rn == a.rt || a.rn == a.rt2))
        return false;
    if (!load)
        return a.rn != 15 && arm_trans_strd_imm(dc, &a);
    if (a.rt == a.rt2)
        return false;
    if (a.rn == 15)
        return a.p && !a.w && arm_trans_ldrd_imm(dc, &a);   /* literal */
    return arm_trans_ldrd_imm(dc, &a);
}

/* LDM/STM IA (hw1[8:7] = 01) and DB (10).  The list never holds SP, STM
 * cannot store the PC, and LDM cannot load both PC and LR. */
static bool t32_ldstm(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgLdm a = {
        .rn = fld(t, 'n'), .list = fld(t, 'r'), .w = fld(t, 'W'),
        .inc = extract32(t->insn, 23, 1),
    };
    a.before = !a.inc;
    bool load = fld(t, 'L');
    /* fewer than two registers is UNPREDICTABLE; qemu treats it as
     * UNDEFINED, and so does ferry (compilers use LDR/STR instead) */
    if (a.rn == 15 || __builtin_popcount(a.list) < 2 || (a.list & 0x2000))
        return false;
    if (!load)
        return !(a.list & 0x8000) && arm_trans_stm(dc, &a);
    if ((a.list & 0xc000) == 0xc000)
        return false;
    if ((a.list & 0x8000) && arm_thumb_it_not_last(t))
        return false;
    return arm_trans_ldm(dc, &a);
}

/* ---- exclusives and table branch ---- */

static bool excl_ok(const ArmArgExcl *a, bool store, bool dual)
{
    if (a->rn == 15 || a->rt == 15 || (dual && (a->rt2 == 15 || a->rt2 == a->rt)))
        return false;
    if (store && (a->rd == 15 || a->rd == a->rn || a->rd == a->rt ||
                  (dual && a->rd == a->rt2)))
        return false;
    return true;
}

static bool t32_ldrex(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgExcl a = { .rt = fld(t, 't'), .rn = fld(t, 'n'), .imm = fld(t, 'i') * 4 };
    return excl_ok(&a, false, false) && arm_trans_ldrex(dc, &a, MO_32);
}

static bool t32_strex(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgExcl a = { .rd = fld(t, 'd'), .rt = fld(t, 't'), .rn = fld(t, 'n'),
                     .imm = fld(t, 'i') * 4 };
    return excl_ok(&a, true, false) && arm_trans_strex(dc, &a, MO_32);
}

/* LDREXB/H/D (hw2[5:4] = 0, 1, 3). */
static bool t32_ldrex_bhd(DisasContext *dc, const ThumbInsn *t)
{
    static const MemOp mos[4] = { MO_8, MO_16, 0, MO_64 };
    int sz = fld(t, 'z');
    ArmArgExcl a = { .rt = fld(t, 't'), .rt2 = fld(t, 'T'), .rn = fld(t, 'n') };
    if (sz == 2 || !excl_ok(&a, false, sz == 3))
        return false;
    return arm_trans_ldrex(dc, &a, mos[sz]);
}

static bool t32_strex_bhd(DisasContext *dc, const ThumbInsn *t)
{
    static const MemOp mos[4] = { MO_8, MO_16, 0, MO_64 };
    int sz = fld(t, 'z');
    ArmArgExcl a = { .rd = fld(t, 'd'), .rt = fld(t, 't'), .rt2 = fld(t, 'T'),
                     .rn = fld(t, 'n') };
    if (sz == 2 || !excl_ok(&a, true, sz == 3))
        return false;
    return arm_trans_strex(dc, &a, mos[sz]);
}

/* TBB/TBH [Rn, Rm(, LSL #1)]: branch forward by twice the table entry. */
static bool t32_tbb(DisasContext *dc, const ThumbInsn *t)
{
    IRBlock *b = dc->b;
    int rn = fld(t, 'n'), rm = fld(t, 'm');
    bool half = fld(t, 'H');
    if (rm == 13 || rm == 15 || rn == 13 || arm_thumb_it_not_last(t))
        return false;
    IRTemp addr = ir_temp_i32(b);
    IRTemp index = arm_load_reg(dc, rm);
    if (half)
        ir_shl_i32(b, index, index, ir_const_i32(b, 1));
    ir_add_i32(b, addr, arm_load_reg(dc, rn), index);
    IRTemp v = arm_gen_ld(dc, addr, half ? MO_16 : MO_8);
    IRTemp dest = ir_temp_i32(b);
    ir_shl_i32(b, dest, v, ir_const_i32(b, 1));
    ir_add_i32(b, dest, dest, ir_const_i32(b, dc->pc + 4));
    arm_gen_branch_reg(dc, dest);
    return true;
}

/* ---- branches and miscellaneous control ---- */

static bool t32_bcond(DisasContext *dc, const ThumbInsn *t)
{
    int cond = fld(t, 'c');
    if (cond >= 14 || t->it != 0)
        return false;
    arm_gen_cond_begin(dc, cond);
    return arm_trans_b(dc, arm_t32_bcond_offset(t->insn));
}

static bool t32_b(DisasContext *dc, const ThumbInsn *t)
{
    if (arm_thumb_it_not_last(t))
        return false;
    return arm_trans_b(dc, arm_t32_branch_offset(t->insn));
}

static bool t32_bl(DisasContext *dc, const ThumbInsn *t)
{
    if (arm_thumb_it_not_last(t))
        return false;
    return arm_trans_bl(dc, arm_t32_branch_offset(t->insn));
}

/* BLX imm: H (hw2[0]) set is UNDEFINED. */
static bool t32_blx(DisasContext *dc, const ThumbInsn *t)
{
    if ((t->insn & 1) || arm_thumb_it_not_last(t))
        return false;
    return arm_trans_blx_imm(dc, arm_t32_branch_offset(t->insn));
}

/* MSR APSR_<bits>, Rn.  mask<1:0> (the CPSR c/x bytes) are ignored in
 * User mode; SPSR (R = 1) is UNPREDICTABLE there. */
static bool t32_msr(DisasContext *dc, const ThumbInsn *t)
{
    int mask = fld(t, 'k'), rn = fld(t, 'n');
    if (fld(t, 'R') || mask == 0 || rn == 15)
        return false;
    if ((mask & 0xc) == 0)
        return arm_trans_nop(dc);
    return arm_trans_msr_reg(dc, mask & 0xc, rn);
}

/* MRS Rd, APSR (hw2[5] set is the banked-register form). */
static bool t32_mrs(DisasContext *dc, const ThumbInsn *t)
{
    int rd = fld(t, 'd');
    if (fld(t, 'R') || fld(t, 'B') || rd == 15)
        return false;
    return arm_trans_mrs_apsr(dc, rd);
}

/* NOP YIELD WFE WFI SEV DBG and CPS (a NOP in User mode). */
static bool t32_hint(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_nop(dc);
}

/* CLREX DSB DMB ISB */
static bool t32_misc_ctl(DisasContext *dc, const ThumbInsn *t)
{
    int option = fld(t, 'p');
    switch (fld(t, 'o')) {
    case 2: return arm_trans_clrex(dc);
    case 4: return arm_trans_dsb(dc, option);
    case 5: return arm_trans_dmb(dc, option);
    case 6: return arm_trans_isb(dc);
    default: return false;
    }
}

/* BXJ: with trivial Jazelle it is BX. */
static bool t32_bxj(DisasContext *dc, const ThumbInsn *t)
{
    int rm = fld(t, 'm');
    if (rm == 13 || rm == 15 || arm_thumb_it_not_last(t))
        return false;
    return arm_trans_bx(dc, rm);
}

static bool t32_udf(DisasContext *dc, const ThumbInsn *t)
{
    return arm_trans_udf(dc);
}

/* ---- media ---- */

/* Parallel add/subtract: hw1[6:4] selects the operation, hw2[6:4] = U:op
 * the prefix (S Q SH, then U UQ UH). */
static bool t32_parallel(DisasContext *dc, const ThumbInsn *t)
{
    static const int ops[8] = {
        ARM_PAR_ADD8, ARM_PAR_ADD16, ARM_PAR_ASX, -1,
        ARM_PAR_SUB8, ARM_PAR_SUB16, ARM_PAR_SAX, -1,
    };
    int op = ops[fld(t, 'o')], kind = fld(t, 'k');
    ArmArgRRR a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    if (op < 0 || kind == 3 || a.rd == 15)
        return false;
    return arm_trans_parallel(dc, &a, fld(t, 'U') * 3 + kind, op);
}

static bool t32_sel(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRRR a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    if (a.rd == 15)
        return false;
    return arm_trans_sel(dc, &a);
}

/* USAD8 (Ra == PC) and USADA8 */
static bool t32_usad8(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                    .ra = fld(t, 'a') };
    if (a.rd == 15)
        return false;
    return arm_trans_usad8(dc, &a);
}

/* SSAT/USAT Rd, #sat, Rn {, LSL/ASR #imm}; ASR #0 encodes SSAT16/USAT16,
 * whose saturation field is only hw2[3:0]. */
static bool t32_sat(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgSat a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .satimm = fld(t, 'w'),
                    .sh = fld(t, 'h'), .shimm = fld(t, 'i') };
    bool is_signed = !fld(t, 'U');
    if (a.rd == 15 || a.rn == 15)
        return false;
    if (a.sh && a.shimm == 0) {
        if (a.satimm & 0x10)
            return false;
        return arm_trans_sat16(dc, &a, is_signed);
    }
    return arm_trans_sat(dc, &a, is_signed);
}

/* ---- DSP multiplies, saturating arithmetic, packing ---- */

static bool t32_qaddsub(DisasContext *dc, const ThumbInsn *t)
{
    /* hw2[5:4]: QADD QDADD QSUB QDSUB; hw1 holds Rn, hw2 Rm */
    int op = fld(t, 'o');
    ArmArgRRR a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    return arm_trans_qaddsub(dc, &a, op & 2, op & 1);
}

/* Ra == PC selects the forms without accumulation. */
static ArmArgMul dsp_mul_args(const ThumbInsn *t)
{
    return (ArmArgMul){ .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'),
                        .ra = fld(t, 'a') };
}

static ArmArgMulL dsp_mull_args(const ThumbInsn *t)
{
    return (ArmArgMulL){ .rdlo = fld(t, 'l'), .rdhi = fld(t, 'h'), .rn = fld(t, 'n'),
                         .rm = fld(t, 'm') };
}

/* SMUL<x><y> / SMLA<x><y> */
static bool t32_smulxy(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = dsp_mul_args(t);
    return arm_trans_smlaxy(dc, &a, fld(t, 'N'), fld(t, 'M'));
}

/* SMULW<y> / SMLAW<y> */
static bool t32_smulwy(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = dsp_mul_args(t);
    return arm_trans_smlawy(dc, &a, fld(t, 'M'));
}

/* SMUAD/SMLAD (hw1[6:4] = 010) and SMUSD/SMLSD (100) */
static bool t32_smlad(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = dsp_mul_args(t);
    return arm_trans_smlad(dc, &a, extract32(t->insn, 20, 3) == 4, fld(t, 'X'));
}

/* SMLALD/SMLSLD (hw1[4] = 1) */
static bool t32_smlald(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMulL a = dsp_mull_args(t);
    return arm_trans_smlald(dc, &a, fld(t, 'o'), fld(t, 'X'));
}

/* SMLAL<x><y> */
static bool t32_smlalxy(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMulL a = dsp_mull_args(t);
    return arm_trans_smlalxy(dc, &a, fld(t, 'N'), fld(t, 'M'));
}

/* SMMUL/SMMLA (hw1[6:4] = 101) and SMMLS (110) */
static bool t32_smmul(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgMul a = dsp_mul_args(t);
    return arm_trans_smmla(dc, &a, extract32(t->insn, 20, 3) == 6, fld(t, 'R'));
}

/* PKHBT Rd, Rn, Rm, LSL #imm / PKHTB Rd, Rn, Rm, ASR #imm (#0 means 32). */
static bool t32_pkh(DisasContext *dc, const ThumbInsn *t)
{
    ArmArgRRR a = { .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm') };
    if (fld(t, 'S'))
        return false;
    return arm_trans_pkh(dc, &a, fld(t, 'T'), fld(t, 'i'));
}

/* SXTB16/UXTB16 (Rn == PC) and SXTAB16/UXTAB16. */
static bool t32_extend16(DisasContext *dc, const ThumbInsn *t, bool is_signed)
{
    ArmArgExtend a = {
        .rd = fld(t, 'd'), .rn = fld(t, 'n'), .rm = fld(t, 'm'), .rot = fld(t, 'r'),
    };
    return arm_trans_extend16(dc, &a, is_signed);
}

/* ---- coprocessor space ---- */

/* hw1[11:0]:hw2 has the A32 layout of bits 27:0; T (hw1[12]) selects the
 * unconditional A32 space (MCR2, LDC2, ...).  The IT condition is already
 * applied, so the A32 form is unconditional. */
static bool t32_coproc(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t cond = (t->insn & (1u << 28)) ? 0xf : 0xe;
    return arm_trans_coproc(dc, cond << 28 | (t->insn & 0x0fffffffu));
}

/* NEON: the T32 encodings are the A32 ones with the U bit moved
 * (111U 1111 -> 1111 001U) and 1111 1001 -> 1111 0100 for loads/stores. */
static bool t32_neon(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t low = t->insn & 0x00ffffffu;
    if ((t->insn >> 24) == 0xf9)
        return arm_trans_neon_ls(dc, 0xf4000000u | low);
    return arm_trans_neon_dp(dc, 0xf2000000u | ((t->insn >> 28) & 1) << 24 | low);
}

#define H(fn) ((const void *)(fn))

/* First match wins: specific encodings precede the general ones. */
static DecodeEntry t32_table[] = {
    /* load/store multiple (IA: hw1[8:7] = 01, DB: 10) */
    { "1110 1000 10WL nnnn rrrr rrrr rrrr rrrr", "ldstm_ia", H(t32_ldstm) },
    { "1110 1001 00WL nnnn rrrr rrrr rrrr rrrr", "ldstm_db", H(t32_ldstm) },
    /* exclusives, table branch, load/store dual */
    { "1110 1000 0100 nnnn tttt dddd iiii iiii", "strex",    H(t32_strex) },
    { "1110 1000 0101 nnnn tttt ---- iiii iiii", "ldrex",    H(t32_ldrex) },
    { "1110 1000 1100 nnnn tttt TTTT 01zz dddd", "strex_bhd", H(t32_strex_bhd) },
    { "1110 1000 1101 nnnn ---- ---- 000H mmmm", "tbb",      H(t32_tbb) },
    { "1110 1000 1101 nnnn tttt TTTT 01zz ----", "ldrex_bhd", H(t32_ldrex_bhd) },
    { "1110 100P U1WL nnnn tttt TTTT iiii iiii", "ldstrd",   H(t32_ldstrd) },
    /* data processing (shifted register) */
    { "1110 1010 110S nnnn -iii dddd iiT0 mmmm", "pkh",      H(t32_pkh) },
    { "1110 101o oooS nnnn -iii dddd iiyy mmmm", "dp_shreg", H(t32_dp_shreg) },
    /* coprocessor, floating point, NEON */
    { "111- 1111 ---- ---- ---- ---- ---- ----", "neon_dp",  H(t32_neon) },
    { "111- 1100 000- ---- ---- ---- ---- ----", "coproc_undef", NULL },
    { "111T 11-- ---- ---- ---- ---- ---- ----", "coproc",   H(t32_coproc) },
    { "1111 1001 ---0 ---- ---- ---- ---- ----", "neon_ldst", H(t32_neon) },
    /* data processing (modified immediate) */
    { "1111 0i0o oooS nnnn 0iii dddd iiii iiii", "dp_modimm", H(t32_dp_modimm) },
    /* data processing (plain binary immediate) */
    { "1111 0i10 0000 nnnn 0iii dddd iiii iiii", "addw",     H(t32_addw) },
    { "1111 0i10 0100 hhhh 0iii dddd iiii iiii", "movw",     H(t32_movw) },
    { "1111 0i10 1010 nnnn 0iii dddd iiii iiii", "subw",     H(t32_subw) },
    { "1111 0i10 1100 hhhh 0iii dddd iiii iiii", "movt",     H(t32_movt) },
    { "1111 0-11 0100 nnnn 0iii dddd ii-w wwww", "sbfx",     H(t32_sbfx) },
    { "1111 0-11 0110 nnnn 0iii dddd ii-w wwww", "bfi",      H(t32_bfi) },
    { "1111 0-11 1100 nnnn 0iii dddd ii-w wwww", "ubfx",     H(t32_ubfx) },
    { "1111 0-11 U0h0 nnnn 0iii dddd ii-w wwww", "sat",      H(t32_sat) },
    /* branches and miscellaneous control (hw2[15] = 1) */
    { "1111 0011 100R nnnn 10-0 kkkk ---- ----", "msr",      H(t32_msr) },
    { "1111 0011 1010 ---- 10-0 -ooo hhhh hhhh", "hint",     H(t32_hint) },
    { "1111 0011 1011 ---- 10-0 ---- oooo pppp", "misc_ctl", H(t32_misc_ctl) },
    { "1111 0011 1100 mmmm 10-0 ---- ---- ----", "bxj",      H(t32_bxj) },
    { "1111 0011 111R ---- 10-0 dddd --B- ----", "mrs",      H(t32_mrs) },
    { "1111 0111 1111 iiii 1010 iiii iiii iiii", "udf",      H(t32_udf) },
    { "1111 0Scc ccii iiii 10J0 Kiii iiii iiii", "b_cond",   H(t32_bcond) },
    { "1111 0Sii iiii iiii 10J1 Kiii iiii iiii", "b",        H(t32_b) },
    { "1111 0Sii iiii iiii 11J0 Kiii iiii iiii", "blx",      H(t32_blx) },
    { "1111 0Sii iiii iiii 11J1 Kiii iiii iiii", "bl",       H(t32_bl) },
    /* stores (hw1[6:5] = size) */
    { "1111 1000 1ss0 nnnn tttt iiii iiii iiii", "st_imm12", H(t32_st_imm12) },
    { "1111 1000 0ss0 nnnn tttt 1PUW iiii iiii", "st_imm8",  H(t32_st_imm8) },
    { "1111 1000 0ss0 nnnn tttt 0000 00ii mmmm", "st_reg",   H(t32_st_reg) },
    /* loads (hw1[8] = sign, hw1[6:5] = size) and memory hints */
    { "1111 100S Uss1 1111 tttt iiii iiii iiii", "ld_lit",   H(t32_ld_lit) },
    { "1111 100S 1ss1 nnnn tttt iiii iiii iiii", "ld_imm12", H(t32_ld_imm12) },
    { "1111 100S 0ss1 nnnn tttt 1PUW iiii iiii", "ld_imm8",  H(t32_ld_imm8) },
    { "1111 100S 0ss1 nnnn tttt 0000 00ii mmmm", "ld_reg",   H(t32_ld_reg) },
    /* data processing (register) */
    { "1111 1010 0yyS nnnn 1111 dddd 0000 mmmm", "shift_reg", H(t32_shift_reg) },
    { "1111 1010 0ooo nnnn 1111 dddd 1-rr mmmm", "extend",   H(t32_extend) },
    { "1111 1010 1001 ---- 1111 dddd 10oo mmmm", "rev",      H(t32_rev) },
    { "1111 1010 1011 ---- 1111 dddd 1000 mmmm", "clz",      H(t32_clz) },
    { "1111 1010 1010 nnnn 1111 dddd 1000 mmmm", "sel",      H(t32_sel) },
    { "1111 1010 1000 nnnn 1111 dddd 10oo mmmm", "qaddsub",  H(t32_qaddsub) },
    { "1111 1010 1ooo nnnn 1111 dddd 0Ukk mmmm", "parallel", H(t32_parallel) },
    /* multiply, long multiply, divide */
    { "1111 1011 0000 nnnn aaaa dddd 0000 mmmm", "mla",      H(t32_mla) },
    { "1111 1011 0000 nnnn aaaa dddd 0001 mmmm", "mls",      H(t32_mls) },
    { "1111 1011 0111 nnnn aaaa dddd 0000 mmmm", "usad8",    H(t32_usad8) },
    { "1111 1011 0001 nnnn aaaa dddd 00NM mmmm", "smulxy",   H(t32_smulxy) },
    { "1111 1011 0011 nnnn aaaa dddd 000M mmmm", "smulwy",   H(t32_smulwy) },
    { "1111 1011 0010 nnnn aaaa dddd 000X mmmm", "smlad",    H(t32_smlad) },
    { "1111 1011 0100 nnnn aaaa dddd 000X mmmm", "smlsd",    H(t32_smlad) },
    { "1111 1011 0101 nnnn aaaa dddd 000R mmmm", "smmla",    H(t32_smmul) },
    { "1111 1011 0110 nnnn aaaa dddd 000R mmmm", "smmls",    H(t32_smmul) },
    { "1111 1011 10U1 nnnn ---- dddd 1111 mmmm", "div",      H(t32_div) },
    { "1111 1011 1100 nnnn llll hhhh 10NM mmmm", "smlalxy",  H(t32_smlalxy) },
    { "1111 1011 110o nnnn llll hhhh 110X mmmm", "smlald",   H(t32_smlald) },
    { "1111 1011 1ooo nnnn llll hhhh oooo mmmm", "mull",     H(t32_mull) },
    DECODE_END
};

void arm_decode_t32_init(void)
{
    decode_compile(t32_table);
}

const DecodeEntry *arm_decode_t32_lookup(uint32_t insn)
{
    return decode_lookup(t32_table, insn);
}
