/*
 * The guest address space of a 32-bit user-mode guest.
 *
 * ferry reserves 4 GiB of host address space (plus a guard region above it)
 * at guest_base.  A guest address a lives at host address guest_base + a, so
 * generated code turns a guest load into one host instruction with guest_base
 * in a fixed register.  Unmapped guest pages stay PROT_NONE in the host, so a
 * stray guest access faults (and becomes a guest SIGSEGV) and a guest pointer
 * handed to a host system call gets EFAULT from the host kernel.
 *
 * Besides the host protections, a page table of guest flags (one byte per
 * 4 KiB guest page) records what the guest asked for, so that ferry can
 * validate guest pointers it dereferences itself, find free ranges for
 * mmap, and tell whether code may be fetched from a page.
 *
 * Usage:
 *     gmem_init();
 *     uint32_t a = gmem_mmap(0, 8192, PROT_READ|PROT_WRITE,
 *                            MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
 *     memcpy(g2h(a), "hi", 2);
 *
 * All functions are thread-safe (a single lock around the page table).
 */
#ifndef FERRY_EXEC_GUESTMEM_H
#define FERRY_EXEC_GUESTMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define GUEST_PAGE_SIZE  4096u
#define GUEST_PAGE_MASK  (~(uint32_t)(GUEST_PAGE_SIZE - 1))

/* Highest user address + 1, as on a 3G/1G ARM kernel (TASK_SIZE). */
#define GUEST_TASK_SIZE  0xbf000000u
/* Start of the search for top-down mmap placement (below the stack area). */
#define GUEST_MMAP_TOP   0xb6000000u

/* Per-page flags in the guest page table. */
enum {
    PAGE_READ  = 1u << 0,
    PAGE_WRITE = 1u << 1,
    PAGE_EXEC  = 1u << 2,
    PAGE_VALID = 1u << 3, /* mapped at all (may be PROT_NONE) */
    PAGE_CODE  = 1u << 4, /* holds translated code: no host write permission */
    /* bit 7 is private to guestmem.c (never returned by gmem_page_flags) */
};

extern uintptr_t guest_base;

static inline void *g2h(uint32_t guest_addr)
{
    return (void *)(guest_base + guest_addr);
}

static inline uint32_t h2g(const void *host)
{
    return (uint32_t)((uintptr_t)host - guest_base);
}

/* Reserve the guest space.  Exits with a message if the host refuses. */
void gmem_init(void);
/* Ask gmem_init for a specific guest_base (-B); false when the value is
 * unusable (not page aligned, or no room for the guard regions). */
bool gmem_set_base(uintptr_t base);

/*
 * Guest mmap semantics (the guest's PROT_* and MAP_* values are the
 * generic Linux ones for ARM, so callers translate first for other ABIs).
 * addr == 0 or not MAP_FIXED: find a free range (top-down from
 * GUEST_MMAP_TOP, honouring a free hint).  Returns the guest address or a
 * negative errno value as (uint32_t)-errno, testable with gmem_is_err().
 */
uint32_t gmem_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd,
                   off_t offset);
int gmem_munmap(uint32_t addr, uint32_t len);          /* 0 or -errno */
int gmem_mprotect(uint32_t addr, uint32_t len, int prot); /* 0 or -errno */
uint32_t gmem_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len,
                     int flags, uint32_t new_addr);    /* addr or -errno */

static inline bool gmem_is_err(uint32_t v)
{
    return v > (uint32_t)-4096;
}

/* True when every page of [addr, addr+len) has all bits of page_flags. */
bool gmem_range_ok(uint32_t addr, uint32_t len, unsigned page_flags);
/* Flags of the page holding addr (0 when unmapped). */
unsigned gmem_page_flags(uint32_t addr);
/* Set page flags directly (used by the loader for special pages). */
void gmem_set_flags(uint32_t addr, uint32_t len, unsigned page_flags);

/* Find a free range of len bytes; 0 when none (0 is never handed out). */
uint32_t gmem_find_free(uint32_t hint, uint32_t len);

/* Copy helpers that validate the guest range first; 0 or -EFAULT. */
int copy_from_guest(void *dst, uint32_t src, size_t len);
int copy_to_guest(uint32_t dst, const void *src, size_t len);
/* Length of the NUL-terminated guest string at addr, or -EFAULT. */
long guest_strnlen(uint32_t addr, size_t max);

/* Self-modifying code (see guestmem.c).  The translator marks the page
 * of addr before reading code from it; gmem_unprotect_code lifts the mark
 * of [addr, addr+len) and drops the translations, before ferry or the host
 * kernel writes there for the guest; gmem_code_write_fault handles a host
 * write fault at addr in guest code: true when the store may simply be
 * retried (the page's translations are gone), false for a guest fault. */
void gmem_protect_code(uint32_t addr);
void gmem_unprotect_code(uint32_t addr, uint64_t len);
bool gmem_code_write_fault(uint32_t addr);

/* The program break, managed by the loader and the brk syscall. */
void gmem_brk_init(uint32_t start);
uint32_t gmem_brk(uint32_t new_brk);  /* Linux brk semantics: returns new or current */
/* The break's pages: [*start, *end), both 0 before gmem_brk_init. */
void gmem_brk_range(uint32_t *start, uint32_t *end);

#endif
