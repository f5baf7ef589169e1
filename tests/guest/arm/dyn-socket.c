/*
 * dyn-socket.c: sockets through 32-bit glibc: a socketpair, descriptors and credentials passed
 * in control messages (whose 32-bit layout differs from the host's), TCP on the loopback
 * interface (bind to port 0, getsockname, connect, accept4, getpeername, shutdown), UDP with
 * sendto/recvfrom and sendmmsg, socket timeouts (SO_RCVTIMEO's struct timeval of 32-bit longs),
 * and truncated control data.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

/* Send one byte with n descriptors attached. */
static int send_fds(int sock, const int *fds, int n)
{
    char data = 'F';
    struct iovec iov = { &data, 1 };
    char control[CMSG_SPACE(4 * sizeof(int))];
    memset(control, 0, sizeof control);
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                        .msg_controllen = CMSG_SPACE(n * sizeof(int)) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return (int)sendmsg(sock, &m, 0);
}

static void test_socketpair(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair: %s",
          strerror(errno));
    CHECK(fcntl(sv[0], F_GETFD) == FD_CLOEXEC, "SOCK_CLOEXEC");
    CHECK(write(sv[0], "ping", 4) == 4, "write");
    char buf[16] = "";
    CHECK(read(sv[1], buf, sizeof buf) == 4 && !memcmp(buf, "ping", 4), "read");

    /* Two pipe ends through SCM_RIGHTS: the received copies work. */
    int p[2];
    CHECK(pipe(p) == 0, "pipe");
    CHECK(send_fds(sv[0], p, 2) == 1, "sendmsg with SCM_RIGHTS: %s", strerror(errno));
    char data;
    struct iovec iov = { &data, 1 };
    char control[CMSG_SPACE(2 * sizeof(int))];
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                        .msg_controllen = sizeof control };
    CHECK(recvmsg(sv[1], &m, 0) == 1 && data == 'F', "recvmsg: %s", strerror(errno));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    CHECK(c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
          c->cmsg_len == CMSG_LEN(2 * sizeof(int)), "control message header");
    CHECK(m.msg_controllen == CMSG_SPACE(2 * sizeof(int)) && !(m.msg_flags & MSG_CTRUNC),
          "msg_controllen %u", (unsigned)m.msg_controllen);
    int got[2] = { -1, -1 };
    if (c)
        memcpy(got, CMSG_DATA(c), sizeof got);
    CHECK(got[0] > 2 && got[1] > 2 && got[0] != p[0] && got[1] != p[1], "received fds");
    CHECK(write(got[1], "via fd", 6) == 6 && read(p[0], buf, 6) == 6 && !memcmp(buf, "via fd", 6),
          "the received descriptors are the pipe");
    CHECK(CMSG_NXTHDR(&m, c) == NULL, "one control message");
    close(got[0]);
    close(got[1]);

    /* A control buffer too small for the descriptors: MSG_CTRUNC. */
    CHECK(send_fds(sv[0], p, 2) == 1, "sendmsg again");
    char small[CMSG_SPACE(sizeof(int)) - 4];
    m.msg_control = small;
    m.msg_controllen = sizeof small;
    CHECK(recvmsg(sv[1], &m, 0) == 1 && (m.msg_flags & MSG_CTRUNC), "MSG_CTRUNC");

    /* Credentials. */
    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0, "SO_PASSCRED");
    CHECK(write(sv[0], "c", 1) == 1, "write");
    char cc[CMSG_SPACE(sizeof(struct ucred))];
    m.msg_control = cc;
    m.msg_controllen = sizeof cc;
    CHECK(recvmsg(sv[1], &m, 0) == 1, "recvmsg with credentials");
    c = CMSG_FIRSTHDR(&m);
    struct ucred cred = { 0 };
    if (c && c->cmsg_type == SCM_CREDENTIALS)
        memcpy(&cred, CMSG_DATA(c), sizeof cred);
    CHECK(cred.pid == getpid() && cred.uid == getuid() && cred.gid == getgid(),
          "credentials pid %d uid %u", (int)cred.pid, (unsigned)cred.uid);
    struct ucred peer;
    socklen_t len = sizeof peer;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0 &&
          len == sizeof peer && peer.pid == getpid(), "SO_PEERCRED");
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_tcp(void)
{
    int l = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(l >= 0, "socket: %s", strerror(errno));
    int on = 1;
    CHECK(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0, "SO_REUSEADDR");
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    CHECK(bind(l, (struct sockaddr *)&a, sizeof a) == 0, "bind: %s", strerror(errno));
    CHECK(listen(l, 4) == 0, "listen");
    socklen_t len = sizeof a;
    CHECK(getsockname(l, (struct sockaddr *)&a, &len) == 0 && len == sizeof a &&
          a.sin_port != 0, "getsockname");
    int s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(connect(s, (struct sockaddr *)&a, sizeof a) == 0, "connect: %s", strerror(errno));
    struct sockaddr_in from;
    len = sizeof from;
    int t = accept4(l, (struct sockaddr *)&from, &len, SOCK_CLOEXEC);
    CHECK(t >= 0 && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "accept4: %s",
          strerror(errno));
    struct sockaddr_in peer;
    len = sizeof peer;
    CHECK(getpeername(s, (struct sockaddr *)&peer, &len) == 0 && peer.sin_port == a.sin_port,
          "getpeername");
    CHECK(send(s, "over tcp", 8, 0) == 8, "send");
    char buf[16] = "";
    CHECK(recv(t, buf, 8, MSG_WAITALL) == 8 && !memcmp(buf, "over tcp", 8), "recv");

    /* A receive timeout of 50 ms on an empty socket. */
    struct timeval tv = { 0, 50000 }, back;
    CHECK(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "SO_RCVTIMEO");
    len = sizeof back;
    CHECK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0 && len == sizeof back &&
          back.tv_sec == 0 && back.tv_usec >= 40000 && back.tv_usec <= 60000,
          "SO_RCVTIMEO read back: %ld.%06ld", (long)back.tv_sec, (long)back.tv_usec);
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    CHECK(recv(t, buf, sizeof buf, 0) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK),
          "recv times out: %s", strerror(errno));
    gettimeofday(&t1, NULL);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_usec - t0.tv_usec) / 1000;
    CHECK(ms >= 40 && ms < 2000, "waited %ld ms", ms);
    int type = 0;
    len = sizeof type;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM, "SO_TYPE");
    CHECK(shutdown(s, SHUT_WR) == 0 && recv(t, buf, sizeof buf, 0) == 0, "shutdown: EOF");
    close(s);
    close(t);
    close(l);
}

static void test_udp(void)
{
    int r = socket(AF_INET, SOCK_DGRAM, 0), w = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    CHECK(bind(r, (struct sockaddr *)&a, sizeof a) == 0 &&
          getsockname(r, (struct sockaddr *)&a, &len) == 0, "bind udp");
    CHECK(sendto(w, "dgram", 5, 0, (struct sockaddr *)&a, sizeof a) == 5, "sendto");
    char buf[16];
    struct sockaddr_in from;
    len = sizeof from;
    CHECK(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &len) == 5 &&
          !memcmp(buf, "dgram", 5) && len == sizeof from &&
          from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "recvfrom");

    /* sendmmsg: two datagrams, each length reported. */
    CHECK(connect(w, (struct sockaddr *)&a, sizeof a) == 0, "connect udp");
    struct iovec iov[2] = { { "first", 5 }, { "second!", 7 } };
    struct mmsghdr mm[2];
    memset(mm, 0, sizeof mm);
    mm[0].msg_hdr.msg_iov = &iov[0];
    mm[0].msg_hdr.msg_iovlen = 1;
    mm[1].msg_hdr.msg_iov = &iov[1];
    mm[1].msg_hdr.msg_iovlen = 1;
    CHECK(sendmmsg(w, mm, 2, 0) == 2 && mm[0].msg_len == 5 && mm[1].msg_len == 7, "sendmmsg");
    CHECK(recv(r, buf, sizeof buf, 0) == 5 && !memcmp(buf, "first", 5), "first datagram");
    /* recvmsg with two iovecs and the sender's address. */
    char p1[3], p2[8];
    struct iovec riov[2] = { { p1, sizeof p1 }, { p2, sizeof p2 } };
    struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = riov,
                        .msg_iovlen = 2 };
    CHECK(recvmsg(r, &m, 0) == 7 && !memcmp(p1, "sec", 3) && !memcmp(p2, "ond!", 4) &&
          m.msg_namelen == sizeof from, "recvmsg scatter");
    close(r);
    close(w);
}

int main(void)
{
    test_socketpair();
    test_tcp();
    test_udp();
    return check_summary("dyn-socket");
}
