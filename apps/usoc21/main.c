/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * usoc21: the packet generator of the Unikraft Summer of Code 2021,
 * Session 10 ("High Performance"), steps 02-07, written on uknf with the
 * calls the tutorial names and nothing else of the netdev API.
 *
 *   02 bring up netdev 0 (count, get, info, configure, rx/tx queues,
 *      start) and print its MAC            -> netif_up()
 *   03 send a UDP frame built by genpkt_usoc21() -> tx_loop(), mode=gen
 *   04 loop (bounded here by count=)       -> tx_loop()
 *   05 print_netspeed() every N packets    -> account()
 *   06 go faster: retry=1 (keep failed packets), mode=copy
 *      (uk_netbuf_dup_single), tx=free (isolate from the device),
 *      mode=ref (uk_netbuf_ref, zero-copy resend)
 *   06.1 pool allocator (uk_allocpool_alloc, uk_allocpool2ukalloc)
 *                                          -> pool_create(), mode=pool
 *   07 receive mode with a pool-backed alloc_rxpkts -> rx_loop(), mode=rx
 *
 * Arguments (main()'s, i.e. after '--' on the kernel command line), each
 * name=value, all optional; "help" lists them (see usage()).
 * Exit status: 0 when count= packets were sent/received, 1 when the loop
 * gave up (tx failures, rx idle bound, out of memory, device error),
 * 2 for a bad argument or a device that would not come up.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/allocpool.h>
#include <uk/netbuf.h>
#include <uk/netdev.h>
#include <uk/print.h>
#include <uk/nf/genpkt.h>
#include <uk/nf/netspeed.h>

/* Bytes the tutorial adds per frame for preamble, SFD, FCS and gap. */
#define ETH_L1_OVERHEAD		24

/* Step 06.1: "As obj_len you should choose 2048" */
#define POOL_OBJ_LEN		2048

enum mode {
	MODE_GEN,	/* 03: genpkt_usoc21() for every packet */
	MODE_COPY,	/* 06.3: uk_netbuf_dup_single() of one template */
	MODE_POOL,	/* 06.4 + 06.1: copy, from the pool allocator */
	MODE_REF,	/* 06.5: uk_netbuf_ref() + resend of one netbuf */
	MODE_RX,	/* 07: receive and count */
};

static const char *const mode_names[] = {
	[MODE_GEN] = "gen",
	[MODE_COPY] = "copy",
	[MODE_POOL] = "pool",
	[MODE_REF] = "ref",
	[MODE_RX] = "rx",
};

struct args {
	enum mode mode;
	uint64_t count;		/* packets to send or receive */
	uint64_t every;		/* print_netspeed() every so many packets */
	uint64_t maxfail;	/* tx: give up after so many failed sends */
	uint64_t idle;		/* rx: give up after so many empty polls */
	uint64_t linger;	/* tx: polls before exiting (see linger()) */
	uint64_t objs;		/* pool objects */
	uint64_t len;		/* frame length without FCS, 60..1518 */
	int alloc_pool;		/* gen/copy: allocate from the pool */
	int retry;		/* 06.2: keep a packet that failed to send */
	int tx_free;		/* 06: free instead of sending */
};

/* Step 07: globals filled before the receive queue is configured */
static struct uk_netdev_info netdev_info;
static struct uk_alloc *p;
/* Buffer size of alloc_rxpkts: what one pool object holds (see README) */
static size_t rx_buflen;

static void usage(void)
{
	printf("usoc21 [name=value ...]\n"
	       "  mode=gen|copy|pool|ref|rx  what to do (gen)\n"
	       "  count=N    packets to send or receive (1000)\n"
	       "  every=N    print_netspeed() every N packets (1048576)\n"
	       "  len=N      frame length without FCS, 60..1518 (60)\n"
	       "  alloc=heap|pool  allocator of gen/copy (heap)\n"
	       "  retry=0|1  keep a packet that failed to send (0)\n"
	       "  tx=dev|free  send, or free instead of sending (dev)\n"
	       "  objs=N     pool objects of %u bytes (1024)\n"
	       "  maxfail=N  tx: give up after N failed sends (10000000)\n"
	       "  idle=N     rx: give up after N empty polls in a row "
	       "(1000000000)\n"
	       "  linger=N   tx: poll N times before exiting, so the device "
	       "sends what is queued (20000000)\n", POOL_OBJ_LEN);
}

static int parse_u64(const char *val, uint64_t min, uint64_t max,
		     uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (*val < '0' || *val > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(val, &end, 0);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_choice(const char *val, const char *const names[],
			unsigned int n, unsigned int *out)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(val, names[i])) {
			*out = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int parse_args(int argc, char *argv[], struct args *args)
{
	static const char *const off_on[] = { "0", "1" };
	static const char *const allocs[] = { "heap", "pool" };
	static const char *const txs[] = { "dev", "free" };
	unsigned int c;
	const char *val;
	char *eq;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "help"))
			return 1;
		eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "usoc21: '%s' is not name=value\n",
				argv[i]);
			return -EINVAL;
		}
		*eq = '\0';
		val = eq + 1;
		if (!strcmp(argv[i], "mode")) {
			rc = parse_choice(val, mode_names,
					  ARRAY_SIZE(mode_names), &c);
			args->mode = (enum mode)c;
		} else if (!strcmp(argv[i], "count")) {
			rc = parse_u64(val, 1, UINT64_MAX, &args->count);
		} else if (!strcmp(argv[i], "every")) {
			rc = parse_u64(val, 1, UINT64_MAX, &args->every);
		} else if (!strcmp(argv[i], "len")) {
			rc = parse_u64(val, 60, 1518, &args->len);
		} else if (!strcmp(argv[i], "alloc")) {
			rc = parse_choice(val, allocs, 2, &c);
			args->alloc_pool = (int)c;
		} else if (!strcmp(argv[i], "retry")) {
			rc = parse_choice(val, off_on, 2, &c);
			args->retry = (int)c;
		} else if (!strcmp(argv[i], "tx")) {
			rc = parse_choice(val, txs, 2, &c);
			args->tx_free = (int)c;
		} else if (!strcmp(argv[i], "objs")) {
			rc = parse_u64(val, 1, UINT32_MAX, &args->objs);
		} else if (!strcmp(argv[i], "maxfail")) {
			rc = parse_u64(val, 0, UINT64_MAX, &args->maxfail);
		} else if (!strcmp(argv[i], "idle")) {
			rc = parse_u64(val, 1, UINT64_MAX, &args->idle);
		} else if (!strcmp(argv[i], "linger")) {
			rc = parse_u64(val, 0, UINT64_MAX, &args->linger);
		} else {
			fprintf(stderr, "usoc21: unknown argument '%s'\n",
				argv[i]);
			return -EINVAL;
		}
		if (rc < 0) {
			fprintf(stderr, "usoc21: bad value '%s' for %s\n",
				val, argv[i]);
			return rc;
		}
	}
	if (args->mode == MODE_POOL)
		args->alloc_pool = 1;
	return 0;
}

/* Step 02: the driver calls this to refill its receive ring; transmit
 * modes receive nothing. */
static uint16_t dummy_alloc_rxpkts(void *argp __unused,
				   struct uk_netbuf *pkts[] __unused,
				   uint16_t count __unused)
{
	return 0;
}

/* Step 07: receive buffers from the pool (p, netdev_info, rx_buflen are
 * set before the receive queue is configured). */
static uint16_t alloc_rxpkts(void *argp __unused, struct uk_netbuf *pkts[],
			     uint16_t count)
{
	uint16_t i;

	for (i = 0; i < count; ++i) {
		pkts[i] = uk_netbuf_alloc_buf(p, rx_buflen,
					      netdev_info.ioalign,
					      netdev_info.nb_encap_rx,
					      0, NULL);
		if (!pkts[i])
			break;	/* the pool is empty */
	}
	return i;
}

/* Step 06.1: a pool of @p objs objects of 2048 bytes and its allocator
 * interface p. */
static struct uk_allocpool *pool_create(uint64_t objs)
{
	struct uk_allocpool *pool;

	pool = uk_allocpool_alloc(uk_alloc_get_default(), objs, POOL_OBJ_LEN,
				  netdev_info.ioalign);
	if (!pool) {
		uk_pr_err("Failed to allocate a pool of %" PRIu64
			  " objects\n", objs);
		return NULL;
	}
	p = uk_allocpool2ukalloc(pool);
	/* Step 07 asks uk_netbuf_alloc_buf() for a 2048-byte buffer, which
	 * does not fit: the netbuf's metadata shares the pool object. */
	rx_buflen = uk_allocpool_objlen(pool) - UK_NETBUF_ALLOC_SIZE(0, 0);
	return pool;
}

/* Step 02: bring netdev 0 through configured -> running. netdev_info is
 * read first: the pool needs its ioalign before the receive queue is
 * configured (step 07). */
static struct uk_netdev *netif_up(const struct args *args,
				  struct uk_allocpool **pool)
{
	struct uk_netdev_conf ifconf = {
		.nb_rx_queues = 1,
		.nb_tx_queues = 1
	};
	struct uk_netdev_rxqueue_conf rxqconf = {
		.a = uk_alloc_get_default(),
		.alloc_rxpkts = dummy_alloc_rxpkts
	};
	struct uk_netdev_txqueue_conf txqconf = {
		.a = uk_alloc_get_default()
	};
	const struct uk_hwaddr *mac;
	struct uk_netdev *netif;
	int rc;

	if (uk_netdev_count() == 0) {
		uk_pr_err("No network device found\n");
		return NULL;
	}
	netif = uk_netdev_get(0);
	if (!netif) {
		uk_pr_err("netdev0: not found\n");
		return NULL;
	}
	uk_netdev_info_get(netif, &netdev_info);
	if (netdev_info.max_rx_queues < 1 || netdev_info.max_tx_queues < 1) {
		uk_pr_err("netdev%u: needs one rx and one tx queue\n",
			  uk_netdev_id_get(netif));
		return NULL;
	}

	if (args->mode == MODE_RX || args->alloc_pool) {
		*pool = pool_create(args->objs);
		if (!*pool)
			return NULL;
	}
	if (args->mode == MODE_RX)
		rxqconf.alloc_rxpkts = alloc_rxpkts;

	rc = uk_netdev_configure(netif, &ifconf);
	if (rc < 0) {
		uk_pr_err("netdev%u: configure failed: %d\n",
			  uk_netdev_id_get(netif), rc);
		return NULL;
	}
	/* 0 descriptors: the driver chooses the queue size */
	rc = uk_netdev_rxq_configure(netif, 0, 0, &rxqconf);
	if (rc < 0) {
		uk_pr_err("netdev%u: rx queue 0: configure failed: %d\n",
			  uk_netdev_id_get(netif), rc);
		return NULL;
	}
	rc = uk_netdev_txq_configure(netif, 0, 0, &txqconf);
	if (rc < 0) {
		uk_pr_err("netdev%u: tx queue 0: configure failed: %d\n",
			  uk_netdev_id_get(netif), rc);
		return NULL;
	}
	rc = uk_netdev_start(netif);
	if (rc < 0) {
		uk_pr_err("netdev%u: start failed: %d\n",
			  uk_netdev_id_get(netif), rc);
		return NULL;
	}

	mac = uk_netdev_hwaddr_get(netif);
	if (!mac) {
		uk_pr_err("netdev%u: no hardware address\n",
			  uk_netdev_id_get(netif));
		return NULL;
	}
	printf("usoc21: netdev%u: MAC %02x:%02x:%02x:%02x:%02x:%02x, "
	       "ioalign %u, headroom tx %u rx %u\n",
	       uk_netdev_id_get(netif),
	       mac->addr_bytes[0], mac->addr_bytes[1], mac->addr_bytes[2],
	       mac->addr_bytes[3], mac->addr_bytes[4], mac->addr_bytes[5],
	       (unsigned int)netdev_info.ioalign,
	       (unsigned int)netdev_info.nb_encap_tx,
	       (unsigned int)netdev_info.nb_encap_rx);
	return netif;
}

/* Step 05: count one packet; print the rate every args->every. */
static inline void account(const struct args *args, uint64_t *total_nb_pkts,
			   uint64_t *total_nb_bytes, uint64_t *since,
			   uint16_t len)
{
	*total_nb_pkts += 1;
	*total_nb_bytes += len + ETH_L1_OVERHEAD;
	if (++*since == args->every) {
		print_netspeed(*total_nb_pkts, *total_nb_bytes);
		*since = 0;
	}
}

/* The rate of the last (partial) window and the totals. */
static void report(const char *what, uint64_t pkts, uint64_t bytes,
		   uint64_t since, uint64_t fails)
{
	if (since)
		print_netspeed(pkts, bytes);
	printf("usoc21: %s %" PRIu64 " packets, %" PRIu64 " bytes "
	       "(with %u bytes of L1 overhead each), %" PRIu64 " failures\n",
	       what, pkts, bytes, ETH_L1_OVERHEAD, fails);
}

/* Steps 03-06: make a packet the way the mode says. */
static inline struct uk_netbuf *make_pkt(const struct args *args,
					 struct uk_alloc *a,
					 const struct uk_hwaddr *mac,
					 struct uk_netbuf *tmpl)
{
	switch (args->mode) {
	case MODE_GEN:
		return genpkt_usoc21(a, netdev_info.ioalign,
				     netdev_info.nb_encap_tx,
				     (uint16_t)args->len, mac);
	case MODE_REF:
		uk_netbuf_ref(tmpl);
		return tmpl;
	default:
		return uk_netbuf_dup_single(a, netdev_info.ioalign,
					    netdev_info.nb_encap_tx, tmpl);
	}
}

/*
 * The tutorial's generator never stops; this one does, and a successful
 * uk_netdev_tx_one() only means the frame is queued: the device (QEMU's
 * virtio-net backend) sends it later, and whatever is still queued when
 * the image exits is lost. There is no "wait until sent" call among the
 * tutorial's, so keep the device running for a while by polling the
 * receive queue (which frees what it gets).
 */
static void linger(struct uk_netdev *netif, uint64_t polls)
{
	struct uk_netbuf *pkt;
	uint64_t i;

	for (i = 0; i < polls; i++) {
		if (uk_netdev_status_successful(uk_netdev_rx_one(netif, 0,
								 &pkt)))
			uk_netbuf_free(pkt);
	}
}

static int tx_loop(struct uk_netdev *netif, const struct args *args)
{
	uint64_t total_nb_pkts = 0;	/* total number of pkts sent */
	uint64_t total_nb_bytes = 0;	/* total number of bytes sent */
	uint64_t since = 0, fails = 0;
	const struct uk_hwaddr *mac = uk_netdev_hwaddr_get(netif);
	struct uk_alloc *a = args->alloc_pool ? p : uk_alloc_get_default();
	struct uk_netbuf *tmpl = NULL, *pkt = NULL;
	uint16_t len = (uint16_t)args->len;
	int status, ret = 0;

	if (args->mode != MODE_GEN) {
		/* The primordial packet of copy, pool and ref */
		tmpl = genpkt_usoc21(uk_alloc_get_default(),
				     netdev_info.ioalign,
				     netdev_info.nb_encap_tx, len, mac);
		if (!tmpl) {
			uk_pr_err("Failed to generate the template packet\n");
			return 1;
		}
	}
	printf("usoc21: mode=%s alloc=%s retry=%d tx=%s len=%u: sending "
	       "%" PRIu64 " packets\n", mode_names[args->mode],
	       args->alloc_pool ? "pool" : "heap", args->retry,
	       args->tx_free ? "free" : "dev", len, args->count);
	print_netspeed(0, 0);	/* start of the first window */

	while (total_nb_pkts < args->count) {
		if (!pkt) {
			pkt = make_pkt(args, a, mac, tmpl);
			if (unlikely(!pkt)) {
				/* A driver keeps sent packets until its ring
				 * runs low: a pool smaller than the tx ring
				 * runs dry for good. */
				uk_pr_err("Out of memory after %" PRIu64
					  " packets%s\n", total_nb_pkts,
					  args->alloc_pool ? " (objs= smaller "
					  "than the tx ring?)" : "");
				ret = 1;
				break;
			}
		}
		if (args->tx_free) {
			/* Step 06: without the device, always a success */
			uk_netbuf_free(pkt);
			status = UK_NETDEV_STATUS_SUCCESS;
		} else {
			status = uk_netdev_tx_one(netif, 0, pkt);
		}
		if (likely(uk_netdev_status_successful(status))) {
			/* Do not touch pkt anymore: the driver owns it */
			pkt = NULL;
			account(args, &total_nb_pkts, &total_nb_bytes, &since,
				len);
			continue;
		}
		if (status < 0)
			uk_pr_err("netdev%u: Failed to send packet %p: %d\n",
				  uk_netdev_id_get(netif), pkt, status);
		if (status < 0 || !args->retry) {
			uk_netbuf_free(pkt);
			pkt = NULL;
		}
		if (status < 0 || ++fails > args->maxfail) {
			ret = 1;
			break;
		}
	}
	uk_netbuf_free(pkt);
	report("sent", total_nb_pkts, total_nb_bytes, since, fails);
	if (!args->tx_free)
		linger(netif, args->linger);
	uk_netbuf_free(tmpl);
	return ret;
}

/* Step 07: poll, count and free. */
static int rx_loop(struct uk_netdev *netif, const struct args *args)
{
	uint64_t nb_total_pkts = 0, nb_total_bytes = 0;
	uint64_t since = 0, idle = 0, errors = 0;
	struct uk_netbuf *pkt;
	int status, ret = 0;

	printf("usoc21: mode=rx: receiving %" PRIu64 " packets (buffers of "
	       "%zu bytes)\n", args->count, rx_buflen);
	print_netspeed(0, 0);

	while (nb_total_pkts < args->count) {
		status = uk_netdev_rx_one(netif, 0, &pkt);
		if (likely(uk_netdev_status_successful(status))) {
			/* count packet and bytes and free received packet */
			account(args, &nb_total_pkts, &nb_total_bytes, &since,
				pkt->len);
			uk_netbuf_free(pkt);
			idle = 0;
			continue;
		}
		if (unlikely(status < 0)) {
			uk_pr_err("netdev%u: receive failed: %d\n",
				  uk_netdev_id_get(netif), status);
			errors++;
			ret = 1;
			break;
		}
		if (unlikely(++idle == args->idle)) {
			uk_pr_err("No packet in %" PRIu64 " polls, giving up\n",
				  args->idle);
			ret = 1;
			break;
		}
	}
	report("received", nb_total_pkts, nb_total_bytes, since, errors);
	return ret;
}

int main(int argc, char *argv[])
{
	struct args args = {
		.mode = MODE_GEN,
		.count = 1000,
		.every = 1 << 20,
		.maxfail = 10000000,
		.idle = 1000000000,
		.linger = 20000000,
		.objs = 1024,
		.len = 60,
	};
	struct uk_allocpool *pool = NULL;
	struct uk_netdev *netif;
	int rc;

	rc = parse_args(argc, argv, &args);
	if (rc) {
		usage();
		return rc > 0 ? 0 : 2;
	}
	netif = netif_up(&args, &pool);
	if (!netif)
		return 2;
	if (args.mode == MODE_RX)
		return rx_loop(netif, &args);
	return tx_loop(netif, &args);
}
