/*
 * Unit test of the guest address space (src/exec/guestmem.c): the host
 * reservation and its guard regions, guest mmap/munmap/mprotect/mremap/brk
 * semantics, the page table, the copy helpers and invalidation calls.
 *
 * This file defines tb_invalidate_range itself to record the calls, so the
 * test links guestmem without the translation engine.
 *
 * Build alone (log_stub.c: any definitions of ferry_log, ferry_fatal and
 * ferry_assert_fail):
 *     gcc -std=gnu11 -Wall -Wextra -D_GNU_SOURCE -Isrc \
 *         tests/unit/test_guestmem.c src/exec/guestmem.c log_stub.c \
 *         -lpthread -o test_guestmem
 */
#include "exec/guestmem.h"
#include "exec/tb_invalidate.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG   GUEST_PAGE_SIZE
#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

#include "unit_check.h"

/* ---- the invalidation hook, recorded ------------------------------------ */

static int inval_calls;
static uint32_t inval_start, inval_end;

void tb_invalidate_range(uint32_t start, uint32_t end)
{
    inval_calls++;
    inval_start = start;
    inval_end = end;
}

/* ---- host-side probes --------------------------------------------------- */

/* True when the host page at h is mapped (by anything). */
static bool host_mapped(uintptr_t h)
{
    void *p = mmap((void *)h, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    if (p == MAP_FAILED)
        return errno == EEXIST;
    munmap(p, PG);
    return false;
}

/* Host protection of the page at guest address a, from /proc/self/maps
 * ("rwx" letters as a bit mask of PROT_*), or -1 when not found. */
static int host_prot(uint32_t a)
{
    uintptr_t h = (uintptr_t)g2h(a);
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int prot = -1;

    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 || h < lo || h >= hi)
            continue;
        prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
               (perms[2] == 'x' ? PROT_EXEC : 0);
        break;
    }
    if (f)
        fclose(f);
    return prot;
}

static uint32_t map_anon(uint32_t addr, uint32_t len, int prot, int extra)
{
    return gmem_mmap(addr, len, prot, ANON | extra, -1, 0);
}

static char tmp_path[64];

/* A temporary file of npages pages, page i filled with byte 'A' + i. */
static int make_file(int npages)
{
    strcpy(tmp_path, "/tmp/ferry_gmem_XXXXXX");
    int fd = mkstemp(tmp_path);
    if (fd < 0)
        return -1;
    unlink(tmp_path);
    char buf[PG];
    for (int i = 0; i < npages; i++) {
        memset(buf, 'A' + i, sizeof buf);
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            return -1;
    }
    return fd;
}

/* ---- tests -------------------------------------------------------------- */

static void test_reservation(void)
{
    CHECK(guest_base != 0);
    CHECK_EQ(guest_base % PG, 0);
    /* The guard regions and the guest space are all held by ferry. */
    const uintptr_t g = 1ull << 30;
    CHECK(host_mapped(guest_base - 2 * g));
    CHECK(host_mapped(guest_base - PG));
    CHECK(host_mapped(guest_base));
    CHECK(host_mapped(guest_base + 0x80000000u));
    CHECK(host_mapped(guest_base + 4 * g - PG));
    CHECK(host_mapped(guest_base + 4 * g));
    CHECK(host_mapped(guest_base + 6 * g - PG));
    CHECK_EQ(host_prot(0x12345000), 0);
    CHECK_EQ(gmem_page_flags(0x12345000), 0);
    /* A second init keeps the first reservation. */
    uintptr_t before = guest_base;
    gmem_init();
    CHECK_EQ(guest_base, before);
    CHECK(!gmem_set_base(0x200000000000ull)); /* too late: already reserved */
}

static void test_mmap_anon(void)
{
    uint32_t a = map_anon(0, 3 * PG, RW, 0);
    CHECK(!gmem_is_err(a));
    CHECK_EQ(a % PG, 0);
    CHECK(a + 3 * PG <= GUEST_MMAP_TOP);
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(a + 2 * PG + 100), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(host_prot(a), RW);
    uint8_t *h = g2h(a);
    CHECK(h[0] == 0 && h[3 * PG - 1] == 0);
    memset(h, 0x5a, 3 * PG);

    /* Unaligned length rounds up; placement is top-down. */
    uint32_t b = map_anon(0, 100, PROT_READ, 0);
    CHECK(!gmem_is_err(b));
    CHECK(b + PG <= a);
    CHECK_EQ(gmem_page_flags(b), PAGE_VALID | PAGE_READ);
    CHECK_EQ(gmem_page_flags(b + PG), gmem_page_flags(b + PG)); /* whatever is there */
    CHECK_EQ(host_prot(b), PROT_READ);

    CHECK_EQ(gmem_munmap(a, 3 * PG), 0);
    CHECK_EQ(gmem_munmap(b, 1), 0);
    CHECK_EQ(gmem_page_flags(a), 0);
    CHECK_EQ(gmem_page_flags(b), 0);
    CHECK_EQ(host_prot(a), 0);
    CHECK(host_mapped((uintptr_t)g2h(a)));

    /* The same address comes back, and its memory is fresh. */
    uint32_t c = map_anon(0, 3 * PG, RW, 0);
    CHECK_EQ(c, a);
    CHECK_EQ(((uint8_t *)g2h(c))[5], 0);
    gmem_munmap(c, 3 * PG);
}

static void test_mmap_errors(void)
{
    CHECK_EQ(map_anon(0, 0, RW, 0), (uint32_t)-EINVAL);
    CHECK_EQ(map_anon(0x20000100, PG, RW, MAP_FIXED), (uint32_t)-EINVAL);
    CHECK_EQ(map_anon(0xfffff000, 2 * PG, RW, MAP_FIXED), (uint32_t)-ENOMEM);
    CHECK_EQ(gmem_mmap(0, PG, RW, MAP_ANONYMOUS, -1, 0), (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mmap(0, PG, RW, MAP_PRIVATE, -1, 100), (uint32_t)-EINVAL);
    CHECK_EQ(map_anon(0, 0xc0000000u, RW, 0), (uint32_t)-ENOMEM);
    CHECK_EQ(map_anon(0, 0xffffffffu, RW, 0), (uint32_t)-ENOMEM);
    CHECK(gmem_is_err((uint32_t)-EINVAL));
    CHECK(!gmem_is_err(0xfffff000u));

    /* MAP_FIXED_NOREPLACE: -EEXIST on a taken range, even with MAP_FIXED. */
    uint32_t a = map_anon(0x30000000, 2 * PG, RW, MAP_FIXED);
    CHECK_EQ(a, 0x30000000);
    CHECK_EQ(map_anon(0x30001000, 2 * PG, RW, MAP_FIXED_NOREPLACE), (uint32_t)-EEXIST);
    CHECK_EQ(map_anon(0x30001000, PG, RW, MAP_FIXED | MAP_FIXED_NOREPLACE),
             (uint32_t)-EEXIST);
    CHECK_EQ(map_anon(0x30002000, PG, RW, MAP_FIXED_NOREPLACE), 0x30002000);
    CHECK_EQ(map_anon(0x30003100, PG, RW, MAP_FIXED_NOREPLACE), (uint32_t)-EINVAL);

    /* A failing file mapping leaves what was there (Linux checks the fd
     * before touching the address space). */
    memcpy(g2h(a), "keep", 5);
    CHECK_EQ(gmem_mmap(a, PG, RW, MAP_PRIVATE | MAP_FIXED, -1, 0), (uint32_t)-EBADF);
    CHECK_EQ(gmem_mmap(a, PG, RW, MAP_PRIVATE | MAP_FIXED, 12345, 0), (uint32_t)-EBADF);
    CHECK(memcmp(g2h(a), "keep", 5) == 0);
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    /* ... and over free space the reservation stays. */
    CHECK_EQ(gmem_mmap(0x30010000, PG, RW, MAP_PRIVATE | MAP_FIXED, -1, 0), (uint32_t)-EBADF);
    CHECK_EQ(gmem_page_flags(0x30010000), 0);
    CHECK(host_mapped((uintptr_t)g2h(0x30010000)));
    CHECK_EQ(gmem_mmap(0, PG, RW, MAP_PRIVATE, -1, 0), (uint32_t)-EBADF);
    gmem_munmap(0x30000000, 3 * PG);
}

static void test_mmap_hint(void)
{
    uint32_t a = map_anon(0x40000000, 2 * PG, RW, 0);
    CHECK_EQ(a, 0x40000000);
    uint32_t b = map_anon(0x40000000, PG, RW, 0); /* taken: placed elsewhere */
    CHECK(!gmem_is_err(b) && b != 0x40000000);
    uint32_t c = map_anon(0x40002001, PG, RW, 0); /* rounded up */
    CHECK_EQ(c, 0x40003000);
    uint32_t d = map_anon(0xbfff0000, PG, RW, 0); /* above TASK_SIZE: ignored */
    CHECK(!gmem_is_err(d) && d < GUEST_MMAP_TOP);
    uint32_t e = map_anon(0x100, PG, RW, 0); /* too low: ignored */
    CHECK(!gmem_is_err(e) && e >= 0x10000);
    CHECK_EQ(gmem_find_free(0x40000000, PG) != 0x40000000, 1);
    CHECK_EQ(gmem_find_free(0x50000000, PG), 0x50000000);
    CHECK_EQ(gmem_find_free(0, 0), 0);
    gmem_munmap(a, 2 * PG);
    gmem_munmap(b, PG);
    gmem_munmap(c, PG);
    gmem_munmap(d, PG);
    gmem_munmap(e, PG);
}

static void test_mmap_high_and_exec(void)
{
    /* The ARM kuser helper page is mapped MAP_FIXED above TASK_SIZE. */
    uint32_t k = map_anon(0xffff0000, PG, PROT_READ | PROT_EXEC, MAP_FIXED);
    CHECK_EQ(k, 0xffff0000);
    CHECK_EQ(gmem_page_flags(0xffff0fff), PAGE_VALID | PAGE_READ | PAGE_EXEC);
    /* Guest code needs no host exec permission. */
    CHECK_EQ(host_prot(0xffff0000), PROT_READ);
    inval_calls = 0;
    CHECK_EQ(gmem_munmap(0xffff0000, PG), 0);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, 0xffff0000);
    CHECK_EQ(inval_end, 0xffff1000);
    /* Code in the last page: the exclusive end is clamped to 32 bits. */
    CHECK_EQ(map_anon(0xfffff000, PG, PROT_EXEC, MAP_FIXED), 0xfffff000);
    inval_calls = 0;
    CHECK_EQ(gmem_munmap(0xffffe000, 2 * PG), 0);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, 0xfffff000);
    CHECK_EQ(inval_end, 0xffffffff);

    /* Exec-only pages are host readable but not guest readable. */
    uint32_t x = map_anon(0, PG, PROT_EXEC, 0);
    CHECK_EQ(gmem_page_flags(x), PAGE_VALID | PAGE_EXEC);
    CHECK_EQ(host_prot(x), PROT_READ);
    char c;
    CHECK_EQ(copy_from_guest(&c, x, 1), -EFAULT);
    gmem_munmap(x, PG);

    /* PROT_NONE mappings are valid but inaccessible. */
    uint32_t n = map_anon(0, PG, PROT_NONE, 0);
    CHECK_EQ(gmem_page_flags(n), PAGE_VALID);
    CHECK_EQ(host_prot(n), 0);
    CHECK_EQ(gmem_mprotect(n, PG, PROT_READ), 0); /* valid, so mprotect works */
    gmem_munmap(n, PG);

    /* MAP_FIXED over code drops its translations. */
    uint32_t a = map_anon(0x31000000, 2 * PG, PROT_READ | PROT_EXEC, MAP_FIXED);
    inval_calls = 0;
    CHECK_EQ(map_anon(0x31001000, PG, RW, MAP_FIXED), 0x31001000);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, 0x31001000);
    CHECK_EQ(inval_end, 0x31002000);
    gmem_munmap(a, 2 * PG);
}

static void test_file_mapping(void)
{
    int fd = make_file(3);
    CHECK(fd >= 0);
    uint32_t a = gmem_mmap(0, 2 * PG, PROT_READ, MAP_PRIVATE, fd, PG);
    CHECK(!gmem_is_err(a));
    CHECK_EQ(((uint8_t *)g2h(a))[0], 'B');
    CHECK_EQ(((uint8_t *)g2h(a))[2 * PG - 1], 'C');
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ);
    gmem_munmap(a, 2 * PG);

    /* Shared writable mappings write through to the file. */
    uint32_t s = gmem_mmap(0, PG, RW, MAP_SHARED, fd, 0);
    CHECK(!gmem_is_err(s));
    memcpy(g2h(s), "shared", 6);
    char buf[8] = { 0 };
    CHECK_EQ(pread(fd, buf, 6, 0), 6);
    CHECK(memcmp(buf, "shared", 6) == 0);
    gmem_munmap(s, PG);

    /* Host errors come back as -errno with the reservation intact. */
    int wo = open("/dev/null", O_WRONLY);
    CHECK_EQ(gmem_mmap(0x32000000, PG, PROT_READ, MAP_SHARED | MAP_FIXED, wo, 0),
             (uint32_t)-EACCES);
    close(wo);
    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK_EQ(gmem_mmap(0x32000000, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, dir, 0),
             (uint32_t)-ENODEV);
    close(dir);
    CHECK_EQ(gmem_page_flags(0x32000000), 0);
    CHECK(host_mapped((uintptr_t)g2h(0x32000000)));
    CHECK_EQ(host_prot(0x32000000), 0);
    close(fd);
}

static void test_munmap(void)
{
    CHECK_EQ(gmem_munmap(0x33000010, PG), -EINVAL);
    CHECK_EQ(gmem_munmap(0x33000000, 0), -EINVAL);
    CHECK_EQ(gmem_munmap(0xfffff000, 2 * PG), -EINVAL);
    CHECK_EQ(gmem_munmap(0x33000000, 16 * PG), 0); /* nothing there: fine */

    uint32_t a = map_anon(0x33000000, 4 * PG, RW, MAP_FIXED);
    CHECK_EQ(a, 0x33000000);
    inval_calls = 0;
    CHECK_EQ(gmem_munmap(a + PG, 2 * PG - 5), 0); /* length rounds up */
    CHECK_EQ(inval_calls, 0);                     /* no code there */
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(a + PG), 0);
    CHECK_EQ(gmem_page_flags(a + 2 * PG), 0);
    CHECK_EQ(gmem_page_flags(a + 3 * PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(host_prot(a + PG), 0);
    CHECK_EQ(host_prot(a + 3 * PG), RW);

    /* Only the executable pages are invalidated. */
    CHECK_EQ(map_anon(a + PG, PG, PROT_READ | PROT_EXEC, MAP_FIXED), a + PG);
    inval_calls = 0;
    CHECK_EQ(gmem_munmap(a, 4 * PG), 0);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, a + PG);
    CHECK_EQ(inval_end, a + 2 * PG);
    CHECK(!gmem_range_ok(a, 4 * PG, PAGE_VALID));
}

static void test_mprotect(void)
{
    uint32_t a = map_anon(0x34000000, 2 * PG, RW, MAP_FIXED);
    CHECK_EQ(a, 0x34000000);
    CHECK_EQ(gmem_mprotect(a, 3 * PG, PROT_READ), -ENOMEM); /* third page unmapped */
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_mprotect(a + 1, PG, PROT_READ), -EINVAL);
    CHECK_EQ(gmem_mprotect(a, PG, 0x1000), -EINVAL);
    CHECK_EQ(gmem_mprotect(0xfffff000, 2 * PG, PROT_READ), -ENOMEM);
    CHECK_EQ(gmem_mprotect(0x35000000, 0, PROT_READ), 0);

    CHECK_EQ(gmem_mprotect(a, 1, PROT_READ), 0);
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ);
    CHECK_EQ(gmem_page_flags(a + PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(host_prot(a), PROT_READ);
    CHECK_EQ(copy_to_guest(a, "x", 1), -EFAULT);
    CHECK_EQ(copy_to_guest(a + PG, "x", 1), 0);

    inval_calls = 0;
    CHECK_EQ(gmem_mprotect(a, 2 * PG, PROT_READ | PROT_EXEC), 0);
    CHECK_EQ(inval_calls, 0);
    CHECK_EQ(gmem_page_flags(a + PG), PAGE_VALID | PAGE_READ | PAGE_EXEC);
    CHECK_EQ(gmem_mprotect(a + PG, PG, PROT_READ | PROT_EXEC | PROT_WRITE), 0);
    CHECK_EQ(inval_calls, 0);
    CHECK_EQ(gmem_mprotect(a, 2 * PG, RW), 0); /* exec removed */
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, a);
    CHECK_EQ(inval_end, a + 2 * PG);
    CHECK_EQ(host_prot(a), RW);

    /* A page holding translated code keeps its host write protection. */
    CHECK_EQ(gmem_mprotect(a, 2 * PG, PROT_READ | PROT_EXEC), 0);
    gmem_set_flags(a, PG, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_CODE);
    CHECK_EQ(gmem_mprotect(a, 2 * PG, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_CODE);
    CHECK_EQ(host_prot(a), PROT_READ);
    CHECK_EQ(host_prot(a + PG), RW);
    /* ferry's own writes to it drop the code and unprotect the page. */
    inval_calls = 0;
    CHECK_EQ(copy_to_guest(a + 10, "abc", 3), 0);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, a);
    CHECK_EQ(gmem_page_flags(a), PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    CHECK_EQ(host_prot(a), RW);
    CHECK(memcmp((char *)g2h(a) + 10, "abc", 3) == 0);
    gmem_munmap(a, 2 * PG);
}

static void test_mremap(void)
{
    const uint32_t base = 0x36000000;
    uint32_t a = map_anon(base, 4 * PG, RW, MAP_FIXED);
    CHECK_EQ(a, base);
    memset(g2h(a), 0x11, 4 * PG);

    CHECK_EQ(gmem_mremap(a + 1, PG, PG, 0, 0), (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mremap(a, PG, 0, 0, 0), (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mremap(a, PG, PG, 8, 0), (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mremap(a, PG, PG, MREMAP_FIXED, 0x37000000), (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mremap(a, 2 * PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, a + PG),
             (uint32_t)-EINVAL); /* overlap */
    CHECK_EQ(gmem_mremap(a + PG, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, a),
             (uint32_t)-EINVAL);
    CHECK_EQ(gmem_mremap(0x38000000, PG, 2 * PG, MREMAP_MAYMOVE, 0), (uint32_t)-EFAULT);

    /* Shrink. */
    CHECK_EQ(gmem_mremap(a, 4 * PG, 3 * PG, 0, 0), a);
    CHECK_EQ(gmem_page_flags(a + 3 * PG), 0);
    CHECK_EQ(host_prot(a + 3 * PG), 0);

    /* Grow in place: old bytes stay, new ones are zero. */
    CHECK_EQ(gmem_mremap(a, 3 * PG, 5 * PG, 0, 0), a);
    CHECK_EQ(gmem_page_flags(a + 4 * PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(((uint8_t *)g2h(a))[3 * PG - 1], 0x11);
    CHECK_EQ(((uint8_t *)g2h(a))[3 * PG], 0);
    CHECK_EQ(((uint8_t *)g2h(a))[5 * PG - 1], 0);

    /* Blocked: -ENOMEM without MAYMOVE, a move with it. */
    CHECK_EQ(map_anon(a + 5 * PG, PG, PROT_READ, MAP_FIXED), a + 5 * PG);
    CHECK_EQ(gmem_mremap(a, 5 * PG, 6 * PG, 0, 0), (uint32_t)-ENOMEM);
    uint32_t m = gmem_mremap(a, 5 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
    CHECK(!gmem_is_err(m) && m != a);
    CHECK_EQ(((uint8_t *)g2h(m))[0], 0x11);
    CHECK_EQ(((uint8_t *)g2h(m))[6 * PG - 1], 0);
    CHECK_EQ(gmem_page_flags(m + 5 * PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(a), 0);
    CHECK(host_mapped((uintptr_t)g2h(a)));
    CHECK_EQ(host_prot(a), 0);
    CHECK_EQ(gmem_page_flags(a + 5 * PG), PAGE_VALID | PAGE_READ);

    /* MREMAP_FIXED replaces what is at the destination. */
    uint32_t f = gmem_mremap(m, 6 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, base);
    CHECK_EQ(f, base);
    CHECK_EQ(((uint8_t *)g2h(base))[0], 0x11);
    CHECK_EQ(gmem_page_flags(base + PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(base + 2 * PG), 0);
    CHECK_EQ(gmem_page_flags(m), 0);
    CHECK_EQ(gmem_page_flags(m + 5 * PG), 0); /* the dropped tail too */

    /* DONTUNMAP moves the pages and leaves the old range mapped empty. */
    uint32_t d = gmem_mremap(base, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
    CHECK(!gmem_is_err(d) && d != base);
    CHECK_EQ(((uint8_t *)g2h(d))[0], 0x11);
    CHECK_EQ(gmem_page_flags(base), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(((uint8_t *)g2h(base))[0], 0);
    CHECK_EQ(gmem_mremap(base, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
             (uint32_t)-EINVAL);
    gmem_munmap(d, 2 * PG);
    gmem_munmap(base, 6 * PG);

    /* A file mapping grows in place and shows more of the file. */
    int fd = make_file(3);
    uint32_t fm = gmem_mmap(base, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    CHECK_EQ(fm, base);
    CHECK_EQ(gmem_mremap(fm, PG, 3 * PG, 0, 0), base);
    CHECK_EQ(((uint8_t *)g2h(base))[2 * PG], 'C');
    CHECK_EQ(gmem_page_flags(base + 2 * PG), PAGE_VALID | PAGE_READ);
    gmem_munmap(base, 3 * PG);
    close(fd);

    /* Growing a range that spans a hole is -EFAULT. */
    map_anon(base, PG, RW, MAP_FIXED);
    map_anon(base + 2 * PG, PG, RW, MAP_FIXED);
    CHECK_EQ(gmem_mremap(base, 3 * PG, 4 * PG, MREMAP_MAYMOVE, 0), (uint32_t)-EFAULT);
    gmem_munmap(base, 3 * PG);

    /* Moving code drops its translations. */
    map_anon(base, PG, PROT_READ | PROT_EXEC, MAP_FIXED);
    inval_calls = 0;
    uint32_t mc = gmem_mremap(base, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, base + 16 * PG);
    CHECK_EQ(mc, base + 16 * PG);
    CHECK_EQ(inval_calls, 1);
    CHECK_EQ(inval_start, base);
    CHECK_EQ(gmem_page_flags(mc), PAGE_VALID | PAGE_READ | PAGE_EXEC);
    gmem_munmap(mc, PG);
}

static void test_copies(void)
{
    uint32_t a = map_anon(0x39000000, 2 * PG, RW, MAP_FIXED);
    char buf[64];

    CHECK_EQ(copy_to_guest(a + PG - 3, "hello", 6), 0);
    CHECK_EQ(copy_from_guest(buf, a + PG - 3, 6), 0);
    CHECK(strcmp(buf, "hello") == 0);
    CHECK_EQ(copy_from_guest(buf, a + 2 * PG - 2, 4), -EFAULT);
    CHECK_EQ(copy_to_guest(a + 2 * PG - 2, "abcd", 4), -EFAULT);
    CHECK_EQ(copy_from_guest(buf, 0xfffffff0, 32), -EFAULT);
    CHECK_EQ(copy_from_guest(buf, a, 0), 0);
    CHECK_EQ(copy_from_guest(buf, 0x1000, 0), 0);
    CHECK(gmem_range_ok(a, 2 * PG, PAGE_READ | PAGE_WRITE));
    CHECK(!gmem_range_ok(a, 2 * PG + 1, PAGE_READ));
    CHECK(!gmem_range_ok(0xfffff000, 0x2000, 0));
    CHECK(gmem_range_ok(a + 5, 0, PAGE_EXEC));

    /* Strings: inside a page, across pages, into unmapped memory. */
    CHECK_EQ(guest_strnlen(a + PG - 3, 100), 5);
    CHECK_EQ(guest_strnlen(a + PG - 3, 3), 3);
    CHECK_EQ(guest_strnlen(a + PG - 3, 0), 0);
    memset(g2h(a + PG), 'x', PG);
    CHECK_EQ(guest_strnlen(a + PG, 10000), -EFAULT);
    CHECK_EQ(guest_strnlen(a + PG, PG), PG);
    CHECK_EQ(guest_strnlen(a + PG - 1, 10000), -EFAULT);
    memset(g2h(a), 'y', PG);
    ((char *)g2h(a + PG))[100] = 0;
    CHECK_EQ(guest_strnlen(a + 10, 10000), PG - 10 + 100);
    CHECK_EQ(guest_strnlen(0x100, 10), -EFAULT);

    map_anon(0xfffff000, PG, RW, MAP_FIXED);
    memset(g2h(0xfffff000), 'z', PG);
    CHECK_EQ(guest_strnlen(0xfffffff0, 100), -EFAULT); /* would wrap */
    CHECK_EQ(guest_strnlen(0xfffffff0, 16), 16);
    CHECK_EQ(copy_from_guest(buf, 0xfffffff0, 16), 0);
    CHECK_EQ(copy_from_guest(buf, 0xfffffff0, 17), -EFAULT);
    gmem_munmap(0xfffff000, PG);
    gmem_munmap(a, 2 * PG);
}

static void test_brk(void)
{
    const uint32_t start = 0x00a00123;
    CHECK_EQ(gmem_brk(0x00b00000), 0); /* not initialised: nothing */
    gmem_brk_init(start);
    const uint32_t s = 0x00a01000;
    CHECK_EQ(gmem_brk(0), s);
    CHECK_EQ(gmem_brk(0x1000), s);
    CHECK_EQ(gmem_brk(s + 10), s + 10);
    CHECK_EQ(gmem_page_flags(s), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(((uint8_t *)g2h(s))[PG - 1], 0);
    CHECK_EQ(gmem_brk(s + 3 * PG), s + 3 * PG);
    CHECK_EQ(gmem_page_flags(s + 2 * PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(s + 3 * PG), 0);
    memset(g2h(s), 1, 3 * PG);
    CHECK_EQ(gmem_brk(s + PG + 1), s + PG + 1); /* shrink: whole pages above go */
    CHECK_EQ(gmem_page_flags(s + PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(s + 2 * PG), 0);
    CHECK_EQ(gmem_brk(s + 3 * PG), s + 3 * PG);
    CHECK_EQ(((uint8_t *)g2h(s + 2 * PG))[0], 0); /* fresh again */
    CHECK_EQ(((uint8_t *)g2h(s + PG))[0], 1);

    /* Another mapping in the way: the break stays. */
    CHECK_EQ(map_anon(s + 5 * PG, PG, PROT_READ, MAP_FIXED), s + 5 * PG);
    CHECK_EQ(gmem_brk(s + 8 * PG), s + 3 * PG);
    CHECK_EQ(gmem_page_flags(s + 3 * PG), 0);
    CHECK_EQ(gmem_brk(s + 5 * PG), s + 5 * PG); /* up to it is fine */
    CHECK_EQ(gmem_brk(0xc0000000u), s + 5 * PG);
    CHECK_EQ(gmem_brk(s), s);
    CHECK_EQ(gmem_page_flags(s), 0);
    gmem_munmap(s, 6 * PG);
}

/* Several threads mapping, filling, checking and unmapping at once: the
 * ranges they get must never overlap. */
typedef struct ThreadArg {
    int id;
    int errors;
} ThreadArg;

static void *thread_body(void *p)
{
    ThreadArg *t = p;
    unsigned seed = (unsigned)t->id * 7919u;
    for (int i = 0; i < 300; i++) {
        uint32_t len = (rand_r(&seed) % 8 + 1) * PG;
        uint32_t a = map_anon(0, len, RW, 0);
        if (gmem_is_err(a)) {
            t->errors++;
            continue;
        }
        memset(g2h(a), t->id, len);
        sched_yield();
        for (uint32_t off = 0; off < len; off += 512)
            if (((uint8_t *)g2h(a))[off] != t->id)
                t->errors++;
        if (gmem_munmap(a, len) != 0)
            t->errors++;
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    ThreadArg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (ThreadArg){ .id = i + 1, .errors = 0 };
        pthread_create(&th[i], NULL, thread_body, &args[i]);
    }
    int errors = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        errors += args[i].errors;
    }
    CHECK_EQ(errors, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* see failures before any crash */
    gmem_init();
    test_reservation();
    test_mmap_anon();
    test_mmap_errors();
    test_mmap_hint();
    test_mmap_high_and_exec();
    test_file_mapping();
    test_munmap();
    test_mprotect();
    test_mremap();
    test_copies();
    test_brk();
    test_threads();
    /* Everything the tests mapped is gone again. */
    CHECK(!gmem_range_ok(0x10000, 0x1000, PAGE_VALID));
    CHECK_EQ(gmem_find_free(0, PG), GUEST_MMAP_TOP - PG);
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail != 0;
}
