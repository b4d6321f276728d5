/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * qsort (heapsort: no recursion, no worst case) and bsearch.
 */
#include <stdint.h>
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	char t;

	if (size % 8 == 0 && ((uintptr_t)a | (uintptr_t)b) % 8 == 0) {
		uint64_t w;

		for (; size; size -= 8, a += 8, b += 8) {
			w = *(uint64_t *)a;
			*(uint64_t *)a = *(uint64_t *)b;
			*(uint64_t *)b = w;
		}
		return;
	}
	for (; size; size--, a++, b++) {
		t = *a;
		*a = *b;
		*b = t;
	}
}

/* Move element @p i down the max-heap of @p n elements. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t i;

	if (n < 2 || !size)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;
	size_t lo = 0, hi = n, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = cmp(key, b + mid * size);
		if (!r)
			return (void *)(b + mid * size);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
