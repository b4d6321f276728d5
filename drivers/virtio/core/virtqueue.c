/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueue set-up, restart and teardown (VIRTIO 1.2, 2.7); the fast
 * path is inline in <uk/virtio/virtqueue.h>.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/virtio/virtqueue.h>

/* Ring memory alignment: a page, which satisfies both the legacy layout
 * (PFN register, 4096-aligned used ring) and the modern 16/2/4 rules.
 */
#define VQ_RING_ALIGN	4096

int virtio_dev_features_negotiate(struct virtio_dev *vdev, __u64 wanted)
{
	__u64 offered = vdev->ops->features_get(vdev);
	__u64 f;

	if (vdev->legacy)
		wanted &= ~VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
	else
		wanted |= VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
	f = offered & wanted;
	if (!vdev->legacy && !(f & VIRTIO_FEATURE(VIRTIO_F_VERSION_1))) {
		uk_pr_err("virtio: modern device without VERSION_1\n");
		return -ENOTSUP;
	}
	vdev->ops->features_set(vdev, f);
	vdev->features = f;
	/* A legacy device has no FEATURES_OK step (3.1.2). */
	if (vdev->legacy)
		return 0;
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(vdev->ops->status_get(vdev) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		uk_pr_err("virtio: device refused features 0x%llx\n",
			  (unsigned long long)f);
		return -ENOTSUP;
	}
	return 0;
}

/* Link each slot's descriptors once: only addr/len change per buffer. */
static void vq_slots_link(struct virtqueue *vq)
{
	__u16 s, k, head;

	for (s = 0; s < vq->nb_slots; s++) {
		head = s * vq->chain_len;
		for (k = 0; k + 1 < vq->chain_len; k++) {
			vq->vring.desc[head + k].flags = VRING_DESC_F_NEXT;
			vq->vring.desc[head + k].next = head + k + 1;
		}
	}
}

/* Every slot free, indices at 0, rings empty, notifications off. */
static void vq_state_init(struct virtqueue *vq)
{
	__u16 s;

	/* Stack order: slot 0 is taken first. */
	for (s = 0; s < vq->nb_slots; s++)
		vq->free_heads[vq->nb_slots - 1 - s] = s * vq->chain_len;
	vq->nb_free = vq->nb_slots;
	memset(vq->cookie, 0, vq->vring.num * sizeof(*vq->cookie));
	vq->detach_pos = 0;
	vq->avail_idx = 0;
	vq->avail_pub = 0;
	vq->last_used = 0;
	/* The device starts at index 0 of both rings (2.7.6, 2.7.8). */
	memset(vq->vring.avail, 0, sizeof(*vq->vring.avail) +
	       sizeof(vq->vring.avail->ring[0]) * (vq->vring.num + 1));
	memset(vq->vring.used, 0, sizeof(*vq->vring.used) +
	       sizeof(vq->vring.used->ring[0]) * vq->vring.num +
	       sizeof(__virtio16));
	vq->event_idx = virtio_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX);
	virtqueue_intr_disable(vq);
}

struct virtqueue *virtqueue_create(struct virtio_dev *vdev, __u16 qid,
				   __u16 num, __u16 chain_len,
				   struct uk_alloc *a)
{
	struct virtqueue *vq;
	int rc = -ENOMEM;

	if (!IS_POW2(num) || num > VIRTQUEUE_SIZE_MAX || chain_len == 0 ||
	    num % chain_len != 0)
		return ERR2PTR(-EINVAL);

	vq = uk_calloc(a, 1, sizeof(*vq));
	if (!vq)
		return ERR2PTR(-ENOMEM);
	vq->vdev = vdev;
	vq->a = a;
	vq->qid = qid;
	vq->mask = num - 1;
	vq->chain_len = chain_len;
	vq->nb_slots = num / chain_len;
	vq->addr_offset = vdev->addr_offset;

	/* One block in the legacy layout (2.7.2), valid for modern too:
	 * descriptor table, available ring, the used ring aligned.
	 */
	vq->ring_len = vring_size(num, MAX(vdev->ring_align, (__sz)4));
	vq->ring_mem = uk_memalign(a, VQ_RING_ALIGN, vq->ring_len);
	if (!vq->ring_mem)
		goto err_free_vq;
	memset(vq->ring_mem, 0, vq->ring_len);
	vring_init(&vq->vring, num, vq->ring_mem,
		   MAX(vdev->ring_align, (__sz)4));
	vq->desc_addr = virtqueue_addr(vq, vq->vring.desc);
	vq->avail_addr = virtqueue_addr(vq, vq->vring.avail);
	vq->used_addr = virtqueue_addr(vq, vq->vring.used);

	vq->cookie = uk_calloc(a, num, sizeof(*vq->cookie));
	if (!vq->cookie)
		goto err_free_ring;
	vq->free_heads = uk_calloc(a, vq->nb_slots, sizeof(*vq->free_heads));
	if (!vq->free_heads)
		goto err_free_cookie;
	vq_slots_link(vq);
	vq_state_init(vq);

	rc = vdev->ops->queue_setup(vdev, vq);
	if (rc < 0)
		goto err_free_heads;
	UK_ASSERT(vq->notify);
	uk_pr_debug("virtio: queue %u: %u descriptors at %p (%s)\n",
		    qid, num, vq->ring_mem, vdev->transport);
	return vq;

err_free_heads:
	uk_free(a, vq->free_heads);
err_free_cookie:
	uk_free(a, vq->cookie);
err_free_ring:
	uk_free(a, vq->ring_mem);
err_free_vq:
	uk_free(a, vq);
	return ERR2PTR(rc);
}

int virtqueue_restart(struct virtqueue *vq)
{
	int rc;

	vq_state_init(vq);
	vq->notify = NULL;
	rc = vq->vdev->ops->queue_setup(vq->vdev, vq);
	if (rc < 0)
		return rc;
	UK_ASSERT(vq->notify);
	return 0;
}

void *virtqueue_detach(struct virtqueue *vq)
{
	void *c;

	/* Buffers still in the ring are those whose cookie is set; the
	 * slots before detach_pos have been taken back already.
	 */
	for (; vq->detach_pos < vq->vring.num;
	     vq->detach_pos += vq->chain_len) {
		c = vq->cookie[vq->detach_pos];
		if (c) {
			vq->cookie[vq->detach_pos] = NULL;
			return c;
		}
	}
	return NULL;
}

void virtqueue_destroy(struct virtqueue *vq)
{
	struct uk_alloc *a = vq->a;

	if (vq->vdev->ops->queue_release)
		vq->vdev->ops->queue_release(vq->vdev, vq);
	uk_free(a, vq->free_heads);
	uk_free(a, vq->cookie);
	uk_free(a, vq->ring_mem);
	uk_free(a, vq);
}

void virtqueue_intr_disable(struct virtqueue *vq)
{
	if (vq->event_idx) {
		/* With EVENT_IDX the flags must stay 0 (2.7.10); park
		 * used_event half the index space behind, so the device only
		 * crosses it after 32768 more used buffers.
		 */
		UK_WRITE_ONCE(vring_used_event(&vq->vring),
			      (__u16)(vq->last_used - 0x8000));
	} else {
		UK_WRITE_ONCE(vq->vring.avail->flags,
			      VRING_AVAIL_F_NO_INTERRUPT);
	}
}

__u16 virtqueue_intr_enable(struct virtqueue *vq)
{
	if (vq->event_idx)
		UK_WRITE_ONCE(vring_used_event(&vq->vring), vq->last_used);
	else
		UK_WRITE_ONCE(vq->vring.avail->flags, 0);
	/* The request must be visible before we look for buffers that were
	 * used meanwhile (store->load), or one could slip by unnoticed.
	 */
	smp_mb();
	return virtqueue_used_count(vq);
}
