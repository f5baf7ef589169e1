/*
 * arith64.c: 64-bit integer arithmetic on a 32-bit guest. Every 64-bit operation becomes a
 * sequence of 32-bit instructions with carries (adds/adc, subs/sbc), long multiplies
 * (umull/umlal) or libgcc helpers (__aeabi_uldivmod, __aeabi_ldivmod), and variable shifts whose
 * amounts cross 32. Results are compared with constants computed with exact big-integer
 * arithmetic and with reference routines that only use 32-bit operations.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

struct Case {
    uint64_t a, b, add, sub, mul, udiv, umod, sdiv, smod;
};

/* Exact results (two's complement, modulo 2^64; signed division truncates toward zero). */
static const struct Case cases[] = {
    {0x123456789abcdef0ull, 0x0fedcba987654321ull, 0x2222222222222211ull, 0x02468acf13579bcfull,
     0x2236d88fe5618cf0ull, 0x0000000000000001ull, 0x02468acf13579bcfull, 0x0000000000000001ull,
     0x02468acf13579bcfull},
    {0xffffffffffffffffull, 0x0000000000000001ull, 0x0000000000000000ull, 0xfffffffffffffffeull,
     0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000000ull, 0xffffffffffffffffull,
     0x0000000000000000ull},
    {0x00000000ffffffffull, 0x00000000ffffffffull, 0x00000001fffffffeull, 0x0000000000000000ull,
     0xfffffffe00000001ull, 0x0000000000000001ull, 0x0000000000000000ull, 0x0000000000000001ull,
     0x0000000000000000ull},
    {0x8000000000000000ull, 0x7fffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000001ull,
     0x8000000000000000ull, 0x0000000000000001ull, 0x0000000000000001ull, 0xffffffffffffffffull,
     0xffffffffffffffffull},
    {0xdeadbeefcafebabeull, 0x00000000000003e8ull, 0xdeadbeefcafebea6ull, 0xdeadbeefcafeb6d6ull,
     0xd6b1d8b0f3097630ull, 0x003901788f4e973aull, 0x000000000000002eull, 0xfff778414387ef4bull,
     0xfffffffffffffdc6ull},
    {0x0000000100000000ull, 0x00000000ffffffffull, 0x00000001ffffffffull, 0x0000000000000001ull,
     0xffffffff00000000ull, 0x0000000000000001ull, 0x0000000000000001ull, 0x0000000000000001ull,
     0x0000000000000001ull},
    {0xfffffffffffffff9ull, 0x0000000000000002ull, 0xfffffffffffffffbull, 0xfffffffffffffff7ull,
     0xfffffffffffffff2ull, 0x7ffffffffffffffcull, 0x0000000000000001ull, 0xfffffffffffffffdull,
     0xffffffffffffffffull},
    {0x7fffffffffffffffull, 0xfffffffffffffffdull, 0x7ffffffffffffffcull, 0x8000000000000002ull,
     0x8000000000000003ull, 0x0000000000000000ull, 0x7fffffffffffffffull, 0xd555555555555556ull,
     0x0000000000000001ull},
    {0x0123456789abcdefull, 0x0000000100000001ull, 0x0123456889abcdf0ull, 0x0123456689abcdeeull,
     0x8acf135689abcdefull, 0x0000000001234567ull, 0x0000000088888888ull, 0x0000000001234567ull,
     0x0000000088888888ull},
    {0x002bdc545d6b4b87ull, 0x000000003ade68b1ull, 0x002bdc549849b438ull, 0x002bdc54228ce2d6ull,
     0x1e28ee7042f01057ull, 0x0000000000bebc1full, 0x00000000343ca218ull, 0x0000000000bebc1full,
     0x00000000343ca218ull},
};

/* noinline wrappers so each operation is really executed on run-time values. */
__attribute__((noinline)) static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
__attribute__((noinline)) static uint64_t op_sub(uint64_t a, uint64_t b) { return a - b; }
__attribute__((noinline)) static uint64_t op_mul(uint64_t a, uint64_t b) { return a * b; }
__attribute__((noinline)) static uint64_t op_udiv(uint64_t a, uint64_t b) { return a / b; }
__attribute__((noinline)) static uint64_t op_umod(uint64_t a, uint64_t b) { return a % b; }
__attribute__((noinline)) static int64_t op_sdiv(int64_t a, int64_t b) { return a / b; }
__attribute__((noinline)) static int64_t op_smod(int64_t a, int64_t b) { return a % b; }
__attribute__((noinline)) static uint64_t op_shl(uint64_t a, unsigned n) { return a << n; }
__attribute__((noinline)) static uint64_t op_shr(uint64_t a, unsigned n) { return a >> n; }
__attribute__((noinline)) static int64_t op_sar(int64_t a, unsigned n) { return a >> n; }
__attribute__((noinline)) static int op_ult(uint64_t a, uint64_t b) { return a < b; }
__attribute__((noinline)) static int op_slt(int64_t a, int64_t b) { return a < b; }
__attribute__((noinline)) static int op_ule(uint64_t a, uint64_t b) { return a <= b; }
__attribute__((noinline)) static int op_sle(int64_t a, int64_t b) { return a <= b; }
__attribute__((noinline)) static int op_eq(uint64_t a, uint64_t b) { return a == b; }

static uint32_t lo32(uint64_t x) { return (uint32_t)x; }
static uint32_t hi32(uint64_t x) { return (uint32_t)(x >> 32); }
static uint64_t make64(uint32_t hi, uint32_t lo) { return ((uint64_t)hi << 32) | lo; }

/* Addition from 32-bit halves with an explicit carry. */
static uint64_t ref_add(uint64_t a, uint64_t b)
{
    uint32_t lo = lo32(a) + lo32(b);
    uint32_t carry = lo < lo32(a);
    return make64(hi32(a) + hi32(b) + carry, lo);
}

static uint64_t ref_sub(uint64_t a, uint64_t b)
{
    uint32_t lo = lo32(a) - lo32(b);
    uint32_t borrow = lo32(a) < lo32(b);
    return make64(hi32(a) - hi32(b) - borrow, lo);
}

/* Schoolbook multiplication on 16-bit limbs: only 32-bit multiplies, never a long multiply. */
static uint64_t ref_mul(uint64_t a, uint64_t b)
{
    uint32_t x[4], y[4], acc[8] = {0};
    for (int i = 0; i < 4; i++) {
        x[i] = (uint32_t)(a >> (16 * i)) & 0xffff;
        y[i] = (uint32_t)(b >> (16 * i)) & 0xffff;
    }
    for (int i = 0; i < 4; i++) {
        for (int j = 0; i + j < 4; j++) {
            uint32_t p = x[i] * y[j];
            int k = i + j;
            acc[k] += p & 0xffff;
            acc[k + 1] += p >> 16;
        }
    }
    uint32_t carry = 0, limb[4];
    for (int k = 0; k < 4; k++) {
        uint32_t v = acc[k] + carry;
        limb[k] = v & 0xffff;
        carry = v >> 16;
    }
    return make64((limb[3] << 16) | limb[2], (limb[1] << 16) | limb[0]);
}

/* Restoring binary long division. */
static void ref_udivmod(uint64_t n, uint64_t d, uint64_t *q, uint64_t *r)
{
    uint64_t quo = 0, rem = 0;
    for (int i = 63; i >= 0; i--) {
        uint64_t top = rem >> 63;
        rem = (rem << 1) | ((n >> i) & 1);
        if (top || rem >= d) {
            rem -= d;
            quo |= 1ull << i;
        }
    }
    *q = quo;
    *r = rem;
}

static uint64_t uabs64(int64_t x) { return x < 0 ? 0 - (uint64_t)x : (uint64_t)x; }

/* Signed division through the unsigned one: quotient truncates, remainder takes n's sign. */
static void ref_sdivmod(int64_t n, int64_t d, int64_t *q, int64_t *r)
{
    uint64_t uq, ur;
    ref_udivmod(uabs64(n), uabs64(d), &uq, &ur);
    *q = (int64_t)(((n < 0) != (d < 0)) ? 0 - uq : uq);
    *r = (int64_t)(n < 0 ? 0 - ur : ur);
}

static uint64_t ref_shl(uint64_t x, unsigned n)
{
    while (n--)
        x = x + x;
    return x;
}

static uint64_t ref_shr(uint64_t x, unsigned n)
{
    uint32_t hi = hi32(x), lo = lo32(x);
    while (n--) {
        lo = (lo >> 1) | (hi << 31);
        hi >>= 1;
    }
    return make64(hi, lo);
}

static int64_t ref_sar(int64_t x, unsigned n)
{
    uint64_t u = ref_shr((uint64_t)x, n);
    if (x < 0 && n > 0)
        u |= ~ref_shr(~0ull, n);
    return (int64_t)u;
}

static int ref_ult(uint64_t a, uint64_t b)
{
    return hi32(a) < hi32(b) || (hi32(a) == hi32(b) && lo32(a) < lo32(b));
}

static int ref_slt(int64_t a, int64_t b)
{
    /* Flipping the sign bit maps signed order onto unsigned order. */
    return ref_ult((uint64_t)a ^ (1ull << 63), (uint64_t)b ^ (1ull << 63));
}

static void check_table(void)
{
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct Case *c = &cases[i];
        char what[32];
        snprintf(what, sizeof what, "case %u add", i);
        CHECK_U64(op_add(c->a, c->b), c->add, what);
        snprintf(what, sizeof what, "case %u sub", i);
        CHECK_U64(op_sub(c->a, c->b), c->sub, what);
        snprintf(what, sizeof what, "case %u mul", i);
        CHECK_U64(op_mul(c->a, c->b), c->mul, what);
        snprintf(what, sizeof what, "case %u udiv", i);
        CHECK_U64(op_udiv(c->a, c->b), c->udiv, what);
        snprintf(what, sizeof what, "case %u umod", i);
        CHECK_U64(op_umod(c->a, c->b), c->umod, what);
        snprintf(what, sizeof what, "case %u sdiv", i);
        CHECK_U64(op_sdiv((int64_t)c->a, (int64_t)c->b), c->sdiv, what);
        snprintf(what, sizeof what, "case %u smod", i);
        CHECK_U64(op_smod((int64_t)c->a, (int64_t)c->b), c->smod, what);
    }
}

static void check_edges(void)
{
    CHECK_U64(op_add(UINT64_MAX, 1), 0, "UINT64_MAX + 1");
    CHECK_U64(op_add(0xffffffffull, 1), 0x100000000ull, "carry into high word");
    CHECK_U64(op_sub(0x100000000ull, 1), 0xffffffffull, "borrow from high word");
    CHECK_U64(op_sub(0, 1), UINT64_MAX, "0 - 1");
    CHECK_U64(op_add((uint64_t)INT64_MAX, 1), (uint64_t)INT64_MIN, "INT64_MAX + 1 wraps");
    CHECK_U64(op_mul(0xffffffffull, 0xffffffffull), 0xfffffffe00000001ull, "(2^32-1)^2");
    CHECK_U64(op_mul(UINT64_MAX, UINT64_MAX), 1, "(-1)*(-1)");
    CHECK_U64(op_mul(1ull << 32, 1ull << 32), 0, "2^32 * 2^32 overflows to 0");
    CHECK_U64(op_udiv(UINT64_MAX, 3), 0x5555555555555555ull, "UINT64_MAX / 3");
    CHECK_U64(op_udiv(UINT64_MAX, 10), 1844674407370955161ull, "UINT64_MAX / 10");
    CHECK_U64(op_umod(UINT64_MAX, 10), 5, "UINT64_MAX % 10");
    CHECK_U64(op_udiv(UINT64_MAX, UINT64_MAX), 1, "UINT64_MAX / UINT64_MAX");
    CHECK_U64(op_udiv(5, UINT64_MAX), 0, "5 / UINT64_MAX");
    CHECK_U64(op_sdiv(INT64_MIN, 1), (uint64_t)INT64_MIN, "INT64_MIN / 1");
    CHECK_U64(op_sdiv(INT64_MIN, 2), (uint64_t)-(1ll << 62), "INT64_MIN / 2");
    CHECK_U64(op_sdiv(INT64_MIN, INT64_MAX), (uint64_t)-1ll, "INT64_MIN / INT64_MAX");
    CHECK_U64(op_smod(INT64_MIN, INT64_MAX), (uint64_t)-1ll, "INT64_MIN % INT64_MAX");
    CHECK_U64(op_sdiv(INT64_MAX, -1), (uint64_t)-INT64_MAX, "INT64_MAX / -1");
    CHECK_U64(op_sdiv(-7, 2), (uint64_t)-3ll, "-7 / 2");
    CHECK_U64(op_smod(-7, 2), (uint64_t)-1ll, "-7 % 2");
    CHECK_U64(op_sdiv(7, -2), (uint64_t)-3ll, "7 / -2");
    CHECK_U64(op_smod(7, -2), 1, "7 % -2");
    CHECK_U64(op_sdiv(-7, -2), 3, "-7 / -2");
    CHECK_U64(op_smod(-7, -2), (uint64_t)-1ll, "-7 % -2");
    CHECK_U64(op_shl(1, 63), 1ull << 63, "1 << 63");
    CHECK_U64(op_shl(0x80000000ull, 1), 0x100000000ull, "shift across the word boundary");
    CHECK_U64(op_shr(0x100000000ull, 1), 0x80000000ull, "right shift across the word boundary");
    CHECK_U64(op_sar(INT64_MIN, 63), UINT64_MAX, "INT64_MIN >> 63");
    CHECK_U64(op_sar(INT64_MIN, 32), 0xffffffff80000000ull, "INT64_MIN >> 32");
    CHECK_U64(op_sar(-2, 1), UINT64_MAX, "-2 >> 1");
    CHECK_U64(op_shr(UINT64_MAX, 32), 0xffffffffull, "UINT64_MAX >> 32");
    CHECK(op_slt(-1, 0) && !op_ult((uint64_t)-1ll, 0), "-1 < 0 signed but not unsigned");
    CHECK(op_slt(INT64_MIN, INT64_MAX), "INT64_MIN < INT64_MAX");
    CHECK(!op_slt(0x100000000ll, 0xffffffffll), "high word decides the comparison");
    CHECK(op_ult(0xffffffffull, 0x100000000ull), "0xffffffff < 2^32");

    /* Conversions between widths. */
    volatile int32_t m5 = -5;
    volatile uint32_t big = 0xfffffffbu;
    CHECK_U64((int64_t)m5, 0xfffffffffffffffbull, "sign extension of int32 -5");
    CHECK_U64((uint64_t)big, 0xfffffffbull, "zero extension of uint32");
    volatile int64_t wide = 0x123456789ll;
    CHECK_U32((int32_t)wide, 0x23456789u, "truncation to int32");
}

static uint64_t interesting(int i)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 7, 10, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
        0xffffffff, 0x100000000ull, 0x100000001ull, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0x8000000000000001ull, 0xfffffffffffffffeull, UINT64_MAX,
        0x00000000deadbeefull, 0xdeadbeef00000000ull, 0x5555555555555555ull,
    };
    int n = sizeof v / sizeof v[0];
    return i < n ? v[i] : check_rand64() >> (check_rand() % 64);
}

static void check_random(void)
{
    for (int i = 0; i < 4000; i++) {
        uint64_t a = interesting(i % 60), b = interesting((i * 7 + 3) % 50);
        if (i >= 1500) {
            a = check_rand64() >> (check_rand() % 64);
            b = check_rand64() >> (check_rand() % 64);
        }
        CHECK_U64(op_add(a, b), ref_add(a, b), "add");
        CHECK_U64(op_sub(a, b), ref_sub(a, b), "sub");
        CHECK_U64(op_sub(op_add(a, b), b), a, "(a+b)-b");
        CHECK_U64(op_mul(a, b), ref_mul(a, b), "mul");
        CHECK(op_ult(a, b) == ref_ult(a, b), "ult %llx %llx", (unsigned long long)a,
              (unsigned long long)b);
        CHECK(op_slt((int64_t)a, (int64_t)b) == ref_slt((int64_t)a, (int64_t)b),
              "slt %llx %llx", (unsigned long long)a, (unsigned long long)b);
        CHECK(op_ule(a, b) == !ref_ult(b, a), "ule");
        CHECK(op_sle((int64_t)a, (int64_t)b) == !ref_slt((int64_t)b, (int64_t)a), "sle");
        CHECK(op_eq(a, b) == (ref_sub(a, b) == 0), "eq");
        if (b != 0) {
            uint64_t q, r;
            ref_udivmod(a, b, &q, &r);
            CHECK_U64(op_udiv(a, b), q, "udiv");
            CHECK_U64(op_umod(a, b), r, "umod");
            CHECK(r < b, "remainder below divisor");
            CHECK_U64(ref_add(ref_mul(q, b), r), a, "q*d+r == n");
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            if (!(sa == INT64_MIN && sb == -1)) {
                int64_t sq, sr;
                ref_sdivmod(sa, sb, &sq, &sr);
                CHECK_U64(op_sdiv(sa, sb), sq, "sdiv");
                CHECK_U64(op_smod(sa, sb), sr, "smod");
                CHECK(sr == 0 || (sr < 0) == (sa < 0), "remainder takes the dividend's sign");
            }
        }
        unsigned n = check_rand() % 64;
        CHECK_U64(op_shl(a, n), ref_shl(a, n), "shl");
        CHECK_U64(op_shr(a, n), ref_shr(a, n), "shr");
        CHECK_U64(op_sar((int64_t)a, n), ref_sar((int64_t)a, n), "sar");
    }
    /* Every shift amount, on values with set bits in both words. */
    for (unsigned n = 0; n < 64; n++) {
        uint64_t x = 0x8123456789abcdefull;
        CHECK_U64(op_shl(x, n), ref_shl(x, n), "shl all amounts");
        CHECK_U64(op_shr(x, n), ref_shr(x, n), "shr all amounts");
        CHECK_U64(op_sar((int64_t)x, n), ref_sar((int64_t)x, n), "sar all amounts");
        CHECK_U64(op_sar(0x7123456789abcdefll, n), ref_sar(0x7123456789abcdefll, n), "sar positive");
        CHECK_U64(op_shl(1, n), ref_shl(1, n), "1 << n");
    }
}

/* Accumulating loops: the compiler keeps 64-bit values in register pairs across iterations. */
static void check_loops(void)
{
    uint64_t sum = 0, fact = 1, fib_a = 0, fib_b = 1;
    for (uint32_t i = 1; i <= 100000; i++)
        sum += (uint64_t)i * i;
    /* sum of squares n(n+1)(2n+1)/6 */
    CHECK_U64(sum, 333338333350000ull, "sum of squares to 1e5");
    for (uint32_t i = 1; i <= 20; i++)
        fact *= OPAQUE(i);
    CHECK_U64(fact, 2432902008176640000ull, "20!");
    for (int i = 0; i < 90; i++) {
        uint64_t t = fib_a + fib_b;
        fib_a = fib_b;
        fib_b = t;
    }
    CHECK_U64(fib_a, 2880067194370816120ull, "fib(90)");
    int64_t alt = 0;
    for (int64_t i = 1; i <= 1000000; i++)
        alt += (i & 1) ? -i : i;
    CHECK_U64(alt, 500000, "alternating sum");
}

int main(void)
{
    check_table();
    check_edges();
    check_random();
    check_loops();
    return check_summary("arith64");
}
