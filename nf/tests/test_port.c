/* SPDX-License-Identifier: BSD-3-Clause */
/* nf_port_open() against the null device (CONFIG_LIBUKNETDEV_NULL). */
#include <errno.h>
#include <uk/netdev.h>
#include <uk/test.h>
#include <uk/nf/port.h>

UK_TESTCASE(nf_port, missing_device_and_bad_queues_fail_cleanly)
{
	struct nf_port port;
	struct nf_port_conf c = NF_PORT_CONF_DEFAULT(uk_netdev_count());
	enum uk_netdev_state st = uk_netdev_state_get(uk_netdev_get(0));

	UK_TEST_EXPECT_SNUM_EQ(nf_port_open(&port, &c), -ENODEV);
	c = NF_PORT_CONF_DEFAULT(0);
	c.nb_rxq = 1000;
	UK_TEST_EXPECT_SNUM_EQ(nf_port_open(&port, &c), -EINVAL);
	c.nb_rxq = 0;
	UK_TEST_EXPECT_SNUM_EQ(nf_port_open(&port, &c), -EINVAL);
	c = NF_PORT_CONF_DEFAULT(0);
	c.pool_size = 0;
	UK_TEST_EXPECT_SNUM_EQ(nf_port_open(&port, &c), -ENOMEM);
	/* None of the failures above touched the device. */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(uk_netdev_get(0)), st);
}

UK_TESTCASE(nf_port, open_receive_close)
{
	struct nf_port port;
	struct nf_port_conf c = NF_PORT_CONF_DEFAULT(0);
	struct uk_netbuf *pkts[8];
	unsigned int avail, i;
	uint16_t n = 8;
	int st;

	c.pool_size = 64;
	UK_TEST_ASSERT(nf_port_open(&port, &c) == 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(port.dev),
			       UK_NETDEV_RUNNING);
	UK_TEST_EXPECT_UNUM_GE(port.headroom, port.info.nb_encap_rx);
	UK_TEST_EXPECT_UNUM_GE(port.headroom, port.info.nb_encap_tx);
	avail = uk_netbuf_pool_availcount(port.pool);
	/* The null device fills receive bursts from the port's pool. */
	st = uk_netdev_rx_burst(port.dev, 0, pkts, &n);
	UK_TEST_EXPECT(uk_netdev_status_successful(st));
	UK_TEST_ASSERT(n == 8);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(port.pool),
			       avail - 8);
	for (i = 0; i < n; i++)
		uk_netbuf_free(pkts[i]);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(port.pool), avail);
	/* Every netbuf is back in the pool: closing must free it. */
	UK_TEST_EXPECT_SNUM_EQ(nf_port_close(&port), 0);
	UK_TEST_EXPECT_NULL(port.pool);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(port.dev),
			       UK_NETDEV_CONFIGURED);
}

uk_testsuite_register(nf_port, NULL);
