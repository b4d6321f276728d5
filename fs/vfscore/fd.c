/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File descriptors: a fixed table of CONFIG_LIBVFSCORE_NOFILE slots, each
 * pointing at a shared open file description (struct vfs_file) with its
 * own close-on-exec bit. 0, 1 and 2 are the console from the start.
 */
#include <errno.h>
#include <fcntl.h>
#include <uk/assert.h>
#include "vfs_internal.h"

static struct vfs_file console_in = {
	.vp = &vfs_console_vnode, .flags = O_RDONLY, .refcount = 1,
};
static struct vfs_file console_out = {
	.vp = &vfs_console_vnode, .flags = O_WRONLY, .refcount = 2,
};

static struct {
	struct vfs_file *fp;
	int cloexec;
} fdtab[CONFIG_LIBVFSCORE_NOFILE] = {
	[0] = { &console_in, 0 },
	[1] = { &console_out, 0 },
	[2] = { &console_out, 0 },
};

struct vfs_file *vfs_file_new(struct vnode *vp, int flags, const char *path)
{
	struct vfs_file *fp = vfs_alloc(sizeof(*fp));

	if (!fp)
		return NULL;
	if (path) {
		fp->path = vfs_strdup(path);
		if (!fp->path) {
			vfs_free(fp);
			return NULL;
		}
	}
	fp->vp = vp;
	fp->flags = flags;
	fp->refcount = 1;
	if (vp->mount)
		vp->mount->_nopen++;
	return fp;
}

struct vfs_file *vfs_fd_get(int fd)
{
	struct vfs_file *fp;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NOFILE || !fdtab[fd].fp)
		return NULL;
	fp = fdtab[fd].fp;
	fp->refcount++;
	return fp;
}

void vfs_file_put(struct vfs_file *fp)
{
	struct vnode *vp = fp->vp;

	UK_ASSERT(fp->refcount > 0);
	if (--fp->refcount)
		return;
	if (vp->ops->close)
		vp->ops->close(vp, fp->flags);
	if (vp->mount)
		vp->mount->_nopen--;
	vfs_vnode_put(vp);
	vfs_free(fp->path);
	vfs_free(fp);
}

/*
 * Put @p fp (whose reference the caller gives) in the lowest free slot
 * at or above @p min. @return the descriptor, or -EMFILE (the reference
 * is then dropped).
 */
int vfs_fd_install(struct vfs_file *fp, int min, int cloexec)
{
	int fd;

	for (fd = min; fd < CONFIG_LIBVFSCORE_NOFILE; fd++) {
		if (!fdtab[fd].fp) {
			fdtab[fd].fp = fp;
			fdtab[fd].cloexec = cloexec;
			return fd;
		}
	}
	vfs_file_put(fp);
	return -EMFILE;
}

/* @return 0 or -EBADF */
int vfs_fd_close(int fd)
{
	struct vfs_file *fp;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NOFILE || !fdtab[fd].fp)
		return -EBADF;
	fp = fdtab[fd].fp;
	fdtab[fd].fp = NULL;
	vfs_file_put(fp);
	return 0;
}

/* Make @p newfd a copy of @p oldfd (dup2/dup3). @return newfd, -EBADF */
int vfs_fd_dup_to(int oldfd, int newfd, int cloexec)
{
	struct vfs_file *fp;

	if (newfd < 0 || newfd >= CONFIG_LIBVFSCORE_NOFILE)
		return -EBADF;
	fp = vfs_fd_get(oldfd);
	if (!fp)
		return -EBADF;
	if (oldfd != newfd)
		vfs_fd_close(newfd);	/* -EBADF for a free slot is fine */
	if (fdtab[newfd].fp)
		vfs_file_put(fp);	/* dup2(fd, fd): nothing changes */
	else
		fdtab[newfd].fp = fp;
	fdtab[newfd].cloexec = cloexec;
	return newfd;
}

/* @return the close-on-exec bit of @p fd, or -EBADF */
int vfs_fd_cloexec(int fd, int set)
{
	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NOFILE || !fdtab[fd].fp)
		return -EBADF;
	if (set >= 0)
		fdtab[fd].cloexec = set;
	return fdtab[fd].cloexec;
}
