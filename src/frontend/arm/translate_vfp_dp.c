/*
 * VFP data processing (VFPv4, single and double precision): arithmetic,
 * multiply-accumulate (chained and fused), VABS/VNEG/VSQRT, VMOV register
 * and immediate, comparisons and every conversion.  A32 and Thumb both
 * reach it through arm_trans_coproc with the encoding in A32 form.
 *
 * Arithmetic becomes the FP IR ops on env offsets with arm_fp_slow as the
 * slow path.  Instructions the ARM ARM defines as several steps (VMLA: a
 * rounded product, then a rounded sum) or with negated operands (VNMLA,
 * VFNMA) are built from those ops and exact sign flips on scratch slots in
 * env, in the order of the pseudocode, so a NaN operand propagates with
 * the sign the architecture gives it.  Half-precision and fixed-point
 * conversions are rare and go through arm_fp_helper.
 */
#include <pthread.h>
#include <stddef.h>

#include "frontend/arm/arm_fp.h"
#include "frontend/arm/translate.h"
#include "frontend/decode.h"

typedef bool VfpHandler(DisasContext *dc, const DecodeEntry *e, uint32_t insn);

#define FPSCR_OFF ((int32_t)offsetof(ArmCPU, fpscr))

static int32_t scratch(int i)
{
    return (int32_t)(offsetof(ArmCPU, vfp_scratch) + 8 * i);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

static uint32_t fld(const DecodeEntry *e, uint32_t insn, char letter)
{
    return decode_field(e, insn, letter);
}

/* Register number from its four-bit field and extra bit: S registers put
 * the extra bit low (Vd:D), D registers high (D:Vd). */
static int vreg(const DecodeEntry *e, uint32_t insn, char v4, char bit, bool dbl)
{
    uint32_t n = fld(e, insn, v4), x = fld(e, insn, bit);
    return dbl ? (int)(x << 4 | n) : (int)(n << 1 | x);
}

/* env offset of a register operand. */
static int32_t voff(const DecodeEntry *e, uint32_t insn, char v4, char bit, bool dbl)
{
    return arm_vfp_reg_off(vreg(e, insn, v4, bit, dbl), dbl);
}

/* Operands of the three-register forms. */
typedef struct VfpArgs {
    bool dbl;
    int32_t d, n, m;
} VfpArgs;

static VfpArgs args3(const DecodeEntry *e, uint32_t insn)
{
    bool dbl = fld(e, insn, 's');
    return (VfpArgs){ .dbl = dbl, .d = voff(e, insn, 'd', 'D', dbl),
                      .n = voff(e, insn, 'n', 'N', dbl), .m = voff(e, insn, 'm', 'M', dbl) };
}

/* ---------------------------------------------------------------- IR building blocks */

/* Under FPSCR.FZ (a block flag) every operation is the exact slow path:
 * the host's flush-to-zero and denormals-are-zero modes flush like ARM but
 * do not raise IDC for flushed inputs and raise IXC besides UFC for flushed
 * results.  Linux programs rarely set FZ, so that mode may be slow. */
static void gen_slow(DisasContext *dc, uint32_t what, int32_t d, int32_t a, int32_t b)
{
    ir_call(dc->b, &arm_fp_h_slow, 0,
            (IRTemp[]){ IR_ENV, cst(dc, what), cst(dc, (uint32_t)d), cst(dc, (uint32_t)a),
                        cst(dc, (uint32_t)b) });
}

static void gen_fop(DisasContext *dc, bool dbl, unsigned op, int32_t d, int32_t a, int32_t b)
{
    if (dc->fpscr_fz)
        gen_slow(dc, FP_WHAT(dbl ? FPK_F64 : FPK_F32, op), d, a, b);
    else
        ir_fop(dc->b, dbl, op, d, a, b, arm_fp_slow);
}

static void gen_fcvt(DisasContext *dc, unsigned kind, int32_t d, int32_t a)
{
    if (dc->fpscr_fz)
        gen_slow(dc, FP_WHAT(FPK_CVT, kind), d, a, 0);
    else
        ir_fcvt(dc->b, kind, d, a, arm_fp_slow);
}

/* env[dst] = env[src] with the sign cleared (abs) or flipped: FPAbs and
 * FPNeg are exact bit operations, even on NaNs. */
static void gen_sign_op(DisasContext *dc, bool dbl, int32_t dst, int32_t src, bool is_abs)
{
    IRBlock *b = dc->b;
    if (dbl) {
        IRTemp t = ir_temp_i64(b);
        ir_ld_env_i64(b, t, src);
        if (is_abs)
            ir_and_i64(b, t, t, ir_const_i64(b, ~(1ull << 63)));
        else
            ir_xor_i64(b, t, t, ir_const_i64(b, 1ull << 63));
        ir_st_env_i64(b, t, dst);
    } else {
        IRTemp t = ir_temp_i32(b);
        ir_ld_env_i32(b, t, src);
        if (is_abs)
            ir_and_i32(b, t, t, cst(dc, 0x7fffffffu));
        else
            ir_xor_i32(b, t, t, cst(dc, 0x80000000u));
        ir_st_env_i32(b, t, dst);
    }
}

static void gen_copy(DisasContext *dc, bool dbl, int32_t dst, int32_t src)
{
    IRBlock *b = dc->b;
    IRTemp t = dbl ? ir_temp_i64(b) : ir_temp_i32(b);
    if (dbl) {
        ir_ld_env_i64(b, t, src);
        ir_st_env_i64(b, t, dst);
    } else {
        ir_ld_env_i32(b, t, src);
        ir_st_env_i32(b, t, dst);
    }
}

static void gen_helper(DisasContext *dc, uint32_t what, int32_t d, int32_t a, uint32_t b)
{
    IRTemp args[] = { IR_ENV, cst(dc, what), cst(dc, (uint32_t)d), cst(dc, (uint32_t)a),
                      cst(dc, b) };
    ir_call(dc->b, &arm_fp_h_helper, 0, args);
}

/* ---------------------------------------------------------------- arithmetic */

/* VADD, VSUB (o = 1). */
static bool h_vadd(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fop(dc, x.dbl, fld(e, insn, 'o') ? FOP_SUB : FOP_ADD, x.d, x.n, x.m);
    return true;
}

static bool h_vmul(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fop(dc, x.dbl, FOP_MUL, x.d, x.n, x.m);
    return true;
}

static bool h_vdiv(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fop(dc, x.dbl, FOP_DIV, x.d, x.n, x.m);
    return true;
}

/* VNMUL: FPNeg(FPMul(n, m)), so a NaN product comes out negated too. */
static bool h_vnmul(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fop(dc, x.dbl, FOP_MUL, x.d, x.n, x.m);
    gen_sign_op(dc, x.dbl, x.d, x.d, false);
    return true;
}

/*
 * The chained multiply-accumulates: the product is rounded, then added.
 *   VMLA  d = FPAdd(d, p)            VMLS  d = FPAdd(d, FPNeg(p))
 *   VNMLA d = FPAdd(FPNeg(d), FPNeg(p))   VNMLS d = FPAdd(FPNeg(d), p)
 * with p = FPMul(n, m).  d is written last, so any register overlap works.
 */
static void gen_mla(DisasContext *dc, const VfpArgs *x, bool neg_product, bool neg_acc)
{
    int32_t p = scratch(0), acc = x->d;
    gen_fop(dc, x->dbl, FOP_MUL, p, x->n, x->m);
    if (neg_product)
        gen_sign_op(dc, x->dbl, p, p, false);
    if (neg_acc) {
        acc = scratch(1);
        gen_sign_op(dc, x->dbl, acc, x->d, false);
    }
    gen_fop(dc, x->dbl, FOP_ADD, x->d, acc, p);
}

/* VMLA, VMLS (o = 1). */
static bool h_vmla(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_mla(dc, &x, fld(e, insn, 'o'), false);
    return true;
}

/* VNMLS, VNMLA (o = 1). */
static bool h_vnmla(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_mla(dc, &x, fld(e, insn, 'o'), true);
    return true;
}

/*
 * The fused forms, FPMulAdd(addend, op1, m) with one rounding:
 *   VFMA  (d, n, m)          VFMS  (d, FPNeg(n), m)
 *   VFNMA (FPNeg(d), FPNeg(n), m)   VFNMS (FPNeg(d), n, m)
 * A negated addend is built in a scratch slot: negating d in place would
 * also change n or m when they are the same register.
 */
static void gen_fma(DisasContext *dc, const VfpArgs *x, bool neg_n, bool neg_acc)
{
    int32_t op1 = x->n;
    if (neg_n) {
        op1 = scratch(0);
        gen_sign_op(dc, x->dbl, op1, x->n, false);
    }
    if (!neg_acc) {
        gen_fop(dc, x->dbl, FOP_FMA, x->d, op1, x->m);
        return;
    }
    gen_sign_op(dc, x->dbl, scratch(1), x->d, false);
    gen_fop(dc, x->dbl, FOP_FMA, scratch(1), op1, x->m);
    gen_copy(dc, x->dbl, x->d, scratch(1));
}

/* VFMA, VFMS (o = 1). */
static bool h_vfma(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fma(dc, &x, fld(e, insn, 'o'), false);
    return true;
}

/* VFNMS, VFNMA (o = 1). */
static bool h_vfnma(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args3(e, insn);
    gen_fma(dc, &x, fld(e, insn, 'o'), true);
    return true;
}

/* ---------------------------------------------------------------- two-register forms */

/* Operands of Vd = f(Vm) with both registers of the instruction's size. */
static VfpArgs args2(const DecodeEntry *e, uint32_t insn)
{
    bool dbl = fld(e, insn, 's');
    return (VfpArgs){ .dbl = dbl, .d = voff(e, insn, 'd', 'D', dbl),
                      .m = voff(e, insn, 'm', 'M', dbl) };
}

static bool h_vmov_reg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args2(e, insn);
    gen_copy(dc, x.dbl, x.d, x.m);
    return true;
}

static bool h_vabs(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args2(e, insn);
    gen_sign_op(dc, x.dbl, x.d, x.m, true);
    return true;
}

static bool h_vneg(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args2(e, insn);
    gen_sign_op(dc, x.dbl, x.d, x.m, false);
    return true;
}

static bool h_vsqrt(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args2(e, insn);
    gen_fop(dc, x.dbl, FOP_SQRT, x.d, x.m, x.m);
    return true;
}

/* VFPExpandImm of abcdefgh for single or double precision. */
static uint64_t vfp_expand_imm(uint32_t imm8, bool dbl)
{
    uint64_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
    if (dbl)
        return a << 63 | (b ^ 1) << 62 | (b ? 0xffull : 0) << 54 | cdefgh << 48;
    return a << 31 | (b ^ 1) << 30 | (b ? 0x1full : 0) << 25 | cdefgh << 19;
}

static bool h_vmov_imm(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool dbl = fld(e, insn, 's');
    int32_t d = voff(e, insn, 'd', 'D', dbl);
    uint64_t v = vfp_expand_imm(fld(e, insn, 'i'), dbl);
    if (dbl) {
        ir_st_env_i64(dc->b, ir_const_i64(dc->b, v), d);
    } else {
        IRTemp t = ir_temp_i32(dc->b);
        ir_mov_i32(dc->b, t, cst(dc, (uint32_t)v));
        ir_st_env_i32(dc->b, t, d);
    }
    return true;
}

/* ---------------------------------------------------------------- comparisons */

/* FPSCR.NZCV from a comparison: equal 0110, less 1000, greater 0010,
 * unordered 0011.  The four nibbles are indexed by the FCMP_REL_* value. */
static void gen_vcmp(DisasContext *dc, bool dbl, unsigned flags, int32_t a, int32_t b)
{
    IRBlock *bl = dc->b;
    IRTemp rel = ir_temp_i32(bl), sh = ir_temp_i32(bl), nzcv = ir_temp_i32(bl);
    IRTemp f = ir_temp_i32(bl);
    if (dc->fpscr_fz) {
        ir_call(bl, &arm_fp_h_helper, 0,
                (IRTemp[]){ IR_ENV, cst(dc, ARM_FPH_FLUSH_CHECK | (dbl ? ARM_FPH_DBL : 0)),
                            cst(dc, 0), cst(dc, (uint32_t)a),
                            cst(dc, (flags & FCMP_WITH_ZERO) ? UINT32_MAX : (uint32_t)b) });
    }
    ir_fcmp(bl, dbl, rel, flags, a, b);
    ir_shl_i32(bl, sh, rel, cst(dc, 2));
    ir_shr_i32(bl, nzcv, cst(dc, 0x3286), sh);
    ir_ld_env_i32(bl, f, FPSCR_OFF);
    ir_deposit_i32(bl, f, f, nzcv, 28, 4);
    ir_st_env_i32(bl, f, FPSCR_OFF);
}

/* VCMP, VCMPE (E = 1: any NaN operand is an Invalid Operation). */
static bool h_vcmp(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    VfpArgs x = args2(e, insn);
    gen_vcmp(dc, x.dbl, fld(e, insn, 'E') ? FCMP_SIGNALING : 0, x.d, x.m);
    return true;
}

static bool h_vcmp_zero(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool dbl = fld(e, insn, 's');
    int32_t d = voff(e, insn, 'd', 'D', dbl);
    gen_vcmp(dc, dbl, FCMP_WITH_ZERO | (fld(e, insn, 'E') ? FCMP_SIGNALING : 0), d, d);
    return true;
}

/* ---------------------------------------------------------------- conversions */

/* VCVT.F64.F32, VCVT.F32.F64 (s = 1: from double). */
static bool h_vcvt_fp(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool from64 = fld(e, insn, 's');
    int32_t d = voff(e, insn, 'd', 'D', !from64), m = voff(e, insn, 'm', 'M', from64);
    gen_fcvt(dc, from64 ? FCVT_F32_F64 : FCVT_F64_F32, d, m);
    return true;
}

/* VCVT.F32/F64.S32/U32 Vd, Sm (o = 1: signed), rounding by FPSCR. */
static bool h_vcvt_from_int(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    static const unsigned kind[2][2] = {
        { FCVT_F32_U32, FCVT_F32_S32 }, { FCVT_F64_U32, FCVT_F64_S32 },
    };
    bool dbl = fld(e, insn, 's');
    int32_t d = voff(e, insn, 'd', 'D', dbl), m = voff(e, insn, 'm', 'M', false);
    gen_fcvt(dc, kind[dbl][fld(e, insn, 'o')], d, m);
    return true;
}

/* VCVT (r = 1: toward zero) and VCVTR (FPSCR rounding) .S32/U32 Sd, Vm;
 * S = 1: signed.  Out-of-range values saturate in the slow path. */
static bool h_vcvt_to_int(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    static const unsigned kind[2][2][2] = {   /* [from64][signed][toward zero] */
        { { FCVT_U32_F32, FCVT_U32_F32_RZ }, { FCVT_S32_F32, FCVT_S32_F32_RZ } },
        { { FCVT_U32_F64, FCVT_U32_F64_RZ }, { FCVT_S32_F64, FCVT_S32_F64_RZ } },
    };
    bool dbl = fld(e, insn, 's');
    int32_t d = voff(e, insn, 'd', 'D', false), m = voff(e, insn, 'm', 'M', dbl);
    gen_fcvt(dc, kind[dbl][fld(e, insn, 'S')][fld(e, insn, 'r')], d, m);
    return true;
}

/* VCVTB/VCVTT (T = 1: the top half of the register): o = 1 converts
 * single to half precision, keeping the other half of Sd. */
static bool h_vcvt_half(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    int32_t d = voff(e, insn, 'd', 'D', false), m = voff(e, insn, 'm', 'M', false);
    int32_t half = 2 * (int32_t)fld(e, insn, 'T');
    if (fld(e, insn, 'o'))
        gen_helper(dc, ARM_FPH_F32_TO_F16, d + half, m, 0);
    else
        gen_helper(dc, ARM_FPH_F16_TO_F32, d, m + half, 0);
    return true;
}

/* VCVT between floating point and fixed point, in place: o = 1 to fixed,
 * U = 1 unsigned, z = 1 a 32-bit integer (else 16); the fraction bits are
 * the integer size minus imm4:i. */
static bool h_vcvt_fixed(DisasContext *dc, const DecodeEntry *e, uint32_t insn)
{
    bool dbl = fld(e, insn, 's'), is32 = fld(e, insn, 'z');
    int fbits = (is32 ? 32 : 16) - (int)(fld(e, insn, 'v') << 1 | fld(e, insn, 'i'));
    if (fbits < 0)
        return false;   /* UNPREDICTABLE */
    uint32_t what = (fld(e, insn, 'o') ? ARM_FPH_TO_FIXED : ARM_FPH_FROM_FIXED) |
                    (dbl ? ARM_FPH_DBL : 0) | (fld(e, insn, 'U') ? ARM_FPH_UNSIGNED : 0) |
                    (is32 ? 0 : ARM_FPH_16);
    int32_t d = voff(e, insn, 'd', 'D', dbl);
    gen_helper(dc, what, d, d, (uint32_t)fbits);
    return true;
}

/* ---------------------------------------------------------------- decoding */

#define H(fn) ((const void *)(VfpHandler *)(fn))

/* cond 1110 opc1 opc2 Vd 101 sz opc3 M 0 Vm; cond is handled by the caller. */
static DecodeEntry vfp_dp_table[] = {
    { "---- 1110 0D00 nnnn dddd 101s NoM0 mmmm", "vmla", H(h_vmla) },
    { "---- 1110 0D01 nnnn dddd 101s NoM0 mmmm", "vnmla", H(h_vnmla) },
    { "---- 1110 0D10 nnnn dddd 101s N1M0 mmmm", "vnmul", H(h_vnmul) },
    { "---- 1110 0D10 nnnn dddd 101s N0M0 mmmm", "vmul", H(h_vmul) },
    { "---- 1110 0D11 nnnn dddd 101s NoM0 mmmm", "vadd", H(h_vadd) },
    { "---- 1110 1D00 nnnn dddd 101s N0M0 mmmm", "vdiv", H(h_vdiv) },
    { "---- 1110 1D01 nnnn dddd 101s NoM0 mmmm", "vfnma", H(h_vfnma) },
    { "---- 1110 1D10 nnnn dddd 101s NoM0 mmmm", "vfma", H(h_vfma) },
    { "---- 1110 1D11 iiii dddd 101s 0000 iiii", "vmov_imm", H(h_vmov_imm) },
    { "---- 1110 1D11 0000 dddd 101s 01M0 mmmm", "vmov_reg", H(h_vmov_reg) },
    { "---- 1110 1D11 0000 dddd 101s 11M0 mmmm", "vabs", H(h_vabs) },
    { "---- 1110 1D11 0001 dddd 101s 01M0 mmmm", "vneg", H(h_vneg) },
    { "---- 1110 1D11 0001 dddd 101s 11M0 mmmm", "vsqrt", H(h_vsqrt) },
    { "---- 1110 1D11 001o dddd 1010 T1M0 mmmm", "vcvtb", H(h_vcvt_half) },
    { "---- 1110 1D11 0100 dddd 101s E1M0 mmmm", "vcmp", H(h_vcmp) },
    { "---- 1110 1D11 0101 dddd 101s E100 0000", "vcmp_zero", H(h_vcmp_zero) },
    { "---- 1110 1D11 0111 dddd 101s 11M0 mmmm", "vcvt_fp", H(h_vcvt_fp) },
    { "---- 1110 1D11 1000 dddd 101s o1M0 mmmm", "vcvt_from_int", H(h_vcvt_from_int) },
    { "---- 1110 1D11 1o1U dddd 101s z1i0 vvvv", "vcvt_fixed", H(h_vcvt_fixed) },
    { "---- 1110 1D11 110S dddd 101s r1M0 mmmm", "vcvt_to_int", H(h_vcvt_to_int) },
    DECODE_END
};

static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void compile_table(void)
{
    decode_compile(vfp_dp_table);
}

bool arm_trans_vfp_dp(DisasContext *dc, uint32_t insn)
{
    pthread_once(&table_once, compile_table);
    const DecodeEntry *e = decode_lookup(vfp_dp_table, insn);
    return e && ((VfpHandler *)e->handler)(dc, e, insn);
}
