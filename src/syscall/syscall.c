/*
 * The generic system call dispatcher: decodes the guest's registers into
 * arguments as the table row describes them, runs the handler, translates
 * errno for the guest and emits -strace lines.  Guest entry points
 * (arm_syscall in arm_table.c) only pick the table and move registers.
 *
 * Also here: small guest memory helpers shared by the handlers.
 */
#include <stdio.h>
#include <string.h>
#include "syscall/sys_internal.h"
#include "common/log.h"

/* Linux reserves the top 4095 values of a return for -errno. */
#define SYS_MAX_ERRNO 4095

static uint32_t reg_or_zero(const GuestAbi *abi, const uint32_t *regs, unsigned r)
{
    return r < abi->nregs ? regs[r] : 0;
}

/*
 * 32-bit arguments take one register each.  A 64-bit argument (A_I64)
 * takes two; on ABIs with pair_align (ARM EABI, MIPS o32) the pair starts
 * at an even register, skipping one, and its low word comes first in
 * little-endian guests, its high word in big-endian ones.
 */
static void decode_args(SysCall *c, const uint32_t *regs)
{
    const GuestAbi *abi = c->abi;
    unsigned r = 0;
    for (unsigned i = 0; i < SYS_MAX_ARGS && c->def->args[i] != A_END; i++) {
        if (c->def->args[i] != A_I64) {
            c->a[i] = reg_or_zero(abi, regs, r++);
            continue;
        }
        if (abi->pair_align)
            r = (r + 1) & ~1u;
        uint64_t first = reg_or_zero(abi, regs, r);
        uint64_t second = reg_or_zero(abi, regs, r + 1);
        r += 2;
        c->a[i] = abi->big_endian ? first << 32 | second : second << 32 | first;
    }
}

static const char *syscall_name(const SyscallTable *t, uint32_t nr)
{
    if (nr - t->base < t->count && t->names[nr - t->base])
        return t->names[nr - t->base];
    return "unknown";
}

static const SyscallDef *find_def(const SyscallTable *t, uint32_t nr)
{
    if (nr - t->base >= t->count)
        return NULL;
    const SyscallDef *d = &t->defs[nr - t->base];
    return d->handler ? d : NULL;
}

static int64_t unsupported(const SyscallTable *t, uint32_t nr)
{
    static const char site;
    if (ferry_first_time(&site, nr))
        ferry_log("unsupported syscall %s (%u)", syscall_name(t, nr), nr);
    return -ENOSYS;
}

static int64_t to_guest_result(const GuestAbi *abi, int64_t r)
{
    /* The restart codes are for the guest's syscall entry, not errors. */
    if (r <= -SYS_ERESTARTSYS && r >= -SYS_ERESTARTNOHAND)
        return r;
    if (r < 0 && r >= -SYS_MAX_ERRNO)
        return -(int64_t)xlat_errno_to_guest(abi, (int)-r);
    return r;
}

int64_t sys_dispatch(const GuestAbi *abi, const SyscallTable *table, void *env,
                     uint32_t nr, const uint32_t *regs)
{
    SysCall c = { .abi = abi, .env = env, .nr = nr };
    const SyscallDef *def = find_def(table, nr);
    SyscallDef missing = { .name = syscall_name(table, nr) };
    c.def = def ? def : &missing;
    decode_args(&c, regs);

    bool trace = ferry_log_mask & LOG_STRACE;
    char call[512];
    if (trace) {
        strace_format_call(&c, call, sizeof(call));
        if (c.def->ret == R_NONE)
            strace_print(&c, call, 0, 0);
    }
    int64_t host_r = def ? def->handler(&c) : unsupported(table, nr);
    int64_t r = c.def->ret == R_RAW ? host_r : to_guest_result(abi, host_r);
    if (trace && c.def->ret != R_NONE)
        strace_print(&c, call, r, host_r);
    return r;
}

/* ---- guest memory helpers ---- */

int sys_get_u32(const GuestAbi *abi, uint32_t addr, uint32_t *v)
{
    uint32_t raw;
    if (copy_from_guest(&raw, addr, sizeof(raw)))
        return -EFAULT;
    *v = tsw32(abi, raw);
    return 0;
}

int sys_put_u32(const GuestAbi *abi, uint32_t addr, uint32_t v)
{
    uint32_t raw = tsw32(abi, v);
    return copy_to_guest(addr, &raw, sizeof(raw)) ? -EFAULT : 0;
}

int sys_put_u64(const GuestAbi *abi, uint32_t addr, uint64_t v)
{
    uint64_t raw = tsw64(abi, v);
    return copy_to_guest(addr, &raw, sizeof(raw)) ? -EFAULT : 0;
}

void sys_will_write(uint32_t addr, uint64_t len)
{
    gmem_unprotect_code(addr, len);
}
