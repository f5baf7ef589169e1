/*
 * ioctl: a table per guest ABI lists the requests ferry understands, with
 * the host request number and how the argument moves.  Requests outside
 * the table fail with ENOTTY (what a driver says to a request it does not
 * know) and are logged once, so a guest probing for features keeps going.
 *
 * Terminal flag bits and c_cc indices are the same on ARM and x86-64;
 * an ABI where they differ (MIPS) will need converters in xlat.c.
 */
#include <sys/ioctl.h>
#include <string.h>
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"
#include "common/log.h"

/* The host kernel's struct termios (glibc's has extra fields). */
typedef struct HostKTermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
} HostKTermios;
static_assert(sizeof(HostKTermios) == 36, "host kernel termios");

/* The asm-generic requests, shared by ARM and the x86-64 host. */
const IoctlDef sys_generic_ioctls[] = {
    { 0x5401, TCGETS, IOC_TERMIOS_OUT, "TCGETS" },
    { 0x5402, TCSETS, IOC_TERMIOS_IN, "TCSETS" },
    { 0x5403, TCSETSW, IOC_TERMIOS_IN, "TCSETSW" },
    { 0x5404, TCSETSF, IOC_TERMIOS_IN, "TCSETSF" },
    { 0x5409, TCSBRK, IOC_VALUE, "TCSBRK" },
    { 0x540A, TCXONC, IOC_VALUE, "TCXONC" },
    { 0x540B, TCFLSH, IOC_VALUE, "TCFLSH" },
    { 0x540E, TIOCSCTTY, IOC_VALUE, "TIOCSCTTY" },
    { 0x540F, TIOCGPGRP, IOC_INT_OUT, "TIOCGPGRP" },
    { 0x5410, TIOCSPGRP, IOC_INT_IN, "TIOCSPGRP" },
    { 0x5413, TIOCGWINSZ, IOC_WINSIZE_OUT, "TIOCGWINSZ" },
    { 0x5414, TIOCSWINSZ, IOC_WINSIZE_IN, "TIOCSWINSZ" },
    { 0x541B, FIONREAD, IOC_INT_OUT, "FIONREAD" },
    { 0x5421, FIONBIO, IOC_INT_IN, "FIONBIO" },
    { 0x5422, TIOCNOTTY, IOC_VALUE, "TIOCNOTTY" },
    { 0x5450, FIONCLEX, IOC_VALUE, "FIONCLEX" },
    { 0x5451, FIOCLEX, IOC_VALUE, "FIOCLEX" },
    /* FICLONE (_IOW(0x94, 9, int)): the argument is the source descriptor. */
    { 0x40049409, 0x40049409, IOC_VALUE, "FICLONE" },
    { 0, 0, IOC_VALUE, NULL },
};

static const IoctlDef *find_ioctl(const GuestAbi *abi, uint32_t cmd)
{
    for (const IoctlDef *d = abi->ioctls; d && d->name; d++)
        if (d->guest_cmd == cmd)
            return d;
    return NULL;
}

static int64_t ioctl_int(const SysCall *c, int fd, const IoctlDef *d, uint32_t arg)
{
    uint32_t v = 0;
    if (d->kind == IOC_INT_IN && sys_get_u32(c->abi, arg, &v))
        return -EFAULT;
    int host = (int)v;
    if (ioctl(fd, d->host_cmd, &host) == -1)
        return -errno;
    if (d->kind == IOC_INT_OUT && sys_put_u32(c->abi, arg, (uint32_t)host))
        return -EFAULT;
    return 0;
}

/* The asm-generic struct termios (ARM, x86-64): the host's layout. */
static int get_termios_generic(const GuestAbi *abi, uint32_t addr, SysTermios *t)
{
    GuestTermios g;
    if (copy_from_guest(&g, addr, sizeof(g)))
        return -EFAULT;
    *t = (SysTermios){ tsw32(abi, g.c_iflag), tsw32(abi, g.c_oflag), tsw32(abi, g.c_cflag),
                       tsw32(abi, g.c_lflag), g.c_line, {0} };
    memcpy(t->c_cc, g.c_cc, sizeof(t->c_cc));
    return 0;
}

static int put_termios_generic(const GuestAbi *abi, uint32_t addr, const SysTermios *t)
{
    GuestTermios g = { tsw32(abi, t->c_iflag), tsw32(abi, t->c_oflag),
                       tsw32(abi, t->c_cflag), tsw32(abi, t->c_lflag), t->c_line, {0} };
    memcpy(g.c_cc, t->c_cc, sizeof(g.c_cc));
    return copy_to_guest(addr, &g, sizeof(g)) ? -EFAULT : 0;
}

static int64_t ioctl_termios(const SysCall *c, int fd, const IoctlDef *d, uint32_t arg)
{
    const GuestAbi *abi = c->abi;
    SysTermios t;
    HostKTermios h;
    static_assert(sizeof(SysTermios) == sizeof(HostKTermios), "SysTermios is the host's");
    if (d->kind == IOC_TERMIOS_IN) {
        int r = abi->get_termios ? abi->get_termios(abi, arg, &t)
                                 : get_termios_generic(abi, arg, &t);
        if (r)
            return r;
        memcpy(&h, &t, sizeof(h));
    }
    if (ioctl(fd, d->host_cmd, &h) == -1)
        return -errno;
    if (d->kind == IOC_TERMIOS_OUT) {
        memcpy(&t, &h, sizeof(t));
        return abi->put_termios ? abi->put_termios(abi, arg, &t)
                                : put_termios_generic(abi, arg, &t);
    }
    return 0;
}

static int64_t ioctl_winsize(const SysCall *c, int fd, const IoctlDef *d, uint32_t arg)
{
    const GuestAbi *abi = c->abi;
    GuestWinsize g;
    struct winsize h;
    if (d->kind == IOC_WINSIZE_IN) {
        if (copy_from_guest(&g, arg, sizeof(g)))
            return -EFAULT;
        h = (struct winsize){ tsw16(abi, g.ws_row), tsw16(abi, g.ws_col),
                              tsw16(abi, g.ws_xpixel), tsw16(abi, g.ws_ypixel) };
    }
    if (ioctl(fd, d->host_cmd, &h) == -1)
        return -errno;
    if (d->kind == IOC_WINSIZE_OUT) {
        g = (GuestWinsize){ tsw16(abi, h.ws_row), tsw16(abi, h.ws_col),
                            tsw16(abi, h.ws_xpixel), tsw16(abi, h.ws_ypixel) };
        if (copy_to_guest(arg, &g, sizeof(g)))
            return -EFAULT;
    }
    return 0;
}

/* ioctl(fd, request, arg) */
int64_t sys_ioctl(SysCall *c)
{
    int fd = sys_int(c, 0);
    uint32_t cmd = sys_u32(c, 1), arg = sys_u32(c, 2);
    const IoctlDef *d = find_ioctl(c->abi, cmd);
    static const char site;
    if (!d) {
        if (ferry_first_time(&site, cmd))
            ferry_log("unsupported ioctl 0x%x", cmd);
        return -ENOTTY;
    }
    switch (d->kind) {
    case IOC_VALUE:
        return sys_host(ioctl(fd, d->host_cmd, (unsigned long)arg));
    case IOC_INT_IN:
    case IOC_INT_OUT:
        return ioctl_int(c, fd, d, arg);
    case IOC_TERMIOS_IN:
    case IOC_TERMIOS_OUT:
        return ioctl_termios(c, fd, d, arg);
    case IOC_WINSIZE_IN:
    case IOC_WINSIZE_OUT:
        return ioctl_winsize(c, fd, d, arg);
    }
    return -ENOTTY;
}
