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
 * Freeing: a uk_netbuf_pool netbuf goes back to its uk_allocpool with an
 * inline uk_allocpool_return(), no call through struct uk_alloc;
 * uk_netbuf_free_batch() frees a burst in one call. Every other netbuf
 * (alloc_buf, alloc_indir, on any uk_alloc, a pool's
 * uk_allocpool2ukalloc() included) goes back through its allocator's
 * free, as before.
 *
 * Error convention (upstream Unikraft's): uk_netbuf_header() returns 1 on
 * success, -ENOSPC or -EFAULT; the other functions returning int give 0
 * on success and a negative errno; functions returning a netbuf give NULL
 * on any error. Bad arguments never crash (UK_ASSERT only checks
 * programmer errors on the inline hot path, such as freeing a netbuf
 * whose refcount is 0).
 */
#ifndef __UK_NETBUF_H__
#define __UK_NETBUF_H__

#include <uk/essentials.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <errno.h>
#if CONFIG_LIBUKALLOCPOOL
#include <uk/allocpool.h>
#endif

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
	/**
	 * Private: who takes _b back on release. A struct uk_alloc (uk_free),
	 * or, with bit 0 set (_UK_NETBUF_A_POOL), the struct uk_allocpool
	 * whose object _b is (uk_allocpool_return); NULL: nobody.
	 */
	struct uk_alloc *_a;
	void *_b;		/**< base of the allocation to free */
	/* --- second cache line --- */
	struct uk_netbuf *prev;	/**< previous segment of the chain, or NULL */
	void *priv;		/**< private area of privlen bytes, or NULL */
	/** see UK_NETBUF_F_PARTIAL_CSUM; an offset from data, which
	 * uk_netbuf_header() keeps pointing at the same byte */
	uint16_t csum_start;
	uint16_t csum_offset;	/**< see UK_NETBUF_F_PARTIAL_CSUM */
};

/* Bit 0 of _a: _a is a struct uk_allocpool * (both structs are
 * pointer-aligned, so the bit is free). Private. */
#define _UK_NETBUF_A_POOL	((uintptr_t)1)

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

/** Iterate backwards over the chain ending at @p tail. */
#define UK_NETBUF_CHAIN_FOREACH_R(var, tail)				\
	for ((var) = (tail); (var); (var) = (var)->prev)

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
 * @param buf external buffer of @p buflen bytes; NULL with buflen 0 for
 *        a netbuf whose buffer the caller sets later (uk_netbuf_init())
 * @param headroom bytes before data, <= @p buflen
 * @param priv private pointer stored as is (may be NULL)
 * @return 0, or -EINVAL when @p m is NULL, @p buf is NULL with a non-zero
 *         buflen, or headroom > buflen (upstream asserts these; it returns
 *         nothing)
 */
int uk_netbuf_init_indir(struct uk_netbuf *m, void *buf, size_t buflen,
			 uint16_t headroom, void *priv, uk_netbuf_dtor_t dtor);

/** Upstream's shorthand: init_indir with no buffer (buf NULL, buflen 0). */
#define uk_netbuf_init(m, priv, dtor)					\
	uk_netbuf_init_indir((m), NULL, 0, 0, (priv), (dtor))

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

/** Upstream's shorthand: alloc_indir with no buffer (buf NULL, buflen 0). */
#define uk_netbuf_alloc(a, privlen, dtor)				\
	uk_netbuf_alloc_indir((a), NULL, 0, 0, (privlen), (dtor))

/**
 * Copy one netbuf's packet data into a new netbuf allocated from @p a
 * (buflen = headroom + len, privlen 0, no destructor). len, flags,
 * csum_start and csum_offset are copied; the copy is unchained and owns
 * its data. The arguments are those of the 2021 tutorial's helper
 * (today's upstream also takes buflen, privlen and dtor).
 * @param bufalign, @p headroom as for uk_netbuf_alloc_buf()
 * @return the copy, or NULL on a bad argument or out of memory (as
 *         upstream)
 */
struct uk_netbuf *uk_netbuf_dup_single(struct uk_alloc *a, size_t bufalign,
				       uint16_t headroom,
				       const struct uk_netbuf *nb);

/* -------------------------------------------------------------------------
 * Reference counting and freeing
 * -------------------------------------------------------------------------
 */

#if CONFIG_LIBUKALLOCPOOL
/** @return the pool @p m's memory goes back to, or NULL. Internal. */
static inline struct uk_allocpool *_uk_netbuf_pool(const struct uk_netbuf *m)
{
	uintptr_t a = (uintptr_t)m->_a;

	return (a & _UK_NETBUF_A_POOL) ?
		(struct uk_allocpool *)(a - _UK_NETBUF_A_POOL) : NULL;
}

/** Make the release of @p m return @p obj, an object of @p p, to @p p
 * directly. Internal (the netbuf pool). */
static inline void _uk_netbuf_set_pool(struct uk_netbuf *m,
				       struct uk_allocpool *p, void *obj)
{
	m->_a = (struct uk_alloc *)((uintptr_t)p | _UK_NETBUF_A_POOL);
	m->_b = obj;
}
#endif /* CONFIG_LIBUKALLOCPOOL */

/** Give the memory of a released netbuf to its owner @p a (its _a, read
 * before any destructor ran): its pool, its allocator, or nobody.
 * Internal. */
static inline void _uk_netbuf_give_back(struct uk_netbuf *m, uintptr_t a)
{
#if CONFIG_LIBUKALLOCPOOL
	if (a & _UK_NETBUF_A_POOL) {
		uk_allocpool_return((struct uk_allocpool *)
				    (a - _UK_NETBUF_A_POOL), m->_b);
		return;
	}
#endif
	if (a)
		((struct uk_alloc *)a)->free((struct uk_alloc *)a, m->_b);
}

/** Slow path of _uk_netbuf_release(): a netbuf with a destructor. Out
 * of line, so no register of the caller's loop must survive the
 * destructor's call on the fast path. Internal. */
void _uk_netbuf_release_dtor(struct uk_netbuf *m);

/** Give a netbuf whose last reference was dropped back: destructor, then
 * its owner. Internal; use uk_netbuf_free*(). */
static inline void _uk_netbuf_release(struct uk_netbuf *m)
{
	if (unlikely(m->dtor != NULL)) {
		_uk_netbuf_release_dtor(m);
		return;
	}
	_uk_netbuf_give_back(m, (uintptr_t)m->_a);
}

/* Non-zero when @m is alone (no next) and holds its last reference: one
 * compare for both, as next == NULL and refcount == 1. */
static inline int _uk_netbuf_alone_last(const struct uk_netbuf *m)
{
	return ((uintptr_t)m->next | (m->refcount ^ 1U)) == 0;
}

/** Slow path of uk_netbuf_free() (chains, shared netbufs). Internal. */
void _uk_netbuf_free_chain(struct uk_netbuf *m);

/**
 * Drop one reference to the single netbuf @p m. When it was the last
 * one, @p m is disconnected from its chain (if any) and released
 * (destructor, then its pool or allocator). NULL is ignored.
 */
void uk_netbuf_free_single(struct uk_netbuf *m);

/**
 * Drop one reference to every netbuf of the chain whose head is @p m;
 * each netbuf whose count reaches 0 is released. NULL is ignored.
 * Cost for the common case (one unshared netbuf from a pool): one
 * compare and branch, the destructor test, then an inline return to the
 * pool (an allocator's free for other netbufs).
 */
static inline void uk_netbuf_free(struct uk_netbuf *m)
{
	if (unlikely(!m))
		return;
	UK_ASSERT(!m->prev);		/* must be the head of its chain */
	UK_ASSERT(m->refcount > 0);	/* freed twice */
	if (likely(_uk_netbuf_alone_last(m))) {
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

/**
 * uk_netbuf_free() of @p nbs[0 .. @p count) (NULL entries are skipped),
 * for a driver's transmit reclaim or a burst the application drops: one
 * call per burst, each pool netbuf returned inline to its pool.
 */
void uk_netbuf_free_batch(struct uk_netbuf *nbs[], unsigned int count);

/**
 * Take one more reference to @p m alone (not to the rest of its chain).
 * @return @p m, as upstream
 */
static inline struct uk_netbuf *uk_netbuf_ref_single(struct uk_netbuf *m)
{
	UK_ASSERT(m);
	m->refcount++;
	return m;
}

/**
 * Take one more reference to every netbuf of the chain headed by @p m.
 * Each reference is dropped by one uk_netbuf_free().
 * @return @p m, as upstream (NULL is ignored and returned)
 */
static inline struct uk_netbuf *uk_netbuf_ref(struct uk_netbuf *m)
{
	struct uk_netbuf *it;

	for (it = m; it; it = it->next)
		it->refcount++;
	return m;
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
 * Move the start of the data of @p m, the head of its chain: @p delta > 0
 * prepends (data -= delta, len += delta, e.g. to add a header in the
 * headroom), @p delta < 0 strips (data += -delta, len -= -delta). The
 * data never leaves buf. With UK_NETBUF_F_PARTIAL_CSUM, csum_start
 * follows the data (+delta); stripping past csum_start clears the flag.
 * Contract and codes as upstream Unikraft's:
 * @return 1 (success: ported code tests "== 1" or "> 0"); nothing
 *         changes on failure:
 *         -ENOSPC: not enough headroom (push) or data (pull);
 *         -EFAULT: len would exceed 64 KiB - 1 (UINT16_MAX)
 */
static inline int uk_netbuf_header(struct uk_netbuf *m, int16_t delta)
{
	UK_ASSERT(m);
	UK_ASSERT(!m->prev);		/* must be the head of its chain */
	if (unlikely((delta > 0 && (size_t)delta > uk_netbuf_headroom(m)) ||
		     (delta < 0 && -(int32_t)delta > (int32_t)m->len)))
		return -ENOSPC;
	if (unlikely((int32_t)m->len + delta > (int32_t)UINT16_MAX))
		return -EFAULT;
	m->data = (char *)m->data - delta;
	m->len = (uint16_t)(m->len + delta);
	if (m->flags & UK_NETBUF_F_PARTIAL_CSUM) {
		if (delta < 0 && -(int32_t)delta > (int32_t)m->csum_start)
			m->flags &= (uint16_t)~UK_NETBUF_F_PARTIAL_CSUM;
		else
			m->csum_start = (uint16_t)(m->csum_start + delta);
	}
	return 1;
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
 *         (upstream returns void and asserts these)
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
 *         (or NULL). For the head of a chain that is m's next, as
 *         upstream; for another segment upstream's code returns m's next
 *         (NULL for the tail) where its documentation says the head, and
 *         uknf follows the documentation.
 */
struct uk_netbuf *uk_netbuf_disconnect(struct uk_netbuf *m);

/** @return the last netbuf of the chain containing @p m (NULL for NULL) */
static inline struct uk_netbuf *uk_netbuf_chain_last(struct uk_netbuf *m)
{
	if (m)
		while (m->next)
			m = m->next;
	return m;
}

/** @return the first netbuf of the chain containing @p m (NULL for NULL) */
static inline struct uk_netbuf *uk_netbuf_chain_first(struct uk_netbuf *m)
{
	if (m)
		while (m->prev)
			m = m->prev;
	return m;
}

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
