/*
 * Xtensa FP coprocessor support shared by the translator and generated
 * code: the slow path of the FP IR ops, the conversions (which scale by a
 * power of two and round in a mode of their own), and FCR/FSR.
 *
 * As on the other guests, the FP state is split: env->fcr and env->fsr hold
 * the control bits and the flags ferry's own code raised, the host MXCSR
 * the rounding mode and the flags the SSE fast paths raised; reading FSR
 * merges them.
 */
#ifndef FERRY_FRONTEND_XTENSA_XTENSA_FP_H
#define FERRY_FRONTEND_XTENSA_XTENSA_FP_H

#include <stddef.h>
#include <stdint.h>

#include "frontend/xtensa/cpu.h"
#include "tcg/ir.h"

static inline int32_t xt_freg_off(int r)
{
    return (int32_t)(offsetof(XtensaCPU, f) + 4 * r);
}

/* The FPSlowPath of the FP IR ops. */
void xt_fp_slow(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/*
 * Conversions: xt_fp_convert(env, what, reg, src, imm)
 *   XT_FPC_FLOAT / UFLOAT:   f[reg] = (signed/unsigned) a-value src / 2^imm
 *   XT_FPC_ROUND / TRUNC / FLOOR / CEIL / UTRUNC: returns the integer of
 *       f[reg] * 2^imm rounded so (nearest even, to zero, down, up; UTRUNC
 *       to zero, unsigned), saturated when out of range.
 */
enum { XT_FPC_ROUND, XT_FPC_TRUNC, XT_FPC_FLOOR, XT_FPC_CEIL, XT_FPC_UTRUNC,
       XT_FPC_FLOAT, XT_FPC_UFLOAT };
uint32_t xt_fp_convert(void *env, uint32_t what, uint32_t reg, uint32_t src, uint32_t imm);

uint32_t xt_fp_read_fsr(void *env);
void xt_fp_write_fsr(void *env, uint32_t v);
void xt_fp_write_fcr(void *env, uint32_t v);
/* Process start: round to nearest, no flags. */
void xt_fp_reset(XtensaCPU *env);

extern const IRHelper xt_fp_h_convert, xt_fp_h_read_fsr, xt_fp_h_write_fsr, xt_fp_h_write_fcr;

#endif
