/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs internals: the file operations on uk9p fids (9pfs_node.c), which
 * 9pfs.c binds to the VFS. Every call returns 0, a count or a negative
 * errno: the server's code as it is, -EIO once the session is dead.
 */
#ifndef __9PFS_H__
#define __9PFS_H__

#include <time.h>
#include <uk/essentials.h>
#include <uk/9p.h>

/* Longest name of one path component (Linux's NAME_MAX). */
#define P9FS_NAME_MAX	255

/** A file of the share. */
struct p9fs_node {
	struct uk_9pdev *dev;
	__u32 fid;		/* walked to the file, never opened */
	__u32 ofid;		/* opened for I/O, or UK_9P_NOFID */
	int omode;		/* O_RDONLY, O_WRONLY or O_RDWR of ofid */
	unsigned int opens;	/* p9fs_open()s not closed yet */
	/* Directories: Rreaddir data from dirbuf_cookie on. */
	__u8 *dirbuf;
	__u32 dirbuf_len;
	__u32 dirbuf_pos;
	__u64 dirbuf_cookie;
};

/** What getattr gives, in struct stat's terms. */
struct p9fs_attr {
	__u32 mode;
	__u64 ino;
	__u64 size;
	__u64 nlink;
	__u32 uid, gid;
	__u64 rdev;
	__u64 blksize, blocks;
	struct timespec atime, mtime, ctime;
};

/** One directory entry. */
struct p9fs_dirent {
	__u64 ino;
	__u8 type;		/* DT_* */
	__u64 next;		/* cookie of the entry after it */
	char name[P9FS_NAME_MAX + 1];
};

/**
 * Copy one path component of @p len bytes, NUL-terminated, into @p out.
 * @return 0, -ENAMETOOLONG over P9FS_NAME_MAX, -ENOENT when empty,
 *   -EINVAL with a '/' or a NUL inside
 */
int p9fs_name(char out[P9FS_NAME_MAX + 1], const char *name, __sz len);

/** A node owning walked fid @p fid (NULL: out of memory). */
struct p9fs_node *p9fs_node_new(struct uk_9pdev *dev, __u32 fid);
/** Clunk the node's fids and free it. */
void p9fs_node_free(struct p9fs_node *n);

int p9fs_getattr(struct p9fs_node *n, struct p9fs_attr *at);
/*
 * Names are one path component of @p len bytes, not NUL-terminated
 * (checked with p9fs_name()).
 */

/** Walk to @p name in @p dir: a new node in @p out. */
int p9fs_lookup(struct p9fs_node *dir, const char *name, __sz len,
		struct p9fs_node **out);
/** Create regular file @p name (-EEXIST if there); a new node in @p out,
 * with an open fid kept for the next p9fs_open().
 */
int p9fs_create(struct p9fs_node *dir, const char *name, __sz len,
		__u32 mode, struct p9fs_node **out);
int p9fs_mkdir(struct p9fs_node *dir, const char *name, __sz len,
	       __u32 mode);
/** Remove @p name from @p dir: a file, or with @p is_dir an empty
 * directory.
 */
int p9fs_unlink(struct p9fs_node *dir, const char *name, __sz len,
		bool is_dir);
int p9fs_rename(struct p9fs_node *odir, const char *oname, __sz olen,
		struct p9fs_node *ndir, const char *nname, __sz nlen);
/**
 * Open @p n with open(2) @p flags: the access mode goes to the server
 * (one opened fid per node, reopened read-write when a second open needs
 * the other direction); O_TRUNC truncates. Counted: p9fs_close() each.
 */
int p9fs_open(struct p9fs_node *n, int flags);
void p9fs_close(struct p9fs_node *n);
__ssz p9fs_read(struct p9fs_node *n, void *buf, __sz len, __u64 off);
__ssz p9fs_write(struct p9fs_node *n, const void *buf, __sz len,
		 __u64 off);
int p9fs_truncate(struct p9fs_node *n, __u64 len);
int p9fs_fsync(struct p9fs_node *n);
/**
 * The entry at *@p cookie (0: the first) of open directory @p n.
 * @return 1 (entry in @p de, *cookie moved past it), 0 at the end, or a
 *   negative errno (-EIO for an entry whose name is not a name)
 */
int p9fs_readdir(struct p9fs_node *n, __u64 *cookie, struct p9fs_dirent *de);
int p9fs_statfs(struct p9fs_node *n, struct uk_9p_statfs *st);

#endif /* __9PFS_H__ */
