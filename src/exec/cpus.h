/*
 * The registry of guest CPUs and exclusive sections (see cpus.c).
 */
#ifndef FERRY_EXEC_CPUS_H
#define FERRY_EXEC_CPUS_H

#include <stdbool.h>

#include "exec/cpu_common.h"

/* Register / unregister a CPU (its thread starts / ends).  A CPU is
 * removed only when it is not running. */
void exec_cpu_add(CPUCommon *cc);
void exec_cpu_remove(CPUCommon *cc);
/* The calling thread starts running (may wait for an exclusive section to
 * end) or stops running (before a blocking call or exit). */
void exec_cpu_start(CPUCommon *cc);
void exec_cpu_end(CPUCommon *cc);
/* True while an exclusive section is requested or running (a hint for the
 * cpu loop to stop and let it proceed). */
bool exec_exclusive_pending(void);
/* Wait until no other thread runs, and keep it so until the end.  The
 * caller must not be running and must hold no lock a running thread may
 * wait for (tb_lock in particular). */
void exec_start_exclusive(void);
void exec_end_exclusive(void);
/* Every CPU's jump cache may name invalidated blocks: each thread clears
 * its own at its next loop iteration (exit_request makes that soon). */
void exec_cpus_mark_jc_stale(void);
int exec_cpu_count(void);

#endif
