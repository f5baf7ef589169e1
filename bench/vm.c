/*
 * vm.c: a bytecode interpreter. A small stack machine with a switch-dispatched loop runs a
 * program that counts primes by trial division and sums a polynomial, so the guest spends its
 * time in one indirect jump per bytecode, where block chaining cannot help and the
 * translator's indirect-branch lookup decides the speed. The result is compared with the same
 * computation written directly in C.
 */
#include "bench.h"

enum Op {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_MUL, OP_MOD, OP_LT,
    OP_JMP, OP_JZ, OP_JNZ, OP_DUP, OP_INC, OP_HALT,
};

struct Insn {
    uint8_t op;
    uint32_t arg;
};

static uint32_t run(const struct Insn *code, uint32_t *vars)
{
    uint32_t stack[64];
    uint32_t sp = 0, pc = 0, steps = 0;
    for (;;) {
        const struct Insn *in = &code[pc++];
        steps++;
        switch (in->op) {
        case OP_PUSH: stack[sp++] = in->arg; break;
        case OP_LOAD: stack[sp++] = vars[in->arg]; break;
        case OP_STORE: vars[in->arg] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_JMP: pc = in->arg; break;
        case OP_JZ: if (stack[--sp] == 0) pc = in->arg; break;
        case OP_JNZ: if (stack[--sp] != 0) pc = in->arg; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_INC: vars[in->arg]++; break;
        default: return steps; /* OP_HALT */
        }
    }
}

/* ---- a two-pass assembler with labels ---- */

enum Var { V_N, V_I, V_D, V_PRIME, V_COUNT, V_POLY, N_VARS };
enum Label { L_LOOP, L_DLOOP, L_NEXT, L_DEND, L_END, N_LABELS };

static struct Insn code[128];
static uint32_t code_len, labels[N_LABELS];
static uint8_t is_jump[128];

static void emit(uint8_t op, uint32_t arg)
{
    is_jump[code_len] = op == OP_JMP || op == OP_JZ || op == OP_JNZ;
    code[code_len].op = op;
    code[code_len].arg = arg;
    code_len++;
}

static void label(enum Label l) { labels[l] = code_len; }

static void assemble(void)
{
    emit(OP_PUSH, 2); emit(OP_STORE, V_I);
    label(L_LOOP);
    emit(OP_LOAD, V_I); emit(OP_LOAD, V_N); emit(OP_LT, 0); emit(OP_JZ, L_END);
    emit(OP_PUSH, 1); emit(OP_STORE, V_PRIME); emit(OP_PUSH, 2); emit(OP_STORE, V_D);
    label(L_DLOOP); /* while d*d < i+1 */
    emit(OP_LOAD, V_D); emit(OP_DUP, 0); emit(OP_MUL, 0);
    emit(OP_LOAD, V_I); emit(OP_PUSH, 1); emit(OP_ADD, 0); emit(OP_LT, 0); emit(OP_JZ, L_DEND);
    emit(OP_LOAD, V_I); emit(OP_LOAD, V_D); emit(OP_MOD, 0); emit(OP_JNZ, L_NEXT);
    emit(OP_PUSH, 0); emit(OP_STORE, V_PRIME); emit(OP_JMP, L_DEND);
    label(L_NEXT);
    emit(OP_INC, V_D); emit(OP_JMP, L_DLOOP);
    label(L_DEND); /* count += prime; poly += i*i*3 + 7; i++ */
    emit(OP_LOAD, V_COUNT); emit(OP_LOAD, V_PRIME); emit(OP_ADD, 0); emit(OP_STORE, V_COUNT);
    emit(OP_LOAD, V_I); emit(OP_DUP, 0); emit(OP_MUL, 0); emit(OP_PUSH, 3); emit(OP_MUL, 0);
    emit(OP_PUSH, 7); emit(OP_ADD, 0); emit(OP_LOAD, V_POLY); emit(OP_ADD, 0);
    emit(OP_STORE, V_POLY);
    emit(OP_INC, V_I); emit(OP_JMP, L_LOOP);
    label(L_END);
    emit(OP_HALT, 0);
    for (uint32_t i = 0; i < code_len; i++)
        if (is_jump[i])
            code[i].arg = labels[code[i].arg];
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 20);
    uint32_t checksum = 0;
    assemble();
    for (uint32_t round = 0; round < scale; round++) {
        uint32_t limit = 20000 + (round % 7) * 100;
        uint32_t vars[N_VARS] = {limit};
        uint32_t steps = run(code, vars);

        /* The same computation in C. */
        uint32_t count = 0, poly = 0;
        for (uint32_t i = 2; i < limit; i++) {
            uint32_t prime = 1;
            for (uint32_t d = 2; d * d < i + 1; d++) {
                if (i % d == 0) {
                    prime = 0;
                    break;
                }
            }
            count += prime;
            poly += i * i * 3 + 7;
        }
        if (vars[V_COUNT] != count || vars[V_POLY] != poly)
            return bench_fail("vm", "interpreted result differs from the C computation");
        checksum = checksum * 31 + vars[V_COUNT] + vars[V_POLY] + steps;
    }
    return bench_report("vm", scale, checksum);
}
