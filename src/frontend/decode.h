/*
 * Table-driven instruction decoding from bit-pattern strings.
 *
 * A decoder is an array of DecodeEntry, each with a pattern written most
 * significant bit first, e.g. for ARM's "ADD (immediate)":
 *
 *     { "cccc0010100Snnnnddddiiiiiiiiiiii", "add_imm", handler }
 *
 * '0' and '1' are fixed bits, '-' (or 'x') is a bit the encoding ignores,
 * and any letter names a field.  A field's bits need not be contiguous:
 * they are concatenated in pattern order, most significant first, so a
 * Thumb immediate split as "i....iii.iiiiiiii" reads as one value.
 * Patterns are 16 or 32 characters long (spaces are ignored and may be
 * used to group bits).  Entries are tried in order; the first whose fixed
 * bits match wins, so put specific encodings before general ones.
 *
 * Usage:
 *     static DecodeEntry a32[] = { {...}, {...}, DECODE_END };
 *     decode_compile(a32);                       // once, at start-up
 *     const DecodeEntry *e = decode_lookup(a32, insn);
 *     if (e) { uint32_t rd = decode_field(e, insn, 'd'); ... }
 */
#ifndef FERRY_FRONTEND_DECODE_H
#define FERRY_FRONTEND_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#define DECODE_MAX_FIELDS 12

typedef struct DecodeField {
    char letter;
    uint8_t nbits;
    uint8_t lsb;         /* lowest bit of mask */
    bool contiguous;     /* mask is one run of bits: a shift extracts it */
    uint32_t mask;       /* bits of the instruction that form the field */
} DecodeField;

typedef struct DecodeEntry {
    const char *pattern;
    const char *name;
    const void *handler;     /* frontend-specific function pointer */
    /* filled by decode_compile */
    uint32_t fixed_mask, fixed_value;
    uint8_t width;           /* 16 or 32 */
    uint8_t nfields;
    DecodeField fields[DECODE_MAX_FIELDS];
} DecodeEntry;

#define DECODE_END { 0 }

/* Compile the patterns of a table terminated by DECODE_END.  A malformed
 * pattern is a ferry bug: it is reported and ferry exits. */
void decode_compile(DecodeEntry *table);

/* First entry matching insn, or NULL. */
const DecodeEntry *decode_lookup(const DecodeEntry *table, uint32_t insn);

/* Value of the field named letter (0 when the entry has no such field). */
uint32_t decode_field(const DecodeEntry *e, uint32_t insn, char letter);
/* The same, sign-extended from the field's width. */
int32_t decode_sfield(const DecodeEntry *e, uint32_t insn, char letter);
/* True when the entry has a field named letter. */
bool decode_has_field(const DecodeEntry *e, char letter);

/* Gather the bits of insn selected by mask into a contiguous value. */
uint32_t decode_gather(uint32_t insn, uint32_t mask);

#endif
