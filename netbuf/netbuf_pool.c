/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_netbuf_pool: netbufs prepared once in the objects of a uk_allocpool.
 * uk_netbuf_pool_get() is inline in <uk/netbuf_pool.h>.
 */
#include <errno.h>
#include <uk/netbuf_pool.h>

struct uk_netbuf_pool *uk_netbuf_pool_create(struct uk_alloc *parent,
					     size_t count, size_t buflen,
					     size_t bufalign,
					     uint16_t headroom,
					     size_t privlen)
{
	struct uk_netbuf_pool *pool;
	size_t objlen, objalign, i;
	struct uk_netbuf *nb;
	void *obj;

	if (!parent || count == 0 || buflen == 0 || headroom > buflen ||
	    buflen > SIZE_MAX / 4 || privlen > SIZE_MAX / 4)
		return NULL;
	if (bufalign == 0)
		bufalign = UK_NETBUF_PREPARE_ALIGN;
	if (!IS_POW2(bufalign))
		return NULL;
	/* Objects aligned to (and a multiple of) the struct's alignment:
	 * prepare_buf then puts the struct at the same offset in every
	 * object, and the buffer (object start) keeps bufalign. */
	objalign = MAX(bufalign, (size_t)UK_NETBUF_PREPARE_ALIGN);
	objlen = ALIGN_UP(buflen, (size_t)UK_NETBUF_PREPARE_ALIGN) +
		 UK_NETBUF_META_LEN +
		 ALIGN_UP(privlen, (size_t)UK_NETBUF_PRIV_ALIGN);

	pool = uk_malloc(parent, sizeof(*pool));
	if (!pool)
		return NULL;
	pool->_ap = uk_allocpool_alloc(parent, count, objlen, objalign);
	if (!pool->_ap)
		goto err_free_pool;
	pool->_headroom = headroom;
	pool->_parent = parent;

	/* Prepare every object once: take them all, prepare, give back in
	 * reverse so the pool's address order is kept. */
	for (i = 0; i < count; i++) {
		obj = uk_allocpool_take(pool->_ap);
		nb = uk_netbuf_prepare_buf(obj, uk_allocpool_objlen(pool->_ap),
					   headroom, privlen, NULL);
		UK_ASSERT(nb && nb->buflen >= buflen);
		if (i == 0)
			pool->_nboff = (size_t)((char *)nb - (char *)obj);
		UK_ASSERT((size_t)((char *)nb - (char *)obj) == pool->_nboff);
		/* Freeing the netbuf returns _b (the object) to _a (the
		 * pool's allocator interface): the pool's recycling path. */
		nb->_a = uk_allocpool2ukalloc(pool->_ap);
		nb->_b = obj;
		nb->refcount = 0;
	}
	for (i = 0; i < count; i++) {
		obj = pool->_ap->_objs + (count - 1 - i) *
		      uk_allocpool_objlen(pool->_ap);
		uk_allocpool_return(pool->_ap, obj);
	}
	return pool;

err_free_pool:
	uk_free(parent, pool);
	return NULL;
}

int uk_netbuf_pool_destroy(struct uk_netbuf_pool *pool)
{
	int rc;

	if (!pool)
		return 0;
	rc = uk_allocpool_free(pool->_ap);
	if (rc < 0)
		return rc;
	uk_free(pool->_parent, pool);
	return 0;
}

unsigned int uk_netbuf_pool_get_batch(struct uk_netbuf_pool *pool,
				      struct uk_netbuf *nbs[],
				      unsigned int count)
{
	struct uk_allocpool *ap = pool->_ap;
	unsigned int n = MIN(count, ap->_avail);
	void **top = &ap->_stack[ap->_avail];

	/* Pop n objects off the top of the stack in one go (one update of
	 * _avail), then reset each netbuf's per-use fields. */
	ap->_avail -= n;
	for (unsigned int i = 0; i < n; i++)
		nbs[i] = _uk_netbuf_pool_init(pool, top[-1 - (int)i]);
	return n;
}

uint16_t uk_netbuf_pool_alloc_rxpkts(void *argp, struct uk_netbuf *pkts[],
				     uint16_t count)
{
	return (uint16_t)uk_netbuf_pool_get_batch(argp, pkts, count);
}

size_t uk_netbuf_pool_buflen(const struct uk_netbuf_pool *pool)
{
	const struct uk_netbuf *nb = (const struct uk_netbuf *)
		(pool->_ap->_objs + pool->_nboff);

	return nb->buflen;
}
