/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform entry and exit.
 *
 * The platform sets up the CPU, console, clock and memory map, builds
 * argc/argv from its command line and calls ukplat_entry() (in ukboot).
 */
#ifndef __UK_PLAT_BOOTSTRAP_H__
#define __UK_PLAT_BOOTSTRAP_H__

#include <uk/essentials.h>

/** Provided by ukboot: runs tables, parameters, main(). Never returns. */
void ukplat_entry(int argc, char *argv[]) __noreturn;

/**
 * Stop the system with exit status @p status (0..127).
 * linuxu: the process exits with @p status.
 * kvm: writes @p status to the isa-debug-exit port (0x501), so QEMU
 *      exits with (status << 1) | 1; scripts/qemu-guest maps it back.
 *      Without that device the CPU halts with interrupts off.
 */
void ukplat_terminate(int status) __noreturn;

/** Command line as given by the boot loader / process (read-only). */
const char *ukplat_cmdline(void);

#endif
