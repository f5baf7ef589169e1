/*
 * The MIPS GuestArch descriptors, big-endian (mips) and little-endian
 * (mipsel): how the engine initialises, translates, dispatches exits,
 * disassembles and dumps a MIPS guest, plus the process set-up of user
 * mode (initial registers, FP mode from the ELF flags).
 */
#include "frontend/mips/mips_guest.h"

#include <capstone/capstone.h>
#include <elf.h>
#include <signal.h>
#include <string.h>

#include "common/log.h"
#include "exec/exec.h"
#include "exec/guestmem.h"
#include "frontend/mips/mips_fp.h"
#include "frontend/mips/translate.h"
#include "syscall/syscall.h"

/* e_flags (elf.h names some of these; the NaN2008 and FP64 bits are newer). */
#define MIPS_EF_NOREORDER  0x00000001u
#define MIPS_EF_ABI2       0x00000020u   /* n32 */
#define MIPS_EF_FP64       0x00000200u
#define MIPS_EF_NAN2008    0x00000400u
#define MIPS_EF_ABI_MASK   0x0000f000u
#define MIPS_EF_ABI_O32    0x00001000u
#define MIPS_EF_ARCH_MASK  0xf0000000u
#define MIPS_EF_ARCH_32R6  0x90000000u
#define MIPS_EF_ARCH_64R6  0xa0000000u
#define MIPS_EF_ASE_M16    0x04000000u   /* MIPS16 code */
#define MIPS_EF_MICROMIPS  0x02000000u

/* FIR of a MIPS32r2 FPU (a 24Kf's): S, D, W and L formats and 64-bit FPRs
 * (F64), implementation 0x93; Has2008 is added for NaN2008 programs. */
#define MIPS_FIR_VALUE 0x00739300u

static const char *mips_check_elf_flags(uint32_t e_flags)
{
    uint32_t abi = e_flags & MIPS_EF_ABI_MASK;
    uint32_t arch = e_flags & MIPS_EF_ARCH_MASK;
    if (e_flags & MIPS_EF_ABI2)
        return "an n32 program (only o32 is supported)";
    if (abi != 0 && abi != MIPS_EF_ABI_O32)
        return "not an o32 program";
    if (arch == MIPS_EF_ARCH_32R6 || arch == MIPS_EF_ARCH_64R6)
        return "a MIPS Release 6 program (only up to Release 2 is supported)";
    if (arch > 0x70000000u && arch != 0x90000000u)   /* MIPS32r2 is 0x70000000 */
        return "a 64-bit MIPS program";
    if (e_flags & (MIPS_EF_ASE_M16 | MIPS_EF_MICROMIPS))
        return "a MIPS16/microMIPS program (not supported)";
    return NULL;
}

/* No AT_HWCAP bits: they only announce Release 6, MSA and later ASEs. */
static uint32_t mips_hwcap(void)
{
    return 0;
}

#define MIPS_PT_ABIFLAGS 0x70000003u
/* .MIPS.abiflags fp_abi values that need 64-bit FPRs (FR=1). */
enum { MIPS_FP_ABI_OLD_64 = 4, MIPS_FP_ABI_64 = 6, MIPS_FP_ABI_64A = 7 };

static uint32_t guest_u32(uint32_t addr)
{
    uint32_t v = 0;
    if (copy_from_guest(&v, addr, 4))
        return 0;
    return mips_big_endian() ? __builtin_bswap32(v) : v;
}

/*
 * The FP ABI of the program from its PT_MIPS_ABIFLAGS segment (as the
 * kernel's arch_check_elf reads it); -1 without one.  The headers are read
 * from guest memory, where the loader mapped them (AT_PHDR); the load bias
 * is what separates PT_PHDR's address from that.
 */
static int program_fp_abi(const GuestStart *st)
{
    uint32_t bias = 0;
    for (uint32_t i = 0; i < st->phnum; i++) {
        uint32_t ph = st->phdr + 32 * i;
        if (guest_u32(ph) == PT_PHDR)
            bias = st->phdr - guest_u32(ph + 8);
    }
    for (uint32_t i = 0; i < st->phnum; i++) {
        uint32_t ph = st->phdr + 32 * i;
        if (guest_u32(ph) != MIPS_PT_ABIFLAGS || guest_u32(ph + 16) < 24)
            continue;
        uint8_t fp_abi;
        if (copy_from_guest(&fp_abi, guest_u32(ph + 8) + bias + 7, 1))
            return -1;
        return fp_abi;
    }
    return -1;
}

/*
 * Linux starts a MIPS process with every register zero except $sp
 * (pointing at argc) and the pc; $v0 = 0 tells _start there is no
 * rtld_fini.  $t9 = entry as qemu does, so position-independent start-up
 * code that computes $gp from $t9 works as after a jalr.  The FP register
 * mode follows the program's FP ABI (FR=1 for the 64-bit-FPU ABIs, or the
 * old EF_MIPS_FP64 flag), the NaN encoding its EF_MIPS_NAN2008 flag.
 */
static void mips_setup_process(void *env_v, const GuestStart *st)
{
    MipsCPU *env = env_v;
    int fp_abi = program_fp_abi(st);
    env->r[29] = st->sp;
    env->r[25] = st->entry;
    env->pc = st->entry;
    env->ll_addr = ~0u;
    env->fr = (st->e_flags & MIPS_EF_FP64) != 0 || fp_abi == MIPS_FP_ABI_OLD_64 ||
              fp_abi == MIPS_FP_ABI_64 || fp_abi == MIPS_FP_ABI_64A;
    env->fir = MIPS_FIR_VALUE | ((st->e_flags & MIPS_EF_NAN2008) ? (1u << 23) : 0);
    mips_fp_reset(env, (st->e_flags & MIPS_EF_NAN2008) != 0);
}

/* ---------------------------------------------------------------- GuestArch hooks */

static uint32_t mips_get_pc(const void *env)
{
    return ((const MipsCPU *)env)->pc;
}

static void mips_set_pc(void *env, uint32_t pc)
{
    ((MipsCPU *)env)->pc = pc;
}

static uint32_t mips_get_flags(const void *env)
{
    return mips_tb_flags(env);
}

/* BREAK and the conditional traps: Linux turns codes 6 (overflow) and 7
 * (divide by zero, what compilers put after DIV) into SIGFPE, everything
 * else into SIGTRAP. */
static void trap_signal(MipsCPU *env, uint32_t code)
{
    if (code == 6)
        cpu_guest_signal(env, SIGFPE, FPE_INTOVF, env->pc);
    else if (code == 7)
        cpu_guest_signal(env, SIGFPE, FPE_INTDIV, env->pc);
    else
        cpu_guest_signal(env, SIGTRAP, TRAP_BRKPT, env->pc);
}

static void mips_handle_exit(void *env_v, int code)
{
    MipsCPU *env = env_v;
    uint32_t pc = env->pc;
    switch (code) {
    case EXIT_SYSCALL:
        mips_syscall(env);
        break;
    case EXIT_UNDEF:
        cpu_guest_signal(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case EXIT_BKPT:
        cpu_guest_signal(env, SIGTRAP, TRAP_BRKPT, pc);
        break;
    case EXIT_PREFETCH_ABORT:
        if (pc & 3)
            cpu_guest_signal(env, SIGBUS, BUS_ADRALN, pc);
        else
            cpu_guest_signal(env, SIGSEGV,
                             (gmem_page_flags(pc) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, pc);
        break;
    case MIPS_EXIT_TRAP:
        trap_signal(env, env->common.exit_info);
        break;
    case MIPS_EXIT_OVERFLOW:
        cpu_guest_signal(env, SIGFPE, FPE_INTOVF, pc);
        break;
    default:
        ferry_fatal("unexpected exit code %d from MIPS code at 0x%08x", code, pc);
    }
}

static void mips_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size)
{
    static csh handle;
    static bool opened;
    if (!opened) {
        cs_mode mode = CS_MODE_MIPS32 |
                       (mips_big_endian() ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
        if (cs_open(CS_ARCH_MIPS, mode, &handle) != CS_ERR_OK)
            handle = 0;
        opened = true;
    }
    if (size == 0 || !mips_code_fetchable(pc) || !mips_code_fetchable(pc + size - 1)) {
        fprintf(f, "0x%08x: (not executable)\n", pc);
        return;
    }
    cs_insn *insn = NULL;
    size_t n = handle ? cs_disasm(handle, g2h(pc), size, pc, 0, &insn) : 0;
    uint32_t done = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = (uint32_t)insn[i].address;
        fprintf(f, "0x%08x: %08x  %s %s\n", a, mips_fetch32(a), insn[i].mnemonic,
                insn[i].op_str);
        done += insn[i].size;
    }
    if (n)
        cs_free(insn, n);
    for (; done < size; done += 4)
        fprintf(f, "0x%08x: %08x  (not disassembled)\n", pc + done, mips_fetch32(pc + done));
}

static void mips_dump_state(FILE *f, const void *env_v)
{
    static const char *const names[32] = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
    };
    const MipsCPU *env = env_v;
    for (int i = 0; i < 32; i++)
        fprintf(f, "%4s=%08x%s", names[i], env->r[i], (i & 3) == 3 ? "\n" : " ");
    fprintf(f, "  pc=%08x   hi=%08x   lo=%08x fcsr=%08x\n", env->pc, env->hi, env->lo,
            mips_fcsr_with_fcc(env->fcsr, env->fcc));
    fprintf(f, " tls=%08x ll_addr=%08x fr=%u nan2008=%u\n", env->tls, env->ll_addr, env->fr,
            env->nan2008);
}

#define MIPS_GUEST_COMMON                                   \
    .env_size = sizeof(MipsCPU),                            \
    .elf_machine = EM_MIPS,                                 \
    .ir_context = mips_ir_context,                          \
    .translate = mips_translate,                            \
    .get_pc = mips_get_pc,                                  \
    .get_flags = mips_get_flags,                            \
    .set_pc = mips_set_pc,                                  \
    .handle_exit = mips_handle_exit,                        \
    .disas = mips_disas,                                    \
    .dump_state = mips_dump_state,                          \
    .check_elf_flags = mips_check_elf_flags,                \
    .hwcap = mips_hwcap,                                    \
    .hwcap2 = mips_hwcap,                                   \
    .elf_platform = NULL,                                   \
    .map_special_pages = NULL,                              \
    .setup_process = mips_setup_process

const GuestArch mips_guest = {
    .name = "mips",
    .big_endian = true,
    .init = mips_translate_init_be,
    MIPS_GUEST_COMMON,
};

const GuestArch mipsel_guest = {
    .name = "mipsel",
    .big_endian = false,
    .init = mips_translate_init_le,
    MIPS_GUEST_COMMON,
};
