/*
 * MIPS FPU support shared by the translator and generated code: the slow
 * path of the FP IR ops (MIPS NaN rules and conversion results where x86
 * differs), the helpers for rare operations and FCSR reads and writes.
 *
 * As on ARM, the FP state is split: env->fcsr holds the control bits, the
 * cause and the flags raised by ferry's own code, env->fcc the condition
 * codes, and the host MXCSR the rounding mode, flush-to-zero and the flags
 * raised by the SSE fast paths.  Reading FCSR merges them.
 *
 * NaNs: legacy MIPS (the default for o32) has the quiet bit inverted (a
 * quiet NaN has the top fraction bit clear) and, as qemu's MIPS model does,
 * every operation producing a NaN returns the default NaN (0x7fbfffff,
 * 0x7ff7ffffffffffff).  With NaN2008 (EF_MIPS_NAN2008 in the ELF flags)
 * NaNs follow IEEE 754-2008: a quiet NaN operand propagates (first operand
 * first) and a signalling one is quietened.
 */
#ifndef FERRY_FRONTEND_MIPS_MIPS_FP_H
#define FERRY_FRONTEND_MIPS_MIPS_FP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/mips/cpu.h"
#include "tcg/ir.h"

/* The FPSlowPath of every FP IR op of the MIPS guests. */
void mips_fp_slow(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/*
 * Rare operations: mips_fp_helper(env, what, d, a, b), d and a env offsets.
 * what = MIPS_FPH_* | MIPS_FPH_DBL (source is double) | MIPS_FPH_L (the
 * integer is 64-bit):
 *   MIPS_FPH_TO_INT   register d = integer of register a rounded by b
 *                     (MIPS_RM_*, or MIPS_RM_CURRENT for CVT.W/CVT.L)
 *   MIPS_FPH_FROM_L   register d (single, or double with DBL) = the 64-bit
 *                     integer in register a (CVT.S.L, CVT.D.L)
 */
enum { MIPS_FPH_TO_INT, MIPS_FPH_FROM_L, MIPS_FPH_OP_MASK = 0xff,
       MIPS_FPH_DBL = 1u << 8, MIPS_FPH_L = 1u << 9 };
enum { MIPS_RM_RN, MIPS_RM_RZ, MIPS_RM_RP, MIPS_RM_RM, MIPS_RM_CURRENT };
void mips_fp_helper(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/* CFC1 rt, fs: FIR (0), FCCR (25), FEXR (26), FENR (28), FCSR (31). */
uint32_t mips_fp_read_ctrl(void *env, uint32_t reg);
/* CTC1 rt, fs for FCCR, FEXR, FENR, FCSR; loads the host MXCSR. */
void mips_fp_write_ctrl(void *env, uint32_t reg, uint32_t v);
/* Process start: FCSR with the NaN mode of the program, MXCSR to match. */
void mips_fp_reset(MipsCPU *env, bool nan2008);

extern const IRHelper mips_fp_h_helper;
extern const IRHelper mips_fp_h_read_ctrl;
extern const IRHelper mips_fp_h_write_ctrl;

#endif
