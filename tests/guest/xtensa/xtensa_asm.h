/*
 * Encodings of the Xtensa instructions the lx106 assembler refuses (its
 * core has no windowed registers, loops, MAC16, booleans or FP), as
 * assembler macros emitting the little-endian instruction bytes.  For
 * top-level asm in the guest test programs: XT_ASM_MACROS defines them.
 */
#ifndef XT_TEST_XTENSA_ASM_H
#define XT_TEST_XTENSA_ASM_H

#define XT_ASM_MACROS                                                         \
    /* ENTRY as, framesize (a multiple of 8) */                               \
    ".macro x_entry as, size\n"                                               \
    ".byte 0x36, (\\as) | ((((\\size) / 8) & 15) << 4), ((\\size) / 8) >> 4\n" \
    ".endm\n"                                                                 \
    ".macro x_retw\n .byte 0x90, 0x00, 0x00\n.endm\n"                         \
    ".macro x_retw_n\n .byte 0x1d, 0xf0\n.endm\n"                             \
    /* CALLX4/8/12 as */                                                      \
    ".macro x_callx4 as\n .byte 0xd0, \\as, 0x00\n.endm\n"                    \
    ".macro x_callx8 as\n .byte 0xe0, \\as, 0x00\n.endm\n"                    \
    ".macro x_callx12 as\n .byte 0xf0, \\as, 0x00\n.endm\n"                   \
    /* CALL4/8/12 target: the CALL must sit at a 4-byte aligned address (its     \
     * offset counts from pc & ~3); write exact-size (_op) code before it */    \
    ".macro x_calln n, target\n"                                              \
    "97: .byte 0x05 | ((\\n) << 4) | ((((\\target - 97b - 4) >> 2) & 3) << 6), "  \
    "(((\\target - 97b - 4) >> 4) & 0xff), (((\\target - 97b - 4) >> 12) & 0xff)\n" \
    ".endm\n"                                                                 \
    /* MOVSP at, as */                                                        \
    ".macro x_movsp at, as\n .byte (\\at) << 4, 0x10 | (\\as), 0x00\n.endm\n" \
    /* LOOP, LOOPNEZ, LOOPGTZ as, end (end - start - 4 must be 0..255) */     \
    ".macro x_loop as, end\n"                                                 \
    "98: .byte 0x76, 0x80 | (\\as), (\\end - 98b - 4)\n.endm\n"               \
    ".macro x_loopnez as, end\n"                                              \
    "98: .byte 0x76, 0x90 | (\\as), (\\end - 98b - 4)\n.endm\n"               \
    ".macro x_loopgtz as, end\n"                                              \
    "98: .byte 0x76, 0xa0 | (\\as), (\\end - 98b - 4)\n.endm\n"               \
    /* RSR/WSR at, sr */                                                      \
    ".macro x_rsr at, sr\n .byte (\\at) << 4, (\\sr), 0x03\n.endm\n"          \
    ".macro x_wsr at, sr\n .byte (\\at) << 4, (\\sr), 0x13\n.endm\n"          \
    /* RUR/WUR THREADPTR */                                                   \
    ".macro x_rur_threadptr ar\n .byte 0x70, ((\\ar) << 4) | 0x0e, 0xe3\n.endm\n"

#endif
