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

bool xt_trans_bool(DisasContext *dc)
{
    return false;
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
