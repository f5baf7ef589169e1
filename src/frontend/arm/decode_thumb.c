/*
 * Thumb instruction decoding: fetch, 16/32-bit dispatch and IT blocks.
 *
 * The tables live in decode_t16.c and decode_t32.c; this file fetches the
 * instruction, decides its width, wraps it in its IT condition and calls
 * the table handler.  It also holds the small helpers both tables share
 * (ThumbExpandImm, branch offsets, IT state).
 *
 * IT blocks are resolved at translation time: the ITSTATE at block entry is
 * part of the block's decode flags, and dc->itstate is advanced statically
 * after every instruction, so a conditional instruction inside an IT block
 * costs the same as an A32 conditional one.
 */
#include "common/bits.h"
#include "exec/guestmem.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"

void arm_decode_thumb_init(void)
{
    arm_decode_t16_init();
    arm_decode_t32_init();
}

uint32_t arm_thumb_field(const ThumbInsn *t, char letter)
{
    return decode_field(t->e, t->insn, letter);
}

uint32_t arm_thumb_it_advance(uint32_t itstate)
{
    if ((itstate & 7) == 0)
        return 0;
    return (itstate & 0xe0) | ((itstate << 1) & 0x1f);
}

bool arm_thumb_it_not_last(const ThumbInsn *t)
{
    return t->it != 0 && (t->it & 0xf) != 0x8;
}

bool arm_thumb_expand_imm(uint32_t imm12, uint32_t *imm)
{
    uint32_t imm8 = imm12 & 0xff;
    if ((imm12 >> 10) != 0) {
        *imm = ror32(0x80 | (imm12 & 0x7f), imm12 >> 7);
        return true;
    }
    switch ((imm12 >> 8) & 3) {
    case 0:
        *imm = imm8;
        return true;
    case 1:
        *imm = imm8 * 0x00010001u;
        break;
    case 2:
        *imm = imm8 * 0x01000100u;
        break;
    default:
        *imm = imm8 * 0x01010101u;
        break;
    }
    return imm8 != 0;
}

/* S:I1:I2:imm10:imm11:'0' with I1 = NOT(J1 EOR S), I2 = NOT(J2 EOR S). */
int32_t arm_t32_branch_offset(uint32_t insn)
{
    uint32_t s = extract32(insn, 26, 1);
    uint32_t i1 = !(extract32(insn, 13, 1) ^ s);
    uint32_t i2 = !(extract32(insn, 11, 1) ^ s);
    uint32_t v = s << 24 | i1 << 23 | i2 << 22 |
                 extract32(insn, 16, 10) << 12 | extract32(insn, 0, 11) << 1;
    return sextract32(v, 0, 25);
}

/* S:J2:J1:imm6:imm11:'0' (the conditional form has no I1/I2 inversion). */
int32_t arm_t32_bcond_offset(uint32_t insn)
{
    uint32_t v = extract32(insn, 26, 1) << 20 | extract32(insn, 11, 1) << 19 |
                 extract32(insn, 13, 1) << 18 | extract32(insn, 16, 6) << 12 |
                 extract32(insn, 0, 11) << 1;
    return sextract32(v, 0, 21);
}

/* hw1[15:11] of 0b11101, 0b11110 or 0b11111 starts a 32-bit encoding. */
static bool is_t32(uint32_t hw1)
{
    return (hw1 >> 11) >= 0x1d;
}

/* BKPT executes unconditionally even inside an IT block. */
static bool ignores_it_cond(const ThumbInsn *t, bool t32)
{
    return !t32 && (t->insn & 0xff00) == 0xbe00;
}

/* An IT instruction inside an IT block is UNPREDICTABLE. */
static bool is_it_insn(const ThumbInsn *t, bool t32)
{
    return !t32 && (t->insn & 0xff00) == 0xbf00 && (t->insn & 0xf) != 0;
}

/* UNDEFINED: report with the state of the faulting instruction (its own
 * ITSTATE), then restore the next instruction's ITSTATE for the path that
 * skips a failed IT condition. */
static void thumb_undef(DisasContext *dc, const ThumbInsn *t)
{
    uint32_t next_it = dc->itstate;
    dc->itstate = t->it;
    arm_gen_undef(dc);
    dc->itstate = next_it;
}

/* The second halfword of a T32 instruction may sit on an unmapped or
 * non-executable page.  The exit reports the instruction's own address
 * (the guest SIGSEGV's si_addr should be the second page; the exit code
 * carries only a pc). */
static bool second_half_fetchable(const DisasContext *dc)
{
    uint32_t a2 = dc->pc + 2;
    return (a2 & ~GUEST_PAGE_MASK) != 0 || arm_code_fetchable(a2);
}

void arm_translate_thumb_insn(DisasContext *dc)
{
    /* InITBlock() is ITSTATE<3:0> != 0; other values only come from a
     * forged state and count as outside. */
    ThumbInsn t = { .it = (dc->itstate & 0xf) ? dc->itstate : 0 };
    uint32_t hw1 = arm_fetch16(dc->pc);
    bool t32 = is_t32(hw1);

    if (t32 && !second_half_fetchable(dc)) {
        dc->insn = hw1;
        dc->next_pc = dc->pc + 2;
        arm_gen_exit(dc, EXIT_PREFETCH_ABORT, dc->pc);
        return;
    }
    if (t32) {
        t.insn = hw1 << 16 | arm_fetch16(dc->pc + 2);
        t.e = arm_decode_t32_lookup(t.insn);
        dc->next_pc = dc->pc + 4;
    } else {
        t.insn = hw1;
        t.e = arm_decode_t16_lookup(t.insn);
        dc->next_pc = dc->pc + 2;
    }
    dc->insn = t.insn;
    /* Exits emitted by the instruction (SVC, branches) resume at the next
     * instruction, so they must see its ITSTATE. */
    dc->itstate = arm_thumb_it_advance(t.it);

    /* Condition 0b1111 cannot come from a valid IT instruction, only from a
     * corrupt ITSTATE (e.g. a forged signal frame). */
    if (t.it != 0 && (is_it_insn(&t, t32) || (t.it >> 4) == 15)) {
        thumb_undef(dc, &t);
        return;
    }
    if (t.it != 0 && !ignores_it_cond(&t, t32))
        arm_gen_cond_begin(dc, (int)(t.it >> 4));
    ArmThumbHandler *h = t.e ? (ArmThumbHandler *)t.e->handler : NULL;
    if (!h || !h(dc, &t))
        thumb_undef(dc, &t);
}
