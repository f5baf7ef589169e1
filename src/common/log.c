/*
 * Logging: ferry's own messages, -d debug channels and -D redirection.
 */
#include "common/log.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned ferry_log_mask = LOG_UNIMP;
static FILE *dbg_file;

static const struct {
    const char *name;
    unsigned bit;
} channels[] = {
    { "in_asm", LOG_IN_ASM }, { "op", LOG_OP }, { "op_opt", LOG_OP_OPT },
    { "out_asm", LOG_OUT_ASM }, { "exec", LOG_EXEC }, { "unimp", LOG_UNIMP },
    { "strace", LOG_STRACE },
};

bool ferry_log_parse(const char *list)
{
    char *copy = strdup(list);
    char *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof(channels) / sizeof(channels[0]); i++) {
            if (!strcmp(tok, channels[i].name)) {
                ferry_log_mask |= channels[i].bit;
                break;
            }
        }
        if (i == sizeof(channels) / sizeof(channels[0])) {
            ferry_log("unknown -d channel '%s' (known: in_asm, op, op_opt, out_asm, "
                      "exec, unimp, strace)", tok);
            ok = false;
        }
    }
    free(copy);
    return ok;
}

/* Every write appends (O_APPEND), so that ferry processes started by a
 * guest's fork and execve can share the file without overwriting each
 * other's lines; the first ferry truncates it. */
void ferry_log_items(char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(channels) / sizeof(channels[0]); i++) {
        if (!(ferry_log_mask & channels[i].bit))
            continue;
        int n = snprintf(buf + len, size - len, "%s%s", len ? "," : "", channels[i].name);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
}

bool ferry_log_set_file(const char *path, bool append)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (append ? 0 : O_TRUNC),
                  0666);
    FILE *f = fd >= 0 ? fdopen(fd, "a") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    dbg_file = f;
    return true;
}

int ferry_log_fd(void)
{
    return dbg_file ? fileno(dbg_file) : -1;
}

void ferry_vlog(const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    fprintf(stderr, "ferry: %s\n", buf);
}

void ferry_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ferry_vlog(fmt, ap);
    va_end(ap);
}

void ferry_dbg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(dbg_file ? dbg_file : stderr, fmt, ap);
    va_end(ap);
}

void ferry_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ferry_vlog(fmt, ap);
    va_end(ap);
    exit(1);
}

void ferry_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "ferry: internal error: assertion '%s' failed at %s:%d\n", expr, file,
            line);
    abort();
}

/* A small set of (site, key) pairs already reported. */
#define SEEN_SIZE 1024
static struct {
    const void *site;
    unsigned long key;
} seen[SEEN_SIZE];
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

bool ferry_first_time(const void *site, unsigned long key)
{
    bool first = true;
    pthread_mutex_lock(&seen_lock);
    unsigned h = (unsigned)(((uintptr_t)site >> 4) ^ key * 2654435761u) % SEEN_SIZE;
    for (unsigned n = 0; n < SEEN_SIZE; n++, h = (h + 1) % SEEN_SIZE) {
        if (!seen[h].site) {
            seen[h].site = site;
            seen[h].key = key;
            break;
        }
        if (seen[h].site == site && seen[h].key == key) {
            first = false;
            break;
        }
    }
    pthread_mutex_unlock(&seen_lock);
    return first;
}
