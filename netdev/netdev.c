/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev API core: device registry, state machine and argument checks.
 * Drivers only see calls that are valid in the device's current state;
 * the datapath (<uk/netdev.h>) needs no check beyond the queue id.
 */
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <uk/netdev_driver.h>
#include <uk/assert.h>
#include <uk/print.h>

/*
 * A burst on any queue reads one slot, which never straddles a cache line:
 * 16 bytes, 16-byte aligned (struct uk_netdev, and every struct embedding
 * it, is 16-aligned; uk_malloc() gives at least that).
 */
UK_CTASSERT(sizeof(struct _uk_netdev_txq_slot) == 16);
UK_CTASSERT(sizeof(struct _uk_netdev_rxq_slot) == 16);
UK_CTASSERT(__alignof__(struct uk_netdev) >= 16);
UK_CTASSERT(offsetof(struct uk_netdev, _txq) % 16 == 0);
UK_CTASSERT(offsetof(struct uk_netdev, _rxq) % 16 == 0);

static struct uk_netdev *netdev_head;
static struct uk_netdev **netdev_tail = &netdev_head;
static uint16_t netdev_count;

/* Errno of a burst the device cannot take: a queue id that is not
 * running on a running device, or any queue of a stopped device. */
static int netdev_burst_err(struct uk_netdev *dev)
{
	return dev->_data->state == UK_NETDEV_RUNNING ? -EINVAL : -ENETDOWN;
}

/* The slot function of a queue that is not running. */
static int netdev_tx_idle(struct uk_netdev *dev,
			  struct uk_netdev_tx_queue *queue __unused,
			  struct uk_netbuf *pkts[] __unused,
			  uint16_t *cnt __unused)
{
	return netdev_burst_err(dev);
}

static int netdev_rx_idle(struct uk_netdev *dev,
			  struct uk_netdev_rx_queue *queue __unused,
			  struct uk_netbuf *pkts[] __unused,
			  uint16_t *cnt __unused)
{
	return netdev_burst_err(dev);
}

/*
 * Open (@run) or close the datapath: queues below the configured counts
 * get the driver's burst functions, every other slot the idle stub.
 */
static void netdev_slots_set(struct uk_netdev *dev, bool run)
{
	const struct uk_netdev_conf *c = &dev->_data->conf;
	uint16_t q;

	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++) {
		dev->_txq[q].burst = run && q < c->nb_tx_queues ?
				     dev->tx_burst : netdev_tx_idle;
		dev->_rxq[q].burst = run && q < c->nb_rx_queues ?
				     dev->rx_burst : netdev_rx_idle;
	}
}

int uk_netdev_drv_register(struct uk_netdev *dev, struct uk_alloc *a,
			   const char *drv_name)
{
	const struct uk_netdev_ops *ops;
	struct uk_netdev_data *data;

	if (!dev || !a || !drv_name)
		return -EINVAL;
	ops = dev->ops;
	if (!ops || !dev->tx_burst || !dev->rx_burst || !ops->info_get ||
	    !ops->rxq_configure || !ops->txq_configure) {
		uk_pr_err("netdev: %s: driver lacks a mandatory op\n",
			  drv_name);
		return -EINVAL;
	}
	if (netdev_count == UINT16_MAX)
		return -ENOSPC;

	data = uk_calloc(a, 1, sizeof(*data));
	if (!data)
		return -ENOMEM;
	data->a = a;
	data->drv_name = drv_name;
	data->id = netdev_count;
	data->state = ops->probe ? UK_NETDEV_UNPROBED : UK_NETDEV_UNCONFIGURED;

	dev->_data = data;
	memset(dev->_txq, 0, sizeof(dev->_txq));
	memset(dev->_rxq, 0, sizeof(dev->_rxq));
	netdev_slots_set(dev, false);
	*netdev_tail = dev;
	netdev_tail = &data->next;
	netdev_count++;
	uk_pr_info("netdev%u: registered (%s)\n", data->id, drv_name);
	return data->id;
}

unsigned int uk_netdev_count(void)
{
	return netdev_count;
}

struct uk_netdev *uk_netdev_get(unsigned int id)
{
	struct uk_netdev *dev;

	for (dev = netdev_head; dev; dev = dev->_data->next)
		if (dev->_data->id == id)
			return dev;
	return NULL;
}

uint16_t uk_netdev_id_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev && dev->_data);
	return dev->_data->id;
}

const char *uk_netdev_drv_name_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev && dev->_data);
	return dev->_data->drv_name;
}

enum uk_netdev_state uk_netdev_state_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev && dev->_data);
	return dev->_data->state;
}

int uk_netdev_probe(struct uk_netdev *dev)
{
	int rc;

	UK_ASSERT(dev && dev->_data);
	if (dev->_data->state != UK_NETDEV_UNPROBED)
		return -EALREADY;
	rc = dev->ops->probe(dev);
	if (rc < 0) {
		uk_pr_err("netdev%u: probe failed: %d\n", dev->_data->id, rc);
		return rc;
	}
	dev->_data->state = UK_NETDEV_UNCONFIGURED;
	return 0;
}

void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info)
{
	UK_ASSERT(dev && info);
	memset(info, 0, sizeof(*info));
	dev->ops->info_get(dev, info);
	/* As upstream: no more queues than the API's tables hold. */
	info->max_rx_queues = MIN(info->max_rx_queues,
				  (uint16_t)CONFIG_LIBUKNETDEV_MAXNBQUEUES);
	info->max_tx_queues = MIN(info->max_tx_queues,
				  (uint16_t)CONFIG_LIBUKNETDEV_MAXNBQUEUES);
}

/* Descriptor limits of a queue, after the queue id check. */
static int netdev_queue_info(struct uk_netdev *dev, uint16_t queue_id,
			     struct uk_netdev_queue_info *qinfo, int tx)
{
	struct uk_netdev_info info;
	int (*get)(struct uk_netdev *, uint16_t,
		   struct uk_netdev_queue_info *);

	UK_ASSERT(dev && qinfo);
	uk_netdev_info_get(dev, &info);
	if (queue_id >= (tx ? info.max_tx_queues : info.max_rx_queues))
		return -EINVAL;
	get = tx ? dev->ops->txq_info_get : dev->ops->rxq_info_get;
	if (!get)
		return -ENOTSUP;
	memset(qinfo, 0, sizeof(*qinfo));
	return get(dev, queue_id, qinfo);
}

int uk_netdev_rxq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			   struct uk_netdev_queue_info *qinfo)
{
	return netdev_queue_info(dev, queue_id, qinfo, 0);
}

int uk_netdev_txq_info_get(struct uk_netdev *dev, uint16_t queue_id,
			   struct uk_netdev_queue_info *qinfo)
{
	return netdev_queue_info(dev, queue_id, qinfo, 1);
}

int uk_netdev_configure(struct uk_netdev *dev,
			const struct uk_netdev_conf *conf)
{
	struct uk_netdev_data *d;
	struct uk_netdev_info info;
	int rc;

	UK_ASSERT(dev && dev->_data && conf);
	d = dev->_data;
	/* Upstream: -EINVAL outside UNCONFIGURED (uknf probes first). */
	if (d->state == UK_NETDEV_CONFIGURED || d->state == UK_NETDEV_RUNNING)
		return -EINVAL;
	if (d->state == UK_NETDEV_UNPROBED) {
		rc = uk_netdev_probe(dev);
		if (rc < 0)
			return rc;
	}

	uk_netdev_info_get(dev, &info);	/* counts within MAXNBQUEUES */
	if (conf->nb_rx_queues > info.max_rx_queues ||
	    conf->nb_tx_queues > info.max_tx_queues ||
	    (!conf->nb_rx_queues && !conf->nb_tx_queues)) {
		uk_pr_err("netdev%u: cannot configure %u rx and %u tx queues (max %u, %u)\n",
			  d->id, conf->nb_rx_queues, conf->nb_tx_queues,
			  info.max_rx_queues, info.max_tx_queues);
		return -EINVAL;
	}

	rc = dev->ops->configure ? dev->ops->configure(dev, conf) : 0;
	if (rc < 0) {
		uk_pr_err("netdev%u: configure failed: %d\n", d->id, rc);
		return rc;
	}
	d->conf = *conf;
	d->rxq_ready = 0;
	d->txq_ready = 0;
	d->state = UK_NETDEV_CONFIGURED;
	uk_pr_info("netdev%u: configured with %u rx and %u tx queues\n",
		   d->id, conf->nb_rx_queues, conf->nb_tx_queues);
	return 0;
}

/*
 * Checks shared by rxq_configure and txq_configure, with upstream's codes:
 * the device CONFIGURED (-EINVAL otherwise, running included), the queue
 * id against the configured count (-EINVAL), the queue not yet set up
 * (-EBUSY), and nb_desc against the driver's limits (-EINVAL).
 */
static int netdev_queue_check(struct uk_netdev *dev, uint16_t queue_id,
			      uint16_t nb_desc, int tx)
{
	struct uk_netdev_data *d = dev->_data;
	struct uk_netdev_queue_info qinfo;
	uint16_t nb_queues;
	uint32_t ready;
	int rc;

	if (d->state != UK_NETDEV_CONFIGURED)
		return -EINVAL;
	nb_queues = tx ? d->conf.nb_tx_queues : d->conf.nb_rx_queues;
	ready = tx ? d->txq_ready : d->rxq_ready;
	if (queue_id >= nb_queues)
		return -EINVAL;
	if (ready & (1U << queue_id))
		return -EBUSY;
	if (nb_desc == 0)
		return 0;

	rc = netdev_queue_info(dev, queue_id, &qinfo, tx);
	if (rc == -ENOTSUP)
		return 0;	/* the driver checks by itself */
	if (rc < 0)
		return rc;
	if (nb_desc < qinfo.nb_min || nb_desc > qinfo.nb_max ||
	    (qinfo.nb_align && nb_desc % qinfo.nb_align) ||
	    (qinfo.nb_is_power_of_two && !IS_POW2(nb_desc))) {
		uk_pr_err("netdev%u: %cx queue %u: %u descriptors not in %u..%u (align %u%s)\n",
			  d->id, tx ? 't' : 'r', queue_id, nb_desc,
			  qinfo.nb_min, qinfo.nb_max, qinfo.nb_align,
			  qinfo.nb_is_power_of_two ? ", power of two" : "");
		return -EINVAL;
	}
	return 0;
}

int uk_netdev_rxq_configure(struct uk_netdev *dev, uint16_t queue_id,
			    uint16_t nb_desc,
			    struct uk_netdev_rxqueue_conf *conf)
{
	struct uk_netdev_data *d;
	struct uk_netdev_info info;
	struct uk_netdev_rx_queue *q;
	int rc;

	UK_ASSERT(dev && dev->_data && conf);
	d = dev->_data;
	rc = netdev_queue_check(dev, queue_id, nb_desc, 0);
	if (rc < 0)
		return rc;
	if (!conf->a || !conf->alloc_rxpkts)
		return -EINVAL;
	if (conf->callback) {
		uk_netdev_info_get(dev, &info);
		if (!(info.features & UK_NETDEV_F_RXQ_INTR))
			return -EINVAL;
	}

	d->rxq_stats[queue_id] = NULL;
	q = dev->ops->rxq_configure(dev, queue_id, nb_desc, conf);
	if (PTRISERR(q) || !q) {
		rc = q ? PTR2ERR(q) : -ENOMEM;
		uk_pr_err("netdev%u: rx queue %u: configure failed: %d\n",
			  d->id, queue_id, rc);
		return rc;
	}
	dev->_rxq[queue_id].queue = q;
	d->rxq_handler[queue_id].callback = conf->callback;
	d->rxq_handler[queue_id].cookie = conf->callback_cookie;
	d->rxq_ready |= 1U << queue_id;
	return 0;
}

int uk_netdev_txq_configure(struct uk_netdev *dev, uint16_t queue_id,
			    uint16_t nb_desc,
			    struct uk_netdev_txqueue_conf *conf)
{
	struct uk_netdev_data *d;
	struct uk_netdev_tx_queue *q;
	int rc;

	UK_ASSERT(dev && dev->_data && conf);
	d = dev->_data;
	rc = netdev_queue_check(dev, queue_id, nb_desc, 1);
	if (rc < 0)
		return rc;
	if (!conf->a)
		return -EINVAL;

	d->txq_stats[queue_id] = NULL;
	q = dev->ops->txq_configure(dev, queue_id, nb_desc, conf);
	if (PTRISERR(q) || !q) {
		rc = q ? PTR2ERR(q) : -ENOMEM;
		uk_pr_err("netdev%u: tx queue %u: configure failed: %d\n",
			  d->id, queue_id, rc);
		return rc;
	}
	dev->_txq[queue_id].queue = q;
	d->txq_ready |= 1U << queue_id;
	return 0;
}

/* Bit mask of queues 0 .. n-1. */
static inline uint32_t queue_mask(uint16_t n)
{
	return n >= 32 ? ~0U : (1U << n) - 1;
}

int uk_netdev_start(struct uk_netdev *dev)
{
	struct uk_netdev_data *d;
	int rc;

	UK_ASSERT(dev && dev->_data);
	d = dev->_data;
	if (d->state != UK_NETDEV_CONFIGURED)	/* running too, as upstream */
		return -EINVAL;
	if (d->rxq_ready != queue_mask(d->conf.nb_rx_queues) ||
	    d->txq_ready != queue_mask(d->conf.nb_tx_queues)) {
		uk_pr_err("netdev%u: start: not every queue is configured\n",
			  d->id);
		return -EINVAL;
	}

	rc = dev->ops->start ? dev->ops->start(dev) : 0;
	if (rc < 0) {
		uk_pr_err("netdev%u: start failed: %d\n", d->id, rc);
		return rc;
	}
	d->state = UK_NETDEV_RUNNING;
	netdev_slots_set(dev, true);
	uk_pr_info("netdev%u: running\n", d->id);
	return 0;
}

int uk_netdev_stop(struct uk_netdev *dev)
{
	struct uk_netdev_data *d;
	int rc;

	UK_ASSERT(dev && dev->_data);
	d = dev->_data;
	if (d->state != UK_NETDEV_RUNNING)
		return -EINVAL;
	if (!dev->ops->stop)
		return -ENOTSUP;

	/* Close the datapath first: no burst reaches the driver after. */
	netdev_slots_set(dev, false);
	rc = dev->ops->stop(dev);
	if (rc < 0) {
		netdev_slots_set(dev, true);
		return rc;
	}
	d->state = UK_NETDEV_CONFIGURED;
	return 0;
}

int _uk_netdev_txq_err(struct uk_netdev *dev, uint16_t queue_id __unused)
{
	return netdev_burst_err(dev);
}

int _uk_netdev_rxq_err(struct uk_netdev *dev, uint16_t queue_id __unused)
{
	return netdev_burst_err(dev);
}

const struct uk_hwaddr *uk_netdev_hwaddr_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev);
	return dev->ops->hwaddr_get ? dev->ops->hwaddr_get(dev) : NULL;
}

int uk_netdev_hwaddr_set(struct uk_netdev *dev,
			 const struct uk_hwaddr *hwaddr)
{
	UK_ASSERT(dev && hwaddr);
	return dev->ops->hwaddr_set ? dev->ops->hwaddr_set(dev, hwaddr)
				    : -ENOTSUP;
}

unsigned int uk_netdev_promiscuous_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev);
	return dev->ops->promiscuous_get ? dev->ops->promiscuous_get(dev) : 0;
}

int uk_netdev_promiscuous_set(struct uk_netdev *dev, unsigned int mode)
{
	UK_ASSERT(dev);
	if (!dev->ops->promiscuous_set)
		return -ENOTSUP;
	return dev->ops->promiscuous_set(dev, mode ? 1 : 0);
}

uint16_t uk_netdev_mtu_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev);
	return dev->ops->mtu_get ? dev->ops->mtu_get(dev) : 1500;
}

int uk_netdev_mtu_set(struct uk_netdev *dev, uint16_t mtu)
{
	struct uk_netdev_info info;

	UK_ASSERT(dev);
	if (!dev->ops->mtu_set)
		return -ENOTSUP;
	uk_netdev_info_get(dev, &info);
	if (mtu > info.max_mtu || mtu < 68)	/* RFC 791 minimum */
		return -EINVAL;
	return dev->ops->mtu_set(dev, mtu);
}

int uk_netdev_link_get(struct uk_netdev *dev)
{
	UK_ASSERT(dev);
	return dev->ops->link_get ? dev->ops->link_get(dev) : -ENOTSUP;
}

/* A running rx queue with an interrupt callback, or a negative errno. */
static int netdev_intr_check(struct uk_netdev *dev, uint16_t queue_id)
{
	UK_ASSERT(dev && dev->_data);
	if (dev->_data->state != UK_NETDEV_RUNNING ||
	    queue_id >= dev->_data->conf.nb_rx_queues)
		return -EINVAL;
	if (!dev->_data->rxq_handler[queue_id].callback)
		return -ENOTSUP;
	return 0;
}

int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t queue_id)
{
	int rc = netdev_intr_check(dev, queue_id);

	if (rc < 0)
		return rc;
	if (!dev->ops->rxq_intr_enable)
		return -ENOTSUP;
	return dev->ops->rxq_intr_enable(dev, dev->_rxq[queue_id].queue);
}

int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t queue_id)
{
	int rc = netdev_intr_check(dev, queue_id);

	if (rc < 0)
		return rc;
	if (!dev->ops->rxq_intr_disable)
		return -ENOTSUP;
	return dev->ops->rxq_intr_disable(dev, dev->_rxq[queue_id].queue);
}

static int netdev_stats_copy(struct uk_netdev_queue_stats *src,
			     struct uk_netdev_queue_stats *dst)
{
	UK_ASSERT(dst);
	if (!src)
		return -ENOTSUP;
	*dst = *src;
	return 0;
}

int uk_netdev_rxq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *stats)
{
	UK_ASSERT(dev && dev->_data);
	if (queue_id >= CONFIG_LIBUKNETDEV_MAXNBQUEUES ||
	    !(dev->_data->rxq_ready & (1U << queue_id)))
		return -EINVAL;
	return netdev_stats_copy(dev->_data->rxq_stats[queue_id], stats);
}

int uk_netdev_txq_stats_get(struct uk_netdev *dev, uint16_t queue_id,
			    struct uk_netdev_queue_stats *stats)
{
	UK_ASSERT(dev && dev->_data);
	if (queue_id >= CONFIG_LIBUKNETDEV_MAXNBQUEUES ||
	    !(dev->_data->txq_ready & (1U << queue_id)))
		return -EINVAL;
	return netdev_stats_copy(dev->_data->txq_stats[queue_id], stats);
}

void uk_netdev_stats_reset(struct uk_netdev *dev)
{
	struct uk_netdev_data *d;
	unsigned int q;

	UK_ASSERT(dev && dev->_data);
	d = dev->_data;
	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++) {
		if (d->rxq_stats[q])
			memset(d->rxq_stats[q], 0, sizeof(*d->rxq_stats[q]));
		if (d->txq_stats[q])
			memset(d->txq_stats[q], 0, sizeof(*d->txq_stats[q]));
	}
}

int uk_netdev_drv_nop(struct uk_netdev *dev __unused)
{
	return 0;
}

const struct uk_hwaddr *uk_netdev_soft_hwaddr_get(struct uk_netdev *dev)
{
	return &dev->_data->soft.hwaddr;
}

int uk_netdev_soft_hwaddr_set(struct uk_netdev *dev,
			      const struct uk_hwaddr *hwaddr)
{
	dev->_data->soft.hwaddr = *hwaddr;
	return 0;
}

unsigned int uk_netdev_soft_promiscuous_get(struct uk_netdev *dev)
{
	return dev->_data->soft.promisc;
}

int uk_netdev_soft_promiscuous_set(struct uk_netdev *dev, unsigned int mode)
{
	dev->_data->soft.promisc = mode;
	return 0;
}

uint16_t uk_netdev_soft_mtu_get(struct uk_netdev *dev)
{
	return dev->_data->soft.mtu;
}

int uk_netdev_soft_mtu_set(struct uk_netdev *dev, uint16_t mtu)
{
	dev->_data->soft.mtu = mtu;
	return 0;
}
