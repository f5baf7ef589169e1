/*
 * The initial stack of a new guest process, laid out as the Linux kernel's
 * execve lays it out (create_elf_tables), from the top down:
 *
 *     GUEST_TASK_SIZE   4 zero bytes
 *                       execfn string            (AT_EXECFN)
 *                       environment strings      env_start .. env_end
 *                       argument strings         arg_start .. arg_end
 *                       (aligned down to 16)
 *                       platform string          (AT_PLATFORM)
 *                       16 random bytes          (AT_RANDOM)
 *                       [copy of the program headers, if not loaded]
 *                       auxv pairs, AT_NULL
 *                       envp pointers, NULL
 *                       argv pointers, NULL
 *     sp (16-aligned) ->argc
 *
 * Guest words are stored in the guest's byte order.  The sizes are checked
 * before anything is mapped, so a huge argument list gets a message rather
 * than a write past the stack.
 *
 * Usage (elf_load does this):
 *     elf_map_stack(&params, &info);              // after info.ident is set
 *     ... map the program, fill info.entry, phdr ...
 *     elf_fill_stack(&params, &info, raw_phdrs, phnum * 32);
 */
#include "elfload/elfload.h"

#include "common/log.h"
#include "exec/guestmem.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define STACK_DEFAULT    (8u << 20)
/* Longest single argument or environment string (MAX_ARG_STRLEN). */
#define ARG_MAX_STRLEN   (32u * 4096u)
#define AUXV_MAX         24u
/* Room for the fixed parts: top word, alignment, random bytes, a copy of
 * up to 256 program headers. */
#define STACK_FIXED_MAX  (4u + 16u + 16u + 256u * 32u + 16u)

typedef struct StackPlan {
    size_t argc, envc;
    size_t arg_bytes, env_bytes;   /* strings with their NULs */
    size_t execfn_len, platform_len;
    size_t total;                  /* upper bound of everything */
} StackPlan;

static const char *execfn_of(const ElfLoadParams *p)
{
    return p->execfn ? p->execfn : p->path;
}

uint32_t elf_stack_size(uint32_t requested)
{
    uint64_t s = requested ? requested : STACK_DEFAULT;
    s = (s + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    return s > GUEST_PAGE_MASK ? GUEST_PAGE_MASK : (uint32_t)s;
}

/* Sum up one string vector; -1 (after a message) for an overlong string. */
static int sum_strings(const ElfLoadParams *p, char *const *v, size_t n, const char *what,
                       size_t *bytes)
{
    *bytes = 0;
    for (size_t i = 0; i < n; i++) {
        FERRY_ASSERT(v[i] != NULL);
        size_t len = strlen(v[i]) + 1;
        if (len > ARG_MAX_STRLEN) {
            ferry_log("%s: %s %zu is too long (%zu bytes, at most %u)", p->path, what, i,
                      len, ARG_MAX_STRLEN);
            return -1;
        }
        *bytes += len;
    }
    return 0;
}

/* Measure argv/envp and check that they fit in a quarter of the stack,
 * the share Linux allows them. */
static int stack_plan(const ElfLoadParams *p, uint32_t stack_size, StackPlan *s)
{
    memset(s, 0, sizeof *s);
    FERRY_ASSERT(p->argc >= 0);
    s->argc = (size_t)p->argc;
    while (p->envp && p->envp[s->envc])
        s->envc++;
    if (sum_strings(p, p->argv, s->argc, "argument", &s->arg_bytes) < 0 ||
        sum_strings(p, p->envp, s->envc, "environment string", &s->env_bytes) < 0)
        return -1;
    s->execfn_len = strlen(execfn_of(p)) + 1;
    s->platform_len = p->platform ? strlen(p->platform) + 1 : 0;
    if (s->execfn_len > ARG_MAX_STRLEN || s->platform_len > ARG_MAX_STRLEN) {
        ferry_log("%s: program name or platform string too long", p->path);
        return -1;
    }
    s->total = s->arg_bytes + s->env_bytes + s->execfn_len + s->platform_len +
               STACK_FIXED_MAX + (s->argc + s->envc + 3) * 4 + AUXV_MAX * 8;
    if (s->total > stack_size / 4) {
        ferry_log("%s: argument list too long: %zu bytes of arguments and environment, "
                  "a %u-byte stack allows %u",
                  p->path, s->total, stack_size, stack_size / 4);
        return -1;
    }
    return 0;
}

int elf_map_stack(const ElfLoadParams *p, ElfLoadInfo *info)
{
    uint32_t size = elf_stack_size(p->stack_size);
    StackPlan plan;

    if (size > GUEST_TASK_SIZE / 2) {
        ferry_log("%s: stack size of %u bytes is too large", p->path, size);
        return -1;
    }
    if (stack_plan(p, size, &plan) < 0)
        return -1;
    uint32_t lo = GUEST_TASK_SIZE - size;
    uint32_t r = gmem_mmap(lo, size, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (gmem_is_err(r)) {
        ferry_log("%s: cannot map the stack: %s", p->path, strerror(-(int32_t)r));
        return -1;
    }
    info->stack_top = GUEST_TASK_SIZE;
    info->stack_limit = lo;
    return 0;
}

/* ---- writing ---------------------------------------------------------------- */

static void put_u32(uint32_t addr, uint32_t v, bool big_endian)
{
    if (big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__))
        v = __builtin_bswap32(v);
    memcpy(g2h(addr), &v, 4);
}

/* Copy the strings of v to addr upwards; record each one's address. */
static uint32_t put_strings(uint32_t addr, char *const *v, size_t n, uint32_t *where)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(v[i]) + 1;
        memcpy(g2h(addr), v[i], len);
        where[i] = addr;
        addr += (uint32_t)len;
    }
    return addr;
}

/* 16 bytes for AT_RANDOM: the caller's, the kernel's, or a last resort. */
static void random_bytes(const ElfLoadParams *p, uint8_t out[16])
{
    if (p->at_random) {
        memcpy(out, p->at_random, 16);
        return;
    }
    if (getrandom(out, 16, 0) == 16)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
    for (int i = 0; i < 16; i++) { /* splitmix64 */
        x += 0x9e3779b97f4a7c15ull;
        uint64_t z = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        out[i] = (uint8_t)(z ^ (z >> 31));
    }
}

typedef struct Auxv {
    uint32_t pair[AUXV_MAX][2];
    unsigned n;
} Auxv;

static void aux(Auxv *a, uint32_t type, uint32_t value)
{
    FERRY_ASSERT(a->n < AUXV_MAX);
    a->pair[a->n][0] = type;
    a->pair[a->n][1] = value;
    a->n++;
}

/* The auxiliary vector, in the order Linux writes it on ARM. */
static void build_auxv(Auxv *a, const ElfLoadParams *p, const ElfLoadInfo *info,
                       uint32_t random_at, uint32_t execfn_at, uint32_t platform_at)
{
    long clk = sysconf(_SC_CLK_TCK);

    a->n = 0;
    aux(a, AT_HWCAP, p->hwcap);
    aux(a, AT_PAGESZ, GUEST_PAGE_SIZE);
    aux(a, AT_CLKTCK, clk > 0 ? (uint32_t)clk : 100);
    aux(a, AT_PHDR, info->phdr);
    aux(a, AT_PHENT, info->phent);
    aux(a, AT_PHNUM, info->phnum);
    aux(a, AT_BASE, info->interp_base);
    aux(a, AT_FLAGS, 0);
    aux(a, AT_ENTRY, info->exec_entry);
    aux(a, AT_UID, (uint32_t)getuid());
    aux(a, AT_EUID, (uint32_t)geteuid());
    aux(a, AT_GID, (uint32_t)getgid());
    aux(a, AT_EGID, (uint32_t)getegid());
    aux(a, AT_SECURE, 0);
    aux(a, AT_RANDOM, random_at);
    aux(a, AT_HWCAP2, p->hwcap2);
    aux(a, AT_EXECFN, execfn_at);
    if (platform_at)
        aux(a, AT_PLATFORM, platform_at);
    aux(a, AT_NULL, 0);
}

/* Write the strings at the top; returns the lowest address used and
 * fills argv_at/envp_at and the arg/env fields of info. */
static uint32_t put_all_strings(const ElfLoadParams *p, const StackPlan *s, ElfLoadInfo *info,
                                uint32_t *argv_at, uint32_t *envp_at, uint32_t *execfn_at)
{
    *execfn_at = info->stack_top - 4 - (uint32_t)s->execfn_len;
    info->env_end = *execfn_at;
    info->env_start = info->env_end - (uint32_t)s->env_bytes;
    info->arg_end = info->env_start;
    info->arg_start = info->arg_end - (uint32_t)s->arg_bytes;

    put_strings(info->arg_start, p->argv, s->argc, argv_at);
    put_strings(info->env_start, p->envp, s->envc, envp_at);
    memcpy(g2h(*execfn_at), execfn_of(p), s->execfn_len);
    put_u32(info->stack_top - 4, 0, false);
    return info->arg_start;
}

/* argc, the argv and envp pointer arrays and the auxv, from sp upwards. */
static void put_tables(const StackPlan *s, const ElfLoadInfo *info, uint32_t sp,
                       const uint32_t *argv_at, const uint32_t *envp_at, const Auxv *a)
{
    bool be = info->ident.big_endian;
    uint32_t w = sp;

    put_u32(w, (uint32_t)s->argc, be);
    w += 4;
    for (size_t i = 0; i < s->argc; i++, w += 4)
        put_u32(w, argv_at[i], be);
    put_u32(w, 0, be);
    w += 4;
    for (size_t i = 0; i < s->envc; i++, w += 4)
        put_u32(w, envp_at[i], be);
    put_u32(w, 0, be);
    w += 4;
    for (unsigned i = 0; i < a->n; i++, w += 8) {
        put_u32(w, a->pair[i][0], be);
        put_u32(w + 4, a->pair[i][1], be);
    }
}

static int fill_stack(const ElfLoadParams *p, ElfLoadInfo *info, const StackPlan *s,
                      uint32_t *argv_at, uint32_t *envp_at, const void *phdr_bytes,
                      uint32_t phdr_len)
{
    uint32_t execfn_at, platform_at = 0;
    uint32_t pos = put_all_strings(p, s, info, argv_at, envp_at, &execfn_at) & ~15u;

    if (p->platform) {
        pos -= (uint32_t)s->platform_len;
        memcpy(g2h(pos), p->platform, s->platform_len);
        platform_at = pos;
    }
    uint8_t rnd[16];
    random_bytes(p, rnd);
    pos -= 16;
    memcpy(g2h(pos), rnd, 16);
    uint32_t random_at = pos;
    if (info->phdr == 0 && phdr_bytes && phdr_len <= 256 * 32) {
        pos = (pos - phdr_len) & ~3u;
        memcpy(g2h(pos), phdr_bytes, phdr_len);
        info->phdr = pos;
    }

    Auxv a;
    build_auxv(&a, p, info, random_at, execfn_at, platform_at);
    size_t words = (s->argc + 1) + (s->envc + 1) + 1 + 2 * a.n;
    uint32_t sp = (pos - (uint32_t)(words * 4)) & ~15u;
    FERRY_ASSERT(sp >= info->stack_limit && sp < pos); /* stack_plan checked the size */
    put_tables(s, info, sp, argv_at, envp_at, &a);

    info->sp = sp;
    info->auxv = sp + (uint32_t)((s->argc + s->envc + 3) * 4);
    info->auxv_len = a.n * 8;
    return 0;
}

int elf_fill_stack(const ElfLoadParams *p, ElfLoadInfo *info, const void *phdr_bytes,
                   uint32_t phdr_len)
{
    StackPlan s;
    if (stack_plan(p, info->stack_top - info->stack_limit, &s) < 0)
        return -1;
    uint32_t *argv_at = malloc((s.argc + 1) * sizeof *argv_at);
    uint32_t *envp_at = malloc((s.envc + 1) * sizeof *envp_at);
    int r = -1;
    if (argv_at && envp_at)
        r = fill_stack(p, info, &s, argv_at, envp_at, phdr_bytes, phdr_len);
    else
        ferry_log("%s: out of memory", p->path);
    free(argv_at);
    free(envp_at);
    return r;
}
