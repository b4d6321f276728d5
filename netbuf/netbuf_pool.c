/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_netbuf_pool: netbufs prepared once in the objects of a uk_allocpool.
 * uk_netbuf_pool_get() is inline in <uk/netbuf_pool.h>.
 */
#include <errno.h>
#include <string.h>
#include <uk/netbuf_pool.h>

struct uk_netbuf_pool *uk_netbuf_pool_create(struct uk_alloc *parent,
					     size_t count, size_t buflen,
					     size_t bufalign,
					     uint16_t headroom,
					     size_t privlen)
{
	struct uk_netbuf *nb, *taken = NULL;
	struct uk_netbuf_pool *pool;
	size_t objlen, objalign, i;
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

	/* Prepare every object once: take them all (lowest address first,
	 * linked through next), then give them back last taken first so
	 * that the pool hands them out in address order again. */
	for (i = 0; i < count; i++) {
		obj = uk_allocpool_take(pool->_ap);
		nb = uk_netbuf_prepare_buf(obj, uk_allocpool_objlen(pool->_ap),
					   headroom, privlen, NULL);
		UK_ASSERT(nb && nb->buflen >= buflen);
		if (i == 0) {
			pool->_nboff = (size_t)((char *)nb - (char *)obj);
			pool->_buflen = nb->buflen;
		}
		UK_ASSERT((size_t)((char *)nb - (char *)obj) == pool->_nboff);
		/* Released netbufs go straight back to the allocpool. */
		_uk_netbuf_set_pool(nb, pool->_ap, obj);
		nb->refcount = 0;
		nb->next = taken;
		taken = nb;
	}
	while (taken) {
		nb = taken;
		taken = nb->next;
		nb->next = NULL;
		uk_allocpool_return(pool->_ap, nb->_b);
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
	unsigned int n, i;
	void *obj;

	/* The objects land in nbs[] itself, then each slot is turned into
	 * its netbuf; memcpy reads a slot written as a void * without
	 * breaking the aliasing rules (it compiles to one load). */
	n = uk_allocpool_take_batch(pool->_ap, (void **)nbs, count);
	for (i = 0; i < n; i++) {
		memcpy(&obj, &nbs[i], sizeof(obj));
		nbs[i] = _uk_netbuf_pool_init(pool, obj);
	}
	return n;
}

uint16_t uk_netbuf_pool_alloc_rxpkts(void *argp, struct uk_netbuf *pkts[],
				     uint16_t count)
{
	return (uint16_t)uk_netbuf_pool_get_batch(argp, pkts, count);
}
