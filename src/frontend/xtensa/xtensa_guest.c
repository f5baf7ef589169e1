/*
 * The Xtensa GuestArch descriptors, little-endian (xtensa) and big-endian
 * (xtensaeb): initialisation, exits, disassembly, state dumps and the
 * process set-up of Linux user mode.
 */
#include "frontend/xtensa/xtensa_guest.h"

#include <elf.h>
#include <signal.h>
#include <string.h>

#include "common/log.h"
#include "exec/exec.h"
#include "exec/guestmem.h"
#include "frontend/xtensa/translate.h"
#include "frontend/xtensa/xtensa_fp.h"
#include "syscall/syscall.h"

#ifndef EM_XTENSA
#define EM_XTENSA 94
#endif

static const XtensaConfig *chosen;

/* -cpu: a core by name; NULL picks the default for the byte order. */
static const char *xt_set_cpu(const char *name, bool big_endian)
{
    if (!name || !*name) {
        chosen = xt_default_config(big_endian);
        return NULL;
    }
    chosen = xt_find_config(name);
    return chosen ? NULL : xt_config_names();
}

static const char *xt_set_cpu_le(const char *name)
{
    return xt_set_cpu(name, false);
}

static const char *xt_set_cpu_be(const char *name)
{
    return xt_set_cpu(name, true);
}

static void xt_init_le(void)
{
    xt_config = chosen ? chosen : xt_default_config(false);
    xt_translate_init_le();
}

static void xt_init_be(void)
{
    xt_config = chosen ? chosen : xt_default_config(true);
    xt_translate_init_be();
}

static uint32_t xt_hwcap(void)
{
    return 0;
}

/*
 * Linux starts an Xtensa process with a1 = the stack pointer (at argc),
 * a0 = 0 (the outermost frame), the other registers zero, WindowBase 0 and
 * WindowStart 1 (one live frame), PS.WOE set and PS.CALLINC 0.
 */
static void xt_setup_process(void *env_v, const GuestStart *st)
{
    XtensaCPU *env = env_v;
    env->a[1] = st->sp;
    env->pc = st->entry;
    env->windowbase = 0;
    env->windowstart = 1;
    xt_fp_reset(env);
}

/* ---------------------------------------------------------------- GuestArch hooks */

static uint32_t xt_get_pc(const void *env)
{
    return ((const XtensaCPU *)env)->pc;
}

static void xt_set_pc(void *env, uint32_t pc)
{
    ((XtensaCPU *)env)->pc = pc;
}

static uint32_t xt_get_flags(const void *env)
{
    return xt_tb_flags(env);
}

static void xt_handle_exit(void *env_v, int code)
{
    XtensaCPU *env = env_v;
    uint32_t pc = env->pc;
    switch (code) {
    case EXIT_SYSCALL:
        /* Linux returns past the SYSCALL with RFE, a jump: a SYSCALL that
         * ends a zero-overhead loop body does not loop back. */
        xtensa_syscall(env);
        break;
    case EXIT_UNDEF:
        cpu_guest_signal(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case XT_EXIT_PRIV:
        cpu_guest_signal(env, SIGILL, ILL_PRVOPC, pc);
        break;
    case XT_EXIT_BREAK:
        cpu_guest_signal(env, SIGTRAP, TRAP_BRKPT, pc);
        break;
    case XT_EXIT_DIV0:
        cpu_guest_signal(env, SIGFPE, FPE_INTDIV, pc);
        break;
    case XT_EXIT_WINDOW:
        /* a window spill or reload could not reach the stack */
        cpu_guest_signal(env, SIGSEGV, SEGV_MAPERR, env->a[1]);
        break;
    case EXIT_PREFETCH_ABORT: {
        uint32_t addr = env->common.exit_info;
        cpu_guest_signal(env, SIGSEGV,
                         (gmem_page_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, addr);
        break;
    }
    default:
        ferry_fatal("unexpected exit code %d from Xtensa code at 0x%08x", code, pc);
    }
}

/* No disassembler for Xtensa in capstone: the instruction words. */
static void xt_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size)
{
    uint32_t end = pc + size;
    while (pc < end) {
        if (!xt_code_fetchable(pc)) {
            fprintf(f, "0x%08x: (not executable)\n", pc);
            return;
        }
        unsigned len;
        uint32_t w = xt_fetch(pc, &len);
        fprintf(f, "0x%08x: %0*x\n", pc, len == 2 ? 4 : 6, w);
        pc += len;
    }
}

static void xt_dump_state(FILE *f, const void *env_v)
{
    const XtensaCPU *env = env_v;
    for (int i = 0; i < 16; i++)
        fprintf(f, "%4s%d=%08x%s", "a", i, env->a[i], (i & 3) == 3 ? "\n" : " ");
    fprintf(f, "  pc=%08x  sar=%08x lbeg=%08x lend=%08x lcount=%08x\n", env->pc, env->sar,
            env->lbeg, env->lend, env->lcount);
    fprintf(f, "  wb=%u ws=%04x br=%04x core=%s\n", env->windowbase, env->windowstart, env->br,
            xt_config->name);
}

#define XT_GUEST_COMMON                                     \
    .env_size = sizeof(XtensaCPU),                          \
    .elf_machine = EM_XTENSA,                               \
    .ir_context = xt_ir_context,                            \
    .translate = xt_translate,                              \
    .get_pc = xt_get_pc,                                    \
    .get_flags = xt_get_flags,                              \
    .set_pc = xt_set_pc,                                    \
    .handle_exit = xt_handle_exit,                          \
    .disas = xt_disas,                                      \
    .dump_state = xt_dump_state,                            \
    .check_elf_flags = NULL,                                \
    .hwcap = xt_hwcap,                                      \
    .hwcap2 = xt_hwcap,                                     \
    .elf_platform = NULL,                                   \
    .map_special_pages = NULL,                              \
    .setup_process = xt_setup_process

const GuestArch xtensa_guest = {
    .name = "xtensa",
    .big_endian = false,
    .init = xt_init_le,
    .set_cpu = xt_set_cpu_le,
    XT_GUEST_COMMON,
};

const GuestArch xtensaeb_guest = {
    .name = "xtensaeb",
    .big_endian = true,
    .init = xt_init_be,
    .set_cpu = xt_set_cpu_be,
    XT_GUEST_COMMON,
};
