/*
 * nqueens.c: counting N-queens solutions by backtracking with arrays of occupied columns and
 * diagonals (not bitmasks), for N from 4 to 10 each round. Deep recursion, short loops and
 * many unpredictable branches. The counts are the known sequence (OEIS A000170).
 */
#include <string.h>

#include "bench.h"

static uint8_t cols[32], diag1[64], diag2[64];
static uint32_t nodes;

static uint32_t place(int row, int n)
{
    if (row == n)
        return 1;
    uint32_t count = 0;
    for (int c = 0; c < n; c++) {
        if (cols[c] || diag1[row + c] || diag2[row - c + n])
            continue;
        nodes++;
        cols[c] = diag1[row + c] = diag2[row - c + n] = 1;
        count += place(row + 1, n);
        cols[c] = diag1[row + c] = diag2[row - c + n] = 0;
    }
    return count;
}

int main(int argc, char **argv)
{
    static const uint32_t known[] = {1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200};
    uint32_t scale = bench_scale(argc, argv, 500);
    uint32_t checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        for (int n = 4; n <= 10; n++) {
            memset(cols, 0, sizeof cols);
            memset(diag1, 0, sizeof diag1);
            memset(diag2, 0, sizeof diag2);
            uint32_t count = place(0, n);
            if (count != known[n - 1])
                return bench_fail("nqueens", "solution count differs from the known value");
            checksum = checksum * 33 + count;
        }
    }
    checksum += nodes;
    return bench_report("nqueens", scale, checksum);
}
