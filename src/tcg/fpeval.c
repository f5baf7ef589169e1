/*
 * Reference behaviour of the floating-point IR ops, used by the IR
 * interpreter.  It mirrors what the x86-64 backend emits: the host's IEEE
 * arithmetic, then the guest's slow path exactly when the generated code
 * would take it (a NaN result or one of exactly the smallest normal
 * magnitude; a conversion result outside what the host instruction can
 * represent).
 */
#include <math.h>
#include <xmmintrin.h>
#include <stdint.h>
#include <string.h>

#include "tcg/ir.h"
#include "tcg/fpeval.h"
#include "common/mxcsr.h"

/* Exception flags go straight into MXCSR, which is where the guest's
 * status register reads them from (feraiseexcept may use the x87 unit). */
static void raise_mxcsr(unsigned bits)
{
    _mm_setcsr(_mm_getcsr() | bits);
}


static float get_f32(void *env, int32_t off)
{
    float v;
    memcpy(&v, (char *)env + off, 4);
    return v;
}

static double get_f64(void *env, int32_t off)
{
    double v;
    memcpy(&v, (char *)env + off, 8);
    return v;
}

static void put_f32(void *env, int32_t off, float v) { memcpy((char *)env + off, &v, 4); }
static void put_f64(void *env, int32_t off, double v) { memcpy((char *)env + off, &v, 8); }
static void put_u32(void *env, int32_t off, uint32_t v) { memcpy((char *)env + off, &v, 4); }

static double arith(unsigned op, double a, double b, double acc, bool dbl)
{
    switch (op) {
    case FOP_ADD: return a + b;
    case FOP_SUB: return a - b;
    case FOP_MUL: return a * b;
    case FOP_DIV: return a / b;
    case FOP_SQRT: return dbl ? sqrt(a) : (double)sqrtf((float)a);
    default: return dbl ? fma(a, b, acc) : (double)fmaf((float)a, (float)b, (float)acc);
    }
}

void ir_fp_fop(void *env, const IROp *op)
{
    bool dbl = op->opc == IR_fop_f64;
    unsigned fop = (unsigned)op->args[0];
    int32_t d = (int32_t)op->args[1], a = (int32_t)op->args[2], b = (int32_t)op->args[3];
    FPSlowPath *slow = (FPSlowPath *)(uintptr_t)op->args[4];
    if (dbl) {
        double r = arith(fop, get_f64(env, a), get_f64(env, b), get_f64(env, d), true);
        if (isnan(r) || fabs(r) == 0x1p-1022)
            slow(env, FP_WHAT(FPK_F64, fop), (uint32_t)d, (uint32_t)a, (uint32_t)b);
        else
            put_f64(env, d, r);
    } else {
        float fa = get_f32(env, a), fb = get_f32(env, b), fd = get_f32(env, d);
        float r;
        switch (fop) {
        case FOP_ADD: r = fa + fb; break;
        case FOP_SUB: r = fa - fb; break;
        case FOP_MUL: r = fa * fb; break;
        case FOP_DIV: r = fa / fb; break;
        case FOP_SQRT: r = sqrtf(fa); break;
        default: r = fmaf(fa, fb, fd); break;
        }
        if (isnan(r) || fabsf(r) == 0x1p-126f)
            slow(env, FP_WHAT(FPK_F32, fop), (uint32_t)d, (uint32_t)a, (uint32_t)b);
        else
            put_f32(env, d, r);
    }
}

/* Integer conversion as the host instruction does it; returns false when
 * the host would produce its "indefinite" value (the slow path decides). */
static bool to_int(double v, bool is_unsigned, bool truncate, uint32_t *out)
{
    if (isnan(v))
        return false;
    /* libm's rounding may raise inexact itself; only the host conversion
     * instruction's flags count (added below) */
    unsigned m = _mm_getcsr();
    double r = truncate ? trunc(v) : nearbyint(v);
    _mm_setcsr(m);
    if (is_unsigned) {
        if (!(r >= 0.0 && r <= 4294967295.0))
            return false;
        *out = (uint32_t)r;
    } else {
        if (!(r >= -2147483648.0 && r <= 2147483647.0) || r == -2147483648.0)
            return false;
        *out = (uint32_t)(int32_t)r;
    }
    if (r != v)
        raise_mxcsr(MXCSR_PE);   /* as the host conversion instruction does */
    return true;
}

void ir_fp_fcvt(void *env, const IROp *op)
{
    unsigned kind = (unsigned)op->args[0];
    int32_t d = (int32_t)op->args[1], a = (int32_t)op->args[2];
    FPSlowPath *slow = (FPSlowPath *)(uintptr_t)op->args[3];
    uint32_t iv;
    memcpy(&iv, (char *)env + a, 4);
    bool ok = true;
    uint32_t out = 0;
    switch (kind) {
    case FCVT_F64_F32: {
        double r = (double)get_f32(env, a);
        if (isnan(r))
            ok = false;
        else
            put_f64(env, d, r);
        break;
    }
    case FCVT_F32_F64: {
        float r = (float)get_f64(env, a);
        if (isnan(r))
            ok = false;
        else
            put_f32(env, d, r);
        break;
    }
    case FCVT_F32_S32: put_f32(env, d, (float)(int32_t)iv); break;
    case FCVT_F32_U32: put_f32(env, d, (float)iv); break;
    case FCVT_F64_S32: put_f64(env, d, (double)(int32_t)iv); break;
    case FCVT_F64_U32: put_f64(env, d, (double)iv); break;
    default: {
        bool from64 = kind == FCVT_S32_F64_RZ || kind == FCVT_U32_F64_RZ ||
                      kind == FCVT_S32_F64 || kind == FCVT_U32_F64;
        bool uns = kind == FCVT_U32_F32_RZ || kind == FCVT_U32_F64_RZ ||
                   kind == FCVT_U32_F32 || kind == FCVT_U32_F64;
        bool rz = kind <= FCVT_U32_F64_RZ;
        double v = from64 ? get_f64(env, a) : (double)get_f32(env, a);
        ok = to_int(v, uns, rz, &out);
        if (ok)
            put_u32(env, d, out);
        break;
    }
    }
    if (!ok)
        slow(env, FP_WHAT(FPK_CVT, kind), (uint32_t)d, (uint32_t)a, 0);
}

static bool is_snan(bool dbl, void *env, int32_t off)
{
    if (dbl) {
        uint64_t v;
        memcpy(&v, (char *)env + off, 8);
        return ((v >> 52) & 0x7ff) == 0x7ff && (v & 0xfffffffffffffull) &&
               !(v & (1ull << 51));
    }
    uint32_t v;
    memcpy(&v, (char *)env + off, 4);
    return ((v >> 23) & 0xff) == 0xff && (v & 0x7fffff) && !(v & (1u << 22));
}

uint32_t ir_fp_fcmp(void *env, const IROp *op)
{
    unsigned flags = (unsigned)op->args[1];
    int32_t a = (int32_t)op->args[2], b = (int32_t)op->args[3];
    double x, y;
    if (op->opc == IR_fcmp_f64) {
        x = get_f64(env, a);
        y = (flags & FCMP_WITH_ZERO) ? 0.0 : get_f64(env, b);
    } else {
        x = get_f32(env, a);
        y = (flags & FCMP_WITH_ZERO) ? 0.0 : get_f32(env, b);
    }
    if (isunordered(x, y)) {
        /* a quiet compare still signals on a signalling NaN, as ucomis does */
        if ((flags & FCMP_SIGNALING) || is_snan(op->opc == IR_fcmp_f64, env, a) ||
            (!(flags & FCMP_WITH_ZERO) && is_snan(op->opc == IR_fcmp_f64, env, b)))
            raise_mxcsr(MXCSR_IE);
        return FCMP_REL_UN;
    }
    return x == y ? FCMP_REL_EQ : x < y ? FCMP_REL_LT : FCMP_REL_GT;
}
