/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vhost-user protocol, front-end side (QEMU's "Vhost-user Protocol"
 * specification, docs/interop/vhost-user.rst): messages over a unix stream
 * socket, each a 12-byte header and a payload, in host byte order; file
 * descriptors travel as SCM_RIGHTS ancillary data.
 *
 * The message framing (header, request numbers, flags, protocol features)
 * is not in Linux's uapi, so it is here, with the specification's section
 * names. The payloads are the vhost uapi types (<linux/vhost_types.h>):
 *   "A vring state description"    struct vhost_vring_state
 *   "A vring address description"  struct vhost_vring_addr
 *   "Memory region description"    struct vhost_memory_region, whose last
 *                                  word (flags_padding) is the region's
 *                                  mmap offset in its file
 *   "Multiple memory regions description"  struct vhost_memory
 * Only what the virtio-user transport sends is here.
 */
#ifndef __UK_VIRTIO_VHOST_USER_H__
#define __UK_VIRTIO_VHOST_USER_H__

#include <uk/essentials.h>
#include <linux/vhost_types.h>

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

/* "Message Specification": flags bits 0-1 version (1), bit 2 reply,
 * bit 3 need reply.
 */
#define VHOST_USER_VERSION			0x1
#define VHOST_USER_VERSION_MASK			0x3
#define VHOST_USER_FLAG_REPLY			(1U << 2)
#define VHOST_USER_FLAG_NEED_REPLY		(1U << 3)

/* "Feature bits": a virtio feature bit that only exists in vhost-user:
 * the back-end understands GET/SET_PROTOCOL_FEATURES; once negotiated,
 * rings start disabled until SET_VRING_ENABLE.
 */
#define VHOST_USER_F_PROTOCOL_FEATURES		30

/* "Protocol features" */
#define VHOST_USER_PROTOCOL_F_MQ		0
#define VHOST_USER_PROTOCOL_F_REPLY_ACK		3
#define VHOST_USER_PROTOCOL_F_CONFIG		9

/* "Vring descriptor index for kick/call" (SET_VRING_KICK/CALL/ERR, a u64):
 * bits 0-7 ring index, bit 8 "no file descriptor" (the back-end polls).
 */
#define VHOST_USER_VRING_IDX_MASK		0xff
#define VHOST_USER_VRING_NOFD			(1U << 8)

/* At most this many regions (and descriptors) in SET_MEM_TABLE. */
#define VHOST_USER_MEM_REGIONS_MAX		8

/* "Message Specification": the header in front of every payload. */
struct vhost_user_hdr {
	__u32 request;		/* VHOST_USER_* */
	__u32 flags;		/* VHOST_USER_VERSION | VHOST_USER_FLAG_* */
	__u32 size;		/* payload bytes that follow */
};

UK_CTASSERT(sizeof(struct vhost_user_hdr) == 12);
UK_CTASSERT(sizeof(struct vhost_vring_state) == 8);
UK_CTASSERT(sizeof(struct vhost_vring_addr) == 40);
UK_CTASSERT(sizeof(struct vhost_memory_region) == 32);

#endif /* __UK_VIRTIO_VHOST_USER_H__ */
