/*
 * traps.c: instructions that end the program with the signal Linux sends
 * (the test checks the exit status): an unaligned L32I (SIGBUS; Linux's
 * default has no user fix-up), QUOU by zero (SIGFPE), ILL (SIGILL), BREAK
 * (SIGTRAP), ROTW (privileged: SIGILL).  Run on dc233c.
 *
 *     traps unaligned|div0|ill|break|priv
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    static volatile unsigned words[4] = { 1, 2, 3, 4 };
    const char *what = argc > 1 ? argv[1] : "";
    unsigned r = 0;
    if (!strcmp(what, "unaligned")) {
        __asm__ volatile("l32i %0, %1, 0" : "=r"(r) : "r"((char *)words + 2) : "memory");
    } else if (!strcmp(what, "div0")) {
        unsigned zero = 0;
        /* QUOU a2, a3, a4 with a4 = 0 (the lx106 assembler has no QUOU) */
        __asm__ volatile("mov a3, %1\n\tmov a4, %2\n\t.byte 0x40, 0x23, 0xc2\n\tmov %0, a2"
                         : "=r"(r) : "r"(7), "r"(zero) : "a2", "a3", "a4");
    } else if (!strcmp(what, "ill")) {
        __asm__ volatile("ill");
    } else if (!strcmp(what, "break")) {
        __asm__ volatile("break 1, 2");
    } else if (!strcmp(what, "priv")) {
        __asm__ volatile(".byte 0x10, 0x80, 0x40");   /* ROTW 1 */
    }
    printf("%s: no trap (r=%u)\n", what, r);
    return 0;
}
