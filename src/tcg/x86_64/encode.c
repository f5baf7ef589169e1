/*
 * x86-64 instruction encoder (see encode.h for the interface).
 *
 * Every instruction goes through one of two generic paths: enc_rr() for a
 * register-direct ModRM operand and enc_rm() for a memory operand.  Both
 * take an opcode description (legacy prefixes, REX.W, byte-register needs,
 * opcode bytes) so the rules that are easy to get wrong -- prefix order,
 * when a REX byte is required, SIB and displacement selection -- live in
 * exactly one place.
 *
 * Buffer overflow is sticky: once an instruction does not fit, the buffer
 * drops every later byte and p stops advancing.  The backend notices the
 * flag after the block and retries with a fresh buffer, so partially
 * written instructions at the end are harmless.
 */
#include "tcg/x86_64/encode.h"

#include <assert.h>
#include <string.h>

/* Opcode description flags for enc_rr()/enc_rm(). */
enum {
    F_66 = 1 << 0,       /* operand-size prefix (16-bit op or SSE 66) */
    F_F2 = 1 << 1,       /* SSE mandatory prefix */
    F_F3 = 1 << 2,       /* SSE mandatory prefix / rep */
    F_LOCK = 1 << 3,     /* lock prefix */
    F_W = 1 << 4,        /* REX.W */
    F_BYTE_REG = 1 << 5, /* the ModRM reg field names an 8-bit register */
    F_BYTE_RM = 1 << 6,  /* the ModRM rm field names an 8-bit register */
};

/* ---- raw output ---- */

static bool buf_room(X86Buf *b, size_t n)
{
    if (b->overflow || (size_t)(b->end - b->p) < n) {
        b->overflow = true;
        return false;
    }
    return true;
}

void x86_byte(X86Buf *b, uint8_t v)
{
    if (buf_room(b, 1))
        *b->p++ = v;
}

static void put_le(X86Buf *b, uint64_t v, int n)
{
    if (!buf_room(b, (size_t)n))
        return;
    for (int i = 0; i < n; i++)
        *b->p++ = (uint8_t)(v >> (8 * i));
}

void x86_u32(X86Buf *b, uint32_t v)
{
    put_le(b, v, 4);
}

void x86_u64(X86Buf *b, uint64_t v)
{
    put_le(b, v, 8);
}

static void put_imm(X86Buf *b, int32_t imm, int size)
{
    put_le(b, (uint64_t)(uint32_t)imm, size);
}

static bool fits_i8(int64_t v)
{
    return v >= -128 && v <= 127;
}

static void check_reg(int r)
{
    assert(r >= 0 && r <= 15);
    (void)r;
}

/* ---- prefixes and opcode ---- */

/* Legacy prefixes come before REX; gas orders 66 before lock, so do we. */
static void put_legacy(X86Buf *b, unsigned f)
{
    if (f & F_66)
        x86_byte(b, 0x66);
    if (f & F_LOCK)
        x86_byte(b, 0xf0);
    if (f & F_F2)
        x86_byte(b, 0xf2);
    if (f & F_F3)
        x86_byte(b, 0xf3);
}

/* REX is emitted only when a bit is set or when an 8-bit operand names
 * spl/bpl/sil/dil (without REX, 4..7 would mean ah/ch/dh/bh). */
static void put_rex(X86Buf *b, bool w, int r, int x, int bb, bool force)
{
    uint8_t rex = (uint8_t)(0x40 | (w ? 8 : 0) | ((r >> 3) & 1) << 2 |
                            ((x >> 3) & 1) << 1 | ((bb >> 3) & 1));
    if (rex != 0x40 || force)
        x86_byte(b, rex);
}

/* Opcodes are given as one to three bytes packed big-end first
 * (0x0fb6 is 0F B6); every multi-byte opcode starts with 0F, so the
 * length follows from the value. */
static void put_opcode(X86Buf *b, uint32_t opc)
{
    if (opc > 0xffff)
        x86_byte(b, (uint8_t)(opc >> 16));
    if (opc > 0xff)
        x86_byte(b, (uint8_t)(opc >> 8));
    x86_byte(b, (uint8_t)opc);
}

static bool byte_needs_rex(int r)
{
    return r >= 4 && r <= 7;
}

/* ---- ModRM forms ---- */

/* op reg, rm with both operands registers (mod = 11). */
static void enc_rr(X86Buf *b, unsigned f, uint32_t opc, int reg, int rm)
{
    check_reg(reg);
    check_reg(rm);
    bool force = ((f & F_BYTE_REG) && byte_needs_rex(reg)) ||
                 ((f & F_BYTE_RM) && byte_needs_rex(rm));
    put_legacy(b, f);
    put_rex(b, f & F_W, reg, 0, rm, force);
    put_opcode(b, opc);
    x86_byte(b, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
}

static uint8_t scale_bits(int scale)
{
    switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    }
    assert(!"bad scale");
    return 0;
}

static void put_modrm_rip(X86Buf *b, int reg, int32_t disp)
{
    x86_byte(b, (uint8_t)((reg & 7) << 3 | 5));
    put_imm(b, disp, 4);
}

/* [index*scale + disp32] or [disp32]: SIB with "no base" (base = 101,
 * mod = 00).  The plain mod = 00 rm = 101 form would be RIP-relative. */
static void put_modrm_nobase(X86Buf *b, int reg, X86Mem m)
{
    int index = m.index == X86_NOREG ? X86_RSP : m.index;
    uint8_t ss = m.index == X86_NOREG ? 0 : scale_bits(m.scale);
    x86_byte(b, (uint8_t)((reg & 7) << 3 | 4));
    x86_byte(b, (uint8_t)(ss << 6 | (index & 7) << 3 | 5));
    put_imm(b, m.disp, 4);
}

/* [base + index*scale + disp]: the shortest displacement that works.
 * rbp/r13 with mod = 00 would mean "no base" / RIP, so they need disp8 0;
 * rsp/r12 as rm mean "SIB follows", so they always take a SIB byte. */
static void put_modrm_base(X86Buf *b, int reg, X86Mem m)
{
    uint8_t mod;
    if (m.disp == 0 && (m.base & 7) != X86_RBP)
        mod = 0;
    else if (fits_i8(m.disp))
        mod = 1;
    else
        mod = 2;
    bool sib = m.index != X86_NOREG || (m.base & 7) == X86_RSP;
    x86_byte(b, (uint8_t)(mod << 6 | (reg & 7) << 3 | (sib ? 4 : (m.base & 7))));
    if (sib) {
        int index = m.index == X86_NOREG ? X86_RSP : m.index;
        uint8_t ss = m.index == X86_NOREG ? 0 : scale_bits(m.scale);
        x86_byte(b, (uint8_t)(ss << 6 | (index & 7) << 3 | (m.base & 7)));
    }
    if (mod == 1)
        put_imm(b, m.disp, 1);
    else if (mod == 2)
        put_imm(b, m.disp, 4);
}

static void check_mem(X86Mem m)
{
    /* base and index are ignored for RIP-relative operands, so a
     * designated initializer that leaves them 0 is fine. */
    if (m.rip)
        return;
    assert(m.base == X86_NOREG || (m.base >= 0 && m.base <= 15));
    assert(m.index == X86_NOREG || (m.index >= 0 && m.index <= 15));
    /* An index field of 100 means "no index": rsp cannot be scaled. */
    assert(m.index != X86_RSP);
    (void)m;
}

/* op reg, [m].  reg may be a /digit opcode extension. */
static void enc_rm(X86Buf *b, unsigned f, uint32_t opc, int reg, X86Mem m)
{
    check_reg(reg);
    check_mem(m);
    bool force = (f & F_BYTE_REG) && byte_needs_rex(reg);
    int x = (!m.rip && m.index != X86_NOREG) ? m.index : 0;
    int base = (!m.rip && m.base != X86_NOREG) ? m.base : 0;
    put_legacy(b, f);
    put_rex(b, f & F_W, reg, x, base, force);
    put_opcode(b, opc);
    if (m.rip)
        put_modrm_rip(b, reg, m.disp);
    else if (m.base == X86_NOREG)
        put_modrm_nobase(b, reg, m);
    else
        put_modrm_base(b, reg, m);
}

/* Opcode with the register in its low three bits (push, bswap, mov imm). */
static void enc_oreg(X86Buf *b, unsigned f, uint32_t opc, int reg)
{
    check_reg(reg);
    put_legacy(b, f);
    put_rex(b, f & F_W, 0, 0, reg, false);
    put_opcode(b, opc + (uint32_t)(reg & 7));
}

static unsigned w_flag(bool w64)
{
    return w64 ? F_W : 0;
}

/* Prefix/REX.W flags for an integer operand of 1, 2, 4 or 8 bytes whose
 * reg field (if any) is a register of that size. */
static unsigned size_flags(int size)
{
    switch (size) {
    case 1: return F_BYTE_REG;
    case 2: return F_66;
    case 4: return 0;
    case 8: return F_W;
    }
    assert(!"bad operand size");
    return 0;
}

/* ---- ALU ---- */

void x86_alu_rr(X86Buf *b, X86Alu op, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x01 + 8 * (uint32_t)op, src, dst);
}

void x86_alu_ri(X86Buf *b, X86Alu op, bool w64, int dst, int32_t imm)
{
    if (fits_i8(imm)) {
        enc_rr(b, w_flag(w64), 0x83, op, dst);
        put_imm(b, imm, 1);
    } else if (dst == X86_RAX) {
        /* The accumulator form saves the ModRM byte. */
        put_rex(b, w64, 0, 0, 0, false);
        x86_byte(b, (uint8_t)(0x05 + 8 * op));
        put_imm(b, imm, 4);
    } else {
        enc_rr(b, w_flag(w64), 0x81, op, dst);
        put_imm(b, imm, 4);
    }
}

void x86_alu_rm(X86Buf *b, X86Alu op, bool w64, int dst, X86Mem m)
{
    enc_rm(b, w_flag(w64), 0x03 + 8 * (uint32_t)op, dst, m);
}

void x86_alu_mr(X86Buf *b, X86Alu op, bool w64, X86Mem m, int src)
{
    enc_rm(b, w_flag(w64), 0x01 + 8 * (uint32_t)op, src, m);
}

void x86_alu_mi(X86Buf *b, X86Alu op, int size, X86Mem m, int32_t imm)
{
    unsigned f = size_flags(size) & ~(unsigned)F_BYTE_REG;
    if (size == 1) {
        enc_rm(b, f, 0x80, op, m);
        put_imm(b, imm, 1);
        return;
    }
    /* A 16-bit immediate is compared in its own width: 0xffff is -1. */
    int32_t v = size == 2 ? (int16_t)imm : imm;
    if (fits_i8(v)) {
        enc_rm(b, f, 0x83, op, m);
        put_imm(b, v, 1);
    } else {
        enc_rm(b, f, 0x81, op, m);
        put_imm(b, v, size == 2 ? 2 : 4);
    }
}

void x86_test_rr(X86Buf *b, bool w64, int a, int c)
{
    enc_rr(b, w_flag(w64), 0x85, c, a);
}

/* No imm8 form exists for test; narrowing to test al, imm8 would change
 * SF, so the full-width immediate is kept. */
void x86_test_ri(X86Buf *b, bool w64, int a, int32_t imm)
{
    if (a == X86_RAX) {
        put_rex(b, w64, 0, 0, 0, false);
        x86_byte(b, 0xa9);
    } else {
        enc_rr(b, w_flag(w64), 0xf7, 0, a);
    }
    put_imm(b, imm, 4);
}

/* ---- moves ---- */

void x86_mov_rr(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x89, src, dst);
}

/* Never xor for zero: callers rely on mov leaving the flags alone. */
void x86_mov_ri(X86Buf *b, int dst, uint64_t imm)
{
    if (imm <= 0xffffffffu) {
        enc_oreg(b, 0, 0xb8, dst);
        x86_u32(b, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        enc_rr(b, F_W, 0xc7, 0, dst);
        x86_u32(b, (uint32_t)imm);
    } else {
        enc_oreg(b, F_W, 0xb8, dst);
        x86_u64(b, imm);
    }
}

/* Zero extension into 64 bits needs no REX.W: every 32-bit write clears
 * the upper half already. */
void x86_load(X86Buf *b, int dst, X86Mem m, int size, bool sign, bool w64)
{
    unsigned fw = (sign && w64) ? F_W : 0;
    switch (size) {
    case 1:
        enc_rm(b, fw, sign ? 0x0fbe : 0x0fb6, dst, m);
        break;
    case 2:
        enc_rm(b, fw, sign ? 0x0fbf : 0x0fb7, dst, m);
        break;
    case 4:
        enc_rm(b, fw, fw ? 0x63 : 0x8b, dst, m);
        break;
    case 8:
        enc_rm(b, F_W, 0x8b, dst, m);
        break;
    default:
        assert(!"bad load size");
    }
}

void x86_store(X86Buf *b, X86Mem m, int src, int size)
{
    enc_rm(b, size_flags(size), size == 1 ? 0x88 : 0x89, src, m);
}

void x86_store_imm(X86Buf *b, X86Mem m, int32_t imm, int size)
{
    unsigned f = size_flags(size) & ~(unsigned)F_BYTE_REG;
    enc_rm(b, f, size == 1 ? 0xc6 : 0xc7, 0, m);
    put_imm(b, imm, size == 8 ? 4 : size);
}

void x86_lea(X86Buf *b, bool w64, int dst, X86Mem m)
{
    enc_rm(b, w_flag(w64), 0x8d, dst, m);
}

void x86_ext_rr(X86Buf *b, int dst, int src, int size, bool sign, bool w64)
{
    unsigned fw = (sign && w64) ? F_W : 0;
    switch (size) {
    case 1:
        enc_rr(b, fw | F_BYTE_RM, sign ? 0x0fbe : 0x0fb6, dst, src);
        break;
    case 2:
        enc_rr(b, fw, sign ? 0x0fbf : 0x0fb7, dst, src);
        break;
    case 4:
        assert(!sign || w64);
        if (sign)
            enc_rr(b, F_W, 0x63, dst, src);
        else
            x86_mov_rr(b, false, dst, src);
        break;
    default:
        assert(!"bad extension size");
    }
}

/* ---- shifts, multiply, unary ---- */

void x86_shift_ri(X86Buf *b, X86Shift op, bool w64, int reg, uint8_t count)
{
    if (count == 1) {
        enc_rr(b, w_flag(w64), 0xd1, op, reg);
    } else {
        enc_rr(b, w_flag(w64), 0xc1, op, reg);
        x86_byte(b, count);
    }
}

void x86_shift_rcl(X86Buf *b, X86Shift op, bool w64, int reg)
{
    enc_rr(b, w_flag(w64), 0xd3, op, reg);
}

void x86_unary(X86Buf *b, X86Unary op, bool w64, int reg)
{
    enc_rr(b, w_flag(w64), 0xf7, op, reg);
}

void x86_imul_rr(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x0faf, dst, src);
}

void x86_imul_rri(X86Buf *b, bool w64, int dst, int src, int32_t imm)
{
    if (fits_i8(imm)) {
        enc_rr(b, w_flag(w64), 0x6b, dst, src);
        put_imm(b, imm, 1);
    } else {
        enc_rr(b, w_flag(w64), 0x69, dst, src);
        put_imm(b, imm, 4);
    }
}

void x86_cdq(X86Buf *b)
{
    x86_byte(b, 0x99);
}

void x86_cqo(X86Buf *b)
{
    x86_byte(b, 0x48);
    x86_byte(b, 0x99);
}

/* ---- bit counting and byte swaps ---- */

void x86_bsr(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x0fbd, dst, src);
}

void x86_bsf(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x0fbc, dst, src);
}

void x86_lzcnt(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, F_F3 | w_flag(w64), 0x0fbd, dst, src);
}

void x86_tzcnt(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, F_F3 | w_flag(w64), 0x0fbc, dst, src);
}

void x86_popcnt(X86Buf *b, bool w64, int dst, int src)
{
    enc_rr(b, F_F3 | w_flag(w64), 0x0fb8, dst, src);
}

void x86_bswap(X86Buf *b, bool w64, int reg)
{
    enc_oreg(b, w_flag(w64), 0x0fc8, reg);
}

void x86_rol16_8(X86Buf *b, int reg)
{
    enc_rr(b, F_66, 0xc1, X86_ROL, reg);
    x86_byte(b, 8);
}

static unsigned movbe_flags(int size)
{
    assert(size == 2 || size == 4 || size == 8);
    return size_flags(size);
}

void x86_movbe_load(X86Buf *b, int dst, X86Mem m, int size)
{
    enc_rm(b, movbe_flags(size), 0x0f38f0, dst, m);
}

void x86_movbe_store(X86Buf *b, X86Mem m, int src, int size)
{
    enc_rm(b, movbe_flags(size), 0x0f38f1, src, m);
}

/* ---- conditional operations ---- */

void x86_setcc(X86Buf *b, X86Cond cc, int reg8)
{
    enc_rr(b, F_BYTE_RM, 0x0f90 + (uint32_t)cc, 0, reg8);
}

void x86_cmov(X86Buf *b, X86Cond cc, bool w64, int dst, int src)
{
    enc_rr(b, w_flag(w64), 0x0f40 + (uint32_t)cc, dst, src);
}

/* ---- branches ---- */

/* Returns the rel32 field, or NULL when the buffer overflowed so that a
 * later patch cannot write past its end. */
static uint8_t *put_rel32_field(X86Buf *b)
{
    uint8_t *field = b->p;
    x86_u32(b, 0);
    return b->overflow ? NULL : field;
}

uint8_t *x86_jcc32(X86Buf *b, X86Cond cc)
{
    x86_byte(b, 0x0f);
    x86_byte(b, (uint8_t)(0x80 + cc));
    return put_rel32_field(b);
}

uint8_t *x86_jmp32(X86Buf *b)
{
    x86_byte(b, 0xe9);
    return put_rel32_field(b);
}

uint8_t *x86_call32(X86Buf *b)
{
    x86_byte(b, 0xe8);
    return put_rel32_field(b);
}

/* Displacement from the end of an instruction of len bytes at b->p.
 * Integer arithmetic: the target may be anywhere in the address space. */
static int64_t rel_from(const X86Buf *b, int len, const uint8_t *target)
{
    return (int64_t)((uintptr_t)target - ((uintptr_t)b->p + (uintptr_t)len));
}

void x86_jcc_to(X86Buf *b, X86Cond cc, const uint8_t *target)
{
    int64_t rel8 = rel_from(b, 2, target);
    if (fits_i8(rel8)) {
        x86_byte(b, (uint8_t)(0x70 + cc));
        x86_byte(b, (uint8_t)rel8);
        return;
    }
    int64_t rel32 = rel_from(b, 6, target);
    assert(rel32 == (int32_t)rel32);
    x86_byte(b, 0x0f);
    x86_byte(b, (uint8_t)(0x80 + cc));
    x86_u32(b, (uint32_t)rel32);
}

void x86_jmp_to(X86Buf *b, const uint8_t *target)
{
    int64_t rel8 = rel_from(b, 2, target);
    if (fits_i8(rel8)) {
        x86_byte(b, 0xeb);
        x86_byte(b, (uint8_t)rel8);
        return;
    }
    int64_t rel32 = rel_from(b, 5, target);
    assert(rel32 == (int32_t)rel32);
    x86_byte(b, 0xe9);
    x86_u32(b, (uint32_t)rel32);
}

void x86_jmp_r(X86Buf *b, int reg)
{
    enc_rr(b, 0, 0xff, 4, reg);
}

void x86_jmp_m(X86Buf *b, X86Mem m)
{
    enc_rm(b, 0, 0xff, 4, m);
}

void x86_call_r(X86Buf *b, int reg)
{
    enc_rr(b, 0, 0xff, 2, reg);
}

/* A NULL field comes from an overflowed buffer that will be discarded. */
void x86_patch_rel32(uint8_t *field, const uint8_t *target)
{
    if (!field)
        return;
    assert(x86_rel32_reaches(field, target));
    int32_t rel = (int32_t)((uintptr_t)target - ((uintptr_t)field + 4));
    memcpy(field, &rel, 4);
}

bool x86_rel32_reaches(const uint8_t *field, const uint8_t *target)
{
    int64_t rel = (int64_t)((uintptr_t)target - ((uintptr_t)field + 4));
    return rel >= INT32_MIN && rel <= INT32_MAX;
}

/* ---- stack and misc ---- */

void x86_push(X86Buf *b, int reg)
{
    enc_oreg(b, 0, 0x50, reg);
}

void x86_pop(X86Buf *b, int reg)
{
    enc_oreg(b, 0, 0x58, reg);
}

void x86_ret(X86Buf *b)
{
    x86_byte(b, 0xc3);
}

void x86_ud2(X86Buf *b)
{
    x86_byte(b, 0x0f);
    x86_byte(b, 0x0b);
}

void x86_int3(X86Buf *b)
{
    x86_byte(b, 0xcc);
}

void x86_mfence(X86Buf *b)
{
    put_opcode(b, 0x0faef0);
}

void x86_pause(X86Buf *b)
{
    x86_byte(b, 0xf3);
    x86_byte(b, 0x90);
}

/* The single-instruction nops of 1..9 bytes recommended by the
 * Intel and AMD optimisation manuals. */
static const uint8_t nop_forms[9][9] = {
    { 0x90 },
    { 0x66, 0x90 },
    { 0x0f, 0x1f, 0x00 },
    { 0x0f, 0x1f, 0x40, 0x00 },
    { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void x86_nops(X86Buf *b, int n)
{
    assert(n >= 0);
    while (n > 0) {
        int k = n > 9 ? 9 : n;
        if (!buf_room(b, (size_t)k))
            return;
        memcpy(b->p, nop_forms[k - 1], (size_t)k);
        b->p += k;
        n -= k;
    }
}

void x86_lock_cmpxchg(X86Buf *b, X86Mem m, int src, int size)
{
    enc_rm(b, F_LOCK | size_flags(size), size == 1 ? 0x0fb0 : 0x0fb1, src, m);
}

void x86_xchg_mr(X86Buf *b, X86Mem m, int reg, int size)
{
    enc_rm(b, size_flags(size), size == 1 ? 0x86 : 0x87, reg, m);
}

void x86_lock_xadd(X86Buf *b, X86Mem m, int reg, int size)
{
    enc_rm(b, F_LOCK | size_flags(size), size == 1 ? 0x0fc0 : 0x0fc1, reg, m);
}

/* ---- SSE ---- */

void x86_movd_xr(X86Buf *b, int xmm, int reg, bool w64)
{
    enc_rr(b, F_66 | w_flag(w64), 0x0f6e, xmm, reg);
}

void x86_movd_rx(X86Buf *b, int reg, int xmm, bool w64)
{
    enc_rr(b, F_66 | w_flag(w64), 0x0f7e, xmm, reg);
}

void x86_movq_xm(X86Buf *b, int xmm, X86Mem m)
{
    enc_rm(b, F_F3, 0x0f7e, xmm, m);
}

void x86_movq_mx(X86Buf *b, X86Mem m, int xmm)
{
    enc_rm(b, F_66, 0x0fd6, xmm, m);
}

void x86_movss_xm(X86Buf *b, int xmm, X86Mem m)
{
    enc_rm(b, F_F3, 0x0f10, xmm, m);
}

void x86_movss_mx(X86Buf *b, X86Mem m, int xmm)
{
    enc_rm(b, F_F3, 0x0f11, xmm, m);
}

void x86_movdqu_xm(X86Buf *b, int xmm, X86Mem m)
{
    enc_rm(b, F_F3, 0x0f6f, xmm, m);
}

void x86_movdqu_mx(X86Buf *b, X86Mem m, int xmm)
{
    enc_rm(b, F_F3, 0x0f7f, xmm, m);
}

void x86_sse_scalar_rr(X86Buf *b, uint8_t opcode, bool dbl, int dst, int src)
{
    enc_rr(b, dbl ? F_F2 : F_F3, 0x0f00 + (uint32_t)opcode, dst, src);
}

void x86_ucomis(X86Buf *b, bool dbl, int a, int c)
{
    enc_rr(b, dbl ? F_66 : 0, 0x0f2e, a, c);
}

void x86_ldmxcsr(X86Buf *b, X86Mem m)
{
    enc_rm(b, 0, 0x0fae, 2, m);
}

void x86_stmxcsr(X86Buf *b, X86Mem m)
{
    enc_rm(b, 0, 0x0fae, 3, m);
}

/* ---- generic SSE forms (mandatory prefix, optional REX.W) ---- */

static unsigned sse_prefix_flags(unsigned prefix, bool w64)
{
    unsigned f = w64 ? F_W : 0;
    if (prefix == 0x66)
        f |= F_66;
    else if (prefix == 0xf2)
        f |= F_F2;
    else if (prefix == 0xf3)
        f |= F_F3;
    return f;
}

void x86_sse_rr(X86Buf *b, unsigned prefix, bool w64, uint32_t opc, int reg, int rm)
{
    enc_rr(b, sse_prefix_flags(prefix, w64), opc, reg, rm);
}

void x86_sse_rm(X86Buf *b, unsigned prefix, bool w64, uint32_t opc, int reg, X86Mem m)
{
    enc_rm(b, sse_prefix_flags(prefix, w64), opc, reg, m);
}

/* vfmadd231ss/sd dst, src1, src2 (dst = src1 * src2 + dst), xmm0-15. */
void x86_vfmadd231(X86Buf *b, bool dbl, int dst, int src1, int src2)
{
    x86_byte(b, 0xc4);
    x86_byte(b, (uint8_t)((((~dst >> 3) & 1) << 7) | (1 << 6) | (((~src2 >> 3) & 1) << 5) | 0x02));
    x86_byte(b, (uint8_t)((dbl ? 0x80 : 0) | ((~src1 & 0xf) << 3) | 0x01));
    x86_byte(b, 0xb9);
    x86_byte(b, (uint8_t)(0xc0 | (dst & 7) << 3 | (src2 & 7)));
}
