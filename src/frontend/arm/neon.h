/*
 * Advanced SIMD (NEON) for the ARM guest.
 *
 * NEON registers are the VFP D registers in env (arm_vfp_dreg_off; Qn is
 * D2n:D2n+1).  Data processing becomes `vop` IR ops (tcg/vecop.h) on env
 * offsets; arm_neon_ref is their exact reference implementation, called by
 * the IR interpreter and by generated code for the kinds the backend does
 * not emit inline.  Element and structure loads/stores become scalar IR
 * memory ops on env fields.
 *
 * Files:
 *   translate_neon.c     data processing: A32 1111 001x, T32 111x 1111
 *   translate_neon_ls.c  VLDn/VSTn: A32 1111 0100 xxx0, T32 1111 1001 xxx0
 *   neon_ref.c           arm_neon_ref
 * The core <-> scalar transfers (VMOV lane, VDUP from core) live with the
 * VFP transfers in translate_vfp.c.
 */
#ifndef FERRY_FRONTEND_ARM_NEON_H
#define FERRY_FRONTEND_ARM_NEON_H

#include <stdint.h>

#include "frontend/arm/arm_fp.h"
#include "tcg/vecop.h"

struct DisasContext;

/* Both take the instruction in its A32 form (the T32 decoder converts). */
bool arm_trans_neon_dp(struct DisasContext *dc, uint32_t insn);
bool arm_trans_neon_ls(struct DisasContext *dc, uint32_t insn);

/* The VecRef of the ARM guest: every VOP_* kind by ARM rules.  Saturation
 * sets FPSCR.QC; floating-point kinds use the standard FPSCR value (round
 * to nearest, flush to zero, default NaN) and add their exceptions to the
 * cumulative flags of FPSCR. */
void arm_neon_ref(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

#define ARM_NEON_TMP_OFF(i) ((int32_t)(offsetof(ArmCPU, neon_tmp) + 16 * (i)))

#endif
