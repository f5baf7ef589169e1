/*
 * Directory reading for 32-bit guests: getdents64, the old getdents, and
 * the directory positions lseek sees.
 *
 * A directory's position (d_off, telldir, the lseek offset) is an opaque
 * cookie chosen by the file system.  ext4 returns 64-bit hash values to
 * 64-bit processes and 32-bit ones to 32-bit processes (it asks whether
 * the system call is a compat one); ferry is a 64-bit process, so the
 * guest would get 64-bit cookies, and 32-bit glibc's readdir, telldir and
 * seekdir fail with EOVERFLOW on them.  Every directory offset the guest
 * sees is therefore replaced by a small cookie of ferry's: a table per
 * directory descriptor maps cookie n (from 1; 0 is the start) to the host
 * offset, and lseek/_llseek on that descriptor map them back.
 *
 * Tables are keyed by descriptor number and carry the directory's device
 * and inode, so a number reused for another directory starts afresh; close
 * and dup2/dup3 onto a number drop its table, and dup copies it (the new
 * descriptor shares the position).  Cookies stay valid while the
 * descriptor is open, as positions must for seekdir.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* The largest cookie: a positive 32-bit off_t. */
#define DIR_MAX_COOKIE 0x7fffffffu

typedef struct DirTable {
    dev_t dev;
    ino_t ino;
    int64_t *host;          /* host[n - 1] is the host offset of cookie n */
    uint32_t n, cap;
    uint32_t *index;        /* open addressing: host offset -> cookie (0 = empty) */
    uint32_t index_cap;     /* power of two, more than twice n */
} DirTable;

static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static DirTable **dir_tables;   /* indexed by descriptor */
static int dir_ntables;

static void table_free(DirTable *t)
{
    if (!t)
        return;
    free(t->host);
    free(t->index);
    free(t);
}

static uint32_t hash_off(int64_t off, uint32_t cap)
{
    uint64_t h = (uint64_t)off * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 32) & (cap - 1);
}

static bool index_grow(DirTable *t)
{
    uint32_t cap = t->index_cap ? t->index_cap * 2 : 64;
    uint32_t *index = calloc(cap, sizeof *index);
    if (!index)
        return false;
    for (uint32_t c = 1; c <= t->n; c++) {
        uint32_t h = hash_off(t->host[c - 1], cap);
        while (index[h])
            h = (h + 1) & (cap - 1);
        index[h] = c;
    }
    free(t->index);
    t->index = index;
    t->index_cap = cap;
    return true;
}

/* The cookie for host offset off (0 for 0), made when new; 0 and
 * *full set when the table cannot grow. */
static uint32_t table_cookie(DirTable *t, int64_t off, bool *full)
{
    if (off == 0)
        return 0;
    if (t->index_cap) {
        for (uint32_t h = hash_off(off, t->index_cap); t->index[h];
             h = (h + 1) & (t->index_cap - 1))
            if (t->host[t->index[h] - 1] == off)
                return t->index[h];
    }
    if (t->n >= DIR_MAX_COOKIE) {
        *full = true;
        return 0;
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        int64_t *host = realloc(t->host, cap * sizeof *host);
        if (!host) {
            *full = true;
            return 0;
        }
        t->host = host;
        t->cap = cap;
    }
    t->host[t->n++] = off;
    if (2 * t->n >= t->index_cap && !index_grow(t)) {
        t->n--;
        *full = true;
        return 0;
    }
    uint32_t h = hash_off(off, t->index_cap);
    while (t->index[h])
        h = (h + 1) & (t->index_cap - 1);
    t->index[h] = t->n;
    return t->n;
}

/* The table of directory descriptor fd (NULL if none); with create, a
 * new one when it has none or its table is for another directory.  Call
 * with dir_lock held. */
static DirTable *table_of(int fd, bool create)
{
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        return NULL;
    DirTable *t = fd < dir_ntables ? dir_tables[fd] : NULL;
    if (t && (t->dev != st.st_dev || t->ino != st.st_ino)) {
        table_free(t);
        dir_tables[fd] = t = NULL;
    }
    if (t || !create)
        return t;
    if (fd >= dir_ntables) {
        int n = fd + 64;
        DirTable **v = realloc(dir_tables, n * sizeof *v);
        if (!v)
            return NULL;
        memset(v + dir_ntables, 0, (n - dir_ntables) * sizeof *v);
        dir_tables = v;
        dir_ntables = n;
    }
    t = calloc(1, sizeof *t);
    if (t) {
        t->dev = st.st_dev;
        t->ino = st.st_ino;
    }
    return dir_tables[fd] = t;
}

bool sys_dir_has_table(int fd)
{
    pthread_mutex_lock(&dir_lock);
    bool has = fd >= 0 && fd < dir_ntables && dir_tables[fd];
    pthread_mutex_unlock(&dir_lock);
    return has;
}

void sys_dir_forget(int fd)
{
    pthread_mutex_lock(&dir_lock);
    if (fd >= 0 && fd < dir_ntables) {
        table_free(dir_tables[fd]);
        dir_tables[fd] = NULL;
    }
    pthread_mutex_unlock(&dir_lock);
}

void sys_dir_forget_range(uint32_t first, uint32_t last)
{
    pthread_mutex_lock(&dir_lock);
    for (int fd = 0; fd < dir_ntables; fd++) {
        if ((uint32_t)fd >= first && (uint32_t)fd <= last) {
            table_free(dir_tables[fd]);
            dir_tables[fd] = NULL;
        }
    }
    pthread_mutex_unlock(&dir_lock);
}

void sys_dir_dup(int oldfd, int newfd)
{
    sys_dir_forget(newfd);
    pthread_mutex_lock(&dir_lock);
    DirTable *t = table_of(oldfd, false), *copy = NULL;
    if (t && table_of(newfd, true)) {
        copy = dir_tables[newfd];
        copy->host = malloc((t->cap ? t->cap : 1) * sizeof *copy->host);
        copy->index = calloc(t->index_cap ? t->index_cap : 1, sizeof *copy->index);
        if (copy->host && copy->index) {
            memcpy(copy->host, t->host, t->n * sizeof *t->host);
            memcpy(copy->index, t->index, t->index_cap * sizeof *t->index);
            copy->n = t->n;
            copy->cap = t->cap;
            copy->index_cap = t->index_cap;
        } else {
            table_free(copy);
            dir_tables[newfd] = NULL;
        }
    }
    pthread_mutex_unlock(&dir_lock);
}

/* Seeking a directory: the guest's cookie to the host offset. */
int64_t sys_dir_seek(int fd, int64_t offset, int whence)
{
    pthread_mutex_lock(&dir_lock);
    DirTable *t = table_of(fd, false);
    if (t && whence == SEEK_SET && offset > 0 && (uint64_t)offset <= t->n)
        offset = t->host[offset - 1];
    off_t r = lseek(fd, (off_t)offset, whence);
    int64_t res = r < 0 ? -errno : r;
    if (t && r > 0) {
        bool full = false;
        res = table_cookie(t, r, &full);
        if (full)
            res = -EOVERFLOW;
    }
    pthread_mutex_unlock(&dir_lock);
    return res;
}

/* struct linux_dirent64 as the host kernel writes it. */
typedef struct HostDirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
} __attribute__((packed)) HostDirent64;

/* Replace the d_off of the n bytes of records at buf by cookies. */
static int64_t cookie_records(int fd, uint8_t *buf, size_t n)
{
    pthread_mutex_lock(&dir_lock);
    DirTable *t = table_of(fd, true);
    int64_t r = t ? (int64_t)n : -ENOMEM;
    for (size_t pos = 0; t && pos < n;) {
        HostDirent64 *d = (HostDirent64 *)(buf + pos);
        bool full = false;
        int64_t c = table_cookie(t, d->d_off, &full);
        if (full) {
            r = -EOVERFLOW;
            break;
        }
        memcpy(&d->d_off, &c, sizeof c);
        pos += d->d_reclen;
    }
    pthread_mutex_unlock(&dir_lock);
    return r;
}

/* getdents64(fd, buf, count): the host's records in place, with cookies.
 * struct linux_dirent64 has the same layout on every ABI (the guest's
 * byte order would need swapping for big-endian guests). */
int64_t sys_getdents64(SysCall *c)
{
    int fd = sys_int(c, 0);
    uint32_t buf = sys_u32(c, 1), count = sys_u32(c, 2);
    sys_will_write(buf, count);
    long n = syscall(SYS_getdents64, fd, g2h(buf), count);
    if (n <= 0)
        return n < 0 ? -errno : 0;
    return cookie_records(fd, g2h(buf), (size_t)n);
}

/* The old struct linux_dirent of 32-bit ABIs: 32-bit inode and offset,
 * the name, then the file type in the record's last byte. */
typedef struct GuestDirent32 {
    uint32_t d_ino;
    uint32_t d_off;
    uint16_t d_reclen;
    char d_name[];
} __attribute__((packed)) GuestDirent32;
GUEST_SIZE(GuestDirent32, 10);

/*
 * getdents(fd, buf, count): host records read into a buffer of the same
 * size (an old record is never longer than the 64-bit one), converted.
 * An inode that does not fit 32 bits is EOVERFLOW, as from a 32-bit
 * kernel.
 */
int64_t sys_getdents(SysCall *c)
{
    const GuestAbi *abi = c->abi;
    int fd = sys_int(c, 0);
    uint32_t buf = sys_u32(c, 1), count = sys_u32(c, 2);
    uint8_t *host = malloc(count ? count : 1);
    if (!host)
        return -ENOMEM;
    long n = syscall(SYS_getdents64, fd, host, count);
    int64_t r = n < 0 ? -errno : 0;
    if (n > 0)
        r = cookie_records(fd, host, (size_t)n);
    uint8_t *out = r >= 0 && n > 0 ? malloc(count) : NULL;
    size_t used = 0;
    for (long pos = 0; r >= 0 && out && pos < n;) {
        const HostDirent64 *d = (const HostDirent64 *)(host + pos);
        size_t namelen = strlen(d->d_name);
        size_t reclen = (offsetof(GuestDirent32, d_name) + namelen + 2 + 3) & ~(size_t)3;
        if (d->d_ino > UINT32_MAX) {
            r = -EOVERFLOW;
            break;
        }
        if (used + reclen > count) {
            r = used ? 0 : -EINVAL;
            break;
        }
        GuestDirent32 *g = (GuestDirent32 *)(out + used);
        memset(g, 0, reclen);
        g->d_ino = tsw32(abi, (uint32_t)d->d_ino);
        g->d_off = tsw32(abi, (uint32_t)d->d_off);
        g->d_reclen = tsw16(abi, (uint16_t)reclen);
        memcpy(g->d_name, d->d_name, namelen);
        out[used + reclen - 1] = d->d_type;
        used += reclen;
        pos += d->d_reclen;
    }
    if (r >= 0 && out)
        r = copy_to_guest(buf, out, used) ? -EFAULT : (int64_t)used;
    free(out);
    free(host);
    return r;
}
