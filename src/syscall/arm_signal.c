/*
 * ARM signal frames, sigreturn, system call restart and new threads'
 * registers: the guest-specific half of signal delivery (the generic half
 * is sigdeliver.c).
 *
 * Frames are laid out as the ARM kernel's arch/arm/kernel/signal.c does:
 *
 *   struct sigframe    { struct ucontext uc; unsigned long retcode[4]; };
 *   struct rt_sigframe { siginfo_t info; struct sigframe sig; };
 *
 * struct ucontext holds uc_flags, uc_link, uc_stack, the sigcontext (trap
 * number, error code, old mask, r0-r15, CPSR, fault address), the kernel
 * sigset padded to glibc's 128 bytes, and uc_regspace (8-byte aligned, at
 * offset 232) with the VFP block (magic 0x56465001, size 0x120: D0-D31,
 * FPSCR, then FPEXC, FPINST, FPINST2) and a zero end marker.
 *
 * The frame goes 8-byte aligned below the stack pointer (or at the top of
 * the alternate stack).  The handler is entered with r0 = signal number
 * (r1 = &info, r2 = &uc for SA_SIGINFO), sp = frame, lr = the return
 * trampoline, the instruction set from bit 0 of the handler, flags, IT
 * state and the E bit cleared and the FP state kept, as Linux does (its
 * only change, clearing the unused Len/Stride fields, is moot here).  The
 * trampoline is sa_restorer under SA_RESTORER (glibc always sets it);
 * otherwise lr points into a page that holds the kernel's sigreturn code
 * sequences, which also go into retcode[] as the ABI requires.
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include "common/log.h"
#include "frontend/arm/arm_fp.h"
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/arm_internal.h"

#define ARM_VFP_MAGIC 0x56465001u
#define ARM_VFP_STORAGE_SIZE 0x120u
/* uc_flags of a non-rt frame: a value trap_no never has. */
#define ARM_SIGFRAME_UC_FLAGS 0x5ac3c35au

#define ARM_CPSR_T      (1u << 5)
#define ARM_CPSR_E      (1u << 9)
#define ARM_CPSR_USR    0x10u
#define ARM_FPEXC_EN    (1u << 30)
#define ARM_FPEXC_EX    (1u << 31)
#define ARM_FPEXC_FP2V  (1u << 28)

typedef struct ArmSigcontext {
    uint32_t trap_no;
    uint32_t error_code;
    uint32_t oldmask;
    uint32_t regs[16];          /* r0-r10, fp, ip, sp, lr, pc */
    uint32_t cpsr;
    uint32_t fault_address;
} ArmSigcontext;
GUEST_SIZE(ArmSigcontext, 84);

typedef struct ArmVfpSigframe {
    uint32_t magic;
    uint32_t size;
    uint64_t fpregs[32];
    uint32_t fpscr;
    uint32_t pad0;              /* struct user_vfp is 8-byte aligned */
    uint32_t fpexc;
    uint32_t fpinst;
    uint32_t fpinst2;
    uint32_t pad1;
} __attribute__((packed, aligned(4))) ArmVfpSigframe;
GUEST_SIZE(ArmVfpSigframe, ARM_VFP_STORAGE_SIZE);

typedef struct ArmUcontext {
    uint32_t uc_flags;
    uint32_t uc_link;
    GuestStack uc_stack;
    ArmSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
    uint32_t unused[30];        /* glibc's sigset_t is 128 bytes */
    uint32_t uc_regspace[128];
} ArmUcontext;
GUEST_SIZE(ArmUcontext, 744);
GUEST_CHECK(ArmUcontext, uc_mcontext, 20);
GUEST_CHECK(ArmUcontext, uc_sigmask, 104);
GUEST_CHECK(ArmUcontext, uc_regspace, 232);

typedef struct ArmSigframe {
    ArmUcontext uc;
    uint32_t retcode[4];
} ArmSigframe;
GUEST_SIZE(ArmSigframe, 760);

typedef struct ArmRtSigframe {
    GuestSiginfo info;
    ArmSigframe sig;
} ArmRtSigframe;
GUEST_SIZE(ArmRtSigframe, 888);

/* The kernel's sigreturn code: ARM (mov r7, #nr; swi with the OABI number)
 * and Thumb (movs r7, #nr; svc 0) forms of sigreturn (119) and
 * rt_sigreturn (173), at word indices 0, 2, 3 and 5. */
static const uint32_t sigreturn_codes[7] = {
    0xe3a07077, 0xef900077, 0xdf002777,
    0xe3a070ad, 0xef9000ad, 0xdf0027ad,
    0,
};

static uint32_t sigpage;
static pthread_once_t sigpage_once = PTHREAD_ONCE_INIT;

/* The page lr points to when the handler has no restorer (the kernel's
 * [sigpage]): the code sequences, read-only and executable. */
static void map_sigpage(void)
{
    uint32_t a = gmem_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (gmem_is_err(a))
        ferry_fatal("cannot map the signal return page");
    memcpy(g2h(a), sigreturn_codes, sizeof(sigreturn_codes));
    if (gmem_mprotect(a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0)
        ferry_fatal("cannot protect the signal return page");
    sigpage = a;
}

/* The CPSR of the interrupted code as user mode has it. */
static uint32_t arm_cpsr(const ArmCPU *env)
{
    uint32_t it = env->itstate & 0xff;
    return arm_get_apsr(env) | ARM_CPSR_USR | (env->thumb ? ARM_CPSR_T : 0) |
           (env->bigend_data ? ARM_CPSR_E : 0) | (it & 3) << 25 | (it >> 2) << 10;
}

static void arm_set_cpsr(ArmCPU *env, uint32_t cpsr)
{
    arm_set_apsr(env, cpsr, 0xf80f0000u);
    env->thumb = (cpsr & ARM_CPSR_T) != 0;
    env->bigend_data = (cpsr & ARM_CPSR_E) != 0;
    env->itstate = ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2;
}

static void fill_ucontext(const GuestAbi *abi, ArmCPU *env, const SysSignalFrame *f,
                          ArmUcontext *uc)
{
    ArmSigcontext *sc = &uc->uc_mcontext;
    sc->trap_no = tsw32(abi, f->trap_no);
    sc->error_code = tsw32(abi, f->error_code);
    sc->oldmask = tsw32(abi, (uint32_t)f->oldmask[0]);
    for (int i = 0; i < 16; i++)
        sc->regs[i] = tsw32(abi, env->r[i]);
    sc->cpsr = tsw32(abi, arm_cpsr(env));
    sc->fault_address = tsw32(abi, f->fault_address);
    uc->uc_sigmask[0] = tsw32(abi, (uint32_t)f->oldmask[0]);
    uc->uc_sigmask[1] = tsw32(abi, (uint32_t)(f->oldmask[0] >> 32));

    ArmVfpSigframe vfp;
    memset(&vfp, 0, sizeof(vfp));
    vfp.magic = tsw32(abi, ARM_VFP_MAGIC);
    vfp.size = tsw32(abi, ARM_VFP_STORAGE_SIZE);
    for (int i = 0; i < 32; i++)
        vfp.fpregs[i] = tsw64(abi, env->vfp_d[i]);
    /* Merges the flags the host FPU holds for the guest. */
    vfp.fpscr = tsw32(abi, arm_fp_read_fpscr(env));
    vfp.fpexc = tsw32(abi, env->fpexc);
    memcpy(uc->uc_regspace, &vfp, sizeof(vfp));
    /* end_magic (0) follows: uc_regspace is zeroed already. */
}

int arm_setup_frame(const GuestAbi *abi, void *env_v, const SysSignalFrame *f)
{
    ArmCPU *env = env_v;
    const SysSigaction *act = f->action;
    bool rt = act->flags & abi->sa_siginfo;
    uint32_t size = rt ? sizeof(ArmRtSigframe) : sizeof(ArmSigframe);
    uint32_t frame = (f->sp - size) & ~7u;
    if (frame > f->sp || !gmem_range_ok(frame, size, PAGE_WRITE))
        return -1;

    ArmRtSigframe buf;
    memset(&buf, 0, sizeof(buf));
    ArmSigframe *sf = rt ? &buf.sig : (ArmSigframe *)&buf;
    uint32_t sf_addr = rt ? frame + offsetof(ArmRtSigframe, sig) : frame;
    fill_ucontext(abi, env, f, &sf->uc);
    if (rt) {
        sf->uc.uc_flags = 0;
        sf->uc.uc_link = 0;
        sf->uc.uc_stack.ss_sp = tsw32(abi, f->uc_stack.sp);
        sf->uc.uc_stack.ss_flags = (int32_t)tsw32(abi, f->uc_stack.flags);
        sf->uc.uc_stack.ss_size = tsw32(abi, f->uc_stack.size);
    } else {
        sf->uc.uc_flags = tsw32(abi, ARM_SIGFRAME_UC_FLAGS);
    }

    uint32_t handler = act->handler;
    bool thumb = handler & 1;
    uint32_t retcode;
    if (act->flags & abi->sa_restorer) {
        retcode = act->restorer;
    } else {
        unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
        /* In the frame too, as the ABI has it (debuggers look there). */
        sf->retcode[0] = sigreturn_codes[idx];
        sf->retcode[1] = sigreturn_codes[idx + 1];
        pthread_once(&sigpage_once, map_sigpage);
        retcode = sigpage + idx * 4 + thumb;
    }
    if (rt) {
        /* The info was written in the buffer's first 128 bytes. */
        if (abi->put_siginfo(abi, frame, f->sig, f->info))
            return -1;
        if (copy_to_guest(sf_addr, sf, sizeof(*sf)))
            return -1;
    } else if (copy_to_guest(frame, sf, sizeof(*sf))) {
        return -1;
    }

    env->r[0] = (uint32_t)f->sig;
    if (rt) {
        env->r[1] = frame + offsetof(ArmRtSigframe, info);
        env->r[2] = sf_addr + offsetof(ArmSigframe, uc);
    }
    env->r[13] = frame;
    env->r[14] = retcode;
    env->r[15] = handler & ~1u;
    /* NZCVQ, the IT state and E cleared; GE kept; T from the handler. */
    arm_set_apsr(env, 0, 0xf8000000u);
    env->itstate = 0;
    env->bigend_data = 0;
    env->thumb = thumb;
    /* An exception return clears the exclusive monitor. */
    env->excl_addr = ~0u;
    return 0;
}

/* Restore the registers, mask and VFP state from the ucontext at addr;
 * false for a bad frame. */
static bool restore_ucontext(const GuestAbi *abi, ArmCPU *env, uint32_t addr, ArmUcontext *uc)
{
    if (copy_from_guest(uc, addr, sizeof(*uc)))
        return false;
    uint64_t mask[2] = { tsw32(abi, uc->uc_sigmask[0]) |
                         (uint64_t)tsw32(abi, uc->uc_sigmask[1]) << 32, 0 };
    sys_signal_sigreturn_mask(abi, env, mask);
    const ArmSigcontext *sc = &uc->uc_mcontext;
    for (int i = 0; i < 16; i++)
        env->r[i] = tsw32(abi, sc->regs[i]);
    uint32_t cpsr = tsw32(abi, sc->cpsr);
    arm_set_cpsr(env, cpsr);
    /* The kernel refuses a frame that would return to a privileged mode. */
    if ((cpsr & 0xf) != 0 || (cpsr & 0x80))
        return false;
    ArmVfpSigframe vfp;
    memcpy(&vfp, uc->uc_regspace, sizeof(vfp));
    if (tsw32(abi, vfp.magic) != ARM_VFP_MAGIC || tsw32(abi, vfp.size) != ARM_VFP_STORAGE_SIZE)
        return false;
    for (int i = 0; i < 32; i++)
        env->vfp_d[i] = tsw64(abi, vfp.fpregs[i]);
    arm_fp_write_fpscr(env, tsw32(abi, vfp.fpscr));
    /* As the kernel sanitises it: enabled, no exception pending. */
    env->fpexc = (tsw32(abi, vfp.fpexc) | ARM_FPEXC_EN) & ~(ARM_FPEXC_EX | ARM_FPEXC_FP2V);
    env->excl_addr = ~0u;
    return true;
}

/* sigreturn(): the struct sigframe is at sp.  The result is the restored
 * r0 (the row is R_RAW: no errno translation). */
int64_t arm_sys_sigreturn(SysCall *c)
{
    ArmCPU *env = c->env;
    ArmUcontext uc;
    uint32_t sp = env->r[13];
    if ((sp & 7) || !restore_ucontext(c->abi, env, sp + offsetof(ArmSigframe, uc), &uc)) {
        sys_signal_force_segv(c->abi, env);
        return env->r[0];
    }
    return env->r[0];
}

/* rt_sigreturn(): the struct rt_sigframe is at sp; the alternate stack
 * settings come back from uc_stack too. */
int64_t arm_sys_rt_sigreturn(SysCall *c)
{
    ArmCPU *env = c->env;
    ArmUcontext uc;
    uint32_t sp = env->r[13];
    uint32_t uc_addr = sp + offsetof(ArmRtSigframe, sig) + offsetof(ArmSigframe, uc);
    if ((sp & 7) || !restore_ucontext(c->abi, env, uc_addr, &uc)) {
        sys_signal_force_segv(c->abi, env);
        return env->r[0];
    }
    SysStack ss = {
        .sp = tsw32(c->abi, uc.uc_stack.ss_sp),
        .flags = tsw32(c->abi, (uint32_t)uc.uc_stack.ss_flags),
        .size = tsw32(c->abi, uc.uc_stack.ss_size),
    };
    sys_signal_sigreturn_altstack(c->abi, env, &ss);
    return env->r[0];
}

/* ---- system call restart and new threads ---- */

/* r0 of the system call being run: a restart needs the first argument
 * back (the result has overwritten it). */
static __thread uint32_t orig_r0;

void arm_syscall_entry(const ArmCPU *env)
{
    orig_r0 = env->r[0];
}

void arm_syscall_restart(void *env_v, bool restart)
{
    ArmCPU *env = env_v;
    if (restart) {
        env->r[0] = orig_r0;
        env->r[15] -= env->thumb ? 2 : 4;
    } else {
        env->r[0] = (uint32_t)-EINTR;   /* ARM shares the host's errno values */
    }
}

void arm_clone_setup(void *child_v, const void *parent_v, uint32_t newsp, bool tls_set,
                     uint32_t tls)
{
    ArmCPU *child = child_v;
    child->r[0] = 0;
    if (newsp)
        child->r[13] = newsp;
    if (tls_set)
        child->tpidruro = tls;
    /* The FP flags the parent's host FPU holds are the child's too. */
    child->fpscr = arm_fp_read_fpscr((void *)parent_v);
    child->excl_addr = ~0u;
}

void arm_thread_start(void *env)
{
    /* The new host thread's SSE state from the guest's FPSCR. */
    arm_fp_write_fpscr(env, ((ArmCPU *)env)->fpscr);
}
