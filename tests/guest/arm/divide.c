/*
 * divide.c: 32-bit signed and unsigned division and modulo. Built for plain ARMv7-A (division
 * goes through libgcc's __aeabi_idiv/__aeabi_uidiv family) and for Cortex-A15 (SDIV/UDIV
 * instructions), in ARM and Thumb. Division by constants compiles to multiply-high sequences
 * (UMULL/SMMUL), so those are checked too. Every quotient and remainder is checked against a
 * shift-and-subtract long division and against the identities q*d + r == n, |r| < |d| and
 * "the remainder has the sign of the dividend".
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#ifdef __arm__
/* The run-time ABI entry points, called directly so both variants exercise libgcc. */
int __aeabi_idiv(int n, int d);
unsigned __aeabi_uidiv(unsigned n, unsigned d);
#define lib_idiv __aeabi_idiv
#define lib_uidiv __aeabi_uidiv
#else
/* Guests that divide in hardware (MIPS): the instruction once more. */
#define lib_idiv op_sdiv
#define lib_uidiv op_udiv
#endif

__attribute__((noinline)) static uint32_t op_udiv(uint32_t n, uint32_t d) { return n / d; }
__attribute__((noinline)) static uint32_t op_umod(uint32_t n, uint32_t d) { return n % d; }
__attribute__((noinline)) static int32_t op_sdiv(int32_t n, int32_t d) { return n / d; }
__attribute__((noinline)) static int32_t op_smod(int32_t n, int32_t d) { return n % d; }

static void ref_udivmod(uint32_t n, uint32_t d, uint32_t *q, uint32_t *r)
{
    uint32_t quo = 0, rem = 0;
    for (int i = 31; i >= 0; i--) {
        uint32_t top = rem >> 31;
        rem = (rem << 1) | ((n >> i) & 1);
        if (top || rem >= d) {
            rem -= d;
            quo |= 1u << i;
        }
    }
    *q = quo;
    *r = rem;
}

static uint32_t uabs32(int32_t x) { return x < 0 ? 0u - (uint32_t)x : (uint32_t)x; }

static void ref_sdivmod(int32_t n, int32_t d, int32_t *q, int32_t *r)
{
    uint32_t uq, ur;
    ref_udivmod(uabs32(n), uabs32(d), &uq, &ur);
    *q = (int32_t)(((n < 0) != (d < 0)) ? 0u - uq : uq);
    *r = (int32_t)(n < 0 ? 0u - ur : ur);
}

static void check_unsigned(uint32_t n, uint32_t d)
{
    uint32_t q = op_udiv(n, d), r = op_umod(n, d), rq, rr;
    ref_udivmod(n, d, &rq, &rr);
    CHECK(q == rq && r == rr, "%u / %u: got q=%u r=%u want q=%u r=%u", n, d, q, r, rq, rr);
    CHECK(q * d + r == n, "%u / %u: q*d+r != n", n, d);
    CHECK(r < d, "%u %% %u: remainder %u not below divisor", n, d, r);
    CHECK(lib_uidiv(n, d) == rq, "__aeabi_uidiv(%u, %u) = %u", n, d, lib_uidiv(n, d));
}

static void check_signed(int32_t n, int32_t d)
{
    if (n == INT_MIN && d == -1)
        return; /* undefined in C; checked separately at the instruction level */
    int32_t q = op_sdiv(n, d), r = op_smod(n, d), rq, rr;
    ref_sdivmod(n, d, &rq, &rr);
    CHECK(q == rq && r == rr, "%d / %d: got q=%d r=%d want q=%d r=%d", n, d, q, r, rq, rr);
    CHECK((uint32_t)q * (uint32_t)d + (uint32_t)r == (uint32_t)n, "%d / %d: q*d+r != n", n, d);
    CHECK(uabs32(r) < uabs32(d), "%d %% %d: |r| not below |d|", n, d);
    CHECK(r == 0 || (r < 0) == (n < 0), "%d %% %d: remainder sign", n, d);
    CHECK(uabs32(q) <= uabs32(n), "%d / %d: quotient larger than dividend", n, d);
    CHECK(lib_idiv(n, d) == rq, "__aeabi_idiv(%d, %d)", n, d);
}

static const uint32_t edge_values[] = {
    0, 1, 2, 3, 5, 7, 9, 10, 11, 13, 100, 127, 128, 255, 256, 1000, 4095, 4096, 65535, 65536,
    0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xaaaaaaaa,
    0x55555555, 0xdeadbeef, 0x12345678, 0xfffffff9, 0xffff0000, 1000000007, 3000000000u,
};
#define N_EDGES (sizeof edge_values / sizeof edge_values[0])

static void check_many_divisors(void)
{
    /* Small divisors, a spread of larger ones, powers of two and their neighbours. */
    uint32_t divisors[1200];
    int nd = 0;
    for (uint32_t d = 1; d <= 700; d++)
        divisors[nd++] = d;
    for (uint32_t d = 701; d < 100000; d = d * 11 / 10 + 3)
        divisors[nd++] = d;
    for (int k = 1; k < 32; k++) {
        divisors[nd++] = 1u << k;
        divisors[nd++] = (1u << k) - 1;
        divisors[nd++] = (1u << k) + 1;
    }
    for (unsigned i = 0; i < N_EDGES; i++)
        if (edge_values[i])
            divisors[nd++] = edge_values[i];

    for (int i = 0; i < nd; i++) {
        uint32_t d = divisors[i];
        for (unsigned j = 0; j < N_EDGES; j++) {
            check_unsigned(edge_values[j], d);
            check_signed((int32_t)edge_values[j], (int32_t)d);
            check_signed((int32_t)edge_values[j], -(int32_t)d);
        }
        for (int j = 0; j < 8; j++) {
            uint32_t n = check_rand();
            check_unsigned(n, d);
            check_signed((int32_t)n, (int32_t)d);
            check_signed((int32_t)n, -(int32_t)d);
        }
    }
    for (int i = 0; i < 10000; i++) {
        uint32_t n = check_rand() >> (check_rand() % 32);
        uint32_t d = check_rand() >> (check_rand() % 32);
        if (d == 0)
            d = 1;
        check_unsigned(n, d);
        check_signed((int32_t)n, (int32_t)d);
    }
}

/* Division by constants: the compiler replaces these with multiply-high and shifts. */
#define CONST_UDIV(n, K)                                                        \
    do {                                                                        \
        uint32_t q_, r_;                                                        \
        ref_udivmod((n), (K), &q_, &r_);                                        \
        CHECK((n) / (K) == q_ && (n) % (K) == r_, "%u / %u constant", (n), (K)); \
    } while (0)
#define CONST_SDIV(n, K)                                                        \
    do {                                                                        \
        int32_t q_, r_;                                                         \
        ref_sdivmod((n), (K), &q_, &r_);                                        \
        CHECK((n) / (K) == q_ && (n) % (K) == r_, "%d / %d constant", (n), (K)); \
    } while (0)

static void check_constant_divisors(void)
{
    for (int i = 0; i < 8000; i++) {
        uint32_t u = i < (int)N_EDGES ? edge_values[i] : check_rand() >> (i % 32);
        int32_t s = (int32_t)u;
        CONST_UDIV(u, 2u);
        CONST_UDIV(u, 3u);
        CONST_UDIV(u, 5u);
        CONST_UDIV(u, 7u);
        CONST_UDIV(u, 10u);
        CONST_UDIV(u, 60u);
        CONST_UDIV(u, 1000u);
        CONST_UDIV(u, 1000000000u);
        CONST_UDIV(u, 0x80000001u);
        CONST_SDIV(s, 2);
        CONST_SDIV(s, 3);
        CONST_SDIV(s, 7);
        CONST_SDIV(s, 10);
        CONST_SDIV(s, -3);
        CONST_SDIV(s, -10);
        CONST_SDIV(s, 16);
        CONST_SDIV(s, 1000);
        if (s != INT_MIN)
            CONST_SDIV(s, -1);
    }
}

static void check_fixed(void)
{
    CHECK(op_sdiv(-7, 2) == -3 && op_smod(-7, 2) == -1, "-7 / 2");
    CHECK(op_sdiv(7, -2) == -3 && op_smod(7, -2) == 1, "7 / -2");
    CHECK(op_sdiv(-7, -2) == 3 && op_smod(-7, -2) == -1, "-7 / -2");
    CHECK(op_sdiv(INT_MIN, 1) == INT_MIN, "INT_MIN / 1");
    CHECK(op_sdiv(INT_MIN, 2) == -(1 << 30), "INT_MIN / 2");
    CHECK(op_sdiv(INT_MIN, INT_MAX) == -1 && op_smod(INT_MIN, INT_MAX) == -1, "INT_MIN / INT_MAX");
    CHECK(op_sdiv(INT_MAX, INT_MIN) == 0 && op_smod(INT_MAX, INT_MIN) == INT_MAX, "INT_MAX / INT_MIN");
    CHECK(op_udiv(0xffffffffu, 1) == 0xffffffffu, "UINT_MAX / 1");
    CHECK(op_udiv(0xffffffffu, 0xffffffffu) == 1, "UINT_MAX / UINT_MAX");
    CHECK(op_udiv(0xffffffffu, 10) == 429496729u && op_umod(0xffffffffu, 10) == 5, "UINT_MAX / 10");
    CHECK(op_udiv(0x80000000u, 0xffffffffu) == 0, "2^31 / UINT_MAX");
    /* libgcc: the most negative quotient wraps back to INT_MIN, as the instruction does. */
    CHECK(lib_idiv(OPAQUE(INT_MIN), OPAQUE(-1)) == INT_MIN, "__aeabi_idiv(INT_MIN, -1)");
}

#ifdef __ARM_ARCH_EXT_IDIV__
/* The instructions themselves, including the cases C leaves undefined. */
static int32_t insn_sdiv(int32_t n, int32_t d)
{
    int32_t q;
    __asm__("sdiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
    return q;
}

static uint32_t insn_udiv(uint32_t n, uint32_t d)
{
    uint32_t q;
    __asm__("udiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
    return q;
}

static void check_instructions(void)
{
    CHECK(insn_sdiv(OPAQUE(INT_MIN), OPAQUE(-1)) == INT_MIN, "SDIV INT_MIN / -1 wraps");
    CHECK(insn_sdiv(OPAQUE(12345), OPAQUE(0)) == 0, "SDIV by zero gives 0");
    CHECK(insn_sdiv(OPAQUE(INT_MIN), OPAQUE(0)) == 0, "SDIV INT_MIN by zero gives 0");
    CHECK(insn_udiv(OPAQUE(0xffffffffu), OPAQUE(0u)) == 0, "UDIV by zero gives 0");
    CHECK(insn_udiv(OPAQUE(0xffffffffu), OPAQUE(2u)) == 0x7fffffffu, "UDIV");
    CHECK(insn_sdiv(OPAQUE(-100), OPAQUE(7)) == -14, "SDIV rounds toward zero");
    for (int i = 0; i < 5000; i++) {
        uint32_t n = check_rand(), d = check_rand() >> (check_rand() % 32);
        if (!d)
            continue;
        uint32_t q, r;
        ref_udivmod(n, d, &q, &r);
        CHECK(insn_udiv(n, d) == q, "UDIV %u / %u", n, d);
        if ((int32_t)n != INT_MIN || (int32_t)d != -1) {
            int32_t sq, sr;
            ref_sdivmod((int32_t)n, (int32_t)d, &sq, &sr);
            CHECK(insn_sdiv((int32_t)n, (int32_t)d) == sq, "SDIV %d / %d", (int32_t)n, (int32_t)d);
        }
    }
}
#endif

int main(void)
{
    check_fixed();
    check_many_divisors();
    check_constant_divisors();
#ifdef __ARM_ARCH_EXT_IDIV__
    check_instructions();
    return check_summary("divide (SDIV/UDIV)");
#else
    return check_summary("divide");
#endif
}
