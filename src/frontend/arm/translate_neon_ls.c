/*
 * Advanced SIMD element and structure loads and stores (ARM ARM A7.7):
 * VLD1-VLD4 and VST1-VST4 of multiple structures, of a single structure to
 * one lane, and VLD1-VLD4 of a single structure to all lanes.
 *
 * Instruction form (A32; T32 1111 1001 is converted to it):
 *   1111 0100 A D L 0 Rn Vd xxxx xxxx Rm
 * A = 0: multiple structures, bits 11:8 the type, 7:6 size, 5:4 align;
 * A = 1: bits 11:10 size (11: all lanes, loads only), 9:8 the number of
 * elements per structure minus one, 7:4 index_align (or size:T:a).
 * Rm = 15: no writeback; Rm = 13: Rn += bytes transferred; else Rn += Rm.
 *
 * Memory.  The architecture accesses every element separately with its own
 * size, so with CPSR.E = 1 each element is byte-reversed on its own.  When
 * that cannot change the result (little-endian data, or byte elements) the
 * accesses of an instruction are merged into as few as possible: 64-bit
 * accesses for every whole doubleword, then 4, 2 and 1 bytes for the tail,
 * never touching a byte the instruction does not access.  Elements are
 * taken apart and put together with shifts and deposits on 32-bit halves
 * of the D registers.
 *
 * All loads are emitted before any register is written and the base
 * register is written back last, so a fault leaves the registers as they
 * were (the architecture allows partial updates; this is simply cheaper
 * to reason about).  Stores may complete partially before a fault, as on
 * hardware.
 *
 * The alignment qualifier (":64", ":128", ...) makes a misaligned base an
 * alignment fault, which Linux reports as SIGBUS/BUS_ADRALN at the
 * instruction: a compare-and-branch to an EXIT_UNALIGNED exit with the
 * address in exit_info.
 *
 * An element value here is an i32 temp whose low esize bits are the
 * element; the bits above are unspecified (consumers deposit or store
 * only the low bits).  64-bit elements (VLD1/VST1 .64) are i64 temps.
 */
#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"

#include <stddef.h>

/* At most 4 registers of 8 byte elements per instruction. */
#define NEON_LS_MAX_ELEMS 32

typedef struct NeonLs {
    bool load;
    int nelem;        /* elements per structure (VLDn: n) */
    int esz;          /* log2 of the element size in bytes */
    int d, inc;       /* first register, register spacing */
    int regs;         /* multiple: structures per lane column; VLD1 all lanes: 1 or 2 */
    int index;        /* one lane: the lane */
    uint32_t align;   /* required alignment of the base in bytes (1: none) */
    int rn, rm;
    uint32_t xfer;    /* bytes transferred */
} NeonLs;

static IRTemp tmp(DisasContext *dc)
{
    return ir_temp_i32(dc->b);
}

static IRTemp cst(DisasContext *dc, uint32_t v)
{
    return ir_const_i32(dc->b, v);
}

static IRTemp addr_plus(DisasContext *dc, IRTemp base, uint32_t off)
{
    if (off == 0)
        return base;
    IRTemp t = tmp(dc);
    ir_add_i32(dc->b, t, base, cst(dc, off));
    return t;
}

/* v >> pos (v itself for 0). */
static IRTemp shr_by(DisasContext *dc, IRTemp v, unsigned pos)
{
    if (pos == 0)
        return v;
    IRTemp t = tmp(dc);
    ir_shr_i32(dc->b, t, v, cst(dc, pos));
    return t;
}

/* True when the per-element accesses may be merged: byte order only
 * matters within an element, and a byte element has none. */
static bool mergeable(const DisasContext *dc, int esz)
{
    return !dc->be_data || esz == 0;
}

/* ---------------------------------------------------------------- memory */

/* Size of the next merged access: the largest of 8, 4, 2, 1 that fits in
 * what is left.  Since ebytes divides both what is left and the offset,
 * elements never straddle two accesses. */
static unsigned chunk_size(unsigned left)
{
    return left >= 8 ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
}

/* Load count elements of 1 << esz bytes from consecutive addresses. */
static void read_elems(DisasContext *dc, IRTemp base, int count, int esz, IRTemp *out)
{
    IRBlock *b = dc->b;
    unsigned ebytes = 1u << esz, total = (unsigned)count * ebytes;

    if (!mergeable(dc, esz)) {
        for (int i = 0; i < count; i++) {
            IRTemp addr = addr_plus(dc, base, i * ebytes);
            if (esz == 3) {
                out[i] = ir_temp_i64(b);
                ir_ld_i64(b, out[i], addr, MO_64 | MO_BSWAP);
            } else {
                out[i] = arm_gen_ld(dc, addr, (MemOp)esz);
            }
        }
        return;
    }
    int i = 0;
    for (unsigned off = 0; off < total;) {
        unsigned n = chunk_size(total - off);
        IRTemp addr = addr_plus(dc, base, off);
        IRTemp words[2];
        if (n == 8) {
            IRTemp v = ir_temp_i64(b);
            ir_ld_i64(b, v, addr, MO_64);
            if (esz == 3) {
                out[i++] = v;
                off += 8;
                continue;
            }
            words[0] = tmp(dc);
            words[1] = tmp(dc);
            ir_extrl_i64_i32(b, words[0], v);
            ir_extrh_i64_i32(b, words[1], v);
        } else {
            words[0] = tmp(dc);
            ir_ld_i32(b, words[0], addr, n == 4 ? MO_32 : n == 2 ? MO_16 : MO_8);
        }
        for (unsigned o = 0; o < n; o += ebytes)
            out[i++] = shr_by(dc, words[o / 4], (o % 4) * 8);
        off += n;
    }
}

/* Pack the elements covering bytes [o, o + n) of the merged data into one
 * word (n <= 4): the first element as it is, the others deposited above. */
static IRTemp pack_word(DisasContext *dc, const IRTemp *vals, unsigned o, unsigned n,
                        int esz)
{
    unsigned ebytes = 1u << esz;
    IRTemp w = vals[o / ebytes];
    for (unsigned j = ebytes; j < n; j += ebytes) {
        IRTemp t = tmp(dc);
        ir_deposit_i32(dc->b, t, w, vals[(o + j) / ebytes], j * 8, ebytes * 8);
        w = t;
    }
    return w;
}

/* Store count elements of 1 << esz bytes to consecutive addresses. */
static void write_elems(DisasContext *dc, IRTemp base, int count, int esz, const IRTemp *vals)
{
    IRBlock *b = dc->b;
    unsigned ebytes = 1u << esz, total = (unsigned)count * ebytes;

    if (!mergeable(dc, esz)) {
        for (int i = 0; i < count; i++) {
            IRTemp addr = addr_plus(dc, base, i * ebytes);
            if (esz == 3)
                ir_st_i64(b, vals[i], addr, MO_64 | MO_BSWAP);
            else
                arm_gen_st(dc, vals[i], addr, (MemOp)esz);
        }
        return;
    }
    for (unsigned off = 0; off < total;) {
        unsigned n = chunk_size(total - off);
        IRTemp addr = addr_plus(dc, base, off);
        if (n == 8 && esz == 3) {
            ir_st_i64(b, vals[off / 8], addr, MO_64);
        } else if (n == 8) {
            IRTemp v = ir_temp_i64(b);
            ir_concat_i32_i64(b, v, pack_word(dc, vals, off, 4, esz),
                              pack_word(dc, vals, off + 4, 4, esz));
            ir_st_i64(b, v, addr, MO_64);
        } else {
            ir_st_i32(b, pack_word(dc, vals, off, n, esz), addr,
                      n == 4 ? MO_32 : n == 2 ? MO_16 : MO_8);
        }
        off += n;
    }
}

/* ---------------------------------------------------------------- registers */

static int32_t dreg_off(int d)
{
    return arm_vfp_dreg_off(d);
}

/* The env offset of the word holding byte `byte` of Dd, and the bit
 * position of that byte in it. */
static int32_t lane_word(int d, unsigned byte, unsigned *pos)
{
    *pos = (byte % 4) * 8;
    return dreg_off(d) + (int32_t)(byte & ~3u);
}

/* Dd = the 8 / esize elements vals[0..] (lane 0 first). */
static void put_reg(DisasContext *dc, int d, const IRTemp *vals, int esz)
{
    IRBlock *b = dc->b;
    if (esz == 3) {
        ir_st_env_i64(b, vals[0], dreg_off(d));
        return;
    }
    unsigned per_word = 4u >> esz;
    IRTemp v = ir_temp_i64(b);
    ir_concat_i32_i64(b, v, pack_word(dc, vals, 0, 4, esz),
                      pack_word(dc, vals + per_word, 0, 4, esz));
    ir_st_env_i64(b, v, dreg_off(d));
}

/* vals[0..] = the elements of Dd (lane 0 first). */
static void get_reg(DisasContext *dc, int d, IRTemp *vals, int esz)
{
    IRBlock *b = dc->b;
    if (esz == 3) {
        vals[0] = ir_temp_i64(b);
        ir_ld_env_i64(b, vals[0], dreg_off(d));
        return;
    }
    unsigned ebytes = 1u << esz;
    for (int h = 0; h < 2; h++) {
        IRTemp w = tmp(dc);
        ir_ld_env_i32(b, w, dreg_off(d) + 4 * h);
        for (unsigned o = 0; o < 4; o += ebytes)
            *vals++ = shr_by(dc, w, o * 8);
    }
}

/* Lane `index` of Dd = v. */
static void put_lane(DisasContext *dc, int d, int index, int esz, IRTemp v)
{
    IRBlock *b = dc->b;
    unsigned pos;
    int32_t off = lane_word(d, (unsigned)index << esz, &pos);
    if (esz == 2) {
        ir_st_env_i32(b, v, off);
        return;
    }
    IRTemp w = tmp(dc);
    ir_ld_env_i32(b, w, off);
    ir_deposit_i32(b, w, w, v, pos, 8u << esz);
    ir_st_env_i32(b, w, off);
}

static IRTemp get_lane(DisasContext *dc, int d, int index, int esz)
{
    unsigned pos;
    int32_t off = lane_word(d, (unsigned)index << esz, &pos);
    IRTemp w = tmp(dc);
    ir_ld_env_i32(dc->b, w, off);
    return shr_by(dc, w, pos);
}

/* The 32-bit pattern of v repeated in every element (esz 0..2). */
static IRTemp replicate(DisasContext *dc, IRTemp v, int esz)
{
    IRBlock *b = dc->b;
    if (esz == 0) {
        IRTemp t = tmp(dc);
        ir_deposit_i32(b, t, v, v, 8, 8);
        v = t;
    }
    if (esz <= 1) {
        IRTemp t = tmp(dc);
        ir_deposit_i32(b, t, v, v, 16, 16);
        v = t;
    }
    return v;
}

/* ---------------------------------------------------------------- addressing */

/* The base address after the alignment check.  The check branches around
 * an exit; temps do not live across the label, so the base is read after
 * it. */
static IRTemp gen_base(DisasContext *dc, const NeonLs *f)
{
    IRBlock *b = dc->b;
    if (f->align > 1) {
        IRTemp a = arm_load_reg(dc, f->rn);
        uint32_t ok = ir_new_label(b);
        ir_brcond_i32(b, IR_COND_TSTEQ, a, cst(dc, f->align - 1), ok);
        ir_st_env_i32(b, a, (int32_t)offsetof(CPUCommon, exit_info));
        arm_gen_exit(dc, EXIT_UNALIGNED, dc->pc);
        ir_label(b, ok);
        dc->state = DISAS_NEXT;
    }
    return arm_load_reg(dc, f->rn);
}

static void gen_writeback(DisasContext *dc, const NeonLs *f, IRTemp base)
{
    if (f->rm == 15)
        return;
    IRTemp nb = tmp(dc);
    IRTemp off = f->rm == 13 ? cst(dc, f->xfer) : arm_load_reg(dc, f->rm);
    ir_add_i32(dc->b, nb, base, off);
    arm_store_reg(dc, f->rn, nb);
}

/* ---------------------------------------------------------------- multiple structures */

/*
 * Structure s (0 .. regs * lanes - 1) fills lane s % lanes of the register
 * column s / lanes; its element k goes to register d + k * inc + column.
 * In memory the structures follow each other, their elements in order.
 */
static bool trans_multiple(DisasContext *dc, NeonLs *f, uint32_t insn)
{
    int type = (insn >> 8) & 0xf, align = (insn >> 4) & 3;
    /* By type: elements per structure, register columns, spacing
     * (0010 VLD1 of four registers, 0011 VLD2 of four, ...); 1011 and up
     * are UNDEFINED. */
    static const struct { int8_t nelem, regs, inc; } types[16] = {
        [0] = { 4, 1, 1 }, [1] = { 4, 1, 2 }, [2] = { 1, 4, 1 }, [3] = { 2, 2, 2 },
        [4] = { 3, 1, 1 }, [5] = { 3, 1, 2 }, [6] = { 1, 3, 1 }, [7] = { 1, 1, 1 },
        [8] = { 2, 1, 1 }, [9] = { 2, 1, 2 }, [10] = { 1, 2, 1 },
    };
    if (types[type].nelem == 0)
        return false;
    f->nelem = types[type].nelem;
    f->regs = types[type].regs;
    f->inc = types[type].inc;
    f->esz = (insn >> 6) & 3;

    /* UNDEFINED combinations of size and align. */
    if (f->nelem > 1 && f->esz == 3)
        return false;
    int nregs = f->nelem * f->regs;
    if ((nregs == 1 || nregs == 3) && (align & 2))
        return false;
    if (nregs == 2 && align == 3)
        return false;
    f->align = align == 0 ? 1 : 4u << align;
    /* A list running past D31 is UNPREDICTABLE. */
    if (f->d + (f->nelem - 1) * f->inc + f->regs > 32)
        return false;

    int lanes = 8 >> f->esz, count = f->nelem * f->regs * lanes;
    f->xfer = (uint32_t)count << f->esz;
    IRTemp base = gen_base(dc, f);

    /* Whole registers in memory order: one 64-bit access each.  With
     * big-endian data this still holds for bytes, and for 64-bit elements
     * when the access is byte-reversed as a whole. */
    if (f->nelem == 1 && (mergeable(dc, f->esz) || f->esz == 3)) {
        MemOp mo = MO_64 | (dc->be_data && f->esz == 3 ? MO_BSWAP : 0);
        IRTemp v[4];
        for (int r = 0; r < f->regs; r++) {
            IRTemp addr = addr_plus(dc, base, 8 * r);
            if (f->load) {
                v[r] = ir_temp_i64(dc->b);
                ir_ld_i64(dc->b, v[r], addr, mo);
            } else {
                IRTemp x = ir_temp_i64(dc->b);
                ir_ld_env_i64(dc->b, x, dreg_off(f->d + r));
                ir_st_i64(dc->b, x, addr, mo);
            }
        }
        for (int r = 0; f->load && r < f->regs; r++)
            ir_st_env_i64(dc->b, v[r], dreg_off(f->d + r));
        gen_writeback(dc, f, base);
        return true;
    }

    /* mem[i] is element i in memory order, regv[k][c][lane] the same
     * values by register: element k of structure s is mem[s * nelem + k]
     * and lives in column c = s / lanes. */
    IRTemp mem[NEON_LS_MAX_ELEMS];
    IRTemp regv[4][4][8];
    int nstruct = f->regs * lanes;
    if (f->load) {
        read_elems(dc, base, count, f->esz, mem);
        for (int s = 0; s < nstruct; s++)
            for (int k = 0; k < f->nelem; k++)
                regv[k][s / lanes][s % lanes] = mem[s * f->nelem + k];
        for (int k = 0; k < f->nelem; k++)
            for (int c = 0; c < f->regs; c++)
                put_reg(dc, f->d + k * f->inc + c, regv[k][c], f->esz);
    } else {
        for (int k = 0; k < f->nelem; k++)
            for (int c = 0; c < f->regs; c++)
                get_reg(dc, f->d + k * f->inc + c, regv[k][c], f->esz);
        for (int s = 0; s < nstruct; s++)
            for (int k = 0; k < f->nelem; k++)
                mem[s * f->nelem + k] = regv[k][s / lanes][s % lanes];
        write_elems(dc, base, count, f->esz, mem);
    }
    gen_writeback(dc, f, base);
    return true;
}

/* ---------------------------------------------------------------- single structures */

/* Decode index_align of the one-lane forms into index, inc and align;
 * false for the UNDEFINED combinations. */
static bool decode_lane(NeonLs *f, uint32_t ia)
{
    int n = f->nelem;
    switch (f->esz) {
    case 0:
        f->index = (int)(ia >> 1);
        if (n == 1 || n == 3) {
            if (ia & 1)
                return false;
        } else {
            f->align = (ia & 1) ? (uint32_t)n : 1;   /* 2 bytes for VLD2, 4 for VLD4 */
        }
        break;
    case 1:
        f->index = (int)(ia >> 2);
        if (n > 1)
            f->inc = (ia & 2) ? 2 : 1;
        else if (ia & 2)
            return false;
        if (n == 3) {
            if (ia & 1)
                return false;
        } else if (ia & 1) {
            f->align = 2u * (uint32_t)n;   /* 2, 4 or 8 bytes */
        }
        break;
    default:
        f->index = (int)(ia >> 3);
        if (n > 1)
            f->inc = (ia & 4) ? 2 : 1;
        else if (ia & 4)
            return false;
        switch (n) {
        case 1:
            if ((ia & 3) != 0 && (ia & 3) != 3)
                return false;
            f->align = (ia & 3) ? 4 : 1;
            break;
        case 2:
            if (ia & 2)
                return false;
            f->align = (ia & 1) ? 8 : 1;
            break;
        case 3:
            if (ia & 3)
                return false;
            break;
        default:
            if ((ia & 3) == 3)
                return false;
            f->align = (ia & 3) ? 4u << (ia & 3) : 1;
            break;
        }
        break;
    }
    return true;
}

/* VLDn/VSTn of one structure to or from one lane of n registers. */
static bool trans_one_lane(DisasContext *dc, NeonLs *f, uint32_t insn)
{
    f->esz = (insn >> 10) & 3;
    if (!decode_lane(f, (insn >> 4) & 0xf))
        return false;
    if (f->d + (f->nelem - 1) * f->inc > 31)    /* past D31: UNPREDICTABLE */
        return false;
    f->xfer = (uint32_t)f->nelem << f->esz;

    IRTemp base = gen_base(dc, f);
    IRTemp v[4];
    if (f->load) {
        read_elems(dc, base, f->nelem, f->esz, v);
        for (int k = 0; k < f->nelem; k++)
            put_lane(dc, f->d + k * f->inc, f->index, f->esz, v[k]);
    } else {
        for (int k = 0; k < f->nelem; k++)
            v[k] = get_lane(dc, f->d + k * f->inc, f->index, f->esz);
        write_elems(dc, base, f->nelem, f->esz, v);
    }
    gen_writeback(dc, f, base);
    return true;
}

/* VLDn of one structure replicated to all lanes of n registers (VLD1: of
 * one or two registers). */
static bool trans_all_lanes(DisasContext *dc, NeonLs *f, uint32_t insn)
{
    int size = (insn >> 6) & 3;
    bool t = (insn >> 5) & 1, a = (insn >> 4) & 1;
    int n = f->nelem;

    /* There is no store to all lanes; size 11 is only VLD4.32 with
     * 128-bit alignment. */
    if (!f->load)
        return false;
    if (size == 3 && !(n == 4 && a))
        return false;
    f->esz = size == 3 ? 2 : size;
    if (n == 1) {
        if (size == 0 && a)
            return false;
        f->regs = t ? 2 : 1;
        f->align = a ? 1u << f->esz : 1;
    } else {
        f->regs = 1;
        f->inc = t ? 2 : 1;
        if (n == 3 && a)
            return false;
        if (a && n == 2)
            f->align = 2u << f->esz;
        else if (a && n == 4)
            f->align = size == 3 ? 16 : size == 2 ? 8 : 4u << f->esz;
    }
    if (f->d + (n - 1) * f->inc + f->regs > 32)    /* past D31: UNPREDICTABLE */
        return false;
    f->xfer = (uint32_t)n << f->esz;

    IRTemp base = gen_base(dc, f);
    IRTemp v[4];
    read_elems(dc, base, n, f->esz, v);
    for (int k = 0; k < n; k++) {
        IRTemp w = replicate(dc, v[k], f->esz);
        IRTemp x = ir_temp_i64(dc->b);
        ir_concat_i32_i64(dc->b, x, w, w);
        for (int r = 0; r < f->regs; r++)
            ir_st_env_i64(dc->b, x, dreg_off(f->d + k * f->inc + r));
    }
    gen_writeback(dc, f, base);
    return true;
}

bool arm_trans_neon_ls(DisasContext *dc, uint32_t insn)
{
    NeonLs f = {
        .load = (insn >> 21) & 1,
        .d = (int)(((insn >> 22) & 1) << 4 | ((insn >> 12) & 0xf)),
        .rn = (insn >> 16) & 0xf,
        .rm = insn & 0xf,
        .inc = 1,
        .regs = 1,
        .align = 1,
    };
    /* Rn = 15 is UNPREDICTABLE in every form. */
    if (f.rn == 15)
        return false;
    if (((insn >> 23) & 1) == 0)
        return trans_multiple(dc, &f, insn);
    f.nelem = (int)((insn >> 8) & 3) + 1;
    if (((insn >> 10) & 3) == 3)
        return trans_all_lanes(dc, &f, insn);
    return trans_one_lane(dc, &f, insn);
}
