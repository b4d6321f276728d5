/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll(2) and ppoll(2) on vfscore's descriptors. Files, directories and
 * devices never block, so they are always ready for what they were
 * asked; the console's input is too on kvm (end-of-file). On linuxu the
 * console reads the host's stdin, whose readiness the host's poll tells
 * (and waits for, when nothing else is ready).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <uk/syscall.h>
#if CONFIG_PLAT_LINUXU
#include <uk/plat/linuxu/syscall.h>
#endif
#include "vfs_internal.h"

/* Linux refuses more entries than RLIMIT_NOFILE; ours is the table. */
#define POLL_MAX	CONFIG_LIBVFSCORE_NOFILE

long uk_syscall_r_nanosleep(long req, long rem);

/* Is @p p asking for the console's input (the only thing that waits)? */
static int waits_on_stdin(const struct pollfd *p, const struct vfs_file *fp)
{
#if CONFIG_PLAT_LINUXU
	return fp->vp == &vfs_console_vnode &&
		(fp->flags & O_ACCMODE) != O_WRONLY &&
		(p->events & (POLLIN | POLLRDNORM));
#else
	(void)p;
	(void)fp;
	return 0;	/* kvm's console input is end-of-file: ready */
#endif
}

/* Host stdin's poll events within @p ms (0: just look). */
static short stdin_events(int ms)
{
#if CONFIG_PLAT_LINUXU
	struct pollfd h = { .fd = 0, .events = POLLIN };

	if (linuxu_syscall(__NR_poll, &h, 1, ms) <= 0)
		return 0;
	return h.revents;
#else
	(void)ms;
	return 0;
#endif
}

/* One pass over @p fds. @return the ready count; *@p waitable: some
 * entry could become ready later */
static int poll_once(struct pollfd *fds, nfds_t n, int *waitable)
{
	struct vfs_file *fp;
	int ready = 0;
	nfds_t i;
	short ev;

	*waitable = 0;
	for (i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		fp = vfs_fd_get(fds[i].fd);
		if (!fp) {
			fds[i].revents = POLLNVAL;
			ready++;
			continue;
		}
		ev = fds[i].events & (POLLIN | POLLRDNORM | POLLOUT |
				      POLLWRNORM);
		if (waits_on_stdin(&fds[i], fp)) {
			/* keep output readiness, ask the host for input */
			ev &= POLLOUT | POLLWRNORM;
			ev |= stdin_events(0) &
				(fds[i].events | POLLHUP | POLLERR);
			*waitable = 1;
		}
		vfs_file_put(fp);
		fds[i].revents = ev;
		if (ev)
			ready++;
	}
	return ready;
}

/* @p ms < 0: no limit */
static int do_poll(struct pollfd *fds, nfds_t n, long ms)
{
	struct timespec ts;
	int ready, waitable;

	if (n > POLL_MAX)
		return -EINVAL;
	ready = poll_once(fds, n, &waitable);
	if (ready || !ms)
		return ready;
	if (waitable) {
		/* only the host's stdin can change: wait there */
		stdin_events(ms > INT_MAX ? INT_MAX : (int)ms);
		return poll_once(fds, n, &waitable);
	}
	/* nothing can become ready: sleep the timeout (Linux does) */
	do {
		ts.tv_sec = ms < 0 ? 3600 : ms / 1000;
		ts.tv_nsec = ms < 0 ? 0 : (ms % 1000) * 1000000;
		uk_syscall_r_nanosleep((long)&ts, 0);
	} while (ms < 0);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, poll, struct pollfd *, fds, nfds_t, n, int, ms)
{
	return do_poll(fds, n, ms);
}

UK_SYSCALL_R_DEFINE(int, ppoll, struct pollfd *, fds, nfds_t, n,
		    const struct timespec *, ts, const sigset_t *, mask)
{
	(void)mask;	/* no signals arrive while we wait */
	if (ts && (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
		   ts->tv_nsec >= 1000000000L))
		return -EINVAL;
	return do_poll(fds, n, ts ? ts->tv_sec * 1000L +
		       ts->tv_nsec / 1000000 : -1);
}
