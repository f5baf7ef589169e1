/*
 * recursion.c: calls, returns and deep stacks. Ackermann, naive Fibonacci, a recursive-descent
 * expression parser, mutual recursion, Towers of Hanoi, permutation generation, recursion
 * through function pointers and a stack several megabytes deep. Return-address prediction,
 * block chaining across calls and the translation of pushes/pops (LDM/STM, PUSH/POP with PC)
 * all show up here. Expected values are closed forms from mathematics.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

NOINLINE static uint32_t ackermann(uint32_t m, uint32_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

NOINLINE static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* ---- recursive-descent parser for integer expressions ---- */

struct Parser {
    const char *p;
    int error;
};

static int32_t parse_expr(struct Parser *ps);

static void skip_spaces(struct Parser *ps)
{
    while (*ps->p == ' ')
        ps->p++;
}

NOINLINE static int32_t parse_primary(struct Parser *ps)
{
    skip_spaces(ps);
    if (*ps->p == '(') {
        ps->p++;
        int32_t v = parse_expr(ps);
        skip_spaces(ps);
        if (*ps->p != ')')
            ps->error = 1;
        else
            ps->p++;
        return v;
    }
    if (*ps->p == '-') {
        ps->p++;
        return -parse_primary(ps);
    }
    if (*ps->p < '0' || *ps->p > '9') {
        ps->error = 1;
        return 0;
    }
    int32_t v = 0;
    while (*ps->p >= '0' && *ps->p <= '9')
        v = v * 10 + (*ps->p++ - '0');
    return v;
}

NOINLINE static int32_t parse_term(struct Parser *ps)
{
    int32_t v = parse_primary(ps);
    for (;;) {
        skip_spaces(ps);
        char op = *ps->p;
        if (op != '*' && op != '/' && op != '%')
            return v;
        ps->p++;
        int32_t r = parse_primary(ps);
        if (op != '*' && r == 0) {
            ps->error = 1;
            return 0;
        }
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
}

NOINLINE static int32_t parse_expr(struct Parser *ps)
{
    int32_t v = parse_term(ps);
    for (;;) {
        skip_spaces(ps);
        char op = *ps->p;
        if (op != '+' && op != '-')
            return v;
        ps->p++;
        int32_t r = parse_term(ps);
        v = op == '+' ? v + r : v - r;
    }
}

static int32_t evaluate(const char *text, int *error)
{
    struct Parser ps = {text, 0};
    int32_t v = parse_expr(&ps);
    skip_spaces(&ps);
    *error = ps.error || *ps.p != 0;
    return v;
}

static void check_parser(void)
{
    static const struct {
        const char *text;
        int32_t value;
    } cases[] = {
        {"1+2*3", 7},
        {"(1+2)*3", 9},
        {"100 / 7 % 4", 2},
        {"-(3 - 10) * -2", -14},
        {"2*(3+(4*(5+(6*(7+8)))))", 766},
        {"1-2-3-4", -8},
        {"((((((((((42))))))))))", 42},
        {"7 % -3 + -7 / 2", -2},
        {"123456 * 1000 / 1000", 123456},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int err;
        int32_t v = evaluate(cases[i].text, &err);
        CHECK(!err && v == cases[i].value, "\"%s\" = %d (error %d), want %d", cases[i].text, v,
              err, cases[i].value);
    }
    int err;
    evaluate("1 + (2", &err);
    CHECK(err, "unbalanced parenthesis is an error");
    evaluate("4 / 0", &err);
    CHECK(err, "division by zero is an error");

    /* Deep nesting: "(((...(1)...)))" with 5000 levels, then a long sum. */
    static char deep[10100];
    int n = 0;
    for (int i = 0; i < 5000; i++)
        deep[n++] = '(';
    deep[n++] = '1';
    for (int i = 0; i < 5000; i++)
        deep[n++] = ')';
    deep[n] = 0;
    CHECK(evaluate(deep, &err) == 1 && !err, "5000 nested parentheses");
    n = 0;
    for (int i = 1; i <= 1000; i++)
        n += sprintf(deep + n, "%s%d", i > 1 ? "+" : "", i % 10);
    CHECK(evaluate(deep, &err) == 4500 && !err, "long sum");
}

/* ---- mutual recursion, kept from becoming loops by work after each call ---- */

static volatile int32_t sink;

NOINLINE static int is_odd(uint32_t n);

NOINLINE static int is_even(uint32_t n)
{
    if (n == 0)
        return 1;
    int r = is_odd(n - 1);
    sink = (int32_t)n;
    return r;
}

NOINLINE static int is_odd(uint32_t n)
{
    if (n == 0)
        return 0;
    int r = is_even(n - 1);
    sink = (int32_t)n;
    return r;
}

/* Each frame holds a buffer so a depth of 20000 needs a few megabytes of stack. */
NOINLINE static uint32_t deep_frames(uint32_t n)
{
    volatile uint8_t pad[128];
    for (int i = 0; i < 128; i += 32)
        pad[i] = (uint8_t)(n + i);
    if (n == 0)
        return 0;
    uint32_t r = deep_frames(n - 1);
    return r + pad[(n % 4) * 32] - (uint8_t)(n + (n % 4) * 32) + 1;
}

/* ---- Hanoi and permutations ---- */

static uint32_t hanoi_moves;
static uint8_t pegs[3][32];
static int peg_height[3];
static int hanoi_ok = 1;

NOINLINE static void hanoi(int n, int from, int to, int via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    /* Move the top disc, checking that a larger disc never lands on a smaller one. */
    uint8_t disc = pegs[from][--peg_height[from]];
    if (peg_height[to] > 0 && pegs[to][peg_height[to] - 1] < disc)
        hanoi_ok = 0;
    pegs[to][peg_height[to]++] = disc;
    hanoi_moves++;
    hanoi(n - 1, via, to, from);
}

static uint32_t perm_count;
static uint32_t perm_checksum;

NOINLINE static void permute(uint8_t *a, int k, int n)
{
    if (k == n) {
        perm_count++;
        uint32_t h = 0;
        for (int i = 0; i < n; i++)
            h = h * 31 + a[i];
        perm_checksum += h;
        return;
    }
    for (int i = k; i < n; i++) {
        uint8_t t = a[k];
        a[k] = a[i];
        a[i] = t;
        permute(a, k + 1, n);
        a[i] = a[k];
        a[k] = t;
    }
}

/* ---- function pointers ---- */

typedef uint32_t (*UnaryFn)(uint32_t);

static uint32_t twice(uint32_t x) { return x * 2; }
static uint32_t plus3(uint32_t x) { return x + 3; }
static uint32_t square(uint32_t x) { return x * x; }
static uint32_t halve(uint32_t x) { return x / 2; }

NOINLINE static uint32_t apply_all(const UnaryFn *fns, int n, uint32_t x)
{
    if (n == 0)
        return x;
    return apply_all(fns + 1, n - 1, fns[0](x));
}

/* Recursion through a pointer to itself, the way an interpreter would call closures. */
struct Closure {
    uint32_t (*fn)(const struct Closure *, uint32_t);
    uint32_t bias;
};

static uint32_t closure_sum(const struct Closure *self, uint32_t n)
{
    return n == 0 ? self->bias : n + self->fn(self, n - 1);
}

static void check_function_pointers(void)
{
    const UnaryFn fns[] = {twice, plus3, square, halve, plus3};
    /* ((5*2)+3)^2 / 2 + 3 = 169/2 + 3 = 87 */
    CHECK(apply_all(fns, 5, 5) == 87, "apply_all: %u", apply_all(fns, 5, 5));
    UnaryFn table[256];
    for (int i = 0; i < 256; i++)
        table[i] = fns[i % 4];
    uint32_t x = 1;
    for (int round = 0; round < 1000; round++)
        x = table[(x + round) & 255](x) & 0xffff;
    uint32_t y = 1;
    for (int round = 0; round < 1000; round++) {
        uint32_t k = ((y + round) & 255) % 4;
        y = (k == 0 ? y * 2 : k == 1 ? y + 3 : k == 2 ? y * y : y / 2) & 0xffff;
    }
    CHECK(x == y, "function table: %u vs %u", x, y);
    struct Closure c = {closure_sum, 1000};
    CHECK(c.fn(&c, 3000) == 3000u * 3001 / 2 + 1000, "closure recursion");
}

int main(void)
{
    CHECK(ackermann(2, 3) == 9, "A(2,3) = 2*3+3");
    CHECK(ackermann(3, 3) == 61, "A(3,3) = 2^6-3");
    CHECK(ackermann(3, 6) == 509, "A(3,6) = 2^9-3: %u", ackermann(3, 6));
    CHECK(fib(25) == 75025, "fib(25): %u", fib(25));
    CHECK(fib(1) == 1 && fib(0) == 0, "fib base cases");

    check_parser();

    CHECK(is_even(100000) && !is_odd(100000), "mutual recursion, even");
    CHECK(is_odd(77777) && !is_even(77777), "mutual recursion, odd");
    CHECK(deep_frames(20000) == 20000, "deep frames");

    for (int i = 0; i < 20; i++)
        pegs[0][i] = (uint8_t)(20 - i);
    peg_height[0] = 20;
    hanoi(20, 0, 2, 1);
    CHECK(hanoi_moves == (1u << 20) - 1, "hanoi moves %u", hanoi_moves);
    CHECK(hanoi_ok && peg_height[2] == 20 && peg_height[0] == 0, "hanoi legality");
    int stacked = 1;
    for (int i = 0; i < 20; i++)
        stacked &= pegs[2][i] == 20 - i;
    CHECK(stacked, "hanoi final order");

    uint8_t items[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    permute(items, 0, 8);
    CHECK(perm_count == 40320, "8! permutations: %u", perm_count);
    /* Each value appears 7! times at each position: sum over positions of 36*5040*31^k. */
    uint32_t want = 0;
    for (int k = 0; k < 8; k++) {
        uint32_t p = 1;
        for (int j = 0; j < k; j++)
            p *= 31;
        want += 36u * 5040u * p;
    }
    CHECK(perm_checksum == want, "permutation checksum %u want %u", perm_checksum, want);
    CHECK(memcmp(items, "\1\2\3\4\5\6\7\10", 8) == 0, "permute restores its array");

    check_function_pointers();
    return check_summary("recursion");
}
