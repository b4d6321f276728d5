/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio network device, transcribed from the VIRTIO 1.2 specification,
 * section 5.1 "Network Device".
 */
#ifndef __VIRTIO_NET_H__
#define __VIRTIO_NET_H__

#include <uk/essentials.h>

/* 5.1.2 Virtqueues: receiveq1, transmitq1, ..., receiveqN, transmitqN,
 * controlq (the last one, after max_virtqueue_pairs pairs, with CTRL_VQ).
 */
#define VIRTIO_NET_RXQ(pair)		(2 * (pair))
#define VIRTIO_NET_TXQ(pair)		(2 * (pair) + 1)

/* 5.1.3 Feature bits */
#define VIRTIO_NET_F_CSUM		0  /* device handles partial csum */
#define VIRTIO_NET_F_GUEST_CSUM		1  /* driver: partial csum */
#define VIRTIO_NET_F_CTRL_GUEST_OFFLOADS 2
#define VIRTIO_NET_F_MTU		3  /* config 'mtu' is valid */
#define VIRTIO_NET_F_MAC		5  /* config 'mac' is valid */
#define VIRTIO_NET_F_GUEST_TSO4		7
#define VIRTIO_NET_F_GUEST_TSO6		8
#define VIRTIO_NET_F_GUEST_ECN		9
#define VIRTIO_NET_F_GUEST_UFO		10
#define VIRTIO_NET_F_HOST_TSO4		11
#define VIRTIO_NET_F_HOST_TSO6		12
#define VIRTIO_NET_F_HOST_ECN		13
#define VIRTIO_NET_F_HOST_UFO		14
#define VIRTIO_NET_F_MRG_RXBUF		15 /* rx buffers can be merged */
#define VIRTIO_NET_F_STATUS		16 /* config 'status' is valid */
#define VIRTIO_NET_F_CTRL_VQ		17 /* control virtqueue */
#define VIRTIO_NET_F_CTRL_RX		18 /* rx mode (promisc) commands */
#define VIRTIO_NET_F_CTRL_VLAN		19
#define VIRTIO_NET_F_GUEST_ANNOUNCE	21
#define VIRTIO_NET_F_MQ			22 /* several queue pairs */
#define VIRTIO_NET_F_CTRL_MAC_ADDR	23

/* 5.1.4 Device configuration layout */
#define VIRTIO_NET_S_LINK_UP		1
#define VIRTIO_NET_S_ANNOUNCE		2

struct virtio_net_config {
	__u8 mac[6];			/* valid with VIRTIO_NET_F_MAC */
	__u16 status;			/* VIRTIO_NET_S_*, with F_STATUS */
	__u16 max_virtqueue_pairs;	/* with VIRTIO_NET_F_MQ */
	__u16 mtu;			/* with VIRTIO_NET_F_MTU */
} __packed;

/* 5.1.6 Device Operation: the header in front of every packet. */
#define VIRTIO_NET_HDR_F_NEEDS_CSUM	1
#define VIRTIO_NET_HDR_F_DATA_VALID	2
#define VIRTIO_NET_HDR_GSO_NONE		0

struct virtio_net_hdr {
	__u8 flags;		/* VIRTIO_NET_HDR_F_* */
	__u8 gso_type;		/* VIRTIO_NET_HDR_GSO_* */
	__u16 hdr_len;
	__u16 gso_size;
	__u16 csum_start;
	__u16 csum_offset;
	/*
	 * num_buffers: present with VIRTIO_F_VERSION_1 or MRG_RXBUF; a legacy
	 * device without MRG_RXBUF uses the 10-byte header (5.1.6.1).
	 */
	__u16 num_buffers;
} __packed;

#define VIRTIO_NET_HDR_LEN		sizeof(struct virtio_net_hdr)
#define VIRTIO_NET_HDR_LEN_LEGACY	10

/*
 * 5.1.6.3.1 Without MRG_RXBUF or guest TSO/UFO every receive buffer must
 * hold at least 1526 bytes: header + 1514-byte frame.
 */
#define VIRTIO_NET_RX_BUF_MIN		1526

/* 5.1.6.5 Control Virtqueue: header, data, then a one-byte ack. */
struct virtio_net_ctrl_hdr {
	__u8 class;
	__u8 cmd;
} __packed;

#define VIRTIO_NET_OK			0
#define VIRTIO_NET_ERR			1

#define VIRTIO_NET_CTRL_RX		0  /* 5.1.6.5.1, needs CTRL_RX */
#define VIRTIO_NET_CTRL_RX_PROMISC	0  /* data: u8 on/off */
#define VIRTIO_NET_CTRL_RX_ALLMULTI	1

#define VIRTIO_NET_CTRL_MQ		4  /* 5.1.6.5.5, needs MQ */
#define VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET	0  /* data: le16 pairs */

#endif /* __VIRTIO_NET_H__ */
