/*
 * The MIPS FPU (COP1, COP1X, FP loads and stores, MOVF/MOVT): decoding by
 * the fmt and function fields, and IR on the FP registers in env through
 * the fop/fcvt/fcmp ops with mips_fp_slow as their slow path.
 *
 * Register files: with FR=0 (o32's default) there are 32 single registers
 * and a double is an even/odd pair; an odd register in a double operation
 * is reserved here (SIGILL).  With FR=1 each register holds 64 bits.
 * fpr_off() gives the env offset of register r's value of either width.
 */
#include "frontend/mips/mips_fp.h"
#include "frontend/mips/translate.h"

#include <stddef.h>

bool mips_gen_branch_fcc(DisasContext *dc, int cc, bool tf, bool likely);

enum { FMT_S = 16, FMT_D = 17, FMT_W = 20, FMT_L = 21 };

/* Offset of register r for a value of 8 (dbl) or 4 bytes; -1 if the
 * register cannot hold it. */
static int32_t fpr_off(const DisasContext *dc, int r, bool dbl)
{
    if (dc->fr64)
        return (int32_t)(offsetof(MipsCPU, fpr_d) + 8 * r);
    if (dbl && (r & 1))
        return -1;
    return (int32_t)(offsetof(MipsCPU, fpr_w) + 4 * r);
}

/* The high word of register r (MFHC1/MTHC1): FR=1 its upper half, FR=0
 * the odd register of the even pair. */
static int32_t fpr_hi_off(const DisasContext *dc, int r)
{
    if (dc->fr64)
        return (int32_t)(offsetof(MipsCPU, fpr_d) + 8 * r + 4);
    if (r & 1)
        return -1;
    return (int32_t)(offsetof(MipsCPU, fpr_w) + 4 * (r + 1));
}

static const int32_t scratch0 = offsetof(MipsCPU, fp_scratch);
static const int32_t scratch1 = offsetof(MipsCPU, fp_scratch) + 8;

static void copy_fpr(DisasContext *dc, bool dbl, int32_t d, int32_t a)
{
    if (dbl) {
        IRTemp t = ir_temp_i64(dc->b);
        ir_ld_env_i64(dc->b, t, a);
        ir_st_env_i64(dc->b, t, d);
    } else {
        IRTemp t = mips_tmp(dc);
        ir_ld_env_i32(dc->b, t, a);
        ir_st_env_i32(dc->b, t, d);
    }
}

/* ABS and NEG change the sign bit only (qemu's model, and the 2008
 * non-arithmetic behaviour): NaNs go through unchanged apart from it. */
static void sign_op(DisasContext *dc, bool dbl, bool neg, int32_t d, int32_t a)
{
    IRBlock *b = dc->b;
    if (dbl) {
        IRTemp t = ir_temp_i64(b);
        ir_ld_env_i64(b, t, a);
        if (neg)
            ir_xor_i64(b, t, t, ir_const_i64(b, 1ull << 63));
        else
            ir_and_i64(b, t, t, ir_const_i64(b, ~(1ull << 63)));
        ir_st_env_i64(b, t, d);
    } else {
        IRTemp t = mips_tmp(dc);
        ir_ld_env_i32(b, t, a);
        if (neg)
            ir_xor_i32(b, t, t, mips_cst(dc, 0x80000000u));
        else
            ir_and_i32(b, t, t, mips_cst(dc, 0x7fffffffu));
        ir_st_env_i32(b, t, d);
    }
}

static void store_one(DisasContext *dc, bool dbl, int32_t off)
{
    if (dbl)
        ir_st_env_i64(dc->b, ir_const_i64(dc->b, 0x3ff0000000000000ull), off);
    else
        ir_st_env_i32(dc->b, mips_cst(dc, 0x3f800000u), off);
}

/* A rare operation through mips_fp_helper. */
static void fp_helper(DisasContext *dc, uint32_t what, int32_t d, int32_t a, uint32_t b)
{
    IRTemp args[5] = { IR_ENV, mips_cst(dc, what), mips_cst(dc, (uint32_t)d),
                       mips_cst(dc, (uint32_t)a), mips_cst(dc, b) };
    ir_call(dc->b, &mips_fp_h_helper, 0, args);
}

/* Copy register a to d when the condition (cond on x and y) holds. */
static void gen_cond_move(DisasContext *dc, bool dbl, IRCond cond, IRTemp x, IRTemp y,
                          int32_t d, int32_t a)
{
    uint32_t skip = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, ir_cond_invert(cond), x, y, skip);
    copy_fpr(dc, dbl, d, a);
    ir_label(dc->b, skip);
}

static IRTemp fcc_bit(DisasContext *dc, int cc)
{
    IRTemp t = mips_tmp(dc);
    ir_extract_i32(dc->b, t, mips_fcc, cc, 1);
    return t;
}

/*
 * C.cond.fmt cc, fs, ft: cond bit 0 accepts unordered, bit 1 equal, bit 2
 * less than; bit 3 makes the compare signalling (Invalid Operation on any
 * NaN).  The relation indexes a 4-bit truth table built from cond.
 */
static void gen_compare(DisasContext *dc, bool dbl, int cond, int cc, int32_t a, int32_t c)
{
    IRBlock *b = dc->b;
    IRTemp rel = mips_tmp(dc), t = mips_tmp(dc);
    uint32_t table = ((cond & 1) ? 1u << FCMP_REL_UN : 0) |
                     ((cond & 2) ? 1u << FCMP_REL_EQ : 0) |
                     ((cond & 4) ? 1u << FCMP_REL_LT : 0);
    ir_fcmp(b, dbl, rel, (cond & 8) ? FCMP_SIGNALING : 0, a, c);
    ir_shr_i32(b, t, mips_cst(dc, table), rel);
    ir_and_i32(b, t, t, mips_cst(dc, 1));
    ir_deposit_i32(b, mips_fcc, mips_fcc, t, cc, 1);
}

/* The S and D formats. */
static bool trans_fmt_sd(DisasContext *dc, uint32_t insn, bool dbl)
{
    IRBlock *b = dc->b;
    int ft = (insn >> 16) & 31, fs = (insn >> 11) & 31, fd = (insn >> 6) & 31;
    unsigned fn = insn & 0x3f;
    int32_t s = fpr_off(dc, fs, dbl), t = fpr_off(dc, ft, dbl), d = fpr_off(dc, fd, dbl);
    uint32_t dflag = dbl ? MIPS_FPH_DBL : 0;
    if (s < 0)
        return false;

    if (fn >= 48) {   /* C.cond.fmt */
        if (t < 0 || (fd & 3))
            return false;
        gen_compare(dc, dbl, fn & 15, fd >> 2, s, t);
        return true;
    }
    switch (fn) {
    case 0: case 1: case 2: case 3:   /* ADD SUB MUL DIV */
        if (t < 0 || d < 0)
            return false;
        ir_fop(b, dbl, fn, d, s, t, mips_fp_slow);
        return true;
    case 4:     /* SQRT */
        if (d < 0)
            return false;
        ir_fop(b, dbl, FOP_SQRT, d, s, s, mips_fp_slow);
        return true;
    case 5: case 7:   /* ABS NEG */
        if (d < 0)
            return false;
        sign_op(dc, dbl, fn == 7, d, s);
        return true;
    case 6:     /* MOV */
        if (d < 0)
            return false;
        copy_fpr(dc, dbl, d, s);
        return true;
    case 8: case 9: case 10: case 11:     /* ROUND.L TRUNC.L CEIL.L FLOOR.L */
    case 12: case 13: case 14: case 15: { /* ROUND.W TRUNC.W CEIL.W FLOOR.W */
        static const uint32_t mode[4] = { MIPS_RM_RN, MIPS_RM_RZ, MIPS_RM_RP, MIPS_RM_RM };
        bool l = fn < 12;
        int32_t dd = fpr_off(dc, fd, l);
        if (dd < 0)
            return false;
        if (fn == 13)
            ir_fcvt(b, dbl ? FCVT_S32_F64_RZ : FCVT_S32_F32_RZ, dd, s, mips_fp_slow);
        else
            fp_helper(dc, MIPS_FPH_TO_INT | dflag | (l ? MIPS_FPH_L : 0), dd, s, mode[fn & 3]);
        return true;
    }
    case 17: {  /* MOVF.fmt / MOVT.fmt */
        if (d < 0)
            return false;
        bool tf = (insn >> 16) & 1;
        gen_cond_move(dc, dbl, tf ? IR_COND_NE : IR_COND_EQ, fcc_bit(dc, (insn >> 18) & 7),
                      mips_cst(dc, 0), d, s);
        return true;
    }
    case 18: case 19:   /* MOVZ.fmt / MOVN.fmt on GPR rt */
        if (d < 0)
            return false;
        gen_cond_move(dc, dbl, fn == 18 ? IR_COND_EQ : IR_COND_NE, mips_gpr(dc, ft),
                      mips_cst(dc, 0), d, s);
        return true;
    case 21:    /* RECIP: 1 / fs */
        if (d < 0)
            return false;
        store_one(dc, dbl, scratch0);
        ir_fop(b, dbl, FOP_DIV, d, scratch0, s, mips_fp_slow);
        return true;
    case 22:    /* RSQRT: 1 / sqrt(fs) */
        if (d < 0)
            return false;
        ir_fop(b, dbl, FOP_SQRT, scratch1, s, s, mips_fp_slow);
        store_one(dc, dbl, scratch0);
        ir_fop(b, dbl, FOP_DIV, d, scratch0, scratch1, mips_fp_slow);
        return true;
    case 32:    /* CVT.S (from D) */
        if (!dbl || (d = fpr_off(dc, fd, false)) < 0)
            return false;
        ir_fcvt(b, FCVT_F32_F64, d, s, mips_fp_slow);
        return true;
    case 33:    /* CVT.D (from S) */
        if (dbl || (d = fpr_off(dc, fd, true)) < 0)
            return false;
        ir_fcvt(b, FCVT_F64_F32, d, s, mips_fp_slow);
        return true;
    case 36:    /* CVT.W by the current rounding mode */
        if ((d = fpr_off(dc, fd, false)) < 0)
            return false;
        ir_fcvt(b, dbl ? FCVT_S32_F64 : FCVT_S32_F32, d, s, mips_fp_slow);
        return true;
    case 37:    /* CVT.L */
        if ((d = fpr_off(dc, fd, true)) < 0)
            return false;
        fp_helper(dc, MIPS_FPH_TO_INT | dflag | MIPS_FPH_L, d, s, MIPS_RM_CURRENT);
        return true;
    default:
        return false;
    }
}

/* The W and L formats: only conversions to S and D. */
static bool trans_fmt_wl(DisasContext *dc, uint32_t insn, bool is64)
{
    int fs = (insn >> 11) & 31, fd = (insn >> 6) & 31;
    unsigned fn = insn & 0x3f;
    if (fn != 32 && fn != 33)
        return false;
    bool to_dbl = fn == 33;
    int32_t s = fpr_off(dc, fs, is64), d = fpr_off(dc, fd, to_dbl);
    if (s < 0 || d < 0)
        return false;
    if (!is64)
        ir_fcvt(dc->b, to_dbl ? FCVT_F64_S32 : FCVT_F32_S32, d, s, mips_fp_slow);
    else
        fp_helper(dc, MIPS_FPH_FROM_L | (to_dbl ? MIPS_FPH_DBL : 0), d, s, 0);
    return true;
}

bool mips_trans_bc1(DisasContext *dc, uint32_t insn)
{
    return mips_gen_branch_fcc(dc, (insn >> 18) & 7, (insn >> 16) & 1, (insn >> 17) & 1);
}

bool mips_trans_cop1(DisasContext *dc, uint32_t insn)
{
    IRBlock *b = dc->b;
    unsigned fmt = (insn >> 21) & 31;
    int rt = (insn >> 16) & 31, fs = (insn >> 11) & 31;
    int32_t off;
    IRTemp v;
    if (fmt < 8 && (insn & 0x7ff))
        return false;
    switch (fmt) {
    case 0:     /* MFC1 */
        v = mips_tmp(dc);
        ir_ld_env_i32(b, v, fpr_off(dc, fs, false));
        mips_set_reg(dc, rt, v);
        return true;
    case 4:     /* MTC1 */
        ir_st_env_i32(b, mips_gpr(dc, rt), fpr_off(dc, fs, false));
        return true;
    case 3:     /* MFHC1 */
        if ((off = fpr_hi_off(dc, fs)) < 0)
            return false;
        v = mips_tmp(dc);
        ir_ld_env_i32(b, v, off);
        mips_set_reg(dc, rt, v);
        return true;
    case 7:     /* MTHC1 */
        if ((off = fpr_hi_off(dc, fs)) < 0)
            return false;
        ir_st_env_i32(b, mips_gpr(dc, rt), off);
        return true;
    case 2: {   /* CFC1 */
        if (fs != 0 && fs != 25 && fs != 26 && fs != 28 && fs != 31)
            return false;
        IRTemp args[2] = { IR_ENV, mips_cst(dc, fs) };
        v = mips_tmp(dc);
        ir_call(b, &mips_fp_h_read_ctrl, v, args);
        mips_set_reg(dc, rt, v);
        return true;
    }
    case 6: {   /* CTC1 */
        if (fs != 25 && fs != 26 && fs != 28 && fs != 31)
            return false;
        IRTemp args[3] = { IR_ENV, mips_cst(dc, fs), mips_gpr(dc, rt) };
        ir_call(b, &mips_fp_h_write_ctrl, 0, args);
        return true;
    }
    case 8:     /* BC1F, BC1T, BC1FL, BC1TL */
        if (dc->in_slot)
            return false;
        return mips_trans_bc1(dc, insn);
    case FMT_S: return trans_fmt_sd(dc, insn, false);
    case FMT_D: return trans_fmt_sd(dc, insn, true);
    case FMT_W: return trans_fmt_wl(dc, insn, false);
    case FMT_L: return trans_fmt_wl(dc, insn, true);
    default:    return false;   /* PS and the rest */
    }
}

/* LWC1, SWC1, LDC1, SDC1 ft, offset(base). */
bool mips_trans_fp_ldst(DisasContext *dc, uint32_t insn)
{
    IRBlock *b = dc->b;
    bool store = (insn >> 29) & 1, dbl = ((insn >> 26) & 7) == 5;
    int base = (insn >> 21) & 31, ft = (insn >> 16) & 31;
    int32_t off = fpr_off(dc, ft, dbl);
    if (off < 0)
        return false;
    IRTemp a = mips_addr(dc, base, (int32_t)(int16_t)(insn & 0xffff));
    if (dbl) {
        IRTemp v = ir_temp_i64(b);
        if (store) {
            ir_ld_env_i64(b, v, off);
            ir_st_i64(b, v, a, mips_memop(dc, MO_64));
        } else {
            ir_ld_i64(b, v, a, mips_memop(dc, MO_64));
            ir_st_env_i64(b, v, off);
        }
    } else if (store) {
        IRTemp v = mips_tmp(dc);
        ir_ld_env_i32(b, v, off);
        mips_gen_st(dc, v, a, MO_32);
    } else {
        ir_st_env_i32(b, mips_gen_ld(dc, a, MO_32), off);
    }
    return true;
}

/* MOVF / MOVT rd, rs, cc (SPECIAL function 1). */
bool mips_trans_movci(DisasContext *dc, uint32_t insn)
{
    int rs = (insn >> 21) & 31, rd = (insn >> 11) & 31, cc = (insn >> 18) & 7;
    bool tf = (insn >> 16) & 1;
    if (rd == 0)
        return true;
    ir_movcond_i32(dc->b, tf ? IR_COND_NE : IR_COND_EQ, mips_r[rd], fcc_bit(dc, cc),
                   mips_cst(dc, 0), mips_gpr(dc, rs), mips_r[rd]);
    return true;
}

/*
 * COP1X: the indexed loads and stores (base + index) and the multiply-add
 * family fd = +/-(fs * ft +/- fr), computed as on MIPS32r2 with the product
 * rounded first (qemu's model): the product goes through fp_scratch.
 */
bool mips_trans_cop1x(DisasContext *dc, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
    int fs = (insn >> 11) & 31, fd = (insn >> 6) & 31;
    unsigned fn = insn & 0x3f;
    if (fn < 16) {
        bool dbl, store;
        switch (fn) {
        case 0: dbl = false; store = false; break;   /* LWXC1 */
        case 1: dbl = true; store = false; break;    /* LDXC1 */
        case 5: dbl = true; store = false; break;    /* LUXC1 */
        case 8: dbl = false; store = true; break;    /* SWXC1 */
        case 9: dbl = true; store = true; break;     /* SDXC1 */
        case 13: dbl = true; store = true; break;    /* SUXC1 */
        case 15: return true;                        /* PREFX */
        default: return false;
        }
        int32_t off = fpr_off(dc, store ? fs : fd, dbl);
        if (off < 0)
            return false;
        IRTemp a = mips_tmp(dc);
        ir_add_i32(b, a, mips_gpr(dc, rs), mips_gpr(dc, rt));
        if (fn == 5 || fn == 13)   /* the unaligned forms ignore the low bits */
            ir_andc_i32(b, a, a, mips_cst(dc, 7));
        if (dbl) {
            IRTemp v = ir_temp_i64(b);
            if (store) {
                ir_ld_env_i64(b, v, off);
                ir_st_i64(b, v, a, mips_memop(dc, MO_64));
            } else {
                ir_ld_i64(b, v, a, mips_memop(dc, MO_64));
                ir_st_env_i64(b, v, off);
            }
        } else if (store) {
            IRTemp v = mips_tmp(dc);
            ir_ld_env_i32(b, v, off);
            mips_gen_st(dc, v, a, MO_32);
        } else {
            ir_st_env_i32(b, mips_gen_ld(dc, a, MO_32), off);
        }
        return true;
    }
    unsigned op = fn >> 3, fmt = fn & 7;
    if (op < 4 || op > 7 || fmt > 1)
        return false;
    bool dbl = fmt == 1, sub = op & 1, negate = op >= 6;
    int fr = rs, ft = rt;
    int32_t d = fpr_off(dc, fd, dbl), r = fpr_off(dc, fr, dbl);
    int32_t s = fpr_off(dc, fs, dbl), t = fpr_off(dc, ft, dbl);
    if (d < 0 || r < 0 || s < 0 || t < 0)
        return false;
    ir_fop(b, dbl, FOP_MUL, scratch0, s, t, mips_fp_slow);
    ir_fop(b, dbl, sub ? FOP_SUB : FOP_ADD, d, scratch0, r, mips_fp_slow);
    if (negate)
        sign_op(dc, dbl, true, d, d);
    return true;
}
