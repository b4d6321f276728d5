/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P message marshalling and bounds-checked parsing (see <uk/9p_msg.h>).
 * x86-64 is little-endian like the wire, but bytes are still assembled
 * one by one: replies are untrusted and need not be aligned.
 */
#include <errno.h>
#include <string.h>
#include <uk/9p_msg.h>

/* Room for @p n more bytes at the write end? Sets the error otherwise. */
static __u8 *msg_room(struct uk_9p_msg *m, __u32 n, int err)
{
	__u8 *p;

	if (m->err)
		return NULL;
	if (n > m->cap - m->len) {
		m->err = err;
		return NULL;
	}
	p = m->buf + m->len;
	m->len += n;
	return p;
}

static void put_le(struct uk_9p_msg *m, __u64 v, unsigned int n)
{
	__u8 *p = msg_room(m, n, -EIO);
	unsigned int i;

	if (!p)
		return;
	for (i = 0; i < n; i++)
		p[i] = (__u8)(v >> (8 * i));
}

void uk_9p_put8(struct uk_9p_msg *m, __u8 v)
{
	put_le(m, v, 1);
}

void uk_9p_put16(struct uk_9p_msg *m, __u16 v)
{
	put_le(m, v, 2);
}

void uk_9p_put32(struct uk_9p_msg *m, __u32 v)
{
	put_le(m, v, 4);
}

void uk_9p_put64(struct uk_9p_msg *m, __u64 v)
{
	put_le(m, v, 8);
}

void uk_9p_putstr(struct uk_9p_msg *m, const char *s)
{
	__sz n = strlen(s);
	__u8 *p;

	if (n > 0xffff) {
		if (!m->err)
			m->err = -ENAMETOOLONG;
		return;
	}
	uk_9p_put16(m, (__u16)n);
	/* A name that does not fit the message is too long for it. */
	p = msg_room(m, (__u32)n, -ENAMETOOLONG);
	if (p)
		memcpy(p, s, n);
}

void uk_9p_putdata(struct uk_9p_msg *m, const void *data, __u32 len)
{
	__u8 *p = msg_room(m, len, -EIO);

	if (p)
		memcpy(p, data, len);
}

void uk_9p_msg_begin(struct uk_9p_msg *m, __u8 type, __u16 tag)
{
	m->len = 0;
	m->pos = 0;
	m->err = 0;
	uk_9p_put32(m, 0);	/* size, written by uk_9p_msg_end() */
	uk_9p_put8(m, type);
	uk_9p_put16(m, tag);
}

int uk_9p_msg_end(struct uk_9p_msg *m)
{
	__u32 len = m->len;

	if (m->err)
		return m->err;
	m->len = 0;
	uk_9p_put32(m, len);
	m->len = len;
	return (int)len;
}

/* The next @p n bytes of the reply, or NULL (and the error) if short. */
static const __u8 *msg_take(struct uk_9p_msg *m, __u32 n)
{
	const __u8 *p;

	if (m->err)
		return NULL;
	if (n > m->len - m->pos) {
		m->err = -EIO;
		return NULL;
	}
	p = m->buf + m->pos;
	m->pos += n;
	return p;
}

static __u64 get_le(struct uk_9p_msg *m, unsigned int n)
{
	const __u8 *p = msg_take(m, n);
	__u64 v = 0;
	unsigned int i;

	if (!p)
		return 0;
	for (i = 0; i < n; i++)
		v |= (__u64)p[i] << (8 * i);
	return v;
}

__u8 uk_9p_get8(struct uk_9p_msg *m)
{
	return (__u8)get_le(m, 1);
}

__u16 uk_9p_get16(struct uk_9p_msg *m)
{
	return (__u16)get_le(m, 2);
}

__u32 uk_9p_get32(struct uk_9p_msg *m)
{
	return (__u32)get_le(m, 4);
}

__u64 uk_9p_get64(struct uk_9p_msg *m)
{
	return get_le(m, 8);
}

void uk_9p_getqid(struct uk_9p_msg *m, struct uk_9p_qid *qid)
{
	qid->type = uk_9p_get8(m);
	qid->version = uk_9p_get32(m);
	qid->path = uk_9p_get64(m);
}

void uk_9p_getstr(struct uk_9p_msg *m, struct uk_9p_str *str)
{
	__u16 n = uk_9p_get16(m);
	const __u8 *p = msg_take(m, n);

	str->s = (const char *)p;
	str->len = p ? n : 0;
}

const void *uk_9p_getdata(struct uk_9p_msg *m, __u32 len)
{
	return msg_take(m, len);
}

int uk_9p_reply_begin(struct uk_9p_msg *m, __u32 got, __u8 rtype, __u16 tag)
{
	__u32 size, ecode;
	__u8 type;

	m->err = 0;
	m->pos = 0;
	m->len = 0;
	if (got < UK_9P_HDR_LEN || got > m->cap)
		goto err_malformed;
	/* Parse the header within what arrived, then trust only the
	 * declared size (a transport may report its whole buffer).
	 */
	m->len = got;
	size = uk_9p_get32(m);
	type = uk_9p_get8(m);
	if (size < UK_9P_HDR_LEN || size > got)
		goto err_malformed;
	m->len = size;
	if (uk_9p_get16(m) != tag)
		goto err_malformed;
	if (type == UK_9P_RLERROR) {
		ecode = uk_9p_get32(m);
		if (m->err || ecode == 0 || ecode > 4095)
			goto err_malformed;
		return -(int)ecode;
	}
	if (type != rtype)
		goto err_malformed;
	return 0;

err_malformed:
	m->err = -EIO;
	return -EIO;
}

int uk_9p_dirent_next(const void *data, __u32 len, __u32 *pos,
		      struct uk_9p_dirent *de)
{
	struct uk_9p_msg m = {
		.buf = (__u8 *)data, .cap = len, .len = len, .pos = *pos,
	};

	if (*pos >= len)
		return 0;
	uk_9p_getqid(&m, &de->qid);
	de->offset = uk_9p_get64(&m);
	de->type = uk_9p_get8(&m);
	uk_9p_getstr(&m, &de->name);
	if (m.err || de->name.len == 0)
		return -EIO;
	*pos = m.pos;
	return 1;
}
