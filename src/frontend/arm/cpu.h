/*
 * ARM guest CPU state (ARMv7-A user mode, as a Cortex-A15 looks to Linux).
 *
 * Generated code keeps these fields in host registers within a block and
 * writes them back at block exits; between blocks env is authoritative.
 */
#ifndef FERRY_FRONTEND_ARM_CPU_H
#define FERRY_FRONTEND_ARM_CPU_H

#include <stdint.h>
#include "exec/cpu_common.h"

typedef struct ArmCPU {
    CPUCommon common;      /* engine fields; must stay first */

    /* r0-r14; r[15] holds the pc of the next instruction to execute at
     * block boundaries (exact address, no +8/+4 pipeline offset). */
    uint32_t r[16];

    /* Condition flags in a form cheap to compute inline:
     *   N is bit 31 of NF;  Z is set iff ZF == 0;
     *   C is CF (exactly 0 or 1);  V is bit 31 of VF. */
    uint32_t NF, ZF, CF, VF;
    uint32_t QF;           /* sticky saturation flag Q: nonzero when set */
    uint32_t GE;           /* APSR.GE in bits 3:0 */

    uint32_t thumb;        /* 1 in Thumb state, 0 in ARM state */
    uint32_t itstate;      /* ITSTATE[7:0] (Thumb IT block) at block start */
    uint32_t bigend_data;  /* CPSR.E (SETEND BE): data accesses big-endian */

    uint32_t tpidrurw;     /* CP15 c13 user read/write thread id */
    uint32_t tpidruro;     /* CP15 c13 user read-only thread id (TLS) */

    /* Exclusive monitor: LDREX records the address and value loaded,
     * STREX compare-and-swaps against that value.  excl_addr is ~0 when
     * the monitor is open (no reservation). */
    uint32_t excl_addr;
    uint32_t excl_val;
    uint32_t excl_val_hi;  /* high word for LDREXD/STREXD */

    /* VFP/NEON: D0-D31 (S0-S31 alias D0-D15, Q0-Q15 pair them). */
    uint64_t vfp_d[32] __attribute__((aligned(16)));
    uint32_t fpscr;        /* FPSCR, cumulative flags included */
    uint32_t fpexc;        /* FPEXC (EN bit reads as set) */
    /* Not architectural: intermediate values of VFP instructions that the
     * IR computes in several steps on env (the rounded product of VMLA,
     * a negated operand of VNMLA/VFNMA, ...). */
    uint64_t vfp_scratch[2];
    /* Not architectural: two Q-sized temporaries for NEON instructions
     * built from several vector operations (by-scalar forms, VLDn/VSTn). */
    uint64_t neon_tmp[4] __attribute__((aligned(16)));
} ArmCPU;

/* Decode flags of an ARM block key (the high 32 bits of the key). */
#define ARM_TBFLAG_THUMB      (1u << 0)
#define ARM_TBFLAG_BE_DATA    (1u << 1)
#define ARM_TBFLAG_FZ         (1u << 2)  /* FPSCR.FZ: VFP through the exact path */
#define ARM_TBFLAG_IT_SHIFT   8        /* ITSTATE in bits 15:8 */

static inline uint32_t arm_tb_flags(const ArmCPU *env)
{
    return (env->thumb ? ARM_TBFLAG_THUMB : 0) |
           (env->bigend_data ? ARM_TBFLAG_BE_DATA : 0) |
           ((env->fpscr >> 24) & 1 ? ARM_TBFLAG_FZ : 0) |
           (env->itstate << ARM_TBFLAG_IT_SHIFT);
}

/* Assemble the architectural CPSR/APSR value from the split flags. */
static inline uint32_t arm_get_apsr(const ArmCPU *env)
{
    return (env->NF & 0x80000000u) | ((env->ZF == 0) << 30) |
           ((env->CF & 1) << 29) | ((env->VF >> 31) << 28) |
           ((env->QF != 0) << 27) | ((env->GE & 0xf) << 16);
}

static inline void arm_set_apsr(ArmCPU *env, uint32_t v, uint32_t mask)
{
    if (mask & 0xf0000000u) {
        env->NF = v & 0x80000000u;
        env->ZF = (~v >> 30) & 1;
        env->CF = (v >> 29) & 1;
        env->VF = (v << 3) & 0x80000000u;
    }
    if (mask & 0x08000000u)
        env->QF = (v >> 27) & 1;
    if (mask & 0x000f0000u)
        env->GE = (v >> 16) & 0xf;
}

/* Address of the kuser helper page and its entry points (Linux ABI). */
#define ARM_KUSER_PAGE        0xffff0000u
#define ARM_KUSER_VERSION     0xffff0ffcu  /* word: number of helpers */
#define ARM_KUSER_GET_TLS     0xffff0fe0u
#define ARM_KUSER_CMPXCHG     0xffff0fc0u
#define ARM_KUSER_MEMBARRIER  0xffff0fa0u
#define ARM_KUSER_CMPXCHG64   0xffff0f60u

#endif
