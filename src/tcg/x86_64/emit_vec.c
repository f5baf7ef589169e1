/*
 * x86-64 emitter for the vector IR op (vop, tcg/vecop.h).
 *
 * Guest vector registers stay in env: each op loads its operands into
 * xmm0-xmm3 (movq for 64-bit registers, which zeroes the upper half, so
 * D-register operations can run as full 128-bit SSE operations and store
 * only the low half), computes with a few SSE2/SSE4 instructions and stores
 * the result.  Kinds without an inline form call the guest's reference
 * implementation, as do the rare cases an inline form hands over:
 *
 *  - saturating kinds detect saturation (the saturating and wrapping
 *    results differ, or a narrowed value widens back to something else)
 *    and record it in the guest's sticky flag (IRContext.vec_sat_*), or,
 *    for a guest without one, hand the op to the reference;
 *  - floating-point kinds run under the guest's SIMD rules (round to
 *    nearest, flush to zero, default NaN).  The host MXCSR is switched to
 *    round-to-nearest with flush-to-zero for the op and switched back with
 *    the inexact flag merged in.  Anything the host does not do the guest's
 *    way - a denormal input (the guest flushes it), underflow, an invalid
 *    operation, division by zero, a NaN result - takes the reference path,
 *    which starts again from the unchanged env operands.
 *
 * The MXCSR values live in the red zone below rsp (the kernel does not
 * write there when it delivers a host signal).
 */
#include <cpuid.h>

#include "tcg/x86_64/x86_internal.h"
#include "common/mxcsr.h"

static int have_sse41 = -1, have_sse42;

static void probe_host(void)
{
    unsigned a, b, c, d;
    have_sse41 = have_sse42 = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        have_sse41 = (c >> 19) & 1;
        have_sse42 = (c >> 20) & 1;
    }
}

/* ---- instruction helpers (all on xmm registers, 66-prefixed forms) ---- */

static void op66(CodeGen *cg, uint32_t opc, int dst, int src)
{
    x86_sse_rr(&cg->buf, 0x66, false, opc, dst, src);
}

/* shift group 0f 71/72/73 with ModRM.reg = ext and an immediate */
static void shift_imm(CodeGen *cg, uint32_t opc, int ext, int xmm, unsigned imm)
{
    op66(cg, opc, ext, xmm);
    x86_byte(&cg->buf, (uint8_t)imm);
}

static void pshufd(CodeGen *cg, int dst, int src, unsigned imm)
{
    op66(cg, 0x0f70, dst, src);
    x86_byte(&cg->buf, (uint8_t)imm);
}

static void all_ones(CodeGen *cg, int xmm)
{
    op66(cg, 0x0f76, xmm, xmm);   /* pcmpeqd */
}

static void movaps(CodeGen *cg, int dst, int src)
{
    x86_sse_rr(&cg->buf, 0, false, 0x0f28, dst, src);
}

static void load_v(CodeGen *cg, bool q, int xmm, int32_t off)
{
    if (q)
        x86_movdqu_xm(&cg->buf, xmm, x86_mem(X86_ENV_REG, off));
    else
        x86_movq_xm(&cg->buf, xmm, x86_mem(X86_ENV_REG, off));
}

static void store_v(CodeGen *cg, bool q, int32_t off, int xmm)
{
    if (q)
        x86_movdqu_mx(&cg->buf, x86_mem(X86_ENV_REG, off), xmm);
    else
        x86_movq_mx(&cg->buf, x86_mem(X86_ENV_REG, off), xmm);
}

/* ---- opcode tables, indexed by element size (0 = none) ---- */

typedef struct { uint32_t op[4]; bool sse41[4]; } ByEsz;

static const ByEsz t_add    = { { 0x0ffc, 0x0ffd, 0x0ffe, 0x0fd4 } };
static const ByEsz t_sub    = { { 0x0ff8, 0x0ff9, 0x0ffa, 0x0ffb } };
static const ByEsz t_mul    = { { 0, 0x0fd5, 0x0f3840, 0 }, { 0, 0, 1, 0 } };
static const ByEsz t_cmpeq  = { { 0x0f74, 0x0f75, 0x0f76, 0x0f3829 }, { 0, 0, 0, 1 } };
static const ByEsz t_cmpgt  = { { 0x0f64, 0x0f65, 0x0f66, 0x0f3837 }, { 0, 0, 0, 1 } };
static const ByEsz t_maxs   = { { 0x0f383c, 0x0fee, 0x0f383d, 0 }, { 1, 0, 1, 0 } };
static const ByEsz t_mins   = { { 0x0f3838, 0x0fea, 0x0f3839, 0 }, { 1, 0, 1, 0 } };
static const ByEsz t_maxu   = { { 0x0fde, 0x0f383e, 0x0f383f, 0 }, { 0, 1, 1, 0 } };
static const ByEsz t_minu   = { { 0x0fda, 0x0f383a, 0x0f383b, 0 }, { 0, 1, 1, 0 } };
static const ByEsz t_qadds  = { { 0x0fec, 0x0fed, 0, 0 } };
static const ByEsz t_qaddu  = { { 0x0fdc, 0x0fdd, 0, 0 } };
static const ByEsz t_qsubs  = { { 0x0fe8, 0x0fe9, 0, 0 } };
static const ByEsz t_qsubu  = { { 0x0fd8, 0x0fd9, 0, 0 } };
static const ByEsz t_avgu   = { { 0x0fe0, 0x0fe3, 0, 0 } };
/* shifts by immediate: opcode and ModRM.reg extension */
static const ByEsz t_shl    = { { 0, 0x0f71, 0x0f72, 0x0f73 } };
static const ByEsz t_shru   = { { 0, 0x0f71, 0x0f72, 0x0f73 } };
static const ByEsz t_shrs   = { { 0, 0x0f71, 0x0f72, 0 } };
static const ByEsz t_movls  = { { 0x0f3820, 0x0f3823, 0x0f3825, 0 }, { 1, 1, 1, 0 } };
static const ByEsz t_movlu  = { { 0x0f3830, 0x0f3833, 0x0f3835, 0 }, { 1, 1, 1, 0 } };

static uint32_t pick(const ByEsz *t, unsigned esz)
{
    if (esz > 3 || !t->op[esz])
        return 0;
    if (t->sse41[esz] && !have_sse41)
        return 0;
    /* pcmpeqq is SSE4.1, pcmpgtq SSE4.2 */
    if (t == &t_cmpgt && esz == 3 && !have_sse42)
        return 0;
    return t->op[esz];
}

/* ---- the reference path ---- */

static void emit_ref_call(CodeGen *cg, const IROp *op)
{
    x86_emit_env_call(cg, (void *)(uintptr_t)op->args[4], (uint32_t)op->args[0],
                      (uint32_t)op->args[1], (uint32_t)op->args[2], (uint32_t)op->args[3]);
}

/* A branch taken to the reference path: the caller emits the branch, then
 * calls finish_with_ref after the inline code's store. */
static void finish_with_ref(CodeGen *cg, const IROp *op, uint8_t **to_ref, int n)
{
    X86Buf *buf = &cg->buf;
    uint8_t *done = x86_jmp32(buf);
    for (int i = 0; i < n; i++)
        x86_patch_rel32(to_ref[i], buf->p);
    emit_ref_call(cg, op);
    x86_patch_rel32(done, buf->p);
}

/* Saturation was detected when the flags say "not equal": record it in
 * the guest's sticky flag inline, or (with no flag location) hand the op
 * to the reference.  Call before storing the result. */
static uint8_t *record_saturation(CodeGen *cg)
{
    const IRContext *ctx = cg->b->ctx;
    if (!ctx->vec_sat_mask)
        return x86_jcc32(&cg->buf, X86_CC_NE);
    uint8_t *skip = x86_jcc32(&cg->buf, X86_CC_E);
    x86_alu_mi(&cg->buf, X86_OR, 4, x86_mem(X86_ENV_REG, ctx->vec_sat_offset),
               (int32_t)ctx->vec_sat_mask);
    x86_patch_rel32(skip, cg->buf.p);
    return NULL;
}

static void finish_sat(CodeGen *cg, const IROp *op, uint8_t *to_ref)
{
    if (to_ref)
        finish_with_ref(cg, op, &to_ref, 1);
}

/* ---- integer kinds ---- */

/* One binary SSE op: x0 = a op b.  Returns false if there is none. */
static bool binop(CodeGen *cg, uint32_t opc)
{
    if (!opc)
        return false;
    op66(cg, opc, 0, 1);
    return true;
}

/*
 * Emit the kind into xmm0 with a in xmm0, b in xmm1 and d (when the kind
 * reads it) in xmm2.  Returns false when there is no inline form; then
 * nothing has been emitted that matters (the caller discards nothing: it
 * checks can_inline first).
 */
static bool int_kind(CodeGen *cg, unsigned kind, unsigned esz)
{
    switch (kind) {
    case VOP_ADD: return binop(cg, pick(&t_add, esz));
    case VOP_SUB: return binop(cg, pick(&t_sub, esz));
    case VOP_MUL: return binop(cg, pick(&t_mul, esz));
    case VOP_MLA:
        op66(cg, pick(&t_mul, esz), 0, 1);
        op66(cg, pick(&t_add, esz), 0, 2);
        return true;
    case VOP_MLS:
        op66(cg, pick(&t_mul, esz), 0, 1);
        op66(cg, pick(&t_sub, esz), 2, 0);
        movaps(cg, 0, 2);
        return true;
    case VOP_AND: op66(cg, 0x0fdb, 0, 1); return true;
    case VOP_ORR: op66(cg, 0x0feb, 0, 1); return true;
    case VOP_EOR: op66(cg, 0x0fef, 0, 1); return true;
    case VOP_BIC:                      /* a & ~b: pandn computes ~dst & src */
        op66(cg, 0x0fdf, 1, 0);
        movaps(cg, 0, 1);
        return true;
    case VOP_ORN:
        all_ones(cg, 3);
        op66(cg, 0x0fef, 1, 3);
        op66(cg, 0x0feb, 0, 1);
        return true;
    case VOP_BSL:                      /* (d & a) | (~d & b) = ((a ^ b) & d) ^ b */
        op66(cg, 0x0fef, 0, 1);
        op66(cg, 0x0fdb, 0, 2);
        op66(cg, 0x0fef, 0, 1);
        return true;
    case VOP_BIT:                      /* (a & b) | (d & ~b) = ((a ^ d) & b) ^ d */
        op66(cg, 0x0fef, 0, 2);
        op66(cg, 0x0fdb, 0, 1);
        op66(cg, 0x0fef, 0, 2);
        return true;
    case VOP_BIF:                      /* (d & b) | (a & ~b) = ((a ^ d) & ~b) ^ d */
        op66(cg, 0x0fef, 0, 2);
        op66(cg, 0x0fdf, 1, 0);        /* x1 = ~b & (a ^ d) */
        op66(cg, 0x0fef, 1, 2);
        movaps(cg, 0, 1);
        return true;
    case VOP_CEQ: return binop(cg, pick(&t_cmpeq, esz));
    case VOP_CGT_S: return binop(cg, pick(&t_cmpgt, esz));
    case VOP_CGE_S:                    /* !(b > a) */
        op66(cg, pick(&t_cmpgt, esz), 1, 0);
        all_ones(cg, 0);
        op66(cg, 0x0fef, 0, 1);
        return true;
    case VOP_CGE_U:                    /* max(a, b) == a */
        movaps(cg, 2, 0);
        op66(cg, pick(&t_maxu, esz), 0, 1);
        op66(cg, pick(&t_cmpeq, esz), 0, 2);
        return true;
    case VOP_CGT_U:                    /* !(max(b, a) == b) */
        movaps(cg, 2, 1);
        op66(cg, pick(&t_maxu, esz), 1, 0);
        op66(cg, pick(&t_cmpeq, esz), 1, 2);
        all_ones(cg, 0);
        op66(cg, 0x0fef, 0, 1);
        return true;
    case VOP_TST:
        op66(cg, 0x0fdb, 0, 1);
        op66(cg, 0x0fef, 1, 1);        /* x1 = 0 */
        op66(cg, pick(&t_cmpeq, esz), 0, 1);
        all_ones(cg, 1);
        op66(cg, 0x0fef, 0, 1);
        return true;
    case VOP_MAX_S: return binop(cg, pick(&t_maxs, esz));
    case VOP_MIN_S: return binop(cg, pick(&t_mins, esz));
    case VOP_MAX_U: return binop(cg, pick(&t_maxu, esz));
    case VOP_MIN_U: return binop(cg, pick(&t_minu, esz));
    case VOP_RHADD_U: return binop(cg, pick(&t_avgu, esz));
    case VOP_ABD_S: case VOP_ABD_U: case VOP_ABA_S: case VOP_ABA_U: {
        /* |a - b| = max - min, which wraps correctly for signed lanes too */
        bool s = kind == VOP_ABD_S || kind == VOP_ABA_S;
        movaps(cg, 3, 0);
        op66(cg, pick(s ? &t_maxs : &t_maxu, esz), 0, 1);
        op66(cg, pick(s ? &t_mins : &t_minu, esz), 3, 1);
        op66(cg, pick(&t_sub, esz), 0, 3);
        if (kind == VOP_ABA_S || kind == VOP_ABA_U)
            op66(cg, pick(&t_add, esz), 0, 2);
        return true;
    }
    default:
        return false;
    }
}

static bool int_kind_ok(unsigned kind, unsigned esz)
{
    switch (kind) {
    case VOP_ADD: return pick(&t_add, esz);
    case VOP_SUB: return pick(&t_sub, esz);
    case VOP_MUL: case VOP_MLA: case VOP_MLS: return pick(&t_mul, esz);
    case VOP_AND: case VOP_ORR: case VOP_EOR: case VOP_BIC: case VOP_ORN:
    case VOP_BSL: case VOP_BIT: case VOP_BIF:
        return true;
    case VOP_CEQ: case VOP_TST: return pick(&t_cmpeq, esz);
    case VOP_CGT_S: case VOP_CGE_S: return pick(&t_cmpgt, esz);
    case VOP_CGE_U: case VOP_CGT_U: return pick(&t_maxu, esz) && pick(&t_cmpeq, esz);
    case VOP_MAX_S: return pick(&t_maxs, esz);
    case VOP_MIN_S: return pick(&t_mins, esz);
    case VOP_MAX_U: return pick(&t_maxu, esz);
    case VOP_MIN_U: return pick(&t_minu, esz);
    case VOP_RHADD_U: return pick(&t_avgu, esz);
    case VOP_ABD_S: case VOP_ABA_S: return pick(&t_maxs, esz) && pick(&t_mins, esz);
    case VOP_ABD_U: case VOP_ABA_U: return pick(&t_maxu, esz) && pick(&t_minu, esz);
    default:
        return false;
    }
}

static bool reads_d(unsigned kind)
{
    switch (kind) {
    case VOP_MLA: case VOP_MLS: case VOP_BSL: case VOP_BIT: case VOP_BIF:
    case VOP_ABA_S: case VOP_ABA_U: case VOP_FMLA: case VOP_FMLS:
    case VOP_SRA_S_IMM: case VOP_SRA_U_IMM:
        return true;
    default:
        return false;
    }
}

/* Saturating add/subtract: the saturating and the wrapping results differ
 * exactly in the lanes that saturated. */
static bool emit_qaddsub(CodeGen *cg, const IROp *op, unsigned kind, unsigned esz, bool q,
                         int32_t d)
{
    const ByEsz *t = kind == VOP_QADD_S ? &t_qadds : kind == VOP_QADD_U ? &t_qaddu :
                     kind == VOP_QSUB_S ? &t_qsubs : &t_qsubu;
    bool add = kind == VOP_QADD_S || kind == VOP_QADD_U;
    uint32_t opc = pick(t, esz);
    if (!opc)
        return false;
    X86Buf *buf = &cg->buf;
    movaps(cg, 2, 0);
    op66(cg, opc, 0, 1);
    op66(cg, pick(add ? &t_add : &t_sub, esz), 2, 1);
    op66(cg, 0x0f74, 2, 0);                          /* pcmpeqb */
    int r = ra_alloc(cg, X86_ALLOCATABLE);
    op66(cg, 0x0fd7, r, 2);                          /* pmovmskb */
    x86_alu_ri(buf, X86_CMP, false, r, 0xffff);
    uint8_t *sat = record_saturation(cg);
    store_v(cg, q, d, 0);
    finish_sat(cg, op, sat);
    return true;
}

static bool emit_shift_imm(CodeGen *cg, unsigned kind, unsigned esz, unsigned imm)
{
    uint32_t opc;
    int ext;
    switch (kind) {
    case VOP_SHL_IMM: opc = pick(&t_shl, esz); ext = 6; break;
    case VOP_SHR_U_IMM: case VOP_SRA_U_IMM: opc = pick(&t_shru, esz); ext = 2; break;
    case VOP_SHR_S_IMM: case VOP_SRA_S_IMM:
        /* a shift by the element width fills with the sign, as psra does */
        opc = pick(&t_shrs, esz); ext = 4; break;
    default: return false;
    }
    if (!opc)
        return false;
    shift_imm(cg, opc, ext, 0, imm);
    if (kind == VOP_SRA_U_IMM || kind == VOP_SRA_S_IMM)
        op66(cg, pick(&t_add, esz), 0, 2);
    return true;
}

static bool shift_imm_ok(unsigned kind, unsigned esz)
{
    switch (kind) {
    case VOP_SHL_IMM: return pick(&t_shl, esz);
    case VOP_SHR_U_IMM: case VOP_SRA_U_IMM: return pick(&t_shru, esz);
    case VOP_SHR_S_IMM: case VOP_SRA_S_IMM: return pick(&t_shrs, esz);
    default: return false;
    }
}

/* ---- floating point ---- */

static bool float_kind_ok(unsigned kind)
{
    switch (kind) {
    case VOP_FADD: case VOP_FSUB: case VOP_FMUL: case VOP_FMLA: case VOP_FMLS:
    case VOP_FCEQ: case VOP_FCGE: case VOP_FCGT:
        return have_sse41;               /* pminud in the denormal scan */
    default:
        return false;
    }
}

/* x0 = a op b (a in x0, b in x1, d in x2) with the SSE packed-single ops */
static void float_kind(CodeGen *cg, unsigned kind)
{
    X86Buf *buf = &cg->buf;
    switch (kind) {
    case VOP_FADD: x86_sse_rr(buf, 0, false, 0x0f58, 0, 1); break;
    case VOP_FSUB: x86_sse_rr(buf, 0, false, 0x0f5c, 0, 1); break;
    case VOP_FMUL: x86_sse_rr(buf, 0, false, 0x0f59, 0, 1); break;
    case VOP_FMLA:
        x86_sse_rr(buf, 0, false, 0x0f59, 0, 1);
        x86_sse_rr(buf, 0, false, 0x0f58, 0, 2);
        break;
    case VOP_FMLS:
        x86_sse_rr(buf, 0, false, 0x0f59, 0, 1);
        x86_sse_rr(buf, 0, false, 0x0f5c, 2, 0);
        movaps(cg, 0, 2);
        break;
    case VOP_FCEQ:                     /* cmpps x0, x1, EQ_OQ */
        x86_sse_rr(buf, 0, false, 0x0fc2, 0, 1);
        x86_byte(buf, 0);
        break;
    case VOP_FCGE:                     /* b <= a, signalling on NaN: LE_OS */
        x86_sse_rr(buf, 0, false, 0x0fc2, 1, 0);
        x86_byte(buf, 2);
        movaps(cg, 0, 1);
        break;
    case VOP_FCGT:                     /* b < a: LT_OS */
        x86_sse_rr(buf, 0, false, 0x0fc2, 1, 0);
        x86_byte(buf, 1);
        movaps(cg, 0, 1);
        break;
    }
}

/*
 * xmm6 = min(xmm6, ((|x| - 1) >> 23)) per lane, with xmm4 = 0x7fffffff and
 * xmm5 = 1 in every lane: a lane of xmm6 becomes 0 when x is a denormal (or
 * exactly the smallest normal, which costs only a needless slow path).
 * first: xmm6 is not set yet.
 */
static void denormal_scan(CodeGen *cg, int x, bool first)
{
    int t = first ? 6 : 7;
    movaps(cg, t, x);
    op66(cg, 0x0fdb, t, 4);                      /* pand: |x| */
    op66(cg, 0x0ffa, t, 5);                      /* psubd 1 */
    shift_imm(cg, 0x0f72, 2, t, 23);             /* psrld 23 */
    if (!first)
        op66(cg, 0x0f383b, 6, 7);                /* pminud */
}

/*
 * Float kinds run on the guest's own MXCSR, without switching it (ldmxcsr
 * costs tens of cycles): they need round to nearest and no flush modes,
 * which is what guests run with unless they ask otherwise.  The guest's
 * SIMD rules differ from the host's only for denormals (flushed to zero
 * on input and output, flagged differently) and NaNs (the default NaN);
 * the code checks the values - denormal inputs, intermediate products and
 * results, NaN results - and sends those lanes' ops to the reference after
 * restoring the flags as they were.  Otherwise the host's flags (inexact,
 * overflow, invalid for a signalling compare) are the guest's own.
 */
static void emit_float(CodeGen *cg, const IROp *op, unsigned kind, bool q, int32_t d,
                       int32_t a, int32_t b)
{
    X86Buf *buf = &cg->buf;
    X86Mem saved = x86_mem(X86_RSP, -8);
    /* the scratch register before any branch: an allocation may spill a
     * guest register, and that store must be on every path */
    int m = ra_alloc(cg, X86_ALLOCATABLE);
    bool is_cmp = kind == VOP_FCEQ || kind == VOP_FCGE || kind == VOP_FCGT;
    bool acc = reads_d(kind);
    x86_stmxcsr(buf, saved);
    x86_load(buf, m, saved, 4, false, false);
    x86_test_ri(buf, false, m, MXCSR_RC | MXCSR_FTZ | MXCSR_DAZ);
    uint8_t *other_mode = x86_jcc32(buf, X86_CC_NE);
    load_v(cg, q, 0, a);
    load_v(cg, q, 1, b);
    if (acc)
        load_v(cg, q, 2, d);
    all_ones(cg, 4);
    movaps(cg, 5, 4);
    shift_imm(cg, 0x0f72, 2, 4, 1);              /* 0x7fffffff */
    shift_imm(cg, 0x0f72, 2, 5, 31);             /* 1 */
    denormal_scan(cg, 0, true);
    denormal_scan(cg, 1, false);
    if (acc)
        denormal_scan(cg, 2, false);
    bool mul = kind == VOP_FMUL || kind == VOP_FMLA || kind == VOP_FMLS;
    if (mul) {
        /* x8 = lanes where a or b is zero; then lanes whose product is
         * zero without that: an underflow to zero, which the guest flags
         * differently (UFC without IXC) */
        op66(cg, 0x0fef, 9, 9);
        movaps(cg, 8, 0);
        op66(cg, 0x0fdb, 8, 4);
        op66(cg, 0x0f76, 8, 9);
        movaps(cg, 3, 1);
        op66(cg, 0x0fdb, 3, 4);
        op66(cg, 0x0f76, 3, 9);
        op66(cg, 0x0feb, 8, 3);
        x86_sse_rr(buf, 0, false, 0x0f59, 0, 1);             /* mulps */
        movaps(cg, 3, 0);
        op66(cg, 0x0fdb, 3, 4);
        op66(cg, 0x0f76, 3, 9);
        op66(cg, 0x0fdf, 8, 3);                              /* pandn */
        if (acc) {
            /* the product is rounded (and would be flushed) on its own */
            denormal_scan(cg, 0, false);
            x86_sse_rr(buf, 0, false, kind == VOP_FMLA ? 0x0f58 : 0x0f5c, 2, 0);
            movaps(cg, 0, 2);
        }
    } else {
        float_kind(cg, kind);
    }
    if (!is_cmp)
        denormal_scan(cg, 0, false);             /* a tiny result */
    op66(cg, 0x0fef, 7, 7);
    op66(cg, 0x0f76, 6, 7);                      /* lanes that need the reference */
    if (mul)
        op66(cg, 0x0feb, 6, 8);
    if (!is_cmp) {
        movaps(cg, 3, 0);
        x86_sse_rr(buf, 0, false, 0x0fc2, 3, 3); /* cmpunordps: NaN results */
        x86_byte(buf, 3);
        op66(cg, 0x0feb, 6, 3);
    }
    x86_sse_rr(buf, 0, false, 0x0f50, m, 6);     /* movmskps */
    x86_test_rr(buf, false, m, m);
    uint8_t *to_ref = x86_jcc32(buf, X86_CC_NE);
    store_v(cg, q, d, 0);
    uint8_t *done = x86_jmp32(buf);
    x86_patch_rel32(to_ref, buf->p);
    x86_ldmxcsr(buf, saved);                     /* the flags as before the op */
    x86_patch_rel32(other_mode, buf->p);
    emit_ref_call(cg, op);
    x86_patch_rel32(done, buf->p);
}

/* ---- other shapes ---- */

static bool emit_dup(CodeGen *cg, unsigned esz, bool q, int32_t d, int32_t a, unsigned idx)
{
    X86Buf *buf = &cg->buf;
    X86Mem src = x86_mem(X86_ENV_REG, a + (int32_t)(idx << esz));
    if (esz == 3) {
        x86_movq_xm(buf, 0, src);
        op66(cg, 0x0f6c, 0, 0);                      /* punpcklqdq */
    } else {
        int r = ra_alloc(cg, X86_ALLOCATABLE);
        x86_load(buf, r, src, 1 << esz, false, false);
        if (esz == 0)
            x86_imul_rri(buf, false, r, r, 0x01010101);
        else if (esz == 1)
            x86_imul_rri(buf, false, r, r, 0x00010001);
        x86_movd_xr(buf, 0, r, false);
        pshufd(cg, 0, 0, 0);
    }
    store_v(cg, q, d, 0);
    return true;
}

/* d (Q) = a (D) widened, shifted left by imm */
static bool emit_movl(CodeGen *cg, unsigned kind, unsigned esz, int32_t d, int32_t a,
                      unsigned imm)
{
    uint32_t opc = pick(kind == VOP_MOVL_S ? &t_movls : &t_movlu, esz);
    if (!opc)
        return false;
    x86_movq_xm(&cg->buf, 0, x86_mem(X86_ENV_REG, a));
    op66(cg, opc, 0, 0);
    if (imm)
        shift_imm(cg, pick(&t_shl, esz + 1), 6, 0, imm);
    store_v(cg, true, d, 0);
    return true;
}

/* d (D) = low halves of the 2*esize elements of a (Q) */
static bool emit_movn(CodeGen *cg, unsigned esz, int32_t d, int32_t a)
{
    load_v(cg, true, 0, a);
    switch (esz) {
    case 0:
        all_ones(cg, 1);
        shift_imm(cg, 0x0f71, 2, 1, 8);              /* x1 = 0x00ff lanes */
        op66(cg, 0x0fdb, 0, 1);
        op66(cg, 0x0f67, 0, 0);                      /* packuswb */
        break;
    case 1:
        shift_imm(cg, 0x0f72, 6, 0, 16);             /* pslld 16; psrad 16 */
        shift_imm(cg, 0x0f72, 4, 0, 16);
        op66(cg, 0x0f6b, 0, 0);                      /* packssdw */
        break;
    case 2:
        pshufd(cg, 0, 0, 0x08);                      /* elements 0, 2 */
        break;
    default:
        return false;
    }
    store_v(cg, false, d, 0);
    return true;
}

static bool emit_fabsneg(CodeGen *cg, unsigned kind, bool q, int32_t d, int32_t a)
{
    load_v(cg, q, 0, a);
    all_ones(cg, 1);
    if (kind == VOP_FABS) {
        shift_imm(cg, 0x0f72, 2, 1, 1);              /* 0x7fffffff */
        op66(cg, 0x0fdb, 0, 1);
    } else {
        shift_imm(cg, 0x0f72, 6, 1, 31);             /* 0x80000000 */
        op66(cg, 0x0fef, 0, 1);
    }
    store_v(cg, q, d, 0);
    return true;
}

/* ---- long, wide and narrow shapes ---- */

static const ByEsz t_mulw = { { 0x0fd5, 0x0f3840, 0, 0 }, { 0, 1, 0, 0 } };  /* at esz + 1 */

static void widen(CodeGen *cg, bool sign, unsigned esz, int xmm)
{
    op66(cg, pick(sign ? &t_movls : &t_movlu, esz), xmm, xmm);
}

/* lanes of 2^k - 1 in xmm (k = 8, 16, 32 for wide esz 1, 2, 3) */
static void low_mask(CodeGen *cg, unsigned wesz, int xmm)
{
    all_ones(cg, xmm);
    shift_imm(cg, wesz == 1 ? 0x0f71 : wesz == 2 ? 0x0f72 : 0x0f73, 2, xmm, 4u << wesz);
}

static bool long_ok(unsigned kind, unsigned esz)
{
    if (esz > 2 || !pick(&t_movls, esz))
        return false;
    switch (kind) {
    case VOP_ADDL_S: case VOP_ADDL_U: case VOP_SUBL_S: case VOP_SUBL_U:
    case VOP_ADDW_S: case VOP_ADDW_U: case VOP_SUBW_S: case VOP_SUBW_U:
        return true;
    case VOP_MULL_S: case VOP_MULL_U: case VOP_MLAL_S: case VOP_MLAL_U:
    case VOP_MLSL_S: case VOP_MLSL_U:
        return esz < 2 ? pick(&t_mulw, esz) : have_sse41;
    case VOP_ABDL_S: case VOP_ABAL_S:
        return pick(&t_maxs, esz + 1) && pick(&t_mins, esz + 1);
    case VOP_ABDL_U: case VOP_ABAL_U:
        return pick(&t_maxu, esz + 1) && pick(&t_minu, esz + 1);
    default:
        return false;
    }
}

/* L: d (Q) = f(widen(a), widen(b)); W: d (Q) = f(a (Q), widen(b)) */
static void emit_long(CodeGen *cg, unsigned kind, unsigned esz, int32_t d, int32_t a,
                      int32_t b)
{
    bool sign, wide = false, acc = false, neg = false;
    unsigned w = esz + 1;
    switch (kind) {
    case VOP_ADDW_S: case VOP_SUBW_S: case VOP_ADDW_U: case VOP_SUBW_U:
        wide = true;
        break;
    case VOP_MLAL_S: case VOP_MLAL_U: case VOP_ABAL_S: case VOP_ABAL_U:
        acc = true;
        break;
    case VOP_MLSL_S: case VOP_MLSL_U:
        acc = neg = true;
        break;
    }
    sign = kind == VOP_ADDL_S || kind == VOP_SUBL_S || kind == VOP_ADDW_S ||
           kind == VOP_SUBW_S || kind == VOP_MULL_S || kind == VOP_MLAL_S ||
           kind == VOP_MLSL_S || kind == VOP_ABDL_S || kind == VOP_ABAL_S;
    load_v(cg, wide, 0, a);
    if (!wide)
        widen(cg, sign, esz, 0);
    x86_movq_xm(&cg->buf, 1, x86_mem(X86_ENV_REG, b));
    widen(cg, sign, esz, 1);
    switch (kind) {
    case VOP_ADDL_S: case VOP_ADDL_U: case VOP_ADDW_S: case VOP_ADDW_U:
        op66(cg, pick(&t_add, w), 0, 1);
        break;
    case VOP_SUBL_S: case VOP_SUBL_U: case VOP_SUBW_S: case VOP_SUBW_U:
        op66(cg, pick(&t_sub, w), 0, 1);
        break;
    case VOP_ABDL_S: case VOP_ABDL_U: case VOP_ABAL_S: case VOP_ABAL_U:
        movaps(cg, 3, 0);
        op66(cg, pick(sign ? &t_maxs : &t_maxu, w), 0, 1);
        op66(cg, pick(sign ? &t_mins : &t_minu, w), 3, 1);
        op66(cg, pick(&t_sub, w), 0, 3);
        break;
    default:   /* the multiplies: the product of the widened lanes fits */
        if (esz < 2)
            op66(cg, pick(&t_mulw, esz), 0, 1);
        else
            op66(cg, sign ? 0x0f3828 : 0x0ff4, 0, 1);   /* pmuldq / pmuludq */
        break;
    }
    if (acc) {
        load_v(cg, true, 2, d);
        if (neg) {
            op66(cg, pick(&t_sub, w), 2, 0);
            movaps(cg, 0, 2);
        } else {
            op66(cg, pick(&t_add, w), 0, 2);
        }
    }
    store_v(cg, true, d, 0);
}

/* Rounding shift right by 1 <= n <= esize of the lanes in x0, without a
 * wider intermediate: (a >> n) + ((a >> (n - 1)) & 1). */
static void round_shift(CodeGen *cg, bool sign, unsigned esz, unsigned n)
{
    uint32_t opc = esz == 1 ? 0x0f71 : esz == 2 ? 0x0f72 : 0x0f73;
    movaps(cg, 1, 0);
    if (n > 1)
        shift_imm(cg, opc, 2, 1, n - 1);
    all_ones(cg, 3);
    shift_imm(cg, opc, 2, 3, (8u << esz) - 1);       /* lanes of 1 */
    op66(cg, 0x0fdb, 1, 3);
    shift_imm(cg, opc, sign ? 4 : 2, 0, n);
    op66(cg, pick(&t_add, esz), 0, 1);
}

static bool round_shift_ok(bool sign, unsigned esz)
{
    return esz == 1 || esz == 2 || (esz == 3 && !sign);
}

/*
 * Saturating narrow of the lanes of x0 (wide element size esz + 1) into the
 * low half of x0, recording saturation (record_saturation, whose branch
 * to the reference it returns).  in_sign/out_sign: signed source, signed
 * result.
 */
static bool narrow_sat_ok(bool in_sign, bool out_sign, unsigned esz)
{
    if (esz > 1 || (!in_sign && out_sign))
        return false;
    return esz == 0 || have_sse41;     /* packusdw, pminud, pmovzxwd */
}

static uint8_t *narrow_sat(CodeGen *cg, bool in_sign, bool out_sign, unsigned esz, int m)
{
    X86Buf *buf = &cg->buf;
    movaps(cg, 2, 0);                                /* the wide values */
    if (!in_sign) {
        /* unsigned to unsigned: clamp first (pack treats its input as signed) */
        low_mask(cg, esz + 1, 1);
        op66(cg, pick(&t_minu, esz + 1), 0, 1);
    }
    if (out_sign)
        op66(cg, esz == 0 ? 0x0f63 : 0x0f6b, 0, 0);     /* packsswb / packssdw */
    else
        op66(cg, esz == 0 ? 0x0f67 : 0x0f382b, 0, 0);   /* packuswb / packusdw */
    /* widen back and compare: any difference is a saturated lane */
    movaps(cg, 1, 0);
    widen(cg, out_sign, esz, 1);
    op66(cg, pick(&t_cmpeq, esz + 1), 1, 2);
    op66(cg, 0x0fd7, m, 1);                          /* pmovmskb */
    x86_alu_ri(buf, X86_CMP, false, m, 0xffff);
    return record_saturation(cg);
}

static bool narrow_kind(unsigned kind, bool *in_sign, bool *out_sign, bool *rnd)
{
    *rnd = false;
    switch (kind) {
    case VOP_QMOVN_S: *in_sign = *out_sign = true; return true;
    case VOP_QMOVN_U: *in_sign = *out_sign = false; return true;
    case VOP_QMOVUN: *in_sign = true; *out_sign = false; return true;
    case VOP_QRSHRN_S_IMM: *rnd = true; /* fall through */
    case VOP_QSHRN_S_IMM: *in_sign = *out_sign = true; return true;
    case VOP_QRSHRN_U_IMM: *rnd = true; /* fall through */
    case VOP_QSHRN_U_IMM: *in_sign = *out_sign = false; return true;
    case VOP_QRSHRUN_IMM: *rnd = true; /* fall through */
    case VOP_QSHRUN_IMM: *in_sign = true; *out_sign = false; return true;
    default: return false;
    }
}

static bool emit_narrow_sat(CodeGen *cg, const IROp *op, unsigned kind, unsigned esz,
                            int32_t d, int32_t a, unsigned imm)
{
    bool in_sign, out_sign, rnd;
    if (!narrow_kind(kind, &in_sign, &out_sign, &rnd) || !narrow_sat_ok(in_sign, out_sign, esz))
        return false;
    bool shifts = kind != VOP_QMOVN_S && kind != VOP_QMOVN_U && kind != VOP_QMOVUN;
    if (rnd && !round_shift_ok(in_sign, esz + 1))
        return false;
    int m = ra_alloc(cg, X86_ALLOCATABLE);
    load_v(cg, true, 0, a);
    if (rnd)
        round_shift(cg, in_sign, esz + 1, imm);
    else if (shifts)
        shift_imm(cg, esz == 0 ? 0x0f71 : 0x0f72, in_sign ? 4 : 2, 0, imm);
    uint8_t *sat = narrow_sat(cg, in_sign, out_sign, esz, m);
    store_v(cg, false, d, 0);
    finish_sat(cg, op, sat);
    return true;
}

/* pairwise add long: d = sums of adjacent pairs of a (widened) [+ d] */
static bool emit_paddl(CodeGen *cg, unsigned kind, unsigned esz, bool q, int32_t d, int32_t a)
{
    bool sign = kind == VOP_PADDL_S || kind == VOP_PADAL_S;
    bool acc = kind == VOP_PADAL_S || kind == VOP_PADAL_U;
    unsigned w = esz + 1, bits = 8u << esz;
    uint32_t opc = w == 1 ? 0x0f71 : w == 2 ? 0x0f72 : 0x0f73;
    if (esz > 2 || (sign && w == 3))
        return false;
    load_v(cg, q, 0, a);
    movaps(cg, 1, 0);
    /* x1 = high element of each pair, x0 = low element, both extended */
    shift_imm(cg, opc, sign ? 4 : 2, 1, bits);
    shift_imm(cg, opc, 6, 0, bits);
    shift_imm(cg, opc, sign ? 4 : 2, 0, bits);
    op66(cg, pick(&t_add, w), 0, 1);
    if (acc) {
        load_v(cg, q, 2, d);
        op66(cg, pick(&t_add, w), 0, 2);
    }
    store_v(cg, q, d, 0);
    return true;
}

/* ---- dispatch ---- */

void emit_vec_op(CodeGen *cg, const IROp *op)
{
    if (have_sse41 < 0)
        probe_host();
    uint32_t what = (uint32_t)op->args[0];
    unsigned kind = VOP_KIND(what), esz = VOP_ESZ(what), imm = VOP_IMM(what);
    bool q = VOP_Q(what);
    int32_t d = (int32_t)op->args[1], a = (int32_t)op->args[2], b = (int32_t)op->args[3];

    if (int_kind_ok(kind, esz)) {
        load_v(cg, q, 0, a);
        load_v(cg, q, 1, b);
        if (reads_d(kind))
            load_v(cg, q, 2, d);
        int_kind(cg, kind, esz);
        store_v(cg, q, d, 0);
        return;
    }
    switch (kind) {
    case VOP_QADD_S: case VOP_QADD_U: case VOP_QSUB_S: case VOP_QSUB_U:
        if (!pick(&t_qadds, esz))
            break;
        load_v(cg, q, 0, a);
        load_v(cg, q, 1, b);
        emit_qaddsub(cg, op, kind, esz, q, d);
        return;
    case VOP_SHL_IMM: case VOP_SHR_U_IMM: case VOP_SHR_S_IMM:
    case VOP_SRA_U_IMM: case VOP_SRA_S_IMM:
        if (!shift_imm_ok(kind, esz))
            break;
        load_v(cg, q, 0, a);
        if (reads_d(kind))
            load_v(cg, q, 2, d);
        emit_shift_imm(cg, kind, esz, imm);
        store_v(cg, q, d, 0);
        return;
    case VOP_DUP:
        emit_dup(cg, esz, q, d, a, imm);
        return;
    case VOP_MOVL_S: case VOP_MOVL_U:
        if (emit_movl(cg, kind, esz, d, a, imm))
            return;
        break;
    case VOP_MOVN:
        if (emit_movn(cg, esz, d, a))
            return;
        break;
    case VOP_RSHR_S_IMM: case VOP_RSHR_U_IMM: case VOP_RSRA_S_IMM: case VOP_RSRA_U_IMM: {
        bool sign = kind == VOP_RSHR_S_IMM || kind == VOP_RSRA_S_IMM;
        if (!round_shift_ok(sign, esz))
            break;
        load_v(cg, q, 0, a);
        round_shift(cg, sign, esz, imm);
        if (kind == VOP_RSRA_S_IMM || kind == VOP_RSRA_U_IMM) {
            load_v(cg, q, 2, d);
            op66(cg, pick(&t_add, esz), 0, 2);
        }
        store_v(cg, q, d, 0);
        return;
    }
    case VOP_PADDL_S: case VOP_PADDL_U: case VOP_PADAL_S: case VOP_PADAL_U:
        if (emit_paddl(cg, kind, esz, q, d, a))
            return;
        break;
    case VOP_FABS: case VOP_FNEG:
        emit_fabsneg(cg, kind, q, d, a);
        return;
    default:
        if (long_ok(kind, esz)) {
            emit_long(cg, kind, esz, d, a, b);
            return;
        }
        if (emit_narrow_sat(cg, op, kind, esz, d, a, imm))
            return;
        if (float_kind_ok(kind)) {
            emit_float(cg, op, kind, q, d, a, b);
            return;
        }
        break;
    }
    emit_ref_call(cg, op);
}
