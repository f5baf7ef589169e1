/*
 * -strace output: one line per system call with the pid, the name, the
 * arguments decoded by their SysArg kinds (guest values: flags by their
 * guest names, strings read from guest memory) and the result, e.g.
 *
 *     1234 openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC) = 3
 *     1234 stat64("/nope",0xbefff5a0) = -1 errno=2 (No such file or directory)
 *
 * The arguments are formatted before the call runs (so an input buffer
 * shows what the guest passed) and the line is printed in one piece
 * after it, so that lines of different threads do not interleave.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "common/log.h"

/* Bytes of a string or buffer argument shown before "...". */
#define STRACE_STR_MAX 64
#define STRACE_BUF_MAX 32

/* A bounded output buffer that appends and silently truncates. */
typedef struct Out {
    char *buf;
    size_t size, len;
} Out;

__attribute__((format(printf, 2, 3)))
static void out(Out *o, const char *fmt, ...)
{
    if (o->len >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len = o->len + (size_t)n < o->size ? o->len + (size_t)n : o->size - 1;
}

static void out_escaped(Out *o, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = s[i];
        if (ch == '\n')
            out(o, "\\n");
        else if (ch == '\t')
            out(o, "\\t");
        else if (ch == '"' || ch == '\\')
            out(o, "\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f)
            out(o, "\\%o", ch);
        else
            out(o, "%c", ch);
    }
}

static void out_string(Out *o, uint32_t addr)
{
    if (!addr) {
        out(o, "NULL");
        return;
    }
    uint8_t s[STRACE_STR_MAX];
    long n = guest_strnlen(addr, sizeof(s));
    if (n < 0 || copy_from_guest(s, addr, (size_t)n)) {
        out(o, "0x%x", addr);
        return;
    }
    out(o, "\"");
    out_escaped(o, s, (size_t)n);
    out(o, (size_t)n == sizeof(s) ? "\"..." : "\"");
}

static void out_buffer(Out *o, uint32_t addr, uint32_t len)
{
    uint8_t s[STRACE_BUF_MAX];
    size_t n = len < sizeof(s) ? len : sizeof(s);
    if (copy_from_guest(s, addr, n)) {
        out(o, "0x%x", addr);
        return;
    }
    out(o, "\"");
    out_escaped(o, s, n);
    out(o, n < len ? "\"..." : "\"");
}

/* Names of the set flags, '|'-separated, with unknown bits in hex. */
static void out_flags(Out *o, const FlagMap *map, uint32_t v, bool any)
{
    for (const FlagMap *m = map; m->name && v; m++) {
        if (m->guest && (v & m->guest) == m->guest) {
            out(o, "%s%s", any ? "|" : "", m->name);
            v &= ~m->guest;
            any = true;
        }
    }
    if (v || !any)
        out(o, any ? "|0x%x" : "0x%x", v);
}

static void out_oflags(Out *o, const GuestAbi *abi, uint32_t v)
{
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    out(o, "%s", acc[v & 3]);
    if (v & ~3u)
        out_flags(o, abi->open_flags, v & ~3u, true);
}

static void out_mmap_flags(Out *o, const GuestAbi *abi, uint32_t v)
{
    static const char *const type[] = { "0", "MAP_SHARED", "MAP_PRIVATE",
                                        "MAP_SHARED_VALIDATE" };
    if ((v & 0xf) < 4)
        out(o, "%s", type[v & 0xf]);
    else
        out(o, "0x%x", v & 0xf);
    if (v & ~0xfu)
        out_flags(o, abi->mmap_flags, v & ~0xfu, true);
}

static void out_name(Out *o, const char *const *names, size_t count, int32_t v)
{
    if (v >= 0 && (size_t)v < count && names[v])
        out(o, "%s", names[v]);
    else
        out(o, "%d", v);
}

/* Guest signal names for the generic numbering (ARM). */
static const char *const sig_names[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
    "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
    "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
    "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

static const char *const clock_names[] = {
    "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
    "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM",
    "CLOCK_BOOTTIME_ALARM", NULL, "CLOCK_TAI",
};

static const char *const futex_names[] = {
    "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
    "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
    "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
    "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
};

static const char *const whence_names[] = {
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void out_futex_op(Out *o, uint32_t op)
{
    out_name(o, futex_names, COUNT(futex_names), (int32_t)(op & 0x7f));
    if (op & 0x80)
        out(o, "|FUTEX_PRIVATE_FLAG");
    if (op & 0x100)
        out(o, "|FUTEX_CLOCK_REALTIME");
    if (op & ~0x1ffu)
        out(o, "|0x%x", op & ~0x1ffu);
}

static void out_arg(Out *o, const SysCall *c, unsigned i)
{
    uint32_t v = (uint32_t)c->a[i];
    switch (c->def->args[i]) {
    case A_INT: case A_FD:  out(o, "%d", (int32_t)v); break;
    case A_UINT:            out(o, "%u", v); break;
    case A_HEX:             out(o, "0x%x", v); break;
    case A_PTR:             out(o, v ? "0x%x" : "NULL", v); break;
    case A_OCT: case A_OMODE: out(o, v ? "0%o" : "0", v); break;
    case A_STR:             out_string(o, v); break;
    case A_BUF:
        out_buffer(o, v, i + 1 < SYS_MAX_ARGS ? (uint32_t)c->a[i + 1] : 0);
        break;
    case A_DIRFD:
        if ((int32_t)v == -100)
            out(o, "AT_FDCWD");
        else
            out(o, "%d", (int32_t)v);
        break;
    case A_I64:     out(o, "%lld", (long long)c->a[i]); break;
    case A_OFLAGS:  out_oflags(o, c->abi, v); break;
    case A_PROT:
        if (v)
            out_flags(o, xlat_prot_flags, v, false);
        else
            out(o, "PROT_NONE");
        break;
    case A_MMAP:    out_mmap_flags(o, c->abi, v); break;
    case A_SIG:
        out_name(o, c->abi->sig_names ? c->abi->sig_names : sig_names, COUNT(sig_names),
                 (int32_t)v);
        break;
    case A_CLOCK:   out_name(o, clock_names, COUNT(clock_names), (int32_t)v); break;
    case A_FUTEX:   out_futex_op(o, v); break;
    case A_WHENCE:  out_name(o, whence_names, COUNT(whence_names), (int32_t)v); break;
    case A_ATFLAGS:
        if (v)
            out_flags(o, xlat_at_flags, v, false);
        else
            out(o, "0");
        break;
    default:        out(o, "0x%x", v); break;
    }
}

/* Whether open flags create a file (O_CREAT or O_TMPFILE), so the mode
 * after them means something. */
static bool open_creates(const GuestAbi *abi, uint32_t flags)
{
    uint32_t host = xlat_open_flags_to_host(abi, flags);
    return (host & O_CREAT) || (host & O_TMPFILE) == O_TMPFILE;
}

static bool arg_shown(const SysCall *c, unsigned i)
{
    if (c->def->args[i] != A_OMODE)
        return true;
    return i > 0 && c->def->args[i - 1] == A_OFLAGS &&
           open_creates(c->abi, (uint32_t)c->a[i - 1]);
}

void strace_format_call(const SysCall *c, char *buf, size_t size)
{
    Out o = { buf, size, 0 };
    buf[0] = '\0';
    out(&o, "%s(", c->def->name);
    for (unsigned i = 0; i < SYS_MAX_ARGS && c->def->args[i] != A_END; i++) {
        if (!arg_shown(c, i))
            continue;
        if (i)
            out(&o, ",");
        out_arg(&o, c, i);
    }
    out(&o, ")");
}

void strace_print(const SysCall *c, const char *call, int64_t ret, int64_t host_ret)
{
    int pid = (int)getpid();
    if (c->def->ret == R_NONE)
        ferry_dbg("%d %s\n", pid, call);
    else if (c->def->ret == R_RAW)
        ferry_dbg("%d %s = 0x%x\n", pid, call, (uint32_t)ret);
    else if (ret < 0 && ret >= -4095)
        ferry_dbg("%d %s = -1 errno=%d (%s)\n", pid, call, (int)-ret,
                  strerror((int)-host_ret));
    else if (c->def->ret == R_HEX)
        ferry_dbg("%d %s = 0x%x\n", pid, call, (uint32_t)ret);
    else
        ferry_dbg("%d %s = %lld\n", pid, call, (long long)(int32_t)ret);
}
