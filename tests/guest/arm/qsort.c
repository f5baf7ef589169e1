/*
 * qsort.c: qsort and bsearch, which call back into guest code for every comparison (indirect
 * calls through a function pointer from inside the C library). Arrays of ints, strings and
 * structs of several sizes (so glibc copies elements by word, by byte and through its
 * indirect path); input orders random, sorted, reversed and all equal. The result must be
 * sorted and be a permutation of the input: every element carries a unique id and must still
 * match the original element with that id.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static unsigned long compare_calls;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    compare_calls++;
    return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b)
{
    return cmp_int(b, a);
}

static int cmp_str(const void *a, const void *b)
{
    compare_calls++;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum { ORDER_RANDOM, ORDER_SORTED, ORDER_REVERSED, ORDER_EQUAL, ORDER_FEW, N_ORDERS };

static int key_for(int order, int i, int n)
{
    switch (order) {
    case ORDER_SORTED: return i * 3 - n;
    case ORDER_REVERSED: return (n - i) * 3;
    case ORDER_EQUAL: return 42;
    case ORDER_FEW: return (int)(check_rand() % 4) - 2;
    default: return (int)check_rand();
    }
}

static void check_ints(int n, int order)
{
    int *a = malloc(sizeof(int) * (n + 1)), *orig = malloc(sizeof(int) * (n + 1));
    for (int i = 0; i < n; i++)
        a[i] = orig[i] = key_for(order, i, n);
    qsort(a, n, sizeof(int), cmp_int);
    int sorted = 1;
    for (int i = 1; i < n; i++)
        sorted &= a[i - 1] <= a[i];
    CHECK(sorted, "ints n=%d order=%d not sorted", n, order);
    /* Permutation: sum and xor of a mixing function are order independent. */
    uint32_t s1 = 0, s2 = 0, x1 = 0, x2 = 0;
    for (int i = 0; i < n; i++) {
        uint32_t h1 = (uint32_t)a[i] * 2654435761u, h2 = (uint32_t)orig[i] * 2654435761u;
        s1 += h1, s2 += h2;
        x1 ^= h1 ^ (h1 >> 15), x2 ^= h2 ^ (h2 >> 15);
    }
    CHECK(s1 == s2 && x1 == x2, "ints n=%d order=%d not a permutation", n, order);
    for (int probe = 0; probe < 50 && n > 0; probe++) {
        int idx = (int)(check_rand() % (unsigned)n);
        int *found = bsearch(&orig[idx], a, n, sizeof(int), cmp_int);
        CHECK(found && *found == orig[idx], "bsearch finds element %d", orig[idx]);
    }
    /* Keys absent from the array. */
    if (order == ORDER_SORTED || order == ORDER_REVERSED) {
        int absent = a[0] - 1;
        CHECK(bsearch(&absent, a, n, sizeof(int), cmp_int) == NULL, "bsearch below minimum");
        absent = n ? a[n - 1] + 1 : 0;
        CHECK(bsearch(&absent, a, n, sizeof(int), cmp_int) == NULL, "bsearch above maximum");
        if (n > 1) {
            absent = a[n / 2] + 1; /* keys are multiples of 3 apart */
            CHECK(bsearch(&absent, a, n, sizeof(int), cmp_int) == NULL, "bsearch in a gap");
        }
    }
    qsort(a, n, sizeof(int), cmp_int_desc);
    sorted = 1;
    for (int i = 1; i < n; i++)
        sorted &= a[i - 1] >= a[i];
    CHECK(sorted, "ints n=%d descending", n);
    free(a);
    free(orig);
}

/* Records of several sizes: a key, a unique id, and filler derived from both. */
#define DEFINE_RECORD(SIZE)                                                        \
    struct Rec##SIZE {                                                             \
        int32_t key;                                                               \
        uint16_t id;                                                               \
        uint8_t fill[(SIZE) - 6];                                                  \
    } __attribute__((packed));                                                     \
    static int cmp_rec##SIZE(const void *a, const void *b)                         \
    {                                                                              \
        const struct Rec##SIZE *x = a, *y = b;                                     \
        compare_calls++;                                                           \
        return (x->key > y->key) - (x->key < y->key);                              \
    }                                                                              \
    static void check_rec##SIZE(int n, int order)                                  \
    {                                                                              \
        struct Rec##SIZE *a = malloc(sizeof *a * n), *orig = malloc(sizeof *a * n); \
        for (int i = 0; i < n; i++) {                                              \
            orig[i].key = key_for(order, i, n) % 1000;                             \
            orig[i].id = (uint16_t)i;                                              \
            for (int k = 0; k < (SIZE) - 6; k++)                                   \
                orig[i].fill[k] = (uint8_t)(i * 7 + k);                            \
        }                                                                          \
        memcpy(a, orig, sizeof *a * n);                                            \
        qsort(a, n, sizeof *a, cmp_rec##SIZE);                                     \
        unsigned char *seen = calloc(n, 1);                                        \
        int ok = 1;                                                                \
        for (int i = 0; i < n; i++) {                                              \
            int id = a[i].id;                                                      \
            ok &= id < n && !seen[id];                                             \
            if (id < n) {                                                          \
                seen[id] = 1;                                                      \
                ok &= memcmp(&a[i], &orig[id], sizeof *a) == 0;                    \
            }                                                                      \
            if (i > 0)                                                             \
                ok &= a[i - 1].key <= a[i].key;                                    \
        }                                                                          \
        CHECK(ok, "records of %d bytes n=%d order=%d", (SIZE), n, order);          \
        free(seen);                                                                \
        free(a);                                                                   \
        free(orig);                                                                \
    }

DEFINE_RECORD(7)
DEFINE_RECORD(8)
DEFINE_RECORD(12)
DEFINE_RECORD(16)
DEFINE_RECORD(24)
DEFINE_RECORD(33)
DEFINE_RECORD(100)

static void check_records(int n, int order)
{
    check_rec7(n, order);
    check_rec8(n, order);
    check_rec12(n, order);
    check_rec16(n, order);
    check_rec24(n, order);
    check_rec33(n, order);
    check_rec100(n, order);
}

static void check_strings(int n)
{
    char **v = malloc(sizeof(char *) * n);
    char *store = malloc((size_t)n * 16);
    for (int i = 0; i < n; i++) {
        char *s = store + i * 16;
        int len = 1 + (int)(check_rand() % 12);
        for (int k = 0; k < len; k++)
            s[k] = (char)('a' + check_rand() % 4);
        s[len] = 0;
        v[i] = s;
    }
    qsort(v, n, sizeof(char *), cmp_str);
    int ok = 1;
    for (int i = 1; i < n; i++)
        ok &= strcmp(v[i - 1], v[i]) <= 0;
    CHECK(ok, "strings n=%d not sorted", n);
    /* Each pointer must appear exactly once. */
    unsigned char *seen = calloc(n, 1);
    for (int i = 0; i < n; i++) {
        long idx = (v[i] - store) / 16;
        ok &= idx >= 0 && idx < n && !seen[idx];
        if (idx >= 0 && idx < n)
            seen[idx] = 1;
    }
    CHECK(ok, "strings n=%d not a permutation", n);
    for (int i = 0; i < n; i += 1 + n / 20) {
        char **found = bsearch(&v[i], v, n, sizeof(char *), cmp_str);
        CHECK(found && strcmp(*found, v[i]) == 0, "bsearch string %s", v[i]);
    }
    char *missing = "zzzz";
    CHECK(bsearch(&missing, v, n, sizeof(char *), cmp_str) == NULL, "bsearch missing string");
    free(seen);
    free(store);
    free(v);
}

/* qsort_r passes a context argument through to the comparator. */
static int cmp_mod(const void *a, const void *b, void *ctx)
{
    int m = *(int *)ctx;
    int x = *(const int *)a % m, y = *(const int *)b % m;
    return (x > y) - (x < y);
}

static void check_qsort_r(void)
{
    int a[500], m = 17;
    for (int i = 0; i < 500; i++)
        a[i] = i;
    qsort_r(a, 500, sizeof(int), cmp_mod, &m);
    int ok = 1;
    for (int i = 1; i < 500; i++)
        ok &= a[i - 1] % m <= a[i] % m;
    CHECK(ok, "qsort_r with context");
}

int main(void)
{
    static const int sizes[] = {0, 1, 2, 3, 5, 8, 16, 17, 100, 1000, 20000};
    for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int order = 0; order < N_ORDERS; order++) {
            check_ints(sizes[s], order);
            if (sizes[s] <= 1000)
                check_records(sizes[s], order);
        }
    }
    check_ints(60000, ORDER_RANDOM);
    check_records(3000, ORDER_RANDOM);
    check_strings(3000);
    check_strings(2);
    check_qsort_r();
    CHECK(compare_calls > 100000, "comparator calls: %lu", compare_calls);
    return check_summary("qsort");
}
