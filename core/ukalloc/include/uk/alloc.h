/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocator interface. Every allocator (the default heap, a pool from
 * libukallocpool, ...) is reached through a struct uk_alloc, so code that
 * takes an allocator argument works with any of them.
 *
 * All functions return NULL (or 0) when memory runs out; none crashes.
 * As upstream, uk_malloc(), uk_calloc(), uk_memalign() and uk_realloc()
 * also return NULL for a NULL allocator (e.g. uk_alloc_get_default()
 * before the heap exists).
 */
#ifndef __UK_ALLOC_H__
#define __UK_ALLOC_H__

#include <uk/essentials.h>

struct uk_alloc;

typedef void *(*uk_alloc_malloc_func_t)(struct uk_alloc *a, size_t size);
typedef void *(*uk_alloc_memalign_func_t)(struct uk_alloc *a, size_t align,
					  size_t size);
typedef void *(*uk_alloc_realloc_func_t)(struct uk_alloc *a, void *ptr,
					 size_t size);
typedef void (*uk_alloc_free_func_t)(struct uk_alloc *a, void *ptr);
typedef size_t (*uk_alloc_availmem_func_t)(struct uk_alloc *a);

/**
 * An allocator. Implementations embed this struct and recover their own
 * state with __containerof(). malloc, memalign and free are mandatory;
 * realloc and availmem may be NULL (uk_realloc() then falls back to
 * malloc+copy when the allocator can report an object's size through
 * getsize, and uk_alloc_availmem() returns 0).
 */
struct uk_alloc {
	uk_alloc_malloc_func_t malloc;
	uk_alloc_memalign_func_t memalign;
	uk_alloc_realloc_func_t realloc;
	uk_alloc_free_func_t free;
	uk_alloc_availmem_func_t availmem;
	/** Usable size of an object from this allocator (for realloc). */
	size_t (*getsize)(struct uk_alloc *a, const void *ptr);
};

/** The default (heap) allocator, set up at boot from the platform's
 * free memory regions. */
struct uk_alloc *uk_alloc_get_default(void);

/** Replace the default allocator (returns the previous one). */
struct uk_alloc *uk_alloc_set_default(struct uk_alloc *a);

/** @return @p size bytes aligned to at least 16, or NULL (also when
 * @p a is NULL). */
static inline void *uk_malloc(struct uk_alloc *a, size_t size)
{
	if (unlikely(!a))
		return NULL;
	return a->malloc(a, size);
}

/** @return zeroed memory for @p n objects of @p size bytes, or NULL
 * (also on multiplication overflow). */
void *uk_calloc(struct uk_alloc *a, size_t n, size_t size);

/**
 * @param align power of two
 * @return @p size bytes aligned to @p align, or NULL (also when @p align
 *         is not a power of two, or @p a is NULL)
 */
static inline void *uk_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	if (unlikely(!a))
		return NULL;
	return a->memalign(a, align, size);
}

/** Resize @p ptr (NULL: like uk_malloc; size 0: free and return NULL).
 * On failure (NULL @p a included) the old object is left untouched and
 * NULL is returned. */
void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size);

/** Free @p ptr (NULL is allowed). */
static inline void uk_free(struct uk_alloc *a, void *ptr)
{
	if (ptr)
		a->free(a, ptr);
}

/** @return usable bytes of object @p ptr (0 if @p a cannot tell) */
static inline size_t uk_alloc_usable_size(struct uk_alloc *a,
					  const void *ptr)
{
	return a->getsize ? a->getsize(a, ptr) : 0;
}

/** @return bytes still available from @p a (0 if it cannot tell). */
static inline size_t uk_alloc_availmem(struct uk_alloc *a)
{
	return a->availmem ? a->availmem(a) : 0;
}

/**
 * Set up the default heap allocator on [@p base, @p base + @p len).
 * Called by ukboot for the largest free memory region; more regions may
 * be added with uk_alloc_addmem().
 * @return the allocator, or NULL if the region is too small
 */
struct uk_alloc *uk_heap_init(void *base, size_t len);

/** Add another free region to the default heap. @return 0 or -EINVAL */
int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len);

#endif /* __UK_ALLOC_H__ */
