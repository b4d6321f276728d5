/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file system calls musl 1.2.3 issues on x86_64, on top of vnodes
 * and descriptors. Each returns its result or a negative errno
 * (UK_SYSCALL_R_DEFINE); musl turns that into -1 and errno.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

static mode_t cur_umask = 022;

/* Flags an open file keeps (the rest only matter at open time). */
#define FILE_FLAGS	(O_ACCMODE | O_APPEND | O_NONBLOCK | O_DIRECTORY)

static int rdonly(const struct vfs_mount *mp)
{
	return mp && (mp->flags & MS_RDONLY);
}

static int can_read(const struct vfs_file *fp)
{
	return (fp->flags & O_ACCMODE) != O_WRONLY;
}

static int can_write(const struct vfs_file *fp)
{
	return (fp->flags & O_ACCMODE) != O_RDONLY;
}

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
	struct vfs_file *fp;
	struct vfs_nd nd;
	struct vnode *vp;
	int r, acc = flags & O_ACCMODE;

	if (acc == O_ACCMODE)
		return -EINVAL;
	r = vfs_lookup(dirfd, path, (flags & O_CREAT) ? VFS_ND_PARENT : 0,
		       &nd);
	if (r)
		return r;
	if (!nd.vp) {
		/* O_CREAT of a missing name in an existing directory */
		if (nd.slash)
			r = -EISDIR;
		else if (rdonly(nd.mp) || !nd.dir->ops->create)
			r = -EROFS;
		else
			r = nd.dir->ops->create(nd.dir, nd.name, nd.len,
						mode & ~cur_umask & 07777,
						&nd.vp);
		if (r)
			goto out;
	} else if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		r = -EEXIST;
		goto out;
	}
	vp = nd.vp;
	if ((flags & O_DIRECTORY) && vp->type != VFS_VDIR) {
		r = -ENOTDIR;
		goto out;
	}
	if (vp->type == VFS_VDIR && (acc != O_RDONLY || (flags & O_CREAT))) {
		r = -EISDIR;
		goto out;
	}
	if (acc != O_RDONLY && rdonly(vp->mount)) {
		r = -EROFS;
		goto out;
	}
	if ((flags & O_TRUNC) && acc != O_RDONLY && vp->type == VFS_VREG) {
		r = vp->ops->truncate ? vp->ops->truncate(vp, 0) : -EINVAL;
		if (r)
			goto out;
	}
	if (vp->ops->open) {
		r = vp->ops->open(vp, flags);
		if (r)
			goto out;
	}
	fp = vfs_file_new(vp, flags & FILE_FLAGS, nd.path);
	if (!fp) {
		if (vp->ops->close)
			vp->ops->close(vp, flags);
		r = -ENOMEM;
		goto out;
	}
	nd.vp = NULL;	/* the file holds its reference now */
	r = vfs_fd_install(fp, 0, !!(flags & O_CLOEXEC));
out:
	vfs_nd_put(&nd);
	return r;
}

UK_LLSYSCALL_R_DEFINE(int, openat, int, dirfd, const char *, path, int, flags,
		      mode_t, mode)
{
	return do_open(dirfd, path, flags, mode);
}

UK_LLSYSCALL_R_DEFINE(int, open, const char *, path, int, flags, mode_t, mode)
{
	return do_open(AT_FDCWD, path, flags, mode);
}

UK_SYSCALL_R_DEFINE(int, creat, const char *, path, mode_t, mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

UK_SYSCALL_R_DEFINE(int, close, int, fd)
{
	return vfs_fd_close(fd);
}

/* Read or write at @p off (-1: at and moving the file's position). */
static ssize_t do_rw(int fd, void *buf, size_t len, off_t off, int write)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	struct vnode *vp;
	off_t pos;
	ssize_t r;

	if (!fp)
		return -EBADF;
	vp = fp->vp;
	if (write ? !can_write(fp) : !can_read(fp)) {
		r = -EBADF;
		goto out;
	}
	if (vp->type == VFS_VDIR) {
		r = -EISDIR;
		goto out;
	}
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	pos = off >= 0 ? off : fp->off;
	if (write && off < 0 && (fp->flags & O_APPEND))
		pos = vp->size;
	if (write)
		r = vp->ops->write ? vp->ops->write(vp, buf, len, pos) :
			-EINVAL;
	else
		r = vp->ops->read ? vp->ops->read(vp, buf, len, pos) : -EINVAL;
	if (r > 0 && off < 0 && vp->type == VFS_VREG)
		fp->off = pos + r;
out:
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(ssize_t, read, int, fd, void *, buf, size_t, len)
{
	return do_rw(fd, buf, len, -1, 0);
}

UK_SYSCALL_R_DEFINE(ssize_t, write, int, fd, const void *, buf, size_t, len)
{
	return do_rw(fd, (void *)buf, len, -1, 1);
}

UK_SYSCALL_R_DEFINE(ssize_t, pread64, int, fd, void *, buf, size_t, len,
		    off_t, off)
{
	return off < 0 ? -EINVAL : do_rw(fd, buf, len, off, 0);
}

UK_SYSCALL_R_DEFINE(ssize_t, pwrite64, int, fd, const void *, buf,
		    size_t, len, off_t, off)
{
	return off < 0 ? -EINVAL : do_rw(fd, (void *)buf, len, off, 1);
}

/* readv/writev: one call per buffer, stopping at a short transfer. */
static ssize_t do_rwv(int fd, const struct iovec *iov, int cnt, int write)
{
	ssize_t r, total = 0;
	int i;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	for (i = 0; i < cnt; i++) {
		if (!iov[i].iov_len)
			continue;
		r = do_rw(fd, iov[i].iov_base, iov[i].iov_len, -1, write);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return total;
}

UK_SYSCALL_R_DEFINE(ssize_t, readv, int, fd, const struct iovec *, iov,
		    int, cnt)
{
	return do_rwv(fd, iov, cnt, 0);
}

UK_SYSCALL_R_DEFINE(ssize_t, writev, int, fd, const struct iovec *, iov,
		    int, cnt)
{
	return do_rwv(fd, iov, cnt, 1);
}

UK_SYSCALL_R_DEFINE(off_t, lseek, int, fd, off_t, off, int, whence)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	struct stat st;
	off_t base;
	int r;

	if (!fp)
		return -EBADF;
	if (fp->vp->type == VFS_VDIR) {
		/* only a rewind (rewinddir) */
		r = (whence == SEEK_SET && off == 0) ? 0 : -EINVAL;
		if (!r)
			fp->off = fp->dir_dots = 0;
		goto out;
	}
	if (fp->vp->type != VFS_VREG) {
		r = -ESPIPE;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = fp->off;
		break;
	case SEEK_END:
		r = vfs_getattr(fp->vp, &st);
		if (r)
			goto out;
		base = st.st_size;
		break;
	default:
		r = -EINVAL;
		goto out;
	}
	if ((off > 0 && base > LONG_MAX - off) || base + off < 0) {
		r = -EINVAL;
		goto out;
	}
	fp->off = base + off;
	vfs_file_put(fp);
	return base + off;
out:
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fstat, int, fd, struct stat *, st)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	r = vfs_getattr(fp->vp, st);
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, newfstatat, int, dirfd, const char *, path,
		    struct stat *, st, int, flags)
{
	struct vfs_nd nd;
	int r;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && path && !*path)
		return uk_syscall_r_fstat(dirfd, (long)st);
	r = vfs_lookup(dirfd, path, 0, &nd);
	if (r)
		return r;
	r = vfs_getattr(nd.vp, st);
	vfs_nd_put(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, stat, const char *, path, struct stat *, st)
{
	return uk_syscall_r_newfstatat(AT_FDCWD, (long)path, (long)st, 0);
}

/* No symbolic links are followed, so lstat is stat. */
UK_SYSCALL_R_DEFINE(int, lstat, const char *, path, struct stat *, st)
{
	return uk_syscall_r_newfstatat(AT_FDCWD, (long)path, (long)st, 0);
}

/* Linux's struct linux_dirent64 header: ino, off, reclen, type. */
#define DIRENT64_NAME	19

static unsigned char dirent_type(enum vfs_vtype t)
{
	switch (t) {
	case VFS_VDIR:
		return DT_DIR;
	case VFS_VCHR:
		return DT_CHR;
	case VFS_VLNK:
		return DT_LNK;
	default:
		return DT_REG;
	}
}

UK_SYSCALL_R_DEFINE(ssize_t, getdents64, int, fd, void *, buf, size_t, len)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	struct vfs_dirent de;
	size_t pos = 0, nlen, reclen;
	char *rec;
	off_t cookie;
	__u64 ino;
	__s64 doff;
	__u16 rl;
	int r = 0;

	if (!fp)
		return -EBADF;
	if (fp->vp->type != VFS_VDIR || !fp->vp->ops->readdir) {
		r = -ENOTDIR;
		goto out;
	}
	for (;;) {
		cookie = fp->off;
		if (fp->dir_dots < 2) {
			/* "." then "..": vfscore's, the fs lists neither */
			de.ino = fp->dir_dots ? 1 : fp->vp->ino;
			de.type = VFS_VDIR;
			strcpy(de.name, fp->dir_dots ? ".." : ".");
		} else {
			r = fp->vp->ops->readdir(fp->vp, &cookie, &de);
			if (r <= 0)
				break;
		}
		nlen = strlen(de.name);
		reclen = ALIGN_UP(DIRENT64_NAME + nlen + 1, 8);
		if (pos + reclen > len) {
			r = pos ? 0 : -EINVAL;	/* it stays the next one */
			break;
		}
		rec = (char *)buf + pos;
		ino = de.ino ? de.ino : 1;
		doff = (__s64)(pos + reclen);	/* opaque to musl */
		rl = (__u16)reclen;
		memcpy(rec, &ino, 8);
		memcpy(rec + 8, &doff, 8);
		memcpy(rec + 16, &rl, 2);
		rec[18] = (char)dirent_type(de.type);
		memcpy(rec + DIRENT64_NAME, de.name, nlen);
		memset(rec + DIRENT64_NAME + nlen, 0,
		       reclen - DIRENT64_NAME - nlen);
		pos += reclen;
		if (fp->dir_dots < 2)
			fp->dir_dots++;
		else
			fp->off = cookie;
	}
out:
	vfs_file_put(fp);
	return r < 0 ? r : (ssize_t)pos;
}

UK_SYSCALL_R_DEFINE(int, ioctl, int, fd, unsigned long, req, void *, arg)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	r = fp->vp->ops->ioctl ? fp->vp->ops->ioctl(fp->vp, req, arg) :
		-ENOTTY;
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fcntl, int, fd, int, cmd, long, arg)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= CONFIG_LIBVFSCORE_NOFILE) {
			r = -EINVAL;
			break;
		}
		/* the new descriptor takes our reference */
		return vfs_fd_install(fp, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		r = vfs_fd_cloexec(fd, -1) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		r = vfs_fd_cloexec(fd, !!(arg & FD_CLOEXEC));
		r = r < 0 ? r : 0;
		break;
	case F_GETFL:
		r = fp->flags & ~O_DIRECTORY;
		break;
	case F_SETFL:
		/* only these two may change after open */
		fp->flags = (fp->flags & ~(O_APPEND | O_NONBLOCK)) |
			(arg & (O_APPEND | O_NONBLOCK));
		r = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		/* one process: every lock is granted */
		r = 0;
		break;
	default:
		r = -EINVAL;
	}
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, dup, int, fd)
{
	struct vfs_file *fp = vfs_fd_get(fd);

	if (!fp)
		return -EBADF;
	return vfs_fd_install(fp, 0, 0);
}

UK_SYSCALL_R_DEFINE(int, dup2, int, oldfd, int, newfd)
{
	return vfs_fd_dup_to(oldfd, newfd, 0);
}

UK_SYSCALL_R_DEFINE(int, dup3, int, oldfd, int, newfd, int, flags)
{
	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	return vfs_fd_dup_to(oldfd, newfd, !!(flags & O_CLOEXEC));
}

/* Linux's getcwd returns the length with the NUL. */
UK_LLSYSCALL_R_DEFINE(long, getcwd, char *, buf, size_t, size)
{
	size_t n = strlen(vfs_cwd) + 1;

	if (size < n)
		return -ERANGE;
	memcpy(buf, vfs_cwd, n);
	return (long)n;
}

static int set_cwd(struct vfs_nd *nd)
{
	int r = nd->vp->type == VFS_VDIR ? 0 : -ENOTDIR;

	if (!r)
		strcpy(vfs_cwd, nd->path);
	vfs_nd_put(nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, chdir, const char *, path)
{
	struct vfs_nd nd;
	int r = vfs_lookup(AT_FDCWD, path, 0, &nd);

	return r ? r : set_cwd(&nd);
}

UK_SYSCALL_R_DEFINE(int, fchdir, int, fd)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	r = fp->vp->type != VFS_VDIR || !fp->path ? -ENOTDIR : 0;
	if (!r)
		strcpy(vfs_cwd, fp->path);
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, mkdirat, int, dirfd, const char *, path,
		    mode_t, mode)
{
	struct vfs_nd nd;
	int r = vfs_lookup(dirfd, path, VFS_ND_PARENT, &nd);

	if (r)
		return r;
	if (nd.vp)
		r = -EEXIST;
	else if (rdonly(nd.mp) || !nd.dir->ops->mkdir)
		r = -EROFS;
	else
		r = nd.dir->ops->mkdir(nd.dir, nd.name, nd.len,
				       mode & ~cur_umask & 07777);
	vfs_nd_put(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, mkdir, const char *, path, mode_t, mode)
{
	return uk_syscall_r_mkdirat(AT_FDCWD, (long)path, mode);
}

/* unlink (@p dir 0) or rmdir (@p dir 1) of @p path */
static int do_remove(int dirfd, const char *path, int dir)
{
	struct vfs_nd nd;
	struct vnode *vp;
	int r = vfs_lookup(dirfd, path, 0, &nd);

	if (r)
		return r;
	vp = nd.vp;
	if (!nd.dir || vfs_mount_below(nd.path, 0))
		r = -EBUSY;	/* a mount point */
	else if (dir && vp->type != VFS_VDIR)
		r = -ENOTDIR;
	else if (!dir && vp->type == VFS_VDIR)
		r = -EISDIR;
	else if (rdonly(nd.mp))
		r = -EROFS;
	else if (dir)
		r = nd.dir->ops->rmdir ?
			nd.dir->ops->rmdir(nd.dir, vp, nd.name, nd.len) :
			-EROFS;
	else
		r = nd.dir->ops->remove ?
			nd.dir->ops->remove(nd.dir, vp, nd.name, nd.len) :
			-EROFS;
	vfs_nd_put(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, unlinkat, int, dirfd, const char *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dirfd, path, !!(flags & AT_REMOVEDIR));
}

UK_SYSCALL_R_DEFINE(int, unlink, const char *, path)
{
	return do_remove(AT_FDCWD, path, 0);
}

UK_SYSCALL_R_DEFINE(int, rmdir, const char *, path)
{
	return do_remove(AT_FDCWD, path, 1);
}

/* Is @p inner the same as or below @p outer (normalised paths)? */
static int path_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	return !strncmp(inner, outer, n) &&
		(inner[n] == '\0' || inner[n] == '/' || n == 1);
}

UK_SYSCALL_R_DEFINE(int, renameat2, int, odirfd, const char *, oldpath,
		    int, ndirfd, const char *, newpath, unsigned int, flags)
{
	struct vfs_nd *src, *dst;
	struct vnode *svp, *dvp;
	int r;

	if (flags)
		return -EINVAL;	/* no RENAME_NOREPLACE/EXCHANGE */
	/* two path buffers of PATH_MAX: not on the stack */
	src = vfs_alloc(2 * sizeof(*src));
	if (!src)
		return -ENOMEM;
	dst = src + 1;
	r = vfs_lookup(odirfd, oldpath, 0, src);
	if (r)
		goto out_free;
	r = vfs_lookup(ndirfd, newpath, VFS_ND_PARENT, dst);
	if (r)
		goto out_src;
	svp = src->vp;
	dvp = dst->vp;
	if (!src->dir || !dst->dir || vfs_mount_below(src->path, 0) ||
	    (dvp && vfs_mount_below(dst->path, 0)))
		r = -EBUSY;
	else if (src->mp != dst->mp)
		r = -EXDEV;
	else if (svp == dvp)
		r = 0;	/* same file: nothing to do */
	else if (svp->type == VFS_VDIR && path_within(dst->path, src->path))
		r = -EINVAL;	/* into itself */
	else if (dvp && svp->type == VFS_VDIR && dvp->type != VFS_VDIR)
		r = -ENOTDIR;
	else if (dvp && svp->type != VFS_VDIR && dvp->type == VFS_VDIR)
		r = -EISDIR;
	else if (rdonly(src->mp) || !src->dir->ops->rename)
		r = -EROFS;
	else
		r = src->dir->ops->rename(src->dir, svp, src->name, src->len,
					  dst->dir, dvp, dst->name, dst->len);
	vfs_nd_put(dst);
out_src:
	vfs_nd_put(src);
out_free:
	vfs_free(src);
	return r;
}

UK_SYSCALL_R_DEFINE(int, renameat, int, odirfd, const char *, oldpath,
		    int, ndirfd, const char *, newpath)
{
	return uk_syscall_r_renameat2(odirfd, (long)oldpath, ndirfd,
				      (long)newpath, 0);
}

UK_SYSCALL_R_DEFINE(int, rename, const char *, oldpath, const char *, newpath)
{
	return uk_syscall_r_renameat2(AT_FDCWD, (long)oldpath, AT_FDCWD,
				      (long)newpath, 0);
}

/* One user, root: a file that exists may be read and written. */
UK_SYSCALL_R_DEFINE(int, faccessat, int, dirfd, const char *, path, int, mode)
{
	struct vfs_nd nd;
	int r;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	r = vfs_lookup(dirfd, path, 0, &nd);
	if (r)
		return r;
	if ((mode & W_OK) && rdonly(nd.mp))
		r = -EROFS;
	else if ((mode & X_OK) && nd.vp->type != VFS_VDIR &&
		 !(nd.vp->mode & 0111))
		r = -EACCES;
	vfs_nd_put(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, faccessat2, int, dirfd, const char *, path,
		    int, mode, int, flags)
{
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	return uk_syscall_r_faccessat(dirfd, (long)path, mode);
}

UK_SYSCALL_R_DEFINE(int, access, const char *, path, int, mode)
{
	return uk_syscall_r_faccessat(AT_FDCWD, (long)path, mode);
}

static int do_truncate(struct vnode *vp, off_t len)
{
	if (len < 0)
		return -EINVAL;
	if (vp->type == VFS_VDIR)
		return -EISDIR;
	if (vp->type != VFS_VREG || !vp->ops->truncate)
		return -EINVAL;
	if (rdonly(vp->mount))
		return -EROFS;
	return vp->ops->truncate(vp, len);
}

UK_SYSCALL_R_DEFINE(int, ftruncate, int, fd, off_t, len)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	r = can_write(fp) ? do_truncate(fp->vp, len) : -EINVAL;
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, truncate, const char *, path, off_t, len)
{
	struct vfs_nd nd;
	int r = vfs_lookup(AT_FDCWD, path, 0, &nd);

	if (r)
		return r;
	r = do_truncate(nd.vp, len);
	vfs_nd_put(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fsync, int, fd)
{
	struct vfs_file *fp = vfs_fd_get(fd);
	int r;

	if (!fp)
		return -EBADF;
	r = fp->vp->ops->fsync ? fp->vp->ops->fsync(fp->vp) : 0;
	vfs_file_put(fp);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fdatasync, int, fd)
{
	return uk_syscall_r_fsync(fd);
}

UK_SYSCALL_R_DEFINE(int, mount, const char *, dev, const char *, path,
		    const char *, fstype, unsigned long, flags,
		    const void *, data)
{
	return vfs_mount(dev, path, fstype, flags, data);
}

UK_SYSCALL_R_DEFINE(int, umount2, const char *, path, int, flags)
{
	return vfs_umount(path, flags);
}

UK_SYSCALL_R_DEFINE(mode_t, umask, mode_t, mask)
{
	mode_t old = cur_umask;

	cur_umask = mask & 0777;
	return old;
}

static void fill_statfs(const struct vnode *vp, struct statfs *sf)
{
	memset(sf, 0, sizeof(*sf));
	sf->f_type = 0x858458f6;	/* RAMFS_MAGIC: memory-backed */
	sf->f_bsize = 4096;
	sf->f_namelen = NAME_MAX;
	sf->f_frsize = 4096;
	sf->f_flags = rdonly(vp->mount) ? ST_RDONLY : 0;
}

UK_SYSCALL_R_DEFINE(int, statfs, const char *, path, struct statfs *, sf)
{
	struct vfs_nd nd;
	int r = vfs_lookup(AT_FDCWD, path, 0, &nd);

	if (r)
		return r;
	fill_statfs(nd.vp, sf);
	vfs_nd_put(&nd);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, fstatfs, int, fd, struct statfs *, sf)
{
	struct vfs_file *fp = vfs_fd_get(fd);

	if (!fp)
		return -EBADF;
	fill_statfs(fp->vp, sf);
	vfs_file_put(fp);
	return 0;
}

/* No symbolic links: an existing path is not one. */
UK_SYSCALL_R_DEFINE(ssize_t, readlinkat, int, dirfd, const char *, path,
		    char *, buf, size_t, len)
{
	struct vfs_nd nd;
	int r;

	(void)buf;
	if (!len)
		return -EINVAL;
	r = vfs_lookup(dirfd, path, 0, &nd);
	if (r)
		return r;
	vfs_nd_put(&nd);
	return -EINVAL;
}

UK_SYSCALL_R_DEFINE(ssize_t, readlink, const char *, path, char *, buf,
		    size_t, len)
{
	return uk_syscall_r_readlinkat(AT_FDCWD, (long)path, (long)buf, len);
}

UK_SYSCALL_R_DEFINE(int, sync)
{
	return 0;	/* every filesystem writes through */
}
