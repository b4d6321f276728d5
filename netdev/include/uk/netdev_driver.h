/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev driver interface. A driver:
 *
 *   1. embeds a struct uk_netdev in its device structure;
 *   2. sets dev->tx_burst, dev->rx_burst and dev->ops (uk_netdev_start()
 *      copies the burst functions into the queue slots the datapath
 *      reads, so they must not change while the device runs);
 *   3. calls uk_netdev_drv_register() (from an init call or a bus probe);
 *   4. in rxq_configure/txq_configure allocates its queue, binds the
 *      queue's counters with uk_netdev_rxq_stats_bind() /
 *      uk_netdev_txq_stats_bind() and returns the queue;
 *   5. on the datapath counts with uk_netdev_queue_stats_add() (plain
 *      adds: a queue has one owner thread) and, in interrupt mode,
 *      signals arrivals with uk_netdev_drv_rx_event().
 *
 * The API core (netdev.c) checks states, queue ids and descriptor counts
 * before calling an op, so ops only see valid arguments in a valid state.
 */
#ifndef __UK_NETDEV_DRIVER_H__
#define __UK_NETDEV_DRIVER_H__

#include <uk/netdev.h>

/**
 * Driver control operations. Mandatory: info_get, rxq_configure,
 * txq_configure. configure and start may be NULL when there is nothing
 * to do; every other op may be NULL too, the API then returns -ENOTSUP
 * (or a neutral value, see each getter). Software devices that only
 * remember their MAC, MTU and promiscuous mode can use the
 * uk_netdev_soft_* ops below.
 */
struct uk_netdev_ops {
	/** UNPROBED -> UNCONFIGURED: read device features, MAC, ... */
	int (*probe)(struct uk_netdev *dev);
	/** Fill @p info (the core zeroes it first). */
	void (*info_get)(struct uk_netdev *dev, struct uk_netdev_info *info);
	/** Prepare for conf->nb_[rt]x_queues queues (counts checked). */
	int (*configure)(struct uk_netdev *dev,
			 const struct uk_netdev_conf *conf);
	/** Descriptor limits of rx queue @p queue_id (< max_rx_queues). */
	int (*rxq_info_get)(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_info *qinfo);
	/** Descriptor limits of tx queue @p queue_id (< max_tx_queues). */
	int (*txq_info_get)(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_info *qinfo);
	/**
	 * Set up rx queue @p queue_id with @p nb_desc descriptors (0: the
	 * driver's choice; otherwise within rxq_info_get's limits).
	 * @return the queue, or ERR2PTR(-errno)
	 */
	struct uk_netdev_rx_queue *(*rxq_configure)(struct uk_netdev *dev,
			uint16_t queue_id, uint16_t nb_desc,
			struct uk_netdev_rxqueue_conf *conf);
	/** As rxq_configure, for a tx queue. */
	struct uk_netdev_tx_queue *(*txq_configure)(struct uk_netdev *dev,
			uint16_t queue_id, uint16_t nb_desc,
			struct uk_netdev_txqueue_conf *conf);
	/** CONFIGURED -> RUNNING (all queues set up). */
	int (*start)(struct uk_netdev *dev);
	/** RUNNING -> CONFIGURED. */
	int (*stop)(struct uk_netdev *dev);

	/** NULL result: the device has no hardware address. */
	const struct uk_hwaddr *(*hwaddr_get)(struct uk_netdev *dev);
	int (*hwaddr_set)(struct uk_netdev *dev,
			  const struct uk_hwaddr *hwaddr);
	unsigned int (*promiscuous_get)(struct uk_netdev *dev);
	int (*promiscuous_set)(struct uk_netdev *dev, unsigned int mode);
	uint16_t (*mtu_get)(struct uk_netdev *dev);
	/** @p mtu already checked against info.max_mtu. */
	int (*mtu_set)(struct uk_netdev *dev, uint16_t mtu);
	/** @return 1 link up, 0 down. */
	int (*link_get)(struct uk_netdev *dev);

	/** @return 0, or 1 if packets are waiting (interrupt left off). */
	int (*rxq_intr_enable)(struct uk_netdev *dev,
			       struct uk_netdev_rx_queue *queue);
	int (*rxq_intr_disable)(struct uk_netdev *dev,
				struct uk_netdev_rx_queue *queue);
};

/** An rx queue's interrupt-mode callback (from its configuration). */
struct uk_netdev_event_handler {
	uk_netdev_queue_event_t callback;
	void *cookie;
};

/** Settings a software device only remembers (uk_netdev_soft_* ops). */
struct uk_netdev_soft {
	struct uk_hwaddr hwaddr;
	uint16_t mtu;
	unsigned int promisc;
};

#define UK_NETDEV_MAXQ	CONFIG_LIBUKNETDEV_MAXNBQUEUES

/**
 * State the API core keeps per device (dev->_data). Drivers may read it;
 * only netdev.c writes it (and the driver's uk_netdev_soft_init()).
 */
struct uk_netdev_data {
	enum uk_netdev_state state;
	uint16_t id;
	const char *drv_name;
	struct uk_alloc *a;		/**< allocator of this struct */
	struct uk_netdev_conf conf;	/**< from uk_netdev_configure() */
	uint32_t rxq_ready;		/**< bit q: rx queue q set up */
	uint32_t txq_ready;		/**< bit q: tx queue q set up */
	/** counters bound by the driver (uk_netdev_[rt]xq_stats_bind) */
	struct uk_netdev_queue_stats *rxq_stats[UK_NETDEV_MAXQ];
	struct uk_netdev_queue_stats *txq_stats[UK_NETDEV_MAXQ];
	/** interrupt-mode callbacks of the rx queues */
	struct uk_netdev_event_handler rxq_handler[UK_NETDEV_MAXQ];
	struct uk_netdev_soft soft;	/**< for the uk_netdev_soft_* ops */
	struct uk_netdev *next;		/**< registration list */
};

UK_CTASSERT(CONFIG_LIBUKNETDEV_MAXNBQUEUES <= 32);

/**
 * Register a device. tx_burst, rx_burst, ops (with its mandatory ops)
 * must be set; dev->_data is valid once this returns. The device
 * starts UNPROBED if ops->probe is set, else UNCONFIGURED.
 * @param a allocator for the core's per-device state
 * @param drv_name driver name (kept as a pointer: a string literal)
 * @return the new device id (>= 0), -EINVAL for a NULL or incomplete
 *         device, -ENOMEM
 */
int uk_netdev_drv_register(struct uk_netdev *dev, struct uk_alloc *a,
			   const char *drv_name);

/**
 * Set the initial MAC and MTU of a registered device that uses the
 * uk_netdev_soft_* ops (promiscuous mode starts off).
 */
static inline void uk_netdev_soft_init(struct uk_netdev *dev,
				       const struct uk_hwaddr *hwaddr,
				       uint16_t mtu)
{
	dev->_data->soft.hwaddr = *hwaddr;
	dev->_data->soft.mtu = mtu;
	dev->_data->soft.promisc = 0;
}

/* Ops for software devices: the values live in dev->_data->soft. */
const struct uk_hwaddr *uk_netdev_soft_hwaddr_get(struct uk_netdev *dev);
int uk_netdev_soft_hwaddr_set(struct uk_netdev *dev,
			      const struct uk_hwaddr *hwaddr);
unsigned int uk_netdev_soft_promiscuous_get(struct uk_netdev *dev);
int uk_netdev_soft_promiscuous_set(struct uk_netdev *dev, unsigned int mode);
uint16_t uk_netdev_soft_mtu_get(struct uk_netdev *dev);
int uk_netdev_soft_mtu_set(struct uk_netdev *dev, uint16_t mtu);

/** Op that succeeds doing nothing (e.g. stop of a software device). */
int uk_netdev_drv_nop(struct uk_netdev *dev);

/**
 * Bind the counters of rx queue @p queue_id; call from rxq_configure.
 * uk_netdev_rxq_stats_get() reads them, uk_netdev_stats_reset() zeroes them.
 */
static inline void uk_netdev_rxq_stats_bind(struct uk_netdev *dev,
					    uint16_t queue_id,
					    struct uk_netdev_queue_stats *st)
{
	dev->_data->rxq_stats[queue_id] = st;
}

/** As uk_netdev_rxq_stats_bind(), for tx queue @p queue_id. */
static inline void uk_netdev_txq_stats_bind(struct uk_netdev *dev,
					    uint16_t queue_id,
					    struct uk_netdev_queue_stats *st)
{
	dev->_data->txq_stats[queue_id] = st;
}

/** Count @p pkts frames of @p bytes bytes in total (datapath). */
static inline void uk_netdev_queue_stats_add(struct uk_netdev_queue_stats *st,
					     uint64_t pkts, uint64_t bytes)
{
	st->packets += pkts;
	st->bytes += bytes;
}

/** Count @p n dropped frames (no buffer, no room). */
static inline void uk_netdev_queue_stats_drop(struct uk_netdev_queue_stats *st,
					      uint64_t n)
{
	st->drops += n;
}

/** Count @p n frames lost to errors. */
static inline void uk_netdev_queue_stats_error(struct uk_netdev_queue_stats *st,
					       uint64_t n)
{
	st->errors += n;
}

/**
 * Signal packets on rx queue @p queue_id (interrupt mode; call from the
 * interrupt handler with the queue's interrupt already disabled). Calls
 * the queue's callback if it has one.
 */
static inline void uk_netdev_drv_rx_event(struct uk_netdev *dev,
					  uint16_t queue_id)
{
	struct uk_netdev_event_handler *h = &dev->_data->rxq_handler[queue_id];

	if (h->callback)
		h->callback(dev, queue_id, h->cookie);
}

#endif /* __UK_NETDEV_DRIVER_H__ */
