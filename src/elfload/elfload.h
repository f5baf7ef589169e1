/*
 * Loading a guest ELF program into guest memory, the way the Linux kernel's
 * execve does: map the PT_LOAD segments and those of its PT_INTERP
 * interpreter (looked up under interp_prefix first), set the program
 * break, map the stack and build argc/argv/envp/auxv on it.
 *
 * Everything read from the file is checked before use; a bad file gets one
 * line "ferry: PATH: reason" on stderr and a -1 return, never a crash.
 *
 * Usage:
 *     ElfIdent id;
 *     if (elf_probe(path, &id) < 0) exit(1);          // pick the guest
 *     gmem_init();
 *     ElfLoadParams p = { .path = path, .execfn = path, .argc = argc,
 *                         .argv = argv, .envp = environ, .hwcap = hw,
 *                         .platform = "v7l", .machine = EM_ARM };
 *     ElfLoadInfo info;
 *     if (elf_load(&p, &info) < 0) exit(1);
 *     // start the guest at info.entry (bit 0: Thumb) with sp = info.sp
 */
#ifndef FERRY_ELFLOAD_ELFLOAD_H
#define FERRY_ELFLOAD_ELFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the ELF header says about the program (fields in host order). */
typedef struct ElfIdent {
    uint16_t machine;  /* e_machine: EM_ARM, EM_MIPS, EM_XTENSA ... */
    bool big_endian;   /* EI_DATA == ELFDATA2MSB */
    uint32_t e_flags;  /* ABI flags (ARM EABI version, BE8, MIPS ABI ...) */
    uint16_t type;     /* ET_EXEC or ET_DYN */
} ElfIdent;

/* Read and validate the header of path; on error print one line
 * "ferry: PATH: reason" and return -1. */
int elf_probe(const char *path, ElfIdent *out);
/* Read path through fd (already open) instead of opening it. */
void elf_use_fd(const char *path, int fd);

/* Short name of an ELF machine ("ARM", "x86-64"), or NULL if unknown. */
const char *elf_machine_name(uint16_t machine);

typedef struct ElfLoadParams {
    const char *path;         /* file to load */
    const char *execfn;       /* AT_EXECFN string (usually path as given) */
    int argc;
    char **argv;              /* argc strings */
    char **envp;              /* NULL-terminated; NULL = empty environment */
    uint32_t hwcap, hwcap2;   /* AT_HWCAP / AT_HWCAP2 */
    const char *platform;     /* AT_PLATFORM string, e.g. "v7l"; NULL = none */
    uint16_t machine;         /* required e_machine (EM_ARM = 40) */
    uint32_t stack_size;      /* 0 = 8 MiB */
    const uint8_t *at_random; /* 16 bytes for AT_RANDOM (-seed); NULL = getrandom */
    const char *interp_prefix; /* searched first for the PT_INTERP file (-L); NULL = none */
    /* searched last, when the interpreter is neither under interp_prefix
     * nor on the host (the cross toolchain's sysroot); NULL = none */
    const char *interp_default_prefix;
} ElfLoadParams;

typedef struct ElfLoadInfo {
    uint32_t entry;           /* where to start (bit 0: Thumb on ARM): the program's
                                 entry, or the interpreter's when it has PT_INTERP */
    uint32_t exec_entry;      /* the program's own entry (AT_ENTRY) */
    uint32_t sp;              /* initial stack pointer (points at argc) */
    uint32_t load_bias;       /* added to every p_vaddr (0 for ET_EXEC) */
    uint32_t interp_base;     /* AT_BASE: interpreter load bias; 0 = none */
    uint32_t phdr, phnum, phent; /* AT_PHDR / AT_PHNUM / AT_PHENT */
    uint32_t start_code, end_code, start_data, end_data, start_brk;
    uint32_t stack_top;       /* GUEST_TASK_SIZE */
    uint32_t stack_limit;     /* lowest stack address; one unmapped guard page below */
    uint32_t auxv, auxv_len;  /* guest address and byte length of the auxv (incl. AT_NULL) */
    uint32_t arg_start, arg_end, env_start, env_end; /* the argv/envp strings */
    ElfIdent ident;
    char interp_path[4096];   /* host path of the interpreter loaded; "" = none */
    bool interp_from_default; /* found under interp_default_prefix */
} ElfLoadInfo;

/* Load the program, its stack and break; 0, or -1 after printing one
 * clear message (nothing stays mapped then).  Needs gmem_init(). */
int elf_load(const ElfLoadParams *p, ElfLoadInfo *out);

/*
 * The stack steps of elf_load (stack.c), usable on their own for an
 * interpreter load and in tests.
 *
 * elf_map_stack: check that argv/envp fit (an E2BIG-style message if
 * not), map the stack below GUEST_TASK_SIZE and set info->stack_top and
 * info->stack_limit.  0 or -1 after a message.
 *
 * elf_fill_stack: write strings, AT_RANDOM bytes, argc, argv, envp and
 * auxv and set info->sp, auxv, auxv_len and the arg/env fields.  Reads
 * info->ident, entry/exec_entry, phdr/phnum/phent and interp_base.  When
 * info->phdr is 0 (no loaded segment holds the program headers),
 * phdr_bytes (phdr_len bytes, as in the file) are copied onto the stack
 * and AT_PHDR points there.  0 or -1 after a message.
 */
int elf_map_stack(const ElfLoadParams *p, ElfLoadInfo *info);
int elf_fill_stack(const ElfLoadParams *p, ElfLoadInfo *info, const void *phdr_bytes,
                   uint32_t phdr_len);

/* The stack size elf_map_stack uses for a requested size (0 = 8 MiB,
 * rounded up to whole pages). */
uint32_t elf_stack_size(uint32_t requested);

#endif
