/*
 * ARM data processing: the sixteen ALU operations (plus Thumb-2 ORN) with
 * their three operand forms, multiplies, divides and the miscellaneous
 * single-register operations (CLZ, RBIT, REV*, extends, bitfields, MOVW/T).
 *
 * Each trans function validates the encoding before emitting any IR, so
 * that returning false (UNPREDICTABLE) leaves nothing behind but the
 * caller's undefined-instruction exit.
 */
#include "frontend/arm/translate.h"

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

/* ---------------------------------------------------------------- ALU ops */

static bool dp_is_logical(int op)
{
    switch (op) {
    case ARM_DP_AND: case ARM_DP_EOR: case ARM_DP_TST: case ARM_DP_TEQ:
    case ARM_DP_ORR: case ARM_DP_MOV: case ARM_DP_BIC: case ARM_DP_MVN:
    case ARM_DP_ORN:
        return true;
    default:
        return false;
    }
}

static bool dp_is_test(int op)
{
    return op >= ARM_DP_TST && op <= ARM_DP_CMN;
}

static bool dp_uses_rn(int op)
{
    return op != ARM_DP_MOV && op != ARM_DP_MVN;
}

/* Flag-setting writes to the PC are exception returns (SUBS pc, lr):
 * UNPREDICTABLE in user mode. */
static bool dp_valid(const DisasContext *dc, int op, bool s, int rd)
{
    if (op < 0 || op > ARM_DP_ORN)
        return false;
    return dp_is_test(op) || !(s && rd == 15);
}

/* Logical ops: result, N and Z (C comes from the shifter or immediate). */
static IRTemp dp_logical(DisasContext *dc, int op, IRTemp a, IRTemp b2)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc);
    switch (op) {
    case ARM_DP_AND: case ARM_DP_TST: ir_and_i32(b, r, a, b2); break;
    case ARM_DP_EOR: case ARM_DP_TEQ: ir_xor_i32(b, r, a, b2); break;
    case ARM_DP_ORR: ir_or_i32(b, r, a, b2); break;
    case ARM_DP_BIC: ir_andc_i32(b, r, a, b2); break;
    case ARM_DP_MOV: ir_mov_i32(b, r, b2); break;
    case ARM_DP_MVN: ir_not_i32(b, r, b2); break;
    default: /* ORN */
        ir_not_i32(b, r, b2);
        ir_or_i32(b, r, a, r);
        break;
    }
    return r;
}

/* Arithmetic ops; without S the carry-in forms still use addc/subc so the
 * host can use its own carry chain (the carry output is simply unused). */
static IRTemp dp_arith(DisasContext *dc, int op, bool s, IRTemp a, IRTemp b2)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc), junk = tmp(dc);
    switch (op) {
    case ARM_DP_RSB: case ARM_DP_RSC: {
        IRTemp t = a;
        a = b2;
        b2 = t;
        op = op == ARM_DP_RSB ? ARM_DP_SUB : ARM_DP_SBC;
        break;
    }
    case ARM_DP_CMP: op = ARM_DP_SUB; break;
    case ARM_DP_CMN: op = ARM_DP_ADD; break;
    default: break;
    }
    switch (op) {
    case ARM_DP_SUB:
        if (s)
            arm_gen_sub_cc(dc, r, a, b2);
        else
            ir_sub_i32(b, r, a, b2);
        break;
    case ARM_DP_ADD:
        if (s)
            arm_gen_add_cc(dc, r, a, b2);
        else
            ir_add_i32(b, r, a, b2);
        break;
    case ARM_DP_ADC:
        if (s)
            arm_gen_adc_cc(dc, r, a, b2);
        else
            ir_addc_i32(b, r, junk, a, b2, arm_CF);
        break;
    default: /* SBC */
        if (s)
            arm_gen_sbc_cc(dc, r, a, b2);
        else
            ir_subc_i32(b, r, junk, a, b2, arm_CF);
        break;
    }
    return r;
}

/* rd = a OP b2 (a is unused for MOV/MVN); sets flags when s. */
static void gen_dp(DisasContext *dc, int op, bool s, int rd, IRTemp a, IRTemp b2)
{
    IRTemp r;
    if (dp_is_logical(op)) {
        r = dp_logical(dc, op, a, b2);
        if (s)
            arm_gen_logic_cc(dc, r);
    } else {
        r = dp_arith(dc, op, s, a, b2);
    }
    if (!dp_is_test(op))
        arm_store_reg_alu(dc, rd, r);
}

static IRTemp dp_rn(DisasContext *dc, int op, int rn)
{
    return dp_uses_rn(op) ? arm_load_reg(dc, rn) : cst(dc, 0);
}

bool arm_trans_dp_shift_imm(DisasContext *dc, const ArmArgDPShiftImm *a)
{
    if (!dp_valid(dc, a->op, a->s, a->rd))
        return false;
    IRTemp rn = dp_rn(dc, a->op, a->rn);
    IRTemp rm = arm_load_reg(dc, a->rm);
    IRTemp op2 = arm_gen_shift_imm(dc, rm, a->shtype, a->shimm,
                                   a->s && dp_is_logical(a->op));
    gen_dp(dc, a->op, a->s, a->rd, rn, op2);
    return true;
}

bool arm_trans_dp_shift_reg(DisasContext *dc, const ArmArgDPShiftReg *a)
{
    if (!dp_valid(dc, a->op, a->s, a->rd))
        return false;
    /* Any PC operand of a register-shifted form is UNPREDICTABLE. */
    if ((!dp_is_test(a->op) && a->rd == 15) || (dp_uses_rn(a->op) && a->rn == 15) ||
        a->rm == 15 || a->rs == 15)
        return false;
    IRTemp rn = dp_rn(dc, a->op, a->rn);
    IRTemp rm = arm_load_reg(dc, a->rm);
    IRTemp rs = arm_load_reg(dc, a->rs);
    IRTemp op2 = arm_gen_shift_reg(dc, rm, a->shtype, rs, a->s && dp_is_logical(a->op));
    gen_dp(dc, a->op, a->s, a->rd, rn, op2);
    return true;
}

bool arm_trans_dp_imm(DisasContext *dc, const ArmArgDPImm *a)
{
    if (!dp_valid(dc, a->op, a->s, a->rd))
        return false;
    IRTemp rn = dp_rn(dc, a->op, a->rn);
    if (a->s && dp_is_logical(a->op) && a->carry_from_imm)
        ir_mov_i32(dc->b, arm_CF, cst(dc, a->imm >> 31));
    gen_dp(dc, a->op, a->s, a->rd, rn, cst(dc, a->imm));
    return true;
}

bool arm_trans_adr(DisasContext *dc, int rd, int32_t imm)
{
    IRTemp t = tmp(dc);
    ir_mov_i32(dc->b, t, cst(dc, (arm_pc_read(dc) & ~3u) + (uint32_t)imm));
    arm_store_reg_alu(dc, rd, t);
    return true;
}

/* ---------------------------------------------------------------- multiplies */

static bool any_pc(int a, int b, int c, int d)
{
    return a == 15 || b == 15 || c == 15 || d == 15;
}

/* kind: 0 mul, 1 mla, 2 mls */
static bool gen_mul(DisasContext *dc, const ArmArgMul *a, int kind)
{
    if (any_pc(a->rd, a->rn, a->rm, kind ? a->ra : 0))
        return false;
    IRBlock *b = dc->b;
    IRTemp r = arm_load_reg(dc, a->rn);
    ir_mul_i32(b, r, r, arm_load_reg(dc, a->rm));
    if (kind == 1)
        ir_add_i32(b, r, r, arm_load_reg(dc, a->ra));
    else if (kind == 2)
        ir_sub_i32(b, r, arm_load_reg(dc, a->ra), r);
    if (a->s)
        arm_gen_logic_cc(dc, r);
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_mul(DisasContext *dc, const ArmArgMul *a) { return gen_mul(dc, a, 0); }
bool arm_trans_mla(DisasContext *dc, const ArmArgMul *a) { return gen_mul(dc, a, 1); }

bool arm_trans_mls(DisasContext *dc, const ArmArgMul *a)
{
    return !a->s && gen_mul(dc, a, 2);
}

static bool mull_valid(const ArmArgMulL *a)
{
    return !any_pc(a->rdlo, a->rdhi, a->rn, a->rm) && a->rdlo != a->rdhi;
}

/* (lo, hi) += (al, ah) as a 64-bit sum. */
static void add64(DisasContext *dc, IRTemp lo, IRTemp hi, IRTemp al, IRTemp ah)
{
    IRTemp c = tmp(dc), junk = tmp(dc);
    ir_addc_i32(dc->b, lo, c, lo, al, cst(dc, 0));
    ir_addc_i32(dc->b, hi, junk, hi, ah, c);
}

static void mull_finish(DisasContext *dc, const ArmArgMulL *a, IRTemp lo, IRTemp hi)
{
    if (a->s) {
        ir_mov_i32(dc->b, arm_NF, hi);
        ir_or_i32(dc->b, arm_ZF, lo, hi);
    }
    arm_store_reg(dc, a->rdlo, lo);
    arm_store_reg(dc, a->rdhi, hi);
}

/* acc: add rdhi:rdlo to the product. */
static bool gen_mull(DisasContext *dc, const ArmArgMulL *a, bool is_signed, bool acc)
{
    if (!mull_valid(a))
        return false;
    IRTemp lo = tmp(dc), hi = tmp(dc);
    IRTemp rn = arm_load_reg(dc, a->rn), rm = arm_load_reg(dc, a->rm);
    if (is_signed)
        ir_muls2_i32(dc->b, lo, hi, rn, rm);
    else
        ir_mulu2_i32(dc->b, lo, hi, rn, rm);
    if (acc)
        add64(dc, lo, hi, arm_load_reg(dc, a->rdlo), arm_load_reg(dc, a->rdhi));
    mull_finish(dc, a, lo, hi);
    return true;
}

bool arm_trans_umull(DisasContext *dc, const ArmArgMulL *a) { return gen_mull(dc, a, false, false); }
bool arm_trans_smull(DisasContext *dc, const ArmArgMulL *a) { return gen_mull(dc, a, true, false); }
bool arm_trans_umlal(DisasContext *dc, const ArmArgMulL *a) { return gen_mull(dc, a, false, true); }
bool arm_trans_smlal(DisasContext *dc, const ArmArgMulL *a) { return gen_mull(dc, a, true, true); }

/* rdhi:rdlo = rn * rm + rdlo + rdhi: cannot overflow 64 bits. */
bool arm_trans_umaal(DisasContext *dc, const ArmArgMulL *a)
{
    if (!mull_valid(a) || a->s)
        return false;
    IRTemp lo = tmp(dc), hi = tmp(dc), zero = cst(dc, 0);
    ir_mulu2_i32(dc->b, lo, hi, arm_load_reg(dc, a->rn), arm_load_reg(dc, a->rm));
    add64(dc, lo, hi, arm_load_reg(dc, a->rdlo), zero);
    add64(dc, lo, hi, arm_load_reg(dc, a->rdhi), zero);
    mull_finish(dc, a, lo, hi);
    return true;
}

/* ---------------------------------------------------------------- divides */

/* The IR division ops already give ARM's results for x/0 and INT_MIN/-1. */
static bool gen_div(DisasContext *dc, const ArmArgRRR *a, bool is_signed)
{
    if (any_pc(a->rd, a->rn, a->rm, 0))
        return false;
    IRTemp r = arm_load_reg(dc, a->rn);
    if (is_signed)
        ir_divs_i32(dc->b, r, r, arm_load_reg(dc, a->rm));
    else
        ir_divu_i32(dc->b, r, r, arm_load_reg(dc, a->rm));
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_sdiv(DisasContext *dc, const ArmArgRRR *a) { return gen_div(dc, a, true); }
bool arm_trans_udiv(DisasContext *dc, const ArmArgRRR *a) { return gen_div(dc, a, false); }

/* ---------------------------------------------------------------- single-register ops */

typedef void RRFn(DisasContext *dc, IRTemp r);

static bool gen_rr(DisasContext *dc, const ArmArgRR *a, RRFn *fn)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    IRTemp r = arm_load_reg(dc, a->rm);
    fn(dc, r);
    arm_store_reg(dc, a->rd, r);
    return true;
}

static void do_clz(DisasContext *dc, IRTemp r) { ir_clz_i32(dc->b, r, r); }
static void do_rev(DisasContext *dc, IRTemp r) { ir_bswap32_i32(dc->b, r, r); }

/* Swapping the bytes of the word and then its halves swaps the bytes
 * within each halfword. */
static void do_rev16(DisasContext *dc, IRTemp r)
{
    ir_bswap32_i32(dc->b, r, r);
    ir_rotr_i32(dc->b, r, r, cst(dc, 16));
}

static void do_revsh(DisasContext *dc, IRTemp r)
{
    ir_bswap16_i32(dc->b, r, r);
    ir_ext16s_i32(dc->b, r, r);
}

/* r = ((r >> n) & m) | ((r & m) << n): swap the bit groups selected by m. */
static void swap_bits(DisasContext *dc, IRTemp r, unsigned n, uint32_t m)
{
    IRBlock *b = dc->b;
    IRTemp hi = tmp(dc), lo = tmp(dc);
    ir_shr_i32(b, hi, r, cst(dc, n));
    ir_and_i32(b, hi, hi, cst(dc, m));
    ir_and_i32(b, lo, r, cst(dc, m));
    ir_shl_i32(b, lo, lo, cst(dc, n));
    ir_or_i32(b, r, hi, lo);
}

/* Byte reversal, then reverse the bits inside each byte. */
static void do_rbit(DisasContext *dc, IRTemp r)
{
    ir_bswap32_i32(dc->b, r, r);
    swap_bits(dc, r, 4, 0x0f0f0f0f);
    swap_bits(dc, r, 2, 0x33333333);
    swap_bits(dc, r, 1, 0x55555555);
}

bool arm_trans_clz(DisasContext *dc, const ArmArgRR *a) { return gen_rr(dc, a, do_clz); }
bool arm_trans_rbit(DisasContext *dc, const ArmArgRR *a) { return gen_rr(dc, a, do_rbit); }
bool arm_trans_rev(DisasContext *dc, const ArmArgRR *a) { return gen_rr(dc, a, do_rev); }
bool arm_trans_rev16(DisasContext *dc, const ArmArgRR *a) { return gen_rr(dc, a, do_rev16); }
bool arm_trans_revsh(DisasContext *dc, const ArmArgRR *a) { return gen_rr(dc, a, do_revsh); }

bool arm_trans_extend(DisasContext *dc, const ArmArgExtend *a, int size, bool is_signed)
{
    if (a->rd == 15 || a->rm == 15 || (size != 8 && size != 16) || a->rot < 0 || a->rot > 3)
        return false;
    IRBlock *b = dc->b;
    IRTemp r = arm_load_reg(dc, a->rm);
    if (a->rot)
        ir_rotr_i32(b, r, r, cst(dc, 8 * a->rot));
    if (size == 8 && is_signed)
        ir_ext8s_i32(b, r, r);
    else if (size == 8)
        ir_ext8u_i32(b, r, r);
    else if (is_signed)
        ir_ext16s_i32(b, r, r);
    else
        ir_ext16u_i32(b, r, r);
    if (a->rn != 15)
        ir_add_i32(b, r, r, arm_load_reg(dc, a->rn));
    arm_store_reg(dc, a->rd, r);
    return true;
}

/* ---------------------------------------------------------------- bitfields */

static bool gen_bfx(DisasContext *dc, const ArmArgBitfield *a, bool is_signed)
{
    unsigned width = a->widthm1 + 1;
    if (a->rd == 15 || a->rn == 15 || a->lsb < 0 || a->lsb + width > 32)
        return false;
    IRTemp r = tmp(dc);
    if (is_signed)
        ir_sextract_i32(dc->b, r, arm_load_reg(dc, a->rn), a->lsb, width);
    else
        ir_extract_i32(dc->b, r, arm_load_reg(dc, a->rn), a->lsb, width);
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_ubfx(DisasContext *dc, const ArmArgBitfield *a) { return gen_bfx(dc, a, false); }
bool arm_trans_sbfx(DisasContext *dc, const ArmArgBitfield *a) { return gen_bfx(dc, a, true); }

bool arm_trans_bfi(DisasContext *dc, const ArmArgBitfield *a)
{
    if (a->rd == 15 || a->msb < a->lsb || a->msb > 31 || a->lsb < 0)
        return false;
    IRTemp r = arm_load_reg(dc, a->rd);
    IRTemp src = a->rn == 15 ? cst(dc, 0) : arm_load_reg(dc, a->rn);
    ir_deposit_i32(dc->b, r, r, src, a->lsb, a->msb - a->lsb + 1);
    arm_store_reg(dc, a->rd, r);
    return true;
}

/* ---------------------------------------------------------------- wide moves */

bool arm_trans_movw(DisasContext *dc, int rd, uint32_t imm16)
{
    if (rd == 15)
        return false;
    ir_mov_i32(dc->b, arm_r[rd], cst(dc, imm16 & 0xffff));
    return true;
}

bool arm_trans_movt(DisasContext *dc, int rd, uint32_t imm16)
{
    if (rd == 15)
        return false;
    ir_deposit_i32(dc->b, arm_r[rd], arm_r[rd], cst(dc, imm16), 16, 16);
    return true;
}

/* ---------------------------------------------------------------- saturating arithmetic */

/* Q |= bit 31 of v (Q is sticky). */
static void set_q_sign(DisasContext *dc, IRTemp v)
{
    IRTemp t = tmp(dc);
    ir_shr_i32(dc->b, t, v, cst(dc, 31));
    ir_or_i32(dc->b, arm_QF, arm_QF, t);
}

/* Signed overflow of r = a + b (or a - b) in bit 31 of a fresh temp. */
static IRTemp overflow(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b2, bool sub)
{
    IRTemp t1 = tmp(dc), t2 = tmp(dc);
    ir_xor_i32(dc->b, t1, r, a);
    ir_xor_i32(dc->b, t2, a, b2);
    if (sub)
        ir_and_i32(dc->b, t1, t1, t2);
    else
        ir_andc_i32(dc->b, t1, t1, t2);
    return t1;
}

/* a +/- b saturated to 32 signed bits, setting Q when it saturates. */
static IRTemp gen_qadd(DisasContext *dc, IRTemp a, IRTemp b2, bool sub)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc), sat = tmp(dc);
    if (sub)
        ir_sub_i32(b, r, a, b2);
    else
        ir_add_i32(b, r, a, b2);
    IRTemp ov = overflow(dc, r, a, b2, sub);
    ir_sar_i32(b, sat, a, cst(dc, 31));
    ir_xor_i32(b, sat, sat, cst(dc, 0x7fffffff));   /* INT_MAX or INT_MIN */
    ir_movcond_i32(b, IR_COND_LT, r, ov, cst(dc, 0), sat, r);
    set_q_sign(dc, ov);
    return r;
}

/* a + b wrapping, setting Q on signed overflow (SMLAxy, SMLAWy). */
static IRTemp add_setq(DisasContext *dc, IRTemp a, IRTemp b2)
{
    IRTemp r = tmp(dc);
    ir_add_i32(dc->b, r, a, b2);
    set_q_sign(dc, overflow(dc, r, a, b2, false));
    return r;
}

bool arm_trans_qaddsub(DisasContext *dc, const ArmArgRRR *a, bool sub, bool dbl)
{
    if (any_pc(a->rd, a->rn, a->rm, 0))
        return false;
    IRTemp n = arm_load_reg(dc, a->rn);
    if (dbl)
        n = gen_qadd(dc, n, n, false);
    arm_store_reg(dc, a->rd, gen_qadd(dc, arm_load_reg(dc, a->rm), n, sub));
    return true;
}

/* ---------------------------------------------------------------- signed multiplies */

/* The signed top or bottom halfword of v. */
static IRTemp half(DisasContext *dc, IRTemp v, bool top)
{
    IRTemp t = tmp(dc);
    ir_sextract_i32(dc->b, t, v, top ? 16 : 0, 16);
    return t;
}

static IRTemp ext64(DisasContext *dc, IRTemp v)
{
    IRTemp t = ir_temp_i64(dc->b);
    ir_exts_i32_i64(dc->b, t, v);
    return t;
}

/* The low word of v, setting Q when v does not fit in 32 signed bits. */
static IRTemp low_word_q(DisasContext *dc, IRTemp v64)
{
    IRBlock *b = dc->b;
    IRTemp lo = tmp(dc), q = tmp(dc);
    ir_extrl_i64_i32(b, lo, v64);
    ir_setcond_i64(b, IR_COND_NE, q, v64, ext64(dc, lo));
    ir_or_i32(b, arm_QF, arm_QF, q);
    return lo;
}

/* rdhi:rdlo += v (64-bit). */
static void acc64(DisasContext *dc, const ArmArgMulL *a, IRTemp v)
{
    IRBlock *b = dc->b;
    IRTemp acc = ir_temp_i64(b), lo = tmp(dc), hi = tmp(dc);
    ir_concat_i32_i64(b, acc, arm_load_reg(dc, a->rdlo), arm_load_reg(dc, a->rdhi));
    ir_add_i64(b, acc, acc, v);
    ir_extrl_i64_i32(b, lo, acc);
    ir_extrh_i64_i32(b, hi, acc);
    arm_store_reg(dc, a->rdlo, lo);
    arm_store_reg(dc, a->rdhi, hi);
}

/* The 16 x 16 product of the selected halves (fits in 32 bits). */
static IRTemp mul_halves(DisasContext *dc, int rn, bool nhi, int rm, bool mhi)
{
    IRTemp p = half(dc, arm_load_reg(dc, rn), nhi);
    ir_mul_i32(dc->b, p, p, half(dc, arm_load_reg(dc, rm), mhi));
    return p;
}

bool arm_trans_smlaxy(DisasContext *dc, const ArmArgMul *a, bool nhi, bool mhi)
{
    if (any_pc(a->rd, a->rn, a->rm, 0))
        return false;
    IRTemp p = mul_halves(dc, a->rn, nhi, a->rm, mhi);
    if (a->ra != 15)
        p = add_setq(dc, p, arm_load_reg(dc, a->ra));
    arm_store_reg(dc, a->rd, p);
    return true;
}

/* (rn * rm.half) >> 16: the top 32 bits of a 48-bit product. */
bool arm_trans_smlawy(DisasContext *dc, const ArmArgMul *a, bool mhi)
{
    if (any_pc(a->rd, a->rn, a->rm, 0))
        return false;
    IRBlock *b = dc->b;
    IRTemp p = ext64(dc, arm_load_reg(dc, a->rn)), r = tmp(dc);
    ir_mul_i64(b, p, p, ext64(dc, half(dc, arm_load_reg(dc, a->rm), mhi)));
    ir_sar_i64(b, p, p, ir_const_i64(b, 16));
    ir_extrl_i64_i32(b, r, p);
    if (a->ra != 15)
        r = add_setq(dc, r, arm_load_reg(dc, a->ra));
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_smlalxy(DisasContext *dc, const ArmArgMulL *a, bool nhi, bool mhi)
{
    if (!mull_valid(a))
        return false;
    acc64(dc, a, ext64(dc, mul_halves(dc, a->rn, nhi, a->rm, mhi)));
    return true;
}

/* product1 +/- product2 of the halfword pairs as a 64-bit value; swap
 * exchanges the halves of rm first (the X bit). */
static IRTemp dual_product(DisasContext *dc, int rn, int rm, bool sub, bool swap)
{
    IRBlock *b = dc->b;
    IRTemp vn = arm_load_reg(dc, rn), vm = arm_load_reg(dc, rm);
    if (swap)
        ir_rotr_i32(b, vm, vm, cst(dc, 16));
    IRTemp p1 = half(dc, vn, false), p2 = half(dc, vn, true);
    ir_mul_i32(b, p1, p1, half(dc, vm, false));
    ir_mul_i32(b, p2, p2, half(dc, vm, true));
    IRTemp s = ext64(dc, p1);
    if (sub)
        ir_sub_i64(b, s, s, ext64(dc, p2));
    else
        ir_add_i64(b, s, s, ext64(dc, p2));
    return s;
}

/* SMLAD/SMLSD (ra == 15: SMUAD/SMUSD); Q when the sum overflows. */
bool arm_trans_smlad(DisasContext *dc, const ArmArgMul *a, bool sub, bool swap)
{
    if (any_pc(a->rd, a->rn, a->rm, 0))
        return false;
    IRTemp s = dual_product(dc, a->rn, a->rm, sub, swap);
    if (a->ra != 15)
        ir_add_i64(dc->b, s, s, ext64(dc, arm_load_reg(dc, a->ra)));
    arm_store_reg(dc, a->rd, low_word_q(dc, s));
    return true;
}

bool arm_trans_smlald(DisasContext *dc, const ArmArgMulL *a, bool sub, bool swap)
{
    if (!mull_valid(a))
        return false;
    acc64(dc, a, dual_product(dc, a->rn, a->rm, sub, swap));
    return true;
}

/* SMMUL (ra == 15), SMMLA, SMMLS: the top word of [ra:0 +/-] rn * rm,
 * rounded when round (the R bit). */
bool arm_trans_smmla(DisasContext *dc, const ArmArgMul *a, bool sub, bool round)
{
    if (any_pc(a->rd, a->rn, a->rm, 0) || (sub && a->ra == 15))
        return false;
    IRBlock *b = dc->b;
    IRTemp p = ext64(dc, arm_load_reg(dc, a->rn)), r = tmp(dc);
    ir_mul_i64(b, p, p, ext64(dc, arm_load_reg(dc, a->rm)));
    if (a->ra != 15) {
        IRTemp acc = ir_temp_i64(b);
        ir_concat_i32_i64(b, acc, cst(dc, 0), arm_load_reg(dc, a->ra));
        if (sub)
            ir_sub_i64(b, p, acc, p);
        else
            ir_add_i64(b, p, acc, p);
    }
    if (round)
        ir_add_i64(b, p, p, ir_const_i64(b, 0x80000000u));
    ir_extrh_i64_i32(b, r, p);
    arm_store_reg(dc, a->rd, r);
    return true;
}
