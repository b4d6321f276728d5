/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __UK_ARCH_CYCLES_H__
#define __UK_ARCH_CYCLES_H__

#include <uk/essentials.h>

/** Raw time-stamp counter: cheap (no serialisation), for hot loops. */
static inline __u64 ukarch_cycles(void)
{
	__u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((__u64)hi << 32) | lo;
}

#endif
