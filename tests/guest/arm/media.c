/*
 * media.c: the ARMv6/v7 media and DSP instructions, one inline-asm wrapper each, run over edge
 * operands (0x80000000, 0x7fffffff, 0xffffffff, 0x7fff, 0x8000, ...) and values from a
 * fixed-seed generator, and compared with plain-C references written from the ARM ARM
 * pseudocode:
 * - parallel add/subtract (S, Q, SH, U, UQ, UH x ADD16, ASX, SAX, SUB16, ADD8, SUB8), SEL;
 * - USAD8/USADA8, SSAT/USAT with shifts, SSAT16/USAT16, QADD/QSUB/QDADD/QDSUB;
 * - SMUAD/SMUSD/SMLAD/SMLSD(X), SMLALD/SMLSLD(X), SMMUL/SMMLA/SMMLS(R);
 * - SMULxy, SMLAxy, SMULWy, SMLAWy, SMLALxy;
 * - REV, REV16, REVSH, RBIT, PKHBT/PKHTB, SXT/UXT (B, H, B16, with and without add);
 * - SETEND around a load.
 * Each wrapper sets NZCVQ and GE from the test case (MSR APSR_nzcvqg), runs the instruction
 * and reads the APSR back (MRS), so results, the sticky Q flag, the GE bits and the untouched
 * NZCV bits are all checked.  Built with -marm the asm is A32, with -mthumb it is T32.
 */
#include <stdint.h>
#include <stdio.h>

#include "check.h"

__asm__(".syntax unified");

#define APSR_Q (1u << 27)
#define APSR_GE_SHIFT 16
/* The APSR bits the instructions may change or must keep: N Z C V Q and GE[3:0]. */
#define APSR_CHECKED 0xf80f0000u

/* One test case: the operands, the long accumulator (lo doubles as the destination's initial
 * value) and the incoming APSR. */
typedef struct Ops {
    uint32_t n, m, a, lo, hi, apsr;
} Ops;

/* What came out: rd (or RdLo), RdHi and the APSR. */
typedef struct Res {
    uint32_t d, hi, apsr;
} Res;

typedef void AsmFn(Res *o, const Ops *in);
/* arg selects the variant (prefix and operation, saturation width, rotation, ...). */
typedef void RefFn(Res *o, const Ops *in, uint32_t arg);

/* ---------------------------------------------------------------- helpers */

static int32_t half_s(uint32_t v, int i)
{
    return (int16_t)(v >> (16 * i));
}

static uint32_t half_u(uint32_t v, int i)
{
    return (v >> (16 * i)) & 0xffff;
}

static int32_t byte_s(uint32_t v, int i)
{
    return (int8_t)(v >> (8 * i));
}

static uint32_t byte_u(uint32_t v, int i)
{
    return (v >> (8 * i)) & 0xff;
}

static uint32_t ror(uint32_t v, int r)
{
    return r ? v >> r | v << (32 - r) : v;
}

/* SignedSatQ(i, n): the clamped value; *sat set when clamping happened. */
static int64_t signed_sat(int64_t i, int n, int *sat)
{
    int64_t hi = ((int64_t)1 << (n - 1)) - 1, lo = -((int64_t)1 << (n - 1));
    if (i > hi || i < lo) {
        *sat = 1;
        return i > hi ? hi : lo;
    }
    return i;
}

/* UnsignedSatQ(i, n). */
static int64_t unsigned_sat(int64_t i, int n, int *sat)
{
    int64_t hi = ((int64_t)1 << n) - 1;
    if (i > hi || i < 0) {
        *sat = 1;
        return i > hi ? hi : 0;
    }
    return i;
}

/* The result starts as "nothing changed". */
static void ref_start(Res *o, const Ops *in)
{
    o->d = in->lo;
    o->hi = in->hi;
    o->apsr = in->apsr & APSR_CHECKED;
}

static void set_q(Res *o, int sat)
{
    if (sat)
        o->apsr |= APSR_Q;
}

static void set_ge(Res *o, uint32_t ge)
{
    o->apsr = (o->apsr & ~(0xfu << APSR_GE_SHIFT)) | ge << APSR_GE_SHIFT;
}

/* ---------------------------------------------------------------- parallel add/subtract */

enum { P_S, P_Q, P_SH, P_U, P_UQ, P_UH };
enum { P_ADD16, P_ASX, P_SAX, P_SUB16, P_ADD8, P_SUB8 };
#define PAR(prefix, op) ((prefix) << 4 | (op))

/* Lane i of the operation, computed in full precision, and whether it is a sum. */
static int32_t par_lane(uint32_t n, uint32_t m, int op, int sign, int i, int *is_sum)
{
    int byte = op == P_ADD8 || op == P_SUB8;
    int32_t x = byte ? (sign ? byte_s(n, i) : (int32_t)byte_u(n, i))
                     : (sign ? half_s(n, i) : (int32_t)half_u(n, i));
    int j = i;
    if (op == P_ASX || op == P_SAX)
        j = 1 - i;  /* the exchanged halfword of m */
    int32_t y = byte ? (sign ? byte_s(m, j) : (int32_t)byte_u(m, j))
                     : (sign ? half_s(m, j) : (int32_t)half_u(m, j));
    /* ASX: lower difference, upper sum; SAX: lower sum, upper difference */
    *is_sum = op == P_ADD16 || op == P_ADD8 || (op == P_ASX && i == 1) ||
              (op == P_SAX && i == 0);
    return *is_sum ? x + y : x - y;
}

static void ref_parallel(Res *o, const Ops *in, uint32_t arg)
{
    int prefix = arg >> 4, op = arg & 15;
    int sign = prefix <= P_SH;
    int lanes = op == P_ADD8 || op == P_SUB8 ? 4 : 2, bits = 32 / lanes;
    uint32_t mask = (1u << bits) - 1, r = 0, ge = 0;
    ref_start(o, in);
    for (int i = 0; i < lanes; i++) {
        int is_sum, sat = 0;
        int32_t v = par_lane(in->n, in->m, op, sign, i, &is_sum);
        int ge_lane = v >= 0;
        if (prefix == P_U && is_sum)
            ge_lane = v >= (1 << bits);   /* carry out of the lane */
        if (prefix == P_Q)
            v = (int32_t)signed_sat(v, bits, &sat);
        else if (prefix == P_UQ)
            v = (int32_t)unsigned_sat(v, bits, &sat);
        else if (prefix == P_SH || prefix == P_UH)
            v >>= 1;
        r |= ((uint32_t)v & mask) << (i * bits);
        if (ge_lane)
            ge |= lanes == 4 ? 1u << i : 3u << (2 * i);
    }
    o->d = r;
    if (prefix == P_S || prefix == P_U)
        set_ge(o, ge);
}

static void ref_sel(Res *o, const Ops *in, uint32_t arg)
{
    (void)arg;
    ref_start(o, in);
    uint32_t ge = (in->apsr >> APSR_GE_SHIFT) & 15, r = 0;
    for (int i = 0; i < 4; i++)
        r |= (ge >> i & 1 ? byte_u(in->n, i) : byte_u(in->m, i)) << (8 * i);
    o->d = r;
}

/* arg: 1 = USADA8 (accumulate a). */
static void ref_usad8(Res *o, const Ops *in, uint32_t arg)
{
    ref_start(o, in);
    uint32_t s = arg ? in->a : 0;
    for (int i = 0; i < 4; i++) {
        int32_t d = (int32_t)byte_u(in->n, i) - (int32_t)byte_u(in->m, i);
        s += (uint32_t)(d < 0 ? -d : d);
    }
    o->d = s;
}

/* ---------------------------------------------------------------- saturation */

/* arg: SAT(sign, width, shift type (0 LSL, 1 ASR), amount). */
#define SAT(sign, width, asr, amount) ((sign) << 16 | (width) << 8 | (asr) << 7 | (amount))

static void ref_sat(Res *o, const Ops *in, uint32_t arg)
{
    int sign = arg >> 16, width = (arg >> 8) & 0xff, asr = (arg >> 7) & 1;
    int amount = arg & 0x7f, sat = 0;
    int64_t v = asr ? (int64_t)(int32_t)in->n >> amount : (int32_t)(in->n << amount);
    ref_start(o, in);
    o->d = (uint32_t)(sign ? signed_sat(v, width, &sat) : unsigned_sat(v, width, &sat));
    set_q(o, sat);
}

/* arg: SAT(sign, width, 0, 0) per halfword. */
static void ref_sat16(Res *o, const Ops *in, uint32_t arg)
{
    int sign = arg >> 16, width = (arg >> 8) & 0xff, sat = 0;
    ref_start(o, in);
    o->d = 0;
    for (int i = 0; i < 2; i++) {
        int64_t v = half_s(in->n, i);
        v = sign ? signed_sat(v, width, &sat) : unsigned_sat(v, width, &sat);
        o->d |= ((uint32_t)v & 0xffff) << (16 * i);
    }
    set_q(o, sat);
}

/* QADD/QSUB/QDADD/QDSUB d, m, n; arg bit 0 = subtract, bit 1 = double n first. */
static void ref_qaddsub(Res *o, const Ops *in, uint32_t arg)
{
    int sat = 0;
    int64_t n = (int32_t)in->n;
    ref_start(o, in);
    if (arg & 2)
        n = signed_sat(2 * n, 32, &sat);
    int64_t v = (arg & 1) ? (int64_t)(int32_t)in->m - n : (int64_t)(int32_t)in->m + n;
    o->d = (uint32_t)signed_sat(v, 32, &sat);
    set_q(o, sat);
}

/* ---------------------------------------------------------------- multiplies */

/* Dual 16x16 multiplies.  arg: DUAL(subtract, exchange, accumulate a, long). */
#define DUAL(sub, x, acc, lng) ((sub) | (x) << 1 | (acc) << 2 | (lng) << 3)

static void ref_dual(Res *o, const Ops *in, uint32_t arg)
{
    uint32_t m = (arg & 2) ? ror(in->m, 16) : in->m;
    int64_t p1 = (int64_t)half_s(in->n, 0) * half_s(m, 0);
    int64_t p2 = (int64_t)half_s(in->n, 1) * half_s(m, 1);
    int64_t r = (arg & 1) ? p1 - p2 : p1 + p2;
    ref_start(o, in);
    if (arg & 8) {
        uint64_t acc = (uint64_t)in->hi << 32 | in->lo;
        acc += (uint64_t)r;
        o->d = (uint32_t)acc;
        o->hi = (uint32_t)(acc >> 32);
        return;
    }
    if (arg & 4)
        r += (int32_t)in->a;
    o->d = (uint32_t)r;
    set_q(o, r != (int32_t)(uint32_t)r);
}

/* SMMUL/SMMLA/SMMLS.  arg: MMUL(accumulate, subtract, round). */
#define MMUL(acc, sub, round) ((acc) | (sub) << 1 | (round) << 2)

static void ref_smmla(Res *o, const Ops *in, uint32_t arg)
{
    uint64_t p = (uint64_t)((int64_t)(int32_t)in->n * (int32_t)in->m);
    uint64_t r = (arg & 1) ? (uint64_t)in->a << 32 : 0;
    r = (arg & 2) ? r - p : r + p;
    if (arg & 4)
        r += 0x80000000u;
    ref_start(o, in);
    o->d = (uint32_t)(r >> 32);
}

/* SMULxy/SMLAxy/SMLALxy.  arg: XY(n top, m top, accumulate a, long). */
#define XY(nt, mt, acc, lng) ((nt) | (mt) << 1 | (acc) << 2 | (lng) << 3)

static void ref_smlaxy(Res *o, const Ops *in, uint32_t arg)
{
    int64_t p = (int64_t)half_s(in->n, arg & 1) * half_s(in->m, (arg >> 1) & 1);
    ref_start(o, in);
    if (arg & 8) {
        uint64_t acc = ((uint64_t)in->hi << 32 | in->lo) + (uint64_t)p;
        o->d = (uint32_t)acc;
        o->hi = (uint32_t)(acc >> 32);
        return;
    }
    if (arg & 4)
        p += (int32_t)in->a;
    o->d = (uint32_t)p;
    set_q(o, p != (int32_t)(uint32_t)p);
}

/* SMULWy/SMLAWy.  arg: XY(0, m top, accumulate, 0). */
static void ref_smlawy(Res *o, const Ops *in, uint32_t arg)
{
    int64_t p = (int64_t)(int32_t)in->n * half_s(in->m, (arg >> 1) & 1);
    if (arg & 4)
        p += (int64_t)(int32_t)in->a * 65536;
    ref_start(o, in);
    o->d = (uint32_t)(p >> 16);
    set_q(o, (p >> 16) != (int32_t)(uint32_t)(p >> 16));
}

/* ---------------------------------------------------------------- reversal, packing, extends */

enum { R_REV, R_REV16, R_REVSH, R_RBIT };

static void ref_rev(Res *o, const Ops *in, uint32_t arg)
{
    uint32_t m = in->m, r = 0;
    ref_start(o, in);
    switch (arg) {
    case R_REV:
        r = byte_u(m, 0) << 24 | byte_u(m, 1) << 16 | byte_u(m, 2) << 8 | byte_u(m, 3);
        break;
    case R_REV16:
        r = byte_u(m, 2) << 24 | byte_u(m, 3) << 16 | byte_u(m, 0) << 8 | byte_u(m, 1);
        break;
    case R_REVSH:
        r = (uint32_t)(int32_t)(int8_t)byte_u(m, 0) << 8 | byte_u(m, 1);
        break;
    default:
        for (int i = 0; i < 32; i++)
            r |= ((m >> i) & 1) << (31 - i);
        break;
    }
    o->d = r;
}

/* arg: PKH(tb, shift amount); PKHTB's ASR #32 is amount 32. */
#define PKH(tb, amount) ((tb) << 8 | (amount))

static void ref_pkh(Res *o, const Ops *in, uint32_t arg)
{
    int amount = arg & 0xff;
    ref_start(o, in);
    if (arg >> 8) {
        uint32_t sh = (uint32_t)((int64_t)(int32_t)in->m >> amount);
        o->d = (in->n & 0xffff0000u) | (sh & 0xffff);
    } else {
        o->d = ((in->m << amount) & 0xffff0000u) | (in->n & 0xffff);
    }
}

enum { E_BYTE, E_HALF, E_DUAL };
/* arg: EXT(kind, signed, add n, rotation). */
#define EXT(kind, sign, add, rot) ((kind) << 16 | (sign) << 9 | (add) << 8 | (rot))

static void ref_extend(Res *o, const Ops *in, uint32_t arg)
{
    int kind = arg >> 16, sign = (arg >> 9) & 1, add = (arg >> 8) & 1;
    uint32_t m = ror(in->m, arg & 0xff), n = add ? in->n : 0;
    ref_start(o, in);
    if (kind == E_DUAL) {
        uint32_t lo = sign ? (uint32_t)byte_s(m, 0) : byte_u(m, 0);
        uint32_t hi = sign ? (uint32_t)byte_s(m, 2) : byte_u(m, 2);
        lo = (half_u(n, 0) + lo) & 0xffff;
        hi = (half_u(n, 1) + hi) & 0xffff;
        o->d = hi << 16 | lo;
    } else if (kind == E_HALF) {
        o->d = n + (sign ? (uint32_t)half_s(m, 0) : half_u(m, 0));
    } else {
        o->d = n + (sign ? (uint32_t)byte_s(m, 0) : byte_u(m, 0));
    }
}

/* ---------------------------------------------------------------- the instructions */

/*
 * X(name, asm text, reference, reference argument).  The asm text names its operands
 * %[d] (destination or RdLo), %[hi] (RdHi), %[n], %[m] and %[a].
 */
#define MEDIA_OPS(X) \
    X(sadd16, "sadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_ADD16)) \
    X(sasx, "sasx %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_ASX)) \
    X(ssax, "ssax %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_SAX)) \
    X(ssub16, "ssub16 %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_SUB16)) \
    X(sadd8, "sadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_ADD8)) \
    X(ssub8, "ssub8 %[d], %[n], %[m]", ref_parallel, PAR(P_S, P_SUB8)) \
    X(qadd16, "qadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_ADD16)) \
    X(qasx, "qasx %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_ASX)) \
    X(qsax, "qsax %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_SAX)) \
    X(qsub16, "qsub16 %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_SUB16)) \
    X(qadd8, "qadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_ADD8)) \
    X(qsub8, "qsub8 %[d], %[n], %[m]", ref_parallel, PAR(P_Q, P_SUB8)) \
    X(shadd16, "shadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_ADD16)) \
    X(shasx, "shasx %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_ASX)) \
    X(shsax, "shsax %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_SAX)) \
    X(shsub16, "shsub16 %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_SUB16)) \
    X(shadd8, "shadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_ADD8)) \
    X(shsub8, "shsub8 %[d], %[n], %[m]", ref_parallel, PAR(P_SH, P_SUB8)) \
    X(uadd16, "uadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_ADD16)) \
    X(uasx, "uasx %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_ASX)) \
    X(usax, "usax %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_SAX)) \
    X(usub16, "usub16 %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_SUB16)) \
    X(uadd8, "uadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_ADD8)) \
    X(usub8, "usub8 %[d], %[n], %[m]", ref_parallel, PAR(P_U, P_SUB8)) \
    X(uqadd16, "uqadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_ADD16)) \
    X(uqasx, "uqasx %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_ASX)) \
    X(uqsax, "uqsax %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_SAX)) \
    X(uqsub16, "uqsub16 %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_SUB16)) \
    X(uqadd8, "uqadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_ADD8)) \
    X(uqsub8, "uqsub8 %[d], %[n], %[m]", ref_parallel, PAR(P_UQ, P_SUB8)) \
    X(uhadd16, "uhadd16 %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_ADD16)) \
    X(uhasx, "uhasx %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_ASX)) \
    X(uhsax, "uhsax %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_SAX)) \
    X(uhsub16, "uhsub16 %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_SUB16)) \
    X(uhadd8, "uhadd8 %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_ADD8)) \
    X(uhsub8, "uhsub8 %[d], %[n], %[m]", ref_parallel, PAR(P_UH, P_SUB8)) \
    X(sel, "sel %[d], %[n], %[m]", ref_sel, 0) \
    X(usad8, "usad8 %[d], %[n], %[m]", ref_usad8, 0) \
    X(usada8, "usada8 %[d], %[n], %[m], %[a]", ref_usad8, 1) \
    X(ssat_1, "ssat %[d], #1, %[n]", ref_sat, SAT(1, 1, 0, 0)) \
    X(ssat_8, "ssat %[d], #8, %[n]", ref_sat, SAT(1, 8, 0, 0)) \
    X(ssat_16_lsl4, "ssat %[d], #16, %[n], lsl #4", ref_sat, SAT(1, 16, 0, 4)) \
    X(ssat_31_lsl31, "ssat %[d], #31, %[n], lsl #31", ref_sat, SAT(1, 31, 0, 31)) \
    X(ssat_32, "ssat %[d], #32, %[n]", ref_sat, SAT(1, 32, 0, 0)) \
    X(ssat_12_asr1, "ssat %[d], #12, %[n], asr #1", ref_sat, SAT(1, 12, 1, 1)) \
    X(ssat_24_asr31, "ssat %[d], #24, %[n], asr #31", ref_sat, SAT(1, 24, 1, 31)) \
    X(usat_0, "usat %[d], #0, %[n]", ref_sat, SAT(0, 0, 0, 0)) \
    X(usat_1, "usat %[d], #1, %[n]", ref_sat, SAT(0, 1, 0, 0)) \
    X(usat_8, "usat %[d], #8, %[n]", ref_sat, SAT(0, 8, 0, 0)) \
    X(usat_15_lsl8, "usat %[d], #15, %[n], lsl #8", ref_sat, SAT(0, 15, 0, 8)) \
    X(usat_31, "usat %[d], #31, %[n]", ref_sat, SAT(0, 31, 0, 0)) \
    X(usat_16_asr16, "usat %[d], #16, %[n], asr #16", ref_sat, SAT(0, 16, 1, 16)) \
    X(ssat16_1, "ssat16 %[d], #1, %[n]", ref_sat16, SAT(1, 1, 0, 0)) \
    X(ssat16_8, "ssat16 %[d], #8, %[n]", ref_sat16, SAT(1, 8, 0, 0)) \
    X(ssat16_16, "ssat16 %[d], #16, %[n]", ref_sat16, SAT(1, 16, 0, 0)) \
    X(usat16_0, "usat16 %[d], #0, %[n]", ref_sat16, SAT(0, 0, 0, 0)) \
    X(usat16_4, "usat16 %[d], #4, %[n]", ref_sat16, SAT(0, 4, 0, 0)) \
    X(usat16_15, "usat16 %[d], #15, %[n]", ref_sat16, SAT(0, 15, 0, 0)) \
    X(qadd, "qadd %[d], %[m], %[n]", ref_qaddsub, 0) \
    X(qsub, "qsub %[d], %[m], %[n]", ref_qaddsub, 1) \
    X(qdadd, "qdadd %[d], %[m], %[n]", ref_qaddsub, 2) \
    X(qdsub, "qdsub %[d], %[m], %[n]", ref_qaddsub, 3) \
    X(smuad, "smuad %[d], %[n], %[m]", ref_dual, DUAL(0, 0, 0, 0)) \
    X(smuadx, "smuadx %[d], %[n], %[m]", ref_dual, DUAL(0, 1, 0, 0)) \
    X(smusd, "smusd %[d], %[n], %[m]", ref_dual, DUAL(1, 0, 0, 0)) \
    X(smusdx, "smusdx %[d], %[n], %[m]", ref_dual, DUAL(1, 1, 0, 0)) \
    X(smlad, "smlad %[d], %[n], %[m], %[a]", ref_dual, DUAL(0, 0, 1, 0)) \
    X(smladx, "smladx %[d], %[n], %[m], %[a]", ref_dual, DUAL(0, 1, 1, 0)) \
    X(smlsd, "smlsd %[d], %[n], %[m], %[a]", ref_dual, DUAL(1, 0, 1, 0)) \
    X(smlsdx, "smlsdx %[d], %[n], %[m], %[a]", ref_dual, DUAL(1, 1, 1, 0)) \
    X(smlald, "smlald %[d], %[hi], %[n], %[m]", ref_dual, DUAL(0, 0, 0, 1)) \
    X(smlaldx, "smlaldx %[d], %[hi], %[n], %[m]", ref_dual, DUAL(0, 1, 0, 1)) \
    X(smlsld, "smlsld %[d], %[hi], %[n], %[m]", ref_dual, DUAL(1, 0, 0, 1)) \
    X(smlsldx, "smlsldx %[d], %[hi], %[n], %[m]", ref_dual, DUAL(1, 1, 0, 1)) \
    X(smmul, "smmul %[d], %[n], %[m]", ref_smmla, MMUL(0, 0, 0)) \
    X(smmulr, "smmulr %[d], %[n], %[m]", ref_smmla, MMUL(0, 0, 1)) \
    X(smmla, "smmla %[d], %[n], %[m], %[a]", ref_smmla, MMUL(1, 0, 0)) \
    X(smmlar, "smmlar %[d], %[n], %[m], %[a]", ref_smmla, MMUL(1, 0, 1)) \
    X(smmls, "smmls %[d], %[n], %[m], %[a]", ref_smmla, MMUL(1, 1, 0)) \
    X(smmlsr, "smmlsr %[d], %[n], %[m], %[a]", ref_smmla, MMUL(1, 1, 1)) \
    X(smulbb, "smulbb %[d], %[n], %[m]", ref_smlaxy, XY(0, 0, 0, 0)) \
    X(smulbt, "smulbt %[d], %[n], %[m]", ref_smlaxy, XY(0, 1, 0, 0)) \
    X(smultb, "smultb %[d], %[n], %[m]", ref_smlaxy, XY(1, 0, 0, 0)) \
    X(smultt, "smultt %[d], %[n], %[m]", ref_smlaxy, XY(1, 1, 0, 0)) \
    X(smlabb, "smlabb %[d], %[n], %[m], %[a]", ref_smlaxy, XY(0, 0, 1, 0)) \
    X(smlabt, "smlabt %[d], %[n], %[m], %[a]", ref_smlaxy, XY(0, 1, 1, 0)) \
    X(smlatb, "smlatb %[d], %[n], %[m], %[a]", ref_smlaxy, XY(1, 0, 1, 0)) \
    X(smlatt, "smlatt %[d], %[n], %[m], %[a]", ref_smlaxy, XY(1, 1, 1, 0)) \
    X(smlalbb, "smlalbb %[d], %[hi], %[n], %[m]", ref_smlaxy, XY(0, 0, 0, 1)) \
    X(smlalbt, "smlalbt %[d], %[hi], %[n], %[m]", ref_smlaxy, XY(0, 1, 0, 1)) \
    X(smlaltb, "smlaltb %[d], %[hi], %[n], %[m]", ref_smlaxy, XY(1, 0, 0, 1)) \
    X(smlaltt, "smlaltt %[d], %[hi], %[n], %[m]", ref_smlaxy, XY(1, 1, 0, 1)) \
    X(smulwb, "smulwb %[d], %[n], %[m]", ref_smlawy, XY(0, 0, 0, 0)) \
    X(smulwt, "smulwt %[d], %[n], %[m]", ref_smlawy, XY(0, 1, 0, 0)) \
    X(smlawb, "smlawb %[d], %[n], %[m], %[a]", ref_smlawy, XY(0, 0, 1, 0)) \
    X(smlawt, "smlawt %[d], %[n], %[m], %[a]", ref_smlawy, XY(0, 1, 1, 0)) \
    X(rev, "rev %[d], %[m]", ref_rev, R_REV) \
    X(rev16, "rev16 %[d], %[m]", ref_rev, R_REV16) \
    X(revsh, "revsh %[d], %[m]", ref_rev, R_REVSH) \
    X(rbit, "rbit %[d], %[m]", ref_rev, R_RBIT) \
    X(pkhbt_0, "pkhbt %[d], %[n], %[m]", ref_pkh, PKH(0, 0)) \
    X(pkhbt_1, "pkhbt %[d], %[n], %[m], lsl #1", ref_pkh, PKH(0, 1)) \
    X(pkhbt_16, "pkhbt %[d], %[n], %[m], lsl #16", ref_pkh, PKH(0, 16)) \
    X(pkhbt_31, "pkhbt %[d], %[n], %[m], lsl #31", ref_pkh, PKH(0, 31)) \
    X(pkhtb_1, "pkhtb %[d], %[n], %[m], asr #1", ref_pkh, PKH(1, 1)) \
    X(pkhtb_16, "pkhtb %[d], %[n], %[m], asr #16", ref_pkh, PKH(1, 16)) \
    X(pkhtb_31, "pkhtb %[d], %[n], %[m], asr #31", ref_pkh, PKH(1, 31)) \
    X(pkhtb_32, "pkhtb %[d], %[n], %[m], asr #32", ref_pkh, PKH(1, 32)) \
    EXTEND_OPS(X)

/* Every extend, each rotation. */
#define EXTEND_OPS(X) \
    X(sxtb_0, "sxtb %[d], %[m]", ref_extend, EXT(E_BYTE, 1, 0, 0)) \
    X(sxtb_8, "sxtb %[d], %[m], ror #8", ref_extend, EXT(E_BYTE, 1, 0, 8)) \
    X(sxtb_16, "sxtb %[d], %[m], ror #16", ref_extend, EXT(E_BYTE, 1, 0, 16)) \
    X(sxtb_24, "sxtb %[d], %[m], ror #24", ref_extend, EXT(E_BYTE, 1, 0, 24)) \
    X(sxth_0, "sxth %[d], %[m]", ref_extend, EXT(E_HALF, 1, 0, 0)) \
    X(sxth_8, "sxth %[d], %[m], ror #8", ref_extend, EXT(E_HALF, 1, 0, 8)) \
    X(sxth_16, "sxth %[d], %[m], ror #16", ref_extend, EXT(E_HALF, 1, 0, 16)) \
    X(sxth_24, "sxth %[d], %[m], ror #24", ref_extend, EXT(E_HALF, 1, 0, 24)) \
    X(sxtb16_0, "sxtb16 %[d], %[m]", ref_extend, EXT(E_DUAL, 1, 0, 0)) \
    X(sxtb16_8, "sxtb16 %[d], %[m], ror #8", ref_extend, EXT(E_DUAL, 1, 0, 8)) \
    X(sxtb16_16, "sxtb16 %[d], %[m], ror #16", ref_extend, EXT(E_DUAL, 1, 0, 16)) \
    X(sxtb16_24, "sxtb16 %[d], %[m], ror #24", ref_extend, EXT(E_DUAL, 1, 0, 24)) \
    X(uxtb_0, "uxtb %[d], %[m]", ref_extend, EXT(E_BYTE, 0, 0, 0)) \
    X(uxtb_8, "uxtb %[d], %[m], ror #8", ref_extend, EXT(E_BYTE, 0, 0, 8)) \
    X(uxtb_16, "uxtb %[d], %[m], ror #16", ref_extend, EXT(E_BYTE, 0, 0, 16)) \
    X(uxtb_24, "uxtb %[d], %[m], ror #24", ref_extend, EXT(E_BYTE, 0, 0, 24)) \
    X(uxth_0, "uxth %[d], %[m]", ref_extend, EXT(E_HALF, 0, 0, 0)) \
    X(uxth_8, "uxth %[d], %[m], ror #8", ref_extend, EXT(E_HALF, 0, 0, 8)) \
    X(uxth_16, "uxth %[d], %[m], ror #16", ref_extend, EXT(E_HALF, 0, 0, 16)) \
    X(uxth_24, "uxth %[d], %[m], ror #24", ref_extend, EXT(E_HALF, 0, 0, 24)) \
    X(uxtb16_0, "uxtb16 %[d], %[m]", ref_extend, EXT(E_DUAL, 0, 0, 0)) \
    X(uxtb16_8, "uxtb16 %[d], %[m], ror #8", ref_extend, EXT(E_DUAL, 0, 0, 8)) \
    X(uxtb16_16, "uxtb16 %[d], %[m], ror #16", ref_extend, EXT(E_DUAL, 0, 0, 16)) \
    X(uxtb16_24, "uxtb16 %[d], %[m], ror #24", ref_extend, EXT(E_DUAL, 0, 0, 24)) \
    X(sxtab_0, "sxtab %[d], %[n], %[m]", ref_extend, EXT(E_BYTE, 1, 1, 0)) \
    X(sxtab_8, "sxtab %[d], %[n], %[m], ror #8", ref_extend, EXT(E_BYTE, 1, 1, 8)) \
    X(sxtab_16, "sxtab %[d], %[n], %[m], ror #16", ref_extend, EXT(E_BYTE, 1, 1, 16)) \
    X(sxtab_24, "sxtab %[d], %[n], %[m], ror #24", ref_extend, EXT(E_BYTE, 1, 1, 24)) \
    X(sxtah_0, "sxtah %[d], %[n], %[m]", ref_extend, EXT(E_HALF, 1, 1, 0)) \
    X(sxtah_8, "sxtah %[d], %[n], %[m], ror #8", ref_extend, EXT(E_HALF, 1, 1, 8)) \
    X(sxtah_16, "sxtah %[d], %[n], %[m], ror #16", ref_extend, EXT(E_HALF, 1, 1, 16)) \
    X(sxtah_24, "sxtah %[d], %[n], %[m], ror #24", ref_extend, EXT(E_HALF, 1, 1, 24)) \
    X(sxtab16_0, "sxtab16 %[d], %[n], %[m]", ref_extend, EXT(E_DUAL, 1, 1, 0)) \
    X(sxtab16_8, "sxtab16 %[d], %[n], %[m], ror #8", ref_extend, EXT(E_DUAL, 1, 1, 8)) \
    X(sxtab16_16, "sxtab16 %[d], %[n], %[m], ror #16", ref_extend, EXT(E_DUAL, 1, 1, 16)) \
    X(sxtab16_24, "sxtab16 %[d], %[n], %[m], ror #24", ref_extend, EXT(E_DUAL, 1, 1, 24)) \
    X(uxtab_0, "uxtab %[d], %[n], %[m]", ref_extend, EXT(E_BYTE, 0, 1, 0)) \
    X(uxtab_8, "uxtab %[d], %[n], %[m], ror #8", ref_extend, EXT(E_BYTE, 0, 1, 8)) \
    X(uxtab_16, "uxtab %[d], %[n], %[m], ror #16", ref_extend, EXT(E_BYTE, 0, 1, 16)) \
    X(uxtab_24, "uxtab %[d], %[n], %[m], ror #24", ref_extend, EXT(E_BYTE, 0, 1, 24)) \
    X(uxtah_0, "uxtah %[d], %[n], %[m]", ref_extend, EXT(E_HALF, 0, 1, 0)) \
    X(uxtah_8, "uxtah %[d], %[n], %[m], ror #8", ref_extend, EXT(E_HALF, 0, 1, 8)) \
    X(uxtah_16, "uxtah %[d], %[n], %[m], ror #16", ref_extend, EXT(E_HALF, 0, 1, 16)) \
    X(uxtah_24, "uxtah %[d], %[n], %[m], ror #24", ref_extend, EXT(E_HALF, 0, 1, 24)) \
    X(uxtab16_0, "uxtab16 %[d], %[n], %[m]", ref_extend, EXT(E_DUAL, 0, 1, 0)) \
    X(uxtab16_8, "uxtab16 %[d], %[n], %[m], ror #8", ref_extend, EXT(E_DUAL, 0, 1, 8)) \
    X(uxtab16_16, "uxtab16 %[d], %[n], %[m], ror #16", ref_extend, EXT(E_DUAL, 0, 1, 16)) \
    X(uxtab16_24, "uxtab16 %[d], %[n], %[m], ror #24", ref_extend, EXT(E_DUAL, 0, 1, 24))

/*
 * Encodings of one instruction set only: in Thumb, the 32-bit forms of the instructions
 * that also have 16-bit ones (the assembler picks those for low registers); in ARM, SSAT's
 * ASR #32 (T32 uses that encoding for SSAT16).
 */
#ifdef __thumb__
#define ISET_OPS(X) \
    X(rev_w, "rev.w %[d], %[m]", ref_rev, R_REV) \
    X(rev16_w, "rev16.w %[d], %[m]", ref_rev, R_REV16) \
    X(revsh_w, "revsh.w %[d], %[m]", ref_rev, R_REVSH) \
    X(sxtb_w, "sxtb.w %[d], %[m]", ref_extend, EXT(E_BYTE, 1, 0, 0)) \
    X(sxth_w, "sxth.w %[d], %[m]", ref_extend, EXT(E_HALF, 1, 0, 0)) \
    X(uxtb_w, "uxtb.w %[d], %[m]", ref_extend, EXT(E_BYTE, 0, 0, 0)) \
    X(uxth_w, "uxth.w %[d], %[m]", ref_extend, EXT(E_HALF, 0, 0, 0))
#else
#define ISET_OPS(X) \
    X(ssat_8_asr32, "ssat %[d], #8, %[n], asr #32", ref_sat, SAT(1, 8, 1, 32)) \
    X(usat_7_asr32, "usat %[d], #7, %[n], asr #32", ref_sat, SAT(0, 7, 1, 32))
#endif

/* Sets NZCVQ and GE from the case, runs the instruction, reads the APSR. */
#define DEFINE_WRAPPER(name, text, ref, arg)                                 \
    static void asm_##name(Res *o, const Ops *in)                            \
    {                                                                        \
        uint32_t d = in->lo, hi = in->hi, f;                                 \
        __asm__ volatile("msr APSR_nzcvqg, %[fin]\n\t"                       \
                         text "\n\t"                                         \
                         "mrs %[f], APSR"                                    \
                         : [d] "+&r"(d), [hi] "+&r"(hi), [f] "=&r"(f)        \
                         : [n] "r"(in->n), [m] "r"(in->m), [a] "r"(in->a),   \
                           [fin] "r"(in->apsr)                               \
                         : "cc");                                            \
        o->d = d;                                                            \
        o->hi = hi;                                                          \
        o->apsr = f;                                                         \
    }

#define TABLE_ROW(name, text, ref, arg) { #name, asm_##name, ref, arg },

typedef struct MediaOp {
    const char *name;
    AsmFn *run;
    RefFn *ref;
    uint32_t arg;
} MediaOp;

MEDIA_OPS(DEFINE_WRAPPER)
ISET_OPS(DEFINE_WRAPPER)

static const MediaOp media_ops[] = {
    MEDIA_OPS(TABLE_ROW)
    ISET_OPS(TABLE_ROW)
};

/* ---------------------------------------------------------------- the driver */

static const uint32_t edges[] = {
    0x00000000, 0x00000001, 0x00007fff, 0x00008000, 0x0000ffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x7fff7fff, 0x80008000, 0x7fff8000, 0x80007fff, 0x7f7f7f7f, 0x80808080,
    0x01010101, 0xff00ff00, 0x00ff00ff, 0xffff0000, 0x12345678, 0xfedcba98,
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))
#define NRANDOM 400

static void check_case(const MediaOp *op, const Ops *in)
{
    Res got, want;
    op->run(&got, in);
    op->ref(&want, in, op->arg);
    got.apsr &= APSR_CHECKED;
    if (got.d == want.d && got.hi == want.hi && got.apsr == want.apsr) {
        check_report(1, __LINE__);
        return;
    }
    CHECK(0, "%s n=%08x m=%08x a=%08x lo=%08x hi=%08x apsr=%08x: got %08x %08x %08x"
          " want %08x %08x %08x", op->name, in->n, in->m, in->a, in->lo, in->hi, in->apsr,
          got.d, got.hi, got.apsr, want.d, want.hi, want.apsr);
}

/* The incoming APSR: random NZCV and GE, Q clear in half of the cases so that setting it
 * is seen, set in the others so that its stickiness is. */
static uint32_t random_apsr(void)
{
    return check_rand() & APSR_CHECKED;
}

static void test_op(const MediaOp *op)
{
    Ops in;
    for (unsigned i = 0; i < NEDGES; i++) {
        for (unsigned j = 0; j < NEDGES; j++) {
            in.n = edges[i];
            in.m = edges[j];
            in.a = edges[(i + j) % NEDGES];
            in.lo = edges[(i * 3 + j) % NEDGES];
            in.hi = edges[(i + j * 7) % NEDGES];
            in.apsr = random_apsr();
            check_case(op, &in);
        }
    }
    for (int k = 0; k < NRANDOM; k++) {
        in.n = check_rand();
        in.m = check_rand();
        in.a = check_rand();
        in.lo = check_rand();
        in.hi = check_rand();
        in.apsr = random_apsr();
        check_case(op, &in);
    }
}

/* SETEND BE makes the next load big-endian; SETEND LE restores little-endian. */
static void test_setend(void)
{
    static const uint8_t bytes[4] = { 0x11, 0x22, 0x33, 0x44 };
    uint32_t be, le;
    __asm__ volatile("setend be\n\t"
                     "ldr %[be], [%[p]]\n\t"
                     "setend le\n\t"
                     "ldr %[le], [%[p]]"
                     : [be] "=&r"(be), [le] "=&r"(le)
                     : [p] "r"(bytes)
                     : "memory");
    CHECK_U32(be, 0x11223344, "setend be load");
    CHECK_U32(le, 0x44332211, "setend le load");
}

int main(void)
{
    check_seed(0x6d656469);
    for (unsigned i = 0; i < sizeof(media_ops) / sizeof(media_ops[0]); i++)
        test_op(&media_ops[i]);
    test_setend();
    return check_summary("media");
}
