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
	UK_TEST_EXPECT_ZERO(uk_netbuf_header(nb[3], 12));
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
	uk_netbuf_free(m);
	uk_netbuf_free(d);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 4);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

uk_testsuite_register(uknetbuf_pool, NULL);
