/*
 * ARM loads and stores: single registers (word, byte, halfword, signed),
 * doublewords, LDM/STM, exclusives and SWP.
 *
 * Ordering: every memory access of an instruction is emitted before its
 * register writes where the architecture allows it, so a fault leaves the
 * registers as they were before the instruction (the engine rebuilds guest
 * state at the faulting access).  Stores of multiple words may complete
 * partially before a fault, as on hardware.
 *
 * Exclusives use the host's compare-and-swap: LDREX records the address
 * and the value loaded, STREX succeeds when the monitor holds the same
 * address and memory still holds that value.  A store of the same value by
 * another thread in between (ABA) is not detected; the Linux primitives
 * built on LDREX/STREX do not depend on it.
 */
#include "frontend/arm/translate.h"

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

/* base +/- offset in a fresh temp. */
static IRTemp add_offset(DisasContext *dc, IRTemp base, IRTemp off, bool u)
{
    IRTemp t = tmp(dc);
    if (u)
        ir_add_i32(dc->b, t, base, off);
    else
        ir_sub_i32(dc->b, t, base, off);
    return t;
}

/* Addressing shared by all single and doubleword forms. */
typedef struct LsAddr {
    IRTemp addr;       /* address of the (first) access */
    IRTemp wb;         /* value written back to rn */
    bool writeback;
} LsAddr;

static LsAddr ls_addr(DisasContext *dc, int rn, IRTemp off, bool p, bool u, bool w)
{
    IRTemp base = arm_load_reg_lit(dc, rn);
    IRTemp offs = add_offset(dc, base, off, u);
    return (LsAddr){ .addr = p ? offs : base, .wb = offs, .writeback = !p || w };
}

/* Writeback with rn == 15 is UNPREDICTABLE. */
static bool wb_valid(int rn, bool p, bool w)
{
    return !((!p || w) && rn == 15);
}

static bool is_word(MemOp mo)
{
    return (mo & MO_SIZE) == MO_32;
}

/* ---------------------------------------------------------------- single registers */

static void gen_load(DisasContext *dc, int rt, int rn, LsAddr la, MemOp mo)
{
    IRTemp v = arm_gen_ld(dc, la.addr, mo);
    /* rn == rt with writeback is UNPREDICTABLE: the loaded value wins. */
    if (la.writeback)
        arm_store_reg(dc, rn, la.wb);
    arm_store_reg_load(dc, rt, v);
}

static void gen_store(DisasContext *dc, int rt, int rn, LsAddr la, MemOp mo, IRTemp v)
{
    arm_gen_st(dc, v, la.addr, mo);
    if (la.writeback)
        arm_store_reg(dc, rn, la.wb);
}

static bool ld_valid(int rt, int rn, bool p, bool w, MemOp mo)
{
    return wb_valid(rn, p, w) && (rt != 15 || is_word(mo));
}

static bool st_valid(int rt, int rn, bool p, bool w, MemOp mo)
{
    return wb_valid(rn, p, w) && (rt != 15 || is_word(mo));
}

bool arm_trans_ld_imm(DisasContext *dc, const ArmArgLdstImm *a, MemOp mo)
{
    if (!ld_valid(a->rt, a->rn, a->p, a->w, mo))
        return false;
    gen_load(dc, a->rt, a->rn, ls_addr(dc, a->rn, cst(dc, a->imm), a->p, a->u, a->w), mo);
    return true;
}

bool arm_trans_st_imm(DisasContext *dc, const ArmArgLdstImm *a, MemOp mo)
{
    if (!st_valid(a->rt, a->rn, a->p, a->w, mo))
        return false;
    IRTemp v = arm_load_reg(dc, a->rt);
    gen_store(dc, a->rt, a->rn, ls_addr(dc, a->rn, cst(dc, a->imm), a->p, a->u, a->w), mo, v);
    return true;
}

static IRTemp reg_offset(DisasContext *dc, const ArmArgLdstReg *a)
{
    return arm_gen_shift_imm(dc, arm_load_reg(dc, a->rm), a->shtype, a->shimm, false);
}

bool arm_trans_ld_reg(DisasContext *dc, const ArmArgLdstReg *a, MemOp mo)
{
    if (!ld_valid(a->rt, a->rn, a->p, a->w, mo) || a->rm == 15)
        return false;
    gen_load(dc, a->rt, a->rn, ls_addr(dc, a->rn, reg_offset(dc, a), a->p, a->u, a->w), mo);
    return true;
}

bool arm_trans_st_reg(DisasContext *dc, const ArmArgLdstReg *a, MemOp mo)
{
    if (!st_valid(a->rt, a->rn, a->p, a->w, mo) || a->rm == 15)
        return false;
    IRTemp v = arm_load_reg(dc, a->rt);
    gen_store(dc, a->rt, a->rn, ls_addr(dc, a->rn, reg_offset(dc, a), a->p, a->u, a->w), mo, v);
    return true;
}

/* ---------------------------------------------------------------- doublewords */

static IRTemp plus4(DisasContext *dc, IRTemp addr)
{
    IRTemp t = tmp(dc);
    ir_add_i32(dc->b, t, addr, cst(dc, 4));
    return t;
}

/* Two word accesses: LDRD/STRD are only single-copy atomic per word. */
static void gen_ldrd(DisasContext *dc, int rt, int rt2, int rn, LsAddr la)
{
    IRTemp lo = arm_gen_ld(dc, la.addr, MO_32);
    IRTemp hi = arm_gen_ld(dc, plus4(dc, la.addr), MO_32);
    if (la.writeback)
        arm_store_reg(dc, rn, la.wb);
    arm_store_reg(dc, rt, lo);
    arm_store_reg(dc, rt2, hi);
}

static void gen_strd(DisasContext *dc, int rt, int rt2, int rn, LsAddr la,
                     IRTemp lo, IRTemp hi)
{
    arm_gen_st(dc, lo, la.addr, MO_32);
    arm_gen_st(dc, hi, plus4(dc, la.addr), MO_32);
    if (la.writeback)
        arm_store_reg(dc, rn, la.wb);
}

static bool d_valid(int rt, int rt2, int rn, bool p, bool w)
{
    return wb_valid(rn, p, w) && rt != 15 && rt2 != 15;
}

bool arm_trans_ldrd_imm(DisasContext *dc, const ArmArgLdstDImm *a)
{
    if (!d_valid(a->rt, a->rt2, a->rn, a->p, a->w))
        return false;
    gen_ldrd(dc, a->rt, a->rt2, a->rn, ls_addr(dc, a->rn, cst(dc, a->imm), a->p, a->u, a->w));
    return true;
}

bool arm_trans_strd_imm(DisasContext *dc, const ArmArgLdstDImm *a)
{
    if (!d_valid(a->rt, a->rt2, a->rn, a->p, a->w))
        return false;
    IRTemp lo = arm_load_reg(dc, a->rt), hi = arm_load_reg(dc, a->rt2);
    gen_strd(dc, a->rt, a->rt2, a->rn,
             ls_addr(dc, a->rn, cst(dc, a->imm), a->p, a->u, a->w), lo, hi);
    return true;
}

bool arm_trans_ldrd_reg(DisasContext *dc, const ArmArgLdstDReg *a)
{
    if (!d_valid(a->rt, a->rt2, a->rn, a->p, a->w) || a->rm == 15)
        return false;
    IRTemp off = arm_load_reg(dc, a->rm);
    gen_ldrd(dc, a->rt, a->rt2, a->rn, ls_addr(dc, a->rn, off, a->p, a->u, a->w));
    return true;
}

bool arm_trans_strd_reg(DisasContext *dc, const ArmArgLdstDReg *a)
{
    if (!d_valid(a->rt, a->rt2, a->rn, a->p, a->w) || a->rm == 15)
        return false;
    IRTemp lo = arm_load_reg(dc, a->rt), hi = arm_load_reg(dc, a->rt2);
    IRTemp off = arm_load_reg(dc, a->rm);
    gen_strd(dc, a->rt, a->rt2, a->rn, ls_addr(dc, a->rn, off, a->p, a->u, a->w), lo, hi);
    return true;
}

/* ---------------------------------------------------------------- LDM / STM */

/* Offset from rn of the lowest word accessed by an LDM/STM of n words. */
static int32_t ldm_start(const ArmArgLdm *a, int n)
{
    if (a->inc)
        return a->before ? 4 : 0;
    return a->before ? -4 * n : -4 * n + 4;
}

static void ldm_writeback(DisasContext *dc, const ArmArgLdm *a, IRTemp base, int n)
{
    if (!a->w)
        return;
    IRTemp t = tmp(dc);
    ir_add_i32(dc->b, t, base, cst(dc, (uint32_t)(a->inc ? 4 * n : -4 * n)));
    arm_store_reg(dc, a->rn, t);
}

static IRTemp ldm_addr(DisasContext *dc, IRTemp base, int32_t off)
{
    IRTemp t = tmp(dc);
    ir_add_i32(dc->b, t, base, cst(dc, (uint32_t)off));
    return t;
}

bool arm_trans_ldm(DisasContext *dc, const ArmArgLdm *a)
{
    int n = __builtin_popcount(a->list & 0xffff);
    if (n == 0 || a->rn == 15)
        return false;
    IRTemp base = arm_load_reg(dc, a->rn);
    IRTemp vals[16];
    int32_t off = ldm_start(a, n);
    for (int r = 0; r < 16; r++) {
        if (a->list & (1u << r)) {
            vals[r] = arm_gen_ld(dc, ldm_addr(dc, base, off), MO_32);
            off += 4;
        }
    }
    /* rn in the list with writeback: the loaded value wins. */
    ldm_writeback(dc, a, base, n);
    for (int r = 0; r < 15; r++) {
        if (a->list & (1u << r))
            arm_store_reg(dc, r, vals[r]);
    }
    if (a->list & (1u << 15))
        arm_store_reg_load(dc, 15, vals[15]);
    return true;
}

/* Registers are read before any store, so a stored rn is its original
 * value (the architecture leaves it UNKNOWN unless rn is the lowest). */
bool arm_trans_stm(DisasContext *dc, const ArmArgLdm *a)
{
    int n = __builtin_popcount(a->list & 0xffff);
    if (n == 0 || a->rn == 15)
        return false;
    IRTemp base = arm_load_reg(dc, a->rn);
    IRTemp vals[16];
    for (int r = 0; r < 16; r++) {
        if (a->list & (1u << r))
            vals[r] = arm_load_reg(dc, r);
    }
    int32_t off = ldm_start(a, n);
    for (int r = 0; r < 16; r++) {
        if (a->list & (1u << r)) {
            arm_gen_st(dc, vals[r], ldm_addr(dc, base, off), MO_32);
            off += 4;
        }
    }
    ldm_writeback(dc, a, base, n);
    return true;
}

/* ---------------------------------------------------------------- exclusives */

static IRTemp excl_addr(DisasContext *dc, const ArmArgExcl *a)
{
    IRTemp t = tmp(dc);
    ir_add_i32(dc->b, t, arm_load_reg(dc, a->rn), cst(dc, a->imm));
    return t;
}

/* A 64-bit value of memory (raw host-order bytes) from/to two registers in
 * the data endianness: the word at the lower address is rt. */
static IRTemp word_mem_order(DisasContext *dc, IRTemp v)
{
    if (!dc->be_data)
        return v;
    IRTemp t = tmp(dc);
    ir_bswap32_i32(dc->b, t, v);
    return t;
}

static void gen_ldrexd(DisasContext *dc, const ArmArgExcl *a, IRTemp addr)
{
    IRBlock *b = dc->b;
    IRTemp raw = ir_temp_i64(b), lo = tmp(dc), hi = tmp(dc);
    ir_ld_i64(b, raw, addr, MO_64);
    ir_extrl_i64_i32(b, lo, raw);
    ir_extrh_i64_i32(b, hi, raw);
    ir_mov_i32(b, arm_excl_addr, addr);
    ir_mov_i32(b, arm_excl_val, lo);
    ir_mov_i32(b, arm_excl_val_hi, hi);
    arm_store_reg(dc, a->rt, word_mem_order(dc, lo));
    arm_store_reg(dc, a->rt2, word_mem_order(dc, hi));
}

bool arm_trans_ldrex(DisasContext *dc, const ArmArgExcl *a, MemOp mo)
{
    bool dbl = (mo & MO_SIZE) == MO_64;
    if (a->rt == 15 || a->rn == 15 || (dbl && (a->rt2 == 15 || a->rt2 == a->rt)))
        return false;
    IRTemp addr = excl_addr(dc, a);
    if (dbl) {
        gen_ldrexd(dc, a, addr);
        return true;
    }
    IRTemp v = arm_gen_ld(dc, addr, mo);
    ir_mov_i32(dc->b, arm_excl_addr, addr);
    ir_mov_i32(dc->b, arm_excl_val, v);
    arm_store_reg(dc, a->rt, v);
    return true;
}

/* The compare-and-swap of STREX; returns 0/1 (1 = failed) in a fresh temp. */
static IRTemp strex_cas(DisasContext *dc, const ArmArgExcl *a, IRTemp addr, MemOp mo)
{
    IRBlock *b = dc->b;
    IRTemp fail = tmp(dc);
    if ((mo & MO_SIZE) == MO_64) {
        IRTemp exp = ir_temp_i64(b), nv = ir_temp_i64(b), old = ir_temp_i64(b);
        IRTemp lo = word_mem_order(dc, arm_load_reg(dc, a->rt));
        IRTemp hi = word_mem_order(dc, arm_load_reg(dc, a->rt2));
        ir_concat_i32_i64(b, nv, lo, hi);
        ir_concat_i32_i64(b, exp, arm_excl_val, arm_excl_val_hi);
        ir_cmpxchg_i64(b, old, addr, exp, nv, MO_64);
        ir_setcond_i64(b, IR_COND_NE, fail, old, exp);
    } else {
        IRTemp old = tmp(dc);
        ir_cmpxchg_i32(b, old, addr, arm_excl_val, arm_load_reg(dc, a->rt),
                       arm_data_memop(dc, mo));
        ir_setcond_i32(b, IR_COND_NE, fail, old, arm_excl_val);
    }
    return fail;
}

bool arm_trans_strex(DisasContext *dc, const ArmArgExcl *a, MemOp mo)
{
    bool dbl = (mo & MO_SIZE) == MO_64;
    if (a->rd == 15 || a->rt == 15 || a->rn == 15 || a->rd == a->rn || a->rd == a->rt ||
        (dbl && (a->rt2 == 15 || a->rd == a->rt2)))
        return false;
    IRBlock *b = dc->b;
    uint32_t l_fail = ir_new_label(b), l_done = ir_new_label(b);
    IRTemp addr = excl_addr(dc, a);

    /* Temps die at labels: both paths write the result register itself. */
    ir_brcond_i32(b, IR_COND_NE, arm_excl_addr, addr, l_fail);
    ir_mov_i32(b, arm_r[a->rd], strex_cas(dc, a, addr, mo));
    ir_br(b, l_done);
    ir_label(b, l_fail);
    ir_mov_i32(b, arm_r[a->rd], cst(dc, 1));
    ir_label(b, l_done);
    ir_mov_i32(b, arm_excl_addr, cst(dc, ~0u));
    return true;
}

bool arm_trans_clrex(DisasContext *dc)
{
    ir_mov_i32(dc->b, arm_excl_addr, cst(dc, ~0u));
    return true;
}

bool arm_trans_swp(DisasContext *dc, int rt, int rt2, int rn, MemOp mo)
{
    if (rt == 15 || rt2 == 15 || rn == 15 || rn == rt || rn == rt2)
        return false;
    IRTemp old = tmp(dc);
    ir_xchg_i32(dc->b, old, arm_load_reg(dc, rn), arm_load_reg(dc, rt2),
                arm_data_memop(dc, mo));
    arm_store_reg(dc, rt, old);
    return true;
}
