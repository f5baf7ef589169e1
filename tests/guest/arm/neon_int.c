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
 * the differential runner compares them with qemu-arm as well.
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

/* One element of the given size, biased towards the values that matter. */
static uint64_t rand_elem(int bits)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t min = 1ull << (bits - 1);
    uint32_t k = check_rand() % 100;
    uint64_t v;
    if (k < 40) {
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
        } else if (like && check_rand() % 8 == 0) {
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
