/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net under QEMU with a virtio-net-pci NIC on a tap (see
 * tests/host/run, which sets up the namespace, injects frames and checks
 * the capture). Kernel parameters:
 *   virtio_net_test.mac=02:..   MAC given to QEMU (checked when set)
 *   virtio_net_test.rx=N        frames the host injects (0: skip rx wait)
 *   virtio_net_test.wait=S      seconds to wait for them (default 20)
 *   virtio_net_test.pairs=N     queue pairs to use (default 1; QEMU needs
 *                               mq=on and a multi-queue tap for more)
 * The cases share the device, brought up by the first one that runs, and
 * run in this order: tx, stop and start (the device is stopped and
 * started several times), then rx, so the injected frames arrive on a
 * restarted device. Frames sent around a stop may or may not reach the
 * wire: they carry EtherType 0x88b5 (local experimental), which the host's
 * count of UDP frames leaves out.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uk/test.h>
#include <uk/netdev.h>
#include <uk/netbuf.h>
#include <uk/libparam.h>
#include <uk/plat/time.h>
#include <uk/virtio/virtio_net.h>

#define TX_FRAMES	32	/* plain transmits */
#define TX_REF_SENDS	1000	/* sends of one refcounted netbuf */
#define FRAME_LEN	60
#define RX_BUFLEN	2048
#define RX_PORT		5002	/* UDP port of injected frames */
#define TX_PER_QUEUE	8	/* frames sent on each tx queue */
#define STOP_INFLIGHT	64	/* frames left in flight at a stop */
#define RESTARTS	5	/* stop/start rounds under traffic */
#define ETH_P_LOCAL	0x88b5	/* IEEE 802 local experimental */

static const char *param_mac;
static unsigned long param_rx;
static unsigned long param_wait = 20;
static unsigned long param_pairs = 1;
UK_LIBPARAM_STR("virtio_net_test.mac", param_mac, "expected MAC");
UK_LIBPARAM_UINT("virtio_net_test.rx", param_rx, "frames to receive");
UK_LIBPARAM_UINT("virtio_net_test.wait", param_wait, "rx wait (s)");
UK_LIBPARAM_UINT("virtio_net_test.pairs", param_pairs, "queue pairs");

static struct uk_netdev *dev;
static struct uk_netdev_info info;
static const struct uk_hwaddr *hw;
static unsigned int rx_allocs, rx_frees;
static unsigned int tx_built, tx_freed;	/* frames from frame_build() */

static void tx_dtor(struct uk_netbuf *nb __unused)
{
	tx_freed++;
}

static void rx_dtor(struct uk_netbuf *nb __unused)
{
	rx_frees++;
}

static uint16_t rx_alloc(void *argp __unused, struct uk_netbuf *pkts[],
			 uint16_t count)
{
	uint16_t i;

	for (i = 0; i < count; i++) {
		pkts[i] = uk_netbuf_alloc_buf(uk_alloc_get_default(),
					      RX_BUFLEN, info.ioalign,
					      info.nb_encap_rx, 0, rx_dtor);
		if (!pkts[i])
			break;
		rx_allocs++;
	}
	return i;
}

static uint16_t csum16(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	/* RFC 1071: one's-complement sum of 16-bit big-endian words */
	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet/IPv4/UDP 198.18.0.2:5001 -> 198.18.0.1:5001, payload @p tag. */
static struct uk_netbuf *frame_build(const char *tag)
{
	static const uint8_t dst[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	struct uk_netbuf *nb;
	uint8_t *p, *ip, *udp;
	uint16_t c;

	nb = uk_netbuf_alloc_buf(uk_alloc_get_default(), 256, info.ioalign,
				 info.nb_encap_tx, 0, tx_dtor);
	if (!nb)
		return NULL;
	tx_built++;
	p = nb->data;
	memset(p, 0, FRAME_LEN);
	memcpy(p, dst, 6);
	memcpy(p + 6, hw->addr_bytes, 6);
	p[12] = 0x08;				/* IPv4 */
	ip = p + 14;
	ip[0] = 0x45;
	ip[3] = 20 + 8 + 18;			/* total length 46 */
	ip[8] = 64;				/* TTL */
	ip[9] = 17;				/* UDP */
	ip[12] = 198; ip[13] = 18; ip[14] = 0; ip[15] = 2;
	ip[16] = 198; ip[17] = 18; ip[18] = 0; ip[19] = 1;
	c = csum16(ip, 20);
	ip[10] = c >> 8;
	ip[11] = c & 0xff;
	udp = ip + 20;
	udp[0] = 5001 >> 8; udp[1] = 5001 & 0xff;
	udp[2] = 5001 >> 8; udp[3] = 5001 & 0xff;
	udp[5] = 8 + 18;			/* checksum 0: none */
	strncpy((char *)udp + 8, tag, 18);
	nb->len = FRAME_LEN;
	return nb;
}

/* A frame of EtherType ETH_P_LOCAL: not counted by tests/host/run. */
static struct uk_netbuf *frame_build_local(void)
{
	struct uk_netbuf *nb = frame_build("uknf-virtio-stop");

	if (nb) {
		((uint8_t *)nb->data)[12] = ETH_P_LOCAL >> 8;
		((uint8_t *)nb->data)[13] = ETH_P_LOCAL & 0xff;
	}
	return nb;
}

/* Send @p n local frames on queue @p q (5 s at most). @return how many */
static unsigned int tx_local(uint16_t q, unsigned int n)
{
	__nsec end = ukplat_monotonic_clock() + 5000000000ULL;
	struct uk_netbuf *nb;
	unsigned int sent = 0;

	while (sent < n && ukplat_monotonic_clock() < end) {
		nb = frame_build_local();
		if (!nb)
			break;
		if (uk_netdev_status_successful(uk_netdev_tx_one(dev, q, nb)))
			sent++;
		else
			uk_netbuf_free(nb);
	}
	return sent;
}

/* Receive buffers a stopped device holds: every slot of every rx ring. */
static unsigned long rx_ring_slots(void)
{
	struct uk_netdev_queue_info qi;
	unsigned long n = 0;
	uint16_t q;

	for (q = 0; q < param_pairs; q++)
		if (uk_netdev_rxq_info_get(dev, q, &qi) == 0)
			n += qi.nb_max;	/* nb_desc 0: the device's maximum */
	return n;
}

/* Reclaim what the device has sent: a burst of 0 frames is a flush. */
static void tx_flush(void)
{
	uint16_t cnt = 0, q;

	for (q = 0; q < param_pairs; q++)
		uk_netdev_tx_burst(dev, q, NULL, &cnt);
}

static __nsec seconds(unsigned long s)
{
	return (__nsec)s * 1000000000ULL;
}

/*
 * Wait (5 s at most) until the device has sent every built frame and the
 * driver freed it: the frames are on the wire before the image exits.
 * @return 1 when all came back
 */
static int tx_drain(void)
{
	__nsec end = ukplat_monotonic_clock() + seconds(5);

	while (tx_freed != tx_built && ukplat_monotonic_clock() < end)
		tx_flush();
	return tx_freed == tx_built;
}

/*
 * Find the virtio-net device and bring it up with one queue pair, once:
 * the cases may run in any order and all use the running device.
 * @return 0, or a negative errno
 */
static int vnet_setup(void)
{
	static int done;
	struct uk_netdev_conf conf;
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = rx_alloc,
	};
	struct uk_netdev_txqueue_conf txc = { .a = uk_alloc_get_default() };
	unsigned int i, q;
	int rc;

	if (done)
		return done < 0 ? done : 0;
	done = -ENODEV;
	for (i = 0; i < uk_netdev_count(); i++) {
		dev = uk_netdev_get(i);
		if (!strcmp(uk_netdev_drv_name_get(dev),
			    VIRTIO_NET_DRV_NAME))
			break;
		dev = NULL;
	}
	if (!dev)
		return done;
	uk_netdev_info_get(dev, &info);
	hw = uk_netdev_hwaddr_get(dev);
	if (param_pairs < 1 || param_pairs > info.max_rx_queues)
		return done = -ENOTSUP;
	conf.nb_rx_queues = conf.nb_tx_queues = (uint16_t)param_pairs;
	rc = uk_netdev_configure(dev, &conf);
	if (rc < 0)
		return done = rc;
	/* an odd tx size is refused: tx slots are descriptor pairs */
	if (uk_netdev_txq_configure(dev, 0, 3, &txc) != -EINVAL)
		return done = -EPROTO;
	for (q = 0; q < param_pairs; q++) {
		rc = uk_netdev_rxq_configure(dev, q, 0, &rxc);
		if (rc < 0)
			return done = rc;
		rc = uk_netdev_txq_configure(dev, q, 0, &txc);
		if (rc < 0)
			return done = rc;
	}
	rc = uk_netdev_start(dev);
	if (rc < 0)
		return done = rc;
	done = 1;
	return 0;
}

UK_TESTCASE(virtio_net, device_found_and_up)
{
	struct uk_netdev_queue_info qi;

	UK_TEST_ASSERT(vnet_setup() == 0);
	UK_TEST_EXPECT(info.max_rx_queues >= param_pairs);
	UK_TEST_EXPECT_SNUM_EQ(info.max_tx_queues, info.max_rx_queues);
	UK_TEST_EXPECT(info.features & UK_NETDEV_F_TX_REF_SAFE);
	UK_TEST_EXPECT_SNUM_EQ(info.nb_encap_tx, 0);
	UK_TEST_EXPECT(info.nb_encap_rx == 10 || info.nb_encap_rx == 12);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_info_get(dev, 0, &qi), 0);
	UK_TEST_EXPECT(qi.nb_is_power_of_two && qi.nb_max >= 2);
	UK_TEST_EXPECT(rx_allocs > 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_RUNNING);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_link_get(dev), 1);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_mtu_get(dev), 1500);
}

UK_TESTCASE(virtio_net, mac_matches_qemu)
{
	char buf[18];

	UK_TEST_ASSERT(vnet_setup() == 0);
	UK_TEST_ASSERT(hw != NULL);
	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		 hw->addr_bytes[0], hw->addr_bytes[1], hw->addr_bytes[2],
		 hw->addr_bytes[3], hw->addr_bytes[4], hw->addr_bytes[5]);
	uk_pr_info("virtio_net_test: mac %s\n", buf);
	if (param_mac)
		UK_TEST_EXPECT_SNUM_EQ(strcmp(buf, param_mac), 0);
}

UK_TESTCASE(virtio_net, tx_then_counters)
{
	struct uk_netdev_queue_stats st0, st1;
	struct uk_netbuf *pkts[TX_FRAMES];
	uint16_t cnt, i, sent = 0;
	int status, bad = 0;
	__nsec end;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_stats_get(dev, 0, &st0), 0);
	for (i = 0; i < TX_FRAMES; i++) {
		pkts[i] = frame_build("uknf-virtio-tx");
		UK_TEST_ASSERT(pkts[i] != NULL);
	}
	end = ukplat_monotonic_clock() + seconds(5);
	while (sent < TX_FRAMES && ukplat_monotonic_clock() < end) {
		cnt = TX_FRAMES - sent;
		status = uk_netdev_tx_burst(dev, 0, pkts + sent, &cnt);
		bad |= status < 0;
		sent += cnt;
	}
	UK_TEST_EXPECT_SNUM_EQ(bad, 0);
	UK_TEST_EXPECT_SNUM_EQ(sent, TX_FRAMES);
	for (i = sent; i < TX_FRAMES; i++)
		uk_netbuf_free(pkts[i]);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_txq_stats_get(dev, 0, &st1), 0);
	UK_TEST_EXPECT_SNUM_EQ(st1.packets - st0.packets, TX_FRAMES);
	UK_TEST_EXPECT_SNUM_EQ(st1.bytes - st0.bytes, TX_FRAMES * FRAME_LEN);
	UK_TEST_EXPECT_SNUM_EQ(st1.errors - st0.errors, 0);
	/* every frame was sent and freed by the driver */
	UK_TEST_EXPECT(tx_drain());
	/* bad queue id: an error, not a crash */
	cnt = 1;
	UK_TEST_EXPECT(uk_netdev_tx_burst(dev, 7, pkts, &cnt) < 0);
}

UK_TESTCASE(virtio_net, tx_refcounted_resend)
{
	struct uk_netdev_queue_stats st0, st1;
	uint8_t orig[FRAME_LEN];
	struct uk_netbuf *nb;
	unsigned int sent = 0;
	int status, bad = 0;
	__nsec end;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	nb = frame_build("uknf-virtio-ref");
	UK_TEST_ASSERT(nb != NULL);
	memcpy(orig, nb->data, FRAME_LEN);
	uk_netdev_txq_stats_get(dev, 0, &st0);

	end = ukplat_monotonic_clock() + seconds(20);
	while (sent < TX_REF_SENDS && ukplat_monotonic_clock() < end) {
		uk_netbuf_ref(nb);
		status = uk_netdev_tx_one(dev, 0, nb);
		if (uk_netdev_status_successful(status)) {
			sent++;
		} else {
			bad |= status < 0;
			uk_netbuf_free(nb);	/* the ref not taken */
		}
	}
	UK_TEST_EXPECT_SNUM_EQ(bad, 0);
	UK_TEST_EXPECT_SNUM_EQ(sent, TX_REF_SENDS);

	/* Wait until the device gave every reference back. */
	end = ukplat_monotonic_clock() + seconds(5);
	do {
		tx_flush();
	} while (uk_netbuf_refcount_single_get(nb) > 1 &&
		 ukplat_monotonic_clock() < end);
	UK_TEST_EXPECT_SNUM_EQ(uk_netbuf_refcount_single_get(nb), 1);
	UK_TEST_EXPECT_SNUM_EQ(nb->len, FRAME_LEN);
	UK_TEST_EXPECT_SNUM_EQ(memcmp(nb->data, orig, FRAME_LEN), 0);
	uk_netdev_txq_stats_get(dev, 0, &st1);
	UK_TEST_EXPECT_SNUM_EQ(st1.packets - st0.packets, TX_REF_SENDS);
	uk_netbuf_free(nb);
	UK_TEST_EXPECT(tx_drain());
	uk_pr_info("virtio_net_test: tx done\n");
}

UK_TESTCASE(virtio_net, tx_every_queue)
{
	struct uk_netdev_queue_stats st0, st1;
	struct uk_netbuf *nb;
	unsigned int q, i, sent;
	uint16_t cnt = 1;
	__nsec end;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	for (q = 0; q < param_pairs; q++) {
		uk_netdev_txq_stats_get(dev, q, &st0);
		sent = 0;
		end = ukplat_monotonic_clock() + seconds(5);
		for (i = 0; i < TX_PER_QUEUE &&
		     ukplat_monotonic_clock() < end; ) {
			nb = frame_build("uknf-virtio-queue");
			UK_TEST_ASSERT(nb != NULL);
			if (uk_netdev_status_successful(
				    uk_netdev_tx_one(dev, q, nb))) {
				sent++;
				i++;
			} else {
				uk_netbuf_free(nb);
			}
		}
		uk_netdev_txq_stats_get(dev, q, &st1);
		UK_TEST_EXPECT_SNUM_EQ(sent, TX_PER_QUEUE);
		UK_TEST_EXPECT_SNUM_EQ(st1.packets - st0.packets,
				       TX_PER_QUEUE);
	}
	UK_TEST_EXPECT(tx_drain());
	/* the queue after the last configured one is refused */
	nb = NULL;
	UK_TEST_EXPECT(uk_netdev_tx_burst(dev, (uint16_t)param_pairs, &nb,
					  &cnt) < 0);
}

UK_TESTCASE(virtio_net, stop_takes_buffers_back)
{
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = rx_alloc,
	};
	struct uk_netbuf *nb = NULL;
	unsigned int frees;
	uint16_t cnt = 1;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	UK_TEST_ASSERT(tx_drain());
	/* frames in flight: tx reclaims only when slots run low */
	UK_TEST_EXPECT_SNUM_EQ(tx_local(0, STOP_INFLIGHT), STOP_INFLIGHT);
	UK_TEST_EXPECT_SNUM_EQ(tx_built - tx_freed, STOP_INFLIGHT);
	frees = rx_frees;

	UK_TEST_ASSERT(uk_netdev_stop(dev) == 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_CONFIGURED);
	/* every tx frame came back, sent or not */
	UK_TEST_EXPECT_SNUM_EQ(tx_freed, tx_built);
	/* the rx buffers went back, the rings were filled anew */
	UK_TEST_EXPECT(rx_frees > frees);
	UK_TEST_EXPECT_SNUM_EQ(rx_allocs - rx_frees, rx_ring_slots());
	/* a stopped device: bursts refused, a second stop refused, queues
	 * stay set up
	 */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_tx_burst(dev, 0, &nb, &cnt),
			       -ENETDOWN);
	cnt = 1;
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rx_burst(dev, 0, &nb, &cnt),
			       -ENETDOWN);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_stop(dev), -EINVAL);
	UK_TEST_EXPECT(uk_netdev_rxq_configure(dev, 0, 0, &rxc) < 0);
	/* settings still work while stopped (applied at start) */
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_promiscuous_set(dev, 1), 0);
}

UK_TESTCASE(virtio_net, start_after_stop)
{
	struct uk_netdev_queue_stats st0, st1;
	uint16_t q;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	if (uk_netdev_state_get(dev) != UK_NETDEV_RUNNING)
		UK_TEST_ASSERT(uk_netdev_start(dev) == 0);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_state_get(dev), UK_NETDEV_RUNNING);
	UK_TEST_EXPECT_SNUM_EQ(uk_netdev_link_get(dev), 1);
	/* the device sends again on every queue: frames come back done */
	for (q = 0; q < param_pairs; q++) {
		uk_netdev_txq_stats_get(dev, q, &st0);
		UK_TEST_EXPECT_SNUM_EQ(tx_local(q, TX_FRAMES), TX_FRAMES);
		uk_netdev_txq_stats_get(dev, q, &st1);
		UK_TEST_EXPECT_SNUM_EQ(st1.packets - st0.packets, TX_FRAMES);
	}
	UK_TEST_EXPECT(tx_drain());
}

UK_TESTCASE(virtio_net, restart_under_traffic)
{
	unsigned int round, stops = 0, starts = 0, sent = 0;
	unsigned long held = 0;

	UK_TEST_ASSERT(vnet_setup() == 0 && hw);
	for (round = 0; round < RESTARTS; round++) {
		/* more than a ring's worth: some reclaimed, some in flight */
		sent += tx_local(0, 200 + 37 * round);
		stops += uk_netdev_stop(dev) == 0;
		held += tx_built - tx_freed;
		starts += uk_netdev_start(dev) == 0;
	}
	UK_TEST_EXPECT_SNUM_EQ(stops, RESTARTS);
	UK_TEST_EXPECT_SNUM_EQ(starts, RESTARTS);
	UK_TEST_EXPECT_SNUM_EQ(held, 0);
	UK_TEST_EXPECT(sent > 0);
	/* after the last start: tx completes, rx holds full rings */
	UK_TEST_EXPECT_SNUM_EQ(tx_local(0, TX_FRAMES), TX_FRAMES);
	UK_TEST_EXPECT(tx_drain());
	UK_TEST_EXPECT_SNUM_EQ(rx_allocs - rx_frees, rx_ring_slots());
	uk_pr_info("virtio_net_test: %u restarts, %u frames sent\n",
		   starts, sent);
}

/* Is this an injected frame: IPv4/UDP to RX_PORT? */
static bool is_injected(const struct uk_netbuf *nb)
{
	const uint8_t *p = nb->data;

	return nb->len >= 42 && p[12] == 0x08 && p[13] == 0x00 &&
		p[23] == 17 && p[36] == (RX_PORT >> 8) &&
		p[37] == (RX_PORT & 0xff);
}

UK_TESTCASE(virtio_net, rx_injected)
{
	struct uk_netdev_queue_stats st;
	struct uk_netbuf *pkts[32];
	unsigned long got = 0, other = 0, q, total = 0;
	uint16_t cnt, i;
	int status, bad = 0;
	__nsec end;

	UK_TEST_ASSERT(vnet_setup() == 0);
	if (!param_rx) {
		uk_pr_info("virtio_net_test: no rx expected, skipped\n");
		return;
	}
	/* tests/host/run starts injecting when it sees this line */
	uk_pr_info("virtio_net_test: rx ready\n");
	end = ukplat_monotonic_clock() + seconds(param_wait);
	/* poll every rx queue: the device picks one per flow */
	for (q = 0; got < param_rx && ukplat_monotonic_clock() < end;
	     q = (q + 1) % param_pairs) {
		cnt = ARRAY_SIZE(pkts);
		status = uk_netdev_rx_burst(dev, (uint16_t)q, pkts, &cnt);
		bad |= status < 0;
		for (i = 0; i < cnt; i++) {
			if (is_injected(pkts[i]))
				got++;
			else
				other++;
			uk_netbuf_free(pkts[i]);
		}
	}
	uk_pr_info("virtio_net_test: received %lu injected, %lu other\n",
		   got, other);
	UK_TEST_EXPECT_SNUM_EQ(bad, 0);
	UK_TEST_EXPECT_SNUM_EQ(got, param_rx);
	for (q = 0; q < param_pairs; q++) {
		UK_TEST_EXPECT_SNUM_EQ(uk_netdev_rxq_stats_get(dev, (uint16_t)q,
							       &st), 0);
		uk_pr_info("virtio_net_test: rxq %lu: %llu frames\n", q,
			   (unsigned long long)st.packets);
		total += st.packets;
	}
	UK_TEST_EXPECT(total >= got);
}

uk_testsuite_register(virtio_net, NULL);
