/*
 * ARM frontend: the translation layer shared by the A32 and Thumb (T16/T32)
 * decoders.
 *
 * Decoding and semantics are separate.  The decoders (decode_a32.c,
 * decode_t16.c, decode_t32.c) match bit patterns (frontend/decode.h),
 * extract fields into the small argument structs below and call the
 * arm_trans_* functions, which emit IR.  An instruction that exists in both
 * instruction sets has exactly one arm_trans_* function; the decoders only
 * differ in how they find the fields.  A trans function returns false when
 * the encoding is UNDEFINED/UNPREDICTABLE in a way ferry does not emulate;
 * the caller then emits arm_gen_undef().
 *
 * Register reads of r15 give the architectural PC value: the instruction's
 * address + 8 in ARM state, + 4 in Thumb state (arm_load_reg).  Literal
 * addressing (LDR literal, ADR, PLD literal) uses Align(PC, 4)
 * (arm_load_reg_lit).
 *
 * Globals (arm_r[], arm_NF, ...) are IR temps with the same index in every
 * block; arm_translate_init() creates them.
 *
 * Files:
 *   translate.c         DisasContext helpers, conditions, flags, shifts,
 *                       branches and exits, the block loop (arm_translate)
 *   translate_dp.c      data processing, multiplies, divides, misc ALU
 *   translate_ls.c      loads/stores, LDM/STM, exclusives
 *   translate_branch.c  B/BL/BX/BLX, SVC, BKPT, UDF, hints, barriers
 *   translate_sys.c     MRS/MSR, MRC/MCR p15, kuser helper page
 *   translate_vfp.c     VFP loads/stores/moves, VMRS/VMSR
 *   translate_vfp_dp.c  VFP data processing (arm_fp.h); arm_fp.c holds the
 *                       ARM-exact slow paths and FPSCR <-> MXCSR
 *   translate_media.c   parallel add/subtract, SEL, USAD8, saturation,
 *                       PKH, the dual-byte extends (SXTB16 ...)
 *   flags_live.c        flags a direct exit's target overwrites unread
 *   decode_a32.c        A32 tables
 *   decode_thumb.c      Thumb fetch and IT blocks; decode_t16.c, decode_t32.c
 *   arm_guest.c         GuestArch for ARM (init, disassembly, exits)
 */
#ifndef FERRY_FRONTEND_ARM_TRANSLATE_H
#define FERRY_FRONTEND_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "tcg/ir.h"

/* What the current instruction did to control flow. */
typedef enum ArmDisasState {
    DISAS_NEXT,      /* fall through to the next instruction */
    DISAS_NORETURN,  /* emitted an unconditional exit (branch, exception) */
    DISAS_UPDATE,    /* changed state that affects decoding (e.g. SETEND):
                        end the block after this insn, continue at next_pc
                        through the loop */
} ArmDisasState;

typedef struct DisasContext {
    IRBlock *b;
    uint32_t pc;          /* address of the current instruction */
    uint32_t next_pc;     /* address of the following instruction */
    uint32_t insn;        /* current encoding (T32: hw1 << 16 | hw2) */
    bool thumb;           /* decoding Thumb */
    bool be_data;         /* data accesses are big-endian (CPSR.E) */
    bool fpscr_fz;        /* FPSCR.FZ: VFP arithmetic goes through the exact path */
    /* Thumb IT state for the *current* instruction: ITSTATE[7:0] as in the
     * architecture (firstcond[3:1] in bits 7:5, mask in 4:0); 0 outside
     * an IT block.  The Thumb decoder advances it after each insn. */
    uint32_t itstate;
    ArmDisasState state;
    uint32_t cond_skip;   /* label skipping a conditional insn, or ~0u */
    unsigned slots_used;  /* goto_tb exit slots used so far (0..2) */
    uint32_t insn_count;
} DisasContext;

/* The IR globals (valid after arm_translate_init). */
extern IRTemp arm_r[16];
extern IRTemp arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
extern IRTemp arm_thumb, arm_itstate, arm_excl_addr, arm_excl_val, arm_excl_val_hi;

void arm_translate_init(void);
const IRContext *arm_ir_context(void);
/* Translate the block at (b->pc, b->flags): the GuestArch entry point. */
void arm_translate(IRBlock *b, uint32_t max_insns);

/* ---- register access ---- */
/* A fresh temp holding register r (r15: the PC value as read by the
 * current instruction). */
IRTemp arm_load_reg(DisasContext *dc, int r);
/* Align(PC, 4) for literal addressing when r == 15, else arm_load_reg. */
IRTemp arm_load_reg_lit(DisasContext *dc, int r);
/* Write r; r == 15 is a simple branch (BranchWritePC: stays in the current
 * instruction set, bit 0 (Thumb) / bits 1:0 (ARM) cleared). */
void arm_store_reg(DisasContext *dc, int r, IRTemp v);
/* Write r as an ALU result: r15 behaves as ALUWritePC (interworking in ARM
 * state, a plain branch in Thumb state). */
void arm_store_reg_alu(DisasContext *dc, int r, IRTemp v);
/* Write r as a load result: r15 behaves as LoadWritePC (interworking). */
void arm_store_reg_load(DisasContext *dc, int r, IRTemp v);

/* ---- conditions and flags ---- */
/* ARM condition codes 0..14 (AL = 14); 15 is never passed here. */
/* Branch to label when cond holds. */
void arm_gen_test_cc(DisasContext *dc, int cond, uint32_t label);
/* Start a conditional instruction: skips it when cond fails (cond 14 and
 * 15 emit nothing).  arm_translate calls arm_gen_cond_end after the insn. */
void arm_gen_cond_begin(DisasContext *dc, int cond);
void arm_gen_cond_end(DisasContext *dc);

void arm_gen_logic_cc(DisasContext *dc, IRTemp result);          /* N, Z */
/* d = a + b (+ C for adc) setting N, Z, C, V; d may alias a or b. */
void arm_gen_add_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b);
void arm_gen_adc_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b);
/* d = a - b (- !C for sbc) setting N, Z, C, V. */
void arm_gen_sub_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b);
void arm_gen_sbc_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b);

/* ---- shifts (shtype: 0 LSL, 1 LSR, 2 ASR, 3 ROR; ROR #0 is RRX) ---- */
/* Immediate shift as encoded (LSR/ASR #0 mean #32).  With set_carry, C
 * becomes the shifter carry-out (unchanged for LSL #0). */
IRTemp arm_gen_shift_imm(DisasContext *dc, IRTemp v, int shtype, int amount,
                         bool set_carry);
/* Shift by the bottom byte of a register (amounts >= 32 as the ARM ARM). */
IRTemp arm_gen_shift_reg(DisasContext *dc, IRTemp v, int shtype, IRTemp amount,
                         bool set_carry);

/* ---- memory ---- */
/* Guest data load/store of size MO_8/16/32 (+MO_SIGN), applying the data
 * endianness.  Loads return a fresh temp. */
IRTemp arm_gen_ld(DisasContext *dc, IRTemp addr, MemOp mo);
void arm_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, MemOp mo);

/* ---- control flow and exits ---- */
/* Direct branch to dest in the given instruction set (thumb 0/1); chains
 * through a goto_tb slot.  Sets dc->state = DISAS_NORETURN. */
void arm_gen_jmp(DisasContext *dc, uint32_t dest, bool thumb);
/* Indirect branch in the current instruction set (bit 0 ignored). */
void arm_gen_branch_reg(DisasContext *dc, IRTemp dest);
/* Indirect interworking branch (BX): bit 0 selects Thumb. */
void arm_gen_bx(DisasContext *dc, IRTemp dest);
/* Leave the block with an EXIT_* code; env pc is set to pc first. */
void arm_gen_exit(DisasContext *dc, int exit_code, uint32_t pc);
/* Undefined/unimplemented encoding: log once, guest SIGILL. */
void arm_gen_undef(DisasContext *dc);

/* ================= trans functions (shared by A32 and T32) ================= */

/* Data-processing opcodes (A32 numbering) plus Thumb-2's ORN. */
enum {
    ARM_DP_AND, ARM_DP_EOR, ARM_DP_SUB, ARM_DP_RSB, ARM_DP_ADD, ARM_DP_ADC,
    ARM_DP_SBC, ARM_DP_RSC, ARM_DP_TST, ARM_DP_TEQ, ARM_DP_CMP, ARM_DP_CMN,
    ARM_DP_ORR, ARM_DP_MOV, ARM_DP_BIC, ARM_DP_MVN, ARM_DP_ORN,
};

/* rd = rn OP (rm SHIFT #shimm) */
typedef struct ArmArgDPShiftImm {
    int op; bool s; int rd, rn, rm, shtype, shimm;
} ArmArgDPShiftImm;
/* rd = rn OP (rm SHIFT rs) */
typedef struct ArmArgDPShiftReg {
    int op; bool s; int rd, rn, rm, shtype, rs;
} ArmArgDPShiftReg;
/* rd = rn OP imm.  imm is the expanded 32-bit value; carry_from_imm says
 * whether a flag-setting logical op sets C to bit 31 of imm (A32: rotation
 * != 0; T32: imm12<11:10> != 0). */
typedef struct ArmArgDPImm {
    int op; bool s; int rd, rn; uint32_t imm; bool carry_from_imm;
} ArmArgDPImm;

bool arm_trans_dp_shift_imm(DisasContext *dc, const ArmArgDPShiftImm *a);
bool arm_trans_dp_shift_reg(DisasContext *dc, const ArmArgDPShiftReg *a);
bool arm_trans_dp_imm(DisasContext *dc, const ArmArgDPImm *a);
/* ADR: rd = Align(PC, 4) + imm (imm may be negative). */
bool arm_trans_adr(DisasContext *dc, int rd, int32_t imm);

/* Multiplies: mul/mla/mls (rd = rn * rm [+/- ra]), s sets N and Z. */
typedef struct ArmArgMul { int rd, rn, rm, ra; bool s; } ArmArgMul;
bool arm_trans_mul(DisasContext *dc, const ArmArgMul *a);
bool arm_trans_mla(DisasContext *dc, const ArmArgMul *a);
bool arm_trans_mls(DisasContext *dc, const ArmArgMul *a);
/* Long multiplies: rdhi:rdlo = rn * rm [+ rdhi:rdlo]; umaal adds both. */
typedef struct ArmArgMulL { int rdlo, rdhi, rn, rm; bool s; } ArmArgMulL;
bool arm_trans_umull(DisasContext *dc, const ArmArgMulL *a);
bool arm_trans_smull(DisasContext *dc, const ArmArgMulL *a);
bool arm_trans_umlal(DisasContext *dc, const ArmArgMulL *a);
bool arm_trans_smlal(DisasContext *dc, const ArmArgMulL *a);
bool arm_trans_umaal(DisasContext *dc, const ArmArgMulL *a);

/* Three-register forms: rd = f(rn, rm). */
typedef struct ArmArgRRR { int rd, rn, rm; } ArmArgRRR;
bool arm_trans_sdiv(DisasContext *dc, const ArmArgRRR *a);
bool arm_trans_udiv(DisasContext *dc, const ArmArgRRR *a);

/* Two-register forms: rd = f(rm). */
typedef struct ArmArgRR { int rd, rm; } ArmArgRR;
bool arm_trans_clz(DisasContext *dc, const ArmArgRR *a);
bool arm_trans_rbit(DisasContext *dc, const ArmArgRR *a);
bool arm_trans_rev(DisasContext *dc, const ArmArgRR *a);
bool arm_trans_rev16(DisasContext *dc, const ArmArgRR *a);
bool arm_trans_revsh(DisasContext *dc, const ArmArgRR *a);

/* Extends: rd = [rn +] extend(ror(rm, rot*8)); rn == 15 means no add.
 * size 8 or 16. */
typedef struct ArmArgExtend { int rd, rn, rm, rot; } ArmArgExtend;
bool arm_trans_extend(DisasContext *dc, const ArmArgExtend *a, int size, bool is_signed);

/* Bitfields: ubfx/sbfx rd = rn[lsb +: widthm1+1];
 * bfi rd[lsb..msb] = rn (rn == 15: bfc). */
typedef struct ArmArgBitfield { int rd, rn, lsb, widthm1, msb; } ArmArgBitfield;
bool arm_trans_ubfx(DisasContext *dc, const ArmArgBitfield *a);
bool arm_trans_sbfx(DisasContext *dc, const ArmArgBitfield *a);
bool arm_trans_bfi(DisasContext *dc, const ArmArgBitfield *a);

/* movw: rd = imm16; movt: rd[31:16] = imm16. */
bool arm_trans_movw(DisasContext *dc, int rd, uint32_t imm16);
bool arm_trans_movt(DisasContext *dc, int rd, uint32_t imm16);

/* ---- loads and stores ---- */
/* Immediate offset: address = rn +/- imm; p = pre-indexed (offset applied
 * before the access), w = write back the address.  p=0 implies writeback
 * (post-indexed).  user selects the unprivileged LDRT/STRT forms, which in
 * user mode behave like the plain ones. */
typedef struct ArmArgLdstImm { int rt, rn; uint32_t imm; bool p, u, w; } ArmArgLdstImm;
/* Register offset: address = rn +/- (rm SHIFT #shimm). */
typedef struct ArmArgLdstReg {
    int rt, rn, rm, shtype, shimm; bool p, u, w;
} ArmArgLdstReg;
/* mo: MO_8/MO_16/MO_32 with MO_SIGN for the signed loads. */
bool arm_trans_ld_imm(DisasContext *dc, const ArmArgLdstImm *a, MemOp mo);
bool arm_trans_st_imm(DisasContext *dc, const ArmArgLdstImm *a, MemOp mo);
bool arm_trans_ld_reg(DisasContext *dc, const ArmArgLdstReg *a, MemOp mo);
bool arm_trans_st_reg(DisasContext *dc, const ArmArgLdstReg *a, MemOp mo);

/* LDRD/STRD: rt and rt2 (A32: rt2 = rt + 1; T32: any). */
typedef struct ArmArgLdstDImm { int rt, rt2, rn; uint32_t imm; bool p, u, w; } ArmArgLdstDImm;
typedef struct ArmArgLdstDReg { int rt, rt2, rn, rm; bool p, u, w; } ArmArgLdstDReg;
bool arm_trans_ldrd_imm(DisasContext *dc, const ArmArgLdstDImm *a);
bool arm_trans_strd_imm(DisasContext *dc, const ArmArgLdstDImm *a);
bool arm_trans_ldrd_reg(DisasContext *dc, const ArmArgLdstDReg *a);
bool arm_trans_strd_reg(DisasContext *dc, const ArmArgLdstDReg *a);

/* LDM/STM (and PUSH/POP): inc = increment (IA/IB), before = IB/DB. */
typedef struct ArmArgLdm { int rn; uint32_t list; bool w, inc, before; } ArmArgLdm;
bool arm_trans_ldm(DisasContext *dc, const ArmArgLdm *a);
bool arm_trans_stm(DisasContext *dc, const ArmArgLdm *a);

/* Exclusives: LDREX{B,H,D} rt[, rt2], [rn, #imm]; STREX{B,H,D} rd, rt[, rt2], [rn, #imm]. */
typedef struct ArmArgExcl { int rd, rt, rt2, rn; uint32_t imm; } ArmArgExcl;
bool arm_trans_ldrex(DisasContext *dc, const ArmArgExcl *a, MemOp mo);  /* MO_64: ldrexd */
bool arm_trans_strex(DisasContext *dc, const ArmArgExcl *a, MemOp mo);
bool arm_trans_clrex(DisasContext *dc);
/* SWP/SWPB rt, rt2, [rn] (A32 only): rt = [rn]; [rn] = rt2, atomically. */
bool arm_trans_swp(DisasContext *dc, int rt, int rt2, int rn, MemOp mo);

/* ---- branches and exceptions ---- */
/* offset is relative to the PC value read by the instruction (pc+8 / pc+4). */
bool arm_trans_b(DisasContext *dc, int32_t offset);
bool arm_trans_bl(DisasContext *dc, int32_t offset);
/* BLX immediate: switches instruction set; target computed from Align(PC,4)
 * when leaving Thumb. */
bool arm_trans_blx_imm(DisasContext *dc, int32_t offset);
bool arm_trans_bx(DisasContext *dc, int rm);
bool arm_trans_blx_reg(DisasContext *dc, int rm);
bool arm_trans_svc(DisasContext *dc, uint32_t imm);
bool arm_trans_bkpt(DisasContext *dc, uint32_t imm);
bool arm_trans_udf(DisasContext *dc);
/* NOP, YIELD, WFE, WFI, SEV, PLD, PLI, DBG: no effect in user mode. */
bool arm_trans_nop(DisasContext *dc);
/* DMB/DSB (option field), ISB. */
bool arm_trans_dmb(DisasContext *dc, int option);
bool arm_trans_dsb(DisasContext *dc, int option);
bool arm_trans_isb(DisasContext *dc);

/* ---- status registers and coprocessors ---- */
bool arm_trans_mrs_apsr(DisasContext *dc, int rd);
/* mask: bit 3 = nzcvq (write APSR[31:27]), bit 2 = g (GE bits). */
bool arm_trans_msr_reg(DisasContext *dc, int mask, int rn);
bool arm_trans_msr_imm(DisasContext *dc, int mask, uint32_t imm);
/* The coprocessor space, given in A32 form (bits 31:28 = 0xE for the
 * conditional-space encodings; Thumb passes T32 coprocessor instructions
 * with hw1[12] (T) = 0 as cond 0xE and T = 1 as 0xF): VFP loads, stores,
 * register moves, VMRS/VMSR, and MRC/MCR p15 (TPIDRURO, TPIDRURW). */
bool arm_trans_coproc(DisasContext *dc, uint32_t insn_a32);

/* ---- media (translate_media.c) ---- */
/* Parallel add/subtract: prefix and operation of the ARMv6 family. */
enum { ARM_PAR_S, ARM_PAR_Q, ARM_PAR_SH, ARM_PAR_U, ARM_PAR_UQ, ARM_PAR_UH };
enum { ARM_PAR_ADD16, ARM_PAR_ASX, ARM_PAR_SAX, ARM_PAR_SUB16, ARM_PAR_ADD8, ARM_PAR_SUB8 };
bool arm_trans_parallel(DisasContext *dc, const ArmArgRRR *a, int prefix, int op);
/* SEL: bytes from rn where GE[i] is set, else from rm. */
bool arm_trans_sel(DisasContext *dc, const ArmArgRRR *a);
/* USAD8 (ra == 15) / USADA8: sum of absolute byte differences [+ ra]. */
bool arm_trans_usad8(DisasContext *dc, const ArmArgMul *a);
/* SSAT/USAT rd, #satimm, rn {, LSL/ASR #shimm}: sh = 1 for ASR.
 * SSAT saturates to satimm+1 bits (the encoded field), USAT to satimm bits.
 * SSAT16/USAT16 use the same struct without the shift. */
typedef struct ArmArgSat { int rd, rn, satimm, sh, shimm; } ArmArgSat;
bool arm_trans_sat(DisasContext *dc, const ArmArgSat *a, bool is_signed);
bool arm_trans_sat16(DisasContext *dc, const ArmArgSat *a, bool is_signed);
/* PKHBT rd, rn, rm, LSL #shimm (tb false) / PKHTB rd, rn, rm, ASR #shimm
 * (tb true; #0 encodes #32): one halfword from rn, the other from the
 * shifted rm. */
bool arm_trans_pkh(DisasContext *dc, const ArmArgRRR *a, bool tb, int shimm);
/* SXTB16/UXTB16 (rn == 15) and SXTAB16/UXTAB16: bytes 0 and 2 of the
 * rotated rm, extended to halfwords [and added to rn's halfwords]. */
bool arm_trans_extend16(DisasContext *dc, const ArmArgExtend *a, bool is_signed);

/* Flags (8 N, 4 Z, 2 C, 1 V) that the straight-line code at (pc, thumb)
 * overwrites before reading, scanning only within page (flags_live.c). */
unsigned arm_flags_killed_at(uint32_t pc, bool thumb, uint32_t itstate, uint32_t page);

/* ---- block loop hooks ---- */
/* Translate one A32 instruction at dc->pc (sets dc->next_pc). */
void arm_translate_a32_insn(DisasContext *dc);
/* Translate one Thumb instruction at dc->pc (16 or 32 bits; handles IT). */
void arm_translate_thumb_insn(DisasContext *dc);
/* Compile decoder tables (called from arm_translate_init). */
void arm_decode_a32_init(void);
void arm_decode_thumb_init(void);

/* ---- shared helpers added with the A32 frontend ---- */
/* The PC value an instruction reads: pc + 8 (ARM) or pc + 4 (Thumb). */
uint32_t arm_pc_read(const DisasContext *dc);
/* mo with MO_BSWAP added for multi-byte accesses in big-endian data mode. */
MemOp arm_data_memop(const DisasContext *dc, MemOp mo);
/* Code fetch: the page of addr is readable and executable; the fetch
 * functions read little-endian and expect a fetchable address. */
bool arm_code_fetchable(uint32_t addr);
uint32_t arm_fetch32(uint32_t addr);
uint16_t arm_fetch16(uint32_t addr);
/* SETEND: write CPSR.E and end the block (endianness is a block flag). */
bool arm_trans_setend(DisasContext *dc, bool big_endian);
/* MRC/MCR p15 in A32 form (TPIDRURW, TPIDRURO); called by arm_trans_coproc. */
bool arm_trans_cp15(DisasContext *dc, uint32_t insn_a32);
/* A block in the kuser helper page (translate_sys.c). */
void arm_gen_kuser(DisasContext *dc);
/* Saturating QADD/QSUB/QDADD/QDSUB rd, rm, rn (ARM ARM operand order):
 * rd = sat(rm +/- (dbl ? sat(2 * rn) : rn)), Q set when saturating. */
bool arm_trans_qaddsub(DisasContext *dc, const ArmArgRRR *a, bool sub, bool dbl);
/* Signed multiplies of the DSP extension.  nhi/mhi select the top halves
 * of rn/rm, swap exchanges the halves of rm (the X bit), round is the R
 * bit; ra == 15 selects the forms without accumulate (SMULxy, SMULWy,
 * SMUAD/SMUSD, SMMUL).  Q is set as the ARM ARM says (SMLAxy, SMLAWy,
 * SMLAD/SMLSD, SMUAD overflow). */
bool arm_trans_smlaxy(DisasContext *dc, const ArmArgMul *a, bool nhi, bool mhi);
bool arm_trans_smlawy(DisasContext *dc, const ArmArgMul *a, bool mhi);
bool arm_trans_smlalxy(DisasContext *dc, const ArmArgMulL *a, bool nhi, bool mhi);
bool arm_trans_smlad(DisasContext *dc, const ArmArgMul *a, bool sub, bool swap);
bool arm_trans_smlald(DisasContext *dc, const ArmArgMulL *a, bool sub, bool swap);
bool arm_trans_smmla(DisasContext *dc, const ArmArgMul *a, bool sub, bool round);
/* The compiled A32 table (for tests). */
const struct DecodeEntry *arm_decode_a32_table(void);

/* ---- Thumb decoder internals (decode_thumb.c, decode_t16.c, decode_t32.c) ---- */
/* One Thumb instruction being decoded. */
typedef struct ThumbInsn {
    uint32_t insn;                   /* T16: the halfword; T32: hw1 << 16 | hw2 */
    const struct DecodeEntry *e;     /* matching table entry */
    uint32_t it;                     /* ITSTATE of this insn (0 outside IT) */
} ThumbInsn;
/* Table handler: returns false for UNDEFINED/UNPREDICTABLE/unsupported
 * encodings, for which the caller emits arm_gen_undef. */
typedef bool ArmThumbHandler(DisasContext *dc, const ThumbInsn *t);

void arm_decode_t16_init(void);
void arm_decode_t32_init(void);
/* The table entry matching a T16 / T32 encoding, or NULL. */
const struct DecodeEntry *arm_decode_t16_lookup(uint32_t insn);
const struct DecodeEntry *arm_decode_t32_lookup(uint32_t insn);
/* Field of the current instruction (decode_field on t->e). */
uint32_t arm_thumb_field(const ThumbInsn *t, char letter);
/* InITBlock() && !LastInITBlock(): where branches are UNPREDICTABLE. */
bool arm_thumb_it_not_last(const ThumbInsn *t);
/* ITAdvance. */
uint32_t arm_thumb_it_advance(uint32_t itstate);
/* ThumbExpandImm of imm12; false when the encoding is UNPREDICTABLE. */
bool arm_thumb_expand_imm(uint32_t imm12, uint32_t *imm);
/* Offsets (from PC = insn address + 4) of T32 B T4/BL/BLX and B<c> T3. */
int32_t arm_t32_branch_offset(uint32_t insn);
int32_t arm_t32_bcond_offset(uint32_t insn);

#endif
