/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest suite "ukallocpool": exhaustion, alignment, batches, the uk_alloc
 * interface and freeing. Every case checks the parent allocator and the
 * pool come back to their initial counts.
 */
#include <string.h>
#include <errno.h>
#include <uk/allocpool.h>
#include <uk/test.h>

#define NOBJ 64

UK_TESTCASE(ukallocpool, exhaustion_and_return)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_allocpool *p;
	void *objs[NOBJ], *single;
	unsigned int i, j;

	p = uk_allocpool_alloc(a, NOBJ, 100, 0);
	UK_TEST_ASSERT(p != NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), NOBJ);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_count(p), NOBJ);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_objlen(p), 112); /* 16-rounded */
	for (i = 0; i < NOBJ; i++) {
		objs[i] = uk_allocpool_take(p);
		UK_TEST_ASSERT(objs[i] != NULL);
		memset(objs[i], (int)i, uk_allocpool_objlen(p));
		for (j = 0; j < i; j++)
			UK_TEST_EXPECT(objs[j] != objs[i]);
	}
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 0);
	UK_TEST_EXPECT_NULL(uk_allocpool_take(p));
	UK_TEST_EXPECT_NULL(uk_allocpool_take(p));
	/* No object was overwritten by its neighbours. */
	for (i = 0; i < NOBJ; i++)
		UK_TEST_EXPECT_UNUM_EQ(((unsigned char *)objs[i])[111], i);

	/* LIFO: the last returned is the next taken. */
	uk_allocpool_return(p, objs[5]);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 1);
	single = uk_allocpool_take(p);	/* (macros evaluate args twice) */
	UK_TEST_EXPECT_PTR_EQ(single, objs[5]);

	UK_TEST_EXPECT_SNUM_EQ(uk_allocpool_free(p), -EBUSY);
	for (i = 0; i < NOBJ; i++)
		uk_allocpool_return(p, objs[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), NOBJ);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(ukallocpool, every_object_aligned)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	size_t al, lens[] = { 1, 17, 60, 2048, 3000 };
	struct uk_allocpool *p;
	unsigned int i, k;
	void *objs[NOBJ];

	for (al = 1; al <= 4096; al <<= 1) {
		for (k = 0; k < ARRAY_SIZE(lens); k++) {
			p = uk_allocpool_alloc(a, NOBJ, lens[k], al);
			UK_TEST_ASSERT(p != NULL);
			UK_TEST_EXPECT_UNUM_GE(uk_allocpool_objlen(p),
					       lens[k]);
			UK_TEST_EXPECT_UNUM_GE(uk_allocpool_objalign(p), al);
			for (i = 0; i < NOBJ; i++) {
				objs[i] = uk_allocpool_take(p);
				UK_TEST_ASSERT(objs[i] != NULL);
				UK_TEST_EXPECT_ZERO((uintptr_t)objs[i] &
						    (MAX(al, 16) - 1));
			}
			for (i = 0; i < NOBJ; i++)
				uk_allocpool_return(p, objs[i]);
			UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
		}
	}
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(ukallocpool, bad_args)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);

	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(NULL, 4, 64, 0));
	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(a, 4, 64, 48));
	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(a, 4, (size_t)-1, 0));
	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(a, (size_t)-1, 64, 0));
	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(a, (size_t)1 << 31,
					       (size_t)1 << 31, 0));
	/* Larger than the parent can give: NULL, nothing leaked. */
	UK_TEST_EXPECT_NULL(uk_allocpool_alloc(a, before / 2048 + 1, 2048,
					       64));
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(NULL));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

/* As upstream: no objects is an empty pool, length 0 the smallest one. */
UK_TESTCASE(ukallocpool, empty_and_zero_length_pools)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_allocpool *p;
	void *objs[2], *o;

	p = uk_allocpool_alloc(a, 0, 64, 0);
	UK_TEST_ASSERT(p != NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_count(p), 0);
	UK_TEST_EXPECT_NULL(uk_allocpool_take(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_take_batch(p, objs, 2), 0);
	UK_TEST_EXPECT_NULL(uk_malloc(uk_allocpool2ukalloc(p), 1));
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));

	p = uk_allocpool_alloc(a, 2, 0, 0);
	UK_TEST_ASSERT(p != NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_objlen(p), UK_ALLOCPOOL_MIN_ALIGN);
	o = uk_allocpool_take(p);
	UK_TEST_ASSERT(o != NULL);
	memset(o, 0x11, uk_allocpool_objlen(p));
	uk_allocpool_return(p, o);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(ukallocpool, batch_partial)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	void *objs[NOBJ], *more[NOBJ], *single;
	struct uk_allocpool *p;
	unsigned int n, i;

	p = uk_allocpool_alloc(a, NOBJ, 64, 64);
	UK_TEST_ASSERT(p != NULL);
	n = uk_allocpool_take_batch(p, objs, 40);
	UK_TEST_EXPECT_UNUM_EQ(n, 40);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), NOBJ - 40);
	/* Only 24 left: a batch of 40 gets 24, then 0. */
	n = uk_allocpool_take_batch(p, more, 40);
	UK_TEST_EXPECT_UNUM_EQ(n, NOBJ - 40);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_take_batch(p, more + n, 1), 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_take_batch(p, more, 0), 0);
	for (i = 0; i < n; i++)
		UK_TEST_EXPECT_ZERO((uintptr_t)more[i] & 63);

	uk_allocpool_return_batch(p, more, n);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), NOBJ - 40);
	/* Same order as single operations: the last returned comes first. */
	single = uk_allocpool_take(p);
	UK_TEST_EXPECT_PTR_EQ(single, more[n - 1]);
	uk_allocpool_return(p, single);
	n = uk_allocpool_take_batch(p, more, 2);
	UK_TEST_EXPECT_UNUM_EQ(n, 2);
	UK_TEST_EXPECT_PTR_EQ(more[0], single);
	uk_allocpool_return_batch(p, more, 2);
	uk_allocpool_return_batch(p, objs, 40);
	uk_allocpool_return_batch(p, objs, 0);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), NOBJ);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(ukallocpool, compat_ukalloc)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	struct uk_allocpool *p;
	struct uk_alloc *pa;
	void *o[4], *r;

	p = uk_allocpool_alloc(a, 4, 2048, 64);
	UK_TEST_ASSERT(p != NULL);
	pa = uk_allocpool2ukalloc(p);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(pa), 4 * 2048);

	UK_TEST_EXPECT_NULL(uk_malloc(pa, 2049));
	UK_TEST_EXPECT_NULL(uk_memalign(pa, 128, 64));	/* pool is 64 */
	UK_TEST_EXPECT_NULL(uk_memalign(pa, 24, 64));
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 4);
	/* Size 0 gets an object, as upstream's pool malloc does. */
	r = uk_malloc(pa, 0);
	UK_TEST_ASSERT(r != NULL);
	uk_free(pa, r);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 4);

	o[0] = uk_malloc(pa, 2048);
	o[1] = uk_malloc(pa, 1);
	o[2] = uk_memalign(pa, 64, 100);
	o[3] = uk_calloc(pa, 16, 128);
	UK_TEST_ASSERT(o[0] && o[1] && o[2] && o[3]);
	UK_TEST_EXPECT_ZERO(((unsigned char *)o[3])[2047]);
	UK_TEST_EXPECT_ZERO((uintptr_t)o[2] & 63);
	UK_TEST_EXPECT_NULL(uk_malloc(pa, 1));		/* empty */
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(pa), 0);

	/* realloc: in place when it fits, refused otherwise. */
	r = uk_realloc(pa, o[1], 2000);
	UK_TEST_EXPECT_PTR_EQ(r, o[1]);
	UK_TEST_EXPECT_NULL(uk_realloc(pa, o[1], 4096));

	uk_free(pa, o[0]);
	uk_free(pa, NULL);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(pa), 2048);
	UK_TEST_EXPECT_SNUM_EQ(uk_allocpool_free(p), -EBUSY);
	uk_free(pa, o[1]);
	uk_free(pa, o[2]);
	uk_free(pa, o[3]);
	UK_TEST_EXPECT_UNUM_EQ(uk_allocpool_availcount(p), 4);
	UK_TEST_EXPECT_ZERO(uk_allocpool_free(p));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

uk_testsuite_register(ukallocpool, NULL);
