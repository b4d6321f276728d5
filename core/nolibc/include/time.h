/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: time (POSIX <time.h>, the part uktime implements). The types
 * and CLOCK_* values are Linux x86_64's, as musl has them.
 */
#ifndef __NOLIBC_TIME_H__
#define __NOLIBC_TIME_H__

#include <stddef.h>

typedef long time_t;
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

#define TIMER_ABSTIME		1

int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *res);
int nanosleep(const struct timespec *req, struct timespec *rem);
/* Returns an error number itself (0 on success), as POSIX says. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem);
time_t time(time_t *t);

#endif /* __NOLIBC_TIME_H__ */
