/*
 * The guest address space of 32-bit user-mode guests (see guestmem.h).
 *
 * One host reservation of 8 GiB holds everything: 2 GiB of guard below
 * guest_base, the guest's 4 GiB, and 2 GiB of guard above.  Generated code
 * forms host addresses as guest_base + zero-extended 32-bit register +
 * signed 32-bit displacement, which always lands inside the reservation, so
 * a wild access faults on a PROT_NONE page instead of touching ferry's own
 * memory.  A guest page is never a hole in the host address space: unmapping
 * replaces it with a fresh PROT_NONE reservation, so the host never places
 * its own mappings (malloc arenas, the code buffer) inside guest space.
 *
 * The page table holds one byte of PAGE_* flags per guest page.  Writers
 * hold gmem_lock; readers (gmem_page_flags, gmem_range_ok, the copy
 * helpers) load the bytes without the lock, which is fine because a byte
 * load is atomic and a racing munmap is a guest race either way.
 *
 * Pages with PAGE_CODE hold translated code (the translator marks them with
 * gmem_protect_code before reading them).  Such a page has no host write
 * permission even when the guest may write it: the write fault is how ferry
 * notices self-modifying code (gmem_code_write_fault).  mprotect keeps it
 * so, unless the page loses PAGE_EXEC in the same call, in which case its
 * blocks are invalidated.  copy_to_guest drops the translations of code
 * pages it is about to write.  Unprotecting always comes before the
 * invalidation: a block translated from the old bytes in between is then
 * still dropped (translation holds the translation lock from marking the
 * page until the block is inserted).
 *
 * Usage:
 *     gmem_init();
 *     uint32_t a = gmem_mmap(0, 8192, PROT_READ | PROT_WRITE,
 *                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
 *     if (gmem_is_err(a)) return (int)a;
 *     copy_to_guest(a, "hi", 2);
 */
#include "exec/guestmem.h"

#include "common/log.h"
#include "exec/tb_invalidate.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GMEM_SPACE       (1ull << 32)
#define GMEM_GUARD       (2ull << 30)
#define GMEM_NPAGES      (1u << 20)
/* Lowest address handed out by placement (like vm.mmap_min_addr). */
#define GMEM_MIN_ADDR    0x10000u
/* Where the reservation goes unless -B asks otherwise: low in the host
 * address space, far below where the host kernel places ordinary mappings,
 * so a transient hole left by mremap is never what the kernel picks next. */
#define GMEM_DEFAULT_RESERVATION 0x10000000000ull

/* Private page flag (never visible through gmem_page_flags): the page is
 * private anonymous memory, so it can be grown in place by mapping more
 * anonymous pages behind it. */
#define PAGE_ANON        (1u << 7)
#define PAGE_PUBLIC_MASK 0x7fu
/* PAGE_VALID replicated in every byte of a 64-bit word, for fast scans. */
#define VALID_X8         (0x0101010101010101ull * PAGE_VALID)

/* PROT_SEM from the kernel's generic mman.h (glibc does not define it). */
#define GMEM_PROT_SEM    0x8

/* Host flags passed through from the guest's mmap flags. */
#define GMEM_PASS_FLAGS  (MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
                          MAP_LOCKED | MAP_SYNC)

uintptr_t guest_base;

static uintptr_t base_request;
static _Alignas(8) uint8_t page_table[GMEM_NPAGES];
static pthread_mutex_t gmem_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t brk_start; /* page aligned; 0 until gmem_brk_init */
static uint32_t brk_cur;   /* the break as the guest set it (unaligned) */

/* Guest range whose translated code must be dropped once the lock is
 * released (tb_invalidate_range takes the translation lock, which may
 * itself call into gmem, so it is never called with gmem_lock held). */
typedef struct InvalSpan {
    uint64_t lo, hi; /* hi == 0: nothing */
} InvalSpan;

/* ---- small helpers ---------------------------------------------------- */

static uint64_t page_up(uint64_t x)
{
    return (x + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
}

static void *host_at(uint64_t guest_addr)
{
    return (void *)(guest_base + (uintptr_t)guest_addr);
}

static unsigned pt_get(uint64_t addr)
{
    return __atomic_load_n(&page_table[addr >> 12], __ATOMIC_RELAXED);
}

static void pt_put(uint64_t addr, unsigned flags)
{
    __atomic_store_n(&page_table[addr >> 12], (uint8_t)flags, __ATOMIC_RELAXED);
}

/* The page table is scanned and filled 8 entries (one 64-bit word) at a
 * time where possible: munmap of a whole address space must not take a
 * million steps. */
static unsigned pt_byte(uint32_t pg)
{
    return __atomic_load_n(&page_table[pg], __ATOMIC_RELAXED);
}

static uint64_t pt_word(uint32_t pg)
{
    return __atomic_load_n((uint64_t *)&page_table[pg], __ATOMIC_RELAXED);
}

static uint64_t rep8(unsigned byte)
{
    return 0x0101010101010101ull * (uint8_t)byte;
}

static void pt_set_range(uint64_t start, uint64_t end, unsigned flags)
{
    uint32_t pg = (uint32_t)(start >> 12), last = (uint32_t)(end >> 12);
    while (pg < last) {
        if (pg % 8 == 0 && last - pg >= 8) {
            __atomic_store_n((uint64_t *)&page_table[pg], rep8(flags), __ATOMIC_RELAXED);
            pg += 8;
            continue;
        }
        pt_put((uint64_t)pg << 12, flags);
        pg++;
    }
}

/* Address of the first page in [start, end) with any of the bits of
 * mask (all of them when all is set), or end. */
static uint64_t pt_find(uint64_t start, uint64_t end, unsigned mask, bool all)
{
    uint32_t pg = (uint32_t)(start >> 12), last = (uint32_t)(end >> 12);
    uint64_t m = rep8(mask);
    while (pg < last) {
        if (pg % 8 == 0 && last - pg >= 8) {
            uint64_t w = pt_word(pg) & m;
            if (all ? w == m : w == 0) {
                pg += 8;
                continue;
            }
        }
        unsigned f = pt_byte(pg) & mask;
        if (all ? f != mask : f != 0)
            return (uint64_t)pg << 12;
        pg++;
    }
    return end;
}

/* True when no page of [start, end) is mapped. */
static bool pt_range_free(uint64_t start, uint64_t end)
{
    return pt_find(start, end, PAGE_VALID, false) == end;
}

/* True when every page of [start, end) has all of flags. */
static bool pt_range_has(uint64_t start, uint64_t end, unsigned flags)
{
    return flags == 0 || pt_find(start, end, flags, true) == end;
}

static bool pt_range_any(uint64_t start, uint64_t end, unsigned flags)
{
    return pt_find(start, end, flags, false) != end;
}

static unsigned prot_to_flags(int prot)
{
    return (prot & PROT_READ ? PAGE_READ : 0) | (prot & PROT_WRITE ? PAGE_WRITE : 0) |
           (prot & PROT_EXEC ? PAGE_EXEC : 0);
}

static int flags_to_host_prot(unsigned flags)
{
    int prot = (flags & PAGE_READ ? PROT_READ : 0) | (flags & PAGE_WRITE ? PROT_WRITE : 0);
    /* ferry translates guest code, so it only ever reads code pages. */
    if (flags & PAGE_EXEC)
        prot |= PROT_READ;
    return prot;
}

static void span_add(InvalSpan *s, uint64_t lo, uint64_t hi)
{
    if (s->hi == 0 || lo < s->lo)
        s->lo = lo;
    if (hi > s->hi)
        s->hi = hi;
}

/* Note the pages of [start, end) that may hold translated code (the
 * span from the first to the last such page). */
static void span_add_code(InvalSpan *s, uint64_t start, uint64_t end)
{
    uint64_t first = pt_find(start, end, PAGE_EXEC | PAGE_CODE, false);
    if (first == end)
        return;
    uint64_t last = first;
    for (uint64_t a = first; a < end; a = pt_find(a + GUEST_PAGE_SIZE, end,
                                                  PAGE_EXEC | PAGE_CODE, false))
        last = a;
    span_add(s, first, last + GUEST_PAGE_SIZE);
}

static void span_flush(const InvalSpan *s)
{
    if (s->hi == 0)
        return;
    /* tb_invalidate_range takes an exclusive 32-bit end; the last byte
     * of the address space cannot start an instruction anyway. */
    tb_invalidate_range((uint32_t)s->lo, s->hi >= GMEM_SPACE ? 0xffffffffu : (uint32_t)s->hi);
}

static void lock(void)
{
    pthread_mutex_lock(&gmem_lock);
}

static void unlock(void)
{
    pthread_mutex_unlock(&gmem_lock);
}

/* ---- host side -------------------------------------------------------- */

/* True when every host page of the guest range is mapped (by anything). */
static bool host_range_mapped(uint64_t start, uint64_t len)
{
    unsigned char vec[256];
    const uint64_t chunk = sizeof vec * GUEST_PAGE_SIZE;

    for (uint64_t off = 0; off < len; off += chunk) {
        uint64_t n = len - off < chunk ? len - off : chunk;
        if (mincore(host_at(start + off), n, vec) != 0 && errno == ENOMEM)
            return false;
    }
    return true;
}

/*
 * Make [start, start+len) a PROT_NONE reservation again.  Returns 0, or
 * -ENOMEM when the host refused without changing anything (too many
 * mappings).  If the host left a hole, guest space is no longer ours and
 * ferry cannot go on safely.
 */
static int host_reserve(uint64_t start, uint64_t len)
{
    void *p = mmap(host_at(start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED)
        return 0;
    int err = errno;
    if (!host_range_mapped(start, len))
        ferry_fatal("cannot re-reserve guest memory at 0x%llx: %s",
                    (unsigned long long)start, strerror(err));
    return -ENOMEM;
}

/*
 * After a failed host mmap over [start, start+len): the host either
 * refused before touching anything (the old pages are intact and keep
 * their flags) or removed the old mapping first, leaving a hole that
 * must be reserved again.
 */
static void host_repair(uint64_t start, uint64_t len, InvalSpan *inval)
{
    if (host_range_mapped(start, len))
        return;
    span_add_code(inval, start, start + len);
    host_reserve(start, len);
    pt_set_range(start, start + len, 0);
}

/* ---- setup -------------------------------------------------------------- */

bool gmem_set_base(uintptr_t base)
{
    if (guest_base || base % GUEST_PAGE_SIZE || base < GMEM_GUARD ||
        base > (1ull << 47) - GMEM_SPACE - GMEM_GUARD)
        return false;
    base_request = base;
    return true;
}

void gmem_init(void)
{
    if (guest_base)
        return;
    size_t total = GMEM_GUARD + GMEM_SPACE + GMEM_GUARD;
    uintptr_t want = base_request ? base_request - GMEM_GUARD : GMEM_DEFAULT_RESERVATION;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    if (base_request)
        flags |= MAP_FIXED_NOREPLACE;

    void *p = mmap((void *)want, total, PROT_NONE, flags, -1, 0);
    /* Kernels before 4.17 treat MAP_FIXED_NOREPLACE as a hint. */
    bool moved = p != MAP_FAILED && base_request && (uintptr_t)p != want;
    if (moved)
        munmap(p, total);
    if (moved || (p == MAP_FAILED && base_request && errno == EEXIST))
        ferry_fatal("guest base 0x%lx is not available: host memory is in use between "
                    "0x%lx and 0x%lx", (unsigned long)base_request, (unsigned long)want,
                    (unsigned long)(want + total));
    if (p == MAP_FAILED)
        ferry_fatal("cannot reserve %zu GiB of host address space for guest memory: %s "
                    "(check ulimit -v)", total >> 30, strerror(errno));
    guest_base = (uintptr_t)p + GMEM_GUARD;
}

/* ---- placement ---------------------------------------------------------- */

/*
 * Highest start page of a run of npages free pages inside page indexes
 * [bottom, top), or 0 when there is none.  Whole free or whole mapped
 * 8-page groups are skipped a word at a time.
 */
static uint32_t search_down(uint32_t top, uint32_t bottom, uint32_t npages)
{
    uint32_t run = 0, pg = top;

    while (pg > bottom) {
        if (pg % 8 == 0 && pg - bottom >= 8) {
            uint64_t w = pt_word(pg - 8);
            if ((w & VALID_X8) == 0) {
                pg -= 8;
                run += 8;
                if (run >= npages)
                    return pg + (run - npages);
                continue;
            }
            if ((w & VALID_X8) == VALID_X8) {
                pg -= 8;
                run = 0;
                continue;
            }
        }
        pg--;
        if (pt_byte(pg) & PAGE_VALID)
            run = 0;
        else if (++run == npages)
            return pg;
    }
    return 0;
}

static uint32_t find_free_locked(uint64_t hint, uint64_t len)
{
    len = page_up(len);
    if (len == 0 || len > GUEST_TASK_SIZE - GMEM_MIN_ADDR)
        return 0;
    hint = page_up(hint);
    if (hint >= GMEM_MIN_ADDR && hint + len <= GUEST_TASK_SIZE && pt_range_free(hint, hint + len))
        return (uint32_t)hint;

    uint32_t npages = (uint32_t)(len >> 12);
    uint32_t pg = search_down(GUEST_MMAP_TOP >> 12, GMEM_MIN_ADDR >> 12, npages);
    if (!pg) /* like Linux, fall back to the whole user range */
        pg = search_down(GUEST_TASK_SIZE >> 12, GMEM_MIN_ADDR >> 12, npages);
    return pg << 12;
}

uint32_t gmem_find_free(uint32_t hint, uint32_t len)
{
    lock();
    uint32_t a = find_free_locked(hint, len);
    unlock();
    return a;
}

/* ---- mmap --------------------------------------------------------------- */

/* Check the arguments and choose the address; 0 or -errno. */
static long mmap_place(uint32_t *addr, uint64_t size, int flags)
{
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (*addr % GUEST_PAGE_SIZE)
            return -EINVAL;
        if (*addr + size > GMEM_SPACE)
            return -ENOMEM;
        /* NOREPLACE wins over MAP_FIXED, as in Linux. */
        if ((flags & MAP_FIXED_NOREPLACE) && !pt_range_free(*addr, *addr + size))
            return -EEXIST;
        return 0;
    }
    uint32_t a = find_free_locked(*addr, size);
    if (!a)
        return -ENOMEM;
    *addr = a;
    return 0;
}

static long mmap_locked(uint32_t addr, uint32_t len, int prot, int flags, int fd,
                        off_t offset, InvalSpan *inval)
{
    int type = flags & MAP_SHARED_VALIDATE;
    bool anon = flags & MAP_ANONYMOUS;

    if (type == 0 || len == 0 || offset < 0 || offset % GUEST_PAGE_SIZE)
        return -EINVAL;
    uint64_t size = page_up(len);
    long r = mmap_place(&addr, size, flags);
    if (r < 0)
        return r;

    unsigned pflags = prot_to_flags(prot) | PAGE_VALID;
    int hflags = type | MAP_FIXED | (flags & GMEM_PASS_FLAGS) | (anon ? MAP_ANONYMOUS : 0);
    void *p = mmap(host_at(addr), size, flags_to_host_prot(pflags), hflags,
                   anon ? -1 : fd, anon ? 0 : offset);
    if (p == MAP_FAILED) {
        int err = errno;
        host_repair(addr, size, inval);
        return -err;
    }
    span_add_code(inval, addr, addr + size);
    if (anon && type == MAP_PRIVATE)
        pflags |= PAGE_ANON;
    pt_set_range(addr, addr + size, pflags);
    return addr;
}

uint32_t gmem_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, off_t offset)
{
    InvalSpan inval = { 0, 0 };
    lock();
    long r = mmap_locked(addr, len, prot, flags, fd, offset, &inval);
    unlock();
    span_flush(&inval);
    return (uint32_t)r;
}

/* ---- munmap ------------------------------------------------------------- */

/* [start, start+size) is page aligned and inside guest space. */
static int munmap_locked(uint64_t start, uint64_t size, InvalSpan *inval)
{
    if (size == 0 || pt_range_free(start, start + size))
        return 0;
    int r = host_reserve(start, size);
    if (r < 0)
        return r;
    span_add_code(inval, start, start + size);
    pt_set_range(start, start + size, 0);
    return 0;
}

int gmem_munmap(uint32_t addr, uint32_t len)
{
    if (addr % GUEST_PAGE_SIZE || len == 0)
        return -EINVAL;
    uint64_t size = page_up(len);
    if (addr + size > GMEM_SPACE)
        return -EINVAL;

    InvalSpan inval = { 0, 0 };
    lock();
    int r = munmap_locked(addr, size, &inval);
    unlock();
    span_flush(&inval);
    return r;
}

/* ---- mprotect ----------------------------------------------------------- */

/*
 * New flags of one page: the guest protection, keeping what is not a
 * protection.  A page that stays executable keeps PAGE_CODE; one that
 * stops being executable loses it (its blocks are invalidated).
 */
static unsigned mprotect_page_flags(unsigned old, unsigned prot_flags)
{
    unsigned keep = old & (PAGE_VALID | PAGE_ANON);
    if (prot_flags & PAGE_EXEC)
        keep |= old & PAGE_CODE;
    return keep | prot_flags;
}

static int host_prot_of(unsigned flags)
{
    int prot = flags_to_host_prot(flags);
    if (flags & PAGE_CODE)
        prot &= ~PROT_WRITE; /* writes must fault: self-modifying code */
    return prot;
}

static int mprotect_locked(uint64_t start, uint64_t end, int prot, InvalSpan *inval)
{
    unsigned pf = prot_to_flags(prot);

    if (!pt_range_has(start, end, PAGE_VALID))
        return -ENOMEM;
    /* One host call per run of pages that end up with the same host
     * protection (runs split only where PAGE_CODE differs). */
    uint64_t run = start;
    while (run < end) {
        unsigned nf = mprotect_page_flags(pt_get(run), pf);
        uint64_t next = run + GUEST_PAGE_SIZE;
        while (next < end && mprotect_page_flags(pt_get(next), pf) == nf)
            next += GUEST_PAGE_SIZE;
        /* mprotect_page_flags also keeps PAGE_ANON, which can split runs
         * needlessly; harmless. */
        if (mprotect(host_at(run), next - run, host_prot_of(nf)) != 0)
            return -errno;
        for (uint64_t a = run; a < next; a += GUEST_PAGE_SIZE) {
            if ((pt_get(a) & PAGE_EXEC) && !(pf & PAGE_EXEC))
                span_add(inval, a, a + GUEST_PAGE_SIZE);
            pt_put(a, mprotect_page_flags(pt_get(a), pf));
        }
        run = next;
    }
    return 0;
}

int gmem_mprotect(uint32_t addr, uint32_t len, int prot)
{
    const int known = PROT_READ | PROT_WRITE | PROT_EXEC | GMEM_PROT_SEM | PROT_GROWSDOWN |
                      PROT_GROWSUP;

    if (addr % GUEST_PAGE_SIZE || (prot & ~known) ||
        (prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    if (len == 0)
        return 0;
    uint64_t end = addr + page_up(len);
    if (end > GMEM_SPACE)
        return -ENOMEM;

    InvalSpan inval = { 0, 0 };
    lock();
    int r = mprotect_locked(addr, end, prot, &inval);
    unlock();
    span_flush(&inval);
    return r;
}

/* ---- mremap ------------------------------------------------------------- */

/* Flags for the pages of a moved mapping: page i of the new range takes
 * the flags of page i of the old one, the grown tail those of the last. */
static void copy_flags_moved(uint64_t old, uint64_t olen, uint64_t dest, uint64_t nlen)
{
    uint64_t last = olen ? old + olen - GUEST_PAGE_SIZE : old;
    for (uint64_t off = 0; off < nlen; off += GUEST_PAGE_SIZE) {
        unsigned f = pt_get(off < olen ? old + off : last);
        pt_put(dest + off, f & ~PAGE_CODE);
    }
}

/*
 * Move [old, old+olen) to dest with new length nlen (dest is free or was
 * just unmapped).  olen == 0 duplicates a shared mapping.  With
 * dontunmap the old range stays mapped (empty), as MREMAP_DONTUNMAP does.
 */
static long move_locked(uint64_t old, uint64_t olen, uint64_t nlen, uint64_t dest,
                        bool dontunmap, InvalSpan *inval)
{
    int mflags = MREMAP_MAYMOVE | MREMAP_FIXED | (dontunmap ? MREMAP_DONTUNMAP : 0);
    void *p = mremap(host_at(old), olen, nlen, mflags, host_at(dest));
    if (p == MAP_FAILED) {
        int err = errno;
        host_reserve(dest, nlen); /* the host may have unmapped it first */
        return -err;
    }
    copy_flags_moved(old, olen, dest, nlen);
    span_add_code(inval, old, old + olen);
    if (dontunmap || olen == 0)
        return dest;
    /* The old range is a hole in the host now: take it back at once. */
    host_reserve(old, olen);
    pt_set_range(old, old + olen, 0);
    return dest;
}

/* Grow [old, old+olen) to nlen where the pages behind it are free. */
static long grow_in_place(uint64_t old, uint64_t olen, uint64_t nlen)
{
    uint64_t tail = old + olen, tail_len = nlen - olen;
    unsigned last = pt_get(tail - GUEST_PAGE_SIZE) & ~PAGE_CODE;

    if (pt_range_has(old, tail, PAGE_ANON)) {
        /* Private anonymous memory: more of the same, no hole needed. */
        void *p = mmap(host_at(tail), tail_len, flags_to_host_prot(last),
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED)
            return -errno;
        pt_set_range(tail, tail + tail_len, last);
        return old;
    }
    /* File or shared memory must be extended by the host itself, which
     * only grows a mapping into unmapped space: open a hole behind it
     * for the duration of one call. */
    if (munmap(host_at(tail), tail_len) != 0)
        return -errno;
    if (mremap(host_at(old), olen, nlen, 0) == MAP_FAILED) {
        int err = errno;
        host_reserve(tail, tail_len);
        return -err;
    }
    pt_set_range(tail, tail + tail_len, last);
    return old;
}

static long mremap_fixed(uint64_t old, uint64_t olen, uint64_t nlen, uint64_t dest,
                         bool dontunmap, InvalSpan *inval)
{
    /* Linux unmaps the destination first, then any part of the old
     * mapping that the smaller new length drops. */
    int r = munmap_locked(dest, nlen, inval);
    if (r == 0 && olen > nlen) {
        r = munmap_locked(old + nlen, olen - nlen, inval);
        olen = nlen;
    }
    if (r < 0)
        return r;
    if (!pt_range_has(old, old + (olen ? olen : GUEST_PAGE_SIZE), PAGE_VALID))
        return -EFAULT;
    return move_locked(old, olen, nlen, dest, dontunmap, inval);
}

static long mremap_locked(uint64_t old, uint64_t olen, uint64_t nlen, int flags,
                          uint64_t dest, InvalSpan *inval)
{
    bool maymove = flags & MREMAP_MAYMOVE, dontunmap = flags & MREMAP_DONTUNMAP;

    if (flags & MREMAP_FIXED)
        return mremap_fixed(old, olen, nlen, dest, dontunmap, inval);
    if (olen == 0 || dontunmap) {
        if (!pt_range_has(old, old + (olen ? olen : GUEST_PAGE_SIZE), PAGE_VALID))
            return -EFAULT;
        dest = find_free_locked(0, nlen);
        return dest ? move_locked(old, olen, nlen, dest, dontunmap, inval) : -ENOMEM;
    }
    if (olen >= nlen) {
        int r = munmap_locked(old + nlen, olen - nlen, inval);
        return r < 0 ? r : (long)old;
    }
    if (!pt_range_has(old, old + olen, PAGE_VALID))
        return -EFAULT;
    if (old + nlen <= GMEM_SPACE && pt_range_free(old + olen, old + nlen))
        return grow_in_place(old, olen, nlen);
    if (!maymove)
        return -ENOMEM;
    dest = find_free_locked(0, nlen);
    return dest ? move_locked(old, olen, nlen, dest, false, inval) : -ENOMEM;
}

uint32_t gmem_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags,
                     uint32_t new_addr)
{
    const int known = MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP;
    uint64_t olen = page_up(old_len), nlen = page_up(new_len);

    if ((flags & ~known) || old_addr % GUEST_PAGE_SIZE || nlen == 0)
        return (uint32_t)-EINVAL;
    if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
        return (uint32_t)-EINVAL;
    if (((flags & MREMAP_DONTUNMAP) && olen != nlen) || old_addr + olen > GMEM_SPACE)
        return (uint32_t)-EINVAL;
    if (olen == 0 && !(flags & MREMAP_MAYMOVE))
        return (uint32_t)-EINVAL;
    if (flags & MREMAP_FIXED) {
        if (new_addr % GUEST_PAGE_SIZE || new_addr + nlen > GMEM_SPACE)
            return (uint32_t)-EINVAL;
        if (new_addr < old_addr + olen && old_addr < new_addr + nlen)
            return (uint32_t)-EINVAL;
    }

    InvalSpan inval = { 0, 0 };
    lock();
    long r = mremap_locked(old_addr, olen, nlen, flags, new_addr, &inval);
    unlock();
    span_flush(&inval);
    return (uint32_t)r;
}

/* ---- page table queries -------------------------------------------------- */

static bool range_ok64(uint32_t addr, uint64_t len, unsigned flags)
{
    if (len == 0)
        return true;
    uint64_t end = (uint64_t)addr + len;
    if (end > GMEM_SPACE)
        return false;
    return pt_range_has(addr & GUEST_PAGE_MASK, page_up(end), flags);
}

bool gmem_range_ok(uint32_t addr, uint32_t len, unsigned page_flags)
{
    return range_ok64(addr, len, page_flags);
}

unsigned gmem_page_flags(uint32_t addr)
{
    return pt_get(addr) & PAGE_PUBLIC_MASK;
}

void gmem_set_flags(uint32_t addr, uint32_t len, unsigned page_flags)
{
    uint64_t end = page_up((uint64_t)addr + len);
    if (end > GMEM_SPACE)
        end = GMEM_SPACE;
    lock();
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        unsigned anon = (page_flags & PAGE_VALID) ? pt_get(a) & PAGE_ANON : 0;
        pt_put(a, (page_flags & PAGE_PUBLIC_MASK) | anon);
    }
    unlock();
}

/* ---- copies -------------------------------------------------------------- */

int copy_from_guest(void *dst, uint32_t src, size_t len)
{
    if (!range_ok64(src, len, PAGE_READ))
        return -EFAULT;
    memcpy(dst, g2h(src), len);
    return 0;
}

/* Give host write permission back to the code pages of [start, end);
 * their blocks must be invalidated afterwards. */
static void unprotect_code_locked(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        unsigned f = pt_get(a);
        if (!(f & PAGE_CODE))
            continue;
        f &= ~PAGE_CODE;
        if (mprotect(host_at(a), GUEST_PAGE_SIZE, flags_to_host_prot(f)) == 0)
            pt_put(a, f);
    }
}

static void invalidate64(uint64_t start, uint64_t end)
{
    tb_invalidate_range((uint32_t)start, end >= GMEM_SPACE ? 0xffffffffu : (uint32_t)end);
}

int copy_to_guest(uint32_t dst, const void *src, size_t len)
{
    if (!range_ok64(dst, len, PAGE_WRITE))
        return -EFAULT;
    if (len == 0)
        return 0;
    uint64_t start = dst & GUEST_PAGE_MASK, end = page_up((uint64_t)dst + len);
    if (pt_range_any(start, end, PAGE_CODE)) {
        /* The copy happens under the lock, so no translation can protect
         * the pages again before it is done. */
        lock();
        unprotect_code_locked(start, end);
        memcpy(g2h(dst), src, len);
        unlock();
        invalidate64(start, end);
        return 0;
    }
    memcpy(g2h(dst), src, len);
    return 0;
}

void gmem_unprotect_code(uint32_t addr, uint64_t len)
{
    uint64_t start = addr & GUEST_PAGE_MASK, end = page_up((uint64_t)addr + len);
    if (end > GMEM_SPACE)
        end = GMEM_SPACE;
    if (!pt_range_any(start, end, PAGE_CODE))
        return;
    lock();
    unprotect_code_locked(start, end);
    unlock();
    invalidate64(start, end);
}

void gmem_protect_code(uint32_t addr)
{
    uint64_t a = addr & GUEST_PAGE_MASK;
    unsigned f = pt_get(a);
    /* Code is never read from a page without PAGE_EXEC (the block is a
     * prefetch abort): nothing there to protect. */
    if ((f & (PAGE_VALID | PAGE_EXEC)) != (PAGE_VALID | PAGE_EXEC) || (f & PAGE_CODE))
        return;
    lock();
    f = pt_get(a);
    if ((f & (PAGE_VALID | PAGE_EXEC)) == (PAGE_VALID | PAGE_EXEC) && !(f & PAGE_CODE)) {
        /* Pages the guest cannot write need no host protection. */
        if (!(f & PAGE_WRITE) ||
            mprotect(host_at(a), GUEST_PAGE_SIZE, host_prot_of(f | PAGE_CODE)) == 0)
            pt_put(a, f | PAGE_CODE);
    }
    unlock();
}

bool gmem_code_write_fault(uint32_t addr)
{
    uint64_t a = addr & GUEST_PAGE_MASK;
    lock();
    unsigned f = pt_get(a);
    /* The host refuses writes to a guest-writable page only to catch
     * stores to translated code; another thread may have lifted the
     * protection already, and then there is nothing left to do. */
    bool code = (f & (PAGE_VALID | PAGE_WRITE)) == (PAGE_VALID | PAGE_WRITE);
    if (code) {
        f &= ~PAGE_CODE;
        if (mprotect(host_at(a), GUEST_PAGE_SIZE, flags_to_host_prot(f)) == 0)
            pt_put(a, f);
        else
            code = false;
    }
    unlock();
    if (code)
        invalidate64(a, a + GUEST_PAGE_SIZE);
    return code;
}

long guest_strnlen(uint32_t addr, size_t max)
{
    size_t n = 0;

    while (n < max) {
        uint64_t a = (uint64_t)addr + n;
        if (a >= GMEM_SPACE || !(pt_get(a) & PAGE_READ))
            return -EFAULT;
        size_t chunk = GUEST_PAGE_SIZE - (a % GUEST_PAGE_SIZE);
        if (chunk > max - n)
            chunk = max - n;
        const char *nul = memchr(host_at(a), 0, chunk);
        if (nul)
            return (long)(n + (size_t)(nul - (const char *)host_at(a)));
        n += chunk;
    }
    return (long)max;
}

/* ---- brk ----------------------------------------------------------------- */

void gmem_brk_init(uint32_t start)
{
    uint64_t s = page_up(start);
    lock();
    brk_start = brk_cur = s >= GMEM_SPACE ? GUEST_PAGE_MASK : (uint32_t)s;
    unlock();
}

/* Move the break's page end from old_end to new_end; true on success. */
static bool brk_move(uint64_t old_end, uint64_t new_end, InvalSpan *inval)
{
    if (new_end < old_end)
        return munmap_locked(new_end, old_end - new_end, inval) == 0;
    if (new_end > GUEST_TASK_SIZE || !pt_range_free(old_end, new_end))
        return false;
    void *p = mmap(host_at(old_end), new_end - old_end, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) {
        host_repair(old_end, new_end - old_end, inval);
        return false;
    }
    pt_set_range(old_end, new_end, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    return true;
}

uint32_t gmem_brk(uint32_t new_brk)
{
    InvalSpan inval = { 0, 0 };
    lock();
    if (brk_start && new_brk >= brk_start) {
        uint64_t old_end = page_up(brk_cur), new_end = page_up(new_brk);
        if (new_end == old_end || brk_move(old_end, new_end, &inval))
            brk_cur = new_brk;
    }
    uint32_t r = brk_cur;
    unlock();
    span_flush(&inval);
    return r;
}

void gmem_brk_range(uint32_t *start, uint32_t *end)
{
    lock();
    *start = brk_start;
    *end = (uint32_t)page_up(brk_cur);
    unlock();
}
