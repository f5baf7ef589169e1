/*
 * The floating-point coprocessor option (single precision, f0-f15, FCR and
 * FSR) and the boolean option (b0-b15 in BR).
 */
#include "frontend/xtensa/translate.h"

#include <stddef.h>

#include "frontend/xtensa/xtensa_fp.h"

#define INSN (dc->insn)
#define FT ((int)(INSN >> 4) & 15)
#define FS ((int)(INSN >> 8) & 15)
#define FR ((int)(INSN >> 12) & 15)
#define OP1 ((INSN >> 16) & 15)
#define OP2 ((INSN >> 20) & 15)
#define IMM8 ((INSN >> 16) & 0xff)

static IRTemp ld_f(DisasContext *dc, int r)
{
    IRTemp v = xt_tmp(dc);
    ir_ld_env_i32(dc->b, v, xt_freg_off(r));
    return v;
}

static void st_f(DisasContext *dc, int r, IRTemp v)
{
    ir_st_env_i32(dc->b, v, xt_freg_off(r));
}

static IRTemp call_convert(DisasContext *dc, unsigned what, unsigned reg, IRTemp src,
                           unsigned imm)
{
    IRTemp args[5] = { IR_ENV, xt_cst(dc, what), xt_cst(dc, reg), src, xt_cst(dc, imm) };
    IRTemp r = xt_tmp(dc);
    ir_call(dc->b, &xt_fp_h_convert, r, args);
    return r;
}

/* FP0 (op1 10): arithmetic, multiply-add, conversions, moves, RFR/WFR. */
bool xt_trans_fp0(DisasContext *dc)
{
    IRBlock *b = dc->b;
    int r = FR, s = FS, t = FT;
    switch (OP2) {
    case 0: case 1: case 2: {    /* ADD.S, SUB.S, MUL.S fr, fs, ft */
        static const unsigned op[3] = { FOP_ADD, FOP_SUB, FOP_MUL };
        ir_fop(b, false, op[OP2], xt_freg_off(r), xt_freg_off(s), xt_freg_off(t), xt_fp_slow);
        return true;
    }
    case 4: case 5: {            /* MADD.S, MSUB.S fr, fs, ft: fr +/- fs * ft, fused */
        int32_t a = xt_freg_off(s);
        if (OP2 == 5) {
            IRTemp v = ld_f(dc, s);
            ir_xor_i32(b, v, v, xt_cst(dc, 0x80000000u));
            a = (int32_t)offsetof(XtensaCPU, fp_scratch);
            ir_st_env_i32(b, v, a);
        }
        ir_fop(b, false, FOP_FMA, xt_freg_off(r), a, xt_freg_off(t), xt_fp_slow);
        return true;
    }
    case 8: case 9: case 10: case 11: case 14: {   /* ROUND, TRUNC, FLOOR, CEIL, UTRUNC */
        static const unsigned what[16] = {
            [8] = XT_FPC_ROUND, [9] = XT_FPC_TRUNC, [10] = XT_FPC_FLOOR, [11] = XT_FPC_CEIL,
            [14] = XT_FPC_UTRUNC,
        };
        IRTemp v = call_convert(dc, what[OP2], (unsigned)s, xt_cst(dc, 0), (unsigned)t);
        ir_mov_i32(b, xt_a[r], v);
        return true;
    }
    case 12: case 13: {          /* FLOAT.S, UFLOAT.S fr, as, imm */
        IRTemp src = xt_tmp(dc);
        ir_mov_i32(b, src, xt_a[s]);
        call_convert(dc, OP2 == 12 ? XT_FPC_FLOAT : XT_FPC_UFLOAT, (unsigned)r, src,
                     (unsigned)t);
        return true;
    }
    case 15:                     /* FP1OP: t selects */
        switch (t) {
        case 0: st_f(dc, r, ld_f(dc, s)); return true;           /* MOV.S */
        case 1: {                                                 /* ABS.S */
            IRTemp v = ld_f(dc, s);
            ir_and_i32(b, v, v, xt_cst(dc, 0x7fffffffu));
            st_f(dc, r, v);
            return true;
        }
        case 4: ir_mov_i32(b, xt_a[r], ld_f(dc, s)); return true; /* RFR ar, fs */
        case 5: {                                                 /* WFR fr, as */
            IRTemp v = xt_tmp(dc);
            ir_mov_i32(b, v, xt_a[s]);
            st_f(dc, r, v);
            return true;
        }
        case 6: {                                                 /* NEG.S */
            IRTemp v = ld_f(dc, s);
            ir_xor_i32(b, v, v, xt_cst(dc, 0x80000000u));
            st_f(dc, r, v);
            return true;
        }
        default:
            return false;
        }
    default:
        return false;
    }
}

/* FP1 (op1 11): compares into a boolean register, conditional moves. */
bool xt_trans_fp1(DisasContext *dc)
{
    IRBlock *b = dc->b;
    int r = FR, s = FS, t = FT;
    unsigned op2 = OP2;
    if (op2 >= 1 && op2 <= 7) {
        if (!xt_has(XT_OPT_BOOLEAN))
            return false;
        IRTemp rel = xt_tmp(dc), v = xt_tmp(dc), u = xt_tmp(dc);
        ir_fcmp(b, false, rel, 0, xt_freg_off(s), xt_freg_off(t));
        /* a bit per FCMP_REL_* (EQ 1, LT 2, GT 4, UN 8) selects which are true */
        static const uint32_t true_for[8] = {
            [1] = 8, [2] = 1, [3] = 9, [4] = 2, [5] = 10, [6] = 3, [7] = 11,
        };
        ir_shr_i32(b, v, xt_cst(dc, true_for[op2]), rel);
        ir_and_i32(b, u, v, xt_cst(dc, 1));
        ir_deposit_i32(b, xt_br, xt_br, u, (unsigned)r, 1);
        return true;
    }
    IRTemp d = ld_f(dc, r), src = ld_f(dc, s), v = xt_tmp(dc);
    switch (op2) {
    case 8: case 9: case 10: case 11: {   /* MOVEQZ.S ... MOVGEZ.S fr, fs, at */
        static const IRCond c[4] = { IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE };
        ir_movcond_i32(b, c[op2 - 8], v, xt_a[t], xt_cst(dc, 0), src, d);
        break;
    }
    case 12: case 13:                     /* MOVF.S, MOVT.S fr, fs, bt */
        if (!xt_has(XT_OPT_BOOLEAN))
            return false;
        ir_movcond_i32(b, op2 == 12 ? IR_COND_TSTEQ : IR_COND_TSTNE, v, xt_br,
                       xt_cst(dc, 1u << t), src, d);
        break;
    default:
        return false;
    }
    st_f(dc, r, v);
    return true;
}

/* LSI, SSI, LSIU, SSIU ft, as, imm8 * 4 (op0 3). */
bool xt_trans_lsci(DisasContext *dc)
{
    unsigned r = (unsigned)FR;
    if (r & 3)
        return false;
    bool post = (r & 8) && xt_has(XT_OPT_DFPU);
    xt_gen_align_check(dc, xt_a[FS], post ? 0 : IMM8 << 2, 0, 4);
    IRTemp addr = xt_tmp(dc), upd = xt_tmp(dc);
    ir_add_i32(dc->b, upd, xt_a[FS], xt_cst(dc, IMM8 << 2));
    /* LSIU/SSIU access the updated address; the LX7 FPU's LSIP/SSIP (same
     * encodings) the old one */
    ir_mov_i32(dc->b, addr, ((r & 8) && xt_has(XT_OPT_DFPU)) ? xt_a[FS] : upd);
    if (r & 4)
        xt_gen_st(dc, ld_f(dc, FT), addr, MO_32);
    else
        st_f(dc, FT, xt_gen_ld(dc, addr, MO_32));
    if (r & 8)
        ir_mov_i32(dc->b, xt_a[FS], upd);
    return true;
}

/* LSX, LSXU, SSX, SSXU fr, as, at (op1 8). */
bool xt_trans_lscx(DisasContext *dc)
{
    unsigned op2 = OP2;
    if (op2 & 0xa)
        return false;
    bool post = (op2 & 1) && xt_has(XT_OPT_DFPU);
    if (post)
        xt_gen_align_check(dc, xt_a[FS], 0, 0, 4);
    else
        xt_gen_align_check(dc, xt_a[FS], 0, xt_a[FT], 4);
    IRTemp addr = xt_tmp(dc), upd = xt_tmp(dc);
    ir_add_i32(dc->b, upd, xt_a[FS], xt_a[FT]);
    ir_mov_i32(dc->b, addr, ((op2 & 1) && xt_has(XT_OPT_DFPU)) ? xt_a[FS] : upd);
    if (op2 & 4)
        xt_gen_st(dc, ld_f(dc, FR), addr, MO_32);
    else
        st_f(dc, FR, xt_gen_ld(dc, addr, MO_32));
    if (op2 & 1)
        ir_mov_i32(dc->b, xt_a[FS], upd);
    return true;
}

/* Bit n of BR as 0/1 in a temp. */
static IRTemp br_bit(DisasContext *dc, int n)
{
    IRTemp v = xt_tmp(dc);
    ir_extract_i32(dc->b, v, xt_br, (unsigned)n, 1);
    return v;
}

/*
 * ANDB, ANDBC, ORB, ORBC, XORB br, bs, bt (RST2 op2 0-4) and ANY4, ALL4,
 * ANY8, ALL8 bt, bs (ST0 r 8-11; bs must be a multiple of the group size).
 */
bool xt_trans_bool(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp v = xt_tmp(dc);
    if (OP1 == 2) {
        IRTemp x = br_bit(dc, FS), y = br_bit(dc, FT);
        switch (OP2) {
        case 0: ir_and_i32(b, v, x, y); break;
        case 1: ir_andc_i32(b, v, x, y); break;
        case 2: ir_or_i32(b, v, x, y); break;
        case 3: ir_xor_i32(b, y, y, xt_cst(dc, 1)); ir_or_i32(b, v, x, y); break;
        case 4: ir_xor_i32(b, v, x, y); break;
        default: return false;
        }
        ir_deposit_i32(b, xt_br, xt_br, v, (unsigned)FR, 1);
        return true;
    }
    unsigned r = (unsigned)FR, n = (r & 2) ? 8 : 4, s = (unsigned)FS;
    if (s % n)
        return false;
    IRTemp g = xt_tmp(dc);
    ir_extract_i32(b, g, xt_br, s, n);
    if (r & 1)      /* ALL: every bit set */
        ir_setcond_i32(b, IR_COND_EQ, v, g, xt_cst(dc, (1u << n) - 1));
    else            /* ANY: some bit set */
        ir_setcond_i32(b, IR_COND_NE, v, g, xt_cst(dc, 0));
    ir_deposit_i32(b, xt_br, xt_br, v, (unsigned)FT, 1);
    return true;
}

/* RUR FCR/FSR: FSR merges the flags the host raised. */
IRTemp xt_gen_read_fcr_fsr(DisasContext *dc, bool fsr)
{
    IRTemp v = xt_tmp(dc);
    if (fsr) {
        IRTemp args[1] = { IR_ENV };
        ir_call(dc->b, &xt_fp_h_read_fsr, v, args);
    } else {
        ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, fcr));
    }
    return v;
}

/* WUR FCR/FSR: FCR's rounding mode goes to the host MXCSR. */
void xt_gen_write_fcr_fsr(DisasContext *dc, bool fsr, IRTemp v)
{
    IRTemp args[2] = { IR_ENV, v };
    ir_call(dc->b, fsr ? &xt_fp_h_write_fsr : &xt_fp_h_write_fcr, 0, args);
}
