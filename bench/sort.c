/*
 * sort.c: quicksort (median of three, insertion sort for short runs) and a bottom-up
 * mergesort of 50,000 pseudo-random integers per round. Compare-and-branch heavy with
 * unpredictable branches, loads and stores over a working set larger than the L1 cache.
 * Both sorts must agree and produce a sorted permutation.
 */
#include <string.h>

#include "bench.h"

#define N 50000

static void insertion_sort(uint32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap(uint32_t *a, int i, int j)
{
    uint32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(uint32_t *a, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swap(a, mid, lo);
        if (a[hi] < a[lo])
            swap(a, hi, lo);
        if (a[hi] < a[mid])
            swap(a, hi, mid);
        uint32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j)
                swap(a, i++, j--);
        }
        /* Recurse into the smaller half, loop on the larger. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static void mergesort(uint32_t *a, uint32_t *tmp, int n)
{
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, sizeof(uint32_t) * n);
    }
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 100);
    static uint32_t a[N], b[N], tmp[N];
    uint32_t seed = 2463534242u, checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        uint32_t in_sum = 0;
        for (int i = 0; i < N; i++) {
            /* Round 0 has many duplicates, the others are spread out. */
            a[i] = b[i] = bench_rand(&seed) % (round == 0 ? 1000u : 0xffffffffu);
            in_sum += a[i];
        }
        quicksort(a, 0, N - 1);
        mergesort(b, tmp, N);
        uint32_t out_sum = 0;
        for (int i = 0; i < N; i++) {
            if (a[i] != b[i])
                return bench_fail("sort", "quicksort and mergesort disagree");
            if (i && a[i - 1] > a[i])
                return bench_fail("sort", "result not sorted");
            out_sum += a[i];
            checksum = checksum * 31 + a[i] * (uint32_t)(i + 1);
        }
        if (out_sum != in_sum)
            return bench_fail("sort", "result not a permutation");
    }
    return bench_report("sort", scale, checksum);
}
