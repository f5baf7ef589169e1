/*
 * strings.c: the C library's string and memory routines on every length 0..64 (and a few
 * longer ones) and every alignment 0..15 of source and destination, against plain reference
 * loops. glibc's ARM versions use word, doubleword, NEON and unaligned accesses chosen at run
 * time, so this exercises the load/store paths of the translator well. Guard bytes around each
 * destination catch writes past the end; a string that ends at the last byte before an
 * inaccessible page catches reads past the terminator that cross into the next page.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"

#define MAXLEN 64
#define MAXALIGN 16
#define BUFSZ (4096 + 256)

static unsigned char src_buf[BUFSZ] __attribute__((aligned(64)));
static unsigned char dst_buf[BUFSZ] __attribute__((aligned(64)));
static unsigned char ref_buf[BUFSZ] __attribute__((aligned(64)));

static const size_t extra_lens[] = {65, 100, 127, 128, 129, 255, 256, 511, 1000, 4096};

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8) + 1);
}

static size_t ref_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int sign(int x) { return (x > 0) - (x < 0); }

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static int ref_strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
    return 0;
}

/* Runs fn for lengths 0..MAXLEN and the extra lengths. */
static size_t length_at(int i)
{
    return i <= MAXLEN ? (size_t)i : extra_lens[i - MAXLEN - 1];
}
#define N_LENGTHS (MAXLEN + 1 + (int)(sizeof extra_lens / sizeof extra_lens[0]))

static void check_memcpy(void)
{
    for (int li = 0; li < N_LENGTHS; li++) {
        size_t len = length_at(li);
        for (int sa = 0; sa < MAXALIGN; sa++) {
            for (int da = 0; da < MAXALIGN; da++) {
                if (len > 256 && (sa % 5 || da % 3))
                    continue; /* long copies: a sample of the alignments is enough */
                size_t end = da + 8 + len + 16; /* guard bytes on both sides */
                fill_pattern(src_buf, sa + len, (unsigned)(len + sa));
                memset(dst_buf, 0xee, end);
                void *r = memcpy(dst_buf + da + 8, src_buf + sa, len);
                CHECK(r == dst_buf + da + 8, "memcpy return value");
                int ok = 1;
                for (size_t i = 0; i < len; i++)
                    ok &= dst_buf[da + 8 + i] == src_buf[sa + i];
                for (int i = 0; i < da + 8; i++)
                    ok &= dst_buf[i] == 0xee;
                for (size_t i = da + 8 + len; i < end; i++)
                    ok &= dst_buf[i] == 0xee;
                CHECK(ok, "memcpy len %zu src+%d dst+%d", len, sa, da);
            }
        }
    }
}

static void check_memmove(void)
{
    unsigned char tmp[4096];
    for (int li = 0; li < N_LENGTHS; li++) {
        size_t len = length_at(li);
        for (int shift = -17; shift <= 17; shift++) {
            for (int a = 0; a < 8; a++) {
                if (len > 256 && (a % 3 || shift % 4))
                    continue;
                /* Work in a window with 32 guard bytes beyond either end of the moves. */
                size_t base = 64 + a, window = base + len + 17 + 32;
                fill_pattern(dst_buf, window, (unsigned)len);
                memcpy(ref_buf, dst_buf, window);
                /* Reference: copy through a temporary, which is what memmove means. */
                for (size_t i = 0; i < len; i++)
                    tmp[i] = ref_buf[base + i];
                for (size_t i = 0; i < len; i++)
                    ref_buf[base + shift + i] = tmp[i];
                void *r = memmove(dst_buf + base + shift, dst_buf + base, len);
                CHECK(r == dst_buf + base + shift, "memmove return value");
                CHECK(ref_memcmp(dst_buf, ref_buf, window) == 0,
                      "memmove len %zu shift %d align %d", len, shift, a);
            }
        }
    }
}

static void check_memset(void)
{
    static const int values[] = {0, 0xff, 0x5a, 0x100 + 0x33, -1};
    for (int li = 0; li < N_LENGTHS; li++) {
        size_t len = length_at(li);
        for (int a = 0; a < MAXALIGN; a++) {
            for (unsigned v = 0; v < sizeof values / sizeof values[0]; v++) {
                memset(dst_buf, 0xee, 8 + a + len + 16);
                void *r = memset(dst_buf + 8 + a, values[v], len);
                CHECK(r == dst_buf + 8 + a, "memset return value");
                unsigned char want = (unsigned char)values[v];
                int ok = 1;
                for (size_t i = 0; i < len; i++)
                    ok &= dst_buf[8 + a + i] == want;
                for (int i = 0; i < 8 + a; i++)
                    ok &= dst_buf[i] == 0xee;
                for (size_t i = 8 + a + len; i < 8 + a + len + 16; i++)
                    ok &= dst_buf[i] == 0xee;
                CHECK(ok, "memset len %zu align %d value %d", len, a, values[v]);
            }
        }
    }
}

static void check_memcmp(void)
{
    for (int li = 0; li < N_LENGTHS; li++) {
        size_t len = length_at(li);
        for (int a = 0; a < 8; a++) {
            int b = (a * 3) % 8;
            fill_pattern(src_buf + a, len, 3);
            fill_pattern(dst_buf + b, len, 3);
            CHECK(memcmp(src_buf + a, dst_buf + b, len) == 0, "memcmp equal len %zu", len);
            /* A difference at each position, in both directions (bytes compare unsigned). */
            for (size_t pos = 0; pos < len; pos += (len > 64 ? 37 : 1)) {
                unsigned char saved = dst_buf[b + pos];
                dst_buf[b + pos] = (unsigned char)(src_buf[a + pos] ^ 0x80);
                int want = ref_memcmp(src_buf + a, dst_buf + b, len);
                int got = memcmp(src_buf + a, dst_buf + b, len);
                CHECK(sign(got) == want, "memcmp len %zu diff at %zu: %d want sign %d", len,
                      pos, got, want);
                got = memcmp(dst_buf + b, src_buf + a, len);
                CHECK(sign(got) == -want, "memcmp reversed len %zu diff at %zu", len, pos);
                dst_buf[b + pos] = saved;
            }
        }
    }
}

/* Writes a string of length len at p made of bytes 1..255 (never NUL), then garbage. */
static void make_string(char *p, size_t len, unsigned seed)
{
    for (size_t i = 0; i < len; i++)
        p[i] = (char)(1 + (seed + i * 13) % 255);
    p[len] = 0;
    for (int i = 1; i < 16; i++)
        p[len + i] = (char)(0x41 + i);
}

static void check_strlen_strchr(void)
{
    for (int li = 0; li < N_LENGTHS; li++) {
        size_t len = length_at(li);
        for (int a = 0; a < MAXALIGN; a++) {
            char *s = (char *)src_buf + a;
            make_string(s, len, (unsigned)(a + len));
            CHECK(strlen(s) == len, "strlen %zu align %d: got %zu", len, a, strlen(s));
            CHECK(strnlen(s, len / 2) == len / 2, "strnlen bounded");
            CHECK(strnlen(s, len + 5) == len, "strnlen");
            CHECK(strchr(s, 0) == s + len, "strchr NUL len %zu", len);
            for (size_t pos = 0; pos < len; pos += (len > 64 ? 29 : 1)) {
                int c = (unsigned char)s[pos];
                char *first = NULL, *last = NULL;
                for (size_t i = 0; i < len; i++) {
                    if ((unsigned char)s[i] == c) {
                        if (!first)
                            first = s + i;
                        last = s + i;
                    }
                }
                CHECK(strchr(s, c) == first, "strchr len %zu pos %zu", len, pos);
                CHECK(strrchr(s, c) == last, "strrchr len %zu pos %zu", len, pos);
                CHECK(memchr(s, c, len) == first, "memchr len %zu pos %zu", len, pos);
                CHECK(memrchr(s, c, len) == last, "memrchr len %zu pos %zu", len, pos);
            }
            CHECK(strchr(s, 0x41 + 3) == NULL || len > 0, "strchr must stop at NUL");
        }
    }
}

static void check_strcmp(void)
{
    char a[300], b[300];
    for (int li = 0; li <= MAXLEN + 3; li++) {
        size_t len = li <= MAXLEN ? (size_t)li : extra_lens[li - MAXLEN - 1];
        for (int al = 0; al < 8; al++) {
            char *x = a + al, *y = b + (7 - al);
            make_string(x, len, 5);
            make_string(y, len, 5);
            CHECK(strcmp(x, y) == 0, "strcmp equal len %zu", len);
            CHECK(strncmp(x, y, len + 10) == 0, "strncmp equal len %zu", len);
            for (size_t pos = 0; pos <= len; pos++) {
                char saved = y[pos];
                y[pos] = (char)(x[pos] + 0x70); /* may wrap past 0x80: signedness matters */
                if (y[pos] == 0)
                    y[pos] = 1;
                int want = ref_strncmp(x, y, SIZE_MAX);
                CHECK(sign(strcmp(x, y)) == want, "strcmp len %zu diff at %zu", len, pos);
                CHECK(sign(strcmp(y, x)) == -want, "strcmp reversed len %zu diff at %zu", len, pos);
                CHECK(sign(strncmp(x, y, pos)) == 0, "strncmp stops before diff");
                CHECK(sign(strncmp(x, y, pos + 1)) == want, "strncmp sees diff");
                y[pos] = saved;
                y[len] = 0;
            }
            /* A prefix compares below the longer string. */
            if (len > 0) {
                y[len - 1] = 0;
                CHECK(strcmp(x, y) > 0 && strcmp(y, x) < 0, "prefix order len %zu", len);
            }
        }
    }
}

static char *ref_strstr(const char *h, const char *n)
{
    size_t hl = ref_strlen(h), nl = ref_strlen(n);
    for (size_t i = 0; i + nl <= hl; i++)
        if (ref_strncmp(h + i, n, nl) == 0)
            return (char *)h + i;
    return NULL;
}

static void check_strstr(void)
{
    char hay[600], needle[80];
    for (int round = 0; round < 400; round++) {
        size_t hl = check_rand() % 520, nl = check_rand() % 70;
        /* A small alphabet makes partial matches frequent. */
        for (size_t i = 0; i < hl; i++)
            hay[i] = (char)('a' + check_rand() % 3);
        hay[hl] = 0;
        if (hl > nl && (round & 1)) {
            size_t at = check_rand() % (hl - nl);
            memcpy(needle, hay + at, nl);
        } else {
            for (size_t i = 0; i < nl; i++)
                needle[i] = (char)('a' + check_rand() % 3);
        }
        needle[nl] = 0;
        CHECK(strstr(hay, needle) == ref_strstr(hay, needle), "strstr hay %zu needle %zu", hl, nl);
    }
    CHECK_STR(strstr("hello world", "o w"), "o world", "strstr");
    CHECK(strstr("hello", "") != NULL, "empty needle");
    CHECK(strstr("aaa", "aaaa") == NULL, "needle longer than haystack");
}

static void check_strcpy_strcat(void)
{
    char src[200], dst[400];
    for (size_t len = 0; len < 130; len++) {
        for (int a = 0; a < 8; a++) {
            make_string(src + a, len, (unsigned)len);
            memset(dst, 'x', sizeof dst);
            char *r = strcpy(dst + (7 - a), src + a);
            CHECK(r == dst + (7 - a), "strcpy return value");
            CHECK(ref_strncmp(dst + (7 - a), src + a, SIZE_MAX) == 0, "strcpy len %zu", len);
            CHECK(dst[7 - a + len + 1] == 'x', "strcpy wrote past the NUL");
            r = stpcpy(dst + 1, src + a);
            CHECK(r == dst + 1 + len && *r == 0, "stpcpy return value len %zu", len);
            strcpy(dst, "head:");
            r = strcat(dst, src + a);
            CHECK(r == dst && ref_strlen(dst) == 5 + len, "strcat len %zu", len);
            CHECK(ref_strncmp(dst + 5, src + a, SIZE_MAX) == 0, "strcat content len %zu", len);
            memset(dst, 'y', sizeof dst);
            r = strncpy(dst, src + a, 40);
            size_t copied = len < 40 ? len : 40;
            int ok = memcmp(dst, src + a, copied) == 0;
            for (size_t i = copied; i < 40; i++)
                ok &= dst[i] == 0; /* strncpy pads with NULs */
            ok &= dst[40] == 'y';
            CHECK(ok && r == dst, "strncpy len %zu", len);
        }
    }
}

/* Truncation is what these calls test. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static void check_sprintf(void)
{
    char buf[64];
    int n = sprintf(buf, "%d|%s|%c|%x", -42, "str", 'q', 0xbeef);
    CHECK(n == 14 && strcmp(buf, "-42|str|q|beef") == 0, "sprintf: %d \"%s\"", n, buf);
    n = snprintf(buf, 8, "%s", "0123456789");
    CHECK(n == 10 && strcmp(buf, "0123456") == 0, "snprintf truncation: %d \"%s\"", n, buf);
    n = snprintf(buf, 1, "%d", 12345);
    CHECK(n == 5 && buf[0] == 0, "snprintf size 1");
    n = snprintf(NULL, 0, "%u-%u", 1000u, 2000u);
    CHECK(n == 9, "snprintf NULL/0 returns the length");
    for (int v = -1000; v <= 1000; v += 7) {
        int len = snprintf(buf, sizeof buf, "%d", v);
        /* Parse it back by hand. */
        int neg = buf[0] == '-', acc = 0;
        for (int i = neg; i < len; i++)
            acc = acc * 10 + (buf[i] - '0');
        CHECK((neg ? -acc : acc) == v && len == (int)ref_strlen(buf), "snprintf %d", v);
    }
}

/* Formats v in base b with digits 0-9a-z. */
static void ref_format(unsigned long v, int base, char *out)
{
    char tmp[40];
    int n = 0;
    do {
        int d = (int)(v % (unsigned)base);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= (unsigned)base;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

static void check_strtol(void)
{
    char buf[64], *end;
    for (int i = 0; i < 3000; i++) {
        unsigned long v = check_rand() >> (check_rand() % 32);
        int base = 2 + (int)(check_rand() % 35);
        ref_format(v, base, buf);
        errno = 0;
        CHECK(strtoul(buf, &end, base) == v && *end == 0 && errno == 0, "strtoul %s base %d",
              buf, base);
        if (v <= LONG_MAX) {
            char neg[66] = "-";
            strcpy(neg + 1, buf);
            CHECK(strtol(neg, &end, base) == -(long)v && *end == 0, "strtol %s base %d", neg,
                  base);
        }
    }
    errno = 0;
    CHECK(strtol("  +123abc", &end, 10) == 123 && strcmp(end, "abc") == 0, "strtol whitespace");
    CHECK(strtol("0x1F", &end, 0) == 31 && *end == 0, "strtol base 0 hex");
    CHECK(strtol("0755", &end, 0) == 493 && *end == 0, "strtol base 0 octal");
    CHECK(strtol("-0x80000000", &end, 16) == LONG_MIN && errno == 0, "strtol LONG_MIN");
    CHECK(strtol("zz", &end, 36) == 35 * 36 + 35, "strtol base 36");
    errno = 0;
    CHECK(strtol("2147483648", &end, 10) == LONG_MAX && errno == ERANGE, "strtol overflow");
    errno = 0;
    CHECK(strtol("-2147483649", &end, 10) == LONG_MIN && errno == ERANGE, "strtol underflow");
    errno = 0;
    CHECK(strtoul("4294967295", &end, 10) == 4294967295ul && errno == 0, "strtoul max");
    CHECK(strtoul("4294967296", &end, 10) == ULONG_MAX && errno == ERANGE, "strtoul overflow");
    const char *junk = "junk";
    CHECK(strtol(junk, &end, 10) == 0 && end == junk, "strtol no digits");
    CHECK(strtoull("18446744073709551615", &end, 10) == 18446744073709551615ull,
          "strtoull max");
    CHECK(strtoll("-9223372036854775808", &end, 10) == (-9223372036854775807ll - 1),
          "strtoll min");
    CHECK(atoi("  -77") == -77, "atoi");
}

/* A string whose terminator is the last byte before a page the guest cannot read. */
static void check_page_boundary(void)
{
    unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    if (p == MAP_FAILED)
        return;
    CHECK(mprotect(p + 4096, 4096, PROT_NONE) == 0, "mprotect");
    for (size_t len = 0; len < 100; len++) {
        char *s = (char *)p + 4095 - len;
        memset(s, 'k', len);
        s[len] = 0;
        CHECK(strlen(s) == len, "strlen at page end %zu", len);
        CHECK(strchr(s, 'z') == NULL, "strchr at page end %zu", len);
        CHECK(strrchr(s, 'k') == (len ? s + len - 1 : NULL), "strrchr at page end %zu", len);
        CHECK(strcmp(s, s) == 0, "strcmp at page end");
        char copy[128];
        strcpy(copy, s);
        CHECK(ref_strlen(copy) == len, "strcpy from page end %zu", len);
        CHECK(memchr(s, 0, len + 1) == s + len, "memchr at page end");
        CHECK(rawmemchr(s, 0) == s + len, "rawmemchr at page end");
    }
    munmap(p, 8192);
}

int main(void)
{
    check_memcpy();
    check_memmove();
    check_memset();
    check_memcmp();
    check_strlen_strchr();
    check_strcmp();
    check_strstr();
    check_strcpy_strcat();
    check_sprintf();
    check_strtol();
    check_page_boundary();
    return check_summary("strings");
}
