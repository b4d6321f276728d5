/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host-side unit test of the split virtqueue (virtqueue.c), with a fake
 * device in the same process playing the other side of the rings: layout,
 * slots, notification suppression with and without
 * VIRTIO_RING_F_EVENT_IDX, out-of-order completion and 16-bit index
 * wrap-around, taking buffers back and restarting after a reset: one
 * case each, a line per case with its number of checks, then
 * "N passed, N failed, 0 skipped". Built with the host's gcc, the uapi
 * headers from /usr/include, and include/uapi first for <asm/types.h>:
 *
 *   gcc -I drivers/virtio/core/include \
 *       -isystem drivers/virtio/core/include/uapi \
 *       -I core/ukdebug/include -I core/ukalloc/include \
 *       -I core/arch/x86_64/include -I core/ukboot/include \
 *       drivers/virtio/core/tests/host/test_virtqueue.c \
 *       drivers/virtio/core/virtqueue.c
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/virtio/virtqueue.h>

/* Checks of the running case; cases passed and failed. */
static int checks, checks_failed, passed, failed;

#define CHECK(cond)							\
	do {								\
		checks++;						\
		if (!(cond)) {						\
			checks_failed++;				\
			printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,	\
			       #cond);					\
		}							\
	} while (0)

/* --- what virtqueue.c needs from the core --- */
static void *h_malloc(struct uk_alloc *a, size_t s)
{
	(void)a;
	return malloc(s);
}

static void *h_memalign(struct uk_alloc *a, size_t al, size_t s)
{
	void *p;

	(void)a;
	return posix_memalign(&p, al, s) ? NULL : p;
}

static void h_free(struct uk_alloc *a, void *p)
{
	(void)a;
	free(p);
}

static struct uk_alloc host_alloc = {
	.malloc = h_malloc, .memalign = h_memalign, .free = h_free,
};

void *uk_calloc(struct uk_alloc *a, size_t n, size_t size)
{
	void *p = uk_malloc(a, n * size);

	if (p)
		memset(p, 0, n * size);
	return p;
}

void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int srcline, const char *fmt, ...)
{
	(void)lvl; (void)libname; (void)srcname; (void)srcline; (void)fmt;
}

void _uk_crash(const char *file, unsigned int line, const char *fmt, ...)
{
	printf("crash at %s:%u (%s)\n", file, line, fmt);
	exit(2);
}

/* --- the fake device --- */
static __u64 dev_features;
static unsigned int notifies, setups, releases;
static __u16 dev_last_avail;	/* next available entry the device reads */
static __u16 dev_used_idx;	/* used index the device published */

static __u64 fd_features_get(struct virtio_dev *v)
{
	(void)v;
	return dev_features;
}

static __u16 fd_queue_size_max(struct virtio_dev *v, __u16 qid)
{
	(void)v;
	(void)qid;
	return 256;
}

static void fd_notify(struct virtqueue *vq)
{
	(void)vq;
	notifies++;
}

static int fd_queue_setup(struct virtio_dev *v, struct virtqueue *vq)
{
	(void)v;
	vq->notify = fd_notify;
	setups++;
	dev_last_avail = dev_used_idx = 0;
	return 0;
}

static void fd_queue_release(struct virtio_dev *v, struct virtqueue *vq)
{
	(void)v;
	(void)vq;
	releases++;
}

static const struct virtio_dev_ops fd_ops = {
	.features_get = fd_features_get,
	.queue_size_max = fd_queue_size_max,
	.queue_setup = fd_queue_setup,
	.queue_release = fd_queue_release,
};

/* The device takes up to @p n available chains and uses them in reverse
 * order (completion order is the device's choice), writing len = head.
 */
static unsigned int fd_consume(struct virtqueue *vq, unsigned int n)
{
	__u16 heads[256];
	unsigned int k = 0, i;

	while (k < n && dev_last_avail != vq->vring.avail->idx)
		heads[k++] = vq->vring.avail->ring[dev_last_avail++ &
						   vq->mask];
	for (i = 0; i < k; i++) {
		struct vring_used_elem *e =
			&vq->vring.used->ring[dev_used_idx++ & vq->mask];

		e->id = heads[k - 1 - i];
		e->len = heads[k - 1 - i];
	}
	vq->vring.used->idx = dev_used_idx;
	/* as a device does with EVENT_IDX: kick me at the next entry */
	*virtqueue_avail_event(vq) = dev_last_avail;
	return k;
}

static struct virtio_dev fake(bool event_idx, __sz align)
{
	struct virtio_dev v = {
		.ops = &fd_ops, .ring_align = align, .transport = "fake",
	};

	if (event_idx)
		v.features = VIRTIO_FEATURE(VIRTIO_RING_F_EVENT_IDX);
	return v;
}

static void test_layout(void)
{
	/* the legacy PCI used-ring alignment (VIRTIO_PCI_VRING_ALIGN) */
	struct virtio_dev v = fake(false, 4096);
	struct virtqueue *vq;

	/* 2.7.2: 16*N, then 6+2N, aligned up to 4096, then 6+8N */
	CHECK(vring_size(256, 4096) == 8192 + 6 + 8 * 256);
	vq = virtqueue_create(&v, 0, 256, 2, &host_alloc);
	CHECK(!PTRISERR(vq));
	CHECK(virtqueue_size(vq) == 256 && vq->mask == 255);
	CHECK((char *)vq->vring.avail == (char *)vq->vring.desc + 4096);
	CHECK((char *)vq->vring.used == (char *)vq->vring.desc + 8192);
	CHECK((char *)virtqueue_avail_event(vq) ==
	      (char *)vq->vring.used + 4 + 8 * 256);
	CHECK(((__uptr)vq->vring.desc & 4095) == 0);
	CHECK(vq->desc_addr == (__u64)(__uptr)vq->vring.desc);
	CHECK(vq->used_addr == (__u64)(__uptr)vq->vring.used);
	CHECK(virtqueue_free_count(vq) == 128);
	CHECK(virtqueue_desc(vq, 0)->flags == VRING_DESC_F_NEXT &&
	      virtqueue_desc(vq, 0)->next == 1);
	CHECK(virtqueue_desc(vq, 1)->flags == 0);
	CHECK(vq->vring.avail->flags == VRING_AVAIL_F_NO_INTERRUPT);
	virtqueue_destroy(vq);
	CHECK(releases == 1);
	/* modern: the used ring right after the available ring, 16-aligned */
	v = fake(false, 16);
	vq = virtqueue_create(&v, 0, 256, 1, &host_alloc);
	CHECK(!PTRISERR(vq));
	CHECK((char *)vq->vring.used == (char *)vq->vring.desc + 4096 +
	      ALIGN_UP(6 + 2 * 256, 16));
	virtqueue_destroy(vq);
	/* bad sizes */
	CHECK(PTRISERR(virtqueue_create(&v, 0, 100, 1, &host_alloc)));
	CHECK(PTRISERR(virtqueue_create(&v, 0, 256, 3, &host_alloc)));
	CHECK(PTRISERR(virtqueue_create(&v, 0, 256, 0, &host_alloc)));
}

static void test_flags_suppression(void)
{
	struct virtio_dev v = fake(false, 16);
	struct virtqueue *vq = virtqueue_create(&v, 1, 256, 1, &host_alloc);
	int i;

	notifies = 0;
	CHECK(virtqueue_kick(vq) == 0);		/* nothing to publish */
	for (i = 0; i < 10; i++)
		virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 1);		/* one kick for 10 */
	CHECK(notifies == 1 && vq->vring.avail->idx == 10);
	vq->vring.used->flags = VRING_USED_F_NO_NOTIFY;
	virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 0);		/* device said no */
	CHECK(notifies == 1 && vq->vring.avail->idx == 11);
	CHECK(virtqueue_intr_enable(vq) == 0 && vq->vring.avail->flags == 0);
	virtqueue_intr_disable(vq);
	CHECK(vq->vring.avail->flags == VRING_AVAIL_F_NO_INTERRUPT);
	virtqueue_destroy(vq);
}

static void test_event_idx(void)
{
	struct virtio_dev v = fake(true, 16);
	struct virtqueue *vq = virtqueue_create(&v, 0, 256, 2, &host_alloc);
	unsigned int i;

	CHECK(vq->event_idx && vq->vring.avail->flags == 0);
	CHECK(vring_used_event(&vq->vring) == (__u16)(0 - 0x8000));
	notifies = 0;
	/* avail_event 0: the first publication notifies */
	virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 1);
	/* the device has not caught up: avail_event still 0, no kick */
	virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 0);
	/* device consumes both and asks for entry 2: next kick notifies */
	CHECK(fd_consume(vq, 8) == 2);
	virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 1);
	CHECK(notifies == 2);
	/* the device asks for a later entry: kicks before it are quiet */
	*virtqueue_avail_event(vq) = 6;
	for (i = 0; i < 2; i++)
		virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 0);		/* published 4..5 */
	for (i = 0; i < 2; i++)
		virtqueue_avail_add(vq, virtqueue_slot_get(vq), vq);
	CHECK(virtqueue_kick(vq) == 1);		/* 6..7 crosses 6 */
	CHECK(virtqueue_intr_enable(vq) == 2);	/* 2 used, not popped */
	CHECK(vring_used_event(&vq->vring) == vq->last_used);
	virtqueue_destroy(vq);
}

/* 70000 buffers in bursts: the 16-bit indexes wrap; cookies come back
 * right although the device completes in reverse order.
 */
static void test_wrap_and_order(void)
{
	struct virtio_dev v = fake(true, 16);
	struct virtqueue *vq = virtqueue_create(&v, 0, 256, 2, &host_alloc);
	static int objs[128];
	unsigned long total = 0, bad = 0, kicks_before;
	unsigned int i, n, burst;
	__u32 len;
	__u16 head;

	notifies = 0;
	while (total < 70000) {
		burst = 1 + total % 37;
		for (i = 0; i < burst && virtqueue_free_count(vq); i++) {
			head = virtqueue_slot_get(vq);
			virtqueue_avail_add(vq, head, &objs[head / 2]);
		}
		kicks_before = notifies;
		virtqueue_kick(vq);
		if (notifies - kicks_before > 1)
			bad++;
		fd_consume(vq, 1 + total % 53);
		n = virtqueue_used_count(vq);
		for (i = 0; i < n; i++) {
			int *c = virtqueue_used_pop(vq, &len);

			if (c != &objs[len / 2])
				bad++;
			total++;
		}
	}
	CHECK(bad == 0);
	CHECK(vq->last_used == (__u16)total);
	CHECK(virtqueue_free_count(vq) + (__u16)(vq->avail_idx -
		vq->last_used) == 128);
	CHECK(notifies > 0 && notifies < total);
	/* what the device still holds is given back by detach */
	n = 0;
	while (virtqueue_detach(vq))
		n++;
	CHECK(n == (__u16)(vq->avail_idx - vq->last_used));
	virtqueue_destroy(vq);
}

/*
 * After a device reset: detach gives back every buffer the device held
 * (used or not), restart registers the queue anew as created, with the
 * descriptors the driver pre-set left alone, and traffic flows again.
 */
static void test_detach_restart(void)
{
	struct virtio_dev v = fake(true, 16);
	struct virtqueue *vq = virtqueue_create(&v, 3, 256, 1, &host_alloc);
	static int objs[256];
	unsigned int i, n, setups_before;
	__u16 head;
	__u32 len;

	/* a driver pre-sets every descriptor once (virtio-net's rx) */
	for (i = 0; i < 256; i++)
		virtqueue_desc(vq, i)->flags = VRING_DESC_F_WRITE;
	for (i = 0; i < 200; i++) {
		head = virtqueue_slot_get(vq);
		virtqueue_avail_add(vq, head, &objs[head]);
	}
	virtqueue_kick(vq);
	CHECK(fd_consume(vq, 50) == 50);	/* 50 used, 150 pending */
	CHECK(virtqueue_used_count(vq) == 50);
	for (i = 0; i < 10; i++)
		CHECK(virtqueue_used_pop(vq, &len) == &objs[len]);
	/* the reset: 40 used and 150 pending come back, once each */
	n = 0;
	while (virtqueue_detach(vq))
		n++;
	CHECK(n == 190);
	CHECK(virtqueue_detach(vq) == NULL);
	setups_before = setups;
	CHECK(virtqueue_restart(vq) == 0);
	CHECK(setups == setups_before + 1 && vq->notify == fd_notify);
	CHECK(virtqueue_free_count(vq) == 256);
	CHECK(vq->avail_idx == 0 && vq->last_used == 0);
	CHECK(vq->vring.avail->idx == 0 && vq->vring.used->idx == 0);
	CHECK(vring_used_event(&vq->vring) == (__u16)(0 - 0x8000));
	CHECK(virtqueue_desc(vq, 255)->flags == VRING_DESC_F_WRITE);
	/* slot 0 first again; the device sees entries from 0 */
	head = virtqueue_slot_get(vq);
	CHECK(head == 0);
	virtqueue_avail_add(vq, head, &objs[head]);
	CHECK(virtqueue_kick(vq) == 1);
	CHECK(fd_consume(vq, 8) == 1);
	CHECK(virtqueue_used_count(vq) == 1);
	CHECK(virtqueue_used_pop(vq, &len) == &objs[0] && len == 0);
	virtqueue_destroy(vq);
}

/* Run one case: it passes when it made checks and none failed. */
static void run_case(const char *name, void (*fn)(void))
{
	checks = checks_failed = 0;
	fn();
	if (checks && !checks_failed) {
		passed++;
		printf("ok    virtqueue: %s (%d checks)\n", name, checks);
	} else {
		failed++;
		printf("FAIL  virtqueue: %s (%d of %d checks failed)\n", name,
		       checks_failed, checks);
	}
}

int main(void)
{
	run_case("layout", test_layout);
	run_case("flags suppression", test_flags_suppression);
	run_case("event index", test_event_idx);
	run_case("wrap-around and order", test_wrap_and_order);
	run_case("detach and restart", test_detach_restart);
	printf("%d passed, %d failed, 0 skipped\n", passed, failed);
	return failed ? 1 : 0;
}
