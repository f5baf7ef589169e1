/*
 * MIPS traps and the signals Linux turns them into: traps KIND executes one
 * trapping instruction and should never return.
 *   break      BREAK 0          -> SIGTRAP
 *   teq        TEQ, code 0      -> SIGTRAP
 *   div0       C division by zero (the compiler's TEQ ..., 7) -> SIGFPE
 *   overflow   ADD overflowing  -> SIGFPE (integer overflow exception)
 *   tne_code6  TNE with code 6 (BRK_OVERFLOW) -> SIGFPE
 *   ill        a reserved instruction -> SIGILL
 * Without an argument (as the differential runner starts it) it prints the
 * list and exits 0.
 */
#include <stdio.h>
#include <string.h>

static volatile int zero = 0, one = 1, big = 0x7fffffff;

int main(int argc, char **argv)
{
    const char *k = argc > 1 ? argv[1] : "";
    if (!strcmp(k, "break")) {
        __asm__ volatile("break 0");
    } else if (!strcmp(k, "teq")) {
        __asm__ volatile("teq %0, %0" : : "r"(one));
    } else if (!strcmp(k, "div0")) {
        printf("%d\n", one / zero);
    } else if (!strcmp(k, "overflow")) {
        int r;
        __asm__ volatile("add %0, %1, %2" : "=r"(r) : "r"(big), "r"(one));
        printf("%d\n", r);
    } else if (!strcmp(k, "tne_code6")) {
        __asm__ volatile("tne %0, $0, 6" : : "r"(one));
    } else if (!strcmp(k, "ill")) {
        __asm__ volatile(".word 0x7c00003f");   /* SPECIAL3 function 63: reserved */
    } else {
        printf("usage: traps break|teq|div0|overflow|tne_code6|ill\n");
        return 0;
    }
    printf("trap %s did not trap\n", k);
    return 1;
}
