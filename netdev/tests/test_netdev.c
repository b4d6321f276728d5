/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev API tests with the null device: registry, state machine, bad
 * calls (every call with a wrong state or queue id returns a negative
 * errno), settings, bursts, statistics, and no leaks (allocator and
 * netbuf pool back to their starting level).
 */
#include <string.h>
#include <errno.h>
#include <uk/netdev_driver.h>
#include <uk/netbuf.h>
#include <uk/test.h>
#include <uk/netdev_null.h>
#if CONFIG_LIBUKALLOCPOOL
#include <uk/netbuf_pool.h>
#endif

#define BURST	32

/* alloc_rxpkts from the default allocator; argp, if set, points at a
 * budget of buffers that it decrements. */
static uint16_t test_alloc_rxpkts(void *argp, struct uk_netbuf *pkts[],
				  uint16_t count)
{
	unsigned int *budget = argp;
	uint16_t i;

	for (i = 0; i < count; i++) {
		if (budget && !*budget)
			break;
		pkts[i] = uk_netbuf_alloc_buf(uk_alloc_get_default(), 2048, 0,
					      0, 0, NULL);
		if (!pkts[i])
			break;
		if (budget)
			(*budget)--;
	}
	return i;
}

static struct uk_netdev *new_null(void)
{
	int id = netdev_null_add(uk_alloc_get_default());

	return id < 0 ? NULL : uk_netdev_get(id);
}

/* Configure one rx and one tx queue and start. @return 0 or errno */
static int bring_up(struct uk_netdev *dev, uk_netdev_alloc_rxpkts alloc,
		    void *argp)
{
	struct uk_netdev_conf conf = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = alloc,
		.alloc_rxpkts_argp = argp,
	};
	struct uk_netdev_txqueue_conf txc = { .a = uk_alloc_get_default() };
	int rc;

	rc = uk_netdev_configure(dev, &conf);
	if (!rc)
		rc = uk_netdev_rxq_configure(dev, 0, 0, &rxc);
	if (!rc)
		rc = uk_netdev_txq_configure(dev, 0, 0, &txc);
	if (!rc)
		rc = uk_netdev_start(dev);
	return rc;
}

/* Non-zero if @p f is the null device's frame: IPv4/UDP to its MAC with
 * a valid IPv4 header checksum (RFC 1071: the sum over the header is
 * 0xffff). */
static int frame_ok(struct uk_netdev *dev, const struct uk_netbuf *nb)
{
	const uint8_t *f = nb->data, *ip = f + 14;
	uint32_t sum = 0;
	int i;

	if (nb->len != NETDEV_NULL_SIZE_MIN)
		return 0;
	if (memcmp(f, uk_netdev_hwaddr_get(dev)->addr_bytes, 6))
		return 0;
	if (f[12] != 0x08 || f[13] != 0x00 || ip[0] != 0x45 || ip[9] != 17)
		return 0;
	if (ip[12] != 198 || (ip[13] & 0xfe) != 18 || ip[16] != 198 ||
	    (ip[17] & 0xfe) != 18)
		return 0;
	for (i = 0; i < 20; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

UK_TESTCASE(uknetdev, registry)
{
	struct uk_netdev *dev = new_null();
	unsigned int n;

	UK_TEST_ASSERT(dev != NULL);
	n = uk_netdev_count();
	UK_TEST_EXPECT_UNUM_GE(n, 1);
	UK_TEST_EXPECT_PTR_EQ(uk_netdev_get(uk_netdev_id_get(dev)), dev);
	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_id_get(dev), n - 1);
	UK_TEST_EXPECT_NULL(uk_netdev_get(n));
	UK_TEST_EXPECT_NULL(uk_netdev_get(~0U));
	UK_TEST_EXPECT(!strcmp(uk_netdev_drv_name_get(dev),
			       NETDEV_NULL_DRV_NAME));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev),
			       UK_NETDEV_UNCONFIGURED);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_probe(dev), -EALREADY);
}

UK_TESTCASE(uknetdev, drv_register_rejects_incomplete)
{
	static const struct uk_netdev_ops empty_ops;
	struct uk_netdev dev;
	unsigned int n = uk_netdev_count();

	memset(&dev, 0, sizeof(dev));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_drv_register(&dev,
			uk_alloc_get_default(), "bad"), -EINVAL);
	dev.ops = &empty_ops;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_drv_register(&dev,
			uk_alloc_get_default(), "bad"), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_drv_register(NULL,
			uk_alloc_get_default(), "bad"), -EINVAL);
	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_count(), n);
}

UK_TESTCASE(uknetdev, info_and_settings)
{
	struct uk_netdev *dev = new_null(), *dev2 = new_null();
	struct uk_netdev_info info;
	struct uk_netdev_queue_info qi;
	struct uk_hwaddr mac = { { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee } };
	const struct uk_hwaddr *hw;

	UK_TEST_ASSERT(dev && dev2);
	uk_netdev_info_get(dev, &info);
	UK_TEST_EXPECT_UNUM_GE(info.max_rx_queues, 1);
	UK_TEST_EXPECT_UNUM_GE(info.max_tx_queues, 1);
	UK_TEST_EXPECT_UNUM_GE(info.max_mtu, 1500);
	UK_TEST_EXPECT(IS_POW2(info.ioalign));
	UK_TEST_EXPECT(info.features & UK_NETDEV_F_TX_REF_SAFE);

	UK_TEST_EXPECT_ZERO(uk_netdev_rxq_info_get(dev, 0, &qi));
	UK_TEST_EXPECT_UNUM_LE(qi.nb_min, qi.nb_max);
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_info_get(dev, 0, &qi));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_info_get(dev,
			info.max_rx_queues, &qi), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_info_get(dev, 0xffff, &qi),
			       -EINVAL);

	hw = uk_netdev_hwaddr_get(dev);
	UK_TEST_ASSERT(hw != NULL);
	UK_TEST_EXPECT_UNUM_EQ(hw->addr_bytes[0], 0x02);
	UK_TEST_EXPECT(memcmp(hw, uk_netdev_hwaddr_get(dev2),
			      sizeof(*hw)) != 0);
	UK_TEST_EXPECT_ZERO(uk_netdev_hwaddr_set(dev, &mac));
	UK_TEST_EXPECT_BYTES_EQ(uk_netdev_hwaddr_get(dev), &mac, sizeof(mac));

	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_mtu_get(dev), 1500);
	UK_TEST_EXPECT_ZERO(uk_netdev_mtu_set(dev, 1400));
	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_mtu_get(dev), 1400);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_mtu_set(dev, info.max_mtu + 1),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_mtu_set(dev, 10), -EINVAL);
	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_mtu_get(dev), 1400);

	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_promiscuous_get(dev), 0);
	UK_TEST_EXPECT_ZERO(uk_netdev_promiscuous_set(dev, 1));
	UK_TEST_EXPECT_UNUM_EQ(uk_netdev_promiscuous_get(dev), 1);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_link_get(dev), 1);
}

UK_TESTCASE(uknetdev, state_machine_and_bad_calls)
{
	struct uk_netdev *dev = new_null();
	struct uk_netdev_conf conf = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_conf bad = { 0 };
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = test_alloc_rxpkts,
	};
	struct uk_netdev_txqueue_conf txc = { .a = uk_alloc_get_default() };
	struct uk_netdev_queue_stats st;
	struct uk_netbuf *pkts[1] = { NULL };
	uint16_t cnt = 1;
	int st2;

	UK_TEST_ASSERT(dev != NULL);

	/* UNCONFIGURED: only configure works */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_start(dev), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_stop(dev), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 0, &rxc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_configure(dev, 0, 0, &txc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(dev, 0, pkts, &cnt),
			       -ENETDOWN);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_burst(dev, 0, pkts, &cnt),
			       -ENETDOWN);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_one(dev, 0, &pkts[0]), -ENETDOWN);
	UK_TEST_EXPECT_NULL(pkts[0]);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_stats_get(dev, 0, &st), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_intr_enable(dev, 0), -EINVAL);

	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_configure(dev, &bad), -EINVAL);
	bad.nb_rx_queues = CONFIG_LIBUKNETDEV_MAXNBQUEUES + 1;
	bad.nb_tx_queues = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_configure(dev, &bad), -EINVAL);
	bad.nb_rx_queues = 1;
	bad.nb_tx_queues = 0xffff;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_configure(dev, &bad), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev),
			       UK_NETDEV_UNCONFIGURED);

	/* CONFIGURED */
	UK_TEST_ASSERT(uk_netdev_configure(dev, &conf) == 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_CONFIGURED);
	/* upstream's codes: -EINVAL outside the state a call belongs to */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_configure(dev, &conf), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_start(dev), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_one(dev, 0, NULL), -ENETDOWN);

	/* queue ids and descriptor counts */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 1, 0, &rxc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0xffff, 0, &rxc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_configure(dev, 1, 0, &txc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 8, &rxc),
			       -EINVAL);	/* below nb_min */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 8192, &rxc),
			       -EINVAL);	/* above nb_max */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_configure(dev, 0, 100, &txc),
			       -EINVAL);	/* not a power of two */
	rxc.alloc_rxpkts = NULL;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 0, &rxc),
			       -EINVAL);
	rxc.alloc_rxpkts = test_alloc_rxpkts;
	rxc.callback = (uk_netdev_queue_event_t)1;	/* no RXQ_INTR */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 0, &rxc),
			       -EINVAL);
	rxc.callback = NULL;
	txc.a = NULL;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_configure(dev, 0, 0, &txc),
			       -EINVAL);
	txc.a = uk_alloc_get_default();

	UK_TEST_EXPECT_ZERO(uk_netdev_rxq_configure(dev, 0, 0, &rxc));
	/* upstream: a queue set up twice is -EBUSY */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 0, &rxc),
			       -EBUSY);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_start(dev), -EINVAL); /* no txq */
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_configure(dev, 0, 512, &txc));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_stats_get(dev, 1, &st), -EINVAL);

	/* RUNNING */
	UK_TEST_ASSERT(uk_netdev_start(dev) == 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_RUNNING);
	/* upstream: start, configure and queue set-up are -EINVAL while
	 * running */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_start(dev), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_configure(dev, &conf), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_configure(dev, 0, 0, &rxc),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_configure(dev, 0, 0, &txc),
			       -EINVAL);
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(dev, 1, pkts, &cnt),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_burst(dev, 7, pkts, &cnt),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_one(dev, 0xffff, NULL), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_one(dev, 0xffff, &pkts[0]),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_intr_enable(dev, 0), -ENOTSUP);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_intr_disable(dev, 3), -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_stats_get(dev, 0xffff, &st),
			       -EINVAL);
	UK_TEST_EXPECT_ZERO(uk_netdev_rxq_stats_get(dev, 0, &st));

	/* a burst of nothing is fine; MORE without SUCCESS is no "more" */
	cnt = 0;
	st2 = uk_netdev_tx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT(uk_netdev_status_notready(st2));
	UK_TEST_EXPECT(!uk_netdev_status_more(st2));
	UK_TEST_EXPECT(uk_netdev_status_notready(
			uk_netdev_rx_burst(dev, 0, pkts, &cnt)));
	UK_TEST_EXPECT_UNUM_EQ(cnt, 0);

	/* stop and start again */
	UK_TEST_EXPECT_ZERO(uk_netdev_stop(dev));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_CONFIGURED);
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(dev, 0, pkts, &cnt),
			       -ENETDOWN);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_stop(dev), -EINVAL);
	UK_TEST_EXPECT_ZERO(uk_netdev_start(dev));
	UK_TEST_EXPECT_ZERO(uk_netdev_stop(dev));
}

UK_TESTCASE(uknetdev, multiqueue_counters_are_per_queue)
{
	struct uk_netdev *dev = new_null();
	struct uk_netdev_conf conf = { .nb_rx_queues = 4, .nb_tx_queues = 2 };
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = test_alloc_rxpkts,
	};
	struct uk_netdev_txqueue_conf txc = { .a = uk_alloc_get_default() };
	struct uk_netdev_queue_stats st;
	struct uk_netbuf *pkts[BURST];
	uint16_t q, cnt;

	UK_TEST_ASSERT(dev != NULL);
	UK_TEST_ASSERT(uk_netdev_configure(dev, &conf) == 0);
	for (q = 0; q < 4; q++)
		UK_TEST_EXPECT_ZERO(uk_netdev_rxq_configure(dev, q, 0, &rxc));
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_configure(dev, 0, 0, &txc));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_start(dev), -EINVAL); /* txq 1 */
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_configure(dev, 1, 0, &txc));
	UK_TEST_ASSERT(uk_netdev_start(dev) == 0);

	/* rx queue q gets q + 1 frames, all sent on tx queue 1 */
	for (q = 0; q < 4; q++) {
		cnt = q + 1;
		uk_netdev_rx_burst(dev, q, pkts, &cnt);
		UK_TEST_EXPECT_UNUM_EQ(cnt, q + 1);
		uk_netdev_tx_burst(dev, 1, pkts, &cnt);
	}
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_burst(dev, 4, pkts, &cnt),
			       -EINVAL);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(dev, 2, pkts, &cnt),
			       -EINVAL);
	for (q = 0; q < 4; q++) {
		UK_TEST_EXPECT_ZERO(uk_netdev_rxq_stats_get(dev, q, &st));
		UK_TEST_EXPECT_UNUM_EQ(st.packets, q + 1);
	}
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_stats_get(dev, 0, &st));
	UK_TEST_EXPECT_UNUM_EQ(st.packets, 0);
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_stats_get(dev, 1, &st));
	UK_TEST_EXPECT_UNUM_EQ(st.packets, 1 + 2 + 3 + 4);
	UK_TEST_EXPECT_UNUM_EQ(st.bytes, (1 + 2 + 3 + 4) * 60);
}

UK_TESTCASE(uknetdev, status_helpers)
{
	UK_TEST_EXPECT(uk_netdev_status_successful(UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(uk_netdev_status_successful(UK_NETDEV_STATUS_SUCCESS |
						   UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(!uk_netdev_status_successful(0));
	UK_TEST_EXPECT(!uk_netdev_status_successful(-EINVAL));
	UK_TEST_EXPECT(uk_netdev_status_notready(0));
	UK_TEST_EXPECT(uk_netdev_status_notready(UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(!uk_netdev_status_notready(-ENETDOWN));
	UK_TEST_EXPECT(!uk_netdev_status_notready(UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(uk_netdev_status_more(UK_NETDEV_STATUS_SUCCESS |
					     UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(uk_netdev_status_more(UK_NETDEV_STATUS_SUCCESS |
					     UK_NETDEV_STATUS_MORE |
					     UK_NETDEV_STATUS_UNDERRUN));
	/* upstream: MORE counts only together with SUCCESS */
	UK_TEST_EXPECT(!uk_netdev_status_more(UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(!uk_netdev_status_more(UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(!uk_netdev_status_more(-1));
	UK_TEST_EXPECT(!uk_netdev_status_more(-EINVAL));
	/* upstream's public forms of the tests */
	UK_TEST_EXPECT(uk_netdev_status_test_set(UK_NETDEV_STATUS_SUCCESS |
						 UK_NETDEV_STATUS_MORE,
						 UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(!uk_netdev_status_test_set(UK_NETDEV_STATUS_SUCCESS,
						  UK_NETDEV_STATUS_MORE));
	UK_TEST_EXPECT(!uk_netdev_status_test_set(-ENOMEM,
						  UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(uk_netdev_status_test_unset(UK_NETDEV_STATUS_MORE,
						   UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(!uk_netdev_status_test_unset(-ENOMEM,
						    UK_NETDEV_STATUS_SUCCESS));
	UK_TEST_EXPECT(uk_netdev_status_underrun(UK_NETDEV_STATUS_UNDERRUN));
	UK_TEST_EXPECT(!uk_netdev_status_underrun(UK_NETDEV_STATUS_SUCCESS));
}

/* A driver that offers more queues than the API's tables: info_get
 * clamps, as upstream, so configure accepts what info_get says. */
static void wide_info_get(struct uk_netdev *dev __unused,
			  struct uk_netdev_info *info)
{
	info->max_rx_queues = 1000;
	info->max_tx_queues = CONFIG_LIBUKNETDEV_MAXNBQUEUES + 1;
	info->max_mtu = 1500;
	info->ioalign = 1;
}

/* The driver's queue q of each direction: an address whose low byte the
 * burst functions below report, so a test sees which queue was called. */
static char wide_queue[2][CONFIG_LIBUKNETDEV_MAXNBQUEUES];

static struct uk_netdev_rx_queue *wide_rxq_configure(struct uk_netdev *dev
						     __unused,
		uint16_t queue_id, uint16_t nb_desc __unused,
		struct uk_netdev_rxqueue_conf *conf __unused)
{
	return (struct uk_netdev_rx_queue *)&wide_queue[0][queue_id];
}

static struct uk_netdev_tx_queue *wide_txq_configure(struct uk_netdev *dev
						     __unused,
		uint16_t queue_id, uint16_t nb_desc __unused,
		struct uk_netdev_txqueue_conf *conf __unused)
{
	return (struct uk_netdev_tx_queue *)&wide_queue[1][queue_id];
}

/* Burst functions that tell which queue they were called for. */
static int wide_tx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_tx_queue *q,
			 struct uk_netbuf *pkts[] __unused, uint16_t *cnt)
{
	*cnt = 0;
	return UK_NETDEV_STATUS_MORE | (int)((uintptr_t)q & 0xff) << 8;
}

static int wide_rx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_rx_queue *q,
			 struct uk_netbuf *pkts[] __unused, uint16_t *cnt)
{
	*cnt = 0;
	return (int)((uintptr_t)q & 0xff) << 8;
}

static const struct uk_netdev_ops wide_ops = {
	.info_get = wide_info_get,
	.rxq_configure = wide_rxq_configure,
	.txq_configure = wide_txq_configure,
	.stop = uk_netdev_drv_nop,
};

UK_TESTCASE(uknetdev, info_clamps_queues_and_every_queue_bursts)
{
	static struct uk_netdev dev;
	struct uk_netdev_conf conf;
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = test_alloc_rxpkts,
	};
	struct uk_netdev_txqueue_conf txc = { .a = uk_alloc_get_default() };
	struct uk_netdev_info info;
	struct uk_netbuf *pkts[1];
	uintptr_t base_rx, base_tx;
	uint16_t q, cnt;
	int rx_st, tx_st;

	/* a burst reads one 16-byte, 16-aligned slot */
	UK_TEST_EXPECT_UNUM_EQ(sizeof(dev._txq[0]), 16);
	UK_TEST_EXPECT_ZERO((uintptr_t)&dev._rxq[1] & 15);

	dev.ops = &wide_ops;
	dev.tx_burst = wide_tx_burst;
	dev.rx_burst = wide_rx_burst;
	UK_TEST_ASSERT(uk_netdev_drv_register(&dev, uk_alloc_get_default(),
					      "wide") >= 0);
	uk_netdev_info_get(&dev, &info);
	UK_TEST_EXPECT_UNUM_EQ(info.max_rx_queues,
			       CONFIG_LIBUKNETDEV_MAXNBQUEUES);
	UK_TEST_EXPECT_UNUM_EQ(info.max_tx_queues,
			       CONFIG_LIBUKNETDEV_MAXNBQUEUES);
	conf.nb_rx_queues = info.max_rx_queues;
	conf.nb_tx_queues = info.max_tx_queues;
	UK_TEST_ASSERT(uk_netdev_configure(&dev, &conf) == 0);
	for (q = 0; q < conf.nb_rx_queues; q++)
		UK_TEST_EXPECT_ZERO(uk_netdev_rxq_configure(&dev, q, 0, &rxc));
	for (q = 0; q < conf.nb_tx_queues; q++)
		UK_TEST_EXPECT_ZERO(uk_netdev_txq_configure(&dev, q, 0, &txc));
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_burst(&dev, 0, pkts, &cnt),
			       -ENETDOWN);
	UK_TEST_ASSERT(uk_netdev_start(&dev) == 0);

	/* every queue reaches the driver with its own queue */
	base_rx = (uintptr_t)&wide_queue[0][0] & 0xff;
	base_tx = (uintptr_t)&wide_queue[1][0] & 0xff;
	for (q = 0; q < CONFIG_LIBUKNETDEV_MAXNBQUEUES; q++) {
		cnt = 1;
		rx_st = uk_netdev_rx_burst(&dev, q, pkts, &cnt);
		UK_TEST_EXPECT_SNUM_EQ(rx_st, (int)((base_rx + q) & 0xff) << 8);
		cnt = 1;
		tx_st = uk_netdev_tx_burst(&dev, q, pkts, &cnt);
		UK_TEST_EXPECT_SNUM_EQ(tx_st, UK_NETDEV_STATUS_MORE |
				       (int)((base_tx + q) & 0xff) << 8);
	}
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(&dev,
			CONFIG_LIBUKNETDEV_MAXNBQUEUES, pkts, &cnt), -EINVAL);
	UK_TEST_EXPECT_ZERO(uk_netdev_stop(&dev));
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(&dev, 0, pkts, &cnt),
			       -ENETDOWN);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(&dev,
			CONFIG_LIBUKNETDEV_MAXNBQUEUES, pkts, &cnt), -ENETDOWN);
}

UK_TESTCASE(uknetdev, bursts_stats_no_leak)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev *dev = new_null();
	struct uk_netdev_queue_stats rx, tx;
	struct uk_netbuf *pkts[BURST], *pkt, *seg;
	unsigned int budget = 0, i, good = 0;
	size_t avail;
	uint16_t cnt;
	int st;

	UK_TEST_ASSERT(dev != NULL);
	UK_TEST_ASSERT(bring_up(dev, test_alloc_rxpkts, &budget) == 0);
	avail = uk_alloc_availmem(a);

	/* rx a full burst of synthetic frames */
	budget = 1000;
	cnt = BURST;
	st = uk_netdev_rx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT(uk_netdev_status_successful(st));
	UK_TEST_EXPECT(uk_netdev_status_more(st));
	UK_TEST_EXPECT(!uk_netdev_status_underrun(st));
	UK_TEST_ASSERT(cnt == BURST);
	for (i = 0; i < cnt; i++)
		good += frame_ok(dev, pkts[i]);
	UK_TEST_EXPECT_UNUM_EQ(good, BURST);

	/* tx takes all of them and frees them */
	st = uk_netdev_tx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT(uk_netdev_status_successful(st));
	UK_TEST_EXPECT_UNUM_EQ(cnt, BURST);

	/* rx underrun: only 5 buffers left */
	budget = 5;
	cnt = BURST;
	st = uk_netdev_rx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT(uk_netdev_status_successful(st));
	UK_TEST_EXPECT(uk_netdev_status_underrun(st));
	UK_TEST_EXPECT_UNUM_EQ(cnt, 5);
	uk_netdev_tx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT_UNUM_EQ(cnt, 5);
	cnt = BURST;
	st = uk_netdev_rx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT(uk_netdev_status_notready(st));
	UK_TEST_EXPECT(uk_netdev_status_underrun(st));
	UK_TEST_EXPECT_UNUM_EQ(cnt, 0);

	/* one at a time, and a chained frame of 60 + 40 bytes */
	budget = 1;
	st = uk_netdev_rx_one(dev, 0, &pkt);
	UK_TEST_ASSERT(uk_netdev_status_successful(st) && pkt);
	seg = uk_netbuf_alloc_buf(a, 64, 0, 0, 0, NULL);
	UK_TEST_ASSERT(seg != NULL);
	seg->len = 40;
	UK_TEST_EXPECT_ZERO(uk_netbuf_append(pkt, seg));
	st = uk_netdev_tx_one(dev, 0, pkt);
	UK_TEST_EXPECT(uk_netdev_status_successful(st));

	UK_TEST_EXPECT_ZERO(uk_netdev_rxq_stats_get(dev, 0, &rx));
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_stats_get(dev, 0, &tx));
	UK_TEST_EXPECT_UNUM_EQ(rx.packets, BURST + 5 + 1);
	UK_TEST_EXPECT_UNUM_EQ(rx.bytes, (BURST + 5 + 1) * 60);
	UK_TEST_EXPECT_UNUM_EQ(tx.packets, BURST + 5 + 1);
	UK_TEST_EXPECT_UNUM_EQ(tx.bytes, (BURST + 5 + 1) * 60 + 40);
	UK_TEST_EXPECT_UNUM_EQ(rx.drops + rx.errors + tx.drops + tx.errors,
			       0);
	uk_netdev_stats_reset(dev);
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_stats_get(dev, 0, &tx));
	UK_TEST_EXPECT_UNUM_EQ(tx.packets + tx.bytes, 0);

	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), avail);
}

UK_TESTCASE(uknetdev, refcounted_resend)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev *dev = new_null();
	struct uk_netdev_info info;
	struct uk_netdev_queue_stats tx;
	struct uk_netbuf *nb, *pkts[8];
	uint16_t cnt, i;
	size_t avail;

	UK_TEST_ASSERT(dev != NULL);
	UK_TEST_ASSERT(bring_up(dev, test_alloc_rxpkts, NULL) == 0);
	uk_netdev_info_get(dev, &info);
	UK_TEST_ASSERT(info.features & UK_NETDEV_F_TX_REF_SAFE);
	avail = uk_alloc_availmem(a);

	nb = uk_netbuf_alloc_buf(a, 128, info.ioalign, info.nb_encap_tx, 0,
				 NULL);
	UK_TEST_ASSERT(nb != NULL);
	nb->len = 60;
	/* the same netbuf 8 times in one burst: 7 extra references */
	for (i = 0; i < 8; i++) {
		if (i)
			uk_netbuf_ref(nb);
		pkts[i] = nb;
	}
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(nb), 8);
	cnt = 8;
	uk_netbuf_ref(nb);	/* keep one for us */
	uk_netdev_tx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT_UNUM_EQ(cnt, 8);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_refcount_single_get(nb), 1);
	UK_TEST_EXPECT_ZERO(uk_netdev_txq_stats_get(dev, 0, &tx));
	UK_TEST_EXPECT_UNUM_EQ(tx.packets, 8);
	uk_netbuf_free(nb);
	UK_TEST_EXPECT_UNUM_EQ(uk_alloc_availmem(a), avail);
}

#if CONFIG_LIBUKALLOCPOOL
UK_TESTCASE(uknetdev, pool_rx_tx_no_leak)
{
	struct uk_netdev *dev = new_null();
	struct uk_netdev_info info;
	struct uk_netbuf_pool *pool;
	struct uk_netbuf *pkts[BURST];
	unsigned int start, round;
	uint16_t cnt;
	int st;

	UK_TEST_ASSERT(dev != NULL);
	uk_netdev_info_get(dev, &info);
	pool = uk_netbuf_pool_create(uk_alloc_get_default(), 64, 2048,
				     info.ioalign, info.nb_encap_rx, 0);
	UK_TEST_ASSERT(pool != NULL);
	start = uk_netbuf_pool_availcount(pool);
	UK_TEST_ASSERT(bring_up(dev, uk_netbuf_pool_alloc_rxpkts, pool) == 0);

	for (round = 0; round < 100; round++) {
		cnt = BURST;
		st = uk_netdev_rx_burst(dev, 0, pkts, &cnt);
		if (!uk_netdev_status_successful(st) || cnt != BURST)
			break;
		st = uk_netdev_tx_burst(dev, 0, pkts, &cnt);
		if (!uk_netdev_status_successful(st) || cnt != BURST)
			break;
	}
	UK_TEST_EXPECT_UNUM_EQ(round, 100);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), start);

	/* drain the pool: rx must report an underrun, not crash */
	cnt = BURST;
	uk_netdev_rx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT_UNUM_EQ(cnt, BURST);
	{
		struct uk_netbuf *more[64];
		uint16_t c2 = 64;

		st = uk_netdev_rx_burst(dev, 0, more, &c2);
		UK_TEST_EXPECT(uk_netdev_status_underrun(st));
		UK_TEST_EXPECT_UNUM_EQ(c2, 64 - BURST);
		uk_netdev_tx_burst(dev, 0, more, &c2);
	}
	uk_netdev_tx_burst(dev, 0, pkts, &cnt);
	UK_TEST_EXPECT_UNUM_EQ(uk_netbuf_pool_availcount(pool), start);
	UK_TEST_EXPECT_ZERO(uk_netdev_stop(dev));
	UK_TEST_EXPECT_ZERO(uk_netbuf_pool_destroy(pool));
}
#endif

uk_testsuite_register(uknetdev, NULL);
