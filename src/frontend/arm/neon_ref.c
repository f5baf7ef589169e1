/* Reference implementation of the vector operations for the ARM guest (being written). */
#include "common/log.h"
#include "frontend/arm/neon.h"

void arm_neon_ref(void *env, uint32_t what, uint32_t d, uint32_t a, uint32_t b)
{
    (void)env; (void)d; (void)a; (void)b;
    ferry_fatal("internal error: vector operation %s not implemented", vop_name(VOP_KIND(what)));
}
