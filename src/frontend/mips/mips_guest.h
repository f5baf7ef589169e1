/*
 * The MIPS guests as the engine and the user-mode front end see them: one
 * GuestArch per byte order, sharing the frontend (the byte order is fixed
 * for the process when the engine calls the descriptor's init).
 */
#ifndef FERRY_FRONTEND_MIPS_MIPS_GUEST_H
#define FERRY_FRONTEND_MIPS_MIPS_GUEST_H

#include "exec/guest.h"
#include "frontend/mips/cpu.h"

extern const GuestArch mips_guest;     /* big-endian */
extern const GuestArch mipsel_guest;   /* little-endian */

#endif
