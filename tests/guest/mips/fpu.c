/*
 * The MIPS FPU as o32 programs use it (FR=0, legacy NaNs): C.cond.fmt on
 * all 16 conditions and several condition codes, BC1T/BC1F (likely too),
 * MOVT/MOVF (GPR and FP forms), MOVN.fmt/MOVZ.fmt, the multiply-add family,
 * ROUND/TRUNC/CEIL/FLOOR/CVT.W under every rounding mode, the default NaN
 * and out-of-range conversion results, FCSR flags and rounding modes
 * through fenv, indexed loads and stores, MFHC1/MTHC1.  Exits 0 when every
 * check passes; the values it prints are compared with qemu's by the
 * differential test.
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../arm/check.h"

#define NOINLINE __attribute__((noinline))

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static float bfloat(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* ---- compares ---- */

/* One C.cond.s per condition into $fcc0, read back with BC1T. */
#define CMP_S(cond)                                                                      \
    NOINLINE static int cmp_s_##cond(float a, float b)                                   \
    {                                                                                    \
        int r;                                                                           \
        __asm__(".set push\n\t.set noreorder\n\t"                                        \
                "c." #cond ".s %1, %2\n\t"                                               \
                "li %0, 1\n\t"                                                           \
                "bc1t 1f\n\t"                                                            \
                "nop\n\t"                                                                \
                "li %0, 0\n"                                                             \
                "1:\n\t.set pop"                                                         \
                : "=&r"(r) : "f"(a), "f"(b));                                            \
        return r;                                                                        \
    }
CMP_S(f) CMP_S(un) CMP_S(eq) CMP_S(ueq) CMP_S(olt) CMP_S(ult) CMP_S(ole) CMP_S(ule)
CMP_S(sf) CMP_S(ngle) CMP_S(seq) CMP_S(ngl) CMP_S(lt) CMP_S(nge) CMP_S(le) CMP_S(ngt)

static int (*const cmp_s[16])(float, float) = {
    cmp_s_f, cmp_s_un, cmp_s_eq, cmp_s_ueq, cmp_s_olt, cmp_s_ult, cmp_s_ole, cmp_s_ule,
    cmp_s_sf, cmp_s_ngle, cmp_s_seq, cmp_s_ngl, cmp_s_lt, cmp_s_nge, cmp_s_le, cmp_s_ngt,
};

/* The same through $fcc5 on doubles, read with MOVT into a GPR. */
#define CMP_D(cond)                                                                      \
    NOINLINE static int cmp_d_##cond(double a, double b)                                 \
    {                                                                                    \
        int r = 0;                                                                       \
        __asm__("c." #cond ".d $fcc5, %1, %2\n\t"                                        \
                "movt %0, %3, $fcc5"                                                     \
                : "+r"(r) : "f"(a), "f"(b), "r"(1));                                     \
        return r;                                                                        \
    }
CMP_D(f) CMP_D(un) CMP_D(eq) CMP_D(ueq) CMP_D(olt) CMP_D(ult) CMP_D(ole) CMP_D(ule)
CMP_D(sf) CMP_D(ngle) CMP_D(seq) CMP_D(ngl) CMP_D(lt) CMP_D(nge) CMP_D(le) CMP_D(ngt)

static int (*const cmp_d[16])(double, double) = {
    cmp_d_f, cmp_d_un, cmp_d_eq, cmp_d_ueq, cmp_d_olt, cmp_d_ult, cmp_d_ole, cmp_d_ule,
    cmp_d_sf, cmp_d_ngle, cmp_d_seq, cmp_d_ngl, cmp_d_lt, cmp_d_nge, cmp_d_le, cmp_d_ngt,
};

/* The predicate of condition c for a relation: bit 0 unordered, 1 equal,
 * 2 less than. */
static int expect_cond(int c, double a, double b)
{
    if (isnan(a) || isnan(b))
        return c & 1;
    if (a == b)
        return (c >> 1) & 1;
    if (a < b)
        return (c >> 2) & 1;
    return 0;
}

NOINLINE static int bc1fl_count(double a, double b)
{
    int r = 0;
    __asm__(".set push\n\t.set noreorder\n\t"
            "c.eq.d $fcc2, %1, %2\n\t"
            "bc1fl $fcc2, 1f\n\t"
            "addiu %0, %0, 1\n\t"      /* only when not equal */
            "addiu %0, %0, 10\n"
            "1:\n\t.set pop"
            : "+r"(r) : "f"(a), "f"(b));
    return r;
}

static void check_compares(void)
{
    static const double vals[] = { 1.0, 2.0, -0.0, 0.0, INFINITY, NAN };
    for (int c = 0; c < 16; c++) {
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double a = vals[i], b = vals[j];
                int want = expect_cond(c, a, b);
                feclearexcept(FE_ALL_EXCEPT);
                int got = cmp_s[c]((float)a, (float)b);
                CHECK(got == want, "c.%d.s(%g, %g) = %d", c, a, b, got);
                got = cmp_d[c](a, b);
                CHECK(got == want, "c.%d.d(%g, %g) = %d", c, a, b, got);
            }
        }
    }
    CHECK(bc1fl_count(1.0, 1.0) == 10, "bc1fl falls through on equal");
    CHECK(bc1fl_count(1.0, 2.0) == 1, "bc1fl taken runs the slot only");
}

/* ---- moves ---- */

NOINLINE static double movt_d(double a, double b, double x, double y)
{
    double r = x;
    __asm__("c.lt.d $fcc1, %1, %2\n\tmovt.d %0, %3, $fcc1" : "+f"(r) : "f"(a), "f"(b), "f"(y));
    return r;
}

NOINLINE static float movn_s(float x, float y, int sel)
{
    float r = x;
    __asm__("movn.s %0, %1, %2" : "+f"(r) : "f"(y), "r"(sel));
    return r;
}

NOINLINE static float movz_s(float x, float y, int sel)
{
    float r = x;
    __asm__("movz.s %0, %1, %2" : "+f"(r) : "f"(y), "r"(sel));
    return r;
}

NOINLINE static uint32_t hc1(double d)
{
    uint32_t hi;
    __asm__("mfhc1 %0, %1" : "=r"(hi) : "f"(d));
    return hi;
}

NOINLINE static double set_hc1(double d, uint32_t hi)
{
    __asm__("mthc1 %1, %0" : "+f"(d) : "r"(hi));
    return d;
}

NOINLINE static double indexed(double *base, int idx, double v)
{
    double r;
    __asm__("sdxc1 %2, %3(%1)\n\tldxc1 %0, %3(%1)"
            : "=f"(r) : "r"(base), "f"(v), "r"(idx * 8) : "memory");
    return r;
}

static void check_moves(void)
{
    CHECK(movt_d(1.0, 2.0, 5.0, 6.0) == 6.0, "movt.d taken");
    CHECK(movt_d(3.0, 2.0, 5.0, 6.0) == 5.0, "movt.d not taken");
    CHECK(movn_s(1.0f, 2.0f, 1) == 2.0f && movn_s(1.0f, 2.0f, 0) == 1.0f, "movn.s");
    CHECK(movz_s(1.0f, 2.0f, 0) == 2.0f && movz_s(1.0f, 2.0f, 3) == 1.0f, "movz.s");
    CHECK(hc1(1.0) == 0x3ff00000u, "mfhc1: %08x", hc1(1.0));
    CHECK(set_hc1(1.0, 0x40000000u) == 2.0, "mthc1");
    double buf[4] = { 0 };
    CHECK(indexed(buf, 2, 7.25) == 7.25 && buf[2] == 7.25, "ldxc1/sdxc1");
}

/* ---- arithmetic ---- */

NOINLINE static double madd_d(double r, double s, double t, int which)
{
    double d;
    switch (which) {
    case 0: __asm__("madd.d %0, %1, %2, %3" : "=f"(d) : "f"(r), "f"(s), "f"(t)); break;
    case 1: __asm__("msub.d %0, %1, %2, %3" : "=f"(d) : "f"(r), "f"(s), "f"(t)); break;
    case 2: __asm__("nmadd.d %0, %1, %2, %3" : "=f"(d) : "f"(r), "f"(s), "f"(t)); break;
    default: __asm__("nmsub.d %0, %1, %2, %3" : "=f"(d) : "f"(r), "f"(s), "f"(t)); break;
    }
    return d;
}

NOINLINE static float madd_s(float r, float s, float t)
{
    float d;
    __asm__("madd.s %0, %1, %2, %3" : "=f"(d) : "f"(r), "f"(s), "f"(t));
    return d;
}

static volatile double vzero = 0.0, vone = 1.0, vthree = 3.0;

static void check_arith(void)
{
    CHECK(madd_d(1.0, 2.0, 3.0, 0) == 7.0, "madd.d");
    CHECK(madd_d(1.0, 2.0, 3.0, 1) == 5.0, "msub.d");
    CHECK(madd_d(1.0, 2.0, 3.0, 2) == -7.0, "nmadd.d");
    CHECK(madd_d(1.0, 2.0, 3.0, 3) == -5.0, "nmsub.d");
    CHECK(madd_s(0.5f, 4.0f, 0.25f) == 1.5f, "madd.s");
    /* the product is rounded before the add (MIPS32r2 MADD is not fused) */
    double e = 0x1p-30;
    printf("madd rounding: %016llx\n",
           (unsigned long long)dbits(madd_d(-1.0, 1.0 + e, 1.0 - e, 0)));
    CHECK(vone / vthree == 0x1.5555555555555p-2, "1/3");
    /* legacy NaNs: every invalid result is the default NaN */
    uint64_t n = dbits(vzero / vzero);
    CHECK(n == 0x7ff7ffffffffffffull, "0/0 is the default NaN: %016llx", (unsigned long long)n);
    uint32_t ns = fbits((float)vzero / (float)vzero);
    CHECK(ns == 0x7fbfffffu, "0/0 single: %08x", ns);
    CHECK(dbits(sqrt(-vone)) == 0x7ff7ffffffffffffull, "sqrt(-1)");
    printf("nan + 1: %016llx\n", (unsigned long long)dbits(NAN + vone));
    printf("-nan: %08x\n", fbits(-bfloat(0x7fbfffffu)));
    printf("nan to float: %08x\n", fbits((float)(vzero / vzero)));
    printf("nan to double: %016llx\n", (unsigned long long)dbits((double)bfloat(0x7f800001u)));
}

/* ---- conversions ---- */

#define CVT_PAIR(op)                                                                     \
    NOINLINE static int32_t op##_w_s(float x)                                             \
    {                                                                                    \
        float r;                                                                         \
        int32_t v;                                                                       \
        __asm__(#op ".w.s %0, %1" : "=f"(r) : "f"(x));                                   \
        memcpy(&v, &r, 4);                                                               \
        return v;                                                                        \
    }                                                                                    \
    NOINLINE static int32_t op##_w_d(double x)                                            \
    {                                                                                    \
        float r;                                                                         \
        int32_t v;                                                                       \
        __asm__(#op ".w.d %0, %1" : "=f"(r) : "f"(x));                                   \
        memcpy(&v, &r, 4);                                                               \
        return v;                                                                        \
    }
CVT_PAIR(round) CVT_PAIR(trunc) CVT_PAIR(ceil) CVT_PAIR(floor) CVT_PAIR(cvt)

static void check_conversions(void)
{
    static const double vals[] = { 2.5, -2.5, 1.5, -1.5, 3.7, -3.7, 0.5, -0.5, 1e10, -1e10,
                                   2147483647.0, -2147483648.0, 2147483648.0, NAN, INFINITY };
    static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    for (int i = 0; i < (int)(sizeof(vals) / sizeof(vals[0])); i++) {
        double x = vals[i];
        printf("%g: round %d %d trunc %d %d ceil %d %d floor %d %d\n", x, round_w_s((float)x),
               round_w_d(x), trunc_w_s((float)x), trunc_w_d(x), ceil_w_s((float)x), ceil_w_d(x),
               floor_w_s((float)x), floor_w_d(x));
        for (int m = 0; m < 4; m++) {
            fesetround(modes[m]);
            printf("  mode %d: cvt.w %d %d\n", m, cvt_w_s((float)x), cvt_w_d(x));
        }
        fesetround(FE_TONEAREST);
    }
    CHECK(round_w_d(2.5) == 2 && round_w_d(-2.5) == -2 && round_w_d(3.5) == 4, "round.w ties");
    CHECK(trunc_w_d(-3.7) == -3 && ceil_w_d(-3.7) == -3 && floor_w_d(-3.7) == -4, "directed");
    CHECK(trunc_w_d(1e10) == 0x7fffffff && trunc_w_d(-1e10) == 0x7fffffff,
          "out of range gives 2^31-1 (legacy)");
    CHECK(trunc_w_d(NAN) == 0x7fffffff, "NaN gives 2^31-1 (legacy)");
}

/* ---- FCSR through fenv ---- */

static void check_fenv(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = vone / vzero;
    CHECK(isinf(r) && fetestexcept(FE_DIVBYZERO), "divide by zero flag");
    feclearexcept(FE_ALL_EXCEPT);
    r = vone / vthree;
    CHECK(fetestexcept(FE_INEXACT) && !fetestexcept(FE_DIVBYZERO), "inexact flag only");
    feclearexcept(FE_ALL_EXCEPT);
    r = 1e308 * (vthree * 1e10);
    CHECK(fetestexcept(FE_OVERFLOW), "overflow flag");
    feclearexcept(FE_ALL_EXCEPT);
    r = vzero / vzero;
    CHECK(fetestexcept(FE_INVALID), "invalid flag");
    feclearexcept(FE_ALL_EXCEPT);
    CHECK(!fetestexcept(FE_ALL_EXCEPT), "flags cleared");

    fesetround(FE_UPWARD);
    CHECK(fegetround() == FE_UPWARD, "fegetround");
    volatile double up = vone / vthree;
    fesetround(FE_DOWNWARD);
    volatile double down = vone / vthree;
    fesetround(FE_TONEAREST);
    CHECK(dbits(up) == dbits(down) + 1, "rounding modes change 1/3: %016llx %016llx",
          (unsigned long long)dbits(up), (unsigned long long)dbits(down));
    uint32_t fcsr;
    __asm__ volatile("cfc1 %0, $31" : "=r"(fcsr));
    printf("fcsr: %08x\n", fcsr & ~0x0003f07cu);
}

int main(void)
{
    check_compares();
    check_moves();
    check_arith();
    check_conversions();
    check_fenv();
    return check_summary("fpu");
}
