/*
 * MIPS guest CPU state (MIPS32 Release 2 user mode, o32 ABI), shared by the
 * big-endian (mips) and little-endian (mipsel) guests.
 *
 * Generated code keeps the integer registers in host registers within a
 * block and writes them back at block exits; between blocks env is
 * authoritative.  A branch and its delay slot are always translated
 * together, so no block boundary (and no saved state) ever falls between
 * them.
 */
#ifndef FERRY_FRONTEND_MIPS_CPU_H
#define FERRY_FRONTEND_MIPS_CPU_H

#include <stdint.h>
#include "exec/cpu_common.h"

typedef struct MipsCPU {
    CPUCommon common;      /* engine fields; must stay first */

    uint32_t r[32];        /* GPRs; r[0] is never written */
    uint32_t pc;           /* next instruction to execute at block boundaries */
    uint32_t hi, lo;       /* multiply/divide results */

    /* LL/SC: LL records the address and the value loaded; SC
     * compare-and-swaps against that value.  ll_addr is ~0 when there is
     * no reservation. */
    uint32_t ll_addr;
    uint32_t ll_val;

    uint32_t tls;          /* UserLocal: what RDHWR $29 reads (set_thread_area) */

    /* FPU.  FCSR is split: fcc holds the eight condition codes (bit n =
     * FCCn, what C.cond writes and BC1T reads), fcsr the rest (rounding
     * mode, flags, enables, cause, FS) without the flags the host MXCSR
     * still holds (mips_fp_read_fcsr merges them). */
    uint32_t fcc;
    uint32_t fcsr;
    uint32_t fir;          /* FIR (read-only implementation register) */
    uint32_t fr;           /* Status.FR: 64-bit FPRs (FP64 programs) */
    uint32_t nan2008;      /* FCSR.NAN2008/ABS2008: IEEE 754-2008 NaNs */
    /* FPRs.  With FR=0 the 32 single registers are the 32-bit words of
     * fpr_w (a double is an even/odd pair, low word in the even register,
     * which is the little-endian host's layout of one 64-bit value); with
     * FR=1 each register is a 64-bit fpr_d entry. */
    union {
        uint64_t fpr_d[32];
        uint32_t fpr_w[64];
    } __attribute__((aligned(16)));
    /* Not architectural: intermediate values of instructions the IR
     * computes in several steps on env (MADD.fmt's product, a converted
     * operand). */
    uint64_t fp_scratch[2];
} MipsCPU;

/* Decode flags of a MIPS block key (the high 32 bits of the key). */
#define MIPS_TBFLAG_FR64   (1u << 0)

static inline uint32_t mips_tb_flags(const MipsCPU *env)
{
    return env->fr ? MIPS_TBFLAG_FR64 : 0;
}

/* FCSR fields. */
enum {
    FCSR_RM_MASK = 3u,            /* rounding mode: RN, RZ, RP, RM */
    FCSR_FLAGS_SHIFT = 2,         /* I U O Z V at bits 2..6 */
    FCSR_ENABLES_SHIFT = 7,       /* bits 7..11 */
    FCSR_CAUSE_SHIFT = 12,        /* bits 12..17 (E at 17) */
    FCSR_NAN2008 = 1u << 18,
    FCSR_ABS2008 = 1u << 19,
    FCSR_FCC0 = 1u << 23,
    FCSR_FS = 1u << 24,           /* flush denormals to zero */
};
/* Exception bits inside the flags/enables/cause fields. */
enum { FP_EXC_I = 1, FP_EXC_U = 2, FP_EXC_O = 4, FP_EXC_Z = 8, FP_EXC_V = 16 };

/* FCSR as CFC1/CTC1 see it, from the split fields (no host flags). */
static inline uint32_t mips_fcsr_with_fcc(uint32_t fcsr, uint32_t fcc)
{
    return (fcsr & ~(FCSR_FCC0 | 0xfe000000u)) | ((fcc & 1) << 23) | ((fcc & 0xfe) << 24);
}

/* Guest-specific exit codes (above the engine's own EXIT_* values). */
enum {
    MIPS_EXIT_TRAP = EXIT_GUEST_BASE,  /* BREAK/Tcc: code in exit_info */
    MIPS_EXIT_OVERFLOW,                /* ADD/ADDI/SUB overflow: SIGFPE */
    MIPS_EXIT_FPE,                     /* enabled FP exception: SIGFPE */
};

#endif
