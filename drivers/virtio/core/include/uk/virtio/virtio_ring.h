/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueue layout, transcribed from the VIRTIO 1.2 specification,
 * section 2.7 "Split Virtqueues". All fields are little-endian; uknf runs on
 * x86-64 only, so plain integer types are used.
 *
 * A split virtqueue of N (a power of two, at most 32768) entries has three
 * parts the driver allocates in guest memory:
 *   descriptor table  16 * N bytes, 16-byte aligned   (2.7.5)
 *   available ring    6 + 2 * N bytes, 2-byte aligned (2.7.6), driver-owned
 *   used ring         6 + 8 * N bytes, 4-byte aligned (2.7.8), device-owned
 * Legacy (pre-1.0) transports need the three parts contiguous and the used
 * ring at the next 4096-byte boundary after the available ring (2.7.2).
 */
#ifndef __VIRTIO_RING_H__
#define __VIRTIO_RING_H__

#include <uk/essentials.h>

/* 2.7.5 The Virtqueue Descriptor Table */
#define VIRTQ_DESC_F_NEXT	1 /* buffer continues in the 'next' field */
#define VIRTQ_DESC_F_WRITE	2 /* device writes (otherwise reads) */
#define VIRTQ_DESC_F_INDIRECT	4 /* buffer is a table of descriptors */

struct vring_desc {
	__u64 addr;	/* guest-physical address of the buffer */
	__u32 len;	/* its length in bytes */
	__u16 flags;	/* VIRTQ_DESC_F_* */
	__u16 next;	/* next descriptor of the chain if F_NEXT */
};

/* 2.7.6 The Virtqueue Available Ring */
#define VRING_AVAIL_F_NO_INTERRUPT	1 /* no used-buffer notification */

struct vring_avail {
	__u16 flags;	/* VRING_AVAIL_F_* */
	__u16 idx;	/* where the driver puts the next entry (mod N) */
	__u16 ring[];	/* heads of descriptor chains; then used_event */
};

/* 2.7.8 The Virtqueue Used Ring */
#define VRING_USED_F_NO_NOTIFY		1 /* driver need not notify */

struct vring_used_elem {
	__u32 id;	/* head of the used descriptor chain */
	__u32 len;	/* bytes the device wrote into it */
};

struct vring_used {
	__u16 flags;	/* VRING_USED_F_* */
	__u16 idx;	/* where the device puts the next entry (mod N) */
	struct vring_used_elem ring[]; /* then avail_event */
};

UK_CTASSERT(sizeof(struct vring_desc) == 16);
UK_CTASSERT(sizeof(struct vring_used_elem) == 8);

/** Largest queue size of a split virtqueue (2.7). */
#define VIRTQ_SIZE_MAX		32768
/** Used ring alignment a legacy transport requires (2.7.2). */
#define VIRTQ_LEGACY_ALIGN	4096

/*
 * With VIRTIO_RING_F_EVENT_IDX (2.7.7, 2.7.10) each ring carries one
 * extra 16-bit word after its entries: the available ring ends with
 * used_event (the driver wants a used-buffer notification when the device
 * writes the used entry with that index), the used ring with avail_event
 * (the device wants a notification when the driver publishes the available
 * entry with that index).
 */
static inline __u16 *vring_used_event(struct vring_avail *avail, __u16 num)
{
	return &avail->ring[num];
}

static inline __u16 *vring_avail_event(struct vring_used *used, __u16 num)
{
	return (__u16 *)&used->ring[num];
}

/**
 * True if moving an index from @p old_idx to @p new_idx crossed @p event,
 * i.e. event lies in [old_idx, new_idx) modulo 2^16 (2.7.10: the other side
 * asked to be notified when the index passes event).
 */
static inline int vring_need_event(__u16 event, __u16 new_idx, __u16 old_idx)
{
	return (__u16)(new_idx - event - 1) < (__u16)(new_idx - old_idx);
}

/** Bytes of a descriptor table of @p num entries. */
static inline __sz vring_desc_size(__u16 num)
{
	return sizeof(struct vring_desc) * num;
}

/** Bytes of an available ring of @p num entries, used_event included. */
static inline __sz vring_avail_size(__u16 num)
{
	return sizeof(struct vring_avail) + sizeof(__u16) * (num + 1);
}

/** Bytes of a used ring of @p num entries, avail_event included. */
static inline __sz vring_used_size(__u16 num)
{
	return sizeof(struct vring_used) +
		sizeof(struct vring_used_elem) * num + sizeof(__u16);
}

/**
 * Bytes of the contiguous legacy layout (2.7.2): descriptor table, then
 * available ring, then the used ring at the next @p align boundary.
 */
static inline __sz vring_size(__u16 num, __sz align)
{
	return ALIGN_UP(vring_desc_size(num) + vring_avail_size(num), align) +
		vring_used_size(num);
}

#endif /* __VIRTIO_RING_H__ */
