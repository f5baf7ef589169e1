/*
 * Unit tests of the ARM floating-point slow paths and helpers (arm_fp.c):
 * NaN propagation, default-NaN and flush-to-zero modes, fused
 * multiply-add corner cases, saturating conversions, half precision,
 * fixed point and the FPSCR <-> MXCSR mapping.  Expected values follow
 * the ARM ARM pseudocode (FPProcessNaNs, FPMulAdd, FPToFixed, FPRound,
 * FPSingleToHalf, FPHalfToSingle), worked out by hand.  Where ARM and
 * IEEE 754 agree (numbers, no flush to zero), the conversions are also
 * compared with the host's in every rounding mode, and half precision is
 * checked exhaustively against exact values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

#include "frontend/arm/arm_fp.h"
#include "unit_check.h"

static ArmCPU env;

/* got == want, with the description printed on failure. */
#define EXPECT(got, want, what) check_eq((got), (want), (what), __LINE__)

/* Operand registers: S0/D0 result, S2/D1 and S4/D2 inputs. */
#define SD arm_vfp_sreg_off(0)
#define SA arm_vfp_sreg_off(2)
#define SB arm_vfp_sreg_off(4)
#define DD arm_vfp_dreg_off(0)
#define DA arm_vfp_dreg_off(1)
#define DB arm_vfp_dreg_off(2)

static void set_s(int32_t off, uint32_t v) { memcpy((char *)&env + off, &v, 4); }
static void set_d(int32_t off, uint64_t v) { memcpy((char *)&env + off, &v, 8); }

static uint32_t get_s(int32_t off)
{
    uint32_t v;
    memcpy(&v, (char *)&env + off, 4);
    return v;
}

static uint32_t fbits_of(float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    return v;
}

static uint64_t get_d(int32_t off)
{
    uint64_t v;
    memcpy(&v, (char *)&env + off, 8);
    return v;
}

/* Start a case with FPSCR = fpscr (flags cleared in env and MXCSR). */
static void reset(uint32_t fpscr)
{
    arm_fp_write_fpscr(&env, fpscr);
}

/* The cumulative flags raised since the last call. */
static uint32_t flags(void)
{
    uint32_t f = arm_fp_read_fpscr(&env) & 0x9f;
    env.fpscr &= ~0x9fu;
    return f;
}

/* d = a op b in single precision through the slow path. */
static uint32_t op_s(unsigned op, uint32_t a, uint32_t b)
{
    set_s(SA, a);
    set_s(SB, b);
    arm_fp_slow(&env, FP_WHAT(FPK_F32, op), SD, SA, SB);
    return get_s(SD);
}

static uint64_t op_d(unsigned op, uint64_t a, uint64_t b)
{
    set_d(DA, a);
    set_d(DB, b);
    arm_fp_slow(&env, FP_WHAT(FPK_F64, op), DD, DA, DB);
    return get_d(DD);
}

/* d = acc + a * b, fused. */
static uint32_t fma_s(uint32_t acc, uint32_t a, uint32_t b)
{
    set_s(SD, acc);
    return op_s(FOP_FMA, a, b);
}

static void test_nan_propagation(void)
{
    reset(0);
    EXPECT(op_s(FOP_ADD, 0x7fc00001, 0x7f800002), 0x7fc00002, "SNaN wins over an earlier QNaN");
    EXPECT(flags(), FPSCR_IOC, "SNaN operand raises IOC");
    reset(0);
    EXPECT(op_s(FOP_ADD, 0xffc00001, 0x7fc00002), 0xffc00001, "first QNaN, sign kept");
    EXPECT(flags(), 0, "QNaN operands raise nothing");
    reset(0);
    EXPECT(op_s(FOP_SUB, 0x3f800000, 0xff800005), 0xffc00005, "SNaN second operand quietened");
    EXPECT(op_s(FOP_MUL, 0x7f800001, 0x7f800002), 0x7fc00001, "first of two SNaNs");
    EXPECT(op_s(FOP_DIV, 0x40000000, 0x7fd00000), 0x7fd00000, "QNaN payload kept");
    EXPECT(op_s(FOP_SQRT, 0xff800007, 0), 0xffc00007, "sqrt of SNaN");
    reset(0);
    EXPECT(op_d(FOP_ADD, 0x7ff0000000000001ull, 0x3ff0000000000000ull), 0x7ff8000000000001ull,
          "double SNaN quietened");
    EXPECT(op_d(FOP_MUL, 0x4000000000000000ull, 0xfff8000000000abcull), 0xfff8000000000abcull,
          "double QNaN propagated");
}

static void test_default_nan(void)
{
    reset(0);
    EXPECT(op_s(FOP_SUB, 0x7f800000, 0x7f800000), 0x7fc00000, "inf - inf is the default NaN");
    EXPECT(flags(), FPSCR_IOC, "inf - inf raises IOC");
    reset(0);
    EXPECT(op_s(FOP_MUL, 0x00000000, 0xff800000), 0x7fc00000, "0 * -inf");
    EXPECT(op_s(FOP_DIV, 0x80000000, 0x00000000), 0x7fc00000, "-0 / 0");
    EXPECT(op_s(FOP_SQRT, 0xbf800000, 0), 0x7fc00000, "sqrt(-1)");
    EXPECT(flags(), FPSCR_IOC, "invalid operations raise IOC");
    reset(0);
    EXPECT(op_s(FOP_SQRT, 0x80000000, 0), 0x80000000, "sqrt(-0) = -0");
    EXPECT(op_d(FOP_DIV, 0, 0), 0x7ff8000000000000ull, "double 0/0");
    reset(FPSCR_DN);
    EXPECT(op_s(FOP_ADD, 0xffc00001, 0x3f800000), 0x7fc00000, "DN: QNaN operand");
    EXPECT(op_s(FOP_ADD, 0x7f800003, 0x3f800000), 0x7fc00000, "DN: SNaN operand");
    EXPECT(op_d(FOP_MUL, 0xfff0000000000003ull, 0), 0x7ff8000000000000ull, "DN: double");
    EXPECT(flags(), FPSCR_IOC, "DN still raises IOC for SNaN");
}

static void test_fma(void)
{
    reset(0);
    EXPECT(fma_s(0x7fc00011, 0x7f800000, 0x00000000), 0x7fc00000, "QNaN + inf * 0");
    EXPECT(flags(), FPSCR_IOC, "QNaN + inf * 0 raises IOC");
    reset(0);
    EXPECT(fma_s(0x7fc00011, 0x3f800000, 0x40000000), 0x7fc00011, "QNaN addend propagates");
    EXPECT(flags(), 0, "QNaN addend raises nothing");
    EXPECT(fma_s(0x7fc00011, 0x7f800022, 0x40000000), 0x7fc00022, "SNaN product operand first");
    EXPECT(fma_s(0x3f800000, 0x7fc00033, 0x7f800044), 0x7fc00044, "SNaN op2 over QNaN op1");
    EXPECT(fma_s(0xff800000, 0x7f800000, 0x3f800000), 0x7fc00000, "-inf + inf * 1");
    /* (1 + 2^-23) * (1 - 2^-23) - 1 = -2^-46 exactly: only a fused operation gets it */
    EXPECT(fma_s(0xbf800000, 0x3f800001, 0x3f7ffffe), 0xa8800000, "fused rounding");
    set_d(DD, 0xbff0000000000000ull);
    EXPECT(op_d(FOP_FMA, 0x3ff0000000000001ull, 0x3feffffffffffffeull), 0xb970000000000000ull,
          "fused rounding, double");
}

static void test_flush_to_zero(void)
{
    reset(FPSCR_FZ);
    EXPECT(op_s(FOP_ADD, 0x00000001, 0x80000000), 0x00000000, "FZ: denormal input flushed");
    EXPECT(flags(), FPSCR_IDC, "FZ: input flush raises IDC");
    reset(FPSCR_FZ);
    EXPECT(op_s(FOP_MUL, 0x1f800000, 0x1f800000), 0x00000000, "FZ: denormal product flushed");
    EXPECT(flags() & FPSCR_UFC, FPSCR_UFC, "FZ: output flush raises UFC");
    reset(FPSCR_FZ);
    EXPECT(fma_s(0x7fc00011, 0x7f800000, 0x00000001), 0x7fc00000,
          "FZ: flushed denormal counts as zero in inf * 0");
    reset(0);
    EXPECT(op_s(FOP_ADD, 0x00000001, 0x00000001), 0x00000002, "no FZ: denormals add");
}

static uint32_t cvt(unsigned kind, int32_t d, int32_t a)
{
    arm_fp_slow(&env, FP_WHAT(FPK_CVT, kind), d, a, 0);
    return get_s(d);
}

static void test_convert_fp(void)
{
    reset(0);
    set_s(SA, 0x7f800001);
    arm_fp_slow(&env, FP_WHAT(FPK_CVT, FCVT_F64_F32), DD, SA, 0);
    EXPECT(get_d(DD), 0x7ff8000020000000ull, "f32 SNaN to f64");
    EXPECT(flags(), FPSCR_IOC, "converting an SNaN raises IOC");
    set_d(DA, 0xfff0000020000001ull);
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0xffc00001, "f64 SNaN to f32 keeps the top payload");
    reset(FPSCR_DN);
    set_d(DA, 0xfff8000000000001ull);
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0x7fc00000, "DN: NaN conversion");
    reset(0);
    set_d(DA, 0x3ff0000010000000ull);      /* 1 + 2^-24: a tie */
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0x3f800000, "RN tie to even");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0x3f800001, "RP rounds up");
    EXPECT(flags(), FPSCR_IXC, "inexact narrowing raises IXC");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    set_d(DA, 0x47f0000000000000ull);      /* 2^128 */
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0x7f7fffff, "RZ overflow gives the largest float");
    EXPECT(flags(), FPSCR_OFC | FPSCR_IXC, "overflow raises OFC and IXC");
    reset(0);
    EXPECT(cvt(FCVT_F32_F64, SD, DA), 0x7f800000, "RN overflow gives infinity");
}

static void test_convert_int(void)
{
    reset(0);
    set_s(SA, 0x7fc00000);
    EXPECT(cvt(FCVT_S32_F32_RZ, SD, SA), 0, "NaN to s32 is 0");
    EXPECT(flags(), FPSCR_IOC, "NaN to s32 raises IOC");
    set_s(SA, 0x4f32d05e);                  /* 3e9 */
    EXPECT(cvt(FCVT_S32_F32_RZ, SD, SA), 0x7fffffff, "3e9 saturates to INT_MAX");
    EXPECT(cvt(FCVT_U32_F32_RZ, SD, SA), 3000000000u, "3e9 fits u32");
    set_s(SA, 0xcf32d05e);
    EXPECT(cvt(FCVT_S32_F32_RZ, SD, SA), 0x80000000, "-3e9 saturates to INT_MIN");
    reset(0);
    set_s(SA, 0xbfc00000);                  /* -1.5 */
    EXPECT(cvt(FCVT_U32_F32_RZ, SD, SA), 0, "-1.5 to u32 saturates to 0");
    EXPECT(flags(), FPSCR_IOC, "... raising IOC only");
    set_s(SA, 0xbf000000);                  /* -0.5 */
    EXPECT(cvt(FCVT_U32_F32_RZ, SD, SA), 0, "-0.5 to u32 truncates to 0");
    EXPECT(flags(), FPSCR_IXC, "... which is merely inexact");
    set_s(SA, 0xff800000);
    EXPECT(cvt(FCVT_U32_F32, SD, SA), 0, "-inf to u32");
    set_s(SA, 0x7f800000);
    EXPECT(cvt(FCVT_U32_F32, SD, SA), 0xffffffff, "inf to u32");
    set_d(DA, 0x41efffffffe00000ull);       /* 4294967295 */
    EXPECT(cvt(FCVT_U32_F64_RZ, SD, DA), 0xffffffff, "UINT_MAX exactly");
    set_d(DA, 0x41f0000000000000ull);       /* 2^32 */
    EXPECT(cvt(FCVT_U32_F64_RZ, SD, DA), 0xffffffff, "2^32 saturates");
    reset(0);
    set_d(DA, 0xc1e0000000100000ull);       /* -2147483648.5 */
    EXPECT(cvt(FCVT_S32_F64_RZ, SD, DA), 0x80000000, "-2^31 - 0.5 truncates into range");
    EXPECT(flags(), FPSCR_IXC, "... inexact, not invalid");
    EXPECT(cvt(FCVT_S32_F64, SD, DA), 0x80000000, "RN: ties to even stays at -2^31");
    set_d(DA, 0xc1e0000000200000ull);       /* -2147483649 */
    EXPECT(cvt(FCVT_S32_F64_RZ, SD, DA), 0x80000000, "-2^31 - 1 saturates");
    EXPECT(flags() & FPSCR_IOC, FPSCR_IOC, "... raising IOC");
    set_s(SA, 0x40200000);                  /* 2.5 */
    EXPECT(cvt(FCVT_S32_F32, SD, SA), 2, "RN: 2.5 -> 2");
    set_s(SA, 0x40600000);                  /* 3.5 */
    EXPECT(cvt(FCVT_S32_F32, SD, SA), 4, "RN: 3.5 -> 4");
    reset(ARM_RMODE_RM << FPSCR_RMODE_SHIFT);
    set_s(SA, 0xc0200000);                  /* -2.5 */
    EXPECT(cvt(FCVT_S32_F32, SD, SA), (uint32_t)-3, "RM: -2.5 -> -3");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    EXPECT(cvt(FCVT_S32_F32, SD, SA), (uint32_t)-2, "RP: -2.5 -> -2");
    EXPECT(cvt(FCVT_S32_F32_RZ, SD, SA), (uint32_t)-2, "VCVT ignores RMode");
    reset(FPSCR_FZ);
    set_s(SA, 0x80000001);
    EXPECT(cvt(FCVT_S32_F32, SD, SA), 0, "FZ: denormal converts to 0");
    EXPECT(flags(), FPSCR_IDC, "... raising IDC, not IXC");
    reset(0);
    set_s(SA, 0xffffffff);
    EXPECT(cvt(FCVT_F32_U32, SD, SA), 0x4f800000, "u32 max to f32 rounds to 2^32");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    EXPECT(cvt(FCVT_F32_U32, SD, SA), 0x4f7fffff, "RZ: u32 max to f32");
    set_s(SA, 0x80000000);
    EXPECT(cvt(FCVT_F32_S32, SD, SA), 0xcf000000, "INT_MIN to f32");
    arm_fp_slow(&env, FP_WHAT(FPK_CVT, FCVT_F64_S32), DD, SA, 0);
    EXPECT(get_d(DD), 0xc1e0000000000000ull, "INT_MIN to f64");
}

static uint32_t helper(uint32_t what, int32_t d, int32_t a, uint32_t b)
{
    arm_fp_helper(&env, what, d, a, b);
    return get_s(d & ~3);
}

static uint32_t to_half(uint32_t x)
{
    set_s(SA, x);
    set_s(SD, 0xabcd0000);
    return helper(ARM_FPH_F32_TO_F16, SD, SA, 0);
}

static uint32_t from_half(uint32_t h)
{
    set_s(SA, h << 16);
    return helper(ARM_FPH_F16_TO_F32, SD, SA + 2, 0);
}

static void test_half(void)
{
    reset(0);
    EXPECT(to_half(0x3f800000), 0xabcd3c00, "1.0 to half keeps the top half");
    EXPECT(to_half(0x477fe000), 0xabcd7bff, "65504 is the largest half");
    EXPECT(to_half(0xc77ff000), 0xabcdfc00, "-65520 rounds to -inf");
    EXPECT(flags(), FPSCR_OFC | FPSCR_IXC, "half overflow");
    EXPECT(to_half(0x33800000), 0xabcd0001, "2^-24 is the smallest denormal");
    EXPECT(to_half(0x33000000), 0xabcd0000, "2^-25 ties to even (zero)");
    EXPECT(flags(), FPSCR_UFC | FPSCR_IXC, "tiny and inexact underflows");
    EXPECT(to_half(0x33400000), 0xabcd0001, "1.5 * 2^-25 rounds up");
    EXPECT(to_half(0x387ff000), 0xabcd0400, "a denormal rounds up to the smallest normal");
    (void)flags();
    EXPECT(to_half(0x7f800001), 0xabcd7e00, "SNaN to half");
    EXPECT(flags(), FPSCR_IOC, "SNaN to half raises IOC");
    EXPECT(to_half(0xffc02000), 0xabcdfe01, "QNaN payload to half");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    EXPECT(to_half(0x477ff000), 0xabcd7bff, "RZ: 65520 gives the largest half");
    reset(FPSCR_AHP);
    EXPECT(to_half(0x47ffe000), 0xabcd7fff, "AHP: 131008 is the largest value");
    EXPECT(flags(), 0, "AHP: exact");
    EXPECT(to_half(0x49742400), 0xabcd7fff, "AHP: 1e6 saturates");
    EXPECT(flags(), FPSCR_IOC, "AHP: too large is invalid");
    EXPECT(to_half(0x7fc00000), 0xabcd0000, "AHP: NaN becomes +0");
    EXPECT(to_half(0xff800000), 0xabcdffff, "AHP: -inf saturates");
    EXPECT(from_half(0x7c00), 0x47800000, "AHP: exponent 31 is a number");
    reset(0);
    EXPECT(from_half(0x3555), 0x3eaaa000, "half to single");
    EXPECT(from_half(0x0001), 0x33800000, "half denormal to single");
    EXPECT(from_half(0xfc00), 0xff800000, "half -inf");
    EXPECT(from_half(0x8000), 0x80000000, "half -0");
    EXPECT(from_half(0x7c01), 0x7fc02000, "half SNaN quietened");
    EXPECT(flags(), FPSCR_IOC, "half SNaN raises IOC");
    reset(FPSCR_DN);
    EXPECT(from_half(0x7e55), 0x7fc00000, "DN: half NaN");
}

static uint32_t fixed_s(uint32_t what, uint32_t x, int fbits)
{
    set_s(SD, x);
    return helper(what, SD, SD, (uint32_t)fbits);
}

static void test_fixed(void)
{
    reset(0);
    EXPECT(fixed_s(ARM_FPH_TO_FIXED, 0x3fc00000, 16), 0x00018000, "1.5 to s32 #16");
    EXPECT(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16 | ARM_FPH_UNSIGNED, 0x43960000, 8), 0xffff,
          "300 to u16 #8 saturates");
    EXPECT(flags(), FPSCR_IOC, "... raising IOC");
    EXPECT(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16, 0xc71c4000, 0), 0xffff8000,
          "-40000 to s16 saturates, sign-extended");
    EXPECT(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16, 0xbfa00000, 1), 0xfffffffe,
          "-1.25 to s16 #1 truncates toward zero");
    EXPECT(flags(), FPSCR_IOC | FPSCR_IXC, "... inexact");
    EXPECT(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_16, 0x1234ff80, 8), 0xbf000000,
          "s16 #8 from the low half: -0.5");
    EXPECT(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_UNSIGNED, 0x80000000, 32), 0x3f000000,
          "u32 #32: 0.5");
    EXPECT(fixed_s(ARM_FPH_FROM_FIXED, 0, 5), 0, "0 is +0");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    EXPECT(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_UNSIGNED, 0xffffffff, 0), 0x4f800000,
          "from fixed point rounds to nearest whatever RMode says");
    EXPECT(fixed_s(ARM_FPH_TO_FIXED, 0xbfe00000, 0), 0xffffffff,
          "to fixed point rounds toward zero: -1.75 -> -1");
    reset(0);
    set_d(DD, 3);
    arm_fp_helper(&env, ARM_FPH_FROM_FIXED | ARM_FPH_DBL, DD, DD, 1);
    EXPECT(get_d(DD), 0x3ff8000000000000ull, "s32 #1 to double: 1.5");
    set_d(DD, 0xc004000000000000ull);       /* -2.5 */
    arm_fp_helper(&env, ARM_FPH_TO_FIXED | ARM_FPH_DBL, DD, DD, 2);
    EXPECT(get_d(DD), (uint64_t)-10, "double to s32 #2, sign-extended to 64 bits");
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A random double, every other one with an exponent near the float range
 * (denormal floats up to overflow). */
static uint64_t random_double_bits(int i)
{
    uint64_t x = rng();
    if (i & 1)
        x = (x & 0x800fffffffffffffull) | (0x37full + (x >> 20) % 0x102) << 52;
    return x;
}

static const int all_modes[4] = { ARM_RMODE_RN, ARM_RMODE_RP, ARM_RMODE_RM, ARM_RMODE_RZ };

static void test_conversions_against_host(void)
{
    for (int mi = 0; mi < 4; mi++) {
        int bad_narrow = 0, bad_int = 0, bad_to_int = 0;
        reset((uint32_t)all_modes[mi] << FPSCR_RMODE_SHIFT);
        for (int i = 0; i < 20000; i++) {
            uint64_t bits = random_double_bits(i);
            volatile double v;
            memcpy((void *)&v, &bits, 8);
            if (!isnan(v)) {
                set_d(DA, bits);
                volatile float h = (float)v;
                bad_narrow += cvt(FCVT_F32_F64, SD, DA) != fbits_of(h);
            }
            uint32_t iv = (uint32_t)rng();
            set_s(SA, iv);
            volatile int32_t si = (int32_t)iv;
            volatile float hs = (float)si;
            bad_int += cvt(FCVT_F32_S32, SD, SA) != fbits_of(hs);
            /* a value within +-2^33, so both sides of the int32 range */
            volatile double w = (double)(int64_t)(rng() >> 29) / 64.0 - (double)(1ll << 33);
            memcpy(&bits, (const void *)&w, 8);
            set_d(DA, bits);
            volatile double r = nearbyint(w);
            uint32_t want = r > 2147483647.0 ? 0x7fffffffu : r < -2147483648.0 ? 0x80000000u
                                                                              : (uint32_t)(int32_t)r;
            bad_to_int += cvt(FCVT_S32_F64, SD, DA) != want;
        }
        EXPECT(bad_narrow, 0, "f64 -> f32 agrees with the host");
        EXPECT(bad_int, 0, "s32 -> f32 agrees with the host");
        EXPECT(bad_to_int, 0, "f64 -> s32 by RMode agrees with the host");
    }
}

/* Every half-precision number converts exactly to single precision and
 * back, in every rounding mode. */
static void test_half_exhaustive(void)
{
    int bad_up = 0, bad_down = 0;
    for (int mi = 0; mi < 4; mi++) {
        reset((uint32_t)all_modes[mi] << FPSCR_RMODE_SHIFT);
        for (uint32_t h = 0; h < 0x10000; h++) {
            int e = (h >> 10) & 0x1f, frac = h & 0x3ff;
            if (e == 0x1f)
                continue;
            double mag = e ? ldexp(1024 + frac, e - 25) : ldexp(frac, -24);
            volatile float want = (float)((h & 0x8000) ? -mag : mag);
            uint32_t f = from_half(h);
            bad_up += f != fbits_of(want);
            bad_down += (to_half(f) & 0xffff) != h;
        }
    }
    EXPECT(flags(), 0, "exact half conversions raise nothing");
    EXPECT(bad_up, 0, "half -> single is exact");
    EXPECT(bad_down, 0, "single -> half round-trips");
}

static void test_fpscr(void)
{
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT | FPSCR_FZ);
    EXPECT(_mm_getcsr(), 0x1f80 | 3u << 13 | 0x8040, "RZ and FZ in MXCSR");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    EXPECT(_mm_getcsr(), 0x1f80 | 2u << 13, "RP is x86 round up");
    reset(ARM_RMODE_RM << FPSCR_RMODE_SHIFT);
    EXPECT(_mm_getcsr(), 0x1f80 | 1u << 13, "RM is x86 round down");
    reset(0xffffffff);
    EXPECT(env.fpscr, ARM_FPSCR_WRITABLE, "only writable bits are kept");
    reset(0);
    _mm_setcsr(_mm_getcsr() | 0x3f);
    EXPECT(arm_fp_read_fpscr(&env), 0x1f, "MXCSR flags merged, DE ignored");
    EXPECT(_mm_getcsr() & 0x3f, 0, "merged flags leave MXCSR");
    EXPECT(arm_fp_read_fpscr(&env), 0x1f, "cumulative flags stay");
    arm_fp_reset(&env);
    CHECK(env.fpscr == 0);
    EXPECT(_mm_getcsr(), 0x1f80, "reset MXCSR");
}

int main(void)
{
    test_nan_propagation();
    test_default_nan();
    test_fma();
    test_flush_to_zero();
    test_convert_fp();
    test_convert_int();
    test_half();
    test_fixed();
    test_conversions_against_host();
    test_half_exhaustive();
    test_fpscr();
    arm_fp_reset(&env);
    return unit_summary();
}
