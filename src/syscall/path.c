/*
 * Guest path names: copying them out of guest memory, the -L prefix (a
 * guest sysroot searched before the host's own files) and the files whose
 * host view would betray ferry, such as /proc/self/exe naming ferry
 * instead of the guest program.
 *
 * The prefix applies to absolute paths only, as in qemu-user: a relative
 * path (with AT_FDCWD or a directory descriptor) already starts from
 * somewhere the guest reached through an absolute path.  A path is used
 * under the prefix when it exists there (without following a final
 * symlink), else on the host, so a sysroot that lacks /tmp or /home does
 * not hide the host's.  /proc, /sys and /dev are always the host's.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "syscall/sys_internal.h"

static char exe_path[PATH_MAX];
static char prefix[PATH_MAX];

void sys_init(const char *path)
{
    snprintf(exe_path, sizeof(exe_path), "%s", path ? path : "");
}

void sys_set_prefix(const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    while (n > 1 && dir[n - 1] == '/')
        n--;  /* so that prefix + "/path" has one slash */
    if (n >= sizeof(prefix))
        n = 0;
    memcpy(prefix, dir ? dir : "", n);
    prefix[n] = '\0';
}

const char *sys_exe_path(void)
{
    return exe_path;
}

int sys_get_raw_path(uint32_t addr, char *buf, size_t size)
{
    long n = guest_strnlen(addr, size);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n >= size)
        return -ENAMETOOLONG;
    return copy_from_guest(buf, addr, (size_t)n + 1) ? -EFAULT : 0;
}

bool sys_is_proc_exe(const char *path)
{
    if (!strcmp(path, "/proc/self/exe") || !strcmp(path, "/proc/thread-self/exe"))
        return true;
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    return !strcmp(path, own);
}

/* Kernel file systems must show the host's live view, even when the
 * sysroot has (empty) directories of the same name. */
static bool is_host_only(const char *path)
{
    static const char *const dirs[] = { "/proc", "/sys", "/dev" };
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        size_t n = strlen(dirs[i]);
        if (!strncmp(path, dirs[i], n) && (path[n] == '/' || path[n] == '\0'))
            return true;
    }
    return false;
}

const char *sys_prefix(void)
{
    return prefix;
}

const char *sys_guest_view(const char *host_path)
{
    size_t n = strlen(prefix);
    if (n && !strncmp(host_path, prefix, n) && host_path[n] == '/')
        return host_path + n;
    return host_path;
}

/* An absolute path that exists under the prefix is used from there. */
void sys_apply_prefix(char *path, size_t size)
{
    if (!prefix[0] || path[0] != '/' || path[1] == '\0' || is_host_only(path))
        return;
    char full[PATH_MAX];
    int n = snprintf(full, sizeof(full), "%s%s", prefix, path);
    if (n < 0 || (size_t)n >= sizeof(full) || (size_t)n >= size)
        return;
    if (faccessat(AT_FDCWD, full, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        memcpy(path, full, (size_t)n + 1);
}

int sys_get_path(uint32_t addr, char *buf, size_t size)
{
    int r = sys_get_raw_path(addr, buf, size);
    if (r)
        return r;
    if (exe_path[0] && sys_is_proc_exe(buf)) {
        snprintf(buf, size, "%s", exe_path);
        return 0;
    }
    sys_apply_prefix(buf, size);
    return 0;
}
