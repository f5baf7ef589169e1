/*
 * x86-64 instruction encoder.
 *
 * Small functions that append one host instruction each to a code buffer.
 * The backend's emitters (emit_*.c) are written in terms of these; nothing
 * else in ferry writes x86 bytes.  Register numbers are the hardware ones
 * (0 = rax ... 15 = r15).  w64 selects a 64-bit operation (REX.W); 32-bit
 * operations zero-extend into the upper half as the architecture defines.
 *
 * Every function picks the shortest encoding for its operands (imm8 forms,
 * no displacement when disp == 0 except where rbp/r13 need one, no REX
 * prefix unless required).  tests/unit/test_encode.c checks the bytes.
 *
 * Usage:
 *     X86Buf b = { .p = code, .end = code + size };
 *     x86_alu_ri(&b, X86_ADD, false, X86_RAX, 5);      // add eax, 5
 *     x86_load(&b, X86_RCX, x86_mem_bi(X86_R15, X86_RAX, 0), 4, false);
 *                                                      // mov ecx, [r15+rax]
 *     uint8_t *fix = x86_jcc32(&b, X86_CC_NE);          // jne <to patch>
 *     x86_patch_rel32(fix, b.p);                        // jump here
 */
#ifndef FERRY_TCG_X86_64_ENCODE_H
#define FERRY_TCG_X86_64_ENCODE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct X86Buf {
    uint8_t *p;    /* next byte to write */
    uint8_t *end;  /* one past the last writable byte */
    bool overflow; /* set (and writes dropped) when p would pass end */
} X86Buf;

enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
};

/* Group-1 ALU operations, in their /digit order. */
typedef enum X86Alu {
    X86_ADD = 0, X86_OR = 1, X86_ADC = 2, X86_SBB = 3,
    X86_AND = 4, X86_SUB = 5, X86_XOR = 6, X86_CMP = 7,
} X86Alu;

/* Group-2 shifts, in their /digit order. */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* Group-3 unary operations, in their /digit order. */
typedef enum X86Unary {
    X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7,
} X86Unary;

/* Condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
typedef enum X86Cond {
    X86_CC_O = 0, X86_CC_NO = 1, X86_CC_B = 2, X86_CC_AE = 3,
    X86_CC_E = 4, X86_CC_NE = 5, X86_CC_BE = 6, X86_CC_A = 7,
    X86_CC_S = 8, X86_CC_NS = 9, X86_CC_P = 10, X86_CC_NP = 11,
    X86_CC_L = 12, X86_CC_GE = 13, X86_CC_LE = 14, X86_CC_G = 15,
} X86Cond;

static inline X86Cond x86_cc_invert(X86Cond c) { return (X86Cond)(c ^ 1); }

/* A memory operand: [base + index*scale + disp].  base may be X86_NOREG
 * (absolute disp32), index may be X86_NOREG; rip makes it [rip + disp]
 * where disp is relative to the end of the instruction. */
typedef struct X86Mem {
    int8_t base;
    int8_t index;
    uint8_t scale;   /* 1, 2, 4 or 8 */
    bool rip;
    int32_t disp;
} X86Mem;

static inline X86Mem x86_mem(int base, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = X86_NOREG, .scale = 1, .disp = disp };
}

static inline X86Mem x86_mem_bi(int base, int index, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = (int8_t)index, .scale = 1, .disp = disp };
}

static inline X86Mem x86_mem_bis(int base, int index, int scale, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = (int8_t)index,
                     .scale = (uint8_t)scale, .disp = disp };
}

/* Raw bytes. */
void x86_byte(X86Buf *b, uint8_t v);
void x86_u32(X86Buf *b, uint32_t v);
void x86_u64(X86Buf *b, uint64_t v);

/* ALU: op dst, src / op dst, imm / op dst, [m] / op [m], src / op [m], imm. */
void x86_alu_rr(X86Buf *b, X86Alu op, bool w64, int dst, int src);
void x86_alu_ri(X86Buf *b, X86Alu op, bool w64, int dst, int32_t imm);
void x86_alu_rm(X86Buf *b, X86Alu op, bool w64, int dst, X86Mem m);
void x86_alu_mr(X86Buf *b, X86Alu op, bool w64, X86Mem m, int src);
/* size 1, 2, 4 or 8 bytes for the memory operand. */
void x86_alu_mi(X86Buf *b, X86Alu op, int size, X86Mem m, int32_t imm);

/* test dst, src / test dst, imm. */
void x86_test_rr(X86Buf *b, bool w64, int a, int c);
void x86_test_ri(X86Buf *b, bool w64, int a, int32_t imm);

/* Moves.  x86_mov_ri picks mov r32, imm32 when the value fits in 32
 * unsigned bits, mov r/m64, simm32 when it sign-extends, else movabs. */
void x86_mov_rr(X86Buf *b, bool w64, int dst, int src);
void x86_mov_ri(X86Buf *b, int dst, uint64_t imm);
/* Loads with zero (sign=false) or sign extension to 32 (w64=false) or
 * 64 bits (w64=true).  size is 1, 2, 4 or 8. */
void x86_load(X86Buf *b, int dst, X86Mem m, int size, bool sign, bool w64);
void x86_store(X86Buf *b, X86Mem m, int src, int size);
void x86_store_imm(X86Buf *b, X86Mem m, int32_t imm, int size);
void x86_lea(X86Buf *b, bool w64, int dst, X86Mem m);
/* movzx/movsx between registers: size 1 or 2 into 32/64 bits;
 * size 4 with sign=true is movsxd (w64 must be true). */
void x86_ext_rr(X86Buf *b, int dst, int src, int size, bool sign, bool w64);

/* Shifts and rotates by an immediate or by cl. */
void x86_shift_ri(X86Buf *b, X86Shift op, bool w64, int reg, uint8_t count);
void x86_shift_rcl(X86Buf *b, X86Shift op, bool w64, int reg);

/* not/neg/mul/imul/div/idiv reg (one-operand forms). */
void x86_unary(X86Buf *b, X86Unary op, bool w64, int reg);
void x86_imul_rr(X86Buf *b, bool w64, int dst, int src);
void x86_imul_rri(X86Buf *b, bool w64, int dst, int src, int32_t imm);
void x86_cdq(X86Buf *b);   /* sign-extend eax into edx */
void x86_cqo(X86Buf *b);   /* sign-extend rax into rdx */

/* Bit counting and byte swaps (lzcnt/tzcnt need LZCNT/BMI1). */
void x86_bsr(X86Buf *b, bool w64, int dst, int src);
void x86_bsf(X86Buf *b, bool w64, int dst, int src);
void x86_lzcnt(X86Buf *b, bool w64, int dst, int src);
void x86_tzcnt(X86Buf *b, bool w64, int dst, int src);
void x86_popcnt(X86Buf *b, bool w64, int dst, int src);
void x86_bswap(X86Buf *b, bool w64, int reg);
/* rol r16, 8: swap the two low bytes (upper bits unchanged). */
void x86_rol16_8(X86Buf *b, int reg);
/* movbe load/store (needs MOVBE); size 2, 4 or 8. */
void x86_movbe_load(X86Buf *b, int dst, X86Mem m, int size);
void x86_movbe_store(X86Buf *b, X86Mem m, int src, int size);

/* Conditional operations. */
void x86_setcc(X86Buf *b, X86Cond cc, int reg8);        /* setcc r8 */
void x86_cmov(X86Buf *b, X86Cond cc, bool w64, int dst, int src);

/* Branches.  The *32 forms return the address of their rel32 field so the
 * caller can patch it once the target is known. */
uint8_t *x86_jcc32(X86Buf *b, X86Cond cc);
uint8_t *x86_jmp32(X86Buf *b);
uint8_t *x86_call32(X86Buf *b);
void x86_jcc_to(X86Buf *b, X86Cond cc, const uint8_t *target); /* rel8 when it fits */
void x86_jmp_to(X86Buf *b, const uint8_t *target);             /* rel8 when it fits */
void x86_jmp_r(X86Buf *b, int reg);
void x86_jmp_m(X86Buf *b, X86Mem m);
void x86_call_r(X86Buf *b, int reg);
/* Point a rel32 field (returned above) at target. */
void x86_patch_rel32(uint8_t *field, const uint8_t *target);
/* True when a rel32 from field (its end) reaches target. */
bool x86_rel32_reaches(const uint8_t *field, const uint8_t *target);

/* Stack and misc. */
void x86_push(X86Buf *b, int reg);
void x86_pop(X86Buf *b, int reg);
void x86_ret(X86Buf *b);
void x86_ud2(X86Buf *b);
void x86_int3(X86Buf *b);
void x86_mfence(X86Buf *b);
void x86_pause(X86Buf *b);
/* Multi-byte nops filling exactly n bytes. */
void x86_nops(X86Buf *b, int n);
/* lock cmpxchg [m], src (size 1, 2, 4 or 8): compares with rax/eax. */
void x86_lock_cmpxchg(X86Buf *b, X86Mem m, int src, int size);
/* xchg [m], reg (implicitly locked). */
void x86_xchg_mr(X86Buf *b, X86Mem m, int reg, int size);
/* lock xadd [m], reg. */
void x86_lock_xadd(X86Buf *b, X86Mem m, int reg, int size);

/* SSE2 scalar and vector moves used for guest FP/SIMD state
 * (xmm registers 0-15). */
void x86_movd_xr(X86Buf *b, int xmm, int reg, bool w64);   /* movd/movq xmm, r */
void x86_movd_rx(X86Buf *b, int reg, int xmm, bool w64);   /* movd/movq r, xmm */
void x86_movq_xm(X86Buf *b, int xmm, X86Mem m);            /* movq xmm, [m] */
void x86_movq_mx(X86Buf *b, X86Mem m, int xmm);            /* movq [m], xmm */
void x86_movss_xm(X86Buf *b, int xmm, X86Mem m);
void x86_movss_mx(X86Buf *b, X86Mem m, int xmm);
void x86_movdqu_xm(X86Buf *b, int xmm, X86Mem m);
void x86_movdqu_mx(X86Buf *b, X86Mem m, int xmm);
/* Scalar SSE arithmetic: opcode byte after the F2/F3 0F prefix
 * (0x58 add, 0x59 mul, 0x5c sub, 0x5e div, 0x51 sqrt, 0x5d min, 0x5f max);
 * dbl selects sd (F2) over ss (F3). */
void x86_sse_scalar_rr(X86Buf *b, uint8_t opcode, bool dbl, int dst, int src);
void x86_ucomis(X86Buf *b, bool dbl, int a, int c);
void x86_ldmxcsr(X86Buf *b, X86Mem m);
/* Any SSE instruction "prefix [REX.W] opc /r": prefix is 0, 0x66, 0xf2 or
 * 0xf3; opc as in put_opcode (0x0f58 for addsd with prefix 0xf2). */
void x86_sse_rr(X86Buf *b, unsigned prefix, bool w64, uint32_t opc, int reg, int rm);
void x86_sse_rm(X86Buf *b, unsigned prefix, bool w64, uint32_t opc, int reg, X86Mem m);
/* vfmadd231ss/sd dst, src1, src2: dst = src1 * src2 + dst (needs FMA). */
void x86_vfmadd231(X86Buf *b, bool dbl, int dst, int src1, int src2);
void x86_stmxcsr(X86Buf *b, X86Mem m);

#endif
