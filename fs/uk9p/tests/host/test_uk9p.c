/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host-side test of uk9p (msg.c, trans.c, client.c) against a fake 9P
 * server in the same process: message encoding, reply header checks,
 * Rreaddir parsing, session set-up and its errors, reads and writes split
 * at msize, error codes, a failed transport, and a fuzz round of random
 * and mutated replies to every request type. Built with the host's gcc
 * under ASan and UBSan; the bytes of the reply buffer past what the fake
 * transport delivered are poisoned, so a read past a reply is caught.
 * One line per case, then "N passed, N failed, 0 skipped".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sanitizer/asan_interface.h>
#include <uk/alloc.h>
#include <uk/9p.h>

static int checks, checks_failed, passed, failed;

#define CHECK(cond)							\
	do {								\
		checks++;						\
		if (!(cond)) {						\
			checks_failed++;				\
			printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,	\
			       #cond);					\
		}							\
	} while (0)

/* --- what uk9p needs from the core --- */
static void *h_malloc(struct uk_alloc *a, size_t s)
{
	(void)a;
	return malloc(s);
}

static void h_free(struct uk_alloc *a, void *p)
{
	(void)a;
	free(p);
}

static struct uk_alloc host_alloc = { .malloc = h_malloc, .free = h_free };

struct uk_alloc *uk_alloc_get_default(void)
{
	return &host_alloc;
}

void *uk_calloc(struct uk_alloc *a, size_t n, size_t size)
{
	void *p = uk_malloc(a, n * size);

	if (p)
		memset(p, 0, n * size);
	return p;
}

void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int srcline, const char *fmt, ...)
{
	(void)lvl; (void)libname; (void)srcname; (void)srcline; (void)fmt;
}

/* --- the fake server --- */
enum mode {
	GOOD,		/* answers like a server */
	BAD_VERSION,	/* Rversion "9P2000.u" */
	SMALL_MSIZE,	/* Rversion msize 1024 */
	OVERLONG_READ,	/* Rread count over the asked count */
	RANDOM,		/* random bytes, random length */
	MUTATE,		/* a good reply with bytes and length changed */
	TRANS_FAIL,	/* the transport fails */
};

static enum mode mode;
static __u32 srv_msize = 8192;	/* what Rversion lowers msize to */
static unsigned char file[300000];	/* the one file, "f" */
static unsigned int nb_requests, nb_reads, max_read_count;
static __u8 last_type;

static void srv_reply(struct uk_9p_msg *r, __u8 type, __u16 tag,
		      struct uk_9p_msg *q)
{
	struct uk_9p_str s;
	__u64 off;
	__u32 cnt, fid;

	uk_9p_msg_begin(r, UK_9P_R(type), tag);
	switch (type) {
	case UK_9P_TVERSION:
		uk_9p_get32(q);
		uk_9p_put32(r, mode == SMALL_MSIZE ? 1024 : srv_msize);
		uk_9p_putstr(r, mode == BAD_VERSION ? "9P2000.u" : "9P2000.L");
		break;
	case UK_9P_TWALK:
		uk_9p_get32(q);
		uk_9p_get32(q);
		if (uk_9p_get16(q) == 0) {
			uk_9p_put16(r, 0);
			break;
		}
		uk_9p_getstr(q, &s);
		if (s.len != 1 || s.s[0] != 'f') {
			uk_9p_msg_begin(r, UK_9P_RLERROR, tag);
			uk_9p_put32(r, ENOENT);
			break;
		}
		uk_9p_put16(r, 1);
		/* then the qid */
		__attribute__((fallthrough));
	case UK_9P_TATTACH:
	case UK_9P_TMKDIR:
		uk_9p_put8(r, 0);
		uk_9p_put32(r, 1);
		uk_9p_put64(r, 42);
		break;
	case UK_9P_TLOPEN:
	case UK_9P_TLCREATE:
		uk_9p_put8(r, 0);
		uk_9p_put32(r, 1);
		uk_9p_put64(r, 42);
		uk_9p_put32(r, 0);
		break;
	case UK_9P_TREAD:
		fid = uk_9p_get32(q);
		(void)fid;
		off = uk_9p_get64(q);
		cnt = uk_9p_get32(q);
		nb_reads++;
		if (cnt > max_read_count)
			max_read_count = cnt;
		if (off > sizeof(file))
			off = sizeof(file);
		if (cnt > sizeof(file) - off)
			cnt = (__u32)(sizeof(file) - off);
		if (mode == OVERLONG_READ) {
			uk_9p_put32(r, cnt + 1);
			uk_9p_putdata(r, file + off, cnt);
			uk_9p_put8(r, 0);
			break;
		}
		uk_9p_put32(r, cnt);
		uk_9p_putdata(r, file + off, cnt);
		break;
	case UK_9P_TWRITE:
		uk_9p_get32(q);
		off = uk_9p_get64(q);
		cnt = uk_9p_get32(q);
		if (off + cnt <= sizeof(file) && uk_9p_getdata(q, cnt))
			memcpy(file + off, q->buf + q->pos - cnt, cnt);
		uk_9p_put32(r, cnt);
		break;
	case UK_9P_TGETATTR:
		uk_9p_put64(r, UK_9P_GETATTR_BASIC);
		uk_9p_put8(r, 0);
		uk_9p_put32(r, 1);
		uk_9p_put64(r, 42);
		uk_9p_put32(r, 0100644);
		for (cnt = 0; cnt < 2; cnt++)
			uk_9p_put32(r, 0);
		for (cnt = 0; cnt < 16; cnt++)
			uk_9p_put64(r, cnt == 2 ? sizeof(file) : cnt);
		break;
	case UK_9P_TREADDIR:
		uk_9p_put32(r, 2 * (13 + 8 + 1 + 2) + 1 + 2);
		uk_9p_put8(r, 0x80);
		uk_9p_put32(r, 0);
		uk_9p_put64(r, 1);
		uk_9p_put64(r, 1);
		uk_9p_put8(r, 4);
		uk_9p_putstr(r, ".");
		uk_9p_put8(r, 0);
		uk_9p_put32(r, 0);
		uk_9p_put64(r, 42);
		uk_9p_put64(r, 2);
		uk_9p_put8(r, 8);
		uk_9p_putstr(r, "fg");
		break;
	case UK_9P_TSTATFS:
		uk_9p_put32(r, 0x01021997);
		uk_9p_put32(r, 4096);
		for (cnt = 0; cnt < 6; cnt++)
			uk_9p_put64(r, cnt);
		uk_9p_put32(r, 255);
		break;
	default:		/* clunk, setattr, unlinkat, ...: empty */
		break;
	}
}

static int fake_request(struct uk_9p_trans *t, const void *req,
			__u32 req_len, void *rep, __u32 rep_cap,
			__u32 *rep_len)
{
	struct uk_9p_msg q = { .buf = (__u8 *)req, .cap = req_len,
			       .len = req_len };
	struct uk_9p_msg r = { .buf = rep, .cap = rep_cap };
	__u32 size, i;
	__u16 tag;

	(void)t;
	nb_requests++;
	if (mode == TRANS_FAIL)
		return -EIO;
	ASAN_UNPOISON_MEMORY_REGION(rep, rep_cap);
	/* the request is well-formed: its size field is its length */
	size = uk_9p_get32(&q);
	last_type = uk_9p_get8(&q);
	tag = uk_9p_get16(&q);
	CHECK(size == req_len && !q.err);
	srv_reply(&r, last_type, tag, &q);
	*rep_len = (__u32)uk_9p_msg_end(&r);
	if (mode == RANDOM) {
		*rep_len = (__u32)(random() % 64);
		for (i = 0; i < *rep_len; i++)
			((__u8 *)rep)[i] = (__u8)random();
		/* a plausible header now and then, so bodies get parsed */
		if (*rep_len >= 7 && random() % 2) {
			r.len = 0;
			uk_9p_put32(&r, *rep_len);
			uk_9p_put8(&r, UK_9P_R(last_type));
			uk_9p_put16(&r, tag);
		}
	} else if (mode == MUTATE) {
		for (i = 0; i < 3; i++)
			((__u8 *)rep)[random() % *rep_len] = (__u8)random();
		*rep_len -= (__u32)(random() % (*rep_len + 1));
	}
	/* what was not delivered may not be read */
	ASAN_POISON_MEMORY_REGION((__u8 *)rep + *rep_len,
				  rep_cap - *rep_len);
	return 0;
}

static const struct uk_9p_trans_ops fake_ops = { .request = fake_request };
static struct uk_9p_trans fake = { .tag = "fs0", .ops = &fake_ops };

/* --- cases --- */
static void case_msg_encoding(void)
{
	static const __u8 want[] = {
		21, 0, 0, 0, UK_9P_TVERSION, 0xff, 0xff, 0, 0x20, 0, 0,
		8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L',
	};
	__u8 buf[64], small[9];
	struct uk_9p_msg m = { .buf = buf, .cap = sizeof(buf) };
	char *big = malloc(70000);

	uk_9p_msg_begin(&m, UK_9P_TVERSION, UK_9P_NOTAG);
	uk_9p_put32(&m, 8192);
	uk_9p_putstr(&m, "9P2000.L");
	CHECK(uk_9p_msg_end(&m) == (int)sizeof(want));
	CHECK(memcmp(buf, want, sizeof(want)) == 0);

	/* one that does not fit: an error, and nothing written past cap */
	m.buf = small;
	m.cap = sizeof(small);
	uk_9p_msg_begin(&m, UK_9P_TWALK, 1);
	uk_9p_put32(&m, 1);
	uk_9p_put8(&m, 2);
	CHECK(m.err == -EIO && m.len == 7);
	CHECK(uk_9p_msg_end(&m) == -EIO);

	memset(big, 'a', 69999);
	big[69999] = '\0';
	m.buf = buf;
	m.cap = sizeof(buf);
	uk_9p_msg_begin(&m, UK_9P_TWALK, 1);
	uk_9p_putstr(&m, big);
	CHECK(uk_9p_msg_end(&m) == -ENAMETOOLONG);
	big[100] = '\0';	/* fits the 16-bit length, not the message */
	uk_9p_msg_begin(&m, UK_9P_TWALK, 1);
	uk_9p_putstr(&m, big);
	CHECK(uk_9p_msg_end(&m) == -ENAMETOOLONG);
	free(big);
}

/* A reply of @p n bytes in an exactly sized heap buffer (ASan). */
static int reply_check(const __u8 *bytes, __u32 n, __u32 got, __u8 rtype,
		       __u16 tag)
{
	__u8 *b = malloc(n ? n : 1);
	struct uk_9p_msg m = { .buf = b, .cap = n };
	int rc;

	memcpy(b, bytes, n);
	rc = uk_9p_reply_begin(&m, got, rtype, tag);
	if (rc == 0) {	/* read the body as far as it goes */
		while (!m.err)
			uk_9p_get8(&m);
		CHECK(m.pos <= m.len && m.len <= n);
	}
	free(b);
	return rc;
}

static void case_reply_header(void)
{
	const __u8 ok[] = { 9, 0, 0, 0, 121, 5, 0, 1, 2 };
	const __u8 ok8[] = { 8, 0, 0, 0, 121, 5, 0, 1, 0xee };
	const __u8 lerr[] = { 11, 0, 0, 0, UK_9P_RLERROR, 5, 0, 2, 0, 0, 0 };
	const __u8 lerr0[] = { 11, 0, 0, 0, UK_9P_RLERROR, 5, 0, 0, 0, 0, 0 };
	const __u8 lerrbig[] = { 11, 0, 0, 0, UK_9P_RLERROR, 5, 0,
				 0, 0, 1, 0 };
	const __u8 lshort[] = { 9, 0, 0, 0, UK_9P_RLERROR, 5, 0, 2, 0 };
	const __u8 small[] = { 6, 0, 0, 0, 121, 5, 0 };
	const __u8 huge[] = { 0xff, 0xff, 0xff, 0xff, 121, 5, 0 };

	CHECK(reply_check(ok, 9, 9, 121, 5) == 0);
	/* a transport may report more than the declared size */
	CHECK(reply_check(ok8, 9, 9, 121, 5) == 0);
	CHECK(reply_check(ok, 9, 6, 121, 5) == -EIO);	/* short */
	CHECK(reply_check(ok, 9, 8, 121, 5) == -EIO);	/* size > got */
	CHECK(reply_check(ok, 9, 10, 121, 5) == -EIO);	/* got > cap */
	CHECK(reply_check(ok, 9, 9, 121, 6) == -EIO);	/* other tag */
	CHECK(reply_check(ok, 9, 9, 111, 5) == -EIO);	/* other type */
	CHECK(reply_check(lerr, 11, 11, 121, 5) == -ENOENT);
	CHECK(reply_check(lerr0, 11, 11, 121, 5) == -EIO);
	CHECK(reply_check(lerrbig, 11, 11, 121, 5) == -EIO);
	CHECK(reply_check(lshort, 9, 9, 121, 5) == -EIO);
	CHECK(reply_check(small, 7, 7, 121, 5) == -EIO);
	CHECK(reply_check(huge, 7, 7, 121, 5) == -EIO);
	CHECK(reply_check(ok, 0, 0, 121, 5) == -EIO);
}

static void case_dirent(void)
{
	__u8 b[64];
	struct uk_9p_msg m = { .buf = b, .cap = sizeof(b) };
	struct uk_9p_dirent de;
	__u32 pos = 0, len;

	uk_9p_getqid(&m, &de.qid);	/* sets m.err: nothing to read */
	CHECK(m.err == -EIO && de.qid.path == 0);
	m.err = 0;
	uk_9p_put8(&m, 0x80);
	uk_9p_put32(&m, 7);
	uk_9p_put64(&m, 99);
	uk_9p_put64(&m, 1234);
	uk_9p_put8(&m, 4);
	uk_9p_putstr(&m, "dir");
	len = m.len;
	CHECK(uk_9p_dirent_next(b, len, &pos, &de) == 1);
	CHECK(de.qid.type == 0x80 && de.qid.version == 7 &&
	      de.qid.path == 99 && de.offset == 1234 && de.type == 4 &&
	      de.name.len == 3 && memcmp(de.name.s, "dir", 3) == 0);
	CHECK(pos == len);
	CHECK(uk_9p_dirent_next(b, len, &pos, &de) == 0);
	pos = 0;
	CHECK(uk_9p_dirent_next(b, len - 1, &pos, &de) == -EIO);
	CHECK(pos == 0);
	b[len - 5] = 0;		/* name length 0 */
	b[len - 4] = 0;
	CHECK(uk_9p_dirent_next(b, len - 3, &pos, &de) == -EIO);
	pos = 100;
	CHECK(uk_9p_dirent_next(b, len, &pos, &de) == 0);
}

static void case_connect(void)
{
	struct uk_9pdev *dev, *dev2;
	int rc;

	mode = GOOD;
	CHECK(uk_9pdev_connect("nope", "", &rc) == NULL && rc == -ENODEV);
	dev = uk_9pdev_connect("fs0", "", &rc);
	CHECK(dev && rc == 0);
	if (!dev)
		return;
	CHECK(dev->msize == srv_msize);
	CHECK(dev->root_qid.path == 42);
	dev2 = uk_9pdev_connect("fs0", "", &rc);
	CHECK(!dev2 && rc == -EBUSY);
	uk_9pdev_disconnect(dev);

	mode = BAD_VERSION;
	CHECK(!uk_9pdev_connect("fs0", "", &rc) && rc == -EPROTO);
	mode = SMALL_MSIZE;
	CHECK(!uk_9pdev_connect("fs0", "", &rc) && rc == -EPROTO);
	mode = TRANS_FAIL;
	CHECK(!uk_9pdev_connect("fs0", "", &rc) && rc == -EIO);
	/* the failures left the transport free */
	mode = GOOD;
	dev = uk_9pdev_connect("fs0", "", &rc);
	CHECK(dev != NULL);
	if (dev)
		uk_9pdev_disconnect(dev);
}

static void case_io(void)
{
	static unsigned char buf[sizeof(file) + 100];
	struct uk_9p_attr at;
	struct uk_9p_qid qid;
	struct uk_9pdev *dev;
	__u32 fid, fid2, i;
	int rc;

	mode = GOOD;
	for (i = 0; i < sizeof(file); i++)
		file[i] = (unsigned char)(i * 7 + (i >> 9));
	dev = uk_9pdev_connect("fs0", "", &rc);
	CHECK(dev != NULL);
	if (!dev)
		return;
	CHECK(uk_9p_walk(dev, dev->root_fid, "x", &fid, &qid) == -ENOENT);
	CHECK(uk_9p_walk(dev, dev->root_fid, "f", &fid, &qid) == 0);
	CHECK(qid.path == 42 && fid != dev->root_fid);
	CHECK(uk_9p_walk(dev, dev->root_fid, NULL, &fid2, NULL) == 0);
	CHECK(fid2 != fid);
	CHECK(uk_9p_clunk(dev, fid2) == 0);
	CHECK(uk_9p_getattr(dev, fid, UK_9P_GETATTR_BASIC, &at) == 0);
	CHECK(at.size == sizeof(file) && at.mode == 0100644);
	CHECK(uk_9p_lopen(dev, fid, 2, NULL) == 0);

	/* whole file in msize-sized pieces, short read at the end */
	nb_reads = max_read_count = 0;
	CHECK(uk_9p_read(dev, fid, 0, buf, sizeof(buf)) ==
	      (__ssz)sizeof(file));
	CHECK(memcmp(buf, file, sizeof(file)) == 0);
	CHECK(max_read_count == srv_msize - UK_9P_IOHDR_LEN);
	CHECK(nb_reads == sizeof(file) / max_read_count + 1);
	CHECK(uk_9p_read(dev, fid, sizeof(file), buf, 10) == 0);

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)~i;
	CHECK(uk_9p_write(dev, fid, 1000, buf, 100000) == 100000);
	CHECK(memcmp(file + 1000, buf, 100000) == 0);

	mode = OVERLONG_READ;
	CHECK(uk_9p_read(dev, fid, 0, buf, 100) == -EIO);
	mode = GOOD;
	CHECK(uk_9p_readdir(dev, fid, 0, buf, 4096) == 2 * 24 + 3);
	CHECK(uk_9p_mkdir(dev, dev->root_fid, "d", 0755, 0, &qid) == 0);
	CHECK(uk_9p_unlinkat(dev, dev->root_fid, "d", 0) == 0);
	CHECK(uk_9p_clunk(dev, fid) == 0);

	/* a failed transport ends the session: no request goes out */
	mode = TRANS_FAIL;
	CHECK(uk_9p_walk(dev, dev->root_fid, "f", &fid, NULL) == -EIO);
	nb_requests = 0;
	mode = GOOD;
	CHECK(uk_9p_walk(dev, dev->root_fid, "f", &fid, NULL) == -EIO);
	CHECK(uk_9p_read(dev, dev->root_fid, 0, buf, 10) == -EIO);
	CHECK(nb_requests == 0);
	uk_9pdev_disconnect(dev);
}

static void case_fid_exhaustion(void)
{
	struct uk_9pdev *dev;
	__u32 fid, n = 0;
	int rc;

	mode = GOOD;
	dev = uk_9pdev_connect("fs0", "", &rc);
	CHECK(dev != NULL);
	if (!dev)
		return;
	while (uk_9p_walk(dev, dev->root_fid, NULL, &fid, NULL) == 0)
		n++;
	CHECK(n == CONFIG_LIBUK9P_MAXFIDS - 1);	/* the root has one */
	CHECK(uk_9p_walk(dev, dev->root_fid, NULL, &fid, NULL) == -ENFILE);
	CHECK(uk_9p_clunk(dev, 5) == 0);
	CHECK(uk_9p_walk(dev, dev->root_fid, NULL, &fid, NULL) == 0);
	CHECK(fid == 5);
	uk_9pdev_disconnect(dev);
}

/* Every request type against random and mutated replies: results stay
 * in range, and ASan/UBSan see no read outside a reply.
 */
static void case_fuzz(void)
{
	static unsigned char buf[20000];
	struct uk_9p_setattr sa = { .valid = UK_9P_SETATTR_SIZE };
	struct uk_9p_statfs sf;
	struct uk_9p_attr at;
	struct uk_9p_dirent de;
	struct uk_9pdev *dev;
	unsigned int round, bad = 0, errs = 0;
	__u32 fid, pos;
	__ssz n;
	int rc;

	srandom(1);
	mode = GOOD;
	dev = uk_9pdev_connect("fs0", "", &rc);
	CHECK(dev != NULL);
	if (!dev)
		return;
	for (round = 0; round < 40000; round++) {
		mode = round % 2 ? RANDOM : MUTATE;
		switch (round % 12) {
		case 0:
			rc = uk_9p_walk(dev, dev->root_fid, "f", &fid, NULL);
			if (rc == 0)
				uk_9p_clunk(dev, fid);
			break;
		case 1:
			n = uk_9p_read(dev, dev->root_fid, 0, buf,
				       sizeof(buf));
			bad += n > (__ssz)sizeof(buf);
			rc = n < 0 ? (int)n : 0;
			break;
		case 2:
			n = uk_9p_write(dev, dev->root_fid, 0, buf, 5000);
			bad += n > 5000;
			rc = n < 0 ? (int)n : 0;
			break;
		case 3:
			rc = uk_9p_getattr(dev, dev->root_fid,
					   UK_9P_GETATTR_BASIC, &at);
			break;
		case 4:
			n = uk_9p_readdir(dev, dev->root_fid, 0, buf, 4096);
			bad += n > 4096;
			pos = 0;
			while (n > 0 && uk_9p_dirent_next(buf, (__u32)n, &pos,
							  &de) == 1)
				bad += pos > n;
			rc = n < 0 ? (int)n : 0;
			break;
		case 5:
			rc = uk_9p_statfs(dev, dev->root_fid, &sf);
			break;
		case 6:
			rc = uk_9p_lopen(dev, dev->root_fid, 0, NULL);
			break;
		case 7:
			rc = uk_9p_lcreate(dev, dev->root_fid, "n", 0, 0644,
					   0, NULL);
			break;
		case 8:
			rc = uk_9p_mkdir(dev, dev->root_fid, "d", 0755, 0,
					 NULL);
			break;
		case 9:
			rc = uk_9p_renameat(dev, dev->root_fid, "a",
					    dev->root_fid, "b");
			break;
		case 10:
			rc = uk_9p_setattr(dev, dev->root_fid, &sa);
			break;
		default:
			rc = uk_9p_fsync(dev, dev->root_fid);
			break;
		}
		bad += rc > 0 || rc < -4095;
		errs += rc < 0;
	}
	CHECK(bad == 0);
	CHECK(errs > 0);	/* the garbage was noticed */
	mode = GOOD;
	uk_9pdev_disconnect(dev);
}

static void run(const char *name, void (*fn)(void))
{
	checks = checks_failed = 0;
	fn();
	if (checks_failed) {
		failed++;
		printf("FAIL  %s (%d of %d checks)\n", name, checks_failed,
		       checks);
	} else {
		passed++;
		printf("ok    %s (%d checks)\n", name, checks);
	}
}

int main(void)
{
	if (uk_9p_trans_register(&fake) < 0 ||
	    uk_9p_trans_register(&fake) != -EEXIST) {
		printf("transport registration failed\n");
		return 1;
	}
	run("uk9p.msg_encoding", case_msg_encoding);
	run("uk9p.reply_header", case_reply_header);
	run("uk9p.dirent", case_dirent);
	run("uk9p.connect", case_connect);
	run("uk9p.io_split_at_msize", case_io);
	run("uk9p.fid_exhaustion", case_fid_exhaustion);
	run("uk9p.fuzz_replies", case_fuzz);
	printf("%d passed, %d failed, 0 skipped\n", passed, failed);
	return failed ? 1 : 0;
}
