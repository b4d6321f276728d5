/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio over PCI (VIRTIO 1.2, 4.1): the modern interface (vendor
 * capabilities pointing into memory BARs, 4.1.4) and the legacy one (I/O
 * BAR0 registers, 4.1.4.10). A transitional device (QEMU's default
 * virtio-net-pci, id 0x1000) offers both: the modern one is used. A
 * legacy-only device (disable-modern=on) gets the legacy transport.
 *
 * Memory BARs are identity mapped on kvm, so a BAR's bus address is used
 * as a pointer. All register accesses go through volatile pointers (or port
 * I/O) with their natural width (4.1.3.1); 64-bit registers as two 32-bit
 * halves, low first.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/arch/io.h>
#include <uk/bus/pci.h>
#include <uk/print.h>
#include <uk/virtio/virtqueue.h>
#include <linux/virtio_pci.h>

/*
 * 4.1.2 PCI Device Discovery (the PCI ids are not in the uapi headers):
 * vendor 0x1af4; a modern device is 0x1040 + its virtio device id, a
 * transitional one 0x1000..0x103f with the device id in the subsystem id.
 */
#define VIRTIO_PCI_VENDOR_ID		0x1af4
#define VIRTIO_PCI_ID_LEGACY_MAX	0x103f
#define VIRTIO_PCI_ID_MODERN_BASE	0x1040
#define VIRTIO_PCI_ID_NET_LEGACY	0x1000
#define VIRTIO_PCI_ID_NET_MODERN	(VIRTIO_PCI_ID_MODERN_BASE + VIRTIO_ID_NET)

/* Byte offset of a field of a capability in PCI configuration space. */
#define VPM_CAP_OFF(type, field)	offsetof(struct type, field)

struct virtio_pci_dev {
	struct virtio_dev vdev;
	struct pci_device *pdev;
	/* modern */
	volatile struct virtio_pci_common_cfg *common;
	volatile __u8 *notify_base;
	__u32 notify_mult;
	volatile __u8 *isr;
	volatile __u8 *device_cfg;
	__u32 device_cfg_len;
	/* legacy */
	__u16 iobase;
};

#define to_vpdev(v) __containerof(v, struct virtio_pci_dev, vdev)

/* ------------------------------------------------------------------ */
/* Modern transport (4.1.4)                                           */
/* ------------------------------------------------------------------ */

/* A 64-bit register as its two 32-bit halves, low first (4.1.3.1). */
static void vpm_write64(volatile __le32 *lo, volatile __le32 *hi, __u64 v)
{
	*lo = (__u32)v;
	*hi = (__u32)(v >> 32);
}

static __u8 vpm_status_get(struct virtio_dev *vdev)
{
	return to_vpdev(vdev)->common->device_status;
}

static void vpm_status_set(struct virtio_dev *vdev, __u8 status)
{
	to_vpdev(vdev)->common->device_status = status;
}

static void vpm_reset(struct virtio_dev *vdev)
{
	unsigned long spins = 0;

	vpm_status_set(vdev, 0);
	/* 4.1.4.3.2: the reset is done when device_status reads 0. */
	while (vpm_status_get(vdev) != 0) {
		if (++spins == (1UL << 24)) {
			uk_pr_err("virtio-pci: device does not reset\n");
			return;
		}
		__builtin_ia32_pause();
	}
}

static __u64 vpm_features_get(struct virtio_dev *vdev)
{
	volatile struct virtio_pci_common_cfg *c = to_vpdev(vdev)->common;
	__u64 f;

	c->device_feature_select = 0;
	f = c->device_feature;
	c->device_feature_select = 1;
	f |= (__u64)c->device_feature << 32;
	return f;
}

static void vpm_features_set(struct virtio_dev *vdev, __u64 features)
{
	volatile struct virtio_pci_common_cfg *c = to_vpdev(vdev)->common;

	/* the uapi calls the driver's features the guest's */
	c->guest_feature_select = 0;
	c->guest_feature = (__u32)features;
	c->guest_feature_select = 1;
	c->guest_feature = (__u32)(features >> 32);
}

/* Natural-width copy of a register window. */
static void vp_copy(void *buf, volatile const __u8 *src, __u16 len)
{
	if (len == 2 && IS_ALIGNED((__uptr)src, 2)) {
		*(__u16 *)buf = *(volatile const __u16 *)src;
	} else if (len == 4 && IS_ALIGNED((__uptr)src, 4)) {
		*(__u32 *)buf = *(volatile const __u32 *)src;
	} else {
		__u16 i;

		for (i = 0; i < len; i++)
			((__u8 *)buf)[i] = src[i];
	}
}

static int vpm_config_get(struct virtio_dev *vdev, __u16 offset, void *buf,
			  __u16 len)
{
	struct virtio_pci_dev *vp = to_vpdev(vdev);
	__u8 gen;

	if (!vp->device_cfg || (__u32)offset + len > vp->device_cfg_len)
		return -EINVAL;
	/* 4.1.4.3.1 / 2.5.1: re-read while the configuration changes. */
	do {
		gen = vp->common->config_generation;
		vp_copy(buf, vp->device_cfg + offset, len);
	} while (gen != vp->common->config_generation);
	return 0;
}

static __u16 vpm_queue_size_max(struct virtio_dev *vdev, __u16 qid)
{
	volatile struct virtio_pci_common_cfg *c = to_vpdev(vdev)->common;

	if (qid >= c->num_queues)
		return 0;
	c->queue_select = qid;
	return c->queue_size;
}

static void vpm_notify(struct virtqueue *vq)
{
	/* 4.1.4.4: write the queue index to its notification address. */
	*(volatile __u16 *)vq->notify_priv = vq->qid;
}

static int vpm_queue_setup(struct virtio_dev *vdev, struct virtqueue *vq)
{
	struct virtio_pci_dev *vp = to_vpdev(vdev);
	volatile struct virtio_pci_common_cfg *c = vp->common;
	__u16 max = vpm_queue_size_max(vdev, vq->qid);

	if (max == 0)
		return -ENODEV;
	if (virtqueue_size(vq) > max)
		return -EINVAL;
	c->queue_select = vq->qid;
	c->queue_size = virtqueue_size(vq);
	c->queue_msix_vector = VIRTIO_MSI_NO_VECTOR;
	vpm_write64(&c->queue_desc_lo, &c->queue_desc_hi, vq->desc_addr);
	vpm_write64(&c->queue_avail_lo, &c->queue_avail_hi, vq->avail_addr);
	vpm_write64(&c->queue_used_lo, &c->queue_used_hi, vq->used_addr);
	vq->notify = vpm_notify;
	vq->notify_priv = (void *)(vp->notify_base +
				   (__uptr)c->queue_notify_off *
				   vp->notify_mult);
	c->queue_enable = 1;
	return 0;
}

static const struct virtio_dev_ops vpm_ops = {
	.reset = vpm_reset,
	.status_get = vpm_status_get,
	.status_set = vpm_status_set,
	.features_get = vpm_features_get,
	.features_set = vpm_features_set,
	.config_get = vpm_config_get,
	.queue_size_max = vpm_queue_size_max,
	.queue_setup = vpm_queue_setup,
	/* A modern queue is only disabled by a device reset (without
	 * VIRTIO_F_RING_RESET, which the driver does not ask for).
	 */
	.queue_release = NULL,
};

/*
 * Locate the modern structures (4.1.4): the first usable capability of
 * each type wins. @return 0 if common, notify and device config were found.
 */
static int vpm_caps_find(struct virtio_pci_dev *vp)
{
	struct pci_device *pdev = vp->pdev;
	const struct pci_address *pa = &pdev->addr;
	struct pci_bar *bar;
	__u8 pos, type, bar_no;
	__u32 offset, length;
	volatile __u8 *p;

	for (pos = uk_pci_cap_find(pdev, PCI_CAP_ID_VNDR, 0); pos;
	     pos = uk_pci_cap_find(pdev, PCI_CAP_ID_VNDR, pos)) {
		type = uk_pci_conf_read8(pa, pos +
			VPM_CAP_OFF(virtio_pci_cap, cfg_type));
		bar_no = uk_pci_conf_read8(pa, pos +
			VPM_CAP_OFF(virtio_pci_cap, bar));
		offset = uk_pci_conf_read32(pa, pos +
			VPM_CAP_OFF(virtio_pci_cap, offset));
		length = uk_pci_conf_read32(pa, pos +
			VPM_CAP_OFF(virtio_pci_cap, length));
		if (bar_no >= PCI_NUM_BARS)
			continue;
		bar = &pdev->bar[bar_no];
		if ((bar->type != PCI_BAR_MEM32 &&
		     bar->type != PCI_BAR_MEM64) ||
		    (__u64)offset + length > bar->size)
			continue;
		p = (volatile __u8 *)(__uptr)(bar->base + offset);
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			if (!vp->common &&
			    length >= sizeof(struct virtio_pci_common_cfg))
				vp->common = (volatile void *)p;
			break;
		case VIRTIO_PCI_CAP_NOTIFY_CFG:
			if (!vp->notify_base) {
				vp->notify_base = p;
				vp->notify_mult = uk_pci_conf_read32(pa, pos +
					VPM_CAP_OFF(virtio_pci_notify_cap,
						    notify_off_multiplier));
			}
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			if (!vp->isr)
				vp->isr = p;
			break;
		case VIRTIO_PCI_CAP_DEVICE_CFG:
			if (!vp->device_cfg) {
				vp->device_cfg = p;
				vp->device_cfg_len = length;
			}
			break;
		default:
			break;
		}
	}
	return (vp->common && vp->notify_base && vp->device_cfg) ? 0 : -ENODEV;
}

/* ------------------------------------------------------------------ */
/* Legacy transport (4.1.4.10)                                        */
/* ------------------------------------------------------------------ */

static __u8 vpl_status_get(struct virtio_dev *vdev)
{
	return inb(to_vpdev(vdev)->iobase + VIRTIO_PCI_STATUS);
}

static void vpl_status_set(struct virtio_dev *vdev, __u8 status)
{
	outb(to_vpdev(vdev)->iobase + VIRTIO_PCI_STATUS, status);
}

static void vpl_reset(struct virtio_dev *vdev)
{
	vpl_status_set(vdev, 0);
	(void)vpl_status_get(vdev);	/* flush the write */
}

static __u64 vpl_features_get(struct virtio_dev *vdev)
{
	return inl(to_vpdev(vdev)->iobase + VIRTIO_PCI_HOST_FEATURES);
}

static void vpl_features_set(struct virtio_dev *vdev, __u64 features)
{
	outl(to_vpdev(vdev)->iobase + VIRTIO_PCI_GUEST_FEATURES,
	     (__u32)features);
}

static int vpl_config_get(struct virtio_dev *vdev, __u16 offset, void *buf,
			  __u16 len)
{
	/* MSI-X is never enabled by this driver: config starts at 20. */
	__u16 port = to_vpdev(vdev)->iobase + VIRTIO_PCI_CONFIG_OFF(0) +
		offset;
	__u16 i;

	if (len == 2) {
		*(__u16 *)buf = inw(port);
	} else if (len == 4) {
		*(__u32 *)buf = inl(port);
	} else {
		for (i = 0; i < len; i++)
			((__u8 *)buf)[i] = inb(port + i);
	}
	return 0;
}

static __u16 vpl_queue_size_max(struct virtio_dev *vdev, __u16 qid)
{
	__u16 io = to_vpdev(vdev)->iobase;

	outw(io + VIRTIO_PCI_QUEUE_SEL, qid);
	return inw(io + VIRTIO_PCI_QUEUE_NUM);
}

static void vpl_notify(struct virtqueue *vq)
{
	outw((__u16)(__uptr)vq->notify_priv, vq->qid);
}

static int vpl_queue_setup(struct virtio_dev *vdev, struct virtqueue *vq)
{
	__u16 io = to_vpdev(vdev)->iobase;
	__u16 max = vpl_queue_size_max(vdev, vq->qid);

	if (max == 0)
		return -ENODEV;
	/* A legacy queue has exactly the device's size (2.7.2). */
	if (virtqueue_size(vq) != max)
		return -EINVAL;
	if (!IS_ALIGNED(vq->desc_addr, VIRTIO_PCI_VRING_ALIGN) ||
	    (vq->desc_addr >> VIRTIO_PCI_QUEUE_ADDR_SHIFT) > UINT32_MAX)
		return -EINVAL;
	outl(io + VIRTIO_PCI_QUEUE_PFN,
	     (__u32)(vq->desc_addr >> VIRTIO_PCI_QUEUE_ADDR_SHIFT));
	vq->notify = vpl_notify;
	vq->notify_priv = (void *)(__uptr)(io + VIRTIO_PCI_QUEUE_NOTIFY);
	return 0;
}

static void vpl_queue_release(struct virtio_dev *vdev, struct virtqueue *vq)
{
	__u16 io = to_vpdev(vdev)->iobase;

	outw(io + VIRTIO_PCI_QUEUE_SEL, vq->qid);
	outl(io + VIRTIO_PCI_QUEUE_PFN, 0);
}

static const struct virtio_dev_ops vpl_ops = {
	.reset = vpl_reset,
	.status_get = vpl_status_get,
	.status_set = vpl_status_set,
	.features_get = vpl_features_get,
	.features_set = vpl_features_set,
	.config_get = vpl_config_get,
	.queue_size_max = vpl_queue_size_max,
	.queue_setup = vpl_queue_setup,
	.queue_release = vpl_queue_release,
};

/* ------------------------------------------------------------------ */
/* PCI driver                                                         */
/* ------------------------------------------------------------------ */

static int virtio_pci_add_dev(struct pci_device *pdev)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct virtio_pci_dev *vp;
	int rc;

	vp = uk_calloc(a, 1, sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	vp->pdev = pdev;
	/* 4.1.2.1: modern ids are 0x1040 + type; transitional devices carry
	 * the type in the subsystem device id.
	 */
	if (pdev->device_id >= VIRTIO_PCI_ID_MODERN_BASE)
		vp->vdev.device_id = pdev->device_id -
			VIRTIO_PCI_ID_MODERN_BASE;
	else
		vp->vdev.device_id = pdev->subsystem_device_id;

	if (vpm_caps_find(vp) == 0) {
		vp->vdev.ops = &vpm_ops;
		vp->vdev.ring_align = 16;
		vp->vdev.transport = "pci";
	} else if (pdev->device_id <= VIRTIO_PCI_ID_LEGACY_MAX &&
		   pdev->bar[0].type == PCI_BAR_IO) {
		vp->iobase = (__u16)pdev->bar[0].base;
		vp->vdev.ops = &vpl_ops;
		vp->vdev.ring_align = VIRTIO_PCI_VRING_ALIGN;
		vp->vdev.legacy = true;
		vp->vdev.transport = "pci-legacy";
	} else {
		uk_pr_err("virtio-pci: %02x:%02x.%x: no usable interface\n",
			  pdev->addr.bus, pdev->addr.device,
			  pdev->addr.function);
		rc = -ENODEV;
		goto err_free;
	}
	pdev->priv = vp;
	uk_pr_info("virtio-pci: %02x:%02x.%x: %s device type %u\n",
		   pdev->addr.bus, pdev->addr.device, pdev->addr.function,
		   vp->vdev.transport, vp->vdev.device_id);
	rc = virtio_dev_attach(&vp->vdev);
	if (rc < 0)
		goto err_free;
	return 0;

err_free:
	pdev->priv = NULL;
	uk_free(a, vp);
	return rc;
}

static const struct pci_device_id virtio_pci_ids[] = {
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, VIRTIO_PCI_ID_NET_LEGACY) },
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, VIRTIO_PCI_ID_NET_MODERN) },
#if CONFIG_VIRTIO_9P
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, 0x1009) },	/* 9p, transitional */
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, 0x1049) },	/* 9p, modern */
#endif
	{ PCI_DEVICE_ID_END },
};

static const struct pci_driver virtio_pci_driver = {
	.device_ids = virtio_pci_ids,
	.add_dev = virtio_pci_add_dev,
	.name = "virtio-pci",
};
PCI_REGISTER_DRIVER(&virtio_pci_driver);
