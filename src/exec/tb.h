/*
 * Translated blocks and the block cache.
 *
 * A TranslationBlock describes the host code (or, for the IR interpreter,
 * the optimised IR) for the guest code at (pc, flags).  Blocks live in a
 * hash table keyed by (pc, flags); direct exits (goto_tb) are patched to
 * jump straight to their target block once it exists.
 */
#ifndef FERRY_EXEC_TB_H
#define FERRY_EXEC_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/ir.h"

#define TB_NO_JUMP 0xffffffffu
/* Direct exits per block (goto_tb slots); the exit word is tb | slot, so
 * blocks are at least 8-byte aligned. */
#define TB_MAX_SLOTS 4

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    uint32_t pc, flags;          /* key */
    uint32_t guest_size;         /* bytes of guest code covered */
    uint32_t ninsns;
    uint8_t *code;               /* host code entry (x86 backend) */
    uint32_t code_size;
    IRBlock *ir;                 /* optimised IR (interpreter backend) */
    uint32_t *label_pos;         /* interpreter: op index of each label */
    /* goto_tb slots: offset of the patchable rel32 in code, and the
     * offset of the slot's "return to the loop" stub (the unlinked target) */
    uint32_t jmp_field[TB_MAX_SLOTS];
    uint32_t jmp_stub[TB_MAX_SLOTS];
    TranslationBlock *jmp_dest[TB_MAX_SLOTS];    /* current chain target or NULL */
    /* blocks whose slots jump here: (tb pointer | slot) list */
    uintptr_t *incoming;
    uint32_t nincoming, cap_incoming;
    /* fault side table: see backend.h */
    uint8_t *fault_tab;
    uint32_t fault_len;
    TranslationBlock *hash_next;
    bool invalid;
    bool once;                   /* tb_translate_once: one instruction, uncached */
};

struct CPUCommon;
/* Set up the code buffer and backend (after exec_opts is set). */
void tb_init(void);
/* Look up (pc, flags) without locking; NULL when not translated. */
TranslationBlock *tb_lookup(uint32_t pc, uint32_t flags);
/* Translate (pc, flags) and insert it.  NULL when the code buffer is full:
 * the caller flushes (tb_flush) and tries again. */
TranslationBlock *tb_translate(void *env, uint32_t pc, uint32_t flags);
/* Translate the one instruction at (pc, flags) into a block that is never
 * cached nor chained (to restart a store that modified its own block);
 * NULL when the code buffer is full. */
TranslationBlock *tb_translate_once(void *env, uint32_t pc, uint32_t flags);
/* Patch tb's exit slot to jump to dest. */
void tb_link(TranslationBlock *tb, int slot, TranslationBlock *dest);
/* True when host_pc lies in the generated-code part of the code buffer. */
bool tb_in_code_buffer(uintptr_t host_pc);
/* The block whose host code contains host_pc, or NULL.  Only for a thread
 * that was running generated code (its fault handler). */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
/* Number of flushes so far (blocks kept across a translation are stale
 * when it changes). */
extern uint32_t tb_flush_count;
/* Drop every block, unless another thread already did since the caller
 * read tb_flush_count == seen.  Runs in an exclusive section; self is the
 * caller's CPU (it stops running meanwhile) or NULL. */
void tb_flush(struct CPUCommon *self, uint32_t seen);

#endif
