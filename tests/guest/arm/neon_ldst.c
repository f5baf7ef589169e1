/*
 * neon_ldst.c: the Advanced SIMD element and structure loads and stores and the core <-> scalar
 * transfers, checked against a plain-C model written from the ARM ARM pseudocode:
 * - VLD1-4/VST1-4 of multiple structures (every register count, spacing 1 and 2, sizes 8 to 64),
 *   of one structure to one lane, and VLD1-4 of one structure to all lanes;
 * - the three addressing forms ([Rn], [Rn]!, [Rn], Rm) and the alignment qualifiers, with an
 *   aligned base, and an unaligned base where there is no qualifier;
 * - every case again with big-endian data (SETEND BE), where each element is byte-reversed;
 * - VMOV between a core register and a byte, halfword or word lane (signed and unsigned), and
 *   VDUP from a core register.
 * Every case is one instruction in a slot of the nls_cases table (Rn = r4, Rm = r5, Rt = r4).
 * nls_run loads D0-D31, r4 and r5 from a state block, calls the slot and stores them back; the
 * model decodes the same instruction word (read from the code) and computes the expected state
 * from the same start, so no other NEON instruction is needed.  Built with -marm the cases are
 * A32, with -mthumb T32.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

__asm__(".syntax unified");

/* The cases: assembler text, one instruction each. */
#define NLS_CASES(X)                                                        \
    X("vld1.8 {d0}, [r4]")                                                  \
    X("vld1.16 {d1, d2}, [r4:128]!")                                        \
    X("vld1.32 {d3, d4, d5}, [r4:64], r5")                                  \
    X("vld1.64 {d28, d29, d30, d31}, [r4:256]")                             \
    X("vld1.8 {d16, d17, d18, d19}, [r4]!")                                 \
    X("vld1.64 {d7}, [r4:64]!")                                             \
    X("vst1.8 {d0}, [r4], r5")                                              \
    X("vst1.16 {d7, d8}, [r4]")                                             \
    X("vst1.32 {d29, d30, d31}, [r4]!")                                     \
    X("vst1.64 {d0, d1, d2, d3}, [r4:128]")                                 \
    X("vst1.64 {d9, d10}, [r4]!")                                           \
    X("vld2.8 {d0, d1}, [r4]")                                              \
    X("vld2.16 {d2, d4}, [r4:128]!")                                        \
    X("vld2.32 {d5, d6, d7, d8}, [r4:256], r5")                             \
    X("vld2.8 {d28, d30}, [r4]")                                            \
    X("vld2.16 {d10, d11, d12, d13}, [r4]!")                                \
    X("vst2.8 {d0, d1}, [r4]!")                                             \
    X("vst2.16 {d1, d3}, [r4], r5")                                         \
    X("vst2.32 {d4, d5, d6, d7}, [r4:128]")                                 \
    X("vst2.8 {d20, d21, d22, d23}, [r4:64]")                               \
    X("vld3.8 {d0, d1, d2}, [r4]")                                          \
    X("vld3.16 {d1, d3, d5}, [r4:64]!")                                     \
    X("vld3.32 {d29, d30, d31}, [r4], r5")                                  \
    X("vst3.8 {d3, d5, d7}, [r4]!")                                         \
    X("vst3.16 {d0, d1, d2}, [r4:64]")                                      \
    X("vst3.32 {d10, d12, d14}, [r4], r5")                                  \
    X("vld4.8 {d0, d1, d2, d3}, [r4:256]")                                  \
    X("vld4.16 {d1, d3, d5, d7}, [r4]!")                                    \
    X("vld4.32 {d28, d29, d30, d31}, [r4:128], r5")                         \
    X("vst4.8 {d0, d2, d4, d6}, [r4], r5")                                  \
    X("vst4.16 {d4, d5, d6, d7}, [r4:64]!")                                 \
    X("vst4.32 {d24, d26, d28, d30}, [r4]")                                 \
    X("vld1.8 {d0[5]}, [r4]")                                               \
    X("vld1.16 {d1[3]}, [r4:16]!")                                          \
    X("vld1.32 {d31[1]}, [r4:32], r5")                                      \
    X("vld1.32 {d6[0]}, [r4]")                                              \
    X("vst1.8 {d2[7]}, [r4]!")                                              \
    X("vst1.16 {d3[0]}, [r4]")                                              \
    X("vst1.32 {d4[1]}, [r4:32], r5")                                       \
    X("vld2.8 {d0[1], d1[1]}, [r4:16]")                                     \
    X("vld2.16 {d2[2], d4[2]}, [r4]!")                                      \
    X("vld2.16 {d12[3], d13[3]}, [r4:32]")                                  \
    X("vld2.32 {d5[1], d6[1]}, [r4:64], r5")                                \
    X("vld2.32 {d14[0], d16[0]}, [r4]")                                     \
    X("vst2.8 {d7[6], d8[6]}, [r4]")                                        \
    X("vst2.16 {d1[1], d3[1]}, [r4:32]")                                    \
    X("vst2.32 {d8[0], d10[0]}, [r4]!")                                     \
    X("vld3.8 {d0[7], d1[7], d2[7]}, [r4]")                                 \
    X("vld3.16 {d1[0], d3[0], d5[0]}, [r4]!")                               \
    X("vld3.32 {d29[1], d30[1], d31[1]}, [r4], r5")                         \
    X("vst3.8 {d9[2], d10[2], d11[2]}, [r4], r5")                           \
    X("vst3.16 {d20[3], d21[3], d22[3]}, [r4]")                             \
    X("vst3.32 {d0[0], d2[0], d4[0]}, [r4]!")                               \
    X("vld4.8 {d0[3], d1[3], d2[3], d3[3]}, [r4:32]")                       \
    X("vld4.16 {d0[1], d2[1], d4[1], d6[1]}, [r4:64]!")                     \
    X("vld4.32 {d1[1], d3[1], d5[1], d7[1]}, [r4:128], r5")                 \
    X("vld4.32 {d20[0], d21[0], d22[0], d23[0]}, [r4:64]")                  \
    X("vst4.8 {d4[4], d5[4], d6[4], d7[4]}, [r4]!")                         \
    X("vst4.16 {d8[2], d9[2], d10[2], d11[2]}, [r4:64], r5")                \
    X("vst4.32 {d24[1], d26[1], d28[1], d30[1]}, [r4:128]")                 \
    X("vld1.8 {d0[]}, [r4]")                                                \
    X("vld1.16 {d1[], d2[]}, [r4:16]!")                                     \
    X("vld1.32 {d31[]}, [r4:32], r5")                                       \
    X("vld2.8 {d0[], d1[]}, [r4:16]")                                       \
    X("vld2.16 {d2[], d4[]}, [r4]!")                                        \
    X("vld2.32 {d5[], d6[]}, [r4:64], r5")                                  \
    X("vld3.8 {d0[], d1[], d2[]}, [r4]")                                    \
    X("vld3.16 {d1[], d3[], d5[]}, [r4]!")                                  \
    X("vld3.32 {d29[], d30[], d31[]}, [r4], r5")                            \
    X("vld4.8 {d0[], d1[], d2[], d3[]}, [r4:32]")                           \
    X("vld4.16 {d0[], d2[], d4[], d6[]}, [r4:64]!")                         \
    X("vld4.32 {d1[], d3[], d5[], d7[]}, [r4:128], r5")                     \
    X("vld4.32 {d8[], d9[], d10[], d11[]}, [r4:64]")                        \
    X("vld4.32 {d12[], d13[], d14[], d15[]}, [r4]")                         \
    X("vmov.s8 r4, d5[7]")                                                  \
    X("vmov.u8 r4, d21[2]")                                                 \
    X("vmov.s16 r4, d17[3]")                                                \
    X("vmov.u16 r4, d0[1]")                                                 \
    X("vmov.32 r4, d31[1]")                                                 \
    X("vmov.8 d3[6], r4")                                                   \
    X("vmov.8 d19[1], r4")                                                  \
    X("vmov.16 d30[1], r4")                                                 \
    X("vmov.16 d2[2], r4")                                                  \
    X("vmov.32 d9[1], r4")                                                  \
    X("vdup.8 d0, r4")                                                      \
    X("vdup.16 d27, r4")                                                    \
    X("vdup.32 d5, r4")                                                     \
    X("vdup.8 q8, r4")                                                      \
    X("vdup.16 q1, r4")                                                     \
    X("vdup.32 q15, r4")

/* Each case is its instruction and a return in an 8-byte slot (every instruction here is 32
 * bits in both instruction sets). */
#ifdef __thumb__
#define NLS_FUNC ".thumb_func\n"
#else
#define NLS_FUNC ""
#endif
#define NLS_SLOT(text) ".p2align 3\n\t" text "\n\tbx lr\n\t"
#define NLS_TEXT(text) text,

__asm__(".text\n\t.p2align 3\n\t.global nls_cases\n\t.type nls_cases, %function\n" NLS_FUNC
        "nls_cases:\n\t" NLS_CASES(NLS_SLOT) ".p2align 3\n\t.global nls_cases_end\n"
        "nls_cases_end:\n\t.size nls_cases, nls_cases_end - nls_cases\n");

static const char *const nls_text[] = { NLS_CASES(NLS_TEXT) };
#define NLS_COUNT ((int)(sizeof(nls_text) / sizeof(nls_text[0])))

extern void nls_cases(void);
extern const char nls_cases_end[];

typedef struct NlsState {
    uint64_t d[32];
    uint32_t r4, r5;
} NlsState;

/*
 * nls_run(st, fn, be): D0-D31, r4 and r5 from st, call fn (with big-endian data when be is
 * set), and store D0-D31 and r4 back.  D8-D15 and r4-r11 are callee-saved.
 */
void nls_run(NlsState *st, void (*fn)(void), int be);
__asm__(".text\n\t.p2align 2\n\t.global nls_run\n\t.type nls_run, %function\n" NLS_FUNC
        "nls_run:\n\t"
        "push {r4-r11, lr}\n\t"
        "vpush {d8-d15}\n\t"
        "mov r6, r0\n\t"
        "mov r7, r1\n\t"
        "add r9, r6, #128\n\t"
        "vldmia r6, {d0-d15}\n\t"
        "vldmia r9, {d16-d31}\n\t"
        "ldr r4, [r6, #256]\n\t"
        "ldr r5, [r6, #260]\n\t"
        "cmp r2, #0\n\t"
        "beq 1f\n\t"
        "setend be\n"
        "1:\n\t"
        "blx r7\n\t"
        "setend le\n\t"
        "vstmia r6, {d0-d15}\n\t"
        "vstmia r9, {d16-d31}\n\t"
        "str r4, [r6, #256]\n\t"
        "vpop {d8-d15}\n\t"
        "pop {r4-r11, pc}\n\t"
        ".size nls_run, . - nls_run\n");

/* The case's entry point and its instruction in A32 form (T32 1111 1001 is A32 1111 0100;
 * the coprocessor-space transfers have the same bits in both). */
static void (*case_fn(int i))(void)
{
    return (void (*)(void))((uintptr_t)nls_cases + 8 * (uintptr_t)i);
}

static uint32_t case_insn(int i)
{
    const uint8_t *p = (const uint8_t *)(((uintptr_t)nls_cases & ~(uintptr_t)1) + 8 * i);
#ifdef __thumb__
    uint16_t h1, h2;
    memcpy(&h1, p, 2);
    memcpy(&h2, p + 2, 2);
    uint32_t w = (uint32_t)h1 << 16 | h2;
    if ((w >> 24) == 0xf9)
        w = 0xf4000000u | (w & 0xffffffu);
    return w;
#else
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
#endif
}

/* ---------------------------------------------------------------- the model */

static uint32_t bits(uint32_t w, int hi, int lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static uint64_t elem_get(const uint64_t *d, int reg, int e, int ebytes)
{
    uint64_t mask = ebytes == 8 ? ~0ull : (1ull << (8 * ebytes)) - 1;
    return (d[reg] >> (8 * ebytes * e)) & mask;
}

static void elem_set(uint64_t *d, int reg, int e, int ebytes, uint64_t v)
{
    uint64_t mask = ebytes == 8 ? ~0ull : (1ull << (8 * ebytes)) - 1;
    int sh = 8 * ebytes * e;
    d[reg] = (d[reg] & ~(mask << sh)) | ((v & mask) << sh);
}

/* MemU[addr, ebytes] in the data endianness. */
static uint64_t mem_get(const uint8_t *p, int ebytes, int be)
{
    uint64_t v = 0;
    for (int i = 0; i < ebytes; i++)
        v |= (uint64_t)p[i] << (8 * (be ? ebytes - 1 - i : i));
    return v;
}

static void mem_set(uint8_t *p, int ebytes, int be, uint64_t v)
{
    for (int i = 0; i < ebytes; i++)
        p[i] = (uint8_t)(v >> (8 * (be ? ebytes - 1 - i : i)));
}

/* Where the model writes its memory: mem stands for the guest address addr. */
typedef struct Model {
    uint64_t d[32];
    uint32_t r4, r5;
    uint8_t *mem;
    uint32_t addr;
    int be;
    uint32_t align;     /* alignment the instruction requires (1: none) */
} Model;

/* One element access of a load (store when st) at address offset off from the base. */
static void model_access(Model *m, int st, int reg, int e, int ebytes, uint32_t off)
{
    if (st)
        mem_set(m->mem + off, ebytes, m->be, elem_get(m->d, reg, e, ebytes));
    else
        elem_set(m->d, reg, e, ebytes, mem_get(m->mem + off, ebytes, m->be));
}

/* VLDn/VSTn (A7.7).  Returns the bytes transferred; 0 for encodings the table never uses. */
static uint32_t model_ldst(Model *m, uint32_t w)
{
    int l = bits(w, 21, 21), d = (int)(bits(w, 22, 22) << 4 | bits(w, 15, 12));
    int st = !l;
    if (!bits(w, 23, 23)) {
        /* Multiple structures: type gives n, the register count and the spacing. */
        static const int tn[11] = { 4, 4, 1, 2, 3, 3, 1, 1, 2, 2, 1 };
        static const int tregs[11] = { 1, 1, 4, 2, 1, 1, 3, 1, 1, 1, 2 };
        static const int tinc[11] = { 1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 1 };
        int type = (int)bits(w, 11, 8), ebytes = 1 << bits(w, 7, 6), align = (int)bits(w, 5, 4);
        if (type > 10)
            return 0;
        int n = tn[type], regs = tregs[type], inc = tinc[type];
        m->align = align ? 4u << align : 1;
        uint32_t off = 0;
        for (int r = 0; r < regs; r++)
            for (int e = 0; e < 8 / ebytes; e++)
                for (int k = 0; k < n; k++, off += ebytes)
                    model_access(m, st, d + k * inc + r, e, ebytes, off);
        return off;
    }
    int n = (int)bits(w, 9, 8) + 1, size = (int)bits(w, 11, 10);
    if (size == 3) {
        /* One structure to all lanes (loads only). */
        int sz = (int)bits(w, 7, 6), t = (int)bits(w, 5, 5), a = (int)bits(w, 4, 4);
        int ebytes = sz == 3 ? 4 : 1 << sz;
        int inc = n == 1 ? 1 : t + 1, regs = n == 1 ? t + 1 : 1;
        if (!a)
            m->align = 1;
        else if (n == 1)
            m->align = ebytes;
        else if (n == 2)
            m->align = 2 * ebytes;
        else
            m->align = sz == 3 ? 16 : sz == 2 ? 8 : 4 * ebytes;
        for (int k = 0; k < n; k++) {
            uint64_t v = mem_get(m->mem + k * ebytes, ebytes, m->be);
            for (int r = 0; r < regs; r++)
                for (int e = 0; e < 8 / ebytes; e++)
                    elem_set(m->d, d + k * inc + r, e, ebytes, v);
        }
        return (uint32_t)(n * ebytes);
    }
    /* One structure to one lane. */
    int ebytes = 1 << size, ia = (int)bits(w, 7, 4);
    int index = ia >> (size + 1), inc = 1;
    if (size == 1 && n > 1 && (ia & 2))
        inc = 2;
    if (size == 2 && n > 1 && (ia & 4))
        inc = 2;
    m->align = 1;
    if (size == 0 && (n == 2 || n == 4) && (ia & 1))
        m->align = n;
    if (size == 1 && n != 3 && (ia & 1))
        m->align = 2 * n;
    if (size == 2 && n == 1 && (ia & 3))
        m->align = 4;
    if (size == 2 && n == 2 && (ia & 1))
        m->align = 8;
    if (size == 2 && n == 4 && (ia & 3))
        m->align = 4u << (ia & 3);
    for (int k = 0; k < n; k++)
        model_access(m, st, d + k * inc, index, ebytes, (uint32_t)(k * ebytes));
    return (uint32_t)(n * ebytes);
}

/* VMOV between Rt (r4) and a lane, VDUP from Rt. */
static void model_xfer(Model *m, uint32_t w)
{
    int reg = (int)(bits(w, 7, 7) << 4 | bits(w, 19, 16));
    uint32_t opc1 = bits(w, 22, 21), opc2 = bits(w, 6, 5);
    if (bits(w, 23, 23) && !bits(w, 20, 20)) {
        int ebytes = bits(w, 22, 22) ? 1 : bits(w, 5, 5) ? 2 : 4;
        for (int r = 0; r <= (int)bits(w, 21, 21); r++)
            for (int e = 0; e < 8 / ebytes; e++)
                elem_set(m->d, reg + r, e, ebytes, m->r4);
        return;
    }
    int ebytes = 4, index = (int)(opc1 & 1);
    if (opc1 & 2) {
        ebytes = 1;
        index = (int)((opc1 & 1) << 2 | opc2);
    } else if (opc2 & 1) {
        ebytes = 2;
        index = (int)((opc1 & 1) << 1 | opc2 >> 1);
    }
    if (!bits(w, 20, 20)) {
        elem_set(m->d, reg, index, ebytes, m->r4);
        return;
    }
    uint32_t v = (uint32_t)elem_get(m->d, reg, index, ebytes);
    if (!bits(w, 23, 23) && ebytes == 1)
        v = (uint32_t)(int32_t)(int8_t)v;
    if (!bits(w, 23, 23) && ebytes == 2)
        v = (uint32_t)(int32_t)(int16_t)v;
    m->r4 = v;
}

/* ---------------------------------------------------------------- running */

static uint8_t mem_real[256] __attribute__((aligned(64)));
static uint8_t mem_model[256] __attribute__((aligned(64)));

#define BASE_OFF 64

static void fill(NlsState *st, uint32_t seed)
{
    check_seed(seed);
    for (int i = 0; i < 32; i++)
        st->d[i] = check_rand64();
    st->r4 = check_rand();
    for (unsigned i = 0; i < sizeof(mem_real); i++)
        mem_real[i] = (uint8_t)check_rand();
    memcpy(mem_model, mem_real, sizeof(mem_real));
}

/* Runs case i with the base at BASE_OFF + misalign, r5 = index, the given data endianness. */
static void run_case(int i, uint32_t misalign, uint32_t index, int be, uint32_t seed)
{
    NlsState st;
    uint32_t w = case_insn(i);
    bool ldst = (w >> 24) == 0xf4;
    fill(&st, seed);
    Model m = { .be = be, .align = 1 };
    memcpy(m.d, st.d, sizeof(m.d));
    uint32_t base = (uint32_t)(uintptr_t)(mem_real + BASE_OFF + misalign);
    if (ldst) {
        st.r4 = base;
        st.r5 = index;
        m.mem = mem_model + BASE_OFF + misalign;
        uint32_t xfer = model_ldst(&m, w);
        CHECK(xfer != 0, "%s: unexpected encoding %08x", nls_text[i], (unsigned)w);
        /* A qualifier the base does not meet faults: only run aligned bases there. */
        if (misalign % m.align != 0)
            return;
        uint32_t rm = w & 0xf;
        m.r4 = rm == 15 ? base : rm == 13 ? base + xfer : base + index;
    } else {
        m.r4 = st.r4;
        model_xfer(&m, w);
    }
    nls_run(&st, case_fn(i), be);

    char what[112];
    snprintf(what, sizeof(what), "%s (%s, base +%u)", nls_text[i], be ? "BE" : "LE",
             (unsigned)misalign);
    for (int r = 0; r < 32; r++) {
        char reg[128];
        snprintf(reg, sizeof(reg), "%s d%d", what, r);
        CHECK_U64(st.d[r], m.d[r], reg);
    }
    CHECK(memcmp(mem_real, mem_model, sizeof(mem_real)) == 0, "%s: memory differs", what);
    CHECK_U32(st.r4, m.r4, what);
}

int main(void)
{
    CHECK_U32((uint32_t)(nls_cases_end - (const char *)((uintptr_t)nls_cases & ~(uintptr_t)1)),
              8 * NLS_COUNT, "case slots are 8 bytes");
    uint32_t seed = 1;
    for (int i = 0; i < NLS_COUNT; i++) {
        for (int be = 0; be < 2; be++) {
            run_case(i, 0, 24, be, seed++);
            run_case(i, 3, (uint32_t)-40, be, seed++);
            run_case(i, 16, 7, be, seed++);
        }
    }
    return check_summary("neon_ldst");
}
