/*
 * bits64.c: 64-bit integer arithmetic as the compiler lowers it to 32-bit ARM code.
 * - division and modulo (libgcc __aeabi_ldivmod/__aeabi_uldivmod) checked by q*d+r == n
 *   and |r| < |d| with the sign of n, against many divisors;
 * - multiplication checked against a 16-bit-limb schoolbook reference, and the high half of
 *   a 64x64 multiply built from 32-bit pieces checked against a bit-serial reference;
 * - shifts and rotates by variable amounts 0..63 against bit-by-bit references;
 * - popcount, clz, ctz, parity and byte swap on 64-bit values;
 * - unsigned wrap-around and signed/unsigned comparisons across the sign boundary;
 * - __builtin_{add,sub,mul}_overflow on signed and unsigned 64-bit values.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

/* ---- references ---- */

static uint64_t ref_shl(uint64_t x, unsigned n)
{
    uint64_t r = 0;
    for (unsigned i = 0; i + n < 64; i++)
        if ((x >> i) & 1)
            r |= (uint64_t)1 << (i + n);
    return r;
}

static uint64_t ref_lshr(uint64_t x, unsigned n)
{
    uint64_t r = 0;
    for (unsigned i = n; i < 64; i++)
        if ((x >> i) & 1)
            r |= (uint64_t)1 << (i - n);
    return r;
}

static uint64_t ref_ashr(uint64_t x, unsigned n)
{
    uint64_t r = ref_lshr(x, n);
    if (x >> 63)
        for (unsigned i = 64 - n; i < 64; i++)
            r |= (uint64_t)1 << i;
    return r;
}

static int ref_popcount(uint64_t x)
{
    int n = 0;
    for (int i = 0; i < 64; i++)
        n += (int)((x >> i) & 1);
    return n;
}

static int ref_clz(uint64_t x)
{
    int n = 0;
    for (int i = 63; i >= 0 && !((x >> i) & 1); i--)
        n++;
    return n;
}

static int ref_ctz(uint64_t x)
{
    int n = 0;
    for (int i = 0; i < 64 && !((x >> i) & 1); i++)
        n++;
    return n;
}

/* Product modulo 2^64 from 16-bit limbs. */
static uint64_t ref_mul(uint64_t a, uint64_t b)
{
    uint32_t al[4], bl[4], r[8] = { 0 };
    for (int i = 0; i < 4; i++) {
        al[i] = (uint32_t)(a >> (16 * i)) & 0xffff;
        bl[i] = (uint32_t)(b >> (16 * i)) & 0xffff;
    }
    for (int i = 0; i < 4; i++) {
        uint32_t carry = 0;
        for (int j = 0; j < 4; j++) {
            uint32_t t = al[i] * bl[j] + r[i + j] + carry; /* < 2^32 */
            r[i + j] = t & 0xffff;
            carry = t >> 16;
        }
        r[i + 4] += carry;
    }
    return (uint64_t)r[0] | (uint64_t)r[1] << 16 | (uint64_t)r[2] << 32 | (uint64_t)r[3] << 48;
}

/* High 64 bits of a*b by shift-and-add on a 128-bit value held in two words. */
static uint64_t ref_mulhi_serial(uint64_t a, uint64_t b)
{
    uint64_t hi = 0, lo = 0;
    for (int i = 63; i >= 0; i--) {
        /* (hi:lo) <<= 1 */
        hi = hi << 1 | lo >> 63;
        lo <<= 1;
        if ((b >> i) & 1) {
            uint64_t nlo = lo + a;
            hi += nlo < lo;
            lo = nlo;
        }
    }
    return hi;
}

/* High 64 bits of a*b from 32x32->64 pieces. */
static NOINLINE uint64_t mulhi_pieces(uint64_t a, uint64_t b)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* Unsigned division by restoring shift-subtract. */
static void ref_udivmod(uint64_t n, uint64_t d, uint64_t *q, uint64_t *r)
{
    uint64_t quot = 0, rem = 0;
    for (int i = 63; i >= 0; i--) {
        int top = (int)(rem >> 63);
        rem = rem << 1 | ((n >> i) & 1);
        if (top || rem >= d) {
            rem -= d;
            quot |= (uint64_t)1 << i;
        }
    }
    *q = quot;
    *r = rem;
}

/* ---- operations under test, kept out of line so the operands are not constants ---- */

static NOINLINE uint64_t op_udiv(uint64_t a, uint64_t b) { return a / b; }
static NOINLINE uint64_t op_umod(uint64_t a, uint64_t b) { return a % b; }
static NOINLINE int64_t op_sdiv(int64_t a, int64_t b) { return a / b; }
static NOINLINE int64_t op_smod(int64_t a, int64_t b) { return a % b; }
static NOINLINE uint64_t op_mul(uint64_t a, uint64_t b) { return a * b; }
static NOINLINE uint64_t op_shl(uint64_t a, unsigned n) { return a << n; }
static NOINLINE uint64_t op_lshr(uint64_t a, unsigned n) { return a >> n; }
static NOINLINE int64_t op_ashr(int64_t a, unsigned n) { return a >> n; }
static NOINLINE uint64_t op_rotl(uint64_t a, unsigned n) { return (a << (n & 63)) | (a >> ((64 - n) & 63)); }
static NOINLINE uint64_t op_rotr(uint64_t a, unsigned n) { return (a >> (n & 63)) | (a << ((64 - n) & 63)); }
static NOINLINE int op_popcount(uint64_t a) { return __builtin_popcountll(a); }
static NOINLINE int op_clz(uint64_t a) { return __builtin_clzll(a); }
static NOINLINE int op_ctz(uint64_t a) { return __builtin_ctzll(a); }
static NOINLINE int op_parity(uint64_t a) { return __builtin_parityll(a); }
static NOINLINE uint64_t op_bswap(uint64_t a) { return __builtin_bswap64(a); }
static NOINLINE int op_slt(int64_t a, int64_t b) { return a < b; }
static NOINLINE int op_sle(int64_t a, int64_t b) { return a <= b; }
static NOINLINE int op_ult(uint64_t a, uint64_t b) { return a < b; }
static NOINLINE int op_ule(uint64_t a, uint64_t b) { return a <= b; }
static NOINLINE int op_eq(uint64_t a, uint64_t b) { return a == b; }

static uint64_t interesting[64];
static int n_interesting;

static void make_values(void)
{
    static const uint64_t fixed[] = {
        0, 1, 2, 3, 7, 10, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000u,
        0xffffffffu, 0x100000000ull, 0x100000001ull, 0x123456789abcdef0ull,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
        0xfffffffffffffffeull, 0xffffffffffffffffull, 0xffffffff00000000ull,
        0x00000000fffffffeull, 0xdeadbeefcafebabeull, 1000000007ull, 0x5555555555555555ull,
        0xaaaaaaaaaaaaaaaaull, 0x0000000100000000ull - 1000, 0xfffffffe00000001ull,
    };
    n_interesting = 0;
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        interesting[n_interesting++] = fixed[i];
    check_seed(0x64646464);
    while (n_interesting < 64) {
        uint64_t v = check_rand64();
        /* vary the magnitude so small and medium values appear too */
        v >>= check_rand() % 64;
        interesting[n_interesting++] = v;
    }
}

static void test_division(void)
{
    for (int i = 0; i < n_interesting; i++) {
        for (int j = 0; j < n_interesting; j++) {
            uint64_t n = interesting[i], d = interesting[j];
            if (d == 0)
                continue;
            uint64_t q = op_udiv(n, d), r = op_umod(n, d), rq, rr;
            CHECK(q * d + r == n && r < d, "udiv %016llx / %016llx: q %016llx r %016llx",
                  (unsigned long long)n, (unsigned long long)d, (unsigned long long)q,
                  (unsigned long long)r);
            ref_udivmod(n, d, &rq, &rr);
            CHECK(q == rq && r == rr, "udiv ref %016llx / %016llx", (unsigned long long)n,
                  (unsigned long long)d);

            int64_t sn = (int64_t)n, sd = (int64_t)d;
            if (sn == INT64_MIN && sd == -1)
                continue;
            int64_t sq = op_sdiv(sn, sd), sr = op_smod(sn, sd);
            /* q*d + r == n holds modulo 2^64 */
            CHECK((uint64_t)sq * (uint64_t)sd + (uint64_t)sr == n,
                  "sdiv identity %lld / %lld: q %lld r %lld", (long long)sn, (long long)sd,
                  (long long)sq, (long long)sr);
            /* remainder takes the sign of the dividend and is smaller in magnitude */
            uint64_t mag_r = sr < 0 ? -(uint64_t)sr : (uint64_t)sr;
            uint64_t mag_d = sd < 0 ? -(uint64_t)sd : (uint64_t)sd;
            uint64_t mag_n = sn < 0 ? -(uint64_t)sn : (uint64_t)sn;
            CHECK(mag_r < mag_d, "smod magnitude %lld %% %lld = %lld", (long long)sn,
                  (long long)sd, (long long)sr);
            CHECK(sr == 0 || (sr < 0) == (sn < 0), "smod sign %lld %% %lld = %lld",
                  (long long)sn, (long long)sd, (long long)sr);
            /* truncation: |q| == |n| / |d| */
            uint64_t mq, mr;
            ref_udivmod(mag_n, mag_d, &mq, &mr);
            uint64_t mag_q = sq < 0 ? -(uint64_t)sq : (uint64_t)sq;
            CHECK(mag_q == mq && mag_r == mr, "sdiv magnitude %lld / %lld", (long long)sn,
                  (long long)sd);
        }
    }
    /* small constant divisors the compiler may turn into multiply-high sequences */
    for (int i = 0; i < n_interesting; i++) {
        uint64_t n = interesting[i];
        CHECK(n / 10 * 10 + n % 10 == n && n % 10 < 10, "div10");
        CHECK(n / 3 == op_udiv(n, 3), "div3 %016llx", (unsigned long long)n);
        CHECK(n / 7 == op_udiv(n, 7), "div7");
        CHECK(n % 1000000007ull == op_umod(n, 1000000007ull), "mod 1e9+7");
        int64_t s = (int64_t)n;
        CHECK(s / 10 == op_sdiv(s, 10) && s % 10 == op_smod(s, 10), "sdiv10 %lld", (long long)s);
        CHECK(s / -3 == op_sdiv(s, -3), "sdiv-3");
        CHECK((n >> 4) == op_udiv(n, 16), "udiv16");
    }
    CHECK(op_sdiv(INT64_MIN, 1) == INT64_MIN, "INT64_MIN / 1");
    CHECK(op_sdiv(INT64_MIN, 2) == -(INT64_C(1) << 62), "INT64_MIN / 2");
    CHECK(op_smod(INT64_MIN, 3) == -2, "INT64_MIN %% 3 = %lld", (long long)op_smod(INT64_MIN, 3));
    CHECK(op_sdiv(-7, 2) == -3 && op_smod(-7, 2) == -1, "-7/2");
    CHECK(op_sdiv(7, -2) == -3 && op_smod(7, -2) == 1, "7/-2");
}

static void test_multiply(void)
{
    for (int i = 0; i < n_interesting; i++) {
        for (int j = 0; j < n_interesting; j++) {
            uint64_t a = interesting[i], b = interesting[j];
            uint64_t p = op_mul(a, b);
            CHECK(p == ref_mul(a, b), "mul %016llx * %016llx = %016llx",
                  (unsigned long long)a, (unsigned long long)b, (unsigned long long)p);
            CHECK(p == op_mul(b, a), "mul commutes");
            uint64_t hi = mulhi_pieces(a, b);
            CHECK(hi == ref_mulhi_serial(a, b), "mulhi %016llx * %016llx = %016llx",
                  (unsigned long long)a, (unsigned long long)b, (unsigned long long)hi);
            /* signed products are the same bits modulo 2^64 */
            CHECK((uint64_t)((int64_t)a * (int64_t)b) == p, "signed mul bits");
        }
    }
    /* (2^64-1)^2 = 2^128 - 2^65 + 1: hi = 2^64 - 2, lo = 1 */
    CHECK_U64(mulhi_pieces(~0ull, ~0ull), 0xfffffffffffffffeull, "mulhi max*max");
    CHECK_U64(op_mul(~0ull, ~0ull), 1, "mul max*max");
    CHECK_U64(mulhi_pieces(1ull << 32, 1ull << 32), 1, "mulhi 2^32*2^32");
    /* 32x32 widening */
    for (int i = 0; i < 200; i++) {
        uint32_t a = check_rand(), b = check_rand();
        uint64_t w = (uint64_t)OPAQUE(a) * OPAQUE(b);
        CHECK(w == ref_mul(a, b), "umull");
        int64_t s = (int64_t)(int32_t)OPAQUE(a) * (int32_t)OPAQUE(b);
        CHECK((uint64_t)s == ref_mul((uint64_t)(int64_t)(int32_t)a, (uint64_t)(int64_t)(int32_t)b),
              "smull");
        uint64_t acc = check_rand64();
        CHECK(acc + w == OPAQUE(acc) + (uint64_t)OPAQUE(a) * OPAQUE(b), "umlal");
    }
}

static void test_shifts(void)
{
    for (int i = 0; i < n_interesting; i++) {
        uint64_t x = interesting[i];
        for (unsigned n = 0; n < 64; n++) {
            CHECK(op_shl(x, n) == ref_shl(x, n), "shl %016llx by %u", (unsigned long long)x, n);
            CHECK(op_lshr(x, n) == ref_lshr(x, n), "lshr %016llx by %u", (unsigned long long)x, n);
            CHECK((uint64_t)op_ashr((int64_t)x, n) == ref_ashr(x, n), "ashr %016llx by %u",
                  (unsigned long long)x, n);
            uint64_t rl = op_rotl(x, n), rr = op_rotr(x, n);
            CHECK(rl == (ref_shl(x, n) | ref_lshr(x, (64 - n) & 63) * (n != 0)) || n == 0,
                  "rotl %016llx by %u", (unsigned long long)x, n);
            CHECK(op_rotr(rl, n) == x, "rotr(rotl) %u", n);
            CHECK(op_rotl(rr, n) == x, "rotl(rotr) %u", n);
            CHECK(rr == op_rotl(x, (64 - n) & 63), "rotr as rotl %u", n);
        }
        CHECK(op_rotl(x, 0) == x, "rotl 0");
    }
}

static void test_bitcount(void)
{
    for (int i = 0; i < n_interesting; i++) {
        uint64_t x = interesting[i];
        CHECK(op_popcount(x) == ref_popcount(x), "popcount %016llx", (unsigned long long)x);
        CHECK(op_parity(x) == (ref_popcount(x) & 1), "parity %016llx", (unsigned long long)x);
        if (x) {
            CHECK(op_clz(x) == ref_clz(x), "clz %016llx: %d", (unsigned long long)x, op_clz(x));
            CHECK(op_ctz(x) == ref_ctz(x), "ctz %016llx: %d", (unsigned long long)x, op_ctz(x));
        }
        uint64_t b = op_bswap(x);
        uint8_t in[8], out[8];
        memcpy(in, &x, 8);
        memcpy(out, &b, 8);
        int ok = 1;
        for (int k = 0; k < 8; k++)
            ok &= in[k] == out[7 - k];
        CHECK(ok, "bswap64 %016llx", (unsigned long long)x);
    }
    for (unsigned n = 0; n < 64; n++) {
        uint64_t one = (uint64_t)1 << OPAQUE(n);
        CHECK(op_clz(one) == 63 - (int)n && op_ctz(one) == (int)n && op_popcount(one) == 1,
              "single bit %u", n);
        uint64_t mask = one - 1;
        CHECK(op_popcount(mask) == (int)n, "low mask %u", n);
        CHECK(op_popcount(~mask) == 64 - (int)n, "high mask %u", n);
    }
}

static void test_wrap_compare(void)
{
    uint64_t max = OPAQUE(~0ull);
    CHECK_U64(max + 1, 0, "max + 1 wraps");
    CHECK_U64(OPAQUE(0ull) - 1, ~0ull, "0 - 1 wraps");
    CHECK_U64(OPAQUE(0xffffffffull) + 1, 0x100000000ull, "carry into the high word");
    CHECK_U64(OPAQUE(0x100000000ull) - 1, 0xffffffffull, "borrow from the high word");
    CHECK((int64_t)(OPAQUE((uint64_t)INT64_MAX) + 1) == INT64_MIN, "INT64_MAX + 1 bits");
    CHECK_U64(-OPAQUE(1ull), ~0ull, "negate 1");
    CHECK_U64(-OPAQUE(0x8000000000000000ull), 0x8000000000000000ull, "negate INT64_MIN");

    /* comparisons, against a reference built from the two 32-bit halves */
    for (int i = 0; i < n_interesting; i++) {
        for (int j = 0; j < n_interesting; j++) {
            uint64_t a = interesting[i], b = interesting[j];
            uint32_t ah = a >> 32, al = (uint32_t)a, bh = b >> 32, bl = (uint32_t)b;
            int ult = ah < bh || (ah == bh && al < bl);
            int32_t sah = (int32_t)ah, sbh = (int32_t)bh;
            int slt = sah < sbh || (sah == sbh && al < bl);
            CHECK(op_ult(a, b) == ult, "ult %016llx %016llx", (unsigned long long)a,
                  (unsigned long long)b);
            CHECK(op_ule(a, b) == (ult || a == b), "ule");
            CHECK(op_slt((int64_t)a, (int64_t)b) == slt, "slt %016llx %016llx",
                  (unsigned long long)a, (unsigned long long)b);
            CHECK(op_sle((int64_t)a, (int64_t)b) == (slt || a == b), "sle");
            CHECK(op_eq(a, b) == (ah == bh && al == bl), "eq");
        }
    }
    CHECK(op_slt(-1, 0) && !op_ult((uint64_t)-1, 0), "-1 vs 0");
    CHECK(op_slt(INT64_MIN, INT64_MAX) && !op_ult((uint64_t)INT64_MIN, (uint64_t)INT64_MAX),
          "min vs max");
    CHECK(!op_slt(0, -1) && op_ult(0, (uint64_t)-1), "0 vs -1");
    CHECK(op_slt(-0x100000000ll, -1) && op_slt(-1, 0x100000000ll), "high word boundary");
}


/* ---- overflow-checking builtins (flag-setting ADDS/ADCS/SUBS/SBCS and UMULL sequences) ---- */

static NOINLINE int ovf_uadd(uint64_t a, uint64_t b, uint64_t *r) { return __builtin_add_overflow(a, b, r); }
static NOINLINE int ovf_usub(uint64_t a, uint64_t b, uint64_t *r) { return __builtin_sub_overflow(a, b, r); }
static NOINLINE int ovf_umul(uint64_t a, uint64_t b, uint64_t *r) { return __builtin_mul_overflow(a, b, r); }
static NOINLINE int ovf_sadd(int64_t a, int64_t b, int64_t *r) { return __builtin_add_overflow(a, b, r); }
static NOINLINE int ovf_ssub(int64_t a, int64_t b, int64_t *r) { return __builtin_sub_overflow(a, b, r); }
static NOINLINE int ovf_smul(int64_t a, int64_t b, int64_t *r) { return __builtin_mul_overflow(a, b, r); }

static void test_overflow(void)
{
    for (int i = 0; i < n_interesting; i++) {
        for (int j = 0; j < n_interesting; j++) {
            uint64_t a = interesting[i], b = interesting[j], r;
            int64_t sr;
            CHECK(ovf_uadd(a, b, &r) == (a + b < a) && r == a + b, "uadd overflow");
            CHECK(ovf_usub(a, b, &r) == (a < b) && r == a - b, "usub overflow");
            uint64_t hi = ref_mulhi_serial(a, b);
            CHECK(ovf_umul(a, b, &r) == (hi != 0) && r == ref_mul(a, b), "umul overflow %016llx %016llx",
                  (unsigned long long)a, (unsigned long long)b);
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            /* signed add overflows when both operands have the same sign and the sum differs */
            uint64_t sum = a + b, diff = a - b;
            int add_ovf = (int)((~(a ^ b) & (a ^ sum)) >> 63);
            int sub_ovf = (int)(((a ^ b) & (a ^ diff)) >> 63);
            CHECK(ovf_sadd(sa, sb, &sr) == add_ovf && (uint64_t)sr == sum, "sadd overflow");
            CHECK(ovf_ssub(sa, sb, &sr) == sub_ovf && (uint64_t)sr == diff, "ssub overflow");
            /* signed high half from the unsigned one, then fits iff hi is the sign of lo */
            uint64_t lo = ref_mul(a, b);
            uint64_t shi = hi - (sa < 0 ? b : 0) - (sb < 0 ? a : 0);
            int mul_ovf = shi != (uint64_t)((int64_t)lo >> 63);
            CHECK(ovf_smul(sa, sb, &sr) == mul_ovf && (uint64_t)sr == lo,
                  "smul overflow %016llx %016llx", (unsigned long long)a, (unsigned long long)b);
        }
    }
}

int main(void)
{
    make_values();
    test_division();
    test_multiply();
    test_shifts();
    test_bitcount();
    test_wrap_compare();
    test_overflow();
    return check_summary("bits64");
}
