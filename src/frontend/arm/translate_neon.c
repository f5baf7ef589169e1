/*
 * Advanced SIMD (NEON) data processing: the A32 space 1111 001U (T32
 * 111U 1111, converted by the Thumb decoder), ARM ARM A7.4.
 *
 * Each instruction becomes one `vop` IR op (tcg/vecop.h) on the env
 * offsets of its D/Q registers, except:
 *   - the by-scalar forms, which first duplicate the scalar into the
 *     temporary at ARM_NEON_TMP_OFF(0) and then run the plain operation
 *     with that temporary as the second operand;
 *   - the modified-immediate forms (VMOV/VMVN/VORR/VBIC), whose expanded
 *     constant is stored (or or-ed/and-ed) with 64-bit env accesses.
 *
 * Decoding follows the ARM ARM's tables: arm_trans_neon_dp picks the
 * encoding group from A (bits 23:19), B (11:8), C (7:4) and U, and one
 * function per group looks the operation up in a small table indexed by
 * the group's opcode bits.  A table entry names the vop kind, the element
 * sizes the instruction allows and its register shape; the shape decides
 * which register numbers must be even (a Q register operand with an odd
 * number is UNDEFINED).  Every UNDEFINED encoding, and the UNPREDICTABLE
 * ones ferry does not emulate, return false so the caller raises SIGILL.
 */
#include <stddef.h>

#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"

/* The fields every group shares. */
typedef struct NeonInsn {
    uint32_t insn;
    int vd, vn, vm;     /* D register numbers D:Vd, N:Vn, M:Vm */
    int size;           /* bits 21:20 */
    bool q;             /* bit 6 */
    bool u;             /* bit 24 */
} NeonInsn;

static uint32_t bits(uint32_t insn, int lsb, int len)
{
    return (insn >> lsb) & ((1u << len) - 1);
}

static NeonInsn neon_fields(uint32_t insn)
{
    return (NeonInsn){
        .insn = insn,
        .vd = (int)(bits(insn, 22, 1) << 4 | bits(insn, 12, 4)),
        .vn = (int)(bits(insn, 7, 1) << 4 | bits(insn, 16, 4)),
        .vm = (int)(bits(insn, 5, 1) << 4 | bits(insn, 0, 4)),
        .size = (int)bits(insn, 20, 2),
        .q = bits(insn, 6, 1),
        .u = bits(insn, 24, 1),
    };
}

/* ---------------------------------------------------------------- operation tables */

/* Allowed values of the size field, one bit per value; 0 marks an
 * UNDEFINED table slot. */
enum {
    SZ_B = 1 << 0, SZ_H = 1 << 1, SZ_S = 1 << 2, SZ_D = 1 << 3,
    SZ_BH = SZ_B | SZ_H,
    SZ_HS = SZ_H | SZ_S,
    SZ_NO64 = SZ_B | SZ_H | SZ_S,
    SZ_ALL = SZ_NO64 | SZ_D,
};

/* Register shapes (vecop.h): which operands are Q registers decides which
 * register numbers must be even. */
enum {
    SHAPE_S,     /* all operands 8 << Q bytes */
    SHAPE_L,     /* d Q; a, b D */
    SHAPE_W,     /* d, a Q; b D */
    SHAPE_N,     /* d D; a, b Q */
};

enum {
    NF_SWAP = 1 << 0,   /* a = Vm, b = Vn (the shifts by register) */
    NF_PAIR = 1 << 1,   /* pairwise: D registers only */
    NF_OP6 = 1 << 2,    /* two-register misc: bit 6 selects kind2, not Q */
    NF_NOD32 = 1 << 3,  /* VUZP/VZIP: no 32-bit D form (that one is VTRN) */
    NF_LOGIC = 1 << 4,  /* three-same logical row: the size field is opcode */
};

typedef struct NeonOp {
    uint8_t kind;       /* VOP_* */
    uint8_t sizes;      /* SZ_* */
    uint8_t shape;      /* SHAPE_* */
    uint8_t flags;      /* NF_* */
    uint8_t kind2;      /* with NF_OP6: the kind when bit 6 is set */
} NeonOp;

/* kind2 of an NF_OP6 entry whose bit-6-set form is UNDEFINED. */
#define KIND_UNDEF 0xff

#define OP(k, sz, fl)       { VOP_##k, (sz), SHAPE_S, (fl), 0 }
#define OPL(k, sz, sh)      { VOP_##k, (sz), (sh), 0, 0 }
#define OP6(k, k2, sz, sh)  { VOP_##k, (sz), (sh), NF_OP6, (k2) }
/* Signed (U = 0) and unsigned (U = 1) variants, indexed by U. */
#define SU(k, sz, fl)       { OP(k##_S, sz, fl), OP(k##_U, sz, fl) }
#define SUL(k, sz, sh)      { OPL(k##_S, sz, sh), OPL(k##_U, sz, sh) }
#define UNDEF               { 0, 0, 0, 0, 0 }

/* Three registers of the same length, integer half (A7.4.1):
 * [A = bits 11:8][B = bit 4][U]. */
static const NeonOp three_same_int[12][2][2] = {
    [0x0] = { SU(HADD, SZ_NO64, 0), SU(QADD, SZ_ALL, 0) },
    [0x1] = { SU(RHADD, SZ_NO64, 0), { OP(AND, SZ_ALL, NF_LOGIC), OP(EOR, SZ_ALL, NF_LOGIC) } },
    [0x2] = { SU(HSUB, SZ_NO64, 0), SU(QSUB, SZ_ALL, 0) },
    [0x3] = { SU(CGT, SZ_NO64, 0), SU(CGE, SZ_NO64, 0) },
    [0x4] = { SU(SHL, SZ_ALL, NF_SWAP), SU(QSHL, SZ_ALL, NF_SWAP) },
    [0x5] = { SU(RSHL, SZ_ALL, NF_SWAP), SU(QRSHL, SZ_ALL, NF_SWAP) },
    [0x6] = { SU(MAX, SZ_NO64, 0), SU(MIN, SZ_NO64, 0) },
    [0x7] = { SU(ABD, SZ_NO64, 0), SU(ABA, SZ_NO64, 0) },
    [0x8] = { { OP(ADD, SZ_ALL, 0), OP(SUB, SZ_ALL, 0) },
              { OP(TST, SZ_NO64, 0), OP(CEQ, SZ_NO64, 0) } },
    [0x9] = { { OP(MLA, SZ_NO64, 0), OP(MLS, SZ_NO64, 0) },
              { OP(MUL, SZ_NO64, 0), OP(PMUL, SZ_B, 0) } },
    [0xa] = { SU(PMAX, SZ_NO64, NF_PAIR), SU(PMIN, SZ_NO64, NF_PAIR) },
    [0xb] = { { OP(QDMULH, SZ_HS, 0), OP(QRDMULH, SZ_HS, 0) },
              { OP(PADD, SZ_NO64, NF_PAIR), UNDEF } },
};

/* The logical row (A = 0001, B = 1): [U][size]. */
static const uint8_t three_same_logic[2][4] = {
    { VOP_AND, VOP_BIC, VOP_ORR, VOP_ORN },
    { VOP_EOR, VOP_BSL, VOP_BIT, VOP_BIF },
};

/* The floating-point half: [A - 12][B][U][op = bit 21]; bit 20 (sz) picks
 * single (0) or double precision, which only SZ_S allows. */
#define F(k, fl) OP(k, SZ_S, fl)
static const NeonOp three_same_float[4][2][2][2] = {
    [0x0] = { { { UNDEF, UNDEF }, { UNDEF, UNDEF } },
              { { F(FFMA, 0), F(FFMS, 0) }, { UNDEF, UNDEF } } },
    [0x1] = { { { F(FADD, 0), F(FSUB, 0) }, { F(FPADD, NF_PAIR), F(FABD, 0) } },
              { { F(FMLA, 0), F(FMLS, 0) }, { F(FMUL, 0), UNDEF } } },
    [0x2] = { { { F(FCEQ, 0), UNDEF }, { F(FCGE, 0), F(FCGT, 0) } },
              { { UNDEF, UNDEF }, { F(FACGE, 0), F(FACGT, 0) } } },
    [0x3] = { { { F(FMAX, 0), F(FMIN, 0) }, { F(FPMAX, NF_PAIR), F(FPMIN, NF_PAIR) } },
              { { F(FRECPS, 0), F(FRSQRTS, 0) }, { UNDEF, UNDEF } } },
};
#undef F

/* Three registers of different lengths (A7.4.2): [A = bits 11:8][U]. */
static const NeonOp three_diff[16][2] = {
    [0x0] = SUL(ADDL, SZ_NO64, SHAPE_L),
    [0x1] = SUL(ADDW, SZ_NO64, SHAPE_W),
    [0x2] = SUL(SUBL, SZ_NO64, SHAPE_L),
    [0x3] = SUL(SUBW, SZ_NO64, SHAPE_W),
    [0x4] = { OPL(ADDHN, SZ_NO64, SHAPE_N), OPL(RADDHN, SZ_NO64, SHAPE_N) },
    [0x5] = SUL(ABAL, SZ_NO64, SHAPE_L),
    [0x6] = { OPL(SUBHN, SZ_NO64, SHAPE_N), OPL(RSUBHN, SZ_NO64, SHAPE_N) },
    [0x7] = SUL(ABDL, SZ_NO64, SHAPE_L),
    [0x8] = SUL(MLAL, SZ_NO64, SHAPE_L),
    [0x9] = { OPL(QDMLAL, SZ_HS, SHAPE_L), UNDEF },
    [0xa] = SUL(MLSL, SZ_NO64, SHAPE_L),
    [0xb] = { OPL(QDMLSL, SZ_HS, SHAPE_L), UNDEF },
    [0xc] = SUL(MULL, SZ_NO64, SHAPE_L),
    [0xd] = { OPL(QDMULL, SZ_HS, SHAPE_L), UNDEF },
    [0xe] = { OPL(PMULL, SZ_B, SHAPE_L), UNDEF },
};

/* Two registers and a scalar (A7.4.3): [A = bits 11:8][U].  For the
 * same-length forms bit 24 is Q rather than U, so both slots agree. */
#define QQ(k, sz, fl) { OP(k, sz, fl), OP(k, sz, fl) }
static const NeonOp by_scalar[16][2] = {
    [0x0] = QQ(MLA, SZ_HS, 0),
    [0x1] = QQ(FMLA, SZ_S, 0),
    [0x2] = SUL(MLAL, SZ_HS, SHAPE_L),
    [0x3] = { OPL(QDMLAL, SZ_HS, SHAPE_L), UNDEF },
    [0x4] = QQ(MLS, SZ_HS, 0),
    [0x5] = QQ(FMLS, SZ_S, 0),
    [0x6] = SUL(MLSL, SZ_HS, SHAPE_L),
    [0x7] = { OPL(QDMLSL, SZ_HS, SHAPE_L), UNDEF },
    [0x8] = QQ(MUL, SZ_HS, 0),
    [0x9] = QQ(FMUL, SZ_S, 0),
    [0xa] = SUL(MULL, SZ_HS, SHAPE_L),
    [0xb] = { OPL(QDMULL, SZ_HS, SHAPE_L), UNDEF },
    [0xc] = QQ(QDMULH, SZ_HS, 0),
    [0xd] = QQ(QRDMULH, SZ_HS, 0),
};
#undef QQ

/* Two registers, miscellaneous (A7.4.5): [A = bits 17:16][bits 10:7];
 * bit 6 is Q except in the NF_OP6 entries. */
static const NeonOp two_misc[4][16] = {
    [0] = {
        [0x0] = OP(REV64, SZ_NO64, 0),
        [0x1] = OP(REV32, SZ_BH, 0),
        [0x2] = OP(REV16, SZ_B, 0),
        [0x4] = OP(PADDL_S, SZ_NO64, 0),
        [0x5] = OP(PADDL_U, SZ_NO64, 0),
        [0x8] = OP(CLS, SZ_NO64, 0),
        [0x9] = OP(CLZ, SZ_NO64, 0),
        [0xa] = OP(CNT, SZ_B, 0),
        [0xb] = OP(MVN, SZ_B, 0),
        [0xc] = OP(PADAL_S, SZ_NO64, 0),
        [0xd] = OP(PADAL_U, SZ_NO64, 0),
        [0xe] = OP(QABS, SZ_NO64, 0),
        [0xf] = OP(QNEG, SZ_NO64, 0),
    },
    [1] = {
        [0x0] = OP(CGT0, SZ_NO64, 0),
        [0x1] = OP(CGE0, SZ_NO64, 0),
        [0x2] = OP(CEQ0, SZ_NO64, 0),
        [0x3] = OP(CLE0, SZ_NO64, 0),
        [0x4] = OP(CLT0, SZ_NO64, 0),
        [0x6] = OP(ABS, SZ_NO64, 0),
        [0x7] = OP(NEG, SZ_NO64, 0),
        [0x8] = OP(FCGT0, SZ_S, 0),
        [0x9] = OP(FCGE0, SZ_S, 0),
        [0xa] = OP(FCEQ0, SZ_S, 0),
        [0xb] = OP(FCLE0, SZ_S, 0),
        [0xc] = OP(FCLT0, SZ_S, 0),
        [0xe] = OP(FABS, SZ_S, 0),
        [0xf] = OP(FNEG, SZ_S, 0),
    },
    [2] = {
        [0x0] = OP(SWP, SZ_B, 0),
        [0x1] = OP(TRN, SZ_NO64, 0),
        [0x2] = OP(UZP, SZ_NO64, NF_NOD32),
        [0x3] = OP(ZIP, SZ_NO64, NF_NOD32),
        [0x4] = OP6(MOVN, VOP_QMOVUN, SZ_NO64, SHAPE_N),
        [0x5] = OP6(QMOVN_S, VOP_QMOVN_U, SZ_NO64, SHAPE_N),
        [0x6] = OP6(SHLL_MAX, KIND_UNDEF, SZ_NO64, SHAPE_L),
        [0xc] = OP6(CVT_F16_F32, KIND_UNDEF, SZ_H, SHAPE_N),
        [0xe] = OP6(CVT_F32_F16, KIND_UNDEF, SZ_H, SHAPE_L),
    },
    [3] = {
        [0x8] = OP(RECPE_U, SZ_S, 0),
        [0x9] = OP(RSQRTE_U, SZ_S, 0),
        [0xa] = OP(FRECPE, SZ_S, 0),
        [0xb] = OP(FRSQRTE, SZ_S, 0),
        [0xc] = OP(CVT_F32_S32, SZ_S, 0),
        [0xd] = OP(CVT_F32_U32, SZ_S, 0),
        [0xe] = OP(CVT_S32_F32, SZ_S, 0),
        [0xf] = OP(CVT_U32_F32, SZ_S, 0),
    },
};

#undef OP
#undef OPL
#undef OP6
#undef SU
#undef SUL
#undef UNDEF

/* ---------------------------------------------------------------- emitting */

static int32_t dreg(int r)
{
    return arm_vfp_dreg_off(r);
}

static bool even(int r)
{
    return (r & 1) == 0;
}

static void gen_vop(DisasContext *dc, unsigned kind, int esz, bool q, unsigned imm,
                    int32_t d, int32_t a, int32_t b)
{
    ir_vop(dc->b, VOP_WHAT(kind, esz, q, imm), d, a, b, arm_neon_ref);
}

/* The Q registers of a shape must have even numbers; b < 0 when the
 * instruction has no second source. */
static bool regs_ok(int shape, bool q, int d, int a, int b)
{
    switch (shape) {
    case SHAPE_S:
        return !q || (even(d) && even(a) && (b < 0 || even(b)));
    case SHAPE_L:
        return even(d);
    case SHAPE_W:
        return even(d) && even(a);
    default:
        return even(a) && (b < 0 || even(b));
    }
}

/* The vop's Q bit: only the same-length kinds have one; the others have
 * a fixed shape and get 0. */
static bool shape_q(int shape, bool q)
{
    return shape == SHAPE_S && q;
}

/* ---------------------------------------------------------------- three registers */

static bool neon_3same(DisasContext *dc, const NeonInsn *f)
{
    unsigned a = bits(f->insn, 8, 4), b = bits(f->insn, 4, 1);
    const NeonOp *op;
    unsigned kind;
    int esz = f->size;
    if (a >= 12) {
        op = &three_same_float[a - 12][b][f->u][f->size >> 1];
        esz = f->size & 1 ? 3 : 2;
    } else {
        op = &three_same_int[a][b][f->u];
    }
    /* (the logical row allows every size: there the field is opcode bits) */
    if (!(op->sizes & (1u << esz)))
        return false;
    if ((op->flags & NF_PAIR) && f->q)
        return false;
    if (!regs_ok(SHAPE_S, f->q, f->vd, f->vn, f->vm))
        return false;
    kind = op->kind;
    if (op->flags & NF_LOGIC) {
        kind = three_same_logic[f->u][f->size];
        esz = 0;
    }
    int32_t x = dreg(f->vn), y = dreg(f->vm);
    if (op->flags & NF_SWAP) {
        x = dreg(f->vm);
        y = dreg(f->vn);
    }
    gen_vop(dc, kind, esz, f->q, 0, dreg(f->vd), x, y);
    return true;
}

static bool neon_3diff(DisasContext *dc, const NeonInsn *f)
{
    const NeonOp *op = &three_diff[bits(f->insn, 8, 4)][f->u];
    if (!(op->sizes & (1u << f->size)) || !regs_ok(op->shape, true, f->vd, f->vn, f->vm))
        return false;
    gen_vop(dc, op->kind, f->size, false, 0, dreg(f->vd), dreg(f->vn), dreg(f->vm));
    return true;
}

/* By scalar: Dm[x] is copied to every element of a temporary (D-sized for
 * the long forms, whose b is a D register), which then stands in for the
 * vector operand.  The scalar register is Vm<2:0> with index M:Vm<3> for
 * 16-bit elements, Vm with index M for 32-bit ones. */
static bool neon_2scalar(DisasContext *dc, const NeonInsn *f)
{
    const NeonOp *op = &by_scalar[bits(f->insn, 8, 4)][f->u];
    if (!(op->sizes & (1u << f->size)))
        return false;
    bool q = op->shape == SHAPE_S && f->u;   /* bit 24 is Q in the same-length forms */
    if (!regs_ok(op->shape, q, f->vd, f->vn, -1))
        return false;
    int m = f->vm & 0xf, index = f->vm >> 4;
    if (f->size == 1) {
        m = f->vm & 7;
        index = f->vm >> 3;
    }
    int32_t tmp = ARM_NEON_TMP_OFF(0);
    gen_vop(dc, VOP_DUP, f->size, q, (unsigned)index, tmp, dreg(m), dreg(m));
    gen_vop(dc, op->kind, f->size, q, 0, dreg(f->vd), dreg(f->vn), tmp);
    return true;
}

/* ---------------------------------------------------------------- shifts by immediate */

static bool neon_2shift(DisasContext *dc, const NeonInsn *f)
{
    unsigned opc = bits(f->insn, 8, 4), imm6 = bits(f->insn, 16, 6);
    bool l = bits(f->insn, 7, 1), u = f->u, bit6 = f->q;
    /* The element size is given by the highest set bit of L:imm6; the
     * caller has sent L:imm6<5:3> = 0000 to the modified immediates. */
    int esz = l ? 3 : imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
    /* right shifts count down from 2 * esize (64 for L = 1), left shifts
     * up from esize (0) */
    unsigned esize = 8u << esz;
    unsigned right = (l ? 64 : 2 * esize) - imm6;
    unsigned left = imm6 - (l ? 0 : esize);
    unsigned kind, imm = right;
    int32_t d = dreg(f->vd), m = dreg(f->vm);

    switch (opc) {
    case 0x0: case 0x1: case 0x2: case 0x3: {
        /* VSHR, VSRA, VRSHR, VRSRA */
        static const uint8_t kinds[4][2] = {
            { VOP_SHR_S_IMM, VOP_SHR_U_IMM }, { VOP_SRA_S_IMM, VOP_SRA_U_IMM },
            { VOP_RSHR_S_IMM, VOP_RSHR_U_IMM }, { VOP_RSRA_S_IMM, VOP_RSRA_U_IMM },
        };
        kind = kinds[opc][u];
        break;
    }
    case 0x4:                   /* VSRI */
        if (!u)
            return false;
        kind = VOP_SRI_IMM;
        break;
    case 0x5:                   /* VSHL, VSLI */
        kind = u ? VOP_SLI_IMM : VOP_SHL_IMM;
        imm = left;
        break;
    case 0x6: case 0x7:         /* VQSHLU (op = 0), VQSHL (op = 1) */
        if (!u && opc == 0x6)
            return false;
        kind = opc == 0x6 ? VOP_QSHLU_IMM : u ? VOP_QSHL_U_IMM : VOP_QSHL_S_IMM;
        imm = left;
        break;
    case 0x8: case 0x9: {
        /* Narrowing right shifts: [opc & 1][U][B = bit 6].  The element
         * size from imm6 is the narrow one, the shift is the right shift
         * of the double-width source. */
        static const uint8_t kinds[2][2][2] = {
            { { VOP_SHRN_IMM, VOP_RSHRN_IMM }, { VOP_QSHRUN_IMM, VOP_QRSHRUN_IMM } },
            { { VOP_QSHRN_S_IMM, VOP_QRSHRN_S_IMM }, { VOP_QSHRN_U_IMM, VOP_QRSHRN_U_IMM } },
        };
        if (l || !even(f->vm))
            return false;
        gen_vop(dc, kinds[opc & 1][u][bit6], esz, false, right, d, m, m);
        return true;
    }
    case 0xa:                   /* VSHLL, VMOVL (shift 0) */
        if (l || bit6 || !even(f->vd))
            return false;
        gen_vop(dc, u ? VOP_MOVL_U : VOP_MOVL_S, esz, false, left, d, m, m);
        return true;
    case 0xe: case 0xf: {
        /* VCVT between float and fixed point: 64 - imm6 fraction bits,
         * imm6 = 1xxxxx (32-bit elements only). */
        static const uint8_t kinds[2][2] = {
            { VOP_CVT_F32_S32, VOP_CVT_F32_U32 }, { VOP_CVT_S32_F32, VOP_CVT_U32_F32 },
        };
        if (l || imm6 < 32)
            return false;
        kind = kinds[opc & 1][u];
        esz = 2;
        imm = 64 - imm6;
        break;
    }
    default:
        return false;
    }
    if (!regs_ok(SHAPE_S, f->q, f->vd, f->vm, -1))
        return false;
    gen_vop(dc, kind, esz, f->q, imm, d, m, m);
    return true;
}

/* ---------------------------------------------------------------- modified immediate */

static uint64_t rep32(uint32_t v)
{
    return (uint64_t)v << 32 | v;
}

static uint64_t rep16(uint32_t v)
{
    return rep32(v << 16 | v);
}

/* AdvSIMDExpandImm; false where the ARM ARM makes the encoding
 * UNPREDICTABLE (imm8 = 0 in the shifted forms) or UNDEFINED. */
static bool expand_imm(bool op, unsigned cmode, uint32_t imm8, uint64_t *out)
{
    /* cmode 2-7 and 10-13 place imm8 above zero or one bits */
    if (imm8 == 0 && (0x3cfcu >> cmode) & 1)
        return false;
    switch (cmode >> 1) {
    case 0: *out = rep32(imm8); break;
    case 1: *out = rep32(imm8 << 8); break;
    case 2: *out = rep32(imm8 << 16); break;
    case 3: *out = rep32(imm8 << 24); break;
    case 4: *out = rep16(imm8); break;
    case 5: *out = rep16(imm8 << 8); break;
    case 6:
        /* the "shifting ones" forms */
        *out = rep32(cmode & 1 ? imm8 << 16 | 0xffff : imm8 << 8 | 0xff);
        break;
    default:
        if (!(cmode & 1)) {
            if (!op) {
                *out = rep16(imm8 << 8 | imm8);
            } else {
                /* each bit of imm8 becomes a byte of ones or zeros */
                uint64_t v = 0;
                for (int i = 0; i < 8; i++)
                    if (imm8 & (1u << i))
                        v |= 0xffull << (8 * i);
                *out = v;
            }
        } else {
            if (op)
                return false;
            /* single-precision: a:NOT(b):bbbbb:cdefgh:Zeros(19) */
            uint32_t b6 = (imm8 >> 6) & 1;
            uint32_t f = (imm8 >> 7) << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1fu : 0) << 25 |
                         (imm8 & 0x3f) << 19;
            *out = rep32(f);
        }
        break;
    }
    return true;
}

/* VMOV/VMVN (immediate) store the constant, VORR/VBIC combine it with the
 * register; VMVN and VBIC use the inverted constant. */
static bool neon_1imm(DisasContext *dc, const NeonInsn *f)
{
    unsigned cmode = bits(f->insn, 8, 4);
    bool op = bits(f->insn, 5, 1);
    uint32_t imm8 = bits(f->insn, 24, 1) << 7 | bits(f->insn, 16, 3) << 4 | bits(f->insn, 0, 4);
    uint64_t imm;
    if (!regs_ok(SHAPE_S, f->q, f->vd, f->vd, -1) || !expand_imm(op, cmode, imm8, &imm))
        return false;
    bool logic = (cmode & 1) && cmode < 12;   /* VORR (op = 0), VBIC (op = 1) */
    if (op && cmode != 14)
        imm = ~imm;                            /* VMVN, VBIC */
    IRBlock *b = dc->b;
    for (int i = 0; i <= f->q; i++) {
        int32_t off = dreg(f->vd + i);
        if (!logic) {
            ir_st_env_i64(b, ir_const_i64(b, imm), off);
            continue;
        }
        IRTemp t = ir_temp_i64(b);
        ir_ld_env_i64(b, t, off);
        if (op)
            ir_and_i64(b, t, t, ir_const_i64(b, imm));
        else
            ir_or_i64(b, t, t, ir_const_i64(b, imm));
        ir_st_env_i64(b, t, off);
    }
    return true;
}

/* ---------------------------------------------------------------- two registers, misc */

static bool neon_2misc(DisasContext *dc, const NeonInsn *f)
{
    const NeonOp *op = &two_misc[bits(f->insn, 16, 2)][bits(f->insn, 7, 4)];
    int size = (int)bits(f->insn, 18, 2);   /* bits 21:20 are 11 in this group */
    unsigned kind = op->kind;
    bool q = f->q;
    if (!(op->sizes & (1u << size)))
        return false;
    if (op->flags & NF_OP6) {
        if (q && op->kind2 == KIND_UNDEF)
            return false;
        if (q)
            kind = op->kind2;
        q = false;
    }
    if ((op->flags & NF_NOD32) && !q && size == 2)
        return false;
    if (!regs_ok(op->shape, q, f->vd, f->vm, -1))
        return false;
    int32_t m = dreg(f->vm);
    gen_vop(dc, kind, size, shape_q(op->shape, q), 0, dreg(f->vd), m, m);
    return true;
}

/* ---------------------------------------------------------------- VEXT, VTBL, VDUP */

static bool neon_vext(DisasContext *dc, const NeonInsn *f)
{
    unsigned imm4 = bits(f->insn, 8, 4);
    if ((!f->q && imm4 > 7) || !regs_ok(SHAPE_S, f->q, f->vd, f->vn, f->vm))
        return false;
    gen_vop(dc, VOP_EXT, 0, f->q, imm4, dreg(f->vd), dreg(f->vn), dreg(f->vm));
    return true;
}

/* VTBL/VTBX (bit 6): a list of len + 1 consecutive D registers from Vn. */
static bool neon_vtbl(DisasContext *dc, const NeonInsn *f)
{
    int n = (int)bits(f->insn, 8, 2) + 1;
    if (f->vn + n > 32)
        return false;     /* the list wraps past D31: UNPREDICTABLE */
    unsigned kind = f->q ? VOP_TBX : VOP_TBL;   /* bit 6 is op here, not Q */
    gen_vop(dc, kind, 0, false, (unsigned)n, dreg(f->vd), dreg(f->vn), dreg(f->vm));
    return true;
}

/* VDUP (scalar): imm4 = xxx1 bytes, xx10 halfwords, x100 words; the bits
 * above the size marker are the index. */
static bool neon_vdup(DisasContext *dc, const NeonInsn *f)
{
    unsigned imm4 = bits(f->insn, 16, 4);
    if (bits(f->insn, 7, 1) || (imm4 & 7) == 0 || !regs_ok(SHAPE_S, f->q, f->vd, f->vd, -1))
        return false;
    int esz = imm4 & 1 ? 0 : imm4 & 2 ? 1 : 2;
    gen_vop(dc, VOP_DUP, esz, f->q, imm4 >> (esz + 1), dreg(f->vd), dreg(f->vm), dreg(f->vm));
    return true;
}

/* ---------------------------------------------------------------- the space */

bool arm_trans_neon_dp(DisasContext *dc, uint32_t insn)
{
    NeonInsn f = neon_fields(insn);
    if (!bits(insn, 23, 1))                      /* A = 0xxxx */
        return neon_3same(dc, &f);
    if (bits(insn, 4, 1)) {                      /* C = xxx1 */
        if (!bits(insn, 7, 1) && bits(insn, 19, 3) == 0)
            return neon_1imm(dc, &f);            /* A = 1x000, C = 0xx1 */
        return neon_2shift(dc, &f);
    }
    if (f.size != 3)                             /* A = 1x0xx, 1x10x */
        return bits(insn, 6, 1) ? neon_2scalar(dc, &f) : neon_3diff(dc, &f);
    if (!f.u)
        return neon_vext(dc, &f);
    if (!bits(insn, 11, 1))                      /* B = 0xxx */
        return neon_2misc(dc, &f);
    if (bits(insn, 10, 2) == 2)                  /* B = 10xx */
        return neon_vtbl(dc, &f);
    if (bits(insn, 8, 4) == 0xc)                 /* B = 1100 */
        return neon_vdup(dc, &f);
    return false;
}
