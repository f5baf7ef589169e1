/*
 * The Xtensa instruction table (frontend/decode.h patterns over the
 * little-endian layout) and the handlers of the core ISA and the integer
 * options: density, loops, extended L32R, MUL16/MUL32/DIV32, NSA,
 * MIN/MAX, SEXT, CLAMPS, SALT, S32C1I, THREADPTR, the windowed calls and
 * the booleans.  FP and MAC16 live in their own files.
 *
 * 24-bit patterns are written as 32 characters, the top 8 always 0, in the
 * order of the standard formats: op2 op1 r s t op0 (RRR), with the operand
 * fields as '-' (handlers read them with the macros below).  Entries are
 * tried in order, so the specific encodings precede the general ones.
 * Entries without a handler are known encodings that raise SIGILL in user
 * mode (privileged instructions).
 */
#include "frontend/xtensa/translate.h"

#include <stddef.h>

#include "frontend/decode.h"

typedef bool XtHandler(DisasContext *dc);

#define H(fn) ((const void *)(fn))

#define INSN (dc->insn)
#define OP0 (INSN & 15)
#define FT ((int)(INSN >> 4) & 15)
#define FS ((int)(INSN >> 8) & 15)
#define FR ((int)(INSN >> 12) & 15)
#define OP1 ((INSN >> 16) & 15)
#define OP2 ((INSN >> 20) & 15)
#define FN ((INSN >> 4) & 3)
#define FM ((INSN >> 6) & 3)
#define IMM8 ((INSN >> 16) & 0xff)
#define SIMM8 ((uint32_t)(int32_t)(int8_t)IMM8)
#define IMM12 ((INSN >> 12) & 0xfff)
#define SIMM12 ((uint32_t)((int32_t)(IMM12 << 20) >> 20))
#define IMM16 ((INSN >> 8) & 0xffff)
#define OFF18 ((uint32_t)((int32_t)((INSN >> 6) << 14) >> 14))

static IRTemp AR(int r)
{
    return xt_a[r];
}

static void set_ar(DisasContext *dc, int r, IRTemp v)
{
    ir_mov_i32(dc->b, xt_a[r], v);
}

/* ---------------------------------------------------------------- ALU */

static bool h_nop(DisasContext *dc)
{
    return true;
}

static bool h_memw(DisasContext *dc)
{
    ir_mb(dc->b, IR_MB_ALL);
    return true;
}

/* AND, OR, XOR, ADD, ADDXn, SUB, SUBXn: ar = f(as, at). */
static bool h_alu(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp s = AR(FS), t = AR(FT), d = xt_tmp(dc);
    unsigned op2 = OP2;
    switch (op2) {
    case 1: ir_and_i32(b, d, s, t); break;
    case 2: ir_or_i32(b, d, s, t); break;
    case 3: ir_xor_i32(b, d, s, t); break;
    case 8: ir_add_i32(b, d, s, t); break;
    case 12: ir_sub_i32(b, d, s, t); break;
    default: {
        IRTemp x = xt_tmp(dc);
        ir_shl_i32(b, x, s, xt_cst(dc, (op2 & 3)));   /* ADDX2/4/8, SUBX2/4/8 */
        if (op2 < 12)
            ir_add_i32(b, d, x, t);
        else
            ir_sub_i32(b, d, x, t);
        break;
    }
    }
    set_ar(dc, FR, d);
    return true;
}

/* NEG, ABS: ar = f(at). */
static bool h_rt0(DisasContext *dc)
{
    IRTemp t = AR(FT), d = xt_tmp(dc);
    ir_neg_i32(dc->b, d, t);
    if (FS == 1)
        ir_movcond_i32(dc->b, IR_COND_LT, d, t, xt_cst(dc, 0), d, t);
    set_ar(dc, FR, d);
    return true;
}

static bool h_addi(DisasContext *dc)
{
    IRTemp d = xt_tmp(dc);
    uint32_t imm = FR == 12 ? SIMM8 : SIMM8 << 8;   /* ADDI, ADDMI */
    ir_add_i32(dc->b, d, AR(FS), xt_cst(dc, imm));
    set_ar(dc, FT, d);
    return true;
}

static bool h_movi(DisasContext *dc)
{
    uint32_t imm = (uint32_t)((int32_t)(((FS << 8) | IMM8) << 20) >> 20);
    set_ar(dc, FT, xt_cst(dc, imm));
    return true;
}

/* ---- shifts ---- */

static bool h_ssr(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp s = AR(FS), v = xt_tmp(dc);
    switch (FR) {
    case 0:   /* SSR: SAR = as[4:0] */
        ir_and_i32(b, xt_sar, s, xt_cst(dc, 31));
        break;
    case 1:   /* SSL: SAR = 32 - as[4:0] */
        ir_and_i32(b, v, s, xt_cst(dc, 31));
        ir_sub_i32(b, xt_sar, xt_cst(dc, 32), v);
        break;
    case 2:   /* SSA8L: SAR = as[1:0] * 8 */
        ir_and_i32(b, v, s, xt_cst(dc, 3));
        ir_shl_i32(b, xt_sar, v, xt_cst(dc, 3));
        break;
    case 3:   /* SSA8B: SAR = 32 - as[1:0] * 8 */
        ir_and_i32(b, v, s, xt_cst(dc, 3));
        ir_shl_i32(b, v, v, xt_cst(dc, 3));
        ir_sub_i32(b, xt_sar, xt_cst(dc, 32), v);
        break;
    default:  /* SSAI */
        ir_mov_i32(b, xt_sar, xt_cst(dc, (uint32_t)FS | (FT & 1) << 4));
        break;
    }
    return true;
}

static bool h_nsa(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp s = AR(FS), d = xt_tmp(dc);
    if (!xt_has(XT_OPT_NSA))
        return false;
    if (FR == 15) {             /* NSAU: leading zeros, 32 for 0 */
        ir_clz_i32(b, d, s);
    } else {                    /* NSA: redundant sign bits, 31 for 0 and -1 */
        IRTemp x = xt_tmp(dc);
        ir_sar_i32(b, x, s, xt_cst(dc, 31));
        ir_xor_i32(b, x, x, s);
        ir_clz_i32(b, d, x);
        ir_sub_i32(b, d, d, xt_cst(dc, 1));
    }
    set_ar(dc, FT, d);
    return true;
}

static bool h_slli(DisasContext *dc)
{
    /* the field holds 32 - sa; qemu shifts by it mod 32 (0 copies) */
    uint32_t sa = (32 - (((OP2 & 1) << 4) | (uint32_t)FT)) & 31;
    IRTemp d = xt_tmp(dc);
    ir_shl_i32(dc->b, d, AR(FS), xt_cst(dc, sa));
    set_ar(dc, FR, d);
    return true;
}

static bool h_srai(DisasContext *dc)
{
    IRTemp d = xt_tmp(dc);
    ir_sar_i32(dc->b, d, AR(FT), xt_cst(dc, ((OP2 & 1) << 4) | (uint32_t)FS));
    set_ar(dc, FR, d);
    return true;
}

static bool h_srli(DisasContext *dc)
{
    IRTemp d = xt_tmp(dc);
    ir_shr_i32(dc->b, d, AR(FT), xt_cst(dc, (uint32_t)FS));
    set_ar(dc, FR, d);
    return true;
}

/* SRC, SRL, SLL, SRA: the 64-bit value hi:lo shifted right by SAR (0..63),
 * low word.  SLL is SRC with lo = 0, SRL with hi = 0. */
static bool h_sar_shift(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp v = ir_temp_i64(b), n = ir_temp_i64(b), d = xt_tmp(dc);
    switch (OP2) {
    case 8:     /* SRC ar, as, at */
        ir_concat_i32_i64(b, v, AR(FT), AR(FS));
        break;
    case 9:     /* SRL ar, at */
        ir_extu_i32_i64(b, v, AR(FT));
        break;
    case 10:    /* SLL ar, as */
        ir_concat_i32_i64(b, v, xt_cst(dc, 0), AR(FS));
        break;
    default:    /* SRA ar, at */
        ir_exts_i32_i64(b, v, AR(FT));
        break;
    }
    ir_extu_i32_i64(b, n, xt_sar);
    if (OP2 == 11)
        ir_sar_i64(b, v, v, n);
    else
        ir_shr_i64(b, v, v, n);
    ir_extrl_i64_i32(b, d, v);
    set_ar(dc, FR, d);
    return true;
}

static bool h_extui(DisasContext *dc)
{
    unsigned shift = ((OP1 & 1) << 4) | (unsigned)FS, bits = OP2 + 1;
    IRTemp d = xt_tmp(dc);
    ir_shr_i32(dc->b, d, AR(FT), xt_cst(dc, shift));
    ir_and_i32(dc->b, d, d, xt_cst(dc, (1u << bits) - 1));
    set_ar(dc, FR, d);
    return true;
}

/* ---- multiply and divide ---- */

static bool h_mul16(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp x = xt_tmp(dc), y = xt_tmp(dc), d = xt_tmp(dc);
    if (!xt_has(XT_OPT_MUL16))
        return false;
    if (OP2 == 13) {
        ir_ext16s_i32(b, x, AR(FS));
        ir_ext16s_i32(b, y, AR(FT));
    } else {
        ir_ext16u_i32(b, x, AR(FS));
        ir_ext16u_i32(b, y, AR(FT));
    }
    ir_mul_i32(b, d, x, y);
    set_ar(dc, FR, d);
    return true;
}

static bool h_mul32(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp lo = xt_tmp(dc), hi = xt_tmp(dc);
    switch (OP2) {
    case 8:
        if (!xt_has(XT_OPT_MUL32))
            return false;
        ir_mul_i32(b, lo, AR(FS), AR(FT));
        set_ar(dc, FR, lo);
        return true;
    case 10:
    case 11:
        if (!xt_has(XT_OPT_MUL32_HIGH))
            return false;
        if (OP2 == 10)
            ir_mulu2_i32(b, lo, hi, AR(FS), AR(FT));
        else
            ir_muls2_i32(b, lo, hi, AR(FS), AR(FT));
        set_ar(dc, FR, hi);
        return true;
    default:
        return false;
    }
}

/* QUOU, QUOS, REMU, REMS: a zero divisor raises IntegerDivideByZero
 * (SIGFPE); QUOS of INT_MIN by -1 is INT_MIN and REMS 0, as the IR ops. */
static bool h_div(DisasContext *dc)
{
    IRBlock *b = dc->b;
    if (!xt_has(XT_OPT_DIV32))
        return false;
    IRTemp s = AR(FS), t = AR(FT), d = xt_tmp(dc);
    uint32_t ok = ir_new_label(b);
    ir_brcond_i32(b, IR_COND_NE, t, xt_cst(dc, 0), ok);
    xt_gen_exit(dc, XT_EXIT_DIV0, dc->pc);
    ir_label(b, ok);
    dc->state = XDISAS_NEXT;
    switch (OP2) {
    case 12: ir_divu_i32(b, d, s, t); break;
    case 13: ir_divs_i32(b, d, s, t); break;
    case 14: ir_remu_i32(b, d, s, t); break;
    default: ir_rems_i32(b, d, s, t); break;
    }
    set_ar(dc, FR, d);
    return true;
}

/* ---- RST3: MIN/MAX, SEXT, CLAMPS, conditional moves ---- */

static bool h_minmax(DisasContext *dc)
{
    static const IRCond c[4] = { IR_COND_LT, IR_COND_GT, IR_COND_LTU, IR_COND_GTU };
    if (!xt_has(XT_OPT_MINMAX))
        return false;
    IRTemp s = AR(FS), t = AR(FT), d = xt_tmp(dc);
    ir_movcond_i32(dc->b, c[OP2 - 4], d, s, t, s, t);
    set_ar(dc, FR, d);
    return true;
}

static bool h_salt(DisasContext *dc)
{
    if (!xt_has(XT_OPT_SALT))
        return false;
    IRTemp d = xt_tmp(dc);
    ir_setcond_i32(dc->b, OP2 == 7 ? IR_COND_LT : IR_COND_LTU, d, AR(FS), AR(FT));
    set_ar(dc, FR, d);
    return true;
}

static bool h_sext(DisasContext *dc)
{
    if (!xt_has(XT_OPT_SEXT))
        return false;
    IRTemp d = xt_tmp(dc);
    ir_sextract_i32(dc->b, d, AR(FS), 0, (unsigned)FT + 8);
    set_ar(dc, FR, d);
    return true;
}

/* CLAMPS ar, as, t+7: as clamped to [-2^(t+7), 2^(t+7) - 1]. */
static bool h_clamps(DisasContext *dc)
{
    if (!xt_has(XT_OPT_CLAMPS))
        return false;
    IRBlock *b = dc->b;
    unsigned n = (unsigned)FT + 7;
    IRTemp s = AR(FS), d = xt_tmp(dc);
    IRTemp lo = xt_cst(dc, (uint32_t)(-(1 << n))), hi = xt_cst(dc, (1u << n) - 1);
    ir_movcond_i32(b, IR_COND_GT, d, s, hi, hi, s);
    ir_movcond_i32(b, IR_COND_LT, d, d, lo, lo, d);
    set_ar(dc, FR, d);
    return true;
}

static bool h_movcc(DisasContext *dc)
{
    static const IRCond c[4] = { IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE };
    IRTemp d = xt_tmp(dc);
    ir_movcond_i32(dc->b, c[OP2 - 8], d, AR(FT), xt_cst(dc, 0), AR(FS), AR(FR));
    set_ar(dc, FR, d);
    return true;
}

/* MOVF, MOVT ar, as, bt */
static bool h_movft(DisasContext *dc)
{
    if (!xt_has(XT_OPT_BOOLEAN))
        return false;
    IRTemp d = xt_tmp(dc);
    ir_movcond_i32(dc->b, OP2 == 12 ? IR_COND_TSTEQ : IR_COND_TSTNE, d, xt_br,
                   xt_cst(dc, 1u << FT), AR(FS), AR(FR));
    set_ar(dc, FR, d);
    return true;
}

/* ---- special and user registers ---- */

enum {
    SR_LBEG = 0, SR_LEND = 1, SR_LCOUNT = 2, SR_SAR = 3, SR_BR = 4, SR_LITBASE = 5,
    SR_SCOMPARE1 = 12, SR_ACCLO = 16, SR_ACCHI = 17, SR_M0 = 32, SR_M3 = 35,
};
enum { UR_THREADPTR = 231, UR_FCR = 232, UR_FSR = 233 };

/* Whether the core has special register sr (user-accessible ones only:
 * numbers from 64 up are privileged, like WINDOWBASE and PS). */
static bool sr_present(unsigned sr)
{
    switch (sr) {
    case SR_LBEG: case SR_LEND: case SR_LCOUNT: return xt_has(XT_OPT_LOOP);
    case SR_SAR: return true;
    case SR_BR: return xt_has(XT_OPT_BOOLEAN);
    case SR_LITBASE: return xt_has(XT_OPT_EXTL32R);
    case SR_SCOMPARE1: return xt_has(XT_OPT_S32C1I);
    case SR_ACCLO: case SR_ACCHI: return xt_has(XT_OPT_MAC16);
    default: return sr >= SR_M0 && sr <= SR_M3 && xt_has(XT_OPT_MAC16);
    }
}

static IRTemp read_sr(DisasContext *dc, unsigned sr)
{
    IRTemp v = xt_tmp(dc);
    switch (sr) {
    case SR_LBEG: ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, lbeg)); break;
    case SR_LEND: ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, lend)); break;
    case SR_LCOUNT: ir_mov_i32(dc->b, v, xt_lcount); break;
    case SR_SAR: ir_mov_i32(dc->b, v, xt_sar); break;
    case SR_BR: ir_mov_i32(dc->b, v, xt_br); break;
    case SR_LITBASE: ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, litbase)); break;
    case SR_SCOMPARE1: ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, scompare1)); break;
    case SR_ACCLO: ir_mov_i32(dc->b, v, xt_acclo); break;
    case SR_ACCHI: ir_mov_i32(dc->b, v, xt_acchi); break;
    default: ir_mov_i32(dc->b, v, xt_m[sr - SR_M0]); break;
    }
    return v;
}

/* Returns true when the write changes the block key (LBEG, LEND, LITBASE). */
static bool write_sr(DisasContext *dc, unsigned sr, IRTemp v)
{
    IRBlock *b = dc->b;
    switch (sr) {
    case SR_LBEG: ir_st_env_i32(b, v, offsetof(XtensaCPU, lbeg)); return true;
    case SR_LEND: ir_st_env_i32(b, v, offsetof(XtensaCPU, lend)); return true;
    case SR_LCOUNT: ir_mov_i32(b, xt_lcount, v); return false;
    case SR_SAR: ir_and_i32(b, xt_sar, v, xt_cst(dc, 0x3f)); return false;
    case SR_BR: ir_and_i32(b, xt_br, v, xt_cst(dc, 0xffff)); return false;
    case SR_LITBASE: {
        IRTemp m = xt_tmp(dc);
        ir_and_i32(b, m, v, xt_cst(dc, 0xfffff001u));
        ir_st_env_i32(b, m, offsetof(XtensaCPU, litbase));
        return true;
    }
    case SR_SCOMPARE1: ir_st_env_i32(b, v, offsetof(XtensaCPU, scompare1)); return false;
    case SR_ACCLO: ir_mov_i32(b, xt_acclo, v); return false;
    case SR_ACCHI: ir_ext8s_i32(b, xt_acchi, v); return false;
    default: ir_mov_i32(b, xt_m[sr - SR_M0], v); return false;
    }
}

/* RSR (op2 0), WSR (op2 1) of RST3 and XSR (op2 6) of RST1; sr = r:s. */
static bool h_rsr(DisasContext *dc)
{
    unsigned sr = ((unsigned)FR << 4) | (unsigned)FS;
    if (sr >= 64) {
        xt_gen_exit(dc, XT_EXIT_PRIV, dc->pc);
        return true;
    }
    if (!sr_present(sr))
        return false;
    bool is_xsr = OP1 == 1, is_rsr = !is_xsr && OP2 == 0;
    int t = FT;
    IRTemp old = (is_rsr || is_xsr) ? read_sr(dc, sr) : 0;
    bool end = false;
    if (!is_rsr) {
        IRTemp v = xt_tmp(dc);
        ir_mov_i32(dc->b, v, AR(t));
        end = write_sr(dc, sr, v);
    }
    if (old)
        set_ar(dc, t, old);
    if (end)
        xt_gen_end_block_lookup(dc);
    return true;
}

static bool h_rur(DisasContext *dc)
{
    unsigned ur = OP2 == 14 ? ((unsigned)FS << 4) | (unsigned)FT : ((unsigned)FR << 4) | (unsigned)FS;
    bool write = OP2 == 15;
    switch (ur) {
    case UR_THREADPTR:
        if (!xt_has(XT_OPT_THREADPTR))
            return false;
        if (write) {
            ir_st_env_i32(dc->b, AR(FT), offsetof(XtensaCPU, threadptr));
        } else {
            IRTemp v = xt_tmp(dc);
            ir_ld_env_i32(dc->b, v, offsetof(XtensaCPU, threadptr));
            set_ar(dc, FR, v);
        }
        return true;
    case UR_FCR:
    case UR_FSR:
        if (!xt_has(XT_OPT_FP))
            return false;
        if (write)
            xt_gen_write_fcr_fsr(dc, ur == UR_FSR, AR(FT));
        else
            set_ar(dc, FR, xt_gen_read_fcr_fsr(dc, ur == UR_FSR));
        return true;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------- memory */

static bool h_l32r(DisasContext *dc)
{
    uint32_t off = 0xfffc0000u | (IMM16 << 2);
    IRTemp addr = xt_tmp(dc);
    if (dc->litbase) {
        ir_ld_env_i32(dc->b, addr, offsetof(XtensaCPU, litbase));
        ir_add_i32(dc->b, addr, addr, xt_cst(dc, off - 1));
    } else {
        ir_mov_i32(dc->b, addr, xt_cst(dc, ((dc->pc + 3) & ~3u) + off));
    }
    set_ar(dc, FT, xt_gen_ld(dc, addr, MO_32));
    return true;
}

/* L8UI, L16UI, L16SI, L32I, L32AI, S8I, S16I, S32I, S32RI */
static bool h_lsai(DisasContext *dc)
{
    static const MemOp mo[16] = {
        [0] = MO_8, [1] = MO_16, [2] = MO_32, [4] = MO_8, [5] = MO_16, [6] = MO_32,
        [9] = MO_16 | MO_SIGN, [11] = MO_32, [15] = MO_32,
    };
    unsigned r = (unsigned)FR;
    MemOp m = mo[r];
    if ((r == 11 || r == 15) && !xt_has(XT_OPT_MPSYNC))
        return false;
    uint32_t off = IMM8 << (m & MO_SIZE);
    xt_gen_align_check(dc, AR(FS), off, 0, memop_size(m));
    IRTemp addr = xt_tmp(dc);
    ir_add_i32(dc->b, addr, AR(FS), xt_cst(dc, off));
    bool store = (r >= 4 && r <= 6) || r == 15;
    if (r == 15)
        ir_mb(dc->b, IR_MB_ALL);      /* S32RI: release */
    if (store) {
        xt_gen_st(dc, AR(FT), addr, m);
    } else {
        set_ar(dc, FT, xt_gen_ld(dc, addr, m));
        if (r == 11)
            ir_mb(dc->b, IR_MB_ALL);  /* L32AI: acquire */
    }
    return true;
}

static bool h_l32n(DisasContext *dc)
{
    xt_gen_align_check(dc, AR(FS), (uint32_t)FR << 2, 0, 4);
    IRTemp addr = xt_tmp(dc);
    ir_add_i32(dc->b, addr, AR(FS), xt_cst(dc, (uint32_t)FR << 2));
    if (OP0 == 8)
        set_ar(dc, FT, xt_gen_ld(dc, addr, MO_32));
    else
        xt_gen_st(dc, AR(FT), addr, MO_32);
    return true;
}

/* S32C1I at, as, imm: compare-and-swap with SCOMPARE1, at gets the old word. */
static bool h_s32c1i(DisasContext *dc)
{
    if (!xt_has(XT_OPT_S32C1I))
        return false;
    xt_gen_align_check(dc, AR(FS), IMM8 << 2, 0, 4);
    IRTemp addr = xt_tmp(dc), cmp = xt_tmp(dc), old = xt_tmp(dc);
    ir_add_i32(dc->b, addr, AR(FS), xt_cst(dc, IMM8 << 2));
    ir_ld_env_i32(dc->b, cmp, offsetof(XtensaCPU, scompare1));
    ir_cmpxchg_i32(dc->b, old, addr, cmp, AR(FT), xt_memop(dc, MO_32));
    set_ar(dc, FT, old);
    return true;
}

/* CACHE: the prefetches and the user-level writebacks do nothing here; the
 * rest are privileged. */
static bool h_cache(DisasContext *dc)
{
    switch (FT) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 12:
        return true;
    default:
        xt_gen_exit(dc, XT_EXIT_PRIV, dc->pc);
        return true;
    }
}

/* ---------------------------------------------------------------- branches */

static const uint32_t b4const[16] = {
    0xffffffffu, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256,
};
static const uint32_t b4constu[16] = {
    32768, 65536, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256,
};

/* The mask of bit n as BBC/BBS number it: from the msb on big-endian cores. */
static IRTemp bit_mask(DisasContext *dc, IRTemp n)
{
    IRTemp m = xt_tmp(dc), k = xt_tmp(dc);
    ir_and_i32(dc->b, k, n, xt_cst(dc, 31));
    if (dc->be)
        ir_shr_i32(dc->b, m, xt_cst(dc, 0x80000000u), k);
    else
        ir_shl_i32(dc->b, m, xt_cst(dc, 1), k);
    return m;
}

/* op0 7: BNONE ... BBSI */
static bool h_branch_rri8(DisasContext *dc)
{
    IRBlock *b = dc->b;
    uint32_t dest = dc->pc + 4 + SIMM8;
    IRTemp s = AR(FS), t = AR(FT), x = xt_tmp(dc);
    unsigned r = (unsigned)FR;
    switch (r & 7) {
    case 0:   /* BNONE, BANY */
        xt_gen_brcond(dc, r & 8 ? IR_COND_TSTNE : IR_COND_TSTEQ, s, t, dest);
        break;
    case 1: xt_gen_brcond(dc, r & 8 ? IR_COND_NE : IR_COND_EQ, s, t, dest); break;
    case 2: xt_gen_brcond(dc, r & 8 ? IR_COND_GE : IR_COND_LT, s, t, dest); break;
    case 3: xt_gen_brcond(dc, r & 8 ? IR_COND_GEU : IR_COND_LTU, s, t, dest); break;
    case 4:   /* BALL, BNALL: (~as & at) ==/!= 0 */
        ir_andc_i32(b, x, t, s);
        xt_gen_brcond(dc, r & 8 ? IR_COND_NE : IR_COND_EQ, x, xt_cst(dc, 0), dest);
        break;
    case 5:   /* BBC, BBS */
        xt_gen_brcond(dc, r & 8 ? IR_COND_TSTNE : IR_COND_TSTEQ, s, bit_mask(dc, t), dest);
        break;
    default: {  /* BBCI, BBSI: bit {r[0], t} */
        unsigned bit = ((r & 1) << 4) | (unsigned)FT;
        uint32_t mask = dc->be ? 0x80000000u >> bit : 1u << bit;
        xt_gen_brcond(dc, r & 8 ? IR_COND_TSTNE : IR_COND_TSTEQ, s, xt_cst(dc, mask), dest);
        break;
    }
    }
    return true;
}

/* op0 6, n 1: BEQZ, BNEZ, BLTZ, BGEZ as, imm12 */
static bool h_bz(DisasContext *dc)
{
    static const IRCond c[4] = { IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE };
    xt_gen_brcond(dc, c[FM], AR(FS), xt_cst(dc, 0), dc->pc + 4 + SIMM12);
    return true;
}

/* op0 6, n 2: BEQI, BNEI, BLTI, BGEI as, b4const(r), imm8 */
static bool h_bi0(DisasContext *dc)
{
    static const IRCond c[4] = { IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE };
    xt_gen_brcond(dc, c[FM], AR(FS), xt_cst(dc, b4const[FR]), dc->pc + 4 + SIMM8);
    return true;
}

/* op0 6, n 3, m 2/3: BLTUI, BGEUI as, b4constu(r), imm8 */
static bool h_bi1u(DisasContext *dc)
{
    xt_gen_brcond(dc, FM == 2 ? IR_COND_LTU : IR_COND_GEU, AR(FS), xt_cst(dc, b4constu[FR]),
                  dc->pc + 4 + SIMM8);
    return true;
}

/* BEQZ.N, BNEZ.N as, imm6 (unsigned, forward only) */
static bool h_bz_n(DisasContext *dc)
{
    uint32_t imm6 = ((INSN >> 4) & 3) << 4 | (uint32_t)FR;
    xt_gen_brcond(dc, (INSN & 0x40) ? IR_COND_NE : IR_COND_EQ, AR(FS), xt_cst(dc, 0),
                  dc->pc + 4 + imm6);
    return true;
}

/* BF, BT bs, imm8 */
static bool h_bft(DisasContext *dc)
{
    if (!xt_has(XT_OPT_BOOLEAN))
        return false;
    xt_gen_brcond(dc, FR == 1 ? IR_COND_TSTNE : IR_COND_TSTEQ, xt_br, xt_cst(dc, 1u << FS),
                  dc->pc + 4 + SIMM8);
    return true;
}

/* LOOP, LOOPNEZ, LOOPGTZ as, imm8: LCOUNT = as - 1, LBEG = the next
 * instruction, LEND = pc + 4 + imm8; the NEZ/GTZ forms skip the loop when
 * as is 0 (<= 0).  The block ends here: the next one is keyed with the new
 * LEND, which this block sets to a constant, so it may chain directly. */
static bool h_loop(DisasContext *dc)
{
    IRBlock *b = dc->b;
    if (!xt_has(XT_OPT_LOOP))
        return false;
    uint32_t lbeg = dc->next_pc, lend = dc->pc + 4 + IMM8;
    IRTemp s = xt_tmp(dc);
    ir_mov_i32(b, s, AR(FS));
    ir_sub_i32(b, xt_lcount, s, xt_cst(dc, 1));
    ir_st_env_i32(b, xt_cst(dc, lbeg), offsetof(XtensaCPU, lbeg));
    ir_st_env_i32(b, xt_cst(dc, lend), offsetof(XtensaCPU, lend));
    uint32_t lit = dc->litbase ? 1 : 0;
    if (FR != 8) {
        uint32_t enter = ir_new_label(b);
        ir_brcond_i32(b, FR == 9 ? IR_COND_NE : IR_COND_GT, s, xt_cst(dc, 0), enter);
        xt_gen_goto_key(dc, lend, xt_tb_flags_for(lend, lend, lbeg, lit));
        ir_label(b, enter);
    }
    xt_gen_goto_key(dc, lbeg, xt_tb_flags_for(lbeg, lend, lbeg, lit));
    return true;
}

/* ---------------------------------------------------------------- jumps and calls */

static bool h_j(DisasContext *dc)
{
    xt_gen_jump(dc, dc->pc + 4 + OFF18);
    return true;
}

static uint32_t call_target(const DisasContext *dc)
{
    return (dc->pc & ~3u) + 4 + (OFF18 << 2);
}

/* CALLn/CALLXn with n > 0 leave the return address with the window
 * increment in its top bits in a(4n), and n in PS.CALLINC for ENTRY. */
static void gen_call_link(DisasContext *dc, unsigned n)
{
    if (n == 0) {
        set_ar(dc, 0, xt_cst(dc, dc->next_pc));
        return;
    }
    set_ar(dc, 4 * n, xt_cst(dc, (n << 30) | (dc->next_pc & 0x3fffffffu)));
    ir_st_env_i32(dc->b, xt_cst(dc, n), offsetof(XtensaCPU, callinc));
}

static bool h_call(DisasContext *dc)
{
    unsigned n = FN;
    if (n && !xt_has(XT_OPT_WINDOWED))
        return false;
    gen_call_link(dc, n);
    xt_gen_jump(dc, call_target(dc));
    return true;
}

/* CALLX0-12, JX, RET: the target is read before the link is written. */
static bool h_callx(DisasContext *dc)
{
    unsigned n = FN;
    IRTemp dest = xt_tmp(dc);
    if (FM == 3 && n && !xt_has(XT_OPT_WINDOWED))
        return false;
    if (FM == 2 && n == 0) {          /* RET */
        ir_mov_i32(dc->b, dest, AR(0));
    } else {
        ir_mov_i32(dc->b, dest, AR(FS));
        if (FM == 3)
            gen_call_link(dc, n);
    }
    xt_gen_jump_reg(dc, dest);
    return true;
}

static bool h_ret_n(DisasContext *dc)
{
    IRTemp dest = xt_tmp(dc);
    ir_mov_i32(dc->b, dest, AR(0));
    xt_gen_jump_reg(dc, dest);
    return true;
}

static bool h_entry(DisasContext *dc)
{
    if (!xt_has(XT_OPT_WINDOWED) || FS > 3)
        return false;
    IRTemp args[3] = { IR_ENV, xt_cst(dc, (uint32_t)FS), xt_cst(dc, IMM12 << 3) };
    IRTemp st = xt_tmp(dc);
    ir_call(dc->b, &xt_h_entry, st, args);
    uint32_t ok = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, IR_COND_EQ, st, xt_cst(dc, 0), ok);
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dc->pc));
    ir_exit_tb(dc->b, XT_EXIT_WINDOW);
    ir_label(dc->b, ok);
    dc->state = XDISAS_NEXT;
    return true;
}

/* RETW, RETW.N: the helper rotates back (reloading a spilled caller) and
 * leaves the return address in pc; it returns nonzero when the return is
 * illegal (a0's window increment is 0). */
static bool h_retw(DisasContext *dc)
{
    if (!xt_has(XT_OPT_WINDOWED))
        return false;
    IRTemp args[2] = { IR_ENV, xt_cst(dc, dc->pc) };
    IRTemp st = xt_tmp(dc);
    ir_call(dc->b, &xt_h_retw, st, args);
    uint32_t ok = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, IR_COND_EQ, st, xt_cst(dc, 0), ok);
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dc->pc));
    ir_exit_tb(dc->b, EXIT_UNDEF);
    ir_label(dc->b, ok);
    IRTemp dest = xt_tmp(dc);
    ir_mov_i32(dc->b, dest, xt_pc);
    xt_gen_jump_reg(dc, dest);
    return true;
}

static bool h_movsp(DisasContext *dc)
{
    if (!xt_has(XT_OPT_WINDOWED))
        return false;
    IRTemp args[3] = { IR_ENV, xt_cst(dc, (uint32_t)FT), xt_cst(dc, (uint32_t)FS) };
    IRTemp st = xt_tmp(dc);
    ir_call(dc->b, &xt_h_movsp, st, args);
    uint32_t ok = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, IR_COND_EQ, st, xt_cst(dc, 0), ok);
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dc->pc));
    ir_exit_tb(dc->b, XT_EXIT_WINDOW);
    ir_label(dc->b, ok);
    dc->state = XDISAS_NEXT;
    return true;
}

/* ---------------------------------------------------------------- system */

static bool h_syscall(DisasContext *dc)
{
    if (FS != 0 || FT != 0)
        return false;              /* SIMCALL and reserved forms */
    xt_gen_exit(dc, EXIT_SYSCALL, dc->next_pc);
    return true;
}

static bool h_break(DisasContext *dc)
{
    xt_gen_exit(dc, XT_EXIT_BREAK, dc->pc);
    return true;
}

static bool h_ill(DisasContext *dc)
{
    xt_gen_exit(dc, EXIT_UNDEF, dc->pc);
    return true;
}

static bool h_priv(DisasContext *dc)
{
    xt_gen_exit(dc, XT_EXIT_PRIV, dc->pc);
    return true;
}

/* ---------------------------------------------------------------- narrow */

static bool h_add_n(DisasContext *dc)
{
    IRTemp d = xt_tmp(dc);
    if (OP0 == 10) {
        ir_add_i32(dc->b, d, AR(FS), AR(FT));
    } else {
        uint32_t imm = FT == 0 ? 0xffffffffu : (uint32_t)FT;
        ir_add_i32(dc->b, d, AR(FS), xt_cst(dc, imm));
    }
    set_ar(dc, FR, d);
    return true;
}

static bool h_movi_n(DisasContext *dc)
{
    uint32_t imm7 = ((INSN >> 4) & 7) << 4 | (uint32_t)FR;
    if ((imm7 & 0x60) == 0x60)
        imm7 -= 128;
    set_ar(dc, FS, xt_cst(dc, imm7));
    return true;
}

static bool h_mov_n(DisasContext *dc)
{
    IRTemp v = xt_tmp(dc);
    ir_mov_i32(dc->b, v, AR(FS));
    set_ar(dc, FT, v);
    return true;
}

/* ---------------------------------------------------------------- options elsewhere */

static bool h_fp0(DisasContext *dc) { return xt_has(XT_OPT_FP) && xt_trans_fp0(dc); }
static bool h_fp1(DisasContext *dc) { return xt_has(XT_OPT_FP) && xt_trans_fp1(dc); }
static bool h_lsci(DisasContext *dc) { return xt_has(XT_OPT_FP) && xt_trans_lsci(dc); }
static bool h_lscx(DisasContext *dc) { return xt_has(XT_OPT_FP) && xt_trans_lscx(dc); }
static bool h_bool(DisasContext *dc) { return xt_has(XT_OPT_BOOLEAN) && xt_trans_bool(dc); }
static bool h_mac16(DisasContext *dc) { return xt_has(XT_OPT_MAC16) && xt_trans_mac16(dc); }

/* ---------------------------------------------------------------- tables */

#define P24(p) "00000000" p

static DecodeEntry xt_table24[] = {
    /* ---- QRST (op0 0) ---- RST0 ST0 SNM0: m, n in t */
    { P24("0000 0000 0000 0000 0000 0000"), "ill", H(h_ill) },
    { P24("0000 0000 0000 0000 1000 0000"), "ret", H(h_callx) },
    { P24("0000 0000 0000 0000 1001 0000"), "retw", H(h_retw) },
    { P24("0000 0000 0000 ---- 1010 0000"), "jx", H(h_callx) },
    { P24("0000 0000 0000 ---- 11-- 0000"), "callx", H(h_callx) },
    { P24("0000 0000 0001 ---- ---- 0000"), "movsp", H(h_movsp) },
    { P24("0000 0000 0010 0000 1100 0000"), "memw", H(h_memw) },
    { P24("0000 0000 0010 0000 1101 0000"), "extw", H(h_memw) },
    { P24("0000 0000 0010 0000 00-- 0000"), "isync..dsync", H(h_nop) },
    { P24("0000 0000 0010 0000 1000 0000"), "excw", H(h_nop) },
    { P24("0000 0000 0010 0000 1111 0000"), "nop", H(h_nop) },
    { P24("0000 0000 0011 ---- ---- 0000"), "rfe..rfi", H(h_priv) },
    { P24("0000 0000 0100 ---- ---- 0000"), "break", H(h_break) },
    { P24("0000 0000 0101 ---- ---- 0000"), "syscall", H(h_syscall) },
    { P24("0000 0000 0110 ---- ---- 0000"), "rsil", H(h_priv) },
    { P24("0000 0000 0111 ---- ---- 0000"), "waiti", H(h_priv) },
    { P24("0000 0000 10-- ---- ---- 0000"), "any4..all8", H(h_bool) },
    { P24("0000 0000 ---- ---- ---- 0000"), "st0_undef", NULL },
    { P24("0001 0000 ---- ---- ---- 0000"), "and", H(h_alu) },
    { P24("0010 0000 ---- ---- ---- 0000"), "or", H(h_alu) },
    { P24("0011 0000 ---- ---- ---- 0000"), "xor", H(h_alu) },
    { P24("0100 0000 0000 ---- 0000 0000"), "ssr", H(h_ssr) },
    { P24("0100 0000 0001 ---- 0000 0000"), "ssl", H(h_ssr) },
    { P24("0100 0000 0010 ---- 0000 0000"), "ssa8l", H(h_ssr) },
    { P24("0100 0000 0011 ---- 0000 0000"), "ssa8b", H(h_ssr) },
    { P24("0100 0000 0100 ---- 000- 0000"), "ssai", H(h_ssr) },
    { P24("0100 0000 0110 ---- ---- 0000"), "rer", H(h_priv) },
    { P24("0100 0000 0111 ---- ---- 0000"), "wer", H(h_priv) },
    { P24("0100 0000 1000 0000 ---- 0000"), "rotw", H(h_priv) },
    { P24("0100 0000 111- ---- ---- 0000"), "nsa_nsau", H(h_nsa) },
    { P24("0101 0000 ---- ---- ---- 0000"), "tlb", H(h_priv) },
    { P24("0110 0000 ---- 000- ---- 0000"), "neg_abs", H(h_rt0) },
    { P24("1--- 0000 ---- ---- ---- 0000"), "add_sub", H(h_alu) },
    /* RST1 */
    { P24("000- 0001 ---- ---- ---- 0000"), "slli", H(h_slli) },
    { P24("001- 0001 ---- ---- ---- 0000"), "srai", H(h_srai) },
    { P24("0100 0001 ---- ---- ---- 0000"), "srli", H(h_srli) },
    { P24("0110 0001 ---- ---- ---- 0000"), "xsr", H(h_rsr) },
    { P24("1000 0001 ---- ---- ---- 0000"), "src", H(h_sar_shift) },
    { P24("1001 0001 ---- 0000 ---- 0000"), "srl", H(h_sar_shift) },
    { P24("1010 0001 ---- ---- 0000 0000"), "sll", H(h_sar_shift) },
    { P24("1011 0001 ---- 0000 ---- 0000"), "sra", H(h_sar_shift) },
    { P24("110- 0001 ---- ---- ---- 0000"), "mul16", H(h_mul16) },
    { P24("1111 0001 ---- ---- ---- 0000"), "imp", H(h_priv) },
    /* RST2 */
    { P24("011- 0010 ---- ---- ---- 0000"), "saltu_salt", H(h_salt) },
    { P24("0--- 0010 ---- ---- ---- 0000"), "andb..xorb", H(h_bool) },
    { P24("10-- 0010 ---- ---- ---- 0000"), "mull_muluh_mulsh", H(h_mul32) },
    { P24("11-- 0010 ---- ---- ---- 0000"), "quo_rem", H(h_div) },
    /* RST3 */
    { P24("000- 0011 ---- ---- ---- 0000"), "rsr_wsr", H(h_rsr) },
    { P24("0010 0011 ---- ---- ---- 0000"), "sext", H(h_sext) },
    { P24("0011 0011 ---- ---- ---- 0000"), "clamps", H(h_clamps) },
    { P24("01-- 0011 ---- ---- ---- 0000"), "min_max", H(h_minmax) },
    { P24("10-- 0011 ---- ---- ---- 0000"), "moveqz..movgez", H(h_movcc) },
    { P24("110- 0011 ---- ---- ---- 0000"), "movf_movt", H(h_movft) },
    { P24("111- 0011 ---- ---- ---- 0000"), "rur_wur", H(h_rur) },
    { P24("---- 010- ---- ---- ---- 0000"), "extui", H(h_extui) },
    { P24("---- 1000 ---- ---- ---- 0000"), "lscx", H(h_lscx) },
    { P24("0-00 1001 ---- ---- ---- 0000"), "l32e_s32e", H(h_priv) },
    { P24("---- 1010 ---- ---- ---- 0000"), "fp0", H(h_fp0) },
    { P24("---- 1011 ---- ---- ---- 0000"), "fp1", H(h_fp1) },

    /* ---- op0 1..7 ---- */
    { P24("---- ---- ---- ---- ---- 0001"), "l32r", H(h_l32r) },
    { P24("---- ---- 1010 ---- ---- 0010"), "movi", H(h_movi) },
    { P24("---- ---- 110- ---- ---- 0010"), "addi_addmi", H(h_addi) },
    { P24("---- ---- 1110 ---- ---- 0010"), "s32c1i", H(h_s32c1i) },
    { P24("---- ---- 0111 ---- ---- 0010"), "cache", H(h_cache) },
    { P24("---- ---- 0--- ---- ---- 0010"), "l8ui..s32i", H(h_lsai) },
    { P24("---- ---- 1001 ---- ---- 0010"), "l16si", H(h_lsai) },
    { P24("---- ---- 1011 ---- ---- 0010"), "l32ai", H(h_lsai) },
    { P24("---- ---- 1111 ---- ---- 0010"), "s32ri", H(h_lsai) },
    { P24("---- ---- ---- ---- ---- 0011"), "lsci", H(h_lsci) },
    { P24("---- ---- ---- ---- ---- 0100"), "mac16", H(h_mac16) },
    { P24("---- ---- ---- ---- ---- 0101"), "call", H(h_call) },
    { P24("---- ---- ---- ---- --00 0110"), "j", H(h_j) },
    { P24("---- ---- ---- ---- --01 0110"), "bz", H(h_bz) },
    { P24("---- ---- ---- ---- --10 0110"), "bi0", H(h_bi0) },
    { P24("---- ---- ---- ---- 0011 0110"), "entry", H(h_entry) },
    { P24("---- ---- 000- ---- 0111 0110"), "bf_bt", H(h_bft) },
    { P24("---- ---- 1000 ---- 0111 0110"), "loop", H(h_loop) },
    { P24("---- ---- 1001 ---- 0111 0110"), "loopnez", H(h_loop) },
    { P24("---- ---- 1010 ---- 0111 0110"), "loopgtz", H(h_loop) },
    { P24("---- ---- ---- ---- 1-11 0110"), "bltui_bgeui", H(h_bi1u) },
    { P24("---- ---- ---- ---- ---- 0111"), "b", H(h_branch_rri8) },
    DECODE_END
};

static DecodeEntry xt_table16[] = {
    { "---- ---- ---- 1000", "l32i.n", H(h_l32n) },
    { "---- ---- ---- 1001", "s32i.n", H(h_l32n) },
    { "---- ---- ---- 1010", "add.n", H(h_add_n) },
    { "---- ---- ---- 1011", "addi.n", H(h_add_n) },
    { "---- ---- 0--- 1100", "movi.n", H(h_movi_n) },
    { "---- ---- 1--- 1100", "beqz.n_bnez.n", H(h_bz_n) },
    { "0000 ---- ---- 1101", "mov.n", H(h_mov_n) },
    { "1111 0000 0000 1101", "ret.n", H(h_ret_n) },
    { "1111 0000 0001 1101", "retw.n", H(h_retw) },
    { "1111 ---- 0010 1101", "break.n", H(h_break) },
    { "1111 0000 0011 1101", "nop.n", H(h_nop) },
    { "1111 0000 0110 1101", "ill.n", H(h_ill) },
    DECODE_END
};

void xt_decode_init(void)
{
    decode_compile(xt_table24);
    decode_compile(xt_table16);
}

void xt_translate_insn(DisasContext *dc)
{
    bool narrow = dc->next_pc - dc->pc == 2;
    const DecodeEntry *e = decode_lookup(narrow ? xt_table16 : xt_table24, dc->insn);
    XtHandler *h = e ? (XtHandler *)e->handler : NULL;
    if (narrow && h == (XtHandler *)h_retw && !xt_has(XT_OPT_WINDOWED))
        h = NULL;
    if (!h || !h(dc))
        xt_gen_undef(dc);
}
