/*
 * Guest-side layouts of the structs the syscall layer converts.
 *
 * Each struct is the guest's view, field for field, with static asserts on
 * size and offsets so a layout mistake fails the build instead of
 * corrupting guest memory.  Fields hold guest byte order; converters in
 * xlat.c fill them through tsw16/32/64.  The generic 32-bit layouts are
 * shared by every 32-bit Linux ABI; ARM-only ones carry an Arm prefix
 * (from asm/stat.h and asm/signal.h of the ARM UAPI headers).
 */
#ifndef FERRY_SYSCALL_GUEST_TYPES_H
#define FERRY_SYSCALL_GUEST_TYPES_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_CHECK(type, field, off) \
    static_assert(offsetof(type, field) == (off), #type "." #field)
#define GUEST_SIZE(type, size) \
    static_assert(sizeof(type) == (size), "sizeof " #type)

/* struct old_timespec32 (clock_gettime, nanosleep on 32-bit guests). */
typedef struct GuestTimespec32 {
    int32_t tv_sec;
    int32_t tv_nsec;
} GuestTimespec32;
GUEST_SIZE(GuestTimespec32, 8);

/* struct __kernel_timespec (the *_time64 calls): 64-bit seconds and a
 * 64-bit nanosecond slot whose upper half 32-bit guests may leave as
 * garbage, so only the low 32 bits are read. */
typedef struct GuestTimespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
} __attribute__((packed, aligned(4))) GuestTimespec64;
GUEST_SIZE(GuestTimespec64, 16);

/* struct old_timeval32 (gettimeofday). */
typedef struct GuestTimeval32 {
    int32_t tv_sec;
    int32_t tv_usec;
} GuestTimeval32;
GUEST_SIZE(GuestTimeval32, 8);

/* struct timezone (gettimeofday). */
typedef struct GuestTimezone {
    int32_t tz_minuteswest;
    int32_t tz_dsttime;
} GuestTimezone;
GUEST_SIZE(GuestTimezone, 8);

/* struct iovec with a 32-bit base and length. */
typedef struct GuestIovec32 {
    uint32_t iov_base;
    uint32_t iov_len;
} GuestIovec32;
GUEST_SIZE(GuestIovec32, 8);

/* struct rlimit with 32-bit unsigned longs (ugetrlimit, setrlimit);
 * RLIM_INFINITY is 0xffffffff. */
typedef struct GuestRlimit32 {
    uint32_t rlim_cur;
    uint32_t rlim_max;
} GuestRlimit32;
GUEST_SIZE(GuestRlimit32, 8);

/* struct rlimit64 (prlimit64): the same on every ABI, 4-byte aligned on
 * 32-bit guests. */
typedef struct GuestRlimit64 {
    uint64_t rlim_cur;
    uint64_t rlim_max;
} __attribute__((packed, aligned(4))) GuestRlimit64;
GUEST_SIZE(GuestRlimit64, 16);

/* struct new_utsname: six 65-byte strings. */
#define GUEST_UTS_LEN 65
typedef struct GuestUtsname {
    char sysname[GUEST_UTS_LEN];
    char nodename[GUEST_UTS_LEN];
    char release[GUEST_UTS_LEN];
    char version[GUEST_UTS_LEN];
    char machine[GUEST_UTS_LEN];
    char domainname[GUEST_UTS_LEN];
} GuestUtsname;
GUEST_SIZE(GuestUtsname, 390);

/* stack_t (sigaltstack) in the generic order sp, flags, size (MIPS
 * differs: sp, size, flags). */
typedef struct GuestStack {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
} GuestStack;
GUEST_SIZE(GuestStack, 12);
GUEST_CHECK(GuestStack, ss_flags, 4);
GUEST_CHECK(GuestStack, ss_size, 8);

/* struct termios as TCGETS/TCSETS* pass it (the kernel's, not glibc's):
 * four flag words, the line discipline and 19 control characters. */
#define GUEST_NCCS 19
typedef struct GuestTermios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[GUEST_NCCS];
} GuestTermios;
GUEST_SIZE(GuestTermios, 36);
GUEST_CHECK(GuestTermios, c_line, 16);

/* struct winsize (TIOCGWINSZ). */
typedef struct GuestWinsize {
    uint16_t ws_row;
    uint16_t ws_col;
    uint16_t ws_xpixel;
    uint16_t ws_ypixel;
} GuestWinsize;
GUEST_SIZE(GuestWinsize, 8);

/* struct flock with a 32-bit off_t (fcntl F_GETLK/F_SETLK/F_SETLKW). */
typedef struct GuestFlock32 {
    int16_t l_type;
    int16_t l_whence;
    int32_t l_start;
    int32_t l_len;
    int32_t l_pid;
} GuestFlock32;
GUEST_SIZE(GuestFlock32, 16);
GUEST_CHECK(GuestFlock32, l_pid, 12);

/* struct flock64 (F_GETLK64..., F_OFD_*): 8-byte aligned 64-bit fields on
 * ARM EABI and MIPS o32. */
typedef struct GuestFlock64 {
    int16_t l_type;
    int16_t l_whence;
    uint8_t pad[4];
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    uint8_t pad2[4];
} GuestFlock64;
GUEST_SIZE(GuestFlock64, 32);
GUEST_CHECK(GuestFlock64, l_start, 8);
GUEST_CHECK(GuestFlock64, l_len, 16);
GUEST_CHECK(GuestFlock64, l_pid, 24);

/*
 * ARM EABI struct stat64 (asm/stat.h).  It keeps glibc 2.1's padding after
 * the 64-bit dev_t fields and stores the inode twice: a truncated 32-bit
 * copy near the start and the full 64-bit one at the end.  The 64-bit
 * members are 8-byte aligned, as EABI requires.
 */
typedef struct ArmStat64 {
    uint64_t st_dev;
    uint8_t  pad0[4];
    uint32_t st_ino32;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t  pad3[4];
    int64_t  st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_sec;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_sec;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_sec;
    uint32_t st_ctime_nsec;
    uint64_t st_ino;
} __attribute__((aligned(8))) ArmStat64;
GUEST_SIZE(ArmStat64, 104);
GUEST_CHECK(ArmStat64, st_ino32, 12);
GUEST_CHECK(ArmStat64, st_mode, 16);
GUEST_CHECK(ArmStat64, st_nlink, 20);
GUEST_CHECK(ArmStat64, st_uid, 24);
GUEST_CHECK(ArmStat64, st_gid, 28);
GUEST_CHECK(ArmStat64, st_rdev, 32);
GUEST_CHECK(ArmStat64, st_size, 48);
GUEST_CHECK(ArmStat64, st_blksize, 56);
GUEST_CHECK(ArmStat64, st_blocks, 64);
GUEST_CHECK(ArmStat64, st_atime_sec, 72);
GUEST_CHECK(ArmStat64, st_mtime_sec, 80);
GUEST_CHECK(ArmStat64, st_ctime_sec, 88);
GUEST_CHECK(ArmStat64, st_ino, 96);

/* ARM struct sigaction as rt_sigaction takes it: handler, flags,
 * restorer, then the 64-bit kernel sigset_t. */
/* siginfo_t of 32-bit ABIs with the generic layout: three ints, then a
 * union of 29 words whose use depends on the signal and si_code. */
typedef struct GuestSiginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    uint32_t u[29];
} GuestSiginfo;
GUEST_SIZE(GuestSiginfo, 128);

/* struct itimerval with 32-bit timevals (setitimer, getitimer). */
typedef struct GuestItimerval32 {
    GuestTimeval32 it_interval;
    GuestTimeval32 it_value;
} GuestItimerval32;
GUEST_SIZE(GuestItimerval32, 16);

/* struct robust_list_head with 32-bit pointers: the list, the offset of
 * the futex word from an entry, and the entry being locked or unlocked. */
typedef struct GuestRobustListHead {
    uint32_t next;
    int32_t futex_offset;
    uint32_t list_op_pending;
} GuestRobustListHead;
GUEST_SIZE(GuestRobustListHead, 12);

typedef struct ArmSigaction {
    uint32_t handler;           /* the kernel's sa_handler (glibc makes that a macro) */
    uint32_t flags;
    uint32_t restorer;
    uint32_t mask[2];
} ArmSigaction;
GUEST_SIZE(ArmSigaction, 20);
GUEST_CHECK(ArmSigaction, flags, 4);
GUEST_CHECK(ArmSigaction, restorer, 8);
GUEST_CHECK(ArmSigaction, mask, 12);

/*
 * MIPS o32 struct stat64 (asm/stat.h): 32-bit dev_t fields with three
 * words of padding each, the 64-bit inode early, the times before
 * st_blksize, and the 64-bit members 8-byte aligned.
 */
typedef struct MipsStat64 {
    uint32_t st_dev;
    uint32_t st_pad0[3];
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t st_rdev;
    uint32_t st_pad1[3];
    int64_t  st_size;
    uint32_t st_atime_sec;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_sec;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_sec;
    uint32_t st_ctime_nsec;
    uint32_t st_blksize;
    uint32_t st_pad2;
    int64_t  st_blocks;
} __attribute__((aligned(8))) MipsStat64;
GUEST_SIZE(MipsStat64, 104);
GUEST_CHECK(MipsStat64, st_ino, 16);
GUEST_CHECK(MipsStat64, st_mode, 24);
GUEST_CHECK(MipsStat64, st_rdev, 40);
GUEST_CHECK(MipsStat64, st_size, 56);
GUEST_CHECK(MipsStat64, st_atime_sec, 64);
GUEST_CHECK(MipsStat64, st_blksize, 88);
GUEST_CHECK(MipsStat64, st_blocks, 96);

/* MIPS struct sigaction as rt_sigaction takes it: flags first, then the
 * handler and the 128-bit kernel sigset_t; no restorer. */
typedef struct MipsSigaction {
    uint32_t flags;
    uint32_t handler;
    uint32_t mask[4];
} MipsSigaction;
GUEST_SIZE(MipsSigaction, 24);
GUEST_CHECK(MipsSigaction, mask, 8);

/* MIPS stack_t (IRIX order): sp, size, flags. */
typedef struct MipsStack {
    uint32_t ss_sp;
    uint32_t ss_size;
    int32_t ss_flags;
} MipsStack;
GUEST_SIZE(MipsStack, 12);

/* MIPS struct termios (asm/termbits.h): 23 control characters. */
#define MIPS_NCCS 23
typedef struct MipsTermios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[MIPS_NCCS];
} MipsTermios;
GUEST_SIZE(MipsTermios, 40);

#endif
