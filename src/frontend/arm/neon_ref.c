/*
 * arm_neon_ref: every vector operation kind (tcg/vecop.h) exactly as the
 * ARMv7-A Architecture Reference Manual defines the Advanced SIMD
 * instructions that use it, including the saturation flag (FPSCR.QC) and
 * the floating-point exception flags.
 *
 * Operands are copied out of env into byte arrays before anything is
 * written back, so d, a and b may alias freely.  Integer lanes are computed
 * as exact integers (__int128 where products, sums or shifts need the
 * room), then truncated or saturated to the result width, which is how the
 * pseudocode states them.
 *
 * Floating point uses the "standard FPSCR value" of Advanced SIMD whatever
 * FPSCR holds: round to nearest, flush-to-zero, default NaN; only AHP comes
 * from FPSCR (half-precision conversions).  Values are bit patterns; the
 * special cases (NaNs, infinities, zeros, flushed denormals) are decided in
 * C as the pseudocode decides them, and numbers are combined in double
 * precision, where single-precision products are exact.  Rounding to the
 * destination format is integer code (fp_round), with tininess judged on
 * the unrounded value as FPRound does.  The one inexact host operation is
 * the addition, done with round-to-odd under a private MXCSR (add_rto):
 * the guest's rounding mode does not matter and the guest's exception
 * flags, which live in MXCSR between instructions, are left as they were.
 * Every other host floating-point operation here is exact and raises
 * nothing.
 */
#include <string.h>

#include "common/log.h"
#include "frontend/arm/neon.h"

enum { FPSCR_QC = 1u << 27 };   /* cumulative saturation flag */

/* What an operation records besides its results. */
typedef struct Ctx {
    uint32_t flags;     /* FPSCR bits to set: QC and the cumulative FP flags */
    bool ahp;           /* FPSCR.AHP, the only FPSCR control NEON honours */
} Ctx;

/* ---------------------------------------------------------------- elements */

static uint64_t mask_of(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

static int64_t sext(uint64_t x, unsigned bits)
{
    return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* Shifts that give 0 once every bit has left, as the pseudocode's do. */
static uint64_t lsl(uint64_t x, unsigned n) { return n >= 64 ? 0 : x << n; }
static uint64_t lsr(uint64_t x, unsigned n) { return n >= 64 ? 0 : x >> n; }

/* Element i (esz = log2 of its bytes) of a little-endian vector. */
static uint64_t elem(const uint8_t *v, unsigned esz, unsigned i)
{
    uint64_t x = 0;
    memcpy(&x, v + (i << esz), 1u << esz);
    return x;
}

static void set_elem(uint8_t *v, unsigned esz, unsigned i, uint64_t x)
{
    memcpy(v + (i << esz), &x, 1u << esz);
}

static void load(const ArmCPU *env, uint32_t off, uint8_t *buf, unsigned n)
{
    memcpy(buf, (const char *)env + off, n);
}

static void store(ArmCPU *env, uint32_t off, const uint8_t *buf, unsigned n)
{
    memcpy((char *)env + off, buf, n);
}

/* ---------------------------------------------------------------- integer lanes */

/* The integer a bits-wide element stands for. */
static __int128 ival(uint64_t x, unsigned bits, bool sgn)
{
    return sgn ? (__int128)sext(x, bits) : (__int128)(x & mask_of(bits));
}

/* SatQ: v clamped to a bits-wide signed or unsigned integer; QC if it did
 * not fit. */
static uint64_t sat(Ctx *c, __int128 v, unsigned bits, bool sgn)
{
    __int128 lo = sgn ? -((__int128)1 << (bits - 1)) : 0;
    __int128 hi = sgn ? ((__int128)1 << (bits - 1)) - 1 : ((__int128)1 << bits) - 1;
    if (v < lo || v > hi) {
        c->flags |= FPSCR_QC;
        v = v < lo ? lo : hi;
    }
    return (uint64_t)v & mask_of(bits);
}

/*
 * The pseudocode's shifts of unbounded integers: v * 2^sh for 0 <= sh < 64,
 * else v / 2^-sh rounded down, or rounded to nearest with ties up when
 * round (it adds 2^(-sh-1) first).  |v| <= 2^64, so right shifts beyond 65
 * give what 66 gives.
 */
static __int128 shift_int(__int128 v, int sh, bool round)
{
    if (sh >= 0)
        return v * ((__int128)1 << sh);
    int n = -sh > 66 ? 66 : -sh;
    if (round)
        v += (__int128)1 << (n - 1);
    return v >> n;
}

/* VSHL, VRSHL, VQSHL, VQRSHL (register): a shifted by the signed low byte
 * of b, left if positive. */
static uint64_t shift_reg(Ctx *c, uint64_t a, uint64_t b, unsigned bits, bool sgn, bool round,
                          bool saturate)
{
    int sh = (int8_t)b;
    __int128 v = ival(a, bits, sgn);
    if (sh >= (int)bits) {
        /* Every bit leaves: the low bits are zero and a nonzero value is out
         * of range; +-2^bits stands for it in both respects. */
        v = v == 0 ? 0 : v < 0 ? -((__int128)1 << bits) : (__int128)1 << bits;
    } else {
        v = shift_int(v, sh, round);
    }
    return saturate ? sat(c, v, bits, sgn) : (uint64_t)v & mask_of(bits);
}

/* Shift right by an immediate (1..bits) of a bits-wide element. */
static __int128 shr_imm(uint64_t x, unsigned bits, bool sgn, unsigned imm, bool round)
{
    return shift_int(ival(x, bits, sgn), -(int)imm, round);
}

static uint64_t abd(uint64_t x, uint64_t y, unsigned bits, bool sgn)
{
    __int128 vx = ival(x, bits, sgn), vy = ival(y, bits, sgn);
    return (uint64_t)(vx > vy ? vx - vy : vy - vx);
}

/* Polynomial multiplication over GF(2) (VMUL.P8, VMULL.P8). */
static uint64_t clmul(uint64_t x, uint64_t y, unsigned bits)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bits; i++)
        if (y >> i & 1)
            r ^= x << i;
    return r;
}

static unsigned clz_n(uint64_t x, unsigned n)
{
    return x ? (unsigned)__builtin_clzll(x) - (64 - n) : n;
}

/* ---------------------------------------------------------------- float formats */

enum {
    F32_SIGN = 0x80000000u,
    F32_INF = 0x7f800000u,
    F32_FRAC = 0x007fffffu,
    F32_QUIET = 0x00400000u,
    F32_DEFAULT_NAN = 0x7fc00000u,
};

static bool f32_nan(uint32_t x) { return (x & ~F32_SIGN) > F32_INF; }
static bool f32_snan(uint32_t x) { return f32_nan(x) && !(x & F32_QUIET); }
static bool f32_inf(uint32_t x) { return (x & ~F32_SIGN) == F32_INF; }
static bool f32_zero(uint32_t x) { return (x & ~F32_SIGN) == 0; }

/* Only for zeros, normal numbers and infinities: exact, raises nothing. */
static double f2d(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static uint64_t dbits(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

static double bits_d(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}

/* A destination format of FPRound. */
typedef struct FpFmt {
    unsigned frac_bits, exp_bits;
    int emin;           /* exponent of the smallest normal number */
    bool flush;         /* FZ applies (never to half precision) */
} FpFmt;

static const FpFmt fmt_s = { 23, 8, -126, true };
static const FpFmt fmt_h = { 10, 5, -14, false };

/*
 * FPRound under the standard FPSCR value (round to nearest even) of x, a
 * finite nonzero normal double holding the exact result or the exact
 * result rounded to odd (53 bits leave more than the two extra bits that
 * make rounding to nearest come out right, and a value rounded to odd is
 * below a power of two of the destination's range exactly when the exact
 * value is).  As in the pseudocode, flush-to-zero and underflow look at the
 * value before rounding; a flushed result raises only UFC.
 */
static uint32_t fp_round(Ctx *c, const FpFmt *f, double x)
{
    uint64_t b = dbits(x);
    uint32_t sign = (b >> 63) ? 1u << (f->frac_bits + f->exp_bits) : 0;
    int e = (int)(b >> 52 & 0x7ff) - 1023;
    uint64_t m = (b & mask_of(52)) | 1ull << 52;        /* x = m * 2^(e - 52) */
    if (e < f->emin && f->flush) {
        c->flags |= FPSCR_UFC;
        return sign;
    }
    unsigned biased = e < f->emin ? 0 : (unsigned)(e - f->emin + 1);
    unsigned drop = 52 - f->frac_bits + (biased ? 0 : (unsigned)(f->emin - e));
    if (drop > 54)
        drop = 54;          /* m < 2^53: below half the last place either way */
    uint64_t q = m >> drop, rem = m & mask_of(drop), half = 1ull << (drop - 1);
    bool inexact = rem != 0;
    if (biased == 0 && inexact)
        c->flags |= FPSCR_UFC;
    if (rem > half || (rem == half && (q & 1))) {
        q++;
        if (q == 1ull << (f->frac_bits + 1)) {
            q >>= 1;
            biased++;
        } else if (biased == 0 && q == 1ull << f->frac_bits) {
            biased = 1;     /* a denormal rounded up to the smallest normal */
        }
    }
    unsigned all_ones = (1u << f->exp_bits) - 1;
    if (f->exp_bits == 5 && c->ahp) {
        /* Alternative half precision: no infinities, the top exponent is
         * a number, and beyond it is an Invalid Operation (not Inexact). */
        if (biased > all_ones) {
            c->flags |= FPSCR_IOC;
            return sign | 0x7fff;
        }
    } else if (biased >= all_ones) {
        c->flags |= FPSCR_OFC | FPSCR_IXC;
        return sign | all_ones << f->frac_bits;     /* infinity */
    }
    if (inexact)
        c->flags |= FPSCR_IXC;
    return sign | biased << f->frac_bits | (uint32_t)(q & mask_of(f->frac_bits));
}

/* A double result as a single-precision result: the host's NaN means an
 * Invalid Operation (operands never are NaNs by then). */
static uint32_t f32_result(Ctx *c, double x)
{
    uint64_t b = dbits(x), mag = b & ~(1ull << 63);
    uint32_t sign = (uint32_t)(b >> 32) & F32_SIGN;
    if (mag > 0x7ff0000000000000ull) {
        c->flags |= FPSCR_IOC;
        return F32_DEFAULT_NAN;
    }
    if (mag == 0x7ff0000000000000ull)
        return sign | F32_INF;
    if (mag == 0)
        return sign;
    return fp_round(c, &fmt_s, x);
}

/*
 * x + y in double precision rounded to odd: the host adds rounding toward
 * zero, under its own MXCSR (all exceptions masked, no DAZ/FTZ), and a
 * raised inexact flag becomes a set last bit.  The caller's MXCSR, with the
 * guest's pending flags, is restored exactly.  One asm statement keeps the
 * compiler from moving the addition out of the window.  Overflow cannot
 * happen for the operands used here (at most products of two floats).
 */
static double add_rto(double x, double y)
{
    static const uint32_t csr_rz = 0x7f80;      /* masked, round toward zero */
    uint32_t saved, after;
    __asm__ volatile("stmxcsr %1\n\t"
                     "ldmxcsr %3\n\t"
                     "addsd %4, %0\n\t"
                     "stmxcsr %2\n\t"
                     "ldmxcsr %1"
                     : "+x"(x), "=m"(saved), "=m"(after)
                     : "m"(csr_rz), "x"(y));
    if (after & 0x20)                           /* MXCSR.PE */
        x = bits_d(dbits(x) | 1);
    return x;
}

/* ---------------------------------------------------------------- float lanes */

static uint32_t invalid(Ctx *c)
{
    c->flags |= FPSCR_IOC;
    return F32_DEFAULT_NAN;
}

/* FPUnpack with FZ set: a denormal input is a zero of its sign (IDC). */
static uint32_t fz(Ctx *c, uint32_t x)
{
    if ((x & F32_INF) == 0 && (x & F32_FRAC)) {
        c->flags |= FPSCR_IDC;
        return x & F32_SIGN;
    }
    return x;
}

/* FPUnpack both operands, then FPProcessNaNs with DN set: true when the
 * result is the default NaN (signalling NaNs raise Invalid Operation). */
static bool nans2(Ctx *c, uint32_t *x, uint32_t *y)
{
    *x = fz(c, *x);
    *y = fz(c, *y);
    if (f32_snan(*x) || f32_snan(*y))
        c->flags |= FPSCR_IOC;
    return f32_nan(*x) || f32_nan(*y);
}

static bool inf_times_zero(uint32_t x, uint32_t y)
{
    return (f32_inf(x) && f32_zero(y)) || (f32_zero(x) && f32_inf(y));
}

/* FPMul of unpacked operands that are not NaNs. */
static uint32_t mul_num(Ctx *c, uint32_t x, uint32_t y)
{
    uint32_t sign = (x ^ y) & F32_SIGN;
    if (inf_times_zero(x, y))
        return invalid(c);
    if (f32_inf(x) || f32_inf(y))
        return sign | F32_INF;
    if (f32_zero(x) || f32_zero(y))
        return sign;
    return fp_round(c, &fmt_s, f2d(x) * f2d(y));    /* 48-bit product: exact */
}

static uint32_t fp_mul(Ctx *c, uint32_t x, uint32_t y)
{
    return nans2(c, &x, &y) ? F32_DEFAULT_NAN : mul_num(c, x, y);
}

/* FPAdd; FPSub is FPAdd of the negated second operand (same flushing,
 * NaN cases and signs of zero). */
static uint32_t fp_add(Ctx *c, uint32_t x, uint32_t y)
{
    if (nans2(c, &x, &y))
        return F32_DEFAULT_NAN;
    return f32_result(c, add_rto(f2d(x), f2d(y)));  /* the host does inf - inf and 0 signs */
}

/* FPMulAdd: acc + x * y with one rounding.  A quiet NaN addend does not
 * hide the Invalid Operation of infinity times zero. */
static uint32_t fp_muladd(Ctx *c, uint32_t acc, uint32_t x, uint32_t y)
{
    acc = fz(c, acc);
    x = fz(c, x);
    y = fz(c, y);
    bool iz = inf_times_zero(x, y);
    if (f32_nan(acc) || f32_nan(x) || f32_nan(y)) {
        if (f32_snan(acc) || f32_snan(x) || f32_snan(y) || iz)
            c->flags |= FPSCR_IOC;
        return F32_DEFAULT_NAN;
    }
    if (iz)
        return invalid(c);
    /* exact product (infinities and zeros included), one rounded sum */
    return f32_result(c, add_rto(f2d(acc), f2d(x) * f2d(y)));
}

/* FPRecipStep (2 - x * y) and FPRSqrtStep ((3 - x * y) / 2) of AArch32:
 * the product is rounded first, and infinity times zero counts as +0. */
static uint32_t fp_step(Ctx *c, uint32_t x, uint32_t y, bool rsqrt)
{
    if (nans2(c, &x, &y))
        return F32_DEFAULT_NAN;
    uint32_t p = inf_times_zero(x, y) ? 0 : mul_num(c, x, y);
    double r = add_rto(rsqrt ? 3.0 : 2.0, -f2d(p));
    return f32_result(c, rsqrt ? r * 0.5 : r);      /* halving keeps it rounded to odd */
}

/* FPMax / FPMin: the ordering of the values, +0 above -0. */
static uint32_t fp_minmax(Ctx *c, uint32_t x, uint32_t y, bool max)
{
    if (nans2(c, &x, &y))
        return F32_DEFAULT_NAN;
    if (f32_zero(x) && f32_zero(y))
        return max ? x & y : x | y;
    bool first = max ? f2d(x) > f2d(y) : f2d(x) < f2d(y);
    return first ? x : y;
}

enum { CMP_EQ, CMP_GE, CMP_GT };

/* FPCompareEQ/GE/GT as a lane mask: NaNs compare false; EQ signals only
 * for signalling NaNs, GE and GT for all. */
static uint64_t fp_cmp(Ctx *c, uint32_t x, uint32_t y, int how)
{
    x = fz(c, x);
    y = fz(c, y);
    if (f32_nan(x) || f32_nan(y)) {
        if (how != CMP_EQ || f32_snan(x) || f32_snan(y))
            c->flags |= FPSCR_IOC;
        return 0;
    }
    double dx = f2d(x), dy = f2d(y);
    bool r = how == CMP_EQ ? dx == dy : how == CMP_GE ? dx >= dy : dx > dy;
    return r ? 0xffffffffu : 0;
}

/* ---------------------------------------------------------------- estimates */

/*
 * The manual's recip_estimate() of q/512 (256 <= q < 512): 1 / ((q + 0.5) /
 * 512) to the nearest multiple of 1/256, here in units of 1/256 (256..511).
 * That is floor(2^18 / (2q + 1) + 1/2), never a tie, so integer division
 * gives exactly what the manual's double arithmetic does.
 */
static uint32_t recip_est(uint32_t q)
{
    return ((1u << 19) / (2 * q + 1) + 1) / 2;
}

/*
 * The manual's recip_sqrt_estimate(): 1 / sqrt((q + 0.5) / 512) for a
 * scaled operand in [0.25, 0.5) (q = its 1/512ths, 128..255, wide = false)
 * or 1 / sqrt((q + 0.5) / 256) for [0.5, 1) (q its 1/256ths), to the
 * nearest multiple of 1/256, in units of 1/256.  That is the rounded
 * sqrt(2^26 / (2q + 1)) (2^25 in the second case): the largest s with
 * (2s - 1)^2 (2q + 1) < 2^28 (2^27); equality cannot happen (odd against
 * a power of two), so there are no ties and no host sqrt is needed.
 */
static uint32_t rsqrt_est(uint32_t q, bool wide)
{
    uint64_t limit = wide ? 1ull << 27 : 1ull << 28, d = 2 * q + 1;
    uint32_t s = 0;
    for (uint32_t bit = 512; bit; bit >>= 1) {
        uint64_t t = 2 * (s | bit) - 1;
        if (t * t * d < limit)
            s |= bit;
    }
    return s;
}

/* UnsignedRecipEstimate: the operand is a fraction of 2^32. */
static uint32_t recpe_u32(uint32_t x)
{
    return x < 0x80000000u ? 0xffffffffu : recip_est(x >> 23) << 23;
}

/* UnsignedRSqrtEstimate. */
static uint32_t rsqrte_u32(uint32_t x)
{
    if (x < 0x40000000u)
        return 0xffffffffu;
    return (x >> 31 ? rsqrt_est(x >> 24, true) : rsqrt_est(x >> 23, false)) << 23;
}

/* FPRecipEstimate: the estimate of the significand scaled to [0.5, 1)
 * with the exponent 253 - exponent. */
static uint32_t fp_recpe(Ctx *c, uint32_t x)
{
    x = fz(c, x);
    uint32_t sign = x & F32_SIGN, exp = x >> 23 & 0xff;
    if (f32_nan(x))
        return f32_snan(x) ? invalid(c) : F32_DEFAULT_NAN;
    if (f32_inf(x))
        return sign;
    if (f32_zero(x)) {
        c->flags |= FPSCR_DZC;
        return sign | F32_INF;
    }
    if (exp >= 253) {           /* |x| >= 2^126: the reciprocal would be denormal */
        c->flags |= FPSCR_UFC;
        return sign;
    }
    uint32_t s = recip_est(256 + (x >> 15 & 0xff));
    return sign | (253 - exp) << 23 | (s & 0xff) << 15;
}

/* FPRSqrtEstimate: the significand is scaled to [0.25, 1) keeping the
 * parity of the exponent; the result exponent is (380 - exponent) / 2. */
static uint32_t fp_rsqrte(Ctx *c, uint32_t x)
{
    x = fz(c, x);
    uint32_t exp = x >> 23 & 0xff;
    if (f32_nan(x))
        return f32_snan(x) ? invalid(c) : F32_DEFAULT_NAN;
    if (f32_zero(x)) {
        c->flags |= FPSCR_DZC;
        return (x & F32_SIGN) | F32_INF;
    }
    if (x & F32_SIGN)
        return invalid(c);
    if (f32_inf(x))
        return 0;
    uint32_t s = rsqrt_est(128 + (x >> 16 & 0x7f), !(exp & 1));
    return (380 - exp) / 2 << 23 | (s & 0xff) << 15;
}

/* ---------------------------------------------------------------- conversions */

/* FPToFixed, rounding toward zero, to a 32-bit integer with fbits fraction
 * bits: NaN gives 0, out of range saturates; both are Invalid Operations
 * (and not Inexact). */
static uint32_t fp_to_fixed(Ctx *c, uint32_t x, unsigned fbits, bool uns)
{
    x = fz(c, x);
    if (f32_nan(x)) {
        c->flags |= FPSCR_IOC;
        return 0;
    }
    int64_t lo = uns ? 0 : INT32_MIN, hi = uns ? UINT32_MAX : INT32_MAX;
    bool neg = x >> 31, big = f32_inf(x), inexact = false;
    int exp = x >> 23 & 0xff;
    uint64_t mag = 0;
    if (!big && exp != 0) {
        uint64_t m = (x & F32_FRAC) | 1u << 23;
        int sh = exp - 150 + (int)fbits;            /* value = m * 2^sh */
        if (sh >= 40) {
            big = true;
        } else if (sh >= 0) {
            mag = m << sh;
        } else {
            mag = lsr(m, (unsigned)-sh);
            inexact = (m & mask_of(-sh > 63 ? 64 : (unsigned)-sh)) != 0;
        }
    }
    int64_t v = neg ? -(int64_t)mag : (int64_t)mag;
    if (big || v < lo || v > hi) {
        c->flags |= FPSCR_IOC;
        return (uint32_t)(neg ? lo : hi);
    }
    if (inexact)
        c->flags |= FPSCR_IXC;
    return (uint32_t)v;
}

/* FixedToFP, rounding to nearest: v / 2^fbits (fbits <= 32: never tiny). */
static uint32_t fixed_to_fp(Ctx *c, uint32_t x, unsigned fbits, bool uns)
{
    int64_t v = uns ? (int64_t)x : (int64_t)(int32_t)x;
    if (v == 0)
        return 0;
    double scale = bits_d((uint64_t)(1023 - fbits) << 52);
    return fp_round(c, &fmt_s, (double)v * scale);      /* both steps exact */
}

/* FPSingleToHalf under the standard FPSCR value (AHP from FPSCR). */
static uint32_t f32_to_f16(Ctx *c, uint32_t x)
{
    x = fz(c, x);
    uint32_t sign = x >> 16 & 0x8000;
    if (f32_nan(x)) {
        if (f32_snan(x) || c->ahp)
            c->flags |= FPSCR_IOC;
        return c->ahp ? sign : 0x7e00;
    }
    if (f32_inf(x)) {
        if (!c->ahp)
            return sign | 0x7c00;
        c->flags |= FPSCR_IOC;
        return sign | 0x7fff;
    }
    if (f32_zero(x))
        return sign;
    return fp_round(c, &fmt_h, f2d(x));
}

/* FPHalfToSingle: exact but for NaNs.  Half precision is never flushed, and
 * with AHP the top exponent is an ordinary one. */
static uint32_t f16_to_f32(Ctx *c, uint32_t h)
{
    uint32_t sign = (h & 0x8000) << 16, exp = h >> 10 & 0x1f, frac = h & 0x3ff;
    if (exp == 0x1f && !c->ahp) {
        if (frac == 0)
            return sign | F32_INF;
        if (!(frac & 0x200))
            c->flags |= FPSCR_IOC;
        return F32_DEFAULT_NAN;
    }
    if (exp == 0) {
        if (frac == 0)
            return sign;
        int top = 31 - __builtin_clz(frac);        /* frac * 2^-24, normalised */
        return sign | (uint32_t)(top - 24 + 127) << 23 | (frac << (23 - top) & F32_FRAC);
    }
    return sign | (exp - 15 + 127) << 23 | frac << 13;
}

/* ---------------------------------------------------------------- the lanes */

/*
 * One result element.  x and y are the elements of a and b (for pairwise
 * kinds: the two elements of a pair; for one-operand kinds y is unused),
 * acc the element of d before the operation, all zero-extended from their
 * own widths; bits is the width of esz elements.  Long, wide and narrow
 * kinds have 2*bits-wide elements where their shape says so.
 */
static uint64_t lane(Ctx *c, unsigned kind, unsigned esz, unsigned imm, uint64_t x, uint64_t y,
                     uint64_t acc)
{
    unsigned bits = 8u << esz;
    uint64_t m = mask_of(bits), m2 = mask_of(2 * bits);
    int64_t sx = sext(x, bits), sy = sext(y, bits);
    uint32_t fx = (uint32_t)x, fy = (uint32_t)y;

    switch (kind) {
    /* ---- S, two operands */
    case VOP_ADD: case VOP_PADD: return (x + y) & m;
    case VOP_SUB: return (x - y) & m;
    case VOP_MUL: return (x * y) & m;
    case VOP_MLA: return (acc + x * y) & m;
    case VOP_MLS: return (acc - x * y) & m;
    case VOP_PMUL: return clmul(x, y, bits) & m;
    case VOP_AND: return x & y;
    case VOP_BIC: return x & ~y & m;
    case VOP_ORR: return x | y;
    case VOP_ORN: return (x | ~y) & m;
    case VOP_EOR: return x ^ y;
    case VOP_BSL: return (acc & x) | (~acc & y & m);
    case VOP_BIT: return (x & y) | (acc & ~y & m);
    case VOP_BIF: return (acc & y) | (x & ~y & m);
    case VOP_HADD_S: return (uint64_t)((sx + sy) >> 1) & m;
    case VOP_HADD_U: return (x + y) >> 1;
    case VOP_RHADD_S: return (uint64_t)((sx + sy + 1) >> 1) & m;
    case VOP_RHADD_U: return (x + y + 1) >> 1;
    case VOP_HSUB_S: return (uint64_t)((sx - sy) >> 1) & m;
    case VOP_HSUB_U: return (uint64_t)(((int64_t)x - (int64_t)y) >> 1) & m;
    case VOP_QADD_S: return sat(c, (__int128)sx + sy, bits, true);
    case VOP_QADD_U: return sat(c, (__int128)x + y, bits, false);
    case VOP_QSUB_S: return sat(c, (__int128)sx - sy, bits, true);
    case VOP_QSUB_U: return sat(c, (__int128)x - y, bits, false);
    case VOP_CGT_S: return sx > sy ? m : 0;
    case VOP_CGT_U: return x > y ? m : 0;
    case VOP_CGE_S: return sx >= sy ? m : 0;
    case VOP_CGE_U: return x >= y ? m : 0;
    case VOP_CEQ: return x == y ? m : 0;
    case VOP_TST: return (x & y) ? m : 0;
    case VOP_SHL_S: return shift_reg(c, x, y, bits, true, false, false);
    case VOP_SHL_U: return shift_reg(c, x, y, bits, false, false, false);
    case VOP_RSHL_S: return shift_reg(c, x, y, bits, true, true, false);
    case VOP_RSHL_U: return shift_reg(c, x, y, bits, false, true, false);
    case VOP_QSHL_S: return shift_reg(c, x, y, bits, true, false, true);
    case VOP_QSHL_U: return shift_reg(c, x, y, bits, false, false, true);
    case VOP_QRSHL_S: return shift_reg(c, x, y, bits, true, true, true);
    case VOP_QRSHL_U: return shift_reg(c, x, y, bits, false, true, true);
    case VOP_MAX_S: case VOP_PMAX_S: return sx > sy ? x : y;
    case VOP_MAX_U: case VOP_PMAX_U: return x > y ? x : y;
    case VOP_MIN_S: case VOP_PMIN_S: return sx < sy ? x : y;
    case VOP_MIN_U: case VOP_PMIN_U: return x < y ? x : y;
    case VOP_ABD_S: return abd(x, y, bits, true) & m;
    case VOP_ABD_U: return abd(x, y, bits, false);
    case VOP_ABA_S: return (acc + abd(x, y, bits, true)) & m;
    case VOP_ABA_U: return (acc + abd(x, y, bits, false)) & m;
    case VOP_QDMULH: return sat(c, ((__int128)2 * sx * sy) >> bits, bits, true);
    case VOP_QRDMULH:
        return sat(c, ((__int128)2 * sx * sy + ((__int128)1 << (bits - 1))) >> bits, bits, true);

    /* ---- F */
    case VOP_FADD: case VOP_FPADD: return fp_add(c, fx, fy);
    case VOP_FSUB: return fp_add(c, fx, fy ^ F32_SIGN);
    case VOP_FMUL: return fp_mul(c, fx, fy);
    case VOP_FMLA: return fp_add(c, (uint32_t)acc, fp_mul(c, fx, fy));
    case VOP_FMLS: return fp_add(c, (uint32_t)acc, fp_mul(c, fx, fy) ^ F32_SIGN);
    case VOP_FFMA: return fp_muladd(c, (uint32_t)acc, fx, fy);
    case VOP_FFMS: return fp_muladd(c, (uint32_t)acc, fx ^ F32_SIGN, fy);
    case VOP_FABD: return fp_add(c, fx, fy ^ F32_SIGN) & ~F32_SIGN;
    case VOP_FMAX: case VOP_FPMAX: return fp_minmax(c, fx, fy, true);
    case VOP_FMIN: case VOP_FPMIN: return fp_minmax(c, fx, fy, false);
    case VOP_FCEQ: return fp_cmp(c, fx, fy, CMP_EQ);
    case VOP_FCGE: return fp_cmp(c, fx, fy, CMP_GE);
    case VOP_FCGT: return fp_cmp(c, fx, fy, CMP_GT);
    case VOP_FACGE: return fp_cmp(c, fx & ~F32_SIGN, fy & ~F32_SIGN, CMP_GE);
    case VOP_FACGT: return fp_cmp(c, fx & ~F32_SIGN, fy & ~F32_SIGN, CMP_GT);
    case VOP_FRECPS: return fp_step(c, fx, fy, false);
    case VOP_FRSQRTS: return fp_step(c, fx, fy, true);

    /* ---- S, shift by immediate */
    case VOP_SHR_S_IMM: return (uint64_t)shr_imm(x, bits, true, imm, false) & m;
    case VOP_SHR_U_IMM: return (uint64_t)shr_imm(x, bits, false, imm, false) & m;
    case VOP_RSHR_S_IMM: return (uint64_t)shr_imm(x, bits, true, imm, true) & m;
    case VOP_RSHR_U_IMM: return (uint64_t)shr_imm(x, bits, false, imm, true) & m;
    case VOP_SRA_S_IMM: return (acc + (uint64_t)shr_imm(x, bits, true, imm, false)) & m;
    case VOP_SRA_U_IMM: return (acc + (uint64_t)shr_imm(x, bits, false, imm, false)) & m;
    case VOP_RSRA_S_IMM: return (acc + (uint64_t)shr_imm(x, bits, true, imm, true)) & m;
    case VOP_RSRA_U_IMM: return (acc + (uint64_t)shr_imm(x, bits, false, imm, true)) & m;
    case VOP_SRI_IMM: return (acc & ~lsr(m, imm) & m) | lsr(x, imm);
    case VOP_SHL_IMM: return lsl(x, imm) & m;
    case VOP_SLI_IMM: return (acc & ~lsl(m, imm) & m) | (lsl(x, imm) & m);
    case VOP_QSHL_S_IMM: return sat(c, shift_int(sx, (int)imm, false), bits, true);
    case VOP_QSHL_U_IMM: return sat(c, shift_int(x, (int)imm, false), bits, false);
    case VOP_QSHLU_IMM: return sat(c, shift_int(sx, (int)imm, false), bits, false);

    /* ---- S, one operand */
    case VOP_CLS: return clz_n((x ^ x >> 1) & mask_of(bits - 1), bits - 1);
    case VOP_CLZ: return clz_n(x, bits);
    case VOP_CNT: return (uint64_t)__builtin_popcountll(x);
    case VOP_MVN: return ~x & m;
    case VOP_QABS: return sat(c, sx < 0 ? -(__int128)sx : sx, bits, true);
    case VOP_QNEG: return sat(c, -(__int128)sx, bits, true);
    case VOP_ABS: return (uint64_t)(sx < 0 ? -sx : sx) & m;
    case VOP_NEG: return -x & m;
    case VOP_CGT0: return sx > 0 ? m : 0;
    case VOP_CGE0: return sx >= 0 ? m : 0;
    case VOP_CEQ0: return sx == 0 ? m : 0;
    case VOP_CLE0: return sx <= 0 ? m : 0;
    case VOP_CLT0: return sx < 0 ? m : 0;
    case VOP_FCGT0: return fp_cmp(c, fx, 0, CMP_GT);
    case VOP_FCGE0: return fp_cmp(c, fx, 0, CMP_GE);
    case VOP_FCEQ0: return fp_cmp(c, fx, 0, CMP_EQ);
    case VOP_FCLE0: return fp_cmp(c, 0, fx, CMP_GE);
    case VOP_FCLT0: return fp_cmp(c, 0, fx, CMP_GT);
    case VOP_FABS: return fx & ~F32_SIGN;
    case VOP_FNEG: return fx ^ F32_SIGN;
    case VOP_RECPE_U: return recpe_u32(fx);
    case VOP_RSQRTE_U: return rsqrte_u32(fx);
    case VOP_FRECPE: return fp_recpe(c, fx);
    case VOP_FRSQRTE: return fp_rsqrte(c, fx);
    case VOP_CVT_F32_S32: return fixed_to_fp(c, fx, imm, false);
    case VOP_CVT_F32_U32: return fixed_to_fp(c, fx, imm, true);
    case VOP_CVT_S32_F32: return fp_to_fixed(c, fx, imm, false);
    case VOP_CVT_U32_F32: return fp_to_fixed(c, fx, imm, true);
    case VOP_PADDL_S: return (uint64_t)(sx + sy) & m2;
    case VOP_PADDL_U: return (x + y) & m2;
    case VOP_PADAL_S: return (acc + (uint64_t)(sx + sy)) & m2;
    case VOP_PADAL_U: return (acc + x + y) & m2;

    /* ---- L: x, y of bits, acc and the result of 2*bits */
    case VOP_ADDL_S: return (uint64_t)(sx + sy) & m2;
    case VOP_ADDL_U: return (x + y) & m2;
    case VOP_SUBL_S: return (uint64_t)(sx - sy) & m2;
    case VOP_SUBL_U: return (x - y) & m2;
    case VOP_ABDL_S: return abd(x, y, bits, true);
    case VOP_ABDL_U: return abd(x, y, bits, false);
    case VOP_ABAL_S: return (acc + abd(x, y, bits, true)) & m2;
    case VOP_ABAL_U: return (acc + abd(x, y, bits, false)) & m2;
    case VOP_MULL_S: return (uint64_t)(sx * sy) & m2;
    case VOP_MULL_U: return (x * y) & m2;
    case VOP_PMULL: return clmul(x, y, bits);
    case VOP_MLAL_S: return (acc + (uint64_t)(sx * sy)) & m2;
    case VOP_MLAL_U: return (acc + x * y) & m2;
    case VOP_MLSL_S: return (acc - (uint64_t)(sx * sy)) & m2;
    case VOP_MLSL_U: return (acc - x * y) & m2;
    case VOP_QDMULL: return sat(c, (__int128)2 * sx * sy, 2 * bits, true);
    case VOP_QDMLAL: case VOP_QDMLSL: {
        /* the doubled product saturates first, then the sum */
        int64_t p = sext(sat(c, (__int128)2 * sx * sy, 2 * bits, true), 2 * bits);
        __int128 s = (__int128)sext(acc, 2 * bits) + (kind == VOP_QDMLAL ? p : -(__int128)p);
        return sat(c, s, 2 * bits, true);
    }
    case VOP_MOVL_S: return lsl((uint64_t)sx, imm) & m2;
    case VOP_MOVL_U: return lsl(x, imm) & m2;
    case VOP_SHLL_MAX: return lsl(x, bits) & m2;

    /* ---- W: x and the result of 2*bits, y of bits */
    case VOP_ADDW_S: return (x + (uint64_t)sy) & m2;
    case VOP_ADDW_U: return (x + y) & m2;
    case VOP_SUBW_S: return (x - (uint64_t)sy) & m2;
    case VOP_SUBW_U: return (x - y) & m2;

    /* ---- N: x, y of 2*bits, the result of bits.  Carries out of 2*bits
     * never reach the bits kept, so unsigned wrap-around is harmless. */
    case VOP_ADDHN: return ((x + y) >> bits) & m;
    case VOP_RADDHN: return ((x + y + (1ull << (bits - 1))) >> bits) & m;
    case VOP_SUBHN: return ((x - y) >> bits) & m;
    case VOP_RSUBHN: return ((x - y + (1ull << (bits - 1))) >> bits) & m;
    case VOP_MOVN: return x & m;
    case VOP_QMOVN_S: return sat(c, sext(x, 2 * bits), bits, true);
    case VOP_QMOVN_U: return sat(c, x, bits, false);
    case VOP_QMOVUN: return sat(c, sext(x, 2 * bits), bits, false);
    case VOP_SHRN_IMM: return (uint64_t)shr_imm(x, 2 * bits, false, imm, false) & m;
    case VOP_RSHRN_IMM: return (uint64_t)shr_imm(x, 2 * bits, false, imm, true) & m;
    case VOP_QSHRN_S_IMM: return sat(c, shr_imm(x, 2 * bits, true, imm, false), bits, true);
    case VOP_QSHRN_U_IMM: return sat(c, shr_imm(x, 2 * bits, false, imm, false), bits, false);
    case VOP_QRSHRN_S_IMM: return sat(c, shr_imm(x, 2 * bits, true, imm, true), bits, true);
    case VOP_QRSHRN_U_IMM: return sat(c, shr_imm(x, 2 * bits, false, imm, true), bits, false);
    case VOP_QSHRUN_IMM: return sat(c, shr_imm(x, 2 * bits, true, imm, false), bits, false);
    case VOP_QRSHRUN_IMM: return sat(c, shr_imm(x, 2 * bits, true, imm, true), bits, false);

    /* ---- half precision (N and L shapes with esz 1) */
    case VOP_CVT_F16_F32: return f32_to_f16(c, fx);
    case VOP_CVT_F32_F16: return f16_to_f32(c, fx);
    }
    ferry_fatal("internal error: vector operation %s has no lane rule", vop_name(kind));
}

/* ---------------------------------------------------------------- shapes */

/* How a kind's operands are laid out (see tcg/vecop.h). */
enum {
    SH_S,           /* same width */
    SH_PAIR,        /* same width, operands in adjacent pairs of a then b */
    SH_PAIRL,       /* pairs of a, widened into d (VPADDL, VPADAL) */
    SH_L, SH_W, SH_N,
    SH_OTHER,       /* permutes and byte moves: done by whole vectors */
};

static int shape_of(unsigned kind)
{
    switch (kind) {
    case VOP_PADD: case VOP_PMAX_S: case VOP_PMAX_U: case VOP_PMIN_S: case VOP_PMIN_U:
    case VOP_FPADD: case VOP_FPMAX: case VOP_FPMIN:
        return SH_PAIR;
    case VOP_PADDL_S: case VOP_PADDL_U: case VOP_PADAL_S: case VOP_PADAL_U:
        return SH_PAIRL;
    case VOP_ADDL_S: case VOP_ADDL_U: case VOP_SUBL_S: case VOP_SUBL_U:
    case VOP_ABDL_S: case VOP_ABDL_U: case VOP_ABAL_S: case VOP_ABAL_U:
    case VOP_MULL_S: case VOP_MULL_U: case VOP_PMULL:
    case VOP_MLAL_S: case VOP_MLAL_U: case VOP_MLSL_S: case VOP_MLSL_U:
    case VOP_QDMULL: case VOP_QDMLAL: case VOP_QDMLSL:
    case VOP_MOVL_S: case VOP_MOVL_U: case VOP_SHLL_MAX: case VOP_CVT_F32_F16:
        return SH_L;
    case VOP_ADDW_S: case VOP_ADDW_U: case VOP_SUBW_S: case VOP_SUBW_U:
        return SH_W;
    case VOP_ADDHN: case VOP_RADDHN: case VOP_SUBHN: case VOP_RSUBHN:
    case VOP_MOVN: case VOP_QMOVN_S: case VOP_QMOVN_U: case VOP_QMOVUN:
    case VOP_SHRN_IMM: case VOP_RSHRN_IMM:
    case VOP_QSHRN_S_IMM: case VOP_QSHRN_U_IMM: case VOP_QRSHRN_S_IMM: case VOP_QRSHRN_U_IMM:
    case VOP_QSHRUN_IMM: case VOP_QRSHRUN_IMM: case VOP_CVT_F16_F32:
        return SH_N;
    case VOP_REV16: case VOP_REV32: case VOP_REV64:
    case VOP_SWP: case VOP_TRN: case VOP_UZP: case VOP_ZIP:
    case VOP_DUP: case VOP_EXT: case VOP_TBL: case VOP_TBX:
        return SH_OTHER;
    default:
        return SH_S;
    }
}

/* Whether the lane rule reads b (otherwise b may be any value). */
static bool uses_b(unsigned kind)
{
    switch (kind) {
    case VOP_SHR_S_IMM: case VOP_SHR_U_IMM: case VOP_RSHR_S_IMM: case VOP_RSHR_U_IMM:
    case VOP_SRA_S_IMM: case VOP_SRA_U_IMM: case VOP_RSRA_S_IMM: case VOP_RSRA_U_IMM:
    case VOP_SRI_IMM: case VOP_SHL_IMM: case VOP_SLI_IMM:
    case VOP_QSHL_S_IMM: case VOP_QSHL_U_IMM: case VOP_QSHLU_IMM:
    case VOP_CLS: case VOP_CLZ: case VOP_CNT: case VOP_MVN:
    case VOP_QABS: case VOP_QNEG: case VOP_ABS: case VOP_NEG:
    case VOP_CGT0: case VOP_CGE0: case VOP_CEQ0: case VOP_CLE0: case VOP_CLT0:
    case VOP_FCGT0: case VOP_FCGE0: case VOP_FCEQ0: case VOP_FCLE0: case VOP_FCLT0:
    case VOP_FABS: case VOP_FNEG: case VOP_RECPE_U: case VOP_RSQRTE_U:
    case VOP_FRECPE: case VOP_FRSQRTE:
    case VOP_CVT_F32_S32: case VOP_CVT_F32_U32: case VOP_CVT_S32_F32: case VOP_CVT_U32_F32:
    case VOP_PADDL_S: case VOP_PADDL_U: case VOP_PADAL_S: case VOP_PADAL_U:
    case VOP_MOVL_S: case VOP_MOVL_U: case VOP_SHLL_MAX:
    case VOP_MOVN: case VOP_QMOVN_S: case VOP_QMOVN_U: case VOP_QMOVUN:
    case VOP_SHRN_IMM: case VOP_RSHRN_IMM:
    case VOP_QSHRN_S_IMM: case VOP_QSHRN_U_IMM: case VOP_QRSHRN_S_IMM: case VOP_QRSHRN_U_IMM:
    case VOP_QSHRUN_IMM: case VOP_QRSHRUN_IMM:
    case VOP_CVT_F16_F32: case VOP_CVT_F32_F16:
        return false;
    default:
        return true;
    }
}

/* The element sizes a kind accepts, as a mask of 1 << esz. */
static unsigned valid_esz(unsigned kind)
{
    switch (kind) {
    /* bitwise and whole-register kinds: the element size does not matter */
    case VOP_AND: case VOP_BIC: case VOP_ORR: case VOP_ORN: case VOP_EOR:
    case VOP_BSL: case VOP_BIT: case VOP_BIF: case VOP_MVN: case VOP_SWP:
    case VOP_EXT: case VOP_TBL: case VOP_TBX:
    /* 8 to 64 bits */
    case VOP_ADD: case VOP_SUB:
    case VOP_QADD_S: case VOP_QADD_U: case VOP_QSUB_S: case VOP_QSUB_U:
    case VOP_SHL_S: case VOP_SHL_U: case VOP_RSHL_S: case VOP_RSHL_U:
    case VOP_QSHL_S: case VOP_QSHL_U: case VOP_QRSHL_S: case VOP_QRSHL_U:
    case VOP_SHR_S_IMM: case VOP_SHR_U_IMM: case VOP_RSHR_S_IMM: case VOP_RSHR_U_IMM:
    case VOP_SRA_S_IMM: case VOP_SRA_U_IMM: case VOP_RSRA_S_IMM: case VOP_RSRA_U_IMM:
    case VOP_SRI_IMM: case VOP_SHL_IMM: case VOP_SLI_IMM:
    case VOP_QSHL_S_IMM: case VOP_QSHL_U_IMM: case VOP_QSHLU_IMM:
        return 0xf;
    case VOP_PMUL: case VOP_PMULL: case VOP_CNT: case VOP_REV16:
        return 0x1;
    case VOP_REV32:
        return 0x3;
    case VOP_QDMULH: case VOP_QRDMULH: case VOP_QDMULL: case VOP_QDMLAL: case VOP_QDMLSL:
        return 0x6;
    case VOP_CVT_F16_F32: case VOP_CVT_F32_F16:
        return 0x2;
    case VOP_FADD: case VOP_FSUB: case VOP_FMUL: case VOP_FMLA: case VOP_FMLS:
    case VOP_FFMA: case VOP_FFMS: case VOP_FABD: case VOP_FPADD: case VOP_FPMAX: case VOP_FPMIN:
    case VOP_FCEQ: case VOP_FCGE: case VOP_FCGT: case VOP_FACGE: case VOP_FACGT:
    case VOP_FMAX: case VOP_FMIN: case VOP_FRECPS: case VOP_FRSQRTS:
    case VOP_FCGT0: case VOP_FCGE0: case VOP_FCEQ0: case VOP_FCLE0: case VOP_FCLT0:
    case VOP_FABS: case VOP_FNEG: case VOP_RECPE_U: case VOP_RSQRTE_U:
    case VOP_FRECPE: case VOP_FRSQRTE:
    case VOP_CVT_F32_S32: case VOP_CVT_F32_U32: case VOP_CVT_S32_F32: case VOP_CVT_U32_F32:
        return 0x4;
    default:
        return kind < VOP_COUNT ? 0x7 : 0;
    }
}

/* Whether imm is in range for the kind (kinds without one ignore it). */
static bool imm_ok(unsigned kind, unsigned esz, unsigned q, unsigned imm)
{
    unsigned bits = 8u << esz;
    switch (kind) {
    case VOP_SHR_S_IMM: case VOP_SHR_U_IMM: case VOP_RSHR_S_IMM: case VOP_RSHR_U_IMM:
    case VOP_SRA_S_IMM: case VOP_SRA_U_IMM: case VOP_RSRA_S_IMM: case VOP_RSRA_U_IMM:
    case VOP_SRI_IMM:
    case VOP_SHRN_IMM: case VOP_RSHRN_IMM:
    case VOP_QSHRN_S_IMM: case VOP_QSHRN_U_IMM: case VOP_QRSHRN_S_IMM: case VOP_QRSHRN_U_IMM:
    case VOP_QSHRUN_IMM: case VOP_QRSHRUN_IMM:
        return imm >= 1 && imm <= bits;
    case VOP_SHL_IMM: case VOP_SLI_IMM: case VOP_QSHL_S_IMM: case VOP_QSHL_U_IMM:
    case VOP_QSHLU_IMM: case VOP_MOVL_S: case VOP_MOVL_U:
        return imm < bits;
    case VOP_CVT_F32_S32: case VOP_CVT_F32_U32: case VOP_CVT_S32_F32: case VOP_CVT_U32_F32:
        return imm <= 32;
    case VOP_DUP:
        return imm < 8u >> esz;
    case VOP_EXT:
        return imm < 8u << q;
    case VOP_TBL: case VOP_TBX:
        return imm >= 1 && imm <= 4;
    default:
        return true;
    }
}

/* ---------------------------------------------------------------- vector kinds */

/* Every kind with a lane rule: gather the lanes' operands by shape, then
 * write d once. */
static void by_lanes(Ctx *c, ArmCPU *env, unsigned kind, unsigned esz, unsigned q, unsigned imm,
                     uint32_t d, uint32_t a, uint32_t b)
{
    int shape = shape_of(kind);
    unsigned ea = esz, eb = esz, ed = esz, na = 8u << q, nb = 8u << q, nd = 8u << q;
    switch (shape) {
    case SH_L: na = nb = 8; nd = 16; ed = esz + 1; break;
    case SH_W: na = nd = 16; nb = 8; ea = ed = esz + 1; break;
    case SH_N: na = nb = 16; nd = 8; ea = eb = esz + 1; break;
    case SH_PAIRL: ed = esz + 1; break;
    }
    /* pairwise kinds see a and b as one vector, a first */
    uint8_t va[32], vb[16], vd[16], out[16];
    bool pairs = shape == SH_PAIR || shape == SH_PAIRL, with_b = uses_b(kind);
    load(env, a, va, na);
    if (with_b)
        load(env, b, pairs ? va + na : vb, nb);
    load(env, d, vd, nd);
    for (unsigned i = 0; i < nd >> ed; i++) {
        uint64_t x, y;
        if (pairs) {
            x = elem(va, esz, 2 * i);
            y = elem(va, esz, 2 * i + 1);
        } else {
            x = elem(va, ea, i);
            y = with_b ? elem(vb, eb, i) : 0;
        }
        set_elem(out, ed, i, lane(c, kind, esz, imm, x, y, elem(vd, ed, i)));
    }
    store(env, d, out, nd);
}

/* VSWP, VTRN, VUZP, VZIP: d is the first operand, a the second; both are
 * written, d first. */
static void permute(ArmCPU *env, unsigned kind, unsigned esz, unsigned q, uint32_t d, uint32_t a)
{
    unsigned n = 8u << q, lanes = n >> esz;
    uint8_t vd[16], va[16], cat[32], od[16], oa[16];
    load(env, d, vd, n);
    load(env, a, va, n);
    switch (kind) {
    case VOP_SWP:
        memcpy(od, va, n);
        memcpy(oa, vd, n);
        break;
    case VOP_TRN:       /* transpose the 2x2 blocks of d over a */
        for (unsigned i = 0; i < lanes; i += 2) {
            set_elem(od, esz, i, elem(vd, esz, i));
            set_elem(od, esz, i + 1, elem(va, esz, i));
            set_elem(oa, esz, i, elem(vd, esz, i + 1));
            set_elem(oa, esz, i + 1, elem(va, esz, i + 1));
        }
        break;
    case VOP_UZP:       /* a:d (d low): even elements to d, odd ones to a */
        memcpy(cat, vd, n);
        memcpy(cat + n, va, n);
        for (unsigned i = 0; i < lanes; i++) {
            set_elem(od, esz, i, elem(cat, esz, 2 * i));
            set_elem(oa, esz, i, elem(cat, esz, 2 * i + 1));
        }
        break;
    default:            /* VOP_ZIP: interleave d and a; the low half to d */
        for (unsigned i = 0; i < lanes; i++) {
            set_elem(cat, esz, 2 * i, elem(vd, esz, i));
            set_elem(cat, esz, 2 * i + 1, elem(va, esz, i));
        }
        memcpy(od, cat, n);
        memcpy(oa, cat + n, n);
        break;
    }
    store(env, d, od, n);
    store(env, a, oa, n);
}

/* The kinds that move whole elements or bytes around. */
static void rearrange(ArmCPU *env, unsigned kind, unsigned esz, unsigned q, unsigned imm,
                      uint32_t d, uint32_t a, uint32_t b)
{
    unsigned n = 8u << q, lanes = n >> esz;
    uint8_t src[32], idx[8], out[16];
    switch (kind) {
    case VOP_REV16: case VOP_REV32: case VOP_REV64: {
        /* element i comes from the mirror position within its unit */
        unsigned unit = kind == VOP_REV16 ? 2 : kind == VOP_REV32 ? 4 : 8;
        load(env, a, src, n);
        for (unsigned i = 0; i < lanes; i++)
            set_elem(out, esz, i, elem(src, esz, i ^ ((unit >> esz) - 1)));
        break;
    }
    case VOP_DUP:
        load(env, a, src, 8);
        for (unsigned i = 0; i < lanes; i++)
            set_elem(out, esz, i, elem(src, esz, imm));
        break;
    case VOP_EXT:
        load(env, a, src, n);
        load(env, b, src + n, n);
        memcpy(out, src + imm, n);
        break;
    default:            /* VOP_TBL, VOP_TBX: always D registers */
        n = 8;
        load(env, a, src, 8 * imm);
        load(env, b, idx, 8);
        load(env, d, out, 8);
        for (unsigned i = 0; i < 8; i++) {
            if (idx[i] < 8 * imm)
                out[i] = src[idx[i]];
            else if (kind == VOP_TBL)
                out[i] = 0;
        }
        break;
    }
    store(env, d, out, n);
}

void arm_neon_ref(void *env_v, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    ArmCPU *env = env_v;
    unsigned kind = VOP_KIND(what), esz = VOP_ESZ(what), q = VOP_Q(what), imm = VOP_IMM(what);
    if (!(valid_esz(kind) >> esz & 1))
        ferry_fatal("internal error: vector operation %s with %u-bit elements", vop_name(kind),
                    8u << esz);
    if (!imm_ok(kind, esz, q, imm))
        ferry_fatal("internal error: vector operation %s.%u with immediate %u", vop_name(kind),
                    8u << esz, imm);
    Ctx c = { .ahp = (env->fpscr & FPSCR_AHP) != 0 };
    switch (kind) {
    case VOP_SWP: case VOP_TRN: case VOP_UZP: case VOP_ZIP:
        permute(env, kind, esz, q, d, a);
        break;
    case VOP_REV16: case VOP_REV32: case VOP_REV64:
    case VOP_DUP: case VOP_EXT: case VOP_TBL: case VOP_TBX:
        rearrange(env, kind, esz, q, imm, d, a, b);
        break;
    default:
        by_lanes(&c, env, kind, esz, q, imm, d, a, b);
        break;
    }
    env->fpscr |= c.flags;
}
