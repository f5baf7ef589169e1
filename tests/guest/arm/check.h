/*
 * check.h: the tiny self-checking harness shared by the ARM guest test programs.
 *
 * Each program counts its checks, prints one line per failed check (with the file line and the
 * values involved) and ends with check_summary(), whose result is the exit status: 0 only when
 * every check passed. Output is deterministic so the differential runner can compare it between
 * ferry and qemu-arm; no pointer values or timings are ever printed.
 */
#ifndef FERRY_GUEST_CHECK_H
#define FERRY_GUEST_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned long check_count;
static unsigned long check_failed;

/* Limits the output when a broken translation makes thousands of checks fail. */
#define CHECK_MAX_REPORTS 50

static inline int check_report(int ok, int line)
{
    check_count++;
    if (ok)
        return 1;
    check_failed++;
    if (check_failed <= CHECK_MAX_REPORTS)
        printf("FAIL line %d: ", line);
    return 0;
}

static inline int check_verbose(void)
{
    return check_failed <= CHECK_MAX_REPORTS;
}

/* CHECK(cond, fmt, ...): the message is printed only when cond is false. */
#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        if (!check_report(!!(cond), __LINE__) && check_verbose()) {         \
            printf(__VA_ARGS__);                                            \
            printf("\n");                                                   \
        }                                                                   \
    } while (0)

#define CHECK_U32(got, want, what)                                          \
    do {                                                                    \
        uint32_t g_ = (uint32_t)(got), w_ = (uint32_t)(want);               \
        CHECK(g_ == w_, "%s: got 0x%08" PRIx32 " want 0x%08" PRIx32,       \
              (what), g_, w_);                                              \
    } while (0)

#define CHECK_U64(got, want, what)                                          \
    do {                                                                    \
        uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);               \
        CHECK(g_ == w_, "%s: got 0x%016" PRIx64 " want 0x%016" PRIx64,     \
              (what), g_, w_);                                              \
    } while (0)

#define CHECK_STR(got, want, what)                                          \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        CHECK(strcmp(g_, w_) == 0, "%s: got \"%s\" want \"%s\"",            \
              (what), g_, w_);                                              \
    } while (0)

/* Prints the summary line and returns the exit status for main. */
static inline int check_summary(const char *program)
{
    if (check_failed > CHECK_MAX_REPORTS)
        printf("(%lu more failures not shown)\n", check_failed - CHECK_MAX_REPORTS);
    if (check_failed == 0) {
        printf("%s: all %lu checks passed\n", program, check_count);
        return 0;
    }
    printf("%s: %lu of %lu checks FAILED\n", program, check_failed, check_count);
    return 1;
}

/* xorshift32: a deterministic generator so every run checks the same values. */
static uint32_t check_rng_state = 2463534242u;

static inline void check_seed(uint32_t seed)
{
    check_rng_state = seed ? seed : 2463534242u;
}

static inline uint32_t check_rand(void)
{
    uint32_t x = check_rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    check_rng_state = x;
    return x;
}

static inline uint64_t check_rand64(void)
{
    uint64_t hi = check_rand();
    return (hi << 32) | check_rand();
}

/* Keeps the compiler from folding values known at compile time. */
#define OPAQUE(x) ({ __typeof__(x) v_ = (x); __asm__("" : "+r"(v_)); v_; })

#endif
