/*
 * ARM frontend core: the IR globals, register access, condition codes,
 * flag computation, the shifter, guest memory access, block exits and the
 * block loop (arm_translate).  Everything here is shared by the A32 and
 * Thumb decoders; see translate.h for the contract.
 *
 * Block exits follow one rule: before any goto_tb, exit_tb or lookup_goto,
 * env describes the next instruction to run (r15, thumb, itstate).  The
 * thumb and itstate globals are written only when they differ from the
 * values the block was entered with, which are part of the block key.
 */
#include "frontend/arm/translate.h"

#include <stddef.h>
#include <string.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "exec/tb.h"

IRTemp arm_r[16];
IRTemp arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
IRTemp arm_thumb, arm_itstate, arm_excl_addr, arm_excl_val, arm_excl_val_hi;

static IRContext arm_ctx;

/* ---------------------------------------------------------------- init */

static IRTemp env_global(const char *name, size_t offset)
{
    return ir_context_global(&arm_ctx, IR_I32, (int32_t)offset, name);
}

void arm_translate_init(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };
    ir_context_init(&arm_ctx);
    for (int i = 0; i < 16; i++)
        arm_r[i] = env_global(names[i], offsetof(ArmCPU, r) + 4 * i);
    arm_NF = env_global("NF", offsetof(ArmCPU, NF));
    arm_ZF = env_global("ZF", offsetof(ArmCPU, ZF));
    arm_CF = env_global("CF", offsetof(ArmCPU, CF));
    arm_VF = env_global("VF", offsetof(ArmCPU, VF));
    arm_QF = env_global("QF", offsetof(ArmCPU, QF));
    arm_GE = env_global("GE", offsetof(ArmCPU, GE));
    arm_thumb = env_global("thumb", offsetof(ArmCPU, thumb));
    arm_itstate = env_global("itstate", offsetof(ArmCPU, itstate));
    arm_excl_addr = env_global("excl_addr", offsetof(ArmCPU, excl_addr));
    arm_excl_val = env_global("excl_val", offsetof(ArmCPU, excl_val));
    arm_excl_val_hi = env_global("excl_val_hi", offsetof(ArmCPU, excl_val_hi));
    arm_ctx.pc_global = arm_r[15];
    arm_ctx.vec_sat_offset = (int32_t)offsetof(ArmCPU, fpscr);
    arm_ctx.vec_sat_mask = 1u << 27;   /* FPSCR.QC */
    /* The condition flags a block computes but every successor overwrites
     * unread (flags_live.c) are not worth computing for a signal handler's
     * view of a fault: it sees them stale, as it may at block exits. */
    arm_ctx.fault_lazy[arm_NF] = arm_ctx.fault_lazy[arm_ZF] = 1;
    arm_ctx.fault_lazy[arm_CF] = arm_ctx.fault_lazy[arm_VF] = 1;
    arm_decode_a32_init();
    arm_decode_thumb_init();
}

const IRContext *arm_ir_context(void)
{
    return &arm_ctx;
}

/* ---------------------------------------------------------------- small helpers */

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

/* A fresh (writable) temp holding the constant v. */
static IRTemp tmp_const(DisasContext *dc, uint32_t v)
{
    IRTemp t = tmp(dc);
    ir_mov_i32(dc->b, t, cst(dc, v));
    return t;
}

uint32_t arm_pc_read(const DisasContext *dc)
{
    return dc->pc + (dc->thumb ? 4 : 8);
}

/* ---------------------------------------------------------------- registers */

IRTemp arm_load_reg(DisasContext *dc, int r)
{
    if (r == 15)
        return tmp_const(dc, arm_pc_read(dc));
    IRTemp t = tmp(dc);
    ir_mov_i32(dc->b, t, arm_r[r]);
    return t;
}

IRTemp arm_load_reg_lit(DisasContext *dc, int r)
{
    if (r == 15)
        return tmp_const(dc, arm_pc_read(dc) & ~3u);
    return arm_load_reg(dc, r);
}

void arm_store_reg(DisasContext *dc, int r, IRTemp v)
{
    if (r == 15) {
        arm_gen_branch_reg(dc, v);
        return;
    }
    ir_mov_i32(dc->b, arm_r[r], v);
}

void arm_store_reg_alu(DisasContext *dc, int r, IRTemp v)
{
    if (r == 15 && !dc->thumb)
        arm_gen_bx(dc, v);
    else
        arm_store_reg(dc, r, v);
}

void arm_store_reg_load(DisasContext *dc, int r, IRTemp v)
{
    if (r == 15)
        arm_gen_bx(dc, v);
    else
        arm_store_reg(dc, r, v);
}

/* ---------------------------------------------------------------- conditions */

/*
 * With the split flag representation every condition is one brcond on a
 * flag, or on one or two ops combining flags:
 *   HI (C && !Z): ZF & -CF is nonzero;
 *   GE (N == V):  (NF ^ VF) >= 0;
 *   GT (!Z && GE): ZF & ~((NF ^ VF) >> 31 arithmetic) is nonzero.
 * Odd conditions are the inverses of the even ones.
 */
void arm_gen_test_cc(DisasContext *dc, int cond, uint32_t label)
{
    IRBlock *b = dc->b;
    bool inv = cond & 1;
    IRTemp zero = cst(dc, 0);
    IRTemp t;

    switch (cond >> 1) {
    case 0: /* EQ / NE */
        ir_brcond_i32(b, inv ? IR_COND_NE : IR_COND_EQ, arm_ZF, zero, label);
        break;
    case 1: /* CS / CC */
        ir_brcond_i32(b, inv ? IR_COND_EQ : IR_COND_NE, arm_CF, zero, label);
        break;
    case 2: /* MI / PL */
        ir_brcond_i32(b, inv ? IR_COND_GE : IR_COND_LT, arm_NF, zero, label);
        break;
    case 3: /* VS / VC */
        ir_brcond_i32(b, inv ? IR_COND_GE : IR_COND_LT, arm_VF, zero, label);
        break;
    case 4: /* HI / LS */
        t = tmp(dc);
        ir_neg_i32(b, t, arm_CF);
        ir_brcond_i32(b, inv ? IR_COND_TSTEQ : IR_COND_TSTNE, arm_ZF, t, label);
        break;
    case 5: /* GE / LT */
        t = tmp(dc);
        ir_xor_i32(b, t, arm_NF, arm_VF);
        ir_brcond_i32(b, inv ? IR_COND_LT : IR_COND_GE, t, zero, label);
        break;
    case 6: /* GT / LE */
        t = tmp(dc);
        ir_xor_i32(b, t, arm_NF, arm_VF);
        ir_sar_i32(b, t, t, cst(dc, 31));
        ir_andc_i32(b, t, arm_ZF, t);
        ir_brcond_i32(b, inv ? IR_COND_EQ : IR_COND_NE, t, zero, label);
        break;
    default: /* AL */
        FERRY_ASSERT(cond == 14);
        ir_br(b, label);
        break;
    }
}

void arm_gen_cond_begin(DisasContext *dc, int cond)
{
    if (cond >= 14)
        return;
    FERRY_ASSERT(dc->cond_skip == ~0u);
    dc->cond_skip = ir_new_label(dc->b);
    arm_gen_test_cc(dc, cond ^ 1, dc->cond_skip);
}

/* A conditional instruction that always left the block (a branch, SVC)
 * still falls through when its condition fails. */
void arm_gen_cond_end(DisasContext *dc)
{
    if (dc->cond_skip == ~0u)
        return;
    ir_label(dc->b, dc->cond_skip);
    dc->cond_skip = ~0u;
    if (dc->state == DISAS_NORETURN)
        dc->state = DISAS_NEXT;
}

/* ---------------------------------------------------------------- flags */

void arm_gen_logic_cc(DisasContext *dc, IRTemp result)
{
    ir_mov_i32(dc->b, arm_NF, result);
    ir_mov_i32(dc->b, arm_ZF, result);
}

/* Shared tail of the add/sub flag setters: res and carry are fresh temps,
 * vxor is the operand term of the overflow formula. */
static void set_arith_flags(DisasContext *dc, IRTemp d, IRTemp res, IRTemp carry,
                            IRTemp a, IRTemp b2, bool sub)
{
    IRBlock *b = dc->b;
    IRTemp t1 = tmp(dc), t2 = tmp(dc);
    ir_xor_i32(b, t1, res, a);
    ir_xor_i32(b, t2, a, b2);
    if (sub)
        ir_and_i32(b, arm_VF, t1, t2);    /* (res ^ a) & (a ^ b) */
    else
        ir_andc_i32(b, arm_VF, t1, t2);   /* (res ^ a) & ~(a ^ b) */
    ir_mov_i32(b, arm_CF, carry);
    ir_mov_i32(b, arm_NF, res);
    ir_mov_i32(b, arm_ZF, res);
    ir_mov_i32(b, d, res);
}

static void gen_addsub_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b2,
                          IRTemp cin, bool sub)
{
    IRTemp res = tmp(dc), carry = tmp(dc);
    if (sub)
        ir_subc_i32(dc->b, res, carry, a, b2, cin);
    else
        ir_addc_i32(dc->b, res, carry, a, b2, cin);
    set_arith_flags(dc, d, res, carry, a, b2, sub);
}

void arm_gen_add_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b)
{
    gen_addsub_cc(dc, d, a, b, cst(dc, 0), false);
}

void arm_gen_adc_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b)
{
    gen_addsub_cc(dc, d, a, b, arm_CF, false);
}

void arm_gen_sub_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b)
{
    gen_addsub_cc(dc, d, a, b, cst(dc, 1), true);
}

void arm_gen_sbc_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b)
{
    gen_addsub_cc(dc, d, a, b, arm_CF, true);
}

/* ---------------------------------------------------------------- shifts */

static void set_cf_bit(DisasContext *dc, IRTemp v, unsigned bit)
{
    ir_extract_i32(dc->b, arm_CF, v, bit, 1);
}

/* RRX: (C << 31) | (v >> 1); the new C is bit 0 of v. */
static IRTemp gen_rrx(DisasContext *dc, IRTemp v, bool set_carry)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc), t = tmp(dc);
    ir_shr_i32(b, r, v, cst(dc, 1));
    ir_shl_i32(b, t, arm_CF, cst(dc, 31));
    ir_or_i32(b, r, r, t);
    if (set_carry)
        ir_and_i32(b, arm_CF, v, cst(dc, 1));
    return r;
}

IRTemp arm_gen_shift_imm(DisasContext *dc, IRTemp v, int shtype, int amount,
                         bool set_carry)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc);

    switch (shtype) {
    case 0: /* LSL */
        if (amount == 0) {
            ir_mov_i32(b, r, v);
            break;
        }
        if (set_carry)
            set_cf_bit(dc, v, 32 - amount);
        ir_shl_i32(b, r, v, cst(dc, amount));
        break;
    case 1: /* LSR; #0 encodes #32 */
        if (amount == 0)
            amount = 32;
        if (set_carry)
            set_cf_bit(dc, v, amount - 1);
        if (amount == 32)
            ir_mov_i32(b, r, cst(dc, 0));
        else
            ir_shr_i32(b, r, v, cst(dc, amount));
        break;
    case 2: /* ASR; #0 encodes #32 */
        if (amount == 0)
            amount = 32;
        if (set_carry)
            set_cf_bit(dc, v, amount - 1);
        ir_sar_i32(b, r, v, cst(dc, amount == 32 ? 31 : amount));
        break;
    default: /* ROR; #0 encodes RRX */
        if (amount == 0)
            return gen_rrx(dc, v, set_carry);
        ir_rotr_i32(b, r, v, cst(dc, amount));
        if (set_carry)
            ir_shr_i32(b, arm_CF, r, cst(dc, 31));
        break;
    }
    return r;
}

/* min(amt, limit) for an unsigned amount. */
static IRTemp clamp_amount(DisasContext *dc, IRTemp amt, uint32_t limit)
{
    IRTemp c = tmp(dc);
    ir_movcond_i32(dc->b, IR_COND_GTU, c, amt, cst(dc, limit), cst(dc, limit), amt);
    return c;
}

/* Register shifts without carry-out: IR shifts take the count modulo 32,
 * so counts of 32 and more are handled with a select. */
static IRTemp shift_reg_nocarry(DisasContext *dc, IRTemp v, int shtype, IRTemp amt)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc);
    switch (shtype) {
    case 0:
    case 1:
        if (shtype == 0)
            ir_shl_i32(b, r, v, amt);
        else
            ir_shr_i32(b, r, v, amt);
        ir_movcond_i32(b, IR_COND_GEU, r, amt, cst(dc, 32), cst(dc, 0), r);
        break;
    case 2:
        ir_sar_i32(b, r, v, clamp_amount(dc, amt, 31));
        break;
    default:
        ir_rotr_i32(b, r, v, amt);
        break;
    }
    return r;
}

/*
 * Register shifts with carry-out work on 64 bits so that the last bit
 * shifted out lands at a fixed position: LSL shifts v up from bit 0 and
 * the carry is bit 32; LSR/ASR shift v down from bits 63:32 and the carry
 * is bit 31.  Clamping the count to 33 (32 for ASR) gives the ARM results
 * for every count up to 255.
 */
static IRTemp shift_reg_carry(DisasContext *dc, IRTemp v, int shtype, IRTemp amt)
{
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc), c = tmp(dc);
    IRTemp x = ir_temp_i64(b), n = ir_temp_i64(b);

    if (shtype == 3) {
        ir_rotr_i32(b, r, v, amt);
        ir_shr_i32(b, c, r, cst(dc, 31));
    } else if (shtype == 0) {
        ir_extu_i32_i64(b, n, clamp_amount(dc, amt, 33));
        ir_extu_i32_i64(b, x, v);
        ir_shl_i64(b, x, x, n);
        ir_extrl_i64_i32(b, r, x);
        ir_extrh_i64_i32(b, c, x);
        ir_and_i32(b, c, c, cst(dc, 1));
    } else {
        ir_extu_i32_i64(b, n, clamp_amount(dc, amt, shtype == 1 ? 33 : 32));
        ir_concat_i32_i64(b, x, cst(dc, 0), v);
        if (shtype == 1)
            ir_shr_i64(b, x, x, n);
        else
            ir_sar_i64(b, x, x, n);
        ir_extrh_i64_i32(b, r, x);
        ir_extrl_i64_i32(b, c, x);
        ir_shr_i32(b, c, c, cst(dc, 31));
    }
    /* A zero count leaves C unchanged. */
    ir_movcond_i32(b, IR_COND_EQ, arm_CF, amt, cst(dc, 0), arm_CF, c);
    return r;
}

IRTemp arm_gen_shift_reg(DisasContext *dc, IRTemp v, int shtype, IRTemp amount,
                         bool set_carry)
{
    IRTemp amt = tmp(dc);
    ir_and_i32(dc->b, amt, amount, cst(dc, 0xff));
    if (set_carry)
        return shift_reg_carry(dc, v, shtype, amt);
    return shift_reg_nocarry(dc, v, shtype, amt);
}

/* ---------------------------------------------------------------- memory */

MemOp arm_data_memop(const DisasContext *dc, MemOp mo)
{
    if ((mo & MO_SIZE) != MO_8 && dc->be_data)
        mo |= MO_BSWAP;
    return mo;
}

IRTemp arm_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo)
{
    IRTemp t = tmp(dc);
    ir_ld_i32(dc->b, t, addr, arm_data_memop(dc, mo));
    return t;
}

void arm_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo)
{
    ir_st_i32(dc->b, val, addr, arm_data_memop(dc, mo));
}

/* ---------------------------------------------------------------- exits */

static bool block_thumb(const DisasContext *dc)
{
    return (dc->b->flags & ARM_TBFLAG_THUMB) != 0;
}

static uint32_t block_itstate(const DisasContext *dc)
{
    return (dc->b->flags >> ARM_TBFLAG_IT_SHIFT) & 0xff;
}

/* Decode flags of the block that runs next (same data endianness). */
static uint32_t next_flags(const DisasContext *dc, bool thumb, uint32_t itstate)
{
    return (thumb ? ARM_TBFLAG_THUMB : 0) | (dc->be_data ? ARM_TBFLAG_BE_DATA : 0) |
           (dc->b->flags & ARM_TBFLAG_FZ) | itstate << ARM_TBFLAG_IT_SHIFT;
}

/* Write pc, thumb and itstate of the next instruction (the exit rule). */
static void set_next_state(DisasContext *dc, uint32_t pc, bool thumb, uint32_t itstate)
{
    ir_mov_i32(dc->b, arm_r[15], cst(dc, pc));
    if (thumb != block_thumb(dc))
        ir_mov_i32(dc->b, arm_thumb, cst(dc, thumb));
    if (itstate != block_itstate(dc))
        ir_mov_i32(dc->b, arm_itstate, cst(dc, itstate));
}

/* Flags the target overwrites before reading need not be computed here. */
static void discard_dead_flags(DisasContext *dc, uint32_t dest, bool thumb, uint32_t itstate)
{
    unsigned killed = arm_flags_killed_at(dest, thumb, itstate, dc->b->pc & GUEST_PAGE_MASK);
    if (killed & 8)
        ir_discard_i32(dc->b, arm_NF);
    if (killed & 4)
        ir_discard_i32(dc->b, arm_ZF);
    if (killed & 2)
        ir_discard_i32(dc->b, arm_CF);
    if (killed & 1)
        ir_discard_i32(dc->b, arm_VF);
}

static void gen_goto(DisasContext *dc, uint32_t dest, bool thumb, uint32_t itstate)
{
    uint32_t flags = next_flags(dc, thumb, itstate);
    set_next_state(dc, dest, thumb, itstate);
    discard_dead_flags(dc, dest, thumb, itstate);
    if (dc->slots_used < TB_MAX_SLOTS)
        ir_goto_tb(dc->b, dc->slots_used++, dest, flags);
    else
        ir_lookup_goto(dc->b, cst(dc, dest), cst(dc, flags));
    dc->state = DISAS_NORETURN;
}

void arm_gen_jmp(DisasContext *dc, uint32_t dest, bool thumb)
{
    gen_goto(dc, dest, thumb, 0);
}

void arm_gen_branch_reg(DisasContext *dc, IRTemp dest)
{
    IRBlock *b = dc->b;
    ir_andc_i32(b, arm_r[15], dest, cst(dc, dc->thumb ? 1 : 3));
    if (block_itstate(dc) != 0)
        ir_mov_i32(b, arm_itstate, cst(dc, 0));
    ir_lookup_goto(b, arm_r[15], cst(dc, next_flags(dc, dc->thumb, 0)));
    dc->state = DISAS_NORETURN;
}

void arm_gen_bx(DisasContext *dc, IRTemp dest)
{
    IRBlock *b = dc->b;
    IRTemp flags = tmp(dc);
    ir_and_i32(b, arm_thumb, dest, cst(dc, 1));
    ir_andc_i32(b, arm_r[15], dest, cst(dc, 1));
    if (block_itstate(dc) != 0)
        ir_mov_i32(b, arm_itstate, cst(dc, 0));
    ir_or_i32(b, flags, arm_thumb, cst(dc, next_flags(dc, false, 0)));
    ir_lookup_goto(b, arm_r[15], flags);
    dc->state = DISAS_NORETURN;
}

/* dc->itstate is already the next instruction's ITSTATE while a Thumb
 * instruction is translated (the Thumb decoder advances it first and
 * restores the instruction's own state for exits reporting it). */
void arm_gen_exit(DisasContext *dc, int exit_code, uint32_t pc)
{
    set_next_state(dc, pc, dc->thumb, dc->itstate);
    ir_exit_tb(dc->b, exit_code);
    dc->state = DISAS_NORETURN;
}

void arm_gen_undef(DisasContext *dc)
{
    static char site;
    if ((ferry_log_mask & LOG_UNIMP) && ferry_first_time(&site, dc->insn)) {
        bool narrow = dc->thumb && dc->insn <= 0xffff;
        ferry_log("undefined or unsupported %s instruction 0x%0*x at 0x%08x",
                  dc->thumb ? "Thumb" : "ARM", narrow ? 4 : 8, dc->insn, dc->pc);
    }
    arm_gen_exit(dc, EXIT_UNDEF, dc->pc);
}

/* ---------------------------------------------------------------- code fetch */

bool arm_code_fetchable(uint32_t addr)
{
    unsigned f = gmem_page_flags(addr);
    return (f & (PAGE_EXEC | PAGE_READ)) == (PAGE_EXEC | PAGE_READ);
}

/* Instruction fetch is little-endian in ARMv7 whatever CPSR.E says. */
uint32_t arm_fetch32(uint32_t addr)
{
    uint32_t w;
    memcpy(&w, g2h(addr), sizeof(w));
    return w;
}

uint16_t arm_fetch16(uint32_t addr)
{
    uint16_t h;
    memcpy(&h, g2h(addr), sizeof(h));
    return h;
}

/* ---------------------------------------------------------------- block loop */

static void gen_block_end(DisasContext *dc)
{
    switch (dc->state) {
    case DISAS_NEXT:
        gen_goto(dc, dc->pc, dc->thumb, dc->itstate);
        break;
    case DISAS_UPDATE:
        set_next_state(dc, dc->pc, dc->thumb, dc->itstate);
        ir_exit_tb(dc->b, EXIT_LOOKUP);
        break;
    default:
        break;
    }
}

/* The first instruction cannot be fetched: the block is just the abort.
 * It claims the instruction's bytes so that mapping the page later
 * invalidates it. */
static void gen_fetch_abort(DisasContext *dc)
{
    IRBlock *b = dc->b;
    dc->next_pc = dc->pc + (dc->thumb ? 2 : 4);
    ir_insn_start(b, dc->pc);
    arm_gen_exit(dc, EXIT_PREFETCH_ABORT, dc->pc);
    b->guest_size = dc->next_pc - b->pc;
    b->ninsns = 1;
}

static bool block_continues(const DisasContext *dc, uint32_t page, uint32_t max_insns)
{
    return dc->state == DISAS_NEXT && dc->insn_count < max_insns &&
           (dc->pc & GUEST_PAGE_MASK) == page;
}

void arm_translate(IRBlock *b, uint32_t max_insns)
{
    DisasContext dc = {
        .b = b,
        .pc = b->pc,
        .next_pc = b->pc,
        .thumb = (b->flags & ARM_TBFLAG_THUMB) != 0,
        .be_data = (b->flags & ARM_TBFLAG_BE_DATA) != 0,
        .fpscr_fz = (b->flags & ARM_TBFLAG_FZ) != 0,
        .itstate = (b->flags >> ARM_TBFLAG_IT_SHIFT) & 0xff,
        .state = DISAS_NEXT,
        .cond_skip = ~0u,
    };
    uint32_t page = b->pc & GUEST_PAGE_MASK;

    if (max_insns == 0)
        max_insns = 1;
    if (page == ARM_KUSER_PAGE) {
        arm_gen_kuser(&dc);
        return;
    }
    if (!arm_code_fetchable(dc.pc) || (!dc.thumb && (dc.pc & 3))) {
        gen_fetch_abort(&dc);
        return;
    }
    bool more;
    do {
        ir_insn_start(b, dc.pc);
        dc.state = DISAS_NEXT;
        if (dc.thumb)
            arm_translate_thumb_insn(&dc);
        else
            arm_translate_a32_insn(&dc);
        bool cond_exit = dc.cond_skip != ~0u && dc.state == DISAS_NORETURN;
        arm_gen_cond_end(&dc);
        dc.insn_count++;
        dc.pc = dc.next_pc;
        /* A conditional exit ends the block with its fall-through path.
         * (Translating on through it, superblock style, was measured: it
         * costs more translation than the block transitions it saves.) */
        more = !cond_exit && block_continues(&dc, page, max_insns);
    } while (more);

    b->guest_size = dc.pc - b->pc;
    b->ninsns = dc.insn_count;
    gen_block_end(&dc);
}
