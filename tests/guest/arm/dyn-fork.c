/*
 * dyn-fork.c: processes. fork, vfork, posix_spawn and system; execve of ARM programs (this one
 * through /proc/self/exe, another one named on the command line), of host programs (/bin/true,
 * /bin/false) and of scripts for a host interpreter and for an ARM interpreter; wait4, waitpid
 * and waitid with exit statuses and deaths by signal.
 *
 *     dyn-fork OTHER_ARM_PROGRAM         the test (OTHER_ARM_PROGRAM must exit with 0)
 *     dyn-fork child-exit N              (as a child) exit with status N
 *     dyn-fork child-args A B            (as a child) check argv and the environment
 *     dyn-fork child-script SCRIPT X     (as a script's interpreter) check argv
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static char self[4096];

/* Wait for pid; its exit status, 128 + signal if killed, or -1. */
static int status_of(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return -1;
}

/* fork, run f in the child (its result is the exit status), return the status. */
static int in_child(int (*f)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(f(arg));
    CHECK(pid > 0, "fork: %s", strerror(errno));
    return pid > 0 ? status_of(pid) : -1;
}

static int exec_argv(void *arg)
{
    char **argv = arg;
    execv(argv[0], argv);
    return 99;
}

static int run(char **argv)
{
    return in_child(exec_argv, argv);
}

static int raise_term(void *arg)
{
    (void)arg;
    raise(SIGTERM);
    return 1;
}

static void test_fork_basics(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0, "pipe");
    pid_t parent = getpid();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char msg[64];
        int n = snprintf(msg, sizeof msg, "%d %d", (int)getpid(), (int)getppid());
        if (write(fds[1], msg, (size_t)n) != n)
            _exit(2);
        _exit(7);
    }
    close(fds[1]);
    char buf[64] = "";
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    int cpid = 0, cppid = 0;
    CHECK(sscanf(buf, "%d %d", &cpid, &cppid) == 2, "child's message: %s", buf);
    CHECK(cpid == pid, "child pid %d, fork returned %d", cpid, (int)pid);
    CHECK(cppid == parent, "child's parent %d, want %d", cppid, (int)parent);
    int st;
    struct rusage ru;
    CHECK(wait4(pid, &st, 0, &ru) == pid, "wait4");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "status 0x%x", st);
    CHECK(ru.ru_utime.tv_sec >= 0 && ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000,
          "rusage");

    /* Memory is copied: the child's writes stay in the child. */
    static volatile int shared_value = 1;
    pid = fork();
    if (pid == 0) {
        shared_value = 2;
        _exit(shared_value);
    }
    CHECK(status_of(pid) == 2 && shared_value == 1, "memory after fork");

    CHECK(in_child(raise_term, NULL) == 128 + SIGTERM, "death by SIGTERM");

    /* WNOHANG before the child is done, then waitid. */
    int gate[2];
    CHECK(pipe(gate) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        char c;
        close(gate[1]);
        _exit(read(gate[0], &c, 1) == 1 ? 6 : 5);
    }
    close(gate[0]);
    CHECK(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG with a running child");
    CHECK(write(gate[1], "x", 1) == 1, "release the child");
    close(gate[1]);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, (id_t)pid, &si, WEXITED) == 0, "waitid: %s", strerror(errno));
    CHECK(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_status == 6 &&
          si.si_pid == pid, "waitid: signo %d code %d status %d pid %d", si.si_signo,
          si.si_code, si.si_status, (int)si.si_pid);
    CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "no children left");

    pid = vfork();
    if (pid == 0)
        _exit(9);
    CHECK(status_of(pid) == 9, "vfork");
}

static void test_exec(const char *other)
{
    char *t[] = { "/bin/true", NULL }, *f[] = { "/bin/false", NULL };
    CHECK(run(t) == 0, "/bin/true");
    CHECK(run(f) == 1, "/bin/false");

    char *e5[] = { "/proc/self/exe", "child-exit", "5", NULL };
    CHECK(run(e5) == 5, "exec of /proc/self/exe");
    char *e0[] = { self, "child-exit", "0", NULL };
    CHECK(run(e0) == 0, "exec of this program by name");
    char *o[] = { (char *)other, "from-dyn-fork", NULL };
    CHECK(run(o) == 0, "exec of %s", other);

    /* argv and envp reach an ARM child exactly as given. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "renamed-argv0", "child-args", "one", "two words", "", NULL };
        char *envp[] = { "FERRY_FORK_A=1", "FERRY_FORK_B=x=y", "LD_FERRY_FORK=ld", NULL };
        execve(self, argv, envp);
        _exit(99);
    }
    CHECK(status_of(pid) == 0, "argv and envp of an ARM child");

    /* Failures come back to the caller. */
    char *none[] = { "/nonexistent/ferry-test", NULL };
    CHECK(execv(none[0], none) == -1 && errno == ENOENT, "execv of a missing file: %s",
          strerror(errno));
    char data[64];
    snprintf(data, sizeof data, "dyn-fork-data.%d", (int)getpid());
    int fd = open(data, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    close(fd);
    char *d[] = { data, NULL };
    CHECK(execv(data, d) == -1 && errno == EACCES, "execv of a non-executable file: %s",
          strerror(errno));
    unlink(data);
}

static void write_script(const char *path, const char *text)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0755);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text), "script %s", path);
    close(fd);
}

static void test_scripts(void)
{
    char host[64], guest[64], text[4200];
    snprintf(host, sizeof host, "./dyn-fork-host.%d.sh", (int)getpid());
    snprintf(guest, sizeof guest, "./dyn-fork-guest.%d.sh", (int)getpid());
    write_script(host, "#!/bin/sh\nexit 11\n");
    char *h[] = { host, NULL };
    CHECK(run(h) == 11, "script for /bin/sh");
    /* This ARM program as the interpreter, with an argument. */
    snprintf(text, sizeof text, "#!%s child-script\nnot shell\n", self);
    write_script(guest, text);
    char *g[] = { guest, "extra", NULL };
    CHECK(run(g) == 12, "script for an ARM interpreter");
    unlink(host);
    unlink(guest);
}

static void test_spawn(void)
{
    pid_t pid;
    char *argv[] = { self, "child-exit", "3", NULL };
    CHECK(posix_spawn(&pid, self, NULL, NULL, argv, environ) == 0, "posix_spawn");
    CHECK(status_of(pid) == 3, "posix_spawn child status");
    char *t[] = { "true", NULL };
    CHECK(posix_spawnp(&pid, "true", NULL, NULL, t, environ) == 0, "posix_spawnp true");
    CHECK(status_of(pid) == 0, "posix_spawnp child status");
    int r = system("exit 4");
    CHECK(WIFEXITED(r) && WEXITSTATUS(r) == 4, "system: 0x%x", r);
}

static int child_main(int argc, char **argv)
{
    if (!strcmp(argv[1], "child-exit") && argc == 3)
        return atoi(argv[2]);
    if (!strcmp(argv[1], "child-args")) {
        int ok = argc == 5 && !strcmp(argv[0], "renamed-argv0") && !strcmp(argv[2], "one") &&
                 !strcmp(argv[3], "two words") && !strcmp(argv[4], "");
        const char *a = getenv("FERRY_FORK_A"), *b = getenv("FERRY_FORK_B");
        const char *ld = getenv("LD_FERRY_FORK");
        ok &= a && !strcmp(a, "1") && b && !strcmp(b, "x=y") && ld && !strcmp(ld, "ld") &&
              environ[3] == NULL;
        return ok ? 0 : 1;
    }
    if (!strcmp(argv[1], "child-script")) {
        /* argv: interpreter as in #!, its argument, the script, the script's arguments. */
        int ok = argc == 4 && strstr(argv[2], "dyn-fork-guest.") && !strcmp(argv[3], "extra");
        return ok ? 12 : 13;
    }
    return 100;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strncmp(argv[1], "child-", 6))
        return child_main(argc, argv);
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    CHECK(n > 0, "readlink /proc/self/exe");
    self[n > 0 ? n : 0] = '\0';
    test_fork_basics();
    test_exec(argc > 1 ? argv[1] : "/nonexistent");
    test_scripts();
    test_spawn();
    return check_summary("dyn-fork");
}
