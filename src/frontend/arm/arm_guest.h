/*
 * The ARM guest as the engine and the user-mode front end see it: the
 * GuestArch descriptor plus the process set-up the ELF loader's caller
 * needs (initial registers, the kuser helper page, AT_HWCAP values).
 */
#ifndef FERRY_FRONTEND_ARM_ARM_GUEST_H
#define FERRY_FRONTEND_ARM_ARM_GUEST_H

#include <stdint.h>

#include "exec/guest.h"
#include "frontend/arm/cpu.h"

extern const GuestArch arm_guest;

/* Registers of a new process: sp, entry point (bit 0 selects Thumb), VFP
 * enabled, exclusive monitor open. */
void arm_setup_process(ArmCPU *env, uint32_t entry, uint32_t sp);
/* Map the kuser helper page at 0xffff0000 (read + exec, version word). */
void arm_map_kuser_page(void);
/* AT_HWCAP / AT_HWCAP2: exactly what the frontend implements. */
uint32_t arm_hwcap(void);
uint32_t arm_hwcap2(void);

#endif
