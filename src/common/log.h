/*
 * Logging and fatal errors for ferry itself.
 *
 * ferry_log() writes "ferry: ..." lines to stderr; ferry_log_once() does so
 * once per call site (used for unimplemented instructions and syscalls, so a
 * guest that hammers an unknown path does not flood the terminal).
 * ferry_fatal() is for conditions ferry cannot continue from; it exits with
 * status 1.  Internal invariants use FERRY_ASSERT, which stays on in every
 * build: a broken invariant is a ferry bug, never a guest-caused condition.
 */
#ifndef FERRY_COMMON_LOG_H
#define FERRY_COMMON_LOG_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

/* Bit mask of -d debug channels (see log.c for names). */
enum {
    LOG_IN_ASM  = 1u << 0, /* guest instructions of each new block */
    LOG_OP      = 1u << 1, /* IR before optimisation */
    LOG_OP_OPT  = 1u << 2, /* IR after optimisation */
    LOG_OUT_ASM = 1u << 3, /* generated host code */
    LOG_EXEC    = 1u << 4, /* each block executed */
    LOG_UNIMP   = 1u << 5, /* unimplemented features (always on by default) */
    LOG_STRACE  = 1u << 6, /* system calls */
};

extern unsigned ferry_log_mask;

/* Parse a comma-separated -d list; returns false and names the culprit on error. */
bool ferry_log_parse(const char *list);
/* The channels of ferry_log_mask as a -d list ("" when none). */
void ferry_log_items(char *buf, size_t size);
/* Redirect debug output (-D FILE); stderr by default.  append keeps what
 * the file holds (the ferry of a guest's execve writes to its parent's). */
bool ferry_log_set_file(const char *path, bool append);
/* The descriptor of the -D file, or -1 (the guest must not close it). */
int ferry_log_fd(void);

void ferry_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ferry_vlog(const char *fmt, va_list ap);
/* Debug output for -d channels: no "ferry:" prefix, goes to the -D file. */
void ferry_dbg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void ferry_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Log once per distinct key (e.g. an encoding or syscall number) and call site. */
#define ferry_log_once(...)                                                  \
    do {                                                                     \
        static int ferry_once_flag_;                                         \
        if (!__atomic_exchange_n(&ferry_once_flag_, 1, __ATOMIC_RELAXED))    \
            ferry_log(__VA_ARGS__);                                          \
    } while (0)

/* Log once per (site, key): keeps a small set of keys already reported. */
bool ferry_first_time(const void *site, unsigned long key);

__attribute__((noreturn)) void ferry_assert_fail(const char *expr, const char *file,
                                                 int line);
#define FERRY_ASSERT(e) ((e) ? (void)0 : ferry_assert_fail(#e, __FILE__, __LINE__))

#endif
