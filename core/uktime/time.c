/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktime: the POSIX clocks and sleeps as system calls (see README.md).
 *
 *   CLOCK_MONOTONIC (and _RAW, _COARSE, BOOTTIME: one clock, no
 *   suspend)       ukplat_monotonic_clock(), ns since boot
 *   CLOCK_REALTIME (and _COARSE)
 *                  ukplat_wall_clock(), ns since the epoch
 *   sleeping       uk_sched_sleep_ns() with uksched (other threads
 *                  run); otherwise ukplat_halt_until() (kvm: APIC timer
 *                  and hlt; linuxu: host nanosleep)
 *
 * Nothing interrupts a sleep (no signals), so a sleep always completes:
 * the time left written to @p rem, when given, is 0.
 */
#include <errno.h>
#include <time.h>
#include <sys/time.h>
#include <unistd.h>
#include <uk/essentials.h>
#include <uk/syscall.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define NSEC_PER_USEC	1000ULL

/* @return whether @p ts is a valid interval or time (tv_nsec in range,
 * tv_sec not negative) */
static bool timespec_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (long)UKPLAT_NSEC_PER_SEC;
}

/* @return @p ts in ns, saturated so a huge tv_sec sleeps "for ever" */
static __nsec timespec_ns(const struct timespec *ts)
{
	if ((__u64)ts->tv_sec >= (~0ULL - UKPLAT_NSEC_PER_SEC) /
				  UKPLAT_NSEC_PER_SEC)
		return ~0ULL;
	return (__u64)ts->tv_sec * UKPLAT_NSEC_PER_SEC + ts->tv_nsec;
}

static void ns_timespec(__nsec ns, struct timespec *ts)
{
	ts->tv_sec = ns / UKPLAT_NSEC_PER_SEC;
	ts->tv_nsec = ns % UKPLAT_NSEC_PER_SEC;
}

/* @return the clock's value in ns, or -EINVAL for an unknown clock */
static long clock_ns(clockid_t clk, __nsec *ns)
{
	switch (clk) {
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ukplat_monotonic_clock();
		return 0;
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ukplat_wall_clock();
		return 0;
	default:
		return -EINVAL;
	}
}

/* Sleep until the monotonic clock reads @p deadline. */
static void sleep_until(__nsec deadline)
{
#if CONFIG_LIBUKSCHED
	__nsec now = ukplat_monotonic_clock();

	if (deadline > now)
		uk_sched_sleep_ns(deadline - now);
#else
	ukplat_halt_until(deadline);
#endif
}

/* @return the monotonic deadline @p ns after now, saturated */
static __nsec deadline_after(__nsec ns)
{
	__nsec now = ukplat_monotonic_clock();

	return ns > ~0ULL - now ? ~0ULL : now + ns;
}

UK_SYSCALL_R_DEFINE(int, clock_gettime, clockid_t, clk, struct timespec *, ts)
{
	__nsec ns;
	long r = clock_ns(clk, &ns);

	if (r)
		return r;
	if (!ts)
		return -EFAULT;
	ns_timespec(ns, ts);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, clock_getres, clockid_t, clk, struct timespec *, res)
{
	__nsec ns;
	long r = clock_ns(clk, &ns);

	if (r)
		return r;
	/* Both clocks count nanoseconds (kvm: the TSC scaled; linuxu: the
	 * host's clocks). A NULL @p res is allowed (Linux). */
	if (res)
		ns_timespec(1, res);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, gettimeofday, struct timeval *, tv, void *, tz)
{
	__nsec ns = ukplat_wall_clock();

	(void)tz;	/* obsolete: ignored */
	if (tv) {
		tv->tv_sec = ns / UKPLAT_NSEC_PER_SEC;
		tv->tv_usec = (ns % UKPLAT_NSEC_PER_SEC) / NSEC_PER_USEC;
	}
	return 0;
}

UK_SYSCALL_R_DEFINE(time_t, time, time_t *, t)
{
	time_t s = ukplat_wall_clock() / UKPLAT_NSEC_PER_SEC;

	if (t)
		*t = s;
	return s;
}

UK_SYSCALL_R_DEFINE(int, nanosleep, const struct timespec *, req,
		    struct timespec *, rem)
{
	if (!req)
		return -EFAULT;
	if (!timespec_valid(req))
		return -EINVAL;
	sleep_until(deadline_after(timespec_ns(req)));
	if (rem)
		ns_timespec(0, rem);
	return 0;
}

/* No libc-style function from the macro: POSIX's clock_nanosleep
 * returns the error number itself (below, for nolibc). */
UK_LLSYSCALL_R_DEFINE(int, clock_nanosleep, clockid_t, clk, int, flags,
		      const struct timespec *, req, struct timespec *, rem)
{
	__nsec now, ns;
	long r = clock_ns(clk, &now);

	if (r)
		return r;
	if (!req)
		return -EFAULT;
	if (!timespec_valid(req) || (flags & ~TIMER_ABSTIME))
		return -EINVAL;
	ns = timespec_ns(req);
	if (flags & TIMER_ABSTIME) {
		/* Until @p clk reads @p req: that much later than now */
		sleep_until(deadline_after(ns > now ? ns - now : 0));
		return 0;	/* @p rem is for relative sleeps only */
	}
	sleep_until(deadline_after(ns));
	if (rem)
		ns_timespec(0, rem);
	return 0;
}

#if !CONFIG_HAVE_LIBC
/* With a libc (musl) these are the libc's own, over the calls above. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return -uk_syscall_r_clock_nanosleep(clk, flags, (long)req,
					     (long)rem);
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { .tv_sec = seconds };

	return nanosleep(&ts, &ts) ? ts.tv_sec : 0;
}

int usleep(unsigned int usec)
{
	struct timespec ts = {
		.tv_sec = usec / 1000000,
		.tv_nsec = (long)(usec % 1000000) * NSEC_PER_USEC,
	};

	return nanosleep(&ts, NULL);
}
#endif
