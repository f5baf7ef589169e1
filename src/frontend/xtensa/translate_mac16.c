/*
 * The MAC16 option: 16x16-bit multiplies into the 40-bit accumulator
 * ACCHI:ACCLO, with operands from the address registers or from m0-m3,
 * and the loads of m0-m3 that can go with them.
 */
#include "frontend/xtensa/translate.h"

bool xt_trans_mac16(DisasContext *dc)
{
    return false;
}
