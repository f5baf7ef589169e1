/*
 * Xtensa frontend core: the core configurations, IR globals, guest memory,
 * block exits, the zero-overhead loop check and the block loop
 * (xt_translate).  See translate.h for the contract.
 *
 * Block exits follow the engine's rule: before any goto_tb, exit_tb or
 * lookup_goto, env->pc holds the next instruction to run.  A block chains
 * directly (goto_tb) only where the target's key is fixed by this block's
 * key: within the same page (same LEND/LBEG encoding, cpu.h), after a LOOP
 * instruction, which sets LBEG and LEND to constants, and anywhere on cores
 * without the loop option.  Other jumps compute the target's flags at run
 * time and go through the jump cache.
 */
#include "frontend/xtensa/translate.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "exec/tb.h"

IRTemp xt_a[16];
IRTemp xt_pc, xt_sar, xt_lcount, xt_br, xt_acclo, xt_acchi, xt_m[4];

static IRContext xt_ctx;
static bool xt_be;

/* ---------------------------------------------------------------- cores */

#define OPT_CORE (XT_OPT_DENSITY | XT_OPT_MUL16 | XT_OPT_MUL32 | XT_OPT_NSA)
#define OPT_LINUX (OPT_CORE | XT_OPT_LOOP | XT_OPT_DIV32 | XT_OPT_MAC16 | XT_OPT_MINMAX | \
                   XT_OPT_SEXT | XT_OPT_CLAMPS | XT_OPT_S32C1I | XT_OPT_WINDOWED |        \
                   XT_OPT_THREADPTR | XT_OPT_ATOMCTL | XT_OPT_MPSYNC)

/* The option sets of the cores qemu-xtensa offers under the same names (as
 * far as Linux user programs can tell them apart). */
static const XtensaConfig xt_configs[] = {
    { "dc233c", "windowed Linux core: loops, MAC16, 32-bit divide, S32C1I",
      OPT_LINUX | XT_OPT_EXTL32R },
    { "de233_fpu", "dc233c-like core with booleans and the FP coprocessor",
      OPT_LINUX | XT_OPT_BOOLEAN | XT_OPT_FP | XT_OPT_DFPU | XT_OPT_SALT },
    { "lx106", "ESP8266 call0 core: no windows, loops, divide or MAC16",
      OPT_CORE | XT_OPT_EXTL32R },
    { "test_kc705_be", "big-endian windowed core with loops, MAC16, booleans, MULUH/MULSH",
      OPT_LINUX | XT_OPT_BOOLEAN | XT_OPT_MUL32_HIGH },
    { "fsf", "big-endian windowed core of the GNU toolchain defaults",
      XT_OPT_DENSITY | XT_OPT_WINDOWED | XT_OPT_NSA | XT_OPT_MINMAX | XT_OPT_SEXT |
      XT_OPT_BOOLEAN | XT_OPT_LOOP | XT_OPT_MUL16 },
    { "max", "every option ferry implements", 0xffffffffu },
};

const XtensaConfig *xt_config = &xt_configs[0];

const XtensaConfig *xt_find_config(const char *name)
{
    for (size_t i = 0; i < sizeof(xt_configs) / sizeof(xt_configs[0]); i++)
        if (!strcasecmp(name, xt_configs[i].name))
            return &xt_configs[i];
    if (!strcasecmp(name, "any"))
        return xt_find_config("max");
    return NULL;
}

const char *xt_config_names(void)
{
    static char buf[256];
    if (!buf[0]) {
        for (size_t i = 0; i < sizeof(xt_configs) / sizeof(xt_configs[0]); i++) {
            if (i)
                strcat(buf, ", ");
            strcat(buf, xt_configs[i].name);
        }
    }
    return buf;
}

const XtensaConfig *xt_default_config(bool big_endian)
{
    return xt_find_config(big_endian ? "test_kc705_be" : "dc233c");
}

/* ---------------------------------------------------------------- init */

static IRTemp env_global(const char *name, size_t offset)
{
    return ir_context_global(&xt_ctx, IR_I32, (int32_t)offset, name);
}

static void translate_init(bool big_endian)
{
    static const char *const names[16] = {
        "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
        "a8", "a9", "a10", "a11", "a12", "a13", "a14", "a15",
    };
    xt_be = big_endian;
    ir_context_init(&xt_ctx);
    for (int i = 0; i < 16; i++)
        xt_a[i] = env_global(names[i], offsetof(XtensaCPU, a) + 4 * i);
    xt_pc = env_global("pc", offsetof(XtensaCPU, pc));
    xt_sar = env_global("sar", offsetof(XtensaCPU, sar));
    xt_lcount = env_global("lcount", offsetof(XtensaCPU, lcount));
    xt_br = env_global("br", offsetof(XtensaCPU, br));
    xt_acclo = env_global("acclo", offsetof(XtensaCPU, acclo));
    xt_acchi = env_global("acchi", offsetof(XtensaCPU, acchi));
    for (int i = 0; i < 4; i++) {
        static const char *const mn[4] = { "m0", "m1", "m2", "m3" };
        xt_m[i] = env_global(mn[i], offsetof(XtensaCPU, m) + 4 * i);
    }
    xt_ctx.pc_global = xt_pc;
    xt_decode_init();
}

void xt_translate_init_le(void)
{
    translate_init(false);
}

void xt_translate_init_be(void)
{
    translate_init(true);
}

bool xt_big_endian(void)
{
    return xt_be;
}

const IRContext *xt_ir_context(void)
{
    return &xt_ctx;
}

/* ---------------------------------------------------------------- helpers */

IRTemp xt_tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

IRTemp xt_cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

/* ---------------------------------------------------------------- memory */

MemOp xt_memop(const DisasContext *dc, MemOp mo)
{
    if ((mo & MO_SIZE) != MO_8 && dc->be)
        mo |= MO_BSWAP;
    return mo;
}

IRTemp xt_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo)
{
    IRTemp t = xt_tmp(dc);
    ir_ld_i32(dc->b, t, addr, xt_memop(dc, mo));
    return t;
}

void xt_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo)
{
    ir_st_i32(dc->b, val, addr, xt_memop(dc, mo));
}

void xt_gen_align_check(DisasContext *dc, IRTemp base, uint32_t off, IRTemp off_reg,
                        unsigned size)
{
    IRBlock *b = dc->b;
    if (size <= 1)
        return;
    IRTemp a = xt_tmp(dc);
    if (off_reg)
        ir_add_i32(b, a, base, off_reg);
    else
        ir_add_i32(b, a, base, xt_cst(dc, off));
    uint32_t ok = ir_new_label(b);
    ir_brcond_i32(b, IR_COND_TSTEQ, a, xt_cst(dc, size - 1), ok);
    ir_st_env_i32(b, a, offsetof(CPUCommon, exit_info));
    xt_gen_exit(dc, EXIT_UNALIGNED, dc->pc);
    ir_label(b, ok);
    dc->state = XDISAS_NEXT;
}

/* ---------------------------------------------------------------- exits */

/*
 * The flags of the block at the pc in temp pc, from LEND, LBEG and LITBASE
 * in env: the IR form of xt_tb_flags_for.  A core without the loop option
 * never has LEND set (0 matches no page), and LITBASE only changes at an
 * instruction that ends its block with a lookup of its own: there the flags
 * are a constant.
 */
static IRTemp gen_runtime_flags(DisasContext *dc, IRTemp pc)
{
    IRBlock *b = dc->b;
    if (!xt_has(XT_OPT_LOOP))
        return xt_cst(dc, dc->litbase ? XT_TBFLAG_LITBASE : 0);
    IRTemp page = xt_tmp(dc), e = xt_tmp(dc), em1 = xt_tmp(dc), f = xt_tmp(dc);
    IRTemp g = xt_tmp(dc), gb = xt_tmp(dc), lit = xt_tmp(dc);
    IRTemp zero = xt_cst(dc, 0);
    ir_and_i32(b, page, pc, xt_cst(dc, ~0xfffu));
    ir_ld_env_i32(b, e, offsetof(XtensaCPU, lend));
    ir_sub_i32(b, e, e, page);
    ir_add_i32(b, em1, e, xt_cst(dc, 0xffffffffu));
    ir_add_i32(b, f, e, xt_cst(dc, 1));
    ir_movcond_i32(b, IR_COND_LTU, f, em1, xt_cst(dc, XT_LEND_RANGE - 1), f, zero);
    ir_ld_env_i32(b, g, offsetof(XtensaCPU, lbeg));
    ir_sub_i32(b, g, g, page);
    ir_add_i32(b, gb, g, xt_cst(dc, 1));
    ir_shl_i32(b, gb, gb, xt_cst(dc, XT_TBFLAG_LBEG_SHIFT));
    ir_movcond_i32(b, IR_COND_LTU, gb, g, xt_cst(dc, 4096), gb, zero);
    ir_movcond_i32(b, IR_COND_NE, gb, f, zero, gb, zero);
    ir_or_i32(b, f, f, gb);
    ir_ld_env_i32(b, lit, offsetof(XtensaCPU, litbase));
    ir_and_i32(b, lit, lit, xt_cst(dc, 1));
    ir_shl_i32(b, lit, lit, xt_cst(dc, 26));
    ir_or_i32(b, f, f, lit);
    return f;
}

/* Jump to dest whose key this block determines (flags = target_flags). */
void xt_gen_goto_key(DisasContext *dc, uint32_t dest, uint32_t target_flags)
{
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dest));
    if (dc->slots_used < TB_MAX_SLOTS)
        ir_goto_tb(dc->b, dc->slots_used++, dest, target_flags);
    else
        ir_lookup_goto(dc->b, xt_pc, xt_cst(dc, target_flags));
    dc->state = XDISAS_NORETURN;
}

void xt_gen_jump(DisasContext *dc, uint32_t dest)
{
    /* same page: the same key; no loop option: the key is LITBASE's bit */
    if ((dest & ~0xfffu) == (dc->b->pc & ~0xfffu) || !xt_has(XT_OPT_LOOP)) {
        xt_gen_goto_key(dc, dest, dc->b->flags);
        return;
    }
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dest));
    ir_lookup_goto(dc->b, xt_pc, gen_runtime_flags(dc, xt_pc));
    dc->state = XDISAS_NORETURN;
}

void xt_gen_jump_reg(DisasContext *dc, IRTemp dest)
{
    ir_mov_i32(dc->b, xt_pc, dest);
    ir_lookup_goto(dc->b, xt_pc, gen_runtime_flags(dc, xt_pc));
    dc->state = XDISAS_NORETURN;
}

/*
 * The loop-back of a zero-overhead loop, emitted after an instruction whose
 * sequential successor is LEND: with LCOUNT != 0, decrement it and go to
 * LBEG; otherwise fall through to LEND.
 */
static void gen_loop_end_check(DisasContext *dc)
{
    IRBlock *b = dc->b;
    uint32_t skip = ir_new_label(b);
    ir_brcond_i32(b, IR_COND_EQ, xt_lcount, xt_cst(dc, 0), skip);
    ir_sub_i32(b, xt_lcount, xt_lcount, xt_cst(dc, 1));
    if (dc->lbeg_known) {
        xt_gen_jump(dc, dc->lbeg);
    } else {
        IRTemp t = xt_tmp(dc);
        ir_ld_env_i32(b, t, offsetof(XtensaCPU, lbeg));
        xt_gen_jump_reg(dc, t);
    }
    ir_label(b, skip);
    dc->state = XDISAS_NEXT;
}

static bool at_loop_end(const DisasContext *dc, uint32_t dest)
{
    return dc->lend_known && dest == dc->lend && xt_has(XT_OPT_LOOP);
}

void xt_gen_seq_exit(DisasContext *dc, uint32_t dest)
{
    if (at_loop_end(dc, dest))
        gen_loop_end_check(dc);
    xt_gen_jump(dc, dest);
}

void xt_gen_brcond(DisasContext *dc, IRCond cond, IRTemp a, IRTemp b, uint32_t dest)
{
    uint32_t taken = ir_new_label(dc->b);
    ir_brcond_i32(dc->b, cond, a, b, taken);
    xt_gen_seq_exit(dc, dc->next_pc);
    ir_label(dc->b, taken);
    xt_gen_jump(dc, dest);
}

void xt_gen_exit(DisasContext *dc, int code, uint32_t pc)
{
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, pc));
    ir_exit_tb(dc->b, code);
    dc->state = XDISAS_NORETURN;
}

void xt_gen_exit_info(DisasContext *dc, int code, uint32_t pc, uint32_t info)
{
    ir_st_env_i32(dc->b, xt_cst(dc, info), offsetof(CPUCommon, exit_info));
    xt_gen_exit(dc, code, pc);
}

void xt_gen_end_block_lookup(DisasContext *dc)
{
    /* The loop-end check of this instruction still uses the old values: the
     * ISA checks LEND before the write takes effect for the next one. */
    if (at_loop_end(dc, dc->next_pc))
        gen_loop_end_check(dc);
    ir_mov_i32(dc->b, xt_pc, xt_cst(dc, dc->next_pc));
    if (xt_has(XT_OPT_LOOP)) {
        ir_lookup_goto(dc->b, xt_pc, gen_runtime_flags(dc, xt_pc));
    } else {
        /* only LITBASE can have changed */
        IRTemp lit = xt_tmp(dc);
        ir_ld_env_i32(dc->b, lit, offsetof(XtensaCPU, litbase));
        ir_and_i32(dc->b, lit, lit, xt_cst(dc, 1));
        ir_shl_i32(dc->b, lit, lit, xt_cst(dc, 26));
        ir_lookup_goto(dc->b, xt_pc, lit);
    }
    dc->state = XDISAS_NORETURN;
}

void xt_gen_undef(DisasContext *dc)
{
    static char site;
    if ((ferry_log_mask & LOG_UNIMP) && ferry_first_time(&site, dc->insn))
        ferry_log("undefined or unsupported Xtensa instruction 0x%0*x at 0x%08x (core %s)",
                  dc->next_pc - dc->pc == 2 ? 4 : 6, dc->insn, dc->pc, xt_config->name);
    xt_gen_exit(dc, EXIT_UNDEF, dc->pc);
}

/* ---------------------------------------------------------------- code fetch */

bool xt_code_fetchable(uint32_t addr)
{
    unsigned f = gmem_page_flags(addr);
    return (f & (PAGE_EXEC | PAGE_READ)) == (PAGE_EXEC | PAGE_READ);
}

unsigned xt_insn_len(uint8_t b0, bool be)
{
    unsigned op0 = be ? b0 >> 4 : b0 & 15;
    /* op0 8-13 are the 16-bit formats when the core has the code density
     * option; 14 and 15 are reserved (decoded as 24-bit, undefined). */
    return (op0 >= 8 && op0 <= 13 && xt_has(XT_OPT_DENSITY)) ? 2 : 3;
}

/*
 * Big-endian words hold the little-endian fields mirrored: a 4-bit field
 * at bits [i+3:i] of a 24-bit word sits at [23-i:20-i], keeping its own bit
 * order.  Reversing the nibbles therefore puts every one-nibble field (and
 * every single-bit part of a nibble, like SLLI's sa[4]) in place.  Fields
 * wider than a nibble and the 2-bit n/m fields are single fields in the
 * encoding, mirrored as a whole, so after the nibble reversal their nibbles
 * (or halves) are in the wrong order and are swapped back here, format by
 * format.
 */
uint32_t xt_be_to_le(uint32_t w, unsigned len)
{
    if (len == 2)
        return ((w & 0xf) << 12) | ((w & 0xf0) << 4) | ((w >> 4) & 0xf0) | (w >> 12);
    uint32_t n = 0;
    for (int i = 0; i < 6; i++)
        n |= ((w >> (4 * i)) & 0xf) << (4 * (5 - i));
    unsigned op0 = n & 15, t = (n >> 4) & 15, s = (n >> 8) & 15, r = (n >> 12) & 15;
    unsigned op1 = (n >> 16) & 15, op2 = (n >> 20) & 15;
#define NIB(v, i) ((uint32_t)(v) << (4 * (i)))
#define SWAP2(x) ((((x) & 3) << 2) | ((x) >> 2))
    switch (op0) {
    case 0:
        if (op1 == 0 && op2 == 0 && r == 0)           /* CALLX, JX, RET: m, n */
            t = SWAP2(t);
        else if ((op1 == 3 && op2 <= 1) || (op1 == 1 && op2 == 6) || (op1 == 3 && op2 == 15)) {
            unsigned x = r;                          /* RSR, WSR, XSR: sr; WUR: ur */
            r = s;
            s = x;
        }
        return NIB(op2, 5) | NIB(op1, 4) | NIB(r, 3) | NIB(s, 2) | NIB(t, 1) | op0;
    case 1:   /* L32R: imm16 */
        return ((w & 0xffff) << 8) | NIB(t, 1) | op0;
    case 2: case 3: case 7:   /* RRI8: imm8 */
        return ((w & 0xff) << 16) | NIB(r, 3) | NIB(s, 2) | NIB(t, 1) | op0;
    case 4:   /* MAC16: RRR with m, n halves in place (see translate_mac16.c) */
        return NIB(op2, 5) | NIB(op1, 4) | NIB(r, 3) | NIB(s, 2) | NIB(t, 1) | op0;
    case 5:   /* CALLn: n, offset18 */
        return ((w & 0x3ffff) << 6) | (((w >> 18) & 3) << 4) | op0;
    case 6: { /* SI: n, m, then J offset18, or s + imm12, or s, r, imm8 */
        unsigned nn = (w >> 18) & 3, m = (w >> 16) & 3;
        uint32_t le = (nn << 4) | (m << 6) | op0;
        if (nn == 0)
            return ((w & 0x3ffff) << 6) | (nn << 4) | op0;
        le |= NIB((w >> 12) & 15, 2);                 /* s */
        if (nn == 1 || (nn == 3 && m == 0))
            return le | ((w & 0xfff) << 12);          /* BZ, ENTRY: imm12 */
        return le | NIB((w >> 8) & 15, 3) | ((w & 0xff) << 16);
    }
    default:
        return n;
    }
#undef NIB
#undef SWAP2
}

uint32_t xt_fetch(uint32_t addr, unsigned *len)
{
    const uint8_t *p = g2h(addr);
    unsigned l = xt_insn_len(p[0], xt_be);
    *len = l;
    if (l == 2) {
        if (!xt_be)
            return p[0] | (uint32_t)p[1] << 8;
        return xt_be_to_le((uint32_t)p[0] << 8 | p[1], 2);
    }
    if (!xt_be)
        return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    return xt_be_to_le((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2], 3);
}

/* ---------------------------------------------------------------- block loop */

static bool block_continues(const DisasContext *dc, uint32_t page, uint32_t max_insns)
{
    return dc->state == XDISAS_NEXT && dc->insn_count < max_insns &&
           (dc->pc & GUEST_PAGE_MASK) == page;
}

void xt_translate(IRBlock *b, uint32_t max_insns)
{
    uint32_t page = b->pc & GUEST_PAGE_MASK;
    uint32_t lend_bits = b->flags & XT_TBFLAG_LEND_MASK;
    uint32_t lbeg_bits = (b->flags & XT_TBFLAG_LBEG_MASK) >> XT_TBFLAG_LBEG_SHIFT;
    DisasContext dc = {
        .b = b,
        .pc = b->pc,
        .next_pc = b->pc,
        .be = xt_be,
        .lend_known = lend_bits != 0,
        .lend = page + lend_bits - 1,
        .lbeg_known = lbeg_bits != 0,
        .lbeg = page + lbeg_bits - 1,
        .litbase = (b->flags & XT_TBFLAG_LITBASE) != 0,
        .state = XDISAS_NEXT,
    };

    if (max_insns == 0)
        max_insns = 1;
    do {
        ir_insn_start(b, dc.pc);
        dc.state = XDISAS_NEXT;
        unsigned len = 3;
        if (!xt_code_fetchable(dc.pc) ||
            (xt_insn_len(*(const uint8_t *)g2h(dc.pc), xt_be) == 3 &&
             !xt_code_fetchable(dc.pc + 2)) ||
            !xt_code_fetchable(dc.pc + 1)) {
            /* the instruction (or its second page) cannot be fetched */
            uint32_t bad = xt_code_fetchable(dc.pc) ? (dc.pc + 3) & GUEST_PAGE_MASK : dc.pc;
            ir_st_env_i32(b, xt_cst(&dc, bad), offsetof(CPUCommon, exit_info));
            xt_gen_exit(&dc, EXIT_PREFETCH_ABORT, dc.pc);
            dc.insn_count++;
            dc.pc += 1;
            break;
        }
        dc.insn = xt_fetch(dc.pc, &len);
        dc.next_pc = dc.pc + len;
        xt_translate_insn(&dc);
        if (dc.state == XDISAS_NEXT && at_loop_end(&dc, dc.next_pc)) {
            gen_loop_end_check(&dc);
        }
        dc.insn_count++;
        dc.pc = dc.next_pc;
    } while (block_continues(&dc, page, max_insns));

    b->guest_size = dc.pc - b->pc;
    b->ninsns = dc.insn_count;
    if (dc.state == XDISAS_NEXT)
        xt_gen_jump(&dc, dc.pc);
}
