/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test shim: <uk/arch/cycles.h> without <uk/essentials.h>, whose
 * macros clash with glibc's. */
#ifndef __UK_ARCH_CYCLES_H__
#define __UK_ARCH_CYCLES_H__

#include <stdint.h>
#include <x86intrin.h>

static inline uint64_t ukarch_cycles(void)
{
	return __rdtsc();
}

#endif
