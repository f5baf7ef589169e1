/*
 * Sockets: the BSD socket calls ARM EABI has as separate system calls.
 *
 * Most of it passes through: address families, socket types and the
 * SOCK_NONBLOCK/SOCK_CLOEXEC flags (O_NONBLOCK/O_CLOEXEC), MSG_* flags,
 * the option levels and names, and struct sockaddr of every family (no
 * pointers or longs inside) are the same for ARM and x86-64, so address
 * buffers and their socklen_t words go to the host kernel in place.
 * What differs is converted:
 *   - struct msghdr and its iovecs (32-bit pointers and lengths);
 *   - control messages: a 32-bit cmsghdr is 12 bytes with 4-byte aligned
 *     data, the host's 16 bytes with 8-byte alignment.  SCM_RIGHTS and
 *     SCM_CREDENTIALS carry ints; other types are copied byte for byte,
 *     except the old timestamps (32-bit timeval/timespec), which are
 *     refused with one log line;
 *   - SO_RCVTIMEO_OLD/SO_SNDTIMEO_OLD, whose struct timeval has 32-bit longs.
 * Socket paths (AF_UNIX) are not looked up under the -L prefix, as in
 * qemu-user: they name rendezvous points shared with host processes.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "common/log.h"
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

/* Socket options whose value is a struct timeval of longs (asm-generic). */
#define GUEST_SO_RCVTIMEO_OLD 20
#define GUEST_SO_SNDTIMEO_OLD 21
/* Control message types with 32-bit time structs inside. */
#define GUEST_SCM_TIMESTAMP_OLD    29
#define GUEST_SCM_TIMESTAMPNS_OLD  35
#define GUEST_SCM_TIMESTAMPING_OLD 37

/* Largest control buffer converted (the kernel's limit is sysctl
 * optmem_max, 20 KiB by default). */
#define SOCK_MAX_CONTROL 65536

/* socket(domain, type, protocol): SOCK_* values and flags are the host's. */
int64_t sys_socket(SysCall *c)
{
    return sys_host(socket(sys_int(c, 0), sys_int(c, 1), sys_int(c, 2)));
}

int64_t sys_socketpair(SysCall *c)
{
    int sv[2];
    if (socketpair(sys_int(c, 0), sys_int(c, 1), sys_int(c, 2), sv) != 0)
        return -errno;
    if (sys_put_u32(c->abi, sys_u32(c, 3), (uint32_t)sv[0]) ||
        sys_put_u32(c->abi, sys_u32(c, 3) + 4, (uint32_t)sv[1])) {
        close(sv[0]);
        close(sv[1]);
        return -EFAULT;
    }
    return 0;
}

/* An address argument: NULL stays NULL (the kernel checks the rest). */
static void *addr_arg(uint32_t a)
{
    return a ? g2h(a) : NULL;
}

int64_t sys_bind(SysCall *c)
{
    return sys_host(bind(sys_int(c, 0), addr_arg(sys_u32(c, 1)), sys_u32(c, 2)));
}

int64_t sys_connect(SysCall *c)
{
    return sys_host(connect(sys_int(c, 0), addr_arg(sys_u32(c, 1)), sys_u32(c, 2)));
}

int64_t sys_listen(SysCall *c)
{
    return sys_host(listen(sys_int(c, 0), sys_int(c, 1)));
}

/* Calls that return an address: (addr, socklen_t *len), both written. */
static void will_write_addr(SysCall *c, uint32_t addr, uint32_t len_addr)
{
    uint32_t len;
    if (addr && len_addr && sys_get_u32(c->abi, len_addr, &len) == 0)
        sys_will_write(addr, len);
    if (len_addr)
        sys_will_write(len_addr, 4);
}

int64_t sys_accept4(SysCall *c)
{
    will_write_addr(c, sys_u32(c, 1), sys_u32(c, 2));
    return sys_host(accept4(sys_int(c, 0), addr_arg(sys_u32(c, 1)), addr_arg(sys_u32(c, 2)),
                            sys_int(c, 3)));
}

int64_t sys_accept(SysCall *c)
{
    will_write_addr(c, sys_u32(c, 1), sys_u32(c, 2));
    return sys_host(accept(sys_int(c, 0), addr_arg(sys_u32(c, 1)), addr_arg(sys_u32(c, 2))));
}

int64_t sys_getsockname(SysCall *c)
{
    will_write_addr(c, sys_u32(c, 1), sys_u32(c, 2));
    return sys_host(getsockname(sys_int(c, 0), addr_arg(sys_u32(c, 1)),
                                addr_arg(sys_u32(c, 2))));
}

int64_t sys_getpeername(SysCall *c)
{
    will_write_addr(c, sys_u32(c, 1), sys_u32(c, 2));
    return sys_host(getpeername(sys_int(c, 0), addr_arg(sys_u32(c, 1)),
                                addr_arg(sys_u32(c, 2))));
}

/* sendto(fd, buf, len, flags, addr, addrlen); send is sendto without an address. */
int64_t sys_sendto(SysCall *c)
{
    return sys_host(sendto(sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2), sys_int(c, 3),
                           addr_arg(sys_u32(c, 4)), sys_u32(c, 5)));
}

int64_t sys_send(SysCall *c)
{
    return sys_host(send(sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2), sys_int(c, 3)));
}

/* recvfrom(fd, buf, len, flags, addr, addrlen *) */
int64_t sys_recvfrom(SysCall *c)
{
    sys_will_write(sys_u32(c, 1), sys_u32(c, 2));
    will_write_addr(c, sys_u32(c, 4), sys_u32(c, 5));
    return sys_host(recvfrom(sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2), sys_int(c, 3),
                             addr_arg(sys_u32(c, 4)), addr_arg(sys_u32(c, 5))));
}

int64_t sys_recv(SysCall *c)
{
    sys_will_write(sys_u32(c, 1), sys_u32(c, 2));
    return sys_host(recv(sys_int(c, 0), g2h(sys_u32(c, 1)), sys_u32(c, 2), sys_int(c, 3)));
}

int64_t sys_shutdown(SysCall *c)
{
    return sys_host(shutdown(sys_int(c, 0), sys_int(c, 1)));
}

/* ---- options ---- */

static bool is_old_timeo(int level, int name)
{
    return level == SOL_SOCKET && (name == GUEST_SO_RCVTIMEO_OLD || name == GUEST_SO_SNDTIMEO_OLD);
}

/* setsockopt(fd, level, name, value, len) */
int64_t sys_setsockopt(SysCall *c)
{
    int fd = sys_int(c, 0), level = sys_int(c, 1), name = sys_int(c, 2);
    uint32_t val = sys_u32(c, 3), len = sys_u32(c, 4);
    if (is_old_timeo(level, name)) {
        GuestTimeval32 g;
        if (len < sizeof g)
            return -EINVAL;
        if (copy_from_guest(&g, val, sizeof g))
            return -EFAULT;
        struct timeval tv = { (int32_t)tsw32(c->abi, (uint32_t)g.tv_sec),
                              (int32_t)tsw32(c->abi, (uint32_t)g.tv_usec) };
        return sys_host(setsockopt(fd, level, name, &tv, sizeof tv));
    }
    return sys_host(setsockopt(fd, level, name, addr_arg(val), len));
}

/* getsockopt(fd, level, name, value, len *) */
int64_t sys_getsockopt(SysCall *c)
{
    int fd = sys_int(c, 0), level = sys_int(c, 1), name = sys_int(c, 2);
    uint32_t val = sys_u32(c, 3), len_addr = sys_u32(c, 4), len;
    if (sys_get_u32(c->abi, len_addr, &len))
        return -EFAULT;
    if (is_old_timeo(level, name)) {
        struct timeval tv;
        socklen_t hl = sizeof tv;
        if (getsockopt(fd, level, name, &tv, &hl) != 0)
            return -errno;
        GuestTimeval32 g = { (int32_t)tsw32(c->abi, (uint32_t)tv.tv_sec),
                             (int32_t)tsw32(c->abi, (uint32_t)tv.tv_usec) };
        if (len < sizeof g)
            return -EINVAL;
        if (copy_to_guest(val, &g, sizeof g) || sys_put_u32(c->abi, len_addr, sizeof g))
            return -EFAULT;
        return 0;
    }
    sys_will_write(val, len);
    socklen_t hl = len;
    if (getsockopt(fd, level, name, addr_arg(val), &hl) != 0)
        return -errno;
    return sys_put_u32(c->abi, len_addr, hl) ? -EFAULT : 0;
}

/* ---- sendmsg and recvmsg ---- */

/* The 32-bit struct msghdr. */
typedef struct GuestMsghdr {
    uint32_t msg_name;
    uint32_t msg_namelen;
    uint32_t msg_iov;
    uint32_t msg_iovlen;
    uint32_t msg_control;
    uint32_t msg_controllen;
    int32_t msg_flags;
} GuestMsghdr;
GUEST_SIZE(GuestMsghdr, 28);

/* The 32-bit struct cmsghdr; data follows, 4-byte aligned. */
typedef struct GuestCmsghdr {
    uint32_t cmsg_len;
    int32_t cmsg_level;
    int32_t cmsg_type;
} GuestCmsghdr;
GUEST_SIZE(GuestCmsghdr, 12);

#define GUEST_CMSG_ALIGN(n) (((n) + 3u) & ~3u)

/* A host msghdr built from a guest one, with its buffers. */
typedef struct HostMsg {
    struct msghdr m;
    struct iovec iov[SYS_MAX_IOV];
    uint8_t *control;
} HostMsg;

static bool timestamp_type(int level, int type)
{
    return level == SOL_SOCKET && (type == GUEST_SCM_TIMESTAMP_OLD ||
                                   type == GUEST_SCM_TIMESTAMPNS_OLD ||
                                   type == GUEST_SCM_TIMESTAMPING_OLD);
}

static void log_timestamps(void)
{
    static char site;
    if (ferry_first_time(&site, 0))
        ferry_log("socket timestamps in control messages (SO_TIMESTAMP*_OLD) are not supported");
}

/* Guest control messages to host ones; 0 or -errno. */
static int control_to_host(const GuestAbi *abi, const GuestMsghdr *g, HostMsg *h)
{
    uint32_t glen = tsw32(abi, g->msg_controllen), gaddr = tsw32(abi, g->msg_control);
    if (!glen)
        return 0;
    if (glen > SOCK_MAX_CONTROL)
        return -ENOBUFS;
    uint8_t *in = malloc(glen);
    /* Each message grows by at most 4 (header) + 7 (alignment) bytes. */
    size_t cap = 2 * (size_t)glen + 64;
    h->control = calloc(1, cap);
    if (!in || !h->control) {
        free(in);
        return -ENOMEM;
    }
    if (copy_from_guest(in, gaddr, glen)) {
        free(in);
        return -EFAULT;
    }
    size_t out = 0;
    int r = 0;
    for (uint32_t pos = 0; pos + sizeof(GuestCmsghdr) <= glen && r == 0;) {
        GuestCmsghdr gc;
        memcpy(&gc, in + pos, sizeof gc);
        uint32_t len = tsw32(abi, gc.cmsg_len);
        int level = (int32_t)tsw32(abi, (uint32_t)gc.cmsg_level);
        int type = (int32_t)tsw32(abi, (uint32_t)gc.cmsg_type);
        if (len < sizeof gc || len > glen - pos) {
            r = -EINVAL;
            break;
        }
        if (timestamp_type(level, type)) {
            log_timestamps();
            r = -EINVAL;
            break;
        }
        size_t dlen = len - sizeof gc;
        struct cmsghdr *hc = (struct cmsghdr *)(h->control + out);
        hc->cmsg_len = CMSG_LEN(dlen);
        hc->cmsg_level = level;
        hc->cmsg_type = type;
        memcpy(CMSG_DATA(hc), in + pos + sizeof gc, dlen);
        out += CMSG_SPACE(dlen);
        pos += GUEST_CMSG_ALIGN(len);
    }
    free(in);
    h->m.msg_control = h->control;
    h->m.msg_controllen = out;
    return r;
}

/* Host control messages back into the guest's buffer of guest_len bytes;
 * what does not fit sets MSG_CTRUNC (descriptors received and dropped are
 * closed, as the kernel does).  Returns the length used. */
static uint32_t control_to_guest(const GuestAbi *abi, const struct msghdr *m, uint32_t gaddr,
                                 uint32_t guest_len, int *flags)
{
    uint32_t used = 0;
    for (struct cmsghdr *hc = m->msg_controllen ? CMSG_FIRSTHDR((struct msghdr *)m) : NULL; hc;
         hc = CMSG_NXTHDR((struct msghdr *)m, hc)) {
        size_t dlen = hc->cmsg_len - CMSG_LEN(0);
        bool fits = used + sizeof(GuestCmsghdr) + dlen <= guest_len;
        if (timestamp_type(hc->cmsg_level, hc->cmsg_type)) {
            log_timestamps();
            fits = false;
        }
        if (!fits) {
            *flags |= MSG_CTRUNC;
            if (hc->cmsg_level == SOL_SOCKET && hc->cmsg_type == SCM_RIGHTS)
                for (size_t i = 0; i + sizeof(int) <= dlen; i += sizeof(int)) {
                    int fd;
                    memcpy(&fd, CMSG_DATA(hc) + i, sizeof fd);
                    close(fd);
                }
            continue;
        }
        GuestCmsghdr gc = { tsw32(abi, (uint32_t)(sizeof gc + dlen)),
                            (int32_t)tsw32(abi, (uint32_t)hc->cmsg_level),
                            (int32_t)tsw32(abi, (uint32_t)hc->cmsg_type) };
        if (copy_to_guest(gaddr + used, &gc, sizeof gc) ||
            copy_to_guest(gaddr + used + sizeof gc, CMSG_DATA(hc), dlen))
            return used;
        used += GUEST_CMSG_ALIGN(sizeof gc + (uint32_t)dlen);
        if (used > guest_len)
            used = guest_len;
    }
    return used;
}

/* Read the guest msghdr at addr and build the host one; 0 or -errno. */
static int msg_to_host(SysCall *c, uint32_t addr, GuestMsghdr *g, HostMsg *h, bool receiving)
{
    const GuestAbi *abi = c->abi;
    memset(&h->m, 0, sizeof h->m);
    h->control = NULL;
    if (copy_from_guest(g, addr, sizeof *g))
        return -EFAULT;
    uint32_t name = tsw32(abi, g->msg_name), namelen = tsw32(abi, g->msg_namelen);
    int32_t iovlen = (int32_t)tsw32(abi, g->msg_iovlen);
    if (receiving && name)
        sys_will_write(name, namelen);
    h->m.msg_name = addr_arg(name);
    h->m.msg_namelen = namelen;
    int r = sys_get_iovecs(c, tsw32(abi, g->msg_iov), iovlen, h->iov, receiving);
    if (r)
        return r == -EINVAL ? -EMSGSIZE : r;
    h->m.msg_iov = h->iov;
    h->m.msg_iovlen = (size_t)iovlen;
    if (receiving) {
        uint32_t glen = tsw32(abi, g->msg_controllen);
        if (glen) {
            /* Room for as many host messages as the guest buffer could hold. */
            size_t cap = 2 * (size_t)(glen < SOCK_MAX_CONTROL ? glen : SOCK_MAX_CONTROL) + 64;
            if (!(h->control = calloc(1, cap)))
                return -ENOMEM;
            h->m.msg_control = h->control;
            h->m.msg_controllen = cap;
        }
        return 0;
    }
    return control_to_host(abi, g, h);
}

static int64_t do_sendmsg(SysCall *c, uint32_t addr, int flags)
{
    GuestMsghdr g;
    HostMsg *h = malloc(sizeof *h);
    if (!h)
        return -ENOMEM;
    int r = msg_to_host(c, addr, &g, h, false);
    int64_t res = r ? r : sys_host(sendmsg(sys_int(c, 0), &h->m, flags));
    free(h->control);
    free(h);
    return res;
}

static int64_t do_recvmsg(SysCall *c, uint32_t addr, int flags)
{
    const GuestAbi *abi = c->abi;
    GuestMsghdr g;
    HostMsg *h = malloc(sizeof *h);
    if (!h)
        return -ENOMEM;
    int r = msg_to_host(c, addr, &g, h, true);
    ssize_t n = r ? -1 : recvmsg(sys_int(c, 0), &h->m, flags);
    int64_t res = r ? r : n < 0 ? -errno : n;
    if (n >= 0) {
        int mflags = h->m.msg_flags;
        uint32_t clen = control_to_guest(abi, &h->m, tsw32(abi, g.msg_control),
                                         tsw32(abi, g.msg_controllen), &mflags);
        g.msg_namelen = tsw32(abi, h->m.msg_namelen);
        g.msg_controllen = tsw32(abi, clen);
        g.msg_flags = (int32_t)tsw32(abi, (uint32_t)mflags);
        if (copy_to_guest(addr, &g, sizeof g))
            res = -EFAULT;
    }
    free(h->control);
    free(h);
    return res;
}

/* sendmsg(fd, msg, flags) and recvmsg(fd, msg, flags) */
int64_t sys_sendmsg(SysCall *c)
{
    return do_sendmsg(c, sys_u32(c, 1), sys_int(c, 2));
}

int64_t sys_recvmsg(SysCall *c)
{
    return do_recvmsg(c, sys_u32(c, 1), sys_int(c, 2));
}

/* sendmmsg(fd, msgvec, vlen, flags): struct mmsghdr is a msghdr and the
 * 32-bit count of bytes sent.  One sendmsg per message; as the kernel
 * does, an error after the first message ends the call with the count. */
int64_t sys_sendmmsg(SysCall *c)
{
    uint32_t vec = sys_u32(c, 1), vlen = sys_u32(c, 2);
    const uint32_t stride = sizeof(GuestMsghdr) + 4;
    if (vlen > 1024)  /* UIO_MAXIOV */
        vlen = 1024;
    uint32_t i;
    for (i = 0; i < vlen; i++) {
        int64_t r = do_sendmsg(c, vec + i * stride, sys_int(c, 3));
        if (r < 0)
            return i ? (int64_t)i : r;
        if (sys_put_u32(c->abi, vec + i * stride + sizeof(GuestMsghdr), (uint32_t)r))
            return i ? (int64_t)i : -EFAULT;
    }
    return i;
}
