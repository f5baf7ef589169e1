/*
 * Invalidation of translated code, for callers outside the engine
 * (munmap, mprotect, the ARM cacheflush syscall, writes to code pages).
 */
#ifndef FERRY_EXEC_TB_INVALIDATE_H
#define FERRY_EXEC_TB_INVALIDATE_H

#include <stdint.h>

/* Drop every translated block overlapping guest [start, end). */
void tb_invalidate_range(uint32_t start, uint32_t end);

#endif
