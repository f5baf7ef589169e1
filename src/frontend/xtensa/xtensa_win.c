/*
 * The windowed register option: ENTRY, RETW and MOVSP run here, called
 * from generated code, together with the window overflow and underflow
 * handling that Linux does in its exception vectors.
 *
 * Linux spills a frame when a new window would overlap it and reloads it
 * when a RETW returns to it, using the stack save areas of the windowed
 * ABI: a frame's a0-a3 go to the 16 bytes below its callee's stack
 * pointer (the base save area), and a call8/call12 frame's a4-a7/a4-a11
 * to the top of its own stack frame, found through its caller's stack
 * pointer, which is in the base save area below its own sp
 * ([sp - 12]).  ferry does the same, with one difference in timing: the
 * hardware raises the overflow when the new frame first touches a
 * register of an old one; here ENTRY spills at once every old frame the
 * new 16-register window overlaps.  The memory written is the same
 * (those areas belong to the frames being spilled); only when is earlier.
 *
 * The registers of the current window live in env->a[] (IR globals); the
 * helpers write them back to env->phys[] first and reload them after
 * rotating.
 */
#include "frontend/xtensa/translate.h"

#include "exec/guestmem.h"

static uint32_t phys_index(uint32_t wb, unsigned r)
{
    return (wb * 4 + r) & 63;
}

static void sync_to_phys(XtensaCPU *env)
{
    for (int i = 0; i < 16; i++)
        env->phys[phys_index(env->windowbase, i)] = env->a[i];
}

static void sync_from_phys(XtensaCPU *env)
{
    for (int i = 0; i < 16; i++)
        env->a[i] = env->phys[phys_index(env->windowbase, i)];
}

static int load32(uint32_t addr, uint32_t *v)
{
    uint32_t raw;
    if (copy_from_guest(&raw, addr, 4))
        return -1;
    *v = xt_big_endian() ? __builtin_bswap32(raw) : raw;
    return 0;
}

static int store32(uint32_t addr, uint32_t v)
{
    uint32_t raw = xt_big_endian() ? __builtin_bswap32(v) : v;
    return copy_to_guest(addr, &raw, 4) ? -1 : 0;
}

/* Groups (of 4 registers) from group g up to the next frame start. */
static unsigned frame_groups(const XtensaCPU *env, unsigned g)
{
    for (unsigned k = 1; k < 16; k++)
        if (env->windowstart & (1u << ((g + k) & 15)))
            return k > 3 ? 3 : k;
    return 3;
}

/* Spill the frame starting at group g (phys[] must be current): what
 * _WindowOverflow4/8/12 do. */
static int spill_frame(XtensaCPU *env, unsigned g)
{
    unsigned k = frame_groups(env, g);
    uint32_t *p = env->phys;
#define FR(i) p[phys_index(g, (i))]
    uint32_t callee_sp = FR(4 * k + 1);
    for (unsigned i = 0; i < 4; i++)
        if (store32(callee_sp - 16 + 4 * i, FR(i)))
            return -1;
    if (k > 1) {
        uint32_t caller_sp;
        if (load32(FR(1) - 12, &caller_sp))
            return -1;
        for (unsigned i = 4; i < 4 * k; i++)
            if (store32(caller_sp - 16 * k + 4 * (i - 4), FR(i)))
                return -1;
    }
#undef FR
    env->windowstart &= ~(1u << g);
    return 0;
}

/* Reload the frame at group g of k groups, whose callee's sp is callee_sp:
 * what _WindowUnderflow4/8/12 do. */
static int fill_frame(XtensaCPU *env, unsigned g, unsigned k, uint32_t callee_sp)
{
    uint32_t *p = env->phys;
#define FR(i) p[phys_index(g, (i))]
    for (unsigned i = 0; i < 4; i++)
        if (load32(callee_sp - 16 + 4 * i, &FR(i)))
            return -1;
    if (k > 1) {
        uint32_t caller_sp;
        if (load32(FR(1) - 12, &caller_sp))
            return -1;
        for (unsigned i = 4; i < 4 * k; i++)
            if (load32(caller_sp - 16 * k + 4 * (i - 4), &FR(i)))
                return -1;
    }
#undef FR
    env->windowstart |= 1u << g;
    return 0;
}

/*
 * ENTRY as, framesize: rotate by PS.CALLINC, spilling the old frames the
 * new window overlaps (oldest first: the first live frame above the new
 * base), and set the new frame's as to the caller's a(4*callinc + as) -
 * framesize.
 */
uint32_t xt_helper_entry(void *env_v, uint32_t s, uint32_t framesize)
{
    XtensaCPU *env = env_v;
    uint32_t inc = env->callinc & 3;
    sync_to_phys(env);
    uint32_t nb = (env->windowbase + inc) & 15;
    uint32_t sp = env->phys[phys_index(env->windowbase, s)] - framesize;
    for (unsigned g = 1; g < 4; g++) {
        unsigned grp = (nb + g) & 15;
        if ((env->windowstart & (1u << grp)) && grp != env->windowbase) {
            if (spill_frame(env, grp))
                return 1;
        }
    }
    env->windowbase = nb;
    env->windowstart |= 1u << nb;
    env->phys[phys_index(nb, s)] = sp;
    env->callinc = 0;
    sync_from_phys(env);
    return 0;
}

/*
 * RETW: n = a0[31:30] is the caller's window increment; the return address
 * keeps the top two bits of the RETW's pc.  A caller whose frame was
 * spilled is reloaded first (underflow).  Returns nonzero for n = 0.
 */
uint32_t xt_helper_retw(void *env_v, uint32_t pc)
{
    XtensaCPU *env = env_v;
    uint32_t a0 = env->a[0], n = a0 >> 30;
    if (n == 0)
        return 1;
    sync_to_phys(env);
    uint32_t ob = env->windowbase, nb = (ob - n) & 15;
    if (!(env->windowstart & (1u << nb))) {
        if (fill_frame(env, nb, n, env->a[1]))
            return 2;
    }
    env->windowstart &= ~(1u << ob);
    env->windowbase = nb;
    sync_from_phys(env);
    env->pc = (pc & 0xc0000000u) | (a0 & 0x3fffffffu);
    return 0;
}

/*
 * MOVSP at, as: when none of the three groups below the window starts a
 * live frame, the caller's frame was spilled and its base save area sits
 * below the old sp: Linux's alloca handler reloads the caller first (by
 * its window increment, from a0), then the move happens.
 */
uint32_t xt_helper_movsp(void *env_v, uint32_t t, uint32_t s)
{
    XtensaCPU *env = env_v;
    uint32_t wb = env->windowbase;
    uint32_t below = 0;
    for (unsigned i = 1; i <= 3; i++)
        below |= env->windowstart & (1u << ((wb - i) & 15));
    if (!below) {
        uint32_t n = env->a[0] >> 30;
        if (n == 0)
            n = 1;
        sync_to_phys(env);
        if (fill_frame(env, (wb - n) & 15, n, env->a[1]))
            return 1;
    }
    env->a[t] = env->a[s];
    return 0;
}

/* The spill system call: every live frame but the current one goes to the
 * stack (oldest first), as before a context switch. */
void xt_window_spill_all(XtensaCPU *env)
{
    if (!xt_has(XT_OPT_WINDOWED))
        return;
    sync_to_phys(env);
    for (unsigned g = 1; g < 16; g++) {
        unsigned grp = (env->windowbase + g) & 15;
        if (env->windowstart & (1u << grp))
            spill_frame(env, grp);
    }
}

const IRHelper xt_h_entry = {
    "xt_entry", (void *)xt_helper_entry, IR_I32, 3, { IR_PTR, IR_I32, IR_I32 },
    IRH_READS_GLOBALS | IRH_WRITES_GLOBALS,
};
const IRHelper xt_h_retw = {
    "xt_retw", (void *)xt_helper_retw, IR_I32, 2, { IR_PTR, IR_I32 },
    IRH_READS_GLOBALS | IRH_WRITES_GLOBALS,
};
const IRHelper xt_h_movsp = {
    "xt_movsp", (void *)xt_helper_movsp, IR_I32, 3, { IR_PTR, IR_I32, IR_I32 },
    IRH_READS_GLOBALS | IRH_WRITES_GLOBALS,
};
