/*
 * bench.h: shared helpers of the benchmark programs. Each program takes an optional scale
 * argument (the number of rounds of its work), prints one line "name: scale=N checksum=X" and
 * exits with status 1 if its own consistency checks fail. Everything is computed with
 * fixed-width types so the same source gives the same checksum on the ARM guest and natively
 * on the host, which is how bench/run.sh validates the emulators' results.
 */
#ifndef FERRY_BENCH_H
#define FERRY_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint32_t bench_scale(int argc, char **argv, uint32_t default_scale)
{
    if (argc > 1) {
        long v = strtol(argv[1], NULL, 10);
        if (v > 0)
            return (uint32_t)v;
    }
    return default_scale;
}

/* xorshift32: the deterministic input generator. */
static inline uint32_t bench_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static inline int bench_fail(const char *name, const char *what)
{
    printf("%s: SELF-CHECK FAILED: %s\n", name, what);
    return 1;
}

static inline int bench_report(const char *name, uint32_t scale, uint32_t checksum)
{
    printf("%s: scale=%u checksum=%08x\n", name, (unsigned)scale, (unsigned)checksum);
    return 0;
}

#endif
