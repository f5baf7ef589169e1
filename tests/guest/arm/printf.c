/*
 * printf.c: formatted output. Each case formats with snprintf and compares with the string the
 * C standard (and glibc's documented choices for %p and %a) requires, written by hand. A few
 * lines also go to stdout through printf/puts/putchar/fputs so that the buffered stdio path and
 * the write system call are exercised, and the differential runner sees real output.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "check.h"

/* Formats are checked at run time here, so the compiler's format checks would only repeat them. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-truncation"

static char buf[512];

#define EXPECT(want, ...)                                                                  \
    do {                                                                                   \
        int n_ = snprintf(buf, sizeof buf, __VA_ARGS__);                                   \
        CHECK(n_ == (int)strlen(want) && strcmp(buf, want) == 0,                           \
              "format %s: got \"%s\" (%d) want \"%s\"", #__VA_ARGS__, buf, n_, want);      \
    } while (0)

static void check_integers(void)
{
    EXPECT("0", "%d", 0);
    EXPECT("-1", "%d", -1);
    EXPECT("2147483647", "%d", INT_MAX);
    EXPECT("-2147483648", "%d", INT_MIN);
    EXPECT("4294967295", "%u", UINT_MAX);
    EXPECT("-2147483648", "%ld", LONG_MIN);
    EXPECT("9223372036854775807", "%lld", LLONG_MAX);
    EXPECT("-9223372036854775808", "%lld", LLONG_MIN);
    EXPECT("18446744073709551615", "%llu", ULLONG_MAX);
    EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
    EXPECT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
    EXPECT("-1|-1", "%lld|%d", -1ll, -1); /* 64-bit argument aligned in registers/stack */
    EXPECT("1 2 3 4 5 6 7 8 9 10", "%d %lld %d %lld %d %lld %d %lld %d %lld", 1, 2ll, 3, 4ll,
           5, 6ll, 7, 8ll, 9, 10ll);
    EXPECT("-128 127 255", "%hhd %hhd %hhu", 128, 127, 255);
    EXPECT("-32768 65535", "%hd %hu", 32768, 65535);
    EXPECT("4294967295", "%zu", (size_t)-1);
    EXPECT("-5", "%zd", (ssize_t)-5);
    EXPECT("-9223372036854775808", "%jd", INTMAX_MIN);
    EXPECT("-7", "%td", (ptrdiff_t)-7);
}

static void check_bases(void)
{
    EXPECT("ff", "%x", 255);
    EXPECT("FF", "%X", 255);
    EXPECT("0xff", "%#x", 255);
    EXPECT("0XFF", "%#X", 255);
    EXPECT("0", "%#x", 0); /* no prefix for zero */
    EXPECT("deadbeef", "%x", 0xdeadbeefu);
    EXPECT("777", "%o", 511);
    EXPECT("0777", "%#o", 511);
    EXPECT("0", "%#o", 0);
    EXPECT("37777777777", "%o", UINT_MAX);
    EXPECT("1777777777777777777777", "%llo", ULLONG_MAX);
    EXPECT("00000000deadbeef", "%016llx", 0xdeadbeefull);
}

static void check_widths(void)
{
    EXPECT("   42", "%5d", 42);
    EXPECT("42   |", "%-5d|", 42);
    EXPECT("00042", "%05d", 42);
    EXPECT("-0042", "%05d", -42);
    EXPECT("+42", "%+d", 42);
    EXPECT("-42", "%+d", -42);
    EXPECT(" 42", "% d", 42);
    EXPECT("+0", "%+d", 0);
    EXPECT("007", "%.3d", 7);
    EXPECT("  007", "%5.3d", 7);
    EXPECT("-007 ", "%-5.3d", -7);
    EXPECT("", "%.0d", 0); /* zero precision and value zero: no digits */
    EXPECT("    ", "%4.0d", 0);
    EXPECT("  007", "%05.3d", 7); /* precision disables the zero flag */
    EXPECT("    42", "%*d", 6, 42);
    EXPECT("42    |", "%*d|", -6, 42); /* negative width means left-justify */
    EXPECT("00042", "%.*d", 5, 42);
    EXPECT("   0x2a", "%#7x", 42);
    EXPECT("0x0002a", "%#07x", 42);
    EXPECT("42       99", "%-9d%2d", 42, 99);
    EXPECT("%", "%%");
    EXPECT("100%", "%d%%", 100);
}

static void check_chars_strings(void)
{
    EXPECT("A", "%c", 'A');
    EXPECT("    A", "%5c", 'A');
    EXPECT("A    |", "%-5c|", 'A');
    EXPECT("hello", "%s", "hello");
    EXPECT("     hello", "%10s", "hello");
    EXPECT("hello     |", "%-10s|", "hello");
    EXPECT("hel", "%.3s", "hello");
    EXPECT("  hel", "%5.3s", "hello");
    EXPECT("he", "%.*s", 2, "hello");
    EXPECT("", "%s", "");
    EXPECT("(null)", "%s", (char *)NULL); /* glibc's choice */
    EXPECT("a\tb\nc", "a\tb\nc");
    EXPECT("x\xe9y", "%s", "x\xe9y"); /* bytes above 0x7f pass through unchanged */
}

static void check_pointers_and_n(void)
{
    EXPECT("0x1234", "%p", (void *)0x1234);
    EXPECT("0xdeadbeef", "%p", (void *)0xdeadbeef);
    EXPECT("(nil)", "%p", NULL);
    EXPECT("    0x10", "%8p", (void *)0x10);

    int n1 = -1, n2 = -1;
    signed char hh = -1;
    long long ll = -1;
    EXPECT("abcdef", "abc%ndef%n", &n1, &n2);
    CHECK(n1 == 3 && n2 == 6, "%%n: %d %d", n1, n2);
    EXPECT("12345", "%d%hhn", 12345, &hh);
    CHECK(hh == 5, "%%hhn: %d", hh);
    EXPECT("0123456789", "%s%lln", "0123456789", &ll);
    CHECK(ll == 10, "%%lln");
}

static void check_floats(void)
{
    EXPECT("3.14", "%.2f", 3.14159);
    EXPECT("3.141590", "%f", 3.14159);
    EXPECT("-0.500", "%.3f", -0.5);
    EXPECT("2", "%.0f", 1.5);  /* round half to even */
    EXPECT("2", "%.0f", 2.5);
    EXPECT("1.234568e+04", "%e", 12345.678);
    EXPECT("1.2E-05", "%.1E", 0.0000123);
    EXPECT("0.0001", "%g", 0.0001);
    EXPECT("1e-05", "%g", 0.00001);
    EXPECT("123457", "%g", 123456.7);
    EXPECT("1.23457e+06", "%g", 1234567.0);
    EXPECT("100", "%g", 100.0);
    EXPECT("  1.50", "%6.2f", 1.5);
    EXPECT("001.50", "%06.2f", 1.5);
    EXPECT("+1.5", "%+.1f", 1.5);
    EXPECT("inf", "%f", 1.0 / 0.0);
    EXPECT("-INF", "%F", -1.0 / 0.0);
    EXPECT("nan", "%f", __builtin_nan(""));
    EXPECT("0x1p+0", "%a", 1.0);
    EXPECT("0x1.8p+1", "%a", 3.0);
    EXPECT("1e+100", "%g", 1e100);
    EXPECT("4294967296", "%.0f", 4294967296.0);
    EXPECT("0.1000000000000000055511151231257827", "%.34f", 0.1);
    EXPECT("1.000000", "%f", (double)1.0f);
    EXPECT("-0.000000", "%f", -0.0);
}

/* A variadic function of our own: arguments of mixed sizes through va_arg. */
static int sum_mixed(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    long long total = 0;
    for (int i = 0; i < count; i++) {
        switch (i % 3) {
        case 0: total += va_arg(ap, int); break;
        case 1: total += va_arg(ap, long long); break;
        default: total += (long long)va_arg(ap, double); break;
        }
    }
    va_end(ap);
    return (int)total;
}

static int my_vsnprintf(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    return n;
}

static void check_varargs(void)
{
    CHECK(sum_mixed(6, 1, 2ll, 3.0, 4, 5ll, 6.5) == 21, "sum_mixed");
    CHECK(sum_mixed(9, -1, -2ll, -3.0, 1000, 1ll << 40, 0.25, 7, 8ll, 9.9) ==
              (int)(-6 + 1000 + (1ll << 40) + 7 + 8 + 9),
          "sum_mixed long");
    int n = my_vsnprintf(buf, sizeof buf, "%s=%d;%s=%lld", "a", 1, "b", 1ll << 33);
    CHECK(n == 16 && strcmp(buf, "a=1;b=8589934592") == 0, "vsnprintf: %s", buf);
    char *p;
    n = asprintf(&p, "%0*d", 300, 1);
    CHECK(n == 300 && p && p[0] == '0' && p[299] == '1' && p[300] == 0, "asprintf long");
    free(p);
}

int main(void)
{
    check_integers();
    check_bases();
    check_widths();
    check_chars_strings();
    check_pointers_and_n();
    check_floats();
    check_varargs();

    /* Output through the different stdio entry points. */
    printf("printf: %d %s %c %x %lld\n", 1, "two", '3', 4, 5ll);
    puts("puts: line");
    fputs("fputs: line\n", stdout);
    putchar('p');
    putchar('\n');
    fprintf(stdout, "fprintf: %05.1f\n", 2.25);
    fwrite("fwrite: 12345\n", 1, 14, stdout);
    return check_summary("printf");
}
