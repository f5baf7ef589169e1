/*
 * VFP support shared by the ARM translators and generated code: where the
 * registers live in env, the FPSCR fields, the slow path of the FP IR ops
 * (exact ARM results where x86 differs) and the helpers for rare
 * operations (FPSCR reads and writes, fixed-point and half-precision
 * conversions).
 *
 * Floating-point state is split between env and the host: env->fpscr holds
 * the control bits, NZCV and the cumulative flags raised by ferry's own
 * code, while the host MXCSR holds the rounding mode, flush-to-zero and the
 * flags raised by the SSE instructions of the fast paths.  Reading FPSCR
 * merges the two (arm_fp_read_fpscr); writing it sets both.
 */
#ifndef FERRY_FRONTEND_ARM_ARM_FP_H
#define FERRY_FRONTEND_ARM_ARM_FP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "tcg/ir.h"

/* FPSCR fields. */
enum {
    FPSCR_IOC = 1u << 0,    /* cumulative flags */
    FPSCR_DZC = 1u << 1,
    FPSCR_OFC = 1u << 2,
    FPSCR_UFC = 1u << 3,
    FPSCR_IXC = 1u << 4,
    FPSCR_IDC = 1u << 7,
    FPSCR_RMODE_SHIFT = 22,
    FPSCR_FZ = 1u << 24,    /* flush denormals to zero */
    FPSCR_DN = 1u << 25,    /* every NaN result is the default NaN */
    FPSCR_AHP = 1u << 26,   /* alternative half precision */
};
/* Bits a write can change: NZCV, QC, AHP, DN, FZ, RMode, IDC and the
 * cumulative flags.  The Cortex-A15 has no trap enables and no short
 * vectors (Len and Stride read as zero). */
#define ARM_FPSCR_WRITABLE 0xffc0009fu

/* FPSCR.RMode values. */
enum { ARM_RMODE_RN, ARM_RMODE_RP, ARM_RMODE_RM, ARM_RMODE_RZ };

/* Offsets in env: S2n and S2n+1 are the low and high words of Dn on the
 * little-endian host. */
static inline int32_t arm_vfp_sreg_off(int s)
{
    return (int32_t)(offsetof(ArmCPU, vfp_d) + 8 * (s >> 1) + 4 * (s & 1));
}

static inline int32_t arm_vfp_dreg_off(int d)
{
    return (int32_t)(offsetof(ArmCPU, vfp_d) + 8 * d);
}

static inline int32_t arm_vfp_reg_off(int r, bool dbl)
{
    return dbl ? arm_vfp_dreg_off(r) : arm_vfp_sreg_off(r);
}

/* The FPSlowPath of every FP IR op of the ARM guest: stores the ARM result
 * of what = FP_WHAT(kind, op) for the env offsets d, a, b and records the
 * exceptions in env->fpscr.  Complete for any operands, not only the NaN
 * and out-of-range cases the fast paths hand over. */
void arm_fp_slow(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/*
 * Rare operations: arm_fp_helper(env, what, d, a, b) with what one of
 * ARM_FPH_* plus modifier bits, d and a env offsets:
 *   ARM_FPH_F16_TO_F32  S register at d = the half at offset a (VCVTB/T)
 *   ARM_FPH_F32_TO_F16  the half at offset d = S register at a; the other
 *                       half of the destination register is kept
 *   ARM_FPH_TO_FIXED    register d (= a) to fixed point with b fraction bits,
 *                       rounding toward zero, saturating
 *   ARM_FPH_FROM_FIXED  register d (= a) from fixed point with b fraction
 *                       bits, rounding to nearest (not by FPSCR.RMode)
 *   ARM_FPH_FLUSH_CHECK under FPSCR.FZ, set IDC if the register at a (or at
 *                       b, unless b is ~0) is a denormal, as FPUnpack does
 *                       for a compare's operands (the host compare flushes
 *                       them silently)
 * The fixed-point forms take ARM_FPH_DBL (D register), ARM_FPH_UNSIGNED and
 * ARM_FPH_16 (a 16-bit integer in the low bits of the register).
 */
enum {
    ARM_FPH_F16_TO_F32, ARM_FPH_F32_TO_F16, ARM_FPH_TO_FIXED, ARM_FPH_FROM_FIXED,
    ARM_FPH_FLUSH_CHECK,
    ARM_FPH_OP_MASK = 0xff,
    ARM_FPH_DBL = 1u << 8,
    ARM_FPH_UNSIGNED = 1u << 9,
    ARM_FPH_16 = 1u << 10,
};
void arm_fp_helper(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/* VMRS Rt, FPSCR: the value with the host's exception flags merged in. */
uint32_t arm_fp_read_fpscr(void *env);
/* VMSR FPSCR, Rt: also loads the host MXCSR (rounding, FZ, flags cleared). */
void arm_fp_write_fpscr(void *env, uint32_t v);
/* Process start: FPSCR = 0, host MXCSR at its power-on value. */
void arm_fp_reset(ArmCPU *env);

/* The IRHelper descriptors of the functions above (no IR globals touched:
 * FPSCR and the VFP registers are plain env fields). */
extern const IRHelper arm_fp_h_helper;
/* arm_fp_slow as a helper: blocks run under FPSCR.FZ call it for every
 * operation (the host's flush-to-zero modes do not flag the ARM way). */
extern const IRHelper arm_fp_h_slow;
extern const IRHelper arm_fp_h_read_fpscr;
extern const IRHelper arm_fp_h_write_fpscr;

/* The VFP data-processing space (translate_vfp_dp.c), in A32 form:
 * cond 1110 xxxx xxxx xxxx 101x xxx0 xxxx. */
struct DisasContext;
bool arm_trans_vfp_dp(struct DisasContext *dc, uint32_t insn_a32);

#endif
