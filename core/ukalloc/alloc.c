/* SPDX-License-Identifier: BSD-3-Clause */
/* Allocator-independent parts of the uk_alloc interface. */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>

static struct uk_alloc *default_alloc;

struct uk_alloc *uk_alloc_get_default(void)
{
	return default_alloc;
}

struct uk_alloc *uk_alloc_set_default(struct uk_alloc *a)
{
	struct uk_alloc *old = default_alloc;

	default_alloc = a;
	return old;
}

void *uk_calloc(struct uk_alloc *a, size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total))
		return NULL;
	p = uk_malloc(a, total);
	if (p)
		memset(p, 0, total);
	return p;
}

void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!a)
		return NULL;
	if (!ptr)
		return uk_malloc(a, size);
	if (!size) {
		uk_free(a, ptr);
		return NULL;
	}
	if (a->realloc)
		return a->realloc(a, ptr, size);
	if (!a->getsize)
		return NULL;
	old = a->getsize(a, ptr);
	if (size <= old)
		return ptr;
	p = uk_malloc(a, size);
	if (p) {
		memcpy(p, ptr, old);
		uk_free(a, ptr);
	}
	return p;
}
