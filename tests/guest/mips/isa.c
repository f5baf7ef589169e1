/*
 * MIPS32r2 integer instructions that compiled C rarely shows in the places
 * that matter: delay slots (a slot reading and writing the branch's own
 * registers, the link register seen from the slot), branch-likely annulling
 * its slot, LWL/LWR/SWL/SWR at every alignment, HI/LO with the multiply-
 * accumulate forms, CLO/CLZ, EXT/INS, WSBH/SEB/SEH, ROTR/ROTRV, MOVN/MOVZ,
 * LL/SC and RDHWR.  Expected values come from plain C.  Built for mips and
 * mipsel; exits 0 when every check passes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../arm/check.h"

#define NOINLINE __attribute__((noinline))

/* ---- delay slots ---- */

/* The slot's write to the compared register happens after the compare. */
NOINLINE static int slot_after_compare(int a)
{
    int taken;
    __asm__(".set push\n\t.set noreorder\n\t"
            "li %0, 0\n\t"
            "beq %1, $0, 1f\n\t"
            "addiu %1, %1, 5\n\t"      /* slot: runs on both paths */
            "li %0, 1\n"
            "1:\n\t.set pop"
            : "=&r"(taken), "+r"(a));
    return taken * 100 + a;
}

/* JAL's link register is already written when the slot runs. */
NOINLINE static uint32_t link_in_slot(void)
{
    uint32_t ra_seen, target;
    __asm__(".set push\n\t.set noreorder\n\t"
            "move $t0, $ra\n\t"
            "bal 1f\n\t"
            "move %0, $ra\n"           /* slot: sees the link value */
            "1:\n\t"
            "move %1, $ra\n\t"
            "move $ra, $t0\n\t.set pop"
            : "=&r"(ra_seen), "=&r"(target) : : "$t0", "$ra");
    return ra_seen == target ? 1 : 0;
}

/* Branch likely: the slot runs only when the branch is taken. */
NOINLINE static int likely_slot(int a)
{
    int r = 0;
    __asm__(".set push\n\t.set noreorder\n\t"
            "beql %1, $0, 1f\n\t"
            "addiu %0, %0, 7\n\t"      /* annulled when not taken */
            "addiu %0, %0, 1\n"
            "1:\n\t.set pop"
            : "+r"(r) : "r"(a));
    return r;
}

NOINLINE static int bgezall_slot(int a)
{
    int r = 0;
    __asm__(".set push\n\t.set noreorder\n\t"
            "move $t0, $ra\n\t"
            "bgezall %1, 1f\n\t"
            "addiu %0, %0, 3\n\t"
            "addiu %0, %0, 10\n"
            "1:\n\t"
            "move $ra, $t0\n\t.set pop"
            : "+r"(r) : "r"(a) : "$t0", "$ra");
    return r;
}

/* JR's target is read before its slot overwrites the register. */
NOINLINE static int jr_slot(void)
{
    int r = 0;
    __asm__(".set push\n\t.set noreorder\n\t"
            "bal 2f\n\t"
            "nop\n\t"
            "addiu %0, %0, 1\n\t"      /* JR lands here */
            "b 3f\n\t"
            "nop\n"
            "2:\n\t"
            "addiu $t1, $ra, 0\n\t"
            "jr $t1\n\t"
            "li $t1, 0\n"              /* slot clobbers the target register */
            "3:\n\t.set pop"
            : "+r"(r) : : "$t1", "$ra");
    return r;
}

static void check_delay_slots(void)
{
    CHECK(slot_after_compare(OPAQUE(0)) == 5, "beq taken with slot: %d", slot_after_compare(0));
    CHECK(slot_after_compare(OPAQUE(3)) == 108, "beq not taken with slot: %d",
          slot_after_compare(3));
    CHECK(link_in_slot(), "bal slot sees $ra");
    CHECK(likely_slot(OPAQUE(0)) == 7, "beql taken: %d", likely_slot(0));
    CHECK(likely_slot(OPAQUE(1)) == 1, "beql not taken annuls the slot: %d", likely_slot(1));
    CHECK(bgezall_slot(OPAQUE(4)) == 3, "bgezall taken: %d", bgezall_slot(4));
    CHECK(bgezall_slot(OPAQUE(-4)) == 10, "bgezall not taken: %d", bgezall_slot(-4));
    CHECK(jr_slot() == 1, "jr target read before its slot");
}

/* ---- unaligned word access ---- */

NOINLINE static uint32_t ulw(const uint8_t *p)
{
    uint32_t v;
    __asm__("ulw %0, 0(%1)" : "=&r"(v) : "r"(p) : "memory");
    return v;
}

NOINLINE static void usw(uint8_t *p, uint32_t v)
{
    __asm__("usw %0, 0(%1)" : : "r"(v), "r"(p) : "memory");
}

/* LWL alone merges the addressed bytes into the high end of rt. */
NOINLINE static uint32_t lwl_only(const uint8_t *p, uint32_t old)
{
    __asm__("lwl %0, 0(%1)" : "+r"(old) : "r"(p) : "memory");
    return old;
}

NOINLINE static uint32_t lwr_only(const uint8_t *p, uint32_t old)
{
    __asm__("lwr %0, 0(%1)" : "+r"(old) : "r"(p) : "memory");
    return old;
}

static uint32_t load_native(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static void check_unaligned(void)
{
    uint8_t buf[16] __attribute__((aligned(4)));
    for (int i = 0; i < 16; i++)
        buf[i] = (uint8_t)(0x11 * (i + 1));
    for (int off = 0; off < 8; off++) {
        CHECK(ulw(buf + off) == load_native(buf + off), "ulw at +%d: %08x", off,
              ulw(buf + off));
        uint8_t copy[16];
        memcpy(copy, buf, 16);
        usw(copy + off, 0xa1b2c3d4u);
        uint8_t want[16];
        memcpy(want, buf, 16);
        uint32_t v = 0xa1b2c3d4u;
        memcpy(want + off, &v, 4);
        CHECK(memcmp(copy, want, 16) == 0, "usw at +%d", off);
    }
    /* single LWL/LWR: which bytes land where depends on the byte order */
    const uint8_t *p = buf + 1;   /* bytes 22 33 44 in the rest of the word */
#ifdef __MIPSEB__
    CHECK(lwl_only(p, 0xdeadbeef) == 0x223344efu, "lwl +1 (BE): %08x", lwl_only(p, 0xdeadbeef));
    CHECK(lwr_only(p, 0xdeadbeef) == 0xdead1122u, "lwr +1 (BE): %08x", lwr_only(p, 0xdeadbeef));
#else
    CHECK(lwl_only(p, 0xdeadbeef) == 0x2211beefu, "lwl +1 (LE): %08x", lwl_only(p, 0xdeadbeef));
    CHECK(lwr_only(p, 0xdeadbeef) == 0xde443322u, "lwr +1 (LE): %08x", lwr_only(p, 0xdeadbeef));
#endif
}

/* ---- HI/LO ---- */

NOINLINE static uint64_t hilo_madd(uint32_t hi, uint32_t lo, int32_t a, int32_t b, int which)
{
    uint32_t rhi, rlo;
    switch (which) {
    case 0:
        __asm__("mthi %2\n\tmtlo %3\n\tmadd %4, %5\n\tmfhi %0\n\tmflo %1"
                : "=r"(rhi), "=r"(rlo) : "r"(hi), "r"(lo), "r"(a), "r"(b) : "hi", "lo");
        break;
    case 1:
        __asm__("mthi %2\n\tmtlo %3\n\tmaddu %4, %5\n\tmfhi %0\n\tmflo %1"
                : "=r"(rhi), "=r"(rlo) : "r"(hi), "r"(lo), "r"(a), "r"(b) : "hi", "lo");
        break;
    case 2:
        __asm__("mthi %2\n\tmtlo %3\n\tmsub %4, %5\n\tmfhi %0\n\tmflo %1"
                : "=r"(rhi), "=r"(rlo) : "r"(hi), "r"(lo), "r"(a), "r"(b) : "hi", "lo");
        break;
    default:
        __asm__("mthi %2\n\tmtlo %3\n\tmsubu %4, %5\n\tmfhi %0\n\tmflo %1"
                : "=r"(rhi), "=r"(rlo) : "r"(hi), "r"(lo), "r"(a), "r"(b) : "hi", "lo");
        break;
    }
    return (uint64_t)rhi << 32 | rlo;
}

NOINLINE static uint64_t hilo_div(int32_t a, int32_t b, bool uns)
{
    uint32_t q, r;
    if (uns)
        __asm__("divu $0, %2, %3\n\tmflo %0\n\tmfhi %1" : "=r"(q), "=r"(r) : "r"(a), "r"(b)
                : "hi", "lo");
    else
        __asm__("div $0, %2, %3\n\tmflo %0\n\tmfhi %1" : "=r"(q), "=r"(r) : "r"(a), "r"(b)
                : "hi", "lo");
    return (uint64_t)r << 32 | q;
}

static void check_hilo(void)
{
    static const int32_t vals[] = { 0, 1, -1, 7, -7, 0x7fffffff, (int32_t)0x80000000, 12345678,
                                    -987654321, 0x10000, 0xffff };
    const int n = sizeof(vals) / sizeof(vals[0]);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int32_t a = vals[i], b = vals[j];
            uint64_t acc = 0x123456789abcdef0ull;
            uint64_t s = (uint64_t)((int64_t)a * b), u = (uint64_t)(uint32_t)a * (uint32_t)b;
            CHECK(hilo_madd(acc >> 32, (uint32_t)acc, a, b, 0) == acc + s, "madd %d %d", a, b);
            CHECK(hilo_madd(acc >> 32, (uint32_t)acc, a, b, 1) == acc + u, "maddu %d %d", a, b);
            CHECK(hilo_madd(acc >> 32, (uint32_t)acc, a, b, 2) == acc - s, "msub %d %d", a, b);
            CHECK(hilo_madd(acc >> 32, (uint32_t)acc, a, b, 3) == acc - u, "msubu %d %d", a, b);
            if (b != 0 && !(a == (int32_t)0x80000000 && b == -1)) {
                uint64_t d = hilo_div(a, b, false);
                CHECK((int32_t)d == a / b && (int32_t)(d >> 32) == a % b, "div %d %d", a, b);
            }
            if (b != 0) {
                uint64_t d = hilo_div(a, b, true);
                CHECK((uint32_t)d == (uint32_t)a / (uint32_t)b &&
                      (uint32_t)(d >> 32) == (uint32_t)a % (uint32_t)b, "divu %d %d", a, b);
            }
        }
    }
    /* the most negative quotient: LO = INT_MIN, HI = 0 */
    uint64_t d = hilo_div(OPAQUE((int32_t)0x80000000), OPAQUE(-1), false);
    CHECK(d == 0x80000000u, "div INT_MIN, -1: %llx", (unsigned long long)d);
}

/* ---- bit manipulation ---- */

static void check_bits(void)
{
    uint32_t x = OPAQUE(0x12345678u), r;
    __asm__("wsbh %0, %1" : "=r"(r) : "r"(x));
    CHECK(r == 0x34127856u, "wsbh: %08x", r);
    __asm__("seb %0, %1" : "=r"(r) : "r"(OPAQUE(0x1234u | 0x80)));
    CHECK(r == 0xffffffb4u, "seb: %08x", r);
    __asm__("seh %0, %1" : "=r"(r) : "r"(OPAQUE(0x1238000u | 0x8001)));
    CHECK(r == 0xffff8001u, "seh: %08x", r);
    __asm__("rotr %0, %1, 8" : "=r"(r) : "r"(x));
    CHECK(r == 0x78123456u, "rotr: %08x", r);
    __asm__("rotrv %0, %1, %2" : "=r"(r) : "r"(x), "r"(OPAQUE(36)));
    CHECK(r == 0x81234567u, "rotrv by 36: %08x", r);
    __asm__("ext %0, %1, 4, 12" : "=r"(r) : "r"(x));
    CHECK(r == 0x567u, "ext: %08x", r);
    r = OPAQUE(0xffffffffu);
    __asm__("ins %0, %1, 8, 8" : "+r"(r) : "r"(OPAQUE(0x1234u)));
    CHECK(r == 0xffff34ffu, "ins: %08x", r);
    __asm__("clz %0, %1" : "=r"(r) : "r"(OPAQUE(0x00ffffffu)));
    CHECK(r == 8, "clz: %u", r);
    __asm__("clz %0, %1" : "=r"(r) : "r"(OPAQUE(0u)));
    CHECK(r == 32, "clz 0: %u", r);
    __asm__("clo %0, %1" : "=r"(r) : "r"(OPAQUE(0xfff0ffffu)));
    CHECK(r == 12, "clo: %u", r);
    r = OPAQUE(5u);
    __asm__("movn %0, %1, %2" : "+r"(r) : "r"(OPAQUE(9u)), "r"(OPAQUE(0u)));
    CHECK(r == 5, "movn not moved: %u", r);
    __asm__("movz %0, %1, %2" : "+r"(r) : "r"(OPAQUE(9u)), "r"(OPAQUE(0u)));
    CHECK(r == 9, "movz moved: %u", r);
    int32_t sr;
    __asm__("srav %0, %1, %2" : "=r"(sr) : "r"(OPAQUE(-256)), "r"(OPAQUE(33)));
    CHECK(sr == -128, "srav uses the low 5 bits: %d", sr);
}

/* ---- LL/SC and RDHWR ---- */

NOINLINE static int atomic_add(volatile int *p, int v)
{
    int old, tmp;
    __asm__ volatile(".set push\n\t.set noreorder\n"
                     "1:\tll %0, 0(%2)\n\t"
                     "addu %1, %0, %3\n\t"
                     "sc %1, 0(%2)\n\t"
                     "beqz %1, 1b\n\t"
                     "nop\n\t.set pop"
                     : "=&r"(old), "=&r"(tmp) : "r"(p), "r"(v) : "memory");
    return old;
}

NOINLINE static int sc_without_ll(volatile int *p)
{
    int ok = 42;
    __asm__ volatile("ll $t0, 0(%1)\n\tsw $t0, 4(%1)\n\tll $t0, 4(%1)\n\tsc %0, 0(%1)"
                     : "+r"(ok) : "r"(p) : "$t0", "memory");
    return ok;
}

static __thread int tls_var = 77;

static void check_atomics_and_tls(void)
{
    volatile int v[2] = { 10, 0 };
    for (int i = 0; i < 100; i++)
        atomic_add(&v[0], 3);
    CHECK(v[0] == 310, "ll/sc loop: %d", v[0]);
    CHECK(sc_without_ll(v) == 0, "sc to another address than the ll fails");
    void *tp;
    __asm__(".set push\n\t.set mips32r2\n\trdhwr $3, $29\n\tmove %0, $3\n\t.set pop"
            : "=r"(tp) : : "$3");
    CHECK(tp != NULL, "rdhwr $29 gives the thread pointer");
    CHECK(tls_var == 77, "TLS variable");
    tls_var++;
    CHECK(tls_var == 78, "TLS variable written");
}

int main(void)
{
    check_delay_slots();
    check_unaligned();
    check_hilo();
    check_bits();
    check_atomics_and_tls();
    return check_summary("isa");
}
