/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: files and directories in the heap.
 *
 * Every node embeds its vnode. A node linked in a directory holds one
 * reference on itself; lookups hand out more. Unlink and rename drop
 * the link's reference, so an open file outlives its name and is freed
 * by inactive() when its last descriptor closes.
 *
 * The file bytes of a mount are limited (mount option "size=N[k|m|g]",
 * default CONFIG_LIBRAMFS_SIZE_KB, 0 = only the heap's limit); a write
 * past it is cut short, then fails with ENOSPC.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/vfs.h>

struct ramfs_node {
	struct vnode vn;		/* first: vnode <-> node casts */
	char *name;			/* NUL-terminated, NULL for the root */
	struct ramfs_node *parent;	/* NULL for the root */
	struct ramfs_node *next;	/* sibling in the parent's list */
	struct ramfs_node *children;	/* a directory's entries */
	char *buf;			/* a file's bytes */
	size_t cap;			/* allocated size of buf */
};

struct ramfs_mount {
	size_t limit;			/* bytes of file data, 0: none */
	size_t used;			/* sum of the files' sizes */
	ino_t next_ino;
};

static const struct vnode_ops ramfs_vnops;

#define RN(vp)	((struct ramfs_node *)(vp))
#define RM(vp)	((struct ramfs_mount *)(vp)->mount->data)

static struct uk_alloc *heap(void)
{
	return uk_alloc_get_default();
}

static struct ramfs_node *node_new(struct vfs_mount *mp, enum vfs_vtype type,
				   mode_t mode, const char *name, size_t len)
{
	struct ramfs_mount *rm = mp->data;
	struct ramfs_node *n = uk_calloc(heap(), 1, sizeof(*n));

	if (!n)
		return NULL;
	if (name) {
		n->name = uk_malloc(heap(), len + 1);
		if (!n->name) {
			uk_free(heap(), n);
			return NULL;
		}
		memcpy(n->name, name, len);
		n->name[len] = '\0';
	}
	vfs_vnode_init(&n->vn, mp, type, &ramfs_vnops);
	n->vn.mode = mode & 07777;
	n->vn.ino = ++rm->next_ino;
	n->vn.data = n;
	return n;
}

static void node_free(struct ramfs_node *n)
{
	if (n->vn.mount && n->vn.mount->data)
		RM(&n->vn)->used -= n->vn.size;
	uk_free(heap(), n->buf);
	uk_free(heap(), n->name);
	uk_free(heap(), n);
}

static struct ramfs_node *dir_find(struct ramfs_node *dir, const char *name,
				   size_t len)
{
	struct ramfs_node *c;

	for (c = dir->children; c; c = c->next)
		if (!strncmp(c->name, name, len) && c->name[len] == '\0')
			return c;
	return NULL;
}

/* Link @p n at the end of @p dir (readdir keeps creation order). */
static void dir_link(struct ramfs_node *dir, struct ramfs_node *n)
{
	struct ramfs_node **pp = &dir->children;

	while (*pp)
		pp = &(*pp)->next;
	n->next = NULL;
	*pp = n;
	n->parent = dir;
	if (n->vn.type == VFS_VDIR)
		dir->vn.nlink++;
}

static void dir_unlink(struct ramfs_node *dir, struct ramfs_node *n)
{
	struct ramfs_node **pp = &dir->children;

	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
	n->next = NULL;
	n->parent = NULL;
	if (n->vn.type == VFS_VDIR)
		dir->vn.nlink--;
}

static int ramfs_lookup(struct vnode *dir, const char *name, size_t len,
			struct vnode **out)
{
	struct ramfs_node *n = dir_find(RN(dir), name, len);

	if (!n)
		return -ENOENT;
	*out = vfs_vnode_get(&n->vn);
	return 0;
}

static int make(struct vnode *dir, const char *name, size_t len,
		mode_t mode, enum vfs_vtype type, struct vnode **out)
{
	struct ramfs_node *n = node_new(dir->mount, type, mode, name, len);

	if (!n)
		return -ENOSPC;	/* the heap is the filesystem's space */
	dir_link(RN(dir), n);	/* the link's reference */
	if (out)
		*out = vfs_vnode_get(&n->vn);
	return 0;
}

static int ramfs_create(struct vnode *dir, const char *name, size_t len,
			mode_t mode, struct vnode **out)
{
	return make(dir, name, len, mode, VFS_VREG, out);
}

static int ramfs_mkdir(struct vnode *dir, const char *name, size_t len,
		       mode_t mode)
{
	return make(dir, name, len, mode, VFS_VDIR, NULL);
}

static int ramfs_remove(struct vnode *dir, struct vnode *vp,
			const char *name __unused, size_t len __unused)
{
	dir_unlink(RN(dir), RN(vp));
	vp->nlink = 0;
	vfs_vnode_put(vp);	/* the link's reference */
	return 0;
}

static int ramfs_rmdir(struct vnode *dir, struct vnode *vp, const char *name,
		       size_t len)
{
	if (RN(vp)->children)
		return -ENOTEMPTY;
	return ramfs_remove(dir, vp, name, len);
}

static int ramfs_rename(struct vnode *sdir, struct vnode *svp,
			const char *sname __unused, size_t slen __unused,
			struct vnode *ddir, struct vnode *dvp,
			const char *dname, size_t dlen)
{
	char *name;

	if (dvp && dvp->type == VFS_VDIR && RN(dvp)->children)
		return -ENOTEMPTY;
	name = uk_malloc(heap(), dlen + 1);
	if (!name)
		return -ENOSPC;
	memcpy(name, dname, dlen);
	name[dlen] = '\0';
	if (dvp)
		ramfs_remove(ddir, dvp, dname, dlen);
	dir_unlink(RN(sdir), RN(svp));
	uk_free(heap(), RN(svp)->name);
	RN(svp)->name = name;
	dir_link(RN(ddir), RN(svp));
	return 0;
}

static ssize_t ramfs_read(struct vnode *vp, void *buf, size_t len, off_t off)
{
	if (off >= vp->size)
		return 0;
	len = MIN(len, (size_t)(vp->size - off));
	memcpy(buf, RN(vp)->buf + off, len);
	return (ssize_t)len;
}

/*
 * Make room for @p size bytes (zero-filling what is new beyond the old
 * size). @return 0 or -ENOSPC
 */
static int file_resize(struct vnode *vp, size_t size)
{
	struct ramfs_node *n = RN(vp);
	struct ramfs_mount *rm = RM(vp);
	size_t cap;
	char *buf;

	if (size > (size_t)vp->size && rm->limit &&
	    rm->used + (size - vp->size) > rm->limit)
		return -ENOSPC;
	if (size > n->cap) {
		/* double, so appends cost amortised O(1) */
		cap = MAX(size, MAX(n->cap * 2, (size_t)256));
		buf = uk_realloc(heap(), n->buf, cap);
		if (!buf) {
			cap = size;
			buf = uk_realloc(heap(), n->buf, cap);
		}
		if (!buf)
			return -ENOSPC;
		n->buf = buf;
		n->cap = cap;
	}
	if (size > (size_t)vp->size)
		memset(n->buf + vp->size, 0, size - vp->size);
	rm->used = rm->used - vp->size + size;
	vp->size = size;
	return 0;
}

static ssize_t ramfs_write(struct vnode *vp, const void *buf, size_t len,
			   off_t off)
{
	struct ramfs_mount *rm = RM(vp);
	size_t end = (size_t)off + len;
	int r;

	if (end > (size_t)vp->size) {
		/* cut short to what still fits under the limit */
		if (rm->limit && rm->used + (end - vp->size) > rm->limit) {
			if ((size_t)off >= vp->size + (rm->limit - rm->used))
				return -ENOSPC;
			end = vp->size + (rm->limit - rm->used);
			len = end - (size_t)off;
		}
		r = file_resize(vp, end);
		if (r)
			return r;
	}
	memcpy(RN(vp)->buf + off, buf, len);
	return (ssize_t)len;
}

static int ramfs_truncate(struct vnode *vp, off_t len)
{
	return file_resize(vp, (size_t)len);
}

static int ramfs_readdir(struct vnode *dir, off_t *cookie,
			 struct vfs_dirent *out)
{
	struct ramfs_node *c = RN(dir)->children;
	off_t i;

	for (i = 0; c && i < *cookie; i++)
		c = c->next;
	if (!c)
		return 0;
	out->ino = c->vn.ino;
	out->type = c->vn.type;
	strcpy(out->name, c->name);
	(*cookie)++;
	return 1;
}

/* Free a directory's tree (nothing is open any more). */
static void tree_free(struct ramfs_node *dir)
{
	struct ramfs_node *c, *next;

	for (c = dir->children; c; c = next) {
		next = c->next;
		if (c->vn.type == VFS_VDIR)
			tree_free(c);
		node_free(c);
	}
	dir->children = NULL;
}

/* The last reference is gone: the node was unlinked, or it is the root
 * at unmount (whose tree goes with it). */
static void ramfs_inactive(struct vnode *vp)
{
	if (vp->type == VFS_VDIR)
		tree_free(RN(vp));
	node_free(RN(vp));
}

static const struct vnode_ops ramfs_vnops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.remove = ramfs_remove,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.read = ramfs_read,
	.write = ramfs_write,
	.readdir = ramfs_readdir,
	.truncate = ramfs_truncate,
	.inactive = ramfs_inactive,
};

/* "size=N[k|m|g]" (other options: -EINVAL). @return 0 or -EINVAL */
static int parse_opts(const char *opts, size_t *limit)
{
	unsigned long long v;
	char *end;

	if (!opts || !*opts)
		return 0;
	if (strncmp(opts, "size=", 5))
		return -EINVAL;
	v = strtoull(opts + 5, &end, 10);
	if (end == opts + 5)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K':
		v <<= 10, end++;
		break;
	case 'm': case 'M':
		v <<= 20, end++;
		break;
	case 'g': case 'G':
		v <<= 30, end++;
		break;
	}
	if (*end)
		return -EINVAL;
	*limit = (size_t)v;
	return 0;
}

static int ramfs_mount(struct vfs_mount *mp, const char *dev __unused,
		       unsigned long flags __unused, const void *data)
{
	struct ramfs_mount *rm;
	struct ramfs_node *root;
	size_t limit = (size_t)CONFIG_LIBRAMFS_SIZE_KB << 10;
	int r;

	r = parse_opts(data, &limit);
	if (r)
		return r;
	rm = uk_calloc(heap(), 1, sizeof(*rm));
	if (!rm)
		return -ENOMEM;
	rm->limit = limit;
	mp->data = rm;
	root = node_new(mp, VFS_VDIR, 0755, NULL, 0);
	if (!root) {
		uk_free(heap(), rm);
		return -ENOMEM;
	}
	mp->root = &root->vn;	/* its one reference is the mount's */
	return 0;
}

/* The root and its tree are gone already (inactive). */
static int ramfs_unmount(struct vfs_mount *mp)
{
	uk_free(heap(), mp->data);
	mp->data = NULL;
	return 0;
}

static const struct vfs_fsops ramfs_fsops = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
};
UK_FS_REGISTER(ramfs_fsops);
