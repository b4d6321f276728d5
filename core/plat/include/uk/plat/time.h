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

/**
 * @return the wall clock: nanoseconds since 1970-01-01 00:00 UTC (kvm:
 *   the CMOS RTC read once at boot, 1 s resolution, plus the monotonic
 *   clock; linuxu: the host's CLOCK_REALTIME)
 */
__nsec ukplat_wall_clock(void);

/**
 * Idle the CPU until ukplat_monotonic_clock() >= @p deadline; returns
 * at once if it already is. kvm halts with a one-shot local APIC timer
 * interrupt armed (no busy spin); linuxu sleeps in the host.
 */
void ukplat_halt_until(__nsec deadline);

#endif
