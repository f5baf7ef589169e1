/*
 * The small checking harness shared by the unit tests: CHECK(cond) and
 * CHECK_EQ(got, want) count results and print one line per failure;
 * unit_summary() prints the "N passed, M failed" line ctest readers expect
 * and returns the exit status.
 */
#ifndef FERRY_TESTS_UNIT_CHECK_H
#define FERRY_TESTS_UNIT_CHECK_H

#include <stdbool.h>
#include <stdio.h>

static int n_pass, n_fail;

static void check(bool ok, const char *what, int line)
{
    if (ok) {
        n_pass++;
        return;
    }
    n_fail++;
    printf("FAIL line %d: %s\n", line, what);
}

static void check_eq(unsigned long long got, unsigned long long want, const char *what,
                     int line)
{
    if (got == want) {
        n_pass++;
        return;
    }
    n_fail++;
    printf("FAIL line %d: %s: got 0x%llx, want 0x%llx\n", line, what, got, want);
}

#define CHECK(c)        check((c), #c, __LINE__)
#define CHECK_EQ(a, b)  check_eq((unsigned long long)(a), (unsigned long long)(b), #a, __LINE__)

static inline int unit_summary(void)
{
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail != 0;
}

#endif
