/*
 * ferry: run a Linux program built for another architecture.
 *
 *     ferry [options] PROGRAM [ARGS...]
 *     ferry-arm [options] PROGRAM [ARGS...]     (forces the ARM guest;
 *                                               ferry-mips, ferry-mipsel, ferry-xtensa,
 *                                               ferry-xtensaeb likewise)
 *
 * Options follow qemu-user's spelling so existing habits and scripts carry
 * over; each has a FERRY_* environment variable.  The guest is chosen from
 * the ELF header, or from the name ferry was started under.
 *
 * When the guest executes another program for the same guest, the syscall
 * layer starts ferry again (sys_set_exec): the options that shape the run
 * (-L, -cpu, -s, the backend, logging) are repeated on that command line;
 * -E, -U and -0 are not, since they only set up the first program.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "common/log.h"
#include "elfload/elfload.h"
#include "exec/exec.h"
#include "exec/guestmem.h"
#include "frontend/arm/arm_guest.h"
#include "frontend/mips/mips_guest.h"
#include "frontend/xtensa/xtensa_guest.h"
#include "syscall/syscall.h"

#define FERRY_VERSION "0.1"

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1   /* linux/binfmts.h, Linux 5.12 */
#endif

typedef struct Options {
    const char *forced_guest;   /* from argv[0] (ferry-arm) or -guest */
    const char *argv0;          /* -0 */
    const char *cpu;            /* -cpu */
    const char *ld_prefix;      /* -L */
    const char *log_file;       /* -D or -log-append */
    bool log_append;            /* -log-append */
    uint32_t stack_size;        /* -s */
    char **env;                 /* guest environment */
    int nenv;
    int prog_index;             /* index of PROGRAM in argv */
    ExecOptions exec;
} Options;

/* The guests this build runs, the ELF files they take and the one CPU
 * model each emulates. */
typedef struct GuestInfo {
    const GuestArch *arch;
    const char *what;     /* for messages: "little-endian ARM" */
    const char *cpu;      /* -cpu name */
    /* The sysroot used when -L names none and the ELF interpreter a
     * program asks for is not on the host: the one of Debian's cross
     * toolchain for the guest, which has the dynamic linker and libc. */
    const char *sysroot;
} GuestInfo;

static const GuestInfo guests[] = {
    { &arm_guest, "little-endian ARM", "cortex-a15", "/usr/arm-linux-gnueabihf" },
    { &mips_guest, "big-endian MIPS", "24Kf", "/usr/mips-linux-gnu" },
    { &mipsel_guest, "little-endian MIPS", "24Kf", "/usr/mipsel-linux-gnu" },
    /* no Linux Xtensa toolchain in Debian: no default sysroot */
    { &xtensa_guest, "little-endian Xtensa", "dc233c", NULL },
    { &xtensaeb_guest, "big-endian Xtensa", "test_kc705_be", NULL },
};
#define NGUESTS (sizeof(guests) / sizeof(guests[0]))

static void usage(FILE *f)
{
    fprintf(f,
            "usage: ferry [options] PROGRAM [ARGS...]\n"
            "Run a Linux program for ARM, MIPS (o32) or Xtensa (either byte order) on this x86-64\n"
            "host.\n\n"
            "  -L PATH          look up the ELF interpreter and absolute paths under PATH\n"
            "                   (FERRY_LD_PREFIX)\n"
            "  -E VAR=VALUE     set a variable in the guest environment\n"
            "  -U VAR           remove a variable from the guest environment\n"
            "  -0 ARGV0         pass ARGV0 as the program's argv[0]\n"
            "  -cpu MODEL       guest CPU model (FERRY_CPU); ARM: cortex-a15, MIPS: 24Kf,\n"
            "                   Xtensa: dc233c (default), de233_fpu, lx106, test_kc705_be\n"
            "                   (xtensaeb default), fsf, max\n"
            "  -s SIZE          guest stack size in bytes, k/M suffixes (FERRY_STACK_SIZE)\n"
            "  -strace          log every guest system call (FERRY_STRACE)\n"
            "  -d ITEMS         debug output: in_asm,op,op_opt,out_asm,exec,unimp,strace\n"
            "                   (FERRY_LOG)\n"
            "  -D FILE          write debug output to FILE (FERRY_LOG_FILENAME)\n"
            "  -log-append FILE like -D, but append (used for programs the guest executes)\n"
            "  -one-insn-per-tb translate one guest instruction per block\n"
            "  -tb-size SIZE    generated-code buffer in MiB, or KiB with k (FERRY_TB_SIZE)\n"
            "  -backend NAME    x86 (generate host code, default) or interp (interpret the\n"
            "                   IR) (FERRY_BACKEND)\n"
            "  -h, -help        this help\n"
            "  -version         print the version\n"
            "  -guests          list the guest architectures this ferry runs\n");
}

static uint32_t parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end == 'k' || *end == 'K')
        v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
        v <<= 20, end++;
    if (*end || v == 0 || v > (1ull << 30))
        ferry_fatal("bad stack size '%s'", s);
    return (uint32_t)v;
}

/* Code buffer size: MiB, or KiB with a k suffix (small sizes exercise
 * the flush path in tests). */
static uint32_t parse_tb_size(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    unsigned long kb = (*end == 'k' || *end == 'K') ? v : v << 10;
    if ((*end && *end != 'k' && *end != 'K' && *end != 'M' && *end != 'm') ||
        kb < 64 || kb > (1ul << 20))
        ferry_fatal("bad code buffer size '%s' (64k to 1024 MiB)", s);
    return (uint32_t)kb;
}

static void env_unset(Options *o, const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < o->nenv; i++) {
        if (!strncmp(o->env[i], name, len) && o->env[i][len] == '=') {
            o->env[i] = o->env[--o->nenv];
            o->env[o->nenv] = NULL;
            i--;
        }
    }
}

static void env_set(Options *o, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (!eq)
        ferry_fatal("-E needs VAR=VALUE, got '%s'", assignment);
    char *name = strndup(assignment, eq - assignment);
    env_unset(o, name);
    free(name);
    o->env = realloc(o->env, (o->nenv + 2) * sizeof(char *));
    o->env[o->nenv++] = (char *)assignment;
    o->env[o->nenv] = NULL;
}

static void set_backend(Options *o, const char *name)
{
    if (!strcmp(name, "x86") || !strcmp(name, "x86_64") || !strcmp(name, "jit"))
        o->exec.backend = EXEC_BACKEND_X86;
    else if (!strcmp(name, "interp"))
        o->exec.backend = EXEC_BACKEND_INTERP;
    else
        ferry_fatal("unknown backend '%s' (known: x86, interp)", name);
}

static void set_log(const char *items)
{
    if (!ferry_log_parse(items))
        exit(1);
}

/* Only noted here: the file is opened once all options are known, so that
 * -log-append wins over FERRY_LOG_FILENAME, which would truncate it. */
static void set_log_file(Options *o, const char *path, bool append)
{
    o->log_file = path;
    o->log_append = append;
}

static void options_from_environment(Options *o)
{
    const char *v;
    if ((v = getenv("FERRY_BACKEND")))
        set_backend(o, v);
    if ((v = getenv("FERRY_TB_SIZE")))
        o->exec.code_buffer_kb = parse_tb_size(v);
    if ((v = getenv("FERRY_VERIFY")))
        o->exec.verify = *v && strcmp(v, "0") != 0;
    if ((v = getenv("FERRY_LD_PREFIX")))
        o->ld_prefix = v;
    if ((v = getenv("FERRY_CPU")))
        o->cpu = v;
    if ((v = getenv("FERRY_STACK_SIZE")))
        o->stack_size = parse_size(v);
    if ((v = getenv("FERRY_STRACE")) && *v)
        ferry_log_mask |= LOG_STRACE;
    if ((v = getenv("FERRY_LOG")))
        set_log(v);
    if ((v = getenv("FERRY_LOG_FILENAME")))
        set_log_file(o, v, false);
}

/* Needs an argument: returns it or exits with a message. */
static const char *arg_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        ferry_fatal("option %s needs an argument", argv[*i]);
    return argv[++*i];
}

static void parse_args(Options *o, int argc, char **argv)
{
    int i;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (a[1] == '-')
            a++;  /* accept --option as well */
        if (!strcmp(a, "-")) {
            i++;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "-help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "-version")) {
            printf("ferry %s\n", FERRY_VERSION);
            exit(0);
        } else if (!strcmp(a, "-guests")) {
            /* the guests this build implements (used by ferry-binfmt) */
            for (size_t g = 0; g < NGUESTS; g++)
                printf("%s\n", guests[g].arch->name);
            exit(0);
        } else if (!strcmp(a, "-L")) {
            o->ld_prefix = arg_of(argc, argv, &i);
        } else if (!strcmp(a, "-E")) {
            env_set(o, arg_of(argc, argv, &i));
        } else if (!strcmp(a, "-U")) {
            env_unset(o, arg_of(argc, argv, &i));
        } else if (!strcmp(a, "-0")) {
            o->argv0 = arg_of(argc, argv, &i);
        } else if (!strcmp(a, "-cpu")) {
            o->cpu = arg_of(argc, argv, &i);
        } else if (!strcmp(a, "-s")) {
            o->stack_size = parse_size(arg_of(argc, argv, &i));
        } else if (!strcmp(a, "-strace")) {
            ferry_log_mask |= LOG_STRACE;
        } else if (!strcmp(a, "-d")) {
            set_log(arg_of(argc, argv, &i));
        } else if (!strcmp(a, "-D")) {
            set_log_file(o, arg_of(argc, argv, &i), false);
        } else if (!strcmp(a, "-log-append")) {
            set_log_file(o, arg_of(argc, argv, &i), true);
        } else if (!strcmp(a, "-one-insn-per-tb") || !strcmp(a, "-singlestep")) {
            o->exec.max_insns = 1;
        } else if (!strcmp(a, "-tb-size")) {
            o->exec.code_buffer_kb = parse_tb_size(arg_of(argc, argv, &i));
        } else if (!strcmp(a, "-backend")) {
            set_backend(o, arg_of(argc, argv, &i));
        } else {
            ferry_log("unknown option '%s'", argv[i]);
            usage(stderr);
            exit(1);
        }
    }
    if (i >= argc) {
        usage(stderr);
        exit(1);
    }
    o->prog_index = i;
}

/* The guest's environment is ferry's, except that the LD_* variables a
 * guest's execve renamed on the way (SYS_GUEST_LD_PREFIX) get their names
 * back. */
static void copy_host_environment(Options *o)
{
    extern char **environ;
    const size_t plen = strlen(SYS_GUEST_LD_PREFIX);
    int n = 0;
    while (environ[n])
        n++;
    o->env = malloc((n + 1) * sizeof(char *));
    for (int i = 0; i <= n; i++) {
        o->env[i] = environ[i];
        if (environ[i] && !strncmp(environ[i], SYS_GUEST_LD_PREFIX, plen) &&
            asprintf(&o->env[i], "LD_%s", environ[i] + plen) < 0)
            ferry_fatal("out of memory");
    }
    o->nenv = n;
}

static const char *guest_from_name(const char *argv0)
{
    const char *base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    if (!strncmp(base, "ferry-", 6))
        return base + 6;
    return NULL;
}

static const char *default_sysroot(const GuestArch *arch)
{
    for (size_t g = 0; g < NGUESTS; g++)
        if (guests[g].arch == arch)
            return guests[g].sysroot;
    return NULL;
}

static const GuestArch *choose_guest(const Options *o, const char *path, const ElfIdent *id)
{
    const GuestInfo *forced = NULL;
    if (o->forced_guest) {
        for (size_t g = 0; g < NGUESTS && !forced; g++)
            if (!strcmp(o->forced_guest, guests[g].arch->name))
                forced = &guests[g];
        if (!forced)
            ferry_fatal("guest '%s' is not supported (ferry -guests lists them)", o->forced_guest);
    }
    const GuestInfo *gi = NULL;
    for (size_t g = 0; g < NGUESTS && !gi; g++)
        if (id->machine == guests[g].arch->elf_machine &&
            id->big_endian == guests[g].arch->big_endian)
            gi = &guests[g];
    if (!gi || (forced && forced != gi)) {
        const char *what = forced ? forced->what : "ARM, MIPS or Xtensa";
        ferry_log("%s: not a 32-bit %s program (e_machine %u, %s-endian)", path, what,
                  id->machine, id->big_endian ? "big" : "little");
        exit(1);
    }
    const char *bad = gi->arch->check_elf_flags ? gi->arch->check_elf_flags(id->e_flags) : NULL;
    if (bad) {
        ferry_log("%s: %s", path, bad);
        exit(1);
    }
    if (gi->arch->set_cpu) {
        const char *known = gi->arch->set_cpu(o->cpu);
        if (known)
            ferry_fatal("unknown %s cpu '%s' (known: %s)", gi->arch->name, o->cpu, known);
    } else if (o->cpu && strcmp(o->cpu, "max") != 0 && strcmp(o->cpu, "any") != 0 &&
               strcasecmp(o->cpu, gi->cpu) != 0) {
        ferry_fatal("unknown %s cpu '%s' (known: %s)", gi->arch->name, o->cpu, gi->cpu);
    }
    return gi->arch;
}

/* ferry's command line for a program of this guest that the guest
 * executes: argv0 and the options of this run that still apply. */
static char **exec_command(const Options *o, const char *argv0)
{
    static char stack[16], tb[16], items[128];
    static char *v[24];
    int n = 0;
    v[n++] = (char *)argv0;
    if (o->ld_prefix)
        v[n++] = "-L", v[n++] = (char *)o->ld_prefix;
    if (o->cpu)
        v[n++] = "-cpu", v[n++] = (char *)o->cpu;
    if (o->stack_size) {
        snprintf(stack, sizeof stack, "%u", o->stack_size);
        v[n++] = "-s", v[n++] = stack;
    }
    ferry_log_items(items, sizeof items);  /* -d, -strace and FERRY_LOG together */
    if (items[0])
        v[n++] = "-d", v[n++] = items;
    if (o->log_file)
        v[n++] = "-log-append", v[n++] = (char *)o->log_file;
    if (o->exec.max_insns == 1)
        v[n++] = "-one-insn-per-tb";
    if (o->exec.code_buffer_kb) {
        snprintf(tb, sizeof tb, "%uk", o->exec.code_buffer_kb);
        v[n++] = "-tb-size", v[n++] = tb;
    }
    v[n++] = "-backend";
    v[n++] = o->exec.backend == EXEC_BACKEND_INTERP ? "interp" : "x86";
    v[n] = NULL;
    return v;
}

/* An absolute form of a path the guest may outlive with chdir; the path
 * itself if it does not resolve. */
static const char *absolute(const char *path)
{
    char *abs = path ? realpath(path, NULL) : NULL;
    return abs ? abs : path;
}

int main(int argc, char **argv)
{
    Options o = { .exec = { .backend = EXEC_BACKEND_X86, .max_insns = 512 } };
#ifndef NDEBUG
    o.exec.verify = true;
#endif
    o.forced_guest = guest_from_name(argv[0]);
    copy_host_environment(&o);
    options_from_environment(&o);
    /* Started by binfmt_misc with the P (preserve-argv0) flag: the kernel says so in
     * AT_FLAGS and passes [ferry, program path, original argv[0], args...] with no ferry
     * options (those come from FERRY_* variables). */
    bool binfmt_p = (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) && argc >= 3;
    if (binfmt_p)
        o.prog_index = 1;
    else
        parse_args(&o, argc, argv);
    o.ld_prefix = o.ld_prefix && o.ld_prefix[0] ? absolute(o.ld_prefix) : NULL;
    if (o.log_file && !ferry_log_set_file(o.log_file, o.log_append))
        ferry_fatal("cannot open log file '%s'", o.log_file);
    o.log_file = absolute(o.log_file);

    const char *path = argv[o.prog_index];
    /* binfmt_misc's O (open-binary) flag: the kernel opened the program,
     * which may be executable without being readable, and passes the
     * descriptor as AT_EXECFD. */
    errno = 0;
    unsigned long execfd = getauxval(AT_EXECFD);
    bool have_execfd = errno == 0;
    if (have_execfd)
        elf_use_fd(path, (int)execfd);
    ElfIdent id;
    if (elf_probe(path, &id) < 0)
        return 1;
    const GuestArch *guest = choose_guest(&o, path, &id);

    gmem_init();
    exec_init(guest, &o.exec);
    if (guest->map_special_pages)
        guest->map_special_pages();

    char **gargv = &argv[o.prog_index];
    int gargc = argc - o.prog_index;
    if (binfmt_p) {
        gargv = &argv[2];
        gargc = argc - 2;
    } else if (o.argv0) {
        gargv = malloc((gargc + 1) * sizeof(char *));
        memcpy(gargv, &argv[o.prog_index], (gargc + 1) * sizeof(char *));
        gargv[0] = (char *)o.argv0;
    }
    ElfLoadParams p = {
        .path = path, .execfn = path, .argc = gargc, .argv = gargv, .envp = o.env,
        .hwcap = guest->hwcap(), .hwcap2 = guest->hwcap2(), .platform = guest->elf_platform,
        .machine = guest->elf_machine, .stack_size = o.stack_size,
        .interp_prefix = o.ld_prefix,
        .interp_default_prefix = o.ld_prefix ? NULL : default_sysroot(guest),
    };
    ElfLoadInfo info;
    if (elf_load(&p, &info) < 0)
        return 1;
    if (have_execfd)
        close((int)execfd);   /* mapped; the guest must not inherit it */
    if (info.interp_from_default)
        o.ld_prefix = default_sysroot(guest);

    char abs[PATH_MAX];
    sys_init(realpath(path, abs) ? abs : path);
    if (o.ld_prefix)
        sys_set_prefix(o.ld_prefix);
    sys_set_process(&info);
    /* Executing /proc/self/exe runs this very binary, even if it has been
     * replaced or removed on disk since. */
    /* (readlink fails in a chroot that does not contain ferry; executing
     * the link still works) */
    if (access("/proc/self/exe", X_OK) == 0)
        sys_set_exec("/proc/self/exe", exec_command(&o, argv[0]));
    /* ps, top and /proc/self/comm show the guest program, as after its execve. */
    const char *base = strrchr(path, '/');
    prctl(PR_SET_NAME, (unsigned long)(base ? base + 1 : path), 0, 0, 0);

    void *env = exec_new_cpu();
    GuestStart start = { .entry = info.entry, .sp = info.sp, .e_flags = id.e_flags,
                         .phdr = info.phdr, .phnum = info.phnum };
    guest->setup_process(env, &start);
    cpu_loop(env);
}
