/*
 * Floating-point IR ops for the IR interpreter (see fpeval.c).
 */
#ifndef FERRY_TCG_FPEVAL_H
#define FERRY_TCG_FPEVAL_H

#include <fenv.h>
#include <stdint.h>

#include "tcg/ir.h"

void ir_fp_fop(void *env, const IROp *op);
void ir_fp_fcvt(void *env, const IROp *op);
uint32_t ir_fp_fcmp(void *env, const IROp *op);

#endif
