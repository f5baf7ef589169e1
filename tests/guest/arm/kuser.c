/*
 * The ARM kuser helper page (Linux Documentation/arch/arm/kernel_user_helpers):
 * helper version word, get_tls, cmpxchg, memory barrier and cmpxchg64, called
 * from ARM and Thumb code.  Values are checked against the documented ABI
 * and against the TLS register read with MRC.
 */
#include <stdint.h>

#include "check.h"

typedef int kuser_cmpxchg_t(int oldval, int newval, volatile int *ptr);
typedef void *kuser_get_tls_t(void);
typedef void kuser_dmb_t(void);
typedef int kuser_cmpxchg64_t(const int64_t *oldval, const int64_t *newval,
                              volatile int64_t *ptr);

#define KUSER_VERSION (*(volatile int32_t *)0xffff0ffc)
#define KUSER_GET_TLS ((kuser_get_tls_t *)0xffff0fe0)
#define KUSER_CMPXCHG ((kuser_cmpxchg_t *)0xffff0fc0)
#define KUSER_DMB ((kuser_dmb_t *)0xffff0fa0)
#define KUSER_CMPXCHG64 ((kuser_cmpxchg64_t *)0xffff0f60)

static void *tls_register(void)
{
    void *v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
    return v;
}

static void check_cmpxchg(void)
{
    volatile int word = 41;
    CHECK(KUSER_CMPXCHG(41, 42, &word) == 0, "cmpxchg with the right old value succeeds");
    CHECK(word == 42, "cmpxchg stored the new value (%d)", word);
    CHECK(KUSER_CMPXCHG(41, 99, &word) != 0, "cmpxchg with a stale old value fails");
    CHECK(word == 42, "failed cmpxchg left the value (%d)", word);
    /* an atomic increment loop as libraries build it from cmpxchg */
    for (int i = 0; i < 1000; i++) {
        int old;
        do {
            old = word;
        } while (KUSER_CMPXCHG(old, old + 1, &word) != 0);
    }
    CHECK(word == 1042, "1000 increments through cmpxchg (%d)", word);
}

static void check_cmpxchg64(void)
{
    volatile int64_t v = 0x123456789abcdef0ll;
    int64_t old = 0x123456789abcdef0ll, new = -5;
    CHECK(KUSER_CMPXCHG64(&old, &new, &v) == 0, "cmpxchg64 succeeds");
    CHECK(v == -5, "cmpxchg64 stored the new value");
    old = 7;
    new = 8;
    CHECK(KUSER_CMPXCHG64(&old, &new, &v) != 0, "cmpxchg64 with a stale value fails");
    CHECK(v == -5, "failed cmpxchg64 left the value");
}

int main(void)
{
    int version = KUSER_VERSION;
    CHECK(version >= 5, "helper version %d has cmpxchg64", version);
    CHECK(KUSER_GET_TLS() == tls_register(), "get_tls returns TPIDRURO");
    CHECK(KUSER_GET_TLS() == __builtin_thread_pointer(), "get_tls is the thread pointer");
    KUSER_DMB();
    check_cmpxchg();
    if (version >= 5)
        check_cmpxchg64();
    return check_summary("kuser");
}
