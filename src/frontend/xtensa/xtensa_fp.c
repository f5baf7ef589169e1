/*
 * Xtensa single-precision FP semantics where the host's SSE arithmetic is
 * not enough: NaN results, the scaled conversions to and from integers,
 * and FCR/FSR.
 *
 * NaNs follow qemu's model of the Xtensa FPUs: a NaN result is the default
 * NaN 0x7fc00000 unless an operand is a NaN, in which case a NaN operand is
 * returned quietened: the first one on the FP coprocessor of the older
 * cores, the last one on the LX7 FPU (de233_fpu).  Conversions of NaN and out-of-range
 * values saturate (NaN converts as +infinity); UTRUNC.S of a negative
 * number gives the signed conversion, as qemu's model does.
 */
#include "common/mxcsr.h"
#include "frontend/xtensa/xtensa_fp.h"
#include "frontend/xtensa/translate.h"

#include <fenv.h>
#include <math.h>
#include <string.h>
#include <xmmintrin.h>

#define DEFAULT_NAN 0x7fc00000u

static uint32_t get32(void *env, uint32_t off)
{
    uint32_t v;
    memcpy(&v, (char *)env + off, 4);
    return v;
}

static void put32(void *env, uint32_t off, uint32_t v)
{
    memcpy((char *)env + off, &v, 4);
}

static float f32_of(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static uint32_t bits_of(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

static bool is_nan(uint32_t x)
{
    return (x & 0x7f800000u) == 0x7f800000u && (x & 0x007fffffu);
}


static void raise_flags(XtensaCPU *env, uint32_t exc)
{
    env->fsr |= exc << XT_FSR_FLAGS_SHIFT;
}

/* The NaN of an operation with these operands: the first NaN quietened,
 * else (inf - inf, 0 * inf, ...) the default NaN.  Invalid is raised for a
 * signalling NaN operand or when no operand is a NaN. */
static uint32_t nan_result(XtensaCPU *env, const uint32_t *ops, int n)
{
    /* the LX7 FPU (DFPU) propagates the last NaN operand (ft before fs;
     * fr, ft, fs for the multiply-adds), the older FP coprocessor the first */
    bool last = xt_has(XT_OPT_DFPU);
    for (int k = 0; k < n; k++) {
        int i = last ? n - 1 - k : k;
        if (is_nan(ops[i])) {
            for (int j = 0; j < n; j++)
                if (is_nan(ops[j]) && !(ops[j] & 0x00400000u))
                    raise_flags(env, XT_FP_EXC_V);
            return ops[i] | 0x00400000u;
        }
    }
    raise_flags(env, XT_FP_EXC_V);
    return DEFAULT_NAN;
}

void xt_fp_slow(void *env_v, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    XtensaCPU *env = env_v;
    unsigned op = what & 0xff;
    if ((what >> 8) != FPK_F32)
        return;
    if (op == FOP_FMA) {
        /* MADD.S/MSUB.S fr, fs, ft: the operands in the order fs, ft, fr.
         * MSUB.S negated fs into fp_scratch for the fast path: a NaN keeps
         * its sign. */
        uint32_t ops[3] = { get32(env, a), get32(env, b), get32(env, d) };
        if (a == offsetof(XtensaCPU, fp_scratch))
            ops[0] ^= 0x80000000u;
        put32(env, d, nan_result(env, ops, 3));
        return;
    }
    uint32_t ops[2] = { get32(env, a), get32(env, b) };
    int n = op == FOP_SQRT ? 1 : 2;
    uint32_t r;
    if (is_nan(ops[0]) || (n > 1 && is_nan(ops[1]))) {
        r = nan_result(env, ops, n);
    } else {
        r = DEFAULT_NAN;            /* inf - inf, 0 * inf, ... */
        raise_flags(env, XT_FP_EXC_V);
    }
    put32(env, d, r);
}

/* ---------------------------------------------------------------- conversions */

static uint32_t to_int(XtensaCPU *env, float x, int mode, bool uns)
{
    if (isnan(x)) {
        raise_flags(env, XT_FP_EXC_V);
        return uns ? 0xffffffffu : 0x7fffffffu;
    }
    double r, d = x;
    switch (mode) {
    case XT_FPC_ROUND: {      /* nearest, ties to even, whatever FCR says */
        double fl = floor(d), diff = d - fl;
        r = diff > 0.5 ? fl + 1 : diff < 0.5 ? fl : (fmod(fl, 2.0) == 0 ? fl : fl + 1);
        break;
    }
    case XT_FPC_FLOOR: r = floor((double)x); break;
    case XT_FPC_CEIL: r = ceil((double)x); break;
    default: r = trunc((double)x); break;
    }
    if (r != (double)x)
        raise_flags(env, XT_FP_EXC_I);
    if (uns) {
        if (x < 0)              /* negative numbers convert as signed ones */
            return to_int(env, x, mode, false);
        if (r >= 4294967296.0) {
            raise_flags(env, XT_FP_EXC_V);
            return 0xffffffffu;
        }
        return (uint32_t)r;
    }
    if (r >= 2147483648.0) {
        raise_flags(env, XT_FP_EXC_V);
        return 0x7fffffffu;
    }
    if (r < -2147483648.0) {
        raise_flags(env, XT_FP_EXC_V);
        return 0x80000000u;
    }
    return (uint32_t)(int32_t)r;
}

uint32_t xt_fp_convert(void *env_v, uint32_t what, uint32_t reg, uint32_t src, uint32_t imm)
{
    XtensaCPU *env = env_v;
    switch (what) {
    case XT_FPC_FLOAT:
    case XT_FPC_UFLOAT: {
        /* rounding under the current mode (the host MXCSR), then an exact
         * scaling by 2^-imm */
        float f = what == XT_FPC_FLOAT ? (float)(int32_t)src : (float)src;
        env->f[reg] = bits_of(ldexpf(f, -(int)imm));
        return 0;
    }
    default: {
        float x = ldexpf(f32_of(env->f[reg]), (int)imm);
        return to_int(env, x, (int)what, what == XT_FPC_UTRUNC);
    }
    }
}

/* ---------------------------------------------------------------- FCR / FSR */

static uint32_t fsr_flags_of_mxcsr(uint32_t m)
{
    return ((m & MXCSR_IE) ? XT_FP_EXC_V : 0) | ((m & MXCSR_ZE) ? XT_FP_EXC_Z : 0) |
           ((m & MXCSR_OE) ? XT_FP_EXC_O : 0) | ((m & MXCSR_UE) ? XT_FP_EXC_U : 0) |
           ((m & MXCSR_PE) ? XT_FP_EXC_I : 0);
}

uint32_t xt_fp_read_fsr(void *env_v)
{
    XtensaCPU *env = env_v;
    uint32_t m = _mm_getcsr();
    if (m & MXCSR_FLAGS) {
        raise_flags(env, fsr_flags_of_mxcsr(m));
        _mm_setcsr(m & ~MXCSR_FLAGS);
    }
    return env->fsr;
}

void xt_fp_write_fsr(void *env_v, uint32_t v)
{
    XtensaCPU *env = env_v;
    env->fsr = v & (0x1fu << XT_FSR_FLAGS_SHIFT);
    _mm_setcsr(_mm_getcsr() & ~MXCSR_FLAGS);
}

/* FCR.RM: 0 nearest, 1 toward zero, 2 up, 3 down; x86 RC: 0 nearest,
 * 1 down, 2 up, 3 toward zero. */
void xt_fp_write_fcr(void *env_v, uint32_t v)
{
    static const uint32_t rc[4] = { 0, 3, 2, 1 };
    XtensaCPU *env = env_v;
    env->fcr = v & 0x7f;
    uint32_t m = _mm_getcsr();
    _mm_setcsr((m & MXCSR_FLAGS) | MXCSR_DEFAULT | rc[v & 3] << MXCSR_RC_SHIFT);
}

void xt_fp_reset(XtensaCPU *env)
{
    env->fcr = 0;
    env->fsr = 0;
    _mm_setcsr(MXCSR_DEFAULT);
}

const IRHelper xt_fp_h_convert = {
    "xt_fp_convert", (void *)xt_fp_convert, IR_I32, 5,
    { IR_PTR, IR_I32, IR_I32, IR_I32, IR_I32 }, 0,
};
const IRHelper xt_fp_h_read_fsr = {
    "xt_fp_read_fsr", (void *)xt_fp_read_fsr, IR_I32, 1, { IR_PTR }, 0,
};
const IRHelper xt_fp_h_write_fsr = {
    "xt_fp_write_fsr", (void *)xt_fp_write_fsr, IR_VOID, 2, { IR_PTR, IR_I32 }, 0,
};
const IRHelper xt_fp_h_write_fcr = {
    "xt_fp_write_fcr", (void *)xt_fp_write_fcr, IR_VOID, 2, { IR_PTR, IR_I32 }, 0,
};
