/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_netbuf: allocation, initialisation, chains, the batch free and the
 * slow free path. The fast path (free of a single netbuf, ref, header,
 * head/tailroom) is inline in <uk/netbuf.h>.
 */
#include <string.h>
#include <errno.h>
#include <uk/netbuf.h>

/* The fields of the fast path share the struct's first cache line. */
UK_CTASSERT(offsetof(struct uk_netbuf, _b) + sizeof(void *) <= 64);

/* Bytes of struct + private area at the end of an allocation. */
static inline size_t netbuf_metalen(size_t privlen)
{
	return UK_NETBUF_META_LEN + ALIGN_UP(privlen,
					     (size_t)UK_NETBUF_PRIV_ALIGN);
}

/* Fill every field of @m; the caller sets _a/_b when it allocated. */
static void netbuf_init(struct uk_netbuf *m, void *buf, size_t buflen,
			uint16_t headroom, void *priv, uk_netbuf_dtor_t dtor)
{
	m->data = (char *)buf + headroom;
	m->len = 0;
	m->flags = 0;
	m->refcount = 1;
	m->next = NULL;
	m->buf = buf;
	m->buflen = buflen;
	m->dtor = dtor;
	m->_a = NULL;
	m->_b = NULL;
	m->prev = NULL;
	m->priv = priv;
	m->csum_start = 0;
	m->csum_offset = 0;
}

struct uk_netbuf *uk_netbuf_alloc_buf(struct uk_alloc *a, size_t buflen,
				      size_t bufalign, uint16_t headroom,
				      size_t privlen, uk_netbuf_dtor_t dtor)
{
	struct uk_netbuf *m;
	size_t bufsz, size;
	void *mem;

	if (!a || buflen == 0 || headroom > buflen)
		return NULL;
	if (bufalign == 0)
		bufalign = UK_NETBUF_PRIV_ALIGN;
	if (!IS_POW2(bufalign))
		return NULL;
	bufalign = MAX(bufalign, (size_t)UK_NETBUF_PRIV_ALIGN);
	/* Refuse sizes whose rounding or sum would overflow. */
	if (buflen > SIZE_MAX / 4 || privlen > SIZE_MAX / 4)
		return NULL;

	bufsz = ALIGN_UP(buflen, (size_t)UK_NETBUF_PRIV_ALIGN);
	size = bufsz + netbuf_metalen(privlen);
	mem = uk_memalign(a, bufalign, size);
	if (!mem)
		return NULL;

	/* Buffer first (aligned like mem), then the struct, then priv. */
	m = (struct uk_netbuf *)((char *)mem + bufsz);
	netbuf_init(m, mem, bufsz, headroom,
		    privlen ? (char *)m + UK_NETBUF_META_LEN : NULL, dtor);
	m->_a = a;
	m->_b = mem;
	return m;
}

struct uk_netbuf *uk_netbuf_prepare_buf(void *mem, size_t size,
					uint16_t headroom, size_t privlen,
					uk_netbuf_dtor_t dtor)
{
	uintptr_t start = (uintptr_t)mem, meta;
	struct uk_netbuf *m;
	size_t metalen;

	if (!mem || privlen > SIZE_MAX / 4)
		return NULL;
	metalen = netbuf_metalen(privlen);
	if (size < metalen || start + size < start)
		return NULL;
	meta = ALIGN_DOWN(start + size - metalen,
			  (uintptr_t)UK_NETBUF_PREPARE_ALIGN);
	/* The buffer [start, meta) must hold at least the headroom (and
	 * the alignment must not have moved meta below mem). */
	if (meta < start || meta - start < headroom)
		return NULL;

	m = (struct uk_netbuf *)meta;
	netbuf_init(m, mem, meta - start, headroom,
		    privlen ? (char *)m + UK_NETBUF_META_LEN : NULL, dtor);
	return m;
}

int uk_netbuf_init_indir(struct uk_netbuf *m, void *buf, size_t buflen,
			 uint16_t headroom, void *priv, uk_netbuf_dtor_t dtor)
{
	if (!m || (!buf && buflen) || headroom > buflen)
		return -EINVAL;
	netbuf_init(m, buf, buflen, headroom, priv, dtor);
	return 0;
}

struct uk_netbuf *uk_netbuf_alloc_indir(struct uk_alloc *a, void *buf,
					size_t buflen, uint16_t headroom,
					size_t privlen, uk_netbuf_dtor_t dtor)
{
	struct uk_netbuf *m;

	if (!a || (!buf && buflen) || headroom > buflen ||
	    privlen > SIZE_MAX / 4)
		return NULL;
	m = uk_memalign(a, UK_NETBUF_PRIV_ALIGN, netbuf_metalen(privlen));
	if (!m)
		return NULL;
	netbuf_init(m, buf, buflen, headroom,
		    privlen ? (char *)m + UK_NETBUF_META_LEN : NULL, dtor);
	m->_a = a;
	m->_b = m;
	return m;
}

struct uk_netbuf *uk_netbuf_dup_single(struct uk_alloc *a, size_t bufalign,
				       uint16_t headroom,
				       const struct uk_netbuf *nb)
{
	struct uk_netbuf *dup;

	if (!nb)
		return NULL;
	/* buflen is at least 1 so that an empty netbuf can be copied. */
	dup = uk_netbuf_alloc_buf(a, MAX((size_t)headroom + nb->len,
					 (size_t)1),
				  bufalign, headroom, 0, NULL);
	if (!dup)
		return NULL;
	memcpy(dup->data, nb->data, nb->len);
	dup->len = nb->len;
	dup->flags = nb->flags;
	dup->csum_start = nb->csum_start;
	dup->csum_offset = nb->csum_offset;
	return dup;
}

void uk_netbuf_free_single(struct uk_netbuf *m)
{
	if (!m)
		return;
	UK_ASSERT(m->refcount > 0);
	if (--m->refcount)
		return;
	if (m->next || m->prev)
		uk_netbuf_disconnect(m);
	_uk_netbuf_release(m);
}

void _uk_netbuf_release_dtor(struct uk_netbuf *m)
{
	uintptr_t a = (uintptr_t)m->_a;

	/* A netbuf in caller memory (no owner) may be recycled by its
	 * destructor: it is not touched afterwards. One with an owner stays
	 * valid until the owner takes it back. */
	m->dtor(m);
	if (a)
		_uk_netbuf_give_back(m, a);
}

void uk_netbuf_free_batch(struct uk_netbuf *nbs[], unsigned int count)
{
	unsigned int i;

	/* One inline uk_netbuf_free() each: a pool netbuf's return is four
	 * instructions there. Collecting the objects of a run of the same
	 * pool for one uk_allocpool_return_batch() was measured slower (46
	 * against 38.5 instructions per netbuf for get_batch + free of 32,
	 * callgrind): the run bookkeeping costs more than it saves. */
	for (i = 0; i < count; i++)
		uk_netbuf_free(nbs[i]);
}

void _uk_netbuf_free_chain(struct uk_netbuf *m)
{
	struct uk_netbuf *next;

	/* Each segment loses one reference; those reaching 0 are cut out
	 * of the chain (so pool netbufs come back unchained) and released.
	 * Segments still referenced stay linked to each other. */
	for (; m; m = next) {
		next = m->next;
		UK_ASSERT(m->refcount > 0);
		if (--m->refcount)
			continue;
		if (m->next || m->prev)
			uk_netbuf_disconnect(m);
		_uk_netbuf_release(m);
	}
}

int uk_netbuf_connect(struct uk_netbuf *headtail, struct uk_netbuf *tail)
{
	if (!headtail || !tail || headtail == tail || headtail->next ||
	    tail->prev)
		return -EINVAL;
	headtail->next = tail;
	tail->prev = headtail;
	return 0;
}

int uk_netbuf_append(struct uk_netbuf *head, struct uk_netbuf *tail)
{
	if (!head || !tail || tail->prev)
		return -EINVAL;
	/* Appending a chain to itself would make a loop: the head of the
	 * chain containing @head must not be @tail. */
	if (uk_netbuf_chain_first(head) == tail)
		return -EINVAL;
	return uk_netbuf_connect(uk_netbuf_chain_last(head), tail);
}

struct uk_netbuf *uk_netbuf_disconnect(struct uk_netbuf *m)
{
	struct uk_netbuf *head;

	if (!m)
		return NULL;
	if (m->prev)
		m->prev->next = m->next;
	if (m->next)
		m->next->prev = m->prev;

	/* m's next when m was the head (NULL when it was alone) */
	head = m->prev ? uk_netbuf_chain_first(m->prev) : m->next;
	m->next = NULL;
	m->prev = NULL;
	return head;
}
