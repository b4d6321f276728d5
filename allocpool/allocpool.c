/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_allocpool: creation, destruction and the uk_alloc interface. Take and
 * return, single and batched, are inline in <uk/allocpool.h>.
 */
#include <string.h>
#include <errno.h>
#include <uk/allocpool.h>
#include <uk/print.h>

static inline struct uk_allocpool *compat2pool(struct uk_alloc *a)
{
	return __containerof(a, struct uk_allocpool, _compat);
}

static void *pool_malloc(struct uk_alloc *a, size_t size)
{
	struct uk_allocpool *p = compat2pool(a);

	if (unlikely(size > p->_objlen))
		return NULL;
	return uk_allocpool_take(p);
}

static void *pool_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	struct uk_allocpool *p = compat2pool(a);

	/* Every object is aligned to _align, which is a power of two: any
	 * smaller power of two is satisfied too. */
	if (unlikely(!IS_POW2(align) || align > p->_align))
		return NULL;
	return pool_malloc(a, size);
}

static void *pool_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct uk_allocpool *p = compat2pool(a);

	if (!ptr)
		return pool_malloc(a, size);
	if (size == 0) {
		uk_allocpool_return(p, ptr);
		return NULL;
	}
	/* All objects have the same size: it fits in place or nowhere. */
	return size <= p->_objlen ? ptr : NULL;
}

static void pool_free(struct uk_alloc *a, void *ptr)
{
	if (ptr)
		uk_allocpool_return(compat2pool(a), ptr);
}

static size_t pool_availmem(struct uk_alloc *a)
{
	struct uk_allocpool *p = compat2pool(a);

	return (size_t)p->_avail * p->_objlen;
}

static size_t pool_getsize(struct uk_alloc *a, const void *ptr __unused)
{
	return compat2pool(a)->_objlen;
}

struct uk_allocpool *uk_allocpool_alloc(struct uk_alloc *parent,
					size_t obj_count, size_t obj_len,
					size_t obj_align)
{
	size_t hdrlen, objlen, total;
	struct uk_allocpool *p;
	char *objs;
	size_t i;

	if (!parent || obj_count > UINT32_MAX)
		return NULL;
	if (obj_align == 0)
		obj_align = UK_ALLOCPOOL_MIN_ALIGN;
	if (!IS_POW2(obj_align) || obj_align > SIZE_MAX / 4)
		return NULL;
	obj_align = MAX(obj_align, (size_t)UK_ALLOCPOOL_MIN_ALIGN);
	if (obj_len > SIZE_MAX / 4)
		return NULL;
	objlen = ALIGN_UP(MAX(obj_len, (size_t)1), obj_align);

	/* struct, then the stack of pointers, then the objects at the
	 * next multiple of obj_align (the allocation is aligned to it). */
	hdrlen = ALIGN_UP(sizeof(*p) + obj_count * sizeof(void *), obj_align);
	if (obj_count > (SIZE_MAX / 2 - hdrlen) / objlen)
		return NULL;
	total = hdrlen + obj_count * objlen;

	p = uk_memalign(parent, obj_align, total);
	if (!p)
		return NULL;

	objs = (char *)p + hdrlen;
	p->_compat.malloc = pool_malloc;
	p->_compat.memalign = pool_memalign;
	p->_compat.realloc = pool_realloc;
	p->_compat.free = pool_free;
	p->_compat.availmem = pool_availmem;
	p->_compat.getsize = pool_getsize;
	p->_stack = (void **)(p + 1);
	p->_count = (uint32_t)obj_count;
	p->_avail = (uint32_t)obj_count;
	p->_objlen = objlen;
	p->_align = obj_align;
	p->_objs = objs;
	p->_objs_end = objs + obj_count * objlen;
	p->_parent = parent;

	/* Lowest address on top of the stack: a fresh pool hands out its
	 * objects in address order (friendlier to the prefetcher). */
	for (i = 0; i < obj_count; i++)
		p->_stack[i] = objs + (obj_count - 1 - i) * objlen;
	return p;
}

int uk_allocpool_free(struct uk_allocpool *p)
{
	if (!p)
		return 0;
	if (p->_avail != p->_count) {
		uk_pr_warn("allocpool %p: %u of %u objects still taken, not freed\n",
			   (void *)p, p->_count - p->_avail, p->_count);
		return -EBUSY;
	}
	uk_free(p->_parent, p);
	return 0;
}
