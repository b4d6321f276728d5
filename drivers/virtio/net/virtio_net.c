/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net driver for uknetdev (VIRTIO 1.2, 5.1), polling first.
 *
 * Transmit never writes into a packet, headroom included: every tx slot is
 * a pre-linked pair of descriptors, desc[2i] -> the queue's one shared,
 * zeroed, read-only virtio_net_hdr (no offloads) and desc[2i+1] -> the
 * frame. Per packet the driver writes one address and one length, so the
 * same netbuf may be queued many times (uk_netbuf_ref) and netbufs in
 * flight stay intact (UK_NETDEV_F_TX_REF_SAFE). Completions are reclaimed
 * in batches at the start of a burst, when free slots run low.
 *
 * Receive uses one descriptor per netbuf: the device writes the header into
 * the hdr_len bytes of headroom before nb->data (info.nb_encap_rx) and the
 * frame at nb->data. Buffers come from the queue's alloc_rxpkts callback,
 * asked for in batches.
 *
 * Queue pair q uses virtqueues 2q (rx) and 2q + 1 (tx). Used-buffer
 * notifications stay off: there are no interrupts on the datapath, and
 * interrupt mode is not offered (the trimmed core has no interrupt
 * routing for PCI devices yet).
 *
 * Stop resets the device (2.4: it then uses no ring), takes every buffer
 * back and brings the device to where the queue set-up left it; start
 * then works as the first time.
 *
 * The device's structures and constants are the uapi <linux/virtio_net.h>
 * (through <uk/virtio/virtio_net.h>).
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/netbuf.h>
#include <uk/netdev_driver.h>
#include <uk/plat/time.h>
#include <uk/virtio/virtio_net.h>
#include <uk/virtio/virtqueue.h>

#define DRIVER_NAME		VIRTIO_NET_DRV_NAME

/*
 * Features the driver understands (no offloads, no merged rx buffers).
 * ANY_LAYOUT matters for legacy devices only (VERSION_1 implies it): it
 * lets an rx buffer hold header and frame in one descriptor (5.1.6.6).
 */
#define VNET_FEATURES							\
	(VIRTIO_FEATURE(VIRTIO_NET_F_MAC) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_STATUS) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_MTU) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_CTRL_VQ) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_CTRL_RX) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_MQ) |				\
	 VIRTIO_FEATURE(VIRTIO_RING_F_EVENT_IDX) |			\
	 VIRTIO_FEATURE(VIRTIO_F_ANY_LAYOUT) |				\
	 VIRTIO_FEATURE(VIRTIO_F_VERSION_1))

/* Descriptors per tx slot: shared header + frame. */
#define VNET_TX_CHAIN		2
/* Default queue size when the device offers more (0 = device maximum). */
#define VNET_QUEUE_SIZE_DEFAULT	0
/* Frames refilled at once: the ring is refilled when this many slots are
 * free (or when it runs empty).
 */
#define VNET_RX_REFILL_MIN	32
/* How long a control command may take. */
#define VNET_CTRL_TIMEOUT_NS	(1000ULL * 1000 * 1000)

struct virtio_net_dev;

struct uk_netdev_tx_queue {
	struct virtqueue *vq;
	/* reclaim completions when fewer slots than this are free */
	__u16 reclaim_thresh;
	__u16 hdr_len;
	struct uk_netdev_queue_stats stats;
	struct virtio_net_hdr_v1 *hdr;	/* shared, zeroed, read-only */
	struct uk_alloc *a;
	struct virtio_net_dev *vndev;
};

struct uk_netdev_rx_queue {
	struct virtqueue *vq;
	uk_netdev_alloc_rxpkts alloc_rxpkts;
	void *alloc_rxpkts_argp;
	__u16 hdr_len;
	__u16 refill_thresh;
	struct uk_netdev_queue_stats stats;
	struct uk_netbuf **refill;	/* nb_slots netbuf pointers */
	struct uk_alloc *a;
	struct virtio_net_dev *vndev;
};

struct virtio_net_dev {
	struct uk_netdev netdev;
	struct virtio_dev *vdev;
	struct uk_hwaddr hwaddr;
	bool has_hwaddr;
	__u16 hdr_len;		/* 12 (VERSION_1) or 10 (legacy) */
	__u64 features;		/* negotiated at discovery */
	bool ready;		/* set up for start (not after a failed stop) */
	__u16 max_pairs;	/* queue pairs the device offers */
	__u16 nb_pairs;		/* queue pairs in use (configure) */
	unsigned int promisc;	/* last promiscuous mode set */
	struct virtqueue *ctrlq; /* with VIRTIO_NET_F_CTRL_VQ */
	struct vnet_ctrl_cmd *ctrl; /* its one command buffer */
	__u16 mtu;
	__u16 max_mtu;
	struct uk_netdev_rx_queue *rxq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];
	struct uk_netdev_tx_queue *txq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];
};

#define to_vndev(dev) __containerof(dev, struct virtio_net_dev, netdev)

/*
 * A control command (5.1.6.5): class and command, data, then the ack byte
 * the device writes. Three descriptors: header, data (device-readable),
 * ack (device-writable), as legacy devices expect them separate.
 */
struct vnet_ctrl_cmd {
	struct virtio_net_ctrl_hdr hdr;
	__u8 data[6];
	virtio_net_ctrl_ack ack;
};

/* ------------------------------------------------------------------ */
/* Datapath                                                           */
/* ------------------------------------------------------------------ */

/* Give back every frame the device has finished sending. */
static inline void vnet_tx_reclaim(struct uk_netdev_tx_queue *txq)
{
	struct virtqueue *vq = txq->vq;
	__u16 n = virtqueue_used_count(vq);
	struct virtqueue_burst b;

	if (!n)
		return;
	virtqueue_burst_begin(vq, &b);
	while (n--)
		uk_netbuf_free(virtqueue_burst_used_pop(&b, NULL));
	virtqueue_burst_end(vq, &b);
}

static int vnet_tx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_tx_queue *txq,
			 struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct virtqueue *vq = txq->vq;
	struct virtqueue_burst b;
	struct uk_netbuf *pkt;
	struct vring_desc *d;
	__u64 bytes = 0;
	__u16 i, n, head, err = 0;
	__u32 len;
	int status;

	/* A burst of 0 frames is a flush: reclaim everything done. */
	if (virtqueue_free_count(vq) < MAX(*cnt, txq->reclaim_thresh) ||
	    *cnt == 0)
		vnet_tx_reclaim(txq);

	n = MIN(*cnt, virtqueue_free_count(vq));
	if (unlikely(!n))
		goto out;	/* the ring is full (or nothing was sent) */
	virtqueue_burst_begin(vq, &b);
	for (i = 0; i < n; i++) {
		pkt = pkts[i];
		if (unlikely(pkt->next)) {
			/* No UK_NETDEV_F_TX_CHAIN: a chain is an error. The
			 * frame counts as taken, so the caller cannot loop
			 * on it.
			 */
			uk_netbuf_free(pkt);
			err++;
			continue;
		}
		head = virtqueue_burst_slot_get(&b);
		/* desc[head] already points at the shared header */
		len = pkt->len;	/* read once: the stores below may alias */
		d = virtqueue_burst_desc(&b, head + 1);
		d->addr = virtqueue_burst_addr(&b, pkt->data);
		d->len = len;
		virtqueue_burst_avail_add(&b, head, pkt);
		bytes += len;
	}
	virtqueue_burst_end(vq, &b);
	virtqueue_kick(vq);

	uk_netdev_queue_stats_add(&txq->stats, n - err, bytes);
	if (unlikely(err))
		uk_netdev_queue_stats_error(&txq->stats, err);
out:
	*cnt = n;
	status = n ? UK_NETDEV_STATUS_SUCCESS : 0;
	if (virtqueue_free_count(vq))
		status |= UK_NETDEV_STATUS_MORE;
	return status;
}

/*
 * Fill free rx slots with buffers from alloc_rxpkts and publish them; the
 * device is notified (if it asked) only when @p kick: not before DRIVER_OK
 * (3.1.1).
 * @return 0, or UK_NETDEV_STATUS_UNDERRUN if fewer buffers came than slots
 *   were free
 */
static int vnet_rx_refill(struct uk_netdev_rx_queue *rxq, bool kick)
{
	struct virtqueue *vq = rxq->vq;
	__u16 want = virtqueue_free_count(vq), got, i, head;
	/* read once: the stores below may alias rxq */
	struct uk_netbuf **refill = rxq->refill;
	__u16 hdr_len = rxq->hdr_len;
	struct virtqueue_burst b;
	struct uk_netbuf *nb;
	struct vring_desc *d;
	char *end;

	got = rxq->alloc_rxpkts(rxq->alloc_rxpkts_argp, refill, want);
	UK_ASSERT(got <= want);
	virtqueue_burst_begin(vq, &b);
	for (i = 0; i < got; i++) {
		nb = refill[i];
		if (unlikely(uk_netbuf_headroom(nb) < hdr_len)) {
			/* Too little headroom for the virtio-net header. */
			uk_netbuf_free(nb);
			uk_netdev_queue_stats_error(&rxq->stats, 1);
			continue;
		}
		end = (char *)nb->buf + nb->buflen;
		head = virtqueue_burst_slot_get(&b);
		d = virtqueue_burst_desc(&b, head);
		d->addr = virtqueue_burst_addr(&b, nb->data) - hdr_len;
		d->len = (__u32)(end - (char *)nb->data) + hdr_len;
		virtqueue_burst_avail_add(&b, head, nb);
	}
	virtqueue_burst_end(vq, &b);
	if (kick)
		virtqueue_kick(vq);
	else
		virtqueue_publish(vq);
	return got < want ? UK_NETDEV_STATUS_UNDERRUN : 0;
}

static int vnet_rx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_rx_queue *rxq,
			 struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct virtqueue *vq = rxq->vq;
	__u16 hdr_len = rxq->hdr_len;	/* read once */
	struct virtqueue_burst b;
	struct uk_netbuf *nb;
	__u64 bytes = 0;
	__u16 i, n, avail;
	__u32 len;
	int status = 0;

	avail = virtqueue_used_count(vq);
	n = MIN(avail, *cnt);
	if (n) {
		virtqueue_burst_begin(vq, &b);
		for (i = 0; i < n; i++) {
			nb = virtqueue_burst_used_pop(&b, &len);
			/* len covers the header the device wrote in the
			 * headroom
			 */
			nb->len = (__u16)(len > hdr_len ? len - hdr_len : 0);
			bytes += nb->len;
			pkts[i] = nb;
		}
		virtqueue_burst_end(vq, &b);
		uk_netdev_queue_stats_add(&rxq->stats, n, bytes);
		status = UK_NETDEV_STATUS_SUCCESS;
	}
	*cnt = n;
	if (avail > n)
		status |= UK_NETDEV_STATUS_MORE;
	if (virtqueue_free_count(vq) >= rxq->refill_thresh ||
	    virtqueue_free_count(vq) == vq->nb_slots)
		status |= vnet_rx_refill(rxq, true);
	return status;
}

/* ------------------------------------------------------------------ */
/* Control                                                            */
/* ------------------------------------------------------------------ */

static void vnet_info_get(struct uk_netdev *dev, struct uk_netdev_info *info)
{
	struct virtio_net_dev *vn = to_vndev(dev);

	info->max_rx_queues = MIN(vn->max_pairs,
				  CONFIG_LIBUKNETDEV_MAXNBQUEUES);
	info->max_tx_queues = info->max_rx_queues;
	info->max_mtu = vn->max_mtu;
	info->nb_encap_tx = 0;		/* header not in the packet */
	info->nb_encap_rx = vn->hdr_len;
	info->ioalign = 1;
	info->features = UK_NETDEV_F_TX_REF_SAFE;
}

static int vnet_configure(struct uk_netdev *dev,
			  const struct uk_netdev_conf *conf)
{
	struct virtio_net_dev *vn = to_vndev(dev);

	if (conf->nb_rx_queues > vn->max_pairs ||
	    conf->nb_tx_queues > vn->max_pairs)
		return -EINVAL;
	vn->nb_pairs = MAX(conf->nb_rx_queues, conf->nb_tx_queues);
	return 0;
}

static int vnet_queue_info(struct virtio_net_dev *vn, __u16 vq_id,
			   __u16 min, struct uk_netdev_queue_info *qinfo)
{
	__u16 max = vn->vdev->ops->queue_size_max(vn->vdev, vq_id);

	if (max < min)
		return -ENODEV;
	/* A legacy device dictates the queue size (2.7.2). */
	qinfo->nb_min = vn->vdev->legacy ? max : min;
	qinfo->nb_max = max;
	qinfo->nb_align = min;
	qinfo->nb_is_power_of_two = 1;
	return 0;
}

static int vnet_rxq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			     struct uk_netdev_queue_info *qinfo)
{
	return vnet_queue_info(to_vndev(dev), VIRTIO_NET_RXQ(queue_id), 1,
			       qinfo);
}

static int vnet_txq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			     struct uk_netdev_queue_info *qinfo)
{
	return vnet_queue_info(to_vndev(dev), VIRTIO_NET_TXQ(queue_id),
			       VNET_TX_CHAIN, qinfo);
}

/*
 * Create virtqueue @p vq_id with @p nb_desc descriptors (0: the device's
 * maximum), at least @p min of them.
 */
static struct virtqueue *vnet_vq_create(struct virtio_net_dev *vn,
					__u16 vq_id, __u16 nb_desc, __u16 min,
					struct uk_alloc *a)
{
	__u16 max = vn->vdev->ops->queue_size_max(vn->vdev, vq_id);

	if (max < min)
		return ERR2PTR(-ENODEV);
	if (nb_desc == 0)
		nb_desc = VNET_QUEUE_SIZE_DEFAULT ? : max;
	if (nb_desc > max || nb_desc < min || !IS_POW2(nb_desc))
		return ERR2PTR(-EINVAL);
	return virtqueue_create(vn->vdev, vq_id, nb_desc, min, a);
}

static struct uk_netdev_rx_queue *vnet_rxq_configure(struct uk_netdev *dev,
		uint16_t queue_id, uint16_t nb_desc,
		struct uk_netdev_rxqueue_conf *conf)
{
	struct virtio_net_dev *vn = to_vndev(dev);
	struct uk_netdev_rx_queue *rxq;
	int rc = -ENOMEM;
	__u16 i;

	if (!conf->a || !conf->alloc_rxpkts)
		return ERR2PTR(-EINVAL);
	if (conf->callback)
		return ERR2PTR(-ENOTSUP);	/* no interrupt mode */
	rxq = uk_calloc(conf->a, 1, sizeof(*rxq));
	if (!rxq)
		return ERR2PTR(-ENOMEM);
	rxq->a = conf->a;
	rxq->vndev = vn;
	rxq->hdr_len = vn->hdr_len;
	rxq->alloc_rxpkts = conf->alloc_rxpkts;
	rxq->alloc_rxpkts_argp = conf->alloc_rxpkts_argp;
	rxq->vq = vnet_vq_create(vn, VIRTIO_NET_RXQ(queue_id), nb_desc, 1,
				 conf->a);
	if (PTRISERR(rxq->vq)) {
		rc = PTR2ERR(rxq->vq);
		goto err_free_rxq;
	}
	/* Every rx descriptor is device-writable, once and for all. */
	for (i = 0; i < virtqueue_size(rxq->vq); i++)
		virtqueue_desc(rxq->vq, i)->flags = VRING_DESC_F_WRITE;
	rxq->refill_thresh = MIN(VNET_RX_REFILL_MIN, rxq->vq->nb_slots);
	rxq->refill = uk_calloc(conf->a, rxq->vq->nb_slots,
				sizeof(*rxq->refill));
	if (!rxq->refill)
		goto err_destroy_vq;
	/* First fill; an empty ring is refilled again on every rx_burst. */
	if (vnet_rx_refill(rxq, false))
		uk_pr_warn(DRIVER_NAME ": rxq %u: only %u of %u buffers\n",
			   queue_id, rxq->vq->nb_slots - rxq->vq->nb_free,
			   rxq->vq->nb_slots);
	uk_netdev_rxq_stats_bind(dev, queue_id, &rxq->stats);
	vn->rxq[queue_id] = rxq;
	uk_pr_info(DRIVER_NAME ": rxq %u: %u descriptors\n", queue_id,
		   virtqueue_size(rxq->vq));
	return rxq;

err_destroy_vq:
	virtqueue_destroy(rxq->vq);
err_free_rxq:
	uk_free(conf->a, rxq);
	return ERR2PTR(rc);
}

static struct uk_netdev_tx_queue *vnet_txq_configure(struct uk_netdev *dev,
		uint16_t queue_id, uint16_t nb_desc,
		struct uk_netdev_txqueue_conf *conf)
{
	struct virtio_net_dev *vn = to_vndev(dev);
	struct uk_netdev_tx_queue *txq;
	struct virtqueue *vq;
	__u64 hdr_addr;
	__u16 i;
	int rc = -ENOMEM;

	if (!conf->a)
		return ERR2PTR(-EINVAL);
	txq = uk_calloc(conf->a, 1, sizeof(*txq));
	if (!txq)
		return ERR2PTR(-ENOMEM);
	txq->a = conf->a;
	txq->vndev = vn;
	txq->hdr_len = vn->hdr_len;
	/* The shared header: all zero = no checksum, no GSO (5.1.6.2). */
	txq->hdr = uk_calloc(conf->a, 1, sizeof(*txq->hdr));
	if (!txq->hdr)
		goto err_free_txq;
	vq = vnet_vq_create(vn, VIRTIO_NET_TXQ(queue_id), nb_desc,
			    VNET_TX_CHAIN, conf->a);
	if (PTRISERR(vq)) {
		rc = PTR2ERR(vq);
		goto err_free_hdr;
	}
	txq->vq = vq;
	/* Point every slot's first descriptor at the shared header once. */
	hdr_addr = virtqueue_addr(vq, txq->hdr);
	for (i = 0; i < virtqueue_size(vq); i += VNET_TX_CHAIN) {
		virtqueue_desc(vq, i)->addr = hdr_addr;
		virtqueue_desc(vq, i)->len = txq->hdr_len;
		virtqueue_desc(vq, i + 1)->flags = 0;	/* device reads */
	}
	txq->reclaim_thresh = vq->nb_slots / 4 ? : 1;
	uk_netdev_txq_stats_bind(dev, queue_id, &txq->stats);
	vn->txq[queue_id] = txq;
	uk_pr_info(DRIVER_NAME ": txq %u: %u descriptors (%u frames)\n",
		   queue_id, virtqueue_size(vq), vq->nb_slots);
	return txq;

err_free_hdr:
	uk_free(conf->a, txq->hdr);
err_free_txq:
	uk_free(conf->a, txq);
	return ERR2PTR(rc);
}

/*
 * Send a control command and wait for the device's answer (only after
 * DRIVER_OK). Not on the datapath: it polls with a timeout.
 * @return 0, -ENOTSUP without a control queue, -EIO if the device
 *   answered VIRTIO_NET_ERR, -ETIMEDOUT
 */
static int vnet_ctrl(struct virtio_net_dev *vn, __u8 class, __u8 cmd,
		     const void *data, __u16 len)
{
	struct virtqueue *vq = vn->ctrlq;
	struct vnet_ctrl_cmd *c = vn->ctrl;
	struct vring_desc *d;
	__nsec end;
	__u16 head;

	if (!vq)
		return -ENOTSUP;
	UK_ASSERT(len <= sizeof(c->data) && virtqueue_free_count(vq));
	c->hdr.class = class;
	c->hdr.cmd = cmd;
	memcpy(c->data, data, len);
	c->ack = VIRTIO_NET_ERR;
	head = virtqueue_slot_get(vq);
	d = virtqueue_desc(vq, head);
	d[0].addr = virtqueue_addr(vq, &c->hdr);
	d[0].len = sizeof(c->hdr);
	d[1].addr = virtqueue_addr(vq, c->data);
	d[1].len = len;
	d[2].addr = virtqueue_addr(vq, &c->ack);
	d[2].len = sizeof(c->ack);
	d[2].flags = VRING_DESC_F_WRITE;	/* end of the chain */
	virtqueue_avail_add(vq, head, c);
	virtqueue_kick(vq);

	end = ukplat_monotonic_clock() + VNET_CTRL_TIMEOUT_NS;
	while (!virtqueue_used_count(vq)) {
		if (ukplat_monotonic_clock() > end) {
			/* the slot stays lost: the device may still use it */
			uk_pr_err(DRIVER_NAME ": control command %u.%u timed "
				  "out\n", class, cmd);
			return -ETIMEDOUT;
		}
		__builtin_ia32_pause();
	}
	virtqueue_used_pop(vq, NULL);
	/* the ack was written before the used entry (read after it) */
	return UK_READ_ONCE(c->ack) == VIRTIO_NET_OK ? 0 : -EIO;
}

static int vnet_promiscuous_set(struct uk_netdev *dev, unsigned int mode)
{
	struct virtio_net_dev *vn = to_vndev(dev);
	__u8 on = mode ? 1 : 0;
	int rc;

	if (!virtio_has_feature(vn->vdev, VIRTIO_NET_F_CTRL_RX))
		return mode ? 0 : -ENOTSUP;	/* no filter: always on */
	if (uk_netdev_state_get(dev) != UK_NETDEV_RUNNING) {
		vn->promisc = on;		/* applied at start */
		return 0;
	}
	rc = vnet_ctrl(vn, VIRTIO_NET_CTRL_RX, VIRTIO_NET_CTRL_RX_PROMISC,
		       &on, sizeof(on));
	if (rc == 0)
		vn->promisc = on;
	return rc;
}

/* Every buffer the device held, sent or not, used or not, goes back. */
static void vnet_buffers_reclaim(struct virtio_net_dev *vn)
{
	struct uk_netbuf *nb;
	__u16 q;

	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++) {
		if (vn->txq[q])
			while ((nb = virtqueue_detach(vn->txq[q]->vq)))
				uk_netbuf_free(nb);
		if (vn->rxq[q])
			while ((nb = virtqueue_detach(vn->rxq[q]->vq)))
				uk_netbuf_free(nb);
	}
	/* the control queue's one buffer is vn->ctrl: nothing to free */
	if (vn->ctrlq)
		while (virtqueue_detach(vn->ctrlq))
			;
}

/*
 * 3.1.1 steps 1-6: reset, ACKNOWLEDGE, DRIVER, feature negotiation,
 * FEATURES_OK. The reset device uses no ring and no buffer (2.4).
 * @return 0 (vdev->features holds the result) or a negative errno
 */
static int vnet_device_init(struct virtio_dev *vdev)
{
	virtio_dev_reset(vdev);
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_DRIVER);
	return virtio_dev_features_negotiate(vdev, VNET_FEATURES);
}

/*
 * Reset the device, take every buffer back, and bring it to where
 * discovery and the queue set-ups left it (3.1.1 steps 1-7): the same
 * features, every queue registered anew, receive rings filled. Not
 * DRIVER_OK: start does that.
 * @return 0, -EIO if the device offers other features than before (the
 *   queues were made for those), or the transport's error
 */
static int vnet_reset_prepare(struct virtio_net_dev *vn)
{
	struct virtio_dev *vdev = vn->vdev;
	__u16 q;
	int rc;

	vn->ready = false;
	rc = vnet_device_init(vdev);
	vnet_buffers_reclaim(vn);
	if (rc < 0)
		goto err_fail;
	if (vdev->features != vn->features) {
		uk_pr_err(DRIVER_NAME ": features 0x%llx after reset, 0x%llx "
			  "before\n", (unsigned long long)vdev->features,
			  (unsigned long long)vn->features);
		rc = -EIO;
		goto err_fail;
	}
	if (vn->ctrlq) {
		rc = virtqueue_restart(vn->ctrlq);
		if (rc < 0)
			goto err_fail;
	}
	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++) {
		if (vn->rxq[q]) {
			rc = virtqueue_restart(vn->rxq[q]->vq);
			if (rc < 0)
				goto err_fail;
			if (vnet_rx_refill(vn->rxq[q], false))
				uk_pr_warn(DRIVER_NAME ": rxq %u: only %u "
					   "buffers\n", q,
					   vn->rxq[q]->vq->nb_slots -
					   virtqueue_free_count(
						   vn->rxq[q]->vq));
		}
		if (vn->txq[q]) {
			rc = virtqueue_restart(vn->txq[q]->vq);
			if (rc < 0)
				goto err_fail;
		}
	}
	vn->ready = true;
	return 0;

err_fail:
	uk_pr_err(DRIVER_NAME ": set-up after reset failed: %d\n", rc);
	virtio_dev_fail(vdev);
	return rc;
}

/*
 * RUNNING -> CONFIGURED. The device is stopped by a reset whatever
 * happens next; if setting it up again fails, start tries again (and
 * returns the error).
 */
static int vnet_stop(struct uk_netdev *dev)
{
	struct virtio_net_dev *vn = to_vndev(dev);

	vnet_reset_prepare(vn);
	uk_pr_info(DRIVER_NAME ": stopped (%s)\n", vn->vdev->transport);
	return 0;
}

static int vnet_start(struct uk_netdev *dev)
{
	struct virtio_net_dev *vn = to_vndev(dev);
	__u16 q;
	int rc;

	/* A stop whose set-up failed: try again. */
	if (!vn->ready) {
		rc = vnet_reset_prepare(vn);
		if (rc < 0)
			return rc;
	}
	/* 3.1.1 step 8: queues are set up, the device may run. */
	virtio_dev_status_add(vn->vdev, VIRTIO_CONFIG_S_DRIVER_OK);
	if (vn->vdev->ops->status_get(vn->vdev) &
	    VIRTIO_CONFIG_S_NEEDS_RESET) {
		uk_pr_err(DRIVER_NAME ": device needs reset\n");
		return -EIO;
	}
	/* Tell the device about the receive buffers filled at configure
	 * time or by stop (no notification was allowed before DRIVER_OK).
	 */
	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++)
		if (vn->rxq[q])
			virtqueue_notify(vn->rxq[q]->vq);
	/* 5.1.6.5.5: only the first pair works until more are asked for. */
	if (vn->nb_pairs > 1) {
		struct virtio_net_ctrl_mq mq = {
			.virtqueue_pairs = vn->nb_pairs,
		};

		rc = vnet_ctrl(vn, VIRTIO_NET_CTRL_MQ,
			       VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET, &mq,
			       sizeof(mq));
		if (rc < 0) {
			uk_pr_err(DRIVER_NAME ": %u queue pairs refused: %d\n",
				  vn->nb_pairs, rc);
			return rc;
		}
	}
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_CTRL_RX)) {
		__u8 on = vn->promisc;

		rc = vnet_ctrl(vn, VIRTIO_NET_CTRL_RX,
			       VIRTIO_NET_CTRL_RX_PROMISC, &on, sizeof(on));
		if (rc < 0)
			return rc;
	}
	uk_pr_info(DRIVER_NAME ": started (%s), %u queue pair(s)\n",
		   vn->vdev->transport, vn->nb_pairs);
	return 0;
}

static const struct uk_hwaddr *vnet_hwaddr_get(struct uk_netdev *dev)
{
	struct virtio_net_dev *vn = to_vndev(dev);

	return vn->has_hwaddr ? &vn->hwaddr : NULL;
}

/* Without VIRTIO_NET_F_CTRL_RX the device receives everything (it cannot
 * filter), which is promiscuous mode.
 */
static unsigned int vnet_promiscuous_get(struct uk_netdev *dev)
{
	return to_vndev(dev)->promisc;
}

static uint16_t vnet_mtu_get(struct uk_netdev *dev)
{
	return to_vndev(dev)->mtu;
}

static int vnet_mtu_set(struct uk_netdev *dev, uint16_t mtu)
{
	/* Receive buffers are the application's: it sizes them for the MTU;
	 * nothing to tell the device.
	 */
	to_vndev(dev)->mtu = mtu;
	return 0;
}

static int vnet_link_get(struct uk_netdev *dev)
{
	struct virtio_net_dev *vn = to_vndev(dev);
	__u16 status;

	if (!virtio_has_feature(vn->vdev, VIRTIO_NET_F_STATUS))
		return 1;	/* 5.1.4: assume the link is up */
	if (virtio_dev_config_get(vn->vdev,
				  offsetof(struct virtio_net_config, status),
				  &status, sizeof(status)) < 0)
		return -EIO;
	return (status & VIRTIO_NET_S_LINK_UP) ? 1 : 0;
}

static const struct uk_netdev_ops vnet_ops = {
	.info_get = vnet_info_get,
	.configure = vnet_configure,
	.rxq_info_get = vnet_rxq_info_get,
	.txq_info_get = vnet_txq_info_get,
	.rxq_configure = vnet_rxq_configure,
	.txq_configure = vnet_txq_configure,
	.start = vnet_start,
	.stop = vnet_stop,
	.hwaddr_get = vnet_hwaddr_get,
	.promiscuous_get = vnet_promiscuous_get,
	.promiscuous_set = vnet_promiscuous_set,
	.mtu_get = vnet_mtu_get,
	.mtu_set = vnet_mtu_set,
	.link_get = vnet_link_get,
};

/* ------------------------------------------------------------------ */
/* Device discovery                                                   */
/* ------------------------------------------------------------------ */

/* Read the device configuration the negotiated features make valid. */
static int vnet_config_read(struct virtio_net_dev *vn)
{
	struct virtio_dev *vdev = vn->vdev;
	__u16 mtu;
	int rc;

	if (virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
		rc = virtio_dev_config_get(vdev,
				offsetof(struct virtio_net_config, mac),
				vn->hwaddr.addr_bytes, UK_NETDEV_HWADDR_LEN);
		if (rc < 0)
			return rc;
		vn->has_hwaddr = true;
	}
	vn->max_mtu = 1500;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MTU)) {
		rc = virtio_dev_config_get(vdev,
				offsetof(struct virtio_net_config, mtu),
				&mtu, sizeof(mtu));
		if (rc < 0)
			return rc;
		vn->max_mtu = mtu;
	}
	vn->mtu = MIN(1500, vn->max_mtu);
	/* Without VIRTIO_NET_F_MQ (and its control queue) one pair. */
	vn->max_pairs = 1;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MQ)) {
		rc = virtio_dev_config_get(vdev,
			offsetof(struct virtio_net_config,
				 max_virtqueue_pairs),
			&vn->max_pairs, sizeof(vn->max_pairs));
		if (rc < 0)
			return rc;
		if (vn->max_pairs < 1)
			vn->max_pairs = 1;
	}
	vn->nb_pairs = 1;
	return 0;
}

/* The control queue comes after the last queue pair (5.1.2). */
static int vnet_ctrlq_create(struct virtio_net_dev *vn, struct uk_alloc *a)
{
	__u16 qid = VIRTIO_NET_RXQ(vn->max_pairs);
	__u16 num = vn->vdev->ops->queue_size_max(vn->vdev, qid);

	if (!num || !IS_POW2(num) || num < 4)
		return -ENODEV;
	vn->ctrl = uk_calloc(a, 1, sizeof(*vn->ctrl));
	if (!vn->ctrl)
		return -ENOMEM;
	/* One slot: the whole ring is one chain, of which a command uses
	 * the first three descriptors (d[2] ends it).
	 */
	vn->ctrlq = virtqueue_create(vn->vdev, qid, num, num, a);
	if (PTRISERR(vn->ctrlq)) {
		int rc = PTR2ERR(vn->ctrlq);

		vn->ctrlq = NULL;
		uk_free(a, vn->ctrl);
		vn->ctrl = NULL;
		return rc;
	}
	return 0;
}

static int vnet_add_dev(struct virtio_dev *vdev)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct virtio_net_dev *vn;
	const __u8 *m;
	int rc;

	vn = uk_calloc(a, 1, sizeof(*vn));
	if (!vn)
		return -ENOMEM;
	vn->vdev = vdev;

	rc = vnet_device_init(vdev);
	if (rc < 0)
		goto err_fail;
	vn->features = vdev->features;
	/* 5.1.6.1: the 12-byte header with VERSION_1 (or MRG_RXBUF). */
	vn->hdr_len = virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ?
		VIRTIO_NET_HDR_LEN : VIRTIO_NET_HDR_LEN_LEGACY;
	rc = vnet_config_read(vn);
	if (rc < 0)
		goto err_fail;
	vn->promisc = 1;	/* the device receives everything until told */
	vn->ready = true;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_CTRL_VQ)) {
		rc = vnet_ctrlq_create(vn, vdev->dma_a ? : a);
		if (rc < 0)
			goto err_fail;
	}

	vn->netdev.tx_burst = vnet_tx_burst;
	vn->netdev.rx_burst = vnet_rx_burst;
	vn->netdev.ops = &vnet_ops;
	rc = uk_netdev_drv_register(&vn->netdev, a, DRIVER_NAME);
	if (rc < 0)
		goto err_fail;
	m = vn->hwaddr.addr_bytes;
	uk_pr_info(DRIVER_NAME ": netdev%d: %s, features 0x%llx, "
		   "mac %02x:%02x:%02x:%02x:%02x:%02x\n", rc, vdev->transport,
		   (unsigned long long)vdev->features,
		   m[0], m[1], m[2], m[3], m[4], m[5]);
	return 0;

err_fail:
	virtio_dev_fail(vdev);
	if (vn->ctrlq) {
		virtqueue_destroy(vn->ctrlq);
		uk_free(vdev->dma_a ? : a, vn->ctrl);
	}
	uk_free(a, vn);
	return rc;
}

static struct virtio_driver vnet_driver = {
	.device_id = VIRTIO_ID_NET,
	.name = DRIVER_NAME,
	.add_dev = vnet_add_dev,
};
VIRTIO_DRIVER_REGISTER(vnet_driver);
