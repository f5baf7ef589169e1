/*
 * misc.c: the integer corners that ordinary programs reach through the compiler.
 * - bit counting and reversal (CLZ, RBIT+CLZ, popcount, REV/REV16/REVSH), rotations (ROR);
 * - bitfield extract/insert (UBFX, SBFX, BFI, BFC) through C bitfields and shift/mask idioms;
 * - byte and halfword loads and stores, signed and unsigned (LDRSB, LDRH, LDRSH, STRB, STRH);
 * - unaligned accesses through memcpy and packed structs;
 * - dense switches compiled to jump tables (TBB and TBH in Thumb, LDR/ADD to PC in ARM);
 * - volatile loops; 32x32->64 multiplies (UMULL, SMULL, UMLAL, SMLAL), MLA and MLS;
 * - 64-bit array traffic (LDRD/STRD).
 * Every result is compared with a loop-based or limb-based reference.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

/* ---- bit counting ---- */

static int ref_clz(uint32_t x)
{
    int n = 0;
    for (uint32_t bit = 1u << 31; bit && !(x & bit); bit >>= 1)
        n++;
    return n;
}

static int ref_ctz(uint32_t x)
{
    int n = 0;
    for (uint32_t bit = 1; bit && !(x & bit); bit <<= 1)
        n++;
    return n;
}

static int ref_popcount(uint32_t x)
{
    int n = 0;
    for (int i = 0; i < 32; i++)
        n += (x >> i) & 1;
    return n;
}

static uint32_t ref_reverse_bits(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++)
        r |= ((x >> i) & 1) << (31 - i);
    return r;
}

static uint32_t ref_bswap32(uint32_t x)
{
    uint8_t b[4];
    memcpy(b, &x, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t insn_clz(uint32_t x)
{
    uint32_t r;
    __asm__("clz %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static uint32_t insn_rbit(uint32_t x)
{
    uint32_t r;
    __asm__("rbit %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static uint32_t insn_rev16(uint32_t x)
{
    uint32_t r;
    __asm__("rev16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static int32_t insn_revsh(uint32_t x)
{
    int32_t r;
    __asm__("revsh %0, %1" : "=r"(r) : "r"(x));
    return r;
}

NOINLINE static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << ((32 - n) & 31)); }
NOINLINE static uint32_t rotl(uint32_t x, unsigned n) { return (x << n) | (x >> ((32 - n) & 31)); }

static uint32_t ref_rotr(uint32_t x, unsigned n)
{
    while (n--)
        x = (x >> 1) | ((x & 1) << 31);
    return x;
}

static void check_bits(uint32_t x)
{
    if (x) {
        CHECK(__builtin_clz(x) == ref_clz(x), "clz 0x%08x", x);
        CHECK(__builtin_ctz(x) == ref_ctz(x), "ctz 0x%08x", x);
        CHECK(__builtin_ffs((int)x) == ref_ctz(x) + 1, "ffs 0x%08x", x);
    }
    CHECK(insn_clz(x) == (uint32_t)ref_clz(x), "CLZ 0x%08x", x); /* CLZ of 0 is 32 */
    CHECK(__builtin_popcount(x) == ref_popcount(x), "popcount 0x%08x", x);
    CHECK(__builtin_parity(x) == (ref_popcount(x) & 1), "parity 0x%08x", x);
    CHECK(__builtin_bswap32(x) == ref_bswap32(x), "bswap32 0x%08x", x);
    CHECK(__builtin_bswap16((uint16_t)x) == (uint16_t)(ref_bswap32(x) >> 16), "bswap16");
    CHECK(insn_rbit(x) == ref_reverse_bits(x), "rbit 0x%08x", x);
    CHECK(insn_rev16(x) == ((ref_bswap32(x) >> 16) | (ref_bswap32(x) << 16)), "rev16 0x%08x", x);
    CHECK(insn_revsh(x) == (int16_t)(ref_bswap32(x) >> 16), "revsh 0x%08x", x);
    uint64_t wide = ((uint64_t)x << 32) | (x ^ 0x0f0f0f0f);
    if (wide) {
        int want_clz = x ? ref_clz(x) : 32 + ref_clz(x ^ 0x0f0f0f0f);
        CHECK(__builtin_clzll(wide) == want_clz, "clzll");
        int want_ctz = (x ^ 0x0f0f0f0f) ? ref_ctz(x ^ 0x0f0f0f0f) : 32 + ref_ctz(x);
        CHECK(__builtin_ctzll(wide) == want_ctz, "ctzll");
    }
    CHECK(__builtin_popcountll(wide) == ref_popcount(x) + ref_popcount(x ^ 0x0f0f0f0f),
          "popcountll");
    for (unsigned n = 0; n < 32; n++) {
        CHECK(rotr(x, n) == ref_rotr(x, n), "ror 0x%08x by %u", x, n);
        CHECK(rotl(x, n) == ref_rotr(x, (32 - n) % 32), "rol 0x%08x by %u", x, n);
    }
}

/* ---- bitfields ---- */

struct Fields {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 12;
    signed d : 11;
    unsigned e : 1;
};

NOINLINE static void set_fields(struct Fields *f, uint32_t a, int32_t b, uint32_t c, int32_t d,
                                uint32_t e)
{
    f->a = a;
    f->b = b;
    f->c = c;
    f->d = d;
    f->e = e;
}

static int32_t sign_extend(uint32_t v, int bits)
{
    uint32_t m = 1u << (bits - 1);
    v &= (1u << bits) - 1;
    return (int32_t)((v ^ m) - m);
}

static void check_bitfields(void)
{
    CHECK(sizeof(struct Fields) == 4, "bitfield struct size %zu", sizeof(struct Fields));
    for (int i = 0; i < 3000; i++) {
        uint32_t r = check_rand(), r2 = check_rand();
        struct Fields f;
        memset(&f, 0, sizeof f);
        set_fields(&f, r, (int32_t)(r >> 3), r >> 8, (int32_t)r2, r2 >> 11);
        uint32_t raw;
        memcpy(&raw, &f, 4);
        /* AAPCS little-endian: fields are allocated from the least significant bit. */
        uint32_t want = (r & 7) | ((r >> 3) & 31) << 3 | ((r >> 8) & 0xfff) << 8 |
                        (r2 & 0x7ff) << 20 | ((r2 >> 11) & 1) << 31;
        CHECK(raw == want, "bitfield layout: 0x%08x want 0x%08x", raw, want);
        CHECK(f.a == (r & 7) && f.b == sign_extend(r >> 3, 5) && f.c == ((r >> 8) & 0xfff) &&
                  f.d == sign_extend(r2, 11) && f.e == ((r2 >> 11) & 1),
              "bitfield read-back");
        /* Shift-and-mask idioms the compiler turns into UBFX/SBFX/BFI/BFC. */
        volatile uint32_t v = r;
        uint32_t x = v;
        CHECK(((x >> 5) & 0x3ff) == ((r / 32) % 1024), "ubfx");
        CHECK(((int32_t)(x << 7) >> 20) == sign_extend(r >> 13, 12), "sbfx");
        uint32_t ins = (x & ~0xff00u) | ((r2 & 0xff) << 8);
        CHECK(ins == (r - (r & 0xff00) + (r2 & 0xff) * 256), "bfi");
        CHECK((x & ~0x000ffff0u) == (r - (r & 0xffff0)), "bfc");
        CHECK((uint32_t)(uint8_t)x == r % 256 && (uint32_t)(uint16_t)x == r % 65536, "uxtb/uxth");
        CHECK((int32_t)(int8_t)x == sign_extend(r, 8) && (int32_t)(int16_t)x == sign_extend(r, 16),
              "sxtb/sxth");
        CHECK(x + (uint8_t)(x >> 8) == r + ((r >> 8) & 0xff), "uxtab");
    }
}

/* ---- byte and halfword memory ---- */

static int8_t sbytes[256];
static uint8_t ubytes[256];
static int16_t shalves[256];
static uint16_t uhalves[256];

static void check_narrow_memory(void)
{
    for (int i = 0; i < 256; i++) {
        sbytes[i] = (int8_t)i;
        ubytes[i] = (uint8_t)i;
        shalves[i] = (int16_t)(i * 257);
        uhalves[i] = (uint16_t)(i * 257);
    }
    int32_t ssum = 0;
    uint32_t usum = 0;
    int32_t shsum = 0;
    uint32_t uhsum = 0;
    for (int i = 0; i < 256; i++) {
        ssum += OPAQUE(&sbytes[0])[i];
        usum += OPAQUE(&ubytes[0])[i];
        shsum += OPAQUE(&shalves[0])[i];
        uhsum += OPAQUE(&uhalves[0])[i];
    }
    /* -128..127 sums to -128; 0..255 to 32640. */
    CHECK(ssum == -128, "signed byte sum %d", ssum);
    CHECK(usum == 32640, "unsigned byte sum %u", usum);
    /* i*257 for i < 128 is below 32768; for i >= 128 it wraps by 65536. */
    CHECK(shsum == 257 * 32640 - 128 * 65536, "signed halfword sum %d", shsum);
    CHECK(uhsum == 257u * 32640, "unsigned halfword sum %u", uhsum);
    volatile int8_t vb = -1;
    volatile uint8_t vub = 0xff;
    volatile int16_t vh = -2;
    CHECK(vb == -1 && vub == 255 && vh == -2, "volatile narrow loads");
    /* Stores write only their own bytes. */
    uint32_t word = 0x11223344;
    uint8_t *bp = (uint8_t *)&word;
    bp[1] = 0xaa;
    CHECK(word == 0x1122aa44, "byte store into a word: 0x%08x", word);
    uint16_t *hp = (uint16_t *)&word;
    hp[1] = 0xbbcc;
    CHECK(word == 0xbbccaa44, "halfword store into a word: 0x%08x", word);
}

/* ---- unaligned access ---- */

struct __attribute__((packed)) Packed {
    uint8_t tag;
    uint32_t word;
    uint16_t half;
    uint64_t dword;
    int16_t shalf;
};

NOINLINE static uint32_t load32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

NOINLINE static uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

NOINLINE static void store32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

NOINLINE static uint32_t packed_sum(const struct Packed *p)
{
    return p->tag + p->word + p->half + (uint32_t)p->dword + (uint32_t)(p->dword >> 32) +
           (uint32_t)p->shalf;
}

static void check_unaligned(void)
{
    uint8_t buf[64];
    for (int i = 0; i < 64; i++)
        buf[i] = (uint8_t)(i * 17 + 3);
    for (int off = 0; off < 16; off++) {
        const uint8_t *p = buf + off;
        uint32_t want32 = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
        CHECK(load32(p) == want32, "unaligned 32-bit load at +%d", off);
        uint64_t want64 = want32 | (uint64_t)(p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24) << 32;
        CHECK(load64(p) == want64, "unaligned 64-bit load at +%d", off);
    }
    uint8_t out[16];
    for (int off = 0; off < 8; off++) {
        memset(out, 0, sizeof out);
        store32(out + off, 0xa1b2c3d4);
        int ok = out[off] == 0xd4 && out[off + 1] == 0xc3 && out[off + 2] == 0xb2 &&
                 out[off + 3] == 0xa1;
        for (int i = 0; i < 16; i++)
            if (i < off || i >= off + 4)
                ok &= out[i] == 0;
        CHECK(ok, "unaligned 32-bit store at +%d", off);
    }
    struct Packed pk[4];
    CHECK(sizeof pk[0] == 17, "packed struct size %zu", sizeof pk[0]);
    for (int i = 0; i < 4; i++) {
        pk[i].tag = (uint8_t)i;
        pk[i].word = 0x01020304u * (i + 1);
        pk[i].half = (uint16_t)(0x1111 * (i + 1));
        pk[i].dword = 0x0102030405060708ull * (i + 1);
        pk[i].shalf = (int16_t)(-1000 * (i + 1));
    }
    for (int i = 0; i < 4; i++) {
        uint64_t d = 0x0102030405060708ull * (i + 1);
        uint32_t want = i + 0x01020304u * (i + 1) + 0x1111 * (i + 1) + (uint32_t)d +
                        (uint32_t)(d >> 32) + (uint32_t)(-1000 * (i + 1));
        CHECK(packed_sum(&pk[i]) == want, "packed struct %d", i);
    }
}

/* ---- switch tables ---- */

/* The same operations as a switch (a jump table) and as a table of functions. */
#define OPS(X)                                                                     \
    X(0, x + 1) X(1, x ^ 0x55) X(2, x * 3) X(3, x >> 1) X(4, x << 2) X(5, ~x)      \
    X(6, x - 7) X(7, x | 0x100) X(8, x & 0xff0f) X(9, x * x) X(10, x + 1000)      \
    X(11, x / 3) X(12, x % 10) X(13, x ^ (x >> 3)) X(14, -x) X(15, x * 31 + 7)     \
    X(16, x + 16) X(17, x >> 5) X(18, x ^ 0xdeadbeef) X(19, x - (x >> 2))         \
    X(20, (x << 3) | 1) X(21, x / 10) X(22, x * 0x9e3779b9) X(23, x + x)          \
    X(24, x & 0x7fff) X(25, x | 1) X(26, (x >> 16) | (x << 16)) X(27, x - 1)      \
    X(28, x * 5) X(29, x ^ 0xffff) X(30, x % 97) X(31, x + 0x12345)

#define CASE(k, expr)  \
    case k:            \
        r = (expr);    \
        break;

NOINLINE static uint32_t switch_small(unsigned k, uint32_t x)
{
    uint32_t r = 0xffffffff;
    switch (k) {
        OPS(CASE)
    default:
        break;
    }
    return r;
}

/* A case with a large body pushes the later cases out of TBB range, so Thumb code uses TBH.
 * The nops are spelled out (not .rept) because the compiler sizes asm by its statements. */
#define NOP4 "nop\n\tnop\n\tnop\n\tnop\n\t"
#define NOP16 NOP4 NOP4 NOP4 NOP4
#define NOP64 NOP16 NOP16 NOP16 NOP16
#define NOP320 NOP64 NOP64 NOP64 NOP64 NOP64

NOINLINE static uint32_t switch_large(unsigned k, uint32_t x)
{
    uint32_t r = 0xffffffff;
    switch (k) {
    case 0:
        __asm__ volatile(NOP320);
        r = x + 1;
        break;
    case 1 ... 31:
        switch (k) { /* the inner switch reuses the same operations */
            OPS(CASE)
        }
        r = r + k;
        break;
    case 40:
        r = x ^ 40;
        break;
    case 41:
        r = x + 41;
        break;
    case 42:
        r = x * 42;
        break;
    case 43:
        r = x - 43;
        break;
    case 44:
        r = x | 44;
        break;
    default:
        r = 0;
        break;
    }
    return r;
}

#define FUNC(k, expr) static uint32_t op_##k(uint32_t x) { return (expr); }
OPS(FUNC)
#define FUNC_REF(k, expr) op_##k,
static uint32_t (*const op_table[32])(uint32_t) = {OPS(FUNC_REF)};

static void check_switches(void)
{
    for (int i = 0; i < 2000; i++) {
        uint32_t x = check_rand();
        unsigned k = check_rand() % 50;
        uint32_t want_small = k < 32 ? op_table[k](x) : 0xffffffff;
        CHECK(switch_small(k, x) == want_small, "small switch case %u", k);
        uint32_t want_large;
        if (k == 0)
            want_large = x + 1;
        else if (k < 32)
            want_large = op_table[k](x) + k;
        else if (k >= 40 && k <= 44)
            want_large = k == 40 ? (x ^ 40) : k == 41 ? x + 41 : k == 42 ? x * 42
                       : k == 43 ? x - 43 : (x | 44);
        else
            want_large = 0;
        CHECK(switch_large(k, x) == want_large, "large switch case %u", k);
    }
    CHECK(switch_small(1000, 5) == 0xffffffff && switch_large(1000, 5) == 0, "out of range");
}

/* ---- loops and multiplies ---- */

static void check_volatile_loops(void)
{
    volatile uint32_t counter = 0;
    for (uint32_t i = 0; i < 1000000; i++)
        counter++;
    CHECK(counter == 1000000, "volatile counter %u", counter);
    volatile uint32_t a = 0, b = 1;
    for (int i = 0; i < 47; i++) {
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    CHECK(a == 2971215073u, "fib(47) in volatiles: %u", a);
    volatile int down = 1000;
    int iterations = 0;
    while (down-- > 0)
        iterations++;
    CHECK(iterations == 1000 && down == -1, "countdown");
}

/* 32x32->64 on 16-bit limbs, using only 32-bit multiplies. */
static uint64_t ref_umul(uint32_t a, uint32_t b)
{
    uint32_t al = a & 0xffff, ah = a >> 16, bl = b & 0xffff, bh = b >> 16;
    uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint32_t mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
    uint32_t lo = (ll & 0xffff) | (mid << 16);
    uint32_t hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
    return (uint64_t)hi << 32 | lo;
}

static uint64_t ref_smul(int32_t a, int32_t b)
{
    /* Signed product from the unsigned one: subtract b<<32 if a < 0, and a<<32 if b < 0. */
    uint64_t p = ref_umul((uint32_t)a, (uint32_t)b);
    if (a < 0)
        p -= (uint64_t)(uint32_t)b << 32;
    if (b < 0)
        p -= (uint64_t)(uint32_t)a << 32;
    return p;
}

NOINLINE static uint64_t umull(uint32_t a, uint32_t b) { return (uint64_t)a * b; }
NOINLINE static int64_t smull(int32_t a, int32_t b) { return (int64_t)a * b; }
NOINLINE static uint64_t umlal(uint64_t acc, uint32_t a, uint32_t b) { return acc + (uint64_t)a * b; }
NOINLINE static int64_t smlal(int64_t acc, int32_t a, int32_t b) { return acc + (int64_t)a * b; }
NOINLINE static uint32_t mla(uint32_t a, uint32_t b, uint32_t c) { return a * b + c; }
NOINLINE static uint32_t mls(uint32_t a, uint32_t b, uint32_t c) { return c - a * b; }
NOINLINE static int32_t smmul(int32_t a, int32_t b) { return (int32_t)(((int64_t)a * b) >> 32); }

static void check_multiplies(void)
{
    static const uint32_t edges[] = {0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
                                     0xffffffff, 0xfffffffe, 0x12345678};
    for (unsigned i = 0; i < 10; i++) {
        for (unsigned j = 0; j < 10; j++) {
            uint32_t a = edges[i], b = edges[j];
            CHECK(umull(a, b) == ref_umul(a, b), "umull 0x%x 0x%x", a, b);
            CHECK((uint64_t)smull((int32_t)a, (int32_t)b) == ref_smul((int32_t)a, (int32_t)b),
                  "smull 0x%x 0x%x", a, b);
        }
    }
    uint64_t uacc = 0, ref_uacc = 0;
    int64_t sacc = 0;
    uint64_t ref_sacc = 0;
    for (int i = 0; i < 20000; i++) {
        uint32_t a = check_rand(), b = check_rand() >> (i % 32), c = check_rand();
        CHECK(umull(a, b) == ref_umul(a, b), "umull random");
        CHECK((uint64_t)smull((int32_t)a, (int32_t)b) == ref_smul((int32_t)a, (int32_t)b),
              "smull random");
        uacc = umlal(uacc, a, b);
        ref_uacc += ref_umul(a, b);
        sacc = smlal(sacc, (int32_t)a, (int32_t)c);
        ref_sacc += ref_smul((int32_t)a, (int32_t)c);
        CHECK(mla(a, b, c) == (uint32_t)ref_umul(a, b) + c, "mla");
        CHECK(mls(a, b, c) == c - (uint32_t)ref_umul(a, b), "mls");
        CHECK(smmul((int32_t)a, (int32_t)c) == (int32_t)(ref_smul((int32_t)a, (int32_t)c) >> 32),
              "smmul");
    }
    CHECK(uacc == ref_uacc, "umlal accumulation");
    CHECK((uint64_t)sacc == ref_sacc, "smlal accumulation");
}

/* ---- 64-bit arrays ---- */

static int64_t big_src[512] __attribute__((aligned(8)));
static int64_t big_dst[512] __attribute__((aligned(8)));

NOINLINE static void copy64(int64_t *dst, const int64_t *src, int n)
{
    for (int i = 0; i < n; i++)
        dst[i] = src[i] + 1;
}

NOINLINE static int64_t sum64(const int64_t *a, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

/* LDRD/STRD themselves, with offset and pre/post-indexed writeback. */
static uint64_t insn_ldrd(const int64_t *p)
{
    uint64_t v;
    __asm__("ldrd %0, %H0, [%1, #8]" : "=r"(v) : "r"(p), "m"(p[1]));
    return v;
}

static void insn_strd(int64_t *p, uint64_t v)
{
    __asm__("strd %1, %H1, [%2, #-8]" : "=m"(p[-1]) : "r"(v), "r"(p));
}

/* Copies n doublewords walking both pointers with writeback. */
static void insn_copy_writeback(int64_t *dst, const int64_t *src, int n)
{
    uint64_t v;
    for (int i = 0; i < n; i++)
        __asm__ volatile("ldrd %0, %H0, [%1], #8\n\tstrd %0, %H0, [%2, #8]!"
                         : "=&r"(v), "+r"(src), "+r"(dst) : : "memory");
}

static void check_doublewords(void)
{
    for (int i = 0; i < 512; i++)
        big_src[i] = ((int64_t)i << 33) - i;
    copy64(big_dst, big_src, 512);
    int ok = 1;
    for (int i = 0; i < 512; i++) {
        uint32_t lo, hi;
        memcpy(&lo, (uint8_t *)&big_dst[i], 4);
        memcpy(&hi, (uint8_t *)&big_dst[i] + 4, 4);
        uint64_t want = ((uint64_t)i << 33) - i + 1;
        ok &= lo == (uint32_t)want && hi == (uint32_t)(want >> 32);
    }
    CHECK(ok, "copy of 64-bit array");
    /* sum of (i<<33) - i + 1 for i < 512 */
    int64_t want = ((int64_t)(511 * 512 / 2) << 33) - 511 * 512 / 2 + 512;
    CHECK(sum64(big_dst, 512) == want, "sum of 64-bit array");

    ok = 1;
    for (int i = 0; i < 510; i++)
        ok &= insn_ldrd(&big_src[i]) == (uint64_t)big_src[i + 1];
    CHECK(ok, "ldrd with offset");
    for (int i = 1; i < 512; i++)
        insn_strd(&big_dst[i], 0x1111111100000000ull * (i & 15) + (uint64_t)i);
    ok = 1;
    for (int i = 0; i < 511; i++)
        ok &= big_dst[i] == (int64_t)(0x1111111100000000ull * ((i + 1) & 15) + (uint64_t)(i + 1));
    CHECK(ok, "strd with negative offset");
    memset(big_dst, 0, sizeof big_dst);
    insn_copy_writeback(big_dst - 1, big_src, 512);
    CHECK(memcmp(big_dst, big_src, sizeof big_src) == 0, "ldrd/strd with writeback");
}

int main(void)
{
    static const uint32_t bit_values[] = {0, 1, 2, 3, 0x80000000, 0xffffffff, 0x7fffffff,
                                          0x00010000, 0x0000ffff, 0xf0f0f0f0, 0x12345678};
    for (unsigned i = 0; i < sizeof bit_values / sizeof bit_values[0]; i++)
        check_bits(bit_values[i]);
    for (int i = 0; i < 500; i++)
        check_bits(check_rand() >> (i % 32));
    check_bitfields();
    check_narrow_memory();
    check_unaligned();
    check_switches();
    check_volatile_loops();
    check_multiplies();
    check_doublewords();
    return check_summary("misc");
}
