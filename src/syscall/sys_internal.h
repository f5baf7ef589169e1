/*
 * Shared declarations of the syscall layer (not for use outside
 * src/syscall/): the per-call context handlers receive, the GuestAbi
 * descriptor that carries everything guest-specific, and helpers for
 * arguments, results and guest memory.
 *
 * Handlers are generic: they read decoded arguments from SysCall.a[], call
 * the host, and use c->abi for whatever differs between guests (struct
 * converters, flag maps).  They return host-style results (value or
 * -host_errno); the dispatcher translates errno values for the guest.
 */
#ifndef FERRY_SYSCALL_SYS_INTERNAL_H
#define FERRY_SYSCALL_SYS_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include "syscall/syscall.h"
#include "exec/guestmem.h"
#include "exec/safe_syscall.h"

struct timespec;

/* One flag (or multi-bit group) and its value in guest and host encoding.
 * Arrays end with a row whose name is NULL. */
typedef struct FlagMap {
    uint32_t guest;
    uint32_t host;
    const char *name;
} FlagMap;

/* A guest sigaction in neutral form: fields keep the guest's values and
 * the mask is in guest signal numbering (bit n-1 for signal n). */
typedef struct SysSigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask[2];       /* room for 128 signals (MIPS) */
} SysSigaction;

/* A guest stack_t (sigaltstack) in neutral form. */
typedef struct SysStack {
    uint32_t sp;
    uint32_t flags;
    uint32_t size;
} SysStack;

typedef struct GuestAbi GuestAbi;

/* The kernel's struct termios in the host's (asm-generic) encoding: what
 * the per-guest termios converters produce and take. */
#define SYS_NCCS 19
typedef struct SysTermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[SYS_NCCS];
} SysTermios;

/* A signal frame to build (sys_signal_deliver -> GuestAbi.setup_frame). */
typedef struct SysSignalFrame {
    int sig;                    /* guest signal number */
    const siginfo_t *info;      /* host layout; si_addr of faults is a guest address */
    const SysSigaction *action;
    uint64_t oldmask[2];        /* the mask sigreturn restores */
    uint32_t sp;                /* stack pointer to build below (altstack applied) */
    SysStack uc_stack;          /* the uc_stack value (sigaltstack state) */
    uint32_t trap_no, error_code, fault_address; /* the thread's last fault */
} SysSignalFrame;

/* How ioctl moves an ioctl's argument (ioctl.c). */
typedef enum IoctlKind {
    IOC_VALUE,          /* integer argument or none, passed as is */
    IOC_INT_IN,         /* pointer to an int the host reads */
    IOC_INT_OUT,        /* pointer to an int the host writes */
    IOC_TERMIOS_IN,     /* pointer to struct termios (set) */
    IOC_TERMIOS_OUT,    /* pointer to struct termios (get) */
    IOC_WINSIZE_IN,
    IOC_WINSIZE_OUT,
} IoctlKind;

/* One ioctl a guest may issue; arrays end with a NULL name. */
typedef struct IoctlDef {
    uint32_t guest_cmd;
    uint32_t host_cmd;
    IoctlKind kind;
    const char *name;
} IoctlDef;

/* How fcntl moves its argument and result (fd.c). */
typedef enum FcntlKind {
    FC_VALUE,           /* integer argument and result, as is */
    FC_GETFL,           /* result: open flags to translate */
    FC_SETFL,           /* argument: open flags to translate */
    FC_LOCK32,          /* struct flock with 32-bit offsets */
    FC_LOCK64,          /* struct flock64 */
} FcntlKind;

/* One fcntl command; arrays end with a NULL name. */
typedef struct FcntlDef {
    uint32_t guest_cmd;
    uint32_t host_cmd;
    FcntlKind kind;
    const char *name;
} FcntlDef;

/* Everything the generic handlers need to know about one guest ABI. */
struct GuestAbi {
    const char *uname_machine;  /* utsname.machine, e.g. "armv7l" */
    bool big_endian;            /* guest memory byte order */
    bool pair_align;            /* 64-bit arguments start at an even register */
    unsigned nregs;             /* argument registers */
    unsigned nsig;              /* guest _NSIG (highest signal number) */
    unsigned sigset_size;       /* bytes of the kernel sigset_t */
    uint32_t sa_flags_known;    /* sa_flags bits the kernel keeps */
    /* The sa_flags bits delivery acts on (their values differ by ABI). */
    uint32_t sa_siginfo, sa_onstack, sa_restart, sa_nodefer, sa_resethand, sa_restorer;
    uint32_t minsigstksz;       /* MINSIGSTKSZ */
    uint32_t robust_list_size;  /* sizeof(struct robust_list_head) */
    uint8_t sig_kill, sig_stop; /* SIGKILL and SIGSTOP numbers */
    uint8_t sig_how[3];         /* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK values */
    /* Guest signal -> host signal, indexed 0..nsig; NULL: the same. */
    const uint8_t *sig_to_host;
    uint32_t (*guest_sp)(const void *env);  /* current stack pointer */

    const FlagMap *open_flags;  /* O_* except the access mode */
    const FlagMap *mmap_flags;  /* MAP_* */
    const IoctlDef *ioctls;     /* supported ioctl requests */
    const FcntlDef *fcntls;     /* supported fcntl commands */
    uint32_t vectors_page;      /* shown as [vectors] in /proc/self/maps; 0: none */
    /* Host errno -> guest errno, indexed by host errno; NULL: the same. */
    const int16_t *errno_to_guest;
    unsigned errno_count;

    /* Struct converters (xlat.c); 0 or -EFAULT. */
    int (*put_stat64)(const GuestAbi *abi, uint32_t addr, const struct stat *st);
    int (*get_sigaction)(const GuestAbi *abi, uint32_t addr, SysSigaction *sa);
    int (*put_sigaction)(const GuestAbi *abi, uint32_t addr, const SysSigaction *sa);
    int (*get_stack)(const GuestAbi *abi, uint32_t addr, SysStack *ss);
    int (*put_stack)(const GuestAbi *abi, uint32_t addr, const SysStack *ss);
    /* struct termios; NULL: the asm-generic layout and values. */
    int (*get_termios)(const GuestAbi *abi, uint32_t addr, SysTermios *t);
    int (*put_termios)(const GuestAbi *abi, uint32_t addr, const SysTermios *t);
    /* -strace names of signals 1..31; NULL: the generic numbering. */
    const char *const *sig_names;

    /* The contents of /proc/cpuinfo for this guest's CPU. */
    void (*write_cpuinfo)(FILE *f);
    /* Registers of a child of fork or clone: its stack pointer (when the
     * call gives one) and its TLS value (CLONE_SETTLS). */
    void (*set_sp)(void *env, uint32_t sp);
    void (*set_tls)(void *env, uint32_t tls);

    /* siginfo_t: host layout to guest (sig is the guest number) and back. */
    int (*put_siginfo)(const GuestAbi *abi, uint32_t addr, int sig, const siginfo_t *si);
    int (*get_siginfo)(const GuestAbi *abi, uint32_t addr, siginfo_t *si);

    /* Signal delivery and threads: the guest-specific parts. */
    /* Build the frame and point the guest registers at the handler; 0, or
     * -1 when the frame cannot be written (the thread gets SIGSEGV). */
    int (*setup_frame)(const GuestAbi *abi, void *env, const SysSignalFrame *f);
    /* After an interrupted system call: restart it (registers back to the
     * call with its arguments) or make it fail with EINTR. */
    void (*syscall_restart)(void *env, bool restart);
    /* A new thread's registers (in the creating thread): result 0, the new
     * stack (unless 0) and, with tls_set, the thread pointer. */
    void (*clone_setup)(void *child, const void *parent, uint32_t newsp, bool tls_set,
                        uint32_t tls);
    /* In the new host thread, before it runs guest code (host state such as
     * the FP control register). */
    void (*thread_start)(void *env);
};

/* The context of one system call, handed to its handler. */
struct SysCall {
    const GuestAbi *abi;
    void *env;                   /* guest CPU state (ArmCPU * on ARM) */
    const SyscallDef *def;
    uint32_t nr;
    uint64_t a[SYS_MAX_ARGS];    /* decoded: 32-bit ones zero-extended */
};

/* ---- arguments ---- */

static inline int32_t sys_int(const SysCall *c, unsigned i)
{
    return (int32_t)c->a[i];
}

static inline uint32_t sys_u32(const SysCall *c, unsigned i)
{
    return (uint32_t)c->a[i];
}

/* Host result of a libc call that returns -1 and sets errno. */
static inline int64_t sys_host(long r)
{
    return r == -1 ? -errno : r;
}

/* ---- guest byte order ---- */

static inline uint16_t tsw16(const GuestAbi *abi, uint16_t v)
{
    return abi->big_endian ? __builtin_bswap16(v) : v;
}

static inline uint32_t tsw32(const GuestAbi *abi, uint32_t v)
{
    return abi->big_endian ? __builtin_bswap32(v) : v;
}

static inline uint64_t tsw64(const GuestAbi *abi, uint64_t v)
{
    return abi->big_endian ? __builtin_bswap64(v) : v;
}

/* ---- guest memory (syscall.c) ---- */

int sys_get_u32(const GuestAbi *abi, uint32_t addr, uint32_t *v);
int sys_put_u32(const GuestAbi *abi, uint32_t addr, uint32_t v);
int sys_put_u64(const GuestAbi *abi, uint32_t addr, uint64_t v);

/*
 * Call before the host kernel writes guest [addr, addr+len) on the guest's
 * behalf (read, getrandom, ...).  Such writes bypass the host write
 * protection that reveals guest stores to code, so code pages in the range
 * get their protection lifted and their translations dropped first.
 * Validation is left to the kernel (unmapped guest pages are PROT_NONE and
 * give EFAULT), which keeps Linux's partial-transfer semantics.  (A thread
 * translating from the page in between protects it again, and the host
 * call then fails with EFAULT: a guest race between running code and
 * reading into it.)
 */
void sys_will_write(uint32_t addr, uint64_t len);

/* UIO_MAXIOV: the kernel's limit on iovec counts. */
#define SYS_MAX_IOV 1024

/* Convert cnt guest iovecs at addr into iov (SYS_MAX_IOV entries); with
 * will_write, the buffers are about to be written (sys_will_write).  0,
 * -EINVAL or -EFAULT (fd.c). */
struct iovec;
int sys_get_iovecs(const SysCall *c, uint32_t addr, int32_t cnt, struct iovec *iov,
                   bool will_write);

/* ---- paths (path.c) ---- */

/* Copy the guest path at addr into buf (size PATH_MAX), applying the -L
 * prefix and redirecting /proc/self/exe; 0, -EFAULT or -ENAMETOOLONG. */
int sys_get_path(uint32_t addr, char *buf, size_t size);
/* Copy the guest path without any rewriting. */
int sys_get_raw_path(uint32_t addr, char *buf, size_t size);
/* True for /proc/self/exe, /proc/thread-self/exe and /proc/<ourpid>/exe. */
bool sys_is_proc_exe(const char *path);
/* The guest program path given to sys_init ("" if none). */
const char *sys_exe_path(void);
/* Apply the -L prefix to a path already in host memory (buf of size). */
void sys_apply_prefix(char *path, size_t size);
/* The -L prefix ("" if none). */
const char *sys_prefix(void);
/* A host path as the guest names it: without the prefix when under it. */
const char *sys_guest_view(const char *host_path);

/* ---- /proc files shown from the guest's side (procfs.c) ---- */

/* When path (as the guest named it) is one of them, open a file with the
 * guest's view, set *result to its descriptor or -errno and return true;
 * false for every other path. */
bool sys_proc_open(const GuestAbi *abi, const char *path, int host_flags, int64_t *result);

/* ---- directory positions (dirent.c) ---- */

/* Whether descriptor fd has directory cookies (lseek must go through
 * sys_dir_seek); descriptors that are closed or replaced lose them, and
 * duplicates get a copy. */
bool sys_dir_has_table(int fd);
int64_t sys_dir_seek(int fd, int64_t offset, int whence);  /* position or -errno */
void sys_dir_forget(int fd);
void sys_dir_forget_range(uint32_t first, uint32_t last);
void sys_dir_dup(int oldfd, int newfd);

/* ---- translation (xlat.c) ---- */

uint32_t xlat_flags_to_host(const FlagMap *map, uint32_t guest);
uint32_t xlat_flags_to_guest(const FlagMap *map, uint32_t host);
uint32_t xlat_open_flags_to_host(const GuestAbi *abi, uint32_t guest);
uint32_t xlat_open_flags_to_guest(const GuestAbi *abi, uint32_t host);
uint32_t xlat_mmap_flags_to_host(const GuestAbi *abi, uint32_t guest);
/* Host signal number for a guest one (0 stays 0); -1 when out of range. */
int xlat_signal_to_host(const GuestAbi *abi, int guest_sig);
int xlat_errno_to_guest(const GuestAbi *abi, int host_errno);

/* The generic 32-bit siginfo_t (ARM and most 32-bit ABIs). */
int xlat_generic_put_siginfo(const GuestAbi *abi, uint32_t addr, int sig, const siginfo_t *si);
int xlat_generic_get_siginfo(const GuestAbi *abi, uint32_t addr, siginfo_t *si);

/* Guest time structs (32-bit or 64-bit seconds); 0 or -EFAULT.  Values
 * are not range-checked: the host kernel does that. */
typedef int (*XlatGetTs)(const GuestAbi *abi, uint32_t addr, struct timespec *ts);
typedef int (*XlatPutTs)(const GuestAbi *abi, uint32_t addr, const struct timespec *ts);
int xlat_get_timespec32(const GuestAbi *abi, uint32_t addr, struct timespec *ts);
int xlat_put_timespec32(const GuestAbi *abi, uint32_t addr, const struct timespec *ts);
int xlat_get_timespec64(const GuestAbi *abi, uint32_t addr, struct timespec *ts);
int xlat_put_timespec64(const GuestAbi *abi, uint32_t addr, const struct timespec *ts);

/* struct flock (is64: struct flock64) <-> host struct flock; 0, -EFAULT
 * or -EOVERFLOW. */
struct flock;
int xlat_get_flock(const GuestAbi *abi, uint32_t addr, bool is64, struct flock *fl);
int xlat_put_flock(const GuestAbi *abi, uint32_t addr, bool is64, const struct flock *fl);

/* ARM EABI converters, referenced by the ARM GuestAbi. */
int xlat_arm_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st);
int xlat_arm_get_sigaction(const GuestAbi *abi, uint32_t addr, SysSigaction *sa);
int xlat_arm_put_sigaction(const GuestAbi *abi, uint32_t addr, const SysSigaction *sa);
int xlat_generic_get_stack(const GuestAbi *abi, uint32_t addr, SysStack *ss);
int xlat_generic_put_stack(const GuestAbi *abi, uint32_t addr, const SysStack *ss);
extern const FlagMap xlat_arm_open_flags[];
extern const FlagMap xlat_generic_mmap_flags[];
extern const FlagMap xlat_prot_flags[];
extern const FlagMap xlat_at_flags[];
extern const IoctlDef sys_generic_ioctls[];
extern const FcntlDef sys_generic_fcntls[];

/* MIPS o32 encodings (xlat_mips.c), referenced by the MIPS GuestAbi. */
#define XLAT_MIPS_ERRNO_COUNT 134
extern const int16_t xlat_mips_errno[XLAT_MIPS_ERRNO_COUNT];
extern const uint8_t xlat_mips_sig_to_host[129];
extern const char *const xlat_mips_sig_names[32];
extern const FlagMap xlat_mips_open_flags[];
extern const FlagMap xlat_mips_mmap_flags[];
extern const FcntlDef xlat_mips_fcntls[];
extern const IoctlDef xlat_mips_ioctls[];
int xlat_mips_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st);
int xlat_mips_get_sigaction(const GuestAbi *abi, uint32_t addr, SysSigaction *sa);
int xlat_mips_put_sigaction(const GuestAbi *abi, uint32_t addr, const SysSigaction *sa);
int xlat_mips_get_stack(const GuestAbi *abi, uint32_t addr, SysStack *ss);
int xlat_mips_put_stack(const GuestAbi *abi, uint32_t addr, const SysStack *ss);
int xlat_mips_get_termios(const GuestAbi *abi, uint32_t addr, SysTermios *t);
int xlat_mips_put_termios(const GuestAbi *abi, uint32_t addr, const SysTermios *t);

/* Xtensa encodings (xlat_xtensa.c), referenced by the Xtensa GuestAbi;
 * its mmap flags are MIPS's (xlat_mips_mmap_flags). */
extern const FlagMap xlat_xtensa_open_flags[];
extern const FcntlDef xlat_xtensa_fcntls[];
extern const IoctlDef xlat_xtensa_ioctls[];
int xlat_xtensa_put_stat64(const GuestAbi *abi, uint32_t addr, const struct stat *st);

/* ---- threads (thread.c) and signals (signal.c, sigdeliver.c) ---- */

/* Guest signals one thread has accepted from the host but not delivered. */
#define SYS_SIGQ_MAX 64

typedef struct SysSigQueued {
    int sig;                    /* guest number */
    bool sync;                  /* raised by the thread's own instruction */
    siginfo_t info;             /* host layout (faults: si_addr = guest address) */
} SysSigQueued;

/*
 * One guest thread.  Signal state is per thread as in Linux: the mask,
 * the alternate stack and the queue.  Only the thread itself touches its
 * queue, from its host signal handler or with host signals blocked.
 */
typedef struct SysThread {
    void *env;                  /* the thread's CPU (CPUCommon first) */
    int tid;                    /* guest tid = host tid */
    bool leader;                /* the process's first thread */
    uint32_t clear_child_tid;   /* set_tid_address, CLONE_CHILD_CLEARTID */
    uint32_t robust_list;       /* set_robust_list head */
    uint64_t blocked[2];        /* guest mask, guest numbering (bit n-1) */
    uint64_t saved_blocked[2];  /* the mask to restore after sigsuspend */
    bool restore_saved;         /* saved_blocked is valid */
    SysStack altstack;
    SysSigQueued queue[SYS_SIGQ_MAX];
    int nqueued;
    uint32_t trap_no, error_code, fault_address;  /* last synchronous fault */
    struct SysThread *next;
} SysThread;

/* The calling thread's record; the first call of the process's first
 * thread creates it for env. */
SysThread *sys_thread_self(const GuestAbi *abi, void *env);
/* The calling thread's record or NULL (for signal handlers). */
SysThread *sys_thread_current(void);
/* End the calling guest thread (exit); the last one ends the process. */
__attribute__((noreturn)) void sys_thread_exit(const GuestAbi *abi, void *env, int status);
/* End the process now (exit_group, fatal paths). */
__attribute__((noreturn)) void sys_exit_process(int status);
/* In the child of a fork: the calling thread becomes the only one, with
 * its CLONE_CHILD_CLEARTID word (0: none). */
void sys_fork_child(uint32_t clear_child_tid);

/* The guest's recorded action for guest signal sig (1..nsig); false for
 * numbers out of range. */
bool sys_signal_action(int sig, SysSigaction *out);
/* Replace the action (sigaction, SA_RESETHAND); the host disposition
 * follows (see sigdeliver.c). */
void sys_signal_set_action(const GuestAbi *abi, int sig, const SysSigaction *act);
/* Set the calling thread's mask (KILL/STOP dropped), host mask included. */
void sys_signal_set_blocked(const GuestAbi *abi, SysThread *th, const uint64_t mask[2]);
/* Recompute whether th has a deliverable signal (signal_pending). */
void sys_signal_update_pending(SysThread *th);
/* Take the first queued signal in set (guest numbering) out of th's queue:
 * its number, or 0 when none. */
int sys_signal_dequeue(SysThread *th, const uint64_t set[2], SysSigQueued *out);
/* Block host signals around queue manipulation (restore with the value). */
void sys_signal_block_all(sigset_t *old);
void sys_signal_restore(const sigset_t *old);
/* Host sigset of a guest mask, as ferry mirrors it (synchronous fault
 * signals never blocked in the host). */
void sys_signal_host_mask(const GuestAbi *abi, const uint64_t mask[2], sigset_t *out);
/* Host signal number -> guest (0 when the guest has none). */
int xlat_signal_to_guest(const GuestAbi *abi, int host_sig);

/* Deliver the calling thread's next pending signal (cpu loop, block
 * boundary).  restart is 0, or SYS_ERESTART* when the system call just run
 * was interrupted: it is then restarted or fails with EINTR as in Linux. */
void sys_signal_deliver(const GuestAbi *abi, void *env, int restart);
/* Queue a synchronous signal for the calling thread (guest faults). */
void sys_signal_raise_sync(const GuestAbi *abi, void *env, int sig, int si_code,
                           uint32_t addr);
/* Helpers for the guest's sigreturn: restore the mask from a frame and the
 * altstack from uc_stack (as sigaltstack would, errors ignored). */
void sys_signal_sigreturn_mask(const GuestAbi *abi, void *env, const uint64_t mask[2]);
void sys_signal_sigreturn_altstack(const GuestAbi *abi, void *env, const SysStack *ss);
/* sigaltstack's checks and update; 0 or -errno. */
int sys_signal_set_altstack(const GuestAbi *abi, void *env, SysThread *th, SysStack ss);
/* A SIGSEGV the kernel would force on the calling thread (a bad
 * sigreturn frame). */
void sys_signal_force_segv(const GuestAbi *abi, void *env);

/* ---- dispatch (syscall.c) and tracing (strace.c) ---- */

/* Decode regs per def->args, run the handler (or log and -ENOSYS) and
 * return the guest-visible result (value or -guest_errno). */
int64_t sys_dispatch(const GuestAbi *abi, const SyscallTable *table, void *env,
                     uint32_t nr, const uint32_t *regs);

/* Format "name(args)" for -strace into buf before the call runs. */
void strace_format_call(const SysCall *c, char *buf, size_t size);
/* Print the call line with its result: ret as the guest sees it, host_ret
 * as the handler returned it (for the error text). */
void strace_print(const SysCall *c, const char *call, int64_t ret, int64_t host_ret);

#endif
