/*
 * The minimal Linux runtime of the Xtensa guest test programs, built with
 * xtensa-lx106-elf-gcc and picolibc (a bare-metal C library): C start-up
 * (argv, environ, constructors, exit), picolibc's stdin/stdout/stderr and
 * sbrk on Linux system calls, and the integer routines Debian's lx106
 * libgcc lacks.
 *
 * System calls: SYSCALL with the number in a2 and the arguments in a6, a3,
 * a4, a5, a8, a9; the result comes back in a2.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/auxv.h>
#include <sys/mman.h>

#define NR_read 12
#define NR_write 13
#define NR_mmap2 80
#define NR_munmap 81
#define NR_mprotect 82
#define NR_brk 83
#define NR_mremap 88
#define NR_exit_group 119
#define NR_getuid 137
#define NR_getgid 139
#define NR_geteuid 140
#define NR_getegid 141

/* __xt_syscall6(nr, a, b, c, d, e, f): call0 passes nr in a2, the
 * arguments in a3-a7 and the sixth on the stack. */
long __xt_syscall6(long nr, long a, long b, long c, long d, long e, long f);
__asm__(".text\n"
        ".global __xt_syscall6\n"
        ".type __xt_syscall6, @function\n"
        ".align 4\n"
        "__xt_syscall6:\n"
        "  mov a8, a7\n"
        "  l32i a9, a1, 0\n"
        "  mov a7, a6\n"
        "  mov a6, a3\n"
        "  mov a3, a4\n"
        "  mov a4, a5\n"
        "  mov a5, a7\n"
        "  syscall\n"
        "  ret\n");

static long __xt_syscall(long nr, long a, long b, long c)
{
    return __xt_syscall6(nr, a, b, c, 0, 0, 0);
}

/* ---- stdio: stdout is buffered per line (stderr not at all) ---- */

static char out_buf[1024];
static unsigned out_len;

static void out_flush(void)
{
    unsigned done = 0;
    while (done < out_len) {
        long r = __xt_syscall(NR_write, 1, (long)(out_buf + done), out_len - done);
        if (r <= 0)
            break;
        done += (unsigned)r;
    }
    out_len = 0;
}

static int out_put(char c, FILE *f)
{
    (void)f;
    out_buf[out_len++] = c;
    if (c == '\n' || out_len == sizeof(out_buf))
        out_flush();
    return (unsigned char)c;
}

static int out_flush_stream(FILE *f)
{
    (void)f;
    out_flush();
    return 0;
}

static int err_put(char c, FILE *f)
{
    (void)f;
    out_flush();
    __xt_syscall(NR_write, 2, (long)&c, 1);
    return (unsigned char)c;
}

static int in_get(FILE *f)
{
    (void)f;
    unsigned char c;
    return __xt_syscall(NR_read, 0, (long)&c, 1) == 1 ? c : EOF;
}

static FILE xt_stdin = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE xt_stdout = FDEV_SETUP_STREAM(out_put, NULL, out_flush_stream, _FDEV_SETUP_WRITE);
static FILE xt_stderr = FDEV_SETUP_STREAM(err_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &xt_stdin;
FILE *const stdout = &xt_stdout;
FILE *const stderr = &xt_stderr;

ssize_t write(int fd, const void *buf, size_t n)
{
    if (fd == 1)
        out_flush();
    return __xt_syscall(NR_write, fd, (long)buf, (long)n);
}

ssize_t read(int fd, void *buf, size_t n)
{
    return __xt_syscall(NR_read, fd, (long)buf, (long)n);
}

/* ---- heap ---- */

void *sbrk(ptrdiff_t incr)
{
    static uintptr_t cur;
    if (!cur)
        cur = (uintptr_t)__xt_syscall(NR_brk, 0, 0, 0);
    uintptr_t want = cur + incr;
    if ((uintptr_t)__xt_syscall(NR_brk, (long)want, 0, 0) != want)
        return (void *)-1;
    uintptr_t old = cur;
    cur = want;
    return (void *)old;
}

/* ---- memory mappings, ids, auxv ---- */

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    long r = __xt_syscall6(NR_mmap2, (long)addr, (long)len, prot, flags, fd, (long)(off >> 12));
    return (unsigned long)r > -4096ul ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len)
{
    return __xt_syscall(NR_munmap, (long)addr, (long)len, 0) ? -1 : 0;
}

int mprotect(void *addr, size_t len, int prot)
{
    return __xt_syscall(NR_mprotect, (long)addr, (long)len, prot) ? -1 : 0;
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    long r = __xt_syscall6(NR_mremap, (long)old, (long)old_len, (long)new_len, flags, 0, 0);
    return (unsigned long)r > -4096ul ? MAP_FAILED : (void *)r;
}

uid_t getuid(void) { return (uid_t)__xt_syscall(NR_getuid, 0, 0, 0); }
uid_t geteuid(void) { return (uid_t)__xt_syscall(NR_geteuid, 0, 0, 0); }
gid_t getgid(void) { return (gid_t)__xt_syscall(NR_getgid, 0, 0, 0); }
gid_t getegid(void) { return (gid_t)__xt_syscall(NR_getegid, 0, 0, 0); }

static unsigned long *auxv;

unsigned long getauxval(unsigned long type)
{
    for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    return 0;
}

long sysconf(int name)
{
    (void)name;
    return 4096;    /* the only one the programs ask for: the page size */
}

/* ---- start and exit ---- */

char **environ;
extern int main(int, char **, char **);
typedef void (*initfn)(void);
extern initfn __init_array_start[], __init_array_end[];
extern char __bss_start[], __bss_end[];

void _exit(int status)
{
    out_flush();
    for (;;)
        __xt_syscall(NR_exit_group, status, 0, 0);
}

void __xt_start_c(int argc, char **argv, char **envp)
{
    environ = envp;
    char **e = envp;
    while (*e)
        e++;
    auxv = (unsigned long *)(e + 1);
    for (initfn *f = __init_array_start; f < __init_array_end; f++)
        (*f)();
    exit(main(argc, argv, envp));
}

/* ---- integer routines missing from the lx106 libgcc ----
 * Written with shifts, adds and 32-bit multiplies only, so that the
 * compiler cannot turn them back into calls to themselves. */

static uint32_t udivmod32(uint32_t n, uint32_t d, uint32_t *rem)
{
    uint32_t q = 0, r = 0;
    if (d == 0) {
        *rem = n;
        return 0;
    }
    for (int i = 31; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1u << i;
        }
    }
    *rem = r;
    return q;
}

static uint64_t udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;
    if (d == 0) {
        *rem = n;
        return 0;
    }
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    *rem = r;
    return q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    return udivmod32(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    udivmod32(n, d, &r);
    return r;
}

int32_t __divsi3(int32_t n, int32_t d)
{
    uint32_t r, un = n < 0 ? -(uint32_t)n : (uint32_t)n, ud = d < 0 ? -(uint32_t)d : (uint32_t)d;
    uint32_t q = udivmod32(un, ud, &r);
    return (int32_t)((n < 0) != (d < 0) ? -q : q);
}

int32_t __modsi3(int32_t n, int32_t d)
{
    uint32_t r, un = n < 0 ? -(uint32_t)n : (uint32_t)n, ud = d < 0 ? -(uint32_t)d : (uint32_t)d;
    udivmod32(un, ud, &r);
    return (int32_t)(n < 0 ? -r : r);
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    return udivmod64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    udivmod64(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d)
{
    uint64_t r, un = n < 0 ? -(uint64_t)n : (uint64_t)n, ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t q = udivmod64(un, ud, &r);
    return (int64_t)((n < 0) != (d < 0) ? -q : q);
}

int64_t __moddi3(int64_t n, int64_t d)
{
    uint64_t r, un = n < 0 ? -(uint64_t)n : (uint64_t)n, ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    udivmod64(un, ud, &r);
    return (int64_t)(n < 0 ? -r : r);
}

/* 32 x 32 -> 64 from 16-bit halves (the core has no MULUH). */
static uint64_t mul32x32(uint32_t a, uint32_t b)
{
    uint32_t al = a & 0xffff, ah = a >> 16, bl = b & 0xffff, bh = b >> 16;
    uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint32_t mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
    uint32_t lo = (ll & 0xffff) | (mid << 16);
    uint32_t hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
    return (uint64_t)hi << 32 | lo;
}

uint64_t __muldi3(uint64_t a, uint64_t b)
{
    uint64_t p = mul32x32((uint32_t)a, (uint32_t)b);
    uint32_t cross = (uint32_t)a * (uint32_t)(b >> 32) + (uint32_t)(a >> 32) * (uint32_t)b;
    return p + ((uint64_t)cross << 32);
}

uint64_t __umulsidi3(uint32_t a, uint32_t b)
{
    return mul32x32(a, b);
}
