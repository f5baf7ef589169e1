/*
 * The MIPS32r2 integer decoder: one bit-pattern table (frontend/decode.h)
 * and the handlers that emit IR for each instruction.
 *
 * Field letters: s rs, t rt, d rd, a sa (shift amount, or EXT/INS lsb),
 * i 16-bit immediate, j 26-bit jump index, c trap/break code, h the
 * hazard-barrier hint of JR.HB/JALR.HB.  Entries are tried in order, so
 * the specific encodings (NOP, ROTR, ...) precede the general ones.
 * Entries without a handler are known encodings that raise SIGILL in user
 * mode (privileged or reserved ones).
 */
#include "frontend/mips/translate.h"

#include <stddef.h>

#include "frontend/decode.h"

typedef bool MipsHandler(DisasContext *dc, const DecodeEntry *e, uint32_t insn);

#define H(fn) ((const void *)(fn))

static uint32_t fld(const DecodeEntry *e, uint32_t insn, char c)
{
    return decode_field(e, insn, c);
}

#define RS ((int)fld(e, insn, 's'))
#define RT ((int)fld(e, insn, 't'))
#define RD ((int)fld(e, insn, 'd'))
#define SA ((int)fld(e, insn, 'a'))
#define IMM ((uint32_t)fld(e, insn, 'i'))
#define SIMM ((uint32_t)(int32_t)(int16_t)fld(e, insn, 'i'))
#define FUNCT (insn & 0x3f)

/* ---------------------------------------------------------------- ALU */

static bool h_nop(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return true;
}

/* Signed overflow of d = a + b (sub: a - b) is bit 31 of
 * (d ^ a) & ~(a ^ b) (sub: (d ^ a) & (a ^ b)).  The trap leaves rd
 * unchanged, so the sum is computed again after the check: the label
 * ends the life of the temps computed before it. */
static void gen_add_trap(DisasContext *dc, int rd, IRTemp a, IRTemp b, bool sub)
{
    IRBlock *bl = dc->b;
    IRTemp r = mips_tmp(dc), t1 = mips_tmp(dc), t2 = mips_tmp(dc);
    if (sub)
        ir_sub_i32(bl, r, a, b);
    else
        ir_add_i32(bl, r, a, b);
    ir_xor_i32(bl, t1, r, a);
    ir_xor_i32(bl, t2, a, b);
    if (sub)
        ir_and_i32(bl, t1, t1, t2);
    else
        ir_andc_i32(bl, t1, t1, t2);
    uint32_t ok = ir_new_label(bl);
    ir_brcond_i32(bl, IR_COND_GE, t1, mips_cst(dc, 0), ok);
    mips_gen_exit(dc, MIPS_EXIT_OVERFLOW, mips_fault_pc(dc));
    ir_label(bl, ok);
    dc->state = MDISAS_NEXT;
    if (rd == 0)
        return;
    if (sub)
        ir_sub_i32(bl, mips_r[rd], a, b);
    else
        ir_add_i32(bl, mips_r[rd], a, b);
}

static bool h_alu_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rt = RT;
    IRTemp s = mips_gpr(dc, RS);
    unsigned op = insn >> 26;
    if (op == 8) {  /* ADDI traps even when rt is $0 */
        gen_add_trap(dc, rt, s, mips_cst(dc, SIMM), false);
        return true;
    }
    if (rt == 0)
        return true;
    IRTemp d = mips_r[rt];
    switch (op) {
    case 9: ir_add_i32(b, d, s, mips_cst(dc, SIMM)); break;              /* ADDIU */
    case 10: ir_setcond_i32(b, IR_COND_LT, d, s, mips_cst(dc, SIMM)); break;  /* SLTI */
    case 11: ir_setcond_i32(b, IR_COND_LTU, d, s, mips_cst(dc, SIMM)); break; /* SLTIU */
    case 12: ir_and_i32(b, d, s, mips_cst(dc, IMM)); break;              /* ANDI */
    case 13: ir_or_i32(b, d, s, mips_cst(dc, IMM)); break;               /* ORI */
    case 14: ir_xor_i32(b, d, s, mips_cst(dc, IMM)); break;              /* XORI */
    default: ir_mov_i32(b, d, mips_cst(dc, IMM << 16)); break;           /* LUI */
    }
    return true;
}

static bool h_alu_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rd = RD;
    IRTemp s = mips_gpr(dc, RS), t = mips_gpr(dc, RT);
    if (FUNCT == 32 || FUNCT == 34) {   /* ADD, SUB: trap on overflow */
        gen_add_trap(dc, rd, s, t, FUNCT == 34);
        return true;
    }
    if (rd == 0)
        return true;
    IRTemp d = mips_r[rd];
    switch (FUNCT) {
    case 33: ir_add_i32(b, d, s, t); break;     /* ADDU */
    case 35: ir_sub_i32(b, d, s, t); break;     /* SUBU */
    case 36: ir_and_i32(b, d, s, t); break;     /* AND */
    case 37: ir_or_i32(b, d, s, t); break;      /* OR */
    case 38: ir_xor_i32(b, d, s, t); break;     /* XOR */
    case 39: {                                  /* NOR */
        IRTemp x = mips_tmp(dc);
        ir_or_i32(b, x, s, t);
        ir_not_i32(b, d, x);
        break;
    }
    case 42: ir_setcond_i32(b, IR_COND_LT, d, s, t); break;    /* SLT */
    default: ir_setcond_i32(b, IR_COND_LTU, d, s, t); break;   /* SLTU */
    }
    return true;
}

/* SLL, SRL, SRA, ROTR by the sa field. */
static bool h_shift_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int rd = RD;
    if (rd == 0)
        return true;
    IRTemp t = mips_gpr(dc, RT), n = mips_cst(dc, SA), d = mips_r[rd];
    switch (FUNCT) {
    case 0: ir_shl_i32(dc->b, d, t, n); break;
    case 2: (insn & (1u << 21)) ? ir_rotr_i32(dc->b, d, t, n) : ir_shr_i32(dc->b, d, t, n); break;
    default: ir_sar_i32(dc->b, d, t, n); break;
    }
    return true;
}

/* SLLV, SRLV, SRAV, ROTRV: the count is rs mod 32, as the IR shifts take it. */
static bool h_shift_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int rd = RD;
    if (rd == 0)
        return true;
    IRTemp t = mips_gpr(dc, RT), n = mips_gpr(dc, RS), d = mips_r[rd];
    switch (FUNCT) {
    case 4: ir_shl_i32(dc->b, d, t, n); break;
    case 6: (insn & (1u << 6)) ? ir_rotr_i32(dc->b, d, t, n) : ir_shr_i32(dc->b, d, t, n); break;
    default: ir_sar_i32(dc->b, d, t, n); break;
    }
    return true;
}

/* MOVZ / MOVN */
static bool h_movzn(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int rd = RD;
    if (rd == 0)
        return true;
    ir_movcond_i32(dc->b, FUNCT == 10 ? IR_COND_EQ : IR_COND_NE, mips_r[rd], mips_gpr(dc, RT),
                   mips_cst(dc, 0), mips_gpr(dc, RS), mips_r[rd]);
    return true;
}

/* ---------------------------------------------------------------- HI/LO */

static bool h_mfhilo(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    mips_set_reg(dc, RD, FUNCT == 16 ? mips_hi : mips_lo);
    return true;
}

static bool h_mthilo(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ir_mov_i32(dc->b, FUNCT == 17 ? mips_hi : mips_lo, mips_gpr(dc, RS));
    return true;
}

static bool h_mult(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRTemp lo = mips_tmp(dc), hi = mips_tmp(dc);
    if (FUNCT == 24)
        ir_muls2_i32(dc->b, lo, hi, mips_gpr(dc, RS), mips_gpr(dc, RT));
    else
        ir_mulu2_i32(dc->b, lo, hi, mips_gpr(dc, RS), mips_gpr(dc, RT));
    ir_mov_i32(dc->b, mips_lo, lo);
    ir_mov_i32(dc->b, mips_hi, hi);
    return true;
}

/* DIV/DIVU: a zero divisor leaves UNPREDICTABLE results on MIPS (compilers
 * add a TEQ trap before it); the IR's x/0 = 0, x%0 = x stand in. */
static bool h_div(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRTemp q = mips_tmp(dc), r = mips_tmp(dc);
    IRTemp s = mips_gpr(dc, RS), t = mips_gpr(dc, RT);
    if (FUNCT == 26) {
        ir_divs_i32(dc->b, q, s, t);
        ir_rems_i32(dc->b, r, s, t);
    } else {
        ir_divu_i32(dc->b, q, s, t);
        ir_remu_i32(dc->b, r, s, t);
    }
    ir_mov_i32(dc->b, mips_lo, q);
    ir_mov_i32(dc->b, mips_hi, r);
    return true;
}

/* MADD, MADDU, MSUB, MSUBU: HI:LO +/-= rs * rt on 64 bits. */
static bool h_madd(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    bool uns = FUNCT == 1 || FUNCT == 5, sub = FUNCT >= 4;
    IRTemp x = ir_temp_i64(b), y = ir_temp_i64(b), acc = ir_temp_i64(b);
    if (uns) {
        ir_extu_i32_i64(b, x, mips_gpr(dc, RS));
        ir_extu_i32_i64(b, y, mips_gpr(dc, RT));
    } else {
        ir_exts_i32_i64(b, x, mips_gpr(dc, RS));
        ir_exts_i32_i64(b, y, mips_gpr(dc, RT));
    }
    ir_mul_i64(b, x, x, y);
    ir_concat_i32_i64(b, acc, mips_lo, mips_hi);
    if (sub)
        ir_sub_i64(b, acc, acc, x);
    else
        ir_add_i64(b, acc, acc, x);
    ir_extrl_i64_i32(b, mips_lo, acc);
    ir_extrh_i64_i32(b, mips_hi, acc);
    return true;
}

/* MUL rd, rs, rt: the low word; HI and LO are left alone. */
static bool h_mul(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    if (RD != 0)
        ir_mul_i32(dc->b, mips_r[RD], mips_gpr(dc, RS), mips_gpr(dc, RT));
    return true;
}

static bool h_clz(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    if (RD == 0)
        return true;
    IRTemp s = mips_gpr(dc, RS);
    if (FUNCT == 33) {     /* CLO */
        IRTemp n = mips_tmp(dc);
        ir_not_i32(dc->b, n, s);
        s = n;
    }
    ir_clz_i32(dc->b, mips_r[RD], s);
    return true;
}

/* ---------------------------------------------------------------- SPECIAL3 */

/* EXT rt, rs, pos, size: msbd (size - 1) is in the rd field. */
static bool h_ext(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int pos = SA, size = RD + 1;
    if (pos + size > 32)
        return false;
    if (RT != 0)
        ir_extract_i32(dc->b, mips_r[RT], mips_gpr(dc, RS), pos, size);
    return true;
}

/* INS rt, rs, pos, size: msb (pos + size - 1) is in the rd field. */
static bool h_ins(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int pos = SA, msb = RD;
    if (msb < pos)
        return false;
    if (RT != 0)
        ir_deposit_i32(dc->b, mips_r[RT], mips_r[RT], mips_gpr(dc, RS), pos, msb - pos + 1);
    return true;
}

/* BSHFL: WSBH, SEB, SEH (the sa field selects). */
static bool h_bshfl(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rd = RD;
    IRTemp t = mips_gpr(dc, RT);
    switch (SA) {
    case 2: {   /* WSBH: swap the bytes of each halfword */
        if (rd == 0)
            return true;
        IRTemp x = mips_tmp(dc), y = mips_tmp(dc);
        ir_shl_i32(b, x, t, mips_cst(dc, 8));
        ir_and_i32(b, x, x, mips_cst(dc, 0xff00ff00u));
        ir_shr_i32(b, y, t, mips_cst(dc, 8));
        ir_and_i32(b, y, y, mips_cst(dc, 0x00ff00ffu));
        ir_or_i32(b, mips_r[rd], x, y);
        return true;
    }
    case 16:
        if (rd)
            ir_ext8s_i32(b, mips_r[rd], t);
        return true;
    case 24:
        if (rd)
            ir_ext16s_i32(b, mips_r[rd], t);
        return true;
    default:
        return false;
    }
}

static uint32_t rdhwr_cycles(void)
{
    return (uint32_t)__builtin_ia32_rdtsc();
}

static const IRHelper h_rdhwr_cc = {
    "mips_rdhwr_cc", (void *)rdhwr_cycles, IR_I32, 0, { 0 }, 0,
};

/*
 * RDHWR rt, rd: the hardware registers Linux lets user code read (and
 * emulates where the core lacks them): CPUNum, SYNCI_Step, CC, CCRes and
 * UserLocal, the thread pointer set_thread_area stored.
 */
static bool h_rdhwr(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int rt = RT;
    IRTemp v = mips_tmp(dc);
    switch (RD) {
    case 0: ir_mov_i32(dc->b, v, mips_cst(dc, 0)); break;     /* CPUNum */
    case 1: ir_mov_i32(dc->b, v, mips_cst(dc, 32)); break;    /* SYNCI_Step */
    case 2: ir_call0(dc->b, &h_rdhwr_cc, v); break;           /* CC */
    case 3: ir_mov_i32(dc->b, v, mips_cst(dc, 1)); break;     /* CCRes */
    case 29: ir_ld_env_i32(dc->b, v, offsetof(MipsCPU, tls)); break;
    default: return false;
    }
    mips_set_reg(dc, rt, v);
    return true;
}

/* ---------------------------------------------------------------- loads/stores */

static bool h_load(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    static const MemOp mo[8] = { MO_8 | MO_SIGN, MO_16 | MO_SIGN, 0, MO_32, MO_8, MO_16 };
    IRTemp a = mips_addr(dc, RS, (int32_t)SIMM);
    IRTemp v = mips_gen_ld(dc, a, mo[(insn >> 26) & 7]);
    mips_set_reg(dc, RT, v);
    return true;
}

static bool h_store(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    static const MemOp mo[4] = { MO_8, MO_16, 0, MO_32 };
    IRTemp a = mips_addr(dc, RS, (int32_t)SIMM);
    mips_gen_st(dc, mips_gpr(dc, RT), a, mo[(insn >> 26) & 3]);
    return true;
}

/*
 * LWL, LWR, SWL, SWR through the aligned word holding the addressed byte,
 * read in guest byte order so that "more significant" means the same for
 * both byte orders.  With k the byte's distance from the word's most
 * significant end in memory order (big-endian: addr & 3; little-endian:
 * 3 - (addr & 3)), and s = 8 * k:
 *   LWL: rt = w << s | rt & (2^s - 1)
 *   SWL: w  = rt >> s | w & ~(~0 >> s)
 * and with s = 8 * (3 - k):
 *   LWR: rt = w >> s | rt & ~(~0 >> s)
 *   SWR: w  = rt << s | w & (2^s - 1)
 */
static bool h_lwlr(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    unsigned op = insn >> 26;
    bool left = op == 34 || op == 42, store = op >= 40;
    int rt = RT;
    IRTemp a = mips_addr(dc, RS, (int32_t)SIMM);
    IRTemp aligned = mips_tmp(dc), s = mips_tmp(dc), mask = mips_tmp(dc), x = mips_tmp(dc);
    ir_andc_i32(b, aligned, a, mips_cst(dc, 3));
    ir_and_i32(b, s, a, mips_cst(dc, 3));
    /* k as a byte count: BE left and LE right use addr & 3 directly */
    if (dc->be != left)
        ir_xor_i32(b, s, s, mips_cst(dc, 3));
    ir_shl_i32(b, s, s, mips_cst(dc, 3));
    IRTemp w = mips_gen_ld(dc, aligned, MO_32);
    IRTemp r = mips_gpr(dc, rt);
    IRTemp ones = mips_cst(dc, 0xffffffffu);
    if (!store) {
        if (rt == 0)
            return true;
        if (left) {
            ir_shl_i32(b, x, w, s);
            ir_shl_i32(b, mask, ones, s);      /* ~(2^s - 1) */
            ir_andc_i32(b, mask, r, mask);
        } else {
            ir_shr_i32(b, x, w, s);
            ir_shr_i32(b, mask, ones, s);
            ir_andc_i32(b, mask, r, mask);
        }
        ir_or_i32(b, mips_r[rt], x, mask);
        return true;
    }
    if (left) {
        ir_shr_i32(b, x, r, s);
        ir_shr_i32(b, mask, ones, s);
        ir_andc_i32(b, mask, w, mask);
    } else {
        ir_shl_i32(b, x, r, s);
        ir_shl_i32(b, mask, ones, s);
        ir_andc_i32(b, mask, w, mask);
    }
    ir_or_i32(b, x, x, mask);
    mips_gen_st(dc, x, aligned, MO_32);
    return true;
}

/* LL: load and open a reservation on the address and the value seen. */
static bool h_ll(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRTemp a = mips_addr(dc, RS, (int32_t)SIMM);
    IRTemp v = mips_gen_ld(dc, a, MO_32);
    ir_mov_i32(dc->b, mips_ll_addr, a);
    ir_mov_i32(dc->b, mips_ll_val, v);
    mips_set_reg(dc, RT, v);
    return true;
}

/*
 * SC: succeeds when the reservation is on this address and the word
 * still holds the value LL saw, checked and stored in one host
 * compare-and-swap (another thread's store of a different value, or
 * any intervening SC, breaks it; an ABA store of the same value does not,
 * which no lock-free algorithm built on LL/SC can tell apart).
 */
static bool h_sc(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rt = RT;
    IRTemp a = mips_addr(dc, RS, (int32_t)SIMM);
    IRTemp ok = mips_tmp(dc), old = mips_tmp(dc);
    uint32_t fail = ir_new_label(b), done = ir_new_label(b);
    IRTemp val = mips_gpr(dc, rt);
    ir_brcond_i32(b, IR_COND_NE, a, mips_ll_addr, fail);
    ir_cmpxchg_i32(b, old, a, mips_ll_val, val, mips_memop(dc, MO_32));
    ir_setcond_i32(b, IR_COND_EQ, ok, old, mips_ll_val);
    mips_set_reg(dc, rt, ok);
    ir_br(b, done);
    ir_label(b, fail);
    mips_set_reg(dc, rt, mips_cst(dc, 0));
    ir_label(b, done);
    ir_mov_i32(b, mips_ll_addr, mips_cst(dc, 0xffffffffu));
    return true;
}

/* ---------------------------------------------------------------- branches */

static uint32_t branch_target(const DisasContext *dc, uint32_t insn)
{
    return dc->pc + 4 + ((uint32_t)(int32_t)(int16_t)(insn & 0xffff) << 2);
}

/* The slot, then the direct exit to dest (unless the slot ended the path). */
static void slot_then_goto(DisasContext *dc, uint32_t dest)
{
    if (mips_gen_delay_slot(dc))
        mips_gen_goto(dc, dest);
}

/*
 * A conditional branch: taken when (a cond b).  The link register (the
 * ...AL forms) is written first, as the branch executes before its slot.
 */
static bool gen_branch(DisasContext *dc, IRCond cond, IRTemp a, IRTemp b, bool likely,
                       bool link)
{
    if (dc->in_slot)
        return false;
    IRBlock *bl = dc->b;
    uint32_t target = branch_target(dc, dc->insn), next = dc->pc + 8;
    dc->next_pc = next;
    if (link)
        ir_mov_i32(bl, mips_r[31], mips_cst(dc, next));
    if (cond == IR_COND_ALWAYS) {
        slot_then_goto(dc, target);
    } else if (cond == IR_COND_NEVER) {
        if (!likely)
            slot_then_goto(dc, next);
        else
            mips_gen_goto(dc, next);
    } else {
        uint32_t not_taken = ir_new_label(bl);
        bool nop = mips_slot_is_nop(dc);
        ir_brcond_i32(bl, ir_cond_invert(cond), a, b, not_taken);
        if (nop && !likely) {
            mips_gen_goto(dc, target);
            ir_label(bl, not_taken);
            mips_gen_goto(dc, next);
        } else {
            slot_then_goto(dc, target);
            ir_label(bl, not_taken);
            if (likely)
                mips_gen_goto(dc, next);
            else
                slot_then_goto(dc, next);
        }
    }
    dc->state = MDISAS_NORETURN;
    return true;
}

/* BEQ, BNE, BLEZ, BGTZ and their likely forms. */
static bool h_branch(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    unsigned op = insn >> 26;
    bool likely = op >= 20;
    int rs = RS, rt = RT;
    IRTemp s = mips_gpr(dc, rs), t = mips_gpr(dc, rt), zero = mips_cst(dc, 0);
    switch (op & 3) {
    case 0: /* BEQ */
        return gen_branch(dc, rs == rt ? IR_COND_ALWAYS : IR_COND_EQ, s, t, likely, false);
    case 1: /* BNE */
        return gen_branch(dc, rs == rt ? IR_COND_NEVER : IR_COND_NE, s, t, likely, false);
    case 2: /* BLEZ */
        return gen_branch(dc, rs == 0 ? IR_COND_ALWAYS : IR_COND_LE, s, zero, likely, false);
    default: /* BGTZ */
        return gen_branch(dc, rs == 0 ? IR_COND_NEVER : IR_COND_GT, s, zero, likely, false);
    }
}

/* REGIMM: BLTZ, BGEZ, BLTZL, BGEZL, BLTZAL, BGEZAL, BLTZALL, BGEZALL. */
static bool h_regimm_branch(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    unsigned op = (insn >> 16) & 31;   /* the rt field selects */
    bool ge = op & 1, likely = (op & 2) != 0, link = (op & 16) != 0;
    int rs = RS;
    IRCond c = ge ? IR_COND_GE : IR_COND_LT;
    if (rs == 0)
        c = ge ? IR_COND_ALWAYS : IR_COND_NEVER;
    return gen_branch(dc, c, mips_gpr(dc, rs), mips_cst(dc, 0), likely, link);
}

static bool h_j(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    if (dc->in_slot)
        return false;
    uint32_t target = ((dc->pc + 4) & 0xf0000000u) | (fld(e, insn, 'j') << 2);
    dc->next_pc = dc->pc + 8;
    if ((insn >> 26) == 3)   /* JAL */
        ir_mov_i32(dc->b, mips_r[31], mips_cst(dc, dc->pc + 8));
    slot_then_goto(dc, target);
    dc->state = MDISAS_NORETURN;
    return true;
}

/* JR, JALR (and the .HB forms: hazards do not exist here).  The target is
 * read before the slot runs, straight into the pc global, which the slot
 * never touches. */
static bool h_jr(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    if (dc->in_slot)
        return false;
    dc->next_pc = dc->pc + 8;
    ir_mov_i32(dc->b, mips_pc, mips_gpr(dc, RS));
    if (FUNCT == 9)
        mips_set_reg(dc, RD, mips_cst(dc, dc->pc + 8));
    if (mips_gen_delay_slot(dc))
        mips_gen_jump_reg(dc, mips_pc);
    dc->state = MDISAS_NORETURN;
    return true;
}

/* ---------------------------------------------------------------- exceptions */

static bool h_syscall(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    if (dc->in_slot)
        return false;
    mips_gen_exit(dc, EXIT_SYSCALL, dc->pc + 4);
    return true;
}

/* BREAK code: Linux takes bits 25:16 as the code when they are nonzero
 * (the assembler puts "break n" there), else bits 15:6. */
static bool h_break(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    uint32_t code = (insn >> 6) & 0xfffff;
    if (code >= (1u << 10))
        code = ((code & 0x3ff) << 10) | (code >> 10);
    mips_gen_exit_info(dc, MIPS_EXIT_TRAP, mips_fault_pc(dc), code);
    return true;
}

static bool h_sdbbp(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    mips_gen_exit(dc, EXIT_BKPT, mips_fault_pc(dc));
    return true;
}

/* Conditional traps: raise when (a cond b); the code is bits 15:6 for the
 * register forms and 0 for the immediate forms. */
static void gen_trap(DisasContext *dc, IRCond cond, IRTemp a, IRTemp b, uint32_t code)
{
    uint32_t skip = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, ir_cond_invert(cond), a, b, skip);
    mips_gen_exit_info(dc, MIPS_EXIT_TRAP, mips_fault_pc(dc), code);
    ir_label(dc->b, skip);
    dc->state = MDISAS_NEXT;
}

static const IRCond trap_conds[8] = {
    IR_COND_GE, IR_COND_GEU, IR_COND_LT, IR_COND_LTU, IR_COND_EQ, IR_COND_NEVER,
    IR_COND_NE, IR_COND_NEVER,
};

static bool h_trap_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRCond c = trap_conds[FUNCT & 7];
    if (c == IR_COND_NEVER)
        return false;
    gen_trap(dc, c, mips_gpr(dc, RS), mips_gpr(dc, RT), (insn >> 6) & 0x3ff);
    return true;
}

static bool h_trap_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    IRCond c = trap_conds[(insn >> 16) & 7];
    if (c == IR_COND_NEVER)
        return false;
    gen_trap(dc, c, mips_gpr(dc, RS), mips_cst(dc, SIMM), 0);
    return true;
}

static bool h_sync(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    ir_mb(dc->b, IR_MB_ALL);
    return true;
}

/* ---------------------------------------------------------------- FPU glue */

static bool h_cop1(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return mips_trans_cop1(dc, insn);
}

static bool h_cop1x(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return mips_trans_cop1x(dc, insn);
}

static bool h_fp_ldst(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return mips_trans_fp_ldst(dc, insn);
}

static bool h_movci(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    return mips_trans_movci(dc, insn);
}

/* ---------------------------------------------------------------- the table */

static DecodeEntry mips_table[] = {
    /* ---- SPECIAL (opcode 0) ---- */
    { "000000 00000 00000 00000 00000 000000", "nop", H(h_nop) },
    { "000000 00000 00000 00000 00001 000000", "ssnop", H(h_nop) },
    { "000000 00000 00000 00000 00011 000000", "ehb", H(h_nop) },
    { "000000 00000 ttttt ddddd aaaaa 000000", "sll", H(h_shift_imm) },
    { "000000 sssss ccc0- ddddd 00000 000001", "movci", H(h_movci) },
    { "000000 0000r ttttt ddddd aaaaa 000010", "srl_rotr", H(h_shift_imm) },
    { "000000 00000 ttttt ddddd aaaaa 000011", "sra", H(h_shift_imm) },
    { "000000 sssss ttttt ddddd 00000 000100", "sllv", H(h_shift_reg) },
    { "000000 sssss ttttt ddddd 0000r 000110", "srlv_rotrv", H(h_shift_reg) },
    { "000000 sssss ttttt ddddd 00000 000111", "srav", H(h_shift_reg) },
    { "000000 sssss 00000 00000 h---- 001000", "jr", H(h_jr) },
    { "000000 sssss 00000 ddddd h---- 001001", "jalr", H(h_jr) },
    { "000000 sssss ttttt ddddd 00000 00101-", "movz_movn", H(h_movzn) },
    { "000000 ---------- ---------- 001100", "syscall", H(h_syscall) },
    { "000000 ---------- ---------- 001101", "break", H(h_break) },
    { "000000 00000 00000 00000 ----- 001111", "sync", H(h_sync) },
    { "000000 00000 00000 ddddd 00000 010000", "mfhi", H(h_mfhilo) },
    { "000000 sssss 00000 00000 00000 010001", "mthi", H(h_mthilo) },
    { "000000 00000 00000 ddddd 00000 010010", "mflo", H(h_mfhilo) },
    { "000000 sssss 00000 00000 00000 010011", "mtlo", H(h_mthilo) },
    { "000000 sssss ttttt 00000 00000 01100-", "mult", H(h_mult) },
    { "000000 sssss ttttt 00000 00000 01101-", "div", H(h_div) },
    { "000000 sssss ttttt ddddd 00000 100---", "alu_reg", H(h_alu_reg) },
    { "000000 sssss ttttt ddddd 00000 10101-", "slt", H(h_alu_reg) },
    { "000000 sssss ttttt cccccccccc 110---", "trap_reg", H(h_trap_reg) },
    { "000000 -------------------- ------", "special_undef", NULL },

    /* ---- REGIMM (opcode 1) ---- */
    { "000001 sssss 000-- iiiiiiiiiiiiiiii", "bltz_bgez", H(h_regimm_branch) },
    { "000001 sssss 100-- iiiiiiiiiiiiiiii", "bltzal_bgezal", H(h_regimm_branch) },
    { "000001 sssss 01--- iiiiiiiiiiiiiiii", "trap_imm", H(h_trap_imm) },
    { "000001 sssss 11111 iiiiiiiiiiiiiiii", "synci", H(h_nop) },
    { "000001 -------------------- ------", "regimm_undef", NULL },

    /* ---- jumps and branches ---- */
    { "00001- jjjjjjjjjjjjjjjjjjjjjjjjjj", "j_jal", H(h_j) },
    { "0001-- sssss ttttt iiiiiiiiiiiiiiii", "branch", H(h_branch) },
    { "0101-- sssss ttttt iiiiiiiiiiiiiiii", "branch_likely", H(h_branch) },

    /* ---- immediate ALU ---- */
    { "001111 00000 ttttt iiiiiiiiiiiiiiii", "lui", H(h_alu_imm) },
    { "001--- sssss ttttt iiiiiiiiiiiiiiii", "alu_imm", H(h_alu_imm) },

    /* ---- coprocessors ---- */
    { "010001 -------------------- ------", "cop1", H(h_cop1) },
    { "010011 -------------------- ------", "cop1x", H(h_cop1x) },
    /* COP0 (privileged), COP2 (none): coprocessor unusable */
    { "0100-- -------------------- ------", "cop_undef", NULL },

    /* ---- SPECIAL2 (opcode 28) ---- */
    { "011100 sssss ttttt 00000 00000 00000-", "madd", H(h_madd) },
    { "011100 sssss ttttt 00000 00000 00010-", "msub", H(h_madd) },
    { "011100 sssss ttttt ddddd 00000 000010", "mul", H(h_mul) },
    { "011100 sssss ttttt ddddd 00000 10000-", "clz_clo", H(h_clz) },
    { "011100 -------------------- 111111", "sdbbp", H(h_sdbbp) },

    /* ---- SPECIAL3 (opcode 31) ---- */
    { "011111 sssss ttttt ddddd aaaaa 000000", "ext", H(h_ext) },
    { "011111 sssss ttttt ddddd aaaaa 000100", "ins", H(h_ins) },
    { "011111 00000 ttttt ddddd aaaaa 100000", "bshfl", H(h_bshfl) },
    { "011111 00000 ttttt ddddd 00000 111011", "rdhwr", H(h_rdhwr) },

    /* ---- loads and stores ---- */
    { "100-00 sssss ttttt iiiiiiiiiiiiiiii", "lb_lbu", H(h_load) },
    { "100-01 sssss ttttt iiiiiiiiiiiiiiii", "lh_lhu", H(h_load) },
    { "100011 sssss ttttt iiiiiiiiiiiiiiii", "lw", H(h_load) },
    { "100010 sssss ttttt iiiiiiiiiiiiiiii", "lwl", H(h_lwlr) },
    { "100110 sssss ttttt iiiiiiiiiiiiiiii", "lwr", H(h_lwlr) },
    { "10100- sssss ttttt iiiiiiiiiiiiiiii", "sb_sh", H(h_store) },
    { "101011 sssss ttttt iiiiiiiiiiiiiiii", "sw", H(h_store) },
    { "101010 sssss ttttt iiiiiiiiiiiiiiii", "swl", H(h_lwlr) },
    { "101110 sssss ttttt iiiiiiiiiiiiiiii", "swr", H(h_lwlr) },
    { "110000 sssss ttttt iiiiiiiiiiiiiiii", "ll", H(h_ll) },
    { "111000 sssss ttttt iiiiiiiiiiiiiiii", "sc", H(h_sc) },
    { "110011 sssss ttttt iiiiiiiiiiiiiiii", "pref", H(h_nop) },
    { "11-001 -------------------- ------", "lwc1_swc1", H(h_fp_ldst) },
    { "11-101 -------------------- ------", "ldc1_sdc1", H(h_fp_ldst) },
    /* CACHE (privileged), LWC2/LDC2/SWC2/SDC2 and the rest: reserved */
    DECODE_END
};

void mips_decode_init(void)
{
    decode_compile(mips_table);
}

void mips_translate_insn(DisasContext *dc, uint32_t insn)
{
    dc->insn = insn;
    const DecodeEntry *e = decode_lookup(mips_table, insn);
    MipsHandler *h = e ? (MipsHandler *)e->handler : NULL;
    if (!h || !h(dc, e, insn)) {
        dc->insn = insn;
        mips_gen_undef(dc);
    }
}

/* BC1F/BC1T and the likely forms branch on FCC[cc]; the FPU file decodes
 * them and calls back here for the branch itself. */
bool mips_gen_branch_fcc(DisasContext *dc, int cc, bool tf, bool likely);
bool mips_gen_branch_fcc(DisasContext *dc, int cc, bool tf, bool likely)
{
    IRTemp bitv = mips_tmp(dc);
    ir_extract_i32(dc->b, bitv, mips_fcc, cc, 1);
    return gen_branch(dc, tf ? IR_COND_NE : IR_COND_EQ, bitv, mips_cst(dc, 0), likely, false);
}
