/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl without a VFS (CONFIG_LIBVFSCORE off): file descriptors 1 and 2
 * write to the console, 0 reads end-of-file, nothing else exists. With
 * vfscore these calls are its own (fds, files, the console device).
 */
#include <errno.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <uk/syscall.h>
#include <uk/plat/console.h>

static int is_console(int fd)
{
	return fd >= 0 && fd <= 2;
}

static long console_write(int fd, const void *buf, size_t len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	return ukplat_cout_all(buf, len);
}

UK_SYSCALL_R_DEFINE(ssize_t, write, int, fd, const void *, buf, size_t, len)
{
	return console_write(fd, buf, len);
}

UK_SYSCALL_R_DEFINE(ssize_t, writev, int, fd, const struct iovec *, iov,
		    int, iovcnt)
{
	long r, total = 0;
	int i;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	for (i = 0; i < iovcnt; i++) {
		r = console_write(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
	}
	return total;
}

UK_SYSCALL_R_DEFINE(ssize_t, read, int, fd, void *, buf, size_t, len)
{
	(void)buf; (void)len;
	return fd == 0 ? 0 : -EBADF;
}

UK_SYSCALL_R_DEFINE(ssize_t, readv, int, fd, const struct iovec *, iov,
		    int, iovcnt)
{
	(void)iov; (void)iovcnt;
	return fd == 0 ? 0 : -EBADF;
}

/* stdio asks TIOCGWINSZ to decide line buffering: the console is a
 * terminal. */
UK_SYSCALL_R_DEFINE(int, ioctl, int, fd, unsigned long, req, void *, arg)
{
	struct winsize *ws = arg;

	if (!is_console(fd))
		return -EBADF;
	if (req != TIOCGWINSZ)
		return -ENOTTY;
	if (ws)
		*ws = (struct winsize){ .ws_row = 24, .ws_col = 80 };
	return 0;
}

UK_SYSCALL_R_DEFINE(int, close, int, fd)
{
	return is_console(fd) ? 0 : -EBADF;
}

UK_SYSCALL_R_DEFINE(long, lseek, int, fd, long, off, int, whence)
{
	(void)off; (void)whence;
	return is_console(fd) ? -ESPIPE : -EBADF;
}
