/*
 * condcodes.c: ARM condition flags and conditional execution.
 *
 * - C comparisons (==, !=, <, <=, >, >= signed and unsigned) on many value pairs, against
 *   references computed with bit operations only (no compare instructions involved).
 * - Inline assembly: after CMP, CMN, TST, TEQ and after MSR writing each of the 16 NZCV
 *   combinations, all 14 conditions are evaluated with conditional instructions (ARM
 *   conditional execution, Thumb IT blocks) and compared with the architectural truth table.
 * - Flag-setting arithmetic (ADDS, SUBS, ADCS, SBCS, RSBS), register and immediate shifts with
 *   carry out, logical operations with shifter carry, and saturating arithmetic (Q flag), read
 *   back with MRS APSR.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#ifdef __thumb__
#define IT(c) "it " #c "\n\t"
#else
#define IT(c) ""
#endif

#define FLAG_N (1u << 31)
#define FLAG_Z (1u << 30)
#define FLAG_C (1u << 29)
#define FLAG_V (1u << 28)
#define FLAG_Q (1u << 27)
#define NZCV_MASK 0xf0000000u

enum { EQ, NE, CS, CC, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, NCONDS };
static const char *const cond_names[NCONDS] = {"eq", "ne", "cs", "cc", "mi", "pl", "vs",
                                               "vc", "hi", "ls", "ge", "lt", "gt", "le"};

/* Sets bit k of the result when condition k holds for the current flags. */
#define COND_MASK_ASM                       \
    IT(eq) "orreq %0, %0, #1\n\t"           \
    IT(ne) "orrne %0, %0, #2\n\t"           \
    IT(cs) "orrcs %0, %0, #4\n\t"           \
    IT(cc) "orrcc %0, %0, #8\n\t"           \
    IT(mi) "orrmi %0, %0, #16\n\t"          \
    IT(pl) "orrpl %0, %0, #32\n\t"          \
    IT(vs) "orrvs %0, %0, #64\n\t"          \
    IT(vc) "orrvc %0, %0, #128\n\t"         \
    IT(hi) "orrhi %0, %0, #256\n\t"         \
    IT(ls) "orrls %0, %0, #512\n\t"         \
    IT(ge) "orrge %0, %0, #1024\n\t"        \
    IT(lt) "orrlt %0, %0, #2048\n\t"        \
    IT(gt) "orrgt %0, %0, #4096\n\t"        \
    IT(le) "orrle %0, %0, #8192\n\t"

/* The architectural condition table. */
static uint32_t ref_mask(uint32_t flags)
{
    int n = !!(flags & FLAG_N), z = !!(flags & FLAG_Z);
    int c = !!(flags & FLAG_C), v = !!(flags & FLAG_V);
    int holds[NCONDS] = {
        [EQ] = z,          [NE] = !z,      [CS] = c,      [CC] = !c,
        [MI] = n,          [PL] = !n,      [VS] = v,      [VC] = !v,
        [HI] = c && !z,    [LS] = !c || z, [GE] = n == v, [LT] = n != v,
        [GT] = !z && n == v, [LE] = z || n != v,
    };
    uint32_t m = 0;
    for (int k = 0; k < NCONDS; k++)
        m |= (uint32_t)holds[k] << k;
    return m;
}

static void report_mask(uint32_t got, uint32_t want, const char *what, uint32_t a, uint32_t b)
{
    for (int k = 0; k < NCONDS; k++)
        CHECK(!(((got ^ want) >> k) & 1), "%s 0x%08x, 0x%08x: condition %s is %d, want %d",
              what, a, b, cond_names[k], (int)((got >> k) & 1), (int)((want >> k) & 1));
}

/* Flag references computed with bit operations (Hacker's Delight formulas). */
static uint32_t nz_of(uint32_t r)
{
    uint32_t zero = ((r | (0u - r)) >> 31) ^ 1;
    return (r & FLAG_N) | (zero << 30);
}

static uint32_t flags_sub(uint32_t a, uint32_t b)
{
    uint32_t d = a - b;
    uint32_t borrow = ((~a & b) | ((~a | b) & d)) >> 31;
    uint32_t v = ((a ^ b) & (a ^ d)) >> 31;
    return nz_of(d) | ((borrow ^ 1) << 29) | (v << 28);
}

static uint32_t flags_add(uint32_t a, uint32_t b)
{
    uint32_t s = a + b;
    uint32_t carry = ((a & b) | ((a | b) & ~s)) >> 31;
    uint32_t v = ((a ^ s) & (b ^ s)) >> 31;
    return nz_of(s) | (carry << 29) | (v << 28);
}

/* ---- C comparisons ---- */

__attribute__((noinline)) static int c_eq(uint32_t a, uint32_t b) { return a == b; }
__attribute__((noinline)) static int c_ne(uint32_t a, uint32_t b) { return a != b; }
__attribute__((noinline)) static int c_ult(uint32_t a, uint32_t b) { return a < b; }
__attribute__((noinline)) static int c_ule(uint32_t a, uint32_t b) { return a <= b; }
__attribute__((noinline)) static int c_ugt(uint32_t a, uint32_t b) { return a > b; }
__attribute__((noinline)) static int c_uge(uint32_t a, uint32_t b) { return a >= b; }
__attribute__((noinline)) static int c_slt(int32_t a, int32_t b) { return a < b; }
__attribute__((noinline)) static int c_sle(int32_t a, int32_t b) { return a <= b; }
__attribute__((noinline)) static int c_sgt(int32_t a, int32_t b) { return a > b; }
__attribute__((noinline)) static int c_sge(int32_t a, int32_t b) { return a >= b; }
__attribute__((noinline)) static int32_t c_smin(int32_t a, int32_t b) { return a < b ? a : b; }
__attribute__((noinline)) static uint32_t c_umax(uint32_t a, uint32_t b) { return a > b ? a : b; }
__attribute__((noinline)) static int c_branchy(int32_t a, int32_t b)
{
    int r = 0;
    if (a < b)
        r |= 1;
    if ((uint32_t)a < (uint32_t)b)
        r |= 2;
    if (a == b)
        r |= 4;
    if (a > 0)
        r |= 8;
    if (b <= 0)
        r |= 16;
    return r;
}

static void check_c_compare(uint32_t a, uint32_t b)
{
    uint32_t f = flags_sub(a, b);
    uint32_t m = ref_mask(f);
    int eq = (m >> EQ) & 1, ult = (m >> CC) & 1, ugt = (m >> HI) & 1;
    int slt = (m >> LT) & 1, sgt = (m >> GT) & 1;
    CHECK(c_eq(a, b) == eq, "0x%08x == 0x%08x", a, b);
    CHECK(c_ne(a, b) == !eq, "0x%08x != 0x%08x", a, b);
    CHECK(c_ult(a, b) == ult, "0x%08x <u 0x%08x", a, b);
    CHECK(c_ule(a, b) == (ult || eq), "0x%08x <=u 0x%08x", a, b);
    CHECK(c_ugt(a, b) == ugt, "0x%08x >u 0x%08x", a, b);
    CHECK(c_uge(a, b) == !ult, "0x%08x >=u 0x%08x", a, b);
    CHECK(c_slt((int32_t)a, (int32_t)b) == slt, "%d < %d", (int32_t)a, (int32_t)b);
    CHECK(c_sle((int32_t)a, (int32_t)b) == (slt || eq), "%d <= %d", (int32_t)a, (int32_t)b);
    CHECK(c_sgt((int32_t)a, (int32_t)b) == sgt, "%d > %d", (int32_t)a, (int32_t)b);
    CHECK(c_sge((int32_t)a, (int32_t)b) == !slt, "%d >= %d", (int32_t)a, (int32_t)b);
    CHECK((uint32_t)c_smin((int32_t)a, (int32_t)b) == (slt ? a : b), "min %d %d",
          (int32_t)a, (int32_t)b);
    CHECK(c_umax(a, b) == (ugt ? a : b), "umax 0x%08x 0x%08x", a, b);
    int sa_pos = !(a >> 31) && a != 0, b_nonpos = (b >> 31) || b == 0;
    int want = slt | ult << 1 | eq << 2 | sa_pos << 3 | b_nonpos << 4;
    CHECK(c_branchy((int32_t)a, (int32_t)b) == want, "branches %d %d: got %d want %d",
          (int32_t)a, (int32_t)b, c_branchy((int32_t)a, (int32_t)b), want);
}

/* ---- conditional execution after flag-setting instructions ---- */

static uint32_t mask_after_cmp(uint32_t a, uint32_t b)
{
    uint32_t m;
    __asm__("mov %0, #0\n\tcmp %1, %2\n\t" COND_MASK_ASM : "=&r"(m) : "r"(a), "r"(b) : "cc");
    return m;
}

static uint32_t mask_after_cmn(uint32_t a, uint32_t b)
{
    uint32_t m;
    __asm__("mov %0, #0\n\tcmn %1, %2\n\t" COND_MASK_ASM : "=&r"(m) : "r"(a), "r"(b) : "cc");
    return m;
}

/* TST and TEQ leave C and V alone, so the flags are first set to a known value. */
static uint32_t mask_after_tst(uint32_t flags, uint32_t a, uint32_t b)
{
    uint32_t m;
    __asm__("mov %0, #0\n\tmsr APSR_nzcvq, %3\n\ttst %1, %2\n\t" COND_MASK_ASM
            : "=&r"(m) : "r"(a), "r"(b), "r"(flags) : "cc");
    return m;
}

static uint32_t mask_after_teq(uint32_t flags, uint32_t a, uint32_t b)
{
    uint32_t m;
    __asm__("mov %0, #0\n\tmsr APSR_nzcvq, %3\n\tteq %1, %2\n\t" COND_MASK_ASM
            : "=&r"(m) : "r"(a), "r"(b), "r"(flags) : "cc");
    return m;
}

static uint32_t mask_from_flags(uint32_t flags)
{
    uint32_t m;
    __asm__("mov %0, #0\n\tmsr APSR_nzcvq, %1\n\t" COND_MASK_ASM : "=&r"(m) : "r"(flags) : "cc");
    return m;
}

/* One function per condition: CMP then a conditional MOV. */
#define DEF_MOVCC(c)                                                          \
    static uint32_t mov_##c(uint32_t a, uint32_t b)                           \
    {                                                                         \
        uint32_t r;                                                           \
        __asm__("mov %0, #0\n\tcmp %1, %2\n\t" IT(c) "mov" #c " %0, #1"       \
                : "=&r"(r) : "r"(a), "r"(b) : "cc");                          \
        return r;                                                             \
    }
DEF_MOVCC(eq) DEF_MOVCC(ne) DEF_MOVCC(cs) DEF_MOVCC(cc) DEF_MOVCC(mi) DEF_MOVCC(pl)
DEF_MOVCC(vs) DEF_MOVCC(vc) DEF_MOVCC(hi) DEF_MOVCC(ls) DEF_MOVCC(ge) DEF_MOVCC(lt)
DEF_MOVCC(gt) DEF_MOVCC(le)

static uint32_t (*const mov_funcs[NCONDS])(uint32_t, uint32_t) = {
    mov_eq, mov_ne, mov_cs, mov_cc, mov_mi, mov_pl, mov_vs,
    mov_vc, mov_hi, mov_ls, mov_ge, mov_lt, mov_gt, mov_le,
};

/* Two conditional instructions in one IT block, the second on the inverse condition. */
static uint32_t select_ge(int32_t a, int32_t b)
{
    uint32_t r;
#ifdef __thumb__
    __asm__("cmp %1, %2\n\tite ge\n\tmovge %0, %1\n\tmovlt %0, %2" : "=&r"(r) : "r"(a), "r"(b) : "cc");
#else
    __asm__("cmp %1, %2\n\tmovge %0, %1\n\tmovlt %0, %2" : "=&r"(r) : "r"(a), "r"(b) : "cc");
#endif
    return r;
}

static void check_conditions(uint32_t a, uint32_t b)
{
    uint32_t want_cmp = ref_mask(flags_sub(a, b));
    report_mask(mask_after_cmp(a, b), want_cmp, "cmp", a, b);
    report_mask(mask_after_cmn(a, b), ref_mask(flags_add(a, b)), "cmn", a, b);
    for (int k = 0; k < NCONDS; k++)
        CHECK(mov_funcs[k](a, b) == ((want_cmp >> k) & 1), "cmp 0x%08x, 0x%08x; mov%s", a, b,
              cond_names[k]);
    uint32_t cv = (a ^ b) & (FLAG_C | FLAG_V);
    report_mask(mask_after_tst(cv, a, b), ref_mask(nz_of(a & b) | cv), "tst", a, b);
    report_mask(mask_after_teq(cv, a, b), ref_mask(nz_of(a ^ b) | cv), "teq", a, b);
    uint32_t sel = select_ge((int32_t)a, (int32_t)b);
    CHECK(sel == (((want_cmp >> GE) & 1) ? a : b), "ite ge select %d %d", (int32_t)a, (int32_t)b);
}

static void check_all_flag_combinations(void)
{
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
        uint32_t flags = nzcv << 28;
        report_mask(mask_from_flags(flags), ref_mask(flags), "msr nzcv", nzcv, 0);
    }
}

/* ---- flags written by arithmetic, read back with MRS ---- */

#define FLAG_OP(name, insn)                                                           \
    static uint32_t name(uint32_t in, uint32_t a, uint32_t b, uint32_t *flags)        \
    {                                                                                 \
        uint32_t r, f;                                                                \
        __asm__("msr APSR_nzcvq, %4\n\t" insn "\n\tmrs %1, APSR"                      \
                : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(in) : "cc");               \
        *flags = f;                                                                   \
        return r;                                                                     \
    }
FLAG_OP(op_adds, "adds %0, %2, %3")
FLAG_OP(op_subs, "subs %0, %2, %3")
FLAG_OP(op_adcs, "adcs %0, %2, %3")
FLAG_OP(op_sbcs, "sbcs %0, %2, %3")
FLAG_OP(op_lsls, "lsls %0, %2, %3")
FLAG_OP(op_lsrs, "lsrs %0, %2, %3")
FLAG_OP(op_asrs, "asrs %0, %2, %3")
FLAG_OP(op_rors, "rors %0, %2, %3")
FLAG_OP(op_ands_lsl1, "ands %0, %2, %3, lsl #1")
FLAG_OP(op_orrs_lsr3, "orrs %0, %2, %3, lsr #3")
FLAG_OP(op_eors_asr31, "eors %0, %2, %3, asr #31")

static uint32_t op_rsbs(uint32_t in, uint32_t a, uint32_t b, uint32_t *flags)
{
    uint32_t r, f;
#ifdef __thumb__
    __asm__("msr APSR_nzcvq, %4\n\tsubs %0, %3, %2\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(in) : "cc");
#else
    __asm__("msr APSR_nzcvq, %4\n\trsbs %0, %2, %3\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(in) : "cc");
#endif
    *flags = f;
    return r;
}

static uint32_t op_negs(uint32_t in, uint32_t a, uint32_t *flags)
{
    uint32_t r, f;
    __asm__("msr APSR_nzcvq, %3\n\trsbs %0, %2, #0\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(in) : "cc");
    *flags = f;
    return r;
}

static uint32_t op_rrxs(uint32_t in, uint32_t a, uint32_t *flags)
{
    uint32_t r, f;
    __asm__("msr APSR_nzcvq, %3\n\trrxs %0, %2\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(in) : "cc");
    *flags = f;
    return r;
}

#define SHIFT_IMM_OP(name, insn)                                                      \
    static uint32_t name(uint32_t in, uint32_t a, uint32_t *flags)                    \
    {                                                                                 \
        uint32_t r, f;                                                                \
        __asm__("msr APSR_nzcvq, %3\n\t" insn "\n\tmrs %1, APSR"                      \
                : "=&r"(r), "=&r"(f) : "r"(a), "r"(in) : "cc");                       \
        *flags = f;                                                                   \
        return r;                                                                     \
    }
SHIFT_IMM_OP(op_lsls1, "lsls %0, %2, #1")
SHIFT_IMM_OP(op_lsls31, "lsls %0, %2, #31")
SHIFT_IMM_OP(op_lsrs1, "lsrs %0, %2, #1")
SHIFT_IMM_OP(op_lsrs32, "lsrs %0, %2, #32")
SHIFT_IMM_OP(op_asrs7, "asrs %0, %2, #7")
SHIFT_IMM_OP(op_asrs32, "asrs %0, %2, #32")
SHIFT_IMM_OP(op_rors13, "rors %0, %2, #13")
/* An immediate built with a rotation writes its bit 31 to C; an unrotated one leaves C. */
SHIFT_IMM_OP(op_tst_rotated, "tst %2, #0x3fc\n\tmov %0, #0")
SHIFT_IMM_OP(op_tst_plain, "tst %2, #0xff\n\tmov %0, #0")
SHIFT_IMM_OP(op_movs_high, "movs %0, #0x80000000")

struct ShiftRef {
    uint32_t result, carry;
};

/* Register-specified shifts use the bottom byte of the amount register. */
static struct ShiftRef ref_shift(int kind, uint32_t a, uint32_t amount, uint32_t cin)
{
    uint32_t n = amount & 0xff;
    struct ShiftRef s = {a, cin};
    if (n == 0)
        return s;
    switch (kind) {
    case 0: /* LSL */
        s.result = n < 32 ? a << n : 0;
        s.carry = n < 32 ? (a >> (32 - n)) & 1 : n == 32 ? a & 1 : 0;
        break;
    case 1: /* LSR */
        s.result = n < 32 ? a >> n : 0;
        s.carry = n < 32 ? (a >> (n - 1)) & 1 : n == 32 ? a >> 31 : 0;
        break;
    case 2: /* ASR */
        s.result = n < 32 ? (uint32_t)((int32_t)a >> n) : (uint32_t)((int32_t)a >> 31);
        s.carry = n < 32 ? (a >> (n - 1)) & 1 : a >> 31;
        break;
    default: { /* ROR */
        uint32_t m = n & 31;
        s.result = m ? (a >> m) | (a << (32 - m)) : a;
        s.carry = s.result >> 31;
        break;
    }
    }
    return s;
}

static void check_flags_word(uint32_t got, uint32_t want, const char *what, uint32_t a, uint32_t b)
{
    CHECK((got & NZCV_MASK) == (want & NZCV_MASK), "%s 0x%08x, 0x%08x: flags %x want %x", what, a,
          b, got >> 28, want >> 28);
}

static void check_flag_arith(uint32_t a, uint32_t b, uint32_t in)
{
    uint32_t f, r;
    uint32_t cin = (in >> 29) & 1;
    uint32_t keep_v = in & FLAG_V;

    r = op_adds(in, a, b, &f);
    CHECK_U32(r, a + b, "adds result");
    check_flags_word(f, flags_add(a, b), "adds", a, b);

    r = op_subs(in, a, b, &f);
    CHECK_U32(r, a - b, "subs result");
    check_flags_word(f, flags_sub(a, b), "subs", a, b);

    r = op_rsbs(in, a, b, &f);
    CHECK_U32(r, b - a, "rsbs result");
    check_flags_word(f, flags_sub(b, a), "rsbs", a, b);

    r = op_negs(in, a, &f);
    CHECK_U32(r, 0u - a, "negs result");
    check_flags_word(f, flags_sub(0, a), "negs", a, 0);

    uint64_t wide = (uint64_t)a + b + cin;
    int64_t swide = (int64_t)(int32_t)a + (int32_t)b + cin;
    r = op_adcs(in, a, b, &f);
    CHECK_U32(r, (uint32_t)wide, "adcs result");
    check_flags_word(f, nz_of((uint32_t)wide) | (uint32_t)(wide >> 32) << 29 |
                            (uint32_t)(swide != (int32_t)(uint32_t)wide) << 28, "adcs", a, b);

    wide = (uint64_t)a + (uint32_t)~b + cin;
    swide = (int64_t)(int32_t)a - (int32_t)b - (1 - (int32_t)cin);
    r = op_sbcs(in, a, b, &f);
    CHECK_U32(r, (uint32_t)wide, "sbcs result");
    check_flags_word(f, nz_of((uint32_t)wide) | (uint32_t)(wide >> 32) << 29 |
                            (uint32_t)(swide != (int32_t)(uint32_t)wide) << 28, "sbcs", a, b);

    uint32_t (*shift_ops[4])(uint32_t, uint32_t, uint32_t, uint32_t *) = {
        op_lsls, op_lsrs, op_asrs, op_rors};
    static const char *const shift_names[4] = {"lsls", "lsrs", "asrs", "rors"};
    for (int kind = 0; kind < 4; kind++) {
        struct ShiftRef s = ref_shift(kind, a, b, cin);
        r = shift_ops[kind](in, a, b, &f);
        CHECK(r == s.result, "%s 0x%08x by %u: got 0x%08x want 0x%08x", shift_names[kind], a,
              b & 0xff, r, s.result);
        check_flags_word(f, nz_of(s.result) | s.carry << 29 | keep_v, shift_names[kind], a, b);
    }

    /* Logical operations with a shifted operand take C from the shifter. */
    r = op_ands_lsl1(in, a, b, &f);
    CHECK_U32(r, a & (b << 1), "ands lsl #1");
    check_flags_word(f, nz_of(a & (b << 1)) | (b >> 31) << 29 | keep_v, "ands lsl #1", a, b);
    r = op_orrs_lsr3(in, a, b, &f);
    CHECK_U32(r, a | (b >> 3), "orrs lsr #3");
    check_flags_word(f, nz_of(a | (b >> 3)) | ((b >> 2) & 1) << 29 | keep_v, "orrs lsr #3", a, b);
    uint32_t sgn = (uint32_t)((int32_t)b >> 31);
    r = op_eors_asr31(in, a, b, &f);
    CHECK_U32(r, a ^ sgn, "eors asr #31");
    check_flags_word(f, nz_of(a ^ sgn) | ((b >> 30) & 1) << 29 | keep_v, "eors asr #31", a, b);

    r = op_rrxs(in, a, &f);
    CHECK_U32(r, (cin << 31) | (a >> 1), "rrxs");
    check_flags_word(f, nz_of((cin << 31) | (a >> 1)) | (a & 1) << 29 | keep_v, "rrxs", a, 0);

    r = op_lsls1(in, a, &f);
    check_flags_word(f, nz_of(a << 1) | (a >> 31) << 29 | keep_v, "lsls #1", a, 1);
    CHECK_U32(r, a << 1, "lsls #1");
    r = op_lsls31(in, a, &f);
    check_flags_word(f, nz_of(a << 31) | ((a >> 1) & 1) << 29 | keep_v, "lsls #31", a, 31);
    CHECK_U32(r, a << 31, "lsls #31");
    r = op_lsrs1(in, a, &f);
    check_flags_word(f, nz_of(a >> 1) | (a & 1) << 29 | keep_v, "lsrs #1", a, 1);
    CHECK_U32(r, a >> 1, "lsrs #1");
    r = op_lsrs32(in, a, &f);
    check_flags_word(f, nz_of(0) | (a >> 31) << 29 | keep_v, "lsrs #32", a, 32);
    CHECK_U32(r, 0, "lsrs #32");
    r = op_asrs7(in, a, &f);
    check_flags_word(f, nz_of((uint32_t)((int32_t)a >> 7)) | ((a >> 6) & 1) << 29 | keep_v,
                     "asrs #7", a, 7);
    CHECK_U32(r, (uint32_t)((int32_t)a >> 7), "asrs #7");
    r = op_asrs32(in, a, &f);
    check_flags_word(f, nz_of((uint32_t)((int32_t)a >> 31)) | (a >> 31) << 29 | keep_v,
                     "asrs #32", a, 32);
    CHECK_U32(r, (uint32_t)((int32_t)a >> 31), "asrs #32");
    r = op_rors13(in, a, &f);
    uint32_t ror13 = (a >> 13) | (a << 19);
    check_flags_word(f, nz_of(ror13) | (ror13 >> 31) << 29 | keep_v, "rors #13", a, 13);
    CHECK_U32(r, ror13, "rors #13");

    op_tst_rotated(in, a, &f);
    check_flags_word(f, nz_of(a & 0x3fc) | keep_v, "tst #0x3fc", a, 0);
    op_tst_plain(in, a, &f);
    check_flags_word(f, nz_of(a & 0xff) | cin << 29 | keep_v, "tst #0xff", a, 0);
    r = op_movs_high(in, a, &f);
    CHECK_U32(r, 0x80000000u, "movs #0x80000000");
    check_flags_word(f, FLAG_N | FLAG_C | keep_v, "movs #0x80000000", 0, 0);
}

/* ---- saturation and the sticky Q flag ---- */

static int32_t op_qadd(int32_t a, int32_t b, uint32_t *flags)
{
    int32_t r;
    uint32_t f;
    __asm__("msr APSR_nzcvq, %4\n\tqadd %0, %2, %3\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(0) : "cc");
    *flags = f;
    return r;
}

static int32_t op_qsub(int32_t a, int32_t b, uint32_t *flags)
{
    int32_t r;
    uint32_t f;
    __asm__("msr APSR_nzcvq, %4\n\tqsub %0, %2, %3\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(0) : "cc");
    *flags = f;
    return r;
}

static int32_t op_ssat8(int32_t a, uint32_t *flags)
{
    int32_t r;
    uint32_t f;
    __asm__("msr APSR_nzcvq, %3\n\tssat %0, #8, %2\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(0) : "cc");
    *flags = f;
    return r;
}

static int32_t op_usat8(int32_t a, uint32_t *flags)
{
    int32_t r;
    uint32_t f;
    __asm__("msr APSR_nzcvq, %3\n\tusat %0, #8, %2\n\tmrs %1, APSR"
            : "=&r"(r), "=&r"(f) : "r"(a), "r"(0) : "cc");
    *flags = f;
    return r;
}

static void check_saturation(int32_t a, int32_t b)
{
    uint32_t f;
    int64_t sum = (int64_t)a + b, diff = (int64_t)a - b;
    int64_t want = sum > INT_MAX ? INT_MAX : sum < INT_MIN ? INT_MIN : sum;
    int32_t r = op_qadd(a, b, &f);
    CHECK(r == want && !!(f & FLAG_Q) == (want != sum), "qadd %d %d: %d q=%d", a, b, r,
          !!(f & FLAG_Q));
    want = diff > INT_MAX ? INT_MAX : diff < INT_MIN ? INT_MIN : diff;
    r = op_qsub(a, b, &f);
    CHECK(r == want && !!(f & FLAG_Q) == (want != diff), "qsub %d %d: %d q=%d", a, b, r,
          !!(f & FLAG_Q));
    int32_t s8 = a > 127 ? 127 : a < -128 ? -128 : a;
    r = op_ssat8(a, &f);
    CHECK(r == s8 && !!(f & FLAG_Q) == (s8 != a), "ssat #8 %d: %d", a, r);
    int32_t u8 = a > 255 ? 255 : a < 0 ? 0 : a;
    r = op_usat8(a, &f);
    CHECK(r == u8 && !!(f & FLAG_Q) == (u8 != a), "usat #8 %d: %d", a, r);
}

static const uint32_t values[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7ffe, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x3fffffff, 0x40000000, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xc0000000,
    0xfffffffe, 0xffffffff, 0xfffffff0, 0xdeadbeef, 0x12345678, 0x55555555, 0xaaaaaaaa,
    0x20, 0x1f, 0x21, 0x40, 0x120,
};

int main(void)
{
    const unsigned nv = sizeof values / sizeof values[0];
    check_all_flag_combinations();
    for (unsigned i = 0; i < nv; i++) {
        for (unsigned j = 0; j < nv; j++) {
            uint32_t a = values[i], b = values[j];
            check_c_compare(a, b);
            check_conditions(a, b);
            check_flag_arith(a, b, ((i + j) & 15) << 28);
            check_saturation((int32_t)a, (int32_t)b);
        }
    }
    for (int i = 0; i < 3000; i++) {
        uint32_t a = check_rand(), b = check_rand();
        if (i & 1)
            b = a + (check_rand() % 5) - 2; /* near-equal pairs */
        uint32_t in = check_rand() & NZCV_MASK;
        check_c_compare(a, b);
        check_conditions(a, b);
        check_flag_arith(a, b % 70, in);
        check_flag_arith(a, b, in);
        check_saturation((int32_t)a, (int32_t)b >> (i % 31));
    }
    return check_summary("condcodes");
}
