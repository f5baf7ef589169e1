/*
 * dyn-mmap.c: file mappings and the calls around them, as the dynamic linker and programs use
 * them: private and shared file mappings at page offsets (mmap2 counts them in 4096-byte units,
 * also beyond 4 GiB), MAP_SHARED writes seen by read() and pwrite() seen through the mapping,
 * MAP_FIXED over existing mappings, mremap (grow, shrink, move, file mappings), mprotect and
 * PROT_NONE (checked by letting a forked child fault), munmap, madvise, msync, mincore, mlock,
 * and anonymous shared memory between a parent and its child.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PG 4096
#define NPAGES 6

static char path[64];

static uint8_t pattern(size_t off)
{
    return (uint8_t)(off * 131 + (off >> 12) * 7 + 1);
}

static int make_file(void)
{
    snprintf(path, sizeof path, "dyn-mmap.%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
    static uint8_t buf[NPAGES * PG];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = pattern(i);
    CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf, "write");
    return fd;
}

static int same_as_file(const uint8_t *p, size_t file_off, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != pattern(file_off + i))
            return 0;
    return 1;
}

/* 1 when touching p (writing if write) kills a child with SIGSEGV. */
static int faults(volatile uint8_t *p, int write)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        _exit(0);
    }
    int st;
    return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

static void test_private(int fd)
{
    uint8_t *p = mmap(NULL, NPAGES * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED, "mmap file: %s", strerror(errno));
    CHECK(same_as_file(p, 0, NPAGES * PG), "whole file mapping");
    munmap(p, NPAGES * PG);

    p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 3 * PG);
    CHECK(p != MAP_FAILED && same_as_file(p, 3 * PG, 2 * PG), "mapping at offset 3 pages");
    p[5] ^= 0xff;  /* private: the file does not change */
    uint8_t b;
    CHECK(pread(fd, &b, 1, 3 * PG + 5) == 1 && b == pattern(3 * PG + 5), "private write leaked");
    munmap(p, 2 * PG);

    /* A mapping past the end of the file: the tail of the last page reads as zero. */
    p = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, (NPAGES - 1) * PG);
    CHECK(p != MAP_FAILED && same_as_file(p, (NPAGES - 1) * PG, PG), "last page");
    CHECK(!faults(p + PG - 1, 0), "reading the last file page");
    munmap(p, 2 * PG);

    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED && errno == EINVAL,
          "unaligned offset");
}

static void test_shared(int fd)
{
    uint8_t *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
    CHECK(p != MAP_FAILED, "shared mapping: %s", strerror(errno));
    if (p == MAP_FAILED)
        return;
    memcpy(p + 100, "written through the map", 24);
    CHECK(msync(p, 2 * PG, MS_SYNC) == 0, "msync: %s", strerror(errno));
    char buf[24];
    CHECK(pread(fd, buf, 24, PG + 100) == 24 && !memcmp(buf, "written through the map", 24),
          "read() sees the mapping's write");
    CHECK(pwrite(fd, "by pwrite", 9, 2 * PG - 9) == 9, "pwrite");
    CHECK(!memcmp(p + PG - 9, "by pwrite", 9), "the mapping sees pwrite");
    munmap(p, 2 * PG);
    /* Put the bytes back for later tests. */
    static uint8_t orig[PG];
    for (size_t i = 0; i < PG; i++)
        orig[i] = pattern(PG + i);
    CHECK(pwrite(fd, orig, PG, PG) == PG, "restore");
}

static void test_fixed(int fd)
{
    uint8_t *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(a != MAP_FAILED, "anonymous mapping");
    memset(a, 0x5a, 4 * PG);
    uint8_t *f = mmap(a + PG, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 2 * PG);
    CHECK(f == a + PG, "MAP_FIXED over a mapping gave %p, want %p", (void *)f, (void *)(a + PG));
    CHECK(same_as_file(a + PG, 2 * PG, 2 * PG), "file pages replace anonymous ones");
    CHECK(a[0] == 0x5a && a[PG - 1] == 0x5a && a[3 * PG] == 0x5a, "neighbours kept");
    CHECK(faults(a + PG, 1), "the file pages are read-only");
    void *nr = mmap(a, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    CHECK(nr == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping");
    munmap(a, 4 * PG);
    CHECK(faults(a, 0), "unmapped memory faults");
}

static void test_mremap(int fd)
{
    uint8_t *a = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 2 * PG; i++)
        a[i] = (uint8_t)i;
    uint8_t *b = mremap(a, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
    CHECK(b != MAP_FAILED, "mremap grow: %s", strerror(errno));
    int same = 1;
    for (int i = 0; i < 2 * PG; i++)
        same &= b[i] == (uint8_t)i;
    CHECK(same, "contents after growing");
    b[64 * PG - 1] = 7;
    CHECK(mremap(b, 64 * PG, PG, 0) == b, "mremap shrink");
    CHECK(faults(b + PG, 0), "the part shrunk away faults");

    /* Move to a chosen address. */
    uint8_t *target = mmap(NULL, 4 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *c = mremap(b, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + PG);
    CHECK(c == target + PG, "MREMAP_FIXED");
    CHECK(c[1] == 1 && c[PG - 1] == (uint8_t)(PG - 1), "contents after the move");
    CHECK(faults(b, 0), "the old place faults");
    munmap(target, 4 * PG);

    /* A file mapping grown: the new pages come from the file. */
    uint8_t *f = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    uint8_t *g = mremap(f, 2 * PG, 4 * PG, MREMAP_MAYMOVE);
    CHECK(g != MAP_FAILED && same_as_file(g, 0, 4 * PG), "file mapping grown");
    munmap(g, 4 * PG);
}

static void test_protect(void)
{
    uint8_t *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[PG] = 42;
    CHECK(mprotect(p + PG, PG, PROT_READ) == 0, "mprotect read-only");
    CHECK(faults(p + PG, 1) && !faults(p + PG, 0), "read-only page");
    CHECK(!faults(p, 1) && !faults(p + 2 * PG, 1), "neighbours stay writable");
    CHECK(mprotect(p + PG, PG, PROT_NONE) == 0, "mprotect none");
    CHECK(faults(p + PG, 0), "PROT_NONE page read");
    CHECK(mprotect(p + PG, PG, PROT_READ | PROT_WRITE) == 0 && p[PG] == 42, "contents kept");
    p[PG] = 43;
    CHECK(mprotect(p + 1, PG, PROT_READ) == -1 && errno == EINVAL, "unaligned mprotect");
    munmap(p, 3 * PG);
    CHECK(mprotect(p, PG, PROT_READ) == -1 && errno == ENOMEM, "mprotect of unmapped memory");
}

static void test_advice(void)
{
    uint8_t *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 9, 4 * PG);
    CHECK(madvise(p, 4 * PG, MADV_DONTNEED) == 0 && p[0] == 0 && p[4 * PG - 1] == 0,
          "MADV_DONTNEED zeroes private anonymous memory");
    CHECK(madvise(p, 4 * PG, MADV_WILLNEED) == 0, "MADV_WILLNEED");
    unsigned char vec[4];
    p[0] = 1;
    CHECK(mincore(p, 4 * PG, vec) == 0 && (vec[0] & 1), "mincore");
    int r = mlock(p, PG);
    CHECK(r == 0 || errno == EPERM || errno == ENOMEM || errno == EAGAIN, "mlock: %s",
          strerror(errno));
    if (r == 0)
        CHECK(munlock(p, PG) == 0, "munlock");
    munmap(p, 4 * PG);
    CHECK(mincore(p, PG, vec) == -1 && errno == ENOMEM, "mincore of unmapped memory");
}

/* mmap2 takes the offset in 4096-byte units: an offset beyond 4 GiB. */
static void test_big_offset(void)
{
    char big[80];
    snprintf(big, sizeof big, "dyn-mmap-big.%d", (int)getpid());
    int fd = open(big, O_RDWR | O_CREAT | O_TRUNC, 0600);
    const off_t at = (off_t)5 << 30;
    int ok = fd >= 0 && ftruncate(fd, at + 2 * PG) == 0 &&
             pwrite(fd, "beyond 4 GiB", 12, at + PG + 8) == 12;
    CHECK(ok, "sparse file: %s", strerror(errno));
    if (ok) {
        char *p = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, at);
        CHECK(p != MAP_FAILED && !memcmp(p + PG + 8, "beyond 4 GiB", 12) && p[0] == 0,
              "mapping at 5 GiB");
        if (p != MAP_FAILED)
            munmap(p, 2 * PG);
    }
    close(fd);
    unlink(big);
}

static void test_shared_anon(void)
{
    volatile uint32_t *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                                -1, 0);
    CHECK(s != MAP_FAILED, "shared anonymous mapping");
    s[0] = 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        s[0] = 0xfe77;
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(s[0] == 0xfe77, "the child's write to shared memory: 0x%x", (unsigned)s[0]);
    munmap((void *)s, PG);
}

int main(void)
{
    int fd = make_file();
    test_private(fd);
    test_shared(fd);
    test_fixed(fd);
    test_mremap(fd);
    test_protect();
    test_advice();
    test_big_offset();
    test_shared_anon();
    close(fd);
    unlink(path);
    return check_summary("dyn-mmap");
}
