/*
 * Unit test of the Thumb decoder (src/frontend/arm/decode_thumb.c,
 * decode_t16.c, decode_t32.c).
 *
 * 1. Table lookups: encodings produced by arm-linux-gnueabihf-as -mthumb
 *    (the assembly is given next to each), checked for the table entry they
 *    select and the values of its fields, which were worked out by hand
 *    from the assembly text.
 * 2. The pure helpers: ThumbExpandImm, branch offsets, ITAdvance.
 * 3. Translation: every listed encoding, and random ones, inside and
 *    outside IT blocks, must translate to IR that passes ir_verify.
 * 4. Execution: short assembled programs run through the IR interpreter,
 *    with the registers they leave checked, also one instruction per block
 *    so that IT blocks span block boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "exec/tb.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"
#include "tcg/backend.h"

#include "decode_check.h"
#include "unit_check.h"

/* ======================================================== 1. table lookups */

typedef struct DecodeCase {
    uint32_t insn;       /* T16: the halfword; T32: hw1 << 16 | hw2 */
    const char *text;    /* the assembly given to as */
    const char *name;    /* expected entry, NULL for no entry */
    const char *fields;  /* expected "letter=value ..." (decimal or 0x) */
} DecodeCase;

static const DecodeCase t16_cases[] = {
    { 0x00d1, "lsls r1, r2, #3",        "shift_imm", "o=0 i=3 m=2 d=1" },
    { 0x0838, "lsrs r0, r7, #32",       "shift_imm", "o=1 i=0 m=7 d=0" },
    { 0x1063, "asrs r3, r4, #1",        "shift_imm", "o=2 i=1 m=4 d=3" },
    { 0x1888, "adds r0, r1, r2",        "add_reg",   "d=0 n=1 m=2" },
    { 0x1bf5, "subs r5, r6, r7",        "sub_reg",   "d=5 n=6 m=7" },
    { 0x1dd1, "adds r1, r2, #7",        "add_imm3",  "d=1 n=2 i=7" },
    { 0x3b01, "subs r3, r3, #1",        "imm8",      "o=3 d=3 i=1" },
    { 0x24c8, "movs r4, #200",          "imm8",      "o=0 d=4 i=200" },
    { 0x2dff, "cmp r5, #255",           "imm8",      "o=1 d=5 i=255" },
    { 0x3680, "adds r6, #128",          "imm8",      "o=2 d=6 i=128" },
    { 0x3f01, "subs r7, #1",            "imm8",      "o=3 d=7 i=1" },
    { 0x4008, "ands r0, r1",            "dp_reg",    "o=0 m=1 d=0" },
    { 0x405a, "eors r2, r3",            "dp_reg",    "o=1 m=3 d=2" },
    { 0x40ac, "lsls r4, r5",            "dp_reg",    "o=2 m=5 d=4" },
    { 0x40fe, "lsrs r6, r7",            "dp_reg",    "o=3 m=7 d=6" },
    { 0x4108, "asrs r0, r1",            "dp_reg",    "o=4 m=1 d=0" },
    { 0x415a, "adcs r2, r3",            "dp_reg",    "o=5 m=3 d=2" },
    { 0x41ac, "sbcs r4, r5",            "dp_reg",    "o=6 m=5 d=4" },
    { 0x41fe, "rors r6, r7",            "dp_reg",    "o=7 m=7 d=6" },
    { 0x4208, "tst r0, r1",             "dp_reg",    "o=8 m=1 d=0" },
    { 0x425a, "rsbs r2, r3, #0",        "dp_reg",    "o=9 m=3 d=2" },
    { 0x42ac, "cmp r4, r5",             "dp_reg",    "o=10 m=5 d=4" },
    { 0x42fe, "cmn r6, r7",             "dp_reg",    "o=11 m=7 d=6" },
    { 0x4308, "orrs r0, r1",            "dp_reg",    "o=12 m=1 d=0" },
    { 0x435a, "muls r2, r3, r2",        "dp_reg",    "o=13 m=3 d=2" },
    { 0x43ac, "bics r4, r5",            "dp_reg",    "o=14 m=5 d=4" },
    { 0x43fe, "mvns r6, r7",            "dp_reg",    "o=15 m=7 d=6" },
    { 0x44c8, "add r8, r9",             "add_hi",    "d=8 m=9" },
    { 0x448f, "add pc, r1",             "add_hi",    "d=15 m=1" },
    { 0x45d0, "cmp r8, r10",            "cmp_hi",    "n=8 m=10" },
    { 0x46ec, "mov r12, sp",            "mov_hi",    "d=12 m=13" },
    { 0x46f7, "mov pc, lr",             "mov_hi",    "d=15 m=14" },
    { 0x4770, "bx lr",                  "bx",        "m=14" },
    { 0x4798, "blx r3",                 "blx_reg",   "m=3" },
    { 0x4aff, "ldr r2, [pc, #1020]",    "ldr_lit",   "t=2 i=255" },
    { 0x5088, "str r0, [r1, r2]",       "ldst_reg",  "o=0 m=2 n=1 t=0" },
    { 0x5288, "strh r0, [r1, r2]",      "ldst_reg",  "o=1 m=2 n=1 t=0" },
    { 0x5488, "strb r0, [r1, r2]",      "ldst_reg",  "o=2 m=2 n=1 t=0" },
    { 0x5688, "ldrsb r0, [r1, r2]",     "ldst_reg",  "o=3 m=2 n=1 t=0" },
    { 0x5888, "ldr r0, [r1, r2]",       "ldst_reg",  "o=4 m=2 n=1 t=0" },
    { 0x5a88, "ldrh r0, [r1, r2]",      "ldst_reg",  "o=5 m=2 n=1 t=0" },
    { 0x5c88, "ldrb r0, [r1, r2]",      "ldst_reg",  "o=6 m=2 n=1 t=0" },
    { 0x5e88, "ldrsh r0, [r1, r2]",     "ldst_reg",  "o=7 m=2 n=1 t=0" },
    { 0x67e3, "str r3, [r4, #124]",     "ldst_imm",  "B=0 L=0 i=31 n=4 t=3" },
    { 0x6863, "ldr r3, [r4, #4]",       "ldst_imm",  "B=0 L=1 i=1 n=4 t=3" },
    { 0x77e3, "strb r3, [r4, #31]",     "ldst_imm",  "B=1 L=0 i=31 n=4 t=3" },
    { 0x7863, "ldrb r3, [r4, #1]",      "ldst_imm",  "B=1 L=1 i=1 n=4 t=3" },
    { 0x87f5, "strh r5, [r6, #62]",     "ldst_h",    "L=0 i=31 n=6 t=5" },
    { 0x8875, "ldrh r5, [r6, #2]",      "ldst_h",    "L=1 i=1 n=6 t=5" },
    { 0x91ff, "str r1, [sp, #1020]",    "ldst_sp",   "L=0 t=1 i=255" },
    { 0x9901, "ldr r1, [sp, #4]",       "ldst_sp",   "L=1 t=1 i=1" },
    { 0xa301, "adr.n r3, lbl (pc+4)",   "adr",       "d=3 i=1" },
    { 0xaa04, "add r2, sp, #16",        "add_sp_imm", "d=2 i=4" },
    { 0xb07f, "add sp, #508",           "sp_adjust", "o=0 i=127" },
    { 0xb082, "sub sp, #8",             "sp_adjust", "o=1 i=2" },
    { 0xb3f9, "cbz r1, .+130",          "cbz",       "o=0 n=1 i=63" },
    { 0xb907, "cbnz r7, .+4",           "cbz",       "o=1 n=7 i=0" },
    { 0xb208, "sxth r0, r1",            "extend",    "o=0 m=1 d=0" },
    { 0xb25a, "sxtb r2, r3",            "extend",    "o=1 m=3 d=2" },
    { 0xb2ac, "uxth r4, r5",            "extend",    "o=2 m=5 d=4" },
    { 0xb2fe, "uxtb r6, r7",            "extend",    "o=3 m=7 d=6" },
    { 0xb530, "push {r4, r5, lr}",      "push",      "r=0x130" },
    { 0xbd10, "pop {r4, pc}",           "pop",       "r=0x110" },
    { 0xb658, "setend be",              "setend",    "e=1" },
    { 0xb650, "setend le",              "setend",    "e=0" },
    { 0xb662, "cpsie i",                "cps",       "" },
    { 0xba08, "rev r0, r1",             "rev",       "o=0 m=1 d=0" },
    { 0xba5a, "rev16 r2, r3",           "rev",       "o=1 m=3 d=2" },
    { 0xbaec, "revsh r4, r5",           "rev",       "o=3 m=5 d=4" },
    { 0xbeab, "bkpt #171",              "bkpt",      "i=171" },
    { 0xbf00, "nop",                    "hint",      "c=0" },
    { 0xbf10, "yield",                  "hint",      "c=1" },
    { 0xbf20, "wfe",                    "hint",      "c=2" },
    { 0xbf30, "wfi",                    "hint",      "c=3" },
    { 0xbf40, "sev",                    "hint",      "c=4" },
    { 0xbf08, "it eq",                  "it",        "c=0 m=8" },
    { 0xbf14, "ite ne",                 "it",        "c=1 m=4" },
    { 0xbfca, "itet gt",                "it",        "c=12 m=10" },
    { 0xbfbf, "itttt lt",               "it",        "c=11 m=15" },
    { 0xc006, "stmia r0!, {r1, r2}",    "ldstm",     "L=0 n=0 r=6" },
    { 0xcb09, "ldmia r3, {r0, r3}",     "ldstm",     "L=1 n=3 r=9" },
    { 0xcb03, "ldmia r3!, {r0, r1}",    "ldstm",     "L=1 n=3 r=3" },
    { 0xde42, "udf #66",                "udf",       "i=66" },
    { 0xdf00, "svc #0",                 "svc",       "i=0" },
    { 0xd080, "beq .-252",              "b_cond",    "c=0 i=-128" },
    { 0xd17e, "bne .+256",              "b_cond",    "c=1 i=126" },
    { 0xe400, "b .-2044",               "b",         "i=-1024" },
    { 0xe3fd, "b .+2046",               "b",         "i=1021" },
    /* unallocated encodings */
    { 0xb800, "(unallocated 1011 1000)", NULL,       "" },
    { 0xb700, "(unallocated 1011 0111)", NULL,       "" },
    { 0xb600, "(unallocated 1011 0110 000x)", NULL,  "" },
};

static const DecodeCase t32_cases[] = {
    /* data processing (modified immediate) */
    { 0xf00100ff, "and.w r0, r1, #255",           "dp_modimm", "o=0 S=0 n=1 d=0 i=0x0ff" },
    { 0xf01312ab, "ands r2, r3, #0x00ab00ab",     "dp_modimm", "o=0 S=1 n=3 d=2 i=0x1ab" },
    { 0xf0142fab, "tst r4, #0xab00ab00",          "dp_modimm", "o=0 S=1 n=4 d=15 i=0x2ab" },
    { 0xf02635ab, "bic r5, r6, #0xabababab",      "dp_modimm", "o=1 S=0 n=6 d=5 i=0x3ab" },
    { 0xf0484700, "orr r7, r8, #0x80000000",      "dp_modimm", "o=2 S=0 n=8 d=7 i=0x400" },
    { 0xf45a697f, "orrs r9, r10, #0xff0",         "dp_modimm", "o=2 S=1 n=10 d=9 i=0xe7f" },
    { 0xf44f3b7f, "mov r11, #0x3fc00",            "dp_modimm", "o=2 S=0 n=15 d=11 i=0xb7f" },
    { 0xf05f0c55, "movs r12, #0x55",              "dp_modimm", "o=2 S=1 n=15 d=12 i=0x55" },
    { 0xf0610001, "orn r0, r1, #1",               "dp_modimm", "o=3 S=0 n=1 d=0 i=1" },
    { 0xf06f0200, "mvn r2, #0",                   "dp_modimm", "o=3 S=0 n=15 d=2 i=0" },
    { 0xf0840307, "eor r3, r4, #7",               "dp_modimm", "o=4 S=0 n=4 d=3 i=7" },
    { 0xf0950f10, "teq r5, #16",                  "dp_modimm", "o=4 S=1 n=5 d=15 i=16" },
    { 0xf5073680, "add r6, r7, #0x10000",         "dp_modimm", "o=8 S=0 n=7 d=6 i=0xb80" },
    { 0xf1180f01, "cmn r8, #1",                   "dp_modimm", "o=8 S=1 n=8 d=15 i=1" },
    { 0xf14a0902, "adc r9, r10, #2",              "dp_modimm", "o=10 S=0 n=10 d=9 i=2" },
    { 0xf17c0b03, "sbcs r11, r12, #3",            "dp_modimm", "o=11 S=1 n=12 d=11 i=3" },
    { 0xf5b07f80, "cmp r0, #0x100",               "dp_modimm", "o=13 S=1 n=0 d=15 i=0xf80" },
    { 0xf1c20100, "rsb r1, r2, #0",               "dp_modimm", "o=14 S=0 n=2 d=1 i=0" },
    /* data processing (plain binary immediate) */
    { 0xf60473ff, "addw r3, r4, #4095",           "addw", "n=4 d=3 i=4095" },
    { 0xf2a60501, "subw r5, r6, #1",              "subw", "n=6 d=5 i=1" },
    { 0xf20f0306, "adr r3, .+8 (addw r3, pc, #6)", "addw", "n=15 d=3 i=6" },
    { 0xf64a37cd, "movw r7, #0xabcd",             "movw", "h=0xa d=7 i=0xbcd" },
    { 0xf2c12834, "movt r8, #0x1234",             "movt", "h=1 d=8 i=0x234" },
    { 0xf3411007, "sbfx r0, r1, #4, #8",          "sbfx", "n=1 d=0 i=4 w=7" },
    { 0xf3c3021f, "ubfx r2, r3, #0, #32",         "ubfx", "n=3 d=2 i=0 w=31" },
    { 0xf365240b, "bfi r4, r5, #8, #4",           "bfi",  "n=5 d=4 i=8 w=11" },
    { 0xf36f76df, "bfc r6, #31, #1",              "bfi",  "n=15 d=6 i=31 w=31" },
    /* data processing (shifted register) */
    { 0xea0100c2, "and.w r0, r1, r2, lsl #3",     "dp_shreg", "o=0 S=0 n=1 d=0 i=3 y=0 m=2" },
    { 0xea140315, "ands.w r3, r4, r5, lsr #32",   "dp_shreg", "o=0 S=1 n=4 d=3 i=0 y=1 m=5" },
    { 0xea160f67, "tst.w r6, r7, asr #1",         "dp_shreg", "o=0 S=1 n=6 d=15 i=1 y=2 m=7" },
    { 0xea2918fa, "bic r8, r9, r10, ror #7",      "dp_shreg", "o=1 S=0 n=9 d=8 i=7 y=3 m=10" },
    { 0xea4c0b30, "orr.w r11, r12, r0, rrx",      "dp_shreg", "o=2 S=0 n=12 d=11 i=0 y=3 m=0" },
    { 0xea4f0102, "mov.w r1, r2",                 "dp_shreg", "o=2 S=0 n=15 d=1 i=0 y=0 m=2" },
    { 0xea4f73c4, "lsl.w r3, r4, #31",            "dp_shreg", "o=2 S=0 n=15 d=3 i=31 y=0 m=4" },
    { 0xea5f1566, "asrs.w r5, r6, #5",            "dp_shreg", "o=2 S=1 n=15 d=5 i=5 y=2 m=6" },
    { 0xea680709, "orn r7, r8, r9",               "dp_shreg", "o=3 S=0 n=8 d=7 m=9" },
    { 0xea6f0a0b, "mvn.w r10, r11",               "dp_shreg", "o=3 S=0 n=15 d=10 m=11" },
    { 0xea800c01, "eor.w r12, r0, r1",            "dp_shreg", "o=4 S=0 n=0 d=12 m=1" },
    { 0xea920f03, "teq.w r2, r3",                 "dp_shreg", "o=4 S=1 n=2 d=15 m=3" },
    { 0xeb050486, "add.w r4, r5, r6, lsl #2",     "dp_shreg", "o=8 S=0 n=5 d=4 i=2 y=0 m=6" },
    { 0xeb170f08, "cmn.w r7, r8",                 "dp_shreg", "o=8 S=1 n=7 d=15 m=8" },
    { 0xeb4a090b, "adc.w r9, r10, r11",           "dp_shreg", "o=10 S=0 n=10 d=9 m=11" },
    { 0xeb600c01, "sbc.w r12, r0, r1",            "dp_shreg", "o=11 S=0 n=0 d=12 m=1" },
    { 0xeba30204, "sub.w r2, r3, r4",             "dp_shreg", "o=13 S=0 n=3 d=2 m=4" },
    { 0xebb50f06, "cmp.w r5, r6",                 "dp_shreg", "o=13 S=1 n=5 d=15 m=6" },
    { 0xebc80749, "rsb r7, r8, r9, lsl #1",       "dp_shreg", "o=14 S=0 n=8 d=7 i=1 y=0 m=9" },
    /* data processing (register) */
    { 0xfa01f002, "lsl.w r0, r1, r2",             "shift_reg", "y=0 S=0 n=1 d=0 m=2" },
    { 0xfa34f305, "lsrs.w r3, r4, r5",            "shift_reg", "y=1 S=1 n=4 d=3 m=5" },
    { 0xfa47f608, "asr.w r6, r7, r8",             "shift_reg", "y=2 S=0 n=7 d=6 m=8" },
    { 0xfa6af90b, "ror.w r9, r10, r11",           "shift_reg", "y=3 S=0 n=10 d=9 m=11" },
    { 0xfa01f092, "sxtah r0, r1, r2, ror #8",     "extend", "o=0 n=1 d=0 r=1 m=2" },
    { 0xfa0ff3a4, "sxth.w r3, r4, ror #16",       "extend", "o=0 n=15 d=3 r=2 m=4" },
    { 0xfa16f587, "uxtah r5, r6, r7",             "extend", "o=1 n=6 d=5 r=0 m=7" },
    { 0xfa1ff889, "uxth.w r8, r9",                "extend", "o=1 n=15 d=8 r=0 m=9" },
    { 0xfa4bfabc, "sxtab r10, r11, r12, ror #24", "extend", "o=4 n=11 d=10 r=3 m=12" },
    { 0xfa4ff081, "sxtb.w r0, r1",                "extend", "o=4 n=15 d=0 r=0 m=1" },
    { 0xfa53f284, "uxtab r2, r3, r4",             "extend", "o=5 n=3 d=2 r=0 m=4" },
    { 0xfa5ff586, "uxtb.w r5, r6",                "extend", "o=5 n=15 d=5 r=0 m=6" },
    { 0xfa91f081, "rev.w r0, r1",                 "rev", "o=0 d=0 m=1" },
    { 0xfa93f293, "rev16.w r2, r3",               "rev", "o=1 d=2 m=3" },
    { 0xfa95f4a5, "rbit r4, r5",                  "rev", "o=2 d=4 m=5" },
    { 0xfa97f6b7, "revsh.w r6, r7",               "rev", "o=3 d=6 m=7" },
    { 0xfab9f889, "clz r8, r9",                   "clz", "d=8 m=9" },
    /* multiplies and divides */
    { 0xfb01f002, "mul r0, r1, r2",               "mla", "n=1 a=15 d=0 m=2" },
    { 0xfb046305, "mla r3, r4, r5, r6",           "mla", "n=4 a=6 d=3 m=5" },
    { 0xfb08a719, "mls r7, r8, r9, r10",          "mls", "n=8 a=10 d=7 m=9" },
    { 0xfb820103, "smull r0, r1, r2, r3",         "mull", "o=0x00 n=2 l=0 h=1 m=3" },
    { 0xfba64507, "umull r4, r5, r6, r7",         "mull", "o=0x20 n=6 l=4 h=5 m=7" },
    { 0xfbca890b, "smlal r8, r9, r10, r11",       "mull", "o=0x40 n=10 l=8 h=9 m=11" },
    { 0xfbe20103, "umlal r0, r1, r2, r3",         "mull", "o=0x60 n=2 l=0 h=1 m=3" },
    { 0xfbe64567, "umaal r4, r5, r6, r7",         "mull", "o=0x66 n=6 l=4 h=5 m=7" },
    { 0xfb91f0f2, "sdiv r0, r1, r2",              "div", "U=0 n=1 d=0 m=2" },
    { 0xfbb4f3f5, "udiv r3, r4, r5",              "div", "U=1 n=4 d=3 m=5" },
    /* stores */
    { 0xf8c10fff, "str.w r0, [r1, #4095]",        "st_imm12", "s=2 n=1 t=0 i=4095" },
    { 0xf8832001, "strb.w r2, [r3, #1]",          "st_imm12", "s=0 n=3 t=2 i=1" },
    { 0xf8a54002, "strh.w r4, [r5, #2]",          "st_imm12", "s=1 n=5 t=4 i=2" },
    { 0xf8476cff, "str r6, [r7, #-255]",          "st_imm8", "s=2 n=7 t=6 P=1 U=0 W=0 i=255" },
    { 0xf8498f04, "str r8, [r9, #4]!",            "st_imm8", "s=2 n=9 t=8 P=1 U=1 W=1 i=4" },
    { 0xf84ba904, "str r10, [r11], #-4",          "st_imm8", "s=2 n=11 t=10 P=0 U=0 W=1 i=4" },
    { 0xf8010b01, "strb r0, [r1], #1",            "st_imm8", "s=0 n=1 t=0 P=0 U=1 W=1 i=1" },
    { 0xf8232d02, "strh r2, [r3, #-2]!",          "st_imm8", "s=1 n=3 t=2 P=1 U=0 W=1 i=2" },
    { 0xf8454e08, "strt r4, [r5, #8]",            "st_imm8", "s=2 n=5 t=4 P=1 U=1 W=0 i=8" },
    { 0xf8476038, "str.w r6, [r7, r8, lsl #3]",   "st_reg", "s=2 n=7 t=6 i=3 m=8" },
    { 0xf8010002, "strb.w r0, [r1, r2]",          "st_reg", "s=0 n=1 t=0 i=0 m=2" },
    { 0xf8243015, "strh.w r3, [r4, r5, lsl #1]",  "st_reg", "s=1 n=4 t=3 i=1 m=5" },
    /* loads and hints */
    { 0xf8d10fff, "ldr.w r0, [r1, #4095]",        "ld_imm12", "S=0 s=2 n=1 t=0 i=4095" },
    { 0xf8932001, "ldrb.w r2, [r3, #1]",          "ld_imm12", "S=0 s=0 n=3 t=2 i=1" },
    { 0xf8b54002, "ldrh.w r4, [r5, #2]",          "ld_imm12", "S=0 s=1 n=5 t=4 i=2" },
    { 0xf9976003, "ldrsb.w r6, [r7, #3]",         "ld_imm12", "S=1 s=0 n=7 t=6 i=3" },
    { 0xf9b98004, "ldrsh.w r8, [r9, #4]",         "ld_imm12", "S=1 s=1 n=9 t=8 i=4" },
    { 0xf85bacff, "ldr r10, [r11, #-255]",  "ld_imm8", "S=0 s=2 n=11 t=10 P=1 U=0 W=0 i=255" },
    { 0xf8510f04, "ldr r0, [r1, #4]!",            "ld_imm8", "S=0 s=2 n=1 t=0 P=1 U=1 W=1 i=4" },
    { 0xf85dfb04, "ldr.w pc, [sp], #4",           "ld_imm8", "S=0 s=2 n=13 t=15 P=0 U=1 W=1 i=4" },
    { 0xf9332902, "ldrsh r2, [r3], #-2",          "ld_imm8", "S=1 s=1 n=3 t=2 P=0 U=0 W=1 i=2" },
    { 0xf8154e01, "ldrbt r4, [r5, #1]",           "ld_imm8", "S=0 s=0 n=5 t=4 P=1 U=1 W=0 i=1" },
    { 0xf8576028, "ldr.w r6, [r7, r8, lsl #2]",   "ld_reg", "S=0 s=2 n=7 t=6 i=2 m=8" },
    { 0xf91a900b, "ldrsb.w r9, [r10, r11]",       "ld_reg", "S=1 s=0 n=10 t=9 i=0 m=11" },
    { 0xf85f0008, "ldr.w r0, [pc, #-8]",          "ld_lit", "S=0 U=0 s=2 t=0 i=8" },
    { 0xf89f1064, "ldrb.w r1, [pc, #100]",        "ld_lit", "S=0 U=1 s=0 t=1 i=100" },
    { 0xf93f212c, "ldrsh.w r2, [pc, #-300]",      "ld_lit", "S=1 U=0 s=1 t=2 i=300" },
    { 0xf890f040, "pld [r0, #64]",                "ld_imm12", "S=0 s=0 n=0 t=15 i=64" },
    { 0xf811fc04, "pld [r1, #-4]",                "ld_imm8", "s=0 n=1 t=15 P=1 U=0 W=0 i=4" },
    { 0xf8b2f010, "pldw [r2, #16]",               "ld_imm12", "S=0 s=1 n=2 t=15 i=16" },
    { 0xf993f008, "pli [r3, #8]",                 "ld_imm12", "S=1 s=0 n=3 t=15 i=8" },
    { 0xf814f015, "pld [r4, r5, lsl #1]",         "ld_reg", "s=0 n=4 t=15 i=1 m=5" },
    /* load/store dual and multiple */
    { 0xe9d20102, "ldrd r0, r1, [r2, #8]",        "ldstrd", "P=1 U=1 W=0 L=1 n=2 t=0 T=1 i=2" },
    { 0xe9653404, "strd r3, r4, [r5, #-16]!",     "ldstrd", "P=1 U=0 W=1 L=0 n=5 t=3 T=4 i=4" },
    { 0xe8f867ff, "ldrd r6, r7, [r8], #1020",     "ldstrd", "P=0 U=1 W=1 L=1 n=8 t=6 T=7 i=255" },
    { 0xe95f0210, "ldrd r0, r2, [pc, #-64]",      "ldstrd", "P=1 U=0 W=0 L=1 n=15 t=0 T=2 i=16" },
    { 0xe8b0000e, "ldmia.w r0!, {r1, r2, r3}",    "ldstm_ia", "W=1 L=1 n=0 r=0xe" },
    { 0xe8948060, "ldmia.w r4, {r5, r6, pc}",     "ldstm_ia", "W=0 L=1 n=4 r=0x8060" },
    { 0xe92d4070, "stmdb sp!, {r4, r5, r6, lr}",  "ldstm_db", "W=1 L=0 n=13 r=0x4070" },
    { 0xe9170003, "ldmdb r7, {r0, r1}",           "ldstm_db", "W=0 L=1 n=7 r=3" },
    { 0xe8880201, "stmia.w r8, {r0, r9}",         "ldstm_ia", "W=0 L=0 n=8 r=0x201" },
    { 0xe8bd8070, "pop.w {r4, r5, r6, pc}",       "ldstm_ia", "W=1 L=1 n=13 r=0x8070" },
    { 0xe92d4110, "push.w {r4, r8, lr}",          "ldstm_db", "W=1 L=0 n=13 r=0x4110" },
    /* exclusives and table branch */
    { 0xe8510f00, "ldrex r0, [r1]",               "ldrex", "n=1 t=0 i=0" },
    { 0xe8532fff, "ldrex r2, [r3, #1020]",        "ldrex", "n=3 t=2 i=255" },
    { 0xe8465401, "strex r4, r5, [r6, #4]",       "strex", "n=6 t=5 d=4 i=1" },
    { 0xe8d87f4f, "ldrexb r7, [r8]",              "ldrex_bhd", "n=8 t=7 z=0" },
    { 0xe8da9f5f, "ldrexh r9, [r10]",             "ldrex_bhd", "n=10 t=9 z=1" },
    { 0xe8d2017f, "ldrexd r0, r1, [r2]",          "ldrex_bhd", "n=2 t=0 T=1 z=3" },
    { 0xe8c54f43, "strexb r3, r4, [r5]",          "strex_bhd", "n=5 t=4 z=0 d=3" },
    { 0xe8c87f56, "strexh r6, r7, [r8]",          "strex_bhd", "n=8 t=7 z=1 d=6" },
    { 0xe8c20179, "strexd r9, r0, r1, [r2]",      "strex_bhd", "n=2 t=0 T=1 z=3 d=9" },
    { 0xe8d0f001, "tbb [r0, r1]",                 "tbb", "n=0 H=0 m=1" },
    { 0xe8dff012, "tbh [pc, r2, lsl #1]",         "tbb", "n=15 H=1 m=2" },
    /* miscellaneous control */
    { 0xf3bf8f2f, "clrex",                        "misc_ctl", "o=2 p=15" },
    { 0xf3bf8f4f, "dsb sy",                       "misc_ctl", "o=4 p=15" },
    { 0xf3bf8f5b, "dmb ish",                      "misc_ctl", "o=5 p=11" },
    { 0xf3bf8f6f, "isb sy",                       "misc_ctl", "o=6 p=15" },
    { 0xf3808800, "msr APSR_nzcvq, r0",           "msr", "R=0 n=0 k=8" },
    { 0xf3818400, "msr APSR_g, r1",               "msr", "R=0 n=1 k=4" },
    { 0xf3828c00, "msr APSR_nzcvqg, r2",          "msr", "R=0 n=2 k=12" },
    { 0xf3ef8300, "mrs r3, APSR",                 "mrs", "R=0 d=3 B=0" },
    { 0xf3af8000, "nop.w",                        "hint", "o=0 h=0" },
    { 0xf3af8001, "yield.w",                      "hint", "o=0 h=1" },
    { 0xf3af8002, "wfe.w",                        "hint", "o=0 h=2" },
    { 0xf3af8003, "wfi.w",                        "hint", "o=0 h=3" },
    { 0xf3af8004, "sev.w",                        "hint", "o=0 h=4" },
    { 0xf3c48f00, "bxj r4",                       "bxj", "m=4" },
    { 0xf7f1a234, "udf.w #4660",                  "udf", "i=0x1234" },
    /* branches (offsets checked separately) */
    { 0xf03fafff, "beq.w .+1048578",              "b_cond", "c=0 S=0" },
    { 0xf4408000, "bne.w .-1048572",              "b_cond", "c=1 S=1" },
    { 0xf3008002, "bgt.w .+8",                    "b_cond", "c=12 S=0" },
    { 0xf3ff97ff, "b.w .+16777218",               "b", "S=0" },
    { 0xf4009000, "b.w .-16777212",               "b", "S=1" },
    { 0xf123ba29, "b.w .+0x123456",               "b", "S=0" },
    { 0xf000f9fe, "bl .+0x400",                   "bl", "S=0" },
    { 0xf7ffdffe, "bl .-0x800000",                "bl", "S=1" },
    { 0xf000effe, "blx .+0x1000",                 "blx", "S=0" },
    { 0xf7efeffe, "blx .-0x10000",                "blx", "S=1" },
    /* media */
    { 0xfa81f002, "sadd8 r0, r1, r2",             "parallel", "o=0 U=0 k=0 n=1 d=0 m=2" },
    { 0xfa94f305, "sadd16 r3, r4, r5",            "parallel", "o=1 U=0 k=0 n=4 d=3 m=5" },
    { 0xfaa7f608, "sasx r6, r7, r8",              "parallel", "o=2 U=0 k=0 n=7 d=6 m=8" },
    { 0xfacaf90b, "ssub8 r9, r10, r11",           "parallel", "o=4 U=0 k=0 n=10 d=9 m=11" },
    { 0xfad1f002, "ssub16 r0, r1, r2",            "parallel", "o=5 U=0 k=0 n=1 d=0 m=2" },
    { 0xfae4f305, "ssax r3, r4, r5",              "parallel", "o=6 U=0 k=0 n=4 d=3 m=5" },
    { 0xfa81f012, "qadd8 r0, r1, r2",             "parallel", "o=0 U=0 k=1" },
    { 0xfad4f325, "shsub16 r3, r4, r5",           "parallel", "o=5 U=0 k=2" },
    { 0xfa82f24c, "uadd8 r2, r2, r12",            "parallel", "o=0 U=1 k=0 n=2 d=2 m=12" },
    { 0xfac2f153, "uqsub8 r1, r2, r3",            "parallel", "o=4 U=1 k=1 n=2 d=1 m=3" },
    { 0xfaa5f466, "uhasx r4, r5, r6",             "parallel", "o=2 U=1 k=2" },
    { 0xfae8f749, "usax r7, r8, r9",              "parallel", "o=6 U=1 k=0" },
    { 0xfaa1f082, "sel r0, r1, r2",               "sel", "n=1 d=0 m=2" },
    { 0xfb74f305, "usad8 r3, r4, r5",             "usad8", "n=4 a=15 d=3 m=5" },
    { 0xfb779608, "usada8 r6, r7, r8, r9",        "usad8", "n=7 a=9 d=6 m=8" },
    { 0xf3010007, "ssat r0, #8, r1",              "sat", "U=0 h=0 n=1 d=0 i=0 w=7" },
    { 0xf32372df, "ssat r2, #32, r3, asr #31",    "sat", "U=0 h=1 n=3 d=2 i=31 w=31" },
    { 0xf385141f, "usat r4, #31, r5, lsl #4",     "sat", "U=1 h=0 n=5 d=4 i=4 w=31" },
    { 0xf3870600, "usat r6, #0, r7",              "sat", "U=1 h=0 n=7 d=6 i=0 w=0" },
    { 0xf329080f, "ssat16 r8, #16, r9",           "sat", "U=0 h=1 n=9 d=8 i=0 w=15" },
    { 0xf3ab0a0f, "usat16 r10, #15, r11",         "sat", "U=1 h=1 n=11 d=10 i=0 w=15" },
    /* DSP multiplies, saturating arithmetic, packing */
    { 0xfb11f002, "smulbb r0, r1, r2",            "smulxy", "n=1 a=15 d=0 N=0 M=0 m=2" },
    { 0xfb14f325, "smultb r3, r4, r5",            "smulxy", "n=4 a=15 d=3 N=1 M=0 m=5" },
    { 0xfb179618, "smlabt r6, r7, r8, r9",        "smulxy", "n=7 a=9 d=6 N=0 M=1 m=8" },
    { 0xfb1c3c3e, "smlatt r12, r12, lr, r3",      "smulxy", "n=12 a=3 d=12 N=1 M=1 m=14" },
    { 0xfb31f002, "smulwb r0, r1, r2",            "smulwy", "n=1 a=15 d=0 M=0 m=2" },
    { 0xfb346315, "smlawt r3, r4, r5, r6",        "smulwy", "n=4 a=6 d=3 M=1 m=5" },
    { 0xfb21f002, "smuad r0, r1, r2",             "smlad", "n=1 a=15 d=0 X=0 m=2" },
    { 0xfb246315, "smladx r3, r4, r5, r6",        "smlad", "n=4 a=6 d=3 X=1 m=5" },
    { 0xfb48f709, "smusd r7, r8, r9",             "smlsd", "n=8 a=15 d=7 X=0 m=9" },
    { 0xfb4b0a1c, "smlsdx r10, r11, r12, r0",     "smlsd", "n=11 a=0 d=10 X=1 m=12" },
    { 0xfb52f103, "smmul r1, r2, r3",             "smmla", "n=2 a=15 d=1 R=0 m=3" },
    { 0xfb557416, "smmlar r4, r5, r6, r7",        "smmla", "n=5 a=7 d=4 R=1 m=6" },
    { 0xfb69b80a, "smmls r8, r9, r10, r11",       "smmls", "n=9 a=11 d=8 R=0 m=10" },
    { 0xfbc20193, "smlalbt r0, r1, r2, r3",       "smlalxy", "n=2 l=0 h=1 N=0 M=1 m=3" },
    { 0xfbc645c7, "smlald r4, r5, r6, r7",        "smlald", "o=0 n=6 l=4 h=5 X=0 m=7" },
    { 0xfbda89db, "smlsldx r8, r9, r10, r11",     "smlald", "o=1 n=10 l=8 h=9 X=1 m=11" },
    { 0xfa82f081, "qadd r0, r1, r2",              "qaddsub", "n=2 d=0 o=0 m=1" },
    { 0xfa85f394, "qdadd r3, r4, r5",             "qaddsub", "n=5 d=3 o=1 m=4" },
    { 0xfa88f6a7, "qsub r6, r7, r8",              "qaddsub", "n=8 d=6 o=2 m=7" },
    { 0xfa8bf9ba, "qdsub r9, r10, r11",           "qaddsub", "n=11 d=9 o=3 m=10" },
    { 0xeac12002, "pkhbt r0, r1, r2, lsl #8",     "pkh", "S=0 n=1 d=0 i=8 T=0 m=2" },
    { 0xeac44325, "pkhtb r3, r4, r5, asr #16",    "pkh", "S=0 n=4 d=3 i=16 T=1 m=5" },
    { 0xfa2ff081, "sxtb16 r0, r1",                "extend", "o=2 n=15 d=0 r=0 m=1" },
    { 0xfa3ff293, "uxtb16 r2, r3, ror #8",        "extend", "o=3 n=15 d=2 r=1 m=3" },
    { 0xfa25f486, "sxtab16 r4, r5, r6",           "extend", "o=2 n=5 d=4 r=0 m=6" },
    { 0xfa38f7b9, "uxtab16 r7, r8, r9, ror #24",  "extend", "o=3 n=8 d=7 r=3 m=9" },
    /* coprocessor and NEON space */
    { 0xed910b02, "vldr d0, [r1, #8]",            "coproc", "T=0" },
    { 0xed0d1a01, "vstr s2, [sp, #-4]",           "coproc", "T=0" },
    { 0xee100a90, "vmov r0, s1",                  "coproc", "T=0" },
    { 0xeef1fa10, "vmrs APSR_nzcv, fpscr",        "coproc", "T=0" },
    { 0xee1d0f70, "mrc p15, 0, r0, c13, c0, 3",   "coproc", "T=0" },
    { 0xee300a81, "vadd.f32 s0, s1, s2",          "coproc", "T=0" },
    { 0xfe010e72, "mcr2 p14, 0, r0, c1, c2, 3",   "coproc", "T=1" },
    { 0xef220844, "vadd.i32 q0, q1, q2",          "neon_dp", "" },
    { 0xf920070f, "vld1.8 {d0}, [r0]",            "neon_ldst", "" },
    /* unallocated */
    { 0xe80dc000, "(srsdb: not in user mode)",    NULL, "" },
    { 0xf3100000, "(unallocated plain binary imm 10001)", NULL, "" },
    { 0xfb300020, "(smulwy with hw2[5] set)",     NULL, "" },
};

/* Check "letter=value ..." against the fields of e. */
static void check_case(const DecodeCase *c, bool t32)
{
    const DecodeEntry *e = t32 ? arm_decode_t32_lookup(c->insn)
                               : arm_decode_t16_lookup(c->insn);
    const char *got = e ? e->name : "(none)";
    const char *want = c->name ? c->name : "(none)";
    if (strcmp(got, want) != 0) {
        n_fail++;
        printf("FAIL %s (0x%x): entry %s, want %s\n", c->text, c->insn, got, want);
        return;
    }
    n_pass++;
    if (!e)
        return;
    if (decode_fields_match(e, c->insn, c->fields)) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL %s (0x%x): fields differ from \"%s\"\n", c->text, c->insn, c->fields);
    }
}

static void test_tables(void)
{
    for (size_t i = 0; i < sizeof(t16_cases) / sizeof(t16_cases[0]); i++)
        check_case(&t16_cases[i], false);
    for (size_t i = 0; i < sizeof(t32_cases) / sizeof(t32_cases[0]); i++)
        check_case(&t32_cases[i], true);
}

/* ======================================================== 2. helpers */

static uint32_t expand(uint32_t imm12)
{
    uint32_t v = 0xdeadbeef;
    CHECK(arm_thumb_expand_imm(imm12, &v));
    return v;
}

static void test_helpers(void)
{
    /* modified immediates of the dp_modimm cases, values from the asm */
    CHECK_EQ(expand(0x0ff), 0xff);
    CHECK_EQ(expand(0x1ab), 0x00ab00ab);
    CHECK_EQ(expand(0x2ab), 0xab00ab00);
    CHECK_EQ(expand(0x3ab), 0xabababab);
    CHECK_EQ(expand(0x400), 0x80000000);
    CHECK_EQ(expand(0xe7f), 0xff0);
    CHECK_EQ(expand(0xb7f), 0x3fc00);
    CHECK_EQ(expand(0xb80), 0x10000);
    CHECK_EQ(expand(0xf80), 0x100);
    uint32_t v;
    CHECK(!arm_thumb_expand_imm(0x100, &v));   /* 00 imm8 00 imm8 with imm8 = 0 */
    CHECK(!arm_thumb_expand_imm(0x300, &v));

    /* branch offsets: target - (address + 4), from the objdump listing */
    static const struct { uint32_t insn; bool cond; int32_t off; } br[] = {
        { 0xf03fafff, true, 1048574 },      /* beq.w at 0 -> 0x100002 */
        { 0xf4408000, true, -1048576 },     /* bne.w at 4 -> 0xfff00008 */
        { 0xf3008002, true, 4 },            /* bgt.w at 8 -> 0x10 */
        { 0xf3ff97ff, false, 16777214 },    /* b.w at 0xc -> 0x100000e */
        { 0xf4009000, false, -16777216 },   /* b.w at 0x10 -> 0xff000014 */
        { 0xf123ba29, false, 0x123452 },    /* b.w at 0x14 -> 0x12346a */
        { 0xf000f9fe, false, 0x3fc },       /* bl at 0x18 -> 0x418 */
        { 0xf7ffdffe, false, -0x800004 },   /* bl at 0x1c -> 0xff80001c */
        /* BLX: target = Align(PC, 4) + offset */
        { 0xf000effe, false, 0xffc },       /* blx at 0x20 -> 0x1020 */
        { 0xf7efeffe, false, -0x10004 },    /* blx at 0x24 -> 0xffff0024 */
    };
    for (size_t i = 0; i < sizeof(br) / sizeof(br[0]); i++) {
        int32_t got = br[i].cond ? arm_t32_bcond_offset(br[i].insn)
                                 : arm_t32_branch_offset(br[i].insn);
        CHECK_EQ((uint32_t)got, (uint32_t)br[i].off);
    }

    /* ITAdvance through "itete lt" (0xbfb5): lt, ge, lt, ge, then out */
    uint32_t it = 0xb5;
    CHECK_EQ(it >> 4, 0xb);
    it = arm_thumb_it_advance(it);
    CHECK_EQ(it >> 4, 0xa);
    it = arm_thumb_it_advance(it);
    CHECK_EQ(it >> 4, 0xb);
    it = arm_thumb_it_advance(it);
    CHECK_EQ(it >> 4, 0xa);
    CHECK_EQ(it & 0xf, 0x8);                  /* last in the block */
    CHECK_EQ(arm_thumb_it_advance(it), 0);
    CHECK_EQ(arm_thumb_it_advance(0x08), 0);  /* "it eq": one insn */
}

/* ======================================================== 3. translation */

#define CODE_BASE 0x10000u
#define DATA_BASE 0x20000u
#define STACK_TOP 0x21000u

static void put_insn(uint32_t addr, uint32_t insn, bool t32)
{
    uint16_t hw[2] = { (uint16_t)(t32 ? insn >> 16 : insn), (uint16_t)insn };
    memcpy(g2h(addr), hw, t32 ? 4 : 2);
}

/* Translate one instruction at CODE_BASE with the given ITSTATE; the
 * IR must verify before and after optimisation. */
static bool translate_one(uint32_t insn, bool t32, uint32_t itstate, uint32_t max_insns)
{
    memset(g2h(CODE_BASE), 0, 64);
    put_insn(CODE_BASE, insn, t32);
    uint32_t flags = ARM_TBFLAG_THUMB | itstate << ARM_TBFLAG_IT_SHIFT;
    IRBlock *b = ir_block_new(arm_ir_context(), CODE_BASE, flags);
    arm_translate(b, max_insns);
    char msg[256];
    bool ok = ir_verify(b, msg, sizeof(msg));
    if (ok) {
        ir_optimize(b);
        ok = ir_verify(b, msg, sizeof(msg));
    }
    if (!ok)
        printf("FAIL translating 0x%x (itstate 0x%02x): %s\n", insn, itstate, msg);
    ir_block_free(b);
    return ok;
}

static void test_translate_cases(void)
{
    /* outside IT, as the only insn of an IT EQ block, and as the first of
     * a longer one (where branches are UNPREDICTABLE) */
    static const uint32_t its[] = { 0x00, 0x08, 0x14 };
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < sizeof(t16_cases) / sizeof(t16_cases[0]); i++)
            CHECK(translate_one(t16_cases[i].insn, false, its[k], 4));
        for (size_t i = 0; i < sizeof(t32_cases) / sizeof(t32_cases[0]); i++)
            CHECK(translate_one(t32_cases[i].insn, true, its[k], 4));
    }
}

/* True when the instruction at CODE_BASE (with the given ITSTATE)
 * translates to an undefined-instruction exit. */
static bool translates_to_undef(uint32_t insn, bool t32, uint32_t itstate)
{
    memset(g2h(CODE_BASE), 0, 64);
    put_insn(CODE_BASE, insn, t32);
    uint32_t flags = ARM_TBFLAG_THUMB | itstate << ARM_TBFLAG_IT_SHIFT;
    IRBlock *b = ir_block_new(arm_ir_context(), CODE_BASE, flags);
    arm_translate(b, 1);
    bool undef = false;
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_exit_tb && ir_op_const(&b->ops[i], 0) == EXIT_UNDEF)
            undef = true;
    }
    ir_block_free(b);
    return undef;
}

static void test_undef(void)
{
    /* valid outside IT, UNPREDICTABLE inside (or not last) */
    CHECK(!translates_to_undef(0xd080, false, 0));         /* beq.n */
    CHECK(translates_to_undef(0xd080, false, 0x08));       /* beq.n in IT */
    CHECK(!translates_to_undef(0xe400, false, 0x08));      /* b.n, last in IT */
    CHECK(translates_to_undef(0xe400, false, 0x04));       /* b.n, not last */
    CHECK(translates_to_undef(0xb3f9, false, 0x08));       /* cbz in IT */
    CHECK(translates_to_undef(0x4770, false, 0x04));       /* bx lr, not last */
    CHECK(translates_to_undef(0xbf08, false, 0x08));       /* it inside IT */
    CHECK(translates_to_undef(0xb658, false, 0x08));       /* setend in IT */
    CHECK(!translates_to_undef(0xf000f9fe, true, 0x08));   /* bl, last in IT */
    CHECK(translates_to_undef(0xf000f9fe, true, 0x04));
    CHECK(translates_to_undef(0xf03fafff, true, 0x08));    /* beq.w in IT */
    CHECK(translates_to_undef(0xe8dff012, true, 0x04));    /* tbh, not last */
    CHECK(translates_to_undef(0xe8bd8070, true, 0x04));    /* pop.w {..pc}, not last */
    /* encodings that are UNDEFINED or UNPREDICTABLE anywhere */
    CHECK(translates_to_undef(0xde42, false, 0));          /* udf #66 */
    CHECK(translates_to_undef(0xf7f1a234, true, 0));       /* udf.w */
    CHECK(translates_to_undef(0xbaa0, false, 0));          /* 1011 1010 10: hlt in v8 */
    CHECK(translates_to_undef(0xe8b60200, true, 0));       /* ldm.w r6!, {r9}: one reg */
    CHECK(translates_to_undef(0xf8500b04, true, 0));       /* ldr r0, [r0], #4 */
    CHECK(translates_to_undef(0xf1001000, true, 0));       /* add.w #0x00XX00XX with XX = 0 */
    CHECK(translates_to_undef(0xfb800000, true, 0));       /* smull r0, r0, r0, r0: RdLo == RdHi */
    CHECK(translates_to_undef(0xef221844, true, 0));       /* vadd.i32 with Q and odd Vd */
    CHECK(translates_to_undef(0xf920072f, true, 0));       /* vld1.8 {d0}, align<1> set */
    CHECK(!translates_to_undef(0xef220844, true, 0));      /* vadd.i32 q0, q1, q2 */
}

/* Any bit pattern must translate without crashing into valid IR. */
static void test_translate_random(void)
{
    uint32_t x = 0x12345678;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t hw1 = x >> 16;
        bool t32 = (hw1 >> 11) >= 0x1d;
        uint32_t insn = t32 ? x : hw1;
        uint32_t it = (i & 3) == 0 ? (x & 0xef) | 0x08 : 0;
        if ((it >> 4) == 0xe)
            it = 0xe8;
        if (!translate_one(insn, t32, it, 2))
            bad++;
    }
    CHECK_EQ(bad, 0);
}

/* A 32-bit instruction whose second halfword is on an unmapped page. */
static void test_page_cross(void)
{
    uint32_t last = CODE_BASE + GUEST_PAGE_SIZE - 2;
    uint16_t hw1 = 0xf000;                      /* first half of a BL */
    memcpy(g2h(last), &hw1, 2);
    IRBlock *b = ir_block_new(arm_ir_context(), last, ARM_TBFLAG_THUMB);
    arm_translate(b, 8);
    char msg[256];
    CHECK(ir_verify(b, msg, sizeof(msg)));
    CHECK_EQ(b->ninsns, 1);
    bool exits_abort = false;
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_exit_tb && ir_op_const(&b->ops[i], 0) == EXIT_PREFETCH_ABORT)
            exits_abort = true;
    }
    CHECK(exits_abort);
    ir_block_free(b);
}

/* ======================================================== 4. execution */

static ArmCPU env;
static JCEntry jump_cache[JC_SIZE];   /* stays empty: every lookup misses */

/* Run Thumb code from env.r[15] until an exit other than a block
 * transition (the programs end in UDF); returns the exit code. */
static int run(uint32_t max_insns)
{
    for (int n = 0; n < 1000; n++) {
        IRBlock *b = ir_block_new(arm_ir_context(), env.r[15], arm_tb_flags(&env));
        arm_translate(b, max_insns);
        char msg[256];
        if (!ir_verify(b, msg, sizeof(msg))) {
            printf("FAIL: block at 0x%x does not verify: %s\n", env.r[15], msg);
            n_fail++;
            ir_block_free(b);
            return -1;
        }
        ir_optimize(b);
        TranslationBlock tb = { .pc = b->pc, .flags = b->flags, .ir = b };
        uintptr_t exit = interp_exec(&env, &tb);
        free(tb.label_pos);
        ir_block_free(b);
        if (exit != EXIT_LOOKUP && exit <= EXIT_MAX_CODE)
            return (int)exit;
    }
    return -1;
}

static void load_program(const uint16_t *code, size_t size)
{
    memset(g2h(CODE_BASE), 0, GUEST_PAGE_SIZE);
    memset(g2h(DATA_BASE), 0, 2 * GUEST_PAGE_SIZE);
    memcpy(g2h(CODE_BASE), code, size);
    memset(&env, 0, sizeof(env));
    env.common.jc = jump_cache;
    env.thumb = 1;
    env.r[15] = CODE_BASE;
    env.r[13] = STACK_TOP;
    env.excl_addr = ~0u;
}

/* IT blocks: 16-bit data-processing insns inside them leave the flags. */
static const uint16_t prog_it[] = {
    0x2005,             /*    0: movs r0, #5 */
    0x2805,             /*    2: cmp r0, #5 */
    0xbf0c,             /*    4: ite eq */
    0x2101,             /*    6: moveq r1, #1 */
    0x2102,             /*    8: movne r1, #2 */
    0xbf1c,             /*    a: itt ne */
    0x3201,             /*    c: addne r2, #1 */
    0x3301,             /*    e: addne r3, #1 */
    0xf04f, 0x0400,     /*   10: mov.w r4, #0 */
    0x2806,             /*   14: cmp r0, #6 */
    0xbfb5,             /*   16: itete lt */
    0x2500,             /*   18: movlt r5, #0 */
    0x2501,             /*   1a: movge r5, #1 */
    0x2600,             /*   1c: movlt r6, #0 */
    0x2601,             /*   1e: movge r6, #1 */
    0xbfa8,             /*   20: it ge */
    0x19af,             /*   22: addge r7, r5, r6 */
    0xde00,             /*   24: udf #0 */
};

static void test_exec_it(uint32_t max_insns)
{
    load_program(prog_it, sizeof(prog_it));
    for (int r = 1; r <= 7; r++)
        env.r[r] = 0x70 + r;
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x24);
    CHECK_EQ(env.r[0], 5);
    CHECK_EQ(env.r[1], 1);
    CHECK_EQ(env.r[2], 0x72);
    CHECK_EQ(env.r[3], 0x73);
    CHECK_EQ(env.r[4], 0);
    CHECK_EQ(env.r[5], 0);
    CHECK_EQ(env.r[6], 0);
    CHECK_EQ(env.r[7], 0x77);
    CHECK_EQ(env.itstate, 0);
}

/* CBZ/CBNZ, B, TBB, TBH, BL, BX */
static const uint16_t prog_branch[] = {
    0x2003,             /*    0: movs r0, #3 */
    0x2100,             /*    2: movs r1, #0 */
    0x3102,             /*    4: adds r1, #2 */
    0x3801,             /*    6: subs r0, #1 */
    0xb100,             /*    8: cbz r0, c <done> */
    0xe7fb,             /*    a: b.n 4 <loop> */
    0xb901,             /*    c: cbnz r1, 10 <skip> */
    0x2263,             /*    e: movs r2, #99 */
    0x2002,             /*   10: movs r0, #2 */
    0xe8df, 0xf000,     /*   12: tbb [pc, r0] */
    0x0402,             /*   16: .byte 2, 4 */
    0x0006,             /*   18: .byte 6, 0 */
    0x230a,             /*   1a: movs r3, #10 */
    0xe011,             /*   1c: b.n 42 <end> */
    0x230b,             /*   1e: movs r3, #11 */
    0xe00f,             /*   20: b.n 42 <end> */
    0x230c,             /*   22: movs r3, #12 */
    0x2001,             /*   24: movs r0, #1 */
    0xe8df, 0xf010,     /*   26: tbh [pc, r0, lsl #1] */
    0x0002,             /*   2a: .hword 2 */
    0x0004,             /*   2c: .hword 4 */
    0x2414,             /*   2e: movs r4, #20 */
    0xe007,             /*   30: b.n 42 <end> */
    0x2415,             /*   32: movs r4, #21 */
    0xf000, 0xf803,     /*   34: bl 3e <func> */
    0x2607,             /*   38: movs r6, #7 */
    0xf000, 0xb802,     /*   3a: b.w 42 <end> */
    0x2509,             /*   3e: movs r5, #9 */
    0x4770,             /*   40: bx lr */
    0xde00,             /*   42: udf #0 */
};

static void test_exec_branch(uint32_t max_insns)
{
    load_program(prog_branch, sizeof(prog_branch));
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x42);
    CHECK_EQ(env.r[0], 1);
    CHECK_EQ(env.r[1], 6);
    CHECK_EQ(env.r[2], 0);
    CHECK_EQ(env.r[3], 12);
    CHECK_EQ(env.r[4], 21);
    CHECK_EQ(env.r[5], 9);
    CHECK_EQ(env.r[6], 7);
    CHECK_EQ(env.r[14], CODE_BASE + 0x38 + 1);
    CHECK_EQ(env.thumb, 1);
}

/* Loads and stores of every size, literal, dual, multiple, push/pop. */
static const uint16_t prog_mem[] = {
    0x480d,             /*    0: ldr r0, [pc, #52] */
    0xf241, 0x2134,     /*    2: movw r1, #4660 */
    0xf2c5, 0x6178,     /*    6: movt r1, #22136 */
    0x6041,             /*    a: str r1, [r0, #4] */
    0x7902,             /*    c: ldrb r2, [r0, #4] */
    0xf9b0, 0x3006,     /*    e: ldrsh.w r3, [r0, #6] */
    0xe9e0, 0x1202,     /*   12: strd r1, r2, [r0, #8]! */
    0xe870, 0x4502,     /*   16: ldrd r4, r5, [r0], #-8 */
    0xb430,             /*   1a: push {r4, r5} */
    0xbcc0,             /*   1c: pop {r6, r7} */
    0xc00e,             /*   1e: stmia r0!, {r1, r2, r3} */
    0xe910, 0x0700,     /*   20: ldmdb r0, {r8, r9, sl} */
    0xf850, 0xbd0c,     /*   24: ldr.w fp, [r0, #-12]! */
    0x2380,             /*   28: movs r3, #128 */
    0x5483,             /*   2a: strb r3, [r0, r2] */
    0xf910, 0xc002,     /*   2c: ldrsb.w ip, [r0, r2] */
    0x8042,             /*   30: strh r2, [r0, #2] */
    0xf8d0, 0xe000,     /*   32: ldr.w lr, [r0] */
    0xe001,             /*   36: b.n 3c <end> */
    0x0000, 0x0002,     /*   38: .word 0x00020000 */
    0xde00,             /*   3c: udf #0 */
};

static void test_exec_mem(uint32_t max_insns)
{
    load_program(prog_mem, sizeof(prog_mem));
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x3c);
    CHECK_EQ(env.r[0], DATA_BASE);
    CHECK_EQ(env.r[1], 0x56781234);
    CHECK_EQ(env.r[2], 0x34);
    CHECK_EQ(env.r[3], 0x80);
    CHECK_EQ(env.r[4], 0x56781234);
    CHECK_EQ(env.r[5], 0x34);
    CHECK_EQ(env.r[6], 0x56781234);
    CHECK_EQ(env.r[7], 0x34);
    CHECK_EQ(env.r[8], 0x56781234);
    CHECK_EQ(env.r[9], 0x34);
    CHECK_EQ(env.r[10], 0x5678);
    CHECK_EQ(env.r[11], 0x56781234);
    CHECK_EQ(env.r[12], 0xffffff80);
    CHECK_EQ(env.r[13], STACK_TOP);
    CHECK_EQ(env.r[14], 0x00341234);
}

/* Bitfields, divides, modified immediates with carry, long multiply. */
static const uint16_t prog_alu[] = {
    0xf64b, 0x60ef,     /*    0: movw r0, #48879 */
    0xf6cd, 0x60ad,     /*    4: movt r0, #57005 */
    0xf3c0, 0x2107,     /*    8: ubfx r1, r0, #8, #8 */
    0xf340, 0x2207,     /*    c: sbfx r2, r0, #8, #8 */
    0x2300,             /*   10: movs r3, #0 */
    0xf360, 0x130b,     /*   12: bfi r3, r0, #4, #8 */
    0xfab1, 0xf481,     /*   16: clz r4, r1 */
    0xfa91, 0xf5a1,     /*   1a: rbit r5, r1 */
    0xba06,             /*   1e: rev r6, r0 */
    0x2764,             /*   20: movs r7, #100 */
    0xf04f, 0x0807,     /*   22: mov.w r8, #7 */
    0xfbb7, 0xf9f8,     /*   26: udiv r9, r7, r8 */
    0xf06f, 0x0a06,     /*   2a: mvn.w sl, #6 */
    0xfb97, 0xfafa,     /*   2e: sdiv sl, r7, sl */
    0xf117, 0x0b00,     /*   32: adds.w fp, r7, #0 */
    0xf05f, 0x4b00,     /*   36: movs.w fp, #2147483648 */
    0xf3ef, 0x8c00,     /*   3a: mrs ip, CPSR */
    0xf067, 0x0eff,     /*   3e: orn lr, r7, #255 */
    0xeb07, 0x1708,     /*   42: add.w r7, r7, r8, lsl #4 */
    0xfb80, 0x120a,     /*   46: smull r1, r2, r0, sl */
    0xfa10, 0xf3a0,     /*   4a: uxtah r3, r0, r0, ror #16 */
    0xea5f, 0x7404,     /*   4e: movs.w r4, r4, lsl #28 */
    0xfa44, 0xf408,     /*   52: asr.w r4, r4, r8 */
    0xebc8, 0x08c8,     /*   56: rsb r8, r8, r8, lsl #3 */
    0xe7ff,             /*   5a: b.n 5c <end> */
    0xde00,             /*   5c: udf #0 */
};

static void test_exec_alu(uint32_t max_insns)
{
    load_program(prog_alu, sizeof(prog_alu));
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x5c);
    CHECK_EQ(env.r[0], 0xdeadbeef);
    CHECK_EQ(env.r[1], 0xd27f8eee);        /* -559038737 * -14 */
    CHECK_EQ(env.r[2], 0x1);
    CHECK_EQ(env.r[3], 0xdeae9d9c);        /* 0xdeadbeef + 0xdead */
    CHECK_EQ(env.r[4], 0xff000000);        /* (24 << 28) >> 7 arithmetic */
    CHECK_EQ(env.r[5], 0x7d000000);
    CHECK_EQ(env.r[6], 0xefbeadde);
    CHECK_EQ(env.r[7], 212);
    CHECK_EQ(env.r[8], 49);
    CHECK_EQ(env.r[9], 14);
    CHECK_EQ(env.r[10], (uint32_t)-14);
    CHECK_EQ(env.r[11], 0x80000000);
    CHECK_EQ(env.r[12] & 0xf80f0000u, 0xa0000000);   /* N and C from the rotation */
    CHECK_EQ(env.r[14], 0xffffff64);
}

/* An SVC inside an IT block exits with the next insn's ITSTATE; skipped
 * conditional SVC and branches; UDF. */
static const uint16_t prog_sys[] = {
    0x2000,             /*    0: movs r0, #0 */
    0x2800,             /*    2: cmp r0, #0 */
    0xbf06,             /*    4: itte eq */
    0x2101,             /*    6: moveq r1, #1 */
    0xdf00,             /*    8: svceq 0 */
    0x2201,             /*    a: movne r2, #1 */
    0x2801,             /*    c: cmp r0, #1 */
    0xbf08,             /*    e: it eq */
    0xdf01,             /*   10: svceq 1 */
    0xf000, 0x8001,     /*   12: beq.w 18 <bad> */
    0xd100,             /*   16: bne.n 1a <next> */
    0x2301,             /*   18: movs r3, #1 */
    0xde01,             /*   1a: udf #1 */
};

static void test_exec_sys(uint32_t max_insns)
{
    load_program(prog_sys, sizeof(prog_sys));
    CHECK_EQ(run(max_insns), EXIT_SYSCALL);
    CHECK_EQ(env.r[15], CODE_BASE + 0xa);
    CHECK_EQ(env.itstate, 0x18);            /* "e" (NE) of itte eq, last */
    CHECK_EQ(env.r[1], 1);
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x1a);
    CHECK_EQ(env.itstate, 0);
    CHECK_EQ(env.r[2], 0);
    CHECK_EQ(env.r[3], 0);
}

/* DSP multiplies and saturation; expected values as printed by the same
 * sequence run under qemu-arm. */
static const uint16_t prog_dsp[] = {
    0xf248, 0x0000,     /*    0: movw r0, #32768 */
    0xf6c7, 0x70ff,     /*    4: movt r0, #32767 */
    0xf240, 0x0103,     /*    8: movw r1, #3 */
    0xf6cf, 0x71fe,     /*    c: movt r1, #65534 */
    0x2200,             /*   10: movs r2, #0 */
    0xf382, 0x8c00,     /*   12: msr APSR_nzcvqg, r2 */
    0xfb10, 0xf201,     /*   16: smulbb r2, r0, r1 */
    0xfb10, 0xf331,     /*   1a: smultt r3, r0, r1 */
    0xfb10, 0x2411,     /*   1e: smlabt r4, r0, r1, r2 */
    0xfb30, 0xf501,     /*   22: smulwb r5, r0, r1 */
    0xfb20, 0xf611,     /*   26: smuadx r6, r0, r1 */
    0xfb40, 0xf701,     /*   2a: smusd r7, r0, r1 */
    0xfb50, 0xf811,     /*   2e: smmulr r8, r0, r1 */
    0x4689,             /*   32: mov r9, r1 */
    0x4682,             /*   34: mov sl, r0 */
    0xfbc0, 0x9ac1,     /*   36: smlald r9, sl, r0, r1 */
    0xfa80, 0xfb80,     /*   3a: qadd fp, r0, r0 */
    0xf3ef, 0x8c00,     /*   3e: mrs ip, APSR */
    0xeac0, 0x4e21,     /*   42: pkhtb lr, r0, r1, asr #16 */
    0xde00,             /*   46: udf #0 */
};

static void test_exec_dsp(uint32_t max_insns)
{
    static const uint32_t want[15] = {
        0x7fff8000, 0xfffe0003, 0xfffe8000, 0xffff0002, 0xffff8000, 0x00017ffe,
        0x00027ffd, 0xffff7ffe, 0xffff0002, 0xfffb8005, 0x7fff8000, 0x7fffffff,
        0x08000000, STACK_TOP, 0x7ffffffe,
    };
    load_program(prog_dsp, sizeof(prog_dsp));
    CHECK_EQ(run(max_insns), EXIT_UNDEF);
    CHECK_EQ(env.r[15], CODE_BASE + 0x46);
    env.r[12] &= 0xf80f0000u;
    for (int r = 0; r < 15; r++) {
        if (env.r[r] != want[r]) {
            n_fail++;
            printf("FAIL dsp (max_insns %u): r%d = 0x%08x, want 0x%08x\n", max_insns, r,
                   env.r[r], want[r]);
        } else {
            n_pass++;
        }
    }
}

static void test_exec(void)
{
    static const uint32_t limits[] = { 64, 1, 2 };
    for (size_t i = 0; i < 3; i++) {
        test_exec_it(limits[i]);
        test_exec_branch(limits[i]);
        test_exec_mem(limits[i]);
        test_exec_alu(limits[i]);
        test_exec_sys(limits[i]);
        test_exec_dsp(limits[i]);
    }
}

int main(void)
{
    ferry_log_mask = 0;    /* the undefined encodings tested would log */
    gmem_init();
    uint32_t a = gmem_mmap(CODE_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint32_t d = gmem_mmap(DATA_BASE, 2 * GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (a != CODE_BASE || d != DATA_BASE) {
        printf("cannot map the test pages\n0 passed, 1 failed\n");
        return 1;
    }
    arm_translate_init();

    test_tables();
    test_helpers();
    test_translate_cases();
    test_translate_random();
    test_undef();
    test_page_cross();
    test_exec();

    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
