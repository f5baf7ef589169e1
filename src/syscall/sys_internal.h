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
#include <sys/stat.h>
#include "syscall/syscall.h"
#include "exec/guestmem.h"

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
 * protection that reveals guest stores to code, so translations of
 * executable pages in the range are dropped first.  Validation is left to
 * the kernel (unmapped guest pages are PROT_NONE and give EFAULT), which
 * keeps Linux's partial-transfer semantics.  Pages guestmem write-protects
 * because they hold code (PAGE_CODE) stay protected: guestmem exports no
 * call to lift that for a range (copy_to_guest lifts it internally), so
 * the kernel reports EFAULT for them.
 */
void sys_will_write(uint32_t addr, uint64_t len);

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

/* ---- translation (xlat.c) ---- */

uint32_t xlat_flags_to_host(const FlagMap *map, uint32_t guest);
uint32_t xlat_flags_to_guest(const FlagMap *map, uint32_t host);
uint32_t xlat_open_flags_to_host(const GuestAbi *abi, uint32_t guest);
uint32_t xlat_open_flags_to_guest(const GuestAbi *abi, uint32_t host);
uint32_t xlat_mmap_flags_to_host(const GuestAbi *abi, uint32_t guest);
/* Host signal number for a guest one (0 stays 0); -1 when out of range. */
int xlat_signal_to_host(const GuestAbi *abi, int guest_sig);
int xlat_errno_to_guest(const GuestAbi *abi, int host_errno);

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

/* ---- per-process records (proc.c, signal.c) ---- */

/* What the guest's threading library registered with the kernel; the
 * thread exit path will clear and wake clear_child_tid and walk the
 * robust list. */
typedef struct SysTask {
    uint32_t clear_child_tid;   /* set_tid_address */
    uint32_t robust_list;       /* set_robust_list head */
} SysTask;

const SysTask *sys_task(void);

/* The guest's recorded action for guest signal sig (1..nsig); false for
 * numbers out of range.  For the signal delivery code. */
bool sys_signal_action(int sig, SysSigaction *out);
/* The guest's blocked-signal mask (guest numbering, bit n-1 = signal n). */
void sys_signal_blocked(uint64_t mask[2]);

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
