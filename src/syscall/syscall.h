/*
 * The system call layer of user-mode ferry: public entry points and the
 * table types every guest ABI describes itself with.
 *
 * A guest ABI is a table of SyscallDef rows indexed by syscall number.  A row
 * names a generic handler (shared by all guests) and the kind of each
 * argument; the kinds drive both argument decoding (64-bit values in
 * register pairs) and the -strace output, so a row is all there is to
 * "support" a call on a guest once its handler exists.  What differs
 * between guests (struct layouts, flag and errno values, uname machine)
 * lives in a GuestAbi descriptor (see sys_internal.h).
 *
 * Usage from the cpu loop:
 *     sys_init("/abs/path/to/guest");
 *     ...
 *     case EXIT_SYSCALL: arm_syscall(env); break;
 */
#ifndef FERRY_SYSCALL_SYSCALL_H
#define FERRY_SYSCALL_SYSCALL_H

#include <stdint.h>
#include "elfload/elfload.h"
#include "frontend/arm/cpu.h"
#include "frontend/mips/cpu.h"
#include "frontend/xtensa/cpu.h"

/* Most arguments any guest passes to a system call (ARM: r0-r6). */
#define SYS_MAX_ARGS 7

/* Argument kinds: how to fetch an argument and how -strace prints it. */
typedef enum SysArg {
    A_END = 0,   /* no more arguments */
    A_INT,       /* signed 32-bit decimal */
    A_UINT,      /* unsigned 32-bit decimal (sizes, counts) */
    A_HEX,       /* 32-bit value shown in hex (request codes, masks) */
    A_OCT,       /* file mode, octal */
    A_PTR,       /* guest pointer, shown in hex (NULL as 0) */
    A_STR,       /* guest pointer to a NUL-terminated string */
    A_BUF,       /* guest pointer to bytes; the next argument is the length */
    A_FD,        /* file descriptor */
    A_DIRFD,     /* file descriptor or AT_FDCWD */
    A_I64,       /* 64-bit value in a register pair (aligned per the ABI) */
    A_OFLAGS,    /* open(2) flags, guest values */
    A_OMODE,     /* open(2) mode: shown only if the A_OFLAGS before it create */
    A_PROT,      /* mmap/mprotect PROT_* */
    A_MMAP,      /* mmap MAP_* flags, guest values */
    A_SIG,       /* signal number */
    A_CLOCK,     /* clockid_t */
    A_FUTEX,     /* futex op */
    A_WHENCE,    /* lseek whence */
    A_ATFLAGS,   /* AT_* flags */
} SysArg;

/* How -strace prints the result. */
typedef enum SysRet {
    R_INT = 0,   /* decimal, or -1 errno=N (...) */
    R_HEX,       /* addresses (mmap, brk) */
    R_NONE,      /* does not return (exit) */
    R_RAW,       /* a register value, never an error (sigreturn): shown in hex */
} SysRet;

typedef struct SysCall SysCall;
/* A handler returns its result (>= 0) or -errno with host errno values. */
typedef int64_t (*SysHandler)(SysCall *c);

typedef struct SyscallDef {
    const char *name;
    SysHandler handler;              /* NULL: not implemented (-ENOSYS) */
    uint8_t ret;                     /* SysRet */
    uint8_t args[SYS_MAX_ARGS];      /* SysArg, A_END-terminated */
} SyscallDef;

/* The rows of one number range of a guest ABI (ARM has two: the ordinary
 * calls from 0 and the private ones from 0xf0000). */
typedef struct SyscallTable {
    uint32_t base;                   /* number of defs[0] */
    uint32_t count;                  /* rows in defs and names */
    const SyscallDef *defs;
    const char *const *names;        /* every known name, for messages */
} SyscallTable;

/* Remember the guest program's absolute path (for /proc/self/exe). */
void sys_init(const char *exe_path);

/* Directory prepended to absolute guest paths that exist under it (-L);
 * NULL or "" turns it off. */
void sys_set_prefix(const char *dir);

/* The process the loader built (stack, argument and environment strings,
 * auxv, code and data boundaries), for the /proc/self files ferry shows
 * from the guest's side. */
void sys_set_process(const ElfLoadInfo *info);

/*
 * How to run a program for this guest that the guest executes: the path
 * of ferry itself and the start of its command line (argv[0] and the
 * options to repeat, NULL-terminated).  execve appends "-0 ARGV0 --
 * PROGRAM ARGS...".  Without it, such an execve fails with ENOEXEC.
 */
void sys_set_exec(const char *ferry_path, char *const *ferry_argv);

/* How execve hands a guest's LD_* variables to the next ferry: renamed
 * with this prefix instead of LD_, so that the host's dynamic linker does
 * not act on them; ferry renames them back for the guest. */
#define SYS_GUEST_LD_PREFIX "FERRY_GUEST_LD_"

/*
 * Execute the ARM EABI system call in env: number in r7, arguments in
 * r0-r6, result (value or -errno) to r0.  Numbers from 0xf0000 are the ARM
 * private calls (cacheflush, set_tls).  exit and exit_group end the
 * process and do not return.
 */
void arm_syscall(ArmCPU *env);

/*
 * Execute the MIPS o32 system call in env (either byte order): number in
 * $v0, arguments in $a0-$a3 and on the stack, result to $v0 with the error
 * flag in $a3 (mips_table.c).
 */
void mips_syscall(MipsCPU *env);
/* Guest signals of ARM threads (GuestArch hooks): queue a synchronous
 * signal (host signal number) and deliver pending ones. */
void arm_signal_raise(void *env, int sig, int si_code, uint32_t addr);
void arm_signal_deliver(void *env);

/*
 * Execute the Xtensa system call in env (either byte order): number in a2,
 * arguments in a6, a3, a4, a5, a8, a9, result (value or -errno) to a2
 * (xtensa_table.c).
 */
void xtensa_syscall(XtensaCPU *env);

#endif
