/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio over PCI, transcribed from the VIRTIO 1.2 specification,
 * section 4.1 "Virtio Over PCI Bus".
 */
#ifndef __VIRTIO_PCI_H__
#define __VIRTIO_PCI_H__

#include <uk/essentials.h>

/* 4.1.2 PCI Device Discovery */
#define VIRTIO_PCI_VENDOR_ID		0x1af4
#define VIRTIO_PCI_ID_LEGACY_MIN	0x1000 /* transitional: 0x1000.. */
#define VIRTIO_PCI_ID_LEGACY_MAX	0x103f /* ..0x103f */
#define VIRTIO_PCI_ID_MODERN_BASE	0x1040 /* 0x1040 + virtio device id */
#define VIRTIO_PCI_ID_NET_LEGACY	0x1000 /* transitional network card */
#define VIRTIO_PCI_ID_NET_MODERN	0x1041 /* modern-only network card */

/*
 * 4.1.4 Virtio Structure PCI Capabilities: vendor-specific capabilities
 * (PCI capability id 0x09) locate each configuration structure inside a
 * BAR.
 */
#define VIRTIO_PCI_CAP_VNDR		0x09
#define VIRTIO_PCI_CAP_COMMON_CFG	1 /* 4.1.4.3 */
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2 /* 4.1.4.4 */
#define VIRTIO_PCI_CAP_ISR_CFG		3 /* 4.1.4.5 */
#define VIRTIO_PCI_CAP_DEVICE_CFG	4 /* 4.1.4.6 */
#define VIRTIO_PCI_CAP_PCI_CFG		5 /* 4.1.4.8 */

/* Byte offsets inside struct virtio_pci_cap, as read from config space. */
#define VIRTIO_PCI_CAP_OFF_LEN		2  /* u8 cap_len */
#define VIRTIO_PCI_CAP_OFF_TYPE		3  /* u8 cfg_type */
#define VIRTIO_PCI_CAP_OFF_BAR		4  /* u8 bar (0..5) */
#define VIRTIO_PCI_CAP_OFF_OFFSET	8  /* le32 offset within the bar */
#define VIRTIO_PCI_CAP_OFF_LENGTH	12 /* le32 length of the structure */
#define VIRTIO_PCI_CAP_OFF_NOTIFY_MULT	16 /* le32 notify multiplier */

struct virtio_pci_cap {
	__u8 cap_vndr;		/* 0x09 */
	__u8 cap_next;		/* next capability (offset) */
	__u8 cap_len;		/* length of this capability */
	__u8 cfg_type;		/* VIRTIO_PCI_CAP_* */
	__u8 bar;		/* BAR holding the structure */
	__u8 id;		/* distinguishes several caps of one type */
	__u8 padding[2];
	__u32 offset;		/* offset of the structure in the BAR */
	__u32 length;		/* its length */
};

struct virtio_pci_notify_cap {
	struct virtio_pci_cap cap;
	__u32 notify_off_multiplier; /* queue notify address = notify base
				      * + queue_notify_off * multiplier
				      */
};

/* 4.1.4.3 Common configuration structure layout (memory-mapped). */
struct virtio_pci_common_cfg {
	/* about the whole device */
	__u32 device_feature_select;	/* RW: 32-bit window of features */
	__u32 device_feature;		/* RO */
	__u32 driver_feature_select;	/* RW */
	__u32 driver_feature;		/* RW */
	__u16 config_msix_vector;	/* RW */
	__u16 num_queues;		/* RO: number of virtqueues */
	__u8 device_status;		/* RW: VIRTIO_STATUS_* */
	__u8 config_generation;		/* RO: bumped on changes */
	/* about the queue selected by queue_select */
	__u16 queue_select;		/* RW */
	__u16 queue_size;		/* RW: max on read, 0 = absent */
	__u16 queue_msix_vector;	/* RW */
	__u16 queue_enable;		/* RW */
	__u16 queue_notify_off;		/* RO */
	__u64 queue_desc;		/* RW: descriptor table address */
	__u64 queue_driver;		/* RW: available ring address */
	__u64 queue_device;		/* RW: used ring address */
}; /* every field naturally aligned: no padding, no packing needed */

UK_CTASSERT(sizeof(struct virtio_pci_common_cfg) == 56);

/* 4.1.4.5 ISR status bits (reading the byte clears it). */
#define VIRTIO_PCI_ISR_QUEUE		0x1
#define VIRTIO_PCI_ISR_CONFIG		0x2

/** Value of a *_msix_vector register meaning "no vector". */
#define VIRTIO_MSI_NO_VECTOR		0xffff

/*
 * 4.1.4.10 Legacy Interfaces: A Note on PCI Device Layout. A legacy or
 * transitional device exposes these registers in I/O BAR0.
 */
#define VIRTIO_PCI_LEGACY_HOST_FEATURES	0  /* le32 RO, bits 0..31 */
#define VIRTIO_PCI_LEGACY_GUEST_FEATURES 4 /* le32 RW */
#define VIRTIO_PCI_LEGACY_QUEUE_PFN	8  /* le32 RW: ring address >> 12 */
#define VIRTIO_PCI_LEGACY_QUEUE_NUM	12 /* le16 RO: queue size */
#define VIRTIO_PCI_LEGACY_QUEUE_SEL	14 /* le16 RW */
#define VIRTIO_PCI_LEGACY_QUEUE_NOTIFY	16 /* le16 W: queue index */
#define VIRTIO_PCI_LEGACY_STATUS	18 /* u8 RW */
#define VIRTIO_PCI_LEGACY_ISR		19 /* u8 RO */
#define VIRTIO_PCI_LEGACY_CONFIG	20 /* device config, MSI-X off */
#define VIRTIO_PCI_LEGACY_CONFIG_MSIX	24 /* device config, MSI-X on */
#define VIRTIO_PCI_LEGACY_PFN_SHIFT	12

#endif /* __VIRTIO_PCI_H__ */
