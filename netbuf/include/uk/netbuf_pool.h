/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_netbuf_pool: pre-initialised netbufs in a uk_allocpool, for receive
 * refill (alloc_rxpkts) and packet generators. Available when both
 * LIBUKNETDEV and LIBUKALLOCPOOL are enabled.
 *
 * Every pool object holds a netbuf prepared once at creation
 * (uk_netbuf_prepare_buf(): buffer first, struct on a 64-byte boundary at
 * the same offset in every object). Its owner is the uk_allocpool itself
 * (_a tagged _UK_NETBUF_A_POOL, _b the object), so uk_netbuf_free() gives
 * it back with an inline uk_allocpool_return(), no indirect call (also
 * from uk_netbuf_free_batch()); getting one only resets data, len, flags
 * and refcount.
 *
 *   pool = uk_netbuf_pool_create(uk_alloc_get_default(), 1024, 2048,
 *                                info.ioalign, info.nb_encap_rx, 0);
 *   rxq_conf.alloc_rxpkts = uk_netbuf_pool_alloc_rxpkts;
 *   rxq_conf.alloc_rxpkts_argp = pool;
 *   ...
 *   nb = uk_netbuf_pool_get(pool);   (data = buf + headroom, len 0)
 *   uk_netbuf_free(nb);              (back to the pool)
 *
 * Same rules as uk_allocpool: one core, no locks.
 */
#ifndef __UK_NETBUF_POOL_H__
#define __UK_NETBUF_POOL_H__

#include <uk/netbuf.h>
#include <uk/allocpool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A pool of netbufs. Fields are public for the inline fast path only. */
struct uk_netbuf_pool {
	struct uk_allocpool *_ap;	/**< the objects */
	size_t _nboff;			/**< object -> its struct uk_netbuf */
	uint16_t _headroom;		/**< data = buf + _headroom on get */
	size_t _buflen;			/**< buflen of every netbuf */
	struct uk_alloc *_parent;	/**< allocator of this struct */
};

/**
 * Create a pool of @p count netbufs with buffers of at least @p buflen
 * bytes aligned to @p bufalign, @p headroom bytes of headroom and a
 * private area of @p privlen bytes, all from @p parent.
 * @param bufalign power of two or 0 (objects are at least 64-aligned)
 * @return the pool, or NULL on a bad argument (count 0, buflen 0,
 *         headroom > buflen, bad alignment) or out of memory
 */
struct uk_netbuf_pool *uk_netbuf_pool_create(struct uk_alloc *parent,
					     size_t count, size_t buflen,
					     size_t bufalign,
					     uint16_t headroom,
					     size_t privlen);

/**
 * Free the pool and its memory. Refused while netbufs are still out.
 * @return 0 (also for NULL), or -EBUSY
 */
int uk_netbuf_pool_destroy(struct uk_netbuf_pool *pool);

/** @return the number of netbufs in the pool */
static inline unsigned int
uk_netbuf_pool_availcount(const struct uk_netbuf_pool *pool)
{
	return uk_allocpool_availcount(pool->_ap);
}

/** Reset the per-use fields of a netbuf coming out of @p pool. The
 * others (buf, buflen, priv, _a, _b, dtor) were set at creation and no
 * user may change them; next/prev are NULL since every free path
 * unchains a netbuf before releasing it. Internal. */
static inline struct uk_netbuf *_uk_netbuf_pool_init(struct uk_netbuf_pool *pool,
						     void *obj)
{
	struct uk_netbuf *nb = (struct uk_netbuf *)((char *)obj +
						    pool->_nboff);

	/* The buffer starts the object (prepare_buf): buf == obj. */
	nb->data = (char *)obj + pool->_headroom;
	nb->len = 0;
	nb->flags = 0;
	nb->refcount = 1;
	return nb;
}

/**
 * @return a netbuf (data = buf + headroom, len 0, refcount 1, no flags,
 *         unchained), or NULL when the pool is empty. O(1).
 */
static inline struct uk_netbuf *uk_netbuf_pool_get(struct uk_netbuf_pool *pool)
{
	void *obj = uk_allocpool_take(pool->_ap);

	if (unlikely(!obj))
		return NULL;
	return _uk_netbuf_pool_init(pool, obj);
}

/**
 * Fill @p nbs[0..) with up to @p count netbufs (as uk_netbuf_pool_get(),
 * with one uk_allocpool_take_batch()).
 * @return how many were given (fewer when the pool runs out)
 */
unsigned int uk_netbuf_pool_get_batch(struct uk_netbuf_pool *pool,
				      struct uk_netbuf *nbs[],
				      unsigned int count);

/**
 * Receive refill callback for struct uk_netdev_rxqueue_conf: pass it as
 * alloc_rxpkts with alloc_rxpkts_argp = the pool.
 * @return how many of @p pkts[0..@p count) were filled
 */
uint16_t uk_netbuf_pool_alloc_rxpkts(void *argp, struct uk_netbuf *pkts[],
				     uint16_t count);

/** @return the buffer size of every netbuf of @p pool */
static inline size_t uk_netbuf_pool_buflen(const struct uk_netbuf_pool *pool)
{
	return pool->_buflen;
}

#ifdef __cplusplus
}
#endif

#endif /* __UK_NETBUF_POOL_H__ */
