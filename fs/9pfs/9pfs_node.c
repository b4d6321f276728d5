/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs files on uk9p fids (see 9pfs.h): each node holds a walked fid that
 * names the file (getattr, setattr, walks and directory operations start
 * from it) and, while open, a second, opened fid for I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <uk/alloc.h>
#include "9pfs.h"

/* Open flags the server sees: the access mode. Creation, truncation and
 * appending are done here (create, setattr, the VFS's offsets).
 */
#define P9FS_ACCMODE	O_ACCMODE
/* Bytes of Rreaddir data asked per request. */
#define P9FS_DIRBUF	4096

int p9fs_name(char out[P9FS_NAME_MAX + 1], const char *name, __sz len)
{
	if (len == 0 || len > P9FS_NAME_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	/* one component: a '/' or NUL inside would walk elsewhere */
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return -EINVAL;
	memcpy(out, name, len);
	out[len] = '\0';
	return 0;
}

struct p9fs_node *p9fs_node_new(struct uk_9pdev *dev, __u32 fid)
{
	struct p9fs_node *n = uk_calloc(uk_alloc_get_default(), 1,
					sizeof(*n));

	if (!n)
		return NULL;
	n->dev = dev;
	n->fid = fid;
	n->ofid = UK_9P_NOFID;
	return n;
}

void p9fs_node_free(struct p9fs_node *n)
{
	struct uk_alloc *a = uk_alloc_get_default();

	if (n->ofid != UK_9P_NOFID)
		uk_9p_clunk(n->dev, n->ofid);
	uk_9p_clunk(n->dev, n->fid);
	uk_free(a, n->dirbuf);
	uk_free(a, n);
}

int p9fs_getattr(struct p9fs_node *n, struct p9fs_attr *at)
{
	struct uk_9p_attr a;
	int rc;

	rc = uk_9p_getattr(n->dev, n->fid, UK_9P_GETATTR_BASIC, &a);
	if (rc < 0)
		return rc;
	at->mode = a.mode;
	at->ino = a.qid.path;
	at->size = a.size;
	at->nlink = a.nlink;
	at->uid = a.uid;
	at->gid = a.gid;
	at->rdev = a.rdev;
	at->blksize = a.blksize;
	at->blocks = a.blocks;
	at->atime.tv_sec = (time_t)a.atime_sec;
	at->atime.tv_nsec = (long)a.atime_nsec;
	at->mtime.tv_sec = (time_t)a.mtime_sec;
	at->mtime.tv_nsec = (long)a.mtime_nsec;
	at->ctime.tv_sec = (time_t)a.ctime_sec;
	at->ctime.tv_nsec = (long)a.ctime_nsec;
	return 0;
}

int p9fs_lookup(struct p9fs_node *dir, const char *name, __sz len,
		struct p9fs_node **out)
{
	char nm[P9FS_NAME_MAX + 1];
	struct p9fs_node *n;
	__u32 fid;
	int rc;

	rc = p9fs_name(nm, name, len);
	if (rc < 0)
		return rc;
	rc = uk_9p_walk(dir->dev, dir->fid, nm, &fid, NULL);
	if (rc < 0)
		return rc;
	n = p9fs_node_new(dir->dev, fid);
	if (!n) {
		uk_9p_clunk(dir->dev, fid);
		return -ENOMEM;
	}
	*out = n;
	return 0;
}

int p9fs_create(struct p9fs_node *dir, const char *name, __sz len,
		__u32 mode, struct p9fs_node **out)
{
	struct uk_9pdev *dev = dir->dev;
	char nm[P9FS_NAME_MAX + 1];
	__u32 ofid;
	int rc;

	rc = p9fs_name(nm, name, len);
	if (rc < 0)
		return rc;
	/* Tlcreate turns a directory fid into the new file's open fid */
	rc = uk_9p_walk(dev, dir->fid, NULL, &ofid, NULL);
	if (rc < 0)
		return rc;
	rc = uk_9p_lcreate(dev, ofid, nm, O_RDWR | O_EXCL, mode & 07777, 0,
			   NULL);
	if (rc < 0)
		goto err_clunk;
	rc = p9fs_lookup(dir, name, len, out);
	if (rc < 0)
		goto err_clunk;
	/* kept for the open that follows a create */
	(*out)->ofid = ofid;
	(*out)->omode = O_RDWR;
	return 0;

err_clunk:
	uk_9p_clunk(dev, ofid);
	return rc;
}

int p9fs_mkdir(struct p9fs_node *dir, const char *name, __sz len,
	       __u32 mode)
{
	char nm[P9FS_NAME_MAX + 1];
	int rc = p9fs_name(nm, name, len);

	if (rc < 0)
		return rc;
	return uk_9p_mkdir(dir->dev, dir->fid, nm, mode & 07777, 0, NULL);
}

int p9fs_unlink(struct p9fs_node *dir, const char *name, __sz len,
		bool is_dir)
{
	char nm[P9FS_NAME_MAX + 1];
	int rc = p9fs_name(nm, name, len);

	if (rc < 0)
		return rc;
	return uk_9p_unlinkat(dir->dev, dir->fid, nm,
			      is_dir ? UK_9P_AT_REMOVEDIR : 0);
}

int p9fs_rename(struct p9fs_node *odir, const char *oname, __sz olen,
		struct p9fs_node *ndir, const char *nname, __sz nlen)
{
	char onm[P9FS_NAME_MAX + 1], nnm[P9FS_NAME_MAX + 1];
	int rc = p9fs_name(onm, oname, olen);

	if (rc == 0)
		rc = p9fs_name(nnm, nname, nlen);
	if (rc < 0)
		return rc;
	/* the server moves the fids that name the file along (QEMU does) */
	return uk_9p_renameat(odir->dev, odir->fid, onm, ndir->fid, nnm);
}

int p9fs_open(struct p9fs_node *n, int flags)
{
	int acc = flags & P9FS_ACCMODE;
	struct uk_9p_setattr sa;
	__u32 ofid;
	int rc;

	if (acc == P9FS_ACCMODE)
		return -EINVAL;
	/* An open fid of another access mode: one for both instead. */
	if (n->ofid != UK_9P_NOFID && n->omode != O_RDWR && n->omode != acc)
		acc = O_RDWR;
	if (n->ofid == UK_9P_NOFID || n->omode != acc) {
		rc = uk_9p_walk(n->dev, n->fid, NULL, &ofid, NULL);
		if (rc < 0)
			return rc;
		rc = uk_9p_lopen(n->dev, ofid, (__u32)acc, NULL);
		if (rc < 0) {
			uk_9p_clunk(n->dev, ofid);
			return rc;
		}
		if (n->ofid != UK_9P_NOFID)
			uk_9p_clunk(n->dev, n->ofid);
		n->ofid = ofid;
		n->omode = acc;
	}
	if ((flags & O_TRUNC) && (flags & P9FS_ACCMODE) != O_RDONLY) {
		memset(&sa, 0, sizeof(sa));
		sa.valid = UK_9P_SETATTR_SIZE;
		rc = uk_9p_setattr(n->dev, n->fid, &sa);
		if (rc < 0)
			return rc;
	}
	n->opens++;
	return 0;
}

void p9fs_close(struct p9fs_node *n)
{
	if (n->opens == 0 || --n->opens > 0)
		return;
	if (n->ofid != UK_9P_NOFID)
		uk_9p_clunk(n->dev, n->ofid);
	n->ofid = UK_9P_NOFID;
	n->dirbuf_len = 0;
}

__ssz p9fs_read(struct p9fs_node *n, void *buf, __sz len, __u64 off)
{
	if (n->ofid == UK_9P_NOFID || n->omode == O_WRONLY)
		return -EBADF;
	return uk_9p_read(n->dev, n->ofid, off, buf, len);
}

__ssz p9fs_write(struct p9fs_node *n, const void *buf, __sz len, __u64 off)
{
	if (n->ofid == UK_9P_NOFID || n->omode == O_RDONLY)
		return -EBADF;
	return uk_9p_write(n->dev, n->ofid, off, buf, len);
}

int p9fs_truncate(struct p9fs_node *n, __u64 len)
{
	struct uk_9p_setattr sa;

	memset(&sa, 0, sizeof(sa));
	sa.valid = UK_9P_SETATTR_SIZE;
	sa.size = len;
	return uk_9p_setattr(n->dev, n->fid, &sa);
}

int p9fs_fsync(struct p9fs_node *n)
{
	if (n->ofid == UK_9P_NOFID)
		return 0;	/* nothing written through this node */
	return uk_9p_fsync(n->dev, n->ofid);
}

/* Fill the entry buffer from the server, starting at @p cookie. */
static int dir_fill(struct p9fs_node *n, __u64 cookie)
{
	__ssz got;

	if (!n->dirbuf) {
		n->dirbuf = uk_malloc(uk_alloc_get_default(), P9FS_DIRBUF);
		if (!n->dirbuf)
			return -ENOMEM;
	}
	got = uk_9p_readdir(n->dev, n->ofid, cookie, n->dirbuf, P9FS_DIRBUF);
	if (got < 0)
		return (int)got;
	n->dirbuf_len = (__u32)got;
	n->dirbuf_pos = 0;
	n->dirbuf_cookie = cookie;
	return 0;
}

int p9fs_readdir(struct p9fs_node *n, __u64 *cookie, struct p9fs_dirent *de)
{
	struct uk_9p_dirent e;
	int rc;

	if (n->ofid == UK_9P_NOFID)
		return -EBADF;
	/* The buffer holds the entries from dirbuf_cookie on; another
	 * cookie (a seek, a rewind) or an exhausted buffer asks again.
	 */
	if (*cookie != n->dirbuf_cookie || n->dirbuf_pos >= n->dirbuf_len) {
		rc = dir_fill(n, *cookie);
		if (rc < 0)
			return rc;
	}
	rc = uk_9p_dirent_next(n->dirbuf, n->dirbuf_len, &n->dirbuf_pos, &e);
	if (rc <= 0) {
		n->dirbuf_len = 0;	/* bad data is not parsed twice */
		return rc;		/* 0: the end */
	}
	rc = p9fs_name(de->name, e.name.s, e.name.len);
	if (rc < 0) {
		n->dirbuf_len = 0;
		return -EIO;		/* the server sent a path, not a name */
	}
	de->ino = e.qid.path;
	de->type = e.type;
	de->next = e.offset;
	*cookie = e.offset;
	n->dirbuf_cookie = e.offset;
	return 1;
}

int p9fs_statfs(struct p9fs_node *n, struct uk_9p_statfs *st)
{
	return uk_9p_statfs(n->dev, n->fid, st);
}
