/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libvirtionet: the virtio-net uknetdev driver (VIRTIO 1.2, 5.1). The
 * device's structures and constants (feature bits, struct
 * virtio_net_config, the headers, control commands) are the uapi
 * <linux/virtio_net.h>; this header names what the driver adds on top.
 * Applications use the driver through <uk/netdev.h> only.
 */
#ifndef __UK_VIRTIO_NET_H__
#define __UK_VIRTIO_NET_H__

#include <uk/essentials.h>
#include <linux/virtio_net.h>

/** The driver's name, as uk_netdev_drv_name_get() returns it. */
#define VIRTIO_NET_DRV_NAME		"virtio-net"

/* 5.1.2 Virtqueues: receiveq1, transmitq1, ..., receiveqN, transmitqN,
 * controlq (the last one, after max_virtqueue_pairs pairs, with CTRL_VQ).
 */
#define VIRTIO_NET_RXQ(pair)		(2 * (pair))
#define VIRTIO_NET_TXQ(pair)		(2 * (pair) + 1)

/*
 * 5.1.6.1 The header in front of every frame (uk_netdev_info.nb_encap_rx
 * on receive): struct virtio_net_hdr_v1 with VIRTIO_F_VERSION_1, 12 bytes;
 * a legacy device without VIRTIO_NET_F_MRG_RXBUF uses the 10-byte struct
 * virtio_net_hdr.
 */
#define VIRTIO_NET_HDR_LEN		sizeof(struct virtio_net_hdr_v1)
#define VIRTIO_NET_HDR_LEN_LEGACY	sizeof(struct virtio_net_hdr)

UK_CTASSERT(VIRTIO_NET_HDR_LEN == 12);
UK_CTASSERT(VIRTIO_NET_HDR_LEN_LEGACY == 10);

#endif /* __UK_VIRTIO_NET_H__ */
