/*
 * loops.c: the zero-overhead loop option (run on a core with loops, such as
 * dc233c): LOOP, LOOPNEZ, LOOPGTZ with zero, negative and large counts;
 * loop bodies whose last instruction is a not-taken branch, a taken branch
 * to LEND (which must not loop back), a SYSCALL (Linux returns past it with
 * a jump, so the loop ends there too), or a 16-bit instruction;
 * a branch back into the middle of the body (a block that starts inside
 * the body and ends at LEND); nested use of LCOUNT through RSR/WSR; and
 * LBEG/LEND written with WSR.
 */
#include <stdint.h>
#include <stdio.h>

#include "../arm/check.h"
#include "xtensa_asm.h"

uint32_t loop_count(uint32_t n);        /* LOOP n times: a2 counts */
uint32_t loopnez_count(uint32_t n);     /* LOOPNEZ: 0 skips the body */
uint32_t loopgtz_count(int32_t n);      /* LOOPGTZ: <= 0 skips */
uint32_t loop_branch_last(uint32_t n);  /* body ends with a conditional branch */
uint32_t loop_taken_to_end(uint32_t n); /* a taken branch to LEND leaves the loop */
uint32_t loop_reenter(uint32_t n);      /* branch back into the body */
uint32_t loop_syscall_last(uint32_t n); /* SYSCALL last: one pass */
uint32_t loop_narrow_last(uint32_t n);  /* a 16-bit last instruction */
uint32_t loop_nested(uint32_t n);       /* an inner loop saves/restores LCOUNT etc. */
uint32_t loop_wsr(uint32_t n);          /* LBEG/LEND/LCOUNT set with WSR */

__asm__(XT_ASM_MACROS
        ".text\n"
        ".align 4\n"
        ".global loop_count\n"
        "loop_count:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a2, a2, 1\n"
        "  addi a2, a2, 0\n"
        "1:ret\n"

        ".align 4\n"
        ".global loopnez_count\n"
        "loopnez_count:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loopnez 3, 1f\n"
        "  addi a2, a2, 1\n"
        "1:addi a2, a2, 0\n"
        "  ret\n"

        ".align 4\n"
        ".global loopgtz_count\n"
        "loopgtz_count:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loopgtz 3, 1f\n"
        "  addi a2, a2, 1\n"
        "  addi a2, a2, 2\n"
        "1:ret\n"

        /* the last instruction is a branch, taken (to 2f, not LEND) once
         * a4 reaches 65536 and falling through to LEND before that */
        ".align 4\n"
        ".global loop_branch_last\n"
        "loop_branch_last:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  movi a4, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a4, a4, 1\n"
        "  addi a2, a2, 1\n"
        "  bbsi a4, 16, 2f\n"
        "1:j 3f\n"
        "2:addi a2, a2, 100\n"
        "  j 3f\n"
        "3:ret\n"

        /* a taken branch to LEND does not loop back: one pass only */
        ".align 4\n"
        ".global loop_taken_to_end\n"
        "loop_taken_to_end:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a2, a2, 1\n"
        "  beqz a3, 1f\n"
        "  addi a2, a2, 10\n"
        "1:ret\n"

        /* the inner backward branch starts a block in the middle of the
         * body that ends at LEND */
        ".align 4\n"
        ".global loop_reenter\n"
        "loop_reenter:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  movi a4, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a2, a2, 1\n"
        "  movi a6, 3\n"
        "2:addi a4, a4, 1\n"
        "  addi a6, a6, -1\n"
        "  bnez a6, 2b\n"
        "1:slli a4, a4, 8\n"
        "  add a2, a2, a4\n"
        "  ret\n"

        /* getpid as the last instruction of the body */
        ".align 4\n"
        ".global loop_syscall_last\n"
        "loop_syscall_last:\n"
        "  mov a3, a2\n"
        "  movi a7, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a7, a7, 1\n"
        "  movi a2, 120\n"
        "  syscall\n"
        "1:mov a2, a7\n"
        "  ret\n"

        ".align 4\n"
        ".global loop_narrow_last\n"
        "loop_narrow_last:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loop 3, 1f\n"
        "  addi a2, a2, 3\n"
        "  addi.n a2, a2, -1\n"
        "1:ret\n"

        /* an inner LOOP inside an outer one, with LBEG/LEND/LCOUNT saved
         * and restored around it (what compilers do for nested loops in
         * a function called from a loop body) */
        ".align 4\n"
        ".global loop_nested\n"
        "loop_nested:\n"
        "  mov a3, a2\n"
        "  movi a2, 0\n"
        "  x_loop 3, 1f\n"
        "  x_rsr 8, 0\n"
        "  x_rsr 9, 1\n"
        "  x_rsr 10, 2\n"
        "  movi a5, 4\n"
        "  x_loop 5, 2f\n"
        "  addi a2, a2, 1\n"
        "2:x_wsr 8, 0\n"
        "  x_wsr 9, 1\n"
        "  x_wsr 10, 2\n"
        "  isync\n"
        "  addi a2, a2, 1000\n"
        "1:ret\n"

        /* a loop set up with WSR instead of LOOP */
        ".align 4\n"
        ".global loop_wsr\n"
        "loop_wsr:\n"
        "  addi a3, a2, -1\n"
        "  movi a2, 0\n"
        "  movi a8, 3f\n"
        "  movi a9, 4f\n"
        "  x_wsr 8, 0\n"
        "  x_wsr 9, 1\n"
        "  x_wsr 3, 2\n"
        "  isync\n"
        "3:addi a2, a2, 1\n"
        "  addi a2, a2, 1\n"
        "4:movi a8, 0\n"
        "  x_wsr 8, 1\n"
        "  ret\n");

int main(void)
{
    static const uint32_t counts[] = { 1, 2, 3, 10, 255, 1000, 100000 };
    for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        uint32_t n = counts[i];
        CHECK_U32(loop_count(n), n, "loop");
        CHECK_U32(loopnez_count(n), n, "loopnez");
        CHECK_U32(loopgtz_count((int32_t)n), 3 * n, "loopgtz");
        CHECK_U32(loop_branch_last(n), n < 65536 ? n : 65536 + 100, "loop_branch_last");
        CHECK_U32(loop_taken_to_end(n), 11 * n, "loop_taken_to_end");
        CHECK_U32(loop_reenter(n), n + ((3 * n) << 8), "loop_reenter");
        CHECK_U32(loop_syscall_last(n), 1, "loop_syscall_last");
        CHECK_U32(loop_narrow_last(n), 2 * n, "loop_narrow_last");
        CHECK_U32(loop_nested(n), 1004 * n, "loop_nested");
        CHECK_U32(loop_wsr(n), 2 * n, "loop_wsr");
    }
    CHECK_U32(loopnez_count(0), 0, "loopnez 0");
    CHECK_U32(loopgtz_count(0), 0, "loopgtz 0");
    CHECK_U32(loopgtz_count(-5), 0, "loopgtz -5");
    CHECK_U32(loop_taken_to_end(0), 1, "taken to end with a3 = 0");
    return check_summary("loops");
}
