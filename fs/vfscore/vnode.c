/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: vnode references, the mount list, filesystem types and path
 * resolution.
 *
 * A path is first made absolute (the working directory or a directory
 * descriptor's path in front) and normalised as text: empty and "."
 * components go, ".." drops the component before it. The longest mount
 * point that is a prefix of the result picks the mount; the remaining
 * components are looked up one by one from the mount's root.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <uk/print.h>
#include <uk/assert.h>
#include "vfs_internal.h"

extern const struct vfs_fsops *const __uk_fstab_start[];
extern const struct vfs_fsops *const __uk_fstab_end[];

static struct vfs_mount *mounts;	/* newest first */
char vfs_cwd[PATH_MAX] = "/";

void *vfs_alloc(size_t size)
{
	return uk_calloc(uk_alloc_get_default(), 1, size);
}

void vfs_free(void *p)
{
	uk_free(uk_alloc_get_default(), p);
}

char *vfs_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = vfs_alloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

void vfs_vnode_init(struct vnode *vp, struct vfs_mount *mp,
		    enum vfs_vtype type, const struct vnode_ops *ops)
{
	memset(vp, 0, sizeof(*vp));
	vp->type = type;
	vp->nlink = (type == VFS_VDIR) ? 2 : 1;
	vp->refcount = 1;
	vp->ops = ops;
	vp->mount = mp;
}

struct vnode *vfs_vnode_alloc(struct vfs_mount *mp, enum vfs_vtype type,
			      const struct vnode_ops *ops)
{
	struct vnode *vp = uk_malloc(uk_alloc_get_default(), sizeof(*vp));

	if (!vp)
		return NULL;
	vfs_vnode_init(vp, mp, type, ops);
	vp->_allocated = 1;
	return vp;
}

struct vnode *vfs_vnode_get(struct vnode *vp)
{
	vp->refcount++;
	return vp;
}

void vfs_vnode_put(struct vnode *vp)
{
	int allocated = vp->_allocated;	/* inactive may free @p vp */

	UK_ASSERT(vp->refcount > 0);
	if (--vp->refcount)
		return;
	if (vp->ops->inactive)
		vp->ops->inactive(vp);
	if (allocated)
		vfs_free(vp);
}

mode_t vfs_vtype_to_mode(enum vfs_vtype type)
{
	switch (type) {
	case VFS_VDIR:
		return S_IFDIR;
	case VFS_VCHR:
		return S_IFCHR;
	case VFS_VLNK:
		return S_IFLNK;
	default:
		return S_IFREG;
	}
}

int vfs_getattr(struct vnode *vp, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = vfs_vtype_to_mode(vp->type) | (vp->mode & 07777);
	st->st_ino = vp->ino;
	st->st_nlink = vp->nlink;
	st->st_size = vp->size;
	st->st_rdev = vp->rdev;
	st->st_blksize = 4096;
	st->st_blocks = (vp->size + 511) / 512;
	/* A vnode without a mount is vfscore's console. */
	st->st_dev = vp->mount ? (dev_t)(uintptr_t)vp->mount : 0;
	if (vp->ops->getattr)
		return vp->ops->getattr(vp, st);
	return 0;
}

const struct vfs_fsops *vfs_fs_find(const char *name)
{
	const struct vfs_fsops *const *f;

	for (f = __uk_fstab_start; f < __uk_fstab_end; f++)
		if (!strcmp((*f)->name, name))
			return *f;
	return NULL;
}

/*
 * Append the components of @p src to the normalised absolute path in
 * @p dst (which holds at least "/").
 * @return 0, -ENAMETOOLONG
 */
static int path_append(char *dst, const char *src, int *slash)
{
	size_t n = strlen(dst), len;
	const char *end;

	*slash = 0;
	while (*src) {
		while (*src == '/')
			src++;
		if (!*src)
			break;
		end = strchr(src, '/');
		len = end ? (size_t)(end - src) : strlen(src);
		*slash = end != NULL;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (len == 1 && src[0] == '.') {
			/* stays here */
		} else if (len == 2 && src[0] == '.' && src[1] == '.') {
			while (n > 1 && dst[n - 1] != '/')
				n--;
			if (n > 1)
				n--;	/* the '/' before it, not the root's */
			dst[n] = '\0';
		} else {
			/* '/' + name + NUL must fit */
			if (n + (n > 1) + len + 1 > PATH_MAX)
				return -ENAMETOOLONG;
			if (n > 1)
				dst[n++] = '/';
			memcpy(dst + n, src, len);
			n += len;
			dst[n] = '\0';
		}
		src += len;
	}
	return 0;
}

/* @return the length of @p mp's point if it is a prefix of @p path */
static size_t mount_match(const struct vfs_mount *mp, const char *path)
{
	size_t n = strlen(mp->path);

	if (n == 1)
		return 1;	/* "/" covers everything */
	if (strncmp(mp->path, path, n) || (path[n] && path[n] != '/'))
		return 0;
	return n;
}

static struct vfs_mount *mount_of(const char *path)
{
	struct vfs_mount *mp, *best = NULL;
	size_t n, best_n = 0;

	for (mp = mounts; mp; mp = mp->_next) {
		n = mount_match(mp, path);
		if (n > best_n) {
			best = mp;
			best_n = n;
		}
	}
	return best;
}

int vfs_mount_below(const char *path, int strict)
{
	struct vfs_mount *mp;
	size_t n = strlen(path);

	for (mp = mounts; mp; mp = mp->_next) {
		if (strncmp(mp->path, path, n))
			continue;
		if (mp->path[n] == '\0' ? !strict :
		    (n == 1 || mp->path[n] == '/'))
			return 1;
	}
	return 0;
}

int vfs_root_mounted(void)
{
	return mounts != NULL;
}

void vfs_nd_put(struct vfs_nd *nd)
{
	if (nd->vp)
		vfs_vnode_put(nd->vp);
	if (nd->dir)
		vfs_vnode_put(nd->dir);
	nd->vp = nd->dir = NULL;
}

int vfs_lookup(int dirfd, const char *path, int flags, struct vfs_nd *nd)
{
	struct vfs_file *fp;
	struct vnode *cur, *next;
	const char *p, *end;
	size_t len;
	int r;

	nd->dir = nd->vp = NULL;
	if (!path)
		return -EFAULT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!*path)
		return -ENOENT;
	if (path[0] == '/') {
		strcpy(nd->path, "/");
	} else if (dirfd == AT_FDCWD) {
		strcpy(nd->path, vfs_cwd);
	} else {
		fp = vfs_fd_get(dirfd);
		if (!fp)
			return -EBADF;
		r = fp->vp->type != VFS_VDIR || !fp->path ? -ENOTDIR : 0;
		if (!r)
			strcpy(nd->path, fp->path);
		vfs_file_put(fp);
		if (r)
			return r;
	}
	r = path_append(nd->path, path, &nd->slash);
	if (r)
		return r;

	nd->mp = mount_of(nd->path);
	if (!nd->mp)
		return -ENOENT;	/* nothing mounted on "/" */
	p = nd->path + strlen(nd->mp->path);
	cur = vfs_vnode_get(nd->mp->root);
	if (!*p || (p[0] == '/' && !p[1])) {
		/* the mount's root itself */
		nd->vp = cur;
		nd->name = "";
		nd->len = 0;
		return 0;
	}
	for (;;) {
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (cur->type != VFS_VDIR) {
			vfs_vnode_put(cur);
			return -ENOTDIR;
		}
		if (!end) {
			nd->dir = cur;
			nd->name = p;
			nd->len = len;
			r = cur->ops->lookup(cur, p, len, &nd->vp);
			if (r == -ENOENT && (flags & VFS_ND_PARENT))
				return 0;
			if (r) {
				vfs_nd_put(nd);
				return r;
			}
			if (nd->slash && nd->vp->type != VFS_VDIR) {
				vfs_nd_put(nd);
				return -ENOTDIR;
			}
			return 0;
		}
		r = cur->ops->lookup(cur, p, len, &next);
		vfs_vnode_put(cur);
		if (r)
			return r;
		cur = next;
		p = end;
	}
}

int vfs_mount(const char *dev, const char *path, const char *fstype,
	      unsigned long flags, const void *data)
{
	const struct vfs_fsops *fs;
	struct vfs_mount *mp;
	struct vfs_nd nd;
	int r;

	if (!path || !fstype)
		return -EFAULT;
	fs = vfs_fs_find(fstype);
	if (!fs)
		return -ENODEV;
	if (!mounts) {
		/* the first mount must be the root */
		if (strcmp(path, "/"))
			return -ENOENT;
		strcpy(nd.path, "/");
	} else {
		r = vfs_lookup(AT_FDCWD, path, 0, &nd);
		if (r)
			return r;
		/* Mounting on a mount point hides the older mount
		 * (Linux's stacking; the workshop mounts ramfs on "/"
		 * whatever is there). */
		r = nd.vp->type != VFS_VDIR ? -ENOTDIR : 0;
		vfs_nd_put(&nd);
		if (r)
			return r;
	}
	mp = vfs_alloc(sizeof(*mp));
	if (!mp)
		return -ENOMEM;
	mp->fsops = fs;
	mp->flags = flags;
	mp->path = vfs_strdup(nd.path);
	mp->dev = vfs_strdup(dev ? dev : "");
	if (!mp->path || !mp->dev) {
		r = -ENOMEM;
		goto err_free;
	}
	r = fs->mount(mp, mp->dev, flags, data);
	if (r)
		goto err_free;
	UK_ASSERT(mp->root && mp->root->type == VFS_VDIR);
	mp->_next = mounts;
	mounts = mp;
	uk_pr_info("vfs: mounted %s (%s) on %s\n", fs->name, mp->dev,
		   mp->path);
	return 0;

err_free:
	vfs_free(mp->dev);
	vfs_free(mp->path);
	vfs_free(mp);
	return r;
}

int vfs_umount(const char *path, int flags __unused)
{
	struct vfs_mount *mp, **pp;
	struct vfs_nd nd;
	int r;

	r = vfs_lookup(AT_FDCWD, path, 0, &nd);
	if (r)
		return r;
	mp = nd.mp;
	r = nd.dir ? -EINVAL : 0;	/* not the root of a mount */
	vfs_nd_put(&nd);
	if (r)
		return r;
	/* cwd inside it ("/" always is), open files, mounts below */
	if (mp->_nopen || vfs_mount_below(mp->path, 1) ||
	    mount_match(mp, vfs_cwd))
		return -EBUSY;
	/* The root vnode must be ours alone now. */
	if (mp->root->refcount != 1)
		return -EBUSY;
	vfs_vnode_put(mp->root);
	mp->root = NULL;
	if (mp->fsops->unmount) {
		r = mp->fsops->unmount(mp);
		if (r)
			uk_pr_warn("vfs: unmount %s: error %d\n", mp->path, r);
	}
	for (pp = &mounts; *pp != mp; pp = &(*pp)->_next)
		;
	*pp = mp->_next;
	vfs_free(mp->dev);
	vfs_free(mp->path);
	vfs_free(mp);
	return 0;
}
