/*
 * ARMv6 media instructions shared by the A32 and Thumb decoders: the
 * parallel add/subtract family (S/Q/SH/U/UQ/UH x ADD16/ASX/SAX/SUB16/ADD8/
 * SUB8) with the APSR.GE flags, SEL, USAD8/USADA8, SSAT/USAT, PKHBT/PKHTB
 * and the dual-byte extends (SXTB16, UXTB16, SXTAB16, UXTAB16).
 *
 * glibc's string functions run UADD8 and SEL in their inner loops, so those
 * two are emitted inline; the rest of the family goes through pure helpers
 * (one for the result, one for the GE bits) so no guest state is synced.
 */
#include <stddef.h>

#include "frontend/arm/translate.h"

/* ---- reference semantics (also used as helpers) ---- */

typedef struct Lanes {
    int32_t v[4];   /* lane results before truncation */
    int n;          /* 2 halfword or 4 byte lanes */
} Lanes;

static int32_t lane(uint32_t x, int i, int n, bool sign)
{
    int bits = 32 / n;
    uint32_t v = (x >> (i * bits)) & ((1u << bits) - 1);
    if (sign && (v >> (bits - 1)))
        return (int32_t)v - (1 << bits);
    return (int32_t)v;
}

/* op: ARM_PAR_ADD16 ... ARM_PAR_SUB8; prefix: ARM_PAR_S ... ARM_PAR_UH. */
static Lanes par_lanes(uint32_t a, uint32_t b, int op, bool sign)
{
    Lanes l = { .n = (op == ARM_PAR_ADD8 || op == ARM_PAR_SUB8) ? 4 : 2 };
    for (int i = 0; i < l.n; i++) {
        int32_t x = lane(a, i, l.n, sign);
        int32_t ys = lane(b, i, l.n, sign);
        /* the exchanged halfword (ASX/SAX only have halfword lanes) */
        int32_t yx = l.n == 2 ? lane(b, 1 - i, 2, sign) : 0;
        switch (op) {
        case ARM_PAR_ADD16: case ARM_PAR_ADD8: l.v[i] = x + ys; break;
        case ARM_PAR_SUB16: case ARM_PAR_SUB8: l.v[i] = x - ys; break;
        case ARM_PAR_ASX: l.v[i] = i ? x + yx : x - yx; break;
        default: /* SAX */ l.v[i] = i ? x - yx : x + yx; break;
        }
    }
    return l;
}

static int32_t saturate(int32_t v, int bits, bool sign)
{
    int64_t lo = sign ? -((int64_t)1 << (bits - 1)) : 0;
    int64_t hi = sign ? ((int64_t)1 << (bits - 1)) - 1 : ((int64_t)1 << bits) - 1;
    return v < lo ? (int32_t)lo : v > hi ? (int32_t)hi : v;
}

static uint32_t par_result(uint32_t a, uint32_t b, uint32_t sel)
{
    int op = (int)(sel & 0xff), prefix = (int)(sel >> 8);
    bool sign = prefix <= ARM_PAR_SH;
    Lanes l = par_lanes(a, b, op, sign);
    int bits = 32 / l.n;
    uint32_t r = 0;
    for (int i = 0; i < l.n; i++) {
        int32_t v = l.v[i];
        if (prefix == ARM_PAR_Q || prefix == ARM_PAR_UQ)
            v = saturate(v, bits, sign);
        else if (prefix == ARM_PAR_SH || prefix == ARM_PAR_UH)
            v >>= 1;   /* arithmetic: halving keeps the true sign */
        r |= ((uint32_t)v & ((1u << bits) - 1)) << (i * bits);
    }
    return r;
}

/* GE bits of the S and U forms (bit per byte; halfword lanes set two). */
static uint32_t par_ge(uint32_t a, uint32_t b, uint32_t sel)
{
    int op = (int)(sel & 0xff), prefix = (int)(sel >> 8);
    bool sign = prefix == ARM_PAR_S;
    Lanes l = par_lanes(a, b, op, sign);
    uint32_t ge = 0;
    for (int i = 0; i < l.n; i++) {
        bool set;
        if (sign)
            set = l.v[i] >= 0;
        else if (op == ARM_PAR_ADD16 || op == ARM_PAR_ADD8 ||
                 (op == ARM_PAR_ASX && i == 1) || (op == ARM_PAR_SAX && i == 0))
            set = l.v[i] >= (1 << (32 / l.n));      /* carry out */
        else
            set = l.v[i] >= 0;                      /* no borrow */
        if (set)
            ge |= l.n == 4 ? 1u << i : 3u << (2 * i);
    }
    return ge;
}

static uint32_t usad8(uint32_t a, uint32_t b)
{
    uint32_t s = 0;
    for (int i = 0; i < 4; i++) {
        int32_t d = (int32_t)((a >> (8 * i)) & 0xff) - (int32_t)((b >> (8 * i)) & 0xff);
        s += (uint32_t)(d < 0 ? -d : d);
    }
    return s;
}

/* sel = bits << 1 | sign, applied to v. */
static uint32_t sat_value(uint32_t v, uint32_t sel)
{
    return (uint32_t)saturate((int32_t)v, (int)(sel >> 1), sel & 1);
}

static uint32_t sat_flag(uint32_t v, uint32_t sel)
{
    return sat_value(v, sel) != v;
}

static uint32_t sat16_value(uint32_t v, uint32_t sel)
{
    int bits = (int)(sel >> 1);
    bool sign = sel & 1;
    uint32_t lo = (uint32_t)saturate((int16_t)v, bits, sign) & 0xffff;
    uint32_t hi = (uint32_t)saturate((int16_t)(v >> 16), bits, sign) & 0xffff;
    return lo | hi << 16;
}

static uint32_t sat16_flag(uint32_t v, uint32_t sel)
{
    int bits = (int)(sel >> 1);
    bool sign = sel & 1;
    return saturate((int16_t)v, bits, sign) != (int16_t)v ||
           saturate((int16_t)(v >> 16), bits, sign) != (int16_t)(v >> 16);
}

#define PURE3(fn) { #fn, (void *)fn, IR_I32, 3, { IR_I32, IR_I32, IR_I32 }, IRH_PURE }
#define PURE2(fn) { #fn, (void *)fn, IR_I32, 2, { IR_I32, IR_I32 }, IRH_PURE }
static const IRHelper h_par_result = PURE3(par_result);
static const IRHelper h_par_ge = PURE3(par_ge);
static const IRHelper h_usad8 = PURE2(usad8);
static const IRHelper h_sat_value = PURE2(sat_value);
static const IRHelper h_sat_flag = PURE2(sat_flag);
static const IRHelper h_sat16_value = PURE2(sat16_value);
static const IRHelper h_sat16_flag = PURE2(sat16_flag);

/* ---- IR generation ---- */

static IRTemp call2(DisasContext *dc, const IRHelper *h, IRTemp a, IRTemp b)
{
    IRTemp d = ir_temp_i32(dc->b);
    IRTemp args[] = { a, b };
    ir_call(dc->b, h, d, args);
    return d;
}

static IRTemp call3(DisasContext *dc, const IRHelper *h, IRTemp a, IRTemp b, uint32_t c)
{
    IRTemp d = ir_temp_i32(dc->b);
    IRTemp args[] = { a, b, ir_const_i32(dc->b, c) };
    ir_call(dc->b, h, d, args);
    return d;
}

/* UADD8 inline: bytewise sums and their carries as GE. */
static void gen_uadd8(DisasContext *dc, int rd, IRTemp a, IRTemp b)
{
    IRBlock *bl = dc->b;
    IRTemp low = ir_temp_i32(bl), t = ir_temp_i32(bl), res = ir_temp_i32(bl);
    IRTemp carry = ir_temp_i32(bl), ge = ir_temp_i32(bl);
    IRTemp m7f = ir_const_i32(bl, 0x7f7f7f7f), m80 = ir_const_i32(bl, 0x80808080);
    /* sum of the low 7 bits of each byte, then the top bits added carry-free */
    ir_and_i32(bl, low, a, m7f);
    ir_and_i32(bl, t, b, m7f);
    ir_add_i32(bl, low, low, t);
    ir_xor_i32(bl, t, a, b);
    ir_and_i32(bl, t, t, m80);
    ir_xor_i32(bl, res, low, t);
    /* carry out of byte i = (a & b) | ((a ^ b) & carry into bit 7) */
    ir_and_i32(bl, carry, t, low);
    ir_and_i32(bl, t, a, b);
    ir_or_i32(bl, carry, carry, t);
    ir_and_i32(bl, carry, carry, m80);
    /* gather bits 7, 15, 23, 31 into GE[3:0] */
    ir_shr_i32(bl, carry, carry, ir_const_i32(bl, 7));
    ir_mul_i32(bl, ge, carry, ir_const_i32(bl, 0x00204081));
    ir_extract_i32(bl, arm_GE, ge, 21, 4);
    arm_store_reg(dc, rd, res);
}

bool arm_trans_parallel(DisasContext *dc, const ArmArgRRR *a, int prefix, int op)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15)
        return false;
    IRTemp x = arm_load_reg(dc, a->rn), y = arm_load_reg(dc, a->rm);
    if (prefix == ARM_PAR_U && op == ARM_PAR_ADD8) {
        gen_uadd8(dc, a->rd, x, y);
        return true;
    }
    uint32_t sel = (uint32_t)prefix << 8 | (uint32_t)op;
    IRTemp res = call3(dc, &h_par_result, x, y, sel);
    if (prefix == ARM_PAR_S || prefix == ARM_PAR_U) {
        IRTemp ge = call3(dc, &h_par_ge, x, y, sel);
        ir_mov_i32(dc->b, arm_GE, ge);
    }
    arm_store_reg(dc, a->rd, res);
    return true;
}

bool arm_trans_sel(DisasContext *dc, const ArmArgRRR *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15)
        return false;
    IRBlock *bl = dc->b;
    IRTemp x = arm_load_reg(dc, a->rn), y = arm_load_reg(dc, a->rm);
    IRTemp mask = ir_temp_i32(bl), res = ir_temp_i32(bl), t = ir_temp_i32(bl);
    /* GE bit i -> 0xff in byte i */
    ir_mul_i32(bl, mask, arm_GE, ir_const_i32(bl, 0x00204081));
    ir_and_i32(bl, mask, mask, ir_const_i32(bl, 0x01010101));
    ir_mul_i32(bl, mask, mask, ir_const_i32(bl, 0xff));
    ir_and_i32(bl, res, x, mask);
    ir_andc_i32(bl, t, y, mask);
    ir_or_i32(bl, res, res, t);
    arm_store_reg(dc, a->rd, res);
    return true;
}

bool arm_trans_usad8(DisasContext *dc, const ArmArgMul *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15)
        return false;
    IRTemp s = call2(dc, &h_usad8, arm_load_reg(dc, a->rn), arm_load_reg(dc, a->rm));
    if (a->ra != 15)
        ir_add_i32(dc->b, s, s, arm_load_reg(dc, a->ra));
    arm_store_reg(dc, a->rd, s);
    return true;
}

/* Sets Q when sat says the value was clamped. */
static void set_q_if(DisasContext *dc, IRTemp sat)
{
    ir_or_i32(dc->b, arm_QF, arm_QF, sat);
}

bool arm_trans_sat(DisasContext *dc, const ArmArgSat *a, bool is_signed)
{
    if (a->rd == 15 || a->rn == 15)
        return false;
    IRTemp v = arm_load_reg(dc, a->rn);
    if (a->sh)
        v = arm_gen_shift_imm(dc, v, 2, a->shimm ? a->shimm : 32, false);
    else if (a->shimm)
        v = arm_gen_shift_imm(dc, v, 0, a->shimm, false);
    uint32_t bits = is_signed ? (uint32_t)a->satimm + 1 : (uint32_t)a->satimm;
    if (!is_signed && bits == 0) {
        /* usat #0: clamp to [0, 0] */
        IRTemp z = ir_temp_i32(dc->b);
        ir_setcond_i32(dc->b, IR_COND_NE, z, v, ir_const_i32(dc->b, 0));
        set_q_if(dc, z);
        arm_store_reg(dc, a->rd, ir_const_i32(dc->b, 0));
        return true;
    }
    uint32_t sel = bits << 1 | is_signed;
    IRTemp f = call2(dc, &h_sat_flag, v, ir_const_i32(dc->b, sel));
    IRTemp r = call2(dc, &h_sat_value, v, ir_const_i32(dc->b, sel));
    set_q_if(dc, f);
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_sat16(DisasContext *dc, const ArmArgSat *a, bool is_signed)
{
    if (a->rd == 15 || a->rn == 15)
        return false;
    IRTemp v = arm_load_reg(dc, a->rn);
    uint32_t bits = is_signed ? (uint32_t)a->satimm + 1 : (uint32_t)a->satimm;
    if (bits > 16)
        return false;
    uint32_t sel = bits << 1 | is_signed;
    IRTemp f = call2(dc, &h_sat16_flag, v, ir_const_i32(dc->b, sel));
    IRTemp r = call2(dc, &h_sat16_value, v, ir_const_i32(dc->b, sel));
    set_q_if(dc, f);
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_pkh(DisasContext *dc, const ArmArgRRR *a, bool tb, int shimm)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15)
        return false;
    IRBlock *bl = dc->b;
    IRTemp m = arm_gen_shift_imm(dc, arm_load_reg(dc, a->rm), tb ? 2 : 0, shimm, false);
    IRTemp r = arm_load_reg(dc, a->rn);
    if (tb) {
        ir_deposit_i32(bl, r, r, m, 0, 16);
    } else {
        ir_shr_i32(bl, m, m, ir_const_i32(bl, 16));
        ir_deposit_i32(bl, r, r, m, 16, 16);
    }
    arm_store_reg(dc, a->rd, r);
    return true;
}

bool arm_trans_extend16(DisasContext *dc, const ArmArgExtend *a, bool is_signed)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    IRBlock *bl = dc->b;
    IRTemp m = ir_temp_i32(bl);
    ir_rotr_i32(bl, m, arm_load_reg(dc, a->rm), ir_const_i32(bl, a->rot * 8));
    IRTemp b0 = ir_temp_i32(bl), b2 = ir_temp_i32(bl);
    if (is_signed) {
        ir_sextract_i32(bl, b0, m, 0, 8);
        ir_sextract_i32(bl, b2, m, 16, 8);
    } else {
        ir_extract_i32(bl, b0, m, 0, 8);
        ir_extract_i32(bl, b2, m, 16, 8);
    }
    if (a->rn != 15) {
        IRTemp n = arm_load_reg(dc, a->rn), h = ir_temp_i32(bl);
        ir_add_i32(bl, b0, b0, n);
        ir_shr_i32(bl, h, n, ir_const_i32(bl, 16));
        ir_add_i32(bl, b2, b2, h);
    }
    ir_deposit_i32(bl, b0, b0, b2, 16, 16);
    arm_store_reg(dc, a->rd, b0);
    return true;
}
