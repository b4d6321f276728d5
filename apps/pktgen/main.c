/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pktgen: a UDP/IPv4 packet generator on uknetdev (USoC'21 session 10,
 * with everything the tutorial lists as "go faster" as a run-time mode).
 *
 * Arguments are key=value words after the kernel's "--" (README.md,
 * "help"). The fast path is burst-first, as DPDK's txonly:
 *
 *   1. top the burst array up to `burst` frames behind the frames the
 *      previous round could not send (never dropped, never leaked),
 *      as many as the token bucket allows (nf_rate);
 *   2. one uk_netdev_tx_burst() for all of them;
 *   3. every TICK_EVERY rounds read the cycle counter once: end of the
 *      run, periodic statistics line.
 *
 * No printing, no allocation that is not the mode's point and at most
 * one cycle-counter read per round (for the timestamp and the bucket);
 * the per-frame work is the mode's own: build, dup, copy or a refcount.
 *
 * Exit status: 0 done, 1 run-time failure (no device, no memory, the
 * device refused a burst), 2 bad arguments (or a mode the device cannot
 * do).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/arch/cycles.h>
#include <uk/netbuf.h>
#include <uk/netbuf_pool.h>
#include <uk/netdev.h>
#include <uk/plat/time.h>
#include <uk/nf/args.h>
#include <uk/nf/ether.h>
#include <uk/nf/flows.h>
#include <uk/nf/gen.h>
#include <uk/nf/genpkt.h>
#include <uk/nf/netspeed.h>
#include <uk/nf/port.h>
#include <uk/nf/rate.h>
#include <uk/nf/stats.h>

#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

/* Largest burst= (size of the on-stack burst arrays). */
#define BURST_MAX	256
/*
 * Rounds between two cycle-counter reads for the deadline and the stats
 * line. A round is one tx burst (a few µs at full speed, ~100 ns when
 * the bucket is empty), so 64 rounds keep the end of the run and the
 * stats lines within well under a millisecond while the read costs
 * nothing per frame.
 */
#define TICK_EVERY	64
/* pool: netbufs for sending; covers a 1024-descriptor ring (512 frames
 * with virtio-net's two descriptors each) plus the largest burst. */
#define TXPOOL_SIZE	1024
/* How long the end of the run waits for the driver to finish sending. */
#define DRAIN_NS	(1000ULL * 1000 * 1000)
/* Bytes per frame on the wire besides the frame itself: FCS. */
#define ETH_FCS_LEN	4

enum pktgen_mode { MODE_GEN, MODE_COPY, MODE_POOL, MODE_REF };

static const char *const mode_names[] = { "gen", "copy", "pool", "ref",
					  NULL };

/* What the arguments ask for. */
static struct pktgen_conf {
	uint16_t port;
	uint16_t queue;
	struct uk_hwaddr dmac;
	struct uk_hwaddr smac;
	uint32_t sip;		/* host order */
	uint32_t dip;
	uint16_t sport;
	uint16_t dport;
	const char *size_arg;	/* parsed into size (rand: prefix) */
	struct nf_size_spec size;
	uint64_t count;		/* frames, 0: no limit */
	uint64_t duration_ns;	/* 0: no limit */
	struct nf_rate_spec rate;
	uint32_t flows;
	uint16_t burst;
	unsigned int mode;	/* enum pktgen_mode */
	uint64_t stats_ns;	/* 0: no periodic line */
} cf;

/* One table entry; designated so unnamed fields are zero. */
#define ARG(n, t, d, df, h, ...)					\
	{ .name = (n), .type = (t), .dst = (d), .def = (df), .help = (h), \
	  __VA_ARGS__ }

static struct nf_arg args[] = {
	ARG("port", NF_ARG_U16, &cf.port, "0", "network device number"),
	ARG("queue", NF_ARG_U16, &cf.queue, "0", "transmit queue"),
	ARG("dmac", NF_ARG_MAC, &cf.dmac, "ff:ff:ff:ff:ff:ff",
	    "destination MAC"),
	ARG("smac", NF_ARG_MAC, &cf.smac, NULL,
	    "source MAC (default: the device's)"),
	ARG("sip", NF_ARG_IPV4, &cf.sip, "198.18.0.1", "source IPv4"),
	ARG("dip", NF_ARG_IPV4, &cf.dip, "198.19.0.1", "destination IPv4"),
	ARG("sport", NF_ARG_U16, &cf.sport, "5001",
	    "UDP source port (first of flows=)"),
	ARG("dport", NF_ARG_U16, &cf.dport, "5001", "UDP destination port"),
	ARG("size", NF_ARG_STR, &cf.size_arg, "60",
	    "frame bytes without FCS: 60..1518, MIN-MAX or rand:MIN-MAX "
	    "(random), seq:MIN-MAX (stepping), imix"),
	ARG("count", NF_ARG_U64, &cf.count, "0",
	    "frames to send (0: no limit)"),
	ARG("duration", NF_ARG_DURATION, &cf.duration_ns, "10s",
	    "stop after this long (0: no limit)"),
	ARG("rate", NF_ARG_RATE, &cf.rate, "0",
	    "frames/s (100k, 1Mpps) or L1 bits/s (100Mbps); 0: as fast as "
	    "possible"),
	ARG("flows", NF_ARG_U32, &cf.flows, "1",
	    "flows, source port sport..sport+flows-1", .min = 1,
	    .max = 65536),
	ARG("burst", NF_ARG_U16, &cf.burst, "32", "frames per tx burst",
	    .min = 1, .max = BURST_MAX),
	ARG("mode", NF_ARG_ENUM, &cf.mode, "pool",
	    "gen: build each frame, copy: dup a template, pool: template "
	    "copied into pool netbufs, ref: resend one netbuf",
	    .choices = mode_names),
	ARG("stats", NF_ARG_DURATION, &cf.stats_ns, "1s",
	    "periodic rate line interval (0: off)"),
	NF_ARG_END
};

/* The run: device, templates, counters. */
struct pktgen {
	enum pktgen_mode mode;
	struct nf_port port;
	struct uk_netdev *dev;
	struct uk_alloc *a;	/* gen, copy: default allocator */
	uint16_t headroom;	/* tx headroom the driver needs */
	uint16_t ioalign;
	/* copy: the primordial netbuf; ref: the one netbuf resent */
	struct uk_netbuf *tmpl;
	/* pool: the template frame, tmpl_len bytes (the largest size) */
	uint8_t frame[NF_GEN_PKTLEN_MAX];
	uint16_t tmpl_len;
	bool vary_size;		/* size= is not one fixed size */
	bool vary_flows;	/* flows= > 1 */
	struct nf_sizes sizes;
	struct nf_flows flows;
	uint64_t seq;		/* next sequence number: from 1, since 0
				 * marks ref mode's unsequenced frames */
	/* ns = base_ns + (cycles - base_cyc) * ns_mult >> 32 */
	uint64_t base_cyc;
	uint64_t base_ns;
	uint64_t ns_mult;
	/* pool: netbufs for sending, apart from the port's receive pool;
	 * with `prefilled` their buffers hold a frame from the last send
	 * (the driver never writes into sent frames), so a send only
	 * rewrites the fields that change. */
	struct uk_netbuf_pool *txpool;
	bool prefilled;
	unsigned int pool_avail0; /* pool: free netbufs before the run */
	/* counters */
	uint64_t built;		/* frames made (sent + held at the end) */
	uint64_t sent;		/* frames the driver took */
	uint64_t bytes;		/* their bytes without FCS */
	uint64_t full;		/* bursts that found the queue full */
	uint64_t nomem;		/* frames that could not be allocated */
	uint64_t tx_errors;	/* bursts refused with an error */
};

/* gen and copy netbufs count themselves when the driver frees them, so
 * the end of the run can wait until they have all left. */
static uint64_t freed_count;

static void pktgen_dtor(struct uk_netbuf *nb __unused)
{
	freed_count++;
}

static const struct nf_arg *arg_find(const char *name)
{
	const struct nf_arg *a;

	for (a = args; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* size=: nf's SIZES syntax, plus "rand:" as an explicit spelling of the
 * random range. @return 0 or -EINVAL after printing why */
static int parse_size_arg(void)
{
	struct nf_arg a = { .name = "size", .type = NF_ARG_SIZES,
			    .dst = &cf.size };
	const char *s = cf.size_arg, *why;

	if (!strncmp(s, "rand:", 5))
		s += 5;
	if (nf_arg_set(&a, s, &why)) {
		printf("pktgen: error: bad value '%s' for 'size': %s\n",
		       cf.size_arg, why);
		return -EINVAL;
	}
	if (!strncmp(cf.size_arg, "rand:", 5) && cf.size.mode ==
	    NF_SIZE_FIXED) {
		printf("pktgen: error: bad value '%s' for 'size': rand: "
		       "needs a range MIN-MAX\n", cf.size_arg);
		return -EINVAL;
	}
	return 0;
}

/* Mean frame length of size= (what the bit-rate bucket charges a frame:
 * exact for one size, the long-run average for the others). */
static uint64_t size_mean(const struct nf_size_spec *s)
{
	if (s->mode == NF_SIZE_IMIX)
		return NF_IMIX_PERIOD_BYTES / NF_IMIX_PERIOD;
	return ((uint64_t)s->min + s->max) / 2;
}

/* Cycle counter -> monotonic ns, without a clock call per burst. */
static inline uint64_t cyc2ns(const struct pktgen *g, uint64_t cyc)
{
	return g->base_ns + (uint64_t)(((unsigned __int128)(cyc - g->base_cyc)
					* g->ns_mult) >> 32);
}

/* Size, flow and stamp of a frame whose template is @p oldlen long. */
static inline void frame_finish(struct pktgen *g, uint8_t *f,
				uint16_t oldlen, uint16_t len, uint64_t ts)
{
	/* The template's padding is zeros, so shrinking only fixes the
	 * lengths and checksums (incrementally). */
	if (len != oldlen)
		nf_gen_udp4_resize(f, oldlen, len);
	if (g->vary_flows)
		nf_flows_apply(&g->flows, f);
	nf_gen_stamp(f, g->seq++, ts);
}

/*
 * Make up to @p n frames into @p pkts (lengths into @p lens), stamped
 * with @p ts. One switch per burst, then a loop of the mode's own work.
 * @return how many were made (fewer when memory runs out)
 */
static unsigned int frames_make(struct pktgen *g, struct uk_netbuf **pkts,
				uint16_t *lens, unsigned int n, uint64_t ts)
{
	const uint16_t fixed = g->tmpl_len;
	struct uk_netbuf *nb;
	unsigned int i;
	uint16_t len;

	switch (g->mode) {
	case MODE_GEN:
		for (i = 0; i < n; i++) {
			len = g->vary_size ? nf_sizes_next(&g->sizes) : fixed;
			/* The tutorial's way: allocate and build it all,
			 * checksums summed over the whole frame. */
			nb = genpkt_udp4(g->a, g->ioalign, g->headroom, len,
					 &cf.smac, &cf.dmac, cf.sip, cf.dip,
					 cf.sport, cf.dport);
			if (unlikely(!nb))
				break;
			nb->dtor = pktgen_dtor;
			frame_finish(g, nb->data, len, len, ts);
			pkts[i] = nb;
			lens[i] = len;
		}
		break;
	case MODE_COPY:
		for (i = 0; i < n; i++) {
			len = g->vary_size ? nf_sizes_next(&g->sizes) : fixed;
			/* memcpy of the whole template (the largest size),
			 * then shrunk in place. */
			nb = uk_netbuf_dup_single(g->a, g->ioalign,
						  g->headroom, g->tmpl);
			if (unlikely(!nb))
				break;
			nb->dtor = pktgen_dtor;
			frame_finish(g, nb->data, fixed, len, ts);
			nb->len = len;
			pkts[i] = nb;
			lens[i] = len;
		}
		break;
	case MODE_POOL:
		/* O(n) for the batch: pointers off the pool's stack. */
		n = uk_netbuf_pool_get_batch(g->txpool, pkts, n);
		for (i = 0; i < n; i++) {
			len = g->vary_size ? nf_sizes_next(&g->sizes) : fixed;
			nb = pkts[i];
			if (likely(g->prefilled)) {
				/* The frame of its last send is there: only
				 * size, flow and stamp change. */
				frame_finish(g, nb->data,
					     nf_gen_udp4_len(nb->data), len,
					     ts);
			} else {
				/* Only the bytes this frame needs. */
				memcpy(nb->data, g->frame, len);
				frame_finish(g, nb->data, fixed, len, ts);
			}
			nb->len = len;
			lens[i] = len;
		}
		break;
	default: /* MODE_REF */
		/* One more reference per send: the driver's free after the
		 * send drops it, the netbuf itself stays ours. */
		for (i = 0; i < n; i++) {
			uk_netbuf_ref(g->tmpl);
			pkts[i] = g->tmpl;
			lens[i] = fixed;
		}
		break;
	}
	return i;
}

/* Frames given to the driver that it has not freed yet. */
static uint64_t frames_inflight(const struct pktgen *g)
{
	switch (g->mode) {
	case MODE_GEN:
	case MODE_COPY:
		/* built, not sent: the frames run() frees itself count too */
		return g->built - freed_count;
	case MODE_POOL:
		return g->pool_avail0 - uk_netbuf_pool_availcount(g->txpool);
	default:
		return uk_netbuf_refcount_single_get(g->tmpl) - 1;
	}
}

/*
 * Let the driver finish: a burst of 0 frames reclaims the completed
 * ones (virtio-net: the host has read them), so once nothing is in
 * flight every frame has left the guest. Bounded by DRAIN_NS.
 * @return frames still in flight
 */
static uint64_t drain(struct pktgen *g)
{
	uint64_t end = ukplat_monotonic_clock() + DRAIN_NS;
	uint64_t left;
	uint16_t zero;

	for (;;) {
		zero = 0;
		uk_netdev_tx_burst(g->dev, cf.queue, NULL, &zero);
		left = frames_inflight(g);
		if (!left || ukplat_monotonic_clock() >= end)
			return left;
	}
}

/* a * b / c in 128 bits (rates from counters and nanoseconds). */
static uint64_t muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	return c ? (uint64_t)((unsigned __int128)a * b / c) : 0;
}

/* "I.FFFFFF" of a value in millionths (no floating point in the core). */
#define MICRO_FMT	"%" PRIu64 ".%06" PRIu64
#define MICRO_ARG(v)	(v) / 1000000, (v) % 1000000

static void print_stats(struct pktgen *g, struct nf_stats_window *w,
			uint64_t now_ns)
{
	struct nf_netspeed s;
	char line[64];

	/* mbps on the wire (L1): every frame + 24 bytes, as the tutorial's
	 * print_netspeed() counts it. */
	if (!nf_stats_window_update(w, now_ns, g->sent,
				    g->bytes + g->sent * NF_ETH_L1_OVERHEAD,
				    &s))
		return;
	nf_netspeed_fmt(line, sizeof(line), &s);
	printf("pktgen: t=" MICRO_FMT " %s\n",
	       MICRO_ARG((now_ns - g->base_ns) / 1000), line);
}

/* The line scripts parse: see README.md. */
static void print_done(struct pktgen *g, uint64_t ns, uint64_t inflight)
{
	uint64_t pps = muldiv(g->sent, 1000000000ULL, ns);
	/* bits / ns = Gbit/s; * 10^6 for millionths */
	uint64_t l2 = muldiv(g->bytes + g->sent * ETH_FCS_LEN, 8000000ULL,
			     ns);
	uint64_t l1 = muldiv(g->bytes + g->sent * NF_ETH_L1_OVERHEAD,
			     8000000ULL, ns);

	printf("pktgen: done pkts=%" PRIu64 " bytes=%" PRIu64
	       " seconds=" MICRO_FMT " mpps=" MICRO_FMT " gbps_l2=" MICRO_FMT
	       " gbps_l1=" MICRO_FMT " tx_errors=%" PRIu64 " full=%" PRIu64
	       " nomem=%" PRIu64 " inflight=%" PRIu64 " mode=%s\n",
	       g->sent, g->bytes, MICRO_ARG(ns / 1000), MICRO_ARG(pps),
	       MICRO_ARG(l2), MICRO_ARG(l1), g->tx_errors, g->full, g->nomem,
	       inflight, mode_names[g->mode]);
}

/*
 * The fast path. Returns when count= frames were sent, duration= has
 * passed, or the device refused a burst (then < 0).
 */
static int run(struct pktgen *g)
{
	struct uk_netbuf *pkts[BURST_MAX];
	uint16_t lens[BURST_MAX];
	const uint16_t burst = cf.burst;
	const uint64_t count = cf.count;
	const uint64_t mean = size_mean(&cf.size);
	const bool stamp = g->mode != MODE_REF;
	uint64_t hz = ukplat_cycles_hz();
	uint64_t now, deadline, ts = 0, b;
	struct nf_stats_window w = { 0 };
	struct nf_tick tick;
	struct nf_rate r;
	unsigned int have = 0, room, made, i;
	uint32_t iter = 0;
	uint16_t n;
	int st, rc = 0;

	now = ukarch_cycles();
	/* Bucket of one burst: never more than `burst` frames back to
	 * back after an idle spell (see <uk/nf/rate.h>). */
	b = cf.rate.unit == NF_RATE_PPS ? burst
		: (uint64_t)burst * (mean + NF_ETH_L1_OVERHEAD);
	if (nf_rate_init(&r, hz, cf.rate.unit, cf.rate.value, b, now))
		return -EINVAL;	/* checked in main() already */
	/* Deadline and stats in cycles: the loop never converts. */
	deadline = cf.duration_ns ? now + muldiv(cf.duration_ns, hz,
						  1000000000ULL) : 0;
	/* Only nf_tick_check() is used: the loop's own round counter
	 * decides when to read the clock, and that one read serves the
	 * deadline too. */
	nf_tick_init(&tick, muldiv(cf.stats_ns ? cf.stats_ns
				   : UKPLAT_NSEC_PER_SEC, hz,
				   1000000000ULL), TICK_EVERY, now);
	g->base_cyc = now;
	g->base_ns = ukplat_monotonic_clock();
	g->ns_mult = muldiv(1000000000ULL, 1ULL << 32, hz);
	nf_stats_window_update(&w, g->base_ns, 0, 0, NULL);

	for (;;) {
		/* 1. Top up behind the frames the last burst left. */
		room = burst - have;
		if (count && room > count - g->built)
			room = (unsigned int)(count - g->built);
		if (room && (stamp || r.cost)) {
			/* One clock read per round serves the bucket and
			 * the timestamps. */
			now = ukarch_cycles();
			if (r.cost)
				room = nf_rate_take_at(&r, now, room,
						       room * mean);
			ts = cyc2ns(g, now);
		}
		if (room) {
			made = frames_make(g, &pkts[have], &lens[have], room,
					   ts);
			if (unlikely(made < room)) {
				/* Out of memory: the bucket's credit for
				 * the missing frames goes back. */
				g->nomem += room - made;
				if (r.cost)
					nf_rate_refund(&r, room - made,
						       (room - made) * mean);
			}
			have += made;
			g->built += made;
		}

		/* 2. One burst for all of them. */
		if (likely(have)) {
			n = (uint16_t)have;
			st = uk_netdev_tx_burst(g->dev, cf.queue, pkts, &n);
			if (unlikely(st < 0)) {
				/* Not running or a bad queue: will not
				 * recover by retrying. */
				g->tx_errors++;
				rc = st;
				break;
			}
			if (likely(n)) {
				/* The driver owns pkts[0..n) now: their
				 * lengths come from lens[]. */
				for (i = 0; i < n; i++)
					g->bytes += lens[i];
				g->sent += n;
				have -= n;
				if (unlikely(have)) {
					/* Queue filled up: the tail goes
					 * first next round. */
					memmove(pkts, &pkts[n],
						have * sizeof(*pkts));
					memmove(lens, &lens[n],
						have * sizeof(*lens));
				}
			} else {
				g->full++;
			}
			if (count && g->sent == count)
				break;
		}

		/* 3. Now and then: the clock, once. */
		if (unlikely(++iter % TICK_EVERY == 0)) {
			now = ukarch_cycles();
			if (deadline && (int64_t)(now - deadline) >= 0)
				break;
			if (cf.stats_ns && nf_tick_check(&tick, now))
				print_stats(g, &w, cyc2ns(g, now));
		}
	}
	/* Frames made but never taken are ours: give them back. */
	for (i = 0; i < have; i++)
		uk_netbuf_free(pkts[i]);
	return rc;
}

/*
 * pool: a pool of netbufs just big enough for the largest frame. When
 * the driver leaves sent frames untouched (UK_NETDEV_F_TX_REF_SAFE),
 * every buffer gets the template once, here, instead of on every send.
 * @return 0 or EXIT_FAIL
 */
static int txpool_setup(struct pktgen *g)
{
	struct uk_netbuf **nbs;
	unsigned int n, i;

	g->txpool = uk_netbuf_pool_create(g->a, TXPOOL_SIZE,
					  g->headroom + g->tmpl_len,
					  g->ioalign, g->headroom, 0);
	if (!g->txpool) {
		printf("pktgen: no memory for %u netbufs of %u bytes\n",
		       TXPOOL_SIZE, g->headroom + g->tmpl_len);
		return EXIT_FAIL;
	}
	g->pool_avail0 = uk_netbuf_pool_availcount(g->txpool);
	g->prefilled = g->port.info.features & UK_NETDEV_F_TX_REF_SAFE;
	if (!g->prefilled)
		return 0;
	/* Take them all at once (the pool is LIFO), fill, give back. */
	nbs = uk_malloc(g->a, TXPOOL_SIZE * sizeof(*nbs));
	if (!nbs) {
		g->prefilled = false;
		return 0;
	}
	n = uk_netbuf_pool_get_batch(g->txpool, nbs, TXPOOL_SIZE);
	for (i = 0; i < n; i++) {
		memcpy(nbs[i]->data, g->frame, g->tmpl_len);
		uk_netbuf_free(nbs[i]);
	}
	uk_free(g->a, nbs);
	return 0;
}

/* Templates and state of the chosen mode. @return 0 or EXIT_* */
static int setup(struct pktgen *g)
{
	int len;

	g->dev = g->port.dev;
	g->a = uk_alloc_get_default();
	g->headroom = g->port.info.nb_encap_tx;
	g->ioalign = g->port.info.ioalign;
	g->vary_size = cf.size.mode != NF_SIZE_FIXED;
	g->vary_flows = cf.flows > 1;
	/* Fixed seed: two runs with the same arguments send the same
	 * sizes. */
	nf_sizes_init(&g->sizes, &cf.size, 1);
	nf_flows_init(&g->flows, NF_FLOWS_PORT, cf.flows, cf.sip, cf.sport);
	/* Templates are built at the largest size (zero padding): smaller
	 * frames are a prefix of it plus an incremental fix. */
	g->tmpl_len = nf_size_spec_max(&cf.size);

	switch (g->mode) {
	case MODE_GEN:
		break;
	case MODE_COPY:
	case MODE_REF:
		g->tmpl = genpkt_udp4(g->a, g->ioalign, g->headroom,
				      g->tmpl_len, &cf.smac, &cf.dmac, cf.sip,
				      cf.dip, cf.sport, cf.dport);
		if (!g->tmpl) {
			printf("pktgen: no memory for the template\n");
			return EXIT_FAIL;
		}
		break;
	case MODE_POOL:
		len = genpkt_udp4_build(g->frame, sizeof(g->frame),
					g->tmpl_len, &cf.smac, &cf.dmac,
					cf.sip, cf.dip, cf.sport, cf.dport);
		if (len < 0)
			return EXIT_FAIL;
		return txpool_setup(g);
	}
	return 0;
}

static void usage(void)
{
	printf("pktgen: send UDP/IPv4 frames, e.g.\n"
	       "  -- count=1000 rate=1000 dmac=02:00:00:00:00:02 size=60\n"
	       "Exit status: 0 done, 1 run-time failure, 2 bad arguments.\n");
	nf_args_help(args);
}

int main(int argc, char *argv[])
{
	static struct pktgen g = { .seq = 1 };
	struct nf_port_conf pc;
	struct nf_rate rchk;
	uint64_t ns, t0, inflight;
	char msg[160];
	int rc;

	rc = nf_args_parse_msg(args, argc, argv, msg, sizeof(msg));
	if (rc == NF_ARGS_HELP) {
		usage();
		return EXIT_OK;
	}
	if (rc < 0) {
		printf("pktgen: error: %s\n", msg);
		return EXIT_USAGE;
	}
	if (parse_size_arg())
		return EXIT_USAGE;
	g.mode = cf.mode;
	if (g.mode == MODE_REF && (cf.size.mode != NF_SIZE_FIXED ||
				   cf.flows > 1)) {
		printf("pktgen: error: mode=ref resends one frame: it needs "
		       "one size and flows=1\n");
		return EXIT_USAGE;
	}
	/* A rate the bucket cannot represent is an argument error. */
	if (nf_rate_init(&rchk, ukplat_cycles_hz(), cf.rate.unit,
			 cf.rate.value, cf.burst, 0)) {
		printf("pktgen: error: bad value for 'rate': out of range\n");
		return EXIT_USAGE;
	}

	pc = NF_PORT_CONF_DEFAULT(cf.port);
	/* Enough tx queues for queue= to exist. */
	pc.nb_txq = cf.queue + 1;
	/* pktgen never receives: its port pool only fills the rx ring. */
	pc.pool_size = 512;
	if (nf_port_open(&g.port, &pc) < 0)
		return EXIT_FAIL;
	nf_port_print(&g.port);
	if (g.mode == MODE_REF &&
	    !(g.port.info.features & UK_NETDEV_F_TX_REF_SAFE)) {
		printf("pktgen: error: mode=ref: driver %s may write into "
		       "frames it sends (no UK_NETDEV_F_TX_REF_SAFE); use "
		       "mode=pool\n", uk_netdev_drv_name_get(g.port.dev));
		nf_port_close(&g.port);
		return EXIT_USAGE;
	}
	if (!arg_find("smac")->set)
		memcpy(&cf.smac, &g.port.mac, sizeof(cf.smac));
	rc = setup(&g);
	if (rc)
		return rc;
	printf("pktgen: mode=%s size=%s burst=%u flows=%u count=%" PRIu64
	       " rate=%" PRIu64 "%s\n", mode_names[g.mode], cf.size_arg,
	       cf.burst, cf.flows, cf.count, cf.rate.value,
	       cf.rate.unit == NF_RATE_BPS ? "bps" : "pps");

	t0 = ukplat_monotonic_clock();
	rc = run(&g);
	ns = ukplat_monotonic_clock() - t0;
	inflight = drain(&g);
	if (rc < 0)
		printf("pktgen: tx burst failed: %d\n", rc);
	print_done(&g, ns, inflight);
	if (g.tmpl)
		uk_netbuf_free(g.tmpl);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
