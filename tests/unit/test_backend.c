/*
 * Differential test of the IR pipeline: random IR blocks run three ways —
 * the interpreter on the unoptimised IR, the interpreter on the optimised
 * IR (checks fold/liveness), and generated x86-64 code (checks the
 * backend and register allocator) — and the final guest state and memory
 * must agree.  Also a few blocks with hand-computed expected values, so the
 * reference semantics themselves are pinned down.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "exec/cpu_common.h"
#include "exec/guestmem.h"
#include "exec/tb.h"
#include "tcg/backend.h"
#include "tcg/ir.h"

#define NG32 8
#define NG64 2
#define MEM_ADDR 0x10000u
#define MEM_SIZE 0x1000u

typedef struct TestEnv {
    CPUCommon common;
    uint32_t g[NG32];
    uint64_t l[NG64];
    uint32_t count;     /* loop counter of the self-loop tests */
} TestEnv;

static IRContext ctx;
static IRTemp G[NG32], L[NG64], COUNT;
static int passed, failed;
static uint8_t *code_buf, *code_start;

static void check(int ok, const char *what, unsigned seed)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s (seed %u)\n", what, seed);
    }
}

static uint32_t rng_state;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static uint32_t interesting32(void)
{
    static const uint32_t v[] = { 0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000u,
                                  0xffffffffu, 0xfffffffeu, 0x12345678, 0xff, 0xffff, 8, 16 };
    if (rnd() % 3 == 0)
        return v[rnd() % (sizeof(v) / sizeof(v[0]))];
    return rnd();
}

/* Temps usable as i32 inputs in the current region. */
typedef struct Gen {
    IRBlock *b;
    IRTemp t32[64];
    int n32;
    IRTemp t64[16];
    int n64;
} Gen;

static IRTemp pick32(Gen *g)
{
    unsigned r = rnd() % 10;
    if (r < 4)
        return G[rnd() % NG32];
    if (r < 6 || g->n32 == 0)
        return ir_const_i32(g->b, interesting32());
    return g->t32[rnd() % g->n32];
}

static IRTemp pick64(Gen *g)
{
    unsigned r = rnd() % 10;
    if (r < 4)
        return L[rnd() % NG64];
    if (r < 6 || g->n64 == 0)
        return ir_const_i64(g->b, (uint64_t)interesting32() << (rnd() % 2 ? 32 : 0) | rnd());
    return g->t64[rnd() % g->n64];
}

static IRTemp dest32(Gen *g)
{
    if (rnd() % 2)
        return G[rnd() % NG32];
    IRTemp t = ir_temp_i32(g->b);
    if (g->n32 < 64)
        g->t32[g->n32++] = t;
    return t;
}

static IRTemp dest64(Gen *g)
{
    if (rnd() % 2)
        return L[rnd() % NG64];
    IRTemp t = ir_temp_i64(g->b);
    if (g->n64 < 16)
        g->t64[g->n64++] = t;
    return t;
}

static IRTemp addr_temp(Gen *g)
{
    /* an in-range address: MEM_ADDR + (x & 0xff0) + small */
    IRTemp t = ir_temp_i32(g->b);
    ir_op3(g->b, IR_and_i32, t, pick32(g), ir_const_i32(g->b, 0xff8));
    ir_op3(g->b, IR_add_i32, t, t, ir_const_i32(g->b, MEM_ADDR));
    return t;
}

static void gen_op(Gen *g)
{
    IRBlock *b = g->b;
    static const IROpc bin32[] = {
        IR_add_i32, IR_sub_i32, IR_mul_i32, IR_and_i32, IR_or_i32, IR_xor_i32, IR_andc_i32,
        IR_shl_i32, IR_shr_i32, IR_sar_i32, IR_rotr_i32, IR_rotl_i32, IR_divs_i32,
        IR_divu_i32, IR_rems_i32, IR_remu_i32,
    };
    static const IROpc un32[] = {
        IR_neg_i32, IR_not_i32, IR_clz_i32, IR_ctz_i32, IR_bswap32_i32, IR_bswap16_i32,
        IR_ext8s_i32, IR_ext8u_i32, IR_ext16s_i32, IR_ext16u_i32, IR_mov_i32,
    };
    static const IROpc bin64[] = {
        IR_add_i64, IR_sub_i64, IR_mul_i64, IR_and_i64, IR_or_i64, IR_xor_i64,
        IR_shl_i64, IR_shr_i64, IR_sar_i64,
    };
    unsigned k = rnd() % 20;
    IRTemp a, c;
    if (k < 6) {
        a = pick32(g);
        c = pick32(g);
        ir_op3(b, bin32[rnd() % (sizeof(bin32) / sizeof(bin32[0]))], dest32(g), a, c);
    } else if (k < 9) {
        a = pick32(g);
        ir_op2(b, un32[rnd() % (sizeof(un32) / sizeof(un32[0]))], dest32(g), a);
    } else if (k == 9) {
        unsigned pos = rnd() % 32, len = 1 + rnd() % (32 - pos);
        a = pick32(g);
        if (rnd() % 3 == 0)
            ir_deposit_i32(b, dest32(g), a, pick32(g), pos, len);
        else if (rnd() % 2)
            ir_extract_i32(b, dest32(g), a, pos, len);
        else
            ir_sextract_i32(b, dest32(g), a, pos, len);
    } else if (k == 10) {
        a = pick32(g);
        c = pick32(g);
        ir_setcond_i32(b, (IRCond)(rnd() % 12), dest32(g), a, c);
    } else if (k == 11) {
        IRTemp x = pick32(g), y = pick32(g), v1 = pick32(g), v2 = pick32(g);
        ir_movcond_i32(b, (IRCond)(rnd() % 12), dest32(g), x, y, v1, v2);
    } else if (k == 12) {
        a = pick32(g);
        c = pick32(g);
        IRTemp lo = dest32(g), hi = dest32(g);
        if (lo == hi)
            hi = ir_temp_i32(b);
        if (rnd() % 2)
            ir_mulu2_i32(b, lo, hi, a, c);
        else
            ir_muls2_i32(b, lo, hi, a, c);
    } else if (k == 13) {
        a = pick32(g);
        c = pick32(g);
        IRTemp cin = rnd() % 2 ? ir_const_i32(b, rnd() % 2) : ir_temp_i32(b);
        if (!ir_is_const(b, cin))
            ir_op3(b, IR_and_i32, cin, pick32(g), ir_const_i32(b, 1));
        IRTemp d = dest32(g), co = dest32(g);
        if (d == co)
            co = ir_temp_i32(b);
        if (rnd() % 2)
            ir_addc_i32(b, d, co, a, c, cin);
        else
            ir_subc_i32(b, d, co, a, c, cin);
    } else if (k == 14) {
        ir_op3(b, bin64[rnd() % (sizeof(bin64) / sizeof(bin64[0]))], dest64(g), pick64(g),
               pick64(g));
    } else if (k == 15) {
        switch (rnd() % 6) {
        case 0: ir_extu_i32_i64(b, dest64(g), pick32(g)); break;
        case 1: ir_exts_i32_i64(b, dest64(g), pick32(g)); break;
        case 2: ir_extrl_i64_i32(b, dest32(g), pick64(g)); break;
        case 3: ir_extrh_i64_i32(b, dest32(g), pick64(g)); break;
        case 4: ir_concat_i32_i64(b, dest64(g), pick32(g), pick32(g)); break;
        default: ir_setcond_i64(b, (IRCond)(rnd() % 12), dest32(g), pick64(g), pick64(g));
        }
    } else if (k < 18) {
        static const MemOp mos[] = { MO_8, MO_16, MO_32, MO_8 | MO_SIGN, MO_16 | MO_SIGN,
                                     MO_16 | MO_BSWAP, MO_32 | MO_BSWAP,
                                     MO_16 | MO_SIGN | MO_BSWAP };
        MemOp mo = mos[rnd() % 8];
        IRTemp addr = addr_temp(g);
        if (rnd() % 2)
            ir_ld_i32(b, dest32(g), addr, mo);
        else
            ir_st_i32(b, pick32(g), addr, mo & ~MO_SIGN);
    } else if (k == 18) {
        IRTemp addr = addr_temp(g);
        if (rnd() % 2)
            ir_ld_i64(b, dest64(g), addr, MO_64 | (rnd() % 2 ? MO_BSWAP : 0));
        else
            ir_st_i64(b, pick64(g), addr, MO_64);
    } else {
        IRTemp addr = addr_temp(g);
        ir_cmpxchg_i32(b, dest32(g), addr, pick32(g), pick32(g), MO_32);
    }
}

/* A block of straight-line runs separated by conditional forward skips. */
static IRBlock *gen_block(unsigned seed)
{
    rng_state = seed * 2654435761u + 1;
    IRBlock *b = ir_block_new(&ctx, 0x1000, 0);
    Gen g = { .b = b };
    int nops = 5 + rnd() % 60;
    for (int i = 0; i < nops; i++) {
        if (rnd() % 12 == 0) {
            uint32_t l = ir_new_label(b);
            ir_brcond_i32(b, (IRCond)(rnd() % 12), pick32(&g), pick32(&g), l);
            int n = 1 + rnd() % 5;
            for (int j = 0; j < n; j++)
                gen_op(&g);
            ir_label(b, l);
            g.n32 = g.n64 = 0;   /* temps die at labels */
        } else {
            gen_op(&g);
        }
    }
    ir_exit_tb(b, EXIT_HALT);
    return b;
}

static IRBlock *copy_block(const IRBlock *src)
{
    IRBlock *b = ir_block_new(&ctx, src->pc, src->flags);
    while (b->cap_ops < src->nops)
        ir_emit(b, IR_nop);
    b->nops = 0;
    memcpy(b->ops, src->ops, src->nops * sizeof(IROp));
    b->nops = src->nops;
    free(b->temps);
    b->temps = malloc(src->cap_temps * sizeof(IRTempInfo));
    memcpy(b->temps, src->temps, src->ntemps * sizeof(IRTempInfo));
    b->ntemps = src->ntemps;
    b->cap_temps = src->cap_temps;
    b->nlabels = src->nlabels;
    free(b->const_hash);
    b->const_hash_size = src->const_hash_size;
    b->const_hash = malloc(b->const_hash_size * sizeof(uint32_t));
    memcpy(b->const_hash, src->const_hash, b->const_hash_size * sizeof(uint32_t));
    free(b->const_gen);
    b->const_gen = malloc(b->const_hash_size * sizeof(uint32_t));
    memcpy(b->const_gen, src->const_gen, b->const_hash_size * sizeof(uint32_t));
    b->gen = src->gen;
    return b;
}

static void init_state(TestEnv *e, unsigned seed)
{
    JCEntry *jc = e->common.jc;
    memset(e, 0, sizeof(*e));
    e->common.jc = jc;
    rng_state = seed * 7919u + 3;
    for (int i = 0; i < NG32; i++)
        e->g[i] = interesting32();
    for (int i = 0; i < NG64; i++)
        e->l[i] = (uint64_t)rnd() << 32 | rnd();
    for (uint32_t i = 0; i < MEM_SIZE; i++)
        *(uint8_t *)g2h(MEM_ADDR + i) = (uint8_t)(i * 37 + seed);
}

typedef struct Result {
    TestEnv env;
    uint8_t mem[MEM_SIZE];
    uintptr_t exit;
} Result;

static void run_interp(IRBlock *b, Result *r, unsigned seed)
{
    TranslationBlock tb = { .ir = b };
    init_state(&r->env, seed);
    r->exit = interp_exec(&r->env, &tb);
    memcpy(r->mem, g2h(MEM_ADDR), MEM_SIZE);
    free(tb.label_pos);
}

static bool run_x86(IRBlock *b, Result *r, unsigned seed)
{
    TranslationBlock tb = { 0 };
    if (!x86_gen_block(b, &tb, code_start, 1 << 20))
        return false;
    tb.code = code_start;
    init_state(&r->env, seed);
    r->exit = x86_exec(&r->env, tb.code);
    memcpy(r->mem, g2h(MEM_ADDR), MEM_SIZE);
    free(tb.fault_tab);
    return true;
}

static bool same(const Result *a, const Result *b)
{
    return a->exit == b->exit && !memcmp(a->env.g, b->env.g, sizeof(a->env.g)) &&
           !memcmp(a->env.l, b->env.l, sizeof(a->env.l)) && !memcmp(a->mem, b->mem, MEM_SIZE);
}

static void report(const char *what, const Result *a, const Result *b, IRBlock *blk)
{
    printf("%s differ:\n", what);
    for (int i = 0; i < NG32; i++) {
        if (a->env.g[i] != b->env.g[i])
            printf("  g%d: %08x vs %08x\n", i, a->env.g[i], b->env.g[i]);
    }
    for (int i = 0; i < NG64; i++) {
        if (a->env.l[i] != b->env.l[i])
            printf("  l%d: %016llx vs %016llx\n", i, (unsigned long long)a->env.l[i],
                   (unsigned long long)b->env.l[i]);
    }
    if (memcmp(a->mem, b->mem, MEM_SIZE))
        printf("  memory differs\n");
    ir_print(blk, stdout);
    if (getenv("FERRY_TEST_VERBOSE")) {
        TranslationBlock tb = { 0 };
        if (x86_gen_block(blk, &tb, code_start, 1 << 20))
            x86_disas(stdout, code_start, tb.code_size);
        free(tb.fault_tab);
    }
}

static void random_tests(unsigned first, int count)
{
    static Result ref, opt, jit;
    for (unsigned seed = first; seed < first + (unsigned)count; seed++) {
        if (getenv("FERRY_TEST_VERBOSE"))
            fprintf(stderr, "seed %u\n", seed);
        IRBlock *b = gen_block(seed);
        char msg[200];
        bool valid = ir_verify(b, msg, sizeof(msg));
        check(valid, "generated block verifies", seed);
        if (!valid) {
            printf("  %s\n", msg);
            ir_block_free(b);
            continue;
        }
        IRBlock *o = copy_block(b);
        ir_optimize(o);
        run_interp(b, &ref, seed);
        run_interp(o, &opt, seed);
        bool ok = same(&ref, &opt);
        check(ok, "optimised IR matches unoptimised IR", seed);
        if (!ok)
            report("interp vs optimised interp", &ref, &opt, b);
        if (getenv("FERRY_TEST_VERBOSE"))
            ir_print(o, stderr);
        bool gen = run_x86(o, &jit, seed);
        check(gen, "x86 code generated", seed);
        ok = gen && same(&ref, &jit);
        check(ok, "x86 code matches interpreter", seed);
        if (gen && !ok)
            report("interp vs x86", &ref, &jit, o);
        ir_block_free(b);
        ir_block_free(o);
    }
}

/* ---- self-loops: registers carried round the back edge ---- */

/* count = n; do { random ops } while (--count != 0): the block branches
 * back to its own start through goto_tb, as a guest loop would. */
static IRBlock *gen_loop_block(unsigned seed)
{
    IRBlock *b = gen_block(seed + 2000000);
    b->nops--;                                   /* drop the final exit */
    uint32_t done = ir_new_label(b);
    ir_sub_i32(b, COUNT, COUNT, ir_const_i32(b, 1));
    ir_brcond_i32(b, IR_COND_EQ, COUNT, ir_const_i32(b, 0), done);
    ir_goto_tb(b, 0, b->pc, b->flags);
    ir_label(b, done);
    ir_exit_tb(b, EXIT_HALT);
    return b;
}

static void loop_tests(int count)
{
    static Result ref, jit;
    for (unsigned seed = 1; seed <= (unsigned)count; seed++) {
        IRBlock *b = gen_loop_block(seed);
        ir_optimize(b);
        uint32_t iterations = 1 + seed % 9;

        init_state(&ref.env, seed);
        ref.env.count = iterations;
        TranslationBlock itb = { .ir = b, .pc = b->pc };
        uintptr_t ex;
        do {
            ex = interp_exec(&ref.env, &itb);
        } while (ex == (uintptr_t)&itb);           /* slot 0: run the block again */
        ref.exit = ex;
        memcpy(ref.mem, g2h(MEM_ADDR), MEM_SIZE);
        free(itb.label_pos);

        TranslationBlock tb = { 0 };
        bool gen = x86_gen_block(b, &tb, code_start, 1 << 20);
        check(gen, "x86 code generated for a loop", seed);
        if (!gen)
            continue;
        init_state(&jit.env, seed);
        jit.env.count = iterations;
        jit.exit = x86_exec(&jit.env, code_start);
        memcpy(jit.mem, g2h(MEM_ADDR), MEM_SIZE);
        bool ok = same(&ref, &jit) && ref.env.count == 0 && jit.env.count == 0;
        check(ok, "a self-loop runs the same as the interpreter", seed);
        if (!ok) {
            printf("count %u vs %u, exit %lx vs %lx\n", ref.env.count, jit.env.count,
                   (unsigned long)ref.exit, (unsigned long)jit.exit);
            report("loop: interp vs x86", &ref, &jit, b);
        }
        free(tb.fault_tab);
        ir_block_free(b);
    }
}

/* ---- precise state at faults ---- */

static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_host_pc;
static ucontext_t fault_uc;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    fault_uc = *(ucontext_t *)uc;
    fault_host_pc = (uintptr_t)fault_uc.uc_mcontext.gregs[REG_RIP];
    siglongjmp(fault_jmp, 1);
}

/* A random block that ends with a load from an unmapped page: the state
 * rebuilt from the side table must equal the interpreter's state at the
 * fault (the interpreter keeps guest registers in env at all times). */
static void fault_tests(int count)
{
    struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    static Result ref, jit;
    for (volatile unsigned seed = 1; seed <= (unsigned)count; seed++) {
        IRBlock *b = gen_block(seed + 1000000);
        /* replace the final exit with: insn_start; load from 0x100; exit */
        b->nops--;
        ir_insn_start(b, 0xabc0);
        ir_ld_i32(b, G[rnd() % NG32], ir_const_i32(b, 0x100), MO_32);
        ir_exit_tb(b, EXIT_HALT);
        ir_optimize(b);

        init_state(&ref.env, seed);
        TranslationBlock itb = { .ir = b };
        if (!sigsetjmp(fault_jmp, 1)) {
            interp_exec(&ref.env, &itb);
            check(0, "interpreter faults", seed);
        }
        free(itb.label_pos);

        TranslationBlock tb = { 0 };
        bool gen = x86_gen_block(b, &tb, code_start, 1 << 20);
        tb.code = code_start;
        init_state(&jit.env, seed);
        uint32_t gpc = 0;
        volatile bool restored = false;
        if (gen && !sigsetjmp(fault_jmp, 1)) {
            x86_exec(&jit.env, tb.code);
        } else if (gen) {
            restored = x86_restore_state(&tb, &ctx, &jit.env, fault_host_pc, &fault_uc, &gpc);
        }
        check(restored && gpc == 0xabc0, "fault maps back to its guest instruction", seed);
        bool same_regs = !memcmp(ref.env.g, jit.env.g, sizeof(ref.env.g)) &&
                         !memcmp(ref.env.l, jit.env.l, sizeof(ref.env.l));
        check(same_regs, "registers rebuilt at a fault match the interpreter", seed);
        if (!same_regs)
            report("fault state", &ref, &jit, b);
        free(tb.fault_tab);
        ir_block_free(b);
    }
    signal(SIGSEGV, SIG_DFL);
}

/* Hand-written blocks with values computed by hand. */
static void fixed_tests(void)
{
    static Result r;
    IRBlock *b = ir_block_new(&ctx, 0, 0);
    ir_divs_i32(b, G[0], ir_const_i32(b, 0x80000000u), G[7]);     /* g7 = -1 */
    ir_divu_i32(b, G[1], G[6], ir_const_i32(b, 0));                /* x / 0 = 0 */
    ir_rems_i32(b, G[2], ir_const_i32(b, 7), G[6]);                /* g6 = 0: 7 % 0 = 7 */
    IRTemp lo = ir_temp_i32(b), hi = ir_temp_i32(b);
    ir_mulu2_i32(b, lo, hi, G[7], G[7]);                           /* ffffffff^2 */
    ir_mov_i32(b, G[3], hi);
    ir_mov_i32(b, G[4], lo);
    ir_subc_i32(b, G[5], ir_temp_i32(b), G[6], G[7], ir_const_i32(b, 1));
    ir_exit_tb(b, EXIT_HALT);
    /* g5's carry output went to a scratch temp; g5 = 0 - ffffffff = 1 */
    for (int pass = 0; pass < 2; pass++) {
        IRBlock *o = copy_block(b);
        ir_optimize(o);
        TestEnv *e = &r.env;
        TranslationBlock tb = { 0 };
        bool gen = pass == 0 || x86_gen_block(o, &tb, code_start, 1 << 20);
        memset(e->g, 0, sizeof(e->g));
        e->g[6] = 0;
        e->g[7] = 0xffffffffu;
        if (pass == 0) {
            TranslationBlock itb = { .ir = o };
            interp_exec(e, &itb);
            free(itb.label_pos);
        } else if (gen) {
            x86_exec(e, code_start);
        }
        const char *who = pass ? "x86" : "interp";
        char what[80];
        snprintf(what, sizeof(what), "%s: INT_MIN / -1 = INT_MIN", who);
        check(e->g[0] == 0x80000000u, what, 0);
        snprintf(what, sizeof(what), "%s: x / 0 = 0 and x %% 0 = x", who);
        check(e->g[1] == 0 && e->g[2] == 7, what, 0);
        snprintf(what, sizeof(what), "%s: 0xffffffff squared", who);
        check(e->g[3] == 0xfffffffeu && e->g[4] == 1, what, 0);
        snprintf(what, sizeof(what), "%s: subc", who);
        check(e->g[5] == 1, what, 0);
        free(tb.fault_tab);
        ir_block_free(o);
    }
    ir_block_free(b);
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 3000;
    gmem_init();
    if (gmem_is_err(gmem_mmap(MEM_ADDR, MEM_SIZE, 3, 0x32 /* MAP_PRIVATE|FIXED|ANON */, -1, 0)))
        return 1;
    ir_context_init(&ctx);
    static const char *n32[NG32] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    for (int i = 0; i < NG32; i++)
        G[i] = ir_context_global(&ctx, IR_I32, offsetof(TestEnv, g) + 4 * i, n32[i]);
    L[0] = ir_context_global(&ctx, IR_I64, offsetof(TestEnv, l), "l0");
    L[1] = ir_context_global(&ctx, IR_I64, offsetof(TestEnv, l) + 8, "l1");
    COUNT = ir_context_global(&ctx, IR_I32, offsetof(TestEnv, count), "count");
    code_buf = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    x86_backend_init(code_buf, 2 << 20, &code_start);

    fixed_tests();
    loop_tests(count / 4);
    fault_tests(count / 4);
    random_tests(argc > 2 ? (unsigned)atoi(argv[2]) : 1, count);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
