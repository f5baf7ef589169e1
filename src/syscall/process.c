/*
 * Processes: fork, vfork, clone and clone3 that create a process (not a
 * thread), execve and execveat, wait4, waitid and getrusage.
 *
 * A guest process is a host process running ferry, so fork is the host's
 * fork: the child has a copy of guest memory, of the translated code and of
 * the CPU state, and returns 0 from the call.  vfork and clone with
 * CLONE_VM|CLONE_VFORK (what glibc's posix_spawn and system use) are
 * forks too, as in qemu-user: the child gets a copy of the memory instead
 * of sharing it, which a program using them as documented (exec or _exit
 * next) cannot tell, and the parent does not wait for the child's exec.
 *
 * execve looks at the file the way the kernel's binfmt handlers would:
 *   - an ELF file for this guest: ferry runs it, by executing ferry itself
 *     with the options of this run (sys_set_exec);
 *   - a "#!" script whose interpreter (after the -L prefix, following
 *     nested scripts as the kernel does, up to 4 levels) is such a file:
 *     ferry runs the interpreter with the script's arguments;
 *   - anything else (host programs, scripts for host interpreters): the
 *     host kernel executes it, so native tools keep running natively.
 */
/* guest_types.h before <signal.h>, whose sa_handler and si_* macros would
 * rename the guest structs' fields. */
#include "syscall/guest_types.h"
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common/log.h"
#include "exec/exec.h"
#include "syscall/sys_internal.h"
#include "syscall/handlers.h"

/* Linux's limits for one argument string and for nested #! scripts. */
#define EXEC_MAX_STRLEN     (32u * 4096u)
#define EXEC_MAX_SCRIPTS    4
/* Most pointers read from a guest argv or envp. */
#define EXEC_MAX_STRINGS    (1u << 20)

static char ferry_path[PATH_MAX];
static char **ferry_argv;
static int ferry_argc;

void sys_set_exec(const char *path, char *const *argv)
{
    snprintf(ferry_path, sizeof ferry_path, "%s", path);
    ferry_argc = 0;
    while (argv[ferry_argc])
        ferry_argc++;
    ferry_argv = malloc((ferry_argc + 1) * sizeof(char *));
    for (int i = 0; i <= ferry_argc; i++)
        ferry_argv[i] = argv[i] ? strdup(argv[i]) : NULL;
}

/* ---- fork and clone ---- */

/* The clone flags a fork-like clone may carry.  CLONE_VM comes only with
 * CLONE_VFORK (see the top of the file); CLONE_DETACHED and
 * CLONE_UNTRACED are ignored by Linux as well. */
#define FORK_FLAGS (CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
                    CLONE_CHILD_CLEARTID | CLONE_SETTLS | CLONE_DETACHED | CLONE_UNTRACED)

typedef struct ForkArgs {
    uint64_t flags;        /* without the exit signal */
    int exit_signal;       /* guest signal number */
    uint32_t sp;           /* 0: the parent's */
    uint32_t parent_tid, child_tid, tls;
} ForkArgs;

/* The host fork: glibc's for the usual SIGCHLD (it keeps malloc and
 * stdio consistent in the child), the raw call for another exit signal. */
static pid_t host_fork(int host_signal)
{
    if (host_signal == SIGCHLD)
        return fork();
    return (pid_t)syscall(SYS_clone, (unsigned long)host_signal, NULL, NULL, NULL, 0);
}

static int64_t do_fork(SysCall *c, const ForkArgs *f)
{
    const GuestAbi *abi = c->abi;
    if ((f->flags & CLONE_THREAD) || ((f->flags & CLONE_VM) && !(f->flags & CLONE_VFORK))) {
        static char site;
        if (ferry_first_time(&site, 0))
            ferry_log("clone of a thread (flags 0x%llx): guest threads are not supported",
                      (unsigned long long)f->flags);
        return -ENOSYS;
    }
    if (f->flags & ~(uint64_t)FORK_FLAGS) {
        static char site;
        if (ferry_first_time(&site, f->flags))
            ferry_log("unsupported clone flags 0x%llx",
                      (unsigned long long)(f->flags & ~(uint64_t)FORK_FLAGS));
        return -EINVAL;
    }
    int host_signal = xlat_signal_to_host(abi, f->exit_signal);
    if (host_signal < 0)
        return -EINVAL;
    pid_t pid = host_fork(host_signal);
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        if (f->sp && abi->set_sp)
            abi->set_sp(c->env, f->sp);
        if ((f->flags & CLONE_SETTLS) && abi->set_tls)
            abi->set_tls(c->env, f->tls);
        /* The child's memory is its own, so these words are the child's. */
        if (f->flags & CLONE_CHILD_SETTID)
            sys_put_u32(abi, f->child_tid, (uint32_t)gettid());
        sys_fork_child(f->flags & CLONE_CHILD_CLEARTID ? f->child_tid : 0);
        return 0;
    }
    if (f->flags & CLONE_PARENT_SETTID)
        sys_put_u32(abi, f->parent_tid, (uint32_t)pid);
    return pid;
}

int64_t sys_fork(SysCall *c)
{
    ForkArgs f = { .exit_signal = SIGCHLD };
    return do_fork(c, &f);
}

int64_t sys_vfork(SysCall *c)
{
    ForkArgs f = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
    return do_fork(c, &f);
}

/* A clone that makes a new process (thread.c hands over every clone
 * without CLONE_THREAD); flags carry the exit signal in their low byte. */
int64_t sys_clone_process(SysCall *c, uint64_t flags, uint32_t newsp, uint32_t ptid,
                          uint32_t tls, uint32_t ctid)
{
    ForkArgs f = {
        .flags = flags & ~(uint64_t)0xff, .exit_signal = (int)(flags & 0xff), .sp = newsp,
        .parent_tid = ptid, .tls = tls, .child_tid = ctid,
    };
    return do_fork(c, &f);
}

/* ---- execve ---- */

/* A NULL-terminated string vector copied out of guest memory. */
typedef struct StrVec {
    char **v;
    size_t n, cap;
} StrVec;

static void strvec_free(StrVec *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* An empty vector: v is { NULL }. */
static int strvec_init(StrVec *s)
{
    memset(s, 0, sizeof *s);
    s->cap = 16;
    s->v = calloc(s->cap, sizeof(char *));
    return s->v ? 0 : -ENOMEM;
}

static int strvec_push(StrVec *s, const char *str)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, cap * sizeof(char *));
        if (!v)
            return -ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    if (!(s->v[s->n] = strdup(str)))
        return -ENOMEM;
    s->v[++s->n] = NULL;
    return 0;
}

/* Read the guest's argv or envp array (NULL: empty, as Linux allows). */
static int get_strvec(const GuestAbi *abi, uint32_t addr, StrVec *out)
{
    int r = strvec_init(out);
    for (uint32_t i = 0; addr && r == 0; i++) {
        uint32_t p;
        if (i >= EXEC_MAX_STRINGS)
            return -E2BIG;
        if (sys_get_u32(abi, addr + 4 * i, &p))
            return -EFAULT;
        if (!p)
            break;
        long len = guest_strnlen(p, EXEC_MAX_STRLEN);
        if (len < 0)
            return -EFAULT;
        if ((size_t)len >= EXEC_MAX_STRLEN)
            return -E2BIG;
        r = strvec_push(out, g2h(p));
    }
    return r;
}

typedef enum ExecKind {
    EXEC_HOST,      /* the host kernel runs it */
    EXEC_GUEST,     /* an ELF program for this guest: ferry runs it */
    EXEC_SCRIPT,    /* "#!": interp and interp_arg are set */
} ExecKind;

typedef struct ExecFile {
    ExecKind kind;
    char interp[PATH_MAX];      /* as written after #! */
    char interp_arg[PATH_MAX];  /* the optional argument; "" if none */
} ExecFile;

/* What kind of file host path is; -errno when it cannot be executed. */
static int exec_classify(const char *path, ExecFile *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -errno;
    if (!S_ISREG(st.st_mode))
        return -EACCES;
    if (access(path, X_OK) != 0)
        return -errno;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return -errno;
    buf[n] = '\0';
    out->kind = EXEC_HOST;
    if (n >= 20 && !memcmp(buf, "\177ELF", 4)) {
        bool big = buf[5] == 2;
        uint16_t machine = big ? (uint16_t)((uint8_t)buf[18] << 8 | (uint8_t)buf[19])
                               : (uint16_t)((uint8_t)buf[18] | (uint8_t)buf[19] << 8);
        if (buf[4] == 1 && machine == exec_guest->elf_machine && big == exec_guest->big_endian)
            out->kind = EXEC_GUEST;
        return 0;
    }
    if (n < 2 || buf[0] != '#' || buf[1] != '!')
        return 0;
    /* "#!" blanks INTERP [blanks ARG]: the rest of the line after the
     * interpreter is one argument, trailing blanks removed (Linux 5.x). */
    char *p = buf + 2, *nl = strchr(p, '\n');
    if (!nl && n == (ssize_t)sizeof buf - 1)
        return -ENOEXEC;  /* the interpreter's name does not fit */
    if (nl)
        *nl = '\0';
    p += strspn(p, " \t");
    size_t ilen = strcspn(p, " \t");
    if (ilen == 0)
        return -ENOEXEC;
    memcpy(out->interp, p, ilen);
    out->interp[ilen] = '\0';
    p += ilen;
    p += strspn(p, " \t");
    size_t alen = strlen(p);
    while (alen && (p[alen - 1] == ' ' || p[alen - 1] == '\t'))
        alen--;
    memcpy(out->interp_arg, p, alen);
    out->interp_arg[alen] = '\0';
    out->kind = EXEC_SCRIPT;
    return 0;
}

/* The host execve; returns only on failure. */
static int64_t host_execve(const char *path, char **argv, char **envp, bool guest)
{
    if (ferry_log_mask & LOG_STRACE)
        ferry_dbg("%d execve runs %s %s\n", (int)getpid(), guest ? "under ferry:" : "on the host:",
                  guest ? argv[ferry_argc + 3] : path);
    execve(path, argv, envp);
    return -errno;
}

/*
 * Run the guest program at host path prog with the guest argv, through
 * ferry.  The guest's environment becomes ferry's, so variables for the
 * guest's dynamic linker (LD_PRELOAD, LD_LIBRARY_PATH, ...) are renamed
 * for the trip (SYS_GUEST_LD_PREFIX) lest the host's dynamic linker act on
 * them; ferry's main renames them back.
 */
static int64_t exec_under_ferry(const char *prog, char **argv, char **envp)
{
    StrVec v = { 0 }, env = { 0 };
    int r = strvec_init(&v);
    if (r == 0)
        r = strvec_init(&env);
    /* Without a way to start ferry itself (no /proc in a fresh chroot), the
     * kernel runs the program: binfmt_misc brings it back to ferry when
     * ferry is registered, which is how such a root is set up. */
    bool by_kernel = !ferry_argv;
    for (int i = 0; i < ferry_argc && r == 0 && !by_kernel; i++)
        r = strvec_push(&v, ferry_argv[i]);
    const char *argv0 = argv[0] ? argv[0] : "";
    if (r == 0 && !by_kernel)
        r = strvec_push(&v, "-0");
    if (r == 0)
        r = strvec_push(&v, argv0);
    if (r == 0 && !by_kernel)
        r = strvec_push(&v, "--");
    if (r == 0 && !by_kernel)
        r = strvec_push(&v, prog);
    for (size_t i = 1; argv[0] && argv[i] && r == 0; i++)
        r = strvec_push(&v, argv[i]);
    for (size_t i = 0; envp[i] && r == 0; i++) {
        char *renamed = NULL;
        if (strncmp(envp[i], "LD_", 3) == 0 &&
            asprintf(&renamed, "%s%s", SYS_GUEST_LD_PREFIX, envp[i] + 3) < 0)
            r = -ENOMEM;
        if (r == 0)
            r = strvec_push(&env, renamed ? renamed : envp[i]);
        free(renamed);
    }
    int64_t res = r ? r : by_kernel ? host_execve(prog, v.v, env.v, false)
                                    : host_execve(ferry_path, v.v, env.v, true);
    strvec_free(&v);
    strvec_free(&env);
    return res;
}

/*
 * Execute host path file (named guest_name by the guest) with argv.
 * Scripts are unwrapped as the kernel does: the interpreter runs with
 * argv = { interpreter, [argument,] guest_name, argv[1...] }.
 */
static int64_t do_exec_file(const char *file, const char *guest_name, char **argv,
                            char **envp, int depth)
{
    ExecFile ef;
    int r = exec_classify(file, &ef);
    if (r < 0)
        return r;
    if (ef.kind == EXEC_HOST)
        return host_execve(file, argv, envp, false);
    if (ef.kind == EXEC_GUEST)
        return exec_under_ferry(file, argv, envp);
    if (depth >= EXEC_MAX_SCRIPTS)
        return -ELOOP;
    char interp[PATH_MAX];
    snprintf(interp, sizeof interp, "%s", ef.interp);
    sys_apply_prefix(interp, sizeof interp);
    ExecFile ie;
    if ((r = exec_classify(interp, &ie)) < 0)
        return r;  /* a missing interpreter is ENOENT, as from the kernel */
    /* A host interpreter opens the script on the host; a guest one as the
     * guest named it (the -L prefix applies again there). */
    const char *script = ie.kind == EXEC_HOST ? file : guest_name;
    StrVec v;
    r = strvec_init(&v);
    if (r == 0)
        r = strvec_push(&v, ef.interp);
    if (r == 0 && ef.interp_arg[0])
        r = strvec_push(&v, ef.interp_arg);
    if (r == 0)
        r = strvec_push(&v, script);
    for (size_t i = 1; argv[0] && argv[i] && r == 0; i++)
        r = strvec_push(&v, argv[i]);
    int64_t res = r ? r : do_exec_file(interp, ef.interp, v.v, envp, depth + 1);
    strvec_free(&v);
    return res;
}

static int64_t do_execve(SysCall *c, const char *file, const char *guest_name)
{
    StrVec argv, envp;
    int r = get_strvec(c->abi, sys_u32(c, 1), &argv);
    if (r == 0)
        r = get_strvec(c->abi, sys_u32(c, 2), &envp);
    else
        memset(&envp, 0, sizeof envp);
    int64_t res = r;
    if (r == 0)
        res = do_exec_file(file, guest_name, argv.v, envp.v, 0);
    strvec_free(&argv);
    strvec_free(&envp);
    return res;
}

/* execve(path, argv, envp) */
int64_t sys_execve(SysCall *c)
{
    char raw[PATH_MAX], path[PATH_MAX];
    int r = sys_get_raw_path(sys_u32(c, 0), raw, sizeof raw);
    if (r == 0)
        r = sys_get_path(sys_u32(c, 0), path, sizeof path);
    if (r)
        return r;
    if (!raw[0])
        return -ENOENT;
    return do_execve(c, path, raw);
}

/* execveat(dirfd, path, argv, envp, flags): a relative path or an empty
 * one (AT_EMPTY_PATH, fexecve) is reached through /proc/self/fd, which
 * is also the name the kernel gives such a script's interpreter. */
int64_t sys_execveat(SysCall *c)
{
    int dirfd = sys_int(c, 0), flags = sys_int(c, 4);
    char raw[PATH_MAX], path[PATH_MAX];
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    int r = sys_get_raw_path(sys_u32(c, 1), raw, sizeof raw);
    if (r)
        return r;
    if (!raw[0] && !(flags & AT_EMPTY_PATH))
        return -ENOENT;
    if (raw[0] == '/' || dirfd == AT_FDCWD) {
        if ((r = sys_get_path(sys_u32(c, 1), path, sizeof path)))
            return r;
    } else if (!raw[0]) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", dirfd);
    } else if (snprintf(path, sizeof path, "/proc/self/fd/%d/%s", dirfd, raw) >=
               (int)sizeof path) {
        return -ENAMETOOLONG;
    }
    struct stat st;
    if ((flags & AT_SYMLINK_NOFOLLOW) && raw[0] && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return -ELOOP;
    return do_execve(c, path, raw[0] ? raw : path);
}

/* ---- wait ---- */

/* The 32-bit struct rusage: two struct timeval of 32-bit longs, then 14 longs. */
typedef struct GuestRusage32 {
    GuestTimeval32 ru_utime;
    GuestTimeval32 ru_stime;
    int32_t rest[14];   /* ru_maxrss ... ru_nivcsw */
} GuestRusage32;
GUEST_SIZE(GuestRusage32, 72);

static int put_rusage(const GuestAbi *abi, uint32_t addr, const struct rusage *ru)
{
    const long rest[14] = {
        ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss, ru->ru_minflt,
        ru->ru_majflt, ru->ru_nswap, ru->ru_inblock, ru->ru_oublock, ru->ru_msgsnd,
        ru->ru_msgrcv, ru->ru_nsignals, ru->ru_nvcsw, ru->ru_nivcsw,
    };
    GuestRusage32 g = {
        .ru_utime = { (int32_t)tsw32(abi, (uint32_t)ru->ru_utime.tv_sec),
                      (int32_t)tsw32(abi, (uint32_t)ru->ru_utime.tv_usec) },
        .ru_stime = { (int32_t)tsw32(abi, (uint32_t)ru->ru_stime.tv_sec),
                      (int32_t)tsw32(abi, (uint32_t)ru->ru_stime.tv_usec) },
    };
    for (int i = 0; i < 14; i++)
        g.rest[i] = (int32_t)tsw32(abi, (uint32_t)rest[i]);
    return copy_to_guest(addr, &g, sizeof g) ? -EFAULT : 0;
}

/* wait4(pid, status, options, rusage): the status word and the WNOHANG,
 * WUNTRACED, WCONTINUED and __W* options are the same on every Linux ABI,
 * and so are the signal numbers inside the status on ARM. */
int64_t sys_wait4(SysCall *c)
{
    uint32_t status_addr = sys_u32(c, 1), ru_addr = sys_u32(c, 3);
    int status = 0;
    struct rusage ru;
    pid_t r = wait4(sys_int(c, 0), &status, sys_int(c, 2), ru_addr ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (r > 0 && status_addr && sys_put_u32(c->abi, status_addr, (uint32_t)status))
        return -EFAULT;
    if (r > 0 && ru_addr && put_rusage(c->abi, ru_addr, &ru))
        return -EFAULT;
    return r;
}

/* The SIGCHLD part of a 32-bit siginfo_t (128 bytes): the union starts at
 * offset 12 (on the 64-bit host at 16), clock_t is 32 bits. */
typedef struct GuestSiginfoChld {
    int32_t signo, errnum, code;
    int32_t pid;
    uint32_t uid;
    int32_t status;
    int32_t utime, stime;
    uint8_t pad[128 - 32];
} GuestSiginfoChld;
GUEST_SIZE(GuestSiginfoChld, 128);
GUEST_CHECK(GuestSiginfoChld, pid, 12);
GUEST_CHECK(GuestSiginfoChld, status, 20);
GUEST_CHECK(GuestSiginfoChld, utime, 24);

/* waitid(idtype, id, infop, options, rusage): P_* and W* values are the
 * same on every ABI.  As from the kernel, a WNOHANG call that finds no
 * child leaves si_pid (and si_signo) zero. */
int64_t sys_waitid(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    uint32_t info_addr = sys_u32(c, 2), ru_addr = sys_u32(c, 4);
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof si);
    long r = syscall(SYS_waitid, sys_int(c, 0), sys_int(c, 1), &si, sys_int(c, 3),
                     ru_addr ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (info_addr) {
        GuestSiginfoChld g;
        memset(&g, 0, sizeof g);
        int sig = si.si_signo;
        g.signo = (int32_t)tsw32(abi, (uint32_t)sig);
        g.errnum = (int32_t)tsw32(abi, (uint32_t)si.si_errno);
        g.code = (int32_t)tsw32(abi, (uint32_t)si.si_code);
        g.pid = (int32_t)tsw32(abi, (uint32_t)si.si_pid);
        g.uid = tsw32(abi, si.si_uid);
        g.status = (int32_t)tsw32(abi, (uint32_t)si.si_status);
        g.utime = (int32_t)tsw32(abi, (uint32_t)si.si_utime);
        g.stime = (int32_t)tsw32(abi, (uint32_t)si.si_stime);
        if (copy_to_guest(info_addr, &g, sizeof g))
            return -EFAULT;
    }
    if (ru_addr && put_rusage(abi, ru_addr, &ru))
        return -EFAULT;
    return 0;
}

/* getrusage(who, usage): RUSAGE_* are the same on every ABI. */
int64_t sys_getrusage(SysCall *c)
{
    struct rusage ru;
    if (getrusage(sys_int(c, 0), &ru) != 0)
        return -errno;
    return put_rusage(c->abi, sys_u32(c, 1), &ru);
}
