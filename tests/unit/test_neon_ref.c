/*
 * Unit tests of the Advanced SIMD reference implementation (neon_ref.c).
 *
 * Integer kinds are checked on random vectors, biased toward the extreme
 * values where saturation and rounding happen, against references written
 * here from the ARM ARM pseudocode on wide integers (SatQ, the rounding
 * shifts, the doubling multiplies), QC included.  Permutes, table lookups
 * and the other whole-vector kinds use small hand-made vectors.  Floating
 * point is checked on cases worked out by hand from the pseudocode with
 * the standard FPSCR value (flush to zero with tininess before rounding,
 * default NaN, FPMulAdd, FPRecipStep, FPMax, FPToFixed, FPSingleToHalf),
 * on the estimate tables against the manual's C functions, on random
 * numbers against the host's IEEE arithmetic where the two must agree,
 * and for leaving the host MXCSR exactly as it was.
 */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

#include "frontend/arm/neon.h"
#include "unit_check.h"

static ArmCPU env;

#define EXPECT(got, want, what) check_eq((got), (want), (what), __LINE__)

enum { QC = 1u << 27, FLAG_BITS = QC | 0x9f };

/* Q0 = D0:D1 is the destination, Q1 = D2:D3 the first source, Q2 = D4:D5
 * the second; D6.. hold extra table registers. */
static uint8_t *reg(int d) { return (uint8_t *)&env.vfp_d[d]; }

static uint64_t el(int d, unsigned esz, unsigned i)
{
    uint64_t x = 0;
    memcpy(&x, reg(d) + (i << esz), 1u << esz);
    return x;
}

static void set_el(int d, unsigned esz, unsigned i, uint64_t x)
{
    memcpy(reg(d) + (i << esz), &x, 1u << esz);
}

static void run(unsigned kind, unsigned esz, unsigned q, unsigned imm)
{
    arm_neon_ref(&env, VOP_WHAT(kind, esz, q, imm), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2),
                 arm_vfp_dreg_off(4));
}

/* QC and the cumulative FP flags raised since the last call. */
static uint32_t flags(void)
{
    uint32_t f = env.fpscr & FLAG_BITS;
    env.fpscr &= ~FLAG_BITS;
    return f;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t mask(unsigned bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

static __int128 sval(uint64_t x, unsigned bits)
{
    return bits >= 64 ? (__int128)(int64_t)x : (__int128)(int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* An element of the given width, often an extreme or small value. */
static uint64_t rand_elem(unsigned bits)
{
    uint64_t r = rng();
    switch (r % 10) {
    case 0: return mask(bits) >> 1;                     /* signed max */
    case 1: return (mask(bits) >> 1) + 1;               /* signed min */
    case 2: return mask(bits);                          /* -1, unsigned max */
    case 3: return ((r >> 8) % 9 - 4) & mask(bits);     /* small */
    case 4: return (mask(bits) >> 1) - (r >> 8) % 3;    /* near max */
    default: return rng() & mask(bits);
    }
}

/* ---------------------------------------------------------------- references */

/* SatQ on an exact value. */
static uint64_t ref_sat(__int128 v, unsigned bits, bool sgn, bool *qc)
{
    __int128 hi = sgn ? ((__int128)1 << (bits - 1)) - 1 : ((__int128)1 << bits) - 1;
    __int128 lo = sgn ? -hi - 1 : 0;
    if (v > hi || v < lo) {
        *qc = true;
        v = v > hi ? hi : lo;
    }
    return (uint64_t)v & mask(bits);
}

/* The pseudocode's v << sh on unbounded integers for right shifts (sh < 0):
 * the floor, plus bit -sh-1 of v when rounding (which adds half first). */
static __int128 ref_shr(__int128 v, int n, bool round)
{
    __int128 q = v >> (n > 127 ? 127 : n);
    if (round)
        q += (v >> (n - 1 > 127 ? 127 : n - 1)) & 1;
    return q;
}

/* VSHL/VRSHL/VQSHL/VQRSHL by register, from the ARM ARM. */
static uint64_t ref_shift_reg(uint64_t x, uint64_t b, unsigned bits, bool sgn, bool round, bool sat,
                              bool *qc)
{
    int sh = (int8_t)(b & 0xff);
    __int128 v = sgn ? sval(x, bits) : (__int128)x;
    if (sh < 0) {
        __int128 r = ref_shr(v, -sh, round);
        return sat ? ref_sat(r, bits, sgn, qc) : (uint64_t)r & mask(bits);
    }
    if (!sat)
        return sh >= (int)bits ? 0 : (uint64_t)x << sh & mask(bits);
    if (v == 0)
        return 0;
    if (sh >= (int)bits)            /* shifted beyond any range */
        return ref_sat(v < 0 ? -((__int128)1 << 70) : (__int128)1 << 70, bits, sgn, qc);
    return ref_sat(v * ((__int128)1 << sh), bits, sgn, qc);
}

/* The expected element of an S kind with two operands and an accumulator. */
static uint64_t ref_s(unsigned kind, uint64_t x, uint64_t y, uint64_t acc, unsigned bits, bool *qc)
{
    __int128 sx = sval(x, bits), sy = sval(y, bits);
    uint64_t m = mask(bits);
    switch (kind) {
    case VOP_ADD: return (x + y) & m;
    case VOP_SUB: return (x - y) & m;
    case VOP_MUL: return (uint64_t)((__int128)x * y) & m;
    case VOP_MLA: return (acc + x * y) & m;
    case VOP_MLS: return (acc - x * y) & m;
    case VOP_BSL: return (acc & x) | (~acc & y & m);
    case VOP_BIT: return (x & y) | (acc & ~y & m);
    case VOP_BIF: return (acc & y) | (x & ~y & m);
    case VOP_HADD_S: return (uint64_t)((sx + sy) >> 1) & m;
    case VOP_HADD_U: return (uint64_t)(((__int128)x + y) >> 1) & m;
    case VOP_RHADD_S: return (uint64_t)((sx + sy + 1) >> 1) & m;
    case VOP_RHADD_U: return (uint64_t)(((__int128)x + y + 1) >> 1) & m;
    case VOP_HSUB_S: return (uint64_t)((sx - sy) >> 1) & m;
    case VOP_HSUB_U: return (uint64_t)(((__int128)x - y) >> 1) & m;
    case VOP_QADD_S: return ref_sat(sx + sy, bits, true, qc);
    case VOP_QADD_U: return ref_sat((__int128)x + y, bits, false, qc);
    case VOP_QSUB_S: return ref_sat(sx - sy, bits, true, qc);
    case VOP_QSUB_U: return ref_sat((__int128)x - y, bits, false, qc);
    case VOP_CGT_S: return sx > sy ? m : 0;
    case VOP_CGE_U: return x >= y ? m : 0;
    case VOP_TST: return x & y ? m : 0;
    case VOP_SHL_S: return ref_shift_reg(x, y, bits, true, false, false, qc);
    case VOP_SHL_U: return ref_shift_reg(x, y, bits, false, false, false, qc);
    case VOP_RSHL_S: return ref_shift_reg(x, y, bits, true, true, false, qc);
    case VOP_RSHL_U: return ref_shift_reg(x, y, bits, false, true, false, qc);
    case VOP_QSHL_S: return ref_shift_reg(x, y, bits, true, false, true, qc);
    case VOP_QSHL_U: return ref_shift_reg(x, y, bits, false, false, true, qc);
    case VOP_QRSHL_S: return ref_shift_reg(x, y, bits, true, true, true, qc);
    case VOP_QRSHL_U: return ref_shift_reg(x, y, bits, false, true, true, qc);
    case VOP_MAX_S: return sx > sy ? x : y;
    case VOP_MIN_U: return x < y ? x : y;
    case VOP_ABD_S: return (uint64_t)(sx > sy ? sx - sy : sy - sx) & m;
    case VOP_ABA_U: return (acc + (x > y ? x - y : y - x)) & m;
    case VOP_QDMULH: return ref_sat((2 * sx * sy) >> bits, bits, true, qc);
    case VOP_QRDMULH: {
        __int128 half = (__int128)1 << (bits - 1);
        return ref_sat((2 * sx * sy + half) >> bits, bits, true, qc);
    }
    default: return 0xdeadbeef;
    }
}

static bool is_shift_reg(unsigned kind)
{
    return kind >= VOP_SHL_S && kind <= VOP_QRSHL_U;
}

/* Random same-width vectors of every element size and both widths. */
static void test_s_random(void)
{
    static const struct { unsigned kind, sizes; } kinds[] = {
        { VOP_ADD, 0xf }, { VOP_SUB, 0xf }, { VOP_MUL, 0x7 }, { VOP_MLA, 0x7 }, { VOP_MLS, 0x7 },
        { VOP_BSL, 0x1 }, { VOP_BIT, 0x8 }, { VOP_BIF, 0x4 },
        { VOP_HADD_S, 0x7 }, { VOP_HADD_U, 0x7 }, { VOP_RHADD_S, 0x7 }, { VOP_RHADD_U, 0x7 },
        { VOP_HSUB_S, 0x7 }, { VOP_HSUB_U, 0x7 },
        { VOP_QADD_S, 0xf }, { VOP_QADD_U, 0xf }, { VOP_QSUB_S, 0xf }, { VOP_QSUB_U, 0xf },
        { VOP_CGT_S, 0x7 }, { VOP_CGE_U, 0x7 }, { VOP_TST, 0x7 },
        { VOP_SHL_S, 0xf }, { VOP_SHL_U, 0xf }, { VOP_RSHL_S, 0xf }, { VOP_RSHL_U, 0xf },
        { VOP_QSHL_S, 0xf }, { VOP_QSHL_U, 0xf }, { VOP_QRSHL_S, 0xf }, { VOP_QRSHL_U, 0xf },
        { VOP_MAX_S, 0x7 }, { VOP_MIN_U, 0x7 }, { VOP_ABD_S, 0x7 }, { VOP_ABA_U, 0x7 },
        { VOP_QDMULH, 0x6 }, { VOP_QRDMULH, 0x6 },
    };
    for (unsigned k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int bad = 0, bad_qc = 0;
        unsigned kind = kinds[k].kind;
        for (unsigned esz = 0; esz < 4; esz++) {
            if (!(kinds[k].sizes >> esz & 1))
                continue;
            unsigned bits = 8u << esz;
            for (int it = 0; it < 400; it++) {
                unsigned q = it & 1, lanes = (8u << q) >> esz;
                uint64_t want[16];
                bool qc = false;
                for (unsigned i = 0; i < lanes; i++) {
                    uint64_t x = rand_elem(bits), y = rand_elem(bits), acc = rng() & mask(bits);
                    if (is_shift_reg(kind) && (rng() & 3))     /* shifts near the width */
                        y = (y & ~0xffull) |
                            (uint8_t)((int)(rng() % (2 * bits + 9)) - (int)bits - 4);
                    set_el(2, esz, i, x);
                    set_el(4, esz, i, y);
                    set_el(0, esz, i, acc);
                    want[i] = ref_s(kind, x, y, acc, bits, &qc);
                }
                run(kind, esz, q, 0);
                for (unsigned i = 0; i < lanes; i++)
                    bad += el(0, esz, i) != want[i];
                bad_qc += (flags() == QC) != qc;
            }
        }
        char what[64];
        snprintf(what, sizeof what, "%s: random vectors", vop_name(kind));
        check(bad == 0, what, __LINE__);
        snprintf(what, sizeof what, "%s: QC", vop_name(kind));
        check(bad_qc == 0, what, __LINE__);
    }
}

/* Shifts by immediate against the same pseudocode. */
static void test_shift_imm_random(void)
{
    int bad = 0, bad_qc = 0;
    for (int it = 0; it < 6000; it++) {
        unsigned esz = it & 3, bits = 8u << esz, q = (it >> 2) & 1, lanes = (8u << q) >> esz;
        static const unsigned kinds[] = {
            VOP_SHR_S_IMM, VOP_SHR_U_IMM, VOP_RSHR_S_IMM, VOP_RSHR_U_IMM, VOP_SRA_S_IMM,
            VOP_RSRA_U_IMM, VOP_SRI_IMM, VOP_SHL_IMM, VOP_SLI_IMM, VOP_QSHL_S_IMM,
            VOP_QSHL_U_IMM, VOP_QSHLU_IMM,
        };
        unsigned kind = kinds[rng() % 12];
        bool right = kind <= VOP_SRI_IMM;
        unsigned imm = right ? 1 + rng() % bits : rng() % bits;
        uint64_t want[16];
        bool qc = false;
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t x = rand_elem(bits), acc = rand_elem(bits), r;
            __int128 sx = sval(x, bits);
            uint64_t m = mask(bits);
            switch (kind) {
            case VOP_SHR_S_IMM: r = (uint64_t)ref_shr(sx, imm, false) & m; break;
            case VOP_SHR_U_IMM: r = (uint64_t)ref_shr(x, imm, false) & m; break;
            case VOP_RSHR_S_IMM: r = (uint64_t)ref_shr(sx, imm, true) & m; break;
            case VOP_RSHR_U_IMM: r = (uint64_t)ref_shr(x, imm, true) & m; break;
            case VOP_SRA_S_IMM: r = (acc + (uint64_t)ref_shr(sx, imm, false)) & m; break;
            case VOP_RSRA_U_IMM: r = (acc + (uint64_t)ref_shr(x, imm, true)) & m; break;
            case VOP_SRI_IMM:       /* the top imm bits of d stay */
                r = imm == bits ? acc : (acc & ~(m >> imm) & m) | x >> imm;
                break;
            case VOP_SHL_IMM: r = x << imm & m; break;
            case VOP_SLI_IMM: r = (acc & mask(imm)) | (x << imm & m); break;
            case VOP_QSHL_S_IMM: r = ref_sat(sx * ((__int128)1 << imm), bits, true, &qc); break;
            case VOP_QSHL_U_IMM: r = ref_sat((__int128)x << imm, bits, false, &qc); break;
            default: r = ref_sat(sx * ((__int128)1 << imm), bits, false, &qc); break;
            }
            set_el(2, esz, i, x);
            set_el(0, esz, i, acc);
            want[i] = r;
        }
        run(kind, esz, q, imm);
        for (unsigned i = 0; i < lanes; i++)
            bad += el(0, esz, i) != want[i];
        bad_qc += (flags() == QC) != qc;
    }
    EXPECT(bad, 0, "shifts by immediate: random vectors");
    EXPECT(bad_qc, 0, "shifts by immediate: QC");
}

/* Long, wide and narrow shapes. */
static void test_lwn_random(void)
{
    int bad = 0, bad_qc = 0;
    static const unsigned kinds[] = {
        VOP_MULL_S, VOP_MULL_U, VOP_MLSL_S, VOP_QDMULL, VOP_QDMLAL, VOP_QDMLSL, VOP_ABDL_U,
        VOP_MOVL_S, VOP_SHLL_MAX, VOP_ADDW_S, VOP_SUBW_U,
        VOP_RADDHN, VOP_SUBHN, VOP_QMOVN_S, VOP_QMOVN_U, VOP_QMOVUN, VOP_RSHRN_IMM,
        VOP_QSHRN_S_IMM, VOP_QRSHRN_U_IMM, VOP_QSHRUN_IMM, VOP_QRSHRUN_IMM,
    };
    for (int it = 0; it < 8000; it++) {
        unsigned kind = kinds[rng() % (sizeof kinds / sizeof kinds[0])];
        unsigned esz = rng() % 3, bits = 8u << esz, lanes = 8u >> esz;
        if ((kind == VOP_QDMULL || kind == VOP_QDMLAL || kind == VOP_QDMLSL) && esz == 0)
            esz = 1, bits = 16, lanes = 4;
        bool narrow = kind >= VOP_RADDHN, wide = kind == VOP_ADDW_S || kind == VOP_SUBW_U;
        unsigned imm = kind == VOP_MOVL_S ? rng() % bits : 1 + rng() % bits;
        uint64_t want[8];
        bool qc = false;
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t x = rand_elem(narrow || wide ? 2 * bits : bits);
            uint64_t y = rand_elem(narrow ? 2 * bits : bits), acc = rand_elem(2 * bits);
            __int128 sx = sval(x, bits), sy = sval(y, bits), wx = sval(x, 2 * bits);
            uint64_t m2 = mask(2 * bits), r;
            switch (kind) {
            case VOP_MULL_S: r = (uint64_t)(sx * sy) & m2; break;
            case VOP_MULL_U: r = x * y & m2; break;
            case VOP_MLSL_S: r = (acc - (uint64_t)(sx * sy)) & m2; break;
            case VOP_QDMULL: r = ref_sat(2 * sx * sy, 2 * bits, true, &qc); break;
            case VOP_QDMLAL: case VOP_QDMLSL: {
                __int128 p = sval(ref_sat(2 * sx * sy, 2 * bits, true, &qc), 2 * bits);
                __int128 a2 = sval(acc, 2 * bits);
                r = ref_sat(kind == VOP_QDMLAL ? a2 + p : a2 - p, 2 * bits, true, &qc);
                break;
            }
            case VOP_ABDL_U: r = x > y ? x - y : y - x; break;
            case VOP_MOVL_S: r = (uint64_t)(sx * ((__int128)1 << imm)) & m2; break;
            case VOP_SHLL_MAX: r = x << bits; break;
            case VOP_ADDW_S: r = (x + (uint64_t)sy) & m2; break;
            case VOP_SUBW_U: r = (x - y) & m2; break;
            case VOP_RADDHN:
                r = (uint64_t)(((__int128)x + y + (1ull << (bits - 1))) >> bits) & mask(bits);
                break;
            case VOP_SUBHN: r = (uint64_t)(((__int128)x - y) >> bits) & mask(bits); break;
            case VOP_QMOVN_S: r = ref_sat(wx, bits, true, &qc); break;
            case VOP_QMOVN_U: r = ref_sat(x, bits, false, &qc); break;
            case VOP_QMOVUN: r = ref_sat(wx, bits, false, &qc); break;
            case VOP_RSHRN_IMM: r = (uint64_t)ref_shr(x, imm, true) & mask(bits); break;
            case VOP_QSHRN_S_IMM: r = ref_sat(ref_shr(wx, imm, false), bits, true, &qc); break;
            case VOP_QRSHRN_U_IMM: r = ref_sat(ref_shr(x, imm, true), bits, false, &qc); break;
            case VOP_QSHRUN_IMM: r = ref_sat(ref_shr(wx, imm, false), bits, false, &qc); break;
            default: r = ref_sat(ref_shr(wx, imm, true), bits, false, &qc); break;
            }
            unsigned xe = narrow || wide ? esz + 1 : esz, ye = narrow ? esz + 1 : esz;
            set_el(2, xe, i, x);
            set_el(4, ye, i, y);
            set_el(0, narrow ? esz : esz + 1, i, narrow ? 0 : acc);
            want[i] = r;
        }
        run(kind, esz, 0, kind >= VOP_RSHRN_IMM || kind == VOP_MOVL_S ? imm : 0);
        for (unsigned i = 0; i < lanes; i++)
            bad += el(0, narrow ? esz : esz + 1, i) != want[i];
        bad_qc += (flags() == QC) != qc;
    }
    EXPECT(bad, 0, "long, wide and narrow kinds: random vectors");
    EXPECT(bad_qc, 0, "long, wide and narrow kinds: QC");
}

/* One-operand integer kinds against bit loops. */
static void test_unary_random(void)
{
    int bad = 0, bad_qc = 0;
    for (int it = 0; it < 3000; it++) {
        unsigned esz = rng() % 3, bits = 8u << esz, q = rng() & 1, lanes = (8u << q) >> esz;
        static const unsigned kinds[] = { VOP_CLS, VOP_CLZ, VOP_CNT, VOP_QABS, VOP_QNEG, VOP_ABS,
                                          VOP_CLE0, VOP_PADDL_S, VOP_PADAL_U };
        unsigned kind = kinds[rng() % 9];
        if (kind == VOP_CNT)
            esz = 0, bits = 8, lanes = 8u << q;
        uint64_t want[16], x[16], acc[16];
        bool qc = false;
        for (unsigned i = 0; i < lanes; i++) {
            x[i] = rand_elem(bits);
            acc[i] = rng();
            set_el(2, esz, i, x[i]);
            set_el(0, esz, i, acc[i] & mask(bits));
        }
        unsigned outs = lanes, oesz = esz;
        for (unsigned i = 0; i < lanes; i++) {
            __int128 s = sval(x[i], bits);
            unsigned n = 0;
            switch (kind) {
            case VOP_CLS:       /* bits below the sign bit equal to it */
                while (n < bits - 1 && (x[i] >> (bits - 2 - n) & 1) == (x[i] >> (bits - 1) & 1))
                    n++;
                want[i] = n;
                break;
            case VOP_CLZ:
                while (n < bits && !(x[i] >> (bits - 1 - n) & 1))
                    n++;
                want[i] = n;
                break;
            case VOP_CNT:
                for (unsigned j = 0; j < 8; j++)
                    n += x[i] >> j & 1;
                want[i] = n;
                break;
            case VOP_QABS: want[i] = ref_sat(s < 0 ? -s : s, bits, true, &qc); break;
            case VOP_QNEG: want[i] = ref_sat(-s, bits, true, &qc); break;
            case VOP_ABS: want[i] = (uint64_t)(s < 0 ? -s : s) & mask(bits); break;
            case VOP_CLE0: want[i] = s <= 0 ? mask(bits) : 0; break;
            }
        }
        if (kind == VOP_PADDL_S || kind == VOP_PADAL_U) {
            outs = lanes / 2;
            oesz = esz + 1;
            for (unsigned i = 0; i < outs; i++) {
                uint64_t old = el(0, oesz, i);
                want[i] = kind == VOP_PADDL_S
                        ? (uint64_t)(sval(x[2 * i], bits) + sval(x[2 * i + 1], bits))
                        : old + x[2 * i] + x[2 * i + 1];
                want[i] &= mask(2 * bits);
            }
        }
        run(kind, esz, q, 0);
        for (unsigned i = 0; i < outs; i++)
            bad += el(0, oesz, i) != want[i];
        bad_qc += (flags() == QC) != qc;
    }
    EXPECT(bad, 0, "one-operand kinds: random vectors");
    EXPECT(bad_qc, 0, "one-operand kinds: QC");
}

/* ---------------------------------------------------------------- fixed integer cases */

static void set_bytes(int d, unsigned first, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        reg(d)[i] = (uint8_t)(first + i);
}

static void test_integer_cases(void)
{
    /* VQDMULH saturates only for min * min */
    env.vfp_d[2] = 0x8000800080000001ull;
    env.vfp_d[4] = 0x800040007fff7fffull;
    run(VOP_QDMULH, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x7fffc00080010000ull, "qdmulh.s16");
    EXPECT(flags(), QC, "qdmulh.s16 saturation sets QC");
    env.vfp_d[2] = 0x4000000000000001ull;
    env.vfp_d[4] = 0x0000000100004000ull;
    run(VOP_QRDMULH, 2, 0, 0);
    EXPECT(env.vfp_d[0], 0x0000000100000000ull, "qrdmulh.s32: 2*2^30/2^32 rounds to 1");
    EXPECT(flags(), 0, "no saturation, no QC");

    /* a flag already set stays set */
    env.fpscr = QC;
    env.vfp_d[2] = env.vfp_d[4] = 1;
    run(VOP_QADD_S, 0, 0, 0);
    EXPECT(flags(), QC, "QC is sticky");

    /* polynomial multiplies */
    env.vfp_d[2] = 0xff03;
    env.vfp_d[4] = 0xff05;
    run(VOP_PMUL, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x550f, "pmul.p8: 3*5 = 0xf, 0xff*0xff = 0x5555 truncated");
    run(VOP_PMULL, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x5555000f, "pmull.p8");
    EXPECT(env.vfp_d[1], 0, "pmull.p8 high half");

    /* pairwise */
    set_bytes(2, 1, 8);
    set_bytes(4, 9, 8);
    run(VOP_PADD, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x1f1b17130f0b0703ull, "padd.8: pairs of a, then of b");
    env.vfp_d[2] = 0xfffe000300017fffull;
    env.vfp_d[4] = 0x8000000500040002ull;
    run(VOP_PMIN_S, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x80000002fffe0001ull, "pmin.s16");
    run(VOP_PMAX_U, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x80000004fffe7fffull, "pmax.u16");

    /* VSHLL by the element width and VMOVL */
    env.vfp_d[2] = 0x80ff017fu;
    run(VOP_SHLL_MAX, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x8000ff0001007f00ull, "shll.8 #8");
    run(VOP_MOVL_S, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0xff80ffff0001007full, "movl.s8");
    run(VOP_MOVL_U, 0, 0, 3);
    EXPECT(env.vfp_d[0], 0x040007f8000803f8ull, "shll.u8 #3");
}

static void test_permutes(void)
{
    /* d = elements 0..3, a = 4..7 (16-bit) */
    env.vfp_d[0] = 0x0003000200010000ull;
    env.vfp_d[2] = 0x0007000600050004ull;
    arm_neon_ref(&env, VOP_WHAT(VOP_ZIP, 1, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    EXPECT(env.vfp_d[0], 0x0005000100040000ull, "zip.16: d = 0 4 1 5");
    EXPECT(env.vfp_d[2], 0x0007000300060002ull, "zip.16: a = 2 6 3 7");
    arm_neon_ref(&env, VOP_WHAT(VOP_UZP, 1, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    EXPECT(env.vfp_d[0], 0x0003000200010000ull, "uzp undoes zip (d)");
    EXPECT(env.vfp_d[2], 0x0007000600050004ull, "uzp undoes zip (a)");
    arm_neon_ref(&env, VOP_WHAT(VOP_TRN, 1, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    EXPECT(env.vfp_d[0], 0x0006000200040000ull, "trn.16: d = 0 4 2 6");
    EXPECT(env.vfp_d[2], 0x0007000300050001ull, "trn.16: a = 1 5 3 7");
    arm_neon_ref(&env, VOP_WHAT(VOP_SWP, 0, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    EXPECT(env.vfp_d[0], 0x0007000300050001ull, "swp (d)");
    EXPECT(env.vfp_d[2], 0x0006000200040000ull, "swp (a)");

    /* Q forms: bytes 0..15 and 16..31 */
    set_bytes(0, 0, 16);
    set_bytes(2, 16, 16);
    arm_neon_ref(&env, VOP_WHAT(VOP_UZP, 0, 1, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    int bad = 0;
    for (unsigned i = 0; i < 16; i++)
        bad += reg(0)[i] != 2 * i || reg(2)[i] != 2 * i + 1;
    EXPECT(bad, 0, "uzp.8 q: even bytes to d, odd to a");
    set_bytes(0, 0, 16);
    set_bytes(2, 16, 16);
    arm_neon_ref(&env, VOP_WHAT(VOP_ZIP, 2, 1, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2), 0);
    EXPECT(env.vfp_d[0], 0x1312111003020100ull, "zip.32 q: d low");
    EXPECT(env.vfp_d[3], 0x1f1e1d1c0f0e0d0cull, "zip.32 q: a high");

    /* reversals and duplication */
    set_bytes(2, 0, 16);
    run(VOP_REV64, 1, 1, 0);
    EXPECT(env.vfp_d[0], 0x0100030205040706ull, "rev64.16");
    EXPECT(env.vfp_d[1], 0x09080b0a0d0c0f0eull, "rev64.16 q high");
    run(VOP_REV32, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x0405060700010203ull, "rev32.8");
    run(VOP_REV16, 0, 0, 0);
    EXPECT(env.vfp_d[0], 0x0607040502030001ull, "rev16.8");
    run(VOP_DUP, 1, 1, 3);
    EXPECT(env.vfp_d[0], 0x0706070607060706ull, "dup.16 q lane 3");
    EXPECT(env.vfp_d[1], 0x0706070607060706ull, "dup.16 q lane 3, high half");

    /* extraction and table lookups */
    set_bytes(2, 0x10, 16);
    set_bytes(4, 0x20, 16);
    run(VOP_EXT, 0, 0, 3);
    EXPECT(env.vfp_d[0], 0x2221201716151413ull, "ext #3: bytes of b:a from 3");
    run(VOP_EXT, 0, 1, 15);
    EXPECT(env.vfp_d[0], 0x262524232221201full, "ext q #15");
    set_bytes(2, 0x40, 32);                 /* D2..D5 table */
    env.vfp_d[8] = 0x2018100820ff0700ull;   /* index register D8 */
    env.vfp_d[0] = 0xaaaaaaaaaaaaaaaaull;
    arm_neon_ref(&env, VOP_WHAT(VOP_TBL, 0, 0, 2), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2),
                 arm_vfp_dreg_off(8));
    EXPECT(env.vfp_d[0], 0x0000004800004740ull, "tbl with 2 registers: 0 when out of range");
    env.vfp_d[0] = 0xaaaaaaaaaaaaaaaaull;
    arm_neon_ref(&env, VOP_WHAT(VOP_TBX, 0, 0, 3), arm_vfp_dreg_off(0), arm_vfp_dreg_off(2),
                 arm_vfp_dreg_off(8));
    EXPECT(env.vfp_d[0], 0xaaaa5048aaaa4740ull, "tbx with 3 registers keeps out-of-range bytes");
}

static void test_aliasing(void)
{
    /* d = a = b */
    env.vfp_d[0] = 0x7f017f01u;
    arm_neon_ref(&env, VOP_WHAT(VOP_QADD_S, 0, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(0),
                 arm_vfp_dreg_off(0));
    EXPECT(env.vfp_d[0], 0x7f027f02u, "qadd.s8 d0, d0, d0");
    EXPECT(flags(), QC, "... saturates");
    /* narrowing into the low half of its own source */
    env.vfp_d[0] = 0x0000000100000002ull;
    env.vfp_d[1] = 0x0000000300000004ull;
    arm_neon_ref(&env, VOP_WHAT(VOP_MOVN, 1, 0, 0), arm_vfp_dreg_off(1), arm_vfp_dreg_off(0), 0);
    EXPECT(env.vfp_d[1], 0x0003000400010002ull, "movn d1, q0");
    /* widening into a register overlapping its source */
    env.vfp_d[1] = 0x0403020100000000ull;
    arm_neon_ref(&env, VOP_WHAT(VOP_MOVL_U, 0, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(1), 0);
    EXPECT(env.vfp_d[0], 0, "movl q0, d1 (low)");
    EXPECT(env.vfp_d[1], 0x0004000300020001ull, "movl q0, d1 (high)");
    /* pairwise with a = d */
    env.vfp_d[0] = 0x0000000200000001ull;
    env.vfp_d[2] = 0x0000000400000003ull;
    arm_neon_ref(&env, VOP_WHAT(VOP_PADD, 2, 0, 0), arm_vfp_dreg_off(0), arm_vfp_dreg_off(0),
                 arm_vfp_dreg_off(2));
    EXPECT(env.vfp_d[0], 0x0000000700000003ull, "padd.32 d0, d0, d2");
}

/* ---------------------------------------------------------------- floating point */

static uint32_t fop(unsigned kind, uint32_t acc, uint32_t x, uint32_t y)
{
    env.vfp_d[0] = acc;
    env.vfp_d[2] = x;
    env.vfp_d[4] = y;
    run(kind, 2, 0, 0);
    return (uint32_t)env.vfp_d[0];
}

/* Both lanes get x, so the flags are x's. */
static uint32_t fop1(unsigned kind, uint32_t x, unsigned imm)
{
    env.vfp_d[2] = x | (uint64_t)x << 32;
    run(kind, 2, 0, imm);
    check_eq(env.vfp_d[0] >> 32, (uint32_t)env.vfp_d[0], "both lanes alike", __LINE__);
    return (uint32_t)env.vfp_d[0];
}

static void test_float_cases(void)
{
    (void)flags();
    /* FPSCR controls other than AHP do not apply to Advanced SIMD */
    env.fpscr = (uint32_t)ARM_RMODE_RZ << FPSCR_RMODE_SHIFT;
    EXPECT(fop(VOP_FADD, 0, 0x3f800001, 0x33800000), 0x3f800002,
           "1 + 2^-23 + 2^-24 ties to even even with RMode = RZ");
    EXPECT(flags(), FPSCR_IXC, "inexact");
    env.fpscr = 0;
    EXPECT(fop(VOP_FADD, 0, 0x00000001, 0x3f800000), 0x3f800000, "denormal input flushed");
    EXPECT(flags(), FPSCR_IDC, "... raising IDC");
    EXPECT(fop(VOP_FMUL, 0, 0x3f7fffff, 0x00800000), 0, "tiny before rounding flushes");
    EXPECT(flags(), FPSCR_UFC, "... raising UFC only");
    EXPECT(fop(VOP_FMUL, 0, 0x3f800001, 0x00800000), 0x00800001, "smallest normals survive");
    EXPECT(flags(), 0, "... exactly");
    EXPECT(fop(VOP_FMUL, 0, 0x80800000, 0x3f000000), 0x80000000, "-2^-127 flushes to -0");
    EXPECT(fop(VOP_FFMA, 0x00800000, 0xb3000000, 0x00800000), 0,
           "fused 2^-126 - 2^-151 is tiny before rounding");
    EXPECT(flags(), FPSCR_UFC, "... UFC");
    EXPECT(fop(VOP_FMLA, 0xbf800000, 0x3f800001, 0x3f7ffffe), 0,
           "vmla rounds (1+2^-23)(1-2^-23) to 1 first");
    EXPECT(flags(), FPSCR_IXC, "... inexactly");
    EXPECT(fop(VOP_FFMA, 0xbf800000, 0x3f800001, 0x3f7ffffe), 0xa8800000, "vfma: -2^-46");
    EXPECT(flags(), 0, "... exactly");
    EXPECT(fop(VOP_FFMS, 0x3f800000, 0x3f800001, 0x3f7ffffe), 0x28800000, "vfms: 1 - a*b");
    EXPECT(fop(VOP_FMLS, 0x40000000, 0x3f800000, 0x3f800000), 0x3f800000, "vmls: 2 - 1*1");
    EXPECT(fop(VOP_FADD, 0, 0x7f7fffff, 0x7f7fffff), 0x7f800000, "overflow to infinity");
    EXPECT(flags(), FPSCR_OFC | FPSCR_IXC, "... OFC and IXC");
    EXPECT(fop(VOP_FSUB, 0, 0x3f800000, 0x3f800000), 0, "x - x = +0");
    EXPECT(fop(VOP_FADD, 0, 0x80000000, 0x80000000), 0x80000000, "-0 + -0 = -0");
    EXPECT(fop(VOP_FSUB, 0, 0x7f800000, 0x7f800000), 0x7fc00000, "inf - inf");
    EXPECT(flags(), FPSCR_IOC, "... is invalid");
    EXPECT(fop(VOP_FMUL, 0, 0x80000000, 0x7f800000), 0x7fc00000, "0 * inf");
    EXPECT(flags(), FPSCR_IOC, "... is invalid");
    EXPECT(fop(VOP_FABD, 0, 0x3f800000, 0x40400000), 0x40000000, "|1 - 3|");

    /* NaNs: always the default NaN; only signalling ones raise IOC */
    EXPECT(fop(VOP_FSUB, 0, 0x3f800000, 0x7f800001), 0x7fc00000, "SNaN operand");
    EXPECT(flags(), FPSCR_IOC, "... IOC");
    EXPECT(fop(VOP_FADD, 0, 0xffc00001, 0x3f800000), 0x7fc00000, "QNaN operand");
    EXPECT(flags(), 0, "... no flags");
    EXPECT(fop(VOP_FFMA, 0x7fc00000, 0x7f800000, 0), 0x7fc00000, "QNaN + inf * 0");
    EXPECT(flags(), FPSCR_IOC, "... is still invalid");
    EXPECT(fop(VOP_FMLA, 0x7fc00000, 0x7f7fffff, 0x7f7fffff), 0x7fc00000,
           "vmla with a QNaN accumulator");
    EXPECT(flags(), FPSCR_OFC | FPSCR_IXC, "... still raises the product's flags");
    EXPECT(fop(VOP_FMAX, 0, 0x7fc00000, 0x3f800000), 0x7fc00000, "max with a NaN");

    /* comparisons */
    EXPECT(fop(VOP_FCEQ, 0, 0x7fc00000, 0x7fc00000), 0, "QNaN == QNaN is false");
    EXPECT(flags(), 0, "... quietly");
    EXPECT(fop(VOP_FCEQ, 0, 0x7f800001, 0), 0, "SNaN == 0");
    EXPECT(flags(), FPSCR_IOC, "... signals");
    EXPECT(fop(VOP_FCGE, 0, 0x7fc00000, 0x3f800000), 0, "QNaN >= 1");
    EXPECT(flags(), FPSCR_IOC, "... signals");
    EXPECT(fop(VOP_FCEQ, 0, 0x80000000, 0x00000001), 0xffffffffu, "-0 == denormal (flushed)");
    EXPECT(flags(), FPSCR_IDC, "... IDC");
    EXPECT(fop(VOP_FCGT, 0, 0x3f800001, 0x3f800000), 0xffffffffu, "gt");
    EXPECT(fop(VOP_FACGT, 0, 0xc0000000, 0x3f800000), 0xffffffffu, "|-2| > |1|");
    EXPECT(fop(VOP_FACGE, 0, 0xbf800000, 0x3f800000), 0xffffffffu, "|-1| >= |1|");
    EXPECT(fop1(VOP_FCLT0, 0x80000000, 0), 0, "-0 < 0 is false");
    EXPECT(fop1(VOP_FCLE0, 0x80000000, 0), 0xffffffffu, "-0 <= 0");
    EXPECT(fop1(VOP_FCGT0, 0x00000001, 0), 0, "denormal > 0 is false under FZ");
    EXPECT(fop1(VOP_FCLT0, 0xff800000, 0), 0xffffffffu, "-inf < 0");
    EXPECT(fop1(VOP_FCGE0, 0xffc00000, 0), 0, "NaN >= 0");
    EXPECT(flags(), FPSCR_IDC | FPSCR_IOC, "... flags of the last three");

    /* max and min */
    EXPECT(fop(VOP_FMAX, 0, 0x00000000, 0x80000000), 0, "max(+0, -0) = +0");
    EXPECT(fop(VOP_FMAX, 0, 0x80000000, 0x00000000), 0, "max(-0, +0) = +0");
    EXPECT(fop(VOP_FMIN, 0, 0x00000000, 0x80000000), 0x80000000, "min(+0, -0) = -0");
    EXPECT(fop(VOP_FMIN, 0, 0x80000000, 0x00000000), 0x80000000, "min(-0, +0) = -0");
    EXPECT(fop(VOP_FMAX, 0, 0x00000005, 0xbf800000), 0, "max(denormal, -1) = flushed +0");
    EXPECT(fop(VOP_FMIN, 0, 0xff800000, 0x3f800000), 0xff800000, "min(-inf, 1)");
    env.vfp_d[2] = 0x3f800000bf800000ull;
    env.vfp_d[4] = 0x7f80000000000000ull;
    run(VOP_FPMAX, 2, 0, 0);
    EXPECT(env.vfp_d[0], 0x7f8000003f800000ull, "pairwise max");
    run(VOP_FPADD, 2, 0, 0);
    EXPECT(env.vfp_d[0], 0x7f80000000000000ull, "pairwise add");

    /* Newton-Raphson steps: infinity times zero gives 2.0 and 1.5 */
    EXPECT(fop(VOP_FRECPS, 0, 0x7f800000, 0x80000000), 0x40000000, "recps(inf, -0) = 2");
    EXPECT(fop(VOP_FRSQRTS, 0, 0x00000001, 0xff800000), 0x3fc00000, "rsqrts(denormal, -inf)");
    EXPECT(flags(), FPSCR_IDC, "... only IDC");
    EXPECT(fop(VOP_FRECPS, 0, 0x3fc00000, 0x3fa00000), 0x3e000000, "2 - 1.5 * 1.25");
    EXPECT(fop(VOP_FRSQRTS, 0, 0x40000000, 0x3f000000), 0x3f800000, "(3 - 2 * 0.5) / 2");
    EXPECT(fop(VOP_FRECPS, 0, 0xff800000, 0x3f800000), 0x7f800000, "2 - (-inf)");
    EXPECT(fop(VOP_FRSQRTS, 0, 0x7f800000, 0x7f800000), 0xff800000, "(3 - inf) / 2");
    /* the product is rounded before the subtraction: (1 + 2^-12 + 2^-23)(2 - 2^-11)
     * = 2 + 2^-23 - 2^-34 rounds to 2 (fused, the step would be -(2^-23 - 2^-34)) */
    (void)flags();
    EXPECT(fop(VOP_FRECPS, 0, 0x3f800801, 0x3ffff000), 0, "recps rounds the product first");
    EXPECT(flags(), FPSCR_IXC, "... inexact product");
}

/* The manual's recip_estimate() and recip_sqrt_estimate(), in double. */
static double manual_recip(double a)
{
    int q = (int)(a * 512.0);
    double r = 1.0 / (((double)q + 0.5) / 512.0);
    int s = (int)(256.0 * r + 0.5);
    return (double)s / 256.0;
}

static double manual_rsqrt(double a)
{
    double r;
    if (a < 0.5)
        r = 1.0 / sqrt(((double)(int)(a * 512.0) + 0.5) / 512.0);
    else
        r = 1.0 / sqrt(((double)(int)(a * 256.0) + 0.5) / 256.0);
    return (double)(int)(256.0 * r + 0.5) / 256.0;
}

static uint32_t frac_of(double est)    /* estimate<51:29> */
{
    uint64_t b;
    memcpy(&b, &est, 8);
    return (uint32_t)(b >> 29) & 0x7fffff;
}

static void test_estimates(void)
{
    (void)flags();
    EXPECT(fop1(VOP_FRECPE, 0x3f800000, 0), 0x3f7f8000, "recpe(1.0) = 0.998046875");
    EXPECT(fop1(VOP_FRECPE, 0x40000000, 0), 0x3eff8000, "recpe(2.0) = 0.4990234375");
    EXPECT(fop1(VOP_FRECPE, 0xc0400000, 0), 0xbeaa8000, "recpe(-3.0)");
    EXPECT(flags(), 0, "estimates raise nothing");
    EXPECT(fop1(VOP_FRECPE, 0x7e800000, 0), 0, "recpe(2^126) underflows");
    EXPECT(flags(), FPSCR_UFC, "... UFC");
    EXPECT(fop1(VOP_FRECPE, 0x7e7fffff, 0), 0x00800000, "recpe(2^126 - ulp) is normal");
    EXPECT(fop1(VOP_FRECPE, 0x80000001, 0), 0xff800000, "recpe(-denormal) = -inf");
    EXPECT(flags(), FPSCR_IDC | FPSCR_DZC, "... IDC and DZC");
    EXPECT(fop1(VOP_FRECPE, 0xff800000, 0), 0x80000000, "recpe(-inf) = -0");
    EXPECT(fop1(VOP_FRECPE, 0x7f800001, 0), 0x7fc00000, "recpe(SNaN)");
    EXPECT(flags(), FPSCR_IOC, "... IOC");
    EXPECT(fop1(VOP_FRSQRTE, 0x3f800000, 0), 0x3f7f8000, "rsqrte(1.0)");
    EXPECT(fop1(VOP_FRSQRTE, 0x40000000, 0), 0x3f348000, "rsqrte(2.0) = 0.705078125");
    EXPECT(fop1(VOP_FRSQRTE, 0x40800000, 0), 0x3eff8000, "rsqrte(4.0)");
    EXPECT(fop1(VOP_FRSQRTE, 0x7f800000, 0), 0, "rsqrte(inf) = +0");
    EXPECT(flags(), 0, "... no flags");
    EXPECT(fop1(VOP_FRSQRTE, 0xbf800000, 0), 0x7fc00000, "rsqrte(-1)");
    EXPECT(flags(), FPSCR_IOC, "... IOC");
    EXPECT(fop1(VOP_FRSQRTE, 0x80000000, 0), 0xff800000, "rsqrte(-0) = -inf");
    EXPECT(flags(), FPSCR_DZC, "... DZC");

    /* every table entry against the manual's functions */
    int bad = 0;
    for (uint32_t f = 0; f < 256; f++) {
        uint32_t x = 0x3f800000 | f << 15 | 0x1234;         /* 1.f..., exponent 127 */
        bad += fop1(VOP_FRECPE, x, 0) !=
               (0x3f000000 | frac_of(manual_recip(0.5 + f / 512.0)));
        bad += fop1(VOP_FRSQRTE, x, 0) !=
               (0x3f000000 | frac_of(manual_rsqrt(0.25 + f / 1024.0)));
        bad += fop1(VOP_FRSQRTE, x + 0x00800000, 0) !=      /* even exponent: [0.5, 1) */
               (0x3f000000 | frac_of(manual_rsqrt(0.5 + f / 512.0)));
        uint32_t u = 0x80000000u | f << 23 | 0x4321;
        /* unsigned: '1' : estimate<51:21>, the operand a fraction of 2^32 */
        bad += fop1(VOP_RECPE_U, u, 0) != (0x80000000u | frac_of(manual_recip(u / 0x1p32)) << 8);
        bad += fop1(VOP_RSQRTE_U, u, 0) != (0x80000000u | frac_of(manual_rsqrt(u / 0x1p32)) << 8);
        u = u >> 1 | 0x40000000;
        bad += fop1(VOP_RSQRTE_U, u, 0) != (0x80000000u | frac_of(manual_rsqrt(u / 0x1p32)) << 8);
    }
    EXPECT(bad, 0, "estimates follow the manual's tables");
    EXPECT(fop1(VOP_RECPE_U, 0x7fffffff, 0), 0xffffffffu, "recpe.u32 below 0.5");
    EXPECT(fop1(VOP_RECPE_U, 0x80000000, 0), 0xff800000u, "recpe.u32 of 0.5");
    EXPECT(fop1(VOP_RSQRTE_U, 0x3fffffff, 0), 0xffffffffu, "rsqrte.u32 below 0.25");
    EXPECT(fop1(VOP_RSQRTE_U, 0x40000000, 0), 0xff800000u, "rsqrte.u32 of 0.25");
    EXPECT(flags(), 0, "unsigned estimates raise nothing");
}

static void test_conversions(void)
{
    (void)flags();
    EXPECT(fop1(VOP_CVT_S32_F32, 0xbfc00000, 0), 0xffffffffu, "-1.5 to s32 truncates");
    EXPECT(flags(), FPSCR_IXC, "... inexact");
    EXPECT(fop1(VOP_CVT_S32_F32, 0x4f000000, 0), 0x7fffffffu, "2^31 saturates");
    EXPECT(flags(), FPSCR_IOC, "... invalid, not inexact");
    EXPECT(fop1(VOP_CVT_S32_F32, 0xcf000000, 0), 0x80000000u, "-2^31 fits");
    EXPECT(fop1(VOP_CVT_S32_F32, 0x7fc00000, 0), 0, "NaN gives 0");
    EXPECT(flags(), FPSCR_IOC, "... invalid");
    EXPECT(fop1(VOP_CVT_U32_F32, 0xbf000000, 0), 0, "-0.5 to u32 is 0");
    EXPECT(flags(), FPSCR_IXC, "... inexact only");
    EXPECT(fop1(VOP_CVT_U32_F32, 0xbf800000, 0), 0, "-1 to u32 saturates");
    EXPECT(flags(), FPSCR_IOC, "... invalid");
    EXPECT(fop1(VOP_CVT_U32_F32, 0x4f7fffff, 0), 0xffffff00u, "largest float below 2^32");
    EXPECT(fop1(VOP_CVT_U32_F32, 0x007fffff, 0), 0, "denormal input");
    EXPECT(flags(), FPSCR_IDC, "... only IDC");
    EXPECT(fop1(VOP_CVT_S32_F32, 0x3fc00000, 16), 0x18000, "1.5 to s32 #16");
    EXPECT(fop1(VOP_CVT_U32_F32, 0x3f000000, 32), 0x80000000u, "0.5 to u32 #32");
    EXPECT(fop1(VOP_CVT_S32_F32, 0x3f000000, 32), 0x7fffffffu, "0.5 to s32 #32 saturates");
    EXPECT(fop1(VOP_CVT_S32_F32, 0xff800000, 5), 0x80000000u, "-inf saturates");
    EXPECT(flags(), FPSCR_IOC, "... invalid");
    EXPECT(fop1(VOP_CVT_F32_S32, 0x7fffffff, 0), 0x4f000000, "s32 max rounds to 2^31");
    EXPECT(flags(), FPSCR_IXC, "... inexact");
    EXPECT(fop1(VOP_CVT_F32_S32, 0x01000003, 0), 0x4b800002, "2^24 + 3 ties to even");
    EXPECT(fop1(VOP_CVT_F32_U32, 0xffffffff, 0), 0x4f800000, "u32 max");
    EXPECT(fop1(VOP_CVT_F32_S32, 0xfffffffd, 1), 0xbfc00000, "-3 #1 = -1.5");
    EXPECT(fop1(VOP_CVT_F32_U32, 0x80000000, 32), 0x3f000000, "u32 #32 0x80000000 = 0.5");
    EXPECT(fop1(VOP_CVT_F32_S32, 0, 7), 0, "zero is +0");
    (void)flags();

    /* half precision: d is D (4 halves), a is Q (4 floats) and back */
    static const uint32_t in[4] = { 0x3f800000, 0x477ff000, 0x33000001, 0x7f800001 };
    memcpy(reg(2), in, 16);
    run(VOP_CVT_F16_F32, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x7e0000017c003c00ull, "to half: 1, 65520 -> inf, 2^-25+ -> 1, SNaN");
    EXPECT(flags(), FPSCR_OFC | FPSCR_UFC | FPSCR_IXC | FPSCR_IOC, "... their flags");
    static const uint32_t in2[4] = { 0x33000000, 0x33800000, 0x00000001, 0xffc00000 };
    memcpy(reg(2), in2, 16);
    run(VOP_CVT_F16_F32, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x7e00000000010000ull, "2^-25 ties to 0, 2^-24 exact, denormal, QNaN");
    EXPECT(flags(), FPSCR_UFC | FPSCR_IXC | FPSCR_IDC, "... UFC and IXC (first), IDC");
    env.fpscr = FPSCR_AHP;
    memcpy(reg(2), in, 16);
    run(VOP_CVT_F16_F32, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x000000017c003c00ull, "AHP: 65520 -> 65536, NaN -> 0");
    EXPECT(flags(), FPSCR_UFC | FPSCR_IXC | FPSCR_IOC, "... NaN is invalid");
    static const uint32_t in3[4] = { 0x47ffe000, 0x48000000, 0xff800000, 0xc7fff000 };
    memcpy(reg(2), in3, 16);
    run(VOP_CVT_F16_F32, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0xffffffff7fff7fffull, "AHP: 131008 exact, 2^17, -inf, -131040");
    EXPECT(flags(), FPSCR_IOC, "... out of range is invalid, not inexact");
    env.vfp_d[2] = 0xfe007c0000013c00ull;
    run(VOP_CVT_F32_F16, 1, 0, 0);
    EXPECT(env.vfp_d[0], 0x338000003f800000ull, "AHP from half: 1, 2^-24");
    EXPECT(env.vfp_d[1], 0xc7c0000047800000ull, "AHP from half: exponent 31 is a number");
    env.fpscr = 0;
    run(VOP_CVT_F32_F16, 1, 0, 0);
    EXPECT(env.vfp_d[1], 0x7fc000007f800000ull, "from half: inf and the default NaN");
    EXPECT(flags(), 0, "... quietly");
    env.vfp_d[2] = 0x7d00;
    run(VOP_CVT_F32_F16, 1, 0, 0);
    EXPECT(env.vfp_d[0] & 0xffffffff, 0x7fc00000, "half SNaN");
    EXPECT(flags(), FPSCR_IOC, "... IOC");
}

/* Numbers whose results are normal must match the host's IEEE arithmetic. */
static uint32_t rand_float(void)
{
    uint64_t r = rng();
    return (uint32_t)(r & 0x807fffff) | (uint32_t)(64 + (r >> 32) % 128) << 23;
}

static bool plain(float f)
{
    return f == 0 || (isnormal(f) && !isinf(f));
}

static void test_float_random(void)
{
    int bad = 0, bad_flags = 0;
    fenv_t saved;
    feholdexcept(&saved);
    fesetround(FE_TONEAREST);
    for (int it = 0; it < 20000; it++) {
        uint32_t xb = rand_float(), yb = rand_float(), zb = rand_float();
        float x, y, z;
        memcpy(&x, &xb, 4);
        memcpy(&y, &yb, 4);
        memcpy(&z, &zb, 4);
        unsigned kind = (unsigned[]){ VOP_FADD, VOP_FSUB, VOP_FMUL, VOP_FFMA, VOP_FMLA }[it % 5];
        feclearexcept(FE_ALL_EXCEPT);
        volatile float p = 0, r;
        switch (kind) {
        case VOP_FADD: r = x + y; break;
        case VOP_FSUB: r = x - y; break;
        case VOP_FMUL: r = x * y; break;
        case VOP_FFMA: r = fmaf(x, y, z); break;
        default: p = x * y; r = z + p; break;
        }
        bool inexact = fetestexcept(FE_INEXACT) != 0;
        if (!plain(r) || (kind == VOP_FMLA && !plain(p)))
            continue;
        uint32_t want;
        float rr = r;
        memcpy(&want, &rr, 4);
        bad += fop(kind, zb, xb, yb) != want;
        if (kind != VOP_FFMA)
            bad_flags += flags() != (inexact ? FPSCR_IXC : 0);
        (void)flags();
    }
    feupdateenv(&saved);
    EXPECT(bad, 0, "random numbers: same results as the host");
    EXPECT(bad_flags, 0, "random numbers: IXC as the host");
}

/* The guest's rounding mode and pending flags live in MXCSR: untouched. */
static void test_mxcsr_preserved(void)
{
    uint32_t old = _mm_getcsr();
    uint32_t guest = 0x1f80 | 0x6000 | 0x8040 | 0x21;    /* RZ, FTZ, DAZ, IE and PE pending */
    _mm_setcsr(guest);
    env.fpscr = 0;
    env.vfp_d[2] = 0x3f800001u | 0x00000001ull << 32;   /* 1 + 2^-23 and a denormal */
    env.vfp_d[4] = 0x33800000u | 0x3f800000ull << 32;
    run(VOP_FADD, 2, 0, 0);
    uint32_t after = _mm_getcsr();
    _mm_setcsr(old);
    EXPECT(after, guest, "MXCSR restored exactly");
    EXPECT(env.vfp_d[0], 0x3f8000003f800002ull, "1 + 2^-23 + 2^-24 rounds to nearest even");
    EXPECT(flags(), FPSCR_IXC | FPSCR_IDC, "flags in env->fpscr only");
    _mm_setcsr(0x1f80);
    env.vfp_d[2] = 0x7f800000;
    env.vfp_d[4] = 0;
    run(VOP_FMUL, 2, 0, 0);
    run(VOP_FRECPE, 2, 0, 0);
    run(VOP_CVT_S32_F32, 2, 0, 0);
    run(VOP_CVT_F32_S32, 2, 0, 0);
    after = _mm_getcsr();
    _mm_setcsr(old);
    EXPECT(after, 0x1f80, "invalid operations and conversions leave no host flags");
    (void)flags();
}

int main(void)
{
    test_s_random();
    test_shift_imm_random();
    test_lwn_random();
    test_unary_random();
    test_integer_cases();
    test_permutes();
    test_aliasing();
    test_float_cases();
    test_estimates();
    test_conversions();
    test_float_random();
    test_mxcsr_preserved();
    return unit_summary();
}
