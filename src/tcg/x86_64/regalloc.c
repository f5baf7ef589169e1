/*
 * Register allocation for the x86-64 backend.
 *
 * A local, on-the-fly allocator in the spirit of a linear scan over one
 * block: temps get a host register when an op first needs them and keep
 * it until they die (normal temps, per the liveness pass) or the register
 * is needed for something else.  Guest globals are loaded lazily from env,
 * stay cached in registers across ops, and are written back only when
 * needed: at branches, labels, exits and helper calls that look at guest
 * state.  A global whose register copy is newer than env is "dirty"; at
 * each guest memory access the dirty set is written to the fault side
 * table instead of to env, so faults stay precise without spilling.
 */
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "tcg/x86_64/x86_internal.h"

/* Allocation order: registers no op needs fixed first. */
static const int8_t alloc_order[] = {
    X86_RBX, X86_RBP, X86_R12, X86_R13, X86_RSI, X86_RDI, X86_R8, X86_R9,
    X86_R10, X86_R11, X86_RCX, X86_RDX, X86_RAX,
};

void ra_init(CodeGen *cg)
{
    for (int r = 0; r < 16; r++)
        cg->reg_temp[r] = -1;
    for (IRTemp t = 0; t < cg->b->ntemps; t++) {
        int kind = cg->b->temps[t].kind;
        cg->loc[t] = (TempLoc){ .reg = -1, .slot = -1,
                                .mem_valid = kind == TEMP_GLOBAL };
    }
    memset(cg->slot_used, 0, sizeof(cg->slot_used));
    cg->locked = 0;
}

X86Mem ra_home(CodeGen *cg, IRTemp t)
{
    const IRTempInfo *ti = &cg->b->temps[t];
    if (ti->kind == TEMP_GLOBAL)
        return x86_mem(X86_ENV_REG, ti->env_offset);
    TempLoc *l = &cg->loc[t];
    if (l->slot < 0) {
        int s;
        for (s = 0; s < X86_NSLOTS && cg->slot_used[s]; s++)
            ;
        if (s == X86_NSLOTS)
            ferry_fatal("internal error: out of spill slots in block 0x%08x", cg->b->pc);
        cg->slot_used[s] = true;
        l->slot = (int16_t)s;
    }
    return x86_mem(X86_RSP, 8 * l->slot);
}

static void free_slot(CodeGen *cg, IRTemp t)
{
    TempLoc *l = &cg->loc[t];
    if (l->slot >= 0) {
        cg->slot_used[l->slot] = false;
        l->slot = -1;
    }
}

/* Write t's register value to its home if the home is stale. */
static void save_temp(CodeGen *cg, IRTemp t)
{
    TempLoc *l = &cg->loc[t];
    const IRTempInfo *ti = &cg->b->temps[t];
    if (l->reg < 0 || l->mem_valid || ti->kind == TEMP_CONST || ti->kind == TEMP_FIXED)
        return;
    x86_store(&cg->buf, ra_home(cg, t), l->reg, ti->type == IR_I32 ? 4 : 8);
    l->mem_valid = true;
}

static void detach(CodeGen *cg, int r)
{
    int32_t t = cg->reg_temp[r];
    if (t >= 0)
        cg->loc[t].reg = -1;
    cg->reg_temp[r] = -1;
}

void ra_evict(CodeGen *cg, int r)
{
    int32_t t = cg->reg_temp[r];
    if (t < 0)
        return;
    save_temp(cg, (IRTemp)t);
    detach(cg, r);
}

int ra_alloc(CodeGen *cg, uint16_t allowed)
{
    allowed &= X86_ALLOCATABLE & ~cg->locked;
    for (size_t i = 0; i < sizeof(alloc_order); i++) {
        int r = alloc_order[i];
        if ((allowed & REGMASK(r)) && cg->reg_temp[r] < 0) {
            cg->locked |= REGMASK(r);
            return r;
        }
    }
    /* Evict: prefer a register whose home is already valid (no store). */
    int victim = -1;
    for (size_t i = 0; i < sizeof(alloc_order); i++) {
        int r = alloc_order[i];
        if (!(allowed & REGMASK(r)))
            continue;
        if (victim < 0)
            victim = r;
        IRTemp t = (IRTemp)cg->reg_temp[r];
        if (cg->loc[t].mem_valid || cg_is_const(cg, t)) {
            victim = r;
            break;
        }
    }
    if (victim < 0)
        ferry_fatal("internal error: no register available");
    ra_evict(cg, victim);
    cg->locked |= REGMASK(victim);
    return victim;
}

void ra_claim(CodeGen *cg, int r)
{
    FERRY_ASSERT(!(cg->locked & REGMASK(r)));
    ra_evict(cg, r);
    cg->locked |= REGMASK(r);
}

/* Put t's value into register r (r is free or already holds t). */
static void fill(CodeGen *cg, IRTemp t, int r)
{
    const IRTempInfo *ti = &cg->b->temps[t];
    TempLoc *l = &cg->loc[t];
    if (ti->kind == TEMP_CONST) {
        x86_mov_ri(&cg->buf, r, ti->val);
    } else if (ti->kind == TEMP_FIXED) {
        x86_mov_rr(&cg->buf, true, r, X86_ENV_REG);
    } else if (l->reg >= 0) {
        x86_mov_rr(&cg->buf, ti->type != IR_I32, r, l->reg);
    } else {
        FERRY_ASSERT(l->mem_valid);
        x86_load(&cg->buf, r, ra_home(cg, t), ti->type == IR_I32 ? 4 : 8, false,
                 ti->type != IR_I32);
        if (cg->loop.measuring && ti->kind == TEMP_GLOBAL)
            cg->loop.uses[t]++;
    }
}

void ra_copy_to(CodeGen *cg, IRTemp t, int r)
{
    fill(cg, t, r);
}

int ra_load(CodeGen *cg, IRTemp t, uint16_t allowed)
{
    const IRTempInfo *ti = &cg->b->temps[t];
    TempLoc *l = &cg->loc[t];
    if (ti->kind == TEMP_FIXED && (allowed & REGMASK(X86_ENV_REG)))
        return X86_ENV_REG;
    if (l->reg >= 0 && (allowed & REGMASK(l->reg))) {
        cg->locked |= REGMASK(l->reg);
        return l->reg;
    }
    int r = ra_alloc(cg, allowed);
    fill(cg, t, r);
    if (ti->kind == TEMP_CONST || ti->kind == TEMP_FIXED)
        return r;   /* constants are not cached in registers */
    if (l->reg >= 0 && (cg->locked & REGMASK(l->reg)))
        return r;   /* the op uses t's register too: r is a scratch copy */
    if (l->reg >= 0) {
        /* moved to a register the op can use; the old one is released */
        bool valid = l->mem_valid;
        detach(cg, l->reg);
        l->mem_valid = valid;
    }
    cg->reg_temp[r] = (int32_t)t;
    l->reg = (int8_t)r;
    return r;
}

void ra_load_fixed(CodeGen *cg, IRTemp t, int r)
{
    TempLoc *l = &cg->loc[t];
    if (l->reg == r) {
        cg->locked |= REGMASK(r);
        return;
    }
    FERRY_ASSERT(!(cg->locked & REGMASK(r)));
    ra_evict(cg, r);
    cg->locked |= REGMASK(r);
    fill(cg, t, r);
    const IRTempInfo *ti = &cg->b->temps[t];
    if (ti->kind == TEMP_CONST || ti->kind == TEMP_FIXED)
        return;
    if (l->reg >= 0 && !(cg->locked & REGMASK(l->reg))) {
        bool valid = l->mem_valid;
        detach(cg, l->reg);
        l->mem_valid = valid;
    } else if (l->reg >= 0) {
        /* t stays in its (locked) register too; r is a scratch copy */
        cg->reg_temp[r] = -1;
        return;
    }
    cg->reg_temp[r] = (int32_t)t;
    l->reg = (int8_t)r;
}

void ra_define(CodeGen *cg, IRTemp t, int r)
{
    TempLoc *l = &cg->loc[t];
    if (cg->loop.measuring && cg->b->temps[t].kind == TEMP_GLOBAL)
        cg->loop.uses[t]++;
    if (l->reg >= 0 && l->reg != r)
        detach(cg, l->reg);
    if (cg->reg_temp[r] >= 0 && cg->reg_temp[r] != (int32_t)t)
        detach(cg, r);
    cg->reg_temp[r] = (int32_t)t;
    l->reg = (int8_t)r;
    l->mem_valid = false;
    if (cg->b->temps[t].kind == TEMP_NORMAL)
        free_slot(cg, t);
    cg->locked |= REGMASK(r);
}

void ra_forget(CodeGen *cg, IRTemp t)
{
    TempLoc *l = &cg->loc[t];
    if (l->reg >= 0)
        detach(cg, l->reg);
    l->mem_valid = true;
}

bool ra_input_dies(const CodeGen *cg, int index)
{
    return (cg->op->dead >> index) & 1;
}

/* Can d take over a's register?  Yes when a is d, when a is a normal temp
 * dying here, or a guest register not read again whose env copy is valid. */
static bool can_steal(CodeGen *cg, IRTemp d, IRTemp a, int a_index)
{
    int kind = cg->b->temps[a].kind;
    if (kind == TEMP_CONST || kind == TEMP_FIXED)
        return false;
    if (a == d)
        return true;
    if (a_index < 0 || !ra_input_dies(cg, a_index))
        return false;
    /* another operand of the op may still read the same register */
    for (int i = 0; i < cg->op->nin; i++) {
        if (i != a_index && ir_op_in(cg->op, i) == a)
            return false;
    }
    return kind == TEMP_NORMAL || cg->loc[a].mem_valid;
}

int ra_dst_from(CodeGen *cg, IRTemp d, IRTemp a, int a_index, uint16_t allowed)
{
    TempLoc *la = &cg->loc[a];
    if (can_steal(cg, d, a, a_index) && la->reg >= 0 && (allowed & REGMASK(la->reg))) {
        int r = la->reg;
        if (a != d) {
            bool valid = la->mem_valid;
            detach(cg, r);
            free_slot(cg, a);
            la->mem_valid = valid;
        }
        cg->locked |= REGMASK(r);
        return r;
    }
    /* a guest register read again later: cache it in a register of its own */
    if (cg->b->temps[a].kind == TEMP_GLOBAL && a != d && la->reg < 0 && a_index >= 0 &&
        !ra_input_dies(cg, a_index))
        ra_load(cg, a, X86_ALLOCATABLE);
    int r = ra_alloc(cg, allowed);
    fill(cg, a, r);
    return r;
}

void ra_op_done(CodeGen *cg)
{
    const IROp *op = cg->op;
    for (int i = 0; i < op->nin; i++) {
        IRTemp t = ir_op_in(op, i);
        if (!ra_input_dies(cg, i))
            continue;
        if (cg->b->temps[t].kind == TEMP_GLOBAL) {
            /* not read again in this run: free its register if env is current
             * (a register carried round a loop stays) */
            int r = cg->loc[t].reg;
            if (r >= 0 && cg->loc[t].mem_valid &&
                !(cg->loop.carrying && cg->loop.pinned[r] == (int8_t)t))
                detach(cg, r);
            continue;
        }
        if (cg->b->temps[t].kind != TEMP_NORMAL)
            continue;
        bool redefined = false;
        for (int j = 0; j < op->nout; j++)
            redefined |= ir_op_out(op, j) == t;
        if (redefined)
            continue;   /* the old value died, the op's new one lives on */
        if (cg->loc[t].reg >= 0)
            detach(cg, cg->loc[t].reg);
        free_slot(cg, t);
        cg->loc[t].mem_valid = false;
    }
    for (int i = 0; i < op->nout; i++) {
        IRTemp t = ir_op_out(op, i);
        bool dead = (op->dead >> (IR_DEAD_OUT_SHIFT + i)) & 1;
        if (dead && cg->b->temps[t].kind == TEMP_NORMAL && cg->loc[t].reg >= 0)
            detach(cg, cg->loc[t].reg);
    }
    cg->locked = 0;
}

void ra_sync_globals(CodeGen *cg)
{
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t >= 0 && cg->b->temps[t].kind == TEMP_GLOBAL)
            save_temp(cg, (IRTemp)t);
    }
}

void ra_reset(CodeGen *cg)
{
    for (int r = 0; r < 16; r++)
        detach(cg, r);
    for (IRTemp t = 0; t < cg->b->ntemps; t++) {
        if (cg->b->temps[t].kind == TEMP_GLOBAL)
            cg->loc[t].mem_valid = true;
        else if (cg->b->temps[t].kind == TEMP_NORMAL) {
            free_slot(cg, t);
            cg->loc[t].mem_valid = false;
        }
    }
}

/* Register r's cached global if it is one whose env copy is current. */
static int8_t clean_global_in(const CodeGen *cg, int r)
{
    int32_t t = cg->reg_temp[r];
    if (t < 0 || cg->b->temps[t].kind != TEMP_GLOBAL || !cg->loc[t].mem_valid)
        return -1;
    return (int8_t)t;
}

void ra_snapshot_for_label(CodeGen *cg, uint32_t label)
{
    int8_t *snap = cg->label_snap[label];
    bool first = !cg->label_snap_set[label];
    for (int r = 0; r < 16; r++) {
        int8_t g = clean_global_in(cg, r);
        snap[r] = first ? g : (snap[r] == g ? g : -1);
    }
    cg->label_snap_set[label] = true;
}

void ra_store_dirty_globals(CodeGen *cg)
{
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t < 0 || cg->b->temps[t].kind != TEMP_GLOBAL || cg->loc[t].mem_valid)
            continue;
        x86_store(&cg->buf, ra_home(cg, (IRTemp)t), r,
                  cg->b->temps[t].type == IR_I32 ? 4 : 8);
    }
}

void ra_snapshot_for_label_stored(CodeGen *cg, uint32_t label)
{
    int8_t *snap = cg->label_snap[label];
    bool first = !cg->label_snap_set[label];
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        int8_t g = (t >= 0 && cg->b->temps[t].kind == TEMP_GLOBAL) ? (int8_t)t : -1;
        snap[r] = first ? g : (snap[r] == g ? g : -1);
    }
    cg->label_snap_set[label] = true;
}

void ra_merge_at_label(CodeGen *cg, uint32_t label)
{
    int8_t keep[16];
    for (int r = 0; r < 16; r++) {
        int8_t g = cg->fallthrough_dead ? -2 : clean_global_in(cg, r);
        int8_t s = cg->label_snap_set[label] ? cg->label_snap[label][r] : -2;
        if (g == -2)
            keep[r] = s;
        else if (s == -2)
            keep[r] = g;
        else
            keep[r] = g == s ? g : -1;
    }
    ra_reset(cg);
    for (int r = 0; r < 16; r++) {
        if (keep[r] < 0)
            continue;
        cg->reg_temp[r] = keep[r];
        cg->loc[keep[r]].reg = (int8_t)r;
        cg->loc[keep[r]].mem_valid = true;
    }
    cg->fallthrough_dead = false;
}

void ra_spill_caller_saved(CodeGen *cg)
{
    for (int r = 0; r < 16; r++) {
        if (X86_CALLER_SAVED & REGMASK(r))
            ra_evict(cg, r);
    }
}

void ra_drop_globals(CodeGen *cg)
{
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t >= 0 && cg->b->temps[t].kind == TEMP_GLOBAL) {
            FERRY_ASSERT(cg->loc[t].mem_valid);
            detach(cg, r);
        }
    }
}

static void ft_put(CodeGen *cg, const void *p, uint32_t n)
{
    if (cg->ft_len + n > cg->ft_cap) {
        cg->ft_cap = cg->ft_cap ? cg->ft_cap * 2 : 256;
        cg->ft = realloc(cg->ft, cg->ft_cap);
        if (!cg->ft)
            ferry_fatal("out of memory");
    }
    memcpy(cg->ft + cg->ft_len, p, n);
    cg->ft_len += n;
}

void ra_record_fault_point(CodeGen *cg)
{
    uint32_t off = (uint32_t)(cg->buf.p - cg->start);
    uint8_t pairs[32];
    uint8_t n = 0;
    for (int r = 0; r < 16; r++) {
        int32_t t = cg->reg_temp[r];
        if (t < 0 || cg->b->temps[t].kind != TEMP_GLOBAL || cg->loc[t].mem_valid)
            continue;
        FERRY_ASSERT(n < 16);
        pairs[2 * n] = (uint8_t)t;
        pairs[2 * n + 1] = (uint8_t)r;
        n++;
    }
    ft_put(cg, &off, 4);
    ft_put(cg, &cg->guest_pc, 4);
    ft_put(cg, &n, 1);
    ft_put(cg, pairs, 2u * n);
}

bool cg_imm32(const CodeGen *cg, IRTemp t, bool w64, int32_t *imm)
{
    if (!cg_is_const(cg, t))
        return false;
    uint64_t v = cg_const(cg, t);
    if (!w64) {
        *imm = (int32_t)(uint32_t)v;
        return true;
    }
    if ((int64_t)v != (int64_t)(int32_t)v)
        return false;
    *imm = (int32_t)v;
    return true;
}

X86Cond cg_x86_cond(IRCond c)
{
    static const X86Cond map[] = {
        [IR_COND_EQ] = X86_CC_E, [IR_COND_NE] = X86_CC_NE,
        [IR_COND_LT] = X86_CC_L, [IR_COND_GE] = X86_CC_GE,
        [IR_COND_LE] = X86_CC_LE, [IR_COND_GT] = X86_CC_G,
        [IR_COND_LTU] = X86_CC_B, [IR_COND_GEU] = X86_CC_AE,
        [IR_COND_LEU] = X86_CC_BE, [IR_COND_GTU] = X86_CC_A,
        [IR_COND_TSTEQ] = X86_CC_E, [IR_COND_TSTNE] = X86_CC_NE,
    };
    return map[c];
}
