/*
 * The MAC16 option: 16x16-bit multiplies into the 40-bit accumulator
 * ACCHI:ACCLO (ACCHI keeps 8 significant bits, sign-extended), with
 * operands from the address registers or from m0-m3, and the loads of
 * m0-m3 that can go with them.
 *
 * Encoding (op0 4): op2 selects the form, op1 = operation (2 bits: UMUL
 * (AA only), MUL, MULA, MULS) and the halves (2 bits: LL, HL, LH, HH: which
 * 16-bit half of the first and of the second operand).  The first operand
 * is as (s field) or mx (x = r[2]: m0/m1), the second at (t) or my
 * (y = t[2]: m2/m3); the load forms load mw (w = r[1:0]) from as +/- 4 and
 * update as.
 *
 *   op2 0/1  MULA.DD.*.LDINC/LDDEC   op2 2  MUL*.DD   op2 3  MUL*.AD
 *   op2 4/5  MULA.DA.*.LDINC/LDDEC   op2 6  MUL*.DA   op2 7  (U)MUL*.AA
 *   op2 8/9  LDINC/LDDEC
 */
#include "frontend/xtensa/translate.h"

#define INSN (dc->insn)
#define FT ((int)(INSN >> 4) & 15)
#define FS ((int)(INSN >> 8) & 15)
#define FR ((int)(INSN >> 12) & 15)
#define OP1 ((INSN >> 16) & 15)
#define OP2 ((INSN >> 20) & 15)

/* The 16-bit half of v (signed, or unsigned for UMUL) as an i32. */
static IRTemp half(DisasContext *dc, IRTemp v, bool high, bool sign)
{
    IRTemp h = xt_tmp(dc);
    if (high) {
        if (sign)
            ir_sar_i32(dc->b, h, v, xt_cst(dc, 16));
        else
            ir_shr_i32(dc->b, h, v, xt_cst(dc, 16));
    } else if (sign) {
        ir_ext16s_i32(dc->b, h, v);
    } else {
        ir_ext16u_i32(dc->b, h, v);
    }
    return h;
}

/* ACC = / += / -= x * y (op: 0 UMUL, 1 MUL, 2 MULA, 3 MULS). */
static void gen_mac(DisasContext *dc, unsigned op, unsigned halves, IRTemp x, IRTemp y)
{
    IRBlock *b = dc->b;
    bool sign = op != 0;
    IRTemp hx = half(dc, x, halves & 1, sign), hy = half(dc, y, (halves >> 1) & 1, sign);
    IRTemp p = xt_tmp(dc);
    ir_mul_i32(b, p, hx, hy);
    IRTemp p64 = ir_temp_i64(b), acc = ir_temp_i64(b);
    if (sign)
        ir_exts_i32_i64(b, p64, p);
    else
        ir_extu_i32_i64(b, p64, p);
    if (op >= 2) {
        ir_concat_i32_i64(b, acc, xt_acclo, xt_acchi);
        if (op == 2)
            ir_add_i64(b, acc, acc, p64);
        else
            ir_sub_i64(b, acc, acc, p64);
    } else {
        ir_mov_i64(b, acc, p64);
    }
    IRTemp hi = xt_tmp(dc);
    ir_extrl_i64_i32(b, xt_acclo, acc);
    ir_extrh_i64_i32(b, hi, acc);
    ir_ext8s_i32(b, xt_acchi, hi);
}

/* LDINC/LDDEC part: mw = [as +/- 4], as updated (after the multiply). */
static void gen_ld_m(DisasContext *dc, bool inc)
{
    IRTemp addr = xt_tmp(dc);
    ir_add_i32(dc->b, addr, xt_a[FS], xt_cst(dc, inc ? 4 : 0xfffffffcu));
    IRTemp v = xt_gen_ld(dc, addr, MO_32);
    ir_mov_i32(dc->b, xt_m[FR & 3], v);
    ir_mov_i32(dc->b, xt_a[FS], addr);
}

bool xt_trans_mac16(DisasContext *dc)
{
    unsigned op2 = OP2, op = OP1 >> 2, halves = OP1 & 3;
    IRTemp mx = xt_m[(FR >> 2) & 1], my = xt_m[2 + ((FT >> 2) & 1)];
    IRTemp x, y;
    /* the load forms fault before anything changes */
    if (op2 <= 1 || op2 == 4 || op2 == 5 || op2 == 8 || op2 == 9)
        xt_gen_align_check(dc, xt_a[FS], (op2 & 1) ? 0xfffffffcu : 4, 0, 4);
    switch (op2) {
    case 0: case 1:             /* MULA.DD.*.LDINC/LDDEC mw, as, mx, my */
        if (op != 2 || FT & 0xb)
            return false;
        x = xt_tmp(dc);
        y = xt_tmp(dc);
        ir_mov_i32(dc->b, x, mx);
        ir_mov_i32(dc->b, y, my);
        gen_mac(dc, op, halves, x, y);
        gen_ld_m(dc, op2 == 0);
        return true;
    case 4: case 5:             /* MULA.DA.*.LDINC/LDDEC mw, as, mx, at */
        if (op != 2)
            return false;
        x = xt_tmp(dc);
        y = xt_tmp(dc);
        ir_mov_i32(dc->b, x, mx);
        ir_mov_i32(dc->b, y, xt_a[FT]);
        gen_mac(dc, op, halves, x, y);
        gen_ld_m(dc, op2 == 4);
        return true;
    case 2:                     /* MUL*.DD mx, my */
        if (op == 0 || FS != 0 || (FR & 0xb) || (FT & 0xb))
            return false;
        gen_mac(dc, op, halves, mx, my);
        return true;
    case 3:                     /* MUL*.AD as, my */
        if (op == 0 || FR != 0 || (FT & 0xb))
            return false;
        gen_mac(dc, op, halves, xt_a[FS], my);
        return true;
    case 6:                     /* MUL*.DA mx, at */
        if (op == 0 || FS != 0 || (FR & 0xb))
            return false;
        gen_mac(dc, op, halves, mx, xt_a[FT]);
        return true;
    case 7:                     /* (U)MUL*.AA as, at */
        if (FR != 0)
            return false;
        gen_mac(dc, op, halves, xt_a[FS], xt_a[FT]);
        return true;
    case 8: case 9:             /* LDINC, LDDEC mw, as */
        if (OP1 != 0 || (FR & 0xc) || FT != 0)
            return false;
        gen_ld_m(dc, op2 == 8);
        return true;
    default:
        return false;
    }
}
