/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A virtio device as a driver sees it, independent of the transport
 * (PCI modern, PCI legacy, vhost-user on linuxu). The transport fills
 * struct virtio_dev and its ops; drivers (virtio-net) only call the
 * helpers below. Initialisation follows VIRTIO 1.2, 3.1.1:
 *
 *   virtio_dev_reset(); status |= ACKNOWLEDGE; status |= DRIVER;
 *   virtio_dev_features_negotiate();      (sets FEATURES_OK, re-checks)
 *   virtqueue_create() for each queue;
 *   virtio_dev_status_add(DRIVER_OK).
 *
 * To stop a device, reset it: it forgets its queues; the driver takes its
 * buffers back (virtqueue_detach()), negotiates again and re-registers
 * each queue (virtqueue_restart()) before DRIVER_OK.
 *
 * Status bits (VIRTIO_CONFIG_S_*), reserved feature bits (VIRTIO_F_*) and
 * device ids (VIRTIO_ID_*) are the uapi headers' (2.1, 6, 5).
 */
#ifndef __UK_VIRTIO_DEV_H__
#define __UK_VIRTIO_DEV_H__

#include <uk/essentials.h>
#include <uk/ctors.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>

/** Feature bit number -> 64-bit mask. */
#define VIRTIO_FEATURE(bit)		(1ULL << (bit))

struct virtio_dev;
struct virtqueue;
struct uk_alloc;

/** Transport operations. None of them is on the packet fast path except
 * virtqueue notification, which lives in struct virtqueue itself.
 */
struct virtio_dev_ops {
	/**
	 * Reset the device and wait until the reset completed. The device
	 * then uses no ring and has no queue set up.
	 */
	void (*reset)(struct virtio_dev *vdev);
	/** Read the device status byte. */
	__u8 (*status_get)(struct virtio_dev *vdev);
	/** Write the device status byte. */
	void (*status_set)(struct virtio_dev *vdev, __u8 status);
	/** The 64 device feature bits (legacy: only bits 0..31). */
	__u64 (*features_get)(struct virtio_dev *vdev);
	/** Write the driver feature bits. */
	void (*features_set)(struct virtio_dev *vdev, __u64 features);
	/**
	 * Copy @p len bytes of device-specific configuration at @p offset
	 * into @p buf. @return 0 or a negative errno.
	 */
	int (*config_get)(struct virtio_dev *vdev, __u16 offset, void *buf,
			  __u16 len);
	/** Queue size the device offers for queue @p qid; 0: no such queue. */
	__u16 (*queue_size_max)(struct virtio_dev *vdev, __u16 qid);
	/**
	 * Tell the device where @p vq lives (size, ring addresses), enable
	 * it and set vq->notify / vq->notify_priv.
	 * @return 0 or a negative errno (e.g. -EINVAL for a layout the
	 * transport cannot express).
	 */
	int (*queue_setup)(struct virtio_dev *vdev, struct virtqueue *vq);
	/** Disable queue @p vq (modern) or forget it (legacy). */
	void (*queue_release)(struct virtio_dev *vdev, struct virtqueue *vq);
};

/** A virtio device bound to a transport. Embedded in the transport's own
 * device structure.
 */
struct virtio_dev {
	const struct virtio_dev_ops *ops;
	/** Device type (VIRTIO_ID_*). */
	__u16 device_id;
	/** Used ring alignment the transport requires (legacy PCI:
	 * VIRTIO_PCI_VRING_ALIGN, 4096; modern: 16).
	 */
	__sz ring_align;
	/** True when the transport only speaks the legacy interface. */
	bool legacy;
	/** Features negotiated with the device (valid after negotiation). */
	__u64 features;
	/**
	 * Address translation: device address = virtual address +
	 * addr_offset. 0 on kvm (guest physical == virtual); a vhost-user
	 * transport sets its memory region offset.
	 */
	__s64 addr_offset;
	/**
	 * Allocator for memory the device reads or writes that the driver
	 * allocates itself (control queue, its command buffer); NULL: the
	 * default allocator. A vhost-user transport points it at its shared
	 * memory. Data queues use the allocator of their queue configuration.
	 */
	struct uk_alloc *dma_a;
	/** Short transport name for messages ("pci", "pci-legacy"). */
	const char *transport;
};

/** Device address of a driver pointer (see virtio_dev.addr_offset). */
static inline __u64 virtio_dev_addr(const struct virtio_dev *vdev,
				    const void *va)
{
	return (__u64)((__uptr)va + vdev->addr_offset);
}

/** True if feature @p bit was negotiated. */
static inline bool virtio_has_feature(const struct virtio_dev *vdev,
				      unsigned int bit)
{
	return (vdev->features & VIRTIO_FEATURE(bit)) != 0;
}

/** Reset the device (status 0). */
static inline void virtio_dev_reset(struct virtio_dev *vdev)
{
	vdev->ops->reset(vdev);
	vdev->features = 0;
}

/** Add @p bits to the device status (3.1.1 steps 2, 3, 8). */
static inline void virtio_dev_status_add(struct virtio_dev *vdev, __u8 bits)
{
	vdev->ops->status_set(vdev, vdev->ops->status_get(vdev) | bits);
}

/** Mark the device failed (3.1.1: the driver gave up). */
static inline void virtio_dev_fail(struct virtio_dev *vdev)
{
	virtio_dev_status_add(vdev, VIRTIO_CONFIG_S_FAILED);
}

/**
 * Negotiate features (3.1.1 steps 4-6): keep the device features that are
 * in @p wanted, write them, set FEATURES_OK and check the device kept it.
 * Modern transports always add VIRTIO_F_VERSION_1 (a modern device requires
 * it); legacy ones never do.
 *
 * @param vdev the device, after ACKNOWLEDGE and DRIVER
 * @param wanted feature mask the driver understands
 * @return 0 (vdev->features holds the result), -ENOTSUP if the device
 *   refused FEATURES_OK or a modern device lacks VERSION_1
 */
int virtio_dev_features_negotiate(struct virtio_dev *vdev, __u64 wanted);

/** Read @p len bytes of device configuration at @p offset; see
 * virtio_dev_ops.config_get.
 */
static inline int virtio_dev_config_get(struct virtio_dev *vdev, __u16 offset,
					void *buf, __u16 len)
{
	return vdev->ops->config_get(vdev, offset, buf, len);
}

/*
 * Virtio drivers. A transport that found a device calls virtio_dev_attach(),
 * which hands it to the driver registered for its device type.
 */
struct virtio_driver {
	struct virtio_driver *next;	/* registry list (internal) */
	__u16 device_id;		/* VIRTIO_ID_* it drives */
	const char *name;
	/** Take @p vdev (reset, features negotiated by the driver). */
	int (*add_dev)(struct virtio_dev *vdev);
};

/** Add @p drv to the registry (normally through VIRTIO_DRIVER_REGISTER). */
void virtio_driver_register(struct virtio_driver *drv);

/**
 * Give @p vdev to the driver of its device type.
 * @return the driver's add_dev result, or -ENODEV if none is registered
 */
int virtio_dev_attach(struct virtio_dev *vdev);

/** Register @p drv (a struct virtio_driver) from a constructor, before the
 * buses are probed in the init calls.
 */
#define VIRTIO_DRIVER_REGISTER(drv)					\
	static void UK_CONCAT(_virtio_drv_ctor_, drv)(void)		\
	{								\
		virtio_driver_register(&(drv));				\
	}								\
	UK_CTOR(UK_CONCAT(_virtio_drv_ctor_, drv))

#endif /* __UK_VIRTIO_DEV_H__ */
