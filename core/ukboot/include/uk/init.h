/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Init tables. A library registers `int fn(void)` to run at boot in one
 * of six classes, and inside a class at a priority 0 (first) .. 9 (last).
 * The boot sequence (see docs/ARCHITECTURE.md) is:
 *
 *   platform set-up -> default allocator -> ctor table (<uk/ctors.h>)
 *   -> compiler constructors (.init_array) -> kernel parameters
 *   -> early -> plat -> lib -> rootfs -> sys -> late -> main()
 *
 * An init function returning a negative errno stops the boot with a
 * message naming it and a non-zero exit status.
 */
#ifndef __UK_INIT_H__
#define __UK_INIT_H__

#include <uk/essentials.h>

typedef int (*uk_init_func_t)(void);

#define UK_INIT_CLASS_EARLY	1
#define UK_INIT_CLASS_PLAT	2
#define UK_INIT_CLASS_LIB	3
#define UK_INIT_CLASS_ROOTFS	4
#define UK_INIT_CLASS_SYS	5
#define UK_INIT_CLASS_LATE	6

#define UK_PRIO_EARLIEST	0
#define UK_PRIO_LATEST		9

/* class and prio must be plain digits: they become the section name,
 * which the linker script sorts by name. */
#define uk_initcall_class_prio(fn, class, prio)				\
	static const uk_init_func_t __used				\
	__section(".uk_inittab_" STRINGIFY(class) STRINGIFY(prio))	\
	UK_CONCAT(__uk_initcall_, fn) = (fn)

#define uk_early_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 1, p)
#define uk_plat_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 2, p)
#define uk_lib_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 3, p)
#define uk_rootfs_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 4, p)
#define uk_sys_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 5, p)
#define uk_late_initcall_prio(fn, p)	uk_initcall_class_prio(fn, 6, p)

#define uk_early_initcall(fn)	uk_early_initcall_prio(fn, 9)
#define uk_plat_initcall(fn)	uk_plat_initcall_prio(fn, 9)
#define uk_lib_initcall(fn)	uk_lib_initcall_prio(fn, 9)
#define uk_rootfs_initcall(fn)	uk_rootfs_initcall_prio(fn, 9)
#define uk_sys_initcall(fn)	uk_sys_initcall_prio(fn, 9)
#define uk_late_initcall(fn)	uk_late_initcall_prio(fn, 9)

/**
 * The configured libc's own start-up, run first at boot, before the heap
 * and before anything prints (musl: its thread pointer, so errno works).
 * nolibc needs none.
 */
#if CONFIG_HAVE_LIBC
void uk_libc_init(void);
#else
static inline void uk_libc_init(void)
{
}
#endif

/* Bounds of the sorted table, from the linker script. */
extern const uk_init_func_t __uk_inittab_start[];
extern const uk_init_func_t __uk_inittab_end[];

#endif /* __UK_INIT_H__ */
