/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vhost-user protocol, front-end side (QEMU's "Vhost-user Protocol"
 * specification, docs/interop/vhost-user.rst): messages over a unix stream
 * socket, each a 12-byte header and a payload, in host byte order; file
 * descriptors travel as SCM_RIGHTS ancillary data. Only what the
 * virtio-user transport sends is here.
 */
#ifndef __VIRTIO_VHOST_USER_H__
#define __VIRTIO_VHOST_USER_H__

#include <uk/essentials.h>

/* "Front-end message types" */
#define VHOST_USER_GET_FEATURES			1
#define VHOST_USER_SET_FEATURES			2
#define VHOST_USER_SET_OWNER			3
#define VHOST_USER_RESET_OWNER			4
#define VHOST_USER_SET_MEM_TABLE		5
#define VHOST_USER_SET_LOG_BASE			6
#define VHOST_USER_SET_LOG_FD			7
#define VHOST_USER_SET_VRING_NUM		8
#define VHOST_USER_SET_VRING_ADDR		9
#define VHOST_USER_SET_VRING_BASE		10
#define VHOST_USER_GET_VRING_BASE		11
#define VHOST_USER_SET_VRING_KICK		12
#define VHOST_USER_SET_VRING_CALL		13
#define VHOST_USER_SET_VRING_ERR		14
#define VHOST_USER_GET_PROTOCOL_FEATURES	15
#define VHOST_USER_SET_PROTOCOL_FEATURES	16
#define VHOST_USER_GET_QUEUE_NUM		17
#define VHOST_USER_SET_VRING_ENABLE		18
#define VHOST_USER_REQUEST_MAX			19 /* first unused */

/* Header flags: bits 0-1 version (1), bit 2 reply, bit 3 need reply. */
#define VHOST_USER_VERSION			0x1
#define VHOST_USER_VERSION_MASK			0x3
#define VHOST_USER_FLAG_REPLY			(1U << 2)
#define VHOST_USER_FLAG_NEED_REPLY		(1U << 3)

/* A virtio feature bit that only exists in vhost-user: the back-end
 * understands GET/SET_PROTOCOL_FEATURES; once negotiated, rings start
 * disabled until SET_VRING_ENABLE.
 */
#define VHOST_USER_F_PROTOCOL_FEATURES		30

/* Protocol feature bits */
#define VHOST_USER_PROTOCOL_F_MQ		0
#define VHOST_USER_PROTOCOL_F_REPLY_ACK		3
#define VHOST_USER_PROTOCOL_F_CONFIG		9

/* SET_VRING_KICK/CALL/ERR payload: bits 0-7 ring index, bit 8 "no file
 * descriptor" (the back-end polls instead).
 */
#define VHOST_USER_VRING_IDX_MASK		0xff
#define VHOST_USER_VRING_NOFD			(1U << 8)

/* At most this many regions (and descriptors) in SET_MEM_TABLE. */
#define VHOST_USER_MEM_REGIONS_MAX		8

struct vhost_user_hdr {
	__u32 request;
	__u32 flags;
	__u32 size;		/* payload bytes that follow */
};

/* "A vring state description" (NUM, BASE, ENABLE, GET_VRING_BASE) */
struct vhost_user_vring_state {
	__u32 index;
	__u32 num;
};

/* "A vring address description": front-end virtual addresses */
struct vhost_user_vring_addr {
	__u32 index;
	__u32 flags;		/* bit 0: log used ring writes */
	__u64 desc;
	__u64 used;
	__u64 avail;
	__u64 log;
};

/* "Memory region description" */
struct vhost_user_mem_region {
	__u64 guest_phys_addr;	/* what descriptors hold */
	__u64 memory_size;
	__u64 userspace_addr;	/* what SET_VRING_ADDR holds */
	__u64 mmap_offset;	/* of the region in its file */
};

/* "Multiple memory regions description" (SET_MEM_TABLE); one fd per
 * region in the ancillary data, in order.
 */
struct vhost_user_mem {
	__u32 nregions;
	__u32 padding;
	struct vhost_user_mem_region regions[VHOST_USER_MEM_REGIONS_MAX];
};

#endif /* __VIRTIO_VHOST_USER_H__ */
