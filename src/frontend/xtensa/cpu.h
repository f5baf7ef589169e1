/*
 * Xtensa guest CPU state (Linux user mode), shared by the little-endian
 * (xtensa) and big-endian (xtensaeb) guests and by every core
 * configuration (-cpu lx106, dc233c, de233_fpu, ...).
 *
 * The windowed register file: a[16] are the registers the current window
 * shows (IR globals, cached in host registers within a block); phys[64] is
 * the physical file, authoritative for the registers outside the current
 * window.  Whatever rotates the window (ENTRY, RETW, the overflow and
 * underflow handling) runs in a helper that first writes a[] back into
 * phys[] at WindowBase and then reloads a[] from the new position, so a
 * block never sees a rotation in the middle.  Cores without the windowed
 * option simply never rotate.
 */
#ifndef FERRY_FRONTEND_XTENSA_CPU_H
#define FERRY_FRONTEND_XTENSA_CPU_H

#include <stdint.h>
#include "exec/cpu_common.h"

typedef struct XtensaCPU {
    CPUCommon common;      /* engine fields; must stay first */

    uint32_t a[16];        /* the current window a0-a15 */
    uint32_t pc;           /* next instruction at block boundaries */
    uint32_t sar;          /* shift amount register (0..32) */
    uint32_t lbeg, lend, lcount;  /* zero-overhead loop */
    uint32_t br;           /* boolean registers b0-b15 */
    uint32_t litbase;      /* extended L32R base; bit 0 enables it */
    uint32_t scompare1;    /* S32C1I compare value */
    uint32_t acclo, acchi; /* MAC16 accumulator (acchi: 8 significant bits) */
    uint32_t m[4];         /* MAC16 m0-m3 */
    uint32_t threadptr;    /* THREADPTR user register (TLS) */
    uint32_t atomctl;      /* ATOMCTL (read by S32C1I: always "RCW") */

    /* Windowed register option. */
    uint32_t windowbase;   /* 0..15: the window starts at phys[4 * windowbase] */
    uint32_t windowstart;  /* bit n: a frame starts at group n */
    uint32_t callinc;      /* PS.CALLINC set by CALLn/CALLXn, read by ENTRY */

    /* Floating-point coprocessor: f0-f15 (single precision), FCR and FSR
     * (fsr without the flags the host MXCSR still holds). */
    uint32_t f[16];
    uint32_t fcr;
    uint32_t fsr;
    /* Not architectural: a value an FP instruction computes in steps. */
    uint32_t fp_scratch[2];

    /* L32EX/S32EX: the address and value of the open exclusive access. */
    uint32_t ex_addr, ex_val;
    uint32_t exclres;      /* result of the last S32EX (GETEX reads it) */

    uint32_t phys[64];     /* the physical register file */
} XtensaCPU;

/*
 * Decode flags of an Xtensa block key.  A block whose page may contain
 * the end of the current zero-overhead loop carries LEND (and LBEG when
 * it is in the same page) as offsets from the page start, so that its
 * translation checks for the loop end exactly where the ISA does; blocks
 * elsewhere have 0 there.  A block therefore chains directly only to
 * blocks in its own page (their key is derived from the same page); other
 * direct jumps compute the target's flags at run time.
 */
#define XT_TBFLAG_LEND_MASK   0x1fffu          /* LEND - page + 1, 0: none */
#define XT_TBFLAG_LBEG_SHIFT  13               /* LBEG - page + 1, 0: elsewhere */
#define XT_TBFLAG_LBEG_MASK   (0x1fffu << XT_TBFLAG_LBEG_SHIFT)
#define XT_TBFLAG_LITBASE     (1u << 26)       /* extended L32R in effect */
/* LEND may lie up to 2 bytes past the page: an instruction can straddle it. */
#define XT_LEND_RANGE         (4096u + 3u)

static inline uint32_t xt_tb_flags_for(uint32_t pc, uint32_t lend, uint32_t lbeg,
                                       uint32_t litbase)
{
    uint32_t page = pc & ~0xfffu, f = 0;
    uint32_t e = lend - page;
    if (e - 1 < XT_LEND_RANGE - 1) {
        f = e + 1;
        uint32_t g = lbeg - page;
        if (g < 4096u)
            f |= (g + 1) << XT_TBFLAG_LBEG_SHIFT;
    }
    if (litbase & 1)
        f |= XT_TBFLAG_LITBASE;
    return f;
}

static inline uint32_t xt_tb_flags(const XtensaCPU *env)
{
    return xt_tb_flags_for(env->pc, env->lend, env->lbeg, env->litbase);
}

/* FSR/FCR fields. */
enum {
    XT_FCR_RM_MASK = 3u,        /* rounding mode: RN, RZ, RP, RM */
    XT_FSR_FLAGS_SHIFT = 7,     /* flags I U O Z V at bits 7..11 */
};
enum { XT_FP_EXC_I = 1, XT_FP_EXC_U = 2, XT_FP_EXC_O = 4, XT_FP_EXC_Z = 8, XT_FP_EXC_V = 16 };

/* Guest-specific exit codes (above the engine's own EXIT_* values). */
enum {
    XT_EXIT_BREAK = EXIT_GUEST_BASE,   /* BREAK/BREAK.N: SIGTRAP */
    XT_EXIT_PRIV,                      /* privileged instruction: SIGILL */
    XT_EXIT_DIV0,                      /* integer divide by zero: SIGFPE */
    XT_EXIT_WINDOW,                    /* an unrecoverable window exception: SIGSEGV */
    XT_EXIT_LOOKUP_FLAGS,              /* loop registers changed: look the pc up again */
};

#endif
