/*
 * The host's SSE control and status register (MXCSR): the fields generated
 * code and the guests' floating-point slow paths read and set.  The guest
 * FP status registers keep their exception flags here between instructions.
 */
#ifndef FERRY_COMMON_MXCSR_H
#define FERRY_COMMON_MXCSR_H

enum {
    MXCSR_IE = 1u << 0,       /* exception flags: invalid */
    MXCSR_DE = 1u << 1,       /* denormal operand */
    MXCSR_ZE = 1u << 2,       /* divide by zero */
    MXCSR_OE = 1u << 3,       /* overflow */
    MXCSR_UE = 1u << 4,       /* underflow */
    MXCSR_PE = 1u << 5,       /* precision (inexact) */
    MXCSR_FLAGS = 0x3f,
    MXCSR_DAZ = 1u << 6,      /* denormal inputs are zero */
    MXCSR_MASKS = 0x1f80,     /* the six exception masks */
    MXCSR_RC_SHIFT = 13,      /* rounding control: 0 nearest, 1 down, 2 up, 3 zero */
    MXCSR_RC = 3u << 13,
    MXCSR_FTZ = 1u << 15,     /* flush tiny results to zero */
    MXCSR_DEFAULT = 0x1f80,   /* the power-on value: all exceptions masked */
};

#endif
