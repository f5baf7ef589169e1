/*
 * float.c: VFP arithmetic as C programs and the ARM ARM see it. Single and double precision
 * arithmetic on exactly representable values and identities, the chained and fused
 * multiply-accumulates (where fusing changes the result), NaN propagation and the ARM default
 * NaN, signed zeros, comparisons, conversions (saturating out-of-range ones through inline
 * VCVT, since C leaves them undefined), fixed-point and half-precision conversions, the
 * rounding modes through fenv, the cumulative exception flags, flush-to-zero and default-NaN
 * modes, printf and strtod. Every expected value is an exact consequence of IEEE 754 and the
 * ARM ARM rules, derived by hand. Built with -mfpu=vfpv4 (fused multiply-add) and
 * -frounding-math (so the compiler keeps arithmetic where the rounding mode is set).
 */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float bfloat(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static double bdouble(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

#define CHECK_F(got, want_bits, what) CHECK_U32(fbits(got), (want_bits), (what))
#define CHECK_D(got, want_bits, what) CHECK_U64(dbits(got), (want_bits), (what))

/* ---- FPSCR access ---- */

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v));
    return v;
}

static void set_fpscr(uint32_t v)
{
    __asm__ volatile("vmsr fpscr, %0" : : "r"(v));
}

/* ---- single instructions (the compiler picks other forms or folds C expressions) ---- */

#define ASM_S3(name, insn)                                                                  \
    static float name(float d, float n, float m)                                            \
    {                                                                                       \
        __asm__ volatile(insn " %0, %1, %2" : "+t"(d) : "t"(n), "t"(m));                    \
        return d;                                                                           \
    }
#define ASM_D3(name, insn)                                                                  \
    static double name(double d, double n, double m)                                        \
    {                                                                                       \
        __asm__ volatile(insn " %P0, %P1, %P2" : "+w"(d) : "w"(n), "w"(m));                 \
        return d;                                                                           \
    }

ASM_S3(vmla_s, "vmla.f32")
ASM_S3(vmls_s, "vmls.f32")
ASM_S3(vnmla_s, "vnmla.f32")
ASM_S3(vnmls_s, "vnmls.f32")
ASM_S3(vfma_s, "vfma.f32")
ASM_S3(vfms_s, "vfms.f32")
ASM_S3(vfnma_s, "vfnma.f32")
ASM_S3(vfnms_s, "vfnms.f32")
ASM_D3(vmla_d, "vmla.f64")
ASM_D3(vmls_d, "vmls.f64")
ASM_D3(vnmla_d, "vnmla.f64")
ASM_D3(vnmls_d, "vnmls.f64")
ASM_D3(vfma_d, "vfma.f64")
ASM_D3(vfms_d, "vfms.f64")
ASM_D3(vfnma_d, "vfnma.f64")
ASM_D3(vfnms_d, "vfnms.f64")

static float vnmul_s(float n, float m)
{
    float d;
    __asm__ volatile("vnmul.f32 %0, %1, %2" : "=t"(d) : "t"(n), "t"(m));
    return d;
}

static double vnmul_d(double n, double m)
{
    double d;
    __asm__ volatile("vnmul.f64 %P0, %P1, %P2" : "=w"(d) : "w"(n), "w"(m));
    return d;
}

static float vadd_s(float n, float m)
{
    float d;
    __asm__ volatile("vadd.f32 %0, %1, %2" : "=t"(d) : "t"(n), "t"(m));
    return d;
}

static float vsub_s(float n, float m)
{
    float d;
    __asm__ volatile("vsub.f32 %0, %1, %2" : "=t"(d) : "t"(n), "t"(m));
    return d;
}

static float vdiv_s(float n, float m)
{
    float d;
    __asm__ volatile("vdiv.f32 %0, %1, %2" : "=t"(d) : "t"(n), "t"(m));
    return d;
}

static double vmul_d(double n, double m)
{
    double d;
    __asm__ volatile("vmul.f64 %P0, %P1, %P2" : "=w"(d) : "w"(n), "w"(m));
    return d;
}

static float vneg_s(float m)
{
    float d;
    __asm__ volatile("vneg.f32 %0, %1" : "=t"(d) : "t"(m));
    return d;
}

static float vabs_s(float m)
{
    float d;
    __asm__ volatile("vabs.f32 %0, %1" : "=t"(d) : "t"(m));
    return d;
}

static double vabs_d(double m)
{
    double d;
    __asm__ volatile("vabs.f64 %P0, %P1" : "=w"(d) : "w"(m));
    return d;
}

static float vsqrt_s(float m)
{
    float d;
    __asm__ volatile("vsqrt.f32 %0, %1" : "=t"(d) : "t"(m));
    return d;
}

/* Float to integer: VCVT rounds toward zero, VCVTR by FPSCR; both saturate. */
#define ASM_CVT_S(name, insn)                                                               \
    static uint32_t name(float x)                                                           \
    {                                                                                       \
        float r;                                                                            \
        __asm__ volatile(insn " %0, %1" : "=t"(r) : "t"(x));                                \
        return fbits(r);                                                                    \
    }
#define ASM_CVT_D(name, insn)                                                               \
    static uint32_t name(double x)                                                          \
    {                                                                                       \
        float r;                                                                            \
        __asm__ volatile(insn " %0, %P1" : "=t"(r) : "w"(x));                               \
        return fbits(r);                                                                    \
    }

ASM_CVT_S(cvt_s32_f32, "vcvt.s32.f32")
ASM_CVT_S(cvt_u32_f32, "vcvt.u32.f32")
ASM_CVT_S(cvtr_s32_f32, "vcvtr.s32.f32")
ASM_CVT_D(cvt_s32_f64, "vcvt.s32.f64")
ASM_CVT_D(cvt_u32_f64, "vcvt.u32.f64")
ASM_CVT_D(cvtr_s32_f64, "vcvtr.s32.f64")
ASM_CVT_D(cvtr_u32_f64, "vcvtr.u32.f64")

static float cvt_f32_u32(uint32_t v)
{
    float r, x = bfloat(v);
    __asm__ volatile("vcvt.f32.u32 %0, %1" : "=t"(r) : "t"(x));
    return r;
}

/* VCMP/VCMPE: FPSCR.NZCV copied to the APSR and read back as bits 31:28. */
static uint32_t vcmp_s(float a, float b)
{
    uint32_t flags;
    __asm__ volatile("vcmp.f32 %1, %2\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                     : "=r"(flags) : "t"(a), "t"(b) : "cc");
    return flags >> 28;
}

static uint32_t vcmpe_s(float a, float b)
{
    uint32_t flags;
    __asm__ volatile("vcmpe.f32 %1, %2\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                     : "=r"(flags) : "t"(a), "t"(b) : "cc");
    return flags >> 28;
}

static uint32_t vcmp_d_zero(double a)
{
    uint32_t flags;
    __asm__ volatile("vcmp.f64 %P1, #0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                     : "=r"(flags) : "w"(a) : "cc");
    return flags >> 28;
}

/* ---- arithmetic ---- */

static void check_exact_arithmetic(void)
{
    check_seed(12345);
    for (int i = 0; i < 200; i++) {
        /* integers below 2^11 (float) and 2^26 (double): sums, products and exact
         * quotients are exact */
        int32_t a = (int32_t)(check_rand() % 4095) - 2047;
        int32_t b = (int32_t)(check_rand() % 2047) + 1;
        float fa = OPAQUE((float)a), fb = OPAQUE((float)b);
        CHECK(fa + fb == (float)(a + b), "%d + %d (float)", a, b);
        CHECK(fa - fb == (float)(a - b), "%d - %d (float)", a, b);
        CHECK(fa * fb == (float)(a * b), "%d * %d (float)", a, b);
        CHECK((fa * fb) / fb == fa, "%d * %d / %d (float)", a, b, b);
        int64_t c = (int64_t)(check_rand() % (1u << 26)) - (1 << 25);
        int64_t e = (int64_t)(check_rand() % (1u << 26)) + 1;
        double dc = OPAQUE((double)c), de = OPAQUE((double)e);
        CHECK(dc * de == (double)(c * e), "%lld * %lld (double)", (long long)c, (long long)e);
        CHECK((dc * de) / de == dc, "%lld * %lld / %lld", (long long)c, (long long)e,
              (long long)e);
        CHECK(dc - de == (double)(c - e), "%lld - %lld", (long long)c, (long long)e);
        uint32_t k = check_rand() % 65536;
        CHECK(sqrt(OPAQUE((double)k * k)) == k, "sqrt(%u^2)", k);
        CHECK(sqrtf(OPAQUE((float)(k % 4096) * (k % 4096))) == (float)(k % 4096),
              "sqrtf(%u^2)", k % 4096);
    }
    /* correctly rounded results of IEEE 754 */
    CHECK_D(OPAQUE(0.1) + OPAQUE(0.2), 0x3fd3333333333334ull, "0.1 + 0.2");
    CHECK_D(OPAQUE(1.0) / OPAQUE(3.0), 0x3fd5555555555555ull, "1 / 3");
    CHECK_F(OPAQUE(1.0f) / OPAQUE(3.0f), 0x3eaaaaab, "1f / 3f");
    CHECK_D(sqrt(OPAQUE(2.0)), 0x3ff6a09e667f3bcdull, "sqrt(2)");
    CHECK_F(sqrtf(OPAQUE(2.0f)), 0x3fb504f3, "sqrtf(2)");
    CHECK_F(vsqrt_s(OPAQUE(0.25f)), 0x3f000000, "vsqrt 0.25");
    CHECK_D(OPAQUE(DBL_MIN) / OPAQUE(2.0), 0x0008000000000000ull, "DBL_MIN / 2 is denormal");
    CHECK_F(OPAQUE(FLT_MIN) * OPAQUE(0.5f), 0x00400000, "FLT_MIN / 2 is denormal");
    CHECK_D(OPAQUE(4.9406564584124654e-324) * OPAQUE(0.5), 0, "min denormal / 2 ties to 0");
    CHECK_D(OPAQUE(DBL_MAX) * OPAQUE(2.0), 0x7ff0000000000000ull, "overflow to inf");
    CHECK_F(OPAQUE(-1.0f) / OPAQUE(0.0f), 0xff800000, "-1 / 0 = -inf");
    CHECK_D(fabs(OPAQUE(-3.5)), 0x400c000000000000ull, "fabs");
    CHECK_D(vabs_d(OPAQUE(-0.0)), 0, "vabs -0");
    CHECK_F(vneg_s(OPAQUE(0.0f)), 0x80000000, "vneg 0");
    CHECK_D(fmod(OPAQUE(7.5), OPAQUE(2.0)), 0x3ff8000000000000ull, "fmod(7.5, 2)");
    CHECK_D(hypot(OPAQUE(3.0), OPAQUE(4.0)), 0x4014000000000000ull, "hypot(3, 4)");
    CHECK_D(ldexp(OPAQUE(1.5), 10), 0x4098000000000000ull, "ldexp(1.5, 10)");
    CHECK_D(pow(OPAQUE(2.0), OPAQUE(10.0)), 0x4090000000000000ull, "pow(2, 10)");
    CHECK_D(exp(OPAQUE(0.0)), 0x3ff0000000000000ull, "exp(0)");
    CHECK_D(log(OPAQUE(1.0)), 0, "log(1)");
    CHECK_D(floor(OPAQUE(-2.5)), 0xc008000000000000ull, "floor(-2.5)");
    CHECK_D(ceil(OPAQUE(-2.5)), 0xc000000000000000ull, "ceil(-2.5)");
    CHECK_D(round(OPAQUE(2.5)), 0x4008000000000000ull, "round(2.5)");
    CHECK_D(trunc(OPAQUE(-2.7)), 0xc000000000000000ull, "trunc(-2.7)");
}

static void check_signed_zero(void)
{
    double pz = OPAQUE(0.0), nz = OPAQUE(-0.0);
    CHECK_D(pz + nz, 0, "0 + -0 = +0");
    CHECK_D(nz + nz, 0x8000000000000000ull, "-0 + -0 = -0");
    CHECK_D(pz - pz, 0, "0 - 0 = +0");
    CHECK_D(nz * OPAQUE(5.0), 0x8000000000000000ull, "-0 * 5 = -0");
    CHECK_D(OPAQUE(1.0) / nz, 0xfff0000000000000ull, "1 / -0 = -inf");
    CHECK_D(sqrt(nz), 0x8000000000000000ull, "sqrt(-0) = -0");
    CHECK(pz == nz, "0 == -0");
    CHECK(signbit(nz) && !signbit(pz), "signbit");
    CHECK_F(copysignf(OPAQUE(2.0f), OPAQUE(-0.0f)), 0xc0000000, "copysignf");
    fesetround(FE_DOWNWARD);
    CHECK_D(OPAQUE(1.0) - OPAQUE(1.0), 0x8000000000000000ull, "x - x = -0 rounding down");
    fesetround(FE_TONEAREST);
}

/* The chained forms round the product; the fused ones do not. */
static void check_multiply_accumulate(void)
{
    float d = OPAQUE(10.0f), n = OPAQUE(3.0f), m = OPAQUE(4.0f);
    CHECK(vmla_s(d, n, m) == 22.0f, "vmla.f32");
    CHECK(vmls_s(d, n, m) == -2.0f, "vmls.f32");
    CHECK(vnmla_s(d, n, m) == -22.0f, "vnmla.f32");
    CHECK(vnmls_s(d, n, m) == 2.0f, "vnmls.f32");
    CHECK(vnmul_s(n, m) == -12.0f, "vnmul.f32");
    CHECK(vfma_s(d, n, m) == 22.0f, "vfma.f32");
    CHECK(vfms_s(d, n, m) == -2.0f, "vfms.f32");
    CHECK(vfnma_s(d, n, m) == -22.0f, "vfnma.f32");
    CHECK(vfnms_s(d, n, m) == 2.0f, "vfnms.f32");
    double dd = OPAQUE(10.0), dn = OPAQUE(3.0), dm = OPAQUE(4.0);
    CHECK(vmla_d(dd, dn, dm) == 22.0, "vmla.f64");
    CHECK(vmls_d(dd, dn, dm) == -2.0, "vmls.f64");
    CHECK(vnmla_d(dd, dn, dm) == -22.0, "vnmla.f64");
    CHECK(vnmls_d(dd, dn, dm) == 2.0, "vnmls.f64");
    CHECK(vnmul_d(dn, dm) == -12.0, "vnmul.f64");
    CHECK(vfma_d(dd, dn, dm) == 22.0, "vfma.f64");
    CHECK(vfms_d(dd, dn, dm) == -2.0, "vfms.f64");
    CHECK(vfnma_d(dd, dn, dm) == -22.0, "vfnma.f64");
    CHECK(vfnms_d(dd, dn, dm) == 2.0, "vfnms.f64");

    /* (1 + 2^-23)(1 - 2^-23) = 1 - 2^-46: rounded, it is 1 */
    float a = OPAQUE(bfloat(0x3f800001)), b = OPAQUE(bfloat(0x3f7ffffe));
    CHECK_F(vmla_s(OPAQUE(-1.0f), a, b), 0, "vmla rounds the product");
    CHECK_F(vfma_s(OPAQUE(-1.0f), a, b), 0xa8800000, "vfma: -2^-46");
    CHECK_F(vfms_s(OPAQUE(1.0f), a, b), 0x28800000, "vfms: 2^-46");
    CHECK_F(vfnma_s(OPAQUE(-1.0f), a, b), 0x28800000, "vfnma: 2^-46");
    CHECK_F(vfnms_s(OPAQUE(1.0f), a, b), 0xa8800000, "vfnms: -2^-46");
    CHECK_F(fmaf(a, b, OPAQUE(-1.0f)), 0xa8800000, "fmaf");
    double x = OPAQUE(bdouble(0x3ff0000000000001ull)), y = OPAQUE(bdouble(0x3feffffffffffffeull));
    CHECK_D(vmla_d(OPAQUE(-1.0), x, y), 0, "vmla.f64 rounds the product");
    CHECK_D(fma(x, y, OPAQUE(-1.0)), 0xb970000000000000ull, "fma: -2^-104");
    CHECK_D(vfnms_d(OPAQUE(1.0), x, y), 0xb970000000000000ull, "vfnms.f64: -2^-104");
    /* the same register as accumulator and operand */
    float s = OPAQUE(3.0f);
    __asm__ volatile("vfma.f32 %0, %0, %0" : "+t"(s));
    CHECK(s == 12.0f, "vfma s, s, s");
    s = OPAQUE(3.0f);
    __asm__ volatile("vfnms.f32 %0, %0, %0" : "+t"(s));
    CHECK(s == 6.0f, "vfnms s, s, s: -3 + 9");
    s = OPAQUE(3.0f);
    __asm__ volatile("vnmla.f32 %0, %0, %0" : "+t"(s));
    CHECK(s == -12.0f, "vnmla s, s, s");
}

/* ---- NaNs: ARM propagates operand NaNs and uses the positive default NaN ---- */

static void check_nans(void)
{
    float q1 = OPAQUE(bfloat(0x7fc00001)), q2 = OPAQUE(bfloat(0xffc00002));
    float s3 = OPAQUE(bfloat(0x7f800003)), one = OPAQUE(1.0f);
    CHECK_F(vadd_s(q1, q2), 0x7fc00001, "first QNaN operand");
    CHECK_F(vadd_s(q2, q1), 0xffc00002, "first QNaN operand, negative");
    CHECK_F(vsub_s(q1, s3), 0x7fc00003, "SNaN operand wins, quietened");
    CHECK_F(vdiv_s(one, q2), 0xffc00002, "QNaN divisor");
    CHECK_F(vadd_s(OPAQUE(INFINITY), OPAQUE(-INFINITY)), 0x7fc00000, "inf - inf");
    CHECK_F(vdiv_s(OPAQUE(0.0f), OPAQUE(0.0f)), 0x7fc00000, "0 / 0");
    CHECK_F(vsqrt_s(OPAQUE(-1.0f)), 0x7fc00000, "sqrt(-1)");
    CHECK_D(OPAQUE(0.0) * OPAQUE(INFINITY), 0x7ff8000000000000ull, "0 * inf");
    CHECK_D(vmul_d(OPAQUE(bdouble(0x7ff0000000000005ull)), OPAQUE(2.0)), 0x7ff8000000000005ull,
            "double SNaN quietened");
    /* sign operations are exact bit operations, NaNs included */
    CHECK_F(vneg_s(q1), 0xffc00001, "vneg NaN");
    CHECK_F(vabs_s(q2), 0x7fc00002, "vabs NaN");
    CHECK_F(vneg_s(s3), 0xff800003, "vneg SNaN stays signalling");
    /* the negations of VNMUL, VMLS, VNMLA, VFNMA apply to NaNs too */
    CHECK_F(vnmul_s(q1, one), 0xffc00001, "vnmul negates a NaN product");
    CHECK_F(vmls_s(one, q1, one), 0xffc00001, "vmls adds the negated NaN product");
    CHECK_F(vnmla_s(q1, one, one), 0xffc00001, "vnmla negates a NaN accumulator");
    CHECK_F(vfnma_s(q1, one, one), 0xffc00001, "vfnma negates a NaN addend");
    CHECK_F(vfms_s(one, q1, one), 0xffc00001, "vfms negates a NaN multiplicand");
    CHECK_F(vmla_s(q1, q2, one), 0x7fc00001, "vmla: accumulator NaN first");
    CHECK_F(vfma_s(q2, s3, one), 0x7fc00003, "vfma: SNaN before QNaN addend");
    CHECK_F(vfma_s(q1, OPAQUE(INFINITY), OPAQUE(0.0f)), 0x7fc00000,
            "vfma: QNaN + inf * 0 is the default NaN");
    CHECK_D((double)s3, 0x7ff8000060000000ull, "SNaN to double");
    CHECK_F((float)OPAQUE(bdouble(0xfff0000020000001ull)), 0xffc00001, "SNaN to float");
    CHECK(isnan(OPAQUE(NAN)) && !isnan(one), "isnan");
}

/* ---- comparisons ---- */

static void check_comparisons(void)
{
    float nan = OPAQUE(NAN), one = OPAQUE(1.0f), two = OPAQUE(2.0f);
    CHECK(!(nan == nan) && nan != nan, "NaN unequal to itself");
    CHECK(!(nan < one) && !(nan > one) && !(nan <= one) && !(nan >= one), "NaN unordered");
    CHECK(isunordered(nan, one) && !isunordered(one, two), "isunordered");
    CHECK(one < two && two > one && one <= one && !(two < one), "ordered compares");
    CHECK(OPAQUE(-0.0) == OPAQUE(0.0) && !(OPAQUE(-0.0) < OPAQUE(0.0)), "signed zeros equal");
    CHECK(OPAQUE(-INFINITY) < OPAQUE(-DBL_MAX), "-inf is smallest");
    CHECK(OPAQUE(4.9406564584124654e-324) > OPAQUE(0.0), "denormal > 0");
    CHECK(fmax(OPAQUE(NAN), OPAQUE(3.0)) == 3.0, "fmax ignores a NaN");
    CHECK(fmin(OPAQUE(-1.0), OPAQUE(2.0)) == -1.0, "fmin");
    CHECK_U32(vcmp_s(one, one), 0x6, "vcmp equal: Z C");
    CHECK_U32(vcmp_s(one, two), 0x8, "vcmp less: N");
    CHECK_U32(vcmp_s(two, one), 0x2, "vcmp greater: C");
    CHECK_U32(vcmp_s(nan, one), 0x3, "vcmp unordered: C V");
    CHECK_U32(vcmp_d_zero(OPAQUE(-0.0)), 0x6, "vcmp -0, #0: equal");
    CHECK_U32(vcmp_d_zero(OPAQUE(-5.0)), 0x8, "vcmp -5, #0: less");
    CHECK_U32(vcmp_d_zero(OPAQUE((double)NAN)), 0x3, "vcmp NaN, #0: unordered");
    /* VCMP is quiet on quiet NaNs; VCMPE signals Invalid Operation */
    feclearexcept(FE_ALL_EXCEPT);
    vcmp_s(nan, one);
    CHECK(!fetestexcept(FE_INVALID), "vcmp QNaN is quiet");
    vcmpe_s(nan, one);
    CHECK(fetestexcept(FE_INVALID), "vcmpe QNaN raises invalid");
    feclearexcept(FE_ALL_EXCEPT);
    vcmp_s(OPAQUE(bfloat(0x7f800001)), one);
    CHECK(fetestexcept(FE_INVALID), "vcmp SNaN raises invalid");
    feclearexcept(FE_ALL_EXCEPT);
}

/* ---- conversions ---- */

static void check_conversions(void)
{
    CHECK((int)OPAQUE(3.7f) == 3 && (int)OPAQUE(-3.7f) == -3, "float to int truncates");
    CHECK((unsigned)OPAQUE(3000000000.0) == 3000000000u, "double to unsigned");
    CHECK((int)OPAQUE(-2147483648.0) == INT_MIN, "INT_MIN converts exactly");
    CHECK((float)OPAQUE(16777217) == 16777216.0f, "int to float rounds to even");
    CHECK((float)OPAQUE(0xffffffffu) == 4294967296.0f, "UINT_MAX to float");
    CHECK((double)OPAQUE(INT_MIN) == -2147483648.0, "INT_MIN to double");
    CHECK((double)OPAQUE(0xffffffffu) == 4294967295.0, "UINT_MAX to double");
    CHECK((long long)OPAQUE(-1e15) == -1000000000000000ll, "double to int64");
    CHECK((double)OPAQUE(1ll << 53) == 9007199254740992.0, "int64 to double");
    CHECK_D((double)OPAQUE(0.1f), 0x3fb99999a0000000ull, "0.1f to double");
    CHECK_F((float)OPAQUE(0.1), 0x3dcccccd, "0.1 to float");
    CHECK_F((float)OPAQUE(1e40), 0x7f800000, "1e40 to float overflows");
    CHECK_F((float)OPAQUE(1e-50), 0, "1e-50 to float underflows");
    CHECK_F((float)OPAQUE(DBL_MIN * 1e20), 0, "tiny double to float");
    CHECK_F((float)OPAQUE(bdouble(0x36a0000000000000ull)), 0x00000001, "2^-149 to float");

    /* saturation (C leaves these undefined; VCVT defines them) */
    CHECK_U32(cvt_s32_f32(OPAQUE(3e9f)), INT_MAX, "3e9 to s32");
    CHECK_U32(cvt_s32_f32(OPAQUE(-3e9f)), INT_MIN, "-3e9 to s32");
    CHECK_U32(cvt_s32_f32(OPAQUE(NAN)), 0, "NaN to s32");
    CHECK_U32(cvt_s32_f32(OPAQUE(-INFINITY)), INT_MIN, "-inf to s32");
    CHECK_U32(cvt_u32_f32(OPAQUE(-1.0f)), 0, "-1 to u32");
    CHECK_U32(cvt_u32_f32(OPAQUE(-0.75f)), 0, "-0.75 to u32 truncates to 0");
    CHECK_U32(cvt_u32_f32(OPAQUE(5e9f)), UINT_MAX, "5e9 to u32");
    CHECK_U32(cvt_u32_f32(OPAQUE(3e9f)), 3000000000u, "3e9 to u32");
    CHECK_U32(cvt_s32_f64(OPAQUE(2147483647.9)), INT_MAX, "2147483647.9 to s32");
    CHECK_U32(cvt_s32_f64(OPAQUE(2147483648.0)), INT_MAX, "2^31 to s32");
    CHECK_U32(cvt_s32_f64(OPAQUE(-2147483648.9)), INT_MIN, "-2147483648.9 to s32");
    CHECK_U32(cvt_s32_f64(OPAQUE(-2147483649.0)), INT_MIN, "-2^31 - 1 to s32");
    CHECK_U32(cvt_u32_f64(OPAQUE(4294967295.5)), UINT_MAX, "4294967295.5 to u32");
    CHECK_U32(cvt_u32_f64(OPAQUE(1e300)), UINT_MAX, "1e300 to u32");
    CHECK_U32(cvt_u32_f64(OPAQUE((double)NAN)), 0, "NaN to u32");
    CHECK_U32(cvtr_u32_f64(OPAQUE(4294967295.5)), UINT_MAX, "VCVTR rounds 4294967295.5 up");
    feclearexcept(FE_ALL_EXCEPT);
    cvt_s32_f32(OPAQUE(3e9f));
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INVALID, "saturation raises invalid only");
    feclearexcept(FE_ALL_EXCEPT);
    cvt_s32_f64(OPAQUE(2.5));
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT, "2.5 to s32 is inexact");
    feclearexcept(FE_ALL_EXCEPT);
    cvt_s32_f64(OPAQUE(-7.0));
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "-7.0 to s32 is exact");
    feclearexcept(FE_ALL_EXCEPT);
}

static uint32_t fixed_op(uint32_t v, int which)
{
    float r = bfloat(v);
    switch (which) {
    case 0: __asm__ volatile("vcvt.s32.f32 %0, %0, #16" : "+t"(r)); break;
    case 1: __asm__ volatile("vcvt.f32.s32 %0, %0, #16" : "+t"(r)); break;
    case 2: __asm__ volatile("vcvt.u16.f32 %0, %0, #8" : "+t"(r)); break;
    case 3: __asm__ volatile("vcvt.s16.f32 %0, %0, #1" : "+t"(r)); break;
    case 4: __asm__ volatile("vcvt.f32.s16 %0, %0, #8" : "+t"(r)); break;
    default: __asm__ volatile("vcvt.f32.u32 %0, %0, #32" : "+t"(r)); break;
    }
    return fbits(r);
}

static uint32_t fixed_d(double x)
{
    __asm__ volatile("vcvt.s32.f64 %P0, %P0, #2" : "+w"(x));
    return (uint32_t)dbits(x);
}

static double fixed_to_d(uint32_t v)
{
    double x = bdouble(v);
    __asm__ volatile("vcvt.f64.u32 %P0, %P0, #4" : "+w"(x));
    return x;
}

static void check_fixed_point(void)
{
    CHECK_U32(fixed_op(fbits(1.5f), 0), 0x18000, "1.5 to s32 #16");
    CHECK_U32(fixed_op(fbits(-0.25f), 0), 0xffffc000, "-0.25 to s32 #16");
    CHECK_U32(fixed_op(fbits(40000.0f), 0), INT_MAX, "40000 to s32 #16 saturates");
    CHECK_F(bfloat(fixed_op(0x18000, 1)), fbits(1.5f), "s32 #16 to 1.5");
    CHECK_F(bfloat(fixed_op(0xffff0000, 1)), fbits(-1.0f), "s32 #16 to -1");
    CHECK_U32(fixed_op(fbits(300.0f), 2), 0xffff, "300 to u16 #8 saturates");
    CHECK_U32(fixed_op(fbits(2.5f), 2), 0x280, "2.5 to u16 #8");
    CHECK_U32(fixed_op(fbits(-1.25f), 3), 0xfffffffe, "-1.25 to s16 #1, sign-extended");
    CHECK_F(bfloat(fixed_op(0x1234ff80, 4)), fbits(-0.5f), "s16 #8 reads the low half");
    CHECK_F(bfloat(fixed_op(0x80000000, 5)), fbits(0.5f), "u32 #32");
    CHECK_U32(fixed_d(-2.5), (uint32_t)-10, "double to s32 #2");
    CHECK(fixed_to_d(40) == 2.5, "u32 #4 to double");
}

static uint32_t half_op(uint32_t d, uint32_t m, int which)
{
    float r = bfloat(d), x = bfloat(m);
    switch (which) {
    case 0: __asm__ volatile("vcvtb.f16.f32 %0, %1" : "+t"(r) : "t"(x)); break;
    case 1: __asm__ volatile("vcvtt.f16.f32 %0, %1" : "+t"(r) : "t"(x)); break;
    case 2: __asm__ volatile("vcvtb.f32.f16 %0, %1" : "+t"(r) : "t"(x)); break;
    default: __asm__ volatile("vcvtt.f32.f16 %0, %1" : "+t"(r) : "t"(x)); break;
    }
    return fbits(r);
}

static void check_half(void)
{
    CHECK_U32(half_op(0xaaaaaaaa, fbits(1.0f), 0), 0xaaaa3c00, "vcvtb 1.0 keeps the top");
    CHECK_U32(half_op(0xaaaaaaaa, fbits(-2.0f), 1), 0xc000aaaa, "vcvtt -2.0 keeps the bottom");
    CHECK_U32(half_op(0, fbits(65504.0f), 0), 0x7bff, "65504 is the largest half");
    CHECK_U32(half_op(0, fbits(65520.0f), 0), 0x7c00, "65520 rounds to inf");
    CHECK_U32(half_op(0, fbits(0x1p-24f), 0), 0x0001, "2^-24 is the smallest half");
    CHECK_U32(half_op(0, fbits(0x1p-25f), 0), 0x0000, "2^-25 ties to even");
    CHECK_U32(half_op(0, 0xffc02000, 0), 0xfe01, "NaN payload to half");
    CHECK_U32(half_op(0, 0x12343555, 2), 0x3eaaa000, "half 0x3555 to single");
    CHECK_U32(half_op(0, 0x00011234, 3), 0x33800000, "top half 0x0001 to single");
    CHECK_U32(half_op(0, 0x7c01, 2), 0x7fc02000, "half SNaN to single");
}

/* ---- rounding modes ---- */

static void check_rounding(void)
{
    /* 1/3 in each mode, the magnitude of -1/3, and 2.5 and -2.5 rounded to integers */
    static const struct {
        int mode;
        uint32_t third_f;
        uint64_t third_d, neg_third_d;
        int32_t r25, rm25;
    } modes[] = {
        { FE_TONEAREST, 0x3eaaaaab, 0x3fd5555555555555ull, 0x3fd5555555555555ull, 2, -2 },
        { FE_UPWARD, 0x3eaaaaab, 0x3fd5555555555556ull, 0x3fd5555555555555ull, 3, -2 },
        { FE_DOWNWARD, 0x3eaaaaaa, 0x3fd5555555555555ull, 0x3fd5555555555556ull, 2, -3 },
        { FE_TOWARDZERO, 0x3eaaaaaa, 0x3fd5555555555555ull, 0x3fd5555555555555ull, 2, -2 },
    };
    for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        CHECK(fesetround(modes[i].mode) == 0, "fesetround %d", modes[i].mode);
        CHECK(fegetround() == modes[i].mode, "fegetround after %d", modes[i].mode);
        CHECK_F(OPAQUE(1.0f) / OPAQUE(3.0f), modes[i].third_f, "1f / 3f by mode");
        CHECK_D(OPAQUE(1.0) / OPAQUE(3.0), modes[i].third_d, "1 / 3 by mode");
        CHECK_D(-(OPAQUE(-1.0) / OPAQUE(3.0)), modes[i].neg_third_d, "-1 / 3 by mode");
        CHECK_U32(cvtr_s32_f64(OPAQUE(2.5)), modes[i].r25, "vcvtr 2.5 by mode");
        CHECK_U32(cvtr_s32_f32(OPAQUE(-2.5f)), modes[i].rm25, "vcvtr -2.5 by mode");
        CHECK_U32(cvt_s32_f64(OPAQUE(2.9)), 2, "vcvt ignores the mode");
        CHECK(rint(OPAQUE(2.5)) == (double)modes[i].r25, "rint(2.5) by mode");
        CHECK(lrint(OPAQUE(-2.5)) == modes[i].rm25, "lrint(-2.5) by mode");
    }
    fesetround(FE_UPWARD);
    CHECK((float)OPAQUE(16777217) == 16777218.0f, "int to float rounds up");
    CHECK_F(cvt_f32_u32(0xffffff7f), 0x4f800000, "u32 to float rounds up");
    CHECK_F((float)OPAQUE(0.1), 0x3dcccccd, "0.1 to float rounds up");
    CHECK_D(OPAQUE(1.0) + OPAQUE(0x1p-60), 0x3ff0000000000001ull, "1 + tiny rounds up");
    CHECK_D(OPAQUE(DBL_MAX) * OPAQUE(2.0), 0x7ff0000000000000ull, "overflow up: inf");
    fesetround(FE_DOWNWARD);
    CHECK((float)OPAQUE(-16777217) == -16777218.0f, "int to float rounds down");
    CHECK_F((float)OPAQUE(0.1), 0x3dcccccc, "0.1 to float rounds down");
    CHECK_D(OPAQUE(1.0) + OPAQUE(0x1p-60), 0x3ff0000000000000ull, "1 + tiny rounds down");
    CHECK_D(OPAQUE(DBL_MAX) * OPAQUE(2.0), 0x7fefffffffffffffull, "overflow down: DBL_MAX");
    CHECK_D(sqrt(OPAQUE(2.0)), 0x3ff6a09e667f3bccull, "sqrt(2) rounds down");
    fesetround(FE_TOWARDZERO);
    CHECK_F(bfloat(fixed_op(0xffffffff, 5)), 0x3f800000,
            "VCVT from fixed point rounds to nearest in any mode");
    CHECK_F(cvt_f32_u32(0xffffffff), 0x4f7fffff, "VCVT from an integer follows the mode");
    CHECK_D(OPAQUE(-DBL_MAX) * OPAQUE(2.0), 0xffefffffffffffffull, "overflow toward zero");
    CHECK_F(fmaf(OPAQUE(bfloat(0x3f800001)), OPAQUE(bfloat(0x3f800001)), OPAQUE(-1.0f)),
            0x34800000, "fmaf toward zero: 2^-22 + 2^-46 -> 2^-22");
    fesetround(FE_TONEAREST);
    CHECK(fegetround() == FE_TONEAREST, "back to nearest");
}

/* ---- exception flags ---- */

static void check_exceptions(void)
{
    volatile double r;
    feclearexcept(FE_ALL_EXCEPT);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "flags clear");
    r = OPAQUE(1.0) + OPAQUE(2.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "exact addition raises nothing");
    r = OPAQUE(1.0) / OPAQUE(0.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO, "1 / 0: divide by zero only");
    CHECK(isinf(r), "1 / 0 is inf");
    feclearexcept(FE_ALL_EXCEPT);
    r = OPAQUE(1.0) / OPAQUE(3.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT, "1 / 3: inexact only");
    feclearexcept(FE_ALL_EXCEPT);
    r = OPAQUE(DBL_MAX) * OPAQUE(2.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT), "overflow and inexact");
    feclearexcept(FE_ALL_EXCEPT);
    r = OPAQUE(DBL_MIN) * OPAQUE(0.3);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == (FE_UNDERFLOW | FE_INEXACT), "underflow and inexact");
    feclearexcept(FE_ALL_EXCEPT);
    r = OPAQUE(DBL_MIN) / OPAQUE(2.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "an exact denormal does not underflow");
    r = OPAQUE(0.0) / OPAQUE(0.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INVALID, "0 / 0: invalid only");
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(OPAQUE(-1.0));
    CHECK(fetestexcept(FE_INVALID), "sqrt(-1) is invalid");
    feclearexcept(FE_ALL_EXCEPT);
    r = OPAQUE((double)NAN) + OPAQUE(1.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0, "QNaN operand raises nothing");
    r = OPAQUE(bdouble(0x7ff0000000000001ull)) + OPAQUE(1.0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INVALID, "SNaN operand is invalid");
    feclearexcept(FE_INVALID);
    r = (float)OPAQUE(1e300);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT), "narrowing overflow");
    feclearexcept(FE_ALL_EXCEPT);
    /* flags are cumulative and visible in FPSCR bits 4:0 */
    r = OPAQUE(1.0) / OPAQUE(0.0);
    r = OPAQUE(1.0) / OPAQUE(3.0);
    CHECK_U32(get_fpscr() & 0x9f, 0x12, "FPSCR: DZC and IXC");
    feraiseexcept(FE_OVERFLOW);
    CHECK(fetestexcept(FE_OVERFLOW), "feraiseexcept");
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    CHECK(fetestexcept(FE_DIVBYZERO | FE_INEXACT) == (FE_DIVBYZERO | FE_INEXACT),
          "fesetexceptflag restores");
    feclearexcept(FE_ALL_EXCEPT);
    (void)r;
}

/* ---- FPSCR modes glibc does not expose: flush-to-zero and default NaN ---- */

static void check_fpscr_modes(void)
{
    uint32_t saved = get_fpscr();
    set_fpscr((saved & ~0x9fu) | 1u << 24);                    /* FZ */
    CHECK_D(OPAQUE(DBL_MIN) / OPAQUE(2.0), 0, "FZ: denormal result flushed");
    CHECK_F(OPAQUE(bfloat(0x00000003)) + OPAQUE(0.0f), 0, "FZ: denormal input flushed");
    CHECK_F(OPAQUE(bfloat(0x80000003)) * OPAQUE(1.0f), 0x80000000, "FZ: flush keeps the sign");
    CHECK(OPAQUE(bfloat(0x00000003)) == OPAQUE(0.0f), "FZ: denormal compares equal to 0");
    CHECK_F(OPAQUE(FLT_MIN) * OPAQUE(2.0f), 0x01000000, "FZ: normal results unaffected");
    CHECK(get_fpscr() & 0x08, "FZ: output flush sets UFC");
    set_fpscr((saved & ~0x9fu) | 1u << 25);                    /* DN */
    CHECK_F(vadd_s(OPAQUE(bfloat(0xffc00123)), OPAQUE(1.0f)), 0x7fc00000, "DN: QNaN operand");
    CHECK_D(OPAQUE(bdouble(0x7ff0000000000001ull)) * OPAQUE(2.0), 0x7ff8000000000000ull,
            "DN: SNaN operand");
    CHECK_D((double)OPAQUE(bfloat(0xffc00001)), 0x7ff8000000000000ull, "DN: conversion");
    CHECK_F(vneg_s(OPAQUE(bfloat(0x7fc00001))), 0xffc00001, "DN: vneg is not arithmetic");
    CHECK_U32(get_fpscr() & 0x00c00000, 0, "DN: RMode left alone");
    set_fpscr(saved & ~0x9fu);
    CHECK_F(vadd_s(OPAQUE(bfloat(0xffc00123)), OPAQUE(1.0f)), 0xffc00123, "DN off again");
    CHECK_U32(get_fpscr() & 0x03000000, 0, "FZ and DN cleared");
    feclearexcept(FE_ALL_EXCEPT);
}

/* ---- text ---- */

static void check_text(void)
{
    char buf[128];
    static const struct { const char *fmt; double v; const char *want; } cases[] = {
        { "%.3f", 3.14159, "3.142" },
        { "%f", 0.0009765625, "0.000977" },
        { "%e", 12345.678, "1.234568e+04" },
        { "%g", 1e-5, "1e-05" },
        { "%g", 123456789.0, "1.23457e+08" },
        { "%.17g", 0.1, "0.10000000000000001" },
        { "%a", 1.0, "0x1p+0" },
        { "%a", -0.75, "-0x1.8p-1" },
        { "%.0f", 1e20, "100000000000000000000" },
        { "%.1f", 0.25, "0.2" },
        { "%.1f", 0.35, "0.3" },
        { "%f", -0.0, "-0.000000" },
        { "%f", INFINITY, "inf" },
        { "%F", -INFINITY, "-INF" },
        { "%.20g", DBL_MAX, "1.7976931348623157081e+308" },
        { "%g", 4.9406564584124654e-324, "4.94066e-324" },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double v = cases[i].v;
        snprintf(buf, sizeof buf, cases[i].fmt, OPAQUE(v));
        CHECK_STR(buf, cases[i].want, cases[i].fmt);
    }
    snprintf(buf, sizeof buf, "%f %f", OPAQUE((double)NAN), -OPAQUE((double)NAN));
    CHECK_STR(buf, "nan -nan", "NaN sign in printf");
    snprintf(buf, sizeof buf, "%.2f|%8.3e|%-6.1f|", OPAQUE(2.675f), OPAQUE(-1.5), OPAQUE(9.96));
    CHECK_STR(buf, "2.67|-1.500e+00|10.0  |", "float formats");

    char *end;
    CHECK_D(strtod("0.1", &end), 0x3fb999999999999aull, "strtod 0.1");
    CHECK(*end == 0, "strtod consumed everything");
    CHECK_D(strtod("-0", NULL), 0x8000000000000000ull, "strtod -0");
    CHECK_D(strtod("4.9406564584124654e-324", NULL), 1, "strtod min denormal");
    CHECK_D(strtod("0x1.8p1", NULL), 0x4008000000000000ull, "strtod hex");
    CHECK_D(strtod("2.2250738585072014e-308", NULL), 0x0010000000000000ull, "strtod DBL_MIN");
    CHECK_D(strtod("9007199254740993", NULL), 0x4340000000000000ull, "2^53 + 1 ties to even");
    CHECK_F(strtof("3.4028235e38", NULL), 0x7f7fffff, "strtof FLT_MAX");
    CHECK_F(strtof("1e-46", NULL), 0, "strtof underflow");
    errno = 0;
    CHECK_D(strtod("1e309", NULL), 0x7ff0000000000000ull, "strtod overflow");
    CHECK(errno == ERANGE, "strtod overflow sets ERANGE");
    CHECK(isnan(strtod("nan", NULL)), "strtod nan");
    CHECK_D(strtod("  -1.5e3xyz", &end), 0xc097700000000000ull, "strtod -1.5e3");
    CHECK_STR(end, "xyz", "strtod stops at the suffix");
    CHECK(atof("6.25") == 6.25, "atof");

    /* %.17g round-trips every double */
    check_seed(777);
    for (int i = 0; i < 200; i++) {
        uint64_t u = check_rand64();
        if (((u >> 52) & 0x7ff) == 0x7ff)
            continue;
        double v = bdouble(u);
        snprintf(buf, sizeof buf, "%.17g", v);
        CHECK(dbits(strtod(buf, NULL)) == u, "round trip of 0x%016llx via %s",
              (unsigned long long)u, buf);
        float f = bfloat((uint32_t)u);
        if (isfinite(f)) {
            snprintf(buf, sizeof buf, "%.9g", f);
            CHECK(fbits(strtof(buf, NULL)) == (uint32_t)u, "float round trip via %s", buf);
        }
    }
    printf("pi ~ %.6f, e ~ %.4e, sqrt(2) ~ %g\n", OPAQUE(3.14159265358979), OPAQUE(2.718281828),
           sqrt(OPAQUE(2.0)));
}

/* A small computation with a known exact answer: the sum of 1/2^k and a Horner evaluation. */
static void check_loops(void)
{
    double s = 0, t = 1;
    for (int k = 1; k <= 50; k++) {
        t *= OPAQUE(0.5);
        s += t;
    }
    CHECK_D(s, 0x3feffffffffffff8ull, "sum of 2^-k, k = 1..50");
    float p = 0;
    static const float coef[] = { 1, -3, 3, -1 };   /* (x - 1)^3 */
    for (int i = 0; i < 4; i++)
        p = p * OPAQUE(5.0f) + coef[i];
    CHECK(p == 64.0f, "Horner (5 - 1)^3");
    double acc = 0;
    for (int i = 1; i <= 1000; i++)
        acc += (double)i;
    CHECK(acc == 500500.0, "sum 1..1000");
}

int main(void)
{
    check_exact_arithmetic();
    check_signed_zero();
    check_multiply_accumulate();
    check_nans();
    check_comparisons();
    check_conversions();
    check_fixed_point();
    check_half();
    check_rounding();
    check_exceptions();
    check_fpscr_modes();
    check_text();
    check_loops();
    return check_summary("float");
}
