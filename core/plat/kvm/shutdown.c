/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stopping the machine with an exit status.
 *
 * 1. isa-debug-exit (QEMU `-device isa-debug-exit,iobase=0x501,iosize=2`,
 *    as scripts/qemu-guest always adds): writing V makes QEMU exit with
 *    status (V << 1) | 1, so status 0 -> 1, 1 -> 3, 125 -> 251. V is
 *    status & 0x7f (QEMU's status is 8 bits): -1 or 255 become 127.
 *    scripts/qemu-guest turns an odd QEMU status s back into s >> 1.
 * 2. Without that device: ACPI soft-off (PM1a control at 0x604, SLP_EN,
 *    where SeaBIOS puts it on QEMU's pc and q35 machines), then a reset
 *    through the keyboard controller (QEMU with -no-reboot exits with
 *    status 0; the exit status is lost in both cases).
 * 3. Otherwise halt with interrupts off.
 */
#include <uk/essentials.h>
#include <uk/arch/io.h>
#include <uk/plat/bootstrap.h>
#include "kvm.h"

#define DEBUG_EXIT_PORT		0x501
#define ACPI_PM1A_CNT		0x604
#define ACPI_SLP_EN		(1 << 13)
#define KBC_CMD			0x64
#define KBC_CMD_RESET		0xfe

void ukplat_terminate(int status)
{
	outw(DEBUG_EXIT_PORT, (__u16)(status & 0x7f));
	outw(ACPI_PM1A_CNT, ACPI_SLP_EN);
	outb(KBC_CMD, KBC_CMD_RESET);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
