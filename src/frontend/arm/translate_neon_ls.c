/* Advanced SIMD element and structure loads and stores (being written). */
#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"

bool arm_trans_neon_ls(DisasContext *dc, uint32_t insn)
{
    (void)dc; (void)insn;
    return false;
}
