/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9p: a 9P2000.L client over a transport (<uk/9p_trans.h>).
 *
 *	dev = uk_9pdev_connect("fs0", "", &rc);	 Tversion + Tattach
 *	uk_9p_walk(dev, dev->root_fid, "grass", &fid, &qid);
 *	uk_9p_lopen(dev, fid, O_RDONLY, NULL);
 *	n = uk_9p_read(dev, fid, 0, buf, sizeof(buf));
 *	uk_9p_clunk(dev, fid);
 *	uk_9pdev_disconnect(dev);
 *
 * Every call sends one request (read and write: as many as their length
 * needs at the negotiated msize) and waits for its reply; one request at
 * a time (no scheduler). Returns are 0 or a count, or a negative errno:
 * the server's Rlerror code as it is (-ENOENT, -EEXIST, ...), -EIO for a
 * malformed reply or a transport that failed (after which every call
 * fails with -EIO), -ENFILE when no fid is free. Every reply is parsed
 * within its declared size and the transport's count.
 */
#ifndef __UK_9P_H__
#define __UK_9P_H__

#include <uk/essentials.h>
#include <uk/9p_msg.h>
#include <uk/9p_trans.h>

/* Tgetattr request_mask / Rgetattr valid bits */
#define UK_9P_GETATTR_MODE	0x00000001ULL
#define UK_9P_GETATTR_NLINK	0x00000002ULL
#define UK_9P_GETATTR_UID	0x00000004ULL
#define UK_9P_GETATTR_GID	0x00000008ULL
#define UK_9P_GETATTR_RDEV	0x00000010ULL
#define UK_9P_GETATTR_ATIME	0x00000020ULL
#define UK_9P_GETATTR_MTIME	0x00000040ULL
#define UK_9P_GETATTR_CTIME	0x00000080ULL
#define UK_9P_GETATTR_INO	0x00000100ULL
#define UK_9P_GETATTR_SIZE	0x00000200ULL
#define UK_9P_GETATTR_BLOCKS	0x00000400ULL
#define UK_9P_GETATTR_BASIC	0x000007ffULL

/* Tsetattr valid bits */
#define UK_9P_SETATTR_MODE	0x00000001U
#define UK_9P_SETATTR_UID	0x00000002U
#define UK_9P_SETATTR_GID	0x00000004U
#define UK_9P_SETATTR_SIZE	0x00000008U
#define UK_9P_SETATTR_ATIME	0x00000010U
#define UK_9P_SETATTR_MTIME	0x00000020U
#define UK_9P_SETATTR_CTIME	0x00000040U
#define UK_9P_SETATTR_ATIME_SET	0x00000080U
#define UK_9P_SETATTR_MTIME_SET	0x00000100U

/* Tunlinkat flags */
#define UK_9P_AT_REMOVEDIR	0x200

/** Rgetattr, the fields of a struct stat. */
struct uk_9p_attr {
	__u64 valid;
	struct uk_9p_qid qid;
	__u32 mode;
	__u32 uid;
	__u32 gid;
	__u64 nlink;
	__u64 rdev;
	__u64 size;
	__u64 blksize;
	__u64 blocks;
	__u64 atime_sec, atime_nsec;
	__u64 mtime_sec, mtime_nsec;
	__u64 ctime_sec, ctime_nsec;
};

/** Tsetattr's fields (which ones count: @p valid). */
struct uk_9p_setattr {
	__u32 valid;
	__u32 mode;
	__u32 uid;
	__u32 gid;
	__u64 size;
	__u64 atime_sec, atime_nsec;
	__u64 mtime_sec, mtime_nsec;
};

/** Rstatfs. */
struct uk_9p_statfs {
	__u32 type;
	__u32 bsize;
	__u64 blocks, bfree, bavail;
	__u64 files, ffree;
	__u64 fsid;
	__u32 namelen;
};

/** A session with a 9P server over one transport. */
struct uk_9pdev {
	struct uk_9p_trans *trans;
	/** Negotiated maximum message size. */
	__u32 msize;
	/** The attached root. */
	__u32 root_fid;
	struct uk_9p_qid root_qid;
	/* --- internal --- */
	struct uk_9p_msg req, rep;
	__u16 tag;		/* of the next request */
	bool dead;		/* the transport failed */
	__u32 *fid_map;		/* bit set: fid in use */
	__u32 nb_fids;
};

/**
 * Connect to the transport tagged @p tag: Tversion "9P2000.L" (msize the
 * smaller of CONFIG_LIBUK9P_MSIZE and the transport's limit, as the
 * server lowers it) and Tattach of @p aname as root (uid 0).
 *
 * @param rc set to 0 or: -ENODEV no transport has that tag, -EBUSY one
 *   client uses it already, -ENOMEM, -EPROTO the server does not speak
 *   9P2000.L or offers an msize under 4 KiB, or a request's error
 * @return the session, or NULL
 */
struct uk_9pdev *uk_9pdev_connect(const char *tag, const char *aname,
				  int *rc);

/** Clunk the root, free the session; the transport can be connected
 * again.
 */
void uk_9pdev_disconnect(struct uk_9pdev *dev);

/** Largest read or write payload of one request. */
static inline __u32 uk_9pdev_iosize(const struct uk_9pdev *dev)
{
	return dev->msize - UK_9P_IOHDR_LEN;
}

/**
 * Twalk from @p fid along @p name (one component; NULL or "": clone
 * @p fid) to a new fid.
 * @param newfid set to the new fid (free it with uk_9p_clunk())
 * @param qid set to the reached file's qid (may be NULL)
 * @return 0 or a negative errno (-ENOENT)
 */
int uk_9p_walk(struct uk_9pdev *dev, __u32 fid, const char *name,
	       __u32 *newfid, struct uk_9p_qid *qid);

/** Tlopen @p fid with Linux open flags @p flags; @p qid may be NULL. */
int uk_9p_lopen(struct uk_9pdev *dev, __u32 fid, __u32 flags,
		struct uk_9p_qid *qid);

/**
 * Tlcreate: create @p name in directory @p fid, which becomes the open
 * new file.
 */
int uk_9p_lcreate(struct uk_9pdev *dev, __u32 fid, const char *name,
		  __u32 flags, __u32 mode, __u32 gid, struct uk_9p_qid *qid);

/**
 * Tread from open @p fid at @p offset, as many requests as @p count
 * needs; stops at a short read (end of file).
 * @return bytes read (0 at the end) or a negative errno
 */
__ssz uk_9p_read(struct uk_9pdev *dev, __u32 fid, __u64 offset, void *buf,
		 __sz count);

/** Twrite, as many requests as @p count needs.
 * @return bytes written or a negative errno
 */
__ssz uk_9p_write(struct uk_9pdev *dev, __u32 fid, __u64 offset,
		  const void *buf, __sz count);

/** Tclunk @p fid; the fid is free again whatever the server answers. */
int uk_9p_clunk(struct uk_9pdev *dev, __u32 fid);

/** Tgetattr of @p fid, @p mask of UK_9P_GETATTR_*. */
int uk_9p_getattr(struct uk_9pdev *dev, __u32 fid, __u64 mask,
		  struct uk_9p_attr *attr);

/** Tsetattr of @p fid. */
int uk_9p_setattr(struct uk_9pdev *dev, __u32 fid,
		  const struct uk_9p_setattr *attr);

/**
 * Treaddir on open directory @p fid from cookie @p offset (0: the
 * start); parse the data with uk_9p_dirent_next().
 * @return bytes of entries in @p buf (0: no more) or a negative errno
 */
__ssz uk_9p_readdir(struct uk_9pdev *dev, __u32 fid, __u64 offset,
		    void *buf, __u32 count);

/** Tmkdir @p name in directory @p dfid. */
int uk_9p_mkdir(struct uk_9pdev *dev, __u32 dfid, const char *name,
		__u32 mode, __u32 gid, struct uk_9p_qid *qid);

/** Tunlinkat @p name in @p dfid (@p flags: UK_9P_AT_REMOVEDIR). */
int uk_9p_unlinkat(struct uk_9pdev *dev, __u32 dfid, const char *name,
		   __u32 flags);

/** Trenameat @p oldname in @p olddfid to @p newname in @p newdfid. */
int uk_9p_renameat(struct uk_9pdev *dev, __u32 olddfid, const char *oldname,
		   __u32 newdfid, const char *newname);

/** Tfsync open @p fid. */
int uk_9p_fsync(struct uk_9pdev *dev, __u32 fid);

/** Tstatfs of the file system holding @p fid. */
int uk_9p_statfs(struct uk_9pdev *dev, __u32 fid, struct uk_9p_statfs *st);

#endif /* __UK_9P_H__ */
