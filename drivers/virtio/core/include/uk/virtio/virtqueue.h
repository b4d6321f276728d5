/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Driver side of a split virtqueue (VIRTIO 1.2, 2.7), built for bursts, on
 * the uapi ring (<linux/virtio_ring.h>: struct vring, vring_desc,
 * vring_avail, vring_used):
 *
 * - The descriptor table is cut into fixed "slots" of chain_len
 *   descriptors, linked once at creation (F_NEXT and next set). A free
 *   stack holds the slot heads, so taking and giving back a buffer is one
 *   array access and the device may use buffers in any order.
 * - Buffers are added with virtqueue_avail_add() (writes one available
 *   ring entry) and published with one virtqueue_kick() per burst: one
 *   barrier, one index store, and a notification only if the device asked
 *   for one (VIRTIO_RING_F_EVENT_IDX avail_event, else the used ring's
 *   VRING_USED_F_NO_NOTIFY flag).
 * - Used-buffer notifications (interrupts) are suppressed from creation on;
 *   the driver polls with virtqueue_used_count() / virtqueue_used_pop().
 *
 * Ring fields are little-endian (__virtio16 & co.); uknf runs on x86-64
 * only, so they are read and written as the plain integers they are.
 *
 * One queue belongs to one core: nothing here is thread-safe.
 */
#ifndef __UK_VIRTIO_VIRTQUEUE_H__
#define __UK_VIRTIO_VIRTQUEUE_H__

#include <uk/essentials.h>
#include <uk/arch/barrier.h>
#include <uk/virtio/virtio_dev.h>
#include <linux/virtio_ring.h>

/** Largest queue size of a split virtqueue (2.7). */
#define VIRTQUEUE_SIZE_MAX	32768

struct uk_alloc;

struct virtqueue {
	/* --- fast path --- */
	struct vring vring;		/* num, desc, avail, used */
	void **cookie;			/* per slot head: driver buffer */
	__u16 *free_heads;		/* stack of free slot heads */
	__s64 addr_offset;		/* copy of virtio_dev.addr_offset */
	__u16 mask;			/* num - 1 */
	__u16 avail_idx;		/* next avail entry (free-running) */
	__u16 avail_pub;		/* avail->idx as last published */
	__u16 last_used;		/* next used entry to consume */
	__u16 nb_free;			/* slots on the free stack */
	bool event_idx;			/* RING_F_EVENT_IDX is on */
	/** Notify the device (set by the transport's queue_setup). */
	void (*notify)(struct virtqueue *vq);
	void *notify_priv;		/* transport data for notify */
	__u16 qid;			/* queue index on the device */

	/* --- set-up only --- */
	__u16 chain_len;		/* descriptors per slot */
	__u16 nb_slots;			/* num / chain_len */
	struct virtio_dev *vdev;
	struct uk_alloc *a;
	void *ring_mem;			/* desc + avail + used in one */
	__sz ring_len;
	unsigned int detach_pos;	/* where virtqueue_detach() goes on */
	__u64 desc_addr;		/* device addresses of the parts */
	__u64 avail_addr;
	__u64 used_addr;
	/** Notifications sent (kicks), for tests and statistics. */
	__u64 nb_kicks;
};

/**
 * Allocate a split virtqueue of @p num descriptors and register it with the
 * device (transport queue_setup). Used-buffer notifications start disabled.
 *
 * @param vdev device after feature negotiation (event_idx is read from it)
 * @param qid queue index on the device
 * @param num descriptors; power of two, at most the device's maximum
 * @param chain_len descriptors per slot (1 or more, divides @p num)
 * @param a allocator for the ring and the bookkeeping arrays
 * @return the queue, or ERR2PTR(-EINVAL) for bad sizes, ERR2PTR(-ENOMEM),
 *   or the transport's error
 */
struct virtqueue *virtqueue_create(struct virtio_dev *vdev, __u16 qid,
				   __u16 num, __u16 chain_len,
				   struct uk_alloc *a);

/**
 * Register @p vq with its device again after a device reset and a new
 * feature negotiation (virtio_dev_ops.reset: a reset device has no queue),
 * as it was when created: indices at 0, every slot free, used-buffer
 * notifications off. The descriptor table stays as the driver left it (the
 * links and whatever it pre-set). The caller took back its buffers with
 * virtqueue_detach() first: cookies still set are dropped.
 *
 * @return 0, or the transport's queue_setup error
 */
int virtqueue_restart(struct virtqueue *vq);

/**
 * Disable the queue on the device (transport queue_release) and free its
 * memory. The caller has freed the buffers still in it (see
 * virtqueue_detach()).
 */
void virtqueue_destroy(struct virtqueue *vq);

/**
 * Take back the cookie of a buffer the driver gave the device and has not
 * popped (pending or used), after the device stopped using the ring (a
 * device reset) and before virtqueue_restart() or virtqueue_destroy().
 * Calls until NULL visit the ring once in all.
 * @return a cookie, or NULL when none is left
 */
void *virtqueue_detach(struct virtqueue *vq);

/** Device address of driver memory @p va. */
static inline __u64 virtqueue_addr(const struct virtqueue *vq, const void *va)
{
	return (__u64)((__uptr)va + vq->addr_offset);
}

/** Descriptors of the queue (a power of two). */
static inline __u16 virtqueue_size(const struct virtqueue *vq)
{
	return (__u16)vq->vring.num;
}

/** Free slots (buffers that can still be added). */
static inline __u16 virtqueue_free_count(const struct virtqueue *vq)
{
	return vq->nb_free;
}

/*
 * Adding and popping buffers. The queue's state lives in struct
 * virtqueue, and a store into a ring may, for all the compiler knows,
 * land in it: in a loop over packets it would reload every index and
 * array pointer for every buffer. So a burst copies them into a local
 * struct virtqueue_burst (registers), works there and writes back once:
 *
 *	struct virtqueue_burst b;
 *
 *	virtqueue_burst_begin(vq, &b);
 *	for (each buffer) {
 *		head = virtqueue_burst_slot_get(&b);
 *		virtqueue_burst_desc(&b, head)->addr = ...;
 *		virtqueue_burst_avail_add(&b, head, cookie);
 *	}
 *	virtqueue_burst_end(vq, &b);
 *	virtqueue_kick(vq);
 *
 * (or virtqueue_burst_used_pop() in the loop). Between begin and end only
 * the burst calls may touch the queue. The calls on one buffer below
 * (virtqueue_slot_get(), virtqueue_avail_add(), virtqueue_used_pop()) are
 * bursts of one, for the control path.
 */
struct virtqueue_burst {
	struct vring_desc *desc;
	__u16 *avail_ring;
	struct vring_used_elem *used_ring;
	void **cookie;
	__u16 *free_heads;
	__s64 addr_offset;
	__u16 mask;
	__u16 avail_idx;
	__u16 last_used;
	__u16 nb_free;
};

/** Start a burst on @p vq: its state into @p b. */
static inline void virtqueue_burst_begin(const struct virtqueue *vq,
					 struct virtqueue_burst *b)
{
	b->desc = vq->vring.desc;
	b->avail_ring = vq->vring.avail->ring;
	b->used_ring = vq->vring.used->ring;
	b->cookie = vq->cookie;
	b->free_heads = vq->free_heads;
	b->addr_offset = vq->addr_offset;
	b->mask = vq->mask;
	b->avail_idx = vq->avail_idx;
	b->last_used = vq->last_used;
	b->nb_free = vq->nb_free;
}

/** End the burst: the indices back into @p vq. */
static inline void virtqueue_burst_end(struct virtqueue *vq,
				       const struct virtqueue_burst *b)
{
	vq->avail_idx = b->avail_idx;
	vq->last_used = b->last_used;
	vq->nb_free = b->nb_free;
}

/** Take a free slot (see virtqueue_slot_get()). */
static inline __u16 virtqueue_burst_slot_get(struct virtqueue_burst *b)
{
	return b->free_heads[--b->nb_free];
}

/** Descriptor @p i (see virtqueue_desc()). */
static inline struct vring_desc *virtqueue_burst_desc(
	const struct virtqueue_burst *b, __u16 i)
{
	return &b->desc[i];
}

/** Device address of driver memory @p va (see virtqueue_addr()). */
static inline __u64 virtqueue_burst_addr(const struct virtqueue_burst *b,
					 const void *va)
{
	return (__u64)((__uptr)va + b->addr_offset);
}

/** Queue slot @p head for the device (see virtqueue_avail_add()). */
static inline void virtqueue_burst_avail_add(struct virtqueue_burst *b,
					     __u16 head, void *cookie)
{
	b->cookie[head] = cookie;
	b->avail_ring[b->avail_idx & b->mask] = head;
	b->avail_idx++;
}

/** Pop the next used buffer (see virtqueue_used_pop()). */
static inline void *virtqueue_burst_used_pop(struct virtqueue_burst *b,
					     __u32 *len)
{
	struct vring_used_elem *e = &b->used_ring[b->last_used & b->mask];
	__u16 head = (__u16)e->id & b->mask; /* never index out */
	void *cookie;

	b->last_used++;
	if (len)
		*len = e->len;
	b->free_heads[b->nb_free++] = head;
	cookie = b->cookie[head];
	b->cookie[head] = NULL; /* for virtqueue_detach() */
	return cookie;
}

/**
 * Take a free slot. The caller checked virtqueue_free_count() > 0.
 * @return the head descriptor index; descriptors head .. head+chain_len-1
 *   are pre-linked, the caller fills addr/len (and flags of the last)
 */
static inline __u16 virtqueue_slot_get(struct virtqueue *vq)
{
	struct virtqueue_burst b;
	__u16 head;

	virtqueue_burst_begin(vq, &b);
	head = virtqueue_burst_slot_get(&b);
	virtqueue_burst_end(vq, &b);
	return head;
}

/** Descriptor @p i. */
static inline struct vring_desc *virtqueue_desc(struct virtqueue *vq, __u16 i)
{
	return &vq->vring.desc[i];
}

/**
 * Queue slot @p head (filled by the caller) for the device, remembering
 * @p cookie for when it comes back used. Not visible to the device before
 * virtqueue_kick().
 */
static inline void virtqueue_avail_add(struct virtqueue *vq, __u16 head,
				       void *cookie)
{
	struct virtqueue_burst b;

	virtqueue_burst_begin(vq, &b);
	virtqueue_burst_avail_add(&b, head, cookie);
	virtqueue_burst_end(vq, &b);
}

/** Notify the device unconditionally (one register write). */
static inline void virtqueue_notify(struct virtqueue *vq)
{
	vq->notify(vq);
	vq->nb_kicks++;
}

/**
 * Make the buffers added since the last publication visible to the device,
 * without notifying it (2.7.13.3).
 */
static inline void virtqueue_publish(struct virtqueue *vq)
{
	/* Descriptors and available ring entries must be visible before the
	 * index that hands them to the device.
	 */
	smp_wmb();
	UK_WRITE_ONCE(vq->vring.avail->idx, vq->avail_idx);
	vq->avail_pub = vq->avail_idx;
}

/**
 * The used ring's avail_event word, after its last entry (2.7.10; the
 * uapi's vring_avail_event() is the same address, through a cast that
 * the strict aliasing rules warn about).
 */
static inline __virtio16 *virtqueue_avail_event(struct virtqueue *vq)
{
	return (__virtio16 *)&vq->vring.used->ring[vq->vring.num];
}

/**
 * Publish the buffers added since the last kick and notify the device if it
 * asked for it (2.7.13). At most one notification per call.
 * @return 1 if the device was notified, 0 otherwise
 */
static inline int virtqueue_kick(struct virtqueue *vq)
{
	__u16 old = vq->avail_pub, new = vq->avail_idx;
	int need;

	if (old == new)
		return 0;
	virtqueue_publish(vq);
	/* The index store must be visible before we read the device's
	 * suppression state (store->load): otherwise we could read an old
	 * "don't notify" while the device is going idle, and it would never
	 * see the new buffers (2.7.13.4).
	 */
	smp_mb();
	if (vq->event_idx)
		need = vring_need_event(
			UK_READ_ONCE(*virtqueue_avail_event(vq)), new, old);
	else
		need = !(UK_READ_ONCE(vq->vring.used->flags) &
			 VRING_USED_F_NO_NOTIFY);
	if (need)
		virtqueue_notify(vq);
	return need;
}

/**
 * Number of used buffers waiting to be popped. Reads the used index once;
 * the used elements it covers may be read after this returns.
 */
static inline __u16 virtqueue_used_count(struct virtqueue *vq)
{
	__u16 n = (__u16)(UK_READ_ONCE(vq->vring.used->idx) - vq->last_used);

	/* Read used->idx before the used elements it covers (2.7.14). */
	smp_rmb();
	return n;
}

/**
 * Pop the next used buffer; its slot goes back to the free stack. Only
 * after virtqueue_used_count() said it is there.
 * @param len set to the number of bytes the device wrote (may be NULL)
 * @return the buffer's cookie
 */
static inline void *virtqueue_used_pop(struct virtqueue *vq, __u32 *len)
{
	struct virtqueue_burst b;
	void *cookie;

	virtqueue_burst_begin(vq, &b);
	cookie = virtqueue_burst_used_pop(&b, len);
	virtqueue_burst_end(vq, &b);
	return cookie;
}

/**
 * Ask for a used-buffer notification when the next buffer is used
 * (interrupt mode, 2.7.10).
 * @return number of used buffers already pending: the caller must poll
 *   them, no notification comes for those
 */
__u16 virtqueue_intr_enable(struct virtqueue *vq);

/** Suppress used-buffer notifications again (poll mode, the default). */
void virtqueue_intr_disable(struct virtqueue *vq);

#endif /* __UK_VIRTIO_VIRTQUEUE_H__ */
