/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assertions and fatal errors. UK_ASSERT is for programmer errors and
 * compiles away unless CONFIG_LIBUKDEBUG_ENABLE_ASSERT is set; runtime
 * errors (bad packets, bad arguments, exhausted pools) are reported with
 * error codes instead.
 */
#ifndef __UK_ASSERT_H__
#define __UK_ASSERT_H__

#include <uk/essentials.h>

/**
 * Print a critical message with a backtrace and stop the system with a
 * non-zero status (UK_CRASH_STATUS). Never returns.
 */
void _uk_crash(const char *file, unsigned int line, const char *fmt, ...)
	__noreturn __printf(3, 4);

/* Exit status of a crashed image (and of QEMU via qemu-guest). */
#define UK_CRASH_STATUS	125

#define UK_CRASH(fmt, ...)	_uk_crash(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

#if CONFIG_LIBUKDEBUG_ENABLE_ASSERT
#define UK_ASSERT(x)							\
	do {								\
		if (unlikely(!(x)))					\
			UK_CRASH("Assertion failure: %s\n", #x);	\
	} while (0)
#else
#define UK_ASSERT(x)	do { (void)sizeof(x); } while (0)
#endif

#define UK_BUG()	UK_CRASH("BUG\n")
#define UK_BUG_ON(x)							\
	do {								\
		if (unlikely(x))					\
			UK_CRASH("BUG: %s\n", #x);			\
	} while (0)

#define UK_WARNIF(x)							\
	do {								\
		if (unlikely(x))					\
			uk_pr_warn("Condition hit: %s\n", #x);		\
	} while (0)

#endif /* __UK_ASSERT_H__ */
