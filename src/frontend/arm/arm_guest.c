/*
 * The ARM GuestArch: how the engine initialises, translates, dispatches
 * exits, disassembles and dumps an ARM guest, plus the process set-up of
 * user mode (initial registers, kuser helper page, HWCAP bits).
 */
#include "frontend/arm/arm_guest.h"
#include "frontend/arm/arm_fp.h"

#include <capstone/capstone.h>
#include <elf.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "common/log.h"
#include "exec/exec.h"
#include "exec/guestmem.h"
#include "frontend/arm/translate.h"
#include "syscall/syscall.h"

/* AT_HWCAP bits (arch/arm/include/uapi/asm/hwcap.h). */
enum {
    ARM_HWCAP_SWP = 1u << 0,
    ARM_HWCAP_HALF = 1u << 1,
    ARM_HWCAP_THUMB = 1u << 2,
    ARM_HWCAP_FAST_MULT = 1u << 4,
    ARM_HWCAP_VFP = 1u << 6,
    ARM_HWCAP_EDSP = 1u << 7,
    ARM_HWCAP_NEON = 1u << 12,
    ARM_HWCAP_VFPv3 = 1u << 13,
    ARM_HWCAP_TLS = 1u << 15,
    ARM_HWCAP_VFPv4 = 1u << 16,
    ARM_HWCAP_IDIVA = 1u << 17,
    ARM_HWCAP_IDIVT = 1u << 18,
    ARM_HWCAP_VFPD32 = 1u << 19,
};

#define ARM_FPEXC_EN (1u << 30)
/* kuser helper slots (32 bytes each) from 0xffff0f60 to the version word. */
#define ARM_KUSER_NHELPERS 5

/*
 * What a Cortex-A15 offers user mode, all implemented: VFPv4-D32 (arithmetic,
 * fused multiply-add, half-precision conversions), Advanced SIMD, the
 * DSP/media set and the integer divide instructions in both instruction
 * sets.  No HWCAP2 bits: the A15 has no crypto extension.
 */
uint32_t arm_hwcap(void)
{
    return ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT |
           ARM_HWCAP_EDSP | ARM_HWCAP_TLS | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT |
           ARM_HWCAP_VFP | ARM_HWCAP_VFPv3 | ARM_HWCAP_VFPv4 | ARM_HWCAP_VFPD32 |
           ARM_HWCAP_NEON;
}

uint32_t arm_hwcap2(void)
{
    return 0;
}

void arm_setup_process(ArmCPU *env, uint32_t entry, uint32_t sp)
{
    env->r[13] = sp;
    env->r[15] = entry & ~1u;
    env->thumb = entry & 1;
    env->itstate = 0;
    env->fpexc = ARM_FPEXC_EN;
    env->excl_addr = ~0u;
    arm_fp_reset(env);   /* FPSCR 0 and the matching host MXCSR */
}

/* The helpers themselves are translated specially (arm_gen_kuser); the
 * page only has to exist, be executable and hold the version word. */
void arm_map_kuser_page(void)
{
    uint32_t a = gmem_mmap(ARM_KUSER_PAGE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (gmem_is_err(a))
        ferry_fatal("cannot map the kuser helper page at 0x%08x", ARM_KUSER_PAGE);
    uint32_t version = ARM_KUSER_NHELPERS;
    memcpy(g2h(ARM_KUSER_VERSION), &version, sizeof(version));
    if (gmem_mprotect(ARM_KUSER_PAGE, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0)
        ferry_fatal("cannot protect the kuser helper page");
}

/* ---------------------------------------------------------------- GuestArch hooks */

static uint32_t arm_get_pc(const void *env)
{
    return ((const ArmCPU *)env)->r[15];
}

static void arm_set_pc(void *env, uint32_t pc)
{
    ((ArmCPU *)env)->r[15] = pc;
}

static uint32_t arm_get_flags(const void *env)
{
    return arm_tb_flags(env);
}

static void arm_handle_exit(void *env_void, int code)
{
    ArmCPU *env = env_void;
    uint32_t pc = env->r[15];
    switch (code) {
    case EXIT_SYSCALL:
        arm_syscall(env);
        break;
    case EXIT_UNDEF:
        cpu_guest_signal(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case EXIT_BKPT:
        cpu_guest_signal(env, SIGTRAP, TRAP_BRKPT, pc);
        break;
    case EXIT_PREFETCH_ABORT:
        cpu_guest_signal(env, SIGSEGV,
                         (gmem_page_flags(pc) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, pc);
        break;
    default:
        ferry_fatal("unexpected exit code %d from ARM code at 0x%08x", code, pc);
    }
}

/* One capstone handle per instruction set, opened on first use. */
static csh disas_handle(bool thumb)
{
    static csh handles[2];
    static bool opened[2];
    if (!opened[thumb]) {
        cs_mode mode = (thumb ? CS_MODE_THUMB : CS_MODE_ARM) | CS_MODE_LITTLE_ENDIAN;
        if (cs_open(CS_ARCH_ARM, mode, &handles[thumb]) != CS_ERR_OK)
            return 0;
        opened[thumb] = true;
    }
    return handles[thumb];
}

static void print_insn_bytes(FILE *f, const cs_insn *in, bool thumb)
{
    uint32_t w;
    if (!thumb) {
        memcpy(&w, in->bytes, 4);
        fprintf(f, "%08x      ", w);
        return;
    }
    uint16_t h1, h2;
    memcpy(&h1, in->bytes, 2);
    if (in->size == 4) {
        memcpy(&h2, in->bytes + 2, 2);
        fprintf(f, "%04x %04x     ", h1, h2);
    } else {
        fprintf(f, "%04x          ", h1);
    }
}

static void arm_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size)
{
    bool thumb = flags & ARM_TBFLAG_THUMB;
    if ((pc & GUEST_PAGE_MASK) == ARM_KUSER_PAGE) {
        fprintf(f, "0x%08x: kuser helper\n", pc);
        return;
    }
    if (size == 0 || !arm_code_fetchable(pc) || !arm_code_fetchable(pc + size - 1)) {
        fprintf(f, "0x%08x: (not executable)\n", pc);
        return;
    }
    csh h = disas_handle(thumb);
    cs_insn *insn = NULL;
    size_t n = h ? cs_disasm(h, g2h(pc), size, pc, 0, &insn) : 0;
    uint32_t done = 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "0x%08x: ", (uint32_t)insn[i].address);
        print_insn_bytes(f, &insn[i], thumb);
        fprintf(f, "%s %s\n", insn[i].mnemonic, insn[i].op_str);
        done += insn[i].size;
    }
    if (n)
        cs_free(insn, n);
    if (done < size)
        fprintf(f, "0x%08x: (%u bytes not disassembled)\n", pc + done, size - done);
}

static void arm_dump_state(FILE *f, const void *env_void)
{
    const ArmCPU *env = env_void;
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };
    for (int i = 0; i < 16; i++)
        fprintf(f, "%3s=%08x%s", names[i], env->r[i], (i & 3) == 3 ? "\n" : " ");
    uint32_t apsr = arm_get_apsr(env);
    fprintf(f, "flags=%c%c%c%c%c ge=%x %s itstate=%02x %s-endian data\n",
            apsr >> 31 & 1 ? 'N' : '-', apsr >> 30 & 1 ? 'Z' : '-',
            apsr >> 29 & 1 ? 'C' : '-', apsr >> 28 & 1 ? 'V' : '-',
            apsr >> 27 & 1 ? 'Q' : '-', (apsr >> 16) & 0xf,
            env->thumb ? "Thumb" : "ARM", env->itstate, env->bigend_data ? "big" : "little");
    fprintf(f, "fpscr=%08x tpidruro=%08x excl_addr=%08x\n",
            env->fpscr, env->tpidruro, env->excl_addr);
}

static void arm_setup_process_hook(void *env, const GuestStart *start)
{
    arm_setup_process(env, start->entry, start->sp);
}

const GuestArch arm_guest = {
    .name = "arm",
    .env_size = sizeof(ArmCPU),
    .big_endian = false,
    .elf_machine = EM_ARM,
    .init = arm_translate_init,
    .ir_context = arm_ir_context,
    .translate = arm_translate,
    .get_pc = arm_get_pc,
    .get_flags = arm_get_flags,
    .set_pc = arm_set_pc,
    .handle_exit = arm_handle_exit,
    .raise_signal = arm_signal_raise,
    .deliver_signals = arm_signal_deliver,
    .disas = arm_disas,
    .dump_state = arm_dump_state,
    .check_elf_flags = NULL,
    .hwcap = arm_hwcap,
    .hwcap2 = arm_hwcap2,
    .elf_platform = "v7l",
    .map_special_pages = arm_map_kuser_page,
    .setup_process = arm_setup_process_hook,
};
