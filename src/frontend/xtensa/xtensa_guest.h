/*
 * The Xtensa guests as the engine and the user-mode front end see them:
 * one GuestArch per byte order, sharing the frontend (the byte order is
 * fixed for the process when the engine calls the descriptor's init).
 */
#ifndef FERRY_FRONTEND_XTENSA_XTENSA_GUEST_H
#define FERRY_FRONTEND_XTENSA_XTENSA_GUEST_H

#include "exec/guest.h"
#include "frontend/xtensa/cpu.h"

extern const GuestArch xtensa_guest;     /* little-endian */
extern const GuestArch xtensaeb_guest;   /* big-endian */

#endif
