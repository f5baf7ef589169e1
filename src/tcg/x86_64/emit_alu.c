/*
 * x86-64 emitters for arithmetic, logic, shifts, comparisons and width
 * conversions.  Each IR op becomes a short inline sequence; x86's
 * two-address forms are handled by computing into the destination's
 * register (ra_dst_from), which reuses the first input's register when that
 * input dies here or is the destination itself.
 *
 * Order inside an emitter matters: load the other inputs first, then
 * choose the destination, so that a dying first input can donate its
 * register without being needed again.
 */
#include "common/log.h"
#include "tcg/x86_64/x86_internal.h"

#define ANY X86_ALLOCATABLE

typedef struct Operand {
    bool is_imm;
    bool is_mem;     /* a guest register read straight from env */
    int32_t imm;
    int reg;
    X86Mem mem;
} Operand;

/* An input as an immediate when it fits, else in a register. */
static Operand operand(CodeGen *cg, IRTemp t, bool w64, uint16_t allowed)
{
    Operand o = { 0 };
    if (cg_imm32(cg, t, w64, &o.imm)) {
        o.is_imm = true;
        return o;
    }
    o.reg = ra_load(cg, t, allowed);
    return o;
}

static bool is_carried(const CodeGen *cg, IRTemp g)
{
    if (!cg->loop.carrying)
        return false;
    for (int r = 0; r < 16; r++) {
        if (cg->loop.pinned[r] == (int8_t)g)
            return true;
    }
    return false;
}

/* Like operand(), but a guest register that is only in env is used as a
 * memory operand rather than loaded into a register first. */
static Operand operand_rm(CodeGen *cg, IRTemp t, int index, bool w64, uint16_t allowed)
{
    if (cg->b->temps[t].kind == TEMP_GLOBAL && cg->loc[t].reg < 0 && ra_input_dies(cg, index) &&
        !is_carried(cg, t)) {
        if (cg->loop.measuring)
            cg->loop.uses[t]++;
        Operand o = { .is_mem = true, .mem = ra_home(cg, t) };
        return o;
    }
    return operand(cg, t, w64, allowed);
}

static IRTemp in(const IROp *op, int i) { return ir_op_in(op, i); }
static IRTemp out(const IROp *op, int i) { return ir_op_out(op, i); }

static void emit_alu2(CodeGen *cg, const IROp *op, X86Alu alu, bool w64, bool commutative)
{
    IRTemp d = out(op, 0), a = in(op, 0), b = in(op, 1);
    int ai = 0;
    if (commutative && cg_is_const(cg, a) && !cg_is_const(cg, b)) {
        IRTemp t = a;
        a = b;
        b = t;
        ai = 1;
    }
    Operand ob = operand_rm(cg, b, 1 - ai, w64, ANY);
    int rd = ra_dst_from(cg, d, a, ai, ANY);
    if (ob.is_imm)
        x86_alu_ri(&cg->buf, alu, w64, rd, ob.imm);
    else if (ob.is_mem)
        x86_alu_rm(&cg->buf, alu, w64, rd, ob.mem);
    else
        x86_alu_rr(&cg->buf, alu, w64, rd, ob.reg);
    ra_define(cg, d, rd);
}

static void emit_mul(CodeGen *cg, const IROp *op, bool w64)
{
    IRTemp d = out(op, 0), a = in(op, 0), b = in(op, 1);
    int ai = 0;
    if (cg_is_const(cg, a)) {
        IRTemp t = a;
        a = b;
        b = t;
        ai = 1;
    }
    Operand ob = operand(cg, b, w64, ANY);
    if (ob.is_imm) {
        int ra = ra_load(cg, a, ANY);
        int rd = ra_alloc(cg, ANY);
        x86_imul_rri(&cg->buf, w64, rd, ra, ob.imm);
        ra_define(cg, d, rd);
        return;
    }
    int rd = ra_dst_from(cg, d, a, ai, ANY);
    x86_imul_rr(&cg->buf, w64, rd, ob.reg);
    ra_define(cg, d, rd);
}

static void emit_andc(CodeGen *cg, const IROp *op)
{
    IRTemp d = out(op, 0), a = in(op, 0), b = in(op, 1);
    if (cg_is_const(cg, b)) {
        int rd = ra_dst_from(cg, d, a, 0, ANY);
        x86_alu_ri(&cg->buf, X86_AND, false, rd, (int32_t)~(uint32_t)cg_const(cg, b));
        ra_define(cg, d, rd);
        return;
    }
    int rb = ra_load(cg, b, ANY);
    int tmp = ra_alloc(cg, ANY);
    x86_mov_rr(&cg->buf, false, tmp, rb);
    x86_unary(&cg->buf, X86_NOT, false, tmp);
    int rd = ra_dst_from(cg, d, a, 0, ANY);
    x86_alu_rr(&cg->buf, X86_AND, false, rd, tmp);
    ra_define(cg, d, rd);
}

static void emit_shift(CodeGen *cg, const IROp *op, X86Shift sh, bool w64)
{
    IRTemp d = out(op, 0), a = in(op, 0), b = in(op, 1);
    if (cg_is_const(cg, b)) {
        unsigned n = (unsigned)cg_const(cg, b) & (w64 ? 63 : 31);
        int rd = ra_dst_from(cg, d, a, 0, ANY);
        if (n)
            x86_shift_ri(&cg->buf, sh, w64, rd, (uint8_t)n);
        else if (!w64)
            x86_mov_rr(&cg->buf, false, rd, rd);
        ra_define(cg, d, rd);
        return;
    }
    ra_load_fixed(cg, b, X86_RCX);
    int rd = ra_dst_from(cg, d, a, 0, ANY & ~REGMASK(X86_RCX));
    x86_shift_rcl(&cg->buf, sh, w64, rd);
    ra_define(cg, d, rd);
}

static void emit_unary(CodeGen *cg, const IROp *op, X86Unary u, bool w64)
{
    IRTemp d = out(op, 0);
    int rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
    x86_unary(&cg->buf, u, w64, rd);
    ra_define(cg, d, rd);
}

/* Result of a division in rax (quotient) or rdx (remainder), with the IR's
 * defined results for x / 0 and INT_MIN / -1 (x86 would trap on both). */
static void emit_div(CodeGen *cg, const IROp *op, bool is_signed, bool rem)
{
    IRTemp d = out(op, 0), a = in(op, 0), b = in(op, 1);
    int rb = ra_load(cg, b, ANY & ~REGMASK(X86_RAX) & ~REGMASK(X86_RDX));
    ra_claim(cg, X86_RDX);
    ra_claim(cg, X86_RAX);
    ra_copy_to(cg, a, X86_RAX);
    int res = rem ? X86_RDX : X86_RAX;
    X86Buf *buf = &cg->buf;
    x86_test_rr(buf, false, rb, rb);
    uint8_t *to_zero = x86_jcc32(buf, X86_CC_E);
    uint8_t *to_m1 = NULL;
    if (is_signed) {
        x86_alu_ri(buf, X86_CMP, false, rb, -1);
        to_m1 = x86_jcc32(buf, X86_CC_E);
        x86_cdq(buf);
        x86_unary(buf, X86_IDIV, false, rb);
    } else {
        x86_mov_ri(buf, X86_RDX, 0);
        x86_unary(buf, X86_DIV, false, rb);
    }
    uint8_t *to_done = x86_jmp32(buf);
    /* divisor zero: quotient 0, remainder a */
    x86_patch_rel32(to_zero, buf->p);
    if (rem)
        x86_mov_rr(buf, false, X86_RDX, X86_RAX);
    else
        x86_mov_ri(buf, X86_RAX, 0);
    uint8_t *to_done2 = x86_jmp32(buf);
    if (to_m1) {
        /* divisor -1: quotient -a (wrapping), remainder 0 */
        x86_patch_rel32(to_m1, buf->p);
        if (rem)
            x86_mov_ri(buf, X86_RDX, 0);
        else
            x86_unary(buf, X86_NEG, false, X86_RAX);
    }
    x86_patch_rel32(to_done, buf->p);
    x86_patch_rel32(to_done2, buf->p);
    ra_define(cg, d, res);
}

static void emit_bitcount(CodeGen *cg, const IROp *op, bool leading)
{
    IRTemp d = out(op, 0);
    int ra = ra_load(cg, in(op, 0), ANY);
    int rd = ra_alloc(cg, ANY);
    X86Buf *buf = &cg->buf;
    if (leading && x86_have_lzcnt) {
        x86_lzcnt(buf, false, rd, ra);
    } else if (!leading && x86_have_bmi1) {
        x86_tzcnt(buf, false, rd, ra);
    } else {
        /* bsr/bsf leave the destination undefined for 0: handle 0 apart */
        x86_mov_ri(buf, rd, 32);
        x86_test_rr(buf, false, ra, ra);
        uint8_t *skip = x86_jcc32(buf, X86_CC_E);
        if (leading) {
            x86_bsr(buf, false, rd, ra);
            x86_alu_ri(buf, X86_XOR, false, rd, 31);
        } else {
            x86_bsf(buf, false, rd, ra);
        }
        x86_patch_rel32(skip, buf->p);
    }
    ra_define(cg, d, rd);
}

static void emit_ext(CodeGen *cg, const IROp *op, int size, bool sign)
{
    IRTemp d = out(op, 0);
    int ra = ra_load(cg, in(op, 0), ANY);
    int rd = ra_alloc(cg, ANY);
    x86_ext_rr(&cg->buf, rd, ra, size, sign, false);
    ra_define(cg, d, rd);
}

static void emit_extract(CodeGen *cg, const IROp *op, bool sign)
{
    IRTemp d = out(op, 0);
    unsigned pos = (unsigned)ir_op_const(op, 0), len = (unsigned)ir_op_const(op, 1);
    if (pos == 0 && (len == 8 || len == 16)) {
        emit_ext(cg, op, len / 8, sign);
        return;
    }
    int rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
    if (sign) {
        if (pos + len < 32)
            x86_shift_ri(&cg->buf, X86_SHL, false, rd, (uint8_t)(32 - pos - len));
        if (len < 32)
            x86_shift_ri(&cg->buf, X86_SAR, false, rd, (uint8_t)(32 - len));
    } else {
        if (pos)
            x86_shift_ri(&cg->buf, X86_SHR, false, rd, (uint8_t)pos);
        if (pos + len < 32)
            x86_alu_ri(&cg->buf, X86_AND, false, rd, (int32_t)((1u << len) - 1));
    }
    ra_define(cg, d, rd);
}

static void emit_deposit(CodeGen *cg, const IROp *op)
{
    IRTemp d = out(op, 0), b = in(op, 1);
    unsigned pos = (unsigned)ir_op_const(op, 0), len = (unsigned)ir_op_const(op, 1);
    uint32_t field = len >= 32 ? ~0u : (1u << len) - 1;
    uint32_t mask = field << pos;
    X86Buf *buf = &cg->buf;
    int tmp = ra_alloc(cg, ANY);
    if (cg_is_const(cg, b)) {
        x86_mov_ri(buf, tmp, ((uint32_t)cg_const(cg, b) << pos) & mask);
    } else {
        int rb = ra_load(cg, b, ANY);
        x86_mov_rr(buf, false, tmp, rb);
        if (len < 32)
            x86_alu_ri(buf, X86_AND, false, tmp, (int32_t)field);
        if (pos)
            x86_shift_ri(buf, X86_SHL, false, tmp, (uint8_t)pos);
    }
    int rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
    x86_alu_ri(buf, X86_AND, false, rd, (int32_t)~mask);
    x86_alu_rr(buf, X86_OR, false, rd, tmp);
    ra_define(cg, d, rd);
}

/* Compare a with b (cmp or test); returns the IR condition to test,
 * swapped when the operands had to be exchanged. */
static IRCond emit_compare(CodeGen *cg, IRCond c, IRTemp a, IRTemp b, bool w64)
{
    int bi = 1;
    if (cg_is_const(cg, a) && !cg_is_const(cg, b)) {
        IRTemp t = a;
        a = b;
        b = t;
        c = ir_cond_swap(c);
        bi = 0;
    }
    int ra = ra_load(cg, a, ANY);
    bool tst = c == IR_COND_TSTEQ || c == IR_COND_TSTNE;
    Operand ob = tst ? operand(cg, b, w64, ANY) : operand_rm(cg, b, bi, w64, ANY);
    if (ob.is_mem) {
        x86_alu_rm(&cg->buf, X86_CMP, w64, ra, ob.mem);
    } else if (ob.is_imm) {
        if (tst)
            x86_test_ri(&cg->buf, w64, ra, ob.imm);
        else
            x86_alu_ri(&cg->buf, X86_CMP, w64, ra, ob.imm);
    } else if (tst) {
        x86_test_rr(&cg->buf, w64, ra, ob.reg);
    } else {
        x86_alu_rr(&cg->buf, X86_CMP, w64, ra, ob.reg);
    }
    return c;
}

static void emit_setcond(CodeGen *cg, const IROp *op, bool w64)
{
    IRTemp d = out(op, 0);
    IRCond c = (IRCond)ir_op_const(op, 0);
    int rd = ra_alloc(cg, ANY);
    c = emit_compare(cg, c, in(op, 0), in(op, 1), w64);
    x86_setcc(&cg->buf, cg_x86_cond(c), rd);
    x86_ext_rr(&cg->buf, rd, rd, 1, false, false);
    ra_define(cg, d, rd);
}

static void emit_movcond(CodeGen *cg, const IROp *op)
{
    IRTemp d = out(op, 0);
    IRCond c = (IRCond)ir_op_const(op, 0);
    int r1 = ra_load(cg, in(op, 2), ANY);
    int rd = ra_dst_from(cg, d, in(op, 3), 3, ANY);
    c = emit_compare(cg, c, in(op, 0), in(op, 1), false);
    x86_cmov(&cg->buf, cg_x86_cond(c), false, rd, r1);
    ra_define(cg, d, rd);
}

/* (lo, hi) = a * b as a 64-bit product. */
static void emit_mul2(CodeGen *cg, const IROp *op, bool sign)
{
    IRTemp lo = out(op, 0), hi = out(op, 1);
    X86Buf *buf = &cg->buf;
    int ra = ra_load(cg, in(op, 0), ANY);
    int rb = ra_load(cg, in(op, 1), ANY);
    int rl = ra_alloc(cg, ANY);
    int rh = ra_alloc(cg, ANY);
    int tmp = ra_alloc(cg, ANY);
    x86_ext_rr(buf, rl, ra, 4, sign, true);
    if (sign)
        x86_ext_rr(buf, tmp, rb, 4, true, true);
    else
        x86_mov_rr(buf, false, tmp, rb);
    x86_imul_rr(buf, true, rl, tmp);
    x86_mov_rr(buf, true, rh, rl);
    x86_shift_ri(buf, X86_SHR, true, rh, 32);
    x86_mov_rr(buf, false, rl, rl);
    ra_define(cg, lo, rl);
    ra_define(cg, hi, rh);
}

/* (d, cout) = a + b + cin or a + ~b + cin, with cin 0 or 1. */
static void emit_addsubc(CodeGen *cg, const IROp *op, bool sub)
{
    IRTemp d = out(op, 0), cout = out(op, 1), a = in(op, 0), b = in(op, 1), cin = in(op, 2);
    X86Buf *buf = &cg->buf;
    bool cin_known = cg_is_const(cg, cin);
    uint64_t cv = cin_known ? (cg_const(cg, cin) & 1) : 0;
    if (cin_known && cv == (uint64_t)sub) {
        /* plain add (cin 0) or plain sub (cin 1): x86's carry is the answer */
        Operand ob = operand(cg, b, false, ANY);
        int rc = ra_alloc(cg, ANY);
        int rd = ra_dst_from(cg, d, a, 0, ANY);
        X86Alu alu = sub ? X86_SUB : X86_ADD;
        if (ob.is_imm)
            x86_alu_ri(buf, alu, false, rd, ob.imm);
        else
            x86_alu_rr(buf, alu, false, rd, ob.reg);
        ra_define(cg, d, rd);
        if (!((op->dead >> (IR_DEAD_OUT_SHIFT + 1)) & 1)) {
            x86_setcc(buf, sub ? X86_CC_AE : X86_CC_B, rc);
            x86_ext_rr(buf, rc, rc, 1, false, false);
            ra_define(cg, cout, rc);
        }
        return;
    }
    /* general case: a 64-bit sum of zero-extended parts */
    int rb = ra_load(cg, b, ANY);
    int rcin = ra_load(cg, cin, ANY);
    int tmp = ra_alloc(cg, ANY);
    x86_mov_rr(buf, false, tmp, rb);
    if (sub)
        x86_unary(buf, X86_NOT, false, tmp);
    x86_alu_rr(buf, X86_ADD, true, tmp, rcin);
    int rc = ra_alloc(cg, ANY);
    int rd = ra_dst_from(cg, d, a, 0, ANY);
    x86_mov_rr(buf, false, rd, rd);
    x86_alu_rr(buf, X86_ADD, true, rd, tmp);
    x86_mov_rr(buf, true, rc, rd);
    x86_shift_ri(buf, X86_SHR, true, rc, 32);
    x86_mov_rr(buf, false, rd, rd);
    ra_define(cg, d, rd);
    ra_define(cg, cout, rc);
}

/* mov into a guest register from a value that stays live elsewhere (or a
 * constant): write env straight away instead of copying to a second host
 * register that would be stored at the next sync anyway. */
static bool emit_mov_to_global(CodeGen *cg, IRTemp d, IRTemp a)
{
    bool w64 = cg_is64(cg, d);
    if (is_carried(cg, d))
        return false;   /* a loop keeps it in a register: no store */
    if (cg->loop.measuring)
        cg->loop.uses[d]++;
    int32_t imm;
    if (cg_imm32(cg, a, w64, &imm)) {
        ra_forget(cg, d);
        x86_store_imm(&cg->buf, ra_home(cg, d), imm, w64 ? 8 : 4);
        return true;
    }
    TempLoc *la = &cg->loc[a];
    if (la->reg < 0 || (ra_input_dies(cg, 0) && cg->b->temps[a].kind == TEMP_NORMAL))
        return false;
    ra_forget(cg, d);
    x86_store(&cg->buf, ra_home(cg, d), la->reg, w64 ? 8 : 4);
    return true;
}

static void emit_mov(CodeGen *cg, const IROp *op)
{
    IRTemp d = out(op, 0), a = in(op, 0);
    if (cg->b->temps[d].kind == TEMP_GLOBAL && emit_mov_to_global(cg, d, a))
        return;
    int rd = ra_dst_from(cg, d, a, 0, ANY);
    ra_define(cg, d, rd);
}

static void emit_conv(CodeGen *cg, const IROp *op)
{
    IRTemp d = out(op, 0);
    X86Buf *buf = &cg->buf;
    int ra, rd;
    switch ((IROpc)op->opc) {
    case IR_extu_i32_i64:
    case IR_extrl_i64_i32:
        rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
        x86_mov_rr(buf, false, rd, rd);
        break;
    case IR_exts_i32_i64:
        ra = ra_load(cg, in(op, 0), ANY);
        rd = ra_alloc(cg, ANY);
        x86_ext_rr(buf, rd, ra, 4, true, true);
        break;
    case IR_extrh_i64_i32:
        rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
        x86_shift_ri(buf, X86_SHR, true, rd, 32);
        break;
    default: /* concat_i32_i64 */
        ra = ra_load(cg, in(op, 0), ANY);
        rd = ra_dst_from(cg, d, in(op, 1), 1, ANY);
        x86_shift_ri(buf, X86_SHL, true, rd, 32);
        x86_alu_rr(buf, X86_OR, true, rd, ra);
        break;
    }
    ra_define(cg, d, rd);
}

static void emit_bswap(CodeGen *cg, const IROp *op, bool half)
{
    IRTemp d = out(op, 0);
    int rd = ra_dst_from(cg, d, in(op, 0), 0, ANY);
    if (half) {
        x86_ext_rr(&cg->buf, rd, rd, 2, false, false);
        x86_rol16_8(&cg->buf, rd);
    } else {
        x86_bswap(&cg->buf, false, rd);
    }
    ra_define(cg, d, rd);
}

void emit_alu_op(CodeGen *cg, const IROp *op)
{
    switch ((IROpc)op->opc) {
    case IR_mov_i32: case IR_mov_i64: emit_mov(cg, op); break;
    case IR_add_i32: emit_alu2(cg, op, X86_ADD, false, true); break;
    case IR_sub_i32: emit_alu2(cg, op, X86_SUB, false, false); break;
    case IR_and_i32: emit_alu2(cg, op, X86_AND, false, true); break;
    case IR_or_i32: emit_alu2(cg, op, X86_OR, false, true); break;
    case IR_xor_i32: emit_alu2(cg, op, X86_XOR, false, true); break;
    case IR_add_i64: emit_alu2(cg, op, X86_ADD, true, true); break;
    case IR_sub_i64: emit_alu2(cg, op, X86_SUB, true, false); break;
    case IR_and_i64: emit_alu2(cg, op, X86_AND, true, true); break;
    case IR_or_i64: emit_alu2(cg, op, X86_OR, true, true); break;
    case IR_xor_i64: emit_alu2(cg, op, X86_XOR, true, true); break;
    case IR_mul_i32: emit_mul(cg, op, false); break;
    case IR_mul_i64: emit_mul(cg, op, true); break;
    case IR_andc_i32: emit_andc(cg, op); break;
    case IR_shl_i32: emit_shift(cg, op, X86_SHL, false); break;
    case IR_shr_i32: emit_shift(cg, op, X86_SHR, false); break;
    case IR_sar_i32: emit_shift(cg, op, X86_SAR, false); break;
    case IR_rotr_i32: emit_shift(cg, op, X86_ROR, false); break;
    case IR_rotl_i32: emit_shift(cg, op, X86_ROL, false); break;
    case IR_shl_i64: emit_shift(cg, op, X86_SHL, true); break;
    case IR_shr_i64: emit_shift(cg, op, X86_SHR, true); break;
    case IR_sar_i64: emit_shift(cg, op, X86_SAR, true); break;
    case IR_neg_i32: emit_unary(cg, op, X86_NEG, false); break;
    case IR_not_i32: emit_unary(cg, op, X86_NOT, false); break;
    case IR_neg_i64: emit_unary(cg, op, X86_NEG, true); break;
    case IR_not_i64: emit_unary(cg, op, X86_NOT, true); break;
    case IR_divs_i32: emit_div(cg, op, true, false); break;
    case IR_divu_i32: emit_div(cg, op, false, false); break;
    case IR_rems_i32: emit_div(cg, op, true, true); break;
    case IR_remu_i32: emit_div(cg, op, false, true); break;
    case IR_clz_i32: emit_bitcount(cg, op, true); break;
    case IR_ctz_i32: emit_bitcount(cg, op, false); break;
    case IR_bswap32_i32: emit_bswap(cg, op, false); break;
    case IR_bswap16_i32: emit_bswap(cg, op, true); break;
    case IR_ext8s_i32: emit_ext(cg, op, 1, true); break;
    case IR_ext8u_i32: emit_ext(cg, op, 1, false); break;
    case IR_ext16s_i32: emit_ext(cg, op, 2, true); break;
    case IR_ext16u_i32: emit_ext(cg, op, 2, false); break;
    case IR_extract_i32: emit_extract(cg, op, false); break;
    case IR_sextract_i32: emit_extract(cg, op, true); break;
    case IR_deposit_i32: emit_deposit(cg, op); break;
    case IR_setcond_i32: emit_setcond(cg, op, false); break;
    case IR_setcond_i64: emit_setcond(cg, op, true); break;
    case IR_movcond_i32: emit_movcond(cg, op); break;
    case IR_mulu2_i32: emit_mul2(cg, op, false); break;
    case IR_muls2_i32: emit_mul2(cg, op, true); break;
    case IR_addc_i32: emit_addsubc(cg, op, false); break;
    case IR_subc_i32: emit_addsubc(cg, op, true); break;
    case IR_extu_i32_i64: case IR_exts_i32_i64: case IR_extrl_i64_i32:
    case IR_extrh_i64_i32: case IR_concat_i32_i64:
        emit_conv(cg, op);
        break;
    default:
        ferry_fatal("internal error: x86 backend has no emitter for %s",
                    ir_op_defs[op->opc].name);
    }
}
