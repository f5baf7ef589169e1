/*
 * Memory management handlers: brk, the mmap family, mprotect, mremap,
 * madvise, msync, the mlock family and mincore.
 *
 * The guest address space is owned by guestmem (exec/guestmem.c), which
 * implements Linux's checks, returns -errno and drops translated code of
 * pages it unmaps, replaces or makes non-executable; these handlers only
 * translate guest flags and values.
 */
#include <sys/mman.h>
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"

/* ARM and MIPS count mmap2 offsets in 4096-byte units whatever the page size. */
#define MMAP2_UNIT_SHIFT 12

static int64_t gmem_result(uint32_t r)
{
    return gmem_is_err(r) ? (int64_t)(int32_t)r : (int64_t)r;
}

int64_t sys_brk(SysCall *c)
{
    return gmem_brk(sys_u32(c, 0));
}

static int64_t do_mmap(SysCall *c, uint64_t offset)
{
    int flags = (int)xlat_mmap_flags_to_host(c->abi, sys_u32(c, 3));
    return gmem_result(gmem_mmap(sys_u32(c, 0), sys_u32(c, 1), sys_int(c, 2), flags,
                                 sys_int(c, 4), (off_t)offset));
}

/* mmap2(addr, len, prot, flags, fd, pgoff): offset in 4096-byte units. */
int64_t sys_mmap2(SysCall *c)
{
    return do_mmap(c, (uint64_t)sys_u32(c, 5) << MMAP2_UNIT_SHIFT);
}

/* mmap with a byte offset passed directly (MIPS o32; ARM EABI has none). */
int64_t sys_mmap(SysCall *c)
{
    uint32_t off = sys_u32(c, 5);
    if (off & ~GUEST_PAGE_MASK)
        return -EINVAL;
    return do_mmap(c, off);
}

int64_t sys_munmap(SysCall *c)
{
    return gmem_munmap(sys_u32(c, 0), sys_u32(c, 1));
}

int64_t sys_mprotect(SysCall *c)
{
    return gmem_mprotect(sys_u32(c, 0), sys_u32(c, 1), sys_int(c, 2));
}

/* mremap(old, old_len, new_len, flags, new_addr): MREMAP_* are the same
 * on every ABI. */
int64_t sys_mremap(SysCall *c)
{
    return gmem_result(gmem_mremap(sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2),
                                   sys_int(c, 3), sys_u32(c, 4)));
}

/* What madvise does with each advice value (the same on every ABI). */
typedef enum MadvKind {
    MADV_KIND_INVALID = 0,
    MADV_KIND_HINT,     /* no visible effect: accepted and ignored */
    MADV_KIND_HOST,     /* changes contents or state: done on the host */
} MadvKind;

/* DONTFORK stays a hint: on the host it would punch holes into the guest
 * space reservation of a forked child. */
static MadvKind madv_kind(int advice)
{
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
    case MADV_WILLNEED: case MADV_DONTFORK: case MADV_DOFORK:
    case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
    case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
    case 20 /* MADV_COLD */: case 21 /* MADV_PAGEOUT */:
    case 22 /* MADV_POPULATE_READ */: case 23 /* MADV_POPULATE_WRITE */:
    case 25 /* MADV_COLLAPSE */:
        return MADV_KIND_HINT;
    case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE:
    case MADV_WIPEONFORK: case MADV_KEEPONFORK:
    case 24 /* MADV_DONTNEED_LOCKED */:
        return MADV_KIND_HOST;
    default:
        return MADV_KIND_INVALID;
    }
}

/* Linux's order of checks: advice, alignment, wrap, empty range, holes. */
int64_t sys_madvise(SysCall *c)
{
    uint32_t addr = sys_u32(c, 0), len_in = sys_u32(c, 1);
    MadvKind kind = madv_kind(sys_int(c, 2));
    uint64_t len = ((uint64_t)len_in + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    if (kind == MADV_KIND_INVALID || (addr & ~GUEST_PAGE_MASK))
        return -EINVAL;
    if ((uint64_t)addr + len > 0x100000000ull)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!gmem_range_ok(addr, len > UINT32_MAX ? UINT32_MAX : (uint32_t)len, PAGE_VALID))
        return -ENOMEM;
    if (kind == MADV_KIND_HINT)
        return 0;
    sys_will_write(addr, len);  /* DONTNEED and FREE may zero the pages */
    return sys_host(madvise(g2h(addr), len, sys_int(c, 2)));
}

/* msync(addr, len, flags): MS_* are the same on every ABI. */
int64_t sys_msync(SysCall *c)
{
    uint32_t addr = sys_u32(c, 0), len = sys_u32(c, 1);
    if (addr & ~GUEST_PAGE_MASK)
        return -EINVAL;
    if (len && !gmem_range_ok(addr, len, PAGE_VALID))
        return -ENOMEM;
    return sys_host(msync(g2h(addr), len, sys_int(c, 2)));
}

/* mlock and munlock act on the host pages behind the guest range. */
static int64_t do_mlock(SysCall *c, bool lock, int flags)
{
    uint32_t addr = sys_u32(c, 0), len = sys_u32(c, 1);
    uint32_t start = addr & GUEST_PAGE_MASK;
    uint64_t end = ((uint64_t)addr + len + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    if (end > 0x100000000ull)
        return -ENOMEM;
    if (end > start && !gmem_range_ok(start, (uint32_t)(end - start), PAGE_VALID))
        return -ENOMEM;
    if (!lock)
        return sys_host(munlock(g2h(start), end - start));
    return sys_host(mlock2(g2h(start), end - start, (unsigned)flags));
}

int64_t sys_mlock(SysCall *c) { return do_mlock(c, true, 0); }
int64_t sys_mlock2(SysCall *c) { return do_mlock(c, true, sys_int(c, 2)); }
int64_t sys_munlock(SysCall *c) { return do_mlock(c, false, 0); }

/*
 * mlockall: MCL_CURRENT locks the guest's mappings (not ferry's own memory
 * or the reserved, unmapped guest space); MCL_FUTURE and MCL_ONFAULT are
 * passed to the host, so later guest mappings are locked as they appear
 * (ferry's own later allocations then are too, which only costs memory).
 */
int64_t sys_mlockall(SysCall *c)
{
    int flags = sys_int(c, 0);
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
        flags == MCL_ONFAULT)
        return -EINVAL;
    if (flags & MCL_CURRENT) {
        for (uint64_t a = 0; a < 0x100000000ull;) {
            if (!(gmem_page_flags((uint32_t)a) & PAGE_VALID)) {
                a += GUEST_PAGE_SIZE;
                continue;
            }
            uint64_t b = a;
            while (b < 0x100000000ull && (gmem_page_flags((uint32_t)b) & PAGE_VALID))
                b += GUEST_PAGE_SIZE;
            unsigned mflags = flags & MCL_ONFAULT ? MLOCK_ONFAULT : 0;
            if (mlock2(g2h((uint32_t)a), b - a, mflags) != 0)
                return -errno;
            a = b;
        }
    }
    if (flags & MCL_FUTURE)
        return sys_host(mlockall(flags & (MCL_FUTURE | MCL_ONFAULT)));
    return 0;
}

/* munlockall also undoes MCL_FUTURE; ferry's memory was never locked
 * otherwise. */
int64_t sys_munlockall(SysCall *c)
{
    return sys_host(munlockall());
}

/* mincore(addr, len, vec): one byte per page, written by the host. */
int64_t sys_mincore(SysCall *c)
{
    uint32_t addr = sys_u32(c, 0), len = sys_u32(c, 1), vec = sys_u32(c, 2);
    if (addr & ~GUEST_PAGE_MASK)
        return -EINVAL;
    if (len && !gmem_range_ok(addr, len, PAGE_VALID))
        return -ENOMEM;
    uint32_t pages = (uint32_t)(((uint64_t)len + GUEST_PAGE_SIZE - 1) / GUEST_PAGE_SIZE);
    sys_will_write(vec, pages);
    return sys_host(mincore(g2h(addr), len, g2h(vec)));
}
