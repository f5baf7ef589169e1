/*
 * Vector operations: the kinds of the `vop` IR op.
 *
 *   vop  c0 = what (VOP_WHAT below), c1 = d, c2 = a, c3 = b, c4 = VecRef *
 *
 * d, a and b are byte offsets into env of 64-bit (D) or 128-bit (Q)
 * vector registers, elements little-endian in host order (element i of a
 * register of esize bytes lives at offset + i * esize).  Operands may
 * alias each other freely: every operation reads all its inputs before it
 * writes any output.  Kinds marked "imm" use the what's immediate field;
 * b is then unused unless the kind says otherwise.
 *
 * The guest supplies the reference implementation (VecRef, same signature
 * as FPSlowPath): it computes any kind exactly by the guest's rules,
 * including saturation flags and floating-point exception flags.  The IR
 * interpreter always calls it; the x86-64 backend emits SSE code for the
 * common kinds and calls it for the rest (or when its inline check says the
 * result needs the guest's rules, e.g. a NaN under default-NaN semantics).
 *
 * Shapes.  esz is log2 of the element size in bytes (0..3).  Q selects a
 * 128-bit operation.  For same-width ("S") kinds all of d, a, b hold
 * 8 << Q bytes of esz elements.  Long ("L") kinds: a and b are D registers
 * of esz elements, d is a Q register of 2*esize elements.  Wide ("W")
 * kinds: a and d are Q of 2*esize elements, b is D of esz elements.
 * Narrow ("N") kinds: a (and b) are Q of 2*esize elements, d is D of esz
 * elements.  Q is ignored where the shape fixes the register sizes (L, W,
 * N, the half-precision conversions, TBL/TBX).  For the bitwise kinds,
 * SWP, EXT, TBL and TBX any esz gives the same result.  Float ("F") kinds
 * work on 32-bit floats (esz = 2) with the guest's SIMD floating-point
 * rules (for ARM: the "standard FPSCR value", round to nearest, flush to
 * zero, default NaN; cumulative flags updated).
 * "sat" kinds set the guest's sticky saturation flag (ARM FPSCR.QC) when a
 * result saturated.
 */
#ifndef FERRY_TCG_VECOP_H
#define FERRY_TCG_VECOP_H

#include <stdint.h>

enum {
    /* ---- S: d[i] = f(a[i], b[i]) ---- */
    VOP_ADD, VOP_SUB,
    VOP_MUL,                 /* low half of the product */
    VOP_MLA, VOP_MLS,        /* d[i] +=/-= a[i] * b[i] */
    VOP_PMUL,                /* polynomial (carry-less) multiply, esz 0 */
    VOP_AND, VOP_BIC, VOP_ORR, VOP_ORN, VOP_EOR,   /* BIC: a & ~b, ORN: a | ~b */
    VOP_BSL,                 /* d = (d & a) | (~d & b) */
    VOP_BIT,                 /* d = (a & b) | (d & ~b) */
    VOP_BIF,                 /* d = (d & b) | (a & ~b) */
    VOP_HADD_S, VOP_HADD_U,  /* (a + b) >> 1 without overflow */
    VOP_RHADD_S, VOP_RHADD_U,/* (a + b + 1) >> 1 */
    VOP_HSUB_S, VOP_HSUB_U,  /* (a - b) >> 1 */
    VOP_QADD_S, VOP_QADD_U, VOP_QSUB_S, VOP_QSUB_U,   /* sat */
    VOP_CGT_S, VOP_CGT_U, VOP_CGE_S, VOP_CGE_U,       /* all ones if true, else 0 */
    VOP_CEQ, VOP_TST,        /* TST: (a & b) != 0 */
    VOP_SHL_S, VOP_SHL_U,    /* shift a by the signed low byte of b: left if >= 0,
                              * right (arithmetic for _S) if negative */
    VOP_RSHL_S, VOP_RSHL_U,  /* the same, right shifts rounded */
    VOP_QSHL_S, VOP_QSHL_U,  /* sat; like SHL with saturating left shifts */
    VOP_QRSHL_S, VOP_QRSHL_U,/* sat */
    VOP_MAX_S, VOP_MAX_U, VOP_MIN_S, VOP_MIN_U,
    VOP_ABD_S, VOP_ABD_U,    /* |a - b| */
    VOP_ABA_S, VOP_ABA_U,    /* d += |a - b| */
    VOP_QDMULH,              /* sat; signed (2*a*b) >> esize_bits, esz 1 or 2 */
    VOP_QRDMULH,             /* sat; the same, rounded */
    /* pairwise: the low half of d takes adjacent pairs of a, the high half
     * pairs of b (D registers only) */
    VOP_PADD, VOP_PMAX_S, VOP_PMAX_U, VOP_PMIN_S, VOP_PMIN_U,
    /* ---- F (esz 2) ---- */
    VOP_FADD, VOP_FSUB, VOP_FMUL,
    VOP_FMLA, VOP_FMLS,      /* d +=/-= a * b, the product rounded first */
    VOP_FFMA, VOP_FFMS,      /* d + a * b (d - a * b) with one rounding */
    VOP_FABD,                /* |a - b| */
    VOP_FPADD, VOP_FPMAX, VOP_FPMIN,   /* pairwise, D registers only */
    VOP_FCEQ, VOP_FCGE, VOP_FCGT,      /* masks; FCGE/FCGT signal on NaN */
    VOP_FACGE, VOP_FACGT,              /* |a| >= |b|, |a| > |b|; signal on NaN */
    VOP_FMAX, VOP_FMIN,
    /* for ARM (AArch32) a * b is rounded before the subtraction, and
     * infinity times zero gives 2.0 and 1.5 */
    VOP_FRECPS,              /* 2.0 - a * b */
    VOP_FRSQRTS,             /* (3.0 - a * b) / 2.0 */
    /* ---- S, shift by immediate: d[i] = f(a[i], imm) ---- */
    VOP_SHR_S_IMM, VOP_SHR_U_IMM,      /* imm 1..esize_bits */
    VOP_RSHR_S_IMM, VOP_RSHR_U_IMM,    /* rounded */
    VOP_SRA_S_IMM, VOP_SRA_U_IMM,      /* d += a >> imm */
    VOP_RSRA_S_IMM, VOP_RSRA_U_IMM,
    VOP_SRI_IMM,             /* shift right and insert into d */
    VOP_SHL_IMM,             /* imm 0..esize_bits-1 */
    VOP_SLI_IMM,             /* shift left and insert into d */
    VOP_QSHL_S_IMM, VOP_QSHL_U_IMM, VOP_QSHLU_IMM,   /* sat; QSHLU: signed in, unsigned out */
    /* ---- S, one operand: d[i] = f(a[i]) ---- */
    VOP_REV16, VOP_REV32, VOP_REV64,   /* reverse esz elements within 16/32/64-bit units */
    VOP_CLS, VOP_CLZ, VOP_CNT,         /* CNT: esz 0 */
    VOP_MVN,
    VOP_QABS, VOP_QNEG,      /* sat */
    VOP_ABS, VOP_NEG,
    VOP_CGT0, VOP_CGE0, VOP_CEQ0, VOP_CLE0, VOP_CLT0,   /* signed compares with 0 */
    VOP_FCGT0, VOP_FCGE0, VOP_FCEQ0, VOP_FCLE0, VOP_FCLT0,
    VOP_FABS, VOP_FNEG,
    VOP_RECPE_U, VOP_RSQRTE_U,         /* unsigned fixed-point estimates (esz 2) */
    VOP_FRECPE, VOP_FRSQRTE,           /* float estimates */
    VOP_CVT_F32_S32, VOP_CVT_F32_U32,  /* imm = fraction bits (0: plain integer) */
    VOP_CVT_S32_F32, VOP_CVT_U32_F32,  /* round toward zero, saturating; imm = fraction bits */
    /* pairwise long: d (same size as a) holds sums of adjacent pairs of a,
     * widened to 2*esize; PADAL adds them to d */
    VOP_PADDL_S, VOP_PADDL_U, VOP_PADAL_S, VOP_PADAL_U,
    /* ---- permutes (S); these write both d and a ---- */
    VOP_SWP,                 /* exchange d and a */
    VOP_TRN, VOP_UZP, VOP_ZIP,         /* with d as the first operand, a the second */
    /* ---- L: d (Q) = f(a (D), b (D)) ---- */
    VOP_ADDL_S, VOP_ADDL_U, VOP_SUBL_S, VOP_SUBL_U,
    VOP_ABDL_S, VOP_ABDL_U, VOP_ABAL_S, VOP_ABAL_U,       /* ABAL: d += */
    VOP_MULL_S, VOP_MULL_U, VOP_PMULL,                    /* PMULL: esz 0 */
    VOP_MLAL_S, VOP_MLAL_U, VOP_MLSL_S, VOP_MLSL_U,
    VOP_QDMULL, VOP_QDMLAL, VOP_QDMLSL,                   /* sat */
    VOP_MOVL_S, VOP_MOVL_U,  /* d (Q) = a (D) widened, shifted left by imm (VSHLL) */
    VOP_SHLL_MAX,            /* VSHLL by esize_bits (a widened, shifted by its width) */
    /* ---- W: d (Q) = a (Q) op widen(b (D)) ---- */
    VOP_ADDW_S, VOP_ADDW_U, VOP_SUBW_S, VOP_SUBW_U,
    /* ---- N: d (D) = f(a (Q) [, b (Q)]) ---- */
    VOP_ADDHN, VOP_RADDHN, VOP_SUBHN, VOP_RSUBHN,         /* high halves of a op b */
    VOP_MOVN,                /* low halves */
    VOP_QMOVN_S, VOP_QMOVN_U, VOP_QMOVUN,                 /* sat */
    VOP_SHRN_IMM, VOP_RSHRN_IMM,                          /* a >> imm, low halves */
    VOP_QSHRN_S_IMM, VOP_QSHRN_U_IMM, VOP_QRSHRN_S_IMM, VOP_QRSHRN_U_IMM,   /* sat */
    VOP_QSHRUN_IMM, VOP_QRSHRUN_IMM,                      /* sat; signed in, unsigned out */
    /* ---- half precision (esz 1 for the halves) ---- */
    VOP_CVT_F16_F32,         /* d (D, 4 halves) = a (Q, 4 floats) */
    VOP_CVT_F32_F16,         /* d (Q, 4 floats) = a (D, 4 halves) */
    /* ---- others ---- */
    VOP_DUP,                 /* d[i] = element imm of the D register at a (S shape) */
    VOP_EXT,                 /* bytes imm.. of the concatenation b:a (a low), 8 << Q bytes */
    /* table lookup: a is the first table D register, imm = number of table
     * registers (1..4, consecutive in env), b the index D register; TBL
     * gives 0 for out-of-range indices, TBX keeps d's byte */
    VOP_TBL, VOP_TBX,
    VOP_COUNT
};

/* The what constant: kind, element size, Q, immediate. */
#define VOP_WHAT(kind, esz, q, imm) \
    ((uint32_t)(kind) | (uint32_t)(esz) << 8 | (uint32_t)(q) << 10 | (uint32_t)(imm) << 16)
#define VOP_KIND(what) ((what) & 0xffu)
#define VOP_ESZ(what)  (((what) >> 8) & 3u)
#define VOP_Q(what)    (((what) >> 10) & 1u)
#define VOP_IMM(what)  ((what) >> 16)

typedef void VecRef(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b);

/* The kind's name, for the IR printer ("add", "qdmulh", ...). */
const char *vop_name(unsigned kind);

#endif
