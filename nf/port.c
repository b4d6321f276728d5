/* SPDX-License-Identifier: BSD-3-Clause */
/* Device bring-up for NF apps; see <uk/nf/port.h>. */
#include <errno.h>
#include <stdio.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <uk/nf/port.h>

int nf_port_open(struct nf_port *port, const struct nf_port_conf *c)
{
	struct uk_netdev_conf dconf = { .nb_rx_queues = c->nb_rxq,
					.nb_tx_queues = c->nb_txq };
	struct uk_netdev_rxqueue_conf rxconf = { 0 };
	struct uk_netdev_txqueue_conf txconf = { 0 };
	struct uk_alloc *a = uk_alloc_get_default();
	const struct uk_hwaddr *mac;
	const char *what;
	uint16_t q;
	int rc;

	if (c->id >= uk_netdev_count()) {
		printf("port%u: no such network device (%u found; is the "
		       "driver enabled and the NIC attached?)\n", c->id,
		       uk_netdev_count());
		return -ENODEV;
	}
	port->dev = uk_netdev_get(c->id);
	port->id = c->id;
	uk_netdev_info_get(port->dev, &port->info);
	if (!c->nb_rxq || c->nb_rxq > port->info.max_rx_queues ||
	    !c->nb_txq || c->nb_txq > port->info.max_tx_queues) {
		printf("port%u: %u rx / %u tx queues asked, the device has "
		       "1..%u / 1..%u\n", c->id, c->nb_rxq, c->nb_txq,
		       port->info.max_rx_queues, port->info.max_tx_queues);
		return -EINVAL;
	}
	/* One pool serves both directions, so its headroom fits both. */
	port->headroom = MAX(port->info.nb_encap_rx, port->info.nb_encap_tx);
	port->pool = uk_netbuf_pool_create(a, c->pool_size, c->buflen,
					   port->info.ioalign,
					   port->headroom, 0);
	if (!port->pool) {
		printf("port%u: no memory for %u netbufs of %u bytes\n",
		       c->id, c->pool_size, c->buflen);
		return -ENOMEM;
	}
	what = "configure";
	rc = uk_netdev_configure(port->dev, &dconf);
	if (rc < 0)
		goto err_pool;
	rxconf.a = a;
	rxconf.alloc_rxpkts = uk_netbuf_pool_alloc_rxpkts;
	rxconf.alloc_rxpkts_argp = port->pool;
	what = "rx queue set-up";
	for (q = 0; q < c->nb_rxq; q++) {
		rc = uk_netdev_rxq_configure(port->dev, q, c->rx_desc,
					     &rxconf);
		if (rc < 0)
			goto err_pool;
	}
	txconf.a = a;
	what = "tx queue set-up";
	for (q = 0; q < c->nb_txq; q++) {
		rc = uk_netdev_txq_configure(port->dev, q, c->tx_desc,
					     &txconf);
		if (rc < 0)
			goto err_pool;
	}
	what = "start";
	rc = uk_netdev_start(port->dev);
	if (rc < 0)
		goto err_pool;
	if (c->promisc)
		uk_netdev_promiscuous_set(port->dev, 1);
	mac = uk_netdev_hwaddr_get(port->dev);
	if (mac)
		port->mac = *mac;
	return 0;

err_pool:
	printf("port%u: %s failed: %d\n", c->id, what, rc);
	/* Buffers a driver already put in its rings stay with it, so the
	 * pool may have to stay too (destroy refuses while any is out). */
	if (uk_netbuf_pool_destroy(port->pool) == 0)
		port->pool = NULL;
	return rc;
}

int nf_port_close(struct nf_port *port)
{
	int rc;

	uk_netdev_stop(port->dev);
	rc = uk_netbuf_pool_destroy(port->pool);
	if (rc == 0)
		port->pool = NULL;
	return rc;
}

void nf_port_print(const struct nf_port *port)
{
	const uint8_t *m = port->mac.addr_bytes;

	printf("port%u: %s mac=%02x:%02x:%02x:%02x:%02x:%02x mtu=%u "
	       "ioalign=%u encap_tx=%u encap_rx=%u\n", port->id,
	       uk_netdev_drv_name_get(port->dev), m[0], m[1], m[2], m[3],
	       m[4], m[5], uk_netdev_mtu_get(port->dev), port->info.ioalign,
	       port->info.nb_encap_tx, port->info.nb_encap_rx);
}
