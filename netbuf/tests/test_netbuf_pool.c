/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "uknetbuf_pool": get/free through the pool, batches and
 * the alloc_rxpkts callback. Every case ends with the pool full and the
 * default allocator back where it started.
 */
#include <string.h>
#include <errno.h>
#include <uk/netbuf_pool.h>
#include <uk/test.h>

#define NNB 32

UK_TESTCASE(uknetbuf_pool, get_free_returns_to_pool)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf_pool *pool;
	struct uk_netbuf *nb[NNB], *x;
	unsigned int i;

	pool = uk_netbuf_pool_create(a, NNB, 1536, 0, 12, 8);
	UK_TEST_ASSERT(pool != NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), NNB);
	UK_TEST_EXPECT_UNUM_GE(uk_netbuf_pool_buflen(pool), 1536);

	for (i = 0; i < NNB; i++) {
		nb[i] = uk_netbuf_pool_get(pool);
		UK_TEST_ASSERT(nb[i] != NULL);
		UK_TEST_EXPECT_PTR_EQ(nb[i]->data, (char *)nb[i]->buf + 12);
		UK_TEST_EXPECT_UNUM_EQ(nb[i]->len, 0);
		UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(nb[i]),
				       1);
		UK_TEST_EXPECT_NULL(nb[i]->next);
		UK_TEST_EXPECT_NOT_NULL(uk_netbuf_get_priv(nb[i]));
		UK_TEST_EXPECT_ZERO((uintptr_t)nb[i]->buf & 63);
		UK_TEST_EXPECT_UNUM_GE(uk_netbuf_tailroom(nb[i]), 1536 - 12);
	}
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_get(pool));
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 0);

	/* Dirty one, free it: it comes back reset. */
	nb[3]->len = 100;
	nb[3]->flags = UK_NETBUF_F_DATA_VALID;
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_header(nb[3], 12), 1);
	uk_netbuf_free(nb[3]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 1);
	x = uk_netbuf_pool_get(pool);
	UK_TEST_EXPECT_PTR_EQ(x, nb[3]);
	UK_TEST_EXPECT_UNUM_EQ(x->len, 0);
	UK_TEST_EXPECT_UNUM_EQ(x->flags, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_headroom(x), 12);

	/* Refcounted resend: only the last free returns it. */
	uk_netbuf_ref(x);
	uk_netbuf_free(x);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_pool_destroy(pool), -EBUSY);
	uk_netbuf_free(x);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 1);

	/* A chain of pool netbufs goes back whole, unchained. */
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(nb[0], nb[1]));
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(nb[0], nb[2]));
	uk_netbuf_free(nb[0]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 4);
	for (i = 0; i < 3; i++) {
		x = uk_netbuf_pool_get(pool);
		UK_TEST_EXPECT_NULL(x->next);
		UK_TEST_EXPECT_NULL(x->prev);
		uk_netbuf_free(x);
	}

	for (i = 4; i < NNB; i++)
		uk_netbuf_free(nb[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), NNB);
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(pool));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf_pool, rxpkts_partial_fill)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *pkts[NNB], *keep[NNB];
	struct uk_netbuf_pool *pool;
	unsigned int i, nkeep;
	uint16_t n;

	pool = uk_netbuf_pool_create(a, NNB, 2048, 4096, 0, 0);
	UK_TEST_ASSERT(pool != NULL);
	nkeep = uk_netbuf_pool_get_batch(pool, keep, NNB - 5);
	UK_TEST_EXPECT_UNUM_EQ(nkeep, NNB - 5);

	/* 5 left: a refill of 16 gets 5, then 0. */
	n = uk_netbuf_pool_alloc_rxpkts(pool, pkts, 16);
	UK_TEST_EXPECT_UNUM_EQ(n, 5);
	for (i = 0; i < n; i++) {
		UK_TEST_EXPECT_ZERO((uintptr_t)pkts[i]->buf & 4095);
		UK_TEST_EXPECT_PTR_EQ(pkts[i]->data, pkts[i]->buf);
		UK_TEST_EXPECT_UNUM_EQ(pkts[i]->refcount, 1);
	}
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_alloc_rxpkts(pool, pkts + n,
							   16), 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), 0);

	for (i = 0; i < n; i++)
		uk_netbuf_free(pkts[i]);
	for (i = 0; i < nkeep; i++)
		uk_netbuf_free(keep[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), NNB);
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(pool));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

/* A fresh pool hands its netbufs out in address order, single or in
 * batches; a batch is the order single gets would give. */
UK_TESTCASE(uknetbuf_pool, get_batch_order)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *nb[NNB], *one;
	struct uk_netbuf_pool *pool;
	unsigned int i, n;

	pool = uk_netbuf_pool_create(a, NNB, 512, 0, 0, 0);
	UK_TEST_ASSERT(pool != NULL);
	n = uk_netbuf_pool_get_batch(pool, nb, NNB);
	UK_TEST_EXPECT_UNUM_EQ(n, NNB);
	for (i = 1; i < n; i++)
		UK_TEST_EXPECT((char *)nb[i]->buf > (char *)nb[i - 1]->buf);
	/* Back in reverse: the next single get is nb[0] again. */
	for (i = n; i-- > 0;)
		uk_netbuf_free(nb[i]);
	one = uk_netbuf_pool_get(pool);
	UK_TEST_EXPECT_PTR_EQ(one, nb[0]);
	n = uk_netbuf_pool_get_batch(pool, nb, 3);
	UK_TEST_EXPECT_UNUM_EQ(n, 3);
	UK_TEST_EXPECT(nb[0] != one);
	uk_netbuf_free(one);
	for (i = 0; i < n; i++)
		uk_netbuf_free(nb[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), NNB);
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(pool));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

/* uk_netbuf_free_batch() of pool netbufs: bursts from two pools mixed,
 * longer than one internal run, with shared, chained, NULL and heap
 * netbufs in between; every pool is full again afterwards. */
UK_TESTCASE(uknetbuf_pool, free_batch_returns_to_each_pool)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf_pool *p1, *p2;
	struct uk_netbuf *nbs[100], *shared, *heap;
	unsigned int i, n = 0;

	p1 = uk_netbuf_pool_create(a, 64, 256, 0, 0, 0);
	p2 = uk_netbuf_pool_create(a, 16, 256, 0, 0, 0);
	UK_TEST_ASSERT(p1 && p2);
	/* 40 from p1 (more than one run of 32), then 8 alternating */
	n += uk_netbuf_pool_get_batch(p1, nbs, 40);
	for (i = 0; i < 8; i++)
		nbs[n++] = uk_netbuf_pool_get(i & 1 ? p1 : p2);
	shared = uk_netbuf_pool_get(p2);
	nbs[n++] = uk_netbuf_ref(shared);
	nbs[n++] = NULL;
	heap = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	UK_TEST_ASSERT(heap != NULL);
	nbs[n++] = heap;
	nbs[n] = uk_netbuf_pool_get(p2);
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(nbs[n], uk_netbuf_pool_get(p1)));
	n++;
	n += uk_netbuf_pool_get_batch(p2, nbs + n, 5);
	UK_TEST_EXPECT_UNUM_EQ(n, 40 + 8 + 4 + 5);
	for (i = 0; i < n; i++)
		UK_TEST_ASSERT(!nbs[i] || nbs[i]->refcount >= 1);

	uk_netbuf_free_batch(nbs, n);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(p1), 64);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(p2), 15);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(shared), 1);
	uk_netbuf_free_batch(&shared, 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(p2), 16);
	/* Everything came back unchained and reset on the next get. */
	n = uk_netbuf_pool_get_batch(p1, nbs, 64);
	UK_TEST_EXPECT_UNUM_EQ(n, 64);
	for (i = 0; i < n; i++) {
		UK_TEST_EXPECT_NULL(nbs[i]->next);
		UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(nbs[i]),
				       1);
	}
	uk_netbuf_free_batch(nbs, n);
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(p1));
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(p2));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(uknetbuf_pool, bad_args)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);

	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(NULL, 4, 2048, 0, 0, 0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, 0, 2048, 0, 0, 0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, 4, 0, 0, 0, 0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, 4, 64, 0, 65, 0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, 4, 64, 48, 0, 0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, 4, (size_t)-1, 0, 0,
						  0));
	UK_TEST_EXPECT_NULL(uk_netbuf_pool_create(a, before / 2048 + 1, 2048,
						  0, 0, 0));
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(NULL));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}


/* The workshop's 06.1: alloc_buf and dup_single from a 2048-byte pool
 * through its uk_alloc interface (UK_NETBUF_ALLOC_SIZE tells what fits). */
UK_TESTCASE(uknetbuf_pool, alloc_buf_from_allocpool)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_netbuf *m, *d;
	struct uk_allocpool *p;
	struct uk_alloc *pa;

	p = uk_allocpool_alloc(a, 4, 2048, 64);
	UK_TEST_ASSERT(p != NULL);
	pa = uk_allocpool2ukalloc(p);
	UK_TEST_EXPECT_UNUM_EQ(UK_NETBUF_ALLOC_SIZE(2048 - UK_NETBUF_META_LEN,
						    0), 2048);
	m = uk_netbuf_alloc_buf(pa, 2048 - UK_NETBUF_META_LEN, 64, 12, 0,
				NULL);
	UK_TEST_ASSERT(m != NULL);
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(pa, 2048, 64, 12, 0, NULL));
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 3);
	m->len = 60;
	memset(m->data, 0x42, 60);
	d = uk_netbuf_dup_single(pa, 64, 12, m);
	UK_TEST_ASSERT(d != NULL);
	UK_TEST_EXPECT_BYTES_EQ(d->data, m->data, 60);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 2);
	/* Not uk_netbuf_pool netbufs: they go back through pa's free, also
	 * from uk_netbuf_free_batch(). */
	UK_TEST_EXPECT_NULL(_uk_netbuf_pool(m));
	UK_TEST_EXPECT_PTR_EQ(m->_a, pa);
	uk_netbuf_free(m);
	uk_netbuf_free_batch(&d, 1);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 4);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

uk_testsuite_register(uknetbuf_pool, NULL);
