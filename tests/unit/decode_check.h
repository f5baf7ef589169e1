/*
 * Field checks shared by the decoder-table tests: an expected-fields string
 * "letter=value ..." (decimal or 0x hex; a negative value compares the
 * field sign-extended) against what a decoder entry extracts.
 */
#ifndef FERRY_TESTS_DECODE_CHECK_H
#define FERRY_TESTS_DECODE_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "frontend/decode.h"

/* True when every field in spec matches; each mismatch is printed. */
static bool decode_fields_match(const DecodeEntry *e, uint32_t insn, const char *spec)
{
    bool ok = true;
    const char *p = spec;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char letter = p[0];
        if (p[1] != '=') {
            printf("  malformed field list \"%s\"\n", spec);
            return false;
        }
        char *end;
        long want = strtol(p + 2, &end, 0);
        long got = want < 0 ? decode_sfield(e, insn, letter)
                            : (long)decode_field(e, insn, letter);
        if (!decode_has_field(e, letter) || got != want) {
            printf("  field %c = %ld, want %ld\n", letter, got, want);
            ok = false;
        }
        p = end;
    }
    return ok;
}

#endif
