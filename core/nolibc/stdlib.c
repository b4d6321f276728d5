/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory from the default allocator, exit and abort, abs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/plat/bootstrap.h>

void *malloc(size_t size)
{
	return uk_malloc(uk_alloc_get_default(), size);
}

void *calloc(size_t n, size_t size)
{
	return uk_calloc(uk_alloc_get_default(), n, size);
}

void *realloc(void *ptr, size_t size)
{
	return uk_realloc(uk_alloc_get_default(), ptr, size);
}

void free(void *ptr)
{
	uk_free(uk_alloc_get_default(), ptr);
}

int posix_memalign(void **ptr, size_t align, size_t size)
{
	void *p;

	if (!IS_POW2(align) || align % sizeof(void *))
		return EINVAL;
	p = uk_memalign(uk_alloc_get_default(), align, size);
	if (!p)
		return ENOMEM;
	*ptr = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	if (!IS_POW2(align)) {
		errno = EINVAL;
		return NULL;
	}
	return uk_memalign(uk_alloc_get_default(), align, size);
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *strdup(const char *s)
{
	return strndup(s, strlen(s));
}

void exit(int status)
{
	ukplat_terminate(status);
}

void abort(void)
{
	UK_CRASH("abort() called\n");
}

int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}

long long llabs(long long v)
{
	return v < 0 ? -v : v;
}
