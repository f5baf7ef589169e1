/* mmap() and friends for the Xtensa guest test runtime, with the Xtensa
 * Linux flag values (asm/mman.h). */
#ifndef XT_RT_SYS_MMAN_H
#define XT_RT_SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x001
#define MAP_PRIVATE 0x002
#define MAP_FIXED 0x010
#define MAP_ANONYMOUS 0x0800
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FAILED ((void *)-1)
#define MREMAP_MAYMOVE 1

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);

#endif
