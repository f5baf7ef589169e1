/*
 * The /proc files whose host contents describe ferry rather than the guest
 * program: the memory map, the auxiliary vector, the command line and
 * environment, the stat line and /proc/cpuinfo.  Opening one of them (as
 * /proc/self/NAME, /proc/thread-self/NAME or /proc/<own pid>/NAME) gives a
 * memfd holding the guest's view, generated at open time as the kernel
 * generates the real file; the guest reads, seeks and closes it as usual.
 * Other processes' files, and every other /proc file, are the host's.
 *
 * /proc/self/exe is a link, handled in path.c and by readlink.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall/sys_internal.h"

/* What /proc shows of the process as execve left it (see sys_set_process). */
static struct {
    bool set;
    uint32_t start_code, end_code, start_data, end_data, start_stack;
    uint32_t stack_limit, stack_top;
    uint32_t arg_start, arg_end, env_start, env_end;
    uint8_t auxv[64 * 8];
    uint32_t auxv_len;
} proc;

void sys_set_process(const ElfLoadInfo *info)
{
    proc.set = true;
    proc.start_code = info->start_code;
    proc.end_code = info->end_code;
    proc.start_data = info->start_data;
    proc.end_data = info->end_data;
    proc.start_stack = info->sp;
    proc.stack_limit = info->stack_limit;
    proc.stack_top = info->stack_top;
    proc.arg_start = info->arg_start;
    proc.arg_end = info->arg_end;
    proc.env_start = info->env_start;
    proc.env_end = info->env_end;
    /* The kernel keeps its own copy (mm->saved_auxv): what the guest does
     * to its stack later does not change the file. */
    proc.auxv_len = info->auxv_len <= sizeof proc.auxv ? info->auxv_len : 0;
    if (copy_from_guest(proc.auxv, info->auxv, proc.auxv_len))
        proc.auxv_len = 0;
}

/* ---- /proc/self/maps ---- */

/* One line of the host's /proc/self/maps. */
typedef struct HostMap {
    uint64_t start, end, offset;
    unsigned dev_major, dev_minor;
    uint64_t inode;
    char shared;            /* 's' or 'p' */
    char name[PATH_MAX];
} HostMap;

static bool parse_host_map(const char *line, HostMap *m)
{
    char perms[8];
    int name_at = 0;
    if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64 " %n",
               &m->start, &m->end, perms, &m->offset, &m->dev_major, &m->dev_minor,
               &m->inode, &name_at) < 7)
        return false;
    m->shared = perms[3] == 's' ? 's' : 'p';
    const char *name = name_at ? line + name_at : "";
    size_t n = strcspn(name, "\n");
    if (n >= sizeof m->name)
        n = sizeof m->name - 1;
    memcpy(m->name, name, n);
    m->name[n] = '\0';
    return true;
}

/* A guest line being built; flushed when the next one cannot extend it. */
typedef struct GuestMap {
    uint32_t start;
    uint64_t end;           /* 0: no pending line */
    unsigned flags;
    uint64_t offset;
    const HostMap *host;
    const char *name;
} GuestMap;

static void print_map(FILE *f, const GuestMap *g)
{
    unsigned fl = g->flags;
    bool file = g->host->inode != 0;
    int n = fprintf(f, "%08" PRIx32 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64
                    " ", g->start, g->end,
                    fl & PAGE_READ ? 'r' : '-', fl & PAGE_WRITE ? 'w' : '-',
                    fl & PAGE_EXEC ? 'x' : '-', g->host->shared,
                    file ? g->offset : 0, file ? g->host->dev_major : 0,
                    file ? g->host->dev_minor : 0, file ? g->host->inode : 0);
    /* A 32-bit kernel pads the header to 25 + 6 * sizeof(void *) - 1 = 48
     * characters and adds one space: names start in column 49. */
    if (g->name[0])
        fprintf(f, "%*s%s", (n < 48 ? 48 - n : 0) + 1, "", g->name);
    fputc('\n', f);
}

/* The name the guest sees for [a, ...) of host mapping h. */
static const char *map_name(const GuestAbi *abi, const HostMap *h, uint32_t a)
{
    uint32_t brk_start, brk_end;
    if (h->inode)
        return sys_guest_view(h->name);
    if (proc.set && a >= proc.stack_limit && a < proc.stack_top)
        return "[stack]";
    gmem_brk_range(&brk_start, &brk_end);
    if (brk_start && a >= brk_start && a < brk_end)
        return "[heap]";
    if (abi->vectors_page && a == abi->vectors_page)
        return "[vectors]";
    return "";
}

/* The first place after a (at most e) where a line must end although the
 * host may have merged the memory on both sides: the ends of the heap and
 * the stack, which get names of their own. */
static uint64_t next_boundary(uint64_t a, uint64_t e)
{
    uint32_t cut[4];
    gmem_brk_range(&cut[0], &cut[1]);
    cut[2] = proc.set ? proc.stack_limit : 0;
    cut[3] = proc.set ? proc.stack_top : 0;
    for (int i = 0; i < 4; i++)
        if (cut[i] > a && cut[i] < e)
            e = cut[i];
    return e;
}

/* Add the guest pages [a, b) with flags fl from host mapping h. */
static void add_range(const GuestAbi *abi, FILE *f, GuestMap *g, const HostMap *h, uint32_t a,
                      uint64_t b, unsigned fl)
{
    uint64_t off = h->offset + (guest_base + a - h->start);
    const char *name = map_name(abi, h, a);
    bool joins = g->end == a && g->flags == fl && g->host->shared == h->shared &&
                 g->host->inode == h->inode && !strcmp(g->name, name) &&
                 (!h->inode || g->offset + (g->end - g->start) == off);
    if (!joins) {
        if (g->end)
            print_map(f, g);
        g->start = a;
        g->flags = fl;
        g->offset = off;
    }
    /* The same name when joined, but in h's buffer: the previous host
     * entry's is about to be reused. */
    g->name = name;
    g->host = h;
    g->end = b;
}

/*
 * The guest's mappings are host mappings inside guest space, cut where the
 * guest's protections change (the host ones differ: code pages are
 * read-only there) and without the reserved pages that are not mapped for
 * the guest.  Offsets, devices, inodes and file names are the host's,
 * file names as the guest knows them (without the -L prefix).
 */
static void write_maps(const GuestAbi *abi, FILE *f)
{
    FILE *in = fopen("/proc/self/maps", "re");
    if (!in)
        return;
    char line[PATH_MAX + 128];
    HostMap hm[2];
    int cur = 0;
    GuestMap g = { .end = 0 };
    const uint64_t lo = guest_base, hi = guest_base + (1ull << 32);
    while (fgets(line, sizeof line, in)) {
        HostMap *h = &hm[cur];
        if (!parse_host_map(line, h) || h->end <= lo || h->start >= hi)
            continue;
        uint64_t a = (h->start > lo ? h->start : lo) - lo;
        uint64_t e = (h->end < hi ? h->end : hi) - lo;
        while (a < e) {
            unsigned fl = gmem_page_flags((uint32_t)a) & (PAGE_VALID | PAGE_READ | PAGE_WRITE |
                                                          PAGE_EXEC);
            uint64_t b = a + GUEST_PAGE_SIZE, stop = next_boundary(a, e);
            while (b < stop && (gmem_page_flags((uint32_t)b) & (PAGE_VALID | PAGE_READ |
                                                                PAGE_WRITE | PAGE_EXEC)) == fl)
                b += GUEST_PAGE_SIZE;
            if (fl & PAGE_VALID)
                add_range(abi, f, &g, h, (uint32_t)a, b, fl);
            a = b;
        }
        /* The pending line may point at this entry: keep it, read into the other. */
        if (g.end && g.host == h)
            cur ^= 1;
    }
    if (g.end)
        print_map(f, &g);
    fclose(in);
}

/* ---- the other files ---- */

/* Guest memory [start, end) as it is now (the kernel reads argv and the
 * environment from the process's memory too). */
static void write_guest_bytes(FILE *f, uint32_t start, uint32_t end)
{
    for (uint32_t a = start; a < end;) {
        uint8_t buf[4096];
        uint32_t n = end - a < sizeof buf ? end - a : (uint32_t)sizeof buf;
        if (copy_from_guest(buf, a, n))
            return;
        fwrite(buf, 1, n, f);
        a += n;
    }
}

/* Guest pages mapped, for the virtual size. */
static uint64_t guest_mapped_bytes(void)
{
    uint64_t total = 0;
    for (uint64_t a = 0; a < (1ull << 32); a += GUEST_PAGE_SIZE)
        if (gmem_page_flags((uint32_t)a) & PAGE_VALID)
            total += GUEST_PAGE_SIZE;
    return total;
}

/*
 * The host's stat line with the fields that hold addresses or sizes of
 * ferry's 64-bit process replaced by the guest's (numbering of proc(5)):
 * vsize, the rlimit shown as a 32-bit value, the code, data, stack, break,
 * argument and environment boundaries; the stack and instruction pointers
 * read 0, as for any process not being dumped.
 */
static void write_stat(FILE *f)
{
    char host[2048];
    FILE *in = fopen("/proc/self/stat", "re");
    size_t n = in ? fread(host, 1, sizeof host - 1, in) : 0;
    if (in)
        fclose(in);
    host[n] = '\0';
    char *close_paren = strrchr(host, ')');
    if (!close_paren)
        return;
    fwrite(host, 1, (size_t)(close_paren + 1 - host), f);
    uint32_t brk_start, brk_end;
    gmem_brk_range(&brk_start, &brk_end);
    char *save = NULL;
    unsigned field = 3;  /* pid and comm are written */
    for (char *tok = strtok_r(close_paren + 1, " \n", &save); tok;
         tok = strtok_r(NULL, " \n", &save), field++) {
        uint64_t v;
        switch (field) {
        case 23: v = guest_mapped_bytes(); break;
        case 25: v = strtoull(tok, NULL, 10); v = v > UINT32_MAX ? UINT32_MAX : v; break;
        case 26: v = proc.start_code; break;
        case 27: v = proc.end_code; break;
        case 28: v = proc.start_stack; break;
        case 29: case 30: v = 0; break;
        case 45: v = proc.start_data; break;
        case 46: v = proc.end_data; break;
        case 47: v = brk_start; break;
        case 48: v = proc.arg_start; break;
        case 49: v = proc.arg_end; break;
        case 50: v = proc.env_start; break;
        case 51: v = proc.env_end; break;
        default:
            fprintf(f, " %s", tok);
            continue;
        }
        fprintf(f, " %" PRIu64, v);
    }
    fputc('\n', f);
}

/* ---- opening ---- */

typedef enum ProcFile {
    PROC_NONE, PROC_MAPS, PROC_AUXV, PROC_CMDLINE, PROC_ENVIRON, PROC_STAT, PROC_CPUINFO,
} ProcFile;

/* Which of our files path names, if any. */
static ProcFile proc_file(const char *path)
{
    static const struct {
        const char *name;
        ProcFile file;
    } own[] = {
        { "maps", PROC_MAPS }, { "auxv", PROC_AUXV }, { "cmdline", PROC_CMDLINE },
        { "environ", PROC_ENVIRON }, { "stat", PROC_STAT },
    };
    if (!strcmp(path, "/proc/cpuinfo"))
        return PROC_CPUINFO;
    if (strncmp(path, "/proc/", 6))
        return PROC_NONE;
    const char *p = path + 6, *slash = strchr(p, '/');
    if (!slash)
        return PROC_NONE;
    char pid[32];
    snprintf(pid, sizeof pid, "%d/", (int)getpid());
    if (strncmp(p, "self/", 5) && strncmp(p, "thread-self/", 12) && strncmp(p, pid, strlen(pid)))
        return PROC_NONE;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (!strcmp(slash + 1, own[i].name))
            return own[i].file;
    return PROC_NONE;
}

bool sys_proc_open(const GuestAbi *abi, const char *path, int host_flags, int64_t *result)
{
    ProcFile which = proc_file(path);
    if (which == PROC_NONE || (which != PROC_CPUINFO && !proc.set))
        return false;
    if ((host_flags & O_ACCMODE) != O_RDONLY) {
        *result = -EACCES;
        return true;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        *result = -ENOMEM;
        return true;
    }
    switch (which) {
    case PROC_MAPS: write_maps(abi, f); break;
    case PROC_AUXV: fwrite(proc.auxv, 1, proc.auxv_len, f); break;
    case PROC_CMDLINE: write_guest_bytes(f, proc.arg_start, proc.arg_end); break;
    case PROC_ENVIRON: write_guest_bytes(f, proc.env_start, proc.env_end); break;
    case PROC_STAT: write_stat(f); break;
    case PROC_CPUINFO:
        if (abi->write_cpuinfo)
            abi->write_cpuinfo(f);
        break;
    case PROC_NONE: break;
    }
    fclose(f);
    int fd = memfd_create("ferry-proc", host_flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        *result = -errno;
    } else if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
        *result = -EIO;
        close(fd);
    } else {
        *result = fd;
    }
    free(text);
    return true;
}
