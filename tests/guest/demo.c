/*
 * demo.c: the program scripts/demo runs under ferry-arm. It says where it thinks it runs
 * (uname, instruction set), echoes its arguments and does a little work: primes with a sieve,
 * a checksum of the text it printed, and a table of powers with 64-bit arithmetic.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

int main(int argc, char **argv)
{
    struct utsname u;
    if (uname(&u) == 0)
        printf("Hello from %s %s (%s)\n", u.sysname, u.release, u.machine);
#ifdef __thumb__
    printf("This code is Thumb-2.\n");
#else
    printf("This code is ARM (A32).\n");
#endif
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);

    static uint8_t composite[100001];
    int count = 0, last = 0;
    for (int i = 2; i <= 100000; i++) {
        if (composite[i])
            continue;
        count++;
        last = i;
        for (int j = 2 * i; j <= 100000; j += i)
            composite[j] = 1;
    }
    printf("%d primes below 100000, the largest %d\n", count, last);

    char line[64];
    uint64_t p = 1;
    printf("powers of 3:");
    for (int i = 0; i <= 40; i += 8, p *= 6561) {
        snprintf(line, sizeof line, " %llu", (unsigned long long)p);
        fputs(line, stdout);
    }
    printf("\nFNV-1a(\"ferry\") = 0x%08x\n", fnv1a("ferry"));
    return 0;
}
