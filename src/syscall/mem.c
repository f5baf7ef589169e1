/*
 * Memory management handlers: brk, the mmap family, mprotect, mremap and
 * madvise.
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
