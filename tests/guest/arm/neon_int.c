/*
 * neon_int.c: the Advanced SIMD (NEON) integer instructions through the arm_neon.h intrinsics,
 * checked lane by lane against plain scalar C references written from the ARM ARM (DDI 0406C,
 * chapter A8 pseudocode of each instruction):
 * - add/sub/mul/mla/mls, saturating, halving and rounding-halving add/sub, polynomial multiply;
 * - widening (VMOVL, VADDL/VADDW, VSUBL/VSUBW, VMULL, VMLAL, VMLSL, VABDL, VABAL, VQDMULL,
 *   VQDMLAL, VQDMLSL, VSHLL) and narrowing (VMOVN, VQMOVN, VQMOVUN, VADDHN, VRADDHN, VSUBHN,
 *   VRSUBHN, VSHRN, VRSHRN, VQSHRN, VQRSHRN, VQSHRUN, VQRSHRUN);
 * - shifts by immediate (VSHR, VRSHR, VSRA, VRSRA, VSHL, VQSHL, VQSHLU, VSRI, VSLI) and by
 *   register (VSHL, VRSHL, VQSHL, VQRSHL) with shift counts around the element size;
 * - compares, VTST, bitwise operations incl. VBSL, VMIN/VMAX, VABD/VABA, VABS/VNEG/VQABS/VQNEG,
 *   VMVN, VCLS/VCLZ/VCNT, VRECPE.U32/VRSQRTE.U32;
 * - pairwise VPADD, VPADDL, VPADAL, VPMAX, VPMIN;
 * - VQDMULH/VQRDMULH and the by-scalar forms (_lane and _n) of the multiplies;
 * - permutes: VREV16/32/64, VZIP, VUZP, VTRN, VEXT, VDUP (scalar and core register),
 *   VTBL/VTBX with 1-4 table registers, lane get/set, combine, high/low halves;
 * - VLD1-VLD4/VST1-VST4: multiple elements, single lane and all-lanes forms, with writeback.
 * For 8, 16, 32 and 64-bit elements where the instruction has them, on D and Q registers.
 * Inputs come from a fixed-seed generator biased towards edge values (0, -1, the minimum and
 * maximum of the element, 0x80 patterns, shift counts near the element size). Every call
 * clears FPSCR.QC first and reads it afterwards: it must be set exactly when a saturating
 * instruction saturated a lane. Each test prints one line with a checksum of its results, so
 * the differential runner compares them with qemu-arm as well. Last, the core registers
 * (loaded from memory) must come through a run of NEON instructions unchanged.
 * Built with -mfpu=neon-vfpv4.
 */
#include <arm_neon.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* The references must stay scalar: no auto-vectorisation into the instructions under test. */
#define REF __attribute__((noinline, optimize("no-tree-vectorize")))
#pragma GCC optimize("no-tree-vectorize")

#define ITERS 48
#define FPSCR_QC (1u << 27)

/* Room for four D registers: the x2/x3/x4 structure types and a pair of Q registers. */
typedef struct {
    uint8_t b[32];
} __attribute__((aligned(16))) V;

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory");
    return v;
}

static void set_fpscr(uint32_t v)
{
    __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory");
}

/* ---------------------------------------------------------------- lanes */

static int64_t getl(const V *v, int bits, int i, int sgn)
{
    const uint8_t *p = v->b + i * (bits / 8);
    switch (bits) {
    case 8:
        return sgn ? (int8_t)p[0] : p[0];
    case 16: {
        uint16_t x;
        memcpy(&x, p, 2);
        return sgn ? (int16_t)x : x;
    }
    case 32: {
        uint32_t x;
        memcpy(&x, p, 4);
        return sgn ? (int64_t)(int32_t)x : (int64_t)x;
    }
    default: {
        uint64_t x;
        memcpy(&x, p, 8);
        return (int64_t)x;
    }
    }
}

static void setl(V *v, int bits, int i, int64_t x)
{
    uint8_t *p = v->b + i * (bits / 8);
    uint64_t u = (uint64_t)x;
    for (int k = 0; k < bits / 8; k++)
        p[k] = (uint8_t)(u >> (8 * k));
}

/* ---------------------------------------------------------------- inputs */

/* The first iterations of every test use only the extreme values. */
static int edge_only;

/* One element of the given size, biased towards the values that matter. */
static uint64_t rand_elem(int bits)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t min = 1ull << (bits - 1);
    uint32_t k = check_rand() % 100;
    uint64_t v;
    if (edge_only) {
        static const uint64_t edges[] = {0, 1, ~0ull, 0x8000000000000000ull,
                                         0x7fffffffffffffffull, 0x8000000000000001ull};
        v = edges[check_rand() % 6];
        if (v >> 62 == 1 || v >> 62 == 2)   /* the element's own minimum and maximum */
            v = (v >> 63) ? min + (v & 1) : min - 1;
    } else if (k < 40) {
        v = check_rand64();
    } else if (k < 70) {
        static const int64_t rel[] = {0, 1, -1, 2, -2};
        switch (check_rand() % 10) {
        case 0: v = min; break;                    /* INT_MIN */
        case 1: v = min - 1; break;                /* INT_MAX */
        case 2: v = min + 1; break;
        case 3: v = min - 2; break;
        case 4: v = 0x5555555555555555ull; break;
        case 5: v = 0xaaaaaaaaaaaaaaaaull; break;
        case 6: v = 0x8080808080808080ull; break;
        case 7: v = 0x7f7f7f7f7f7f7f7full; break;
        default: v = (uint64_t)rel[check_rand() % 5]; break;
        }
    } else if (k < 85) {
        v = (uint64_t)(int64_t)((int32_t)(check_rand() % 33) - 16);
    } else if (k < 93) {
        int s = check_rand() % bits;
        v = (1ull << s) + (uint64_t)(int64_t)((int32_t)(check_rand() % 3) - 1);
    } else {
        v = check_rand64() >> (check_rand() % 64);
        if (check_rand() & 1)
            v = ~v;
    }
    return v & mask;
}

enum { IN_ANY, IN_SHIFT, IN_IDX };

/* Fills 32 bytes with elements of the given size; IN_SHIFT puts a shift count near the element
 * size (sign extended from the low byte) into every element, IN_IDX table indexes. When like is
 * given (same element size), some elements are copied from it so that equal operands occur. */
static void rand_vec(V *v, int bits, int kind, int ebits, const V *like)
{
    int n = 256 / bits;
    for (int i = 0; i < n; i++) {
        uint64_t x = rand_elem(bits);
        if (kind == IN_SHIFT) {
            int r = check_rand() % 10;
            int s;
            if (r < 8)
                s = (int)(check_rand() % (2 * ebits + 7)) - ebits - 3;
            else
                s = (int8_t)check_rand();
            x = (x & ~0xffull) | (uint8_t)s;
        } else if (kind == IN_IDX) {
            x = check_rand() % 10 == 0 ? (uint8_t)check_rand() : check_rand() % 36;
        } else if (like && check_rand() % (edge_only ? 3 : 8) == 0) {
            x = (uint64_t)getl(like, bits, i, 0);
        }
        setl(v, bits, i, (int64_t)x);
    }
}

/* ---------------------------------------------------------------- scalar references */

enum {
    OP_ADD, OP_SUB, OP_MUL, OP_MLA, OP_MLS, OP_QADD, OP_QSUB, OP_HADD, OP_RHADD, OP_HSUB,
    OP_AND, OP_ORR, OP_EOR, OP_BIC, OP_ORN, OP_BSL, OP_BIT, OP_BIF, OP_MIN, OP_MAX, OP_ABD,
    OP_ABA, OP_CEQ, OP_CGE, OP_CGT, OP_CLE, OP_CLT, OP_TST, OP_ABS, OP_NEG, OP_QABS, OP_QNEG,
    OP_MVN, OP_CLS, OP_CLZ, OP_CNT, OP_SHL_R, OP_RSHL_R, OP_QSHL_R, OP_QRSHL_R, OP_SHR_N,
    OP_RSHR_N, OP_SRA_N, OP_RSRA_N, OP_SHL_N, OP_QSHL_N, OP_QSHLU_N, OP_SRI_N, OP_SLI_N,
    OP_QDMULH, OP_QRDMULH, OP_PMUL, OP_PMULL, OP_MOVL, OP_SHLL_N, OP_MOVN, OP_QMOVN, OP_QMOVUN,
    OP_SHRN_N, OP_RSHRN_N, OP_QSHRN_N, OP_QRSHRN_N, OP_QSHRUN_N, OP_QRSHRUN_N, OP_ADDHN,
    OP_RADDHN, OP_SUBHN, OP_RSUBHN, OP_QDMULL, OP_QDMLAL, OP_QDMLSL, OP_PADAL, OP_RECPE,
    OP_RSQRTE, OP_MOV,
    /* permutes and moves (SH_CUSTOM) */
    OP_REV16, OP_REV32, OP_REV64, OP_ZIP, OP_UZP, OP_TRN, OP_EXT, OP_DUP_LANE, OP_DUP_N,
    OP_GET_LANE, OP_SET_LANE, OP_COMBINE, OP_GET_LOW, OP_GET_HIGH, OP_TBL, OP_TBX, OP_SWAP
};

#define U(x) ((uint64_t)(x))

static uint64_t umask(int bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static int64_t smax_of(int bits)
{
    return (int64_t)(umask(bits) >> 1);
}

static int64_t smin_of(int bits)
{
    return -smax_of(bits) - 1;
}

/* SignedSatQ / UnsignedSatQ of an exact value that fits in int64 (element sizes below 64). */
static int64_t sat(int64_t v, int bits, int sgn, int *q)
{
    if (sgn) {
        if (v > smax_of(bits)) {
            *q = 1;
            return smax_of(bits);
        }
        if (v < smin_of(bits)) {
            *q = 1;
            return smin_of(bits);
        }
        return v;
    }
    if (v < 0) {
        *q = 1;
        return 0;
    }
    if (bits < 64 && U(v) > umask(bits)) {
        *q = 1;
        return (int64_t)umask(bits);
    }
    return v;
}

static int64_t qadd(int64_t x, int64_t y, int bits, int sgn, int *q)
{
    if (bits < 64)
        return sat(x + y, bits, sgn, q);
    if (sgn) {
        int64_t r;
        if (__builtin_add_overflow(x, y, &r)) {
            *q = 1;
            return y < 0 ? INT64_MIN : INT64_MAX;
        }
        return r;
    }
    uint64_t r;
    if (__builtin_add_overflow(U(x), U(y), &r)) {
        *q = 1;
        return -1;
    }
    return (int64_t)r;
}

static int64_t qsub(int64_t x, int64_t y, int bits, int sgn, int *q)
{
    if (bits < 64)
        return sat(x - y, bits, sgn, q);
    if (sgn) {
        int64_t r;
        if (__builtin_sub_overflow(x, y, &r)) {
            *q = 1;
            return y > 0 ? INT64_MIN : INT64_MAX;
        }
        return r;
    }
    if (U(x) < U(y)) {
        *q = 1;
        return 0;
    }
    return (int64_t)(U(x) - U(y));
}

/* x >> n for any n >= 0 (arithmetic when signed); x is the element value. */
static int64_t shr(int64_t x, int n, int sgn)
{
    if (sgn)
        return n >= 64 ? (x < 0 ? -1 : 0) : x >> n;
    return n >= 64 ? 0 : (int64_t)(U(x) >> n);
}

/* The rounding right shift: (x + 2^(n-1)) >> n in infinite precision, n >= 1. */
static int64_t rshr(int64_t x, int n, int sgn)
{
    return (int64_t)(U(shr(x, n, sgn)) + (U(shr(x, n - 1, sgn)) & 1));
}

/* Saturating x << n, n >= 0. */
static int64_t qshl(int64_t x, int n, int bits, int sgn, int *q)
{
    if (x == 0)
        return 0;
    if (sgn) {
        if (n >= bits) {
            *q = 1;
            return x < 0 ? smin_of(bits) : smax_of(bits);
        }
        int64_t r = (int64_t)(U(x) << n);
        if ((r >> n) != x || r > smax_of(bits) || r < smin_of(bits)) {
            *q = 1;
            return x < 0 ? smin_of(bits) : smax_of(bits);
        }
        return r;
    }
    if (n >= bits) {
        *q = 1;
        return (int64_t)umask(bits);
    }
    uint64_t r = U(x) << n;
    if ((r >> n) != U(x) || r > umask(bits)) {
        *q = 1;
        return (int64_t)umask(bits);
    }
    return (int64_t)r;
}

static int64_t absdiff(int64_t x, int64_t y)
{
    return x > y ? x - y : y - x;
}

static uint64_t clmul(uint64_t x, uint64_t y, int bits)
{
    uint64_t r = 0;
    for (int i = 0; i < bits; i++)
        if (y >> i & 1)
            r ^= x << i;
    return r;
}

/* RecipEstimate() and RecipSqrtEstimate() of the ARMv7 ARM (A2.7.x "Reciprocal estimate and
 * step"): a in [0.5, 1) (resp. [0.25, 1)), the result a multiple of 1/256 in [1, 2). */
REF static double recip_estimate(double a)
{
    int q = (int)(a * 512.0);
    double r = 1.0 / (((double)q + 0.5) / 512.0);
    int s = (int)(256.0 * r + 0.5);
    return (double)s / 256.0;
}

REF static double recip_sqrt_estimate(double a)
{
    double r;
    if (a < 0.5) {
        int q0 = (int)(a * 512.0);
        r = 1.0 / __builtin_sqrt(((double)q0 + 0.5) / 512.0);
    } else {
        int q1 = (int)(a * 256.0);
        r = 1.0 / __builtin_sqrt(((double)q1 + 0.5) / 256.0);
    }
    int s = (int)(256.0 * r + 0.5);
    return (double)s / 256.0;
}

static double dfrom(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* UnsignedRecipEstimate(): VRECPE.U32. */
REF static uint32_t urecpe(uint32_t x)
{
    if (!(x >> 31))
        return 0xffffffffu;
    uint64_t dp = (0x3feull << 52) | (U(x & 0x7fffffff) << 21);
    uint64_t est = dbits(recip_estimate(dfrom(dp)));
    return 0x80000000u | (uint32_t)((est >> 21) & 0x7fffffff);
}

/* UnsignedRSqrtEstimate(): VRSQRTE.U32. */
REF static uint32_t ursqrte(uint32_t x)
{
    if (!(x >> 30))
        return 0xffffffffu;
    uint64_t dp;
    if (x >> 31)
        dp = (0x3feull << 52) | (U(x & 0x7fffffff) << 21);
    else
        dp = (0x3fdull << 52) | (U(x & 0x3fffffff) << 22);
    uint64_t est = dbits(recip_sqrt_estimate(dfrom(dp)));
    return 0x80000000u | (uint32_t)((est >> 21) & 0x7fffffff);
}

/* Saturation of a narrowing instruction: x is a signed value, or for unsigned elements the
 * bits of an element up to 64 bits wide. */
static int64_t nsat(int64_t x, int rbits, int sgn, int *q)
{
    if (sgn)
        return sat(x, rbits, 1, q);
    if (U(x) > umask(rbits)) {
        *q = 1;
        return (int64_t)umask(rbits);
    }
    return x;
}

/* VQDMULL: 2*x*y saturated to 2*bits (x, y of bits <= 32). */
static int64_t qdmull(int64_t x, int64_t y, int bits, int *q)
{
    int64_t p = x * y;
    if (bits == 32) {
        if (p == (int64_t)1 << 62) {
            *q = 1;
            return INT64_MAX;
        }
        return 2 * p;
    }
    return sat(2 * p, 2 * bits, 1, q);
}

/*
 * One result element. x, y, z: the operand elements (z the accumulator or destination), read
 * with the signedness sgn; bits: the element size of x; rbits: the element size of the result;
 * n: the immediate. Sets *q when the ARM ARM pseudocode sets FPSCR.QC.
 */
REF static int64_t elem(int op, int64_t x, int64_t y, int64_t z, int bits, int rbits, int sgn,
                        int n, int *q)
{
    int s = (int8_t)y;      /* register shift count: the bottom byte, signed */
    switch (op) {
    case OP_ADD: return (int64_t)(U(x) + U(y));
    case OP_SUB: return (int64_t)(U(x) - U(y));
    case OP_MUL: return (int64_t)(U(x) * U(y));
    case OP_MLA: return (int64_t)(U(z) + U(x) * U(y));
    case OP_MLS: return (int64_t)(U(z) - U(x) * U(y));
    case OP_QADD: return qadd(x, y, rbits, sgn, q);
    case OP_QSUB: return qsub(x, y, rbits, sgn, q);
    case OP_HADD: return (x + y) >> 1;
    case OP_RHADD: return (x + y + 1) >> 1;
    case OP_HSUB: return (x - y) >> 1;
    case OP_AND: return x & y;
    case OP_ORR: return x | y;
    case OP_EOR: return x ^ y;
    case OP_BIC: return x & ~y;
    case OP_ORN: return x | ~y;
    case OP_BSL: return (z & x) | (~z & y);       /* z: the mask (VBSL's destination) */
    case OP_BIT: return (x & y) | (z & ~y);       /* insert x where y is set */
    case OP_BIF: return (x & ~y) | (z & y);       /* insert x where y is clear */
    case OP_MIN: return x < y ? x : y;
    case OP_MAX: return x > y ? x : y;
    case OP_ABD: return absdiff(x, y);
    case OP_ABA: return (int64_t)(U(z) + U(absdiff(x, y)));
    case OP_CEQ: return x == y ? -1 : 0;
    case OP_CGE: return x >= y ? -1 : 0;
    case OP_CGT: return x > y ? -1 : 0;
    case OP_CLE: return x <= y ? -1 : 0;
    case OP_CLT: return x < y ? -1 : 0;
    case OP_TST: return (U(x) & U(y) & umask(bits)) ? -1 : 0;
    case OP_ABS: return x < 0 ? -x : x;
    case OP_NEG: return -x;
    case OP_QABS: return sat(x < 0 ? -x : x, bits, 1, q);
    case OP_QNEG: return sat(-x, bits, 1, q);
    case OP_MVN: return ~x;
    case OP_CLS: {
        int c = 0, sign = (int)(U(x) >> (bits - 1) & 1);
        for (int i = bits - 2; i >= 0 && (int)(U(x) >> i & 1) == sign; i--)
            c++;
        return c;
    }
    case OP_CLZ: {
        int c = 0;
        for (int i = bits - 1; i >= 0 && !(U(x) >> i & 1); i--)
            c++;
        return c;
    }
    case OP_CNT: return __builtin_popcountll(U(x) & umask(bits));
    case OP_SHL_R:
        if (s >= 0)
            return s >= bits ? 0 : (int64_t)(U(x) << s);
        return shr(x, -s, sgn);
    case OP_RSHL_R:
        if (s >= 0)
            return s >= bits ? 0 : (int64_t)(U(x) << s);
        return rshr(x, -s, sgn);
    case OP_QSHL_R:
        return s >= 0 ? qshl(x, s, bits, sgn, q) : shr(x, -s, sgn);
    case OP_QRSHL_R:
        return s >= 0 ? qshl(x, s, bits, sgn, q) : rshr(x, -s, sgn);
    case OP_SHR_N: return shr(x, n, sgn);
    case OP_RSHR_N: return rshr(x, n, sgn);
    case OP_SRA_N: return (int64_t)(U(z) + U(shr(x, n, sgn)));
    case OP_RSRA_N: return (int64_t)(U(z) + U(rshr(x, n, sgn)));
    case OP_SHL_N: return (int64_t)(U(x) << n);
    case OP_QSHL_N: return qshl(x, n, bits, sgn, q);
    case OP_QSHLU_N:
        if (x < 0) {
            *q = 1;
            return 0;
        }
        return qshl(x, n, bits, 0, q);
    case OP_SRI_N: {
        uint64_t m = n >= bits ? 0 : umask(bits) >> n;
        uint64_t xs = n >= 64 ? 0 : (U(x) & umask(bits)) >> n;
        return (int64_t)((U(z) & ~m) | (xs & m));
    }
    case OP_SLI_N: {
        uint64_t m = (umask(bits) << n) & umask(bits);
        return (int64_t)((U(z) & ~m) | ((U(x) << n) & m));
    }
    case OP_QDMULH:
        if (x == smin_of(bits) && y == smin_of(bits)) {
            *q = 1;
            return smax_of(bits);
        }
        return (x * y) >> (bits - 1);
    case OP_QRDMULH:
        if (x == smin_of(bits) && y == smin_of(bits)) {
            *q = 1;
            return smax_of(bits);
        }
        return (x * y + ((int64_t)1 << (bits - 2))) >> (bits - 1);
    case OP_PMUL:
    case OP_PMULL: return (int64_t)clmul(U(x) & 0xff, U(y) & 0xff, 8);
    case OP_MOVL: return x;
    case OP_SHLL_N: return (int64_t)(U(x) << n);
    case OP_MOVN: return x;
    case OP_QMOVN: return nsat(x, rbits, sgn, q);
    case OP_QMOVUN: return sat(x, rbits, 0, q);
    case OP_SHRN_N: return shr(x, n, sgn);
    case OP_RSHRN_N: return rshr(x, n, sgn);
    case OP_QSHRN_N: return nsat(shr(x, n, sgn), rbits, sgn, q);
    case OP_QRSHRN_N: return nsat(rshr(x, n, sgn), rbits, sgn, q);
    case OP_QSHRUN_N: return sat(shr(x, n, 1), rbits, 0, q);
    case OP_QRSHRUN_N: return sat(rshr(x, n, 1), rbits, 0, q);
    /* the high half of the 2*rbits-bit sum or difference */
    case OP_ADDHN: return (int64_t)((U(x) + U(y)) >> rbits);
    case OP_RADDHN: return (int64_t)((U(x) + U(y) + (1ull << (rbits - 1))) >> rbits);
    case OP_SUBHN: return (int64_t)((U(x) - U(y)) >> rbits);
    case OP_RSUBHN: return (int64_t)((U(x) - U(y) + (1ull << (rbits - 1))) >> rbits);
    case OP_QDMULL: return qdmull(x, y, bits, q);
    case OP_QDMLAL: return qadd(z, qdmull(x, y, bits, q), rbits, 1, q);
    case OP_QDMLSL: return qsub(z, qdmull(x, y, bits, q), rbits, 1, q);
    case OP_PADAL: return (int64_t)(U(z) + U(x) + U(y));
    case OP_RECPE: return urecpe((uint32_t)x);
    case OP_RSQRTE: return ursqrte((uint32_t)x);
    case OP_MOV: return x;
    default:
        printf("no reference for op %d\n", op);
        return 0;
    }
}

/* ---------------------------------------------------------------- shapes */

/* How the operand and result elements correspond. bits is the element size of the narrower
 * side: SAME r[i] = op(a[i], b[i], c[i]); LONG r (2*bits) from a, b (bits), c (2*bits);
 * WIDE r, a (2*bits) and b (bits); NARROW r (bits) from a, b (2*bits); PAIR the pairwise
 * operations on adjacent elements of a then b; PADDL r[i] (2*bits) = op(a[2i], a[2i+1], c[i]);
 * CUSTOM the permutes and moves. */
enum { SH_SAME, SH_LONG, SH_WIDE, SH_NARROW, SH_PAIR, SH_PADDL, SH_CUSTOM };

typedef void WrapFn(V *r, const V *a, const V *b, const V *c);

typedef struct {
    const char *name;
    WrapFn *fn;
    int rbytes;     /* bytes of the result (a scalar, one register or a pair) */
    int shape, op, bits, sgn, imm;
    int lane;       /* by-scalar forms: the element of b used for every lane; -1 otherwise */
    int bkind;      /* IN_ANY, IN_SHIFT or IN_IDX for operand b */
} Test;

/* The permutes, table lookups and lane moves. */
REF static void ref_custom(const Test *t, V *w, const V *a, const V *b, const V *c)
{
    int bits = t->bits, eb = bits / 8, rb = t->rbytes;
    int n = rb * 8 / bits;
    switch (t->op) {
    case OP_REV16:
    case OP_REV32:
    case OP_REV64: {
        int cont = t->op == OP_REV16 ? 16 : t->op == OP_REV32 ? 32 : 64;
        int k = cont / bits;
        for (int i = 0; i < n; i++)
            setl(w, bits, i, getl(a, bits, (i / k) * k + k - 1 - i % k, 0));
        break;
    }
    case OP_ZIP: {          /* two registers of n/2 elements each */
        int h = n / 2;
        for (int i = 0; i < h; i++) {
            setl(w, bits, 2 * i, getl(a, bits, i, 0));
            setl(w, bits, 2 * i + 1, getl(b, bits, i, 0));
        }
        break;
    }
    case OP_UZP: {
        int h = n / 2;
        for (int j = 0; j < n; j++) {
            int k = j < h ? 2 * j : 2 * (j - h) + 1;    /* index into a:b */
            setl(w, bits, j, k < h ? getl(a, bits, k, 0) : getl(b, bits, k - h, 0));
        }
        break;
    }
    case OP_TRN: {
        int h = n / 2;
        for (int i = 0; i < h; i += 2) {
            setl(w, bits, i, getl(a, bits, i, 0));
            setl(w, bits, i + 1, getl(b, bits, i, 0));
            setl(w, bits, h + i, getl(a, bits, i + 1, 0));
            setl(w, bits, h + i + 1, getl(b, bits, i + 1, 0));
        }
        break;
    }
    case OP_EXT:
        for (int i = 0; i < n; i++) {
            int k = i + t->imm;
            setl(w, bits, i, k < n ? getl(a, bits, k, 0) : getl(b, bits, k - n, 0));
        }
        break;
    case OP_DUP_LANE:
        for (int i = 0; i < n; i++)
            setl(w, bits, i, getl(a, bits, t->imm, 0));
        break;
    case OP_DUP_N:
        for (int i = 0; i < n; i++)
            setl(w, bits, i, getl(b, bits, 0, 0));
        break;
    case OP_GET_LANE:
        setl(w, bits, 0, getl(a, bits, t->imm, 0));
        break;
    case OP_SET_LANE:
        for (int i = 0; i < n; i++)
            setl(w, bits, i, i == t->imm ? getl(b, bits, 0, 0) : getl(a, bits, i, 0));
        break;
    case OP_COMBINE:
        for (int i = 0; i < 8; i++) {
            w->b[i] = a->b[i];
            w->b[8 + i] = b->b[i];
        }
        break;
    case OP_GET_LOW:
    case OP_GET_HIGH:
        for (int i = 0; i < 8; i++)
            w->b[i] = a->b[i + (t->op == OP_GET_HIGH ? 8 : 0)];
        break;
    case OP_TBL:
    case OP_TBX:
        for (int i = 0; i < 8; i++) {
            int idx = b->b[i];
            if (idx < 8 * t->imm)
                w->b[i] = a->b[idx];
            else
                w->b[i] = t->op == OP_TBL ? 0 : c->b[i];
        }
        break;
    default:
        printf("no reference for permute %d\n", t->op);
        break;
    }
    (void)eb;
}

REF static void reference(const Test *t, V *w, const V *a, const V *b, const V *c, int *q)
{
    int bits = t->bits, sg = t->sgn;
    switch (t->shape) {
    case SH_SAME:
        for (int i = 0; i < t->rbytes * 8 / bits; i++) {
            int j = t->lane >= 0 ? t->lane : i;
            setl(w, bits, i, elem(t->op, getl(a, bits, i, sg), getl(b, bits, j, sg),
                                  getl(c, bits, i, sg), bits, bits, sg, t->imm, q));
        }
        break;
    case SH_LONG:
        for (int i = 0; i < t->rbytes * 4 / bits; i++) {
            int j = t->lane >= 0 ? t->lane : i;
            setl(w, 2 * bits, i, elem(t->op, getl(a, bits, i, sg), getl(b, bits, j, sg),
                                      getl(c, 2 * bits, i, sg), bits, 2 * bits, sg, t->imm, q));
        }
        break;
    case SH_WIDE:
        for (int i = 0; i < t->rbytes * 4 / bits; i++)
            setl(w, 2 * bits, i, elem(t->op, getl(a, 2 * bits, i, sg), getl(b, bits, i, sg), 0,
                                      bits, 2 * bits, sg, t->imm, q));
        break;
    case SH_NARROW:
        for (int i = 0; i < t->rbytes * 8 / bits; i++)
            setl(w, bits, i, elem(t->op, getl(a, 2 * bits, i, sg), getl(b, 2 * bits, i, sg), 0,
                                  2 * bits, bits, sg, t->imm, q));
        break;
    case SH_PAIR: {
        int n = t->rbytes * 8 / bits, h = n / 2;
        for (int i = 0; i < h; i++) {
            setl(w, bits, i, elem(t->op, getl(a, bits, 2 * i, sg), getl(a, bits, 2 * i + 1, sg),
                                  0, bits, bits, sg, 0, q));
            setl(w, bits, h + i, elem(t->op, getl(b, bits, 2 * i, sg),
                                      getl(b, bits, 2 * i + 1, sg), 0, bits, bits, sg, 0, q));
        }
        break;
    }
    case SH_PADDL:
        for (int i = 0; i < t->rbytes * 4 / bits; i++)
            setl(w, 2 * bits, i, elem(t->op, getl(a, bits, 2 * i, sg), getl(a, bits, 2 * i + 1, sg),
                                      getl(c, 2 * bits, i, sg), bits, 2 * bits, sg, 0, q));
        break;
    default:
        ref_custom(t, w, a, b, c);
        break;
    }
}

/* ---------------------------------------------------------------- the tests */

#define TD_s8 int8x8_t
#define TD_s16 int16x4_t
#define TD_s32 int32x2_t
#define TD_s64 int64x1_t
#define TD_u8 uint8x8_t
#define TD_u16 uint16x4_t
#define TD_u32 uint32x2_t
#define TD_u64 uint64x1_t
#define TD_p8 poly8x8_t
#define TD_p16 poly16x4_t
#define TQ_s8 int8x16_t
#define TQ_s16 int16x8_t
#define TQ_s32 int32x4_t
#define TQ_s64 int64x2_t
#define TQ_u8 uint8x16_t
#define TQ_u16 uint16x8_t
#define TQ_u32 uint32x4_t
#define TQ_u64 uint64x2_t
#define TQ_p8 poly8x16_t
#define TQ_p16 poly16x8_t
/* the unsigned type of the same shape (compare results, masks) */
#define UD_s8 uint8x8_t
#define UD_s16 uint16x4_t
#define UD_s32 uint32x2_t
#define UD_s64 uint64x1_t
#define UD_u8 uint8x8_t
#define UD_u16 uint16x4_t
#define UD_u32 uint32x2_t
#define UD_u64 uint64x1_t
#define UD_p8 uint8x8_t
#define UQ_s8 uint8x16_t
#define UQ_s16 uint16x8_t
#define UQ_s32 uint32x4_t
#define UQ_s64 uint64x2_t
#define UQ_u8 uint8x16_t
#define UQ_u16 uint16x8_t
#define UQ_u32 uint32x4_t
#define UQ_u64 uint64x2_t
#define UQ_p8 uint8x16_t
/* the signed type of the same shape (shift counts) */
#define SD_s8 int8x8_t
#define SD_s16 int16x4_t
#define SD_s32 int32x2_t
#define SD_s64 int64x1_t
#define SD_u8 int8x8_t
#define SD_u16 int16x4_t
#define SD_u32 int32x2_t
#define SD_u64 int64x1_t
#define SQ_s8 int8x16_t
#define SQ_s16 int16x8_t
#define SQ_s32 int32x4_t
#define SQ_s64 int64x2_t
#define SQ_u8 int8x16_t
#define SQ_u16 int16x8_t
#define SQ_u32 int32x4_t
#define SQ_u64 int64x2_t
/* elements twice as wide (widening), in a D and a Q register */
#define WD_s8 int16x4_t
#define WD_s16 int32x2_t
#define WD_s32 int64x1_t
#define WD_u8 uint16x4_t
#define WD_u16 uint32x2_t
#define WD_u32 uint64x1_t
#define WQ_s8 int16x8_t
#define WQ_s16 int32x4_t
#define WQ_s32 int64x2_t
#define WQ_u8 uint16x8_t
#define WQ_u16 uint32x4_t
#define WQ_u32 uint64x2_t
#define WQ_p8 poly16x8_t
/* elements half as wide (narrowing), signed and unsigned results */
#define ND_s16 int8x8_t
#define ND_s32 int16x4_t
#define ND_s64 int32x2_t
#define ND_u16 uint8x8_t
#define ND_u32 uint16x4_t
#define ND_u64 uint32x2_t
#define NU_s16 uint8x8_t
#define NU_s32 uint16x4_t
#define NU_s64 uint32x2_t
#define HB_s16 8
#define HB_s32 16
#define HB_s64 32
#define HB_u16 8
#define HB_u32 16
#define HB_u64 32
/* scalar element types */
#define SC_s8 int8_t
#define SC_s16 int16_t
#define SC_s32 int32_t
#define SC_s64 int64_t
#define SC_u8 uint8_t
#define SC_u16 uint16_t
#define SC_u32 uint32_t
#define SC_u64 uint64_t
#define SC_p8 poly8_t
#define SC_p16 poly16_t
/* pairs of registers */
#define X2D_s8 int8x8x2_t
#define X2D_s16 int16x4x2_t
#define X2D_s32 int32x2x2_t
#define X2D_u8 uint8x8x2_t
#define X2D_u16 uint16x4x2_t
#define X2D_u32 uint32x2x2_t
#define X2D_p8 poly8x8x2_t
#define X2Q_s8 int8x16x2_t
#define X2Q_s16 int16x8x2_t
#define X2Q_s32 int32x4x2_t
#define X2Q_u8 uint8x16x2_t
#define X2Q_u16 uint16x8x2_t
#define X2Q_u32 uint32x4x2_t
#define X2Q_p8 poly8x16x2_t
#define B_s8 8
#define B_s16 16
#define B_s32 32
#define B_s64 64
#define B_u8 8
#define B_u16 16
#define B_u32 32
#define B_u64 64
#define B_p8 8
#define B_p16 16
#define S_s8 1
#define S_s16 1
#define S_s32 1
#define S_s64 1
#define S_u8 0
#define S_u16 0
#define S_u32 0
#define S_u64 0
#define S_p8 0
#define S_p16 0

/*
 * X(id, result type, a type, b type, c type, expression, shape, op, bits, signed, imm, lane,
 *   b kind). The expression uses the operands a, b, c loaded from the random inputs; the
 * reference uses the same operands. "id__N" names print as "id #N".
 */
#define D_AND_Q(X, id, idq, RD, RQ, AD, AQ, BD, BQ, CD, CQ, ed, eq, sh, op, bits, sg, imm, ln, k) \
    X(id, RD, AD, BD, CD, ed, sh, op, bits, sg, imm, ln, k)                                    \
    X(idq, RQ, AQ, BQ, CQ, eq, sh, op, bits, sg, imm, ln, k)

/* binary, same shape: vadd_s8(a, b) */
#define B2(X, f, t, op)                                                                        \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,     \
            TQ_##t, f##_##t(a, b), f##q_##t(a, b), SH_SAME, op, B_##t, S_##t, 0, -1, IN_ANY)
/* shift by register: the count vector is signed */
#define B2S(X, f, t, op)                                                                       \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, SD_##t, SQ_##t, TD_##t,     \
            TQ_##t, f##_##t(a, b), f##q_##t(a, b), SH_SAME, op, B_##t, S_##t, 0, -1, IN_SHIFT)
/* compares: the result is a mask of the unsigned type */
#define CMP(X, f, t, op)                                                                       \
    D_AND_Q(X, f##_##t, f##q_##t, UD_##t, UQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,     \
            TQ_##t, f##_##t(a, b), f##q_##t(a, b), SH_SAME, op, B_##t, S_##t, 0, -1, IN_ANY)
/* accumulating: vmla_s8(acc = c, a, b) */
#define A3(X, f, t, op)                                                                        \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,     \
            TQ_##t, f##_##t(c, a, b), f##q_##t(c, a, b), SH_SAME, op, B_##t, S_##t, 0, -1,    \
            IN_ANY)
/* vbsl(mask = c, a, b) */
#define BSL(X, t)                                                                              \
    D_AND_Q(X, vbsl_##t, vbslq_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, UD_##t,   \
            UQ_##t, vbsl_##t(c, a, b), vbslq_##t(c, a, b), SH_SAME, OP_BSL, B_##t, S_##t, 0,  \
            -1, IN_ANY)
/* unary */
#define U1(X, f, t, op)                                                                        \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,     \
            TQ_##t, f##_##t(a), f##q_##t(a), SH_SAME, op, B_##t, S_##t, 0, -1, IN_ANY)
/* shift by immediate n: vshr_n_s8(a, n) */
#define SI(X, f, t, n, op)                                                                     \
    D_AND_Q(X, f##_n_##t##__##n, f##q_n_##t##__##n, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,  \
            TQ_##t, TD_##t, TQ_##t, f##_n_##t(a, n), f##q_n_##t(a, n), SH_SAME, op, B_##t,    \
            S_##t, n, -1, IN_ANY)
/* ... accumulating or inserting into c: vsra_n_s8(c, a, n) */
#define SIA(X, f, t, n, op)                                                                    \
    D_AND_Q(X, f##_n_##t##__##n, f##q_n_##t##__##n, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,  \
            TQ_##t, TD_##t, TQ_##t, f##_n_##t(c, a, n), f##q_n_##t(c, a, n), SH_SAME, op,     \
            B_##t, S_##t, n, -1, IN_ANY)
/* ... with an unsigned result: vqshlu_n_s8 */
#define SIU(X, f, t, n, op)                                                                    \
    D_AND_Q(X, f##_n_##t##__##n, f##q_n_##t##__##n, UD_##t, UQ_##t, TD_##t, TQ_##t, TD_##t,  \
            TQ_##t, TD_##t, TQ_##t, f##_n_##t(a, n), f##q_n_##t(a, n), SH_SAME, op, B_##t,    \
            S_##t, n, -1, IN_ANY)
/* long: vaddl_s8(a, b); accumulating vmlal_s8(c, a, b); unary vmovl_s8(a); vshll_n_s8(a, n) */
#define L2(X, f, t, op) \
    X(f##_##t, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_##t(a, b), SH_LONG, op, B_##t, S_##t, 0, -1, IN_ANY)
#define L3(X, f, t, op) \
    X(f##_##t, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_##t(c, a, b), SH_LONG, op, B_##t, S_##t, 0, -1, IN_ANY)
#define L1(X, f, t, op) \
    X(f##_##t, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_##t(a), SH_LONG, op, B_##t, S_##t, 0, -1, IN_ANY)
#define LI(X, f, t, n, op)                                                                     \
    X(f##_n_##t##__##n, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_n_##t(a, n), SH_LONG, op, B_##t,   \
      S_##t, n, -1, IN_ANY)
/* wide: vaddw_s8(a (wide), b) */
#define W2(X, f, t, op) \
    X(f##_##t, WQ_##t, WQ_##t, TD_##t, WQ_##t, f##_##t(a, b), SH_WIDE, op, B_##t, S_##t, 0, -1, IN_ANY)
/* narrowing, named by the source type: vaddhn_s16(a, b), vmovn_s16(a), vshrn_n_s16(a, n) */
#define N2(X, f, t, op) \
    X(f##_##t, ND_##t, TQ_##t, TQ_##t, TQ_##t, f##_##t(a, b), SH_NARROW, op, HB_##t, S_##t, 0, -1, IN_ANY)
#define N1(X, f, t, op) \
    X(f##_##t, ND_##t, TQ_##t, TQ_##t, TQ_##t, f##_##t(a), SH_NARROW, op, HB_##t, S_##t, 0, -1, IN_ANY)
#define N1U(X, f, t, op) \
    X(f##_##t, NU_##t, TQ_##t, TQ_##t, TQ_##t, f##_##t(a), SH_NARROW, op, HB_##t, S_##t, 0, -1, IN_ANY)
#define NI(X, f, t, n, op)                                                                     \
    X(f##_n_##t##__##n, ND_##t, TQ_##t, TQ_##t, TQ_##t, f##_n_##t(a, n), SH_NARROW, op,        \
      HB_##t, S_##t, n, -1, IN_ANY)
#define NIU(X, f, t, n, op)                                                                    \
    X(f##_n_##t##__##n, NU_##t, TQ_##t, TQ_##t, TQ_##t, f##_n_##t(a, n), SH_NARROW, op,        \
      HB_##t, S_##t, n, -1, IN_ANY)
/* pairwise (D only): vpadd_s8(a, b); long pairwise vpaddl_s8(a), vpadal_s8(c, a) */
#define P2(X, f, t, op) \
    X(f##_##t, TD_##t, TD_##t, TD_##t, TD_##t, f##_##t(a, b), SH_PAIR, op, B_##t, S_##t, 0, -1, IN_ANY)
#define PL(X, t)                                                                               \
    D_AND_Q(X, vpaddl_##t, vpaddlq_##t, WD_##t, WQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t,        \
            WD_##t, WQ_##t, vpaddl_##t(a), vpaddlq_##t(a), SH_PADDL, OP_ADD, B_##t, S_##t, 0,  \
            -1, IN_ANY)                                                                        \
    D_AND_Q(X, vpadal_##t, vpadalq_##t, WD_##t, WQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t,        \
            WD_##t, WQ_##t, vpadal_##t(c, a), vpadalq_##t(c, a), SH_PADDL, OP_PADAL, B_##t,    \
            S_##t, 0, -1, IN_ANY)
/* by scalar: vmul_lane_s16(a, b, l) (b is a D register for both forms), vmla_lane_s16(c, a,
 * b, l), vmul_n_s16(a, scalar b), vmla_n_s16(c, a, scalar b) */
#define SL(X, f, t, l, op)                                                                     \
    D_AND_Q(X, f##_lane_##t##__##l, f##q_lane_##t##__##l, TD_##t, TQ_##t, TD_##t, TQ_##t,      \
            TD_##t, TD_##t, TD_##t, TQ_##t, f##_lane_##t(a, b, l), f##q_lane_##t(a, b, l),     \
            SH_SAME, op, B_##t, S_##t, 0, l, IN_ANY)
#define SLA(X, f, t, l, op)                                                                    \
    D_AND_Q(X, f##_lane_##t##__##l, f##q_lane_##t##__##l, TD_##t, TQ_##t, TD_##t, TQ_##t,      \
            TD_##t, TD_##t, TD_##t, TQ_##t, f##_lane_##t(c, a, b, l),                          \
            f##q_lane_##t(c, a, b, l), SH_SAME, op, B_##t, S_##t, 0, l, IN_ANY)
#define SN(X, f, t, op)                                                                        \
    D_AND_Q(X, f##_n_##t, f##q_n_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, SC_##t, SC_##t, TD_##t,  \
            TQ_##t, f##_n_##t(a, b), f##q_n_##t(a, b), SH_SAME, op, B_##t, S_##t, 0, 0, IN_ANY)
#define SNA(X, f, t, op)                                                                       \
    D_AND_Q(X, f##_n_##t, f##q_n_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, SC_##t, SC_##t, TD_##t,  \
            TQ_##t, f##_n_##t(c, a, b), f##q_n_##t(c, a, b), SH_SAME, op, B_##t, S_##t, 0, 0,  \
            IN_ANY)
/* long by scalar: vmull_lane_s16(a, b, l), vmlal_lane_s16(c, a, b, l), _n forms */
#define LL(X, f, t, l, op)                                                                     \
    X(f##_lane_##t##__##l, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_lane_##t(a, b, l), SH_LONG, op, \
      B_##t, S_##t, 0, l, IN_ANY)
#define LLA(X, f, t, l, op)                                                                    \
    X(f##_lane_##t##__##l, WQ_##t, TD_##t, TD_##t, WQ_##t, f##_lane_##t(c, a, b, l), SH_LONG,  \
      op, B_##t, S_##t, 0, l, IN_ANY)
#define LN(X, f, t, op) \
    X(f##_n_##t, WQ_##t, TD_##t, SC_##t, WQ_##t, f##_n_##t(a, b), SH_LONG, op, B_##t, S_##t, 0, 0, IN_ANY)
#define LNA(X, f, t, op) \
    X(f##_n_##t, WQ_##t, TD_##t, SC_##t, WQ_##t, f##_n_##t(c, a, b), SH_LONG, op, B_##t, S_##t, 0, 0, IN_ANY)
/* permutes */
#define PU(X, f, t, op)                                                                        \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,     \
            TQ_##t, f##_##t(a), f##q_##t(a), SH_CUSTOM, op, B_##t, S_##t, 0, -1, IN_ANY)
#define PX2(X, f, t, op)                                                                       \
    D_AND_Q(X, f##_##t, f##q_##t, X2D_##t, X2Q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t,   \
            TQ_##t, f##_##t(a, b), f##q_##t(a, b), SH_CUSTOM, op, B_##t, S_##t, 0, -1, IN_ANY)
#define EXTD(X, t, n)                                                                          \
    X(vext_##t##__##n, TD_##t, TD_##t, TD_##t, TD_##t, vext_##t(a, b, n), SH_CUSTOM, OP_EXT,   \
      B_##t, S_##t, n, -1, IN_ANY)
#define EXTQ(X, t, n)                                                                          \
    X(vextq_##t##__##n, TQ_##t, TQ_##t, TQ_##t, TQ_##t, vextq_##t(a, b, n), SH_CUSTOM, OP_EXT, \
      B_##t, S_##t, n, -1, IN_ANY)
#define DUPL(X, t, l)                                                                          \
    D_AND_Q(X, vdup_lane_##t##__##l, vdupq_lane_##t##__##l, TD_##t, TQ_##t, TD_##t, TD_##t,    \
            TD_##t, TD_##t, TD_##t, TD_##t, vdup_lane_##t(a, l), vdupq_lane_##t(a, l),         \
            SH_CUSTOM, OP_DUP_LANE, B_##t, S_##t, l, -1, IN_ANY)
#define DUPN(X, t)                                                                             \
    D_AND_Q(X, vdup_n_##t, vdupq_n_##t, TD_##t, TQ_##t, TD_##t, TD_##t, SC_##t, SC_##t,        \
            TD_##t, TD_##t, vdup_n_##t(b), vdupq_n_##t(b), SH_CUSTOM, OP_DUP_N, B_##t, S_##t,  \
            0, -1, IN_ANY)                                                                     \
    D_AND_Q(X, vmov_n_##t, vmovq_n_##t, TD_##t, TQ_##t, TD_##t, TD_##t, SC_##t, SC_##t,        \
            TD_##t, TD_##t, vmov_n_##t(b), vmovq_n_##t(b), SH_CUSTOM, OP_DUP_N, B_##t, S_##t,  \
            0, -1, IN_ANY)
#define GETL(X, t, l)                                                                          \
    X(vget_lane_##t##__##l, SC_##t, TD_##t, TD_##t, TD_##t, vget_lane_##t(a, l), SH_CUSTOM,    \
      OP_GET_LANE, B_##t, S_##t, l, -1, IN_ANY)
#define GETLQ(X, t, l)                                                                         \
    X(vgetq_lane_##t##__##l, SC_##t, TQ_##t, TQ_##t, TQ_##t, vgetq_lane_##t(a, l), SH_CUSTOM,  \
      OP_GET_LANE, B_##t, S_##t, l, -1, IN_ANY)
#define SETL(X, t, l)                                                                          \
    X(vset_lane_##t##__##l, TD_##t, TD_##t, SC_##t, TD_##t, vset_lane_##t(b, a, l), SH_CUSTOM, \
      OP_SET_LANE, B_##t, S_##t, l, -1, IN_ANY)
#define SETLQ(X, t, l)                                                                         \
    X(vsetq_lane_##t##__##l, TQ_##t, TQ_##t, SC_##t, TQ_##t, vsetq_lane_##t(b, a, l),          \
      SH_CUSTOM, OP_SET_LANE, B_##t, S_##t, l, -1, IN_ANY)
#define HALVES(X, t)                                                                           \
    X(vcombine_##t, TQ_##t, TD_##t, TD_##t, TD_##t, vcombine_##t(a, b), SH_CUSTOM, OP_COMBINE, \
      B_##t, S_##t, 0, -1, IN_ANY)                                                             \
    X(vget_low_##t, TD_##t, TQ_##t, TQ_##t, TQ_##t, vget_low_##t(a), SH_CUSTOM, OP_GET_LOW,    \
      B_##t, S_##t, 0, -1, IN_ANY)                                                             \
    X(vget_high_##t, TD_##t, TQ_##t, TQ_##t, TQ_##t, vget_high_##t(a), SH_CUSTOM, OP_GET_HIGH, \
      B_##t, S_##t, 0, -1, IN_ANY)

/* families over element types */
#define T_ALL(M, X, f, op) M(X, f, s8, op) M(X, f, s16, op) M(X, f, s32, op) M(X, f, s64, op) \
    M(X, f, u8, op) M(X, f, u16, op) M(X, f, u32, op) M(X, f, u64, op)
#define T_I6(M, X, f, op) M(X, f, s8, op) M(X, f, s16, op) M(X, f, s32, op) \
    M(X, f, u8, op) M(X, f, u16, op) M(X, f, u32, op)
#define T_S3(M, X, f, op) M(X, f, s8, op) M(X, f, s16, op) M(X, f, s32, op)
#define T_N6(M, X, f, op) M(X, f, s16, op) M(X, f, s32, op) M(X, f, s64, op) \
    M(X, f, u16, op) M(X, f, u32, op) M(X, f, u64, op)
#define T_NS3(M, X, f, op) M(X, f, s16, op) M(X, f, s32, op) M(X, f, s64, op)
#define T_H4(M, X, f, op) M(X, f, s16, op) M(X, f, s32, op) M(X, f, u16, op) M(X, f, u32, op)
#define T_H2(M, X, f, op) M(X, f, s16, op) M(X, f, s32, op)
/* shift amounts: right shifts 1..esize, left shifts 0..esize-1 */
#define SHR_AMTS(M, X, f, op) \
    M(X, f, s8, 1, op) M(X, f, s8, 3, op) M(X, f, s8, 8, op) \
    M(X, f, s16, 1, op) M(X, f, s16, 9, op) M(X, f, s16, 16, op) \
    M(X, f, s32, 1, op) M(X, f, s32, 17, op) M(X, f, s32, 32, op) \
    M(X, f, s64, 1, op) M(X, f, s64, 33, op) M(X, f, s64, 64, op) \
    M(X, f, u8, 1, op) M(X, f, u8, 5, op) M(X, f, u8, 8, op) \
    M(X, f, u16, 1, op) M(X, f, u16, 7, op) M(X, f, u16, 16, op) \
    M(X, f, u32, 1, op) M(X, f, u32, 31, op) M(X, f, u32, 32, op) \
    M(X, f, u64, 1, op) M(X, f, u64, 63, op) M(X, f, u64, 64, op)
#define SHL_AMTS_S(M, X, f, op) \
    M(X, f, s8, 0, op) M(X, f, s8, 1, op) M(X, f, s8, 7, op) \
    M(X, f, s16, 1, op) M(X, f, s16, 5, op) M(X, f, s16, 15, op) \
    M(X, f, s32, 1, op) M(X, f, s32, 13, op) M(X, f, s32, 31, op) \
    M(X, f, s64, 0, op) M(X, f, s64, 37, op) M(X, f, s64, 63, op)
#define SHL_AMTS(M, X, f, op) SHL_AMTS_S(M, X, f, op) \
    M(X, f, u8, 1, op) M(X, f, u8, 4, op) M(X, f, u8, 7, op) \
    M(X, f, u16, 0, op) M(X, f, u16, 11, op) M(X, f, u16, 15, op) \
    M(X, f, u32, 1, op) M(X, f, u32, 20, op) M(X, f, u32, 31, op) \
    M(X, f, u64, 1, op) M(X, f, u64, 32, op) M(X, f, u64, 63, op)
/* narrowing shifts: 1..esize/2 of the source */
#define NSHR_AMTS_S(M, X, f, op) \
    M(X, f, s16, 1, op) M(X, f, s16, 3, op) M(X, f, s16, 8, op) \
    M(X, f, s32, 1, op) M(X, f, s32, 11, op) M(X, f, s32, 16, op) \
    M(X, f, s64, 1, op) M(X, f, s64, 21, op) M(X, f, s64, 32, op)
#define NSHR_AMTS(M, X, f, op) NSHR_AMTS_S(M, X, f, op) \
    M(X, f, u16, 1, op) M(X, f, u16, 6, op) M(X, f, u16, 8, op) \
    M(X, f, u32, 1, op) M(X, f, u32, 9, op) M(X, f, u32, 16, op) \
    M(X, f, u64, 1, op) M(X, f, u64, 31, op) M(X, f, u64, 32, op)
/* widening shifts: 0..esize (esize has its own encoding) */
#define LSHL_AMTS(M, X, f, op) \
    M(X, f, s8, 1, op) M(X, f, s8, 8, op) M(X, f, s16, 3, op) M(X, f, s16, 16, op) \
    M(X, f, s32, 1, op) M(X, f, s32, 32, op) M(X, f, u8, 7, op) M(X, f, u8, 8, op) \
    M(X, f, u16, 1, op) M(X, f, u16, 16, op) M(X, f, u32, 29, op) M(X, f, u32, 32, op)
#define LANES4(M, X, f, op) M(X, f, s16, 0, op) M(X, f, s16, 3, op) M(X, f, s32, 1, op) \
    M(X, f, u16, 2, op) M(X, f, u32, 0, op)
#define LANES_S(M, X, f, op) M(X, f, s16, 1, op) M(X, f, s16, 3, op) M(X, f, s32, 0, op) \
    M(X, f, s32, 1, op)
/* vbsl(mask = c, a, b) */
#define A3M(X, f, t, op)                                                                       \
    D_AND_Q(X, f##_##t, f##q_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, TD_##t, TQ_##t, UD_##t,     \
            UQ_##t, f##_##t(c, a, b), f##q_##t(c, a, b), SH_SAME, op, B_##t, S_##t, 0, -1,    \
            IN_ANY)

#define TBL_ENTRIES(X)                                                                         \
    X(vtbl1_u8, uint8x8_t, uint8x8_t, uint8x8_t, uint8x8_t, vtbl1_u8(a, b), SH_CUSTOM, OP_TBL, \
      8, 0, 1, -1, IN_IDX)                                                                     \
    X(vtbl2_u8, uint8x8_t, uint8x8x2_t, uint8x8_t, uint8x8_t, vtbl2_u8(a, b), SH_CUSTOM,       \
      OP_TBL, 8, 0, 2, -1, IN_IDX)                                                             \
    X(vtbl3_u8, uint8x8_t, uint8x8x3_t, uint8x8_t, uint8x8_t, vtbl3_u8(a, b), SH_CUSTOM,       \
      OP_TBL, 8, 0, 3, -1, IN_IDX)                                                             \
    X(vtbl4_u8, uint8x8_t, uint8x8x4_t, uint8x8_t, uint8x8_t, vtbl4_u8(a, b), SH_CUSTOM,       \
      OP_TBL, 8, 0, 4, -1, IN_IDX)                                                             \
    X(vtbl1_s8, int8x8_t, int8x8_t, int8x8_t, int8x8_t, vtbl1_s8(a, b), SH_CUSTOM, OP_TBL, 8,  \
      1, 1, -1, IN_IDX)                                                                        \
    X(vtbl2_p8, poly8x8_t, poly8x8x2_t, uint8x8_t, poly8x8_t, vtbl2_p8(a, b), SH_CUSTOM,       \
      OP_TBL, 8, 0, 2, -1, IN_IDX)                                                             \
    X(vtbx1_u8, uint8x8_t, uint8x8_t, uint8x8_t, uint8x8_t, vtbx1_u8(c, a, b), SH_CUSTOM,      \
      OP_TBX, 8, 0, 1, -1, IN_IDX)                                                             \
    X(vtbx2_u8, uint8x8_t, uint8x8x2_t, uint8x8_t, uint8x8_t, vtbx2_u8(c, a, b), SH_CUSTOM,    \
      OP_TBX, 8, 0, 2, -1, IN_IDX)                                                             \
    X(vtbx3_u8, uint8x8_t, uint8x8x3_t, uint8x8_t, uint8x8_t, vtbx3_u8(c, a, b), SH_CUSTOM,    \
      OP_TBX, 8, 0, 3, -1, IN_IDX)                                                             \
    X(vtbx4_u8, uint8x8_t, uint8x8x4_t, uint8x8_t, uint8x8_t, vtbx4_u8(c, a, b), SH_CUSTOM,    \
      OP_TBX, 8, 0, 4, -1, IN_IDX)                                                             \
    X(vtbx4_s8, int8x8_t, int8x8x4_t, int8x8_t, int8x8_t, vtbx4_s8(c, a, b), SH_CUSTOM,        \
      OP_TBX, 8, 1, 4, -1, IN_IDX)

#define INT_TESTS(X)                                                                           \
    /* add, subtract, multiply */                                                              \
    T_ALL(B2, X, vadd, OP_ADD) T_ALL(B2, X, vsub, OP_SUB)                                      \
    T_ALL(B2, X, vqadd, OP_QADD) T_ALL(B2, X, vqsub, OP_QSUB)                                  \
    T_I6(B2, X, vhadd, OP_HADD) T_I6(B2, X, vrhadd, OP_RHADD) T_I6(B2, X, vhsub, OP_HSUB)      \
    T_I6(B2, X, vmul, OP_MUL) B2(X, vmul, p8, OP_PMUL)                                         \
    T_I6(A3, X, vmla, OP_MLA) T_I6(A3, X, vmls, OP_MLS)                                        \
    T_H2(B2, X, vqdmulh, OP_QDMULH) T_H2(B2, X, vqrdmulh, OP_QRDMULH)                          \
    /* bitwise */                                                                              \
    T_ALL(B2, X, vand, OP_AND) T_ALL(B2, X, vorr, OP_ORR) T_ALL(B2, X, veor, OP_EOR)           \
    T_ALL(B2, X, vbic, OP_BIC) T_ALL(B2, X, vorn, OP_ORN) T_ALL(A3M, X, vbsl, OP_BSL)          \
    /* min, max, absolute difference, compares */                                              \
    T_I6(B2, X, vmin, OP_MIN) T_I6(B2, X, vmax, OP_MAX) T_I6(B2, X, vabd, OP_ABD)              \
    T_I6(A3, X, vaba, OP_ABA)                                                                  \
    T_I6(CMP, X, vceq, OP_CEQ) CMP(X, vceq, p8, OP_CEQ) T_I6(CMP, X, vcge, OP_CGE)             \
    T_I6(CMP, X, vcgt, OP_CGT) T_I6(CMP, X, vcle, OP_CLE) T_I6(CMP, X, vclt, OP_CLT)           \
    T_I6(CMP, X, vtst, OP_TST) CMP(X, vtst, p8, OP_TST)                                        \
    /* unary */                                                                                \
    T_S3(U1, X, vabs, OP_ABS) T_S3(U1, X, vneg, OP_NEG) T_S3(U1, X, vqabs, OP_QABS)            \
    T_S3(U1, X, vqneg, OP_QNEG) T_I6(U1, X, vmvn, OP_MVN) U1(X, vmvn, p8, OP_MVN)              \
    T_S3(U1, X, vcls, OP_CLS) T_I6(U1, X, vclz, OP_CLZ) U1(X, vcnt, s8, OP_CNT)                \
    U1(X, vcnt, u8, OP_CNT) U1(X, vcnt, p8, OP_CNT) U1(X, vrecpe, u32, OP_RECPE)               \
    U1(X, vrsqrte, u32, OP_RSQRTE)                                                             \
    /* shifts by register */                                                                   \
    T_ALL(B2S, X, vshl, OP_SHL_R) T_ALL(B2S, X, vrshl, OP_RSHL_R)                              \
    T_ALL(B2S, X, vqshl, OP_QSHL_R) T_ALL(B2S, X, vqrshl, OP_QRSHL_R)                          \
    /* shifts by immediate */                                                                  \
    SHR_AMTS(SI, X, vshr, OP_SHR_N) SHR_AMTS(SI, X, vrshr, OP_RSHR_N)                          \
    SHR_AMTS(SIA, X, vsra, OP_SRA_N) SHR_AMTS(SIA, X, vrsra, OP_RSRA_N)                        \
    SHR_AMTS(SIA, X, vsri, OP_SRI_N) SHL_AMTS(SI, X, vshl, OP_SHL_N)                           \
    SHL_AMTS(SI, X, vqshl, OP_QSHL_N) SHL_AMTS(SIA, X, vsli, OP_SLI_N)                         \
    SHL_AMTS_S(SIU, X, vqshlu, OP_QSHLU_N)                                                     \
    /* widening */                                                                             \
    T_I6(L2, X, vaddl, OP_ADD) T_I6(L2, X, vsubl, OP_SUB) T_I6(W2, X, vaddw, OP_ADD)           \
    T_I6(W2, X, vsubw, OP_SUB) T_I6(L2, X, vabdl, OP_ABD) T_I6(L3, X, vabal, OP_ABA)           \
    T_I6(L2, X, vmull, OP_MUL) L2(X, vmull, p8, OP_PMULL) T_I6(L3, X, vmlal, OP_MLA)           \
    T_I6(L3, X, vmlsl, OP_MLS) T_I6(L1, X, vmovl, OP_MOVL) LSHL_AMTS(LI, X, vshll, OP_SHLL_N)  \
    T_H2(L2, X, vqdmull, OP_QDMULL) T_H2(L3, X, vqdmlal, OP_QDMLAL)                            \
    T_H2(L3, X, vqdmlsl, OP_QDMLSL)                                                            \
    /* narrowing */                                                                            \
    T_N6(N1, X, vmovn, OP_MOVN) T_N6(N1, X, vqmovn, OP_QMOVN) T_NS3(N1U, X, vqmovun, OP_QMOVUN) \
    T_N6(N2, X, vaddhn, OP_ADDHN) T_N6(N2, X, vraddhn, OP_RADDHN)                              \
    T_N6(N2, X, vsubhn, OP_SUBHN) T_N6(N2, X, vrsubhn, OP_RSUBHN)                              \
    NSHR_AMTS(NI, X, vshrn, OP_SHRN_N) NSHR_AMTS(NI, X, vrshrn, OP_RSHRN_N)                    \
    NSHR_AMTS(NI, X, vqshrn, OP_QSHRN_N) NSHR_AMTS(NI, X, vqrshrn, OP_QRSHRN_N)                \
    NSHR_AMTS_S(NIU, X, vqshrun, OP_QSHRUN_N) NSHR_AMTS_S(NIU, X, vqrshrun, OP_QRSHRUN_N)      \
    /* pairwise */                                                                             \
    T_I6(P2, X, vpadd, OP_ADD) T_I6(P2, X, vpmax, OP_MAX) T_I6(P2, X, vpmin, OP_MIN)           \
    PL(X, s8) PL(X, s16) PL(X, s32) PL(X, u8) PL(X, u16) PL(X, u32)                            \
    /* by scalar */                                                                            \
    LANES4(SL, X, vmul, OP_MUL) LANES4(SLA, X, vmla, OP_MLA) LANES4(SLA, X, vmls, OP_MLS)      \
    T_H4(SN, X, vmul, OP_MUL) T_H4(SNA, X, vmla, OP_MLA) T_H4(SNA, X, vmls, OP_MLS)            \
    LANES_S(SL, X, vqdmulh, OP_QDMULH) LANES_S(SL, X, vqrdmulh, OP_QRDMULH)                    \
    T_H2(SN, X, vqdmulh, OP_QDMULH) T_H2(SN, X, vqrdmulh, OP_QRDMULH)                          \
    LANES4(LL, X, vmull, OP_MUL) LANES4(LLA, X, vmlal, OP_MLA) LANES4(LLA, X, vmlsl, OP_MLS)   \
    LANES_S(LL, X, vqdmull, OP_QDMULL) LANES_S(LLA, X, vqdmlal, OP_QDMLAL)                     \
    LANES_S(LLA, X, vqdmlsl, OP_QDMLSL)                                                        \
    T_H4(LN, X, vmull, OP_MUL) T_H4(LNA, X, vmlal, OP_MLA) T_H4(LNA, X, vmlsl, OP_MLS)         \
    T_H2(LN, X, vqdmull, OP_QDMULL) T_H2(LNA, X, vqdmlal, OP_QDMLAL)                           \
    T_H2(LNA, X, vqdmlsl, OP_QDMLSL)                                                           \
    /* permutes and moves */                                                                   \
    PU(X, vrev16, s8, OP_REV16) PU(X, vrev16, p8, OP_REV16) PU(X, vrev32, s8, OP_REV32)        \
    PU(X, vrev32, u16, OP_REV32) PU(X, vrev64, u8, OP_REV64) PU(X, vrev64, s16, OP_REV64)      \
    PU(X, vrev64, u32, OP_REV64)                                                               \
    T_I6(PX2, X, vzip, OP_ZIP) PX2(X, vzip, p8, OP_ZIP) T_I6(PX2, X, vuzp, OP_UZP)             \
    T_I6(PX2, X, vtrn, OP_TRN)                                                                 \
    EXTD(X, s8, 0) EXTD(X, s8, 1) EXTD(X, u8, 7) EXTD(X, s16, 1) EXTD(X, u16, 3)               \
    EXTD(X, s32, 1) EXTD(X, u64, 0) EXTQ(X, u8, 1) EXTQ(X, s8, 8) EXTQ(X, u8, 15)              \
    EXTQ(X, s16, 3) EXTQ(X, u16, 7) EXTQ(X, s32, 1) EXTQ(X, u32, 3) EXTQ(X, s64, 1)            \
    DUPL(X, s8, 0) DUPL(X, u8, 7) DUPL(X, s16, 3) DUPL(X, u16, 1) DUPL(X, s32, 1)              \
    DUPL(X, u32, 0) DUPL(X, s64, 0)                                                            \
    DUPN(X, s8) DUPN(X, u8) DUPN(X, s16) DUPN(X, u16) DUPN(X, s32) DUPN(X, u32) DUPN(X, s64)   \
    DUPN(X, u64)                                                                               \
    GETL(X, s8, 7) GETL(X, u8, 3) GETL(X, s16, 2) GETL(X, u16, 3) GETL(X, s32, 1)              \
    GETL(X, u32, 0) GETL(X, s64, 0) GETL(X, u64, 0) GETLQ(X, s8, 15) GETLQ(X, u8, 9)           \
    GETLQ(X, s16, 5) GETLQ(X, u16, 7) GETLQ(X, s32, 3) GETLQ(X, u32, 2) GETLQ(X, s64, 1)       \
    GETLQ(X, u64, 0)                                                                           \
    SETL(X, s8, 7) SETL(X, u8, 2) SETL(X, s16, 1) SETL(X, u16, 3) SETL(X, s32, 1)              \
    SETL(X, u32, 0) SETL(X, s64, 0) SETLQ(X, s8, 15) SETLQ(X, u8, 6) SETLQ(X, s16, 4)          \
    SETLQ(X, u16, 7) SETLQ(X, s32, 3) SETLQ(X, u32, 1) SETLQ(X, s64, 1) SETLQ(X, u64, 0)       \
    HALVES(X, s8) HALVES(X, u16) HALVES(X, s32) HALVES(X, u64)                                 \
    TBL_ENTRIES(X)

/* Each wrapper loads its operands from memory, runs the intrinsic and stores the result. */
#define DEF_WRAP(id, RT, AT, BT, CT, expr, shape, op, bits, sg, imm, lane, k)                  \
    static void w_##id(V *r_, const V *a_, const V *b_, const V *c_)                           \
    {                                                                                          \
        AT a;                                                                                  \
        BT b;                                                                                  \
        CT c;                                                                                  \
        RT r;                                                                                  \
        memcpy(&a, a_, sizeof a);                                                              \
        memcpy(&b, b_, sizeof b);                                                              \
        memcpy(&c, c_, sizeof c);                                                              \
        (void)a;                                                                               \
        (void)b;                                                                               \
        (void)c;                                                                               \
        r = expr;                                                                              \
        memcpy(r_, &r, sizeof r);                                                              \
    }
#define DEF_ENTRY(id, RT, AT, BT, CT, expr, shape, op, bits, sg, imm, lane, k)                 \
    {#id, w_##id, (int)sizeof(RT), shape, op, bits, sg, imm, lane, k},

INT_TESTS(DEF_WRAP)

static const Test tests[] = {INT_TESTS(DEF_ENTRY)};

/* ---------------------------------------------------------------- the driver */

static uint32_t hash_bytes(uint32_t h, const void *p, int n)
{
    const uint8_t *b = p;
    for (int i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static void print_name(char *out, const char *id)
{
    /* "vshr_n_s8__3" -> "vshr_n_s8 #3" */
    const char *p = strstr(id, "__");
    if (p)
        sprintf(out, "%.*s #%s", (int)(p - id), id, p + 2);
    else
        strcpy(out, id);
}

static void hexdump(const char *what, const V *v, int n)
{
    printf("    %s", what);
    for (int i = n - 1; i >= 0; i--)
        printf("%s%02x", (i % 8 == 7 && i != n - 1) ? "_" : "", v->b[i]);
    printf("\n");
}

static int result_bits(const Test *t)
{
    switch (t->shape) {
    case SH_LONG:
    case SH_WIDE:
    case SH_PADDL:
        return 2 * t->bits;
    default:
        return t->bits;
    }
}

static void run_test(const Test *t)
{
    char name[64];
    print_name(name, t->name);
    int bits = t->bits;
    int abits = bits, bbits = bits, cbits = bits;
    switch (t->shape) {
    case SH_LONG: cbits = 2 * bits; break;
    case SH_WIDE: abits = cbits = 2 * bits; break;
    case SH_NARROW: abits = bbits = 2 * bits; break;
    case SH_PADDL: cbits = 2 * bits; break;
    default: break;
    }
    int rbits = result_bits(t);
    uint32_t h = 2166136261u;
    int qcs = 0;
    for (int it = 0; it < ITERS; it++) {
        V a, b, c, r, w;
        edge_only = it < 6;
        rand_vec(&a, abits, IN_ANY, abits, NULL);
        rand_vec(&b, bbits, t->bkind, abits, bbits == abits ? &a : NULL);
        rand_vec(&c, cbits, IN_ANY, cbits, NULL);
        edge_only = 0;
        memset(&r, 0xee, sizeof r);
        memset(&w, 0xee, sizeof w);
        set_fpscr(get_fpscr() & ~FPSCR_QC);
        t->fn(&r, &a, &b, &c);
        int qc = (get_fpscr() & FPSCR_QC) != 0;
        int q = 0;
        reference(t, &w, &a, &b, &c, &q);
        h = hash_bytes(h, r.b, t->rbytes);
        qcs += qc;
        int bad = -1;
        for (int i = 0; i < t->rbytes * 8 / rbits && bad < 0; i++)
            if (getl(&r, rbits, i, 0) != getl(&w, rbits, i, 0))
                bad = i;
        CHECK(bad < 0, "%s: lane %d: got 0x%llx want 0x%llx (iteration %d)", name, bad,
              bad < 0 ? 0ull : (unsigned long long)U(getl(&r, rbits, bad, 0)) & umask(rbits),
              bad < 0 ? 0ull : (unsigned long long)U(getl(&w, rbits, bad, 0)) & umask(rbits), it);
        if (bad >= 0 && check_verbose()) {
            hexdump("a    ", &a, 32);
            hexdump("b    ", &b, 32);
            hexdump("c    ", &c, 32);
            hexdump("got  ", &r, t->rbytes);
            hexdump("want ", &w, t->rbytes);
        }
        CHECK(qc == q, "%s: FPSCR.QC %d, want %d (iteration %d)", name, qc, q, it);
        if (qc != q && check_verbose()) {
            hexdump("a    ", &a, 32);
            hexdump("b    ", &b, 32);
            hexdump("c    ", &c, 32);
        }
    }
    printf("%-26s %08x qc=%d\n", name, (unsigned)h, qcs);
}

/* ---------------------------------------------------------------- loads and stores */

static uint8_t mem[256] __attribute__((aligned(16)));
static const int ident[8] = {0, 1, 2, 3, 4, 5, 6, 7};

static void mem_fill(void)
{
    for (int i = 0; i < (int)sizeof mem; i++)
        mem[i] = (uint8_t)rand_elem(8);
}

/* An offset into mem for an access of element size e (bytes), a multiple of align. */
static int rand_off(int align)
{
    return (int)(check_rand() % 64) / align * align;
}

/*
 * The register side of VLDn/VSTn modelled on the ARM ARM pseudocode: regs is an array of
 * registers of R bytes (8 for a D register list, 16 for the Q registers of a structure
 * type); list gives the register of structure member k in pass r as list[r + k * passes]
 * (VLD2.8 {d0-d3} is two passes over {d0, d2} and {d1, d3}). Memory holds the structures one
 * after the other: element i of member k of pass r at ((r * (R / e) + i) * n + k) * e.
 */
REF static void ref_ld_full(uint8_t *regs, const uint8_t *m, int e, int n, int passes,
                            const int *list, int R)
{
    int addr = 0;
    for (int r = 0; r < passes; r++)
        for (int i = 0; i < R / e; i++)
            for (int k = 0; k < n; k++) {
                memcpy(regs + list[r + k * passes] * R + i * e, m + addr, e);
                addr += e;
            }
}

REF static void ref_st_full(uint8_t *m, const uint8_t *regs, int e, int n, int passes,
                            const int *list, int R)
{
    int addr = 0;
    for (int r = 0; r < passes; r++)
        for (int i = 0; i < R / e; i++)
            for (int k = 0; k < n; k++) {
                memcpy(m + addr, regs + list[r + k * passes] * R + i * e, e);
                addr += e;
            }
}

/* One structure: member k in lane `lane` of register list[k]. */
REF static void ref_ld_lane(uint8_t *regs, const uint8_t *m, int e, int n, const int *list,
                            int lane, int R)
{
    for (int k = 0; k < n; k++)
        memcpy(regs + list[k] * R + lane * e, m + k * e, e);
}

REF static void ref_st_lane(uint8_t *m, const uint8_t *regs, int e, int n, const int *list,
                            int lane, int R)
{
    for (int k = 0; k < n; k++)
        memcpy(m + k * e, regs + list[k] * R + lane * e, e);
}

/* One structure to all lanes; with more registers than members (VLD1 {d0[], d1[]}) the
 * members repeat. */
REF static void ref_ld_dup(uint8_t *regs, const uint8_t *m, int e, int n, int nlist,
                           const int *list, int R)
{
    for (int j = 0; j < nlist; j++)
        for (int i = 0; i < R / e; i++)
            memcpy(regs + list[j] * R + i * e, m + (j % n) * e, e);
}

static uint32_t ldst_hash;

static void check_bytes(const char *name, const void *got, const void *want, int n, int it)
{
    const uint8_t *g = got, *w = want;
    int bad = -1;
    for (int i = 0; i < n && bad < 0; i++)
        if (g[i] != w[i])
            bad = i;
    ldst_hash = hash_bytes(ldst_hash, got, n);
    CHECK(bad < 0, "%s: byte %d: got 0x%02x want 0x%02x (iteration %d)", name, bad,
          bad < 0 ? 0 : g[bad], bad < 0 ? 0 : w[bad], it);
}

#define LDST_ITERS 12

#define LD_FULL(fn, T, ET, e, n)                                                               \
    for (int it = 0; it < LDST_ITERS; it++) {                                                  \
        T v;                                                                                   \
        uint8_t want[64];                                                                      \
        int off = rand_off(e);                                                                 \
        mem_fill();                                                                            \
        v = fn((const ET *)(mem + off));                                                       \
        memset(want, 0, sizeof want);                                                          \
        ref_ld_full(want, mem + off, e, n, 1, ident, (int)sizeof v / n);                       \
        check_bytes(#fn, &v, want, sizeof v, it);                                              \
    }
#define LD_LANE(fn, T, ET, e, n, L)                                                            \
    for (int it = 0; it < LDST_ITERS; it++) {                                                  \
        T v, init;                                                                             \
        uint8_t want[64];                                                                      \
        V r0, r1;                                                                              \
        int off = rand_off(e);                                                                 \
        mem_fill();                                                                            \
        rand_vec(&r0, 8 * e, IN_ANY, 8, NULL);                                                 \
        rand_vec(&r1, 8 * e, IN_ANY, 8, NULL);                                                 \
        memcpy(want, r0.b, 32);                                                                \
        memcpy(want + 32, r1.b, 32);                                                           \
        memcpy(&init, want, sizeof init);                                                      \
        v = fn((const ET *)(mem + off), init, L);                                              \
        ref_ld_lane(want, mem + off, e, n, ident, L, (int)sizeof v / n);                       \
        check_bytes(#fn " lane " #L, &v, want, sizeof v, it);                                  \
    }
#define LD_DUP(fn, T, ET, e, n)                                                                \
    for (int it = 0; it < LDST_ITERS; it++) {                                                  \
        T v;                                                                                   \
        uint8_t want[64];                                                                      \
        int off = rand_off(e);                                                                 \
        mem_fill();                                                                            \
        v = fn((const ET *)(mem + off));                                                       \
        ref_ld_dup(want, mem + off, e, n, n, ident, (int)sizeof v / n);                        \
        check_bytes(#fn, &v, want, sizeof v, it);                                              \
    }
#define ST_FULL(fn, T, ET, e, n)                                                               \
    for (int it = 0; it < LDST_ITERS; it++) {                                                  \
        T v;                                                                                   \
        uint8_t want[sizeof mem];                                                              \
        V r0, r1;                                                                              \
        int off = rand_off(e);                                                                 \
        mem_fill();                                                                            \
        rand_vec(&r0, 8 * e, IN_ANY, 8, NULL);                                                 \
        rand_vec(&r1, 8 * e, IN_ANY, 8, NULL);                                                 \
        memcpy(want, r0.b, 32);                                                                \
        memcpy(want + 32, r1.b, 32);                                                           \
        memcpy(&v, want, sizeof v);                                                            \
        memcpy(want, mem, sizeof mem);                                                         \
        fn((ET *)(mem + off), v);                                                              \
        ref_st_full(want + off, (const uint8_t *)&v, e, n, 1, ident, (int)sizeof v / n);       \
        check_bytes(#fn, mem, want, sizeof mem, it);                                           \
    }
#define ST_LANE(fn, T, ET, e, n, L)                                                            \
    for (int it = 0; it < LDST_ITERS; it++) {                                                  \
        T v;                                                                                   \
        uint8_t want[sizeof mem];                                                              \
        V r0, r1;                                                                              \
        int off = rand_off(e);                                                                 \
        mem_fill();                                                                            \
        rand_vec(&r0, 8 * e, IN_ANY, 8, NULL);                                                 \
        rand_vec(&r1, 8 * e, IN_ANY, 8, NULL);                                                 \
        memcpy(want, r0.b, 32);                                                                \
        memcpy(want + 32, r1.b, 32);                                                           \
        memcpy(&v, want, sizeof v);                                                            \
        memcpy(want, mem, sizeof mem);                                                         \
        fn((ET *)(mem + off), v, L);                                                           \
        ref_st_lane(want + off, (const uint8_t *)&v, e, n, ident, L, (int)sizeof v / n);       \
        check_bytes(#fn " lane " #L, mem, want, sizeof mem, it);                               \
    }

static void test_ldst_intrinsics(void)
{
    ldst_hash = 2166136261u;
    LD_FULL(vld1_u8, uint8x8_t, uint8_t, 1, 1)
    LD_FULL(vld1q_s8, int8x16_t, int8_t, 1, 1)
    LD_FULL(vld1_u16, uint16x4_t, uint16_t, 2, 1)
    LD_FULL(vld1q_u16, uint16x8_t, uint16_t, 2, 1)
    LD_FULL(vld1_s32, int32x2_t, int32_t, 4, 1)
    LD_FULL(vld1q_u32, uint32x4_t, uint32_t, 4, 1)
    LD_FULL(vld1_u64, uint64x1_t, uint64_t, 8, 1)
    LD_FULL(vld1q_s64, int64x2_t, int64_t, 8, 1)
    LD_FULL(vld2_u8, uint8x8x2_t, uint8_t, 1, 2)
    LD_FULL(vld2q_u8, uint8x16x2_t, uint8_t, 1, 2)
    LD_FULL(vld2_s16, int16x4x2_t, int16_t, 2, 2)
    LD_FULL(vld2q_u32, uint32x4x2_t, uint32_t, 4, 2)
    LD_FULL(vld2_u64, uint64x1x2_t, uint64_t, 8, 2)
    LD_FULL(vld3_u8, uint8x8x3_t, uint8_t, 1, 3)
    LD_FULL(vld3q_u16, uint16x8x3_t, uint16_t, 2, 3)
    LD_FULL(vld3_s32, int32x2x3_t, int32_t, 4, 3)
    LD_FULL(vld3q_u8, uint8x16x3_t, uint8_t, 1, 3)
    LD_FULL(vld4_u16, uint16x4x4_t, uint16_t, 2, 4)
    LD_FULL(vld4q_u8, uint8x16x4_t, uint8_t, 1, 4)
    LD_FULL(vld4_u32, uint32x2x4_t, uint32_t, 4, 4)
    LD_FULL(vld4q_s32, int32x4x4_t, int32_t, 4, 4)
    LD_FULL(vld4_u64, uint64x1x4_t, uint64_t, 8, 4)
    LD_LANE(vld1_lane_u8, uint8x8_t, uint8_t, 1, 1, 5)
    LD_LANE(vld1q_lane_u16, uint16x8_t, uint16_t, 2, 1, 6)
    LD_LANE(vld1_lane_u32, uint32x2_t, uint32_t, 4, 1, 1)
    LD_LANE(vld1q_lane_s64, int64x2_t, int64_t, 8, 1, 1)
    LD_LANE(vld2_lane_u8, uint8x8x2_t, uint8_t, 1, 2, 7)
    LD_LANE(vld2_lane_u16, uint16x4x2_t, uint16_t, 2, 2, 2)
    LD_LANE(vld2q_lane_u16, uint16x8x2_t, uint16_t, 2, 2, 5)
    LD_LANE(vld2q_lane_s32, int32x4x2_t, int32_t, 4, 2, 3)
    LD_LANE(vld3_lane_u8, uint8x8x3_t, uint8_t, 1, 3, 0)
    LD_LANE(vld3_lane_s16, int16x4x3_t, int16_t, 2, 3, 3)
    LD_LANE(vld3q_lane_u32, uint32x4x3_t, uint32_t, 4, 3, 2)
    LD_LANE(vld4_lane_u8, uint8x8x4_t, uint8_t, 1, 4, 6)
    LD_LANE(vld4_lane_u32, uint32x2x4_t, uint32_t, 4, 4, 1)
    LD_LANE(vld4q_lane_u16, uint16x8x4_t, uint16_t, 2, 4, 7)
    LD_DUP(vld1_dup_u8, uint8x8_t, uint8_t, 1, 1)
    LD_DUP(vld1q_dup_u16, uint16x8_t, uint16_t, 2, 1)
    LD_DUP(vld1q_dup_u32, uint32x4_t, uint32_t, 4, 1)
    LD_DUP(vld1_dup_s64, int64x1_t, int64_t, 8, 1)
    LD_DUP(vld2_dup_u8, uint8x8x2_t, uint8_t, 1, 2)
    LD_DUP(vld2_dup_u32, uint32x2x2_t, uint32_t, 4, 2)
    LD_DUP(vld3_dup_u16, uint16x4x3_t, uint16_t, 2, 3)
    LD_DUP(vld4_dup_u8, uint8x8x4_t, uint8_t, 1, 4)
    LD_DUP(vld4_dup_s32, int32x2x4_t, int32_t, 4, 4)
    ST_FULL(vst1_u8, uint8x8_t, uint8_t, 1, 1)
    ST_FULL(vst1q_u16, uint16x8_t, uint16_t, 2, 1)
    ST_FULL(vst1_s32, int32x2_t, int32_t, 4, 1)
    ST_FULL(vst1q_u64, uint64x2_t, uint64_t, 8, 1)
    ST_FULL(vst2_u8, uint8x8x2_t, uint8_t, 1, 2)
    ST_FULL(vst2q_u16, uint16x8x2_t, uint16_t, 2, 2)
    ST_FULL(vst2_u32, uint32x2x2_t, uint32_t, 4, 2)
    ST_FULL(vst3_u16, uint16x4x3_t, uint16_t, 2, 3)
    ST_FULL(vst3q_u8, uint8x16x3_t, uint8_t, 1, 3)
    ST_FULL(vst3q_s32, int32x4x3_t, int32_t, 4, 3)
    ST_FULL(vst4_u8, uint8x8x4_t, uint8_t, 1, 4)
    ST_FULL(vst4q_u16, uint16x8x4_t, uint16_t, 2, 4)
    ST_FULL(vst4_s32, int32x2x4_t, int32_t, 4, 4)
    ST_FULL(vst4_u64, uint64x1x4_t, uint64_t, 8, 4)
    ST_LANE(vst1_lane_u8, uint8x8_t, uint8_t, 1, 1, 3)
    ST_LANE(vst1q_lane_u16, uint16x8_t, uint16_t, 2, 1, 7)
    ST_LANE(vst1_lane_u32, uint32x2_t, uint32_t, 4, 1, 1)
    ST_LANE(vst1q_lane_u64, uint64x2_t, uint64_t, 8, 1, 1)
    ST_LANE(vst2_lane_u8, uint8x8x2_t, uint8_t, 1, 2, 4)
    ST_LANE(vst2q_lane_u32, uint32x4x2_t, uint32_t, 4, 2, 2)
    ST_LANE(vst3_lane_u16, uint16x4x3_t, uint16_t, 2, 3, 1)
    ST_LANE(vst3q_lane_u16, uint16x8x3_t, uint16_t, 2, 3, 6)
    ST_LANE(vst4_lane_u8, uint8x8x4_t, uint8_t, 1, 4, 7)
    ST_LANE(vst4_lane_s32, int32x2x4_t, int32_t, 4, 4, 0)
    ST_LANE(vst4q_lane_u32, uint32x4x4_t, uint32_t, 4, 4, 3)
    printf("%-26s %08x\n", "vld/vst intrinsics", (unsigned)ldst_hash);
}

/*
 * The addressing forms through inline asm: [Rn], [Rn]! (writeback by the transfer size),
 * [Rn], Rm (writeback by a register), alignment qualifiers, register lists with spacing 2.
 * D16-D23 are loaded from a buffer first, and stored back after the instruction.
 */
enum { M_FULL, M_LANE, M_DUP, M_ST_FULL, M_ST_LANE };
enum { WB_NONE, WB_SIZE, WB_REG };

typedef uint8_t *AsmLdSt(uint8_t *p, int32_t inc, uint8_t *regs);

typedef struct {
    const char *text;
    AsmLdSt *fn;
    int mode, e, n, passes, nlist, lane, wb, align;
    int list[8];        /* registers as offsets from D16 */
} AsmTest;

#define ASM_LDST(fname, insn)                                                                  \
    static uint8_t *fname(uint8_t *p, int32_t inc, uint8_t *regs)                              \
    {                                                                                          \
        __asm__ volatile("vld1.8 {d16-d19}, [%[r]]!\n\t"                                       \
                         "vld1.8 {d20-d23}, [%[r]]\n\t"                                        \
                         "sub %[r], %[r], #32\n\t" insn "\n\t"                                 \
                         "vst1.8 {d16-d19}, [%[r]]!\n\t"                                       \
                         "vst1.8 {d20-d23}, [%[r]]\n\t"                                        \
                         : [p] "+r"(p), [r] "+r"(regs)                                         \
                         : [m] "r"(inc)                                                        \
                         : "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23", "memory");  \
        return p;                                                                              \
    }

ASM_LDST(a_ld1_8, "vld1.8 {d16}, [%[p]]")
ASM_LDST(a_ld1_16x3, "vld1.16 {d16-d18}, [%[p]]!")
ASM_LDST(a_ld1_32x4, "vld1.32 {d17-d20}, [%[p]], %[m]")
ASM_LDST(a_ld1_64a, "vld1.64 {d16-d17}, [%[p]:128]")
ASM_LDST(a_ld2_8x4, "vld2.8 {d16-d19}, [%[p]]!")
ASM_LDST(a_ld2_16s, "vld2.16 {d16, d18}, [%[p]]")
ASM_LDST(a_ld3_32s, "vld3.32 {d17, d19, d21}, [%[p]]!")
ASM_LDST(a_ld3_8, "vld3.8 {d16-d18}, [%[p]], %[m]")
ASM_LDST(a_ld4_16, "vld4.16 {d16-d19}, [%[p]]!")
ASM_LDST(a_ld4_8s, "vld4.8 {d16, d18, d20, d22}, [%[p]:64]")
ASM_LDST(a_ld1l_16, "vld1.16 {d18[2]}, [%[p]]!")
ASM_LDST(a_ld2l_8, "vld2.8 {d16[5], d17[5]}, [%[p]], %[m]")
ASM_LDST(a_ld3l_16s, "vld3.16 {d16[1], d18[1], d20[1]}, [%[p]]")
ASM_LDST(a_ld4l_32, "vld4.32 {d17[1], d18[1], d19[1], d20[1]}, [%[p]]!")
ASM_LDST(a_ld1l_32a, "vld1.32 {d20[0]}, [%[p]:32]")
ASM_LDST(a_ld1d_8x2, "vld1.8 {d16[], d17[]}, [%[p]]!")
ASM_LDST(a_ld2d_16s, "vld2.16 {d16[], d18[]}, [%[p]]")
ASM_LDST(a_ld3d_32, "vld3.32 {d17[], d18[], d19[]}, [%[p]], %[m]")
ASM_LDST(a_ld4d_8, "vld4.8 {d16[], d17[], d18[], d19[]}, [%[p]]!")
ASM_LDST(a_ld1d_32, "vld1.32 {d21[]}, [%[p]]")
ASM_LDST(a_st1_8x4, "vst1.8 {d16-d19}, [%[p]]!")
ASM_LDST(a_st1_64, "vst1.64 {d18}, [%[p]], %[m]")
ASM_LDST(a_st2_16, "vst2.16 {d16-d17}, [%[p]]")
ASM_LDST(a_st2_32s, "vst2.32 {d16, d18}, [%[p]]!")
ASM_LDST(a_st3_8s, "vst3.8 {d16, d18, d20}, [%[p]]")
ASM_LDST(a_st4_16, "vst4.16 {d16-d19}, [%[p]], %[m]")
ASM_LDST(a_st4_32s, "vst4.32 {d16, d18, d20, d22}, [%[p]]!")
ASM_LDST(a_st1l_8, "vst1.8 {d19[6]}, [%[p]]!")
ASM_LDST(a_st2l_16, "vst2.16 {d16[3], d17[3]}, [%[p]]")
ASM_LDST(a_st3l_32s, "vst3.32 {d16[1], d18[1], d20[1]}, [%[p]], %[m]")
ASM_LDST(a_st4l_8, "vst4.8 {d16[7], d17[7], d18[7], d19[7]}, [%[p]]!")
ASM_LDST(a_st1l_32a, "vst1.32 {d21[1]}, [%[p]:32]")

static const AsmTest asm_tests[] = {
    {"vld1.8 {d16}, [rN]", a_ld1_8, M_FULL, 1, 1, 1, 1, 0, WB_NONE, 1, {0}},
    {"vld1.16 {d16-d18}, [rN]!", a_ld1_16x3, M_FULL, 2, 1, 3, 3, 0, WB_SIZE, 2, {0, 1, 2}},
    {"vld1.32 {d17-d20}, [rN], rM", a_ld1_32x4, M_FULL, 4, 1, 4, 4, 0, WB_REG, 4, {1, 2, 3, 4}},
    {"vld1.64 {d16-d17}, [rN:128]", a_ld1_64a, M_FULL, 8, 1, 2, 2, 0, WB_NONE, 16, {0, 1}},
    {"vld2.8 {d16-d19}, [rN]!", a_ld2_8x4, M_FULL, 1, 2, 2, 4, 0, WB_SIZE, 1, {0, 1, 2, 3}},
    {"vld2.16 {d16, d18}, [rN]", a_ld2_16s, M_FULL, 2, 2, 1, 2, 0, WB_NONE, 2, {0, 2}},
    {"vld3.32 {d17, d19, d21}, [rN]!", a_ld3_32s, M_FULL, 4, 3, 1, 3, 0, WB_SIZE, 4, {1, 3, 5}},
    {"vld3.8 {d16-d18}, [rN], rM", a_ld3_8, M_FULL, 1, 3, 1, 3, 0, WB_REG, 1, {0, 1, 2}},
    {"vld4.16 {d16-d19}, [rN]!", a_ld4_16, M_FULL, 2, 4, 1, 4, 0, WB_SIZE, 2, {0, 1, 2, 3}},
    {"vld4.8 {d16, d18, d20, d22}, [rN:64]", a_ld4_8s, M_FULL, 1, 4, 1, 4, 0, WB_NONE, 8,
     {0, 2, 4, 6}},
    {"vld1.16 {d18[2]}, [rN]!", a_ld1l_16, M_LANE, 2, 1, 1, 1, 2, WB_SIZE, 2, {2}},
    {"vld2.8 {d16[5], d17[5]}, [rN], rM", a_ld2l_8, M_LANE, 1, 2, 1, 2, 5, WB_REG, 1, {0, 1}},
    {"vld3.16 {d16[1], d18[1], d20[1]}, [rN]", a_ld3l_16s, M_LANE, 2, 3, 1, 3, 1, WB_NONE, 2,
     {0, 2, 4}},
    {"vld4.32 {d17[1]-d20[1]}, [rN]!", a_ld4l_32, M_LANE, 4, 4, 1, 4, 1, WB_SIZE, 4,
     {1, 2, 3, 4}},
    {"vld1.32 {d20[0]}, [rN:32]", a_ld1l_32a, M_LANE, 4, 1, 1, 1, 0, WB_NONE, 4, {4}},
    {"vld1.8 {d16[], d17[]}, [rN]!", a_ld1d_8x2, M_DUP, 1, 1, 1, 2, 0, WB_SIZE, 1, {0, 1}},
    {"vld2.16 {d16[], d18[]}, [rN]", a_ld2d_16s, M_DUP, 2, 2, 1, 2, 0, WB_NONE, 2, {0, 2}},
    {"vld3.32 {d17[]-d19[]}, [rN], rM", a_ld3d_32, M_DUP, 4, 3, 1, 3, 0, WB_REG, 4, {1, 2, 3}},
    {"vld4.8 {d16[]-d19[]}, [rN]!", a_ld4d_8, M_DUP, 1, 4, 1, 4, 0, WB_SIZE, 1, {0, 1, 2, 3}},
    {"vld1.32 {d21[]}, [rN]", a_ld1d_32, M_DUP, 4, 1, 1, 1, 0, WB_NONE, 4, {5}},
    {"vst1.8 {d16-d19}, [rN]!", a_st1_8x4, M_ST_FULL, 1, 1, 4, 4, 0, WB_SIZE, 1, {0, 1, 2, 3}},
    {"vst1.64 {d18}, [rN], rM", a_st1_64, M_ST_FULL, 8, 1, 1, 1, 0, WB_REG, 8, {2}},
    {"vst2.16 {d16-d17}, [rN]", a_st2_16, M_ST_FULL, 2, 2, 1, 2, 0, WB_NONE, 2, {0, 1}},
    {"vst2.32 {d16, d18}, [rN]!", a_st2_32s, M_ST_FULL, 4, 2, 1, 2, 0, WB_SIZE, 4, {0, 2}},
    {"vst3.8 {d16, d18, d20}, [rN]", a_st3_8s, M_ST_FULL, 1, 3, 1, 3, 0, WB_NONE, 1, {0, 2, 4}},
    {"vst4.16 {d16-d19}, [rN], rM", a_st4_16, M_ST_FULL, 2, 4, 1, 4, 0, WB_REG, 2, {0, 1, 2, 3}},
    {"vst4.32 {d16, d18, d20, d22}, [rN]!", a_st4_32s, M_ST_FULL, 4, 4, 1, 4, 0, WB_SIZE, 4,
     {0, 2, 4, 6}},
    {"vst1.8 {d19[6]}, [rN]!", a_st1l_8, M_ST_LANE, 1, 1, 1, 1, 6, WB_SIZE, 1, {3}},
    {"vst2.16 {d16[3], d17[3]}, [rN]", a_st2l_16, M_ST_LANE, 2, 2, 1, 2, 3, WB_NONE, 2, {0, 1}},
    {"vst3.32 {d16[1], d18[1], d20[1]}, [rN], rM", a_st3l_32s, M_ST_LANE, 4, 3, 1, 3, 1, WB_REG,
     4, {0, 2, 4}},
    {"vst4.8 {d16[7]-d19[7]}, [rN]!", a_st4l_8, M_ST_LANE, 1, 4, 1, 4, 7, WB_SIZE, 1,
     {0, 1, 2, 3}},
    {"vst1.32 {d21[1]}, [rN:32]", a_st1l_32a, M_ST_LANE, 4, 1, 1, 1, 1, WB_NONE, 4, {5}},
};

static void test_ldst_asm(void)
{
    for (unsigned k = 0; k < sizeof asm_tests / sizeof asm_tests[0]; k++) {
        const AsmTest *t = &asm_tests[k];
        uint32_t h = 2166136261u;
        for (int it = 0; it < LDST_ITERS; it++) {
            uint8_t regs[64], want_regs[64], want_mem[sizeof mem];
            V r0, r1;
            rand_vec(&r0, 8, IN_ANY, 8, NULL);
            rand_vec(&r1, 8, IN_ANY, 8, NULL);
            memcpy(regs, r0.b, 32);
            memcpy(regs + 32, r1.b, 32);
            memcpy(want_regs, regs, 64);
            mem_fill();
            memcpy(want_mem, mem, sizeof mem);
            int off = 32 + rand_off(t->align);
            int32_t inc = (int32_t)(check_rand() % 64) - 32;
            int size = 0;
            switch (t->mode) {
            case M_FULL:
                ref_ld_full(want_regs, mem + off, t->e, t->n, t->passes, t->list, 8);
                size = 8 * t->nlist;
                break;
            case M_LANE:
                ref_ld_lane(want_regs, mem + off, t->e, t->n, t->list, t->lane, 8);
                size = t->e * t->n;
                break;
            case M_DUP:
                ref_ld_dup(want_regs, mem + off, t->e, t->n, t->nlist, t->list, 8);
                size = t->e * t->n;
                break;
            case M_ST_FULL:
                ref_st_full(want_mem + off, regs, t->e, t->n, t->passes, t->list, 8);
                size = 8 * t->nlist;
                break;
            default:
                ref_st_lane(want_mem + off, regs, t->e, t->n, t->list, t->lane, 8);
                size = t->e * t->n;
                break;
            }
            int want_delta = t->wb == WB_SIZE ? size : t->wb == WB_REG ? inc : 0;
            uint8_t *p = t->fn(mem + off, inc, regs);
            int delta = (int)(p - (mem + off));
            int bad = -1;
            for (int i = 0; i < 64 && bad < 0; i++)
                if (regs[i] != want_regs[i])
                    bad = i;
            CHECK(bad < 0, "%s: d%d byte %d: got 0x%02x want 0x%02x", t->text, 16 + bad / 8,
                  bad % 8, bad < 0 ? 0 : regs[bad], bad < 0 ? 0 : want_regs[bad]);
            bad = -1;
            for (int i = 0; i < (int)sizeof mem && bad < 0; i++)
                if (mem[i] != want_mem[i])
                    bad = i;
            CHECK(bad < 0, "%s: memory byte %d: got 0x%02x want 0x%02x", t->text, bad - off,
                  bad < 0 ? 0 : mem[bad], bad < 0 ? 0 : want_mem[bad]);
            CHECK(delta == want_delta, "%s: base register moved by %d, want %d", t->text, delta,
                  want_delta);
            h = hash_bytes(h, regs, 64);
            h = hash_bytes(h, mem, sizeof mem);
            h = hash_bytes(h, &delta, sizeof delta);
        }
        printf("%-40s %08x\n", t->text, (unsigned)h);
    }
}

/* The core registers must come through Advanced SIMD arithmetic unchanged; they are loaded
 * from memory so that their values are not known when the code is translated. */
static void check_core_registers(void)
{
    static const uint32_t before[13] = {0x2200, 0x2201, 0x2202, 0x2203, 0x2204, 0x2205, 0x2206,
                                        0x2207, 0x2208, 0x2209, 0x220a, 0x220b, 0x220c};
    uint32_t after[13];
    uint8x16_t in = vdupq_n_u8(OPAQUE((uint8_t)0x80));
    __asm__ volatile(
        "vmov q1, %q2\n\t"
        "vmov q2, %q2\n\t"
        "push {r0-r12, lr}\n\t"
        "push {%0}\n\t"
        "mov lr, %1\n\t"
        "ldm lr, {r0-r12}\n\t"
        "vqadd.s16 q0, q1, q2\n\t"
        "vmull.u8 q0, d2, d3\n\t"
        "vqrshrun.s32 d0, q1, #3\n\t"
        "vtbl.8 d0, {d2-d4}, d5\n\t"
        "vpadal.s8 q0, q1\n\t"
        "vrecpe.u32 d0, d1\n\t"
        "vqdmulh.s32 q0, q1, d4[1]\n\t"
        "vcnt.8 d0, d2\n\t"
        "vzip.16 q1, q2\n\t"
        "vqshl.u64 d0, d1, d2\n\t"
        "vmov.u16 r3, d2[1]\n\t"
        "vdup.8 q0, r4\n\t"
        "pop {lr}\n\t"
        "stm lr, {r0-r12}\n\t"
        "pop {r0-r12, lr}\n\t"
        :
        : "r"(after), "r"(before), "w"(in)
        : "d0", "d1", "d2", "d3", "d4", "d5", "memory");
    for (int i = 0; i < 13; i++)
        CHECK(after[i] == (i == 3 ? 0x8080u : before[i]), "r%d after NEON integer arithmetic: "
              "0x%08x", i, after[i]);
}

int main(void)
{
    check_seed(20240611);
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
        run_test(&tests[i]);
    test_ldst_intrinsics();
    test_ldst_asm();
    check_core_registers();
    return check_summary("neon_int");
}
