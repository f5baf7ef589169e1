/*
 * The coprocessor space of A32 (and of T32, which the Thumb decoder passes
 * in A32 form): VFP loads and stores, transfers between core and VFP
 * registers, VMRS/VMSR, and MRC/MCR p15 (handed to translate_sys.c).  The
 * VFP data-processing space goes to translate_vfp_dp.c.
 *
 * VFP registers live in env (vfp_d[]); S2n and S2n+1 are the low and high
 * words of Dn on the little-endian host.  Of NEON only the transfers that
 * share the coprocessor space come here (VMOV of byte and halfword lanes,
 * VDUP from a core register); the rest is outside it (neon.h).
 */
#include "frontend/arm/translate.h"

#include <stddef.h>

#include "frontend/arm/arm_fp.h"

/* ID register values of a Cortex-A15 (VFPv4-D32). */
#define ARM_FPSID  0x410430f0u
#define ARM_MVFR0  0x10110222u
#define ARM_MVFR1  0x11111111u

/* VMRS/VMSR register numbers (the reg field). */
enum { VFP_FPSID = 0, VFP_FPSCR = 1, VFP_MVFR1 = 6, VFP_MVFR0 = 7, VFP_FPEXC = 8 };

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

static int32_t sreg_off(int s)
{
    return arm_vfp_sreg_off(s);
}

static int32_t dreg_off(int d)
{
    return arm_vfp_dreg_off(d);
}

#define FPSCR_OFF ((int32_t)offsetof(ArmCPU, fpscr))
#define FPEXC_OFF ((int32_t)offsetof(ArmCPU, fpexc))

/* Register numbers: S registers put the extra bit low (Vd:D), D registers
 * high (D:Vd). */
static int vfp_reg(uint32_t v4, uint32_t bit, bool dbl)
{
    return dbl ? (int)(bit << 4 | v4) : (int)(v4 << 1 | bit);
}

/* ---------------------------------------------------------------- register access */

static IRTemp ld_sreg(DisasContext *dc, int s)
{
    IRTemp t = tmp(dc);
    ir_ld_env_i32(dc->b, t, sreg_off(s));
    return t;
}

static void st_sreg(DisasContext *dc, int s, IRTemp v)
{
    ir_st_env_i32(dc->b, v, sreg_off(s));
}

static IRTemp ld_dreg(DisasContext *dc, int d)
{
    IRTemp t = ir_temp_i64(dc->b);
    ir_ld_env_i64(dc->b, t, dreg_off(d));
    return t;
}

static void st_dreg(DisasContext *dc, int d, IRTemp v)
{
    ir_st_env_i64(dc->b, v, dreg_off(d));
}

/* A 64-bit guest access: in big-endian data mode the two words are
 * swapped as well as their bytes, which is one 64-bit byte swap. */
static MemOp mo64(const DisasContext *dc)
{
    return MO_64 | (dc->be_data ? MO_BSWAP : 0);
}

/* ---------------------------------------------------------------- loads and stores */

typedef struct VfpLdst {
    bool p, u, w, l, dbl;
    int rn, vd;
    uint32_t imm8;
} VfpLdst;

static VfpLdst vfp_ldst_fields(uint32_t insn)
{
    VfpLdst f = {
        .p = (insn >> 24) & 1, .u = (insn >> 23) & 1, .w = (insn >> 21) & 1,
        .l = (insn >> 20) & 1, .dbl = (insn >> 8) & 1,
        .rn = (insn >> 16) & 0xf, .imm8 = insn & 0xff,
    };
    f.vd = vfp_reg((insn >> 12) & 0xf, (insn >> 22) & 1, f.dbl);
    return f;
}

static void vfp_access(DisasContext *dc, const VfpLdst *f, int reg, IRTemp addr)
{
    IRBlock *b = dc->b;
    if (f->dbl && f->l) {
        IRTemp v = ir_temp_i64(b);
        ir_ld_i64(b, v, addr, mo64(dc));
        st_dreg(dc, reg, v);
    } else if (f->dbl) {
        ir_st_i64(b, ld_dreg(dc, reg), addr, mo64(dc));
    } else if (f->l) {
        st_sreg(dc, reg, arm_gen_ld(dc, addr, MO_32));
    } else {
        arm_gen_st(dc, ld_sreg(dc, reg), addr, MO_32);
    }
}

/* VLDR/VSTR: [rn, #+/-imm8*4], rn == 15 reads Align(PC, 4). */
static bool trans_vldr(DisasContext *dc, const VfpLdst *f)
{
    IRTemp addr = arm_load_reg_lit(dc, f->rn);
    uint32_t off = f->imm8 << 2;
    ir_add_i32(dc->b, addr, addr, cst(dc, f->u ? off : -off));
    vfp_access(dc, f, f->vd, addr);
    return true;
}

/*
 * VLDM/VSTM (IA, IA!, DB!).  imm8 counts words; an odd count with D
 * registers is the FLDMX/FSTMX form, which transfers imm8/2 registers and
 * writes back imm8 words.  Loads go to temps first so a fault leaves the
 * registers untouched.
 */
static bool trans_vldm(DisasContext *dc, const VfpLdst *f)
{
    IRBlock *b = dc->b;
    int n = f->dbl ? f->imm8 / 2 : f->imm8;
    int size = f->dbl ? 8 : 4;
    if (n == 0 || f->vd + n > 32 || (f->dbl && n > 16) || (f->w && f->rn == 15))
        return false;
    IRTemp base = arm_load_reg(dc, f->rn);
    uint32_t start = f->p ? -(f->imm8 << 2) : 0;
    IRTemp vals[32];
    for (int i = 0; i < n; i++) {
        IRTemp addr = tmp(dc);
        ir_add_i32(b, addr, base, cst(dc, start + i * size));
        if (!f->l) {
            vfp_access(dc, f, f->vd + i, addr);
            continue;
        }
        vals[i] = f->dbl ? ir_temp_i64(b) : tmp(dc);
        if (f->dbl)
            ir_ld_i64(b, vals[i], addr, mo64(dc));
        else
            ir_ld_i32(b, vals[i], addr, arm_data_memop(dc, MO_32));
    }
    for (int i = 0; f->l && i < n; i++) {
        if (f->dbl)
            st_dreg(dc, f->vd + i, vals[i]);
        else
            st_sreg(dc, f->vd + i, vals[i]);
    }
    if (f->w) {
        IRTemp nb = tmp(dc);
        ir_add_i32(b, nb, base, cst(dc, f->u ? f->imm8 << 2 : -(f->imm8 << 2)));
        arm_store_reg(dc, f->rn, nb);
    }
    return true;
}

/* VMOV between two core registers and a D register or two S registers
 * (cond 1100 010 op rt2 rt 101 sz 00 M 1 Vm). */
static bool trans_vmov_64(DisasContext *dc, uint32_t insn)
{
    bool to_core = (insn >> 20) & 1, dbl = (insn >> 8) & 1;
    int rt = (insn >> 12) & 0xf, rt2 = (insn >> 16) & 0xf;
    int m = vfp_reg(insn & 0xf, (insn >> 5) & 1, dbl);
    IRBlock *b = dc->b;

    if ((insn & 0xd0) != 0x10 || rt == 15 || rt2 == 15 || (to_core && rt == rt2) ||
        (!dbl && m == 31))
        return false;
    if (to_core && dbl) {
        IRTemp v = ld_dreg(dc, m), lo = tmp(dc), hi = tmp(dc);
        ir_extrl_i64_i32(b, lo, v);
        ir_extrh_i64_i32(b, hi, v);
        arm_store_reg(dc, rt, lo);
        arm_store_reg(dc, rt2, hi);
    } else if (to_core) {
        IRTemp lo = ld_sreg(dc, m), hi = ld_sreg(dc, m + 1);
        arm_store_reg(dc, rt, lo);
        arm_store_reg(dc, rt2, hi);
    } else if (dbl) {
        IRTemp v = ir_temp_i64(b);
        ir_concat_i32_i64(b, v, arm_load_reg(dc, rt), arm_load_reg(dc, rt2));
        st_dreg(dc, m, v);
    } else {
        st_sreg(dc, m, arm_load_reg(dc, rt));
        st_sreg(dc, m + 1, arm_load_reg(dc, rt2));
    }
    return true;
}

/* cond 110P UDWL Rn Vd 101x imm8, plus the 64-bit transfers. */
static bool trans_vfp_ldst(DisasContext *dc, uint32_t insn)
{
    if ((insn & 0x01e00000) == 0x00400000)
        return trans_vmov_64(dc, insn);
    VfpLdst f = vfp_ldst_fields(insn);
    if (f.p && !f.w)
        return trans_vldr(dc, &f);
    if (f.p == f.u)     /* P=U=0 without D (undefined) or P=U=1 */
        return false;
    return trans_vldm(dc, &f);
}

/* ---------------------------------------------------------------- core register transfers */

/* VMOV Sn <-> Rt (cond 1110 000 op Vn Rt 1010 N 00 1 0000). */
static bool trans_vmov_s(DisasContext *dc, uint32_t insn)
{
    int rt = (insn >> 12) & 0xf;
    int sn = vfp_reg((insn >> 16) & 0xf, (insn >> 7) & 1, false);
    if (rt == 15)
        return false;
    if ((insn >> 20) & 1)
        arm_store_reg(dc, rt, ld_sreg(dc, sn));
    else
        st_sreg(dc, sn, arm_load_reg(dc, rt));
    return true;
}

/*
 * VMOV between a D register lane and Rt (cond 1110 U opc1 L Vn Rt 1011 N
 * opc2 1 0000).  opc1:opc2 selects the lane: 1xxx a byte (index
 * opc1<0>:opc2), 0xx1 a halfword (index opc1<0>:opc2<1>), 0x00 a word
 * (index opc1<0>), 0x10 is UNDEFINED.  Reads of bytes and halfwords are
 * sign- or zero-extended by U; U = 1 with a word is UNDEFINED.  The lanes
 * other than the one written keep their values, so narrow writes merge
 * into the word holding the lane.
 */
static bool trans_vmov_scalar(DisasContext *dc, uint32_t insn)
{
    IRBlock *b = dc->b;
    int rt = (insn >> 12) & 0xf;
    uint32_t opc1 = (insn >> 21) & 3, opc2 = (insn >> 5) & 3;
    int d = vfp_reg((insn >> 16) & 0xf, (insn >> 7) & 1, true);
    bool to_core = (insn >> 20) & 1, is_unsigned = (insn >> 23) & 1;
    unsigned bits, index;

    if (opc1 & 2) {
        bits = 8;
        index = (opc1 & 1) << 2 | opc2;
    } else if (opc2 & 1) {
        bits = 16;
        index = (opc1 & 1) << 1 | opc2 >> 1;
    } else if (opc2 == 0 && !is_unsigned) {
        bits = 32;
        index = opc1 & 1;
    } else {
        return false;
    }
    if (rt == 15)
        return false;
    unsigned byte = index * bits / 8, pos = (byte & 3) * 8;
    int32_t off = dreg_off(d) + (int32_t)(byte & ~3u);
    IRTemp w = tmp(dc);
    if (to_core) {
        ir_ld_env_i32(b, w, off);
        if (bits < 32) {
            IRTemp v = tmp(dc);
            if (is_unsigned)
                ir_extract_i32(b, v, w, pos, bits);
            else
                ir_sextract_i32(b, v, w, pos, bits);
            w = v;
        }
        arm_store_reg(dc, rt, w);
    } else if (bits == 32) {
        ir_st_env_i32(b, arm_load_reg(dc, rt), off);
    } else {
        ir_ld_env_i32(b, w, off);
        ir_deposit_i32(b, w, w, arm_load_reg(dc, rt), pos, bits);
        ir_st_env_i32(b, w, off);
    }
    return true;
}

/*
 * VDUP (ARM core register): cond 1110 1BQ0 Vd Rt 1011 D0E1 0000.  B:E
 * gives the element size (00 word, 01 halfword, 10 byte); every element
 * of Dd (Q = 0) or of Dd and Dd+1 (Q = 1, Vd even) becomes the low bits
 * of Rt.
 */
static bool trans_vdup(DisasContext *dc, uint32_t insn)
{
    IRBlock *b = dc->b;
    bool big = (insn >> 22) & 1, q = (insn >> 21) & 1, e = (insn >> 5) & 1;
    int d = vfp_reg((insn >> 16) & 0xf, (insn >> 7) & 1, true);
    int rt = (insn >> 12) & 0xf;

    if ((big && e) || (insn & 0x40) || (q && (d & 1)) || rt == 15)
        return false;
    IRTemp v = arm_load_reg(dc, rt);
    if (big) {
        ir_deposit_i32(b, v, v, v, 8, 8);
        ir_deposit_i32(b, v, v, v, 16, 16);
    } else if (e) {
        ir_deposit_i32(b, v, v, v, 16, 16);
    }
    IRTemp x = ir_temp_i64(b);
    ir_concat_i32_i64(b, x, v, v);
    st_dreg(dc, d, x);
    if (q)
        st_dreg(dc, d + 1, x);
    return true;
}

/* VMRS APSR_nzcv, FPSCR: the flags from FPSCR[31:28]. */
static void fpscr_to_flags(DisasContext *dc, IRTemp v)
{
    IRBlock *b = dc->b;
    IRTemp nv = tmp(dc);
    ir_not_i32(b, nv, v);
    ir_and_i32(b, arm_ZF, nv, cst(dc, 1u << 30));
    ir_extract_i32(b, arm_CF, v, 29, 1);
    ir_shl_i32(b, arm_VF, v, cst(dc, 3));
    ir_mov_i32(b, arm_NF, v);
}

/*
 * VMRS.  Linux traps PL0 reads of FPSID/MVFR/FPEXC on real hardware; ferry
 * answers them with Cortex-A15 values (and FPEXC with EN set) since no
 * caller depends on the trap and feature probes read them.  NZCV lives in
 * env->fpscr alone, so VMRS APSR_nzcv (after every VCMP) is a plain load;
 * the whole FPSCR needs the host's exception flags merged in.
 */
static bool trans_vmrs(DisasContext *dc, int reg, int rt)
{
    IRTemp v = tmp(dc);
    switch (reg) {
    case VFP_FPSCR:
        if (rt == 15) {
            ir_ld_env_i32(dc->b, v, FPSCR_OFF);
            fpscr_to_flags(dc, v);
            return true;
        }
        ir_call(dc->b, &arm_fp_h_read_fpscr, v, (IRTemp[]){ IR_ENV });
        break;
    case VFP_FPEXC: ir_ld_env_i32(dc->b, v, FPEXC_OFF); break;
    case VFP_FPSID: ir_mov_i32(dc->b, v, cst(dc, ARM_FPSID)); break;
    case VFP_MVFR0: ir_mov_i32(dc->b, v, cst(dc, ARM_MVFR0)); break;
    case VFP_MVFR1: ir_mov_i32(dc->b, v, cst(dc, ARM_MVFR1)); break;
    default: return false;
    }
    if (rt == 15)
        return false;
    arm_store_reg(dc, rt, v);
    return true;
}

/* VMSR: writes to the ID registers are ignored (read-only). */
static bool trans_vmsr(DisasContext *dc, int reg, int rt)
{
    if (rt == 15)
        return false;
    IRTemp v = arm_load_reg(dc, rt);
    switch (reg) {
    case VFP_FPSCR:
        /* also sets the host rounding mode and flush-to-zero */
        ir_call(dc->b, &arm_fp_h_write_fpscr, 0, (IRTemp[]){ IR_ENV, v });
        /* FPSCR.FZ selects how VFP arithmetic is translated (ARM_TBFLAG_FZ) */
        dc->state = DISAS_UPDATE;
        return true;
    case VFP_FPEXC:
        ir_st_env_i32(dc->b, v, FPEXC_OFF);
        return true;
    case VFP_FPSID: case VFP_MVFR0: case VFP_MVFR1:
        return true;
    default:
        return false;
    }
}

/* cond 1110 A L .... Rt 101C .BB1 ....: transfers between core and VFP. */
static bool trans_vfp_xfer(DisasContext *dc, uint32_t insn)
{
    uint32_t a = (insn >> 21) & 7;
    bool c = (insn >> 8) & 1;
    int reg = (insn >> 16) & 0xf, rt = (insn >> 12) & 0xf;

    /* C = 1: lanes of D registers; A = 1xx with L = 0 is VDUP. */
    if (c)
        return (a & 4) && !((insn >> 20) & 1) ? trans_vdup(dc, insn)
                                              : trans_vmov_scalar(dc, insn);
    if (a == 0)
        return trans_vmov_s(dc, insn);
    if (a == 7)
        return (insn >> 20) & 1 ? trans_vmrs(dc, reg, rt) : trans_vmsr(dc, reg, rt);
    return false;
}

/* ---------------------------------------------------------------- dispatch */

bool arm_trans_coproc(DisasContext *dc, uint32_t insn)
{
    uint32_t cond = insn >> 28, cp = (insn >> 8) & 0xf;
    if (cp == 15)
        return cond != 15 && arm_trans_cp15(dc, insn);
    /* cp10/cp11 with cond 1111 (T = 1 in T32) is not VFP. */
    if ((cp != 10 && cp != 11) || cond == 15)
        return false;
    if ((insn & 0x0e000000) == 0x0c000000)
        return trans_vfp_ldst(dc, insn);
    if ((insn & 0x0f000010) == 0x0e000010)
        return trans_vfp_xfer(dc, insn);
    if ((insn & 0x0f000010) == 0x0e000000)
        return arm_trans_vfp_dp(dc, insn);
    return false;
}
