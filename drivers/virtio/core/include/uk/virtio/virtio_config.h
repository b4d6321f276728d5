/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Transport-independent virtio constants, transcribed from the Virtual I/O
 * Device (VIRTIO) specification, version 1.2:
 *   2.1 Device Status Field, 2.2 Feature Bits, 6 Reserved Feature Bits.
 */
#ifndef __VIRTIO_CONFIG_H__
#define __VIRTIO_CONFIG_H__

/*
 * Device status bits (2.1). The driver sets them in this order during
 * initialisation (3.1.1): ACKNOWLEDGE, DRIVER, (feature negotiation),
 * FEATURES_OK, (re-read to check), (queue set-up), DRIVER_OK.
 * Writing 0 resets the device.
 */
#define VIRTIO_STATUS_RESET		0x00
#define VIRTIO_STATUS_ACKNOWLEDGE	0x01 /* guest OS found the device */
#define VIRTIO_STATUS_DRIVER		0x02 /* guest OS can drive it */
#define VIRTIO_STATUS_DRIVER_OK		0x04 /* driver is ready */
#define VIRTIO_STATUS_FEATURES_OK	0x08 /* feature negotiation complete */
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 0x40 /* device hit an error */
#define VIRTIO_STATUS_FAILED		0x80 /* driver gave up */

/*
 * Reserved (transport/ring) feature bits, 24..41 (6). Device-type bits are
 * 0..23; a feature word is 64 bits.
 */
#define VIRTIO_F_NOTIFY_ON_EMPTY	24 /* legacy only */
#define VIRTIO_F_ANY_LAYOUT		27 /* legacy: free buffer framing */
#define VIRTIO_RING_F_INDIRECT_DESC	28 /* VIRTQ_DESC_F_INDIRECT usable */
#define VIRTIO_RING_F_EVENT_IDX		29 /* used_event / avail_event */
#define VIRTIO_F_VERSION_1		32 /* compliant with 1.x (modern) */
#define VIRTIO_F_ACCESS_PLATFORM	33 /* device behind an IOMMU */
#define VIRTIO_F_RING_PACKED		34 /* packed virtqueue layout */
#define VIRTIO_F_IN_ORDER		35 /* buffers used in ring order */
#define VIRTIO_F_ORDER_PLATFORM		36
#define VIRTIO_F_SR_IOV			37
#define VIRTIO_F_NOTIFICATION_DATA	38

/** Feature bit number -> 64-bit mask. */
#define VIRTIO_FEATURE(bit)		(1ULL << (bit))

/** Device type ids (5: Device Types); 1 is a network card. */
#define VIRTIO_ID_NET			1

#endif /* __VIRTIO_CONFIG_H__ */
