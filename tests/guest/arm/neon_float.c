/*
 * neon_float.c: the Advanced SIMD (NEON) single-precision instructions through the arm_neon.h
 * intrinsics, checked lane by lane against scalar C references written from the ARM ARM
 * (DDI 0406C) pseudocode: FPAdd/FPSub/FPMul, the chained VMLA/VMLS and the fused VFMA/VFMS,
 * VABD, FPMax/FPMin (NaN and signed zeros), the compares incl. VACGE/VACGT and the compares
 * with zero, VRECPE/VRECPS/VRSQRTE/VRSQRTS (FPRecipEstimate, FPRecipStep, FPRSqrtEstimate,
 * FPRSqrtStep) and their use in Newton-Raphson iterations, VCVT between float and s32/u32
 * (FPToFixed/FixedToFP, incl. the fixed-point _n forms and saturation), VCVT between single
 * and half precision (IEEE and alternative format), the pairwise and by-scalar forms.
 *
 * Advanced SIMD arithmetic uses the "standard FPSCR value" whatever FPSCR holds: round to
 * nearest, flush-to-zero (denormal inputs count as zero and set IDC; results below the
 * normal range become zero and set UFC, not IXC) and default NaN (every NaN result is
 * 0x7fc00000). The cumulative exception flags do go to FPSCR. Every call clears the flags
 * first, and three calls in four run with FPSCR set to round towards zero or plus infinity,
 * with or without FZ and DN, which must change nothing. The flags after each call must be
 * the OR of the flags of the lanes; in half of the calls only one lane has operands that
 * can raise any. Each test prints one line with a checksum of its results. Last, the core
 * registers (loaded from memory) must come through a run of float instructions unchanged.
 * Built with -mfpu=neon-vfpv4 -mfp16-format=ieee.
 */
#include <arm_neon.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define REF __attribute__((noinline, optimize("no-tree-vectorize")))
#pragma GCC optimize("no-tree-vectorize")
#pragma GCC optimize("fp-contract=off")

#define ITERS 64

/* FPSCR bits */
#define F_IOC 0x01u
#define F_DZC 0x02u
#define F_OFC 0x04u
#define F_UFC 0x08u
#define F_IXC 0x10u
#define F_IDC 0x80u
#define F_ALL 0x9fu
#define FPSCR_QC (1u << 27)
#define FPSCR_AHP (1u << 26)
#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define FPSCR_RZ (3u << 22)
#define FPSCR_RP (1u << 22)

#define DEFAULT_NAN 0x7fc00000u

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

static uint32_t lget(const V *v, int i)
{
    uint32_t x;
    memcpy(&x, v->b + 4 * i, 4);
    return x;
}

static void lset(V *v, int i, uint32_t x)
{
    memcpy(v->b + 4 * i, &x, 4);
}

static uint16_t geth(const V *v, int i)
{
    uint16_t x;
    memcpy(&x, v->b + 2 * i, 2);
    return x;
}

static void seth(V *v, int i, uint16_t x)
{
    memcpy(v->b + 2 * i, &x, 2);
}

static float f_of(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static uint32_t b_of(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static double d_of(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static uint64_t db_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* ---------------------------------------------------------------- inputs */

static const uint32_t special_f32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, /* 0, 1, inf */
    0x7fc00000, 0xffc00001, 0x7fa00000, 0xff800001, 0x7fbfffff,             /* NaNs */
    0x00000001, 0x807fffff, 0x00400000, 0x80012345,                         /* denormals */
    0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff,             /* extremes */
    0x3f000000, 0xbfc00000, 0x40000000, 0x40400000, 0x3fffffff, 0x3f7fffff, /* 0.5 1.5 2 3 */
    0x4f000000, 0xcf000000, 0x4f800000, 0x4effffff, 0x4f7fffff, 0xcf000001, /* 2^31, 2^32 */
    0x5e800000, 0x1f800000, 0x20000000, 0x1f000000, 0x7e800000, 0x7f000000, /* 2^126 etc */
    0x3f800001, 0x3f7ffffe, 0x34000000, 0xb3800000, 0x4b000000, 0x4b800001, /* ulps */
};

static uint32_t rand_f32(void)
{
    uint32_t k = check_rand() % 100;
    if (k < 35)
        return special_f32[check_rand() % (sizeof special_f32 / sizeof special_f32[0])];
    if (k < 70) /* ordinary numbers, exponents near the bias */
        return (check_rand() & 0x80000000u) | ((100 + check_rand() % 60) << 23) |
               (check_rand() & 0x7fffff);
    if (k < 78) /* small numbers whose products and differences underflow */
        return (check_rand() & 0x80000000u) |
               ((1 + check_rand() % (check_rand() % 2 ? 3 : 40)) << 23) | (check_rand() & 0x7fffff);
    if (k < 84) /* large numbers whose products overflow */
        return (check_rand() & 0x80000000u) | ((200 + check_rand() % 54) << 23) |
               (check_rand() & 0x7fffff);
    if (k < 88) /* small integers */
        return b_of((float)((int32_t)(check_rand() % 41) - 20));
    if (k < 92) /* around the integer ranges */
        return (check_rand() & 0x80000000u) | ((150 + check_rand() % 10) << 23) |
               (check_rand() & 0x7fffff);
    if (k < 95) /* denormals */
        return (check_rand() & 0x80000000u) | (check_rand() & 0x7fffff);
    return check_rand();
}

static uint32_t rand_i32(void)
{
    static const uint32_t sp[] = {0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x80000001,
                                  0x00ffffff, 0x01000001, 0x7fffffc0, 0xffffff80, 0x40000001};
    uint32_t k = check_rand() % 10;
    if (k < 3)
        return sp[check_rand() % (sizeof sp / sizeof sp[0])];
    if (k < 6)
        return check_rand() >> (check_rand() % 32);
    if (k < 7)
        return (uint32_t)((int32_t)(check_rand() % 2001) - 1000);
    return check_rand();
}

static uint16_t rand_f16(void)
{
    static const uint16_t sp[] = {0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00,
                                  0xfe01, 0x7d00, 0x0001, 0x83ff, 0x0400, 0x7bff, 0xfbff,
                                  0x3555, 0x0200};
    if (check_rand() % 3 == 0)
        return sp[check_rand() % (sizeof sp / sizeof sp[0])];
    return (uint16_t)check_rand();
}

enum { IN_F, IN_I, IN_H };

static void rand_vec(V *v, int kind, const V *like)
{
    for (int i = 0; i < 8; i++) {
        if (kind == IN_H) {
            seth(v, 2 * i, rand_f16());
            seth(v, 2 * i + 1, rand_f16());
        } else if (kind == IN_I) {
            lset(v, i, rand_i32());
        } else if (like && check_rand() % 6 == 0) {
            uint32_t x = lget(like, i);
            /* equal, negated or the same magnitude */
            lset(v, i, check_rand() % 2 ? x : x ^ 0x80000000u);
        } else {
            lset(v, i, rand_f32());
        }
    }
}

/* ---------------------------------------------------------------- scalar references */

/* The exception flags of the lane being computed. */
static uint32_t xf;

static int f_isnan(uint32_t x)
{
    return (x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffffu);
}

static int f_issnan(uint32_t x)
{
    return f_isnan(x) && !(x & 0x400000u);
}

static int f_isinf(uint32_t x)
{
    return (x & 0x7fffffffu) == 0x7f800000u;
}

static int f_iszero(uint32_t x)
{
    return (x & 0x7fffffffu) == 0;
}

/* FPUnpack with FZ set: a denormal reads as a zero of its sign and sets IDC. */
static uint32_t flush_in(uint32_t x)
{
    if ((x & 0x7f800000u) == 0 && (x & 0x7fffffu)) {
        xf |= F_IDC;
        return x & 0x80000000u;
    }
    return x;
}

/* FPProcessNaNs with DN set: the default NaN, IOC for a signalling NaN. */
static int nan_case(uint32_t x, uint32_t y, uint32_t z, int nz, uint32_t *r)
{
    int any = f_isnan(x) || f_isnan(y) || (nz && f_isnan(z));
    if (!any)
        return 0;
    if (f_issnan(x) || f_issnan(y) || (nz && f_issnan(z)))
        xf |= F_IOC;
    *r = DEFAULT_NAN;
    return 1;
}

/* One scalar VFP operation in the default mode (round to nearest, no flush-to-zero), with
 * the exception flags it raises. The asm statements keep the operation between the FPSCR
 * accesses. */
enum { S_ADD, S_SUB, S_MUL, S_FMA };

REF static float scalar_op(int op, float x, float y, float z, uint32_t *flags)
{
    float r;
    set_fpscr(0);
    __asm__ volatile("" : "+t"(x), "+t"(y), "+t"(z));
    switch (op) {
    case S_ADD: r = x + y; break;
    case S_SUB: r = x - y; break;
    case S_MUL: r = x * y; break;
    default: r = __builtin_fmaf(x, y, z); break;
    }
    __asm__ volatile("" : "+t"(r));
    *flags = get_fpscr() & F_ALL;
    set_fpscr(0);
    return r;
}

/*
 * FPAdd/FPSub/FPMul/FPMulAdd under the standard FPSCR value. The numerical result comes from
 * the scalar unit in the default mode; flush-to-zero is applied afterwards as FPRound does
 * it: a result whose exact value is below 2^-126 in magnitude becomes a zero of its sign,
 * with UFC and without IXC. (Exact tiny sums are representable, so a denormal sum is the
 * exact one; products are exact in double; a fused result is judged from its double value.)
 */
REF static uint32_t fp_arith(int op, uint32_t x, uint32_t y, uint32_t z)
{
    uint32_t r;
    x = flush_in(x);
    y = flush_in(y);
    if (op == S_FMA)
        z = flush_in(z);
    if (nan_case(x, y, z, op == S_FMA, &r)) {
        /* FPMulAdd: a quiet NaN addend with infinity times zero is still Invalid */
        if (op == S_FMA && ((f_isinf(x) && f_iszero(y)) || (f_iszero(x) && f_isinf(y))))
            xf |= F_IOC;
        return r;
    }
    if (op == S_FMA) {
        int infzero = (f_isinf(x) && f_iszero(y)) || (f_iszero(x) && f_isinf(y));
        int sp = (int)((x ^ y) >> 31), inf_p = f_isinf(x) || f_isinf(y);
        if (infzero || (f_isinf(z) && inf_p && (int)(z >> 31) != sp)) {
            xf |= F_IOC;
            return DEFAULT_NAN;
        }
    }
    uint32_t fl;
    float fr = scalar_op(op, f_of(x), f_of(y), f_of(z), &fl);
    r = b_of(fr);
    if (f_isnan(r)) {       /* inf - inf, 0 * inf */
        xf |= F_IOC;
        return DEFAULT_NAN;
    }
    int tiny;
    double exact;
    switch (op) {
    case S_MUL:
        exact = (double)f_of(x) * (double)f_of(y);
        tiny = exact != 0.0 && fabs(exact) < 0x1p-126;
        break;
    case S_FMA: {
        /* the exact value is sum + err (the product is exact in double, TwoSum gives the
         * rounding error of the addition exactly) */
        double p = (double)f_of(x) * (double)f_of(y), a = (double)f_of(z);
        double sum = p + a, bb = sum - p, err = (p - (sum - bb)) + (a - bb);
        exact = sum != 0.0 ? sum : err;
        if (fabs(sum) < 0x1p-126)
            tiny = sum != 0.0 || err != 0.0;
        else
            tiny = fabs(sum) == 0x1p-126 && err != 0.0 && (err < 0) != (sum < 0);
        break;
    }
    default:
        exact = (double)fr;
        tiny = (r & 0x7f800000u) == 0 && (r & 0x7fffffu);
        break;
    }
    if (tiny) {
        xf |= F_UFC;
        return exact < 0 ? 0x80000000u : 0;
    }
    xf |= fl & (F_IOC | F_OFC | F_IXC);
    return r;
}

static int64_t order_key(uint32_t x)
{
    int64_t m = x & 0x7fffffffu;
    return (x >> 31) ? -m : m;
}

/* FPMax/FPMin: NaNs give the default NaN; of two zeros max takes +0, min -0. */
REF static uint32_t fp_maxmin(uint32_t x, uint32_t y, int is_max)
{
    uint32_t r;
    x = flush_in(x);
    y = flush_in(y);
    if (nan_case(x, y, 0, 0, &r))
        return r;
    if (f_iszero(x) && f_iszero(y))
        return is_max ? (x & y) : (x | y);
    int64_t kx = order_key(x), ky = order_key(y);
    if (is_max)
        return kx > ky ? x : y;
    return kx < ky ? x : y;
}

/* FPCompareEQ/GE/GT: unordered is false; EQ signals only for signalling NaNs, GE and GT for
 * every NaN. */
enum { C_EQ, C_GE, C_GT };

REF static uint32_t fp_compare(uint32_t x, uint32_t y, int how)
{
    x = flush_in(x);
    y = flush_in(y);
    if (f_isnan(x) || f_isnan(y)) {
        if (how != C_EQ || f_issnan(x) || f_issnan(y))
            xf |= F_IOC;
        return 0;
    }
    int64_t kx = order_key(x), ky = order_key(y);
    int t = how == C_EQ ? kx == ky : how == C_GE ? kx >= ky : kx > ky;
    return t ? 0xffffffffu : 0;
}

/* RecipEstimate/RecipSqrtEstimate (ARMv7 ARM, "Reciprocal estimate and step"). */
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
        r = 1.0 / sqrt(((double)q0 + 0.5) / 512.0);
    } else {
        int q1 = (int)(a * 256.0);
        r = 1.0 / sqrt(((double)q1 + 0.5) / 256.0);
    }
    int s = (int)(256.0 * r + 0.5);
    return (double)s / 256.0;
}

/* FPRecipEstimate */
REF static uint32_t fp_recpe(uint32_t x)
{
    uint32_t r;
    x = flush_in(x);
    if (nan_case(x, 0, 0, 0, &r))
        return r;
    uint32_t sign = x & 0x80000000u;
    if (f_isinf(x))
        return sign;
    if (f_iszero(x)) {
        xf |= F_DZC;
        return sign | 0x7f800000u;
    }
    uint32_t e = (x >> 23) & 0xff;
    if (e >= 253) {         /* Abs(value) >= 2^126: the result underflows */
        xf |= F_UFC;
        return sign;
    }
    uint64_t scaled = (0x3feull << 52) | ((uint64_t)(x & 0x7fffff) << 29);
    uint64_t est = db_of(recip_estimate(d_of(scaled)));
    uint32_t rexp = 253 - e;
    return sign | (rexp & 0xff) << 23 | (uint32_t)((est >> 29) & 0x7fffff);
}

/* FPRSqrtEstimate */
REF static uint32_t fp_rsqrte(uint32_t x)
{
    uint32_t r;
    x = flush_in(x);
    if (nan_case(x, 0, 0, 0, &r))
        return r;
    if (f_iszero(x)) {
        xf |= F_DZC;
        return (x & 0x80000000u) | 0x7f800000u;
    }
    if (x >> 31) {
        xf |= F_IOC;
        return DEFAULT_NAN;
    }
    if (f_isinf(x))
        return 0;
    uint32_t e = (x >> 23) & 0xff;
    uint64_t scaled;
    if (!(e & 1))
        scaled = (0x3feull << 52) | ((uint64_t)(x & 0x7fffff) << 29);
    else
        scaled = (0x3fdull << 52) | ((uint64_t)(x & 0x7fffff) << 29);
    uint64_t est = db_of(recip_sqrt_estimate(d_of(scaled)));
    uint32_t rexp = (380 - e) / 2;
    return (rexp & 0xff) << 23 | (uint32_t)((est >> 29) & 0x7fffff);
}

/* FPRecipStep (2 - x*y) and FPRSqrtStep ((3 - x*y) / 2), not fused in ARMv7: an infinity
 * times a zero counts as a zero product. */
REF static uint32_t fp_step(uint32_t x, uint32_t y, int rsqrt)
{
    uint32_t r;
    uint32_t fx = flush_in(x), fy = flush_in(y);
    if (nan_case(fx, fy, 0, 0, &r))
        return r;
    uint32_t p;
    if ((f_isinf(fx) && f_iszero(fy)) || (f_iszero(fx) && f_isinf(fy)))
        p = 0;
    else
        p = fp_arith(S_MUL, fx, fy, 0);
    if (!rsqrt)
        return fp_arith(S_SUB, 0x40000000u, p, 0);
    /* FPHalvedSub(3.0, p): the halving of a rounded difference is exact here (the difference
     * is at least 2^-22 when it is not zero) */
    r = fp_arith(S_SUB, 0x40400000u, p, 0);
    if (f_isnan(r) || f_isinf(r) || f_iszero(r))
        return r;
    return r - (1u << 23);
}

/* FPToFixed with round towards zero: saturation and NaN are Invalid Operation. */
REF static uint32_t fp_to_fixed(uint32_t x, int fbits, int is_unsigned)
{
    x = flush_in(x);
    if (f_isnan(x)) {
        xf |= F_IOC;
        return 0;
    }
    double v;
    if (f_isinf(x))
        v = (x >> 31) ? -0x1p80 : 0x1p80;
    else
        v = (double)f_of(x) * ldexp(1.0, fbits);
    double t = trunc(v);
    int64_t lo = is_unsigned ? 0 : INT32_MIN, hi = is_unsigned ? UINT32_MAX : INT32_MAX;
    if (t < (double)lo || t > (double)hi) {
        xf |= F_IOC;
        return (uint32_t)(t < (double)lo ? lo : hi);
    }
    if (t != v)
        xf |= F_IXC;
    return (uint32_t)(int64_t)t;
}

/* FixedToFP, round to nearest */
REF static uint32_t fixed_to_fp(uint32_t x, int fbits, int is_unsigned)
{
    double v = is_unsigned ? (double)x : (double)(int32_t)x;
    v = ldexp(v, -fbits);
    float f = (float)v;
    if ((double)f != v)
        xf |= F_IXC;
    return b_of(f);
}

/* FPSingleToHalf: input denormals are flushed (FZ), half results are not (FPRound leaves
 * half precision alone); ahp selects the alternative format (no infinities or NaNs). */
REF static uint16_t fp_to_half(uint32_t x, int ahp)
{
    x = flush_in(x);
    uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    if (f_isnan(x)) {
        if (f_issnan(x) || ahp)
            xf |= F_IOC;
        return ahp ? sign : 0x7e00;
    }
    if (f_isinf(x)) {
        if (ahp) {
            xf |= F_IOC;
            return sign | 0x7fff;
        }
        return sign | 0x7c00;
    }
    if (f_iszero(x))
        return sign;
    /* value = m * 2^(e - 23 - 127) with the implicit bit */
    int e = (int)((x >> 23) & 0xff) - 127;
    uint32_t m = (x & 0x7fffff) | 0x800000;
    /* half: normal exponents -14..15, denormals down to 2^-24 */
    int shift;                      /* bits of m to drop */
    int hexp;
    if (e < -14) {
        shift = 13 + (-14 - e);
        hexp = 0;
    } else {
        shift = 13;
        hexp = e + 15;
    }
    uint32_t q, rem, half;
    if (shift >= 32) {
        q = 0;
        rem = m;
        half = shift == 32 ? 0x80000000u : 0;     /* only for the tie test below */
    } else {
        q = m >> shift;
        rem = m & ((1u << shift) - 1);
        half = 1u << (shift - 1);
    }
    int inexact = rem != 0;
    if (shift < 32 && (rem > half || (rem == half && (q & 1))))
        q++;
    if (hexp == 0 && inexact)
        xf |= F_UFC;            /* tiny (before rounding) and inexact */
    uint32_t h;
    if (hexp == 0) {
        h = q;                  /* may round up into the smallest normal: still right */
    } else {
        /* q holds the implicit bit at position 10 */
        if (q >> 11) {
            q >>= 1;
            hexp++;
        }
        h = (uint32_t)hexp << 10 | (q & 0x3ff);
    }
    int max_exp = ahp ? 32 : 31;
    if ((h >> 10) >= (uint32_t)max_exp) {
        if (ahp) {
            xf |= F_IOC;
            return sign | 0x7fff;
        }
        xf |= F_OFC | F_IXC;
        return sign | 0x7c00;
    }
    if (inexact)
        xf |= F_IXC;
    return sign | (uint16_t)h;
}

/* FPHalfToSingle: half denormals are not flushed; NaNs become the default NaN (DN). */
REF static uint32_t fp_from_half(uint16_t h, int ahp)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t e = (h >> 10) & 0x1f, m = h & 0x3ff;
    if (e == 0x1f && !ahp) {
        if (m == 0)
            return sign | 0x7f800000u;
        if (!(m & 0x200))
            xf |= F_IOC;
        return DEFAULT_NAN;
    }
    if (e == 0) {
        if (m == 0)
            return sign;
        int k = 0;
        while (!(m & 0x400)) {
            m <<= 1;
            k++;
        }
        return sign | (uint32_t)(127 - 14 - k) << 23 | (m & 0x3ff) << 13;
    }
    return sign | (e - 15 + 127) << 23 | m << 13;
}

/* ---------------------------------------------------------------- the tests */

enum {
    OP_ADD, OP_SUB, OP_MUL, OP_MLA, OP_MLS, OP_FMA, OP_FMS, OP_ABD, OP_MAX, OP_MIN, OP_ABS,
    OP_NEG, OP_CEQ, OP_CGE, OP_CGT, OP_CLE, OP_CLT, OP_ACGE, OP_ACGT, OP_ACLE, OP_ACLT,
    OP_CEQZ, OP_CGEZ, OP_CGTZ, OP_CLEZ, OP_CLTZ, OP_RECPE, OP_RSQRTE, OP_RECPS, OP_RSQRTS,
    OP_CVT_S32, OP_CVT_U32, OP_CVT_F_S32, OP_CVT_F_U32, OP_PADD, OP_PMAX, OP_PMIN, OP_TO_F16,
    OP_FROM_F16
};

/* One lane: x from a, y from b (or its scalar), z from c (the accumulator). */
REF static uint32_t lane_ref(int op, uint32_t x, uint32_t y, uint32_t z, int n)
{
    uint32_t p;
    switch (op) {
    case OP_ADD: return fp_arith(S_ADD, x, y, 0);
    case OP_SUB: return fp_arith(S_SUB, x, y, 0);
    case OP_MUL: return fp_arith(S_MUL, x, y, 0);
    case OP_MLA:
    case OP_MLS:
        /* VMLA: FPAdd(acc, FPMul(x, y)) rounded twice; VMLS adds FPNeg of the product */
        p = fp_arith(S_MUL, x, y, 0);
        if (op == OP_MLS)
            p ^= 0x80000000u;
        return fp_arith(S_ADD, z, p, 0);
    case OP_FMA: return fp_arith(S_FMA, x, y, z);
    case OP_FMS: return fp_arith(S_FMA, x ^ 0x80000000u, y, z);    /* VFMS negates op1 */
    case OP_ABD: return fp_arith(S_SUB, x, y, 0) & 0x7fffffffu;
    case OP_MAX: return fp_maxmin(x, y, 1);
    case OP_MIN: return fp_maxmin(x, y, 0);
    case OP_ABS: return x & 0x7fffffffu;
    case OP_NEG: return x ^ 0x80000000u;
    case OP_CEQ: return fp_compare(x, y, C_EQ);
    case OP_CGE: return fp_compare(x, y, C_GE);
    case OP_CGT: return fp_compare(x, y, C_GT);
    case OP_CLE: return fp_compare(y, x, C_GE);
    case OP_CLT: return fp_compare(y, x, C_GT);
    case OP_ACGE: return fp_compare(x & 0x7fffffffu, y & 0x7fffffffu, C_GE);
    case OP_ACGT: return fp_compare(x & 0x7fffffffu, y & 0x7fffffffu, C_GT);
    case OP_ACLE: return fp_compare(y & 0x7fffffffu, x & 0x7fffffffu, C_GE);
    case OP_ACLT: return fp_compare(y & 0x7fffffffu, x & 0x7fffffffu, C_GT);
    case OP_CEQZ: return fp_compare(x, 0, C_EQ);
    case OP_CGEZ: return fp_compare(x, 0, C_GE);
    case OP_CGTZ: return fp_compare(x, 0, C_GT);
    case OP_CLEZ: return fp_compare(0, x, C_GE);
    case OP_CLTZ: return fp_compare(0, x, C_GT);
    case OP_RECPE: return fp_recpe(x);
    case OP_RSQRTE: return fp_rsqrte(x);
    case OP_RECPS: return fp_step(x, y, 0);
    case OP_RSQRTS: return fp_step(x, y, 1);
    case OP_CVT_S32: return fp_to_fixed(x, n, 0);
    case OP_CVT_U32: return fp_to_fixed(x, n, 1);
    case OP_CVT_F_S32: return fixed_to_fp(x, n, 0);
    case OP_CVT_F_U32: return fixed_to_fp(x, n, 1);
    default:
        printf("no reference for op %d\n", op);
        return 0;
    }
}

enum { SH_SAME, SH_PAIR, SH_NARROW_H, SH_WIDEN_H };

typedef void WrapFn(V *r, const V *a, const V *b, const V *c);

typedef struct {
    const char *name;
    WrapFn *fn;
    int rbytes, shape, op, imm, lane, akind;
} Test;

/* The reference for a whole call; returns the OR of the lanes' exception flags. */
REF static uint32_t reference(const Test *t, V *w, const V *a, const V *b, const V *c, int ahp)
{
    uint32_t flags = 0;
    switch (t->shape) {
    case SH_SAME:
        for (int i = 0; i < t->rbytes / 4; i++) {
            xf = 0;
            uint32_t y = lget(b, t->lane >= 0 ? t->lane : i);
            lset(w, i, lane_ref(t->op, lget(a, i), y, lget(c, i), t->imm));
            flags |= xf;
        }
        break;
    case SH_PAIR:
        for (int i = 0; i < 2; i++) {
            const V *s = i ? b : a;
            xf = 0;
            uint32_t x = lget(s, 0), y = lget(s, 1), r;
            r = t->op == OP_PADD ? fp_arith(S_ADD, x, y, 0) : fp_maxmin(x, y, t->op == OP_PMAX);
            lset(w, i, r);
            flags |= xf;
        }
        break;
    case SH_NARROW_H:
        for (int i = 0; i < 4; i++) {
            xf = 0;
            seth(w, i, fp_to_half(lget(a, i), ahp));
            flags |= xf;
        }
        break;
    default:
        for (int i = 0; i < 4; i++) {
            xf = 0;
            lset(w, i, fp_from_half(geth(a, i), ahp));
            flags |= xf;
        }
        break;
    }
    return flags;
}

#define FD float32x2_t
#define FQ float32x4_t
#define UD uint32x2_t
#define UQ uint32x4_t
#define SD int32x2_t
#define SQ int32x4_t

/*
 * GCC expands the ordered float compares (and VNEG) of arm_neon.h as generic vector code,
 * which it turns into scalar VFP instructions to keep IEEE semantics; these go through
 * inline asm so that the NEON instructions are what runs.
 */
#define ASM_CMP(name, insn)                                                                  \
    static inline uint32x2_t name##_f32(float32x2_t a, float32x2_t b)                        \
    {                                                                                        \
        uint32x2_t r;                                                                        \
        __asm__(insn ".f32 %P0, %P1, %P2" : "=w"(r) : "w"(a), "w"(b));                       \
        return r;                                                                            \
    }                                                                                        \
    static inline uint32x4_t name##q_f32(float32x4_t a, float32x4_t b)                       \
    {                                                                                        \
        uint32x4_t r;                                                                        \
        __asm__(insn ".f32 %q0, %q1, %q2" : "=w"(r) : "w"(a), "w"(b));                       \
        return r;                                                                            \
    }                                                                                        \
    static inline uint32x2_t name##_zero_f32(float32x2_t a)                                  \
    {                                                                                        \
        uint32x2_t r;                                                                        \
        __asm__(insn ".f32 %P0, %P1, #0" : "=w"(r) : "w"(a));                                 \
        return r;                                                                            \
    }                                                                                        \
    static inline uint32x4_t name##q_zero_f32(float32x4_t a)                                 \
    {                                                                                        \
        uint32x4_t r;                                                                        \
        __asm__(insn ".f32 %q0, %q1, #0" : "=w"(r) : "w"(a));                                 \
        return r;                                                                            \
    }
ASM_CMP(a_vceq, "vceq")
ASM_CMP(a_vcge, "vcge")
ASM_CMP(a_vcgt, "vcgt")
ASM_CMP(a_vcle, "vcle")
ASM_CMP(a_vclt, "vclt")

static inline float32x2_t a_vneg_f32(float32x2_t a)
{
    float32x2_t r;
    __asm__("vneg.f32 %P0, %P1" : "=w"(r) : "w"(a));
    return r;
}

static inline float32x4_t a_vnegq_f32(float32x4_t a)
{
    float32x4_t r;
    __asm__("vneg.f32 %q0, %q1" : "=w"(r) : "w"(a));
    return r;
}

/* X(id, result type, a, b, c types, expression, shape, op, imm, lane, a kind) */
#define DQ(X, id, idq, RD, RQ, AD, AQ, BD, BQ, CD, CQ, ed, eq, sh, op, imm, lane, k)          \
    X(id, RD, AD, BD, CD, ed, sh, op, imm, lane, k)                                          \
    X(idq, RQ, AQ, BQ, CQ, eq, sh, op, imm, lane, k)
#define F2(X, f, op) DQ(X, f##_f32, f##q_f32, FD, FQ, FD, FQ, FD, FQ, FD, FQ, f##_f32(a, b),  \
                        f##q_f32(a, b), SH_SAME, op, 0, -1, IN_F)
#define F3(X, f, op) DQ(X, f##_f32, f##q_f32, FD, FQ, FD, FQ, FD, FQ, FD, FQ, f##_f32(c, a, b), \
                        f##q_f32(c, a, b), SH_SAME, op, 0, -1, IN_F)
#define F1(X, f, op) DQ(X, f##_f32, f##q_f32, FD, FQ, FD, FQ, FD, FQ, FD, FQ, f##_f32(a),     \
                        f##q_f32(a), SH_SAME, op, 0, -1, IN_F)
#define FC(X, f, op) DQ(X, f##_f32, f##q_f32, UD, UQ, FD, FQ, FD, FQ, FD, FQ, f##_f32(a, b),  \
                        f##q_f32(a, b), SH_SAME, op, 0, -1, IN_F)
/* compare with zero: the compiler uses the #0 forms of VCEQ/VCGE/VCGT/VCLE/VCLT */
#define FCA(X, f, op) DQ(X, f##_f32, f##q_f32, UD, UQ, FD, FQ, FD, FQ, FD, FQ,                \
                         a_##f##_f32(a, b), a_##f##q_f32(a, b), SH_SAME, op, 0, -1, IN_F)
#define FCZ(X, f, op) DQ(X, f##_zero_f32, f##q_zero_f32, UD, UQ, FD, FQ, FD, FQ, FD, FQ,       \
                         a_##f##_zero_f32(a), a_##f##q_zero_f32(a), SH_SAME, op, 0, -1, IN_F)
#define FCVT(X, t, RD, RQ, AD, AQ, op, k)                                                    \
    DQ(X, vcvt_##t, vcvtq_##t, RD, RQ, AD, AQ, AD, AQ, AD, AQ, vcvt_##t(a), vcvtq_##t(a),     \
       SH_SAME, op, 0, -1, k)
#define FCVTN(X, f, t, RD, RQ, AD, AQ, n, op, k)                                             \
    DQ(X, f##_n_##t##__##n, f##q_n_##t##__##n, RD, RQ, AD, AQ, AD, AQ, AD, AQ,               \
       f##_n_##t(a, n), f##q_n_##t(a, n), SH_SAME, op, n, -1, k)
#define FLANE(X, f, l, op)                                                                   \
    DQ(X, f##_lane_f32__##l, f##q_lane_f32__##l, FD, FQ, FD, FQ, FD, FD, FD, FQ,             \
       f##_lane_f32(a, b, l), f##q_lane_f32(a, b, l), SH_SAME, op, 0, l, IN_F)
#define FLANEA(X, f, l, op)                                                                  \
    DQ(X, f##_lane_f32__##l, f##q_lane_f32__##l, FD, FQ, FD, FQ, FD, FD, FD, FQ,             \
       f##_lane_f32(c, a, b, l), f##q_lane_f32(c, a, b, l), SH_SAME, op, 0, l, IN_F)
#define FN(X, f, op) DQ(X, f##_n_f32, f##q_n_f32, FD, FQ, FD, FQ, float, float, FD, FQ,        \
                        f##_n_f32(a, b), f##q_n_f32(a, b), SH_SAME, op, 0, 0, IN_F)
#define FNA(X, f, op) DQ(X, f##_n_f32, f##q_n_f32, FD, FQ, FD, FQ, float, float, FD, FQ,       \
                         f##_n_f32(c, a, b), f##q_n_f32(c, a, b), SH_SAME, op, 0, 0, IN_F)

#define FLOAT_TESTS(X)                                                                       \
    F2(X, vadd, OP_ADD) F2(X, vsub, OP_SUB) F2(X, vmul, OP_MUL) F3(X, vmla, OP_MLA)            \
    F3(X, vmls, OP_MLS) F3(X, vfma, OP_FMA) F3(X, vfms, OP_FMS) F2(X, vabd, OP_ABD)            \
    F2(X, vmax, OP_MAX) F2(X, vmin, OP_MIN) F1(X, vabs, OP_ABS)                                \
    DQ(X, vneg_f32, vnegq_f32, FD, FQ, FD, FQ, FD, FQ, FD, FQ, a_vneg_f32(a), a_vnegq_f32(a),  \
       SH_SAME, OP_NEG, 0, -1, IN_F)                                                           \
    FC(X, vceq, OP_CEQ) FCA(X, vcge, OP_CGE) FCA(X, vcgt, OP_CGT) FCA(X, vcle, OP_CLE)         \
    FCA(X, vclt, OP_CLT) FC(X, vcage, OP_ACGE) FC(X, vcagt, OP_ACGT) FC(X, vcale, OP_ACLE)      \
    FC(X, vcalt, OP_ACLT) FCZ(X, vceq, OP_CEQZ) FCZ(X, vcge, OP_CGEZ) FCZ(X, vcgt, OP_CGTZ)    \
    FCZ(X, vcle, OP_CLEZ) FCZ(X, vclt, OP_CLTZ)                                                \
    F1(X, vrecpe, OP_RECPE) F1(X, vrsqrte, OP_RSQRTE) F2(X, vrecps, OP_RECPS)                  \
    F2(X, vrsqrts, OP_RSQRTS)                                                                  \
    FCVT(X, s32_f32, SD, SQ, FD, FQ, OP_CVT_S32, IN_F)                                    \
    FCVT(X, u32_f32, UD, UQ, FD, FQ, OP_CVT_U32, IN_F)                                    \
    FCVT(X, f32_s32, FD, FQ, SD, SQ, OP_CVT_F_S32, IN_I)                                  \
    FCVT(X, f32_u32, FD, FQ, UD, UQ, OP_CVT_F_U32, IN_I)                                  \
    FCVTN(X, vcvt, s32_f32, SD, SQ, FD, FQ, 1, OP_CVT_S32, IN_F)                               \
    FCVTN(X, vcvt, s32_f32, SD, SQ, FD, FQ, 16, OP_CVT_S32, IN_F)                              \
    FCVTN(X, vcvt, s32_f32, SD, SQ, FD, FQ, 32, OP_CVT_S32, IN_F)                              \
    FCVTN(X, vcvt, u32_f32, UD, UQ, FD, FQ, 1, OP_CVT_U32, IN_F)                               \
    FCVTN(X, vcvt, u32_f32, UD, UQ, FD, FQ, 8, OP_CVT_U32, IN_F)                               \
    FCVTN(X, vcvt, u32_f32, UD, UQ, FD, FQ, 32, OP_CVT_U32, IN_F)                              \
    FCVTN(X, vcvt, f32_s32, FD, FQ, SD, SQ, 1, OP_CVT_F_S32, IN_I)                             \
    FCVTN(X, vcvt, f32_s32, FD, FQ, SD, SQ, 24, OP_CVT_F_S32, IN_I)                            \
    FCVTN(X, vcvt, f32_s32, FD, FQ, SD, SQ, 32, OP_CVT_F_S32, IN_I)                            \
    FCVTN(X, vcvt, f32_u32, FD, FQ, UD, UQ, 1, OP_CVT_F_U32, IN_I)                             \
    FCVTN(X, vcvt, f32_u32, FD, FQ, UD, UQ, 12, OP_CVT_F_U32, IN_I)                            \
    FCVTN(X, vcvt, f32_u32, FD, FQ, UD, UQ, 32, OP_CVT_F_U32, IN_I)                            \
    X(vpadd_f32, FD, FD, FD, FD, vpadd_f32(a, b), SH_PAIR, OP_PADD, 0, -1, IN_F)               \
    X(vpmax_f32, FD, FD, FD, FD, vpmax_f32(a, b), SH_PAIR, OP_PMAX, 0, -1, IN_F)               \
    X(vpmin_f32, FD, FD, FD, FD, vpmin_f32(a, b), SH_PAIR, OP_PMIN, 0, -1, IN_F)               \
    FLANE(X, vmul, 0, OP_MUL) FLANE(X, vmul, 1, OP_MUL) FLANEA(X, vmla, 1, OP_MLA)             \
    FLANEA(X, vmls, 0, OP_MLS) FN(X, vmul, OP_MUL) FNA(X, vmla, OP_MLA) FNA(X, vmls, OP_MLS)   \
    X(vcvt_f16_f32, float16x4_t, FQ, FQ, FQ, vcvt_f16_f32(a), SH_NARROW_H, OP_TO_F16, 0, -1,  \
      IN_F)                                                                                    \
    X(vcvt_f32_f16, FQ, float16x4_t, FQ, FQ, vcvt_f32_f16(a), SH_WIDEN_H, OP_FROM_F16, 0, -1,  \
      IN_H)

#define DEF_WRAP(id, RT, AT, BT, CT, expr, shape, op, imm, lane, k)                            \
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
#define DEF_ENTRY(id, RT, AT, BT, CT, expr, shape, op, imm, lane, k)                           \
    {#id, w_##id, (int)sizeof(RT), shape, op, imm, lane, k},

FLOAT_TESTS(DEF_WRAP)

static const Test tests[] = {FLOAT_TESTS(DEF_ENTRY)};

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
    const char *p = strstr(id, "__");
    if (p)
        sprintf(out, "%.*s #%s", (int)(p - id), id, p + 2);
    else
        strcpy(out, id);
}

static void dump(const char *what, const V *v, int n, int half)
{
    printf("    %s", what);
    for (int i = 0; i < n; i++)
        printf(half ? " %04x" : " %08x", half ? geth(v, i) : lget(v, i));
    printf("\n");
}

/* The FPSCR the instruction runs under: its rounding mode, FZ and DN must not matter. */
static uint32_t mode_for(int it)
{
    switch (it % 4) {
    case 1: return FPSCR_RZ;
    case 2: return FPSCR_RP | FPSCR_FZ;
    case 3: return FPSCR_DN | FPSCR_FZ | FPSCR_RZ;
    default: return 0;
    }
}

static void run_one(const Test *t, const char *name, int it, const V *a, const V *b,
                    const V *c, uint32_t mode, uint32_t *h)
{
    V r, w;
    int ahp = (mode & FPSCR_AHP) != 0;
    memset(&r, 0xee, sizeof r);
    memset(&w, 0xee, sizeof w);
    set_fpscr(mode);
    t->fn(&r, a, b, c);
    uint32_t got_flags = get_fpscr();
    set_fpscr(0);
    uint32_t want_flags = reference(t, &w, a, b, c, ahp);
    *h = hash_bytes(*h, r.b, t->rbytes);
    *h = hash_bytes(*h, &got_flags, 4);
    int half = t->shape == SH_NARROW_H;
    int n = half ? 4 : t->rbytes / 4, bad = -1;
    for (int i = 0; i < n && bad < 0; i++)
        if (half ? geth(&r, i) != geth(&w, i) : lget(&r, i) != lget(&w, i))
            bad = i;
    CHECK(bad < 0, "%s: lane %d: got 0x%08x want 0x%08x (iteration %d, fpscr 0x%08x)", name,
          bad, bad < 0 ? 0 : half ? geth(&r, bad) : lget(&r, bad),
          bad < 0 ? 0 : half ? geth(&w, bad) : lget(&w, bad), it, mode);
    CHECK((got_flags & ~F_ALL) == mode, "%s: FPSCR control bits changed: 0x%08x (iteration %d)",
          name, got_flags, it);
    CHECK((got_flags & F_ALL) == want_flags,
          "%s: FPSCR flags 0x%02x want 0x%02x (iteration %d, fpscr 0x%08x)", name,
          got_flags & F_ALL, want_flags, it, mode);
    if ((bad >= 0 || (got_flags & F_ALL) != want_flags) && check_verbose()) {
        int ah = t->shape == SH_WIDEN_H;
        dump("a    ", a, ah ? 4 : n, ah);
        if (t->shape == SH_SAME || t->shape == SH_PAIR) {
            dump("b    ", b, n, 0);
            dump("c    ", c, n, 0);
        }
        dump("got  ", &r, n, half);
        dump("want ", &w, n, half);
    }
}

/* The flags are those of all lanes together: in half of the calls all lanes but one get
 * operands that raise nothing (1.0), so that a flag missing for one lane shows. */
static void isolate_lane(const Test *t, V *a, V *b, V *c, int keep)
{
    /* and the lane left gets, half of the time, only the special operands: NaNs, denormals,
     * zeros and infinities, in every combination */
    static const uint32_t pick[] = {0x7fc00000, 0xff800001, 0x7fa00000, 0x00000001, 0x807fffff,
                                    0x00400000, 0x00000000, 0x80000000, 0x7f800000, 0xff800000,
                                    0x00800000, 0x3f800000};
    if (check_rand() % 2) {
        if (t->akind == IN_F)
            lset(a, keep, pick[check_rand() % 12]);
        lset(b, t->lane >= 0 ? t->lane : keep, pick[check_rand() % 12]);
        lset(c, keep, pick[check_rand() % 12]);
    }
    for (int i = 0; i < 8; i++) {
        if (i == keep || (t->lane >= 0 && i == t->lane))
            continue;
        if (t->akind == IN_H) {
            seth(a, 2 * i, 0x3c00);
            seth(a, 2 * i + 1, 0x3c00);
        } else {
            lset(a, i, t->akind == IN_I ? 1 : 0x3f800000u);
        }
        lset(b, i, 0x3f800000u);
        lset(c, i, 0x3f800000u);
    }
}

static void run_test(const Test *t)
{
    char name[64];
    print_name(name, t->name);
    uint32_t h = 2166136261u;
    for (int it = 0; it < ITERS; it++) {
        V a, b, c;
        rand_vec(&a, t->akind, NULL);
        rand_vec(&b, IN_F, t->akind == IN_F ? &a : NULL);
        rand_vec(&c, IN_F, NULL);
        if (it >= ITERS / 2)
            isolate_lane(t, &a, &b, &c, it % 4);
        run_one(t, name, it, &a, &b, &c, mode_for(it), &h);
        if (t->shape == SH_NARROW_H || t->shape == SH_WIDEN_H)
            run_one(t, name, it, &a, &b, &c, FPSCR_AHP, &h);
    }
    printf("%-26s %08x\n", name, (unsigned)h);
}

/* ---------------------------------------------------------------- directed checks */

/* Values worked out by hand from the pseudocode, independent of the reference functions. */
static void check_directed(void)
{
    static const struct {
        const char *what;
        uint32_t in, recpe, rsqrte;
    } est[] = {
        {"1.0", 0x3f800000, 0x3f7f8000, 0x3f7f8000},   /* 511/512: q=256 s=511 */
        {"2.0", 0x40000000, 0x3eff8000, 0x3f348000},   /* 1/sqrt(2): s=361 */
        {"0.25", 0x3e800000, 0x407f8000, 0x3fff8000},
        {"-4.0", 0xc0800000, 0xbe7f8000, 0x7fc00000},
        {"3.0", 0x40400000, 0x3eaa8000, 0x3f138000},
    };
    for (unsigned i = 0; i < sizeof est / sizeof est[0]; i++) {
        float32x2_t v = vdup_n_f32(f_of(OPAQUE((uint32_t)est[i].in)));
        CHECK_U32(b_of(vget_lane_f32(vrecpe_f32(v), 0)), est[i].recpe, est[i].what);
        CHECK_U32(b_of(vget_lane_f32(vrsqrte_f32(v), 1)), est[i].rsqrte, est[i].what);
    }
    /* max/min of zeros and NaNs */
    float32x4_t z = vcombine_f32(vcreate_f32(OPAQUE(0x8000000000000000ull)),
                                 vcreate_f32(OPAQUE(0x7f8000017fc00000ull)));
    float32x4_t y = vcombine_f32(vcreate_f32(OPAQUE(0x0000000080000000ull)),
                                 vcreate_f32(OPAQUE(0x3f8000003f800000ull)));
    set_fpscr(0);
    uint32x4_t mx = vreinterpretq_u32_f32(vmaxq_f32(z, y));
    uint32_t fl = get_fpscr() & F_ALL;
    CHECK_U32(vgetq_lane_u32(mx, 0), 0x00000000, "vmax(-0, +0)");
    CHECK_U32(vgetq_lane_u32(mx, 1), 0x00000000, "vmax(+0, -0)");
    CHECK_U32(vgetq_lane_u32(mx, 2), DEFAULT_NAN, "vmax(qnan, 1)");
    CHECK_U32(vgetq_lane_u32(mx, 3), DEFAULT_NAN, "vmax(snan, 1)");
    CHECK_U32(fl, F_IOC, "vmax flags: IOC for the signalling NaN");
    uint32x4_t mn = vreinterpretq_u32_f32(vminq_f32(z, y));
    CHECK_U32(vgetq_lane_u32(mn, 0), 0x80000000, "vmin(-0, +0)");
    CHECK_U32(vgetq_lane_u32(mn, 1), 0x80000000, "vmin(+0, -0)");
    /* conversions that saturate */
    float32x4_t big = vcombine_f32(vcreate_f32(OPAQUE(0xbfc000004f800000ull)),
                                   vcreate_f32(OPAQUE(0xbf0000007fc00000ull)));
    set_fpscr(0);
    uint32x4_t cu = vcvtq_u32_f32(big);
    fl = get_fpscr() & F_ALL;
    CHECK_U32(vgetq_lane_u32(cu, 0), 0xffffffff, "vcvt.u32 2^32");
    CHECK_U32(vgetq_lane_u32(cu, 1), 0, "vcvt.u32 -1.5");
    CHECK_U32(vgetq_lane_u32(cu, 2), 0, "vcvt.u32 NaN");
    CHECK_U32(vgetq_lane_u32(cu, 3), 0, "vcvt.u32 -0.5");
    CHECK_U32(fl, F_IOC | F_IXC, "vcvt.u32 flags");
    set_fpscr(0);
    int32x4_t cs = vcvtq_s32_f32(big);
    fl = get_fpscr() & F_ALL;
    CHECK_U32(vgetq_lane_s32(cs, 0), 0x7fffffff, "vcvt.s32 2^32");
    CHECK_U32(vgetq_lane_s32(cs, 1), 0xffffffff, "vcvt.s32 -1.5");
    CHECK_U32(fl, F_IOC | F_IXC, "vcvt.s32 flags");
    /* denormals: flushed on input (IDC) and on output (UFC) */
    set_fpscr(0);
    float32x2_t dn = vcreate_f32(OPAQUE(0x00800000807fffffull));
    float32x2_t h = vdup_n_f32(OPAQUE(0.5f));
    uint32x2_t prod = vreinterpret_u32_f32(vmul_f32(dn, h));
    fl = get_fpscr() & F_ALL;
    CHECK_U32(vget_lane_u32(prod, 0), 0x80000000, "denormal * 0.5 = -0");
    CHECK_U32(vget_lane_u32(prod, 1), 0x00000000, "2^-126 * 0.5 flushes to +0");
    CHECK_U32(fl, F_IDC | F_UFC, "flush flags");
    /* a Newton-Raphson reciprocal and reciprocal square root of 3 */
    float32x4_t x = vdupq_n_f32(OPAQUE(3.0f));
    float32x4_t e = vrecpeq_f32(x);
    e = vmulq_f32(e, vrecpsq_f32(x, e));
    e = vmulq_f32(e, vrecpsq_f32(x, e));
    float ev = vgetq_lane_f32(e, 2);
    CHECK(fabsf(ev - 1.0f / 3.0f) <= 0x1p-24f, "1/3 after two steps: %a", (double)ev);
    float32x4_t s = vrsqrteq_f32(x);
    s = vmulq_f32(s, vrsqrtsq_f32(vmulq_f32(x, s), s));
    s = vmulq_f32(s, vrsqrtsq_f32(vmulq_f32(x, s), s));
    float sv = vgetq_lane_f32(s, 0);
    CHECK(fabsf(sv - 0.57735027f) < 2e-7f, "1/sqrt(3) after two steps: %a", (double)sv);
    /* VRECPS/VRSQRTS of an infinity and a zero */
    float32x2_t inf = vcreate_f32(OPAQUE(0x000000007f800000ull));
    float32x2_t zero = vcreate_f32(OPAQUE(0xff80000000000000ull));
    CHECK_U32(vget_lane_u32(vreinterpret_u32_f32(vrecps_f32(inf, zero)), 0), 0x40000000,
              "vrecps(inf, 0) = 2");
    CHECK_U32(vget_lane_u32(vreinterpret_u32_f32(vrsqrts_f32(inf, zero)), 1), 0x3fc00000,
              "vrsqrts(0, -inf) = 1.5");
    /* the saturation flag QC belongs to the integer side: float operations leave it */
    set_fpscr(FPSCR_QC);
    float32x4_t q = vaddq_f32(x, x);
    CHECK(get_fpscr() & FPSCR_QC, "QC kept by vadd.f32 (%f)", (double)vgetq_lane_f32(q, 1));
    set_fpscr(0);
    int16x4_t sat = vqadd_s16(vdup_n_s16(OPAQUE(0x7000)), vdup_n_s16(0x1000));
    CHECK(get_fpscr() & FPSCR_QC, "QC set by vqadd.s16 (%d)", vget_lane_s16(sat, 0));
    set_fpscr(0);
    /* half precision */
    float32x4_t hv = vcombine_f32(vcreate_f32(OPAQUE(0x477ff00033800000ull)),
                                  vcreate_f32(OPAQUE(0x387fc00000000001ull)));
    uint16x4_t hr = vreinterpret_u16_f16(vcvt_f16_f32(hv));
    CHECK_U32(vget_lane_u16(hr, 0), 0x0001, "f16(2^-24)");
    CHECK_U32(vget_lane_u16(hr, 1), 0x7c00, "f16(65520) overflows");
    CHECK_U32(vget_lane_u16(hr, 2), 0x0000, "f16(single denormal) flushed");
    CHECK_U32(vget_lane_u16(hr, 3), 0x03ff, "f16(2^-14 - 2^-24)");
}

/* The core registers must come through Advanced SIMD arithmetic unchanged (a translator
 * may call helpers or borrow host registers for it). */
static void check_core_registers(void)
{
    static const uint32_t before[13] = {0x1100, 0x1101, 0x1102, 0x1103, 0x1104, 0x1105, 0x1106,
                                        0x1107, 0x1108, 0x1109, 0x110a, 0x110b, 0x110c};
    uint32_t after[13];
    /* NaNs, denormals, infinities: the operands that may take a slow path */
    float32x4_t in1 = vcombine_f32(vcreate_f32(OPAQUE(0x000000017fc00001ull)),
                                   vcreate_f32(OPAQUE(0xff8000003fc00000ull)));
    float32x4_t in2 = vcombine_f32(vcreate_f32(OPAQUE(0x7f80000000000000ull)),
                                   vcreate_f32(OPAQUE(0x807fffff7fa00000ull)));
    /* the registers are loaded from memory, so that their values are not known when the
     * code is translated */
    __asm__ volatile(
        "vmov q1, %q2\n\t"
        "vmov q2, %q3\n\t"
        "push {r0-r12, lr}\n\t"
        "push {%0}\n\t"
        "mov lr, %1\n\t"
        "ldm lr, {r0-r12}\n\t"
        "vadd.f32 q0, q1, q2\n\t"
        "vmul.f32 d0, d1, d2\n\t"
        "vmla.f32 q0, q1, d4[1]\n\t"
        "vmls.f32 d0, d1, d5[0]\n\t"
        "vmul.f32 q0, q1, d3[0]\n\t"
        "vsub.f32 d1, d2, d3\n\t"
        "vfma.f32 q0, q1, q2\n\t"
        "vmla.f32 d0, d2, d4\n\t"
        "vrecps.f32 q0, q1, q2\n\t"
        "vcvt.s32.f32 q0, q1\n\t"
        "vmax.f32 d0, d1, d2\n\t"
        "vceq.f32 q0, q1, q2\n\t"
        "pop {lr}\n\t"
        "stm lr, {r0-r12}\n\t"
        "pop {r0-r12, lr}\n\t"
        :
        : "r"(after), "r"(before), "w"(in1), "w"(in2)
        : "d0", "d1", "d2", "d3", "d4", "d5", "memory");
    for (int i = 0; i < 13; i++)
        CHECK(after[i] == before[i], "r%d after NEON float arithmetic: 0x%08x", i, after[i]);
}

int main(void)
{
    check_seed(777);
    check_directed();
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
        run_test(&tests[i]);
    set_fpscr(0);
    check_core_registers();
    return check_summary("neon_float");
}
