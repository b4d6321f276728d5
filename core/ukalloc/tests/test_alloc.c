/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>
#include <uk/alloc.h>
#include <uk/test.h>

UK_TESTCASE(ukalloc, malloc_is_16_aligned_and_writable)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t sizes[] = { 0, 1, 15, 16, 17, 100, 4096, 4097, 100000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = uk_malloc(a, sizes[i]);

		UK_TEST_ASSERT(p != NULL);
		UK_TEST_EXPECT_ZERO((uintptr_t)p & 15);
		memset(p, 0xa5, sizes[i]);
		uk_free(a, p);
	}
}

UK_TESTCASE(ukalloc, memalign_honours_alignment)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t al;

	for (al = 1; al <= 65536; al <<= 1) {
		void *p = uk_memalign(a, al, 100);

		UK_TEST_ASSERT(p != NULL);
		UK_TEST_EXPECT_ZERO((uintptr_t)p & (al - 1));
		memset(p, 0, 100);
		uk_free(a, p);
	}
	UK_TEST_EXPECT_NULL(uk_memalign(a, 24, 100)); /* not a power of 2 */
}

UK_TESTCASE(ukalloc, free_returns_memory)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t before = uk_alloc_availmem(a);
	void *p[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		p[i] = uk_malloc(a, 64 + i * 1000);
	UK_TEST_EXPECT_UNUM_LT(uk_alloc_availmem(a), before);
	for (i = 0; i < ARRAY_SIZE(p); i++)
		uk_free(a, p[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), before);
}

UK_TESTCASE(ukalloc, exhaustion_returns_null)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t avail = uk_alloc_availmem(a);

	UK_TEST_EXPECT_NULL(uk_malloc(a, avail + 1));
	UK_TEST_EXPECT_NULL(uk_malloc(a, (size_t)-1));
	UK_TEST_EXPECT_NULL(uk_calloc(a, (size_t)1 << 40, (size_t)1 << 40));
	UK_TEST_EXPECT_NULL(uk_memalign(a, 4096, avail));
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), avail);
}

UK_TESTCASE(ukalloc, calloc_zeroes)
{
	struct uk_alloc *a = uk_alloc_get_default();
	unsigned char *p = uk_malloc(a, 256), zero[256] = { 0 };

	UK_TEST_ASSERT(p != NULL);
	memset(p, 0xff, 256);
	uk_free(a, p);
	p = uk_calloc(a, 16, 16);	/* likely the same object again */
	UK_TEST_ASSERT(p != NULL);
	UK_TEST_EXPECT_BYTES_EQ(p, zero, 256);
	uk_free(a, p);
}

UK_TESTCASE(ukalloc, realloc_keeps_contents)
{
	struct uk_alloc *a = uk_alloc_get_default();
	char *p = uk_malloc(a, 10), *q;

	UK_TEST_ASSERT(p != NULL);
	memcpy(p, "abcdefghi", 10);
	q = uk_realloc(a, p, 20000);
	UK_TEST_ASSERT(q != NULL);
	UK_TEST_EXPECT_BYTES_EQ(q, "abcdefghi", 10);
	p = uk_realloc(a, q, 5);
	UK_TEST_ASSERT(p != NULL);
	UK_TEST_EXPECT_BYTES_EQ(p, "abcde", 5);
	UK_TEST_EXPECT_NULL(uk_realloc(a, p, 0)); /* frees */
	p = uk_realloc(a, NULL, 32);		/* mallocs */
	UK_TEST_EXPECT_NOT_NULL(p);
	/* A failed realloc leaves the object alone. */
	UK_TEST_EXPECT_NULL(uk_realloc(a, p, (size_t)-1 / 2));
	uk_free(a, p);
}

UK_TESTCASE(ukalloc, large_blocks_coalesce)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t avail = uk_alloc_availmem(a);
	void *x = uk_malloc(a, 1 << 20);
	void *y = uk_malloc(a, 1 << 20);
	void *z;

	UK_TEST_ASSERT(x && y);
	uk_free(a, x);
	uk_free(a, y);
	/* First fit: x was the lowest extent of 1 MiB or more, so nothing
	 * below it holds 1.5 MiB; z starts at x only if x merged with y. */
	z = uk_malloc(a, 3 << 19);
	UK_TEST_EXPECT_PTR_EQ(z, x);
	uk_free(a, z);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), avail);
}

/* As upstream: a NULL allocator (no heap yet) is an allocation failure,
 * not a crash. */
UK_TESTCASE(ukalloc, null_allocator_returns_null)
{
	UK_TEST_EXPECT_NULL(uk_malloc(NULL, 16));
	UK_TEST_EXPECT_NULL(uk_calloc(NULL, 2, 16));
	UK_TEST_EXPECT_NULL(uk_memalign(NULL, 64, 16));
	UK_TEST_EXPECT_NULL(uk_realloc(NULL, NULL, 16));
	uk_free(NULL, NULL);
}

uk_testsuite_register(ukalloc, NULL);
