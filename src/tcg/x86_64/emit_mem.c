/*
 * x86-64 emitters for guest memory (one host instruction per access:
 * [r15 + zero-extended guest address]), atomics, barriers and env fields.
 *
 * Just before each guest access the register allocator records a fault
 * side-table entry (ra_record_fault_point): if the access faults, the
 * signal handler rebuilds the guest registers from it.
 */
#include "common/log.h"
#include "tcg/x86_64/x86_internal.h"

#define ANY X86_ALLOCATABLE

/* The host operand for guest address temp a. */
static X86Mem guest_mem(CodeGen *cg, IRTemp a, uint16_t allowed)
{
    if (cg_is_const(cg, a) && cg_const(cg, a) < 0x80000000u)
        return x86_mem(X86_GBASE_REG, (int32_t)cg_const(cg, a));
    int ra = ra_load(cg, a, allowed);
    return x86_mem_bi(X86_GBASE_REG, ra, 0);
}

static void emit_swap(CodeGen *cg, int r, unsigned size)
{
    if (size == 2)
        x86_rol16_8(&cg->buf, r);
    else
        x86_bswap(&cg->buf, size == 8, r);
}

static void emit_load(CodeGen *cg, const IROp *op)
{
    IRTemp d = ir_op_out(op, 0);
    MemOp mo = (MemOp)ir_op_const(op, 0);
    unsigned size = memop_size(mo);
    bool w64 = op->opc == IR_ld_i64;
    X86Mem m = guest_mem(cg, ir_op_in(op, 0), ANY);
    int rd = ra_alloc(cg, ANY);
    ra_record_fault_point(cg);
    X86Buf *buf = &cg->buf;
    if (!(mo & MO_BSWAP) || size == 1) {
        x86_load(buf, rd, m, size, (mo & MO_SIGN) != 0, w64 && (mo & MO_SIGN));
    } else if (x86_have_movbe) {
        if (size == 2)
            x86_load(buf, rd, m, 2, false, false), x86_rol16_8(buf, rd);
        else
            x86_movbe_load(buf, rd, m, size);
        if (size == 2 && (mo & MO_SIGN))
            x86_ext_rr(buf, rd, rd, 2, true, w64);
        else if (size == 4 && (mo & MO_SIGN) && w64)
            x86_ext_rr(buf, rd, rd, 4, true, true);
    } else {
        x86_load(buf, rd, m, size, false, false);
        emit_swap(cg, rd, size);
        if (size == 2)
            x86_ext_rr(buf, rd, rd, 2, (mo & MO_SIGN) != 0, w64);
        else if (size == 4 && (mo & MO_SIGN) && w64)
            x86_ext_rr(buf, rd, rd, 4, true, true);
    }
    ra_define(cg, d, rd);
}

static uint64_t swap_const(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static void emit_store(CodeGen *cg, const IROp *op)
{
    IRTemp v = ir_op_in(op, 0);
    MemOp mo = (MemOp)ir_op_const(op, 0);
    unsigned size = memop_size(mo);
    X86Buf *buf = &cg->buf;
    X86Mem m = guest_mem(cg, ir_op_in(op, 1), ANY);
    if (cg_is_const(cg, v)) {
        uint64_t c = cg_const(cg, v);
        if (mo & MO_BSWAP)
            c = swap_const(c, size);
        if (size < 8 || (int64_t)c == (int64_t)(int32_t)c) {
            ra_record_fault_point(cg);
            x86_store_imm(buf, m, (int32_t)c, (int)size);
            return;
        }
        int tmp = ra_alloc(cg, ANY);
        x86_mov_ri(buf, tmp, c);
        ra_record_fault_point(cg);
        x86_store(buf, m, tmp, (int)size);
        return;
    }
    int rv = ra_load(cg, v, ANY);
    if ((mo & MO_BSWAP) && size > 1) {
        if (x86_have_movbe && size > 2) {
            ra_record_fault_point(cg);
            x86_movbe_store(buf, m, rv, (int)size);
            return;
        }
        int tmp = ra_alloc(cg, ANY);
        x86_mov_rr(buf, size == 8, tmp, rv);
        emit_swap(cg, tmp, size);
        rv = tmp;
    }
    ra_record_fault_point(cg);
    x86_store(buf, m, rv, (int)size);
}

/* old = cmpxchg([addr], expected, new): x86 wants expected in rax. */
static void emit_cmpxchg(CodeGen *cg, const IROp *op)
{
    IRTemp d = ir_op_out(op, 0);
    MemOp mo = (MemOp)ir_op_const(op, 0);
    unsigned size = memop_size(mo);
    bool w64 = size == 8;
    uint16_t not_rax = ANY & ~REGMASK(X86_RAX);
    X86Buf *buf = &cg->buf;
    X86Mem m = guest_mem(cg, ir_op_in(op, 0), not_rax);
    int rnew = ra_alloc(cg, not_rax);
    ra_copy_to(cg, ir_op_in(op, 2), rnew);
    ra_claim(cg, X86_RAX);
    ra_copy_to(cg, ir_op_in(op, 1), X86_RAX);
    if ((mo & MO_BSWAP) && size > 1) {
        emit_swap(cg, rnew, size);
        emit_swap(cg, X86_RAX, size);
    }
    ra_record_fault_point(cg);
    x86_lock_cmpxchg(buf, m, rnew, (int)size);
    if ((mo & MO_BSWAP) && size > 1)
        emit_swap(cg, X86_RAX, size);
    if (size < 4)
        x86_ext_rr(buf, X86_RAX, X86_RAX, (int)size, false, false);
    (void)w64;
    ra_define(cg, d, X86_RAX);
}

static void emit_xchg(CodeGen *cg, const IROp *op)
{
    IRTemp d = ir_op_out(op, 0);
    MemOp mo = (MemOp)ir_op_const(op, 0);
    unsigned size = memop_size(mo);
    X86Buf *buf = &cg->buf;
    X86Mem m = guest_mem(cg, ir_op_in(op, 0), ANY);
    int rd = ra_alloc(cg, ANY);
    ra_copy_to(cg, ir_op_in(op, 1), rd);
    if ((mo & MO_BSWAP) && size > 1)
        emit_swap(cg, rd, size);
    ra_record_fault_point(cg);
    x86_xchg_mr(buf, m, rd, (int)size);
    if ((mo & MO_BSWAP) && size > 1)
        emit_swap(cg, rd, size);
    if (size < 4)
        x86_ext_rr(buf, rd, rd, (int)size, false, false);
    ra_define(cg, d, rd);
}

static void emit_env(CodeGen *cg, const IROp *op)
{
    X86Buf *buf = &cg->buf;
    bool w64 = op->opc == IR_ld_env_i64 || op->opc == IR_st_env_i64;
    int32_t off = (int32_t)op->args[1];
    X86Mem m = x86_mem(X86_ENV_REG, off);
    if (op->opc == IR_ld_env_i32 || op->opc == IR_ld_env_i64) {
        int rd = ra_alloc(cg, ANY);
        x86_load(buf, rd, m, w64 ? 8 : 4, false, w64);
        ra_define(cg, ir_op_out(op, 0), rd);
        return;
    }
    IRTemp v = (IRTemp)op->args[0];
    int32_t imm;
    if (cg_imm32(cg, v, w64, &imm)) {
        x86_store_imm(buf, m, imm, w64 ? 8 : 4);
        return;
    }
    int rv = ra_load(cg, v, ANY);
    x86_store(buf, m, rv, w64 ? 8 : 4);
}

void emit_mem_op(CodeGen *cg, const IROp *op)
{
    switch ((IROpc)op->opc) {
    case IR_ld_i32: case IR_ld_i64: emit_load(cg, op); break;
    case IR_st_i32: case IR_st_i64: emit_store(cg, op); break;
    case IR_cmpxchg_i32: case IR_cmpxchg_i64: emit_cmpxchg(cg, op); break;
    case IR_xchg_i32: emit_xchg(cg, op); break;
    case IR_mb:
        if (op->args[0] & IR_MB_ST_LD)
            x86_mfence(&cg->buf);
        break;
    case IR_ld_env_i32: case IR_ld_env_i64: case IR_st_env_i32: case IR_st_env_i64:
        emit_env(cg, op);
        break;
    default:
        ferry_fatal("internal error: x86 backend has no emitter for %s",
                    ir_op_defs[op->opc].name);
    }
}
