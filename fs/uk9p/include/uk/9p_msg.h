/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L messages on the wire: every integer little-endian, a string
 * len[2] + bytes (no NUL), a qid type[1] version[4] path[8], and each
 * message size[4] type[1] tag[2] + body, size counting itself.
 *
 * struct uk_9p_msg is a buffer with a write end (building a request) and
 * a read position (parsing a reply). Every put/get is bounds-checked: the
 * first one that does not fit sets m->err and every later call is a
 * no-op, so a caller marshals or parses a whole message and checks the
 * error once. A get never reads past m->len (the bytes the reply
 * declared and the transport delivered).
 *
 * No allocation, no libc beyond <string.h>: the host fuzz test links this
 * file alone.
 */
#ifndef __UK_9P_MSG_H__
#define __UK_9P_MSG_H__

#include <uk/essentials.h>

/* Message types (9P2000 and the 9P2000.L additions). */
#define UK_9P_RLERROR		7
#define UK_9P_TSTATFS		8
#define UK_9P_TLOPEN		12
#define UK_9P_TLCREATE		14
#define UK_9P_TSYMLINK		16
#define UK_9P_TREADLINK		22
#define UK_9P_TGETATTR		24
#define UK_9P_TSETATTR		26
#define UK_9P_TREADDIR		40
#define UK_9P_TFSYNC		50
#define UK_9P_TMKDIR		72
#define UK_9P_TRENAMEAT		74
#define UK_9P_TUNLINKAT		76
#define UK_9P_TVERSION		100
#define UK_9P_TATTACH		104
#define UK_9P_TWALK		110
#define UK_9P_TREAD		116
#define UK_9P_TWRITE		118
#define UK_9P_TCLUNK		120
/* The reply to T is T + 1. */
#define UK_9P_R(t)		((t) + 1)

#define UK_9P_NOTAG		0xffffU
#define UK_9P_NOFID		0xffffffffU
/* size[4] type[1] tag[2] */
#define UK_9P_HDR_LEN		7
#define UK_9P_QID_LEN		13
/* Bytes of a Tread/Twrite/Rread besides its data: header, fid[4]
 * offset[8] count[4] (the larger of the three).
 */
#define UK_9P_IOHDR_LEN		(UK_9P_HDR_LEN + 4 + 8 + 4)
/* Names in one Twalk at most (9P2000 walk(5)). */
#define UK_9P_MAXWELEM		16

/* qid.type bits */
#define UK_9P_QTDIR		0x80
#define UK_9P_QTSYMLINK		0x02

struct uk_9p_qid {
	__u8 type;
	__u32 version;
	__u64 path;
};

/** A string inside a message: not NUL-terminated. */
struct uk_9p_str {
	const char *s;
	__u16 len;
};

struct uk_9p_msg {
	__u8 *buf;
	__u32 cap;	/* bytes of buf */
	__u32 len;	/* bytes written (request) or declared (reply) */
	__u32 pos;	/* next byte to read (reply) */
	int err;	/* 0, or the first error (-EIO, -ENAMETOOLONG) */
};

/** Start request @p type with @p tag in @p m (size patched at the end). */
void uk_9p_msg_begin(struct uk_9p_msg *m, __u8 type, __u16 tag);

/** Write the size field. @return the request length or m->err. */
int uk_9p_msg_end(struct uk_9p_msg *m);

void uk_9p_put8(struct uk_9p_msg *m, __u8 v);
void uk_9p_put16(struct uk_9p_msg *m, __u16 v);
void uk_9p_put32(struct uk_9p_msg *m, __u32 v);
void uk_9p_put64(struct uk_9p_msg *m, __u64 v);
/** A NUL-terminated string: -ENAMETOOLONG over 65535 bytes. */
void uk_9p_putstr(struct uk_9p_msg *m, const char *s);
/** @p len raw bytes. */
void uk_9p_putdata(struct uk_9p_msg *m, const void *p, __u32 len);

/**
 * Check the header of a reply of @p got bytes (what the transport
 * delivered) in @p m and position m->pos after it.
 *
 * @param m reply buffer (buf, cap set)
 * @param got bytes the transport reports written
 * @param rtype the expected reply type
 * @param tag the request's tag
 * @return 0; -ecode for an Rlerror (ecode 1..4095, else -EIO); -EIO for
 *   a malformed reply (m->err set too: @p got under 7 or over m->cap, a
 *   size field under 7 or over @p got, another type or another tag)
 */
int uk_9p_reply_begin(struct uk_9p_msg *m, __u32 got, __u8 rtype, __u16 tag);

__u8 uk_9p_get8(struct uk_9p_msg *m);
__u16 uk_9p_get16(struct uk_9p_msg *m);
__u32 uk_9p_get32(struct uk_9p_msg *m);
__u64 uk_9p_get64(struct uk_9p_msg *m);
void uk_9p_getqid(struct uk_9p_msg *m, struct uk_9p_qid *qid);
/** A string: @p str points into the message (len 0 on error). */
void uk_9p_getstr(struct uk_9p_msg *m, struct uk_9p_str *str);
/** @return a pointer to the next @p len bytes, NULL (m->err) if short. */
const void *uk_9p_getdata(struct uk_9p_msg *m, __u32 len);

/** One entry of an Rreaddir's data: qid[13] offset[8] type[1] name[s]. */
struct uk_9p_dirent {
	struct uk_9p_qid qid;
	__u64 offset;		/* cookie of the next entry */
	__u8 type;		/* DT_* */
	struct uk_9p_str name;
};

/**
 * Parse the entry at *@p pos of Rreaddir data @p data (@p len bytes).
 * @return 1 (entry in @p de, *pos after it), 0 at the end, -EIO for a
 *   truncated entry or an empty name
 */
int uk_9p_dirent_next(const void *data, __u32 len, __u32 *pos,
		      struct uk_9p_dirent *de);

#endif /* __UK_9P_MSG_H__ */
