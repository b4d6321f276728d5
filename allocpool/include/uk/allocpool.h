/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_allocpool: a pool of equally sized, aligned objects with O(1) take
 * and return (O(n) for a batch of n), for the packet fast path.
 *
 * The pool is one allocation from a parent allocator:
 *
 *   +-------------------+---------------------+-----+------+------+---
 *   | struct uk_allocpool| free stack          | pad | obj0 | obj1 | ...
 *   |                    | (obj_count pointers)|     |      |      |
 *   +-------------------+---------------------+-----+------+------+---
 *
 * Free objects are kept on a LIFO stack of pointers: take pops, return
 * pushes, so the object taken next is the one returned last, still hot
 * in the cache. The stack array never touches the objects themselves
 * (an object can be handed out without reading its memory) and batches
 * are plain copies of pointer runs.
 *
 * No locks and no atomics: a pool belongs to one core (or the caller
 * serialises). Returning a foreign pointer or an object twice is a
 * programmer error, caught by UK_ASSERT when assertions are enabled
 * (CONFIG_LIBUKDEBUG_ENABLE_ASSERT: range, stride and overflow checks
 * on every return, O(1)); without assertions it corrupts the pool.
 */
#ifndef __UK_ALLOCPOOL_H__
#define __UK_ALLOCPOOL_H__

#include <string.h>
#include <uk/essentials.h>
#include <uk/alloc.h>
#include <uk/assert.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Smallest object alignment (also used when obj_align is 0). */
#define UK_ALLOCPOOL_MIN_ALIGN	16

/**
 * A pool. The fields are public only so that take/return can be inline;
 * use the functions below.
 */
struct uk_allocpool {
	struct uk_alloc _compat;	/**< uk_allocpool2ukalloc() */
	void **_stack;			/**< free objects, _stack[0.._avail) */
	uint32_t _avail;		/**< free objects */
	uint32_t _count;		/**< all objects */
	size_t _objlen;			/**< usable size = stride */
	size_t _align;			/**< alignment of every object */
	char *_objs;			/**< first object */
	char *_objs_end;		/**< _objs + _count * _objlen */
	struct uk_alloc *_parent;	/**< allocator of this pool */
};

/**
 * Create a pool of @p obj_count objects of @p obj_len bytes from one
 * allocation of @p parent.
 * @param obj_count number of objects; 0 gives an empty pool (every take
 *        fails), as upstream
 * @param obj_len object size; 0 is raised to the alignment, and the size
 *        is rounded up to a multiple of it (uk_allocpool_objlen() tells
 *        the result)
 * @param obj_align alignment of every object: a power of two, or 0 for
 *        UK_ALLOCPOOL_MIN_ALIGN; smaller values are raised to it
 * @return the pool (every object free), or NULL on a bad argument
 *         (NULL parent, count > UINT32_MAX, alignment not a power of
 *         two, size overflow) or when @p parent is out of memory
 */
struct uk_allocpool *uk_allocpool_alloc(struct uk_alloc *parent,
					size_t obj_count, size_t obj_len,
					size_t obj_align);

/**
 * Give the pool's memory back to its parent allocator. Refused while
 * objects are still taken (the pool stays usable).
 * @return 0 (also for NULL), or -EBUSY when objects are still out
 */
int uk_allocpool_free(struct uk_allocpool *p);

/** @return the number of free objects */
static inline unsigned int uk_allocpool_availcount(const struct uk_allocpool *p)
{
	return p->_avail;
}

/** @return the number of objects of the pool */
static inline unsigned int uk_allocpool_count(const struct uk_allocpool *p)
{
	return p->_count;
}

/** @return the usable size of every object (obj_len rounded up) */
static inline size_t uk_allocpool_objlen(const struct uk_allocpool *p)
{
	return p->_objlen;
}

/** @return the alignment of every object */
static inline size_t uk_allocpool_objalign(const struct uk_allocpool *p)
{
	return p->_align;
}

/** Debug check that @p obj is one of @p p's objects (no-op otherwise). */
static inline void _uk_allocpool_check(const struct uk_allocpool *p __unused,
				       const void *obj __unused)
{
	UK_ASSERT((const char *)obj >= p->_objs);
	UK_ASSERT((const char *)obj < p->_objs_end);
	UK_ASSERT(((size_t)((const char *)obj - p->_objs) % p->_objlen) == 0);
}

/** @return a free object, or NULL when the pool is empty. O(1). */
static inline void *uk_allocpool_take(struct uk_allocpool *p)
{
	if (unlikely(p->_avail == 0))
		return NULL;
	return p->_stack[--p->_avail];
}

/** Put @p obj (taken from @p p) back. O(1). */
static inline void uk_allocpool_return(struct uk_allocpool *p, void *obj)
{
	_uk_allocpool_check(p, obj);
	UK_ASSERT(p->_avail < p->_count);	/* returned twice */
	p->_stack[p->_avail++] = obj;
}

/**
 * Take up to @p count objects into @p objs[0..), in the order @p count
 * single uk_allocpool_take() calls would give them (the last returned
 * first). O(count), one update of the free count.
 * @return how many were taken (less than @p count when the pool runs
 *         out, 0 when it is empty)
 */
static inline unsigned int uk_allocpool_take_batch(struct uk_allocpool *p,
						   void *objs[],
						   unsigned int count)
{
	unsigned int n = MIN(count, (unsigned int)p->_avail), i = 0;
	void **top = p->_stack + p->_avail;

	/* Four at a time: the copy runs backwards, which gcc neither turns
	 * into memcpy nor vectorises; unrolled, uk_netbuf_pool_get_batch()
	 * costs 13.2 instead of 15.8 instructions per netbuf (callgrind,
	 * bench/run native-null, pktgen mode=pool). */
	for (; i + 4 <= n; i += 4, top -= 4) {
		void *o0 = top[-1], *o1 = top[-2], *o2 = top[-3], *o3 = top[-4];

		objs[i] = o0;
		objs[i + 1] = o1;
		objs[i + 2] = o2;
		objs[i + 3] = o3;
	}
	for (; i < n; i++)
		objs[i] = *--top;
	p->_avail -= n;
	return n;
}

/**
 * Put @p count objects of @p objs[] (taken from @p p) back, as @p count
 * uk_allocpool_return() calls in index order would. O(count), one update
 * of the free count.
 */
static inline void uk_allocpool_return_batch(struct uk_allocpool *p,
					     void *objs[],
					     unsigned int count)
{
	UK_ASSERT(count <= p->_count - p->_avail);	/* returned twice */
#if CONFIG_LIBUKDEBUG_ENABLE_ASSERT
	for (unsigned int i = 0; i < count; i++)
		_uk_allocpool_check(p, objs[i]);
#endif
	/* An explicit memcpy: gcc would turn a copy loop into one anyway,
	 * and a call it creates that late does not link under LTO. */
	memcpy(p->_stack + p->_avail, objs, count * sizeof(*objs));
	p->_avail += count;
}

/**
 * The pool as a generic allocator: malloc(size) and memalign(align, size)
 * return an object when size <= objlen (size 0 included, as upstream) and
 * align is a power of two <= the pool's alignment, NULL otherwise or when
 * the pool is empty; free() returns it;
 * realloc keeps the object when the new size fits, else fails; availmem
 * is availcount * objlen. The allocator lives inside the pool: it is
 * valid until uk_allocpool_free().
 */
static inline struct uk_alloc *uk_allocpool2ukalloc(struct uk_allocpool *p)
{
	return &p->_compat;
}

#ifdef __cplusplus
}
#endif

#endif /* __UK_ALLOCPOOL_H__ */
