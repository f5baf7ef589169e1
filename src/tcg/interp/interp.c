/*
 * The IR interpreter backend.
 *
 * Runs an optimised IRBlock op by op.  Guest globals are read and written
 * straight in env, so guest state is always precise; normal temps live in
 * a value array.  Helpers are called through libffi from their IRHelper
 * descriptions, which is what lets this backend run on any host and serve
 * as an independent check of the x86-64 code generator: the guest test
 * suite runs under both.
 *
 * Chaining: goto_tb continues directly with the linked block, and
 * lookup_goto consults the same jump cache as generated code, so whole
 * loops run without returning to the cpu loop (the exit_request word is
 * checked at each block entry, as generated code does).
 */
#include "tcg/backend.h"

#include <ffi.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/guestmem.h"
#include "tcg/fpeval.h"
#include "tcg/vecop.h"

static __thread uint32_t interp_pc;
static __thread TranslationBlock *interp_tb;
static __thread uint64_t *vals;
static __thread uint32_t nvals;
/* Target found in the jump cache by the last lookup_goto. */
static __thread TranslationBlock *jc_hit;

uint32_t interp_current_pc(void)
{
    return interp_pc;
}

TranslationBlock *interp_current_tb(void)
{
    return interp_tb;
}

static uint64_t get(const IRBlock *b, void *env, IRTemp t)
{
    const IRTempInfo *ti = &b->temps[t];
    if (__builtin_expect(ti->kind == TEMP_NORMAL, 1))
        return vals[t];
    switch (ti->kind) {
    case TEMP_CONST:
        return ti->val;
    case TEMP_FIXED:
        return (uint64_t)(uintptr_t)env;
    case TEMP_GLOBAL:
        if (ti->type == IR_I64)
            return *(uint64_t *)((char *)env + ti->env_offset);
        return *(uint32_t *)((char *)env + ti->env_offset);
    default:
        return vals[t];
    }
}

static void set(const IRBlock *b, void *env, IRTemp t, uint64_t v)
{
    const IRTempInfo *ti = &b->temps[t];
    if (ti->type == IR_I32)
        v = (uint32_t)v;
    if (ti->kind == TEMP_GLOBAL) {
        if (ti->type == IR_I64)
            *(uint64_t *)((char *)env + ti->env_offset) = v;
        else
            *(uint32_t *)((char *)env + ti->env_offset) = (uint32_t)v;
    } else {
        vals[t] = v;
    }
}

static uint64_t swap_bytes(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t guest_load(uint32_t addr, MemOp mo)
{
    unsigned size = memop_size(mo);
    uint64_t v = 0;
    memcpy(&v, g2h(addr), size);
    if (mo & MO_BSWAP)
        v = swap_bytes(v, size);
    if (mo & MO_SIGN) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
        v = (uint32_t)v;
    }
    return v;
}

static void guest_store(uint32_t addr, uint64_t v, MemOp mo)
{
    unsigned size = memop_size(mo);
    if (mo & MO_BSWAP)
        v = swap_bytes(v, size);
    memcpy(g2h(addr), &v, size);
}

static uint64_t guest_cmpxchg(uint32_t addr, uint64_t expected, uint64_t newv, MemOp mo)
{
    unsigned size = memop_size(mo);
    if (mo & MO_BSWAP) {
        expected = swap_bytes(expected, size);
        newv = swap_bytes(newv, size);
    }
    uint64_t old;
    void *p = g2h(addr);
    switch (size) {
    case 1: {
        uint8_t e = (uint8_t)expected;
        __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    case 2: {
        uint16_t e = (uint16_t)expected;
        __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    case 4: {
        uint32_t e = (uint32_t)expected;
        __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    default: {
        uint64_t e = expected;
        __atomic_compare_exchange_n((uint64_t *)p, &e, newv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    }
    return (mo & MO_BSWAP) ? swap_bytes(old, size) : old;
}

static uint64_t guest_xchg(uint32_t addr, uint64_t v, MemOp mo)
{
    unsigned size = memop_size(mo);
    if (mo & MO_BSWAP)
        v = swap_bytes(v, size);
    uint64_t old;
    void *p = g2h(addr);
    if (size == 1)
        old = __atomic_exchange_n((uint8_t *)p, (uint8_t)v, __ATOMIC_SEQ_CST);
    else if (size == 2)
        old = __atomic_exchange_n((uint16_t *)p, (uint16_t)v, __ATOMIC_SEQ_CST);
    else
        old = __atomic_exchange_n((uint32_t *)p, (uint32_t)v, __ATOMIC_SEQ_CST);
    return (mo & MO_BSWAP) ? swap_bytes(old, size) : old;
}

/* ---- helper calls through libffi ---- */

typedef struct FfiCache {
    const IRHelper *h;
    ffi_cif cif;
    ffi_type *args[IR_HELPER_MAX_ARGS];
} FfiCache;

#define FFI_CACHE_SIZE 256
static FfiCache ffi_cache[FFI_CACHE_SIZE];
static pthread_mutex_t ffi_lock = PTHREAD_MUTEX_INITIALIZER;

static ffi_type *ffi_type_of(IRType t)
{
    switch (t) {
    case IR_I32: return &ffi_type_uint32;
    case IR_I64: return &ffi_type_uint64;
    case IR_PTR: return &ffi_type_pointer;
    default: return &ffi_type_void;
    }
}

static FfiCache *ffi_for(const IRHelper *h)
{
    unsigned i = (unsigned)(((uintptr_t)h >> 3) % FFI_CACHE_SIZE);
    pthread_mutex_lock(&ffi_lock);
    for (unsigned n = 0; n < FFI_CACHE_SIZE; n++, i = (i + 1) % FFI_CACHE_SIZE) {
        FfiCache *c = &ffi_cache[i];
        if (c->h == h) {
            pthread_mutex_unlock(&ffi_lock);
            return c;
        }
        if (!c->h) {
            for (int a = 0; a < h->nargs; a++)
                c->args[a] = ffi_type_of(h->args[a]);
            if (ffi_prep_cif(&c->cif, FFI_DEFAULT_ABI, h->nargs, ffi_type_of(h->ret),
                             c->args) != FFI_OK)
                ferry_fatal("libffi cannot describe helper %s", h->name);
            c->h = h;
            pthread_mutex_unlock(&ffi_lock);
            return c;
        }
    }
    ferry_fatal("too many distinct helpers for the interpreter");
}

static void do_call(const IRBlock *b, void *env, const IROp *op)
{
    const IRHelper *h = (const IRHelper *)(uintptr_t)ir_op_const(op, 0);
    FfiCache *c = ffi_for(h);
    uint32_t a32[IR_HELPER_MAX_ARGS];
    uint64_t a64[IR_HELPER_MAX_ARGS];
    void *aptr[IR_HELPER_MAX_ARGS];
    void *avalues[IR_HELPER_MAX_ARGS];
    for (int i = 0; i < op->nin; i++) {
        uint64_t v = get(b, env, ir_op_in(op, i));
        switch (h->args[i]) {
        case IR_I32: a32[i] = (uint32_t)v; avalues[i] = &a32[i]; break;
        case IR_I64: a64[i] = v; avalues[i] = &a64[i]; break;
        default: aptr[i] = (void *)(uintptr_t)v; avalues[i] = &aptr[i]; break;
        }
    }
    ffi_arg ret = 0;
    uint64_t ret64 = 0;
    ffi_call(&c->cif, FFI_FN(h->fn), h->ret == IR_I64 ? (void *)&ret64 : (void *)&ret,
             avalues);
    if (op->nout)
        set(b, env, ir_op_out(op, 0), h->ret == IR_I64 ? ret64 : (uint64_t)ret);
}

/* ---- the interpreter loop ---- */

/* Drop the nops optimisation left behind (the block is only run from now
 * on), then note where each label is.  Done at translation, under the
 * translation lock: several threads may run the block at once. */
void interp_prepare(TranslationBlock *tb)
{
    IRBlock *b = tb->ir;
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc != IR_nop)
            b->ops[n++] = b->ops[i];
    }
    b->nops = n;
    tb->label_pos = calloc(b->nlabels + 1, sizeof(uint32_t));
    if (!tb->label_pos)
        ferry_fatal("out of memory");
    for (uint32_t i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_label)
            tb->label_pos[ir_op_const(&b->ops[i], 0)] = i;
    }
}

static void ensure_vals(uint32_t n)
{
    if (n <= nvals)
        return;
    nvals = n * 2;
    vals = realloc(vals, nvals * sizeof(uint64_t));
    if (!vals)
        ferry_fatal("out of memory");
}

/* Simple value ops: evaluated with the shared reference semantics. */
static void do_pure(const IRBlock *b, void *env, const IROp *op)
{
    uint64_t in[4] = { 0 }, cst[2] = { 0 }, out[2];
    for (int i = 0; i < op->nin; i++)
        in[i] = get(b, env, ir_op_in(op, i));
    for (int i = 0; i < op->nconst && i < 2; i++)
        cst[i] = ir_op_const(op, i);
    if (!ir_eval_op((IROpc)op->opc, in, cst, out))
        ferry_fatal("interpreter: no semantics for op %s", ir_op_defs[op->opc].name);
    for (int i = 0; i < op->nout; i++)
        set(b, env, ir_op_out(op, i), out[i]);
}

/* Executes one op; returns the index of the next op, or UINT32_MAX with
 * *exit set when the block is left. */
static uint32_t step(TranslationBlock *tb, void *env, uint32_t i, uintptr_t *exit)
{
    const IRBlock *b = tb->ir;
    const IROp *op = &b->ops[i];
    uint64_t a;
    switch ((IROpc)op->opc) {
    case IR_nop:
    case IR_discard_i32:
        break;
    /* the most frequent ops, without the general evaluator's dispatch */
    case IR_mov_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]));
        break;
    case IR_add_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]) + get(b, env, op->args[2]));
        break;
    case IR_sub_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]) - get(b, env, op->args[2]));
        break;
    case IR_and_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]) & get(b, env, op->args[2]));
        break;
    case IR_or_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]) | get(b, env, op->args[2]));
        break;
    case IR_xor_i32:
        set(b, env, op->args[0], get(b, env, op->args[1]) ^ get(b, env, op->args[2]));
        break;
    case IR_insn_start:
        interp_pc = (uint32_t)op->args[0];
        break;
    case IR_ld_i32:
    case IR_ld_i64:
        set(b, env, ir_op_out(op, 0),
            guest_load((uint32_t)get(b, env, ir_op_in(op, 0)), (MemOp)ir_op_const(op, 0)));
        break;
    case IR_st_i32:
    case IR_st_i64:
        guest_store((uint32_t)get(b, env, ir_op_in(op, 1)), get(b, env, ir_op_in(op, 0)),
                    (MemOp)ir_op_const(op, 0));
        break;
    case IR_cmpxchg_i32:
    case IR_cmpxchg_i64:
        a = guest_cmpxchg((uint32_t)get(b, env, ir_op_in(op, 0)), get(b, env, ir_op_in(op, 1)),
                          get(b, env, ir_op_in(op, 2)), (MemOp)ir_op_const(op, 0));
        set(b, env, ir_op_out(op, 0), a);
        break;
    case IR_xchg_i32:
        a = guest_xchg((uint32_t)get(b, env, ir_op_in(op, 0)), get(b, env, ir_op_in(op, 1)),
                       (MemOp)ir_op_const(op, 0));
        set(b, env, ir_op_out(op, 0), a);
        break;
    case IR_mb:
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        break;
    case IR_ld_env_i32:
        set(b, env, ir_op_out(op, 0), *(uint32_t *)((char *)env + (int32_t)op->args[1]));
        break;
    case IR_ld_env_i64:
        set(b, env, ir_op_out(op, 0), *(uint64_t *)((char *)env + (int32_t)op->args[1]));
        break;
    case IR_st_env_i32:
        *(uint32_t *)((char *)env + (int32_t)op->args[1]) = (uint32_t)get(b, env, op->args[0]);
        break;
    case IR_st_env_i64:
        *(uint64_t *)((char *)env + (int32_t)op->args[1]) = get(b, env, op->args[0]);
        break;
    case IR_label:
        break;
    case IR_br:
        return tb->label_pos[op->args[0]];
    case IR_brcond_i32:
        if (ir_cond_eval32((IRCond)ir_op_const(op, 0), (uint32_t)get(b, env, op->args[0]),
                           (uint32_t)get(b, env, op->args[1])))
            return tb->label_pos[ir_op_const(op, 1)];
        break;
    case IR_goto_tb:
        if (b->ctx->pc_global)
            set(b, env, b->ctx->pc_global, (uint32_t)op->args[1]);
        *exit = (uintptr_t)tb | (uintptr_t)op->args[0];
        return UINT32_MAX;
    case IR_exit_tb:
        *exit = (uintptr_t)op->args[0];
        return UINT32_MAX;
    case IR_lookup_goto: {
        uint32_t pc = (uint32_t)get(b, env, op->args[0]);
        uint64_t key = pc | get(b, env, op->args[1]) << 32;
        const JCEntry *e = &((CPUCommon *)env)->jc[jc_hash(pc)];
        jc_hit = e->key == key ? (TranslationBlock *)e->code : NULL;
        *exit = EXIT_LOOKUP;
        return UINT32_MAX;
    }
    case IR_call:
        do_call(b, env, op);
        break;
    case IR_fop_f32:
    case IR_fop_f64:
        ir_fp_fop(env, op);
        break;
    case IR_fcvt:
        ir_fp_fcvt(env, op);
        break;
    case IR_vop:
        ((VecRef *)(uintptr_t)op->args[4])(env, (uint32_t)op->args[0], (uint32_t)op->args[1],
                                           (uint32_t)op->args[2], (uint32_t)op->args[3]);
        break;
    case IR_fcmp_f32:
    case IR_fcmp_f64:
        set(b, env, ir_op_out(op, 0), ir_fp_fcmp(env, op));
        break;
    default:
        do_pure(b, env, op);
        break;
    }
    return i + 1;
}

static uintptr_t run_block(TranslationBlock *tb, void *env)
{
    /* Blocks made outside the block cache (unit tests) are prepared here. */
    if (!tb->label_pos)
        interp_prepare(tb);
    ensure_vals(tb->ir->ntemps);
    uintptr_t exit = EXIT_LOOKUP;
    uint32_t i = 0;
    while (i < tb->ir->nops)
        i = step(tb, env, i, &exit);
    return exit;
}

/* The block a jump-cache hit or a linked slot leads to, or NULL. */
static TranslationBlock *next_block(uintptr_t exit)
{
    if (exit > EXIT_MAX_CODE) {
        TranslationBlock *from = (TranslationBlock *)(exit & ~(uintptr_t)(TB_MAX_SLOTS - 1));
        return __atomic_load_n(&from->jmp_dest[exit & (TB_MAX_SLOTS - 1)], __ATOMIC_ACQUIRE);
    }
    if (exit == EXIT_LOOKUP)
        return jc_hit;
    return NULL;
}

uintptr_t interp_exec(void *env, TranslationBlock *tb)
{
    CPUCommon *cc = env;
    for (;;) {
        if (__atomic_load_n(&cc->exit_request, __ATOMIC_RELAXED)) {
            /* as generated code does: a chained-to block's pc is not in env yet */
            if (tb->ir->ctx->pc_global)
                set(tb->ir, env, tb->ir->ctx->pc_global, tb->pc);
            return EXIT_REQUESTED;
        }
        jc_hit = NULL;
        interp_tb = tb;
        uintptr_t exit = run_block(tb, env);
        TranslationBlock *next = next_block(exit);
        if (!next || __atomic_load_n(&next->invalid, __ATOMIC_ACQUIRE))
            return exit;
        tb = next;
    }
}
