/*
 * bigstack.c: stack-heavy code and unusual control flow.
 * - recursion 100,000 frames deep (non-tail, so every frame stays live);
 * - alloca and variable-length arrays of varying sizes, in loops and recursion;
 * - functions with 64 KiB of locals, nested, touched from both ends;
 * - variadic functions taking many mixed arguments (int, long long, double, structs by value)
 *   and forwarding a va_list;
 * - small and large structs passed and returned by value;
 * - tables of function pointers;
 * - a computed-goto (&&label) bytecode interpreter, checked against a switch interpreter;
 * - sparse and dense switch statements checked against if-chains.
 */
#include <alloca.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

/* ---- deep recursion ---- */

static NOINLINE uint64_t deep_sum(int n, volatile uint32_t *sink)
{
    volatile uint32_t local = (uint32_t)n * 2654435761u;
    if (n == 0)
        return 0;
    uint64_t r = deep_sum(n - 1, sink) + local;
    *sink ^= local; /* after the call, so the frame must survive */
    return r;
}

static NOINLINE int deep_depth(int n, uintptr_t prev_frame, int *ok)
{
    volatile char here = (char)n;
    uintptr_t me = (uintptr_t)&here;
    /* the stack grows down: each frame is below its caller's */
    if (prev_frame && !(me < prev_frame))
        *ok = 0;
    if (n == 0)
        return 0;
    int r = deep_depth(n - 1, me, ok);
    /* read the local after the call so the frame stays live */
    return r + 1 + (here != (char)n);
}

static void test_deep_recursion(void)
{
    const int depth = 100000;
    volatile uint32_t sink = 0;
    uint64_t got = deep_sum(depth, &sink);
    uint64_t want = 0;
    uint32_t want_sink = 0;
    for (int i = 1; i <= depth; i++) {
        want += (uint32_t)i * 2654435761u;
        want_sink ^= (uint32_t)i * 2654435761u;
    }
    CHECK_U64(got, want, "deep_sum of 100000 frames");
    CHECK_U32(sink, want_sink, "deep_sum side effects");
    int ok = 1;
    CHECK(deep_depth(depth, 0, &ok) == depth, "deep_depth count");
    CHECK(ok, "frames grow downwards");
}

/* ---- alloca and VLAs ---- */

static NOINLINE uint32_t vla_work(int n)
{
    uint32_t v[n];
    for (int i = 0; i < n; i++)
        v[i] = (uint32_t)(i * i + n);
    uint32_t s = 0;
    for (int i = n - 1; i >= 0; i--)
        s = s * 31 + v[i];
    return s;
}

static uint32_t vla_ref(int n)
{
    uint32_t s = 0;
    for (int i = n - 1; i >= 0; i--)
        s = s * 31 + (uint32_t)(i * i + n);
    return s;
}

static NOINLINE uint32_t alloca_recursive(int depth, int size)
{
    unsigned char *p = alloca(size);
    memset(p, depth & 0xff, size);
    uint32_t below = depth ? alloca_recursive(depth - 1, size + 13) : 0;
    uint32_t s = 0;
    for (int i = 0; i < size; i++)
        s += p[i];
    return s + below;
}

static NOINLINE int alloca_loop(int rounds)
{
    /* alloca in a loop accumulates; all blocks must stay distinct and intact */
    unsigned char *blocks[64];
    int ok = 1;
    for (int r = 0; r < rounds; r++) {
        int sz = 16 + r * 24;
        blocks[r] = alloca(sz);
        memset(blocks[r], r + 1, sz);
        /* alignment of alloca is at least 8 */
        ok &= ((uintptr_t)blocks[r] & 7) == 0;
    }
    for (int r = 0; r < rounds; r++) {
        int sz = 16 + r * 24;
        for (int i = 0; i < sz; i++)
            ok &= blocks[r][i] == r + 1;
    }
    return ok;
}

static NOINLINE double vla_2d(int rows, int cols)
{
    double m[rows][cols];
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            m[i][j] = i * 0.5 + j;
    double t = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            t += m[i][j] * (sizeof m[i] / sizeof m[i][0] == (size_t)cols);
    return t;
}

static void test_alloca_vla(void)
{
    for (int n = 1; n < 5000; n = n * 3 + 1)
        CHECK_U32(vla_work(OPAQUE(n)), vla_ref(n), "vla");
    uint32_t want = 0;
    for (int d = 0; d <= 40; d++)
        want += (uint32_t)(d & 0xff) * (uint32_t)(100 + 13 * (40 - d));
    CHECK_U32(alloca_recursive(40, 100), want, "alloca in recursion");
    CHECK(alloca_loop(OPAQUE(60)), "alloca in a loop");
    for (int rows = 1; rows < 30; rows += 7) {
        for (int cols = 1; cols < 40; cols += 9) {
            /* sum of i/2 + j over the grid = cols*rows(rows-1)/4 + rows*cols(cols-1)/2 */
            double want_d = cols * rows * (rows - 1) / 4.0 + rows * cols * (cols - 1) / 2.0;
            CHECK(vla_2d(OPAQUE(rows), OPAQUE(cols)) == want_d, "vla 2d %dx%d", rows, cols);
        }
    }
}

/* ---- large frames ---- */

static NOINLINE uint32_t big_frame(int seed, int nest)
{
    volatile uint32_t big[16384]; /* 64 KiB */
    big[0] = (uint32_t)seed;
    big[16383] = (uint32_t)seed * 3;
    for (int i = 1; i < 16383; i += 97)
        big[i] = (uint32_t)(i ^ seed);
    uint32_t inner = nest ? big_frame(seed + 1, nest - 1) : 0;
    uint32_t s = big[0] + big[16383] + inner;
    for (int i = 1; i < 16383; i += 97)
        s += big[i];
    return s;
}

static uint32_t big_frame_ref(int seed, int nest)
{
    uint32_t s = 0;
    for (int k = 0; k <= nest; k++) {
        uint32_t sd = (uint32_t)(seed + k);
        s += sd + sd * 3;
        for (int i = 1; i < 16383; i += 97)
            s += (uint32_t)i ^ sd;
    }
    return s;
}

static void test_big_frames(void)
{
    CHECK_U32(big_frame(7, 0), big_frame_ref(7, 0), "one 64 KiB frame");
    CHECK_U32(big_frame(100, 12), big_frame_ref(100, 12), "13 nested 64 KiB frames");
}

/* ---- variadic functions ---- */

struct pair {
    int a;
    double b;
};

struct triple {
    char c;
    short s;
    int i;
};

struct big {
    uint32_t w[10];
};

/* fmt: i=int, L=long long, d=double, p=struct pair, t=struct triple, b=struct big */
static double vsum(const char *fmt, va_list ap)
{
    double total = 0;
    for (const char *f = fmt; *f; f++) {
        switch (*f) {
        case 'i':
            total += va_arg(ap, int);
            break;
        case 'L':
            total += (double)va_arg(ap, long long);
            break;
        case 'd':
            total += va_arg(ap, double);
            break;
        case 'p': {
            struct pair p = va_arg(ap, struct pair);
            total += p.a + p.b;
            break;
        }
        case 't': {
            struct triple t = va_arg(ap, struct triple);
            total += t.c + t.s + t.i;
            break;
        }
        case 'b': {
            struct big b = va_arg(ap, struct big);
            for (int k = 0; k < 10; k++)
                total += b.w[k];
            break;
        }
        }
    }
    return total;
}

static NOINLINE double sum_mixed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    double t = vsum(fmt, ap);
    va_end(ap);
    return t;
}

/* va_copy: walks the list twice */
static NOINLINE double sum_twice(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    double a = vsum(fmt, ap);
    double b = vsum(fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return a + b;
}

static NOINLINE int format_into(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static NOINLINE long long sum_ll(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    long long s = 0;
    for (int i = 0; i < count; i++)
        s += va_arg(ap, long long) * (i + 1);
    va_end(ap);
    return s;
}

static void test_varargs(void)
{
    struct pair p1 = { 3, 0.25 }, p2 = { -10, 1.5 };
    struct triple t1 = { 5, -300, 70000 };
    struct big bg;
    for (int k = 0; k < 10; k++)
        bg.w[k] = (uint32_t)(k * 1000 + 1);
    double want = 1 + 2.5 + 3 + 0.25 + (double)(1LL << 40) + 5 - 300 + 70000 + 7 +
                  (-10 + 1.5) + (45000 + 10) + -8.0 + (double)-(1LL << 35);
    double got = sum_mixed("idpLtipbdL", 1, 2.5, p1, 1LL << 40, t1, 7, p2, bg, -8.0,
                           -(1LL << 35));
    CHECK(got == want, "mixed varargs: got %.17g want %.17g", got, want);
    /* odd argument counts so long longs and doubles land at both register and stack alignments */
    CHECK(sum_mixed("iLiLidid", 1, 2LL, 3, 4LL, 5, 6.0, 7, 8.0) == 36.0, "alignment mix");
    CHECK(sum_mixed("dddddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0,
                    12.0) == 78.0, "twelve doubles");
    CHECK(sum_twice("ipd", 4, p1, 0.5) == 2 * (4 + 3.25 + 0.5), "va_copy");
    CHECK(sum_ll(6, 1LL, -2LL, 3LL << 33, 4LL, 5LL, -(6LL << 40)) ==
              1 - 4 + 3 * (3LL << 33) + 16 + 25 - 6 * (6LL << 40), "long long varargs");
    char buf[128];
    int n = format_into(buf, sizeof buf, "%d|%lld|%.3f|%s|%c|%x|%u", -42, -1234567890123LL, 2.5,
                        "str", 'Q', 0xbeefu, 4000000000u);
    CHECK_STR(buf, "-42|-1234567890123|2.500|str|Q|beef|4000000000", "vsnprintf forwarding");
    CHECK(n == (int)strlen(buf), "vsnprintf length");
}

/* ---- structs by value ---- */

struct small_ret {
    uint8_t a, b;
    uint16_t c;
};

struct mid_ret {
    int x, y, z;
};

struct float_ret {
    double re, im;
};

static NOINLINE struct small_ret make_small(int v)
{
    struct small_ret r = { (uint8_t)v, (uint8_t)(v >> 8), (uint16_t)(v * 3) };
    return r;
}

static NOINLINE struct mid_ret add_mid(struct mid_ret a, struct mid_ret b)
{
    struct mid_ret r = { a.x + b.x, a.y + b.y, a.z + b.z };
    return r;
}

static NOINLINE struct big scale_big(struct big b, uint32_t k, struct pair extra)
{
    for (int i = 0; i < 10; i++)
        b.w[i] = b.w[i] * k + (uint32_t)extra.a;
    return b;
}

static NOINLINE struct float_ret cmul(struct float_ret a, struct float_ret b)
{
    struct float_ret r = { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re };
    return r;
}

static void test_struct_values(void)
{
    struct small_ret s = make_small(OPAQUE(0x1234));
    CHECK(s.a == 0x34 && s.b == 0x12 && s.c == (uint16_t)(0x1234 * 3), "small struct return");
    struct mid_ret m = { 1, 2, 3 };
    for (int i = 0; i < 10; i++)
        m = add_mid(m, (struct mid_ret){ i, -i, 2 * i });
    CHECK(m.x == 46 && m.y == -43 && m.z == 93, "mid struct by value");
    struct big b;
    for (int i = 0; i < 10; i++)
        b.w[i] = (uint32_t)i;
    struct big r = scale_big(b, 7, (struct pair){ 100, 0 });
    int ok = 1;
    for (int i = 0; i < 10; i++)
        ok &= r.w[i] == (uint32_t)(7 * i + 100) && b.w[i] == (uint32_t)i;
    CHECK(ok, "big struct by value is a copy");
    struct float_ret z = cmul((struct float_ret){ 1, 2 }, (struct float_ret){ 3, -4 });
    CHECK(z.re == 11 && z.im == 2, "double struct (HFA) return: %g %g", z.re, z.im);
}

/* ---- function pointer tables ---- */

static int f_add(int a, int b) { return a + b; }
static int f_sub(int a, int b) { return a - b; }
static int f_mul(int a, int b) { return a * b; }
static int f_max(int a, int b) { return a > b ? a : b; }
static int f_xor(int a, int b) { return a ^ b; }
static int f_shl(int a, int b) { return (int)((unsigned)a << (b & 31)); }

typedef int (*binop)(int, int);
static binop const optable[] = { f_add, f_sub, f_mul, f_max, f_xor, f_shl };

static int ref_op(int k, int a, int b)
{
    switch (k) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a > b ? a : b;
    case 4: return a ^ b;
    default: return (int)((unsigned)a << (b & 31));
    }
}

static NOINLINE int apply_chain(const binop *table, const uint8_t *ops, int n, int acc)
{
    for (int i = 0; i < n; i++)
        acc = table[ops[i]](acc, i + 1);
    return acc;
}

static void test_function_tables(void)
{
    uint8_t ops[500];
    check_seed(5);
    for (int i = 0; i < 500; i++)
        ops[i] = (uint8_t)(check_rand() % 6);
    int want = 1;
    for (int i = 0; i < 500; i++)
        want = ref_op(ops[i], want, i + 1);
    CHECK(apply_chain(optable, ops, 500, 1) == want, "function pointer table");
    /* a pointer to a table of pointers, selected at run time */
    binop local[6];
    for (int i = 0; i < 6; i++)
        local[i] = optable[5 - i];
    int want2 = 1;
    for (int i = 0; i < 500; i++)
        want2 = ref_op(5 - ops[i], want2, i + 1);
    CHECK(apply_chain(local, ops, 500, 1) == want2, "reversed function table");
}

/* ---- computed goto interpreter ---- */

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_SWAP, OP_OVER, OP_DEC, OP_JNZ, OP_DROP, OP_HALT };

static NOINLINE int64_t run_goto(const int *code, int *steps)
{
    static const void *const labels[] = { &&op_push, &&op_add, &&op_mul, &&op_dup,
                                          &&op_swap, &&op_over, &&op_dec, &&op_jnz,
                                          &&op_drop, &&op_halt };
    int64_t stack[64];
    int sp = 0, pc = 0, n = 0;
#define NEXT                                                                                 \
    do {                                                                                     \
        n++;                                                                                 \
        goto *labels[code[pc++]];                                                            \
    } while (0)
    NEXT;
op_push:
    stack[sp++] = code[pc++];
    NEXT;
op_add:
    sp--;
    stack[sp - 1] += stack[sp];
    NEXT;
op_mul:
    sp--;
    stack[sp - 1] *= stack[sp];
    NEXT;
op_dup:
    stack[sp] = stack[sp - 1];
    sp++;
    NEXT;
op_swap: {
    int64_t t = stack[sp - 1];
    stack[sp - 1] = stack[sp - 2];
    stack[sp - 2] = t;
    NEXT;
}
op_over:
    stack[sp] = stack[sp - 2];
    sp++;
    NEXT;
op_dec:
    stack[sp - 1]--;
    NEXT;
op_jnz: {
    int target = code[pc++];
    if (stack[--sp] != 0)
        pc = target;
    NEXT;
}
op_drop:
    sp--;
    NEXT;
op_halt:
    *steps = n;
    return stack[sp - 1];
#undef NEXT
}

static NOINLINE int64_t run_switch(const int *code, int *steps)
{
    int64_t stack[64];
    int sp = 0, pc = 0, n = 0;
    for (;;) {
        n++;
        switch (code[pc++]) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case OP_OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case OP_DEC: stack[sp - 1]--; break;
        case OP_JNZ: { int target = code[pc++]; if (stack[--sp] != 0) pc = target; break; }
        case OP_DROP: sp--; break;
        default: *steps = n; return stack[sp - 1];
        }
    }
}

static void test_computed_goto(void)
{
    int s1, s2;
    /* acc = 1; for k = n..1: acc = acc*3 + k */
    for (int n = 1; n <= 30; n++) {
        const int prog[] = {
            OP_PUSH, 1,         /* 0: acc */
            OP_PUSH, n,         /* 2: acc k */
            OP_SWAP,            /* 4: k acc */
            OP_PUSH, 3, OP_MUL, /* 5: k acc*3 */
            OP_OVER, OP_ADD,    /* 8: k acc' */
            OP_SWAP, OP_DEC,    /* 10: acc' k-1 */
            OP_DUP, OP_JNZ, 4,  /* 12: acc' k-1 */
            OP_DROP, OP_HALT,   /* 15 */
        };
        int64_t want = 1;
        for (int k = n; k >= 1; k--)
            want = want * 3 + k;
        CHECK(run_goto(prog, &s1) == want, "goto interpreter, n %d", n);
        CHECK(run_switch(prog, &s2) == want, "switch interpreter, n %d", n);
        CHECK(s1 == s2 && s1 == 4 + 9 * n, "step counts %d %d, n %d", s1, s2, n);
    }
    /* factorial */
    for (int n = 1; n <= 20; n++) {
        const int prog[] = {
            OP_PUSH, 1, OP_PUSH, n,    /* 0: acc k */
            OP_SWAP, OP_OVER, OP_MUL,  /* 4: k acc*k */
            OP_SWAP, OP_DEC,           /* 7: acc k-1 */
            OP_DUP, OP_JNZ, 4,         /* 9 */
            OP_DROP, OP_HALT,          /* 12 */
        };
        int64_t want = 1;
        for (int k = 2; k <= n; k++)
            want *= k;
        CHECK(run_goto(prog, &s1) == want, "goto factorial %d", n);
    }
    /* random straight-line programs: the two interpreters agree with a direct evaluation */
    check_seed(31337);
    for (int iter = 0; iter < 300; iter++) {
        int prog[400], len = 0, depth = 0;
        int64_t model[64];
        for (int i = 0; i < 150; i++) {
            int op = (int)(check_rand() % 8);
            if (depth < 2 && op != OP_PUSH)
                op = OP_PUSH;
            if (depth > 60)
                op = OP_DROP;
            switch (op) {
            case OP_PUSH: {
                int v = (int)(check_rand() % 2001) - 1000;
                prog[len++] = OP_PUSH;
                prog[len++] = v;
                model[depth++] = v;
                break;
            }
            case OP_ADD: prog[len++] = op; depth--; model[depth - 1] += model[depth]; break;
            case OP_MUL:
                prog[len++] = op;
                depth--;
                model[depth - 1] = (int64_t)((uint64_t)model[depth - 1] * (uint64_t)model[depth]);
                break;
            case OP_DUP: prog[len++] = op; model[depth] = model[depth - 1]; depth++; break;
            case OP_SWAP: {
                prog[len++] = op;
                int64_t t = model[depth - 1];
                model[depth - 1] = model[depth - 2];
                model[depth - 2] = t;
                break;
            }
            case OP_OVER: prog[len++] = op; model[depth] = model[depth - 2]; depth++; break;
            case OP_DEC: prog[len++] = op; model[depth - 1]--; break;
            default: prog[len++] = OP_DROP; depth--; break;
            }
        }
        if (depth == 0) {
            prog[len++] = OP_PUSH;
            prog[len++] = 0;
            model[depth++] = 0;
        }
        prog[len++] = OP_HALT;
        int64_t g = run_goto(prog, &s1), w = run_switch(prog, &s2);
        CHECK(g == model[depth - 1] && w == g, "random program %d", iter);
    }
}

/* ---- switch statements ---- */

static NOINLINE int sparse_switch(uint32_t x)
{
    switch (x) {
    case 0: return 1;
    case 7: return 2;
    case 100: return 3;
    case 1000: return 4;
    case 4096: return 5;
    case 65535: return 6;
    case 65536: return 7;
    case 1000000: return 8;
    case 0x7fffffff: return 9;
    case 0x80000000u: return 10;
    case 0xdeadbeefu: return 11;
    case 0xffffffffu: return 12;
    default: return -1;
    }
}

static int sparse_ref(uint32_t x)
{
    static const uint32_t keys[] = { 0, 7, 100, 1000, 4096, 65535, 65536, 1000000,
                                     0x7fffffff, 0x80000000u, 0xdeadbeefu, 0xffffffffu };
    for (int i = 0; i < 12; i++)
        if (keys[i] == x)
            return i + 1;
    return -1;
}

static NOINLINE int dense_switch(int x)
{
    switch (x) {
    case -3: return 30;
    case -2: return 20;
    case -1: return 10;
    case 0: return 0;
    case 1: return 11;
    case 2: return 22;
    case 3: return 33;
    case 4: return 44;
    case 5: return 55;
    case 6: return 66;
    case 7: return 77;
    case 8: return 88;
    case 9: return 99;
    case 10: return 110;
    case 11: return 121;
    case 12: return 132;
    case 14: return 154;
    case 15: return 165;
    case 16: return 176;
    case 17: return 187;
    case 18: return 198;
    case 19: return 209;
    case 20: return 220;
    default: return -7;
    }
}

static int dense_ref(int x)
{
    if (x >= -3 && x <= -1)
        return -10 * x;
    if (x >= 0 && x <= 20 && x != 13)
        return 11 * x;
    return -7;
}

/* A wide table (300 cases) so Thumb needs TBH rather than TBB. */
#define C10(b) case b + 0: case b + 1: case b + 2: case b + 3: case b + 4: \
               case b + 5: case b + 6: case b + 7: case b + 8: case b + 9:
static NOINLINE int wide_switch(unsigned x)
{
    switch (x) {
    C10(0) return (int)x * 1;
    C10(10) C10(20) return (int)x * 2;
    C10(30) C10(40) C10(50) C10(60) return (int)x * 3 + 1;
    C10(70) C10(80) C10(90) C10(100) C10(110) return (int)x - 5;
    C10(120) C10(130) C10(140) C10(150) return (int)x ^ 0x55;
    case 160: return 1600;
    C10(170) C10(180) C10(190) return (int)x << 2;
    C10(200) C10(210) C10(220) C10(230) C10(240) return 7;
    C10(250) C10(260) C10(270) C10(280) C10(290) return (int)x * x;
    default: return -1;
    }
}

static int wide_ref(unsigned x)
{
    int v = (int)x;
    if (x < 10) return v;
    if (x < 30) return v * 2;
    if (x < 70) return v * 3 + 1;
    if (x < 120) return v - 5;
    if (x < 160) return v ^ 0x55;
    if (x == 160) return 1600;
    if (x < 170) return -1;
    if (x < 200) return v << 2;
    if (x < 250) return 7;
    if (x < 300) return v * v;
    return -1;
}

static void test_switches(void)
{
    static const uint32_t probes[] = { 0, 1, 6, 7, 8, 99, 100, 101, 999, 1000, 4095, 4096,
                                       65534, 65535, 65536, 65537, 999999, 1000000,
                                       0x7ffffffe, 0x7fffffff, 0x80000000u, 0x80000001u,
                                       0xdeadbeefu, 0xdeadbeeeu, 0xfffffffeu, 0xffffffffu };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++)
        CHECK(sparse_switch(OPAQUE((uint32_t)probes[i])) == sparse_ref(probes[i]), "sparse switch %u",
              (unsigned)probes[i]);
    for (int x = -10; x < 30; x++)
        CHECK(dense_switch(OPAQUE(x)) == dense_ref(x), "dense switch %d", x);
    CHECK(dense_switch(OPAQUE(INT32_MIN)) == -7 && dense_switch(OPAQUE(INT32_MAX)) == -7,
          "dense switch extremes");
    for (unsigned x = 0; x < 320; x++)
        CHECK(wide_switch(OPAQUE(x)) == wide_ref(x), "wide switch %u", x);
    CHECK(wide_switch(OPAQUE(0xffffffffu)) == -1, "wide switch max");
}

int main(void)
{
    test_deep_recursion();
    test_alloca_vla();
    test_big_frames();
    test_varargs();
    test_struct_values();
    test_function_tables();
    test_computed_goto();
    test_switches();
    return check_summary("bigstack");
}
