/*
 * Bit-pattern decoder tables: compilation of pattern strings into
 * mask/value pairs and field masks, and lookup.  See decode.h.
 */
#include "frontend/decode.h"

#include <string.h>

#include "common/log.h"

uint32_t decode_gather(uint32_t insn, uint32_t mask)
{
    uint32_t v = 0;
    for (int bit = 31; bit >= 0; bit--) {
        if (mask & (1u << bit))
            v = (v << 1) | ((insn >> bit) & 1);
    }
    return v;
}

static DecodeField *field_for(DecodeEntry *e, char letter)
{
    for (int i = 0; i < e->nfields; i++) {
        if (e->fields[i].letter == letter)
            return &e->fields[i];
    }
    if (e->nfields == DECODE_MAX_FIELDS)
        ferry_fatal("decoder pattern '%s': too many fields", e->pattern);
    DecodeField *f = &e->fields[e->nfields++];
    f->letter = letter;
    f->nbits = 0;
    f->mask = 0;
    return f;
}

static void compile_entry(DecodeEntry *e)
{
    int width = 0;
    for (const char *p = e->pattern; *p; p++)
        width += (*p != ' ');
    if (width != 16 && width != 32)
        ferry_fatal("decoder pattern '%s' has %d bits", e->pattern, width);
    e->width = (uint8_t)width;
    e->fixed_mask = e->fixed_value = 0;
    e->nfields = 0;
    int bit = width - 1;
    for (const char *p = e->pattern; *p; p++) {
        char c = *p;
        if (c == ' ')
            continue;
        uint32_t m = 1u << bit;
        if (c == '0' || c == '1') {
            e->fixed_mask |= m;
            if (c == '1')
                e->fixed_value |= m;
        } else if (c != '-' && c != 'x') {
            DecodeField *f = field_for(e, c);
            f->mask |= m;
            f->nbits++;
        }
        bit--;
    }
}

void decode_compile(DecodeEntry *table)
{
    for (DecodeEntry *e = table; e->pattern; e++) {
        compile_entry(e);
        for (int i = 0; i < e->nfields; i++) {
            DecodeField *f = &e->fields[i];
            f->lsb = (uint8_t)__builtin_ctz(f->mask);
            uint32_t run = f->mask >> f->lsb;
            f->contiguous = (run & (run + 1)) == 0;
        }
    }
}

static uint32_t field_value(const DecodeField *f, uint32_t insn)
{
    if (f->contiguous)
        return (insn & f->mask) >> f->lsb;
    return decode_gather(insn, f->mask);
}

const DecodeEntry *decode_lookup(const DecodeEntry *table, uint32_t insn)
{
    for (const DecodeEntry *e = table; e->pattern; e++) {
        if ((insn & e->fixed_mask) == e->fixed_value)
            return e;
    }
    return NULL;
}

static const DecodeField *find_field(const DecodeEntry *e, char letter)
{
    for (int i = 0; i < e->nfields; i++) {
        if (e->fields[i].letter == letter)
            return &e->fields[i];
    }
    return NULL;
}

uint32_t decode_field(const DecodeEntry *e, uint32_t insn, char letter)
{
    const DecodeField *f = find_field(e, letter);
    return f ? field_value(f, insn) : 0;
}

int32_t decode_sfield(const DecodeEntry *e, uint32_t insn, char letter)
{
    const DecodeField *f = find_field(e, letter);
    if (!f || f->nbits == 0)
        return 0;
    uint32_t v = field_value(f, insn);
    unsigned shift = 32 - f->nbits;
    return (int32_t)(v << shift) >> shift;
}

bool decode_has_field(const DecodeEntry *e, char letter)
{
    return find_field(e, letter) != NULL;
}
