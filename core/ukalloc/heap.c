/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Default heap allocator.
 *
 * Small objects (<= 4 KiB) come in power-of-two size classes, each with
 * its own LIFO free list, so the alloc/free pattern of a packet loop is
 * O(1) after warm-up. Everything else, and the refill of an empty class,
 * is carved first-fit from an address-ordered list of free extents that
 * merges neighbours on free. Every object has a 16-byte header in front
 * of it; memalign() places a second, "aligned" header in front of the
 * aligned pointer that leads back to the real one.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/print.h>

#define HDR_SIZE	16UL
#define MIN_SHIFT	4	/* 16 B */
#define MAX_SHIFT	12	/* 4 KiB: biggest size class */
#define NCLASSES	(MAX_SHIFT - MIN_SHIFT + 1)
#define EXTENT_MIN	64UL	/* a large block keeps a smaller leftover */

#define MAGIC_SMALL	0x5a11u
#define MAGIC_LARGE	0x1a26u
#define MAGIC_ALIGNED	0xa119u
#define MAGIC_FREE	0xf4eeu

struct hdr {
	size_t size;		/* small: class shift; large: block bytes */
	__u32 magic;
	__u32 offset;		/* aligned header: distance back to object */
};
UK_CTASSERT(sizeof(struct hdr) == HDR_SIZE);

/* A free extent of the large list (sits where a header would be). */
struct extent {
	size_t size;		/* bytes, header included */
	struct extent *next;	/* by increasing address */
};

struct heap {
	struct uk_alloc a;
	struct extent *extents;
	void *classes[NCLASSES];	/* free small objects (payloads) */
	size_t free_bytes;
};

static struct heap heap;

static inline struct hdr *hdr_of(const void *p)
{
	return (struct hdr *)((uintptr_t)p - HDR_SIZE);
}

static unsigned int class_shift(size_t size)
{
	unsigned int s = MIN_SHIFT;

	while (((size_t)1 << s) < size)
		s++;
	return s;
}

/* First fit from the extent list; the remainder stays in place as an
 * extent when it has at least @p min_rest bytes, else it goes with the
 * block (whose header then records the whole size). */
static void *extent_take(struct heap *h, size_t bytes, size_t min_rest)
{
	struct extent **pp, *e;

	bytes = ALIGN_UP(bytes, HDR_SIZE);
	for (pp = &h->extents; (e = *pp); pp = &e->next) {
		if (e->size < bytes)
			continue;
		if (e->size - bytes >= min_rest) {
			struct extent *rest = (struct extent *)
					      ((uintptr_t)e + bytes);

			rest->size = e->size - bytes;
			rest->next = e->next;
			*pp = rest;
		} else {
			bytes = e->size;
			*pp = e->next;
		}
		h->free_bytes -= bytes;
		((struct hdr *)e)->size = bytes;
		return e;
	}
	return NULL;
}

/* Insert in address order and merge with both neighbours. */
static void extent_put(struct heap *h, void *base, size_t bytes)
{
	struct extent *e = base, *prev = NULL, *next = h->extents;

	while (next && (uintptr_t)next < (uintptr_t)e) {
		prev = next;
		next = next->next;
	}
	e->size = bytes;
	e->next = next;
	if (next && (uintptr_t)e + e->size == (uintptr_t)next) {
		e->size += next->size;
		e->next = next->next;
	}
	if (prev && (uintptr_t)prev + prev->size == (uintptr_t)e) {
		prev->size += e->size;
		prev->next = e->next;
	} else if (prev) {
		prev->next = e;
	} else {
		h->extents = e;
	}
	h->free_bytes += bytes;
}

static void *heap_malloc(struct uk_alloc *a, size_t size)
{
	struct heap *h = __containerof(a, struct heap, a);
	struct hdr *hd;

	if (size > ((size_t)1 << 62))
		return NULL;
	if (size <= ((size_t)1 << MAX_SHIFT)) {
		unsigned int s = class_shift(size);
		void **head = &h->classes[s - MIN_SHIFT];
		void *p = *head;

		if (p) {
			*head = *(void **)p;
			h->free_bytes -= HDR_SIZE + ((size_t)1 << s);
			hd = hdr_of(p);
		} else {
			/* Split exactly: a small object's header holds its
			 * class, not its block size, so a leftover going with
			 * it would never come back. Sizes are multiples of 16,
			 * so any leftover can hold an extent. */
			hd = extent_take(h, HDR_SIZE + ((size_t)1 << s),
					 sizeof(struct extent));
			if (!hd)
				return NULL;
		}
		hd->size = s;
		hd->magic = MAGIC_SMALL;
		hd->offset = 0;
		return hd + 1;
	}
	hd = extent_take(h, HDR_SIZE + size, EXTENT_MIN);
	if (!hd)
		return NULL;
	hd->magic = MAGIC_LARGE;
	hd->offset = 0;
	return hd + 1;
}

static void heap_free(struct uk_alloc *a, void *p)
{
	struct heap *h = __containerof(a, struct heap, a);
	struct hdr *hd = hdr_of(p);

	if (hd->magic == MAGIC_ALIGNED) {
		p = (void *)((uintptr_t)p - hd->offset);
		hd = hdr_of(p);
	}
	switch (hd->magic) {
	case MAGIC_SMALL:
		hd->magic = MAGIC_FREE;
		*(void **)p = h->classes[hd->size - MIN_SHIFT];
		h->classes[hd->size - MIN_SHIFT] = p;
		h->free_bytes += HDR_SIZE + ((size_t)1 << hd->size);
		break;
	case MAGIC_LARGE:
		hd->magic = MAGIC_FREE;
		extent_put(h, hd, hd->size);
		break;
	case MAGIC_FREE:
		UK_CRASH("heap: double free of %p\n", p);
	default:
		UK_CRASH("heap: free of %p, not from this heap\n", p);
	}
}

static size_t heap_getsize(struct uk_alloc *a __unused, const void *p)
{
	struct hdr *hd = hdr_of(p);
	size_t off = 0;

	if (hd->magic == MAGIC_ALIGNED) {
		off = hd->offset;
		hd = hdr_of((const void *)((uintptr_t)p - off));
	}
	if (hd->magic == MAGIC_SMALL)
		return ((size_t)1 << hd->size) - off;
	return hd->size - HDR_SIZE - off;
}

static void *heap_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	uintptr_t raw, p;
	struct hdr *hd;

	if (!IS_POW2(align) || size > ((size_t)1 << 62) ||
	    align > ((size_t)1 << 30))
		return NULL;
	if (align <= HDR_SIZE)
		return heap_malloc(a, size);
	/* Room for the aligned header in front of the aligned pointer. */
	raw = (uintptr_t)heap_malloc(a, size + align + HDR_SIZE);
	if (!raw)
		return NULL;
	p = ALIGN_UP(raw + HDR_SIZE, align);
	hd = hdr_of((void *)p);
	hd->magic = MAGIC_ALIGNED;
	hd->offset = p - raw;
	hd->size = 0;
	return (void *)p;
}

static size_t heap_availmem(struct uk_alloc *a)
{
	return __containerof(a, struct heap, a)->free_bytes;
}

int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct heap *h = __containerof(a, struct heap, a);
	uintptr_t start = ALIGN_UP((uintptr_t)base, HDR_SIZE);

	if (a != &heap.a || len < (start - (uintptr_t)base) + EXTENT_MIN)
		return -EINVAL;
	len = ALIGN_DOWN(len - (start - (uintptr_t)base), HDR_SIZE);
	extent_put(h, (void *)start, len);
	return 0;
}

struct uk_alloc *uk_heap_init(void *base, size_t len)
{
	heap.a.malloc = heap_malloc;
	heap.a.memalign = heap_memalign;
	heap.a.realloc = NULL;	/* generic: getsize + malloc + copy */
	heap.a.free = heap_free;
	heap.a.availmem = heap_availmem;
	heap.a.getsize = heap_getsize;
	if (uk_alloc_addmem(&heap.a, base, len) < 0)
		return NULL;
	return &heap.a;
}
