/*
 * malloc.c: heap stress. Hundreds of thousands of malloc/free/realloc/calloc operations driven
 * by a seeded generator, every block filled with a pattern derived from its slot and size and
 * verified before it is freed or resized. Large blocks (over glibc's 128 KiB mmap threshold)
 * go through mmap/mremap/munmap; small ones through brk. Also: raw sbrk growth and shrink,
 * aligned allocation, and malloc_usable_size.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define SLOTS 4096
#define OPS 200000

struct Slot {
    uint8_t *p;
    uint32_t size;
    uint32_t tag;
};

static struct Slot slots[SLOTS];

static uint8_t pattern_byte(uint32_t tag, uint32_t i)
{
    uint32_t x = tag * 2654435761u + i * 40503u;
    return (uint8_t)(x ^ (x >> 13));
}

/* Filling and checking every byte of the larger blocks would dominate the run time, so
 * those are checked on a stride (odd, so every byte lane is covered) plus the last byte. */
static uint32_t stride_for(uint32_t size)
{
    return size > 65536 ? 251 : size > 4096 ? 61 : size > 256 ? 7 : 1;
}

static void fill(uint8_t *p, uint32_t size, uint32_t tag)
{
    uint32_t step = stride_for(size);
    for (uint32_t i = 0; i < size; i += step)
        p[i] = pattern_byte(tag, i);
    if (size)
        p[size - 1] = pattern_byte(tag, size - 1);
}

static int verify(const uint8_t *p, uint32_t size, uint32_t tag, uint32_t upto)
{
    uint32_t step = stride_for(size);
    uint32_t limit = upto < size ? upto : size;
    for (uint32_t i = 0; i < limit; i += step)
        if (p[i] != pattern_byte(tag, i))
            return 0;
    if (limit == size && size && p[size - 1] != pattern_byte(tag, size - 1))
        return 0;
    return 1;
}

static uint32_t random_size(void)
{
    uint32_t r = check_rand() % 1000;
    if (r < 600)
        return check_rand() % 64;           /* tiny: fastbins and tcache */
    if (r < 900)
        return 64 + check_rand() % 1024;    /* small */
    if (r < 998)
        return 1024 + check_rand() % 32768; /* medium */
    return 131072 + check_rand() % (1u << 19); /* large: mmap */
}

static void check_sbrk(void)
{
    uint8_t *start = sbrk(0);
    CHECK(start != (void *)-1, "sbrk(0)");
    uint8_t *old = sbrk(65536);
    CHECK(old == start, "sbrk returns the previous break");
    uint8_t *now = sbrk(0);
    CHECK(now == start + 65536, "break moved by 64 KiB");
    for (uint32_t i = 0; i < 65536; i++)
        start[i] = (uint8_t)i;
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 65536; i++)
        sum += start[i];
    CHECK(sum == 256u * (255 * 256 / 2), "new break area is usable");
    CHECK(sbrk(-65536) == now, "sbrk shrink");
    CHECK(sbrk(0) == start, "break restored");
    /* Growing again gives zero-filled memory. */
    uint8_t *again = sbrk(8192);
    int zero = 1;
    for (int i = 0; i < 8192; i++)
        zero &= again[i] == 0;
    CHECK(zero, "memory from a regrown break is zeroed");
    sbrk(-8192);
}

static void check_stress(void)
{
    unsigned long mallocs = 0, frees = 0, reallocs = 0, callocs = 0, bad = 0;
    for (uint32_t op = 0; op < OPS; op++) {
        struct Slot *s = &slots[check_rand() % SLOTS];
        uint32_t choice = check_rand() % 10;
        if (!s->p) {
            uint32_t size = random_size();
            if (choice < 2) {
                uint32_t n = 1 + size / 8;
                s->p = calloc(n, 8);
                s->size = n * 8;
                callocs++;
                if (s->p) {
                    int zero = 1;
                    for (uint32_t i = 0; i < s->size; i += stride_for(s->size))
                        zero &= s->p[i] == 0;
                    if (!zero && bad++ < 10)
                        CHECK(0, "calloc(%u, 8) not zeroed", n);
                }
            } else {
                s->p = malloc(size);
                s->size = size;
                mallocs++;
            }
            CHECK(s->p != NULL, "allocation of %u bytes failed", s->size);
            if (!s->p)
                continue;
            CHECK(((uintptr_t)s->p & 7) == 0, "malloc result not 8-byte aligned");
            s->tag = op;
            fill(s->p, s->size, s->tag);
        } else {
            if (!verify(s->p, s->size, s->tag, s->size) && bad++ < 10)
                CHECK(0, "block of %u bytes (tag %u) corrupted", s->size, s->tag);
            if (choice < 6) {
                free(s->p);
                s->p = NULL;
                frees++;
            } else {
                uint32_t size = choice < 8 ? random_size() : s->size + check_rand() % 300;
                uint8_t *q = realloc(s->p, size);
                reallocs++;
                if (size == 0) {
                    s->p = NULL; /* glibc's realloc(p, 0) frees p */
                    continue;
                }
                CHECK(q != NULL, "realloc to %u failed", size);
                if (!q)
                    continue;
                /* The old contents survive up to the smaller size. */
                if (!verify(q, s->size, s->tag, size) && bad++ < 10)
                    CHECK(0, "realloc %u -> %u lost contents", s->size, size);
                s->p = q;
                s->size = size;
                s->tag = op;
                fill(q, size, op);
            }
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p) {
            if (!verify(slots[i].p, slots[i].size, slots[i].tag, slots[i].size) && bad++ < 10)
                CHECK(0, "final check of slot %d", i);
            free(slots[i].p);
            slots[i].p = NULL;
        }
    }
    CHECK(bad == 0, "%lu corrupted blocks", bad);
    CHECK(mallocs + callocs > 50000 && frees > 50000 && reallocs > 20000,
          "operation mix: %lu malloc %lu calloc %lu free %lu realloc", mallocs, callocs, frees,
          reallocs);
}

static void check_large(void)
{
    /* Blocks far above the mmap threshold, touched on every page. */
    for (uint32_t mb = 1; mb <= 16; mb *= 4) {
        uint32_t size = mb << 20;
        uint8_t *p = malloc(size);
        CHECK(p != NULL, "malloc %u MiB", mb);
        if (!p)
            continue;
        for (uint32_t i = 0; i < size; i += 4096)
            p[i] = (uint8_t)(i >> 12);
        uint8_t *q = realloc(p, size * 2); /* mremap */
        CHECK(q != NULL, "realloc to %u MiB", mb * 2);
        if (!q) {
            free(p);
            continue;
        }
        int ok = 1;
        for (uint32_t i = 0; i < size; i += 4096)
            ok &= q[i] == (uint8_t)(i >> 12);
        q[size * 2 - 1] = 1;
        CHECK(ok, "contents after growing a %u MiB block", mb);
        free(q);
    }
    /* calloc of a large block comes straight from mmap and is zero. */
    uint32_t *z = calloc(1 << 20, 4);
    int zero = 1;
    for (uint32_t i = 0; i < (1 << 20); i += 1021)
        zero &= z[i] == 0;
    CHECK(z && zero, "large calloc zeroed");
    free(z);
}

static void check_aligned(void)
{
    for (size_t align = 8; align <= 65536; align *= 2) {
        void *p = NULL;
        CHECK(posix_memalign(&p, align, 100) == 0 && ((uintptr_t)p & (align - 1)) == 0,
              "posix_memalign %zu", align);
        free(p);
        p = aligned_alloc(align, align * 3);
        CHECK(p && ((uintptr_t)p & (align - 1)) == 0, "aligned_alloc %zu", align);
        if (p)
            memset(p, 0xab, align * 3);
        free(p);
        p = memalign(align, 17);
        CHECK(p && ((uintptr_t)p & (align - 1)) == 0, "memalign %zu", align);
        free(p);
    }
    for (size_t n = 0; n < 5000; n += 37) {
        void *p = malloc(n);
        CHECK(p && malloc_usable_size(p) >= n, "malloc_usable_size(%zu)", n);
        free(p);
    }
    size_t huge = OPAQUE((size_t)0xfff00000u);
    CHECK(malloc(huge) == NULL, "impossible allocation returns NULL");
}

int main(void)
{
    check_sbrk();
    check_stress();
    check_large();
    check_aligned();
    return check_summary("malloc");
}
