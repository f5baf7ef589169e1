/*
 * MIPS floating-point semantics where the host's SSE arithmetic is not
 * enough: the slow path of the FP IR ops, the rounding conversions to
 * integers, and FCSR reads and writes.  See mips_fp.h for the NaN rules.
 *
 * Arithmetic on numbers (no NaN operand) uses the host under the MXCSR that
 * mips_fp_write_ctrl set up from FCSR (rounding mode, FS as flush-to-zero),
 * so it rounds and raises flags as the fast path does.  Exceptions found
 * here go into FCSR's cause and flag fields directly.
 */
#include "common/mxcsr.h"
#include "frontend/mips/mips_fp.h"

#include <math.h>
#include <string.h>
#include <xmmintrin.h>

#include "common/log.h"

/* ---------------------------------------------------------------- formats */

typedef struct FpFmt {
    unsigned bits, frac_bits;
    uint64_t exp_mask;
} FpFmt;

static const FpFmt fmt_s = { 32, 23, 0x7f800000u };
static const FpFmt fmt_d = { 64, 52, 0x7ff0000000000000ull };

static uint64_t top_frac(const FpFmt *f) { return 1ull << (f->frac_bits - 1); }
static uint64_t frac_mask(const FpFmt *f) { return (1ull << f->frac_bits) - 1; }

static bool is_nan(const FpFmt *f, uint64_t x)
{
    return (x & f->exp_mask) == f->exp_mask && (x & frac_mask(f)) != 0;
}

static bool is_snan(const MipsCPU *env, const FpFmt *f, uint64_t x)
{
    bool top = (x & top_frac(f)) != 0;
    return is_nan(f, x) && (env->nan2008 ? !top : top);
}

static uint64_t default_nan(const MipsCPU *env, const FpFmt *f)
{
    if (env->nan2008)
        return f->exp_mask | top_frac(f);
    return f->exp_mask | (frac_mask(f) >> 1);   /* 0x7fbfffff, 0x7ff7ffffffffffff */
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

/* Record exceptions: the cause field gets them, the sticky flags too. */
static void raise_exc(MipsCPU *env, uint32_t exc)
{
    env->fcsr = (env->fcsr & ~(0x3fu << FCSR_CAUSE_SHIFT)) | exc << FCSR_CAUSE_SHIFT |
                exc << FCSR_FLAGS_SHIFT;
}

/* ---------------------------------------------------------------- NaNs */

/* The NaN result of an operation with NaN operands ops[0..n): legacy:
 * the default NaN; 2008: the first signalling NaN quietened, else the
 * first quiet NaN.  A signalling operand is an Invalid Operation either
 * way.  False when no operand is a NaN. */
static bool process_nans(MipsCPU *env, const FpFmt *f, const uint64_t *ops, int n,
                         uint64_t *out)
{
    int first_nan = -1, first_snan = -1;
    for (int i = n - 1; i >= 0; i--) {
        if (is_nan(f, ops[i]))
            first_nan = i;
        if (is_snan(env, f, ops[i]))
            first_snan = i;
    }
    if (first_nan < 0)
        return false;
    if (first_snan >= 0)
        raise_exc(env, FP_EXC_V);
    if (!env->nan2008)
        *out = default_nan(env, f);
    else if (first_snan >= 0)
        *out = ops[first_snan] | top_frac(f);
    else
        *out = ops[first_nan];
    return true;
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

static uint64_t host_arith(const FpFmt *f, unsigned op, uint64_t a, uint64_t b)
{
    if (f->bits == 32) {
        float x = f32_of(a), y = f32_of(b);
        switch (op) {
        case FOP_ADD: return bits_of_f32(x + y);
        case FOP_SUB: return bits_of_f32(x - y);
        case FOP_MUL: return bits_of_f32(x * y);
        case FOP_DIV: return bits_of_f32(x / y);
        default: return bits_of_f32(sqrtf(x));
        }
    }
    double x = f64_of(a), y = f64_of(b);
    switch (op) {
    case FOP_ADD: return bits_of_f64(x + y);
    case FOP_SUB: return bits_of_f64(x - y);
    case FOP_MUL: return bits_of_f64(x * y);
    case FOP_DIV: return bits_of_f64(x / y);
    default: return bits_of_f64(sqrt(x));
    }
}

static void slow_arith(MipsCPU *env, const FpFmt *f, unsigned op, uint32_t d, uint32_t a,
                       uint32_t b)
{
    uint64_t ops[2] = { get_bits(env, a, f->bits), 0 };
    int n = 1;
    if (op != FOP_SQRT)
        ops[n++] = get_bits(env, b, f->bits);
    uint64_t r;
    if (!process_nans(env, f, ops, n, &r)) {
        uint64_t sign = 1ull << (f->bits - 1);
        if (op == FOP_SQRT && (ops[0] & sign) && (ops[0] & ~sign)) {
            raise_exc(env, FP_EXC_V);     /* before the host sqrt sets errno */
            r = default_nan(env, f);
        } else {
            r = host_arith(f, op, ops[0], ops[1]);
            if (is_nan(f, r)) {           /* inf - inf, 0 * inf, 0 / 0 ... */
                raise_exc(env, FP_EXC_V);
                r = default_nan(env, f);
            }
        }
    }
    put_bits(env, d, f->bits, r);
}

/* ---------------------------------------------------------------- conversions */

/* Float-to-float: NaNs by the NaN rules, numbers by the host. */
static void cvt_fp(MipsCPU *env, const FpFmt *from, const FpFmt *to, uint32_t d, uint32_t a)
{
    uint64_t x = get_bits(env, a, from->bits), r;
    if (is_nan(from, x)) {
        if (is_snan(env, from, x))
            raise_exc(env, FP_EXC_V);
        if (!env->nan2008) {
            r = default_nan(env, to);
        } else {
            uint64_t frac = x & frac_mask(from);
            frac = to->frac_bits > from->frac_bits ? frac << (to->frac_bits - from->frac_bits)
                                                   : frac >> (from->frac_bits - to->frac_bits);
            uint64_t sign = (x >> (from->bits - 1)) << (to->bits - 1);
            r = sign | to->exp_mask | top_frac(to) | (frac & frac_mask(to));
        }
    } else if (to->bits == 64) {
        r = bits_of_f64((double)f32_of(x));
    } else {
        r = bits_of_f32((float)f64_of(x));
    }
    put_bits(env, d, to->bits, r);
}

static double round_by(double x, int mode)
{
    switch (mode) {
    case MIPS_RM_RZ: return trunc(x);
    case MIPS_RM_RP: return ceil(x);
    case MIPS_RM_RM: return floor(x);
    default: {
        double r = round(x);               /* ties away from zero ... */
        if (fabs(x - trunc(x)) == 0.5)
            r = 2.0 * round(x / 2.0);      /* ... so ties go to even here */
        return r;
    }
    }
}

/*
 * x to a 32- or 64-bit integer rounded by mode.  An invalid conversion (NaN,
 * out of range) raises V and gives, in legacy mode, 2^31 - 1 (2^63 - 1),
 * and with NaN2008 0 for a NaN and the nearest bound otherwise.
 */
static int64_t fp_to_int(MipsCPU *env, const FpFmt *f, uint64_t bits, int mode, bool is64)
{
    int64_t hi = is64 ? INT64_MAX : INT32_MAX, lo = is64 ? INT64_MIN : INT32_MIN;
    if (mode == MIPS_RM_CURRENT)
        mode = (int)(env->fcsr & FCSR_RM_MASK);
    if (is_nan(f, bits)) {
        raise_exc(env, FP_EXC_V);
        return env->nan2008 ? 0 : hi;
    }
    double x = f->bits == 32 ? (double)f32_of(bits) : f64_of(bits);
    double r = round_by(x, mode);
    double limit = is64 ? 9223372036854775808.0 : 2147483648.0;
    if (r >= limit || r < -limit) {
        raise_exc(env, FP_EXC_V);
        return !env->nan2008 ? hi : (x < 0 ? lo : hi);
    }
    raise_exc(env, r != x ? FP_EXC_I : 0);
    return (int64_t)r;
}

static void slow_cvt(MipsCPU *env, unsigned kind, uint32_t d, uint32_t a)
{
    int32_t iv = (int32_t)get_bits(env, a, 32);
    switch (kind) {
    case FCVT_F64_F32: cvt_fp(env, &fmt_s, &fmt_d, d, a); return;
    case FCVT_F32_F64: cvt_fp(env, &fmt_d, &fmt_s, d, a); return;
    case FCVT_F32_S32: put_bits(env, d, 32, bits_of_f32((float)iv)); return;
    case FCVT_F64_S32: put_bits(env, d, 64, bits_of_f64((double)iv)); return;
    default: break;
    }
    bool from64 = kind == FCVT_S32_F64_RZ || kind == FCVT_S32_F64;
    int mode = (kind == FCVT_S32_F32_RZ || kind == FCVT_S32_F64_RZ) ? MIPS_RM_RZ
                                                                     : MIPS_RM_CURRENT;
    const FpFmt *f = from64 ? &fmt_d : &fmt_s;
    put_bits(env, d, 32, (uint32_t)fp_to_int(env, f, get_bits(env, a, f->bits), mode, false));
}

void mips_fp_slow(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    unsigned kind = what >> 8, op = what & 0xff;
    if (kind == FPK_CVT)
        slow_cvt(env, op, d, a);
    else
        slow_arith(env, kind == FPK_F64 ? &fmt_d : &fmt_s, op, d, a, b);
}

void mips_fp_helper(void *env_v, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    MipsCPU *env = env_v;
    const FpFmt *f = (what & MIPS_FPH_DBL) ? &fmt_d : &fmt_s;
    bool is64 = (what & MIPS_FPH_L) != 0;
    if ((what & MIPS_FPH_OP_MASK) == MIPS_FPH_TO_INT) {
        int64_t v = fp_to_int(env, f, get_bits(env, a, f->bits), (int)b, is64);
        put_bits(env, d, is64 ? 64 : 32, (uint64_t)v);
        return;
    }
    int64_t v = (int64_t)get_bits(env, a, 64);
    if (f->bits == 64)
        put_bits(env, d, 64, bits_of_f64((double)v));
    else
        put_bits(env, d, 32, bits_of_f32((float)v));
}

/* ---------------------------------------------------------------- FCSR */


/* FCSR bits CTC1 can change: RM, flags, enables, cause, FS. */
#define FCSR_WRITABLE 0x0103ffffu

static uint32_t flags_of_mxcsr(uint32_t m)
{
    return ((m & MXCSR_IE) ? FP_EXC_V : 0) | ((m & MXCSR_ZE) ? FP_EXC_Z : 0) |
           ((m & MXCSR_OE) ? FP_EXC_O : 0) | ((m & MXCSR_UE) ? FP_EXC_U : 0) |
           ((m & MXCSR_PE) ? FP_EXC_I : 0);
}

/* Move the host's sticky flags into env->fcsr. */
static void merge_host_flags(MipsCPU *env)
{
    uint32_t m = _mm_getcsr();
    if (m & MXCSR_FLAGS) {
        env->fcsr |= flags_of_mxcsr(m) << FCSR_FLAGS_SHIFT;
        _mm_setcsr(m & ~MXCSR_FLAGS);
    }
}

static uint32_t read_fcsr(MipsCPU *env)
{
    merge_host_flags(env);
    return mips_fcsr_with_fcc(env->fcsr, env->fcc);
}

static void write_fcsr(MipsCPU *env, uint32_t v)
{
    /* MIPS RN, RZ, RP, RM as x86 rounding control values */
    static const uint32_t x86_rc[4] = { 0, 3, 2, 1 };
    static char warned;
    uint32_t fixed = env->fcsr & (FCSR_NAN2008 | FCSR_ABS2008);
    env->fcsr = (v & FCSR_WRITABLE) | fixed;
    env->fcc = ((v >> 23) & 1) | ((v >> 24) & 0xfe);
    if (((v >> FCSR_ENABLES_SHIFT) & 0x1f) && !warned) {
        warned = 1;
        ferry_log("FP exception traps enabled in FCSR (0x%08x): not delivered, "
                  "results are the untrapped ones", v);
    }
    uint32_t m = MXCSR_DEFAULT | x86_rc[v & FCSR_RM_MASK] << MXCSR_RC_SHIFT;
    if (v & FCSR_FS)
        m |= MXCSR_FTZ | MXCSR_DAZ;
    _mm_setcsr(m);
}

uint32_t mips_fp_read_ctrl(void *env_v, uint32_t reg)
{
    MipsCPU *env = env_v;
    uint32_t fcsr = read_fcsr(env);
    switch (reg) {
    case 0: return env->fir;
    case 25: return ((fcsr >> 24) & 0xfe) | ((fcsr >> 23) & 1);   /* FCCR */
    case 26: return fcsr & 0x0003f07cu;                             /* FEXR */
    case 28: return (fcsr & 0x00000f83u) | (fcsr & FCSR_FS ? 4 : 0); /* FENR */
    default: return fcsr;
    }
}

void mips_fp_write_ctrl(void *env_v, uint32_t reg, uint32_t v)
{
    MipsCPU *env = env_v;
    uint32_t fcsr = read_fcsr(env);
    switch (reg) {
    case 25:
        fcsr = (fcsr & ~(FCSR_FCC0 | 0xfe000000u)) | ((v & 1) << 23) | ((v & 0xfe) << 24);
        break;
    case 26:
        fcsr = (fcsr & ~0x0003f07cu) | (v & 0x0003f07cu);
        break;
    case 28:
        fcsr = (fcsr & ~(0x00000f83u | FCSR_FS)) | (v & 0x00000f83u) | (v & 4 ? FCSR_FS : 0);
        break;
    case 31:
        fcsr = v;
        break;
    default:
        return;
    }
    write_fcsr(env, fcsr);
}

void mips_fp_reset(MipsCPU *env, bool nan2008)
{
    env->nan2008 = nan2008;
    env->fcsr = nan2008 ? FCSR_NAN2008 | FCSR_ABS2008 : 0;
    env->fcc = 0;
    write_fcsr(env, env->fcsr);
}

const IRHelper mips_fp_h_helper = {
    "mips_fp_helper", (void *)mips_fp_helper, IR_VOID, 5,
    { IR_PTR, IR_I32, IR_I32, IR_I32, IR_I32 }, 0,
};
const IRHelper mips_fp_h_read_ctrl = {
    "mips_fp_read_ctrl", (void *)mips_fp_read_ctrl, IR_I32, 2, { IR_PTR, IR_I32 },
    IRH_READS_GLOBALS,
};
const IRHelper mips_fp_h_write_ctrl = {
    "mips_fp_write_ctrl", (void *)mips_fp_write_ctrl, IR_VOID, 3, { IR_PTR, IR_I32, IR_I32 },
    IRH_READS_GLOBALS | IRH_WRITES_GLOBALS,
};
