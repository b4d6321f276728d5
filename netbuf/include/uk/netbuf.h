/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_netbuf: a packet buffer (metadata + data) for the uknetdev fast path.
 *
 * A netbuf describes one contiguous area of packet data (data, len) inside
 * a buffer (buf, buflen). Netbufs may be chained (next/prev) into one
 * packet made of several segments; the head of the chain stands for the
 * packet.
 *
 * Memory layout of uk_netbuf_alloc_buf() and uk_netbuf_prepare_buf()
 * (one allocation, buffer first so it keeps the allocation's alignment):
 *
 *   mem                                 meta (64-aligned for prepare_buf,
 *   |                                   |     16-aligned for alloc_buf)
 *   v                                   v
 *   +-----------+-----------+-------+---+----------------+----------+
 *   | headroom  | data(len) | tail- |pad| struct         | priv     |
 *   |           |           | room  |   | uk_netbuf      | (privlen)|
 *   +-----------+-----------+-------+---+----------------+----------+
 *   ^ buf                           ^ buf + buflen       ^ meta +
 *                                                          UK_NETBUF_META_LEN
 *
 * The hot fields (data, len, flags, refcount, next, buf, buflen, dtor, _a,
 * _b) are in the first 64 bytes of the struct; prepare_buf places the
 * struct on a 64-byte boundary so they share one cache line.
 *
 * Reference counting: refcount is a plain integer, not an atomic. The
 * fast path is one queue per core; a netbuf shared between cores must be
 * protected by the caller.
 *
 * Error convention: functions returning int give 0 on success and a
 * negative errno; functions returning a netbuf give NULL on any error.
 * Bad arguments never crash (UK_ASSERT only checks programmer errors on
 * the inline hot path, such as freeing a netbuf whose refcount is 0).
 */
#ifndef __UK_NETBUF_H__
#define __UK_NETBUF_H__

#include <uk/essentials.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

struct uk_netbuf;

/**
 * Destructor, called when the last reference to a netbuf is dropped,
 * before its memory is given back to the allocator _a (if any). A netbuf
 * prepared in caller memory (_a == NULL) is recycled by its destructor.
 */
typedef void (*uk_netbuf_dtor_t)(struct uk_netbuf *m);

/** Receive: the device has verified the packet's checksums. */
#define UK_NETBUF_F_DATA_VALID		0x0001
/**
 * Transmit: the checksum over [csum_start, end of packet] is still to be
 * computed (by the device) and stored at csum_start + csum_offset.
 * Receive: the packet carries such a partial checksum.
 */
#define UK_NETBUF_F_PARTIAL_CSUM	0x0002

struct uk_netbuf {
	/* --- first cache line: what the fast path touches --- */
	void *data;		/**< start of the packet data (in buf) */
	uint16_t len;		/**< bytes of packet data at data */
	uint16_t flags;		/**< UK_NETBUF_F_* */
	uint32_t refcount;	/**< references; freed when it drops to 0 */
	struct uk_netbuf *next;	/**< next segment of the chain, or NULL */
	void *buf;		/**< start of the buffer */
	size_t buflen;		/**< size of the buffer */
	uk_netbuf_dtor_t dtor;	/**< destructor, or NULL */
	struct uk_alloc *_a;	/**< allocator freeing _b, or NULL */
	void *_b;		/**< base of the allocation to free */
	/* --- second cache line --- */
	struct uk_netbuf *prev;	/**< previous segment of the chain, or NULL */
	void *priv;		/**< private area of privlen bytes, or NULL */
	uint16_t csum_start;	/**< see UK_NETBUF_F_PARTIAL_CSUM */
	uint16_t csum_offset;	/**< see UK_NETBUF_F_PARTIAL_CSUM */
};

/** Alignment of the private area (and of the struct in alloc_buf). */
#define UK_NETBUF_PRIV_ALIGN	16
/** Bytes from the struct to its private area. */
#define UK_NETBUF_META_LEN	ALIGN_UP(sizeof(struct uk_netbuf),	\
					 (size_t)UK_NETBUF_PRIV_ALIGN)
/** Alignment of the struct placed by uk_netbuf_prepare_buf(). */
#define UK_NETBUF_PREPARE_ALIGN	64

/**
 * Bytes uk_netbuf_alloc_buf() requests from its allocator (with alignment
 * MAX(bufalign, 16)) for a buffer of @p buflen and a private area of
 * @p privlen bytes. Use it to size pool objects: a pool of 2048-byte
 * objects serves alloc_buf for buflen up to 2048 - UK_NETBUF_META_LEN
 * (with privlen 0).
 */
#define UK_NETBUF_ALLOC_SIZE(buflen, privlen)				\
	(ALIGN_UP((size_t)(buflen), (size_t)UK_NETBUF_PRIV_ALIGN)	\
	 + UK_NETBUF_META_LEN						\
	 + ALIGN_UP((size_t)(privlen), (size_t)UK_NETBUF_PRIV_ALIGN))

/** Iterate over the chain starting at @p head. */
#define UK_NETBUF_CHAIN_FOREACH(var, head)				\
	for ((var) = (head); (var); (var) = (var)->next)

/**
 * Allocate a netbuf with its buffer and private area in one allocation
 * (layout: see the top of this file).
 * @param a allocator; also used to free the netbuf
 * @param buflen buffer size, > 0 (the buffer may be a few bytes larger)
 * @param bufalign alignment of buf: a power of two, 0 for the default
 *        (16); alignments below 16 are raised to 16
 * @param headroom bytes before data (data = buf + headroom), <= buflen
 * @param privlen bytes of private area (priv is NULL when 0)
 * @param dtor destructor or NULL
 * @return the netbuf (len 0, refcount 1, no flags, unchained), or NULL on
 *         a bad argument or when @p a is out of memory
 */
struct uk_netbuf *uk_netbuf_alloc_buf(struct uk_alloc *a, size_t buflen,
				      size_t bufalign, uint16_t headroom,
				      size_t privlen, uk_netbuf_dtor_t dtor);

/**
 * Initialise a netbuf inside caller memory (e.g. a pool object): the
 * buffer starts at @p mem (and keeps its alignment), the struct and the
 * private area take the end of the memory, the struct aligned to
 * UK_NETBUF_PREPARE_ALIGN. The netbuf has no allocator (_a == NULL):
 * when its last reference is dropped only @p dtor is called, which is
 * how pools recycle their netbufs.
 * @param mem memory of @p size bytes
 * @param headroom bytes before data, must fit in the resulting buffer
 * @return the netbuf (len 0, refcount 1), or NULL when @p mem is NULL or
 *         too small for the struct, the private area and the headroom
 */
struct uk_netbuf *uk_netbuf_prepare_buf(void *mem, size_t size,
					uint16_t headroom, size_t privlen,
					uk_netbuf_dtor_t dtor);

/**
 * Initialise the netbuf @p m (sizeof(struct uk_netbuf) bytes provided by
 * the caller) to describe the external buffer @p buf. _a is NULL: the
 * caller owns both memories; @p dtor is told when the netbuf is freed.
 * @param buf external buffer of @p buflen bytes (not NULL)
 * @param headroom bytes before data, <= @p buflen
 * @param priv private pointer stored as is (may be NULL)
 * @return 0, or -EINVAL on a NULL pointer or headroom > buflen
 */
int uk_netbuf_init_indir(struct uk_netbuf *m, void *buf, size_t buflen,
			 uint16_t headroom, void *priv, uk_netbuf_dtor_t dtor);

/**
 * Allocate a netbuf (struct + private area, one allocation from @p a)
 * describing the external buffer @p buf; the buffer itself is not freed
 * with the netbuf (use @p dtor for that).
 * @return the netbuf, or NULL on a bad argument (see
 *         uk_netbuf_init_indir) or when @p a is out of memory
 */
struct uk_netbuf *uk_netbuf_alloc_indir(struct uk_alloc *a, void *buf,
					size_t buflen, uint16_t headroom,
					size_t privlen, uk_netbuf_dtor_t dtor);

/**
 * Copy one netbuf's packet data into a new netbuf allocated from @p a
 * (buflen = headroom + len, privlen 0, no destructor). len, flags,
 * csum_start and csum_offset are copied; the copy is unchained and owns
 * its data.
 * @param bufalign, @p headroom as for uk_netbuf_alloc_buf()
 * @return the copy, or NULL on a bad argument or out of memory
 */
struct uk_netbuf *uk_netbuf_dup_single(struct uk_alloc *a, size_t bufalign,
				       uint16_t headroom,
				       const struct uk_netbuf *nb);

/* -------------------------------------------------------------------------
 * Reference counting and freeing
 * -------------------------------------------------------------------------
 */

/** Give a netbuf whose last reference was dropped back: destructor, then
 * its allocator. Internal; use uk_netbuf_free*(). */
static inline void _uk_netbuf_release(struct uk_netbuf *m)
{
	if (m->dtor)
		m->dtor(m);
	if (m->_a)
		uk_free(m->_a, m->_b);
}

/** Slow path of uk_netbuf_free() (chains, shared netbufs). Internal. */
void _uk_netbuf_free_chain(struct uk_netbuf *m);

/**
 * Drop one reference to the single netbuf @p m. When it was the last
 * one, @p m is disconnected from its chain (if any) and released
 * (destructor, then its allocator). NULL is ignored.
 */
void uk_netbuf_free_single(struct uk_netbuf *m);

/**
 * Drop one reference to every netbuf of the chain whose head is @p m;
 * each netbuf whose count reaches 0 is released. NULL is ignored.
 * Cost for the common case (one unshared netbuf): one branch, then the
 * destructor and/or the allocator's free.
 */
static inline void uk_netbuf_free(struct uk_netbuf *m)
{
	if (unlikely(!m))
		return;
	UK_ASSERT(!m->prev);		/* must be the head of its chain */
	UK_ASSERT(m->refcount > 0);	/* freed twice */
	/* One test for "alone and last reference": next == NULL and
	 * refcount == 1, folded into a single compare. */
	if (likely(((uintptr_t)m->next | (m->refcount ^ 1U)) == 0)) {
		m->refcount = 0;
		_uk_netbuf_release(m);
		return;
	}
	/* Alone and shared (refcounted resend): one decrement inline
	 * instead of a call to the chain walk. */
	if (!m->next) {
		m->refcount--;
		return;
	}
	_uk_netbuf_free_chain(m);
}

/** Take one more reference to every netbuf of the chain headed by @p m.
 * Each reference is dropped by one uk_netbuf_free(). */
static inline void uk_netbuf_ref(struct uk_netbuf *m)
{
	for (; m; m = m->next)
		m->refcount++;
}

/** @return the reference count of @p m alone (not of its chain) */
static inline uint32_t uk_netbuf_refcount_single_get(const struct uk_netbuf *m)
{
	return m->refcount;
}

/* -------------------------------------------------------------------------
 * Data area
 * -------------------------------------------------------------------------
 */

/** @return bytes between buf and data */
static inline size_t uk_netbuf_headroom(const struct uk_netbuf *m)
{
	return (size_t)((const char *)m->data - (const char *)m->buf);
}

/** @return bytes between the end of the data and the end of buf */
static inline size_t uk_netbuf_tailroom(const struct uk_netbuf *m)
{
	return m->buflen - uk_netbuf_headroom(m) - m->len;
}

/**
 * Move the start of the data: @p delta > 0 prepends (data -= delta,
 * len += delta, e.g. to add a header in the headroom), @p delta < 0
 * strips (data += -delta, len -= -delta). The data never leaves buf.
 * @return 0, or -EINVAL (nothing changed) when there is not enough
 *         headroom (push), not enough data (pull) or len would overflow
 */
static inline int uk_netbuf_header(struct uk_netbuf *m, int16_t delta)
{
	if (delta >= 0) {
		if (unlikely((size_t)delta > uk_netbuf_headroom(m) ||
			     (uint32_t)m->len + (uint32_t)delta > UINT16_MAX))
			return -EINVAL;
		m->data = (char *)m->data - delta;
		m->len = (uint16_t)(m->len + delta);
	} else {
		if (unlikely((uint32_t)(-(int32_t)delta) > m->len))
			return -EINVAL;
		m->data = (char *)m->data - delta;
		m->len = (uint16_t)(m->len + delta);
	}
	return 0;
}

/** @return the private area of @p m (NULL if it has none) */
static inline void *uk_netbuf_get_priv(const struct uk_netbuf *m)
{
	return m->priv;
}

/* -------------------------------------------------------------------------
 * Chains
 * -------------------------------------------------------------------------
 */

/**
 * Link the chain headed by @p tail after @p headtail, the last netbuf of
 * another chain. O(1).
 * @return 0, or -EINVAL when @p headtail is not a last netbuf, @p tail is
 *         not a head, either is NULL or they are the same netbuf
 */
int uk_netbuf_connect(struct uk_netbuf *headtail, struct uk_netbuf *tail);

/**
 * Append the chain headed by @p tail to the end of the chain containing
 * @p head (O(length of that chain)).
 * @return 0, or -EINVAL as for uk_netbuf_connect()
 */
int uk_netbuf_append(struct uk_netbuf *head, struct uk_netbuf *tail);

/**
 * Take @p m out of its chain; its neighbours are linked together and
 * @p m is left alone (next = prev = NULL, refcount unchanged).
 * @return the head of the remaining chain, or NULL when @p m was alone
 *         (or NULL)
 */
struct uk_netbuf *uk_netbuf_disconnect(struct uk_netbuf *m);

/** @return the sum of len over the chain headed by @p m (0 for NULL) */
static inline size_t uk_netbuf_len(const struct uk_netbuf *m)
{
	size_t len = 0;

	for (; m; m = m->next)
		len += m->len;
	return len;
}

#ifdef __cplusplus
}
#endif

#endif /* __UK_NETBUF_H__ */
