/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time. ukplat_monotonic_clock() is nanoseconds since boot (TSC scaled by
 * the boot-time calibration on kvm, CLOCK_MONOTONIC on linuxu). For hot
 * loops read the raw cycle counter with ukarch_cycles() and convert
 * rarely with ukplat_cycles_hz().
 */
#ifndef __UK_PLAT_TIME_H__
#define __UK_PLAT_TIME_H__

#include <uk/essentials.h>
#include <uk/arch/cycles.h>

#define UKPLAT_NSEC_PER_SEC	1000000000ULL

/** @return nanoseconds since boot; never goes backwards */
__nsec ukplat_monotonic_clock(void);

/** @return cycles per second of ukarch_cycles() */
__u64 ukplat_cycles_hz(void);

/** @return the monotonic clock value at kernel entry (for boot cost) */
__nsec ukplat_boot_entry_time(void);

#endif
