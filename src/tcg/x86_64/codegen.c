/*
 * x86-64 backend: block code generation, control flow, helper calls, the
 * entry/exit trampolines, and fault-time state recovery.
 *
 * Layout of a block's code:
 *     cmp dword [r14 + exit_request], 0 ; jne exit_requested_stub
 *     ... ops ...
 *     goto_tb n:   jmp rel32 (4-byte aligned field; patched to chain)
 *                  stub: movabs rax, tb|n ; jmp epilogue
 *
 * Generated code is entered through the prologue, which saves the
 * callee-saved registers, loads env into r14 and guest_base into r15 and
 * jumps to the block; every exit ends in the epilogue with the exit word
 * in rax.
 */
#include <capstone/capstone.h>
#include <cpuid.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/guestmem.h"
#include "tcg/backend.h"
#include "tcg/x86_64/x86_internal.h"

uint8_t *x86_epilogue;
uint8_t *x86_exit_requested_stub;
bool x86_have_lzcnt, x86_have_bmi1, x86_have_movbe;
static uint8_t *x86_prologue;

static void detect_features(void)
{
    unsigned a, b, c, d;
    if (__get_cpuid(1, &a, &b, &c, &d))
        x86_have_movbe = (c >> 22) & 1;
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        x86_have_lzcnt = (c >> 5) & 1;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
        x86_have_bmi1 = (b >> 3) & 1;
}

static const int8_t saved_regs[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

void x86_backend_init(uint8_t *buf, size_t size, uint8_t **code_start)
{
    detect_features();
    X86Buf b = { .p = buf, .end = buf + size };
    x86_prologue = b.p;
    for (size_t i = 0; i < sizeof(saved_regs); i++)
        x86_push(&b, saved_regs[i]);
    x86_alu_ri(&b, X86_SUB, true, X86_RSP, X86_FRAME);
    x86_mov_rr(&b, true, X86_ENV_REG, X86_RDI);
    x86_mov_ri(&b, X86_GBASE_REG, guest_base);
    x86_jmp_r(&b, X86_RSI);

    x86_nops(&b, (int)((16 - ((uintptr_t)b.p & 15)) & 15));
    x86_epilogue = b.p;
    x86_alu_ri(&b, X86_ADD, true, X86_RSP, X86_FRAME);
    for (size_t i = sizeof(saved_regs); i-- > 0;)
        x86_pop(&b, saved_regs[i]);
    x86_ret(&b);

    x86_nops(&b, (int)((16 - ((uintptr_t)b.p & 15)) & 15));
    x86_exit_requested_stub = b.p;
    x86_mov_ri(&b, X86_RAX, EXIT_REQUESTED);
    x86_jmp_to(&b, x86_epilogue);
    x86_nops(&b, (int)((16 - ((uintptr_t)b.p & 15)) & 15));
    FERRY_ASSERT(!b.overflow);
    *code_start = b.p;
}

uintptr_t x86_exec(void *env, const uint8_t *code)
{
    uintptr_t (*enter)(void *, const uint8_t *) =
        (uintptr_t (*)(void *, const uint8_t *))(void *)x86_prologue;
    return enter(env, code);
}

void x86_patch_jump(uint8_t *field, const uint8_t *target)
{
    int32_t rel = (int32_t)(target - (field + 4));
    __atomic_store_n((int32_t *)field, rel, __ATOMIC_RELEASE);
}

/* ---- labels ---- */

static void add_fix(CodeGen *cg, uint8_t *field, uint32_t label)
{
    if (!field)
        return;
    if (cg->nfixes == cg->cap_fixes) {
        cg->cap_fixes = cg->cap_fixes ? cg->cap_fixes * 2 : 16;
        cg->fixes = realloc(cg->fixes, cg->cap_fixes * sizeof(LabelFix));
        if (!cg->fixes)
            ferry_fatal("out of memory");
    }
    cg->fixes[cg->nfixes++] = (LabelFix){ field, label };
}

static void bind_label(CodeGen *cg, uint32_t label)
{
    cg->label_addr[label] = cg->buf.p;
    for (uint32_t i = 0; i < cg->nfixes; i++) {
        if (cg->fixes[i].label == label && cg->fixes[i].field)
            x86_patch_rel32(cg->fixes[i].field, cg->buf.p);
    }
}

/* ---- control flow ---- */

static void jump_to_epilogue(CodeGen *cg)
{
    uint8_t *f = x86_jmp32(&cg->buf);
    if (f && x86_rel32_reaches(f, x86_epilogue)) {
        x86_patch_rel32(f, x86_epilogue);
    } else if (f) {
        /* cannot happen: the epilogue is at the start of the code buffer */
        ferry_fatal("internal error: epilogue out of reach");
    }
}

static void emit_goto_tb(CodeGen *cg, const IROp *op)
{
    int slot = (int)op->args[0];
    X86Buf *buf = &cg->buf;
    ra_sync_globals(cg);
    /* the rel32 field must be 4-byte aligned so patching it is atomic */
    int pad = (int)((4 - (((uintptr_t)buf->p + 1) & 3)) & 3);
    x86_nops(buf, pad);
    uint8_t *field = x86_jmp32(buf);
    if (!field)
        return;
    x86_patch_rel32(field, buf->p);
    cg->tb->jmp_field[slot] = (uint32_t)(field - cg->start);
    cg->tb->jmp_stub[slot] = (uint32_t)(buf->p - cg->start);
    /* unchained: the loop needs the target pc in env (goto_tb defines it) */
    if (cg->b->ctx->pc_global) {
        ra_forget(cg, cg->b->ctx->pc_global);
        x86_store_imm(buf, ra_home(cg, cg->b->ctx->pc_global), (int32_t)(uint32_t)op->args[1], 4);
    }
    x86_mov_ri(buf, X86_RAX, (uintptr_t)cg->tb | (uintptr_t)slot);
    jump_to_epilogue(cg);
}

static void emit_exit_tb(CodeGen *cg, const IROp *op)
{
    ra_sync_globals(cg);
    x86_mov_ri(&cg->buf, X86_RAX, op->args[0]);
    jump_to_epilogue(cg);
}

/* Indirect branch: inline jump-cache probe, else back to the loop. */
static void emit_lookup_goto(CodeGen *cg, const IROp *op)
{
    X86Buf *buf = &cg->buf;
    int rpc = ra_load(cg, ir_op_in(op, 0), X86_ALLOCATABLE);
    int rfl = ra_load(cg, ir_op_in(op, 1), X86_ALLOCATABLE);
    ra_sync_globals(cg);
    int key = ra_alloc(cg, X86_ALLOCATABLE);
    int idx = ra_alloc(cg, X86_ALLOCATABLE);
    int jc = ra_alloc(cg, X86_ALLOCATABLE);
    x86_mov_rr(buf, false, key, rfl);
    x86_shift_ri(buf, X86_SHL, true, key, 32);
    x86_alu_rr(buf, X86_OR, true, key, rpc);
    x86_mov_rr(buf, false, idx, rpc);
    x86_shift_ri(buf, X86_SHR, false, idx, 1);
    x86_alu_ri(buf, X86_AND, false, idx, JC_SIZE - 1);
    x86_shift_ri(buf, X86_SHL, false, idx, 4);
    x86_load(buf, jc, x86_mem(X86_ENV_REG, offsetof(CPUCommon, jc)), 8, false, true);
    x86_alu_rm(buf, X86_CMP, true, key, x86_mem_bi(jc, idx, 0));
    uint8_t *miss = x86_jcc32(buf, X86_CC_NE);
    x86_jmp_m(buf, x86_mem_bi(jc, idx, 8));
    x86_patch_rel32(miss, buf->p);
    x86_mov_ri(buf, X86_RAX, EXIT_LOOKUP);
    jump_to_epilogue(cg);
}

static void emit_brcond(CodeGen *cg, const IROp *op)
{
    IRCond c = (IRCond)ir_op_const(op, 0);
    uint32_t label = (uint32_t)ir_op_const(op, 1);
    IRTemp a = ir_op_in(op, 0), b = ir_op_in(op, 1);
    X86Buf *buf = &cg->buf;
    if (cg_is_const(cg, a) && !cg_is_const(cg, b)) {
        IRTemp t = a;
        a = b;
        b = t;
        c = ir_cond_swap(c);
    }
    int ra = ra_load(cg, a, X86_ALLOCATABLE);
    int32_t imm = 0;
    bool is_imm = cg_imm32(cg, b, false, &imm);
    int rb = is_imm ? -1 : ra_load(cg, b, X86_ALLOCATABLE);
    ra_sync_globals(cg);
    ra_snapshot_for_label(cg, label);
    bool tst = c == IR_COND_TSTEQ || c == IR_COND_TSTNE;
    if (is_imm)
        tst ? x86_test_ri(buf, false, ra, imm) : x86_alu_ri(buf, X86_CMP, false, ra, imm);
    else
        tst ? x86_test_rr(buf, false, ra, rb) : x86_alu_rr(buf, X86_CMP, false, ra, rb);
    add_fix(cg, x86_jcc32(buf, cg_x86_cond(c)), label);
}

static void emit_call(CodeGen *cg, const IROp *op)
{
    static const int8_t arg_regs[] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };
    const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
    X86Buf *buf = &cg->buf;
    if (h->flags & (IRH_READS_GLOBALS | IRH_WRITES_GLOBALS | IRH_NORETURN))
        ra_sync_globals(cg);
    ra_spill_caller_saved(cg);
    for (int i = 0; i < op->nin; i++) {
        ra_copy_to(cg, ir_op_in(op, i), arg_regs[i]);
        cg->locked |= REGMASK(arg_regs[i]);
    }
    uint8_t *f = x86_call32(buf);
    if (f && x86_rel32_reaches(f, h->fn)) {
        x86_patch_rel32(f, h->fn);
    } else if (f) {
        buf->p = f - 1;   /* replace the call rel32 by an absolute call */
        x86_mov_ri(buf, X86_RAX, (uintptr_t)h->fn);
        x86_call_r(buf, X86_RAX);
    }
    cg->locked = 0;
    if (h->flags & IRH_WRITES_GLOBALS)
        ra_drop_globals(cg);
    if (op->nout) {
        IRTemp d = ir_op_out(op, 0);
        if (h->ret == IR_I32)
            x86_mov_rr(buf, false, X86_RAX, X86_RAX);
        ra_define(cg, d, X86_RAX);
    }
}

void emit_ctrl_op(CodeGen *cg, const IROp *op)
{
    switch ((IROpc)op->opc) {
    case IR_insn_start:
        cg->guest_pc = (uint32_t)op->args[0];
        break;
    case IR_discard_i32:
        ra_forget(cg, ir_op_out(op, 0));
        break;
    case IR_label:
        if (!cg->fallthrough_dead)
            ra_sync_globals(cg);
        ra_merge_at_label(cg, (uint32_t)op->args[0]);
        bind_label(cg, (uint32_t)op->args[0]);
        break;
    case IR_br:
        ra_sync_globals(cg);
        ra_snapshot_for_label(cg, (uint32_t)op->args[0]);
        add_fix(cg, x86_jmp32(&cg->buf), (uint32_t)op->args[0]);
        cg->fallthrough_dead = true;
        break;
    case IR_brcond_i32: emit_brcond(cg, op); break;
    case IR_goto_tb: emit_goto_tb(cg, op); cg->fallthrough_dead = true; break;
    case IR_exit_tb: emit_exit_tb(cg, op); cg->fallthrough_dead = true; break;
    case IR_lookup_goto: emit_lookup_goto(cg, op); cg->fallthrough_dead = true; break;
    case IR_call: emit_call(cg, op); break;
    default:
        ferry_fatal("internal error: no emitter for %s", ir_op_defs[op->opc].name);
    }
}

/* ---- blocks ---- */

static bool is_ctrl(IROpc opc)
{
    switch (opc) {
    case IR_insn_start: case IR_discard_i32: case IR_label: case IR_br: case IR_brcond_i32:
    case IR_goto_tb: case IR_exit_tb: case IR_lookup_goto: case IR_call:
        return true;
    default:
        return false;
    }
}

static bool is_mem(IROpc opc)
{
    switch (opc) {
    case IR_ld_i32: case IR_st_i32: case IR_ld_i64: case IR_st_i64:
    case IR_cmpxchg_i32: case IR_cmpxchg_i64: case IR_xchg_i32: case IR_mb:
    case IR_ld_env_i32: case IR_st_env_i32: case IR_ld_env_i64: case IR_st_env_i64:
        return true;
    default:
        return false;
    }
}

static bool is_fp(IROpc opc)
{
    return opc == IR_fop_f32 || opc == IR_fop_f64 || opc == IR_fcvt ||
           opc == IR_fcmp_f32 || opc == IR_fcmp_f64;
}

bool x86_gen_block(IRBlock *b, TranslationBlock *tb, uint8_t *buf, size_t size)
{
    CodeGen cg = { .buf = { .p = buf, .end = buf + size }, .start = buf, .b = b, .tb = tb };
    cg.loc = calloc(b->ntemps + 1, sizeof(TempLoc));
    cg.label_addr = calloc(b->nlabels + 1, sizeof(uint8_t *));
    cg.label_snap = calloc(b->nlabels + 1, sizeof(*cg.label_snap));
    cg.label_snap_set = calloc(b->nlabels + 1, sizeof(bool));
    if (!cg.loc || !cg.label_addr || !cg.label_snap || !cg.label_snap_set)
        ferry_fatal("out of memory");
    ra_init(&cg);

    x86_alu_mi(&cg.buf, X86_CMP, 4, x86_mem(X86_ENV_REG, offsetof(CPUCommon, exit_request)), 0);
    uint8_t *exit_req = x86_jcc32(&cg.buf, X86_CC_NE);

    for (uint32_t i = 0; i < b->nops && !cg.buf.overflow; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc == IR_nop)
            continue;
        cg.op = op;
        if (is_ctrl((IROpc)op->opc))
            emit_ctrl_op(&cg, op);
        else if (is_mem((IROpc)op->opc))
            emit_mem_op(&cg, op);
        else if (is_fp((IROpc)op->opc))
            emit_fp_op(&cg, op);
        else
            emit_alu_op(&cg, op);
        ra_op_done(&cg);
    }
    /* exit request at entry: the pc of a chained-to block is not in env yet */
    x86_patch_rel32(exit_req, cg.buf.p);
    if (b->ctx->pc_global)
        x86_store_imm(&cg.buf, x86_mem(X86_ENV_REG, b->temps[b->ctx->pc_global].env_offset),
                      (int32_t)b->pc, 4);
    x86_jmp_to(&cg.buf, x86_exit_requested_stub);
    bool ok = !cg.buf.overflow;
    free(cg.loc);
    free(cg.label_addr);
    free(cg.label_snap);
    free(cg.label_snap_set);
    free(cg.fixes);
    if (!ok) {
        free(cg.ft);
        return false;
    }
    tb->code_size = (uint32_t)(cg.buf.p - buf);
    tb->fault_tab = cg.ft;
    tb->fault_len = cg.ft_len;
    return true;
}

/* ---- faults ---- */

static uint64_t greg(const ucontext_t *uc, int reg)
{
    static const int map[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    return (uint64_t)uc->uc_mcontext.gregs[map[reg]];
}

bool x86_restore_state(const TranslationBlock *tb, const IRContext *ctx, void *env,
                       uintptr_t host_pc, const ucontext_t *uc, uint32_t *guest_pc)
{
    uint32_t want = (uint32_t)(host_pc - (uintptr_t)tb->code);
    const uint8_t *p = tb->fault_tab, *end = p + tb->fault_len;
    while (p < end) {
        uint32_t off, pc;
        memcpy(&off, p, 4);
        memcpy(&pc, p + 4, 4);
        uint8_t n = p[8];
        const uint8_t *pairs = p + 9;
        p = pairs + 2 * n;
        if (off != want)
            continue;
        for (int i = 0; i < n; i++) {
            const IRTempInfo *g = &ctx->globals[pairs[2 * i]];
            uint64_t v = greg(uc, pairs[2 * i + 1]);
            if (g->type == IR_I64)
                memcpy((char *)env + g->env_offset, &v, 8);
            else
                memcpy((char *)env + g->env_offset, &v, 4);
        }
        *guest_pc = pc;
        return true;
    }
    return false;
}

void x86_disas(FILE *f, const uint8_t *code, size_t size)
{
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  0x%012" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}
