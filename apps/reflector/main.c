/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * reflector: send every frame back out of the port it came in on, with
 * its Ethernet addresses swapped (swap=mac), and its IP addresses
 * (swap=ip) and UDP/TCP ports (swap=l4) too; see README.md.
 *
 * The frames are the received netbufs themselves: swapped in place and
 * handed to tx_burst, never copied. Swapping two fields of a checksummed
 * header leaves its one's-complement sum (and the pseudo-header's)
 * unchanged, so no checksum needs an update.
 *
 * swap=mac reads only the Ethernet header: frames shorter than it are
 * dropped as malformed. swap=ip and swap=l4 parse each frame with
 * nf_parse() and drop those it rejects (truncated headers, bad lengths,
 * bad header fields) as malformed; frames without IP are reflected with
 * their MACs swapped.
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

#define REFLECTOR_BURST_MAX	256

enum { SWAP_MAC, SWAP_IP, SWAP_L4 };
static const char *const swap_choices[] = { "mac", "ip", "l4", NULL };

/* --- arguments ----------------------------------------------------------- */

static uint16_t arg_port;
static uint16_t arg_burst;
static unsigned int arg_swap;
static bool arg_promisc;
static struct nf_run_args arg_run;

static struct nf_arg reflector_args[] = {
	{ .name = "port", .type = NF_ARG_U16, .dst = &arg_port, .def = "0",
	  .help = "network device number", .max = 63 },
	{ .name = "burst", .type = NF_ARG_U16, .dst = &arg_burst,
	  .def = "32", .help = "frames per rx/tx burst", .min = 1,
	  .max = REFLECTOR_BURST_MAX },
	{ .name = "swap", .type = NF_ARG_ENUM, .dst = &arg_swap,
	  .def = "mac", .choices = swap_choices,
	  .help = "what to swap: MACs; MACs and IP addresses; MACs, IP "
		  "addresses and UDP/TCP ports" },
	NF_RUN_ARGS(&arg_run, "0"),
	{ .name = "promisc", .type = NF_ARG_BOOL, .dst = &arg_promisc,
	  .def = "1", .help = "receive frames for any MAC" },
	NF_ARG_END
};

/* --- counters ------------------------------------------------------------ */

static struct {
	uint64_t rx, tx, drops, malformed;
	uint64_t bytes;		/* received */
} cnt;

/* --- per frame ----------------------------------------------------------- */

/** Swap @p len (<= 16) bytes at @p a with those at @p b. */
static inline void swap_bytes(uint8_t *a, uint8_t *b, size_t len)
{
	uint8_t t[16];

	memcpy(t, a, len);
	memcpy(a, b, len);
	memcpy(b, t, len);
}

/**
 * Rewrite one frame in place for sending back.
 * @return 0, or -1 when it is malformed (the caller drops it)
 */
static int reflect(struct uk_netbuf *nb)
{
	uint8_t *f = nb->data;
	struct nf_parsed p;

	if (arg_swap == SWAP_MAC) {
		if (unlikely(nb->len < NF_ETH_HLEN))
			return -1;
		nf_ether_swap((struct nf_ether_hdr *)f);
		return 0;
	}
	if (unlikely(nf_parse(f, nb->len, &p) < 0))
		return -1;
	nf_ether_swap((struct nf_ether_hdr *)f);
	if (p.flags & NF_PF_IP4)
		swap_bytes(f + p.l3_off + offsetof(struct nf_ip4_hdr, src),
			   f + p.l3_off + offsetof(struct nf_ip4_hdr, dst),
			   sizeof(p.ip4->src));
	else if (p.flags & NF_PF_IP6)
		swap_bytes(f + p.l3_off + offsetof(struct nf_ip6_hdr, src),
			   f + p.l3_off + offsetof(struct nf_ip6_hdr, dst),
			   NF_IP6_ALEN);
	/* UDP and TCP both start with the source and destination ports */
	if (arg_swap == SWAP_L4 && (p.flags & NF_PF_L4) &&
	    (p.flags & (NF_PF_UDP | NF_PF_TCP)))
		swap_bytes(f + p.l4_off, f + p.l4_off + 2, 2);
	return 0;
}

/* --- output -------------------------------------------------------------- */

static void print_stats(uint64_t now_ns)
{
	static struct nf_stats_window w;
	struct nf_netspeed s;
	char rate[80];

	if (!nf_stats_window_update(&w, now_ns, cnt.rx,
				    cnt.bytes + cnt.rx * NF_ETH_L1_OVERHEAD,
				    &s))
		return;
	nf_netspeed_fmt(rate, sizeof(rate), &s);
	printf("reflector: rx=%llu tx=%llu %s drops=%llu malformed=%llu\n",
	       (unsigned long long)cnt.rx, (unsigned long long)cnt.tx, rate,
	       (unsigned long long)cnt.drops,
	       (unsigned long long)cnt.malformed);
}

static void print_done(uint64_t ns)
{
	struct nf_kv kv[] = {
		NF_KV_U("rx", cnt.rx),
		NF_KV_U("tx", cnt.tx),
		NF_KV_U("drops", cnt.drops),
		NF_KV_U("malformed", cnt.malformed),
		NF_KV_M("seconds", ns / 1000000),
		NF_KV_M("mpps", nf_run_mpps_milli(cnt.tx, ns)),
		NF_KV_U("bytes", cnt.bytes),
	};

	nf_kv_print("reflector: done", kv, ARRAY_SIZE(kv));
}

/* --- main loop ----------------------------------------------------------- */

/**
 * Reflect until a limit is reached.
 * @return 0, or the negative errno of a failed burst
 */
static int reflector_run(struct uk_netdev *dev)
{
	struct uk_netbuf *pkts[REFLECTOR_BURST_MAX];
	struct nf_run run;
	uint16_t n, i, m, sent;
	int st;

	nf_run_init(&run, &arg_run);
	print_stats(nf_run_now_ns(&run));	/* starts the rate window */
	for (;;) {
		n = nf_run_room(&run, cnt.rx, arg_burst);
		st = uk_netdev_rx_burst(dev, 0, pkts, &n);
		if (unlikely(st < 0)) {
			printf("reflector: rx burst failed: %d\n", st);
			break;
		}
		/* Keep the good frames at the front of pkts, in order. */
		for (i = 0, m = 0; i < n; i++) {
			cnt.bytes += pkts[i]->len;
			if (likely(reflect(pkts[i]) == 0)) {
				pkts[m++] = pkts[i];
			} else {
				cnt.malformed++;
				uk_netbuf_free(pkts[i]);
			}
		}
		cnt.rx += n;
		if (m) {
			st = nf_tx_or_free(dev, 0, pkts, m);
			sent = st < 0 ? 0 : st;
			cnt.tx += sent;
			cnt.drops += m - sent;
			if (unlikely(st < 0)) {
				printf("reflector: tx burst failed: %d\n", st);
				break;
			}
		}
		st = nf_run_after_burst(&run, n, cnt.rx);
		if (st == NF_RUN_STOP)
			break;
		if (unlikely(st == NF_RUN_STATS))
			print_stats(nf_run_now_ns(&run));
	}
	print_done(nf_run_ns(&run));
	return st < 0 ? st : 0;
}

static const char usage[] =
	"send every frame back, addresses swapped, e.g.\n"
	"  -- swap=l4 duration=60s";

int main(int argc, char *argv[])
{
	struct nf_port_conf pc;
	struct nf_port port;
	int rc;

	rc = nf_run_args_parse("reflector", usage, reflector_args, argc, argv);
	if (rc >= 0)
		return rc;

	pc = NF_PORT_CONF_DEFAULT(arg_port);
	pc.promisc = arg_promisc;
	if (nf_port_open(&port, &pc) < 0)
		return NF_EXIT_FAIL;
	nf_port_print(&port);
	printf("reflector: ready port=%u burst=%u swap=%s\n", arg_port,
	       arg_burst, swap_choices[arg_swap]);

	rc = reflector_run(port.dev);
	nf_port_close(&port);
	return rc < 0 ? NF_EXIT_FAIL : NF_EXIT_OK;
}
