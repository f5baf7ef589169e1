/*
 * dyn-hello.c: a dynamically linked program (built without -static): the ELF interpreter
 * ld-linux-armhf.so.3 must have been loaded, given AT_BASE/AT_ENTRY/AT_PHDR, and have relocated
 * the program and libc. Prints its arguments like hello.c and checks what the dynamic linker
 * reports about the loaded objects.  Also prints what the option tests look at (argv[0], a
 * variable, the stack's size).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

extern char _start[];

typedef struct Seen {
    int objects;
    int libc, ld;
    uintptr_t ld_addr;
    const void *first_phdr;
} Seen;

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
    Seen *s = data;
    (void)size;
    if (s->objects++ == 0)
        s->first_phdr = info->dlpi_phdr;
    if (strstr(info->dlpi_name, "libc.so.6"))
        s->libc++;
    if (strstr(info->dlpi_name, "ld-linux-armhf.so.3")) {
        s->ld++;
        s->ld_addr = info->dlpi_addr;
    }
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    printf("Hello from a dynamically linked program\n");
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    /* For the option tests (-E, -U, -s): a variable and the stack's size. */
    const char *var = getenv("FERRY_DYN_VAR");
    printf("FERRY_DYN_VAR=%s\n", var ? var : "(unset)");
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo, hi;
    while (maps && fgets(line, sizeof line, maps))
        if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2)
            printf("stack=%lu KiB\n", (hi - lo) >> 10);
    if (maps)
        fclose(maps);

    uintptr_t base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY);
    CHECK(base != 0, "AT_BASE is 0: no interpreter was loaded");
    CHECK((entry & ~1u) == ((uintptr_t)_start & ~1u), "AT_ENTRY 0x%lx, _start at %p",
          (unsigned long)entry, (void *)_start);
    CHECK(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ");

    Seen s = { 0 };
    dl_iterate_phdr(visit, &s);
    CHECK(s.objects >= 3, "only %d objects loaded", s.objects);
    CHECK(s.libc == 1, "libc.so.6 seen %d times", s.libc);
    CHECK(s.ld == 1, "ld-linux-armhf.so.3 seen %d times", s.ld);
    CHECK(s.ld_addr == base, "interpreter at 0x%lx, AT_BASE 0x%lx", (unsigned long)s.ld_addr,
          (unsigned long)base);
    CHECK((uintptr_t)s.first_phdr == getauxval(AT_PHDR), "program headers of the program");

    /* Calls into libc resolved through the PLT, and data in libc. */
    Dl_info di;
    CHECK(dladdr((void *)printf, &di) && strstr(di.dli_fname, "libc.so.6"),
          "dladdr(printf) names %s", di.dli_fname ? di.dli_fname : "nothing");
    int v[64];
    for (int i = 0; i < 64; i++)
        v[i] = (i * 37) % 64;
    qsort(v, 64, sizeof v[0], cmp_int);
    int sorted = 1;
    for (int i = 0; i < 64; i++)
        sorted &= v[i] == i;
    CHECK(sorted, "qsort");
    CHECK(strtod("2.5e3", NULL) == 2500.0, "strtod");
    char *big = malloc(8 << 20); /* mmap-backed */
    char *small = malloc(100);   /* from the break */
    CHECK(big && small, "malloc");
    memset(big, 1, 8 << 20);
    free(big);
    free(small);
    char buf[64];
    snprintf(buf, sizeof buf, "%d %s %.2f", 42, "x", 1.5);
    CHECK_STR(buf, "42 x 1.50", "snprintf");
    CHECK(getenv("PATH") || getenv("HOME") || 1, "getenv");
    return check_summary("dyn-hello");
}
