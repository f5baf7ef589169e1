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

/*
 * Self-loops.  A block that branches back to its own start would normally
 * write its guest registers to env at the back edge and reload them at the
 * top, a store-to-load round trip on every iteration.  Instead the block is
 * generated twice: the first pass records which guest registers sit in
 * which host registers at the back edge; the second pass loads exactly
 * those at the top (the loop head), and at the back edge moves the current
 * values into them and jumps to the head without touching env.  At the head
 * the carried registers count as dirty, so every other exit, call and
 * fault table still sees them correctly.
 */
static bool pinned_anywhere(const CodeGen *cg, int32_t g)
{
    for (int r = 0; r < 16; r++) {
        if (cg->loop.pinned[r] == g)
            return true;
    }
    return false;
}

/* Register moves that put carried values in place without going through
 * env; returns true when it made progress. */
static bool back_edge_moves(CodeGen *cg)
{
    bool progress = false;
    for (int r = 0; r < 16; r++) {
        int8_t g = cg->loop.pinned[r];
        if (g < 0 || cg->reg_temp[r] == g || cg->loc[g].reg < 0)
            continue;
        int32_t occupant = cg->reg_temp[r];
        if (occupant >= 0 && cg->b->temps[occupant].kind == TEMP_GLOBAL)
            continue;           /* still needed: its own move comes first */
        ra_evict(cg, r);        /* a dead temp at most */
        int from = cg->loc[g].reg;
        bool valid = cg->loc[g].mem_valid;
        x86_mov_rr(&cg->buf, cg->b->temps[g].type != IR_I32, r, from);
        cg->reg_temp[from] = -1;
        cg->reg_temp[r] = g;
        cg->loc[g].reg = (int8_t)r;
        cg->loc[g].mem_valid = valid;
        progress = true;
    }
    return progress;
}

static void emit_back_edge(CodeGen *cg)
{
    X86Buf *buf = &cg->buf;
    /* guest registers the head does not carry go back to env */
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t >= 0 && cg->b->temps[t].kind == TEMP_GLOBAL && !pinned_anywhere(cg, t))
            ra_evict(cg, r);
    }
    while (back_edge_moves(cg))
        ;
    /* what is left (cycles, values only in env) goes through env */
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t >= 0 && cg->b->temps[t].kind == TEMP_GLOBAL && cg->loop.pinned[r] != t)
            ra_evict(cg, r);
    }
    for (int r = 0; r < 16; r++) {
        int8_t g = cg->loop.pinned[r];
        if (g < 0 || cg->reg_temp[r] == g)
            continue;
        ra_evict(cg, r);
        x86_load(buf, r, ra_home(cg, (IRTemp)g), cg->b->temps[g].type == IR_I32 ? 4 : 8,
                 false, cg->b->temps[g].type != IR_I32);
        cg->reg_temp[r] = g;
        cg->loc[g].reg = (int8_t)r;
    }
    x86_jmp_to(buf, cg->loop.head);
}

/* The guest registers a self-loop carries: the most used ones of the
 * first pass, in registers no op needs for itself.  Five: carrying more
 * leaves too few registers for the loop body's temporaries (measured with
 * instruction counts on the benchmarks: four to six is the sweet spot). */
static void choose_carried(CodeGen *cg)
{
    static const int8_t regs[] = { X86_RBX, X86_RBP, X86_R12, X86_R13, X86_RSI };
    bool taken[IR_MAX_GLOBALS] = { false };
    memset(cg->loop.pinned, -1, sizeof(cg->loop.pinned));
    for (size_t i = 0; i < sizeof(regs); i++) {
        int best = -1;
        for (uint32_t g = 1; g < cg->b->ctx->nglobals; g++) {
            if (taken[g] || !cg->loop.uses[g] || g == cg->b->ctx->pc_global ||
                cg->b->temps[g].type != IR_I32)
                continue;
            if (best < 0 || cg->loop.uses[g] > cg->loop.uses[best])
                best = (int)g;
        }
        if (best < 0)
            break;
        taken[best] = true;
        cg->loop.pinned[regs[i]] = (int8_t)best;
    }
}

static void emit_goto_tb(CodeGen *cg, const IROp *op)
{
    int slot = (int)op->args[0];
    X86Buf *buf = &cg->buf;
    if (op->args[1] == cg->loop.self_key) {
        if (cg->loop.carrying) {
            emit_back_edge(cg);
            return;
        }
    }
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
    bool tst = c == IR_COND_TSTEQ || c == IR_COND_TSTNE;
    if (is_imm)
        tst ? x86_test_ri(buf, false, ra, imm) : x86_alu_ri(buf, X86_CMP, false, ra, imm);
    else
        tst ? x86_test_rr(buf, false, ra, rb) : x86_alu_rr(buf, X86_CMP, false, ra, rb);
    /* Guest registers newer than env are written back on the taken edge
     * only: the fall-through (often a loop's hot path) keeps them. */
    uint8_t *skip = x86_jcc32(buf, x86_cc_invert(cg_x86_cond(c)));
    ra_store_dirty_globals(cg);
    ra_snapshot_for_label_stored(cg, label);
    add_fix(cg, x86_jmp32(buf), label);
    x86_patch_rel32(skip, buf->p);
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

static void emit_ops(CodeGen *cg)
{
    const IRBlock *b = cg->b;
    for (uint32_t i = 0; i < b->nops && !cg->buf.overflow; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc == IR_nop)
            continue;
        cg->op = op;
        if (is_ctrl((IROpc)op->opc))
            emit_ctrl_op(cg, op);
        else if (is_mem((IROpc)op->opc))
            emit_mem_op(cg, op);
        else if (is_fp((IROpc)op->opc))
            emit_fp_op(cg, op);
        else if (op->opc == IR_vop)
            emit_vec_op(cg, op);
        else
            emit_alu_op(cg, op);
        ra_op_done(cg);
    }
}

static X86Mem global_home(const CodeGen *cg, IRTemp g)
{
    return x86_mem(X86_ENV_REG, cg->b->temps[g].env_offset);
}

/* Loop head: load the carried registers, then the per-iteration exit
 * request check (the back edge jumps here). */
static void emit_loop_head(CodeGen *cg)
{
    X86Buf *buf = &cg->buf;
    for (int r = 0; r < 16; r++) {
        int8_t g = cg->loop.pinned[r];
        if (g < 0)
            continue;
        bool w64 = cg->b->temps[g].type != IR_I32;
        x86_load(buf, r, global_home(cg, (IRTemp)g), w64 ? 8 : 4, false, w64);
        cg->reg_temp[r] = g;
        cg->loc[g].reg = (int8_t)r;
    }
    cg->loop.head = buf->p;
    x86_alu_mi(buf, X86_CMP, 4, x86_mem(X86_ENV_REG, offsetof(CPUCommon, exit_request)), 0);
    cg->loop.head_exit = x86_jcc32(buf, X86_CC_NE);
    /* from here on the carried values may be newer than env */
    for (int r = 0; r < 16; r++) {
        if (cg->loop.pinned[r] >= 0)
            cg->loc[cg->loop.pinned[r]].mem_valid = false;
    }
}

/* One code generation pass; returns false on overflow. */
static bool gen_pass(CodeGen *cg)
{
    const IRBlock *b = cg->b;
    ra_init(cg);
    x86_alu_mi(&cg->buf, X86_CMP, 4, x86_mem(X86_ENV_REG, offsetof(CPUCommon, exit_request)), 0);
    uint8_t *exit_req = x86_jcc32(&cg->buf, X86_CC_NE);
    if (cg->loop.carrying)
        emit_loop_head(cg);
    emit_ops(cg);
    /* exit request at a loop head: write the carried registers back */
    if (cg->loop.carrying) {
        x86_patch_rel32(cg->loop.head_exit, cg->buf.p);
        for (int r = 0; r < 16; r++) {
            int8_t g = cg->loop.pinned[r];
            if (g >= 0)
                x86_store(&cg->buf, global_home(cg, (IRTemp)g), r,
                          b->temps[g].type == IR_I32 ? 4 : 8);
        }
    }
    /* exit request at entry: the pc of a chained-to block is not in env yet */
    x86_patch_rel32(exit_req, cg->buf.p);
    if (b->ctx->pc_global)
        x86_store_imm(&cg->buf, global_home(cg, b->ctx->pc_global), (int32_t)b->pc, 4);
    x86_jmp_to(&cg->buf, x86_exit_requested_stub);
    return !cg->buf.overflow;
}

static bool has_self_loop(const IRBlock *b, uint64_t self_key)
{
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_goto_tb && b->ops[i].args[1] == self_key)
            return true;
    }
    return false;
}

/* Start a pass over again at the start of the buffer. */
static void reset_pass(CodeGen *cg, uint8_t *buf, size_t size)
{
    cg->buf = (X86Buf){ .p = buf, .end = buf + size };
    cg->nfixes = 0;
    cg->ft_len = 0;
    cg->fallthrough_dead = false;
    memset(cg->label_snap_set, 0, (cg->b->nlabels + 1) * sizeof(bool));
    for (int i = 0; i < TB_MAX_SLOTS; i++)
        cg->tb->jmp_field[i] = cg->tb->jmp_stub[i] = TB_NO_JUMP;
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
    cg.loop.self_key = b->pc | (uint64_t)b->flags << 32;
    cg.loop.measuring = has_self_loop(b, cg.loop.self_key);

    bool ok = gen_pass(&cg);
    if (ok && cg.loop.measuring) {
        choose_carried(&cg);
        reset_pass(&cg, buf, size);
        cg.loop.measuring = false;
        cg.loop.carrying = true;
        ok = gen_pass(&cg);
    }
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
