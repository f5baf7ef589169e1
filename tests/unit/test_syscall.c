/*
 * Unit tests of the syscall layer through its ARM entry point: each test
 * sets up an ArmCPU as guest code would before an SVC (number in r7,
 * arguments in r0-r6, pointers into guest memory), calls arm_syscall and
 * checks r0 and what landed in guest memory against the host's view and
 * the ARM EABI layouts (offsets taken from the ARM UAPI headers).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "exec/guestmem.h"
#include "syscall/arm_nr.h"
#include "syscall/syscall.h"

/* ARM EABI values used by the guest side of the tests. */
enum {
    G_O_RDONLY = 0, G_O_WRONLY = 1, G_O_RDWR = 2, G_O_CREAT = 0100,
    G_O_TRUNC = 01000, G_O_DIRECTORY = 040000, G_O_NOFOLLOW = 0100000,
    G_O_CLOEXEC = 02000000,
    G_AT_FDCWD = -100,
    G_PROT_RW = 3,
    G_MAP_PRIVATE = 2, G_MAP_FIXED = 0x10, G_MAP_ANON = 0x20,
    G_SA_SIGINFO = 4, G_SA_RESTORER = 0x04000000, G_SA_UNSUPPORTED = 0x400,
    G_SIGINT = 2, G_SIGKILL = 9, G_SIGUSR1 = 10, G_SIGSTOP = 19,
    G_FUTEX_WAIT = 0, G_FUTEX_WAKE = 1, G_FUTEX_PRIVATE = 128,
};

static int passed, failed;

static void check(bool ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: %s\n", line, what);
    }
}

#define CHECK(cond) check((cond), #cond, __LINE__)

/* ---- guest side helpers ---- */

static ArmCPU env;
static uint32_t scratch, scratch_top, scratch_end;
static uint32_t unmapped;          /* a guest page that is surely not mapped */
static char tmpdir[64];

/* Run one system call; a[] are r0-r6.  Returns r0 as a signed value. */
static int32_t sc(uint32_t nr, const uint32_t a[7])
{
    env.r[7] = nr;
    for (int i = 0; i < 7; i++)
        env.r[i] = a[i];
    arm_syscall(&env);
    return (int32_t)env.r[0];
}

#define ARGS(...) ((const uint32_t[7]){ __VA_ARGS__ })

/* Bump allocation in the scratch mapping, 8-byte aligned. */
static uint32_t galloc(uint32_t size)
{
    uint32_t a = scratch_top;
    scratch_top = (scratch_top + size + 7) & ~7u;
    if (scratch_top > scratch_end) {
        printf("scratch exhausted\n");
        exit(2);
    }
    memset(g2h(a), 0, size);
    return a;
}

static uint32_t gstr(const char *s)
{
    uint32_t a = galloc((uint32_t)strlen(s) + 1);
    strcpy(g2h(a), s);
    return a;
}

static uint32_t rd32(uint32_t a) { uint32_t v; memcpy(&v, g2h(a), 4); return v; }
static uint64_t rd64(uint32_t a) { uint64_t v; memcpy(&v, g2h(a), 8); return v; }
static void wr32(uint32_t a, uint32_t v) { memcpy(g2h(a), &v, 4); }

static void tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static void make_file(const char *name, size_t size)
{
    char p[128];
    tmp_path(p, sizeof(p), name);
    FILE *f = fopen(p, "w");
    for (size_t i = 0; i < size; i++)
        fputc('a' + (int)(i % 26), f);
    fclose(f);
}

static void setup(void)
{
    gmem_init();
    scratch = gmem_mmap(0, 1 << 20, G_PROT_RW, G_MAP_PRIVATE | G_MAP_ANON, -1, 0);
    if (gmem_is_err(scratch)) {
        printf("cannot map scratch memory\n");
        exit(2);
    }
    scratch_top = scratch;
    scratch_end = scratch + (1 << 20);
    /* Below the lowest address mmap hands out, so it stays unmapped. */
    unmapped = 0x1000;

    strcpy(tmpdir, "/tmp/ferry-test-syscall-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("mkdtemp failed\n");
        exit(2);
    }
    make_file("file", 1234);
    char p[128], q[128];
    tmp_path(p, sizeof(p), "file");
    tmp_path(q, sizeof(q), "link");
    if (symlink(p, q) != 0)
        exit(2);
    tmp_path(p, sizeof(p), "dir");
    mkdir(p, 0755);
    sys_init("/opt/guest/bin/hello");
}

static uint32_t gpath(const char *name)
{
    char p[128];
    tmp_path(p, sizeof(p), name);
    return gstr(p);
}

/* ---- stat ---- */

/* Offsets of ARM EABI struct stat64 (asm/stat.h, EABI alignment). */
static void check_stat64_layout(uint32_t b, const struct stat *st)
{
    CHECK(rd64(b + 0) == (uint64_t)st->st_dev);
    CHECK(rd32(b + 8) == 0);                             /* __pad0 */
    CHECK(rd32(b + 12) == (uint32_t)st->st_ino);         /* __st_ino */
    CHECK(rd32(b + 16) == st->st_mode);
    CHECK(rd32(b + 20) == (uint32_t)st->st_nlink);
    CHECK(rd32(b + 24) == st->st_uid);
    CHECK(rd32(b + 28) == st->st_gid);
    CHECK(rd64(b + 32) == (uint64_t)st->st_rdev);
    CHECK(rd32(b + 40) == 0);                            /* __pad3 */
    CHECK((int64_t)rd64(b + 48) == st->st_size);
    CHECK(rd32(b + 56) == (uint32_t)st->st_blksize);
    CHECK(rd64(b + 64) == (uint64_t)st->st_blocks);
    CHECK(rd32(b + 72) == (uint32_t)st->st_atim.tv_sec);
    CHECK(rd32(b + 76) == (uint32_t)st->st_atim.tv_nsec);
    CHECK(rd32(b + 80) == (uint32_t)st->st_mtim.tv_sec);
    CHECK(rd32(b + 84) == (uint32_t)st->st_mtim.tv_nsec);
    CHECK(rd32(b + 88) == (uint32_t)st->st_ctim.tv_sec);
    CHECK(rd32(b + 92) == (uint32_t)st->st_ctim.tv_nsec);
    CHECK(rd64(b + 96) == (uint64_t)st->st_ino);
}

static void test_stat(void)
{
    char p[128];
    struct stat st;
    tmp_path(p, sizeof(p), "file");
    stat(p, &st);

    uint32_t path = gpath("file");
    uint32_t buf = galloc(112);
    memset(g2h(buf), 0xaa, 112);
    CHECK(sc(ARM_NR_stat64, ARGS(path, buf)) == 0);
    check_stat64_layout(buf, &st);
    CHECK(rd32(buf + 104) == 0xaaaaaaaau);               /* nothing past 104 bytes */
    CHECK(rd64(buf + 48) == 1234);

    /* lstat64 sees the link, stat64 the file. */
    uint32_t link = gpath("link");
    CHECK(sc(ARM_NR_lstat64, ARGS(link, buf)) == 0);
    CHECK(S_ISLNK(rd32(buf + 16)));
    CHECK(sc(ARM_NR_stat64, ARGS(link, buf)) == 0);
    CHECK(S_ISREG(rd32(buf + 16)) && rd64(buf + 96) == st.st_ino);

    /* fstat64 and fstatat64 agree. */
    int fd = open(p, O_RDONLY);
    memset(g2h(buf), 0, 104);
    CHECK(sc(ARM_NR_fstat64, ARGS((uint32_t)fd, buf)) == 0);
    check_stat64_layout(buf, &st);
    CHECK(sc(ARM_NR_fstatat64, ARGS((uint32_t)G_AT_FDCWD, link, buf, 0x100)) == 0);
    CHECK(S_ISLNK(rd32(buf + 16)));
    close(fd);

    /* Errors. */
    CHECK(sc(ARM_NR_stat64, ARGS(path, unmapped)) == -EFAULT);
    CHECK(sc(ARM_NR_stat64, ARGS(unmapped, buf)) == -EFAULT);
    CHECK(sc(ARM_NR_stat64, ARGS(gpath("nope"), buf)) == -ENOENT);
    CHECK(sc(ARM_NR_fstat64, ARGS(9999, buf)) == -EBADF);

    /* statx: same layout as the host's. */
    uint32_t sx = galloc(256);
    CHECK(sc(ARM_NR_statx, ARGS((uint32_t)G_AT_FDCWD, path, 0, 0x7ff, sx)) == 0);
    CHECK(rd64(sx + 0x28) == 1234);                      /* stx_size */
    CHECK(rd64(sx + 0x20) == (uint64_t)st.st_ino);       /* stx_ino */
}

/* ---- open flags ---- */

static void test_open_flags(void)
{
    uint32_t dir = gpath("dir"), file = gpath("file"), link = gpath("link");
    int32_t fd = sc(ARM_NR_openat, ARGS((uint32_t)G_AT_FDCWD, dir,
                                         G_O_RDONLY | G_O_DIRECTORY | G_O_CLOEXEC));
    CHECK(fd >= 0);
    if (fd >= 0) {
        struct stat st;
        CHECK(fstat(fd, &st) == 0 && S_ISDIR(st.st_mode));
        CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
        close(fd);
    }
    /* ARM's O_DIRECTORY must reach the host as O_DIRECTORY. */
    CHECK(sc(ARM_NR_open, ARGS(file, G_O_RDONLY | G_O_DIRECTORY)) == -ENOTDIR);
    /* ARM's O_NOFOLLOW refuses the final symlink. */
    CHECK(sc(ARM_NR_open, ARGS(link, G_O_RDONLY | G_O_NOFOLLOW)) == -ELOOP);
    fd = sc(ARM_NR_open, ARGS(link, G_O_RDONLY));
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);

    /* O_CREAT|O_TRUNC with a mode. */
    uint32_t newf = gpath("created");
    fd = sc(ARM_NR_open, ARGS(newf, G_O_WRONLY | G_O_CREAT | G_O_TRUNC, 0640));
    CHECK(fd >= 0);
    if (fd >= 0) {
        struct stat st;
        CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == (0640 & ~0022u) &&
              (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY);
        close(fd);
    }
    CHECK(sc(ARM_NR_open, ARGS(unmapped, G_O_RDONLY)) == -EFAULT);
    CHECK(sc(ARM_NR_open, ARGS(gpath("nope"), G_O_RDONLY)) == -ENOENT);
}

/* ---- read, write, vectors ---- */

static void test_rw(void)
{
    int p[2];
    if (pipe(p) != 0)
        return;
    uint32_t b1 = gstr("hello "), b2 = gstr("world");
    uint32_t iov = galloc(16);
    wr32(iov, b1); wr32(iov + 4, 6);
    wr32(iov + 8, b2); wr32(iov + 12, 5);
    CHECK(sc(ARM_NR_writev, ARGS((uint32_t)p[1], iov, 2)) == 11);
    char got[32] = { 0 };
    CHECK(read(p[0], got, sizeof(got)) == 11 && !strcmp(got, "hello world"));

    /* readv splits into the guest buffers. */
    CHECK(write(p[1], "abcdefgh", 8) == 8);
    uint32_t r1 = galloc(3), r2 = galloc(16);
    wr32(iov, r1); wr32(iov + 4, 3);
    wr32(iov + 8, r2); wr32(iov + 12, 16);
    CHECK(sc(ARM_NR_readv, ARGS((uint32_t)p[0], iov, 2)) == 8);
    CHECK(!memcmp(g2h(r1), "abc", 3) && !memcmp(g2h(r2), "defgh", 5));

    /* write/read and their errors. */
    CHECK(sc(ARM_NR_write, ARGS((uint32_t)p[1], b1, 6)) == 6);
    uint32_t rb = galloc(16);
    CHECK(sc(ARM_NR_read, ARGS((uint32_t)p[0], rb, 16)) == 6 && !memcmp(g2h(rb), "hello ", 6));
    CHECK(sc(ARM_NR_write, ARGS((uint32_t)p[1], unmapped, 10)) == -EFAULT);
    CHECK(write(p[1], "x", 1) == 1);
    CHECK(sc(ARM_NR_read, ARGS((uint32_t)p[0], unmapped, 10)) == -EFAULT);
    CHECK(sc(ARM_NR_writev, ARGS((uint32_t)p[1], iov, (uint32_t)-1)) == -EINVAL);
    CHECK(sc(ARM_NR_writev, ARGS((uint32_t)p[1], unmapped, 1)) == -EFAULT);
    CHECK(sc(ARM_NR_write, ARGS(9999, b1, 1)) == -EBADF);

    /* FIONREAD counts what is waiting (the "x" above). */
    uint32_t n = galloc(4);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)p[0], 0x541B, n)) == 0 && rd32(n) == 1);
    /* A pipe is no terminal. */
    uint32_t tio = galloc(64);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)p[0], 0x5401, tio)) == -ENOTTY);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)p[0], 0x5413, tio)) == -ENOTTY);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)p[0], 0x12345678, tio)) == -ENOTTY);

    /* pipe2 writes two fds. */
    uint32_t fds = galloc(8);
    CHECK(sc(ARM_NR_pipe2, ARGS(fds, G_O_CLOEXEC)) == 0);
    CHECK(fcntl((int)rd32(fds), F_GETFD) == FD_CLOEXEC);
    CHECK(write((int)rd32(fds + 4), "z", 1) == 1);
    char z = 0;
    CHECK(read((int)rd32(fds), &z, 1) == 1 && z == 'z');
    close((int)rd32(fds));
    close((int)rd32(fds + 4));
    CHECK(sc(ARM_NR_pipe, ARGS(unmapped)) == -EFAULT);
    close(p[0]);
    close(p[1]);
}

static void test_tty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) || unlockpt(m))
        return;  /* no ptys in this environment */
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct winsize ws = { 24, 80, 0, 0 };
    ioctl(s, TIOCSWINSZ, &ws);
    uint32_t w = galloc(8);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)s, 0x5413, w)) == 0);
    CHECK((rd32(w) & 0xffff) == 24 && (rd32(w) >> 16) == 80);
    uint32_t t = galloc(36);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)s, 0x5401, t)) == 0);
    struct termios host;
    tcgetattr(s, &host);
    CHECK(rd32(t) == host.c_iflag && rd32(t + 12) == host.c_lflag);
    CHECK(((uint8_t *)g2h(t))[17 + VINTR] == host.c_cc[VINTR]);
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)s, 0x5402, t)) == 0);   /* TCSETS */
    CHECK(sc(ARM_NR_ioctl, ARGS((uint32_t)s, 0x5401, unmapped)) == -EFAULT);
    close(s);
    close(m);
}

/* ---- fcntl ---- */

static void put_flock64(uint32_t a, int16_t type, int64_t start, int64_t len)
{
    memset(g2h(a), 0, 32);
    memcpy(g2h(a), &type, 2);
    memcpy(g2h(a + 8), &start, 8);
    memcpy(g2h(a + 16), &len, 8);
}

static void test_fcntl(void)
{
    char p[128];
    tmp_path(p, sizeof(p), "file");
    int fd = open(p, O_RDWR);
    /* Flags go through the ARM encoding both ways: the host's O_LARGEFILE
     * (0100000, ARM's O_NOFOLLOW) comes back as ARM's 0400000. */
    CHECK(sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 4 /* F_SETFL */, 04000 /* O_NONBLOCK */)) == 0);
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
    int32_t fl = sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 3 /* F_GETFL */));
    CHECK(fl >= 0 && (fl & 3) == G_O_RDWR && (fl & 04000) && (fl & 0400000) && !(fl & 0100000));
    CHECK(sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 1030 /* F_DUPFD_CLOEXEC */, 50)) >= 50);
    CHECK(sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 9999)) == -EINVAL);

    /* A write lock set with F_SETLK64 is seen by another process through
     * both lock layouts. */
    uint32_t lk = galloc(32);
    put_flock64(lk, F_WRLCK, 10, 20);
    CHECK(sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 13 /* F_SETLK64 */, lk)) == 0);
    CHECK(sc(ARM_NR_fcntl64, ARGS((uint32_t)fd, 13, unmapped)) == -EFAULT);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int cfd = open(p, O_RDWR);
        put_flock64(lk, F_WRLCK, 0, 0);
        int ok = sc(ARM_NR_fcntl64, ARGS((uint32_t)cfd, 12 /* F_GETLK64 */, lk)) == 0 &&
                 *(int16_t *)g2h(lk) == F_WRLCK && rd64(lk + 8) == 10 &&
                 rd64(lk + 16) == 20 && (pid_t)rd32(lk + 24) == getppid();
        /* struct flock: type, whence, 32-bit start and len, pid */
        memset(g2h(lk), 0, 16);
        *(int16_t *)g2h(lk) = F_RDLCK;
        ok = ok && sc(ARM_NR_fcntl64, ARGS((uint32_t)cfd, 5 /* F_GETLK */, lk)) == 0 &&
             *(int16_t *)g2h(lk) == F_WRLCK && rd32(lk + 4) == 10 && rd32(lk + 8) == 20;
        _exit(ok ? 0 : 1);
    }
    int status = 1;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(fd);
}

/* ---- names ---- */

static void test_names(void)
{
    char p[128];
    struct stat st;
    CHECK(sc(ARM_NR_mkdir, ARGS(gpath("d2"), 0700)) == 0);
    tmp_path(p, sizeof(p), "d2");
    CHECK(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(sc(ARM_NR_mkdir, ARGS(gpath("d2"), 0700)) == -EEXIST);
    CHECK(sc(ARM_NR_rename, ARGS(gpath("d2"), gpath("d3"))) == 0);
    CHECK(sc(ARM_NR_rmdir, ARGS(gpath("d3"))) == 0);
    tmp_path(p, sizeof(p), "d3");
    CHECK(stat(p, &st) == -1);
    /* The symlink target is stored as given. */
    CHECK(sc(ARM_NR_symlink, ARGS(gstr("some/where"), gpath("l2"))) == 0);
    char t[64] = { 0 };
    tmp_path(p, sizeof(p), "l2");
    CHECK(readlink(p, t, sizeof(t)) == 10 && !strcmp(t, "some/where"));
    CHECK(sc(ARM_NR_unlinkat, ARGS((uint32_t)G_AT_FDCWD, gpath("l2"), 0)) == 0);
    CHECK(sc(ARM_NR_unlink, ARGS(gpath("l2"))) == -ENOENT);
    /* utimensat with 32-bit timespecs. */
    uint32_t ts = galloc(16);
    wr32(ts, 1000000); wr32(ts + 4, 5);
    wr32(ts + 8, 2000000); wr32(ts + 12, 7);
    CHECK(sc(ARM_NR_utimensat, ARGS((uint32_t)G_AT_FDCWD, gpath("file"), ts, 0)) == 0);
    tmp_path(p, sizeof(p), "file");
    CHECK(stat(p, &st) == 0 && st.st_atim.tv_sec == 1000000 && st.st_mtim.tv_sec == 2000000 &&
          st.st_mtim.tv_nsec == 7);
    CHECK(sc(ARM_NR_chmod, ARGS(gpath("file"), 0604)) == 0);
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0604);
}

/* ---- seeking and 64-bit register pairs ---- */

static void test_seek(void)
{
    char p[128];
    tmp_path(p, sizeof(p), "file");
    int fd = open(p, O_RDWR);
    uint32_t res = galloc(8);
    CHECK(sc(ARM_NR__llseek, ARGS((uint32_t)fd, 0, 10, res, SEEK_SET)) == 0);
    CHECK(rd64(res) == 10);
    CHECK(sc(ARM_NR__llseek, ARGS((uint32_t)fd, 0xffffffff, (uint32_t)-5, res, SEEK_END)) == 0);
    CHECK(rd64(res) == 1229);
    CHECK(lseek(fd, 0, SEEK_CUR) == 1229);
    CHECK(sc(ARM_NR__llseek, ARGS((uint32_t)fd, 0, 0, unmapped, SEEK_SET)) == -EFAULT);
    /* Beyond 4 GiB: _llseek copes, 32-bit lseek overflows. */
    CHECK(sc(ARM_NR__llseek, ARGS((uint32_t)fd, 1, 16, res, SEEK_SET)) == 0);
    CHECK(rd64(res) == 0x100000010ull);
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, 0, SEEK_CUR)) == -EOVERFLOW);
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, 7, SEEK_SET)) == 7);
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, (uint32_t)-1, SEEK_SET)) == -EINVAL);

    /* pread64(fd, buf, count, pad, lo, hi): the offset is in r4:r5. */
    uint32_t buf = galloc(8);
    CHECK(sc(ARM_NR_pread64, ARGS((uint32_t)fd, buf, 4, 0xdead, 27, 0)) == 4);
    CHECK(!memcmp(g2h(buf), "bcde", 4));
    CHECK(sc(ARM_NR_pread64, ARGS((uint32_t)fd, buf, 4, 0, 0, 1)) == 0);  /* 4 GiB: EOF */
    uint32_t w = gstr("XY");
    CHECK(sc(ARM_NR_pwrite64, ARGS((uint32_t)fd, w, 2, 0, 100, 0)) == 2);
    char c2[2];
    CHECK(pread(fd, c2, 2, 100) == 2 && c2[0] == 'X' && c2[1] == 'Y');
    /* ftruncate64(fd, pad, lo, hi): the length is in r2:r3. */
    CHECK(sc(ARM_NR_ftruncate64, ARGS((uint32_t)fd, 0xdead, 500, 0)) == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 500);
    close(fd);
}

/* ---- time ---- */

static void test_time(void)
{
    uint32_t ts = galloc(24);
    memset(g2h(ts), 0xee, 24);
    struct timespec host;
    clock_gettime(CLOCK_REALTIME, &host);
    CHECK(sc(ARM_NR_clock_gettime, ARGS(CLOCK_REALTIME, ts)) == 0);
    int32_t sec = (int32_t)rd32(ts), nsec = (int32_t)rd32(ts + 4);
    CHECK(sec - (int32_t)host.tv_sec >= 0 && sec - (int32_t)host.tv_sec <= 2);
    CHECK(nsec >= 0 && nsec < 1000000000);
    CHECK(rd32(ts + 8) == 0xeeeeeeeeu);                  /* 8 bytes only */

    CHECK(sc(ARM_NR_clock_gettime64, ARGS(CLOCK_MONOTONIC, ts)) == 0);
    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    CHECK((int64_t)rd64(ts) <= mono.tv_sec && (int64_t)rd64(ts) >= mono.tv_sec - 2);
    CHECK(rd64(ts + 8) < 1000000000ull);
    CHECK(rd32(ts + 16) == 0xeeeeeeeeu);

    CHECK(sc(ARM_NR_clock_gettime, ARGS(12345, ts)) == -EINVAL);
    CHECK(sc(ARM_NR_clock_gettime, ARGS(CLOCK_REALTIME, unmapped)) == -EFAULT);
    CHECK(sc(ARM_NR_clock_getres, ARGS(CLOCK_MONOTONIC, 0)) == 0);
    CHECK(sc(ARM_NR_clock_getres, ARGS(CLOCK_MONOTONIC, ts)) == 0);
    CHECK(rd32(ts) == 0 && rd32(ts + 4) > 0 && rd32(ts + 4) <= 10000000);

    uint32_t tv = galloc(8);
    CHECK(sc(ARM_NR_gettimeofday, ARGS(tv, 0)) == 0);
    CHECK((int32_t)rd32(tv) - (int32_t)host.tv_sec <= 2 && rd32(tv + 4) < 1000000);

    /* 2 ms sleep, relative; a bad tv_nsec is EINVAL. */
    uint32_t req = galloc(8);
    wr32(req, 0); wr32(req + 4, 2000000);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    CHECK(sc(ARM_NR_nanosleep, ARGS(req, 0)) == 0);
    struct timespec after;
    clock_gettime(CLOCK_MONOTONIC, &after);
    CHECK((after.tv_sec - mono.tv_sec) * 1000000000 + (after.tv_nsec - mono.tv_nsec) >= 2000000);
    wr32(req + 4, 1000000000);
    CHECK(sc(ARM_NR_nanosleep, ARGS(req, 0)) == -EINVAL);
    CHECK(sc(ARM_NR_nanosleep, ARGS(unmapped, 0)) == -EFAULT);
    wr32(req + 4, 1000);
    CHECK(sc(ARM_NR_clock_nanosleep, ARGS(CLOCK_MONOTONIC, 0, req, 0)) == 0);
}

/* ---- process ---- */

static void test_proc(void)
{
    uint32_t u = galloc(390);
    CHECK(sc(ARM_NR_uname, ARGS(u)) == 0);
    CHECK(!strcmp((char *)g2h(u) + 4 * 65, "armv7l"));
    CHECK(!strcmp((char *)g2h(u), "Linux"));
    CHECK(sc(ARM_NR_uname, ARGS(unmapped)) == -EFAULT);

    CHECK(sc(ARM_NR_getpid, ARGS(0)) == getpid());
    CHECK(sc(ARM_NR_getppid, ARGS(0)) == getppid());
    CHECK(sc(ARM_NR_gettid, ARGS(0)) == gettid());
    CHECK((uint32_t)sc(ARM_NR_getuid32, ARGS(0)) == getuid());
    CHECK((uint32_t)sc(ARM_NR_getegid32, ARGS(0)) == getegid());
    CHECK((uint32_t)sc(ARM_NR_getuid, ARGS(0)) == (getuid() > 0xffff ? 65534 : getuid()));
    CHECK(sc(ARM_NR_set_tid_address, ARGS(0x1000)) == gettid());
    CHECK(sc(ARM_NR_set_robust_list, ARGS(0x2000, 12)) == 0);
    CHECK(sc(ARM_NR_set_robust_list, ARGS(0x2000, 24)) == -EINVAL);
    CHECK(sc(ARM_NR_sched_yield, ARGS(0)) == 0);

    /* Limits: 64-bit and 32-bit forms agree with the host. */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    uint32_t r64 = galloc(16), r32 = galloc(8);
    CHECK(sc(ARM_NR_prlimit64, ARGS(0, RLIMIT_NOFILE, 0, r64)) == 0);
    CHECK(rd64(r64) == rl.rlim_cur && rd64(r64 + 8) == rl.rlim_max);
    CHECK(sc(ARM_NR_ugetrlimit, ARGS(RLIMIT_NOFILE, r32)) == 0);
    CHECK(rd32(r32) == (rl.rlim_cur > 0xffffffffu ? 0xffffffffu : rl.rlim_cur));
    CHECK(sc(ARM_NR_prlimit64, ARGS(0, 9999, 0, r64)) == -EINVAL);
    /* Shrinking RLIMIT_AS would hit ferry itself: accepted, not applied. */
    wr32(r64, 1 << 20); wr32(r64 + 4, 0); wr32(r64 + 8, 1 << 20); wr32(r64 + 12, 0);
    CHECK(sc(ARM_NR_prlimit64, ARGS(0, RLIMIT_AS, r64, 0)) == 0);
    getrlimit(RLIMIT_AS, &rl);
    CHECK(rl.rlim_cur != 1 << 20);

    /* getrandom fills the buffer. */
    uint32_t rb = galloc(64);
    CHECK(sc(ARM_NR_getrandom, ARGS(rb, 64, 0)) == 64);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero += ((uint8_t *)g2h(rb))[i] != 0;
    CHECK(nonzero > 32);
    CHECK(sc(ARM_NR_getrandom, ARGS(unmapped, 16, 0)) == -EFAULT);

    /* getcwd: length including the NUL; ERANGE when too small. */
    char cwd[PATH_MAX];
    CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
    uint32_t cb = galloc(PATH_MAX);
    CHECK(sc(ARM_NR_getcwd, ARGS(cb, PATH_MAX)) == (int32_t)strlen(cwd) + 1);
    CHECK(!strcmp(g2h(cb), cwd));
    CHECK(sc(ARM_NR_getcwd, ARGS(cb, 1)) == -ERANGE);

    /* access */
    CHECK(sc(ARM_NR_access, ARGS(gpath("file"), R_OK)) == 0);
    CHECK(sc(ARM_NR_access, ARGS(gpath("nope"), F_OK)) == -ENOENT);
    CHECK(sc(ARM_NR_faccessat, ARGS((uint32_t)G_AT_FDCWD, gpath("dir"), X_OK)) == 0);
}

/* exit_group ends the process with the guest's status. */
static void test_exit(void)
{
    fflush(stdout);  /* the child's exit flushes stdio buffers it inherited */
    pid_t pid = fork();
    if (pid == 0) {
        sc(ARM_NR_exit_group, ARGS(42 + 256));
        _exit(99);
    }
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

/* ---- readlink ---- */

static void test_readlink(void)
{
    uint32_t buf = galloc(256);
    const char *exe = "/opt/guest/bin/hello";
    CHECK(sc(ARM_NR_readlink, ARGS(gstr("/proc/self/exe"), buf, 256)) == (int32_t)strlen(exe));
    CHECK(!memcmp(g2h(buf), exe, strlen(exe)));
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    CHECK(sc(ARM_NR_readlinkat, ARGS((uint32_t)G_AT_FDCWD, gstr(own), buf, 256)) ==
          (int32_t)strlen(exe));
    /* Truncated silently, never NUL-terminated. */
    memset(g2h(buf), '#', 8);
    CHECK(sc(ARM_NR_readlink, ARGS(gstr("/proc/self/exe"), buf, 4)) == 4);
    CHECK(!memcmp(g2h(buf), "/opt#", 5));
    CHECK(sc(ARM_NR_readlink, ARGS(gstr("/proc/self/exe"), buf, 0)) == -EINVAL);
    CHECK(sc(ARM_NR_readlink, ARGS(gstr("/proc/self/exe"), unmapped, 10)) == -EFAULT);

    /* An ordinary link reads from the host. */
    char target[128];
    tmp_path(target, sizeof(target), "file");
    CHECK(sc(ARM_NR_readlink, ARGS(gpath("link"), buf, 256)) == (int32_t)strlen(target));
    CHECK(!memcmp(g2h(buf), target, strlen(target)));
    CHECK(sc(ARM_NR_readlink, ARGS(gpath("file"), buf, 256)) == -EINVAL);
}

/* ---- unknown calls and ARM private calls ---- */

static void test_unknown(void)
{
    CHECK(sc(7, ARGS(0)) == -ENOSYS);                       /* waitpid: not in EABI */
    CHECK(sc(ARM_NR_COUNT + 100, ARGS(0)) == -ENOSYS);
    CHECK(sc(0x7fffffff, ARGS(0)) == -ENOSYS);
    CHECK(sc(ARM_NR_ARM_breakpoint, ARGS(0)) == -ENOSYS);
    CHECK(sc(0xf1234, ARGS(0)) == -ENOSYS);
    /* Again: the log line appears once, the result stays. */
    CHECK(sc(7, ARGS(0)) == -ENOSYS);

    CHECK(sc(ARM_NR_ARM_set_tls, ARGS(0x12345678)) == 0);
    CHECK(env.tpidruro == 0x12345678);
    CHECK((uint32_t)sc(ARM_NR_ARM_get_tls, ARGS(0)) == 0x12345678);
    CHECK(sc(ARM_NR_ARM_cacheflush, ARGS(scratch, scratch + 4096, 0)) == 0);
    CHECK(sc(ARM_NR_ARM_cacheflush, ARGS(scratch, scratch + 4096, 1)) == -EINVAL);
    CHECK(sc(ARM_NR_ARM_cacheflush, ARGS(scratch + 4096, scratch, 0)) == -EINVAL);
}

/* ---- signals ---- */

static void put_sigaction(uint32_t a, uint32_t handler, uint32_t flags, uint32_t restorer,
                          uint64_t mask)
{
    wr32(a, handler);
    wr32(a + 4, flags);
    wr32(a + 8, restorer);
    wr32(a + 12, (uint32_t)mask);
    wr32(a + 16, (uint32_t)(mask >> 32));
}

static uint64_t bit(int sig)
{
    return 1ull << (sig - 1);
}

static void test_sigaction(void)
{
    uint32_t act = galloc(20), old = galloc(20);
    put_sigaction(act, 0x10000, G_SA_SIGINFO | G_SA_RESTORER | G_SA_UNSUPPORTED, 0x20000,
                  bit(G_SIGINT) | bit(G_SIGKILL) | bit(64));
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, act, old, 8)) == 0);
    CHECK(rd32(old) == 0 && rd32(old + 4) == 0);             /* SIG_DFL before */
    put_sigaction(act, 1, 0, 0, 0);                          /* SIG_IGN */
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, act, old, 8)) == 0);
    CHECK(rd32(old) == 0x10000);
    CHECK(rd32(old + 4) == (G_SA_SIGINFO | G_SA_RESTORER));  /* unknown bit dropped */
    CHECK(rd32(old + 8) == 0x20000);
    CHECK(rd64(old + 12) == (bit(G_SIGINT) | bit(64)));      /* SIGKILL never masked */
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, 0, old, 8)) == 0);
    CHECK(rd32(old) == 1);

    /* The host disposition follows the guest's SIG_IGN (and back). */
    struct sigaction h;
    sigaction(SIGUSR1, NULL, &h);
    CHECK(h.sa_handler == SIG_IGN);
    put_sigaction(act, 0, 0, 0, 0);                          /* SIG_DFL */
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, act, 0, 8)) == 0);
    sigaction(SIGUSR1, NULL, &h);
    CHECK(h.sa_handler == SIG_DFL);

    CHECK(sc(ARM_NR_rt_sigaction, ARGS(0, act, 0, 8)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(65, act, 0, 8)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(64, 0, old, 8)) == 0);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGKILL, act, 0, 8)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGSTOP, act, 0, 8)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGKILL, 0, old, 8)) == 0);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, act, 0, 4)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, unmapped, 0, 8)) == -EFAULT);
    CHECK(sc(ARM_NR_rt_sigaction, ARGS(G_SIGUSR1, 0, unmapped, 8)) == -EFAULT);
}

static void test_sigprocmask(void)
{
    uint32_t set = galloc(8), old = galloc(8);
    sigset_t host_before, host_after;
    memset(&host_before, 0, sizeof(host_before));
    memset(&host_after, 0, sizeof(host_after));
    sigprocmask(SIG_SETMASK, NULL, &host_before);

    wr32(set, (uint32_t)(bit(G_SIGUSR1) | bit(G_SIGKILL) | bit(G_SIGSTOP)));
    wr32(set + 4, 0x80000000u);                              /* signal 64 */
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_SETMASK, set, old, 8)) == 0);
    CHECK(rd64(old) == 0);
    wr32(set, (uint32_t)bit(G_SIGINT));
    wr32(set + 4, 0);
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_BLOCK, set, old, 8)) == 0);
    CHECK(rd64(old) == (bit(G_SIGUSR1) | bit(64)));
    wr32(set, (uint32_t)bit(G_SIGUSR1));
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_UNBLOCK, set, old, 8)) == 0);
    CHECK(rd64(old) == (bit(G_SIGUSR1) | bit(G_SIGINT) | bit(64)));
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_BLOCK, 0, old, 8)) == 0);
    CHECK(rd64(old) == (bit(G_SIGINT) | bit(64)));
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(7, set, old, 8)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_BLOCK, set, old, 16)) == -EINVAL);
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_BLOCK, unmapped, 0, 8)) == -EFAULT);

    /* The thread's host mask mirrors the guest's. */
    sigprocmask(SIG_SETMASK, NULL, &host_after);
    CHECK(sigismember(&host_after, SIGINT) && !sigismember(&host_after, SIGUSR1));
    wr32(set, 0);
    wr32(set + 4, 0);
    CHECK(sc(ARM_NR_rt_sigprocmask, ARGS(SIG_SETMASK, set, 0, 8)) == 0);
    sigprocmask(SIG_SETMASK, NULL, &host_after);
    CHECK(!memcmp(&host_before, &host_after, sizeof(sigset_t)));

    /* sigaltstack: disabled at first, then recorded. */
    uint32_t ss = galloc(12), oss = galloc(12);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(0, oss)) == 0);
    CHECK(rd32(oss + 4) == 2 /* SS_DISABLE */ && rd32(oss + 8) == 0);
    wr32(ss, 0x40000); wr32(ss + 4, 0); wr32(ss + 8, 16384);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(ss, 0)) == 0);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(0, oss)) == 0);
    CHECK(rd32(oss) == 0x40000 && rd32(oss + 4) == 0 && rd32(oss + 8) == 16384);
    wr32(ss + 8, 100);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(ss, 0)) == -ENOMEM);
    wr32(ss + 4, 5);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(ss, 0)) == -EINVAL);
    /* On the alternate stack it cannot change. */
    env.r[13] = 0x40000 + 100;
    wr32(ss + 4, 2);
    CHECK(sc(ARM_NR_sigaltstack, ARGS(ss, oss)) == -EPERM);
    env.r[13] = 0;
    CHECK(sc(ARM_NR_sigaltstack, ARGS(ss, 0)) == 0);
}

/* ---- memory ---- */

static void test_brk(void)
{
    gmem_brk_init(0x00800000);
    uint32_t cur = (uint32_t)sc(ARM_NR_brk, ARGS(0));
    CHECK(cur == 0x00800000);
    CHECK((uint32_t)sc(ARM_NR_brk, ARGS(cur + 10000)) == cur + 10000);
    CHECK(gmem_range_ok(cur, 10000, PAGE_READ | PAGE_WRITE));
    ((char *)g2h(cur))[9999] = 1;
    CHECK((uint32_t)sc(ARM_NR_brk, ARGS(cur + 100)) == cur + 100);
    CHECK(!gmem_range_ok(cur + 4096, 1, PAGE_VALID));
    CHECK((uint32_t)sc(ARM_NR_brk, ARGS(0x1000)) == cur + 100);  /* below start: refused */
    CHECK((uint32_t)sc(ARM_NR_brk, ARGS(cur)) == cur);
}

static void test_mmap(void)
{
    uint32_t a = (uint32_t)sc(ARM_NR_mmap2, ARGS(0, 8192, G_PROT_RW, G_MAP_PRIVATE | G_MAP_ANON,
                                                 (uint32_t)-1, 0));
    CHECK(!gmem_is_err(a) && (a & 0xfff) == 0);
    CHECK(gmem_range_ok(a, 8192, PAGE_READ | PAGE_WRITE));
    CHECK(sc(ARM_NR_mmap2, ARGS(0, 0, G_PROT_RW, G_MAP_PRIVATE | G_MAP_ANON, (uint32_t)-1, 0)) ==
          -EINVAL);
    CHECK(sc(ARM_NR_mmap2, ARGS(a + 1, 4096, G_PROT_RW, G_MAP_PRIVATE | G_MAP_ANON | G_MAP_FIXED,
                                (uint32_t)-1, 0)) == -EINVAL);
    CHECK(sc(ARM_NR_mmap2, ARGS(0, 4096, G_PROT_RW, G_MAP_ANON, (uint32_t)-1, 0)) == -EINVAL);
    CHECK(sc(ARM_NR_mmap2, ARGS(0, 4096, G_PROT_RW, G_MAP_PRIVATE, 9999, 0)) == -EBADF);

    /* madvise: DONTNEED zeroes private anonymous memory. */
    memset(g2h(a), 0x5a, 8192);
    CHECK(sc(ARM_NR_madvise, ARGS(a, 8192, MADV_DONTNEED)) == 0);
    CHECK(((uint8_t *)g2h(a))[0] == 0 && ((uint8_t *)g2h(a))[8191] == 0);
    CHECK(sc(ARM_NR_madvise, ARGS(a, 8192, MADV_WILLNEED)) == 0);
    CHECK(sc(ARM_NR_madvise, ARGS(a + 1, 4096, MADV_WILLNEED)) == -EINVAL);
    CHECK(sc(ARM_NR_madvise, ARGS(a, 4096, 9999)) == -EINVAL);
    CHECK(sc(ARM_NR_madvise, ARGS(unmapped, 4096, MADV_WILLNEED)) == -ENOMEM);
    CHECK(sc(ARM_NR_madvise, ARGS(a, 0, MADV_DONTNEED)) == 0);

    /* mprotect and munmap checks. */
    CHECK(sc(ARM_NR_mprotect, ARGS(a, 4096, PROT_READ)) == 0);
    CHECK(gmem_page_flags(a) & PAGE_READ && !(gmem_page_flags(a) & PAGE_WRITE));
    CHECK(sc(ARM_NR_mprotect, ARGS(a + 1, 4096, PROT_READ)) == -EINVAL);
    CHECK(sc(ARM_NR_mprotect, ARGS(unmapped, 4096, PROT_READ)) == -ENOMEM);
    CHECK(sc(ARM_NR_munmap, ARGS(a + 1, 4096)) == -EINVAL);
    CHECK(sc(ARM_NR_munmap, ARGS(a, 0)) == -EINVAL);
    CHECK(sc(ARM_NR_munmap, ARGS(a, 8192)) == 0);
    CHECK(!gmem_range_ok(a, 1, PAGE_VALID));

    /* File mapping: mmap2's offset counts 4096-byte units. */
    make_file("big", 3 * 4096);
    char p[128];
    tmp_path(p, sizeof(p), "big");
    int fd = open(p, O_RDONLY);
    uint32_t f = (uint32_t)sc(ARM_NR_mmap2, ARGS(0, 4096, PROT_READ, G_MAP_PRIVATE,
                                                 (uint32_t)fd, 1));
    CHECK(!gmem_is_err(f) && ((char *)g2h(f))[0] == 'a' + 4096 % 26);
    close(fd);

    /* mremap grows (moving if needed) and keeps the contents. */
    uint32_t m = (uint32_t)sc(ARM_NR_mmap2, ARGS(0, 4096, G_PROT_RW, G_MAP_PRIVATE | G_MAP_ANON,
                                                 (uint32_t)-1, 0));
    ((char *)g2h(m))[0] = 'q';
    uint32_t m2 = (uint32_t)sc(ARM_NR_mremap, ARGS(m, 4096, 3 * 4096, 1 /* MAYMOVE */, 0));
    CHECK(!gmem_is_err(m2) && ((char *)g2h(m2))[0] == 'q');
    CHECK(gmem_range_ok(m2, 3 * 4096, PAGE_WRITE));
}

/* ---- futex ---- */

static void test_futex(void)
{
    uint32_t word = galloc(4), ts = galloc(16);
    wr32(word, 5);
    /* Value differs: EAGAIN at once. */
    CHECK(sc(ARM_NR_futex, ARGS(word, G_FUTEX_WAIT | G_FUTEX_PRIVATE, 4, 0, 0, 0)) == -EAGAIN);
    /* Matches: sleeps until the 32-bit relative timeout. */
    wr32(ts, 0); wr32(ts + 4, 5000000);
    CHECK(sc(ARM_NR_futex, ARGS(word, G_FUTEX_WAIT | G_FUTEX_PRIVATE, 5, ts, 0, 0)) ==
          -ETIMEDOUT);
    /* The 64-bit timespec form. */
    memset(g2h(ts), 0, 16);
    wr32(ts + 8, 5000000);
    CHECK(sc(ARM_NR_futex_time64, ARGS(word, G_FUTEX_WAIT | G_FUTEX_PRIVATE, 5, ts, 0, 0)) ==
          -ETIMEDOUT);
    CHECK(sc(ARM_NR_futex, ARGS(word, G_FUTEX_WAKE | G_FUTEX_PRIVATE, 1, 0, 0, 0)) == 0);
    CHECK(sc(ARM_NR_futex, ARGS(unmapped, G_FUTEX_WAIT, 0, 0, 0, 0)) == -EFAULT);
    CHECK(sc(ARM_NR_futex, ARGS(word, G_FUTEX_WAIT, 5, unmapped, 0, 0)) == -EFAULT);
    CHECK(sc(ARM_NR_futex, ARGS(word + 1, G_FUTEX_WAKE, 1, 0, 0, 0)) == -EINVAL);
}

/* ---- -strace ---- */

static void test_strace(void)
{
    char log[128];
    tmp_path(log, sizeof(log), "strace.log");
    if (!ferry_log_set_file(log, false))
        return;
    unsigned saved = ferry_log_mask;
    ferry_log_mask |= LOG_STRACE;
    int32_t fd = sc(ARM_NR_openat, ARGS((uint32_t)G_AT_FDCWD, gpath("file"),
                                         G_O_RDONLY | G_O_CLOEXEC));
    sc(ARM_NR_stat64, ARGS(gstr("/nonexistent"), scratch));
    sc(ARM_NR_write, ARGS(9999, gstr("hi\n"), 3));
    ferry_log_mask = saved;
    close(fd);

    char text[2048] = { 0 };
    FILE *f = fopen(log, "r");
    size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    char want[256];
    snprintf(want, sizeof(want), "%d openat(AT_FDCWD,\"%s/file\",O_RDONLY|O_CLOEXEC) = %d\n",
             (int)getpid(), tmpdir, fd);
    CHECK(strstr(text, want) != NULL);
    if (!strstr(text, want))
        printf("strace output:\n%s", text);
    snprintf(want, sizeof(want), "stat64(\"/nonexistent\",0x%x) = -1 errno=2 "
             "(No such file or directory)\n", scratch);
    CHECK(strstr(text, want) != NULL);
    CHECK(strstr(text, "write(9999,\"hi\\n\",3) = -1 errno=9 (Bad file descriptor)\n") != NULL);
}

/* ---- file system statistics ---- */

/* statfs64 in ARM's packed layout (84 bytes; 88 is accepted as the size
 * too) and the 32-bit statfs, against the host's view. */
static void test_statfs(void)
{
    struct statfs hs;
    CHECK(statfs(tmpdir, &hs) == 0);
    uint32_t b = galloc(96);
    memset(g2h(b), 0xee, 96);
    CHECK(sc(ARM_NR_statfs64, ARGS(gstr(tmpdir), 84, b)) == 0);
    CHECK(rd32(b) == (uint32_t)hs.f_type && rd32(b + 4) == (uint32_t)hs.f_bsize);
    CHECK(rd64(b + 8) == hs.f_blocks && rd64(b + 32) == hs.f_files);
    CHECK(rd32(b + 56) == (uint32_t)hs.f_namelen && rd32(b + 60) == (uint32_t)hs.f_frsize);
    CHECK(((uint8_t *)g2h(b))[84] == 0xee);  /* nothing written past the struct */
    CHECK(sc(ARM_NR_statfs64, ARGS(gstr(tmpdir), 88, b)) == 0);
    CHECK(sc(ARM_NR_statfs64, ARGS(gstr(tmpdir), 64, b)) == -EINVAL);
    int fd = open(tmpdir, O_RDONLY);
    CHECK(sc(ARM_NR_fstatfs64, ARGS((uint32_t)fd, 84, b)) == 0 && rd64(b + 8) == hs.f_blocks);
    int32_t r = sc(ARM_NR_fstatfs, ARGS((uint32_t)fd, b));
    CHECK(r == 0 ? rd32(b + 8) == hs.f_blocks && rd32(b + 36) == (uint32_t)hs.f_namelen
                 : r == -EOVERFLOW && hs.f_blocks > 0xffffffffu);
    close(fd);
    CHECK(sc(ARM_NR_statfs64, ARGS(gpath("nope"), 84, b)) == -ENOENT);
}

/* ---- the -L prefix ---- */

static void test_prefix(void)
{
    char root[128], p[192];
    tmp_path(root, sizeof(root), "sysroot");
    snprintf(p, sizeof(p), "%s/etc", root);
    CHECK(mkdir(root, 0755) == 0 && mkdir(p, 0755) == 0);
    snprintf(p, sizeof(p), "%s/etc/ferry-only", root);
    FILE *f = fopen(p, "w");
    fputs("from the sysroot", f);
    fclose(f);
    sys_set_prefix(root);
    uint32_t buf = galloc(64);
    int32_t fd = sc(ARM_NR_openat, ARGS((uint32_t)G_AT_FDCWD, gstr("/etc/ferry-only"), 0, 0));
    CHECK(fd >= 0 && read(fd, g2h(buf), 64) == 16 && !memcmp(g2h(buf), "from the sysroot", 16));
    close(fd);
    /* Every path-taking call sees it: stat, access, statfs64, an xattr call. */
    uint32_t st = galloc(104);
    CHECK(sc(ARM_NR_stat64, ARGS(gstr("/etc/ferry-only"), st)) == 0 && rd64(st + 48) == 16);
    CHECK(sc(ARM_NR_faccessat, ARGS((uint32_t)G_AT_FDCWD, gstr("/etc/ferry-only"), R_OK)) == 0);
    CHECK(sc(ARM_NR_statfs64, ARGS(gstr("/etc/ferry-only"), 84, buf)) == 0);
    int32_t x = sc(ARM_NR_getxattr, ARGS(gstr("/etc/ferry-only"), gstr("user.none"), buf, 64));
    CHECK(x == -ENODATA || x == -ENOTSUP);
    /* A name the sysroot lacks is the host's; relative names are not prefixed. */
    CHECK(sc(ARM_NR_access, ARGS(gstr(tmpdir), F_OK)) == 0);
    int dirfd = open(root, O_RDONLY | O_DIRECTORY);
    CHECK(sc(ARM_NR_faccessat, ARGS((uint32_t)dirfd, gstr("etc/ferry-only"), F_OK)) == 0);
    CHECK(sc(ARM_NR_faccessat, ARGS((uint32_t)dirfd, gstr("ferry-only"), F_OK)) == -ENOENT);
    close(dirfd);
    /* /proc is the host's even if the sysroot has one. */
    snprintf(p, sizeof(p), "%s/proc", root);
    mkdir(p, 0755);
    CHECK(sc(ARM_NR_access, ARGS(gstr("/proc/self/status"), F_OK)) == 0);
    sys_set_prefix(NULL);
    CHECK(sc(ARM_NR_access, ARGS(gstr("/etc/ferry-only"), F_OK)) == -ENOENT);
}

/* ---- directories ---- */

/* getdents64 offsets are small cookies that lseek takes back; the old
 * getdents has 32-bit inode and offset and the type in the last byte. */
static void test_dirents(void)
{
    char d[128], p[192];
    tmp_path(d, sizeof(d), "many");
    CHECK(mkdir(d, 0755) == 0);
    for (int i = 0; i < 60; i++) {
        snprintf(p, sizeof(p), "%s/entry-%02d", d, i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    int fd = open(d, O_RDONLY | O_DIRECTORY);
    uint32_t buf = galloc(4096);
    int32_t n = sc(ARM_NR_getdents64, ARGS((uint32_t)fd, buf, 4096));
    CHECK(n > 0);
    int entries = 0, small = 0;
    uint64_t tenth = 0;
    char after_tenth[64] = "";
    for (int32_t pos = 0; pos < n;) {
        uint64_t off = rd64(buf + pos + 8);
        uint16_t reclen = *(uint16_t *)g2h(buf + pos + 16);
        small += off > 0 && off <= 0x7fffffff;
        if (entries == 10)
            tenth = off;
        if (entries == 11)
            snprintf(after_tenth, sizeof(after_tenth), "%s", (char *)g2h(buf + pos + 19));
        entries++;
        pos += reclen;
    }
    CHECK(entries == 62 && small == 62);
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, (uint32_t)tenth, SEEK_SET)) == (int32_t)tenth);
    CHECK(sc(ARM_NR_getdents64, ARGS((uint32_t)fd, buf, 4096)) > 0);
    CHECK(!strcmp((char *)g2h(buf + 19), after_tenth));
    /* Old getdents: the same names from the start, with the type last. */
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, 0, SEEK_SET)) == 0);
    n = sc(ARM_NR_getdents, ARGS((uint32_t)fd, buf, 4096));
    int old_entries = 0, types_ok = 0;
    for (int32_t pos = 0; n > 0 && pos < n;) {
        uint16_t reclen = *(uint16_t *)g2h(buf + pos + 8);
        const char *name = g2h(buf + pos + 10);
        uint8_t type = *(uint8_t *)g2h(buf + pos + reclen - 1);
        types_ok += (name[0] == '.' && type == DT_DIR) || (name[0] == 'e' && type == DT_REG);
        CHECK(rd32(buf + pos + 4) <= 62 && reclen % 4 == 0);
        old_entries++;
        pos += reclen;
    }
    CHECK(old_entries == 62 && types_ok == 62);
    /* The table goes with the descriptor. */
    CHECK(sc(ARM_NR_close, ARGS((uint32_t)fd)) == 0);
    fd = open(d, O_RDONLY | O_DIRECTORY);
    CHECK(sc(ARM_NR_lseek, ARGS((uint32_t)fd, 0, SEEK_CUR)) == 0);
    close(fd);
}

/* ---- processes ---- */

/* fork returns 0 in the child and its pid in the parent; wait4 and waitid
 * report the status in the 32-bit layouts. */
static void test_fork_wait(void)
{
    fflush(stdout);
    int32_t pid = sc(ARM_NR_fork, ARGS(0));
    if (pid == 0)
        _exit(5);
    CHECK(pid > 0);
    uint32_t status = galloc(4), ru = galloc(72);
    CHECK(sc(ARM_NR_wait4, ARGS((uint32_t)pid, status, 0, ru)) == pid);
    CHECK(rd32(status) == 5 << 8);
    CHECK((int32_t)rd32(ru + 4) >= 0 && (int32_t)rd32(ru + 4) < 1000000);  /* utime usec */

    /* clone(SIGCHLD | CLONE_CHILD_SETTID | CLONE_PARENT_SETTID, ...) */
    uint32_t ptid = galloc(4), ctid = galloc(4);
    pid = sc(ARM_NR_clone, ARGS(SIGCHLD | 0x01100000, 0, ptid, 0, ctid));
    if (pid == 0)
        _exit(rd32(ctid) == (uint32_t)getpid() ? 6 : 7);
    CHECK(pid > 0 && rd32(ptid) == (uint32_t)pid && rd32(ctid) == 0);
    uint32_t info = galloc(128);
    CHECK(sc(ARM_NR_waitid, ARGS(P_PID, (uint32_t)pid, info, WEXITED, 0)) == 0);
    CHECK(rd32(info) == SIGCHLD && rd32(info + 8) == CLD_EXITED);
    CHECK(rd32(info + 12) == (uint32_t)pid && rd32(info + 20) == 6);
    CHECK(sc(ARM_NR_wait4, ARGS((uint32_t)-1, status, WNOHANG, 0)) == -ECHILD);
}

/* /proc files generated from the guest's side. */
static void test_procfs(void)
{
    ElfLoadInfo info;
    memset(&info, 0, sizeof(info));
    uint32_t args = galloc(9);
    memcpy(g2h(args), "prog\0arg", 9);
    info.arg_start = args;
    info.arg_end = args + 9;
    info.auxv = galloc(16);
    wr32(info.auxv, 6);         /* AT_PAGESZ */
    wr32(info.auxv + 4, 4096);
    info.auxv_len = 16;
    info.stack_limit = scratch;
    info.stack_top = scratch_end;
    sys_set_process(&info);
    uint32_t buf = galloc(4096);
    int32_t fd = sc(ARM_NR_open, ARGS(gstr("/proc/self/cmdline"), 0, 0));
    CHECK(fd >= 0 && read(fd, g2h(buf), 4096) == 9 && !memcmp(g2h(buf), "prog\0arg", 9));
    close(fd);
    fd = sc(ARM_NR_open, ARGS(gstr("/proc/self/auxv"), 0, 0));
    CHECK(fd >= 0 && read(fd, g2h(buf), 4096) == 16 && rd32(buf + 4) == 4096);
    close(fd);
    CHECK(sc(ARM_NR_open, ARGS(gstr("/proc/self/maps"), G_O_RDWR, 0)) == -EACCES);
    fd = sc(ARM_NR_open, ARGS(gstr("/proc/self/maps"), 0, 0));
    int32_t n = fd >= 0 ? (int32_t)read(fd, g2h(buf), 4095) : -1;
    close(fd);
    char line[64];
    snprintf(line, sizeof(line), "%08x-%08x rw-p 00000000 00:00 0 ", scratch, scratch_end);
    ((char *)g2h(buf))[n > 0 ? n : 0] = '\0';
    CHECK(n > 0 && strstr(g2h(buf), line) && strstr(g2h(buf), "[stack]"));
    fd = sc(ARM_NR_open, ARGS(gstr("/proc/cpuinfo"), 0, 0));
    n = fd >= 0 ? (int32_t)read(fd, g2h(buf), 4095) : -1;
    close(fd);
    ((char *)g2h(buf))[n > 0 ? n : 0] = '\0';
    CHECK(n > 0 && strstr(g2h(buf), "CPU architecture: 7") && strstr(g2h(buf), " vfpv4"));
}

int main(void)
{
    setup();
    test_stat();
    test_open_flags();
    test_rw();
    test_tty();
    test_fcntl();
    test_names();
    test_seek();
    test_time();
    test_proc();
    test_exit();
    test_readlink();
    test_unknown();
    test_sigaction();
    test_sigprocmask();
    test_brk();
    test_mmap();
    test_futex();
    test_strace();
    test_statfs();
    test_prefix();
    test_dirents();
    test_fork_wait();
    test_procfs();

    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("could not remove %s\n", tmpdir);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
