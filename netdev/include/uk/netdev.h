/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: a polling network device API for network functions.
 *
 * Bringing a device up (the Session 10 tutorial's steps):
 *
 *   uk_netdev_count()                how many devices the drivers found
 *   dev = uk_netdev_get(0)
 *   uk_netdev_info_get(dev, &info)   queues, MTU, headroom, alignment
 *   uk_netdev_configure(dev, &conf)          UNCONFIGURED -> CONFIGURED
 *   uk_netdev_rxq_configure(dev, q, 0, &rxc) for every rx queue
 *   uk_netdev_txq_configure(dev, q, 0, &txc) for every tx queue
 *   uk_netdev_start(dev)                     CONFIGURED -> RUNNING
 *
 * then move packets in bursts with uk_netdev_tx_burst() and
 * uk_netdev_rx_burst() (or one at a time with uk_netdev_tx_one() and
 * uk_netdev_rx_one()).
 *
 * Device states:
 *
 *   UNPROBED --probe--> UNCONFIGURED --configure--> CONFIGURED
 *   CONFIGURED --(all queues configured) start--> RUNNING
 *   RUNNING --stop--> CONFIGURED
 *
 * uk_netdev_configure() probes an UNPROBED device itself. Return codes
 * are upstream Unikraft's: configure, rxq_configure, txq_configure and
 * start return -EINVAL in a state they do not belong to (configure
 * outside UNCONFIGURED, queue set-up and start outside CONFIGURED, so
 * also on a running device), and queue set-up returns -EBUSY for a queue
 * that is already set up. A bad queue id returns -EINVAL. No call
 * crashes on a wrong state or queue id (upstream asserts on some).
 *
 * Datapath rules (as DPDK): every queue belongs to one thread; the burst
 * calls take no locks, allocate nothing (except through the rx queue's
 * alloc_rxpkts callback) and print nothing. A burst on queue q reads one
 * 16-byte slot of struct uk_netdev (the driver's function and queue q,
 * or a stub that returns the errno while the queue is not running); its
 * only check is a compare of q against CONFIG_LIBUKNETDEV_MAXNBQUEUES.
 */
#ifndef __UK_NETDEV_H__
#define __UK_NETDEV_H__

#include <stdint.h>
#include <errno.h>
#include <uk/essentials.h>
#include <uk/alloc.h>

#ifndef CONFIG_LIBUKNETDEV_MAXNBQUEUES
#define CONFIG_LIBUKNETDEV_MAXNBQUEUES 8
#endif

struct uk_netbuf;
struct uk_netdev;
struct uk_netdev_data;
/** Driver-defined receive queue (opaque to applications). */
struct uk_netdev_rx_queue;
/** Driver-defined transmit queue (opaque to applications). */
struct uk_netdev_tx_queue;

/* ------------------------------------------------------------------ */
/* Device information                                                  */
/* ------------------------------------------------------------------ */

/** Length of an Ethernet hardware (MAC) address. */
#define UK_NETDEV_HWADDR_LEN	6

/** Ethernet hardware (MAC) address. */
struct uk_hwaddr {
	uint8_t addr_bytes[UK_NETDEV_HWADDR_LEN];
};

/** The driver can interrupt on received packets (uk_netdev_rxq_intr_*). */
#define UK_NETDEV_F_RXQ_INTR		(1U << 0)
/** The driver can complete partial checksums on transmit. */
#define UK_NETDEV_F_PARTIAL_CSUM	(1U << 1)
/**
 * The driver never writes into transmitted packet data, headroom
 * included: a netbuf whose refcount was raised with uk_netbuf_ref() may
 * be handed to uk_netdev_tx_burst() again while earlier sends of it are
 * still in flight (refcounted zero-copy resend).
 */
#define UK_NETDEV_F_TX_REF_SAFE		(1U << 2)
/** The driver transmits chained netbufs (nb->next) as one frame. */
#define UK_NETDEV_F_TX_CHAIN		(1U << 3)

/** What a device can do; filled by uk_netdev_info_get(). */
struct uk_netdev_info {
	uint16_t max_rx_queues;	/**< most rx queues for configure */
	uint16_t max_tx_queues;	/**< most tx queues for configure */
	uint16_t max_mtu;	/**< largest MTU for mtu_set */
	uint16_t nb_encap_tx;	/**< headroom a tx netbuf must have */
	uint16_t nb_encap_rx;	/**< headroom an rx netbuf must have */
	uint16_t ioalign;	/**< packet buffer alignment (2^n) */
	uint32_t features;	/**< UK_NETDEV_F_* flags */
};

/** Limits on a queue's number of descriptors (uk_netdev_[rt]xq_info_get). */
struct uk_netdev_queue_info {
	uint16_t nb_min;	/**< fewest descriptors */
	uint16_t nb_max;	/**< most descriptors */
	uint16_t nb_align;	/**< count: a multiple of this */
	int nb_is_power_of_two;	/**< count: a power of two */
};

/** Per-queue counters, kept by the driver on the datapath. */
struct uk_netdev_queue_stats {
	uint64_t packets;	/**< frames received or transmitted */
	uint64_t bytes;		/**< their length, without FCS */
	uint64_t drops;		/**< lost for lack of buffers/room */
	uint64_t errors;	/**< frames lost to errors */
};

/** Device states; see the top of this file. */
enum uk_netdev_state {
	UK_NETDEV_UNPROBED = 0,
	UK_NETDEV_UNCONFIGURED,
	UK_NETDEV_CONFIGURED,
	UK_NETDEV_RUNNING,
};

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

/** Device configuration for uk_netdev_configure(). */
struct uk_netdev_conf {
	uint16_t nb_rx_queues;	/**< 0 .. info.max_rx_queues */
	uint16_t nb_tx_queues;	/**< 0 .. info.max_tx_queues */
};

/**
 * Fill @p pkts with up to @p count empty netbufs for receiving. Called by
 * the driver (from rx_burst, from rxq_configure and from start) to refill
 * its receive ring. Each netbuf must have info.nb_encap_rx bytes of
 * headroom before nb->data and be aligned to info.ioalign.
 *
 * @param argp alloc_rxpkts_argp of the queue configuration
 * @return how many netbufs were stored in pkts[0..]
 */
typedef uint16_t (*uk_netdev_alloc_rxpkts)(void *argp,
					   struct uk_netbuf *pkts[],
					   uint16_t count);

/**
 * Queue event (interrupt mode): called by the driver, in interrupt
 * context, when packets arrived on an rx queue whose interrupt was
 * enabled with uk_netdev_rxq_intr_enable(). The interrupt is disabled
 * again before the call; re-enable it once the queue is drained.
 */
typedef void (*uk_netdev_queue_event_t)(struct uk_netdev *dev,
					uint16_t queue_id, void *argp);

/** Receive queue configuration for uk_netdev_rxq_configure(). */
struct uk_netdev_rxqueue_conf {
	struct uk_alloc *a;	/**< allocator for the driver's ring */
	uk_netdev_alloc_rxpkts alloc_rxpkts;	/**< receive buffers */
	void *alloc_rxpkts_argp;		/**< its argument */
	uk_netdev_queue_event_t callback;	/**< NULL: polling only */
	void *callback_cookie;			/**< its argument */
};

/** Transmit queue configuration for uk_netdev_txq_configure(). */
struct uk_netdev_txqueue_conf {
	struct uk_alloc *a;	/**< allocator for the driver's ring */
};

/* ------------------------------------------------------------------ */
/* Burst status                                                        */
/* ------------------------------------------------------------------ */

/** At least one packet was transmitted/received. */
#define UK_NETDEV_STATUS_SUCCESS	0x1
/** tx: the queue has room for more; rx: more packets may be waiting. */
#define UK_NETDEV_STATUS_MORE		0x2
/** rx: alloc_rxpkts gave fewer buffers than the ring needed. */
#define UK_NETDEV_STATUS_UNDERRUN	0x4

/**
 * @return non-zero if status @p st is not negative and has every bit of
 *         @p flag set (upstream's uk_netdev_status_test_set)
 */
#define uk_netdev_status_test_set(st, flag)				\
	(((int)(st) & ((int)(flag) | INT32_MIN)) == (int)(flag))
/**
 * @return non-zero if status @p st is not negative and has no bit of
 *         @p flag set (upstream's uk_netdev_status_test_unset)
 */
#define uk_netdev_status_test_unset(st, flag)				\
	(((int)(st) & ((int)(flag) | INT32_MIN)) == 0)

/** @return non-zero if @p st reports at least one packet moved. */
#define uk_netdev_status_successful(st)					\
	uk_netdev_status_test_set(st, UK_NETDEV_STATUS_SUCCESS)
/** @return non-zero if @p st is not an error but nothing moved (tx:
 *  queue full; rx: nothing received). */
#define uk_netdev_status_notready(st)					\
	uk_netdev_status_test_unset(st, UK_NETDEV_STATUS_SUCCESS)
/**
 * @return non-zero if @p st has both UK_NETDEV_STATUS_SUCCESS and
 *         UK_NETDEV_STATUS_MORE, as upstream: "the last operation can be
 *         repeated". A burst of 0 frames on a queue with room returns
 *         MORE alone, for which this is 0; test the bit to see room.
 */
#define uk_netdev_status_more(st)					\
	uk_netdev_status_test_set(st, UK_NETDEV_STATUS_SUCCESS |	\
				  UK_NETDEV_STATUS_MORE)
/** @return non-zero if @p st has UK_NETDEV_STATUS_UNDERRUN. */
#define uk_netdev_status_underrun(st)					\
	uk_netdev_status_test_set(st, UK_NETDEV_STATUS_UNDERRUN)

/* ------------------------------------------------------------------ */
/* The device                                                          */
/* ------------------------------------------------------------------ */

/**
 * Driver transmit function (see uk_netdev_tx_burst()).
 * @param queue the queue returned by the driver's txq_configure
 */
typedef int (*uk_netdev_tx_burst_t)(struct uk_netdev *dev,
				    struct uk_netdev_tx_queue *queue,
				    struct uk_netbuf *pkts[], uint16_t *cnt);
/**
 * Driver receive function (see uk_netdev_rx_burst()).
 * @param queue the queue returned by the driver's rxq_configure
 */
typedef int (*uk_netdev_rx_burst_t)(struct uk_netdev *dev,
				    struct uk_netdev_rx_queue *queue,
				    struct uk_netbuf *pkts[], uint16_t *cnt);

struct uk_netdev_ops;

/**
 * What a transmit burst on one queue reads: the function to call and the
 * driver's queue. 16 bytes on a 16-byte boundary, so never split across
 * two cache lines. Private (netdev.c writes it).
 */
struct _uk_netdev_txq_slot {
	/** dev->tx_burst while the queue runs, else a stub returning the
	 * errno of a burst on a stopped device or an unset queue */
	uk_netdev_tx_burst_t burst;
	struct uk_netdev_tx_queue *queue;
} __align(16);

/** As struct _uk_netdev_txq_slot, for receive. Private. */
struct _uk_netdev_rxq_slot {
	uk_netdev_rx_burst_t burst;
	struct uk_netdev_rx_queue *queue;
} __align(16);

/**
 * A network device. Drivers embed it in their own device structure, set
 * tx_burst, rx_burst and ops, and call uk_netdev_drv_register()
 * (<uk/netdev_driver.h>). Applications only read it through the
 * functions below. The burst slots come first: a burst on any queue
 * reads one slot, within one cache line (static asserts in netdev.c).
 */
struct uk_netdev {
	struct _uk_netdev_txq_slot _txq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];
	struct _uk_netdev_rxq_slot _rxq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];

	uk_netdev_tx_burst_t tx_burst;	/**< driver transmit */
	uk_netdev_rx_burst_t rx_burst;	/**< driver receive */
	const struct uk_netdev_ops *ops;	/**< driver control ops */
	struct uk_netdev_data *_data;		/**< owned by netdev.c */
};

/* ------------------------------------------------------------------ */
/* Discovery                                                           */
/* ------------------------------------------------------------------ */

/** @return the number of registered devices (ids are 0 .. count-1). */
unsigned int uk_netdev_count(void);

/** @return device number @p id, or NULL if there is none. */
struct uk_netdev *uk_netdev_get(unsigned int id);

/** @return the id of @p dev (its index for uk_netdev_get()). */
uint16_t uk_netdev_id_get(struct uk_netdev *dev);

/** @return the name of the driver of @p dev ("virtio-net", "null", ...). */
const char *uk_netdev_drv_name_get(struct uk_netdev *dev);

/** @return the current state of @p dev. */
enum uk_netdev_state uk_netdev_state_get(struct uk_netdev *dev);

/**
 * Probe an UNPROBED device (uk_netdev_configure() does it when needed).
 * @return 0, -EALREADY if already probed, or the driver's negative errno
 */
int uk_netdev_probe(struct uk_netdev *dev);

/**
 * Fill @p info with what @p dev supports. Valid in every state; before
 * probing some values may still be the driver's defaults. As upstream,
 * max_rx_queues and max_tx_queues are at most
 * CONFIG_LIBUKNETDEV_MAXNBQUEUES (what uk_netdev_configure() accepts).
 */
void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info);

/**
 * Number of descriptors an rx queue may have.
 * @return 0; -EINVAL if @p queue_id >= info.max_rx_queues; -ENOTSUP if
 *         the driver cannot tell
 */
int uk_netdev_rxq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			   struct uk_netdev_queue_info *qinfo);

/** As uk_netdev_rxq_info_get(), for a tx queue. */
int uk_netdev_txq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			   struct uk_netdev_queue_info *qinfo);

/* ------------------------------------------------------------------ */
/* Bring-up                                                            */
/* ------------------------------------------------------------------ */

/**
 * Set the number of queues (UNCONFIGURED -> CONFIGURED). Probes the
 * device first if it is UNPROBED.
 * @return 0; -EINVAL if the device is not UNCONFIGURED (already
 *         configured or running, as upstream), if a count exceeds
 *         info.max_[rt]x_queues or both are 0; or the driver's error
 */
int uk_netdev_configure(struct uk_netdev *dev,
			const struct uk_netdev_conf *conf);

/**
 * Set up rx queue @p queue_id (device CONFIGURED, queue not set up yet).
 * @param nb_desc ring size, 0 for the driver's choice; otherwise within
 *        uk_netdev_rxq_info_get()'s limits
 * @param conf allocator and rx buffer callback (alloc_rxpkts required)
 * @return 0; -EINVAL for a device that is not CONFIGURED (running
 *         included, as upstream), a bad queue id, nb_desc out of range,
 *         missing conf->a or alloc_rxpkts, or a callback without
 *         UK_NETDEV_F_RXQ_INTR; -EBUSY if the queue was already set up
 *         (as upstream); -ENOMEM or the driver's error
 */
int uk_netdev_rxq_configure(struct uk_netdev *dev, uint16_t queue_id,
			    uint16_t nb_desc,
			    struct uk_netdev_rxqueue_conf *conf);

/** As uk_netdev_rxq_configure(), for tx queue @p queue_id. */
int uk_netdev_txq_configure(struct uk_netdev *dev, uint16_t queue_id,
			    uint16_t nb_desc,
			    struct uk_netdev_txqueue_conf *conf);

/**
 * Start the device (CONFIGURED -> RUNNING). All configured queues must
 * have been set up.
 * @return 0; -EINVAL if the device is not CONFIGURED (running included,
 *         as upstream) or a queue is not set up; or the driver's error
 */
int uk_netdev_start(struct uk_netdev *dev);

/**
 * Stop the device (RUNNING -> CONFIGURED); queues stay set up and the
 * device can be started again. Packets in flight stay with the driver.
 * Call it while no thread is inside a burst on this device: bursts that
 * start afterwards return -ENETDOWN. (uknf's; upstream has no stop.)
 * @return 0; -EINVAL if not running; -ENOTSUP if the driver cannot stop
 */
int uk_netdev_stop(struct uk_netdev *dev);

/* ------------------------------------------------------------------ */
/* Device settings                                                     */
/* ------------------------------------------------------------------ */

/** @return the hardware address of @p dev, or NULL if it has none. */
const struct uk_hwaddr *uk_netdev_hwaddr_get(struct uk_netdev *dev);

/** Set the hardware address. @return 0, -ENOTSUP or the driver's error */
int uk_netdev_hwaddr_set(struct uk_netdev *dev,
			 const struct uk_hwaddr *hwaddr);

/** @return 1 if @p dev is in promiscuous mode, else 0. */
unsigned int uk_netdev_promiscuous_get(struct uk_netdev *dev);

/** Turn promiscuous mode on (1) or off (0). @return 0 or -ENOTSUP */
int uk_netdev_promiscuous_set(struct uk_netdev *dev, unsigned int mode);

/** @return the current MTU (bytes of L3 payload per frame). */
uint16_t uk_netdev_mtu_get(struct uk_netdev *dev);

/** Set the MTU. @return 0, -EINVAL above info.max_mtu, -ENOTSUP */
int uk_netdev_mtu_set(struct uk_netdev *dev, uint16_t mtu);

/** @return 1 if the link is up, 0 if down, -ENOTSUP if unknown. */
int uk_netdev_link_get(struct uk_netdev *dev);

/**
 * Enable the interrupt of a running rx queue configured with a callback.
 * @return 0; 1 if packets are already waiting (the interrupt is then not
 *         enabled: drain the queue first); -EINVAL for a bad queue id or
 *         a device not running; -ENOTSUP without UK_NETDEV_F_RXQ_INTR or
 *         callback
 */
int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t queue_id);

/** Disable the interrupt of an rx queue. @return as above, without 1 */
int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t queue_id);

/* ------------------------------------------------------------------ */
/* Statistics                                                          */
/* ------------------------------------------------------------------ */

/**
 * Copy the counters of rx queue @p queue_id (a configured queue).
 * Read from another thread than the queue's, the values may be a few
 * packets old.
 * @return 0; -EINVAL for a bad queue id; -ENOTSUP if the driver keeps none
 */
int uk_netdev_rxq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *stats);

/** As uk_netdev_rxq_stats_get(), for a tx queue. */
int uk_netdev_txq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *stats);

/** Zero the counters of every queue (call while no queue is in use). */
void uk_netdev_stats_reset(struct uk_netdev *dev);

/* ------------------------------------------------------------------ */
/* Datapath                                                            */
/* ------------------------------------------------------------------ */

/* Slow path of a burst on a queue id >= CONFIG_LIBUKNETDEV_MAXNBQUEUES:
 * -EINVAL on a running device, else -ENETDOWN. */
int _uk_netdev_txq_err(struct uk_netdev *dev, uint16_t queue_id);
int _uk_netdev_rxq_err(struct uk_netdev *dev, uint16_t queue_id);

/**
 * Transmit a burst. The driver takes pkts[0 .. *cnt-1] in order, as many
 * as fit in the queue; it frees them (uk_netbuf_free) once sent. The
 * caller still owns pkts[*cnt ..] (the ones not taken) after the call.
 *
 * @param queue_id a tx queue of the running device
 * @param pkts frames, data at nb->data with info.nb_encap_tx bytes of
 *        headroom
 * @param[in,out] cnt in: how many frames are offered (0 allowed);
 *        out: how many the driver took
 * @return UK_NETDEV_STATUS_* bits: SUCCESS if *cnt > 0, MORE if the
 *         queue has room for more; 0 if the queue was full; -EINVAL for
 *         a bad queue id; -ENETDOWN if the device is not running
 */
static inline int uk_netdev_tx_burst(struct uk_netdev *dev,
				     uint16_t queue_id,
				     struct uk_netbuf *pkts[], uint16_t *cnt)
{
	const struct _uk_netdev_txq_slot *s;

	if (unlikely(queue_id >= CONFIG_LIBUKNETDEV_MAXNBQUEUES))
		return _uk_netdev_txq_err(dev, queue_id);
	s = &dev->_txq[queue_id];
	return s->burst(dev, s->queue, pkts, cnt);
}

/**
 * Receive a burst. The caller owns the received netbufs (free them with
 * uk_netbuf_free). The driver refills its ring through alloc_rxpkts.
 *
 * @param[out] pkts received frames (nb->data, nb->len: frame without FCS)
 * @param[in,out] cnt in: room in @p pkts; out: frames received
 * @return UK_NETDEV_STATUS_* bits: SUCCESS if *cnt > 0, MORE if more
 *         frames may be waiting, UNDERRUN if the ring could not be
 *         refilled completely; 0 if nothing was received; -EINVAL for a
 *         bad queue id; -ENETDOWN if the device is not running
 */
static inline int uk_netdev_rx_burst(struct uk_netdev *dev,
				     uint16_t queue_id,
				     struct uk_netbuf *pkts[], uint16_t *cnt)
{
	const struct _uk_netdev_rxq_slot *s;

	if (unlikely(queue_id >= CONFIG_LIBUKNETDEV_MAXNBQUEUES))
		return _uk_netdev_rxq_err(dev, queue_id);
	s = &dev->_rxq[queue_id];
	return s->burst(dev, s->queue, pkts, cnt);
}

/**
 * Transmit one frame (a burst of one). On success the driver owns @p pkt;
 * otherwise (queue full or error) the caller still does.
 * @return as uk_netdev_tx_burst(); with one frame the drivers of this
 *         tree set MORE only together with SUCCESS, as upstream says
 */
static inline int uk_netdev_tx_one(struct uk_netdev *dev, uint16_t queue_id,
				   struct uk_netbuf *pkt)
{
	uint16_t cnt = 1;

	return uk_netdev_tx_burst(dev, queue_id, &pkt, &cnt);
}

/**
 * Receive one frame (a burst of one).
 * @param[out] pkt the frame when the status is successful, else NULL
 * @return as uk_netdev_rx_burst(); MORE only together with SUCCESS, as
 *         upstream
 */
static inline int uk_netdev_rx_one(struct uk_netdev *dev, uint16_t queue_id,
				   struct uk_netbuf **pkt)
{
	uint16_t cnt = 1;
	int status;

	*pkt = NULL;
	status = uk_netdev_rx_burst(dev, queue_id, pkt, &cnt);
	return status;
}

#endif /* __UK_NETDEV_H__ */
