/*
 * dyn-dirent.c: directory reading through 32-bit glibc (readdir, telldir, seekdir, rewinddir,
 * scandir) on a directory with 200 files, created in the current directory (the build tree, so
 * ext4 or overlayfs, whose directory offsets are 64-bit hashes a 32-bit readdir cannot hold
 * unless ferry maps them), plus the raw getdents64 and lseek on the directory descriptor.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define NFILES 200

static char dir[256];

/* Names file-000 ... file-199 plus . and .. : each seen exactly once. */
static int seen[NFILES + 2];

static int name_index(const char *name)
{
    if (!strcmp(name, "."))
        return NFILES;
    if (!strcmp(name, ".."))
        return NFILES + 1;
    int n;
    char extra;
    if (sscanf(name, "file-%3d%c", &n, &extra) == 1 && n >= 0 && n < NFILES)
        return n;
    return -1;
}

static void make_files(void)
{
    snprintf(dir, sizeof dir, "dyn-dirent.%d", (int)getpid());
    CHECK(mkdir(dir, 0700) == 0, "mkdir %s: %s", dir, strerror(errno));
    for (int i = 0; i < NFILES; i++) {
        char path[300];
        snprintf(path, sizeof path, "%s/file-%03d", dir, i);
        int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
        CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
}

static void remove_files(void)
{
    for (int i = 0; i < NFILES; i++) {
        char path[300];
        snprintf(path, sizeof path, "%s/file-%03d", dir, i);
        unlink(path);
    }
    CHECK(rmdir(dir) == 0, "rmdir: %s", strerror(errno));
}

/* Read the whole directory; positions[i] is telldir before entry i. */
static int read_all(DIR *d, long *positions, char names[][32], int max)
{
    int n = 0;
    for (;;) {
        long pos = telldir(d);
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            CHECK(errno == 0, "readdir failed after %d entries: %s", n, strerror(errno));
            break;
        }
        if (n < max) {
            positions[n] = pos;
            snprintf(names[n], 32, "%.31s", e->d_name);
        }
        n++;
    }
    return n;
}

static void test_readdir(void)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL, "opendir: %s", strerror(errno));
    if (!d)
        return;
    static long positions[NFILES + 2];
    static char names[NFILES + 2][32];
    int n = read_all(d, positions, names, NFILES + 2);
    CHECK(n == NFILES + 2, "readdir returned %d entries, want %d", n, NFILES + 2);
    memset(seen, 0, sizeof seen);
    int bad = 0;
    for (int i = 0; i < n && i < NFILES + 2; i++) {
        int k = name_index(names[i]);
        if (k < 0 || seen[k]++)
            bad++;
    }
    CHECK(bad == 0, "%d unexpected or repeated names", bad);
    int neg = 0;
    for (int i = 0; i < n && i < NFILES + 2; i++)
        neg += positions[i] < 0;
    CHECK(neg == 0, "%d negative telldir positions", neg);

    /* seekdir to each recorded position gives the same entry again (from the end too). */
    int mismatch = 0;
    for (int i = n - 1; i >= 0; i -= 7) {
        seekdir(d, positions[i]);
        struct dirent *e = readdir(d);
        if (!e || strcmp(e->d_name, names[i]))
            mismatch++;
        CHECK(telldir(d) == (i + 1 < n ? positions[i + 1] : telldir(d)), "telldir after seek");
    }
    CHECK(mismatch == 0, "%d entries differ after seekdir", mismatch);

    /* rewinddir starts over with the same first entry and count. */
    rewinddir(d);
    static long positions2[NFILES + 2];
    static char names2[NFILES + 2][32];
    int n2 = read_all(d, positions2, names2, NFILES + 2);
    CHECK(n2 == n, "after rewinddir %d entries, want %d", n2, n);
    CHECK(n2 > 0 && !strcmp(names2[0], names[0]), "first entry after rewinddir");
    CHECK(n2 > 0 && positions2[n2 - 1] == positions[n - 1], "positions after rewinddir");
    closedir(d);
}

static int filter_files(const struct dirent *e)
{
    return e->d_name[0] == 'f';
}

static void test_scandir(void)
{
    struct dirent **list;
    int n = scandir(dir, &list, filter_files, alphasort);
    CHECK(n == NFILES, "scandir found %d files: %s", n, n < 0 ? strerror(errno) : "");
    int order = 0;
    for (int i = 0; i < n; i++) {
        char want[32];
        snprintf(want, sizeof want, "file-%03d", i);
        order += strcmp(list[i]->d_name, want) != 0;
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    CHECK(order == 0, "%d names out of order", order);
}

/* The raw calls: getdents64 in small pieces, each d_off usable with lseek. */
static void test_getdents64(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0, "open dir: %s", strerror(errno));
    if (fd < 0)
        return;
    char buf[512];
    int total = 0, big = 0;
    long long resume = -1;
    char resume_name[64] = "";
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        CHECK(n >= 0, "getdents64: %s", strerror(errno));
        if (n <= 0)
            break;
        for (long pos = 0; pos < n;) {
            struct dirent64 *e = (struct dirent64 *)(buf + pos);
            big += e->d_off > 0x7fffffffLL || e->d_off < 0;
            if (total == 100) {
                resume = e->d_off;  /* position after entry 100 */
            } else if (total == 101) {
                snprintf(resume_name, sizeof resume_name, "%.63s", e->d_name);
            }
            total++;
            pos += e->d_reclen;
        }
    }
    CHECK(total == NFILES + 2, "getdents64 gave %d entries", total);
    CHECK(big == 0, "%d d_off values do not fit a 32-bit off_t", big);
    /* Seek back to the position after entry 100: the next entry is entry 101. */
    CHECK(lseek(fd, (off_t)resume, SEEK_SET) == (off_t)resume, "lseek to a d_off");
    CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)resume, "lseek SEEK_CUR");
    long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    CHECK(n > 0 && !strcmp(((struct dirent64 *)buf)->d_name, resume_name),
          "entry after seeking: %s, want %s", n > 0 ? ((struct dirent64 *)buf)->d_name : "-",
          resume_name);
    /* A duplicate shares the position, and keeps understanding the offsets. */
    int fd2 = dup(fd);
    CHECK(lseek(fd2, (off_t)resume, SEEK_SET) == (off_t)resume, "lseek on a dup");
    n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    CHECK(n > 0 && !strcmp(((struct dirent64 *)buf)->d_name, resume_name), "dup position");
    close(fd2);
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "rewind");
    n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    CHECK(n > 0, "read after rewind");
    close(fd);
}

int main(void)
{
    make_files();
    test_readdir();
    test_scandir();
    test_getdents64();
    remove_files();
    return check_summary("dyn-dirent");
}
