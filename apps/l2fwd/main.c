/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l2fwd: forward the frames of port 0 out of port 1 and those of port 1
 * out of port 0, with the source MAC set to the out port's MAC and the
 * destination MAC set to dmac<out port> when given; see README.md.
 *
 * Burst in, rewrite in place, burst out: the received netbufs are sent,
 * never copied. Frames the out port's tx queue does not take are freed
 * and counted as drops. With check=1 (default) every frame goes through
 * nf_parse() and those it rejects are dropped as malformed; with check=0
 * only frames shorter than an Ethernet header are.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/essentials.h>
#include <uk/netdev.h>
#include <uk/netbuf.h>
#include <uk/nf/args.h>
#include <uk/nf/netspeed.h>
#include <uk/nf/parse.h>
#include <uk/nf/port.h>
#include <uk/nf/run.h>
#include <uk/nf/stats.h>

#define L2FWD_BURST_MAX		256

/* --- arguments ----------------------------------------------------------- */

static uint16_t arg_burst;
static bool arg_check;
static bool arg_promisc;
static struct nf_ether_addr arg_dmac[2];
static struct nf_run_args arg_run;

static struct nf_arg l2fwd_args[] = {
	{ .name = "dmac0", .type = NF_ARG_MAC, .dst = &arg_dmac[0],
	  .help = "destination MAC of frames sent out of port 0 "
		  "(default: unchanged)" },
	{ .name = "dmac1", .type = NF_ARG_MAC, .dst = &arg_dmac[1],
	  .help = "destination MAC of frames sent out of port 1 "
		  "(default: unchanged)" },
	{ .name = "burst", .type = NF_ARG_U16, .dst = &arg_burst,
	  .def = "32", .help = "frames per rx/tx burst", .min = 1,
	  .max = L2FWD_BURST_MAX },
	{ .name = "check", .type = NF_ARG_BOOL, .dst = &arg_check,
	  .def = "1", .help = "drop frames nf_parse() rejects (0: only "
			      "those shorter than 14 bytes)" },
	NF_RUN_ARGS(&arg_run, "0"),
	{ .name = "promisc", .type = NF_ARG_BOOL, .dst = &arg_promisc,
	  .def = "1", .help = "receive frames for any MAC" },
	NF_ARG_END
};

/* --- ports --------------------------------------------------------------- */

/** One side of the forwarder; counters are for this port. */
struct l2fwd_port {
	struct nf_port port;
	struct nf_ether_addr mac;	/**< source MAC of frames sent here */
	struct nf_ether_addr dmac;	/**< their destination, if set_dmac */
	bool set_dmac;
	uint64_t rx, tx, drops, malformed, bytes;
};

static struct l2fwd_port ports[2];

/** @return true if @p nb may be forwarded */
static inline bool frame_ok(const struct uk_netbuf *nb)
{
	struct nf_parsed p;

	if (unlikely(nb->len < NF_ETH_HLEN))
		return false;
	return !arg_check || nf_parse(nb->data, nb->len, &p) == 0;
}

/**
 * Receive a burst on @p in and send it out of @p out.
 * @return frames received (>= 0), or the negative errno of a failed burst
 */
static int forward(struct l2fwd_port *in, struct l2fwd_port *out,
		   uint16_t room)
{
	struct uk_netbuf *pkts[L2FWD_BURST_MAX];
	struct nf_ether_hdr *eh;
	uint16_t n = room, i, m, sent;
	int st;

	if (unlikely(!n))
		return 0;	/* count= reached by the other port */
	st = uk_netdev_rx_burst(in->port.dev, 0, pkts, &n);
	if (unlikely(st < 0))
		return st;
	for (i = 0, m = 0; i < n; i++) {
		in->bytes += pkts[i]->len;
		if (unlikely(!frame_ok(pkts[i]))) {
			in->malformed++;
			uk_netbuf_free(pkts[i]);
			continue;
		}
		eh = pkts[i]->data;
		eh->src = out->mac;
		if (out->set_dmac)
			eh->dst = out->dmac;
		pkts[m++] = pkts[i];
	}
	in->rx += n;
	if (!m)
		return n;
	st = nf_tx_or_free(out->port.dev, 0, pkts, m);
	sent = st < 0 ? 0 : st;
	out->tx += sent;
	out->drops += m - sent;
	return st < 0 ? st : n;
}

/* --- output -------------------------------------------------------------- */

/* Sum of a counter over both ports */
#define TOTAL(f)	(ports[0].f + ports[1].f)

static void print_stats(uint64_t now_ns)
{
	static struct nf_stats_window w;
	struct nf_netspeed s;
	uint64_t rx = TOTAL(rx);
	char rate[80];

	if (!nf_stats_window_update(&w, now_ns, rx, TOTAL(bytes) +
				    rx * NF_ETH_L1_OVERHEAD, &s))
		return;
	nf_netspeed_fmt(rate, sizeof(rate), &s);
	printf("l2fwd: rx0=%llu rx1=%llu %s drops=%llu malformed=%llu\n",
	       (unsigned long long)ports[0].rx,
	       (unsigned long long)ports[1].rx, rate,
	       (unsigned long long)TOTAL(drops),
	       (unsigned long long)TOTAL(malformed));
}

static void print_done(uint64_t ns)
{
	struct nf_kv kv[] = {
		NF_KV_U("rx0", ports[0].rx),
		NF_KV_U("tx0", ports[0].tx),
		NF_KV_U("rx1", ports[1].rx),
		NF_KV_U("tx1", ports[1].tx),
		NF_KV_U("drops", TOTAL(drops)),
		NF_KV_U("malformed", TOTAL(malformed)),
		NF_KV_M("seconds", ns / 1000000),
		NF_KV_M("mpps", nf_run_mpps_milli(TOTAL(tx), ns)),
		NF_KV_U("drops0", ports[0].drops),
		NF_KV_U("drops1", ports[1].drops),
	};

	nf_kv_print("l2fwd: done", kv, ARRAY_SIZE(kv));
}

/* --- main loop ----------------------------------------------------------- */

/** Forward until a limit is reached. @return 0 or a negative errno */
static int l2fwd_run(void)
{
	struct nf_run run;
	uint64_t rx = 0;
	int st, n0, n1;

	nf_run_init(&run, &arg_run);
	print_stats(nf_run_now_ns(&run));	/* starts the rate window */
	for (;;) {
		n0 = forward(&ports[0], &ports[1],
			     nf_run_room(&run, rx, arg_burst));
		if (unlikely(n0 < 0)) {
			st = n0;
			break;
		}
		rx += (unsigned int)n0;
		n1 = forward(&ports[1], &ports[0],
			     nf_run_room(&run, rx, arg_burst));
		if (unlikely(n1 < 0)) {
			st = n1;
			break;
		}
		rx += (unsigned int)n1;
		st = nf_run_after_burst(&run, (uint16_t)(n0 + n1), rx);
		if (st == NF_RUN_STOP)
			break;
		if (unlikely(st == NF_RUN_STATS))
			print_stats(nf_run_now_ns(&run));
	}
	if (st < 0)
		printf("l2fwd: burst failed: %d\n", st);
	print_done(nf_run_ns(&run));
	return st < 0 ? st : 0;
}

static const char usage[] =
	"forward port 0 <-> port 1, rewriting MACs, e.g.\n"
	"  -- dmac0=02:00:00:00:00:01 dmac1=02:00:00:00:00:02";

int main(int argc, char *argv[])
{
	struct nf_port_conf pc;
	int rc, i;

	rc = nf_run_args_parse("l2fwd", usage, l2fwd_args, argc, argv);
	if (rc >= 0)
		return rc;

	for (i = 0; i < 2; i++) {
		pc = NF_PORT_CONF_DEFAULT((unsigned int)i);
		pc.promisc = arg_promisc;
		if (nf_port_open(&ports[i].port, &pc) < 0) {
			if (i)
				nf_port_close(&ports[0].port);
			return NF_EXIT_FAIL;
		}
		nf_port_print(&ports[i].port);
		memcpy(&ports[i].mac, &ports[i].port.mac, NF_ETH_ALEN);
		ports[i].dmac = arg_dmac[i];
		ports[i].set_dmac = l2fwd_args[i].set;
	}
	printf("l2fwd: ready burst=%u check=%u\n", arg_burst, arg_check);

	rc = l2fwd_run();
	nf_port_close(&ports[0].port);
	nf_port_close(&ports[1].port);
	return rc < 0 ? NF_EXIT_FAIL : NF_EXIT_OK;
}
