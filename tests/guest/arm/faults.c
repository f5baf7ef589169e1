/*
 * A program that dies on purpose: `faults segv` stores through a null
 * pointer, `faults rodata` writes to its own code, `faults ill` executes an
 * undefined instruction.  The test script checks the exit status (death by
 * the signal) and that the reported pc lies inside the faulting function.
 */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) void fault_segv(volatile int *p)
{
    *p = 1;
}

__attribute__((noinline)) void fault_rodata(void)
{
    *(volatile int *)(void *)fault_segv = 0;
}

__attribute__((noinline)) void fault_ill(void)
{
    __builtin_trap();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("before the fault\n");
    if (argc > 1 && !strcmp(argv[1], "segv"))
        fault_segv((volatile int *)0);
    else if (argc > 1 && !strcmp(argv[1], "rodata"))
        fault_rodata();
    else if (argc > 1 && !strcmp(argv[1], "ill"))
        fault_ill();
    printf("no fault\n");
    return 0;
}
