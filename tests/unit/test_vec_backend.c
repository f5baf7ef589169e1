/*
 * The x86-64 code for vector ops against the ARM reference implementation.
 *
 * Each case is one vop on random register contents (integers with edge
 * values, floats with zeros, denormals, infinities and NaNs), run as
 * generated code and directly through arm_neon_ref; the vector registers
 * and the guest-visible FPSCR (QC and the cumulative flags, which generated
 * code partly keeps in the host MXCSR) must match.  Kinds without an inline
 * form exercise the call path.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xmmintrin.h>

#include "exec/cpu_common.h"
#include "exec/tb.h"
#include "frontend/arm/arm_fp.h"
#include "frontend/arm/neon.h"
#include "tcg/backend.h"
#include "tcg/ir.h"

static IRContext ctx;
/* Guest core registers as IR globals: the block sets them just before the
 * vop, so they sit dirty in host registers and the vop's scratch
 * registers must evict some of them on every path. */
#define NGLOBALS 14
static IRTemp globals[NGLOBALS];
static uint8_t *code_start;
static int passed, failed;
static uint32_t rng = 12345;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t rnd_float(void)
{
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
        0x7fc00000, 0x7f800001, 0xffc12345, 0x00000001, 0x807fffff, 0x00400000,
        0x7f7fffff, 0x00800000, 0x80800000, 0x40490fdb,
    };
    switch (rnd() % 5) {
    case 0: return special[rnd() % 16];
    case 1: return (rnd() & 0x80000000u) | (0x3e000000u + rnd() % 0x02000000u);
    case 2:   /* small normals: products underflow, to denormals or to zero */
        return (rnd() & 0x80000000u) | (0x00800000u + rnd() % 0x1f000000u);
    default: return (rnd() & 0x80000000u) | (0x30000000u + rnd() % 0x20000000u);
    }
}

static uint32_t rnd_int(void)
{
    static const uint32_t edge[] = { 0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
                                     0x7fffffff, 0x80000000, 0xffffffff };
    return rnd() % 3 ? rnd() : edge[rnd() % 11] * 0x01010101u;
}

typedef struct Case {
    unsigned kind;
    unsigned esz_mask;    /* valid element sizes */
    int imm;              /* -1: none; -2: shift left 0..esize-1; -3: right 1..esize;
                           * -4: lane index of a D register */
    bool fl;              /* float inputs */
} Case;

static const Case cases[] = {
    { VOP_ADD, 15, -1, 0 }, { VOP_SUB, 15, -1, 0 }, { VOP_MUL, 7, -1, 0 },
    { VOP_MLA, 7, -1, 0 }, { VOP_MLS, 7, -1, 0 },
    { VOP_AND, 1, -1, 0 }, { VOP_BIC, 1, -1, 0 }, { VOP_ORR, 1, -1, 0 },
    { VOP_ORN, 1, -1, 0 }, { VOP_EOR, 1, -1, 0 }, { VOP_BSL, 1, -1, 0 },
    { VOP_BIT, 1, -1, 0 }, { VOP_BIF, 1, -1, 0 },
    { VOP_CEQ, 7, -1, 0 }, { VOP_CGT_S, 7, -1, 0 }, { VOP_CGE_S, 7, -1, 0 },
    { VOP_CGT_U, 7, -1, 0 }, { VOP_CGE_U, 7, -1, 0 }, { VOP_TST, 7, -1, 0 },
    { VOP_MAX_S, 7, -1, 0 }, { VOP_MAX_U, 7, -1, 0 }, { VOP_MIN_S, 7, -1, 0 },
    { VOP_MIN_U, 7, -1, 0 }, { VOP_RHADD_U, 7, -1, 0 }, { VOP_HADD_S, 7, -1, 0 },
    { VOP_ABD_S, 7, -1, 0 }, { VOP_ABD_U, 7, -1, 0 }, { VOP_ABA_S, 7, -1, 0 },
    { VOP_ABA_U, 7, -1, 0 },
    { VOP_QADD_S, 15, -1, 0 }, { VOP_QADD_U, 15, -1, 0 }, { VOP_QSUB_S, 15, -1, 0 },
    { VOP_QSUB_U, 15, -1, 0 },
    { VOP_SHL_IMM, 15, -2, 0 }, { VOP_SHR_S_IMM, 15, -3, 0 }, { VOP_SHR_U_IMM, 15, -3, 0 },
    { VOP_SRA_S_IMM, 15, -3, 0 }, { VOP_SRA_U_IMM, 15, -3, 0 },
    { VOP_DUP, 7, -4, 0 }, { VOP_MOVL_S, 7, -2, 0 }, { VOP_MOVL_U, 7, -2, 0 },
    { VOP_MOVN, 7, -1, 0 }, { VOP_ZIP, 7, -1, 0 },
    { VOP_RSHR_S_IMM, 15, -3, 0 }, { VOP_RSHR_U_IMM, 15, -3, 0 },
    { VOP_RSRA_S_IMM, 15, -3, 0 }, { VOP_RSRA_U_IMM, 15, -3, 0 },
    { VOP_PADDL_S, 7, -1, 0 }, { VOP_PADDL_U, 7, -1, 0 }, { VOP_PADAL_S, 7, -1, 0 },
    { VOP_PADAL_U, 7, -1, 0 },
    { VOP_ADDL_S, 7, -1, 0 }, { VOP_ADDL_U, 7, -1, 0 }, { VOP_SUBL_S, 7, -1, 0 },
    { VOP_SUBL_U, 7, -1, 0 }, { VOP_ADDW_S, 7, -1, 0 }, { VOP_ADDW_U, 7, -1, 0 },
    { VOP_SUBW_S, 7, -1, 0 }, { VOP_SUBW_U, 7, -1, 0 }, { VOP_MULL_S, 7, -1, 0 },
    { VOP_MULL_U, 7, -1, 0 }, { VOP_MLAL_S, 7, -1, 0 }, { VOP_MLAL_U, 7, -1, 0 },
    { VOP_MLSL_S, 7, -1, 0 }, { VOP_MLSL_U, 7, -1, 0 }, { VOP_ABDL_S, 7, -1, 0 },
    { VOP_ABDL_U, 7, -1, 0 }, { VOP_ABAL_S, 7, -1, 0 }, { VOP_ABAL_U, 7, -1, 0 },
    { VOP_QMOVN_S, 7, -1, 0 }, { VOP_QMOVN_U, 7, -1, 0 }, { VOP_QMOVUN, 7, -1, 0 },
    { VOP_QSHRN_S_IMM, 7, -3, 0 }, { VOP_QSHRN_U_IMM, 7, -3, 0 },
    { VOP_QRSHRN_S_IMM, 7, -3, 0 }, { VOP_QRSHRN_U_IMM, 7, -3, 0 },
    { VOP_QSHRUN_IMM, 7, -3, 0 }, { VOP_QRSHRUN_IMM, 7, -3, 0 },
    { VOP_FABS, 4, -1, 1 }, { VOP_FNEG, 4, -1, 1 }, { VOP_FADD, 4, -1, 1 },
    { VOP_FSUB, 4, -1, 1 }, { VOP_FMUL, 4, -1, 1 }, { VOP_FMLA, 4, -1, 1 },
    { VOP_FMLS, 4, -1, 1 }, { VOP_FCEQ, 4, -1, 1 }, { VOP_FCGE, 4, -1, 1 },
    { VOP_FCGT, 4, -1, 1 }, { VOP_FMAX, 4, -1, 1 },
};

/* Long/narrow kinds have one Q and one D side; the rest are plain. */
static bool fixed_q(unsigned kind, bool *q)
{
    switch (kind) {
    case VOP_MOVL_S: case VOP_MOVL_U: case VOP_MOVN:
    case VOP_ADDL_S: case VOP_ADDL_U: case VOP_SUBL_S: case VOP_SUBL_U:
    case VOP_ADDW_S: case VOP_ADDW_U: case VOP_SUBW_S: case VOP_SUBW_U:
    case VOP_MULL_S: case VOP_MULL_U: case VOP_MLAL_S: case VOP_MLAL_U:
    case VOP_MLSL_S: case VOP_MLSL_U: case VOP_ABDL_S: case VOP_ABDL_U:
    case VOP_ABAL_S: case VOP_ABAL_U: case VOP_QMOVN_S: case VOP_QMOVN_U: case VOP_QMOVUN:
    case VOP_QSHRN_S_IMM: case VOP_QSHRN_U_IMM: case VOP_QRSHRN_S_IMM:
    case VOP_QRSHRN_U_IMM: case VOP_QSHRUN_IMM: case VOP_QRSHRUN_IMM:
        *q = false;
        return true;
    default:
        return false;
    }
}

typedef struct Regs {
    uint64_t d[32];
    uint32_t fpscr;
} Regs;

static void fill(ArmCPU *env, bool fl)
{
    memset(env, 0, sizeof(*env));
    for (int i = 0; i < 64; i++) {
        uint32_t v = fl ? rnd_float() : rnd_int();
        memcpy((char *)env->vfp_d + 4 * i, &v, 4);
    }
    env->excl_addr = ~0u;
}

static void snapshot(ArmCPU *env, Regs *r)
{
    memset(r, 0, sizeof(*r));
    memcpy(r->d, env->vfp_d, sizeof(r->d));
    r->fpscr = arm_fp_read_fpscr(env);
}

static void run_case(const Case *c, unsigned esz, bool q, unsigned imm, int n)
{
    int32_t d = arm_vfp_dreg_off(0), a = arm_vfp_dreg_off(2 + 2 * (n % 3)),
            b = arm_vfp_dreg_off(8 + 2 * (n % 2));
    if (n % 5 == 4)
        b = a;                       /* aliased operands */
    if (n % 7 == 6)
        d = a;
    uint32_t what = VOP_WHAT(c->kind, esz, q, imm);
    IRBlock *blk = ir_block_new(&ctx, 0x1000, 0);
    for (int i = 0; i < NGLOBALS; i++) {
        /* r[i] starts at 0 (fill) */
        ir_add_i32(blk, globals[i], globals[i], ir_const_i32(blk, 0x1000u * (i + 1) + n));
    }
    ir_vop(blk, what, d, a, b, arm_neon_ref);
    ir_exit_tb(blk, EXIT_HALT);
    TranslationBlock tb = { 0 };
    if (!x86_gen_block(blk, &tb, code_start, 1 << 20)) {
        printf("FAIL: no code for %s\n", vop_name(c->kind));
        failed++;
        return;
    }
    static ArmCPU env_x, env_r;
    uint32_t seed = rng;
    fill(&env_x, c->fl);
    rng = seed;
    fill(&env_r, c->fl);
    static JCEntry jc[1 << 12];
    env_x.common.jc = jc;

    Regs rx, rr;
    /* now and then a guest FP mode other than the default (the vector ops
     * must ignore it, and the inline paths must notice it) */
    uint32_t mode = n % 6 == 5 ? FPSCR_FZ | FPSCR_DN | (uint32_t)(n % 4) << FPSCR_RMODE_SHIFT :
                    n % 6 == 4 ? (uint32_t)ARM_RMODE_RZ << FPSCR_RMODE_SHIFT : 0;
    arm_fp_reset(&env_x);
    arm_fp_write_fpscr(&env_x, mode);
    x86_exec(&env_x, code_start);
    snapshot(&env_x, &rx);
    for (int i = 0; i < NGLOBALS; i++) {
        if (env_x.r[i] != 0x1000u * (i + 1) + n) {
            printf("FAIL %s.%u%s: r%d = %08x after the op\n", vop_name(c->kind), 8u << esz,
                   q ? "q" : "", i, env_x.r[i]);
            failed++;
        }
    }
    arm_fp_reset(&env_r);
    arm_fp_write_fpscr(&env_r, mode);
    arm_neon_ref(&env_r, what, (uint32_t)d, (uint32_t)a, (uint32_t)b);
    snapshot(&env_r, &rr);
    free(tb.fault_tab);
    ir_block_free(blk);

    if (!memcmp(&rx, &rr, sizeof(rx))) {
        passed++;
        return;
    }
    failed++;
    if (failed > 40)
        return;
    printf("FAIL %s.%u%s #%u (case %d): fpscr %08x want %08x\n", vop_name(c->kind), 8u << esz,
           q ? "q" : "", imm, n, rx.fpscr, rr.fpscr);
    for (int i = 0; i < 32; i++) {
        if (rx.d[i] != rr.d[i])
            printf("   d%d = %016llx want %016llx\n", i, (unsigned long long)rx.d[i],
                   (unsigned long long)rr.d[i]);
    }
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 40;
    ir_context_init(&ctx);
    /* as the ARM frontend sets them (FPSCR.QC); argument "ref" tests the
     * reference fallback instead */
    if (!(argc > 2 && !strcmp(argv[2], "ref"))) {
        ctx.vec_sat_offset = (int32_t)offsetof(ArmCPU, fpscr);
        ctx.vec_sat_mask = 1u << 27;
    }
    for (int i = 0; i < NGLOBALS; i++)
        globals[i] = ir_context_global(&ctx, IR_I32, (int32_t)offsetof(ArmCPU, r) + 4 * i, "r");
    uint8_t *buf = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    x86_backend_init(buf, 2 << 20, &code_start);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const Case *c = &cases[i];
        for (unsigned esz = 0; esz < 4; esz++) {
            if (!(c->esz_mask & (1u << esz)))
                continue;
            for (int qi = 0; qi < 2; qi++) {
                bool q = qi;
                if (fixed_q(c->kind, &q) && qi)
                    continue;
                for (int n = 0; n < reps; n++) {
                    unsigned bits = 8u << esz, imm = 0;
                    if (c->imm == -2)
                        imm = rnd() % bits;
                    else if (c->imm == -3)
                        imm = 1 + rnd() % bits;
                    else if (c->imm == -4)
                        imm = rnd() % (8u >> esz);
                    run_case(c, esz, q, imm, n);
                }
            }
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
