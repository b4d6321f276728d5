/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-9p, the "9P transport" device (VIRTIO 1.2 device id 9; the spec
 * lists it without a device section: its layout is Linux's uapi
 * <linux/virtio_9p.h>, which QEMU implements): one request queue; a
 * request is one chain of two descriptors, the T-message (device-readable)
 * then the buffer for the R-message (device-writable). The mount tag is
 * in the device configuration (tag_len[2] tag[tag_len], with the feature
 * VIRTIO_9P_MOUNT_TAG). Each device becomes a uk9p transport under its
 * tag.
 *
 * The driver polls the used ring, bounded by CONFIG_VIRTIO_9P_TIMEOUT_MS
 * (kernel parameter virtio_9p.timeout_ms=): uk9p sends one request at a
 * time and waits for it anyway.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/plat/time.h>
#include <uk/9p_trans.h>
#include <uk/virtio/virtqueue.h>
#include <linux/virtio_9p.h>

#define DRIVER_NAME		"virtio-9p"
/* The request queue, the device's only one. */
#define V9P_REQUESTQ		0
/* Tag bytes kept; QEMU limits mount_tag to far less. */
#define V9P_TAG_MAX		255
#define V9P_FEATURES		VIRTIO_FEATURE(VIRTIO_9P_MOUNT_TAG)

static unsigned long v9p_timeout_ms = CONFIG_VIRTIO_9P_TIMEOUT_MS;
UK_LIBPARAM_UINT("virtio_9p.timeout_ms", v9p_timeout_ms,
		 "longest wait for a 9P reply, ms (then -EIO)");

struct virtio_9p_dev {
	struct virtio_dev *vdev;
	struct virtqueue *vq;
	struct uk_9p_trans trans;
	/* the device stopped answering: its buffers may still be written */
	bool dead;
	char tag[V9P_TAG_MAX + 1];
};

static int v9p_request(struct uk_9p_trans *t, const void *req, __u32 req_len,
		       void *rep, __u32 rep_cap, __u32 *rep_len)
{
	struct virtio_9p_dev *v = t->priv;
	struct virtqueue *vq = v->vq;
	struct vring_desc *d;
	__nsec end;
	__u16 head;

	/* one request at a time: a free slot unless a request was lost */
	if (v->dead || !virtqueue_free_count(vq))
		return -EIO;
	head = virtqueue_slot_get(vq);
	d = virtqueue_desc(vq, head);
	d[0].addr = virtqueue_addr(vq, req);
	d[0].len = req_len;
	d[1].addr = virtqueue_addr(vq, rep);
	d[1].len = rep_cap;
	d[1].flags = VRING_DESC_F_WRITE;	/* end of the chain */
	virtqueue_avail_add(vq, head, rep);
	virtqueue_kick(vq);

	end = ukplat_monotonic_clock() + (__nsec)v9p_timeout_ms * 1000000;
	while (!virtqueue_used_count(vq)) {
		if (ukplat_monotonic_clock() > end) {
			v->dead = true;
			uk_pr_err(DRIVER_NAME ": %s: no reply in %lu ms, device "
				  "given up\n", v->tag, v9p_timeout_ms);
			return -EIO;
		}
		__builtin_ia32_pause();
	}
	/* the reply was written before the used entry (read after it) */
	virtqueue_used_pop(vq, rep_len);
	return 0;
}

static const struct uk_9p_trans_ops v9p_trans_ops = {
	.request = v9p_request,
};

/* The mount tag from the device configuration. */
static int v9p_tag_read(struct virtio_9p_dev *v)
{
	__u16 len;
	int rc;

	if (!virtio_has_feature(v->vdev, VIRTIO_9P_MOUNT_TAG)) {
		uk_pr_err(DRIVER_NAME ": device offers no mount tag\n");
		return -ENODEV;
	}
	rc = virtio_dev_config_get(v->vdev,
				   offsetof(struct virtio_9p_config, tag_len),
				   &len, sizeof(len));
	if (rc < 0)
		return rc;
	if (len == 0 || len > V9P_TAG_MAX) {
		uk_pr_err(DRIVER_NAME ": mount tag of %u bytes\n", len);
		return -ENODEV;
	}
	rc = virtio_dev_config_get(v->vdev,
				   offsetof(struct virtio_9p_config, tag),
				   v->tag, len);
	if (rc < 0)
		return rc;
	v->tag[len] = '\0';
	/* a NUL inside would make it another, shorter tag */
	if (strlen(v->tag) != len) {
		uk_pr_err(DRIVER_NAME ": mount tag with a NUL byte\n");
		return -ENODEV;
	}
	return 0;
}

static int v9p_add_dev(struct virtio_dev *vdev)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc *dma = vdev->dma_a ? : a;
	struct virtio_9p_dev *v;
	__u16 num;
	int rc;

	v = uk_calloc(a, 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->vdev = vdev;
	/* 3.1.1 */
	virtio_dev_reset(vdev);
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_DRIVER);
	rc = virtio_dev_features_negotiate(vdev, V9P_FEATURES);
	if (rc < 0)
		goto err_fail;
	rc = v9p_tag_read(v);
	if (rc < 0)
		goto err_fail;
	num = vdev->ops->queue_size_max(vdev, V9P_REQUESTQ);
	if (!num || !IS_POW2(num) || num < 2) {
		uk_pr_err(DRIVER_NAME ": %s: request queue of %u\n", v->tag,
			  num);
		rc = -ENODEV;
		goto err_fail;
	}
	/* slots of two descriptors: T-message, R-message buffer */
	v->vq = virtqueue_create(vdev, V9P_REQUESTQ, num, 2, dma);
	if (PTRISERR(v->vq)) {
		rc = PTR2ERR(v->vq);
		v->vq = NULL;
		goto err_fail;
	}
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_DRIVER_OK);

	v->trans.tag = v->tag;
	v->trans.ops = &v9p_trans_ops;
	v->trans.a = dma;
	v->trans.priv = v;
	rc = uk_9p_trans_register(&v->trans);
	if (rc < 0)
		goto err_fail;
	uk_pr_info(DRIVER_NAME ": %s: mount tag \"%s\", %u descriptors\n",
		   vdev->transport, v->tag, num);
	return 0;

err_fail:
	virtio_dev_fail(vdev);
	if (v->vq)
		virtqueue_destroy(v->vq);
	uk_free(a, v);
	return rc;
}

static struct virtio_driver v9p_driver = {
	.device_id = VIRTIO_ID_9P,
	.name = DRIVER_NAME,
	.add_dev = v9p_add_dev,
};
VIRTIO_DRIVER_REGISTER(v9p_driver);
