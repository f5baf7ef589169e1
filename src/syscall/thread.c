/*
 * Guest threads and futexes.
 *
 * A guest thread is a host thread: clone with the thread flags glibc's
 * pthread_create passes copies the creating thread's CPU state (result 0,
 * the new stack, the new TLS pointer) and starts a host thread running its
 * own cpu loop.  Its host tid is its guest tid, so tid-based interfaces
 * (gettid, tgkill, the owner field of PI futexes) need no translation.
 *
 * At thread exit ferry does what the kernel does for the guest: walk the
 * robust futex list (guest pointers, which the host kernel cannot follow),
 * clear and wake the CLONE_CHILD_CLEARTID word (pthread_join waits on it),
 * then end the host thread.  The last thread to exit ends the process with
 * the status of the first thread's exit, as Linux reports it.
 *
 * futex: guest futex words live in guest memory, which is host memory at
 * g2h(addr), so every operation maps onto the host futex on the same
 * word.  That keeps waiters in different guest threads (host threads)
 * and even in other processes sharing the memory working together, and the
 * PI operations find owners by tid as they should.
 *
 * Values compared against the word (WAIT's val, CMP_REQUEUE's val3) are
 * swapped into guest byte order, since the host kernel compares them with
 * the word as stored.  WAKE_OP's arithmetic on the word assumes the host
 * byte order and so works only for little-endian guests.
 */
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "common/log.h"
#include "exec/exec.h"
#include "syscall/sys_internal.h"
#include "syscall/guest_types.h"
#include "syscall/handlers.h"

#define GUEST_SS_DISABLE 2u
/* The kernel's bound on robust list walks (ROBUST_LIST_LIMIT). */
#define ROBUST_LIST_LIMIT 2048

static __thread SysThread *cur_thread;
/* Where a thread ferry created goes back to when the guest thread ends. */
static __thread jmp_buf *thread_exit_jmp;

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static SysThread *threads;
static int nthreads;
static bool leader_exited;
static int leader_status;

static void list_add(SysThread *th)
{
    pthread_mutex_lock(&threads_lock);
    th->next = threads;
    threads = th;
    nthreads++;
    pthread_mutex_unlock(&threads_lock);
}

/* Unlink th; the number of threads left. */
static int list_remove_locked(SysThread *th)
{
    for (SysThread **pp = &threads; *pp; pp = &(*pp)->next) {
        if (*pp == th) {
            *pp = th->next;
            break;
        }
    }
    return --nthreads;
}

SysThread *sys_thread_current(void)
{
    return cur_thread;
}

/* In the child of a fork: only the calling thread exists there (the other
 * records describe the parent's threads and are dropped, not freed: their
 * memory may be in use by nothing but is not worth tracking).  The lock is
 * re-initialised, since a parent thread may have held it at the fork. */
void sys_fork_child(uint32_t clear_child_tid)
{
    pthread_mutex_init(&threads_lock, NULL);
    SysThread *th = cur_thread;
    threads = NULL;
    nthreads = 0;
    leader_exited = false;
    if (th) {
        th->tid = (int)gettid();
        th->leader = true;
        th->clear_child_tid = clear_child_tid;
        th->robust_list = 0;      /* a new process starts without one */
        th->nqueued = 0;          /* pending signals are not inherited */
        th->next = NULL;
        threads = th;
        nthreads = 1;
    }
}

SysThread *sys_thread_self(const GuestAbi *abi, void *env)
{
    if (cur_thread)
        return cur_thread;
    /* The process's first thread, on its first system call. */
    SysThread *th = calloc(1, sizeof(*th));
    if (!th)
        ferry_fatal("out of memory");
    th->env = env;
    th->tid = (int)gettid();
    th->leader = true;
    th->altstack.flags = GUEST_SS_DISABLE;
    /* The mask survives execve: the guest starts with ferry's. */
    sigset_t host;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host, _NSIG / 8);
    for (int h = 1; h < _NSIG; h++) {
        int g = xlat_signal_to_guest(abi, h);
        if (g > 0 && sigismember(&host, h))
            th->blocked[(g - 1) / 64] |= 1ull << ((g - 1) % 64);
    }
    list_add(th);
    cur_thread = th;
    return th;
}

void sys_exit_process(int status)
{
    /* exit() would run ferry's exit handlers while other guest threads
     * still run; the guest asked for all of them to stop at once. */
    fflush(NULL);
    _exit(status & 0xff);
}

/* ---- robust futexes ---- */

static long host_futex_wake(uint32_t uaddr, int n)
{
    return syscall(SYS_futex, g2h(uaddr), FUTEX_WAKE, n, NULL, NULL, 0);
}

/* The kernel's handle_futex_death for one futex word of a dying owner. */
static void futex_owner_died(const GuestAbi *abi, uint32_t uaddr, int tid, bool pi,
                             bool pending_op)
{
    if (uaddr & 3 || !gmem_range_ok(uaddr, 4, PAGE_READ | PAGE_WRITE))
        return;
    gmem_unprotect_code(uaddr, 4);
    uint32_t *word = g2h(uaddr);
    for (;;) {
        uint32_t uval = tsw32(abi, __atomic_load_n(word, __ATOMIC_SEQ_CST));
        /* Died between taking the lock and recording it (or unlocking):
         * a waiter may need waking to take it over. */
        if (pending_op && !pi && !uval) {
            host_futex_wake(uaddr, 1);
            return;
        }
        if ((uval & FUTEX_TID_MASK) != (uint32_t)tid)
            return;
        uint32_t mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        uint32_t expect = tsw32(abi, uval);
        if (!__atomic_compare_exchange_n(word, &expect, tsw32(abi, mval), false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            continue;
        /* PI futexes are the host kernel's: it hands them on itself. */
        if (!pi && (uval & FUTEX_WAITERS))
            host_futex_wake(uaddr, 1);
        return;
    }
}

/* The kernel's exit_robust_list on the guest's list (guest pointers, bit 0
 * of an entry marks a PI futex). */
static void exit_robust_list(const GuestAbi *abi, const SysThread *th)
{
    GuestRobustListHead head;
    if (!th->robust_list || copy_from_guest(&head, th->robust_list, sizeof(head)))
        return;
    uint32_t entry = tsw32(abi, head.next);
    int32_t offset = (int32_t)tsw32(abi, (uint32_t)head.futex_offset);
    uint32_t pending = tsw32(abi, head.list_op_pending);
    for (int limit = ROBUST_LIST_LIMIT; entry != th->robust_list && limit > 0; limit--) {
        uint32_t next;
        if (sys_get_u32(abi, entry & ~1u, &next))
            return;
        /* The pending entry is handled last, with its own rule. */
        if (entry != pending)
            futex_owner_died(abi, (entry & ~1u) + (uint32_t)offset, th->tid, entry & 1, false);
        entry = next;
    }
    if (pending)
        futex_owner_died(abi, (pending & ~1u) + (uint32_t)offset, th->tid, pending & 1, true);
}

/* ---- thread exit ---- */

void sys_thread_exit(const GuestAbi *abi, void *env, int status)
{
    SysThread *th = sys_thread_self(abi, env);
    exit_robust_list(abi, th);
    if (th->clear_child_tid) {
        pthread_mutex_lock(&threads_lock);
        bool others = nthreads > 1;
        pthread_mutex_unlock(&threads_lock);
        /* Shared wake, as the kernel's: glibc waits on it that way. */
        if (others && sys_put_u32(abi, th->clear_child_tid, 0) == 0)
            host_futex_wake(th->clear_child_tid, 1);
    }
    /* From here on no guest signal may reach this thread's records; the
     * host mask goes with the thread. */
    sigset_t old;
    sys_signal_block_all(&old);
    pthread_mutex_lock(&threads_lock);
    int left = list_remove_locked(th);
    if (th->leader) {
        leader_exited = true;
        leader_status = status;
    }
    int code = leader_exited ? leader_status : status;
    pthread_mutex_unlock(&threads_lock);
    if (left == 0)
        sys_exit_process(code);

    cur_thread = NULL;
    exec_free_cpu(env);
    exec_thread_cleanup();
    bool leader = th->leader;
    free(th);
    if (leader || !thread_exit_jmp) {
        /* The first thread is main()'s: end just this host thread (the
         * process lives on while other threads run). */
        syscall(SYS_exit, 0);
    }
    longjmp(*thread_exit_jmp, 1);
}

/* ---- clone ---- */

/* What clone must pass for ferry to run the child as a host thread. */
#define THREAD_FLAGS_NEEDED (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define THREAD_FLAGS_KNOWN (THREAD_FLAGS_NEEDED | CLONE_SYSVSEM | CLONE_SETTLS | \
                            CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | \
                            CLONE_DETACHED | CLONE_IO | CSIGNAL)

typedef struct CloneStart {
    const GuestAbi *abi;
    SysThread *th;
    uint64_t flags;
    uint32_t ptid, ctid;
    sem_t ready;
    int tid;
} CloneStart;

static void *thread_start(void *arg)
{
    CloneStart *cs = arg;
    const GuestAbi *abi = cs->abi;
    SysThread *th = cs->th;
    th->tid = (int)gettid();
    cur_thread = th;
    /* Both before clone returns in the parent and before the child runs,
     * as the kernel does them (failures are ignored there too). */
    if (cs->flags & CLONE_PARENT_SETTID)
        sys_put_u32(abi, cs->ptid, (uint32_t)th->tid);
    if (cs->flags & CLONE_CHILD_SETTID)
        sys_put_u32(abi, cs->ctid, (uint32_t)th->tid);
    cs->tid = th->tid;
    sem_post(&cs->ready);   /* cs belongs to the parent again */

    jmp_buf jb;
    thread_exit_jmp = &jb;
    if (setjmp(jb) == 0) {
        abi->thread_start(th->env);
        /* Created with every signal blocked: now the guest's mask. */
        sys_signal_set_blocked(abi, th, th->blocked);
        cpu_loop(th->env);
    }
    return NULL;
}

static int64_t clone_thread(SysCall *c, uint64_t flags, uint32_t newsp, uint32_t ptid,
                            uint32_t tls, uint32_t ctid)
{
    const GuestAbi *abi = c->abi;
    if (!abi->clone_setup) {
        static char site;
        if (ferry_first_time(&site, 0))
            ferry_log("guest threads are not supported for this guest yet");
        return -ENOSYS;
    }
    if ((flags & THREAD_FLAGS_NEEDED) != THREAD_FLAGS_NEEDED || (flags & ~THREAD_FLAGS_KNOWN)) {
        static char site;
        if (ferry_first_time(&site, (uint32_t)flags))
            ferry_log("clone with flags 0x%llx is not supported (threads need "
                      "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD)",
                      (unsigned long long)flags);
        return -EINVAL;
    }
    SysThread *parent = sys_thread_self(abi, c->env);
    SysThread *th = calloc(1, sizeof(*th));
    if (!th)
        return -ENOMEM;
    th->env = exec_copy_cpu(c->env);
    abi->clone_setup(th->env, c->env, newsp, flags & CLONE_SETTLS, tls);
    th->blocked[0] = parent->blocked[0];
    th->blocked[1] = parent->blocked[1];
    th->altstack.flags = GUEST_SS_DISABLE;
    th->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;

    CloneStart cs = { .abi = abi, .th = th, .flags = flags, .ptid = ptid, .ctid = ctid };
    sem_init(&cs.ready, 0, 0);
    list_add(th);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The child starts with every host signal blocked, so none reaches it
     * before it knows who it is. */
    sigset_t old;
    sys_signal_block_all(&old);
    pthread_t t;
    int err = pthread_create(&t, &attr, thread_start, &cs);
    sys_signal_restore(&old);
    pthread_attr_destroy(&attr);
    if (err) {
        pthread_mutex_lock(&threads_lock);
        list_remove_locked(th);
        pthread_mutex_unlock(&threads_lock);
        exec_free_cpu(th->env);
        free(th);
        sem_destroy(&cs.ready);
        return -err;
    }
    while (sem_wait(&cs.ready) != 0)
        ;
    sem_destroy(&cs.ready);
    return cs.tid;
}

static int64_t do_clone(SysCall *c, uint64_t flags, uint32_t newsp, uint32_t ptid,
                        uint32_t tls, uint32_t ctid)
{
    if (flags & CLONE_THREAD)
        return clone_thread(c, flags, newsp, ptid, tls, ctid);
    return sys_clone_process(c, flags, newsp, ptid, tls, ctid);
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the argument order of
 * ARM and most 32-bit ABIs (CLONE_BACKWARDS). */
int64_t sys_clone(SysCall *c)
{
    return do_clone(c, sys_u32(c, 0), sys_u32(c, 1), sys_u32(c, 2), sys_u32(c, 3),
                    sys_u32(c, 4));
}

/* clone3(args, size): struct clone_args is 64-bit fields on every ABI. */
int64_t sys_clone3(SysCall *c)
{
    uint64_t a[11];
    uint32_t size = sys_u32(c, 1);
    /* CLONE_ARGS_SIZE_VER0 is 64 bytes; larger structs must be zero beyond
     * what ferry knows. */
    if (size < 64 || size > 4096)
        return -EINVAL;
    memset(a, 0, sizeof(a));
    if (copy_from_guest(a, sys_u32(c, 0), size < sizeof(a) ? size : sizeof(a)))
        return -EFAULT;
    for (uint32_t off = sizeof(a); off < size; off += 4) {
        uint32_t w;
        if (sys_get_u32(c->abi, sys_u32(c, 0) + off, &w))
            return -EFAULT;
        if (w)
            return -E2BIG;
    }
    for (int i = 0; i < 11; i++)
        a[i] = tsw64(c->abi, a[i]);
    uint64_t flags = a[0], pidfd = a[1], child_tid = a[2], parent_tid = a[3];
    uint64_t exit_signal = a[4], stack = a[5], stack_size = a[6], tls = a[7];
    uint64_t set_tid_size = size >= 80 ? a[9] : 0;
    if ((flags & CSIGNAL) || exit_signal > 64 || !stack != !stack_size)
        return -EINVAL;
    if (set_tid_size || (flags & CLONE_PIDFD) || (flags >> 32)) {
        static char site;
        if (ferry_first_time(&site, 0))
            ferry_log("clone3 with pidfd, set_tid or flags 0x%llx is not supported",
                      (unsigned long long)flags);
        return -EINVAL;
    }
    (void)pidfd;
    uint32_t sp = stack ? (uint32_t)(stack + stack_size) : 0;
    return do_clone(c, flags | exit_signal, sp, (uint32_t)parent_tid, (uint32_t)tls,
                    (uint32_t)child_tid);
}

/* ---- exit and thread registrations ---- */

int64_t sys_exit(SysCall *c)
{
    sys_thread_exit(c->abi, c->env, sys_int(c, 0) & 0xff);
}

int64_t sys_exit_group(SysCall *c)
{
    sys_exit_process(sys_int(c, 0) & 0xff);
}

/* Returns the caller's tid, as the kernel does. */
int64_t sys_set_tid_address(SysCall *c)
{
    SysThread *th = sys_thread_self(c->abi, c->env);
    th->clear_child_tid = sys_u32(c, 0);
    return th->tid;
}

int64_t sys_set_robust_list(SysCall *c)
{
    if (sys_u32(c, 1) != c->abi->robust_list_size)
        return -EINVAL;
    sys_thread_self(c->abi, c->env)->robust_list = sys_u32(c, 0);
    return 0;
}

/* get_robust_list(pid, head_ptr, len_ptr): the caller's (pid 0) or another
 * thread's of this process. */
int64_t sys_get_robust_list(SysCall *c)
{
    SysThread *self = sys_thread_self(c->abi, c->env);
    int pid = sys_int(c, 0);
    uint32_t head = 0;
    bool found = pid == 0 || pid == self->tid;
    if (found) {
        head = self->robust_list;
    } else {
        pthread_mutex_lock(&threads_lock);
        for (SysThread *t = threads; t; t = t->next) {
            if (t->tid == pid) {
                head = t->robust_list;
                found = true;
                break;
            }
        }
        pthread_mutex_unlock(&threads_lock);
    }
    if (!found)
        return -ESRCH;
    if (sys_put_u32(c->abi, sys_u32(c, 1), head) ||
        sys_put_u32(c->abi, sys_u32(c, 2), c->abi->robust_list_size))
        return -EFAULT;
    return 0;
}

/* ---- scheduling ---- */

/* ---- futex ---- */

static long host_futex(uint32_t uaddr, int op, uint32_t val, const void *timeout_or_val2,
                       uint32_t uaddr2, uint32_t val3)
{
    long r = syscall(SYS_futex, g2h(uaddr), op, val, timeout_or_val2,
                     uaddr2 ? g2h(uaddr2) : NULL, val3);
    return r == -1 ? -errno : r;
}

/* The operations that sleep, through safe_syscall so guest signals
 * interrupt them without a race. */
static long host_futex_wait(uint32_t uaddr, int op, uint32_t val, const struct timespec *ts,
                            uint32_t uaddr2, uint32_t val3)
{
    return safe_syscall6(SYS_futex, (long)g2h(uaddr), op, val, (long)ts,
                         uaddr2 ? (long)g2h(uaddr2) : 0, val3);
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
static int64_t do_futex(SysCall *c, XlatGetTs get_ts)
{
    const GuestAbi *abi = c->abi;
    uint32_t uaddr = sys_u32(c, 0), val = sys_u32(c, 2), arg4 = sys_u32(c, 3);
    uint32_t uaddr2 = sys_u32(c, 4), val3 = sys_u32(c, 5);
    int op = sys_int(c, 1);
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;
    const struct timespec *tsp = NULL;

    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_WAIT_REQUEUE_PI:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2: {
        if (arg4) {
            if (get_ts(abi, arg4, &ts))
                return -EFAULT;
            tsp = &ts;
        }
        if (cmd != FUTEX_LOCK_PI && cmd != FUTEX_LOCK_PI2)
            val = tsw32(abi, val);
        long r = host_futex_wait(uaddr, op, val, tsp, cmd == FUTEX_WAIT_REQUEUE_PI ? uaddr2 : 0,
                                 val3);
        /* Taking a PI lock is never cut short by a signal (the kernel's
         * ERESTARTNOINTR): it starts again after the handler. */
        if (r == -SYS_ERESTARTSYS && (cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2) && !tsp)
            return -SYS_ERESTARTNOINTR;
        return r;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        return host_futex(uaddr, op, val, NULL, 0, val3);
    case FUTEX_REQUEUE:
    case FUTEX_WAKE_OP:
        return host_futex(uaddr, op, val, (void *)(uintptr_t)arg4, uaddr2, val3);
    case FUTEX_CMP_REQUEUE:
    case FUTEX_CMP_REQUEUE_PI:
        return host_futex(uaddr, op, val, (void *)(uintptr_t)arg4, uaddr2, tsw32(abi, val3));
    default: {
        static char site;
        if (ferry_first_time(&site, (uint32_t)cmd))
            ferry_log("unsupported futex operation %d", cmd);
        return -ENOSYS;
    }
    }
}

int64_t sys_futex(SysCall *c)
{
    return do_futex(c, xlat_get_timespec32);
}

int64_t sys_futex_time64(SysCall *c)
{
    return do_futex(c, xlat_get_timespec64);
}
