/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the interface between the VFS and a filesystem driver.
 *
 * A filesystem registers a `struct vfs_fsops` with UK_FS_REGISTER().
 * mount(2) finds it by name, allocates a `struct vfs_mount` and calls
 * fsops->mount(), which must set mp->root to a referenced directory
 * vnode. From then on vfscore resolves paths itself (absolute or
 * relative to the working directory, "." and ".." textually, the
 * longest mount-point prefix picks the mount) and calls the vnode
 * operations one component at a time.
 *
 * References: every vnode handed to vfscore (mp->root, lookup's and
 * create's *out) carries one reference that vfscore owns and gives back
 * with vfs_vnode_put(). When the count drops to zero vfscore calls
 * ops->inactive() (if set), then frees the vnode if it came from
 * vfs_vnode_alloc(). A filesystem that keeps vnodes alive between
 * lookups (ramfs) holds a reference of its own and takes one more with
 * vfs_vnode_get() for each vnode it returns.
 *
 * Every operation returns 0 (or a byte count) on success and a negative
 * errno on failure. A NULL operation means "not supported": vfscore
 * answers with the errno noted next to the member.
 */
#ifndef __UK_VFS_H__
#define __UK_VFS_H__

#include <sys/types.h>
#include <sys/stat.h>
#include <limits.h>
#include <stddef.h>
#include <uk/essentials.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vnode;
struct vfs_mount;

/** Kind of a vnode (the S_IFMT part of its mode, as an enum). */
enum vfs_vtype {
	VFS_VREG = 1,	/**< regular file */
	VFS_VDIR,	/**< directory */
	VFS_VCHR,	/**< character device (devfs) */
	VFS_VLNK,	/**< symbolic link (never followed by vfscore) */
};

/** One directory entry, as readdir() fills it. */
struct vfs_dirent {
	ino_t ino;			/**< inode number, never 0 */
	enum vfs_vtype type;		/**< kind of the entry */
	char name[NAME_MAX + 1];	/**< NUL-terminated name */
};

/**
 * Operations on a vnode. @p dir is always a VFS_VDIR vnode of the same
 * mount; names are not NUL-terminated (@p len bytes, never "." or "..",
 * never containing '/', 1 <= len <= NAME_MAX).
 */
struct vnode_ops {
	/** Find @p name in @p dir; *out = referenced vnode; -ENOENT. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len,
		      struct vnode **out);
	/** Create a regular file (name known absent); *out as lookup.
	 * NULL: -EROFS. -ENOSPC when the filesystem is full. */
	int (*create)(struct vnode *dir, const char *name, size_t len,
		      mode_t mode, struct vnode **out);
	/** Create a directory (name known absent). NULL: -EROFS. */
	int (*mkdir)(struct vnode *dir, const char *name, size_t len,
		     mode_t mode);
	/** Unlink the non-directory @p vp named @p name from @p dir.
	 * Open files of @p vp keep working until closed. NULL: -EROFS. */
	int (*remove)(struct vnode *dir, struct vnode *vp, const char *name,
		      size_t len);
	/** Remove the directory @p vp; -ENOTEMPTY. NULL: -EROFS. */
	int (*rmdir)(struct vnode *dir, struct vnode *vp, const char *name,
		     size_t len);
	/**
	 * Move @p svp (named @p sname in @p sdir) to @p dname in @p ddir,
	 * both on this mount. @p dvp is the vnode @p dname names now or
	 * NULL; vfscore has checked the kinds (file over file, directory
	 * over empty-or-not directory is the filesystem's -ENOTEMPTY) and
	 * that @p svp is not an ancestor of @p ddir. NULL: -EROFS.
	 */
	int (*rename)(struct vnode *sdir, struct vnode *svp, const char *sname,
		      size_t slen, struct vnode *ddir, struct vnode *dvp,
		      const char *dname, size_t dlen);
	/** A file was opened on @p vp with open(2) @p flags. Optional. */
	int (*open)(struct vnode *vp, int flags);
	/** The last descriptor of an open file is gone. Optional. */
	int (*close)(struct vnode *vp, int flags);
	/** Read up to @p len bytes at @p off; 0 at end. NULL: -EINVAL. */
	ssize_t (*read)(struct vnode *vp, void *buf, size_t len, off_t off);
	/** Write @p len bytes at @p off (vfscore has already resolved
	 * O_APPEND to off = size); updates vp->size; -ENOSPC when full,
	 * after a short write if part fitted. NULL: -EINVAL. */
	ssize_t (*write)(struct vnode *vp, const void *buf, size_t len,
			 off_t off);
	/**
	 * Next entry of @p dir at position *@p cookie (0 = first; "." and
	 * ".." are added by vfscore, the filesystem lists neither).
	 * @return 1 and fills @p out, advancing *@p cookie; 0 at the end;
	 * a negative errno. NULL: -ENOTDIR.
	 */
	int (*readdir)(struct vnode *dir, off_t *cookie,
		       struct vfs_dirent *out);
	/** Refine @p st, which vfscore pre-filled from the vnode's fields
	 * (a filesystem may also refresh vp->size here). Optional. */
	int (*getattr)(struct vnode *vp, struct stat *st);
	/** Set the size of a regular file (grow with zeros); -ENOSPC.
	 * NULL: -EINVAL. */
	int (*truncate)(struct vnode *vp, off_t len);
	/** Push data to stable storage. Optional (0). */
	int (*fsync)(struct vnode *vp);
	/** Device-specific request (devfs). NULL: -ENOTTY. */
	int (*ioctl)(struct vnode *vp, unsigned long cmd, void *arg);
	/** The last reference is gone: free the filesystem's data of
	 * @p vp (vfscore frees the vnode itself afterwards if it was
	 * allocated by vfs_vnode_alloc()). Optional. */
	void (*inactive)(struct vnode *vp);
};

/** An in-memory file object of a filesystem. */
struct vnode {
	enum vfs_vtype type;		/**< kind of the object */
	mode_t mode;			/**< permission bits (07777), no S_IFMT */
	off_t size;			/**< bytes of a regular file */
	ino_t ino;			/**< inode number, unique in the mount */
	nlink_t nlink;			/**< hard links (1 for files, 2+ dirs) */
	dev_t rdev;			/**< device number (VFS_VCHR), else 0 */
	unsigned int refcount;		/**< references; see the file comment */
	const struct vnode_ops *ops;	/**< the filesystem's operations */
	struct vfs_mount *mount;	/**< the mount this vnode belongs to */
	void *data;			/**< the filesystem's private data */
	int _allocated;			/**< set by vfs_vnode_alloc() */
};

/** A mounted filesystem. */
struct vfs_mount {
	const struct vfs_fsops *fsops;	/**< its filesystem type */
	struct vnode *root;		/**< set by fsops->mount(): root dir */
	char *path;			/**< normalised mount point ("/dev") */
	char *dev;			/**< source/device string given to mount */
	unsigned long flags;		/**< mount(2) flags (MS_RDONLY, ...) */
	void *data;			/**< the filesystem's private data */
	unsigned int _nopen;		/**< open files and cwd on it (EBUSY) */
	struct vfs_mount *_next;	/**< vfscore's mount list */
};

/** A filesystem type. */
struct vfs_fsops {
	const char *name;		/**< type name given to mount(2) */
	/**
	 * Set up @p mp (mp->root at least). @p dev is the source string
	 * (may be "" or NULL), @p data the mount(2) data argument, usually
	 * a NUL-terminated option string or NULL. -EINVAL on bad options.
	 */
	int (*mount)(struct vfs_mount *mp, const char *dev,
		     unsigned long flags, const void *data);
	/** Tear down @p mp after vfscore dropped mp->root's reference
	 * (no open files remain). Optional. */
	int (*unmount)(struct vfs_mount *mp);
};

/** Register filesystem type @p ops (a `struct vfs_fsops` object). */
#define UK_FS_REGISTER(ops)						\
	static const struct vfs_fsops *const				\
	__used __section(".uk_fstab") __uk_fstab_ ## ops = &(ops)

/**
 * Allocate a zeroed vnode with one reference, for filesystems that do
 * not embed vnodes in their own objects.
 * @return the vnode, or NULL when out of memory.
 */
struct vnode *vfs_vnode_alloc(struct vfs_mount *mp, enum vfs_vtype type,
			      const struct vnode_ops *ops);

/**
 * Initialise a vnode the filesystem allocated itself (refcount 1).
 */
void vfs_vnode_init(struct vnode *vp, struct vfs_mount *mp,
		    enum vfs_vtype type, const struct vnode_ops *ops);

/** Take one more reference on @p vp. @return @p vp. */
struct vnode *vfs_vnode_get(struct vnode *vp);

/** Drop one reference; at zero: ops->inactive(), then free if allocated. */
void vfs_vnode_put(struct vnode *vp);

/** @return the S_IFMT bits of a vnode kind. */
mode_t vfs_vtype_to_mode(enum vfs_vtype type);

/**
 * Mount filesystem @p fstype from @p dev on directory @p path (which
 * must exist, except for the very first mount on "/").
 * The mount(2) system call is this function.
 * @return 0, -ENODEV (unknown type), -ENOENT, -ENOTDIR, -EBUSY (already a
 *	   mount point), -ENOMEM, or the filesystem's error.
 */
int vfs_mount(const char *dev, const char *path, const char *fstype,
	      unsigned long flags, const void *data);

/**
 * Unmount the filesystem on @p path.
 * @return 0, -EINVAL (not a mount point), -EBUSY (open files, a working
 *	   directory, or a mount below it).
 */
int vfs_umount(const char *path, int flags);

/** @return the registered filesystem type named @p name, or NULL. */
const struct vfs_fsops *vfs_fs_find(const char *name);

/** The console's vnode (descriptors 0-2 at boot; devfs's "console"). */
extern struct vnode vfs_console_vnode;

#ifdef __cplusplus
}
#endif

#endif /* __UK_VFS_H__ */
