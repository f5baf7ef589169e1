/*
 * ARM system instructions as user mode sees them: MRS/MSR of the APSR,
 * SETEND, the CP15 thread-ID registers, and the Linux kuser helper page.
 *
 * The kuser helpers (__kuser_get_tls, __kuser_cmpxchg, ...) are code the
 * kernel maps at 0xffff0f60..0xffff0fff.  ferry does not put ARM code
 * there: a block starting at a helper's entry point is translated into
 * the helper's effect followed by the helper's return (bx lr).
 */
#include "frontend/arm/translate.h"

#include <stddef.h>

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

/* ---------------------------------------------------------------- MRS / MSR */

/* acc |= v << lshift */
static void or_shifted(DisasContext *dc, IRTemp acc, IRTemp v, int lshift)
{
    IRTemp t = tmp(dc);
    ir_shl_i32(dc->b, t, v, cst(dc, lshift));
    ir_or_i32(dc->b, acc, acc, t);
}

/*
 * MRS in user mode reads the CPSR with the execution-state bits (T, J, IT)
 * as zero: the flags, Q and GE from the split representation, E from the
 * block's data endianness, and mode bits 0x10 (User).  A, I and F read as
 * zero (interrupts enabled), as Linux runs user code.
 */
bool arm_trans_mrs_apsr(DisasContext *dc, int rd)
{
    if (rd == 15)
        return false;
    IRBlock *b = dc->b;
    IRTemp r = tmp(dc), t = tmp(dc);
    ir_and_i32(b, r, arm_NF, cst(dc, 0x80000000u));
    ir_setcond_i32(b, IR_COND_EQ, t, arm_ZF, cst(dc, 0));
    or_shifted(dc, r, t, 30);
    or_shifted(dc, r, arm_CF, 29);
    ir_shr_i32(b, t, arm_VF, cst(dc, 31));
    or_shifted(dc, r, t, 28);
    ir_setcond_i32(b, IR_COND_NE, t, arm_QF, cst(dc, 0));
    or_shifted(dc, r, t, 27);
    ir_and_i32(b, t, arm_GE, cst(dc, 0xf));
    or_shifted(dc, r, t, 16);
    ir_or_i32(b, r, r, cst(dc, 0x10 | (dc->be_data ? 1u << 9 : 0)));
    arm_store_reg(dc, rd, r);
    return true;
}

/* Split an APSR value into the flag globals (mask as arm_trans_msr_reg). */
static void write_apsr(DisasContext *dc, IRTemp v, int mask)
{
    IRBlock *b = dc->b;
    if (mask & 8) {
        IRTemp nv = tmp(dc);
        ir_not_i32(b, nv, v);
        ir_and_i32(b, arm_ZF, nv, cst(dc, 1u << 30));   /* Z set -> ZF == 0 */
        ir_extract_i32(b, arm_CF, v, 29, 1);
        ir_shl_i32(b, arm_VF, v, cst(dc, 3));
        ir_and_i32(b, arm_QF, v, cst(dc, 1u << 27));
        ir_mov_i32(b, arm_NF, v);
    }
    if (mask & 4)
        ir_extract_i32(b, arm_GE, v, 16, 4);
}

bool arm_trans_msr_reg(DisasContext *dc, int mask, int rn)
{
    if ((mask & 0xc) == 0 || rn == 15)
        return false;
    write_apsr(dc, arm_load_reg(dc, rn), mask);
    return true;
}

bool arm_trans_msr_imm(DisasContext *dc, int mask, uint32_t imm)
{
    if ((mask & 0xc) == 0)
        return false;
    IRTemp v = tmp(dc);
    ir_mov_i32(dc->b, v, cst(dc, imm));
    write_apsr(dc, v, mask);
    return true;
}

/* Data endianness is part of the block key: end the block. */
bool arm_trans_setend(DisasContext *dc, bool big_endian)
{
    ir_st_env_i32(dc->b, cst(dc, big_endian), (int32_t)offsetof(ArmCPU, bigend_data));
    dc->state = DISAS_UPDATE;
    return true;
}

/* ---------------------------------------------------------------- CP15 */

/*
 * MRC/MCR p15 (A32 form: cond 1110 opc1 L CRn Rt 1111 opc2 1 CRm).  User
 * mode reaches only the thread-ID registers: TPIDRURW (c13, c0, 2) read and
 * write, TPIDRURO (c13, c0, 3) read.  Everything else is UNDEFINED at PL0.
 */
bool arm_trans_cp15(DisasContext *dc, uint32_t insn)
{
    bool to_core = (insn >> 20) & 1;
    int rt = (insn >> 12) & 0xf;
    uint32_t opc1 = (insn >> 21) & 7, crn = (insn >> 16) & 0xf;
    uint32_t opc2 = (insn >> 5) & 7, crm = insn & 0xf;

    if ((insn & 0x0f000010) != 0x0e000010 || rt == 15)
        return false;
    if (opc1 != 0 || crn != 13 || crm != 0 || (opc2 != 2 && opc2 != 3))
        return false;
    int32_t off = opc2 == 2 ? (int32_t)offsetof(ArmCPU, tpidrurw)
                            : (int32_t)offsetof(ArmCPU, tpidruro);
    if (!to_core) {
        if (opc2 == 3)
            return false;   /* TPIDRURO is read-only in user mode */
        ir_st_env_i32(dc->b, arm_load_reg(dc, rt), off);
        return true;
    }
    IRTemp v = tmp(dc);
    ir_ld_env_i32(dc->b, v, off);
    arm_store_reg(dc, rt, v);
    return true;
}

/* ---------------------------------------------------------------- kuser helpers */

/* __kuser_get_tls: r0 = TPIDRURO. */
static void kuser_get_tls(DisasContext *dc)
{
    ir_ld_env_i32(dc->b, arm_r[0], (int32_t)offsetof(ArmCPU, tpidruro));
}

/* __kuser_cmpxchg: r0 = oldval, r1 = newval, r2 = ptr.  r0 = 0 and C set
 * when *ptr was oldval and is now newval; else r0 nonzero and C clear. */
static void kuser_cmpxchg(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp old = tmp(dc);
    ir_cmpxchg_i32(b, old, arm_r[2], arm_r[0], arm_r[1], arm_data_memop(dc, MO_32));
    ir_setcond_i32(b, IR_COND_EQ, arm_CF, old, arm_r[0]);
    ir_xor_i32(b, arm_r[0], arm_CF, cst(dc, 1));
}

/* __kuser_cmpxchg64: r0 = &oldval, r1 = &newval, r2 = ptr (64-bit values).
 * Compared as raw memory bytes, so the data endianness does not matter. */
static void kuser_cmpxchg64(DisasContext *dc)
{
    IRBlock *b = dc->b;
    IRTemp exp = ir_temp_i64(b), nv = ir_temp_i64(b), old = ir_temp_i64(b);
    ir_ld_i64(b, exp, arm_r[0], MO_64);
    ir_ld_i64(b, nv, arm_r[1], MO_64);
    ir_cmpxchg_i64(b, old, arm_r[2], exp, nv, MO_64);
    ir_setcond_i64(b, IR_COND_EQ, arm_CF, old, exp);
    ir_xor_i32(b, arm_r[0], arm_CF, cst(dc, 1));
}

/* A block in the kuser page: a helper entry in ARM state becomes the
 * helper's effect plus its return; anything else cannot be executed. */
void arm_gen_kuser(DisasContext *dc)
{
    IRBlock *b = dc->b;
    uint32_t pc = dc->pc;
    bool known = !dc->thumb && (pc == ARM_KUSER_GET_TLS || pc == ARM_KUSER_CMPXCHG ||
                                pc == ARM_KUSER_MEMBARRIER || pc == ARM_KUSER_CMPXCHG64);
    dc->next_pc = pc + (dc->thumb ? 2 : 4);
    b->guest_size = dc->next_pc - pc;
    b->ninsns = 1;
    ir_insn_start(b, pc);
    if (!known) {
        arm_gen_exit(dc, EXIT_PREFETCH_ABORT, pc);
        return;
    }
    if (pc == ARM_KUSER_GET_TLS)
        kuser_get_tls(dc);
    else if (pc == ARM_KUSER_CMPXCHG)
        kuser_cmpxchg(dc);
    else if (pc == ARM_KUSER_CMPXCHG64)
        kuser_cmpxchg64(dc);
    else
        ir_mb(b, IR_MB_ALL);
    arm_gen_bx(dc, arm_load_reg(dc, 14));
}
