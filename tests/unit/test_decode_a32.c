/*
 * Unit test of the A32 decoder (src/frontend/arm/decode_a32.c) and of the
 * shared ARM translation layer it drives (translate*.c).
 *
 * 1. Table lookups: encodings produced by arm-linux-gnueabihf-as (the
 *    assembly is next to each word), checked for the entry they select and
 *    for the values of its fields, worked out by hand from the assembly.
 * 2. Table shape: every pattern compiled to 32 bits, and every entry is
 *    reachable: some encoding matching its pattern selects it (no earlier
 *    entry shadows it completely).
 * 3. Translation: every listed encoding, under several conditions, and
 *    random words translate to IR that passes ir_verify before and after
 *    optimisation; a few blocks are checked for the ops they contain.
 * 4. Execution: short A32 programs run through the IR interpreter.  The
 *    expected registers were recorded by running the same programs under
 *    qemu-arm -cpu cortex-a15 (a harness zeroes r0-r12, r14 and the flags,
 *    points r11 at a zeroed data area and sp 256 bytes above it, and dumps
 *    r0-r14 and the APSR afterwards, with r11 and sp relative to the data
 *    area).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "exec/tb.h"
#include "frontend/arm/arm_guest.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"
#include "tcg/backend.h"

#include "decode_check.h"
#include "unit_check.h"

/* ======================================================== 1. table lookups */

typedef struct DecodeCase {
    uint32_t insn;
    const char *text;    /* the assembly given to as */
    const char *name;    /* expected entry, NULL for none */
    const char *fields;  /* expected "letter=value ..." (decimal or 0x) */
} DecodeCase;

static const DecodeCase cases[] = {
    { 0xe0821003, "add r1, r2, r3",             "dp_imm_shift", "o=4 s=0 n=2 d=1 i=0 y=0 m=3" },
    { 0xe0921203, "adds r1, r2, r3, lsl #4",    "dp_imm_shift", "o=4 s=1 n=2 d=1 i=4 y=0 m=3" },
    { 0xe0454736, "sub r4, r5, r6, lsr r7",     "dp_reg_shift", "o=2 s=0 n=5 d=4 r=7 y=1 m=6" },
    { 0xe27100ff, "rsbs r0, r1, #255",          "dp_imm",       "o=3 s=1 n=1 d=0 r=0 i=255" },
    { 0xe20324ff, "and r2, r3, #0xff000000",    "dp_imm",       "o=0 s=0 n=3 d=2 r=4 i=255" },
    { 0xe02981ea, "eor r8, r9, r10, ror #3",    "dp_imm_shift", "o=1 n=9 d=8 i=3 y=3 m=10" },
    { 0xe3800001, "orr r0, r0, #1",             "dp_imm",       "o=12 n=0 d=0 i=1" },
    { 0xe1b01fc2, "movs r1, r2, asr #31",       "dp_imm_shift", "o=13 s=1 d=1 i=31 y=2 m=2" },
    { 0xe3e03000, "mvn r3, #0",                 "dp_imm",       "o=15 d=3 i=0" },
    { 0xe3c4403c, "bic r4, r4, #0x3c",          "dp_imm",       "o=14 n=4 d=4 i=60" },
    { 0xe3110004, "tst r1, #4",                 "dp_imm",       "o=8 s=1 n=1 i=4" },
    { 0xe1320003, "teq r2, r3",                 "dp_imm_shift", "o=9 s=1 n=2 m=3" },
    { 0xe350000a, "cmp r0, #10",                "dp_imm",       "o=10 s=1 n=0 i=10" },
    { 0xe1710312, "cmn r1, r2, lsl r3",         "dp_reg_shift", "o=11 s=1 n=1 r=3 y=0 m=2" },
    { 0xe0a54006, "adc r4, r5, r6",             "dp_imm_shift", "o=5 n=5 d=4 m=6" },
    { 0xe2c87001, "sbc r7, r8, #1",             "dp_imm",       "o=6 n=8 d=7 i=1" },
    { 0xe0ea900b, "rsc r9, r10, r11",           "dp_imm_shift", "o=7 n=10 d=9 m=11" },
    { 0xe1a0f00e, "mov pc, lr",                 "dp_imm_shift", "o=13 d=15 m=14" },
    { 0x15910004, "ldrne r0, [r1, #4]",         "ldr_imm",      "c=1 p=1 u=1 w=0 n=1 t=0 i=4" },
    { 0xe3013234, "movw r3, #0x1234",           "movw",         "d=3 i=0x1234" },
    { 0xe34a3bcd, "movt r3, #0xabcd",           "movt",         "d=3 i=0xabcd" },
    { 0xe0000291, "mul r0, r1, r2",             "mul",          "s=0 d=0 m=2 n=1" },
    { 0xe0236594, "mla r3, r4, r5, r6",         "mla",          "d=3 a=6 m=5 n=4" },
    { 0xe0636594, "mls r3, r4, r5, r6",         "mls",          "d=3 a=6 m=5 n=4" },
    { 0xe0810392, "umull r0, r1, r2, r3",       "umull",        "h=1 l=0 m=3 n=2" },
    { 0xe0e54796, "smlal r4, r5, r6, r7",       "smlal",        "h=5 l=4 m=7 n=6" },
    { 0xe0410392, "umaal r0, r1, r2, r3",       "umaal",        "h=1 l=0 m=3 n=2" },
    { 0xe710f211, "sdiv r0, r1, r2",            "sdiv",         "d=0 m=2 n=1" },
    { 0xe733f514, "udiv r3, r4, r5",            "udiv",         "d=3 m=5 n=4" },
    { 0xe16f6f17, "clz r6, r7",                 "clz",          "d=6 m=7" },
    { 0xe6ff0f31, "rbit r0, r1",                "rbit",         "d=0 m=1" },
    { 0xe6bf2f33, "rev r2, r3",                 "rev",          "d=2 m=3" },
    { 0xe6bf4fb5, "rev16 r4, r5",               "rev16",        "d=4 m=5" },
    { 0xe6ff6fb7, "revsh r6, r7",               "revsh",        "d=6 m=7" },
    { 0xe6af0471, "sxtb r0, r1, ror #8",        "sxtb",         "d=0 r=1 m=1" },
    { 0xe6ff2073, "uxth r2, r3",                "uxth",         "d=2 r=0 m=3" },
    { 0xe6b54876, "sxtah r4, r5, r6, ror #16",  "sxtah",        "n=5 d=4 r=2 m=6" },
    { 0xe6e87079, "uxtab r7, r8, r9",           "uxtab",        "n=8 d=7 r=0 m=9" },
    { 0xe7e401d1, "ubfx r0, r1, #3, #5",        "ubfx",         "w=4 d=0 l=3 n=1" },
    { 0xe7af2053, "sbfx r2, r3, #0, #16",       "sbfx",         "w=15 d=2 l=0 n=3" },
    { 0xe7cb4415, "bfi r4, r5, #8, #4",         "bfi",          "m=11 d=4 l=8 n=5" },
    { 0xe7de609f, "bfc r6, #1, #30",            "bfc",          "m=30 d=6 l=1" },
    { 0xe5310008, "ldr r0, [r1, #-8]!",         "ldr_imm",      "p=1 u=0 w=1 n=1 t=0 i=8" },
    { 0xe4832004, "str r2, [r3], #4",           "str_imm",      "p=0 u=1 w=0 n=3 t=2 i=4" },
    { 0xe7d54106, "ldrb r4, [r5, r6, lsl #2]",  "ldrb_reg",     "p=1 u=1 w=0 n=5 t=4 i=2 y=0 m=6" },
    { 0xe7487009, "strb r7, [r8, -r9]",         "strb_reg",     "p=1 u=0 w=0 n=8 t=7 i=0 m=9" },
    { 0xe59f0010, "ldr r0, [pc, #16]",          "ldr_imm",      "p=1 u=1 w=0 n=15 t=0 i=16" },
    { 0xe4b21004, "ldrt r1, [r2], #4",          "ldr_imm",      "p=0 u=1 w=1 n=2 t=1 i=4" },
    { 0xe1d100b2, "ldrh r0, [r1, #2]",          "ldrh_imm",     "p=1 u=1 w=0 n=1 t=0 i=2" },
    { 0xe18320b4, "strh r2, [r3, r4]",          "strh_reg",     "p=1 u=1 w=0 n=3 t=2 m=4" },
    { 0xe17650d1, "ldrsb r5, [r6, #-1]!",       "ldrsb_imm",    "p=1 u=0 w=1 n=6 t=5 i=1" },
    { 0xe0d870f2, "ldrsh r7, [r8], #2",         "ldrsh_imm",    "p=0 u=1 w=0 n=8 t=7 i=2" },
    { 0xe1c200d8, "ldrd r0, r1, [r2, #8]",      "ldrd_imm",     "p=1 u=1 w=0 n=2 t=0 i=8" },
    { 0xe10640f7, "strd r4, r5, [r6, -r7]",     "strd_reg",     "p=1 u=0 w=0 n=6 t=4 m=7" },
    { 0xe92d4030, "push {r4, r5, lr}",          "stm",          "p=1 u=0 w=1 n=13 r=0x4030" },
    { 0xe8bd8030, "pop {r4, r5, pc}",           "ldm",          "p=0 u=1 w=1 n=13 r=0x8030" },
    { 0xe9b00006, "ldmib r0!, {r1, r2}",        "ldm",          "p=1 u=1 w=1 n=0 r=6" },
    { 0xe8030030, "stmda r3, {r4, r5}",         "stm",          "p=0 u=0 w=0 n=3 r=0x30" },
    { 0xe1910f9f, "ldrex r0, [r1]",             "ldrex",        "z=0 n=1 t=0" },
    { 0xe1842f93, "strex r2, r3, [r4]",         "strex",        "z=0 n=4 d=2 t=3" },
    { 0xe1b64f9f, "ldrexd r4, r5, [r6]",        "ldrex",        "z=1 n=6 t=4" },
    { 0xe1a10f92, "strexd r0, r2, r3, [r1]",    "strex",        "z=1 n=1 d=0 t=2" },
    { 0xe1d65f9f, "ldrexb r5, [r6]",            "ldrex",        "z=2 n=6 t=5" },
    { 0xe1e97f98, "strexh r7, r8, [r9]",        "strex",        "z=3 n=9 d=7 t=8" },
    { 0xf57ff01f, "clrex",                      "clrex",        "" },
    { 0xe1020091, "swp r0, r1, [r2]",           "swp",          "b=0 n=2 t=0 u=1" },
    { 0xe1453094, "swpb r3, r4, [r5]",          "swp",          "b=1 n=5 t=3 u=4" },
    { 0xea000000, "b .+8",                      "b",            "i=0" },
    { 0xebfffffd, "bl .-4",                     "bl",           "i=0xfffffd" },
    { 0xfa000002, "blx .+16",                   "blx_imm",      "h=0 i=2" },
    { 0xe12fff1e, "bx lr",                      "bx",           "m=14" },
    { 0xe12fff23, "bxj r3",                     "bxj",          "m=3" },
    { 0xe12fff3c, "blx r12",                    "blx_reg",      "m=12" },
    { 0xef000000, "svc #0",                     "svc",          "i=0" },
    { 0xe1212374, "bkpt #0x1234",               "bkpt",         "i=0x1234" },
    { 0xe7fabcfd, "udf #0xabcd",                "udf",          "i=0xabcd" },
    { 0xe320f000, "nop",                        "hint",         "o=0" },
    { 0xe320f001, "yield",                      "hint",         "o=1" },
    { 0xe320f002, "wfe",                        "hint",         "o=2" },
    { 0xf57ff05b, "dmb ish",                    "dmb",          "o=11" },
    { 0xf57ff04f, "dsb sy",                     "dsb",          "o=15" },
    { 0xf57ff06f, "isb sy",                     "isb",          "o=15" },
    { 0xf5d0f040, "pld [r0, #64]",              "pld_imm",      "u=1 r=1 n=0 i=64" },
    { 0xf791f002, "pldw [r1, r2]",              "pld_reg",      "u=1 r=0 n=1 m=2" },
    { 0xf453f004, "pli [r3, #-4]",              "pli_imm",      "u=0 n=3 i=4" },
    { 0xe10f0000, "mrs r0, apsr",               "mrs",          "d=0" },
    { 0xe128f001, "msr APSR_nzcvq, r1",         "msr_reg",      "m=8 n=1" },
    { 0xe324f80f, "msr APSR_g, #0x000f0000",    "msr_imm",      "m=4 r=8 i=15" },
    { 0xf1010200, "setend be",                  "setend",       "e=1" },
    { 0xf1010000, "setend le",                  "setend",       "e=0" },
    { 0xf1080080, "cpsie i",                    "cps",          "" },
    { 0xed910b02, "vldr d0, [r1, #8]",          "coproc_ldst",  "" },
    { 0xed421a01, "vstr s3, [r2, #-4]",         "coproc_ldst",  "" },
    { 0xed2d8b10, "vpush {d8-d15}",             "coproc_ldst",  "" },
    { 0xecbd8a10, "vpop {s16-s31}",             "coproc_ldst",  "" },
    { 0xec510b12, "vmov r0, r1, d2",            "coproc_ldst",  "" },
    { 0xec454b13, "vmov d3, r4, r5",            "coproc_ldst",  "" },
    { 0xec576a12, "vmov r6, r7, s4, s5",        "coproc_ldst",  "" },
    { 0xecf00b20, "vldmia r0!, {d16-d31}",      "coproc_ldst",  "" },
    { 0xee100a90, "vmov r0, s1",                "coproc",       "" },
    { 0xee013a10, "vmov s2, r3",                "coproc",       "" },
    { 0xee268b10, "vmov.32 d6[1], r8",          "coproc",       "" },
    { 0xee179b10, "vmov.32 r9, d7[0]",          "coproc",       "" },
    { 0xeeb70a00, "vmov.f32 s0, #1.0",          "coproc",       "" },
    { 0xeeb81b04, "vmov.f64 d1, #-2.5",         "coproc",       "" },
    { 0xeef04b65, "vmov.f64 d20, d21",          "coproc",       "" },
    { 0xeef02a43, "vmov.f32 s5, s6",            "coproc",       "" },
    { 0xeef10a10, "vmrs r0, fpscr",             "coproc",       "" },
    { 0xeef1fa10, "vmrs APSR_nzcv, fpscr",      "coproc",       "" },
    { 0xeee11a10, "vmsr fpscr, r1",             "coproc",       "" },
    { 0xeef82a10, "vmrs r2, fpexc",             "coproc",       "" },
    { 0xeef73a10, "vmrs r3, mvfr0",             "coproc",       "" },
    { 0xee1d0f70, "mrc p15, 0, r0, c13, c0, 3", "coproc",       "" },
    { 0xee0d1f50, "mcr p15, 0, r1, c13, c0, 2", "coproc",       "" },
    { 0xee300a81, "vadd.f32 s0, s1, s2",        "coproc",       "" },
    { 0xe1020051, "qadd r0, r1, r2",            "qadd",         "o=0 n=2 d=0 m=1" },
    { 0xe1653054, "qdsub r3, r4, r5",           "qadd",         "o=3 n=5 d=3 m=4" },
    { 0xe1600281, "smulbb r0, r1, r2",          "smulxy",       "d=0 m=2 M=0 N=0 n=1" },
    { 0xe10032c1, "smlabt r0, r1, r2, r3",      "smlaxy",       "d=0 a=3 m=2 M=1 N=0 n=1" },
    { 0xe16406a5, "smultb r4, r5, r6",          "smulxy",       "d=4 m=6 M=0 N=1 n=5" },
    { 0xe12032c1, "smlawt r0, r1, r2, r3",      "smlawy",       "d=0 a=3 m=2 M=1 n=1" },
    { 0xe12406a5, "smulwb r4, r5, r6",          "smulwy",       "d=4 m=6 M=0 n=5" },
    { 0xe14103a2, "smlaltb r0, r1, r2, r3",     "smlalxy",      "h=1 l=0 m=3 M=0 N=1 n=2" },
    { 0xe7003211, "smlad r0, r1, r2, r3",       "smlad",        "d=0 a=3 m=2 X=0 n=1" },
    { 0xe704f635, "smuadx r4, r5, r6",          "smlad",        "d=4 a=15 m=6 X=1 n=5" },
    { 0xe7003251, "smlsd r0, r1, r2, r3",       "smlad",        "d=0 a=3 m=2 X=0 n=1" },
    { 0xe704f675, "smusdx r4, r5, r6",          "smlad",        "d=4 a=15 m=6 X=1 n=5" },
    { 0xe7410312, "smlald r0, r1, r2, r3",      "smlald",       "h=1 l=0 m=3 X=0 n=2" },
    { 0xe7454776, "smlsldx r4, r5, r6, r7",     "smlald",       "h=5 l=4 m=7 X=1 n=6" },
    { 0xe750f211, "smmul r0, r1, r2",           "smmla",        "d=0 a=15 m=2 R=0 n=1" },
    { 0xe7536534, "smmlar r3, r4, r5, r6",      "smmla",        "d=3 a=6 m=5 R=1 n=4" },
    { 0xe757a9d8, "smmls r7, r8, r9, r10",      "smmls",        "d=7 a=10 m=9 R=0 n=8" },
    { 0xe6510f92, "uadd8 r0, r1, r2",           "parallel",     "p=5 o=4 n=1 d=0 m=2" },
    { 0xe6676ff8, "uqsub8 r6, r7, r8",          "parallel",     "p=6 o=7 n=7 d=6 m=8" },
    { 0xe6843fb5, "sel r3, r4, r5",             "sel",          "n=4 d=3 m=5" },
    { 0xe780f211, "usad8 r0, r1, r2",           "usada8",       "d=0 a=15 m=2 n=1" },
    { 0xe7803211, "usada8 r0, r1, r2, r3",      "usada8",       "d=0 a=3 m=2 n=1" },
    { 0xe6a70211, "ssat r0, #8, r1, lsl #4",    "ssat",         "s=7 d=0 i=4 h=0 n=1" },
    { 0xe6ff2153, "usat r2, #31, r3, asr #2",   "usat",         "s=31 d=2 i=2 h=1 n=3" },
    { 0xe6af4f35, "ssat16 r4, #16, r5",         "ssat16",       "s=15 d=4 n=5" },
    { 0xe6e06f37, "usat16 r6, #0, r7",          "usat16",       "s=0 d=6 n=7" },
    { 0xe6810192, "pkhbt r0, r1, r2, lsl #3",   "pkh",          "n=1 d=0 i=3 T=0 m=2" },
    { 0xe6810252, "pkhtb r0, r1, r2, asr #4",   "pkh",          "n=1 d=0 i=4 T=1 m=2" },
    { 0xe68f0071, "sxtb16 r0, r1",              "sxtab16",      "n=15 d=0 r=0 m=1" },
    { 0xe6c10472, "uxtab16 r0, r1, r2, ror #8", "uxtab16",      "n=1 d=0 r=1 m=2" },
    { 0xf2220844, "vadd.i32 q0, q1, q2",        "neon_dp",      "" },
    { 0xe8d00002, "ldm r0, {r1}^",              NULL,           "" },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* Compare the fields listed in spec ("d=1 n=0x2 ...") with the entry's. */
static void test_lookups(void)
{
    const DecodeEntry *table = arm_decode_a32_table();
    for (size_t i = 0; i < NCASES; i++) {
        const DecodeCase *c = &cases[i];
        const DecodeEntry *e = decode_lookup(table, c->insn);
        bool name_ok = c->name ? e && strcmp(e->name, c->name) == 0 : e == NULL;
        if (!name_ok) {
            printf("FAIL %08x (%s): entry %s, want %s\n", c->insn, c->text,
                   e ? e->name : "none", c->name ? c->name : "none");
            n_fail++;
            continue;
        }
        n_pass++;
        if (e && !decode_fields_match(e, c->insn, c->fields)) {
            printf("FAIL %08x (%s): fields differ from \"%s\"\n", c->insn, c->text, c->fields);
            n_fail++;
        } else {
            n_pass++;
        }
    }
}

/* ======================================================== 2. table shape */

static uint32_t rng = 0x2545f491;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Put the low bits of v into the bits of mask (inverse of decode_gather). */
static uint32_t scatter(uint32_t v, uint32_t mask)
{
    uint32_t out = 0;
    for (int bit = 0; bit < 32; bit++) {
        if (mask & (1u << bit)) {
            out |= (v & 1) << bit;
            v >>= 1;
        }
    }
    return out;
}

/* An encoding matching e's fixed bits, other bits random, cond not 1111. */
static uint32_t sample(const DecodeEntry *e)
{
    uint32_t insn = (next_random() & ~e->fixed_mask) | e->fixed_value;
    for (int i = 0; i < e->nfields; i++) {
        if (e->fields[i].letter == 'c')
            insn = (insn & ~e->fields[i].mask) | scatter(next_random() % 15,
                                                         e->fields[i].mask);
    }
    return insn;
}

static void test_shape(void)
{
    const DecodeEntry *table = arm_decode_a32_table();
    int n = 0;
    for (const DecodeEntry *e = table; e->pattern; e++, n++) {
        CHECK_EQ(e->width, 32);
        bool reached = false;
        for (int k = 0; k < 4000 && !reached; k++)
            reached = decode_lookup(table, sample(e)) == e;
        if (!reached) {
            printf("FAIL: entry %s (%s) is shadowed by earlier entries\n", e->name,
                   e->pattern);
            n_fail++;
        } else {
            n_pass++;
        }
    }
    CHECK(n > 80);
}

/* ======================================================== 3. translation */

#define CODE_BASE 0x10000u
#define DATA_BASE 0x20000u

static bool block_ok(IRBlock *b, uint32_t insn)
{
    char msg[256];
    bool ok = ir_verify(b, msg, sizeof(msg));
    if (ok) {
        ir_optimize(b);
        ok = ir_verify(b, msg, sizeof(msg));
    }
    if (!ok)
        printf("FAIL translating %08x: %s\n", insn, msg);
    return ok;
}

static IRBlock *translate_words(const uint32_t *words, size_t n, uint32_t flags,
                                uint32_t max_insns)
{
    memset(g2h(CODE_BASE), 0, 256);
    memcpy(g2h(CODE_BASE), words, n * 4);
    IRBlock *b = ir_block_new(arm_ir_context(), CODE_BASE, flags);
    arm_translate(b, max_insns);
    return b;
}

/* One instruction, followed by a second one so that multi-insn blocks
 * continue past it. */
static bool translate_one(uint32_t insn, uint32_t flags)
{
    uint32_t words[2] = { insn, 0xe2800001 /* add r0, r0, #1 */ };
    IRBlock *b = translate_words(words, 2, flags, 2);
    bool ok = block_ok(b, insn);
    ir_block_free(b);
    return ok;
}

static void test_translate_cases(void)
{
    /* as encoded, then with conditions EQ, HI and LE */
    static const uint32_t conds[] = { 0xff, 0x0, 0x8, 0xd };
    for (size_t k = 0; k < 4; k++) {
        for (size_t i = 0; i < NCASES; i++) {
            uint32_t insn = cases[i].insn;
            if (conds[k] != 0xff && (insn >> 28) != 15)
                insn = (insn & 0x0fffffff) | conds[k] << 28;
            CHECK(translate_one(insn, 0));
            CHECK(translate_one(insn, ARM_TBFLAG_BE_DATA));
        }
    }
}

static void test_translate_random(void)
{
    int bad = 0;
    for (int i = 0; i < 30000; i++) {
        uint32_t insn = next_random();
        if (!translate_one(insn, (i & 7) == 0 ? ARM_TBFLAG_BE_DATA : 0))
            bad++;
    }
    CHECK_EQ(bad, 0);
}

/* The IR of the block as text (before optimisation). */
static char *block_text(const uint32_t *words, size_t n, uint32_t max_insns)
{
    IRBlock *b = translate_words(words, n, 0, max_insns);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_print(b, f);
    fclose(f);
    char msg[256];
    if (!ir_verify(b, msg, sizeof(msg))) {
        printf("FAIL: block does not verify: %s\n", msg);
        n_fail++;
    }
    ir_block_free(b);
    return buf;
}

static void check_ir_has(const uint32_t *words, size_t n, const char *const *ops, int line)
{
    char *text = block_text(words, n, 8);
    for (; *ops; ops++) {
        if (strstr(text, *ops)) {
            n_pass++;
            continue;
        }
        n_fail++;
        printf("FAIL line %d: IR lacks \"%s\":\n%s", line, *ops, text);
    }
    free(text);
}

static void test_ir_content(void)
{
    static const uint32_t adds_bx[] = { 0xe0910002 /* adds r0, r1, r2 */,
                                        0xe12fff1e /* bx lr */ };
    static const char *const adds_ops[] = { "addc_i32", "lookup_goto", NULL };
    check_ir_has(adds_bx, 2, adds_ops, __LINE__);

    static const uint32_t cond_b[] = { 0xe3500000 /* cmp r0, #0 */,
                                       0x0afffffd /* beq .-4 */ };
    static const char *const cond_ops[] = { "subc_i32", "brcond_i32", "goto_tb", NULL };
    check_ir_has(cond_b, 2, cond_ops, __LINE__);

    static const uint32_t excl[] = { 0xe1910f9f /* ldrex r0, [r1] */,
                                     0xe1812f90 /* strex r2, r0, [r1] */ };
    static const char *const excl_ops[] = { "ld_i32", "cmpxchg_i32", NULL };
    check_ir_has(excl, 2, excl_ops, __LINE__);

    static const uint32_t mull_svc[] = { 0xe0810392 /* umull r0, r1, r2, r3 */,
                                         0xef000000 /* svc 0 */ };
    static const char *const mull_ops[] = { "mulu2_i32", "exit_tb", NULL };
    check_ir_has(mull_svc, 2, mull_ops, __LINE__);

    /* a conditional branch ends the block; the fall-through path chains */
    uint32_t n_goto = 0;
    IRBlock *b = translate_words(cond_b, 2, 0, 8);
    for (uint32_t i = 0; i < b->nops; i++)
        n_goto += b->ops[i].opc == IR_goto_tb;
    CHECK_EQ(n_goto, 2);
    CHECK_EQ(b->ninsns, 2);
    CHECK_EQ(b->guest_size, 8);
    ir_block_free(b);
}

/* Blocks stop before the next page and at max_insns; an unmapped first
 * instruction becomes a prefetch abort. */
static void test_block_limits(void)
{
    uint32_t nops[4] = { 0xe320f000, 0xe320f000, 0xe320f000, 0xe320f000 };
    IRBlock *b = translate_words(nops, 4, 0, 3);
    CHECK_EQ(b->ninsns, 3);
    ir_block_free(b);

    memcpy(g2h(CODE_BASE + GUEST_PAGE_SIZE - 8), nops, 8);
    b = ir_block_new(arm_ir_context(), CODE_BASE + GUEST_PAGE_SIZE - 8, 0);
    arm_translate(b, 100);
    CHECK_EQ(b->ninsns, 2);
    CHECK_EQ(b->guest_size, 8);
    ir_block_free(b);

    b = ir_block_new(arm_ir_context(), CODE_BASE + GUEST_PAGE_SIZE, 0);
    arm_translate(b, 100);
    bool aborts = false;
    for (uint32_t i = 0; i < b->nops; i++) {
        const IROp *op = &b->ops[i];
        aborts |= op->opc == IR_exit_tb && ir_op_const(op, 0) == EXIT_PREFETCH_ABORT;
    }
    CHECK(aborts);
    CHECK(block_ok(b, 0));
    ir_block_free(b);
}

/* ======================================================== 4. execution */

static ArmCPU env;

/* Run from env's pc until an exit other than a block transition; returns
 * its code (-1: too many blocks or IR that does not verify). */
static int run(uint32_t max_insns)
{
    for (int n = 0; n < 2000; n++) {
        IRBlock *b = ir_block_new(arm_ir_context(), env.r[15], arm_tb_flags(&env));
        arm_translate(b, max_insns);
        if (!block_ok(b, env.r[15])) {
            ir_block_free(b);
            return -1;
        }
        TranslationBlock tb = { .pc = b->pc, .flags = b->flags, .ir = b };
        uintptr_t exit = interp_exec(&env, &tb);
        free(tb.label_pos);
        ir_block_free(b);
        if (exit != EXIT_LOOKUP && exit <= EXIT_MAX_CODE)
            return (int)exit;
    }
    return -1;
}

static void reset_cpu(void)
{
    JCEntry *jc = env.common.jc;
    memset(&env, 0, sizeof(env));
    env.common.jc = jc;
    env.r[11] = DATA_BASE;
    env.r[13] = DATA_BASE + 256;
    env.ZF = 1;            /* Z clear */
    env.excl_addr = ~0u;
    env.fpexc = 1u << 30;
}

static void run_program(const char *name, const uint32_t *prog, size_t n,
                        const uint32_t *want, uint32_t max_insns)
{
    memset(g2h(CODE_BASE), 0, GUEST_PAGE_SIZE);
    memset(g2h(DATA_BASE), 0, GUEST_PAGE_SIZE);
    static const uint32_t svc = 0xef000000;    /* svc 0: the end */
    memcpy(g2h(CODE_BASE), prog, n * 4);
    memcpy(g2h(CODE_BASE + n * 4), &svc, 4);
    reset_cpu();
    env.r[15] = CODE_BASE;
    int r = run(max_insns);
    if (r != EXIT_SYSCALL || env.r[15] != CODE_BASE + n * 4 + 4 || env.thumb) {
        printf("FAIL %s (max_insns %u): stopped with %d at 0x%x\n", name, max_insns, r,
               env.r[15]);
        n_fail++;
        return;
    }
    uint32_t got[16];
    memcpy(got, env.r, 15 * 4);
    got[11] -= DATA_BASE;
    got[13] -= DATA_BASE;
    got[15] = arm_get_apsr(&env);
    for (int i = 0; i < 16; i++) {
        uint32_t w = i == 15 ? want[i] & 0xf80f0000u : want[i];
        if (got[i] == w) {
            n_pass++;
            continue;
        }
        n_fail++;
        printf("FAIL %s (max_insns %u): %s = 0x%08x, want 0x%08x\n", name, max_insns,
               i == 15 ? "apsr" : (const char *[]){ "r0", "r1", "r2", "r3", "r4", "r5",
               "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr" }[i], got[i], w);
    }
}

/* alu.s */
static const uint32_t prog_alu[] = {
    0xe3a00005,  /* mov r0, #5 */
    0xe2501006,  /* subs r1, r0, #6 */
    0xe10f2000,  /* mrs r2, CPSR */
    0xe3a04102,  /* mov r4, #-2147483648 @ 0x80000000 */
    0xe0945004,  /* adds r5, r4, r4 */
    0xe10f6000,  /* mrs r6, CPSR */
    0xe1b07084,  /* lsls r7, r4, #1 */
    0xe0a08000,  /* adc r8, r0, r0 */
    0xe2e09014,  /* rsc r9, r0, #20 */
    0xe3a0a003,  /* mov sl, #3 */
    0xe1a0ea54,  /* asr lr, r4, sl */
    0xe3500005,  /* cmp r0, #5 */
    0x03a0c001,  /* moveq ip, #1 */
    0x13a0c002,  /* movne ip, #2 */
};
static const uint32_t want_alu[16] = {
    0x00000005, 0xffffffff, 0x80000010, 0x00000000,
    0x80000000, 0x00000000, 0x70000010, 0x00000000,
    0x0000000b, 0x0000000f, 0x00000003, 0x00000000,
    0x00000001, 0x00000100, 0xf0000000, 0x60000010,
};
/* alu2.s */
static const uint32_t prog_alu2[] = {
    0xe3a00020,  /* mov r0, #32 */
    0xe3a01001,  /* mov r1, #1 */
    0xe1b02011,  /* lsls r2, r1, r0 */
    0xe10f3000,  /* mrs r3, CPSR */
    0xe3a00021,  /* mov r0, #33 @ 0x21 */
    0xe1b04034,  /* lsrs r4, r4, r0 */
    0xe10f5000,  /* mrs r5, CPSR */
    0xe3e06000,  /* mvn r6, #0 */
    0xe3a00000,  /* mov r0, #0 */
    0xe1b07056,  /* asrs r7, r6, r0 */
    0xe3a08003,  /* mov r8, #3 */
    0xe1b08068,  /* rrxs r8, r8 */
    0xe10f9000,  /* mrs r9, CPSR */
    0xe3a0a081,  /* mov sl, #129 @ 0x81 */
    0xe1a0e0ea,  /* ror lr, sl, #1 */
    0xe3dac106,  /* bics ip, sl, #-2147483647 @ 0x80000001 */
    0xe10f1000,  /* mrs r1, CPSR */
};
static const uint32_t want_alu2[16] = {
    0x00000000, 0x20000010, 0x00000000, 0x60000010,
    0x00000000, 0x40000010, 0xffffffff, 0xffffffff,
    0x00000001, 0x20000010, 0x00000081, 0x00000000,
    0x00000080, 0x00000100, 0x80000040, 0x20000010,
};
/* alu3.s */
static const uint32_t prog_alu3[] = {
    0xe3a00001,  /* mov r0, #1 */
    0xe2501002,  /* subs r1, r0, #2 */
    0xc3a02001,  /* movgt r2, #1 */
    0xd3a02002,  /* movle r2, #2 */
    0x83a03001,  /* movhi r3, #1 */
    0x93a03002,  /* movls r3, #2 */
    0xb3a04001,  /* movlt r4, #1 */
    0xa3a04002,  /* movge r4, #2 */
    0xe3e05102,  /* mvn r5, #-2147483648 @ 0x80000000 */
    0xe2955001,  /* adds r5, r5, #1 */
    0x63a06001,  /* movvs r6, #1 */
    0x73a06002,  /* movvc r6, #2 */
    0x43a07001,  /* movmi r7, #1 */
    0x53a07002,  /* movpl r7, #2 */
    0xe1500000,  /* cmp r0, r0 */
    0x83a08001,  /* movhi r8, #1 */
    0x93a08002,  /* movls r8, #2 */
    0x23a09001,  /* movcs r9, #1 */
    0x33a09002,  /* movcc r9, #2 */
    0xe28fa010,  /* add sl, pc, #16 */
    0xe04aa00f,  /* sub sl, sl, pc */
    0xe3a0c010,  /* mov ip, #16 */
    0xe08cc10c,  /* add ip, ip, ip, lsl #2 */
};
static const uint32_t want_alu3[16] = {
    0x00000001, 0xffffffff, 0x00000002, 0x00000002,
    0x00000001, 0x80000000, 0x00000001, 0x00000001,
    0x00000002, 0x00000001, 0x0000000c, 0x00000000,
    0x00000050, 0x00000100, 0x00000000, 0x60000010,
};
/* mul.s */
static const uint32_t prog_mul[] = {
    0xe3e00000,  /* mvn r0, #0 */
    0xe3a01002,  /* mov r1, #2 */
    0xe0832190,  /* umull r2, r3, r0, r1 */
    0xe0c54190,  /* smull r4, r5, r0, r1 */
    0xe3a06005,  /* mov r6, #5 */
    0xe3a07007,  /* mov r7, #7 */
    0xe0a76190,  /* umlal r6, r7, r0, r1 */
    0xe3a08005,  /* mov r8, #5 */
    0xe3a09007,  /* mov r9, #7 */
    0xe0e98190,  /* smlal r8, r9, r0, r1 */
    0xe3a0a005,  /* mov sl, #5 */
    0xe3a0e007,  /* mov lr, #7 */
    0xe04ea190,  /* umaal sl, lr, r0, r1 */
    0xe02c6191,  /* mla ip, r1, r1, r6 */
    0xe0100190,  /* muls r0, r0, r1 */
    0xe10f1000,  /* mrs r1, CPSR */
};
static const uint32_t want_mul[16] = {
    0xfffffffe, 0x80000010, 0xfffffffe, 0x00000001,
    0xfffffffe, 0xffffffff, 0x00000003, 0x00000009,
    0x00000003, 0x00000007, 0x0000000a, 0x00000000,
    0x00000007, 0x00000100, 0x00000002, 0x80000010,
};
/* misc.s */
static const uint32_t prog_misc[] = {
    0xe3a00412,  /* mov r0, #301989888 @ 0x12000000 */
    0xe380070d,  /* orr r0, r0, #3407872 @ 0x340000 */
    0xe3800c56,  /* orr r0, r0, #22016 @ 0x5600 */
    0xe3800078,  /* orr r0, r0, #120 @ 0x78 */
    0xe6ff1f30,  /* rbit r1, r0 */
    0xe6bf2f30,  /* rev r2, r0 */
    0xe6bf3fb0,  /* rev16 r3, r0 */
    0xe6ff4fb0,  /* revsh r4, r0 */
    0xe16f5f10,  /* clz r5, r0 */
    0xe6af6470,  /* sxtb r6, r0, ror #8 */
    0xe6f07870,  /* uxtah r7, r0, r0, ror #16 */
    0xe7e78250,  /* ubfx r8, r0, #4, #8 */
    0xe7ab9a50,  /* sbfx r9, r0, #20, #12 */
    0xe3e0a000,  /* mvn sl, #0 */
    0xe7cba21f,  /* bfc sl, #4, #8 */
    0xe7d3a810,  /* bfi sl, r0, #16, #4 */
    0xe30beeef,  /* movw lr, #48879 @ 0xbeef */
    0xe34deead,  /* movt lr, #57005 @ 0xdead */
};
static const uint32_t want_misc[16] = {
    0x12345678, 0x1e6a2c48, 0x78563412, 0x34127856,
    0x00007856, 0x00000003, 0x00000056, 0x123468ac,
    0x00000067, 0x00000123, 0xfff8f00f, 0x00000000,
    0x00000000, 0x00000100, 0xdeadbeef, 0x00000010,
};
/* div.s */
static const uint32_t prog_div[] = {
    0xe3a00064,  /* mov r0, #100 @ 0x64 */
    0xe3e01006,  /* mvn r1, #6 */
    0xe712f110,  /* sdiv r2, r0, r1 */
    0xe733f110,  /* udiv r3, r0, r1 */
    0xe3a04102,  /* mov r4, #-2147483648 @ 0x80000000 */
    0xe3e05000,  /* mvn r5, #0 */
    0xe716f514,  /* sdiv r6, r4, r5 */
    0xe3a07000,  /* mov r7, #0 */
    0xe738f710,  /* udiv r8, r0, r7 */
    0xe719f011,  /* sdiv r9, r1, r0 */
    0xe3a0a007,  /* mov sl, #7 */
    0xe73cfa10,  /* udiv ip, r0, sl */
};
static const uint32_t want_div[16] = {
    0x00000064, 0xfffffff9, 0xfffffff2, 0x00000000,
    0x80000000, 0xffffffff, 0x80000000, 0x00000000,
    0x00000000, 0x00000000, 0x00000007, 0x00000000,
    0x0000000e, 0x00000100, 0x00000000, 0x00000010,
};
/* mem.s */
static const uint32_t prog_mem[] = {
    0xe1a0c00b,  /* mov ip, fp */
    0xe3a00011,  /* mov r0, #17 */
    0xe3800c22,  /* orr r0, r0, #8704 @ 0x2200 */
    0xe3800833,  /* orr r0, r0, #3342336 @ 0x330000 */
    0xe3800311,  /* orr r0, r0, #1140850688 @ 0x44000000 */
    0xe58b0000,  /* str r0, [fp] */
    0xe5db1001,  /* ldrb r1, [fp, #1] */
    0xe1db20d3,  /* ldrsb r2, [fp, #3] */
    0xe3e03000,  /* mvn r3, #0 */
    0xe1cb30b4,  /* strh r3, [fp, #4] */
    0xe1db40f4,  /* ldrsh r4, [fp, #4] */
    0xe1fb50b4,  /* ldrh r5, [fp, #4]! */
    0xe41b6004,  /* ldr r6, [fp], #-4 */
    0xe5bb7004,  /* ldr r7, [fp, #4]! */
    0xe1cb00f8,  /* strd r0, [fp, #8] */
    0xe1cb80d8,  /* ldrd r8, [fp, #8] */
    0xe3a0a004,  /* mov sl, #4 */
    0xe79b308a,  /* ldr r3, [fp, sl, lsl #1] */
    0xe72b300a,  /* str r3, [fp, -sl]! */
    0xe5cb0020,  /* strb r0, [fp, #32] */
    0xe59ba020,  /* ldr sl, [fp, #32] */
    0xe19b90da,  /* ldrsb r9, [fp, sl] */
    0xe3a0c000,  /* mov ip, #0 */
};
static const uint32_t want_mem[16] = {
    0x44332211, 0x00000022, 0x00000044, 0x44332211,
    0xffffffff, 0x0000ffff, 0x0000ffff, 0x0000ffff,
    0x44332211, 0x00000000, 0x00000011, 0x00000000,
    0x00000000, 0x00000100, 0x00000000, 0x00000010,
};
/* ldm.s */
static const uint32_t prog_ldm[] = {
    0xe1a0c00b,  /* mov ip, fp */
    0xe3a00001,  /* mov r0, #1 */
    0xe3a01002,  /* mov r1, #2 */
    0xe3a02003,  /* mov r2, #3 */
    0xe3a03004,  /* mov r3, #4 */
    0xe28ca040,  /* add sl, ip, #64 @ 0x40 */
    0xe92a000f,  /* stmdb sl!, {r0, r1, r2, r3} */
    0xe89a00f0,  /* ldm sl, {r4, r5, r6, r7} */
    0xe9ba0300,  /* ldmib sl!, {r8, r9} */
    0xe80a0003,  /* stmda sl, {r0, r1} */
    0xe83a000c,  /* ldmda sl!, {r2, r3} */
    0xe3a0e077,  /* mov lr, #119 @ 0x77 */
    0xe92d400f,  /* push {r0, r1, r2, r3, lr} */
    0xe8bd01f0,  /* pop {r4, r5, r6, r7, r8} */
    0xe28cb080,  /* add fp, ip, #128 @ 0x80 */
    0xe8ab1800,  /* stmia fp!, {fp, ip} */
    0xe91b0003,  /* ldmdb fp, {r0, r1} */
    0xe040000c,  /* sub r0, r0, ip */
    0xe041100c,  /* sub r1, r1, ip */
    0xe04aa00c,  /* sub sl, sl, ip */
    0xe3a0c000,  /* mov ip, #0 */
};
static const uint32_t want_ldm[16] = {
    0x00000080, 0x00000000, 0x00000001, 0x00000002,
    0x00000001, 0x00000002, 0x00000001, 0x00000002,
    0x00000077, 0x00000003, 0x00000030, 0x00000088,
    0x00000000, 0x00000100, 0x00000077, 0x00000010,
};
/* excl.s */
static const uint32_t prog_excl[] = {
    0xe1a0c00b,  /* mov ip, fp */
    0xe3a0002a,  /* mov r0, #42 @ 0x2a */
    0xe58b0000,  /* str r0, [fp] */
    0xe19b1f9f,  /* ldrex r1, [fp] */
    0xe2811001,  /* add r1, r1, #1 */
    0xe18b2f91,  /* strex r2, r1, [fp] */
    0xe59b3000,  /* ldr r3, [fp] */
    0xe18b4f91,  /* strex r4, r1, [fp] */
    0xe19b5f9f,  /* ldrex r5, [fp] */
    0xf57ff01f,  /* clrex */
    0xe18b6f95,  /* strex r6, r5, [fp] */
    0xe3a00007,  /* mov r0, #7 */
    0xe3a01009,  /* mov r1, #9 */
    0xe28ba008,  /* add sl, fp, #8 */
    0xe1ca00f0,  /* strd r0, [sl] */
    0xe1ba2f9f,  /* ldrexd r2, [sl] */
    0xe2822001,  /* add r2, r2, #1 */
    0xe1aa4f92,  /* strexd r4, r2, [sl] */
    0xe1ca60d0,  /* ldrd r6, [sl] */
    0xe1da8f9f,  /* ldrexb r8, [sl] */
    0xe1ca9f90,  /* strexb r9, r0, [sl] */
    0xe1fa1f9f,  /* ldrexh r1, [sl] */
    0xe3010234,  /* movw r0, #4660 @ 0x1234 */
    0xe10b5090,  /* swp r5, r0, [fp] */
    0xe14b0090,  /* swpb r0, r0, [fp] */
    0xe59be000,  /* ldr lr, [fp] */
    0xe04aa00c,  /* sub sl, sl, ip */
    0xe3a0c000,  /* mov ip, #0 */
};
static const uint32_t want_excl[16] = {
    0x00000034, 0x00000007, 0x00000008, 0x00000009,
    0x00000000, 0x0000002b, 0x00000008, 0x00000009,
    0x00000008, 0x00000000, 0x00000008, 0x00000000,
    0x00000000, 0x00000100, 0x00001234, 0x00000010,
};
/* branch.s */
static const uint32_t prog_branch[] = {
    0xe3a00000,  /* mov r0, #0 */
    0xe3a01005,  /* mov r1, #5 */
    0xe0800001,  /* add r0, r0, r1 */
    0xe2511001,  /* subs r1, r1, #1 */
    0x1afffffc,  /* bne 8 <loop> */
    0xeb000000,  /* bl 1c <func> */
    0xea000001,  /* b 24 <after> */
    0xe2802001,  /* add r2, r0, #1 */
    0xe12fff1e,  /* bx lr */
    0xe28f3051,  /* add r3, pc, #81 @ 0x51 */
    0xe12fff33,  /* blx r3 */
    0xfa000013,  /* blx 80 <thumb2> */
    0xe28f7008,  /* add r7, pc, #8 */
    0xe52d7004,  /* push {r7} @ (str r7, [sp, #-4]!) */
    0xe49df004,  /* pop {pc} @ (ldr pc, [sp], #4) */
    0xe3a08001,  /* mov r8, #1 */
    0xe28f7008,  /* add r7, pc, #8 */
    0xe52d7004,  /* push {r7} @ (str r7, [sp, #-4]!) */
    0xe49df004,  /* pop {pc} @ (ldr pc, [sp], #4) */
    0xe3a09001,  /* mov r9, #1 */
    0xe28f7004,  /* add r7, pc, #4 */
    0xe1a0f007,  /* mov pc, r7 */
    0xe3a0a001,  /* mov sl, #1 */
    0xe28ff000,  /* add pc, pc, #0 */
    0xe3a0e001,  /* mov lr, #1 */
    0xe3a0c002,  /* mov ip, #2 */
    0xe350000f,  /* cmp r0, #15 */
    0x028ff004,  /* addeq pc, pc, #4 */
    0xe3a06066,  /* mov r6, #102 @ 0x66 */
    0xe3a06067,  /* mov r6, #103 @ 0x67 */
    0xea000001,  /* b 84 <end> */
    0x47702409,  /* movs r4, #9; bx lr (Thumb) */
    0x4770250a,  /* movs r5, #10; bx lr (Thumb) */
    0xe3a07000,  /* mov r7, #0 */
    0xe3a0e000,  /* mov lr, #0 */
    0xe3a03000,  /* mov r3, #0 */
};
static const uint32_t want_branch[16] = {
    0x0000000f, 0x00000000, 0x00000010, 0x00000000,
    0x00000009, 0x0000000a, 0x00000000, 0x00000000,
    0x00000000, 0x00000000, 0x00000000, 0x00000000,
    0x00000002, 0x00000100, 0x00000000, 0x60000010,
};
/* sys.s */
static const uint32_t prog_sys[] = {
    0xee1d0f70,  /* mrc 15, 0, r0, cr13, cr0, {3} */
    0xe3a01055,  /* mov r1, #85 @ 0x55 */
    0xee0d1f50,  /* mcr 15, 0, r1, cr13, cr0, {2} */
    0xee1d2f50,  /* mrc 15, 0, r2, cr13, cr0, {2} */
    0xe328f33e,  /* msr CPSR_f, #-134217728 @ 0xf8000000 */
    0xe10f3000,  /* mrs r3, CPSR */
    0xe324f80f,  /* msr CPSR_s, #983040 @ 0xf0000 */
    0xe10f4000,  /* mrs r4, CPSR */
    0xe3a05206,  /* mov r5, #1610612736 @ 0x60000000 */
    0xe128f005,  /* msr CPSR_f, r5 */
    0xe10f6000,  /* mrs r6, CPSR */
    0xee001a10,  /* vmov s0, r1 */
    0xee107a10,  /* vmov r7, s0 */
    0xec451b11,  /* vmov d1, r1, r5 */
    0xec598b11,  /* vmov r8, r9, d1 */
    0xeeb72a00,  /* vmov.f32 s4, #112 @ 0x3f800000 1.0 */
    0xee12aa10,  /* vmov sl, s4 */
    0xeeb83b04,  /* vmov.f64 d3, #132 @ 0xc0200000 -2.5 */
    0xec510b13,  /* vmov r0, r1, d3 */
    0xed8b3b00,  /* vstr d3, [fp] */
    0xeddb2a01,  /* vldr s5, [fp, #4] */
    0xee12ca90,  /* vmov ip, s5 */
    0xed2d1b02,  /* vpush {d1} */
    0xecbd4a02,  /* vpop {s8-s9} */
    0xee14ea90,  /* vmov lr, s9 */
    0xe3a0250f,  /* mov r2, #62914560 @ 0x3c00000 */
    0xe3822209,  /* orr r2, r2, #-1879048192 @ 0x90000000 */
    0xeee12a10,  /* vmsr fpscr, r2 */
    0xeef12a10,  /* vmrs r2, fpscr */
    0xeef1fa10,  /* vmrs APSR_nzcv, fpscr */
    0xe3a01000,  /* mov r1, #0 */
    0xeee11a10,  /* vmsr fpscr, r1 */
    0xee255b10,  /* vmov.32 d5[1], r5 */
    0xee351b10,  /* vmov.32 r1, d5[1] */
    0xeeb0fa64,  /* vmov.f32 s30, s9 */
    0xee1f4a10,  /* vmov r4, s30 */
    0xeef04b41,  /* vmov.f64 d20, d1 */
    0xec595b34,  /* vmov r5, r9, d20 */
};
static const uint32_t want_sys[16] = {
    0x00000000, 0x60000000, 0x93c00000, 0xf8000010,
    0x60000000, 0x00000055, 0x600f0010, 0x00000055,
    0x00000055, 0x60000000, 0x3f800000, 0x00000000,
    0xc0040000, 0x00000100, 0x60000000, 0x900f0010,
};
/* endian.s */
static const uint32_t prog_endian[] = {
    0xe3a00011,  /* mov r0, #17 */
    0xe3800c22,  /* orr r0, r0, #8704 @ 0x2200 */
    0xe3800833,  /* orr r0, r0, #3342336 @ 0x330000 */
    0xe3800311,  /* orr r0, r0, #1140850688 @ 0x44000000 */
    0xe58b0000,  /* str r0, [fp] */
    0xf1010200,  /* setend be */
    0xe59b1000,  /* ldr r1, [fp] */
    0xe1db20b2,  /* ldrh r2, [fp, #2] */
    0xe1db30f0,  /* ldrsh r3, [fp] */
    0xe58b1008,  /* str r1, [fp, #8] */
    0xf1010000,  /* setend le */
    0xe59b4008,  /* ldr r4, [fp, #8] */
    0xe5db5008,  /* ldrb r5, [fp, #8] */
    0xf57ff06f,  /* isb sy */
    0xe3a06006,  /* mov r6, #6 */
};
static const uint32_t want_endian[16] = {
    0x44332211, 0x11223344, 0x00003344, 0x00001122,
    0x44332211, 0x00000011, 0x00000006, 0x00000000,
    0x00000000, 0x00000000, 0x00000000, 0x00000000,
    0x00000000, 0x00000100, 0x00000000, 0x00000010,
};
/* kuser.s */
static const uint32_t prog_kuser[] = {
    0xe1a0c00b,  /* mov ip, fp */
    0xe3e04a0f,  /* mvn r4, #61440 @ 0xf000 */
    0xe244401f,  /* sub r4, r4, #31 */
    0xe12fff34,  /* blx r4 */
    0xe1a05000,  /* mov r5, r0 */
    0xe3a00003,  /* mov r0, #3 */
    0xe58b0000,  /* str r0, [fp] */
    0xe3a01004,  /* mov r1, #4 */
    0xe1a0200b,  /* mov r2, fp */
    0xe3e04a0f,  /* mvn r4, #61440 @ 0xf000 */
    0xe244403f,  /* sub r4, r4, #63 @ 0x3f */
    0xe12fff34,  /* blx r4 */
    0xe10f6000,  /* mrs r6, CPSR */
    0xe2066202,  /* and r6, r6, #536870912 @ 0x20000000 */
    0xe1a07000,  /* mov r7, r0 */
    0xe3a00003,  /* mov r0, #3 */
    0xe3a01004,  /* mov r1, #4 */
    0xe1a0200b,  /* mov r2, fp */
    0xe12fff34,  /* blx r4 */
    0xe10f8000,  /* mrs r8, CPSR */
    0xe2088202,  /* and r8, r8, #536870912 @ 0x20000000 */
    0xe1b09000,  /* movs r9, r0 */
    0x13a09001,  /* movne r9, #1 */
    0xe59ba000,  /* ldr sl, [fp] */
    0xe3e04a0f,  /* mvn r4, #61440 @ 0xf000 */
    0xe244405f,  /* sub r4, r4, #95 @ 0x5f */
    0xe12fff34,  /* blx r4 */
    0xe3a0c000,  /* mov ip, #0 */
    0xe3a02000,  /* mov r2, #0 */
    0xe3a03000,  /* mov r3, #0 */
    0xe3a0e000,  /* mov lr, #0 */
    0xe328f000,  /* msr CPSR_f, #0 */
    0xe3a00000,  /* mov r0, #0 */
};
static const uint32_t want_kuser[16] = {
    0x00000000, 0x00000004, 0x00000000, 0x00000000,
    0xffff0fa0, 0x00000000, 0x20000000, 0x00000000,
    0x00000000, 0x00000001, 0x00000004, 0x00000000,
    0x00000000, 0x00000100, 0x00000000, 0x00000010,
};

#define PROG(p) { #p, prog_##p, sizeof(prog_##p) / 4, want_##p }

static void test_exec(void)
{
    static const struct {
        const char *name;
        const uint32_t *prog;
        size_t n;
        const uint32_t *want;
    } progs[] = {
        PROG(alu), PROG(alu2), PROG(alu3), PROG(mul), PROG(misc), PROG(div),
        PROG(mem), PROG(ldm), PROG(excl), PROG(branch), PROG(sys), PROG(endian),
        PROG(kuser),
    };
    static const uint32_t limits[] = { 64, 1, 3 };
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < sizeof(progs) / sizeof(progs[0]); i++)
            run_program(progs[i].name, progs[i].prog, progs[i].n, progs[i].want, limits[l]);
    }
}

/* Exits: SVC resumes after itself, UDF and BKPT report their own pc. */
static void test_exits(void)
{
    static const struct { uint32_t insn; int code; uint32_t pc; } exits[] = {
        { 0xef000000, EXIT_SYSCALL, CODE_BASE + 4 },  /* svc 0 */
        { 0xe7f000f0, EXIT_UNDEF, CODE_BASE },        /* udf #0 */
        { 0xe1200070, EXIT_BKPT, CODE_BASE },         /* bkpt 0 */
        { 0xe6000010, EXIT_UNDEF, CODE_BASE },        /* media space op1 00000: UNDEFINED */
        { 0xee100f10, EXIT_UNDEF, CODE_BASE },        /* mrc p15, 0, r0, c0, c0, 0 */
    };
    for (size_t i = 0; i < sizeof(exits) / sizeof(exits[0]); i++) {
        memcpy(g2h(CODE_BASE), &exits[i].insn, 4);
        reset_cpu();
        env.r[15] = CODE_BASE;
        CHECK_EQ(run(8), exits[i].code);
        CHECK_EQ(env.r[15], exits[i].pc);
    }
    /* a failed condition skips the exit (Z is clear) */
    uint32_t svcne[3] = { 0x0f000000 /* svceq 0 */, 0xe3a00007 /* mov r0, #7 */,
                          0xef000000 /* svc 0 */ };
    memcpy(g2h(CODE_BASE), svcne, 12);
    reset_cpu();
    env.r[15] = CODE_BASE;
    CHECK_EQ(run(8), EXIT_SYSCALL);
    CHECK_EQ(env.r[15], CODE_BASE + 12);
    CHECK_EQ(env.r[0], 7);
}

int main(void)
{
    ferry_log_mask = 0;    /* the undefined encodings tested would log */
    gmem_init();
    uint32_t a = gmem_mmap(CODE_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint32_t d = gmem_mmap(DATA_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (a != CODE_BASE || d != DATA_BASE) {
        printf("cannot map the test pages\n0 passed, 1 failed\n");
        return 1;
    }
    arm_translate_init();
    arm_map_kuser_page();
    env.common.jc = calloc(JC_SIZE, sizeof(JCEntry));

    test_lookups();
    test_shape();
    test_translate_cases();
    test_translate_random();
    test_ir_content();
    test_block_limits();
    test_exec();
    test_exits();

    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
