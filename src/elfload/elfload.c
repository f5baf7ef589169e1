/*
 * ELF program loading: header and program header validation, mapping of
 * the PT_LOAD segments into guest memory, the load bias of static-pie
 * programs, and the bookkeeping execve leaves for the process (entry,
 * AT_PHDR, code/data/brk boundaries).  The initial stack is built by
 * stack.c.
 *
 * The file is read with pread and every offset and size from it is checked
 * against the file size and the guest address space before use, so a
 * corrupt file gets one message and a -1, never a crash.  Segments are
 * mapped from the file where the file offset and the address agree modulo
 * the page size (as the kernel does); otherwise they are read into
 * anonymous memory.  Everything is mapped writable first and gets its final
 * protection at the end, so bss zeroing and pages shared by two segments
 * need no special cases for protection.
 *
 * The steps work on an ElfImage, so a dynamically linked program and its
 * PT_INTERP interpreter (the dynamic linker) go through the same code: the
 * program first (a PIE at ELF_DYN_BASE), then the interpreter wherever mmap
 * would put it (top-down below the stack), and the process starts at the
 * interpreter's entry with AT_BASE and AT_ENTRY telling it where both are.
 *
 * Usage: see elfload.h.
 */
#include "elfload/elfload.h"

#include "common/log.h"
#include "exec/guestmem.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PG                 ((uint64_t)GUEST_PAGE_SIZE)
#define ELF_MAX_PHNUM      256u
#define ELF_MAX_INTERP     4096u
/* Where a static-pie (ET_DYN) program goes when that space is free. */
#define ELF_DYN_BASE       0x00400000u
/* Segments may not map page zero (vm.mmap_min_addr). */
#define ELF_MIN_ADDR       0x1000u
/* Largest segment alignment the load bias honours. */
#define ELF_MAX_ALIGN      0x01000000u

typedef struct ElfImage {
    const char *path;
    int fd;
    uint64_t file_size;
    bool swap;              /* file byte order differs from the host's */
    ElfIdent ident;
    Elf32_Ehdr eh;          /* in host byte order */
    Elf32_Phdr *ph;         /* eh.e_phnum entries, host byte order */
    uint8_t *ph_raw;        /* the same bytes as in the file */
    uint64_t lo, hi;        /* page-aligned extent of the PT_LOAD segments */
    uint32_t align;         /* alignment the load bias keeps */
    int phdr_index;         /* PT_PHDR entry, or -1 */
    char *interp;           /* PT_INTERP path, or NULL */
    uint32_t bias;          /* added to every p_vaddr */
    bool mapped;            /* [lo, hi) + bias holds mappings of ours */
} ElfImage;

static int elf_error(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int elf_error(const char *path, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ferry_log("%s: %s", path, msg);
    return -1;
}

static uint64_t page_up(uint64_t x)
{
    return (x + PG - 1) & ~(PG - 1);
}

static uint64_t page_down(uint64_t x)
{
    return x & ~(PG - 1);
}

/* ---- machine names ------------------------------------------------------ */

typedef struct MachineName {
    uint16_t machine;
    const char *name;
    const char *article; /* "a" or "an", for "is an x86-64 program" */
} MachineName;

static const MachineName machine_names[] = {
    { EM_ARM, "ARM", "an" },          { EM_AARCH64, "AArch64", "an" },
    { EM_386, "x86", "an" },          { EM_X86_64, "x86-64", "an" },
    { EM_MIPS, "MIPS", "a" },         { EM_XTENSA, "Xtensa", "an" },
    { EM_PPC, "PowerPC", "a" },       { EM_PPC64, "PowerPC64", "a" },
    { EM_RISCV, "RISC-V", "a" },      { EM_SPARC, "SPARC", "a" },
    { EM_SPARCV9, "SPARC64", "a" },   { EM_S390, "s390", "an" },
    { EM_68K, "m68k", "an" },         { EM_SH, "SuperH", "a" },
    { EM_ALPHA, "Alpha", "an" },      { EM_PARISC, "PA-RISC", "a" },
    { EM_IA_64, "IA-64", "an" },      { EM_MICROBLAZE, "MicroBlaze", "a" },
    { EM_OPENRISC, "OpenRISC", "an" }, { EM_ARC_COMPACT, "ARC", "an" },
    { EM_CSKY, "C-SKY", "a" },        { EM_LOONGARCH, "LoongArch", "a" },
};

static const MachineName *machine_lookup(uint16_t machine)
{
    for (size_t i = 0; i < sizeof machine_names / sizeof machine_names[0]; i++)
        if (machine_names[i].machine == machine)
            return &machine_names[i];
    return NULL;
}

const char *elf_machine_name(uint16_t machine)
{
    const MachineName *m = machine_lookup(machine);
    return m ? m->name : NULL;
}

/* "an x86-64 program" / "a program for machine 1234" */
static void describe_program(char *buf, size_t size, uint16_t machine)
{
    const MachineName *m = machine_lookup(machine);
    if (m)
        snprintf(buf, size, "%s %s program", m->article, m->name);
    else
        snprintf(buf, size, "a program for machine %u", machine);
}

/* ---- reading the file --------------------------------------------------- */

/* Read up to len bytes at off; the count read (short only at end of
 * file), or -1 with errno set. */
static ssize_t read_at(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static uint16_t fix16(const ElfImage *img, uint16_t v)
{
    return img->swap ? __builtin_bswap16(v) : v;
}

static uint32_t fix32(const ElfImage *img, uint32_t v)
{
    return img->swap ? __builtin_bswap32(v) : v;
}

static void ehdr_to_host(const ElfImage *img, Elf32_Ehdr *e)
{
    e->e_type = fix16(img, e->e_type);
    e->e_machine = fix16(img, e->e_machine);
    e->e_version = fix32(img, e->e_version);
    e->e_entry = fix32(img, e->e_entry);
    e->e_phoff = fix32(img, e->e_phoff);
    e->e_shoff = fix32(img, e->e_shoff);
    e->e_flags = fix32(img, e->e_flags);
    e->e_ehsize = fix16(img, e->e_ehsize);
    e->e_phentsize = fix16(img, e->e_phentsize);
    e->e_phnum = fix16(img, e->e_phnum);
    e->e_shentsize = fix16(img, e->e_shentsize);
    e->e_shnum = fix16(img, e->e_shnum);
    e->e_shstrndx = fix16(img, e->e_shstrndx);
}

static void phdr_to_host(const ElfImage *img, Elf32_Phdr *p)
{
    p->p_type = fix32(img, p->p_type);
    p->p_offset = fix32(img, p->p_offset);
    p->p_vaddr = fix32(img, p->p_vaddr);
    p->p_paddr = fix32(img, p->p_paddr);
    p->p_filesz = fix32(img, p->p_filesz);
    p->p_memsz = fix32(img, p->p_memsz);
    p->p_flags = fix32(img, p->p_flags);
    p->p_align = fix32(img, p->p_align);
}

/* The e_ident checks, in the order that gives the most useful message. */
static int check_ident(ElfImage *img, const uint8_t *b, size_t n)
{
    if (n < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0)
        return elf_error(img->path, "not an ELF file");
    if (n < EI_NIDENT)
        return elf_error(img->path, "truncated ELF header (%zu bytes)", n);
    if (b[EI_DATA] != ELFDATA2LSB && b[EI_DATA] != ELFDATA2MSB)
        return elf_error(img->path, "invalid ELF data encoding %u", b[EI_DATA]);
    img->ident.big_endian = b[EI_DATA] == ELFDATA2MSB;
    img->swap = img->ident.big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
    if (b[EI_CLASS] == ELFCLASS64) {
        char what[64] = "ELFCLASS64";
        if (n >= 20) { /* e_machine sits at the same offset in both classes */
            uint16_t m = img->ident.big_endian ? (uint16_t)(b[18] << 8 | b[19])
                                               : (uint16_t)(b[18] | b[19] << 8);
            describe_program(what, sizeof what, m);
        }
        return elf_error(img->path, "not a 32-bit ELF file (64-bit: %s)", what);
    }
    if (b[EI_CLASS] != ELFCLASS32)
        return elf_error(img->path, "invalid ELF class %u", b[EI_CLASS]);
    if (b[EI_VERSION] != EV_CURRENT)
        return elf_error(img->path, "unsupported ELF version %u", b[EI_VERSION]);
    return 0;
}

static int check_ehdr(ElfImage *img)
{
    const Elf32_Ehdr *e = &img->eh;

    if (e->e_type == ET_REL)
        return elf_error(img->path, "is a relocatable object file (ET_REL), not a program");
    if (e->e_type == ET_CORE)
        return elf_error(img->path, "is a core dump (ET_CORE), not a program");
    if (e->e_type != ET_EXEC && e->e_type != ET_DYN)
        return elf_error(img->path, "unsupported ELF type %u", e->e_type);
    if (e->e_phentsize != sizeof(Elf32_Phdr))
        return elf_error(img->path, "bad program headers: e_phentsize is %u, expected %zu",
                         e->e_phentsize, sizeof(Elf32_Phdr));
    if (e->e_phnum == 0)
        return elf_error(img->path, "no program headers");
    if (e->e_phnum > ELF_MAX_PHNUM)
        return elf_error(img->path, "bad program headers: too many (%u, at most %u)",
                         e->e_phnum, ELF_MAX_PHNUM);
    uint64_t end = (uint64_t)e->e_phoff + (uint64_t)e->e_phnum * sizeof(Elf32_Phdr);
    if (end > img->file_size)
        return elf_error(img->path,
                         "truncated: program headers end at byte %llu, file has %llu bytes",
                         (unsigned long long)end, (unsigned long long)img->file_size);
    return 0;
}

static int read_ehdr(ElfImage *img)
{
    uint8_t buf[sizeof(Elf32_Ehdr)];
    ssize_t n = read_at(img->fd, buf, sizeof buf, 0);

    if (n < 0)
        return elf_error(img->path, "cannot read: %s", strerror(errno));
    if (check_ident(img, buf, (size_t)n) < 0)
        return -1;
    if ((size_t)n < sizeof buf)
        return elf_error(img->path, "truncated ELF header (%zd of %zu bytes)", n, sizeof buf);
    memcpy(&img->eh, buf, sizeof buf);
    ehdr_to_host(img, &img->eh);
    img->ident.machine = img->eh.e_machine;
    img->ident.e_flags = img->eh.e_flags;
    img->ident.type = img->eh.e_type;
    return check_ehdr(img);
}

static void image_init(ElfImage *img, const char *path)
{
    memset(img, 0, sizeof *img);
    img->path = path;
    img->fd = -1;
    img->phdr_index = -1;
}

static void image_free(ElfImage *img)
{
    if (img->fd >= 0)
        close(img->fd);
    free(img->ph);
    free(img->ph_raw);
    free(img->interp);
    img->fd = -1;
    img->ph = NULL;
    img->ph_raw = NULL;
    img->interp = NULL;
}

/* A file already open for path (binfmt_misc's open-binary flag hands the
 * program over as a descriptor: it may be executable but not readable). */
static const char *given_path;
static int given_fd = -1;

void elf_use_fd(const char *path, int fd)
{
    given_path = path;
    given_fd = fd;
}

/* Open path and validate its ELF header. */
static int image_open(ElfImage *img)
{
    struct stat st;

    if (given_path && !strcmp(img->path, given_path))
        img->fd = fcntl(given_fd, F_DUPFD_CLOEXEC, 0);
    else
        img->fd = open(img->path, O_RDONLY | O_CLOEXEC);
    if (img->fd < 0)
        return elf_error(img->path, "cannot open: %s", strerror(errno));
    if (fstat(img->fd, &st) != 0)
        return elf_error(img->path, "cannot stat: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return elf_error(img->path, "is a directory");
    if (!S_ISREG(st.st_mode))
        return elf_error(img->path, "not a regular file");
    img->file_size = (uint64_t)st.st_size;
    return read_ehdr(img);
}

int elf_probe(const char *path, ElfIdent *out)
{
    ElfImage img;
    image_init(&img, path);
    int r = image_open(&img);
    if (r == 0)
        *out = img.ident;
    image_free(&img);
    return r;
}

/* ---- program headers ----------------------------------------------------- */

/* Read the PT_INTERP path (checked: in the file, NUL-terminated). */
static int read_interp(ElfImage *img, unsigned i)
{
    const Elf32_Phdr *ph = &img->ph[i];

    if (img->interp)
        return elf_error(img->path, "bad program headers: more than one PT_INTERP");
    if (ph->p_filesz < 2 || ph->p_filesz > ELF_MAX_INTERP ||
        (uint64_t)ph->p_offset + ph->p_filesz > img->file_size)
        return elf_error(img->path, "bad PT_INTERP (program header %u)", i);
    img->interp = malloc(ph->p_filesz);
    if (!img->interp)
        return elf_error(img->path, "out of memory");
    if (read_at(img->fd, img->interp, ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz ||
        img->interp[ph->p_filesz - 1] != '\0')
        return elf_error(img->path, "bad PT_INTERP (program header %u)", i);
    for (char *c = img->interp; *c; c++) /* it goes into a message */
        if (*c < 0x20 || *c == 0x7f)
            *c = '?';
    return 0;
}

/* The checks of one PT_LOAD that do not depend on where it goes. */
static int check_load(ElfImage *img, unsigned i)
{
    const Elf32_Phdr *ph = &img->ph[i];

    if (ph->p_filesz > ph->p_memsz)
        return elf_error(img->path,
                         "bad program header %u: p_filesz 0x%x is larger than p_memsz 0x%x",
                         i, ph->p_filesz, ph->p_memsz);
    if ((uint64_t)ph->p_offset + ph->p_filesz > img->file_size)
        return elf_error(img->path,
                         "truncated: segment %u needs file bytes up to %llu, file has %llu",
                         i, (unsigned long long)ph->p_offset + ph->p_filesz,
                         (unsigned long long)img->file_size);
    if ((uint64_t)ph->p_vaddr + ph->p_memsz > (1ull << 32))
        return elf_error(img->path,
                         "bad program header %u: 0x%x + 0x%x reaches beyond 4 GiB", i,
                         ph->p_vaddr, ph->p_memsz);
    /* A segment that claims page alignment must be mappable from the file;
     * smaller alignments are copied instead. */
    if (ph->p_align >= PG && (ph->p_vaddr - ph->p_offset) % PG != 0)
        return elf_error(img->path,
                         "bad program header %u: p_offset 0x%x and p_vaddr 0x%x differ "
                         "modulo the page size", i, ph->p_offset, ph->p_vaddr);
    return 0;
}

/* Note a checked PT_LOAD in the image's extent and alignment. */
static void note_load(ElfImage *img, const Elf32_Phdr *ph, bool first)
{
    uint64_t lo = page_down(ph->p_vaddr), hi = page_up((uint64_t)ph->p_vaddr + ph->p_memsz);
    if (first || lo < img->lo)
        img->lo = lo;
    if (first || hi > img->hi)
        img->hi = hi;
    uint32_t a = ph->p_align;
    if (a > img->align && (a & (a - 1)) == 0 && a <= ELF_MAX_ALIGN)
        img->align = a;
}

static int check_phdrs(ElfImage *img)
{
    unsigned loads = 0;

    img->align = PG;
    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_INTERP && read_interp(img, i) < 0)
            return -1;
        if (ph->p_type == PT_PHDR)
            img->phdr_index = (int)i;
        if (ph->p_type != PT_LOAD)
            continue;
        if (check_load(img, i) < 0)
            return -1;
        if (ph->p_memsz == 0)
            continue;
        note_load(img, ph, loads == 0);
        loads++;
    }
    if (loads == 0)
        return elf_error(img->path, "no PT_LOAD segment: nothing to load");
    return 0;
}

static int read_phdrs(ElfImage *img)
{
    size_t bytes = (size_t)img->eh.e_phnum * sizeof(Elf32_Phdr);

    img->ph = malloc(bytes);
    img->ph_raw = malloc(bytes);
    if (!img->ph || !img->ph_raw)
        return elf_error(img->path, "out of memory");
    ssize_t n = read_at(img->fd, img->ph_raw, bytes, img->eh.e_phoff);
    if (n < 0)
        return elf_error(img->path, "cannot read: %s", strerror(errno));
    if ((size_t)n != bytes)
        return elf_error(img->path, "truncated program headers");
    memcpy(img->ph, img->ph_raw, bytes);
    for (unsigned i = 0; i < img->eh.e_phnum; i++)
        phdr_to_host(img, &img->ph[i]);
    return check_phdrs(img);
}

/* ---- placement ------------------------------------------------------------ */

static uint64_t seg_start(const ElfImage *img, const Elf32_Phdr *ph)
{
    return (uint32_t)(ph->p_vaddr + img->bias);
}

static bool is_load(const Elf32_Phdr *ph)
{
    return ph->p_type == PT_LOAD && ph->p_memsz != 0;
}

/* Every segment, after the bias, inside [ELF_MIN_ADDR, guard). */
static int check_layout(const ElfImage *img, uint32_t guard)
{
    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        if (!is_load(ph))
            continue;
        uint64_t start = seg_start(img, ph), end = start + ph->p_memsz;
        if (start < ELF_MIN_ADDR)
            return elf_error(img->path, "segment %u at 0x%llx maps page zero", i,
                             (unsigned long long)start);
        if (end > GUEST_TASK_SIZE)
            return elf_error(img->path,
                             "segment %u ends at 0x%llx, above the user address limit 0x%x",
                             i, (unsigned long long)end, GUEST_TASK_SIZE);
        if (end > guard)
            return elf_error(img->path,
                             "segment %u (0x%llx-0x%llx) overlaps the stack (0x%x-0x%x)", i,
                             (unsigned long long)start, (unsigned long long)end, guard,
                             GUEST_TASK_SIZE);
    }
    return 0;
}

/* Choose the load bias of a position-independent image: at preferred if
 * that is free, else (and for preferred 0) wherever an mmap would go,
 * keeping the alignment. */
static int choose_bias(ElfImage *img, uint32_t preferred, uint32_t guard)
{
    uint64_t span = img->hi - img->lo, align = img->align;
    uint64_t want = (preferred + align - 1) & ~(align - 1);

    if (want && want + span <= guard &&
        gmem_find_free((uint32_t)want, (uint32_t)span) == want) {
        img->bias = (uint32_t)(want - img->lo);
        return 0;
    }
    /* One spare page so that the image never takes the stack guard page. */
    uint64_t need = span + align + PG;
    uint32_t a = need < GUEST_TASK_SIZE ? gmem_find_free(0, (uint32_t)need) : 0;
    if (!a)
        return elf_error(img->path, "no room for the program (%llu bytes) in guest memory",
                         (unsigned long long)span);
    img->bias = (uint32_t)((((uint64_t)a + align - 1) & ~(align - 1)) - img->lo);
    return 0;
}

/* ---- mapping ---------------------------------------------------------------- */

static int map_error(const ElfImage *img, uint64_t addr, uint32_t r)
{
    return elf_error(img->path, "cannot map memory at 0x%llx: %s", (unsigned long long)addr,
                     strerror(-(int32_t)r));
}

static int map_anon(const ElfImage *img, uint64_t start, uint64_t end)
{
    uint32_t r = gmem_mmap((uint32_t)start, (uint32_t)(end - start), PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return gmem_is_err(r) ? map_error(img, start, r) : 0;
}

static int map_file(const ElfImage *img, uint64_t start, uint64_t end, uint64_t offset)
{
    uint32_t r = gmem_mmap((uint32_t)start, (uint32_t)(end - start), PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_FIXED, img->fd, (off_t)offset);
    return gmem_is_err(r) ? map_error(img, start, r) : 0;
}

/* Read file bytes into mapped, writable guest memory. */
static int read_into(const ElfImage *img, uint64_t addr, uint64_t len, uint64_t offset)
{
    ssize_t n = read_at(img->fd, g2h((uint32_t)addr), len, offset);
    if (n < 0)
        return elf_error(img->path, "cannot read: %s", strerror(errno));
    if ((uint64_t)n != len)
        return elf_error(img->path, "file shrank while loading");
    return 0;
}

/* True when an earlier segment of this image maps the page at addr. */
static bool page_mapped_before(const ElfImage *img, unsigned i, uint64_t addr)
{
    for (unsigned j = 0; j < i; j++) {
        const Elf32_Phdr *ph = &img->ph[j];
        if (!is_load(ph))
            continue;
        uint64_t s = seg_start(img, ph);
        if (page_down(s) <= addr && addr < page_up(s + ph->p_memsz))
            return true;
    }
    return false;
}

/*
 * Map one segment.  Its first page may already hold the end of the
 * previous segment (linkers pack segments that way); that page is kept
 * and this segment's bytes are written into it.  Later pages are mapped
 * afresh: file pages from the file, whole bss pages anonymous.
 */
static int map_segment(const ElfImage *img, unsigned i)
{
    const Elf32_Phdr *ph = &img->ph[i];
    uint64_t v = seg_start(img, ph), fend = v + ph->p_filesz, mend = v + ph->p_memsz;
    bool shared = page_mapped_before(img, i, page_down(v));
    uint64_t lo = shared ? page_down(v) + PG : page_down(v);
    bool congruent = v % PG == ph->p_offset % PG;

    if (ph->p_filesz) {
        uint64_t fpages = page_up(fend);
        int r = 0;
        if (lo < fpages)
            r = congruent ? map_file(img, lo, fpages, ph->p_offset + lo - v)
                          : map_anon(img, lo, fpages);
        if (r == 0 && !congruent)
            r = read_into(img, v, ph->p_filesz, ph->p_offset);
        else if (r == 0 && shared) {
            uint64_t head_end = fend < lo ? fend : lo;
            r = read_into(img, v, head_end - v, ph->p_offset);
        }
        if (r < 0)
            return r;
    }
    if (mend > fend) {
        /* first page not mapped yet: after the file pages, if any */
        uint64_t anon = ph->p_filesz && page_up(fend) > lo ? page_up(fend) : lo;
        if (anon < page_up(mend) && map_anon(img, anon, page_up(mend)) < 0)
            return -1;
        /* bss bytes that share a page with file data (or with the
         * previous segment) */
        uint64_t zend = mend < anon ? mend : anon;
        if (zend > fend)
            memset(g2h((uint32_t)fend), 0, zend - fend);
    }
    return 0;
}

static int prot_of(uint32_t p_flags)
{
    return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
           (p_flags & PF_X ? PROT_EXEC : 0);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Final protections.  The page boundaries of all segments cut the image
 * into intervals; each gets the union of the permissions of the segments
 * covering it (so a page shared by text and data is both).
 */
static int protect_image(const ElfImage *img)
{
    uint64_t cut[2 * ELF_MAX_PHNUM];
    unsigned n = 0;

    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        if (!is_load(ph))
            continue;
        cut[n++] = page_down(seg_start(img, ph));
        cut[n++] = page_up(seg_start(img, ph) + ph->p_memsz);
    }
    qsort(cut, n, sizeof cut[0], cmp_u64);
    for (unsigned k = 0; k + 1 < n; k++) {
        if (cut[k] == cut[k + 1])
            continue;
        int prot = 0;
        bool covered = false;
        for (unsigned i = 0; i < img->eh.e_phnum; i++) {
            const Elf32_Phdr *ph = &img->ph[i];
            uint64_t s = is_load(ph) ? seg_start(img, ph) : 0;
            if (!is_load(ph) || page_down(s) > cut[k] || page_up(s + ph->p_memsz) < cut[k + 1])
                continue;
            covered = true;
            prot |= prot_of(ph->p_flags);
        }
        if (covered && gmem_mprotect((uint32_t)cut[k], (uint32_t)(cut[k + 1] - cut[k]), prot))
            return elf_error(img->path, "cannot set the protection of 0x%llx",
                             (unsigned long long)cut[k]);
    }
    return 0;
}

/* Map every segment of an image whose bias is set. */
static int map_image(ElfImage *img)
{
    uint64_t end = 0;

    img->mapped = true;
    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        if (!is_load(ph))
            continue;
        if (map_segment(img, i) < 0)
            return -1;
        if (seg_start(img, ph) + ph->p_memsz > end)
            end = seg_start(img, ph) + ph->p_memsz;
    }
    /* The rest of the last page reads as zero, like memory past the break. */
    if (end % PG)
        memset(g2h((uint32_t)end), 0, page_up(end) - end);
    return protect_image(img);
}

static void unmap_image(ElfImage *img)
{
    if (!img->mapped)
        return;
    uint64_t lo = (uint32_t)(img->lo + img->bias);
    gmem_munmap((uint32_t)lo, (uint32_t)(img->hi - img->lo));
    img->mapped = false;
}

/* ---- results ------------------------------------------------------------- */

/* Guest address of the program headers: PT_PHDR if a loaded segment
 * really holds them, else the PT_LOAD that contains e_phoff; 0 when no
 * segment does (the stack then gets a copy). */
static uint32_t phdr_address(const ElfImage *img)
{
    uint64_t size = (uint64_t)img->eh.e_phnum * sizeof(Elf32_Phdr);

    for (unsigned i = 0; img->phdr_index >= 0 && i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        uint64_t a = img->ph[img->phdr_index].p_vaddr;
        if (is_load(ph) && ph->p_vaddr <= a && a + size <= (uint64_t)ph->p_vaddr + ph->p_filesz)
            return (uint32_t)(a + img->bias);
    }
    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        uint64_t off = img->eh.e_phoff;
        if (is_load(ph) && ph->p_offset <= off &&
            off + size <= (uint64_t)ph->p_offset + ph->p_filesz)
            return (uint32_t)(ph->p_vaddr + (off - ph->p_offset) + img->bias);
    }
    return 0;
}

/* The mm fields execve sets (start_code ... brk), as Linux computes them. */
static void fill_layout(const ElfImage *img, ElfLoadInfo *out)
{
    uint64_t start_code = UINT64_MAX, end_code = 0, start_data = 0, end_data = 0, brk = 0;

    for (unsigned i = 0; i < img->eh.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->ph[i];
        if (!is_load(ph))
            continue;
        uint64_t s = seg_start(img, ph);
        bool x = ph->p_flags & PF_X;
        if (x && s < start_code)
            start_code = s;
        if (s > start_data)
            start_data = s;
        if (x && s + ph->p_filesz > end_code)
            end_code = s + ph->p_filesz;
        if (s + ph->p_filesz > end_data)
            end_data = s + ph->p_filesz;
        if (s + ph->p_memsz > brk)
            brk = s + ph->p_memsz;
    }
    out->start_code = start_code == UINT64_MAX ? 0 : (uint32_t)start_code;
    out->end_code = (uint32_t)end_code;
    out->start_data = (uint32_t)start_data;
    out->end_data = (uint32_t)end_data;
    out->start_brk = (uint32_t)page_up(brk);
}

static void fill_info(const ElfImage *img, ElfLoadInfo *out)
{
    out->ident = img->ident;
    out->load_bias = img->bias;
    out->exec_entry = img->eh.e_entry + img->bias;
    out->entry = out->exec_entry;
    out->interp_base = 0;
    out->phdr = phdr_address(img);
    out->phnum = img->eh.e_phnum;
    out->phent = sizeof(Elf32_Phdr);
    fill_layout(img, out);
}

/* ---- elf_load ------------------------------------------------------------- */

static int check_machine(const ElfImage *img, uint16_t want)
{
    if (img->eh.e_machine == want)
        return 0;
    char what[64];
    const char *name = elf_machine_name(want);
    describe_program(what, sizeof what, img->eh.e_machine);
    if (name)
        return elf_error(img->path, "is %s, not %s", what, name);
    return elf_error(img->path, "is %s, not for machine %u", what, want);
}

/* Place and map the image below the stack guard page. */
static int place_image(ElfImage *img, uint32_t preferred, uint32_t guard)
{
    img->bias = 0;
    if (img->eh.e_type == ET_DYN && choose_bias(img, preferred, guard) < 0)
        return -1;
    if (check_layout(img, guard) < 0)
        return -1;
    return map_image(img);
}

/* prefix + name into buf when that file exists; false otherwise. */
static bool try_prefix(const char *prefix, const char *name, char *buf, size_t size)
{
    if (!prefix || !prefix[0] || name[0] != '/')
        return false;
    int n = snprintf(buf, size, "%s%s", prefix, name);
    return n > 0 && (size_t)n < size && access(buf, F_OK) == 0;
}

/* Open the interpreter: under the prefix first (a guest sysroot), then as
 * named, then under the default sysroot.  A missing interpreter gets a
 * message naming the program, which is what the user ran. */
static int open_interp(const ElfLoadParams *p, const ElfImage *prog, ElfImage *interp,
                       char *buf, size_t size, ElfLoadInfo *out)
{
    const char *name = prog->interp;
    if (!try_prefix(p->interp_prefix, name, buf, size)) {
        snprintf(buf, size, "%s", name);
        if (access(buf, F_OK) != 0) {
            int err = errno;
            if (!try_prefix(p->interp_default_prefix, name, buf, size))
                return elf_error(prog->path, "cannot open the ELF interpreter %s: %s%s", name,
                                 strerror(err), p->interp_prefix && p->interp_prefix[0]
                                 ? "" : " (name the guest's sysroot with -L)");
            out->interp_from_default = true;
        }
    }
    image_init(interp, buf);
    if (image_open(interp) < 0 || check_machine(interp, p->machine) < 0 ||
        read_phdrs(interp) < 0)
        return -1;
    if (interp->interp)
        return elf_error(interp->path, "the ELF interpreter names an interpreter itself");
    return 0;
}

static int load_program(const ElfLoadParams *p, ElfImage *img, ElfImage *interp,
                        ElfLoadInfo *out)
{
    char interp_path[4096];

    if (image_open(img) < 0 || check_machine(img, p->machine) < 0 || read_phdrs(img) < 0)
        return -1;
    if (img->interp &&
        open_interp(p, img, interp, interp_path, sizeof interp_path, out) < 0)
        return -1;
    out->ident = img->ident;
    if (elf_map_stack(p, out) < 0)
        return -1;
    uint32_t guard = out->stack_limit - GUEST_PAGE_SIZE;
    if (place_image(img, ELF_DYN_BASE, guard) < 0)
        return -1;
    fill_info(img, out);
    /* The break follows the program, not the interpreter (as in Linux). */
    gmem_brk_init(out->start_brk);
    if (img->interp) {
        /* Preferred address 0: the top-down search of an mmap. */
        if (place_image(interp, 0, guard) < 0)
            return -1;
        out->interp_base = interp->bias;
        out->entry = interp->eh.e_entry + interp->bias;
        snprintf(out->interp_path, sizeof out->interp_path, "%s", interp->path);
    }
    return elf_fill_stack(p, out, img->ph_raw, img->eh.e_phnum * sizeof(Elf32_Phdr));
}

int elf_load(const ElfLoadParams *p, ElfLoadInfo *out)
{
    ElfImage img, interp;

    memset(out, 0, sizeof *out);
    image_init(&img, p->path);
    image_init(&interp, "");
    int r = load_program(p, &img, &interp, out);
    if (r < 0) {
        unmap_image(&interp);
        unmap_image(&img);
        if (out->stack_limit)
            gmem_munmap(out->stack_limit, out->stack_top - out->stack_limit);
        gmem_brk_init(0);
    }
    image_free(&interp);
    image_free(&img);
    return r;
}
