/*
 * hello.c: the first program a new guest port should run. Prints a greeting and its arguments
 * (argv[0] is left out: its spelling depends on how the emulator was invoked), and checks the
 * process start-up state the ELF loader builds: argv/envp layout, the auxiliary vector,
 * environment lookups and a clean exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static void check_args(int argc, char **argv)
{
    CHECK(argc >= 1, "argc %d", argc);
    CHECK(argv[argc] == NULL, "argv[argc] is not NULL");
    /* The kernel lays argv strings out back to back, each followed by its NUL. One check per
     * property keeps the summary line the same for any number of arguments. */
    int null_at = -1, gap_at = -1;
    for (int i = 0; i < argc; i++)
        if (!argv[i] && null_at < 0)
            null_at = i;
    CHECK(null_at < 0, "argv[%d] is NULL", null_at);
    for (int i = 0; null_at < 0 && i + 1 < argc; i++)
        if (argv[i] + strlen(argv[i]) + 1 != argv[i + 1] && gap_at < 0)
            gap_at = i;
    CHECK(gap_at < 0, "argv[%d] and argv[%d] are not contiguous", gap_at, gap_at + 1);
}

static void check_env(int argc, char **argv)
{
    /* One check for the whole environment, so the output does not depend on its size. */
    int n = 0, bad = -1;
    for (char **e = environ; *e; e++, n++)
        if (!strchr(*e, '=') && bad < 0)
            bad = n;
    CHECK(bad < 0, "environ entry %d has no '='", bad);
    /* envp starts right after argv's terminating NULL. */
    CHECK(environ == argv + argc + 1, "environ does not follow argv");

    CHECK(getenv("FERRY_HELLO_UNSET_VARIABLE") == NULL, "getenv of an unset variable");
    CHECK(setenv("FERRY_HELLO_SET", "value=with=equals", 1) == 0, "setenv");
    const char *v = getenv("FERRY_HELLO_SET");
    CHECK(v && strcmp(v, "value=with=equals") == 0, "getenv after setenv: %s", v ? v : "(null)");
    CHECK(unsetenv("FERRY_HELLO_SET") == 0, "unsetenv");
    CHECK(getenv("FERRY_HELLO_SET") == NULL, "getenv after unsetenv");
}

static void check_auxv(void)
{
    CHECK(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ %lu", getauxval(AT_PAGESZ));
    CHECK(sysconf(_SC_PAGESIZE) == 4096, "sysconf page size %ld", sysconf(_SC_PAGESIZE));
    CHECK(getauxval(AT_PHDR) != 0, "AT_PHDR missing");
    CHECK(getauxval(AT_PHNUM) > 0, "AT_PHNUM missing");
    CHECK(getauxval(AT_ENTRY) != 0, "AT_ENTRY missing");
    CHECK(getauxval(AT_RANDOM) != 0, "AT_RANDOM missing");
    CHECK(getauxval(AT_UID) == (unsigned long)getuid(), "AT_UID differs from getuid");
    CHECK(getauxval(AT_EUID) == (unsigned long)geteuid(), "AT_EUID differs from geteuid");
    CHECK(getauxval(AT_GID) == (unsigned long)getgid(), "AT_GID differs from getgid");
    CHECK(getauxval(AT_EGID) == (unsigned long)getegid(), "AT_EGID differs from getegid");
    const char *platform = (const char *)getauxval(AT_PLATFORM);
    CHECK(platform == NULL || strncmp(platform, "v", 1) == 0,
          "AT_PLATFORM \"%s\" is not an ARM platform name", platform);
}

int main(int argc, char **argv)
{
    printf("Hello, world!\n");
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    const char *test_env = getenv("FERRY_TEST_ENV");
    printf("FERRY_TEST_ENV=%s\n", test_env ? test_env : "(unset)");

    check_args(argc, argv);
    check_env(argc, argv);
    check_auxv();
    return check_summary("hello");
}
