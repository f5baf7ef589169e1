/*
 * Unit test of the ELF loader (src/elfload/): loads small ARM ELF images
 * built here in memory (written to a temporary file), then checks the
 * guest memory they produce: segment bytes, zeroed bss, page protections,
 * the static-pie bias, and the initial stack (argc, argv, envp, auxv).
 * A table of corrupt files and two fuzz loops (every truncation length,
 * random byte flips with a fixed seed) check that bad input gives -1 and
 * one message, never a crash.
 *
 * Messages are captured by redirecting stderr (fd 2) around each call.
 *
 * Build alone (log_stub.c: any definitions of ferry_log, ferry_fatal and
 * ferry_assert_fail):
 *     gcc -std=gnu11 -Wall -Wextra -D_GNU_SOURCE -Isrc \
 *         tests/unit/test_elfload.c src/elfload/elfload.c \
 *         src/elfload/stack.c src/exec/guestmem.c log_stub.c -lpthread \
 *         -o test_elfload
 */
#include "elfload/elfload.h"
#include "exec/guestmem.h"
#include "exec/tb_invalidate.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096u

#include "unit_check.h"

/* The engine's invalidation hook; nothing is translated here.  Weak, so a
 * core library that brings its own wins. */
__attribute__((weak)) void tb_invalidate_range(uint32_t start, uint32_t end)
{
    (void)start;
    (void)end;
}

/* ---- building ELF images -------------------------------------------------- */

typedef struct Seg {
    uint32_t type, offset, vaddr, filesz, memsz, flags, align;
} Seg;

typedef struct Spec {
    bool be;
    uint16_t type, machine;
    uint32_t entry;
    unsigned nseg;
    Seg seg[6];
    size_t file_len;
    const char *interp; /* written at the PT_INTERP offset */
} Spec;

static uint8_t img[16384];
static size_t img_len;
static bool img_be;

static void w16(size_t off, uint16_t v)
{
    img[off] = img_be ? (uint8_t)(v >> 8) : (uint8_t)v;
    img[off + 1] = img_be ? (uint8_t)v : (uint8_t)(v >> 8);
}

static void w32(size_t off, uint32_t v)
{
    w16(off + (img_be ? 2 : 0), (uint16_t)v);
    w16(off + (img_be ? 0 : 2), (uint16_t)(v >> 16));
}

/* The file: a position pattern everywhere, then the headers on top. */
static void build(const Spec *s)
{
    img_len = s->file_len;
    img_be = s->be;
    for (size_t i = 0; i < sizeof img; i++)
        img[i] = (uint8_t)(i * 7 + 3);
    memcpy(img, ELFMAG, SELFMAG);
    img[EI_CLASS] = ELFCLASS32;
    img[EI_DATA] = s->be ? ELFDATA2MSB : ELFDATA2LSB;
    img[EI_VERSION] = EV_CURRENT;
    memset(img + EI_OSABI, 0, EI_NIDENT - EI_OSABI);
    w16(16, s->type);
    w16(18, s->machine);
    w32(20, EV_CURRENT);
    w32(24, s->entry);
    w32(28, 52);          /* e_phoff */
    w32(32, 0);           /* e_shoff */
    w32(36, 0x05000400);  /* EABI5, hard float */
    w16(40, 52);
    w16(42, 32);
    w16(44, (uint16_t)s->nseg);
    w16(46, 40);
    w16(48, 0);
    w16(50, 0);
    for (unsigned i = 0; i < s->nseg; i++) {
        const Seg *g = &s->seg[i];
        size_t o = 52 + 32 * i;
        w32(o, g->type);
        w32(o + 4, g->offset);
        w32(o + 8, g->vaddr);
        w32(o + 12, g->vaddr);
        w32(o + 16, g->filesz);
        w32(o + 20, g->memsz);
        w32(o + 24, g->flags);
        w32(o + 28, g->align);
        if (g->type == PT_INTERP && s->interp)
            memcpy(img + g->offset, s->interp, strlen(s->interp) + 1);
    }
}

/* A static ARM program: text with the headers in its page, data whose
 * last file page continues with unrelated bytes (which must read as
 * zero: they are bss), and bss over several pages. */
static Spec spec_exec(void)
{
    return (Spec){
        .type = ET_EXEC, .machine = EM_ARM, .entry = 0x10101, .nseg = 3, .file_len = 0x300,
        .seg = {
            { PT_LOAD, 0, 0x10000, 0x200, 0x200, PF_R | PF_X, 0x1000 },
            { PT_LOAD, 0x200, 0x21200, 0x40, 0x3000, PF_R | PF_W, 0x1000 },
            { PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W, 0x10 },
        },
    };
}

/* The same as a static-pie program. */
static Spec spec_dyn(void)
{
    Spec s = spec_exec();
    s.type = ET_DYN;
    s.entry = 0x101;
    s.seg[0].vaddr = 0;
    s.seg[1].vaddr = 0x11200;
    s.seg[0].align = s.seg[1].align = 0x10000;
    return s;
}

/* Text and data in one page (ld -N): the page gets both permissions. */
static Spec spec_shared_page(void)
{
    return (Spec){
        .type = ET_EXEC, .machine = EM_ARM, .entry = 0x10100, .nseg = 2, .file_len = 0x1c0,
        .seg = {
            { PT_LOAD, 0, 0x10000, 0x180, 0x180, PF_R | PF_X, 4 },
            { PT_LOAD, 0x180, 0x10180, 0x40, 0x2000, PF_R | PF_W, 4 },
        },
    };
}

/* Offset and address that disagree modulo the page size (tiny
 * hand-made files do this): the data is copied, not mapped. */
static Spec spec_copied(void)
{
    return (Spec){
        .type = ET_EXEC, .machine = EM_ARM, .entry = 0x10080, .nseg = 3, .file_len = 0x400,
        .seg = {
            { PT_LOAD, 0, 0x10000, 0x100, 0x100, PF_R | PF_X, 4 },
            { PT_LOAD, 0x104, 0x30000, 0x2f0, 0x1800, PF_R | PF_W, 4 },
            { PT_PHDR, 52, 0x10034, 96, 96, PF_R, 4 },
        },
    };
}

/* PT_INTERP naming interp, in the bytes the program headers leave free. */
static void set_interp(Spec *s, const char *interp)
{
    uint32_t len = (uint32_t)strlen(interp) + 1;
    s->seg[2] = (Seg){ PT_INTERP, 0x1c0, 0x101c0, len, len, PF_R, 1 };
    s->interp = interp;
}

/* ---- files and messages --------------------------------------------------- */

static char path[64];
static char errbuf[8192];
static int saved_stderr = -1;
static int errfd = -1;

static void write_image(size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, img, len) != (ssize_t)len) {
        perror(path);
        exit(2);
    }
    close(fd);
}

/* stderr goes to an in-memory file between these two calls. */
static void capture_begin(void)
{
    fflush(stderr);
    if (errfd < 0)
        errfd = memfd_create("ferry-test-stderr", 0);
    if (ftruncate(errfd, 0) != 0 || lseek(errfd, 0, SEEK_SET) != 0) {
        perror("capture");
        exit(2);
    }
    saved_stderr = dup(2);
    dup2(errfd, 2);
}

static void capture_end(void)
{
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    ssize_t n = pread(errfd, errbuf, sizeof errbuf - 1, 0);
    errbuf[n > 0 ? n : 0] = '\0';
}

/* True when the captured output is exactly one "ferry: FILE: ..." line
 * containing want. */
static bool one_message(const char *file, const char *want)
{
    char prefix[128];
    snprintf(prefix, sizeof prefix, "ferry: %s: ", file);
    const char *nl = strchr(errbuf, '\n');
    bool ok = strncmp(errbuf, prefix, strlen(prefix)) == 0 && strstr(errbuf, want) &&
              nl && nl[1] == '\0';
    if (!ok)
        printf("  message was: %s  expected to contain: %s\n", errbuf, want);
    return ok;
}

/* ---- loading ---------------------------------------------------------------- */

static char *test_argv[] = { "prog", "first arg", NULL };
static char *test_envp[] = { "HOME=/home/x", "Z=1", "EMPTY=", NULL };
static const uint8_t fixed_random[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static ElfLoadParams params(void)
{
    return (ElfLoadParams){
        .path = path, .execfn = "/usr/bin/prog", .argc = 2, .argv = test_argv,
        .envp = test_envp, .hwcap = 0x0037b0d6, .hwcap2 = 0x1f, .platform = "v7l",
        .machine = EM_ARM, .stack_size = 0, .at_random = fixed_random,
    };
}

/* Remove everything a load mapped. */
static void unload(void)
{
    gmem_munmap(PG, GUEST_TASK_SIZE - PG);
}

static bool nothing_mapped(void)
{
    for (uint32_t a = PG; a < GUEST_TASK_SIZE; a += PG)
        if (gmem_page_flags(a))
            return false;
    return true;
}

/* Load the current image quietly; the result of elf_load. */
static int load_quiet(const ElfLoadParams *p, ElfLoadInfo *info)
{
    capture_begin();
    int r = elf_load(p, info);
    capture_end();
    return r;
}

static uint32_t rd32(uint32_t addr, bool be)
{
    const uint8_t *b = g2h(addr);
    return be ? (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
              : (uint32_t)b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0];
}

static unsigned page_flags_of(uint32_t p_flags)
{
    return PAGE_VALID | (p_flags & PF_R ? PAGE_READ : 0) | (p_flags & PF_W ? PAGE_WRITE : 0) |
           (p_flags & PF_X ? PAGE_EXEC : 0);
}

/* Segment bytes, bss zeros and page flags of a loaded spec. */
static void check_segments(const Spec *s, uint32_t bias)
{
    uint32_t end = 0;
    for (unsigned i = 0; i < s->nseg; i++) {
        const Seg *g = &s->seg[i];
        if (g->type != PT_LOAD)
            continue;
        uint32_t v = g->vaddr + bias;
        CHECK(memcmp(g2h(v), img + g->offset, g->filesz) == 0);
        bool zero = true;
        for (uint32_t a = v + g->filesz; a < v + g->memsz; a++)
            zero &= *(uint8_t *)g2h(a) == 0;
        CHECK(zero);
        if (v + g->memsz > end)
            end = v + g->memsz;
        for (uint32_t a = v & ~(PG - 1); a < v + g->memsz; a += PG) {
            unsigned want = 0;
            for (unsigned j = 0; j < s->nseg; j++) {
                const Seg *h = &s->seg[j];
                uint32_t hv = h->vaddr + bias;
                if (h->type == PT_LOAD && (hv & ~(PG - 1)) <= a && a < hv + h->memsz)
                    want |= page_flags_of(h->flags);
            }
            CHECK_EQ(gmem_page_flags(a), want);
        }
    }
    /* The rest of the last page is zero too (memory past the break). */
    bool zero = true;
    for (uint32_t a = end; a % PG; a++)
        zero &= *(uint8_t *)g2h(a) == 0;
    CHECK(zero);
    CHECK_EQ(gmem_page_flags((end + PG - 1) & ~(PG - 1)), 0);
    CHECK_EQ(gmem_brk(0), (end + PG - 1) & ~(PG - 1));
}

/* Find an auxv entry; false when absent. */
static bool auxv_get(const ElfLoadInfo *info, uint32_t type, uint32_t *value)
{
    bool be = info->ident.big_endian;
    for (uint32_t a = info->auxv; a < info->auxv + info->auxv_len; a += 8) {
        if (rd32(a, be) == type) {
            *value = rd32(a + 4, be);
            return true;
        }
    }
    return false;
}

static uint32_t auxv_val(const ElfLoadInfo *info, uint32_t type)
{
    uint32_t v = 0xdeadbeef;
    if (!auxv_get(info, type, &v))
        printf("  auxv entry %u missing\n", type);
    return v;
}

static bool guest_str_is(uint32_t addr, const char *s)
{
    return guest_strnlen(addr, 4096) == (long)strlen(s) && strcmp(g2h(addr), s) == 0;
}

/* argc, argv, envp and the auxv of a stack built from params(). */
static void check_stack(const ElfLoadInfo *in, uint32_t phdr, uint32_t phnum, uint32_t entry)
{
    bool be = in->ident.big_endian;
    uint32_t sp = in->sp;

    CHECK_EQ(in->stack_top, GUEST_TASK_SIZE);
    CHECK_EQ(in->stack_limit, GUEST_TASK_SIZE - (8u << 20));
    CHECK_EQ(gmem_page_flags(in->stack_limit), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(GUEST_TASK_SIZE - PG), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(in->stack_limit - PG), 0); /* guard */
    CHECK_EQ(sp % 16, 0);
    CHECK(sp > in->stack_limit && sp < GUEST_TASK_SIZE - 64);

    CHECK_EQ(rd32(sp, be), 2);
    CHECK(guest_str_is(rd32(sp + 4, be), "prog"));
    CHECK(guest_str_is(rd32(sp + 8, be), "first arg"));
    CHECK_EQ(rd32(sp + 12, be), 0);
    CHECK(guest_str_is(rd32(sp + 16, be), "HOME=/home/x"));
    CHECK(guest_str_is(rd32(sp + 20, be), "Z=1"));
    CHECK(guest_str_is(rd32(sp + 24, be), "EMPTY="));
    CHECK_EQ(rd32(sp + 28, be), 0);
    CHECK_EQ(in->auxv, sp + 32);

    /* Strings: argv then envp then execfn, ending 4 bytes below the top. */
    CHECK_EQ(in->arg_start, rd32(sp + 4, be));
    CHECK_EQ(in->arg_end, in->arg_start + 5 + 10);
    CHECK_EQ(in->env_start, in->arg_end);
    CHECK_EQ(in->env_start, rd32(sp + 16, be));
    CHECK_EQ(in->env_end, in->env_start + 13 + 4 + 7);
    uint32_t execfn = auxv_val(in, AT_EXECFN);
    CHECK_EQ(execfn, in->env_end);
    CHECK(guest_str_is(execfn, "/usr/bin/prog"));
    CHECK_EQ(execfn + 14 + 4, GUEST_TASK_SIZE);
    CHECK_EQ(rd32(GUEST_TASK_SIZE - 4, be), 0);

    /* The auxv: ends with AT_NULL, which auxv_len includes. */
    CHECK_EQ(in->auxv_len % 8, 0);
    CHECK(in->auxv_len >= 18 * 8);
    CHECK_EQ(rd32(in->auxv + in->auxv_len - 8, be), AT_NULL);
    CHECK_EQ(auxv_val(in, AT_PHDR), phdr);
    CHECK_EQ(auxv_val(in, AT_PHENT), 32);
    CHECK_EQ(auxv_val(in, AT_PHNUM), phnum);
    CHECK_EQ(auxv_val(in, AT_PAGESZ), 4096);
    CHECK_EQ(auxv_val(in, AT_BASE), 0);
    CHECK_EQ(auxv_val(in, AT_FLAGS), 0);
    CHECK_EQ(auxv_val(in, AT_ENTRY), entry);
    CHECK_EQ(auxv_val(in, AT_UID), getuid());
    CHECK_EQ(auxv_val(in, AT_EUID), geteuid());
    CHECK_EQ(auxv_val(in, AT_GID), getgid());
    CHECK_EQ(auxv_val(in, AT_EGID), getegid());
    CHECK_EQ(auxv_val(in, AT_SECURE), 0);
    CHECK_EQ(auxv_val(in, AT_HWCAP), 0x0037b0d6);
    CHECK_EQ(auxv_val(in, AT_HWCAP2), 0x1f);
    CHECK_EQ(auxv_val(in, AT_CLKTCK), sysconf(_SC_CLK_TCK));
    CHECK(guest_str_is(auxv_val(in, AT_PLATFORM), "v7l"));
    uint32_t rnd = auxv_val(in, AT_RANDOM);
    CHECK(gmem_range_ok(rnd, 16, PAGE_READ | PAGE_WRITE));
    CHECK(rnd >= in->auxv + in->auxv_len && rnd + 16 <= in->arg_start);
    CHECK(memcmp(g2h(rnd), fixed_random, 16) == 0);
    /* AT_PHDR shows the program headers as they are in the file. */
    CHECK(memcmp(g2h(phdr), img + 52, 32 * phnum) == 0);
}

/* ---- good files ------------------------------------------------------------- */

static void test_exec(void)
{
    Spec s = spec_exec();
    build(&s);
    write_image(s.file_len);

    ElfIdent id;
    capture_begin();
    int r = elf_probe(path, &id);
    capture_end();
    CHECK_EQ(r, 0);
    CHECK_EQ(errbuf[0], 0);
    CHECK_EQ(id.machine, EM_ARM);
    CHECK_EQ(id.type, ET_EXEC);
    CHECK_EQ(id.e_flags, 0x05000400);
    CHECK(!id.big_endian);

    ElfLoadParams p = params();
    ElfLoadInfo in;
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK_EQ(errbuf[0], 0);
    CHECK_EQ(in.entry, 0x10101);
    CHECK_EQ(in.exec_entry, 0x10101);
    CHECK_EQ(in.load_bias, 0);
    CHECK_EQ(in.phdr, 0x10034);
    CHECK_EQ(in.phnum, 3);
    CHECK_EQ(in.phent, 32);
    CHECK_EQ(in.start_code, 0x10000);
    CHECK_EQ(in.end_code, 0x10200);
    CHECK_EQ(in.start_data, 0x21200);
    CHECK_EQ(in.end_data, 0x21240);
    CHECK_EQ(in.start_brk, 0x25000);
    CHECK_EQ(in.interp_base, 0);
    CHECK_EQ(in.ident.machine, EM_ARM);
    CHECK_EQ(gmem_page_flags(0x10000), PAGE_VALID | PAGE_READ | PAGE_EXEC);
    CHECK_EQ(gmem_page_flags(0x21000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(0x24000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CHECK_EQ(gmem_page_flags(0x11000), 0);
    CHECK_EQ(*(uint8_t *)g2h(0x21240), 0); /* file bytes past p_filesz */
    check_segments(&s, 0);
    check_stack(&in, 0x10034, 3, 0x10101);
    /* The break works from the end of bss. */
    CHECK_EQ(gmem_brk(0x25000 + 100), 0x25000 + 100);
    CHECK_EQ(gmem_page_flags(0x25000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    unload();
    CHECK(nothing_mapped());

    /* Without at_random the bytes come from the kernel. */
    p.at_random = NULL;
    CHECK_EQ(load_quiet(&p, &in), 0);
    uint32_t rnd = auxv_val(&in, AT_RANDOM);
    CHECK(memcmp(g2h(rnd), fixed_random, 16) != 0);
    unload();

    /* No platform string, no environment, a small stack. */
    p = params();
    p.platform = NULL;
    p.envp = NULL;
    p.stack_size = 100000;
    CHECK_EQ(load_quiet(&p, &in), 0);
    uint32_t v;
    CHECK(!auxv_get(&in, AT_PLATFORM, &v));
    CHECK_EQ(in.stack_limit, GUEST_TASK_SIZE - 0x19000);
    CHECK_EQ(rd32(in.sp + 12, false), 0);  /* argv NULL */
    CHECK_EQ(rd32(in.sp + 16, false), 0);  /* envp NULL right after */
    CHECK_EQ(in.auxv, in.sp + 20);
    CHECK_EQ(in.env_start, in.env_end);
    unload();
}

static void test_dyn(void)
{
    Spec s = spec_dyn();
    build(&s);
    write_image(s.file_len);
    ElfLoadParams p = params();
    ElfLoadInfo in;

    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK_EQ(in.load_bias, 0x400000);
    CHECK_EQ(in.entry, 0x400101);
    CHECK_EQ(in.phdr, 0x400034);
    CHECK_EQ(in.start_code, 0x400000);
    CHECK_EQ(in.ident.type, ET_DYN);
    check_segments(&s, 0x400000);
    check_stack(&in, 0x400034, 3, 0x400101);
    unload();

    /* Preferred place taken: somewhere else, keeping the 64 KiB alignment. */
    CHECK_EQ(gmem_mmap(0x400000, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
             0x400000);
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK(in.load_bias != 0x400000);
    CHECK_EQ(in.load_bias % 0x10000, 0);
    CHECK(in.load_bias + 0x15000 <= in.stack_limit - PG);
    CHECK_EQ(in.entry, in.load_bias + 0x101);
    CHECK_EQ(gmem_page_flags(0x400000), PAGE_VALID | PAGE_READ);
    check_segments(&s, in.load_bias);
    unload();
}

/* A program with PT_INTERP: the interpreter (a static-pie image in a file
 * of its own) is found under the prefix, or under the default prefix, and
 * mapped top-down like an mmap; the process starts at its entry. */
static void test_interp(const char *dir)
{
    char name[64], full[128];
    snprintf(name, sizeof name, "/ferry_test_interp_%d", (int)getpid());
    snprintf(full, sizeof full, "%s%s", dir, name);
    Spec is = spec_dyn();
    is.entry = 0x201;
    build(&is);
    int fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0700);
    CHECK(fd >= 0 && write(fd, img, is.file_len) == (ssize_t)is.file_len);
    close(fd);
    uint8_t interp_text[0x200];
    memcpy(interp_text, img, sizeof interp_text);

    Spec s = spec_exec();
    set_interp(&s, name);
    build(&s);
    write_image(s.file_len);
    ElfLoadParams p = params();
    p.interp_prefix = dir;
    ElfLoadInfo in;
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK_EQ(errbuf[0], 0);
    uint32_t base = in.interp_base;
    CHECK(base > 0x25000 && base + 0x15000 <= in.stack_limit - PG);
    CHECK_EQ(base % 0x10000, 0);
    CHECK_EQ(in.entry, base + 0x201);
    CHECK_EQ(in.exec_entry, 0x10101);
    CHECK(!in.interp_from_default);
    CHECK(strcmp(in.interp_path, full) == 0);
    CHECK_EQ(auxv_val(&in, AT_BASE), base);
    CHECK_EQ(auxv_val(&in, AT_ENTRY), 0x10101);
    CHECK_EQ(auxv_val(&in, AT_PHDR), 0x10034);
    CHECK(memcmp(g2h(base), interp_text, sizeof interp_text) == 0);
    CHECK_EQ(gmem_page_flags(base), PAGE_VALID | PAGE_READ | PAGE_EXEC);
    CHECK_EQ(gmem_page_flags(base + 0x11000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    check_segments(&s, 0);  /* also: the break follows the program */
    unload();

    /* Not under the prefix and not on the host: found under the default. */
    p.interp_prefix = NULL;
    p.interp_default_prefix = dir;
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK(in.interp_from_default);
    CHECK_EQ(in.entry, in.interp_base + 0x201);
    unload();

    /* Nowhere: one message naming the program. */
    p.interp_default_prefix = NULL;
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message(path, "cannot open the ELF interpreter /ferry_test_interp_"));
    CHECK(nothing_mapped());

    /* An interpreter for another machine. */
    p.interp_prefix = dir;
    fd = open(full, O_WRONLY);
    uint8_t x86[2] = { EM_X86_64, 0 };
    CHECK(fd >= 0 && pwrite(fd, x86, 2, 18) == 2);
    close(fd);
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message(full, "is an x86-64 program, not ARM"));
    CHECK(nothing_mapped());
    unlink(full);
}

static void test_shared_page_and_copy(void)
{
    Spec s = spec_shared_page();
    build(&s);
    write_image(s.file_len);
    ElfLoadParams p = params();
    ElfLoadInfo in;

    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK_EQ(gmem_page_flags(0x10000),
             PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    CHECK_EQ(gmem_page_flags(0x11000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    check_segments(&s, 0);
    CHECK_EQ(in.phdr, 0x10034);
    unload();

    s = spec_copied();
    build(&s);
    write_image(s.file_len);
    CHECK_EQ(load_quiet(&p, &in), 0);
    check_segments(&s, 0);
    CHECK_EQ(in.phdr, 0x10034); /* from PT_PHDR */
    unload();

    /* Program headers outside every segment: AT_PHDR points at a copy. */
    s.seg[0].offset = 0x100;
    s.seg[0].filesz = s.seg[0].memsz = 0x4;
    s.seg[2].type = PT_NOTE;
    build(&s);
    write_image(s.file_len);
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK(in.phdr >= in.stack_limit && in.phdr < GUEST_TASK_SIZE);
    CHECK_EQ(auxv_val(&in, AT_PHDR), in.phdr);
    CHECK(memcmp(g2h(in.phdr), img + 52, 3 * 32) == 0);
    unload();
}

static void test_big_endian(void)
{
    Spec s = spec_exec();
    s.be = true;
    build(&s);
    write_image(s.file_len);
    ElfIdent id;
    capture_begin();
    CHECK_EQ(elf_probe(path, &id), 0);
    capture_end();
    CHECK(id.big_endian);
    CHECK_EQ(id.machine, EM_ARM);
    CHECK_EQ(id.e_flags, 0x05000400);

    ElfLoadParams p = params();
    ElfLoadInfo in;
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK(in.ident.big_endian);
    CHECK_EQ(in.entry, 0x10101);
    check_segments(&s, 0);
    check_stack(&in, 0x10034, 3, 0x10101);
    CHECK_EQ(*(uint8_t *)g2h(in.sp + 3), 2); /* argc's low byte is last */
    unload();
}

/* ---- bad files ----------------------------------------------------------------- */

typedef struct Bad {
    const char *name;
    const char *message;
    void (*mutate)(Spec *s);
    size_t len; /* 0: the spec's length */
} Bad;

static void m_none(Spec *s) { (void)s; }
static void m_interp(Spec *s) { set_interp(s, "/nonexistent/ld-ferry.so"); }
static void m_filesz(Spec *s) { s->seg[1].filesz = 0x4000; }
static void m_offset(Spec *s) { s->seg[1].offset = 0x10200; }
static void m_offset_huge(Spec *s) { s->seg[1].offset = 0xfffff200; }
static void m_above(Spec *s) { s->seg[1].vaddr = 0xbf800200; }
static void m_stack(Spec *s) { s->seg[1].vaddr = 0xbef00200; }
static void m_wrap(Spec *s) { s->seg[1].memsz = 0xfffff000; }
static void m_zero_page(Spec *s) { s->seg[0].vaddr = 0; }
static void m_misaligned(Spec *s) { s->seg[1].vaddr = 0x21300; }
static void m_no_load(Spec *s) { s->seg[0].type = s->seg[1].type = PT_NOTE; }
static void m_two_interp(Spec *s)
{
    m_interp(s);
    s->seg[0].type = PT_INTERP;
    s->seg[0].offset = 0x1c0;
    s->seg[0].filesz = 25;
}
static void m_bad_interp(Spec *s)
{
    m_interp(s);
    s->seg[2].filesz = 10; /* not NUL-terminated */
}
static void m_dyn_wrap(Spec *s)
{
    *s = spec_dyn();
    s->seg[1].memsz = 0xf0000000;
}

static const Bad bad_files[] = {
    { "one byte", "not an ELF file", m_none, 1 },
    { "short", "truncated ELF header", m_none, 10 },
    { "half header", "truncated ELF header", m_none, 40 },
    { "cut phdrs", "truncated: program headers end at byte 148", m_none, 100 },
    { "cut data", "truncated: segment 1", m_none, 0x220 },
    { "PT_INTERP", "cannot open the ELF interpreter /nonexistent/ld-ferry.so: No such file "
                   "or directory (name the guest's sysroot with -L)", m_interp, 0 },
    { "two PT_INTERP", "more than one PT_INTERP", m_two_interp, 0 },
    { "bad PT_INTERP", "bad PT_INTERP", m_bad_interp, 0 },
    { "filesz > memsz", "p_filesz 0x4000 is larger than p_memsz 0x3000", m_filesz, 0 },
    { "offset beyond file", "truncated: segment 1", m_offset, 0 },
    { "offset wraps", "truncated: segment 1", m_offset_huge, 0 },
    { "above TASK_SIZE", "above the user address limit", m_above, 0 },
    { "in the stack", "overlaps the stack", m_stack, 0 },
    { "memsz wraps", "beyond 4 GiB", m_wrap, 0 },
    { "static-pie memsz", "no room for the program", m_dyn_wrap, 0 },
    { "page zero", "maps page zero", m_zero_page, 0 },
    { "offset/vaddr", "differ modulo the page size", m_misaligned, 0 },
    { "no PT_LOAD", "no PT_LOAD segment", m_no_load, 0 },
};

/* Header fields patched after building (offset, size, value). */
typedef struct Patch {
    const char *name;
    const char *message;
    size_t off, size;
    uint32_t value;
} Patch;

static const Patch bad_headers[] = {
    { "bad magic", "not an ELF file", 1, 1, 'F' },
    { "ELFCLASS64", "not a 32-bit ELF file (64-bit: an ARM program)", EI_CLASS, 1, ELFCLASS64 },
    { "class 3", "invalid ELF class 3", EI_CLASS, 1, 3 },
    { "data 0", "invalid ELF data encoding 0", EI_DATA, 1, 0 },
    { "version 0", "unsupported ELF version 0", EI_VERSION, 1, 0 },
    { "x86-64", "is an x86-64 program, not ARM", 18, 2, EM_X86_64 },
    { "i386", "is an x86 program, not ARM", 18, 2, EM_386 },
    { "MIPS", "is a MIPS program, not ARM", 18, 2, EM_MIPS },
    { "AArch64", "is an AArch64 program, not ARM", 18, 2, EM_AARCH64 },
    { "unknown", "is a program for machine 4660, not ARM", 18, 2, 0x1234 },
    { "ET_REL", "relocatable object file (ET_REL)", 16, 2, ET_REL },
    { "ET_CORE", "core dump (ET_CORE)", 16, 2, ET_CORE },
    { "type 9", "unsupported ELF type 9", 16, 2, 9 },
    { "phentsize", "e_phentsize is 40, expected 32", 42, 2, 40 },
    { "phnum 0", "no program headers", 44, 2, 0 },
    { "phnum 1000", "too many (1000, at most 256)", 44, 2, 1000 },
    { "phnum 0xffff", "too many", 44, 2, 0xffff },
    { "phoff", "truncated: program headers", 28, 4, 0x10000 },
    { "phoff wraps", "truncated: program headers", 28, 4, 0xffffffe0 },
};

/* One bad file: elf_load fails with one message and leaves nothing. */
static void expect_failure(const char *name, const char *message, size_t len, bool probe_too)
{
    write_image(len);
    ElfLoadParams p = params();
    ElfLoadInfo in;
    int r = load_quiet(&p, &in);
    if (r != -1 || !one_message(path, message))
        printf("  (case: %s)\n", name);
    CHECK_EQ(r, -1);
    CHECK(nothing_mapped());
    if (!probe_too)
        return;
    ElfIdent id;
    capture_begin();
    r = elf_probe(path, &id);
    capture_end();
    CHECK_EQ(r, -1);
    CHECK(one_message(path, message));
}

static void test_bad_files(void)
{
    for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        const Bad *b = &bad_files[i];
        Spec s = spec_exec();
        b->mutate(&s);
        build(&s);
        expect_failure(b->name, b->message, b->len ? b->len : s.file_len, b->len && b->len < 52);
    }
    for (size_t i = 0; i < sizeof bad_headers / sizeof bad_headers[0]; i++) {
        const Patch *b = &bad_headers[i];
        Spec s = spec_exec();
        build(&s);
        if (b->size == 1)
            img[b->off] = (uint8_t)b->value;
        else if (b->size == 2)
            w16(b->off, (uint16_t)b->value);
        else
            w32(b->off, b->value);
        /* elf_probe does not know the wanted machine. */
        expect_failure(b->name, b->message, s.file_len, b->off != 18);
    }

    Spec s = spec_exec();
    build(&s);
    expect_failure("empty", "not an ELF file", 0, true);

    /* ELFCLASS64 names the machine of a 64-bit file. */
    img[EI_CLASS] = ELFCLASS64;
    w16(18, EM_X86_64);
    expect_failure("x86-64 ELF64", "not a 32-bit ELF file (64-bit: an x86-64 program)",
                   s.file_len, true);

    /* Files that are not there or not files. */
    ElfLoadParams p = params();
    ElfLoadInfo in;
    p.path = "/nonexistent/prog";
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message("/nonexistent/prog", "cannot open: No such file or directory"));
    p.path = "/tmp";
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message("/tmp", "is a directory"));
    p.path = "/dev/null";
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message("/dev/null", "not a regular file"));
    CHECK(nothing_mapped());
}

static void test_bad_params(void)
{
    Spec s = spec_exec();
    build(&s);
    write_image(s.file_len);
    ElfLoadParams p = params();
    ElfLoadInfo in;

    /* One string longer than Linux allows. */
    char *big = malloc(200000);
    memset(big, 'a', 199999);
    big[199999] = '\0';
    char *argv[] = { "prog", big, NULL };
    p.argv = argv;
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message(path, "argument 1 is too long"));
    CHECK(nothing_mapped());

    /* Many strings: more than a quarter of the stack. */
    big[100000] = '\0';
    char *many[40];
    for (int i = 0; i < 39; i++)
        many[i] = big;
    many[39] = NULL;
    p.argv = many;
    p.argc = 39;
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message(path, "argument list too long"));
    CHECK(nothing_mapped());
    p.stack_size = 64u << 20; /* fits in a larger stack */
    CHECK_EQ(load_quiet(&p, &in), 0);
    CHECK_EQ(rd32(in.sp, false), 39);
    uint32_t last = rd32(in.sp + 4 * 39, false);
    CHECK(last >= in.arg_start && last < in.arg_end && strcmp(g2h(last), big) == 0);
    unload();
    free(big);

    p = params();
    p.stack_size = 0x80000000u;
    CHECK_EQ(load_quiet(&p, &in), -1);
    CHECK(one_message(path, "stack size"));

    CHECK(nothing_mapped());
    CHECK_EQ(elf_stack_size(0), 8u << 20);
    CHECK_EQ(elf_stack_size(1), PG);
    CHECK_EQ(elf_stack_size(0xffffffffu), 0xfffff000u);
}

/* ---- fuzzing -------------------------------------------------------------------- */

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* After a successful load of a mangled file, what must still hold. */
static bool sane(const ElfLoadInfo *in)
{
    return in->sp % 16 == 0 && in->sp >= in->stack_limit && in->sp < in->stack_top &&
           gmem_range_ok(in->sp, 16, PAGE_READ | PAGE_WRITE) && in->auxv > in->sp;
}

static void test_truncations(void)
{
    const Spec specs[] = { spec_exec(), spec_dyn(), spec_shared_page(), spec_copied() };
    ElfLoadParams p = params();
    ElfLoadInfo in;

    for (size_t k = 0; k < sizeof specs / sizeof specs[0]; k++) {
        const Spec *s = &specs[k];
        size_t needed = 0; /* the file end the segments need */
        for (unsigned i = 0; i < s->nseg; i++)
            if (s->seg[i].offset + s->seg[i].filesz > needed)
                needed = s->seg[i].offset + s->seg[i].filesz;
        build(s);
        int wrong = 0, messages = 0;
        for (size_t len = 0; len <= s->file_len; len++) {
            write_image(len);
            int r = load_quiet(&p, &in);
            wrong += r != (len < needed ? -1 : 0);
            messages += r < 0 && strchr(errbuf, '\n') == errbuf + strlen(errbuf) - 1;
            if (r == 0)
                unload();
        }
        CHECK_EQ(wrong, 0);
        CHECK_EQ(messages, needed);
        CHECK(nothing_mapped());
    }
}

static void test_random_flips(void)
{
    const Spec specs[] = { spec_exec(), spec_dyn(), spec_shared_page(), spec_copied() };
    ElfLoadParams p = params();
    ElfLoadInfo in;
    int loaded = 0, failed = 0, insane = 0, silent = 0;

    for (int iter = 0; iter < 4000; iter++) {
        Spec sp = specs[iter % 4];
        const Spec *s = &sp;
        sp.be = iter & 4;
        build(s);
        int flips = 1 + rng() % 4;
        for (int f = 0; f < flips; f++) {
            /* mostly the headers, sometimes anywhere */
            size_t off = rng() % 4 ? rng() % (52 + 32 * s->nseg) : rng() % s->file_len;
            img[off] ^= (uint8_t)(1u << (rng() % 8));
            if (rng() % 8 == 0)
                img[off] = (uint8_t)rng();
        }
        write_image(s->file_len);
        int r = load_quiet(&p, &in);
        if (r == 0) {
            loaded++;
            insane += !sane(&in);
            unload();
        } else {
            failed++;
            silent += strncmp(errbuf, "ferry: ", 7) != 0;
        }
    }
    printf("  random flips: %d loaded, %d refused\n", loaded, failed);
    CHECK_EQ(insane, 0);
    CHECK_EQ(silent, 0);
    CHECK(loaded > 100 && failed > 100);
    CHECK(nothing_mapped());
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    /* tmpfs if there is one: the fuzz loops write thousands of files */
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/ferry_test_elf_%d", dir, (int)getpid());
    gmem_init();
    test_exec();
    test_dyn();
    test_interp(dir);
    test_shared_page_and_copy();
    test_big_endian();
    test_bad_files();
    test_bad_params();
    test_truncations();
    test_random_flips();
    unlink(path);
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail != 0;
}
