/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app of the linuxu tap driver, driven by netdev/tests/host/run:
 *
 *   tapapp_linuxu-x86_64 tap.ifname=tap0 -- RX TX [TIMEOUT_S [ref]]
 *
 * prints "devices N"; with a device, brings netdev 0 up, prints
 * "ready <MAC>", receives until RX test frames arrived (or TIMEOUT_S,
 * default 10, passed), then sends TX test frames and prints
 * "rx=<n> other=<n> tx=<n>" and the queue counters. With "ref", the TX
 * frames are one netbuf sent again and again with uk_netbuf_ref()
 * (refcounted resend; all carry sequence number 0) and the app checks
 * that only its own reference is left at the end. Exit status 0 when
 * RX frames came in and TX went out, 1 otherwise, 3 without a device.
 *
 * Test frame: 60 bytes, EtherType 0x88b5 (IEEE local experimental),
 * payload "UKNF" and a 16-bit big-endian sequence number. The app sends
 * them to the broadcast address from its own MAC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/netdev.h>
#include <uk/netbuf.h>
#include <uk/plat/time.h>

#define FRAME_LEN	60
#define ETHERTYPE_TEST	0x88b5
#define BURST		32

static uint16_t alloc_rxpkts(void *argp __unused, struct uk_netbuf *pkts[],
			     uint16_t count)
{
	uint16_t i;

	for (i = 0; i < count; i++) {
		pkts[i] = uk_netbuf_alloc_buf(uk_alloc_get_default(), 2048,
					      0, 0, 0, NULL);
		if (!pkts[i])
			break;
	}
	return i;
}

static int is_test_frame(const struct uk_netbuf *nb)
{
	const uint8_t *f = nb->data;

	return nb->len >= 20 && f[12] == (ETHERTYPE_TEST >> 8) &&
	       f[13] == (ETHERTYPE_TEST & 0xff) && !memcmp(f + 14, "UKNF", 4);
}

static struct uk_netbuf *test_frame(const struct uk_hwaddr *src,
				    uint16_t seq)
{
	struct uk_netbuf *nb;
	uint8_t *f;

	nb = uk_netbuf_alloc_buf(uk_alloc_get_default(), 128, 0, 0, 0, NULL);
	if (!nb)
		return NULL;
	f = nb->data;
	memset(f, 0, FRAME_LEN);
	memset(f, 0xff, 6);
	memcpy(f + 6, src->addr_bytes, 6);
	f[12] = ETHERTYPE_TEST >> 8;
	f[13] = ETHERTYPE_TEST & 0xff;
	memcpy(f + 14, "UKNF", 4);
	f[18] = seq >> 8;
	f[19] = seq & 0xff;
	nb->len = FRAME_LEN;
	return nb;
}

static int bring_up(struct uk_netdev *dev)
{
	struct uk_netdev_conf conf = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_rxqueue_conf rxc = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = alloc_rxpkts,
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

static void print_mac(const char *what, const struct uk_hwaddr *hw)
{
	printf("%s %02x:%02x:%02x:%02x:%02x:%02x\n", what,
	       hw->addr_bytes[0], hw->addr_bytes[1], hw->addr_bytes[2],
	       hw->addr_bytes[3], hw->addr_bytes[4], hw->addr_bytes[5]);
}

int main(int argc, char *argv[])
{
	unsigned long want_rx, want_tx, timeout = 10, rx = 0, other = 0;
	unsigned long tx = 0, i;
	struct uk_netbuf *pkts[BURST];
	struct uk_netdev_queue_stats rst, tst;
	const struct uk_hwaddr *hw;
	struct uk_netbuf *proto = NULL;
	struct uk_netdev *dev;
	__nsec deadline;
	uint16_t cnt;
	int rc;

	if (argc < 3) {
		printf("usage: %s RX TX [TIMEOUT_S]\n", argv[0]);
		return 2;
	}
	want_rx = strtoul(argv[1], NULL, 0);
	want_tx = strtoul(argv[2], NULL, 0);
	if (argc > 3)
		timeout = strtoul(argv[3], NULL, 0);

	printf("devices %u\n", uk_netdev_count());
	for (i = 0; i < uk_netdev_count(); i++) {
		printf("dev%lu %s ", i,
		       uk_netdev_drv_name_get(uk_netdev_get(i)));
		print_mac("mac", uk_netdev_hwaddr_get(uk_netdev_get(i)));
	}
	if (!uk_netdev_count())
		return 3;
	dev = uk_netdev_get(0);
	rc = bring_up(dev);
	if (rc < 0) {
		printf("bring-up failed: %d\n", rc);
		return 1;
	}
	hw = uk_netdev_hwaddr_get(dev);
	if (argc > 4 && !strcmp(argv[4], "ref")) {
		proto = test_frame(hw, 0);
		if (!proto)
			return 1;
	}
	print_mac("ready", hw);

	deadline = ukplat_monotonic_clock() + timeout * UKPLAT_NSEC_PER_SEC;
	while (rx < want_rx && ukplat_monotonic_clock() < deadline) {
		cnt = BURST;
		rc = uk_netdev_rx_burst(dev, 0, pkts, &cnt);
		if (rc < 0) {
			printf("rx_burst: %d\n", rc);
			return 1;
		}
		for (i = 0; i < cnt; i++) {
			if (is_test_frame(pkts[i]))
				rx++;
			else
				other++;
			uk_netbuf_free(pkts[i]);
		}
	}

	while (tx < want_tx && ukplat_monotonic_clock() < deadline) {
		for (cnt = 0; cnt < BURST && tx + cnt < want_tx; cnt++) {
			if (proto) {
				uk_netbuf_ref(proto);
				pkts[cnt] = proto;
				continue;
			}
			pkts[cnt] = test_frame(hw, (uint16_t)(tx + cnt));
			if (!pkts[cnt])
				break;
		}
		i = cnt;
		rc = uk_netdev_tx_burst(dev, 0, pkts, &cnt);
		if (rc < 0) {
			printf("tx_burst: %d\n", rc);
			return 1;
		}
		tx += cnt;
		for (; cnt < i; cnt++)	/* not taken: still ours */
			uk_netbuf_free(pkts[cnt]);
	}

	uk_netdev_rxq_stats_get(dev, 0, &rst);
	uk_netdev_txq_stats_get(dev, 0, &tst);
	printf("rx=%lu other=%lu tx=%lu\n", rx, other, tx);
	if (proto) {
		printf("refcount=%u\n", uk_netbuf_refcount_single_get(proto));
		if (uk_netbuf_refcount_single_get(proto) != 1)
			return 1;
		uk_netbuf_free(proto);
	}
	printf("rxq packets=%llu bytes=%llu drops=%llu errors=%llu\n",
	       (unsigned long long)rst.packets, (unsigned long long)rst.bytes,
	       (unsigned long long)rst.drops, (unsigned long long)rst.errors);
	printf("txq packets=%llu bytes=%llu drops=%llu errors=%llu\n",
	       (unsigned long long)tst.packets, (unsigned long long)tst.bytes,
	       (unsigned long long)tst.drops, (unsigned long long)tst.errors);
	return rx == want_rx && tx == want_tx ? 0 : 1;
}
