/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: gettimeofday (POSIX <sys/time.h>; Linux x86_64 types). */
#ifndef __NOLIBC_SYS_TIME_H__
#define __NOLIBC_SYS_TIME_H__

#include <time.h>

typedef long suseconds_t;

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* @p tz is obsolete and ignored (as musl does) */
int gettimeofday(struct timeval *tv, void *tz);

#endif /* __NOLIBC_SYS_TIME_H__ */
