/*
 * Reference semantics of the pure IR ops on constant inputs.  The constant
 * folder and the IR interpreter both use this, so the two agree by
 * construction; the x86-64 backend is checked against them by tests.
 */
#include "tcg/ir.h"

#include "common/bits.h"

static uint32_t divs32(uint32_t a, uint32_t b)
{
    if (b == 0)
        return 0;
    if (a == 0x80000000u && b == 0xffffffffu)
        return a;
    return (uint32_t)((int32_t)a / (int32_t)b);
}

static uint32_t rems32(uint32_t a, uint32_t b)
{
    if (b == 0)
        return a;
    if (a == 0x80000000u && b == 0xffffffffu)
        return 0;
    return (uint32_t)((int32_t)a % (int32_t)b);
}

static uint32_t deposit(uint32_t a, uint32_t b, unsigned pos, unsigned len)
{
    return deposit32(a, pos, len, b);
}

static bool eval_i32(IROpc opc, const uint64_t *in, const uint64_t *cst, uint64_t *out)
{
    uint32_t a = (uint32_t)in[0], b = (uint32_t)in[1];
    uint32_t r;
    switch (opc) {
    case IR_mov_i32: r = a; break;
    case IR_add_i32: r = a + b; break;
    case IR_sub_i32: r = a - b; break;
    case IR_mul_i32: r = a * b; break;
    case IR_and_i32: r = a & b; break;
    case IR_or_i32: r = a | b; break;
    case IR_xor_i32: r = a ^ b; break;
    case IR_andc_i32: r = a & ~b; break;
    case IR_shl_i32: r = a << (b & 31); break;
    case IR_shr_i32: r = a >> (b & 31); break;
    case IR_sar_i32: r = (uint32_t)((int32_t)a >> (b & 31)); break;
    case IR_rotr_i32: r = ror32(a, b); break;
    case IR_rotl_i32: r = rol32(a, b); break;
    case IR_neg_i32: r = -a; break;
    case IR_not_i32: r = ~a; break;
    case IR_divs_i32: r = divs32(a, b); break;
    case IR_divu_i32: r = b ? a / b : 0; break;
    case IR_rems_i32: r = rems32(a, b); break;
    case IR_remu_i32: r = b ? a % b : a; break;
    case IR_clz_i32: r = clz32(a); break;
    case IR_ctz_i32: r = ctz32(a); break;
    case IR_bswap32_i32: r = __builtin_bswap32(a); break;
    case IR_bswap16_i32: r = __builtin_bswap16((uint16_t)a); break;
    case IR_ext8s_i32: r = (uint32_t)(int8_t)a; break;
    case IR_ext8u_i32: r = (uint8_t)a; break;
    case IR_ext16s_i32: r = (uint32_t)(int16_t)a; break;
    case IR_ext16u_i32: r = (uint16_t)a; break;
    case IR_extract_i32: r = extract32(a, cst[0], cst[1]); break;
    case IR_sextract_i32: r = (uint32_t)sextract32(a, cst[0], cst[1]); break;
    case IR_deposit_i32: r = deposit(a, b, cst[0], cst[1]); break;
    case IR_setcond_i32: r = ir_cond_eval32((IRCond)cst[0], a, b); break;
    case IR_movcond_i32:
        r = ir_cond_eval32((IRCond)cst[0], a, b) ? (uint32_t)in[2] : (uint32_t)in[3];
        break;
    case IR_extrl_i64_i32: r = (uint32_t)in[0]; break;
    case IR_extrh_i64_i32: r = (uint32_t)(in[0] >> 32); break;
    case IR_setcond_i64: r = ir_cond_eval64((IRCond)cst[0], in[0], in[1]); break;
    default:
        return false;
    }
    out[0] = r;
    return true;
}

static bool eval_i64(IROpc opc, const uint64_t *in, uint64_t *out)
{
    uint64_t a = in[0], b = in[1];
    uint64_t r;
    switch (opc) {
    case IR_mov_i64: r = a; break;
    case IR_add_i64: r = a + b; break;
    case IR_sub_i64: r = a - b; break;
    case IR_mul_i64: r = a * b; break;
    case IR_and_i64: r = a & b; break;
    case IR_or_i64: r = a | b; break;
    case IR_xor_i64: r = a ^ b; break;
    case IR_shl_i64: r = a << (b & 63); break;
    case IR_shr_i64: r = a >> (b & 63); break;
    case IR_sar_i64: r = (uint64_t)((int64_t)a >> (b & 63)); break;
    case IR_neg_i64: r = -a; break;
    case IR_not_i64: r = ~a; break;
    case IR_extu_i32_i64: r = (uint32_t)a; break;
    case IR_exts_i32_i64: r = (uint64_t)(int64_t)(int32_t)a; break;
    case IR_concat_i32_i64: r = (uint32_t)a | (uint64_t)(uint32_t)b << 32; break;
    default:
        return false;
    }
    out[0] = r;
    return true;
}

static bool eval_pair(IROpc opc, const uint64_t *in, uint64_t *out)
{
    uint32_t a = (uint32_t)in[0], b = (uint32_t)in[1];
    uint64_t p, s;
    switch (opc) {
    case IR_mulu2_i32:
        p = (uint64_t)a * b;
        break;
    case IR_muls2_i32:
        p = (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
        break;
    case IR_addc_i32:
        s = (uint64_t)a + b + (in[2] & 1);
        out[0] = (uint32_t)s;
        out[1] = s >> 32;
        return true;
    case IR_subc_i32:
        s = (uint64_t)a + (uint32_t)~b + (in[2] & 1);
        out[0] = (uint32_t)s;
        out[1] = s >> 32;
        return true;
    default:
        return false;
    }
    out[0] = (uint32_t)p;
    out[1] = p >> 32;
    return true;
}

bool ir_eval_op(IROpc opc, const uint64_t *in, const uint64_t *cst, uint64_t *out)
{
    return eval_i32(opc, in, cst, out) || eval_i64(opc, in, out) || eval_pair(opc, in, out);
}
