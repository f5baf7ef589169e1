/*
 * The block cache: translation, hash lookup, chaining and invalidation.
 *
 * Blocks are translated by the guest frontend into IR, optimised, then
 * handed to the chosen backend.  The x86-64 backend writes into one code
 * buffer, allocated next to ferry's own text so helper calls and the
 * epilogue are within rel32 reach; when the buffer fills up every block is
 * dropped at once (tb_flush) and translation starts over.
 *
 * Threads: translation, linking and invalidation take tb_lock; lookup does
 * not.  A block is complete before it is published in its hash chain with
 * a release store, and lookups follow the chains with acquire loads, so a
 * reader sees either the old chain or a finished block.  Invalidation
 * unlinks blocks but never frees them: a thread may still be running one
 * (its code stays intact until the next flush).  Only tb_flush frees
 * blocks and reuses the code buffer, inside an exclusive section where no
 * other thread runs (cpus.c).  Chained jumps are patched with atomic 4-byte
 * stores of aligned rel32 fields, so a thread executing the jump sees the
 * old or the new target.  Jump caches belong to their threads: invalidation
 * only marks them stale (exec_cpus_mark_jc_stale).
 *
 * Self-modifying code: before reading the guest code of a block, the
 * translator marks its page PAGE_CODE, which write-protects it in the host
 * when the guest may write it (gmem_protect_code).  A guest store to it
 * faults; the fault handler unprotects the page and invalidates its blocks.
 * Because the protection is set under tb_lock before the code is read, a
 * block translated from old bytes is always invalidated by that write.
 */
#include "exec/tb.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/log.h"
#include "exec/cpu_common.h"
#include "exec/cpus.h"
#include "exec/exec.h"
#include "exec/guestmem.h"
#include "exec/tb_invalidate.h"
#include "tcg/backend.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define CODE_BUF_DEFAULT_MB 256u

static TranslationBlock *tb_hash[TB_HASH_SIZE];
static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;

/* All live blocks in allocation order (= host code order for x86). */
static TranslationBlock **tb_list;
static uint32_t tb_count, tb_cap;

static uint8_t *code_buf;       /* start of the whole buffer */
static uint8_t *code_gen_start; /* after the prologue/epilogue */
static uint8_t *code_ptr;       /* next free byte */
static uint8_t *code_end;

static IRBlock *scratch_ir;     /* reused for x86 translations */

/* Bumped by every flush: a TranslationBlock pointer kept across a
 * translation is stale when this changed. */
uint32_t tb_flush_count;

static inline uint32_t tb_hash_of(uint32_t pc, uint32_t flags)
{
    uint32_t h = pc * 0x9e3779b1u ^ flags * 0x85ebca6bu;
    return h >> (32 - TB_HASH_BITS);
}

static void *alloc_code_buffer(size_t size)
{
    /* Try below ferry's own text first, so rel32 calls reach helpers. */
    uintptr_t self = (uintptr_t)&tb_lookup;
    for (uintptr_t off = 256u << 20; off < (1ull << 31) - size; off += 256u << 20) {
        uintptr_t want = (self - off - size) & ~(uintptr_t)0xffff;
        void *p = mmap((void *)want, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != MAP_FAILED)
            return p;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        ferry_fatal("cannot allocate the code buffer");
    return p;
}

void tb_init(void)
{
    if (exec_opts.backend == EXEC_BACKEND_X86) {
        size_t size = exec_opts.code_buffer_kb ? (size_t)exec_opts.code_buffer_kb << 10
                                               : (size_t)CODE_BUF_DEFAULT_MB << 20;
        code_buf = alloc_code_buffer(size);
        code_end = code_buf + size;
        x86_backend_init(code_buf, size, &code_gen_start);
        code_ptr = code_gen_start;
    }
    scratch_ir = ir_block_new(exec_guest->ir_context(), 0, 0);
}

TranslationBlock *tb_lookup(uint32_t pc, uint32_t flags)
{
    TranslationBlock *tb = __atomic_load_n(&tb_hash[tb_hash_of(pc, flags)], __ATOMIC_ACQUIRE);
    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->flags == flags)
            return tb;
    }
    return NULL;
}

static void tb_free(TranslationBlock *tb)
{
    ir_block_free(tb->ir);
    free(tb->label_pos);
    free(tb->incoming);
    free(tb->fault_tab);
    free(tb);
}

static void tb_list_add(TranslationBlock *tb)
{
    if (tb_count == tb_cap) {
        tb_cap = tb_cap ? tb_cap * 2 : 1024;
        tb_list = realloc(tb_list, tb_cap * sizeof(*tb_list));
        if (!tb_list)
            ferry_fatal("out of memory");
    }
    tb_list[tb_count++] = tb;
}

/* Only inside an exclusive section: nobody runs or holds a block. */
static void flush_locked(void)
{
    for (uint32_t i = 0; i < tb_count; i++)
        tb_free(tb_list[i]);
    tb_count = 0;
    memset(tb_hash, 0, sizeof(tb_hash));
    exec_cpus_mark_jc_stale();
    code_ptr = code_gen_start;
    __atomic_store_n(&tb_flush_count, tb_flush_count + 1, __ATOMIC_RELEASE);
}

void tb_flush(CPUCommon *self, uint32_t seen)
{
    if (self)
        exec_cpu_end(self);
    exec_start_exclusive();
    pthread_mutex_lock(&tb_lock);
    /* Several threads may find the buffer full at once: one flush is enough. */
    if (tb_flush_count == seen)
        flush_locked();
    pthread_mutex_unlock(&tb_lock);
    exec_end_exclusive();
    if (self)
        exec_cpu_start(self);
}

static void log_block(IRBlock *b, unsigned channel, const char *title)
{
    if (!(ferry_log_mask & channel))
        return;
    ferry_dbg("%s\n", title);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ir_print(b, f);
    fclose(f);
    ferry_dbg("%s\n", text);
    free(text);
}

static void translate_ir(IRBlock *b, uint32_t pc, uint32_t flags, uint32_t max_insns)
{
    ir_block_reset(b, pc, flags);
    exec_guest->translate(b, max_insns);
    if (ferry_log_mask & LOG_IN_ASM) {
        ferry_dbg("IN: pc=0x%08x flags=0x%x\n", pc, flags);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        exec_guest->disas(f, pc, flags, b->guest_size);
        fclose(f);
        ferry_dbg("%s\n", text);
        free(text);
    }
    log_block(b, LOG_OP, "OP:");
    char msg[256];
    if (exec_opts.verify && !ir_verify(b, msg, sizeof(msg))) {
        ir_print(b, stderr);
        ferry_fatal("internal error: invalid IR for pc 0x%08x: %s", pc, msg);
    }
    ir_optimize(b);
    log_block(b, LOG_OP_OPT, "OP after optimisation:");
}

/* With FERRY_PERF_MAP set, describe every block in /tmp/perf-PID.map so
 * `perf report` can name generated code by guest pc. */
static void perf_map_add(const TranslationBlock *tb)
{
    static FILE *map;
    static int enabled = -1;
    if (enabled < 0) {
        enabled = getenv("FERRY_PERF_MAP") != NULL;
        if (enabled) {
            char path[64];
            snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
            map = fopen(path, "w");
            enabled = map != NULL;
        }
    }
    if (enabled)
        fprintf(map, "%lx %x guest_%08x_%x\n", (unsigned long)(uintptr_t)tb->code,
                tb->code_size, tb->pc, tb->flags);
}

static bool gen_x86(TranslationBlock *tb, IRBlock *b)
{
    size_t room = (size_t)(code_end - code_ptr);
    if (room < 4096 || !x86_gen_block(b, tb, code_ptr, room))
        return false;
    tb->code = code_ptr;
    code_ptr += (tb->code_size + 15) & ~15u;
    perf_map_add(tb);
    if (ferry_log_mask & LOG_OUT_ASM) {
        ferry_dbg("OUT: pc=0x%08x [%u bytes]\n", tb->pc, tb->code_size);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        x86_disas(f, tb->code, tb->code_size);
        fclose(f);
        ferry_dbg("%s\n", text);
        free(text);
    }
    return true;
}

/* Mark the pages guest code is read from (see the top of the file). */
static void protect_code(uint32_t start, uint32_t size)
{
    uint32_t last = start + (size ? size - 1 : 0);
    gmem_protect_code(start);
    if ((last & GUEST_PAGE_MASK) != (start & GUEST_PAGE_MASK))
        gmem_protect_code(last);
}

/* Translate (pc, flags) with tb_lock held; NULL when the code buffer is
 * full.  A cached block goes into the hash table. */
static TranslationBlock *translate_locked(uint32_t pc, uint32_t flags, uint32_t max_insns,
                                          bool cache)
{
    TranslationBlock *tb = calloc(1, sizeof(*tb));
    if (!tb)
        ferry_fatal("out of memory");
    tb->pc = pc;
    tb->flags = flags;
    for (int i = 0; i < TB_MAX_SLOTS; i++)
        tb->jmp_field[i] = tb->jmp_stub[i] = TB_NO_JUMP;

    /* The first page before reading; a block ends at a page boundary, so
     * only an instruction that straddles it reaches the next page. */
    gmem_protect_code(pc);
    if (exec_opts.backend == EXEC_BACKEND_X86) {
        translate_ir(scratch_ir, pc, flags, max_insns);
        if (!gen_x86(tb, scratch_ir)) {
            if (code_ptr == code_gen_start)
                ferry_fatal("internal error: block at 0x%08x does not fit the code buffer", pc);
            free(tb);
            return NULL;
        }
        tb->guest_size = scratch_ir->guest_size;
        tb->ninsns = scratch_ir->ninsns;
    } else {
        tb->ir = ir_block_new(exec_guest->ir_context(), pc, flags);
        translate_ir(tb->ir, pc, flags, max_insns);
        tb->guest_size = tb->ir->guest_size;
        tb->ninsns = tb->ir->ninsns;
        interp_prepare(tb);
    }
    protect_code(pc, tb->guest_size);
    tb_list_add(tb);
    if (!cache) {
        /* Never found by lookup and never chained to. */
        tb->invalid = true;
        tb->once = true;
        return tb;
    }
    uint32_t h = tb_hash_of(pc, flags);
    tb->hash_next = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
    return tb;
}

TranslationBlock *tb_translate(void *env, uint32_t pc, uint32_t flags)
{
    (void)env;
    pthread_mutex_lock(&tb_lock);
    TranslationBlock *tb = tb_lookup(pc, flags);
    if (!tb)
        tb = translate_locked(pc, flags, exec_opts.max_insns, true);
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

TranslationBlock *tb_translate_once(void *env, uint32_t pc, uint32_t flags)
{
    (void)env;
    pthread_mutex_lock(&tb_lock);
    TranslationBlock *tb = translate_locked(pc, flags, 1, false);
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

static void add_incoming(TranslationBlock *dest, TranslationBlock *from, int slot)
{
    if (dest->nincoming == dest->cap_incoming) {
        dest->cap_incoming = dest->cap_incoming ? dest->cap_incoming * 2 : 4;
        dest->incoming = realloc(dest->incoming, dest->cap_incoming * sizeof(uintptr_t));
        if (!dest->incoming)
            ferry_fatal("out of memory");
    }
    dest->incoming[dest->nincoming++] = (uintptr_t)from | (uintptr_t)slot;
}

void tb_link(TranslationBlock *tb, int slot, TranslationBlock *dest)
{
    pthread_mutex_lock(&tb_lock);
    if (!tb->invalid && !dest->invalid && !tb->jmp_dest[slot]) {
        if (tb->code) {
            if (tb->jmp_field[slot] == TB_NO_JUMP) {
                pthread_mutex_unlock(&tb_lock);
                return;
            }
            x86_patch_jump(tb->code + tb->jmp_field[slot], dest->code);
        }
        /* The interpreter follows jmp_dest without the lock. */
        __atomic_store_n(&tb->jmp_dest[slot], dest, __ATOMIC_RELEASE);
        add_incoming(dest, tb, slot);
    }
    pthread_mutex_unlock(&tb_lock);
}

bool tb_in_code_buffer(uintptr_t host_pc)
{
    return code_buf && host_pc >= (uintptr_t)code_gen_start && host_pc < (uintptr_t)code_end;
}

/*
 * Called from the fault handler of a thread that was running generated
 * code: it holds no engine lock, and no flush can run meanwhile, so
 * taking tb_lock here is safe and the block stays valid after returning.
 */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    if (!tb_in_code_buffer(host_pc))
        return NULL;
    pthread_mutex_lock(&tb_lock);
    /* tb_list is in code order for the x86 backend: binary search. */
    TranslationBlock *found = NULL;
    uint32_t lo = 0, hi = tb_count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        TranslationBlock *tb = tb_list[mid];
        if (host_pc < (uintptr_t)tb->code) {
            hi = mid;
        } else if (host_pc >= (uintptr_t)tb->code + tb->code_size) {
            lo = mid + 1;
        } else {
            found = tb;
            break;
        }
    }
    pthread_mutex_unlock(&tb_lock);
    return found;
}

/* Undo the chains into tb and out of it, and unhash it. */
static void tb_invalidate_one(TranslationBlock *tb)
{
    __atomic_store_n(&tb->invalid, true, __ATOMIC_RELEASE);
    for (uint32_t i = 0; i < tb->nincoming; i++) {
        TranslationBlock *from = (TranslationBlock *)(tb->incoming[i] & ~(uintptr_t)(TB_MAX_SLOTS - 1));
        int slot = (int)(tb->incoming[i] & (TB_MAX_SLOTS - 1));
        if (from->jmp_dest[slot] != tb)
            continue;
        if (from->code)
            x86_patch_jump(from->code + from->jmp_field[slot], from->code + from->jmp_stub[slot]);
        __atomic_store_n(&from->jmp_dest[slot], NULL, __ATOMIC_RELEASE);
    }
    tb->nincoming = 0;
    /* Lookups in other threads may be walking this chain: one atomic store
     * takes tb out, and tb's own link stays valid for them. */
    TranslationBlock **pp = &tb_hash[tb_hash_of(tb->pc, tb->flags)];
    while (*pp && *pp != tb)
        pp = &(*pp)->hash_next;
    if (*pp)
        __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
}

void tb_invalidate_range(uint32_t start, uint32_t end)
{
    pthread_mutex_lock(&tb_lock);
    bool any = false;
    for (uint32_t i = 0; i < tb_count; i++) {
        TranslationBlock *tb = tb_list[i];
        if (tb->invalid)
            continue;
        uint32_t tb_end = tb->pc + (tb->guest_size ? tb->guest_size : 1);
        if (tb->pc < end && tb_end > start) {
            tb_invalidate_one(tb);
            any = true;
        }
    }
    if (any)
        exec_cpus_mark_jc_stale();
    pthread_mutex_unlock(&tb_lock);
}
