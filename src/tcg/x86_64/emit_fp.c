/*
 * x86-64 emitters for the floating-point IR ops.
 *
 * Guest FP registers stay in env; each op loads its operands into xmm0-2,
 * computes with one SSE instruction (the host MXCSR holds the guest's
 * rounding mode and flush-to-zero setting), checks cheaply whether the
 * result needs the guest's own rules, and stores it.  The check is one
 * compare and a not-taken branch: a NaN result (ucomis with itself sets PF)
 * or the x86 "integer indefinite" value of a conversion.  The slow path is
 * emitted out of line right after the op: it saves the caller-saved
 * registers, calls the guest's FPSlowPath, restores them and jumps back.
 */
#include <cpuid.h>

#include "common/log.h"
#include "tcg/x86_64/x86_internal.h"

static int have_fma = -1;

static bool host_fma(void)
{
    if (have_fma < 0) {
        unsigned a, b, c, d;
        have_fma = __get_cpuid(1, &a, &b, &c, &d) && ((c >> 12) & 1) && ((c >> 28) & 1);
    }
    return have_fma;
}

static const int8_t saved[] = {
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11,
};

/* Call fn(env, what, d, a, b) inline, keeping every caller-saved register
 * (the allocator's state is unchanged; xmm registers are not preserved). */
void x86_emit_env_call(CodeGen *cg, void *fn, uint32_t what, uint32_t d, uint32_t a,
                       uint32_t b)
{
    X86Buf *buf = &cg->buf;
    for (size_t i = 0; i < sizeof(saved); i++)
        x86_push(buf, saved[i]);
    x86_alu_ri(buf, X86_SUB, true, X86_RSP, 8);   /* 9 pushes: realign */
    x86_mov_rr(buf, true, X86_RDI, X86_ENV_REG);
    x86_mov_ri(buf, X86_RSI, what);
    x86_mov_ri(buf, X86_RDX, d);
    x86_mov_ri(buf, X86_RCX, a);
    x86_mov_ri(buf, X86_R8, b);
    uint8_t *f = x86_call32(buf);
    if (f && x86_rel32_reaches(f, (const uint8_t *)fn)) {
        x86_patch_rel32(f, (const uint8_t *)fn);
    } else if (f) {
        buf->p = f - 1;
        x86_mov_ri(buf, X86_RAX, (uintptr_t)fn);
        x86_call_r(buf, X86_RAX);
    }
    x86_alu_ri(buf, X86_ADD, true, X86_RSP, 8);
    for (size_t i = sizeof(saved); i-- > 0;)
        x86_pop(buf, saved[i]);
}

/* The call to the slow path; returns the rel32 field of its "jump back". */
static uint8_t *emit_slow_call(CodeGen *cg, FPSlowPath *fn, uint32_t what, uint32_t d,
                               uint32_t a, uint32_t b)
{
    x86_emit_env_call(cg, (void *)(uintptr_t)fn, what, d, a, b);
    return x86_jmp32(&cg->buf);
}

static X86Mem env_at(int32_t off)
{
    return x86_mem(X86_ENV_REG, off);
}

static void load_x(CodeGen *cg, bool dbl, int xmm, int32_t off)
{
    if (dbl)
        x86_movq_xm(&cg->buf, xmm, env_at(off));
    else
        x86_movss_xm(&cg->buf, xmm, env_at(off));
}

static void store_x(CodeGen *cg, bool dbl, int32_t off, int xmm)
{
    if (dbl)
        x86_movq_mx(&cg->buf, env_at(off), xmm);
    else
        x86_movss_mx(&cg->buf, env_at(off), xmm);
}

static void emit_fop(CodeGen *cg, const IROp *op)
{
    bool dbl = op->opc == IR_fop_f64;
    unsigned fop = (unsigned)op->args[0];
    int32_t d = (int32_t)op->args[1], a = (int32_t)op->args[2], b = (int32_t)op->args[3];
    FPSlowPath *slow = (FPSlowPath *)(uintptr_t)op->args[4];
    X86Buf *buf = &cg->buf;
    static const uint8_t opcode[] = { [FOP_ADD] = 0x58, [FOP_SUB] = 0x5c, [FOP_MUL] = 0x59,
                                      [FOP_DIV] = 0x5e, [FOP_SQRT] = 0x51 };
    load_x(cg, dbl, 0, a);
    if (fop == FOP_FMA) {
        load_x(cg, dbl, 1, b);
        load_x(cg, dbl, 2, d);
        if (host_fma()) {
            x86_vfmadd231(buf, dbl, 2, 0, 1);
            x86_sse_rr(buf, dbl ? 0xf2 : 0xf3, false, 0x0f10, 0, 2);   /* movs[sd] xmm0, xmm2 */
        } else {
            /* no FMA on this host: the slow path computes it exactly */
            uint8_t *back = emit_slow_call(cg, slow, FP_WHAT(dbl ? FPK_F64 : FPK_F32, fop),
                                           (uint32_t)d, (uint32_t)a, (uint32_t)b);
            x86_patch_rel32(back, buf->p);
            return;
        }
    } else if (fop == FOP_SQRT) {
        x86_sse_scalar_rr(buf, 0x51, dbl, 0, 0);
    } else {
        load_x(cg, dbl, 1, b);
        x86_sse_scalar_rr(buf, opcode[fop], dbl, 0, 1);
    }
    /* the scratch register before any branch (an allocation may spill) */
    int r = ra_alloc(cg, X86_ALLOCATABLE);
    x86_ucomis(buf, dbl, 0, 0);
    uint8_t *nan = x86_jcc32(buf, X86_CC_P);
    /* A result of exactly the smallest normal magnitude may have been
     * rounded up from a tiny value: the host then reports no underflow
     * (it judges tininess after rounding, the guest before). */
    x86_movd_rx(buf, r, 0, dbl);
    if (dbl) {
        x86_shift_ri(buf, X86_SHL, true, r, 1);
        x86_shift_ri(buf, X86_ROR, true, r, 53);   /* smallest normal: 1 */
        x86_alu_ri(buf, X86_CMP, true, r, 1);
    } else {
        x86_alu_ri(buf, X86_AND, false, r, 0x7fffffff);
        x86_alu_ri(buf, X86_CMP, false, r, 0x00800000);
    }
    uint8_t *min_normal = x86_jcc32(buf, X86_CC_E);
    store_x(cg, dbl, d, 0);
    uint8_t *done = x86_jmp32(buf);
    x86_patch_rel32(nan, buf->p);
    x86_patch_rel32(min_normal, buf->p);
    uint8_t *back = emit_slow_call(cg, slow, FP_WHAT(dbl ? FPK_F64 : FPK_F32, fop),
                                   (uint32_t)d, (uint32_t)a, (uint32_t)b);
    x86_patch_rel32(back, buf->p);
    x86_patch_rel32(done, buf->p);
}

/* Float to 32-bit integer through a 64-bit conversion: the result is
 * exact whenever it fits, and anything outside the guest type's range
 * (or the indefinite value) goes to the slow path. */
static void emit_cvt_to_int(CodeGen *cg, unsigned kind, bool from64, bool uns, bool rz,
                            int32_t d, int32_t a, FPSlowPath *slow)
{
    X86Buf *buf = &cg->buf;
    X86Mem saved = x86_mem(X86_RSP, -8);   /* red zone */
    load_x(cg, from64, 0, a);
    int r = ra_alloc(cg, X86_ALLOCATABLE);
    int t = ra_alloc(cg, X86_ALLOCATABLE);
    /* the 64-bit conversion may raise inexact for a value the guest finds
     * out of range (invalid, not inexact): the slow path starts from the
     * flags as they were */
    x86_stmxcsr(buf, saved);
    /* cvt(t)s[sd]2si r64, xmm0 */
    x86_sse_rr(buf, from64 ? 0xf2 : 0xf3, true, rz ? 0x0f2c : 0x0f2d, r, 0);
    uint8_t *bad1, *bad2;
    if (uns) {
        x86_mov_rr(buf, true, t, r);
        x86_shift_ri(buf, X86_SHR, true, t, 32);
        bad1 = x86_jcc32(buf, X86_CC_NE);      /* negative, >= 2^32, or indefinite */
        bad2 = NULL;
    } else {
        x86_ext_rr(buf, t, r, 4, true, true);   /* sign-extend low half */
        x86_alu_rr(buf, X86_CMP, true, t, r);
        bad1 = x86_jcc32(buf, X86_CC_NE);      /* out of int32 range or indefinite */
        bad2 = NULL;
    }
    x86_store(buf, env_at(d), r, 4);
    uint8_t *done = x86_jmp32(buf);
    x86_patch_rel32(bad1, buf->p);
    if (bad2)
        x86_patch_rel32(bad2, buf->p);
    x86_ldmxcsr(buf, saved);
    uint8_t *back = emit_slow_call(cg, slow, FP_WHAT(FPK_CVT, kind), (uint32_t)d, (uint32_t)a, 0);
    x86_patch_rel32(back, buf->p);
    x86_patch_rel32(done, buf->p);
}

static void emit_fcvt(CodeGen *cg, const IROp *op)
{
    unsigned kind = (unsigned)op->args[0];
    int32_t d = (int32_t)op->args[1], a = (int32_t)op->args[2];
    FPSlowPath *slow = (FPSlowPath *)(uintptr_t)op->args[3];
    X86Buf *buf = &cg->buf;
    int r;
    switch (kind) {
    case FCVT_F64_F32:
    case FCVT_F32_F64: {
        bool to64 = kind == FCVT_F64_F32;
        load_x(cg, !to64, 0, a);
        x86_sse_rr(buf, to64 ? 0xf3 : 0xf2, false, 0x0f5a, 0, 0);
        x86_ucomis(buf, to64, 0, 0);
        uint8_t *nan = x86_jcc32(buf, X86_CC_P);
        store_x(cg, to64, d, 0);
        uint8_t *done = x86_jmp32(buf);
        x86_patch_rel32(nan, buf->p);
        uint8_t *back = emit_slow_call(cg, slow, FP_WHAT(FPK_CVT, kind), (uint32_t)d,
                                       (uint32_t)a, 0);
        x86_patch_rel32(back, buf->p);
        x86_patch_rel32(done, buf->p);
        return;
    }
    case FCVT_F32_S32: case FCVT_F32_U32: case FCVT_F64_S32: case FCVT_F64_U32: {
        bool to64 = kind == FCVT_F64_S32 || kind == FCVT_F64_U32;
        bool uns = kind == FCVT_F32_U32 || kind == FCVT_F64_U32;
        r = ra_alloc(cg, X86_ALLOCATABLE);
        /* u32 is zero-extended and converted as a positive 64-bit value */
        x86_load(buf, r, env_at(a), 4, !uns, true);
        x86_sse_rr(buf, to64 ? 0xf2 : 0xf3, true, 0x0f2a, 0, r);
        store_x(cg, to64, d, 0);
        return;
    }
    default: {
        bool from64 = kind == FCVT_S32_F64_RZ || kind == FCVT_U32_F64_RZ ||
                      kind == FCVT_S32_F64 || kind == FCVT_U32_F64;
        bool uns = kind == FCVT_U32_F32_RZ || kind == FCVT_U32_F64_RZ ||
                   kind == FCVT_U32_F32 || kind == FCVT_U32_F64;
        emit_cvt_to_int(cg, kind, from64, uns, kind <= FCVT_U32_F64_RZ, d, a, slow);
        return;
    }
    }
}

/* rel = FCMP_REL_*: ucomis/comis flags map to eq (ZF), lt (CF), gt (none),
 * unordered (PF). */
static void emit_fcmp(CodeGen *cg, const IROp *op)
{
    bool dbl = op->opc == IR_fcmp_f64;
    unsigned flags = (unsigned)op->args[1];
    int32_t a = (int32_t)op->args[2], b = (int32_t)op->args[3];
    X86Buf *buf = &cg->buf;
    int rd = ra_alloc(cg, X86_ALLOCATABLE);
    load_x(cg, dbl, 0, a);
    if (flags & FCMP_WITH_ZERO)
        x86_sse_rr(buf, 0x66, false, 0x0fef, 1, 1);      /* pxor xmm1, xmm1 */
    else
        load_x(cg, dbl, 1, b);
    x86_mov_ri(buf, rd, FCMP_REL_GT);
    x86_sse_rr(buf, dbl ? 0x66 : 0, false, (flags & FCMP_SIGNALING) ? 0x0f2f : 0x0f2e, 0, 1);
    uint8_t *un = x86_jcc32(buf, X86_CC_P);
    uint8_t *gt = x86_jcc32(buf, X86_CC_A);
    x86_mov_ri(buf, rd, FCMP_REL_EQ);
    uint8_t *eq = x86_jcc32(buf, X86_CC_E);
    x86_mov_ri(buf, rd, FCMP_REL_LT);
    uint8_t *done = x86_jmp32(buf);
    x86_patch_rel32(un, buf->p);
    x86_mov_ri(buf, rd, FCMP_REL_UN);
    x86_patch_rel32(gt, buf->p);
    x86_patch_rel32(eq, buf->p);
    x86_patch_rel32(done, buf->p);
    ra_define(cg, ir_op_out(op, 0), rd);
}

void emit_fp_op(CodeGen *cg, const IROp *op)
{
    switch ((IROpc)op->opc) {
    case IR_fop_f32: case IR_fop_f64: emit_fop(cg, op); break;
    case IR_fcvt: emit_fcvt(cg, op); break;
    case IR_fcmp_f32: case IR_fcmp_f64: emit_fcmp(cg, op); break;
    default:
        ferry_fatal("internal error: no FP emitter for %s", ir_op_defs[op->opc].name);
    }
}
