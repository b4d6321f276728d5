/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Constructor table: `void fn(void)` run at boot, before the init tables
 * and before main(), in priority order 0 (first) .. 9 (last); within a
 * priority in link order. Compiler constructors
 * (__attribute__((constructor))) run right after this table.
 */
#ifndef __UK_CTORS_H__
#define __UK_CTORS_H__

#include <uk/essentials.h>

typedef void (*uk_ctor_func_t)(void);

#define UK_CTOR_PRIO(fn, prio)						\
	static const uk_ctor_func_t __used				\
	__section(".uk_ctortab" STRINGIFY(prio))			\
	UK_CONCAT(__uk_ctortab_, fn) = (fn)

#define UK_CTOR(fn)	UK_CTOR_PRIO(fn, 9)

extern const uk_ctor_func_t __uk_ctortab_start[];
extern const uk_ctor_func_t __uk_ctortab_end[];

#endif /* __UK_CTORS_H__ */
