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
 *  - saturating add/subtract compute the wrapping result as well; lanes
 *    that differ mean saturation, and the reference recomputes the op so
 *    that it can set the guest's sticky saturation flag;
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
    uint8_t *sat = x86_jcc32(buf, X86_CC_NE);
    store_v(cg, q, d, 0);
    finish_with_ref(cg, op, &sat, 1);
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

#define MXCSR_IE 0x0001
#define MXCSR_DE 0x0002
#define MXCSR_ZE 0x0004
#define MXCSR_OE 0x0008
#define MXCSR_UE 0x0010
#define MXCSR_PE 0x0020
#define MXCSR_FLAGS 0x003f
#define MXCSR_DAZ 0x0040
#define MXCSR_MASKS 0x1f80
#define MXCSR_RC 0x6000
#define MXCSR_FTZ 0x8000

static bool float_kind_ok(unsigned kind)
{
    switch (kind) {
    case VOP_FADD: case VOP_FSUB: case VOP_FMUL: case VOP_FMLA: case VOP_FMLS:
    case VOP_FCEQ: case VOP_FCGE: case VOP_FCGT:
        return true;
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

static void emit_float(CodeGen *cg, const IROp *op, unsigned kind, bool q, int32_t d,
                       int32_t a, int32_t b)
{
    X86Buf *buf = &cg->buf;
    X86Mem cur = x86_mem(X86_RSP, -8), saved = x86_mem(X86_RSP, -16);
    /* Both scratch registers before any branch: an allocation may spill a
     * guest register, and that store must be on every path. */
    int r = ra_alloc(cg, X86_ALLOCATABLE);
    int m = ra_alloc(cg, X86_ALLOCATABLE);
    bool is_cmp = kind == VOP_FCEQ || kind == VOP_FCGE || kind == VOP_FCGT;
    /* the guest's MXCSR, then the SIMD mode: nearest, flush to zero, no
     * denormals-are-zero (a denormal input must raise DE), flags clear */
    x86_stmxcsr(buf, saved);
    x86_load(buf, r, saved, 4, false, false);
    x86_alu_ri(buf, X86_AND, false, r, ~(MXCSR_RC | MXCSR_DAZ | MXCSR_FLAGS));
    x86_alu_ri(buf, X86_OR, false, r, MXCSR_FTZ | MXCSR_MASKS);
    x86_store(buf, cur, r, 4);
    x86_ldmxcsr(buf, cur);
    load_v(cg, q, 0, a);
    load_v(cg, q, 1, b);
    if (reads_d(kind))
        load_v(cg, q, 2, d);
    uint8_t *to_ref[3];
    int n = 0;
    if (kind == VOP_FCEQ) {
        /* the quiet compare raises nothing for a NaN lane, but the guest
         * flushes a denormal partner first (IDC): lanes with a NaN go to
         * the reference */
        movaps(cg, 3, 0);
        x86_sse_rr(buf, 0, false, 0x0fc2, 3, 1);   /* cmpunordps x3, x1 */
        x86_byte(buf, 3);
        x86_sse_rr(buf, 0, false, 0x0f50, m, 3);   /* movmskps */
        x86_test_rr(buf, false, m, m);
        to_ref[n++] = x86_jcc32(buf, X86_CC_NE);
    }
    float_kind(cg, kind);
    x86_stmxcsr(buf, cur);
    x86_load(buf, r, cur, 4, false, false);
    x86_test_ri(buf, false, r, MXCSR_IE | MXCSR_DE | MXCSR_ZE | MXCSR_UE | MXCSR_OE);
    to_ref[n++] = x86_jcc32(buf, X86_CC_NE);
    if (!is_cmp) {
        /* a NaN result (from a quiet NaN operand) must become the default NaN */
        movaps(cg, 3, 0);
        x86_sse_rr(buf, 0, false, 0x0fc2, 3, 3);   /* cmpunordps x3, x3 */
        x86_byte(buf, 3);
        x86_sse_rr(buf, 0, false, 0x0f50, m, 3);   /* movmskps */
        x86_test_rr(buf, false, m, m);
        to_ref[n++] = x86_jcc32(buf, X86_CC_NE);
    }
    /* back to the guest's mode, with the inexact flag added */
    x86_alu_ri(buf, X86_AND, false, r, MXCSR_PE);
    x86_alu_rm(buf, X86_OR, false, r, saved);
    x86_store(buf, cur, r, 4);
    x86_ldmxcsr(buf, cur);
    store_v(cg, q, d, 0);
    uint8_t *done = x86_jmp32(buf);
    for (int i = 0; i < n; i++)
        x86_patch_rel32(to_ref[i], buf->p);
    x86_ldmxcsr(buf, saved);
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
    case VOP_FABS: case VOP_FNEG:
        emit_fabsneg(cg, kind, q, d, a);
        return;
    default:
        if (float_kind_ok(kind)) {
            emit_float(cg, op, kind, q, d, a, b);
            return;
        }
        break;
    }
    emit_ref_call(cg, op);
}
