/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs: the vfscore file system "9pfs" (<uk/vfs.h>) on the operations of
 * 9pfs_node.c. The mount's device is a 9P transport's tag (virtio-9p's
 * mount tag): mount("fs0", "/", "9pfs", 0, NULL). Every lookup walks a
 * new fid, so each vnode owns its fids; nothing is cached but a
 * directory's last Rreaddir data, and the sizes vfscore keeps in the
 * vnodes (refreshed by getattr and by opens with O_APPEND).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "9pfs.h"

#define to_node(vp)	((struct p9fs_node *)(vp)->data)

static const struct vnode_ops p9fs_vops;

static enum vfs_vtype p9fs_vtype(__u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return VFS_VDIR;
	case S_IFLNK:
		return VFS_VLNK;
	default:	/* fifos, sockets and devices read as files */
		return VFS_VREG;
	}
}

/* Copy what the server says into the fields vfscore keeps. */
static void attr_to_vnode(struct vnode *vp, const struct p9fs_attr *at)
{
	vp->mode = at->mode & 07777;
	vp->size = (off_t)at->size;
	/* vfscore's inode numbers are never 0 */
	vp->ino = at->ino ? (ino_t)at->ino : 1;
	vp->nlink = (nlink_t)at->nlink;
	vp->rdev = (dev_t)at->rdev;
}

/* A vnode for node @p n (which it then owns), with the server's attrs. */
static int vnode_make(struct vfs_mount *mp, struct p9fs_node *n,
		      struct vnode **out)
{
	struct p9fs_attr at;
	struct vnode *vp;
	int rc;

	rc = p9fs_getattr(n, &at);
	if (rc < 0)
		goto err_free;
	vp = vfs_vnode_alloc(mp, p9fs_vtype(at.mode), &p9fs_vops);
	if (!vp) {
		rc = -ENOMEM;
		goto err_free;
	}
	vp->data = n;
	attr_to_vnode(vp, &at);
	*out = vp;
	return 0;

err_free:
	p9fs_node_free(n);
	return rc;
}

static int p9fs_vop_lookup(struct vnode *dir, const char *name, size_t len,
			   struct vnode **out)
{
	struct p9fs_node *n;
	int rc = p9fs_lookup(to_node(dir), name, len, &n);

	return rc < 0 ? rc : vnode_make(dir->mount, n, out);
}

static int p9fs_vop_create(struct vnode *dir, const char *name, size_t len,
			   mode_t mode, struct vnode **out)
{
	struct p9fs_node *n;
	int rc = p9fs_create(to_node(dir), name, len, (__u32)mode, &n);

	return rc < 0 ? rc : vnode_make(dir->mount, n, out);
}

static int p9fs_vop_mkdir(struct vnode *dir, const char *name, size_t len,
			  mode_t mode)
{
	return p9fs_mkdir(to_node(dir), name, len, (__u32)mode);
}

/* The vnode removed keeps its fids: an open file works until closed. */
static int p9fs_vop_remove(struct vnode *dir, struct vnode *vp,
			   const char *name, size_t len)
{
	(void)vp;
	return p9fs_unlink(to_node(dir), name, len, false);
}

static int p9fs_vop_rmdir(struct vnode *dir, struct vnode *vp,
			  const char *name, size_t len)
{
	(void)vp;
	return p9fs_unlink(to_node(dir), name, len, true);
}

static int p9fs_vop_rename(struct vnode *sdir, struct vnode *svp,
			   const char *sname, size_t slen, struct vnode *ddir,
			   struct vnode *dvp, const char *dname, size_t dlen)
{
	(void)svp;
	(void)dvp;	/* the server replaces it, as rename(2) */
	return p9fs_rename(to_node(sdir), sname, slen, to_node(ddir), dname,
			   dlen);
}

static int p9fs_vop_open(struct vnode *vp, int flags)
{
	struct p9fs_node *n = to_node(vp);
	struct p9fs_attr at;
	int rc;

	if (vp->type == VFS_VDIR)
		flags &= ~(O_TRUNC | O_APPEND);
	rc = p9fs_open(n, flags);
	if (rc < 0)
		return rc;
	if ((flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY)
		vp->size = 0;
	/* appends go to the end: the one the server knows now */
	if ((flags & O_APPEND) && p9fs_getattr(n, &at) == 0)
		attr_to_vnode(vp, &at);
	return 0;
}

static int p9fs_vop_close(struct vnode *vp, int flags)
{
	(void)flags;
	p9fs_close(to_node(vp));
	return 0;
}

static ssize_t p9fs_vop_read(struct vnode *vp, void *buf, size_t len,
			     off_t off)
{
	if (off < 0)
		return -EINVAL;
	return p9fs_read(to_node(vp), buf, len, (__u64)off);
}

static ssize_t p9fs_vop_write(struct vnode *vp, const void *buf, size_t len,
			      off_t off)
{
	ssize_t n;

	if (off < 0)
		return -EINVAL;
	n = p9fs_write(to_node(vp), buf, len, (__u64)off);
	if (n > 0 && off + n > vp->size)
		vp->size = off + n;
	return n;
}

static enum vfs_vtype dt_to_vtype(__u8 type)
{
	switch (type) {
	case DT_DIR:
		return VFS_VDIR;
	case DT_LNK:
		return VFS_VLNK;
	default:
		return VFS_VREG;
	}
}

static int p9fs_vop_readdir(struct vnode *dir, off_t *cookie,
			    struct vfs_dirent *out)
{
	struct p9fs_dirent de;
	__u64 c = (__u64)*cookie;
	int rc;

	/* vfscore lists "." and ".." itself: skip the server's */
	do {
		rc = p9fs_readdir(to_node(dir), &c, &de);
	} while (rc == 1 && (strcmp(de.name, ".") == 0 ||
			     strcmp(de.name, "..") == 0));
	if (rc != 1)
		return rc;
	*cookie = (off_t)c;
	out->ino = de.ino ? (ino_t)de.ino : 1;
	out->type = dt_to_vtype(de.type);
	UK_CTASSERT(sizeof(out->name) == sizeof(de.name));
	memcpy(out->name, de.name, sizeof(out->name));
	return 1;
}

static int p9fs_vop_getattr(struct vnode *vp, struct stat *st)
{
	struct p9fs_attr at;
	int rc;

	rc = p9fs_getattr(to_node(vp), &at);
	if (rc < 0)
		return rc;
	attr_to_vnode(vp, &at);
	st->st_mode = (at.mode & 07777) | vfs_vtype_to_mode(vp->type);
	st->st_ino = vp->ino;
	st->st_nlink = vp->nlink;
	st->st_uid = at.uid;
	st->st_gid = at.gid;
	st->st_rdev = vp->rdev;
	st->st_size = vp->size;
	st->st_blksize = (blksize_t)at.blksize;
	st->st_blocks = (blkcnt_t)at.blocks;
	st->st_atim = at.atime;
	st->st_mtim = at.mtime;
	st->st_ctim = at.ctime;
	return 0;
}

static int p9fs_vop_truncate(struct vnode *vp, off_t len)
{
	int rc;

	if (len < 0)
		return -EINVAL;
	rc = p9fs_truncate(to_node(vp), (__u64)len);
	if (rc == 0)
		vp->size = len;
	return rc;
}

static int p9fs_vop_fsync(struct vnode *vp)
{
	return p9fs_fsync(to_node(vp));
}

static void p9fs_vop_inactive(struct vnode *vp)
{
	p9fs_node_free(to_node(vp));
	vp->data = NULL;
}

static const struct vnode_ops p9fs_vops = {
	.lookup = p9fs_vop_lookup,
	.create = p9fs_vop_create,
	.mkdir = p9fs_vop_mkdir,
	.remove = p9fs_vop_remove,
	.rmdir = p9fs_vop_rmdir,
	.rename = p9fs_vop_rename,
	.open = p9fs_vop_open,
	.close = p9fs_vop_close,
	.read = p9fs_vop_read,
	.write = p9fs_vop_write,
	.readdir = p9fs_vop_readdir,
	.getattr = p9fs_vop_getattr,
	.truncate = p9fs_vop_truncate,
	.fsync = p9fs_vop_fsync,
	.inactive = p9fs_vop_inactive,
};

/*
 * Mount options, comma-separated: aname=PATH (the server's tree to
 * attach, default its root), and trans=virtio, version=9P2000.L as the
 * only values there are (upstream Unikraft's option string).
 */
static int p9fs_options(const char *opts, char *aname, __sz aname_len)
{
	const char *o = opts, *end;
	__sz n;

	aname[0] = '\0';
	while (o && *o) {
		end = strchr(o, ',');
		n = end ? (__sz)(end - o) : strlen(o);
		if (n > 6 && memcmp(o, "aname=", 6) == 0) {
			if (n - 6 >= aname_len)
				return -EINVAL;
			memcpy(aname, o + 6, n - 6);
			aname[n - 6] = '\0';
		} else if (!(n == 12 && memcmp(o, "trans=virtio", n) == 0) &&
			   !(n == 16 && memcmp(o, "version=9P2000.L", n) == 0)) {
			uk_pr_err("9pfs: unknown mount option \"%.*s\"\n",
				  (int)n, o);
			return -EINVAL;
		}
		o = end ? end + 1 : NULL;
	}
	return 0;
}

static int p9fs_mount(struct vfs_mount *mp, const char *dev,
		      unsigned long flags, const void *data)
{
	char aname[P9FS_NAME_MAX + 1];
	struct uk_9pdev *d;
	struct p9fs_node *n;
	__u32 fid;
	int rc;

	(void)flags;	/* MS_RDONLY is vfscore's to enforce */
	rc = p9fs_options(data, aname, sizeof(aname));
	if (rc < 0)
		return rc;
	if (!dev || !dev[0]) {
		uk_pr_err("9pfs: no device: give the 9P mount tag (\"fs0\")\n");
		return -ENODEV;
	}
	d = uk_9pdev_connect(dev, aname, &rc);
	if (!d) {
		if (rc == -ENODEV)
			uk_pr_err("9pfs: no 9P device with mount tag \"%s\" "
				  "(QEMU: -fsdev local,id=ID,path=DIR,"
				  "security_model=none -device virtio-9p-pci,"
				  "fsdev=ID,mount_tag=%s)\n", dev, dev);
		else
			uk_pr_err("9pfs: %s: connecting failed (%d)\n", dev,
				  rc);
		return rc;
	}
	/* the root vnode owns a clone; the session keeps the attach fid */
	rc = uk_9p_walk(d, d->root_fid, NULL, &fid, NULL);
	if (rc < 0)
		goto err_disconnect;
	n = p9fs_node_new(d, fid);
	if (!n) {
		uk_9p_clunk(d, fid);
		rc = -ENOMEM;
		goto err_disconnect;
	}
	rc = vnode_make(mp, n, &mp->root);
	if (rc < 0)
		goto err_disconnect;
	if (mp->root->type != VFS_VDIR) {
		vfs_vnode_put(mp->root);
		mp->root = NULL;
		rc = -ENOTDIR;
		goto err_disconnect;
	}
	mp->data = d;
	uk_pr_info("9pfs: %s mounted (msize %u)\n", dev, d->msize);
	return 0;

err_disconnect:
	uk_9pdev_disconnect(d);
	return rc;
}

static int p9fs_unmount(struct vfs_mount *mp)
{
	uk_9pdev_disconnect(mp->data);
	mp->data = NULL;
	return 0;
}

static const struct vfs_fsops p9fs_fsops = {
	.name = "9pfs",
	.mount = p9fs_mount,
	.unmount = p9fs_unmount,
};
UK_FS_REGISTER(p9fs_fsops);
