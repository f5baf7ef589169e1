/*
 * memops.c: memory traffic at the edges.
 * - memcpy/memmove/memset/memcmp/strlen/strchr/strrchr/strcmp on data that ends exactly at
 *   a page whose successor is PROT_NONE, so any over-read faults;
 * - overlapping memmove in both directions against a byte-loop reference;
 * - unaligned 16/32/64-bit loads and stores through memcpy and packed structs, and
 *   through plain pointers (ARMv7 LDR/STR/LDRH/STRH allow unaligned addresses);
 * - byte swapping (REV, REV16, REVSH and 64-bit) against byte-array references;
 * - __atomic builtins on 8/16/32/64-bit objects (LDREX[BHD]/STREX[BHD] loops):
 *   fetch_add/sub/and/or/xor, exchange, compare_exchange strong and weak, and
 *   __sync_synchronize/__sync_* variants;
 * - hand-written LDREX/STREX pairs of every size, and CLREX making the next STREX fail.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

static long page_size;
static unsigned char *guard_base; /* two pages; the second is PROT_NONE */

static unsigned char *page_end(void)
{
    return guard_base + page_size;
}

static void setup_guard(void)
{
    page_size = sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    CHECK(p != MAP_FAILED, "mmap two pages");
    guard_base = p;
    CHECK(mprotect(guard_base + page_size, page_size, PROT_NONE) == 0, "mprotect guard page");
}

static void test_boundary_strings(void)
{
    unsigned char *end = page_end();
    for (size_t len = 0; len < 80; len++) {
        /* a string whose terminating NUL is the last byte of the readable page */
        char *s = (char *)end - len - 1;
        memset(guard_base, 'x', page_size);
        for (size_t i = 0; i < len; i++)
            s[i] = (char)('a' + i % 26);
        s[len] = 0;
        CHECK(strlen(s) == len, "strlen at boundary, len %zu", len);
        CHECK(strchr(s, 0) == s + len, "strchr NUL at boundary, len %zu", len);
        CHECK(strchr(s, '#') == NULL, "strchr absent at boundary, len %zu", len);
        if (len > 0) {
            char last = s[len - 1];
            CHECK(strrchr(s, last) == s + len - 1, "strrchr last at boundary, len %zu", len);
            CHECK(strchr(s, 'a') == s, "strchr first at boundary");
        }
        /* compare against a copy elsewhere that is equal, then one that differs at the end */
        char copy[96];
        memcpy(copy, s, len + 1);
        CHECK(strcmp(s, copy) == 0 && strcmp(copy, s) == 0, "strcmp equal at boundary %zu", len);
        CHECK(memcmp(s, copy, len + 1) == 0, "memcmp equal at boundary %zu", len);
        if (len > 0) {
            copy[len - 1]++;
            CHECK(strcmp(s, copy) < 0 && strcmp(copy, s) > 0, "strcmp differ at boundary %zu", len);
            CHECK(memcmp(s, copy, len) < 0, "memcmp differ at boundary %zu", len);
            CHECK(strncmp(s, copy, len - 1) == 0, "strncmp prefix at boundary");
        }
        /* memchr searching up to the last byte */
        CHECK(memchr(s, 0, len + 1) == s + len, "memchr NUL at boundary %zu", len);
        CHECK(memchr(s, '#', len + 1) == NULL, "memchr absent at boundary %zu", len);
        /* strcpy of a boundary string into a buffer elsewhere, and back to the boundary */
        char dst[96];
        memset(dst, 'z', sizeof dst);
        strcpy(dst, s);
        CHECK(strlen(dst) == len && memcmp(dst, s, len) == 0 && dst[len + 1] == 'z',
              "strcpy from boundary %zu", len);
    }
}

static void test_boundary_mem(void)
{
    unsigned char *end = page_end();
    unsigned char src[300], ref[300];
    for (int i = 0; i < 300; i++)
        src[i] = (unsigned char)(i * 7 + 3);
    for (size_t len = 0; len <= 260; len++) {
        unsigned char *d = end - len;
        memset(guard_base, 0xee, page_size);
        memcpy(d, src, len);
        CHECK(memcmp(d, src, len) == 0, "memcpy to boundary %zu", len);
        CHECK(len == 0 || d[-1] == 0xee, "memcpy wrote before the destination %zu", len);
        memset(ref, 0, sizeof ref);
        memcpy(ref, d, len);
        CHECK(memcmp(ref, src, len) == 0, "memcpy from boundary %zu", len);
        memset(d, 0x5a, len);
        int ok = 1;
        for (size_t i = 0; i < len; i++)
            ok &= d[i] == 0x5a;
        CHECK(ok && (len == 0 || d[-1] == 0xee), "memset to boundary %zu", len);
        /* memmove within the last bytes, both directions */
        memcpy(d, src, len);
        if (len > 2) {
            memmove(d + 1, d, len - 1);
            CHECK(memcmp(d + 1, src, len - 1) == 0, "memmove up at boundary %zu", len);
            memcpy(d, src, len);
            memmove(d, d + 1, len - 1);
            CHECK(memcmp(d, src + 1, len - 1) == 0, "memmove down at boundary %zu", len);
        }
    }
}

static void ref_memmove(unsigned char *buf, size_t dst, size_t src, size_t n)
{
    unsigned char tmp[512];
    for (size_t i = 0; i < n; i++)
        tmp[i] = buf[src + i];
    for (size_t i = 0; i < n; i++)
        buf[dst + i] = tmp[i];
}

static void test_memmove_overlap(void)
{
    unsigned char a[512], b[512];
    check_seed(99);
    for (int iter = 0; iter < 2000; iter++) {
        size_t n = check_rand() % 200, s = check_rand() % 300, d = check_rand() % 300;
        for (int i = 0; i < 512; i++)
            a[i] = b[i] = (unsigned char)check_rand();
        memmove(a + d, a + s, n);
        ref_memmove(b, d, s, n);
        CHECK(memcmp(a, b, sizeof a) == 0, "memmove d=%zu s=%zu n=%zu", d, s, n);
    }
    /* memset with every small length and alignment; nothing outside is touched */
    for (size_t off = 0; off < 16; off++) {
        for (size_t n = 0; n < 70; n++) {
            memset(a, 1, 128);
            memset(a + off, OPAQUE(0xc3), n);
            int ok = 1;
            for (size_t i = 0; i < 128; i++)
                ok &= a[i] == ((i >= off && i < off + n) ? 0xc3 : 1);
            CHECK(ok, "memset off %zu n %zu", off, n);
        }
    }
}

/* ---- unaligned accesses ---- */

struct __attribute__((packed)) packed_rec {
    uint8_t tag;
    uint16_t h;
    uint32_t w;
    uint64_t d;
    uint8_t tail;
    int16_t sh;
    int32_t sw;
};

static NOINLINE uint32_t load32_ptr(const void *p)
{
    return *(const uint32_t *)p; /* LDR on an unaligned address */
}

static NOINLINE uint16_t load16_ptr(const void *p)
{
    return *(const uint16_t *)p;
}

static NOINLINE int16_t loads16_ptr(const void *p)
{
    return *(const int16_t *)p;
}

static NOINLINE void store32_ptr(void *p, uint32_t v)
{
    *(uint32_t *)p = v;
}

static NOINLINE void store16_ptr(void *p, uint16_t v)
{
    *(uint16_t *)p = v;
}

static uint64_t le_bytes(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void test_unaligned(void)
{
    unsigned char buf[64];
    for (int i = 0; i < 64; i++)
        buf[i] = (unsigned char)(0x11 * i + 5);
    for (int off = 0; off < 16; off++) {
        unsigned char *p = buf + OPAQUE(off);
        uint16_t h;
        uint32_t w;
        uint64_t d;
        memcpy(&h, p, 2);
        memcpy(&w, p, 4);
        memcpy(&d, p, 8);
        CHECK(h == le_bytes(p, 2), "memcpy load16 off %d", off);
        CHECK(w == le_bytes(p, 4), "memcpy load32 off %d", off);
        CHECK(d == le_bytes(p, 8), "memcpy load64 off %d", off);
        CHECK(load32_ptr(p) == le_bytes(p, 4), "ldr unaligned off %d", off);
        CHECK(load16_ptr(p) == le_bytes(p, 2), "ldrh unaligned off %d", off);
        CHECK(loads16_ptr(p) == (int16_t)le_bytes(p, 2), "ldrsh unaligned off %d", off);
    }
    for (int off = 0; off < 16; off++) {
        unsigned char out[32];
        memset(out, 0, sizeof out);
        uint64_t v = 0x0102030405060708ull * (uint64_t)(off + 1);
        memcpy(out + OPAQUE(off), &v, 8);
        CHECK(le_bytes(out + off, 8) == v, "memcpy store64 off %d", off);
        CHECK(off == 0 || out[off - 1] == 0, "memcpy store64 wrote before, off %d", off);
        CHECK(out[off + 8] == 0, "memcpy store64 wrote after, off %d", off);
        memset(out, 0, sizeof out);
        store32_ptr(out + OPAQUE(off), 0xa1b2c3d4u);
        CHECK(le_bytes(out + off, 4) == 0xa1b2c3d4u && out[off + 4] == 0 &&
                  (off == 0 || out[off - 1] == 0), "str unaligned off %d", off);
        memset(out, 0, sizeof out);
        store16_ptr(out + OPAQUE(off), 0xbeef);
        CHECK(le_bytes(out + off, 2) == 0xbeef && out[off + 2] == 0 &&
                  (off == 0 || out[off - 1] == 0), "strh unaligned off %d", off);
    }

    /* packed structs: fields at odd offsets, read and written in place */
    unsigned char raw[sizeof(struct packed_rec) + 8];
    for (int off = 0; off < 4; off++) {
        struct packed_rec *r = (struct packed_rec *)(raw + OPAQUE(off));
        memset(raw, 0, sizeof raw);
        r->tag = 0x7e;
        r->h = 0x1234;
        r->w = 0x89abcdefu;
        r->d = 0xfedcba9876543210ull;
        r->tail = 0x55;
        r->sh = -2;
        r->sw = -123456789;
        unsigned char *b = raw + off;
        CHECK(b[0] == 0x7e, "packed tag");
        CHECK(le_bytes(b + 1, 2) == 0x1234, "packed h off %d", off);
        CHECK(le_bytes(b + 3, 4) == 0x89abcdefu, "packed w off %d", off);
        CHECK(le_bytes(b + 7, 8) == 0xfedcba9876543210ull, "packed d off %d", off);
        CHECK(b[15] == 0x55, "packed tail");
        CHECK(le_bytes(b + 16, 2) == 0xfffe, "packed sh off %d", off);
        CHECK((int32_t)le_bytes(b + 18, 4) == -123456789, "packed sw off %d", off);
        volatile struct packed_rec *vr = r;
        CHECK(vr->h == 0x1234 && vr->w == 0x89abcdefu && vr->d == 0xfedcba9876543210ull &&
                  vr->sh == -2 && vr->sw == -123456789, "packed read back off %d", off);
        vr->d += 1;
        vr->w ^= 0xffffffffu;
        CHECK(le_bytes(b + 7, 8) == 0xfedcba9876543211ull && le_bytes(b + 3, 4) == 0x76543210u,
              "packed update off %d", off);
    }
}

/* ---- byte swapping ---- */

static NOINLINE uint32_t rev_insn(uint32_t x)
{
    uint32_t r;
    __asm__("rev %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static NOINLINE uint32_t rev16_insn(uint32_t x)
{
    uint32_t r;
    __asm__("rev16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static NOINLINE int32_t revsh_insn(uint32_t x)
{
    int32_t r;
    __asm__("revsh %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static void test_bswap(void)
{
    check_seed(1234);
    for (int i = 0; i < 500; i++) {
        uint32_t x = check_rand();
        uint64_t y = check_rand64();
        unsigned char b[8];
        memcpy(b, &x, 4);
        uint32_t want32 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        CHECK(__builtin_bswap32(OPAQUE(x)) == want32, "bswap32 %08x", x);
        CHECK(rev_insn(x) == want32, "rev %08x", x);
        uint32_t want16 = (uint32_t)b[1] | (uint32_t)b[0] << 8 | (uint32_t)b[3] << 16 |
                          (uint32_t)b[2] << 24;
        CHECK(rev16_insn(x) == want16, "rev16 %08x", x);
        CHECK(revsh_insn(x) == (int32_t)(int16_t)(uint16_t)(b[1] | b[0] << 8), "revsh %08x", x);
        CHECK(__builtin_bswap16(OPAQUE((uint16_t)x)) == (uint16_t)(b[1] | b[0] << 8), "bswap16");
        memcpy(b, &y, 8);
        uint64_t want64 = 0;
        for (int k = 0; k < 8; k++)
            want64 = want64 << 8 | b[k];
        CHECK(__builtin_bswap64(OPAQUE(y)) == want64, "bswap64");
    }
}

/* ---- atomics ---- */

#define ATOMIC_TESTS(T, name, mask)                                                          \
    static void test_atomic_##name(void)                                                     \
    {                                                                                        \
        static volatile T v;                                                                 \
        T model = (T)0x5a;                                                                   \
        __atomic_store_n(&v, model, __ATOMIC_SEQ_CST);                                       \
        check_seed(sizeof(T) * 77);                                                          \
        for (int i = 0; i < 300; i++) {                                                      \
            T arg = (T)check_rand64();                                                       \
            T old;                                                                           \
            switch (i % 7) {                                                                 \
            case 0:                                                                          \
                old = __atomic_fetch_add(&v, arg, __ATOMIC_SEQ_CST);                         \
                CHECK(old == model, #name " fetch_add old");                                 \
                model = (T)(model + arg);                                                    \
                break;                                                                       \
            case 1:                                                                          \
                old = __atomic_fetch_sub(&v, arg, __ATOMIC_ACQ_REL);                         \
                CHECK(old == model, #name " fetch_sub old");                                 \
                model = (T)(model - arg);                                                    \
                break;                                                                       \
            case 2:                                                                          \
                old = __atomic_fetch_and(&v, arg | (T)0x0f0f, __ATOMIC_RELAXED);             \
                CHECK(old == model, #name " fetch_and old");                                 \
                model = (T)(model & (arg | (T)0x0f0f));                                      \
                break;                                                                       \
            case 3:                                                                          \
                old = __atomic_fetch_or(&v, arg, __ATOMIC_SEQ_CST);                          \
                CHECK(old == model, #name " fetch_or old");                                  \
                model = (T)(model | arg);                                                    \
                break;                                                                       \
            case 4:                                                                          \
                old = __atomic_fetch_xor(&v, arg, __ATOMIC_SEQ_CST);                         \
                CHECK(old == model, #name " fetch_xor old");                                 \
                model = (T)(model ^ arg);                                                    \
                break;                                                                       \
            case 5:                                                                          \
                old = __atomic_exchange_n(&v, arg, __ATOMIC_SEQ_CST);                        \
                CHECK(old == model, #name " exchange old");                                  \
                model = arg;                                                                 \
                break;                                                                       \
            default: {                                                                       \
                T expected = (T)(model + 1);                                                 \
                CHECK(!__atomic_compare_exchange_n(&v, &expected, arg, 0, __ATOMIC_SEQ_CST,  \
                                                   __ATOMIC_SEQ_CST),                        \
                      #name " cas with a wrong expected value fails");                       \
                CHECK(expected == model, #name " failed cas reports the current value");     \
                expected = model;                                                            \
                CHECK(__atomic_compare_exchange_n(&v, &expected, arg, 0, __ATOMIC_SEQ_CST,   \
                                                  __ATOMIC_SEQ_CST),                         \
                      #name " cas with the right expected value succeeds");                  \
                model = arg;                                                                 \
                expected = model;                                                            \
                int tries = 0;                                                               \
                while (!__atomic_compare_exchange_n(&v, &expected, (T)(model + 3), 1,        \
                                                    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) &&   \
                       ++tries < 100)                                                        \
                    ;                                                                        \
                CHECK(tries < 100, #name " weak cas eventually succeeds");                   \
                model = (T)(model + 3);                                                      \
                break;                                                                       \
            }                                                                                \
            }                                                                                \
            CHECK(__atomic_load_n(&v, __ATOMIC_SEQ_CST) == model, #name " value after op %d", \
                  i % 7);                                                                    \
        }                                                                                    \
        /* add/sub round trips and fetch-op return values */                                 \
        __atomic_store_n(&v, (T)(mask), __ATOMIC_RELEASE);                                   \
        CHECK(__atomic_add_fetch(&v, 1, __ATOMIC_SEQ_CST) == 0, #name " wraps to zero");     \
        CHECK(__atomic_sub_fetch(&v, 1, __ATOMIC_SEQ_CST) == (T)(mask), #name " wraps back");\
        CHECK(__sync_fetch_and_add(&v, 2) == (T)(mask), #name " sync fetch_and_add");        \
        CHECK(__sync_val_compare_and_swap(&v, (T)1, (T)7) == (T)1, #name " sync val cas");   \
        CHECK(__sync_bool_compare_and_swap(&v, (T)7, (T)9), #name " sync bool cas");         \
        CHECK(!__sync_bool_compare_and_swap(&v, (T)7, (T)11), #name " sync bool cas fails"); \
        __sync_synchronize();                                                                \
        CHECK(v == 9, #name " final value");                                                 \
    }

ATOMIC_TESTS(uint8_t, u8, 0xff)
ATOMIC_TESTS(uint16_t, u16, 0xffff)
ATOMIC_TESTS(uint32_t, u32, 0xffffffffu)
ATOMIC_TESTS(uint64_t, u64, 0xffffffffffffffffull)

/* Neighbouring bytes of a word are unaffected by narrow atomics. */
static void test_atomic_neighbours(void)
{
    static volatile union {
        uint8_t b[8];
        uint16_t h[4];
        uint32_t w[2];
        uint64_t d;
    } u;
    u.d = 0x1122334455667788ull;
    __atomic_fetch_add(&u.b[2], 1, __ATOMIC_SEQ_CST);
    CHECK_U64(u.d, 0x1122334455677788ull, "byte atomic neighbours");
    __atomic_fetch_xor(&u.h[3], 0xffff, __ATOMIC_SEQ_CST);
    CHECK_U64(u.d, 0xeedd334455677788ull, "halfword atomic neighbours");
    __atomic_exchange_n(&u.w[0], 0, __ATOMIC_SEQ_CST);
    CHECK_U64(u.d, 0xeedd334400000000ull, "word atomic neighbours");
    uint64_t exp = 0xeedd334400000000ull;
    CHECK(__atomic_compare_exchange_n(&u.d, &exp, 0x0123456789abcdefull, 0, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST), "doubleword cas");
    CHECK(u.w[0] == 0x89abcdefu && u.w[1] == 0x01234567u, "doubleword cas halves");
    /* a 64-bit add with a carry between the halves */
    u.d = 0x00000000ffffffffull;
    __atomic_fetch_add(&u.d, 1, __ATOMIC_SEQ_CST);
    CHECK_U64(u.d, 0x100000000ull, "atomic 64-bit carry");
    __atomic_fetch_sub(&u.d, 1, __ATOMIC_SEQ_CST);
    CHECK_U64(u.d, 0xffffffffull, "atomic 64-bit borrow");
}


/* Exclusive pairs written out by hand: the status register of STREX*, the register pair
   of LDREXD/STREXD, and CLREX clearing the monitor so the next STREX fails. */
static void test_exclusive_asm(void)
{
    static volatile uint32_t word = 100;
    static volatile uint64_t dword __attribute__((aligned(8))) = 0x1111111122222222ull;
    static volatile uint8_t byte = 7;
    static volatile uint16_t half = 0x1234;
    uint32_t old, status;
    int tries = 0;
    do {
        __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #5\n\tstrex %1, %0, [%2]"
                         : "=&r"(old), "=&r"(status)
                         : "r"(&word)
                         : "memory");
    } while (status != 0 && ++tries < 100);
    CHECK(status == 0 && old == 105 && word == 105, "ldrex/strex add: %u %u", status, word);

    uint64_t v;
    tries = 0;
    do {
        __asm__ volatile("ldrexd %Q0, %R0, [%2]\n\t"
                         "adds %Q0, %Q0, #0xf0000000\n\t"
                         "adc %R0, %R0, #0\n\t"
                         "strexd %1, %Q0, %R0, [%2]"
                         : "=&r"(v), "=&r"(status)
                         : "r"(&dword)
                         : "memory", "cc");
    } while (status != 0 && ++tries < 100);
    CHECK(status == 0 && dword == 0x1111111122222222ull + 0xf0000000ull,
          "ldrexd/strexd carry between halves: status %u", status);

    uint32_t b;
    tries = 0;
    do {
        __asm__ volatile("ldrexb %0, [%2]\n\tadd %0, %0, #250\n\tstrexb %1, %0, [%2]"
                         : "=&r"(b), "=&r"(status)
                         : "r"(&byte)
                         : "memory");
    } while (status != 0 && ++tries < 100);
    CHECK(status == 0 && byte == (uint8_t)(7 + 250), "ldrexb/strexb truncates: %u", byte);
    tries = 0;
    do {
        __asm__ volatile("ldrexh %0, [%2]\n\tadd %0, %0, #0xff00\n\tstrexh %1, %0, [%2]"
                         : "=&r"(b), "=&r"(status)
                         : "r"(&half)
                         : "memory");
    } while (status != 0 && ++tries < 100);
    CHECK(status == 0 && half == (uint16_t)(0x1234 + 0xff00), "ldrexh/strexh truncates: %x",
          half);

    /* after CLREX the monitor is open, so the store must fail and memory stay unchanged */
    word = 1;
    __asm__ volatile("ldrex %0, [%2]\n\tclrex\n\tmov %0, #9\n\tstrex %1, %0, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(&word)
                     : "memory");
    CHECK(status == 1 && word == 1, "strex after clrex fails: status %u word %u", status, word);
    uint64_t pair = OPAQUE(0x600000005ull);
    __asm__ volatile("clrex\n\tstrexd %0, %Q2, %R2, [%1]"
                     : "=&r"(status)
                     : "r"(&dword), "r"(pair)
                     : "memory");
    CHECK(status == 1 && dword == 0x1111111122222222ull + 0xf0000000ull,
          "strexd without a reservation fails: status %u", status);
}

int main(void)
{
    setup_guard();
    test_boundary_strings();
    test_boundary_mem();
    test_memmove_overlap();
    test_unaligned();
    test_bswap();
    test_atomic_u8();
    test_atomic_u16();
    test_atomic_u32();
    test_atomic_u64();
    test_atomic_neighbours();
    test_exclusive_asm();
    return check_summary("memops");
}
