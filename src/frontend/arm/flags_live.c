/*
 * Which condition flags are dead when a block exits to a known target.
 *
 * A block that ends in "cmp r0, r1; bne loop" computes N, Z, C and V and
 * stores them all, because the next block might read them.  Often it does
 * not: the loop body overwrites the flags with its own compare before any
 * instruction reads them.  arm_flags_killed_at() scans the straight-line
 * code at a direct exit's target and returns the flags that are written
 * there before being read; the exit then discards those flags so liveness
 * deletes their computation.
 *
 * What could observe a discarded flag?  Only guest instructions (the scan
 * proves none reads it before it is rewritten, on every path: the scan
 * stops at the first branch or instruction it does not understand), or a
 * signal handler that inspects the saved CPSR of a signal taken between
 * the exit and the rewrite.  Resuming from such a handler is still
 * correct, since the rewrite comes before any read.  The scan stays on the
 * page of the block being translated: if that code changes, the block is
 * invalidated with it.
 */
#include "frontend/arm/translate.h"

#include "common/bits.h"
#include "exec/guestmem.h"

enum { F_N = 8, F_Z = 4, F_C = 2, F_V = 1, F_NZCV = 15, F_NZ = F_N | F_Z };

#define SCAN_LIMIT 24

typedef struct FlagScan {
    unsigned killed;   /* written before any read */
    unsigned read;     /* read before any write */
    bool stop;
    bool jump;         /* an unconditional direct branch: continue at target */
    uint32_t target;
} FlagScan;

static void reads(FlagScan *s, unsigned f) { s->read |= f & ~s->killed; }
static void writes(FlagScan *s, unsigned f) { s->killed |= f & ~s->read; }

/* Data-processing opcode effects (A32 numbering, also T32's). */
static void dp_effect(FlagScan *s, unsigned op, bool setflags)
{
    if (op == 5 || op == 6 || op == 7)        /* ADC, SBC, RSC read C */
        reads(s, F_C);
    if (!setflags)
        return;
    bool arith = (op >= 2 && op <= 7) || op == 10 || op == 11;
    writes(s, arith ? F_NZCV : F_NZ);
}

/* ---- A32 ---- */

/* Coprocessor space in A32 form (Thumb's is converted to it). */
static void coproc_step(FlagScan *s, uint32_t insn)
{
    unsigned rt = (insn >> 12) & 0xf;
    if (((insn >> 24) & 0xf) == 0xf) {
        s->stop = true;             /* SVC */
    } else if ((insn & 0x0fff0fff) == 0x0ef10a10 && rt == 15) {
        writes(s, F_NZCV);          /* VMRS APSR_nzcv, FPSCR */
    } else if ((insn & 0x0f100010) == 0x0e100010 && rt == 15) {
        s->stop = true;             /* any other move to APSR */
    }
}

static void a32_dp(FlagScan *s, uint32_t insn)
{
    unsigned op = (insn >> 21) & 0xf;
    bool setflags = (insn >> 20) & 1;
    unsigned rd = (insn >> 12) & 0xf;
    if (!setflags && op >= 8 && op <= 11) {   /* MRS, MSR, BX and friends */
        s->stop = true;
        return;
    }
    if (rd == 15) {
        s->stop = true;
        return;
    }
    bool reg_imm_shift = !((insn >> 25) & 1) && !((insn >> 4) & 1);
    if (reg_imm_shift && ((insn >> 5) & 3) == 3 && ((insn >> 7) & 0x1f) == 0)
        reads(s, F_C);                          /* RRX */
    dp_effect(s, op, setflags);
}

static void a32_step(FlagScan *s, uint32_t insn)
{
    unsigned cond = insn >> 28;
    unsigned rt = (insn >> 12) & 0xf;
    if (cond != 14) {
        s->stop = true;             /* conditional, or the unconditional space */
        return;
    }
    switch ((insn >> 25) & 7) {
    case 0:
        if ((insn & 0x90) == 0x90) {
            /* multiplies, swaps, halfword and doubleword loads/stores */
            bool multiply = ((insn >> 5) & 3) == 0;
            if ((multiply && ((insn >> 20) & 1)) || (!multiply && rt == 15))
                s->stop = true;
            return;
        }
        a32_dp(s, insn);
        return;
    case 1:
        a32_dp(s, insn);
        return;
    case 2: case 3:
        /* word/byte loads and stores, media: no NZCV access */
        if (((insn >> 20) & 1) && rt == 15 && !(((insn >> 25) & 1) && ((insn >> 4) & 1)))
            s->stop = true;
        return;
    case 4:
        if (((insn >> 20) & 1) && ((insn >> 15) & 1))
            s->stop = true;         /* LDM loading pc */
        return;
    case 5:
        if (!((insn >> 24) & 1)) {  /* B: follow it */
            s->jump = true;
            s->target = (uint32_t)(sextract32(insn, 0, 24) * 4);
        } else {
            s->stop = true;         /* BL */
        }
        return;
    default:
        coproc_step(s, insn);
        return;
    }
}

/* ---- Thumb ---- */

static void t16_step(FlagScan *s, uint16_t h)
{
    switch (h >> 10) {
    case 0x00 ... 0x05:             /* shifts: NZ(C); ADDS/SUBS reg/imm3 */
        if ((h >> 11) == 3)
            writes(s, F_NZCV);
        else
            writes(s, F_NZ);
        return;
    case 0x08 ... 0x0f:             /* MOVS/CMP/ADDS/SUBS imm8 */
        writes(s, (h >> 11) == 4 ? F_NZ : F_NZCV);
        return;
    case 0x10: {                    /* data processing, register */
        static const uint8_t a32_op[16] = { 0, 1, 13, 13, 13, 5, 6, 13, 8, 3, 10, 11, 12, 0, 14, 15 };
        unsigned op = (h >> 6) & 0xf;
        dp_effect(s, a32_op[op], true);
        return;
    }
    case 0x11: {                    /* special data processing, BX */
        unsigned op = (h >> 8) & 3;
        unsigned rd = (h & 7) | ((h >> 4) & 8);
        if (op == 1)
            writes(s, F_NZCV);
        else if (op == 3 || rd == 15)
            s->stop = true;
        return;
    }
    case 0x2c ... 0x2f:             /* misc: CBZ, POP {pc}, IT, hints */
        if ((h & 0xf500) == 0xb100 || (h & 0xff00) == 0xbd00 || (h & 0xff00) == 0xbe00 ||
            ((h & 0xff00) == 0xbf00 && (h & 0xf)))
            s->stop = true;         /* CBZ/CBNZ, POP {pc}, BKPT, IT */
        return;
    case 0x38 ... 0x39:             /* B: follow it */
        s->jump = true;
        s->target = (uint32_t)(sextract32(h, 0, 11) * 2);
        return;
    case 0x34 ... 0x37: case 0x3a ... 0x3f:   /* B<c>, SVC, UDF */
        s->stop = true;
        return;
    default:                        /* loads, stores, ADR, ADD SP, LDM/STM */
        return;
    }
}

static void t32_dp(FlagScan *s, uint32_t insn, bool shifted_reg)
{
    unsigned op = (insn >> 21) & 0xf;
    bool setflags = (insn >> 20) & 1;
    unsigned rd = (insn >> 8) & 0xf;
    /* T32 opcode -> A32 opcode with the same flag behaviour (ORN acts as
     * the logical ORR); -1: not data processing (PKH) or unallocated */
    static const int8_t a32_op[16] = { 0, 14, 12, 12, 1, -1, -1, -1,
                                       4, -1, 5, 6, -1, 2, 3, -1 };
    if (a32_op[op] < 0 || (rd == 15 && !setflags)) {
        s->stop = true;
        return;
    }
    if (shifted_reg && ((insn >> 4) & 3) == 3 && ((insn >> 6) & 3) == 0 &&
        ((insn >> 12) & 7) == 0)
        reads(s, F_C);              /* RRX */
    dp_effect(s, (unsigned)a32_op[op], setflags);
}

static void t32_step(FlagScan *s, uint32_t insn)
{
    uint32_t hw1 = insn >> 16;
    bool load = (hw1 >> 4) & 1;
    if ((hw1 & 0xfe00) == 0xea00) {                     /* shifted register */
        t32_dp(s, insn, true);
    } else if ((hw1 & 0xf800) == 0xf000 && !(insn & 0x8000)) {
        if (!(hw1 & 0x0200))
            t32_dp(s, insn, false);                     /* modified immediate */
        /* plain binary immediate (ADDW, MOVW, bitfields, SSAT): no flags */
    } else if ((hw1 & 0xfe00) == 0xf800) {
        if (load && ((insn >> 12) & 0xf) == 15)
            s->stop = true;                             /* LDR pc (or PLD) */
    } else if ((hw1 & 0xfe40) == 0xe800) {
        if (load && (insn & 0x8000))
            s->stop = true;                             /* LDM with pc */
    } else if ((hw1 & 0xfe40) == 0xe840) {
        if ((hw1 & 0xfff0) == 0xe8d0 && (insn & 0xffe0) == 0xf000)
            s->stop = true;                             /* TBB, TBH */
    } else if ((hw1 & 0xec00) == 0xec00) {
        coproc_step(s, (insn & 0x0fffffff) | ((hw1 & 0x1000) ? 0xf0000000u : 0xe0000000u));
    } else if ((hw1 & 0xff00) == 0xfa00) {
        if (!(hw1 & 0x80) && (hw1 & 0x10) && (insn & 0xf0f0) == 0xf000)
            writes(s, F_NZ);                            /* LSLS etc. by register */
    } else if ((hw1 & 0xff00) != 0xfb00) {
        s->stop = true;                                 /* branches and the rest */
    }
}

unsigned arm_flags_killed_at(uint32_t pc, bool thumb, uint32_t itstate, uint32_t page)
{
    FlagScan s = { 0 };
    if (itstate != 0)
        return 0;
    for (int n = 0; n < SCAN_LIMIT && !s.stop && s.killed != F_NZCV; n++) {
        uint32_t size = 4;
        if (s.jump) {
            s.jump = false;
            pc += s.target;
            continue;
        }
        if (thumb) {
            if ((pc & GUEST_PAGE_MASK) != page)
                break;
            uint16_t h = arm_fetch16(pc);
            if (h >= 0xe800) {
                if (((pc + 2) & GUEST_PAGE_MASK) != page)
                    break;
                t32_step(&s, (uint32_t)h << 16 | arm_fetch16(pc + 2));
            } else {
                t16_step(&s, h);
                size = 2;
            }
        } else {
            if ((pc & GUEST_PAGE_MASK) != page || (pc & 3))
                break;
            a32_step(&s, arm_fetch32(pc));
        }
        if (s.jump)
            s.target += thumb ? 4 : 8;   /* relative to the branch's PC value */
        else
            pc += size;
    }
    return s.killed;
}
