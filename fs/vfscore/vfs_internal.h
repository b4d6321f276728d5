/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore's own declarations, shared by its files (not a public API). */
#ifndef __VFSCORE_INTERNAL_H__
#define __VFSCORE_INTERNAL_H__

#include <uk/vfs.h>
#include <uk/alloc.h>

/* An open file description: shared by dup()ed descriptors. */
struct vfs_file {
	struct vnode *vp;	/* referenced */
	off_t off;		/* position (a directory: readdir cookie) */
	int flags;		/* open(2) flags kept: access mode, O_APPEND */
	unsigned int refcount;	/* descriptors pointing here */
	char *path;		/* normalised path (openat, fchdir), or NULL */
	int dir_dots;		/* "." and ".." already listed (0..2) */
};

/* What vfs_lookup() found for a path. */
struct vfs_nd {
	char path[PATH_MAX];	/* the path, absolute and normalised */
	struct vfs_mount *mp;	/* the mount it lies on */
	struct vnode *dir;	/* referenced parent, NULL for a mount root */
	struct vnode *vp;	/* referenced target, NULL if it is absent */
	const char *name;	/* last component (in path), "" for a root */
	size_t len;		/* its length */
	int slash;		/* the path ended with '/': must be a dir */
};

#define VFS_ND_PARENT	1	/* a missing last component is no error */

void *vfs_alloc(size_t size);
void vfs_free(void *p);
char *vfs_strdup(const char *s);

/* Resolve @p path relative to @p dirfd (AT_FDCWD: the working dir).
 * @return 0 (then vfs_nd_put() later) or a negative errno */
int vfs_lookup(int dirfd, const char *path, int flags, struct vfs_nd *nd);
void vfs_nd_put(struct vfs_nd *nd);

/* Fill @p st for @p vp. @return 0 or a negative errno */
int vfs_getattr(struct vnode *vp, struct stat *st);

/* Descriptors. */
struct vfs_file *vfs_fd_get(int fd);		/* referenced, or NULL */
void vfs_file_put(struct vfs_file *fp);
int vfs_fd_install(struct vfs_file *fp, int min, int cloexec);
struct vfs_file *vfs_file_new(struct vnode *vp, int flags, const char *path);
int vfs_fd_close(int fd);
int vfs_fd_dup_to(int oldfd, int newfd, int cloexec);
/* @p set: 0/1 to set the bit, -1 to only read it */
int vfs_fd_cloexec(int fd, int set);

/* The working directory (normalised path and its vnode). */
extern char vfs_cwd[PATH_MAX];

/* Is anything mounted on "/"? */
int vfs_root_mounted(void);

/* System calls vfscore's own files call (syscalls.c) */
long uk_syscall_r_mkdir(long path, long mode);

/* Is a mount point below @p path (or equal to it, unless @p strict)? */
int vfs_mount_below(const char *path, int strict);

#endif /* __VFSCORE_INTERNAL_H__ */
