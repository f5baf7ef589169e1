/*
 * The A32 (ARM state) decoder: one bit-pattern table (frontend/decode.h)
 * and small handlers that pull the fields out of the encoding and call the
 * shared arm_trans_* functions of translate.h.
 *
 * Order matters: entries are tried first to last, so the unconditional
 * space (cond = 1111) comes first and ends in a catch-all, and specific
 * encodings precede the general data-processing and load/store shapes
 * that would also match them.  Entries without a handler are encodings
 * ferry knows and rejects (they raise SIGILL like unmatched ones).
 *
 * Field letters are per entry; the common ones are c cond, d rd, n rn,
 * m rm, t rt, s S bit, i immediate, y shift type, p/u/w addressing bits.
 * 'x' means "don't care" in decode.h patterns, so the ARM ARM's N/M/X/R
 * bits of the DSP multiplies are the upper-case letters.
 */
#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"

#include "common/bits.h"
#include "frontend/decode.h"

typedef bool A32Handler(DisasContext *dc, const DecodeEntry *e, uint32_t insn);

#define H(fn) ((const void *)(fn))

static uint32_t fld(const DecodeEntry *e, uint32_t insn, char c)
{
    return decode_field(e, insn, c);
}

static bool bit(uint32_t insn, int n)
{
    return (insn >> n) & 1;
}

/* ---------------------------------------------------------------- data processing */

/* opcodes 8..11 without S are the miscellaneous space, never DP. */
static bool dp_op_ok(int op, bool s)
{
    return !(op >= ARM_DP_TST && op <= ARM_DP_CMN && !s);
}

static bool h_dp_imm_shift(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgDPShiftImm a = {
        .op = fld(e, insn, 'o'), .s = fld(e, insn, 's'), .rd = fld(e, insn, 'd'),
        .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'), .shtype = fld(e, insn, 'y'),
        .shimm = fld(e, insn, 'i'),
    };
    return dp_op_ok(a.op, a.s) && arm_trans_dp_shift_imm(dc, &a);
}

static bool h_dp_reg_shift(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgDPShiftReg a = {
        .op = fld(e, insn, 'o'), .s = fld(e, insn, 's'), .rd = fld(e, insn, 'd'),
        .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'), .shtype = fld(e, insn, 'y'),
        .rs = fld(e, insn, 'r'),
    };
    return dp_op_ok(a.op, a.s) && arm_trans_dp_shift_reg(dc, &a);
}

/* ARMExpandImm: imm8 rotated right by twice the rotation field. */
static bool h_dp_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    uint32_t rot = fld(e, insn, 'r');
    ArmArgDPImm a = {
        .op = fld(e, insn, 'o'), .s = fld(e, insn, 's'), .rd = fld(e, insn, 'd'),
        .rn = fld(e, insn, 'n'), .imm = ror32(fld(e, insn, 'i'), 2 * rot),
        .carry_from_imm = rot != 0,
    };
    return dp_op_ok(a.op, a.s) && arm_trans_dp_imm(dc, &a);
}

static bool h_movw(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_movw(dc, fld(e, insn, 'd'), fld(e, insn, 'i'));
}

static bool h_movt(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_movt(dc, fld(e, insn, 'd'), fld(e, insn, 'i'));
}

/* ---------------------------------------------------------------- multiplies, divides */

static bool h_mul(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = {
        .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'),
        .ra = fld(e, insn, 'a'), .s = fld(e, insn, 's'),
    };
    switch ((insn >> 21) & 7) {
    case 0: return arm_trans_mul(dc, &a);
    case 1: return arm_trans_mla(dc, &a);
    default: return arm_trans_mls(dc, &a);
    }
}

static bool h_mull(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMulL a = {
        .rdlo = fld(e, insn, 'l'), .rdhi = fld(e, insn, 'h'), .rn = fld(e, insn, 'n'),
        .rm = fld(e, insn, 'm'), .s = fld(e, insn, 's'),
    };
    switch ((insn >> 21) & 7) {
    case 2: return arm_trans_umaal(dc, &a);
    case 4: return arm_trans_umull(dc, &a);
    case 5: return arm_trans_umlal(dc, &a);
    case 6: return arm_trans_smull(dc, &a);
    default: return arm_trans_smlal(dc, &a);
    }
}

static bool h_div(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgRRR a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm') };
    return bit(insn, 21) ? arm_trans_udiv(dc, &a) : arm_trans_sdiv(dc, &a);
}

/* ---------------------------------------------------------------- DSP multiplies, saturation */

/* QADD, QSUB, QDADD, QDSUB (op field: bit 0 = subtract, bit 1 = double). */
static bool h_qadd(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    uint32_t op = fld(e, insn, 'o');
    ArmArgRRR a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm') };
    return arm_trans_qaddsub(dc, &a, op & 1, op >> 1);
}

/* Entries without an accumulator field (a) are the multiply-only forms. */
static ArmArgMul mul_args(const DecodeEntry *e, uint32_t insn)
{
    return (ArmArgMul){
        .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'),
        .ra = decode_has_field(e, 'a') ? (int)fld(e, insn, 'a') : 15,
    };
}

static ArmArgMulL mull_args(const DecodeEntry *e, uint32_t insn)
{
    return (ArmArgMulL){
        .rdlo = fld(e, insn, 'l'), .rdhi = fld(e, insn, 'h'), .rn = fld(e, insn, 'n'),
        .rm = fld(e, insn, 'm'),
    };
}

/* SMLA<x><y> / SMUL<x><y>: N selects the half of rn, M that of rm. */
static bool h_smlaxy(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = mul_args(e, insn);
    return arm_trans_smlaxy(dc, &a, fld(e, insn, 'N'), fld(e, insn, 'M'));
}

static bool h_smlawy(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = mul_args(e, insn);
    return arm_trans_smlawy(dc, &a, fld(e, insn, 'M'));
}

static bool h_smlalxy(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMulL a = mull_args(e, insn);
    return arm_trans_smlalxy(dc, &a, fld(e, insn, 'N'), fld(e, insn, 'M'));
}

/* SMLAD/SMLSD (bit 6 = subtract; ra = 1111: SMUAD/SMUSD); X swaps rm. */
static bool h_smlad(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = mul_args(e, insn);
    return arm_trans_smlad(dc, &a, bit(insn, 6), fld(e, insn, 'X'));
}

static bool h_smlald(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMulL a = mull_args(e, insn);
    return arm_trans_smlald(dc, &a, bit(insn, 6), fld(e, insn, 'X'));
}

/* SMMLA (ra = 1111: SMMUL) and SMMLS (bits 7:6 = 11); R rounds. */
static bool h_smmla(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = mul_args(e, insn);
    return arm_trans_smmla(dc, &a, bit(insn, 6), fld(e, insn, 'R'));
}

/* ---------------------------------------------------------------- misc ALU */

static ArmArgRR rr_args(const DecodeEntry *e, uint32_t insn)
{
    return (ArmArgRR){ .rd = fld(e, insn, 'd'), .rm = fld(e, insn, 'm') };
}

static bool h_clz(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgRR a = rr_args(e, insn);
    return arm_trans_clz(dc, &a);
}

/* REV (0011, bit 22 = 0), REV16 (1011, 0), RBIT (0011, 1), REVSH (1011, 1). */
static bool h_rev(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgRR a = rr_args(e, insn);
    switch (bit(insn, 22) << 1 | bit(insn, 7)) {
    case 0: return arm_trans_rev(dc, &a);
    case 1: return arm_trans_rev16(dc, &a);
    case 2: return arm_trans_rbit(dc, &a);
    default: return arm_trans_revsh(dc, &a);
    }
}

/* SXTB/SXTH/UXTB/UXTH and the add forms: bit 22 = unsigned, bit 20 = half;
 * entries without an n field have rn = 1111 (no add). */
static bool h_extend(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgExtend a = {
        .rd = fld(e, insn, 'd'), .rm = fld(e, insn, 'm'), .rot = fld(e, insn, 'r'),
        .rn = decode_has_field(e, 'n') ? (int)fld(e, insn, 'n') : 15,
    };
    return arm_trans_extend(dc, &a, bit(insn, 20) ? 16 : 8, !bit(insn, 22));
}

/* SXTB16/UXTB16 (Rn == PC) and SXTAB16/UXTAB16 */
static bool h_extend16(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgExtend a = {
        .rd = fld(e, insn, 'd'), .rm = fld(e, insn, 'm'), .rot = fld(e, insn, 'r'),
        .rn = fld(e, insn, 'n'),
    };
    return arm_trans_extend16(dc, &a, !bit(insn, 22));
}

/* PKHBT (T = 0, LSL) / PKHTB (T = 1, ASR; #0 means 32) */
static bool h_pkh(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgRRR a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm') };
    return arm_trans_pkh(dc, &a, fld(e, insn, 'T'), fld(e, insn, 'i'));
}

static bool h_bfx(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgBitfield a = {
        .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .lsb = fld(e, insn, 'l'),
        .widthm1 = fld(e, insn, 'w'),
    };
    return bit(insn, 22) ? arm_trans_ubfx(dc, &a) : arm_trans_sbfx(dc, &a);
}

static bool h_bfi(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgBitfield a = {
        .rd = fld(e, insn, 'd'), .lsb = fld(e, insn, 'l'), .msb = fld(e, insn, 'm'),
        .rn = decode_has_field(e, 'n') ? (int)fld(e, insn, 'n') : 15,
    };
    return arm_trans_bfi(dc, &a);
}

/* ---------------------------------------------------------------- media */

/* Parallel add/subtract: prefix field 001 S, 010 Q, 011 SH, 101 U, 110 UQ,
 * 111 UH; op field 000 ADD16, 001 ASX, 010 SAX, 011 SUB16, 100 ADD8,
 * 111 SUB8 (-1: undefined). */
static const int par_prefix[8] = { -1, ARM_PAR_S, ARM_PAR_Q, ARM_PAR_SH,
                                   -1, ARM_PAR_U, ARM_PAR_UQ, ARM_PAR_UH };
static const int par_op[8] = { ARM_PAR_ADD16, ARM_PAR_ASX, ARM_PAR_SAX, ARM_PAR_SUB16,
                               ARM_PAR_ADD8, -1, -1, ARM_PAR_SUB8 };

static bool h_parallel(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int prefix = par_prefix[fld(e, insn, 'p')], op = par_op[fld(e, insn, 'o')];
    ArmArgRRR a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm') };
    return prefix >= 0 && op >= 0 && arm_trans_parallel(dc, &a, prefix, op);
}

static bool h_sel(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgRRR a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm') };
    return arm_trans_sel(dc, &a);
}

/* USADA8 with ra = 1111 is USAD8. */
static bool h_usad8(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgMul a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'),
                    .ra = fld(e, insn, 'a') };
    return arm_trans_usad8(dc, &a);
}

/* SSAT/USAT (bit 22 = unsigned) with an optional LSL/ASR of the operand. */
static bool h_sat(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgSat a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'),
                    .satimm = fld(e, insn, 's'), .sh = fld(e, insn, 'h'),
                    .shimm = fld(e, insn, 'i') };
    return arm_trans_sat(dc, &a, !bit(insn, 22));
}

static bool h_sat16(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgSat a = { .rd = fld(e, insn, 'd'), .rn = fld(e, insn, 'n'),
                    .satimm = fld(e, insn, 's') };
    return arm_trans_sat16(dc, &a, !bit(insn, 22));
}

/* ---------------------------------------------------------------- loads and stores */

/* LDR/STR/LDRB/STRB; P = 0 with W = 1 is the unprivileged (T) form, which
 * in user mode is the plain post-indexed access. */
static bool h_ls_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool p = fld(e, insn, 'p');
    ArmArgLdstImm a = {
        .rt = fld(e, insn, 't'), .rn = fld(e, insn, 'n'), .imm = fld(e, insn, 'i'),
        .p = p, .u = fld(e, insn, 'u'), .w = p && fld(e, insn, 'w'),
    };
    MemOp mo = bit(insn, 22) ? MO_8 : MO_32;
    return bit(insn, 20) ? arm_trans_ld_imm(dc, &a, mo) : arm_trans_st_imm(dc, &a, mo);
}

static bool h_ls_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool p = fld(e, insn, 'p');
    ArmArgLdstReg a = {
        .rt = fld(e, insn, 't'), .rn = fld(e, insn, 'n'), .rm = fld(e, insn, 'm'),
        .shtype = fld(e, insn, 'y'), .shimm = fld(e, insn, 'i'),
        .p = p, .u = fld(e, insn, 'u'), .w = p && fld(e, insn, 'w'),
    };
    MemOp mo = bit(insn, 22) ? MO_8 : MO_32;
    return bit(insn, 20) ? arm_trans_ld_reg(dc, &a, mo) : arm_trans_st_reg(dc, &a, mo);
}

/* The extra load/store kinds, from L (bit 20) and op2 (bits 6:5). */
enum { XLS_STRH, XLS_LDRD, XLS_STRD, XLS_LDRH, XLS_LDRSB, XLS_LDRSH };

static int xls_kind(uint32_t insn)
{
    int op2 = (insn >> 5) & 3;
    if (bit(insn, 20))
        return op2 == 1 ? XLS_LDRH : op2 == 2 ? XLS_LDRSB : XLS_LDRSH;
    return op2 == 1 ? XLS_STRH : op2 == 2 ? XLS_LDRD : XLS_STRD;
}

static const MemOp xls_memop[] = {
    [XLS_STRH] = MO_16, [XLS_LDRH] = MO_16,
    [XLS_LDRSB] = MO_8 | MO_SIGN, [XLS_LDRSH] = MO_16 | MO_SIGN,
};

/* LDRD/STRD: rt must be even (rt2 = rt + 1); no unprivileged form. */
static bool h_ldstd(DisasContext *dc, const DecodeEntry *e, uint32_t insn, int kind)
{
    int rt = fld(e, insn, 't');
    bool p = fld(e, insn, 'p'), w = fld(e, insn, 'w');
    if ((rt & 1) || (!p && w))
        return false;
    if (decode_has_field(e, 'm')) {
        ArmArgLdstDReg a = { .rt = rt, .rt2 = rt + 1, .rn = fld(e, insn, 'n'),
                             .rm = fld(e, insn, 'm'), .p = p, .u = fld(e, insn, 'u'), .w = w };
        return kind == XLS_LDRD ? arm_trans_ldrd_reg(dc, &a) : arm_trans_strd_reg(dc, &a);
    }
    ArmArgLdstDImm a = { .rt = rt, .rt2 = rt + 1, .rn = fld(e, insn, 'n'),
                         .imm = fld(e, insn, 'i'), .p = p, .u = fld(e, insn, 'u'), .w = w };
    return kind == XLS_LDRD ? arm_trans_ldrd_imm(dc, &a) : arm_trans_strd_imm(dc, &a);
}

static bool h_ls_extra(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int kind = xls_kind(insn);
    if (kind == XLS_LDRD || kind == XLS_STRD)
        return h_ldstd(dc, e, insn, kind);
    bool p = fld(e, insn, 'p');
    bool load = bit(insn, 20);
    MemOp mo = xls_memop[kind];
    if (decode_has_field(e, 'm')) {
        ArmArgLdstReg a = { .rt = fld(e, insn, 't'), .rn = fld(e, insn, 'n'),
                            .rm = fld(e, insn, 'm'), .p = p, .u = fld(e, insn, 'u'),
                            .w = p && fld(e, insn, 'w') };
        return load ? arm_trans_ld_reg(dc, &a, mo) : arm_trans_st_reg(dc, &a, mo);
    }
    ArmArgLdstImm a = { .rt = fld(e, insn, 't'), .rn = fld(e, insn, 'n'),
                        .imm = fld(e, insn, 'i'), .p = p, .u = fld(e, insn, 'u'),
                        .w = p && fld(e, insn, 'w') };
    return load ? arm_trans_ld_imm(dc, &a, mo) : arm_trans_st_imm(dc, &a, mo);
}

static bool h_ldm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgLdm a = {
        .rn = fld(e, insn, 'n'), .list = fld(e, insn, 'r'), .w = fld(e, insn, 'w'),
        .inc = fld(e, insn, 'u'), .before = fld(e, insn, 'p'),
    };
    return bit(insn, 20) ? arm_trans_ldm(dc, &a) : arm_trans_stm(dc, &a);
}

/* Exclusive size field (bits 22:21): word, doubleword, byte, halfword. */
static const MemOp excl_memop[4] = { MO_32, MO_64, MO_8, MO_16 };

static bool excl_args(const DecodeEntry *e, uint32_t insn, ArmArgExcl *a, MemOp *mo)
{
    *mo = excl_memop[fld(e, insn, 'z')];
    a->rd = fld(e, insn, 'd');
    a->rt = fld(e, insn, 't');
    a->rn = fld(e, insn, 'n');
    a->rt2 = a->rt + 1;
    a->imm = 0;
    /* LDREXD/STREXD need an even rt below r14. */
    return *mo != MO_64 || ((a->rt & 1) == 0 && a->rt != 14);
}

static bool h_ldrex(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgExcl a;
    MemOp mo;
    return excl_args(e, insn, &a, &mo) && arm_trans_ldrex(dc, &a, mo);
}

static bool h_strex(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ArmArgExcl a;
    MemOp mo;
    return excl_args(e, insn, &a, &mo) && arm_trans_strex(dc, &a, mo);
}

static bool h_swp(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    MemOp mo = fld(e, insn, 'b') ? MO_8 : MO_32;
    return arm_trans_swp(dc, fld(e, insn, 't'), fld(e, insn, 'u'), fld(e, insn, 'n'), mo);
}

static bool h_clrex(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_clrex(dc);
}

/* ---------------------------------------------------------------- branches, exceptions */

static bool h_b(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int32_t off = decode_sfield(e, insn, 'i') * 4;
    return bit(insn, 24) ? arm_trans_bl(dc, off) : arm_trans_b(dc, off);
}

static bool h_blx_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int32_t off = decode_sfield(e, insn, 'i') * 4 + (int32_t)fld(e, insn, 'h') * 2;
    return arm_trans_blx_imm(dc, off);
}

/* BX and BXJ (Jazelle is not present: BXJ is BX). */
static bool h_bx(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_bx(dc, fld(e, insn, 'm'));
}

static bool h_blx_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_blx_reg(dc, fld(e, insn, 'm'));
}

static bool h_svc(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_svc(dc, fld(e, insn, 'i'));
}

static bool h_bkpt(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_bkpt(dc, fld(e, insn, 'i'));
}

static bool h_udf(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_udf(dc);
}

static bool h_nop(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_nop(dc);
}

static bool h_barrier(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int option = fld(e, insn, 'o');
    switch ((insn >> 4) & 0xf) {
    case 4: return arm_trans_dsb(dc, option);
    case 5: return arm_trans_dmb(dc, option);
    default: return arm_trans_isb(dc);
    }
}

/* ---------------------------------------------------------------- system */

static bool h_mrs(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_mrs_apsr(dc, fld(e, insn, 'd'));
}

/* The mask field is <f, s, x, c>; user mode can only write f (NZCVQ) and
 * s (GE), and writes to the other fields are ignored. */
static bool msr_mask(uint32_t mask, bool *nop)
{
    *nop = (mask & 0xc) == 0;
    return mask != 0;
}

static bool h_msr_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool nop;
    uint32_t mask = fld(e, insn, 'm');
    if (!msr_mask(mask, &nop))
        return false;
    return nop || arm_trans_msr_reg(dc, mask, fld(e, insn, 'n'));
}

static bool h_msr_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool nop;
    uint32_t mask = fld(e, insn, 'm');
    if (!msr_mask(mask, &nop))
        return false;
    uint32_t imm = ror32(fld(e, insn, 'i'), 2 * fld(e, insn, 'r'));
    return nop || arm_trans_msr_imm(dc, mask, imm);
}

static bool h_setend(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_setend(dc, fld(e, insn, 'e'));
}

static bool h_coproc(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_coproc(dc, insn);
}

static bool h_neon_dp(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_neon_dp(dc, insn);
}

static bool h_neon_ls(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return arm_trans_neon_ls(dc, insn);
}

/* ---------------------------------------------------------------- the table */

static DecodeEntry a32_table[] = {
    /* ---- unconditional space (cond = 1111) ---- */
    { "1111 0001 0000 0001 ---- --e- 0000 ----", "setend", H(h_setend) },
    { "1111 0001 0000 ---0 ---- ---- --0- ----", "cps", H(h_nop) },
    { "1111 0100 u101 nnnn ---- iiii iiii iiii", "pli_imm", H(h_nop) },
    { "1111 0110 u101 nnnn ---- iiii iyy0 mmmm", "pli_reg", H(h_nop) },
    { "1111 0101 ur01 nnnn ---- iiii iiii iiii", "pld_imm", H(h_nop) },
    { "1111 0111 ur01 nnnn ---- iiii iyy0 mmmm", "pld_reg", H(h_nop) },
    { "1111 0101 0111 ---- ---- ---- 0001 ----", "clrex", H(h_clrex) },
    { "1111 0101 0111 ---- ---- ---- 0100 oooo", "dsb", H(h_barrier) },
    { "1111 0101 0111 ---- ---- ---- 0101 oooo", "dmb", H(h_barrier) },
    { "1111 0101 0111 ---- ---- ---- 0110 oooo", "isb", H(h_barrier) },
    { "1111 101h iiii iiii iiii iiii iiii iiii", "blx_imm", H(h_blx_imm) },
    { "1111 001- ---- ---- ---- ---- ---- ----", "neon_dp", H(h_neon_dp) },
    { "1111 0100 ---0 ---- ---- ---- ---- ----", "neon_ls", H(h_neon_ls) },
    /* SRS/RFE, MCR2/LDC2 and the rest: undefined */
    { "1111 ---- ---- ---- ---- ---- ---- ----", "uncond_undef", NULL },

    /* ---- miscellaneous (op1 = 10xx0, op2 = 0xxx) ---- */
    { "cccc 0001 0000 1111 dddd 0000 0000 0000", "mrs", H(h_mrs) },
    { "cccc 0001 0010 mmmm 1111 0000 0000 nnnn", "msr_reg", H(h_msr_reg) },
    { "cccc 0001 0010 1111 1111 1111 0001 mmmm", "bx", H(h_bx) },
    { "cccc 0001 0010 1111 1111 1111 0010 mmmm", "bxj", H(h_bx) },
    { "cccc 0001 0010 1111 1111 1111 0011 mmmm", "blx_reg", H(h_blx_reg) },
    { "cccc 0001 0110 1111 dddd 1111 0001 mmmm", "clz", H(h_clz) },
    { "cccc 0001 0010 iiii iiii iiii 0111 iiii", "bkpt", H(h_bkpt) },
    { "cccc 0001 0oo0 nnnn dddd 0000 0101 mmmm", "qadd", H(h_qadd) },
    /* ERET, HVC, SMC, banked MRS/MSR */
    { "cccc 0001 0--0 ---- ---- ---- 0--- ----", "misc_undef", NULL },
    /* halfword multiplies (op2 = 1yx0) */
    { "cccc 0001 0000 dddd aaaa mmmm 1MN0 nnnn", "smlaxy", H(h_smlaxy) },
    { "cccc 0001 0010 dddd aaaa mmmm 1M00 nnnn", "smlawy", H(h_smlawy) },
    { "cccc 0001 0010 dddd ---- mmmm 1M10 nnnn", "smulwy", H(h_smlawy) },
    { "cccc 0001 0100 hhhh llll mmmm 1MN0 nnnn", "smlalxy", H(h_smlalxy) },
    { "cccc 0001 0110 dddd ---- mmmm 1MN0 nnnn", "smulxy", H(h_smlaxy) },

    /* ---- multiplies (op2 = 1001, op1 = 0xxxx) ---- */
    { "cccc 0000 000s dddd 0000 mmmm 1001 nnnn", "mul", H(h_mul) },
    { "cccc 0000 001s dddd aaaa mmmm 1001 nnnn", "mla", H(h_mul) },
    { "cccc 0000 0100 hhhh llll mmmm 1001 nnnn", "umaal", H(h_mull) },
    { "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn", "mls", H(h_mul) },
    { "cccc 0000 100s hhhh llll mmmm 1001 nnnn", "umull", H(h_mull) },
    { "cccc 0000 101s hhhh llll mmmm 1001 nnnn", "umlal", H(h_mull) },
    { "cccc 0000 110s hhhh llll mmmm 1001 nnnn", "smull", H(h_mull) },
    { "cccc 0000 111s hhhh llll mmmm 1001 nnnn", "smlal", H(h_mull) },
    { "cccc 0000 ---- ---- ---- ---- 1001 ----", "mul_undef", NULL },

    /* ---- synchronization primitives (op2 = 1001, op1 = 1xxxx) ---- */
    { "cccc 0001 0b00 nnnn tttt 0000 1001 uuuu", "swp", H(h_swp) },
    { "cccc 0001 1zz1 nnnn tttt ---- 1001 ----", "ldrex", H(h_ldrex) },
    { "cccc 0001 1zz0 nnnn dddd ---- 1001 tttt", "strex", H(h_strex) },
    { "cccc 0001 ---- ---- ---- ---- 1001 ----", "sync_undef", NULL },

    /* ---- extra loads/stores (op2 = 1011, 11x1) ---- */
    { "cccc 000p u0w0 nnnn tttt 0000 1011 mmmm", "strh_reg", H(h_ls_extra) },
    { "cccc 000p u0w1 nnnn tttt 0000 1011 mmmm", "ldrh_reg", H(h_ls_extra) },
    { "cccc 000p u0w0 nnnn tttt 0000 1101 mmmm", "ldrd_reg", H(h_ls_extra) },
    { "cccc 000p u0w1 nnnn tttt 0000 1101 mmmm", "ldrsb_reg", H(h_ls_extra) },
    { "cccc 000p u0w0 nnnn tttt 0000 1111 mmmm", "strd_reg", H(h_ls_extra) },
    { "cccc 000p u0w1 nnnn tttt 0000 1111 mmmm", "ldrsh_reg", H(h_ls_extra) },
    { "cccc 000p u1w0 nnnn tttt iiii 1011 iiii", "strh_imm", H(h_ls_extra) },
    { "cccc 000p u1w1 nnnn tttt iiii 1011 iiii", "ldrh_imm", H(h_ls_extra) },
    { "cccc 000p u1w0 nnnn tttt iiii 1101 iiii", "ldrd_imm", H(h_ls_extra) },
    { "cccc 000p u1w1 nnnn tttt iiii 1101 iiii", "ldrsb_imm", H(h_ls_extra) },
    { "cccc 000p u1w0 nnnn tttt iiii 1111 iiii", "strd_imm", H(h_ls_extra) },
    { "cccc 000p u1w1 nnnn tttt iiii 1111 iiii", "ldrsh_imm", H(h_ls_extra) },

    /* ---- data processing, register forms ---- */
    { "cccc 000o ooos nnnn dddd rrrr 0yy1 mmmm", "dp_reg_shift", H(h_dp_reg_shift) },
    { "cccc 000o ooos nnnn dddd iiii iyy0 mmmm", "dp_imm_shift", H(h_dp_imm_shift) },

    /* ---- data processing, immediate forms ---- */
    { "cccc 0011 0000 iiii dddd iiii iiii iiii", "movw", H(h_movw) },
    { "cccc 0011 0100 iiii dddd iiii iiii iiii", "movt", H(h_movt) },
    /* NOP, YIELD, WFE, WFI, SEV, DBG and unallocated hints: no effect */
    { "cccc 0011 0010 0000 ---- ---- oooo oooo", "hint", H(h_nop) },
    { "cccc 0011 0010 mmmm ---- rrrr iiii iiii", "msr_imm", H(h_msr_imm) },
    { "cccc 0011 0110 ---- ---- ---- ---- ----", "msr_spsr_imm", NULL },
    { "cccc 001o ooos nnnn dddd rrrr iiii iiii", "dp_imm", H(h_dp_imm) },

    /* ---- media (op = 011, bit 4 = 1) ---- */
    { "cccc 0110 1010 1111 dddd rr00 0111 mmmm", "sxtb", H(h_extend) },
    { "cccc 0110 1011 1111 dddd rr00 0111 mmmm", "sxth", H(h_extend) },
    { "cccc 0110 1110 1111 dddd rr00 0111 mmmm", "uxtb", H(h_extend) },
    { "cccc 0110 1111 1111 dddd rr00 0111 mmmm", "uxth", H(h_extend) },
    { "cccc 0110 1010 nnnn dddd rr00 0111 mmmm", "sxtab", H(h_extend) },
    { "cccc 0110 1011 nnnn dddd rr00 0111 mmmm", "sxtah", H(h_extend) },
    { "cccc 0110 1110 nnnn dddd rr00 0111 mmmm", "uxtab", H(h_extend) },
    { "cccc 0110 1111 nnnn dddd rr00 0111 mmmm", "uxtah", H(h_extend) },
    { "cccc 0110 1000 nnnn dddd rr00 0111 mmmm", "sxtab16", H(h_extend16) },
    { "cccc 0110 1100 nnnn dddd rr00 0111 mmmm", "uxtab16", H(h_extend16) },
    { "cccc 0110 1000 nnnn dddd iiii iT01 mmmm", "pkh", H(h_pkh) },
    { "cccc 0110 1011 1111 dddd 1111 0011 mmmm", "rev", H(h_rev) },
    { "cccc 0110 1011 1111 dddd 1111 1011 mmmm", "rev16", H(h_rev) },
    { "cccc 0110 1111 1111 dddd 1111 0011 mmmm", "rbit", H(h_rev) },
    { "cccc 0110 1111 1111 dddd 1111 1011 mmmm", "revsh", H(h_rev) },
    { "cccc 0111 0000 dddd aaaa mmmm 0-X1 nnnn", "smlad", H(h_smlad) },
    { "cccc 0111 0100 hhhh llll mmmm 0-X1 nnnn", "smlald", H(h_smlald) },
    { "cccc 0111 0101 dddd aaaa mmmm 00R1 nnnn", "smmla", H(h_smmla) },
    { "cccc 0111 0101 dddd aaaa mmmm 11R1 nnnn", "smmls", H(h_smmla) },
    { "cccc 0111 0001 dddd 1111 mmmm 0001 nnnn", "sdiv", H(h_div) },
    { "cccc 0111 0011 dddd 1111 mmmm 0001 nnnn", "udiv", H(h_div) },
    { "cccc 0111 101w wwww dddd llll l101 nnnn", "sbfx", H(h_bfx) },
    { "cccc 0111 111w wwww dddd llll l101 nnnn", "ubfx", H(h_bfx) },
    { "cccc 0111 110m mmmm dddd llll l001 1111", "bfc", H(h_bfi) },
    { "cccc 0111 110m mmmm dddd llll l001 nnnn", "bfi", H(h_bfi) },
    { "cccc 0111 1111 iiii iiii iiii 1111 iiii", "udf", H(h_udf) },
    { "cccc 0110 0ppp nnnn dddd ---- ooo1 mmmm", "parallel", H(h_parallel) },
    { "cccc 0110 1000 nnnn dddd ---- 1011 mmmm", "sel", H(h_sel) },
    { "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn", "usada8", H(h_usad8) },
    { "cccc 0110 1010 ssss dddd ---- 0011 nnnn", "ssat16", H(h_sat16) },
    { "cccc 0110 1110 ssss dddd ---- 0011 nnnn", "usat16", H(h_sat16) },
    { "cccc 0110 101s ssss dddd iiii ih01 nnnn", "ssat", H(h_sat) },
    { "cccc 0110 111s ssss dddd iiii ih01 nnnn", "usat", H(h_sat) },
    /* anything else in the media space is undefined */
    { "cccc 011- ---- ---- ---- ---- ---1 ----", "media_undef", NULL },

    /* ---- word and unsigned byte loads/stores ---- */
    { "cccc 010p u0w0 nnnn tttt iiii iiii iiii", "str_imm", H(h_ls_imm) },
    { "cccc 010p u0w1 nnnn tttt iiii iiii iiii", "ldr_imm", H(h_ls_imm) },
    { "cccc 010p u1w0 nnnn tttt iiii iiii iiii", "strb_imm", H(h_ls_imm) },
    { "cccc 010p u1w1 nnnn tttt iiii iiii iiii", "ldrb_imm", H(h_ls_imm) },
    { "cccc 011p u0w0 nnnn tttt iiii iyy0 mmmm", "str_reg", H(h_ls_reg) },
    { "cccc 011p u0w1 nnnn tttt iiii iyy0 mmmm", "ldr_reg", H(h_ls_reg) },
    { "cccc 011p u1w0 nnnn tttt iiii iyy0 mmmm", "strb_reg", H(h_ls_reg) },
    { "cccc 011p u1w1 nnnn tttt iiii iyy0 mmmm", "ldrb_reg", H(h_ls_reg) },

    /* ---- block transfers (the S = 1 user-bank forms are undefined) ---- */
    { "cccc 100p u0w0 nnnn rrrr rrrr rrrr rrrr", "stm", H(h_ldm) },
    { "cccc 100p u0w1 nnnn rrrr rrrr rrrr rrrr", "ldm", H(h_ldm) },

    /* ---- branches, coprocessor, supervisor call ---- */
    { "cccc 1010 iiii iiii iiii iiii iiii iiii", "b", H(h_b) },
    { "cccc 1011 iiii iiii iiii iiii iiii iiii", "bl", H(h_b) },
    { "cccc 110- ---- ---- ---- ---- ---- ----", "coproc_ldst", H(h_coproc) },
    { "cccc 1110 ---- ---- ---- ---- ---- ----", "coproc", H(h_coproc) },
    { "cccc 1111 iiii iiii iiii iiii iiii iiii", "svc", H(h_svc) },
    DECODE_END
};

void arm_decode_a32_init(void)
{
    decode_compile(a32_table);
}

const DecodeEntry *arm_decode_a32_table(void)
{
    return a32_table;
}

void arm_translate_a32_insn(DisasContext *dc)
{
    uint32_t insn = arm_fetch32(dc->pc);
    dc->insn = insn;
    dc->next_pc = dc->pc + 4;
    if ((insn >> 28) != 15)
        arm_gen_cond_begin(dc, insn >> 28);
    const DecodeEntry *e = decode_lookup(a32_table, insn);
    A32Handler *h = e ? (A32Handler *)e->handler : NULL;
    if (!h || !h(dc, e, insn))
        arm_gen_undef(dc);
}
