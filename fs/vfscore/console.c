/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console as a character device: descriptors 0, 1 and 2 at boot,
 * /dev/console in devfs. Writes go to the platform console; reads are
 * the host's standard input on linuxu and end-of-file on kvm (the
 * serial input is not wired).
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <uk/plat/console.h>
#if CONFIG_PLAT_LINUXU
#include <uk/plat/linuxu/syscall.h>
#endif
#include "vfs_internal.h"

static ssize_t console_read(struct vnode *vp __unused, void *buf, size_t len,
			    off_t off __unused)
{
#if CONFIG_PLAT_LINUXU
	return linuxu_syscall(__NR_read, 0, buf, len);
#else
	(void)buf;
	(void)len;
	return 0;
#endif
}

static ssize_t console_write(struct vnode *vp __unused, const void *buf,
			     size_t len, off_t off __unused)
{
	return ukplat_cout_all(buf, len);
}

/* stdio asks TIOCGWINSZ to decide line buffering: this is a terminal */
static int console_ioctl(struct vnode *vp __unused, unsigned long cmd,
			 void *arg)
{
	struct winsize *ws = arg;

	if (cmd != TIOCGWINSZ)
		return -ENOTTY;
	ws->ws_row = 24;
	ws->ws_col = 80;
	ws->ws_xpixel = ws->ws_ypixel = 0;
	return 0;
}

static const struct vnode_ops console_vnops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};

/* Linux's /dev/console is character device 5:1 */
struct vnode vfs_console_vnode = {
	.type = VFS_VCHR,
	.mode = 0620,
	.ino = 1,
	.nlink = 1,
	.rdev = (5 << 8) | 1,
	.refcount = 1,	/* never dropped: static */
	.ops = &console_vnops,
};
