/*
 * sgemm.c: single-precision matrix multiply (C += A * B, 96x96, a blocked
 * i-k-j loop) repeated, with a transpose-and-compare self check.  Exercises
 * VFP single-precision multiply-add sequences and float loads/stores.
 *
 * Contraction into fused multiply-adds is off so the guest and the native
 * build round identically; the checksum hashes the bits of the result.
 */
#pragma GCC optimize("fp-contract=off")
#include <string.h>

#include "bench.h"

#define N 96

static float a[N][N], b[N][N], c[N][N];

static void sgemm(void)
{
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < N; k++) {
            float aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
    }
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 400);
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            /* small integers: every product and partial sum is exact */
            a[i][j] = (float)(bench_rand(&seed) % 7) - 3.0f;
            b[i][j] = (float)(bench_rand(&seed) % 5) - 2.0f;
        }
    }
    /* exact check: with integer-valued entries, c = a * b has integer entries */
    memset(c, 0, sizeof(c));
    sgemm();
    for (int i = 0; i < N; i += 17) {
        for (int j = 0; j < N; j += 13) {
            int64_t ref = 0;
            for (int k = 0; k < N; k++)
                ref += (int64_t)a[i][k] * (int64_t)b[k][j];
            if ((float)ref != c[i][j])
                return bench_fail("sgemm", "integer-valued product");
        }
    }
    /* then fractional data for the timed rounds */
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            a[i][j] = (float)(bench_rand(&seed) % 1000) / 997.0f;
            b[i][j] = (float)(bench_rand(&seed) % 1000) / 991.0f;
        }
    }
    memset(c, 0, sizeof(c));
    for (uint32_t round = 0; round < scale; round++)
        sgemm();
    uint32_t h = 0x811c9dc5u;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            uint32_t bits;
            memcpy(&bits, &c[i][j], sizeof(bits));
            h = (h ^ bits) * 0x01000193u;
        }
    }
    return bench_report("sgemm", scale, h);
}
