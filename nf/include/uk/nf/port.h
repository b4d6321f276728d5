/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bring a network device up the way every NF does: configure its queues,
 * give its receive queues a netbuf pool, start it. One call instead of the
 * tutorial's ten, with a clear message for each way it can fail.
 *
 *   struct nf_port port;
 *   struct nf_port_conf conf = NF_PORT_CONF_DEFAULT(0);
 *
 *   if (nf_port_open(&port, &conf) < 0)
 *           return 1;
 *   ... uk_netdev_rx_burst(port.dev, 0, pkts, &n) ...
 *   nf_port_close(&port);
 */
#ifndef __UK_NF_PORT_H__
#define __UK_NF_PORT_H__

#include <stdbool.h>
#include <stdint.h>
#include <uk/netdev.h>
#include <uk/netbuf_pool.h>

struct nf_port_conf {
	unsigned int id;	/**< netdev number */
	uint16_t nb_rxq;	/**< receive queues (at least 1) */
	uint16_t nb_txq;	/**< transmit queues (at least 1) */
	uint16_t rx_desc;	/**< ring sizes, 0: the driver's choice */
	uint16_t tx_desc;
	uint32_t pool_size;	/**< netbufs in the port's pool */
	uint16_t buflen;	/**< buffer bytes per netbuf */
	bool promisc;		/**< receive every frame */
};

#define NF_PORT_CONF_DEFAULT(devid)					\
	((struct nf_port_conf){ .id = (devid), .nb_rxq = 1, .nb_txq = 1, \
				.pool_size = 4096, .buflen = 2048 })

struct nf_port {
	struct uk_netdev *dev;
	uint16_t id;
	struct uk_netdev_info info;
	struct uk_hwaddr mac;
	/** Netbufs for receive refills and for generated frames: data
	 * starts after enough headroom for both directions. */
	struct uk_netbuf_pool *pool;
	uint16_t headroom;
};

/**
 * Configure, set up the queues of and start netdev @p conf->id.
 * @return 0, or a negative errno after printing what failed (no such
 *         device, too many queues, no memory for the pool, driver error);
 *         nothing stays allocated on failure
 */
int nf_port_open(struct nf_port *port, const struct nf_port_conf *conf);

/**
 * Stop the device and free the pool.
 * @return 0, or -EBUSY when netbufs of the pool are still out (the pool
 *         is then kept: freeing it would pull memory from under them)
 */
int nf_port_close(struct nf_port *port);

/**
 * Send @p pkts[0..n) on queue @p queue of @p dev in one burst; the frames
 * the driver does not take (ring full) are freed, so the caller owns none
 * of them afterwards: forwarders count them as drops.
 * @return how many were sent, or the burst's negative errno (then all
 *         @p n were freed)
 */
static inline int nf_tx_or_free(struct uk_netdev *dev, uint16_t queue,
				struct uk_netbuf *pkts[], uint16_t n)
{
	uint16_t sent = n;
	int st = uk_netdev_tx_burst(dev, queue, pkts, &sent);

	if (unlikely(st < 0))
		sent = 0;
	if (unlikely(sent < n))
		uk_netbuf_free_batch(pkts + sent, n - sent);
	return st < 0 ? st : sent;
}

/** Print "port<N>: <driver> mac=.. mtu=.. rxq=.. txq=.." */
void nf_port_print(const struct nf_port *port);

#endif /* __UK_NF_PORT_H__ */
