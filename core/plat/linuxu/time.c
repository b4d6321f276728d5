/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu wall clock and halt: the host's CLOCK_REALTIME, and host
 * nanosleep() for the time left until a monotonic deadline (looped, so
 * an early return, EINTR included, sleeps again for the rest).
 */
#include <uk/essentials.h>
#include <uk/plat/time.h>
#include <uk/plat/linuxu/syscall.h>

#define LINUXU_CLOCK_REALTIME	0

__nsec ukplat_wall_clock(void)
{
	struct linuxu_timespec ts;

	linuxu_syscall(__NR_clock_gettime, LINUXU_CLOCK_REALTIME, &ts, 0);
	return (__nsec)ts.tv_sec * UKPLAT_NSEC_PER_SEC + ts.tv_nsec;
}

void ukplat_halt_until(__nsec deadline)
{
	struct linuxu_timespec ts;
	__nsec now;

	while ((now = ukplat_monotonic_clock()) < deadline) {
		ts.tv_sec = (deadline - now) / UKPLAT_NSEC_PER_SEC;
		ts.tv_nsec = (deadline - now) % UKPLAT_NSEC_PER_SEC;
		linuxu_syscall(__NR_nanosleep, &ts, 0, 0);
	}
}
