/*
 * sigdefault.c: default signal actions, which end (or stop) the whole process.
 *   sigdefault ACTION     ACTION is one of the cases below; without one it says so and exits 0
 * (the differential runner starts every program without arguments).  sigdefault.sh runs each
 * case and checks the exit status: death by the signal, as a shell sees it (128 + signal).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void returning_handler(int sig)
{
    (void)sig;
}

static volatile int *volatile bad_pointer;

static void faulting_handler(int sig)
{
    (void)sig;
    *bad_pointer = 1;   /* SIGSEGV while SIGSEGV is blocked: forced default */
}

static void *thread_fault(void *arg)
{
    (void)arg;
    *bad_pointer = 1;
    return NULL;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2) {
        printf("sigdefault: give an action\n");
        return 0;
    }
    const char *a = argv[1];
    printf("before %s\n", a);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    if (!strcmp(a, "segv")) {
        *bad_pointer = 1;
    } else if (!strcmp(a, "abort")) {
        abort();
    } else if (!strcmp(a, "term")) {
        raise(SIGTERM);
    } else if (!strcmp(a, "usr1")) {
        kill(getpid(), SIGUSR1);
    } else if (!strcmp(a, "rt")) {
        raise(SIGRTMIN + 3);
    } else if (!strcmp(a, "ignore")) {
        raise(SIGCHLD);
        raise(SIGWINCH);
        raise(SIGURG);
        raise(SIGCONT);
        signal(SIGUSR1, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        raise(SIGUSR1);
        kill(getpid(), SIGTERM);
        printf("survived\n");
        return 0;
    } else if (!strcmp(a, "resethand")) {
        sa.sa_handler = returning_handler;
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGSEGV, &sa, NULL);
        *bad_pointer = 1;   /* runs the handler, faults again, then the default */
    } else if (!strcmp(a, "blocked")) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGSEGV);
        sa.sa_handler = returning_handler;
        sigaction(SIGSEGV, &sa, NULL);
        sigprocmask(SIG_BLOCK, &s, NULL);
        *bad_pointer = 1;
    } else if (!strcmp(a, "nested")) {
        sa.sa_handler = faulting_handler;
        sigaction(SIGSEGV, &sa, NULL);
        raise(SIGSEGV);
    } else if (!strcmp(a, "thread")) {
        pthread_t t;
        pthread_create(&t, NULL, thread_fault, NULL);
        pthread_join(t, NULL);
    } else if (!strcmp(a, "stop")) {
        raise(SIGSTOP);
        printf("continued\n");
        return 0;
    } else if (!strcmp(a, "tstp")) {
        raise(SIGTSTP);
        printf("continued\n");
        return 0;
    }
    printf("still alive\n");
    return 3;
}
