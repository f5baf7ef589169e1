/*
 * Unit tests of the ARM floating-point slow paths and helpers (arm_fp.c):
 * NaN propagation, default-NaN and flush-to-zero modes, fused
 * multiply-add corner cases, saturating conversions, half precision,
 * fixed point and the FPSCR <-> MXCSR mapping.  Expected values follow
 * the ARM ARM pseudocode (FPProcessNaNs, FPMulAdd, FPToFixed, FPRound,
 * FPSingleToHalf, FPHalfToSingle), worked out by hand.
 */
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

#include "frontend/arm/arm_fp.h"

static int passed, failed;
static ArmCPU env;

static void check_u64(uint64_t got, uint64_t want, const char *what, int line)
{
    if (got == want) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL line %d: %s: got 0x%llx want 0x%llx\n", line, what,
           (unsigned long long)got, (unsigned long long)want);
}

#define CHECK(got, want, what) check_u64((got), (want), (what), __LINE__)

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
    CHECK(op_s(FOP_ADD, 0x7fc00001, 0x7f800002), 0x7fc00002, "SNaN wins over an earlier QNaN");
    CHECK(flags(), FPSCR_IOC, "SNaN operand raises IOC");
    reset(0);
    CHECK(op_s(FOP_ADD, 0xffc00001, 0x7fc00002), 0xffc00001, "first QNaN, sign kept");
    CHECK(flags(), 0, "QNaN operands raise nothing");
    reset(0);
    CHECK(op_s(FOP_SUB, 0x3f800000, 0xff800005), 0xffc00005, "SNaN second operand quietened");
    CHECK(op_s(FOP_MUL, 0x7f800001, 0x7f800002), 0x7fc00001, "first of two SNaNs");
    CHECK(op_s(FOP_DIV, 0x40000000, 0x7fd00000), 0x7fd00000, "QNaN payload kept");
    CHECK(op_s(FOP_SQRT, 0xff800007, 0), 0xffc00007, "sqrt of SNaN");
    reset(0);
    CHECK(op_d(FOP_ADD, 0x7ff0000000000001ull, 0x3ff0000000000000ull), 0x7ff8000000000001ull,
          "double SNaN quietened");
    CHECK(op_d(FOP_MUL, 0x4000000000000000ull, 0xfff8000000000abcull), 0xfff8000000000abcull,
          "double QNaN propagated");
}

static void test_default_nan(void)
{
    reset(0);
    CHECK(op_s(FOP_SUB, 0x7f800000, 0x7f800000), 0x7fc00000, "inf - inf is the default NaN");
    CHECK(flags(), FPSCR_IOC, "inf - inf raises IOC");
    reset(0);
    CHECK(op_s(FOP_MUL, 0x00000000, 0xff800000), 0x7fc00000, "0 * -inf");
    CHECK(op_s(FOP_DIV, 0x80000000, 0x00000000), 0x7fc00000, "-0 / 0");
    CHECK(op_s(FOP_SQRT, 0xbf800000, 0), 0x7fc00000, "sqrt(-1)");
    CHECK(flags(), FPSCR_IOC, "invalid operations raise IOC");
    reset(0);
    CHECK(op_s(FOP_SQRT, 0x80000000, 0), 0x80000000, "sqrt(-0) = -0");
    CHECK(op_d(FOP_DIV, 0, 0), 0x7ff8000000000000ull, "double 0/0");
    reset(FPSCR_DN);
    CHECK(op_s(FOP_ADD, 0xffc00001, 0x3f800000), 0x7fc00000, "DN: QNaN operand");
    CHECK(op_s(FOP_ADD, 0x7f800003, 0x3f800000), 0x7fc00000, "DN: SNaN operand");
    CHECK(op_d(FOP_MUL, 0xfff0000000000003ull, 0), 0x7ff8000000000000ull, "DN: double");
    CHECK(flags(), FPSCR_IOC, "DN still raises IOC for SNaN");
}

static void test_fma(void)
{
    reset(0);
    CHECK(fma_s(0x7fc00011, 0x7f800000, 0x00000000), 0x7fc00000, "QNaN + inf * 0");
    CHECK(flags(), FPSCR_IOC, "QNaN + inf * 0 raises IOC");
    reset(0);
    CHECK(fma_s(0x7fc00011, 0x3f800000, 0x40000000), 0x7fc00011, "QNaN addend propagates");
    CHECK(flags(), 0, "QNaN addend raises nothing");
    CHECK(fma_s(0x7fc00011, 0x7f800022, 0x40000000), 0x7fc00022, "SNaN product operand first");
    CHECK(fma_s(0x3f800000, 0x7fc00033, 0x7f800044), 0x7fc00044, "SNaN op2 over QNaN op1");
    CHECK(fma_s(0xff800000, 0x7f800000, 0x3f800000), 0x7fc00000, "-inf + inf * 1");
    /* (1 + 2^-23) * (1 - 2^-23) - 1 = -2^-46 exactly: only a fused operation gets it */
    CHECK(fma_s(0xbf800000, 0x3f800001, 0x3f7ffffe), 0xa8800000, "fused rounding");
    set_d(DD, 0xbff0000000000000ull);
    CHECK(op_d(FOP_FMA, 0x3ff0000000000001ull, 0x3feffffffffffffeull), 0xb970000000000000ull,
          "fused rounding, double");
}

static void test_flush_to_zero(void)
{
    reset(FPSCR_FZ);
    CHECK(op_s(FOP_ADD, 0x00000001, 0x80000000), 0x00000000, "FZ: denormal input flushed");
    CHECK(flags(), FPSCR_IDC, "FZ: input flush raises IDC");
    reset(FPSCR_FZ);
    CHECK(op_s(FOP_MUL, 0x1f800000, 0x1f800000), 0x00000000, "FZ: denormal product flushed");
    CHECK(flags() & FPSCR_UFC, FPSCR_UFC, "FZ: output flush raises UFC");
    reset(FPSCR_FZ);
    CHECK(fma_s(0x7fc00011, 0x7f800000, 0x00000001), 0x7fc00000,
          "FZ: flushed denormal counts as zero in inf * 0");
    reset(0);
    CHECK(op_s(FOP_ADD, 0x00000001, 0x00000001), 0x00000002, "no FZ: denormals add");
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
    CHECK(get_d(DD), 0x7ff8000020000000ull, "f32 SNaN to f64");
    CHECK(flags(), FPSCR_IOC, "converting an SNaN raises IOC");
    set_d(DA, 0xfff0000020000001ull);
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0xffc00001, "f64 SNaN to f32 keeps the top payload");
    reset(FPSCR_DN);
    set_d(DA, 0xfff8000000000001ull);
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0x7fc00000, "DN: NaN conversion");
    reset(0);
    set_d(DA, 0x3ff0000010000000ull);      /* 1 + 2^-24: a tie */
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0x3f800000, "RN tie to even");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0x3f800001, "RP rounds up");
    CHECK(flags(), FPSCR_IXC, "inexact narrowing raises IXC");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    set_d(DA, 0x47f0000000000000ull);      /* 2^128 */
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0x7f7fffff, "RZ overflow gives the largest float");
    CHECK(flags(), FPSCR_OFC | FPSCR_IXC, "overflow raises OFC and IXC");
    reset(0);
    CHECK(cvt(FCVT_F32_F64, SD, DA), 0x7f800000, "RN overflow gives infinity");
}

static void test_convert_int(void)
{
    reset(0);
    set_s(SA, 0x7fc00000);
    CHECK(cvt(FCVT_S32_F32_RZ, SD, SA), 0, "NaN to s32 is 0");
    CHECK(flags(), FPSCR_IOC, "NaN to s32 raises IOC");
    set_s(SA, 0x4f32d05e);                  /* 3e9 */
    CHECK(cvt(FCVT_S32_F32_RZ, SD, SA), 0x7fffffff, "3e9 saturates to INT_MAX");
    CHECK(cvt(FCVT_U32_F32_RZ, SD, SA), 3000000000u, "3e9 fits u32");
    set_s(SA, 0xcf32d05e);
    CHECK(cvt(FCVT_S32_F32_RZ, SD, SA), 0x80000000, "-3e9 saturates to INT_MIN");
    reset(0);
    set_s(SA, 0xbfc00000);                  /* -1.5 */
    CHECK(cvt(FCVT_U32_F32_RZ, SD, SA), 0, "-1.5 to u32 saturates to 0");
    CHECK(flags(), FPSCR_IOC, "... raising IOC only");
    set_s(SA, 0xbf000000);                  /* -0.5 */
    CHECK(cvt(FCVT_U32_F32_RZ, SD, SA), 0, "-0.5 to u32 truncates to 0");
    CHECK(flags(), FPSCR_IXC, "... which is merely inexact");
    set_s(SA, 0xff800000);
    CHECK(cvt(FCVT_U32_F32, SD, SA), 0, "-inf to u32");
    set_s(SA, 0x7f800000);
    CHECK(cvt(FCVT_U32_F32, SD, SA), 0xffffffff, "inf to u32");
    set_d(DA, 0x41efffffffe00000ull);       /* 4294967295 */
    CHECK(cvt(FCVT_U32_F64_RZ, SD, DA), 0xffffffff, "UINT_MAX exactly");
    set_d(DA, 0x41f0000000000000ull);       /* 2^32 */
    CHECK(cvt(FCVT_U32_F64_RZ, SD, DA), 0xffffffff, "2^32 saturates");
    reset(0);
    set_d(DA, 0xc1e0000000100000ull);       /* -2147483648.5 */
    CHECK(cvt(FCVT_S32_F64_RZ, SD, DA), 0x80000000, "-2^31 - 0.5 truncates into range");
    CHECK(flags(), FPSCR_IXC, "... inexact, not invalid");
    CHECK(cvt(FCVT_S32_F64, SD, DA), 0x80000000, "RN: ties to even stays at -2^31");
    set_d(DA, 0xc1e0000000200000ull);       /* -2147483649 */
    CHECK(cvt(FCVT_S32_F64_RZ, SD, DA), 0x80000000, "-2^31 - 1 saturates");
    CHECK(flags() & FPSCR_IOC, FPSCR_IOC, "... raising IOC");
    set_s(SA, 0x40200000);                  /* 2.5 */
    CHECK(cvt(FCVT_S32_F32, SD, SA), 2, "RN: 2.5 -> 2");
    set_s(SA, 0x40600000);                  /* 3.5 */
    CHECK(cvt(FCVT_S32_F32, SD, SA), 4, "RN: 3.5 -> 4");
    reset(ARM_RMODE_RM << FPSCR_RMODE_SHIFT);
    set_s(SA, 0xc0200000);                  /* -2.5 */
    CHECK(cvt(FCVT_S32_F32, SD, SA), (uint32_t)-3, "RM: -2.5 -> -3");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    CHECK(cvt(FCVT_S32_F32, SD, SA), (uint32_t)-2, "RP: -2.5 -> -2");
    CHECK(cvt(FCVT_S32_F32_RZ, SD, SA), (uint32_t)-2, "VCVT ignores RMode");
    reset(FPSCR_FZ);
    set_s(SA, 0x80000001);
    CHECK(cvt(FCVT_S32_F32, SD, SA), 0, "FZ: denormal converts to 0");
    CHECK(flags(), FPSCR_IDC, "... raising IDC, not IXC");
    reset(0);
    set_s(SA, 0xffffffff);
    CHECK(cvt(FCVT_F32_U32, SD, SA), 0x4f800000, "u32 max to f32 rounds to 2^32");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    CHECK(cvt(FCVT_F32_U32, SD, SA), 0x4f7fffff, "RZ: u32 max to f32");
    set_s(SA, 0x80000000);
    CHECK(cvt(FCVT_F32_S32, SD, SA), 0xcf000000, "INT_MIN to f32");
    arm_fp_slow(&env, FP_WHAT(FPK_CVT, FCVT_F64_S32), DD, SA, 0);
    CHECK(get_d(DD), 0xc1e0000000000000ull, "INT_MIN to f64");
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
    CHECK(to_half(0x3f800000), 0xabcd3c00, "1.0 to half keeps the top half");
    CHECK(to_half(0x477fe000), 0xabcd7bff, "65504 is the largest half");
    CHECK(to_half(0xc77ff000), 0xabcdfc00, "-65520 rounds to -inf");
    CHECK(flags(), FPSCR_OFC | FPSCR_IXC, "half overflow");
    CHECK(to_half(0x33800000), 0xabcd0001, "2^-24 is the smallest denormal");
    CHECK(to_half(0x33000000), 0xabcd0000, "2^-25 ties to even (zero)");
    CHECK(flags(), FPSCR_UFC | FPSCR_IXC, "tiny and inexact underflows");
    CHECK(to_half(0x33400000), 0xabcd0001, "1.5 * 2^-25 rounds up");
    CHECK(to_half(0x387ff000), 0xabcd0400, "a denormal rounds up to the smallest normal");
    (void)flags();
    CHECK(to_half(0x7f800001), 0xabcd7e00, "SNaN to half");
    CHECK(flags(), FPSCR_IOC, "SNaN to half raises IOC");
    CHECK(to_half(0xffc02000), 0xabcdfe01, "QNaN payload to half");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    CHECK(to_half(0x477ff000), 0xabcd7bff, "RZ: 65520 gives the largest half");
    reset(FPSCR_AHP);
    CHECK(to_half(0x47ffe000), 0xabcd7fff, "AHP: 131008 is the largest value");
    CHECK(flags(), 0, "AHP: exact");
    CHECK(to_half(0x49742400), 0xabcd7fff, "AHP: 1e6 saturates");
    CHECK(flags(), FPSCR_IOC, "AHP: too large is invalid");
    CHECK(to_half(0x7fc00000), 0xabcd0000, "AHP: NaN becomes +0");
    CHECK(to_half(0xff800000), 0xabcdffff, "AHP: -inf saturates");
    CHECK(from_half(0x7c00), 0x47800000, "AHP: exponent 31 is a number");
    reset(0);
    CHECK(from_half(0x3555), 0x3eaaa000, "half to single");
    CHECK(from_half(0x0001), 0x33800000, "half denormal to single");
    CHECK(from_half(0xfc00), 0xff800000, "half -inf");
    CHECK(from_half(0x8000), 0x80000000, "half -0");
    CHECK(from_half(0x7c01), 0x7fc02000, "half SNaN quietened");
    CHECK(flags(), FPSCR_IOC, "half SNaN raises IOC");
    reset(FPSCR_DN);
    CHECK(from_half(0x7e55), 0x7fc00000, "DN: half NaN");
}

static uint32_t fixed_s(uint32_t what, uint32_t x, int fbits)
{
    set_s(SD, x);
    return helper(what, SD, SD, (uint32_t)fbits);
}

static void test_fixed(void)
{
    reset(0);
    CHECK(fixed_s(ARM_FPH_TO_FIXED, 0x3fc00000, 16), 0x00018000, "1.5 to s32 #16");
    CHECK(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16 | ARM_FPH_UNSIGNED, 0x43960000, 8), 0xffff,
          "300 to u16 #8 saturates");
    CHECK(flags(), FPSCR_IOC, "... raising IOC");
    CHECK(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16, 0xc71c4000, 0), 0xffff8000,
          "-40000 to s16 saturates, sign-extended");
    CHECK(fixed_s(ARM_FPH_TO_FIXED | ARM_FPH_16, 0xbfa00000, 1), 0xfffffffe,
          "-1.25 to s16 #1 truncates toward zero");
    CHECK(flags(), FPSCR_IOC | FPSCR_IXC, "... inexact");
    CHECK(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_16, 0x1234ff80, 8), 0xbf000000,
          "s16 #8 from the low half: -0.5");
    CHECK(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_UNSIGNED, 0x80000000, 32), 0x3f000000,
          "u32 #32: 0.5");
    CHECK(fixed_s(ARM_FPH_FROM_FIXED, 0, 5), 0, "0 is +0");
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT);
    CHECK(fixed_s(ARM_FPH_FROM_FIXED | ARM_FPH_UNSIGNED, 0xffffffff, 0), 0x4f800000,
          "from fixed point rounds to nearest whatever RMode says");
    CHECK(fixed_s(ARM_FPH_TO_FIXED, 0xbfe00000, 0), 0xffffffff,
          "to fixed point rounds toward zero: -1.75 -> -1");
    reset(0);
    set_d(DD, 3);
    arm_fp_helper(&env, ARM_FPH_FROM_FIXED | ARM_FPH_DBL, DD, DD, 1);
    CHECK(get_d(DD), 0x3ff8000000000000ull, "s32 #1 to double: 1.5");
    set_d(DD, 0xc004000000000000ull);       /* -2.5 */
    arm_fp_helper(&env, ARM_FPH_TO_FIXED | ARM_FPH_DBL, DD, DD, 2);
    CHECK(get_d(DD), (uint64_t)-10, "double to s32 #2, sign-extended to 64 bits");
}

static void test_fpscr(void)
{
    reset(ARM_RMODE_RZ << FPSCR_RMODE_SHIFT | FPSCR_FZ);
    CHECK(_mm_getcsr(), 0x1f80 | 3u << 13 | 0x8040, "RZ and FZ in MXCSR");
    reset(ARM_RMODE_RP << FPSCR_RMODE_SHIFT);
    CHECK(_mm_getcsr(), 0x1f80 | 2u << 13, "RP is x86 round up");
    reset(ARM_RMODE_RM << FPSCR_RMODE_SHIFT);
    CHECK(_mm_getcsr(), 0x1f80 | 1u << 13, "RM is x86 round down");
    reset(0xffffffff);
    CHECK(env.fpscr, ARM_FPSCR_WRITABLE, "only writable bits are kept");
    reset(0);
    _mm_setcsr(_mm_getcsr() | 0x3f);
    CHECK(arm_fp_read_fpscr(&env), 0x1f, "MXCSR flags merged, DE ignored");
    CHECK(_mm_getcsr() & 0x3f, 0, "merged flags leave MXCSR");
    CHECK(arm_fp_read_fpscr(&env), 0x1f, "cumulative flags stay");
    arm_fp_reset(&env);
    CHECK(env.fpscr, 0, "reset FPSCR");
    CHECK(_mm_getcsr(), 0x1f80, "reset MXCSR");
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
    test_fpscr();
    arm_fp_reset(&env);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
