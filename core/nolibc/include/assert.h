/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: assert() is UK_ASSERT (checked when ukdebug's assertions are
 * enabled; NDEBUG turns it off here as in ISO C).
 */
#ifndef __NOLIBC_ASSERT_H__
#define __NOLIBC_ASSERT_H__

#include <uk/assert.h>

#ifdef NDEBUG
#define assert(x)	((void)0)
#else
#define assert(x)	UK_ASSERT(x)
#endif

#ifndef __cplusplus
#define static_assert	_Static_assert
#endif

#endif /* __NOLIBC_ASSERT_H__ */
