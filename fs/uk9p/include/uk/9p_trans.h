/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P transports: what a device driver (virtio-9p) gives the 9P client.
 * A transport carries one request and its reply at a time and is found
 * by its tag (virtio-9p: the device's mount tag, QEMU's mount_tag=).
 */
#ifndef __UK_9P_TRANS_H__
#define __UK_9P_TRANS_H__

#include <uk/essentials.h>

struct uk_alloc;
struct uk_9p_trans;

struct uk_9p_trans_ops {
	/**
	 * Send the request of @p req_len bytes at @p req and receive its
	 * reply into @p rep (@p rep_cap bytes). Returns within a bound:
	 * a device that does not answer makes this fail, never hang.
	 * Both buffers come from the transport's allocator.
	 *
	 * @param rep_len set to the bytes the device wrote
	 * @return 0, or -EIO (device gone, timed out: the transport is
	 *   then dead and every later request fails)
	 */
	int (*request)(struct uk_9p_trans *t, const void *req, __u32 req_len,
		       void *rep, __u32 rep_cap, __u32 *rep_len);
};

struct uk_9p_trans {
	/** The tag (NUL-terminated) a mount names this transport by. */
	const char *tag;
	/** Largest message the transport carries; 0: no limit of its own. */
	__u32 max_msize;
	const struct uk_9p_trans_ops *ops;
	/** Allocator for message buffers (memory the device can reach). */
	struct uk_alloc *a;
	/** The driver's device. */
	void *priv;
	/* --- uk9p's --- */
	struct uk_9p_trans *next;
	bool connected;		/* a client uses it */
};

/**
 * Make @p t available under t->tag.
 * @return 0, -EEXIST if the tag is taken, -EINVAL for an empty tag
 */
int uk_9p_trans_register(struct uk_9p_trans *t);

/** The transport registered under @p tag, or NULL. */
struct uk_9p_trans *uk_9p_trans_find(const char *tag);

#endif /* __UK_9P_TRANS_H__ */
