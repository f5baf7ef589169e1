/*
 * Builder functions: one small inline function per IR op, so frontends
 * write ir_add_i32(b, d, x, y) rather than filling IROps by hand.
 * Included by ir.h; not meant to be included on its own.
 */
#ifndef FERRY_TCG_IR_GEN_H
#define FERRY_TCG_IR_GEN_H

static inline void ir_op0c(IRBlock *b, IROpc opc, uint64_t c0)
{
    uint64_t a[] = { c0 };
    ir_emit_args(b, opc, a);
}

static inline void ir_op2(IRBlock *b, IROpc opc, IRTemp x, IRTemp y)
{
    uint64_t a[] = { x, y };
    ir_emit_args(b, opc, a);
}

static inline void ir_op3(IRBlock *b, IROpc opc, IRTemp x, IRTemp y, IRTemp z)
{
    uint64_t a[] = { x, y, z };
    ir_emit_args(b, opc, a);
}

/* Shapes used by many ops: d = f(x) and d = f(x, y). */
#define IR_GEN_O1I1(op)                                                     \
    static inline void ir_##op(IRBlock *b, IRTemp d, IRTemp x)             \
    {                                                                       \
        ir_op2(b, IR_##op, d, x);                                           \
    }
#define IR_GEN_O1I2(op)                                                     \
    static inline void ir_##op(IRBlock *b, IRTemp d, IRTemp x, IRTemp y)   \
    {                                                                       \
        ir_op3(b, IR_##op, d, x, y);                                        \
    }

IR_GEN_O1I1(mov_i32)
IR_GEN_O1I1(mov_i64)
IR_GEN_O1I2(add_i32)
IR_GEN_O1I2(sub_i32)
IR_GEN_O1I2(mul_i32)
IR_GEN_O1I2(and_i32)
IR_GEN_O1I2(or_i32)
IR_GEN_O1I2(xor_i32)
IR_GEN_O1I2(andc_i32)
IR_GEN_O1I2(shl_i32)
IR_GEN_O1I2(shr_i32)
IR_GEN_O1I2(sar_i32)
IR_GEN_O1I2(rotr_i32)
IR_GEN_O1I2(rotl_i32)
IR_GEN_O1I1(neg_i32)
IR_GEN_O1I1(not_i32)
IR_GEN_O1I2(divs_i32)
IR_GEN_O1I2(divu_i32)
IR_GEN_O1I2(rems_i32)
IR_GEN_O1I2(remu_i32)
IR_GEN_O1I1(clz_i32)
IR_GEN_O1I1(ctz_i32)
IR_GEN_O1I1(bswap32_i32)
IR_GEN_O1I1(bswap16_i32)
IR_GEN_O1I1(ext8s_i32)
IR_GEN_O1I1(ext8u_i32)
IR_GEN_O1I1(ext16s_i32)
IR_GEN_O1I1(ext16u_i32)
IR_GEN_O1I2(add_i64)
IR_GEN_O1I2(sub_i64)
IR_GEN_O1I2(mul_i64)
IR_GEN_O1I2(and_i64)
IR_GEN_O1I2(or_i64)
IR_GEN_O1I2(xor_i64)
IR_GEN_O1I2(shl_i64)
IR_GEN_O1I2(shr_i64)
IR_GEN_O1I2(sar_i64)
IR_GEN_O1I1(neg_i64)
IR_GEN_O1I1(not_i64)
IR_GEN_O1I1(extu_i32_i64)
IR_GEN_O1I1(exts_i32_i64)
IR_GEN_O1I1(extrl_i64_i32)
IR_GEN_O1I1(extrh_i64_i32)
IR_GEN_O1I2(concat_i32_i64)

#undef IR_GEN_O1I1
#undef IR_GEN_O1I2

/* The guest register g is dead from here: its current value need not be
 * kept or written back. */
static inline void ir_discard_i32(IRBlock *b, IRTemp g)
{
    uint64_t a[] = { g };
    ir_emit_args(b, IR_discard_i32, a);
}

static inline void ir_insn_start(IRBlock *b, uint32_t pc)
{
    ir_op0c(b, IR_insn_start, pc);
}

static inline void ir_extract_i32(IRBlock *b, IRTemp d, IRTemp x, unsigned pos, unsigned len)
{
    uint64_t a[] = { d, x, pos, len };
    ir_emit_args(b, IR_extract_i32, a);
}

static inline void ir_sextract_i32(IRBlock *b, IRTemp d, IRTemp x, unsigned pos, unsigned len)
{
    uint64_t a[] = { d, x, pos, len };
    ir_emit_args(b, IR_sextract_i32, a);
}

/* d = x with bits [pos, pos+len) replaced by the low len bits of y. */
static inline void ir_deposit_i32(IRBlock *b, IRTemp d, IRTemp x, IRTemp y,
                                  unsigned pos, unsigned len)
{
    uint64_t a[] = { d, x, y, pos, len };
    ir_emit_args(b, IR_deposit_i32, a);
}

static inline void ir_setcond_i32(IRBlock *b, IRCond c, IRTemp d, IRTemp x, IRTemp y)
{
    uint64_t a[] = { d, x, y, c };
    ir_emit_args(b, IR_setcond_i32, a);
}

static inline void ir_setcond_i64(IRBlock *b, IRCond c, IRTemp d, IRTemp x, IRTemp y)
{
    uint64_t a[] = { d, x, y, c };
    ir_emit_args(b, IR_setcond_i64, a);
}

/* d = (x c y) ? v1 : v2 */
static inline void ir_movcond_i32(IRBlock *b, IRCond c, IRTemp d, IRTemp x, IRTemp y,
                                  IRTemp v1, IRTemp v2)
{
    uint64_t a[] = { d, x, y, v1, v2, c };
    ir_emit_args(b, IR_movcond_i32, a);
}

/* (lo, hi) = x * y, 64-bit product of 32-bit operands. */
static inline void ir_mulu2_i32(IRBlock *b, IRTemp lo, IRTemp hi, IRTemp x, IRTemp y)
{
    uint64_t a[] = { lo, hi, x, y };
    ir_emit_args(b, IR_mulu2_i32, a);
}

static inline void ir_muls2_i32(IRBlock *b, IRTemp lo, IRTemp hi, IRTemp x, IRTemp y)
{
    uint64_t a[] = { lo, hi, x, y };
    ir_emit_args(b, IR_muls2_i32, a);
}

/* (d, cout) = x + y + cin */
static inline void ir_addc_i32(IRBlock *b, IRTemp d, IRTemp cout, IRTemp x, IRTemp y,
                               IRTemp cin)
{
    uint64_t a[] = { d, cout, x, y, cin };
    ir_emit_args(b, IR_addc_i32, a);
}

/* (d, cout) = x + ~y + cin */
static inline void ir_subc_i32(IRBlock *b, IRTemp d, IRTemp cout, IRTemp x, IRTemp y,
                               IRTemp cin)
{
    uint64_t a[] = { d, cout, x, y, cin };
    ir_emit_args(b, IR_subc_i32, a);
}

static inline void ir_ld_i32(IRBlock *b, IRTemp d, IRTemp addr, MemOp mo)
{
    uint64_t a[] = { d, addr, mo };
    ir_emit_args(b, IR_ld_i32, a);
}

static inline void ir_st_i32(IRBlock *b, IRTemp val, IRTemp addr, MemOp mo)
{
    uint64_t a[] = { val, addr, mo };
    ir_emit_args(b, IR_st_i32, a);
}

static inline void ir_ld_i64(IRBlock *b, IRTemp d, IRTemp addr, MemOp mo)
{
    uint64_t a[] = { d, addr, mo };
    ir_emit_args(b, IR_ld_i64, a);
}

static inline void ir_st_i64(IRBlock *b, IRTemp val, IRTemp addr, MemOp mo)
{
    uint64_t a[] = { val, addr, mo };
    ir_emit_args(b, IR_st_i64, a);
}

static inline void ir_cmpxchg_i32(IRBlock *b, IRTemp old, IRTemp addr, IRTemp expected,
                                  IRTemp newv, MemOp mo)
{
    uint64_t a[] = { old, addr, expected, newv, mo };
    ir_emit_args(b, IR_cmpxchg_i32, a);
}

static inline void ir_cmpxchg_i64(IRBlock *b, IRTemp old, IRTemp addr, IRTemp expected,
                                  IRTemp newv, MemOp mo)
{
    uint64_t a[] = { old, addr, expected, newv, mo };
    ir_emit_args(b, IR_cmpxchg_i64, a);
}

static inline void ir_xchg_i32(IRBlock *b, IRTemp old, IRTemp addr, IRTemp v, MemOp mo)
{
    uint64_t a[] = { old, addr, v, mo };
    ir_emit_args(b, IR_xchg_i32, a);
}

static inline void ir_mb(IRBlock *b, unsigned kind) { ir_op0c(b, IR_mb, kind); }

static inline void ir_ld_env_i32(IRBlock *b, IRTemp d, int32_t off)
{
    uint64_t a[] = { d, (uint64_t)(int64_t)off };
    ir_emit_args(b, IR_ld_env_i32, a);
}

static inline void ir_st_env_i32(IRBlock *b, IRTemp v, int32_t off)
{
    uint64_t a[] = { v, (uint64_t)(int64_t)off };
    ir_emit_args(b, IR_st_env_i32, a);
}

static inline void ir_ld_env_i64(IRBlock *b, IRTemp d, int32_t off)
{
    uint64_t a[] = { d, (uint64_t)(int64_t)off };
    ir_emit_args(b, IR_ld_env_i64, a);
}

static inline void ir_st_env_i64(IRBlock *b, IRTemp v, int32_t off)
{
    uint64_t a[] = { v, (uint64_t)(int64_t)off };
    ir_emit_args(b, IR_st_env_i64, a);
}

static inline void ir_label(IRBlock *b, uint32_t label) { ir_op0c(b, IR_label, label); }
static inline void ir_br(IRBlock *b, uint32_t label) { ir_op0c(b, IR_br, label); }

static inline void ir_brcond_i32(IRBlock *b, IRCond c, IRTemp x, IRTemp y, uint32_t label)
{
    uint64_t a[] = { x, y, c, label };
    ir_emit_args(b, IR_brcond_i32, a);
}

/* Chain to the block (pc, flags) through exit slot 0 or 1.  The frontend
 * has already written the pc and decode state of the target into env. */
static inline void ir_goto_tb(IRBlock *b, unsigned slot, uint32_t pc, uint32_t flags)
{
    uint64_t a[] = { slot, pc | (uint64_t)flags << 32 };
    ir_emit_args(b, IR_goto_tb, a);
}

static inline void ir_exit_tb(IRBlock *b, unsigned code) { ir_op0c(b, IR_exit_tb, code); }

/* Jump to the block for (pc, flags) via the jump cache, else to the loop. */
static inline void ir_lookup_goto(IRBlock *b, IRTemp pc, IRTemp flags)
{
    ir_op2(b, IR_lookup_goto, pc, flags);
}

/* env[d] = env[a] op env[b] in single (dbl = false) or double precision. */
static inline void ir_fop(IRBlock *b, bool dbl, unsigned op, int32_t d, int32_t a, int32_t c,
                          FPSlowPath *slow)
{
    uint64_t args[] = { op, (uint64_t)d, (uint64_t)a, (uint64_t)c, (uint64_t)(uintptr_t)slow };
    ir_emit_args(b, dbl ? IR_fop_f64 : IR_fop_f32, args);
}

static inline void ir_fcvt(IRBlock *b, unsigned kind, int32_t d, int32_t a, FPSlowPath *slow)
{
    uint64_t args[] = { kind, (uint64_t)d, (uint64_t)a, (uint64_t)(uintptr_t)slow };
    ir_emit_args(b, IR_fcvt, args);
}

/* rel = FCMP_REL_* of env[a] and env[c] (or +0.0 with FCMP_WITH_ZERO). */
static inline void ir_fcmp(IRBlock *b, bool dbl, IRTemp rel, unsigned flags, int32_t a,
                           int32_t c)
{
    uint64_t args[] = { rel, flags, (uint64_t)a, (uint64_t)c };
    ir_emit_args(b, dbl ? IR_fcmp_f64 : IR_fcmp_f32, args);
}

/* Vector operation on env registers (tcg/vecop.h): what = VOP_WHAT(...). */
static inline void ir_vop(IRBlock *b, uint32_t what, int32_t d, int32_t a, int32_t c,
                          VecRef *ref)
{
    uint64_t args[] = { what, (uint64_t)d, (uint64_t)a, (uint64_t)c, (uint64_t)(uintptr_t)ref };
    ir_emit_args(b, IR_vop, args);
}

/* Call a helper: ret may be 0 (no result) when h->ret is IR_VOID. */
void ir_call(IRBlock *b, const IRHelper *h, IRTemp ret, const IRTemp *args);
static inline void ir_call0(IRBlock *b, const IRHelper *h, IRTemp ret)
{
    ir_call(b, h, ret, NULL);
}

#endif
