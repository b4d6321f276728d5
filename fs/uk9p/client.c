/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client (see <uk/9p.h>): one request buffer and one reply
 * buffer of msize bytes per session, reused by every request.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <uk/9p.h>

#define UK_9P_VERSION		"9P2000.L"
/* Smallest msize worth working with: a page of payload or so. */
#define UK_9P_MSIZE_MIN		4096
#define FID_BITS		32

/* ---- fids ---- */

static int fid_alloc(struct uk_9pdev *dev, __u32 *fid)
{
	__u32 w, bit;

	for (w = 0; w < dev->nb_fids / FID_BITS; w++) {
		if (dev->fid_map[w] == 0xffffffffU)
			continue;
		bit = (__u32)__builtin_ctz(~dev->fid_map[w]);
		dev->fid_map[w] |= 1U << bit;
		*fid = w * FID_BITS + bit;
		return 0;
	}
	return -ENFILE;
}

static void fid_free(struct uk_9pdev *dev, __u32 fid)
{
	if (fid < dev->nb_fids)
		dev->fid_map[fid / FID_BITS] &= ~(1U << (fid % FID_BITS));
}

/* ---- requests ---- */

/* Start request @p type in the session's request buffer. */
static struct uk_9p_msg *req_begin(struct uk_9pdev *dev, __u8 type)
{
	uk_9p_msg_begin(&dev->req, type, dev->tag);
	return &dev->req;
}

/*
 * Send the request built since req_begin() and check the reply's header.
 * @return 0 (the reply's body at dev->rep.pos), the server's -ecode, or
 *   -EIO for a failed transport or a malformed reply
 */
static int rpc(struct uk_9pdev *dev)
{
	struct uk_9p_trans *t = dev->trans;
	__u16 tag = dev->tag;
	__u8 type = dev->req.buf[4];
	__u32 got = 0;
	int len, rc;

	len = uk_9p_msg_end(&dev->req);
	if (len < 0)
		return len;
	if (dev->dead)
		return -EIO;
	/* NOTAG is Tversion's alone; the others take turns below it. */
	if (tag != UK_9P_NOTAG)
		dev->tag = (__u16)((tag + 1) % UK_9P_NOTAG);
	rc = t->ops->request(t, dev->req.buf, (__u32)len, dev->rep.buf,
			     dev->rep.cap, &got);
	if (rc < 0) {
		/* A request may still be in the device: no new ones. */
		dev->dead = true;
		uk_pr_err("uk9p: %s: transport failed (%d), session dead\n",
			  t->tag, rc);
		return -EIO;
	}
	rc = uk_9p_reply_begin(&dev->rep, got, UK_9P_R(type), tag);
	if (dev->rep.err)
		uk_pr_warn("uk9p: %s: malformed reply to type %u (%u bytes)\n",
			   t->tag, type, got);
	return rc;
}

/* The reply parsed without running out of bytes? */
static int rep_ok(struct uk_9pdev *dev)
{
	return dev->rep.err ? -EIO : 0;
}

static int simple_rpc_done(struct uk_9pdev *dev)
{
	int rc = rpc(dev);

	return rc < 0 ? rc : rep_ok(dev);
}

static int qid_rpc_done(struct uk_9pdev *dev, struct uk_9p_qid *qid)
{
	struct uk_9p_qid q;
	int rc = rpc(dev);

	if (rc < 0)
		return rc;
	uk_9p_getqid(&dev->rep, qid ? qid : &q);
	return rep_ok(dev);
}

/* ---- session ---- */

static int version(struct uk_9pdev *dev)
{
	struct uk_9p_msg *m;
	struct uk_9p_str v;
	__u32 msize;
	int rc;

	/* Tversion carries NOTAG (version(5)); tags start after it. */
	dev->tag = UK_9P_NOTAG;
	m = req_begin(dev, UK_9P_TVERSION);
	uk_9p_put32(m, dev->msize);
	uk_9p_putstr(m, UK_9P_VERSION);
	rc = rpc(dev);
	dev->tag = 0;
	if (rc < 0)
		return rc;
	msize = uk_9p_get32(&dev->rep);
	uk_9p_getstr(&dev->rep, &v);
	if (rep_ok(dev) < 0)
		return -EIO;
	if (v.len != strlen(UK_9P_VERSION) ||
	    memcmp(v.s, UK_9P_VERSION, v.len) != 0) {
		uk_pr_err("uk9p: %s: server speaks \"%.*s\", not "
			  UK_9P_VERSION "\n", dev->trans->tag, v.len, v.s);
		return -EPROTO;
	}
	if (msize < UK_9P_MSIZE_MIN || msize > dev->msize) {
		uk_pr_err("uk9p: %s: server msize %u outside %u..%u\n",
			  dev->trans->tag, msize, UK_9P_MSIZE_MIN,
			  dev->msize);
		return -EPROTO;
	}
	dev->msize = msize;
	/* Requests and replies never exceed it from now on. */
	dev->req.cap = dev->rep.cap = msize;
	return 0;
}

static int attach(struct uk_9pdev *dev, const char *aname)
{
	struct uk_9p_msg *m;
	int rc;

	rc = fid_alloc(dev, &dev->root_fid);
	if (rc < 0)
		return rc;
	m = req_begin(dev, UK_9P_TATTACH);
	uk_9p_put32(m, dev->root_fid);
	uk_9p_put32(m, UK_9P_NOFID);	/* no authentication */
	uk_9p_putstr(m, "root");
	uk_9p_putstr(m, aname);
	uk_9p_put32(m, 0);		/* n_uname: uid 0 */
	rc = qid_rpc_done(dev, &dev->root_qid);
	if (rc < 0)
		fid_free(dev, dev->root_fid);
	return rc;
}

static void dev_free(struct uk_9pdev *dev)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc *ta = dev->trans->a ? : a;

	dev->trans->connected = false;
	/* A dead transport may still have the device write them: leaked. */
	if (!dev->dead) {
		uk_free(ta, dev->req.buf);
		uk_free(ta, dev->rep.buf);
	}
	uk_free(a, dev->fid_map);
	uk_free(a, dev);
}

struct uk_9pdev *uk_9pdev_connect(const char *tag, const char *aname,
				  int *rc)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_9p_trans *t = uk_9p_trans_find(tag);
	struct uk_alloc *ta;
	struct uk_9pdev *dev;
	__u32 msize = CONFIG_LIBUK9P_MSIZE;

	if (!t) {
		*rc = -ENODEV;
		return NULL;
	}
	if (t->connected) {
		*rc = -EBUSY;
		return NULL;
	}
	if (t->max_msize && t->max_msize < msize)
		msize = t->max_msize;
	ta = t->a ? : a;
	dev = uk_calloc(a, 1, sizeof(*dev));
	if (!dev) {
		*rc = -ENOMEM;
		return NULL;
	}
	dev->trans = t;
	t->connected = true;
	dev->msize = msize;
	dev->nb_fids = ALIGN_UP(CONFIG_LIBUK9P_MAXFIDS, FID_BITS);
	dev->fid_map = uk_calloc(a, dev->nb_fids / FID_BITS, sizeof(__u32));
	dev->req.buf = uk_malloc(ta, msize);
	dev->rep.buf = uk_malloc(ta, msize);
	if (!dev->fid_map || !dev->req.buf || !dev->rep.buf) {
		*rc = -ENOMEM;
		goto err_free;
	}
	dev->req.cap = dev->rep.cap = msize;
	*rc = version(dev);
	if (*rc < 0)
		goto err_free;
	*rc = attach(dev, aname);
	if (*rc < 0)
		goto err_free;
	return dev;

err_free:
	dev_free(dev);
	return NULL;
}

void uk_9pdev_disconnect(struct uk_9pdev *dev)
{
	uk_9p_clunk(dev, dev->root_fid);
	dev_free(dev);
}

/* ---- files ---- */

int uk_9p_walk(struct uk_9pdev *dev, __u32 fid, const char *name,
	       __u32 *newfid, struct uk_9p_qid *qid)
{
	bool clone = !name || !name[0];
	struct uk_9p_msg *m;
	__u16 nwqid;
	int rc;

	rc = fid_alloc(dev, newfid);
	if (rc < 0)
		return rc;
	m = req_begin(dev, UK_9P_TWALK);
	uk_9p_put32(m, fid);
	uk_9p_put32(m, *newfid);
	uk_9p_put16(m, clone ? 0 : 1);
	if (!clone)
		uk_9p_putstr(m, name);
	rc = rpc(dev);
	if (rc < 0)
		goto err_free;
	nwqid = uk_9p_get16(&dev->rep);
	rc = rep_ok(dev);
	if (rc < 0)
		goto err_free;
	/* One name walks to one qid; fewer: the name is not there (and
	 * newfid was not made, walk(5)).
	 */
	if (nwqid != (clone ? 0 : 1)) {
		rc = nwqid < 1 ? -ENOENT : -EIO;
		goto err_free;
	}
	if (!clone) {
		struct uk_9p_qid q;

		uk_9p_getqid(&dev->rep, qid ? qid : &q);
		if (rep_ok(dev) < 0) {
			/* the server made newfid: let it go */
			uk_9p_clunk(dev, *newfid);
			return -EIO;
		}
	} else if (qid) {
		memset(qid, 0, sizeof(*qid));
	}
	return 0;

err_free:
	fid_free(dev, *newfid);
	return rc;
}

int uk_9p_lopen(struct uk_9pdev *dev, __u32 fid, __u32 flags,
		struct uk_9p_qid *qid)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TLOPEN);

	uk_9p_put32(m, fid);
	uk_9p_put32(m, flags);
	/* Rlopen: qid[13] iounit[4]; iounit unused, msize bounds I/O. */
	return qid_rpc_done(dev, qid);
}

int uk_9p_lcreate(struct uk_9pdev *dev, __u32 fid, const char *name,
		  __u32 flags, __u32 mode, __u32 gid, struct uk_9p_qid *qid)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TLCREATE);

	uk_9p_put32(m, fid);
	uk_9p_putstr(m, name);
	uk_9p_put32(m, flags);
	uk_9p_put32(m, mode);
	uk_9p_put32(m, gid);
	return qid_rpc_done(dev, qid);
}

__ssz uk_9p_read(struct uk_9pdev *dev, __u32 fid, __u64 offset, void *buf,
		 __sz count)
{
	__sz done = 0;
	__u32 chunk, n;
	const void *data;
	int rc;

	while (done < count) {
		struct uk_9p_msg *m = req_begin(dev, UK_9P_TREAD);

		chunk = (__u32)MIN(count - done, (__sz)uk_9pdev_iosize(dev));
		uk_9p_put32(m, fid);
		uk_9p_put64(m, offset + done);
		uk_9p_put32(m, chunk);
		rc = rpc(dev);
		if (rc < 0)
			return done ? (__ssz)done : rc;
		n = uk_9p_get32(&dev->rep);
		data = uk_9p_getdata(&dev->rep, n);
		/* never more than asked, never past the reply */
		if (!data || n > chunk)
			return done ? (__ssz)done : -EIO;
		memcpy((char *)buf + done, data, n);
		done += n;
		if (n < chunk)
			break;
	}
	return (__ssz)done;
}

__ssz uk_9p_write(struct uk_9pdev *dev, __u32 fid, __u64 offset,
		  const void *buf, __sz count)
{
	__sz done = 0;
	__u32 chunk, n;
	int rc;

	while (done < count) {
		struct uk_9p_msg *m = req_begin(dev, UK_9P_TWRITE);

		chunk = (__u32)MIN(count - done, (__sz)uk_9pdev_iosize(dev));
		uk_9p_put32(m, fid);
		uk_9p_put64(m, offset + done);
		uk_9p_put32(m, chunk);
		uk_9p_putdata(m, (const char *)buf + done, chunk);
		rc = rpc(dev);
		if (rc < 0)
			return done ? (__ssz)done : rc;
		n = uk_9p_get32(&dev->rep);
		if (rep_ok(dev) < 0 || n > chunk)
			return done ? (__ssz)done : -EIO;
		done += n;
		/* a short write (disk full) ends it; 0 would loop forever */
		if (n < chunk)
			break;
	}
	return (__ssz)done;
}

int uk_9p_clunk(struct uk_9pdev *dev, __u32 fid)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TCLUNK);

	uk_9p_put32(m, fid);
	/* clunk(5): the fid is gone even when the server says error */
	fid_free(dev, fid);
	return simple_rpc_done(dev);
}

int uk_9p_getattr(struct uk_9pdev *dev, __u32 fid, __u64 mask,
		  struct uk_9p_attr *attr)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TGETATTR);
	struct uk_9p_msg *r = &dev->rep;
	int rc;

	uk_9p_put32(m, fid);
	uk_9p_put64(m, mask);
	rc = rpc(dev);
	if (rc < 0)
		return rc;
	attr->valid = uk_9p_get64(r);
	uk_9p_getqid(r, &attr->qid);
	attr->mode = uk_9p_get32(r);
	attr->uid = uk_9p_get32(r);
	attr->gid = uk_9p_get32(r);
	attr->nlink = uk_9p_get64(r);
	attr->rdev = uk_9p_get64(r);
	attr->size = uk_9p_get64(r);
	attr->blksize = uk_9p_get64(r);
	attr->blocks = uk_9p_get64(r);
	attr->atime_sec = uk_9p_get64(r);
	attr->atime_nsec = uk_9p_get64(r);
	attr->mtime_sec = uk_9p_get64(r);
	attr->mtime_nsec = uk_9p_get64(r);
	attr->ctime_sec = uk_9p_get64(r);
	attr->ctime_nsec = uk_9p_get64(r);
	/* btime[16] gen[8] data_version[8] follow: reserved, not read */
	return rep_ok(dev);
}

int uk_9p_setattr(struct uk_9pdev *dev, __u32 fid,
		  const struct uk_9p_setattr *attr)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TSETATTR);

	uk_9p_put32(m, fid);
	uk_9p_put32(m, attr->valid);
	uk_9p_put32(m, attr->mode);
	uk_9p_put32(m, attr->uid);
	uk_9p_put32(m, attr->gid);
	uk_9p_put64(m, attr->size);
	uk_9p_put64(m, attr->atime_sec);
	uk_9p_put64(m, attr->atime_nsec);
	uk_9p_put64(m, attr->mtime_sec);
	uk_9p_put64(m, attr->mtime_nsec);
	return simple_rpc_done(dev);
}

__ssz uk_9p_readdir(struct uk_9pdev *dev, __u32 fid, __u64 offset,
		    void *buf, __u32 count)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TREADDIR);
	const void *data;
	__u32 n;
	int rc;

	count = MIN(count, uk_9pdev_iosize(dev));
	uk_9p_put32(m, fid);
	uk_9p_put64(m, offset);
	uk_9p_put32(m, count);
	rc = rpc(dev);
	if (rc < 0)
		return rc;
	n = uk_9p_get32(&dev->rep);
	data = uk_9p_getdata(&dev->rep, n);
	if (!data || n > count)
		return -EIO;
	memcpy(buf, data, n);
	return n;
}

int uk_9p_mkdir(struct uk_9pdev *dev, __u32 dfid, const char *name,
		__u32 mode, __u32 gid, struct uk_9p_qid *qid)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TMKDIR);

	uk_9p_put32(m, dfid);
	uk_9p_putstr(m, name);
	uk_9p_put32(m, mode);
	uk_9p_put32(m, gid);
	return qid_rpc_done(dev, qid);
}

int uk_9p_unlinkat(struct uk_9pdev *dev, __u32 dfid, const char *name,
		   __u32 flags)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TUNLINKAT);

	uk_9p_put32(m, dfid);
	uk_9p_putstr(m, name);
	uk_9p_put32(m, flags);
	return simple_rpc_done(dev);
}

int uk_9p_renameat(struct uk_9pdev *dev, __u32 olddfid, const char *oldname,
		   __u32 newdfid, const char *newname)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TRENAMEAT);

	uk_9p_put32(m, olddfid);
	uk_9p_putstr(m, oldname);
	uk_9p_put32(m, newdfid);
	uk_9p_putstr(m, newname);
	return simple_rpc_done(dev);
}

int uk_9p_fsync(struct uk_9pdev *dev, __u32 fid)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TFSYNC);

	uk_9p_put32(m, fid);
	uk_9p_put32(m, 0);	/* datasync: 0, a full fsync (QEMU reads it) */
	return simple_rpc_done(dev);
}

int uk_9p_statfs(struct uk_9pdev *dev, __u32 fid, struct uk_9p_statfs *st)
{
	struct uk_9p_msg *m = req_begin(dev, UK_9P_TSTATFS);
	struct uk_9p_msg *r = &dev->rep;
	int rc;

	uk_9p_put32(m, fid);
	rc = rpc(dev);
	if (rc < 0)
		return rc;
	st->type = uk_9p_get32(r);
	st->bsize = uk_9p_get32(r);
	st->blocks = uk_9p_get64(r);
	st->bfree = uk_9p_get64(r);
	st->bavail = uk_9p_get64(r);
	st->files = uk_9p_get64(r);
	st->ffree = uk_9p_get64(r);
	st->fsid = uk_9p_get64(r);
	st->namelen = uk_9p_get32(r);
	return rep_ok(dev);
}
