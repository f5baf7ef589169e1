/*
 * dyn-proc.c: what /proc and uname tell a program about itself must describe the guest, not
 * the emulator: /proc/self/exe, maps, cmdline, environ, auxv and stat (also under
 * /proc/<pid>/), /proc/cpuinfo (an ARMv7 CPU with the features of AT_HWCAP) and uname's
 * machine. Each is checked against what the program knows from elsewhere (its own addresses,
 * argv, getauxval, files it mapped).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "check.h"

#define PG 4096

extern char **environ;
int main(int argc, char **argv);

static char exe[PATH_MAX];

/* The whole of a file, NUL-terminated; its length in *len. */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
        ssize_t r = read(fd, buf + n, cap - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void own_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "/proc/%d/%s", (int)getpid(), name);
}

static void test_exe(const char *argv0)
{
    char link[PATH_MAX], want[PATH_MAX], path[64];
    ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    CHECK(realpath(argv0, want) != NULL, "realpath(argv[0])");
    CHECK_STR(link, want, "/proc/self/exe");
    snprintf(exe, sizeof exe, "%s", link);
    own_path(path, sizeof path, "exe");
    n = readlink(path, link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    CHECK_STR(link, want, "/proc/<pid>/exe");
    /* Opening it opens the program: an ARM ELF file. */
    char *elf = slurp("/proc/self/exe", NULL);
    CHECK(elf && !memcmp(elf, "\177ELF", 4) && elf[18] == 40, "/proc/self/exe is the ARM ELF");
    free(elf);
}

static void test_cmdline(int argc, char **argv)
{
    size_t len, want = 0;
    char *c = slurp("/proc/self/cmdline", &len);
    int same = c != NULL;
    for (int i = 0; i < argc && same; i++) {
        same = !strcmp(c + want, argv[i]);
        want += strlen(argv[i]) + 1;
    }
    CHECK(same && len == want, "/proc/self/cmdline (%zu bytes, want %zu)", len, want);
    char path[64];
    own_path(path, sizeof path, "cmdline");
    size_t len2;
    char *c2 = slurp(path, &len2);
    CHECK(c2 && len2 == len && !memcmp(c, c2, len), "/proc/<pid>/cmdline");
    free(c);
    free(c2);

    char *e = slurp("/proc/self/environ", &len);
    CHECK(e && environ[0] && !strcmp(e, environ[0]), "/proc/self/environ starts with environ[0]");
    CHECK(e && memmem(e, len, "FERRY_PROC_TEST=yes", 20), "FERRY_PROC_TEST=yes in environ");
    free(e);
}

static void test_auxv(void)
{
    size_t len;
    uint32_t *a = (uint32_t *)slurp("/proc/self/auxv", &len);
    CHECK(a && len % 8 == 0 && len >= 16 * 8, "/proc/self/auxv is %zu bytes", len);
    if (!a)
        return;
    int found = 0, mismatch = 0;
    static const unsigned long types[] = { AT_HWCAP, AT_HWCAP2, AT_PAGESZ, AT_PHDR, AT_PHNUM,
                                           AT_ENTRY, AT_BASE, AT_RANDOM, AT_EXECFN, AT_UID };
    for (size_t i = 0; i + 1 < len / 4; i += 2)
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
            if (a[i] == types[t]) {
                found++;
                mismatch += a[i + 1] != getauxval(types[t]);
            }
    CHECK(found == 10, "%d of 10 auxv entries found", found);
    CHECK(mismatch == 0, "%d auxv entries differ from getauxval", mismatch);
    CHECK(a[len / 4 - 2] == AT_NULL, "auxv ends with AT_NULL");
    free(a);
}

typedef struct Map {
    unsigned long start, end, offset, inode;
    char perms[8];
    char name[PATH_MAX];
} Map;

static Map maps[512];
static int nmaps;

static void read_maps(const char *path)
{
    char *text = slurp(path, NULL);
    nmaps = 0;
    int bad = 0;
    for (char *line = text ? strtok(text, "\n") : NULL; line && nmaps < 512;
         line = strtok(NULL, "\n")) {
        Map *m = &maps[nmaps];
        unsigned maj, min;
        int name_at = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &m->start, &m->end, m->perms,
                   &m->offset, &maj, &min, &m->inode, &name_at) < 7) {
            bad++;
            continue;
        }
        snprintf(m->name, sizeof m->name, "%s", name_at ? line + name_at : "");
        nmaps++;
    }
    free(text);
    CHECK(bad == 0 && nmaps > 5, "%s: %d lines, %d unreadable", path, nmaps, bad);
}

static const Map *map_of(const void *p)
{
    unsigned long a = (unsigned long)p;
    for (int i = 0; i < nmaps; i++)
        if (maps[i].start <= a && a < maps[i].end)
            return &maps[i];
    return NULL;
}

static const char *name_of(const void *p)
{
    const Map *m = map_of(p);
    return m ? m->name : "(unmapped)";
}

static const char *perms_of(const void *p)
{
    const Map *m = map_of(p);
    return m ? m->perms : "(unmapped)";
}

static void test_maps(void)
{
    char *small = malloc(64);  /* before reading the maps: it may grow the heap */
    read_maps("/proc/self/maps");
    int order = 0;
    for (int i = 0; i < nmaps; i++) {
        order += maps[i].start >= maps[i].end || maps[i].start % PG || maps[i].end % PG;
        order += i > 0 && maps[i].start < maps[i - 1].end;
    }
    CHECK(order == 0, "lines not sorted, overlapping or unaligned");
    int high = 0;
    for (int i = 0; i < nmaps; i++)
        high += maps[i].end > 0xbf000000ul && strcmp(maps[i].name, "[vectors]") != 0;
    CHECK(high == 0, "%d mappings above the 3 GiB user space", high);

    int local = 0;
    CHECK_STR(name_of((void *)&main), exe, "mapping of main");
    CHECK_STR(perms_of((void *)&main), "r-xp", "permissions of main");
    CHECK_STR(name_of(&local), "[stack]", "mapping of a local variable");
    CHECK_STR(perms_of(&local), "rw-p", "permissions of the stack");
    const char *libc = name_of((void *)&printf);
    CHECK(strlen(libc) > 9 && !strcmp(libc + strlen(libc) - 9, "libc.so.6"), "printf in %s",
          libc);
    CHECK_STR(name_of(small), "[heap]", "a small malloc");
    free(small);
    const Map *v = map_of((void *)0xffff0fe0);
    CHECK(v && !strcmp(v->name, "[vectors]") && !strcmp(v->perms, "r-xp"), "[vectors] page");

    /* Mappings made here show up as made. */
    char *ro = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(ro + PG, PG, PROT_NONE);
    char file[64];
    snprintf(file, sizeof file, "dyn-proc.%d", (int)getpid());
    int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, 4 * PG) == 0, "test file");
    char *fm = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
    struct stat st;
    fstat(fd, &st);
    char full[PATH_MAX];
    realpath(file, full);
    read_maps("/proc/self/maps");
    CHECK_STR(perms_of(ro), "r--p", "PROT_READ mapping");
    CHECK_STR(perms_of(ro + PG), "---p", "PROT_NONE part");
    CHECK_STR(perms_of(ro + 2 * PG), "r--p", "PROT_READ after the PROT_NONE part");
    const Map *fmap = map_of(fm);
    CHECK(fmap && fmap->start == (unsigned long)fm && fmap->end == (unsigned long)fm + 2 * PG,
          "extent of the file mapping");
    CHECK(fmap && !strcmp(fmap->perms, "rw-s") && fmap->offset == PG &&
          fmap->inode == st.st_ino && !strcmp(fmap->name, full),
          "file mapping: %s %lx %lu %s", fmap ? fmap->perms : "-", fmap ? fmap->offset : 0,
          fmap ? fmap->inode : 0, fmap ? fmap->name : "-");
    munmap(fm, 2 * PG);
    munmap(ro, 3 * PG);
    close(fd);
    unlink(file);
    read_maps("/proc/self/maps");
    CHECK(map_of(ro) == NULL || strcmp(map_of(ro)->perms, "---p") != 0, "unmapped again");

    char path[64];
    own_path(path, sizeof path, "maps");
    int before = nmaps;
    read_maps(path);
    CHECK(nmaps == before, "/proc/<pid>/maps has %d lines, /proc/self/maps %d", nmaps, before);
    errno = 0;
    CHECK(open("/proc/self/maps", O_WRONLY) == -1 && errno == EACCES, "maps opened for writing");
}

static void test_stat(void)
{
    char *s = slurp("/proc/self/stat", NULL);
    CHECK(s != NULL, "/proc/self/stat");
    if (!s)
        return;
    char comm[32] = "";
    char *open_paren = strchr(s, '('), *close_paren = strrchr(s, ')');
    if (open_paren && close_paren && close_paren - open_paren < 32)
        memcpy(comm, open_paren + 1, (size_t)(close_paren - open_paren - 1));
    const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
    CHECK(!strncmp(comm, base, 15), "comm is '%s', program '%s'", comm, base);
    unsigned long long field[64] = { 0 };
    int n = 3;
    char *save;
    for (char *t = close_paren ? strtok_r(close_paren + 1, " \n", &save) : NULL; t && n < 64;
         t = strtok_r(NULL, " \n", &save), n++)
        field[n] = strtoull(t, NULL, 10);
    CHECK(n >= 52, "%d fields", n);
    read_maps("/proc/self/maps");
    CHECK(!strcmp(name_of((void *)(uintptr_t)field[28]), "[stack]"), "startstack 0x%llx",
          field[28]);
    CHECK(field[23] > 0 && field[23] < (3ull << 30), "vsize %llu", field[23]);
    CHECK(field[26] <= (uintptr_t)&main && (uintptr_t)&main < field[27], "start/end_code");
    free(s);
}

static void test_stat_args(char **argv)
{
    char *s = slurp("/proc/self/stat", NULL);
    char *close_paren = s ? strrchr(s, ')') : NULL;
    unsigned long long field[64] = { 0 };
    int n = 3;
    char *save;
    for (char *t = close_paren ? strtok_r(close_paren + 1, " \n", &save) : NULL; t && n < 64;
         t = strtok_r(NULL, " \n", &save), n++)
        field[n] = strtoull(t, NULL, 10);
    CHECK(field[48] == (uintptr_t)argv[0], "arg_start 0x%llx, argv[0] at %p", field[48],
          (void *)argv[0]);
    free(s);
}

static const char *const hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
    "vfpd32", "lpae", "evtstrm",
};

static void test_cpu(void)
{
    struct utsname u;
    CHECK(uname(&u) == 0, "uname");
    CHECK_STR(u.machine, "armv7l", "uname machine");
    char *c = slurp("/proc/cpuinfo", NULL);
    CHECK(c && strstr(c, "model name\t: ARMv7 Processor"), "model name");
    CHECK(c && strstr(c, "CPU architecture: 7"), "CPU architecture");
    CHECK(c && strstr(c, "CPU part\t: 0xc0f"), "Cortex-A15 part number");
    int processors = 0;
    for (char *p = c; p && (p = strstr(p, "processor\t: ")); p++)
        processors++;
    CHECK(processors == sysconf(_SC_NPROCESSORS_ONLN), "%d processors", processors);
    /* The first Features line lists exactly the AT_HWCAP bits. */
    char *f = c ? strstr(c, "Features\t:") : NULL;
    unsigned long hw = getauxval(AT_HWCAP), listed = 0;
    int unknown = 0;
    if (f) {
        char line[512];
        sscanf(f + 10, "%511[^\n]", line);
        for (char *t = strtok(line, " "); t; t = strtok(NULL, " ")) {
            size_t i;
            for (i = 0; i < sizeof hwcap_names / sizeof hwcap_names[0]; i++)
                if (!strcmp(t, hwcap_names[i]))
                    break;
            if (i < sizeof hwcap_names / sizeof hwcap_names[0])
                listed |= 1ul << i;
            else
                unknown++;
        }
    }
    CHECK(f && listed == hw && unknown == 0, "Features 0x%lx, AT_HWCAP 0x%lx", listed, hw);
    CHECK((hw & (1ul << 12)) == 0 || strstr(f, " neon"), "neon");
    free(c);
}

int main(int argc, char **argv)
{
    test_exe(argv[0]);
    test_cmdline(argc, argv);
    test_auxv();
    test_maps();
    test_stat();
    test_stat_args(argv);
    test_cpu();
    return check_summary("dyn-proc");
}
