/*
 * MIPS frontend core: the IR globals, register access, guest memory, block
 * exits, delay slots and the block loop (mips_translate).  See translate.h
 * for the contract.
 *
 * Block exits follow the engine's rule: before any goto_tb, exit_tb or
 * lookup_goto, env->pc holds the next instruction to run.
 */
#include "frontend/mips/translate.h"

#include <stddef.h>
#include <string.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "exec/tb.h"

IRTemp mips_r[32];
IRTemp mips_pc, mips_hi, mips_lo, mips_ll_addr, mips_ll_val, mips_fcc;

static IRContext mips_ctx;
static bool mips_be;

/* ---------------------------------------------------------------- init */

static IRTemp env_global(const char *name, size_t offset)
{
    return ir_context_global(&mips_ctx, IR_I32, (int32_t)offset, name);
}

static void translate_init(bool big_endian)
{
    static const char *const names[32] = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
    };
    mips_be = big_endian;
    ir_context_init(&mips_ctx);
    /* $0 has no global: reads are the constant 0, writes are dropped. */
    for (int i = 1; i < 32; i++)
        mips_r[i] = env_global(names[i], offsetof(MipsCPU, r) + 4 * i);
    mips_pc = env_global("pc", offsetof(MipsCPU, pc));
    mips_hi = env_global("hi", offsetof(MipsCPU, hi));
    mips_lo = env_global("lo", offsetof(MipsCPU, lo));
    mips_ll_addr = env_global("ll_addr", offsetof(MipsCPU, ll_addr));
    mips_ll_val = env_global("ll_val", offsetof(MipsCPU, ll_val));
    mips_fcc = env_global("fcc", offsetof(MipsCPU, fcc));
    mips_ctx.pc_global = mips_pc;
    mips_decode_init();
}

void mips_translate_init_be(void)
{
    translate_init(true);
}

void mips_translate_init_le(void)
{
    translate_init(false);
}

bool mips_big_endian(void)
{
    return mips_be;
}

const IRContext *mips_ir_context(void)
{
    return &mips_ctx;
}

/* ---------------------------------------------------------------- helpers */

IRTemp mips_tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

IRTemp mips_cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

IRTemp mips_gpr(DisasContext *dc, int r)
{
    return r == 0 ? mips_cst(dc, 0) : mips_r[r];
}

void mips_set_reg(DisasContext *dc, int r, IRTemp v)
{
    if (r != 0)
        ir_mov_i32(dc->b, mips_r[r], v);
}

/* ---------------------------------------------------------------- memory */

MemOp mips_memop(const DisasContext *dc, MemOp mo)
{
    if ((mo & MO_SIZE) != MO_8 && dc->be)
        mo |= MO_BSWAP;
    return mo;
}

IRTemp mips_addr(DisasContext *dc, int base, int32_t off)
{
    IRTemp a = mips_tmp(dc);
    ir_add_i32(dc->b, a, mips_gpr(dc, base), mips_cst(dc, (uint32_t)off));
    return a;
}

IRTemp mips_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo)
{
    IRTemp t = mips_tmp(dc);
    ir_ld_i32(dc->b, t, addr, mips_memop(dc, mo));
    return t;
}

void mips_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo)
{
    ir_st_i32(dc->b, val, addr, mips_memop(dc, mo));
}

/* ---------------------------------------------------------------- exits */

static uint32_t block_flags(const DisasContext *dc)
{
    return dc->fr64 ? MIPS_TBFLAG_FR64 : 0;
}

void mips_gen_goto(DisasContext *dc, uint32_t dest)
{
    ir_mov_i32(dc->b, mips_pc, mips_cst(dc, dest));
    if (dc->slots_used < TB_MAX_SLOTS)
        ir_goto_tb(dc->b, dc->slots_used++, dest, block_flags(dc));
    else
        ir_lookup_goto(dc->b, mips_pc, mips_cst(dc, block_flags(dc)));
    dc->state = MDISAS_NORETURN;
}

void mips_gen_jump_reg(DisasContext *dc, IRTemp dest)
{
    ir_mov_i32(dc->b, mips_pc, dest);
    ir_lookup_goto(dc->b, mips_pc, mips_cst(dc, block_flags(dc)));
    dc->state = MDISAS_NORETURN;
}

void mips_gen_exit(DisasContext *dc, int code, uint32_t pc)
{
    ir_mov_i32(dc->b, mips_pc, mips_cst(dc, pc));
    ir_exit_tb(dc->b, code);
    dc->state = MDISAS_NORETURN;
}

void mips_gen_exit_info(DisasContext *dc, int code, uint32_t pc, uint32_t info)
{
    ir_st_env_i32(dc->b, mips_cst(dc, info), offsetof(CPUCommon, exit_info));
    mips_gen_exit(dc, code, pc);
}

uint32_t mips_fault_pc(const DisasContext *dc)
{
    return dc->in_slot ? dc->slot_pc : dc->pc;
}

void mips_gen_undef(DisasContext *dc)
{
    static char site;
    if ((ferry_log_mask & LOG_UNIMP) && ferry_first_time(&site, dc->insn))
        ferry_log("undefined or unsupported MIPS instruction 0x%08x at 0x%08x%s", dc->insn,
                  dc->pc, dc->in_slot ? " (delay slot)" : "");
    mips_gen_exit(dc, EXIT_UNDEF, mips_fault_pc(dc));
}

/* ---------------------------------------------------------------- code fetch */

bool mips_code_fetchable(uint32_t addr)
{
    unsigned f = gmem_page_flags(addr);
    return (f & (PAGE_EXEC | PAGE_READ)) == (PAGE_EXEC | PAGE_READ);
}

uint32_t mips_fetch32(uint32_t addr)
{
    uint32_t w;
    memcpy(&w, g2h(addr), sizeof(w));
    return mips_be ? __builtin_bswap32(w) : w;
}

/* ---------------------------------------------------------------- delay slots */

bool mips_slot_is_nop(const DisasContext *dc)
{
    uint32_t slot = dc->pc + 4;
    return mips_code_fetchable(slot) && mips_fetch32(slot) == 0;
}

/*
 * The slot runs as part of the branch: its faults report the branch's
 * address (no insn_start of its own), and an instruction that ends the
 * block by itself (another branch, SYSCALL, an undefined encoding) is not
 * allowed there.  Traps and undefined encodings still raise their signal
 * at the branch, as Linux would.
 */
bool mips_gen_delay_slot(DisasContext *dc)
{
    uint32_t slot = dc->pc + 4;
    if (!mips_code_fetchable(slot)) {
        mips_gen_exit(dc, EXIT_PREFETCH_ABORT, dc->pc);
        return true;
    }
    uint32_t insn = mips_fetch32(slot);
    if (insn == 0)
        return true;
    DisasContext sub = *dc;
    sub.pc = slot;
    sub.next_pc = slot + 4;
    sub.in_slot = true;
    sub.slot_pc = dc->pc;
    sub.state = MDISAS_NEXT;
    mips_translate_insn(&sub, insn);
    dc->slots_used = sub.slots_used;
    if (sub.state != MDISAS_NEXT) {
        dc->state = MDISAS_NORETURN;
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- block loop */

static bool block_continues(const DisasContext *dc, uint32_t page, uint32_t max_insns)
{
    return dc->state == MDISAS_NEXT && dc->insn_count < max_insns &&
           (dc->pc & GUEST_PAGE_MASK) == page;
}

void mips_translate(IRBlock *b, uint32_t max_insns)
{
    DisasContext dc = {
        .b = b,
        .pc = b->pc,
        .next_pc = b->pc,
        .be = mips_be,
        .fr64 = (b->flags & MIPS_TBFLAG_FR64) != 0,
        .state = MDISAS_NEXT,
    };
    uint32_t page = b->pc & GUEST_PAGE_MASK;

    if (max_insns == 0)
        max_insns = 1;
    if ((dc.pc & 3) || !mips_code_fetchable(dc.pc)) {
        ir_insn_start(b, dc.pc);
        mips_gen_exit(&dc, EXIT_PREFETCH_ABORT, dc.pc);
        b->guest_size = 4;
        b->ninsns = 1;
        return;
    }
    do {
        ir_insn_start(b, dc.pc);
        dc.state = MDISAS_NEXT;
        dc.next_pc = dc.pc + 4;
        uint32_t insn = mips_fetch32(dc.pc);
        mips_translate_insn(&dc, insn);
        dc.insn_count++;
        dc.pc = dc.next_pc;
    } while (block_continues(&dc, page, max_insns));

    b->guest_size = dc.pc - b->pc;
    b->ninsns = dc.insn_count;
    if (dc.state == MDISAS_NEXT)
        mips_gen_goto(&dc, dc.pc);
}
