/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu tap device: the linuxu image sends and receives Ethernet frames
 * through Linux tap interfaces, so every NF also runs as a Linux process.
 *
 *   tap.ifname=tap0[,tap1...]   one device per existing tap interface
 *   tap.mac=02:12:34:56:78:9a   MAC of the first device (next ones +1);
 *                               default: random, locally administered
 *
 * Each interface is opened through /dev/net/tun (TUNSETIFF, IFF_TAP |
 * IFF_NO_PI: frames without any prefix) in non-blocking mode. Receive
 * reads frames until the burst is full or read() says EAGAIN; transmit
 * writes each frame (writev over its chain). Both copy, so refcounted
 * resend is safe (UK_NETDEV_F_TX_REF_SAFE). One queue per direction.
 *
 * The interface must exist in the process's network namespace (ip tuntap
 * add dev tap0 mode tap); the driver never creates one.
 */
#include <string.h>
#include <errno.h>
#include <uk/netdev_driver.h>
#include <uk/netdev_tap.h>
#include <uk/netbuf.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/arch/cycles.h>
#include <uk/plat/linuxu/syscall.h>

#define TAP_QUEUE_DESC_DEF	64
#define TAP_MAX_SEGS		16	/* most segments per frame */

/* <linux/if.h>, <linux/if_tun.h>, <linux/sockios.h> */
#define TAP_IFNAMSIZ		16
#define TAP_IFF_TAP		0x0002
#define TAP_IFF_NO_PI		0x1000
#define TAP_TUNSETIFF		0x400454caUL /* _IOW('T', 202, int) */
#define TAP_SIOCGIFINDEX	0x8933
#define TAP_AF_INET		2
#define TAP_SOCK_DGRAM		2

struct tap_ifreq {			/* struct ifreq, 40 bytes */
	char name[TAP_IFNAMSIZ];
	union {
		short flags;
		int ifindex;
		char pad[24];
	};
};

struct tap_iovec {			/* struct iovec */
	void *base;
	size_t len;
};

struct tap_rxq {
	struct uk_netdev_queue_stats stats;
	int fd;
	uint16_t nb_desc;
	uint16_t nb_spare;		/* spare[0 .. nb_spare-1] usable */
	uk_netdev_alloc_rxpkts alloc_rxpkts;
	void *alloc_rxpkts_argp;
	struct uk_alloc *a;
	struct uk_netbuf **spare;	/* empty buffers from alloc_rxpkts */
};

struct tap_txq {
	struct uk_netdev_queue_stats stats;
	int fd;
};

struct tap_dev {
	struct uk_netdev dev;
	int fd;
	char ifname[TAP_IFNAMSIZ];
	struct tap_rxq rxq;
	struct tap_txq txq;
};

#define to_tap_dev(d)	__containerof(d, struct tap_dev, dev)

static const char *tap_ifname;
static const char *tap_mac;

UK_LIBPARAM_STR("tap.ifname", tap_ifname,
		"tap interfaces to use, comma-separated (e.g. tap0,tap1)");
UK_LIBPARAM_STR("tap.mac", tap_mac,
		"MAC of the first tap device (default: random, local)");

/* ------------------------------------------------------------------ */
/* Datapath                                                            */
/* ------------------------------------------------------------------ */

/* Refill the empty spare stack through alloc_rxpkts. @return count */
static int tap_rxq_refill(struct tap_rxq *q)
{
	q->nb_spare = q->alloc_rxpkts(q->alloc_rxpkts_argp, q->spare,
				      q->nb_desc);
	return q->nb_spare;
}

static int tap_rx_burst(struct uk_netdev *dev __unused,
			struct uk_netdev_rx_queue *queue,
			struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct tap_rxq *q = (struct tap_rxq *)queue;
	uint16_t n = 0, want = *cnt;
	uint64_t bytes = 0;
	int status = UK_NETDEV_STATUS_MORE;
	long rc;

	while (n < want) {
		struct uk_netbuf *nb;

		if (unlikely(!q->nb_spare) && !tap_rxq_refill(q)) {
			status = UK_NETDEV_STATUS_UNDERRUN;
			break;
		}
		nb = q->spare[q->nb_spare - 1];
		nb->data = nb->buf;	/* nb_encap_rx is 0 */
		rc = linuxu_syscall(__NR_read, q->fd, nb->data, nb->buflen);
		if (rc <= 0) {
			if (rc != -EAGAIN && rc != -EINTR)
				uk_netdev_queue_stats_error(&q->stats, 1);
			status = 0;
			break;
		}
		q->nb_spare--;
		nb->len = (uint16_t)rc;
		bytes += (uint64_t)rc;
		pkts[n++] = nb;
	}
	uk_netdev_queue_stats_add(&q->stats, n, bytes);
	*cnt = n;
	return n ? status | UK_NETDEV_STATUS_SUCCESS : status;
}

static int tap_tx_burst(struct uk_netdev *dev __unused,
			struct uk_netdev_tx_queue *queue,
			struct uk_netbuf *pkts[], uint16_t *cnt)
{
	struct tap_txq *q = (struct tap_txq *)queue;
	struct tap_iovec iov[TAP_MAX_SEGS];
	uint16_t i, n = *cnt;
	uint64_t bytes = 0;
	int status = UK_NETDEV_STATUS_MORE;

	for (i = 0; i < n; i++) {
		struct uk_netbuf *seg, *nb = pkts[i];
		unsigned int nseg = 0;
		long rc;

		UK_NETBUF_CHAIN_FOREACH(seg, nb) {
			if (unlikely(nseg == TAP_MAX_SEGS))
				break;
			iov[nseg].base = seg->data;
			iov[nseg++].len = seg->len;
		}
		if (unlikely(seg)) {	/* too many segments */
			uk_netdev_queue_stats_error(&q->stats, 1);
			uk_netbuf_free(nb);
			continue;
		}
		rc = linuxu_syscall(__NR_writev, q->fd, iov, nseg);
		if (unlikely(rc == -EAGAIN || rc == -EINTR)) {
			status = 0;	/* full: the caller keeps the rest */
			break;
		}
		if (unlikely(rc < 0))	/* e.g. -EIO: interface down */
			uk_netdev_queue_stats_drop(&q->stats, 1);
		else
			bytes += (uint64_t)rc;
		uk_netbuf_free(nb);
	}
	uk_netdev_queue_stats_add(&q->stats, i, bytes);
	*cnt = i;
	return i ? status | UK_NETDEV_STATUS_SUCCESS : status;
}

/* ------------------------------------------------------------------ */
/* Control                                                             */
/* ------------------------------------------------------------------ */

static void tap_info_get(struct uk_netdev *dev __unused,
			 struct uk_netdev_info *info)
{
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	info->max_mtu = NETDEV_TAP_MAX_MTU;
	info->nb_encap_tx = 0;
	info->nb_encap_rx = 0;
	info->ioalign = 1;
	info->features = UK_NETDEV_F_TX_REF_SAFE | UK_NETDEV_F_TX_CHAIN;
}

static int tap_queue_info_get(struct uk_netdev *dev __unused,
			      uint16_t queue_id __unused,
			      struct uk_netdev_queue_info *qinfo)
{
	qinfo->nb_min = NETDEV_TAP_QUEUE_DESC_MIN;
	qinfo->nb_max = NETDEV_TAP_QUEUE_DESC_MAX;
	qinfo->nb_align = 1;
	qinfo->nb_is_power_of_two = 0;
	return 0;
}

static struct uk_netdev_rx_queue *
tap_rxq_configure(struct uk_netdev *dev, uint16_t queue_id,
		  uint16_t nb_desc, struct uk_netdev_rxqueue_conf *conf)
{
	struct tap_dev *td = to_tap_dev(dev);
	struct tap_rxq *q = &td->rxq;

	q->nb_desc = nb_desc ? nb_desc : TAP_QUEUE_DESC_DEF;
	q->spare = uk_calloc(conf->a, q->nb_desc, sizeof(*q->spare));
	if (!q->spare)
		return ERR2PTR(-ENOMEM);
	q->a = conf->a;
	q->fd = td->fd;
	q->nb_spare = 0;
	q->alloc_rxpkts = conf->alloc_rxpkts;
	q->alloc_rxpkts_argp = conf->alloc_rxpkts_argp;
	memset(&q->stats, 0, sizeof(q->stats));
	uk_netdev_rxq_stats_bind(dev, queue_id, &q->stats);
	return (struct uk_netdev_rx_queue *)q;
}

static struct uk_netdev_tx_queue *
tap_txq_configure(struct uk_netdev *dev, uint16_t queue_id,
		  uint16_t nb_desc __unused,
		  struct uk_netdev_txqueue_conf *conf __unused)
{
	struct tap_dev *td = to_tap_dev(dev);

	td->txq.fd = td->fd;
	memset(&td->txq.stats, 0, sizeof(td->txq.stats));
	uk_netdev_txq_stats_bind(dev, queue_id, &td->txq.stats);
	return (struct uk_netdev_tx_queue *)&td->txq;
}

static int tap_start(struct uk_netdev *dev)
{
	struct tap_dev *td = to_tap_dev(dev);

	/* Fill the spare ring now; an empty one is refilled on rx. */
	if (td->rxq.spare && !td->rxq.nb_spare)
		tap_rxq_refill(&td->rxq);
	return 0;
}

static const struct uk_netdev_ops tap_ops = {
	.info_get = tap_info_get,
	.rxq_info_get = tap_queue_info_get,
	.txq_info_get = tap_queue_info_get,
	.rxq_configure = tap_rxq_configure,
	.txq_configure = tap_txq_configure,
	.start = tap_start,
	.stop = uk_netdev_drv_nop,
	/* A tap hands every frame over: promiscuous is only remembered. */
	.hwaddr_get = uk_netdev_soft_hwaddr_get,
	.hwaddr_set = uk_netdev_soft_hwaddr_set,
	.promiscuous_get = uk_netdev_soft_promiscuous_get,
	.promiscuous_set = uk_netdev_soft_promiscuous_set,
	.mtu_get = uk_netdev_soft_mtu_get,
	.mtu_set = uk_netdev_soft_mtu_set,
};

/* ------------------------------------------------------------------ */
/* Boot                                                                */
/* ------------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "xx:xx:xx:xx:xx:xx" -> @p mac. @return 0 or -EINVAL */
static int tap_parse_mac(const char *s, struct uk_hwaddr *mac)
{
	int i, hi, lo;

	for (i = 0; i < UK_NETDEV_HWADDR_LEN; i++) {
		hi = hexval(s[0]);
		lo = hi < 0 ? -1 : hexval(s[1]);
		if (lo < 0)
			return -EINVAL;
		mac->addr_bytes[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (*s != (i == UK_NETDEV_HWADDR_LEN - 1 ? '\0' : ':'))
			return -EINVAL;
		s++;
	}
	return 0;
}

/* A locally administered unicast MAC from the cycle counter and pid. */
static void tap_random_mac(struct uk_hwaddr *mac)
{
	uint64_t x = ukarch_cycles() ^
		     ((uint64_t)linuxu_syscall(__NR_getpid, 0, 0, 0) << 32);
	int i;

	/* splitmix64 finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	for (i = 0; i < UK_NETDEV_HWADDR_LEN; i++)
		mac->addr_bytes[i] = (uint8_t)(x >> (8 * i));
	mac->addr_bytes[0] = (mac->addr_bytes[0] & 0xfc) | 0x02;
}

/* Open tap interface @p name. @return the fd or a negative errno */
static long tap_open(const char *name)
{
	struct tap_ifreq ifr;
	long fd, sock, rc;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.name, name, strlen(name));

	/* TUNSETIFF would create a missing interface: check it exists. */
	sock = linuxu_syscall(__NR_socket, TAP_AF_INET, TAP_SOCK_DGRAM, 0);
	if (sock < 0) {
		uk_pr_err("tap: %s: socket: error %ld\n", name, -sock);
		return sock;
	}
	rc = linuxu_syscall(__NR_ioctl, sock, TAP_SIOCGIFINDEX, &ifr);
	linuxu_syscall(__NR_close, sock, 0, 0);
	if (rc < 0) {
		uk_pr_err("tap: no interface %s in this network namespace (create it: ip tuntap add dev %s mode tap)\n",
			  name, name);
		return -ENODEV;
	}

	fd = linuxu_syscall(__NR_open, "/dev/net/tun",
			    LINUXU_O_RDWR | LINUXU_O_NONBLOCK, 0);
	if (fd < 0) {
		uk_pr_err("tap: %s: cannot open /dev/net/tun: error %ld%s\n",
			  name, -fd, fd == -EACCES || fd == -EPERM ?
			  " (permission denied)" : "");
		return fd;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.name, name, strlen(name));
	ifr.flags = TAP_IFF_TAP | TAP_IFF_NO_PI;
	rc = linuxu_syscall(__NR_ioctl, fd, TAP_TUNSETIFF, &ifr);
	if (rc < 0) {
		const char *why = "";

		if (rc == -EPERM)
			why = " (permission denied: need CAP_NET_ADMIN or to be the tap's owner)";
		else if (rc == -EBUSY)
			why = " (in use, or not a tap)";
		else if (rc == -EINVAL)
			why = " (not a tap interface)";
		uk_pr_err("tap: %s: TUNSETIFF failed: error %ld%s\n", name,
			  -rc, why);
		linuxu_syscall(__NR_close, fd, 0, 0);
		return rc;
	}
	return fd;
}

static int tap_add(const char *name, const struct uk_hwaddr *mac)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct tap_dev *td;
	long fd;
	int id;

	fd = tap_open(name);
	if (fd < 0)
		return (int)fd;
	td = uk_calloc(a, 1, sizeof(*td));
	if (!td) {
		linuxu_syscall(__NR_close, fd, 0, 0);
		return -ENOMEM;
	}
	td->fd = (int)fd;
	memcpy(td->ifname, name, strlen(name));
	td->dev.tx_burst = tap_tx_burst;
	td->dev.rx_burst = tap_rx_burst;
	td->dev.ops = &tap_ops;
	id = uk_netdev_drv_register(&td->dev, a, NETDEV_TAP_DRV_NAME);
	if (id < 0) {
		linuxu_syscall(__NR_close, fd, 0, 0);
		uk_free(a, td);
		return id;
	}
	uk_netdev_soft_init(&td->dev, mac, 1500);
	uk_pr_info("tap: netdev%d on %s, MAC %02x:%02x:%02x:%02x:%02x:%02x\n",
		   id, name, mac->addr_bytes[0], mac->addr_bytes[1],
		   mac->addr_bytes[2], mac->addr_bytes[3], mac->addr_bytes[4],
		   mac->addr_bytes[5]);
	return 0;
}

static int tap_init(void)
{
	char name[TAP_IFNAMSIZ];
	struct uk_hwaddr mac;
	const char *p, *end;
	size_t len;
	int rc, n = 0;

	if (!tap_ifname || !*tap_ifname)
		return 0;	/* no tap asked for: no device */
	if (tap_mac) {
		if (tap_parse_mac(tap_mac, &mac) < 0) {
			uk_pr_err("tap: tap.mac=%s is not xx:xx:xx:xx:xx:xx\n",
				  tap_mac);
			return -EINVAL;
		}
	} else {
		tap_random_mac(&mac);
	}

	for (p = tap_ifname; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (len == 0 || len >= TAP_IFNAMSIZ || n == NETDEV_TAP_MAX_DEVS) {
			uk_pr_err("tap: bad tap.ifname=%s (names of 1..%d characters, at most %d)\n",
				  tap_ifname, TAP_IFNAMSIZ - 1, NETDEV_TAP_MAX_DEVS);
			return -EINVAL;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		rc = tap_add(name, &mac);
		if (rc < 0)
			return rc;
		mac.addr_bytes[5]++;
		n++;
	}
	return 0;
}
uk_plat_initcall(tap_init);
