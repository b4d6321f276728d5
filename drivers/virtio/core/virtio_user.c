/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-user: a virtio transport for linuxu that talks vhost-user (see
 * <uk/virtio/vhost_user.h>) to a back-end such as DPDK's net_vhost, so the
 * very same virtio-net driver and split virtqueues run in a Linux process.
 *
 *   virtio_user.path=/tmp/a.sock[,/tmp/b.sock]  one device per socket;
 *                                     none: no device
 *   virtio_user.mac=02:75:6b:00:00:01 MAC of the first device (next +1)
 *   virtio_user.queue_size=256        descriptors per ring offered (max)
 *
 * We are the front-end and the socket client: the back-end listens
 * (testpmd --vdev net_vhost0,iface=/tmp/a.sock, its default server mode).
 *
 * Memory: the linuxu heap is a memfd mapped MAP_SHARED (core/plat/linuxu,
 * with CONFIG_VIRTIO_USER). It is the one region of SET_MEM_TABLE, with
 * guest "physical" address = user address = its virtual address, so device
 * addresses are virtual addresses (addr_offset 0). Rings and buffers must
 * come from the heap (every uk_alloc allocator on linuxu does).
 *
 * Notifications: each ring gets a kick eventfd, written by vq->notify
 * (the driver kicks at most once per burst, only when the ring asks), and
 * a call eventfd the back-end may write; it is never read (poll mode).
 *
 * Device configuration: vhost-user net has none, so the transport makes
 * it up: VIRTIO_NET_F_MAC (from virtio_user.mac) and VIRTIO_NET_F_STATUS
 * (link always up). No control queue, no multi-queue, no MTU: those bits
 * are hidden from the driver. Vrings are handed to the back-end when the
 * driver sets DRIVER_OK (so nothing is used before), and stopped
 * (GET_VRING_BASE) on reset or queue release. A reset also drops the
 * queues (their eventfds): the driver sets them up again, and the next
 * DRIVER_OK hands them over anew (SET_FEATURES and SET_MEM_TABLE are sent
 * again at feature negotiation). The network device's constants (feature
 * bits, struct virtio_net_config) are the uapi <linux/virtio_net.h>.
 *
 * Errors during set-up (socket missing, back-end refused a message, with
 * VHOST_USER_PROTOCOL_F_REPLY_ACK every message is acknowledged, no reply
 * within 30 s) print a message and fail the init call with a negative
 * errno.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/plat/linuxu/heap.h>
#include <uk/plat/linuxu/syscall.h>
#include <uk/virtio/vhost_user.h>
#include <uk/virtio/virtqueue.h>
#include <linux/virtio_net.h>

#define VU_NAME			"virtio-user"
#define VU_QUEUES		2	/* one pair: rx 0, tx 1 */
#define VU_QUEUE_SIZE_DEF	256
#define VU_QUEUE_SIZE_MAX	VIRTQUEUE_SIZE_MAX
/* Replies come within milliseconds, but DPDK 22.11 walks a 4 KiB-page
 * region page by page in SET_MEM_TABLE (in IOVA PA mode it reads
 * /proc/self/pagemap for each): seconds for a large heap on a busy host.
 */
#define VU_REPLY_TIMEOUT_MS	30000
#define VU_MAX_DEVS		16

/* Device features the transport provides itself (no config space). */
#define VU_FEATURES_SYNTH						\
	(VIRTIO_FEATURE(VIRTIO_NET_F_MAC) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_STATUS))
/* Back-end features hidden from the driver: they need a control queue,
 * config space or a ring layout the transport does not provide.
 */
#define VU_FEATURES_HIDDEN						\
	(VIRTIO_FEATURE(VIRTIO_NET_F_CTRL_VQ) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_CTRL_RX) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_MQ) |				\
	 VIRTIO_FEATURE(VIRTIO_NET_F_MTU) |				\
	 VIRTIO_FEATURE(VHOST_USER_F_PROTOCOL_FEATURES) |		\
	 VU_FEATURES_SYNTH)
/* Protocol features we use when offered. */
#define VU_PROTOCOL_FEATURES						\
	VIRTIO_FEATURE(VHOST_USER_PROTOCOL_F_REPLY_ACK)

/* Linux ABI pieces (x86_64): <sys/un.h>, <sys/socket.h>, <poll.h>. */
#define VU_SUN_PATH_LEN		108
#define VU_MSG_NOSIGNAL		0x4000
#define VU_EFD_FLAGS		(LINUXU_O_NONBLOCK | LINUXU_O_CLOEXEC)

struct vu_sockaddr_un {
	__u16 family;
	char path[VU_SUN_PATH_LEN];
};

struct vu_iovec {
	void *base;
	__sz len;
};

struct vu_msghdr {
	void *name;
	__u32 namelen;
	struct vu_iovec *iov;
	__sz iovlen;
	void *control;
	__sz controllen;
	int flags;
};

struct vu_cmsghdr {
	__sz len;
	int level;
	int type;
	int fds[VHOST_USER_MEM_REGIONS_MAX];	/* CMSG_DATA */
};

#define VU_CMSG_LEN(nfds)	(offsetof(struct vu_cmsghdr, fds) +	\
				 (nfds) * sizeof(int))

struct vu_pollfd {
	int fd;
	short events;
	short revents;
};

struct vu_queue {
	struct virtqueue *vq;
	int kickfd;
	int callfd;
	bool started;		/* the back-end has the ring */
};

struct vu_dev {
	struct virtio_dev vdev;
	int sock;
	__u8 status;
	bool features_ok;	/* SET_FEATURES and SET_MEM_TABLE went */
	__u64 backend_features;
	__u64 protocol_features;
	__u8 mac[6];
	__u16 queue_size;
	struct vu_queue q[VU_QUEUES];
	char path[VU_SUN_PATH_LEN];
};

#define to_vu(v) __containerof(v, struct vu_dev, vdev)

static const char *vu_param_path;
static const char *vu_param_mac;
static unsigned long vu_param_queue_size = VU_QUEUE_SIZE_DEF;

UK_LIBPARAM_STR("virtio_user.path", vu_param_path,
		"vhost-user sockets, comma-separated (one device each)");
UK_LIBPARAM_STR("virtio_user.mac", vu_param_mac,
		"MAC of the first device (default 02:75:6b:00:00:01)");
UK_LIBPARAM_UINT("virtio_user.queue_size", vu_param_queue_size,
		 "most descriptors per ring, a power of two (default 256)");

static const char *const vu_request_names[VHOST_USER_REQUEST_MAX] = {
	[VHOST_USER_GET_FEATURES] = "GET_FEATURES",
	[VHOST_USER_SET_FEATURES] = "SET_FEATURES",
	[VHOST_USER_SET_OWNER] = "SET_OWNER",
	[VHOST_USER_SET_MEM_TABLE] = "SET_MEM_TABLE",
	[VHOST_USER_SET_VRING_NUM] = "SET_VRING_NUM",
	[VHOST_USER_SET_VRING_ADDR] = "SET_VRING_ADDR",
	[VHOST_USER_SET_VRING_BASE] = "SET_VRING_BASE",
	[VHOST_USER_GET_VRING_BASE] = "GET_VRING_BASE",
	[VHOST_USER_SET_VRING_KICK] = "SET_VRING_KICK",
	[VHOST_USER_SET_VRING_CALL] = "SET_VRING_CALL",
	[VHOST_USER_GET_PROTOCOL_FEATURES] = "GET_PROTOCOL_FEATURES",
	[VHOST_USER_SET_PROTOCOL_FEATURES] = "SET_PROTOCOL_FEATURES",
	[VHOST_USER_SET_VRING_ENABLE] = "SET_VRING_ENABLE",
};

static const char *vu_request_name(__u32 req)
{
	if (req < VHOST_USER_REQUEST_MAX && vu_request_names[req])
		return vu_request_names[req];
	return "?";
}

static void vu_close(int *fd)
{
	if (*fd >= 0)
		linuxu_syscall(__NR_close, *fd, 0, 0);
	*fd = -1;
}

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

/* Send one message with @p nfds descriptors attached. @return 0 or <0 */
static int vu_send(struct vu_dev *vu, __u32 req, __u32 flags,
		   const void *payload, __u32 len, const int *fds,
		   unsigned int nfds)
{
	struct vhost_user_hdr hdr = {
		.request = req,
		.flags = VHOST_USER_VERSION | flags,
		.size = len,
	};
	struct vu_iovec iov[2] = {
		{ .base = &hdr, .len = sizeof(hdr) },
		{ .base = (void *)payload, .len = len },
	};
	struct vu_cmsghdr cmsg;
	struct vu_msghdr msg;
	__sz want = sizeof(hdr) + len;
	long rc;

	UK_ASSERT(nfds <= VHOST_USER_MEM_REGIONS_MAX);
	memset(&msg, 0, sizeof(msg));
	msg.iov = iov;
	msg.iovlen = len ? 2 : 1;
	if (nfds) {
		memset(&cmsg, 0, sizeof(cmsg));
		cmsg.len = VU_CMSG_LEN(nfds);
		cmsg.level = LINUXU_SOL_SOCKET;
		cmsg.type = LINUXU_SCM_RIGHTS;
		memcpy(cmsg.fds, fds, nfds * sizeof(int));
		msg.control = &cmsg;
		/* CMSG_SPACE: the length rounded up to 8 bytes */
		msg.controllen = ALIGN_UP(cmsg.len, sizeof(__sz));
	}
	rc = linuxu_syscall(__NR_sendmsg, vu->sock, &msg, VU_MSG_NOSIGNAL);
	if (rc < 0) {
		uk_pr_err(VU_NAME ": %s: sending %s failed: error %ld\n",
			  vu->path, vu_request_name(req), -rc);
		return (int)rc;
	}
	/* A unix stream socket takes a small message whole or not at all
	 * (it fits the socket buffer); anything else is an error here.
	 */
	if ((__sz)rc != want) {
		uk_pr_err(VU_NAME ": %s: %s sent short\n", vu->path,
			  vu_request_name(req));
		return -EIO;
	}
	return 0;
}

/* Read exactly @p len bytes, waiting at most VU_REPLY_TIMEOUT_MS. */
static int vu_read_full(struct vu_dev *vu, __u32 req, void *buf, __sz len)
{
	struct vu_pollfd pfd = { .fd = vu->sock, .events = LINUXU_POLLIN };
	__sz done = 0;
	long rc;

	while (done < len) {
		rc = linuxu_syscall(__NR_poll, &pfd, 1, VU_REPLY_TIMEOUT_MS);
		if (rc == 0) {
			uk_pr_err(VU_NAME ": %s: no reply to %s within %d ms\n",
				  vu->path, vu_request_name(req),
				  VU_REPLY_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		if (rc > 0)
			rc = linuxu_syscall(__NR_read, vu->sock,
					    (char *)buf + done, len - done);
		if (rc == -EINTR || rc == -EAGAIN)
			continue;
		if (rc <= 0) {
			uk_pr_err(VU_NAME ": %s: back-end %s while we waited "
				  "for the reply to %s\n", vu->path,
				  rc ? "failed" : "closed the connection",
				  vu_request_name(req));
			return rc ? (int)rc : -ECONNRESET;
		}
		done += (__sz)rc;
	}
	return 0;
}

/* Receive the reply to @p req: exactly @p len payload bytes. */
static int vu_recv(struct vu_dev *vu, __u32 req, void *payload, __u32 len)
{
	struct vhost_user_hdr hdr;
	int rc;

	rc = vu_read_full(vu, req, &hdr, sizeof(hdr));
	if (rc < 0)
		return rc;
	if (hdr.request != req || !(hdr.flags & VHOST_USER_FLAG_REPLY) ||
	    (hdr.flags & VHOST_USER_VERSION_MASK) != VHOST_USER_VERSION ||
	    hdr.size != len) {
		uk_pr_err(VU_NAME ": %s: bad reply to %s (request %u, flags "
			  "0x%x, size %u)\n", vu->path, vu_request_name(req),
			  hdr.request, hdr.flags, hdr.size);
		return -EPROTO;
	}
	return vu_read_full(vu, req, payload, len);
}

/*
 * Send a request that has no reply of its own; with REPLY_ACK wait for
 * the back-end's verdict. @return 0, -EIO if refused, or another error
 */
static int vu_request(struct vu_dev *vu, __u32 req, const void *payload,
		      __u32 len, const int *fds, unsigned int nfds)
{
	bool ack = vu->protocol_features &
		VIRTIO_FEATURE(VHOST_USER_PROTOCOL_F_REPLY_ACK);
	__u64 status;
	int rc;

	rc = vu_send(vu, req, ack ? VHOST_USER_FLAG_NEED_REPLY : 0, payload,
		     len, fds, nfds);
	if (rc < 0 || !ack)
		return rc;
	rc = vu_recv(vu, req, &status, sizeof(status));
	if (rc < 0)
		return rc;
	if (status) {
		uk_pr_err(VU_NAME ": %s: back-end refused %s (status %llu)\n",
			  vu->path, vu_request_name(req),
			  (unsigned long long)status);
		return -EIO;
	}
	return 0;
}

/* A request whose reply is one u64 (GET_FEATURES, ...). */
static int vu_get_u64(struct vu_dev *vu, __u32 req, __u64 *val)
{
	int rc = vu_send(vu, req, 0, NULL, 0, NULL, 0);

	return rc < 0 ? rc : vu_recv(vu, req, val, sizeof(*val));
}

static int vu_set_u64(struct vu_dev *vu, __u32 req, __u64 val)
{
	return vu_request(vu, req, &val, sizeof(val), NULL, 0);
}

static int vu_set_state(struct vu_dev *vu, __u32 req, __u32 index,
			__u32 num)
{
	struct vhost_vring_state s = { .index = index, .num = num };

	return vu_request(vu, req, &s, sizeof(s), NULL, 0);
}

/* SET_VRING_KICK or SET_VRING_CALL with its eventfd. */
static int vu_set_vring_fd(struct vu_dev *vu, __u32 req, __u32 index,
			   int fd)
{
	__u64 v = index & VHOST_USER_VRING_IDX_MASK;

	return vu_request(vu, req, &v, sizeof(v), &fd, 1);
}

/* The heap is the one memory region, addressed by its virtual address. */
static int vu_set_mem_table(struct vu_dev *vu)
{
	/* "Multiple memory regions description" with one region */
	union {
		struct vhost_memory m;
		__u8 bytes[sizeof(struct vhost_memory) +
			   sizeof(struct vhost_memory_region)];
	} mem;
	struct vhost_memory_region *r = &mem.m.regions[0];
	void *base;
	__sz len;
	int fd;

	fd = linuxu_heap_shared(&base, &len);
	if (fd < 0) {
		uk_pr_err(VU_NAME ": the heap is not shared memory\n");
		return -ENOMEM;
	}
	memset(&mem, 0, sizeof(mem));
	mem.m.nregions = 1;
	r->guest_phys_addr = (__u64)(__uptr)base;
	r->memory_size = len;
	r->userspace_addr = (__u64)(__uptr)base;
	r->flags_padding = 0;		/* vhost-user: mmap offset */
	return vu_request(vu, VHOST_USER_SET_MEM_TABLE, &mem, sizeof(mem),
			  &fd, 1);
}

/* ------------------------------------------------------------------ */
/* Rings                                                              */
/* ------------------------------------------------------------------ */

static void vu_notify(struct virtqueue *vq)
{
	static const __u64 one = 1;

	linuxu_syscall(__NR_write, (long)(__uptr)vq->notify_priv, &one,
		       sizeof(one));
}

/* Hand ring @p i to the back-end (after DRIVER_OK). */
static int vu_queue_start(struct vu_dev *vu, __u16 i)
{
	struct vu_queue *q = &vu->q[i];
	struct vhost_vring_addr addr = {
		.index = i,
		.desc_user_addr = q->vq->desc_addr,
		.used_user_addr = q->vq->used_addr,
		.avail_user_addr = q->vq->avail_addr,
	};
	int rc;

	rc = vu_set_state(vu, VHOST_USER_SET_VRING_NUM, i,
			  virtqueue_size(q->vq));
	if (rc < 0)
		return rc;
	/* The device starts at available entry 0: what the driver
	 * published before DRIVER_OK is there for it.
	 */
	rc = vu_set_state(vu, VHOST_USER_SET_VRING_BASE, i, 0);
	if (rc < 0)
		return rc;
	rc = vu_request(vu, VHOST_USER_SET_VRING_ADDR, &addr, sizeof(addr),
			NULL, 0);
	if (rc < 0)
		return rc;
	rc = vu_set_vring_fd(vu, VHOST_USER_SET_VRING_CALL, i, q->callfd);
	if (rc < 0)
		return rc;
	rc = vu_set_vring_fd(vu, VHOST_USER_SET_VRING_KICK, i, q->kickfd);
	if (rc < 0)
		return rc;
	if (vu->backend_features &
	    VIRTIO_FEATURE(VHOST_USER_F_PROTOCOL_FEATURES)) {
		rc = vu_set_state(vu, VHOST_USER_SET_VRING_ENABLE, i, 1);
		if (rc < 0)
			return rc;
	}
	q->started = true;
	return 0;
}

/* Take ring @p i back: the back-end stops using it. */
static void vu_queue_stop(struct vu_dev *vu, __u16 i)
{
	struct vhost_vring_state s = { .index = i };
	int rc;

	if (!vu->q[i].started)
		return;
	vu->q[i].started = false;
	rc = vu_send(vu, VHOST_USER_GET_VRING_BASE, 0, &s, sizeof(s),
		     NULL, 0);
	if (rc == 0)
		vu_recv(vu, VHOST_USER_GET_VRING_BASE, &s, sizeof(s));
}

static __u16 vu_queue_size_max(struct virtio_dev *vdev, __u16 qid)
{
	return qid < VU_QUEUES ? to_vu(vdev)->queue_size : 0;
}

static int vu_queue_setup(struct virtio_dev *vdev, struct virtqueue *vq)
{
	struct vu_dev *vu = to_vu(vdev);
	struct vu_queue *q;
	long fd;

	if (vq->qid >= VU_QUEUES || virtqueue_size(vq) > vu->queue_size)
		return -EINVAL;
	q = &vu->q[vq->qid];
	if (q->vq)
		return -EBUSY;
	fd = linuxu_syscall(__NR_eventfd2, 0, VU_EFD_FLAGS, 0);
	if (fd < 0)
		goto err_eventfd;
	q->kickfd = (int)fd;
	fd = linuxu_syscall(__NR_eventfd2, 0, VU_EFD_FLAGS, 0);
	if (fd < 0)
		goto err_eventfd;
	q->callfd = (int)fd;
	q->vq = vq;
	vq->notify = vu_notify;
	vq->notify_priv = (void *)(__uptr)q->kickfd;
	return 0;

err_eventfd:
	uk_pr_err(VU_NAME ": %s: eventfd: error %ld\n", vu->path, -fd);
	vu_close(&q->kickfd);
	return (int)fd;
}

/* Stop ring @p i and forget its queue. */
static void vu_queue_drop(struct vu_dev *vu, __u16 i)
{
	struct vu_queue *q = &vu->q[i];

	vu_queue_stop(vu, i);
	vu_close(&q->kickfd);
	vu_close(&q->callfd);
	q->vq = NULL;
}

static void vu_queue_release(struct virtio_dev *vdev, struct virtqueue *vq)
{
	struct vu_dev *vu = to_vu(vdev);

	/* after a reset the queue is no longer ours: nothing to do */
	if (vq->qid >= VU_QUEUES || vu->q[vq->qid].vq != vq)
		return;
	vu_queue_drop(vu, vq->qid);
}

/* ------------------------------------------------------------------ */
/* Device                                                             */
/* ------------------------------------------------------------------ */

static void vu_reset(struct virtio_dev *vdev)
{
	struct vu_dev *vu = to_vu(vdev);
	__u16 i;

	/* Like a PCI device, a reset device has no queue left. */
	for (i = 0; i < VU_QUEUES; i++)
		vu_queue_drop(vu, i);
	vu->status = 0;
	vu->features_ok = false;
}

static __u8 vu_status_get(struct virtio_dev *vdev)
{
	return to_vu(vdev)->status;
}

static void vu_status_set(struct virtio_dev *vdev, __u8 status)
{
	struct vu_dev *vu = to_vu(vdev);
	__u8 old = vu->status;
	__u16 i;

	if (status == 0) {
		vu_reset(vdev);
		return;
	}
	/* FEATURES_OK sticks only if the back-end took the features. */
	if (!vu->features_ok)
		status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
	vu->status = status;
	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK) ||
	    (old & VIRTIO_CONFIG_S_DRIVER_OK))
		return;
	for (i = 0; i < VU_QUEUES; i++) {
		if (vu->q[i].vq && vu_queue_start(vu, i) < 0) {
			/* the driver checks this bit after DRIVER_OK */
			vu->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
			return;
		}
	}
}

static __u64 vu_features_get(struct virtio_dev *vdev)
{
	struct vu_dev *vu = to_vu(vdev);

	return (vu->backend_features & ~VU_FEATURES_HIDDEN) |
		VU_FEATURES_SYNTH;
}

static void vu_features_set(struct virtio_dev *vdev, __u64 features)
{
	struct vu_dev *vu = to_vu(vdev);
	__u64 f = features & vu->backend_features & ~VU_FEATURES_HIDDEN;

	/* The back-end's own bit stays on if it offered it (the spec
	 * makes GET/SET_PROTOCOL_FEATURES depend on it).
	 */
	f |= vu->backend_features &
		VIRTIO_FEATURE(VHOST_USER_F_PROTOCOL_FEATURES);
	vu->features_ok = vu_set_u64(vu, VHOST_USER_SET_FEATURES, f) == 0 &&
		vu_set_mem_table(vu) == 0;
}

static int vu_config_get(struct virtio_dev *vdev, __u16 offset, void *buf,
			 __u16 len)
{
	struct vu_dev *vu = to_vu(vdev);
	struct virtio_net_config c;

	if ((__u32)offset + len > sizeof(c))
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	memcpy(c.mac, vu->mac, sizeof(c.mac));
	c.status = VIRTIO_NET_S_LINK_UP;
	c.max_virtqueue_pairs = 1;
	c.mtu = 1500;
	memcpy(buf, (char *)&c + offset, len);
	return 0;
}

static const struct virtio_dev_ops vu_ops = {
	.reset = vu_reset,
	.status_get = vu_status_get,
	.status_set = vu_status_set,
	.features_get = vu_features_get,
	.features_set = vu_features_set,
	.config_get = vu_config_get,
	.queue_size_max = vu_queue_size_max,
	.queue_setup = vu_queue_setup,
	.queue_release = vu_queue_release,
};

/* Connect to the back-end's socket. @return 0 or a negative errno */
static int vu_connect(struct vu_dev *vu)
{
	struct vu_sockaddr_un sa;
	long fd, rc;

	fd = linuxu_syscall(__NR_socket, LINUXU_AF_UNIX,
			    LINUXU_SOCK_STREAM | LINUXU_O_CLOEXEC, 0);
	if (fd < 0) {
		uk_pr_err(VU_NAME ": socket: error %ld\n", -fd);
		return (int)fd;
	}
	memset(&sa, 0, sizeof(sa));
	sa.family = LINUXU_AF_UNIX;
	memcpy(sa.path, vu->path, strlen(vu->path));
	rc = linuxu_syscall(__NR_connect, fd, &sa, sizeof(sa));
	if (rc < 0) {
		uk_pr_err(VU_NAME ": cannot connect to %s: error %ld%s\n",
			  vu->path, -rc,
			  rc == -ENOENT ? " (no such socket: start the "
			  "vhost-user back-end first)" :
			  rc == -ECONNREFUSED ? " (nobody listens)" : "");
		linuxu_syscall(__NR_close, fd, 0, 0);
		return (int)rc;
	}
	vu->sock = (int)fd;
	return 0;
}

/* SET_OWNER, GET_FEATURES and the protocol features. */
static int vu_handshake(struct vu_dev *vu)
{
	__u64 pf;
	int rc;

	rc = vu_send(vu, VHOST_USER_SET_OWNER, 0, NULL, 0, NULL, 0);
	if (rc < 0)
		return rc;
	rc = vu_get_u64(vu, VHOST_USER_GET_FEATURES, &vu->backend_features);
	if (rc < 0)
		return rc;
	if (!(vu->backend_features &
	      VIRTIO_FEATURE(VHOST_USER_F_PROTOCOL_FEATURES)))
		return 0;
	rc = vu_get_u64(vu, VHOST_USER_GET_PROTOCOL_FEATURES, &pf);
	if (rc < 0)
		return rc;
	pf &= VU_PROTOCOL_FEATURES;
	/* Sent before REPLY_ACK is on: no acknowledgement for this one. */
	rc = vu_send(vu, VHOST_USER_SET_PROTOCOL_FEATURES, 0, &pf,
		     sizeof(pf), NULL, 0);
	if (rc < 0)
		return rc;
	vu->protocol_features = pf;
	return 0;
}

static int vu_add(const char *path, const __u8 mac[6])
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct vu_dev *vu;
	__u16 i;
	int rc;

	vu = uk_calloc(a, 1, sizeof(*vu));
	if (!vu)
		return -ENOMEM;
	vu->sock = -1;
	for (i = 0; i < VU_QUEUES; i++) {
		vu->q[i].kickfd = -1;
		vu->q[i].callfd = -1;
	}
	memcpy(vu->path, path, strlen(path));
	memcpy(vu->mac, mac, sizeof(vu->mac));
	vu->queue_size = (__u16)vu_param_queue_size;

	rc = vu_connect(vu);
	if (rc < 0)
		goto err_free;
	rc = vu_handshake(vu);
	if (rc < 0)
		goto err_close;
	uk_pr_info(VU_NAME ": %s: back-end features 0x%llx, protocol 0x%llx\n",
		   vu->path, (unsigned long long)vu->backend_features,
		   (unsigned long long)vu->protocol_features);

	vu->vdev.ops = &vu_ops;
	vu->vdev.device_id = VIRTIO_ID_NET;
	vu->vdev.ring_align = 16;
	vu->vdev.legacy = false;
	vu->vdev.addr_offset = 0;	/* device address = virtual */
	vu->vdev.dma_a = NULL;		/* default allocator: shared */
	vu->vdev.transport = "vhost-user";
	rc = virtio_dev_attach(&vu->vdev);
	if (rc < 0) {
		uk_pr_err(VU_NAME ": %s: virtio-net refused the device: %d\n",
			  vu->path, rc);
		goto err_close;
	}
	return 0;

err_close:
	vu_close(&vu->sock);
err_free:
	uk_free(a, vu);
	return rc;
}

/* "xx:xx:xx:xx:xx:xx" -> @p mac. @return 0 or -EINVAL */
static int vu_mac_parse(const char *s, __u8 mac[6])
{
	unsigned long v;
	char *end;
	int i;

	for (i = 0; i < 6; i++, s = end + 1) {
		v = strtoul(s, &end, 16);
		if (end - s != 2 || v > 0xff ||
		    *end != (i < 5 ? ':' : '\0'))
			return -EINVAL;
		mac[i] = (__u8)v;
	}
	return 0;
}

static int vu_init(void)
{
	__u8 mac[6] = { 0x02, 0x75, 0x6b, 0x00, 0x00, 0x01 };
	char path[VU_SUN_PATH_LEN];
	const char *p, *end;
	int rc, n = 0;
	__sz len;

	if (!vu_param_path || !*vu_param_path)
		return 0;	/* no socket named: no device */
	if (vu_param_mac && vu_mac_parse(vu_param_mac, mac) < 0) {
		uk_pr_err(VU_NAME ": virtio_user.mac=%s is not "
			  "xx:xx:xx:xx:xx:xx\n", vu_param_mac);
		return -EINVAL;
	}
	if (!IS_POW2(vu_param_queue_size) || vu_param_queue_size < 2 ||
	    vu_param_queue_size > VU_QUEUE_SIZE_MAX) {
		uk_pr_err(VU_NAME ": virtio_user.queue_size=%lu: a power of "
			  "two, 2..%d\n", vu_param_queue_size,
			  VU_QUEUE_SIZE_MAX);
		return -EINVAL;
	}
	for (p = vu_param_path; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		len = (__sz)(end - p);
		if (len == 0 || len >= sizeof(path) || n == VU_MAX_DEVS) {
			uk_pr_err(VU_NAME ": bad virtio_user.path=%s (paths "
				  "of 1..%d characters, at most %d)\n",
				  vu_param_path, VU_SUN_PATH_LEN - 1,
				  VU_MAX_DEVS);
			return -EINVAL;
		}
		memcpy(path, p, len);
		path[len] = '\0';
		rc = vu_add(path, mac);
		if (rc < 0)
			return rc;
		mac[5]++;
		n++;
	}
	return 0;
}
uk_plat_initcall(vu_init);
