/*
 * window.c: the windowed register option (run on a windowed core such as
 * dc233c): CALLX4/8/12, ENTRY, RETW/RETW.N with call chains far deeper than
 * the 16 window groups (every frame is spilled to its stack save area and
 * reloaded on the way back), registers a caller keeps across calls, MOVSP
 * after the caller was spilled (alloca), and the spill system call.
 *
 * The program itself is built for the call0 ABI; wcall() switches into
 * windowed code with a CALLX4 and back.  The windowed functions are in
 * top-level asm with the encodings of xtensa_asm.h.
 */
#include <stdint.h>
#include <stdio.h>

#include "../arm/check.h"
#include "xtensa_asm.h"

/* uint32_t wcall(fn, arg): call the windowed function fn(arg) with CALLX4,
 * saving the call0 callee-saved a12-a15 (the callee's window overlaps
 * them). */
uint32_t wcall(void *fn, uint32_t arg);
/* rec8(n) = n + rec8(n - 1), rec8(0) = 0, through CALLX8, checking that a2-a7
 * survive each call (a wrong value adds 0x1000000). */
uint32_t rec8(uint32_t n);
uint32_t rec4(uint32_t n);
uint32_t rec12(uint32_t n);
/* mixed(n): alternates CALLX4, CALLX8, CALLX12 down to n = 0. */
uint32_t mixed(uint32_t n);
/* alloca_deep(n): recurses n levels, then at the bottom moves its stack
 * pointer down with MOVSP (as alloca does) and returns the sum of values
 * kept in every frame. */
uint32_t alloca_deep(uint32_t n);
/* spill_then(n): recurses n levels, calls the spill system call at the
 * bottom, and returns the sum of the levels. */
uint32_t spill_then(uint32_t n);
/* imm_calls(n) = 2(n+1) + 2(n+2) + 2(n+3) through CALL4, CALL8, CALL12 with
 * immediate targets. */
uint32_t imm_calls(uint32_t n);

__asm__(XT_ASM_MACROS
        ".text\n"
        ".align 4\n"
        ".global wcall\n"
        "wcall:\n"
        "  addi a1, a1, -32\n"
        "  s32i a0, a1, 0\n"
        "  s32i a12, a1, 4\n"
        "  s32i a13, a1, 8\n"
        "  s32i a14, a1, 12\n"
        "  s32i a15, a1, 16\n"
        "  mov a6, a3\n"
        "  x_callx4 2\n"
        "  mov a2, a6\n"
        "  l32i a0, a1, 0\n"
        "  l32i a12, a1, 4\n"
        "  l32i a13, a1, 8\n"
        "  l32i a14, a1, 12\n"
        "  l32i a15, a1, 16\n"
        "  addi a1, a1, 32\n"
        "  ret\n"

        /* rec8: keep n, n+1 ... in a2-a7 across the call */
        ".align 4\n"
        ".global rec8\n"
        "rec8:\n"
        "  x_entry 1, 48\n"
        "  beqz a2, 1f\n"
        "  addi a3, a2, 1\n"
        "  addi a4, a2, 2\n"
        "  addi a5, a2, 3\n"
        "  addi a6, a2, 4\n"
        "  addi a7, a2, 5\n"
        "  addi a10, a2, -1\n"
        "  movi a9, rec8\n"
        "  x_callx8 9\n"
        "  add a10, a10, a2\n"
        "  addi a8, a2, 1\n"
        "  bne a3, a8, 2f\n"
        "  addi a8, a2, 2\n"
        "  bne a4, a8, 2f\n"
        "  addi a8, a2, 3\n"
        "  bne a5, a8, 2f\n"
        "  addi a8, a2, 4\n"
        "  bne a6, a8, 2f\n"
        "  addi a8, a2, 5\n"
        "  bne a7, a8, 2f\n"
        "  mov a2, a10\n"
        "  x_retw\n"
        "2:movi a8, 0x1000000\n"
        "  add a2, a10, a8\n"
        "  x_retw\n"
        "1:movi a2, 0\n"
        "  x_retw_n\n"

        /* rec4: a2-a3 survive CALLX4 */
        ".align 4\n"
        ".global rec4\n"
        "rec4:\n"
        "  x_entry 1, 32\n"
        "  beqz a2, 1f\n"
        "  addi a3, a2, 7\n"
        "  addi a6, a2, -1\n"
        "  movi a5, rec4\n"
        "  x_callx4 5\n"
        "  add a6, a6, a2\n"
        "  addi a7, a2, 7\n"
        "  beq a3, a7, 3f\n"
        "  movi a7, 0x1000000\n"
        "  add a6, a6, a7\n"
        "3:mov a2, a6\n"
        "  x_retw\n"
        "1:movi a2, 0\n"
        "  x_retw\n"

        /* rec12: a2-a11 survive CALLX12 */
        ".align 4\n"
        ".global rec12\n"
        "rec12:\n"
        "  x_entry 1, 64\n"
        "  beqz a2, 1f\n"
        "  addi a3, a2, 1\n"
        "  addi a8, a2, 6\n"
        "  addi a11, a2, 9\n"
        "  addi a14, a2, -1\n"
        "  movi a13, rec12\n"
        "  x_callx12 13\n"
        "  add a14, a14, a2\n"
        "  addi a12, a2, 1\n"
        "  bne a3, a12, 2f\n"
        "  addi a12, a2, 6\n"
        "  bne a8, a12, 2f\n"
        "  addi a12, a2, 9\n"
        "  bne a11, a12, 2f\n"
        "  mov a2, a14\n"
        "  x_retw\n"
        "2:movi a12, 0x1000000\n"
        "  add a2, a14, a12\n"
        "  x_retw\n"
        "1:movi a2, 0\n"
        "  x_retw\n"

        /* mixed: n % 3 picks the call size */
        ".align 4\n"
        ".global mixed\n"
        "mixed:\n"
        "  x_entry 1, 64\n"
        "  beqz a2, 9f\n"
        "  addi a3, a2, 100\n"
        /* a8 = n % 3 without REMU (the lx106 assembler lacks it) */
        "  mov a8, a2\n"
        "7:blti a8, 3, 10f\n"
        "  addi a8, a8, -3\n"
        "  j 7b\n"
        "10:\n"
        "  movi a9, mixed\n"
        "  beqz a8, 4f\n"
        "  addi a8, a8, -1\n"
        "  beqz a8, 8f\n"
        /* call12 */
        "  addi a14, a2, -1\n"
        "  mov a13, a9\n"
        "  x_callx12 13\n"
        "  mov a10, a14\n"
        "  j 5f\n"
        "4:addi a6, a2, -1\n"
        "  mov a5, a9\n"
        "  x_callx4 5\n"
        "  mov a10, a6\n"
        "  j 5f\n"
        "8:addi a10, a2, -1\n"
        "  x_callx8 9\n"
        "5:add a10, a10, a2\n"
        "  addi a8, a2, 100\n"
        "  beq a3, a8, 6f\n"
        "  movi a8, 0x1000000\n"
        "  add a10, a10, a8\n"
        "6:mov a2, a10\n"
        "  x_retw\n"
        "9:movi a2, 0\n"
        "  x_retw\n"

        /* alloca_deep: a frame keeps n in a3; the bottom frame does
         * sub a8, a1, 64; movsp a1, a8 and stores into the new space */
        ".align 4\n"
        ".global alloca_deep\n"
        "alloca_deep:\n"
        "  x_entry 1, 32\n"
        "  mov a3, a2\n"
        "  beqz a2, 1f\n"
        "  addi a10, a2, -1\n"
        "  movi a9, alloca_deep\n"
        "  x_callx8 9\n"
        "  add a2, a10, a3\n"
        "  x_retw\n"
        "1:addi a8, a1, -64\n"
        "  x_movsp 1, 8\n"
        "  movi a8, 0x5a5a\n"
        "  s32i a8, a1, 0\n"
        "  s32i a8, a1, 60\n"
        "  movi a2, 0\n"
        "  x_retw\n"

        /* imm_calls: byte counts in the comments keep each CALLn aligned */
        ".align 4\n"
        ".global imm_calls\n"
        "imm_calls:\n"
        "  x_entry 1, 48\n"           /* 0 */
        "  _addi a6, a2, 1\n"         /* 3 */
        "  _nop.n\n"                  /* 6 */
        "  x_calln 1, dbl\n"          /* 8 */
        "  _mov a3, a6\n"             /* 11 */
        "  _addi a10, a2, 2\n"        /* 14 */
        "  _nop\n"                    /* 17 */
        "  x_calln 2, dbl\n"          /* 20 */
        "  _add a3, a3, a10\n"        /* 23 */
        "  _addi a14, a2, 3\n"        /* 26 */
        "  _nop\n"                    /* 29 */
        "  x_calln 3, dbl\n"          /* 32 */
        "  _add a2, a3, a14\n"
        "  x_retw\n"
        ".align 4\n"
        "dbl:\n"
        "  x_entry 1, 32\n"
        "  _slli a2, a2, 1\n"
        "  x_retw\n"

        /* spill_then: the spill call (a2 = 0) at the bottom */
        ".align 4\n"
        ".global spill_then\n"
        "spill_then:\n"
        "  x_entry 1, 32\n"
        "  mov a3, a2\n"
        "  beqz a2, 1f\n"
        "  addi a10, a2, -1\n"
        "  movi a9, spill_then\n"
        "  x_callx8 9\n"
        "  add a2, a10, a3\n"
        "  x_retw\n"
        "1:movi a2, 0\n"
        "  syscall\n"
        "  movi a2, 0\n"
        "  x_retw\n");

static uint32_t sum(uint32_t n)
{
    return n * (n + 1) / 2;
}

int main(void)
{
    static const uint32_t depths[] = { 0, 1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 64, 65, 100, 300 };
    for (unsigned i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
        uint32_t n = depths[i];
        CHECK_U32(wcall(rec8, n), sum(n), "rec8");
        CHECK_U32(wcall(rec4, n), sum(n), "rec4");
        CHECK_U32(wcall(rec12, n), sum(n), "rec12");
        CHECK_U32(wcall(mixed, n), sum(n), "mixed");
        CHECK_U32(wcall(alloca_deep, n), sum(n), "alloca_deep");
        CHECK_U32(wcall(spill_then, n), sum(n), "spill_then");
        CHECK_U32(wcall(imm_calls, n), 6 * n + 12, "imm_calls");
    }
    return check_summary("window");
}
