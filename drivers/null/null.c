/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * null network device, like DPDK's net_null: transmit counts and frees
 * every frame; receive fills the buffers the queue's alloc_rxpkts gives
 * with a synthetic Ethernet/IPv4/UDP frame (a template copied with
 * memcpy). It measures the cost of the API, the buffers and the
 * application without any backend.
 *
 * Kernel parameters: null.count (devices made at boot, default
 * CONFIG_LIBUKNETDEV_NULL_COUNT), null.size (frame length without FCS,
 * 60..1514, default 60) and null.copy (default 1; 0: receive hands out
 * the buffers with their length set but their bytes untouched, like
 * DPDK's net_null copy=0, to measure a receiver that does not read). Device n has MAC 02:00:00:00:<n>; its frames
 * go from 02:00:00:01:<n> / 198.19.<n>.1 to the device's MAC /
 * 198.18.<n>.1, UDP 5001 -> 5001 (n on two bytes).
 */
#include <string.h>
#include <errno.h>
#include <uk/netdev_driver.h>
#include <uk/netbuf.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/netdev_null.h>

#define NULL_QUEUE_DESC_MIN	16
#define NULL_QUEUE_DESC_MAX	4096
#define NULL_QUEUE_DESC_DEF	256
#define NULL_MAX_MTU		9000
#define NULL_UDP_PORT		5001

struct null_rxq {
	struct uk_netdev_queue_stats stats;
	struct null_dev *ndev;
	uk_netdev_alloc_rxpkts alloc_rxpkts;
	void *alloc_rxpkts_argp;
};

struct null_txq {
	struct uk_netdev_queue_stats stats;
};

struct null_dev {
	struct uk_netdev dev;
	uint16_t idx;			/* n in the MAC and IP addresses */
	uint16_t frame_len;
	uint8_t frame[NETDEV_NULL_SIZE_MAX];	/* rx template */
	struct null_rxq rxq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];
	struct null_txq txq[CONFIG_LIBUKNETDEV_MAXNBQUEUES];
};

#define to_null_dev(d)	__containerof(d, struct null_dev, dev)

static unsigned long null_count = CONFIG_LIBUKNETDEV_NULL_COUNT;
static unsigned long null_size = NETDEV_NULL_SIZE_MIN;
static bool null_copy = true;
static uint16_t null_devs;	/* null devices created so far */

UK_LIBPARAM_UINT("null.count", null_count, "number of null devices");
UK_LIBPARAM_UINT("null.size", null_size,
		 "null rx frame length without FCS (60..1514)");
UK_LIBPARAM_BOOL("null.copy", null_copy,
		 "null rx writes its frame into the buffers (default 1)");

/* ------------------------------------------------------------------ */
/* Frame template                                                      */
/* ------------------------------------------------------------------ */

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* RFC 1071 one's complement sum of @p len bytes, added to @p sum. */
static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet (14) + IPv4 (20, RFC 791) + UDP (8, RFC 768) + payload. */
static void null_build_frame(struct null_dev *nd,
			     const struct uk_hwaddr *hwaddr)
{
	uint8_t *f = nd->frame;
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint16_t len = nd->frame_len, udp_len = len - 14 - 20, i, csum;
	uint32_t sum;

	memset(f, 0, sizeof(nd->frame));
	memcpy(f, hwaddr->addr_bytes, UK_NETDEV_HWADDR_LEN);
	f[6] = 0x02;			/* peer: 02:00:00:01:<n> */
	f[9] = 0x01;
	put_be16(f + 10, nd->idx);
	put_be16(f + 12, 0x0800);	/* EtherType IPv4 */

	ip[0] = 0x45;			/* version 4, IHL 5 */
	put_be16(ip + 2, len - 14);	/* total length */
	ip[8] = 64;			/* TTL */
	ip[9] = 17;			/* protocol UDP */
	ip[12] = 198;			/* source 198.19.<n>.1 */
	ip[13] = 19;
	ip[14] = nd->idx & 0xff;
	ip[15] = 1;
	ip[16] = 198;			/* destination 198.18.<n>.1 */
	ip[17] = 18;
	ip[18] = nd->idx & 0xff;
	ip[19] = 1;
	put_be16(ip + 10, csum_fold(csum_add(0, ip, 20)));

	put_be16(udp, NULL_UDP_PORT);
	put_be16(udp + 2, NULL_UDP_PORT);
	put_be16(udp + 4, udp_len);
	for (i = 8; i < udp_len; i++)
		udp[i] = (uint8_t)i;
	/* pseudo header: addresses, protocol, UDP length */
	sum = csum_add(0, ip + 12, 8) + 17 + udp_len;
	csum = csum_fold(csum_add(sum, udp, udp_len));
	put_be16(udp + 6, csum ? csum : 0xffff);
}

/* ------------------------------------------------------------------ */
/* Datapath                                                            */
/* ------------------------------------------------------------------ */

static int null_tx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_tx_queue *queue,
			 struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct null_txq *q = (struct null_txq *)queue;
	uint16_t i, n = *cnt;
	uint64_t bytes = 0;

	for (i = 0; i < n; i++) {
		struct uk_netbuf *nb = pkts[i];

		bytes += likely(!nb->next) ? nb->len : uk_netbuf_len(nb);
		/* The sum is taken here, in a register: gcc otherwise sinks
		 * the add below the free's calls, keeps len alive across
		 * them and spills bytes, and every packet then waits on a
		 * store-to-load round trip on the stack (pktgen mode=ref,
		 * same instructions, 16% slower). */
		__asm__("" : "+r"(bytes));
		uk_netbuf_free(nb);
	}
	uk_netdev_queue_stats_add(&q->stats, n, bytes);
	return (n ? UK_NETDEV_STATUS_SUCCESS : 0) | UK_NETDEV_STATUS_MORE;
}

static int null_rx_burst(struct uk_netdev *dev __unused,
			 struct uk_netdev_rx_queue *queue,
			 struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct null_rxq *q = (struct null_rxq *)queue;
	struct null_dev *nd = q->ndev;
	uint16_t i, got, n = 0, len = nd->frame_len;
	int status = 0;

	got = q->alloc_rxpkts(q->alloc_rxpkts_argp, pkts, *cnt);
	if (got < *cnt)
		status |= UK_NETDEV_STATUS_UNDERRUN;
	else
		status |= UK_NETDEV_STATUS_MORE;	/* never runs dry */

	for (i = 0; i < got; i++) {
		struct uk_netbuf *nb = pkts[i];

		if (unlikely(nb->buflen < len)) {
			/* buffer too small for the frame: an rx error */
			uk_netdev_queue_stats_error(&q->stats, 1);
			uk_netbuf_free(nb);
			continue;
		}
		nb->data = nb->buf;	/* nb_encap_rx is 0 */
		nb->len = len;
		if (null_copy)
			memcpy(nb->data, nd->frame, len);
		pkts[n++] = nb;
	}
	uk_netdev_queue_stats_add(&q->stats, n, (uint64_t)n * len);
	*cnt = n;
	return n ? status | UK_NETDEV_STATUS_SUCCESS : status;
}

/* ------------------------------------------------------------------ */
/* Control                                                             */
/* ------------------------------------------------------------------ */

static void null_info_get(struct uk_netdev *dev __unused,
			  struct uk_netdev_info *info)
{
	info->max_rx_queues = CONFIG_LIBUKNETDEV_MAXNBQUEUES;
	info->max_tx_queues = CONFIG_LIBUKNETDEV_MAXNBQUEUES;
	info->max_mtu = NULL_MAX_MTU;
	info->nb_encap_tx = 0;
	info->nb_encap_rx = 0;
	info->ioalign = 1;
	info->features = UK_NETDEV_F_TX_REF_SAFE | UK_NETDEV_F_TX_CHAIN;
}

static int null_queue_info_get(struct uk_netdev *dev __unused,
			       uint16_t queue_id __unused,
			       struct uk_netdev_queue_info *qinfo)
{
	qinfo->nb_min = NULL_QUEUE_DESC_MIN;
	qinfo->nb_max = NULL_QUEUE_DESC_MAX;
	qinfo->nb_align = 1;
	qinfo->nb_is_power_of_two = 1;
	return 0;
}

static struct uk_netdev_rx_queue *
null_rxq_configure(struct uk_netdev *dev, uint16_t queue_id,
		   uint16_t nb_desc __unused,
		   struct uk_netdev_rxqueue_conf *conf)
{
	struct null_dev *nd = to_null_dev(dev);
	struct null_rxq *q = &nd->rxq[queue_id];

	memset(q, 0, sizeof(*q));
	q->ndev = nd;
	q->alloc_rxpkts = conf->alloc_rxpkts;
	q->alloc_rxpkts_argp = conf->alloc_rxpkts_argp;
	uk_netdev_rxq_stats_bind(dev, queue_id, &q->stats);
	return (struct uk_netdev_rx_queue *)q;
}

static struct uk_netdev_tx_queue *
null_txq_configure(struct uk_netdev *dev, uint16_t queue_id,
		   uint16_t nb_desc __unused,
		   struct uk_netdev_txqueue_conf *conf __unused)
{
	struct null_txq *q = &to_null_dev(dev)->txq[queue_id];

	memset(q, 0, sizeof(*q));
	uk_netdev_txq_stats_bind(dev, queue_id, &q->stats);
	return (struct uk_netdev_tx_queue *)q;
}

static int null_hwaddr_set(struct uk_netdev *dev,
			   const struct uk_hwaddr *hwaddr)
{
	/* The template embeds the address; rx must not run meanwhile. */
	if (uk_netdev_state_get(dev) == UK_NETDEV_RUNNING)
		return -EBUSY;
	null_build_frame(to_null_dev(dev), hwaddr);
	return uk_netdev_soft_hwaddr_set(dev, hwaddr);
}

static int null_link_get(struct uk_netdev *dev __unused)
{
	return 1;
}

static const struct uk_netdev_ops null_ops = {
	.info_get = null_info_get,
	.rxq_info_get = null_queue_info_get,
	.txq_info_get = null_queue_info_get,
	.rxq_configure = null_rxq_configure,
	.txq_configure = null_txq_configure,
	.stop = uk_netdev_drv_nop,
	.hwaddr_get = uk_netdev_soft_hwaddr_get,
	.hwaddr_set = null_hwaddr_set,
	.promiscuous_get = uk_netdev_soft_promiscuous_get,
	.promiscuous_set = uk_netdev_soft_promiscuous_set,
	.mtu_get = uk_netdev_soft_mtu_get,
	.mtu_set = uk_netdev_soft_mtu_set,
	.link_get = null_link_get,
};

int netdev_null_add(struct uk_alloc *a)
{
	struct uk_hwaddr hwaddr = { { 0x02 } };	/* locally admin. */
	struct null_dev *nd;
	int id;

	nd = uk_calloc(a, 1, sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	nd->idx = null_devs;
	hwaddr.addr_bytes[4] = nd->idx >> 8;
	hwaddr.addr_bytes[5] = nd->idx & 0xff;
	nd->frame_len = (uint16_t)null_size;
	null_build_frame(nd, &hwaddr);

	nd->dev.tx_burst = null_tx_burst;
	nd->dev.rx_burst = null_rx_burst;
	nd->dev.ops = &null_ops;
	id = uk_netdev_drv_register(&nd->dev, a, NETDEV_NULL_DRV_NAME);
	if (id < 0) {
		uk_free(a, nd);
		return id;
	}
	uk_netdev_soft_init(&nd->dev, &hwaddr, 1500);
	null_devs++;
	return id;
}

static int null_init(void)
{
	unsigned long i;
	int rc;

	if (null_size < NETDEV_NULL_SIZE_MIN ||
	    null_size > NETDEV_NULL_SIZE_MAX) {
		uk_pr_err("null: null.size=%lu is not in %u..%u\n", null_size,
			  NETDEV_NULL_SIZE_MIN, NETDEV_NULL_SIZE_MAX);
		return -EINVAL;
	}
	if (null_count > UINT16_MAX) {
		uk_pr_err("null: null.count=%lu is too large\n", null_count);
		return -EINVAL;
	}
	for (i = 0; i < null_count; i++) {
		rc = netdev_null_add(uk_alloc_get_default());
		if (rc < 0) {
			uk_pr_err("null: cannot create device %lu: %d\n", i,
				  rc);
			return rc;
		}
	}
	return 0;
}
uk_plat_initcall(null_init);
