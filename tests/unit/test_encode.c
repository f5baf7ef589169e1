/*
 * Unit test of the x86-64 instruction encoder (src/tcg/x86_64/encode.c).
 *
 * Each expectation pairs the bytes an encoder call must produce with the
 * assembly text they stand for.  The bytes were produced independently of
 * ferry: the text (or the "as:" comment beside it, where gas needs a hint
 * such as {disp8} or a '.'-relative jump target) was assembled with
 *     printf '.intel_syntax noprefix\n%s\n' 'TEXT' | as --64 -o t.o -
 *     objdump -d t.o
 * and the bytes pasted here.  As a second check, capstone disassembles
 * what the encoder wrote and must print the same text (T cases and the
 * register tables; TB cases check bytes only, where capstone's rendering
 * differs or is wrong).  Capstone sees the code as if it sat at CS_BASE.
 *
 * Build alone:
 *     gcc -std=gnu11 -Wall -Wextra -Isrc tests/unit/test_encode.c \
 *         src/tcg/x86_64/encode.c -lcapstone -o test_encode
 * (add -DFERRY_TEST_NO_CAPSTONE to build without capstone; the
 * disassembly cross-check is then skipped).
 */
#include "tcg/x86_64/encode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FERRY_TEST_NO_CAPSTONE
#include <capstone/capstone.h>
#endif

#define CS_BASE 0x100000u

/* Code is emitted from the middle of the buffer so that jump targets on
 * either side are real addresses inside it. */
static uint8_t code[1 << 16];
static uint8_t *const origin = code + (1 << 15);
static X86Buf B;
static int n_pass, n_fail;

#ifndef FERRY_TEST_NO_CAPSTONE
static csh cs;
#endif

typedef struct Exp {
    const char *hex;  /* expected bytes, "0f 1f 00" */
    const char *text; /* the instruction(s), as capstone prints them */
} Exp;

static void t_reset(void)
{
    B = (X86Buf){ .p = origin, .end = code + sizeof code };
}

/* A RIP-relative operand; disp counts from the end of the instruction. */
static X86Mem rip(int32_t disp)
{
    return (X86Mem){ .base = X86_NOREG, .index = X86_NOREG, .scale = 1, .rip = true,
                     .disp = disp };
}

static void record(bool ok)
{
    if (ok)
        n_pass++;
    else
        n_fail++;
}

static void t_true(bool cond, const char *what, int line)
{
    if (!cond)
        printf("line %d: FAIL: %s\n", line, what);
    record(cond);
}

static size_t parse_hex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    for (const char *s = hex; *s;) {
        char *next;
        unsigned long v = strtoul(s, &next, 16);
        if (next == s)
            break;
        if (n < max)
            out[n] = (uint8_t)v;
        n++;
        s = next;
    }
    return n;
}

static void format_hex(const uint8_t *p, size_t n, char *out, size_t max)
{
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < n && k + 4 < max; i++)
        k += (size_t)snprintf(out + k, max - k, i ? " %02x" : "%02x", p[i]);
}

static void check_bytes(const char *hex, const char *text, int line)
{
    uint8_t want[64];
    size_t n_want = parse_hex(hex, want, sizeof want);
    size_t n_got = (size_t)(B.p - origin);
    bool ok = !B.overflow && n_got == n_want && memcmp(origin, want, n_got) == 0;
    if (!ok) {
        char got[256];
        format_hex(origin, n_got, got, sizeof got);
        printf("line %d: FAIL %s\n    want %s\n    got  %s%s\n", line, text, hex, got,
               B.overflow ? " (overflow)" : "");
    }
    record(ok);
}

#ifndef FERRY_TEST_NO_CAPSTONE
/* Capstone's text for the emitted bytes, instructions joined by "; ".
 * Returns false when capstone could not decode all of them. */
static bool disassemble(char *out, size_t max)
{
    size_t len = (size_t)(B.p - origin), used = 0, k = 0;
    cs_insn *insn;
    size_t count = cs_disasm(cs, origin, len, CS_BASE, 0, &insn);
    out[0] = 0;
    for (size_t i = 0; i < count; i++) {
        const char *sep = i ? "; " : "";
        if (insn[i].op_str[0])
            k += (size_t)snprintf(out + k, max - k, "%s%s %s", sep, insn[i].mnemonic,
                                  insn[i].op_str);
        else
            k += (size_t)snprintf(out + k, max - k, "%s%s", sep, insn[i].mnemonic);
        used += insn[i].size;
        if (k >= max)
            k = max - 1;
    }
    if (count)
        cs_free(insn, count);
    return used == len;
}

static void check_disasm(const char *text, int line)
{
    char got[512];
    bool ok = disassemble(got, sizeof got) && strcmp(got, text) == 0;
    if (!ok)
        printf("line %d: FAIL capstone: want \"%s\", got \"%s\"\n", line, text, got);
    record(ok);
}
#else
static void check_disasm(const char *text, int line)
{
    (void)text;
    (void)line;
}
#endif

static void t_check(const char *hex, const char *text, bool with_disasm, int line)
{
    check_bytes(hex, text, line);
    if (with_disasm && !B.overflow)
        check_disasm(text, line);
}

/* T: emit with a fresh buffer, check bytes and capstone's text.
 * TB: the same, bytes only. */
#define T(call, hex, text) \
    do { t_reset(); call; t_check(hex, text, true, __LINE__); } while (0)
#define TB(call, hex, text) \
    do { t_reset(); call; t_check(hex, text, false, __LINE__); } while (0)

/* ---- register and condition-code tables (index = register or cc) ---- */

/* x86_mov_rr(false, r, rcx) */
static const Exp mov_rr_dst32[16] = {
    { "89 c8", "mov eax, ecx" },
    { "89 c9", "mov ecx, ecx" },
    { "89 ca", "mov edx, ecx" },
    { "89 cb", "mov ebx, ecx" },
    { "89 cc", "mov esp, ecx" },
    { "89 cd", "mov ebp, ecx" },
    { "89 ce", "mov esi, ecx" },
    { "89 cf", "mov edi, ecx" },
    { "41 89 c8", "mov r8d, ecx" },
    { "41 89 c9", "mov r9d, ecx" },
    { "41 89 ca", "mov r10d, ecx" },
    { "41 89 cb", "mov r11d, ecx" },
    { "41 89 cc", "mov r12d, ecx" },
    { "41 89 cd", "mov r13d, ecx" },
    { "41 89 ce", "mov r14d, ecx" },
    { "41 89 cf", "mov r15d, ecx" },
};

/* x86_mov_rr(true, rdx, r) */
static const Exp mov_rr_src64[16] = {
    { "48 89 c2", "mov rdx, rax" },
    { "48 89 ca", "mov rdx, rcx" },
    { "48 89 d2", "mov rdx, rdx" },
    { "48 89 da", "mov rdx, rbx" },
    { "48 89 e2", "mov rdx, rsp" },
    { "48 89 ea", "mov rdx, rbp" },
    { "48 89 f2", "mov rdx, rsi" },
    { "48 89 fa", "mov rdx, rdi" },
    { "4c 89 c2", "mov rdx, r8" },
    { "4c 89 ca", "mov rdx, r9" },
    { "4c 89 d2", "mov rdx, r10" },
    { "4c 89 da", "mov rdx, r11" },
    { "4c 89 e2", "mov rdx, r12" },
    { "4c 89 ea", "mov rdx, r13" },
    { "4c 89 f2", "mov rdx, r14" },
    { "4c 89 fa", "mov rdx, r15" },
};

/* x86_alu_ri(ADD, true, r, 1) */
static const Exp alu_add64_imm8[16] = {
    { "48 83 c0 01", "add rax, 1" },
    { "48 83 c1 01", "add rcx, 1" },
    { "48 83 c2 01", "add rdx, 1" },
    { "48 83 c3 01", "add rbx, 1" },
    { "48 83 c4 01", "add rsp, 1" },
    { "48 83 c5 01", "add rbp, 1" },
    { "48 83 c6 01", "add rsi, 1" },
    { "48 83 c7 01", "add rdi, 1" },
    { "49 83 c0 01", "add r8, 1" },
    { "49 83 c1 01", "add r9, 1" },
    { "49 83 c2 01", "add r10, 1" },
    { "49 83 c3 01", "add r11, 1" },
    { "49 83 c4 01", "add r12, 1" },
    { "49 83 c5 01", "add r13, 1" },
    { "49 83 c6 01", "add r14, 1" },
    { "49 83 c7 01", "add r15, 1" },
};

/* x86_alu_ri(SUB, false, r, 0x1000) */
static const Exp alu_sub32_imm32[16] = {
    { "2d 00 10 00 00", "sub eax, 0x1000" },
    { "81 e9 00 10 00 00", "sub ecx, 0x1000" },
    { "81 ea 00 10 00 00", "sub edx, 0x1000" },
    { "81 eb 00 10 00 00", "sub ebx, 0x1000" },
    { "81 ec 00 10 00 00", "sub esp, 0x1000" },
    { "81 ed 00 10 00 00", "sub ebp, 0x1000" },
    { "81 ee 00 10 00 00", "sub esi, 0x1000" },
    { "81 ef 00 10 00 00", "sub edi, 0x1000" },
    { "41 81 e8 00 10 00 00", "sub r8d, 0x1000" },
    { "41 81 e9 00 10 00 00", "sub r9d, 0x1000" },
    { "41 81 ea 00 10 00 00", "sub r10d, 0x1000" },
    { "41 81 eb 00 10 00 00", "sub r11d, 0x1000" },
    { "41 81 ec 00 10 00 00", "sub r12d, 0x1000" },
    { "41 81 ed 00 10 00 00", "sub r13d, 0x1000" },
    { "41 81 ee 00 10 00 00", "sub r14d, 0x1000" },
    { "41 81 ef 00 10 00 00", "sub r15d, 0x1000" },
};

/* x86_alu_rr(XOR, true, r, r9) */
static const Exp alu_xor64_rr[16] = {
    { "4c 31 c8", "xor rax, r9" },
    { "4c 31 c9", "xor rcx, r9" },
    { "4c 31 ca", "xor rdx, r9" },
    { "4c 31 cb", "xor rbx, r9" },
    { "4c 31 cc", "xor rsp, r9" },
    { "4c 31 cd", "xor rbp, r9" },
    { "4c 31 ce", "xor rsi, r9" },
    { "4c 31 cf", "xor rdi, r9" },
    { "4d 31 c8", "xor r8, r9" },
    { "4d 31 c9", "xor r9, r9" },
    { "4d 31 ca", "xor r10, r9" },
    { "4d 31 cb", "xor r11, r9" },
    { "4d 31 cc", "xor r12, r9" },
    { "4d 31 cd", "xor r13, r9" },
    { "4d 31 ce", "xor r14, r9" },
    { "4d 31 cf", "xor r15, r9" },
};

/* x86_load(eax, [r], 4) */
static const Exp load_base0[16] = {
    { "8b 00", "mov eax, dword ptr [rax]" },
    { "8b 01", "mov eax, dword ptr [rcx]" },
    { "8b 02", "mov eax, dword ptr [rdx]" },
    { "8b 03", "mov eax, dword ptr [rbx]" },
    { "8b 04 24", "mov eax, dword ptr [rsp]" },
    { "8b 45 00", "mov eax, dword ptr [rbp]" },
    { "8b 06", "mov eax, dword ptr [rsi]" },
    { "8b 07", "mov eax, dword ptr [rdi]" },
    { "41 8b 00", "mov eax, dword ptr [r8]" },
    { "41 8b 01", "mov eax, dword ptr [r9]" },
    { "41 8b 02", "mov eax, dword ptr [r10]" },
    { "41 8b 03", "mov eax, dword ptr [r11]" },
    { "41 8b 04 24", "mov eax, dword ptr [r12]" },
    { "41 8b 45 00", "mov eax, dword ptr [r13]" },
    { "41 8b 06", "mov eax, dword ptr [r14]" },
    { "41 8b 07", "mov eax, dword ptr [r15]" },
};

/* x86_load(r10, [r - 8], 8) */
static const Exp load_base_m8[16] = {
    { "4c 8b 50 f8", "mov r10, qword ptr [rax - 8]" },
    { "4c 8b 51 f8", "mov r10, qword ptr [rcx - 8]" },
    { "4c 8b 52 f8", "mov r10, qword ptr [rdx - 8]" },
    { "4c 8b 53 f8", "mov r10, qword ptr [rbx - 8]" },
    { "4c 8b 54 24 f8", "mov r10, qword ptr [rsp - 8]" },
    { "4c 8b 55 f8", "mov r10, qword ptr [rbp - 8]" },
    { "4c 8b 56 f8", "mov r10, qword ptr [rsi - 8]" },
    { "4c 8b 57 f8", "mov r10, qword ptr [rdi - 8]" },
    { "4d 8b 50 f8", "mov r10, qword ptr [r8 - 8]" },
    { "4d 8b 51 f8", "mov r10, qword ptr [r9 - 8]" },
    { "4d 8b 52 f8", "mov r10, qword ptr [r10 - 8]" },
    { "4d 8b 53 f8", "mov r10, qword ptr [r11 - 8]" },
    { "4d 8b 54 24 f8", "mov r10, qword ptr [r12 - 8]" },
    { "4d 8b 55 f8", "mov r10, qword ptr [r13 - 8]" },
    { "4d 8b 56 f8", "mov r10, qword ptr [r14 - 8]" },
    { "4d 8b 57 f8", "mov r10, qword ptr [r15 - 8]" },
};

/* x86_load(r, [r12 + 0x100], 4) */
static const Exp load_dst[16] = {
    { "41 8b 84 24 00 01 00 00", "mov eax, dword ptr [r12 + 0x100]" },
    { "41 8b 8c 24 00 01 00 00", "mov ecx, dword ptr [r12 + 0x100]" },
    { "41 8b 94 24 00 01 00 00", "mov edx, dword ptr [r12 + 0x100]" },
    { "41 8b 9c 24 00 01 00 00", "mov ebx, dword ptr [r12 + 0x100]" },
    { "41 8b a4 24 00 01 00 00", "mov esp, dword ptr [r12 + 0x100]" },
    { "41 8b ac 24 00 01 00 00", "mov ebp, dword ptr [r12 + 0x100]" },
    { "41 8b b4 24 00 01 00 00", "mov esi, dword ptr [r12 + 0x100]" },
    { "41 8b bc 24 00 01 00 00", "mov edi, dword ptr [r12 + 0x100]" },
    { "45 8b 84 24 00 01 00 00", "mov r8d, dword ptr [r12 + 0x100]" },
    { "45 8b 8c 24 00 01 00 00", "mov r9d, dword ptr [r12 + 0x100]" },
    { "45 8b 94 24 00 01 00 00", "mov r10d, dword ptr [r12 + 0x100]" },
    { "45 8b 9c 24 00 01 00 00", "mov r11d, dword ptr [r12 + 0x100]" },
    { "45 8b a4 24 00 01 00 00", "mov r12d, dword ptr [r12 + 0x100]" },
    { "45 8b ac 24 00 01 00 00", "mov r13d, dword ptr [r12 + 0x100]" },
    { "45 8b b4 24 00 01 00 00", "mov r14d, dword ptr [r12 + 0x100]" },
    { "45 8b bc 24 00 01 00 00", "mov r15d, dword ptr [r12 + 0x100]" },
};

/* x86_store([rbx + r*4], ecx, 4) */
static const Exp store_index4[16] = {
    { "89 0c 83", "mov dword ptr [rbx + rax*4], ecx" },
    { "89 0c 8b", "mov dword ptr [rbx + rcx*4], ecx" },
    { "89 0c 93", "mov dword ptr [rbx + rdx*4], ecx" },
    { "89 0c 9b", "mov dword ptr [rbx + rbx*4], ecx" },
    { NULL, NULL }, /* not encodable */
    { "89 0c ab", "mov dword ptr [rbx + rbp*4], ecx" },
    { "89 0c b3", "mov dword ptr [rbx + rsi*4], ecx" },
    { "89 0c bb", "mov dword ptr [rbx + rdi*4], ecx" },
    { "42 89 0c 83", "mov dword ptr [rbx + r8*4], ecx" },
    { "42 89 0c 8b", "mov dword ptr [rbx + r9*4], ecx" },
    { "42 89 0c 93", "mov dword ptr [rbx + r10*4], ecx" },
    { "42 89 0c 9b", "mov dword ptr [rbx + r11*4], ecx" },
    { "42 89 0c a3", "mov dword ptr [rbx + r12*4], ecx" },
    { "42 89 0c ab", "mov dword ptr [rbx + r13*4], ecx" },
    { "42 89 0c b3", "mov dword ptr [rbx + r14*4], ecx" },
    { "42 89 0c bb", "mov dword ptr [rbx + r15*4], ecx" },
};

/* x86_load(eax, [r13 + r], 1, zero-extend) */
static const Exp load_r13_index[16] = {
    { "41 0f b6 44 05 00", "movzx eax, byte ptr [r13 + rax]" },
    { "41 0f b6 44 0d 00", "movzx eax, byte ptr [r13 + rcx]" },
    { "41 0f b6 44 15 00", "movzx eax, byte ptr [r13 + rdx]" },
    { "41 0f b6 44 1d 00", "movzx eax, byte ptr [r13 + rbx]" },
    { NULL, NULL }, /* not encodable */
    { "41 0f b6 44 2d 00", "movzx eax, byte ptr [r13 + rbp]" },
    { "41 0f b6 44 35 00", "movzx eax, byte ptr [r13 + rsi]" },
    { "41 0f b6 44 3d 00", "movzx eax, byte ptr [r13 + rdi]" },
    { "43 0f b6 44 05 00", "movzx eax, byte ptr [r13 + r8]" },
    { "43 0f b6 44 0d 00", "movzx eax, byte ptr [r13 + r9]" },
    { "43 0f b6 44 15 00", "movzx eax, byte ptr [r13 + r10]" },
    { "43 0f b6 44 1d 00", "movzx eax, byte ptr [r13 + r11]" },
    { "43 0f b6 44 25 00", "movzx eax, byte ptr [r13 + r12]" },
    { "43 0f b6 44 2d 00", "movzx eax, byte ptr [r13 + r13]" },
    { "43 0f b6 44 35 00", "movzx eax, byte ptr [r13 + r14]" },
    { "43 0f b6 44 3d 00", "movzx eax, byte ptr [r13 + r15]" },
};

/* x86_store([rdi], r, 1) */
static const Exp store_byte_src[16] = {
    { "88 07", "mov byte ptr [rdi], al" },
    { "88 0f", "mov byte ptr [rdi], cl" },
    { "88 17", "mov byte ptr [rdi], dl" },
    { "88 1f", "mov byte ptr [rdi], bl" },
    { "40 88 27", "mov byte ptr [rdi], spl" },
    { "40 88 2f", "mov byte ptr [rdi], bpl" },
    { "40 88 37", "mov byte ptr [rdi], sil" },
    { "40 88 3f", "mov byte ptr [rdi], dil" },
    { "44 88 07", "mov byte ptr [rdi], r8b" },
    { "44 88 0f", "mov byte ptr [rdi], r9b" },
    { "44 88 17", "mov byte ptr [rdi], r10b" },
    { "44 88 1f", "mov byte ptr [rdi], r11b" },
    { "44 88 27", "mov byte ptr [rdi], r12b" },
    { "44 88 2f", "mov byte ptr [rdi], r13b" },
    { "44 88 37", "mov byte ptr [rdi], r14b" },
    { "44 88 3f", "mov byte ptr [rdi], r15b" },
};

/* x86_setcc(NE, r) */
static const Exp setne_reg[16] = {
    { "0f 95 c0", "setne al" },
    { "0f 95 c1", "setne cl" },
    { "0f 95 c2", "setne dl" },
    { "0f 95 c3", "setne bl" },
    { "40 0f 95 c4", "setne spl" },
    { "40 0f 95 c5", "setne bpl" },
    { "40 0f 95 c6", "setne sil" },
    { "40 0f 95 c7", "setne dil" },
    { "41 0f 95 c0", "setne r8b" },
    { "41 0f 95 c1", "setne r9b" },
    { "41 0f 95 c2", "setne r10b" },
    { "41 0f 95 c3", "setne r11b" },
    { "41 0f 95 c4", "setne r12b" },
    { "41 0f 95 c5", "setne r13b" },
    { "41 0f 95 c6", "setne r14b" },
    { "41 0f 95 c7", "setne r15b" },
};

/* x86_ext_rr(eax, r, 1, zero, 32) */
static const Exp movzx_byte_src[16] = {
    { "0f b6 c0", "movzx eax, al" },
    { "0f b6 c1", "movzx eax, cl" },
    { "0f b6 c2", "movzx eax, dl" },
    { "0f b6 c3", "movzx eax, bl" },
    { "40 0f b6 c4", "movzx eax, spl" },
    { "40 0f b6 c5", "movzx eax, bpl" },
    { "40 0f b6 c6", "movzx eax, sil" },
    { "40 0f b6 c7", "movzx eax, dil" },
    { "41 0f b6 c0", "movzx eax, r8b" },
    { "41 0f b6 c1", "movzx eax, r9b" },
    { "41 0f b6 c2", "movzx eax, r10b" },
    { "41 0f b6 c3", "movzx eax, r11b" },
    { "41 0f b6 c4", "movzx eax, r12b" },
    { "41 0f b6 c5", "movzx eax, r13b" },
    { "41 0f b6 c6", "movzx eax, r14b" },
    { "41 0f b6 c7", "movzx eax, r15b" },
};

/* x86_ext_rr(r, rsi, 1, sign, 64) */
static const Exp movsx_byte_dst64[16] = {
    { "48 0f be c6", "movsx rax, sil" },
    { "48 0f be ce", "movsx rcx, sil" },
    { "48 0f be d6", "movsx rdx, sil" },
    { "48 0f be de", "movsx rbx, sil" },
    { "48 0f be e6", "movsx rsp, sil" },
    { "48 0f be ee", "movsx rbp, sil" },
    { "48 0f be f6", "movsx rsi, sil" },
    { "48 0f be fe", "movsx rdi, sil" },
    { "4c 0f be c6", "movsx r8, sil" },
    { "4c 0f be ce", "movsx r9, sil" },
    { "4c 0f be d6", "movsx r10, sil" },
    { "4c 0f be de", "movsx r11, sil" },
    { "4c 0f be e6", "movsx r12, sil" },
    { "4c 0f be ee", "movsx r13, sil" },
    { "4c 0f be f6", "movsx r14, sil" },
    { "4c 0f be fe", "movsx r15, sil" },
};

/* x86_push(r) */
static const Exp push_reg[16] = {
    { "50", "push rax" },
    { "51", "push rcx" },
    { "52", "push rdx" },
    { "53", "push rbx" },
    { "54", "push rsp" },
    { "55", "push rbp" },
    { "56", "push rsi" },
    { "57", "push rdi" },
    { "41 50", "push r8" },
    { "41 51", "push r9" },
    { "41 52", "push r10" },
    { "41 53", "push r11" },
    { "41 54", "push r12" },
    { "41 55", "push r13" },
    { "41 56", "push r14" },
    { "41 57", "push r15" },
};

/* x86_pop(r) */
static const Exp pop_reg[16] = {
    { "58", "pop rax" },
    { "59", "pop rcx" },
    { "5a", "pop rdx" },
    { "5b", "pop rbx" },
    { "5c", "pop rsp" },
    { "5d", "pop rbp" },
    { "5e", "pop rsi" },
    { "5f", "pop rdi" },
    { "41 58", "pop r8" },
    { "41 59", "pop r9" },
    { "41 5a", "pop r10" },
    { "41 5b", "pop r11" },
    { "41 5c", "pop r12" },
    { "41 5d", "pop r13" },
    { "41 5e", "pop r14" },
    { "41 5f", "pop r15" },
};

/* x86_bswap(true, r) */
static const Exp bswap64_reg[16] = {
    { "48 0f c8", "bswap rax" },
    { "48 0f c9", "bswap rcx" },
    { "48 0f ca", "bswap rdx" },
    { "48 0f cb", "bswap rbx" },
    { "48 0f cc", "bswap rsp" },
    { "48 0f cd", "bswap rbp" },
    { "48 0f ce", "bswap rsi" },
    { "48 0f cf", "bswap rdi" },
    { "49 0f c8", "bswap r8" },
    { "49 0f c9", "bswap r9" },
    { "49 0f ca", "bswap r10" },
    { "49 0f cb", "bswap r11" },
    { "49 0f cc", "bswap r12" },
    { "49 0f cd", "bswap r13" },
    { "49 0f ce", "bswap r14" },
    { "49 0f cf", "bswap r15" },
};

/* x86_mov_ri(r, 0x12345678) */
static const Exp mov_ri32_reg[16] = {
    { "b8 78 56 34 12", "mov eax, 0x12345678" },
    { "b9 78 56 34 12", "mov ecx, 0x12345678" },
    { "ba 78 56 34 12", "mov edx, 0x12345678" },
    { "bb 78 56 34 12", "mov ebx, 0x12345678" },
    { "bc 78 56 34 12", "mov esp, 0x12345678" },
    { "bd 78 56 34 12", "mov ebp, 0x12345678" },
    { "be 78 56 34 12", "mov esi, 0x12345678" },
    { "bf 78 56 34 12", "mov edi, 0x12345678" },
    { "41 b8 78 56 34 12", "mov r8d, 0x12345678" },
    { "41 b9 78 56 34 12", "mov r9d, 0x12345678" },
    { "41 ba 78 56 34 12", "mov r10d, 0x12345678" },
    { "41 bb 78 56 34 12", "mov r11d, 0x12345678" },
    { "41 bc 78 56 34 12", "mov r12d, 0x12345678" },
    { "41 bd 78 56 34 12", "mov r13d, 0x12345678" },
    { "41 be 78 56 34 12", "mov r14d, 0x12345678" },
    { "41 bf 78 56 34 12", "mov r15d, 0x12345678" },
};

/* x86_mov_ri(r, 0x123456789) */
static const Exp movabs_reg[16] = {
    { "48 b8 89 67 45 23 01 00 00 00", "movabs rax, 0x123456789" },
    { "48 b9 89 67 45 23 01 00 00 00", "movabs rcx, 0x123456789" },
    { "48 ba 89 67 45 23 01 00 00 00", "movabs rdx, 0x123456789" },
    { "48 bb 89 67 45 23 01 00 00 00", "movabs rbx, 0x123456789" },
    { "48 bc 89 67 45 23 01 00 00 00", "movabs rsp, 0x123456789" },
    { "48 bd 89 67 45 23 01 00 00 00", "movabs rbp, 0x123456789" },
    { "48 be 89 67 45 23 01 00 00 00", "movabs rsi, 0x123456789" },
    { "48 bf 89 67 45 23 01 00 00 00", "movabs rdi, 0x123456789" },
    { "49 b8 89 67 45 23 01 00 00 00", "movabs r8, 0x123456789" },
    { "49 b9 89 67 45 23 01 00 00 00", "movabs r9, 0x123456789" },
    { "49 ba 89 67 45 23 01 00 00 00", "movabs r10, 0x123456789" },
    { "49 bb 89 67 45 23 01 00 00 00", "movabs r11, 0x123456789" },
    { "49 bc 89 67 45 23 01 00 00 00", "movabs r12, 0x123456789" },
    { "49 bd 89 67 45 23 01 00 00 00", "movabs r13, 0x123456789" },
    { "49 be 89 67 45 23 01 00 00 00", "movabs r14, 0x123456789" },
    { "49 bf 89 67 45 23 01 00 00 00", "movabs r15, 0x123456789" },
};

/* x86_shift_ri(SHL, true, r, 3) */
static const Exp shl64_reg[16] = {
    { "48 c1 e0 03", "shl rax, 3" },
    { "48 c1 e1 03", "shl rcx, 3" },
    { "48 c1 e2 03", "shl rdx, 3" },
    { "48 c1 e3 03", "shl rbx, 3" },
    { "48 c1 e4 03", "shl rsp, 3" },
    { "48 c1 e5 03", "shl rbp, 3" },
    { "48 c1 e6 03", "shl rsi, 3" },
    { "48 c1 e7 03", "shl rdi, 3" },
    { "49 c1 e0 03", "shl r8, 3" },
    { "49 c1 e1 03", "shl r9, 3" },
    { "49 c1 e2 03", "shl r10, 3" },
    { "49 c1 e3 03", "shl r11, 3" },
    { "49 c1 e4 03", "shl r12, 3" },
    { "49 c1 e5 03", "shl r13, 3" },
    { "49 c1 e6 03", "shl r14, 3" },
    { "49 c1 e7 03", "shl r15, 3" },
};

/* x86_call_r(r) */
static const Exp call_reg[16] = {
    { "ff d0", "call rax" },
    { "ff d1", "call rcx" },
    { "ff d2", "call rdx" },
    { "ff d3", "call rbx" },
    { "ff d4", "call rsp" },
    { "ff d5", "call rbp" },
    { "ff d6", "call rsi" },
    { "ff d7", "call rdi" },
    { "41 ff d0", "call r8" },
    { "41 ff d1", "call r9" },
    { "41 ff d2", "call r10" },
    { "41 ff d3", "call r11" },
    { "41 ff d4", "call r12" },
    { "41 ff d5", "call r13" },
    { "41 ff d6", "call r14" },
    { "41 ff d7", "call r15" },
};

/* x86_cmov(L, false, r, r14) */
static const Exp cmovl_dst[16] = {
    { "41 0f 4c c6", "cmovl eax, r14d" },
    { "41 0f 4c ce", "cmovl ecx, r14d" },
    { "41 0f 4c d6", "cmovl edx, r14d" },
    { "41 0f 4c de", "cmovl ebx, r14d" },
    { "41 0f 4c e6", "cmovl esp, r14d" },
    { "41 0f 4c ee", "cmovl ebp, r14d" },
    { "41 0f 4c f6", "cmovl esi, r14d" },
    { "41 0f 4c fe", "cmovl edi, r14d" },
    { "45 0f 4c c6", "cmovl r8d, r14d" },
    { "45 0f 4c ce", "cmovl r9d, r14d" },
    { "45 0f 4c d6", "cmovl r10d, r14d" },
    { "45 0f 4c de", "cmovl r11d, r14d" },
    { "45 0f 4c e6", "cmovl r12d, r14d" },
    { "45 0f 4c ee", "cmovl r13d, r14d" },
    { "45 0f 4c f6", "cmovl r14d, r14d" },
    { "45 0f 4c fe", "cmovl r15d, r14d" },
};

/* x86_movd_xr(xmm r, gpr 15 - r, true) */
static const Exp movq_xr[16] = {
    { "66 49 0f 6e c7", "movq xmm0, r15" },
    { "66 49 0f 6e ce", "movq xmm1, r14" },
    { "66 49 0f 6e d5", "movq xmm2, r13" },
    { "66 49 0f 6e dc", "movq xmm3, r12" },
    { "66 49 0f 6e e3", "movq xmm4, r11" },
    { "66 49 0f 6e ea", "movq xmm5, r10" },
    { "66 49 0f 6e f1", "movq xmm6, r9" },
    { "66 49 0f 6e f8", "movq xmm7, r8" },
    { "66 4c 0f 6e c7", "movq xmm8, rdi" },
    { "66 4c 0f 6e ce", "movq xmm9, rsi" },
    { "66 4c 0f 6e d5", "movq xmm10, rbp" },
    { "66 4c 0f 6e dc", "movq xmm11, rsp" },
    { "66 4c 0f 6e e3", "movq xmm12, rbx" },
    { "66 4c 0f 6e ea", "movq xmm13, rdx" },
    { "66 4c 0f 6e f1", "movq xmm14, rcx" },
    { "66 4c 0f 6e f8", "movq xmm15, rax" },
};

/* x86_movd_rx(gpr r, xmm 15 - r, false) */
static const Exp movd_rx[16] = {
    { "66 44 0f 7e f8", "movd eax, xmm15" },
    { "66 44 0f 7e f1", "movd ecx, xmm14" },
    { "66 44 0f 7e ea", "movd edx, xmm13" },
    { "66 44 0f 7e e3", "movd ebx, xmm12" },
    { "66 44 0f 7e dc", "movd esp, xmm11" },
    { "66 44 0f 7e d5", "movd ebp, xmm10" },
    { "66 44 0f 7e ce", "movd esi, xmm9" },
    { "66 44 0f 7e c7", "movd edi, xmm8" },
    { "66 41 0f 7e f8", "movd r8d, xmm7" },
    { "66 41 0f 7e f1", "movd r9d, xmm6" },
    { "66 41 0f 7e ea", "movd r10d, xmm5" },
    { "66 41 0f 7e e3", "movd r11d, xmm4" },
    { "66 41 0f 7e dc", "movd r12d, xmm3" },
    { "66 41 0f 7e d5", "movd r13d, xmm2" },
    { "66 41 0f 7e ce", "movd r14d, xmm1" },
    { "66 41 0f 7e c7", "movd r15d, xmm0" },
};

/* x86_sse_scalar_rr(0x58, dbl, xmm r, xmm 15 - r) */
static const Exp addsd_reg[16] = {
    { "f2 41 0f 58 c7", "addsd xmm0, xmm15" },
    { "f2 41 0f 58 ce", "addsd xmm1, xmm14" },
    { "f2 41 0f 58 d5", "addsd xmm2, xmm13" },
    { "f2 41 0f 58 dc", "addsd xmm3, xmm12" },
    { "f2 41 0f 58 e3", "addsd xmm4, xmm11" },
    { "f2 41 0f 58 ea", "addsd xmm5, xmm10" },
    { "f2 41 0f 58 f1", "addsd xmm6, xmm9" },
    { "f2 41 0f 58 f8", "addsd xmm7, xmm8" },
    { "f2 44 0f 58 c7", "addsd xmm8, xmm7" },
    { "f2 44 0f 58 ce", "addsd xmm9, xmm6" },
    { "f2 44 0f 58 d5", "addsd xmm10, xmm5" },
    { "f2 44 0f 58 dc", "addsd xmm11, xmm4" },
    { "f2 44 0f 58 e3", "addsd xmm12, xmm3" },
    { "f2 44 0f 58 ea", "addsd xmm13, xmm2" },
    { "f2 44 0f 58 f1", "addsd xmm14, xmm1" },
    { "f2 44 0f 58 f8", "addsd xmm15, xmm0" },
};

/* x86_movdqu_xm(xmm r, [r]) */
static const Exp movdqu_load[16] = {
    { "f3 0f 6f 00", "movdqu xmm0, xmmword ptr [rax]" },
    { "f3 0f 6f 09", "movdqu xmm1, xmmword ptr [rcx]" },
    { "f3 0f 6f 12", "movdqu xmm2, xmmword ptr [rdx]" },
    { "f3 0f 6f 1b", "movdqu xmm3, xmmword ptr [rbx]" },
    { "f3 0f 6f 24 24", "movdqu xmm4, xmmword ptr [rsp]" },
    { "f3 0f 6f 6d 00", "movdqu xmm5, xmmword ptr [rbp]" },
    { "f3 0f 6f 36", "movdqu xmm6, xmmword ptr [rsi]" },
    { "f3 0f 6f 3f", "movdqu xmm7, xmmword ptr [rdi]" },
    { "f3 45 0f 6f 00", "movdqu xmm8, xmmword ptr [r8]" },
    { "f3 45 0f 6f 09", "movdqu xmm9, xmmword ptr [r9]" },
    { "f3 45 0f 6f 12", "movdqu xmm10, xmmword ptr [r10]" },
    { "f3 45 0f 6f 1b", "movdqu xmm11, xmmword ptr [r11]" },
    { "f3 45 0f 6f 24 24", "movdqu xmm12, xmmword ptr [r12]" },
    { "f3 45 0f 6f 6d 00", "movdqu xmm13, xmmword ptr [r13]" },
    { "f3 45 0f 6f 36", "movdqu xmm14, xmmword ptr [r14]" },
    { "f3 45 0f 6f 3f", "movdqu xmm15, xmmword ptr [r15]" },
};

/* x86_jcc_to(cc, origin + 0x10) */
static const Exp jcc_short[16] = {
    { "70 0e", "jo 0x100010" }, /* as: jo .+0x10 */
    { "71 0e", "jno 0x100010" }, /* as: jno .+0x10 */
    { "72 0e", "jb 0x100010" }, /* as: jb .+0x10 */
    { "73 0e", "jae 0x100010" }, /* as: jae .+0x10 */
    { "74 0e", "je 0x100010" }, /* as: je .+0x10 */
    { "75 0e", "jne 0x100010" }, /* as: jne .+0x10 */
    { "76 0e", "jbe 0x100010" }, /* as: jbe .+0x10 */
    { "77 0e", "ja 0x100010" }, /* as: ja .+0x10 */
    { "78 0e", "js 0x100010" }, /* as: js .+0x10 */
    { "79 0e", "jns 0x100010" }, /* as: jns .+0x10 */
    { "7a 0e", "jp 0x100010" }, /* as: jp .+0x10 */
    { "7b 0e", "jnp 0x100010" }, /* as: jnp .+0x10 */
    { "7c 0e", "jl 0x100010" }, /* as: jl .+0x10 */
    { "7d 0e", "jge 0x100010" }, /* as: jge .+0x10 */
    { "7e 0e", "jle 0x100010" }, /* as: jle .+0x10 */
    { "7f 0e", "jg 0x100010" }, /* as: jg .+0x10 */
};

/* x86_jcc32(cc), patched to origin - 0x300 */
static const Exp jcc_patched[16] = {
    { "0f 80 fa fc ff ff", "jo 0xffd00" }, /* as: jo .-0x300 */
    { "0f 81 fa fc ff ff", "jno 0xffd00" }, /* as: jno .-0x300 */
    { "0f 82 fa fc ff ff", "jb 0xffd00" }, /* as: jb .-0x300 */
    { "0f 83 fa fc ff ff", "jae 0xffd00" }, /* as: jae .-0x300 */
    { "0f 84 fa fc ff ff", "je 0xffd00" }, /* as: je .-0x300 */
    { "0f 85 fa fc ff ff", "jne 0xffd00" }, /* as: jne .-0x300 */
    { "0f 86 fa fc ff ff", "jbe 0xffd00" }, /* as: jbe .-0x300 */
    { "0f 87 fa fc ff ff", "ja 0xffd00" }, /* as: ja .-0x300 */
    { "0f 88 fa fc ff ff", "js 0xffd00" }, /* as: js .-0x300 */
    { "0f 89 fa fc ff ff", "jns 0xffd00" }, /* as: jns .-0x300 */
    { "0f 8a fa fc ff ff", "jp 0xffd00" }, /* as: jp .-0x300 */
    { "0f 8b fa fc ff ff", "jnp 0xffd00" }, /* as: jnp .-0x300 */
    { "0f 8c fa fc ff ff", "jl 0xffd00" }, /* as: jl .-0x300 */
    { "0f 8d fa fc ff ff", "jge 0xffd00" }, /* as: jge .-0x300 */
    { "0f 8e fa fc ff ff", "jle 0xffd00" }, /* as: jle .-0x300 */
    { "0f 8f fa fc ff ff", "jg 0xffd00" }, /* as: jg .-0x300 */
};

/* x86_setcc(cc, al) */
static const Exp setcc_cc[16] = {
    { "0f 90 c0", "seto al" },
    { "0f 91 c0", "setno al" },
    { "0f 92 c0", "setb al" },
    { "0f 93 c0", "setae al" },
    { "0f 94 c0", "sete al" },
    { "0f 95 c0", "setne al" },
    { "0f 96 c0", "setbe al" },
    { "0f 97 c0", "seta al" },
    { "0f 98 c0", "sets al" },
    { "0f 99 c0", "setns al" },
    { "0f 9a c0", "setp al" },
    { "0f 9b c0", "setnp al" },
    { "0f 9c c0", "setl al" },
    { "0f 9d c0", "setge al" },
    { "0f 9e c0", "setle al" },
    { "0f 9f c0", "setg al" },
};

/* x86_cmov(cc, true, rax, r8) */
static const Exp cmov_cc[16] = {
    { "49 0f 40 c0", "cmovo rax, r8" },
    { "49 0f 41 c0", "cmovno rax, r8" },
    { "49 0f 42 c0", "cmovb rax, r8" },
    { "49 0f 43 c0", "cmovae rax, r8" },
    { "49 0f 44 c0", "cmove rax, r8" },
    { "49 0f 45 c0", "cmovne rax, r8" },
    { "49 0f 46 c0", "cmovbe rax, r8" },
    { "49 0f 47 c0", "cmova rax, r8" },
    { "49 0f 48 c0", "cmovs rax, r8" },
    { "49 0f 49 c0", "cmovns rax, r8" },
    { "49 0f 4a c0", "cmovp rax, r8" },
    { "49 0f 4b c0", "cmovnp rax, r8" },
    { "49 0f 4c c0", "cmovl rax, r8" },
    { "49 0f 4d c0", "cmovge rax, r8" },
    { "49 0f 4e c0", "cmovle rax, r8" },
    { "49 0f 4f c0", "cmovg rax, r8" },
};

static void e_mov_rr_dst32(int r) { x86_mov_rr(&B, false, r, X86_RCX); }
static void e_mov_rr_src64(int r) { x86_mov_rr(&B, true, X86_RDX, r); }
static void e_alu_add64_imm8(int r) { x86_alu_ri(&B, X86_ADD, true, r, 1); }
static void e_alu_sub32_imm32(int r) { x86_alu_ri(&B, X86_SUB, false, r, 0x1000); }
static void e_alu_xor64_rr(int r) { x86_alu_rr(&B, X86_XOR, true, r, X86_R9); }
static void e_load_base0(int r) { x86_load(&B, X86_RAX, x86_mem(r, 0), 4, false, false); }
static void e_load_base_m8(int r) { x86_load(&B, X86_R10, x86_mem(r, -8), 8, false, true); }
static void e_load_dst(int r) { x86_load(&B, r, x86_mem(X86_R12, 0x100), 4, false, false); }

static void e_store_index4(int r)
{
    x86_store(&B, x86_mem_bis(X86_RBX, r, 4, 0), X86_RCX, 4);
}

static void e_load_r13_index(int r)
{
    x86_load(&B, X86_RAX, x86_mem_bi(X86_R13, r, 0), 1, false, false);
}

static void e_store_byte_src(int r) { x86_store(&B, x86_mem(X86_RDI, 0), r, 1); }
static void e_setne_reg(int r) { x86_setcc(&B, X86_CC_NE, r); }
static void e_movzx_byte_src(int r) { x86_ext_rr(&B, X86_RAX, r, 1, false, false); }
static void e_movsx_byte_dst64(int r) { x86_ext_rr(&B, r, X86_RSI, 1, true, true); }
static void e_push_reg(int r) { x86_push(&B, r); }
static void e_pop_reg(int r) { x86_pop(&B, r); }
static void e_bswap64_reg(int r) { x86_bswap(&B, true, r); }
static void e_mov_ri32_reg(int r) { x86_mov_ri(&B, r, 0x12345678); }
static void e_movabs_reg(int r) { x86_mov_ri(&B, r, 0x123456789ull); }
static void e_shl64_reg(int r) { x86_shift_ri(&B, X86_SHL, true, r, 3); }
static void e_call_reg(int r) { x86_call_r(&B, r); }
static void e_cmovl_dst(int r) { x86_cmov(&B, X86_CC_L, false, r, X86_R14); }
static void e_movq_xr(int r) { x86_movd_xr(&B, r, 15 - r, true); }
static void e_movd_rx(int r) { x86_movd_rx(&B, r, 15 - r, false); }
static void e_addsd_reg(int r) { x86_sse_scalar_rr(&B, 0x58, true, r, 15 - r); }
static void e_movdqu_load(int r) { x86_movdqu_xm(&B, r, x86_mem(r, 0)); }
static void e_jcc_short(int c) { x86_jcc_to(&B, (X86Cond)c, origin + 0x10); }

static void e_jcc_patched(int c)
{
    uint8_t *field = x86_jcc32(&B, (X86Cond)c);
    x86_patch_rel32(field, origin - 0x300);
}

static void e_setcc_cc(int c) { x86_setcc(&B, (X86Cond)c, X86_RAX); }
static void e_cmov_cc(int c) { x86_cmov(&B, (X86Cond)c, true, X86_RAX, X86_R8); }

typedef struct RegTable {
    const char *name;
    const Exp *exp;
    void (*emit)(int r);
} RegTable;

static const RegTable reg_tables[] = {
    { "mov_rr_dst32", mov_rr_dst32, e_mov_rr_dst32 },
    { "mov_rr_src64", mov_rr_src64, e_mov_rr_src64 },
    { "alu_add64_imm8", alu_add64_imm8, e_alu_add64_imm8 },
    { "alu_sub32_imm32", alu_sub32_imm32, e_alu_sub32_imm32 },
    { "alu_xor64_rr", alu_xor64_rr, e_alu_xor64_rr },
    { "load_base0", load_base0, e_load_base0 },
    { "load_base_m8", load_base_m8, e_load_base_m8 },
    { "load_dst", load_dst, e_load_dst },
    { "store_index4", store_index4, e_store_index4 },
    { "load_r13_index", load_r13_index, e_load_r13_index },
    { "store_byte_src", store_byte_src, e_store_byte_src },
    { "setne_reg", setne_reg, e_setne_reg },
    { "movzx_byte_src", movzx_byte_src, e_movzx_byte_src },
    { "movsx_byte_dst64", movsx_byte_dst64, e_movsx_byte_dst64 },
    { "push_reg", push_reg, e_push_reg },
    { "pop_reg", pop_reg, e_pop_reg },
    { "bswap64_reg", bswap64_reg, e_bswap64_reg },
    { "mov_ri32_reg", mov_ri32_reg, e_mov_ri32_reg },
    { "movabs_reg", movabs_reg, e_movabs_reg },
    { "shl64_reg", shl64_reg, e_shl64_reg },
    { "call_reg", call_reg, e_call_reg },
    { "cmovl_dst", cmovl_dst, e_cmovl_dst },
    { "movq_xr", movq_xr, e_movq_xr },
    { "movd_rx", movd_rx, e_movd_rx },
    { "addsd_reg", addsd_reg, e_addsd_reg },
    { "movdqu_load", movdqu_load, e_movdqu_load },
    { "jcc_short", jcc_short, e_jcc_short },
    { "jcc_patched", jcc_patched, e_jcc_patched },
    { "setcc_cc", setcc_cc, e_setcc_cc },
    { "cmov_cc", cmov_cc, e_cmov_cc },
};

static void test_reg_tables(void)
{
    for (size_t t = 0; t < sizeof reg_tables / sizeof reg_tables[0]; t++) {
        const RegTable *rt = &reg_tables[t];
        for (int r = 0; r < 16; r++) {
            if (!rt->exp[r].hex)
                continue;
            t_reset();
            rt->emit(r);
            char where[64];
            snprintf(where, sizeof where, "%s[%d]: %s", rt->name, r, rt->exp[r].text);
            check_bytes(rt->exp[r].hex, where, __LINE__);
            check_disasm(rt->exp[r].text, __LINE__);
        }
    }
}

/* ---- raw bytes and buffer overflow ---- */

static void test_raw(void)
{
    TB(x86_byte(&B, 0xab), "ab", ".byte 0xab");
    TB(x86_u32(&B, 0x12345678), "78 56 34 12", ".long 0x12345678");
    TB(x86_u64(&B, 0x1122334455667788ull), "88 77 66 55 44 33 22 11", ".quad 0x1122334455667788");
}

static void test_overflow(void)
{
    uint8_t small[16];
    memset(small, 0xee, sizeof small);
    X86Buf b = { .p = small, .end = small + 4 };
    x86_mov_ri(&b, X86_RAX, 1); /* 5 bytes: does not fit */
    t_true(b.overflow, "overflow set", __LINE__);
    t_true(b.p <= b.end, "p stays within the buffer", __LINE__);
    t_true(small[4] == 0xee, "nothing written past end", __LINE__);
    uint8_t *stop = b.p;
    x86_ret(&b); /* would fit, but overflow is sticky */
    t_true(b.p == stop && b.overflow, "writes after overflow dropped", __LINE__);

    b = (X86Buf){ .p = small, .end = small + 3 };
    uint8_t *field = x86_jcc32(&b, X86_CC_E);
    t_true(field == NULL && b.overflow, "jcc32 on overflow returns NULL", __LINE__);
    x86_patch_rel32(field, small); /* must be a no-op */
    t_true(small[3] == 0xee && small[4] == 0xee, "jcc32 overflow wrote nothing past end",
           __LINE__);

    b = (X86Buf){ .p = small, .end = small + 6 };
    field = x86_jcc32(&b, X86_CC_E);
    t_true(field == small + 2 && !b.overflow && b.p == b.end, "jcc32 fits exactly", __LINE__);

    b = (X86Buf){ .p = small, .end = small + 8 };
    x86_nops(&b, 9);
    t_true(b.overflow && small[8] == 0xee, "nops overflow", __LINE__);
    b = (X86Buf){ .p = small, .end = small + 7 };
    x86_u64(&b, 0);
    t_true(b.overflow && small[7] == 0xee, "u64 overflow", __LINE__);
}

/* ---- ALU ---- */

static void test_alu_rr(void)
{
    T(x86_alu_rr(&B, X86_ADD, false, X86_RAX, X86_RCX), "01 c8", "add eax, ecx");
    T(x86_alu_rr(&B, X86_OR, false, X86_RDX, X86_RBX), "09 da", "or edx, ebx");
    T(x86_alu_rr(&B, X86_ADC, false, X86_RSP, X86_RBP), "11 ec", "adc esp, ebp");
    T(x86_alu_rr(&B, X86_SBB, false, X86_RSI, X86_RDI), "19 fe", "sbb esi, edi");
    T(x86_alu_rr(&B, X86_AND, true, X86_R8, X86_RAX), "49 21 c0", "and r8, rax");
    T(x86_alu_rr(&B, X86_SUB, true, X86_RAX, X86_R8), "4c 29 c0", "sub rax, r8");
    T(x86_alu_rr(&B, X86_XOR, false, X86_R15, X86_R15), "45 31 ff", "xor r15d, r15d");
    T(x86_alu_rr(&B, X86_CMP, true, X86_R12, X86_R13), "4d 39 ec", "cmp r12, r13");
    T(x86_alu_rr(&B, X86_CMP, false, X86_RSP, X86_R12), "44 39 e4", "cmp esp, r12d");
}

static void test_alu_ri(void)
{
    T(x86_alu_ri(&B, X86_ADD, false, X86_RCX, 127), "83 c1 7f", "add ecx, 0x7f");
    T(x86_alu_ri(&B, X86_ADD, false, X86_RCX, 128), "81 c1 80 00 00 00", "add ecx, 0x80");
    T(x86_alu_ri(&B, X86_ADD, false, X86_RCX, -128), "83 c1 80", "add ecx, -0x80");
    T(x86_alu_ri(&B, X86_ADD, false, X86_RCX, -129), "81 c1 7f ff ff ff", "add ecx, 0xffffff7f");
    T(x86_alu_ri(&B, X86_ADD, true, X86_RCX, -129), "48 81 c1 7f ff ff ff", "add rcx, -0x81");
    T(x86_alu_ri(&B, X86_SUB, false, X86_RCX, 0), "83 e9 00", "sub ecx, 0");
    T(x86_alu_ri(&B, X86_AND, true, X86_RDX, -1), "48 83 e2 ff", "and rdx, 0xffffffffffffffff");
    T(x86_alu_ri(&B, X86_OR, false, X86_RAX, 127), "83 c8 7f", "or eax, 0x7f");
    T(x86_alu_ri(&B, X86_OR, false, X86_RAX, 128), "0d 80 00 00 00", "or eax, 0x80");
    T(x86_alu_ri(&B, X86_AND, true, X86_RAX, 0x7fffffff), "48 25 ff ff ff 7f",
      "and rax, 0x7fffffff");
    T(x86_alu_ri(&B, X86_XOR, true, X86_RAX, INT32_MIN), "48 35 00 00 00 80",
      "xor rax, 0xffffffff80000000");
    T(x86_alu_ri(&B, X86_ADC, false, X86_R9, 1000), "41 81 d1 e8 03 00 00", "adc r9d, 0x3e8");
    T(x86_alu_ri(&B, X86_SBB, true, X86_R15, -2), "49 83 df fe", "sbb r15, -2");
    T(x86_alu_ri(&B, X86_CMP, false, X86_RSI, 0x12345678), "81 fe 78 56 34 12",
      "cmp esi, 0x12345678");
    T(x86_alu_ri(&B, X86_CMP, true, X86_RAX, 0x100), "48 3d 00 01 00 00", "cmp rax, 0x100");
}

static void test_alu_mem(void)
{
    T(x86_alu_rm(&B, X86_ADD, false, X86_RAX, x86_mem(X86_RSP, 4)), "03 44 24 04",
      "add eax, dword ptr [rsp + 4]");
    T(x86_alu_rm(&B, X86_SUB, true, X86_R9, x86_mem(X86_R12, 0)), "4d 2b 0c 24",
      "sub r9, qword ptr [r12]");
    T(x86_alu_rm(&B, X86_CMP, false, X86_RCX, x86_mem(X86_RBP, 0)), "3b 4d 00",
      "cmp ecx, dword ptr [rbp]");
    T(x86_alu_rm(&B, X86_AND, true, X86_RDX, rip(0x100)), "48 23 15 00 01 00 00",
      "and rdx, qword ptr [rip + 0x100]");
    T(x86_alu_rm(&B, X86_OR, false, X86_RAX, x86_mem(X86_NOREG, 0x1000)), "0b 04 25 00 10 00 00",
      "or eax, dword ptr [0x1000]");
    T(x86_alu_rm(&B, X86_XOR, true, X86_R15, x86_mem_bis(X86_R14, X86_R13, 8, -4)),
      "4f 33 7c ee fc", "xor r15, qword ptr [r14 + r13*8 - 4]");
    T(x86_alu_mr(&B, X86_ADD, false, x86_mem(X86_RAX, 0), X86_RCX), "01 08",
      "add dword ptr [rax], ecx");
    T(x86_alu_mr(&B, X86_SUB, true, x86_mem(X86_R13, 0x80), X86_R8), "4d 29 85 80 00 00 00",
      "sub qword ptr [r13 + 0x80], r8");
    T(x86_alu_mr(&B, X86_CMP, false, x86_mem_bi(X86_RDI, X86_RSI, 0), X86_RDX), "39 14 37",
      "cmp dword ptr [rdi + rsi], edx");
    T(x86_alu_mr(&B, X86_ADC, true, x86_mem(X86_RSP, -128), X86_RAX), "48 11 44 24 80",
      "adc qword ptr [rsp - 0x80], rax");
}

static void test_alu_mi(void)
{
    T(x86_alu_mi(&B, X86_ADD, 1, x86_mem(X86_RAX, 0), 5), "80 00 05", "add byte ptr [rax], 5");
    T(x86_alu_mi(&B, X86_CMP, 1, x86_mem_bi(X86_RDI, X86_RSI, 0), 0x41), "80 3c 37 41",
      "cmp byte ptr [rdi + rsi], 0x41");
    T(x86_alu_mi(&B, X86_AND, 1, x86_mem(X86_R8, 1), 0xff), "41 80 60 01 ff",
      "and byte ptr [r8 + 1], 0xff");
    T(x86_alu_mi(&B, X86_OR, 1, x86_mem(X86_RSP, 0), -128), "80 0c 24 80",
      "or byte ptr [rsp], 0x80");
    T(x86_alu_mi(&B, X86_ADD, 2, x86_mem(X86_RAX, 0), 5), "66 83 00 05", "add word ptr [rax], 5");
    T(x86_alu_mi(&B, X86_ADD, 2, x86_mem(X86_RAX, 0), 0x1234), "66 81 00 34 12",
      "add word ptr [rax], 0x1234");
    T(x86_alu_mi(&B, X86_SUB, 2, x86_mem(X86_R12, 2), 0xffff), "66 41 83 6c 24 02 ff",
      "sub word ptr [r12 + 2], -1");
    T(x86_alu_mi(&B, X86_SUB, 2, x86_mem(X86_RBX, 0), 128), "66 81 2b 80 00",
      "sub word ptr [rbx], 0x80");
    T(x86_alu_mi(&B, X86_XOR, 4, x86_mem(X86_RBP, 0), 127), "83 75 00 7f",
      "xor dword ptr [rbp], 0x7f");
    T(x86_alu_mi(&B, X86_XOR, 4, x86_mem(X86_RBP, 0), 128), "81 75 00 80 00 00 00",
      "xor dword ptr [rbp], 0x80");
    T(x86_alu_mi(&B, X86_ADD, 4, x86_mem(X86_R13, 4), -129), "41 81 45 04 7f ff ff ff",
      "add dword ptr [r13 + 4], 0xffffff7f");
    T(x86_alu_mi(&B, X86_CMP, 4, rip(0x20), 0x1000), "81 3d 20 00 00 00 00 10 00 00",
      "cmp dword ptr [rip + 0x20], 0x1000");
    T(x86_alu_mi(&B, X86_ADD, 8, x86_mem(X86_RSP, 8), 1), "48 83 44 24 08 01",
      "add qword ptr [rsp + 8], 1");
    T(x86_alu_mi(&B, X86_AND, 8, x86_mem(X86_R15, 0), -256), "49 81 27 00 ff ff ff",
      "and qword ptr [r15], 0xffffffffffffff00");
    T(x86_alu_mi(&B, X86_CMP, 8, x86_mem(X86_NOREG, 0x2000), -128), "48 83 3c 25 00 20 00 00 80",
      "cmp qword ptr [0x2000], -0x80");
}

static void test_test(void)
{
    T(x86_test_rr(&B, false, X86_RAX, X86_RCX), "85 c8", "test eax, ecx");
    T(x86_test_rr(&B, true, X86_R8, X86_R9), "4d 85 c8", "test r8, r9");
    T(x86_test_rr(&B, true, X86_RSP, X86_R12), "4c 85 e4", "test rsp, r12");
    T(x86_test_ri(&B, false, X86_RAX, 5), "a9 05 00 00 00", "test eax, 5");
    T(x86_test_ri(&B, true, X86_RAX, -1), "48 a9 ff ff ff ff", "test rax, -1");
    T(x86_test_ri(&B, false, X86_RCX, 0x80), "f7 c1 80 00 00 00", "test ecx, 0x80");
    T(x86_test_ri(&B, true, X86_R10, 0x10000), "49 f7 c2 00 00 01 00", "test r10, 0x10000");
    T(x86_test_ri(&B, false, X86_RDI, 1), "f7 c7 01 00 00 00", "test edi, 1");
}

/* ---- moves, loads and stores ---- */

static void test_mov(void)
{
    T(x86_mov_rr(&B, false, X86_RAX, X86_RCX), "89 c8", "mov eax, ecx");
    T(x86_mov_rr(&B, true, X86_R15, X86_RSP), "49 89 e7", "mov r15, rsp");
    T(x86_mov_rr(&B, false, X86_R8, X86_R9), "45 89 c8", "mov r8d, r9d");
    T(x86_mov_ri(&B, X86_RAX, 0), "b8 00 00 00 00", "mov eax, 0");
    T(x86_mov_ri(&B, X86_RAX, 0x7fffffff), "b8 ff ff ff 7f", "mov eax, 0x7fffffff");
    T(x86_mov_ri(&B, X86_RCX, 0x80000000), "b9 00 00 00 80", "mov ecx, 0x80000000");
    T(x86_mov_ri(&B, X86_RCX, 0xffffffff), "b9 ff ff ff ff", "mov ecx, 0xffffffff");
    T(x86_mov_ri(&B, X86_R8, 0), "41 b8 00 00 00 00", "mov r8d, 0");
    T(x86_mov_ri(&B, X86_RDX, 0x100000000ull), "48 ba 00 00 00 00 01 00 00 00",
      "movabs rdx, 0x100000000");
    T(x86_mov_ri(&B, X86_RAX, ~0ull), "48 c7 c0 ff ff ff ff", "mov rax, -1");
    T(x86_mov_ri(&B, X86_R15, 0xffffffff80000000ull), "49 c7 c7 00 00 00 80",
      "mov r15, -0x80000000");
    T(x86_mov_ri(&B, X86_RBX, 0xffffffff7fffffffull), "48 bb ff ff ff 7f ff ff ff ff",
      "movabs rbx, 0xffffffff7fffffff");
    T(x86_mov_ri(&B, X86_R12, 0x8000000000000000ull), "49 bc 00 00 00 00 00 00 00 80",
      "movabs r12, 0x8000000000000000");
    T(x86_mov_ri(&B, X86_RSI, 0x123456789abcdef0ull), "48 be f0 de bc 9a 78 56 34 12",
      "movabs rsi, 0x123456789abcdef0");
}

static void test_load(void)
{
    X86Mem m = x86_mem(X86_RSI, 0x10);
    T(x86_load(&B, X86_RAX, m, 1, false, false), "0f b6 46 10", "movzx eax, byte ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RAX, m, 1, false, true), "0f b6 46 10", "movzx eax, byte ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RAX, m, 1, true, false), "0f be 46 10", "movsx eax, byte ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RAX, m, 1, true, true), "48 0f be 46 10",
      "movsx rax, byte ptr [rsi + 0x10]");
    T(x86_load(&B, X86_R9, m, 2, false, false), "44 0f b7 4e 10",
      "movzx r9d, word ptr [rsi + 0x10]");
    T(x86_load(&B, X86_R9, m, 2, false, true), "44 0f b7 4e 10",
      "movzx r9d, word ptr [rsi + 0x10]");
    T(x86_load(&B, X86_R9, m, 2, true, false), "44 0f bf 4e 10",
      "movsx r9d, word ptr [rsi + 0x10]");
    T(x86_load(&B, X86_R9, m, 2, true, true), "4c 0f bf 4e 10", "movsx r9, word ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RDX, m, 4, false, false), "8b 56 10", "mov edx, dword ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RDX, m, 4, false, true), "8b 56 10", "mov edx, dword ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RDX, m, 4, true, false), "8b 56 10", "mov edx, dword ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RDX, m, 4, true, true), "48 63 56 10", "movsxd rdx, dword ptr [rsi + 0x10]");
    T(x86_load(&B, X86_R14, m, 8, false, true), "4c 8b 76 10", "mov r14, qword ptr [rsi + 0x10]");
    T(x86_load(&B, X86_RCX, x86_mem_bi(X86_R15, X86_RAX, 0), 4, false, false), "41 8b 0c 07",
      "mov ecx, dword ptr [r15 + rax]");
    T(x86_load(&B, X86_RCX, x86_mem_bi(X86_R15, X86_R8, 0), 1, true, true), "4b 0f be 0c 07",
      "movsx rcx, byte ptr [r15 + r8]");
}

/* ModRM/SIB/displacement selection, exercised through one mov load. */
static void test_addressing(void)
{
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, 127), 4, false, false), "8b 40 7f",
      "mov eax, dword ptr [rax + 0x7f]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, 128), 4, false, false), "8b 80 80 00 00 00",
      "mov eax, dword ptr [rax + 0x80]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, -128), 4, false, false), "8b 40 80",
      "mov eax, dword ptr [rax - 0x80]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, -129), 4, false, false), "8b 80 7f ff ff ff",
      "mov eax, dword ptr [rax - 0x81]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, INT32_MAX), 4, false, false), "8b 80 ff ff ff 7f",
      "mov eax, dword ptr [rax + 0x7fffffff]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RAX, INT32_MIN), 4, false, false), "8b 80 00 00 00 80",
      "mov eax, dword ptr [rax - 0x80000000]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RSP, 0), 8, false, true), "48 8b 04 24",
      "mov rax, qword ptr [rsp]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RSP, 0x80), 8, false, true), "48 8b 84 24 80 00 00 00",
      "mov rax, qword ptr [rsp + 0x80]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_R12, 8), 8, false, true), "49 8b 44 24 08",
      "mov rax, qword ptr [r12 + 8]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_RBP, 0), 8, false, true), "48 8b 45 00",
      "mov rax, qword ptr [rbp]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_R13, 0), 8, false, true), "49 8b 45 00",
      "mov rax, qword ptr [r13]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_R13, 200), 8, false, true), "49 8b 85 c8 00 00 00",
      "mov rax, qword ptr [r13 + 0xc8]");
    T(x86_load(&B, X86_RAX, x86_mem_bi(X86_RBP, X86_RAX, 0), 4, false, false), "8b 44 05 00",
      "mov eax, dword ptr [rbp + rax]");
    T(x86_load(&B, X86_RAX, x86_mem_bi(X86_RSP, X86_RBP, 0), 4, false, false), "8b 04 2c",
      "mov eax, dword ptr [rsp + rbp]");
    T(x86_load(&B, X86_RAX, x86_mem_bi(X86_R12, X86_R12, 0), 4, false, false), "43 8b 04 24",
      "mov eax, dword ptr [r12 + r12]");
    T(x86_load(&B, X86_RAX, x86_mem_bis(X86_RAX, X86_RCX, 2, 0), 4, false, false), "8b 04 48",
      "mov eax, dword ptr [rax + rcx*2]");
    T(x86_load(&B, X86_RAX, x86_mem_bis(X86_RAX, X86_R15, 8, -1), 4, false, false),
      "42 8b 44 f8 ff", "mov eax, dword ptr [rax + r15*8 - 1]");
    T(x86_load(&B, X86_R8, x86_mem_bis(X86_R9, X86_R10, 4, 0x1000), 4, false, false),
      "47 8b 84 91 00 10 00 00", "mov r8d, dword ptr [r9 + r10*4 + 0x1000]");
    T(x86_load(&B, X86_RAX, x86_mem(X86_NOREG, 0x1000), 4, false, false), "8b 04 25 00 10 00 00",
      "mov eax, dword ptr [0x1000]");
    T(x86_load(&B, X86_R11, x86_mem(X86_NOREG, 0), 8, false, true), "4c 8b 1c 25 00 00 00 00",
      "mov r11, qword ptr [0]");
    /* capstone 4 prints this address truncated to 32 bits */
    TB(x86_load(&B, X86_RAX, x86_mem(X86_NOREG, -16), 4, false, false),
       "8b 04 25 f0 ff ff ff", "mov eax, dword ptr [0xfffffffffffffff0]");
    T(x86_load(&B, X86_RAX, x86_mem_bis(X86_NOREG, X86_RAX, 4, 0x10), 4, false, false),
      "8b 04 85 10 00 00 00", "mov eax, dword ptr [rax*4 + 0x10]");
    T(x86_load(&B, X86_RAX, x86_mem_bis(X86_NOREG, X86_R9, 8, 0), 4, false, false),
      "42 8b 04 cd 00 00 00 00", "mov eax, dword ptr [r9*8]");
    /* capstone 4 shows this as [rax]: index without base, scale 1 */
    TB(x86_load(&B, X86_RAX, x86_mem_bi(X86_NOREG, X86_RCX, 0), 4, false, false),
       "8b 04 0d 00 00 00 00", "mov eax, dword ptr [rcx*1 + 0]");
    T(x86_load(&B, X86_RAX, rip(0x10), 4, false, false), "8b 05 10 00 00 00",
      "mov eax, dword ptr [rip + 0x10]");
    T(x86_load(&B, X86_R13, rip(-0x20), 8, false, true), "4c 8b 2d e0 ff ff ff",
      "mov r13, qword ptr [rip - 0x20]");
    T(x86_load(&B, X86_RAX, rip(0), 1, true, false), "0f be 05 00 00 00 00",
      "movsx eax, byte ptr [rip]");
}

static void test_store(void)
{
    T(x86_store(&B, x86_mem(X86_RAX, 0), X86_RCX, 1), "88 08", "mov byte ptr [rax], cl");
    T(x86_store(&B, x86_mem(X86_RAX, 0), X86_R8, 1), "44 88 00", "mov byte ptr [rax], r8b");
    T(x86_store(&B, x86_mem(X86_R8, 0), X86_RSP, 1), "41 88 20", "mov byte ptr [r8], spl");
    T(x86_store(&B, x86_mem(X86_R8, 0), X86_R9, 2), "66 45 89 08", "mov word ptr [r8], r9w");
    T(x86_store(&B, x86_mem(X86_RBP, 0), X86_RSI, 2), "66 89 75 00", "mov word ptr [rbp], si");
    T(x86_store(&B, x86_mem_bi(X86_R15, X86_RAX, 0), X86_RDX, 4), "41 89 14 07",
      "mov dword ptr [r15 + rax], edx");
    T(x86_store(&B, x86_mem(X86_RSP, 8), X86_R15, 8), "4c 89 7c 24 08",
      "mov qword ptr [rsp + 8], r15");
    T(x86_store(&B, rip(0x40), X86_RAX, 8), "48 89 05 40 00 00 00",
      "mov qword ptr [rip + 0x40], rax");
    T(x86_store(&B, x86_mem(X86_NOREG, 0x1000), X86_RDI, 1), "40 88 3c 25 00 10 00 00",
      "mov byte ptr [0x1000], dil");
}

static void test_store_imm(void)
{
    T(x86_store_imm(&B, x86_mem(X86_RAX, 0), 0x80, 1), "c6 00 80", "mov byte ptr [rax], 0x80");
    T(x86_store_imm(&B, x86_mem(X86_RSI, 0), -1, 1), "c6 06 ff", "mov byte ptr [rsi], 0xff");
    T(x86_store_imm(&B, x86_mem(X86_RBX, 2), 0x1234, 2), "66 c7 43 02 34 12",
      "mov word ptr [rbx + 2], 0x1234");
    T(x86_store_imm(&B, x86_mem(X86_R13, 0), -1, 2), "66 41 c7 45 00 ff ff",
      "mov word ptr [r13], 0xffff");
    T(x86_store_imm(&B, x86_mem(X86_R12, 0), 0x12345678, 4), "41 c7 04 24 78 56 34 12",
      "mov dword ptr [r12], 0x12345678");
    T(x86_store_imm(&B, x86_mem_bis(X86_RDI, X86_R11, 8, 0x100), 0, 4),
      "42 c7 84 df 00 01 00 00 00 00 00 00", "mov dword ptr [rdi + r11*8 + 0x100], 0");
    T(x86_store_imm(&B, x86_mem(X86_RSP, 8), -1, 8), "48 c7 44 24 08 ff ff ff ff",
      "mov qword ptr [rsp + 8], -1");
    T(x86_store_imm(&B, x86_mem(X86_R14, -8), 0x7fffffff, 8), "49 c7 46 f8 ff ff ff 7f",
      "mov qword ptr [r14 - 8], 0x7fffffff");
    /* rip-relative with an immediate after the displacement: the caller's
     * disp is already relative to the end of the whole instruction. */
    T(x86_store_imm(&B, rip(0x100), 5, 4), "c7 05 00 01 00 00 05 00 00 00",
      "mov dword ptr [rip + 0x100], 5");
}

static void test_lea(void)
{
    T(x86_lea(&B, true, X86_RAX, x86_mem_bis(X86_RBX, X86_RCX, 8, 0x10)), "48 8d 44 cb 10",
      "lea rax, [rbx + rcx*8 + 0x10]");
    T(x86_lea(&B, false, X86_RAX, x86_mem(X86_RAX, 1)), "8d 40 01", "lea eax, [rax + 1]");
    T(x86_lea(&B, true, X86_R8, rip(0x40)), "4c 8d 05 40 00 00 00", "lea r8, [rip + 0x40]");
    T(x86_lea(&B, true, X86_RAX, x86_mem(X86_R13, 0)), "49 8d 45 00", "lea rax, [r13]");
    T(x86_lea(&B, true, X86_RDX, x86_mem_bis(X86_NOREG, X86_RCX, 2, 0)), "48 8d 14 4d 00 00 00 00",
      "lea rdx, [rcx*2]");
    T(x86_lea(&B, false, X86_R10, x86_mem_bi(X86_R10, X86_R11, -1)), "47 8d 54 1a ff",
      "lea r10d, [r10 + r11 - 1]");
}

static void test_ext(void)
{
    T(x86_ext_rr(&B, X86_RAX, X86_RCX, 2, false, false), "0f b7 c1", "movzx eax, cx");
    T(x86_ext_rr(&B, X86_RAX, X86_RCX, 2, false, true), "0f b7 c1", "movzx eax, cx");
    T(x86_ext_rr(&B, X86_RAX, X86_RCX, 2, true, false), "0f bf c1", "movsx eax, cx");
    T(x86_ext_rr(&B, X86_R8, X86_R15, 2, true, true), "4d 0f bf c7", "movsx r8, r15w");
    T(x86_ext_rr(&B, X86_RAX, X86_RBX, 1, false, true), "0f b6 c3", "movzx eax, bl");
    T(x86_ext_rr(&B, X86_RDI, X86_RDI, 1, true, false), "40 0f be ff", "movsx edi, dil");
    T(x86_ext_rr(&B, X86_R8, X86_R9, 1, false, false), "45 0f b6 c1", "movzx r8d, r9b");
    T(x86_ext_rr(&B, X86_RAX, X86_R9, 4, true, true), "49 63 c1", "movsxd rax, r9d");
    T(x86_ext_rr(&B, X86_R12, X86_RSP, 4, true, true), "4c 63 e4", "movsxd r12, esp");
    T(x86_ext_rr(&B, X86_RAX, X86_RCX, 4, false, true), "89 c8", "mov eax, ecx");
}

/* ---- shifts, multiply, unary ---- */

static void test_shift(void)
{
    T(x86_shift_ri(&B, X86_SHL, false, X86_RAX, 1), "d1 e0", "shl eax, 1");
    T(x86_shift_ri(&B, X86_SHL, false, X86_RAX, 31), "c1 e0 1f", "shl eax, 0x1f");
    T(x86_shift_ri(&B, X86_SHR, true, X86_R9, 1), "49 d1 e9", "shr r9, 1");
    T(x86_shift_ri(&B, X86_SHR, true, X86_R9, 63), "49 c1 e9 3f", "shr r9, 0x3f");
    T(x86_shift_ri(&B, X86_SAR, false, X86_RSI, 2), "c1 fe 02", "sar esi, 2");
    T(x86_shift_ri(&B, X86_ROL, false, X86_RDX, 1), "d1 c2", "rol edx, 1");
    T(x86_shift_ri(&B, X86_ROR, true, X86_R15, 8), "49 c1 cf 08", "ror r15, 8");
    T(x86_shift_ri(&B, X86_SHL, false, X86_RCX, 0), "c1 e1 00", "shl ecx, 0");
    T(x86_shift_rcl(&B, X86_SHL, false, X86_RAX), "d3 e0", "shl eax, cl");
    T(x86_shift_rcl(&B, X86_SHR, true, X86_R12), "49 d3 ec", "shr r12, cl");
    T(x86_shift_rcl(&B, X86_SAR, false, X86_RBP), "d3 fd", "sar ebp, cl");
    T(x86_shift_rcl(&B, X86_ROL, true, X86_RBX), "48 d3 c3", "rol rbx, cl");
    T(x86_shift_rcl(&B, X86_ROR, false, X86_R8), "41 d3 c8", "ror r8d, cl");
}

static void test_unary_mul(void)
{
    T(x86_unary(&B, X86_NOT, false, X86_RAX), "f7 d0", "not eax");
    T(x86_unary(&B, X86_NEG, true, X86_R10), "49 f7 da", "neg r10");
    T(x86_unary(&B, X86_MUL, false, X86_RCX), "f7 e1", "mul ecx");
    T(x86_unary(&B, X86_IMUL1, true, X86_RSP), "48 f7 ec", "imul rsp");
    T(x86_unary(&B, X86_DIV, false, X86_R13), "41 f7 f5", "div r13d");
    T(x86_unary(&B, X86_IDIV, true, X86_RDI), "48 f7 ff", "idiv rdi");
    T(x86_imul_rr(&B, false, X86_RAX, X86_RCX), "0f af c1", "imul eax, ecx");
    T(x86_imul_rr(&B, true, X86_R8, X86_R15), "4d 0f af c7", "imul r8, r15");
    T(x86_imul_rr(&B, false, X86_RBP, X86_R12), "41 0f af ec", "imul ebp, r12d");
    T(x86_imul_rri(&B, false, X86_RAX, X86_RCX, 5), "6b c1 05", "imul eax, ecx, 5");
    T(x86_imul_rri(&B, false, X86_RAX, X86_RCX, 127), "6b c1 7f", "imul eax, ecx, 0x7f");
    T(x86_imul_rri(&B, false, X86_RAX, X86_RCX, 128), "69 c1 80 00 00 00", "imul eax, ecx, 0x80");
    T(x86_imul_rri(&B, true, X86_R9, X86_RDX, -128), "4c 6b ca 80", "imul r9, rdx, -0x80");
    T(x86_imul_rri(&B, true, X86_R9, X86_RDX, -129), "4c 69 ca 7f ff ff ff", "imul r9, rdx, -0x81");
    T(x86_imul_rri(&B, false, X86_RDX, X86_R11, -129), "41 69 d3 7f ff ff ff",
      "imul edx, r11d, 0xffffff7f");
    T(x86_cdq(&B), "99", "cdq");
    T(x86_cqo(&B), "48 99", "cqo");
}

/* ---- bit counting and byte swaps ---- */

static void test_bits(void)
{
    T(x86_bsr(&B, false, X86_RAX, X86_RCX), "0f bd c1", "bsr eax, ecx");
    T(x86_bsr(&B, true, X86_R8, X86_RDX), "4c 0f bd c2", "bsr r8, rdx");
    T(x86_bsf(&B, false, X86_RBX, X86_R9), "41 0f bc d9", "bsf ebx, r9d");
    T(x86_bsf(&B, true, X86_RAX, X86_RAX), "48 0f bc c0", "bsf rax, rax");
    T(x86_lzcnt(&B, false, X86_RAX, X86_RCX), "f3 0f bd c1", "lzcnt eax, ecx");
    T(x86_lzcnt(&B, true, X86_R12, X86_R13), "f3 4d 0f bd e5", "lzcnt r12, r13");
    T(x86_tzcnt(&B, false, X86_RSI, X86_R10), "f3 41 0f bc f2", "tzcnt esi, r10d");
    T(x86_tzcnt(&B, true, X86_R11, X86_RDI), "f3 4c 0f bc df", "tzcnt r11, rdi");
    T(x86_popcnt(&B, false, X86_RAX, X86_RBX), "f3 0f b8 c3", "popcnt eax, ebx");
    T(x86_popcnt(&B, true, X86_R15, X86_R14), "f3 4d 0f b8 fe", "popcnt r15, r14");
    T(x86_bswap(&B, false, X86_RAX), "0f c8", "bswap eax");
    T(x86_bswap(&B, false, X86_RDI), "0f cf", "bswap edi");
    T(x86_bswap(&B, false, X86_R8), "41 0f c8", "bswap r8d");
    T(x86_bswap(&B, false, X86_R15), "41 0f cf", "bswap r15d");
    T(x86_rol16_8(&B, X86_RAX), "66 c1 c0 08", "rol ax, 8");
    T(x86_rol16_8(&B, X86_RSI), "66 c1 c6 08", "rol si, 8");
    T(x86_rol16_8(&B, X86_R9), "66 41 c1 c1 08", "rol r9w, 8");
}

static void test_movbe(void)
{
    T(x86_movbe_load(&B, X86_RAX, x86_mem(X86_RAX, 0), 4), "0f 38 f0 00",
      "movbe eax, dword ptr [rax]");
    T(x86_movbe_load(&B, X86_RCX, x86_mem_bi(X86_R15, X86_RDX, 0), 2), "66 41 0f 38 f0 0c 17",
      "movbe cx, word ptr [r15 + rdx]");
    T(x86_movbe_load(&B, X86_R9, x86_mem(X86_RSP, 0x10), 8), "4c 0f 38 f0 4c 24 10",
      "movbe r9, qword ptr [rsp + 0x10]");
    T(x86_movbe_load(&B, X86_R12, x86_mem(X86_R13, 0), 4), "45 0f 38 f0 65 00",
      "movbe r12d, dword ptr [r13]");
    T(x86_movbe_store(&B, x86_mem(X86_RAX, 0), X86_RCX, 4), "0f 38 f1 08",
      "movbe dword ptr [rax], ecx");
    T(x86_movbe_store(&B, x86_mem_bi(X86_R15, X86_R8, 0), X86_R10, 2), "66 47 0f 38 f1 14 07",
      "movbe word ptr [r15 + r8], r10w");
    T(x86_movbe_store(&B, x86_mem(X86_RBP, -4), X86_RSI, 8), "48 0f 38 f1 75 fc",
      "movbe qword ptr [rbp - 4], rsi");
}

/* ---- conditions ---- */

static void test_cond(void)
{
    for (int c = 0; c < 16; c++)
        t_true(x86_cc_invert((X86Cond)c) == (X86Cond)(c ^ 1), "x86_cc_invert", __LINE__);
    t_true(x86_cc_invert(X86_CC_E) == X86_CC_NE, "invert e", __LINE__);
    t_true(x86_cc_invert(X86_CC_L) == X86_CC_GE, "invert l", __LINE__);
    t_true(x86_cc_invert(X86_CC_A) == X86_CC_BE, "invert a", __LINE__);
    T(x86_setcc(&B, X86_CC_B, X86_R15), "41 0f 92 c7", "setb r15b");
    T(x86_cmov(&B, X86_CC_E, false, X86_R8, X86_RAX), "44 0f 44 c0", "cmove r8d, eax");
}

/* ---- branches ---- */

static void test_jump_to(void)
{
    T(x86_jcc_to(&B, X86_CC_NE, origin + 129), "75 7f", "jne 0x100081"); /* as: jne .+129 */
    T(x86_jcc_to(&B, X86_CC_NE, origin + 130), "0f 85 7c 00 00 00",
      "jne 0x100082"); /* as: jne .+130 */
    T(x86_jcc_to(&B, X86_CC_L, origin - 126), "7c 80", "jl 0xfff82"); /* as: jl .-126 */
    T(x86_jcc_to(&B, X86_CC_L, origin - 127), "0f 8c 7b ff ff ff", "jl 0xfff81"); /* as: jl .-127 */
    T(x86_jcc_to(&B, X86_CC_E, origin), "74 fe", "je 0x100000"); /* as: je . */
    T(x86_jcc_to(&B, X86_CC_G, origin + 0x1000), "0f 8f fa 0f 00 00",
      "jg 0x101000"); /* as: jg .+0x1000 */
    T(x86_jmp_to(&B, origin + 129), "eb 7f", "jmp 0x100081"); /* as: jmp .+129 */
    T(x86_jmp_to(&B, origin + 130), "e9 7d 00 00 00", "jmp 0x100082"); /* as: jmp .+130 */
    T(x86_jmp_to(&B, origin - 126), "eb 80", "jmp 0xfff82"); /* as: jmp .-126 */
    T(x86_jmp_to(&B, origin - 127), "e9 7c ff ff ff", "jmp 0xfff81"); /* as: jmp .-127 */
    T(x86_jmp_to(&B, origin + 2), "eb 00", "jmp 0x100002"); /* as: jmp .+2 */
    T(x86_jmp_to(&B, origin - 0x4000), "e9 fb bf ff ff", "jmp 0xfc000"); /* as: jmp .-0x4000 */
}

static void test_jump32(void)
{
    uint8_t *field;
    T(field = x86_jcc32(&B, X86_CC_NE), "0f 85 00 00 00 00",
      "jne 0x100006"); /* as: {disp32} jne .+6 */
    t_true(field == origin + 2, "jcc32 field", __LINE__);
    T(field = x86_jmp32(&B), "e9 00 00 00 00", "jmp 0x100005"); /* as: {disp32} jmp .+5 */
    t_true(field == origin + 1, "jmp32 field", __LINE__);
    T(field = x86_call32(&B), "e8 00 00 00 00", "call 0x100005"); /* as: call .+5 */
    t_true(field == origin + 1, "call32 field", __LINE__);

    T(x86_patch_rel32(x86_jmp32(&B), origin + 0x20), "e9 1b 00 00 00",
      "jmp 0x100020"); /* as: {disp32} jmp .+0x20 */
    T(x86_patch_rel32(x86_jcc32(&B, X86_CC_BE), origin), "0f 86 fa ff ff ff",
      "jbe 0x100000"); /* as: {disp32} jbe . */
    T(x86_patch_rel32(x86_call32(&B), origin - 0x1234), "e8 c7 ed ff ff",
      "call 0xfedcc"); /* as: call .-0x1234 */
    /* A patched jump that was followed by more code. */
    TB((field = x86_jcc32(&B, X86_CC_S), x86_ret(&B), x86_patch_rel32(field, B.p)),
       "0f 88 01 00 00 00 c3", "js .+7; ret"); /* as: {disp32} js .+7; ret */
}

static const uint8_t *addr_at(const uint8_t *p, int64_t delta)
{
    return (const uint8_t *)((uintptr_t)p + (uintptr_t)delta);
}

static int32_t read_rel32(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

static void test_patch_far(void)
{
    uint8_t *field = origin + 1; /* deliberately unaligned */
    x86_patch_rel32(field, addr_at(field, 4 + (int64_t)INT32_MAX));
    t_true(read_rel32(field) == INT32_MAX, "patch +INT32_MAX", __LINE__);
    x86_patch_rel32(field, addr_at(field, 4 + (int64_t)INT32_MIN));
    t_true(read_rel32(field) == INT32_MIN, "patch INT32_MIN", __LINE__);
    x86_patch_rel32(field, addr_at(field, 4 + 0x12345678));
    t_true(memcmp(field, "\x78\x56\x34\x12", 4) == 0, "patch little-endian", __LINE__);

    t_true(x86_rel32_reaches(field, addr_at(field, 4 + (int64_t)INT32_MAX)), "reach max", __LINE__);
    t_true(!x86_rel32_reaches(field, addr_at(field, 5 + (int64_t)INT32_MAX)), "reach max+1",
           __LINE__);
    t_true(x86_rel32_reaches(field, addr_at(field, 4 + (int64_t)INT32_MIN)), "reach min",
           __LINE__);
    t_true(!x86_rel32_reaches(field, addr_at(field, 3 + (int64_t)INT32_MIN)), "reach min-1",
           __LINE__);
    t_true(x86_rel32_reaches(field, field), "reach self", __LINE__);
    t_true(!x86_rel32_reaches(field, addr_at(field, (int64_t)1 << 40)), "reach far",
           __LINE__);
}

static void test_indirect(void)
{
    T(x86_jmp_r(&B, X86_RAX), "ff e0", "jmp rax");
    T(x86_jmp_r(&B, X86_R11), "41 ff e3", "jmp r11");
    T(x86_call_r(&B, X86_R15), "41 ff d7", "call r15");
    T(x86_jmp_m(&B, x86_mem(X86_RAX, 8)), "ff 60 08", "jmp qword ptr [rax + 8]");
    T(x86_jmp_m(&B, x86_mem_bis(X86_R12, X86_RAX, 8, 0)), "41 ff 24 c4",
      "jmp qword ptr [r12 + rax*8]");
    T(x86_jmp_m(&B, x86_mem(X86_R13, 0)), "41 ff 65 00", "jmp qword ptr [r13]");
    T(x86_jmp_m(&B, rip(0x100)), "ff 25 00 01 00 00", "jmp qword ptr [rip + 0x100]");
    T(x86_jmp_m(&B, x86_mem_bis(X86_NOREG, X86_RCX, 8, 0x4000)), "ff 24 cd 00 40 00 00",
      "jmp qword ptr [rcx*8 + 0x4000]");
}

/* ---- stack and misc ---- */

static void test_misc(void)
{
    T(x86_ret(&B), "c3", "ret");
    T(x86_ud2(&B), "0f 0b", "ud2");
    T(x86_int3(&B), "cc", "int3");
    T(x86_mfence(&B), "0f ae f0", "mfence");
    T(x86_pause(&B), "f3 90", "pause");
    T((x86_push(&B, X86_RBP), x86_mov_rr(&B, true, X86_RBP, X86_RSP), x86_pop(&B, X86_RBP)),
      "55 48 89 e5 5d", "push rbp; mov rbp, rsp; pop rbp");
}

static void test_nops(void)
{
    T(x86_nops(&B, 0), "", "");
    T(x86_nops(&B, 1), "90", "nop");
    T(x86_nops(&B, 2), "66 90", "nop"); /* as: xchg ax, ax */
    T(x86_nops(&B, 3), "0f 1f 00", "nop dword ptr [rax]");
    T(x86_nops(&B, 4), "0f 1f 40 00", "nop dword ptr [rax]"); /* as: {disp8} nop dword ptr [rax] */
    T(x86_nops(&B, 5), "0f 1f 44 00 00",
      "nop dword ptr [rax + rax]"); /* as: {disp8} nop dword ptr [rax + rax*1] */
    T(x86_nops(&B, 6), "66 0f 1f 44 00 00",
      "nop word ptr [rax + rax]"); /* as: {disp8} nop word ptr [rax + rax*1] */
    T(x86_nops(&B, 7), "0f 1f 80 00 00 00 00",
      "nop dword ptr [rax]"); /* as: {disp32} nop dword ptr [rax] */
    T(x86_nops(&B, 8), "0f 1f 84 00 00 00 00 00",
      "nop dword ptr [rax + rax]"); /* as: {disp32} nop dword ptr [rax + rax*1] */
    T(x86_nops(&B, 9), "66 0f 1f 84 00 00 00 00 00",
      "nop word ptr [rax + rax]"); /* as: {disp32} nop word ptr [rax + rax*1] */
    T(x86_nops(&B, 10), "66 0f 1f 84 00 00 00 00 00 90",
      "nop word ptr [rax + rax]; nop"); /* as: {disp32} nop word ptr [rax + rax*1]; nop */
    T(x86_nops(&B, 13), "66 0f 1f 84 00 00 00 00 00 0f 1f 40 00",
      "nop word ptr [rax + rax]; nop dword ptr [rax]");
    /* as: {disp32} nop word ptr [rax + rax*1]; {disp8} nop dword ptr [rax] */
    T(x86_nops(&B, 20), "66 0f 1f 84 00 00 00 00 00 66 0f 1f 84 00 00 00 00 00 66 90",
      "nop word ptr [rax + rax]; nop word ptr [rax + rax]; nop");
    /* as: {disp32} nop word ptr [rax + rax*1]; {disp32} nop word ptr [rax + rax*1]; xchg ax, ax */
    for (int n = 0; n <= 40; n++) {
        t_reset();
        x86_nops(&B, n);
        t_true(B.p - origin == n, "x86_nops length", __LINE__);
    }
}

/* ---- atomics ---- */

static void test_atomics(void)
{
    T(x86_lock_cmpxchg(&B, x86_mem(X86_RDI, 0), X86_RSI, 1), "f0 40 0f b0 37",
      "lock cmpxchg byte ptr [rdi], sil");
    T(x86_lock_cmpxchg(&B, x86_mem(X86_RDI, 0), X86_RCX, 1), "f0 0f b0 0f",
      "lock cmpxchg byte ptr [rdi], cl");
    T(x86_lock_cmpxchg(&B, x86_mem(X86_RAX, 0), X86_RCX, 2), "66 f0 0f b1 08",
      "lock cmpxchg word ptr [rax], cx");
    T(x86_lock_cmpxchg(&B, x86_mem_bi(X86_R15, X86_RAX, 0), X86_RDX, 4), "f0 41 0f b1 14 07",
      "lock cmpxchg dword ptr [r15 + rax], edx");
    T(x86_lock_cmpxchg(&B, x86_mem(X86_R8, 0), X86_R9, 8), "f0 4d 0f b1 08",
      "lock cmpxchg qword ptr [r8], r9");
    T(x86_lock_cmpxchg(&B, x86_mem(X86_RBP, 0x100), X86_R10, 4), "f0 44 0f b1 95 00 01 00 00",
      "lock cmpxchg dword ptr [rbp + 0x100], r10d");
    T(x86_xchg_mr(&B, x86_mem(X86_RAX, 0), X86_RSI, 1), "40 86 30", "xchg byte ptr [rax], sil");
    T(x86_xchg_mr(&B, x86_mem(X86_RBX, 0), X86_R8, 1), "44 86 03", "xchg byte ptr [rbx], r8b");
    T(x86_xchg_mr(&B, x86_mem(X86_RAX, 0), X86_RCX, 2), "66 87 08", "xchg word ptr [rax], cx");
    T(x86_xchg_mr(&B, x86_mem(X86_RAX, 0), X86_RCX, 4), "87 08", "xchg dword ptr [rax], ecx");
    T(x86_xchg_mr(&B, x86_mem(X86_RSP, 0), X86_R12, 8), "4c 87 24 24", "xchg qword ptr [rsp], r12");
    T(x86_lock_xadd(&B, x86_mem(X86_RAX, 0), X86_RDI, 1), "f0 40 0f c0 38",
      "lock xadd byte ptr [rax], dil");
    T(x86_lock_xadd(&B, x86_mem(X86_RAX, 0), X86_RCX, 2), "66 f0 0f c1 08",
      "lock xadd word ptr [rax], cx");
    T(x86_lock_xadd(&B, x86_mem(X86_R13, 0), X86_RAX, 4), "f0 41 0f c1 45 00",
      "lock xadd dword ptr [r13], eax");
    T(x86_lock_xadd(&B, x86_mem(X86_R12, 8), X86_R11, 8), "f0 4d 0f c1 5c 24 08",
      "lock xadd qword ptr [r12 + 8], r11");
}

/* ---- SSE ---- */

static void test_sse_moves(void)
{
    T(x86_movd_xr(&B, 0, X86_RAX, false), "66 0f 6e c0", "movd xmm0, eax");
    T(x86_movd_xr(&B, 9, X86_R12, false), "66 45 0f 6e cc", "movd xmm9, r12d");
    T(x86_movd_rx(&B, X86_RAX, 1, true), "66 48 0f 7e c8", "movq rax, xmm1");
    T(x86_movd_rx(&B, X86_R8, 8, true), "66 4d 0f 7e c0", "movq r8, xmm8");
    T(x86_movq_xm(&B, 0, x86_mem(X86_RAX, 0)), "f3 0f 7e 00", "movq xmm0, qword ptr [rax]");
    T(x86_movq_xm(&B, 8, x86_mem(X86_R12, 8)), "f3 45 0f 7e 44 24 08",
      "movq xmm8, qword ptr [r12 + 8]");
    T(x86_movq_xm(&B, 3, rip(0x80)), "f3 0f 7e 1d 80 00 00 00",
      "movq xmm3, qword ptr [rip + 0x80]");
    T(x86_movq_mx(&B, x86_mem(X86_RAX, 0), 0), "66 0f d6 00", "movq qword ptr [rax], xmm0");
    T(x86_movq_mx(&B, x86_mem(X86_RSP, 0), 15), "66 44 0f d6 3c 24", "movq qword ptr [rsp], xmm15");
    T(x86_movq_mx(&B, x86_mem_bis(X86_R14, X86_R9, 8, 0x200), 7), "66 43 0f d6 bc ce 00 02 00 00",
      "movq qword ptr [r14 + r9*8 + 0x200], xmm7");
    T(x86_movss_xm(&B, 1, x86_mem(X86_RBP, 0)), "f3 0f 10 4d 00", "movss xmm1, dword ptr [rbp]");
    T(x86_movss_xm(&B, 10, x86_mem_bis(X86_RDI, X86_RCX, 4, -4)), "f3 44 0f 10 54 8f fc",
      "movss xmm10, dword ptr [rdi + rcx*4 - 4]");
    T(x86_movss_mx(&B, x86_mem_bis(X86_R13, X86_RAX, 4, 0), 9), "f3 45 0f 11 4c 85 00",
      "movss dword ptr [r13 + rax*4], xmm9");
    T(x86_movss_mx(&B, x86_mem(X86_RBX, 0x7f), 2), "f3 0f 11 53 7f",
      "movss dword ptr [rbx + 0x7f], xmm2");
    T(x86_movdqu_xm(&B, 12, x86_mem(X86_RSP, 0x100)), "f3 44 0f 6f a4 24 00 01 00 00",
      "movdqu xmm12, xmmword ptr [rsp + 0x100]");
    T(x86_movdqu_mx(&B, x86_mem(X86_RSP, 0x10), 3), "f3 0f 7f 5c 24 10",
      "movdqu xmmword ptr [rsp + 0x10], xmm3");
    T(x86_movdqu_mx(&B, x86_mem(X86_R15, 0), 14), "f3 45 0f 7f 37",
      "movdqu xmmword ptr [r15], xmm14");
}

static void test_sse_arith(void)
{
    T(x86_sse_scalar_rr(&B, 0x58, false, 0, 1), "f3 0f 58 c1", "addss xmm0, xmm1");
    T(x86_sse_scalar_rr(&B, 0x58, true, 0, 1), "f2 0f 58 c1", "addsd xmm0, xmm1");
    T(x86_sse_scalar_rr(&B, 0x59, false, 2, 3), "f3 0f 59 d3", "mulss xmm2, xmm3");
    T(x86_sse_scalar_rr(&B, 0x59, true, 2, 3), "f2 0f 59 d3", "mulsd xmm2, xmm3");
    T(x86_sse_scalar_rr(&B, 0x5c, false, 8, 1), "f3 44 0f 5c c1", "subss xmm8, xmm1");
    T(x86_sse_scalar_rr(&B, 0x5c, true, 8, 1), "f2 44 0f 5c c1", "subsd xmm8, xmm1");
    T(x86_sse_scalar_rr(&B, 0x5e, false, 1, 9), "f3 41 0f 5e c9", "divss xmm1, xmm9");
    T(x86_sse_scalar_rr(&B, 0x5e, true, 1, 9), "f2 41 0f 5e c9", "divsd xmm1, xmm9");
    T(x86_sse_scalar_rr(&B, 0x51, false, 4, 5), "f3 0f 51 e5", "sqrtss xmm4, xmm5");
    T(x86_sse_scalar_rr(&B, 0x51, true, 4, 5), "f2 0f 51 e5", "sqrtsd xmm4, xmm5");
    T(x86_sse_scalar_rr(&B, 0x5d, false, 6, 7), "f3 0f 5d f7", "minss xmm6, xmm7");
    T(x86_sse_scalar_rr(&B, 0x5d, true, 6, 7), "f2 0f 5d f7", "minsd xmm6, xmm7");
    T(x86_sse_scalar_rr(&B, 0x5f, false, 14, 15), "f3 45 0f 5f f7", "maxss xmm14, xmm15");
    T(x86_sse_scalar_rr(&B, 0x5f, true, 14, 15), "f2 45 0f 5f f7", "maxsd xmm14, xmm15");
    T(x86_ucomis(&B, false, 0, 1), "0f 2e c1", "ucomiss xmm0, xmm1");
    T(x86_ucomis(&B, true, 0, 1), "66 0f 2e c1", "ucomisd xmm0, xmm1");
    T(x86_ucomis(&B, true, 9, 10), "66 45 0f 2e ca", "ucomisd xmm9, xmm10");
    T(x86_ucomis(&B, false, 15, 0), "44 0f 2e f8", "ucomiss xmm15, xmm0");
    T(x86_ldmxcsr(&B, x86_mem(X86_RSP, 4)), "0f ae 54 24 04", "ldmxcsr dword ptr [rsp + 4]");
    T(x86_ldmxcsr(&B, x86_mem(X86_R12, 0)), "41 0f ae 14 24", "ldmxcsr dword ptr [r12]");
    T(x86_stmxcsr(&B, x86_mem(X86_R14, 8)), "41 0f ae 5e 08", "stmxcsr dword ptr [r14 + 8]");
    T(x86_stmxcsr(&B, rip(0x10)), "0f ae 1d 10 00 00 00", "stmxcsr dword ptr [rip + 0x10]");
}

/* Generic SSE forms and FMA (bytes from as --64, Intel syntax). */
static void test_sse_generic(void)
{
    T(x86_sse_rr(&B, 0xf2, false, 0x0f2c, X86_RAX, 0), "f2 0f 2c c0", "cvttsd2si eax, xmm0");
    T(x86_sse_rr(&B, 0xf2, true, 0x0f2c, X86_RAX, 0), "f2 48 0f 2c c0", "cvttsd2si rax, xmm0");
    T(x86_sse_rr(&B, 0xf2, true, 0x0f2a, 0, X86_RAX), "f2 48 0f 2a c0", "cvtsi2sd xmm0, rax");
    T(x86_sse_rr(&B, 0xf3, true, 0x0f2a, 1, X86_R9), "f3 49 0f 2a c9", "cvtsi2ss xmm1, r9");
    T(x86_sse_rr(&B, 0xf3, true, 0x0f2c, X86_R10, 3), "f3 4c 0f 2c d3", "cvttss2si r10, xmm3");
    T(x86_sse_rr(&B, 0xf3, false, 0x0f5a, 0, 0), "f3 0f 5a c0", "cvtss2sd xmm0, xmm0");
    T(x86_sse_rr(&B, 0xf2, false, 0x0f5a, 2, 9), "f2 41 0f 5a d1", "cvtsd2ss xmm2, xmm9");
    T(x86_sse_rr(&B, 0x66, false, 0x0fef, 1, 1), "66 0f ef c9", "pxor xmm1, xmm1");
    T(x86_sse_rr(&B, 0x66, false, 0x0f2f, 0, 1), "66 0f 2f c1", "comisd xmm0, xmm1");
    T(x86_sse_rr(&B, 0, false, 0x0f2f, 8, 1), "44 0f 2f c1", "comiss xmm8, xmm1");
    T(x86_sse_rr(&B, 0xf3, false, 0x0f10, 0, 2), "f3 0f 10 c2", "movss xmm0, xmm2");
    T(x86_sse_rr(&B, 0xf2, true, 0x0f2d, X86_RBX, 0), "f2 48 0f 2d d8", "cvtsd2si rbx, xmm0");
    T(x86_vfmadd231(&B, true, 2, 0, 1), "c4 e2 f9 b9 d1", "vfmadd231sd xmm2, xmm0, xmm1");
    T(x86_vfmadd231(&B, false, 2, 0, 1), "c4 e2 79 b9 d1", "vfmadd231ss xmm2, xmm0, xmm1");
    T(x86_vfmadd231(&B, true, 8, 9, 10), "c4 42 b1 b9 c2", "vfmadd231sd xmm8, xmm9, xmm10");
}

int main(void)
{
#ifndef FERRY_TEST_NO_CAPSTONE
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        printf("capstone unavailable\n");
        return 1;
    }
#endif
    test_raw();
    test_overflow();
    test_reg_tables();
    test_alu_rr();
    test_alu_ri();
    test_alu_mem();
    test_alu_mi();
    test_test();
    test_mov();
    test_load();
    test_addressing();
    test_store();
    test_store_imm();
    test_lea();
    test_ext();
    test_shift();
    test_unary_mul();
    test_bits();
    test_movbe();
    test_cond();
    test_jump_to();
    test_jump32();
    test_patch_far();
    test_indirect();
    test_misc();
    test_nops();
    test_atomics();
    test_sse_moves();
    test_sse_arith();
    test_sse_generic();
#ifndef FERRY_TEST_NO_CAPSTONE
    cs_close(&cs);
#endif
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
