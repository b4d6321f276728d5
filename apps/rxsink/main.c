/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rxsink: receive frames in bursts, count them, validate them and follow
 * the pktgen sequence numbers; see README.md.
 *
 * Per frame (check=1): nf_parse() (bounds-checked); a parse error counts
 * as malformed, a frame without IPv4 as nonip; an IPv4 frame with a wrong
 * checksum (nf_parsed_csum_ok(): header, UDP, TCP, ICMP) as badcsum; a
 * good UDP frame carrying the pktgen header with seq > 0 feeds its
 * sender's sequence tracker, anything else counts as noseq. With check=0
 * frames are only counted.
 *
 * The clock is read on empty polls and every few bursts (<uk/nf/run.h>),
 * never per frame.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/essentials.h>
#include <uk/netdev.h>
#include <uk/netbuf.h>
#include <uk/nf/args.h>
#include <uk/nf/gen.h>
#include <uk/nf/netspeed.h>
#include <uk/nf/parse.h>
#include <uk/nf/port.h>
#include <uk/nf/run.h>
#include <uk/nf/stats.h>

#define RXSINK_BURST_MAX	256
/** Senders (source MACs) whose sequence numbers are followed. */
#define RXSINK_SENDERS		16
/** Sequence numbers remembered per sender, to tell a late frame (which
 * was counted lost) from a duplicate. A power of two. */
#define RXSINK_WINDOW		4096

/* --- arguments ----------------------------------------------------------- */

static uint16_t arg_port;
static uint16_t arg_burst;
static bool arg_check;
static bool arg_promisc;
static struct nf_run_args arg_run;

static struct nf_arg rxsink_args[] = {
	{ .name = "port", .type = NF_ARG_U16, .dst = &arg_port, .def = "0",
	  .help = "network device number", .max = 63 },
	{ .name = "burst", .type = NF_ARG_U16, .dst = &arg_burst,
	  .def = "32", .help = "frames per rx burst", .min = 1,
	  .max = RXSINK_BURST_MAX },
	NF_RUN_ARGS(&arg_run, "2s"),
	{ .name = "check", .type = NF_ARG_BOOL, .dst = &arg_check,
	  .def = "1",
	  .help = "parse and validate every frame (0: count only)" },
	{ .name = "promisc", .type = NF_ARG_BOOL, .dst = &arg_promisc,
	  .def = "1", .help = "receive frames for any MAC" },
	NF_ARG_END
};

/* --- counters ------------------------------------------------------------ */

/** Sequence state of one sender (one pktgen instance = one source MAC). */
struct rxsink_sender {
	struct nf_ether_addr mac;
	uint64_t next;			/**< highest seq seen + 1 */
	/** bit (seq % RXSINK_WINDOW) set: seq was received, for seqs in
	 * [next - RXSINK_WINDOW, next) */
	uint64_t seen[RXSINK_WINDOW / 64];
};

struct rxsink {
	uint64_t pkts, bytes;
	uint64_t lost, dup, reorder;
	uint64_t badcsum, nonip, malformed, noseq;
	unsigned int nsenders;
	struct rxsink_sender *last;	/* sender of the previous frame */
	struct rxsink_sender senders[RXSINK_SENDERS];
};

static struct rxsink rs;

static inline bool seen_test(const struct rxsink_sender *t, uint64_t seq)
{
	uint64_t b = seq % RXSINK_WINDOW;

	return (t->seen[b / 64] >> (b % 64)) & 1;
}

static inline void seen_set(struct rxsink_sender *t, uint64_t seq)
{
	uint64_t b = seq % RXSINK_WINDOW;

	t->seen[b / 64] |= 1ULL << (b % 64);
}

static inline void seen_clear(struct rxsink_sender *t, uint64_t seq)
{
	uint64_t b = seq % RXSINK_WINDOW;

	t->seen[b / 64] &= ~(1ULL << (b % 64));
}

/**
 * Account sequence number @p seq (> 0) of sender @p t. Numbers start at 1
 * (pktgen's first). A jump ahead counts the skipped numbers as lost; a
 * number below the highest one seen is a duplicate if it was received
 * already, else a late frame: reordered, and no longer lost. One older
 * than the window cannot be told apart and counts as reordered only.
 */
static void seq_account(struct rxsink_sender *t, uint64_t seq)
{
	uint64_t q;

	if (likely(seq == t->next)) {
		seen_set(t, seq);
		t->next++;
		return;
	}
	if (seq > t->next) {
		rs.lost += seq - t->next;
		if (seq - t->next >= RXSINK_WINDOW)
			memset(t->seen, 0, sizeof(t->seen));
		else
			for (q = t->next; q < seq; q++)
				seen_clear(t, q);
		seen_set(t, seq);
		t->next = seq + 1;
		return;
	}
	if (t->next - seq > RXSINK_WINDOW) {
		rs.reorder++;
	} else if (seen_test(t, seq)) {
		rs.dup++;
	} else {
		seen_set(t, seq);
		rs.reorder++;
		rs.lost--;
	}
}

/** @return the tracker of source MAC @p mac, or NULL when the table is
 *  full (that sender's frames then count as noseq) */
static struct rxsink_sender *sender_get(const struct nf_ether_addr *mac)
{
	struct rxsink_sender *t;
	unsigned int i;

	if (likely(rs.last && nf_ether_equal(&rs.last->mac, mac)))
		return rs.last;
	for (i = 0; i < rs.nsenders; i++) {
		if (nf_ether_equal(&rs.senders[i].mac, mac))
			return rs.last = &rs.senders[i];
	}
	if (rs.nsenders == RXSINK_SENDERS)
		return NULL;
	t = &rs.senders[rs.nsenders++];
	t->mac = *mac;
	t->next = 1;
	return rs.last = t;
}

static void frame_check(const struct uk_netbuf *nb)
{
	struct rxsink_sender *t;
	struct nf_parsed p;
	uint64_t seq;

	if (unlikely(nf_parse(nb->data, nb->len, &p) < 0)) {
		rs.malformed++;
		return;
	}
	if (unlikely(!(p.flags & NF_PF_IP4))) {
		rs.nonip++;
		return;
	}
	if (unlikely(!nf_parsed_csum_ok(&p))) {
		rs.badcsum++;
		return;
	}
	if (!(p.flags & NF_PF_UDP) || (p.flags & NF_PF_FRAG) ||
	    nf_gen_read(p.payload, p.payload_len, &seq, NULL) < 0 ||
	    seq == 0) {
		rs.noseq++;
		return;
	}
	t = sender_get(&p.eth->src);
	if (unlikely(!t)) {
		rs.noseq++;
		return;
	}
	seq_account(t, seq);
}

/* --- output -------------------------------------------------------------- */

static void print_stats(uint64_t now_ns)
{
	static struct nf_stats_window w;
	struct nf_netspeed s;
	char rate[80];

	/* L1 bytes, as print_netspeed(): preamble, SFD, FCS and gap */
	if (!nf_stats_window_update(&w, now_ns, rs.pkts,
				    rs.bytes + rs.pkts * NF_ETH_L1_OVERHEAD,
				    &s))
		return;
	nf_netspeed_fmt(rate, sizeof(rate), &s);
	printf("rxsink: pkts=%llu %s lost=%llu badcsum=%llu\n",
	       (unsigned long long)rs.pkts, rate,
	       (unsigned long long)rs.lost,
	       (unsigned long long)rs.badcsum);
}

static void print_done(uint64_t ns)
{
	struct nf_kv kv[] = {
		NF_KV_U("pkts", rs.pkts),
		NF_KV_U("bytes", rs.bytes),
		NF_KV_M("seconds", ns / 1000000),
		NF_KV_M("mpps", nf_run_mpps_milli(rs.pkts, ns)),
		NF_KV_U("lost", rs.lost),
		NF_KV_U("dup", rs.dup),
		NF_KV_U("reorder", rs.reorder),
		NF_KV_U("badcsum", rs.badcsum),
		NF_KV_U("nonip", rs.nonip),
		NF_KV_U("malformed", rs.malformed),
		NF_KV_U("noseq", rs.noseq),
		NF_KV_U("senders", rs.nsenders),
	};

	nf_kv_print("rxsink: done", kv, ARRAY_SIZE(kv));
}

/* --- main loop ----------------------------------------------------------- */

/**
 * Receive until a limit is reached.
 * @return 0, or the negative errno of a failed rx burst
 */
static int rxsink_run(struct uk_netdev *dev)
{
	struct uk_netbuf *pkts[RXSINK_BURST_MAX];
	struct nf_run run;
	uint16_t n, i;
	int st;

	nf_run_init(&run, &arg_run);
	print_stats(nf_run_now_ns(&run));	/* starts the rate window */
	for (;;) {
		n = nf_run_room(&run, rs.pkts, arg_burst);
		st = uk_netdev_rx_burst(dev, 0, pkts, &n);
		if (unlikely(st < 0)) {
			printf("rxsink: rx burst failed: %d\n", st);
			break;
		}
		for (i = 0; i < n; i++) {
			rs.bytes += pkts[i]->len;
			if (arg_check)
				frame_check(pkts[i]);
			uk_netbuf_free(pkts[i]);
		}
		rs.pkts += n;
		st = nf_run_after_burst(&run, n, rs.pkts);
		if (st == NF_RUN_STOP)
			break;
		if (unlikely(st == NF_RUN_STATS))
			print_stats(nf_run_now_ns(&run));
	}
	print_done(nf_run_ns(&run));
	return st < 0 ? st : 0;
}

static const char usage[] =
	"receive, count and validate frames, e.g.\n"
	"  -- idle=3s count=1M";

int main(int argc, char *argv[])
{
	struct nf_port_conf pc;
	struct nf_port port;
	int rc;

	rc = nf_run_args_parse("rxsink", usage, rxsink_args, argc, argv);
	if (rc >= 0)
		return rc;

	pc = NF_PORT_CONF_DEFAULT(arg_port);
	pc.promisc = arg_promisc;
	if (nf_port_open(&port, &pc) < 0)
		return NF_EXIT_FAIL;
	nf_port_print(&port);
	printf("rxsink: ready port=%u burst=%u check=%u\n", arg_port,
	       arg_burst, arg_check);

	rc = rxsink_run(port.dev);
	nf_port_close(&port);
	return rc < 0 ? NF_EXIT_FAIL : NF_EXIT_OK;
}
