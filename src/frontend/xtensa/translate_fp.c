/*
 * The floating-point coprocessor option (single precision, f0-f15, FCR and
 * FSR) and the boolean option (b0-b15 in BR).
 */
#include "frontend/xtensa/translate.h"

#include <stddef.h>

bool xt_trans_fp0(DisasContext *dc)
{
    return false;
}

bool xt_trans_fp1(DisasContext *dc)
{
    return false;
}

bool xt_trans_lsci(DisasContext *dc)
{
    return false;
}

bool xt_trans_lscx(DisasContext *dc)
{
    return false;
}

#define INSN (dc->insn)
#define FT ((int)(INSN >> 4) & 15)
#define FS ((int)(INSN >> 8) & 15)
#define FR ((int)(INSN >> 12) & 15)
#define OP1 ((INSN >> 16) & 15)
#define OP2 ((INSN >> 20) & 15)

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

IRTemp xt_gen_read_fcr_fsr(DisasContext *dc, bool fsr)
{
    IRTemp v = xt_tmp(dc);
    ir_ld_env_i32(dc->b, v, fsr ? offsetof(XtensaCPU, fsr) : offsetof(XtensaCPU, fcr));
    return v;
}

void xt_gen_write_fcr_fsr(DisasContext *dc, bool fsr, IRTemp v)
{
    ir_st_env_i32(dc->b, v, fsr ? offsetof(XtensaCPU, fsr) : offsetof(XtensaCPU, fcr));
}
