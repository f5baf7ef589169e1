/*
 * ARM floating-point semantics where the host's SSE arithmetic is not
 * enough: the slow path of the FP IR ops, FPSCR reads and writes, and the
 * fixed-point and half-precision conversions.
 *
 * Values are handled as bit patterns described by a small format record,
 * so the ARM ARM rules (FPProcessNaNs, FPConvertNaN, FPRound, FPToFixed)
 * are written once for half, single and double precision and do not
 * depend on the host's rounding mode: rounding follows FPSCR.RMode.  Only
 * arithmetic on numbers (no NaN operand) uses the host, under the MXCSR
 * that arm_fp_write_fpscr set up from the same FPSCR.
 *
 * Exceptions found here go straight into env->fpscr; the ones the SSE fast
 * paths raise stay in MXCSR until the guest reads FPSCR.
 */
#include "common/mxcsr.h"
#include "frontend/arm/arm_fp.h"

#include <math.h>
#include <string.h>
#include <xmmintrin.h>

/* ---------------------------------------------------------------- formats */

typedef struct FpFmt {
    unsigned bits, exp_bits, frac_bits;
} FpFmt;

static const FpFmt fmt_h = { 16, 5, 10 };
static const FpFmt fmt_s = { 32, 8, 23 };
static const FpFmt fmt_d = { 64, 11, 52 };

static uint64_t sign_bit(const FpFmt *f) { return 1ull << (f->bits - 1); }
static uint64_t exp_mask(const FpFmt *f) { return ((1ull << f->exp_bits) - 1) << f->frac_bits; }
static uint64_t frac_mask(const FpFmt *f) { return (1ull << f->frac_bits) - 1; }
static uint64_t quiet_bit(const FpFmt *f) { return 1ull << (f->frac_bits - 1); }
static int exp_bias(const FpFmt *f) { return (1 << (f->exp_bits - 1)) - 1; }
static uint64_t default_nan(const FpFmt *f) { return exp_mask(f) | quiet_bit(f); }

static bool is_nan(const FpFmt *f, uint64_t x)
{
    return (x & exp_mask(f)) == exp_mask(f) && (x & frac_mask(f)) != 0;
}

static bool is_snan(const FpFmt *f, uint64_t x)
{
    return is_nan(f, x) && !(x & quiet_bit(f));
}

static bool is_qnan(const FpFmt *f, uint64_t x)
{
    return is_nan(f, x) && (x & quiet_bit(f));
}

static bool is_inf(const FpFmt *f, uint64_t x)
{
    return (x & ~sign_bit(f)) == exp_mask(f);
}

static bool is_zero(const FpFmt *f, uint64_t x)
{
    return (x & ~sign_bit(f)) == 0;
}

static bool is_denormal(const FpFmt *f, uint64_t x)
{
    return (x & exp_mask(f)) == 0 && (x & frac_mask(f)) != 0;
}

/* A finite nonzero value (-1)^neg * mant * 2^exp. */
typedef struct Unpacked {
    bool neg;
    uint64_t mant;
    int exp;
} Unpacked;

/* Exponent 0 is a denormal; every other exponent is a normal number (the
 * all-ones exponent too: callers filter infinities and NaNs, except for
 * alternative half precision, where it is a normal number). */
static Unpacked unpack(const FpFmt *f, uint64_t x)
{
    Unpacked u = { .neg = (x & sign_bit(f)) != 0 };
    int e = (int)((x & exp_mask(f)) >> f->frac_bits);
    uint64_t frac = x & frac_mask(f);
    if (e == 0) {
        u.mant = frac;
        u.exp = 1 - exp_bias(f) - (int)f->frac_bits;
    } else {
        u.mant = frac | 1ull << f->frac_bits;
        u.exp = e - exp_bias(f) - (int)f->frac_bits;
    }
    return u;
}

/* ---------------------------------------------------------------- env access */

static uint64_t get_bits(void *env, uint32_t off, unsigned bits)
{
    uint64_t v = 0;
    memcpy(&v, (char *)env + off, bits / 8);   /* little-endian host */
    return v;
}

static void put_bits(void *env, uint32_t off, unsigned bits, uint64_t v)
{
    memcpy((char *)env + off, &v, bits / 8);
}

static void raise_exc(ArmCPU *env, uint32_t flags)
{
    env->fpscr |= flags;
}

static int rmode(const ArmCPU *env)
{
    return (env->fpscr >> FPSCR_RMODE_SHIFT) & 3;
}

/* FPUnpack's flush of denormal inputs when FPSCR.FZ is set (single and
 * double precision; half precision is never flushed). */
static uint64_t flush_input(ArmCPU *env, const FpFmt *f, uint64_t x)
{
    if ((env->fpscr & FPSCR_FZ) && f->bits != 16 && is_denormal(f, x)) {
        raise_exc(env, FPSCR_IDC);
        return x & sign_bit(f);
    }
    return x;
}

/* ---------------------------------------------------------------- NaNs */

static uint64_t nan_result(const ArmCPU *env, const FpFmt *f, uint64_t quiet_nan)
{
    return (env->fpscr & FPSCR_DN) ? default_nan(f) : quiet_nan;
}

/* FPProcessNaNs for n operands in ARM order: the first signalling NaN,
 * quietened (Invalid Operation), else the first quiet NaN.  Returns false
 * when no operand is a NaN. */
static bool process_nans(ArmCPU *env, const FpFmt *f, const uint64_t *ops, int n,
                         uint64_t *out)
{
    for (int i = 0; i < n; i++) {
        if (is_snan(f, ops[i])) {
            raise_exc(env, FPSCR_IOC);
            *out = nan_result(env, f, ops[i] | quiet_bit(f));
            return true;
        }
    }
    for (int i = 0; i < n; i++) {
        if (is_nan(f, ops[i])) {
            *out = nan_result(env, f, ops[i]);
            return true;
        }
    }
    return false;
}

/* FPConvertNaN: the sign and the top fraction bits carry over, quietened. */
static uint64_t convert_nan(const FpFmt *from, const FpFmt *to, uint64_t x)
{
    uint64_t frac = x & frac_mask(from);
    if (to->frac_bits > from->frac_bits)
        frac <<= to->frac_bits - from->frac_bits;
    else
        frac >>= from->frac_bits - to->frac_bits;
    uint64_t sign = (x & sign_bit(from)) ? sign_bit(to) : 0;
    return sign | exp_mask(to) | quiet_bit(to) | (frac & frac_mask(to));
}

/* ---------------------------------------------------------------- rounding */

/* m >> s with what rounding needs: the truncated quotient, how the dropped
 * bits compare with one half (-1 below, 0 equal, 1 above), and whether any
 * was set.  s may exceed 63. */
typedef struct Shifted {
    uint64_t q;
    int half;
    bool inexact;
} Shifted;

static Shifted shift_right(uint64_t m, unsigned s)
{
    Shifted r = { .q = m, .half = -1 };
    if (s == 0)
        return r;
    if (s > 64) {
        r.q = 0;
        r.inexact = m != 0;
        return r;
    }
    uint64_t rem = s == 64 ? m : m & ((1ull << s) - 1);
    uint64_t half = 1ull << (s - 1);
    r.q = s == 64 ? 0 : m >> s;
    r.inexact = rem != 0;
    r.half = rem < half ? -1 : rem > half;
    return r;
}

static bool round_up(int mode, bool neg, const Shifted *sh)
{
    if (!sh->inexact)
        return false;
    switch (mode) {
    case ARM_RMODE_RN: return sh->half > 0 || (sh->half == 0 && (sh->q & 1));
    case ARM_RMODE_RP: return !neg;
    case ARM_RMODE_RM: return neg;
    default: return false;
    }
}

/* The overflow result of FPRound: infinity or the largest finite value. */
static uint64_t overflow_result(ArmCPU *env, const FpFmt *g, bool neg, int mode)
{
    bool to_inf = mode == ARM_RMODE_RN || (mode == ARM_RMODE_RP && !neg) ||
                  (mode == ARM_RMODE_RM && neg);
    raise_exc(env, FPSCR_OFC | FPSCR_IXC);
    return (neg ? sign_bit(g) : 0) | (to_inf ? exp_mask(g) : exp_mask(g) - 1);
}

/*
 * FPRound of an exact value to format g by mode (ARM_RMODE_*): flush to zero
 * (FZ, not for half precision) and underflow are decided on the value
 * before rounding, as the ARM ARM does.  With ahp, a half-precision result
 * has no infinities: the all-ones exponent is a number and anything larger
 * is an Invalid Operation.
 */
static uint64_t fp_round(ArmCPU *env, const FpFmt *g, Unpacked u, int mode, bool ahp)
{
    uint64_t sign = u.neg ? sign_bit(g) : 0;
    int exponent = u.exp + 63 - __builtin_clzll(u.mant);   /* 2^exponent <= |value| */
    int min_exp = 1 - exp_bias(g), nfrac = (int)g->frac_bits;
    if (g->bits != 16 && (env->fpscr & FPSCR_FZ) && exponent < min_exp) {
        raise_exc(env, FPSCR_UFC);
        return sign;
    }
    int biased = exponent < min_exp ? 0 : exponent - min_exp + 1;
    int unit = (biased == 0 ? min_exp : exponent) - nfrac;   /* weight of the result's lsb */
    Shifted sh = { .half = -1 };
    if (unit <= u.exp)
        sh.q = u.mant << (u.exp - unit);    /* widening: exact */
    else
        sh = shift_right(u.mant, (unsigned)(unit - u.exp));
    if (biased == 0 && sh.inexact)
        raise_exc(env, FPSCR_UFC);
    uint64_t m = sh.q + round_up(mode, u.neg, &sh);
    if (m == 1ull << (nfrac + 1)) {
        biased++;
        m >>= 1;
    } else if (biased == 0 && m == 1ull << nfrac) {
        biased = 1;     /* a denormal rounded up to the smallest normal */
    }
    if (g->bits != 16 || !ahp) {
        if (biased >= (1 << g->exp_bits) - 1)
            return overflow_result(env, g, u.neg, mode);
    } else if (biased >= 1 << g->exp_bits) {
        raise_exc(env, FPSCR_IOC);
        return sign | (sign_bit(g) - 1);
    }
    if (sh.inexact)
        raise_exc(env, FPSCR_IXC);
    return sign | (uint64_t)biased << nfrac | (m & frac_mask(g));
}

/* ---------------------------------------------------------------- conversions */

/*
 * FPToFixed: x to a size-bit integer with fbits fraction bits, rounded by
 * mode and saturated.  NaN gives 0; anything out of range gives the nearest
 * bound; both raise Invalid Operation (and not Inexact).  The result is the
 * integer value, for the caller to extend.
 */
static int64_t fp_to_fixed(ArmCPU *env, const FpFmt *f, uint64_t x, int fbits, bool uns,
                           int size, int mode)
{
    int64_t lo = uns ? 0 : -(1ll << (size - 1));
    int64_t hi = uns ? (1ll << size) - 1 : (1ll << (size - 1)) - 1;
    x = flush_input(env, f, x);
    if (is_nan(f, x)) {
        raise_exc(env, FPSCR_IOC);
        return 0;
    }
    if (is_zero(f, x))
        return 0;
    bool neg = (x & sign_bit(f)) != 0, big = is_inf(f, x), inexact = false;
    int64_t v = 0;
    if (!big) {
        Unpacked u = unpack(f, x);
        int e = u.exp + fbits;
        if (e >= 0) {
            big = 64 - __builtin_clzll(u.mant) + e > 62;
            v = big ? 0 : (int64_t)(u.mant << e);
        } else {
            Shifted sh = shift_right(u.mant, (unsigned)-e);
            v = (int64_t)(sh.q + round_up(mode, neg, &sh));
            inexact = sh.inexact;
        }
        v = neg ? -v : v;
        big = big || v < lo || v > hi;
    }
    if (big) {
        raise_exc(env, FPSCR_IOC);
        return neg ? lo : hi;
    }
    if (inexact)
        raise_exc(env, FPSCR_IXC);
    return v;
}

/* FixedToFP: v / 2^fbits rounded to format f by mode (0 gives +0). */
static uint64_t fixed_to_fp(ArmCPU *env, const FpFmt *f, int64_t v, int fbits, int mode)
{
    if (v == 0)
        return 0;
    Unpacked u = { .neg = v < 0, .mant = v < 0 ? -(uint64_t)v : (uint64_t)v, .exp = -fbits };
    return fp_round(env, f, u, mode, false);
}

/* FPConvert between single and double precision. */
static uint64_t convert_fp(ArmCPU *env, const FpFmt *from, const FpFmt *to, uint64_t x)
{
    x = flush_input(env, from, x);
    uint64_t sign = (x & sign_bit(from)) ? sign_bit(to) : 0;
    if (is_nan(from, x)) {
        if (is_snan(from, x))
            raise_exc(env, FPSCR_IOC);
        return nan_result(env, to, convert_nan(from, to, x));
    }
    if (is_inf(from, x))
        return sign | exp_mask(to);
    if (is_zero(from, x))
        return sign;
    return fp_round(env, to, unpack(from, x), rmode(env), false);
}

/* FPSingleToHalf (VCVTB/VCVTT.F16.F32). */
static uint16_t f32_to_f16(ArmCPU *env, uint32_t x)
{
    bool ahp = (env->fpscr & FPSCR_AHP) != 0;
    uint64_t v = flush_input(env, &fmt_s, x);
    uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    if (is_nan(&fmt_s, v)) {
        if (is_snan(&fmt_s, v) || ahp)
            raise_exc(env, FPSCR_IOC);
        if (ahp)
            return sign;
        return (uint16_t)nan_result(env, &fmt_h, convert_nan(&fmt_s, &fmt_h, v));
    }
    if (is_inf(&fmt_s, v)) {
        if (!ahp)
            return sign | 0x7c00;
        raise_exc(env, FPSCR_IOC);
        return sign | 0x7fff;
    }
    if (is_zero(&fmt_s, v))
        return sign;
    return (uint16_t)fp_round(env, &fmt_h, unpack(&fmt_s, v), rmode(env), ahp);
}

/* FPHalfToSingle (VCVTB/VCVTT.F32.F16): exact except for NaNs. */
static uint32_t f16_to_f32(ArmCPU *env, uint16_t h)
{
    bool ahp = (env->fpscr & FPSCR_AHP) != 0;
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    if (!ahp && is_nan(&fmt_h, h)) {
        if (is_snan(&fmt_h, h))
            raise_exc(env, FPSCR_IOC);
        return (uint32_t)nan_result(env, &fmt_s, convert_nan(&fmt_h, &fmt_s, h));
    }
    if (!ahp && is_inf(&fmt_h, h))
        return sign | 0x7f800000u;
    if (is_zero(&fmt_h, h))
        return sign;
    return (uint32_t)fp_round(env, &fmt_s, unpack(&fmt_h, h), rmode(env), ahp);
}

/* ---------------------------------------------------------------- arithmetic */

static float f32_of(uint64_t x)
{
    uint32_t w = (uint32_t)x;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static uint64_t bits_of_f32(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

static double f64_of(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}

static uint64_t bits_of_f64(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

/* ops: FMA: addend, a, b; SQRT: a; others: a, b. */
static uint32_t fpscr_flags_of_mxcsr(uint32_t m);

static uint64_t host_f32(unsigned op, const uint64_t *ops)
{
    switch (op) {
    case FOP_ADD: return bits_of_f32(f32_of(ops[0]) + f32_of(ops[1]));
    case FOP_SUB: return bits_of_f32(f32_of(ops[0]) - f32_of(ops[1]));
    case FOP_MUL: return bits_of_f32(f32_of(ops[0]) * f32_of(ops[1]));
    case FOP_DIV: return bits_of_f32(f32_of(ops[0]) / f32_of(ops[1]));
    case FOP_SQRT: return bits_of_f32(sqrtf(f32_of(ops[0])));
    default: return bits_of_f32(fmaf(f32_of(ops[1]), f32_of(ops[2]), f32_of(ops[0])));
    }
}

static uint64_t host_f64(unsigned op, const uint64_t *ops)
{
    switch (op) {
    case FOP_ADD: return bits_of_f64(f64_of(ops[0]) + f64_of(ops[1]));
    case FOP_SUB: return bits_of_f64(f64_of(ops[0]) - f64_of(ops[1]));
    case FOP_MUL: return bits_of_f64(f64_of(ops[0]) * f64_of(ops[1]));
    case FOP_DIV: return bits_of_f64(f64_of(ops[0]) / f64_of(ops[1]));
    case FOP_SQRT: return bits_of_f64(sqrt(f64_of(ops[0])));
    default: return bits_of_f64(fma(f64_of(ops[1]), f64_of(ops[2]), f64_of(ops[0])));
    }
}

/* No operand is a NaN: the host computes it (IEEE, under the guest's
 * rounding mode); what remains is the invalid operations (default NaN),
 * flushing a denormal result and the flags.  The host runs without its
 * flush modes and with its flags cleared, so that a tiny result is seen
 * before any flushing (the guest flushes it with UFC alone, where the
 * host's flush-to-zero would add inexact); MXCSR is put back exactly. */
static uint64_t arith_numbers(ArmCPU *env, const FpFmt *f, unsigned op, const uint64_t *ops)
{
    if (op == FOP_SQRT && (ops[0] & sign_bit(f)) && !is_zero(f, ops[0])) {
        raise_exc(env, FPSCR_IOC);    /* checked first: the host sqrt would set errno */
        return default_nan(f);
    }
    uint32_t saved = _mm_getcsr();
    _mm_setcsr((saved & (3u << MXCSR_RC_SHIFT)) | MXCSR_DEFAULT);
    /* volatile: the arithmetic stays between the two MXCSR accesses */
    volatile uint64_t in[3] = { ops[0], ops[1], ops[2] };
    uint64_t copy[3] = { in[0], in[1], in[2] };
    volatile uint64_t out = f->bits == 32 ? host_f32(op, copy) : host_f64(op, copy);
    uint32_t flags = _mm_getcsr();
    uint64_t r = out;
    if (!is_nan(f, r) && (flags & MXCSR_PE) && !(flags & MXCSR_UE) &&
        (r & ~sign_bit(f)) == (1ull << f->frac_bits)) {
        /* The smallest normal, inexact: rounded up from a tiny value?  The
         * host judges tininess after rounding, the guest before: toward
         * zero the value stays below the smallest normal exactly then. */
        _mm_setcsr((3u << MXCSR_RC_SHIFT) | MXCSR_DEFAULT);
        volatile uint64_t tz = f->bits == 32 ? host_f32(op, copy) : host_f64(op, copy);
        if ((tz & ~sign_bit(f)) < (1ull << f->frac_bits))
            flags |= MXCSR_UE;
    }
    _mm_setcsr(saved);
    if (is_nan(f, r)) {
        raise_exc(env, FPSCR_IOC);
        return default_nan(f);
    }
    if ((env->fpscr & FPSCR_FZ) && ((flags & MXCSR_UE) || is_denormal(f, r))) {
        /* tiny before rounding (UE), or an exact denormal: flushed */
        raise_exc(env, FPSCR_UFC);
        return r & sign_bit(f);
    }
    raise_exc(env, fpscr_flags_of_mxcsr(flags & ~MXCSR_DE));
    return r;
}

/* FPMulAdd: a quiet NaN addend does not hide the Invalid Operation of
 * infinity times zero; the result is then the default NaN. */
static bool fma_qnan_invalid(const FpFmt *f, const uint64_t *ops)
{
    bool inf1 = is_inf(f, ops[1]), zero1 = is_zero(f, ops[1]);
    bool inf2 = is_inf(f, ops[2]), zero2 = is_zero(f, ops[2]);
    return is_qnan(f, ops[0]) && ((inf1 && zero2) || (zero1 && inf2));
}

static void slow_arith(ArmCPU *env, const FpFmt *f, unsigned op, uint32_t d, uint32_t a,
                       uint32_t b)
{
    uint64_t ops[3];
    int n = 0;
    if (op == FOP_FMA)
        ops[n++] = get_bits(env, d, f->bits);
    ops[n++] = get_bits(env, a, f->bits);
    if (op != FOP_SQRT)
        ops[n++] = get_bits(env, b, f->bits);
    for (int i = 0; i < n; i++)
        ops[i] = flush_input(env, f, ops[i]);

    uint64_t r;
    if (op == FOP_FMA && fma_qnan_invalid(f, ops)) {
        raise_exc(env, FPSCR_IOC);
        r = default_nan(f);
    } else if (!process_nans(env, f, ops, n, &r)) {
        r = arith_numbers(env, f, op, ops);
    }
    put_bits(env, d, f->bits, r);
}

/* VCVT from an integer rounds by FPSCR. */
static uint64_t int_to_fp(ArmCPU *env, const FpFmt *f, int64_t v)
{
    return fixed_to_fp(env, f, v, 0, rmode(env));
}

static void slow_cvt(ArmCPU *env, unsigned kind, uint32_t d, uint32_t a)
{
    uint32_t iv = (uint32_t)get_bits(env, a, 32);
    switch (kind) {
    case FCVT_F64_F32:
        put_bits(env, d, 64, convert_fp(env, &fmt_s, &fmt_d, iv));
        return;
    case FCVT_F32_F64:
        put_bits(env, d, 32, convert_fp(env, &fmt_d, &fmt_s, get_bits(env, a, 64)));
        return;
    case FCVT_F32_S32: put_bits(env, d, 32, int_to_fp(env, &fmt_s, (int32_t)iv)); return;
    case FCVT_F32_U32: put_bits(env, d, 32, int_to_fp(env, &fmt_s, iv)); return;
    case FCVT_F64_S32: put_bits(env, d, 64, int_to_fp(env, &fmt_d, (int32_t)iv)); return;
    case FCVT_F64_U32: put_bits(env, d, 64, int_to_fp(env, &fmt_d, iv)); return;
    default: break;
    }
    bool from64 = kind == FCVT_S32_F64_RZ || kind == FCVT_U32_F64_RZ ||
                  kind == FCVT_S32_F64 || kind == FCVT_U32_F64;
    bool uns = kind == FCVT_U32_F32_RZ || kind == FCVT_U32_F64_RZ ||
               kind == FCVT_U32_F32 || kind == FCVT_U32_F64;
    int mode = kind <= FCVT_U32_F64_RZ ? ARM_RMODE_RZ : rmode(env);
    const FpFmt *f = from64 ? &fmt_d : &fmt_s;
    int64_t v = fp_to_fixed(env, f, get_bits(env, a, f->bits), 0, uns, 32, mode);
    put_bits(env, d, 32, (uint32_t)v);
}

void arm_fp_slow(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    unsigned kind = what >> 8, op = what & 0xff;
    if (kind == FPK_CVT)
        slow_cvt(env, op, d, a);
    else
        slow_arith(env, kind == FPK_F64 ? &fmt_d : &fmt_s, op, d, a, b);
}

/* ---------------------------------------------------------------- rare operations */

/* VCVT between floating point and fixed point, in place on register d.
 * The integer occupies the low 16 or 32 bits; results are sign- or
 * zero-extended to the register's width.  Unlike the integer forms, both
 * directions ignore FPSCR.RMode: toward zero to fixed point, to nearest
 * from it. */
static void fixed_op(ArmCPU *env, uint32_t what, uint32_t d, int fbits)
{
    const FpFmt *f = (what & ARM_FPH_DBL) ? &fmt_d : &fmt_s;
    bool uns = (what & ARM_FPH_UNSIGNED) != 0;
    int size = (what & ARM_FPH_16) ? 16 : 32;
    uint64_t x = get_bits(env, d, f->bits);
    if ((what & ARM_FPH_OP_MASK) == ARM_FPH_TO_FIXED) {
        int64_t v = fp_to_fixed(env, f, x, fbits, uns, size, ARM_RMODE_RZ);
        put_bits(env, d, f->bits, (uint64_t)v);
        return;
    }
    uint64_t low = x & ((1ull << size) - 1);
    int64_t v = uns ? (int64_t)low : (int64_t)(low ^ 1ull << (size - 1)) - (1ll << (size - 1));
    put_bits(env, d, f->bits, fixed_to_fp(env, f, v, fbits, ARM_RMODE_RN));
}

void arm_fp_helper(void *env_v, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    ArmCPU *env = env_v;
    switch (what & ARM_FPH_OP_MASK) {
    case ARM_FPH_F16_TO_F32:
        put_bits(env, d, 32, f16_to_f32(env, (uint16_t)get_bits(env, a, 16)));
        break;
    case ARM_FPH_F32_TO_F16:
        put_bits(env, d, 16, f32_to_f16(env, (uint32_t)get_bits(env, a, 32)));
        break;
    case ARM_FPH_FLUSH_CHECK: {
        const FpFmt *f = (what & ARM_FPH_DBL) ? &fmt_d : &fmt_s;
        flush_input(env, f, get_bits(env, a, f->bits));
        if (b != UINT32_MAX)
            flush_input(env, f, get_bits(env, b, f->bits));
        break;
    }
    default:
        fixed_op(env, what, d, (int)b);
        break;
    }
}

/* ---------------------------------------------------------------- FPSCR */

static uint32_t fpscr_flags_of_mxcsr(uint32_t m)
{
    return ((m & MXCSR_IE) ? FPSCR_IOC : 0) | ((m & MXCSR_ZE) ? FPSCR_DZC : 0) |
           ((m & MXCSR_OE) ? FPSCR_OFC : 0) | ((m & MXCSR_UE) ? FPSCR_UFC : 0) |
           ((m & MXCSR_PE) ? FPSCR_IXC : 0);
}

uint32_t arm_fp_read_fpscr(void *env_v)
{
    ArmCPU *env = env_v;
    uint32_t m = _mm_getcsr();
    if (m & MXCSR_FLAGS) {
        env->fpscr |= fpscr_flags_of_mxcsr(m);
        _mm_setcsr(m & ~MXCSR_FLAGS);
    }
    return env->fpscr;
}

void arm_fp_write_fpscr(void *env_v, uint32_t v)
{
    /* ARM RN, RP, RM, RZ as x86 rounding control values */
    static const uint32_t x86_rc[4] = { 0, 2, 1, 3 };
    ArmCPU *env = env_v;
    env->fpscr = v & ARM_FPSCR_WRITABLE;
    uint32_t m = MXCSR_DEFAULT | x86_rc[(v >> FPSCR_RMODE_SHIFT) & 3] << MXCSR_RC_SHIFT;
    if (v & FPSCR_FZ)
        m |= MXCSR_FTZ | MXCSR_DAZ;
    _mm_setcsr(m);
}

void arm_fp_reset(ArmCPU *env)
{
    arm_fp_write_fpscr(env, 0);
}

const IRHelper arm_fp_h_helper = {
    "arm_fp_helper", (void *)arm_fp_helper, IR_VOID, 5,
    { IR_PTR, IR_I32, IR_I32, IR_I32, IR_I32 }, 0,
};
const IRHelper arm_fp_h_slow = {
    "arm_fp_slow", (void *)arm_fp_slow, IR_VOID, 5,
    { IR_PTR, IR_I32, IR_I32, IR_I32, IR_I32 }, 0,
};
const IRHelper arm_fp_h_read_fpscr = {
    "arm_fp_read_fpscr", (void *)arm_fp_read_fpscr, IR_I32, 1, { IR_PTR }, 0,
};
const IRHelper arm_fp_h_write_fpscr = {
    "arm_fp_write_fpscr", (void *)arm_fp_write_fpscr, IR_VOID, 2, { IR_PTR, IR_I32 }, 0,
};
