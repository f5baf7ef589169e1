/*
 * Bit-field helpers shared by decoders and folding.
 */
#ifndef FERRY_COMMON_BITS_H
#define FERRY_COMMON_BITS_H

#include <stdint.h>

static inline uint32_t extract32(uint32_t v, unsigned pos, unsigned len)
{
    return (v >> pos) & (len >= 32 ? ~0u : (1u << len) - 1);
}

static inline int32_t sextract32(uint32_t v, unsigned pos, unsigned len)
{
    return (int32_t)(v << (32 - pos - len)) >> (32 - len);
}

static inline uint64_t extract64(uint64_t v, unsigned pos, unsigned len)
{
    return (v >> pos) & (len >= 64 ? ~0ull : (1ull << len) - 1);
}

static inline uint32_t deposit32(uint32_t v, unsigned pos, unsigned len, uint32_t f)
{
    uint32_t mask = (len >= 32 ? ~0u : (1u << len) - 1) << pos;
    return (v & ~mask) | ((f << pos) & mask);
}

static inline uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

static inline uint32_t rol32(uint32_t v, unsigned n)
{
    return ror32(v, 32 - (n & 31));
}

static inline int clz32(uint32_t v) { return v ? __builtin_clz(v) : 32; }
static inline int ctz32(uint32_t v) { return v ? __builtin_ctz(v) : 32; }

#endif
